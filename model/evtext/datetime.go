package evtext

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// dateOrder is the order of day, month and year in a short date.
type dateOrder uint8

const (
	orderUnknown dateOrder = iota
	orderYMD               // ja-JP 2011/06/01, ISO 2011-06-01
	orderDMY               // en-GB 01/06/2011, nl-NL 1-6-2011, de-DE 01.06.2011
	orderMDY               // en-US 6/1/2011
)

// stamp is a date and time as written in an export, split into numbers but
// not yet interpreted: whether 01/06 is January or June depends on the
// export's culture, which Read learns from the whole file.
type stamp struct {
	d       [3]int // the three date numbers in written order
	yearPos int    // index in d of a four-digit number, -1 if none
	sep     byte   // date separator: '/', '-' or '.'
	hour    int
	min     int
	sec     int
	nsec    int
	ampm    byte // 0 for a 24-hour clock, 'a' or 'p'
}

// order returns the date order the stamp itself proves, or orderUnknown when
// it could be read either as day/month or as month/day.
func (s *stamp) order() dateOrder {
	switch {
	case s.yearPos == 0:
		return orderYMD
	case s.sep == '.' || s.sep == '-':
		return orderDMY // no culture writes month-first with dots or hyphens
	case s.d[0] > 12:
		return orderDMY
	case s.d[1] > 12:
		return orderMDY
	}
	return orderUnknown
}

// time interprets the stamp in the given order. It reports false for a date
// or time that does not exist (31 June, 25:00).
func (s *stamp) time(o dateOrder, loc *time.Location) (time.Time, bool) {
	var y, m, d int
	switch o {
	case orderYMD:
		y, m, d = s.d[0], s.d[1], s.d[2]
	case orderMDY:
		m, d, y = s.d[0], s.d[1], s.d[2]
	default:
		d, m, y = s.d[0], s.d[1], s.d[2]
	}
	if y < 100 && (o != orderYMD || s.yearPos < 0) {
		// Two-digit years, read as Windows does by default (1930–2029).
		if y < 30 {
			y += 2000
		} else {
			y += 1900
		}
	}
	h := s.hour
	switch s.ampm {
	case 'a', 'p':
		if h < 1 || h > 12 {
			return time.Time{}, false
		}
		h %= 12
		if s.ampm == 'p' {
			h += 12
		}
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || h > 23 || s.min > 59 || s.sec > 59 {
		return time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(y, time.Month(m), d, h, s.min, s.sec, s.nsec, loc).UTC(), true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ampmMarkers are the 12-hour clock designators of the cultures we meet,
// folded by normName.
var ampmMarkers = map[string]byte{
	"am": 'a', "pm": 'p', "午前": 'a', "午後": 'p', "vm": 'a', "nm": 'p',
}

// parseStamp splits a Date and Time value such as "6/1/2011 10:15:30 AM",
// "2011/06/01 10:15:30", "1-6-2011 10:15:30" or "午後 1:15:30". Invisible
// format characters (the direction marks some cultures put into dates) are
// ignored.
func parseStamp(v string) (stamp, bool) {
	var s stamp
	plain := true
	for i := 0; i < len(v); i++ {
		if c := v[i]; c >= utf8.RuneSelf || c < ' ' {
			plain = false
			break
		}
	}
	if !plain {
		v = strings.Map(func(r rune) rune {
			switch {
			case unicode.Is(unicode.Cf, r):
				return -1
			case unicode.IsSpace(r):
				return ' '
			}
			return r
		}, v)
	}
	parts := strings.Fields(v)
	var datePart, timePart string
	for _, p := range parts {
		switch {
		case ampmMarkers[normName(p)] != 0:
			if s.ampm != 0 {
				return s, false
			}
			s.ampm = ampmMarkers[normName(p)]
		case datePart == "" && strings.ContainsAny(p, "/-."):
			datePart = p
		case timePart == "" && strings.Contains(p, ":"):
			// A designator glued to the time, as in "10:15:30AM".
			for m, ap := range ampmMarkers {
				if len(p) > len(m) && strings.EqualFold(p[len(p)-len(m):], m) && s.ampm == 0 {
					p, s.ampm = p[:len(p)-len(m)], ap
					break
				}
			}
			timePart = p
		default:
			return s, false
		}
	}
	if datePart == "" || timePart == "" {
		return s, false
	}
	// Date: three numbers with one separator.
	s.sep = datePart[strings.IndexAny(datePart, "/-.")]
	ds := strings.Split(datePart, string(s.sep))
	if len(ds) != 3 {
		return s, false
	}
	s.yearPos = -1
	for i, f := range ds {
		n, digits, ok := atoi(f, 4)
		if !ok {
			return s, false
		}
		s.d[i] = n
		if digits == 4 {
			if s.yearPos >= 0 || i == 1 {
				return s, false
			}
			s.yearPos = i
		}
	}
	// Time: h:mm, h:mm:ss or h:mm:ss.fffffff.
	ts := strings.Split(timePart, ":")
	if len(ts) < 2 || len(ts) > 3 {
		return s, false
	}
	var ok bool
	if s.hour, _, ok = atoi(ts[0], 2); !ok {
		return s, false
	}
	if s.min, _, ok = atoi(ts[1], 2); !ok {
		return s, false
	}
	if len(ts) == 3 {
		sec, frac, _ := strings.Cut(ts[2], ".")
		if s.sec, _, ok = atoi(sec, 2); !ok {
			return s, false
		}
		if frac != "" {
			n, digits, ok := atoi(frac, 9)
			if !ok {
				return s, false
			}
			for ; digits < 9; digits++ {
				n *= 10
			}
			s.nsec = n
		}
	}
	return s, true
}

// atoi parses 1 to max ASCII digits and returns the value and digit count.
func atoi(s string, max int) (n, digits int, ok bool) {
	if len(s) == 0 || len(s) > max {
		return 0, 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s), true
}
