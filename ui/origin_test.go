package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/msgdb"
	"eventlens/model/msgdb/msgdbtest"
)

// TestDetailMessageOrigin drives the real program: an EVTX-like event
// whose message comes from a message database, and one whose log carried
// its message; the detail pane says where each message came from.
func TestDetailMessageOrigin(t *testing.T) {
	p := filepath.Join(t.TempDir(), "m.db")
	if err := msgdbtest.Write(p, msgdbtest.Options{Language: "en-US"},
		msgdbtest.Template{Provider: "Test-Service-Manager", EventID: 7036, Message: "Unit %1 is now %2.%n"}); err != nil {
		t.Fatal(err)
	}
	db, err := msgdb.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs := []model.Event{
		{File: "s.evtx", RecordID: 1, Time: testBase, Level: model.LevelInformation, Provider: "Test-Service-Manager",
			EventID: 7036, Decoded: true, Data: []model.Data{{Name: "param1", Value: "Print Queue"}, {Name: "param2", Value: "running"}}},
		{File: "s.xml", RecordID: 2, Time: testBase.Add(time.Minute), Level: model.LevelInformation, Provider: "Other",
			EventID: 1, Decoded: true, Message: "Carried by the log.", MessageCulture: "en-US"},
	}
	cfg := Config{
		Lang: i18n.EN, Catalog: catalog.Builtin().WithMessages(db), NoColor: true, Location: time.UTC,
		Now: func() time.Time { return testNow },
		Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
			emit(model.Update{Events: append([]model.Event(nil), evs...)})
			return []model.FileReport{{Path: "s.evtx", Format: "evtx", RecordsDecoded: 2}}, nil
		},
	}
	tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(120, 30))
	wait := func(want ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			for _, w := range want {
				if !strings.Contains(string(b), w) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(patience))
	}
	wait("Unit Print Queue is now running.") // the list shows the database's text
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	wait("Message from a message database (--messages) (en-US)")
	tm.Type("q")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyDown})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	wait("Carried by the log.", "the log itself (en-US)") // the screen is redrawn where it changed
	tm.Type("q")
	tm.Type("q")
	tm.FinalModel(t, teatest.WithFinalTimeout(patience))
}
