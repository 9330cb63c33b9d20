package evtxwrite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"

	"eventlens/model"
)

// TestLoaderReadsBack checks that eventlens's own loader (model.Load) reads
// every field of the events we write back as they were.
func TestLoaderReadsBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	events := append(fixtures(), randomEvents(rng, 300)...)
	for i, e := range events {
		e.RecordID = uint64(i + 1)
	}
	path := writeTemp(t, events, Options{})
	var got []model.Event
	reps, err := model.Load(context.Background(), []string{path}, model.LoadOptions{}, func(u model.Update) {
		got = append(got, u.Events...)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		if len(r.Problems) > 0 {
			t.Errorf("load report: %+v", r.Problems)
		}
	}
	sort.Slice(got, func(i, j int) bool { return got[i].RecordID < got[j].RecordID })
	if len(got) != len(events) {
		t.Fatalf("loaded %d events, wrote %d", len(got), len(events))
	}
	bad := 0
	for i, w := range events {
		if d := modelDiff(w, &got[i]); len(d) > 0 {
			bad++
			if bad <= 5 {
				t.Errorf("event %d:\n  %s", i, strings.Join(d, "\n  "))
			}
		}
	}
	if bad > 5 {
		t.Errorf("... %d events differ in all", bad)
	}
}

func modelDiff(w, g *model.Event) []string {
	var d []string
	chk := func(name string, a, b any) {
		if fmt.Sprint(a) != fmt.Sprint(b) {
			d = append(d, fmt.Sprintf("%s: want %q, got %q", name, fmt.Sprint(a), fmt.Sprint(b)))
		}
	}
	binary := w.Binary
	if isHex(binary) {
		binary = strings.ToUpper(binary)
	}
	chk("RecordID", w.RecordID, g.RecordID)
	chk("Time", w.Time.UTC().Truncate(100*time.Nanosecond).Format(time.RFC3339Nano), g.Time.UTC().Format(time.RFC3339Nano))
	chk("Level", w.Level, g.Level)
	chk("Provider", w.Provider, g.Provider)
	chk("ProviderGUID", w.ProviderGUID, g.ProviderGUID)
	chk("EventSourceName", w.EventSourceName, g.EventSourceName)
	chk("EventID", w.EventID, g.EventID)
	chk("HasQualifiers", w.HasQualifiers, g.HasQualifiers)
	chk("Qualifiers", w.Qualifiers, g.Qualifiers)
	chk("Version", w.Version, g.Version)
	chk("Channel", w.Channel, g.Channel)
	chk("Computer", w.Computer, g.Computer)
	chk("UserSID", w.UserSID, g.UserSID)
	chk("Task", w.Task, g.Task)
	chk("Opcode", w.Opcode, g.Opcode)
	chk("Keywords", w.Keywords, g.Keywords)
	chk("ProcessID", w.ProcessID, g.ProcessID)
	chk("ThreadID", w.ThreadID, g.ThreadID)
	chk("Data", fmt.Sprintf("%q", w.Data), fmt.Sprintf("%q", g.Data))
	chk("Binary", binary, g.Binary)
	chk("UserData", fmt.Sprintf("%q", w.UserData), fmt.Sprintf("%q", g.UserData))
	chk("Decoded", true, g.Decoded)
	return d
}

func isHex(s string) bool {
	if len(s)%2 != 0 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return true
}
