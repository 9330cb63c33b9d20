package ui

import (
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
)

// TestListMarksMessageLanguage: with Japanese chosen, a VMSMP 26 row whose
// English message the log carried (our template's insertion order being
// unconfirmed) says which language it is in, beside Japanese rows; the
// detail pane still shows the message once (issue 13 item 20).
func TestListMarksMessageLanguage(t *testing.T) {
	cat := catalog.Builtin()
	ev := model.Event{
		File: "host.evtx", RecordID: 1, Time: testBase, Level: model.LevelError, Provider: "VMSMP", EventID: 26,
		Channel: "System", Computer: "HV01", Decoded: true, MessageCulture: "en-US",
		Message: "NIC driver on 'WEB01' cannot load because it is incompatible with the server virtualization stack.",
		Data:    []model.Data{{Value: "WEB01"}, {Value: "3.2"}, {Value: "0.1"}, {Value: "{id}"}},
	}
	m := newTestModel(t, []model.Event{ev}, 160, 30, func(c *Config) {
		c.Catalog, c.Lang = cat, i18n.JA
		c.Classification = cat.NewClassification()
		c.Classification.ClassifyAll(c.Store)
	})
	if s := frameText(m); !strings.Contains(s, "［英語］ NIC driver on 'WEB01'") {
		t.Errorf("row lacks the language mark:\n%s", s)
	}
	press(t, m, "enter")
	if s := frameText(m); strings.Count(s, "NIC driver on 'WEB01'") != 1 {
		t.Errorf("detail shows the message %d times:\n%s", strings.Count(s, "NIC driver on 'WEB01'"), s)
	}
}
