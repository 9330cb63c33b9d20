package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeBlock returns the first fenced block of README.md that follows
// after (or the first opened by fence, when after is empty).
func readmeBlock(t *testing.T, after, fence string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if after != "" {
		i := strings.Index(s, after)
		if i < 0 {
			t.Fatalf("README.md lacks %q", after)
		}
		s = s[i:]
	}
	i := strings.Index(s, fence+"\n")
	if i < 0 {
		t.Fatalf("no %s block in README.md", fence)
	}
	s = s[i+len(fence)+1:]
	return s[:strings.Index(s, "```")]
}

// TestReadmeExample keeps the catalog example in the project README valid.
func TestReadmeExample(t *testing.T) {
	p := writeTemp(t, "our-runbook.yaml", readmeBlock(t, "", "```yaml"))
	if err := Check(p); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil || c.Entry("ours.vmms-16040") == nil {
		t.Fatalf("example not loaded: %v", err)
	}
}

// TestReadmeCheckExample makes the README's example of catalog check
// the real output: the runbook example with four mistakes, of which a
// wrong type and an unknown key must not hide the others.
func TestReadmeCheckExample(t *testing.T) {
	yml := readmeBlock(t, "", "```yaml")
	for _, r := range [][2]string{
		{"event_id: 16040\n", "event_id: abc\n"},
		{"class: known-issue\n", "class: knownissue\n"},
		{"    remedy:\n", "    verdikt: x\n    remedy:\n"},
		{"      nl: Zet de rechten terug volgens draaiboek 4.2.\n", ""},
	} {
		if !strings.Contains(yml, r[0]) {
			t.Fatalf("README example lacks %q", r[0])
		}
		yml = strings.Replace(yml, r[0], r[1], 1)
	}
	want := readmeBlock(t, "saved as `bad.yaml`", "```")
	t.Chdir(t.TempDir())
	if err := os.WriteFile("bad.yaml", []byte(yml), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Check("bad.yaml")
	if err == nil {
		t.Fatal("no errors")
	}
	want = strings.TrimPrefix(want, "$ eventlens catalog check bad.yaml\n")
	want = strings.TrimSuffix(want, "eventlens: catalog check failed\n")
	if got := err.Error() + "\n"; got != want {
		t.Errorf("catalog check output differs from README.md:\ngot:\n%s\nREADME:\n%s", got, want)
	}
}
