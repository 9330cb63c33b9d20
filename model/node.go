package model

import (
	"strconv"

	"eventlens/i18n/reason"
	"strings"
	"time"
	"unicode/utf8"
)

// node is a small, ordered XML element tree: the common form both readers
// (EVTX BinXML and Event Viewer XML) produce before an Event is filled in.
// Unlike golang-evtx's GoEvtxMap it keeps document order and repeated names.
type node struct {
	name  string
	attrs []attr
	text  string
	kids  []*node
}

type attr struct {
	name, value string
}

func (n *node) attr(name string) (string, bool) {
	for _, a := range n.attrs {
		if a.name == name {
			return a.value, true
		}
	}
	return "", false
}

func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// Limits on what one event's tree may produce, so memory stays linear in
// the input whatever its shape. Real events nest a dozen levels and carry
// tens of fields; a tree past these limits is cut, and the load report
// says so.
const (
	maxTreeDepth  = 64   // element levels below <Event>
	maxFields     = 4096 // Data and UserData fields of one event
	maxPathBytes  = 256  // a field's path name ("Section/Element/@attr")
	maxValueBytes = 1 << 20
)

// fillEvent copies what the <Event> element root carries into ev. It never
// fails: fields it cannot read keep their zero value, so one odd field does
// not cost the whole event.
func fillEvent(ev *Event, root *node) { fillEventCut(ev, root) }

// fillEventCut is fillEvent that also says what it had to leave out (the
// zero Reason if nothing): fields past maxFields.
func fillEventCut(ev *Event, root *node) (cut reason.Reason) {
	f := fieldSink{max: maxFields}
	for _, sec := range root.kids {
		switch sec.name {
		case "System":
			fillSystem(ev, sec)
		case "EventData":
			for _, d := range sec.kids {
				switch d.name {
				case "Data":
					name, _ := d.attr("Name")
					f.add(&ev.Data, name, d.text)
				case "Binary":
					ev.Binary = d.text
				default:
					// Rare: non-Data children of EventData; keep them as
					// paths, like UserData, so nothing is lost.
					f.leaves(d, "", &ev.Data)
				}
			}
			if len(sec.kids) == 0 && sec.text != "" {
				f.add(&ev.Data, "", sec.text)
			}
		case "UserData", "ProcessingErrorData", "DebugData", "BinaryEventData":
			prefix := ""
			if sec.name != "UserData" {
				prefix = sec.name
			}
			for _, k := range sec.kids {
				f.leaves(k, prefix, &ev.UserData)
			}
		case "RenderingInfo":
			ev.MessageCulture, _ = sec.attr("Culture")
			if m := sec.child("Message"); m != nil {
				ev.Message = m.text
			}
			if t := sec.child("Task"); t != nil {
				ev.TaskName = t.text
			}
		}
	}
	if f.dropped > 0 {
		return reason.New(reason.CutFields, strconv.Itoa(f.dropped), strconv.Itoa(maxFields))
	}
	return reason.Reason{}
}

// fieldSink collects an event's fields up to a limit, building each path
// name in one buffer: a deep tree costs one string per leaf, not one per
// level.
type fieldSink struct {
	max, n, dropped int
	path            []byte
}

func (f *fieldSink) add(out *[]Data, name, value string) {
	if f.n >= f.max {
		f.dropped++
		return
	}
	f.n++
	*out = append(*out, Data{Name: name, Value: value})
}

// leaves appends n's leaf elements (and non-namespace attributes, as
// "path/@name") to out, each named by its element path below prefix.
func (f *fieldSink) leaves(n *node, prefix string, out *[]Data) {
	f.path = append(f.path[:0], prefix...)
	f.walk(n, 0, out)
}

func (f *fieldSink) walk(n *node, depth int, out *[]Data) {
	mark := len(f.path)
	if mark > 0 {
		f.path = appendName(f.path, "/")
	}
	f.path = appendName(f.path, n.name)
	defer func() { f.path = f.path[:mark] }()
	for _, a := range n.attrs {
		if isXMLNS(a.name) {
			continue
		}
		at := len(f.path)
		f.path = appendName(appendName(f.path, "/@"), a.name)
		f.add(out, string(f.path), a.value)
		f.path = f.path[:at]
	}
	if len(n.kids) == 0 || depth >= maxTreeDepth {
		f.add(out, string(f.path), n.text)
		return
	}
	for _, k := range n.kids {
		f.walk(k, depth+1, out)
	}
}

// appendName appends name to a path, stopping at maxPathBytes (on a
// character boundary) so one long name cannot be repeated in every field.
func appendName(path []byte, name string) []byte {
	room := maxPathBytes - len(path)
	if room <= 0 {
		return path
	}
	if len(name) > room {
		name = name[:room]
		// Drop a character cut in half.
		for i := 0; i < utf8.UTFMax && len(name) > 0; i++ {
			if r, size := utf8.DecodeLastRuneInString(name); r != utf8.RuneError || size != 1 {
				break
			}
			name = name[:len(name)-1]
		}
	}
	return append(path, name...)
}

func isXMLNS(name string) bool {
	return name == "xmlns" || strings.HasPrefix(name, "xmlns:")
}

func fillSystem(ev *Event, sys *node) {
	for _, f := range sys.kids {
		switch f.name {
		case "Provider":
			ev.Provider, _ = f.attr("Name")
			ev.ProviderGUID, _ = f.attr("Guid")
			ev.EventSourceName, _ = f.attr("EventSourceName")
		case "EventID":
			ev.EventID = uint16(parseUint(f.text, 16))
			if q, ok := f.attr("Qualifiers"); ok && q != "" {
				ev.Qualifiers = uint16(parseUint(q, 16))
				ev.HasQualifiers = true
			}
		case "Version":
			ev.Version = uint8(parseUint(f.text, 8))
		case "Level":
			ev.Level = Level(parseUint(f.text, 8))
		case "Task":
			ev.Task = uint16(parseUint(f.text, 16))
		case "Opcode":
			ev.Opcode = uint8(parseUint(f.text, 8))
		case "Keywords":
			ev.Keywords = parseUint(f.text, 64)
		case "TimeCreated":
			if s, ok := f.attr("SystemTime"); ok {
				if t, ok := parseTime(s); ok {
					ev.Time = t
				}
			}
		case "EventRecordID":
			if id, err := strconv.ParseUint(strings.TrimSpace(f.text), 10, 64); err == nil {
				ev.RecordID = id
			}
		case "Execution":
			if s, ok := f.attr("ProcessID"); ok {
				ev.ProcessID = uint32(parseUint(s, 32))
			}
			if s, ok := f.attr("ThreadID"); ok {
				ev.ThreadID = uint32(parseUint(s, 32))
			}
		case "Channel":
			ev.Channel = f.text
		case "Computer":
			ev.Computer = f.text
		case "Security":
			ev.UserSID, _ = f.attr("UserID")
		}
	}
}

// parseUint reads a decimal or 0x-prefixed hex number; junk gives 0.
func parseUint(s string, bits int) uint64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseUint(s, 0, bits)
	if err != nil {
		// "0012" would be read as octal by base 0; retry as decimal.
		n, _ = strconv.ParseUint(s, 10, bits)
	}
	return n
}

// parseTime reads SystemTime as Windows writes it
// ("2014-03-21T11:46:19.1234567Z"), keeping every digit of precision.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// winTime formats t as Windows does in rendered XML: UTC, seven fractional
// digits (100 ns ticks).
func winTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.0000000Z")
}

// writeXML renders n as indented XML, for the raw XML view.
func writeXML(b *strings.Builder, n *node, depth int) {
	indent := strings.Repeat("  ", min(depth, maxTreeDepth))
	b.WriteString(indent)
	b.WriteByte('<')
	b.WriteString(n.name)
	for _, a := range n.attrs {
		b.WriteByte(' ')
		b.WriteString(a.name)
		b.WriteString(`="`)
		escape(b, a.value, true)
		b.WriteByte('"')
	}
	if len(n.kids) == 0 && n.text == "" {
		b.WriteString("/>\n")
		return
	}
	b.WriteByte('>')
	escape(b, n.text, false)
	if len(n.kids) > 0 {
		b.WriteByte('\n')
		for _, k := range n.kids {
			writeXML(b, k, depth+1)
		}
		b.WriteString(indent)
	}
	b.WriteString("</")
	b.WriteString(n.name)
	b.WriteString(">\n")
}

// escape writes s as XML text, escaping only what XML requires, so line
// breaks and tabs in a message stay readable in the raw view.
func escape(b *strings.Builder, s string, inAttr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && inAttr:
			b.WriteString("&quot;")
		case r == '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
}
