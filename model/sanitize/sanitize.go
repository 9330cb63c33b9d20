// Package sanitize makes untrusted text safe to show in a terminal.
//
// Every string that comes from a log passes through String, Line or
// Multiline before it is displayed. The output never contains a byte below
// 0x20 (except the newlines Multiline keeps), DEL, a C1 control, a bidi
// override, isolate or mark, or invalid UTF-8, so a log cannot move the
// cursor, set the window title, write the clipboard, open a hyperlink or
// reorder what the user reads. What was there stays visible:
//
//   - invalid UTF-8: U+FFFD (�), one per invalid byte
//   - C0 controls U+0000–U+001F: the Unicode Control Picture, e.g. ␀ ␇ ␈ ␉ ␊ ␍ ␛
//   - DEL U+007F: ␡
//   - C1 controls U+0080–U+009F: the code in angle brackets, e.g. ⟨9B⟩
//     (a raw 0x9B byte is invalid UTF-8 and becomes � first)
//   - bidi controls: their abbreviation in angle brackets: ⟨LRE⟩ ⟨RLE⟩ ⟨PDF⟩
//     ⟨LRO⟩ ⟨RLO⟩ ⟨LRI⟩ ⟨RLI⟩ ⟨FSI⟩ ⟨PDI⟩ ⟨LRM⟩ ⟨RLM⟩ ⟨ALM⟩
//   - line and paragraph separators U+2028/U+2029: ⟨LS⟩ ⟨PS⟩
//
// Width and Truncate then measure and cut the clean text with the same
// width tables lipgloss uses, so columns line up with lipgloss's layout.
package sanitize

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// String returns s with every control, invalid byte and bidi control
// replaced by a visible placeholder (see the package comment). Clean input
// is returned as is, without allocating.
func String(s string) string {
	return rewrite(s, false, func(b *strings.Builder, s string, i int) int {
		return i + writeNext(b, s[i:])
	})
}

// Line is String for one-line cells such as a list row: a run of tabs
// becomes one space, and a run of line breaks (CR, LF, VT, FF, mixed with
// tabs) becomes one ␤, so a multi-line message reads as one line.
func Line(s string) string {
	return rewrite(s, false, func(b *strings.Builder, s string, i int) int {
		if !isSpaceCtl(s[i]) {
			return i + writeNext(b, s[i:])
		}
		brk := false
		for i < len(s) && isSpaceCtl(s[i]) {
			brk = brk || s[i] != '\t'
			i++
		}
		if brk {
			b.WriteString("␤")
		} else {
			b.WriteByte(' ')
		}
		return i
	})
}

// Multiline is String for text shown over several lines, such as a message
// in the detail pane: CRLF, LF and lone CR end a line and come out as "\n";
// a tab becomes four spaces. Every other control is replaced as String does.
func Multiline(s string) string {
	return rewrite(s, true, func(b *strings.Builder, s string, i int) int {
		switch s[i] {
		case '\n':
			b.WriteByte('\n')
			return i + 1
		case '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				return i + 2
			}
			return i + 1
		case '\t':
			b.WriteString("    ")
			return i + 1
		}
		return i + writeNext(b, s[i:])
	})
}

// rewrite is the frame String, Line and Multiline share: clean input comes
// back as is, without allocating; otherwise the clean prefix is copied and
// step writes the rest, one piece at a time, returning where it stopped.
func rewrite(s string, keepNL bool, step func(b *strings.Builder, s string, i int) int) string {
	i := firstUnsafe(s, keepNL)
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		i = step(&b, s, i)
	}
	return b.String()
}

// writeNext writes the first rune of s as String shows it and returns its
// length in bytes.
func writeNext(b *strings.Builder, s string) int {
	r, n := utf8.DecodeRuneInString(s)
	writeRune(b, r, n)
	return n
}

// Width returns the display width of s in terminal cells, as a terminal
// draws it: code point by code point (wcwidth), East Asian wide characters
// 2 cells, escape sequences none.
//
// Why not grapheme clusters (ansi.StringWidth, what lipgloss measures):
// terminals do not draw by clusters. tmux and xterm give a half-width
// katakana's sound mark (ｻｰﾋﾞｽ: U+FF9E, U+FF9F) a cell of its own, an emoji
// skin-tone modifier (👍🏽) two cells of its own, and a variation selector
// (✔️) none; and Bubble Tea's renderer lays out its cells the same way on
// a terminal that does not report grapheme support (mode 2027). Counted as
// one cluster each, the columns after them shifted and a cut message ran
// past the right edge without its "…". An emoji ZWJ sequence (👨‍💻)
// counts as its emojis side by side, as xterm and the renderer draw it;
// the list shows it so (see common.WriteCell), since tmux would join it.
func Width(s string) int { return ansi.StringWidthWc(s) }

// Truncate shortens s to at most width cells (as Width counts them),
// ending in tail when it cuts, without splitting a wide character or a
// grapheme cluster. Escape sequences are kept and count nothing. A width of
// 0 or less gives "".
func Truncate(s string, width int, tail string) string {
	if width <= 0 {
		return ""
	}
	if Width(s) <= width {
		return s
	}
	limit := width - Width(tail)
	if limit < 0 {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	w, cut := 0, false
	var state byte
	for len(s) > 0 {
		seq, _, n, next := ansi.DecodeSequenceWc(s, state, nil)
		if n <= 0 {
			break
		}
		s, state = s[n:], next
		if seq[0] < 0x20 || seq[0] == 0x7f || seq[0] == 0x9b {
			b.WriteString(seq) // an escape sequence (a style): kept, even after the cut
			continue
		}
		if cut {
			continue
		}
		// seq is one grapheme cluster: kept whole or not at all.
		if cw := Width(seq); w+cw <= limit {
			b.WriteString(seq)
			w += cw
			continue
		}
		cut = true
		b.WriteString(tail)
	}
	return b.String()
}

// Unsafe reports whether String would replace r: a control, a bidi
// control or a line or paragraph separator. Validators use it to refuse
// such characters in text we write ourselves.
func Unsafe(r rune) bool { return placeholder(r) != "" }

// Drop returns s without the runes Unsafe reports: for text the user types
// or pastes into an input, which shows what it holds and so must not hold
// a control or a bidi override, not even as a placeholder.
func Drop(s string) string {
	if strings.IndexFunc(s, Unsafe) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Unsafe(r) {
			return -1
		}
		return r
	}, s)
}

// isSpaceCtl reports whether c is a whitespace control that Line folds.
func isSpaceCtl(c byte) bool {
	return c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// firstUnsafe returns the index of the first byte of s that needs
// replacing, or len(s). With keepNL, LF counts as safe, as Multiline keeps
// it.
func firstUnsafe(s string, keepNL bool) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if keepNL && c == '\n' {
				i++
				continue
			}
			return i
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || placeholder(r) != "" {
			return i
		}
		i += n
	}
	return len(s)
}

// writeRune writes the rune r, decoded from n bytes, or its placeholder.
func writeRune(b *strings.Builder, r rune, n int) {
	if r == utf8.RuneError && n == 1 {
		b.WriteRune(utf8.RuneError)
		return
	}
	if p := placeholder(r); p != "" {
		b.WriteString(p)
		return
	}
	b.WriteRune(r)
}

// c0 and c1 hold the placeholders for U+0000–U+001F and U+0080–U+009F.
var c0, c1 [32]string

func init() {
	for i := range c0 {
		c0[i] = string(rune(0x2400 + i)) // Control Pictures: ␀ … ␟
	}
	const hex = "0123456789ABCDEF"
	for i := range c1 {
		c := 0x80 + i
		c1[i] = "⟨" + string(hex[c>>4]) + string(hex[c&15]) + "⟩"
	}
}

// placeholder returns the visible stand-in for a rune that must not reach
// the terminal, or "" for a rune that may.
func placeholder(r rune) string {
	switch {
	case r < 0x20:
		return c0[r]
	case r == 0x7f:
		return "␡"
	case r < 0x80:
		return ""
	case r <= 0x9f:
		return c1[r-0x80]
	}
	switch r {
	case 0x061C:
		return "⟨ALM⟩"
	case 0x200E:
		return "⟨LRM⟩"
	case 0x200F:
		return "⟨RLM⟩"
	case 0x202A:
		return "⟨LRE⟩"
	case 0x202B:
		return "⟨RLE⟩"
	case 0x202C:
		return "⟨PDF⟩"
	case 0x202D:
		return "⟨LRO⟩"
	case 0x202E:
		return "⟨RLO⟩"
	case 0x2066:
		return "⟨LRI⟩"
	case 0x2067:
		return "⟨RLI⟩"
	case 0x2068:
		return "⟨FSI⟩"
	case 0x2069:
		return "⟨PDI⟩"
	case 0x2028:
		return "⟨LS⟩"
	case 0x2029:
		return "⟨PS⟩"
	}
	return ""
}
