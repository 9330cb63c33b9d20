package cache

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"time"

	"eventlens/i18n/reason"
	"eventlens/model"
)

// An entry file is a fixed header followed by a body:
//
//	magic [8]byte "ELIDX\x00\r\n"
//	format uint16, schema uint16 (little endian)
//	crc    uint32: CRC-32C of the body
//	length uint64: length of the body
//	body:
//	  key     path (uvarint length + bytes), size uvarint, mtime varint (ns), sum 8 bytes
//	  strings count uvarint, count lengths (uvarint), then the bytes of all strings back to back
//	  report  see appendReport
//	  events  count uvarint, then each event (see encoder.event)
//
// Every string in the report and the events is an index into the string
// table; index 0 is the empty string. Event.File, FileReport.Path and the
// catalog's Class and CatalogID are not stored: the first two are the name
// the user gave in this run, the last two are recomputed because the
// catalog may have changed.
const (
	magic = "ELIDX\x00\r\n"

	// FormatVersion is the version of the entry encoding; bump it when the
	// layout changes. It also names the default directory (index-v1).
	FormatVersion = 1
	// SchemaVersion is the version of model.Event and model.FileReport as
	// the codec knows them; bump it when a field is added, removed or
	// changes meaning (TestSchemaCovered fails until the codec is updated).
	// 3: a problem's reason is a kind with arguments and parts
	// (appendReason), named by its English text.
	SchemaVersion = 3

	headerSize = 24
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errCorrupt is the error of every decoding failure: the entry is thrown
// away and the file loaded again.
var errCorrupt = errors.New("cache entry corrupt")

// key identifies one version of one file. A file that changed in size,
// modification time, header or last 64 KiB gets a new key.
type key struct {
	path  string // absolute
	size  int64
	mtime int64 // ns since 1970
	sum   uint64
}

// encoder builds an entry body incrementally, event batch by event batch,
// so a file's events need not be kept until the file is complete.
type encoder struct {
	strIdx map[string]uint32
	lens   []byte // uvarint lengths of the strings, in index order
	blob   []byte // the strings' bytes
	nstr   int

	events  []byte
	nevents int
	prevOff int64
	prevRec uint64
	prevSec int64
}

func newEncoder() *encoder {
	return &encoder{strIdx: map[string]uint32{"": 0}, lens: []byte{0}, nstr: 1, events: make([]byte, 0, 1<<16)}
}

// size is about what the entry will take on disk.
func (e *encoder) size() int { return len(e.lens) + len(e.blob) + len(e.events) }

func (e *encoder) str(s string) {
	if s == "" {
		e.events = append(e.events, 0)
		return
	}
	e.events = binary.AppendUvarint(e.events, uint64(e.intern(s)))
}

func (e *encoder) intern(s string) uint32 {
	if i, ok := e.strIdx[s]; ok {
		return i
	}
	i := uint32(e.nstr)
	e.nstr++
	e.strIdx[s] = i
	e.lens = binary.AppendUvarint(e.lens, uint64(len(s)))
	e.blob = append(e.blob, s...)
	return i
}

// Event flags.
const (
	flagHasQualifiers = 1 << iota
	flagDecoded
	flagTime // Time is not the zero time
)

func (e *encoder) event(ev *model.Event) {
	var flags byte
	if ev.HasQualifiers {
		flags |= flagHasQualifiers
	}
	if ev.Decoded {
		flags |= flagDecoded
	}
	if !ev.Time.IsZero() {
		flags |= flagTime
	}
	b := append(e.events, flags)
	b = binary.AppendVarint(b, ev.Offset-e.prevOff)
	b = binary.AppendVarint(b, int64(ev.RecordID-e.prevRec))
	e.prevOff, e.prevRec = ev.Offset, ev.RecordID
	if flags&flagTime != 0 {
		t := ev.Time.UTC()
		sec := t.Unix()
		b = binary.AppendVarint(b, sec-e.prevSec)
		b = binary.AppendUvarint(b, uint64(t.Nanosecond()))
		e.prevSec = sec
	}
	b = append(b, byte(ev.Level), ev.Version, ev.Opcode)
	b = binary.AppendUvarint(b, uint64(ev.EventID))
	b = binary.AppendUvarint(b, uint64(ev.Qualifiers))
	b = binary.AppendUvarint(b, uint64(ev.Task))
	b = binary.AppendUvarint(b, ev.Keywords)
	b = binary.AppendUvarint(b, uint64(ev.ProcessID))
	b = binary.AppendUvarint(b, uint64(ev.ThreadID))
	e.events = b
	for _, s := range [...]string{ev.Provider, ev.ProviderGUID, ev.EventSourceName, ev.Channel, ev.Computer,
		ev.UserSID, ev.TaskName, ev.Binary, ev.Message, ev.MessageCulture, ev.DecodeError} {
		e.str(s)
	}
	e.data(ev.Data)
	e.data(ev.UserData)
	e.nevents++
}

func (e *encoder) data(d []model.Data) {
	e.events = binary.AppendUvarint(e.events, uint64(len(d)))
	for i := range d {
		e.str(d[i].Name)
		e.str(d[i].Value)
	}
}

// finish returns the pieces of the entry file, header first. It interns
// the report's strings, so the encoder must not be used afterwards.
func (e *encoder) finish(k key, rep *model.FileReport) [][]byte {
	var kb []byte
	kb = binary.AppendUvarint(kb, uint64(len(k.path)))
	kb = append(kb, k.path...)
	kb = binary.AppendUvarint(kb, uint64(k.size))
	kb = binary.AppendVarint(kb, k.mtime)
	kb = binary.LittleEndian.AppendUint64(kb, k.sum)

	var rb []byte
	rb = appendReport(rb, e, rep)
	rb = binary.AppendUvarint(rb, uint64(e.nevents))

	strHead := binary.AppendUvarint(nil, uint64(e.nstr))
	body := [][]byte{kb, strHead, e.lens, e.blob, rb, e.events}
	var crc uint32
	var n int
	for _, p := range body {
		crc = crc32.Update(crc, castagnoli, p)
		n += len(p)
	}
	h := make([]byte, headerSize)
	copy(h, magic)
	binary.LittleEndian.PutUint16(h[8:], FormatVersion)
	binary.LittleEndian.PutUint16(h[10:], SchemaVersion)
	binary.LittleEndian.PutUint32(h[12:], crc)
	binary.LittleEndian.PutUint64(h[16:], uint64(n))
	return append([][]byte{h}, body...)
}

func appendReport(b []byte, e *encoder, r *model.FileReport) []byte {
	ref := func(b []byte, s string) []byte { return binary.AppendUvarint(b, uint64(e.intern(s))) }
	b = ref(b, r.Format)
	b = binary.AppendUvarint(b, uint64(r.Size))
	for _, n := range [...]int{r.ChunksFound, r.ChunksParsed, r.ChunksFailed, r.RecordsDecoded, r.RecordsUndecoded, r.RecordsFallback, r.RecordsSkipped} {
		b = binary.AppendUvarint(b, uint64(n))
	}
	b = binary.AppendUvarint(b, uint64(len(r.Problems)))
	for _, p := range r.Problems {
		b = binary.AppendVarint(b, int64(p.Chunk))
		b = binary.AppendVarint(b, p.Offset)
		b = binary.AppendUvarint(b, p.Record)
		b = appendReason(b, e, p.Reason)
	}
	return b
}

// appendReason encodes r as its kind's English text (which names the
// kind across versions of eventlens whatever its number), its arguments
// and its parts.
func appendReason(b []byte, e *encoder, r reason.Reason) []byte {
	b = binary.AppendUvarint(b, uint64(e.intern(r.Kind.Format())))
	b = binary.AppendUvarint(b, uint64(len(r.Args)))
	for _, a := range r.Args {
		b = binary.AppendUvarint(b, uint64(e.intern(a)))
	}
	b = binary.AppendUvarint(b, uint64(len(r.Parts)))
	for _, p := range r.Parts {
		b = appendReason(b, e, p)
	}
	return b
}

// maxReasonDepth bounds how deep reason parts nest in an entry, so a
// damaged one cannot recurse without end.
const maxReasonDepth = 8

// reason decodes what appendReason wrote; a kind this eventlens does not
// know marks the entry bad, so the file is read again.
func (en *entry) reason(depth int) reason.Reason {
	format := en.str()
	k, ok := reason.KindOf(format)
	if format == "" {
		k, ok = reason.None, true
	}
	if !ok || depth > maxReasonDepth {
		en.r.bad = true
		return reason.Reason{}
	}
	r := reason.Reason{Kind: k}
	if n := en.r.count(1); n > 0 {
		r.Args = make([]string, n)
		for i := range r.Args {
			r.Args[i] = en.str()
		}
	}
	if n := en.r.count(2); n > 0 {
		r.Parts = make([]reason.Reason, n)
		for i := range r.Parts {
			r.Parts[i] = en.reason(depth + 1)
		}
	}
	return r
}

// checkHeader checks an entry's fixed header and returns the body length
// and checksum it announces.
func checkHeader(h []byte) (n uint64, crc uint32, err error) {
	if len(h) < headerSize || string(h[:8]) != magic {
		return 0, 0, errCorrupt
	}
	if f, s := binary.LittleEndian.Uint16(h[8:]), binary.LittleEndian.Uint16(h[10:]); f != FormatVersion || s != SchemaVersion {
		return 0, 0, fmt.Errorf("cache entry version %d/%d, want %d/%d", f, s, FormatVersion, SchemaVersion)
	}
	return binary.LittleEndian.Uint64(h[16:]), binary.LittleEndian.Uint32(h[12:]), nil
}

// reader decodes a body. Every read is bounds-checked; the first failure
// sets bad, after which every read returns zero, so callers check once.
type reader struct {
	b   []byte
	off int
	bad bool
}

func (r *reader) uvarint() uint64 {
	if r.off < len(r.b) && r.b[r.off] < 0x80 {
		v := uint64(r.b[r.off])
		r.off++
		return v
	}
	if r.bad {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.bad = true
		r.off = len(r.b)
		return 0
	}
	r.off += n
	return v
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a count of items that each take at least min bytes, and
// fails rather than return more than the rest of the body can hold, so a
// corrupt count never causes a huge allocation.
func (r *reader) count(min int) int {
	v := r.uvarint()
	if v > uint64(len(r.b)-r.off)/uint64(min) {
		r.bad = true
		r.off = len(r.b)
		return 0
	}
	return int(v)
}

func (r *reader) byte() byte {
	if r.off >= len(r.b) {
		r.bad = true
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *reader) bytes(n int) []byte {
	if n < 0 || n > len(r.b)-r.off {
		r.bad = true
		r.off = len(r.b)
		return nil
	}
	p := r.b[r.off : r.off+n]
	r.off += n
	return p
}

func (r *reader) u16() uint16 {
	v := r.uvarint()
	if v > math.MaxUint16 {
		r.bad = true
	}
	return uint16(v)
}

func (r *reader) u32() uint32 {
	v := r.uvarint()
	if v > math.MaxUint32 {
		r.bad = true
	}
	return uint32(v)
}

func (r *reader) int() int {
	v := r.uvarint()
	if v > math.MaxInt32 {
		r.bad = true
	}
	return int(v)
}

func readKey(r *reader) key {
	var k key
	k.path = string(r.bytes(r.count(1)))
	k.size = int64(r.uvarint())
	k.mtime = r.varint()
	if p := r.bytes(8); p != nil {
		k.sum = binary.LittleEndian.Uint64(p)
	}
	return k
}

// entry is a decoded body up to the events, which are decoded batch by
// batch with next.
type entry struct {
	key    key
	rep    model.FileReport
	events int // number of events in the entry

	r       reader
	strs    []string
	left    int
	prevOff int64
	prevRec uint64
	prevSec int64
}

// parseEntry checks data (a whole entry file) and decodes everything but
// the events.
func parseEntry(data []byte) (*entry, error) {
	n, crc, err := checkHeader(data)
	if err != nil {
		return nil, err
	}
	body := data[headerSize:]
	if uint64(len(body)) != n || crc32.Checksum(body, castagnoli) != crc {
		return nil, errCorrupt
	}
	en := &entry{r: reader{b: body}}
	r := &en.r
	en.key = readKey(r)

	nstr := r.count(1)
	if r.bad || nstr == 0 {
		return nil, errCorrupt
	}
	lens := make([]int, nstr)
	total := 0
	for i := range lens {
		l := r.uvarint()
		if l > uint64(len(body)) {
			return nil, errCorrupt
		}
		lens[i] = int(l)
		total += int(l)
		if total > len(body) {
			return nil, errCorrupt
		}
	}
	blob := r.bytes(total)
	if r.bad || lens[0] != 0 {
		return nil, errCorrupt
	}
	// One allocation for every string of the entry; the events' strings
	// share it.
	all := string(blob)
	en.strs = make([]string, nstr)
	off := 0
	for i, l := range lens {
		en.strs[i] = all[off : off+l]
		off += l
	}

	rep := &en.rep
	rep.Format = en.str()
	rep.Size = int64(r.uvarint())
	for _, p := range [...]*int{&rep.ChunksFound, &rep.ChunksParsed, &rep.ChunksFailed, &rep.RecordsDecoded, &rep.RecordsUndecoded, &rep.RecordsFallback, &rep.RecordsSkipped} {
		*p = r.int()
	}
	if np := r.count(4); np > 0 {
		rep.Problems = make([]model.Problem, np)
		for i := range rep.Problems {
			p := &rep.Problems[i]
			c := r.varint()
			if c < math.MinInt32 || c > math.MaxInt32 {
				r.bad = true
			}
			p.Chunk = int(c)
			p.Offset = r.varint()
			p.Record = r.uvarint()
			p.Reason = en.reason(0)
		}
	}
	en.events = r.count(minEventSize)
	en.left = en.events
	if r.bad {
		return nil, errCorrupt
	}
	return en, nil
}

// minEventSize is the fewest bytes an event takes: flags, offset and record
// deltas (at least 1 byte each, time omitted), 3 single bytes, 6 numbers,
// 11 strings and 2 Data counts.
const minEventSize = 1 + 2 + 3 + 6 + 11 + 2

func (en *entry) str() string {
	i := en.r.uvarint()
	if i >= uint64(len(en.strs)) {
		en.r.bad = true
		return ""
	}
	return en.strs[i]
}

// next decodes up to n more events into a new slice, their File set to
// file. It returns nil when there are no more; an error when the entry is
// corrupt.
func (en *entry) next(n int, file string) ([]model.Event, error) {
	n = min(n, en.left)
	if n == 0 {
		return nil, nil
	}
	evs := make([]model.Event, n)
	var pool []model.Data
	r := &en.r
	for i := range evs {
		ev := &evs[i]
		ev.File = file
		flags := r.byte()
		ev.HasQualifiers = flags&flagHasQualifiers != 0
		ev.Decoded = flags&flagDecoded != 0
		en.prevOff += r.varint()
		en.prevRec += uint64(r.varint())
		ev.Offset, ev.RecordID = en.prevOff, en.prevRec
		if flags&flagTime != 0 {
			en.prevSec += r.varint()
			ns := r.uvarint()
			if ns >= 1e9 {
				r.bad = true
			}
			ev.Time = time.Unix(en.prevSec, int64(ns)).UTC()
		}
		ev.Level = model.Level(r.byte())
		ev.Version = r.byte()
		ev.Opcode = r.byte()
		ev.EventID = r.u16()
		ev.Qualifiers = r.u16()
		ev.Task = r.u16()
		ev.Keywords = r.uvarint()
		ev.ProcessID = r.u32()
		ev.ThreadID = r.u32()
		ev.Provider = en.str()
		ev.ProviderGUID = en.str()
		ev.EventSourceName = en.str()
		ev.Channel = en.str()
		ev.Computer = en.str()
		ev.UserSID = en.str()
		ev.TaskName = en.str()
		ev.Binary = en.str()
		ev.Message = en.str()
		ev.MessageCulture = en.str()
		ev.DecodeError = en.str()
		ev.Data, pool = en.data(pool, n-i)
		ev.UserData, pool = en.data(pool, n-i)
		if r.bad {
			return nil, errCorrupt
		}
	}
	en.left -= n
	if en.left == 0 && r.off != len(r.b) {
		return nil, errCorrupt // trailing bytes: not what we wrote
	}
	return evs, nil
}

// data decodes a Data list into pool, allocating a new pool (sized for
// about eventsLeft more events like this one) when it is full.
func (en *entry) data(pool []model.Data, eventsLeft int) ([]model.Data, []model.Data) {
	r := &en.r
	n := r.count(2)
	if n == 0 {
		return nil, pool
	}
	if cap(pool)-len(pool) < n {
		pool = make([]model.Data, 0, max(n, min(n*eventsLeft, 4096)))
	}
	start := len(pool)
	for range n {
		pool = append(pool, model.Data{Name: en.str(), Value: en.str()})
	}
	// Full slice expression: an append by the consumer never overwrites the
	// next event's data.
	return pool[start:len(pool):len(pool)], pool
}
