package fold_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"eventlens/model"
	"eventlens/model/fold"
	"eventlens/model/modeltest"
	"eventlens/model/novelty"
	"eventlens/model/store"
)

// TestCorpusFlood folds the corpus's StolenSzechuan System log: its 58,410
// Schannel events are two floods of 29,205, and the novelty ranking puts
// the Service Control Manager errors of the same hour above them.
func TestCorpusFlood(t *testing.T) {
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		t.Skip("EVENTLENS_CORPUS not set: no corpus to fold (export EVENTLENS_CORPUS=/work/shared/corpus)")
	}
	evs, _, err := modeltest.LoadAll(context.Background(), []string{filepath.Join(dir, "StolenSzechuan_Win2012R2_System.evtx")}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := store.New()
	s.Add(evs)
	f := fold.Find(s, s.Order(), fold.Options{})
	syms := s.Symbols()
	schannel := map[uint16]int{}
	for _, r := range f.Runs {
		if syms[r.Provider] == "Schannel" {
			schannel[r.EventID] += r.Count
		}
	}
	if schannel[36874] != 29205 || schannel[36888] != 29205 {
		t.Errorf("Schannel folded: %v, want 29,205 of each", schannel)
	}
	if visible := len(s.Order()) - f.Folded(); visible > 3000 {
		t.Errorf("%d of %d rows still shown", visible, s.Len())
	}
	items := novelty.Rank(s, s.Order())
	for _, it := range items {
		if it.Provider == "Schannel" {
			t.Errorf("the flood ranks above every other unknown error: %+v", items[0])
		}
		if it.Provider == "Service Control Manager" && it.EventID == 7009 {
			break
		}
	}
}
