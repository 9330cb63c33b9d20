// Package pipeline is the one way eventlens loads logs, for every face —
// the viewer, the headless commands and the SSH server:
//
//	paths, sources → model.Expand → index cache (model/cache) or loader (model)
//	               → compact store (model/store) → classification
//
// with progress, cancellation (the context reaches every reader) and a
// report per file. Classification is injected as a Classifier made fresh
// for each load, so that model imports no catalog and no state outlives a
// load.
package pipeline

import (
	"context"
	"fmt"
	"sync"

	"eventlens/model"
	"eventlens/model/cache"
	"eventlens/model/store"
)

// Classifier classifies the events of one load. It may learn from the events
// it is shown (restarts, installed fixes), so each load needs its own.
type Classifier interface {
	// ClassifyAll sets the class of every event of evs, considering them
	// with those of earlier calls.
	ClassifyAll(evs model.Events)
}

// Config says what one load reads and how.
type Config struct {
	// Paths are files and directories (searched recursively; files in them
	// that are no log are skipped quietly).
	Paths []string
	// Sources are inputs held elsewhere, such as the embedded demo log;
	// they are read after Paths.
	Sources []model.Source
	// Cache is the index cache; nil reads every file from its content
	// (--no-cache).
	Cache *cache.Cache
	// Classifier classifies the events; nil leaves them ClassUnknown.
	Classifier Classifier
	// Options tunes the loader.
	Options model.LoadOptions
}

// Load is one load. Create it with New, then call Stream (a viewer that
// shows events as they arrive) or Run (everything into a store, classified).
type Load struct {
	cfg Config

	mu      sync.Mutex
	sources map[string]model.Source // by name: what RawXML re-reads
}

// New returns the load cfg describes; nothing is read yet.
func New(cfg Config) *Load {
	return &Load{cfg: cfg, sources: map[string]model.Source{}}
}

// Stream reads the inputs and calls emit with batches of events, progress
// and reports, on one goroutine (never concurrently). Each batch is
// classified before emit sees it, with what the classifier has seen so far:
// a verdict that depends on later events (a restart after an error) is
// settled by Classify over the whole load at the end. Stream returns one
// report per input file, in input order; its error is ctx's when cancelled.
func (l *Load) Stream(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
	return l.stream(ctx, l.cfg.Classifier, emit)
}

// stream is Stream with each batch classified by cl, when not nil.
func (l *Load) stream(ctx context.Context, cl Classifier, emit func(model.Update)) ([]model.FileReport, error) {
	if emit == nil {
		emit = func(model.Update) {}
	}
	deliver := emit
	if cl != nil {
		deliver = func(u model.Update) {
			if len(u.Events) > 0 {
				cl.ClassifyAll(model.EventSlice(u.Events))
			}
			emit(u)
		}
	}
	ins := model.Expand(l.cfg.Paths)
	l.mu.Lock()
	for _, in := range ins {
		if in.Err == nil {
			l.sources[in.Path] = in.Source()
		}
	}
	for _, s := range l.cfg.Sources {
		l.sources[s.Name] = s
	}
	l.mu.Unlock()

	var reps []model.FileReport
	var last model.Progress
	if len(ins) > 0 {
		var err error
		reps, err = l.cfg.Cache.Load(ctx, ins, l.cfg.Options, func(u model.Update) {
			last = u.Progress
			deliver(u)
		})
		if err != nil {
			return reps, err
		}
	}
	if len(l.cfg.Sources) > 0 {
		// Progress goes on from where the files left it.
		more, err := model.LoadSources(ctx, l.cfg.Sources, l.cfg.Options, func(u model.Update) {
			u.Progress.BytesDone += last.BytesDone
			u.Progress.BytesTotal += last.BytesTotal
			u.Progress.Events += last.Events
			deliver(u)
		})
		reps = append(reps, more...)
		if err != nil {
			return reps, err
		}
	}
	return reps, ctx.Err()
}

// Result is a finished load: every event in a store, classified, and the
// report of every input file.
type Result struct {
	Store   *store.Store
	Reports []model.FileReport
}

// Run reads the inputs into a new store and classifies it in full.
// progress, if not nil, is called as the load goes. On cancellation it
// returns what was read so far with ctx's error.
func (l *Load) Run(ctx context.Context, progress func(model.Progress)) (*Result, error) {
	st := store.New()
	emit := func(u model.Update) {
		st.Add(u.Events)
		if progress != nil {
			progress(u.Progress)
		}
	}
	// The classifier sees the events once, in the store: no batch pass.
	reps, err := l.stream(ctx, nil, emit)
	res := &Result{Store: st, Reports: reps}
	if err != nil {
		return res, err
	}
	l.Classify(st)
	return res, nil
}

// Classify runs the classifier over evs, the whole load (or a window of it,
// once the classifier has seen the whole load through Stream): the final
// pass a Stream consumer makes once the load is done.
func (l *Load) Classify(evs model.Events) {
	if l.cfg.Classifier != nil {
		l.cfg.Classifier.ClassifyAll(evs)
	}
}

// RawXML returns the XML of ev's record, re-read from the source of this
// load it came from (see model.ReadRawXML). It may be called while the load
// runs.
func (l *Load) RawXML(ev *model.Event) (string, error) {
	l.mu.Lock()
	src, ok := l.sources[ev.File]
	l.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("%s: not part of this load", ev.File)
	}
	return model.ReadRawXML(src, ev)
}
