package evtext

import "strings"

// splitter cuts records of an export into fields, one physical line at a
// time. It follows RFC 4180 as Event Viewer writes it (a field that starts
// with a quote runs to the matching quote, "" inside it is a quote, line
// breaks inside it belong to the field) and is lenient where csv.Reader's
// LazyQuotes is: a quote inside an unquoted field, or a lone quote inside a
// quoted field that is not followed by the separator or the end of the line,
// is taken literally.
//
// Read uses this rather than encoding/csv because one state machine must
// decide both where a record ends and what its fields are: after an
// unterminated quote, csv.Reader would swallow the rest of the file into one
// field, while Read has to notice the next row and start again there.
type splitter struct {
	sep    byte
	fields []string
	cur    strings.Builder
	state  splitState
	quoted bool // the field being read (or the last one ended) was quoted
	size   int  // bytes fed into the current record

	// cutAt is 1 + the offset in the next line fed at which bytes of an
	// over-long line were dropped (0: none). The first such cut in a record
	// is remembered as the field it fell in and that field's length there,
	// so the field can be cut to what was read before the gap.
	cutAt    int
	cutOdd   bool // the dropped bytes held an odd number of quotes
	cut      bool
	cutField int
	cutLen   int
}

type splitState uint8

const (
	atFieldStart splitState = iota
	inUnquoted
	inQuoted
	afterQuote // a quoted field closed; only the separator may follow
)

// reset starts a new record.
func (s *splitter) reset() {
	s.fields = s.fields[:0]
	s.cur.Reset()
	s.state = atFieldStart
	s.quoted = false
	s.size = 0
	s.cut = false
}

// open reports whether the record is waiting for more lines (it is inside a
// quoted field).
func (s *splitter) open() bool { return s.state == inQuoted }

// feed scans one line (without its line break) and reports whether the record
// ends with it.
func (s *splitter) feed(line string) bool {
	s.size += len(line) + 1
	cutAt, cutOdd := s.cutAt-1, s.cutOdd
	s.cutAt, s.cutOdd = 0, false
	for i := 0; i < len(line); i++ {
		if i == cutAt {
			s.gap(cutOdd)
		}
		c := line[i]
		switch s.state {
		case atFieldStart:
			if c == '"' {
				s.state, s.quoted = inQuoted, true
				continue
			}
			s.quoted = false
			s.state = inUnquoted
			if c == s.sep {
				s.endField()
				continue
			}
			s.cur.WriteByte(c)
		case inUnquoted:
			if c == s.sep {
				s.endField()
				continue
			}
			s.cur.WriteByte(c)
		case inQuoted:
			if c != '"' {
				s.cur.WriteByte(c)
				continue
			}
			switch {
			case i+1 < len(line) && line[i+1] == '"':
				s.cur.WriteByte('"')
				i++
			case i+1 == len(line) || line[i+1] == s.sep:
				s.state = afterQuote
			default:
				s.cur.WriteByte('"') // lazy: a stray quote inside the field
			}
		case afterQuote:
			// Only the separator can follow (see inQuoted), except after a
			// gap (see gap): there the character starts the next field.
			s.endField()
			if c != s.sep {
				i--
			}
		}
	}
	if cutAt >= len(line) {
		s.gap(cutOdd)
	}
	if s.state == inQuoted {
		s.cur.WriteByte('\n')
		return false
	}
	s.endField()
	return true
}

func (s *splitter) endField() {
	s.fields = append(s.fields, s.cur.String())
	s.cur.Reset()
	s.state = atFieldStart
}

// gap notes where bytes were dropped. An odd number of quotes among them
// closed a quoted field being read: what follows, if anything, starts a new
// field.
func (s *splitter) gap(odd bool) {
	if !s.cut {
		s.cut, s.cutField, s.cutLen = true, len(s.fields), s.cur.Len()
	}
	if odd && s.state == inQuoted {
		s.state = afterQuote
	}
}

// cutFields cuts the field a gap fell in (see cutAt) to what came before
// the gap, and returns its index, or -1 when the record had no gap.
func (s *splitter) cutFields(fields []string) int {
	if !s.cut || s.cutField >= len(fields) {
		return -1
	}
	fields[s.cutField] = fields[s.cutField][:s.cutLen]
	return s.cutField
}

// splitSimple splits one line on commas or tabs (whichever occurs more), for
// header detection.
func splitSimple(line string) []string {
	sep := sepOf(line)
	var s splitter
	s.sep = sep
	s.reset()
	s.feed(line)
	return append([]string(nil), s.fields...)
}

// sepOf guesses the separator of a line: a tab when the line has at least as
// many tabs as commas and one tab at all, otherwise a comma.
func sepOf(line string) byte {
	tabs, commas := strings.Count(line, "\t"), strings.Count(line, ",")
	if tabs > 0 && tabs >= commas {
		return '\t'
	}
	return ','
}
