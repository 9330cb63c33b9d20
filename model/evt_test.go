package model_test

import (
	"context"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/evt"
	"eventlens/model/evt/evtwrite"
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
		reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource(name, data)},
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
		loadBytes(t, name, data)
	}
}
