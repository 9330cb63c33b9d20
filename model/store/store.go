// Package store keeps loaded events in memory, in timeline order.
package store

import (
	"math"
	"slices"
	"strings"
	"time"

	"eventlens/model"
)

// Store holds events in timeline order (model.Less).
//
// A Store is not safe for concurrent use: Add and the reading methods must be
// called from one goroutine (the UI does both from its Update loop). A store
// that is no longer added to may be read from many goroutines.
type Store struct {
	// evs is the timeline: pointers into the batches handed to Add, which
	// the store owns from then on, so a pointer stays valid for the store's
	// life however the timeline is reordered.
	evs   []*model.Event
	keys  []Key    // keys[i] indexes evs[i]
	texts []string // texts[i] is evs[i]'s searchable text (see Texts)

	version uint64
	strs    map[string]string // interned strings
	syms    []string          // Sym → string; syms[0] is ""
	symOf   map[string]Sym
	tmp     []row // merge buffer, reused between Adds
}

// Key is the compact copy of an event's most filtered fields that the store
// keeps beside the timeline, so a filter over a million events reads 32
// bytes per event instead of the whole Event. Keys()[i] belongs to At(i).
type Key struct {
	// Time is Event.Time as Unix nanoseconds, saturated to math.MinInt64 or
	// math.MaxInt64 outside the years 1678–2261; compare Event.Time then.
	Time int64
	// Provider, Source (EventSourceName), Channel and Computer are symbols:
	// indexes into Symbols().
	Provider, Source, Channel, Computer Sym
	EventID                             uint16
	Level                               model.Level
}

// Sym is an index into Store.Symbols.
type Sym uint32

type row struct {
	ev   *model.Event
	key  Key
	text string
}

// Sep separates the values in a Texts entry. A search for text without it
// cannot match across two values.
const Sep = "\x00"

// New returns an empty store.
func New() *Store {
	return &Store{strs: make(map[string]string), syms: []string{""}, symOf: map[string]Sym{"": 0}}
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

// Add takes ownership of evs (the caller must not touch the slice or its
// events afterwards) and merges them into the timeline. Repeated strings
// (file, provider, channel, computer, user SID, data names) are interned so
// a million events share a few hundred copies.
//
// Batches are expected to be roughly in order within a file while files
// interleave: the batch is sorted, then merged with the tail of the
// timeline it overlaps, so appending in order costs O(len(evs)).
func (s *Store) Add(evs []model.Event) {
	if len(evs) == 0 {
		return
	}
	if s.strs == nil {
		*s = *New()
	}
	batch := s.tmp[:0]
	for i := range evs {
		e := &evs[i]
		s.intern(e)
		k := Key{Time: UnixNanoSat(e.Time), EventID: e.EventID, Level: e.Level}
		e.Provider, k.Provider = s.sym(e.Provider)
		e.EventSourceName, k.Source = s.sym(e.EventSourceName)
		e.Channel, k.Channel = s.sym(e.Channel)
		e.Computer, k.Computer = s.sym(e.Computer)
		batch = append(batch, row{ev: e, key: k})
	}
	byEvent := func(a, b row) int { return compare(a.ev, b.ev) }
	if !slices.IsSortedFunc(batch, byEvent) {
		slices.SortStableFunc(batch, byEvent)
	}
	pack(batch)

	// Where in the timeline the batch starts: everything before stays put.
	n := len(s.evs)
	at := n
	if n > 0 && compare(batch[0].ev, s.evs[n-1]) < 0 {
		at, _ = slices.BinarySearchFunc(s.evs, batch[0].ev, func(a, b *model.Event) int {
			if compare(a, b) <= 0 {
				return -1 // equal keys: the new event goes after the old
			}
			return 1
		})
	}
	s.evs = slices.Grow(s.evs, len(batch))[:n+len(batch)]
	s.keys = slices.Grow(s.keys, len(batch))[:n+len(batch)]
	s.texts = slices.Grow(s.texts, len(batch))[:n+len(batch)]
	// Merge the displaced tail with the batch, from the back, in place.
	i, j, k := n-1, len(batch)-1, len(s.evs)-1
	for j >= 0 {
		if i >= at && compare(s.evs[i], batch[j].ev) > 0 {
			s.evs[k], s.keys[k], s.texts[k] = s.evs[i], s.keys[i], s.texts[i]
			i--
		} else {
			s.evs[k], s.keys[k], s.texts[k] = batch[j].ev, batch[j].key, batch[j].text
			j--
		}
		k--
	}
	clear(batch)
	s.tmp = batch[:0]
	s.version++
}

// pack moves the text a word search reads (message, data values, userdata
// values) of a sorted batch into one arena, in timeline order, each event's
// values joined by Sep into its Texts entry; and the batch's Data and
// UserData items into one array. A word search then reads one string per
// event, in memory order, instead of chasing the Event, its Data array and
// each value; and the batch costs two allocations instead of a few per
// event. Item names are interned already and stay as they are.
func pack(batch []row) {
	size, items := 0, 0
	for _, r := range batch {
		e := r.ev
		items += len(e.Data) + len(e.UserData)
		size += len(e.Message)
		for _, d := range e.Data {
			size += len(Sep) + len(d.Value)
		}
		for _, d := range e.UserData {
			size += len(Sep) + len(d.Value)
		}
	}
	var b strings.Builder
	b.Grow(size)
	for _, r := range batch {
		e := r.ev
		b.WriteString(e.Message)
		for _, d := range e.Data {
			b.WriteString(Sep)
			b.WriteString(d.Value)
		}
		for _, d := range e.UserData {
			b.WriteString(Sep)
			b.WriteString(d.Value)
		}
	}
	arena := b.String()
	all := make([]model.Data, 0, items)
	off := 0
	take := func(n int) string {
		v := arena[off : off+n]
		off += n
		return v
	}
	for i := range batch {
		e := batch[i].ev
		start := off
		e.Message = take(len(e.Message))
		first := len(all)
		for _, d := range e.Data {
			off += len(Sep)
			all = append(all, model.Data{Name: d.Name, Value: take(len(d.Value))})
		}
		if e.Data != nil {
			e.Data = all[first:len(all):len(all)]
		}
		first = len(all)
		for _, d := range e.UserData {
			off += len(Sep)
			all = append(all, model.Data{Name: d.Name, Value: take(len(d.Value))})
		}
		if e.UserData != nil {
			e.UserData = all[first:len(all):len(all)]
		}
		batch[i].text = arena[start:off]
	}
}

// compare orders events as model.Less does, as a three-way comparison.
func compare(a, b *model.Event) int {
	if c := a.Time.Compare(b.Time); c != 0 {
		return c
	}
	if a.File != b.File {
		if a.File < b.File {
			return -1
		}
		return 1
	}
	switch {
	case a.RecordID < b.RecordID:
		return -1
	case a.RecordID > b.RecordID:
		return 1
	}
	return 0
}

// intern replaces e's repeated strings with shared copies.
func (s *Store) intern(e *model.Event) {
	// Provider, EventSourceName, Channel and Computer are interned as
	// symbols by Add.
	e.File = s.str(e.File)
	e.ProviderGUID = s.str(e.ProviderGUID)
	e.UserSID = s.str(e.UserSID)
	e.MessageCulture = s.str(e.MessageCulture)
	for i := range e.Data {
		e.Data[i].Name = s.str(e.Data[i].Name)
	}
	for i := range e.UserData {
		e.UserData[i].Name = s.str(e.UserData[i].Name)
	}
}

func (s *Store) str(v string) string {
	if v == "" {
		return ""
	}
	if c, ok := s.strs[v]; ok {
		return c
	}
	// Clone, so an interned string does not pin the (possibly large) buffer
	// the loader sliced it from.
	v = strings.Clone(v)
	s.strs[v] = v
	return v
}

// sym interns v as a symbol and returns the shared copy and its index.
func (s *Store) sym(v string) (string, Sym) {
	if id, ok := s.symOf[v]; ok {
		return s.syms[id], id
	}
	v = strings.Clone(v) // see str
	id := Sym(len(s.syms))
	s.syms = append(s.syms, v)
	s.symOf[v] = id
	return v, id
}

// Keys returns the compact index of the events, parallel to Events. The
// slice is read-only and valid until the next Add.
func (s *Store) Keys() []Key { return s.keys }

// Texts returns, parallel to Events, each event's Message, EventData values
// and UserData values as one string, in that order, each value preceded by
// Sep. It is what a word search scans, kept contiguous in memory. The slice
// is read-only and valid until the next Add; it reflects the events as
// added (the catalog does not change these fields).
func (s *Store) Texts() []string { return s.texts }

// Symbols returns the distinct providers, event source names, channels and
// computers, indexed by Sym; Symbols()[0] is "". The slice is read-only and
// valid until the next Add; a symbol keeps its index for the store's life.
func (s *Store) Symbols() []string { return s.syms }

// Len returns the number of events.
func (s *Store) Len() int { return len(s.evs) }

// At returns the i-th event in timeline order. The pointer stays valid for
// the store's life, but after the next Add index i may hold another event.
func (s *Store) At(i int) *model.Event { return s.evs[i] }

// Events returns the events in timeline order. The slice is a read-only view,
// valid until the next Add; the events may be updated in place (the catalog
// classifies them this way).
func (s *Store) Events() []*model.Event { return s.evs }

// Version changes on every Add that adds events, so views know to re-filter.
func (s *Store) Version() uint64 { return s.version }
