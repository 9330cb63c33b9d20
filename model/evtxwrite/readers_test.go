package evtxwrite

// Three independent readers of the files we write, each turned into the
// same comparable form (flat): golang-evtx through its chunk API, libevtx's
// evtxexport and python-evtx's evtx_dump.py through their XML output.

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	evtx "github.com/0xrawsec/golang-evtx/evtx"
	evtxlog "github.com/0xrawsec/golang-utils/log"

	"eventlens/model"
)

func init() {
	// golang-evtx logs parse problems through this logger; our tests
	// report differences themselves.
	evtxlog.InitLogger(evtxlog.LCritical)
}

// flat is an event as a reader shows it. System holds the System values as
// text, normalised so that readers agree on notation (Keywords as 0x%x,
// GUIDs upper-case without braces); absent values are missing keys.
type flat struct {
	System   map[string]string
	Time     time.Time
	Data     []model.Data // EventData children in order: Data, then Binary as Name "#Binary"
	UserData []model.Data // leaves as paths
	// For golang-evtx, which keeps EventData and UserData as maps.
	DataMap map[string]string
	UserMap map[string]any
	// Failed is set when the reader said it could not show the event.
	Failed bool
}

// expected is what a reader should show for e written as record id.
func expected(e *model.Event, id uint64, opts Options) flat {
	f := flat{System: map[string]string{}}
	set := func(k, v string) {
		if v != "" {
			f.System[k] = v
		}
	}
	set("EventRecordID", strconv.FormatUint(id, 10))
	set("Provider", e.Provider)
	set("Guid", normGUID(e.ProviderGUID))
	set("EventSourceName", e.EventSourceName)
	set("EventID", strconv.Itoa(int(e.EventID)))
	if e.HasQualifiers {
		set("Qualifiers", strconv.Itoa(int(e.Qualifiers)))
	}
	set("Version", strconv.Itoa(int(e.Version)))
	set("Level", strconv.Itoa(int(e.Level)))
	set("Task", strconv.Itoa(int(e.Task)))
	set("Opcode", strconv.Itoa(int(e.Opcode)))
	set("Keywords", fmt.Sprintf("0x%x", e.Keywords))
	set("ProcessID", strconv.FormatUint(uint64(e.ProcessID), 10))
	set("ThreadID", strconv.FormatUint(uint64(e.ThreadID), 10))
	ch := e.Channel
	if opts.Channel != "" {
		ch = opts.Channel
	}
	set("Channel", ch)
	set("Computer", e.Computer)
	set("UserID", e.UserSID)
	f.Time = e.Time.UTC().Truncate(100 * time.Nanosecond)
	f.Data = append(f.Data, e.Data...)
	if e.Binary != "" {
		b := e.Binary
		if _, err := hex.DecodeString(b); err == nil {
			b = strings.ToUpper(b)
		}
		f.Data = append(f.Data, model.Data{Name: "#Binary", Value: b})
	}
	f.UserData = append(f.UserData, e.UserData...)
	f.DataMap = golangDataMap(f.Data)
	f.UserMap = golangUserMap(e.UserData)
	return f
}

func normGUID(s string) string {
	return strings.ToUpper(strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}"))
}

// golangDataMap is EventData as golang-evtx's GoEvtxMap shows it: named
// Data by name (last wins), other children by element name, suffixed with
// their position when the name is taken.
func golangDataMap(data []model.Data) map[string]string {
	m := map[string]string{}
	for i, d := range data {
		switch {
		case d.Name == "#Binary":
			k := "Binary"
			if _, ok := m[k]; ok {
				k = fmt.Sprintf("Binary%d", i)
			}
			m[k] = d.Value
		case d.Name != "":
			m[d.Name] = d.Value
		default:
			k := "Data"
			if _, ok := m[k]; ok {
				k = fmt.Sprintf("Data%d", i)
			}
			m[k] = d.Value
		}
	}
	return m
}

// golangUserMap is UserData as golang-evtx shows it: nested maps, leaves
// as strings, repeated names suffixed with their position.
func golangUserMap(leaves []model.Data) map[string]any {
	type tn struct {
		name     string
		value    string
		leaf     bool
		children []*tn
	}
	root := &tn{}
	var open []*tn
	for _, d := range leaves {
		parts := strings.Split(d.Name, "/")
		dirs := parts[:len(parts)-1]
		k := 0
		for k < len(dirs) && k < len(open) && open[k].name == dirs[k] {
			k++
		}
		open = open[:k]
		for _, p := range dirs[k:] {
			parent := root
			if len(open) > 0 {
				parent = open[len(open)-1]
			}
			n := &tn{name: p}
			parent.children = append(parent.children, n)
			open = append(open, n)
		}
		parent := root
		if len(open) > 0 {
			parent = open[len(open)-1]
		}
		parent.children = append(parent.children, &tn{name: parts[len(parts)-1], value: d.Value, leaf: true})
	}
	var conv func(n *tn) map[string]any
	conv = func(n *tn) map[string]any {
		m := map[string]any{}
		for i, c := range n.children {
			k := c.name
			if _, ok := m[k]; ok {
				k = fmt.Sprintf("%s%d", k, i)
			}
			if c.leaf {
				m[k] = c.value
			} else {
				m[k] = conv(c)
			}
		}
		return m
	}
	return conv(root)
}

// ---- golang-evtx ----

// readGolang reads every record of the file with golang-evtx's chunk API.
// A record it cannot decode is an error.
func readGolang(t testing.TB, path string) ([]flat, []uint64) {
	t.Helper()
	ef, err := evtx.OpenDirty(path)
	if err != nil {
		t.Fatalf("golang-evtx: open %s: %v", path, err)
	}
	defer ef.Close()
	var out []flat
	var ids []uint64
	for i := 0; i < int(ef.Header.ChunkCount); i++ {
		c, err := ef.FetchChunk(int64(ef.Header.ChunkDataOffset) + int64(i)*evtx.ChunkSize)
		if err != nil {
			t.Fatalf("golang-evtx: chunk %d: %v", i, err)
		}
		for _, off := range c.EventOffsets {
			if int64(off) > int64(c.Header.OffsetLastRec) {
				continue
			}
			ev := c.ParseEvent(int64(off))
			m, err := goEvtxMap(ev, &c)
			if err != nil {
				t.Fatalf("golang-evtx: chunk %d record at %d: %v", i, off, err)
			}
			out = append(out, fromGolang(m))
			ids = append(ids, uint64(ev.Header.ID))
		}
	}
	return out, ids
}

// goEvtxMap turns golang-evtx's panics on bad input into errors.
func goEvtxMap(ev evtx.Event, c *evtx.Chunk) (m *evtx.GoEvtxMap, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	m, err = ev.GoEvtxMap(c)
	if err == nil && m == nil {
		err = fmt.Errorf("no event")
	}
	return m, err
}

func gostr(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case evtx.UTCTime:
		return time.Time(v).UTC().Format(time.RFC3339Nano)
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	case []string:
		return strings.Join(v, ",")
	}
	return fmt.Sprint(v)
}

func fromGolang(gm *evtx.GoEvtxMap) flat {
	f := flat{System: map[string]string{}}
	ev, _ := (*gm)["Event"].(evtx.GoEvtxMap)
	sys, _ := ev["System"].(evtx.GoEvtxMap)
	set := func(k string, v any) {
		if s := gostr(v); s != "" {
			f.System[k] = s
		}
	}
	known := map[string]bool{"Provider": true, "EventID": true, "Version": true, "Level": true, "Task": true, "Opcode": true,
		"Keywords": true, "TimeCreated": true, "EventRecordID": true, "Correlation": true, "Execution": true,
		"Channel": true, "Computer": true, "Security": true}
	for k, v := range sys {
		switch k {
		case "Provider":
			if p, ok := v.(evtx.GoEvtxMap); ok {
				set("Provider", p["Name"])
				set("Guid", p["Guid"])
				set("EventSourceName", p["EventSourceName"])
			}
		case "EventID":
			if p, ok := v.(evtx.GoEvtxMap); ok {
				set("EventID", p["Value"])
				set("Qualifiers", p["Qualifiers"])
			} else {
				set("EventID", v)
			}
		case "Version", "Level", "Task", "Opcode", "EventRecordID", "Channel", "Computer":
			set(k, v)
		case "Keywords":
			if s := gostr(v); s != "" {
				n, err := strconv.ParseUint(strings.TrimPrefix(s, "0x"), 16, 64)
				if err == nil {
					s = fmt.Sprintf("0x%x", n)
				}
				f.System[k] = s
			}
		case "TimeCreated":
			if p, ok := v.(evtx.GoEvtxMap); ok {
				if t, ok := p["SystemTime"].(evtx.UTCTime); ok {
					f.Time = time.Time(t).UTC()
				}
			}
		case "Execution":
			if p, ok := v.(evtx.GoEvtxMap); ok {
				set("ProcessID", p["ProcessID"])
				set("ThreadID", p["ThreadID"])
			}
		case "Security":
			if p, ok := v.(evtx.GoEvtxMap); ok {
				set("UserID", p["UserID"])
			}
		default:
			// A Provider with only a Name attribute collapses into
			// System[name] = "" (a golang-evtx quirk).
			if !known[k] && gostr(v) == "" {
				f.System["Provider"] = k
			}
		}
	}
	if g, ok := f.System["Guid"]; ok {
		f.System["Guid"] = normGUID(g)
	}
	f.DataMap = map[string]string{}
	if ed, ok := ev["EventData"].(evtx.GoEvtxMap); ok {
		for k, v := range ed {
			f.DataMap[k] = gostr(v)
		}
	}
	f.UserMap = map[string]any{}
	if ud, ok := ev["UserData"].(evtx.GoEvtxMap); ok {
		f.UserMap = goUser(ud)
	}
	return f
}

func goUser(m evtx.GoEvtxMap) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if sub, ok := v.(evtx.GoEvtxMap); ok {
			out[k] = goUser(sub)
		} else {
			out[k] = gostr(v)
		}
	}
	return out
}

// ---- XML readers ----

// xnode is a generic XML element.
type xnode struct {
	name     string
	attrs    map[string]string
	text     string
	children []*xnode
}

func (n *xnode) child(name string) *xnode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

var (
	eventRE = regexp.MustCompile(`(?s)<Event[ >].*?</Event>`)
	// evtxexport -f xml prints this line instead of a record it cannot
	// render.
	exportRE = regexp.MustCompile(`(?s)<Event[ >].*?</Event>|Unable to export record: ([0-9]+)\.`)
)

// parseEvents parses every <Event> element in a tool's output.
func parseEvents(t testing.TB, out []byte) []*xnode {
	t.Helper()
	var evs []*xnode
	for _, m := range eventRE.FindAll(out, -1) {
		n, err := parseXML(m)
		if err != nil {
			t.Fatalf("parse reader XML: %v\n%s", err, m)
		}
		evs = append(evs, n)
	}
	return evs
}

// parseXML parses one element. XML 1.0 does not allow most control
// characters, even as references; the readers write them anyway (they are
// in the data), so references to them are decoded here by hand.
func parseXML(b []byte) (*xnode, error) {
	b = ctrlRefRE.ReplaceAllFunc(b, func(m []byte) []byte {
		return []byte(fmt.Sprintf("\uE000%s;", m[2:len(m)-1]))
	})
	var esc []byte
	for i, c := range b {
		if c == '&' && !entityRE.Match(b[i:]) {
			// evtxexport does not escape '&' in attribute values.
			esc = append(esc, "&amp;"...)
			continue
		}
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			esc = fmt.Appendf(esc, "\uE000%d;", c)
			continue
		}
		esc = append(esc, c)
	}
	b = esc
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []*xnode
	var root *xnode
	for {
		tok, err := d.Token()
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				if a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				n.attrs[a.Name.Local] = unCtrl(a.Value)
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return root, nil
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += unCtrl(string(tok))
			}
		}
	}
}

var (
	entityRE  = regexp.MustCompile(`^&(amp|lt|gt|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);`)
	ctrlRefRE = regexp.MustCompile(`&#(x[0-9a-fA-F]+|[0-9]+);`)
	privRE    = regexp.MustCompile("\uE000(x[0-9a-fA-F]+|[0-9]+);")
)

func unCtrl(s string) string {
	if !strings.ContainsRune(s, '\uE000') {
		return s
	}
	return privRE.ReplaceAllStringFunc(s, func(m string) string {
		num := strings.TrimSuffix(strings.TrimPrefix(m, "\uE000"), ";")
		var v uint64
		var err error
		if strings.HasPrefix(num, "x") {
			v, err = strconv.ParseUint(num[1:], 16, 32)
		} else {
			v, err = strconv.ParseUint(num, 10, 32)
		}
		if err != nil {
			return m
		}
		return string(rune(v))
	})
}

// fromXML turns an <Event> element into flat. timeLayouts are tried in
// order for TimeCreated/@SystemTime; binary decodes <Binary> text to bytes.
func fromXML(ev *xnode, parseTime func(string) (time.Time, error), binary func(string) string) (flat, error) {
	f := flat{System: map[string]string{}}
	sys := ev.child("System")
	if sys == nil {
		return f, fmt.Errorf("no System")
	}
	set := func(k, v string) {
		if v != "" {
			f.System[k] = v
		}
	}
	for _, c := range sys.children {
		switch c.name {
		case "Provider":
			set("Provider", c.attrs["Name"])
			set("Guid", normGUID(c.attrs["Guid"]))
			set("EventSourceName", c.attrs["EventSourceName"])
		case "EventID":
			set("EventID", c.text)
			set("Qualifiers", c.attrs["Qualifiers"])
		case "Keywords":
			if c.text != "" {
				n, err := strconv.ParseUint(strings.TrimPrefix(c.text, "0x"), 16, 64)
				if err != nil {
					return f, fmt.Errorf("Keywords %q: %v", c.text, err)
				}
				f.System["Keywords"] = fmt.Sprintf("0x%x", n)
			}
		case "TimeCreated":
			t, err := parseTime(c.attrs["SystemTime"])
			if err != nil {
				return f, err
			}
			f.Time = t
		case "Execution":
			set("ProcessID", c.attrs["ProcessID"])
			set("ThreadID", c.attrs["ThreadID"])
		case "Security":
			set("UserID", c.attrs["UserID"])
		default:
			set(c.name, c.text)
		}
	}
	if ed := ev.child("EventData"); ed != nil {
		for _, c := range ed.children {
			switch c.name {
			case "Binary":
				f.Data = append(f.Data, model.Data{Name: "#Binary", Value: binary(c.text)})
			default:
				f.Data = append(f.Data, model.Data{Name: c.attrs["Name"], Value: c.text})
			}
		}
	}
	if ud := ev.child("UserData"); ud != nil {
		var walk func(n *xnode, path string)
		walk = func(n *xnode, path string) {
			for _, c := range n.children {
				p := c.name
				if path != "" {
					p = path + "/" + c.name
				}
				if len(c.children) == 0 {
					f.UserData = append(f.UserData, model.Data{Name: p, Value: c.text})
				} else {
					walk(c, p)
				}
			}
		}
		walk(ud, "")
	}
	return f, nil
}

// readEvtxexport reads the file with libevtx's evtxexport -f xml; any
// complaint from it fails the test.
func readEvtxexport(t testing.TB, path string) []flat {
	t.Helper()
	return readEvtxexportMode(t, path, true)
}

func readEvtxexportMode(t testing.TB, path string, strict bool) []flat {
	t.Helper()
	exe, err := exec.LookPath("evtxexport")
	if err != nil {
		t.Skip("evtxexport not installed (Debian package libevtx-utils); skipping libevtx check")
	}
	cmd := exec.Command(exe, "-f", "xml", path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if strict && (err != nil || stderr.Len() > 0) {
		t.Fatalf("evtxexport %s: %v\n%s", path, err, stderr.Bytes())
	}
	var fs []flat
	for _, m := range exportRE.FindAllSubmatch(out, -1) {
		if m[1] != nil {
			fs = append(fs, flat{Failed: true})
			continue
		}
		n, err := parseXML(m[0])
		if err != nil {
			t.Fatalf("parse evtxexport XML: %v\n%s", err, m[0])
		}
		f, err := fromXML(n, func(s string) (time.Time, error) {
			return time.Parse(time.RFC3339Nano, s)
		}, func(s string) string {
			// Binary values print as hex; a Binary written as a string
			// (not hex in the input) prints as is.
			if b, err := hex.DecodeString(s); err == nil {
				return fmt.Sprintf("%X", b)
			}
			return s
		})
		if err != nil {
			t.Fatalf("evtxexport output: %v", err)
		}
		fs = append(fs, f)
	}
	return fs
}

// readPythonEvtx reads the file with python-evtx's evtx_dump.py.
func readPythonEvtx(t testing.TB, path string) []flat {
	t.Helper()
	exe, err := exec.LookPath("evtx_dump.py")
	if err != nil {
		t.Skip("evtx_dump.py not installed (Debian package python3-evtx); skipping python-evtx check")
	}
	cmd := exec.Command(exe, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("evtx_dump.py %s: %v\n%s", path, err, stderr.Bytes())
	}
	var fs []flat
	for _, n := range parseEvents(t, out) {
		f, err := fromXML(n, func(s string) (time.Time, error) {
			if s == "" {
				return time.Time{}, nil
			}
			for _, l := range []string{"2006-01-02 15:04:05.999999", "2006-01-02 15:04:05"} {
				if t, err := time.Parse(l, s); err == nil {
					return t, nil
				}
			}
			return time.Time{}, fmt.Errorf("SystemTime %q", s)
		}, func(s string) string {
			// python-evtx prints Binary values in base64.
			if b, err := base64.StdEncoding.DecodeString(s); err == nil {
				return fmt.Sprintf("%X", b)
			}
			return s
		})
		if err != nil {
			t.Fatalf("evtx_dump.py output: %v", err)
		}
		fs = append(fs, f)
	}
	return fs
}

// ---- comparison ----

// profile says how a reader shows events: its time precision, whether it
// keeps EventData and UserData as maps (golang-evtx), and how it alters
// text (norm is applied to both sides before comparing).
type profile struct {
	timeTol time.Duration
	maps    bool
	norm    func(string) string
	mayFail func(flat) bool // events the reader is known to be unable to show
}

// diff lists the differences between want and got as reader p shows them.
func diff(want, got flat, p profile) []string {
	if p.norm != nil {
		want, got = normFlat(want, p.norm), normFlat(got, p.norm)
	}
	timeTol, useMaps := p.timeTol, p.maps
	var d []string
	keys := map[string]bool{}
	for k := range want.System {
		keys[k] = true
	}
	for k := range got.System {
		keys[k] = true
	}
	sorted := make([]string, 0, len(keys))
	for k := range keys {
		sorted = append(sorted, k)
	}
	sort.Strings(sorted)
	for _, k := range sorted {
		if want.System[k] != got.System[k] {
			d = append(d, fmt.Sprintf("System %s: want %q, got %q", k, want.System[k], got.System[k]))
		}
	}
	dt := want.Time.Sub(got.Time)
	if dt < 0 {
		dt = -dt
	}
	if dt > timeTol {
		d = append(d, fmt.Sprintf("Time: want %s, got %s", want.Time.Format(time.RFC3339Nano), got.Time.Format(time.RFC3339Nano)))
	}
	if useMaps {
		if fmt.Sprint(want.DataMap) != fmt.Sprint(got.DataMap) {
			d = append(d, fmt.Sprintf("EventData: want %q, got %q", want.DataMap, got.DataMap))
		}
		if fmt.Sprint(want.UserMap) != fmt.Sprint(got.UserMap) {
			d = append(d, fmt.Sprintf("UserData: want %q, got %q", want.UserMap, got.UserMap))
		}
		return d
	}
	if !sameData(want.Data, got.Data) {
		d = append(d, fmt.Sprintf("EventData: want %q, got %q", want.Data, got.Data))
	}
	if !sameData(want.UserData, got.UserData) {
		d = append(d, fmt.Sprintf("UserData: want %q, got %q", want.UserData, got.UserData))
	}
	return d
}

func sameData(a, b []model.Data) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func normFlat(f flat, norm func(string) string) flat {
	out := flat{System: map[string]string{}, Time: f.Time, DataMap: f.DataMap, UserMap: f.UserMap}
	for k, v := range f.System {
		out.System[k] = norm(v)
	}
	for _, d := range f.Data {
		out.Data = append(out.Data, model.Data{Name: norm(d.Name), Value: norm(d.Value)})
	}
	for _, d := range f.UserData {
		out.UserData = append(out.UserData, model.Data{Name: norm(d.Name), Value: norm(d.Value)})
	}
	return out
}

// libevtx 20181227 (Debian's evtxexport) decodes UTF-16 surrogate pairs
// wrongly (U+1F389 comes out as U+1EF8A): compare characters outside the
// Basic Multilingual Plane only as "some such character".
func normLibevtx(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xffff {
			return 0xfffd
		}
		return r
	}, s)
}

// python-evtx drops control characters (and C1 controls except U+0085)
// from values, as XML 1.0 cannot carry them.
var pythonRestricted = regexp.MustCompile(`[\x01-\x08\x0B\x0C\x0E-\x1F\x{7F}-\x{84}\x{86}-\x{9F}]`)

func normPython(s string) string { return pythonRestricted.ReplaceAllString(s, "") }

// libevtx 20181227's XML export fails ("Unable to export record") on a
// value that is exactly one character XML must escape: "<", ">" or "&".
// Its text export reads the same records.
func libevtxCannotExport(f flat) bool {
	bad := func(s string) bool { return s == "<" || s == ">" || s == "&" }
	for _, v := range f.System {
		if bad(v) {
			return true
		}
	}
	for _, d := range append(append([]model.Data(nil), f.Data...), f.UserData...) {
		if bad(d.Value) || bad(d.Name) {
			return true
		}
	}
	return false
}
