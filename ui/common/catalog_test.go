package common

import (
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
)

// TestExplainSaysConditionOnce: the detail pane of an undecided
// conditional event says its condition once, in the verdict.
func TestExplainSaysConditionOnce(t *testing.T) {
	ev := &model.Event{Provider: "Netvsc", EventID: 13, Computer: "W2003-GUEST", Decoded: true, Level: model.LevelError}
	cl := catalog.Builtin().NewClassification()
	cl.Classify([]*model.Event{ev})
	e := catalog.Builtin().Entry("nec.netvsc-13")
	for _, l := range i18n.Langs {
		var all []string
		for _, s := range (CatalogKnowledge{C: cl}).Explain(ev, l) {
			all = append(all, s.Body)
		}
		text := strings.Join(all, "\n")
		if !strings.Contains(text, e.Verdict.In(l)) || strings.Contains(text, e.Condition.Text.In(l)) {
			t.Errorf("%v: want the verdict and not the condition beside it:\n%s", l, text)
		}
	}
}

// TestExplainJapanesePunctuation: the Japanese detail pane writes its
// source and applies-to sections with Japanese punctuation only, and does
// not repeat the year the document's title already gives (issue 13 item 13).
func TestExplainJapanesePunctuation(t *testing.T) {
	ev := &model.Event{Provider: "VMSMP", EventID: 26, Computer: "HV01", Decoded: true, Level: model.LevelError}
	cl := catalog.Builtin().NewClassification()
	cl.Classify([]*model.Event{ev})
	secs := map[string]string{}
	for _, s := range (CatalogKnowledge{C: cl}).Explain(ev, i18n.JA) {
		secs[s.Title] = s.Body
	}
	src, applies := secs[i18n.UI.SecSource.JA], secs[i18n.UI.SecAppliesTo.JA]
	if src == "" || applies == "" {
		t.Fatalf("sections missing: %q", secs)
	}
	first := strings.Split(src, "\n")[0]
	if strings.ContainsAny(first, "(),;") || strings.Count(first, "2011") != 1 {
		t.Errorf("source line %q: want Japanese parentheses and the year once", first)
	}
	if strings.ContainsAny(applies, "(),;") || !strings.Contains(applies, "、") {
		t.Errorf("applies-to %q: want Japanese punctuation", applies)
	}
}
