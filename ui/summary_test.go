package ui

import (
	"regexp"
	"strings"
	"testing"

	"eventlens/i18n"
)

// TestSummaryNewsAt80x24 opens S on the demo at 80×24: the floods and the
// new and unusual kinds stay on screen (the histogram shrinks for them),
// the flood counts are right-aligned, and the frame fills the terminal.
func TestSummaryNewsAt80x24(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {80, 30}, {120, 40}} {
		m := demoModel(t, size[0], size[1])
		press(t, m, "S")
		s := frameText(m)
		checkFrame(t, s, size[0], size[1])
		for _, want := range []string{"Largest floods", "New and unusual errors and warnings", "By class"} {
			if !strings.Contains(s, want) {
				t.Errorf("%dx%d: summary lacks %q:\n%s", size[0], size[1], want, s)
			}
		}
		// Every flood row's source starts in the same column.
		flood := regexp.MustCompile(`^  +×[0-9,]+  `)
		col := -1
		for _, ln := range strings.Split(s, "\n") {
			if loc := flood.FindStringIndex(ln); loc != nil {
				if col >= 0 && loc[1] != col {
					t.Errorf("%dx%d: flood row not aligned: %q", size[0], size[1], ln)
				}
				col = loc[1]
			}
		}
		if col < 0 {
			t.Errorf("%dx%d: no flood rows:\n%s", size[0], size[1], s)
		}
	}
}

// TestSummaryNamesJapanese: the news lists computer names the Japanese
// way (・), never with ", ".
func TestSummaryNamesJapanese(t *testing.T) {
	m := demoModel(t, 200, 50, func(c *Config) { c.Lang = i18n.JA })
	press(t, m, "S")
	s := frameText(m)
	if !strings.Contains(s, "大量発生") {
		t.Fatalf("no floods:\n%s", s)
	}
	if strings.Contains(s, "local, ") {
		t.Errorf("computer names joined with \", \":\n%s", s)
	}
}
