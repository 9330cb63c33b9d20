package i18n

import "testing"

func TestPunctuation(t *testing.T) {
	items := []string{"a", "b"}
	tests := []struct {
		l                           Lang
		paren, list, names, clauses string
	}{
		{EN, "x (y)", "a, b", "a, b", "a; b"},
		{NL, "x (y)", "a, b", "a, b", "a; b"},
		{JA, "x（y）", "a、b", "a・b", "a、b"},
	}
	for _, tt := range tests {
		if got := "x" + Paren("y", tt.l); got != tt.paren {
			t.Errorf("%v Paren: %q", tt.l, got)
		}
		if got := List(items, tt.l); got != tt.list || got != ListText(items).In(tt.l) {
			t.Errorf("%v List: %q", tt.l, got)
		}
		if got := Names(items, tt.l); got != tt.names {
			t.Errorf("%v Names: %q", tt.l, got)
		}
		if got := Clauses(items, tt.l); got != tt.clauses || "a"+ClauseSep(tt.l)+"b" != got {
			t.Errorf("%v Clauses: %q", tt.l, got)
		}
	}
}
