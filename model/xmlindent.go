package model

import "strings"

// indentXML lays an XML record out one element per line, indented by depth,
// keeping an element with only text on one line. It only moves whitespace
// between tags, so malformed input comes out no worse than it went in.
func indentXML(s string) string {
	const (
		text = iota
		open
		closing
		single // self-closing tags, comments, declarations
	)
	type token struct {
		s    string
		kind int
	}
	var toks []token
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt != 0 {
			if lt < 0 {
				lt = len(s)
			}
			toks = append(toks, token{s[:lt], text})
			s = s[lt:]
			continue
		}
		// Find the tag's end, skipping '>' inside quoted attribute values.
		end := tagEnd(s, 1, false)
		if end < 0 {
			toks = append(toks, token{s, text})
			break
		}
		tag := s[:end+1]
		s = s[end+1:]
		switch {
		case strings.HasPrefix(tag, "</"):
			toks = append(toks, token{tag, closing})
		case strings.HasPrefix(tag, "<?"), strings.HasPrefix(tag, "<!"), strings.HasSuffix(tag, "/>"):
			toks = append(toks, token{tag, single})
		default:
			toks = append(toks, token{tag, open})
		}
	}

	var b strings.Builder
	depth := 0
	line := func(s string) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Repeat("  ", max(depth, 0)))
		b.WriteString(s)
	}
	for j := 0; j < len(toks); j++ {
		t := toks[j]
		switch t.kind {
		case text:
			if strings.TrimSpace(t.s) != "" {
				line(strings.TrimSpace(t.s))
			}
		case open:
			if j+2 < len(toks) && toks[j+1].kind == text && toks[j+2].kind == closing {
				line(t.s + toks[j+1].s + toks[j+2].s)
				j += 2
				continue
			}
			if j+1 < len(toks) && toks[j+1].kind == closing {
				line(t.s + toks[j+1].s)
				j++
				continue
			}
			line(t.s)
			depth++
		case closing:
			depth--
			line(t.s)
		case single:
			line(t.s)
		}
	}
	return b.String()
}
