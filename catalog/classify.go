package catalog

import (
	"slices"
	"strings"
	"sync"
	"time"

	"eventlens/i18n"
	"eventlens/model"
)

// facts are what the classifier learns from the loaded events as a whole:
// when each computer restarted, and when it installed an update. Keys are
// computer keys (see computerKey).
type facts struct {
	restarts map[string][]restart
	installs map[string]map[string]install // computer → KB → earliest install
	// seen holds, for entries whose check is gone-after-restart, when each
	// computer logged them: entry ID → computer → sorted UnixNano times.
	seen map[string]map[string][]int64
}

type restart struct {
	t        int64 // UnixNano
	provider string
	id       uint16
}

type install struct {
	t        time.Time
	provider string
	id       uint16
}

func newFacts() *facts {
	return &facts{restarts: map[string][]restart{}, installs: map[string]map[string]install{}, seen: map[string]map[string][]int64{}}
}

// restartEvents are events logged when Windows stops or starts. Any of them
// within the window of a Winlogon 6004 puts that event at a restart.
var restartEvents = map[matchKey]bool{
	{"eventlog", 6005}:                       true, // event log service started
	{"eventlog", 6006}:                       true, // event log service stopped
	{"eventlog", 6008}:                       true, // previous shutdown was unexpected
	{"eventlog", 6009}:                       true, // OS version at boot
	{"microsoft-windows-kernel-general", 12}: true, // OS started
	{"microsoft-windows-kernel-general", 13}: true, // OS shutting down
	{"user32", 1074}:                         true, // shutdown or restart initiated
	{"microsoft-windows-kernel-power", 41}:   true, // rebooted without clean shutdown
	{"microsoft-windows-kernel-power", 109}:  true, // kernel initiated shutdown
	{"microsoft-windows-eventlog", 1100}:     true, // event logging service shut down
}

// fixKBs are the updates some entry's Fix names; only installs of these are
// remembered.
func (c *Catalog) fixKBs() map[string]bool {
	kbs := map[string]bool{}
	for _, e := range c.entries {
		if e.Fix != nil {
			kbs[strings.ToLower(e.Fix.KB)] = true
		}
	}
	return kbs
}

// learn adds what events show about restarts and installs to f, and when
// entries whose decision needs it were logged (watch returns such an entry
// for an event, or nil). ev(i) returns the i-th of n events (nil to skip);
// the pointer need only stay valid until the next call.
func (f *facts) learn(n int, ev func(i int) *model.Event, kbs map[string]bool, watch func(*model.Event) *Entry, lower *lowerCache) {
	touched := map[string]bool{}
	seenTouched := map[[2]string]bool{} // entry ID, computer
	for i := range n {
		ev := ev(i)
		if ev == nil || !ev.Decoded {
			continue
		}
		prov := lower.get(ev.Provider)
		if restartEvents[matchKey{prov, ev.EventID}] && !ev.Time.IsZero() {
			k := lower.computer(ev.Computer)
			f.restarts[k] = append(f.restarts[k], restart{ev.Time.UnixNano(), ev.Provider, ev.EventID})
			touched[k] = true
			continue
		}
		if e := watch(ev); e != nil && !ev.Time.IsZero() {
			k := lower.computer(ev.Computer)
			m := f.seen[e.ID]
			if m == nil {
				m = map[string][]int64{}
				f.seen[e.ID] = m
			}
			m[k] = append(m[k], ev.Time.UnixNano())
			seenTouched[[2]string{e.ID, k}] = true
			continue
		}
		if len(kbs) == 0 {
			continue
		}
		if kb := installedKB(ev, prov, kbs); kb != "" {
			k := lower.computer(ev.Computer)
			m := f.installs[k]
			if m == nil {
				m = map[string]install{}
				f.installs[k] = m
			}
			if prev, ok := m[kb]; !ok || ev.Time.Before(prev.t) {
				m[kb] = install{ev.Time, ev.Provider, ev.EventID}
			}
		}
	}
	for k := range touched {
		r := f.restarts[k]
		slices.SortFunc(r, func(a, b restart) int {
			switch {
			case a.t < b.t:
				return -1
			case a.t > b.t:
				return 1
			}
			return strings.Compare(a.provider, b.provider)
		})
		f.restarts[k] = slices.CompactFunc(r, func(a, b restart) bool { return a == b })
	}
	// Classifying the same events again must not count them twice.
	for k := range seenTouched {
		ts := f.seen[k[0]][k[1]]
		slices.Sort(ts)
		f.seen[k[0]][k[1]] = slices.Compact(ts)
	}
}

// installedKB returns the lower-case KB an event shows installed, or "".
// Servicing 2 ("Package KB… was successfully changed to the Installed
// state") carries the KB in UserData CbsPackageChangeState; WindowsUpdateClient
// 19 ("Installation successful") carries it in the update title.
func installedKB(ev *model.Event, prov string, kbs map[string]bool) string {
	if !installEvent(prov, ev.EventID) {
		return ""
	}
	if prov == servicing {
		for _, d := range append(ev.UserData[:len(ev.UserData):len(ev.UserData)], ev.Data...) {
			base := d.Name[strings.LastIndexByte(d.Name, '/')+1:]
			switch strings.ToLower(base) {
			case "intendedpackagestate":
				if !installedState(d.Value) {
					return ""
				}
			case "errorcode":
				if v := strings.ToLower(strings.TrimSpace(d.Value)); v != "" && v != "0" && v != "0x0" && v != "0x00000000" {
					return ""
				}
			}
		}
	}
	for kb := range kbs {
		if containsFold(ev, kb) {
			return kb
		}
	}
	return ""
}

const (
	servicing    = "microsoft-windows-servicing"
	updateClient = "microsoft-windows-windowsupdateclient"
)

// installEvent reports whether events of this lower-case provider and ID
// are the ones installedKB reads.
func installEvent(prov string, id uint16) bool {
	return prov == servicing && id == 2 || prov == updateClient && id == 19
}

// installedState reports whether a CBS package state means installed: the
// name "Installed" (as Event Viewer renders it) or the numbers 112
// (Installed) and 128 (Permanent) of the CBS install-state enumeration.
func installedState(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "installed", "permanent", "112", "128", "0x70", "0x80":
		return true
	}
	return false
}

// containsFold reports whether needle (lower-case) occurs in any data or
// UserData value or, failing that, in the message.
func containsFold(ev *model.Event, needle string) bool {
	return anyText(ev, func(s string) bool { return indexFold(s, needle) >= 0 })
}

// anyText reports whether f holds for one of the event's texts: an
// insertion string, a UserData value, or the message.
func anyText(ev *model.Event, f func(string) bool) bool {
	for _, d := range ev.Data {
		if f(d.Value) {
			return true
		}
	}
	for _, d := range ev.UserData {
		if f(d.Value) {
			return true
		}
	}
	return f(ev.Message)
}

// indexFold is a case-insensitive strings.Index for an ASCII-lower-case
// needle; it does not allocate.
func indexFold(s, needle string) int {
	n := len(needle)
	if n == 0 {
		return 0
	}
outer:
	for i := 0; i+n <= len(s); i++ {
		for j := 0; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[j] {
				continue outer
			}
		}
		return i
	}
	return -1
}

// lowerCache lower-cases the few distinct provider and computer names of a
// log once each.
type lowerCache struct {
	m map[string]string
	c map[string]string
}

func newLowerCache() *lowerCache {
	return &lowerCache{m: map[string]string{}, c: map[string]string{}}
}

func (l *lowerCache) get(s string) string {
	if v, ok := l.m[s]; ok {
		return v
	}
	v := strings.ToLower(s)
	l.m[s] = v
	return v
}

// computer returns the key a computer is known by: its lower-case name up to
// the first dot, so "HV01" and "hv01.contoso.local" are the same computer.
func (l *lowerCache) computer(s string) string {
	if v, ok := l.c[s]; ok {
		return v
	}
	v := strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexByte(v, '.'); i > 0 {
		v = v[:i]
	}
	l.c[s] = v
	return v
}

// Classification is the classifier's state for one set of loaded logs:
// what it has learnt from their events as a whole (restarts, installs).
// Make one per load with NewClassification; a new load gets a new one, so
// nothing learnt from earlier logs leaks into it. Its methods are safe for
// concurrent use.
type Classification struct {
	c     *Catalog
	kbs   map[string]bool // lower-case KBs some entry's fix names
	mu    sync.RWMutex
	facts *facts
}

// watch returns the entry ev matches when that entry's decision needs to
// know when each computer logged it (gone-after-restart), else nil. Only
// events of such an entry's provider and ID are matched here.
func (cl *Classification) watch(ev *model.Event, lower *lowerCache) *Entry {
	if !cl.c.watched[matchKey{lower.get(ev.Provider), ev.EventID}] &&
		(ev.EventSourceName == "" || !cl.c.watched[matchKey{lower.get(ev.EventSourceName), ev.EventID}]) {
		return nil
	}
	if e := cl.c.match(ev, lower); e != nil && e.Condition != nil && e.Condition.Check == "gone-after-restart" {
		return e
	}
	return nil
}

// NewClassification starts classifying a new set of logs against c.
func (c *Catalog) NewClassification() *Classification {
	return &Classification{c: c, kbs: c.fixKBs(), facts: newFacts()}
}

// Catalog returns the catalog cl classifies against.
func (cl *Classification) Catalog() *Catalog { return cl.c }

// Classify sets Class and CatalogID on every event, considering all events
// given together with those of earlier calls (so that a caller classifying
// batch by batch sees restarts and installs from earlier batches). Calling it
// again over the same events gives the same result; its cost is linear in
// the number of events (restart look-ups are binary searches).
func (cl *Classification) Classify(events []*model.Event) {
	cl.classify(len(events), func(i int) *model.Event { return events[i] },
		func(i int, c model.Class, id string) {
			if events[i] != nil {
				events[i].Class, events[i].CatalogID = c, id
			}
		}, newLowerCache())
}

// ClassifyAll is Classify for events kept elsewhere: it reads each event
// twice (once to learn restarts and installs, once to decide) into one
// scratch event, so it costs O(evs.Len()) time and no memory per event.
// When evs is also model.Keyed (a store), an event whose provider, source
// and ID no rule names is classified unknown without being read at all.
func (cl *Classification) ClassifyAll(evs model.Events) {
	var scratch model.Event
	ev := func(i int) *model.Event {
		evs.Event(i, &scratch)
		return &scratch
	}
	lower := newLowerCache()
	if k, ok := evs.(model.Keyed); ok {
		ev = cl.skipping(k, lower, ev)
	}
	cl.classify(evs.Len(), ev, evs.SetClass, lower)
}

// skipping wraps ev so that it returns nil (skip) for an event whose key
// concerns no rule, deciding that once per distinct provider, source and
// ID rather than once per event.
func (cl *Classification) skipping(k model.Keyed, lower *lowerCache, ev func(int) *model.Event) func(int) *model.Event {
	syms := k.Symbols()
	type key struct {
		provider, source uint32
		id               uint16
	}
	memo := map[key]bool{}
	return func(i int) *model.Event {
		p, s, id := k.EventKey(i)
		kk := key{p, s, id}
		read, ok := memo[kk]
		if !ok {
			read = cl.concerns(lower.get(syms[p]), lower.get(syms[s]), id)
			memo[kk] = read
		}
		if !read {
			return nil
		}
		return ev(i)
	}
}

// concerns reports whether an event of this lower-case provider, event
// source name and ID may matter to the classifier: an entry or alias names
// it (match, watch), it marks a restart, or it may show a fix installed
// (learn). It may say yes too often, never too rarely: an event it says no
// to is classified unknown unread.
func (cl *Classification) concerns(provider, source string, id uint16) bool {
	for _, name := range [2]string{provider, source} {
		if name == "" {
			continue
		}
		k := matchKey{name, id}
		// watched keys are index keys too (Load): no need to ask.
		if restartEvents[k] || len(cl.c.index[k]) > 0 || len(cl.c.any[name]) > 0 {
			return true
		}
	}
	return len(cl.kbs) > 0 && installEvent(provider, id)
}

// classify is Classify over the n events ev returns; set records each
// verdict. An event ev returns nil for is unknown.
func (cl *Classification) classify(n int, ev func(i int) *model.Event, set func(i int, c model.Class, id string), lower *lowerCache) {
	cl.mu.Lock()
	cl.facts.learn(n, ev, cl.kbs, func(ev *model.Event) *Entry { return cl.watch(ev, lower) }, lower)
	cl.mu.Unlock()

	cl.mu.RLock()
	defer cl.mu.RUnlock()
	for i := range n {
		ev := ev(i)
		if ev == nil {
			set(i, model.ClassUnknown, "")
			continue
		}
		e := cl.c.match(ev, lower)
		if e == nil {
			set(i, model.ClassUnknown, "")
			continue
		}
		d := cl.decide(ev, e, lower, false)
		set(i, d.Class, e.ID)
	}
}

// FixInstalled reports whether the loaded logs show kb installed on
// computer, and when it was first.
func (cl *Classification) FixInstalled(computer, kb string) (time.Time, bool) {
	cl.mu.RLock()
	defer cl.mu.RUnlock()
	in, ok := cl.facts.installs[newLowerCache().computer(computer)][strings.ToLower(kb)]
	return in.t, ok
}

// Decide returns the class of ev, which must match e, and the reasons for
// it in lang (log text in them is not sanitised).
func (cl *Classification) Decide(ev *model.Event, e *Entry, lang i18n.Lang) (model.Class, []string) {
	cl.mu.RLock()
	d := cl.decide(ev, e, newLowerCache(), true)
	cl.mu.RUnlock()
	rs := make([]string, len(d.Reasons))
	for i, r := range d.Reasons {
		rs[i] = r.In(lang)
	}
	return d.Class, rs
}

// Match returns the entry that describes ev, or nil.
func (c *Catalog) Match(ev *model.Event) *Entry {
	if ev == nil {
		return nil
	}
	return c.match(ev, newLowerCache())
}

func (c *Catalog) match(ev *model.Event, lower *lowerCache) *Entry {
	if !ev.Decoded && ev.Provider == "" {
		return nil
	}
	names := [2]string{lower.get(ev.Provider), ""}
	if ev.EventSourceName != "" && !strings.EqualFold(ev.EventSourceName, ev.Provider) {
		names[1] = lower.get(ev.EventSourceName)
	}
	for _, name := range names {
		if name == "" {
			continue
		}
		for _, e := range c.index[matchKey{name, ev.EventID}] {
			if e.narrowMatch(ev) && (!e.aliases[name] || e.sameShape(ev)) {
				return e
			}
		}
		for _, e := range c.any[name] {
			if e.narrowMatch(ev) && (!e.aliases[name] || e.sameShape(ev)) {
				return e
			}
		}
	}
	return nil
}

// sameShape reports whether ev looks like the event the entry's source
// describes: the same level (when both are known) and no more insertion
// strings than the source's event has. An alias provider name claims an
// event only when it does, so that another event under the same name and
// ID (Windows 10's Information-level Hyper-V-Netvsc 13 with MiniportName
// and MiniportNameLen) is not explained as the source's.
func (e *Entry) sameShape(ev *model.Event) bool {
	if e.level != 0 && ev.Level != model.LevelLogAlways && ev.Level != e.level {
		return false
	}
	if n := len(e.Insertion.Names); n > 0 && len(ev.Data) > n {
		return false
	}
	return true
}

// narrowMatch applies DataContains and ErrorCodes.
func (e *Entry) narrowMatch(ev *model.Event) bool {
	if len(e.contains) > 0 {
		if !slices.ContainsFunc(e.contains, func(s string) bool { return containsFold(ev, s) }) {
			return false
		}
	}
	if len(e.codes) > 0 {
		for _, code := range e.codes {
			if hasCode(ev, code) {
				return true
			}
		}
		return false
	}
	return true
}

// hasCode reports whether code occurs in the event's data or message as a
// whole token, in hex (with or without 0x) or as a signed or unsigned decimal
// (error codes in EventData are often "%%2147754996", a reference Windows
// resolves to the error's text).
func hasCode(ev *model.Event, code errorCode) bool {
	return anyText(ev, func(s string) bool { return codeIn(s, code) }) || codeIn(ev.Binary, code)
}

func codeIn(s string, code errorCode) bool {
	return tokenIn(s, code.hex, isHex) || tokenIn(s, code.dec, isDigit) || (code.neg != "" && tokenIn(s, code.neg, isDigit))
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// tokenIn finds tok (case-insensitively) in s where it is not part of a
// longer run of the same kind of characters, so 0x800423F4, HRESULT800423F4
// and %%2147754996 match but 1800423F4 does not.
func tokenIn(s, tok string, same func(byte) bool) bool {
	for off := 0; off < len(s); {
		i := indexFold(s[off:], tok)
		if i < 0 {
			return false
		}
		i += off
		end := i + len(tok)
		before := i == 0 || !same(s[i-1])
		after := end == len(s) || !same(s[end])
		if before && after {
			return true
		}
		off = i + 1
	}
	return false
}
