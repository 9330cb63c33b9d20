package model

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"
)

var update = flag.Bool("update", false, "rewrite generated fixtures in testdata")

const xmlDir = "../testdata/xml"

// utf16Fixture is generated from its UTF-8 twin (the way wevtutil writes
// when redirected: UTF-16 LE with a BOM).
const utf16Fixture = "wevtutil-utf16le.xml"

func genUTF16(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(xmlDir, "wevtutil-utf8.xml"))
	if err != nil {
		t.Fatal(err)
	}
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(src)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGeneratedFixturesUpToDate(t *testing.T) {
	want := genUTF16(t)
	path := filepath.Join(xmlDir, utf16Fixture)
	if *update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is stale or missing (%v); run go test ./model -run TestGeneratedFixturesUpToDate -update", path, err)
	}
	if !bytes.HasPrefix(got, []byte{0xFF, 0xFE}) {
		t.Fatal("UTF-16 fixture lacks its BOM")
	}
}

// loadFile loads one file and fails the test on anything but success.
func loadFile(t *testing.T, path string) ([]Event, FileReport) {
	t.Helper()
	var evs []Event
	var updates int
	reps, err := Load(context.Background(), []string{path}, LoadOptions{}, func(u Update) {
		updates++
		evs = append(evs, u.Events...)
	})
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	if len(reps) != 1 {
		t.Fatalf("Load(%s): %d reports, want 1", path, len(reps))
	}
	if reps[0].Err != nil {
		t.Fatalf("Load(%s): %v", path, reps[0].Err)
	}
	return evs, reps[0]
}

func TestSaveAsXMLJapanese(t *testing.T) {
	path := filepath.Join(xmlDir, "saveas-ja.xml")
	evs, rep := loadFile(t, path)
	if rep.Format != "xml" || rep.RecordsDecoded != 4 || !rep.Clean() {
		t.Fatalf("report = %+v", rep)
	}
	if len(evs) != 4 {
		t.Fatalf("got %d events, want 4", len(evs))
	}
	e := evs[0]
	wantTime := time.Date(2024, 1, 15, 9, 30, 12, 123456700, time.UTC)
	if !e.Time.Equal(wantTime) || e.Time.Location() != time.UTC {
		t.Errorf("Time = %v, want %v", e.Time, wantTime)
	}
	checks := []struct{ field, got, want string }{
		{"File", e.File, path},
		{"Provider", e.Provider, "Microsoft-Windows-Hyper-V-VMMS"},
		{"ProviderGUID", e.ProviderGUID, "{6066F867-7CA1-4418-85FD-36E3F9C0600C}"},
		{"Channel", e.Channel, "Microsoft-Windows-Hyper-V-VMMS-Admin"},
		{"Computer", e.Computer, "HV01.example.local"},
		{"UserSID", e.UserSID, "S-1-5-18"},
		{"Message", e.Message, "'テスト仮想マシン' が起動しました。 (仮想マシン ID 5D4B3A2C-1E0F-4A9B-8C7D-6E5F4A3B2C1D)"},
		{"MessageCulture", e.MessageCulture, "ja-JP"},
		{"Level", e.Level.String(), "information"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if e.EventID != 18500 || e.RecordID != 1042 || e.ProcessID != 3120 || e.ThreadID != 4412 || e.Keywords != 0x8000000000000000 || !e.Decoded {
		t.Errorf("numbers wrong: %+v", e)
	}
	if v, _ := e.DataValue("VmName"); v != "テスト仮想マシン" {
		t.Errorf("VmName = %q", v)
	}
	if e.Offset <= 0 {
		t.Errorf("Offset = %d", e.Offset)
	}

	scm := evs[1]
	if !scm.HasQualifiers || scm.Qualifiers != 16384 || scm.EventID != 7036 || scm.EventSourceName != "Service Control Manager" {
		t.Errorf("SCM event: %+v", scm)
	}
	if scm.Binary != "770075006100750073006500720076002F0034000000" {
		t.Errorf("Binary = %q", scm.Binary)
	}
	if !scm.Time.Equal(time.Date(2024, 1, 15, 9, 31, 0, 100, time.UTC)) {
		t.Errorf("100 ns precision lost: %v", scm.Time)
	}

	cbs := evs[2]
	wantUser := []Data{
		{Name: "CbsPackageChangeState/PackageIdentifier", Value: "KB975354"},
		{Name: "CbsPackageChangeState/IntendedPackageState", Value: "Installed"},
		{Name: "CbsPackageChangeState/ErrorCode", Value: "0x0"},
		{Name: "CbsPackageChangeState/Client", Value: "Windows Update Agent"},
	}
	if !equalData(cbs.UserData, wantUser) {
		t.Errorf("UserData = %q, want %q", cbs.UserData, wantUser)
	}
	if cbs.Level != LevelLogAlways || len(cbs.Data) != 0 {
		t.Errorf("CBS event: %+v", cbs)
	}

	app := evs[3]
	wantData := []Data{{Name: "first", Value: "1"}, {Name: "", Value: "unnamed <two>"}, {Name: "third", Value: "3"}, {Name: "", Value: ""}, {Name: "", Value: "line one\r\nline two"}}
	if !equalData(app.Data, wantData) {
		t.Errorf("Data = %q, want %q (order, unnamed and empty kept)", app.Data, wantData)
	}
	if !app.HasQualifiers || app.Qualifiers != 0 || app.Level != LevelError {
		t.Errorf("app event: %+v", app)
	}
	if app.TaskName != "(100)" {
		t.Errorf("TaskName = %q", app.TaskName)
	}
	if app.Message != "障害が発生しているアプリケーション名: app.exe\n二行目" {
		t.Errorf("Message = %q", app.Message)
	}
}

func equalData(a, b []Data) bool {
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

// TestWevtutilShapes loads the same concatenated <Event> stream as UTF-8
// without BOM and as UTF-16 LE with BOM: same events, offsets pointing at
// each <Event> in its own file.
func TestWevtutilShapes(t *testing.T) {
	var first []Event
	for _, name := range []string{"wevtutil-utf8.xml", utf16Fixture} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(xmlDir, name)
			evs, rep := loadFile(t, path)
			if !rep.Clean() || rep.RecordsDecoded != 3 || len(evs) != 3 {
				t.Fatalf("report %+v, %d events", rep, len(evs))
			}
			if v, _ := evs[0].DataValue("MiniportName"); v != "Microsoft Hyper-V Network Adapter" {
				t.Errorf("MiniportName = %q", v)
			}
			if d := evs[1].Data; len(d) != 2 || d[0] != (Data{Name: "", Value: "ディスク 0"}) || d[1] != (Data{Name: "", Value: "0x80070015"}) {
				t.Errorf("unnamed data = %q", d)
			}
			if evs[1].Provider != "Virtual Disk Service" || !evs[1].HasQualifiers {
				t.Errorf("classic provider: %+v", evs[1])
			}
			if evs[2].Message != "The system time has changed." || evs[2].MessageCulture != "en-US" {
				t.Errorf("rendered: %q %q", evs[2].Message, evs[2].MessageCulture)
			}
			if first == nil {
				first = evs
				return
			}
			for i := range evs {
				a, b := first[i], evs[i]
				a.File, a.Offset, b.File, b.Offset = "", 0, "", 0
				if a.Time != b.Time || a.Provider != b.Provider || !equalData(a.Data, b.Data) || a.Message != b.Message {
					t.Errorf("event %d differs between encodings:\n%+v\n%+v", i, first[i], evs[i])
				}
			}
			for _, e := range evs {
				raw, err := RawXML(&e)
				if err != nil || !strings.HasPrefix(raw, "<Event") || !strings.HasSuffix(raw, "</Event>") {
					t.Errorf("RawXML(record %d) = %q, %v", e.RecordID, raw, err)
				}
			}
			raw, _ := RawXML(&evs[1])
			if !strings.Contains(raw, "ディスク 0") {
				t.Errorf("RawXML of record 1002 = %q", raw)
			}
		})
	}
}

func TestMalformedEventSkipped(t *testing.T) {
	path := filepath.Join(xmlDir, "malformed.xml")
	evs, rep := loadFile(t, path)
	var ids []uint64
	for _, e := range evs {
		ids = append(ids, e.RecordID)
	}
	want := []uint64{1, 2, 4, 7}
	if len(ids) != len(want) {
		t.Fatalf("records %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("records %v, want %v", ids, want)
		}
	}
	if rep.RecordsDecoded != 4 || rep.RecordsSkipped != 3 || len(rep.Problems) != 3 {
		t.Fatalf("report: %+v", rep)
	}
	for i, line := range []string{"line 3", "line 5", "line 6"} {
		if !strings.Contains(rep.Problems[i].Reason.String(), line) {
			t.Errorf("problem %d = %q, want it to name %s", i, rep.Problems[i].Reason.String(), line)
		}
	}
}

// TestXMLSplitBoundaries feeds the splitter through a reader that returns
// one byte at a time, so tags straddle every possible read boundary.
func TestXMLSplitBoundaries(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(xmlDir, "malformed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var rep FileReport
	var got []uint64
	readXML(oneByte{bytes.NewReader(src)}, "x", 2, 3, &rep, func(evs []Event, _ int64) bool {
		for _, e := range evs {
			got = append(got, e.RecordID)
		}
		return true
	})
	if len(got) != 4 || rep.RecordsSkipped != 3 {
		t.Fatalf("got %v, report %+v", got, rep)
	}
}

type oneByte struct{ r *bytes.Reader }

func (o oneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

func TestXMLEdgeCases(t *testing.T) {
	ev := "<Event><System><EventRecordID>9</EventRecordID></System></Event>"
	cases := []struct {
		name             string
		in               string
		decoded, skipped int
	}{
		{"events root", "<?xml version='1.0'?><Events>" + ev + "</Events>", 1, 0},
		{"leading whitespace", "\r\n  " + ev, 1, 0},
		{"Events not Event", "<Events></Events>", 0, 0},
		{"close with space", "<Event><System/></Event >" + ev, 2, 0},
		{"truncated", ev + "<Event><System><EventRecordID>1", 1, 1},
		{"self-closed", "<Event/>" + ev, 1, 1}, // an empty <Event/> carries nothing: reported
		{"garbage between", ev + "junk & < > " + ev, 2, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var rep FileReport
			n := 0
			readXML(strings.NewReader(c.in), "x", 10, 2, &rep, func(evs []Event, _ int64) bool { n += len(evs); return true })
			if rep.RecordsDecoded != c.decoded || rep.RecordsSkipped != c.skipped || n != c.decoded {
				t.Errorf("decoded %d skipped %d delivered %d, want %d/%d; problems %v", rep.RecordsDecoded, rep.RecordsSkipped, n, c.decoded, c.skipped, rep.Problems)
			}
		})
	}
}

func TestLoadAllTimeline(t *testing.T) {
	inputs := []string{filepath.Join(xmlDir, "saveas-ja.xml"), filepath.Join(xmlDir, "wevtutil-utf8.xml"), filepath.Join(xmlDir, "malformed.xml")}
	evs, reps, err := LoadAll(context.Background(), inputs, LoadOptions{Workers: 3, BatchSize: 2})
	if err != nil || len(reps) != 3 || len(evs) != 4+3+4 {
		t.Fatalf("%v, %d reports, %d events", err, len(reps), len(evs))
	}
	for i, r := range reps {
		if r.Path != inputs[i] {
			t.Errorf("report %d is %s, want %s (input order)", i, r.Path, inputs[i])
		}
	}
	for i := 1; i < len(evs); i++ {
		if Less(&evs[i], &evs[i-1]) {
			t.Fatalf("event %d (%v %s %d) before event %d (%v)", i, evs[i].Time, evs[i].File, evs[i].RecordID, i-1, evs[i-1].Time)
		}
	}
}
