package query

import (
	"testing"

	"eventlens/model/store"
	"eventlens/model/synth"
)

func TestNarrows(t *testing.T) {
	tests := []struct {
		prev, q string
		want    bool
	}{
		{"", "anything", true},
		{"serv", "service", true},
		{"service", "serv", false},
		{"serv", "serv level:error", true},
		{"serv level:error", "serv", false},
		{"id:2", "id:26", false},
		{"id:20-30", "id:26", true},
		{"id:20-30,40", "id:40,21-22", true},
		{"-id:26", "-id:26,27", true},
		{"-id:26,27", "-id:26", false},
		{"-foo", "-foob", false},
		{"-foob", "-foo", true},
		{"level:error,warning", "level:error", true},
		{"level:error", "level:error,warning", false},
		{"-level:error", "-level:error,warning", true},
		{"class:known", "class:known-issue", true},
		{"-class:unknown", "-class:unknown,harmless", true},
		{"src:hyper", "src:hyper-v", true},
		{"src:hyper", "ch:hyper-v", false},
		{"data.x:a", "data.x:ab", true},
		{"data.x:a", "data.y:ab", false},
		{"after:2011-06-01", "after:2011-06-02", true},
		{"after:2011-06-02", "after:2011-06-01", false},
		{"before:2011-06-02", "before:2011-06-01", true},
		{"-after:2011-06-01", "-after:2011-05-01", true},
		{"a b", "b a", true},
		{"vm:web0", "vm:web01", true},
		{"vm:web", "vm:web01", false}, // vm:web01 also reads IDs
		{"vm:web01", "vm:web0", false},
		{"-vm:web01", "-vm:web01", true},
		{`"a b"`, `"a b c"`, true},
	}
	for _, tt := range tests {
		prev, q := MustParse(tt.prev, now), MustParse(tt.q, now)
		if got := q.Narrows(prev); got != tt.want {
			t.Errorf("%q.Narrows(%q) = %v, want %v", tt.q, tt.prev, got, tt.want)
		}
	}
}

// TestNarrowsSound checks on synthetic events that whenever Narrows holds,
// Narrow over the previous result equals a fresh Select.
func TestNarrowsSound(t *testing.T) {
	s := store.New()
	s.Add(synth.Events(20_000, 3))
	pool := []string{
		"", "s", "se", "service", "-s", "-se", "id:4624", "id:4000-5000", "-id:4624", "level:error", "level:error,warning",
		"-level:information", "src:hyper", "src:hyper-v", "class:known-issue", "-class:unknown", "data.TargetUserName:a",
		"data.TargetUserName:adm", "after:2011-06-02", "after:2011-06-03", "before:2011-06-05", "-before:2011-06-02",
		"host:win", "host:win-8", "admin logon", "admin",
	}
	proven := 0
	for _, a := range pool {
		for _, b := range pool {
			prev, q := MustParse(a, now), MustParse(b, now)
			if !q.Narrows(prev) {
				continue
			}
			proven++
			want := Select(s, q, nil)
			got := Narrow(s, q, Select(s, prev, nil), nil)
			if len(got) != len(want) {
				t.Errorf("%q narrows %q, but Narrow gives %d events and Select %d", b, a, len(got), len(want))
			}
		}
	}
	if proven < 50 {
		t.Errorf("only %d pairs proven; the test exercises too little", proven)
	}
}
