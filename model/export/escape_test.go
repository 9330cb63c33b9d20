package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"eventlens/model"
)

// hostile holds what a log may carry to attack a terminal: OSC 0 (title),
// OSC 52 (clipboard), CSI, DEL, a C1 CSI, bidi overrides and isolates, a
// line separator.
const hostile = "a\x1b]0;pwned\x07b\x1b]52;c;ZWNobyBoaQ==\x07\x1b[?1049h\x7f\u009b31m\u202eevil\u2066\u200f\u2028z"

// TestJSONEscapesControls: JSON Lines and ECS write every control, bidi
// control and separator as \uXXXX, always, and stay valid JSON that decodes
// to the raw value (issue 14 item 6).
func TestJSONEscapesControls(t *testing.T) {
	ev := fixture()[0]
	ev.Computer = hostile
	ev.Message = hostile
	ev.Data = []model.Data{{Name: hostile, Value: hostile}}
	for _, f := range []Format{JSONL, ECS} {
		var buf bytes.Buffer
		if err := Write(&buf, f, slices.Values([]*model.Event{ev}), Options{}); err != nil {
			t.Fatal(err)
		}
		out := buf.Bytes()
		for _, raw := range []string{"\x1b", "\x07", "\x7f", "\u009b", "\u202e", "\u2066", "\u200f", "\u2028"} {
			if bytes.Contains(out, []byte(raw)) {
				t.Errorf("%v: raw %q in output", f, raw)
			}
		}
		for _, esc := range []string{`\u001b`, `\u007f`, `\u009b`, `\u202e`, `\u2066`} {
			if !bytes.Contains(out, []byte(esc)) {
				t.Errorf("%v: no %s in output", f, esc)
			}
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		found := false
		for sc.Scan() {
			var v map[string]any
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				t.Fatalf("%v: invalid JSON %v: %s", f, err, sc.Bytes())
			}
			found = found || strings.Contains(sc.Text(), "evil") && strings.Contains(mustJSON(t, v), "\u202eevil")
		}
		if !found {
			t.Errorf("%v: the raw value did not survive a round trip", f)
		}
	}
}

// mustJSON re-encodes v without escaping, to look for the raw value.
func mustJSON(t *testing.T, v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
