package demo_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/catalog/internal/evtxgen"
	"eventlens/model"
	"eventlens/model/evtxwrite"
	"eventlens/model/modeltest"
)

// TestDemoHoldsEveryEntry loads the demo log through the loader and checks
// that every catalog entry with an event appears, and every class.
func TestDemoHoldsEveryEntry(t *testing.T) {
	if !bytes.HasPrefix(demo.Bytes(), []byte("<?xml")) || demo.Size() == 0 || demo.Name == "" {
		t.Fatal("demo log missing")
	}
	p := filepath.Join(t.TempDir(), demo.Name)
	if err := os.WriteFile(p, demo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var events []model.Event
	reports, err := model.Load(context.Background(), []string{p}, model.LoadOptions{}, func(u model.Update) {
		events = append(events, u.Events...)
	})
	if err != nil && strings.Contains(err.Error(), "not implemented") {
		t.Skip("model.Load is not implemented yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || !reports[0].Clean() {
		t.Fatalf("demo did not load cleanly: %+v", reports)
	}
	ptrs := make([]*model.Event, len(events))
	for i := range events {
		ptrs[i] = &events[i]
	}
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	c.NewClassification().Classify(ptrs)
	ids := map[string]bool{}
	classes := map[model.Class]int{}
	for _, ev := range ptrs {
		ids[ev.CatalogID] = true
		classes[ev.Class]++
	}
	for _, e := range c.Entries() {
		if e.Match != nil && !ids[e.ID] {
			t.Errorf("demo lacks %s", e.ID)
		}
	}
	for _, cl := range model.Classes {
		if classes[cl] == 0 {
			t.Errorf("demo has no %v event", cl)
		}
	}
	if classes[model.ClassAttention] != 1 {
		t.Errorf("attention events = %d, want 1 (the named VMSMP 32)", classes[model.ClassAttention])
	}
	if len(ptrs) < 300 {
		t.Errorf("only %d events", len(ptrs))
	}
}

// TestEVTXEmbedded checks the .evtx twin is embedded and is an EVTX file.
func TestEVTXEmbedded(t *testing.T) {
	b := demo.EVTX()
	if !bytes.HasPrefix(b, []byte("ElfFile\x00")) || len(b) < 4096+65536 {
		t.Fatalf("demo .evtx missing or not an EVTX file (%d bytes)", len(b))
	}
	if filepath.Ext(demo.EVTXName) != ".evtx" || filepath.Ext(demo.Name) != ".xml" {
		t.Errorf("names %q, %q", demo.Name, demo.EVTXName)
	}
	b[0] = 'X'
	if demo.EVTX()[0] != 'E' {
		t.Error("EVTX returns the embedded bytes, not a copy")
	}
}

const regen = "go generate ./catalog/demo"

// TestEVTXUpToDate writes the .evtx from the committed XML, as gen.go does,
// and compares it with the committed one. It needs no go command.
func TestEVTXUpToDate(t *testing.T) {
	evs, err := evtxgen.Events(demo.Name, demo.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), demo.EVTXName)
	if err := evtxwrite.WriteFile(p, slices.Values(evs), evtxgen.Options); err != nil {
		t.Fatal(err)
	}
	fresh, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, demo.EVTX()) {
		t.Errorf("%s is stale: written from %s it has %d bytes, committed %d; run %q",
			demo.EVTXName, demo.Name, len(fresh), len(demo.EVTX()), regen)
	}
}

// TestGeneratedUpToDate runs gen.go into a temporary directory and compares
// both files with the committed ones.
func TestGeneratedUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go run gen.go; skipped with -short")
	}
	gocmd, err := exec.LookPath("go")
	if err != nil {
		gocmd = filepath.Join(runtime.GOROOT(), "bin", "go")
		if _, err := os.Stat(gocmd); err != nil {
			t.Skip("no go command to run gen.go with")
		}
	}
	dir := t.TempDir()
	out, err := exec.Command(gocmd, "run", "gen.go", "-dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, out)
	}
	for name, committed := range map[string][]byte{demo.Name: demo.Bytes(), demo.EVTXName: demo.EVTX()} {
		fresh, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, committed) {
			t.Errorf("%s is stale (%d bytes, regenerated %d); run %q", name, len(committed), len(fresh), regen)
		}
	}
}

// loadSource loads one embedded log through model.LoadSources and returns
// its events in timeline order, failing on any load problem.
func loadSource(t *testing.T, name string, data []byte, format string) []model.Event {
	t.Helper()
	var evs []model.Event
	reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource(name, data)},
		model.LoadOptions{}, func(u model.Update) { evs = append(evs, u.Events...) })
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].Err != nil || len(reps[0].Problems) > 0 || reps[0].Format != format {
		t.Fatalf("%s did not load cleanly as %s: %+v", name, format, reps)
	}
	modeltest.SortEvents(evs)
	return evs
}

// TestEVTXMatchesXML loads both embedded logs and checks they hold the same
// events, field by field except what an .evtx cannot carry, and that the
// catalog classifies each the same way on both: classification works on
// real EVTX input, without rendered messages.
func TestEVTXMatchesXML(t *testing.T) {
	want := loadSource(t, demo.Name, demo.Bytes(), "xml")
	got := loadSource(t, demo.EVTXName, demo.EVTX(), "evtx")
	if len(got) != len(want) {
		t.Fatalf("%s has %d events, %s %d", demo.EVTXName, len(got), demo.Name, len(want))
	}
	bad := 0
	for i := range want {
		if d := evtxgen.Diff(&want[i], &got[i]); len(d) > 0 {
			if bad++; bad <= 5 {
				t.Errorf("record %d (%s, %s):\n  %s", want[i].RecordID, want[i].Computer, want[i].Channel, strings.Join(d, "\n  "))
			}
		}
		if got[i].Message != "" {
			t.Errorf("record %d: .evtx event has a message %q", got[i].RecordID, got[i].Message)
		}
	}
	if bad > 0 {
		t.Fatalf("%d events differ", bad)
	}

	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	classify := func(evs []model.Event) {
		ptrs := make([]*model.Event, len(evs))
		for i := range evs {
			ptrs[i] = &evs[i]
		}
		c.NewClassification().Classify(ptrs)
	}
	classify(want)
	classify(got)
	known := 0
	for i := range want {
		w, g := &want[i], &got[i]
		if w.Class != g.Class || w.CatalogID != g.CatalogID {
			t.Errorf("record %d (%s %d on %s): XML %v %q, EVTX %v %q", w.RecordID, w.Provider, w.EventID, w.Computer,
				w.Class, w.CatalogID, g.Class, g.CatalogID)
		}
		if w.CatalogID != "" {
			known++
		}
	}
	if known == 0 {
		t.Error("no demo event is in the catalog")
	}
	t.Logf("%d events, %d known to the catalog, classified alike from XML and EVTX", len(want), known)
}
