//go:build unix

package cache

import (
	"os"
	"path/filepath"
	"testing"

	"eventlens/model/regular/regulartest"
)

// TestFileKeyRegularOnly: only a regular file has a key; a FIFO no one
// writes to, a device and a directory have none, and asking does not
// block (the check is regular.Open's, the loader's own).
func TestFileKeyRegularOnly(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "log.evtx")
	if err := os.WriteFile(file, []byte("ElfFile\x00 and more"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		keyed      bool
	}{
		{"regular file", file, true},
		{"FIFO", regulartest.FIFO(t, "fifo.evtx"), false},
		{"device", "/dev/zero", false},
		{"directory", dir, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			type result struct {
				k   key
				err error
			}
			r := regulartest.NoHang(t, "fileKey", func() result {
				k, err := fileKey(tt.path)
				return result{k, err}
			})
			if keyed := r.err == nil; keyed != tt.keyed {
				t.Fatalf("key %+v, err %v; want keyed %v", r.k, r.err, tt.keyed)
			}
			if tt.keyed && (r.k.path != tt.path || r.k.size != 17 || r.k.sum == 0) {
				t.Errorf("key %+v", r.k)
			}
		})
	}
}
