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

// maxLine bounds one physical line; longer lines are cut and their record is
// reported as malformed, so a file without line breaks cannot exhaust memory.
const maxLine = 1 << 20

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
	max int
}

// next returns the next line without its line feed (a carriage return is left
// for the caller), the line's file offset, and whether the line was longer
// than the limit and was cut. It returns io.EOF after the last line.
func (lr *lineReader) next() (line []byte, off int64, cut bool, err error) {
	lr.buf = lr.buf[:0]
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
			if len(p) > room {
				p = p[:room]
				cut = true
			}
			lr.buf = append(lr.buf, p...)
		} else if len(p) > 0 {
			cut = true
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
			return lr.buf, off, cut, nil
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
		if !cut { // a cut line lost its line feed along with its tail
			lr.buf = lr.buf[:len(lr.buf)-eol]
		}
		return lr.buf, off, cut, nil
	}
}

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
