package ui

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/synth"
)

// streamLoad returns a Config.Load that delivers n realistic events the
// way the loader does when it reads several files at once: batches of one
// file at a time, the files' batches interleaved, so that each batch
// overlaps the others in time and must be merged, not appended. The events
// are made in the load goroutine, as a loader would.
func streamLoad(n, batch int) func(context.Context, func(model.Update)) ([]model.FileReport, error) {
	return func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
		g := synth.New(98)
		mixed := make([]model.Event, 3*batch)
		for i := 0; i < n && ctx.Err() == nil; i += len(mixed) {
			part := mixed[:min(len(mixed), n-i)]
			g.Fill(part)
			byFile := map[string][]model.Event{}
			for _, e := range part {
				byFile[e.File] = append(byFile[e.File], e)
			}
			for _, f := range synth.Files {
				if evs := byFile[f]; len(evs) > 0 {
					emit(model.Update{Events: evs, Progress: model.Progress{Events: i}})
				}
			}
		}
		return nil, ctx.Err()
	}
}

// BenchmarkLoadStream1M measures the UI's side of a streaming load of a
// million events from three files (merge, filter with a filter active,
// draw, then the catalog's final pass), which runs on the UI goroutine and
// so competes with key presses. max-update-ms is the longest the UI was
// busy with one message: key presses wait at most this long (issue 7: no
// frame over 50 ms).
func BenchmarkLoadStream1M(b *testing.B) {
	var worst, worstLoad, worstCPU time.Duration
	var worstMsg string
	// The UI goroutine stays on its thread, so that its thread's CPU time
	// is its own.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	c0, ok := cpuTime()
	for b.Loop() {
		cfg := Config{Lang: i18n.EN, Catalog: catalog.Builtin(), Location: time.UTC, Load: streamLoad(1_000_000, 2048)}
		m := New(cfg)
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.list.SetFilter("sql id:32")
		queue := benchMsgs(m.Init())
		for len(queue) > 0 {
			msg := queue[0]
			queue = queue[1:]
			start := time.Now()
			t0, tok := threadCPU()
			_, cmd := m.Update(msg)
			_ = m.View()
			d := time.Since(start)
			if t1, tok1 := threadCPU(); tok && tok1 {
				worstCPU = max(worstCPU, time.Duration(t1-t0))
			}
			if d > worst {
				worst, worstMsg = d, fmt.Sprintf("%T", msg)
			}
			if lm, ok := msg.(loadMsg); ok && lm.done == nil {
				worstLoad = max(worstLoad, d)
			}
			queue = append(queue, benchMsgs(cmd)...)
		}
		if m.loading || m.classifying || m.Store.Len() != 1_000_000 {
			b.Fatalf("load did not finish: %d events", m.Store.Len())
		}
	}
	b.Logf("longest update: %v for a %s", worst, worstMsg)
	b.ReportMetric(float64(worst.Microseconds())/1000, "max-update-ms")
	b.ReportMetric(float64(worstLoad.Microseconds())/1000, "max-batch-ms")
	b.ReportMetric(float64(worstCPU.Microseconds())/1000, "max-update-cpu-ms")
	reportCPU(b, c0, ok)
}

// benchMsgs is ownMsgs for a benchmark on a loaded machine: it waits as
// long as the load takes rather than giving up after 100 ms.
func benchMsgs(cmd tea.Cmd) []tea.Msg { return collectMsgs(cmd, 30*time.Second) }
