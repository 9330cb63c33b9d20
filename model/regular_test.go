//go:build unix

package model

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/model/regular/regulartest"
)

// TestNonRegularInputs: a FIFO is refused without opening it (opening one
// blocks until a writer comes), a device is refused rather than read as
// "empty" or forever, and the files around them still load (issue 14
// item 5).
func TestNonRegularInputs(t *testing.T) {
	dir := t.TempDir()
	fifo := regulartest.FIFO(t, "log.evtx")
	good := filepath.Join(dir, "good.xml")
	os.WriteFile(good, []byte(xmlEvent("C", "d")), 0o644)
	inputs := []string{fifo, "/dev/zero", good}
	reps := regulartest.NoHang(t, "Load", func() []FileReport {
		reps, _ := Load(context.Background(), inputs, LoadOptions{Workers: 1}, func(Update) {})
		return reps
	})
	want := map[string]string{fifo: "named pipe", "/dev/zero": "character device"}
	for _, r := range reps {
		if w, ok := want[r.Path]; ok {
			if r.Err == nil || !strings.Contains(r.Err.Error(), w) || !strings.Contains(r.Err.Error(), "not opened") {
				t.Errorf("%s: err %v, want one naming %q", r.Path, r.Err, w)
			}
			delete(want, r.Path)
		} else if r.Path == good && (r.Err != nil || r.RecordsDecoded != 1) {
			t.Errorf("%s: %+v", good, r)
		}
	}
	if len(want) > 0 {
		t.Errorf("no report for %v", want)
	}
}
