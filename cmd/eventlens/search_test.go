package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/evtxwrite"
	"eventlens/model/msgdb/msgdbtest"
)

// Words of a message database's template find the events whose message it
// renders, in export and triage alike: the search matches the text shown.
func TestQueryFindsDatabaseText(t *testing.T) {
	dir := t.TempDir()
	scm := func(rec uint64, service, state string) *model.Event {
		return &model.Event{RecordID: rec, Time: time.Date(2011, 6, 1, 10, 0, int(rec), 0, time.UTC), Level: model.LevelInformation,
			Provider: "Test-Control-Manager", EventID: 7036, Qualifiers: 0x4000, HasQualifiers: true, Channel: "System",
			Computer: "HV01", Decoded: true, Data: []model.Data{{Name: "param1", Value: service}, {Name: "param2", Value: state}}}
	}
	evtx := writeEVTX(t, dir, scm(1, "Windows Update", "running"), scm(2, "Print Queue", "stopped"))
	db := filepath.Join(dir, "messages.db")
	if err := msgdbtest.Write(db, msgdbtest.Options{Language: "en-US"},
		msgdbtest.Template{Provider: "Test-Control-Manager", EventID: 7036, Message: "The %1 service entered the %2 state.%n"}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("EVENTLENS_MESSAGES", "")
	tests := []struct {
		name  string
		args  []string
		query string
		want  []string // lines of the output that must be there
		not   []string
	}{
		{"export: a template word and an insertion string", []string{"export", "--messages", db}, "running state",
			[]string{"The Windows Update service entered the running state."}, []string{"Print Queue"}},
		{"export: a phrase of the template", []string{"export", "--messages", db}, `"service entered"`,
			[]string{"Windows Update service", "Print Queue service"}, nil},
		{"export: negated", []string{"export", "--messages", db}, "-entered", nil, []string{"Windows Update", "Print Queue"}},
		{"export without a database: not shown, not found", []string{"export"}, "entered", nil, []string{"Windows Update"}},
		{"triage", []string{"triage", "--lang", "en", "--messages", db}, "running state", []string{"1 event"}, []string{"2 events"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append(slices.Clone(tt.args), "--no-cache", "--query", tt.query, evtx)
			code, out, stderr := runCLI(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}

// writeEVTX writes evs as dir/System.evtx and returns its path.
func writeEVTX(t *testing.T, dir string, evs ...*model.Event) string {
	t.Helper()
	var b bytes.Buffer
	if err := evtxwrite.Write(&b, slices.Values(evs), evtxwrite.Options{}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "System.evtx")
	if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
