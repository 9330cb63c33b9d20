package ui

import (
	"context"
	"eventlens/ui/components/exportdialog"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
)

// vmsmp32 is a catalog event: VMSMP 32, a NIC that could not be connected
// to a virtual switch port.
func vmsmp32(at time.Time) model.Event {
	return model.Event{
		File: "host.evtx", RecordID: 9001, Time: at, Level: model.LevelError, Provider: "VMSMP",
		EventID: 32, Channel: "System", Computer: "HV01.contoso.local", Decoded: true,
		Data: []model.Data{{Value: "NIC1"}, {Value: "Port1"}},
	}
}

func TestCatalogDetail(t *testing.T) {
	cat := catalog.Builtin()
	evs := append(synthEvents(100, 20), vmsmp32(testBase.Add(time.Hour)))
	m := newTestModel(t, evs, 100, 200, func(c *Config) {
		c.Catalog = cat
		c.Lang = i18n.JA
		c.Classification = cat.NewClassification()
		c.Classification.ClassifyAll(c.Store)
	})
	press(t, m, "/")
	typeText(t, m, "src:vmsmp id:32")
	press(t, m, "enter")
	if len(m.list.Rows()) != 1 {
		t.Fatalf("%d rows", len(m.list.Rows()))
	}
	press(t, m, "enter")
	s := frameText(m)
	for _, want := range []string{"NIC を仮想スイッチのポートに接続できない", "カタログ", "対処", "出典", "システム", "確度：中"} {
		if !strings.Contains(s, want) {
			t.Errorf("detail lacks %q:\n%s", want, s)
		}
	}
	press(t, m, "L") // nl
	if s := frameText(m); !strings.Contains(s, "NIC kan niet worden verbonden") || strings.Contains(s, ": high") {
		t.Errorf("detail not in Dutch:\n%s", frameText(m))
	}
}

// TestTeatest drives the real program: a streaming load with the built-in
// catalog, the filter line, the detail pane in Japanese, then q twice
// (back, quit). The final frame is a golden file.
func TestTeatest(t *testing.T) {
	evs := append(synthEvents(500, 21), vmsmp32(testBase.Add(30*time.Minute)))
	cfg := Config{
		Lang: i18n.JA, Catalog: catalog.Builtin(), NoColor: true, Location: time.UTC,
		Now: func() time.Time { return testNow },
		Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
			for i := 0; i < len(evs); i += 100 {
				j := min(i+100, len(evs))
				batch := append([]model.Event(nil), evs[i:j]...)
				emit(model.Update{Events: batch, Progress: model.Progress{BytesDone: int64(j), BytesTotal: int64(len(evs)), Events: j}})
			}
			return []model.FileReport{{Path: "host.evtx", Format: "evtx", RecordsDecoded: len(evs)}}, nil
		},
	}
	tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(100, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "501") },
		teatest.WithDuration(patience))
	tm.Type("/src:vmsmp id:32")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	// The detail pane names the catalog entry once the catalog's final pass
	// has classified the event: q sent before then would end the program
	// with the events still unclassified.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "nec.vmsmp-32") },
		teatest.WithDuration(patience))
	tm.Type("q")
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(patience)).(*Model)
	if final.list.FilterText() != "src:vmsmp id:32" || len(final.list.Rows()) != 1 {
		t.Fatalf("filter %q, %d rows", final.list.FilterText(), len(final.list.Rows()))
	}
	if final.Store.At(int(final.list.Rows()[0])).Class == model.ClassUnknown {
		t.Error("the UI did not classify the loaded events")
	}
	golden.RequireEqual(t, []byte(frameText(final)))
}

func TestExportMarkdown(t *testing.T) {
	dir := t.TempDir()
	cat := catalog.Builtin()
	evs := append(synthEvents(50, 25), vmsmp32(testBase.Add(time.Hour)))
	m := newTestModel(t, evs, 100, 30, func(c *Config) {
		c.Catalog, c.ExportDir, c.Lang = cat, dir, i18n.NL
		c.Classification = cat.NewClassification()
		c.Classification.ClassifyAll(c.Store)
	})
	press(t, m, "e", "down", "left") // CSV wraps round to Markdown
	if m.export.Format() != exportdialog.Markdown {
		t.Fatalf("format %d", m.export.Format())
	}
	path := m.export.Path()
	if !strings.HasSuffix(path, ".md") {
		t.Fatalf("path %q", path)
	}
	press(t, m, "enter")
	if m.export != nil {
		t.Fatalf("export failed: %s", m.export.Err())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# ") || !strings.Contains(string(b), "nec.vmsmp-32") {
		t.Errorf("not a triage report:\n%s", b)
	}
	// The same report as the triage command's: the novelty section too.
	if !strings.Contains(string(b), "\n## Nieuw en ongewoon") {
		t.Errorf("no novelty section:\n%s", b)
	}
}
