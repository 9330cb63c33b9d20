package report

import (
	"errors"
	"strings"
	"testing"
	"time"

	"eventlens/i18n"
	"eventlens/i18n/reason"
	"eventlens/model"
	"eventlens/model/store"
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

// The R report says of a file without zones which zone its times were read
// in, with the offsets in effect, and whether --tz or this machine chose it.
func TestZoneLine(t *testing.T) {
	csv := model.FileReport{Path: "System.csv", Format: "eventviewer-csv", Zone: "Europe/Amsterdam UTC+02:00"}
	given := csv
	local := csv
	local.ZoneLocal = true
	for _, tc := range []struct {
		lang i18n.Lang
		rep  model.FileReport
		want string
	}{
		{i18n.EN, given, "times without a zone read as Europe/Amsterdam UTC+02:00 (--tz)"},
		{i18n.EN, local, "times without a zone read as Europe/Amsterdam UTC+02:00 (this machine's zone)"},
		{i18n.NL, local, "tijden zonder zone gelezen als Europe/Amsterdam UTC+02:00 (de zone van deze computer)"},
		{i18n.JA, local, "タイムゾーンのない時刻を Europe/Amsterdam UTC+02:00 として読み込み (このマシンのタイムゾーン)"},
	} {
		ctx := &common.Context{Lang: tc.lang, Keys: keymap.New(tc.lang), Styles: styles.New(true, true), NoColor: true, Store: store.New()}
		m := New(ctx)
		m.SetSize(160, 20)
		m.Open([]model.FileReport{tc.rep}, 5*time.Millisecond)
		if got := m.View(); !strings.Contains(got, tc.want) {
			t.Errorf("%v: want %q in:\n%s", tc.lang, tc.want, got)
		}
	}
}
