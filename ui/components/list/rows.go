package list

import (
	tea "charm.land/bubbletea/v2"
	"cmp"
	"eventlens/ui/common"
	"slices"
	"strconv"
	"strings"
	"time"

	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/store"
)

// Column is a list Column; the sortable ones come first, in the order the
// sort key cycles through them.
type Column int

const (
	ColTime Column = iota
	ColLevel
	ColClass
	ColProvider
	ColID
	ColComputer
	ColMessage
	NumSortable = ColMessage
)

// Refilter recomputes the rows for the current query and store. full
// forces a complete pass; otherwise the previous rows are kept when nothing
// changed.
func (m *Model) Refilter(full bool) {
	if !full && m.rowsVersion == m.ctx.Store.Version() {
		return
	}
	start := time.Now()
	// The store may have grown, the language changed: VMs and templates too.
	m.query, m.search = m.bind(m.query), m.bind(m.search)
	m.fold.all = m.selectInto(m.query, m.fold.all)
	m.sortRows()
	m.refold()
	m.rowsVersion, m.rowsLen = m.ctx.Store.Version(), m.ctx.Store.Len()
	m.rowGen++ // a load's last pass may have reclassified events
	m.refilterCost = time.Since(start)
	m.lastRefilter = time.Now()
	m.relocate()
}

// FilterAdded brings the rows up to date after a load added events: in
// timeline order, only the new events are filtered and their matches merged
// into the rows, so the cost follows the batch, not the store. Other sort
// orders fall back to refilterThrottled.
func (m *Model) FilterAdded() {
	if m.sortCol != ColTime || m.sortRev || m.rowsLen > m.ctx.Store.Len() {
		m.refilterThrottled()
		return
	}
	start := time.Now()
	m.templates() // the query's templates learn the new events
	m.spare = query.SelectSlots(m.ctx.Store, m.query, m.rowsLen, m.ctx.Store.Len(), m.spare)
	m.fold.all = m.ctx.Store.Merge(m.fold.all, m.spare)
	m.refoldThrottled()
	m.rowsVersion, m.rowsLen = m.ctx.Store.Version(), m.ctx.Store.Len()
	m.refilterCost = time.Since(start)
	m.lastRefilter = time.Now()
	m.relocate()
}

// refilterThrottled re-filters during a load, but spends at most about a
// fifth of the time doing so, however large the store grows.
func (m *Model) refilterThrottled() {
	if time.Since(m.lastRefilter) < 4*m.refilterCost {
		return
	}
	m.Refilter(true)
}

// selectInto computes the store slots that match q, in timeline order.
func (m *Model) selectInto(q *query.Query, dst []int32) []int32 {
	return query.Select(m.ctx.Store, q, dst)
}

// SetFilter applies text as the filter. It narrows the current rows when
// text only refines the applied filter, which is what typing does.
func (m *Model) SetFilter(text string) {
	q, err := query.Parse(text, m.ctx.QueryNow())
	if err != nil {
		m.queryErr = err
		return
	}
	m.queryErr = nil
	q = m.bind(q)
	if text == m.filterText && m.rowsVersion == m.ctx.Store.Version() {
		return
	}
	// A filter is the user's choice of what to look at: from now on the
	// cursor follows the selected event, or goes to the first row.
	if !m.pinned || m.chosen < 0 {
		m.choose()
	}
	m.pinned = true
	if q.Narrows(m.query) && m.rowsVersion == m.ctx.Store.Version() {
		start := time.Now()
		m.spare = query.Narrow(m.ctx.Store, q, m.fold.all, m.spare)
		m.fold.all, m.spare = m.spare, m.fold.all
		m.refold()
		m.refilterCost = time.Since(start)
	} else {
		m.query = q
		m.filterText = text
		m.Refilter(true)
		return
	}
	m.query = q
	m.filterText = text
	m.relocate()
}

// sortRows orders the rows by the sort Column. Select gives timeline
// order, so time needs no sort, and ties keep timeline order. The keys are
// read from the store's columns: a sort over a million rows must not
// materialise events.
func (m *Model) sortRows() {
	if m.sortCol == ColTime {
		if m.sortRev {
			slices.Reverse(m.fold.all)
		}
		return
	}
	key := m.sortKey(m.sortCol)
	slices.SortStableFunc(m.fold.all, func(a, b int32) int {
		c := key(a, b)
		if m.sortRev {
			return -c
		}
		return c
	})
}

// sortKey compares two store slots by Column c.
func (m *Model) sortKey(c Column) func(a, b int32) int {
	s, syms := m.ctx.Store, m.ctx.Store.Symbols()
	key := func(i int32) *store.Key { return s.Key(int(i)) }
	switch c {
	case ColLevel:
		return func(a, b int32) int { return cmp.Compare(LevelRank(key(a).Level), LevelRank(key(b).Level)) }
	case ColClass:
		return func(a, b int32) int {
			return cmp.Compare(classRank(s.Class(int(a)), key(a).Level), classRank(s.Class(int(b)), key(b).Level))
		}
	case ColProvider:
		names := displayKeys(syms, common.ShortProvider)
		return func(a, b int32) int { return strings.Compare(names[key(a).Provider], names[key(b).Provider]) }
	case ColID:
		return func(a, b int32) int { return cmp.Compare(key(a).EventID, key(b).EventID) }
	case ColComputer:
		names := displayKeys(syms, func(s string) string { return s })
		return func(a, b int32) int { return strings.Compare(names[key(a).Computer], names[key(b).Computer]) }
	}
	return func(a, b int32) int { return m.ctx.Store.Compare(int(a), int(b)) }
}

// displayKeys returns each symbol as the list shows it, case-folded: a
// person sorting by Source expects "disk" between "Display" and "EventLog",
// not after every capitalised name. Symbols are few, so folding them once
// costs nothing next to the sort.
func displayKeys(syms []string, display func(string) string) []string {
	keys := make([]string, len(syms))
	for i, s := range syms {
		keys[i] = strings.ToLower(display(s))
	}
	return keys
}

// LevelRank orders levels by severity, most severe first.
func LevelRank(l model.Level) int {
	switch l {
	case model.LevelCritical:
		return 0
	case model.LevelError:
		return 1
	case model.LevelWarning:
		return 2
	case model.LevelInformation, model.LevelLogAlways:
		return 3
	case model.LevelVerbose:
		return 4
	}
	return 5 + int(l)
}

// classRank orders classes by how much they need a look: unknown errors
// first, harmless last.
func classRank(c model.Class, l model.Level) int {
	switch c {
	case model.ClassKnownIssue:
		return 1
	case model.ClassAttention:
		return 2
	case model.ClassConditional:
		return 4
	case model.ClassUpdate:
		return 5
	case model.ClassHarmless:
		return 6
	}
	if l == model.LevelError || l == model.LevelCritical {
		return 0
	}
	return 3
}

// relocate puts the cursor back on the event the user chose when the rows
// change underneath it, keeping it on the same screen line; when that
// event is not in the rows it goes to the first row (and back to the event
// when a later change shows it again). Until the user has moved or
// filtered, the cursor rests on the first event that needs a look, at the
// top of the screen, so that the first screen shows what eventlens is for.
func (m *Model) relocate() {
	if !m.pinned {
		m.cursor = m.firstToLook()
		m.offset = m.cursor
		m.selectRowEvent()
		return
	}
	if m.chosen >= 0 {
		if i := m.rowOf(m.chosen); i >= 0 {
			m.offset = max(i-(m.cursor-m.offset), 0)
			m.cursor = i
			m.selectRowEvent()
			return
		}
	}
	m.cursor, m.offset = 0, 0
	m.selectRowEvent()
}

// firstToLook is the first row that needs a look: a known issue, an event
// needing attention or decided by a condition, one that stops after an
// update, or an unexplained error or warning. 0 when there is none.
func (m *Model) firstToLook() int {
	s := m.ctx.Store
	for i, r := range m.rows {
		switch s.Class(int(r)) {
		case model.ClassKnownIssue, model.ClassAttention, model.ClassConditional, model.ClassUpdate:
			return i
		case model.ClassUnknown:
			switch s.Key(int(r)).Level {
			case model.LevelCritical, model.LevelError, model.LevelWarning:
				return i
			}
		}
	}
	return 0
}

// Pinned reports whether the user has moved the cursor or filtered; until
// then it rests on the first event that needs a look.
func (m *Model) Pinned() bool { return m.pinned }

// selectRowEvent makes the event on the cursor's row the selected one. The
// selected event is the UI's own copy (the store materialises events on
// demand): it is kept, with its class refreshed, while the cursor stays on
// the same event, so that what is keyed to it (the detail pane, raw XML)
// stays put.
func (m *Model) selectRowEvent() {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		m.selected = nil
		return
	}
	slot := m.rows[m.cursor]
	if m.selected != nil && slot == m.selSlot {
		m.selected.Class, m.selected.CatalogID = m.ctx.Store.Class(int(slot)), m.ctx.Store.CatalogID(int(slot))
		return
	}
	m.selected, m.selSlot = m.ctx.Store.At(int(slot)), slot
}

// EventAt returns a copy of the event on row i, or nil.
func (m *Model) EventAt(i int) *model.Event {
	if i < 0 || i >= len(m.rows) {
		return nil
	}
	return m.ctx.Store.At(int(m.rows[i]))
}

// --- editing the filter by term ------------------------------------------

// quickFilter includes or excludes the selected event's value of column c.
func (m *Model) quickFilter(c Column, exclude bool) tea.Cmd {
	ev := m.selected
	if ev == nil {
		return nil
	}
	var field, value string
	switch c {
	case ColProvider:
		field, value = "src", ev.Provider
	case ColID:
		field, value = "id", strconv.Itoa(int(ev.EventID))
	case ColComputer:
		field, value = "host", ev.Computer
	case ColClass:
		field, value = "class", ev.Class.String()
	default:
		return nil
	}
	return m.Edit(func(q *query.Query) (string, error) { return q.With(field, value, exclude) })
}

// Edit applies the filter that edit makes of the applied one; an error
// goes to the status line.
func (m *Model) Edit(edit func(*query.Query) (string, error)) tea.Cmd {
	text, err := edit(m.query)
	if err == nil {
		m.SetFilter(text)
		err = m.queryErr
	}
	if err != nil {
		return common.Status(err.Error(), true)
	}
	return nil
}

// --- search ------------------------------------------------------------------

// FindMatch returns the first row at or after from (or before, backwards)
// that matches the search, wrapping around, or -1.
func (m *Model) FindMatch(from int, forward bool) int {
	n := len(m.rows)
	if m.search == nil || m.search.Empty() || n == 0 {
		return -1
	}
	var ev model.Event
	for k := 0; k < n; k++ {
		i := from + k
		if !forward {
			i = from - k
		}
		i = ((i % n) + n) % n
		if m.ctx.Store.Event(int(m.rows[i]), &ev); m.search.Match(&ev) {
			return i
		}
	}
	return -1
}
