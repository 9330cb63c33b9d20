// Package list is the viewer's event list: the filtered, sorted rows of the
// store, the cursor, marks and the search, drawn as columns that shrink on
// narrow terminals and coloured by classification.
package list

import (
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/store"
	"eventlens/ui/common"
)

// Model is the list of one terminal.
type Model struct {
	ctx  *common.Context
	w, h int // including the Column header

	// The filtered, sorted view: indexes into the store.
	rows         []int32
	spare        []int32
	rowsVersion  uint64 // store version rows were computed for
	rowsLen      int    // rows cover the store's slots below this
	filterText   string // text of the applied query
	query        *query.Query
	queryErr     error
	refilterCost time.Duration
	lastRefilter time.Time
	sortCol      Column
	sortRev      bool

	cursor, offset int
	selected       *model.Event // a copy of the event on the cursor's row
	selSlot        int32        // its store slot, when selected is set
	// pinned is set once the user moves the cursor or filters. Until then
	// the cursor rests on the first event that needs a look (see start)
	// while a load inserts events around it.
	pinned bool
	// chosen is the store slot of the event the user last chose (-1: none
	// yet). A filter that hides it moves the cursor to the first row but
	// does not forget it: as the filter is typed, a prefix may hide it and
	// the next show it again, and the cursor goes back to it.
	chosen int32

	search     *query.Query
	searchText string
	tmpl       struct { // see templates
		of    *query.Templates
		lang  i18n.Lang
		store *store.Store
	}

	marks    map[int32]struct{} // store slots
	marksGen int                // counts changes of marks, for runMarks

	classWidth map[i18n.Lang]int
	rowCache   rowCache
	rowGen     int
	lines      []string // the drawn list, built by Sync

	fold folding // floods folded (fold.go)

	// Loading is set while a load runs, for the empty list to say so.
	Loading bool
}

// New returns the list over the context's store, unfiltered.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, chosen: -1, marks: map[int32]struct{}{}, classWidth: map[i18n.Lang]int{}, w: ctx.Width, h: ctx.Height}
	m.Refilter(true)
	return m
}

// SetSize sizes the list to w×h cells, its Column header included.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h }

// Rows are the store slots in view, in display order.
func (m *Model) Rows() []int32 { return m.rows }

// Version is the store version the rows were computed for.
func (m *Model) Version() uint64 { return m.rowsVersion }

// Cursor is the cursor's row.
func (m *Model) Cursor() int { return m.cursor }

// Offset is the first row on screen.
func (m *Model) Offset() int { return m.offset }

// Selected is a copy of the event on the cursor's row, nil when the list
// is empty.
func (m *Model) Selected() *model.Event { return m.selected }

// SelectedSlot is the store slot of Selected.
func (m *Model) SelectedSlot() int32 { return m.selSlot }

// Marks are the marked store slots.
func (m *Model) Marks() map[int32]struct{} { return m.marks }

// FilterText is the applied filter as the user wrote it.
func (m *Model) FilterText() string { return m.filterText }

// QueryErr is the error of the last filter that failed to parse.
func (m *Model) QueryErr() error { return m.queryErr }

// Sort is the sort Column and direction.
func (m *Model) Sort() (Column, bool) { return m.sortCol, m.sortRev }

// SortTitle names the sort Column in the current language.
func (m *Model) SortTitle() string { return m.columnTitle(m.sortCol) }

// SearchText is the search in effect, "" for none.
func (m *Model) SearchText() string { return m.searchText }

// SetSearch sets the search (nil for none) and its text.
func (m *Model) SetSearch(q *query.Query, text string) { m.search, m.searchText = m.bind(q), text }

// Search is the search query, nil for none.
func (m *Model) Search() *query.Query { return m.search }

// ToggleMark marks or unmarks the selected row: on a folded flood's row,
// every event of the flood (all unmarked when all were marked, else all
// marked), as export and the title count them.
func (m *Model) ToggleMark() {
	if m.selected == nil {
		return
	}
	if m.fold.stale {
		// A load has added rows since the last fold: fold them, so the
		// row marked is the flood as it is drawn next.
		m.refold()
		if i := m.rowOf(m.selSlot); i >= 0 {
			m.cursor = i
			m.selectRowEvent()
		}
	}
	slots := m.rowSlots(m.selSlot)
	all := true
	for _, s := range slots {
		if _, ok := m.marks[s]; !ok {
			all = false
			break
		}
	}
	for _, s := range slots {
		if all {
			delete(m.marks, s)
		} else {
			m.marks[s] = struct{}{}
		}
	}
	m.marksGen++
}

// KeyMap is the list's own keys.
func (m *Model) KeyMap() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.SortNext, k.SortReverse,
		k.IncProvider, k.ExcProvider, k.IncID, k.ExcID, k.IncComputer, k.ExcComputer, k.IncClass, k.ExcClass,
		k.ToggleClass, k.AllClasses, k.MarkAll, k.ClearMarks, k.Fold, k.FoldAll}
}

// Update handles the list's keys and the mouse wheel.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			m.MoveCursor(m.cursor + 3)
		case tea.MouseWheelUp:
			m.MoveCursor(m.cursor - 3)
		}
	}
	return nil
}

// Click handles a left click at x, y (y = 0 is the Column header): the
// header sorts, a row moves the cursor. It reports whether the click was
// on the cursor's row already, which opens the event.
func (m *Model) Click(x, y int) (again bool) {
	if y == 0 {
		m.clickHeader(x, m.w)
		return false
	}
	row := y - 1
	if row < 0 || row >= m.h-1 {
		return false
	}
	i := m.offset + row
	if i >= len(m.rows) {
		return false
	}
	if i == m.cursor {
		return true
	}
	m.MoveCursor(i)
	return false
}

// FindNext moves to the next (or previous) row matching the search,
// wrapping round; it returns false when none does.
func (m *Model) FindNext(forward bool) bool {
	from := m.cursor + 1
	if !forward {
		from = m.cursor - 1
	}
	i := m.FindMatch(from, forward)
	if i < 0 {
		return false
	}
	m.MoveCursor(i)
	return true
}

// Sync brings the derived state up to date after a message: the cursor's
// event, the scroll offset, and the drawn rows. View only joins them.
func (m *Model) Sync() {
	if m.selected == nil || m.cursor >= len(m.rows) || m.rows[m.cursor] != m.selSlot {
		m.selectRow(m.cursor)
	}
	m.scrollTo(m.h - 1)
	m.lines = m.draw(m.w, m.h)
}

// View is the list as drawn by the last Sync.
func (m *Model) View() string { return strings.Join(m.lines, "\n") }

// pageSize is how far PgUp and PgDn move.
func (m *Model) pageSize() int { return max(m.h-2, 1) }

// key handles one of the list's keys.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.ctx.Keys
	switch {
	case key.Matches(msg, k.Down):
		m.MoveCursor(m.cursor + 1)
	case key.Matches(msg, k.Up):
		m.MoveCursor(m.cursor - 1)
	case key.Matches(msg, k.PageDown):
		m.MoveCursor(m.cursor + m.pageSize())
	case key.Matches(msg, k.PageUp):
		m.MoveCursor(m.cursor - m.pageSize())
	case key.Matches(msg, k.Top):
		m.MoveCursor(0)
	case key.Matches(msg, k.Bottom):
		m.MoveCursor(len(m.rows) - 1)
	case key.Matches(msg, k.SortNext):
		m.sortCol = (m.sortCol + 1) % NumSortable
		m.sortRev = false
		m.Refilter(true)
	case key.Matches(msg, k.SortReverse):
		m.sortRev = !m.sortRev
		if m.sortCol == ColTime {
			// Reversing the timeline needs no comparisons.
			slices.Reverse(m.fold.all)
			m.refold()
			m.relocate()
		} else {
			m.Refilter(true)
		}
	case key.Matches(msg, k.ToggleClass):
		c := model.Classes[int(msg.Code-'1')]
		return m.Edit(func(q *query.Query) (string, error) { return q.Toggle(query.Term("class", c.String(), true)) })
	case key.Matches(msg, k.AllClasses):
		return m.Edit(func(q *query.Query) (string, error) { return q.Without("class", true), nil })
	case key.Matches(msg, k.Fold):
		m.toggleFold()
	case key.Matches(msg, k.FoldAll):
		m.toggleFoldAll()
	case key.Matches(msg, k.MarkAll):
		for _, r := range m.fold.all {
			m.marks[r] = struct{}{}
		}
		m.marksGen++
	case key.Matches(msg, k.ClearMarks):
		clear(m.marks)
		m.marksGen++
	default:
		return m.quickKey(msg)
	}
	return nil
}

// quickKey handles the keys that filter on the selected event's value.
func (m *Model) quickKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.ctx.Keys
	for _, q := range []struct {
		b       key.Binding
		col     Column
		exclude bool
	}{
		{k.IncProvider, ColProvider, false}, {k.ExcProvider, ColProvider, true},
		{k.IncID, ColID, false}, {k.ExcID, ColID, true},
		{k.IncComputer, ColComputer, false}, {k.ExcComputer, ColComputer, true},
		{k.IncClass, ColClass, false}, {k.ExcClass, ColClass, true},
	} {
		if key.Matches(msg, q.b) {
			return m.quickFilter(q.col, q.exclude)
		}
	}
	return nil
}

// clickHeader sorts by the Column under x, or reverses the sort when it is
// already the sort Column.
func (m *Model) clickHeader(x, w int) {
	pos := gutterWidth
	for _, c := range m.columns(w) {
		if x >= pos && x < pos+c.width+1 {
			if c.col >= NumSortable {
				return
			}
			if c.col == m.sortCol {
				m.sortRev = !m.sortRev
			} else {
				m.sortCol, m.sortRev = c.col, false
			}
			m.Refilter(true)
			return
		}
		pos += c.width + 1
	}
}
