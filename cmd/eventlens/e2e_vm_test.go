package main

import (
	"strings"
	"testing"
)

// TestE2EVMs drives the real binary on the demo: V lists the VMs, Enter on
// WEB01 filters the timeline to its host and guest events, and the Schannel
// flood shows folded.
func TestE2EVMs(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	s := startTmux(t, 120, 30, t.TempDir(), nil, "--lang", "en")
	s.waitSettled("en", "eventlens · 579 events")
	s.keys("V")
	screen := s.waitFor("Virtual machines: 7")
	for _, want := range []string{"W2K3-ISCSI", "3C4D5E6F", "HV02", "Guest logs"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("V lacks %q:\n%s", want, screen)
		}
	}
	s.keys("Down", "Down", "Down")
	s.waitFor("> WEB01")
	s.keys("Enter")
	screen = s.waitFor("185 of 579 · filter: vm:8A9B0C1D-2E3F-4051-9263-748596A7B8C9")
	if !strings.Contains(screen, "▸ ×") {
		t.Errorf("no flood folded in WEB01's timeline:\n%s", screen)
	}
	s.keys("q")
	s.waitFor("EXIT=0")
}
