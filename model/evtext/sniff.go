package evtext

import "strings"

// Sniff reports whether head, the first bytes of a file (the first few KB are
// enough), looks like an Event Viewer CSV or TXT export: a header line with
// at least three column titles known in English, Japanese or Dutch, one of
// them Date and Time; or a
// header of at least five titles in another language followed by a row whose
// Date and Time and Event ID columns parse; or no header and a first line
// that is such a row with a known level name.
func Sniff(head []byte) bool {
	enc, bom := detect(head)
	b := head[bom:]
	if len(b) > sniffSize {
		b = b[:sniffSize]
	}
	if enc == encUTF16LE || enc == encUTF16BE {
		b = b[:len(b)&^1]
	}
	text, _ := newLineDecoder(enc).decode(b)
	lines := strings.SplitN(text, "\n", 3)
	for i := range lines {
		lines[i] = strings.TrimSuffix(strings.TrimPrefix(lines[i], "\ufeff"), "\r")
	}
	first := lines[0]
	titles := splitSimple(first)
	if len(titles) >= 4 && knownTitles(titles) >= 3 {
		// Other CSV files name levels and event IDs too (eventlens's own
		// export does); Event Viewer's has its Date and Time column.
		cols, _ := parseHeaderNames(titles)
		for i, c := range cols {
			if c == colDateTime && columnNames[normName(titles[i])].col == colDateTime {
				return true
			}
		}
	}
	for _, sep := range []byte{',', '\t'} {
		if isRowStart(first, sep, defaultColumns, true, false) {
			return true
		}
	}
	if len(titles) >= 5 && len(lines) >= 2 {
		cols, _ := parseHeaderNames(titles)
		return isRowStart(lines[1], sepOf(first), cols, true, true)
	}
	return false
}
