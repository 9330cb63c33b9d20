package common

import (
	"eventlens/i18n/wrap"
	"fmt"
	"strings"
	"unicode/utf8"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// Ellipsis marks text cut to fit.
const Ellipsis = "…"

func FmtBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for x := n / unit; x >= unit; x /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

func Clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// WriteCell writes s fitted to exactly w cells: sanitised, cut with an
// Ellipsis when too wide, padded when too narrow. Wide (CJK) characters
// count as two cells.
func WriteCell(b *strings.Builder, s string, w int, alignRight bool) {
	if w <= 0 {
		return
	}
	s = unjoin(sanitize.Line(s))
	sw := sanitize.Width(s)
	if sw > w {
		s = sanitize.Truncate(s, w, Ellipsis)
		sw = sanitize.Width(s)
	}
	if alignRight {
		b.WriteString(strings.Repeat(" ", w-sw))
		b.WriteString(s)
		return
	}
	b.WriteString(s)
	b.WriteString(strings.Repeat(" ", max(w-sw, 0)))
}

// FitLine pads or cuts an already sanitised line (styles allowed) to w
// cells, measured as a terminal draws them (sanitize.Width).
func FitLine(s string, w int) string {
	s = unjoin(s)
	sw := sanitize.Width(s)
	if sw > w {
		s = sanitize.Truncate(s, w, Ellipsis)
		sw = sanitize.Width(s) // a wide character may leave a cell
	}
	return s + strings.Repeat(" ", max(w-sw, 0))
}

// unjoin drops zero-width joiners (U+200D), so an emoji ZWJ sequence
// (👨‍💻) shows as its emojis side by side (👨💻). Terminals disagree on
// it: tmux joins it into one 2-cell glyph, xterm and Bubble Tea's renderer
// lay it out as its emojis; a line with one then ends two cells early in
// tmux and its columns and right edge no longer line up. Unjoined, every
// terminal draws what sanitize.Width counts.
func unjoin(s string) string {
	if !strings.Contains(s, "\u200d") {
		return s
	}
	return strings.ReplaceAll(s, "\u200d", "")
}

func Centre(s string, w int) string {
	pad := (w - sanitize.Width(s)) / 2
	if pad <= 0 {
		return s
	}
	return strings.Repeat(" ", pad) + s
}

// LevelShort is a level's name for the list's narrow column.
func LevelShort(l model.Level) i18n.Text { return i18n.LevelLabel(l.String()).Short }

// LevelLong is a level's full name.
func LevelLong(l model.Level) i18n.Text { return i18n.LevelLabel(l.String()).Long }

// ShortProvider drops the "Microsoft-Windows-" prefix that almost every
// provider shares, as Event Viewer's Source column does.
func ShortProvider(p string) string {
	if s, ok := strings.CutPrefix(p, "Microsoft-Windows-"); ok && s != "" {
		return s
	}
	return p
}

// OneLine turns a message into one line for a list cell: line breaks and
// tabs become single spaces, and at most about limit bytes are kept so that
// a huge message costs no more than a short one.
func OneLine(s string, limit int) string {
	if len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if !strings.ContainsAny(s, "\r\n\t") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// Wrap turns untrusted text into sanitised lines of at most w cells,
// keeping its own line breaks; the breaking itself is i18n/wrap's (Latin
// words whole, Japanese line-breaking rules).
func Wrap(s string, w int) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\t", "    ")
	var out []string
	for _, ln := range strings.Split(s, "\n") {
		ln = strings.TrimRight(sanitize.Line(ln), " ")
		if ln == "" {
			out = append(out, "")
			continue
		}
		out = append(out, wrap.Lines(ln, max(w, 1))...)
	}
	return out
}
