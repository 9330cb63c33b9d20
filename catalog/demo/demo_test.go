package demo_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/i18n"
	"eventlens/model"
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
	c.Classify(ptrs)
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
	var b bytes.Buffer
	if err := c.WriteTriage(&b, ptrs, reports, i18n.EN); err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() {
		t.Log(b.String())
	}
}
