package catalog

import (
	"strconv"
	"strings"

	"github.com/mattn/go-runewidth"

	"eventlens/i18n"
	"eventlens/model/sanitize"
)

// mdSafe is safe for Markdown inside a line: it also escapes the characters
// that make emphasis, code, links, tables or HTML there, so a log string
// cannot inject markup. (Line-start syntax such as "#" cannot occur: callers
// never start a line with log text.)
func mdSafe(s string) string {
	s = sanitize.Line(s)
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
