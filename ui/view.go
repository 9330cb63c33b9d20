package ui

import (
	"eventlens/i18n"
	"eventlens/ui/common"
	"eventlens/ui/components/filterline"
	"eventlens/ui/keymap"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"eventlens/model/sanitize"
)

// Where the detail pane goes, by terminal size.
type placement int

const (
	placeNone  placement = iota
	placeRight           // beside the list, on wide terminals
	placeBelow           // under the list, on tall ones
	placeFull            // instead of the list, on small ones
)

// layout is the geometry of one frame. The list always starts on line 1
// (line 0 is the title bar) with its column header.
type layout struct {
	bodyH        int // lines between the title bar and the footer
	listW, listH int // list pane, including its column header
	place        placement
	detailW      int
	detailH      int
}

const (
	titleLines  = 1
	footerLines = 2
	listTop     = titleLines + 1 // first row line on screen
)

func (m *Model) layout() layout {
	footer := footerLines + len(m.filter.ErrView())
	l := layout{bodyH: max(m.Height-titleLines-footer, 1), listW: m.Width}
	l.listH = l.bodyH
	if !m.detailOpen {
		return l
	}
	switch {
	case m.Width >= 150 && l.bodyH >= 8:
		l.place = placeRight
		l.listW = m.Width * 11 / 20
		l.detailW = m.Width - l.listW - 1
		l.detailH = l.bodyH
	case m.Height >= 32:
		l.place = placeBelow
		l.listH = max(l.bodyH*2/5, 6)
		l.detailW = m.Width
		l.detailH = l.bodyH - l.listH - 1
	default:
		l.place = placeFull
		l.listH = 0
		l.detailW = m.Width
		l.detailH = l.bodyH
	}
	return l
}

// View draws the frame.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "eventlens"
	if m.loading && m.progress.BytesTotal > 0 {
		v.ProgressBar = tea.NewProgressBar(tea.ProgressBarDefault, int(100*m.progress.BytesDone/m.progress.BytesTotal))
	}
	return v
}

// render returns the frame's text: title bar, body, status line, help line.
func (m *Model) render() string {
	l := m.layout()
	lines := make([]string, 0, m.Height)
	lines = append(lines, m.titleBar())
	lines = append(lines, m.body(l)...)
	lines = append(lines, m.filter.ErrView()...)
	lines = append(lines, m.statusLine(), m.helpLine())
	return strings.Join(lines, "\n")
}

func (m *Model) body(l layout) []string {
	var lines []string
	switch {
	case m.export != nil:
		lines = strings.Split(m.export.View(), "\n")
	case m.screen == screenHelp:
		lines = strings.Split(m.helpScreen.View(), "\n")
	case m.screen == screenSummary:
		lines = strings.Split(m.summary.View(), "\n")
	case m.screen == screenReport:
		lines = strings.Split(m.report.View(), "\n")
	case m.screen == screenVMs:
		lines = strings.Split(m.vms.View(), "\n")
	default:
		switch l.place {
		case placeNone:
			lines = strings.Split(m.list.View(), "\n")
		case placeRight:
			list := strings.Split(m.list.View(), "\n")
			det := strings.Split(m.detail.View(), "\n")
			sep := m.Styles.Border.Render("│")
			for i := range l.bodyH {
				lines = append(lines, list[i]+sep+det[i])
			}
		case placeBelow:
			lines = strings.Split(m.list.View(), "\n")
			lines = append(lines, m.Styles.Border.Render(strings.Repeat("─", m.Width)))
			lines = append(lines, strings.Split(m.detail.View(), "\n")...)
		case placeFull:
			lines = strings.Split(m.detail.View(), "\n")
		}
	}
	// Every screen fills the body exactly, so the footer never moves.
	for len(lines) < l.bodyH {
		lines = append(lines, "")
	}
	return lines[:l.bodyH]
}

// titleBar shows counts, filter, sort, marks and language.
func (m *Model) titleBar() string {
	parts := []string{"eventlens"}
	total := m.Store.Len()
	if m.list.FilterText() != "" {
		parts = append(parts, fmt.Sprintf(m.T(uiText.MatchCount), i18n.Int(len(m.list.Matches()), m.Lang), i18n.Int(total, m.Lang)))
		parts = append(parts, i18n.Field(m.T(uiText.FilterLabel), sanitize.Line(m.list.FilterText()), m.Lang))
	} else {
		parts = append(parts, i18n.Events.In(total, m.Lang))
	}
	if n := len(m.list.Marks()); n > 0 {
		parts = append(parts, fmt.Sprintf(m.T(uiText.MarkedCount), i18n.Int(n, m.Lang)))
	}
	dir := m.T(uiText.SortAsc)
	if _, rev := m.list.Sort(); rev {
		dir = m.T(uiText.SortDesc)
	}
	right := i18n.Field(m.T(uiText.SortLabel), m.list.SortTitle()+" "+dir, m.Lang) + " · " + m.Lang.Code()
	left := " " + strings.Join(parts, " · ")
	gap := m.Width - lipgloss.Width(left) - lipgloss.Width(right) - 1
	line := left
	if gap >= 1 {
		line += strings.Repeat(" ", gap) + right + " "
	}
	return m.Styles.Header.Render(common.FitLine(line, m.Width))
}

// statusLine shows, by priority: the input line, a transient message,
// load progress, load problems, or the position in the list.
func (m *Model) statusLine() string {
	w := m.Width
	if m.filter.Mode() != filterline.None {
		return m.filter.View()
	}
	if m.statusMsg != "" {
		st := m.Styles.OKText
		if m.statusErr {
			st = m.Styles.ErrText
		}
		return common.FitLine(st.Render(sanitize.Line(m.statusMsg)), w)
	}
	if m.loading {
		pct := 0.0
		if m.progress.BytesTotal > 0 {
			pct = float64(m.progress.BytesDone) / float64(m.progress.BytesTotal)
		}
		info := " " + m.T(uiText.Loading)
		if m.progress.BytesTotal > 0 {
			info += fmt.Sprintf(" %s / %s", common.FmtBytes(m.progress.BytesDone), common.FmtBytes(m.progress.BytesTotal))
		}
		info += " · " + i18n.Events.In(m.Store.Len(), m.Lang)
		if m.progress.File != "" {
			info += " · " + sanitize.Line(m.progress.File)
		}
		return common.FitLine(m.bar.ViewAs(pct)+info, w)
	}
	var parts []string
	if m.classifying {
		parts = append(parts, m.T(uiText.Classifying)+"…")
	}
	if len(m.list.Rows()) > 0 {
		parts = append(parts, fmt.Sprintf("%s/%s", i18n.Int(m.list.Cursor()+1, m.Lang), i18n.Int(len(m.list.Rows()), m.Lang)))
	}
	if !m.list.Pinned() && m.list.Cursor() > 0 {
		parts = append(parts, m.T(uiText.StartHere))
	}
	if n := m.problemFiles(); n > 0 {
		parts = append(parts, m.Styles.ErrText.Render(fmt.Sprintf(m.T(uiText.LoadProblems), i18n.Files.In(n, m.Lang))))
	} else if m.loadErr != nil {
		parts = append(parts, m.Styles.ErrText.Render(sanitize.Line(m.loadErr.Error())))
	}
	if m.list.SearchText() != "" {
		parts = append(parts, i18n.Field(m.T(uiText.SearchLabel), sanitize.Line(m.list.SearchText()), m.Lang))
	}
	return common.FitLine(m.Styles.Status.Render(" "+strings.Join(parts, " · ")), w)
}

// helpLine is the always-visible short help for the current context.
func (m *Model) helpLine() string {
	var keys keymap.Help
	switch {
	case m.filter.Mode() != filterline.None:
		return common.FitLine(" "+m.Styles.Dim.Render(m.T(uiText.InputHint)), m.Width)
	case m.export != nil:
		return common.FitLine(" "+m.Styles.Dim.Render(m.T(uiText.ExportHint)), m.Width)
	case m.screen == screenSummary:
		return common.FitLine(" "+m.Styles.Dim.Render(m.T(uiText.SummaryHint)), m.Width)
	case m.screen == screenVMs:
		return common.FitLine(" "+m.help.ShortHelpView(m.vms.KeyMap()), m.Width)
	case m.screen == screenHelp || m.screen == screenReport:
		return common.FitLine(" "+m.Styles.Dim.Render(m.T(uiText.BackHint)), m.Width)
	case m.detailOpen:
		keys = m.Keys.DetailHelp()
	default:
		keys = m.Keys.ListHelp()
	}
	return common.FitLine(" "+m.help.ShortHelpView(keys.Short), m.Width)
}
