package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/model"
	"eventlens/model/cache"
	"eventlens/model/pipeline"
)

const (
	hostLog    = "../../testdata/evtx/host.evtx"
	hostEvents = 15 // records in host.evtx
)

// counter is a Classifier that marks every event it sees as harmless and
// counts the calls and events.
type counter struct{ calls, events int }

func (c *counter) ClassifyAll(evs model.Events) {
	c.calls++
	c.events += evs.Len()
	for i := range evs.Len() {
		evs.SetClass(i, model.ClassHarmless, "test")
	}
}

// logDir is a directory holding host.evtx, a MANIFEST.tsv and an empty file.
func logDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(hostLog)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"host.evtx": data, "MANIFEST.tsv": []byte("file\trecords\n"), "empty.evtx": nil} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRun(t *testing.T) {
	dir := logDir(t)
	c, err := cache.Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	demo := model.BytesSource("demo.xml", []byte(`<Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='P'/><EventID>7</EventID><TimeCreated SystemTime='2011-03-01T00:00:00Z'/><EventRecordID>1</EventRecordID></System></Event></Events>`))
	for _, tc := range []struct {
		name    string
		cfg     pipeline.Config
		reports []string // path: "ok", "skipped" or "error"
		extra   int      // events beyond host.evtx's
	}{
		{"file", pipeline.Config{Paths: []string{filepath.Join(dir, "host.evtx")}},
			[]string{"host.evtx: ok"}, 0},
		{"directory skips what is no log", pipeline.Config{Paths: []string{dir}},
			[]string{"MANIFEST.tsv: skipped", "empty.evtx: skipped", "host.evtx: ok"}, 0},
		{"a file named directly is an error", pipeline.Config{Paths: []string{filepath.Join(dir, "empty.evtx"), filepath.Join(dir, "host.evtx")}},
			[]string{"empty.evtx: error", "host.evtx: ok"}, 0},
		{"missing", pipeline.Config{Paths: []string{filepath.Join(dir, "nope.evtx"), dir + "/host.evtx"}},
			[]string{"nope.evtx: error", "host.evtx: ok"}, 0},
		{"through the cache, twice", pipeline.Config{Paths: []string{dir}, Cache: c},
			[]string{"MANIFEST.tsv: skipped", "empty.evtx: skipped", "host.evtx: ok"}, 0},
		{"sources after paths", pipeline.Config{Paths: []string{dir + "/host.evtx"}, Sources: []model.Source{demo}},
			[]string{"host.evtx: ok", "demo.xml: ok"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for range 2 {
				cl := &counter{}
				tc.cfg.Classifier = cl
				ld := pipeline.New(tc.cfg)
				var last model.Progress
				res, err := ld.Run(context.Background(), func(p model.Progress) { last = p })
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, r := range res.Reports {
					state := "ok"
					switch {
					case !r.Skipped.IsZero():
						state = "skipped"
					case r.Err != nil:
						state = "error"
					}
					got = append(got, filepath.Base(r.Path)+": "+state)
				}
				if strings.Join(got, ", ") != strings.Join(tc.reports, ", ") {
					t.Errorf("reports %q, want %q", got, tc.reports)
				}
				st := res.Store
				if want := hostEvents + tc.extra; st.Len() != want {
					t.Errorf("%d events, want %d", st.Len(), want)
				}
				if cl.calls != 1 || cl.events != st.Len() {
					t.Errorf("classifier called %d times over %d events, want once over %d", cl.calls, cl.events, st.Len())
				}
				if last.Events != st.Len() {
					t.Errorf("last progress %+v", last)
				}
				n := 0
				var prev *model.Event
				for ev := range st.Timeline() {
					if ev.Class != model.ClassHarmless {
						t.Fatalf("event %d not classified", ev.RecordID)
					}
					if prev != nil && model.Less(ev, prev) {
						t.Fatal("timeline out of order")
					}
					cp := *ev
					prev = &cp
					raw, err := ld.RawXML(ev)
					if err != nil || !strings.Contains(raw, "<EventID") {
						t.Fatalf("RawXML(%s record %d) = %.100q, %v", ev.File, ev.RecordID, raw, err)
					}
					n++
				}
				if n != st.Len() {
					t.Errorf("timeline gave %d events of %d", n, st.Len())
				}
			}
		})
	}
}

func TestStreamClassifiesEachBatch(t *testing.T) {
	cl := &counter{}
	ld := pipeline.New(pipeline.Config{Paths: []string{hostLog}, Classifier: cl, Options: model.LoadOptions{BatchSize: 5}})
	n := 0
	reps, err := ld.Stream(context.Background(), func(u model.Update) {
		for _, ev := range u.Events {
			if ev.Class != model.ClassHarmless {
				t.Errorf("record %d came unclassified", ev.RecordID)
			}
		}
		n += len(u.Events)
	})
	if err != nil || len(reps) != 1 || n != hostEvents || cl.events != hostEvents {
		t.Fatalf("err %v, %d reports, %d events, %d classified", err, len(reps), n, cl.events)
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cl := &counter{}
	res, err := pipeline.New(pipeline.Config{Paths: []string{hostLog}, Classifier: cl}).Run(ctx, nil)
	if !errors.Is(err, context.Canceled) || res == nil || cl.calls != 0 {
		t.Fatalf("err %v, result %v, %d classifier calls", err, res, cl.calls)
	}
}

func TestRawXMLOfAnotherLoad(t *testing.T) {
	ld := pipeline.New(pipeline.Config{Paths: []string{hostLog}})
	if _, err := ld.RawXML(&model.Event{File: hostLog}); err == nil {
		t.Error("raw XML of a file this load has not read")
	}
}

// TestCancelReachesEveryReader cancels a load at its first batch, for each
// input format, with and without the index cache: Stream returns ctx's
// error and delivers nothing more.
func TestCancelReachesEveryReader(t *testing.T) {
	c, err := cache.Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{hostLog, "../../testdata/catalog/host.xml", "../../testdata/evtext/en-us.csv", "../../testdata/evt/xp-sysevent.evt"} {
		for _, ic := range []*cache.Cache{nil, c, c} { // the second c is served from the cache
			ctx, cancel := context.WithCancel(context.Background())
			ld := pipeline.New(pipeline.Config{Paths: []string{path}, Cache: ic, Options: model.LoadOptions{BatchSize: 1, Workers: 1}})
			after := 0
			_, err := ld.Stream(ctx, func(u model.Update) {
				if ctx.Err() != nil {
					after += len(u.Events)
				}
				if len(u.Events) > 0 {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) || after > 0 {
				t.Errorf("%s (cache %v): err %v, %d events after cancel", path, ic != nil, err, after)
			}
			cancel()
			// Fill the cache for the next round.
			if ic != nil {
				pipeline.New(pipeline.Config{Paths: []string{path}, Cache: ic}).Run(context.Background(), nil)
			}
		}
	}
}
