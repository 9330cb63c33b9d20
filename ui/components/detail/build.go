package detail

import (
	"fmt"
	"strconv"
	"strings"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
	"eventlens/ui/common"
)

// build renders everything about ev for a pane w cells wide.
func (m *Model) build(ev *model.Event, w int) []string {
	if ev == nil {
		return nil
	}
	if m.rawOn {
		return m.rawLines(w)
	}
	d := &doc{c: m.ctx, w: w}
	d.heading(ev)
	d.catalog(ev)
	d.system(ev)
	d.data("EventData", ev.Data)
	if ev.Binary != "" {
		d.kv([][2]string{{"Binary", ev.Binary}})
	}
	d.data("UserData", ev.UserData)
	if msg := d.c.KB.Render(ev, d.c.Lang).Text; ev.Message != "" && msg != ev.Message {
		d.section(d.c.T(i18n.UI.LoggedMessageTitle))
		d.out = append(d.out, common.Wrap(ev.Message, w)...)
	}
	return d.out
}

// doc is the pane's text being built, w cells wide.
type doc struct {
	c   *common.Context
	w   int
	out []string
}

// section starts a titled section, after a blank line.
func (d *doc) section(title string) {
	if len(d.out) > 0 {
		d.out = append(d.out, "")
	}
	d.out = append(d.out, d.c.Styles.Title.Render(sanitize.Line(title)))
}

// kv writes label–value rows, the labels in a column at most a third of
// the pane wide and the values wrapped beside them.
func (d *doc) kv(rows [][2]string) {
	st, w := d.c.Styles, d.w
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
				d.out = append(d.out, st.Label.Render(label)+pad+"  "+v)
			} else {
				d.out = append(d.out, strings.Repeat(" ", lw+2)+v)
			}
		}
	}
}

// heading is the class, level, provider and ID, then the message.
func (d *doc) heading(ev *model.Event) {
	c := d.c
	head := fmt.Sprintf("%s · %s · %s %d", c.KB.ClassLabel(ev.Class, c.Lang), common.LevelLong(ev.Level).In(c.Lang), ev.Provider, ev.EventID)
	for _, ln := range common.Wrap(head, d.w) {
		d.out = append(d.out, c.Styles.Label.Render(ln))
	}
	d.out = append(d.out, "")
	msg := c.KB.Render(ev, c.Lang)
	d.out = append(d.out, common.Wrap(msg.Text, d.w)...)
	for _, ln := range common.Wrap(originLine(c, msg), d.w) {
		d.out = append(d.out, c.Styles.Dim.Render(ln))
	}
}

// originLine says where the shown message came from, and its culture when
// known, so that a reader can tell Windows' words from eventlens's.
func originLine(c *common.Context, r model.Rendered) string {
	var from i18n.Text
	switch r.Origin {
	case model.OriginLog:
		from = i18n.UI.OriginLog
	case model.OriginCatalog:
		from = i18n.UI.OriginCatalog
	case model.OriginDatabase:
		from = i18n.UI.OriginDatabase
	case model.OriginData:
		from = i18n.UI.OriginData
	default:
		return ""
	}
	line := fmt.Sprintf(c.T(i18n.UI.MessageFrom), c.T(from))
	if r.Culture != "" {
		line += i18n.Paren(r.Culture, c.Lang)
	}
	return line
}

// catalog is the catalog's explanation, when it knows the event.
func (d *doc) catalog(ev *model.Event) {
	secs := d.c.KB.Explain(ev, d.c.Lang)
	if len(secs) == 0 {
		return
	}
	d.section(d.c.T(i18n.UI.CatalogTitle) + " " + ev.CatalogID)
	for _, s := range secs {
		if strings.TrimSpace(s.Body) == "" {
			continue
		}
		d.out = append(d.out, d.c.Styles.Label.Render(sanitize.Line(s.Title)))
		for _, ln := range common.Wrap(s.Body, d.w-2) {
			d.out = append(d.out, "  "+ln)
		}
	}
}

// system is the System section: every field Windows records.
func (d *doc) system(ev *model.Event) {
	c, u := d.c, &i18n.UI
	d.section(c.T(u.SystemTitle))
	sys := [][2]string{
		{c.T(u.FieldTime), fullTime(c, ev)},
		{c.T(u.FieldLevel), common.LevelLong(ev.Level).In(c.Lang) + i18n.Paren(fmt.Sprint(int(ev.Level)), c.Lang)},
		{c.T(u.FieldClass), c.KB.ClassLabel(ev.Class, c.Lang) + i18n.Paren(ev.Class.String(), c.Lang)},
		{c.T(u.FieldProvider), ev.Provider},
	}
	if ev.ProviderGUID != "" {
		sys = append(sys, [2]string{c.T(u.FieldProviderGUID), ev.ProviderGUID})
	}
	if ev.EventSourceName != "" {
		sys = append(sys, [2]string{c.T(u.FieldEventSource), ev.EventSourceName})
	}
	id := strconv.Itoa(int(ev.EventID))
	if ev.HasQualifiers {
		id += fmt.Sprintf("  (%s %d)", c.T(u.FieldQualifiers), ev.Qualifiers)
	}
	sys = append(sys,
		[2]string{c.T(u.FieldEventID), id},
		[2]string{c.T(u.FieldVersion), strconv.Itoa(int(ev.Version))},
		[2]string{c.T(u.FieldTask), strconv.Itoa(int(ev.Task))},
		[2]string{c.T(u.FieldOpcode), strconv.Itoa(int(ev.Opcode))},
		[2]string{c.T(u.FieldKeywords), fmt.Sprintf("0x%016x", ev.Keywords)},
		[2]string{c.T(u.FieldChannel), ev.Channel},
		[2]string{c.T(u.FieldComputer), ev.Computer},
	)
	if ev.UserSID != "" {
		sys = append(sys, [2]string{c.T(u.FieldUser), ev.UserSID})
	}
	sys = append(sys,
		[2]string{c.T(u.FieldProcess), fmt.Sprintf("%d / %d", ev.ProcessID, ev.ThreadID)},
		[2]string{c.T(u.FieldRecordID), strconv.FormatUint(ev.RecordID, 10)},
	)
	file := ev.File
	if ev.Offset >= 0 {
		file += fmt.Sprintf(" @ %d", ev.Offset)
	}
	sys = append(sys, [2]string{c.T(u.FieldFile), file})
	if ev.MessageCulture != "" {
		sys = append(sys, [2]string{c.T(u.FieldCulture), ev.MessageCulture})
	}
	if !ev.Decoded {
		sys = append(sys, [2]string{c.T(u.FieldDecodeError), ev.DecodeError})
	}
	d.kv(sys)
}

// data is a titled section of data items, numbered when unnamed.
func (d *doc) data(title string, ds []model.Data) {
	if len(ds) == 0 {
		return
	}
	d.section(title)
	rows := make([][2]string, len(ds))
	for i, item := range ds {
		name := item.Name
		if name == "" {
			name = fmt.Sprintf("[%d]", i)
		}
		rows[i] = [2]string{name, item.Value}
	}
	d.kv(rows)
}

// fullTime shows an event's time to the 100 ns Windows records, in the
// display zone and, when that is not UTC, in UTC as well.
func fullTime(c *common.Context, ev *model.Event) string {
	const layout = "2006-01-02 15:04:05.0000000 MST"
	if ev.Time.IsZero() {
		return c.T(i18n.UI.TimeUnknown)
	}
	local := ev.Time.In(c.Loc)
	if _, off := local.Zone(); off == 0 {
		return ev.Time.UTC().Format(layout)
	}
	return local.Format(layout) + "\n" + ev.Time.UTC().Format(layout)
}
