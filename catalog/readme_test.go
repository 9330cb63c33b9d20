package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeExample keeps the catalog example in the project README valid.
func TestReadmeExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "```yaml\n")
	if i < 0 {
		t.Fatal("no yaml example in README.md")
	}
	s = s[i+len("```yaml\n"):]
	s = s[:strings.Index(s, "```")]
	p := writeTemp(t, "our-runbook.yaml", s)
	if err := Check(p); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil || c.Entry("ours.vmms-16040") == nil {
		t.Fatalf("example not loaded: %v", err)
	}
}
