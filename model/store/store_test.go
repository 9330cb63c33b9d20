package store

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
	"unsafe"

	"eventlens/model"
)

var base = time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC)

// file makes n events of one file, one second apart from start, with
// record IDs from 1.
func file(name string, start time.Duration, n int) []model.Event {
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = model.Event{
			File: name, RecordID: uint64(i + 1), Time: base.Add(start + time.Duration(i)*time.Second),
			Provider: string([]byte("Service Control Manager")), Channel: "System",
			Data:     []model.Data{{Name: string([]byte("param1")), Value: fmt.Sprint(i)}, {Value: "unnamed"}},
			UserData: []model.Data{{Name: "A/B", Value: "ud"}},
			Message:  "message " + fmt.Sprint(i),
		}
	}
	return evs
}

func checkOrder(t *testing.T, s *Store) {
	t.Helper()
	if len(s.Order()) != s.Len() {
		t.Fatalf("%d order entries for %d events", len(s.Order()), s.Len())
	}
	syms := s.Symbols()
	for i := range s.Len() {
		k, e := s.Key(i), s.At(i)
		if k.Time != UnixNanoSat(e.Time) || k.EventID != e.EventID || k.Level != e.Level ||
			syms[k.Provider] != e.Provider || syms[k.Source] != e.EventSourceName ||
			syms[k.Channel] != e.Channel || syms[k.Computer] != e.Computer {
			t.Fatalf("key %d = %+v does not match its event", i, k)
		}
		want := e.Message
		for _, d := range e.Data {
			want += Sep + d.Value
		}
		for _, d := range e.UserData {
			want += Sep + d.Value
		}
		if s.Text(i) != want {
			t.Fatalf("text %d = %q, want %q", i, s.Text(i), want)
		}
	}
	seen := make([]bool, s.Len())
	for _, i := range s.Order() {
		if seen[i] {
			t.Fatalf("slot %d twice in Order", i)
		}
		seen[i] = true
	}
	o := s.Order()
	for i := 1; i < len(o); i++ {
		a, b := s.At(int(o[i-1])), s.At(int(o[i]))
		if model.Less(b, a) {
			t.Fatalf("events %d and %d out of order: %v %s#%d, %v %s#%d", i-1, i,
				a.Time, a.File, a.RecordID, b.Time, b.File, b.RecordID)
		}
	}
	if s.Sorted() && !slices.IsSorted(o) {
		t.Fatal("Sorted but Order is not the identity")
	}
}

func TestAddInterleaved(t *testing.T) {
	a := file("a.evtx", 0, 1000)
	b := file("b.evtx", 500*time.Millisecond, 1000)
	c := file("c.evtx", -time.Hour, 300) // entirely before the others
	s := New()
	var versions []uint64
	for i := 0; i < 1000; i += 100 {
		s.Add(a[i : i+100 : i+100])
		s.Add(b[i : i+100 : i+100])
		versions = append(versions, s.Version())
	}
	s.Add(c)
	s.Add(nil)
	if s.Len() != 2300 {
		t.Fatalf("Len = %d, want 2300", s.Len())
	}
	checkOrder(t, s)
	if e := s.At(int(s.Order()[0])); e.File != "c.evtx" {
		t.Errorf("first in timeline = %s, want c.evtx", e.File)
	}
	if e := s.At(int(s.Order()[300])); !reflect.DeepEqual(*e, a[0]) {
		t.Errorf("Order()[300] = %+v, want %+v", *e, a[0])
	}
	if s.Sorted() {
		t.Error("Sorted after adding out of order")
	}
	if !slices.IsSorted(versions) || versions[0] == versions[len(versions)-1] {
		t.Errorf("versions do not increase: %v", versions)
	}
	if s.Version() != 21 {
		t.Errorf("Version = %d after 21 non-empty Adds", s.Version())
	}
}

func TestAddShuffled(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s := New()
	var all []model.Event
	for range 50 {
		n := r.IntN(200)
		evs := make([]model.Event, n)
		for i := range evs {
			evs[i] = model.Event{
				File:     fmt.Sprintf("f%d", r.IntN(3)),
				RecordID: uint64(r.IntN(1000)),
				Time:     base.Add(time.Duration(r.IntN(100)) * time.Second),
				Provider: fmt.Sprintf("p%d", r.IntN(5)), Computer: fmt.Sprintf("c%d", r.IntN(5)),
				EventID: uint16(r.IntN(10)), Level: model.Level(r.IntN(5)),
			}
		}
		all = append(all, evs...)
		s.Add(evs)
		checkOrder(t, s)
	}
	if s.Len() != len(all) {
		t.Fatalf("Len = %d, want %d", s.Len(), len(all))
	}
	for i := range all {
		if got := s.At(i); !reflect.DeepEqual(*got, all[i]) {
			t.Fatalf("slot %d = %+v, want %+v", i, *got, all[i])
		}
	}
}

// TestRoundTrip checks that every field survives the compact form,
// including values that contain Sep and times Key.Time cannot hold.
func TestRoundTrip(t *testing.T) {
	evs := []model.Event{
		{
			File: "a.evtx", Offset: 4096, RecordID: 7, Time: base.Add(123456789), Level: model.LevelWarning,
			Provider: "P", ProviderGUID: "{G}", EventSourceName: "S", EventID: 7036, Qualifiers: 16384, HasQualifiers: true,
			Version: 2, Channel: "System", Computer: "HOST", UserSID: "S-1-5-18", Task: 3, TaskName: "Logon", Opcode: 1,
			Keywords: 0x8080000000000000, ProcessID: 480, ThreadID: 552,
			Data:   []model.Data{{Name: "param1", Value: "Windows Update"}, {Value: "unnamed"}},
			Binary: "0A0B", UserData: []model.Data{{Name: "A/B", Value: "ud"}},
			Message: "The service entered the running state.", MessageCulture: "en-US", Decoded: true,
			Class: model.ClassHarmless, CatalogID: "scm-7036",
		},
		{File: "a.evtx", Offset: -1, RecordID: 8, DecodeError: "bad template"}, // zero time, no data
		{File: "b.xml", RecordID: 1, Time: time.Date(30000, 1, 1, 0, 0, 0, 0, time.UTC), Data: []model.Data{},
			Message: "m\x00sg", UserData: []model.Data{{Name: "x", Value: "a\x00b"}, {Name: "y", Value: ""}}},
		{File: "b.xml", RecordID: 2, Time: base, Data: []model.Data{{Name: "z", Value: "\x00"}}},
	}
	s := New()
	s.Add(evs)
	for i := range evs {
		if got := s.At(i); !reflect.DeepEqual(*got, evs[i]) {
			t.Errorf("slot %d:\n got %+v\nwant %+v", i, *got, evs[i])
		}
	}
	// Event reuses dst's arrays and clears what the event does not have.
	var e model.Event
	s.Event(0, &e)
	s.Event(1, &e)
	if !reflect.DeepEqual(e, evs[1]) {
		t.Errorf("Event into a used dst = %+v, want %+v", e, evs[1])
	}
	s.SetClass(1, model.ClassAttention, "x-1")
	if s.Class(1) != model.ClassAttention || s.CatalogID(1) != "x-1" || s.At(1).CatalogID != "x-1" {
		t.Error("SetClass not kept")
	}
	if got := s.Order(); !slices.Equal(got, []int32{1, 3, 0, 2}) {
		t.Errorf("Order = %v, want [1 3 0 2]", got)
	}
}

// TestMerge checks Merge against sorting everything, for batches that land
// before, inside and after what is there.
func TestMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	s := New()
	var evs []model.Event
	for i := range 3000 {
		evs = append(evs, model.Event{File: fmt.Sprint("f", r.IntN(2)), RecordID: uint64(i), Time: base.Add(time.Duration(r.IntN(500)) * time.Second)})
	}
	s.Add(evs)
	var rows []int32
	for lo := 0; lo < len(evs); {
		hi := min(lo+r.IntN(300)+1, len(evs))
		var add []int32
		for i := lo; i < hi; i++ {
			if r.IntN(3) > 0 {
				add = append(add, int32(i))
			}
		}
		rows = s.Merge(rows, add)
		lo = hi
	}
	if !slices.IsSortedFunc(rows, func(a, b int32) int { return s.Compare(int(a), int(b)) }) {
		t.Fatal("Merge result out of timeline order")
	}
	if !slices.IsSortedFunc(s.Order(), func(a, b int32) int { return s.Compare(int(a), int(b)) }) {
		t.Fatal("Order out of timeline order")
	}
}

func TestIntern(t *testing.T) {
	s := New()
	s.Add(file("a.evtx", 0, 10))
	s.Add(file("b.evtx", 0, 10))
	p0, p1 := s.At(0), s.At(19)
	if unsafe.StringData(p0.Provider) != unsafe.StringData(p1.Provider) {
		t.Error("provider not interned")
	}
	if unsafe.StringData(p0.Data[0].Name) != unsafe.StringData(p1.Data[0].Name) {
		t.Error("data name not interned")
	}
}

func BenchmarkAddInterleaved(b *testing.B) {
	const files, per, batch = 4, 50000, 1000
	for b.Loop() {
		b.StopTimer()
		var fs [][]model.Event
		for f := range files {
			fs = append(fs, file(fmt.Sprint("f", f), time.Duration(f)*300*time.Millisecond, per))
		}
		s := New()
		b.StartTimer()
		for i := 0; i < per; i += batch {
			for f := range files {
				s.Add(fs[f][i : i+batch : i+batch])
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*files*per), "ns/event")
}

func TestUnixNanoSat(t *testing.T) {
	for _, tt := range []struct {
		t    time.Time
		want int64
	}{
		{time.Time{}, math.MinInt64},
		{time.Date(30828, 9, 14, 0, 0, 0, 0, time.UTC), math.MaxInt64},
		{base, base.UnixNano()},
	} {
		if got := UnixNanoSat(tt.t); got != tt.want {
			t.Errorf("UnixNanoSat(%v) = %d, want %d", tt.t, got, tt.want)
		}
	}
}
