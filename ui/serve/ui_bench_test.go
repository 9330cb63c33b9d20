//go:build uibench

// Run with: go test -tags uibench -run XXX -bench Sessions20UI ./ui/serve
// (behind a tag so that this package's tests do not depend on the UI compiling).

package serve_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/model"
	"eventlens/model/store"
	"eventlens/ui"
	"eventlens/ui/serve"
)

// BenchmarkSessions20UI is issue 5's load test: 20 concurrent SSH sessions
// of the real UI over one shared, read-only store of 100,000 events.
func BenchmarkSessions20UI(b *testing.B) {
	st := syntheticStore(100_000)
	newModel := func(s serve.Session) tea.Model {
		cfg := ui.Config{Lang: s.Lang, Store: st, NoColor: s.NoColor, Location: time.UTC}
		if s.Export != nil {
			cfg.WriteFile = s.Export
		} else {
			cfg.ExportDisabled = true
		}
		return ui.New(cfg)
	}
	// Ready once the list shows the store's size in the status line.
	serve.BenchSessions(b, 20, newModel, func(screen string) bool {
		return strings.Contains(screen, "100,000") || strings.Contains(screen, "100000")
	})
}

// syntheticStore makes n events from a few providers, IDs and hosts; the
// strings repeat, as they do in real logs.
func syntheticStore(n int) *store.Store {
	providers := []string{"Microsoft-Windows-Hyper-V-VMMS", "Microsoft-Windows-Hyper-V-Worker", "Service Control Manager",
		"Microsoft-Windows-Kernel-General", "VSS"}
	hosts := []string{"HV01.example.local", "HV02.example.local", "GUEST-SQL01"}
	base := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = model.Event{
			File:     "synthetic.evtx",
			Offset:   -1,
			RecordID: uint64(i + 1),
			Time:     base.Add(time.Duration(i) * time.Second),
			Level:    model.Level(2 + i%3),
			Provider: providers[i%len(providers)],
			EventID:  uint16(1000 + i%97),
			Channel:  "System",
			Computer: hosts[i%len(hosts)],
			Decoded:  true,
			Message:  fmt.Sprintf("synthetic event %d for the load test", i%1000),
		}
	}
	s := store.New()
	s.Add(evs)
	return s
}
