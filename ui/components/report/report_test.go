package report

import (
	"errors"
	"strings"
	"testing"
	"time"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/store"
	"eventlens/reason"
	"eventlens/ui/common"
	"eventlens/ui/keymap"
	"eventlens/ui/styles"
)

// The header counts the logs read and, apart, the files a directory walk
// passed over, as the headless commands do.
func TestHeaderCountsSkippedFilesApart(t *testing.T) {
	log := model.FileReport{Path: "logs/System.evtx", Format: "evtx"}
	broken := model.FileReport{Path: "logs/broken.evtx", Err: errors.New("truncated")}
	notes := model.FileReport{Path: "logs/notes.txt", Skipped: reason.New(reason.EmptyFile)}
	for _, tc := range []struct {
		name    string
		lang    i18n.Lang
		reports []model.FileReport
		want    string
	}{
		{"none skipped", i18n.EN, []model.FileReport{log, broken}, "0 events from 2 files in 5ms"},
		{"one skipped", i18n.EN, []model.FileReport{log, notes, broken}, "0 events from 2 files, 1 skipped in 5ms"},
		{"only skipped", i18n.EN, []model.FileReport{notes}, "0 events from 0 files, 1 skipped in 5ms"},
		{"Dutch", i18n.NL, []model.FileReport{log, notes}, "0 gebeurtenissen uit 1 bestand, 1 overgeslagen in 5ms"},
		{"Japanese", i18n.JA, []model.FileReport{log, notes}, "0 件（1 個のファイル、1 個スキップ、5ms）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := &common.Context{Lang: tc.lang, Keys: keymap.New(tc.lang), Styles: styles.New(true, true), NoColor: true, Store: store.New()}
			m := New(ctx)
			m.SetSize(100, 20)
			m.Open(tc.reports, 5*time.Millisecond)
			if got := strings.Split(m.View(), "\n")[1]; !strings.Contains(got, tc.want) {
				t.Errorf("header %q, want %q", got, tc.want)
			}
		})
	}
}
