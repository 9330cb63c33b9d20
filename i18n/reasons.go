package i18n

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"eventlens/i18n/reason"
)

// reasonTexts says each reason.Kind in Japanese and Dutch; the English is
// reason's own (Kind.Format).
var reasonTexts = map[reason.Kind]struct{ JA, NL string }{
	reason.QuoteNoSpace:   {"閉じ引用符の後には空白が必要です", "na het sluitende aanhalingsteken moet een spatie staan"},
	reason.QuoteOpen:      {"引用符が閉じていません", "aanhalingsteken niet gesloten"},
	reason.ExcludeNothing: {`"-" の後には除外する条件が必要です`, `na "-" moet een term volgen om uit te sluiten`},
	reason.DataNoName:     {"data. には項目名が必要です（例：data.ServiceName:値）", "data. heeft een itemnaam nodig, zoals data.ServiceName:waarde"},
	reason.UnknownField: {"不明なフィールド %[1]s です（フィールド：id level class src ch host cat vm data.NAME after before）。コロンを含む文字列を検索するには引用符で囲んでください",
		"onbekend veld %[1]s (velden: id level class src ch host cat vm data.NAAM after before); zet tekst met een dubbele punt tussen aanhalingstekens om ernaar te zoeken"},
	reason.NoValue:  {"%[1]s: 値が必要です", "%[1]s: heeft een waarde nodig"},
	reason.BadID:    {"id: %[1]s はイベント ID（0–65535）でも 4000-4100 のような範囲でもありません", "id: %[1]s is geen gebeurtenis-ID (0–65535) of bereik zoals 4000-4100"},
	reason.BadLevel: {"level: %[1]s はレベルではありません（critical、error、warning、information、verbose または数値）", "level: %[1]s is geen niveau (critical, error, warning, information, verbose of een getal)"},
	reason.BadClass: {"class: %[1]s は分類ではありません（harmless、update、conditional、attention、known-issue、unknown）", "class: %[1]s is geen klasse (harmless, update, conditional, attention, known-issue, unknown)"},
	reason.BadRelTime: {"%[1]s: %[2]s は -30m、-24h、-7d、-2w のような相対時間ではありません",
		"%[1]s: %[2]s is geen relatieve tijd zoals -30m, -24h, -7d of -2w"},
	reason.BadTime: {`%[1]s: %[2]s は時刻ではありません。2011-06-01、"2011-06-01 12:00"、2011-06-01T12:00:00Z、-24h のように書いてください`,
		`%[1]s: %[2]s is geen tijd: gebruik 2011-06-01, "2011-06-01 12:00", 2011-06-01T12:00:00Z of -24h`},
	reason.EmptyFile: {"空のファイル（0 バイト）", "leeg bestand (0 bytes)"},
	reason.NotALog: {"EVTX ファイル、旧形式の .evt ログ、イベント ビューアーの XML・CSV・TXT エクスポートのいずれでもありません（先頭：%[1]s）",
		"geen EVTX-bestand, oud .evt-logboek of Event Viewer-export in XML, CSV of TXT (begint met %[1]s)"},
	reason.IsDirectory: {"ディレクトリであり、通常のファイルではありません：開きません", "een map, geen gewoon bestand: niet geopend"},
	reason.IsNamedPipe: {"名前付きパイプ（FIFO）であり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een named pipe (FIFO), geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsSocket: {"ソケットであり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een socket, geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsCharDevice: {"キャラクター デバイスであり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een tekenapparaat (character device), geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsBlockDevice: {"ブロック デバイスであり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een blokapparaat (block device), geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsIrregular: {"通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.TooLarge:    {"%[1]s MiB を超えるファイルです。読み込みません", "bestand groter dan %[1]s MiB; niet gelezen"},
	reason.TimeMissing: {"%[1]s がありません：日時は不明です", "geen %[1]s: tijd onbekend"},
	reason.TimeInvalid: {"%[1]s の値 %[2]s は日時ではありません：日時は不明です", "%[1]s %[2]s is geen tijd: tijd onbekend"},
	reason.StaleRecords: {"損傷したデータの先で、チャンク ヘッダーのレコード範囲 %[3]s–%[4]s の外にある古いレコード %[1]s 件（ID %[2]s）が見つかりました。チャンクが以前に使われたときの残りで、このログのレコードではないため読み込みません",
		"%[1]s verouderde records (ID's %[2]s) gevonden voorbij beschadigde gegevens, buiten de records %[3]s–%[4]s van de chunkheader: restanten van een eerder gebruik van de chunk, geen records van dit logboek; overgeslagen"},
	reason.TimeMore:     {"ほかに日時不明のまま読み込んだイベント（一覧にないもの）：%[1]s 件", "meer gebeurtenissen geladen met onbekende tijd, niet vermeld: %[1]s"},
	reason.NotFound:     {"そのようなファイルやディレクトリはありません", "bestand of map bestaat niet"},
	reason.NoPermission: {"アクセス権がありません", "toegang geweigerd"},
}

// reasonText is r's kind as a Text, its arguments not yet filled.
func reasonText(k reason.Kind) Text {
	t := reasonTexts[k]
	return Text{EN: k.Format(), JA: t.JA, NL: t.NL}
}

// SayError is err in l: a reason.Error as Say says it, an error that says
// itself in any language (In) in l, each error of a joined one on its own
// line; a *fs.PathError as its system error alone (missing and permission
// denied in l), the caller naming the file; any other error in its own
// text, English. A wrapped error is not looked into: its wrapper's words
// would be lost.
func SayError(err error, l Lang) string {
	switch e := err.(type) {
	case nil:
		return ""
	case *reason.Error:
		return Say(e.Reason, l)
	case interface{ In(Lang) string }:
		return e.In(l)
	case *fs.PathError:
		// Its operation and path are left out: whoever says it names the
		// file already ("x.evtx: not found", not "x.evtx: stat x.evtx: …").
		return SayError(e.Err, l)
	case syscall.Errno:
		switch {
		case errors.Is(e, fs.ErrNotExist):
			return Say(reason.New(reason.NotFound), l)
		case errors.Is(e, fs.ErrPermission):
			return Say(reason.New(reason.NoPermission), l)
		}
	case interface{ Unwrap() []error }:
		var lines []string
		for _, err := range e.Unwrap() {
			if err != nil {
				lines = append(lines, SayError(err, l))
			}
		}
		return strings.Join(lines, "\n")
	}
	return err.Error()
}

// Say is r in l.
func Say(r reason.Reason, l Lang) string {
	if r.IsZero() {
		return ""
	}
	f := reasonText(r.Kind).In(l)
	if f == "" {
		f = r.Kind.Format()
	}
	return r.Fill(f)
}
