package store

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
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
	if len(s.Keys()) != s.Len() {
		t.Fatalf("%d keys for %d events", len(s.Keys()), s.Len())
	}
	syms := s.Symbols()
	for i, k := range s.Keys() {
		e := s.At(i)
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
		if s.Texts()[i] != want {
			t.Fatalf("text %d = %q, want %q", i, s.Texts()[i], want)
		}
	}
	for i := 1; i < s.Len(); i++ {
		if model.Less(s.At(i), s.At(i-1)) {
			t.Fatalf("events %d and %d out of order: %v %s#%d, %v %s#%d", i-1, i,
				s.At(i-1).Time, s.At(i-1).File, s.At(i-1).RecordID, s.At(i).Time, s.At(i).File, s.At(i).RecordID)
		}
	}
}

func TestAddInterleaved(t *testing.T) {
	a := file("a.evtx", 0, 1000)
	b := file("b.evtx", 500*time.Millisecond, 1000)
	c := file("c.evtx", -time.Hour, 300) // entirely before the others
	s := New()
	first := &a[0]
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
	if s.At(0).File != "c.evtx" || s.At(300) != first {
		t.Errorf("At(0) = %s, At(300) = %p, want c.evtx and %p", s.At(0).File, s.At(300), first)
	}
	if !slices.IsSorted(versions) || versions[0] == versions[len(versions)-1] {
		t.Errorf("versions do not increase: %v", versions)
	}
	if s.Version() != 21 {
		t.Errorf("Version = %d after 21 non-empty Adds", s.Version())
	}
	if len(s.Events()) != s.Len() || s.Events()[5] != s.At(5) {
		t.Error("Events disagrees with At")
	}
}

func TestAddShuffled(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s := New()
	var all []*model.Event
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
			all = append(all, &evs[i])
		}
		s.Add(evs)
		checkOrder(t, s)
	}
	if s.Len() != len(all) {
		t.Fatalf("Len = %d, want %d", s.Len(), len(all))
	}
	got := slices.Clone(s.Events())
	slices.SortFunc(got, func(a, b *model.Event) int {
		return cmp.Compare(uintptr(unsafe.Pointer(a)), uintptr(unsafe.Pointer(b)))
	})
	slices.SortFunc(all, func(a, b *model.Event) int {
		return cmp.Compare(uintptr(unsafe.Pointer(a)), uintptr(unsafe.Pointer(b)))
	})
	if !slices.Equal(got, all) {
		t.Error("store does not hold exactly the added events")
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
