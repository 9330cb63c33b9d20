package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestE2EExportSmall80x13(t *testing.T) { exportSmall(t, 80, 13) }
func TestE2EExportSmall40x12(t *testing.T) { exportSmall(t, 40, 12) }

// exportSmall exports over an existing file on a short terminal: the file
// field and the overwrite question are on screen before a key answers it,
// and a directory's name is refused without asking.
func exportSmall(t *testing.T, w, h int) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "k2.csv")
	if err := os.WriteFile(target, []byte("ORIG\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, w, h, dir, nil)
	s.waitSettled("en", "/139")
	s.keys("e")
	s.waitFor("Export", "Events")
	s.keys("Tab", "Tab", "C-u")
	s.text("k2.csv")
	s.waitFor("File", "k2.csv")
	s.keys("Enter")
	s.waitFor("k2.csv exists. Overwrite? (y/n)")
	s.keys("n")
	s.waitUntil("the question gone", func(screen string) bool { return !strings.Contains(screen, "Overwrite?") })
	if b, _ := os.ReadFile(target); string(b) != "ORIG\n" {
		t.Fatalf("n replaced the file: %q", b)
	}
	s.keys("Enter")
	s.waitFor("Overwrite? (y/n)")
	s.keys("y")
	deadline := time.Now().Add(patience)
	for b, _ := os.ReadFile(target); string(b) == "ORIG\n"; b, _ = os.ReadFile(target) {
		if time.Now().After(deadline) {
			t.Fatalf("y did not replace the file; screen:\n%s", s.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}

	// A directory: said at once, never "Overwrite?".
	s.keys("e")
	s.waitFor("Export", "Events")
	s.keys("Tab", "Tab", "C-u")
	s.text(".")
	s.keys("Enter")
	screen := s.waitFor("Export failed", "directory")
	if strings.Contains(screen, "Overwrite?") {
		t.Errorf("asks to overwrite a directory:\n%s", screen)
	}
	s.keys("Escape")
	s.waitUntil("the dialog closed", func(screen string) bool { return !strings.Contains(screen, "Export failed") })
	s.keys("q")
	s.waitFor("EXIT=0")
}
