package ecs_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"eventlens/model"
	"eventlens/model/ecs"
	"eventlens/model/evtext"
)

var update = flag.Bool("update", false, "rewrite the golden file in testdata/ecs")

const dir = "../../testdata/ecs"

// sample returns events that between them set every field the writer knows.
func sample() []*model.Event {
	t := time.Date(2011, 6, 1, 10, 15, 30, 123456700, time.UTC)
	return []*model.Event{
		{
			File: "logs/System.evtx", Offset: 4096, RecordID: 1234, Time: t, Level: model.LevelError,
			Provider: "Microsoft-Windows-Hyper-V-VMMS", ProviderGUID: "{6066F867-7CA1-4418-85FD-36E3F9C0600C}",
			EventID: 10172, Version: 1, Channel: "Microsoft-Windows-Hyper-V-VMMS-Admin", Computer: "HV01.example.test",
			UserSID: "S-1-5-18", Task: 3, Opcode: 1, Keywords: 0x80_0000_0000_0000 | 0x1,
			ProcessID: 1780, ThreadID: 2336,
			Data: []model.Data{
				{Name: "VmName", Value: "VM01"},
				{Value: "unnamed second"},
				{Name: "Error.Code", Value: "0x800423F4"},
				{Name: "VmName", Value: "duplicate, dropped"},
				{Name: "Empty", Value: ""},
				{Name: "Data", Value: "named Data, as param6"},
				{Name: "Text", Value: "line one\r\nline two"},
			},
			Binary:  "DEADBEEF",
			Message: "Backup of \"VM01\" failed: <0x800423F4> & more.\r\nSecond line.",
			Decoded: true, Class: model.ClassKnownIssue, CatalogID: "kb975354-vss",
		},
		{
			File: "export.csv", Offset: 61, RecordID: 2, Time: t.Truncate(time.Second), Level: model.LevelLogAlways,
			Provider: "Microsoft-Windows-Security-Auditing", EventID: 4624, TaskName: "Logon",
			Keywords: 0x20_0000_0000_0000, Message: "An account was successfully logged on.",
			MessageCulture: "en-US", Decoded: true,
		},
		{
			File: "logs/Setup.evtx", RecordID: 7, Time: t, EventSourceName: "Legacy Source", EventID: 2,
			Keywords: 0x10_0000_0000_0000, Opcode: 200,
			UserData: []model.Data{
				{Name: "CbsPackageChangeState/PackageIdentifier", Value: "KB975354"},
				{Name: "CbsPackageChangeState/Detail/Error", Value: "0x0"},
				{Name: "CbsPackageChangeState/Bad\xffName", Value: "bad \xff UTF-8"},
			},
			Decoded: true, Class: model.ClassHarmless,
		},
		{File: "logs/broken.evtx", Offset: 65536, RecordID: 99, Time: t, DecodeError: "chunk 1: bad template", Decoded: false},
		{},
	}
}

var opts = ecs.Options{
	Created: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC),
}

func write(t *testing.T, events []*model.Event, o ecs.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := ecs.Write(&b, slices.Values(events), o); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	got := write(t, sample(), opts)
	path := filepath.Join(dir, "sample.ndjson")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./model/ecs -update to accept):\n%s", path, got)
	}
}

// fieldDef is one row of testdata/ecs/fields.tsv.
type fieldDef struct{ typ, source string }

func fieldTable(t *testing.T) map[string]fieldDef {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "fields.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defs := map[string]fieldDef{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("fields.tsv: bad line %q", line)
		}
		defs[cols[0]] = fieldDef{cols[1], cols[2]}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return defs
}

// Every key path written is defined in the field table, with a JSON value
// of the type the definition demands, and every defined field is exercised.
func TestFieldsMatchDefinitions(t *testing.T) {
	defs := fieldTable(t)
	used := map[string]bool{}
	out := write(t, sample(), opts)
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		var doc map[string]any
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
		var walk func(path string, v any)
		walk = func(path string, v any) {
			if def, ok := defs[path]; ok {
				used[path] = true
				if err := checkType(def.typ, v); err != nil {
					t.Errorf("document %d: %s (%s, %s): %v", i, path, def.typ, def.source, err)
				}
				return
			}
			obj, ok := v.(map[string]any)
			if !ok {
				t.Errorf("document %d: %s = %v is not a defined field", i, path, v)
				return
			}
			for k, sub := range obj {
				if path == "" {
					walk(k, sub)
				} else {
					walk(path+"."+k, sub)
				}
			}
		}
		walk("", doc)
		required := []string{"@timestamp", "ecs.version", "event.kind", "winlog.record_id", "eventlens.class", "eventlens.decoded"}
		if has(doc, "eventlens.decoded") && doc["eventlens"].(map[string]any)["decoded"] == true {
			required = append(required, "event.code", "log.level", "winlog.event_id")
		}
		for _, req := range required {
			if !has(doc, req) {
				t.Errorf("document %d lacks %s", i, req)
			}
		}
	}
	for path := range defs {
		if !used[path] {
			t.Errorf("%s is defined but the sample never writes it", path)
		}
	}
}

func has(doc map[string]any, path string) bool {
	var v any = doc
	for p := range strings.SplitSeq(path, ".") {
		if p == "" {
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		if v, ok = m[p]; !ok {
			// "@timestamp" and other top-level names hold no dots.
			return false
		}
	}
	return true
}

// checkType checks a JSON value against an Elasticsearch field type as
// eventlens uses it: keyword and text as strings (keyword may be an array of
// strings), date as an RFC 3339 string, long as an integer, boolean as a
// boolean, object:keyword as an object of strings.
func checkType(typ string, v any) error {
	switch typ {
	case "keyword":
		if arr, ok := v.([]any); ok {
			for _, x := range arr {
				if _, ok := x.(string); !ok {
					return fmt.Errorf("array member %v is not a string", x)
				}
			}
			return nil
		}
		fallthrough
	case "match_only_text":
		if _, ok := v.(string); !ok {
			return fmt.Errorf("%v is not a string", v)
		}
	case "date":
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%v is not a string", v)
		}
		if _, err := time.Parse(time.RFC3339Nano, s); err != nil {
			return err
		}
	case "long":
		n, ok := v.(json.Number)
		if !ok {
			return fmt.Errorf("%v is not a number", v)
		}
		if _, err := n.Int64(); err != nil {
			return fmt.Errorf("%v is not an integer", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%v is not a boolean", v)
		}
	case "object:keyword":
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%v is not an object", v)
		}
		for k, x := range m {
			if _, ok := x.(string); !ok {
				return fmt.Errorf("member %q = %v is not a string", k, x)
			}
		}
	default:
		return fmt.Errorf("unknown type %q in fields.tsv", typ)
	}
	return nil
}

// The output is NDJSON an Elasticsearch bulk load accepts as documents: one
// UTF-8 JSON object per line, no duplicate keys, field names that are not
// empty, blank or dotted at the ends, no metadata names (_id, …) at the top,
// and nesting within the default depth limit of 20.
func TestBulkLoadable(t *testing.T) {
	for _, action := range []string{"", "index", "create"} {
		o := opts
		o.BulkAction = action
		o.Message = func(e *model.Event) model.Rendered { return model.Rendered{Text: "explained: " + e.Message} }
		out := write(t, sample(), o)
		if !bytes.HasSuffix(out, []byte("\n")) || !utf8.Valid(out) {
			t.Fatalf("action %q: output does not end in a line feed or is not UTF-8", action)
		}
		lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
		if action != "" {
			if len(lines) != 2*len(sample()) {
				t.Fatalf("action %q: %d lines, want %d", action, len(lines), 2*len(sample()))
			}
			var docs []string
			for i := 0; i < len(lines); i += 2 {
				if lines[i] != `{"`+action+`":{}}` {
					t.Errorf("action line %q", lines[i])
				}
				docs = append(docs, lines[i+1])
			}
			lines = docs
		}
		if len(lines) != len(sample()) {
			t.Fatalf("%d documents, want %d", len(lines), len(sample()))
		}
		for i, line := range lines {
			if err := checkDocument(line); err != nil {
				t.Errorf("action %q, document %d: %v\n%s", action, i, err, line)
			}
			if !strings.Contains(line, `"message":"explained: `) {
				t.Errorf("document %d: Options.Message not used", i)
			}
		}
	}
}

func checkDocument(line string) error {
	dec := json.NewDecoder(strings.NewReader(line))
	var walk func(depth int, top bool) error
	walk = func(depth int, top bool) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			if depth > 20 {
				return fmt.Errorf("nesting deeper than 20")
			}
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k := kt.(string)
				switch {
				case seen[k]:
					return fmt.Errorf("duplicate key %q", k)
				case strings.TrimSpace(k) == "":
					return fmt.Errorf("blank key %q", k)
				case strings.HasPrefix(k, ".") || strings.HasSuffix(k, ".") || strings.Contains(k, ".."):
					return fmt.Errorf("key %q is an ambiguous object path", k)
				case top && strings.HasPrefix(k, "_"):
					return fmt.Errorf("metadata field %q inside a document", k)
				}
				seen[k] = true
				if err := walk(depth+1, false); err != nil {
					return err
				}
			}
			_, err = dec.Token() // '}'
			return err
		case json.Delim('['):
			for dec.More() {
				if err := walk(depth+1, false); err != nil {
					return err
				}
			}
			_, err = dec.Token() // ']'
			return err
		}
		return nil
	}
	if !strings.HasPrefix(line, "{") {
		return fmt.Errorf("not a JSON object")
	}
	if err := walk(0, true); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("text after the document")
	}
	return nil
}

// EventData and UserData follow Winlogbeat's naming.
func TestWinlogbeatMapping(t *testing.T) {
	out := write(t, sample()[:3], ecs.Options{})
	var docs []map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		var d map[string]any
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	wl := docs[0]["winlog"].(map[string]any)
	got, _ := json.Marshal(wl["event_data"])
	want := `{"Binary":"DEADBEEF","Error_Code":"0x800423F4","Text":"line one\nline two","VmName":"VM01","param2":"unnamed second","param6":"named Data, as param6"}`
	if string(got) != want {
		t.Errorf("event_data = %s\nwant %s", got, want)
	}
	if kw := fmt.Sprint(wl["keywords"]); kw != "[Classic 0x1]" {
		t.Errorf("keywords = %s", kw)
	}
	if wl["opcode"] != "Start" || wl["task"] != "3" || wl["event_id"] != "10172" || wl["record_id"] != "1234" {
		t.Errorf("winlog = %v", wl)
	}
	csv := docs[1]
	if csv["winlog"].(map[string]any)["task"] != "Logon" || csv["event"].(map[string]any)["outcome"] != "success" {
		t.Errorf("CSV-sourced document = %v", csv)
	}
	ud, _ := json.Marshal(docs[2]["winlog"].(map[string]any)["user_data"])
	if want := `{"Bad�Name":"bad � UTF-8","Detail/Error":"0x0","PackageIdentifier":"KB975354","xml_name":"CbsPackageChangeState"}`; string(ud) != want {
		t.Errorf("user_data = %s\nwant %s", ud, want)
	}
	if p := docs[2]["event"].(map[string]any)["provider"]; p != "Legacy Source" {
		t.Errorf("event.provider = %v, want the EventSourceName", p)
	}
}

// Events read from an Event Viewer export become valid documents too.
func TestFromEventViewerExport(t *testing.T) {
	data, err := os.ReadFile("../../testdata/evtext/ja-cp932.csv")
	if err != nil {
		t.Fatal(err)
	}
	var evs []*model.Event
	var rep model.FileReport
	err = evtext.Read(context.Background(), bytes.NewReader(data), "ja-cp932.csv", func(b []model.Event) {
		for i := range b {
			evs = append(evs, &b[i])
		}
	}, &rep)
	if err != nil || len(evs) != 5 {
		t.Fatalf("read %d events: %v", len(evs), err)
	}
	out := write(t, evs, ecs.Options{})
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	for i, line := range lines {
		if err := checkDocument(line); err != nil {
			t.Errorf("document %d: %v", i, err)
		}
	}
	want := `{"@timestamp":"2011-06-01T09:05:00Z","message":"\"VM01\" のネットワーク ドライバーを読み込めません。\nサーバー バージョン 3.2、クライアント バージョン 0.1 (VMID)","ecs":{"version":"9.4.0"},"event":{"kind":"event","code":"26","provider":"VMSMP"},"log":{"level":"error","file":{"path":"ja-cp932.csv"}},"winlog":{"event_id":"26","provider_name":"VMSMP","record_id":"2","task":"なし"},"eventlens":{"class":"unknown","decoded":true,"file":"ja-cp932.csv","message_source":"log"}}`
	if lines[1] != want {
		t.Errorf("document 1 =\n%s\nwant\n%s", lines[1], want)
	}
}

func TestUnknownBulkAction(t *testing.T) {
	if err := ecs.Write(io.Discard, nil, ecs.Options{BulkAction: "delete"}); err == nil {
		t.Error("Write accepted bulk action delete")
	}
}

func BenchmarkWrite(b *testing.B) {
	evs := make([]*model.Event, 0, 10_000)
	for range 2000 {
		evs = append(evs, sample()...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := ecs.Write(io.Discard, slices.Values(evs), ecs.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Whatever the log holds, every document passes the bulk-load checks.
func FuzzWrite(f *testing.F) {
	f.Add("Provider", "Name", "value", "Root/Leaf", "message\r\n", "task")
	f.Add("", ".", "", "/", "", "")
	f.Add("\xff", "a..b", "\x00", "_id/x", "\u2028", "\"")
	f.Fuzz(func(t *testing.T, provider, name, value, udName, msg, task string) {
		e := &model.Event{
			Provider: provider, Message: msg, TaskName: task, Computer: value, Channel: name,
			Data:     []model.Data{{Name: name, Value: value}, {Name: "", Value: value}, {Name: name, Value: msg}},
			UserData: []model.Data{{Name: udName, Value: value}, {Name: name, Value: msg}},
			Decoded:  true, CatalogID: name,
		}
		var b bytes.Buffer
		if err := ecs.Write(&b, slices.Values([]*model.Event{e}), ecs.Options{BulkAction: "create"}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if len(lines) != 2 || !utf8.ValidString(b.String()) {
			t.Fatalf("output is not one action and one document line: %q", b.String())
		}
		if err := checkDocument(lines[1]); err != nil {
			t.Fatalf("%v\n%s", err, lines[1])
		}
	})
}
