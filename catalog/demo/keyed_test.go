package demo_test

import (
	"testing"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/model"
	"eventlens/model/store"
	"eventlens/model/synth"
)

// TestClassifyStoreSkipsNothingThatMatters: over a store (model.Keyed),
// ClassifyAll classifies events no rule names unknown without reading
// them. Every verdict must equal the one from reading every event: the
// demo (every entry and class, restarts, installed fixes) and synthetic
// logs mixed, so learning and deciding both cross the skipped events.
func TestClassifyStoreSkipsNothingThatMatters(t *testing.T) {
	evs, err := demo.Events()
	if err != nil {
		t.Fatal(err)
	}
	evs = append(evs, synth.Events(20_000, 7)...)
	st := store.New()
	st.Add(evs)
	if _, ok := any(st).(model.Keyed); !ok {
		t.Fatal("store.Store is not model.Keyed: ClassifyAll would read every event")
	}
	ptrs := make([]*model.Event, len(evs))
	for i := range evs {
		ptrs[i] = &evs[i]
	}
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	full, keyed := c.NewClassification(), c.NewClassification()
	full.Classify(ptrs)
	keyed.ClassifyAll(st)

	classes := map[model.Class]int{}
	for i, ev := range ptrs {
		if st.Class(i) != ev.Class || st.CatalogID(i) != ev.CatalogID {
			t.Fatalf("event %d (%s %d): keyed %v %q, read in full %v %q", i, ev.Provider, ev.EventID,
				st.Class(i), st.CatalogID(i), ev.Class, ev.CatalogID)
		}
		classes[ev.Class]++
	}
	// What was learnt beyond the verdicts: installed fixes (restarts show
	// in the verdicts above).
	installed := 0
	for _, e := range c.Entries() {
		if e.Fix == nil {
			continue
		}
		for _, comp := range st.Symbols() {
			ft, fok := full.FixInstalled(comp, e.Fix.KB)
			kt, kok := keyed.FixInstalled(comp, e.Fix.KB)
			if fok != kok || !ft.Equal(kt) {
				t.Errorf("%s on %q: keyed says installed %v at %v, read in full %v at %v", e.Fix.KB, comp, kok, kt, fok, ft)
			}
			if fok {
				installed++
			}
		}
	}
	if installed == 0 {
		t.Error("no fix found installed: the fixture does not exercise install learning")
	}
	for _, cl := range model.Classes {
		if classes[cl] == 0 {
			t.Errorf("no %v event: the fixture does not exercise every verdict", cl)
		}
	}
}
