package ui

import (
	"strings"
	"testing"

	"eventlens/i18n"
	"eventlens/model/sanitize"
)

// TestListHeaderTime: the time column's title says the zone in the
// language's parentheses (full-width in Japanese), whole with its sort
// arrow at 80 and 120 columns, and the next column's title starts where
// the rows' next column does.
func TestListHeaderTime(t *testing.T) {
	for _, l := range i18n.Langs {
		for _, w := range []int{80, 120} {
			m := newTestModel(t, synthEvents(50, 1), w, 24, func(c *Config) { c.Lang = l })
			lines := strings.Split(frameText(m), "\n")
			header, row := lines[1], lines[2]
			title := i18n.UI.ColTime.In(l) + i18n.Paren("UTC", l) + "↑"
			i := strings.Index(header, title)
			if i < 0 {
				t.Errorf("%v at %d columns: header lacks %q:\n%s", l, w, title, header)
				continue
			}
			next := strings.TrimLeft(header[i+len(title):], " ")
			headerCol := sanitize.Width(header[:len(header)-len(next)])
			times := strings.TrimLeft(row, " *+")
			rowRest := strings.TrimLeft(times[strings.Index(times, " ")+1:], "0123456789: ")
			rowCol := sanitize.Width(row[:len(row)-len(rowRest)])
			if headerCol != rowCol {
				t.Errorf("%v at %d columns: the level's title starts at column %d, its values at %d:\n%s\n%s", l, w, headerCol, rowCol, header, row)
			}
		}
	}
}
