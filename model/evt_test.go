package model_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/evt"
	"eventlens/model/evt/evtwrite"
	"eventlens/model/modeltest"
)

// TestLoadEVT: a legacy .evt log is recognised by content, whatever its
// name, and its events join the timeline like any other.
func TestLoadEVT(t *testing.T) {
	t0 := time.Date(2011, 3, 2, 3, 0, 0, 0, time.UTC)
	recs := []evtwrite.Record{
		{Number: 1, Generated: t0, EventID: 0x8004000D, Type: evt.TypeWarning, Source: "Netvsc", Computer: "LEGACY03", Strings: []string{""}},
		{Number: 2, Generated: t0.Add(time.Second), EventID: 0xC0001B5D, Type: evt.TypeError, Source: "Service Control Manager", Computer: "LEGACY03", Strings: []string{"LoadUserProfile", "The device is not ready. "}},
	}
	data, err := evtwrite.Write(recs, evtwrite.Layout{Size: 48 + 512, Start: 400})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"SysEvent.Evt", "copy-from-guest.bin"} {
		var evs []model.Event
		src := model.BytesSource(name, data)
		reps, err := model.LoadSources(context.Background(), []model.Source{src},
			model.LoadOptions{}, func(u model.Update) { evs = append(evs, u.Events...) })
		if err != nil {
			t.Fatal(err)
		}
		r := reps[0]
		if r.Err != nil || r.Format != "evt" || r.RecordsDecoded != 2 || !r.Clean() {
			t.Fatalf("%s: report %+v", name, r)
		}
		if len(evs) != 2 || evs[1].EventID != 7005 || evs[1].Provider != "Service Control Manager" || evs[1].Data[0].Value != "LoadUserProfile" {
			t.Fatalf("%s: events %+v", name, evs)
		}
		if raw, err := model.ReadRawXML(src, &evs[1]); err != nil || !strings.Contains(raw, "<EventRecordID>2</EventRecordID>") {
			t.Errorf("%s: RawXML = %q, %v", name, raw, err)
		}
		loadBytes(t, name, data)
	}
}

// TestLoadEVTMixed: .evt logs merge with EVTX, XML and CSV into one
// timeline in time order.
func TestLoadEVTMixed(t *testing.T) {
	inputs := []string{"../testdata/evt/xp-sysevent.evt", "../testdata/evt/w2000-appevent-dirty.evt",
		"../testdata/evtx/guests.evtx", "../testdata/catalog/guests.xml", "../testdata/evtext/en-us.csv"}
	evs, reps, err := modeltest.LoadAll(context.Background(), inputs, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]int{}
	for _, r := range reps {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
		formats[r.Format]++
	}
	if formats["evt"] != 2 || formats["evtx"] != 1 || formats["xml"] != 1 || len(formats) != 4 {
		t.Fatalf("formats %v", formats)
	}
	perFile := map[string]int{}
	for i := range evs {
		perFile[evs[i].File]++
		if i > 0 && model.Less(&evs[i], &evs[i-1]) {
			t.Fatalf("event %d (%s %v) before event %d (%s %v)", i, evs[i].File, evs[i].Time, i-1, evs[i-1].File, evs[i-1].Time)
		}
	}
	// The guests' .evt events fall between the XML and EVTX fixtures'
	// events of the same morning: the timeline interleaves the files.
	switches := 0
	for i := 1; i < len(evs); i++ {
		if evs[i].File != evs[i-1].File {
			switches++
		}
	}
	if switches < len(inputs) {
		t.Errorf("files not interleaved: %d switches", switches)
	}
	if perFile[inputs[0]] != 8 || perFile[inputs[1]] != 5 {
		t.Errorf("events per file %v", perFile)
	}
}

// FuzzLoadEVT feeds arbitrary bytes to the load path seeded with the .evt
// fixtures: sniffing, the record scan, the report and the raw view.
func FuzzLoadEVT(f *testing.F) {
	entries, _ := os.ReadDir("../testdata/evt")
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join("../testdata/evt", e.Name())); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		loadBytes(t, "fuzz.evt", data)
	})
}
