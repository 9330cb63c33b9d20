package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestE2EMarkFoldedFlood: Space on the demo's folded Schannel flood marks
// its 64 events; the row shows it, and the export dialog offers them all.
func TestE2EMarkFoldedFlood(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	s := startTmux(t, 120, 30, t.TempDir(), nil)
	s.waitSettled("en", "/139")
	s.keys("/")
	s.text("src:schannel")
	s.waitFor("filter> src:schannel")
	s.keys("Enter")
	s.waitFor("128 of 579")
	s.keys("U", "g", "Space")
	screen := s.waitFor("64 marked")
	if !regexp.MustCompile(`(?m)^\*.*▸ ×64`).MatchString(screen) {
		t.Errorf("the marked flood's row does not show *:\n%s", screen)
	}
	s.keys("e")
	s.waitFor("marked (64)")
	s.keys("Escape")
	s.waitUntil("the dialog closed", func(screen string) bool { return !strings.Contains(screen, "marked (64)") })
	s.keys("g", "Space") // Space moved the cursor down: back to the flood
	s.waitUntil("the marks gone", func(screen string) bool { return !strings.Contains(screen, "marked") })
	s.keys("q")
	s.waitFor("EXIT=0")
}
