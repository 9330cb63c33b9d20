package query

import (
	"slices"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/store"
)

// templateEvents are events whose shown message comes from a template: an
// EVTX SCM 7036 (no message: a database renders it), one with a catalog
// entry (the catalog's template wins over the database's), and one that
// carries its own message (neither template is shown).
var templateEvents = []model.Event{
	{RecordID: 1, Time: time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC), Provider: "Service Control Manager", EventID: 7036,
		Data: []model.Data{{Name: "param1", Value: "Windows Update"}, {Name: "param2", Value: "running"}}},
	{RecordID: 2, Time: time.Date(2011, 6, 2, 0, 0, 0, 0, time.UTC), Provider: "Service Control Manager", EventID: 7036,
		Data: []model.Data{{Name: "param1", Value: "BITS"}, {Name: "param2", Value: "stopped"}}, CatalogID: "scm-7036"},
	{RecordID: 3, Time: time.Date(2011, 6, 3, 0, 0, 0, 0, time.UTC), Provider: "Service Control Manager", EventID: 7036,
		Message: "Der Dienst wurde gestartet."},
	{RecordID: 4, Time: time.Date(2011, 6, 4, 0, 0, 0, 0, time.UTC), Provider: "Other", EventID: 1},
}

// fakeTemplates stands for what the catalog and a message database give:
// static texts joined by store.Sep.
func fakeTemplates() *Templates {
	return &Templates{
		Catalog: map[string]string{"scm-7036": "サービス" + store.Sep + "が" + store.Sep + "状態になりました。"},
		Database: func(ev *model.Event) string {
			if ev.Provider == "Service Control Manager" && ev.EventID == 7036 {
				return "The " + store.Sep + " service entered the " + store.Sep + " state."
			}
			return ""
		},
	}
}

func TestTemplates(t *testing.T) {
	tests := []struct {
		q         string
		plain, tm []uint64 // record IDs matched without and with templates
	}{
		{`"entered the"`, nil, []uint64{1}},
		{"STATE", nil, []uint64{1}},
		{"状態", nil, []uint64{2}},
		{"running", []uint64{1}, []uint64{1}},   // an insertion string: found either way
		{"gestartet", []uint64{3}, []uint64{3}}, // the event's own message
		{"-state", []uint64{1, 2, 3, 4}, []uint64{2, 3, 4}},
		{`"update service"`, nil, nil},            // spans an insertion string: not found
		{"state id:7036 -サービス", nil, []uint64{1}}, // with other terms
	}
	s := store.New()
	s.Add(slices.Clone(templateEvents))
	tm := fakeTemplates()
	tm.Update(s)
	for _, tt := range tests {
		q := MustParse(tt.q, now)
		bound := q.WithTemplates(tm)
		for _, c := range []struct {
			q    *Query
			want []uint64
		}{{q, tt.plain}, {bound, tt.tm}} {
			var byMatch, bySelect []uint64
			for i := range templateEvents {
				ev := s.At(i)
				if c.q.Match(ev) {
					byMatch = append(byMatch, ev.RecordID)
				}
			}
			for _, i := range Select(s, c.q, nil) {
				bySelect = append(bySelect, s.At(int(i)).RecordID)
			}
			if !slices.Equal(byMatch, c.want) || !slices.Equal(bySelect, c.want) {
				t.Errorf("%q (templates %v): Match %v, Select %v, want %v", tt.q, c.q == bound, byMatch, bySelect, c.want)
			}
		}
	}
}

// TestTemplatesUpdate checks that events added after the templates were
// built are found once Update has seen them, and that Narrow agrees.
func TestTemplatesUpdate(t *testing.T) {
	s := store.New()
	s.Add(slices.Clone(templateEvents[:1]))
	tm := fakeTemplates()
	tm.Update(s)
	s.Add(slices.Clone(templateEvents[1:]))
	q := MustParse("state", now).WithTemplates(tm)
	if got := Select(s, q, nil); len(got) != 1 {
		t.Fatalf("before Update: %v, want slot 0 only", got)
	}
	tm.Update(s)
	all := Select(s, nil, nil)
	if got := Narrow(s, q, all, nil); !slices.Equal(got, []int32{0}) {
		t.Fatalf("Narrow: %v, want [0]", got)
	}
	// The database's text of a catalog-rendered event is never searched.
	if got := Select(s, MustParse("entered", now).WithTemplates(tm), nil); !slices.Equal(got, []int32{0}) {
		t.Fatalf("entered: %v, want [0]", got)
	}
	var nilT *Templates
	nilT.Update(s) // a nil Templates adds nothing and does not fail
	if got := Select(s, MustParse("state", now).WithTemplates(nil), nil); len(got) != 0 {
		t.Fatalf("nil templates: %v", got)
	}
}
