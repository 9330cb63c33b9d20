package catalog

import (
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/store"
)

// staticDB is fakeDB that also gives its template's text to searches.
type staticDB struct{ fakeDB }

func (staticDB) Static(ev *model.Event) (string, bool) {
	if _, _, ok := (fakeDB{}).Render(ev); ok {
		return "database text", true
	}
	return "", false
}

// A word finds an event when it is in the text Render shows for it, also
// where that text comes from a template: the catalog's in the chosen
// language, or a database's for events the catalog has none for.
func TestTemplatesSearch(t *testing.T) {
	base, _ := Load()
	c := base.WithMessages(staticDB{})
	winlogon := mk("Microsoft-Windows-Winlogon", 6004, 0, "H", "TI")
	foo := mk("Foo", 1, time.Second, "H", "a")
	bar := mk("Bar", 1, 2*time.Second, "H", "a")
	evs := []*model.Event{winlogon, foo, bar}
	c.NewClassification().Classify(evs)
	s := store.New()
	for _, ev := range evs {
		s.Add([]model.Event{*ev})
	}
	tests := []struct {
		c    *Catalog
		lang i18n.Lang
		q    string
		want []*model.Event
	}{
		{c, i18n.NL, "meldingsabonnee", []*model.Event{winlogon}},
		{c, i18n.EN, "meldingsabonnee", nil}, // another language's template
		{c, i18n.EN, `"database text"`, []*model.Event{foo}},
		{c, i18n.NL, "-database", []*model.Event{winlogon, bar}},
		{base, i18n.EN, "database", nil}, // no database: nothing changes
	}
	for _, tt := range tests {
		tm := tt.c.Templates(tt.lang)
		tm.Update(s)
		q := query.MustParse(tt.q, t0).WithTemplates(tm)
		var got []*model.Event
		for _, i := range query.Select(s, q, nil) {
			got = append(got, evs[i])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q: %d events, want %d", tt.lang, tt.q, len(got), len(tt.want))
		}
		for _, ev := range evs {
			shown := strings.Contains(strings.ToLower(tt.c.Message(ev, tt.lang)), strings.Trim(strings.TrimPrefix(tt.q, "-"), `"`))
			if want := slices.Contains(tt.want, ev); shown != want != strings.HasPrefix(tt.q, "-") {
				t.Errorf("%s %q: the message shown %q disagrees with the search", tt.lang, tt.q, tt.c.Message(ev, tt.lang))
			}
		}
	}
}
