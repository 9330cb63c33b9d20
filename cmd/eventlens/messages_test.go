package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/msgdb/msgdbtest"
)

// messageCase is an .evtx with one event outside the catalog, and a
// message database (our own text) that knows it.
func messageCase(t *testing.T) (evtx, db string) {
	t.Helper()
	dir := t.TempDir()
	ev := &model.Event{RecordID: 1, Time: time.Date(2011, 6, 1, 10, 0, 0, 0, time.UTC), Level: model.LevelInformation,
		Provider: "Test-Service-Manager", EventID: 7036, Qualifiers: 0x4000, HasQualifiers: true, Channel: "System",
		Computer: "HV01", Decoded: true, Data: []model.Data{{Name: "param1", Value: "Print Queue"}, {Name: "param2", Value: "running"}}}
	evtx = writeEVTX(t, dir, ev)
	db = filepath.Join(dir, "messages.db")
	if err := msgdbtest.Write(db, msgdbtest.Options{Language: "en-US"},
		msgdbtest.Template{Provider: "test-service-manager", EventID: 7036, Message: "Unit %1 is now %2.%r%n"}); err != nil {
		t.Fatal(err)
	}
	return evtx, db
}

// exportOne runs export as JSON Lines and returns its one record.
func exportOne(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, stderr := runCLI(t, append([]string{"export", "--no-cache"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &rec); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return rec
}

func TestExportMessages(t *testing.T) {
	evtx, db := messageCase(t)
	sep := string(os.PathListSeparator)
	tests := []struct {
		name            string
		env             string
		args            []string
		message, source string
		culture         string
	}{
		{"without a database nothing changes", "", nil, "Test-Service-Manager 7036: param1=Print Queue, param2=running", "data", ""},
		{"--messages", "", []string{"--messages", db}, "Unit Print Queue is now running.", "database", "en-US"},
		{"EVENTLENS_MESSAGES path list", "missing-is-fine-only-if-empty" + sep + db, nil, "", "", ""},
		{"EVENTLENS_MESSAGES", sep + db + sep, nil, "Unit Print Queue is now running.", "database", "en-US"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("EVENTLENS_MESSAGES", tt.env)
			if tt.message == "" {
				code, _, stderr := runCLI(t, "export", "--no-cache", evtx)
				if code != exitError || !strings.Contains(stderr, "missing-is-fine-only-if-empty") {
					t.Errorf("a missing database in EVENTLENS_MESSAGES: exit %d, %s", code, stderr)
				}
				return
			}
			rec := exportOne(t, append(tt.args, evtx)...)
			if rec["message"] != tt.message || rec["message_source"] != tt.source || rec["message_culture"] != tt.culture {
				t.Errorf("message %q from %q (%q), want %q from %q (%q)", rec["message"], rec["message_source"], rec["message_culture"],
					tt.message, tt.source, tt.culture)
			}
		})
	}
}

func TestMessagesAndZoneErrors(t *testing.T) {
	evtx, _ := messageCase(t)
	notDB := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notDB, []byte("not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"not a database", []string{"export", "--messages", notDB, evtx}, exitError, "message database " + notDB + ": not an SQLite database"},
		{"triage too", []string{"triage", "--messages", notDB, evtx}, exitError, "not an SQLite database"},
		{"unknown zone", []string{"export", "--tz", "Mars/Olympus", evtx}, exitUsage, `unknown time zone "Mars/Olympus"`},
		{"bad offset", []string{"triage", "--tz", "+25:00", evtx}, exitUsage, "want an offset like +09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("EVENTLENS_MESSAGES", "")
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}

// --tz reads an Event Viewer CSV export's zone-less times in the zone
// given, and the load report says so.
func TestExportZone(t *testing.T) {
	csv := filepath.Join(t.TempDir(), "System.csv")
	if err := os.WriteFile(csv, []byte("Level,Date and Time,Source,Event ID,Task Category\r\n"+
		"Information,6/1/2011 7:02:00 PM,P,3,None,\"m\"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ tz, time, zone string }{
		{"Asia/Tokyo", "2011-06-01T10:02:00Z", "Asia/Tokyo UTC+09:00"},
		{"+09:00", "2011-06-01T10:02:00Z", "UTC+09:00"},
		{"UTC", "2011-06-01T19:02:00Z", "UTC"},
		{"Europe/Amsterdam", "2011-06-01T17:02:00Z", "Europe/Amsterdam UTC+02:00"}, // June: summer time
	} {
		code, out, stderr := runCLI(t, "export", "--no-cache", "--tz", tt.tz, csv)
		if code != exitOK || !strings.Contains(out, `"time":"`+tt.time+`"`) {
			t.Errorf("--tz %s: exit %d, %s; want time %s", tt.tz, code, out, tt.time)
		}
		if !strings.Contains(stderr, "times without a zone read as "+tt.zone+" (--tz)") {
			t.Errorf("--tz %s: the report does not name the zone %s:\n%s", tt.tz, tt.zone, stderr)
		}
	}
}

// Without --tz, zone-less times are read in this machine's zone, and the
// reports of export, triage (in every language) say so, with the offsets in
// effect over the file's events (June 2011 in Amsterdam: +02:00, whatever
// the offset today), never "(--tz)".
func TestMachineZoneLabel(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	saved := time.Local
	time.Local = ams // as TZ=Europe/Amsterdam would at start-up
	t.Cleanup(func() { time.Local = saved })
	t.Setenv("TZ", "Europe/Amsterdam")
	csv := fixture("evtext", "en-us.csv")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"export"}, "times without a zone read as Europe/Amsterdam UTC+02:00 (this machine's zone)"},
		{[]string{"triage", "--lang", "en"}, "times without a zone read as Europe/Amsterdam UTC+02:00 (this machine's zone)"},
		{[]string{"triage", "--lang", "nl"}, "tijden zonder zone gelezen als Europe/Amsterdam UTC+02:00 (de zone van deze computer)"},
		{[]string{"triage", "--lang", "ja"}, "タイムゾーンのない時刻を Europe/Amsterdam UTC+02:00 として読み込み（このマシンのタイムゾーン）"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, append(append(tt.args, "--no-cache"), csv)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		if !strings.Contains(out+stderr, tt.want) || strings.Contains(out+stderr, "(--tz)") || strings.Contains(out+stderr, "+01:00") {
			t.Errorf("%v: want %q, never (--tz) or +01:00:\n%s\n%s", tt.args, tt.want, out, stderr)
		}
	}
}

// --query reads its times in the --tz zone, as the viewer does: the CSV's
// 10:15:30 row (read in that zone) is between 10:00 and 10:30 there.
func TestQueryZone(t *testing.T) {
	csv := fixture("evtext", "en-us.csv")
	const q = `after:"2011-06-01 10:00" before:"2011-06-01 10:30"`
	tests := []struct {
		cmd, tz string
		want    string // in the output
	}{
		{"export", "Asia/Tokyo", `"time":"2011-06-01T01:15:30Z"`},
		{"export", "UTC", `"time":"2011-06-01T10:15:30Z"`},
		{"export", "-05:00", `"time":"2011-06-01T15:15:30Z"`},
		{"triage", "Asia/Tokyo", "7036"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, tt.cmd, "--no-cache", "--lang", "en", "--tz", tt.tz, "--query", q, csv)
		if code != exitOK {
			t.Fatalf("%s --tz %s: exit %d: %s", tt.cmd, tt.tz, code, stderr)
		}
		if !strings.Contains(out, tt.want) {
			t.Errorf("%s --tz %s --query %s: want %s in:\n%s", tt.cmd, tt.tz, q, tt.want, out)
		}
		if tt.cmd == "export" && strings.Count(out, "\n") != 1 {
			t.Errorf("%s --tz %s: want one event, got:\n%s", tt.cmd, tt.tz, out)
		}
	}
}
