package catalog

import (
	"context"
	"path/filepath"
	"testing"

	"eventlens/model"
	"eventlens/model/modeltest"
)

// TestLegacyEVT: the guests' events in the .evt fixtures (written by
// go generate ./model/evt/...) are classified as their EVTX counterparts.
func TestLegacyEVT(t *testing.T) {
	want := map[string]map[uint64]string{
		"xp-sysevent.evt":              {638: "nec.netvsc-13", 640: "nec.scm-7005", 642: "nec.scm-7005"},
		"xp-sysevent-damaged.evt":      {638: "nec.netvsc-13", 640: "nec.scm-7005", 642: "nec.scm-7005"},
		"w2003-sysevent-wrapped.evt":   {1204: "nec.netvsc-13", 1206: "nec.vds-1"},
		"w2003-sysevent-truncated.evt": {1204: "nec.netvsc-13", 1206: "nec.vds-1"},
		"w2003-sysevent-skipfill.evt":  {1204: "nec.netvsc-13", 1206: "nec.vds-1"},
		"w2000-appevent-dirty.evt":     {77: "nec.eventsystem-4098", 78: "nec.eventsystem-4106", 79: "nec.eventsystem-4098"},
		"xp-secevent.evt":              {},
	}
	evs, reps, err := modeltest.LoadAll(context.Background(), []string{"../testdata/evt"}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != len(want) {
		t.Fatalf("%d files loaded, want %d", len(reps), len(want))
	}
	for _, r := range reps {
		if r.Format != "evt" || r.Err != nil {
			t.Errorf("%s: format %q, error %v", r.Path, r.Format, r.Err)
		}
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ptrs := make([]*model.Event, len(evs))
	for i := range evs {
		ptrs[i] = &evs[i]
	}
	c.NewClassification().Classify(ptrs)
	for _, ev := range ptrs {
		file := filepath.Base(ev.File)
		id := want[file][ev.RecordID]
		if ev.CatalogID != id {
			t.Errorf("%s record %d (%s %d): catalog entry %q, want %q", file, ev.RecordID, ev.Provider, ev.EventID, ev.CatalogID, id)
		}
		if id != "" && ev.Class == model.ClassUnknown {
			t.Errorf("%s record %d: class unknown", file, ev.RecordID)
		}
	}
}
