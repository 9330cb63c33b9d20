package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/model"
	"eventlens/model/store"
)

// Batching limits for delivering a streaming load to the UI. Each delivery
// merges into the store and re-filters, so a few large deliveries per second
// keep the UI responsive where thousands of small ones would not.
const (
	batchWindow    = 60 * time.Millisecond
	maxBatchEvents = 4_096
)

// loader runs Config.Load in its own goroutine and hands its updates to the
// UI through a channel, read by a Cmd: the loader never touches the model.
type loader struct {
	ch   chan model.Update
	done chan loadResult
}

type loadResult struct {
	reports []model.FileReport
	err     error
}

// loadMsg carries the updates that arrived since the last one; done is set
// on the last.
type loadMsg struct {
	ups  []model.Update
	done *loadResult
}

// startLoad runs load in a goroutine; the pipeline behind it has classified
// each batch before the UI sees it, so the UI goroutine is left with merging
// alone.
func startLoad(ctx context.Context, load func(context.Context, func(model.Update)) ([]model.FileReport, error)) *loader {
	// The channel bounds the events in flight between the loader and the
	// store (16 updates of a few thousand events): when the UI falls behind,
	// the loader waits instead of piling up full-size events in memory.
	l := &loader{ch: make(chan model.Update, 16), done: make(chan loadResult, 1)}
	go func() {
		var res loadResult
		defer func() {
			// A bug in a loader must not take the terminal down with a
			// stack trace; it becomes a load error like any other.
			if r := recover(); r != nil {
				res.err = fmt.Errorf("internal error while loading: %v", r)
			}
			close(l.ch)
			l.done <- res
		}()
		res.reports, res.err = load(ctx, func(u model.Update) {
			select {
			case l.ch <- u:
			case <-ctx.Done():
			}
		})
	}()
	return l
}

// wait returns a Cmd that blocks for the next update, then gathers what
// else arrives within batchWindow.
func (l *loader) wait() tea.Cmd {
	return func() tea.Msg {
		u, ok := <-l.ch
		if !ok {
			res := <-l.done
			return loadMsg{done: &res}
		}
		msg := loadMsg{ups: []model.Update{u}}
		n := len(u.Events)
		timer := time.NewTimer(batchWindow)
		defer timer.Stop()
		for n < maxBatchEvents {
			select {
			case u, ok := <-l.ch:
				if !ok {
					res := <-l.done
					msg.done = &res
					return msg
				}
				msg.ups = append(msg.ups, u)
				n += len(u.Events)
			case <-timer.C:
				return msg
			}
		}
		return msg
	}
}

// handleLoad merges a delivery into the store, batch by batch as they
// came: the store merges batches that are in order cheaply, and copying
// them into one would cost more than it saves.
func (m *Model) handleLoad(msg loadMsg) tea.Cmd {
	for _, u := range msg.ups {
		if u.Progress != (model.Progress{}) {
			m.progress = u.Progress
		}
		if u.Report != nil {
			m.reports = append(m.reports, *u.Report)
		}
		if len(u.Events) > 0 {
			m.Store.Add(u.Events)
		}
	}
	if msg.done == nil {
		m.list.FilterAdded()
		return m.loader.wait()
	}

	m.loading = false
	m.loadTook = time.Since(m.loadStart)
	if len(msg.done.reports) > 0 {
		m.reports = msg.done.reports
	}
	m.loadErr = msg.done.err
	var cmd tea.Cmd
	if m.loadErr != nil && m.loadErr != context.Canceled {
		cmd = m.setStatus(fmt.Sprintf(m.T(uiText.LoadFailed), m.loadErr), true)
	}
	m.list.Refilter(true)
	// The final pass lets the catalog decide classes that depend on other
	// events, now that it has seen them all. It runs in slices, each its
	// own message, so that keys are handled in between.
	return tea.Batch(cmd, m.reclassify(0))
}

// reclassifyChunk is how many events one step of the final pass classifies:
// a few tens of milliseconds of work.
const reclassifyChunk = 8_192

type reclassifyMsg struct{ from int }

func (m *Model) reclassify(from int) tea.Cmd {
	m.classifying = true
	return func() tea.Msg { return reclassifyMsg{from} }
}

func (m *Model) handleReclassify(msg reclassifyMsg) tea.Cmd {
	n := m.Store.Len()
	to := min(msg.from+reclassifyChunk, n)
	if msg.from < to {
		m.KB.ClassifyAll(window{m.Store, msg.from, to})
	}
	if to < n {
		return m.reclassify(to)
	}
	m.classifying = false
	m.list.Refilter(true)
	if m.export != nil {
		// The store is settled now: a dialog opened during the load may
		// write, and its view is the final one.
		m.export.SetScope(m.exportScope())
	}
	return nil
}

// window is the store's slots lo..hi-1 as model.Events.
type window struct {
	s      *store.Store
	lo, hi int
}

func (w window) Len() int                      { return w.hi - w.lo }
func (w window) Event(i int, dst *model.Event) { w.s.Event(w.lo+i, dst) }
func (w window) SetClass(i int, c model.Class, catalogID string) {
	w.s.SetClass(w.lo+i, c, catalogID)
}
func (w window) EventKey(i int) (provider, source uint32, id uint16) { return w.s.EventKey(w.lo + i) }
func (w window) Symbols() []string                                   { return w.s.Symbols() }

// problemFiles counts the files that did not load cleanly.
func (m *Model) problemFiles() int {
	n := 0
	for i := range m.reports {
		if !m.reports[i].Clean() {
			n++
		}
	}
	return n
}
