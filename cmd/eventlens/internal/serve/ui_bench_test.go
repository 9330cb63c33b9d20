//go:build uibench

// Run with: go test -tags uibench -run XXX -bench Sessions20UI ./cmd/eventlens/internal/serve
// (behind a tag so that this package's tests do not depend on the UI compiling).

package serve_test

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/cmd/eventlens/internal/serve"
	"eventlens/model/store"
	"eventlens/model/synth"
	"eventlens/ui"
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

// syntheticStore makes a store of n realistic events (see model/synth).
func syntheticStore(n int) *store.Store {
	s := store.New()
	s.Add(synth.Events(n, 5))
	return s
}
