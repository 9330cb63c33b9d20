package catalog

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"eventlens/i18n"
	"eventlens/ui/sanitize"
)

// safe makes text from a log fit for a terminal line. It relies on
// ui/sanitize and, as a second line of defence, replaces any control, bidi
// or invalid character that is left with a visible placeholder.
func safe(s string) string {
	s = sanitize.Line(s)
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError || unsafeRune(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	if unicode.IsControl(r) {
		return true
	}
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x200E, r == 0x200F, r == 0x061C:
		return true
	}
	return false
}

// mdSafe is safe for Markdown inside a line: it also escapes the characters
// that make emphasis, code, links, tables or HTML there, so a log string
// cannot inject markup. (Line-start syntax such as "#" cannot occur: callers
// never start a line with log text.)
func mdSafe(s string) string {
	s = safe(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fmtInt groups digits as lang does: 1,234 (en, ja) or 1.234 (nl).
func fmtInt(n int, lang i18n.Lang) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	sep := ","
	if lang == i18n.NL {
		sep = "."
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// noBreakBefore are characters a Japanese line must not start with.
const noBreakBefore = "、。，．）」』】〕！？ー・：；,.)!?:;"

// noBreakAfter are characters a line must not end with.
const noBreakAfter = "（「『【〔"

// wrap breaks s into lines of at most width cells, at spaces, and between
// wide (CJK) characters. Every line after the first gets indent.
func wrap(s string, width int, indent string) string {
	if width < 20 {
		width = 20
	}
	var out strings.Builder
	var line strings.Builder
	lineW := 0
	flush := func() {
		out.WriteString(strings.TrimRight(line.String(), " "))
		line.Reset()
		lineW = 0
	}
	newline := func() {
		flush()
		out.WriteByte('\n')
		out.WriteString(indent)
		lineW = runewidth.StringWidth(indent)
	}
	// Tokens: words of narrow characters with their trailing space, or
	// single wide characters (with following punctuation glued on).
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		if runewidth.RuneWidth(rs[i]) == 2 {
			j++
		} else {
			for j < len(rs) && rs[j] != ' ' && runewidth.RuneWidth(rs[j]) < 2 {
				j++
			}
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
		}
		for j < len(rs) && strings.ContainsRune(noBreakBefore, rs[j]) {
			j++
		}
		// An opening bracket stays with what follows it.
		if j < len(rs) && j-i == 1 && strings.ContainsRune(noBreakAfter, rs[i]) {
			j++
			for j < len(rs) && strings.ContainsRune(noBreakBefore, rs[j]) {
				j++
			}
		}
		if j == i {
			j++
		}
		tok := string(rs[i:j])
		w := runewidth.StringWidth(strings.TrimRight(tok, " "))
		if lineW+w > width && lineW > runewidth.StringWidth(indent) && line.Len() > 0 {
			newline()
			tok = strings.TrimLeft(tok, " ")
		}
		line.WriteString(tok)
		lineW += runewidth.StringWidth(tok)
		i = j
	}
	flush()
	return out.String()
}
