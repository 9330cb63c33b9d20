package binxml

import (
	"fmt"
	"time"
	"unicode/utf8"

	"eventlens/model/core"
)

// Decode decodes the record at ref into ev. ev.File is kept; every other
// field is overwritten. Offset is c.Offset plus the record's chunk offset;
// RecordID and Time come from System (the record header's when System lacks
// them).
//
// On success ev.Decoded is true and Decode returns nil. When the record is
// damaged part-way, Decode returns the error and keeps what was decoded
// before it: ev.Decoded is then true if the System section was read (the
// event is usable, ev.DecodeError says what is missing) and false if not
// (ev carries only the record header's ID and time).
func (c *Chunk) Decode(ref RecordRef, ev *core.Event) error {
	file := ev.File
	*ev = core.Event{File: file, Offset: c.Offset + int64(ref.Offset), RecordID: ref.ID, Time: ref.Time}
	s := &c.es
	s.reset(c, ev)
	err := c.run(ref, s)
	if err == nil && c.partial != nil {
		err = fmt.Errorf("incomplete template definition: %w", c.partial)
	}
	s.finish()
	if err != nil {
		ev.Decoded = s.sawSystem
		ev.DecodeError = err.Error()
		return err
	}
	ev.Decoded = true
	return nil
}

type section uint8

const (
	secNone section = iota
	secSystem
	secEventData
	secUserData
	secOther
)

// field is the System (or EventData) field whose text is being captured.
type field uint8

const (
	fNone field = iota
	fProviderName
	fProviderGUID
	fEventSourceName
	fEventID
	fQualifiers
	fVersion
	fLevel
	fTask
	fOpcode
	fKeywords
	fTimeCreated
	fRecordID
	fProcessID
	fThreadID
	fChannel
	fComputer
	fUserID
	fDataName
	fUserAttr
)

// item is one EventData or UserData value, as a range of the arena.
type item struct {
	name   string
	lo, hi int32
	user   bool
}

// eventSink fills a core.Event from the document. Data values are
// collected in one arena and turned into one string at the end, so a
// record costs a few allocations however many values it has.
type eventSink struct {
	c     *Chunk
	ev    *core.Event
	depth int
	names [maxElement]string
	child [maxElement]bool // element at this depth has child elements
	sec   section

	elemField field // System element whose text is captured
	attrField field // attribute whose value is captured
	attrName  string
	attrLo    int
	inAttr    bool

	capFirst  value // first captured piece, kept typed
	capPieces int
	capBuf    []byte

	arena     []byte
	items     []item
	dataDepth int // depth of the open EventData item, 0 if none
	dataName  string
	dataLo    int
	dataBin   bool
	binLo     int
	binHi     int
	udLo      int  // start of the current UserData element's text
	udKeep    int  // arena bytes that belong to finished items
	udPrefix  bool // paths start with the section name (ProcessingErrorData...)
	pathBuf   []byte
	sawSystem bool
	last      [fUserAttr]lastString
}

func (s *eventSink) reset(c *Chunk, ev *core.Event) {
	s.c, s.ev = c, ev
	s.depth = 0
	s.sec = secNone
	s.elemField, s.attrField, s.inAttr = fNone, fNone, false
	s.capPieces = 0
	s.arena = s.arena[:0]
	s.items = s.items[:0]
	s.dataDepth = 0
	s.binLo, s.binHi = -1, -1
	s.udLo, s.udKeep = 0, 0
	s.sawSystem = false
}

// finish moves the collected values into the event: one string for all
// values, one slice each for EventData and UserData.
func (s *eventSink) finish() {
	s.finishAttr()
	arena := string(s.arena)
	nd, nu := 0, 0
	for _, it := range s.items {
		if it.user {
			nu++
		} else {
			nd++
		}
	}
	if nd > 0 {
		s.ev.Data = make([]core.Data, 0, nd)
	}
	if nu > 0 {
		s.ev.UserData = make([]core.Data, 0, nu)
	}
	for _, it := range s.items {
		d := core.Data{Name: it.name, Value: arena[it.lo:it.hi]}
		if it.user {
			s.ev.UserData = append(s.ev.UserData, d)
		} else {
			s.ev.Data = append(s.ev.Data, d)
		}
	}
	if s.binLo >= 0 && s.binHi >= s.binLo && s.binHi <= len(arena) {
		s.ev.Binary = arena[s.binLo:s.binHi]
	}
	s.ev = nil
}

// addItem keeps one EventData or UserData value; its slot counts towards
// the record's output like its text.
func (s *eventSink) addItem(it item) {
	s.c.charge(itemCost)
	s.items = append(s.items, it)
}

func (s *eventSink) open(name string) {
	s.finishAttr()
	if s.depth > 0 && s.depth <= maxElement {
		s.child[s.depth-1] = true
	}
	s.depth++
	d := s.depth
	if d <= maxElement {
		s.names[d-1] = name
		s.child[d-1] = false
	}
	switch {
	case d == 2:
		switch name {
		case "System":
			s.sec = secSystem
			s.sawSystem = true
		case "EventData":
			s.sec = secEventData
		case "UserData":
			s.sec = secUserData
			s.udPrefix = false
			s.udKeep = len(s.arena)
		case "ProcessingErrorData", "DebugData", "BinaryEventData":
			// Kept like UserData, their paths prefixed with the section's
			// name, as package model's XML reader does.
			s.sec = secUserData
			s.udPrefix = true
			s.udKeep = len(s.arena)
		default:
			s.sec = secOther
		}
	case d == 3 && s.sec == secSystem:
		s.elemField = systemElement(name)
		s.capPieces = 0
	case d == 3 && s.sec == secEventData:
		s.dataDepth = 3
		s.dataName = ""
		if name != "Data" {
			s.dataName = name
		}
		s.dataBin = name == "Binary"
		s.dataLo = len(s.arena)
	case d >= 3 && s.sec == secUserData:
		s.arena = s.arena[:s.udKeep] // the parent's text is not a leaf value
		s.udLo = len(s.arena)
	}
}

func systemElement(name string) field {
	switch name {
	case "EventID":
		return fEventID
	case "Version":
		return fVersion
	case "Level":
		return fLevel
	case "Task":
		return fTask
	case "Opcode":
		return fOpcode
	case "Keywords":
		return fKeywords
	case "EventRecordID":
		return fRecordID
	case "Channel":
		return fChannel
	case "Computer":
		return fComputer
	}
	return fNone
}

func systemAttr(elem, attr string) field {
	switch elem {
	case "Provider":
		switch attr {
		case "Name":
			return fProviderName
		case "Guid":
			return fProviderGUID
		case "EventSourceName":
			return fEventSourceName
		}
	case "EventID":
		if attr == "Qualifiers" {
			return fQualifiers
		}
	case "TimeCreated":
		if attr == "SystemTime" {
			return fTimeCreated
		}
	case "Execution":
		switch attr {
		case "ProcessID":
			return fProcessID
		case "ThreadID":
			return fThreadID
		}
	case "Security":
		if attr == "UserID" {
			return fUserID
		}
	}
	return fNone
}

func (s *eventSink) attr(name string) {
	s.finishAttr()
	s.inAttr = true
	s.attrField = fNone
	s.capPieces = 0
	d := s.depth
	if d < 3 || d > maxElement {
		return
	}
	switch s.sec {
	case secSystem:
		if d == 3 {
			s.attrField = systemAttr(s.names[2], name)
		}
	case secEventData:
		if d == 3 && name == "Name" {
			s.attrField = fDataName
		}
	case secUserData:
		if name == "xmlns" || (len(name) > 6 && name[:6] == "xmlns:") {
			return
		}
		s.attrField = fUserAttr
		s.attrName = name
		s.attrLo = len(s.arena)
	}
}

// finishAttr stores the value of the attribute just read.
func (s *eventSink) finishAttr() {
	if !s.inAttr {
		return
	}
	s.inAttr = false
	f := s.attrField
	s.attrField = fNone
	switch f {
	case fNone:
	case fUserAttr:
		s.pathBuf = append(s.path(s.pathBuf[:0]), "/@"...)
		s.pathBuf = append(s.pathBuf, s.attrName...)
		s.addItem(item{name: s.c.internBytes(s.pathBuf), lo: int32(s.attrLo), hi: int32(len(s.arena)), user: true})
		s.udKeep = len(s.arena)
	case fDataName:
		s.dataName = s.capString(f)
	default:
		s.apply(f)
	}
	s.capPieces = 0 // the element's text is captured afresh
}

// path is the element path below UserData, e.g. "Elem/Child" (for the
// other sections kept as user data, "ProcessingErrorData/Elem/Child").
func (s *eventSink) path(dst []byte) []byte {
	first := 2
	if s.udPrefix {
		first = 1
	}
	for i := first; i < s.depth && i < maxElement; i++ {
		if i > first {
			dst = append(dst, '/')
		}
		dst = append(dst, s.names[i]...)
	}
	return dst
}

func (s *eventSink) closeStart() {
	s.finishAttr()
	if s.sec == secUserData && s.depth >= 3 {
		s.udLo = len(s.arena)
	}
}

func (s *eventSink) closeEmpty() {
	s.finishAttr()
	if s.sec == secUserData && s.depth >= 3 {
		s.udLo = len(s.arena)
	}
	s.end()
}

func (s *eventSink) end() {
	d := s.depth
	if d <= 0 {
		return
	}
	switch {
	case s.sec == secSystem && d == 3:
		if s.elemField != fNone {
			s.apply(s.elemField)
			s.elemField = fNone
		}
	case s.sec == secEventData && d == s.dataDepth:
		if s.dataBin {
			s.binLo, s.binHi = s.dataLo, len(s.arena)
		} else {
			s.addItem(item{name: s.dataName, lo: int32(s.dataLo), hi: int32(len(s.arena))})
		}
		s.dataDepth = 0
	case s.sec == secUserData && d >= 3:
		if d <= maxElement && !s.child[d-1] {
			s.pathBuf = s.path(s.pathBuf[:0])
			s.addItem(item{name: s.c.internBytes(s.pathBuf), lo: int32(s.udLo), hi: int32(len(s.arena)), user: true})
			s.udKeep = len(s.arena)
		} else {
			s.arena = s.arena[:s.udKeep]
		}
	}
	if d == 2 {
		s.sec = secNone
	}
	s.depth--
}

// capturing says whether content goes to a System field (true) or to the
// arena (arena true).
func (s *eventSink) target() (capture, arena bool) {
	if s.inAttr {
		switch s.attrField {
		case fNone:
			return false, false
		case fUserAttr:
			return false, true
		}
		return true, false
	}
	switch s.sec {
	case secSystem:
		return s.depth == 3 && s.elemField != fNone, false
	case secEventData:
		return false, s.dataDepth > 0 && s.depth >= s.dataDepth
	case secUserData:
		return false, s.depth >= 3
	}
	return false, false
}

func (s *eventSink) text(v value) {
	capture, arena := s.target()
	switch {
	case capture:
		switch s.capPieces {
		case 0:
			s.capFirst = v
		case 1:
			s.capBuf = s.c.appendValue(s.capBuf[:0], s.capFirst)
			fallthrough
		default:
			n := len(s.capBuf)
			s.capBuf = s.c.appendValue(s.capBuf, v)
			s.c.charge(len(s.capBuf) - n)
		}
		s.capPieces++
	case arena:
		n := len(s.arena)
		s.arena = s.c.appendValue(s.arena, v)
		s.c.charge(len(s.arena) - n)
	}
}

func (s *eventSink) cdata(v value) { s.text(v) }

// appendRaw adds already-rendered text to the current target.
func (s *eventSink) appendRaw(b []byte) {
	capture, arena := s.target()
	switch {
	case capture:
		s.capText()
		s.capBuf = append(s.capBuf, b...)
		s.capPieces = 2
		s.c.charge(len(b))
	case arena:
		s.arena = append(s.arena, b...)
		s.c.charge(len(b))
	}
}

func (s *eventSink) charRef(r uint16) {
	var b [4]byte
	s.appendRaw(utf8.AppendRune(b[:0], rune(r)))
}

func (s *eventSink) entityRef(name string) {
	switch name {
	case "lt":
		s.appendRaw([]byte{'<'})
	case "gt":
		s.appendRaw([]byte{'>'})
	case "amp":
		s.appendRaw([]byte{'&'})
	case "quot":
		s.appendRaw([]byte{'"'})
	case "apos":
		s.appendRaw([]byte{'\''})
	default:
		s.appendRaw(append(append([]byte{'&'}, name...), ';'))
	}
}

func (s *eventSink) pi(string, value) {}

// lastString remembers, per field, the raw value last seen and its text:
// provider, channel, computer and the like repeat from record to record,
// and comparing raw bytes is cheaper than rendering and interning them.
type lastString struct {
	typ uint8
	raw []byte
	s   string
}

// capString returns the captured text as a shared string.
func (s *eventSink) capString(f field) string {
	if s.capPieces != 1 || int(f) >= len(s.last) {
		return s.c.internBytes(s.capText())
	}
	raw := s.c.bytesOf(s.capFirst)
	l := &s.last[f]
	if l.typ == s.capFirst.typ && string(l.raw) == string(raw) && l.raw != nil {
		return l.s
	}
	str := s.c.internBytes(s.capText())
	if len(raw) <= 512 {
		l.typ, l.raw, l.s = s.capFirst.typ, append(l.raw[:0], raw...), str
		if l.raw == nil {
			l.raw = []byte{}
		}
	}
	return str
}

// capText renders the captured pieces as text.
func (s *eventSink) capText() []byte {
	switch s.capPieces {
	case 0:
		return s.capBuf[:0]
	case 1:
		s.capBuf = s.c.appendValue(s.capBuf[:0], s.capFirst)
	}
	return s.capBuf
}

// capUint returns the captured value as a number: directly when it is one
// integer value, by parsing its text (decimal or 0x-hex) otherwise.
func (s *eventSink) capUint() (uint64, bool) {
	if s.capPieces == 0 {
		return 0, false
	}
	if s.capPieces == 1 {
		if u, ok := s.c.intValue(s.capFirst); ok {
			return u, true
		}
	}
	return parseUint(s.capText())
}

func parseUint(b []byte) (uint64, bool) {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r' || b[len(b)-1] == '\n') {
		b = b[:len(b)-1]
	}
	base := uint64(10)
	if len(b) > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X') {
		base, b = 16, b[2:]
	}
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	var u uint64
	for _, ch := range b {
		var dg uint64
		switch {
		case ch >= '0' && ch <= '9':
			dg = uint64(ch - '0')
		case base == 16 && ch >= 'a' && ch <= 'f':
			dg = uint64(ch-'a') + 10
		case base == 16 && ch >= 'A' && ch <= 'F':
			dg = uint64(ch-'A') + 10
		default:
			return 0, false
		}
		u = u*base + dg
	}
	return u, true
}

// apply stores the captured text into the System field f.
func (s *eventSink) apply(f field) {
	ev := s.ev
	switch f {
	case fProviderName:
		ev.Provider = s.capString(f)
	case fProviderGUID:
		ev.ProviderGUID = s.capString(f)
	case fEventSourceName:
		ev.EventSourceName = s.capString(f)
	case fChannel:
		ev.Channel = s.capString(f)
	case fComputer:
		ev.Computer = s.capString(f)
	case fUserID:
		ev.UserSID = s.capString(f)
	case fTimeCreated:
		if t, ok := s.capTime(); ok {
			ev.Time = t
		}
	default:
		u, ok := s.capUint()
		if !ok {
			return
		}
		switch f {
		case fEventID:
			ev.EventID = uint16(u)
		case fQualifiers:
			ev.Qualifiers, ev.HasQualifiers = uint16(u), true
		case fVersion:
			ev.Version = uint8(u)
		case fLevel:
			ev.Level = core.Level(u)
		case fTask:
			ev.Task = uint16(u)
		case fOpcode:
			ev.Opcode = uint8(u)
		case fKeywords:
			ev.Keywords = u
		case fRecordID:
			ev.RecordID = u
		case fProcessID:
			ev.ProcessID = uint32(u)
		case fThreadID:
			ev.ThreadID = uint32(u)
		}
	}
}

func (s *eventSink) capTime() (time.Time, bool) {
	if s.capPieces == 1 {
		switch s.capFirst.typ {
		case typFileTime:
			if b := s.c.bytesOf(s.capFirst); len(b) >= 8 {
				return filetime(le64(b, 0)), true
			}
		case typSysTime:
			return systemtime(s.c.bytesOf(s.capFirst))
		}
	}
	b := s.capText()
	if len(b) == 0 {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}
