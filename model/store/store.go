// Package store keeps loaded events in memory in a compact, columnar form.
//
// An event is kept as a fixed-size record, a Key (the fields filters read
// most), and its searchable text in a byte arena; repeated strings are
// interned. Events are numbered in arrival order (a "slot") and never move;
// the timeline order is a separate permutation, Order. An event is
// materialised into a model.Event on demand (Event, At).
package store

import (
	"iter"
	"math"
	"slices"
	"strings"
	"time"
	"unsafe"

	"eventlens/model"
)

// Store holds events in arrival order, with their timeline order
// (model.Less) beside them.
//
// A Store is not safe for concurrent use: Add, SetClass and the reading
// methods must be called from one goroutine (the UI does all from its Update
// loop). A store that is no longer changed may be read from many goroutines.
type Store struct {
	// The columns, by slot. They are chunked so that they never move: a
	// store that grew by doubling would copy (and make the garbage
	// collector scan) tens of megabytes in one Add, stalling the UI.
	keys     column[Key]
	recs     column[rec]
	texts    column[string] // into the arenas; see Text
	classes  column[model.Class]
	cats     column[Sym] // catalog IDs: indexes into catSyms
	order    []int32     // slots in timeline order
	shuffled bool        // order is not the identity

	version uint64
	syms    table // providers, sources, channels, computers (Key symbols)
	strs    table // every other repeated string
	catSyms table // catalog IDs
	shapes  []shape
	shapeOf map[string]uint32

	// Rare cases, kept aside so that the records stay small.
	times map[int32]time.Time // times outside what Key.Time holds exactly
	lens  map[int32][]int32   // value lengths of texts that contain Sep

	arena []byte // the text arena being filled; full ones are let go
}

// column is a growing array kept in fixed-size chunks.
type column[T any] struct {
	chunks [][]T
	n      int
}

// chunkBits sets the chunk size: 16,384 entries, at most about a megabyte.
const chunkBits = 14

func (c *column[T]) at(i int) *T { return &c.chunks[i>>chunkBits][i&(1<<chunkBits-1)] }

func (c *column[T]) push(v T) {
	if c.n&(1<<chunkBits-1) == 0 {
		c.chunks = append(c.chunks, make([]T, 1<<chunkBits))
	}
	c.chunks[c.n>>chunkBits][c.n&(1<<chunkBits-1)] = v
	c.n++
}

// rec returns the record of slot i.
func (s *Store) rec(i int) *rec { return s.recs.at(i) }

// rec is the fixed-size part of an event that Key does not hold.
type rec struct {
	recordID uint64
	offset   int64
	keywords uint64
	// strs symbols
	file, guid, sid, taskName, culture, binary, decodeErr Sym
	pid, tid                                              uint32
	task, qualifiers                                      uint16
	version, opcode                                       uint8
	flags                                                 uint8
}

const (
	fDecoded uint8 = 1 << iota
	fHasQualifiers
	fNilData     // Data was nil rather than empty
	fNilUserData // likewise UserData
)

// shape is the list of data item names of an event: data[:nData] are
// EventData names, the rest UserData paths. Events of one provider and ID
// share a handful of shapes, so names cost four bytes per event.
type shape struct {
	names []string
	nData int
}

// table interns strings as small integers.
type table struct {
	list []string
	of   map[string]Sym
	// last holds, per column interning into the table, the last string
	// looked up: consecutive events mostly share their file, provider,
	// computer…, and a comparison is cheaper than a hash. One entry for
	// all columns would be overwritten by each of them in turn.
	last [8]lastSym
}

type lastSym struct {
	v  string
	id Sym
	ok bool
}

// sym interns v; symIn remembers it as column col's last string.
func (t *table) sym(v string) Sym { return t.symIn(0, v) }

func (t *table) symIn(col int, v string) Sym {
	l := &t.last[col]
	if l.ok && v == l.v {
		return l.id
	}
	id, ok := t.of[v]
	if !ok {
		id = t.insert(v)
	}
	*l = lastSym{v: t.list[id], id: id, ok: true}
	return id
}

func (t *table) insert(v string) Sym {
	if t.of == nil {
		t.of = map[string]Sym{"": 0}
		t.list = []string{""}
		if v == "" {
			return 0
		}
	}
	// Clone, so an interned string does not pin the (possibly large) buffer
	// the loader sliced it from.
	v = strings.Clone(v)
	id := Sym(len(t.list))
	t.list = append(t.list, v)
	t.of[v] = id
	return id
}

func (t *table) str(id Sym) string {
	if int(id) < len(t.list) {
		return t.list[id]
	}
	return ""
}

// Key is the compact copy of an event's most filtered fields, so a filter
// over a million events reads 32 bytes per event. Key(i) belongs to
// slot i.
type Key struct {
	// Time is Event.Time as Unix nanoseconds, saturated to math.MinInt64 or
	// math.MaxInt64 outside the years 1678–2261; compare Event.Time then.
	Time int64
	// Provider, Source (EventSourceName), Channel and Computer are symbols:
	// indexes into Symbols().
	Provider, Source, Channel, Computer Sym
	EventID                             uint16
	Level                               model.Level
	// Shape is the event's data item names (see Store.Shape); it fits in
	// the Key's padding, so a data.NAME filter can skip events without
	// the item reading nothing else.
	Shape uint32
}

// Sym is an index into a symbol table such as Store.Symbols.
type Sym uint32

// Sep separates the values in a Text. A search for text without it
// cannot match across two values.
const Sep = "\x00"

// arenaChunk is the size of one text arena. Texts are never copied when the
// store grows: a full arena is left to the strings that point into it.
const arenaChunk = 1 << 20

// New returns an empty store.
func New() *Store {
	return &Store{shapeOf: map[string]uint32{}}
}

var (
	minTime = time.Unix(0, math.MinInt64+1)
	maxTime = time.Unix(0, math.MaxInt64-1)
)

// UnixNanoSat is t as Unix nanoseconds, saturated as Key.Time is.
func UnixNanoSat(t time.Time) int64 {
	switch {
	case t.Before(minTime):
		return math.MinInt64
	case t.After(maxTime):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// Add copies evs into the store; the caller keeps evs. Events get the next
// slots in arrival order and are merged into the timeline order.
//
// The cost is O(len(evs)) for the columns. The timeline order is merged by
// block moves: a batch later than everything already held is appended; one
// that overlaps earlier events moves the 4-byte order entries after the
// place it starts, never the events themselves.
func (s *Store) Add(evs []model.Event) {
	if len(evs) == 0 {
		return
	}
	if s.shapeOf == nil {
		s.shapeOf = map[string]uint32{}
	}
	first := s.Len()
	for i := range evs {
		s.add(&evs[i])
	}
	batch := make([]int32, len(evs))
	for i := range batch {
		batch[i] = int32(first + i)
	}
	cmpSlot := func(a, b int32) int { return s.compare(a, b) }
	if !s.shuffled && (first > 0 && s.compare(int32(first-1), batch[0]) > 0 || !slices.IsSortedFunc(batch, cmpSlot)) {
		s.shuffled = true
	}
	s.order = s.Merge(s.order, batch)
	s.version++
}

func (s *Store) add(e *model.Event) {
	slot := int32(s.Len())
	k := Key{
		Time: UnixNanoSat(e.Time), EventID: e.EventID, Level: e.Level,
		Provider: s.syms.symIn(0, e.Provider), Source: s.syms.symIn(1, e.EventSourceName),
		Channel: s.syms.symIn(2, e.Channel), Computer: s.syms.symIn(3, e.Computer),
		Shape: s.shape(e),
	}
	if k.Time == math.MinInt64 || k.Time == math.MaxInt64 {
		if s.times == nil {
			s.times = map[int32]time.Time{}
		}
		s.times[slot] = e.Time
	}
	r := rec{
		recordID: e.RecordID, offset: e.Offset, keywords: e.Keywords,
		file: s.strs.symIn(1, e.File), guid: s.strs.symIn(2, e.ProviderGUID), sid: s.strs.symIn(3, e.UserSID),
		taskName: s.strs.symIn(4, e.TaskName), culture: s.strs.symIn(5, e.MessageCulture),
		binary: s.strs.symIn(6, e.Binary), decodeErr: s.strs.symIn(7, e.DecodeError),
		pid: e.ProcessID, tid: e.ThreadID,
		task: e.Task, qualifiers: e.Qualifiers, version: e.Version, opcode: e.Opcode,
	}
	if e.Decoded {
		r.flags |= fDecoded
	}
	if e.HasQualifiers {
		r.flags |= fHasQualifiers
	}
	if e.Data == nil {
		r.flags |= fNilData
	}
	if e.UserData == nil {
		r.flags |= fNilUserData
	}
	s.recs.push(r)
	s.texts.push(s.text(slot, e))
	s.classes.push(e.Class)
	s.cats.push(s.catSyms.sym(e.CatalogID))
	s.keys.push(k) // last: Len counts keys
}

// shape interns the names of e's data items.
func (s *Store) shape(e *model.Event) uint32 {
	n := 0
	for _, d := range e.Data {
		n += len(d.Name) + 1
	}
	for _, d := range e.UserData {
		n += len(d.Name) + 1
	}
	// The key is built on the stack for the common small shapes; the map
	// look-up with string(key) does not allocate.
	var buf [512]byte
	key := buf[:0]
	if n+8 > len(buf) {
		key = make([]byte, 0, n+8)
	}
	key = append(key, byte(len(e.Data)), byte(len(e.Data)>>8), byte(len(e.Data)>>16), byte(len(e.Data)>>24))
	for _, d := range e.Data {
		key = append(key, d.Name...)
		key = append(key, 0)
	}
	for _, d := range e.UserData {
		key = append(key, d.Name...)
		key = append(key, 0)
	}
	if id, ok := s.shapeOf[string(key)]; ok {
		return id
	}
	sh := shape{nData: len(e.Data), names: make([]string, 0, len(e.Data)+len(e.UserData))}
	for _, d := range e.Data {
		sh.names = append(sh.names, s.strs.list[s.strs.sym(d.Name)])
	}
	for _, d := range e.UserData {
		sh.names = append(sh.names, s.strs.list[s.strs.sym(d.Name)])
	}
	id := uint32(len(s.shapes))
	s.shapes = append(s.shapes, sh)
	s.shapeOf[string(key)] = id
	return id
}

// text copies e's message and data values into the arena, joined by Sep,
// and returns the copy. Values that themselves contain Sep cannot be split
// again at Sep: their lengths are kept aside.
func (s *Store) text(slot int32, e *model.Event) string {
	size := len(e.Message) + len(e.Data) + len(e.UserData)
	escaped := strings.Contains(e.Message, Sep)
	for _, d := range e.Data {
		size += len(d.Value)
		escaped = escaped || strings.Contains(d.Value, Sep)
	}
	for _, d := range e.UserData {
		size += len(d.Value)
		escaped = escaped || strings.Contains(d.Value, Sep)
	}
	if size == 0 {
		return ""
	}
	if escaped {
		if s.lens == nil {
			s.lens = map[int32][]int32{}
		}
		l := []int32{int32(len(e.Message))}
		for _, d := range e.Data {
			l = append(l, int32(len(d.Value)))
		}
		for _, d := range e.UserData {
			l = append(l, int32(len(d.Value)))
		}
		s.lens[slot] = l
	}
	if cap(s.arena)-len(s.arena) < size {
		s.arena = make([]byte, 0, max(arenaChunk, size))
	}
	start := len(s.arena)
	s.arena = append(s.arena, e.Message...)
	for _, d := range e.Data {
		s.arena = append(s.arena, Sep...)
		s.arena = append(s.arena, d.Value...)
	}
	for _, d := range e.UserData {
		s.arena = append(s.arena, Sep...)
		s.arena = append(s.arena, d.Value...)
	}
	// The arena is append-only: the bytes behind a returned string are
	// never written again.
	return unsafeString(s.arena[start:])
}

// Merge merges add (slots of this store, in any order) into dst (slots in
// timeline order) and returns the result, in timeline order; an added event
// goes after the events it ties with. add is sorted in place. The cost is
// O(len(add) log len(dst)) comparisons plus moving the part of dst after
// the first added event, in blocks: it is what lets a view take in a batch
// without filtering everything again.
func (s *Store) Merge(dst, add []int32) []int32 {
	if len(add) == 0 {
		return dst
	}
	cmpSlot := func(a, b int32) int { return s.compare(a, b) }
	if !slices.IsSortedFunc(add, cmpSlot) {
		slices.SortStableFunc(add, cmpSlot)
	}
	n := len(dst)
	if n == 0 || s.compare(dst[n-1], add[0]) <= 0 {
		return append(dst, add...)
	}
	dst = slices.Grow(dst, len(add))[:n+len(add)]
	// From the back: each added slot goes after the old entries it does not
	// precede; the old entries after it move up in one copy.
	i, w := n, n+len(add)
	for j := len(add) - 1; j >= 0; j-- {
		b := add[j]
		p, _ := slices.BinarySearchFunc(dst[:i], b, func(a, b int32) int {
			if s.compare(a, b) <= 0 {
				return -1
			}
			return 1
		})
		cnt := i - p
		copy(dst[w-cnt:w], dst[p:i])
		w -= cnt
		i = p
		w--
		dst[w] = b
	}
	return dst
}

// compare orders two slots as model.Less orders their events, as a
// three-way comparison.
func (s *Store) compare(a, b int32) int {
	ka, kb := s.keys.at(int(a)), s.keys.at(int(b))
	if ka.Time != kb.Time {
		if ka.Time < kb.Time {
			return -1
		}
		return 1
	}
	if ka.Time == math.MinInt64 || ka.Time == math.MaxInt64 {
		if c := s.time(a).Compare(s.time(b)); c != 0 {
			return c
		}
	}
	ra, rb := s.rec(int(a)), s.rec(int(b))
	if ra.file != rb.file {
		return strings.Compare(s.strs.list[ra.file], s.strs.list[rb.file])
	}
	switch {
	case ra.recordID < rb.recordID:
		return -1
	case ra.recordID > rb.recordID:
		return 1
	}
	return 0
}

// Compare orders slots a and b as model.Less orders their events.
func (s *Store) Compare(a, b int) int { return s.compare(int32(a), int32(b)) }

func (s *Store) time(i int32) time.Time {
	if t, ok := s.times[i]; ok {
		return t
	}
	return time.Unix(0, s.keys.at(int(i)).Time).UTC()
}

// Time returns the time of the event in slot i, in UTC (as model.Event
// promises; the store does not keep other locations).
func (s *Store) Time(i int) time.Time { return s.time(int32(i)) }

// Event materialises the event in slot i into dst, reusing dst's Data and
// UserData arrays. The strings are shared with the store and immutable; the
// event is a copy, so changing it does not change the store (see SetClass).
func (s *Store) Event(i int, dst *model.Event) {
	k, r := s.keys.at(i), s.rec(i)
	data, user := dst.Data[:0], dst.UserData[:0]
	*dst = model.Event{
		File: s.strs.list[r.file], Offset: r.offset, RecordID: r.recordID,
		Time: s.time(int32(i)), Level: k.Level,
		Provider: s.syms.list[k.Provider], ProviderGUID: s.strs.list[r.guid], EventSourceName: s.syms.list[k.Source],
		EventID: k.EventID, Qualifiers: r.qualifiers, HasQualifiers: r.flags&fHasQualifiers != 0, Version: r.version,
		Channel: s.syms.list[k.Channel], Computer: s.syms.list[k.Computer], UserSID: s.strs.list[r.sid],
		Task: r.task, TaskName: s.strs.list[r.taskName], Opcode: r.opcode, Keywords: r.keywords,
		ProcessID: r.pid, ThreadID: r.tid,
		Binary: s.strs.list[r.binary], MessageCulture: s.strs.list[r.culture],
		Decoded: r.flags&fDecoded != 0, DecodeError: s.strs.list[r.decodeErr],
		Class: *s.classes.at(i), CatalogID: s.catSyms.str(*s.cats.at(i)),
	}
	items, nData := s.Items(i, data[:0])
	data = items[:nData]
	user = append(user, items[nData:]...)
	if len(data) > 0 || r.flags&fNilData == 0 {
		dst.Data = nonNil(data)
	}
	if len(user) > 0 || r.flags&fNilUserData == 0 {
		dst.UserData = nonNil(user)
	}
	dst.Message = s.message(i)
}

// message returns the Message of slot i: its text up to the first value.
func (s *Store) message(i int) string {
	text := *s.texts.at(i)
	if lens := s.lens[int32(i)]; lens != nil {
		return text[:lens[0]]
	}
	m, _, _ := strings.Cut(text, Sep)
	return m
}

// Items appends the data items of slot i to buf[:0], EventData first, then
// UserData, and says how many are EventData. The names and values are
// shared with the store. A reader that needs only the items (a data.NAME
// filter) reuses one buf and allocates nothing.
func (s *Store) Items(i int, buf []model.Data) (items []model.Data, nData int) {
	sh := &s.shapes[s.keys.at(i).Shape]
	buf = buf[:0]
	if len(sh.names) == 0 {
		return buf, 0
	}
	text := *s.texts.at(i)
	lens := s.lens[int32(i)] // nil unless a value contains Sep
	if lens == nil {
		_, text, _ = strings.Cut(text, Sep) // skip the message
	} else {
		text = text[min(int(lens[0])+len(Sep), len(text)):]
	}
	for j, name := range sh.names {
		var v string
		if lens != nil {
			v, text = text[:lens[j+1]], text[min(int(lens[j+1])+len(Sep), len(text)):]
		} else {
			v, text, _ = strings.Cut(text, Sep)
		}
		buf = append(buf, model.Data{Name: name, Value: v})
	}
	return buf, sh.nData
}

// ShapeOf returns the shape of slot i: events with the same shape have
// the same data item names (see Shape).
func (s *Store) ShapeOf(i int) uint32 { return s.keys.at(i).Shape }

// Shapes returns the number of distinct shapes.
func (s *Store) Shapes() int { return len(s.shapes) }

// Shape returns the item names of shape id, EventData first, then UserData
// paths, and how many are EventData names. Read-only.
func (s *Store) Shape(id uint32) (names []string, nData int) {
	return s.shapes[id].names, s.shapes[id].nData
}

// nonNil returns d, or an empty non-nil slice for nil: an event that had
// an empty EventData keeps it. A zero-capacity slice can be shared.
func nonNil(d []model.Data) []model.Data {
	if d == nil {
		return []model.Data{}
	}
	return d
}

// At returns a freshly materialised copy of the event in slot i. The caller
// may keep it; changing it does not change the store.
func (s *Store) At(i int) *model.Event {
	e := new(model.Event)
	s.Event(i, e)
	return e
}

// Class returns the class of the event in slot i.
func (s *Store) Class(i int) model.Class { return *s.classes.at(i) }

// CatalogID returns the catalog entry ID of the event in slot i, or "".
func (s *Store) CatalogID(i int) string { return s.catSyms.str(*s.cats.at(i)) }

// CatalogSym returns the catalog ID of slot i as an index into CatalogIDs.
func (s *Store) CatalogSym(i int) Sym { return *s.cats.at(i) }

// SetClass records the catalog's verdict on the event in slot i.
func (s *Store) SetClass(i int, c model.Class, catalogID string) {
	*s.classes.at(i) = c
	*s.cats.at(i) = s.catSyms.sym(catalogID)
}

// Key returns the compact index entry of slot i: read-only, valid for the
// store's life.
func (s *Store) Key(i int) *Key { return s.keys.at(i) }

// EventKey returns slot i's provider and event source name as indexes into
// Symbols, and its event ID (model.Keyed).
func (s *Store) EventKey(i int) (provider, source uint32, id uint16) {
	k := s.keys.at(i)
	return uint32(k.Provider), uint32(k.Source), k.EventID
}

// Text returns slot i's Message, EventData values and UserData values as
// one string, in that order, each value preceded by Sep. It is what a word
// search scans, kept contiguous in memory.
func (s *Store) Text(i int) string { return *s.texts.at(i) }

// CatalogIDs returns the distinct catalog IDs ("" first), indexed by
// CatalogSym. Read-only, valid until the next SetClass.
func (s *Store) CatalogIDs() []string {
	if s.catSyms.list == nil {
		return []string{""}
	}
	return s.catSyms.list
}

// Symbols returns the distinct providers, event source names, channels and
// computers, indexed by Sym; Symbols()[0] is "". The slice is read-only and
// valid until the next Add; a symbol keeps its index for the store's life.
func (s *Store) Symbols() []string {
	if s.syms.list == nil {
		return []string{""}
	}
	return s.syms.list
}

// Order returns the slots in timeline order. The slice is read-only and
// valid until the next Add.
func (s *Store) Order() []int32 { return s.order }

// Timeline returns the events in timeline order, each materialised (see
// Event) into one scratch event reused for the next: copy what you keep.
// It is how writers stream a whole store without a slice of events.
func (s *Store) Timeline() iter.Seq[*model.Event] { return s.Rows(s.order) }

// Rows is Timeline for the given slots (a view's rows), in their order.
func (s *Store) Rows(slots []int32) iter.Seq[*model.Event] {
	return func(yield func(*model.Event) bool) {
		var ev model.Event
		for _, i := range slots {
			s.Event(int(i), &ev)
			if !yield(&ev) {
				return
			}
		}
	}
}

// Sorted reports whether the slots are in timeline order already, so that
// Order()[i] == i: a reader can then walk the columns in memory order.
func (s *Store) Sorted() bool { return !s.shuffled }

// Len returns the number of events.
func (s *Store) Len() int { return s.keys.n }

// Version changes on every Add that adds events, so views know to re-filter.
func (s *Store) Version() uint64 { return s.version }

// unsafeString returns b as a string without copying; b must never be
// written again.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
