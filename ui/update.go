package ui

import (
	"eventlens/ui/components/filterline"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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
	case m.screen == screenVMs:
		return m.vmsKey(msg)
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
		m.list.ToggleMark()
		if !m.detailOpen {
			m.list.MoveCursor(m.list.Cursor() + 1)
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

// listKey handles a key in the list: the root's own keys (quit, open,
// other screens), then the list's.
func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Back):
		m.list.SetSearch(nil, "")
	case key.Matches(msg, k.Open):
		m.openDetail()
	case key.Matches(msg, k.Summary):
		m.screen = screenSummary
		m.summary.Open(m.list.Matches(), m.list.FilterText())
		m.summaryAt = m.list.Version()
	case key.Matches(msg, k.Report):
		m.screen = screenReport
		m.report.Open(m.reports, m.loadTook)
	case key.Matches(msg, k.VMs):
		m.screen = screenVMs
		m.vms.Open()
	default:
		return m.list.Update(msg)
	}
	return nil
}

// openDetail opens the detail pane on the selected event.
func (m *Model) openDetail() {
	if m.list.Selected() != nil {
		m.detailOpen = true
		m.detail.GotoTop()
	}
}

// isBack reports whether msg leaves the current view.
func (m *Model) isBack(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, m.Keys.Back, m.Keys.Quit) && msg.String() != "ctrl+c"
}

func (m *Model) cycleLanguage() tea.Cmd {
	m.Lang = m.Lang.Next()
	m.SetLang(m.Lang)
	m.list.Refilter(true) // words also match the templates' text in the new language
	m.helpScreen.Refresh()
	m.report.Refresh()
	return m.setStatus(m.T(uiText.LanguageSet), false)
}

// --- the input line -------------------------------------------------------

// openInput opens the input line on the filter (to edit it) or the search
// (empty: a new search; ↑ recalls the last one).
func (m *Model) openInput(mode filterline.Mode) tea.Cmd {
	m.filter.SetShowing(m.list.FilterText())
	if mode == filterline.Search {
		m.searchOrigin = m.list.Cursor()
		return m.filter.Open(mode, "")
	}
	return m.filter.Open(mode, m.list.FilterText())
}

// inputKey passes msg to the input line and acts on what it did: the filter
// is applied as the user types, the search moves the cursor.
func (m *Model) inputKey(msg tea.Msg) tea.Cmd {
	act, cmd := m.filter.Update(msg)
	switch {
	case act.Kind == filterline.Changed && act.Mode == filterline.Filter:
		m.list.SetFilter(act.Text)
	case act.Kind == filterline.Changed:
		q, err := query.Parse(act.Text, m.QueryNow())
		if err != nil {
			break
		}
		m.list.SetSearch(q, m.list.SearchText())
		if i := m.list.FindMatch(m.searchOrigin, true); i >= 0 {
			m.list.MoveCursor(i)
		}
	case act.Kind == filterline.Accepted && act.Mode == filterline.Search:
		if q := m.list.Search(); q != nil && !q.Empty() {
			m.list.SetSearch(q, act.Text)
		} else {
			m.list.SetSearch(nil, "")
		}
	case act.Kind == filterline.Cancelled && act.Mode == filterline.Filter:
		// Esc clears the filter (issue 4): the list shows everything.
		m.list.SetFilter("")
	case act.Kind == filterline.Cancelled:
		m.list.SetSearch(nil, "")
		m.list.MoveCursor(m.searchOrigin)
	}
	m.filter.SetShowing(m.list.FilterText())
	return cmd
}

func (m *Model) jumpMatch(forward bool) tea.Cmd {
	if m.list.Search() == nil || m.list.Search().Empty() {
		return m.openInput(filterline.Search)
	}
	if !m.list.FindNext(forward) {
		return m.setStatus(fmt.Sprintf(m.T(uiText.SearchNotFound), m.list.SearchText()), true)
	}
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
	if m.list.Click(msg.X, msg.Y-listTop+1) && !m.detailOpen {
		m.openDetail()
	}
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
	default:
		m.list.Update(msg)
	}
}

// sync brings derived state up to date after every message: the cursor's
// event, the scroll offset, and the detail pane's content.
func (m *Model) sync() tea.Cmd {
	l := m.layout()
	m.list.Loading = m.loading
	m.list.SetSize(l.listW, l.listH)
	m.list.Sync()
	if m.screen == screenSummary && m.summaryAt != m.list.Version() {
		// A load added events while the summary is open.
		m.summary.Open(m.list.Matches(), m.list.FilterText())
		m.summaryAt = m.list.Version()
	}
	if m.detailOpen && m.list.Selected() == nil {
		m.detailOpen = false
	}
	if m.detailOpen {
		m.detail.SetSize(l.detailW, l.detailH)
		return m.detail.Show(m.list.Selected())
	}
	return nil
}

// filterToSpan narrows the filter to [from, to), a summary bar's span, and
// returns to the list.
func (m *Model) filterToSpan(from, to time.Time) tea.Cmd {
	m.screen = screenList
	return m.list.Edit(func(q *query.Query) (string, error) {
		text, err := q.With("after", from.Format(time.RFC3339), false)
		if err != nil {
			return "", err
		}
		if q, err = query.Parse(text, m.QueryNow()); err != nil {
			return "", err
		}
		return q.With("before", to.Format(time.RFC3339), false)
	})
}

// detailKey handles a key while the detail pane is open: the root moves
// between events and closes the pane; the pane scrolls itself.
func (m *Model) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Back, k.Quit), key.Matches(msg, k.Open):
		m.detailOpen = false
	case key.Matches(msg, k.NextEvent):
		m.list.MoveCursor(m.list.Cursor() + 1)
	case key.Matches(msg, k.PrevEvent):
		m.list.MoveCursor(m.list.Cursor() - 1)
	default:
		return m.detail.Update(msg)
	}
	return nil
}
