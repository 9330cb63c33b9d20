package catalog

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"eventlens/i18n"
	"eventlens/model"
)

// decision is how the classifier decided an event's class.
type decision struct {
	Class model.Class
	// Decided is true when the entry's condition was decided from the logs
	// (met or not met); false when it could not be, or there is none.
	Decided bool
	// Reasons say why, in every language; log text in them is not yet
	// sanitised.
	Reasons []i18n.Text
	// FixInstalled is set when the update that fixes the entry's problem was
	// found installed on the event's computer.
	FixInstalled   bool
	FixInstalledAt time.Time
	// FixAfterEvent is true when that install came after the event.
	FixAfterEvent bool

	why bool // collect Reasons
}

// reason adds a reason when reasons are wanted. Callers with arguments
// check d.why first, so that Classify does not even box them.
func (d *decision) reason(t i18n.Text, args ...any) {
	if d.why {
		d.Reasons = append(d.Reasons, t.Fill(args...))
	}
}

// decide evaluates e's condition and fix for ev. Reasons are only written
// when why is set: Classify does not need them and runs over every event.
func (cl *Classification) decide(ev *model.Event, e *Entry, lower *lowerCache, why bool) decision {
	d := decision{Class: e.class, why: why}
	if cd := e.Condition; cd != nil {
		switch cd.Check {
		case "empty-names":
			decideEmptyNames(ev, &d)
		case "restart-nearby":
			cl.decideRestart(ev, e, lower, &d)
		case "gone-after-restart":
			cl.decideGoneAfterRestart(ev, e, lower, &d)
		default:
			d.reason(reasonUndecidable)
		}
	}
	if e.Versions && why {
		if vs := versions(ev); len(vs) > 0 {
			d.reason(reasonVersions, i18n.ListText(vs))
		}
	}
	if fx := e.Fix; fx != nil {
		comp := lower.computer(ev.Computer)
		if in, ok := cl.facts.installs[comp][e.fixKB]; ok {
			d.FixInstalled, d.FixInstalledAt = true, in.t
			d.FixAfterEvent = in.t.After(ev.Time)
			if d.why {
				r := reasonFixBefore
				if d.FixAfterEvent {
					r = reasonFixAfter
				}
				d.reason(r, fx.KB, computerName(ev.Computer), i18n.Time(in.t), in.provider, itoa(int(in.id)))
			}
		} else {
			if d.why {
				d.reason(reasonFixMissing, fx.KB, computerName(ev.Computer))
			}
		}
	}
	return d
}

// decideEmptyNames decides "the port and switch names are empty" (VMSMP 32).
// Which insertion string is the port and which the switch is not confirmed,
// so it counts empty insertion strings: the NIC name and the status are
// never empty, so two or more empty strings mean both names are empty, and
// none means neither is. Without data it reads the rendered message, in any
// language: two ” pairs mean empty names.
func decideEmptyNames(ev *model.Event, d *decision) {
	if len(ev.Data) >= 3 {
		empty := 0
		for _, x := range ev.Data {
			if strings.TrimSpace(x.Value) == "" {
				empty++
			}
		}
		switch {
		case empty >= 2:
			d.Class, d.Decided = model.ClassHarmless, true
			if d.why {
				d.reason(reasonNamesEmptyData, itoa(empty), itoa(len(ev.Data)))
			}
			return
		case empty == 0:
			d.Class, d.Decided = model.ClassAttention, true
			if d.why {
				d.reason(reasonNamesSetData, itoa(len(ev.Data)))
			}
			return
		}
		d.reason(reasonNamesOneEmpty)
		return
	}
	if ev.Message != "" {
		quoted, empty := quotedValues(ev.Message)
		switch {
		case empty >= 2:
			d.Class, d.Decided = model.ClassHarmless, true
			d.reason(reasonNamesEmptyMsg)
			return
		case quoted >= 3 && empty == 0:
			d.Class, d.Decided = model.ClassAttention, true
			d.reason(reasonNamesSetMsg)
			return
		}
	}
	d.reason(reasonNamesUnknown)
}

// quotedValues counts the '…' (or ‘…’, “…”, "…") values in a message and
// how many of them are empty.
func quotedValues(s string) (quoted, empty int) {
	pairs := [][2]rune{{'\'', '\''}, {'‘', '’'}, {'“', '”'}, {'"', '"'}}
	for _, p := range pairs {
		q, e := 0, 0
		open := -1
		for i, r := range s {
			switch {
			case open < 0 && r == p[0]:
				open = i + len(string(r))
			case open >= 0 && r == p[1]:
				q++
				if strings.TrimSpace(s[open:i]) == "" {
					e++
				}
				open = -1
			}
		}
		if q > quoted {
			quoted, empty = q, e
		}
	}
	return quoted, empty
}

// decideRestart decides "logged at a restart" (Winlogon 6004): a restart
// of the same computer within the entry's window. The source documents one
// subscriber only; for any other the restart decides nothing, and the
// reason says so instead of asking for logs that would not help.
func (cl *Classification) decideRestart(ev *model.Event, e *Entry, lower *lowerCache, d *decision) {
	if len(e.requires) > 0 {
		if !slices.ContainsFunc(e.requires, func(s string) bool { return squashContains(ev, s) }) {
			if d.why {
				got := ""
				if len(ev.Data) > 0 {
					got = strings.TrimSpace(ev.Data[0].Value)
				}
				if got != "" {
					d.reason(reasonOtherSubscriber, got, i18n.ListText(e.Condition.Requires))
				} else {
					d.reason(reasonNotRequired, i18n.ListText(e.Condition.Requires))
				}
			}
			return
		}
	}
	window := time.Duration(e.within)
	comp := lower.computer(ev.Computer)
	rs := cl.facts.restarts[comp]
	t := ev.Time.UnixNano()
	i := sort.Search(len(rs), func(i int) bool { return rs[i].t >= t-e.within })
	found := i < len(rs) && rs[i].t <= t+e.within && !ev.Time.IsZero()
	if !found {
		// The computer's restarts on both sides of the event are loaded, so
		// its System log covers this time: it was not logged at a restart.
		if !ev.Time.IsZero() && i > 0 && i < len(rs) {
			d.Class, d.Decided = model.ClassAttention, true
			if d.why {
				d.reason(reasonNotAtRestart, computerName(ev.Computer), fmtDur(window),
					i18n.Time(time.Unix(0, rs[i-1].t).UTC()), i18n.Time(time.Unix(0, rs[i].t).UTC()))
			}
			return
		}
		if d.why {
			if len(rs) > 0 && !ev.Time.IsZero() {
				d.reason(reasonRestartsElsewhere, computerName(ev.Computer), fmtDur(window),
					i18n.Time(time.Unix(0, rs[0].t).UTC()), i18n.Time(time.Unix(0, rs[len(rs)-1].t).UTC()))
			} else {
				d.reason(reasonNoRestart, computerName(ev.Computer), fmtDur(window))
			}
		}
		return
	}
	if d.why {
		r := rs[i]
		d.reason(reasonRestart, computerName(ev.Computer), i18n.Time(time.Unix(0, r.t).UTC()), r.provider, itoa(int(r.id)), fmtDur(window))
	}
	d.Class, d.Decided = model.ClassHarmless, true
}

// decideGoneAfterRestart decides an event logged for a while until the
// computer restarts (Netvsc 13 while integration services are upgraded):
// harmless when the same computer restarted after it and did not log it
// again after that restart; attention for every occurrence when the
// computer logged it on both sides of a restart (the restart did not
// settle it); conditional when no later restart is loaded.
func (cl *Classification) decideGoneAfterRestart(ev *model.Event, e *Entry, lower *lowerCache, d *decision) {
	if ev.Time.IsZero() {
		d.reason(reasonUndecidable)
		return
	}
	comp := lower.computer(ev.Computer)
	rs := cl.facts.restarts[comp]
	seen := cl.facts.seen[e.ID][comp]
	after := func(t int64) int { // first restart strictly after t
		return sort.Search(len(rs), func(i int) bool { return rs[i].t > t })
	}
	if len(seen) > 0 {
		// Logged on both sides of a restart: a restart after the first
		// sighting that comes before the last one.
		if i := after(seen[0]); i < len(rs) && rs[i].t < seen[len(seen)-1] {
			d.Class, d.Decided = model.ClassAttention, true
			if d.why {
				r := rs[i]
				last := time.Unix(0, seen[len(seen)-1]).UTC()
				d.reason(reasonAgainAfterRestart, computerName(ev.Computer), i18n.Time(time.Unix(0, r.t).UTC()), r.provider, itoa(int(r.id)), i18n.Time(last))
			}
			return
		}
	}
	i := after(ev.Time.UnixNano())
	if i == len(rs) {
		if d.why {
			d.reason(reasonNoLaterRestart, computerName(ev.Computer))
		}
		return
	}
	d.Class, d.Decided = model.ClassHarmless, true
	if d.why {
		r := rs[i]
		d.reason(reasonGoneAfterRestart, computerName(ev.Computer), i18n.Time(time.Unix(0, r.t).UTC()), r.provider, itoa(int(r.id)))
	}
}

// computerName is how reasons name the event's computer: as logged, or in
// words when the log left it empty (a CSV export may).
func computerName(s string) any {
	if strings.TrimSpace(s) == "" {
		return unnamedComputer
	}
	return s
}

// squashContains is containsFold with spaces ignored in the event's text;
// needle is squashed already.
func squashContains(ev *model.Event, needle string) bool {
	return anyText(ev, func(s string) bool { return indexSquashed(s, needle) })
}

// indexSquashed reports whether needle (lower-case ASCII, no spaces) occurs
// in s when case and spaces in s are ignored. It does not allocate.
func indexSquashed(s, needle string) bool {
	if needle == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		j, k := i, 0
		for j < len(s) && k < len(needle) {
			c := s[j]
			if c == ' ' {
				if k == 0 {
					break
				}
				j++
				continue
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[k] {
				break
			}
			j, k = j+1, k+1
		}
		if k == len(needle) {
			return true
		}
	}
	return false
}

var versionRE = regexp.MustCompile(`\b\d+(?:\.\d+){1,3}\b`)

// versions returns the version numbers an event names: insertion strings
// that are versions, else version-like tokens of the message, in order.
func versions(ev *model.Event) []string {
	var vs []string
	for _, x := range ev.Data {
		v := strings.TrimSpace(strings.Trim(strings.TrimSpace(x.Value), "'()"))
		if m := versionRE.FindString(v); m != "" && m == v {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 && ev.Message != "" {
		vs = versionRE.FindAllString(ev.Message, 8)
	}
	return vs
}

// fmtDur says a duration in every language.
func fmtDur(d time.Duration) i18n.Text {
	if d%time.Minute == 0 {
		n := itoa(int(d / time.Minute))
		return i18n.Text{EN: n + " minutes", JA: n + " 分", NL: n + " minuten"}
	}
	s := d.String()
	return i18n.Text{EN: s, JA: s, NL: s}
}
