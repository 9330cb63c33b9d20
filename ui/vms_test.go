package ui

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/vm"
)

// demoEvents loads the demo log.
func demoEvents(t testing.TB) []model.Event {
	t.Helper()
	evs, err := demo.Events()
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// demoModel is the viewer on the classified demo.
func demoModel(t *testing.T, w, h int, tweak ...func(*Config)) *Model {
	cat := catalog.Builtin()
	return newTestModel(t, demoEvents(t), w, h, append([]func(*Config){func(c *Config) {
		c.Catalog = cat
		c.Classification = cat.NewClassification()
		c.Classification.ClassifyAll(c.Store)
	}}, tweak...)...)
}

// TestVMView opens V on the demo, filters to WEB01 with Enter, and checks
// the timeline holds its host events and its guest's, merged.
func TestVMView(t *testing.T) {
	m := demoModel(t, 120, 30)
	press(t, m, "V")
	s := frameText(m)
	for _, want := range []string{"Virtual machines: 7", "WS08SP2-FILE", "W2K3-ISCSI", "HV02", "l link guest logs"} {
		if !strings.Contains(s, want) {
			t.Errorf("V lacks %q:\n%s", want, s)
		}
	}
	press(t, m, "j", "j", "j", "enter") // WEB01
	if m.screen != screenList || m.list.FilterText() != "vm:8A9B0C1D-2E3F-4051-9263-748596A7B8C9" {
		t.Fatalf("screen %v, filter %q", m.screen, m.list.FilterText())
	}
	hosts, guests := 0, 0
	for _, r := range m.list.Matches() {
		switch m.Store.At(int(r)).Computer {
		case "HV01.contoso.local":
			hosts++
		case "WEB01.contoso.local":
			guests++
		default:
			t.Errorf("event of %s in WEB01's timeline", m.Store.At(int(r)).Computer)
		}
	}
	if hosts != 3 || guests < 100 {
		t.Errorf("WEB01's timeline: %d host and %d guest events", hosts, guests)
	}
	// Typing vm: in the filter line uses the same index (with the
	// catalog's knowledge: VMSMP 27 and storvsp 6 name WS08SP2-FILE only in
	// their insertion strings).
	press(t, m, "/")
	for range 60 {
		press(t, m, "backspace")
	}
	typeText(t, m, "vm:ws08sp2")
	press(t, m, "enter")
	if n := len(m.list.Matches()); n != 3 {
		t.Errorf("vm:ws08sp2 matches %d events, want 3", n)
	}
	// Esc leaves V without filtering.
	press(t, m, "V", "esc")
	if m.screen != screenList {
		t.Errorf("esc left screen %v", m.screen)
	}
}

// TestVMLinkRemembered links a computer by hand in V and finds the link in
// a new viewer of the same case.
func TestVMLinkRemembered(t *testing.T) {
	path := vm.LinksPath(t.TempDir(), []string{"case.evtx"})
	m := demoModel(t, 120, 30, func(c *Config) { c.VMLinks = path })
	press(t, m, "V", "j", "j", "j", "j", "l", "G", "enter") // WS08-APP ← XP-CLIENT
	if !strings.Contains(frameText(m), "XP-CLIENT (by hand)") {
		t.Fatalf("link not shown:\n%s", frameText(m))
	}
	again := demoModel(t, 120, 30, func(c *Config) { c.VMLinks = path })
	press(t, again, "V", "j", "j", "j", "j")
	if !strings.Contains(frameText(again), "XP-CLIENT (by hand)") {
		t.Errorf("link not remembered:\n%s", frameText(again))
	}
	if _, err := filepath.Abs(path); err != nil {
		t.Fatal(err)
	}
}

// TestFloodsFold checks the list folds the demo's Schannel flood into a
// row with its count and span, z unfolds it, Z everything, and the view's
// count, the summary and mark-all still cover every event.
func TestFloodsFold(t *testing.T) {
	m := demoModel(t, 140, 40)
	press(t, m, "/")
	typeText(t, m, "src:schannel id:36888")
	press(t, m, "enter")
	if len(m.list.Matches()) != 64 || len(m.list.Rows()) != 1 {
		t.Fatalf("%d matches in %d rows, want 64 in 1", len(m.list.Matches()), len(m.list.Rows()))
	}
	s := frameText(m)
	if !strings.Contains(s, "▸ ×64 2011-03-08 – 2011-03-10") || !strings.Contains(s, "64 of 579") {
		t.Errorf("folded rows:\n%s", s)
	}
	press(t, m, "z")
	if len(m.list.Rows()) != 64 || !strings.Contains(frameText(m), "▾ ×64") {
		t.Errorf("z: %d rows\n%s", len(m.list.Rows()), frameText(m))
	}
	press(t, m, "z")
	if len(m.list.Rows()) != 1 {
		t.Errorf("z again: %d rows", len(m.list.Rows()))
	}
	// Unfiltered, a busy stretch of other events splits the flood in two.
	press(t, m, "/")
	for range 30 {
		press(t, m, "backspace")
	}
	typeText(t, m, "src:schannel")
	press(t, m, "enter")
	if len(m.list.Matches()) != 128 || len(m.list.Rows()) != 2 {
		t.Errorf("src:schannel: %d matches in %d rows, want 128 in 2", len(m.list.Matches()), len(m.list.Rows()))
	}
	press(t, m, "Z")
	if len(m.list.Rows()) != 128 {
		t.Errorf("Z: %d rows", len(m.list.Rows()))
	}
	press(t, m, "Z", "M")
	if len(m.list.Marks()) != 128 {
		t.Errorf("mark all marked %d of 128", len(m.list.Marks()))
	}
	press(t, m, "S")
	if !strings.Contains(frameText(m), "Summary of 128 events") {
		t.Errorf("summary:\n%s", frameText(m))
	}
}

// TestTeatestVMs drives the real program into V and back with Enter.
func TestTeatestVMs(t *testing.T) {
	evs := demoEvents(t)
	cfg := Config{
		Lang: i18n.EN, Catalog: catalog.Builtin(), NoColor: true, Location: time.UTC,
		Now: func() time.Time { return testNow },
		Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
			emit(model.Update{Events: append([]model.Event(nil), evs...), Progress: model.Progress{Events: len(evs)}})
			return []model.FileReport{{Path: demo.Name, Format: "xml", RecordsDecoded: len(evs)}}, nil
		},
	}
	tm := teatest.NewTestModel(t, New(cfg), teatest.WithInitialTermSize(120, 30))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "579") },
		teatest.WithDuration(patience))
	tm.Type("V")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "W2K3-ISCSI") },
		teatest.WithDuration(patience))
	tm.Type("jj")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return strings.Contains(string(b), "vm:3C4D5E6F") },
		teatest.WithDuration(patience))
	tm.Type("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(patience)).(*Model)
	if n := len(final.list.Matches()); n != 2 {
		t.Errorf("W2K3-ISCSI's timeline has %d events, want its 2 failed backups", n)
	}
}

// TestFoldWhileLoading streams a flood in batches: the list folds it as it
// grows, z works in the middle of the load, and the load's end folds every
// row.
func TestFoldWhileLoading(t *testing.T) {
	base := testBase
	var evs []model.Event
	for i := range 600 {
		evs = append(evs, model.Event{File: "f", RecordID: uint64(i + 1), Time: base.Add(time.Duration(i) * time.Second),
			Provider: "Schannel", EventID: 36888, Level: model.LevelError, Computer: "DC01", Decoded: true,
			Data: []model.Data{{Name: "AlertDesc", Value: "40"}}})
	}
	proceed := make(chan struct{})
	cfg := Config{
		Lang: i18n.EN, NoColor: true, Location: time.UTC, Now: func() time.Time { return testNow },
		Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
			for i := 0; i < len(evs); i += 200 {
				if i == 200 {
					<-proceed
				}
				emit(model.Update{Events: append([]model.Event(nil), evs[i:i+200]...), Progress: model.Progress{Events: i + 200}})
			}
			return nil, nil
		},
	}
	m := New(cfg)
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 20})
	first := collectMsgs(m.Init(), patience)
	if len(first) != 1 {
		t.Fatalf("Init gave %d messages", len(first))
	}
	_, next := m.Update(first[0])
	if len(m.list.Matches()) != 200 || len(m.list.Rows()) != 1 {
		t.Fatalf("first batch: %d matches in %d rows", len(m.list.Matches()), len(m.list.Rows()))
	}
	press(t, m, "z")
	if len(m.list.Rows()) != 200 {
		t.Errorf("z mid-load: %d rows", len(m.list.Rows()))
	}
	press(t, m, "z")
	close(proceed)
	for _, msg := range collectMsgs(next, patience) {
		_, c := m.Update(msg)
		for c != nil {
			msgs := collectMsgs(c, patience)
			c = nil
			for _, mm := range msgs {
				_, c = m.Update(mm)
			}
		}
	}
	if m.loading || len(m.list.Matches()) != 600 || len(m.list.Rows()) != 1 || !strings.Contains(frameText(m), "×600") {
		t.Errorf("after the load: loading %v, %d matches in %d rows\n%s", m.loading, len(m.list.Matches()), len(m.list.Rows()), frameText(m))
	}
}

// TestMarkFoldedFlood: space on a folded flood's row marks every event of
// the flood and the row shows it; space again unmarks them all; a flood
// partly marked (by hand, unfolded) shows "+"; export offers them all.
func TestMarkFoldedFlood(t *testing.T) {
	m := demoModel(t, 140, 40)
	press(t, m, "/")
	typeText(t, m, "src:schannel")
	press(t, m, "enter", "U", "g")
	if len(m.list.Rows()) != 2 {
		t.Fatalf("src:schannel: %d rows, want 2 floods", len(m.list.Rows()))
	}
	press(t, m, "space")
	if n := len(m.list.Marks()); n != 64 {
		t.Fatalf("space on the folded flood marked %d events, want 64", n)
	}
	s := frameText(m)
	if !strings.Contains(s, "64 marked") || !regexp.MustCompile(`(?m)^\*.*▸ ×64`).MatchString(s) {
		t.Errorf("the marked flood's row or the title does not show it:\n%s", s)
	}
	press(t, m, "e")
	if !strings.Contains(frameText(m), "marked (64)") {
		t.Errorf("export does not offer the 64 marked:\n%s", frameText(m))
	}
	press(t, m, "esc", "g", "space")
	if n := len(m.list.Marks()); n != 0 {
		t.Errorf("space again left %d marked", n)
	}
	// One event of the flood marked by hand: the folded row shows "+", and
	// space marks the rest.
	press(t, m, "z", "j", "space", "k", "z")
	if n := len(m.list.Marks()); n != 1 {
		t.Fatalf("%d marked, want 1", n)
	}
	if s := frameText(m); !regexp.MustCompile(`(?m)^\+.*▸ ×64`).MatchString(s) {
		t.Errorf("a partly marked flood does not show +:\n%s", s)
	}
	press(t, m, "space")
	if n := len(m.list.Marks()); n != 64 {
		t.Errorf("space on a partly marked flood: %d marked, want 64", n)
	}
}
