package filterline

import (
	"testing"

	"eventlens/i18n"
	"eventlens/ui/common"
	"eventlens/ui/keymap"
	"eventlens/ui/styles"
)

// TestKeyMapInLanguage: every key the line's help shows is described in
// the viewer's language, none left in English.
func TestKeyMapInLanguage(t *testing.T) {
	en := map[string]string{}
	for _, l := range []i18n.Lang{i18n.EN, i18n.JA} {
		ctx := &common.Context{Lang: l, Keys: keymap.New(l), Styles: styles.New(true, true), NoColor: true}
		for _, b := range New(ctx).KeyMap() {
			h := b.Help()
			if l == i18n.EN {
				en[h.Key] = h.Desc
			} else if h.Desc == en[h.Key] {
				t.Errorf("%v: %s is described in English: %q", l, h.Key, h.Desc)
			}
		}
	}
}
