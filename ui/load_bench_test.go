package ui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
)

// BenchmarkLoadStream1M measures the UI's side of a streaming load of a
// million events (classify, merge, re-filter with a filter active, draw),
// which runs on the UI goroutine and so competes with key presses. The
// events are made in the load goroutine, as a loader would.
func BenchmarkLoadStream1M(b *testing.B) {
	proto := synthEvents(997, 98)
	var worst time.Duration
	for b.Loop() {
		cfg := Config{
			Lang: i18n.EN, Catalog: catalog.Builtin(), Location: time.UTC,
			Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
				const n, batch = 1_000_000, 2000
				for i := 0; i < n; i += batch {
					evs := make([]model.Event, batch)
					for j := range evs {
						evs[j] = proto[(i+j)%len(proto)]
						evs[j].RecordID = uint64(i + j + 1)
						evs[j].Time = testBase.Add(time.Duration(i+j) * time.Second)
					}
					emit(model.Update{Events: evs})
				}
				return nil, nil
			},
		}
		m := New(cfg)
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		m.setFilter("sql id:32")
		queue := ownMsgs(m.Init())
		for len(queue) > 0 {
			msg := queue[0]
			queue = queue[1:]
			start := time.Now()
			_, cmd := m.Update(msg)
			_ = m.View()
			worst = max(worst, time.Since(start))
			queue = append(queue, ownMsgs(cmd)...)
		}
		if m.loading || m.classifying || m.store.Len() != 1_000_000 {
			b.Fatalf("load did not finish: %d events", m.store.Len())
		}
	}
	// The longest the UI was busy with one delivery: key presses wait at
	// most this long while a load streams in (issue 7: no frame over 50 ms).
	b.ReportMetric(float64(worst.Microseconds())/1000, "ms/worst-update")
}
