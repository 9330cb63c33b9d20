package query

import (
	"math"
	"runtime"
	"sync"

	"eventlens/model"
	"eventlens/model/store"
	"eventlens/model/vm"
)

// parallelMin is the number of events below which Select and Narrow stay on
// one goroutine: under it, starting goroutines costs more than it saves.
const parallelMin = 1 << 15

// Select returns the store slots of the events that match q, in timeline
// order, appended to dst[:0] (pass the previous result to reuse its memory).
// It reads the store's compact columns, materialises an event only for terms
// the columns cannot decide (data.NAME, and words that contain store.Sep),
// does not allocate per event, and on large stores uses every CPU. It must
// not run concurrently with Add.
func Select(s *store.Store, q *Query, dst []int32) []int32 {
	n := s.Len()
	dst = dst[:0]
	if q.Empty() {
		if !s.Sorted() {
			return append(dst, s.Order()...)
		}
		dst = growInt32(dst, n)
		for i := range n {
			dst = append(dst, int32(i))
		}
		return dst
	}
	p := compile(q, s)
	var from []int32
	if !s.Sorted() {
		from = s.Order()
	}
	return run(n, dst, func(lo, hi int, out []int32) []int32 {
		return p.scan(out, lo, hi, from)
	})
}

// SelectSlots returns the slots in lo..hi-1 whose events match q, in slot
// (arrival) order, appended to dst[:0]. A view uses it to filter only the
// events a load has just added, then store.Merge to fold them into its rows.
func SelectSlots(s *store.Store, q *Query, lo, hi int, dst []int32) []int32 {
	dst = dst[:0]
	if q.Empty() {
		for i := lo; i < hi; i++ {
			dst = append(dst, int32(i))
		}
		return dst
	}
	p := compile(q, s)
	return run(hi-lo, dst, func(a, b int, out []int32) []int32 {
		return p.scan(out, lo+a, lo+b, nil)
	})
}

// Narrow returns the slots in prev (a Select or Narrow result on the same
// store version) whose events match q, appended to dst[:0]. Use it when q is
// known to select a subset of prev's query, e.g. when the filter text only
// grew by a term or a character. dst may be prev itself.
func Narrow(s *store.Store, q *Query, prev []int32, dst []int32) []int32 {
	if q.Empty() {
		return append(dst[:0], prev...) // copy is memmove: dst may be prev
	}
	p := compile(q, s)
	return run(len(prev), dst[:0], func(lo, hi int, out []int32) []int32 {
		return p.scan(out, lo, hi, prev)
	})
}

// batch is how many candidates scan collects before reading their texts.
const batch = 64

// scan appends the matching slots among lo..hi-1 (or, with from, among
// from[lo:hi]) to out. It works in two phases per batch: first the terms the
// fixed columns decide; then, for the candidates left, it touches the text
// each will read, all at once, so the processor fetches them from memory in
// parallel rather than one miss at a time; then it checks the other terms.
func (p *plan) scan(out []int32, lo, hi int, from []int32) []int32 {
	var cand [batch]int32
	var sink byte
	var scratch model.Event // for the terms that need the whole event
	for lo < hi {
		nc := 0
		for ; lo < hi && nc < batch; lo++ {
			i := int32(lo)
			if from != nil {
				i = from[lo]
			}
			if p.match(int(i), p.terms[:p.rest], &scratch) {
				cand[nc] = i
				nc++
			}
		}
		if p.rest == len(p.terms) {
			out = append(out, cand[:nc]...)
			continue
		}
		// Touching pays only when the candidates are spread out: for dense
		// ones the hardware prefetcher already streams the memory in.
		if p.touchText && nc > 1 && int(cand[nc-1]-cand[0]) > 4*nc {
			for _, i := range cand[:nc] {
				if t := p.s.Text(int(i)); len(t) > 0 {
					sink += t[0]
				}
			}
		}
		for _, i := range cand[:nc] {
			if p.match(int(i), p.terms[p.rest:], &scratch) {
				out = append(out, i)
			}
		}
	}
	runtime.KeepAlive(sink) // the touches must happen
	return out
}

// plan is a query bound to one store version: the terms with their
// per-symbol verdicts precomputed.
type plan struct {
	s     *store.Store
	terms []pterm
	// terms[:rest] are decided by the fixed columns alone; terms[rest:]
	// read texts (touchText) or whole events.
	rest      int
	touchText bool
}

type pterm struct {
	*term
	sym []bool // per store symbol: does the needle match it
	cat []bool // kCat, kWord: per catalog ID: does the needle match it
	// kData: per store shape: does it have an item of the name. Most
	// events lack it and are decided without reading their values.
	shape []bool
	atNs  int64 // kAfter, kBefore: the time as Unix ns
	slow  bool  // kAfter, kBefore: atNs saturated, compare Event.Time
	// kVM: the slots of the events that name a selected VM (a bit set),
	// and per store symbol whether it is a selected VM's guest computer.
	slots []uint64
	// kWord with Templates: per catalog ID, whether its entry has a
	// template (then the database's is not shown) and whether the needle
	// is in it; per database template, whether the needle is in it.
	tcat, tcatHit, tdb []bool
}

func compile(q *Query, s *store.Store) *plan {
	catNames := s.CatalogIDs()
	p := &plan{s: s, terms: make([]pterm, len(q.eval))}
	syms := s.Symbols()
	for i := range q.eval {
		t := &q.eval[i]
		pt := pterm{term: t}
		switch t.kind {
		case kSrc, kChannel, kHost, kWord:
			pt.sym = make([]bool, len(syms))
			for j, v := range syms {
				pt.sym[j] = t.n.in(v)
			}
		case kAfter, kBefore:
			pt.atNs = store.UnixNanoSat(t.at)
			pt.slow = pt.atNs == math.MinInt64 || pt.atNs == math.MaxInt64
		}
		if t.kind == kData {
			pt.shape = make([]bool, s.Shapes())
			for j := range pt.shape {
				names, _ := s.Shape(uint32(j))
				for _, name := range names {
					if nameMatch(name, t.name) {
						pt.shape[j] = true
						break
					}
				}
			}
		}
		if t.kind == kVM {
			pt.sym, pt.slots = vmSets(s, t)
		}
		if t.kind == kCat || t.kind == kWord {
			pt.cat = make([]bool, len(catNames))
			for j, v := range catNames {
				pt.cat[j] = t.n.in(v)
			}
		}
		if t.kind == kWord && t.tmpl != nil {
			pt.templates(catNames)
		}
		p.terms[i] = pt
	}
	p.rest = len(p.terms)
	for i := range p.terms {
		if p.terms[i].kind >= kData {
			p.rest = min(p.rest, i)
			if p.terms[i].kind == kWord {
				p.touchText = true
			}
		}
	}
	return p
}

// templates precomputes the word's verdict on every template text, so that
// the scan decides an event's template with two look-ups.
func (t *pterm) templates(catNames []string) {
	t.tcat, t.tcatHit = make([]bool, len(catNames)), make([]bool, len(catNames))
	for j, id := range catNames {
		if text, ok := t.tmpl.Catalog[id]; ok && id != "" {
			t.tcat[j], t.tcatHit[j] = true, t.n.in(text)
		}
	}
	t.tdb = make([]bool, len(t.tmpl.texts))
	for j, text := range t.tmpl.texts {
		t.tdb[j] = t.n.in(text)
	}
}

// inTemplate reports whether the word is in the template text of slot i's
// message: its catalog entry's, or else its database template's
// (Templates.match, from the store's columns).
func (t *pterm) inTemplate(s *store.Store, i int) bool {
	if c := s.CatalogSym(i); int(c) < len(t.tcat) && t.tcat[c] {
		return t.tcatHit[c]
	}
	k := t.tmpl.slotKey(i)
	return int(k) < len(t.tdb) && t.tdb[k]
}

// vmSets returns what a vm: term selects in s: per store symbol, whether it
// is the guest computer of a selected VM, and the bit set of the slots of
// the events that name one. A term WithVMs did not bind learns the VMs
// from s itself (generically: without the catalog's knowledge).
func vmSets(s *store.Store, t *term) (guest []bool, slots []uint64) {
	ix := t.vms
	if ix == nil {
		ix = vm.Build(s, nil, nil)
	}
	syms := s.Symbols()
	guest = make([]bool, len(syms))
	slots = make([]uint64, (s.Len()+63)/64)
	for _, v := range ix.Select(t.n.s) {
		for _, i := range ix.Mentions(v) {
			if int(i) < s.Len() {
				slots[i>>6] |= 1 << (i & 63)
			}
		}
	}
	for j, name := range syms {
		if v := ix.GuestOf(name); v >= 0 && vm.Matches(&ix.VMs[v], t.n.s) {
			guest[j] = true
		}
	}
	return guest, slots
}

// match reports whether the event in slot i matches terms, deciding from
// the columns where it can; scratch is where it materialises the event
// when it cannot.
func (p *plan) match(i int, terms []pterm, scratch *model.Event) bool {
	k := p.s.Key(i)
	for j := range terms {
		t := &terms[j]
		var ok bool
		switch t.kind {
		case kLevel:
			ok = t.levels[k.Level>>6]&(1<<(k.Level&63)) != 0
		case kID:
			for _, r := range t.ids {
				if k.EventID >= r.lo && k.EventID <= r.hi {
					ok = true
					break
				}
			}
		case kAfter, kBefore:
			if t.slow || k.Time == math.MinInt64 || k.Time == math.MaxInt64 {
				tm := p.s.Time(i)
				ok = !tm.Before(t.at) == (t.kind == kAfter)
			} else {
				ok = (k.Time >= t.atNs) == (t.kind == kAfter)
			}
		case kSrc:
			ok = t.sym[k.Provider] || t.sym[k.Source]
		case kChannel:
			ok = t.sym[k.Channel]
		case kHost:
			ok = t.sym[k.Computer]
		case kClass:
			c := p.s.Class(i)
			ok = c < 64 && t.class&(1<<c) != 0
		case kCat:
			ok = t.cat[p.s.CatalogSym(i)]
		case kVM:
			ok = t.sym[k.Computer] || i>>6 < len(t.slots) && t.slots[i>>6]&(1<<(i&63)) != 0
		case kWord:
			ok = t.sym[k.Provider] || t.sym[k.Computer] || t.sym[k.Channel] || t.sym[k.Source] ||
				t.n.digits && idContains(k.EventID, t.n.s) || t.cat[p.s.CatalogSym(i)]
			if !ok {
				if t.n.sep { // could match across values: search each
					p.s.Event(i, scratch)
					ok = t.wordInBody(scratch)
				} else {
					// The template's verdict is one look-up: before the text.
					ok = t.tmpl != nil && t.inTemplate(p.s, i) || t.n.in(p.s.Text(i))
				}
			}
		case kData:
			if t.shape[k.Shape] {
				var nd int
				scratch.Data, nd = p.s.Items(i, scratch.Data)
				ok = dataMatch(scratch.Data[:nd], t.name, &t.n) || dataMatch(scratch.Data[nd:], t.name, &t.n)
			}
		default:
			p.s.Event(i, scratch)
			ok = t.term.match(scratch)
		}
		if ok == t.neg {
			return false
		}
	}
	return true
}

// run calls scan over [0,n) in one piece, or in one piece per CPU with the
// results concatenated in order into dst. scan must only append to out.
func run(n int, dst []int32, scan func(lo, hi int, out []int32) []int32) []int32 {
	p := runtime.GOMAXPROCS(0)
	if n < parallelMin || p == 1 {
		return scan(0, n, dst)
	}
	if p > 16 {
		p = 16
	}
	parts := make([][]int32, p)
	var wg sync.WaitGroup
	for k := range p {
		lo, hi := n*k/p, n*(k+1)/p
		wg.Go(func() {
			buf := bufPool.Get().(*[]int32)
			parts[k] = scan(lo, hi, (*buf)[:0])
		})
	}
	wg.Wait()
	total := 0
	for _, part := range parts {
		total += len(part)
	}
	// dst may alias the input (Narrow in place): it is only written now,
	// after every scan has finished reading.
	dst = growInt32(dst[:0], total)
	for _, part := range parts {
		dst = append(dst, part...)
		bufPool.Put(&part)
	}
	return dst
}

var bufPool = sync.Pool{New: func() any { return new([]int32) }}

func growInt32(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, 0, n)
	}
	return s
}
