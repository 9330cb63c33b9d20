package ui

import (
	"eventlens/ui/common"
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// detailSig identifies what the detail pane's content was built from, so
// that it is rebuilt only when one of these changes, not on every frame.
type detailSig struct {
	ev    *model.Event
	lang  i18n.Lang
	width int
	raw   bool
	rawOK *model.Event // event whose raw XML had arrived
	class model.Class
}

// rawState is the raw XML of one event, fetched by a Cmd because reading it
// means file I/O.
type rawState struct {
	ev      *model.Event
	text    string
	err     error
	loading bool
}

type rawXMLMsg struct {
	ev   *model.Event
	text string
	err  error
}

func (m *Model) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	switch {
	case key.Matches(msg, k.Back, k.Quit), key.Matches(msg, k.Open):
		m.detailOpen = false
	case key.Matches(msg, k.Down):
		m.detail.ScrollDown(1)
	case key.Matches(msg, k.Up):
		m.detail.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		m.detail.PageDown()
	case key.Matches(msg, k.PageUp):
		m.detail.PageUp()
	case key.Matches(msg, k.Top):
		m.detail.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.detail.GotoBottom()
	case key.Matches(msg, k.NextEvent):
		m.moveCursor(m.cursor + 1)
	case key.Matches(msg, k.PrevEvent):
		m.moveCursor(m.cursor - 1)
	case key.Matches(msg, k.RawXML):
		if m.cfg.RawXML == nil {
			return m.setStatus(m.T(uiText.RawUnavailable), true)
		}
		m.rawOn = !m.rawOn
	}
	return nil
}

func (m *Model) handleRaw(msg rawXMLMsg) {
	if msg.ev != m.raw.ev {
		return // the user has moved on
	}
	m.raw.text, m.raw.err, m.raw.loading = msg.text, msg.err, false
}

// syncDetail rebuilds the detail pane when its event, language, width or
// mode changed, and starts fetching raw XML when it is wanted.
func (m *Model) syncDetail(l layout) tea.Cmd {
	w, h := max(l.detailW, 10), max(l.detailH, 1)
	m.detail.SetWidth(w)
	m.detail.SetHeight(h)
	ev := m.selected
	var cmd tea.Cmd
	if m.rawOn && m.raw.ev != ev {
		m.raw = rawState{ev: ev, loading: true}
		fetch := m.cfg.RawXML
		cmd = func() tea.Msg {
			text, err := fetch(ev)
			return rawXMLMsg{ev: ev, text: text, err: err}
		}
	}
	sig := detailSig{ev: ev, lang: m.Lang, width: w, raw: m.rawOn, class: ev.Class}
	if !m.raw.loading {
		sig.rawOK = m.raw.ev
	}
	if sig != m.detailSig {
		top := sig.ev != m.detailSig.ev || sig.raw != m.detailSig.raw
		m.detailSig = sig
		m.detailText = m.detailLines(ev, w)
		m.detail.SetContentLines(m.detailText)
		if top {
			m.detail.GotoTop()
		}
	}
	return cmd
}

// detailView draws the visible part of the detail pane. The viewport keeps
// the scroll position; the lines are drawn here because they are already
// wrapped to the width, which spares a layout pass on every frame.
func (m *Model) detailView(w, h int) []string {
	lines := make([]string, 0, h)
	off := common.Clamp(m.detail.YOffset(), 0, max(len(m.detailText)-1, 0))
	for i := off; i < len(m.detailText) && len(lines) < h; i++ {
		lines = append(lines, common.FitLine(m.detailText[i], w))
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return lines
}

// detailLines renders everything about ev for a pane w cells wide.
func (m *Model) detailLines(ev *model.Event, w int) []string {
	if ev == nil {
		return nil
	}
	var out []string
	section := func(title string) {
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, m.Styles.Title.Render(sanitize.Line(title)))
	}
	if m.rawOn {
		section(m.T(uiText.RawXMLTitle))
		switch {
		case m.raw.loading:
			out = append(out, m.Styles.Dim.Render(m.T(uiText.Loading)+"…"))
		case m.raw.err != nil:
			out = append(out, common.Wrap(fmt.Sprintf(m.T(uiText.RawFailed), m.raw.err), w)...)
		default:
			out = append(out, common.Wrap(m.raw.text, w)...)
		}
		return out
	}

	// Heading: class, level, provider and ID, then the message.
	head := fmt.Sprintf("%s · %s · %s %d", m.KB.ClassLabel(ev.Class, m.Lang), common.LevelLong(ev.Level).In(m.Lang), ev.Provider, ev.EventID)
	for _, ln := range common.Wrap(head, w) {
		out = append(out, m.Styles.Label.Render(ln))
	}
	out = append(out, "")
	msg := m.KB.Render(ev, m.Lang)
	out = append(out, common.Wrap(msg.Text, w)...)
	for _, ln := range common.Wrap(m.originLine(msg), w) {
		out = append(out, m.Styles.Dim.Render(ln))
	}

	kv := func(rows [][2]string) {
		lw := 0
		for _, r := range rows {
			lw = max(lw, sanitize.Width(sanitize.Line(r[0])))
		}
		lw = min(lw, max(w/3, 8))
		for _, r := range rows {
			label := sanitize.Line(r[0])
			if sanitize.Width(label) > lw {
				label = sanitize.Truncate(label, lw, common.Ellipsis)
			}
			pad := strings.Repeat(" ", lw-sanitize.Width(label))
			vals := common.Wrap(r[1], max(w-lw-2, 8))
			if len(vals) == 0 {
				vals = []string{""}
			}
			for i, v := range vals {
				if i == 0 {
					out = append(out, m.Styles.Label.Render(label)+pad+"  "+v)
				} else {
					out = append(out, strings.Repeat(" ", lw+2)+v)
				}
			}
		}
	}

	if secs := m.KB.Explain(ev, m.Lang); len(secs) > 0 {
		section(m.T(uiText.CatalogTitle) + " " + ev.CatalogID)
		for _, s := range secs {
			if strings.TrimSpace(s.Body) == "" {
				continue
			}
			out = append(out, m.Styles.Label.Render(sanitize.Line(s.Title)))
			for _, ln := range common.Wrap(s.Body, w-2) {
				out = append(out, "  "+ln)
			}
		}
	}

	section(m.T(uiText.SystemTitle))
	u := uiText
	sys := [][2]string{
		{m.T(u.FieldTime), m.fullTime(ev)},
		{m.T(u.FieldLevel), fmt.Sprintf("%s (%d)", common.LevelLong(ev.Level).In(m.Lang), ev.Level)},
		{m.T(u.FieldClass), m.KB.ClassLabel(ev.Class, m.Lang) + " (" + ev.Class.String() + ")"},
		{m.T(u.FieldProvider), ev.Provider},
	}
	if ev.ProviderGUID != "" {
		sys = append(sys, [2]string{m.T(u.FieldProviderGUID), ev.ProviderGUID})
	}
	if ev.EventSourceName != "" {
		sys = append(sys, [2]string{m.T(u.FieldEventSource), ev.EventSourceName})
	}
	id := strconv.Itoa(int(ev.EventID))
	if ev.HasQualifiers {
		id += fmt.Sprintf("  (%s %d)", m.T(u.FieldQualifiers), ev.Qualifiers)
	}
	sys = append(sys,
		[2]string{m.T(u.FieldEventID), id},
		[2]string{m.T(u.FieldVersion), strconv.Itoa(int(ev.Version))},
		[2]string{m.T(u.FieldTask), strconv.Itoa(int(ev.Task))},
		[2]string{m.T(u.FieldOpcode), strconv.Itoa(int(ev.Opcode))},
		[2]string{m.T(u.FieldKeywords), fmt.Sprintf("0x%016x", ev.Keywords)},
		[2]string{m.T(u.FieldChannel), ev.Channel},
		[2]string{m.T(u.FieldComputer), ev.Computer},
	)
	if ev.UserSID != "" {
		sys = append(sys, [2]string{m.T(u.FieldUser), ev.UserSID})
	}
	sys = append(sys,
		[2]string{m.T(u.FieldProcess), fmt.Sprintf("%d / %d", ev.ProcessID, ev.ThreadID)},
		[2]string{m.T(u.FieldRecordID), strconv.FormatUint(ev.RecordID, 10)},
	)
	file := ev.File
	if ev.Offset >= 0 {
		file += fmt.Sprintf(" @ %d", ev.Offset)
	}
	sys = append(sys, [2]string{m.T(u.FieldFile), file})
	if ev.MessageCulture != "" {
		sys = append(sys, [2]string{m.T(u.FieldCulture), ev.MessageCulture})
	}
	if !ev.Decoded {
		sys = append(sys, [2]string{m.T(u.FieldDecodeError), ev.DecodeError})
	}
	kv(sys)

	data := func(title string, ds []model.Data) {
		if len(ds) == 0 {
			return
		}
		section(title)
		rows := make([][2]string, len(ds))
		for i, d := range ds {
			name := d.Name
			if name == "" {
				name = fmt.Sprintf("[%d]", i)
			}
			rows[i] = [2]string{name, d.Value}
		}
		kv(rows)
	}
	data("EventData", ev.Data)
	if ev.Binary != "" {
		kv([][2]string{{"Binary", ev.Binary}})
	}
	data("UserData", ev.UserData)
	if ev.Message != "" && m.KB.Message(ev, m.Lang) != ev.Message {
		section(m.T(uiText.LoggedMessageTitle))
		out = append(out, common.Wrap(ev.Message, w)...)
	}
	return out
}

// fullTime shows an event's time to the 100 ns Windows records, in the
// display zone and, when that is not UTC, in UTC as well.
func (m *Model) fullTime(ev *model.Event) string {
	const layout = "2006-01-02 15:04:05.0000000 MST"
	local := ev.Time.In(m.Loc)
	if _, off := local.Zone(); off == 0 {
		return ev.Time.UTC().Format(layout)
	}
	return local.Format(layout) + "\n" + ev.Time.UTC().Format(layout)
}

// originLine says where the shown message came from, and its culture when
// known, so that a reader can tell Windows' words from eventlens's.
func (m *Model) originLine(r model.Rendered) string {
	var from i18n.Text
	switch r.Origin {
	case model.OriginLog:
		from = uiText.OriginLog
	case model.OriginCatalog:
		from = uiText.OriginCatalog
	case model.OriginDatabase:
		from = uiText.OriginDatabase
	case model.OriginData:
		from = uiText.OriginData
	default:
		return ""
	}
	line := fmt.Sprintf(m.T(uiText.MessageFrom), m.T(from))
	if r.Culture != "" {
		line += " (" + r.Culture + ")"
	}
	return line
}
