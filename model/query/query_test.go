package query

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"eventlens/model"
	"eventlens/model/store"
	"eventlens/model/synth"
)

var now = time.Date(2011, 6, 10, 12, 0, 0, 0, time.UTC)

// fixture events, named for the tests.
var (
	scm = &model.Event{
		File: "System.evtx", RecordID: 1, Time: time.Date(2011, 6, 1, 8, 0, 0, 0, time.UTC), Level: model.LevelInformation,
		Provider: "Service Control Manager", EventSourceName: "Service Control Manager", EventID: 7036,
		Channel: "System", Computer: "WIN-8UJ5IL3QK1M",
		Data:    []model.Data{{Name: "param1", Value: "Windows Modules Installer"}, {Name: "param2", Value: "running"}},
		Message: "The Windows Modules Installer service entered the running state.", Class: model.ClassHarmless, CatalogID: "scm-7036",
	}
	vmsmp = &model.Event{
		File: "System.evtx", RecordID: 2, Time: time.Date(2011, 6, 10, 11, 30, 0, 0, time.UTC), Level: model.LevelWarning,
		Provider: "Microsoft-Windows-Hyper-V-VMSMP", EventID: 26, Channel: "System", Computer: "HV-HOST02.contoso.local",
		Data:  []model.Data{{Name: "VmName", Value: "SQL-PROD-01"}, {Name: "", Value: "unnamed value"}},
		Class: model.ClassKnownIssue, CatalogID: "hyperv-vmsmp-26",
	}
	vmms = &model.Event{
		File: "VMMS.evtx", RecordID: 3, Time: time.Date(2011, 6, 5, 0, 0, 0, 0, time.UTC), Level: model.LevelError,
		Provider: "Microsoft-Windows-Hyper-V-VMMS", EventID: 4096, Channel: "Microsoft-Windows-Hyper-V-VMMS-Admin", Computer: "HV-HOST02.contoso.local",
		UserData: []model.Data{{Name: "VmlEventLog/VmName", Value: "Ｋelvin サービス"}, {Name: "VmlEventLog/ErrorCode", Value: "0x80070005"}},
	}
	logAlways = &model.Event{
		File: "App.evtx", RecordID: 4, Time: time.Date(2011, 5, 1, 0, 0, 0, 0, time.UTC), Level: model.LevelLogAlways,
		Provider: "Application Error", EventID: 1000, Channel: "Application", Computer: "DC01",
		Message: "Faulting application name: \u212Aiosk.exe, İnstaller", // Kelvin sign, dotted capital I
	}
	all = []*model.Event{scm, vmsmp, vmms, logAlways}
)

func TestMatch(t *testing.T) {
	tests := []struct {
		q    string
		want []*model.Event
	}{
		{"", all},
		{"   ", all},
		// Words and phrases: case-insensitive substrings of the searched fields.
		{"service", []*model.Event{scm}},
		{"SERVICE control", []*model.Event{scm}},
		{`"control manager"`, []*model.Event{scm}},
		{`"manager control"`, nil},
		{"hv-host02", []*model.Event{vmsmp, vmms}},
		{"system", []*model.Event{scm, vmsmp}},        // channel
		{"sql-prod", []*model.Event{vmsmp}},           // data value
		{"0x80070005", []*model.Event{vmms}},          // userdata value
		{"サービス", []*model.Event{vmms}},                // exact non-ASCII
		{"ｋelvin", []*model.Event{vmms}},              // full-width letter folds
		{"kiosk", []*model.Event{logAlways}},          // Kelvin sign lowers to k
		{"installer", []*model.Event{scm, logAlways}}, // İ lowers to i
		{"vmsmp-26", []*model.Event{vmsmp}},           // catalog ID
		{"4096", []*model.Event{vmms}},                // event ID as text
		{"703", []*model.Event{scm}},                  // part of an event ID, 7036
		{"26", []*model.Event{vmsmp}},                 // ID 26; not in other fields
		{"running state", []*model.Event{scm}},        // message
		{"nomatch", nil},
		{"_prod", nil},
		{`"-prod-01"`, []*model.Event{vmsmp}},         // needle starting with a non-letter
		{"\"odules installer\"", []*model.Event{scm}}, // mid-word, long haystack
		{"WINDOWS MODULES INSTALLER SERVICE", []*model.Event{scm}},
		{"installer service entered the running state.", []*model.Event{scm}},
		// Negation.
		{"-service", []*model.Event{vmsmp, vmms, logAlways}},
		{`-"hyper-v"`, []*model.Event{scm, logAlways}},
		{"-id:26", []*model.Event{scm, vmms, logAlways}},
		// id
		{"id:26", []*model.Event{vmsmp}},
		{"id:26,7036", []*model.Event{scm, vmsmp}},
		{"id:4000-5000", []*model.Event{vmms}},
		{"id:1-100,7036", []*model.Event{scm, vmsmp}},
		{"ID:26", []*model.Event{vmsmp}},
		// level
		{"level:error", []*model.Event{vmms}},
		{"level:error,warning", []*model.Event{vmsmp, vmms}},
		{"level:information", []*model.Event{scm, logAlways}},
		{"level:info", []*model.Event{scm, logAlways}},
		{"level:4", []*model.Event{scm}},
		{"level:0", []*model.Event{logAlways}},
		{"-level:error,warning", []*model.Event{scm, logAlways}},
		// src, ch, host, cat
		{"src:vmsmp", []*model.Event{vmsmp}},
		{"src:HYPER-V", []*model.Event{vmsmp, vmms}},
		{"provider:control", []*model.Event{scm}},
		{"ch:admin", []*model.Event{vmms}},
		{"ch:system", []*model.Event{scm, vmsmp}},
		{"host:hv-host", []*model.Event{vmsmp, vmms}},
		{"-host:hv-host", []*model.Event{scm, logAlways}},
		{"cat:hyperv", []*model.Event{vmsmp}},
		{"cat:26", []*model.Event{vmsmp}},
		// vm: the event names the VM (read from the event alone here;
		// see TestVMTerm for the index)
		{"vm:sql-prod", []*model.Event{vmsmp}},
		{"vm:ｋelvin", []*model.Event{vmms}},
		{"-vm:sql", []*model.Event{scm, vmms, logAlways}},
		// class
		{"class:known-issue", []*model.Event{vmsmp}},
		{"class:known", []*model.Event{vmsmp}},
		{"class:harmless,known-issue", []*model.Event{scm, vmsmp}},
		{"class:unknown", []*model.Event{vmms, logAlways}},
		{"-class:unknown", []*model.Event{scm, vmsmp}},
		// data.NAME
		{"data.param1:modules", []*model.Event{scm}},
		{"data.PARAM1:modules", []*model.Event{scm}},
		{"data.param2:modules", nil},
		{`data.VmName:"sql-prod"`, []*model.Event{vmsmp}},
		{"data.vmname:サービス", []*model.Event{vmms}}, // UserData leaf name
		{"data.VmlEventLog/ErrorCode:0x8007", []*model.Event{vmms}},
		{"data.eventlog/errorcode:0x8007", nil}, // only whole path elements
		{"data.g/ErrorCode:0x8007", nil},
		{`data.param2:""`, []*model.Event{scm}}, // has the item at all
		{"-data.param1:modules", []*model.Event{vmsmp, vmms, logAlways}},
		// after / before
		{"after:2011-06-05", []*model.Event{vmsmp, vmms}},
		{"before:2011-06-05", []*model.Event{scm, logAlways}},
		{"after:2011-06-01 before:2011-06-06", []*model.Event{scm, vmms}},
		{`after:"2011-06-01 08:00"`, []*model.Event{scm, vmsmp, vmms}},
		{`after:"2011-06-01 08:00:01"`, []*model.Event{vmsmp, vmms}},
		{"after:2011-06-01T07:00:00-01:00", []*model.Event{scm, vmsmp, vmms}},
		{"after:2011-06-01T09:00:00+02:00", []*model.Event{scm, vmsmp, vmms}},
		{"after:-1h", []*model.Event{vmsmp}},
		{"after:-7d", []*model.Event{vmsmp, vmms}},
		{"after:-2w", []*model.Event{scm, vmsmp, vmms}},
		{"-after:-1h", []*model.Event{scm, vmms, logAlways}},
		// Combinations.
		{"src:hyper-v level:error vmlevent", nil},
		{"src:hyper-v 0x8007 level:error", []*model.Event{vmms}},
		{"host:hv -id:26 sql", nil},
		{"-level:error host:hv", []*model.Event{vmsmp}},
		// A colon in a quoted word, and words that only look like keys.
		{`"VmlEventLog/ErrorCode"`, nil},
		{"12:00", nil},
		{"data.x", nil},
		{"--", []*model.Event{logAlways}}, // excludes text with "-"
	}
	for _, tt := range tests {
		q, err := Parse(tt.q, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.q, err)
			continue
		}
		var got []*model.Event
		for _, e := range all {
			if q.Match(e) {
				got = append(got, e)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q matched %v, want %v", tt.q, ids(got), ids(tt.want))
		}
		// The canonical form means the same.
		q2, err := Parse(q.String(), now)
		if err != nil {
			t.Errorf("Parse(String() of %q = %q): %v", tt.q, q.String(), err)
			continue
		}
		for _, e := range all {
			if q.Match(e) != q2.Match(e) {
				t.Errorf("%q and its String %q disagree on record %d", tt.q, q.String(), e.RecordID)
			}
		}
	}
}

func ids(evs []*model.Event) []uint64 {
	var out []uint64
	for _, e := range evs {
		out = append(out, e.RecordID)
	}
	return out
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  Service   CONTROL ", "service control"},
		{`"control  manager"`, `"control  manager"`},
		{`"a \"quoted\" \\ word"`, `"a \"quoted\" \\ word"`},
		{`C\Windows`, `c\windows`},
		{`"c:\windows"`, `"c:\\windows"`},
		{"ID:26,27 level:ERROR,warning,info,4", "id:26,27 level:error,warning,information,4"},
		{"id:4000-4100", "id:4000-4100"},
		{"eventid:7036 provider:VMSMP channel:System computer:HV catalog:hyperv", "id:7036 src:vmsmp ch:system host:hv cat:hyperv"},
		{"class:known,harmless", "class:known-issue,harmless"},
		{`data.VmName:"SQL PROD"`, `data.vmname:"sql prod"`},
		{`data.param1:""`, `data.param1:""`},
		{"after:2011-06-01 before:-24h", "after:2011-06-01 before:-24h"},
		{`after:"2011-06-01 12:00"`, "after:2011-06-01T12:00:00Z"},
		{"after:2011-06-01T12:00:00.5+09:00", "after:2011-06-01T12:00:00.5+09:00"},
		{`-src:schannel -"a b" --x`, `-src:schannel -"a b" -"-x"`},
		{"12:00", `"12:00"`},
	}
	for _, tt := range tests {
		q, err := Parse(tt.in, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := q.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
		if q.Empty() != (tt.want == "") {
			t.Errorf("Parse(%q).Empty() = %v", tt.in, q.Empty())
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		pos     int
		contain string
	}{
		{"id:abc", 3, `id: "abc" is not an event ID`},
		{"service id:26,x", 14, `"x"`},
		{"id:70000", 3, "0–65535"},
		{"id:100-50", 3, `"100-50"`},
		{"id:", 3, "needs a value"},
		{"level:loud", 6, `level: "loud"`},
		{"class:u", 6, `class: "u"`},
		{"class:bogus", 6, "not a class"},
		{"after:yesterday", 6, "not a time"},
		{"before:-3y", 7, "relative time"},
		{"after:2011-13-01", 6, "not a time"},
		{`"unterminated`, 0, "unterminated quote"},
		{`src:"vmsmp`, 4, "unterminated quote"},
		{`"a"b`, 3, "space after the closing quote"},
		{"lvl:error", 0, `unknown field "lvl"`},
		{`c:\windows`, 0, `unknown field "c"`},
		{"- x", 0, `"-" must be followed`},
		{"data.:x", 0, "data. needs an item name"},
		{"日本 id:x", 10, "column 7"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in, now)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) error = %v, want *Error", tt.in, err)
			continue
		}
		if pe.Pos != tt.pos || !strings.Contains(err.Error(), tt.contain) {
			t.Errorf("Parse(%q) = %v (pos %d), want pos %d and %q", tt.in, err, pe.Pos, tt.pos, tt.contain)
		}
	}
}

func TestSelectNarrow(t *testing.T) {
	s := store.New()
	s.Add(synth.Events(100_000, 1)) // above parallelMin: exercises the parallel path
	for _, src := range []string{"", "src:service", "level:error,warning -src:vmsmp", "logon administrator", "id:4624 data.LogonType:10", "installer", "nomatch"} {
		q := MustParse(src, now)
		var want []int32
		for _, i := range s.Order() {
			if q.Match(s.At(int(i))) {
				want = append(want, i)
			}
		}
		got := Select(s, q, nil)
		if !slices.Equal(got, want) {
			t.Errorf("Select(%q): %d results, want %d", src, len(got), len(want))
		}
		// Narrowing from everything, in place, gives the same.
		every := Select(s, nil, nil)
		if got := Narrow(s, q, every, every); !slices.Equal(got, want) {
			t.Errorf("Narrow(%q) in place: %d results, want %d", src, len(got), len(want))
		}
	}
	// Narrowing a broader result.
	broad := Select(s, MustParse("src:service", now), nil)
	want := Select(s, MustParse("src:service running", now), nil)
	if got := Narrow(s, MustParse("src:service running", now), broad, nil); !slices.Equal(got, want) {
		t.Errorf("Narrow: %d results, want %d", len(got), len(want))
	}
	if len(want) == 0 || len(want) == len(broad) {
		t.Errorf("fixture does not narrow: %d of %d", len(want), len(broad))
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "service", `"a phrase"`, "-id:26,27", "id:4000-4100", "level:error,warning", "src:vmsmp ch:system host:hv",
		"class:known-issue,harmless", "cat:hyperv", `data.VmName:"sql prod"`, "after:2011-06-01 before:-24h",
		`after:"2011-06-01 12:00"`, `-"x\"y"`, "c:\\", "日本語 -サービス", "data.:x", "--a", `""`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s, now)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.Pos < 0 || pe.Pos > len(s) {
				t.Fatalf("Parse(%q): bad error %v", s, err)
			}
			return
		}
		c := q.String()
		q2, err := Parse(c, now)
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, c, err)
		}
		if c2 := q2.String(); c2 != c {
			t.Fatalf("String not stable: %q → %q → %q", s, c, c2)
		}
		for _, e := range all {
			if q.Match(e) != q2.Match(e) {
				t.Fatalf("%q and %q disagree on record %d", s, c, e.RecordID)
			}
		}
	})
}

// FuzzNeedle checks the fast case-insensitive search against the obvious
// one: lower both sides rune by rune, then strings.Contains.
func FuzzNeedle(f *testing.F) {
	f.Add("Microsoft-Windows-Hyper-V-VMSMP", "hyper-v")
	f.Add("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ", "xyz a")
	f.Add("\u212Aiosk \u0130nstaller", "kiosk")
	f.Add("VM_NAME_PROD@domain", "_prod@")
	f.Add("Ｋelvin サービス", "ｋelvin")
	f.Add("\xff\xfe\x80abc", "\xffa")
	f.Fuzz(func(t *testing.T, h, s string) {
		n := newNeedle(s)
		want := strings.Contains(strings.Map(unicode.ToLower, h), n.s)
		if got := n.in(h); got != want {
			t.Fatalf("needle %q in %q = %v, want %v", n.s, h, got, want)
		}
	})
}

// TestSelectAgreesWithMatch checks the store-backed plan against Match on
// the hand-made events, including searches that could cross two values.
func TestSelectAgreesWithMatch(t *testing.T) {
	s := store.New()
	var evs []model.Event
	for _, e := range all {
		evs = append(evs, *e)
	}
	evs = append(evs, model.Event{File: "x", RecordID: 9, Provider: "P", Data: []model.Data{{Name: "a", Value: "abc"}, {Name: "b", Value: "def"}}, Message: "msg"})
	s.Add(evs)
	for _, src := range []string{"cd", "gabc", "abc", "def", "msg", "\"c\x00d\"", "\"\x00\"", "hyperv", "vmsmp-26", "\"\"", "-\"\"", "kiosk", "26", "after:2011-06-05", "class:unknown", "cat:hyper"} {
		q := MustParse(src, now)
		var want []int32
		for _, i := range s.Order() {
			if q.Match(s.At(int(i))) {
				want = append(want, i)
			}
		}
		if got := Select(s, q, nil); !slices.Equal(got, want) {
			t.Errorf("Select(%q) = %v, Match gives %v", src, got, want)
		}
	}
	// Narrow in place on the one-goroutine path.
	for _, src := range []string{"system", "-system", "level:error,warning hv", "nomatch"} {
		q := MustParse(src, now)
		every := Select(s, nil, nil)
		want := Select(s, q, nil)
		if got := Narrow(s, q, every, every); !slices.Equal(got, want) {
			t.Errorf("Narrow(%q) in place = %v, want %v", src, got, want)
		}
	}
	if got := Select(s, MustParse("cd", now), nil); len(got) != 0 {
		t.Errorf("a word matched across two data values: %v", got)
	}
}
