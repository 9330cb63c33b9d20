package atomicfile

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKilledWriterLeavesOldFile kills a process in the middle of an export
// over an existing file (SIGKILL: no deferred cleanup runs) and checks that
// the file still holds its old content, whole, and that the next write into
// the directory removes the killed writer's temporary file.
func TestKilledWriterLeavesOldFile(t *testing.T) {
	if os.Getenv("EVENTLENS_KILL_CHILD") != "" {
		return // the child's work is done by TestKillChild
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "report.csv")
	const old = "old,content\n"
	if err := os.WriteFile(target, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	started := filepath.Join(dir, "started")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
	cmd.Env = append(os.Environ(), "EVENTLENS_KILL_CHILD="+target, "EVENTLENS_KILL_STARTED="+started)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the child is writing, well past the first buffer flush.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(started); err == nil {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("child never started writing")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	got, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != old {
		t.Fatalf("target changed by a killed export: %d bytes, starts %q", len(got), got[:min(len(got), 40)])
	}
	// The temporary file may remain (it is hidden and named after the
	// target); nothing else may.
	var leftover []string
	for _, n := range names(t, dir) {
		switch {
		case n == "report.csv" || n == "started":
		case strings.HasPrefix(n, ".report.csv.") && strings.HasSuffix(n, tempSuffix):
			leftover = append(leftover, n)
		default:
			t.Errorf("unexpected file %q", n)
		}
	}
	if len(leftover) == 0 {
		t.Fatal("the killed writer left no temporary file; the test no longer tests cleaning")
	}
	// The next write into the directory cleans up after the dead writer.
	if err := Write(filepath.Join(dir, "next.csv"), Options{}, writeStr("next")); err != nil {
		t.Fatal(err)
	}
	for _, n := range names(t, dir) {
		for _, l := range leftover {
			if n == l {
				t.Errorf("stale %s survived the next write", n)
			}
		}
	}
}

// TestKillChild is the child of TestKilledWriterLeavesOldFile: it overwrites
// the target slowly, forever, until it is killed.
func TestKillChild(t *testing.T) {
	target := os.Getenv("EVENTLENS_KILL_CHILD")
	if target == "" {
		t.Skip("helper process for TestKilledWriterLeavesOldFile")
	}
	Write(target, Options{Overwrite: true}, func(w io.Writer) error {
		chunk := []byte(strings.Repeat("new,partial,data\n", 4096))
		for i := 0; ; i++ {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
			if i == 64 { // several buffer flushes have reached the temp file
				os.WriteFile(os.Getenv("EVENTLENS_KILL_STARTED"), nil, 0o644)
			}
			time.Sleep(time.Millisecond)
		}
	})
}
