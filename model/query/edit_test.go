package query

import "testing"

func TestWith(t *testing.T) {
	tests := []struct {
		text, key, value string
		exclude          bool
		want             string
	}{
		{"", "id", "26", false, "id:26"},
		{"id:26", "id", "27", false, "id:27"},
		{"sql id:26", "id", "26", true, "sql -id:26"},
		{"-id:26", "id", "26", false, "id:26"},
		{"ID:26 Vmms", "id", "26", true, "Vmms -id:26"},
		{"", "src", "Service Control Manager", false, `src:"Service Control Manager"`},
		{"", "host", `a"b\c`, true, `-host:a"b\c`},
		{"", "host", `"x y`, false, `host:"\"x y"`},
		{`src:"a b" x`, "src", "c", false, "x src:c"},
		{`-src:a x`, "src", "c", false, "-src:a x src:c"},
		{"after:2011-06-01", "after", "2011-06-02T00:00:00Z", false, "after:2011-06-02T00:00:00Z"},
	}
	for _, tt := range tests {
		got, err := MustParse(tt.text, now).With(tt.key, tt.value, tt.exclude)
		if err != nil || got != tt.want {
			t.Errorf("%q.With(%s, %q, %v) = %q, %v; want %q", tt.text, tt.key, tt.value, tt.exclude, got, err, tt.want)
		}
		if _, err := Parse(got, now); err != nil {
			t.Errorf("With produced an invalid query %q: %v", got, err)
		}
	}
	var empty *Query
	if got, _ := empty.With("id", "7", false); got != "id:7" {
		t.Errorf("nil query With: %q", got)
	}
	if _, err := empty.With("nosuchfield", "7", false); err == nil {
		t.Error("With accepted an unknown field")
	}
}

func TestToggleHasWithout(t *testing.T) {
	q := MustParse("a -Class:Harmless -class:unknown level:error", now)
	if !q.Has("-class:harmless") || q.Has("class:harmless") || q.Has("-class:update") {
		t.Error("Has compares terms wrongly")
	}
	if got, _ := q.Toggle("-class:harmless"); got != "a -class:unknown level:error" {
		t.Errorf("Toggle removed: %q", got)
	}
	if got, _ := q.Toggle("-class:update"); got != "a -Class:Harmless -class:unknown level:error -class:update" {
		t.Errorf("Toggle added: %q", got)
	}
	if got := q.Without("class", true); got != "a level:error" {
		t.Errorf("Without: %q", got)
	}
	if got := q.Without("level", true); got != q.String() && got != "a -Class:Harmless -class:unknown level:error" {
		t.Errorf("Without negated level removed an include: %q", got)
	}
	if got := q.Terms(); len(got) != 4 || got[1] != "-Class:Harmless" {
		t.Errorf("Terms: %q", got)
	}
}
