//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"testing"

	"eventlens/model/regular/regulartest"
)

// TestCatalogFileNotRegular: a --catalog that is a FIFO no one writes to, a
// device or a directory stops the command at once with exit 1, saying in
// --lang what the file is; nothing is loaded.
func TestCatalogFileNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := regulartest.FIFO(t, "ours.yaml")
	for _, tt := range []struct {
		lang, catalog, want string
	}{
		{"en", fifo, "--catalog " + fifo + ": a named pipe (FIFO), not a regular file: not opened"},
		{"nl", fifo, "--catalog " + fifo + ": een named pipe (FIFO), geen gewoon bestand: niet geopend"},
		{"ja", fifo, "--catalog " + fifo + ": 名前付きパイプ（FIFO）であり、通常のファイルではありません"},
		{"en", "/dev/zero", "--catalog /dev/zero: a character device, not a regular file"},
		{"nl", "/dev/zero", "--catalog /dev/zero: een tekenapparaat (character device), geen gewoon bestand"},
		{"ja", "/dev/zero", "--catalog /dev/zero: キャラクター デバイスであり"},
		{"en", dir, "--catalog " + dir + ": a directory, not a regular file: not opened"},
		{"nl", dir, "--catalog " + dir + ": een map, geen gewoon bestand: niet geopend"},
		{"ja", dir, "--catalog " + dir + ": ディレクトリであり、通常のファイルではありません"},
	} {
		t.Run(tt.lang+" "+filepath.Base(tt.catalog), func(t *testing.T) {
			for _, args := range [][]string{
				{"triage", fixture("catalog", "host.xml")},
				{"catalog", "list"},
			} {
				args = append([]string{"--lang", tt.lang, "--catalog", tt.catalog}, args...)
				var stdout, stderr strings.Builder
				code := regulartest.NoHang(t, "eventlens", func() int {
					return run(args, strings.NewReader(""), &stdout, &stderr)
				})
				if code != exitError || stdout.Len() != 0 || !strings.Contains(stderr.String(), tt.want) {
					t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d saying %q", args, code, stdout.String(), stderr.String(), exitError, tt.want)
				}
			}
		})
	}
}
