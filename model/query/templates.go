package query

import (
	"slices"

	"eventlens/model"
	"eventlens/model/store"
)

// Templates is the text an event's shown message takes from a message
// template rather than from the event, so that a word search finds every
// word a person reads in the list (see catalog.Render for which message is
// shown). A template's static text is searched once per query, not once per
// event: the scan looks up a precomputed verdict per template. The
// insertion strings are the event's data, searched already; a word that
// spans a template's text and an insertion string is not found.
//
// The zero Templates adds nothing. A Templates is bound to one store; it is
// not safe for concurrent use with Update.
type Templates struct {
	// Catalog maps a catalog entry ID to the static text of its message
	// template in the chosen language, the pieces joined by store.Sep.
	// Events of an entry with a template show it (catalog.Render), unless
	// they carry their own message in that language.
	Catalog map[string]string
	// Database returns the static text of the message database template
	// for ev, "" when there is none. It is asked only about events with no
	// message of their own, and searched only for those whose catalog
	// entry has no template (Catalog): the events a database renders.
	Database func(ev *model.Event) string

	keys  []uint32          // per store slot: its Database text, in texts
	texts []string          // texts[0] is "": no database template
	index map[string]uint32 // text → its index in texts
}

// Update asks Database about the events of s it has not seen yet (the
// store's new slots): call it after each Add, before Select. Without a
// Database it does nothing.
func (t *Templates) Update(s *store.Store) {
	if t == nil || t.Database == nil || len(t.keys) >= s.Len() {
		return
	}
	if t.index == nil {
		t.texts, t.index = []string{""}, map[string]uint32{"": 0}
	}
	t.keys = slices.Grow(t.keys, s.Len()-len(t.keys))
	var ev model.Event
	for i := len(t.keys); i < s.Len(); i++ {
		s.Event(i, &ev)
		t.keys = append(t.keys, t.key(t.database(&ev)))
	}
}

// database is Database for an event that a database would render, "" for
// others.
func (t *Templates) database(ev *model.Event) string {
	if t.Database == nil || ev.Message != "" {
		return ""
	}
	return t.Database(ev)
}

func (t *Templates) key(text string) uint32 {
	k, ok := t.index[text]
	if !ok {
		k = uint32(len(t.texts))
		t.texts = append(t.texts, text)
		t.index[text] = k
	}
	return k
}

// slotKey returns slot i's database template key, 0 for none or unknown.
func (t *Templates) slotKey(i int) uint32 {
	if i < len(t.keys) {
		return t.keys[i]
	}
	return 0
}

// match reports whether n is in the template text of ev's message.
func (t *Templates) match(n *needle, ev *model.Event) bool {
	if text, ok := t.Catalog[ev.CatalogID]; ok && ev.CatalogID != "" {
		return n.in(text)
	}
	return n.in(t.database(ev))
}

// WithTemplates returns q with its words also matching the template text
// of the messages shown (see Templates). With nil, or for a query never
// bound, words match only what the events themselves carry.
func (q *Query) WithTemplates(t *Templates) *Query {
	if q == nil {
		return nil
	}
	return q.bind(func(tm *term) { tm.tmpl = t })
}
