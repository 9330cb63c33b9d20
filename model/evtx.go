package model

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/0xrawsec/golang-evtx/evtx"
	evtxlog "github.com/0xrawsec/golang-utils/log"

	"eventlens/i18n/reason"
	"eventlens/model/binxml"
)

// EVTX layout (MS-EVEN6): a 4 KiB file header, then 64 KiB chunks. Each chunk
// has a 512-byte header (header proper, string and template tables) followed
// by a chain of records, each starting with magic 2a2a0000, its size, record
// ID and a FILETIME, and ending with a copy of its size.
const (
	fileMagic        = "ElfFile\x00"
	chunkMagic       = "ElfChnk\x00"
	fileHeaderSize   = 0x1000
	chunkSize        = 0x10000
	chunkDataStart   = 0x200 // first record: after header, string and template tables
	recordHeaderSize = 24
)

// Decoder names the decoder that reads EVTX records first. The other one
// gives a second opinion on a record the first rejects, so a record either
// decoder reads is never lost.
type Decoder uint8

const (
	// DecoderBinXML is eventlens's own model/binxml: fast, and it reads
	// damaged chunks and records as far as they go. The default.
	DecoderBinXML Decoder = iota
	// DecoderGolangEvtx is github.com/0xrawsec/golang-evtx (chunk API, in
	// eventlens's own workers). Records with array substitutions, which it
	// cannot place, still go to binxml.
	DecoderGolangEvtx
)

// Decoders lists the decoders by name, default first.
var Decoders = []Decoder{DecoderBinXML, DecoderGolangEvtx}

func (d Decoder) String() string {
	if d == DecoderGolangEvtx {
		return "golang-evtx"
	}
	return "binxml"
}

// Set parses a decoder name, so a Decoder is a flag.Value.
func (d *Decoder) Set(s string) error {
	v, err := ParseDecoder(s)
	if err == nil {
		*d = v
	}
	return err
}

// ParseDecoder is the inverse of Decoder.String.
func ParseDecoder(s string) (Decoder, error) {
	for _, d := range Decoders {
		if d.String() == s {
			return d, nil
		}
	}
	return DecoderBinXML, fmt.Errorf("unknown EVTX decoder %q (want binxml or golang-evtx)", s)
}

var quietOnce sync.Once

// quietLibrary silences golang-evtx. It logs through golang-utils/log, which
// writes to the standard library's default logger — including "PANIC -" lines
// with stack traces for ordinary parse errors — so both are turned off. The
// failures it would log are reported in FileReport instead. eventlens itself
// does not use the standard default logger.
func quietLibrary() {
	quietOnce.Do(func() {
		evtxlog.SetLogLevel(evtxlog.LCritical)
		stdlog.SetOutput(io.Discard)
	})
}

// chunkResult is what parsing one chunk gives.
type chunkResult struct {
	events             []Event
	problems           []Problem
	decoded, undecoded int
	fallback           int // records decoded by the second-opinion decoder where the first failed
	cut                struct {
		n           int    // records cut for expanding beyond binxml's bounds
		first, last uint64 // their record IDs
		at          int64  // file offset of the first
	}
	failed bool // the chunk is damaged: something in it could not be read as written
	bytes  int64
	stale  staleRecords
}

// staleRecords collects the leftover records of a chunk that the walk
// reached past damage (binxml.RecordRef.Stale): skipped, and said once.
type staleRecords struct {
	n   int
	at  int64    // file offset of the first
	ids []uint64 // in chunk order
}

// problem says what was skipped, with the IDs as ranges.
func (s *staleRecords) problem(idx int, h *binxml.ChunkHeader) Problem {
	ids := slices.Clone(s.ids)
	slices.Sort(ids)
	var parts []reason.Reason
	for i := 0; i < len(ids); {
		j := i
		for j+1 < len(ids) && ids[j+1] <= ids[j]+1 {
			j++
		}
		if len(parts) == 8 {
			parts = append(parts, reason.New(reason.Detail, "…"))
			break
		}
		if j > i {
			parts = append(parts, reason.New(reason.Detail, fmt.Sprintf("%d–%d", ids[i], ids[j])))
		} else {
			parts = append(parts, reason.New(reason.Detail, strconv.FormatUint(ids[i], 10)))
		}
		i = j + 1
	}
	return Problem{Chunk: idx, Offset: s.at, Reason: reason.New(reason.StaleRecords, strconv.Itoa(s.n),
		strconv.FormatUint(h.FirstRecordID, 10), strconv.FormatUint(h.LastRecordID, 10)).With(reason.List(parts...))}
}

// evtxWorker parses chunks; each worker goroutine owns one so its 64 KiB
// buffer, reader and decoders are reused from chunk to chunk.
type evtxWorker struct {
	dec Decoder // which decoder reads records first
	buf []byte
	bc  binxml.Chunk // our decoder, and the record-chain walk

	// golang-evtx's view of the current chunk, set up on first need: its
	// template table costs more than decoding a whole chunk with binxml.
	rd        budgetReader
	b         builder
	lib       *evtx.Chunk
	libErr    error // why golang-evtx cannot decode this chunk's records
	libReady  bool
	libBudget bool // the chunk's read budget ran out (reported once)
}

// budgetReader is the reader golang-evtx parses from. It limits the reads
// and seeks one record (or one template table) may take: a hostile or
// corrupt record whose templates refer to themselves would otherwise send
// the library into endless recursion, which ends in a fatal stack overflow
// that recover cannot catch. Past the budget it panics with errBudget,
// which decode recovers into an ordinary decode error. spent counts the
// reads of the whole chunk, so a chunk of many such records costs a
// bounded time before the rest of it goes to binxml alone.
type budgetReader struct {
	bytes.Reader
	left  int
	spent int
}

// readBudget is far above what real records need (at most about 2,000
// reads in the corpus; see TestReadBudget) and far below a dangerous
// recursion depth.
// chunkReadBudget bounds golang-evtx's reads for all records of a chunk
// together; real chunks need well under a tenth of it.
const (
	readBudget      = 50_000
	chunkReadBudget = 2_000_000
)

var errBudget = errors.New("BinXML too deeply nested or self-referencing (read budget exceeded)")

// errArray sends records with arrays of types golang-evtx does not decode
// (all but UTF-16 strings, UInt16 and UInt64) to binxml. The arrays it
// does decode are rendered as Windows renders them, the element that holds
// the array repeated once per item — except that golang-evtx drops the
// empty strings of a string array, which Windows (and binxml) keep.
var errArray = errors.New("array substitution (rendered by eventlens's own decoder)")

func (r *budgetReader) reset(data []byte) {
	r.Reader.Reset(data)
	r.left = readBudget
}

func (r *budgetReader) Read(p []byte) (int, error) {
	r.spent++
	if r.left--; r.left < 0 {
		panic(errBudget)
	}
	return r.Reader.Read(p)
}

func (r *budgetReader) Seek(off int64, whence int) (int64, error) {
	r.spent++
	if r.left--; r.left < 0 {
		panic(errBudget)
	}
	return r.Reader.Seek(off, whence)
}

func newEVTXWorker() *evtxWorker {
	return &evtxWorker{buf: make([]byte, chunkSize)}
}

// scanEVTX finds chunks by their signature in every 64 KiB slot of the file
// (binxml.ScanSlots), whatever the file header claims: headers of real logs
// are often stale or dirty. It returns the chunk slots and problems for
// slots that hold something other than a chunk and for a cut-off end.
func scanEVTX(ra io.ReaderAt, size int64) (slots []binxml.Slot, problems []Problem) {
	err := binxml.ScanSlots(ra, size, func(s binxml.Slot) bool {
		switch {
		case s.Chunk:
			slots = append(slots, s)
		case s.Len < chunkDataStart:
			problems = append(problems, Problem{Chunk: s.Index, Offset: s.Offset, Reason: reason.New(reason.SlotTruncated, strconv.Itoa(s.Len), strconv.Itoa(s.Index))})
		case s.Head != [8]byte{}:
			problems = append(problems, Problem{Chunk: s.Index, Offset: s.Offset, Reason: reason.New(reason.SlotNoChunk, strconv.Itoa(s.Index), fmt.Sprintf("%q", s.Head[:]))})
		case s.Len < chunkSize:
			problems = append(problems, Problem{Chunk: s.Index, Offset: s.Offset, Reason: reason.New(reason.SlotNoChunkTruncated, strconv.Itoa(s.Len), strconv.Itoa(s.Index))})
		}
		return true
	})
	if err != nil {
		problems = append(problems, Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.ChunkScanError, err.Error())})
	}
	if len(slots) == 0 {
		problems = append(problems, Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.NoChunk)})
	}
	return slots, problems
}

// chunk reads and decodes the chunk in slot s. It never panics: golang-evtx
// runs under recover, per chunk and per record, and binxml does not panic.
//
// binxml walks the record chain (resynchronising after a damaged record).
// Each record is decoded by w.dec's decoder first and, when that fails, by
// the other one. A cancelled ctx stops the walk between records; what was
// decoded so far is returned.
func (w *evtxWorker) chunk(ctx context.Context, ra io.ReaderAt, name string, s binxml.Slot) (res chunkResult) {
	idx, off, n := s.Index, s.Offset, s.Len
	res.bytes = int64(n)
	read, err := ra.ReadAt(w.buf[:n], off)
	if read < n {
		res.failed = true
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: reason.New(reason.ChunkReadError, strconv.Itoa(read), fmt.Sprint(err))})
		n = read
	}
	data := w.buf[:n]
	if n < chunkSize {
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: reason.New(reason.ChunkTruncated, strconv.Itoa(n), strconv.Itoa(chunkSize))})
	}
	bc := &w.bc
	if err := bc.Reset(data); err != nil {
		res.failed = true
		why := reason.New(reason.Detail, err.Error())
		switch err {
		case binxml.ErrShortChunk:
			why = reason.New(reason.ChunkShort)
		case binxml.ErrNotChunk:
			why = reason.New(reason.ChunkNotFound)
		}
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: why})
		return res
	}
	bc.Offset = off
	w.lib, w.libErr, w.libReady, w.libBudget = nil, nil, false, false

	if herr := chunkHeaderError(bc); !herr.IsZero() {
		res.failed = true
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: reason.New(reason.ChunkHeader).With(herr)})
	}
	if w.dec == DecoderGolangEvtx {
		if w.prepareLibrary(); w.libErr != nil {
			res.failed = true
			res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: reason.New(reason.TemplateTable, w.libErr.Error())})
		}
	}

	// Room for the records the header announces, within reason.
	h := &bc.Header
	if est := h.LastRecordID - h.FirstRecordID + 1; h.LastRecordID >= h.FirstRecordID && est < 4096 {
		res.events = make([]Event, 0, est)
	}
	records := 0
	bc.Records(func(ref binxml.RecordRef) bool {
		// Cheap enough per record; a record costs at most a bounded
		// amount of work, so a cancelled load stops within milliseconds.
		if records++; records&15 == 0 && ctx.Err() != nil {
			return false
		}
		if ref.Stale {
			if res.stale.n == 0 {
				res.stale.at = off + int64(ref.Offset)
			}
			res.stale.n++
			res.stale.ids = append(res.stale.ids, ref.ID)
			return true
		}
		if ref.Err != nil {
			res.failed = true
			if !ref.HeaderOK {
				res.problems = append(res.problems, Problem{Chunk: idx, Offset: off + int64(ref.Offset), Reason: recordErrWhy(ref.Err)})
				return true
			}
			// A damaged record with a readable header: binxml decodes
			// what it can of it.
			ev := Event{File: name}
			derr := bc.Decode(ref, &ev)
			w.keep(ref, ev, derr, recordErrWhy(ref.Err), nil, idx, &res)
			return true
		}
		w.record(ref, name, idx, &res)
		return true
	})
	if res.stale.n > 0 {
		res.problems = append(res.problems, res.stale.problem(idx, h))
	}
	if c := res.cut; c.n > 0 {
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: c.at, Record: c.first,
			Reason: reason.New(reason.RecordsCut, strconv.Itoa(c.n), strconv.FormatUint(c.first, 10), strconv.FormatUint(c.last, 10)).With(binxml.ExpansionWhy())})
	}
	return res
}

// chunkHeaderError says what is wrong with the fixed chunk header fields a
// writer always sets; the records are read all the same.
func chunkHeaderError(bc *binxml.Chunk) reason.Reason {
	h := &bc.Header
	switch {
	case !bc.MagicOK:
		return reason.New(reason.ChunkBadSignature)
	case h.HeaderSize != 128:
		return reason.New(reason.ChunkHeaderSize, fmt.Sprint(h.HeaderSize))
	case h.LastRecordOffset >= chunkSize:
		return reason.New(reason.ChunkLastOffset, fmt.Sprintf("0x%x", h.LastRecordOffset))
	}
	return reason.Reason{}
}

// recordErrWhy is the error of a damaged record, as Chunk.Records gives
// it, as a reason.
func recordErrWhy(err error) reason.Reason {
	if re, ok := err.(*binxml.RecordError); ok {
		return re.Why()
	}
	return reason.New(reason.Detail, err.Error())
}

// record decodes the well-formed record at ref with w.dec's decoder, and
// with the other one when the first fails, and adds it to res.
func (w *evtxWorker) record(ref binxml.RecordRef, name string, idx int, res *chunkResult) {
	if w.dec == DecoderGolangEvtx {
		ev, lerr := w.library(ref, name, idx, res)
		if lerr == nil {
			res.decoded++
			res.events = append(res.events, ev)
			return
		}
		ev = Event{File: name}
		derr := w.bc.Decode(ref, &ev)
		if derr == nil || ev.Decoded {
			res.fallback++
		}
		w.keep(ref, ev, derr, reason.Reason{}, lerr, idx, res)
		return
	}
	// Decoded in place: an Event on the stack would escape to the heap.
	res.events = append(res.events, Event{File: name})
	ev := &res.events[len(res.events)-1]
	derr := w.bc.Decode(ref, ev)
	if derr == nil {
		res.decoded++
		return
	}
	failed := *ev
	res.events = res.events[:len(res.events)-1]
	w.secondOpinion(ref, failed, derr, name, idx, res)
}

// secondOpinion asks golang-evtx about a record binxml could not decode
// completely (ev and derr are binxml's result) and keeps the better.
func (w *evtxWorker) secondOpinion(ref binxml.RecordRef, ev Event, derr error, name string, idx int, res *chunkResult) {
	if errors.Is(derr, binxml.ErrExpansion) {
		// Cut for its size: golang-evtx would expand it without bound.
		w.keep(ref, ev, derr, reason.Reason{}, nil, idx, res)
		return
	}
	lev, lerr := w.library(ref, name, idx, res)
	if lerr == nil {
		res.decoded++
		res.fallback++
		res.events = append(res.events, lev)
		return
	}
	w.keep(ref, ev, derr, reason.Reason{}, lerr, idx, res)
}

// library decodes the record at ref with golang-evtx.
func (w *evtxWorker) library(ref binxml.RecordRef, name string, idx int, res *chunkResult) (Event, error) {
	if !w.libReady {
		w.prepareLibrary()
	}
	if w.libErr != nil {
		return Event{}, w.libErr
	}
	if w.rd.spent > chunkReadBudget {
		if !w.libBudget {
			w.libBudget = true
			res.failed = true
			res.problems = append(res.problems, Problem{Chunk: idx, Offset: w.bc.Offset + int64(ref.Offset), Record: ref.ID,
				Reason: reason.New(reason.ReadBudget, strconv.Itoa(chunkReadBudget))})
		}
		return Event{}, errChunkBudget
	}
	root, err := w.decode(w.lib, ref.Offset)
	if err != nil {
		if err == errBudget || err == binxml.ErrExpansion {
			// A bomb or a loop: the chunk's other records are likely the
			// same, and golang-evtx's cost per record is bounded only by
			// its read budget. binxml, bounded per chunk, reads them.
			w.libErr = fmt.Errorf("gave up on this chunk after record %d: %w", ref.ID, err)
		}
		return Event{}, err
	}
	ev := Event{File: name, Offset: w.bc.Offset + int64(ref.Offset), RecordID: ref.ID, Time: ref.Time}
	fillEvent(&ev, root)
	ev.Decoded = true
	if ev.RecordID == 0 {
		ev.RecordID = ref.ID
	}
	if ev.Time.IsZero() {
		ev.Time = ref.Time
	}
	return ev, nil
}

// prepareLibrary sets up golang-evtx over the current chunk.
func (w *evtxWorker) prepareLibrary() {
	w.libReady = true
	w.lib, _, w.libErr = w.prepareChunk(w.bc.Offset, w.buf[:w.bc.Len()])
	if w.libErr != nil {
		w.libErr = fmt.Errorf("template table: %w", w.libErr)
	}
}

// The reasons a cut record carries (shared: a bomb chunk cuts thousands).
var (
	cutReason = "eventlens decoder: " + binxml.ErrExpansion.Error()
	cutPartly = "partly decoded: " + binxml.ErrExpansion.Error()
)

var errChunkBudget = fmt.Errorf("more than %d reads for this chunk", chunkReadBudget)

// keep adds a record neither decoder read completely to res: partly
// decoded (System read; DecodeError says what is missing) or undecoded
// (record header only). ev and derr are binxml's result, damage what is
// wrong with the record's header, libErr golang-evtx's reason.
func (w *evtxWorker) keep(ref binxml.RecordRef, ev Event, derr error, damage reason.Reason, libErr error, idx int, res *chunkResult) {
	at := w.bc.Offset + int64(ref.Offset)
	if damage.IsZero() && errors.Is(derr, binxml.ErrExpansion) {
		// Cut: one problem for all such records of the chunk (see
		// chunk), one shared reason on each.
		if res.cut.n == 0 {
			res.cut.first, res.cut.at = ref.ID, at
		}
		res.cut.n++
		res.cut.last = ref.ID
		res.failed = true
		if ev.Decoded {
			res.decoded++
			ev.DecodeError = cutPartly
		} else {
			res.undecoded++
			ev.DecodeError = cutReason
		}
		res.events = append(res.events, ev)
		return
	}
	why := damage
	if derr != nil && derr.Error() != damage.String() {
		why = reason.Join(why, reason.New(reason.DecoderError, derr.Error()))
	}
	if libErr != nil {
		why = reason.Join(why, reason.New(reason.LibraryError, libErr.Error()))
	}
	switch {
	case derr == nil && damage.IsZero():
		ev.DecodeError = ""
		res.decoded++
		res.events = append(res.events, ev)
		return
	case derr == nil || ev.Decoded:
		res.decoded++
		res.failed = true
		if derr != nil {
			ev.DecodeError = "partly decoded: " + derr.Error()
		}
		how := reason.DecodedPartly
		if derr == nil {
			how = reason.DecodedOwn
		}
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: at, Record: ref.ID,
			Reason: reason.New(how).With(why)}) // Record names the record
	default:
		ev.Decoded = false
		ev.DecodeError = why.String()
		res.undecoded++
		res.failed = true
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: at, Record: ref.ID,
			Reason: reason.New(reason.KeptUndecoded).With(why)})
	}
	res.events = append(res.events, ev)
}

// prepareChunk sets up a golang-evtx Chunk over data (read from off)
// without the library's File: its chunk header and template table.
func (w *evtxWorker) prepareChunk(off int64, data []byte) (c *evtx.Chunk, headerErr, templateErr error) {
	c = &evtx.Chunk{Offset: off, Data: data, TemplateTable: make(evtx.TemplateTable)}
	h := &c.Header
	copy(h.Magic[:], data)
	h.NumFirstRecLog = int64(binary.LittleEndian.Uint64(data[8:]))
	h.NumLastRecLog = int64(binary.LittleEndian.Uint64(data[16:]))
	h.FirstEventRecID = int64(binary.LittleEndian.Uint64(data[24:]))
	h.LastEventRecID = int64(binary.LittleEndian.Uint64(data[32:]))
	h.SizeHeader = int32(binary.LittleEndian.Uint32(data[40:]))
	h.OffsetLastRec = int32(binary.LittleEndian.Uint32(data[44:]))
	h.Freespace = int32(binary.LittleEndian.Uint32(data[48:]))
	h.CheckSum = binary.LittleEndian.Uint32(data[52:])
	headerErr = h.Validate()
	w.rd.spent = 0
	templateErr = w.templates(c)
	w.b.newChunk(data)
	return c, headerErr, templateErr
}

// templates parses the chunk's template table. When that fails the chunk
// is left to binxml: golang-evtx would parse templates inline where records
// use them, but from a table it cannot read it may render wrong values.
func (w *evtxWorker) templates(c *evtx.Chunk) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errBudget {
				err = errBudget
				return
			}
			err = fmt.Errorf("golang-evtx panicked: %v", r)
		}
	}()
	w.rd.reset(c.Data)
	if _, err := w.rd.Seek(chunkDataStart-0x80, io.SeekStart); err != nil {
		return err
	}
	return c.ParseTemplateTable(&w.rd)
}

// decode runs golang-evtx on the record at off and turns the result into an
// ordered node tree rooted at <Event>. It recovers the library's panics.
func (w *evtxWorker) decode(c *evtx.Chunk, off int) (root *node, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errBudget || r == binxml.ErrExpansion {
				root, err = nil, r.(error)
				return
			}
			root, err = nil, fmt.Errorf("golang-evtx panicked: %v", r)
		}
	}()
	w.rd.reset(c.Data)
	if _, err := w.rd.Seek(int64(off+recordHeaderSize), io.SeekStart); err != nil {
		return nil, err
	}
	el, err := evtx.Parse(&w.rd, c, false)
	if err != nil && err != io.EOF {
		return nil, err
	}
	frag, ok := el.(*evtx.Fragment)
	if !ok {
		return nil, errors.New("record does not start with a BinXML fragment")
	}
	b := &w.b
	b.reset()
	for _, n := range b.fragment(frag) {
		if b.array {
			return nil, errArray
		}
		if n.name == "Event" {
			return n, nil
		}
	}
	return nil, errors.New("record has no <Event> element")
}

// builder turns golang-evtx's parsed BinXML (a template definition plus
// substitution values) into our node tree, in document order. Each template
// is compiled once per chunk into a plan with its names already converted;
// records then only fill in their values. The node tree of one record lives
// in slabs reused for the next record (fillEvent copies what it keeps).
type builder struct {
	data  []byte // the chunk, for values golang-evtx leaves undecoded
	depth int
	// out and chunkOut count what the record and the chunk produced:
	// elements and text, bounded as binxml bounds its own output (see
	// charge).
	out, chunkOut int
	array         bool              // the record uses an array of a type golang-evtx skips: see errArray
	items         []arrayItem       // array items standing in for their arrays (see expand)
	plans         map[int32][]*plan // compiled templates by definition offset

	nodes []node
	ptrs  []*node
	attrs []attr
}

// plan is one element of a compiled template.
type plan struct {
	name    string
	attrs   []planPiece // name set
	kids    []*plan
	content []planPiece
}

// planPiece is constant text, a substitution, or (rarely) another element
// to resolve per record.
type planPiece struct {
	name string
	kind pieceKind
	text string
	sub  int16
	el   evtx.Element
}

type pieceKind uint8

const (
	pieceText pieceKind = iota
	pieceSub
	pieceOther
)

// newChunk prepares b for the records of a new chunk.
func (b *builder) newChunk(data []byte) {
	b.data = data
	b.chunkOut = 0
	clear(b.plans)
	if b.plans == nil {
		b.plans = map[int32][]*plan{}
	}
}

// reset prepares the slabs for a new record.
func (b *builder) reset() {
	b.depth = 0
	b.out = 0
	b.array = false
	b.items = b.items[:0]
	clear(b.nodes)
	b.nodes = b.nodes[:0]
	clear(b.ptrs)
	b.ptrs = b.ptrs[:0]
	clear(b.attrs)
	b.attrs = b.attrs[:0]
}

// maxDepth bounds nesting of BinXML values inside values.
const maxDepth = 64

func (b *builder) fragment(f *evtx.Fragment) []*node {
	switch e := f.BinXMLElement.(type) {
	case *evtx.TemplateInstance:
		return b.template(e)
	}
	return nil
}

func (b *builder) template(ti *evtx.TemplateInstance) []*node {
	if b.depth >= maxDepth {
		return nil
	}
	b.depth++
	defer func() { b.depth-- }()
	key := ti.Definition.Header.DataOffset
	ps, ok := b.plans[key]
	if !ok || key == 0 {
		root := ti.Root()
		ps = make([]*plan, 0, len(root.Child))
		for _, c := range root.Child {
			if c.Start != nil {
				ps = append(ps, compile(c))
			}
		}
		if key != 0 {
			b.plans[key] = ps
		}
	}
	out := make([]*node, 0, len(ps))
	for _, p := range ps {
		out = b.expand(p, ti, out)
	}
	return out
}

func compile(n *evtx.Node) *plan {
	p := &plan{name: n.Start.Name.String()}
	for i := range n.Start.AttributeList.Attributes {
		a := &n.Start.AttributeList.Attributes[i]
		pc := piece(a.AttributeData)
		pc.name = a.Name.String()
		p.attrs = append(p.attrs, pc)
	}
	for _, c := range n.Child {
		if c.Start != nil {
			p.kids = append(p.kids, compile(c))
		}
	}
	for _, e := range n.Element {
		switch e.(type) {
		case *evtx.BinXMLEndElementTag, *evtx.BinXMLCloseStartElementTag, *evtx.BinXMLCloseEmptyElementTag, *evtx.BinXMLEOF, evtx.EmptyElement:
			continue
		}
		p.content = append(p.content, piece(e))
	}
	return p
}

func piece(e evtx.Element) planPiece {
	switch e := e.(type) {
	case *evtx.ValueText:
		return planPiece{kind: pieceText, text: e.String()}
	case *evtx.BinXMLEntityReference:
		return planPiece{kind: pieceText, text: e.String()}
	case *evtx.CharEntityRef:
		return planPiece{kind: pieceText, text: string(rune(uint16(e.Value)))}
	case *evtx.NormalSubstitution:
		return planPiece{kind: pieceSub, sub: e.SubID}
	case *evtx.OptionalSubstitution:
		return planPiece{kind: pieceSub, sub: e.SubID}
	}
	return planPiece{kind: pieceOther, el: e}
}

// charge counts n bytes of output. Past binxml's bounds it panics with
// binxml.ErrExpansion, which decode recovers: nested templates would
// otherwise build node trees without bound (a template-expansion bomb).
func (b *builder) charge(n int) {
	b.out += n
	b.chunkOut += n
	if b.out > binxml.MaxRecordOutput || b.chunkOut > binxml.MaxChunkOutput {
		panic(binxml.ErrExpansion)
	}
}

// newNode takes a node from the slab.
func (b *builder) newNode(name string) *node {
	b.charge(binxml.ItemCost)
	if len(b.nodes) == cap(b.nodes) {
		// A new slab; nodes handed out before stay valid in the old one.
		b.nodes = make([]node, 0, max(64, 2*cap(b.nodes)))
	}
	b.nodes = b.nodes[:len(b.nodes)+1]
	n := &b.nodes[len(b.nodes)-1]
	n.name = name
	return n
}

func (b *builder) instance(p *plan, ti *evtx.TemplateInstance) *node {
	x := b.newNode(p.name)
	if len(p.attrs) > 0 {
		if cap(b.attrs)-len(b.attrs) < len(p.attrs) {
			b.attrs = make([]attr, 0, max(64, 2*cap(b.attrs)))
		}
		start := len(b.attrs)
		for i := range p.attrs {
			pc := &p.attrs[i]
			var v string
			ok := true
			switch pc.kind {
			case pieceText:
				v = pc.text
			case pieceSub:
				if v, ok = b.item(ti, pc.sub); !ok {
					v, ok = b.scalar(subst(ti, pc.sub))
				}
			default:
				ok = false
			}
			if ok {
				b.charge(len(pc.name) + len(v))
				b.attrs = append(b.attrs, attr{name: pc.name, value: v})
			}
		}
		x.attrs = b.attrs[start:len(b.attrs):len(b.attrs)]
	}
	if len(p.kids) > 0 {
		if cap(b.ptrs)-len(b.ptrs) < len(p.kids) {
			b.ptrs = make([]*node, 0, max(64, 2*cap(b.ptrs), len(p.kids)))
		}
		start := len(b.ptrs)
		b.ptrs = b.ptrs[:start+len(p.kids)]
		kids := b.ptrs[start : start+len(p.kids) : start+len(p.kids)]
		var more []*node // set once an array makes a kid more than one element
		for i, k := range p.kids {
			if sub, items := b.arrayIn(k, ti); len(items) > 1 {
				if more == nil {
					more = append(make([]*node, 0, len(p.kids)+len(items)), kids[:i]...)
				}
				more = b.expandItems(k, ti, sub, items, more)
				continue
			}
			n := b.instance(k, ti)
			if more != nil {
				more = append(more, n)
			} else {
				kids[i] = n
			}
		}
		x.kids = kids
		if more != nil {
			x.kids = more
		}
	}
	for i := range p.content {
		pc := &p.content[i]
		switch pc.kind {
		case pieceText:
			b.charge(len(pc.text))
			x.text += pc.text
		case pieceSub:
			if v, ok := b.item(ti, pc.sub); ok {
				b.charge(len(v))
				x.text += v
				continue
			}
			b.contentValue(x, subst(ti, pc.sub))
		default:
			b.contentValue(x, pc.el)
		}
	}
	return x
}

// arrayItem is one item of an array substitution, standing in for the
// array while the element that holds it is built once per item.
type arrayItem struct {
	ti   *evtx.TemplateInstance
	sub  int16
	text string
}

// expand builds the element p once, or once per item when its own content
// or attributes hold an array substitution of more than one item, as
// Windows renders arrays (MS-EVEN6 3.1.4.7.5; binxml does the same). The
// elements are appended to dst.
func (b *builder) expand(p *plan, ti *evtx.TemplateInstance, dst []*node) []*node {
	if sub, items := b.arrayIn(p, ti); len(items) > 1 {
		return b.expandItems(p, ti, sub, items, dst)
	}
	return append(dst, b.instance(p, ti))
}

func (b *builder) expandItems(p *plan, ti *evtx.TemplateInstance, sub int16, items []string, dst []*node) []*node {
	for _, it := range items {
		b.items = append(b.items, arrayItem{ti, sub, it})
		dst = append(dst, b.instance(p, ti))
		b.items = b.items[:len(b.items)-1]
	}
	return dst
}

// item returns the array item standing in for substitution sub of ti.
func (b *builder) item(ti *evtx.TemplateInstance, sub int16) (string, bool) {
	for i := len(b.items) - 1; i >= 0; i-- {
		if it := &b.items[i]; it.ti == ti && it.sub == sub {
			return it.text, true
		}
	}
	return "", false
}

// arrayIn returns the first array substitution among p's own attributes
// and content, and its items. golang-evtx leaves out the empty strings of
// a string array (Windows and binxml keep them).
func (b *builder) arrayIn(p *plan, ti *evtx.TemplateInstance) (sub int16, items []string) {
	for _, pcs := range [2][]planPiece{p.attrs, p.content} {
		for i := range pcs {
			pc := &pcs[i]
			if pc.kind != pieceSub {
				continue
			}
			if _, ok := b.item(ti, pc.sub); ok {
				continue
			}
			if items := arrayItems(subst(ti, pc.sub)); items != nil {
				return pc.sub, items
			}
		}
	}
	return 0, nil
}

// arrayItems renders the items of the array types golang-evtx decodes; nil
// for anything else.
func arrayItems(v evtx.Element) []string {
	var out []string
	switch v := v.(type) {
	case *evtx.ValueStringTable:
		ss, _ := v.Value().([]evtx.UTF16String)
		out = make([]string, 0, len(ss))
		for _, u := range ss {
			out = append(out, utf16String(u))
		}
	case *evtx.ValueArrayUInt16:
		ns, _ := v.Value().([]uint16)
		out = make([]string, 0, len(ns))
		for _, n := range ns {
			out = append(out, strconv.FormatUint(uint64(n), 10))
		}
	case *evtx.ValueArrayUInt64:
		ns, _ := v.Value().([]uint64)
		out = make([]string, 0, len(ns))
		for _, n := range ns {
			out = append(out, strconv.FormatUint(n, 10))
		}
	}
	return out
}

// subst returns the value a substitution refers to, nil when out of range.
func subst(ti *evtx.TemplateInstance, id int16) evtx.Element {
	if id < 0 || int(id) >= len(ti.Data.Values) {
		return nil
	}
	return ti.Data.Values[id]
}

func (b *builder) contentValue(x *node, v evtx.Element) {
	switch v := v.(type) {
	case *evtx.Fragment:
		x.kids = append(x.kids, b.fragment(v)...)
	case *evtx.TemplateInstance:
		x.kids = append(x.kids, b.template(v)...)
	default:
		s, _ := b.scalar(v)
		b.charge(len(s))
		if x.text == "" {
			x.text = s
		} else {
			x.text += s
		}
	}
}

// scalar renders a substitution value as Windows renders it in XML. ok is
// false for NULL (an attribute with a NULL value is left out).
func (b *builder) scalar(v evtx.Element) (s string, ok bool) {
	switch v := v.(type) {
	case nil, *evtx.ValueNull:
		return "", false
	case *evtx.ValueString:
		u, _ := v.Value().(evtx.UTF16String)
		return utf16String(u), true
	// The integer types, without golang-evtx's fmt.Sprintf.
	case *evtx.ValueUInt8:
		n, _ := v.Value().(uint8)
		return strconv.FormatUint(uint64(n), 10), true
	case *evtx.ValueUInt16:
		n, _ := v.Value().(uint16)
		return strconv.FormatUint(uint64(n), 10), true
	case *evtx.ValueUInt32:
		n, _ := v.Value().(uint32)
		return strconv.FormatUint(uint64(n), 10), true
	case *evtx.ValueUInt64:
		n, _ := v.Value().(uint64)
		return strconv.FormatUint(n, 10), true
	case *evtx.ValueInt8:
		n, _ := v.Value().(int8)
		return strconv.FormatInt(int64(n), 10), true
	case *evtx.ValueInt16:
		n, _ := v.Value().(int16)
		return strconv.FormatInt(int64(n), 10), true
	case *evtx.ValueInt32:
		n, _ := v.Value().(int32)
		return strconv.FormatInt(int64(n), 10), true
	case *evtx.ValueInt64:
		n, _ := v.Value().(int64)
		return strconv.FormatInt(n, 10), true
	case *evtx.ValueBool:
		// Windows renders any non-zero value true; golang-evtx's own
		// Value is true for 1 only.
		if n, _ := v.ValueInt32.Value().(int32); n != 0 {
			return "true", true
		}
		return "false", true
	case *evtx.AnsiString:
		return strings.TrimRight(v.String(), "\x00"), true
	case *evtx.ValueFileTime:
		if t, ok := v.Repr().(evtx.UTCTime); ok {
			return winTime(time.Time(t)), true
		}
		return v.String(), true
	case *evtx.ValueSysTime:
		return winTime(time.Time(v.Time())), true
	case *evtx.ValueGUID:
		return "{" + v.String() + "}", true
	case *evtx.ValueHexInt32:
		// Not v.Value(): golang-evtx's HexInt Value methods recurse forever.
		u, _ := v.ValueUInt32.Value().(uint32)
		return "0x" + strconv.FormatUint(uint64(u), 16), true
	case *evtx.ValueHexInt64:
		u, _ := v.ValueUInt64.Value().(uint64)
		return "0x" + strconv.FormatUint(u, 16), true
	case *evtx.ValueStringTable, *evtx.ValueArrayUInt16, *evtx.ValueArrayUInt64:
		// Not expanded (a second array in one element): items joined
		// with commas, as binxml does.
		return strings.Join(arrayItems(v), ","), true
	case *evtx.UnkVal:
		if v.Desc.ValType.IsArray() {
			b.array = true
		}
		return b.unknown(v), true
	case *evtx.ValueText:
		return v.String(), true
	case *evtx.Fragment, *evtx.TemplateInstance:
		var x node
		b.contentValue(&x, v)
		var sb strings.Builder
		for _, k := range x.kids {
			writeXML(&sb, k, 0)
		}
		return sb.String(), true
	case evtx.Value:
		return v.String(), true
	}
	return "", false
}

// utf16String converts a UTF-16 string up to its first NUL, as Windows
// renders it, with one allocation.
func utf16String(u []uint16) string {
	for i, c := range u {
		if c == 0 {
			u = u[:i]
			break
		}
	}
	var b strings.Builder
	b.Grow(len(u))
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c < utf8.RuneSelf:
			b.WriteByte(byte(c))
		case utf16.IsSurrogate(rune(c)):
			r := utf8.RuneError // a lone surrogate
			if i+1 < len(u) {
				if d := utf16.DecodeRune(rune(c), rune(u[i+1])); d != utf8.RuneError {
					r = d
					i++
				}
			}
			b.WriteRune(r)
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// unknown renders value types golang-evtx skips (SizeT, Real32, rare
// arrays) from the chunk bytes.
func (b *builder) unknown(u *evtx.UnkVal) string {
	start, size := u.Offset, int64(u.Desc.Size)
	if start < 0 || start+size > int64(len(b.data)) {
		return ""
	}
	raw := b.data[start : start+size]
	switch {
	case u.Token == evtx.SizeTType && size == 8:
		return "0x" + strconv.FormatUint(binary.LittleEndian.Uint64(raw), 16)
	case u.Token == evtx.SizeTType && size == 4:
		return "0x" + strconv.FormatUint(uint64(binary.LittleEndian.Uint32(raw)), 16)
	case u.Token == evtx.Real32Type && size == 4:
		return strconv.FormatFloat(float64(math.Float32frombits(binary.LittleEndian.Uint32(raw))), 'g', -1, 32)
	}
	return strings.ToUpper(hex.EncodeToString(raw))
}
