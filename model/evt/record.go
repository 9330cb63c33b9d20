// Package evt reads legacy Windows event logs: the .evt files ("LfLe"
// format, MS-EVEN's EVENTLOGRECORD) of Windows NT, 2000, XP and Server 2003.
//
// A .evt file is a 48-byte header followed by a circular buffer of records
// and an end-of-file record. Real files are often not tidy: once the log
// has wrapped, records continue after the header when they reach the end of
// the file, and one record may be split there; a log copied from a running
// system has the header's dirty flag set and stale offsets; copies can be
// truncated and records damaged. Read therefore does not trust the header:
// it finds records by their signature and checks each by its size, which a
// record stores at both ends. Every record that checks out is returned; a
// record whose end is damaged is kept as far as it can be read; what is
// skipped is reported with its offset. Read needs memory for one record at
// a time plus a few dozen bytes per record found, whatever the file holds.
//
// Written from the public description of the format (MS-EVEN, libyal's
// libevt notes).
package evt

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"eventlens/i18n/reason"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Signature is the magic at offset 4 of the file header and of every record.
const Signature = "LfLe"

const (
	headerSize = 0x30
	fixedSize  = 0x38 // EVENTLOGRECORD up to SourceName
)

// Event types (EVENTLOGRECORD.EventType).
const (
	TypeSuccess      uint16 = 0x0000
	TypeError        uint16 = 0x0001
	TypeWarning      uint16 = 0x0002
	TypeInformation  uint16 = 0x0004
	TypeAuditSuccess uint16 = 0x0008
	TypeAuditFailure uint16 = 0x0010
)

// Sniff reports whether head, the first bytes of a file, starts a .evt log
// (or a bare event record): "LfLe" at offset 4.
func Sniff(head []byte) bool {
	return len(head) >= 8 && string(head[4:8]) == Signature
}

// Record is one event record as the file holds it.
type Record struct {
	Offset    int64 // of the record's first byte in the file
	Number    uint32
	Generated time.Time // UTC, to the second
	Written   time.Time
	EventID   uint32 // code in the low 16 bits, qualifiers above
	Type      uint16
	Category  uint16
	Source    string
	Computer  string
	SID       string // "S-1-5-…", empty when the record has none
	Strings   []string
	Data      []byte

	// Damaged says why the record could not be read whole (its end is
	// missing or overwritten); what it holds is what could be read.
	Damaged string
}

var (
	errFixedPart = errors.New("its fixed part is cut short")
	errSource    = errors.New("its source name is unreadable")
	errComputer  = errors.New("its computer name is unreadable")
)

// recordErrReason is err, a reason decode gives, as a reason.
func recordErrReason(err error) reason.Reason {
	switch err {
	case errFixedPart:
		return reason.New(reason.EVTFixedPart)
	case errSource:
		return reason.New(reason.EVTSource)
	case errComputer:
		return reason.New(reason.EVTComputer)
	}
	return reason.New(reason.Detail, err.Error())
}

// decode parses one record from b, which holds its bytes as far as they
// could be read (all of them for a whole record). It fails only when not
// even the names after the fixed part can be read.
func decode(b []byte, off int64) (Record, error) {
	le := binary.LittleEndian
	if len(b) < fixedSize {
		return Record{}, errFixedPart
	}
	r := Record{
		Offset:    off,
		Number:    le.Uint32(b[8:]),
		Generated: time.Unix(int64(le.Uint32(b[12:])), 0).UTC(),
		Written:   time.Unix(int64(le.Uint32(b[16:])), 0).UTC(),
		EventID:   le.Uint32(b[20:]),
		Type:      le.Uint16(b[24:]),
		Category:  le.Uint16(b[28:]),
	}
	nstr := int(le.Uint16(b[26:]))
	strOff := int64(le.Uint32(b[36:]))
	sidLen, sidOff := int64(le.Uint32(b[40:])), int64(le.Uint32(b[44:]))
	dataLen, dataOff := int64(le.Uint32(b[48:])), int64(le.Uint32(b[52:]))

	// The names run from the fixed part up to the SID (or the strings):
	// never read them past that.
	end := int64(len(b))
	namesEnd := end
	for _, o := range []int64{strOff, sidOff} {
		if o >= fixedSize && o < namesEnd {
			namesEnd = o
		}
	}
	var n int
	var ok bool
	names := b[fixedSize:namesEnd]
	if r.Source, n, ok = utf16z(names); !ok {
		return r, errSource
	}
	if r.Computer, _, ok = utf16z(names[n:]); !ok {
		return r, errComputer
	}
	if sidLen > 0 && sidOff >= fixedSize && sidOff+sidLen <= end {
		r.SID = formatSID(b[sidOff : sidOff+sidLen])
	}
	if nstr > 0 && strOff >= fixedSize && strOff < end {
		strEnd := end
		if dataLen > 0 && dataOff > strOff && dataOff < strEnd {
			strEnd = dataOff
		}
		s := b[strOff:strEnd]
		for range nstr {
			v, n, ok := utf16z(s)
			if !ok && v == "" {
				break // no more bytes: the rest of the strings are gone
			}
			r.Strings = append(r.Strings, v)
			s = s[n:]
		}
	}
	if dataLen > 0 && dataOff >= fixedSize && dataOff < end {
		r.Data = append([]byte(nil), b[dataOff:min(dataOff+dataLen, end)]...)
	}
	return r, nil
}

// utf16z decodes a NUL-terminated UTF-16LE string from the start of b and
// returns it with the bytes it used. ok is false when b ends before the
// NUL; the string is then what was there.
func utf16z(b []byte) (s string, n int, ok bool) {
	units := make([]uint16, 0, 32)
	for i := 0; i+1 < len(b); i += 2 {
		u := binary.LittleEndian.Uint16(b[i:])
		if u == 0 {
			return string(utf16.Decode(units)), i + 2, true
		}
		units = append(units, u)
	}
	return string(utf16.Decode(units)), len(b), false
}

// formatSID renders a binary security identifier as "S-R-A-S1-S2…", or hex
// when it is not well-formed.
func formatSID(b []byte) string {
	if len(b) < 8 || b[0] != 1 || len(b) != 8+4*int(b[1]) {
		return "0x" + strings.ToUpper(hex.EncodeToString(b))
	}
	var auth uint64
	for _, c := range b[2:8] {
		auth = auth<<8 | uint64(c)
	}
	var sb strings.Builder
	sb.WriteString("S-1-")
	sb.WriteString(strconv.FormatUint(auth, 10))
	for i := 8; i < len(b); i += 4 {
		sb.WriteByte('-')
		sb.WriteString(strconv.FormatUint(uint64(binary.LittleEndian.Uint32(b[i:])), 10))
	}
	return sb.String()
}
