package model

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	stdlog "log"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/0xrawsec/golang-evtx/evtx"
	evtxlog "github.com/0xrawsec/golang-utils/log"
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
	minRecordSize    = recordHeaderSize + 4 + 4 // header, at least a token, size copy
)

var recordMagic = []byte{0x2a, 0x2a, 0x00, 0x00}

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
	failed             bool // golang-evtx alone would have rejected the chunk
	bytes              int64
}

// evtxWorker parses chunks; each worker goroutine owns one so its 64 KiB
// buffer and reader are reused from chunk to chunk.
type evtxWorker struct {
	buf []byte
	rd  budgetReader
	b   builder
}

// budgetReader is the reader golang-evtx parses from. It limits the reads
// and seeks one record (or one template table) may take: a hostile or
// corrupt record whose templates refer to themselves would otherwise send
// the library into endless recursion, which ends in a fatal stack overflow
// that recover cannot catch. Past the budget it panics with errBudget,
// which decode recovers into an ordinary decode error.
type budgetReader struct {
	bytes.Reader
	left int
}

// readBudget is far above what real records need (a few hundred reads;
// see TestReadBudget) and far below a dangerous recursion depth.
const readBudget = 200_000

var errBudget = errors.New("BinXML too deeply nested or self-referencing (read budget exceeded)")

func (r *budgetReader) reset(data []byte) {
	r.Reader.Reset(data)
	r.left = readBudget
}

func (r *budgetReader) Read(p []byte) (int, error) {
	if r.left--; r.left < 0 {
		panic(errBudget)
	}
	return r.Reader.Read(p)
}

func (r *budgetReader) Seek(off int64, whence int) (int64, error) {
	if r.left--; r.left < 0 {
		panic(errBudget)
	}
	return r.Reader.Seek(off, whence)
}

func newEVTXWorker() *evtxWorker {
	return &evtxWorker{buf: make([]byte, chunkSize)}
}

// scanEVTX finds chunks by their signature in every 64 KiB slot of the file,
// whatever the file header claims: headers of real logs are often stale or
// dirty. A file that starts with a chunk (a carved chunk) has its slots from
// offset 0.
func scanEVTX(ra io.ReaderAt, size int64) (slots []int64, problems []Problem) {
	var magic [8]byte
	base := int64(fileHeaderSize)
	if n, _ := ra.ReadAt(magic[:], 0); n == 8 && string(magic[:]) == chunkMagic {
		base = 0
	}
	if size < base+chunkDataStart {
		problems = append(problems, Problem{Chunk: -1, Offset: -1, Reason: fmt.Sprintf("file too short (%d bytes) to hold a chunk", size)})
		return nil, problems
	}
	for off, i := base, 0; off+chunkDataStart <= size; off, i = off+chunkSize, i+1 {
		n, _ := ra.ReadAt(magic[:], off)
		if n < 8 {
			break
		}
		if string(magic[:]) == chunkMagic {
			slots = append(slots, off)
			continue
		}
		if magic != [8]byte{} {
			problems = append(problems, Problem{Chunk: i, Offset: off, Reason: fmt.Sprintf("no chunk signature in 64 KiB slot %d (found %q); slot skipped", i, magic[:])})
		}
	}
	if rest := (size - base) % chunkSize; rest != 0 && rest < chunkDataStart {
		k := int((size - base) / chunkSize)
		problems = append(problems, Problem{Chunk: k, Offset: size - rest, Reason: fmt.Sprintf("file ends %d bytes into 64 KiB slot %d: truncated, nothing readable there", rest, k)})
	} else if rest != 0 && (len(slots) == 0 || slots[len(slots)-1] != size-rest) {
		k := int((size - base) / chunkSize)
		problems = append(problems, Problem{Chunk: k, Offset: size - rest, Reason: fmt.Sprintf("file ends %d bytes into 64 KiB slot %d, which holds no chunk: truncated", rest, k)})
	}
	if len(slots) == 0 {
		problems = append(problems, Problem{Chunk: -1, Offset: -1, Reason: "no EVTX chunk found"})
	}
	return slots, problems
}

// chunk reads and parses the chunk at off. It never panics: golang-evtx runs
// under recover, per chunk and per record.
func (w *evtxWorker) chunk(ra io.ReaderAt, size int64, name string, idx int, off int64) (res chunkResult) {
	n := int64(chunkSize)
	if size-off < n {
		n = size - off
	}
	res.bytes = n
	read, err := ra.ReadAt(w.buf[:n], off)
	if read < int(n) {
		res.failed = true
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: fmt.Sprintf("read error after %d bytes: %v", read, err)})
		n = int64(read)
	}
	data := w.buf[:n]
	if n < chunkSize {
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: fmt.Sprintf("chunk truncated at end of file (%d of %d bytes); complete records read", n, chunkSize)})
	}
	if n < chunkDataStart {
		res.failed = true
		return res
	}

	c, herr, terr := w.prepareChunk(off, data)
	if herr != nil {
		res.failed = true
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: "chunk header: " + herr.Error() + "; records read by walking the record chain"})
	}
	if terr != nil {
		res.failed = true
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: off, Reason: "template table: " + terr.Error() + "; templates parsed where records use them"})
	}
	h := &c.Header

	// Room for the records the header announces, within reason.
	if est := h.LastEventRecID - h.FirstEventRecID + 1; est > 0 && est < 4096 {
		res.events = make([]Event, 0, est)
	}
	w.walk(c, name, idx, &res)
	return res
}

// prepare sets up a golang-evtx Chunk over data (read from off) without
// the library's File: its chunk header and template table.
func (w *evtxWorker) prepare(off int64, data []byte) *evtx.Chunk {
	c, _, _ := w.prepareChunk(off, data)
	return c
}

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
	templateErr = w.templates(c)
	w.b.newChunk(data)
	return c, headerErr, templateErr
}

// templates parses the chunk's template table. Failure is not fatal:
// golang-evtx parses a template inline when a record uses one it has not seen.
func (w *evtxWorker) templates(c *evtx.Chunk) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("golang-evtx panicked: %v", r)
		}
	}()
	w.rd.reset(c.Data)
	if _, err := w.rd.Seek(chunkDataStart-0x80, io.SeekStart); err != nil {
		return err
	}
	return c.ParseTemplateTable(&w.rd)
}

// walk follows the chunk's record chain itself (magic, size, size copy), so
// one bad record costs that record only: after it the walk resynchronises on
// the next valid record header. Every record header found becomes an event,
// decoded or not. The chain ends at the header's free-space offset; past it
// lies slack (stale bytes of older records), which is only read while the
// chain visibly continues (next record ID), as in chunks whose header was not
// updated before the log was copied.
func (w *evtxWorker) walk(c *evtx.Chunk, name string, idx int, res *chunkResult) {
	data := c.Data
	end := len(data)
	h := &c.Header
	limit := end
	if f := int(h.Freespace); f >= chunkDataStart && f < end {
		limit = f
	}
	first, last := uint64(h.FirstEventRecID), uint64(h.LastEventRecID)
	idsKnown := h.Validate() == nil && first <= last && last-first < chunkSize
	var prevID uint64
	havePrev := false
	// plausible says whether a record ID found by resynchronising belongs
	// to this chunk's chain rather than to slack.
	plausible := func(id uint64) bool {
		if havePrev && id <= prevID {
			return false
		}
		return !idsKnown || (id >= first && id <= last)
	}
	problem := func(off int, id uint64, reason string) {
		res.problems = append(res.problems, Problem{Chunk: idx, Offset: c.Offset + int64(off), Record: id, Reason: reason})
	}
	pastFree := false
	off := chunkDataStart
	for off+recordHeaderSize <= end {
		if off >= limit {
			// Slack, unless the chain continues with the next record ID.
			if !havePrev || !bytes.Equal(data[off:off+4], recordMagic) ||
				binary.LittleEndian.Uint64(data[off+8:]) != prevID+1 || !validRecord(data, off) {
				return
			}
			if !pastFree {
				pastFree = true
				problem(off, 0, fmt.Sprintf("records continue past the free-space offset %#x the chunk header gives; read on", limit))
			}
		} else if !bytes.Equal(data[off:off+4], recordMagic) {
			next := nextRecord(data, off+1, limit, plausible)
			stop := limit
			if next >= 0 {
				stop = next
			}
			if !allZero(data[off:stop]) || (next < 0 && off < int(h.OffsetLastRec) && int(h.OffsetLastRec) < end) {
				reason := fmt.Sprintf("no record at chunk offset %#x (magic %x)", off, data[off:off+4])
				if next >= 0 {
					reason += fmt.Sprintf("; resynchronised at %#x", next)
				} else if off < int(h.OffsetLastRec) {
					reason += fmt.Sprintf("; chain ends before the last record offset %#x the chunk header gives", h.OffsetLastRec)
				}
				res.failed = true
				problem(off, 0, reason)
			}
			if next < 0 {
				return
			}
			off = next
			continue
		}
		size := int(binary.LittleEndian.Uint32(data[off+4:]))
		id := binary.LittleEndian.Uint64(data[off+8:])
		ts := fileTime(binary.LittleEndian.Uint64(data[off+16:]))
		ev := Event{File: name, Offset: c.Offset + int64(off), RecordID: id, Time: ts}
		note, bad := "", ""
		switch {
		case size < minRecordSize:
			bad = fmt.Sprintf("record size %d too small", size)
		case off+size > end && end < chunkSize && off+size <= chunkSize:
			// The file ends inside this record. golang-evtx reads such a
			// record zero-padded; keep it if that decodes.
			clear(w.buf[end : off+size])
			c.Data = w.buf[:off+size]
			w.b.data = c.Data
			note = "cut off by the end of the file; decoded from the part present"
		case off+size > end:
			bad = fmt.Sprintf("record size %d runs past the chunk end", size)
		case int(binary.LittleEndian.Uint32(data[off+size-4:])) != size:
			note = fmt.Sprintf("size %d does not match its trailing copy %d", size, binary.LittleEndian.Uint32(data[off+size-4:]))
		}
		if bad == "" {
			root, err := w.decode(c, off)
			if err != nil {
				bad = "not decoded by golang-evtx: " + err.Error()
				if note != "" {
					bad = note + "; " + bad
				}
			} else {
				fillEvent(&ev, root)
				ev.Decoded = true
				if ev.RecordID == 0 {
					ev.RecordID = id
				}
				if ev.Time.IsZero() {
					ev.Time = ts
				}
				res.decoded++
				res.events = append(res.events, ev)
				if note != "" {
					res.failed = true
					problem(off, id, fmt.Sprintf("record %d: %s", id, note))
				}
				prevID, havePrev = id, true
				off += size
				continue
			}
		}
		ev.DecodeError = bad
		res.undecoded++
		res.events = append(res.events, ev)
		prevID, havePrev = id, true
		if off+size > end || size < minRecordSize || note != "" {
			// The size cannot be trusted: find the next record.
			res.failed = true
			next := nextRecord(data, off+4, limit, plausible)
			reason := fmt.Sprintf("record %d: %s; kept undecoded", id, bad)
			if next >= 0 {
				reason += fmt.Sprintf(", resynchronised at %#x", next)
			}
			problem(off, id, reason)
			if next < 0 {
				return
			}
			off = next
			continue
		}
		problem(off, id, fmt.Sprintf("record %d: %s; kept undecoded", id, bad))
		off += size
	}
}

// validRecord reports whether a plausible record header (magic, sane size,
// matching size copy) starts at off.
func validRecord(data []byte, off int) bool {
	if off+recordHeaderSize > len(data) || !bytes.Equal(data[off:off+4], recordMagic) {
		return false
	}
	size := int(binary.LittleEndian.Uint32(data[off+4:]))
	return size >= minRecordSize && off+size <= len(data) && int(binary.LittleEndian.Uint32(data[off+size-4:])) == size
}

// nextRecord returns the offset of the next valid record header in
// [from, limit) whose ID ok accepts, or -1.
func nextRecord(data []byte, from, limit int, ok func(id uint64) bool) int {
	for from < limit {
		i := bytes.Index(data[from:limit], recordMagic)
		if i < 0 {
			return -1
		}
		off := from + i
		if validRecord(data, off) && ok(binary.LittleEndian.Uint64(data[off+8:])) {
			return off
		}
		from = off + 1
	}
	return -1
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// fileTime converts a FILETIME (100 ns ticks since 1601) to UTC.
func fileTime(ft uint64) time.Time {
	const ticksTo1970 = 116444736000000000
	d := int64(ft) - ticksTo1970
	if ft > math.MaxInt64 {
		return time.Time{}
	}
	return time.Unix(d/1e7, (d%1e7)*100).UTC()
}

// decode runs golang-evtx on the record at off and turns the result into an
// ordered node tree rooted at <Event>. It recovers the library's panics.
func (w *evtxWorker) decode(c *evtx.Chunk, off int) (root *node, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errBudget {
				root, err = nil, errBudget
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
	plans map[int32][]*plan // compiled templates by definition offset

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
	clear(b.plans)
	if b.plans == nil {
		b.plans = map[int32][]*plan{}
	}
}

// reset prepares the slabs for a new record.
func (b *builder) reset() {
	b.depth = 0
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
		out = append(out, b.instance(p, ti))
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

// newNode takes a node from the slab.
func (b *builder) newNode(name string) *node {
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
				v, ok = b.scalar(subst(ti, pc.sub))
			default:
				ok = false
			}
			if ok {
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
		for i, k := range p.kids {
			kids[i] = b.instance(k, ti)
		}
		x.kids = kids
	}
	for i := range p.content {
		pc := &p.content[i]
		switch pc.kind {
		case pieceText:
			x.text += pc.text
		case pieceSub:
			b.contentValue(x, subst(ti, pc.sub))
		default:
			b.contentValue(x, pc.el)
		}
	}
	return x
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
		if t, _ := v.Value().(bool); t {
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
	case *evtx.ValueStringTable:
		ss, _ := v.Repr().([]string)
		return strings.Join(ss, ", "), true
	case *evtx.UnkVal:
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

// utf16String converts a UTF-16 string, dropping trailing NULs, with one
// allocation.
func utf16String(u []uint16) string {
	for len(u) > 0 && u[len(u)-1] == 0 {
		u = u[:len(u)-1]
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
