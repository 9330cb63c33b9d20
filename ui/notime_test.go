package ui

import (
	"strings"
	"testing"

	"eventlens/i18n"
	"eventlens/model"
)

// TestUnknownTimeShown: an event whose log gave no usable time (the zero
// time) shows "?" in the list's time column and says so in the detail
// pane, in the user's language — never a date in year 1.
func TestUnknownTimeShown(t *testing.T) {
	evs := []model.Event{
		{File: "t.xml", RecordID: 1, Level: model.LevelError, Provider: "NoTime-Provider", EventID: 7036, Decoded: true,
			DecodeError: `System/TimeCreated/@SystemTime "not-a-time" is not a time: time unknown`},
		{File: "t.xml", RecordID: 2, Time: testBase, Level: model.LevelError, Provider: "Timed-Provider", EventID: 7036, Decoded: true},
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA, i18n.NL} {
		t.Run(lang.String(), func(t *testing.T) {
			m := newTestModel(t, evs, 160, 30, func(c *Config) { c.Lang = lang })
			s := frameText(m)
			var row string
			for _, line := range strings.Split(s, "\n") {
				if strings.Contains(line, "NoTime-Provider") {
					row = line
				}
			}
			if row == "" || !strings.Contains(row, "?") || strings.Contains(s, "01-01 00:00") || strings.Contains(s, "0001") {
				t.Fatalf("list row %q; frame:\n%s", row, s)
			}
			// The unknown time sorts first; open it.
			press(t, m, "g", "enter")
			if s := frameText(m); !strings.Contains(s, "NoTime-Provider") || !strings.Contains(s, i18n.UI.TimeUnknown.In(lang)) || strings.Contains(s, "0001") {
				t.Errorf("detail lacks %q:\n%s", i18n.UI.TimeUnknown.In(lang), s)
			}
		})
	}
}
