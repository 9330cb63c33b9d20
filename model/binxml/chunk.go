// Package binxml decodes the records of an EVTX chunk (MS-EVEN6 "BinXml")
// without any help from the chunk's string and template tables: every name
// and template definition is read where the record points to it, so a chunk
// with a corrupt cache, a stale header or a damaged record still yields
// everything that is left in it.
//
// The decoder is written for speed: template definitions are compiled once
// per chunk into a flat program, substitution values are read straight from
// the chunk's bytes, and decoding a record into a core.Event costs a
// handful of allocations. It never panics: every read is bounds-checked,
// nesting is limited and every record has a work budget.
//
// Values are rendered as Windows renders them in event XML: UTF-16 strings
// up to their first NUL (unpaired surrogates become U+FFFD), ANSI strings as
// Windows-1252, integers in decimal, HexInt32/HexInt64/SizeT as 0x and
// lower-case hex without padding, GUIDs upper-case in braces, SIDs as
// S-1-..., binary as upper-case hex, booleans as true/false (any non-zero
// value is true), floats in their shortest form, FILETIME and SYSTEMTIME as
// UTC RFC 3339 with seven fractional digits. An array substitution repeats
// the element that holds it once per item (MS-EVEN6 3.1.4.7.5), so
// <Data>%1</Data> with %1 = {a, b} gives two Data items; a second array in
// the same element is rendered comma-separated. A BinXml-typed substitution
// is rendered as the markup it holds. An optional substitution that is null
// drops the attribute it makes up.
//
// A Chunk is not safe for concurrent use; use one Chunk per goroutine (Reset
// lets a worker reuse one for many chunks).
package binxml

import (
	"bytes"
	"errors"
	"eventlens/i18n/reason"
	"fmt"
	"hash/crc32"
	"strconv"
	"time"
)

// Sizes fixed by MS-EVEN6.
const (
	FileHeaderSize   = 0x1000  // file header block before the first chunk
	ChunkSize        = 0x10000 // every chunk is 64 KiB
	ChunkHeaderSize  = 0x200   // chunk header incl. string and template tables
	recordHeaderSize = 24      // magic, size, record ID, FILETIME
	minRecordSize    = recordHeaderSize + 4
)

// chunkMagic opens every chunk; recordMagic (0x00002a2a little-endian) opens
// every event record.
var (
	chunkMagic  = []byte("ElfChnk\x00")
	recordMagic = []byte{0x2a, 0x2a, 0x00, 0x00}
)

// ChunkFlagNoCRC32 in ChunkHeader.Flags says the writer did not maintain the
// checksums (seen in logs written with checksums disabled).
const ChunkFlagNoCRC32 = 0x4

// Errors returned by NewChunk and Reset.
var (
	ErrShortChunk = errors.New("binxml: chunk shorter than its 512-byte header")
	ErrNotChunk   = errors.New("binxml: no chunk signature and no record at offset 0x200")
)

// ChunkHeader is the fixed part of a chunk header. Record numbers and IDs
// and the offsets are as the writer left them; they may be stale in a dirty
// log, and the decoder does not rely on them.
type ChunkHeader struct {
	FirstRecordNumber uint64
	LastRecordNumber  uint64
	FirstRecordID     uint64
	LastRecordID      uint64
	HeaderSize        uint32
	LastRecordOffset  uint32
	FreeSpaceOffset   uint32
	DataCRC           uint32 // CRC32 of the records, 0x200 up to FreeSpaceOffset
	Flags             uint32
	HeaderCRC         uint32 // CRC32 of bytes 0..0x78 and 0x80..0x200
}

// Chunk is a decoder over the bytes of one chunk. It keeps, per chunk, the
// names and compiled template definitions it has met, so decoding the
// records of a chunk in any order costs each definition one compilation.
type Chunk struct {
	// Offset is the chunk's offset in its file. Decode adds it to the
	// record's chunk offset to fill core.Event.Offset.
	Offset int64

	Header ChunkHeader
	// MagicOK is false for a chunk accepted only because a record starts at
	// 0x200 (its signature is damaged).
	MagicOK bool
	// ScanSlack makes Records go on past the end of the record chain and
	// yield the leftover records it finds there (RecordRef.Slack). Reset
	// keeps it.
	ScanSlack bool

	data      []byte
	names     map[uint32]string
	templates map[uint32]*template
	intern    map[string]string

	// Per-record decoding state, reused between records.
	work     int       // operations spent on the current record
	spent    int       // operations spent on the chunk so far
	out      int       // output of the current record (see charge)
	chunkOut int       // output of the chunk's records so far
	valEnd   int       // end of the last substitution value compiled for the record
	err      error     // first fatal error raised while executing
	partial  error     // why a template definition used was incomplete
	progs    []program // scratch programs, one per nesting depth
	fmtBuf   []byte    // scratch for formatting one value
	fmtBuf2  []byte
	es       eventSink
	xs       xmlSink
}

// NewChunk returns a decoder over data, which holds one chunk starting at its
// signature. data may be shorter than ChunkSize (the tail of a truncated
// file); records that do not fit are reported by Records. data is not
// copied and must not change while the Chunk is in use.
func NewChunk(data []byte) (*Chunk, error) {
	c := &Chunk{}
	if err := c.Reset(data); err != nil {
		return nil, err
	}
	return c, nil
}

// Reset points c at another chunk's bytes, forgetting everything it learnt
// about the previous chunk except interned strings.
func (c *Chunk) Reset(data []byte) error {
	c.data = nil
	c.Offset = 0
	c.spent, c.chunkOut = 0, 0
	c.Header = ChunkHeader{}
	clear(c.names)
	clear(c.templates)
	if len(c.intern) > maxIntern {
		clear(c.intern)
	}
	if c.names == nil {
		c.names = make(map[uint32]string, 64)
		c.templates = make(map[uint32]*template, 16)
		c.intern = make(map[string]string, 256)
	}
	if len(data) < ChunkHeaderSize {
		return ErrShortChunk
	}
	c.MagicOK = bytes.Equal(data[:8], chunkMagic)
	if !c.MagicOK && (len(data) < ChunkHeaderSize+recordHeaderSize ||
		!bytes.Equal(data[ChunkHeaderSize:ChunkHeaderSize+4], recordMagic)) {
		return ErrNotChunk
	}
	c.data = data
	h := &c.Header
	h.FirstRecordNumber = le64(data, 8)
	h.LastRecordNumber = le64(data, 16)
	h.FirstRecordID = le64(data, 24)
	h.LastRecordID = le64(data, 32)
	h.HeaderSize = le32(data, 40)
	h.LastRecordOffset = le32(data, 44)
	h.FreeSpaceOffset = le32(data, 48)
	h.DataCRC = le32(data, 52)
	h.Flags = le32(data, 120)
	h.HeaderCRC = le32(data, 124)
	return nil
}

// Checksums reports whether the header's and the records' stored CRC32s
// match. They are informational only: logs written with ChunkFlagNoCRC32,
// dirty logs and partial chunks legitimately fail them, and the decoder
// reads such chunks all the same.
func (c *Chunk) Checksums() (headerOK, dataOK bool) {
	d, h := c.data, &c.Header
	if len(d) < ChunkHeaderSize {
		return false, false
	}
	crc := crc32.ChecksumIEEE(d[:120])
	crc = crc32.Update(crc, crc32.IEEETable, d[128:ChunkHeaderSize])
	headerOK = crc == h.HeaderCRC
	if fs := int(h.FreeSpaceOffset); fs >= ChunkHeaderSize && fs <= len(d) {
		dataOK = crc32.ChecksumIEEE(d[ChunkHeaderSize:fs]) == h.DataCRC
	}
	return headerOK, dataOK
}

// Len is the number of chunk bytes available (ChunkSize unless truncated).
func (c *Chunk) Len() int { return len(c.data) }

// RecordRef locates one record in a chunk, or one damaged stretch of it.
type RecordRef struct {
	Offset int       // offset of the record (or damaged stretch) in the chunk
	Size   int       // record size, or number of bytes skipped when Err != nil
	ID     uint64    // record ID from the record header
	Time   time.Time // time written, from the record header (UTC)
	// HeaderOK says ID and Time come from a readable record header; it is
	// always true for good records and may be true for a damaged one (e.g.
	// a record whose size is zero, or whose tail was never written). Decode
	// decodes what it can of such a record.
	HeaderOK bool
	// Slack marks a record found beyond the chunk's free-space mark that
	// does not continue the record chain: a leftover of an earlier use of
	// the chunk. Records yields these only when Chunk.ScanSlack is set.
	Slack bool
	// Stale marks a record found after a damaged stretch whose ID lies
	// below the chunk header's record-ID range, or above it but no newer
	// than the log's records found before (see Chunk.leftover): a leftover
	// of an earlier use of the chunk that the damage (or a corrupt
	// free-space mark) let the walk reach. It is no record of the
	// log as the writer left it. Records always yields these, for the
	// caller to count and skip (or keep flagged).
	Stale bool
	// Err is non-nil for a stretch of bytes that holds no well-formed
	// record; it is a *RecordError saying why, and Offset and Size say what
	// was skipped.
	Err error
}

// RecordError describes a damaged stretch met by Records.
type RecordError struct {
	Offset   int           // where the damage starts (chunk offset)
	Skipped  int           // bytes skipped to the next record or the end of the records
	Reason   reason.Reason // what was wrong with the record header at Offset
	Next     int           // offset of the next record found, -1 if none
	Declared int           // record size given by the damaged header, 0 if none
	// TailOnly says the record is whole but for its trailing size copy
	// (0 or wrong): magic and size are good and the size fits the chunk.
	// Decode then decodes it like a good record.
	TailOnly bool
}

func (e *RecordError) Error() string { return e.Why().String() }

// Why is e as a reason, for saying it in any language.
func (e *RecordError) Why() reason.Reason {
	hex := func(n int) string { return fmt.Sprintf("0x%x", n) }
	if e.Next < 0 {
		return reason.New(reason.BadRecordToEnd, hex(e.Offset), strconv.Itoa(e.Skipped)).With(e.Reason)
	}
	return reason.New(reason.BadRecordNext, hex(e.Offset), strconv.Itoa(e.Skipped), hex(e.Next)).With(e.Reason)
}

// checkRecord says whether a well-formed record starts at off and, if not,
// why not. It needs the magic, a size that fits the chunk and a matching
// size copy in the record's last four bytes.
func (c *Chunk) checkRecord(off int) (size int, why reason.Reason) {
	d := c.data
	if off < 0 || off+recordHeaderSize > len(d) {
		return 0, reason.New(reason.RecordHeaderPastEnd)
	}
	if !bytes.Equal(d[off:off+4], recordMagic) {
		return 0, reason.New(reason.RecordBadMagic, fmt.Sprintf("%x", d[off:off+4]))
	}
	size = int(le32(d, off+4))
	switch {
	case size == 0:
		return 0, reason.New(reason.RecordSizeZero)
	case size < minRecordSize:
		return 0, reason.New(reason.RecordTooSmall, strconv.Itoa(size), strconv.Itoa(minRecordSize))
	case size > len(d)-off:
		if len(d) < ChunkSize && off+size <= ChunkSize {
			return 0, reason.New(reason.RecordCutByEOF, strconv.Itoa(size), strconv.Itoa(len(d)-off))
		}
		return 0, reason.New(reason.RecordPastChunk, strconv.Itoa(size))
	}
	if cp := int(le32(d, off+size-4)); cp != size {
		return 0, reason.New(reason.RecordSizeMismatch, strconv.Itoa(size), strconv.Itoa(cp))
	}
	return size, reason.Reason{}
}

// freeMark is the header's free-space offset when it is plausible, else
// the end of the data.
func (c *Chunk) freeMark() int {
	if f := int(c.Header.FreeSpaceOffset); f >= ChunkHeaderSize && f <= len(c.data) {
		return f
	}
	return len(c.data)
}

// Records walks the record chain from offset 0x200 and calls fn for each
// record, in chunk order, until fn returns false.
//
// A record whose header is damaged (bad magic, size 0, size past the chunk,
// size copy mismatch) does not end the walk: Records scans forward for the
// next well-formed record header and reports the stretch in between as one
// RecordRef with Err set. The chain ends at the header's free-space mark;
// beyond it the walk goes on only while records continue the chain (same
// writer, header not yet updated). What lies further is slack from an
// earlier use of the chunk: it is skipped silently unless c.ScanSlack is
// set, in which case its records are yielded with Slack set.
func (c *Chunk) Records(fn func(RecordRef) bool) {
	d := c.data
	off := ChunkHeaderSize
	free := c.freeMark()
	var lastID uint64
	haveLast, slack := false, false
	// After damage the walk resynchronises on the next well-formed record,
	// which may be a leftover: see stale.
	resynced := false
	var good uint64 // ID of the last record that is not stale
	haveGood := false
	stale := func(ref *RecordRef) {
		if !resynced || !ref.HeaderOK {
			return
		}
		if ref.Stale = c.leftover(ref.ID, good, haveGood); !ref.Stale {
			good, haveGood = ref.ID, true
		}
	}
	for off+recordHeaderSize <= len(d) {
		size, why := c.checkRecord(off)
		if !slack && off >= free && (!why.IsZero() || (haveLast && le64(d, off+8) != lastID+1)) {
			if !c.ScanSlack {
				return
			}
			slack = true
		}
		if why.IsZero() {
			ref := RecordRef{Offset: off, Size: size, ID: le64(d, off+8), Time: filetime(le64(d, off+16)), HeaderOK: true, Slack: slack}
			stale(&ref)
			if !resynced {
				good, haveGood = ref.ID, true
			}
			if !fn(ref) {
				return
			}
			lastID, haveLast = ref.ID, true
			off += size
			continue
		}
		ref := RecordRef{Offset: off, Slack: slack}
		rerr := &RecordError{Offset: off, Reason: why, Next: -1}
		if bytes.Equal(d[off:off+4], recordMagic) {
			ref.ID, ref.Time, ref.HeaderOK = le64(d, off+8), filetime(le64(d, off+16)), true
			rerr.Declared = int(le32(d, off+4))
			n := rerr.Declared
			rerr.TailOnly = n >= minRecordSize && n <= len(d)-off && int(le32(d, off+n-4)) != n
			stale(&ref)
			if !resynced {
				good, haveGood = ref.ID, true
			}
		}
		next := c.resync(off + 4)
		if next >= 0 && !slack && next >= free && !c.ScanSlack {
			// Only slack follows; it continues the chain only if its ID does.
			if !ref.HeaderOK || le64(d, next+8) != ref.ID+1 {
				next = -1
			}
		}
		end := next
		if next < 0 {
			end = len(d)
			if !slack && !c.ScanSlack && free > off {
				end = free
			}
		}
		if allZero(d[off:end]) {
			if slack || off >= free {
				return // free space
			}
			rerr.Reason = reason.New(reason.RecordZeroBytes)
		}
		// The last record of the log found: stale ones are not.
		last, found := good, haveGood
		if ref.HeaderOK && !ref.Stale {
			last, found = ref.ID, true
		}
		if next < 0 && !slack && found && c.Header.LastRecordID > last && c.Header.LastRecordID-last < 1<<20 {
			rerr.Reason = reason.New(reason.RecordsListed, strconv.FormatUint(c.Header.LastRecordID, 10), strconv.FormatUint(last, 10)).With(rerr.Reason)
		}
		ref.Size = end - off
		rerr.Skipped, rerr.Next = ref.Size, next
		ref.Err = rerr
		if !fn(ref) || next < 0 {
			return
		}
		if ref.HeaderOK {
			lastID, haveLast = ref.ID, true
		}
		off, resynced = next, true
	}
}

// leftover reports whether a record found past damage, with ID id, is a
// leftover of an earlier use of the chunk. Record IDs only grow, and a
// reused chunk's header starts at its new first record: a leftover's ID
// lies below the header's range or, above it, is no newer than good, the
// last record of the log found (a header not yet updated for the newest
// records is no reason to drop them). A header with no plausible range (a
// damaged signature, first after last, more records than a chunk can hold)
// decides nothing.
func (c *Chunk) leftover(id, good uint64, haveGood bool) bool {
	h := &c.Header
	if !c.MagicOK || h.FirstRecordID > h.LastRecordID || h.LastRecordID-h.FirstRecordID >= (ChunkSize-ChunkHeaderSize)/minRecordSize {
		return false
	}
	switch {
	case id < h.FirstRecordID:
		return true
	case id > h.LastRecordID:
		return haveGood && id <= good
	}
	return false
}

// RecordAt returns the reference of the well-formed record that starts at
// chunk offset off (for instance an offset another reader reported), or an
// error saying why there is none.
func (c *Chunk) RecordAt(off int) (RecordRef, error) {
	size, why := c.checkRecord(off)
	if !why.IsZero() {
		return RecordRef{}, errAt(off, "%s", why)
	}
	d := c.data
	return RecordRef{Offset: off, Size: size, ID: le64(d, off+8), Time: filetime(le64(d, off+16)), HeaderOK: true}, nil
}

// resync returns the offset of the first well-formed record at or after
// from, or -1. Writers place records on 8-byte boundaries, but a damaged
// chain is scanned at every 4-byte boundary (MS-EVEN6 only promises that
// much) so that nothing readable is missed.
func (c *Chunk) resync(from int) int {
	d := c.data
	if r := from % 4; r != 0 {
		from += 4 - r
	}
	for off := from; off+minRecordSize <= len(d); off += 4 {
		i := bytes.Index(d[off:], recordMagic)
		if i < 0 {
			return -1
		}
		off += i
		if off%4 != 0 {
			off -= off % 4 // keep stepping on 4-byte boundaries
			continue
		}
		if _, why := c.checkRecord(off); why.IsZero() {
			return off
		}
	}
	return -1
}

func allZero(b []byte) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// Little-endian reads with bounds checks: out-of-range reads return 0.
func le16(b []byte, off int) uint16 {
	if off < 0 || off+2 > len(b) {
		return 0
	}
	return uint16(b[off]) | uint16(b[off+1])<<8
}

func le32(b []byte, off int) uint32 {
	if off < 0 || off+4 > len(b) {
		return 0
	}
	return uint32(b[off]) | uint32(b[off+1])<<8 | uint32(b[off+2])<<16 | uint32(b[off+3])<<24
}

func le64(b []byte, off int) uint64 {
	if off < 0 || off+8 > len(b) {
		return 0
	}
	return uint64(le32(b, off)) | uint64(le32(b, off+4))<<32
}

// filetimeEpochDelta is 1601-01-01 to 1970-01-01 in 100 ns ticks.
const filetimeEpochDelta = 116444736000000000

// filetime converts a Windows FILETIME (100 ns ticks since 1601) to UTC.
func filetime(ft uint64) time.Time {
	ticks := int64(ft/2) - filetimeEpochDelta/2 // halve first: ft may exceed int64
	sec := ticks / 5e6
	rem := ticks % 5e6
	if rem < 0 {
		sec--
		rem += 5e6
	}
	nsec := rem*200 + int64(ft&1)*100
	return time.Unix(sec, nsec).UTC()
}

// TemplateOffsets lists the template definitions the chunk header's
// template table points to, following each bucket's chain. The decoder
// does not need it (definitions are found where records point), but it
// tells how many templates a chunk declares.
func (c *Chunk) TemplateOffsets() []uint32 {
	var out []uint32
	seen := map[uint32]bool{}
	for i := 0; i < 32; i++ {
		off := le32(c.data, 384+4*i)
		for off >= ChunkHeaderSize && int(off)+24 <= len(c.data) && !seen[off] && len(out) < 1024 {
			seen[off] = true
			out = append(out, off)
			off = le32(c.data, int(off))
		}
	}
	return out
}
