package catalog

import (
	"time"

	"eventlens/i18n"
	"eventlens/model"
)

// Explanation is what the detail pane shows for one event, in one language.
// Strings that come from the log (Message, and names inside Reasons) are not
// sanitised.
type Explanation struct {
	Entry *Entry      // nil when the event is not in the catalog
	Class model.Class // as Classify decides it now
	Label string      // ClassLabel(Class)

	Message string // Message(ev, lang)

	Title       string
	Occurs      string
	Explanation string
	// Verdict is VerdictFor the class: for a conditional entry it states
	// the condition (undecided) or what the logs showed about it (decided),
	// so no face shows the condition apart and says it twice.
	Verdict string
	// Decided is true when the condition was decided from the logs.
	Decided bool
	// Reasons say why the class was decided (or could not be).
	Reasons []string
	// Remedy is the entry's remedy, or the variant for when its fix is
	// installed on the event's computer (FixInstalled).
	Remedy         string
	FixInstalled   bool
	FixInstalledAt time.Time
	Note           string
	Related        []*Entry
}

// Explain returns what the catalog knows about ev in lang, using what
// cl has learnt about the loaded logs. It does not change ev.
func (cl *Classification) Explain(ev *model.Event, lang i18n.Lang) *Explanation {
	x := &Explanation{Class: model.ClassUnknown}
	if ev == nil {
		x.Label = ClassLabel(x.Class, lang)
		return x
	}
	c := cl.c
	x.Message = c.Message(ev, lang)
	lower := newLowerCache()
	e := c.match(ev, lower)
	if e == nil {
		x.Label = ClassLabel(x.Class, lang)
		return x
	}
	cl.mu.RLock()
	d := cl.decide(ev, e, lower, true)
	cl.mu.RUnlock()
	x.Entry = e
	x.Class = d.Class
	x.Label = ClassLabel(d.Class, lang)
	x.Title = e.Title.In(lang)
	x.Occurs = e.Occurs.In(lang)
	x.Explanation = e.Explanation.In(lang)
	x.Verdict = e.VerdictFor(d.Class).In(lang)
	x.Decided = d.Decided
	for _, r := range d.Reasons {
		x.Reasons = append(x.Reasons, r.In(lang))
	}
	x.Remedy = e.Remedy.In(lang)
	x.FixInstalled, x.FixInstalledAt = d.FixInstalled, d.FixInstalledAt
	if d.FixInstalled && e.Fix.InstalledRemedy.In(lang) != "" {
		x.Remedy = e.Fix.InstalledRemedy.In(lang)
	}
	x.Note = e.Note.In(lang)
	for _, id := range e.Related {
		if r := c.byID[id]; r != nil {
			x.Related = append(x.Related, r)
		}
	}
	return x
}
