package ui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

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

// TestSummaryImplausibleTimes: a FILETIME-zero record (1601), a time that
// did not parse (the zero time) or a wild clock next to real events keeps
// the histogram on the real span, says how many events it left off, and
// every bar's filter matches exactly its bar's events, even over the widest
// span the axis allows.
func TestSummaryImplausibleTimes(t *testing.T) {
	d := func(y int, mo time.Month, day, h int) time.Time { return time.Date(y, mo, day, h, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name    string
		times   []time.Time
		off     int
		axisBeg string
	}{
		{"filetime zero", []time.Time{d(1601, 1, 1, 0), d(2011, 3, 7, 10), d(2011, 3, 7, 11)}, 1, "2011-03-07 10:00"},
		{"no time", []time.Time{{}, d(2011, 3, 7, 10), d(2011, 3, 7, 11), {}}, 2, "2011-03-07 10:00"},
		{"far future", []time.Time{d(30828, 9, 14, 2), d(2011, 3, 7, 10), d(2011, 3, 9, 11)}, 1, "2011-03-07"},
		{"widest span", []time.Time{d(1980, 1, 1, 0), d(2011, 3, 7, 10), d(2199, 12, 31, 23)}, 0, "19"},
		{"none on the axis", []time.Time{d(1601, 1, 1, 0), {}}, 2, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs := synthEvents(len(tc.times), 41)
			for i := range evs {
				evs[i].Time = tc.times[i]
			}
			m := newTestModel(t, evs, 100, 30)
			press(t, m, "S")
			s := frameText(m)
			checkFrame(t, s, 100, 30)
			if tc.off > 0 && !strings.Contains(s, fmt.Sprintf("%d event", tc.off)+map[bool]string{true: "s", false: ""}[tc.off > 1]+" off the timeline") {
				t.Errorf("summary does not say %d events are off the timeline:\n%s", tc.off, s)
			}
			_, _, _, hist := m.summary.Selected()
			sum := 0
			for _, n := range hist {
				sum += n
			}
			if sum != len(evs)-tc.off {
				t.Errorf("bars hold %d events, want %d", sum, len(evs)-tc.off)
			}
			if tc.axisBeg != "" && !regexp.MustCompile(`(?m)^  `+regexp.QuoteMeta(tc.axisBeg)).MatchString(s) {
				t.Errorf("axis does not start at %s:\n%s", tc.axisBeg, s)
			}
			press(t, m, "esc")
			for i, want := range hist {
				m.list.SetFilter("")
				press(t, m, "S", "g")
				for range i {
					press(t, m, "right")
				}
				press(t, m, "enter")
				if got := len(m.list.Rows()); got != want {
					t.Errorf("bar %d: filter %q matches %d, bar says %d", i, m.list.FilterText(), got, want)
				}
			}
		})
	}
}

// TestNarrowListShowsMessages: at 40 columns the ID and then the source
// give way, so the message column shows text, not a lone "…"; a sort
// column's title cut to fit keeps its arrow.
func TestNarrowListShowsMessages(t *testing.T) {
	for _, w := range []int{40, 34} {
		m := demoModel(t, w, 12)
		s := frameText(m)
		checkFrame(t, s, w, 12)
		lines := strings.Split(s, "\n")
		header := lines[listTop-1]
		col := strings.Index(header, "Message")
		if col < 0 {
			t.Fatalf("%d columns: no Message column: %q", w, header)
		}
		col = len([]rune(header[:col])) // the columns before it are all narrow
		for _, ln := range lines[listTop : listTop+4] {
			if msg := strings.TrimSpace(string([]rune(ln)[col:])); len([]rune(msg)) < 6 {
				t.Errorf("%d columns: the message column shows %q: %q", w, msg, ln)
			}
		}
	}
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no zone data:", err)
	}
	m := demoModel(t, 100, 12, func(c *Config) { c.Location = ams })
	if header := strings.Split(frameText(m), "\n")[1]; !strings.Contains(header, "…↑") {
		t.Errorf("the cut Time title lost its sort arrow: %q", header)
	}
}
