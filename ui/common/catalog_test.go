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
