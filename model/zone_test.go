package model_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Tokyo on machines without a zone database

	"eventlens/model"
	"eventlens/model/evt/evtwrite"
	"eventlens/model/evtxwrite"
	"eventlens/model/export"
)

func TestParseZone(t *testing.T) {
	tests := []struct {
		in, want string // want: the zone's name; "" for an error
		offset   int
	}{
		{"UTC", "UTC", 0},
		{"z", "UTC", 0},
		{"Asia/Tokyo", "Asia/Tokyo", 9 * 3600},
		{"+09:00", "+09:00", 9 * 3600},
		{"+9", "+09:00", 9 * 3600},
		{"-0530", "-05:30", -(5*3600 + 30*60)},
		{"+14:00", "+14:00", 14 * 3600},
		{"+15:00", "", 0},
		{"+09:0", "", 0},
		{"+", "", 0},
		{"Mars/Olympus", "", 0},
		{"", "", 0},
	}
	jan := time.Date(2011, 1, 15, 12, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		loc, err := model.ParseZone(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseZone(%q) = %v, want an error", tt.in, loc)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseZone(%q): %v", tt.in, err)
			continue
		}
		if _, off := jan.In(loc).Zone(); loc.String() != tt.want || off != tt.offset {
			t.Errorf("ParseZone(%q) = %s %d, want %s %d", tt.in, loc, off, tt.want, tt.offset)
		}
	}
	if model.ZoneKey(time.Local) == model.ZoneKey(time.UTC) || model.ZoneKey(nil) != "" {
		t.Error("ZoneKey does not tell zones apart")
	}
}

// A zone-less file's zone is named with the offsets in effect over its
// events, never an offset taken from today: June in Amsterdam is +02:00.
func TestZoneLabel(t *testing.T) {
	zone := func(s string) *time.Location {
		loc, err := model.ParseZone(s)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	jan := time.Date(2011, 1, 15, 12, 0, 0, 0, time.UTC)
	jun := time.Date(2011, 6, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		zone  string
		times []time.Time
		want  string
	}{
		{"Europe/Amsterdam", []time.Time{jun}, "Europe/Amsterdam UTC+02:00"},
		{"Europe/Amsterdam", []time.Time{jan}, "Europe/Amsterdam UTC+01:00"},
		{"Europe/Amsterdam", []time.Time{jun, jan, jun}, "Europe/Amsterdam UTC+01:00/+02:00"},
		{"America/New_York", []time.Time{jan, jun}, "America/New_York UTC-05:00/-04:00"},
		{"Asia/Tokyo", []time.Time{jan, jun}, "Asia/Tokyo UTC+09:00"},
		{"+09:00", []time.Time{jun}, "UTC+09:00"},
		{"-0530", []time.Time{jun}, "UTC-05:30"},
		{"UTC", []time.Time{jun}, "UTC"},
		{"Europe/Amsterdam", nil, "Europe/Amsterdam"}, // no events: the name alone
	}
	for _, tt := range tests {
		loc := zone(tt.zone)
		offs := model.NewZoneOffsets(loc)
		for _, at := range tt.times {
			offs.Add([]model.Event{{Time: at}})
		}
		rep := model.FileReport{Format: "eventviewer-csv"}
		model.NoteZone(&rep, loc, offs)
		if rep.Zone != tt.want || rep.ZoneLocal {
			t.Errorf("%s over %v: %q (local %v), want %q", tt.zone, tt.times, rep.Zone, rep.ZoneLocal, tt.want)
		}
	}
	rep := model.FileReport{Format: "evtx"}
	if model.NoteZone(&rep, time.UTC, nil); rep.Zone != "" {
		t.Errorf("an .evtx carries its zone, but its report names %q", rep.Zone)
	}
	rep = model.FileReport{Format: "eventviewer-csv"}
	if model.NoteZone(&rep, time.Local, nil); !rep.ZoneLocal || rep.Zone == "" {
		t.Errorf("this machine's zone: %+v", rep)
	}
}

// The list's column title names a zone with summer time by both its
// names: the times under it may be in either, whatever today is.
func TestZoneAbbrev(t *testing.T) {
	for _, tt := range []struct{ zone, want string }{
		{"Asia/Tokyo", "JST"},
		{"UTC", "UTC"},
		{"+09:00", "+09:00"},
		{"Europe/Amsterdam", "CET/CEST"},
		{"America/New_York", "EST/EDT"},
		{"Australia/Sydney", "AEST/AEDT"},
	} {
		loc, err := model.ParseZone(tt.zone)
		if err != nil {
			t.Fatal(err)
		}
		if got := model.ZoneAbbrev(loc); got != tt.want {
			t.Errorf("ZoneAbbrev(%s) = %q, want %q", tt.zone, got, tt.want)
		}
	}
}

// TestMixedTimeline: a legacy .evt, an .evtx, an Event Viewer XML export
// and a CSV export from one machine in Tokyo load into one timeline in the
// order the events happened, the CSV's zone-less times read in the zone
// given.
func TestMixedTimeline(t *testing.T) {
	tokyo, err := model.ParseZone("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2011, 6, 1, 10, 0, 0, 0, time.UTC)
	ev := func(id uint16, at time.Duration) *model.Event {
		return &model.Event{RecordID: uint64(id), Time: t0.Add(at), Level: model.LevelInformation, Provider: "Order-Test",
			EventID: id, Channel: "System", Computer: "HV01", Decoded: true}
	}
	dir := t.TempDir()
	write := func(name string, fill func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := fill(&b); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	evtx := write("System.evtx", func(b *bytes.Buffer) error {
		return evtxwrite.Write(b, slices.Values([]*model.Event{ev(1, 0), ev(4, 3*time.Minute)}), evtxwrite.Options{})
	})
	xml := write("System.xml", func(b *bytes.Buffer) error {
		return export.Write(b, export.XML, slices.Values([]*model.Event{ev(2, time.Minute)}), export.Options{})
	})
	// 10:02 UTC is 19:02 in Tokyo, as Event Viewer writes it there.
	csv := write("System.csv", func(b *bytes.Buffer) error {
		_, err := b.WriteString("Level,Date and Time,Source,Event ID,Task Category\r\n" +
			"Information,6/1/2011 7:02:00 PM,Order-Test,3,None,\"third\"\r\n")
		return err
	})
	legacy := write("SysEvent.evt", func(b *bytes.Buffer) error {
		data, err := evtwrite.Write([]evtwrite.Record{{Number: 1, Generated: t0.Add(4 * time.Minute),
			EventID: 5, Type: 4, Source: "Order-Test", Computer: "HV01"}}, evtwrite.Layout{})
		b.Write(data)
		return err
	})
	inputs := []string{csv, legacy, xml, evtx}

	load := func(loc *time.Location) ([]model.Event, []model.FileReport) {
		var evs []model.Event
		reps, err := model.Load(context.Background(), inputs, model.LoadOptions{Location: loc}, func(u model.Update) {
			evs = append(evs, u.Events...)
		})
		if err != nil {
			t.Fatal(err)
		}
		ptrs := make([]*model.Event, len(evs))
		for i := range evs {
			ptrs[i] = &evs[i]
		}
		sort.SliceStable(ptrs, func(i, j int) bool { return model.Less(ptrs[i], ptrs[j]) })
		out := make([]model.Event, len(ptrs))
		for i, p := range ptrs {
			out[i] = *p
		}
		return out, reps
	}

	evs, reps := load(tokyo)
	if len(evs) != 5 {
		t.Fatalf("%d events: %+v", len(evs), reps)
	}
	for i, e := range evs {
		if want := t0.Add(time.Duration(i) * time.Minute); e.EventID != uint16(i+1) || !e.Time.Equal(want) {
			t.Errorf("event %d: ID %d at %s, want ID %d at %s", i, e.EventID, e.Time.UTC(), i+1, want)
		}
	}
	for _, r := range reps {
		want := ""
		if r.Path == csv {
			want = "Asia/Tokyo UTC+09:00"
		}
		if r.Zone != want {
			t.Errorf("%s: report zone %q, want %q", filepath.Base(r.Path), r.Zone, want)
		}
	}

	// Read as UTC, the CSV's event is nine hours late: the zone matters.
	evs, _ = load(time.UTC)
	if last := evs[len(evs)-1]; last.EventID != 3 || !last.Time.Equal(t0.Add(9*time.Hour+2*time.Minute)) {
		t.Errorf("read as UTC: last event %d at %s", last.EventID, last.Time)
	}
}
