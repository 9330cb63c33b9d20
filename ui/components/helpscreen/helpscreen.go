// Package helpscreen is the viewer's full-screen help: every key, the
// class toggles, the mouse, and the filter language with examples.
package helpscreen

import (
	"charm.land/lipgloss/v2"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/ui/common"
)

// Model is the help screen. Its text is laid out when it opens, resizes or
// changes language; View only shows the scrolled part.
type Model struct {
	ctx    *common.Context
	help   help.Model
	w, h   int
	scroll int
	lines  []string
}

// New returns the help screen.
func New(ctx *common.Context) *Model {
	return &Model{ctx: ctx, help: help.New()}
}

// SetSize lays the help out for a body of w×h cells.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.Refresh()
}

// Open shows the help from the top.
func (m *Model) Open() {
	m.scroll = 0
	m.Refresh()
}

// Refresh lays the text out again after a change of language or styles.
func (m *Model) Refresh() {
	c := m.ctx
	t := c.T
	m.help.Styles = c.Styles.Help
	m.help.SetWidth(0) // columns decides what fits
	full := m.columns(c.Keys.ListHelp().Full)
	legend := t(i18n.UI.HelpClassKeys)
	for i, cl := range model.Classes {
		legend += fmt.Sprintf("  %d %s", i+1, common.ClassText(cl).In(c.Lang))
	}
	mouse := strings.Join(common.Wrap(legend+"\n"+t(i18n.UI.HelpMouse), max(m.w-2, 20)), "\n")
	st := c.Styles
	text := st.Title.Render(t(i18n.UI.HelpTitle)) + "\n\n" + full + "\n\n" + mouse + "\n\n" +
		st.Title.Render(t(i18n.UI.QueryTitle)) + "\n" + m.queryHelp() + "\n\n" +
		st.Title.Render(t(i18n.UI.DetailKeysTitle)) + "\n" + m.columns(c.Keys.DetailHelp().Full)
	m.lines = strings.Split(text, "\n")
	m.scrollBy(0)
}

// columns lays groups of keys out side by side, as many per row as fit
// the width, so that a narrow terminal gets more rows instead of cut ones.
func (m *Model) columns(groups [][]key.Binding) string {
	var rows []string
	for len(groups) > 0 {
		n := 1
		for n < len(groups) && lipgloss.Width(m.help.FullHelpView(groups[:n+1])) <= m.w-2 {
			n++
		}
		rows = append(rows, m.help.FullHelpView(groups[:n]))
		groups = groups[n:]
	}
	return strings.Join(rows, "\n\n")
}

func (m *Model) scrollBy(n int) {
	m.scroll = common.Clamp(m.scroll+n, 0, max(len(m.lines)-m.h, 0))
}

// KeyMap is the help screen's keys: the list's scrolling keys.
func (m *Model) KeyMap() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}
}

// Update scrolls. Leaving the screen is the root model's business.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k := m.ctx.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Down):
			m.scrollBy(1)
		case key.Matches(msg, k.Up):
			m.scrollBy(-1)
		case key.Matches(msg, k.PageDown):
			m.scrollBy(m.h)
		case key.Matches(msg, k.PageUp):
			m.scrollBy(-m.h)
		case key.Matches(msg, k.Top):
			m.scroll = 0
		case key.Matches(msg, k.Bottom):
			m.scrollBy(len(m.lines))
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			m.scrollBy(3)
		case tea.MouseWheelUp:
			m.scrollBy(-3)
		}
	}
	return nil
}

// View shows the visible part of the help.
func (m *Model) View() string {
	out := make([]string, 0, m.h)
	for _, ln := range m.lines[min(m.scroll, len(m.lines)):] {
		if len(out) == m.h {
			break
		}
		out = append(out, common.FitLine(" "+ln, m.w))
	}
	return strings.Join(out, "\n")
}

// queryHelp is the filter language reference: examples and what they mean.
func (m *Model) queryHelp() string {
	rows := QueryExamples()
	w := 0
	for _, r := range rows {
		w = max(w, len(r.Syntax))
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "  %-*s  %s", w, r.Syntax, m.ctx.Styles.Dim.Render(m.ctx.T(r.Desc)))
	}
	return b.String()
}

// QueryExample is one line of the filter language reference.
type QueryExample struct {
	Syntax string
	Desc   i18n.Text
}

// QueryExamples are the help's filter examples; a test parses each.
func QueryExamples() []QueryExample {
	u := &i18n.UI
	return []QueryExample{
		{`vmms "virtual machine"`, u.QueryWords},
		{"id:26,27  id:4000-4100", u.QueryIDs},
		{"level:error,warning", u.QueryLevels},
		{"src:vmms  ch:System  host:HV01", u.QueryFields},
		{"class:known-issue  cat:kb975354", u.QueryClass},
		{"data.VmName:SQL01", u.QueryData},
		{`after:2011-06-01  before:"2011-06-02 12:00"`, u.QueryTime},
		{"after:-24h  after:-7d", u.QueryRelative},
		{"-id:7036  -class:harmless", u.QueryNegate},
	}
}
