// Package wrap breaks text into lines of a given width in terminal cells,
// for English, Dutch and Japanese alike: Latin words, numbers and katakana
// words are kept whole, and Japanese line-breaking rules (kinsoku) keep
// closing punctuation and the prolonged-sound mark off the start of a line
// and opening brackets off its end. Widths are those of
// github.com/charmbracelet/x/ansi, the table lipgloss and model/sanitize
// measure with, so wrapped text lines up with the rest of the screen.
//
// The input should be sanitised already: wrap measures, it does not clean.
package wrap

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// noStart are characters a line must not start with (kinsoku): closing
// brackets and quotes, Japanese and full-width punctuation, iteration and
// prolonged-sound marks, small kana.
const noStart = "、。，．・：；？！゛゜ヽヾゝゞ々ー）］｝〕〉》」』】〙〗〟’”｠»…‥" +
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ" + ",.:;!?)]}%"

// noEnd are characters a line must not end with: opening brackets and
// quotes.
const noEnd = "（［｛〔〈《「『【〘〖〝‘“｟«(["

// Width returns the width of s in terminal cells.
func Width(s string) int { return ansi.StringWidth(s) }

// Lines breaks s into lines of at most width cells (fewer when a single
// unbreakable run is wider: then it is cut). A newline in s always ends a
// line. Spaces at a break are dropped.
func Lines(s string, width int) []string {
	return lines(s, width, width)
}

// Indent wraps s to width cells and joins the lines with a newline, every
// line after the first starting with indent (counted in the width).
func Indent(s string, width int, indent string) string {
	ls := lines(s, width, width-Width(indent))
	return strings.Join(ls, "\n"+indent)
}

// lines wraps s: the first line to first cells, the others to rest.
func lines(s string, first, rest int) []string {
	first, rest = max(first, 1), max(rest, 1)
	var out []string
	for _, para := range strings.Split(s, "\n") {
		w := first
		if len(out) > 0 {
			w = rest
		}
		out = append(out, fill(atoms(para), w, rest)...)
	}
	return out
}

// atom is a run of text that is never broken inside, or a run of spaces.
type atom struct {
	s     string
	w     int
	space bool
	// glue is set when no break is allowed between this atom and the one
	// before it.
	glue bool
}

// atoms splits a paragraph into words (narrow characters and katakana),
// single other wide characters, and runs of spaces, and marks where
// kinsoku forbids a break.
func atoms(s string) []atom {
	var as []atom
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		switch {
		case r == ' ':
			for j < len(s) && s[j] == ' ' {
				j++
			}
		case wordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if r2 == ' ' || !wordRune(r2) {
					break
				}
				j += n2
			}
		}
		// Combining marks and variation selectors stay with their base.
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.Is(unicode.Mn, r2) && !unicode.Is(unicode.Me, r2) && !(r2 >= 0xFE00 && r2 <= 0xFE0F) && r2 != 0x200D {
				break
			}
			j += n2
		}
		a := atom{s: s[i:j], w: Width(s[i:j]), space: strings.Trim(s[i:j], " ") == ""}
		if len(as) > 0 && !a.space {
			prev := as[len(as)-1]
			last, _ := utf8.DecodeLastRuneInString(prev.s)
			a.glue = !prev.space && (strings.ContainsRune(noStart, r) || strings.ContainsRune(noEnd, last))
		}
		as = append(as, a)
		i = j
	}
	return as
}

// wordRune reports whether r belongs in a word kept whole: a narrow
// character other than a space, or katakana (with its prolonged-sound
// mark), so that names such as "コンピューター" or "ハイパーブイ01" do not
// break.
func wordRune(r rune) bool {
	switch {
	case r >= 0x30A1 && r <= 0x30FA, r == 0x30FC, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
		return true
	case strings.ContainsRune(noStart, r) || strings.ContainsRune(noEnd, r):
		return r < 0x80 // ASCII punctuation is part of a word
	}
	return ansi.StringWidth(string(r)) == 1
}

// fill lays atoms out greedily: the first line gets width cells, later
// lines rest. Glued atoms move to the next line together.
func fill(as []atom, width, rest int) []string {
	var out []string
	var line strings.Builder
	lineW := 0
	pendSpace := ""
	flush := func() {
		out = append(out, line.String())
		line.Reset()
		lineW, pendSpace = 0, ""
		width = rest
	}
	for i := 0; i < len(as); {
		if as[i].space {
			if i == 0 {
				// Leading spaces are the paragraph's own indent.
				line.WriteString(as[i].s)
				lineW += as[i].w
			} else if lineW > 0 {
				pendSpace = as[i].s
			}
			i++
			continue
		}
		// A chunk is an atom and every atom glued to it.
		j, w := i+1, as[i].w
		for j < len(as) && as[j].glue {
			w += as[j].w
			j++
		}
		chunk := as[i:j]
		if lineW > 0 && i > 0 && lineW+Width(pendSpace)+w > width && !(i == 1 && as[0].space) {
			flush()
		}
		if lineW == 0 && w > width {
			// Wider than a whole line: cut it, keeping the cut pieces
			// as full as they can be.
			for _, a := range chunk {
				s := a.s
				for s != "" {
					room := width - lineW
					if room <= 0 {
						flush()
						continue
					}
					if Width(s) <= room {
						line.WriteString(s)
						lineW += Width(s)
						break
					}
					head := ansi.Truncate(s, room, "")
					if head == "" {
						if lineW == 0 {
							// A character wider than the line: put it alone.
							_, n := utf8.DecodeRuneInString(s)
							head = s[:n]
						} else {
							flush()
							continue
						}
					}
					line.WriteString(head)
					lineW += Width(head)
					s = s[len(head):]
					if s != "" {
						flush()
					}
				}
			}
			i = j
			continue
		}
		line.WriteString(pendSpace)
		lineW += Width(pendSpace)
		pendSpace = ""
		for _, a := range chunk {
			line.WriteString(a.s)
		}
		lineW += w
		i = j
	}
	out = append(out, line.String())
	return out
}
