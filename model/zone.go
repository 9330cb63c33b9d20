package model

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"eventlens/model/evtext"
)

// ParseZone reads a --tz value: an IANA zone name ("Asia/Tokyo"), "UTC"
// (or "Z"), "Local", or a fixed offset from UTC ("+09:00", "-0530", "+9").
func ParseZone(s string) (*time.Location, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "":
		return nil, errors.New("empty time zone")
	case "utc", "z", "gmt":
		return time.UTC, nil
	case "local":
		return time.Local, nil
	}
	if s[0] == '+' || s[0] == '-' {
		if off, ok := parseOffset(s[1:]); ok {
			if s[0] == '-' {
				off = -off
			}
			return time.FixedZone(formatOffset(off), off), nil
		}
		return nil, fmt.Errorf("time zone %q: want an offset like +09:00", s)
	}
	loc, err := time.LoadLocation(s)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q: want an IANA name like Asia/Tokyo, an offset like +09:00, or UTC", s)
	}
	return loc, nil
}

// parseOffset reads "9", "09", "0900" or "09:00" as seconds, up to 14 hours.
func parseOffset(s string) (int, bool) {
	h, m, colon := s, "0", false
	if i := strings.IndexByte(s, ':'); i >= 0 {
		h, m, colon = s[:i], s[i+1:], true
	} else if len(s) == 4 {
		h, m = s[:2], s[2:]
	}
	if h == "" || len(h) > 2 || colon && len(m) != 2 {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh > 14 || mm > 59 || hh < 0 || mm < 0 {
		return 0, false
	}
	return hh*3600 + mm*60, true
}

func formatOffset(off int) string {
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/3600, off/60%60)
}

// ZoneName names loc for people: its IANA name, "UTC", a fixed offset
// ("+09:00"), or for the machine's local zone the name the system gives it
// (TZ, or the /etc/localtime link); "" when the system names none.
func ZoneName(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	if loc != time.Local {
		return loc.String()
	}
	name := os.Getenv("TZ")
	if name == "" {
		if t, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
			if _, after, ok := strings.Cut(t, "zoneinfo/"); ok {
				name = after
			}
		}
	}
	name = strings.TrimPrefix(name, ":")
	if name == "Local" {
		return ""
	}
	return name
}

// ZoneOffsets collects the offsets from UTC in effect, in one zone, at the
// times of a file's events: a file that spans a DST change has two.
type ZoneOffsets struct {
	loc  *time.Location
	offs []int // seconds east of UTC, ascending, distinct
}

// NewZoneOffsets returns an empty collection for times read in loc.
func NewZoneOffsets(loc *time.Location) *ZoneOffsets { return &ZoneOffsets{loc: loc} }

// Add notes the offsets in effect at the times of evs.
func (z *ZoneOffsets) Add(evs []Event) {
	if z == nil || z.loc == nil {
		return
	}
	for i := range evs {
		_, off := evs[i].Time.In(z.loc).Zone()
		if i, found := slices.BinarySearch(z.offs, off); !found {
			z.offs = slices.Insert(z.offs, i, off)
		}
	}
}

// ZoneLabel names the zone times were read in together with the offsets
// from UTC in effect over them: "Europe/Amsterdam UTC+01:00/+02:00",
// "Asia/Tokyo UTC+09:00", "UTC+09:00" for a fixed offset. Without offsets
// (no events) it is the name alone; never an offset that was not in effect.
func ZoneLabel(loc *time.Location, offs []int) string {
	name := ZoneName(loc)
	if len(offs) == 0 {
		if name == "" && loc != nil {
			return "local"
		}
		return name
	}
	if (name == "UTC" || name == "") && len(offs) == 1 && offs[0] == 0 {
		return "UTC"
	}
	parts := make([]string, len(offs))
	for i, off := range offs {
		parts[i] = formatOffset(off)
	}
	utc := "UTC" + strings.Join(parts, "/")
	if name == "" || name == "UTC" || name == parts[0] && len(parts) == 1 {
		return utc
	}
	return name + " " + utc
}

// ZoneAbbrev is the short name of loc for a column title: "JST", "UTC",
// "+09:00", or for a zone with summer time both names, standard first
// ("CET/CEST"), as the times under it may be in either; never only today's.
func ZoneAbbrev(loc *time.Location) string {
	if loc == nil {
		loc = time.Local
	}
	year := time.Now().Year()
	std, stdOff := time.Date(year, time.January, 1, 12, 0, 0, 0, loc).Zone()
	dst, dstOff := time.Date(year, time.July, 1, 12, 0, 0, 0, loc).Zone()
	switch {
	case std == dst:
		return std
	case dstOff < stdOff: // southern hemisphere: summer time in January
		std, dst = dst, std
	}
	return std + "/" + dst
}

// ZoneKey identifies loc's rules, for caches of times read in it: two
// zones with one key read every wall-clock time the same.
func ZoneKey(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	if loc != time.Local {
		return loc.String()
	}
	// The local zone is "Local" whatever it is: name it by its offsets
	// over a year, which DST rules change.
	var b strings.Builder
	b.WriteString("Local")
	for m := time.January; m <= time.December; m++ {
		_, off := time.Date(2011, m, 1, 12, 0, 0, 0, loc).Zone()
		b.WriteString(" " + strconv.Itoa(off))
	}
	return b.String()
}

// ZoneLess reports whether a file of this format (FileReport.Format) holds
// times without a zone, which are read in LoadOptions.Location.
func ZoneLess(format string) bool {
	return format == evtext.FormatCSV || format == evtext.FormatTXT
}

// NoteZone records in rep the zone its zone-less times were read in, with
// the offsets in effect over its events (offs), and whether that zone is
// this machine's own rather than one given by --tz.
func NoteZone(rep *FileReport, loc *time.Location, offs *ZoneOffsets) {
	if loc == nil || !ZoneLess(rep.Format) {
		return
	}
	var o []int
	if offs != nil {
		o = offs.offs
	}
	rep.Zone = ZoneLabel(loc, o)
	rep.ZoneLocal = loc == time.Local
}
