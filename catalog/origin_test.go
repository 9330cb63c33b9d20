package catalog

import (
	"testing"

	"eventlens/i18n"
	"eventlens/model"
)

// fakeDB is a message database that knows one event, with our own text.
type fakeDB struct{}

func (fakeDB) Render(ev *model.Event) (string, string, bool) {
	if ev.Provider == "Foo" || ev.Provider == "Microsoft-Windows-Winlogon" {
		return "database text", "en-US", true
	}
	return "", "", false
}

// The order of message sources: the log's own message in the chosen
// language, the catalog's template, the log's message in another language,
// a message database, the data.
func TestRenderOrigin(t *testing.T) {
	base, _ := Load()
	c := base.WithMessages(fakeDB{})
	tests := []struct {
		name string
		c    *Catalog
		ev   *model.Event
		lang i18n.Lang
		want model.Rendered
	}{
		{"log in the chosen language", c, withMsg(mk("Foo", 1, 0, "H"), "en-US", "as logged"), i18n.EN,
			model.Rendered{Text: "as logged", Origin: model.OriginLog, Culture: "en-US"}},
		{"catalog before database", c, mk("Microsoft-Windows-Winlogon", 6004, 0, "H", "TI"), i18n.NL,
			model.Rendered{Text: "De Winlogon-meldingsabonnee <TI> heeft een kritieke meldingsgebeurtenis niet kunnen verwerken.", Origin: model.OriginCatalog, Culture: "nl-NL"}},
		{"log in another language before database", c, withMsg(mk("Foo", 1, 0, "H"), "ja-JP", "ログ"), i18n.EN,
			model.Rendered{Text: "ログ", Origin: model.OriginLog, Culture: "ja-JP"}},
		{"database before data", c, mk("Foo", 1, 0, "H", "a"), i18n.JA,
			model.Rendered{Text: "database text", Origin: model.OriginDatabase, Culture: "en-US"}},
		{"data last", c, mk("Bar", 1, 0, "H", "a"), i18n.EN,
			model.Rendered{Text: "Bar 1: a", Origin: model.OriginData}},
		{"no database: nothing changes", base, mk("Foo", 1, 0, "H", "a"), i18n.EN,
			model.Rendered{Text: "Foo 1: a", Origin: model.OriginData}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Render(tt.ev, tt.lang); got != tt.want {
				t.Errorf("Render = %+v, want %+v", got, tt.want)
			}
			if got := tt.c.Message(tt.ev, tt.lang); got != tt.want.Text {
				t.Errorf("Message = %q, want Render's text", got)
			}
		})
	}
	if base.msgs != nil {
		t.Error("WithMessages changed the catalog it was called on")
	}
}
