package catalog

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestCatalogBounds: a catalog file too large or nested too deeply is
// refused before the YAML parser sees it, at a cost linear in its size
// (issue 14 item 9: 200 KB of "[" grew to 4.9 GB).
func TestCatalogBounds(t *testing.T) {
	cases := []struct {
		name, src, want string
	}{
		{"flow", "document: x\nentries: " + strings.Repeat("[", 200<<10), "nested [ or {"},
		{"flow maps", "document: x\nentries: " + strings.Repeat("{a: ", 50<<10), "nested [ or {"},
		{"block", "document: x\nentries:\n" + strings.Repeat("- ", 100<<10) + "x\n", "nested deeper"},
		{"indent", "document: x\nentries:\n" + strings.Repeat(" ", 100<<10) + "x\n", "nested deeper"},
		{"size", "document: x\n#" + strings.Repeat("x", maxCatalogBytes), "larger than"},
	}
	for _, c := range cases {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := parse("c.yaml", []byte(c.src))
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.want)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
			t.Errorf("%s: refusing %d KB allocated %d KB", c.name, len(c.src)>>10, n>>10)
		}
	}
	// Real catalogs pass.
	for _, name := range BuiltinFiles() {
		b, _ := BuiltinFile(name)
		if err := checkBounds(name, b); err != nil {
			t.Errorf("built-in %s refused: %v", name, err)
		}
	}
	// A huge file is not read whole.
	big := filepath.Join(t.TempDir(), "big.yaml")
	f, _ := os.Create(big)
	f.Truncate(1 << 30)
	f.Close()
	if _, err := parseFile(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("1 GiB file: %v", err)
	}
}

// TestCatalogErrorsSanitised: a key or value carrying terminal controls
// reaches "catalog check" output as visible placeholders (issue 14 item 9:
// an unknown key set the terminal title).
func TestCatalogErrorsSanitised(t *testing.T) {
	for _, src := range []string{
		"document: x\nentries: []\n\x1b]0;pwned\x07: 1\n",
		"document: x\nentries:\n  - id: a\n    \x1b[2Jbad\u202e: 1\n",
		"\x1b]0;pwned\x07",
	} {
		_, err := parse("c\x1b[31m.yaml", []byte(src))
		if err == nil {
			t.Fatalf("%q accepted", src)
		}
		if msg := err.Error(); strings.ContainsAny(msg, "\x1b\x07\u202e") {
			t.Errorf("raw control in %q", msg)
		}
	}
}
