package binxml

import (
	"bytes"
	"fmt"
	"io"
	stdlog "log"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	evtx "github.com/0xrawsec/golang-evtx/evtx"
	utilslog "github.com/0xrawsec/golang-utils/log"

	"eventlens/model/core"
)

func init() {
	// golang-evtx logs through the standard logger; keep test output clean.
	utilslog.InitLogger(utilslog.LCritical)
	stdlog.SetOutput(io.Discard)
}

// goChunk fetches the chunk at off with golang-evtx, recovering its panics.
func goChunk(ef *evtx.File, off int64) (c evtx.Chunk, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return ef.FetchChunk(off)
}

// goEvent decodes the record at off with golang-evtx, recovering its panics.
func goEvent(c *evtx.Chunk, off int) (m *evtx.GoEvtxMap, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	ev := c.ParseEvent(int64(off))
	m, err = ev.GoEvtxMap(c)
	if err == nil && m == nil {
		err = fmt.Errorf("no event")
	}
	return m, err
}

func goNew(data []byte) (ef evtx.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return evtx.New(bytes.NewReader(data))
}

// goGet returns the element at path in m, or nil.
func goGet(m *evtx.GoEvtxMap, path string) any {
	p := evtx.Path(path)
	e, err := m.Get(&p)
	if err != nil || e == nil {
		return nil
	}
	return *e
}

// goStr renders a golang-evtx value as text for comparison.
func goStr(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte: // AnsiString
		if i := bytes.IndexByte(x, 0); i >= 0 {
			x = x[:i]
		}
		return string(x)
	case []string:
		return strings.Join(x, ",")
	case evtx.UTCTime:
		return time.Time(x).UTC().Format(time.RFC3339Nano)
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = fmt.Sprint(rv.Index(i).Interface())
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

// diffKind names a systematic difference between golang-evtx's rendering
// and ours (Windows's) that the differential test normalises.
type diffKind string

const (
	sameText    diffKind = "identical"
	diffNumber  diffKind = "hex padding (golang-evtx pads HexInt32 to 4 and HexInt64 to 8 digits)"
	diffGUID    diffKind = "GUID braces (golang-evtx drops them)"
	diffTime    diffKind = "time format (golang-evtx: Go time / unpadded SYSTEMTIME)"
	diffFloat   diffKind = "float format (golang-evtx: %f)"
	diffBool    diffKind = "bool other than 0/1 (golang-evtx: false, Windows: true)"
	diffNUL     diffKind = "text after an embedded NUL (golang-evtx keeps it)"
	diffSpace   diffKind = "surrounding whitespace"
	diffUnknown diffKind = "MISMATCH"
)

var sysTimeRe = func(s string) (time.Time, bool) {
	var y, mo, d, h, mi, sec, ms int
	if _, err := fmt.Sscanf(s, "%d-%d-%dT%d:%d:%d.%dZ", &y, &mo, &d, &h, &mi, &sec, &ms); err != nil {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, h, mi, sec, ms*1e6, time.UTC), true
}

// compareValue classifies the difference between golang-evtx's value and
// ours.
func compareValue(theirs any, ours string) diffKind {
	ts := goStr(theirs)
	if ts == ours {
		return sameText
	}
	if strings.TrimSpace(ts) == strings.TrimSpace(ours) {
		return diffSpace
	}
	if i := strings.IndexByte(ts, 0); i >= 0 && ts[:i] == ours {
		return diffNUL
	}
	if strings.HasPrefix(ts, "0x") && strings.HasPrefix(ours, "0x") {
		a, e1 := strconv.ParseUint(ts[2:], 16, 64)
		b, e2 := strconv.ParseUint(ours[2:], 16, 64)
		if e1 == nil && e2 == nil && a == b {
			return diffNumber
		}
	}
	if strings.EqualFold("{"+ts+"}", ours) {
		return diffGUID
	}
	if ot, err := time.Parse(time.RFC3339Nano, ours); err == nil {
		if tt, ok := theirs.(evtx.UTCTime); ok && time.Time(tt).Equal(ot) {
			return diffTime
		}
		if tt, ok := theirs.(time.Time); ok && tt.Equal(ot) {
			return diffTime
		}
		if tt, ok := sysTimeRe(ts); ok && tt.Equal(ot) {
			return diffTime
		}
	}
	if a, e1 := strconv.ParseFloat(ts, 64); e1 == nil {
		if b, e2 := strconv.ParseFloat(ours, 64); e2 == nil && math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) {
			return diffFloat
		}
	}
	if ts == "false" && ours == "true" {
		return diffBool
	}
	return diffUnknown
}

type diffStats struct {
	both, oursOnly, goOnly, neither int
	fieldMismatch                   map[string]int
	kinds                           map[diffKind]int
	examples                        []string
}

func (d *diffStats) mismatch(field, detail string) {
	d.fieldMismatch[field]++
	if len(d.examples) < 10 {
		d.examples = append(d.examples, field+": "+detail)
	}
}

// TestDifferentialGolangEvtx decodes every record of every corpus file with
// this package and with golang-evtx's chunk API and compares the records
// both decode, field by field.
func TestDifferentialGolangEvtx(t *testing.T) {
	dir := corpusDir(t)
	total := map[diffKind]int{}
	for _, m := range readManifest(t, dir) {
		t.Run(m.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, m.file))
			if err != nil {
				t.Fatal(err)
			}
			if testing.Short() && len(data) > 4<<20 {
				t.Skipf("%d bytes: compared in long mode only (golang-evtx needs seconds for it)", len(data))
			}
			st := diffStats{fieldMismatch: map[string]int{}, kinds: map[diffKind]int{}}
			ef, gerr := goNew(data)
			var c Chunk
			ScanFile(bytes.NewReader(data), int64(len(data)), func(idx int, off int64, buf []byte) bool {
				if c.Reset(buf) != nil {
					return true
				}
				var gc evtx.Chunk
				cerr := gerr
				if cerr == nil {
					gc, cerr = goChunk(&ef, off)
				}
				c.Records(func(ref RecordRef) bool {
					if ref.Err != nil {
						return true
					}
					var ev core.Event
					oerr := c.Decode(ref, &ev)
					var gm *evtx.GoEvtxMap
					gerr := cerr
					if gerr == nil {
						gm, gerr = goEvent(&gc, ref.Offset)
					}
					switch {
					case oerr == nil && gerr == nil:
						st.both++
						compareEvent(&st, &ev, gm)
					case oerr == nil:
						st.oursOnly++
					case gerr == nil:
						st.goOnly++
						st.mismatch("decode", fmt.Sprintf("record %d: only golang-evtx decodes it; ours: %v", ref.ID, oerr))
					default:
						st.neither++
					}
					return true
				})
				return true
			})
			t.Logf("%s: both %d, only ours %d, only golang-evtx %d, neither %d", m.file, st.both, st.oursOnly, st.goOnly, st.neither)
			keys := make([]string, 0, len(st.kinds))
			for k, n := range st.kinds {
				total[k] += n
				keys = append(keys, fmt.Sprintf("%s: %d", k, n))
			}
			sort.Strings(keys)
			t.Logf("  EventData values: %s", strings.Join(keys, "; "))
			for f, n := range st.fieldMismatch {
				t.Errorf("  %s differs on %d records", f, n)
			}
			for _, e := range st.examples {
				t.Logf("  e.g. %s", e)
			}
		})
	}
	t.Logf("all files, EventData value comparisons: %v", total)
}

func compareEvent(st *diffStats, ev *core.Event, gm *evtx.GoEvtxMap) {
	id := fmt.Sprintf("record %d", ev.RecordID)
	if got := goStr(goGet(gm, "/Event/System/EventRecordID")); got != strconv.FormatUint(ev.RecordID, 10) {
		st.mismatch("EventRecordID", fmt.Sprintf("%s: golang-evtx %q", id, got))
	}
	eid := goGet(gm, "/Event/System/EventID")
	if mm, ok := eid.(evtx.GoEvtxMap); ok { // EventID with Qualifiers comes back as a map
		eid = mm["Value"]
		if q := goStr(mm["Qualifiers"]); q != strconv.Itoa(int(ev.Qualifiers)) || !ev.HasQualifiers {
			st.mismatch("Qualifiers", fmt.Sprintf("%s: golang-evtx %q, ours %d (%v)", id, q, ev.Qualifiers, ev.HasQualifiers))
		}
	}
	if got := goStr(eid); got != strconv.Itoa(int(ev.EventID)) {
		st.mismatch("EventID", fmt.Sprintf("%s: golang-evtx %q, ours %d", id, got, ev.EventID))
	}
	if tc, ok := goGet(gm, "/Event/System/TimeCreated/SystemTime").(evtx.UTCTime); !ok || !time.Time(tc).Equal(ev.Time) {
		st.mismatch("TimeCreated", fmt.Sprintf("%s: golang-evtx %v, ours %v", id, goGet(gm, "/Event/System/TimeCreated/SystemTime"), ev.Time))
	}
	// A <Provider Name="X"/> without other attributes comes back as key X.
	prov := goStr(goGet(gm, "/Event/System/Provider/Name"))
	if prov == "" {
		if pm, ok := goGet(gm, "/Event/System").(evtx.GoEvtxMap); ok {
			if _, ok := pm[ev.Provider]; ok {
				prov = ev.Provider
			}
		}
	}
	if prov != ev.Provider {
		st.mismatch("Provider", fmt.Sprintf("%s: golang-evtx %q, ours %q", id, prov, ev.Provider))
	}
	for _, f := range []struct{ path, ours string }{
		{"/Event/System/Channel", ev.Channel},
		{"/Event/System/Computer", ev.Computer},
		{"/Event/System/Level", strconv.Itoa(int(ev.Level))},
	} {
		if got := goStr(goGet(gm, f.path)); got != f.ours {
			st.mismatch(f.path, fmt.Sprintf("%s: golang-evtx %q, ours %q", id, got, f.ours))
		}
	}
	compareEventData(st, id, ev, gm)
}

// compareEventData compares EventData name→value pairs. golang-evtx keeps
// them in a map: named items under their name, unnamed ones under "Data",
// "Data1", ... (element name plus position), a nameless <Data/> as "".
func compareEventData(st *diffStats, id string, ev *core.Event, gm *evtx.GoEvtxMap) {
	gd, _ := goGet(gm, "/Event/EventData").(evtx.GoEvtxMap)
	if gd == nil {
		if v := goGet(gm, "/Event/EventData"); v != nil && len(ev.Data) == 1 {
			st.kinds[compareValue(v, ev.Data[0].Value)]++
		}
		return
	}
	named := map[string]string{}
	var unnamed []string
	for _, d := range ev.Data {
		if d.Name == "" {
			if d.Value != "" { // golang-evtx drops empty unnamed <Data/>
				unnamed = append(unnamed, d.Value)
			}
		} else {
			named[d.Name] = d.Value
		}
	}
	var theirsUnnamed []any
	{
		// An array value: golang-evtx gives its items as one list.
		if v, ok := gd["Data"]; ok {
			if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8 {
				for i := 0; i < rv.Len(); i++ {
					theirsUnnamed = append(theirsUnnamed, rv.Index(i).Interface())
				}
				delete(gd, "Data")
			}
		}
	}
	for k, v := range gd {
		if k == "xmlns" || k == "Binary" || k == "Name" && named["Name"] == "" {
			continue // attributes of <EventData> itself are not Data items
		}
		ours, ok := named[k]
		if !ok {
			if strings.HasPrefix(k, "Data") {
				if goStr(v) != "" {
					theirsUnnamed = append(theirsUnnamed, v)
				}
				continue
			}
			if _, isMap := v.(evtx.GoEvtxMap); isMap {
				continue // nested BinXml value: structure, not text
			}
			st.mismatch("EventData name", fmt.Sprintf("%s: golang-evtx has %q=%q, ours does not", id, k, goStr(v)))
			continue
		}
		kind := compareValue(v, ours)
		st.kinds[kind]++
		if kind == diffUnknown {
			st.mismatch("EventData value", fmt.Sprintf("%s: %s: golang-evtx %q, ours %q", id, k, goStr(v), ours))
		}
	}

	// Map order is lost: compare as multisets of text.
	var ts []string
	for _, v := range theirsUnnamed {
		if x := goStr(v); x != "" {
			ts = append(ts, x)
		}
	}
	if len(ts) != len(unnamed) {
		st.mismatch("EventData unnamed", fmt.Sprintf("%s: golang-evtx %q, ours %q", id, ts, unnamed))
		return
	}
	sort.Strings(ts)
	os := append([]string(nil), unnamed...)
	sort.Strings(os)
	for i := range ts {
		kind := compareValue(ts[i], os[i])
		st.kinds[kind]++
		if kind == diffUnknown {
			st.mismatch("EventData unnamed value", fmt.Sprintf("%s: golang-evtx %q, ours %q", id, ts[i], os[i]))
		}
	}
}
