// Package exportdialog is the viewer's export dialog: scope (marked events
// or the current view), format and file name, with a confirmation before
// an existing file is replaced.
package exportdialog

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/export"
	"eventlens/model/sanitize"
	"eventlens/ui/common"
)

// Config is how the dialog writes.
type Config struct {
	// Dir is where the dialog proposes to write; empty means the current
	// directory.
	Dir string
	// WriteFile writes a file atomically, refusing to replace one unless
	// overwrite is set (returning export.ErrExists); nil is
	// export.WriteFile.
	WriteFile func(path string, overwrite bool, write func(io.Writer) error) error
}

// Scope is what can be exported, as store slots: the marked events in
// timeline order and the current view in its displayed order.
type Scope struct {
	Marked, View []int32
	// Settled is set when the store no longer changes (no load or
	// classification pass running), so that a Cmd may read it.
	Settled bool
}

type field int

const (
	fieldScope field = iota
	fieldFormat
	fieldPath
	numFields
)

// Model is the dialog, open from New until Closed reports true.
type Model struct {
	ctx   *common.Context
	cfg   Config
	scope Scope
	w, h  int

	focus  field
	marked bool // scope: marked events, else the current view
	format Format
	path   textinput.Model
	edited bool // the user typed a path: stop adjusting its extension

	confirm bool // the file exists: waiting for y/n
	busy    bool
	err     string
	closed  bool

	donePath string // written, when closed after a write
	doneN    int
}

// DoneMsg reports the end of a write.
type DoneMsg struct {
	path string
	n    int
	err  error
}

// New opens the dialog on scope, marked events first when there are any.
func New(ctx *common.Context, cfg Config, scope Scope) *Model {
	m := &Model{ctx: ctx, cfg: cfg, scope: scope, marked: len(scope.Marked) > 0, path: textinput.New()}
	m.path.Prompt = ""
	name := "eventlens-" + ctx.Now().In(ctx.Loc).Format("20060102-150405") + m.format.Ext()
	if cfg.Dir != "" {
		name = filepath.Join(cfg.Dir, name)
	}
	m.path.SetValue(name)
	m.path.CursorEnd()
	m.SetSize(ctx.Width, ctx.Height)
	return m
}

// SetSize fits the dialog, and its file name field, into w×h cells.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	// The box is at most 80 wide; the field takes what its border, padding
	// and indent leave, so that a long path scrolls instead of being cut.
	m.path.SetWidth(max(m.boxWidth()-8, 8))
}

func (m *Model) boxWidth() int { return max(min(m.w-2, 80), 20) }

// SetScope replaces what the dialog may write, keeping the choices made.
func (m *Model) SetScope(scope Scope) {
	m.scope = scope
	if m.err == m.ctx.T(i18n.UI.ExportWhileLoading) {
		m.err = ""
	}
}

// Closed reports whether the dialog has finished (written or cancelled).
func (m *Model) Closed() bool { return m.closed }

// Marked reports whether the scope is the marked events.
func (m *Model) Marked() bool { return m.marked }

// Format is the chosen format.
func (m *Model) Format() Format { return m.format }

// Path is the file name as typed.
func (m *Model) Path() string { return m.path.Value() }

// Err is the error shown in the dialog, if any.
func (m *Model) Err() string { return m.err }

// Confirming reports whether the dialog asks before replacing a file.
func (m *Model) Confirming() bool { return m.confirm }

// TakesText reports whether typed and pasted text goes to the file name.
func (m *Model) TakesText() bool { return m.focus == fieldPath && !m.confirm }

// Result is what a finished write wrote; ok is false when the dialog was
// cancelled or is still open.
func (m *Model) Result() (path string, n int, ok bool) {
	return m.donePath, m.doneN, m.closed && m.donePath != ""
}

// KeyMap is the dialog's keys.
func (m *Model) KeyMap() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Open, k.Back}
}

// Update handles keys, pasted text and the end of a write.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case DoneMsg:
		return m.finish(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.PasteMsg:
		if m.TakesText() {
			return m.updatePath(msg)
		}
	default:
		// The text field's own messages.
		var cmd tea.Cmd
		m.path, cmd = m.path.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	if m.busy {
		return nil
	}
	if m.confirm {
		switch msg.String() {
		case "y", "Y", "shift+y":
			m.confirm = false
			return m.run(true)
		case "n", "N", "shift+n", "esc":
			m.confirm = false
			m.focus = fieldPath
			return m.path.Focus()
		}
		return nil
	}
	switch msg.String() {
	case "esc":
		m.closed = true
		return nil
	case "enter":
		return m.run(false)
	case "tab", "down":
		return m.setFocus(m.focus + 1)
	case "shift+tab", "up":
		return m.setFocus(m.focus - 1)
	}
	switch m.focus {
	case fieldScope:
		switch msg.String() {
		case "left", "right", "space", "h", "l":
			m.marked = !m.marked
		}
	case fieldFormat:
		switch msg.String() {
		case "left", "h":
			m.setFormat(m.format - 1)
		case "right", "l", "space":
			m.setFormat(m.format + 1)
		}
	case fieldPath:
		return m.updatePath(msg)
	}
	return nil
}

// updatePath edits the file name, keeping controls and bidi overrides out.
func (m *Model) updatePath(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.path, cmd = m.path.Update(msg)
	if v := m.path.Value(); sanitize.Drop(v) != v {
		m.path.SetValue(sanitize.Drop(v))
	}
	m.edited = true
	return cmd
}

func (m *Model) setFocus(f field) tea.Cmd {
	m.focus = (f + numFields) % numFields
	if m.focus == fieldPath {
		return m.path.Focus()
	}
	m.path.Blur()
	return nil
}

func (m *Model) setFormat(f Format) {
	m.format = (f + numFormats) % numFormats
	if m.edited {
		return
	}
	p := m.path.Value()
	m.path.SetValue(strings.TrimSuffix(p, filepath.Ext(p)) + m.format.Ext())
	m.path.CursorEnd()
}

// run writes the file in a Cmd: the events are read from the store
// there, never in Update, so a large export does not freeze the
// screen. The store may only be read off the UI goroutine once it no
// longer changes, hence the wait for a load to finish.
func (m *Model) run(overwrite bool) tea.Cmd {
	path := strings.TrimSpace(m.path.Value())
	slots := m.scope.View
	if m.marked {
		slots = m.scope.Marked
	}
	switch {
	case path == "":
		m.err = m.ctx.T(i18n.UI.ExportNoPath)
		return nil
	case len(slots) == 0:
		m.err = m.ctx.T(i18n.UI.ExportNothing)
		return nil
	case !m.scope.Settled:
		m.err = m.ctx.T(i18n.UI.ExportWhileLoading)
		return nil
	}
	m.busy, m.err = true, ""
	writeFile := m.cfg.WriteFile
	if writeFile == nil {
		writeFile = export.WriteFile
	}
	st, kb, lang, format := m.ctx.Store, m.ctx.KB, m.ctx.Lang, m.format
	return func() tea.Msg {
		// The writers stream the events one at a time out of the compact
		// store, as the headless export does: no slice of full events.
		events := st.Rows(slots)
		err := writeFile(path, overwrite, func(w io.Writer) error {
			ef, ok := format.file()
			if !ok {
				return kb.Markdown(w, st, slots, lang)
			}
			return export.Write(w, ef, events, export.Options{Message: func(ev *model.Event) model.Rendered { return kb.Render(ev, lang) }})
		})
		return DoneMsg{path: path, n: len(slots), err: err}
	}
}

// finish handles the end of a write: a confirmation when the file exists,
// the error in the dialog, or the dialog closed with its result.
func (m *Model) finish(msg DoneMsg) tea.Cmd {
	m.busy = false
	switch {
	case errors.Is(msg.err, export.ErrExists):
		m.confirm = true
	case msg.err != nil:
		m.err = fmt.Sprintf(m.ctx.T(i18n.UI.ExportFailed), i18n.SayError(msg.err, m.ctx.Lang))
	default:
		m.closed, m.donePath, m.doneN = true, msg.path, msg.n
	}
	return nil
}

// Layouts of the dialog, from the roomiest to the tightest. View takes the
// first that fits the body, so the focused field and any question or error
// stay on screen at every size the viewer runs at: a "y" must never answer
// a question the person cannot see.
type layout int

const (
	roomy   layout = iota // a line per format, blank lines between parts
	compact               // formats share lines
	oneLine               // each choice on one line: "Format: ‹ CSV ›"
	unboxed               // oneLine without the border
	focused               // only the focused field and the message
	bare                  // the message, else the focused field's value
)

// View draws the dialog in the middle of the body.
func (m *Model) View() string {
	for l := roomy; l < bare; l++ {
		if s := m.render(l); lipgloss.Height(s) <= m.h && lipgloss.Width(s) <= m.w {
			return lipgloss.Place(m.w, m.h, lipgloss.Center, lipgloss.Center, s)
		}
	}
	return lipgloss.Place(m.w, m.h, lipgloss.Left, lipgloss.Top, m.render(bare))
}

// render draws the dialog in layout l, unplaced.
func (m *Model) render(l layout) string {
	c := m.ctx
	st := c.Styles
	inner := m.boxWidth() - 4 // border and padding
	if l >= unboxed {
		inner = m.w - 1 // a one-cell margin
	}
	radio := func(on bool, label string) string {
		if on {
			return "(*) " + label
		}
		return "( ) " + label
	}
	title := func(f field, label string) string {
		if m.focus == f && !m.confirm {
			return st.Selected.Render(label)
		}
		return st.Label.Render(label)
	}
	marked := fmt.Sprintf(c.T(i18n.UI.ScopeMarked), i18n.Int(len(m.scope.Marked), c.Lang))
	view := fmt.Sprintf(c.T(i18n.UI.ScopeView), i18n.Int(len(m.scope.View), c.Lang))
	// Each field as a label line and its value lines.
	fields := make([][]string, numFields)
	if l <= compact {
		fields[fieldScope] = []string{title(fieldScope, c.T(i18n.UI.ExportScope)),
			"  " + radio(m.marked, marked) + "   " + radio(!m.marked, view)}
		fields[fieldFormat] = []string{title(fieldFormat, c.T(i18n.UI.ExportFormat))}
		var formats []string
		for f := range numFormats {
			formats = append(formats, radio(m.format == f, f.label().In(c.Lang)))
		}
		if l == compact {
			fields[fieldFormat] = append(fields[fieldFormat], pack(formats, inner)...)
		} else {
			for _, f := range formats {
				fields[fieldFormat] = append(fields[fieldFormat], "  "+f)
			}
		}
	} else {
		// One line each, the choice between ‹ › as ←→ change it.
		choice := func(f field, label, value string) []string {
			return []string{common.FitLine(title(f, label)+" ‹ "+value+" ›", inner)}
		}
		scope := view
		if m.marked {
			scope = marked
		}
		fields[fieldScope] = choice(fieldScope, c.T(i18n.UI.ExportScope), scope)
		fields[fieldFormat] = choice(fieldFormat, c.T(i18n.UI.ExportFormat), m.format.label().In(c.Lang))
	}
	fields[fieldPath] = []string{title(fieldPath, c.T(i18n.UI.ExportPath)), common.FitLine("  "+m.path.View(), inner)}

	var msg []string
	switch {
	case m.confirm:
		msg = []string{st.ErrText.Render(m.confirmLine(inner))}
	case m.busy:
		msg = []string{st.Dim.Render(common.FitLine(c.T(i18n.UI.ExportBusy), inner))}
	case m.err != "":
		// Wrapped, not cut: the layout that fits it is chosen.
		wrapped := lipgloss.NewStyle().Width(inner).Render(sanitize.Line(m.err))
		for _, ln := range strings.Split(wrapped, "\n") {
			msg = append(msg, st.ErrText.Render(ln))
		}
	}
	focus := m.focus
	if m.confirm {
		focus = fieldPath
	}

	var b []string
	switch l {
	case focused:
		b = append(slices.Clone(fields[focus]), msg...)
	case bare:
		b = msg
		if len(b) == 0 {
			b = fields[focus][len(fields[focus])-1:]
		}
	default:
		b = []string{st.Title.Render(c.T(i18n.UI.ExportTitle))}
		if l == roomy {
			b = append(b, "")
		}
		for _, f := range fields {
			b = append(b, f...)
		}
		if len(msg) > 0 && l == roomy {
			b = append(b, "")
		}
		b = append(b, msg...)
	}
	if l >= unboxed {
		for i := range b {
			b[i] = common.FitLine(" "+b[i], m.w)
		}
		return strings.Join(b, "\n")
	}
	return st.Dialog.Width(m.boxWidth()).Render(strings.Join(b, "\n"))
}

// confirmLine is the question before replacing the file, on one line of w
// cells: a long path loses its start, never the question.
func (m *Model) confirmLine(w int) string {
	format := m.ctx.T(i18n.UI.ExportConfirm)
	p := sanitize.Line(m.path.Value())
	if room := w - sanitize.Width(fmt.Sprintf(format, "")); sanitize.Width(p) > room {
		p = common.Ellipsis + ansi.TruncateLeft(p, sanitize.Width(p)-max(room-1, 0), "")
	}
	return common.FitLine(fmt.Sprintf(format, p), w)
}

// pack lays items out on as few lines as fit in w cells, two spaces apart,
// never breaking an item.
func pack(items []string, w int) []string {
	var out []string
	var line string
	for _, it := range items {
		switch {
		case line == "":
			line = "  " + it
		case sanitize.Width(line)+2+sanitize.Width(it) > w:
			out = append(out, line)
			line = "  " + it
		default:
			line += "  " + it
		}
	}
	return append(out, line)
}
