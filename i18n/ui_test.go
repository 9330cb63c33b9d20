package i18n

import (
	"reflect"
	"slices"
	"testing"
)

// TestUIComplete checks that every UI string exists in every language and
// takes the same format arguments in each.
func TestUIComplete(t *testing.T) {
	v := reflect.ValueOf(UI)
	typ := v.Type()
	if typ.NumField() == 0 {
		t.Fatal("no UI strings")
	}
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		x, ok := v.Field(i).Interface().(Text)
		if !ok {
			t.Fatalf("%s is not a Text", name)
		}
		if !x.Complete() {
			t.Errorf("%s is missing a language: %+v", name, x)
			continue
		}
		en := verbRE.FindAllString(x.EN, -1)
		for _, l := range []Lang{JA, NL} {
			if got := verbRE.FindAllString(x.In(l), -1); !slices.Equal(got, en) {
				t.Errorf("%s: %s has verbs %v, English %v", name, l, got, en)
			}
		}
	}
}
