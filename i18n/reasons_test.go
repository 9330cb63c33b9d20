package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"eventlens/i18n/reason"
)

// sayer says itself in any language, as catalog.Error does.
type sayer struct{}

func (sayer) Error() string    { return "english" }
func (sayer) In(l Lang) string { return "in " + l.String() }

// TestSayError: an error that carries a reason, or says itself, is said in
// the language asked for; each of a joined error on its own line; any other
// error, and a reason wrapped in other words, keeps its own text.
func TestSayError(t *testing.T) {
	pipe := reason.New(reason.IsNamedPipe).Err()
	tests := []struct {
		name string
		err  error
		lang Lang
		want string
	}{
		{"nil", nil, JA, ""},
		{"reason, English", pipe, EN, "a named pipe (FIFO), not a regular file: not opened (copy it to a file first)"},
		{"reason, Dutch", pipe, NL, "een named pipe (FIFO), geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
		{"reason, Japanese", pipe, JA, "名前付きパイプ（FIFO）であり、通常のファイルではありません：開きません（先にファイルへコピーしてください）"},
		{"with arguments", reason.New(reason.TooLarge, "4").Err(), NL, "bestand groter dan 4 MiB; niet gelezen"},
		{"says itself", sayer{}, NL, "in nl"},
		{"joined", errors.Join(reason.New(reason.EmptyFile).Err(), errors.New("plain")), JA, "空のファイル（0 バイト）\nplain"},
		{"plain", errors.New("plain"), JA, "plain"},
		{"wrapped", fmt.Errorf("x: %w", pipe), JA, "x: " + pipe.Error()},
		{"missing, Japanese", &fs.PathError{Op: "stat", Path: "x.evtx", Err: syscall.ENOENT}, JA, "そのようなファイルやディレクトリはありません"},
		{"missing, Dutch", syscall.ENOENT, NL, "bestand of map bestaat niet"},
		{"missing, English", &fs.PathError{Op: "open", Path: "x.evtx", Err: syscall.ENOENT}, EN, "no such file or directory"},
		{"permission, Dutch", &fs.PathError{Op: "open", Path: "x.evtx", Err: syscall.EACCES}, NL, "toegang geweigerd"},
		{"other system error", &fs.PathError{Op: "read", Path: "x.evtx", Err: syscall.EIO}, JA, syscall.EIO.Error()},
	}
	for _, tt := range tests {
		if got := SayError(tt.err, tt.lang); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSayProblem: what a loader skipped is said in each language, parts
// (a damaged record's cause, the records lost) in the same language as
// the whole.
func TestSayProblem(t *testing.T) {
	badRecord := reason.New(reason.BadRecordNext, "0x1200", "96", "0x1260").
		With(reason.New(reason.RecordsListed, "40", "38").With(reason.New(reason.RecordZeroBytes)))
	undecoded := reason.New(reason.KeptUndecoded).
		With(reason.Join(reason.New(reason.RecordSizeZero), reason.New(reason.DecoderError, "unknown token 0x7f")))
	gap := reason.New(reason.EVTGapLost, "512", "7", "10").With(reason.New(reason.RecordRange, "8", "9"))
	id := reason.New(reason.TextNotEventID, "12", "4", "Event ID", `"abc"`)
	tests := []struct {
		r          reason.Reason
		en, ja, nl string
	}{
		{badRecord,
			"bad record at chunk offset 0x1200: zero bytes where records should be (the chunk header lists records up to ID 40, the last one found is 38); 96 bytes skipped, next record at 0x1260",
			"チャンク オフセット 0x1200 のレコードが正しくありません：レコードがあるはずの場所がすべてゼロ バイトです（チャンク ヘッダーには ID 40 までのレコードが記されていますが、見つかった最後のレコードは 38 です）。96 バイトを飛ばしました。次のレコードは 0x1260 にあります",
			"onjuist record op chunkoffset 0x1200: nulbytes waar records horen te staan (de chunkheader noemt records tot ID 40, het laatst gevonden is 38); 96 bytes overgeslagen, volgend record op 0x1260"},
		{undecoded,
			"record size is 0; eventlens decoder: unknown token 0x7f; kept undecoded",
			"レコード サイズが 0 です。eventlens デコーダー：unknown token 0x7f。デコードせずに保持しています",
			"recordgrootte is 0; eventlens-decoder: unknown token 0x7f; ongedecodeerd bewaard"},
		{gap,
			"512 bytes between records 7 and 10 hold no readable record (records 8–9 lost); skipped",
			"レコード 7 と 10 の間の 512 バイトには読めるレコードがありません（レコード 8～9 が失われています）。飛ばしました",
			"512 bytes tussen records 7 en 10 bevatten geen leesbaar record (records 8–9 verloren); overgeslagen"},
		{id,
			`line 12: field 4 (Event ID): "abc" is not an event ID (0–65535); row skipped`,
			`12 行目、フィールド 4（Event ID）："abc" はイベント ID（0–65535）ではありません。行を飛ばしました`,
			`regel 12: veld 4 (Event ID): "abc" is geen gebeurtenis-ID (0–65535); rij overgeslagen`},
		{reason.New(reason.CacheDamaged, "10", "20"),
			"index cache entry damaged after 10 of 20 events; the rest were not loaded (the entry was removed: open the file again, or use --no-cache)",
			"インデックス キャッシュのエントリが 20 件中 10 件目の後で壊れていました。残りは読み込んでいません（エントリは削除しました。ファイルを開き直すか、--no-cache を使ってください）",
			"indexcache-item beschadigd na 10 van 20 gebeurtenissen; de rest is niet geladen (het item is verwijderd: open het bestand opnieuw of gebruik --no-cache)"},
	}
	for _, tt := range tests {
		for l, want := range map[Lang]string{EN: tt.en, JA: tt.ja, NL: tt.nl} {
			if got := Say(tt.r, l); got != want {
				t.Errorf("%v:\n got %q\nwant %q", l, got, want)
			}
		}
		if got := tt.r.String(); got != tt.en {
			t.Errorf("String: %q", got)
		}
	}
}

// TestReasonsTranslated fails when a kind's Japanese or Dutch is its
// English: an English sentence in a Japanese or Dutch run. The few whose
// words are the same in Dutch, or are only arguments, are listed.
func TestReasonsTranslated(t *testing.T) {
	same := map[reason.Kind]bool{reason.Detail: true, reason.Both: true, reason.Comma: true, reason.LibraryError: true, reason.OneRecord: true, reason.RecordRange: true}
	for _, k := range reason.Kinds() {
		txt := reasonText(k)
		if txt.JA == txt.EN && k != reason.Detail {
			t.Errorf("reason %d: Japanese is the English %q", k, txt.EN)
		}
		if txt.NL == txt.EN && !same[k] {
			t.Errorf("reason %d: Dutch is the English %q", k, txt.EN)
		}
		if got, ok := reason.KindOf(k.Format()); !ok || got != k {
			t.Errorf("KindOf(%q) = %d, %v", k.Format(), got, ok)
		}
	}
}
