package evtxwrite

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"eventlens/model"
	"eventlens/model/export/userdata"
)

// BinXML value types (MS-EVEN6 2.2.12, ValueType).
const (
	typeNull     = 0x00
	typeString   = 0x01
	typeUInt8    = 0x04
	typeUInt16   = 0x06
	typeUInt32   = 0x08
	typeUInt64   = 0x0a
	typeBinary   = 0x0e
	typeGUID     = 0x0f
	typeFileTime = 0x11
	typeSID      = 0x13
	typeHexInt64 = 0x15
)

const eventNS = "http://schemas.microsoft.com/win/2004/08/events/event"

// A record is one event turned into a template description (nodes, attrs)
// and its substitution values. It does not depend on the chunk it goes to;
// the chunk writer turns it into bytes. Its slices are reused from event to
// event.
type record struct {
	nodes []node
	attrs []attr
	descs []valueDesc
	data  []byte // the substitution values, back to back
	key   []byte // the template's shape, see shapeKey
	time  uint64 // FILETIME for the record header
	ridAt int    // offset in data of the EventRecordID value
}

// node is an element of the template. Children are linked by index.
type node struct {
	name         string
	attrLo       int32
	attrHi       int32
	first, last  int32 // children; -1 when none
	next         int32 // next sibling; -1 when none
	sub          int32 // content substitution index; -1 when none
	subType      byte
	subOptional  bool
	dependsOnSub bool // element is left out when its content value is NULL
}

// attr is an attribute with either constant text or a substitution.
type attr struct {
	name    string
	text    string
	sub     int32 // -1: text
	subType byte
}

type valueDesc struct {
	size uint16
	typ  byte
}

func (r *record) reset() {
	r.nodes = r.nodes[:0]
	r.attrs = r.attrs[:0]
	r.descs = r.descs[:0]
	r.data = r.data[:0]
	r.key = r.key[:0]
}

// addNode appends a child of parent (-1 for the root) and returns its index.
func (r *record) addNode(parent int32, name string) int32 {
	i := int32(len(r.nodes))
	r.nodes = append(r.nodes, node{name: name, attrLo: int32(len(r.attrs)), attrHi: int32(len(r.attrs)), first: -1, last: -1, next: -1, sub: -1})
	if parent >= 0 {
		p := &r.nodes[parent]
		if p.last >= 0 {
			r.nodes[p.last].next = i
		} else {
			p.first = i
		}
		p.last = i
	}
	return i
}

// Attributes must be added right after their node, before any other node.
func (r *record) addTextAttr(n int32, name, text string) {
	r.attrs = append(r.attrs, attr{name: name, text: text, sub: -1})
	r.nodes[n].attrHi = int32(len(r.attrs))
}

func (r *record) addSubAttr(n int32, name string, declared byte, v value) {
	r.attrs = append(r.attrs, attr{name: name, sub: r.addValue(v), subType: declared})
	r.nodes[n].attrHi = int32(len(r.attrs))
}

// setContent makes the element's content a substitution. optional marks it
// as Windows does for System values: an element whose value is NULL is left
// out.
func (r *record) setContent(n int32, declared byte, v value, optional bool) {
	nd := &r.nodes[n]
	nd.sub = r.addValue(v)
	nd.subType = declared
	nd.subOptional = optional
	nd.dependsOnSub = optional
}

// value is one substitution value before it is appended to record.data.
type value struct {
	typ  byte
	str  string // typeString
	num  uint64 // integer types, FILETIME
	blob []byte // typeBinary, typeGUID, typeSID
}

func (r *record) addValue(v value) int32 {
	start := len(r.data)
	switch v.typ {
	case typeNull:
	case typeString:
		r.data = appendUTF16(r.data, v.str)
	case typeUInt8:
		r.data = append(r.data, byte(v.num))
	case typeUInt16:
		r.data = binary.LittleEndian.AppendUint16(r.data, uint16(v.num))
	case typeUInt32:
		r.data = binary.LittleEndian.AppendUint32(r.data, uint32(v.num))
	case typeUInt64, typeHexInt64, typeFileTime:
		r.data = binary.LittleEndian.AppendUint64(r.data, v.num)
	default:
		r.data = append(r.data, v.blob...)
	}
	size := len(r.data) - start
	if size > 0xffff {
		// Caught again by the size check; keep the descriptor consistent.
		size = 0xffff
	}
	r.descs = append(r.descs, valueDesc{size: uint16(size), typ: v.typ})
	return int32(len(r.descs) - 1)
}

// str is a System string value: NULL when empty, so that the attribute or
// element is left out as Windows does for values it does not have.
func str(s string) value {
	if s == "" {
		return value{typ: typeNull}
	}
	return value{typ: typeString, str: s}
}

// build describes e as a template and its values.
func (r *record) build(e *model.Event, channel string) {
	r.reset()
	r.time = fileTime(e.Time)

	ev := r.addNode(-1, "Event")
	r.addTextAttr(ev, "xmlns", eventNS)
	sys := r.addNode(ev, "System")

	prov := r.addNode(sys, "Provider")
	r.addSubAttr(prov, "Name", typeString, str(e.Provider))
	gv, gt := guidValue(e.ProviderGUID)
	r.addSubAttr(prov, "Guid", gt, gv)
	r.addSubAttr(prov, "EventSourceName", typeString, str(e.EventSourceName))

	eid := r.addNode(sys, "EventID")
	q := value{typ: typeNull}
	if e.HasQualifiers {
		q = value{typ: typeUInt16, num: uint64(e.Qualifiers)}
	}
	r.addSubAttr(eid, "Qualifiers", typeUInt16, q)
	r.setContent(eid, typeUInt16, value{typ: typeUInt16, num: uint64(e.EventID)}, true)

	for _, f := range [...]struct {
		name string
		typ  byte
		v    uint64
	}{
		{"Version", typeUInt8, uint64(e.Version)},
		{"Level", typeUInt8, uint64(e.Level)},
		{"Task", typeUInt16, uint64(e.Task)},
		{"Opcode", typeUInt8, uint64(e.Opcode)},
		{"Keywords", typeHexInt64, e.Keywords},
	} {
		n := r.addNode(sys, f.name)
		r.setContent(n, f.typ, value{typ: f.typ, num: f.v}, true)
	}

	tc := r.addNode(sys, "TimeCreated")
	r.addSubAttr(tc, "SystemTime", typeFileTime, value{typ: typeFileTime, num: r.time})

	rid := r.addNode(sys, "EventRecordID")
	// The record ID is set by the chunk writer (it may be renumbered);
	// reserve its value here.
	r.ridAt = len(r.data)
	r.setContent(rid, typeUInt64, value{typ: typeUInt64}, true)

	r.addNode(sys, "Correlation")
	ex := r.addNode(sys, "Execution")
	r.addSubAttr(ex, "ProcessID", typeUInt32, value{typ: typeUInt32, num: uint64(e.ProcessID)})
	r.addSubAttr(ex, "ThreadID", typeUInt32, value{typ: typeUInt32, num: uint64(e.ThreadID)})

	ch := e.Channel
	if channel != "" {
		ch = channel
	}
	n := r.addNode(sys, "Channel")
	r.setContent(n, typeString, str(ch), true)
	n = r.addNode(sys, "Computer")
	r.setContent(n, typeString, str(e.Computer), true)

	sec := r.addNode(sys, "Security")
	sv, st := sidValue(e.UserSID)
	r.addSubAttr(sec, "UserID", st, sv)

	if len(e.Data) > 0 || e.Binary != "" || len(e.UserData) == 0 {
		ed := r.addNode(ev, "EventData")
		for _, d := range e.Data {
			n := r.addNode(ed, "Data")
			if d.Name != "" {
				r.addTextAttr(n, "Name", d.Name)
			}
			// An empty value stays an empty string, not NULL: libevtx
			// refuses NULL in a normal substitution, and an optional one
			// would drop the element, and with it the item's position.
			r.setContent(n, typeString, value{typ: typeString, str: d.Value}, false)
		}
		if e.Binary != "" {
			n := r.addNode(ed, "Binary")
			b, err := hex.DecodeString(e.Binary)
			if err != nil {
				// Keep what the input said rather than drop it.
				r.setContent(n, typeString, str(e.Binary), false)
			} else {
				r.setContent(n, typeBinary, value{typ: typeBinary, blob: b}, false)
			}
		}
	}
	if len(e.UserData) > 0 {
		r.buildUserData(ev, e.UserData)
	}
	r.shapeKey()
}

// buildUserData adds the element tree below <UserData> that the leaves
// describe (see package userdata). Attribute and text values are string
// substitutions, so events of one shape share a template.
func (r *record) buildUserData(ev int32, leaves []model.Data) {
	stack := []int32{r.addNode(ev, "UserData")}
	for t := range userdata.Tokens(leaves) {
		top := stack[len(stack)-1]
		switch t.Kind {
		case userdata.Start:
			stack = append(stack, r.addNode(top, t.Name))
		case userdata.Attr:
			r.addSubAttr(top, t.Name, typeString, value{typ: typeString, str: t.Value})
		case userdata.Text:
			// An empty value stays an empty string, as for EventData.
			r.setContent(top, typeString, value{typ: typeString, str: t.Value}, false)
		case userdata.End:
			stack = stack[:len(stack)-1]
		}
	}
}

// shapeKey serialises the template (names, constant text, substitution
// types) so that events with the same shape share a template in a chunk.
func (r *record) shapeKey() {
	r.key = r.appendShape(r.key, 0)
}

func (r *record) appendShape(k []byte, n int32) []byte {
	nd := &r.nodes[n]
	k = append(k, '<')
	k = appendLenString(k, nd.name)
	for _, a := range r.attrs[nd.attrLo:nd.attrHi] {
		k = append(k, '@')
		k = appendLenString(k, a.name)
		if a.sub < 0 {
			k = append(k, 't')
			k = appendLenString(k, a.text)
		} else {
			k = append(k, 's', a.subType)
		}
	}
	if nd.sub >= 0 {
		k = append(k, '%', nd.subType)
		if nd.subOptional {
			k = append(k, '?')
		}
	}
	for c := nd.first; c >= 0; c = r.nodes[c].next {
		k = r.appendShape(k, c)
	}
	return append(k, '>')
}

func appendLenString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// setRecordID fills in the EventRecordID value reserved by build.
func (r *record) setRecordID(id uint64) {
	binary.LittleEndian.PutUint64(r.data[r.ridAt:], id)
}

// fileTime converts t to a FILETIME (100 ns ticks since 1601-01-01 UTC).
// Times before 1601 become 0.
func fileTime(t time.Time) uint64 {
	const epochDiff = 11644473600 // seconds from 1601 to 1970
	s := t.Unix() + epochDiff
	if s < 0 || t.IsZero() {
		return 0
	}
	return uint64(s)*10_000_000 + uint64(t.Nanosecond()/100)
}

func appendUTF16(b []byte, s string) []byte {
	for _, c := range s {
		if c >= 0x10000 {
			r1, r2 := utf16.EncodeRune(c)
			b = binary.LittleEndian.AppendUint16(b, uint16(r1))
			b = binary.LittleEndian.AppendUint16(b, uint16(r2))
			continue
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(c))
	}
	return b
}

// guidValue parses "{01234567-89ab-cdef-0123-456789abcdef}" (braces
// optional) into GUID bytes; anything else is kept as a string.
func guidValue(s string) (value, byte) {
	if s == "" {
		return value{typ: typeNull}, typeGUID
	}
	t := strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	if len(t) != 36 || t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-' || len(t) != len(s)-2 {
		return str(s), typeString
	}
	raw, err := hex.DecodeString(t[0:8] + t[9:13] + t[14:18] + t[19:23] + t[24:])
	if err != nil {
		return str(s), typeString
	}
	// Data1..Data3 are little-endian, Data4 is stored as is.
	g := make([]byte, 16)
	g[0], g[1], g[2], g[3] = raw[3], raw[2], raw[1], raw[0]
	g[4], g[5] = raw[5], raw[4]
	g[6], g[7] = raw[7], raw[6]
	copy(g[8:], raw[8:])
	// Readers print GUIDs upper-case; keep a lower-case GUID a string so
	// that it reads back as written.
	if strings.ToUpper(s) != s {
		return str(s), typeString
	}
	return value{typ: typeGUID, blob: g}, typeGUID
}

// sidValue parses "S-1-5-21-..." into a binary SID; anything else is kept
// as a string.
func sidValue(s string) (value, byte) {
	if s == "" {
		return value{typ: typeNull}, typeSID
	}
	parts := strings.Split(s, "-")
	if len(parts) < 3 || parts[0] != "S" || len(parts)-3 > 15 {
		return str(s), typeString
	}
	rev, err := strconv.ParseUint(parts[1], 10, 8)
	if err != nil || parts[1] != strconv.FormatUint(rev, 10) {
		return str(s), typeString
	}
	auth, err := strconv.ParseUint(parts[2], 10, 48)
	if err != nil || parts[2] != strconv.FormatUint(auth, 10) {
		return str(s), typeString
	}
	b := make([]byte, 0, 8+4*(len(parts)-3))
	b = append(b, byte(rev), byte(len(parts)-3))
	for i := 5; i >= 0; i-- {
		b = append(b, byte(auth>>(8*i)))
	}
	for _, p := range parts[3:] {
		v, err := strconv.ParseUint(p, 10, 32)
		if err != nil || p != strconv.FormatUint(v, 10) {
			return str(s), typeString
		}
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return value{typ: typeSID, blob: b}, typeSID
}
