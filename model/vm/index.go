package vm

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"

	"eventlens/model"
	"eventlens/model/store"
)

// Link says how a computer's logs were found to be a VM's guest logs.
type Link uint8

// Ways of linking, strongest last: a link by hand overrides KVP data, which
// overrides the name.
const (
	LinkNone Link = iota
	LinkName      // the computer name equals the VM name (with or without domain)
	LinkKVP       // KVP data names the guest's computer, or the guest's VM
	LinkHand      // linked by hand in the viewer
)

func (l Link) String() string {
	return [...]string{"", "name", "kvp", "hand"}[min(int(l), 3)]
}

// Guest is a computer whose own logs are a VM's guest logs.
type Guest struct {
	Computer string
	By       Link
}

// numClasses bounds the class counts; model.Class values above it are
// counted as unknown.
const numClasses = int(model.ClassKnownIssue) + 1

// VM is one virtual machine the loaded events talk about.
type VM struct {
	Name  string   // as first logged; "" when only its ID is known
	GUID  string   // VM ID, upper-case without braces; "" when never logged
	Hosts []string // computers that logged about it, in order of first appearance
	// Guests are the computers whose logs are the VM's own (usually one).
	Guests []Guest
	// First and Last are the times of its first and last event, host and
	// guest events together.
	First, Last time.Time
	// HostEvents name the VM; GuestEvents were logged inside it.
	HostEvents, GuestEvents int
	// Classes counts its events (host and guest) by model.Class.
	Classes [numClasses]int

	mentions []int32 // slots of the host events that name it
}

// Key identifies the VM for links remembered by hand: its ID, or, for a VM
// known only by name, "name:" and the lower-cased name.
func (v *VM) Key() string {
	if v.GUID != "" {
		return v.GUID
	}
	return "name:" + strings.ToLower(v.Name)
}

// Label is the VM's name, or its ID when it has no name.
func (v *VM) Label() string {
	if v.Name != "" {
		return v.Name
	}
	return v.GUID
}

// QueryTerm is the filter term that selects v's events (see model/query):
// vm: and its ID when it has one, otherwise its name, quoted if need be.
func (v *VM) QueryTerm() string {
	if v.GUID != "" {
		return "vm:" + v.GUID
	}
	name := v.Name
	if name == "" || strings.ContainsAny(name, " \t\r\n\"\\") || strings.IndexFunc(name, unicode.IsSpace) >= 0 {
		name = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name) + `"`
	}
	return "vm:" + name
}

// Events is the number of its events, host and guest.
func (v *VM) Events() int { return v.HostEvents + v.GuestEvents }

// Index is what Build learnt from a store: the VMs, and for each the
// events that name it and its guests. It is immutable once built and safe
// for concurrent use.
type Index struct {
	VMs []VM // by name, then ID

	x      Extractor
	n      int            // store slots indexed
	guest  map[string]int // lower-cased computer name → VM
	byGUID map[string]int
	byName map[string][]int // lower-cased name → VMs
}

// Len is the number of store slots the index covers: a store that grew
// since needs a new Build.
func (x *Index) Len() int { return x.n }

// Links are the guest links made by hand: lower-cased computer name → VM
// Key. An empty Key unlinks a computer that would be linked otherwise.
type Links map[string]string

// hit is one VM an event names.
type hit struct {
	slot int32
	ref  Ref
}

// Build reads s and returns its VMs. x finds the VMs each event names (nil
// means Generic); links are the links made by hand (may be nil). Build
// materialises only the events that can name a VM: those with VM items
// (by data shape), those x knows by catalog ID, and those whose text has a
// VM ID marker.
func Build(s *store.Store, x Extractor, links Links) *Index {
	if x == nil {
		x = Generic{}
	}
	ix := &Index{x: x, n: s.Len(), guest: map[string]int{}, byGUID: map[string]int{}, byName: map[string][]int{}}
	hits := ix.scan(s)
	vmOf := ix.resolve(hits)
	ix.link(s, hits, vmOf, links)
	ix.count(s, hits, vmOf)
	return ix
}

// scan finds the VM references in s.
func (ix *Index) scan(s *store.Store) []hit {
	shapes := make([]bool, s.Shapes())
	for j := range shapes {
		names, _ := s.Shape(uint32(j))
		shapes[j] = slices.ContainsFunc(names, IsItem)
	}
	cats := s.CatalogIDs()
	knows := make([]bool, len(cats))
	for j, id := range cats {
		knows[j] = id != "" && ix.x.Knows(id)
	}
	var hits []hit
	var e model.Event
	var refs []Ref
	for i := range ix.n {
		// The store's text starts with the message; only it can hold a
		// marker FromMessage reads.
		msg, _, _ := strings.Cut(s.Text(i), store.Sep)
		if !shapes[s.Key(i).Shape] && !knows[s.CatalogSym(i)] && !MessageMarker(msg) {
			continue
		}
		s.Event(i, &e)
		refs = ix.x.Refs(&e, refs[:0])
		for _, r := range refs {
			hits = append(hits, hit{int32(i), r})
		}
	}
	return hits
}

// resolve turns references into VMs: one per ID; a reference by name
// alone joins the VM of that name (the first, if several have it).
func (ix *Index) resolve(hits []hit) []int {
	vmOf := make([]int, len(hits))
	for pass := range 2 {
		for h := range hits {
			r := &hits[h].ref
			if (r.GUID != "") != (pass == 0) {
				continue
			}
			vmOf[h] = ix.find(r)
		}
	}
	// Sort the VMs and renumber.
	order := make([]int, len(ix.VMs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		va, vb := &ix.VMs[a], &ix.VMs[b]
		return cmp.Or(cmp.Compare(strings.ToLower(va.Label()), strings.ToLower(vb.Label())), cmp.Compare(va.GUID, vb.GUID))
	})
	newIdx := make([]int, len(order))
	vms := make([]VM, len(order))
	for to, from := range order {
		newIdx[from] = to
		vms[to] = ix.VMs[from]
	}
	ix.VMs = vms
	for h := range vmOf {
		vmOf[h] = newIdx[vmOf[h]]
	}
	for k, v := range ix.byGUID {
		ix.byGUID[k] = newIdx[v]
	}
	for k, list := range ix.byName {
		for j := range list {
			list[j] = newIdx[list[j]]
		}
		ix.byName[k] = list
	}
	return vmOf
}

// find returns the VM r refers to, adding it when new.
func (ix *Index) find(r *Ref) int {
	lname := strings.ToLower(r.Name)
	if r.GUID != "" {
		if v, ok := ix.byGUID[r.GUID]; ok {
			if ix.VMs[v].Name == "" && r.Name != "" {
				ix.VMs[v].Name = r.Name
				ix.byName[lname] = append(ix.byName[lname], v)
			}
			return v
		}
	} else if list := ix.byName[lname]; len(list) > 0 {
		return list[0]
	}
	v := len(ix.VMs)
	ix.VMs = append(ix.VMs, VM{Name: r.Name, GUID: r.GUID})
	if r.GUID != "" {
		ix.byGUID[r.GUID] = v
	}
	if r.Name != "" {
		ix.byName[lname] = append(ix.byName[lname], v)
	}
	return v
}

// link decides which computers are guests of which VMs.
func (ix *Index) link(s *store.Store, hits []hit, vmOf []int, links Links) {
	type cand struct {
		vm int
		by Link
	}
	self := map[string]cand{} // lower-cased computer → the VM its KVP parameters name
	type guestName struct {
		name string
		vm   int
	}
	var named []guestName      // guest names host events carry
	hosts := map[string]bool{} // lower-cased computers that logged about a VM
	syms := s.Symbols()
	// KVP: the guest's own parameters, or a host event naming the guest.
	for h := range hits {
		r := &hits[h].ref
		comp := syms[s.Key(int(hits[h].slot)).Computer]
		if r.Self {
			self[strings.ToLower(comp)] = cand{vmOf[h], LinkKVP}
			continue
		}
		hosts[strings.ToLower(comp)] = true
		if r.Guest != "" {
			named = append(named, guestName{r.Guest, vmOf[h]})
		}
	}
	seen := make([]bool, len(syms))
	for i := range ix.n {
		c := s.Key(i).Computer
		if seen[c] {
			continue
		}
		seen[c] = true
		name := syms[c]
		if name == "" {
			continue
		}
		lc := strings.ToLower(name)
		best, ok := self[lc]
		for j := 0; !ok && j < len(named); j++ {
			if SameComputer(name, named[j].name) {
				best, ok = cand{named[j].vm, LinkKVP}, true
			}
		}
		if !ok && !hosts[lc] {
			for v := range ix.VMs {
				if ix.VMs[v].Name != "" && SameComputer(name, ix.VMs[v].Name) {
					best, ok = cand{v, LinkName}, true
					break
				}
			}
		}
		if key, hand := links[lc]; hand {
			best, ok = cand{ix.byKey(key), LinkHand}, key != ""
			ok = ok && best.vm >= 0
		}
		if ok {
			ix.guest[lc] = best.vm
			ix.VMs[best.vm].Guests = append(ix.VMs[best.vm].Guests, Guest{name, best.by})
		}
	}
}

// byKey returns the VM with Key k, or -1.
func (ix *Index) byKey(k string) int {
	if name, ok := strings.CutPrefix(k, "name:"); ok {
		for _, v := range ix.byName[name] {
			if ix.VMs[v].GUID == "" {
				return v
			}
		}
		return -1
	}
	if v, ok := ix.byGUID[k]; ok {
		return v
	}
	return -1
}

// count fills each VM's hosts, span and counts.
func (ix *Index) count(s *store.Store, hits []hit, vmOf []int) {
	syms := s.Symbols()
	for h := range hits {
		if hits[h].ref.Self {
			continue
		}
		v := &ix.VMs[vmOf[h]]
		slot := hits[h].slot
		if n := len(v.mentions); n > 0 && v.mentions[n-1] == slot {
			continue // named twice by one event
		}
		v.mentions = append(v.mentions, slot)
		comp := syms[s.Key(int(slot)).Computer]
		if !slices.Contains(v.Hosts, comp) {
			v.Hosts = append(v.Hosts, comp)
		}
		ix.add(s, v, int(slot))
		v.HostEvents++
	}
	if len(ix.guest) == 0 {
		return
	}
	guestOf := make([]int, len(syms))
	for j, name := range syms {
		guestOf[j] = -1
		if v, ok := ix.guest[strings.ToLower(name)]; ok {
			guestOf[j] = v
		}
	}
	for i := range ix.n {
		v := guestOf[s.Key(i).Computer]
		if v < 0 {
			continue
		}
		if _, named := slices.BinarySearch(ix.VMs[v].mentions, int32(i)); named {
			continue
		}
		ix.add(s, &ix.VMs[v], i)
		ix.VMs[v].GuestEvents++
	}
}

func (ix *Index) add(s *store.Store, v *VM, slot int) {
	t := s.Time(slot)
	if v.First.IsZero() || t.Before(v.First) {
		v.First = t
	}
	if t.After(v.Last) {
		v.Last = t
	}
	c := int(s.Class(slot))
	if c >= numClasses {
		c = int(model.ClassUnknown)
	}
	v.Classes[c]++
}

// SameComputer reports whether a computer name and a VM name (or a guest
// name from KVP data) are the same machine: equal ignoring case, or equal
// once the domain is dropped from one of them ("WEB01.contoso.local" and
// "WEB01").
func SameComputer(computer, name string) bool {
	if strings.EqualFold(computer, name) {
		return true
	}
	short := func(s string) string {
		if i := strings.IndexByte(s, '.'); i > 0 {
			return s[:i]
		}
		return s
	}
	return strings.EqualFold(short(computer), name) || strings.EqualFold(computer, short(name))
}

// Select returns the VMs the query text selects (vm:TEXT): those whose name
// contains it, ignoring case, and those whose ID starts with it (braces
// ignored).
func (x *Index) Select(text string) []int {
	var out []int
	for v := range x.VMs {
		if Matches(&x.VMs[v], text) {
			out = append(out, v)
		}
	}
	return out
}

// Matches reports whether v answers to vm:text (see Index.Select).
func Matches(v *VM, text string) bool {
	return matchRef(v.Name, v.GUID, text)
}

func matchRef(name, guid, text string) bool {
	if text == "" {
		return false
	}
	if name != "" && strings.Contains(strings.ToLower(name), strings.ToLower(text)) {
		return true
	}
	g := strings.ToUpper(strings.TrimPrefix(text, "{"))
	return guid != "" && len(g) >= 4 && strings.HasPrefix(guid, strings.TrimSuffix(g, "}"))
}

// Mentions returns the store slots of the host events that name VM v, in
// arrival order. Read-only.
func (x *Index) Mentions(v int) []int32 { return x.VMs[v].mentions }

// GuestOf returns the VM whose guest computer is, or -1.
func (x *Index) GuestOf(computer string) int {
	if v, ok := x.guest[strings.ToLower(computer)]; ok {
		return v
	}
	return -1
}

// MatchEvent reports whether e belongs to a VM that vm:text selects: it
// names one, or was logged by one's guest. It reads e itself, so e need
// not be in the indexed store.
func (x *Index) MatchEvent(e *model.Event, text string) bool {
	if v := x.GuestOf(e.Computer); v >= 0 && Matches(&x.VMs[v], text) {
		return true
	}
	for _, r := range x.x.Refs(e, nil) {
		if r.Self {
			continue
		}
		v := -1
		if r.GUID != "" {
			if i, ok := x.byGUID[r.GUID]; ok {
				v = i
			}
		} else if list := x.byName[strings.ToLower(r.Name)]; len(list) > 0 {
			v = list[0]
		}
		if v >= 0 && Matches(&x.VMs[v], text) || v < 0 && matchRef(r.Name, r.GUID, text) {
			return true
		}
	}
	return false
}
