package cache

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/evtxwrite"
	"eventlens/model/modeltest"
)

// synthFile writes n synthetic events (see evtxwrite.Synthetic) as an EVTX
// file in dir.
func synthFile(t testing.TB, dir, name string, n int, seed int64) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := evtxwrite.WriteFile(p, slices.Values(evtxwrite.Synthetic(n, seed)), evtxwrite.Options{}); err != nil {
		t.Fatal(err)
	}
	return p
}

type result struct {
	events  []model.Event
	reps    []model.FileReport
	updates []model.Update
}

func load(t testing.TB, c *Cache, inputs []string, opts model.LoadOptions) result {
	t.Helper()
	var r result
	reps, err := c.Load(context.Background(), model.Expand(inputs), opts, func(u model.Update) {
		r.events = append(r.events, u.Events...)
		r.updates = append(r.updates, u)
	})
	if err != nil {
		t.Fatal(err)
	}
	r.reps = reps
	return r
}

func reference(t testing.TB, inputs []string) result {
	t.Helper()
	var r result
	reps, err := model.Load(context.Background(), inputs, model.LoadOptions{}, func(u model.Update) {
		r.events = append(r.events, u.Events...)
	})
	if err != nil {
		t.Fatal(err)
	}
	r.reps = reps
	return r
}

// same checks that got holds exactly want's events (on the timeline, as the
// cache serves hits before loading misses) and reports.
func same(t testing.TB, got, want result) {
	t.Helper()
	g, w := append([]model.Event(nil), got.events...), append([]model.Event(nil), want.events...)
	modeltest.SortEvents(g)
	modeltest.SortEvents(w)
	if len(g) != len(w) {
		t.Fatalf("%d events, want %d", len(g), len(w))
	}
	for i := range g {
		if !reflect.DeepEqual(g[i], w[i]) {
			t.Fatalf("event %d:\n got %+v\nwant %+v", i, g[i], w[i])
		}
	}
	if len(got.reps) != len(want.reps) {
		t.Fatalf("%d reports, want %d", len(got.reps), len(want.reps))
	}
	for i := range got.reps {
		gr, wr := got.reps[i], want.reps[i]
		if fmt.Sprint(gr.Err) != fmt.Sprint(wr.Err) {
			t.Fatalf("report %d: Err %v, want %v", i, gr.Err, wr.Err)
		}
		gr.Err, wr.Err = nil, nil
		if len(gr.Problems) == 0 && len(wr.Problems) == 0 {
			gr.Problems, wr.Problems = nil, nil
		}
		if !reflect.DeepEqual(gr, wr) {
			t.Fatalf("report %d:\n got %+v\nwant %+v", i, gr, wr)
		}
	}
}

func open(t testing.TB, max int64) *Cache {
	t.Helper()
	c, err := Open(filepath.Join(t.TempDir(), "cache"), max)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func entries(t testing.TB, c *Cache) (idx, tmp []string) {
	t.Helper()
	des, err := os.ReadDir(c.Dir())
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range des {
		if strings.HasSuffix(de.Name(), entryExt) {
			idx = append(idx, de.Name())
		} else {
			tmp = append(tmp, de.Name())
		}
	}
	return idx, tmp
}

func TestOpen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	c, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("cache dir %v, %v; want mode 0700", fi.Mode(), err)
	}
	if c.max != DefaultMaxBytes {
		t.Errorf("max %d", c.max)
	}
	if d, err := DefaultDir(); err == nil && !strings.HasSuffix(d, filepath.Join("eventlens", "index-v1")) {
		t.Errorf("DefaultDir() = %s", d)
	}
}

// TestHitMiss loads synthetic EVTX files and the XML fixtures cold and
// warm and checks both give what model.Load gives, every field.
func TestHitMiss(t *testing.T) {
	dir := t.TempDir()
	inputs := []string{
		synthFile(t, dir, "big.evtx", 5000, 1),
		synthFile(t, dir, "small.evtx", 7, 2),
		synthFile(t, dir, "empty.evtx", 0, 3),
		filepath.Join("..", "..", "testdata", "xml"),
		filepath.Join("..", "..", "testdata", "catalog"),
		filepath.Join(dir, "missing.evtx"),
	}
	want := reference(t, inputs)
	files := len(want.reps)
	cacheable := 0
	for _, r := range want.reps {
		if r.Err == nil {
			cacheable++
		}
	}
	if cacheable < 8 {
		t.Fatalf("only %d loadable files in %v", cacheable, want.reps)
	}

	c := open(t, 0)
	cold := load(t, c, inputs, model.LoadOptions{})
	same(t, cold, want)
	if s := c.Stats(); s.Hits != 0 || s.Misses != int64(files-1) || s.Written != int64(cacheable) {
		t.Fatalf("cold stats %+v, want %d misses, %d written", s, files-1, cacheable)
	}
	checkUpdates(t, cold.updates, -1, files-1) // the loader's batches are not capped exactly
	if idx, tmp := entries(t, c); len(idx) != cacheable || len(tmp) != 0 {
		t.Fatalf("cache holds %v, %v", idx, tmp)
	}
	for _, opts := range []model.LoadOptions{{}, {BatchSize: 100}, {BatchSize: 1}} {
		t.Run(fmt.Sprint("batch", opts.BatchSize), func(t *testing.T) {
			before := c.Stats()
			warm := load(t, c, inputs, opts)
			same(t, warm, want)
			s := c.Stats()
			if s.Hits-before.Hits != int64(cacheable) || s.Written != before.Written {
				t.Fatalf("warm stats %+v, before %+v", s, before)
			}
			checkUpdates(t, warm.updates, opts.BatchSize, files-1)
		})
	}
}

// checkUpdates checks batches stay within the batch size (unless it is
// negative), progress only grows and ends complete, and each file's report
// comes once.
func checkUpdates(t *testing.T, us []model.Update, batch, files int) {
	t.Helper()
	switch {
	case batch == 0:
		batch = defaultBatch
	case batch < 0:
		batch = 1 << 62
	}
	var last model.Progress
	reports, events := 0, 0
	for _, u := range us {
		if len(u.Events) > batch {
			t.Fatalf("batch of %d events, want at most %d", len(u.Events), batch)
		}
		events += len(u.Events)
		if u.Progress.BytesDone < last.BytesDone || u.Progress.Events != events || u.Progress.BytesDone > u.Progress.BytesTotal {
			t.Fatalf("progress %+v after %+v, %d events delivered", u.Progress, last, events)
		}
		last = u.Progress
		if u.Report != nil {
			reports++
		}
	}
	if reports != files || last.BytesDone != last.BytesTotal {
		t.Fatalf("%d reports for %d files; last progress %+v", reports, files, last)
	}
}

// TestFileChanged checks a file that changed is never served from its old
// entry.
func TestFileChanged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, p string)
	}{
		{"append a byte", func(t *testing.T, p string) {
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte{0})
			f.Close()
		}},
		{"touch", func(t *testing.T, p string) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(p, later, later)
		}},
		{"same size and time, other content", func(t *testing.T, p string) {
			fi, _ := os.Stat(p)
			other := synthFile(t, t.TempDir(), "other.evtx", 300, 99)
			b, _ := os.ReadFile(other)
			if int64(len(b)) != fi.Size() {
				t.Fatalf("sizes differ: %d, %d", len(b), fi.Size())
			}
			os.WriteFile(p, b, 0o644)
			os.Chtimes(p, fi.ModTime(), fi.ModTime())
		}},
		{"same size and time, last chunk changed", func(t *testing.T, p string) {
			fi, _ := os.Stat(p)
			b, _ := os.ReadFile(p)
			b[len(b)-100] ^= 0xff
			os.WriteFile(p, b, 0o644)
			os.Chtimes(p, fi.ModTime(), fi.ModTime())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := synthFile(t, t.TempDir(), "log.evtx", 300, 1)
			c := open(t, 0)
			load(t, c, []string{p}, model.LoadOptions{})
			tc.change(t, p)
			want := reference(t, []string{p})
			got := load(t, c, []string{p}, model.LoadOptions{})
			same(t, got, want)
			if s := c.Stats(); s.Hits != 0 || s.Misses != 2 || s.Written != 2 {
				t.Fatalf("stats %+v: the changed file was served from the cache", s)
			}
			got = load(t, c, []string{p}, model.LoadOptions{})
			same(t, got, want)
			if s := c.Stats(); s.Hits != 1 {
				t.Fatalf("stats %+v: the new entry was not used", s)
			}
		})
	}
}

// TestCorruptEntry damages the entry in various ways: each time the file
// loads as without the cache and the entry is rebuilt.
func TestCorruptEntry(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func([]byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"truncated header", func(b []byte) []byte { return b[:10] }},
		{"empty", func(b []byte) []byte { return nil }},
		{"flipped byte in events", func(b []byte) []byte { b[len(b)-50] ^= 0x40; return b }},
		{"flipped byte in strings", func(b []byte) []byte { b[headerSize+200] ^= 1; return b }},
		{"flipped checksum", func(b []byte) []byte { b[12] ^= 1; return b }},
		{"wrong format version", func(b []byte) []byte { b[8]++; return b }},
		{"wrong schema version", func(b []byte) []byte { b[10]++; return b }},
		{"wrong magic", func(b []byte) []byte { b[0] = 'X'; return b }},
		{"extra bytes", func(b []byte) []byte { return append(b, 1, 2, 3) }},
		{"garbage", func(b []byte) []byte { return []byte(strings.Repeat("garbage!", 1000)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := synthFile(t, t.TempDir(), "log.evtx", 500, 1)
			want := reference(t, []string{p})
			c := open(t, 0)
			load(t, c, []string{p}, model.LoadOptions{})
			idx, _ := entries(t, c)
			if len(idx) != 1 {
				t.Fatalf("entries %v", idx)
			}
			ep := filepath.Join(c.Dir(), idx[0])
			b, _ := os.ReadFile(ep)
			if err := os.WriteFile(ep, tc.damage(b), 0o600); err != nil {
				t.Fatal(err)
			}
			got := load(t, c, []string{p}, model.LoadOptions{})
			same(t, got, want)
			if s := c.Stats(); s.Hits != 0 || s.Written != 2 {
				t.Fatalf("stats %+v: damaged entry served or not rebuilt", s)
			}
			got = load(t, c, []string{p}, model.LoadOptions{})
			same(t, got, want)
			if s := c.Stats(); s.Hits != 1 {
				t.Fatalf("stats %+v: rebuilt entry not used", s)
			}
		})
	}
}

// TestDamagedMidway covers an entry whose checksum is right but whose
// events stop decoding after the first batch was delivered (only a bug or
// a deliberately forged entry can do that): the events delivered stay, the
// report says the rest is missing, and the entry is removed.
func TestDamagedMidway(t *testing.T) {
	p := synthFile(t, t.TempDir(), "log.evtx", 500, 1)
	c := open(t, 0)
	load(t, c, []string{p}, model.LoadOptions{})
	idx, _ := entries(t, c)
	ep := filepath.Join(c.Dir(), idx[0])
	b, _ := os.ReadFile(ep)
	// Cut the body and fix the checksum and length, so only decoding
	// notices.
	b = reseal(b[:len(b)-200])
	os.WriteFile(ep, b, 0o600)
	got := load(t, c, []string{p}, model.LoadOptions{BatchSize: 100})
	if n := len(got.events); n == 0 || n >= 500 {
		t.Fatalf("%d events", n)
	}
	if probs := got.reps[0].Problems; len(probs) != 1 || !strings.Contains(probs[0].Reason.String(), "index cache entry damaged") {
		t.Fatalf("problems %+v", probs)
	}
	if idx, _ := entries(t, c); len(idx) != 0 {
		t.Fatalf("damaged entry kept: %v", idx)
	}
	same(t, load(t, c, []string{p}, model.LoadOptions{}), reference(t, []string{p}))
}

// TestEviction fills a small cache: the least recently used entries go.
func TestEviction(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 4 {
		files = append(files, synthFile(t, dir, fmt.Sprintf("f%d.evtx", i), 400, int64(i)))
	}
	probe := open(t, 0)
	load(t, probe, files[:1], model.LoadOptions{})
	idx, _ := entries(t, probe)
	fi, _ := os.Stat(filepath.Join(probe.Dir(), idx[0]))
	size := fi.Size()

	c := open(t, size*3+size/2) // room for three entries
	at := time.Now().Add(-time.Hour)
	use := func(i int) {
		t.Helper()
		load(t, c, files[i:i+1], model.LoadOptions{})
		// Make the order of use unambiguous whatever the clock resolution.
		at = at.Add(time.Minute)
		os.Chtimes(c.entryPath(abs(t, files[i])), at, at)
	}
	use(0)
	use(1)
	use(2)
	use(0) // hit: 0 is now more recent than 1
	if s := c.Stats(); s.Hits != 1 || s.Written != 3 {
		t.Fatalf("stats %+v", s)
	}
	use(3) // evicts 1
	for i, want := range []bool{true, false, true, true} {
		_, err := os.Stat(c.entryPath(abs(t, files[i])))
		if (err == nil) != want {
			t.Errorf("entry of file %d present=%v, want %v", i, err == nil, want)
		}
	}

	// An entry that could never fit is not written.
	tiny := open(t, size/4)
	load(t, tiny, files[:1], model.LoadOptions{})
	if idx, tmp := entries(t, tiny); len(idx)+len(tmp) != 0 || tiny.Stats().Written != 0 {
		t.Fatalf("tiny cache holds %v %v", idx, tmp)
	}
}

func abs(t testing.TB, p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCancelled checks a cancelled load writes no entry and leaves no
// temporary file, and stops serving hits.
func TestCancelled(t *testing.T) {
	dir := t.TempDir()
	files := []string{synthFile(t, dir, "a.evtx", 3000, 1), synthFile(t, dir, "b.evtx", 3000, 2)}

	c := open(t, 0)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := c.Load(ctx, model.Expand(files), model.LoadOptions{BatchSize: 10}, func(u model.Update) { cancel() })
	if err == nil {
		t.Fatal("no error from a cancelled load")
	}
	if idx, tmp := entries(t, c); len(idx)+len(tmp) != 0 {
		t.Fatalf("cancelled load left %v %v", idx, tmp)
	}

	// Cancelled while serving from the cache.
	load(t, c, files, model.LoadOptions{})
	ctx, cancel = context.WithCancel(context.Background())
	n := 0
	reps, err := c.Load(ctx, model.Expand(files), model.LoadOptions{BatchSize: 10}, func(u model.Update) { n += len(u.Events); cancel() })
	if err == nil || n != 10 || len(reps) != 2 {
		t.Fatalf("cancelled warm load: %v, %d events, %d reports", err, n, len(reps))
	}
}

// TestConcurrent loads one file from several goroutines, through one Cache
// and through several on the same directory (as separate processes would).
func TestConcurrent(t *testing.T) {
	p := synthFile(t, t.TempDir(), "log.evtx", 2000, 1)
	want := reference(t, []string{p})
	shared := open(t, 0)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 8 {
		wg.Go(func() {
			c := shared
			if i%2 == 1 {
				var err error
				if c, err = Open(shared.Dir(), 0); err != nil {
					errs <- err
					return
				}
			}
			for range 3 {
				var evs []model.Event
				if _, err := c.Load(context.Background(), model.Expand([]string{p}), model.LoadOptions{}, func(u model.Update) { evs = append(evs, u.Events...) }); err != nil {
					errs <- err
					return
				}
				if len(evs) != len(want.events) {
					errs <- fmt.Errorf("%d events, want %d", len(evs), len(want.events))
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if idx, tmp := entries(t, shared); len(idx) != 1 || len(tmp) != 0 {
		t.Fatalf("cache holds %v %v", idx, tmp)
	}
	same(t, load(t, shared, []string{p}, model.LoadOptions{}), want)
}

// TestRawXML checks that events served from the cache under a name not
// loaded before name their file, so that their raw XML can be re-read.
func TestRawXML(t *testing.T) {
	dir := t.TempDir()
	p := synthFile(t, dir, "raw.evtx", 20, 1)
	c := open(t, 0)
	load(t, c, []string{p}, model.LoadOptions{})
	other := dir + string(filepath.Separator) + "." + string(filepath.Separator) + "raw.evtx" // same file and entry, new name
	got := load(t, c, []string{other}, model.LoadOptions{})
	if c.Stats().Hits != 1 || got.events[3].File != other {
		t.Fatalf("stats %+v, File %q", c.Stats(), got.events[3].File)
	}
	raw, err := modeltest.RawXML(&got.events[3])
	if err != nil || !strings.Contains(raw, "<EventRecordID>4</EventRecordID>") {
		t.Fatalf("RawXML = %.200q, %v", raw, err)
	}
}

func TestNilCache(t *testing.T) {
	p := synthFile(t, t.TempDir(), "log.evtx", 50, 1)
	var c *Cache
	same(t, load(t, c, []string{p}, model.LoadOptions{}), reference(t, []string{p}))
}

// TestDuplicateInput checks a file given twice loads twice, like model.Load.
func TestDuplicateInput(t *testing.T) {
	p := synthFile(t, t.TempDir(), "log.evtx", 50, 1)
	inputs := []string{p, p}
	c := open(t, 0)
	same(t, load(t, c, inputs, model.LoadOptions{}), reference(t, inputs))
	same(t, load(t, c, inputs, model.LoadOptions{}), reference(t, inputs))
	same(t, load(t, c, inputs, model.LoadOptions{}), reference(t, inputs))
}

// TestCorpus checks every corpus file comes out of the cache as model.Load
// reads it.
func TestCorpus(t *testing.T) {
	p := corpusFile(t, "MANIFEST.tsv")
	if testing.Short() {
		t.Skip("corpus round trip skipped in -short mode")
	}
	des, err := os.ReadDir(filepath.Dir(p))
	if err != nil {
		t.Fatal(err)
	}
	c := open(t, 0)
	for _, de := range des {
		if !strings.HasSuffix(de.Name(), ".evtx") {
			continue
		}
		in := []string{filepath.Join(filepath.Dir(p), de.Name())}
		t.Run(de.Name(), func(t *testing.T) {
			want := reference(t, in)
			same(t, load(t, c, in, model.LoadOptions{}), want)
			same(t, load(t, c, in, model.LoadOptions{}), want)
		})
	}
	if s := c.Stats(); s.Hits == 0 {
		t.Fatalf("stats %+v", s)
	}
}

// TestOtherBuild: an entry written by another eventlens build is not
// served (its readers may read the file differently); this build's entry
// replaces it.
func TestOtherBuild(t *testing.T) {
	p := synthFile(t, t.TempDir(), "log.evtx", 300, 1)
	c := open(t, 0)
	orig := buildID
	t.Cleanup(func() { buildID = orig })
	buildID = func() uint64 { return 1 }
	load(t, c, []string{p}, model.LoadOptions{})
	buildID = func() uint64 { return 2 }
	want := reference(t, []string{p})
	same(t, load(t, c, []string{p}, model.LoadOptions{}), want)
	if s := c.Stats(); s.Hits != 0 || s.Misses != 2 || s.Written != 2 {
		t.Fatalf("stats %+v: another build's entry was served", s)
	}
	same(t, load(t, c, []string{p}, model.LoadOptions{}), want)
	if s := c.Stats(); s.Hits != 1 {
		t.Fatalf("stats %+v: this build's entry was not used", s)
	}
	if idx, _ := entries(t, c); len(idx) != 1 {
		t.Fatalf("%d entries, want the one replaced", len(idx))
	}
}

// TestBuildIDStable: the build's identity is the same every time it is
// asked within a process, and not zero.
func TestBuildIDStable(t *testing.T) {
	if a, b := buildID(), buildID(); a != b || a == 0 {
		t.Fatalf("buildID %x then %x", a, b)
	}
}
