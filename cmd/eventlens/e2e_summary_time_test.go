package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ESummaryFiletimeZero: one FILETIME-zero record (1601) beside real
// events keeps the histogram on the real span, says what it left off, and
// Enter on a bar filters to exactly its events.
func TestE2ESummaryFiletimeZero(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	var b strings.Builder
	b.WriteString("<Events>")
	for i, at := range []string{"1601-01-01T00:00:00.0000000Z", "2011-03-07T10:00:00Z", "2011-03-07T11:00:00Z"} {
		b.WriteString(`<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="P"/><EventID>` +
			string(rune('1'+i)) + `</EventID><Level>2</Level><TimeCreated SystemTime="` + at + `"/><EventRecordID>` +
			string(rune('1'+i)) + `</EventRecordID><Computer>H</Computer></System></Event>`)
	}
	b.WriteString("</Events>")
	path := filepath.Join(t.TempDir(), "t1601.xml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 100, 30, t.TempDir(), nil, "--lang", "en", path)
	s.waitSettled("en", "3 events")
	s.keys("S")
	screen := s.waitFor("Summary of 3 events", "1 event off the timeline")
	if !strings.Contains(screen, "  2011-03-07 10:00") || strings.Contains(screen, "1600") {
		t.Errorf("the axis does not span the real events:\n%s", screen)
	}
	s.keys("g", "Enter")
	s.waitFor("1 of 3", "after:2011-03-07T10:00:00Z")
	s.keys("q")
	s.waitFor("EXIT=0")
}
