//go:build unix

package catalog

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"eventlens/i18n"
	"eventlens/i18n/reason"
	"eventlens/model/regular/regulartest"
)

// TestCatalogFileNotRegular: a --catalog file that is a FIFO no one writes
// to, a device that never ends, a directory or a huge file is refused at
// once, neither waited on nor read, with a reason said in every language.
func TestCatalogFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := regulartest.FIFO(t, "catalog.yaml")
	huge := filepath.Join(dir, "huge.yaml")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 1<<40); err != nil { // sparse: nothing written
		t.Skip("no sparse files here:", err)
	}
	tests := []struct {
		name, path string
		want       reason.Kind
		ja         string
	}{
		{"FIFO", fifo, reason.IsNamedPipe, "名前付きパイプ（FIFO）であり"},
		{"device", "/dev/zero", reason.IsCharDevice, "キャラクター デバイスであり"},
		{"directory", dir, reason.IsDirectory, "ディレクトリであり"},
		{"1 TiB", huge, reason.TooLarge, "4 MiB を超えるファイルです"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := regulartest.NoHang(t, "Load", func() error {
				_, err := Load(tt.path)
				return err
			})
			var ce *Error
			if !errors.As(err, &ce) || ce.Why.Kind != tt.want || ce.File != tt.path {
				t.Fatalf("err %#v, want a catalog error for %s: %q", err, tt.path, tt.want.Format())
			}
			if got, want := i18n.SayError(err, i18n.JA), tt.path+": "+tt.ja; len(got) < len(want) || got[:len(want)] != want {
				t.Errorf("in Japanese %q, want it to start %q", got, want)
			}
			if err := Check(tt.path); err == nil || !errors.As(err, &ce) || ce.Why.Kind != tt.want {
				t.Errorf("Check: %v", err)
			}
		})
	}
}
