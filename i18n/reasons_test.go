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
