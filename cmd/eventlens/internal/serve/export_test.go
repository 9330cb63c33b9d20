package serve

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"eventlens/i18n"
	"eventlens/model/export"
)

func TestCheckExportName(t *testing.T) {
	good := []string{"report.csv", "case-123/events.jsonl", "イベント.md", "a b.csv", "CONSOLE.txt", "com10.csv", "nul_x.csv"}
	bad := []string{
		"", "../x", "a/../../x", "..", ".", "/etc/x", `\\server\share\x`, `C:\x`, "c:x",
		"CON", "con.csv", "NUL.txt", "nul .txt", "COM1", "lpt9.log", "COM¹.txt", "CONIN$",
		"a\x1b", "a\x00b", "a\nb", "a\u009bb", "a\u202eb.csv",
		".hidden", "x/.ssh/authorized_keys", "a//b", "a/", "trailing.", "trailing ", " leading",
		`a\b`, "a:b", "a*b", "a?b", `a"b`, "a<b", "a>b", "a|b",
		strings.Repeat("a", 256), strings.Repeat("a/", 9) + "x", "\xff.csv",
	}
	for _, n := range good {
		if err := CheckExportName(n); err != nil {
			t.Errorf("CheckExportName(%q) = %v, want nil", n, err)
		}
	}
	for _, n := range bad {
		err := CheckExportName(n)
		var ne *NameError
		if !errors.As(err, &ne) || !errors.Is(err, ErrBadExportName) {
			t.Errorf("CheckExportName(%q) = %v, want a *NameError", n, err)
		}
	}
}

func newTestExporter(t *testing.T, maxBytes int64) (*exporter, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "exports")
	e, err := newExporter(dir, maxBytes, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, dir
}

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestExportLandsInUserDir(t *testing.T) {
	e, dir := newTestExporter(t, 0)
	save := e.forUser("alice", slog.New(slog.DiscardHandler))
	if err := save("report.csv", false, writeString("a,b\n")); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "alice", "report.csv"))
	if err != nil || string(got) != "a,b\n" {
		t.Fatalf("file = %q, %v", got, err)
	}
	assertMode(t, filepath.Join(dir, "alice"), 0o700|fs.ModeDir)
	assertMode(t, filepath.Join(dir, "alice", "report.csv"), 0o600)

	// Subdirectories are made inside the user's directory.
	if err := save("case-1/events.jsonl", false, writeString("{}\n")); err != nil {
		t.Fatal(err)
	}
	assertMode(t, filepath.Join(dir, "alice", "case-1"), 0o700|fs.ModeDir)

	// No overwrite unless asked, and a refused overwrite leaves the file.
	err = save("report.csv", false, writeString("new\n"))
	if !errors.Is(err, export.ErrExists) || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("second export without overwrite: %v, want export.ErrExists", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "alice", "report.csv")); string(got) != "a,b\n" {
		t.Fatalf("refused overwrite changed the file to %q", got)
	}
	if err := save("report.csv", true, writeString("new\n")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "alice", "report.csv")); string(got) != "new\n" {
		t.Fatalf("overwrite gave %q", got)
	}

	// A failing writer leaves nothing behind, not even the temporary file.
	boom := errors.New("boom")
	if err := save("half.csv", false, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "alice"))
	for _, en := range entries {
		if en.Name() == "half.csv" || strings.HasPrefix(en.Name(), ".") {
			t.Errorf("left behind: %s", en.Name())
		}
	}
}

func TestExportRefusesEscapes(t *testing.T) {
	e, dir := newTestExporter(t, 0)
	outside := t.TempDir()
	userDir := filepath.Join(dir, "mallory")
	if err := os.MkdirAll(userDir, 0o700); err != nil {
		t.Fatal(err)
	}
	// Symbolic links planted in the user's directory, pointing out.
	if err := os.Symlink(outside, filepath.Join(userDir, "out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "victim.csv"), filepath.Join(userDir, "victim.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../alice", filepath.Join(userDir, "alice")); err != nil {
		t.Fatal(err)
	}
	save := e.forUser("mallory", slog.New(slog.DiscardHandler))
	for _, name := range []string{
		"../x", "../../x", "/etc/x", "/tmp/x", "out/x.csv", "victim.csv", "alice/x.csv",
		"CON", "NUL.txt", "com1.csv", "a\x1b", "a\x1b[2J.csv", "..\\x", "x/../../y",
	} {
		for _, overwrite := range []bool{false, true} {
			if err := save(name, overwrite, writeString("pwned")); err == nil {
				t.Errorf("export(%q, overwrite=%v) succeeded", name, overwrite)
			}
		}
	}
	// Nothing was written outside, and the planted links are untouched.
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside the export dir: %v", entries)
	}
	if fi, err := os.Lstat(filepath.Join(userDir, "victim.csv")); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("planted link replaced: %v %v", fi, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "alice")); err == nil {
		t.Error("export reached another user's directory")
	}
}

func TestExportUserDirSymlinkRefused(t *testing.T) {
	e, dir := newTestExporter(t, 0)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "eve")); err != nil {
		t.Fatal(err)
	}
	if err := e.forUser("eve", slog.New(slog.DiscardHandler))("x.csv", false, writeString("x")); err == nil {
		t.Fatal("export through a symlinked user directory succeeded")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("written outside: %v", entries)
	}
}

func TestExportSizeLimit(t *testing.T) {
	e, dir := newTestExporter(t, 10)
	save := e.forUser("alice", slog.New(slog.DiscardHandler))
	err := save("big.csv", false, writeString(strings.Repeat("x", 100*1024)))
	if !errors.Is(err, ErrExportTooLarge) {
		t.Fatalf("err = %v, want ErrExportTooLarge", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "alice", "big.csv")); err == nil {
		t.Fatal("oversized export left a file")
	}
}

// TestExportOverSSH checks the wiring: a session's Export writes below
// ExportDir/<user>/, and without ExportDir the session has no Export.
func TestExportOverSSH(t *testing.T) {
	alice := newTestKey(t, "alice@laptop")
	exportDir := filepath.Join(t.TempDir(), "exports")
	ts := startServer(t, []testKey{alice}, func(c *Config) { c.ExportDir = exportDir })
	sh := openShell(t, ts.mustDial(t, alice), nil)
	sh.waitFor(t, "hello alice")
	sh.send(t, "e")
	sh.waitFor(t, "export=ok.")
	sh.send(t, "q")
	sh.wait(t)
	got, err := os.ReadFile(filepath.Join(exportDir, "alice", "report.csv"))
	if err != nil || string(got) != "id,user\n1,alice\n" {
		t.Fatalf("export file = %q, %v", got, err)
	}
	if !strings.Contains(ts.log.String(), `msg="export written"`) {
		t.Errorf("export not logged:\n%s", ts.log)
	}

	ts2 := startServer(t, []testKey{alice}, nil)
	sh2 := openShell(t, ts2.mustDial(t, alice), nil)
	sh2.waitFor(t, "hello alice")
	sh2.send(t, "e")
	sh2.waitFor(t, "export=disabled.")
	sh2.send(t, "q")
	sh2.wait(t)
}

func assertMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode() & (fs.ModePerm | fs.ModeDir | fs.ModeSymlink); got != want {
		t.Errorf("%s: mode %v, want %v", path, got, want)
	}
}

// A refused name, and an export that would overwrite, are said in the
// session's language.
func TestExportErrorsSaidInLanguage(t *testing.T) {
	refused := CheckExportName("../escape.csv")
	exists := &writeError{"report.csv", &fs.PathError{Op: "write", Path: "report.csv", Err: export.ErrExists}}
	tests := []struct {
		err        error
		en, nl, ja string
	}{
		{refused,
			`export name "../escape.csv" refused: "." and ".." are not allowed`,
			`exportnaam "../escape.csv" geweigerd: "." en ".." zijn niet toegestaan`,
			`エクスポート名 "../escape.csv" は使えません："." と ".." は使えません`},
		{CheckExportName("a|b"),
			`export name "a|b" refused: character '|' is not allowed`,
			`exportnaam "a|b" geweigerd: teken '|' is niet toegestaan`,
			`エクスポート名 "a|b" は使えません：文字 '|' は使えません`},
		{exists,
			`"report.csv": file already exists (not overwritten)`,
			`"report.csv": bestand bestaat al (niet overschreven)`,
			`"report.csv"：ファイルが既に存在します（上書きしていません）`},
		{ErrExportTooLarge, "export too large", "export te groot", "エクスポートが大きすぎます"},
	}
	for _, tt := range tests {
		for l, want := range map[i18n.Lang]string{i18n.EN: tt.en, i18n.NL: tt.nl, i18n.JA: tt.ja} {
			if got := i18n.SayError(tt.err, l); got != want {
				t.Errorf("%v: %q, want %q", l, got, want)
			}
		}
	}
	if !errors.Is(exists, fs.ErrExist) || exists.Error() != `export "report.csv": write report.csv: file already exists (not overwritten)` {
		t.Errorf("English error %q", exists.Error())
	}
}
