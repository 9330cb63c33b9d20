package main

import (
	"errors"
	"io/fs"
	"testing"

	"eventlens/i18n"
	"eventlens/i18n/reason"
	"eventlens/model"
	"eventlens/model/export"
)

// export -o FILE says in --lang that FILE exists; other errors keep
// theirs.
func TestSayRefusal(t *testing.T) {
	exists := &fs.PathError{Op: "write", Path: "out.csv", Err: export.ErrExists}
	for _, tt := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "out.csv: file already exists (not overwritten)"},
		{i18n.NL, "out.csv: bestand bestaat al (niet overschreven)"},
		{i18n.JA, "out.csv: ファイルが既に存在します（上書きしていません）"},
	} {
		if got := sayRefusal(exists, tt.lang); got.Error() != tt.want {
			t.Errorf("%v: %q, want %q", tt.lang, got, tt.want)
		}
	}
	dir := export.CheckTarget("logs/")
	if got := sayRefusal(dir, i18n.NL).Error(); got != "logs/: verwijst naar een map, geen bestand: geef het pad van een bestand om naar te schrijven" {
		t.Errorf("directory: %q", got)
	}
	other := errors.New("broken pipe")
	if got := sayRefusal(other, i18n.JA); got != other {
		t.Errorf("other error changed: %v", got)
	}
}

// The load report on stderr says a problem, and where it is, in the
// language asked for.
func TestProblemText(t *testing.T) {
	p := model.Problem{Chunk: 1, Offset: 0x11200, Record: 9, Reason: reason.New(reason.RecordsCut, "2", "9", "10").With(reason.New(reason.TemplateExpansion, "4096", "65536"))}
	for _, tt := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, "chunk 1 at offset 0x11200 record 9 2 records (IDs 9 to 10) cut: template expansion beyond 4096 KiB per record or 65536 KiB per chunk: record cut (crafted or corrupt templates); kept with what was decoded before the cut"},
		{i18n.NL, "chunk 1 op offset 0x11200 record 9 2 records (ID's 9 tot 10) afgebroken: sjabloonuitbreiding boven 4096 KiB per record of 65536 KiB per chunk: record afgebroken (gemanipuleerde of beschadigde sjablonen); bewaard met wat vóór de onderbreking gedecodeerd was"},
		{i18n.JA, "チャンク 1 オフセット 0x11200 レコード 9 2 件のレコード（ID 9～10）を途中で打ち切りました：テンプレートの展開がレコードあたり 4096 KiB またはチャンクあたり 65536 KiB を超えたため、レコードを打ち切りました（細工されたか壊れたテンプレート）。打ち切りまでにデコードした内容で保持しています"},
	} {
		if got := problemText(p, tt.lang); got != tt.want {
			t.Errorf("%v:\n got %q\nwant %q", tt.lang, got, tt.want)
		}
	}
}
