package report

import (
	"context"
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/store"
)

func demoStore(t *testing.T) *store.Store {
	t.Helper()
	var evs []model.Event
	_, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource(demo.Name, demo.Bytes())},
		model.LoadOptions{}, func(u model.Update) { evs = append(evs, u.Events...) })
	if err != nil {
		t.Fatal(err)
	}
	s := store.New()
	s.Add(evs)
	catalog.Builtin().NewClassification().ClassifyAll(s)
	return s
}

// TestNews checks the triage's floods and novelty sections on the demo:
// each flooding kind once with its count and span, and the NTFS burst
// first among the unknown errors, with its first time, count, computer
// and reasons.
func TestNews(t *testing.T) {
	s := demoStore(t)
	for _, lang := range i18n.Langs {
		var b strings.Builder
		if err := News(&b, s, s.Order(), lang); err != nil {
			t.Fatal(err)
		}
		out := strings.ReplaceAll(b.String(), "\n      ", " ") // undo the wrapping
		if testing.Verbose() {
			t.Log("\n" + out)
		}
		if lang != i18n.EN {
			continue
		}
		for _, want := range []string{
			"Floods (runs of one kind",
			"Schannel 36888 (error, Unknown) — 64× in 2 runs, 2011-03-08 03:",
			"on WEB01.contoso.local",
			"New and unusual",
			"  Microsoft-Windows-Ntfs 55 (error) — 4×, first 2011-03-10 15:",
			"on LEGACY03.contoso.local — new in the second half of the span · on 1 of 6 computers · burst: 4 in one hour",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("lacks %q:\n%s", want, out)
			}
		}
		if strings.Count(out, "Schannel 36888 (error, Unknown)") != 1 {
			t.Errorf("the Schannel flood is listed more than once:\n%s", out)
		}
	}
}
