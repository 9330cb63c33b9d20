package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
)

// TestFilterFindsTemplateWords drives the real program in Japanese: the
// words of the catalog's Japanese template for Winlogon 6004, which the
// event itself does not carry, filter the list to it; once the language is
// English, the message shown has other words, and the filter follows.
func TestFilterFindsTemplateWords(t *testing.T) {
	evs := []model.Event{
		{File: "s.evtx", RecordID: 1, Time: testBase, Level: model.LevelWarning, Channel: "Application", Provider: "Microsoft-Windows-Winlogon",
			EventID: 6004, Computer: "HV01", Decoded: true, Data: []model.Data{{Value: "TrustedInstaller"}}},
		{File: "s.evtx", RecordID: 2, Time: testBase.Add(time.Minute), Level: model.LevelInformation, Provider: "Other",
			EventID: 1, Computer: "HV01", Decoded: true},
	}
	cfg := Config{
		Lang: i18n.JA, Catalog: catalog.Builtin(), NoColor: true, Location: time.UTC,
		Now: func() time.Time { return testNow },
		Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
			emit(model.Update{Events: slices.Clone(evs)})
			return []model.FileReport{{Path: "s.evtx", Format: "evtx", RecordsDecoded: 2}}, nil
		},
	}
	tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(140, 30))
	wait := func(want string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), want) },
			teatest.WithDuration(patience))
	}
	wait("winlogon 通知サブスクライバ <TrustedInstaller>") // the catalog's Japanese text
	tm.Type("/")
	tm.Type("通知イベント")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	wait("1 / 2 件") // one row of two: the Winlogon event, found by its template's words
	tm.Type("L")    // Japanese → Dutch
	tm.Type("L")    // Dutch → English: the words are no longer shown, nor found
	wait("· en")
	tm.Type("q")
	m := tm.FinalModel(t, teatest.WithFinalTimeout(patience)).(*Model)
	if n := len(m.list.Rows()); n != 0 || m.list.FilterText() != "通知イベント" {
		t.Errorf("in English, %q lists %d rows, want none", m.list.FilterText(), n)
	}
}
