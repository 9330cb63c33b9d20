package sanitize

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestWriter: text written in any pieces comes out as Multiline shows the
// whole, even when a rune or a CR LF is split between writes.
func TestWriter(t *testing.T) {
	in := "title\x1b]0;pwned\x07 clip\x1b]52;c;eA==\x07 日本\u202eevil\r\nnext\rline\x9b\tend\xe6"
	want := Multiline(in)
	for _, size := range []int{1, 2, 3, 5, len(in)} {
		var b strings.Builder
		w := NewWriter(&b)
		for i := 0; i < len(in); i += size {
			if _, err := w.Write([]byte(in[i:min(i+size, len(in))])); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		if b.String() != want {
			t.Errorf("pieces of %d: %q, want %q", size, b.String(), want)
		}
		if strings.ContainsAny(b.String(), "\x1b\x07\r\u202e") {
			t.Errorf("pieces of %d: raw control in %q", size, b.String())
		}
	}
}

// TestAppendJSON: what encoding/json leaves raw is escaped; the JSON stays
// valid and decodes to the same value.
func TestAppendJSON(t *testing.T) {
	v := "a\x1b[31m\x7f\u0085\u009b\u202e\u2066\u200f\u2028日本\U0001F600\n"
	raw, _ := json.Marshal(v)
	out := AppendJSON(nil, append(raw, '\n'))
	if strings.ContainsAny(string(out), "\x7f\u0085\u009b\u202e\u2066\u200f\u2028") {
		t.Errorf("raw control left in %s", out)
	}
	var back string
	if err := json.Unmarshal(out, &back); err != nil || back != v {
		t.Errorf("round trip: %q, %v", back, err)
	}
	if !strings.HasSuffix(string(out), "\n") || !strings.Contains(string(out), "日本\U0001F600") {
		t.Errorf("changed what it should keep: %s", out)
	}
}
