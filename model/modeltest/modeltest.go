// Package modeltest holds helpers for tests that need a whole load as a
// slice: the product streams events into a store (see model/pipeline), but a
// test comparing events field by field is clearer over a sorted slice.
package modeltest

import (
	"context"
	"sort"

	"eventlens/model"
)

// LoadAll loads paths (as model.Load) and returns every event on the merged
// timeline, sorted by model.Less, with the reports.
func LoadAll(ctx context.Context, paths []string, opts model.LoadOptions) ([]model.Event, []model.FileReport, error) {
	var evs []model.Event
	reps, err := model.Load(ctx, paths, opts, func(u model.Update) { evs = append(evs, u.Events...) })
	SortEvents(evs)
	return evs, reps, err
}

// SortEvents sorts events into timeline order (see model.Less).
func SortEvents(evs []model.Event) {
	// By index, so comparisons do not copy the (large) Event structs.
	sort.SliceStable(evs, func(i, j int) bool { return model.Less(&evs[i], &evs[j]) })
}

// RawXML is model.ReadRawXML for an event loaded from a file on disk.
func RawXML(ev *model.Event) (string, error) {
	return model.ReadRawXML(model.FileSource(ev.File), ev)
}
