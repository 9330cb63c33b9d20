// Package cache keeps an on-disk index of the event logs eventlens has
// read, so re-opening a file already seen takes a fraction of parsing it.
//
// An entry holds one file's events and load report in a compact binary
// encoding. It is keyed by the file's absolute path, size, modification
// time and a checksum of its first 4 KiB and last 64 KiB (an EVTX file's
// header and last chunk change whenever the log grows), so a changed file
// is always read again. Entries carry a format and schema version and a
// CRC-32C; an entry that is old, damaged or for another version of the
// file is ignored, removed and rebuilt. Entries are written atomically
// (temporary file, fsync, rename), so several eventlens processes can share
// one cache. The cache is capped in size; least recently used entries go
// first.
//
// The catalog's classification is not cached: events come out of the cache
// unclassified, as from the loader.
package cache

import (
	"context"
	"eventlens/i18n/reason"
	"fmt"
	"hash/crc64"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"eventlens/model"
)

// DefaultMaxBytes is the size cap Open uses when given 0.
const DefaultMaxBytes = 1 << 30

const defaultBatch = 2048 // as model's loader

// Cache is an index cache in one directory. Its methods may be called
// from several goroutines at once. A nil *Cache loads everything with
// model.Load.
type Cache struct {
	dir string
	max int64

	evictMu sync.Mutex
	stats   struct{ hits, misses, written, rejected atomic.Int64 }
}

// Stats counts what a Cache did since Open.
type Stats struct {
	Hits     int64 // files served from the cache
	Misses   int64 // regular files loaded from their content
	Written  int64 // entries written
	Rejected int64 // entries found stale, damaged or of another version and removed
}

// DefaultDir is the default cache directory: eventlens/index-v<N> in the
// user's cache directory (os.UserCacheDir), N being FormatVersion.
func DefaultDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "eventlens", "index-v"+strconv.Itoa(FormatVersion)), nil
}

// Open opens the cache in dir, creating it (mode 0700) if needed; "" means
// DefaultDir. maxBytes caps the total size of the entries; 0 or less means
// DefaultMaxBytes.
func Open(dir string, maxBytes int64) (*Cache, error) {
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return nil, fmt.Errorf("index cache: %w", err)
		}
		dir = d
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("index cache: %w", err)
	}
	return &Cache{dir: dir, max: maxBytes}, nil
}

// Dir returns the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// Stats returns the cache's counters.
func (c *Cache) Stats() Stats {
	return Stats{
		Hits:     c.stats.hits.Load(),
		Misses:   c.stats.misses.Load(),
		Written:  c.stats.written.Load(),
		Rejected: c.stats.rejected.Load(),
	}
}

// input is one file of the inputs, with what the cache knows of it.
type input struct {
	model.Input
	abs     string
	k       key
	zone    uint64 // mixed into k.sum: times without a zone depend on it
	keyed   bool   // k is valid: the file is regular and readable
	hit     bool   // an entry for k exists (checked in full when served)
	rep     model.FileReport
	missIdx int // index among the sources given to the loader, -1 if none
}

// Load is model.LoadInputs through the cache: it reads every input (see
// model.Expand), serving each regular file whose
// entry is valid from the cache and loading the others with
// model.LoadSources (all in one call, so they parse in parallel), then
// writing their entries once they are complete, unless ctx was cancelled.
// Files served from the cache come first. emit is never called
// concurrently. Load returns one report per file, in input order, and an
// error only when ctx is cancelled. Failing to write an entry is not an
// error: the cache is only an accelerator.
func (c *Cache) Load(ctx context.Context, inputs []model.Input, opts model.LoadOptions, emit func(model.Update)) ([]model.FileReport, error) {
	if c == nil || opts.Decoder != model.DecoderBinXML {
		// Entries hold what the default decoder read; another decoder is
		// chosen to compare, so it reads the files themselves.
		return model.LoadInputs(ctx, inputs, opts, emit)
	}
	if emit == nil {
		emit = func(model.Update) {}
	}
	batch := opts.BatchSize
	if batch <= 0 {
		batch = defaultBatch
	}

	ins := make([]input, len(inputs))
	for i, in := range inputs {
		ins[i] = input{Input: in}
	}
	var prog model.Progress
	for i := range ins {
		in := &ins[i]
		in.missIdx = -1
		in.rep.Path = in.Path
		if in.Err != nil {
			continue
		}
		if abs, err := filepath.Abs(in.Path); err == nil {
			if k, err := fileKey(abs); err == nil {
				in.zone = zoneSum(opts.Location)
				k.sum ^= in.zone
				in.abs, in.k, in.keyed = abs, k, true
				in.hit = peek(c.entryPath(abs), k)
			}
		}
		if in.keyed {
			prog.BytesTotal += in.k.size
		} else if fi, err := os.Stat(in.Path); err == nil {
			prog.BytesTotal += fi.Size()
		}
	}

	// Serve the hits. One whose entry turns out unusable becomes a miss.
	for i := range ins {
		in := &ins[i]
		if !in.hit {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		if !c.serve(ctx, in, batch, opts.Location, &prog, emit) {
			in.hit = false
		}
	}
	if err := ctx.Err(); err != nil {
		return reports(ins, nil), err
	}

	// Load the misses in one call.
	var srcs []model.Source
	pend := map[string]*pending{}
	dup := map[string]bool{}
	for i := range ins {
		in := &ins[i]
		if in.Err != nil || in.hit {
			continue
		}
		in.missIdx = len(srcs)
		srcs = append(srcs, in.Source())
		c.stats.misses.Add(1)
		if _, seen := dup[in.Path]; seen {
			// The same name twice: its events cannot be told apart.
			delete(pend, in.Path)
			continue
		}
		dup[in.Path] = true
		if in.keyed {
			pend[in.Path] = &pending{in: in, enc: newEncoder()}
		}
	}
	var missReps []model.FileReport
	var err error
	if len(srcs) > 0 {
		// The loader counts the bytes of the files it is given; add those of
		// the files served (some planned hits may have become misses).
		served := prog.BytesDone
		base := model.Progress{BytesDone: served, BytesTotal: served, Events: prog.Events}
		var wg sync.WaitGroup
		var last *pending
		missReps, err = model.LoadSources(ctx, srcs, opts, func(u model.Update) {
			for i := range u.Events {
				ev := &u.Events[i]
				if last == nil || last.in.Path != ev.File {
					last = pend[ev.File]
					if last == nil {
						continue
					}
				}
				last.add(ev, c.max/2)
			}
			u.Progress.BytesDone += base.BytesDone
			u.Progress.BytesTotal += base.BytesTotal
			u.Progress.Events += base.Events
			emit(u)
			if u.Report == nil {
				return
			}
			p := pend[u.Report.Path]
			if p == nil {
				return
			}
			delete(pend, u.Report.Path)
			last = nil
			// A skipped file (no log) gets no entry: named directly
			// rather than found in a directory, it must give an error.
			if u.Report.Err != nil || !u.Report.Skipped.IsZero() || p.enc == nil || ctx.Err() != nil {
				return
			}
			rep := *u.Report
			wg.Go(func() { c.store(ctx, p, &rep) })
		})
		wg.Wait()
	}
	return reports(ins, missReps), err
}

// pending is a missed file whose entry is being encoded.
type pending struct {
	in  *input
	enc *encoder // nil once given up (too large)
}

func (p *pending) add(ev *model.Event, limit int64) {
	if p.enc == nil {
		return
	}
	p.enc.event(ev)
	if int64(p.enc.size()) > limit {
		p.enc = nil // never fits in the cache: stop spending memory on it
	}
}

// store writes p's entry, unless the file changed while it was loaded
// (the events may then be a mix of two versions) or ctx is cancelled.
func (c *Cache) store(ctx context.Context, p *pending, rep *model.FileReport) {
	k, err := fileKey(p.in.abs)
	k.sum ^= p.in.zone
	if err != nil || k != p.in.k {
		return
	}
	pieces := p.enc.finish(p.in.k, rep)
	p.enc = nil
	if err := c.write(c.entryPath(p.in.abs), pieces, func() bool { return ctx.Err() == nil }); err != nil {
		return
	}
	c.stats.written.Add(1)
	c.evict()
}

// serve emits the events of in from its entry, in batches, and reports
// whether it did; false means nothing was emitted and the file must be
// loaded from its content.
func (c *Cache) serve(ctx context.Context, in *input, batch int, loc *time.Location, prog *model.Progress, emit func(model.Update)) bool {
	p := c.entryPath(in.abs)
	data, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	en, err := parseEntry(data)
	if err != nil {
		c.reject(p)
		return false
	}
	if en.key != in.k {
		// Replaced by another process since peek: for another version of
		// the file, maybe a newer one. Leave it.
		return false
	}
	rep := en.rep
	rep.Path = in.Path
	offs := model.NewZoneOffsets(loc)
	bytesBefore := prog.BytesDone
	sent := 0
	for {
		evs, err := en.next(batch, in.Path)
		if err != nil {
			c.reject(p)
			if sent == 0 {
				return false
			}
			// Some events are out already; loading the file again would
			// deliver them twice. Say what happened instead.
			rep.Problems = append(rep.Problems, model.Problem{Chunk: -1, Offset: -1,
				Reason: reason.New(reason.CacheDamaged, strconv.Itoa(sent), strconv.Itoa(en.events))})
			break
		}
		if evs == nil {
			break
		}
		sent += len(evs)
		offs.Add(evs)
		prog.Events += len(evs)
		prog.File = in.Path
		if sent < en.events {
			prog.BytesDone = bytesBefore + in.k.size*int64(sent)/int64(en.events)
			emit(model.Update{Events: evs, Progress: *prog})
			if ctx.Err() != nil {
				return true
			}
			continue
		}
		// The last batch goes with the report, as from the loader.
		model.NoteZone(&rep, loc, offs)
		prog.BytesDone = bytesBefore + in.k.size
		emit(model.Update{Events: evs, Progress: *prog, Report: &rep})
		in.rep = rep
		c.stats.hits.Add(1)
		touch(p)
		return true
	}
	model.NoteZone(&rep, loc, offs)
	prog.BytesDone = bytesBefore + in.k.size
	emit(model.Update{Progress: *prog, Report: &rep})
	in.rep = rep
	c.stats.hits.Add(1)
	touch(p)
	return true
}

// reject removes an unusable entry.
func (c *Cache) reject(p string) {
	if err := os.Remove(p); err == nil {
		c.stats.rejected.Add(1)
	}
}

// reports puts the reports in input order.
func reports(ins []input, missReps []model.FileReport) []model.FileReport {
	out := make([]model.FileReport, len(ins))
	for i, in := range ins {
		switch {
		case in.Err != nil:
			out[i] = model.FileReport{Path: in.Path, Err: in.Err}
		case in.missIdx >= 0 && in.missIdx < len(missReps):
			out[i] = missReps[in.missIdx]
		default:
			out[i] = in.rep
		}
	}
	return out
}

// zoneSum is what loc adds to a key: an entry holds times read in one zone.
func zoneSum(loc *time.Location) uint64 {
	if loc == nil {
		return 0
	}
	return crc64.Checksum([]byte(model.ZoneKey(loc)), crcECMA)
}
