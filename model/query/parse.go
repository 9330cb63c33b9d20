package query

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"eventlens/i18n/reason"
	"eventlens/model"
)

// Parse parses a query. now anchors relative times ("after:-24h"), and its
// location is the time zone of dates and date-times written without an
// offset: every caller passes Clock(now, zone) with the zone times are shown
// in (--tz), so that a time typed in a query means what the same time shown
// in the list means.
//
// Grammar: terms separated by white space. A term is
//
//	word            bare word: substring of any searched field
//	"a phrase"      quoted: may hold spaces; \" and \\ escape
//	key:value       field term; value may be "quoted"
//	-term           negation of any of the above
//
// Keys (case-insensitive): id, level, class (comma lists), src, ch, host,
// cat, data.NAME (substrings), after, before (times), vm (a VM's name or
// the start of its ID; see WithVMs). A token whose text
// before ':' looks like a key but is not one is an error; quote text that
// contains a colon ("c:\windows").
func Parse(src string, now time.Time) (*Query, error) {
	p := parser{src: src, now: now}
	q := &Query{now: now}
	for {
		p.skipSpace()
		if p.i >= len(p.src) {
			break
		}
		start := p.i
		t, err := p.term()
		if err != nil {
			return nil, err
		}
		t.raw = p.src[start:p.i]
		q.terms = append(q.terms, t)
	}
	q.eval = slices.Clone(q.terms)
	slices.SortStableFunc(q.eval, func(a, b term) int { return int(a.kind) - int(b.kind) })
	return q, nil
}

// Clock is the clock queries are parsed with (Parse's now): the moment now
// in loc, the zone times are shown in; nil means this machine's zone.
func Clock(now time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.Local
	}
	return now.In(loc)
}

// MustParse is Parse for queries known to be valid; it panics on error.
func MustParse(src string, now time.Time) *Query {
	q, err := Parse(src, now)
	if err != nil {
		panic(err)
	}
	return q
}

type parser struct {
	src string
	i   int
	now time.Time
}

func (p *parser) errf(pos int, k reason.Kind, args ...string) error {
	return &Error{Pos: pos, Col: utf8.RuneCountInString(p.src[:pos]) + 1, Reason: reason.New(k, args...)}
}

func (p *parser) skipSpace() {
	for p.i < len(p.src) {
		r, n := utf8.DecodeRuneInString(p.src[p.i:])
		if !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

// atSpace reports whether p is at the end or at white space.
func (p *parser) atSpace() bool {
	if p.i >= len(p.src) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.i:])
	return unicode.IsSpace(r)
}

// bare reads up to the next white space.
func (p *parser) bare() string {
	start := p.i
	for !p.atSpace() {
		_, n := utf8.DecodeRuneInString(p.src[p.i:])
		p.i += n
	}
	return p.src[start:p.i]
}

// quoted reads a "quoted string" starting at p.i.
func (p *parser) quoted() (string, error) {
	start := p.i
	p.i++ // opening quote
	var b strings.Builder
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '"':
			p.i++
			if !p.atSpace() {
				return "", p.errf(p.i, reason.QuoteNoSpace)
			}
			return b.String(), nil
		case c == '\\' && p.i+1 < len(p.src) && (p.src[p.i+1] == '"' || p.src[p.i+1] == '\\'):
			b.WriteByte(p.src[p.i+1])
			p.i += 2
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	return "", p.errf(start, reason.QuoteOpen)
}

// value reads a field value, quoted or bare.
func (p *parser) value() (string, error) {
	if p.i < len(p.src) && p.src[p.i] == '"' {
		return p.quoted()
	}
	return p.bare(), nil
}

func isKeyChar(c byte, first bool) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || !first && ('0' <= c && c <= '9' || c == '_')
}

func (p *parser) term() (term, error) {
	start := p.i
	var t term
	if p.src[p.i] == '-' {
		p.i++
		if p.atSpace() {
			return t, p.errf(start, reason.ExcludeNothing)
		}
		t.neg = true
	}
	if p.src[p.i] == '"' {
		s, err := p.quoted()
		if err != nil {
			return t, err
		}
		t.kind, t.n = kWord, newNeedle(s)
		return t, nil
	}

	// Is it key:value? Look for a key-shaped prefix followed by ':'.
	keyStart := p.i
	j := p.i
	for j < len(p.src) && isKeyChar(p.src[j], j == keyStart) {
		j++
	}
	key := strings.ToLower(p.src[keyStart:j])
	name := ""
	isData := false
	if key == "data" && j < len(p.src) && p.src[j] == '.' {
		isData = true
		k := j + 1
		for k < len(p.src) && p.src[k] != ':' && p.src[k] != '"' {
			r, n := utf8.DecodeRuneInString(p.src[k:])
			if unicode.IsSpace(r) {
				break
			}
			k += n
		}
		name, j = p.src[j+1:k], k
	}
	if j == keyStart || j >= len(p.src) || p.src[j] != ':' {
		// A bare word.
		w := p.bare()
		t.kind, t.n = kWord, newNeedle(w)
		return t, nil
	}
	p.i = j + 1
	valPos := p.i
	val, err := p.value()
	if err != nil {
		return t, err
	}
	if isData {
		if name == "" {
			return t, p.errf(keyStart, reason.DataNoName)
		}
		t.kind, t.name, t.n = kData, strings.ToLower(name), newNeedle(val)
		return t, nil
	}
	k, ok := keys[key]
	if !ok {
		return t, p.errf(keyStart, reason.UnknownField, strconv.Quote(p.src[keyStart:j]))
	}
	t.kind = k
	if val == "" {
		return t, p.errf(valPos, reason.NoValue, key)
	}
	switch k {
	case kID:
		err = p.ids(&t, val, valPos)
	case kLevel:
		err = p.levels(&t, val, valPos)
	case kClass:
		err = p.classes(&t, val, valPos)
	case kAfter, kBefore:
		err = p.time(&t, val, valPos)
	default:
		t.n = newNeedle(val)
	}
	return t, err
}

// items splits a comma list, calling f with each item and its position.
func items(val string, pos int, f func(item string, pos int) error) error {
	for {
		item, rest, more := strings.Cut(val, ",")
		if err := f(item, pos); err != nil {
			return err
		}
		if !more {
			return nil
		}
		pos += len(item) + 1
		val = rest
	}
}

func (p *parser) ids(t *term, val string, pos int) error {
	return items(val, pos, func(item string, pos int) error {
		lo, hi, isRange := strings.Cut(item, "-")
		a, err := strconv.ParseUint(lo, 10, 16)
		if err != nil {
			return p.errf(pos, reason.BadID, strconv.Quote(item))
		}
		b := a
		if isRange {
			b, err = strconv.ParseUint(hi, 10, 16)
			if err != nil || b < a {
				return p.errf(pos, reason.BadID, strconv.Quote(item))
			}
		}
		t.ids = append(t.ids, idRange{uint16(a), uint16(b)})
		return nil
	})
}

func (p *parser) levels(t *term, val string, pos int) error {
	return items(val, pos, func(item string, pos int) error {
		l, ok := model.ParseLevel(strings.ToLower(item))
		if !ok {
			return p.errf(pos, reason.BadLevel, strconv.Quote(item))
		}
		name := l.String()
		if _, err := strconv.Atoi(item); err == nil {
			name = strconv.Itoa(int(l)) // a number means exactly that level
		} else if l == model.LevelInformation {
			// Event Viewer shows level 0 (LogAlways) as Information too.
			t.levels[0] |= 1 << model.LevelLogAlways
		}
		t.levels[l>>6] |= 1 << (l & 63)
		if !slices.Contains(t.lnames, name) {
			t.lnames = append(t.lnames, name)
		}
		return nil
	})
}

func (p *parser) classes(t *term, val string, pos int) error {
	return items(val, pos, func(item string, pos int) error {
		item = strings.ToLower(item)
		c, ok := model.ParseClass(item)
		if !ok && item != "" {
			// Accept an unambiguous prefix: "known" for known-issue.
			n := 0
			for _, cc := range model.Classes {
				if strings.HasPrefix(cc.String(), item) {
					c, n = cc, n+1
				}
			}
			ok = n == 1
		}
		if !ok {
			return p.errf(pos, reason.BadClass, strconv.Quote(item))
		}
		t.class |= 1 << c
		if !slices.Contains(t.lnames, c.String()) {
			t.lnames = append(t.lnames, c.String())
		}
		return nil
	})
}

// Layouts accepted for absolute times without an offset, tried in order.
var localLayouts = []string{
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
}

func (p *parser) time(t *term, val string, pos int) error {
	key := keyNames[t.kind]
	if val[0] == '-' {
		d, ok := parseAgo(val[1:])
		if !ok {
			return p.errf(pos, reason.BadRelTime, key, strconv.Quote(val))
		}
		t.at = p.now.Add(-d)
		t.atText = "-" + val[1:]
		return nil
	}
	if tm, err := time.ParseInLocation("2006-01-02", val, p.now.Location()); err == nil {
		t.at, t.atText = tm, val
		return nil
	}
	if tm, err := time.Parse(time.RFC3339Nano, val); err == nil {
		t.at = tm
		t.atText = tm.Format(time.RFC3339Nano)
		return nil
	}
	for _, layout := range localLayouts {
		if tm, err := time.ParseInLocation(layout, val, p.now.Location()); err == nil {
			t.at = tm
			t.atText = tm.Format(time.RFC3339Nano)
			return nil
		}
	}
	return p.errf(pos, reason.BadTime, key, strconv.Quote(val))
}

// parseAgo parses a duration such as 30m, 24h, 7d or 2w (also s, and
// Go's combined forms like 1h30m).
func parseAgo(s string) (time.Duration, bool) {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	if n := len(s) - 1; s[n] == 'd' || s[n] == 'w' {
		v, err := strconv.ParseUint(s[:n], 10, 32)
		if err != nil {
			return 0, false
		}
		day := 24 * time.Hour
		if s[n] == 'w' {
			day *= 7
		}
		if v > uint64(200*365*24*time.Hour/day) {
			return 0, false
		}
		return time.Duration(v) * day, true
	}
	d, err := time.ParseDuration(s)
	return d, err == nil && d >= 0
}
