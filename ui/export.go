package ui

import (
	"errors"
	"eventlens/ui/common"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/export"
	"eventlens/model/sanitize"
)

type exportField int

const (
	fieldScope exportField = iota
	fieldFormat
	fieldPath
	numFields
)

// exportFormat is a choice in the dialog: the export package's formats
// (in its menu order) plus the catalog's Markdown triage report.
type exportFormat int

const (
	formatCSV exportFormat = iota
	formatJSONL
	formatXML
	formatEVTX
	formatECS
	formatMarkdown
	numFormats
)

// file returns the export package's format, false for Markdown.
func (f exportFormat) file() (export.Format, bool) {
	switch f {
	case formatCSV:
		return export.CSV, true
	case formatJSONL:
		return export.JSONL, true
	case formatXML:
		return export.XML, true
	case formatEVTX:
		return export.EVTX, true
	case formatECS:
		return export.ECS, true
	}
	return 0, false
}

func (f exportFormat) ext() string {
	if ef, ok := f.file(); ok {
		return ef.Ext()
	}
	return ".md"
}

func (f exportFormat) label() i18n.Text {
	switch f {
	case formatJSONL:
		return uiText.FormatJSONL
	case formatXML:
		return uiText.FormatXML
	case formatEVTX:
		return uiText.FormatEVTX
	case formatECS:
		return uiText.FormatECS
	case formatMarkdown:
		return uiText.FormatMarkdown
	}
	return uiText.FormatCSV
}

type exportDialog struct {
	focus  exportField
	marked bool // scope: marked events, else the current view
	format exportFormat
	path   textinput.Model
	edited bool // the user typed a path: stop adjusting its extension

	confirm bool // the file exists: waiting for y/n
	busy    bool
	err     string
}

type exportDoneMsg struct {
	path string
	n    int
	err  error
}

func (m *Model) openExport() tea.Cmd {
	if m.cfg.ExportDisabled {
		return m.setStatus(m.T(uiText.ExportDisabled), true)
	}
	d := &exportDialog{marked: len(m.marks) > 0, path: textinput.New()}
	d.path.Prompt = ""
	d.path.SetWidth(max(min(m.Width-20, 70), 20))
	name := "eventlens-" + m.Now().In(m.Loc).Format("20060102-150405") + d.format.ext()
	if m.cfg.ExportDir != "" {
		name = filepath.Join(m.cfg.ExportDir, name)
	}
	d.path.SetValue(name)
	d.path.CursorEnd()
	m.export = d
	return nil
}

func (d *exportDialog) setFormat(f exportFormat) {
	d.format = (f + numFormats) % numFormats
	if d.edited {
		return
	}
	p := d.path.Value()
	d.path.SetValue(strings.TrimSuffix(p, filepath.Ext(p)) + d.format.ext())
	d.path.CursorEnd()
}

func (m *Model) exportKey(msg tea.KeyPressMsg) tea.Cmd {
	d := m.export
	if d.busy {
		return nil
	}
	if d.confirm {
		switch msg.String() {
		case "y", "Y", "shift+y":
			d.confirm = false
			return m.runExport(true)
		case "n", "N", "shift+n", "esc":
			d.confirm = false
			d.focus = fieldPath
			return d.path.Focus()
		}
		return nil
	}
	switch msg.String() {
	case "esc":
		m.export = nil
		return nil
	case "enter":
		return m.runExport(false)
	case "tab", "down":
		return m.exportFocus(d.focus + 1)
	case "shift+tab", "up":
		return m.exportFocus(d.focus - 1)
	}
	switch d.focus {
	case fieldScope:
		switch msg.String() {
		case "left", "right", "space", "h", "l":
			d.marked = !d.marked
		}
	case fieldFormat:
		switch msg.String() {
		case "left", "h":
			d.setFormat(d.format - 1)
		case "right", "l", "space":
			d.setFormat(d.format + 1)
		}
	case fieldPath:
		return m.updateInput(msg)
	}
	return nil
}

func (m *Model) exportFocus(f exportField) tea.Cmd {
	d := m.export
	d.focus = (f + numFields) % numFields
	if d.focus == fieldPath {
		return d.path.Focus()
	}
	d.path.Blur()
	return nil
}

// exportEvents returns the events in the dialog's scope: marked events in
// timeline order, or the current view in its displayed order.
func (m *Model) exportEvents(marked bool) []*model.Event {
	if marked {
		slots := make([]int32, 0, len(m.marks))
		for r := range m.marks {
			slots = append(slots, r)
		}
		slices.SortFunc(slots, func(a, b int32) int { return m.Store.Compare(int(a), int(b)) })
		evs := make([]*model.Event, len(slots))
		for i, r := range slots {
			evs[i] = m.Store.At(int(r))
		}
		return evs
	}
	evs := make([]*model.Event, len(m.rows))
	for i, r := range m.rows {
		evs[i] = m.Store.At(int(r))
	}
	return evs
}

// runExport writes the file in a Cmd: Update never does I/O.
func (m *Model) runExport(overwrite bool) tea.Cmd {
	d := m.export
	path := strings.TrimSpace(d.path.Value())
	if path == "" {
		d.err = m.T(uiText.ExportNoPath)
		return nil
	}
	evs := m.exportEvents(d.marked)
	if len(evs) == 0 {
		d.err = m.T(uiText.ExportNothing)
		return nil
	}
	d.busy, d.err = true, ""
	writeFile := m.cfg.WriteFile
	if writeFile == nil {
		writeFile = export.WriteFile
	}
	kb, lang, format := m.KB, m.Lang, d.format
	return func() tea.Msg {
		err := writeFile(path, overwrite, func(w io.Writer) error {
			ef, ok := format.file()
			if !ok {
				return kb.Markdown(w, evs, lang)
			}
			return export.Write(w, ef, evs, export.Options{Message: func(ev *model.Event) string { return kb.Message(ev, lang) }})
		})
		return exportDoneMsg{path: path, n: len(evs), err: err}
	}
}

func (m *Model) handleExportDone(msg exportDoneMsg) tea.Cmd {
	d := m.export
	if d == nil {
		return nil
	}
	d.busy = false
	switch {
	case errors.Is(msg.err, export.ErrExists):
		d.confirm = true
		return nil
	case msg.err != nil:
		d.err = fmt.Sprintf(m.T(uiText.ExportFailed), msg.err)
		return nil
	}
	m.export = nil
	return m.setStatus(fmt.Sprintf(m.T(uiText.ExportDone), common.FmtInt(msg.n, m.Lang), msg.path), false)
}

// exportView draws the dialog in the middle of the body.
func (m *Model) exportView(w, h int) []string {
	d := m.export
	radio := func(on bool, label string) string {
		if on {
			return "(*) " + label
		}
		return "( ) " + label
	}
	field := func(f exportField, label string) string {
		if d.focus == f && !d.confirm {
			return m.Styles.Selected.Render(label)
		}
		return m.Styles.Label.Render(label)
	}
	var b []string
	b = append(b, m.Styles.Title.Render(m.T(uiText.ExportTitle)), "")
	b = append(b, field(fieldScope, m.T(uiText.ExportScope)))
	b = append(b, "  "+radio(d.marked, fmt.Sprintf(m.T(uiText.ScopeMarked), common.FmtInt(len(m.marks), m.Lang)))+
		"   "+radio(!d.marked, fmt.Sprintf(m.T(uiText.ScopeView), common.FmtInt(len(m.rows), m.Lang))))
	b = append(b, field(fieldFormat, m.T(uiText.ExportFormat)))
	for f := range numFormats {
		b = append(b, "  "+radio(d.format == f, f.label().In(m.Lang)))
	}
	b = append(b, field(fieldPath, m.T(uiText.ExportPath)))
	b = append(b, "  "+d.path.View())
	switch {
	case d.confirm:
		b = append(b, "", m.Styles.ErrText.Render(fmt.Sprintf(m.T(uiText.ExportConfirm), sanitize.Line(d.path.Value()))))
	case d.busy:
		b = append(b, "", m.Styles.Dim.Render(m.T(uiText.ExportBusy)))
	case d.err != "":
		b = append(b, "", m.Styles.ErrText.Render(sanitize.Line(d.err)))
	}
	box := m.Styles.Dialog.Width(min(w-2, 80)).Render(strings.Join(b, "\n"))
	placed := lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
	return strings.Split(placed, "\n")
}
