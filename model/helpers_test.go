package model

import (
	"context"
	"slices"
)

// LoadAll loads paths and returns every event on the merged timeline, as
// modeltest.LoadAll does for tests outside this package.
func LoadAll(ctx context.Context, paths []string, opts LoadOptions) ([]Event, []FileReport, error) {
	var evs []Event
	reps, err := Load(ctx, paths, opts, func(u Update) { evs = append(evs, u.Events...) })
	slices.SortStableFunc(evs, func(a, b Event) int { return cmpEvents(&a, &b) })
	return evs, reps, err
}

func cmpEvents(a, b *Event) int {
	switch {
	case Less(a, b):
		return -1
	case Less(b, a):
		return 1
	}
	return 0
}

// RawXML re-reads ev's record from the file it was loaded from.
func RawXML(ev *Event) (string, error) { return ReadRawXML(FileSource(ev.File), ev) }
