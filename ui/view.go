package ui

import (
	"eventlens/ui/keymap"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"eventlens/i18n"
	"eventlens/model"
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
	l := layout{bodyH: max(m.height-titleLines-footerLines, 1), listW: m.width}
	l.listH = l.bodyH
	if !m.detailOpen {
		return l
	}
	switch {
	case m.width >= 150 && l.bodyH >= 8:
		l.place = placeRight
		l.listW = m.width * 11 / 20
		l.detailW = m.width - l.listW - 1
		l.detailH = l.bodyH
	case m.height >= 32:
		l.place = placeBelow
		l.listH = max(l.bodyH*2/5, 6)
		l.detailW = m.width
		l.detailH = l.bodyH - l.listH - 1
	default:
		l.place = placeFull
		l.listH = 0
		l.detailW = m.width
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
	lines := make([]string, 0, m.height)
	lines = append(lines, m.titleBar())
	lines = append(lines, m.body(l)...)
	lines = append(lines, m.statusLine(), m.helpLine())
	return strings.Join(lines, "\n")
}

func (m *Model) body(l layout) []string {
	var lines []string
	switch {
	case m.export != nil:
		lines = m.exportView(m.width, l.bodyH)
	case m.screen == screenHelp:
		lines = m.helpView(m.width, l.bodyH)
	case m.screen == screenSummary:
		lines = m.summaryView(m.width, l.bodyH)
	case m.screen == screenReport:
		lines = m.reportView(m.width, l.bodyH)
	default:
		switch l.place {
		case placeNone:
			lines = m.listView(l.listW, l.listH)
		case placeRight:
			list := m.listView(l.listW, l.listH)
			det := m.detailView(l.detailW, l.detailH)
			sep := m.st.Border.Render("│")
			for i := range l.bodyH {
				lines = append(lines, list[i]+sep+det[i])
			}
		case placeBelow:
			lines = m.listView(l.listW, l.listH)
			lines = append(lines, m.st.Border.Render(strings.Repeat("─", m.width)))
			lines = append(lines, m.detailView(l.detailW, l.detailH)...)
		case placeFull:
			lines = m.detailView(l.detailW, l.detailH)
		}
	}
	// Every screen fills the body exactly, so the footer never moves.
	for len(lines) < l.bodyH {
		lines = append(lines, "")
	}
	return lines[:l.bodyH]
}

// fmtInt formats n with the language's thousands separator.
func fmtInt(n int, lang i18n.Lang) string {
	s := strconv.Itoa(n)
	if n < 0 || len(s) <= 3 {
		return s
	}
	sep := ","
	if lang == i18n.NL {
		sep = "."
	}
	var b strings.Builder
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

func fmtBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for x := n / unit; x >= unit; x /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// titleBar shows counts, filter, sort, marks and language.
func (m *Model) titleBar() string {
	parts := []string{"eventlens"}
	total := m.store.Len()
	if m.filterText != "" {
		parts = append(parts, fmt.Sprintf(m.t(uiText.MatchCount), fmtInt(len(m.rows), m.lang), fmtInt(total, m.lang)))
		parts = append(parts, m.t(uiText.FilterLabel)+" "+sanitize.Line(m.filterText))
	} else {
		parts = append(parts, fmt.Sprintf(m.t(uiText.EventCount), fmtInt(total, m.lang)))
	}
	if n := len(m.marks); n > 0 {
		parts = append(parts, fmt.Sprintf(m.t(uiText.MarkedCount), fmtInt(n, m.lang)))
	}
	dir := m.t(uiText.SortAsc)
	if m.sortRev {
		dir = m.t(uiText.SortDesc)
	}
	right := fmt.Sprintf("%s %s %s · %s", m.t(uiText.SortLabel), m.columnTitle(m.sortCol), dir, m.lang.Code())
	left := " " + strings.Join(parts, " · ")
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right) - 1
	line := left
	if gap >= 1 {
		line += strings.Repeat(" ", gap) + right + " "
	}
	return m.st.Header.Render(fitLine(line, m.width))
}

// statusLine shows, by priority: the input line, a transient message,
// load progress, load problems, or the position in the list.
func (m *Model) statusLine() string {
	w := m.width
	if m.mode != inputNone {
		line := m.input.View()
		if m.queryErr != nil && m.mode == inputFilter {
			line += "  " + m.st.ErrText.Render(sanitize.Line(m.queryErr.Error()))
		}
		return fitLine(line, w)
	}
	if m.statusMsg != "" {
		st := m.st.OkText
		if m.statusErr {
			st = m.st.ErrText
		}
		return fitLine(st.Render(sanitize.Line(m.statusMsg)), w)
	}
	if m.loading {
		pct := 0.0
		if m.progress.BytesTotal > 0 {
			pct = float64(m.progress.BytesDone) / float64(m.progress.BytesTotal)
		}
		info := " " + m.t(uiText.Loading)
		if m.progress.BytesTotal > 0 {
			info += fmt.Sprintf(" %s / %s", fmtBytes(m.progress.BytesDone), fmtBytes(m.progress.BytesTotal))
		}
		info += " · " + fmt.Sprintf(m.t(uiText.EventCount), fmtInt(m.store.Len(), m.lang))
		if m.progress.File != "" {
			info += " · " + sanitize.Line(m.progress.File)
		}
		m.bar.SetWidth(clamp(w/4, 10, 40))
		return fitLine(m.bar.ViewAs(pct)+info, w)
	}
	var parts []string
	if m.classifying {
		parts = append(parts, m.t(uiText.Classifying)+"…")
	}
	if len(m.rows) > 0 {
		parts = append(parts, fmt.Sprintf("%s/%s", fmtInt(m.cursor+1, m.lang), fmtInt(len(m.rows), m.lang)))
	}
	if n := m.problemFiles(); n > 0 {
		parts = append(parts, m.st.ErrText.Render(fmt.Sprintf(m.t(uiText.LoadProblems), n)))
	} else if m.loadErr != nil {
		parts = append(parts, m.st.ErrText.Render(sanitize.Line(m.loadErr.Error())))
	}
	if m.searchText != "" {
		parts = append(parts, m.t(uiText.SearchLabel)+" "+sanitize.Line(m.searchText))
	}
	return fitLine(m.st.Status.Render(" "+strings.Join(parts, " · ")), w)
}

// helpLine is the always-visible short help for the current context.
func (m *Model) helpLine() string {
	m.help.SetWidth(m.width - 1)
	var keys keymap.Help
	switch {
	case m.mode != inputNone:
		return fitLine(" "+m.st.Dim.Render(m.t(uiText.InputHint)), m.width)
	case m.export != nil:
		return fitLine(" "+m.st.Dim.Render(m.t(uiText.ExportHint)), m.width)
	case m.screen == screenSummary:
		return fitLine(" "+m.st.Dim.Render(m.t(uiText.SummaryHint)), m.width)
	case m.screen == screenHelp || m.screen == screenReport:
		return fitLine(" "+m.st.Dim.Render(m.t(uiText.BackHint)), m.width)
	case m.detailOpen:
		keys = m.keys.DetailHelp()
	default:
		keys = m.keys.ListHelp()
	}
	return fitLine(" "+m.help.ShortHelpView(keys.Short), m.width)
}

// helpView is the full help: every key, then the query language.
func (m *Model) helpView(w, h int) []string {
	m.help.SetWidth(w - 2)
	full := m.help.FullHelpView(m.keys.ListHelp().Full)
	legend := m.t(uiText.HelpClassKeys)
	for i, c := range model.Classes {
		legend += fmt.Sprintf("  %d %s", i+1, classText(c).In(m.lang))
	}
	mouse := strings.Join(wrap(legend+"\n"+m.t(uiText.HelpMouse), max(w-2, 20)), "\n")
	text := m.st.Title.Render(m.t(uiText.HelpTitle)) + "\n\n" + full + "\n\n" + mouse + "\n\n" +
		m.st.Title.Render(m.t(uiText.QueryTitle)) + "\n" + m.queryHelp() + "\n\n" +
		m.st.Title.Render(m.t(uiText.DetailKeysTitle)) + "\n" + m.help.FullHelpView(m.keys.DetailHelp().Full)
	lines := strings.Split(text, "\n")
	m.helpScroll = clamp(m.helpScroll, 0, max(len(lines)-h, 0))
	out := make([]string, 0, h)
	for _, ln := range lines[m.helpScroll:] {
		if len(out) == h {
			break
		}
		out = append(out, fitLine(" "+ln, w))
	}
	return out
}

// queryHelp is the filter language reference: examples and what they mean.
func (m *Model) queryHelp() string {
	rows := queryExamples()
	w := 0
	for _, r := range rows {
		w = max(w, len(r.syntax))
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "  %-*s  %s", w, r.syntax, m.st.Dim.Render(m.t(r.desc)))
	}
	return b.String()
}

type queryExample struct {
	syntax string
	desc   i18n.Text
}

// queryExamples are the help's filter examples; a test parses each.
func queryExamples() []queryExample {
	return []queryExample{
		{`vmms "virtual machine"`, uiText.QueryWords},
		{"id:26,27  id:4000-4100", uiText.QueryIDs},
		{"level:error,warning", uiText.QueryLevels},
		{"src:vmms  ch:System  host:HV01", uiText.QueryFields},
		{"class:known-issue  cat:kb975354", uiText.QueryClass},
		{"data.VmName:SQL01", uiText.QueryData},
		{`after:2011-06-01  before:"2011-06-02 12:00"`, uiText.QueryTime},
		{"after:-24h  after:-7d", uiText.QueryRelative},
		{"-id:7036  -class:harmless", uiText.QueryNegate},
	}
}
