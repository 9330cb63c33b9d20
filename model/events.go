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

// EventSlice is a slice of events as Events: Event and SetClass work on the
// slice's elements.
type EventSlice []Event

func (s EventSlice) Len() int                { return len(s) }
func (s EventSlice) Event(i int, dst *Event) { *dst = s[i] }
func (s EventSlice) SetClass(i int, c Class, catalogID string) {
	s[i].Class, s[i].CatalogID = c, catalogID
}
