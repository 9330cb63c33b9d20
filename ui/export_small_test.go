package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestExportDialogSmall: at every size down to the smallest the viewer
// runs at, the export dialog shows the focused field and its question; a
// "y" never answers a question that is not on screen.
func TestExportDialogSmall(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {80, 13}, {40, 12}, {100, 8}, {40, 7}, {30, 6}, {30, 5}, {80, 4}} {
		w, h := size[0], size[1]
		dir := t.TempDir()
		target := filepath.Join(dir, "k2.csv")
		os.WriteFile(target, []byte("ORIG\n"), 0o644)
		m := newTestModel(t, synthEvents(20, 51), w, h)
		press(t, m, "e")
		for _, f := range []struct{ key, label string }{{"", "Events"}, {"tab", "Format"}, {"tab", "File"}} {
			if f.key != "" {
				press(t, m, f.key)
			}
			if s := frameText(m); !strings.Contains(s, f.label) && !(h <= 5 && f.label == "File") {
				t.Errorf("%dx%d: focused field %q not shown:\n%s", w, h, f.label, s)
			}
		}
		press(t, m, "ctrl+u")
		m.Update(tea.PasteMsg{Content: target})
		if s := frameText(m); !strings.Contains(s, "k2.csv") {
			t.Errorf("%dx%d: the typed file name is not shown:\n%s", w, h, s)
		}
		press(t, m, "enter")
		s := frameText(m)
		checkFrame(t, s, w, h)
		if !m.export.Confirming() || !strings.Contains(s, "Overwrite? (y/n)") {
			t.Errorf("%dx%d: the overwrite question is not shown:\n%s", w, h, s)
		}
	}
}

// TestExportToDirectory: a directory's name is refused at once, not met
// with "Overwrite?".
func TestExportToDirectory(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, synthEvents(20, 52), 80, 24)
	press(t, m, "e", "tab", "tab", "ctrl+u")
	m.Update(tea.PasteMsg{Content: dir})
	press(t, m, "enter")
	if m.export == nil || m.export.Confirming() {
		t.Fatal("the dialog asks to overwrite a directory")
	}
	if s := frameText(m); !strings.Contains(s, "Export failed") || !strings.Contains(s, "directory") {
		t.Errorf("no error for a directory:\n%s", s)
	}
}
