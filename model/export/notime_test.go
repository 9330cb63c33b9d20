package export

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"eventlens/model"
)

// TestUnknownTime: an event whose log gave no usable time (the zero time)
// is written with its time empty — never as year 1 — and an XML export of
// it loads back with its time unknown again.
func TestUnknownTime(t *testing.T) {
	ev := &model.Event{File: "t.xml", Offset: 8, RecordID: 1, Provider: "P", EventID: 7036, Decoded: true,
		DecodeError: `System/TimeCreated/@SystemTime "not-a-time" is not a time: time unknown`}
	tests := []struct {
		format Format
		want   string // in the output
	}{
		{JSONL, `"time":""`},
		{CSV, "t.xml,8,1,,"},
		{XML, "<TimeCreated/>"},
	}
	for _, tt := range tests {
		t.Run(tt.format.String(), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, tt.format, slices.Values([]*model.Event{ev}), Options{}); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if !strings.Contains(out, tt.want) || strings.Contains(out, "0001-01-01") {
				t.Errorf("output %q, want it to hold %q and no year 1", out, tt.want)
			}
			if tt.format != XML {
				return
			}
			var got []model.Event
			reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource("back.xml", buf.Bytes())}, model.LoadOptions{},
				func(u model.Update) { got = append(got, u.Events...) })
			if err != nil || len(got) != 1 || !got[0].Time.IsZero() || len(reps[0].Problems) != 1 {
				t.Errorf("reloaded: %v, %+v, %+v", err, got, reps)
			}
		})
	}
}
