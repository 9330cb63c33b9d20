package binxml

import (
	"math"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Value types (MS-EVEN6 2.2.18); typArray marks an array of the base type.
const (
	typNull       = 0x00
	typString     = 0x01
	typAnsiString = 0x02
	typInt8       = 0x03
	typUInt8      = 0x04
	typInt16      = 0x05
	typUInt16     = 0x06
	typInt32      = 0x07
	typUInt32     = 0x08
	typInt64      = 0x09
	typUInt64     = 0x0a
	typReal32     = 0x0b
	typReal64     = 0x0c
	typBool       = 0x0d
	typBinary     = 0x0e
	typGUID       = 0x0f
	typSizeT      = 0x10
	typFileTime   = 0x11
	typSysTime    = 0x12
	typSID        = 0x13
	typHexInt32   = 0x14
	typHexInt64   = 0x15
	typEvtHandle  = 0x20
	typBinXML     = 0x21
	typEvtXML     = 0x23
	typArray      = 0x80
)

// fixedSize is the size of one value of a fixed-size type, 0 otherwise.
func fixedSize(typ uint8) int {
	switch typ {
	case typInt8, typUInt8:
		return 1
	case typInt16, typUInt16:
		return 2
	case typInt32, typUInt32, typReal32, typBool, typHexInt32:
		return 4
	case typInt64, typUInt64, typReal64, typFileTime, typHexInt64, typSizeT:
		return 8
	case typGUID, typSysTime:
		return 16
	}
	return 0
}

// leN reads up to 8 little-endian bytes, zero-extending short values (a
// descriptor may give a smaller size than the type's).
func leN(b []byte) uint64 {
	var v uint64
	for i := len(b) - 1; i >= 0; i-- {
		if i < 8 {
			v = v<<8 | uint64(b[i])
		}
	}
	return v
}

// bytesOf returns the bytes of v, clipped to the chunk.
func (c *Chunk) bytesOf(v value) []byte {
	lo, hi := int(v.off), int(v.off)+int(v.n)
	if lo < 0 || lo > len(c.data) || v.n < 0 {
		return nil
	}
	if hi > len(c.data) {
		hi = len(c.data)
	}
	return c.data[lo:hi]
}

// isNull reports whether v renders as nothing (null type or no bytes).
func isNull(v value) bool { return v.typ == typNull || v.n == 0 }

// intValue returns v as an unsigned integer when v is an integer-typed
// value, without formatting it.
func (c *Chunk) intValue(v value) (uint64, bool) {
	b := c.bytesOf(v)
	switch v.typ {
	case typUInt8, typUInt16, typUInt32, typUInt64, typHexInt32, typHexInt64, typSizeT:
		return leN(b), true
	case typInt8, typInt16, typInt32, typInt64:
		return uint64(signed(b, fixedSize(v.typ))), true
	}
	return 0, false
}

func signed(b []byte, size int) int64 {
	if len(b) > size {
		b = b[:size]
	}
	u := leN(b)
	if n := len(b); n > 0 && n < 8 {
		shift := 64 - 8*uint(n)
		return int64(u<<shift) >> shift
	}
	return int64(u)
}

// appendValue renders v as Windows renders it in event XML (without XML
// escaping) and appends it to dst.
func (c *Chunk) appendValue(dst []byte, v value) []byte {
	if v.typ&typArray != 0 {
		// An array where it cannot be expanded (see expandArray), e.g.
		// mixed with other text: items joined with commas.
		first := true
		c.eachItem(v, func(it value) bool {
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = appendScalar(dst, it.typ, c.bytesOf(it))
			return len(dst) <= maxRecordOutput
		})
		return dst
	}
	return appendScalar(dst, v.typ, c.bytesOf(v))
}

func appendScalar(dst []byte, typ uint8, b []byte) []byte {
	switch typ {
	case typNull:
		return dst
	case typString:
		return appendUTF16(dst, b)
	case typAnsiString:
		return appendANSI(dst, b)
	case typInt8, typInt16, typInt32, typInt64:
		return strconv.AppendInt(dst, signed(b, fixedSize(typ)), 10)
	case typUInt8, typUInt16, typUInt32, typUInt64:
		return strconv.AppendUint(dst, leN(b), 10)
	case typReal32:
		if len(b) < 4 {
			return dst
		}
		return strconv.AppendFloat(dst, float64(math.Float32frombits(uint32(leN(b[:4])))), 'g', -1, 32)
	case typReal64:
		if len(b) < 8 {
			return dst
		}
		return strconv.AppendFloat(dst, math.Float64frombits(leN(b[:8])), 'g', -1, 64)
	case typBool:
		if leN(b) != 0 {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case typBinary, typEvtHandle, typEvtXML:
		return appendHexUpper(dst, b)
	case typGUID:
		return appendGUID(dst, b)
	case typSizeT, typHexInt32, typHexInt64:
		dst = append(dst, "0x"...)
		return strconv.AppendUint(dst, leN(b), 16)
	case typFileTime:
		if len(b) < 8 {
			return dst
		}
		return appendTime(dst, filetime(leN(b[:8])))
	case typSysTime:
		if t, ok := systemtime(b); ok {
			return appendTime(dst, t)
		}
		return appendHexUpper(dst, b)
	case typSID:
		return appendSID(dst, b)
	case typBinXML:
		return dst // rendered as markup by the executor, never as text
	}
	return appendHexUpper(dst, b) // unknown type: keep the bytes visible
}

// appendUTF16 converts UTF-16LE to UTF-8, stopping at the first NUL
// (values often carry their terminator); unpaired surrogates become U+FFFD.
func appendUTF16(dst []byte, b []byte) []byte {
	for i := 0; i+1 < len(b); i += 2 {
		u := uint16(b[i]) | uint16(b[i+1])<<8
		switch {
		case u == 0:
			return dst
		case u < utf8.RuneSelf:
			dst = append(dst, byte(u))
		case u >= 0xd800 && u < 0xdc00 && i+3 < len(b):
			u2 := uint16(b[i+2]) | uint16(b[i+3])<<8
			if u2 >= 0xdc00 && u2 < 0xe000 {
				dst = utf8.AppendRune(dst, utf16.DecodeRune(rune(u), rune(u2)))
				i += 2
			} else {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			}
		case u >= 0xd800 && u < 0xe000:
			dst = utf8.AppendRune(dst, utf8.RuneError)
		default:
			dst = utf8.AppendRune(dst, rune(u))
		}
	}
	return dst
}

// appendANSI decodes an ANSI string as Windows-1252 (the code page is not
// recorded in the log), stopping at the first NUL.
func appendANSI(dst []byte, b []byte) []byte {
	for _, x := range b {
		if x == 0 {
			break
		}
		if x < utf8.RuneSelf {
			dst = append(dst, x)
			continue
		}
		dst = utf8.AppendRune(dst, charmap.Windows1252.DecodeByte(x))
	}
	return dst
}

const hexUpper = "0123456789ABCDEF"

func appendHexUpper(dst []byte, b []byte) []byte {
	for _, x := range b {
		dst = append(dst, hexUpper[x>>4], hexUpper[x&15])
	}
	return dst
}

// appendGUID renders {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}; the first three
// groups are little-endian.
func appendGUID(dst []byte, b []byte) []byte {
	if len(b) < 16 {
		return appendHexUpper(dst, b)
	}
	order := [16]int{3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15}
	dst = append(dst, '{')
	for i, j := range order {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst = append(dst, '-')
		}
		dst = append(dst, hexUpper[b[j]>>4], hexUpper[b[j]&15])
	}
	return append(dst, '}')
}

// appendSID renders S-R-A-S1-...; authorities of 2^32 and above are hex, as
// ConvertSidToStringSid does.
func appendSID(dst []byte, b []byte) []byte {
	if len(b) < 8 {
		return appendHexUpper(dst, b)
	}
	n := int(b[1])
	dst = append(dst, "S-"...)
	dst = strconv.AppendUint(dst, uint64(b[0]), 10)
	var auth uint64
	for _, x := range b[2:8] {
		auth = auth<<8 | uint64(x)
	}
	dst = append(dst, '-')
	if auth >= 1<<32 {
		dst = append(dst, "0x"...)
		dst = strconv.AppendUint(dst, auth, 16)
	} else {
		dst = strconv.AppendUint(dst, auth, 10)
	}
	for i := 0; i < n && 8+4*i+4 <= len(b); i++ {
		dst = append(dst, '-')
		dst = strconv.AppendUint(dst, uint64(le32(b, 8+4*i)), 10)
	}
	return dst
}

// timeLayout is how Event Viewer (Windows 10 and later) writes times in
// event XML: UTC with seven fractional digits, FILETIME's resolution.
const timeLayout = "2006-01-02T15:04:05.0000000Z"

func appendTime(dst []byte, t time.Time) []byte {
	return t.AppendFormat(dst, timeLayout)
}

// systemtime decodes a SYSTEMTIME (eight u16: year, month, weekday, day,
// hour, minute, second, milliseconds).
func systemtime(b []byte) (time.Time, bool) {
	if len(b) < 16 {
		return time.Time{}, false
	}
	y, mo, d := int(le16(b, 0)), int(le16(b, 2)), int(le16(b, 6))
	h, mi, s, ms := int(le16(b, 8)), int(le16(b, 10)), int(le16(b, 12)), int(le16(b, 14))
	if mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || ms > 999 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, ms*1e6, time.UTC), true
}

// appendEscaped appends text with the XML special characters escaped.
func appendEscaped(dst []byte, s []byte, attr bool) []byte {
	last := 0
	for i, ch := range s {
		var rep string
		switch ch {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			if !attr {
				continue
			}
			rep = "&quot;"
		default:
			continue
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, rep...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// internBytes returns a string equal to b, shared with earlier calls; the
// lookup does not allocate.
func (c *Chunk) internBytes(b []byte) string {
	if s, ok := c.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(b) <= 256 && len(c.intern) < 2*maxIntern {
		c.intern[s] = s
	}
	return s
}
