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
