// Package evtwrite writes legacy Windows event logs (.evt, the "LfLe"
// format of Windows NT 3.1 to Server 2003) for tests and fixtures: clean
// logs, and the shapes real files come in — wrapped (the circular buffer
// ran past the end of the file, possibly splitting a record), dirty (copied
// while the event log service had it open, so the header is stale) and
// truncated.
//
// It is written from the public description of the format (MS-EVEN's
// EVENTLOGRECORD, libyal's libevt notes) and shares no code with the reader
// in package evt, so each checks the other.
package evtwrite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Header flags the writer sets.
const (
	flagDirty   uint32 = 0x1
	flagWrapped uint32 = 0x2
)

const (
	headerSize = 0x30
	eofSize    = 0x28
	fixedSize  = 0x38 // EVENTLOGRECORD up to SourceName
	signature  = "LfLe"
	skipDword  = 0x27
)

// Record is one event to write.
type Record struct {
	Number    uint32
	Generated time.Time
	Written   time.Time // zero means Generated
	// EventID is the full 32-bit identifier: the event code in the low 16
	// bits, severity, customer and facility bits (the qualifiers) above.
	EventID uint32
	// Type is EVENTLOGRECORD.EventType: 1 error, 2 warning, 4
	// information, 8 audit success, 16 audit failure (see package evt).
	Type     uint16
	Category uint16
	Source   string
	Computer string
	SID      string // "S-1-5-18" form; empty for none
	Strings  []string
	Data     []byte
}

// Encode returns r as one EVENTLOGRECORD.
func Encode(r Record) ([]byte, error) {
	var b []byte
	b = make([]byte, fixedSize, 256)
	b = appendUTF16Z(b, r.Source)
	b = appendUTF16Z(b, r.Computer)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	var sid []byte
	if r.SID != "" {
		var err error
		if sid, err = encodeSID(r.SID); err != nil {
			return nil, err
		}
	}
	sidOff := len(b)
	b = append(b, sid...)
	strOff := len(b)
	for _, s := range r.Strings {
		b = appendUTF16Z(b, s)
	}
	dataOff := len(b)
	b = append(b, r.Data...)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	b = binary.LittleEndian.AppendUint32(b, 0) // size copy, set below
	n := uint32(len(b))
	written := r.Written
	if written.IsZero() {
		written = r.Generated
	}
	le := binary.LittleEndian
	le.PutUint32(b[0:], n)
	copy(b[4:], signature)
	le.PutUint32(b[8:], r.Number)
	le.PutUint32(b[12:], uint32(r.Generated.Unix()))
	le.PutUint32(b[16:], uint32(written.Unix()))
	le.PutUint32(b[20:], r.EventID)
	le.PutUint16(b[24:], r.Type)
	le.PutUint16(b[26:], uint16(len(r.Strings)))
	le.PutUint16(b[28:], r.Category)
	le.PutUint32(b[36:], uint32(strOff))
	le.PutUint32(b[40:], uint32(len(sid)))
	le.PutUint32(b[44:], uint32(sidOff))
	le.PutUint32(b[48:], uint32(len(r.Data)))
	le.PutUint32(b[52:], uint32(dataOff))
	le.PutUint32(b[len(b)-4:], n)
	return b, nil
}

func appendUTF16Z(b []byte, s string) []byte {
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return append(b, 0, 0)
}

// encodeSID turns "S-1-5-21-…" into its binary form.
func encodeSID(s string) ([]byte, error) {
	parts := strings.Split(s, "-")
	if len(parts) < 3 || parts[0] != "S" {
		return nil, fmt.Errorf("evtwrite: bad SID %q", s)
	}
	rev, err := strconv.ParseUint(parts[1], 10, 8)
	if err != nil {
		return nil, fmt.Errorf("evtwrite: bad SID %q", s)
	}
	auth, err := strconv.ParseUint(parts[2], 10, 48)
	if err != nil {
		return nil, fmt.Errorf("evtwrite: bad SID %q", s)
	}
	subs := parts[3:]
	b := []byte{byte(rev), byte(len(subs))}
	for i := 5; i >= 0; i-- {
		b = append(b, byte(auth>>(8*i)))
	}
	for _, p := range subs {
		v, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("evtwrite: bad SID %q", s)
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return b, nil
}

// Layout says where records go in the file and what the header claims.
type Layout struct {
	// Size is the file size, header included. 0 means just large enough
	// for the records and the end-of-file record, starting after the
	// header (a log that never wrapped).
	Size int
	// Start is where the oldest record begins, counted from the end of the
	// header; records follow one another and continue after the header
	// when they reach the end of the file, a record split there if it does
	// not fit. Start must be a multiple of 4.
	Start int
	// Dirty sets the dirty flag and leaves the header as the service last
	// flushed it: offsets and record numbers from before the last StaleBy
	// records were written (at least 1).
	Dirty   bool
	StaleBy int
	// SkipFill starts a record after the header, rather than splitting it,
	// when its fixed part would not fit before the end of the file, and
	// fills the rest of the file with skip words (0x00000027), as Windows
	// NT's event log service does.
	SkipFill bool
	// Truncate, when above 0, cuts that many bytes off the end of the
	// finished file, as a copy that stopped short.
	Truncate int
	// Slack fills the free space between the end-of-file record and the
	// oldest record with this byte, as a log whose old records were
	// overwritten (0 leaves zeros).
	Slack byte
}

// Write lays recs out as one .evt file.
func Write(recs []Record, l Layout) ([]byte, error) {
	var encoded [][]byte
	total := 0
	for _, r := range recs {
		b, err := Encode(r)
		if err != nil {
			return nil, err
		}
		encoded = append(encoded, b)
		total += len(b)
	}
	size := l.Size
	if size == 0 {
		size = headerSize + l.Start + total + eofSize
	}
	ring := size - headerSize
	if l.Start%4 != 0 || l.Start < 0 || l.Start >= ring || total+eofSize > ring {
		return nil, errors.New("evtwrite: records do not fit the layout")
	}
	out := make([]byte, size)
	body := out[headerSize:]
	if l.Slack != 0 {
		for i := range body {
			body[i] = l.Slack
		}
	}
	pos := l.Start
	put := func(b []byte) {
		for _, c := range b {
			body[pos] = c
			pos = (pos + 1) % ring
		}
	}
	// offsets[i] is where record i starts; offsets[len] where the EOF goes.
	offsets := make([]int, 0, len(encoded)+1)
	wrapped := false
	for _, b := range encoded {
		if l.SkipFill && ring-pos < fixedSize && pos >= l.Start {
			for ; pos < ring; pos += 4 {
				binary.LittleEndian.PutUint32(body[pos:], skipDword)
			}
			pos = 0
			wrapped = true
		}
		offsets = append(offsets, pos)
		if pos+len(b) > ring {
			wrapped = true
		}
		put(b)
	}
	offsets = append(offsets, pos)
	first, next := uint32(1), uint32(1)
	if len(recs) > 0 {
		first, next = recs[0].Number, recs[len(recs)-1].Number+1
	}
	put(eofRecord(headerSize+l.Start, headerSize+offsets[len(offsets)-1], next, first))

	hdr := header{start: headerSize + l.Start, end: headerSize + offsets[len(offsets)-1], next: next, oldest: first, max: uint32(size)}
	if wrapped || l.Start > 0 {
		hdr.flags |= flagWrapped
	}
	if l.Dirty {
		hdr.flags |= flagDirty
		stale := max(l.StaleBy, 1)
		if stale > len(recs) {
			stale = len(recs)
		}
		// The header as flushed before the last stale records: its end
		// offset is where the first of them now starts.
		hdr.end = headerSize + offsets[len(recs)-stale]
		hdr.next -= uint32(stale)
	}
	hdr.put(out)
	if l.Truncate > 0 {
		out = out[:max(size-l.Truncate, 0)]
	}
	return out, nil
}

type header struct {
	start, end   int
	next, oldest uint32
	max, flags   uint32
}

func (h header) put(out []byte) {
	le := binary.LittleEndian
	le.PutUint32(out[0:], headerSize)
	copy(out[4:], signature)
	le.PutUint32(out[8:], 1)
	le.PutUint32(out[12:], 1)
	le.PutUint32(out[16:], uint32(h.start))
	le.PutUint32(out[20:], uint32(h.end))
	le.PutUint32(out[24:], h.next)
	le.PutUint32(out[28:], h.oldest)
	le.PutUint32(out[32:], h.max)
	le.PutUint32(out[36:], h.flags)
	le.PutUint32(out[40:], 0)
	le.PutUint32(out[44:], headerSize)
}

func eofRecord(start, end int, next, oldest uint32) []byte {
	le := binary.LittleEndian
	b := make([]byte, eofSize)
	le.PutUint32(b[0:], eofSize)
	le.PutUint32(b[4:], 0x11111111)
	le.PutUint32(b[8:], 0x22222222)
	le.PutUint32(b[12:], 0x33333333)
	le.PutUint32(b[16:], 0x44444444)
	le.PutUint32(b[20:], uint32(start))
	le.PutUint32(b[24:], uint32(end))
	le.PutUint32(b[28:], next)
	le.PutUint32(b[32:], oldest)
	le.PutUint32(b[36:], eofSize)
	return b
}
