// Package query implements eventlens's filter language, shared by the UI's
// filter line and `eventlens export --query`.
//
// A query is a list of terms separated by spaces; an event matches when it
// matches every term. A term is a bare word, a "quoted phrase", or a field
// term key:value; a leading - negates any term. See Parse for the grammar and
// README for the user-facing reference.
package query

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"eventlens/i18n/reason"
	"eventlens/model"
	"eventlens/model/store"
	"eventlens/model/vm"
)

// Query is a parsed filter. A nil or zero Query matches everything.
// A Query is immutable and safe for concurrent use.
type Query struct {
	terms []term // as written, for String
	eval  []term // cheapest first, for matching
	now   time.Time
}

// Error is a parse error, located at the term (or the part of it) that is
// wrong.
type Error struct {
	Pos    int           // byte offset in the query text, for placing a caret
	Col    int           // the same place as a 1-based character column
	Reason reason.Reason // what is wrong, naming the field and the offending text; i18n says it in each language
}

// Error is the error in English. It names no package: the caller says
// which query it was (a flag, the filter line).
func (e *Error) Error() string { return fmt.Sprintf("column %d: %s", e.Col, e.Reason) }

type kind uint8

// Term kinds, in order of matching cost: up to kVM they are decided from
// the store's fixed columns (Key, class, catalog ID) and, for kVM, the VM
// index's sets; kData reads the event's data items, kWord its text.
const (
	kLevel kind = iota
	kID
	kAfter
	kBefore
	kSrc
	kChannel
	kHost
	kClass
	kCat
	kVM
	kData
	kWord
)

// keys maps the names accepted before ':' to kinds; keyNames holds each
// kind's canonical spelling.
var keys = map[string]kind{
	"id": kID, "eventid": kID,
	"level": kLevel,
	"src":   kSrc, "provider": kSrc, "source": kSrc,
	"ch": kChannel, "channel": kChannel,
	"host": kHost, "computer": kHost,
	"class": kClass,
	"cat":   kCat, "catalog": kCat,
	"vm":     kVM,
	"after":  kAfter,
	"before": kBefore,
}

var keyNames = [...]string{
	kLevel: "level", kID: "id", kClass: "class", kAfter: "after", kBefore: "before",
	kSrc: "src", kChannel: "ch", kHost: "host", kCat: "cat", kVM: "vm", kData: "data.", kWord: "",
}

type idRange struct{ lo, hi uint16 }

// term is one condition. Which fields are used depends on kind.
type term struct {
	kind kind
	neg  bool
	raw  string // the term's text as written

	n      needle     // substring kinds and data value
	name   string     // data item name, as written
	ids    []idRange  // kID
	levels [4]uint64  // kLevel: bit set over the 256 level numbers
	lnames []string   // kLevel, kClass: canonical item texts
	class  uint64     // kClass: bit set over classes
	at     time.Time  // kAfter, kBefore
	atText string     // kAfter, kBefore: canonical value text
	vms    *vm.Index  // kVM: the index WithVMs bound, or nil
	tmpl   *Templates // kWord: the template texts WithTemplates bound, or nil
}

// WithVMs returns q with its vm: terms answered from vms: an event matches
// vm:NAME when it names a VM the index selects, or was logged by such a
// VM's guest. Without an index (vms nil, or a query never bound), Select
// learns VMs from the store itself, without catalog knowledge, and Match
// reads only the event's own references.
func (q *Query) WithVMs(vms *vm.Index) *Query {
	if q == nil {
		return nil
	}
	return q.bind(func(t *term) { t.vms = vms })
}

// bind returns a copy of q (whatever a Query carries) with set applied to
// each of its terms.
func (q *Query) bind(set func(*term)) *Query {
	bound := *q
	bound.terms, bound.eval = slices.Clone(q.terms), slices.Clone(q.eval)
	for _, ts := range [][]term{bound.terms, bound.eval} {
		for i := range ts {
			set(&ts[i])
		}
	}
	return &bound
}

// UsesVMs reports whether q has a vm: term, so that a caller builds a VM
// index to bind (WithVMs) only when one is needed.
func (q *Query) UsesVMs() bool {
	if q == nil {
		return false
	}
	return slices.ContainsFunc(q.terms, func(t term) bool { return t.kind == kVM })
}

// noVMs is an index of no events: its MatchEvent reads only the event.
var noVMs = sync.OnceValue(func() *vm.Index { return vm.Build(store.New(), nil, nil) })

// Empty reports whether q has no terms and so matches everything.
func (q *Query) Empty() bool { return q == nil || len(q.terms) == 0 }

// Match reports whether e satisfies every term of q.
func (q *Query) Match(e *model.Event) bool {
	if q == nil {
		return true
	}
	for i := range q.eval {
		t := &q.eval[i]
		if t.match(e) == t.neg {
			return false
		}
	}
	return true
}

func (t *term) match(e *model.Event) bool {
	switch t.kind {
	case kLevel:
		return t.levels[e.Level>>6]&(1<<(e.Level&63)) != 0
	case kID:
		for _, r := range t.ids {
			if e.EventID >= r.lo && e.EventID <= r.hi {
				return true
			}
		}
		return false
	case kClass:
		return e.Class < 64 && t.class&(1<<e.Class) != 0
	case kAfter:
		return !e.Time.Before(t.at)
	case kBefore:
		return e.Time.Before(t.at)
	case kSrc:
		return t.n.in(e.Provider) || t.n.in(e.EventSourceName)
	case kChannel:
		return t.n.in(e.Channel)
	case kHost:
		return t.n.in(e.Computer)
	case kCat:
		return t.n.in(e.CatalogID)
	case kVM:
		vms := t.vms
		if vms == nil {
			vms = noVMs()
		}
		return vms.MatchEvent(e, t.n.s)
	case kData:
		return dataMatch(e.Data, t.name, &t.n) || dataMatch(e.UserData, t.name, &t.n)
	case kWord:
		return t.wordMatch(e)
	}
	return false
}

// dataMatch reports whether an item named name (case-insensitively; for
// UserData paths the last elements are enough: "Code" or "Detail/Code" for
// "VmlEventLog/Detail/Code") has a value containing n.
func dataMatch(ds []model.Data, name string, n *needle) bool {
	for i := range ds {
		if nameMatch(ds[i].Name, name) && n.in(ds[i].Value) {
			return true
		}
	}
	return false
}

// nameMatch reports whether item name dn answers to name, as dataMatch
// describes.
func nameMatch(dn, name string) bool {
	if len(dn) != len(name) {
		// Names are ASCII in practice; a name whose case variants differ
		// in length is matched only at its full length.
		if len(dn) <= len(name) || dn[len(dn)-len(name)-1] != '/' {
			return false
		}
		dn = dn[len(dn)-len(name):]
	}
	return strings.EqualFold(dn, name)
}

// wordMatch looks for a word in every field a bare word searches.
func (t *term) wordMatch(e *model.Event) bool {
	n := &t.n
	if n.in(e.Provider) || n.in(e.Computer) || n.in(e.Channel) || n.in(e.EventSourceName) {
		return true
	}
	if n.digits && idContains(e.EventID, n.s) {
		return true
	}
	return t.wordInBody(e)
}

// wordInBody looks for a word in the fields a store Key does not cover.
func (t *term) wordInBody(e *model.Event) bool {
	n := &t.n
	for i := range e.Data {
		if n.in(e.Data[i].Value) {
			return true
		}
	}
	for i := range e.UserData {
		if n.in(e.UserData[i].Value) {
			return true
		}
	}
	return n.in(e.Message) || n.in(e.CatalogID) || t.tmpl != nil && t.tmpl.match(n, e)
}

// idContains reports whether the decimal text of id contains s (all digits).
func idContains(id uint16, s string) bool {
	var buf [5]byte
	i := len(buf)
	for {
		i--
		buf[i] = byte('0' + id%10)
		id /= 10
		if id == 0 {
			break
		}
	}
	d := buf[i:]
	for j := 0; j+len(s) <= len(d); j++ {
		if string(d[j:j+len(s)]) == s {
			return true
		}
	}
	return false
}

// String returns q in canonical form: terms in the order written, keys in
// their short spelling, words and values lower-cased and quoted only where
// needed. Parsing it again (with the same now) gives an equivalent query
// with the same String.
func (q *Query) String() string {
	if q == nil {
		return ""
	}
	var b strings.Builder
	for i := range q.terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		q.terms[i].write(&b)
	}
	return b.String()
}

func (t *term) write(b *strings.Builder) {
	if t.neg {
		b.WriteByte('-')
	}
	switch t.kind {
	case kWord:
		b.WriteString(quoteWord(t.n.s))
		return
	case kData:
		b.WriteString("data.")
		b.WriteString(t.name)
		b.WriteByte(':')
		b.WriteString(quoteValue(t.n.s))
		return
	}
	b.WriteString(keyNames[t.kind])
	b.WriteByte(':')
	switch t.kind {
	case kID:
		for i, r := range t.ids {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(int(r.lo)))
			if r.hi != r.lo {
				b.WriteByte('-')
				b.WriteString(strconv.Itoa(int(r.hi)))
			}
		}
	case kLevel, kClass:
		b.WriteString(strings.Join(t.lnames, ","))
	case kAfter, kBefore:
		b.WriteString(t.atText)
	default:
		b.WriteString(quoteValue(t.n.s))
	}
}

// quoteValue quotes a field value if it would not read back as one bare
// value.
func quoteValue(s string) string {
	if s == "" || strings.HasPrefix(s, `"`) || strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return quote(s)
	}
	return s
}

// quoteWord quotes a word if it would not read back as one bare word.
func quoteWord(s string) string {
	if s == "" || s[0] == '-' || s[0] == '"' || strings.ContainsRune(s, ':') ||
		strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return quote(s)
	}
	return s
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// lower lower-cases s rune by rune with unicode.ToLower, the mapping the
// matcher applies to the text searched, and replaces invalid UTF-8 with
// U+FFFD.
func lower(s string) string {
	return strings.Map(unicode.ToLower, s)
}

// needle is a pre-lowered substring to look for case-insensitively.
type needle struct {
	s      string // lower-cased
	min    int    // fewest bytes a match can span: runes in s
	exact  bool   // no rune of s has case variants: plain strings.Contains
	ascii  bool   // s is ASCII
	wide   bool   // some non-ASCII rune lowers to s's first byte (K→k, İ→i)
	first  rune   // first rune of s
	digits bool   // s is 1–5 ASCII digits: also matches event IDs
	sep    bool   // s contains store.Sep, so a store Text cannot be searched whole
}

func newNeedle(s string) needle {
	s = lower(s)
	n := needle{s: s, min: utf8.RuneCountInString(s), exact: true, ascii: true}
	for _, r := range s {
		if r >= utf8.RuneSelf {
			n.ascii = false
		}
		if unicode.SimpleFold(r) != r || r == utf8.RuneError {
			n.exact = false // other runes, or invalid bytes, lower to r
		}
	}
	if s != "" {
		n.first, _ = utf8.DecodeRuneInString(s)
		n.wide = n.first == 'k' || n.first == 'i' // U+212A and U+0130 lower to these
	}
	n.sep = strings.Contains(s, store.Sep)
	n.digits = len(s) > 0 && len(s) <= 5 && strings.Trim(s, "0123456789") == ""
	return n
}

// in reports whether h contains n.s, comparing unicode.ToLower of each rune.
func (n *needle) in(h string) bool {
	if len(h) < n.min {
		return false
	}
	if n.exact {
		return strings.Contains(h, n.s)
	}
	if n.ascii {
		return n.inASCII(h)
	}
	for i := 0; i <= len(h)-n.min; {
		if n.prefixOf(h[i:]) {
			return true
		}
		if h[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRuneInString(h[i:])
			i += size
		}
	}
	return false
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// inASCII is in for an ASCII needle with a letter. It finds candidate
// positions eight bytes at a time: when the needle starts with a letter,
// OR-ing 0x20 into every byte maps both cases of it to the lower one (and
// no other byte to it); then the classic "has zero byte" test finds bytes
// equal to the first byte (with false positives, never false negatives). For needles starting with k or i, bytes >= 0x80 are candidates
// too (U+212A KELVIN SIGN and U+0130 lower to them). prefixOf confirms.
func (n *needle) inASCII(h string) bool {
	last := len(h) - n.min // last possible start
	c := n.s[0]
	fold := byte(0) // OR-ing 0x20 only folds case for a letter
	if 'a' <= c && c <= 'z' {
		fold = 0x20
	}
	pat, foldw := uint64(c)*lsb, uint64(fold)*lsb
	var high uint64
	if n.wide {
		high = msb
	}
	i := 0
	if len(h) >= 8 {
		p := unsafe.Pointer(unsafe.StringData(h))
		for ; i <= last && i+8 <= len(h); i += 8 {
			// An unaligned little-endian load; the loop stays inside h.
			w := *(*uint64)(unsafe.Add(p, i))
			x := (w | foldw) ^ pat
			m := (x - lsb) &^ x & msb
			m |= w & high
			for m != 0 {
				j := i + bits.TrailingZeros64(m)>>3
				if j > last {
					return false
				}
				if n.prefixOf(h[j:]) {
					return true
				}
				m &= m - 1
			}
		}
	}
	for ; i <= last; i++ {
		b := h[i]
		if b|fold == c || b >= 0x80 && n.wide {
			if n.prefixOf(h[i:]) {
				return true
			}
		}
	}
	return false
}

// prefixOf reports whether h starts with text that lowers to n.s.
func (n *needle) prefixOf(h string) bool {
	s := n.s
	j := 0
	for k := 0; k < len(s); {
		if j >= len(h) {
			return false
		}
		hb, nb := h[j], s[k]
		if hb < utf8.RuneSelf && nb < utf8.RuneSelf {
			if 'A' <= hb && hb <= 'Z' {
				hb += 'a' - 'A'
			}
			if hb != nb {
				return false
			}
			j++
			k++
			continue
		}
		hr, hn := utf8.DecodeRuneInString(h[j:])
		nr, nn := utf8.DecodeRuneInString(s[k:])
		if unicode.ToLower(hr) != nr {
			return false
		}
		j += hn
		k += nn
	}
	return true
}
