// Package detail is the viewer's detail pane: everything about one event —
// its message, the catalog's explanation, the System fields, its data — or
// the record's raw XML.
package detail

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/ui/common"
)

// RawXMLFunc returns the XML of an event's record, read on demand.
type RawXMLFunc func(*model.Event) (string, error)

// sig identifies what the pane's lines were built from, so that they are
// rebuilt only when one of these changes, not on every frame.
type sig struct {
	ev    *model.Event
	lang  i18n.Lang
	width int
	raw   bool
	rawOK *model.Event // event whose raw XML had arrived
	class model.Class
	dark  bool
}

// rawState is the raw XML of one event, fetched by a Cmd because reading it
// means file I/O.
type rawState struct {
	ev      *model.Event
	text    string
	err     error
	loading bool
}

// RawMsg carries the raw XML of ev.
type RawMsg struct {
	ev   *model.Event
	text string
	err  error
}

// Model is the detail pane.
type Model struct {
	ctx   *common.Context
	fetch RawXMLFunc
	view  viewport.Model
	w, h  int

	ev    *model.Event
	sig   sig
	lines []string // wrapped to the pane's width
	rawOn bool
	raw   rawState
}

// New returns the pane; fetch nil disables the raw XML view.
func New(ctx *common.Context, fetch RawXMLFunc) *Model {
	return &Model{ctx: ctx, fetch: fetch, view: viewport.New()}
}

// SetSize sizes the pane to w×h cells.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = max(w, 10), max(h, 1)
	m.view.SetWidth(m.w)
	m.view.SetHeight(m.h)
}

// GotoTop scrolls to the top.
func (m *Model) GotoTop() { m.view.GotoTop() }

// KeyMap is the pane's own keys; the root adds the ones shared with the
// list.
func (m *Model) KeyMap() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.RawXML}
}

// Update scrolls, toggles the raw XML view, and takes arriving XML.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k := m.ctx.Keys
	switch msg := msg.(type) {
	case RawMsg:
		if msg.ev == m.raw.ev { // else the user has moved on
			m.raw.text, m.raw.err, m.raw.loading = msg.text, msg.err, false
		}
	case tea.MouseWheelMsg:
		m.view, _ = m.view.Update(msg)
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Down):
			m.view.ScrollDown(1)
		case key.Matches(msg, k.Up):
			m.view.ScrollUp(1)
		case key.Matches(msg, k.PageDown):
			m.view.PageDown()
		case key.Matches(msg, k.PageUp):
			m.view.PageUp()
		case key.Matches(msg, k.Top):
			m.view.GotoTop()
		case key.Matches(msg, k.Bottom):
			m.view.GotoBottom()
		case key.Matches(msg, k.RawXML):
			if m.fetch == nil {
				return common.Status(m.ctx.T(i18n.UI.RawUnavailable), true)
			}
			m.rawOn = !m.rawOn
		}
	}
	return nil
}

// Show makes ev the pane's event (nil for none). It rebuilds the lines
// when the event, language, width, mode or colours changed, and starts
// fetching raw XML when it is wanted.
func (m *Model) Show(ev *model.Event) tea.Cmd {
	m.ev = ev
	var cmd tea.Cmd
	if m.rawOn && m.raw.ev != ev && ev != nil {
		m.raw = rawState{ev: ev, loading: true}
		fetch := m.fetch
		cmd = func() tea.Msg {
			text, err := fetch(ev)
			return RawMsg{ev: ev, text: text, err: err}
		}
	}
	s := sig{ev: ev, lang: m.ctx.Lang, width: m.w, raw: m.rawOn, dark: m.ctx.Dark}
	if ev != nil {
		s.class = ev.Class
	}
	if !m.raw.loading {
		s.rawOK = m.raw.ev
	}
	if s != m.sig {
		top := s.ev != m.sig.ev || s.raw != m.sig.raw
		m.sig = s
		m.lines = m.build(ev, m.w)
		m.view.SetContentLines(m.lines)
		if top {
			m.view.GotoTop()
		}
	}
	return cmd
}

// Restyle makes the next Show rebuild the lines, after a change of
// colours.
func (m *Model) Restyle() { m.sig = sig{} }

// View draws the visible part of the pane. The viewport keeps the scroll
// position; the lines are drawn here because they are already wrapped to
// the width, which spares a layout pass on every frame.
func (m *Model) View() string {
	out := make([]string, 0, m.h)
	off := common.Clamp(m.view.YOffset(), 0, max(len(m.lines)-1, 0))
	for i := off; i < len(m.lines) && len(out) < m.h; i++ {
		out = append(out, common.FitLine(m.lines[i], m.w))
	}
	for len(out) < m.h {
		out = append(out, strings.Repeat(" ", m.w))
	}
	return strings.Join(out, "\n")
}

// rawLines is the raw XML view's text.
func (m *Model) rawLines(w int) []string {
	c := m.ctx
	out := []string{c.Styles.Title.Render(c.T(i18n.UI.RawXMLTitle))}
	switch {
	case m.raw.loading:
		out = append(out, c.Styles.Dim.Render(c.T(i18n.UI.Loading)+"…"))
	case m.raw.err != nil:
		out = append(out, common.Wrap(fmt.Sprintf(c.T(i18n.UI.RawFailed), m.raw.err), w)...)
	default:
		out = append(out, common.Wrap(m.raw.text, w)...)
	}
	return out
}
