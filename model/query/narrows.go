package query

import "strings"

// Narrows reports whether every event that matches q also matches prev, so
// that Narrow(s, q, Select(s, prev, nil), dst) equals Select(s, q, dst). It
// is conservative: false means "not proven", and the caller runs Select.
//
// Typing more text does not always narrow: "id:2" → "id:26" selects other
// events, "-foo" → "-foob" selects more. Narrows knows the cases that do:
// every term of prev is implied by some term of q, where a word or
// substring term is implied by the same kind of term whose text contains
// it (a negated one by one whose text it contains), a list by a sub-list,
// and a time bound by a tighter one.
func (q *Query) Narrows(prev *Query) bool {
	if prev.Empty() {
		return true
	}
	if q.Empty() {
		return false
	}
	for i := range prev.terms {
		p := &prev.terms[i]
		implied := false
		for j := range q.terms {
			if implies(&q.terms[j], p) {
				implied = true
				break
			}
		}
		if !implied {
			return false
		}
	}
	return true
}

// implies reports whether an event matching a surely matches b.
func implies(a, b *term) bool {
	if a.kind != b.kind || a.neg != b.neg {
		return false
	}
	switch a.kind {
	case kWord, kSrc, kChannel, kHost, kCat, kData:
		if a.kind == kData && a.name != b.name {
			return false
		}
		if a.neg {
			return strings.Contains(b.n.s, a.n.s)
		}
		return strings.Contains(a.n.s, b.n.s)
	case kID:
		inner, outer := a.ids, b.ids // a's IDs must all be b's
		if a.neg {
			inner, outer = outer, inner // b's excluded IDs must all be a's
		}
		for _, r := range inner {
			covered := false
			for _, s := range outer {
				if s.lo <= r.lo && r.hi <= s.hi {
					covered = true
					break
				}
			}
			if !covered {
				return false
			}
		}
		return true
	case kVM:
		// A longer name still contains the shorter; a longer ID prefix
		// implies a shorter one only from 4 characters, where vm: starts
		// to read IDs.
		return a.n.s == b.n.s || !a.neg && len(b.n.s) >= 4 && strings.HasPrefix(a.n.s, b.n.s)
	case kLevel:
		for i := range a.levels {
			if a.neg && b.levels[i]&^a.levels[i] != 0 || !a.neg && a.levels[i]&^b.levels[i] != 0 {
				return false
			}
		}
		return true
	case kClass:
		if a.neg {
			return b.class&^a.class == 0
		}
		return a.class&^b.class == 0
	case kAfter:
		return !a.neg && !a.at.Before(b.at) || a.neg && !b.at.Before(a.at)
	case kBefore:
		return !a.neg && !b.at.Before(a.at) || a.neg && !a.at.Before(b.at)
	}
	return false
}
