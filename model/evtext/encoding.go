package evtext

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// textEncoding is the character encoding of an export file.
type textEncoding uint8

const (
	encUTF8 textEncoding = iota
	encUTF16LE
	encUTF16BE
	encCP932  // Shift-JIS as Windows writes it (code page 932)
	encCP1252 // Windows "ANSI" for English and Dutch systems
)

func (e textEncoding) String() string {
	switch e {
	case encUTF16LE:
		return "UTF-16LE"
	case encUTF16BE:
		return "UTF-16BE"
	case encCP932:
		return "CP932"
	case encCP1252:
		return "Windows-1252"
	}
	return "UTF-8"
}

// decoder returns the x/text decoding for e, or nil for UTF-8.
func (e textEncoding) decoding() encoding.Encoding {
	switch e {
	case encUTF16LE:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case encUTF16BE:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	case encCP932:
		return japanese.ShiftJIS // x/text's ShiftJIS is Windows-31J, i.e. CP932
	case encCP1252:
		return charmap.Windows1252
	}
	return nil
}

// detect decides the encoding of an export from its first bytes and returns
// it with the length of its byte order mark. The order is: byte order mark;
// UTF-16 without one (NUL in every other byte of ASCII text); valid UTF-8;
// then, for legacy code pages, CP932 when the text decodes to Japanese and
// Windows-1252 otherwise.
func detect(head []byte) (textEncoding, int) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8, 3
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return encUTF16LE, 2
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return encUTF16BE, 2
	}
	if len(head) >= 4 {
		switch {
		case head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0:
			return encUTF16LE, 0
		case head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0:
			return encUTF16BE, 0
		}
	}
	if validUTF8Prefix(head) {
		return encUTF8, 0
	}
	if looksJapanese(head) {
		return encCP932, 0
	}
	return encCP1252, 0
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing the last rune to
// be cut off by the end of b.
func validUTF8Prefix(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}

// looksJapanese reports whether b, which is not UTF-8, is CP932 rather than
// Windows-1252. The header decides when it names columns: Japanese titles
// mean CP932, English or Dutch ones Windows-1252 (a few accented letters,
// such as "één", happen to pair up into valid CP932 kanji). Otherwise the
// text must decode without errors and read as Japanese: a fair number of
// kana and ideographs and hardly any other non-ASCII characters.
func looksJapanese(b []byte) bool {
	line := b
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if hl, err := japanese.ShiftJIS.NewDecoder().Bytes(line); err == nil {
		_, l := parseHeaderNames(splitSimple(string(hl)))
		switch l {
		case langJA:
			return true
		case langEN, langNL:
			return false
		}
	}
	text, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	if err != nil {
		return false
	}
	var jp, other int
	for _, r := range string(text) {
		switch {
		case r < utf8.RuneSelf:
		case r == utf8.RuneError:
			other += 4 // a decoding failure weighs more than one odd letter
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) || r == 'ー' || r == '、' || r == '。':
			jp++
		default:
			other++
		}
	}
	return jp >= 8 && jp >= 9*other
}

// maxLine bounds one physical line: a longer line keeps its first maxLine
// bytes and its last maxTail (see lineReader.tail), so a file without line
// breaks cannot exhaust memory and the fields after a huge value are still
// read.
const (
	maxLine = 1 << 20
	maxTail = 64 << 10
)

// lineReader splits the raw bytes of an export into physical lines in the
// file's own encoding, so that every line's byte offset in the file is exact.
// Splitting before decoding is safe: the line feed byte never occurs inside a
// multi-byte UTF-8 or CP932 character, and for UTF-16 the reader looks for the
// whole two-byte code unit.
type lineReader struct {
	br  *bufio.Reader
	enc textEncoding
	off int64 // file offset of the next line
	buf []byte
	max int // even, so that UTF-16 code units are never split at it

	// After a cut line: its last bytes (at most maxTail, starting on a
	// character boundary, without the line break) and the number of
	// quote characters in the bytes dropped between buf and tail, so the
	// reader can tell whether the dropped part closed a quoted field.
	tail      []byte
	midQuotes int
}

// next returns the next line without its line feed (a carriage return is left
// for the caller), the line's file offset, and whether the line was longer
// than the limit and was cut (then line is its head, on a character boundary,
// and lr.tail and lr.midQuotes say what followed). It returns io.EOF after
// the last line.
func (lr *lineReader) next() (line []byte, off int64, cut bool, err error) {
	lr.buf, lr.tail, lr.midQuotes = lr.buf[:0], lr.tail[:0], 0
	off = lr.off
	var n int64    // bytes consumed for this line
	var prev2 byte // the byte before the last byte read, for UTF-16BE
	var last byte  // the last byte read
	keep := func(p []byte) {
		if len(p) >= 2 {
			prev2, last = p[len(p)-2], p[len(p)-1]
		} else if len(p) == 1 {
			prev2, last = last, p[0]
		}
		n += int64(len(p))
		if room := lr.max - len(lr.buf); room > 0 {
			k := min(room, len(p))
			lr.buf = append(lr.buf, p[:k]...)
			p = p[k:]
		}
		if len(p) > 0 {
			cut = true
			lr.over(p)
		}
	}
	for {
		chunk, rerr := lr.br.ReadSlice('\n')
		keep(chunk)
		if errors.Is(rerr, bufio.ErrBufferFull) {
			continue
		}
		if rerr != nil {
			lr.off += n
			if n == 0 {
				if rerr == io.EOF {
					return nil, off, false, io.EOF
				}
				return nil, off, false, rerr
			}
			if rerr != io.EOF {
				return nil, off, cut, rerr
			}
			line, cut := lr.finish(0, cut)
			return line, off, cut, nil
		}
		eol := 1
		switch lr.enc {
		case encUTF16LE:
			// The line feed is the code unit 0A 00 at an even offset.
			if n%2 == 0 {
				continue // this 0A is the high byte of some other unit
			}
			b, perr := lr.br.Peek(1)
			if perr != nil || b[0] != 0 {
				continue // the low byte of a unit such as U+010A, or a stray odd byte at EOF
			}
			zero, _ := lr.br.ReadByte()
			keep([]byte{zero})
			eol = 2
		case encUTF16BE:
			if n%2 != 0 || prev2 != 0 {
				continue
			}
			eol = 2
		}
		lr.off += n
		line, cut := lr.finish(eol, cut)
		return line, off, cut, nil
	}
}

// finish drops the eol bytes of the line break from the end of the line
// and, for a cut line, puts head and tail on character boundaries.
func (lr *lineReader) finish(eol int, cut bool) ([]byte, bool) {
	k := min(eol, len(lr.tail))
	lr.tail = lr.tail[:len(lr.tail)-k]
	lr.buf = lr.buf[:len(lr.buf)-(eol-k)]
	if cut && len(lr.tail) == 0 && lr.midQuotes == 0 {
		cut = false // only the line break was past the limit
	}
	if cut {
		lr.buf = lr.buf[:lr.headEnd(lr.buf)]
		start := lr.tailStart(lr.tail)
		lr.midQuotes += lr.quotes(lr.tail[:start])
		lr.tail = lr.tail[start:]
		// A run of quotes is read as a whole (a doubled quote is one quote
		// in a quoted field): the runs at the edges of the gap go with it.
		w := lr.unit()
		for len(lr.buf) >= w && lr.quotes(lr.buf[len(lr.buf)-w:]) == 1 {
			lr.buf = lr.buf[:len(lr.buf)-w]
			lr.midQuotes++
		}
		for len(lr.tail) >= w && lr.quotes(lr.tail[:w]) == 1 {
			lr.tail = lr.tail[w:]
			lr.midQuotes++
		}
	}
	return lr.buf, cut
}

// unit is the size of a code unit: 2 for UTF-16, else 1.
func (lr *lineReader) unit() int {
	if lr.enc == encUTF16LE || lr.enc == encUTF16BE {
		return 2
	}
	return 1
}

// over keeps the bytes of a line past lr.max: the last maxTail to
// 2*maxTail of them, counting the quotes in those it drops.
func (lr *lineReader) over(p []byte) {
	lr.tail = append(lr.tail, p...)
	if len(lr.tail) <= 2*maxTail {
		return
	}
	drop := (len(lr.tail) - maxTail) &^ 1 // even: UTF-16 units stay whole
	lr.midQuotes += lr.quotes(lr.tail[:drop])
	lr.tail = lr.tail[:copy(lr.tail, lr.tail[drop:])]
}

// quotes counts the quote characters in b, which starts on a code unit.
func (lr *lineReader) quotes(b []byte) int {
	switch lr.enc {
	case encUTF16LE, encUTF16BE:
		q := [2]byte{'"', 0}
		if lr.enc == encUTF16BE {
			q = [2]byte{0, '"'}
		}
		n := 0
		for i := 0; i+1 < len(b); i += 2 {
			if b[i] == q[0] && b[i+1] == q[1] {
				n++
			}
		}
		return n
	}
	// '"' is never part of a multi-byte UTF-8 or CP932 character.
	return bytes.Count(b, []byte{'"'})
}

// headEnd is the length of the longest prefix of b that ends on a character
// boundary, so that cutting a line never leaves half a character to be
// misread as another code page.
func (lr *lineReader) headEnd(b []byte) int {
	n := len(b)
	switch lr.enc {
	case encUTF8:
		for i := n - 1; i >= 0 && i >= n-utf8.UTFMax; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					return i
				}
				break
			}
		}
	case encCP932:
		// Walk forward from the last byte that is surely a character of its
		// own (below 0x40 no trail byte occurs).
		i := max(n-4096, 0)
		for j := n - 1; j >= i; j-- {
			if b[j] < 0x40 {
				i = j
				break
			}
		}
		for i < n {
			if sjisLead(b[i]) {
				if i+1 >= n {
					return i
				}
				i += 2
				continue
			}
			i++
		}
	case encUTF16LE, encUTF16BE:
		n &^= 1
		if n >= 2 {
			u := uint16(b[n-2]) | uint16(b[n-1])<<8
			if lr.enc == encUTF16BE {
				u = uint16(b[n-2])<<8 | uint16(b[n-1])
			}
			if u >= 0xD800 && u < 0xDC00 { // a high surrogate without its pair
				n -= 2
			}
		}
	}
	return n
}

// tailStart is where the first whole character of b, the end of a cut line,
// begins.
func (lr *lineReader) tailStart(b []byte) int {
	switch lr.enc {
	case encUTF8:
		for i := 0; i < len(b) && i < utf8.UTFMax; i++ {
			if utf8.RuneStart(b[i]) {
				return i
			}
		}
		return min(len(b), utf8.UTFMax)
	case encCP932:
		// Start after a byte that is surely a character of its own; a tail
		// without one is dropped rather than misread.
		for i, c := range b {
			if c < 0x40 {
				return i
			}
		}
		return len(b)
	case encUTF16LE, encUTF16BE:
		if len(b) >= 2 {
			u := uint16(b[0]) | uint16(b[1])<<8
			if lr.enc == encUTF16BE {
				u = uint16(b[0])<<8 | uint16(b[1])
			}
			if u >= 0xDC00 && u < 0xE000 { // a low surrogate without its pair
				return 2
			}
		}
	}
	return 0
}

// sjisLead reports whether c starts a two-byte CP932 character.
func sjisLead(c byte) bool { return c >= 0x81 && c <= 0x9F || c >= 0xE0 && c <= 0xFC }

// lineDecoder turns raw lines into UTF-8 text.
type lineDecoder struct {
	dec      *encoding.Decoder // nil for UTF-8
	fallback *encoding.Decoder // for UTF-8 files with a line that is not UTF-8
}

func newLineDecoder(enc textEncoding) *lineDecoder {
	d := &lineDecoder{}
	if e := enc.decoding(); e != nil {
		d.dec = e.NewDecoder()
	}
	return d
}

// decode returns line as UTF-8 without a trailing carriage return, and
// whether the line had to be decoded with the fallback code page.
func (d *lineDecoder) decode(line []byte) (string, bool) {
	var s string
	fellBack := false
	switch {
	case d.dec != nil:
		b, err := d.dec.Bytes(line)
		if err != nil {
			s = string(bytes.ToValidUTF8(line, []byte("\uFFFD")))
		} else {
			s = string(b)
		}
	case utf8.Valid(line):
		s = string(line)
	default:
		fellBack = true
		fb := d.fallback
		if fb == nil {
			fb = charmap.Windows1252.NewDecoder()
		}
		b, err := fb.Bytes(line)
		if err != nil {
			b = bytes.ToValidUTF8(line, []byte("\uFFFD"))
		}
		s = string(b)
	}
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	return s, fellBack
}
