package ui

import (
	"eventlens/ui/components/filterline"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"eventlens/model"
	"eventlens/model/query"
)

// handleKey routes a key press to whatever has the focus: the input line,
// the export dialog, a full-screen view, the detail pane, or the list.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	switch {
	case m.filter.Mode() != filterline.None:
		return m.inputKey(msg)
	case m.export != nil:
		return m.updateExport(msg)
	case m.screen == screenHelp:
		if m.isBack(msg) || key.Matches(msg, m.Keys.Help) {
			m.screen = screenList
			return nil
		}
		return m.helpScreen.Update(msg)
	case m.screen == screenReport:
		if m.isBack(msg) {
			m.screen = screenList
			return nil
		}
		return m.report.Update(msg)
	case m.screen == screenSummary:
		switch {
		case m.isBack(msg) || key.Matches(msg, m.Keys.Summary):
			m.screen = screenList
			return nil
		case key.Matches(msg, m.Keys.Language):
			return m.cycleLanguage()
		}
		return m.summary.Update(msg)
	}
	k := m.Keys
	// Keys that work the same in the list and the detail pane.
	switch {
	case key.Matches(msg, k.Help):
		m.screen = screenHelp
		m.helpScreen.Open()
		return nil
	case key.Matches(msg, k.Language):
		return m.cycleLanguage()
	case key.Matches(msg, k.Mark):
		m.toggleMark()
		if !m.detailOpen {
			m.moveCursor(m.cursor + 1)
		}
		return nil
	case key.Matches(msg, k.Export):
		return m.openExport()
	case key.Matches(msg, k.Filter):
		return m.openInput(filterline.Filter)
	case key.Matches(msg, k.Search):
		return m.openInput(filterline.Search)
	case key.Matches(msg, k.NextMatch):
		return m.jumpMatch(true)
	case key.Matches(msg, k.PrevMatch):
		return m.jumpMatch(false)
	}
	if m.detailOpen {
		return m.detailKey(msg)
	}
	return m.listKey(msg)
}

// isBack reports whether msg leaves the current view.
func (m *Model) isBack(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, m.Keys.Back, m.Keys.Quit) && msg.String() != "ctrl+c"
}

func (m *Model) pageSize() int {
	l := m.layout()
	return max(l.listH-2, 1)
}

func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Back):
		if m.searchText != "" {
			m.search, m.searchText = nil, ""
		}
	case key.Matches(msg, k.Down):
		m.moveCursor(m.cursor + 1)
	case key.Matches(msg, k.Up):
		m.moveCursor(m.cursor - 1)
	case key.Matches(msg, k.PageDown):
		m.moveCursor(m.cursor + m.pageSize())
	case key.Matches(msg, k.PageUp):
		m.moveCursor(m.cursor - m.pageSize())
	case key.Matches(msg, k.Top):
		m.moveCursor(0)
	case key.Matches(msg, k.Bottom):
		m.moveCursor(len(m.rows) - 1)
	case key.Matches(msg, k.Open):
		if m.selected != nil {
			m.detailOpen = true
			m.detail.GotoTop()
		}
	case key.Matches(msg, k.SortNext):
		m.sortCol = (m.sortCol + 1) % numSortable
		m.sortRev = false
		m.refilter(true)
	case key.Matches(msg, k.SortReverse):
		m.sortRev = !m.sortRev
		if m.sortCol == colTime {
			// Reversing the timeline needs no comparisons.
			reverse(m.rows)
			m.relocate()
		} else {
			m.refilter(true)
		}
	case key.Matches(msg, k.IncProvider):
		m.quickFilter(colProvider, false)
	case key.Matches(msg, k.ExcProvider):
		m.quickFilter(colProvider, true)
	case key.Matches(msg, k.IncID):
		m.quickFilter(colID, false)
	case key.Matches(msg, k.ExcID):
		m.quickFilter(colID, true)
	case key.Matches(msg, k.IncComputer):
		m.quickFilter(colComputer, false)
	case key.Matches(msg, k.ExcComputer):
		m.quickFilter(colComputer, true)
	case key.Matches(msg, k.IncClass):
		m.quickFilter(colClass, false)
	case key.Matches(msg, k.ExcClass):
		m.quickFilter(colClass, true)
	case key.Matches(msg, k.ToggleClass):
		c := model.Classes[int(msg.Code-'1')]
		m.editFilter(func(q *query.Query) (string, error) { return q.Toggle(query.Term("class", c.String(), true)) })
	case key.Matches(msg, k.AllClasses):
		m.editFilter(func(q *query.Query) (string, error) { return q.Without("class", true), nil })
	case key.Matches(msg, k.MarkAll):
		for _, r := range m.rows {
			m.marks[r] = struct{}{}
		}
	case key.Matches(msg, k.ClearMarks):
		clear(m.marks)
	case key.Matches(msg, k.Summary):
		m.screen = screenSummary
		m.summary.Open(m.rows, m.filterText)
		m.summaryAt = m.rowsVersion
	case key.Matches(msg, k.Report):
		m.screen = screenReport
		m.report.Open(m.reports, m.loadTook)
	}
	return nil
}

func reverse(s []int32) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func (m *Model) toggleMark() {
	if m.selected == nil {
		return
	}
	if _, ok := m.marks[m.selSlot]; ok {
		delete(m.marks, m.selSlot)
	} else {
		m.marks[m.selSlot] = struct{}{}
	}
}

func (m *Model) cycleLanguage() tea.Cmd {
	m.Lang = m.Lang.Next()
	m.SetLang(m.Lang)
	m.helpScreen.Refresh()
	m.report.Refresh()
	return m.setStatus(m.T(uiText.LanguageSet), false)
}

// --- the input line -------------------------------------------------------

// openInput opens the input line on the filter or the search.
func (m *Model) openInput(mode filterline.Mode) tea.Cmd {
	m.filter.SetShowing(m.filterText)
	if mode == filterline.Search {
		m.searchOrigin = m.cursor
		return m.filter.Open(mode, m.searchText)
	}
	return m.filter.Open(mode, m.filterText)
}

// inputKey passes msg to the input line and acts on what it did: the filter
// is applied as the user types, the search moves the cursor.
func (m *Model) inputKey(msg tea.Msg) tea.Cmd {
	act, cmd := m.filter.Update(msg)
	switch {
	case act.Kind == filterline.Changed && act.Mode == filterline.Filter:
		m.setFilter(act.Text)
	case act.Kind == filterline.Changed:
		q, err := query.Parse(act.Text, m.QueryNow())
		if err != nil {
			break
		}
		m.search = q
		if i := m.findMatch(m.searchOrigin, true); i >= 0 {
			m.moveCursor(i)
		}
	case act.Kind == filterline.Accepted && act.Mode == filterline.Search:
		m.searchText = act.Text
		if m.search == nil || m.search.Empty() {
			m.searchText = ""
		}
	case act.Kind == filterline.Cancelled && act.Mode == filterline.Filter:
		// Esc clears the filter (issue 4): the list shows everything.
		m.queryErr = nil
		m.setFilter("")
	case act.Kind == filterline.Cancelled:
		m.search, m.searchText = nil, ""
		m.moveCursor(m.searchOrigin)
	}
	m.filter.SetShowing(m.filterText)
	return cmd
}

func (m *Model) jumpMatch(forward bool) tea.Cmd {
	if m.search == nil || m.search.Empty() {
		return m.openInput(filterline.Search)
	}
	from := m.cursor + 1
	if !forward {
		from = m.cursor - 1
	}
	i := m.findMatch(from, forward)
	if i < 0 {
		return m.setStatus(fmt.Sprintf(m.T(uiText.SearchNotFound), m.searchText), true)
	}
	m.moveCursor(i)
	return nil
}

// --- mouse -----------------------------------------------------------------

func (m *Model) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	if msg.Button != tea.MouseLeft || m.export != nil || m.screen != screenList || m.filter.Mode() != filterline.None {
		if m.screen == screenSummary {
			msg.Y -= titleLines
			return m.summary.Update(msg)
		}
		return nil
	}
	l := m.layout()
	if l.place == placeFull || msg.X >= l.listW {
		return nil
	}
	row := msg.Y - listTop
	if row == -1 {
		m.clickHeader(msg.X, l.listW)
		return nil
	}
	if row < 0 || row >= l.listH-1 {
		return nil
	}
	i := m.offset + row
	if i >= len(m.rows) {
		return nil
	}
	if i == m.cursor && !m.detailOpen {
		m.detailOpen = true
		m.detail.GotoTop()
		return nil
	}
	m.moveCursor(i)
	return nil
}

func (m *Model) handleWheel(msg tea.MouseWheelMsg) {
	l := m.layout()
	inDetail := m.detailOpen && (l.place == placeFull ||
		(l.place == placeRight && msg.X > l.listW) ||
		(l.place == placeBelow && msg.Y > listTop+l.listH-1))
	switch {
	case m.screen == screenReport:
		m.report.Update(msg)
	case m.screen == screenHelp:
		m.helpScreen.Update(msg)
	case m.screen != screenList || m.export != nil:
	case inDetail:
		m.detail.Update(msg)
	case msg.Button == tea.MouseWheelDown:
		m.moveCursor(m.cursor + 3)
	case msg.Button == tea.MouseWheelUp:
		m.moveCursor(m.cursor - 3)
	}
}

// sync brings derived state up to date after every message: the cursor's
// event, the scroll offset, and the detail pane's content.
func (m *Model) sync() tea.Cmd {
	if m.selected == nil || m.cursor >= len(m.rows) || m.rows[m.cursor] != m.selSlot {
		m.selectRow(m.cursor)
	}
	l := m.layout()
	m.scrollTo(l.listH - 1)
	if m.screen == screenSummary && m.summaryAt != m.rowsVersion {
		// A load added events while the summary is open.
		m.summary.Open(m.rows, m.filterText)
		m.summaryAt = m.rowsVersion
	}
	if m.detailOpen && m.selected == nil {
		m.detailOpen = false
	}
	if m.detailOpen {
		m.detail.SetSize(l.detailW, l.detailH)
		return m.detail.Show(m.selected)
	}
	return nil
}

// clickHeader sorts by the column under x, or reverses the sort when it is
// already the sort column.
func (m *Model) clickHeader(x, w int) {
	pos := gutterWidth
	for _, c := range m.columns(w) {
		if x >= pos && x < pos+c.width+1 {
			if c.col >= numSortable {
				return
			}
			if c.col == m.sortCol {
				m.sortRev = !m.sortRev
			} else {
				m.sortCol, m.sortRev = c.col, false
			}
			m.refilter(true)
			return
		}
		pos += c.width + 1
	}
}

// filterToSpan narrows the filter to [from, to), a summary bar's span, and
// returns to the list.
func (m *Model) filterToSpan(from, to time.Time) {
	m.editFilter(func(q *query.Query) (string, error) {
		text, err := q.With("after", from.Format(time.RFC3339), false)
		if err != nil {
			return "", err
		}
		if q, err = query.Parse(text, m.QueryNow()); err != nil {
			return "", err
		}
		return q.With("before", to.Format(time.RFC3339), false)
	})
	m.screen = screenList
}

// detailKey handles a key while the detail pane is open: the root moves
// between events and closes the pane; the pane scrolls itself.
func (m *Model) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Back, k.Quit), key.Matches(msg, k.Open):
		m.detailOpen = false
	case key.Matches(msg, k.NextEvent):
		m.moveCursor(m.cursor + 1)
	case key.Matches(msg, k.PrevEvent):
		m.moveCursor(m.cursor - 1)
	default:
		return m.detail.Update(msg)
	}
	return nil
}
