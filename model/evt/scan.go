package evt

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"reflect"
	"slices"

	"eventlens/i18n/reason"
	"eventlens/model/core"
)

// Header flags.
const (
	FlagDirty   uint32 = 0x1 // not closed cleanly: offsets and numbers may be stale
	FlagWrapped uint32 = 0x2
)

// Header is the file header (ELF_LOGFILE_HEADER).
type Header struct {
	StartOffset  uint32 // oldest record
	EndOffset    uint32 // end-of-file record
	NextNumber   uint32 // number the next record will get
	OldestNumber uint32
	MaxSize      uint32
	Flags        uint32
}

// Dirty reports whether the log was not closed cleanly.
func (h Header) Dirty() bool { return h.Flags&FlagDirty != 0 }

const (
	eofSize = 0x28
	// maxRecord bounds one record: Windows caps a record's strings and
	// data well below this; a larger size field is damage.
	maxRecord = 1 << 22
	scanBlock = 1 << 20
	maxEarly  = 1 << 16 // stray signatures held until the wrap is known
	// skipDword fills the end of the file when the next record does not
	// fit there (Windows NT's ELF_SKIP_DWORD).
	skipDword = 0x27
)

// span is where one record (or what is left of one) lies in the ring.
type span struct {
	pos    int64  // in the ring
	size   int64  // bytes to read
	number uint32 // record number from its fixed part
	whole  bool   // both size fields agree
	fault  fault  // for a damaged one: what is wrong
	start  uint32 // the size field at its start
	end    uint32 // and at its end
}

// fault is what is wrong with a damaged record.
type fault uint8

const (
	faultNone    fault = iota
	faultSize          // implausible size field
	faultPastEnd       // runs past the end of the file
	faultEnd           // the size fields at start and end differ
)

// why says what is wrong with a damaged record, formatted only when needed.
func (s span) why() reason.Reason {
	switch s.fault {
	case faultSize:
		return reason.New(reason.EVTSizeImplausible, itoa(s.start))
	case faultPastEnd:
		return reason.New(reason.EVTSizePastEnd, itoa(s.start))
	case faultEnd:
		return reason.New(reason.EVTSizeEnds, itoa(s.start), itoa(s.end))
	}
	return reason.Reason{}
}

// itoa is an integer as a reason's argument.
func itoa[T ~int | ~int64 | ~uint32 | ~uint64](n T) string { return fmt.Sprint(n) }

// log is an open .evt file seen as a ring: the bytes after the header,
// where the last record may continue at the start.
type log struct {
	r         io.ReaderAt
	size      int64
	base      int64 // where the ring starts in the file
	n         int64 // ring size
	header    Header
	hasHeader bool
	problems  []core.Problem
	hidden    int
	word      [4]byte // scratch for u32, so reading a field allocates nothing
}

// Result is what Scan found besides the records.
type Result struct {
	Header    Header
	HasHeader bool // false for a file that starts with a record
	Records   int  // records delivered, damaged ones included
	Damaged   int
	Problems  []core.Problem
}

// maxProblems bounds the problems listed per file; the rest are counted.
const maxProblems = 200

// Scan finds every record in the .evt file read through r (size bytes) and
// calls fn with each, in record-number order, until fn returns false or ctx
// is cancelled.
func Scan(ctx context.Context, r io.ReaderAt, size int64, fn func(*Record) bool) (Result, error) {
	l := &log{r: newBlockReader(r, size), size: size}
	l.readHeader()
	var res Result
	res.Header, res.HasHeader = l.header, l.hasHeader
	spans, err := l.find(ctx)
	if err != nil {
		return res, err
	}
	l.checkGaps(spans)
	l.checkListed(spans)
	// A log copied while in use can hold a record twice (an old copy left
	// behind where the file grew) and remains of records it overwrote. Each
	// record number with a whole copy gives that copy once; damaged copies
	// count only when there is no whole one.
	slices.SortStableFunc(spans, func(a, b span) int {
		if c := cmp.Compare(a.number, b.number); c != 0 {
			return c
		}
		return cmp.Compare(b2i(!a.whole), b2i(!b.whole))
	})
	if err := l.deliver(ctx, spans, fn, &res); err != nil {
		return res, err
	}
	res.Problems = l.finishProblems()
	return res, nil
}

// deliver reads and decodes the spans, sorted by number with whole copies
// first, and calls fn with each record: a whole copy once, damaged copies
// only for numbers without a whole one.
func (l *log) deliver(ctx context.Context, spans []span, fn func(*Record) bool, res *Result) error {
	buf := make([]byte, 0, 4096)
	var last Record // the last whole record delivered
	groupWhole := false
	for i, s := range spans {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i == 0 || s.number != spans[i-1].number {
			groupWhole = s.whole
		}
		if !s.whole && groupWhole {
			continue
		}
		if cap(buf) < int(s.size) {
			buf = make([]byte, s.size)
		}
		b := buf[:s.size]
		b = b[:l.readRing(b, s.pos)]
		rec, err := decode(b, l.base+s.pos)
		if err != nil && l.hidden > 0 {
			l.hidden++ // past the listing cap: skip formatting
			continue
		}
		if err != nil {
			l.problem(l.base+s.pos, s.number, reason.New(reason.EVTRecordBad).With(recordErrReason(err), s.why()))
			continue
		}
		if !s.whole {
			why := s.why()
			rec.Damaged = why.String()
			res.Damaged++
			l.problem(l.base+s.pos, s.number, reason.New(reason.EVTRecordDamaged).With(why))
		}
		if s.whole {
			if res.Records > 0 && last.Number == rec.Number && sameRecord(&last, &rec) {
				continue
			}
			last = rec
		}
		res.Records++
		if !fn(&rec) {
			return nil
		}
	}
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sameRecord reports whether a and b are copies of one record.
func sameRecord(a, b *Record) bool {
	x, y := *a, *b
	x.Offset, y.Offset = 0, 0
	return reflect.DeepEqual(x, y)
}

func (l *log) readHeader() {
	h := make([]byte, headerSize)
	n, _ := l.r.ReadAt(h, 0)
	le := binary.LittleEndian
	if n < headerSize || le.Uint32(h) != headerSize || string(h[4:8]) != Signature {
		// A bare record (carved from memory or disk) or a wiped header:
		// records are looked for from the start.
		l.n = l.size
		if n >= 8 && string(h[4:8]) == Signature && le.Uint32(h) != headerSize && n >= headerSize {
			l.problem(0, 0, reason.New(reason.EVTNoHeader))
		}
		return
	}
	l.hasHeader = true
	l.base, l.n = headerSize, l.size-headerSize
	l.header = Header{
		StartOffset:  le.Uint32(h[16:]),
		EndOffset:    le.Uint32(h[20:]),
		NextNumber:   le.Uint32(h[24:]),
		OldestNumber: le.Uint32(h[28:]),
		MaxSize:      le.Uint32(h[32:]),
		Flags:        le.Uint32(h[36:]),
	}
	// A dirty header (a copy taken from a running system) is no problem
	// in itself: records are found by scanning, whatever the header says.
	// Only a clean header is held to its end-of-file record.
	if !l.header.Dirty() {
		l.checkEOF()
	}
}

// checkEOF reports a clean log whose end-of-file record is not where its
// header says: the copy stopped short or that part was overwritten.
func (l *log) checkEOF() {
	end := int64(l.header.EndOffset)
	if end >= l.size {
		l.problem(l.size, 0, reason.New(reason.EVTFileShort, itoa(l.size), itoa(end)))
		return
	}
	var b [eofSize]byte
	ok := end >= headerSize && l.n >= eofSize && l.readRing(b[:], end-headerSize) == eofSize
	le := binary.LittleEndian
	for i, want := range []uint32{eofSize, 0x11111111, 0x22222222, 0x33333333, 0x44444444} {
		ok = ok && le.Uint32(b[4*i:]) == want
	}
	ok = ok && le.Uint32(b[eofSize-4:]) == eofSize
	if !ok {
		l.problem(end, 0, reason.New(reason.EVTNoEOFRecord))
	}
}

// readRing reads len(b) bytes (at most the ring's size) from ring position
// pos, continuing at the ring's start when it reaches the end of the file.
// It returns how many bytes it read.
func (l *log) readRing(b []byte, pos int64) int {
	if int64(len(b)) > l.n {
		b = b[:l.n]
	}
	if !l.hasHeader {
		// Without a header there is no ring: nothing continues at the start.
		b = b[:max(0, min(int64(len(b)), l.n-pos))]
	}
	got := 0
	for got < len(b) {
		pos %= l.n
		k := min(int64(len(b)-got), l.n-pos)
		m, _ := l.r.ReadAt(b[got:got+int(k)], l.base+pos)
		got += m
		if int64(m) < k {
			break
		}
		pos += k
	}
	return got
}

func (l *log) u32(pos int64) (uint32, bool) {
	b := l.word[:]
	if l.readRing(b, pos) < 4 {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b), true
}

// find scans the ring for record signatures and returns the records found,
// in ring order (oldest first when the log never wrapped).
func (l *log) find(ctx context.Context) ([]span, error) {
	if l.n < fixedSize {
		if l.hasHeader && l.n > 0 {
			l.problem(l.base, 0, reason.New(reason.EVTNoRoom, itoa(l.n)))
		}
		return nil, nil
	}
	var spans []span
	covered := int64(-1) // ring offset (possibly past the end) the last whole record reached
	pending := int64(-1) // the last candidate, checked when the next is known
	var skipped, firstSkipped int64
	var early []int64 // stray signatures near the ring's start
	feed := func(p int64) {
		// next is where a damaged record at pending must end at the latest.
		if pending >= 0 && pending >= covered {
			s, ok := l.check(pending, p)
			switch {
			case !ok && pending < maxRecord && len(early) < maxEarly:
				early = append(early, pending) // may lie in the tail of a wrapped record
			case !ok:
				if skipped == 0 {
					firstSkipped = pending
				}
				skipped++
			case s.whole:
				covered = pending + s.size
				fallthrough
			default:
				spans = append(spans, s)
			}
		}
		pending = p
	}
	var wrapped []int64 // records whose signature is split by the end of the file
	buf := make([]byte, min(scanBlock, l.n)+int64(len(Signature))-1)
	for off := int64(0); off < l.n; off += scanBlock {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		k := min(int64(scanBlock), l.n-off)
		m := int64(l.readRing(buf[:k+int64(len(Signature))-1], off))
		for i := int64(0); i < m; {
			j := bytes.Index(buf[i:m], []byte(Signature))
			if j < 0 || i+int64(j) >= k {
				break
			}
			s := off + i + int64(j)
			switch {
			case s >= 4:
				feed(s - 4)
			case l.hasHeader:
				// The signature sits at the ring's start: its record began
				// in the last bytes of the file.
				wrapped = append(wrapped, l.n-4+s)
			}
			i += int64(j) + 1
		}
	}
	for _, p := range wrapped {
		feed(p)
	}
	feed(l.n)
	tail := max(covered-l.n, 0) // what the last record continued with after the header
	for i := len(early) - 1; i >= 0 && early[i] >= tail; i-- {
		skipped++
		firstSkipped = early[i]
	}
	if skipped > 0 {
		l.problem(l.base+firstSkipped, 0, reason.New(reason.EVTSignaturesNoRoom, itoa(skipped)))
	}
	// What the scan found inside the last record's tail is not a record.
	spans = slices.DeleteFunc(spans, func(s span) bool { return s.pos < tail })
	return spans, nil
}

// check looks at the candidate record at ring position p; next is where the
// next candidate starts (or the ring's end), which a damaged record cannot
// reach past. It returns false for a candidate that is not whole and has no
// room for a record's fixed part: a stray signature (which keeps a hostile
// file full of them from costing more than a few bytes per record).
func (l *log) check(p, next int64) (span, bool) {
	s := span{pos: p}
	size, _ := l.u32(p)
	s.start = size
	s.number, _ = l.u32(p + 8)
	s = l.measure(s, size, next-p)
	return s, s.whole || s.size >= fixedSize
}

// measure sets how much of the candidate s, whose start says it is size
// bytes long, is read: all of it when both size fields agree, else what
// room (the bytes up to the next candidate) allows.
func (l *log) measure(s span, size uint32, room int64) span {
	p := s.pos
	switch {
	case size < fixedSize || size%4 != 0 || int64(size) > min(l.n, maxRecord):
		s.fault = faultSize
		s.size = min(room, maxRecord)
		return s
	case p+int64(size) > l.n && !l.hasHeader:
		s.fault = faultPastEnd
		s.size = min(room, int64(size))
		return s
	}
	end, ok := l.u32(p + int64(size) - 4)
	if ok && end == size {
		s.whole, s.size = true, int64(size)
		return s
	}
	if p+int64(size) > l.n && l.header.Flags&FlagWrapped == 0 {
		s.fault = faultPastEnd
	} else {
		s.fault, s.end = faultEnd, end
	}
	s.size = min(room, int64(size))
	return s
}

// checkGaps reports bytes between records that no record accounts for:
// records whose start was damaged. The space after the newest record and
// before the oldest holds the end-of-file record and the remains of
// overwritten ones, and the end of the file may be filled with skip words;
// none of that is a loss. The oldest record is the one with the lowest
// number, or the one the header points to (in a log copied while in use,
// older copies can lie before it).
func (l *log) checkGaps(spans []span) {
	newest, oldest := -1, -1
	for i, s := range spans {
		if s.whole && (newest < 0 || s.number > spans[newest].number) {
			newest = i
		}
		if s.whole && (oldest < 0 || s.number < spans[oldest].number) {
			oldest = i
		}
	}
	if newest < 0 {
		return // nothing trustworthy to measure gaps against
	}
	for i, s := range spans {
		if s.number == spans[newest].number {
			continue
		}
		end := s.pos + s.size
		var next span
		var gap int64
		if i+1 < len(spans) {
			next = spans[i+1]
			gap = next.pos - end
		} else {
			next = spans[0]
			gap = l.n - end + next.pos
		}
		if gap <= 0 || next.number == spans[oldest].number || l.hasHeader && l.base+next.pos == int64(l.header.StartOffset) || l.isSkipFill(end, gap) {
			continue
		}
		r := reason.New(reason.EVTGap, itoa(gap), itoa(s.number), itoa(next.number))
		if next.number > s.number+1 && next.number-s.number < 1<<20 {
			r.Kind = reason.EVTGapLost
			r = r.With(numbers(s.number+1, next.number-1))
		}
		l.problem(l.base+end%l.n, 0, r)
	}
}

// checkListed reports records a clean header lists that no record (whole
// or damaged) accounts for, at either end.
func (l *log) checkListed(spans []span) {
	if !l.hasHeader || l.header.Dirty() {
		return
	}
	// Records the clean header lists but no record (whole or damaged)
	// accounts for, at either end.
	h := l.header
	if h.OldestNumber == 0 || h.NextNumber <= h.OldestNumber {
		return // an empty log
	}
	lo, hi := h.NextNumber, h.OldestNumber
	for _, s := range spans {
		if s.number >= h.OldestNumber && s.number < h.NextNumber {
			lo, hi = min(lo, s.number), max(hi, s.number)
		}
	}
	if lo > hi {
		l.problem(-1, 0, reason.New(reason.EVTNoneFound).With(numbers(h.OldestNumber, h.NextNumber-1)))
		return
	}
	if lo > h.OldestNumber {
		l.problem(-1, 0, reason.New(reason.EVTOldestMissing, itoa(h.OldestNumber), itoa(lo)).With(numbers(h.OldestNumber, lo-1)))
	}
	if hi < h.NextNumber-1 {
		l.problem(-1, 0, reason.New(reason.EVTNewestMissing, itoa(h.NextNumber-1), itoa(hi)).With(numbers(hi+1, h.NextNumber-1)))
	}
}

// numbers says "record 7" or "records 7–9".
func numbers(from, to uint32) reason.Reason {
	if from == to {
		return reason.New(reason.OneRecord, itoa(from))
	}
	return reason.New(reason.RecordRange, itoa(from), itoa(to))
}

// isSkipFill reports whether the gap of n bytes at ring position pos runs
// to the end of the file and holds only skip words (or zeros).
func (l *log) isSkipFill(pos, n int64) bool {
	if pos >= l.n || pos+n != l.n {
		return false
	}
	buf := make([]byte, min(n, scanBlock))
	for n > 0 {
		k := l.readRing(buf[:min(n, int64(len(buf)))], pos)
		if k == 0 {
			return false
		}
		for i := 0; i < k; i++ {
			if c := buf[i]; c != 0 && !(c == skipDword && (pos+int64(i))%4 == 0) {
				return false
			}
		}
		pos, n = pos+int64(k), n-int64(k)
	}
	return true
}

func (l *log) problem(off int64, number uint32, why reason.Reason) {
	if len(l.problems) >= maxProblems {
		l.hidden++
		return
	}
	l.problems = append(l.problems, core.Problem{Chunk: -1, Offset: off, Record: uint64(number), Reason: why})
}

func (l *log) finishProblems() []core.Problem {
	if l.hidden > 0 {
		l.problems = append(l.problems, core.Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.MoreProblems, itoa(l.hidden))})
	}
	return l.problems
}
