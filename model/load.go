package model

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"sync"
	"time"

	"eventlens/i18n/reason"
	"eventlens/model/binxml"
	"eventlens/model/evt"
	"eventlens/model/evtext"
	"eventlens/model/regular"
)

// Progress tells how far a load has come, over all inputs.
type Progress struct {
	BytesDone, BytesTotal int64
	Events                int // events delivered so far
	File                  string
}

// Update is what Load delivers while it runs: a batch of events, progress,
// and, when a file is finished, its report. Any field may be empty.
type Update struct {
	Events   []Event
	Progress Progress
	Report   *FileReport
}

// LoadOptions tunes Load. The zero value is sensible.
type LoadOptions struct {
	Workers   int // parallel chunk parsers; 0 means runtime.NumCPU()
	BatchSize int // events per Update; 0 means a default
	// Decoder reads EVTX records first; the other one gives a second
	// opinion on a record it rejects. The zero value is eventlens's own.
	Decoder Decoder
	// Location is the zone in which times written without one (Event
	// Viewer CSV/TXT exports) are read; the report names it (Zone). Nil
	// keeps them as wall-clock readings labelled UTC.
	Location *time.Location
}

const (
	defaultBatch = 2048
	// flushEvery bounds how long delivered events wait in a partial batch,
	// so a UI shows the first screen while a big file still loads.
	flushEvery = 100 * time.Millisecond
)

// ReadAtCloser is what a Source opens: random access for EVTX chunks,
// sequential reads (through io.SectionReader) for XML.
type ReadAtCloser interface {
	io.ReaderAt
	io.Closer
}

// Source is one input: a file on disk or anything else that can be read at
// random, such as an embedded demo log.
type Source struct {
	// Name is what the events' File field and the report's Path carry.
	Name string
	// Size is the expected size, used for progress before the source is
	// opened; 0 when unknown.
	Size int64
	// Open opens the input and returns its size. It may be called more
	// than once (ReadRawXML re-reads records on demand).
	Open func() (ReadAtCloser, int64, error)
	// InDir is set for a file found by walking a directory: if it is no log
	// of a known format, its report says Skipped rather than Err.
	InDir bool
}

// FileSource is a Source for the file at path.
func FileSource(path string) Source {
	var size int64
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	return Source{Name: path, Size: size, Open: func() (ReadAtCloser, int64, error) {
		f, fi, err := regular.Open(path)
		if err != nil {
			return nil, 0, err
		}
		return f, fi.Size(), nil
	}}
}

// BytesSource is a Source over data held in memory, named name.
func BytesSource(name string, data []byte) Source {
	return Source{Name: name, Size: int64(len(data)), Open: func() (ReadAtCloser, int64, error) {
		return nopCloser{bytes.NewReader(data)}, int64(len(data)), nil
	}}
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// Load reads every input (files, and directories searched recursively; the
// format is sniffed from content): LoadInputs over Expand(paths).
func Load(ctx context.Context, paths []string, opts LoadOptions, emit func(Update)) ([]FileReport, error) {
	return LoadInputs(ctx, Expand(paths), opts, emit)
}

// LoadInputs reads every input and calls emit with batches of events and
// progress as it goes. emit is never called concurrently. It returns one
// report per input, in input order; it returns an error only when ctx is
// cancelled.
func LoadInputs(ctx context.Context, ins []Input, opts LoadOptions, emit func(Update)) ([]FileReport, error) {
	var srcs []Source
	for _, in := range ins {
		if in.Err == nil {
			srcs = append(srcs, in.Source())
		}
	}
	reps, err := LoadSources(ctx, srcs, opts, emit)
	if len(reps) == len(ins) {
		return reps, err
	}
	// Put the inputs that could not be listed back in their places.
	out := make([]FileReport, 0, len(ins))
	for _, in := range ins {
		if in.Err != nil {
			out = append(out, FileReport{Path: in.Path, Err: in.Err})
			continue
		}
		out = append(out, reps[0])
		reps = reps[1:]
	}
	return out, err
}

// LoadSources is Load for Sources: each is read whole, its events carry the
// source's Name as File. See Load.
func LoadSources(ctx context.Context, srcs []Source, opts LoadOptions, emit func(Update)) ([]FileReport, error) {
	quietLibrary()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = defaultBatch
	}
	if emit == nil {
		emit = func(Update) {}
	}
	l := &loader{
		ctx:      ctx,
		decoder:  opts.Decoder,
		location: opts.Location,
		batch:    batchSize,
		workers:  workers,
		jobs:     make(chan job, workers),
		results:  make(chan message, 2*workers),
		emit:     emit,
		files:    make([]*fileState, len(srcs)),
	}
	for i, s := range srcs {
		l.files[i] = &fileState{src: s, rep: FileReport{Path: s.Name}, pending: map[int][]part{}}
		l.progress.BytesTotal += s.Size
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(l.work)
	}
	go l.produce()
	go func() {
		wg.Wait()
		close(l.results)
	}()
	l.collect()

	reps := make([]FileReport, len(l.files))
	for i, f := range l.files {
		reps[i] = f.rep
	}
	return reps, ctx.Err()
}

type fileState struct {
	src   Source
	ra    ReadAtCloser
	size  int64
	kind  fileKind
	slots []binxml.Slot // EVTX chunks, one job each
	rep   FileReport

	jobs, done int // jobs dispatched, jobs finished
	nextSeq    int
	pending    map[int][]part // parts waiting for an earlier job, by seq
	bytesDone  int64
	finished   bool
}

// fileKind is the format sniffed from a file's content.
type fileKind uint8

const (
	kindEVTX fileKind = iota
	kindXML
	kindText // Event Viewer CSV/TXT export
	kindEVT  // legacy .evt log
)

type job struct {
	f   *fileState
	seq int // EVTX: index in f.slots
}

// part is a piece of a job's output; the last part of a job has last set.
type part struct {
	f      *fileState
	seq    int
	events []Event
	chunk  *chunkResult // EVTX
	xmlRep *FileReport  // XML and text exports, on the last part
	bytes  int64        // file bytes done by this part
	last   bool
}

// message is what the producer and workers send the collector: a file's
// job count (meta) or a part.
type message struct {
	meta *fileState
	part part
}

type loader struct {
	ctx      context.Context
	decoder  Decoder
	location *time.Location
	batch    int
	workers  int
	jobs     chan job
	results  chan message
	emit     func(Update)
	files    []*fileState
	progress Progress
	buf      []Event
}

// produce opens the files one after the other, announces each to the
// collector, and queues its jobs.
func (l *loader) produce() {
	defer close(l.jobs)
	for _, f := range l.files {
		if l.ctx.Err() != nil {
			return
		}
		l.open(f)
		// The collector learns the job count before any part can arrive.
		l.results <- message{meta: f}
		for seq := range f.jobs {
			select {
			case l.jobs <- job{f: f, seq: seq}:
			case <-l.ctx.Done():
				return
			}
		}
	}
}

// sniffSize is how much of a file's start the format sniffing looks at.
const sniffSize = 8 << 10

// open opens and sniffs f and sets its job count (one job per EVTX chunk,
// one for an XML or text export) before the collector sees f.
func (l *loader) open(f *fileState) {
	ra, size, err := openSource(f.src)
	if err != nil {
		f.rep.Err = err
		return
	}
	f.rep.Size = size
	f.size = size
	if size == 0 {
		ra.Close()
		f.fail(reason.New(reason.EmptyFile))
		return
	}
	head := make([]byte, min(size, sniffSize))
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	switch {
	case isEVTX(head):
		f.rep.Format = "evtx"
		f.kind = kindEVTX
		if string(head[:8]) != fileMagic && string(head[:8]) != chunkMagic {
			f.rep.Problems = append(f.rep.Problems, Problem{Chunk: -1, Offset: 0, Reason: reason.New(reason.NoEVTXSignature, fmt.Sprintf("%q", head[:8]))})
		}
		slots, probs := scanEVTX(ra, size)
		f.rep.ChunksFound = len(slots)
		f.rep.Problems = append(f.rep.Problems, probs...)
		f.slots = slots
		f.jobs = len(slots)
	case evt.Sniff(head):
		f.rep.Format = evt.Format
		f.kind = kindEVT
		f.jobs = 1
	case looksLikeXML(head):
		f.rep.Format = "xml"
		f.kind = kindXML
		f.jobs = 1
	case evtext.Sniff(head):
		f.kind = kindText
		f.jobs = 1
	default:
		f.fail(reason.New(reason.NotALog, strconv.Quote(string(head[:min(n, 8)]))))
	}
	if f.jobs == 0 {
		ra.Close()
		return
	}
	f.ra = ra
}

// fail records why f holds no log: an error for a file the user named, a
// quiet skip for one found in a directory. Both are a reason, said in the
// user's language (i18n.Say, i18n.SayError).
func (f *fileState) fail(why reason.Reason) {
	if f.src.InDir {
		f.rep.Skipped = why
		return
	}
	f.rep.Err = why.Err()
}

// isEVTX reports whether head starts an EVTX file or a bare chunk, or
// holds a chunk signature where the first chunk starts (a file whose header
// was damaged or wiped: its chunks are still read).
func isEVTX(head []byte) bool {
	if len(head) >= 8 && (string(head[:8]) == fileMagic || string(head[:8]) == chunkMagic) {
		return true
	}
	return len(head) >= fileHeaderSize+8 && string(head[fileHeaderSize:fileHeaderSize+8]) == chunkMagic
}

// looksLikeXML reports whether head starts an XML document: its first
// character other than white space, in the encoding its byte order mark or
// first bytes give, is '<'. (A UTF-16 text export has a byte order mark too.)
func looksLikeXML(head []byte) bool {
	enc, bom, ok := sniffXML(head)
	if !ok {
		return false
	}
	b := head[bom:]
	switch enc {
	case encUTF16LE, encUTF16BE:
		for i := 0; i+1 < len(b); i += 2 {
			c, other := b[i], b[i+1]
			if enc == encUTF16BE {
				c, other = other, c
			}
			if other != 0 {
				return false
			}
			switch c {
			case ' ', '\t', '\r', '\n':
				continue
			}
			return c == '<'
		}
		return false
	}
	t := bytes.TrimLeft(b, " \t\r\n")
	return len(t) > 0 && t[0] == '<'
}

// openSource calls src.Open, turning a panic in it into an error.
func openSource(src Source) (ra ReadAtCloser, size int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			ra, size, err = nil, 0, fmt.Errorf("opening %s: %v", src.Name, r)
		}
	}()
	if src.Open == nil {
		return nil, 0, fmt.Errorf("%s: no way to open it", src.Name)
	}
	return src.Open()
}

// work runs jobs until there are none left.
func (l *loader) work() {
	var w *evtxWorker
	for j := range l.jobs {
		if l.ctx.Err() != nil {
			continue // drain
		}
		f := j.f
		switch f.kind {
		case kindXML:
			l.readXML(j)
			continue
		case kindText:
			l.readText(j)
			continue
		case kindEVT:
			l.readEVT(j)
			continue
		}
		if w == nil {
			w = newEVTXWorker()
			w.dec = l.decoder
		}
		res := w.chunk(l.ctx, f.ra, f.src.Name, f.slots[j.seq])
		l.results <- message{part: part{f: f, seq: j.seq, events: res.events, chunk: &res, bytes: res.bytes, last: true}}
	}
}

func (l *loader) readXML(j job) {
	f := j.f
	var rep FileReport
	var done int64
	sr := io.NewSectionReader(f.ra, 0, f.size)
	func() {
		defer func() {
			if r := recover(); r != nil {
				// Not expected from encoding/xml; keep the process alive.
				rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.XMLReaderFailed, fmt.Sprint(r))})
			}
		}()
		readXML(ctxReader{l.ctx, sr}, f.src.Name, l.batch, l.workers, &rep, func(evs []Event, at int64) bool {
			if at < done {
				at = done
			}
			l.results <- message{part: part{f: f, seq: j.seq, events: evs, bytes: at - done}}
			done = at
			return l.ctx.Err() == nil
		})
	}()
	l.results <- message{part: part{f: f, seq: j.seq, xmlRep: &rep, bytes: f.size - done, last: true}}
}

// readText reads an Event Viewer CSV/TXT export with package evtext.
func (l *loader) readText(j job) {
	f := j.f
	var rep FileReport
	var done int64
	offs := NewZoneOffsets(l.location)
	cr := &countingReader{r: io.NewSectionReader(f.ra, 0, f.size)}
	func() {
		defer func() {
			if r := recover(); r != nil {
				rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.TextReaderFailed, fmt.Sprint(r))})
			}
		}()
		evtext.ReadWith(l.ctx, cr, f.src.Name, evtext.Options{BatchSize: l.batch, Location: l.location}, func(evs []Event) {
			// The reader reads ahead: count bytes as done up to what it has
			// read, which is never past the end.
			at := max(done, cr.n)
			offs.Add(evs)
			l.results <- message{part: part{f: f, seq: j.seq, events: evs, bytes: at - done}}
			done = at
		}, &rep)
	}()
	NoteZone(&rep, l.location, offs)
	l.results <- message{part: part{f: f, seq: j.seq, xmlRep: &rep, bytes: f.size - done, last: true}}
}

// readEVT reads a legacy .evt log with package evt.
func (l *loader) readEVT(j job) {
	f := j.f
	var rep FileReport
	func() {
		defer func() {
			if r := recover(); r != nil {
				rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.EVTReaderFailed, fmt.Sprint(r))})
			}
		}()
		evt.Read(l.ctx, f.ra, f.size, f.src.Name, evt.Options{BatchSize: l.batch}, func(evs []Event) {
			l.results <- message{part: part{f: f, seq: j.seq, events: evs}}
		}, &rep)
	}()
	l.results <- message{part: part{f: f, seq: j.seq, xmlRep: &rep, bytes: f.size, last: true}}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// collect receives everything and calls emit, on the caller's goroutine.
func (l *loader) collect() {
	tick := time.NewTicker(flushEvery)
	defer tick.Stop()
	for {
		select {
		case m, ok := <-l.results:
			if !ok {
				if l.ctx.Err() == nil {
					l.flush(nil)
				}
				l.closeAll()
				return
			}
			if l.ctx.Err() != nil {
				continue // cancelled: drain only
			}
			if m.meta != nil {
				f := m.meta
				l.progress.BytesTotal += f.size - f.src.Size
				l.progress.File = f.src.Name
				if f.jobs == 0 {
					l.finish(f)
				}
				continue
			}
			l.receive(m.part)
		case <-tick.C:
			if len(l.buf) > 0 && l.ctx.Err() == nil {
				l.flush(nil)
			}
		}
	}
}

// receive delivers p if it is the file's next job output, else holds it.
func (l *loader) receive(p part) {
	f := p.f
	if p.seq != f.nextSeq {
		f.pending[p.seq] = append(f.pending[p.seq], p)
		return
	}
	l.deliver(p)
	for p.last {
		f.nextSeq++
		f.done++
		if f.done == f.jobs {
			l.finish(f)
			return
		}
		ps, ok := f.pending[f.nextSeq]
		if !ok {
			return
		}
		delete(f.pending, f.nextSeq)
		p = part{}
		for _, q := range ps {
			l.deliver(q)
			p = q
		}
	}
}

func (l *loader) deliver(p part) {
	f := p.f
	f.bytesDone += p.bytes
	l.progress.BytesDone += p.bytes
	if c := p.chunk; c != nil {
		if c.failed {
			f.rep.ChunksFailed++
		} else {
			f.rep.ChunksParsed++
		}
		f.rep.RecordsDecoded += c.decoded
		f.rep.RecordsFallback += c.fallback
		f.rep.RecordsUndecoded += c.undecoded
		f.rep.Problems = append(f.rep.Problems, c.problems...)
	}
	if r := p.xmlRep; r != nil {
		if r.Format != "" {
			f.rep.Format = r.Format
		}
		if r.Zone != "" {
			f.rep.Zone, f.rep.ZoneLocal = r.Zone, r.ZoneLocal
		}
		if r.Err != nil && r.RecordsDecoded == 0 && f.rep.Err == nil && !errors.Is(r.Err, context.Canceled) {
			f.rep.Err = r.Err
		}
		f.rep.RecordsDecoded += r.RecordsDecoded
		f.rep.RecordsSkipped += r.RecordsSkipped
		f.rep.Problems = append(f.rep.Problems, r.Problems...)
	}
	if len(p.events) == 0 {
		return
	}
	if len(l.buf) == 0 && len(p.events) >= l.batch/2 {
		// Big enough on its own: hand it over without copying.
		l.progress.Events += len(p.events)
		l.emit(Update{Events: p.events, Progress: l.progress})
		return
	}
	if len(l.buf)+len(p.events) > cap(l.buf) && len(l.buf) > 0 {
		// Hand over what is there rather than grow (and copy) the batch.
		l.flush(nil)
	}
	if l.buf == nil {
		l.buf = make([]Event, 0, max(l.batch, len(p.events)))
	}
	l.buf = append(l.buf, p.events...)
	if len(l.buf) >= l.batch {
		l.flush(nil)
	}
}

// finish closes f and delivers its report with whatever events are waiting.
func (l *loader) finish(f *fileState) {
	if f.finished {
		return
	}
	f.finished = true
	if f.ra != nil {
		f.ra.Close()
		f.ra = nil
	}
	l.progress.BytesDone += f.size - f.bytesDone
	f.bytesDone = f.size
	rep := f.rep
	l.flush(&rep)
}

func (l *loader) flush(rep *FileReport) {
	if len(l.buf) == 0 && rep == nil {
		return
	}
	l.progress.Events += len(l.buf)
	u := Update{Events: l.buf, Progress: l.progress, Report: rep}
	if rep != nil {
		u.Progress.File = rep.Path
	}
	l.buf = nil
	l.emit(u)
}

// closeAll closes files left open by a cancelled load.
func (l *loader) closeAll() {
	for _, f := range l.files {
		if f.ra != nil {
			f.ra.Close()
			f.ra = nil
		}
	}
}
