package evt

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// RawXML re-reads the record at offset (an Event's Offset) from the .evt
// log in r and renders it as Event Viewer shows a classic event's XML, one
// element per line, after a comment with what the XML has no place for:
// where the record lies and when it was written.
func RawXML(r io.ReaderAt, size, offset int64, file string) (string, error) {
	rec, err := RecordAt(r, size, offset)
	if err != nil {
		return "", err
	}
	return rec.XML(file), nil
}

// RecordAt reads the one record that starts at offset in the .evt log in r,
// following it across the end of the file if it wraps. A damaged record is
// read as far as it goes, as Scan would.
func RecordAt(r io.ReaderAt, size, offset int64) (*Record, error) {
	l := &log{r: r, size: size}
	l.readHeader()
	pos := offset - l.base
	if pos < 0 || pos >= l.n {
		return nil, fmt.Errorf("offset %d is not inside the log's records", offset)
	}
	if l.readRing(l.word[:], pos+4) < 4 || string(l.word[:]) != Signature {
		return nil, fmt.Errorf("no record signature at offset %d", offset)
	}
	s, ok := l.check(pos, l.n)
	if !ok {
		return nil, fmt.Errorf("no readable record at offset %d", offset)
	}
	b := make([]byte, s.size)
	b = b[:l.readRing(b, pos)]
	rec, err := decode(b, offset)
	if err != nil {
		return nil, fmt.Errorf("record at offset %d: %w", offset, err)
	}
	if !s.whole {
		rec.Damaged = s.why().String()
	}
	return &rec, nil
}

// XML renders the record as its event's XML (see Event), file naming the
// log for the channel.
func (r *Record) XML(file string) string {
	ev := r.Event(file, ChannelOf(file))
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- .evt record at offset %d (0x%x), written %s", r.Offset, r.Offset, r.Written.Format(time.RFC3339))
	if r.Damaged != "" {
		fmt.Fprintf(&b, "; damaged: %s", r.Damaged)
	}
	b.WriteString(" -->\n")
	b.WriteString("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n  <System>\n")
	fmt.Fprintf(&b, "    <Provider Name=\"%s\"/>\n", esc(ev.Provider))
	fmt.Fprintf(&b, "    <EventID Qualifiers=\"%d\">%d</EventID>\n", ev.Qualifiers, ev.EventID)
	fmt.Fprintf(&b, "    <Level>%d</Level>\n    <Task>%d</Task>\n    <Keywords>0x%x</Keywords>\n", ev.Level, ev.Task, ev.Keywords)
	fmt.Fprintf(&b, "    <TimeCreated SystemTime=\"%s\"/>\n", ev.Time.Format("2006-01-02T15:04:05.000000000Z"))
	fmt.Fprintf(&b, "    <EventRecordID>%d</EventRecordID>\n", ev.RecordID)
	if ev.Channel != "" {
		fmt.Fprintf(&b, "    <Channel>%s</Channel>\n", esc(ev.Channel))
	}
	fmt.Fprintf(&b, "    <Computer>%s</Computer>\n", esc(ev.Computer))
	if ev.UserSID != "" {
		fmt.Fprintf(&b, "    <Security UserID=\"%s\"/>\n", esc(ev.UserSID))
	} else {
		b.WriteString("    <Security/>\n")
	}
	b.WriteString("  </System>\n")
	if len(ev.Data) == 0 && ev.Binary == "" {
		b.WriteString("  <EventData/>\n</Event>\n")
		return b.String()
	}
	b.WriteString("  <EventData>\n")
	for _, d := range ev.Data {
		b.WriteString("    <Data>" + esc(d.Value) + "</Data>\n")
	}
	if ev.Binary != "" {
		b.WriteString("    <Binary>" + ev.Binary + "</Binary>\n")
	}
	b.WriteString("  </EventData>\n</Event>\n")
	return b.String()
}

// esc escapes s for XML text and attributes; characters XML cannot carry
// become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
