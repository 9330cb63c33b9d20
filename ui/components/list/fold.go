package list

import (
	"slices"
	"time"

	"eventlens/i18n"
	"eventlens/model/fold"
	"eventlens/model/query"
)

// Floods folded (issue 16). The list keeps every matching row in all, and
// shows rows: all with each flood (model/fold) folded into its first row,
// unless the user unfolded it (z) or all of them (Z). Whatever counts or
// exports the view — Matches, mark-all, the summary — reads all.

// folding is the list's fold state.
type folding struct {
	all      []int32 // every matching row, in display order
	vis      []int32 // the rows shown when something is folded
	folds    *fold.Folds
	heads    map[int32]int       // store slot of a run's first row → run
	unfolded map[int32]bool      // runs unfolded by hand, by their first slot
	allOpen  bool                // Z: every run unfolded
	run      map[int32][2]string // head slot → its labels, long and short, made when first drawn

	lastFold time.Time
	cost     time.Duration // of the last refold
	stale    bool          // all has grown since: folds index an older all
	ends     [][2]int32    // by run: the slots of its first and last rows

	// marked caches, by head slot, how much of a folded run is marked,
	// made for the marks and the fold of gen.
	marked    map[int32]markState
	markedGen [2]int
}

// markState is how much of a row's events are marked.
type markState uint8

const (
	markNone markState = iota
	markSome
	markAll
)

// Matches are all the store slots the filter matches, in display order,
// the rows folded into a flood's row included.
func (m *Model) Matches() []int32 { return m.fold.all }

// refold shows all with its floods folded: rows becomes the shown rows.
// It reads only the store's columns (fold.Find), so it runs after every
// change of the rows.
func (m *Model) refold() {
	f := &m.fold
	start := time.Now()
	defer func() { f.lastFold, f.cost, f.stale = time.Now(), time.Since(start), false }()
	m.rowGen++ // the first rows of floods change their text
	if f.folds == nil {
		f.folds = new(fold.Folds)
	}
	f.folds.Find(m.ctx.Store, f.all, fold.Options{})
	clear(f.heads)
	clear(f.run)
	if len(f.folds.Runs) == 0 {
		m.rows = f.all
		return
	}
	if f.heads == nil {
		f.heads, f.run, f.unfolded = map[int32]int{}, map[int32][2]string{}, map[int32]bool{}
	}
	f.ends = f.ends[:0]
	for r, run := range f.folds.Runs {
		f.heads[f.all[run.Head]] = r
		f.ends = append(f.ends, [2]int32{f.all[run.Head], f.all[run.Last]})
	}
	f.vis = f.folds.VisibleRows(f.all, func(r int) bool { return f.allOpen || f.unfolded[f.all[f.folds.Runs[r].Head]] }, f.vis)
	m.rows = f.vis
}

// refoldThrottled is refold while a load adds rows: it spends at most
// about a fifth of the time folding, however large the rows grow; in
// between, the list shows the rows of the last fold (the load's end
// refolds them all).
func (m *Model) refoldThrottled() {
	f := &m.fold
	if f.folds == nil || time.Since(f.lastFold) >= 4*f.cost {
		m.refold()
		return
	}
	f.stale = true
	if len(f.folds.Runs) == 0 {
		m.rows = f.all // nothing folded: every row, the new ones too
	}
}

// runLabel is what a flood's first row shows before its message:
// "×29,205 2014-03-21 – 2020-09-19", and a shorter form for narrow message
// columns ("×29,205 03-21 – 09-19", the year dropped).
func (m *Model) runLabel(count int, ends [2]int32) [2]string {
	s := m.ctx.Store
	first, last := s.Time(int(ends[0])).In(m.ctx.Loc), s.Time(int(ends[1])).In(m.ctx.Loc)
	n := "×" + i18n.Int(count, m.ctx.Lang) + " "
	day := func(layout string) string { return n + first.Format(layout) + " – " + last.Format(layout) }
	if first.Format("2006-01-02") == last.Format("2006-01-02") {
		return [2]string{n + first.Format("2006-01-02 15:04") + " – " + last.Format("15:04"), n + first.Format("15:04") + " – " + last.Format("15:04")}
	}
	return [2]string{day("2006-01-02"), day("01-02")}
}

// floodPrefix is the text a row's message starts with, in a message
// column w cells wide: a folded flood's count and span, an unfolded one's
// marker; "" for other rows.
func (m *Model) floodPrefix(slot int32, w int) string {
	f := &m.fold
	r, ok := f.heads[slot]
	if !ok {
		return ""
	}
	label, ok := f.run[slot]
	if !ok {
		label = m.runLabel(f.folds.Runs[r].Count, f.ends[r])
		f.run[slot] = label
	}
	text := label[0]
	if len(text)+12 > w {
		text = label[1]
	}
	if f.allOpen || f.unfolded[slot] {
		return "▾ " + text + " · "
	}
	return "▸ " + text + " · "
}

// rowSlots are the store slots the shown row of slot stands for: every
// event of a folded flood on its row, else slot alone.
func (m *Model) rowSlots(slot int32) []int32 {
	f := &m.fold
	r, ok := f.heads[slot]
	if !ok || f.stale || f.allOpen || f.unfolded[slot] {
		return []int32{slot}
	}
	run := f.folds.Runs[r]
	slots := make([]int32, 0, run.Count)
	for i := run.Head; i <= run.Last; i++ {
		if f.folds.RunOf(i) == r {
			slots = append(slots, f.all[i])
		}
	}
	return slots
}

// rowMarks is how much of the row of slot is marked: a folded flood's row
// counts all its events (cached until the marks or the fold change).
func (m *Model) rowMarks(slot int32) markState {
	f := &m.fold
	own := markNone
	if _, ok := m.marks[slot]; ok {
		own = markAll
	}
	if _, ok := f.heads[slot]; !ok || f.stale || f.allOpen || f.unfolded[slot] || len(m.marks) == 0 {
		return own
	}
	if gen := [2]int{m.marksGen, m.rowGen}; f.marked == nil || f.markedGen != gen {
		f.marked, f.markedGen = map[int32]markState{}, gen
	}
	if st, ok := f.marked[slot]; ok {
		return st
	}
	n, slots := 0, m.rowSlots(slot)
	for _, s := range slots {
		if _, ok := m.marks[s]; ok {
			n++
		}
	}
	st := markSome
	switch n {
	case 0:
		st = markNone
	case len(slots):
		st = markAll
	}
	f.marked[slot] = st
	return st
}

// toggleFold unfolds the flood under the cursor, or folds it again (the
// cursor then rests on its first row).
func (m *Model) toggleFold() {
	f := &m.fold
	if m.selected == nil || f.folds == nil {
		return
	}
	if f.stale {
		m.refold()
	}
	i := slices.Index(f.all, m.selSlot)
	r := f.folds.RunOf(i)
	if r < 0 {
		return
	}
	head := f.all[f.folds.Runs[r].Head]
	f.unfolded[head] = !(f.allOpen || f.unfolded[head])
	if f.allOpen && !f.unfolded[head] {
		// Folding one while all are open: open all the others by hand.
		f.allOpen = false
		for h := range f.heads {
			f.unfolded[h] = h != head
		}
	}
	m.refold()
	m.pinned = true
	m.selected, m.selSlot = nil, head
	m.cursor = max(slices.Index(m.rows, head), 0)
	m.selectRowEvent()
	m.choose()
}

// toggleFoldAll unfolds every flood, or folds them all again.
func (m *Model) toggleFoldAll() {
	f := &m.fold
	f.allOpen = !f.allOpen
	clear(f.unfolded)
	m.refold()
	m.relocate()
}

// rowOf is the shown row of slot: its own, or the row of the flood it is
// folded into; -1 when it is not in the view.
func (m *Model) rowOf(slot int32) int {
	if i := slices.Index(m.rows, slot); i >= 0 || m.fold.folds == nil || m.fold.stale || len(m.fold.folds.Runs) == 0 {
		return i
	}
	r := m.fold.folds.RunOf(slices.Index(m.fold.all, slot))
	if r < 0 {
		return -1
	}
	return slices.Index(m.rows, m.fold.all[m.fold.folds.Runs[r].Head])
}

// bind answers the query's vm: terms from the VM index of the store as
// it is now (the VM list's), and its words also from the text the messages
// shown take from templates (query.WithTemplates).
func (m *Model) bind(q *query.Query) *query.Query {
	if q.UsesVMs() && m.ctx.VMs != nil {
		q = q.WithVMs(m.ctx.VMs())
	}
	if !q.Empty() {
		if t := m.templates(); t != nil {
			q = q.WithTemplates(t)
		}
	}
	return q
}

// templates returns the knowledge's template texts in the language shown,
// brought up to date with the store (the events a load has added since).
// They are made again when the language or the store changes.
func (m *Model) templates() *query.Templates {
	c := m.ctx
	if m.tmpl.of == nil || m.tmpl.lang != c.Lang || m.tmpl.store != c.Store {
		m.tmpl.of, m.tmpl.lang, m.tmpl.store = c.KB.Templates(c.Lang), c.Lang, c.Store
	}
	m.tmpl.of.Update(c.Store)
	return m.tmpl.of
}
