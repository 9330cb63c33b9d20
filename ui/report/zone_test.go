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
// were read in and whether --tz or this machine chose it, so that a guessed
// zone never passes for UTC.
func TestTriageNamesAssumedZone(t *testing.T) {
	events := sample()
	cl := classify(events)
	tests := []struct {
		zone  string
		local bool
		lang  i18n.Lang
		want  string
	}{
		{"Asia/Tokyo UTC+09:00", false, i18n.EN, "times without a zone read as Asia/Tokyo UTC+09:00 (--tz)"},
		{"Asia/Tokyo UTC+09:00", false, i18n.JA, "タイムゾーンのない時刻を Asia/Tokyo UTC+09:00 として読み込み（--tz）"},
		{"Asia/Tokyo UTC+09:00", false, i18n.NL, "tijden zonder zone gelezen als Asia/Tokyo UTC+09:00 (--tz)"},
		{"Europe/Amsterdam UTC+01:00/+02:00", true, i18n.EN, "times without a zone read as Europe/Amsterdam UTC+01:00/+02:00 (this machine's zone)"},
		{"Europe/Amsterdam UTC+02:00", true, i18n.JA, "タイムゾーンのない時刻を Europe/Amsterdam UTC+02:00 として読み込み（このマシンのタイムゾーン）"},
		{"Europe/Amsterdam UTC+02:00", true, i18n.NL, "tijden zonder zone gelezen als Europe/Amsterdam UTC+02:00 (de zone van deze computer)"},
	}
	for _, tt := range tests {
		reps := []model.FileReport{
			{Path: "System.csv", Format: "eventviewer-csv", RecordsDecoded: 3, Zone: tt.zone, ZoneLocal: tt.local},
			{Path: "System.evtx", Format: "evtx", RecordsDecoded: 3},
		}
		var b bytes.Buffer
		if err := Triage(&b, cl, slices.Values(events), reps, tt.lang); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(b.String(), tt.want); n != 1 {
			t.Errorf("%v: %q appears %d times, want once (the CSV's line):\n%s", tt.lang, tt.want, n, b.String())
		}
	}
}
