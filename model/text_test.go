package model

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/model/evtext"
)

const textDir = "../testdata/evtext"

// TestLoadEventViewerText loads every Event Viewer CSV/TXT fixture through
// Load: sniffed by content (after EVTX and XML; a UTF-16 text export with a
// byte order mark is not taken for XML), read by package evtext, reported
// with its format.
func TestLoadEventViewerText(t *testing.T) {
	entries, err := os.ReadDir(textDir)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".csv") && !strings.HasSuffix(name, ".txt") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			// Under a name that does not give the format away.
			data, err := os.ReadFile(filepath.Join(textDir, name))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(tmp, name+".log")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			evs, reps, err := LoadAll(context.Background(), []string{path}, LoadOptions{BatchSize: 2})
			if err != nil || len(reps) != 1 {
				t.Fatalf("%v %+v", err, reps)
			}
			r := reps[0]
			want := evtext.FormatCSV
			if strings.HasSuffix(name, ".txt") {
				want = evtext.FormatTXT
			}
			if r.Err != nil || r.Format != want {
				t.Fatalf("report: format %q, err %v; want %q", r.Format, r.Err, want)
			}
			if len(evs) == 0 || len(evs) != r.RecordsDecoded {
				t.Fatalf("%d events, report says %d decoded", len(evs), r.RecordsDecoded)
			}
			for _, ev := range evs {
				if ev.File != path || !ev.Decoded || ev.Time.IsZero() || ev.EventID == 0 {
					t.Errorf("event %+v", ev)
				}
			}
			if name == "malformed.csv" && (r.RecordsSkipped == 0 || len(r.Problems) == 0) {
				t.Errorf("malformed rows not reported: %+v", r)
			}
			if _, err := RawXML(&evs[0]); err == nil || !strings.Contains(err.Error(), "no event XML") {
				t.Errorf("RawXML on a text export: %v", err)
			}
		})
	}
}

// TestSniffOrder checks the content sniffing: EVTX first, then XML (also
// UTF-16 with a byte order mark), then Event Viewer text exports, and
// nothing else.
func TestSniffOrder(t *testing.T) {
	utf16 := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	for _, c := range []struct {
		head      []byte
		evtx, xml bool
	}{
		{[]byte(fileMagic + "rest"), true, false},
		{[]byte(chunkMagic + "rest"), true, false},
		{[]byte("  \r\n<Events>"), false, true},
		{utf16(" <Event>"), false, true},
		{utf16("Level,Date and Time"), false, false},
		{[]byte("\xEF\xBB\xBFLevel,Date and Time"), false, false},
		{[]byte("\xEF\xBB\xBF<?xml"), false, true},
	} {
		if got := isEVTX(c.head); got != c.evtx {
			t.Errorf("isEVTX(%q) = %v", c.head, got)
		}
		if got := looksLikeXML(c.head); got != c.xml {
			t.Errorf("looksLikeXML(%q) = %v", c.head, got)
		}
	}
}
