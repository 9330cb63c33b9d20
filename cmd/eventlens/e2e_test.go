package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2EDemo drives the real binary as a person would: the demo opens, a
// filter narrows the list, the detail pane speaks Japanese, a marked event is
// exported to CSV, and q exits cleanly.
func TestE2EDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	s := startTmux(t, 100, 30, dir, nil, "--lang", "ja", "--tz", "Asia/Tokyo")

	s.waitSettled("ja", "eventlens · 579 件")
	s.keys("/")
	s.text("id:32")
	// The whole filter typed, then kept: a prefix of it shows other counts.
	s.waitFor("フィルター> id:32", "eventlens · 2 / 579 件 · フィルター：id:32")
	s.keys("Enter")
	screen := s.waitFor("eventlens · 2 / 579 件 · フィルター：id:32", " / フィルター • ")
	if n := strings.Count(screen, "VMSMP"); n != 2 {
		t.Fatalf("want 2 VMSMP rows after id:32, got %d:\n%s", n, screen)
	}

	s.keys("Enter")
	s.waitFor("仮想スイッチのポートに接続できない")
	// Wait for the list's column titles: a key sent right after Escape
	// would read as Alt+key.
	s.keys("Escape")
	s.waitFor("日時（JST）↑") // the zone times are shown in (--tz)

	s.keys("Space")
	s.waitFor("フィルター：id:32 · マーク 1 件")
	s.keys("e")
	// The dialog itself, not the help line's "e エクスポート".
	s.waitFor("(*) マーク済み（1）", "enter 書き出し")
	s.keys("Enter")
	s.waitFor("1 件を eventlens-", "に書き出しました")

	files, _ := filepath.Glob(filepath.Join(dir, "eventlens-*.csv"))
	if len(files) != 1 {
		t.Fatalf("want one exported CSV in %s, got %v", dir, files)
	}
	f, err := os.Open(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("exported CSV does not parse: %v", err)
	}
	if len(rows) != 2 {
		t.Fatalf("want header + 1 row, got %d rows", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	row := rows[1]
	for k, want := range map[string]string{"provider": "VMSMP", "event_id": "32", "level": "error", "catalog_id": "nec.vmsmp-32"} {
		if got := row[col[k]]; got != want {
			t.Errorf("exported %s = %q, want %q", k, got, want)
		}
	}

	s.keys("q")
	s.waitFor("EXIT=0")
}

// TestE2EMissingFile: a mistyped path given with a readable file is one
// more unreadable input (README, Exit codes): the viewer shows the readable
// file and names the missing one in its load report.
func TestE2EMissingFile(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	good, err := filepath.Abs(fixture("catalog", "host.xml"))
	if err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 100, 30, t.TempDir(), nil, "--lang", "en", good, "no-such-file.evtx")
	screen := s.waitSettled("en", "1 file with problems (R: load report)")
	if !strings.Contains(screen, "eventlens · 15 events") {
		t.Errorf("the viewer does not show the readable file's 15 events:\n%s", screen)
	}
	s.keys("R")
	screen = s.waitFor("Load report", "host.xml", "no-such-file.evtx")
	if flat := strings.Join(strings.Fields(screen), " "); !strings.Contains(flat, "could not be read: no such file or directory") {
		t.Errorf("the load report does not say why no-such-file.evtx was not read:\n%s", screen)
	}
	s.keys("Escape")
	s.waitFor("s search")
	s.keys("q")
	s.waitFor("EXIT=0")
}

// TestE2EAllInputsMissing: when no path given exists there is nothing to
// show: a clear error before the screen is taken over, naming each in
// --lang, with no Go panic.
func TestE2EAllInputsMissing(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	s := startTmux(t, 80, 24, t.TempDir(), nil, "--lang", "nl", "no-such-file.evtx", "gone.evtx")
	screen := s.waitFor("EXIT=1")
	for _, want := range []string{"no-such-file.evtx: bestand of map bestaat niet", "gone.evtx: bestand of map bestaat niet"} {
		if !strings.Contains(screen, want) {
			t.Errorf("want %q, got:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "goroutine") || strings.Contains(screen, "panic") {
		t.Fatalf("Go panic on screen:\n%s", screen)
	}
}
