package evtext_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"eventlens/model"
	"eventlens/model/evtext"
)

var update = flag.Bool("update", false, "rewrite generated fixtures in testdata/evtext")

const dir = "../../testdata/evtext"

// generated lists the fixtures made from a hand-written UTF-8 twin, in the
// encodings Windows writes.
var generated = []struct {
	name, from string
	enc        encoding.Encoding // nil: UTF-8 with a BOM
}{
	{"en-gb-utf16le.txt", "en-gb.txt", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)},
	{"en-us-utf16le.csv", "en-us.csv", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)},
	{"ja-cp932.csv", "ja.csv", japanese.ShiftJIS},
	{"ja-utf8bom.csv", "ja.csv", nil},
	{"nl-cp1252.csv", "nl.csv", charmap.Windows1252},
}

func generate(t testing.TB, from string, enc encoding.Encoding) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, from))
	if err != nil {
		t.Fatal(err)
	}
	if enc == nil {
		return append([]byte("\xEF\xBB\xBF"), src...)
	}
	out, err := enc.NewEncoder().Bytes(src)
	if err != nil {
		t.Fatalf("encoding %s: %v", from, err)
	}
	return out
}

func TestGeneratedFixturesUpToDate(t *testing.T) {
	for _, g := range generated {
		want := generate(t, g.from, g.enc)
		path := filepath.Join(dir, g.name)
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale or missing (%v); run go test ./model/evtext -run TestGeneratedFixturesUpToDate -update", path, err)
		}
	}
}

// read reads one fixture and fails the test on a read error.
func read(t testing.TB, name string, opts evtext.Options) ([]model.Event, model.FileReport) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return readBytes(t, name, data, opts)
}

func readBytes(t testing.TB, name string, data []byte, opts evtext.Options) ([]model.Event, model.FileReport) {
	t.Helper()
	var evs []model.Event
	var rep model.FileReport
	err := evtext.ReadWith(context.Background(), bytes.NewReader(data), name, opts, func(b []model.Event) {
		evs = append(evs, b...)
	}, &rep)
	if err != nil {
		t.Fatalf("Read(%s): %v", name, err)
	}
	return evs, rep
}

// want is the part of an event a fixture pins down.
type want struct {
	level    model.Level
	keywords uint64
	time     string // wall-clock reading, "2006-01-02 15:04:05"
	provider string
	id       uint16
	task     string
	message  string
}

func at(s string) time.Time {
	t, err := time.Parse(time.DateTime, s)
	if err != nil {
		panic(err)
	}
	return t
}

var enUS = []want{
	{model.LevelInformation, 0, "2011-06-01 10:15:30", "Service Control Manager", 7036, "None", "The Windows Update service entered the running state."},
	{model.LevelWarning, 0, "2011-06-01 09:02:11", "Hyper-V-VMMS", 18012, "None", "Backup of \"VM01\" was taken, but\nthe guest could not be quiesced.\n\nSee the Hyper-V-VMMS log."},
	{model.LevelError, 0, "2011-05-31 23:59:59", "VMSMP", 26, "None", "The network driver for \"VM01\" cannot be loaded: server version 3.2, client version 0.1 (VMID)"},
	{model.LevelCritical, 0, "2011-05-31 00:00:01", "Kernel-Power", 41, "(63)", "The system has rebooted without cleanly shutting down first."},
	{model.LevelVerbose, 0, "2011-05-30 13:05:00", "Example-Provider", 5, "Task 1", "A verbose event."},
}

var enGB = []want{
	{model.LevelInformation, 0, "2011-06-01 10:15:30", "Service Control Manager", 7036, "None", "The Windows Update service entered the running state."},
	{model.LevelError, 0, "2011-06-02 08:00:00", "VMSMP", 26, "None", "Line one,\nline two\twith a tab"},
	{model.LevelWarning, 0, "2011-05-13 17:45:00", "disk", 153, "None", "The IO operation at logical block address 0x1 was retried."},
}

var ja = []want{
	{model.LevelInformation, 0, "2011-06-01 10:15:30", "Service Control Manager", 7036, "なし", "Windows Update サービスは 実行中 状態に移行しました。"},
	{model.LevelError, 0, "2011-06-01 09:05:00", "VMSMP", 26, "なし", "\"VM01\" のネットワーク ドライバーを読み込めません。\nサーバー バージョン 3.2、クライアント バージョン 0.1 (VMID)"},
	{model.LevelWarning, 0, "2011-05-31 23:00:00", "storvsp", 5, "なし", "ストレージの警告です。"},
	{model.LevelCritical, 0, "2011-05-31 22:00:00", "Kernel-Power", 41, "(63)", "システムは正常にシャットダウンする前に再起動しました。"},
	{model.LevelVerbose, 0, "2011-05-31 21:00:00", "Example-Provider", 1, "なし", "詳細なイベントです。"},
}

var nl = []want{
	{model.LevelInformation, 0, "2011-06-01 10:15:30", "Service Control Manager", 7036, "Geen", "De service Windows Update heeft nu de status Wordt uitgevoerd."},
	{model.LevelError, 0, "2011-05-31 08:00:00", "Hyper-V-VMMS", 10172, "Geen", "De back-up is mislukt; één volume was niet beschikbaar:\n0x800423F4."},
	{model.LevelWarning, 0, "2011-05-31 07:00:00", "disk", 153, "Geen", "Een I/O-bewerking is opnieuw geprobeerd."},
	{model.LevelCritical, 0, "2011-05-30 23:59:59", "Kernel-Power", 41, "(63)", "Het systeem is opnieuw opgestart zonder eerst correct af te sluiten."},
	{model.LevelVerbose, 0, "2011-05-30 00:00:01", "Example-Provider", 1, "Geen", "Een uitgebreide gebeurtenis."},
}

var security = []want{
	{model.LevelLogAlways, 0x20_0000_0000_0000, "2011-06-01 10:15:30", "Microsoft Windows security auditing.", 4624, "Logon", "An account was successfully logged on.\n\nSubject:\n\tSecurity ID:\t\tSYSTEM"},
	{model.LevelLogAlways, 0x10_0000_0000_0000, "2011-06-01 10:16:00", "Microsoft Windows security auditing.", 4625, "Logon", "An account failed to log on."},
}

var unknownDE = []want{
	{model.LevelLogAlways, 0, "2011-06-01 10:15:30", "Service Control Manager", 7036, "Keine", "Der Dienst \"Windows Update\" wird ausgeführt."},
	{model.LevelLogAlways, 0, "2011-05-31 08:00:00", "VMSMP", 26, "Keine", "Ein Fehler,\nüber zwei Zeilen."},
}

func TestRead(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		culture  string
		want     []want
		problems int // unknown level names reported
	}{
		{"en-us.csv", evtext.FormatCSV, "en-US", enUS, 0},
		{"en-us-utf16le.csv", evtext.FormatCSV, "en-US", enUS, 0},
		{"en-gb.txt", evtext.FormatTXT, "en-GB", enGB, 0},
		{"en-gb-utf16le.txt", evtext.FormatTXT, "en-GB", enGB, 0},
		{"ja.csv", evtext.FormatCSV, "ja-JP", ja, 0},
		{"ja-utf8bom.csv", evtext.FormatCSV, "ja-JP", ja, 0},
		{"ja-cp932.csv", evtext.FormatCSV, "ja-JP", ja, 0},
		{"nl.csv", evtext.FormatCSV, "nl-NL", nl, 0},
		{"nl-cp1252.csv", evtext.FormatCSV, "nl-NL", nl, 0},
		{"security-en.csv", evtext.FormatCSV, "en-US", security, 0},
		{"unknown-de.csv", evtext.FormatCSV, "", unknownDE, 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			evs, rep := read(t, tt.file, evtext.Options{})
			if rep.Format != tt.format || rep.Path != tt.file || rep.RecordsDecoded != len(tt.want) || rep.RecordsSkipped != 0 || len(rep.Problems) != tt.problems {
				t.Fatalf("report = %+v", rep)
			}
			if len(evs) != len(tt.want) {
				t.Fatalf("%d events, want %d", len(evs), len(tt.want))
			}
			for i, w := range tt.want {
				e := evs[i]
				got := want{e.Level, e.Keywords, e.Time.Format(time.DateTime), e.Provider, e.EventID, e.TaskName, e.Message}
				if got != w {
					t.Errorf("event %d:\n got %+v\nwant %+v", i, got, w)
				}
				if !e.Time.Equal(at(w.time)) || e.Time.Location() != time.UTC {
					t.Errorf("event %d: time %v, want %s UTC", i, e.Time, w.time)
				}
				if e.File != tt.file || e.RecordID != uint64(i+1) || !e.Decoded || e.MessageCulture != tt.culture {
					t.Errorf("event %d: File %q RecordID %d Decoded %v Culture %q", i, e.File, e.RecordID, e.Decoded, e.MessageCulture)
				}
			}
		})
	}
}

// Every event's Offset points at its row in the file, whatever the encoding.
func TestOffsets(t *testing.T) {
	for _, tt := range []struct {
		file string
		enc  encoding.Encoding
	}{
		{"en-us.csv", nil},
		{"en-us-utf16le.csv", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"ja-cp932.csv", japanese.ShiftJIS},
		{"ja-utf8bom.csv", nil},
		{"nl-cp1252.csv", charmap.Windows1252},
	} {
		data, err := os.ReadFile(filepath.Join(dir, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		evs, _ := readBytes(t, tt.file, data, evtext.Options{})
		for _, e := range evs {
			// The row starts with the level name and the separator.
			level := []byte(strings.SplitN(rowOf(t, data, e.Offset, tt.enc), ",", 2)[0])
			if _, ok := map[string]bool{"Information": true, "Warning": true, "Error": true, "Critical": true, "Verbose": true,
				"情報": true, "警告": true, "エラー": true, "重大": true, "詳細": true,
				"Informatie": true, "Waarschuwing": true, "Fout": true, "Kritiek": true, "Uitgebreid": true}[string(level)]; !ok {
				t.Errorf("%s: offset %d of %s/%d points at %q", tt.file, e.Offset, e.Provider, e.EventID, level)
			}
		}
	}
}

func rowOf(t *testing.T, data []byte, off int64, enc encoding.Encoding) string {
	t.Helper()
	if off < 0 || off >= int64(len(data)) {
		t.Fatalf("offset %d outside the file", off)
	}
	b := data[off:]
	if len(b) > 64 {
		b = b[:64]
	}
	if enc != nil {
		d, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatalf("decoding at %d: %v", off, err)
		}
		b = d
	}
	return string(b)
}

func TestMalformedRowsAreSkipped(t *testing.T) {
	evs, rep := read(t, "malformed.csv", evtext.Options{})
	var got []string
	for _, e := range evs {
		got = append(got, fmt.Sprintf("%s#%d@%s", e.Provider, e.RecordID, e.Time.Format(time.DateTime)))
	}
	wantEvents := []string{"Good-One#1@2011-06-01 10:15:30", "Good-Two#5@2011-06-01 10:19:00", "Good-Three#7@2011-06-02 10:21:00"}
	if strings.Join(got, " ") != strings.Join(wantEvents, " ") {
		t.Errorf("events %q, want %q", got, wantEvents)
	}
	if rep.RecordsDecoded != 3 || rep.RecordsSkipped != 4 || rep.Err != nil {
		t.Errorf("report = %+v", rep)
	}
	wantProblems := []string{
		`line 3: field 2 (Date and Time): "yesterday at noon" is not a date and time; row skipped`,
		`line 4: field 4 (Event ID): "70000" is not an event ID (0–65535); row skipped`,
		`line 5: quoted field not closed before the next row at line 7; row skipped`,
		`line 8: field 2 (Date and Time): "6/31/2011 10:20:00 AM" is not a valid date and time; row skipped`,
	}
	if len(rep.Problems) != len(wantProblems) {
		t.Fatalf("problems = %+v", rep.Problems)
	}
	for i, p := range rep.Problems {
		if p.Reason.String() != wantProblems[i] || p.Offset <= 0 || p.Chunk != -1 {
			t.Errorf("problem %d = %+v, want %q", i, p, wantProblems[i])
		}
	}
}

func TestLocation(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	evs, _ := read(t, "ja.csv", evtext.Options{Location: tokyo})
	if want := at("2011-06-01 01:15:30"); !evs[0].Time.Equal(want) || evs[0].Time.Location() != time.UTC {
		t.Errorf("time %v, want %v UTC", evs[0].Time, want)
	}
}

func TestInline(t *testing.T) {
	const header = "Level,Date and Time,Source,Event ID,Task Category\n"
	tests := []struct {
		name, text string
		want       []string // provider|time|message
		skipped    int
	}{
		{"no header", "Information,6/1/2011 10:15:30 AM,P,1,None,\"m\"\n",
			[]string{"P|2011-06-01 10:15:30|m"}, 0},
		{"unquoted message with separators and more lines",
			header + "Information,6/1/2011 10:15:30 AM,P,1,None,a, b\nsecond line\n\nError,6/1/2011 10:16:00 AM,Q,2,None,x\n",
			[]string{"P|2011-06-01 10:15:30|a, b\nsecond line", "Q|2011-06-01 10:16:00|x"}, 0},
		{"LF line ends and no final line break", header + "Warning,5/31/2011 1:00:00 PM,P,3,None,\"m\"",
			[]string{"P|2011-05-31 13:00:00|m"}, 0},
		{"quoted field closed at EOF missing", header + "Warning,5/31/2011 1:00:00 PM,P,3,None,\"m\nmore",
			nil, 1},
		{"ambiguous day-first without AM/PM", header + "Information,01/02/2011 10:00:00,P,1,None,m\n",
			[]string{"P|2011-02-01 10:00:00|m"}, 0},
		{"ambiguous month-first with AM/PM", header + "Information,01/02/2011 10:00:00 PM,P,1,None,m\n",
			[]string{"P|2011-01-02 22:00:00|m"}, 0},
		{"later evidence decides earlier rows", header +
			"Information,01/02/2011 10:00:00,P,1,None,m\nInformation,01/20/2011 10:00:00,P,2,None,n\n",
			[]string{"P|2011-01-02 10:00:00|m", "P|2011-01-20 10:00:00|n"}, 0},
		{"lazy quotes", header + "Information,6/1/2011 10:15:30 AM,P,1,None,\"say \"hi\" now\"\n",
			[]string{"P|2011-06-01 10:15:30|say \"hi\" now"}, 0},
		{"fractional seconds and ISO dates", header + "Information,2011-06-01 10:15:30.1234567,P,1,None,m\n",
			[]string{"P|2011-06-01 10:15:30.1234567|m"}, 0},
		{"Japanese clock designator", "レベル,日付と時刻,ソース,イベント ID,タスクのカテゴリ\n情報,2011/06/01 午後 1:15:30,P,1,なし,m\n",
			[]string{"P|2011-06-01 13:15:30|m"}, 0},
		{"too few fields", header + "Information,6/1/2011 10:15:30 AM\n", nil, 1},
		{"year 1 is no time", header + "Information,0001-01-01 00:00:00,P,1,None,m\nInformation,2011-06-01 10:15:30,Q,2,None,n\n",
			[]string{"Q|2011-06-01 10:15:30|n"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs, rep := readBytes(t, "inline.csv", []byte(tt.text), evtext.Options{})
			var got []string
			for _, e := range evs {
				got = append(got, e.Provider+"|"+e.Time.Format("2006-01-02 15:04:05.9999999")+"|"+e.Message)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) || rep.RecordsSkipped != tt.skipped {
				t.Errorf("got %q (skipped %d), want %q (skipped %d); problems %+v", got, rep.RecordsSkipped, tt.want, tt.skipped, rep.Problems)
			}
		})
	}
}

func TestNotAnExport(t *testing.T) {
	for _, text := range []string{"", "\n\n", "hello\n", "<Events><Event/></Events>", "a,b\n1,2\n"} {
		var rep model.FileReport
		err := evtext.Read(context.Background(), strings.NewReader(text), "x", func([]model.Event) {}, &rep)
		if !errors.Is(err, evtext.ErrNotExport) || rep.Err == nil {
			t.Errorf("Read(%q) = %v, report err %v; want ErrNotExport", text, err, rep.Err)
		}
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var rep model.FileReport
	err := evtext.Read(ctx, bytes.NewReader(bigExport(2000)), "big.csv", func([]model.Event) {}, &rep)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// Reading byte by byte gives the same events as reading at once: nothing
// depends on how the reader delivers its data.
func TestStreaming(t *testing.T) {
	for _, name := range []string{"en-us-utf16le.csv", "ja-cp932.csv", "malformed.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		whole, _ := readBytes(t, name, data, evtext.Options{})
		var evs []model.Event
		var rep model.FileReport
		err = evtext.ReadWith(context.Background(), iotest.OneByteReader(bytes.NewReader(data)), name, evtext.Options{BatchSize: 1},
			func(b []model.Event) {
				if len(b) != 1 {
					t.Errorf("batch of %d, want 1", len(b))
				}
				evs = append(evs, b...)
			}, &rep)
		if err != nil || fmt.Sprint(evs) != fmt.Sprint(whole) {
			t.Errorf("%s: byte-by-byte read differs (%v)", name, err)
		}
	}
}

func TestSniff(t *testing.T) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !evtext.Sniff(data) {
			t.Errorf("Sniff(%s) = false", e.Name())
		}
	}
	for _, s := range []string{
		"", "ElfFile\x00", "<?xml version=\"1.0\"?><Events>", "time,level,provider\n", "a,b,c,d,e\n1,2,3,4,5\n",
		"\xff\xfe<\x00E\x00v\x00", `{"@timestamp":"2011-06-01T10:15:30Z"}`,
		// eventlens's own CSV export
		"file,offset,record_id,time,level,level_number,provider,provider_guid,event_source_name,event_id,qualifiers,version,channel,computer,user_sid,task,opcode,keywords,process_id,thread_id,data,userdata,binary,message,message_culture,class,catalog_id,decoded,error\r\n" +
			"C:\\logs\\System.evtx,4096,7,2011-06-01T12:00:00.1234567Z,information,4,P,,,7036,,0,System,PC,,0,0,0x0,0,0,,,,m,,unknown,,true,\r\n",
	} {
		if evtext.Sniff([]byte(s)) {
			t.Errorf("Sniff(%q) = true", s)
		}
	}
	// A German header is recognised by the row under it.
	if !evtext.Sniff([]byte("Ebene,Datum und Uhrzeit,Quelle,Ereignis-ID,Aufgabenkategorie\r\nInformationen,01.06.2011 10:15:30,S,7036,Keine,\"m\"\r\n")) {
		t.Error("Sniff(German export) = false")
	}
}

// bigExport returns an English CSV export of n rows.
func bigExport(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\xEF\xBB\xBFLevel,Date and Time,Source,Event ID,Task Category\r\n")
	levels := []string{"Information", "Warning", "Error"}
	t0 := time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		ts := t0.Add(-time.Duration(i) * 37 * time.Second)
		fmt.Fprintf(&b, "%s,%s,Hyper-V-VMMS,%d,None,\"Event number %d.\r\nThe backup of \"\"VM%02d\"\" finished, with %d warnings.\"\r\n",
			levels[i%3], ts.Format("1/2/2006 3:04:05 PM"), 18000+i%50, i, i%100, i%7)
	}
	return b.Bytes()
}

func BenchmarkRead(b *testing.B) {
	data := bigExport(50_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var rep model.FileReport
		n := 0
		err := evtext.Read(context.Background(), bytes.NewReader(data), "big.csv", func(evs []model.Event) { n += len(evs) }, &rep)
		if err != nil || n != 50_000 {
			b.Fatalf("read %d events: %v", n, err)
		}
	}
}

func FuzzRead(f *testing.F) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("Level,Date and Time,Source,Event ID,Task Category\n\"\"\"\n,,,,,\n"))
	f.Add([]byte("\xff\xfe\n\x00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = evtext.Sniff(data)
		var rep model.FileReport
		n := 0
		err := evtext.Read(context.Background(), bytes.NewReader(data), "fuzz", func(evs []model.Event) {
			for _, e := range evs {
				if !e.Decoded || e.RecordID == 0 || e.Offset < 0 || e.Offset >= int64(len(data)) {
					t.Fatalf("bad event %+v", e)
				}
			}
			n += len(evs)
		}, &rep)
		if err != nil && rep.Err == nil {
			t.Fatalf("error %v not in the report", err)
		}
		if n != rep.RecordsDecoded {
			t.Fatalf("%d events emitted, report says %d", n, rep.RecordsDecoded)
		}
	})
}

var _ = io.EOF
