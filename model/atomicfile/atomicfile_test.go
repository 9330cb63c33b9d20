package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeStr(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func checkFile(t *testing.T, path, want string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil || string(b) != want {
		t.Errorf("%s holds %q (%v), want %q", path, b, err, want)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// failAfter fails once n bytes have been written, like a full disk.
type failAfter struct {
	w   io.Writer
	n   int
	err error
}

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n, _ := f.w.Write(p[:f.n])
		f.n = 0
		return n, f.err
	}
	f.n -= len(p)
	return f.w.Write(p)
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := Write(path, Options{}, writeStr("first")); err != nil {
		t.Fatal(err)
	}
	checkFile(t, path, "first")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode = %v, want 0644", fi.Mode().Perm())
	}

	// Refuses to overwrite.
	err := Write(path, Options{}, writeStr("second"))
	if !errors.Is(err, ErrExists) || !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("overwrite without permission: err = %v, want ErrExists naming the path", err)
	}
	checkFile(t, path, "first")

	// Overwrites when asked, keeping the mode.
	os.Chmod(path, 0o600)
	if err := Write(path, Options{Overwrite: true}, writeStr("second")); err != nil {
		t.Fatal(err)
	}
	checkFile(t, path, "second")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after overwrite = %v, want 0600", fi.Mode().Perm())
	}

	// A write error midway: nothing new appears, the old file is intact.
	boom := errors.New("boom")
	failing := func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("partial ", 100000))
		return boom
	}
	newPath := filepath.Join(dir, "new.csv")
	if err := Write(newPath, Options{}, failing); !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	if _, err := os.Stat(newPath); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("failed write created %s", newPath)
	}
	if err := Write(path, Options{Overwrite: true}, failing); !errors.Is(err, boom) {
		t.Errorf("err = %v, want boom", err)
	}
	checkFile(t, path, "second")

	// A full disk.
	full := errors.New("no space left on device")
	diskFull := func(w io.Writer) error {
		_, err := io.WriteString(&failAfter{w: w, n: 5000, err: full}, strings.Repeat("x", 10000))
		return err
	}
	if err := Write(path, Options{Overwrite: true}, diskFull); !errors.Is(err, full) {
		t.Errorf("err = %v, want disk full", err)
	}
	checkFile(t, path, "second")

	// A panic in write leaves no trace either.
	func() {
		defer func() { recover() }()
		Write(newPath, Options{}, func(io.Writer) error { panic("bug") })
	}()

	if got := names(t, dir); len(got) != 1 || got[0] != "out.csv" {
		t.Errorf("directory holds %v, want only out.csv", got)
	}

	// Perm applies to a new file.
	key := filepath.Join(dir, "key")
	if err := Write(key, Options{Perm: 0o600}, writeStr("k")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(key); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}

	if err := Write(filepath.Join(dir, "no", "such.csv"), Options{}, writeStr("x")); err == nil {
		t.Error("write into a missing directory succeeded")
	}
	// Not a regular file: never replaced.
	if err := Write(dir+"/..", Options{Overwrite: true}, writeStr("x")); err == nil {
		t.Error("replaced a directory")
	}
}

// TestWriteSeeks checks that a writer may seek back and patch what it wrote,
// as the .evtx writer does with its header.
func TestWriteSeeks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	err := Write(path, Options{}, func(w io.Writer) error {
		io.WriteString(w, "....body")
		ws, ok := w.(io.WriteSeeker)
		if !ok {
			t.Fatal("writer does not seek")
		}
		if _, err := ws.Seek(0, io.SeekStart); err != nil {
			return err
		}
		_, err := io.WriteString(w, "HEAD")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	checkFile(t, path, "HEADbody")
}

// TestWriteInConfined checks that the Root variant cannot leave its root.
func TestWriteInConfined(t *testing.T) {
	outer := t.TempDir()
	inner := filepath.Join(outer, "inner")
	os.Mkdir(inner, 0o700)
	os.Symlink(outer, filepath.Join(inner, "escape"))
	root, err := os.OpenRoot(inner)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for _, name := range []string{"../x", "/tmp/x", "escape/x"} {
		if err := WriteIn(root, name, Options{}, writeStr("x")); err == nil {
			t.Errorf("WriteIn(%q) succeeded outside the root", name)
		}
	}
	if got := names(t, outer); len(got) != 1 {
		t.Errorf("outer dir holds %v", got)
	}
	if err := WriteIn(root, "ok.txt", Options{}, writeStr("ok")); err != nil {
		t.Fatal(err)
	}
	checkFile(t, filepath.Join(inner, "ok.txt"), "ok")
}

func TestTempName(t *testing.T) {
	for _, base := range []string{"report.csv", "a.b.c", strings.Repeat("日本", 100), "x"} {
		n := tempName(base)
		pid, ok := parseTempName(n)
		if !ok || pid != os.Getpid() {
			t.Errorf("parseTempName(%q) = %d, %v", n, pid, ok)
		}
		if len(n) > 120 || !strings.HasPrefix(n, ".") {
			t.Errorf("tempName(%q) = %q", base, n)
		}
	}
	for _, n := range []string{".report.csv123", ".bashrc", "report.csv.1.0123456789abcdef.eventlens-tmp",
		".x.notapid.0123456789abcdef.eventlens-tmp", ".x.12.0123.eventlens-tmp", ".12.0123456789abcdef.eventlens-tmp"} {
		if _, ok := parseTempName(n); ok {
			t.Errorf("parseTempName(%q) accepted a name that is not ours", n)
		}
	}
}

// TestCleanStale checks that only our own temporary files of dead writers
// (or long abandoned ones) are removed.
func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	const deadPID = 1 << 22 // above Linux's pid_max default: never running
	create := func(name string, age time.Duration) {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte("x"), 0o600)
		old := time.Now().Add(-age)
		os.Chtimes(p, old, old)
	}
	dead := ".report.csv.4194304.0123456789abcdef.eventlens-tmp"
	alive := tempName("report.csv") // our own pid: a write in progress
	abandoned := tempName("old.csv")
	create(dead, 0)
	create(alive, time.Hour)
	create(abandoned, 25*time.Hour)
	create(".report.csv123", 48*time.Hour) // someone else's file, however old
	create("report.csv", 48*time.Hour)
	if processAlive(deadPID) {
		t.Skip("pid", deadPID, "exists here")
	}
	if err := Write(filepath.Join(dir, "new.csv"), Options{}, writeStr("n")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(names(t, dir), " ")
	for _, gone := range []string{dead, abandoned} {
		if strings.Contains(got, gone) {
			t.Errorf("stale %s not removed", gone)
		}
	}
	for _, kept := range []string{alive, ".report.csv123", "report.csv", "new.csv"} {
		if !strings.Contains(got, kept) {
			t.Errorf("%s removed", kept)
		}
	}
}

// TestExistsSaysItOnce: the error names the condition once (issue 13 item
// 14: "file already exists (not overwritten): file already exists").
func TestExistsSaysItOnce(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Write(path, Options{}, func(w io.Writer) error { return nil })
	if err == nil || strings.Count(err.Error(), "already exists") != 1 || !errors.Is(err, fs.ErrExist) || !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v", err)
	}
}

// TestNotRegularBeforeExists: a name that is no regular file is refused as
// such even without Overwrite, so a caller never asks whether to replace
// a directory only to fail after "yes".
func TestNotRegularBeforeExists(t *testing.T) {
	dir := t.TempDir()
	for _, overwrite := range []bool{false, true} {
		err := Write(dir, Options{Overwrite: overwrite}, writeStr("x"))
		if err == nil || errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("overwrite %v: writing over a directory: %v", overwrite, err)
		}
	}
}
