package styles

import (
	"strings"
	"testing"

	"eventlens/model"
)

func TestColours(t *testing.T) {
	dark, light := New(true, false), New(false, false)
	plain := New(true, true)
	for c := range model.ClassKnownIssue + 1 {
		if c != model.ClassUnknown && dark.RowClass[c] == light.RowClass[c] {
			t.Errorf("class %v: same colour on light and dark", c)
		}
		if strings.Contains(plain.RowClass[c], "38;") {
			t.Errorf("class %v: colour under NO_COLOR: %q", c, plain.RowClass[c])
		}
	}
	if plain.RowError == "" || strings.Contains(plain.RowError, "38;") {
		t.Errorf("unknown errors must stand out without colour: %q", plain.RowError)
	}
}
