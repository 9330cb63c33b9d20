package export

import (
	"bufio"
	"iter"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"eventlens/model"
	"eventlens/model/export/userdata"
)

const eventNS = "http://schemas.microsoft.com/win/2004/08/events/event"

// writeXML writes the shape of Event Viewer's "Save as XML": <Events>
// holding one <Event> per line with System, EventData or UserData, and
// RenderingInfo/Message when there is a message.
func writeXML(w *bufio.Writer, events iter.Seq[*model.Event], opts *Options) error {
	w.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Events>\n")
	for e := range events {
		writeEvent(w, e, opts)
	}
	_, err := w.WriteString("</Events>\n")
	return err // bufio.Writer keeps the first error
}

func writeEvent(w *bufio.Writer, e *model.Event, opts *Options) {
	w.WriteString(`<Event xmlns="` + eventNS + `">`)
	if !e.Decoded {
		w.WriteString("<!-- eventlens: record could not be decoded: ")
		w.WriteString(commentText(e.DecodeError))
		w.WriteString(" -->")
	}
	w.WriteString("<System><Provider")
	attr(w, "Name", e.Provider)
	if e.ProviderGUID != "" {
		attr(w, "Guid", e.ProviderGUID)
	}
	if e.EventSourceName != "" {
		attr(w, "EventSourceName", e.EventSourceName)
	}
	w.WriteString("/><EventID")
	if e.HasQualifiers {
		attr(w, "Qualifiers", strconv.Itoa(int(e.Qualifiers)))
	}
	w.WriteString(">" + strconv.Itoa(int(e.EventID)) + "</EventID>")
	w.WriteString("<Version>" + strconv.Itoa(int(e.Version)) + "</Version>")
	w.WriteString("<Level>" + strconv.Itoa(int(e.Level)) + "</Level>")
	w.WriteString("<Task>" + strconv.Itoa(int(e.Task)) + "</Task>")
	w.WriteString("<Opcode>" + strconv.Itoa(int(e.Opcode)) + "</Opcode>")
	w.WriteString("<Keywords>" + keywordsText(e.Keywords) + "</Keywords>")
	w.WriteString("<TimeCreated")
	if !e.Time.IsZero() { // zero: the log gave no usable time
		attr(w, "SystemTime", systemTime(e.Time))
	}
	w.WriteString("/><EventRecordID>" + strconv.FormatUint(e.RecordID, 10) + "</EventRecordID>")
	w.WriteString("<Correlation/><Execution")
	attr(w, "ProcessID", strconv.FormatUint(uint64(e.ProcessID), 10))
	attr(w, "ThreadID", strconv.FormatUint(uint64(e.ThreadID), 10))
	w.WriteString("/>")
	elem(w, "Channel", e.Channel)
	elem(w, "Computer", e.Computer)
	w.WriteString("<Security")
	if e.UserSID != "" {
		attr(w, "UserID", e.UserSID)
	}
	w.WriteString("/></System>")

	if len(e.Data) > 0 || e.Binary != "" {
		w.WriteString("<EventData>")
		for _, d := range e.Data {
			w.WriteString("<Data")
			if d.Name != "" {
				attr(w, "Name", d.Name)
			}
			w.WriteByte('>')
			text(w, d.Value)
			w.WriteString("</Data>")
		}
		if e.Binary != "" {
			elem(w, "Binary", e.Binary)
		}
		w.WriteString("</EventData>")
	}
	if len(e.UserData) > 0 {
		w.WriteString("<UserData>")
		writeUserData(w, e.UserData)
		w.WriteString("</UserData>")
	}
	if m := opts.message(e); m.Text != "" {
		w.WriteString("<RenderingInfo")
		if m.Culture != "" {
			attr(w, "Culture", m.Culture)
		}
		w.WriteByte('>')
		elem(w, "Message", m.Text)
		w.WriteString("</RenderingInfo>")
	}
	w.WriteString("</Event>\n")
}

// writeUserData writes the element tree below <UserData> that the leaves
// describe (see package userdata); an element with no text and no
// children is written <Name/>, as Event Viewer does.
func writeUserData(w *bufio.Writer, ds []model.Data) {
	var open []string
	inStart := false // a start tag waits for its '>'
	endStart := func() {
		if inStart {
			w.WriteByte('>')
			inStart = false
		}
	}
	for t := range userdata.Tokens(ds) {
		switch t.Kind {
		case userdata.Start:
			endStart()
			w.WriteString("<" + t.Name)
			open = append(open, t.Name)
			inStart = true
		case userdata.Attr:
			attr(w, t.Name, t.Value)
		case userdata.Text:
			if t.Value != "" {
				endStart()
				text(w, t.Value)
			}
		case userdata.End:
			if inStart {
				w.WriteString("/>")
				inStart = false
			} else {
				w.WriteString("</" + open[len(open)-1] + ">")
			}
			open = open[:len(open)-1]
		}
	}
}

// systemTime formats t as Event Viewer does: UTC with 7 fraction digits
// (FILETIME's 100 ns), or 9 when the time is finer than that.
func systemTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()%100 == 0 {
		return t.Format("2006-01-02T15:04:05.0000000Z")
	}
	return t.Format("2006-01-02T15:04:05.000000000Z")
}

func attr(w *bufio.Writer, name, value string) {
	w.WriteString(" " + name + `="`)
	text(w, value)
	w.WriteByte('"')
}

func elem(w *bufio.Writer, name, value string) {
	w.WriteString("<" + name + ">")
	text(w, value)
	w.WriteString("</" + name + ">")
}

// text writes s escaped for element text and attribute values alike:
// markup characters and quotes as entities; tab, CR, LF, DEL and the C1
// controls as character references (so they survive attribute
// normalisation and do not reach a terminal that shows the file); and
// characters XML 1.0 cannot carry (other C0 controls, U+FFFE, U+FFFF,
// invalid UTF-8) as U+FFFD.
func text(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"':
			esc = "&quot;"
		case r == '\'':
			esc = "&apos;"
		case r == '\t', r == '\n', r == '\r', r >= 0x7f && r <= 0x9f:
			esc = "&#x" + strconv.FormatInt(int64(r), 16) + ";"
		case r == utf8.RuneError && n == 1, r < 0x20, r == 0xfffe, r == 0xffff:
			esc = "\uFFFD"
		default:
			i += n
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		i += n
		last = i
	}
	w.WriteString(s[last:])
}

// commentText makes s safe inside <!-- -->: no "--", no trailing '-', and
// only characters XML allows.
func commentText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 {
			return r
		}
		return utf8.RuneError
	}, s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "- -")
	}
	return strings.TrimSuffix(s, "-")
}
