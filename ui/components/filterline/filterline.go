// Package filterline is the viewer's input line for the filter (applied
// live as the user types) and the search (which moves the cursor), with a
// shell-like history and the query's error on its own lines.
package filterline

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model/query"
	"eventlens/model/sanitize"
	"eventlens/ui/common"
)

// Mode is what the line edits.
type Mode int

// The modes; None is a closed line.
const (
	None Mode = iota
	Filter
	Search
)

// Kind is what an update did, for the root model to act on.
type Kind int

// The kinds of action.
const (
	Nothing   Kind = iota
	Changed        // the text changed: apply it live
	Accepted       // Enter: keep it and close
	Cancelled      // Esc: clear it and close
)

// Action is the outcome of an update.
type Action struct {
	Kind Kind
	Mode Mode
	Text string
}

// maxHistory bounds the history of filters and searches.
const maxHistory = 100

// maxErrLines bounds the lines an error takes above the input line.
const maxErrLines = 4

// Model is the input line.
type Model struct {
	ctx   *common.Context
	input textinput.Model
	mode  Mode
	w     int

	err     error  // the text's parse error, if any
	refused bool   // Enter was pressed on an invalid filter
	showing string // the filter the list shows (the last valid one)

	history   []string // oldest first
	histPos   int      // 0: the draft; n: the n-th most recent entry
	histDraft string
}

// New returns a closed input line.
func New(ctx *common.Context) *Model {
	m := &Model{ctx: ctx, input: textinput.New()}
	m.Restyle()
	return m
}

// Restyle follows the terminal's background and NO_COLOR.
func (m *Model) Restyle() {
	is := textinput.DefaultStyles(m.ctx.Dark)
	if m.ctx.NoColor {
		is = textinput.Styles{}
	}
	// A steady cursor: blinking costs a redraw twice a second for nothing.
	is.Cursor.Blink = false
	m.input.SetStyles(is)
}

// SetSize sets the line's width.
func (m *Model) SetSize(w int) {
	m.w = w
	m.input.SetWidth(max(w-sanitize.Width(m.input.Prompt)-2, 10))
}

// Mode is what the line edits, None when closed.
func (m *Model) Mode() Mode { return m.mode }

// Value is the text in the line.
func (m *Model) Value() string { return m.input.Value() }

// Err is the parse error of the text, if any.
func (m *Model) Err() error { return m.err }

// SetShowing tells the line which filter the list shows, for the error
// line to say so.
func (m *Model) SetShowing(text string) { m.showing = text }

// Open opens the line on text in mode.
func (m *Model) Open(mode Mode, text string) tea.Cmd {
	c := m.ctx
	m.mode, m.err, m.refused = mode, nil, false
	m.input.Reset()
	m.input.Prompt = c.T(i18n.UI.FilterPrompt)
	if mode == Search {
		m.input.Prompt = c.T(i18n.UI.SearchPrompt)
	}
	m.input.Placeholder = c.T(i18n.UI.FilterPlaceholder)
	// The prompt and the cursor cell come on top of the text's width.
	m.input.SetWidth(max(m.w-sanitize.Width(m.input.Prompt)-2, 10))
	m.input.SetValue(text)
	m.input.CursorEnd()
	m.histPos, m.histDraft = 0, text
	return m.input.Focus()
}

func (m *Model) close() {
	m.mode = None
	m.err, m.refused = nil, false
	m.input.Blur()
}

// KeyMap is the line's keys.
func (m *Model) KeyMap() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", m.ctx.T(i18n.UI.KeyOpen))),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", m.ctx.T(i18n.UI.KeyBack))),
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", m.ctx.T(i18n.UI.KeyHistory))),
	}
}

// Update edits the line and says what the root model should do.
func (m *Model) Update(msg tea.Msg) (Action, tea.Cmd) {
	if m.mode == None {
		return Action{}, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "enter":
			if m.err != nil {
				// Keep the line open on an invalid query, filter or
				// search alike, and say why Enter did nothing; the text
				// is not lost.
				m.refused = true
				return Action{}, nil
			}
			mode, text := m.mode, m.input.Value()
			m.remember(text)
			m.close()
			return Action{Kind: Accepted, Mode: mode, Text: text}, nil
		case "up", "down":
			return m.recall(k.String() == "up"), nil
		case "esc":
			mode := m.mode
			m.close()
			return Action{Kind: Cancelled, Mode: mode}, nil
		}
	}
	before := m.input.Value()
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if v := m.input.Value(); sanitize.Drop(v) != v {
		// Text pasted from a log may carry controls or bidi overrides; the
		// input shows what it holds, so they must not get in.
		m.input.SetValue(sanitize.Drop(v))
	}
	if m.input.Value() == before {
		return Action{}, cmd
	}
	return m.changed(), cmd
}

// recall steps through earlier filters and searches, newest first, as in a
// shell.
func (m *Model) recall(older bool) Action {
	if len(m.history) == 0 {
		return Action{}
	}
	if older {
		m.histPos = min(m.histPos+1, len(m.history))
	} else {
		m.histPos = max(m.histPos-1, 0)
	}
	text := m.histDraft
	if m.histPos > 0 {
		text = m.history[len(m.history)-m.histPos]
	}
	m.input.SetValue(text)
	m.input.CursorEnd()
	return m.changed()
}

// changed checks the new text and asks for it to be applied.
func (m *Model) changed() Action {
	text := m.input.Value()
	_, m.err = query.Parse(text, m.ctx.QueryNow())
	m.refused = false
	return Action{Kind: Changed, Mode: m.mode, Text: text}
}

// remember adds text to the history, most recent last, without duplicates.
func (m *Model) remember(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	m.history = slices.DeleteFunc(m.history, func(h string) bool { return h == text })
	m.history = append(m.history, text)
	if len(m.history) > maxHistory {
		m.history = m.history[1:]
	}
}

// View is the input line.
func (m *Model) View() string { return common.FitLine(m.input.View(), m.w) }

// ErrView is the query's error, wrapped onto as many lines as it needs
// (at most a few) so that it is readable at any width: what is wrong,
// whether Enter was refused, and, for the filter, which filter the list
// still shows. It is empty when the text is valid.
func (m *Model) ErrView() []string {
	if m.mode == None || m.err == nil {
		return nil
	}
	c := m.ctx
	msg := common.QueryError(m.err, c.Lang)
	if c.Lang == i18n.JA {
		msg += "。"
	} else if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	if m.refused {
		msg = fmt.Sprintf(c.T(i18n.UI.FilterNotApplied), msg)
	}
	switch {
	case m.mode == Search:
		// The search only moves the cursor: there is no list to speak of.
	case m.showing == "":
		msg += " " + c.T(i18n.UI.FilterListShowsAll)
	default:
		msg += " " + fmt.Sprintf(c.T(i18n.UI.FilterListShows), strconv.Quote(sanitize.Line(m.showing)))
	}
	lines := common.Wrap(msg, max(m.w-2, 10))
	if len(lines) > maxErrLines {
		lines = lines[:maxErrLines]
		lines[maxErrLines-1] = sanitize.Truncate(lines[maxErrLines-1], max(m.w-3, 9), "") + common.Ellipsis
	}
	for i, ln := range lines {
		lines[i] = c.Styles.ErrText.Render(common.FitLine(" "+ln, m.w))
	}
	return lines
}
