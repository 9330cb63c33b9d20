package query

import (
	"fmt"
	"strings"
	"time"
)

// Editing a query by term, for the viewer's quick filters ("only this
// source", "hide this class"). Each edit returns the text of the new query:
// the terms it keeps read exactly as the user wrote them, and terms are
// compared in canonical form, so "Class:Harmless" and "class:harmless" are
// the same term.

// Terms returns the text of each term of q as written.
func (q *Query) Terms() []string {
	if q == nil {
		return nil
	}
	out := make([]string, len(q.terms))
	for i := range q.terms {
		out[i] = q.terms[i].raw
	}
	return out
}

// Term returns the text of a field term key:value, quoting value when it
// would not read back as one value. Negated when exclude is set.
func Term(key, value string, exclude bool) string {
	t := key + ":" + quoteValue(value)
	if exclude {
		return "-" + t
	}
	return t
}

// With returns q's text with the field term key:value, or its negation when
// exclude is set. An include replaces an earlier include of the same field
// (an event has one value for it); the term itself or its opposite is
// replaced wherever it is.
func (q *Query) With(key, value string, exclude bool) (string, error) {
	nt, err := q.parseTerm(Term(key, value, exclude))
	if err != nil {
		return "", err
	}
	same, opposite := canon(nt, false), canon(nt, true)
	return q.rewrite(func(t *term) bool {
		c := canon(t, false)
		if c == same || c == opposite {
			return false
		}
		return exclude || t.neg || !sameField(t, nt)
	}, nt.raw), nil
}

// Toggle returns q's text without term when q has it, else with it added.
func (q *Query) Toggle(termText string) (string, error) {
	nt, err := q.parseTerm(termText)
	if err != nil {
		return "", err
	}
	if !q.Has(termText) {
		return q.rewrite(func(*term) bool { return true }, nt.raw), nil
	}
	c := canon(nt, false)
	return q.rewrite(func(t *term) bool { return canon(t, false) != c }, ""), nil
}

// Has reports whether q has the term written as termText.
func (q *Query) Has(termText string) bool {
	nt, err := q.parseTerm(termText)
	if err != nil || q == nil {
		return false
	}
	c := canon(nt, false)
	for i := range q.terms {
		if canon(&q.terms[i], false) == c {
			return true
		}
	}
	return false
}

// Without returns q's text without its terms on field key: the negated
// ones when neg is set, else the others.
func (q *Query) Without(key string, neg bool) string {
	k, ok := keys[strings.ToLower(key)]
	return q.rewrite(func(t *term) bool { return !ok || t.kind != k || t.neg != neg }, "")
}

// rewrite joins the terms of q that keep accepts, and then extra.
func (q *Query) rewrite(keep func(*term) bool, extra string) string {
	var parts []string
	if q != nil {
		for i := range q.terms {
			if keep(&q.terms[i]) {
				parts = append(parts, q.terms[i].raw)
			}
		}
	}
	if extra != "" {
		parts = append(parts, extra)
	}
	return strings.Join(parts, " ")
}

// parseTerm parses one term with q's clock.
func (q *Query) parseTerm(text string) (*term, error) {
	p, err := Parse(text, q.clock())
	if err != nil {
		return nil, err
	}
	if len(p.terms) != 1 {
		return nil, fmt.Errorf("%q is not one term", text)
	}
	return &p.terms[0], nil
}

func (q *Query) clock() (now time.Time) {
	if q != nil {
		now = q.now
	}
	return now
}

// canon is t's canonical text, negated when flip is set.
func canon(t *term, flip bool) string {
	c := *t
	c.neg = t.neg != flip
	var b strings.Builder
	c.write(&b)
	return b.String()
}

// sameField reports whether a and b test the same field.
func sameField(a, b *term) bool {
	return a.kind == b.kind && a.kind != kWord && (a.kind != kData || a.name == b.name)
}
