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
		{i18n.JA, local, "タイムゾーンのない時刻を Europe/Amsterdam UTC+02:00 として読み込み（このマシンのタイムゾーン）"},
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

// A file named on the command line that is no log, or no regular file, is
// said in the viewer's language, as a file passed over in a directory is.
func TestUnreadableSaidInLanguage(t *testing.T) {
	notLog := model.FileReport{Path: "notes.evtx", Err: reason.New(reason.NotALog, `"hello\n"`).Err()}
	fifo := model.FileReport{Path: "pipe.evtx", Err: reason.New(reason.IsNamedPipe).Err()}
	for _, tc := range []struct {
		lang i18n.Lang
		rep  model.FileReport
		want string
	}{
		{i18n.EN, notLog, `could not be read: not an EVTX file, legacy .evt log`},
		{i18n.NL, notLog, `kon niet gelezen worden: geen EVTX-bestand, oud .evt-logboek`},
		{i18n.JA, notLog, `読み込めませんでした：EVTX ファイル、旧形式の .evt ログ`},
		{i18n.EN, fifo, "could not be read: a named pipe (FIFO), not a regular file"},
		{i18n.NL, fifo, "kon niet gelezen worden: een named pipe (FIFO), geen gewoon bestand"},
		{i18n.JA, fifo, "読み込めませんでした：名前付きパイプ（FIFO）であり、通常のファイルではありません"},
	} {
		ctx := &common.Context{Lang: tc.lang, Keys: keymap.New(tc.lang), Styles: styles.New(true, true), NoColor: true, Store: store.New()}
		m := New(ctx)
		m.SetSize(200, 20)
		m.Open([]model.FileReport{tc.rep}, 5*time.Millisecond)
		if got := m.View(); !strings.Contains(got, tc.want) {
			t.Errorf("%v %s: want %q in:\n%s", tc.lang, tc.rep.Path, tc.want, got)
		}
	}
}

// The R report says a file's problems, and where each is, in the viewer's
// language: a damaged record's cause too.
func TestProblemsSaidInLanguage(t *testing.T) {
	rep := model.FileReport{Path: "System.evtx", Format: "evtx", ChunksFound: 1, ChunksParsed: 1, RecordsDecoded: 3,
		Problems: []model.Problem{{Chunk: 2, Offset: 4096, Record: 17,
			Reason: reason.New(reason.BadRecordToEnd, "0x400", "512").With(reason.New(reason.RecordSizeZero))}}}
	for _, tc := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "chunk 2 @4096 record 17: bad record at chunk offset 0x400: record size is 0; 512 bytes skipped to the end of the records"},
		{i18n.NL, "chunk 2 @4096 record 17: onjuist record op chunkoffset 0x400: recordgrootte is 0; 512 bytes overgeslagen tot het einde van de records"},
		{i18n.JA, "チャンク 2 @4096 レコード 17：チャンク オフセット 0x400 のレコードが正しくありません：レコード サイズが 0 です。レコード領域の終わりまで 512 バイトを飛ばしました"},
	} {
		ctx := &common.Context{Lang: tc.lang, Keys: keymap.New(tc.lang), Styles: styles.New(true, true), NoColor: true, Store: store.New()}
		m := New(ctx)
		m.SetSize(300, 20)
		m.Open([]model.FileReport{rep}, 5*time.Millisecond)
		if got := m.View(); !strings.Contains(got, tc.want) {
			t.Errorf("%v: want %q in:\n%s", tc.lang, tc.want, got)
		}
	}
}
