package i18n

import (
	"errors"
	"eventlens/i18n/reason"
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
		if err := x.CheckJapanese(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		en := verbRE.FindAllString(x.EN, -1)
		for _, l := range []Lang{JA, NL} {
			if got := verbRE.FindAllString(x.In(l), -1); !slices.Equal(got, en) {
				t.Errorf("%s: %s has verbs %v, English %v", name, l, got, en)
			}
		}
	}
}

// TestLabelsComplete checks the class, level and confidence labels.
func TestLabelsComplete(t *testing.T) {
	for name, x := range labelTexts() {
		if err := errors.Join(x.Check(), x.CheckJapanese()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestNouns(t *testing.T) {
	for name, x := range nounTexts() {
		if err := errors.Join(x.Check(), x.CheckJapanese()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	tests := []struct {
		noun Noun
		n    int
		lang Lang
		want string
	}{
		{Events, 0, EN, "0 events"},
		{Events, 1, EN, "1 event"},
		{Events, 2, EN, "2 events"},
		{Events, 1234, EN, "1,234 events"},
		{Events, 1, NL, "1 gebeurtenis"},
		{Events, 1234567, NL, "1.234.567 gebeurtenissen"},
		{Events, 1, JA, "1 件"},
		{Events, 12345, JA, "12,345 件"},
		{Files, 1, EN, "1 file"},
		{Files, 3, NL, "3 bestanden"},
		{Files, 1, JA, "1 個のファイル"},
		{Entries, 1, EN, "1 entry"},
		{Problems, 2, JA, "問題 2 件"},
	}
	for _, tt := range tests {
		if got := tt.noun.In(tt.n, tt.lang); got != tt.want {
			t.Errorf("%s %d %v = %q, want %q", tt.noun.key, tt.n, tt.lang, got, tt.want)
		}
	}
	for _, tt := range []struct {
		n    int
		lang Lang
		want string
	}{{-1234, EN, "-1,234"}, {999, NL, "999"}, {1000, NL, "1.000"}, {1000000, JA, "1,000,000"}} {
		if got := Int(tt.n, tt.lang); got != tt.want {
			t.Errorf("Int(%d, %v) = %q, want %q", tt.n, tt.lang, got, tt.want)
		}
	}
}

// TestReasonsComplete checks that every reason the model gives is said in
// every language, with the same arguments.
func TestReasonsComplete(t *testing.T) {
	for _, k := range reason.Kinds() {
		if err := errors.Join(reasonText(k).Check(), reasonText(k).CheckJapanese()); err != nil {
			t.Errorf("reason %d: %v", k, err)
		}
	}
	if got := Say(reason.New(reason.BadID, `"abc"`), JA); got != `id: "abc" はイベント ID（0–65535）でも 4000-4100 のような範囲でもありません` {
		t.Errorf("Say: %q", got)
	}
}
