package model

// Events is a collection of events kept elsewhere, such as a compact store
// that materialises them on demand. The catalog classifies through it, so
// a classifier needs no slice of full events.
type Events interface {
	Len() int
	// Event copies the i-th event into dst (which it may reuse).
	Event(i int, dst *Event)
	// SetClass records the catalog's verdict on the i-th event.
	SetClass(i int, c Class, catalogID string)
}

// Keyed is implemented by Events that know each event's provider, event
// source name and ID without materialising it (a store keeps them as
// symbols). A classifier tells by these alone that no rule concerns an
// event, and then reads nothing else of it: most events of a log.
type Keyed interface {
	// EventKey returns the i-th event's provider and event source name as
	// indexes into Symbols, and its event ID.
	EventKey(i int) (provider, source uint32, id uint16)
	// Symbols returns the names EventKey's indexes stand for.
	Symbols() []string
}

// EventSlice is a slice of events as Events: Event and SetClass work on the
// slice's elements.
type EventSlice []Event

func (s EventSlice) Len() int                { return len(s) }
func (s EventSlice) Event(i int, dst *Event) { *dst = s[i] }
func (s EventSlice) SetClass(i int, c Class, catalogID string) {
	s[i].Class, s[i].CatalogID = c, catalogID
}
