package fold

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/store"
	"eventlens/model/synth"
)

// events builds one event per letter of spec: A and B are two flood kinds,
// a the kind A with another class, x one of many ordinary kinds (each x is
// different), s kind A with another data shape.
func events(spec string) []model.Event {
	base := time.Date(2014, 3, 21, 0, 0, 0, 0, time.UTC)
	var evs []model.Event
	for i, c := range spec {
		e := model.Event{File: "f", RecordID: uint64(i), Time: base.Add(time.Duration(i) * time.Second),
			Provider: "Schannel", EventID: 36888, Decoded: true, Data: []model.Data{{Name: "AlertDesc", Value: "40"}}}
		switch c {
		case 'B':
			e.EventID = 36874
		case 'a':
			e.Class = model.ClassHarmless
		case 's':
			e.Data = append(e.Data, model.Data{Name: "ErrorState", Value: "1"})
		case 'x':
			e.Provider, e.EventID = "Service Control Manager", uint16(7000+i)
		}
		evs = append(evs, e)
	}
	return evs
}

func find(spec string, o Options) (*store.Store, *Folds) {
	s := store.New()
	s.Add(events(spec))
	return s, Find(s, s.Order(), o)
}

func TestFind(t *testing.T) {
	rep := strings.Repeat
	tests := []struct {
		name    string
		spec    string
		o       Options
		runs    []Run // Kind not compared
		visible []int
	}{
		{"one flood", rep("A", 25), Options{}, []Run{{Head: 0, Last: 24, Count: 25}}, []int{0}},
		{"too short", rep("A", 9), Options{}, nil, []int{0, 1, 2, 3, 4, 5, 6, 7, 8}},
		{"min 3", "xAAAx", Options{Min: 3}, []Run{{Head: 1, Last: 3, Count: 3}}, []int{0, 1, 4}},
		{"pairs alternate", rep("AB", 12), Options{}, []Run{{Head: 0, Last: 22, Count: 12}, {Head: 1, Last: 23, Count: 12}}, []int{0, 1}},
		{"others inside", rep("A", 6) + "xx" + rep("A", 6) + "x", Options{},
			[]Run{{Head: 0, Last: 13, Count: 12}}, []int{0, 6, 7, 14}},
		{"gap too wide", rep("A", 10) + rep("x", 17) + rep("A", 10), Options{},
			[]Run{{Head: 0, Last: 9, Count: 10}, {Head: 27, Last: 36, Count: 10}}, append([]int{0}, seq(10, 28)...)},
		{"gap option", rep("A", 3) + "xx" + rep("A", 3), Options{Min: 6, Gap: 1}, nil, seq(0, 8)},
		{"class splits", rep("A", 10) + rep("a", 10), Options{}, []Run{{Head: 0, Last: 9, Count: 10}, {Head: 10, Last: 19, Count: 10}}, []int{0, 10}},
		{"shape splits", rep("As", 10), Options{}, []Run{{Head: 0, Last: 18, Count: 10}, {Head: 1, Last: 19, Count: 10}}, []int{0, 1}},
		{"empty", "", Options{}, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, f := find(tt.spec, tt.o)
			var runs []Run
			for _, r := range f.Runs {
				r.Kind = Kind{}
				runs = append(runs, r)
			}
			if !slices.Equal(runs, tt.runs) {
				t.Errorf("runs %+v, want %+v", runs, tt.runs)
			}
			if got := visible(f, nil, nil); !slices.Equal(got, tt.visible) {
				t.Errorf("visible %v, want %v", got, tt.visible)
			}
			if got := len(visible(f, func(int) bool { return true }, nil)); got != len(tt.spec) {
				t.Errorf("all unfolded shows %d rows of %d", got, len(tt.spec))
			}
			hidden := len(tt.spec) - len(visible(f, nil, nil))
			if f.Folded() != hidden {
				t.Errorf("Folded = %d, hidden %d", f.Folded(), hidden)
			}
		})
	}
}

// visible is VisibleRows as row indexes (the tests' rows are slots 0..n-1).
func visible(f *Folds, open func(int) bool, _ []int) []int {
	ids := make([]int32, len(f.runOf))
	for i := range ids {
		ids[i] = int32(i)
	}
	var out []int
	for _, r := range f.VisibleRows(ids, open, nil) {
		out = append(out, int(r))
	}
	return out
}

func seq(lo, hi int) []int {
	var out []int
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

func TestRunOfAndLargest(t *testing.T) {
	_, f := find(strings.Repeat("A", 12)+"x"+strings.Repeat("B", 30), Options{})
	if got := f.Largest(5); !slices.Equal(got, []int{1, 0}) {
		t.Errorf("Largest = %v", got)
	}
	if f.RunOf(0) != 0 || f.RunOf(12) != -1 || f.RunOf(13) != 1 || f.RunOf(-1) != -1 || f.RunOf(99) != -1 {
		t.Errorf("RunOf: %d %d %d", f.RunOf(0), f.RunOf(12), f.RunOf(13))
	}
	// Unfolding one run shows its rows, the other stays folded.
	open := func(r int) bool { return r == 0 }
	if got := visible(f, open, nil); !slices.Equal(got, seq(0, 14)) {
		t.Errorf("visible with run 0 open: %v", got)
	}
	var nilF *Folds
	if nilF.RunOf(0) != -1 {
		t.Error("nil Folds")
	}
}

// TestFindFilteredRows checks that runs are found among the rows given (a
// filtered view), not the whole store.
func TestFindFilteredRows(t *testing.T) {
	s := store.New()
	s.Add(events(strings.Repeat("Ax", 20)))
	var rows []int32
	for i := 0; i < s.Len(); i += 2 {
		rows = append(rows, int32(i)) // only the As
	}
	f := Find(s, rows, Options{Gap: 1})
	if len(f.Runs) != 1 || f.Runs[0].Count != 20 || f.Runs[0].Last != 19 {
		t.Errorf("runs %+v", f.Runs)
	}
}

func BenchmarkFind(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := store.New()
			s.Add(synth.Events(n, 7))
			rows := s.Order()
			var f *Folds
			for b.Loop() {
				f = Find(s, rows, Options{})
			}
			b.ReportMetric(float64(len(f.Runs)), "runs")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
		})
	}
}

// TestRunOrder has runs whose second rows come in another order than
// their heads.
func TestRunOrder(t *testing.T) {
	_, f := find("AB"+strings.Repeat("x", 3)+"B"+strings.Repeat("x", 3)+"A"+strings.Repeat("AB", 10), Options{Min: 5})
	if len(f.Runs) != 2 || f.Runs[0].Head != 0 || f.Runs[1].Head != 1 {
		t.Fatalf("runs %+v", f.Runs)
	}
	for r, g := range []int{0, 1} {
		if f.RunOf(r) != g {
			t.Errorf("RunOf(%d) = %d", r, f.RunOf(r))
		}
	}
	if last := len(f.runOf) - 1; f.RunOf(last) != 1 || f.RunOf(last-1) != 0 {
		t.Errorf("last rows in runs %d %d", f.RunOf(last-1), f.RunOf(last))
	}
}
