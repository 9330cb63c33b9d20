// Package novelty ranks the errors and warnings the catalog does not know by
// how new they look, so that a new problem is not buried under a flood.
//
// Each kind (provider and event ID) is scored, from 0 to 1, on four things
// the loaded logs themselves show, with no outside baseline:
//
//   - newness: how late among the loaded events it first appears, as the
//     share of them logged before its first (by count, not time: a few
//     events years before the rest must not make everything after them
//     new);
//   - rarity: how few of the loaded computers logged it;
//   - burst: how far its busiest hour exceeds its usual rate: the average
//     of the other hours it was logged in, or, when it was logged in no
//     other hour, its average rate over the whole span (a kind logged
//     steadily is no burst; ten in one hour of a quiet year are);
//   - scarcity: how few events it has (a flood of thousands is not news).
//
// The score weighs them 0.4, 0.2, 0.2 and 0.2. Reasons names the signals
// that are clearly there, for display.
package novelty

import (
	"cmp"
	"math"
	"slices"
	"time"

	"eventlens/model"
	"eventlens/model/store"
)

// Reason is a set of signals that make a kind look new.
type Reason uint8

// Signals.
const (
	New   Reason = 1 << iota // first appears after half the loaded events
	Rare                     // logged by at most half of the computers (and not all)
	Burst                    // its busiest hour has ten times its average rate, and at least 3 events
)

// MaxComputers bounds Item.Computers; NComputers has the full count.
const MaxComputers = 5

// Item is one kind of unknown error or warning.
type Item struct {
	Provider   string
	EventID    uint16
	Level      model.Level // the most severe level it was logged at
	Count      int
	First      time.Time
	Last       time.Time
	FirstSlot  int32    // store slot of its first event
	Computers  []string // up to MaxComputers, in order of first appearance
	NComputers int
	Peak       int // most events in one hour

	Newness, Rarity, Burstiness, Scarcity float64
	Score                                 float64
	Reasons                               Reason
}

// Window is the length of the periods bursts are measured in.
const Window = time.Hour

type key struct {
	provider store.Sym
	id       uint16
}

type acc struct {
	Item
	comps   map[store.Sym]bool
	comp    store.Sym // the last computer added to comps: runs repeat it
	window  int64     // current window number
	inWin   int
	windows int // windows it was logged in

	lastSlot int32
}

// Rank scores the unknown errors and warnings among rows (store slots in
// timeline order) and returns them, most novel first (ties: latest first
// appearance first).
func Rank(s *store.Store, rows []int32) []Item {
	if len(rows) == 0 {
		return nil
	}
	t0, t1 := span(s, rows)
	syms := s.Symbols()
	seen := make([]bool, len(syms)) // computers, by symbol
	computers := 0
	kinds := map[key]*acc{}
	var order []*acc
	var lastKey key
	var last *acc // the kind of the previous match: floods repeat it
	for j, slot := range rows {
		i := int(slot)
		k := s.Key(i)
		if !seen[k.Computer] {
			seen[k.Computer] = true
			computers++
		}
		if k.Level < model.LevelCritical || k.Level > model.LevelWarning || s.Class(i) != model.ClassUnknown {
			continue
		}
		kk := key{k.Provider, k.EventID}
		a := last
		if a == nil || kk != lastKey {
			if a = kinds[kk]; a == nil {
				a = &acc{Item: Item{Provider: syms[k.Provider], EventID: k.EventID, Level: k.Level,
					First: s.Time(i), FirstSlot: slot}, comps: map[store.Sym]bool{}, window: math.MinInt64}
				if len(rows) > 1 {
					a.Newness = float64(j) / float64(len(rows)-1)
				}
				kinds[kk] = a
				order = append(order, a)
			}
			last, lastKey = a, kk
		}
		a.Count++
		a.lastSlot = slot
		a.Level = min(a.Level, k.Level) // lower is more severe
		if (a.comp != k.Computer || len(a.comps) == 0) && !a.comps[k.Computer] {
			a.comps[k.Computer] = true
			if len(a.Computers) < MaxComputers {
				a.Computers = append(a.Computers, syms[k.Computer])
			}
		}
		a.comp = k.Computer
		if w := windowOf(k.Time, t0); w != a.window {
			a.window, a.inWin = w, 0
			a.windows++
		}
		a.inWin++
		a.Peak = max(a.Peak, a.inWin)
	}
	items := make([]Item, len(order))
	for j, a := range order {
		a.NComputers = len(a.comps)
		a.Last = s.Time(int(a.lastSlot))
		score(&a.Item, t0, t1, computers, a.windows)
		items[j] = a.Item
	}
	slices.SortStableFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), b.First.Compare(a.First))
	})
	return items
}

// span returns the times of the first and last rows whose times Key.Time
// holds exactly: an undecoded record's zero time, or a year past 2261,
// would stretch the span over millennia.
func span(s *store.Store, rows []int32) (t0, t1 int64) {
	ok := func(t int64) bool { return t != math.MinInt64 && t != math.MaxInt64 }
	for _, r := range rows {
		if t := s.Key(int(r)).Time; ok(t) {
			t0 = t
			break
		}
	}
	t1 = t0
	for j := len(rows) - 1; j >= 0; j-- {
		if t := s.Key(int(rows[j])).Time; ok(t) {
			t1 = t
			break
		}
	}
	return t0, t1
}

// windowOf returns the window t falls in, counting from t0; times outside
// the span fall in the first or last window.
func windowOf(t, t0 int64) int64 {
	if t < t0 {
		return 0
	}
	return int64((uint64(t) - uint64(t0)) / uint64(Window))
}

// score fills the signals, the score and the reasons of it.
func score(it *Item, t0, t1 int64, computers, windows int) {
	if computers > 1 {
		it.Rarity = 1 - float64(it.NComputers-1)/float64(computers-1)
	}
	usual := float64(it.Count) / float64(windowOf(t1, t0)+1) // over the whole span
	if windows > 1 {
		usual = math.Max(usual, float64(it.Count-it.Peak)/float64(windows-1))
	}
	if it.Peak >= 3 {
		it.Burstiness = math.Max(0, math.Min(1, math.Log10(float64(it.Peak)/usual)/3))
	}
	it.Scarcity = 1 / (1 + math.Log10(float64(it.Count)))
	it.Score = 0.4*it.Newness + 0.2*it.Rarity + 0.2*it.Burstiness + 0.2*it.Scarcity
	if it.Newness >= 0.5 {
		it.Reasons |= New
	}
	if computers > 1 && it.NComputers*2 <= computers {
		it.Reasons |= Rare
	}
	if it.Peak >= 3 && it.Burstiness >= 1.0/3 {
		it.Reasons |= Burst
	}
}
