package export

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/modeltest"
)

func fixture() []*model.Event {
	return []*model.Event{
		{
			File: `C:\logs\System.evtx`, Offset: 4096, RecordID: 7, Time: time.Date(2011, 6, 1, 12, 0, 0, 123456700, time.UTC),
			Level: model.LevelInformation, Provider: "Service Control Manager", ProviderGUID: "{555908d1-a6d7-4695-8e1e-26931d2012f4}",
			EventSourceName: "Service Control Manager", EventID: 7036, Qualifiers: 16384, HasQualifiers: true,
			Channel: "System", Computer: "WIN-8UJ5IL3QK1M", Keywords: 0x8080000000000000, ProcessID: 480, ThreadID: 2100,
			Data:    []model.Data{{Name: "param1", Value: "Windows Modules Installer"}, {Name: "param2", Value: "running"}},
			Binary:  "570069006E0064006F0077007300",
			Message: "The Windows Modules Installer service entered the running state.", MessageCulture: "en-US",
			Decoded: true, Class: model.ClassHarmless, CatalogID: "scm-7036",
		},
		{
			File: "hostile.xml", Offset: -1, RecordID: 8, Time: time.Date(2011, 6, 2, 0, 0, 0, 0, time.UTC),
			Level: model.LevelError, Provider: "=HYPERLINK(\"http://evil\")", EventID: 26, Channel: "System",
			Computer: "+cmd|' /C calc'!A0", UserSID: "@SUM(1+1)",
			Data: []model.Data{
				{Name: "", Value: "-2+3"}, {Name: "ctl", Value: "nul\x00 bel\x07 esc\x1b[2J cr\r lf\n tab\t del\x7f"},
				{Name: "markup", Value: `<b>&"quoted"'</b> ]]>`}, {Name: "utf8", Value: "仮想マシン \u202e \xff"},
			},
			UserData: []model.Data{
				{Name: "VmlEventLog/VmName", Value: "SQL-PROD-01"}, {Name: "VmlEventLog/Detail/Code", Value: "0x80070005"},
				{Name: "VmlEventLog/VmId", Value: "8B0A3C56"}, {Name: "Other", Value: "x"},
			},
			Message: "\tindented", Decoded: true, Class: model.ClassKnownIssue, CatalogID: "hyperv-vmsmp-26",
		},
		{
			File: "broken.evtx", Offset: 69632, RecordID: 9, Time: time.Date(2011, 6, 3, 0, 0, 0, 0, time.UTC),
			Decoded: false, DecodeError: "bad template -- offset 0x1200-",
		},
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"csv": CSV, "CSV": CSV, ".csv": CSV, "jsonl": JSONL, "json": JSONL, "ndjson": JSONL, "xml": XML, "evtx": EVTX, ".evtx": EVTX, "ecs": ECS} {
		got, err := ParseFormat(in)
		if err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
		if f, _ := ParseFormat(want.Ext()); f != want && want != ECS {
			t.Errorf("Ext %q does not parse back", want.Ext())
		}
	}
	if got := DefaultName(CSV, time.Date(2011, 6, 1, 12, 0, 0, 0, time.UTC)); got != "eventlens-20110601-120000.csv" {
		t.Errorf("DefaultName = %q", got)
	}
	if _, err := ParseFormat("md"); err == nil || !strings.Contains(err.Error(), `"md"`) {
		t.Errorf("ParseFormat(md) error = %v", err)
	}
}

func TestJSONL(t *testing.T) {
	var buf bytes.Buffer
	evs := fixture()
	if err := Write(&buf, JSONL, slices.Values(evs), Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(evs) {
		t.Fatalf("%d lines, want %d", len(lines), len(evs))
	}
	for _, l := range lines {
		for _, c := range []byte(l) {
			if c < 0x20 {
				t.Fatalf("raw control byte %#x in JSON line %q", c, l)
			}
		}
	}
	var got []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		got = append(got, m)
	}
	first := got[0]
	for k, want := range map[string]any{
		"file": `C:\logs\System.evtx`, "record_id": 7.0, "time": "2011-06-01T12:00:00.1234567Z", "level": "information",
		"level_number": 4.0, "provider": "Service Control Manager", "event_id": 7036.0, "qualifiers": 16384.0,
		"channel": "System", "computer": "WIN-8UJ5IL3QK1M", "keywords": "0x8080000000000000", "class": "harmless",
		"catalog_id": "scm-7036", "decoded": true, "error": "", "message_culture": "en-US",
	} {
		if first[k] != want {
			t.Errorf("%s = %#v, want %#v", k, first[k], want)
		}
	}
	if got[1]["qualifiers"] != nil {
		t.Errorf("qualifiers without HasQualifiers = %v, want null", got[1]["qualifiers"])
	}
	data := got[1]["data"].([]any)
	ctl := data[1].(map[string]any)
	if ctl["name"] != "ctl" || ctl["value"] != "nul\x00 bel\x07 esc\x1b[2J cr\r lf\n tab\t del\x7f" {
		t.Errorf("control characters not kept exactly: %#v", ctl)
	}
	if !strings.Contains(lines[1], `\u0000`) || !strings.Contains(lines[1], `\u001b[2J`) || !strings.Contains(lines[1], `<b>&\"quoted\"'</b>`) {
		t.Errorf("escaping unexpected: %s", lines[1])
	}
	if ud := got[1]["userdata"].([]any); len(ud) != 4 || ud[1].(map[string]any)["name"] != "VmlEventLog/Detail/Code" {
		t.Errorf("userdata = %v", ud)
	}
	if d := got[2]["data"]; d == nil {
		t.Error("empty data is null, want []")
	}
	if got[2]["decoded"] != false || got[2]["error"] != "bad template -- offset 0x1200-" {
		t.Errorf("undecoded event: %v", got[2])
	}
}

// Every export writes the message shown, its culture and where it came from.
func TestMessageOption(t *testing.T) {
	opts := Options{Message: func(e *model.Event) model.Rendered {
		return model.Rendered{Text: "メッセージ " + e.Provider, Origin: model.OriginDatabase, Culture: "ja-JP"}
	}}
	tests := []struct {
		format Format
		opts   Options
		want   []string
	}{
		{JSONL, opts, []string{`"message":"メッセージ Service Control Manager","message_culture":"ja-JP","message_source":"database"`}},
		{CSV, opts, []string{`メッセージ Service Control Manager,ja-JP,database,`}},
		{XML, opts, []string{`<RenderingInfo Culture="ja-JP"><Message>メッセージ Service Control Manager</Message>`}},
		{ECS, opts, []string{`"message":"メッセージ Service Control Manager"`, `"message_source":"database"`}},
		// Without the option, what the input carried, from the log.
		{JSONL, Options{}, []string{`"message_culture":"en-US","message_source":"log"`}},
		{CSV, Options{}, []string{`,en-US,log,`}},
		{ECS, Options{}, []string{`"message_source":"log"`}},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, tt.format, slices.Values(fixture()[:1]), tt.opts); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%v: want %s in\n%s", tt.format, w, buf.String())
			}
		}
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, CSV, slices.Values(fixture()), Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || strings.Join(recs[0], ",") != strings.Join(columns, ",") {
		t.Fatalf("header/rows wrong: %v", recs)
	}
	col := func(row int, name string) string {
		for i, c := range columns {
			if c == name {
				return recs[row][i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	if got := col(1, "data"); got != "param1=Windows Modules Installer; param2=running" {
		t.Errorf("data cell = %q", got)
	}
	for name, want := range map[string]string{
		"provider": "'=HYPERLINK(\"http://evil\")", "computer": "'+cmd|' /C calc'!A0", "user_sid": "'@SUM(1+1)",
		"data":    "'-2+3; ctl=nul\x00 bel\x07 esc\x1b[2J cr\r lf\n tab\t del\x7f; markup=<b>&\"quoted\"'</b> ]]>; utf8=仮想マシン \u202e \xff",
		"message": "'\tindented", "offset": "", "qualifiers": "", "level": "error", "class": "known-issue",
	} {
		if got := col(2, name); got != want {
			t.Errorf("row 2 %s = %q, want %q", name, got, want)
		}
	}
	// No cell of any row starts with a formula trigger.
	for _, rec := range recs {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q not defused", cell)
			}
		}
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "plain": "plain", "=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		"a=b": "a=b", "'=x": "'=x", "x\n=y": "x\n=y", "   ": "   ",
		// Issue 14 item 7: what spreadsheets skip before a formula, and
		// the full-width and small forms they accept.
		"\n=cmd": "'\n=cmd", " =x": "' =x", "  \t@x": "'  \t@x", "\u00a0=x": "'\u00a0=x", "\u3000+x": "'\u3000+x",
		"\u200b=x": "'\u200b=x", "\ufeff-x": "'\ufeff-x", "\vx": "'\vx",
		"＝1+1": "'＝1+1", "＋1": "'＋1", "－1": "'－1", "＠SUM(A1)": "'＠SUM(A1)", "﹦x": "'﹦x", "−1": "'−1",
		" a": " a", "日本": "日本",
	} {
		if got := Defuse(in); got != want {
			t.Errorf("Defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestXMLWellFormed(t *testing.T) {
	var buf bytes.Buffer
	evs := fixture()
	if err := Write(&buf, XML, slices.Values(evs), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	d := xml.NewDecoder(strings.NewReader(out))
	events, depth := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			if tok.Name.Local == "Event" && depth == 2 {
				events++
				if tok.Name.Space != eventNS {
					t.Errorf("Event namespace %q", tok.Name.Space)
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if events != len(evs) {
		t.Errorf("%d <Event> elements, want %d", events, len(evs))
	}
	for _, want := range []string{
		`<TimeCreated SystemTime="2011-06-01T12:00:00.1234567Z"/>`,
		`<EventID Qualifiers="16384">7036</EventID>`,
		`<Data Name="param1">Windows Modules Installer</Data>`,
		`<Data>-2+3</Data>`,
		`<UserData><VmlEventLog><VmName>SQL-PROD-01</VmName><Detail><Code>0x80070005</Code></Detail><VmId>8B0A3C56</VmId></VmlEventLog><Other>x</Other></UserData>`,
		`<RenderingInfo Culture="en-US"><Message>The Windows Modules Installer service`,
		`&lt;b&gt;&amp;&quot;quoted&quot;&apos;&lt;/b&gt; ]]&gt;`,
		`<!-- eventlens: record could not be decoded: bad template - - offset 0x1200 -->`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("XML lacks %s", want)
		}
	}
	if strings.ContainsAny(out, "\x00\x07\x1b\x7f") {
		t.Error("XML carries raw control characters")
	}
}

// TestXMLReload loads our XML export with eventlens's own XML loader and
// compares the fields it carries.
func TestXMLReload(t *testing.T) {
	var buf bytes.Buffer
	evs := fixture()
	if err := Write(&buf, XML, slices.Values(evs), Options{}); err != nil {
		t.Fatal(err)
	}
	var got []model.Event
	reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource("export.xml", buf.Bytes())}, model.LoadOptions{},
		func(u model.Update) { got = append(got, u.Events...) })
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		for _, p := range r.Problems {
			t.Logf("load problem: %+v", p)
		}
	}
	if len(got) != len(evs) {
		t.Fatalf("reloaded %d events, want %d", len(got), len(evs))
	}
	modeltest.SortEvents(got)
	for i, want := range evs[:2] {
		g := got[i]
		if g.RecordID != want.RecordID || !g.Time.Equal(want.Time) || g.Provider != want.Provider || g.EventID != want.EventID ||
			g.Qualifiers != want.Qualifiers || g.Level != want.Level || g.Channel != want.Channel || g.Computer != want.Computer ||
			g.Keywords != want.Keywords || g.UserSID != want.UserSID || g.EventSourceName != want.EventSourceName {
			t.Errorf("event %d: System fields differ:\n got %+v\nwant %+v", i, g, *want)
		}
		if len(g.Data) != len(want.Data) {
			t.Errorf("event %d: %d data items, want %d", i, len(g.Data), len(want.Data))
			continue
		}
		for j := range want.Data {
			w := want.Data[j]
			w.Value = xmlSafe(w.Value)
			if g.Data[j] != w {
				t.Errorf("event %d data %d = %q, want %q", i, j, g.Data[j], w)
			}
		}
		if len(g.UserData) != len(want.UserData) {
			t.Errorf("event %d: userdata %v, want %v", i, g.UserData, want.UserData)
		} else {
			for j := range want.UserData {
				if g.UserData[j] != want.UserData[j] {
					t.Errorf("event %d userdata %d = %q, want %q", i, j, g.UserData[j], want.UserData[j])
				}
			}
		}
		if g.Message != want.Message {
			t.Errorf("event %d message = %q, want %q", i, g.Message, want.Message)
		}
	}
}

// xmlSafe is what survives XML: characters XML 1.0 cannot carry become U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 {
			return r
		}
		return 0xFFFD
	}, s)
}

// TestWriteFile checks the wiring only; package atomicfile tests the rest.
func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	write := func(w io.Writer) error { return Write(w, JSONL, slices.Values(fixture()), Options{}) }
	if err := WriteFile(path, false, write); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, false, write); !errors.Is(err, ErrExists) || !errors.Is(err, fs.ErrExist) {
		t.Errorf("second write without overwrite: %v, want ErrExists", err)
	}
	if err := WriteFile(path, true, write); err != nil {
		t.Fatal(err)
	}
}

// FuzzXMLValue checks that any value, in any field, gives well-formed XML.
func FuzzXMLValue(f *testing.F) {
	for _, s := range []string{"", "plain", "\x00\x01\x1b\x7f\u0085\u009b", "\xff\xfe", "\uFFFE\uFFFF", "]]>--", "a/b//c", "<&>\"'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := &model.Event{
			Provider: s, EventSourceName: s, Channel: s, Computer: s, UserSID: s, Binary: s, Message: s, MessageCulture: s,
			Data: []model.Data{{Name: s, Value: s}}, UserData: []model.Data{{Name: s, Value: s}, {Name: s + "/" + s, Value: s}},
			DecodeError: s,
		}
		var buf bytes.Buffer
		if err := Write(&buf, XML, slices.Values([]*model.Event{e}), Options{}); err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(&buf)
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("value %q: not well-formed: %v", s, err)
			}
		}
	})
}

// TestEVTXReload checks that an .evtx export loads back through our loader
// with its System fields and data, record IDs numbered anew because the
// events come from several files.
func TestEVTXReload(t *testing.T) {
	evs := fixture()[:2]
	var buf bytes.Buffer
	if err := Write(&buf, EVTX, slices.Values(evs), Options{}); err != nil {
		t.Fatal(err)
	}
	var got []model.Event
	if _, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource("export.evtx", buf.Bytes())}, model.LoadOptions{},
		func(u model.Update) { got = append(got, u.Events...) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(evs) {
		t.Fatalf("reloaded %d events, want %d", len(got), len(evs))
	}
	modeltest.SortEvents(got)
	for i, want := range evs {
		g := got[i]
		if g.RecordID != uint64(i+1) || !g.Time.Equal(want.Time) || g.Provider != want.Provider || g.EventID != want.EventID || g.Computer != want.Computer {
			t.Errorf("event %d differs:\n got %+v\nwant %+v", i, g, *want)
		}
		if len(g.Data) != len(want.Data) || g.Data[0].Name != want.Data[0].Name {
			t.Errorf("event %d data = %q, want %q", i, g.Data, want.Data)
		}
	}
}

// TestECS checks that an ECS export is one JSON document per event carrying
// eventlens's verdict.
func TestECS(t *testing.T) {
	var buf bytes.Buffer
	evs := fixture()
	if err := Write(&buf, ECS, slices.Values(evs), Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(evs) {
		t.Fatalf("%d lines, want %d", len(lines), len(evs))
	}
	var doc struct {
		Eventlens struct {
			Class     string `json:"class"`
			CatalogID string `json:"catalog_id"`
		} `json:"eventlens"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Eventlens.Class != "known-issue" || doc.Eventlens.CatalogID != "hyperv-vmsmp-26" {
		t.Errorf("eventlens fields = %+v", doc.Eventlens)
	}
}

// TestWriteFileDirectory checks that a target that is or can only be a
// directory is refused with an error saying so, before anything is written.
func TestWriteFileDirectory(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{dir, dir + string(os.PathSeparator), filepath.Join(dir, "new") + "/"} {
		err := WriteFile(p, true, func(w io.Writer) error { return nil })
		if !errors.Is(err, ErrIsDir) || !strings.Contains(err.Error(), p+": names a directory") {
			t.Errorf("WriteFile(%q) = %v, want ErrIsDir naming the path", p, err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "out.jsonl"), false, func(w io.Writer) error { return nil }); err != nil {
		t.Errorf("a file in the directory: %v", err)
	}
}
