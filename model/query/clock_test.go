package query

import (
	"testing"
	"time"

	"eventlens/model"
)

// Times written without an offset are read in the zone times are shown in
// (Clock's zone), whoever parses the query: the same text selects the same
// events in the viewer, export, triage and serve, before and after binding
// VMs.
func TestClockZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// 10:15:30 in Tokyo, as an Event Viewer CSV export read with --tz Asia/Tokyo.
	ev := &model.Event{Time: time.Date(2011, 6, 1, 1, 15, 30, 0, time.UTC)}
	const src = `after:"2011-06-01 10:00" before:"2011-06-01 10:30"`
	tests := []struct {
		loc   *time.Location
		match bool
	}{
		{tokyo, true},
		{time.UTC, false},
		{time.FixedZone("+09:00", 9*3600), true},
	}
	for _, tt := range tests {
		q := MustParse(src, Clock(now, tt.loc))
		if got := q.Match(ev); got != tt.match {
			t.Errorf("%s: Match = %v, want %v", tt.loc, got, tt.match)
		}
		// Binding VMs keeps the zone: terms edited on the bound query are
		// read in it too.
		bound := MustParse("vm:VM01 "+src, Clock(now, tt.loc)).WithVMs(nil)
		if !bound.Has(`after:"2011-06-01 10:00"`) {
			t.Errorf("%s: the query bound to VMs lost its zone", tt.loc)
		}
	}
	if got := Clock(now, nil).Location(); got != time.Local {
		t.Errorf("Clock(now, nil) is in %s, want this machine's zone", got)
	}
}
