package sanitize

import (
	"io"
	"unicode/utf8"
)

// Writer passes text through to a terminal as Multiline shows it: controls,
// bidi controls and invalid UTF-8 become visible placeholders, line breaks
// stay line breaks. It is for writers whose output is meant for a file but
// lands on a terminal (an export to standard output), where a raw escape
// sequence from a log would set the title, write the clipboard or switch
// screens. Runes split across writes are joined; Close flushes a trailing
// incomplete one.
type Writer struct {
	w    io.Writer
	hold []byte // an incomplete rune or a CR that may start CR LF
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

func (s *Writer) Write(p []byte) (int, error) {
	data := p
	if len(s.hold) > 0 {
		data = append(s.hold, p...)
		s.hold = nil
	}
	cut := len(data)
	// Hold back an incomplete rune at the end, and a final CR.
	for i := 1; i < utf8.UTFMax && i <= len(data); i++ {
		if c := data[len(data)-i]; utf8.RuneStart(c) {
			if c >= utf8.RuneSelf && !utf8.FullRune(data[len(data)-i:]) {
				cut = len(data) - i
			}
			break
		}
	}
	if cut > 0 && cut == len(data) && data[cut-1] == '\r' {
		cut--
	}
	s.hold = append(s.hold[:0:0], data[cut:]...)
	if _, err := io.WriteString(s.w, Multiline(string(data[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Close writes what is held back. It does not close the underlying writer.
func (s *Writer) Close() error {
	if len(s.hold) == 0 {
		return nil
	}
	_, err := io.WriteString(s.w, Multiline(string(s.hold)))
	s.hold = nil
	return err
}
