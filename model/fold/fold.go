// Package fold finds floods in a list of events: runs of events of one kind
// (provider, event ID, class and data shape) that a view shows as one row.
//
// A run is "consecutive" with some slack: up to Options.Gap rows of other
// kinds may stand between two of its events. Real floods are rarely alone:
// Schannel logs 36888 and 36874 in pairs, and a few ordinary events land
// inside any flood that lasts years; without the slack neither would fold.
//
// Find makes one pass over the rows reading only the store's fixed
// columns, so it stays instant at a million events (BenchmarkFind).
package fold

import (
	"cmp"
	"slices"

	"eventlens/model"
	"eventlens/model/store"
)

// Options tune Find. The zero value means the defaults.
type Options struct {
	// Min is the fewest events a run needs to fold; default 10.
	Min int
	// Gap is how many rows of other kinds may stand between two events of
	// one run; default 16, at most MaxGap.
	Gap int
}

// Defaults for Options.
const (
	DefaultMin = 10
	DefaultGap = 16
	MaxGap     = 64
)

// Kind is what the events of one run share.
type Kind struct {
	Provider store.Sym
	Shape    uint32
	EventID  uint16
	Class    model.Class
}

// Run is one flood.
type Run struct {
	Kind
	Head  int // index in rows of its first event (where its row is shown)
	Last  int // index in rows of its last event
	Count int
}

// Folds are the runs Find found in one list of rows.
type Folds struct {
	Runs   []Run   // in order of Head
	runOf  []int32 // by row index: the run it belongs to, or -1
	groups []group // scratch of Find
}

// KindOf returns the kind of the event in slot i of s.
func KindOf(s *store.Store, i int) Kind {
	k := s.Key(i)
	return Kind{Provider: k.Provider, Shape: k.Shape, EventID: k.EventID, Class: s.Class(i)}
}

// Find returns the runs among rows (store slots, in display order).
func Find(s *store.Store, rows []int32, o Options) *Folds {
	f := new(Folds)
	f.Find(s, rows, o)
	return f
}

// group is a run in the making.
type group struct{ head, last, count int32 }

// ringSize is the window's ring: a power of two above MaxGap+1, so that a
// row's place in it is a mask, not a division.
const ringSize = 128

// Find replaces f's runs with those among rows, reusing f's memory: a view
// that refolds after every change of its rows allocates nothing once its
// rows stop growing.
func (f *Folds) Find(s *store.Store, rows []int32, o Options) {
	if o.Min <= 1 {
		o.Min = DefaultMin
	}
	if o.Gap <= 0 {
		o.Gap = DefaultGap
	}
	w := min(o.Gap, MaxGap) + 1
	if cap(f.runOf) < len(rows) {
		f.runOf = make([]int32, len(rows))
	}
	f.runOf, f.Runs, f.groups = f.runOf[:len(rows)], f.Runs[:0], f.groups[:0]
	// Every row joins the group of the nearest earlier row of its kind
	// within the window; a group is made only when a second row joins, so
	// the many rows of kinds that do not repeat cost no memory. Groups too
	// small to fold are dropped at the end. The ring holds the last rows'
	// kinds with a hash, which rejects most of them in one comparison.
	type slot struct {
		kind  Kind
		hash  uint32
		row   int32
		group int32 // -1: the row is alone so far
	}
	var ring [ringSize]slot
	for r, i := range rows {
		k := KindOf(s, int(i))
		h := (uint32(k.Provider)*0x9E3779B1 ^ k.Shape*0x85EBCA77 ^ uint32(k.EventID)<<8 ^ uint32(k.Class)) | 1
		g := int32(-1)
		for back := 1; back <= w && back <= r; back++ {
			e := &ring[(r-back)&(ringSize-1)]
			if e.hash != h || e.kind != k {
				continue
			}
			if g = e.group; g < 0 {
				g = int32(len(f.groups))
				f.groups = append(f.groups, group{head: e.row, count: 1})
				f.runOf[e.row] = g
			}
			f.groups[g].last, f.groups[g].count = int32(r), f.groups[g].count+1
			break
		}
		ring[r&(ringSize-1)] = slot{k, h, int32(r), g}
		f.runOf[r] = g
	}
	// Keep the runs big enough, in order of head (groups are made in order
	// of their second row); renumber runOf to them.
	order := make([]int32, 0, 16)
	for g := range f.groups {
		if int(f.groups[g].count) >= o.Min {
			order = append(order, int32(g))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(f.groups[a].head, f.groups[b].head) })
	keep := make([]int32, len(f.groups))
	for g := range keep {
		keep[g] = -1
	}
	for _, g := range order {
		gr := f.groups[g]
		keep[g] = int32(len(f.Runs))
		f.Runs = append(f.Runs, Run{Kind: KindOf(s, int(rows[gr.head])), Head: int(gr.head), Last: int(gr.last), Count: int(gr.count)})
	}
	for r, g := range f.runOf {
		if g >= 0 {
			f.runOf[r] = keep[g]
		}
	}
}

// RunOf returns the run row belongs to, or -1.
func (f *Folds) RunOf(row int) int {
	if f == nil || row < 0 || row >= len(f.runOf) {
		return -1
	}
	return int(f.runOf[row])
}

// VisibleRows appends to dst[:0] the rows (of the slice Find was given) a
// folded view shows: every row outside a run, the first row of each run,
// and every row of the runs open says are unfolded (open may be nil: all
// folded).
func (f *Folds) VisibleRows(rows []int32, open func(run int) bool, dst []int32) []int32 {
	dst = dst[:0]
	for r, g := range f.runOf {
		if g < 0 || f.Runs[g].Head == r || open != nil && open(int(g)) {
			dst = append(dst, rows[r])
		}
	}
	return dst
}

// Largest returns the indexes of the n largest runs, largest first (ties:
// earlier first).
func (f *Folds) Largest(n int) []int {
	idx := make([]int, len(f.Runs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(f.Runs[b].Count, f.Runs[a].Count) })
	return idx[:min(n, len(idx))]
}

// Folded is how many rows the runs hide when all are folded.
func (f *Folds) Folded() int {
	n := 0
	for _, r := range f.Runs {
		n += r.Count - 1
	}
	return n
}
