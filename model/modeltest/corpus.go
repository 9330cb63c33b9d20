package modeltest

import (
	"os"
	"path/filepath"
	"testing"
)

// CorpusEVTX returns the .evtx files of $EVENTLENS_CORPUS, or skips the
// test saying how to run it. Under -short (the race detector's run in CI)
// it leaves out files over 4 MB, which take minutes there; the plain run
// has them all.
func CorpusEVTX(t testing.TB) []string {
	t.Helper()
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		t.Skip("EVENTLENS_CORPUS is not set; set it to a directory of .evtx files (../shared/corpus) to run the corpus tests")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.evtx"))
	if err != nil || len(files) == 0 {
		t.Skipf("EVENTLENS_CORPUS=%s holds no .evtx files", dir)
	}
	if !testing.Short() {
		return files
	}
	var small []string
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.Size() > 4<<20 {
			t.Logf("-short: %s (%d MB) left out", filepath.Base(f), fi.Size()>>20)
			continue
		}
		small = append(small, f)
	}
	return small
}
