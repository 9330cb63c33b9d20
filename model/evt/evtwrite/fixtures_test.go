package evtwrite

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestFixturesCurrent: the committed fixtures are what go generate writes
// now (regenerate with "go generate ./model/evt/...").
func TestFixturesCurrent(t *testing.T) {
	fx, err := Fixtures()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fx {
		b, err := os.ReadFile(filepath.Join(FixtureDir, f.Name))
		if err != nil {
			t.Fatalf("%v (run go generate ./model/evt/...)", err)
		}
		if !bytes.Equal(b, f.Data) {
			t.Errorf("%s is stale: run go generate ./model/evt/...", f.Name)
		}
	}
}
