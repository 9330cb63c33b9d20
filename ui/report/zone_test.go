package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"eventlens/i18n"
	"eventlens/model"
)

// A file whose times had no zone says, in every language, which zone they
// were read in, so that a guessed zone never passes for UTC.
func TestTriageNamesAssumedZone(t *testing.T) {
	events := sample()
	cl := classify(events)
	reps := []model.FileReport{
		{Path: "System.csv", Format: "eventviewer-csv", RecordsDecoded: 3, Zone: "Asia/Tokyo"},
		{Path: "System.evtx", Format: "evtx", RecordsDecoded: 3},
	}
	for _, l := range i18n.Langs {
		var b bytes.Buffer
		if err := Triage(&b, cl, slices.Values(events), reps, l); err != nil {
			t.Fatal(err)
		}
		want := lblZone.Fill("Asia/Tokyo").In(l)
		if n := strings.Count(b.String(), want); n != 1 {
			t.Errorf("%v: %q appears %d times, want once (the CSV's line):\n%s", l, want, n, b.String())
		}
	}
}
