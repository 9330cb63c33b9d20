package main

import (
	"strings"
	"testing"
)

// TestE2ESummaryNews80x24: S on the demo at 80×24 shows the floods and the
// new and unusual errors and warnings above the tables (the histogram
// shrinks for them), the flood counts right-aligned.
func TestE2ESummaryNews80x24(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	s := startTmux(t, 80, 24, t.TempDir(), nil)
	s.waitSettled("en", "23/139")
	s.keys("S")
	screen := s.waitFor("Largest floods", "New and unusual errors and warnings", "By class")
	for _, want := range []string{"  ×320  Service Control Manager 7036", "   ×64  Schannel"} {
		if !strings.Contains(screen, want) {
			t.Errorf("summary lacks %q:\n%s", want, screen)
		}
	}
	s.keys("Escape")
	s.waitFor("S/tab summary")
	s.keys("q")
	s.waitFor("EXIT=0")
}
