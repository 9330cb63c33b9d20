package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
)

// TestConditionSaidOnce: a conditional entry's condition is said once, by
// its verdict, never again beside it ("Harmless if: …" then "Verdict:
// Harmless if …"), in the triage text, the Markdown report and catalog show.
func TestConditionSaidOnce(t *testing.T) {
	events := []*model.Event{mk("Netvsc", 13, 0, "W2003-GUEST")} // undecided: no later restart
	cl := classify(events)
	if events[0].Class != model.ClassConditional {
		t.Fatalf("Netvsc 13 classified %v, want conditional", events[0].Class)
	}
	e := catalog.Builtin().Entry("nec.netvsc-13")
	squeeze := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	for _, l := range i18n.Langs {
		var txt, md, show bytes.Buffer
		if err := Triage(&txt, cl, slices.Values(events), nil, l); err != nil {
			t.Fatal(err)
		}
		if err := Markdown(&md, cl, slices.Values(events), l); err != nil {
			t.Fatal(err)
		}
		if err := CatalogEntry(&show, catalog.Builtin(), e.ID, l); err != nil {
			t.Fatal(err)
		}
		for name, out := range map[string]string{"triage": txt.String(), "markdown": md.String(), "catalog show": show.String()} {
			out = squeeze(out)
			if n := strings.Count(out, squeeze(e.Verdict.In(l))); n != 1 {
				t.Errorf("%v %s: verdict said %d times", l, name, n)
			}
			if strings.Contains(out, squeeze(e.Condition.Text.In(l))) {
				t.Errorf("%v %s: condition said beside the verdict", l, name)
			}
		}
	}
}
