package ui

import (
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

// column is a list column; the sortable ones come first, in the order the
// sort key cycles through them.
type column int

const (
	colTime column = iota
	colLevel
	colClass
	colProvider
	colID
	colComputer
	colMessage
	numSortable = colMessage
)

// refilter recomputes the rows for the current query and store. full
// forces a complete pass; otherwise the previous rows are kept when nothing
// changed.
func (m *Model) refilter(full bool) {
	if !full && m.rowsVersion == m.Store.Version() {
		return
	}
	start := time.Now()
	m.rows = m.selectInto(m.query, m.rows)
	m.sortRows()
	m.rowsVersion, m.rowsLen = m.Store.Version(), m.Store.Len()
	m.rowGen++ // a load's last pass may have reclassified events
	m.refilterCost = time.Since(start)
	m.lastRefilter = time.Now()
	m.relocate()
}

// filterAdded brings the rows up to date after a load added events: in
// timeline order, only the new events are filtered and their matches merged
// into the rows, so the cost follows the batch, not the store. Other sort
// orders fall back to refilterThrottled.
func (m *Model) filterAdded() {
	if m.sortCol != colTime || m.sortRev || m.rowsLen > m.Store.Len() {
		m.refilterThrottled()
		return
	}
	start := time.Now()
	m.spare = query.SelectSlots(m.Store, m.query, m.rowsLen, m.Store.Len(), m.spare)
	m.rows = m.Store.Merge(m.rows, m.spare)
	m.rowsVersion, m.rowsLen = m.Store.Version(), m.Store.Len()
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
	m.refilter(true)
}

// selectInto computes the store slots that match q, in timeline order.
func (m *Model) selectInto(q *query.Query, dst []int32) []int32 {
	return query.Select(m.Store, q, dst)
}

// setFilter applies text as the filter. It narrows the current rows when
// text only refines the applied filter, which is what typing does.
func (m *Model) setFilter(text string) {
	q, err := query.Parse(text, m.QueryNow())
	if err != nil {
		m.queryErr = err
		return
	}
	m.queryErr = nil
	if text == m.filterText && m.rowsVersion == m.Store.Version() {
		return
	}
	if q.Narrows(m.query) && m.rowsVersion == m.Store.Version() {
		start := time.Now()
		m.spare = query.Narrow(m.Store, q, m.rows, m.spare)
		m.rows, m.spare = m.spare, m.rows
		m.refilterCost = time.Since(start)
	} else {
		m.query = q
		m.filterText = text
		m.refilter(true)
		return
	}
	m.query = q
	m.filterText = text
	m.relocate()
}

// sortRows orders the rows by the sort column. Select gives timeline
// order, so time needs no sort, and ties keep timeline order. The keys are
// read from the store's columns: a sort over a million rows must not
// materialise events.
func (m *Model) sortRows() {
	if m.sortCol == colTime {
		if m.sortRev {
			slices.Reverse(m.rows)
		}
		return
	}
	key := m.sortKey(m.sortCol)
	slices.SortStableFunc(m.rows, func(a, b int32) int {
		c := key(a, b)
		if m.sortRev {
			return -c
		}
		return c
	})
}

// sortKey compares two store slots by column c.
func (m *Model) sortKey(c column) func(a, b int32) int {
	s, syms := m.Store, m.Store.Symbols()
	key := func(i int32) *store.Key { return s.Key(int(i)) }
	switch c {
	case colLevel:
		return func(a, b int32) int { return cmp.Compare(levelRank(key(a).Level), levelRank(key(b).Level)) }
	case colClass:
		return func(a, b int32) int {
			return cmp.Compare(classRank(s.Class(int(a)), key(a).Level), classRank(s.Class(int(b)), key(b).Level))
		}
	case colProvider:
		names := displayKeys(syms, common.ShortProvider)
		return func(a, b int32) int { return strings.Compare(names[key(a).Provider], names[key(b).Provider]) }
	case colID:
		return func(a, b int32) int { return cmp.Compare(key(a).EventID, key(b).EventID) }
	case colComputer:
		names := displayKeys(syms, func(s string) string { return s })
		return func(a, b int32) int { return strings.Compare(names[key(a).Computer], names[key(b).Computer]) }
	}
	return func(a, b int32) int { return m.Store.Compare(int(a), int(b)) }
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

// levelRank orders levels by severity, most severe first.
func levelRank(l model.Level) int {
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

// relocate keeps the cursor on the selected event when the rows change
// underneath it, or clamps it when that event is gone.
func (m *Model) relocate() {
	if !m.pinned {
		m.cursor, m.offset = 0, 0
		m.selectRowEvent()
		return
	}
	if m.selected != nil {
		if i := slices.Index(m.rows, m.selSlot); i >= 0 {
			m.cursor = i
			m.selectRowEvent()
			return
		}
	}
	m.cursor = min(m.cursor, len(m.rows)-1)
	m.cursor = max(m.cursor, 0)
	m.selectRowEvent()
}

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
		m.selected.Class, m.selected.CatalogID = m.Store.Class(int(slot)), m.Store.CatalogID(int(slot))
		return
	}
	m.selected, m.selSlot = m.Store.At(int(slot)), slot
}

// eventAt returns a copy of the event on row i, or nil.
func (m *Model) eventAt(i int) *model.Event {
	if i < 0 || i >= len(m.rows) {
		return nil
	}
	return m.Store.At(int(m.rows[i]))
}

// --- editing the filter by term ------------------------------------------

// quickFilter includes or excludes the value of field under the cursor.
func (m *Model) quickFilter(c column, exclude bool) {
	ev := m.selected
	if ev == nil {
		return
	}
	var field, value string
	switch c {
	case colProvider:
		field, value = "src", ev.Provider
	case colID:
		field, value = "id", strconv.Itoa(int(ev.EventID))
	case colComputer:
		field, value = "host", ev.Computer
	case colClass:
		field, value = "class", ev.Class.String()
	default:
		return
	}
	m.editFilter(func(q *query.Query) (string, error) { return q.With(field, value, exclude) })
}

// editFilter applies the filter that edit makes of the applied one,
// reporting an error in the status line.
func (m *Model) editFilter(edit func(*query.Query) (string, error)) {
	text, err := edit(m.query)
	if err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	m.applyFilterText(text)
}

// applyFilterText applies text as the new filter and shows it in the
// filter line, reporting a parse error in the status line.
func (m *Model) applyFilterText(text string) {
	m.setFilter(text)
	if m.queryErr != nil {
		m.setStatus(m.queryErr.Error(), true)
	}
}

// hiddenClass reports whether the filter hides class c with a -class: term.
func (m *Model) hiddenClass(c model.Class) bool {
	return m.query.Has(query.Term("class", c.String(), true))
}

// --- search ------------------------------------------------------------------

// findMatch returns the first row at or after from (or before, backwards)
// that matches the search, wrapping around, or -1.
func (m *Model) findMatch(from int, forward bool) int {
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
		if m.Store.Event(int(m.rows[i]), &ev); m.search.Match(&ev) {
			return i
		}
	}
	return -1
}
