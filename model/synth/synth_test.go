package synth_test

import (
	"reflect"
	"testing"

	"eventlens/catalog"
	"eventlens/model"
	"eventlens/model/synth"
)

func TestEvents(t *testing.T) {
	a, b := synth.Events(20_000, 1), synth.Events(20_000, 1)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different events")
	}
	files := map[string]uint64{}
	providers := map[string]int{}
	text := 0
	for i := range a {
		e := &a[i]
		if i > 0 && e.Time.Before(a[i-1].Time) {
			t.Fatalf("event %d out of time order", i)
		}
		if e.RecordID != files[e.File]+1 {
			t.Fatalf("event %d: record %d of %s, want %d", i, e.RecordID, e.File, files[e.File]+1)
		}
		files[e.File] = e.RecordID
		providers[e.Provider]++
		for _, d := range e.Data {
			text += len(d.Value) + 1
		}
		for _, d := range e.UserData {
			text += len(d.Value) + 1
		}
	}
	if len(files) != 3 || len(providers) < 18 {
		t.Errorf("%d files, %d providers: not the mix", len(files), len(providers))
	}
	// The corpus logs: System's Schannel pair dominates; Security events
	// carry about 190 bytes of values. The mix averages some tens of bytes.
	if avg := text / len(a); avg < 40 || avg > 120 {
		t.Errorf("average data size %d bytes, want 40–120", avg)
	}
}

// TestCatalogEvents checks that the generator gives the catalog work: some
// events of every class the built-in catalog can decide from one log.
func TestCatalogEvents(t *testing.T) {
	evs := synth.Events(50_000, 2)
	ptrs := make([]*model.Event, len(evs))
	for i := range evs {
		ptrs[i] = &evs[i]
	}
	catalog.Builtin().NewClassification().Classify(ptrs)
	ids := map[string]int{}
	for _, e := range ptrs {
		if e.CatalogID != "" {
			ids[e.CatalogID]++
		}
	}
	if len(ids) < 8 {
		t.Errorf("catalog entries matched: %v, want at least 8", ids)
	}
}
