package msgdb

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"eventlens/model/store"
)

// A template is a message string parsed once into pieces, so that
// rendering a million events costs a few string copies each.
type template struct {
	pieces []piece
	max    int // highest insertion number used
	size   int // bytes of literal text
}

// piece is literal text (n == 0) or insertion string n with the printf
// conversion its !format! asked for (verb 0: plain text).
type piece struct {
	text string // literal text, or the insertion as written (kept when missing)
	n    int
	conv conv
}

// conv is a parsed FormatMessage "!format!" specifier: printf flags, width,
// precision and a conversion character, with Microsoft's size prefixes
// (h, l, ll, I, I32, I64, w) already dropped.
type conv struct {
	verb  byte // 's', 'd', 'u', 'x', ...; 0 for none
	flags string
	width string // digits, or "" (a '*' width is not supported: verb is 0)
	prec  string // ".digits", or ""
	wide  bool   // I64 or ll: 64-bit integers
	spec  string // "%" flags width prec, built once
}

// parse reads a message string the way FormatMessage does: %1…%99 with an
// optional !format!, %n newline, %t tab, %r carriage return, %0 end of
// message, and %% %. %! %space as the character itself. Any other %x is x.
// Line breaks written in the string are kept (CR LF as LF) and trailing
// white space, which message tables carry, is dropped.
func parse(s string) *template {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	t := &template{}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			t.size += lit.Len()
			t.pieces = append(t.pieces, piece{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '%' || i+1 == len(s) {
			lit.WriteByte(c)
			continue
		}
		i++
		switch d := s[i]; {
		case d == '0':
			flush()
			t.trim()
			return t
		case d >= '1' && d <= '9':
			j := i + 1
			if j < len(s) && isDigit(s[j]) {
				j++
			}
			n, _ := strconv.Atoi(s[i:j])
			p := piece{n: n}
			if j < len(s) && s[j] == '!' {
				if k := strings.IndexByte(s[j+1:], '!'); k >= 0 {
					p.conv = parseConv(s[j+1 : j+1+k])
					j += k + 2
				}
			}
			p.text = s[i-1 : j]
			flush()
			t.pieces = append(t.pieces, p)
			t.max = max(t.max, n)
			i = j - 1
		case d == 'n':
			lit.WriteByte('\n')
		case d == 't':
			lit.WriteByte('\t')
		case d == 'r':
			lit.WriteByte('\r')
		default:
			lit.WriteByte(d)
		}
	}
	flush()
	t.trim()
	return t
}

// trim drops the trailing white space of the last literal piece.
func (t *template) trim() {
	if k := len(t.pieces) - 1; k >= 0 && t.pieces[k].n == 0 {
		t.pieces[k].text = strings.TrimRight(t.pieces[k].text, " \t\r\n")
		if t.pieces[k].text == "" {
			t.pieces = t.pieces[:k]
		}
	}
}

// parseConv reads the printf-style specifier between the two '!'. One it
// does not understand gives verb 0: the value is inserted as it is.
func parseConv(f string) conv {
	var c conv
	i := 0
	for i < len(f) && strings.IndexByte("-+ #0", f[i]) >= 0 {
		i++
	}
	c.flags = f[:i]
	j := i
	for j < len(f) && isDigit(f[j]) {
		j++
	}
	c.width = f[i:j]
	if j < len(f) && f[j] == '.' {
		k := j + 1
		for k < len(f) && isDigit(f[k]) {
			k++
		}
		c.prec = f[j:k]
		j = k
	}
	if len(c.width) > 3 || len(c.prec) > 4 {
		return conv{} // a width no message needs: a hostile database's memory bomb
	}
	rest := f[j:]
	for _, p := range []string{"I64", "I32", "ll", "I", "h", "l", "w"} {
		if strings.HasPrefix(rest, p) && len(rest) > len(p) {
			c.wide = p == "I64" || p == "ll"
			rest = rest[len(p):]
			break
		}
	}
	if len(rest) == 1 && strings.IndexByte("sSdiuxXocCeEfgG", rest[0]) >= 0 {
		c.verb = rest[0]
	}
	c.spec = "%" + c.flags + c.width + c.prec
	return c
}

// format applies c to an insertion string. Event data arrives as text, so
// numeric conversions parse it first (decimal, or 0x hexadecimal); text
// that is no number is inserted as it is, padded to the width.
func (c conv) format(v string) string {
	spec := c.spec
	switch c.verb {
	case 0:
		return v
	case 's', 'S':
		if spec == "%" {
			return v
		}
		return fmt.Sprintf(spec+"s", v)
	case 'c', 'C':
		r := []rune(v)
		if len(r) > 0 {
			v = string(r[:1])
		}
		return fmt.Sprintf("%"+c.flags+c.width+"s", v)
	case 'e', 'E', 'f', 'g', 'G':
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			return fmt.Sprintf(spec+string(c.verb), f)
		}
	default: // integers
		n, ok := parseInt(v)
		if !ok {
			break
		}
		switch c.verb {
		case 'd', 'i':
			if !c.wide {
				n = uint64(int64(int32(uint32(n))))
			}
			return fmt.Sprintf(spec+"d", int64(n))
		}
		if !c.wide {
			n = uint64(uint32(n))
		}
		verb := string(c.verb)
		if verb == "u" {
			verb = "d"
		}
		return fmt.Sprintf(spec+verb, n)
	}
	return fmt.Sprintf("%"+c.flags+c.width+"s", v)
}

// parseInt reads decimal (possibly negative) or 0x-hexadecimal text as the
// bits of a 64-bit integer.
func parseInt(v string) (uint64, bool) {
	v = strings.TrimSpace(v)
	if h, ok := strings.CutPrefix(strings.ToLower(v), "0x"); ok {
		n, err := strconv.ParseUint(h, 16, 64)
		return n, err == nil
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return uint64(n), true
	}
	n, err := strconv.ParseUint(v, 10, 64)
	return n, err == nil
}

// maxMessageBytes bounds a rendered message, as model bounds an XML value:
// a template that repeats an insertion thousands of times (a hostile or
// broken database) must not cost megabytes per event.
const maxMessageBytes = 1 << 20

// CutMark ends a message cut at maxMessageBytes.
const CutMark = " … [eventlens: message cut at 1 MiB]"

// render fills the template with args. An insertion the event has no
// value for is left as written, as Windows leaves it. param expands a
// value of the form %%NNNN (a parameter string reference) or returns it
// unchanged. A message longer than maxMessageBytes is cut there (on a
// character boundary) and ends with CutMark.
func (t *template) render(args []string, param func(string) string) string {
	var b strings.Builder
	n := t.size
	for _, a := range args {
		n += len(a)
	}
	b.Grow(min(n, maxMessageBytes+len(CutMark)))
	for _, p := range t.pieces {
		s := p.text
		if p.n > 0 && p.n <= len(args) {
			v := args[p.n-1]
			if param != nil {
				v = param(v)
			}
			s = p.conv.format(v)
		}
		if room := maxMessageBytes - b.Len(); len(s) > room {
			for room > 0 && !utf8.RuneStart(s[room]) {
				room--
			}
			b.WriteString(s[:room])
			b.WriteString(CutMark)
			break
		}
		b.WriteString(s)
	}
	return b.String()
}

// static returns the literal pieces of t joined by store.Sep.
func (t *template) static() string {
	var lits []string
	for _, p := range t.pieces {
		if p.n == 0 {
			lits = append(lits, p.text)
		}
	}
	return strings.Join(lits, store.Sep)
}

// parameterID returns NNNN when v is exactly "%%NNNN".
func parameterID(v string) (int64, bool) {
	rest, ok := strings.CutPrefix(v, "%%")
	if !ok || rest == "" || len(rest) > 10 {
		return 0, false
	}
	for i := 0; i < len(rest); i++ {
		if !isDigit(rest[i]) {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	return n, err == nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
