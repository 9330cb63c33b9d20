package model

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// corpusDir returns $EVENTLENS_CORPUS or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		t.Skip("EVENTLENS_CORPUS not set: set it to ../shared/corpus to run the corpus tests")
	}
	if fi, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil || fi.IsDir() {
		t.Skipf("EVENTLENS_CORPUS=%s has no MANIFEST.tsv; corpus tests skipped", dir)
	}
	return dir
}

type manifestRow struct {
	file             string
	golang, expected int
	notes            string
}

// clean reports whether the MANIFEST describes the file as read completely
// by golang-evtx and without known damage.
func (m manifestRow) clean() bool {
	return m.golang == m.expected && !strings.HasPrefix(m.notes, "DIRTY")
}

func readManifest(t testing.TB, dir string) []manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("MANIFEST.tsv: %v", err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"file", "records_parsed_by_golang_evtx", "expected_records", "notes"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("MANIFEST.tsv: no column %q", h)
		}
	}
	var rows []manifestRow
	for i, rec := range recs[1:] {
		g, err1 := strconv.Atoi(rec[col["records_parsed_by_golang_evtx"]])
		e, err2 := strconv.Atoi(rec[col["expected_records"]])
		if err1 != nil || err2 != nil {
			t.Fatalf("MANIFEST.tsv line %d: bad counts", i+2)
		}
		rows = append(rows, manifestRow{rec[col["file"]], g, e, rec[col["notes"]]})
	}
	return rows
}

// TestCorpusManifest checks every corpus file against its MANIFEST counts:
// never fewer records than golang-evtx reads on its own, exactly the
// expected count, all decoded, on clean files, and at least the careful
// reader's count decoded on the others (golang-evtx and the fallback
// decoder together).
func TestCorpusManifest(t *testing.T) {
	dir := corpusDir(t)
	for _, m := range readManifest(t, dir) {
		t.Run(m.file, func(t *testing.T) {
			evs, reps, err := LoadAll(context.Background(), []string{filepath.Join(dir, m.file)}, LoadOptions{})
			if err != nil || len(reps) != 1 || reps[0].Err != nil {
				t.Fatalf("load: %v %+v", err, reps)
			}
			r := reps[0]
			kept := r.RecordsDecoded + r.RecordsUndecoded
			t.Logf("decoded %d (%d by the fallback decoder), undecoded %d; MANIFEST expects %d, golang-evtx alone %d; chunks %d found, %d damaged",
				r.RecordsDecoded, r.RecordsFallback, r.RecordsUndecoded, m.expected, m.golang, r.ChunksFound, r.ChunksFailed)
			if kept != len(evs) {
				t.Errorf("report counts %d records, %d events delivered", kept, len(evs))
			}
			if kept < m.golang {
				t.Errorf("%d records (%d decoded), fewer than golang-evtx alone (%d)", kept, r.RecordsDecoded, m.golang)
			}
			if m.clean() {
				if r.RecordsDecoded != m.expected || r.RecordsUndecoded != 0 {
					t.Errorf("clean file: %d decoded, %d undecoded; want exactly %d decoded", r.RecordsDecoded, r.RecordsUndecoded, m.expected)
				}
				return
			}
			if kept < m.expected {
				t.Errorf("dirty file: %d records kept (%d decoded), MANIFEST says a careful reader gets %d", kept, r.RecordsDecoded, m.expected)
			}
			if r.RecordsDecoded < m.expected {
				t.Errorf("%d of %d expected records decoded (%d kept undecoded)", r.RecordsDecoded, m.expected, r.RecordsUndecoded)
			}
			for _, p := range r.Problems {
				if p.Reason.String() == "" || (p.Chunk >= 0 && p.Offset < 0) {
					t.Errorf("problem without reason or offset: %+v", p)
				}
			}
		})
	}
}

// TestCorpusFields checks fields the catalog relies on in known records.
func TestCorpusFields(t *testing.T) {
	dir := corpusDir(t)
	load := func(name string) []Event {
		evs, reps, err := LoadAll(context.Background(), []string{filepath.Join(dir, name)}, LoadOptions{})
		if err != nil || reps[0].Err != nil {
			t.Fatalf("%s: %v %v", name, err, reps[0].Err)
		}
		return evs
	}
	count := func(evs []Event, f func(*Event) bool) int {
		n := 0
		for i := range evs {
			if f(&evs[i]) {
				n++
			}
		}
		return n
	}

	app := load("StolenSzechuan_Win2012R2_Application.evtx")
	var winlogon *Event
	for i := range app {
		if app[i].Provider == "Microsoft-Windows-Winlogon" && app[i].EventID == 6004 {
			winlogon = &app[i]
		}
	}
	if winlogon == nil {
		t.Fatal("Winlogon 6004 not found")
	}
	if len(winlogon.Data) != 1 || winlogon.Data[0] != (Data{Name: "", Value: "TermSrv"}) || winlogon.Binary != "05400080" {
		t.Errorf("Winlogon 6004: Data %q Binary %q", winlogon.Data, winlogon.Binary)
	}
	if winlogon.Time.Nanosecond() != 0 || winlogon.Time.Location().String() != "UTC" {
		t.Errorf("Winlogon 6004 time %v", winlogon.Time)
	}

	sys := load("StolenSzechuan_Win2012R2_System.evtx")
	if n := count(sys, func(e *Event) bool { return e.Provider == "Virtual Disk Service" && e.EventID == 3 }); n != 9 {
		t.Errorf("Virtual Disk Service 3: %d events, want 9 (classic <Provider Name=...> must give Provider)", n)
	}
	if n := count(sys, func(e *Event) bool { return e.Provider == "Service Control Manager" && e.EventID == 7036 }); n != 1176 {
		t.Errorf("SCM 7036: %d, want 1176", n)
	}
	if n := count(sys, func(e *Event) bool {
		return e.Provider == "Service Control Manager" && e.HasQualifiers && e.Qualifiers == 16384 && e.EventSourceName != ""
	}); n == 0 {
		t.Error("no SCM event with Qualifiers 16384 and EventSourceName")
	}

	hv := load("BelkasoftCTF_Win10_HyperVGuest_System.evtx")
	if n := count(hv, func(e *Event) bool {
		v, _ := e.DataValue("MiniportName")
		n, _ := e.DataValue("MiniportNameLen")
		return e.Provider == "Microsoft-Windows-Hyper-V-Netvsc" && e.EventID == 13 && v == "Microsoft Hyper-V Network Adapter" && n == "33"
	}); n != 33 {
		t.Errorf("Netvsc 13 with MiniportName: %d, want 33", n)
	}
	for _, e := range hv[:5] {
		raw, err := RawXML(&e)
		if err != nil || !strings.HasPrefix(raw, "<Event") || !strings.Contains(raw, fmt.Sprintf("<EventRecordID>%d</EventRecordID>", e.RecordID)) {
			t.Errorf("RawXML(record %d) = %.200q, %v", e.RecordID, raw, err)
		}
	}
}

// exported is what evtxexport prints of one record.
type exported struct {
	eventID  uint16
	level    string // the number in "Information (4)"
	computer string
	source   string
	sid      string
	strs     []string
}

// evtxexportRecords runs libevtx's evtxexport and returns, by record
// number, what it prints of every record.
func evtxexportRecords(t *testing.T, bin, path string) map[uint64]*exported {
	t.Helper()
	out, err := exec.Command(bin, path).Output()
	if err != nil {
		t.Fatalf("evtxexport %s: %v", path, err)
	}
	recs := map[uint64]*exported{}
	cur := &exported{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		switch {
		case k == "Event number":
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				t.Fatalf("evtxexport: bad event number %q", v)
			}
			cur = &exported{}
			recs[n] = cur
		case k == "Event identifier":
			hexPart, _, _ := strings.Cut(v, " ")
			if id, err := strconv.ParseUint(hexPart, 0, 32); err == nil {
				cur.eventID = uint16(id)
			}
		case k == "Event level":
			if i := strings.LastIndexByte(v, '('); i >= 0 {
				cur.level = strings.TrimSuffix(v[i+1:], ")")
			}
		case k == "Computer name":
			cur.computer = v
		case k == "Source name":
			cur.source = v
		case k == "User security identifier":
			cur.sid = v
		case strings.HasPrefix(k, "String"):
			// "String: 1\t\t\t: value": the value follows the second colon.
			_, val, _ := strings.Cut(v, ":")
			cur.strs = append(cur.strs, strings.TrimSpace(val))
		}
	}
	return recs
}

// TestCorpusEvtxexport compares eventlens with an independent reader,
// libevtx's evtxexport (Debian package libevtx-utils), on the clean files:
// same record numbers, and per record the same event ID, level, computer,
// provider and user SID, and its strings are our EventData values (and
// binary) where evtxexport lists them.
func TestCorpusEvtxexport(t *testing.T) {
	dir := corpusDir(t)
	bin, err := exec.LookPath("evtxexport")
	if err != nil {
		t.Skip("evtxexport not installed (Debian package libevtx-utils); differential test skipped")
	}
	for _, m := range readManifest(t, dir) {
		if !m.clean() {
			continue
		}
		t.Run(m.file, func(t *testing.T) {
			path := filepath.Join(dir, m.file)
			if fi, err := os.Stat(path); testing.Short() && err == nil && fi.Size() > 4<<20 {
				t.Skip("the large benchmark log: long mode only")
			}
			want := evtxexportRecords(t, bin, path)
			evs, _, err := LoadAll(context.Background(), []string{path}, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != len(want) {
				t.Errorf("%d records, evtxexport %d", len(evs), len(want))
			}
			bad, strs := 0, 0
			for _, e := range evs {
				x, ok := want[e.RecordID]
				var diff []string
				switch {
				case !ok:
					diff = append(diff, "missing")
				default:
					if x.eventID != e.EventID {
						diff = append(diff, fmt.Sprintf("event ID %d", x.eventID))
					}
					if x.level != strconv.Itoa(int(e.Level)) {
						diff = append(diff, "level "+x.level)
					}
					if x.computer != e.Computer {
						diff = append(diff, fmt.Sprintf("computer %q", x.computer))
					}
					// A classic provider's source is its EventSourceName.
					if src := cmp.Or(e.EventSourceName, e.Provider); x.source != src {
						diff = append(diff, fmt.Sprintf("source %q", x.source))
					}
					if x.sid != e.UserSID {
						diff = append(diff, fmt.Sprintf("SID %q", x.sid))
					}
					if len(x.strs) > 0 && len(e.UserData) == 0 {
						strs++
						theirs := slices.DeleteFunc(x.strs, func(s string) bool { return firstLine(s) == "" })
						if ours := dataStrings(&e); !slices.EqualFunc(theirs, ours, sameString) {
							diff = append(diff, fmt.Sprintf("strings %q, ours %q", x.strs, ours))
						}
					}
				}
				if len(diff) > 0 {
					if bad++; bad <= 5 {
						t.Errorf("record %d: evtxexport has %s", e.RecordID, strings.Join(diff, ", "))
					}
				}
			}
			t.Logf("%d records compared, %d with strings", len(evs), strs)
		})
	}
}

// dataStrings is what evtxexport lists as a record's strings: the EventData
// (or UserData) values, then the binary data; empty strings are left out,
// as evtxexport leaves out some of them.
func dataStrings(e *Event) []string {
	var out []string
	for _, d := range append(slices.Clip(e.Data), e.UserData...) {
		if v := firstLine(d.Value); v != "" {
			out = append(out, v)
		}
	}
	if e.Binary != "" {
		out = append(out, e.Binary)
	}
	return out
}

// firstLine is what evtxexport prints of a text: its first line.
func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// sameString says whether evtxexport's rendering of a value is ours, up to
// its formatting: it prints the first line of a text only, hex numbers
// padded to their type's width, times with nine fractional digits, and
// a SYSTEMTIME as "2017-09-03 12:53:24.774".
func sameString(theirs, ours string) bool {
	if theirs = firstLine(theirs); theirs == ours {
		return true
	}
	// libevtx prints a negative Int32 or Int64 as minus its low 31 or 63
	// bits (-1 as -2147483647; python-evtx and Event Viewer say -1), and
	// takes the code unit after an unpaired UTF-16 surrogate with it (we,
	// like Go and Windows, replace the surrogate alone with U+FFFD).
	if n, err := strconv.ParseInt(ours, 10, 64); err == nil && n < 0 {
		return theirs == "-"+strconv.FormatUint(uint64(n)&(1<<63-1), 10) ||
			theirs == "-"+strconv.FormatUint(uint64(n)&(1<<31-1), 10)
	}
	if strings.ContainsRune(ours, utf8.RuneError) && strings.ContainsRune(theirs, utf8.RuneError) {
		return true
	}
	if strings.HasPrefix(theirs, "0x") && strings.HasPrefix(ours, "0x") {
		a, e1 := strconv.ParseUint(theirs[2:], 16, 64)
		b, e2 := strconv.ParseUint(ours[2:], 16, 64)
		return e1 == nil && e2 == nil && a == b
	}
	a, e1 := time.Parse(time.RFC3339Nano, theirs)
	b, e2 := time.Parse(time.RFC3339Nano, ours)
	return e1 == nil && e2 == nil && a.Equal(b)
}

// TestCorpusTruncated loads copies of every corpus file cut at seeded random
// points: no error, every chunk wholly before the cut still read in full,
// no record invented, the cut reported.
func TestCorpusTruncated(t *testing.T) {
	dir := corpusDir(t)
	rng := rand.New(rand.NewPCG(2, 6))
	tmp := t.TempDir()
	cuts := 4
	if testing.Short() {
		cuts = 1
	}
	for _, m := range readManifest(t, dir) {
		path := filepath.Join(dir, m.file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if testing.Short() && len(data) > 4<<20 {
			continue // the large benchmark log: too slow under -race
		}
		full, _, _ := LoadAll(context.Background(), []string{path}, LoadOptions{})
		byID := map[uint64]int64{}
		for _, e := range full {
			byID[e.RecordID] = e.Offset
		}
		for i := 0; i < cuts; i++ {
			cut := rng.Int64N(int64(len(data)))
			name := filepath.Join(tmp, fmt.Sprintf("%s.cut%d", m.file, cut))
			if err := os.WriteFile(name, data[:cut], 0o644); err != nil {
				t.Fatal(err)
			}
			evs, reps, err := LoadAll(context.Background(), []string{name}, LoadOptions{})
			if err != nil || len(reps) != 1 {
				t.Fatalf("%s: %v", name, err)
			}
			r := reps[0]
			if cut == 0 {
				if r.Err == nil {
					t.Errorf("%s: zero-byte file gave no error", name)
				}
				continue
			}
			if r.Err != nil {
				t.Errorf("%s: %v", name, r.Err)
				continue
			}
			got := map[uint64]bool{}
			for _, e := range evs {
				got[e.RecordID] = true
				if off, ok := byID[e.RecordID]; !ok || off != e.Offset {
					t.Errorf("%s: record %d at %d not in the full file", name, e.RecordID, e.Offset)
				}
			}
			lastWhole := fileHeaderSize + (cut-fileHeaderSize)/chunkSize*chunkSize
			for id, off := range byID {
				if off < lastWhole && !got[id] {
					t.Errorf("%s (cut at %d): record %d at %d, in a whole chunk, lost", name, cut, id, off)
				}
			}
			if cut > fileHeaderSize && (cut-fileHeaderSize)%chunkSize != 0 && len(r.Problems) == 0 {
				t.Errorf("%s: cut inside a chunk not reported", name)
			}
		}
	}
}

func TestZeroByteAndOddInputs(t *testing.T) {
	tmp := t.TempDir()
	sub := filepath.Join(tmp, "d", "deeper")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	xmlSrc, err := os.ReadFile(filepath.Join(xmlDir, "wevtutil-utf8.xml"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"d/a-empty.evtx":          {},
		"d/b-notes.txt":           []byte("hello, not a log\n"),
		"d/deeper/c-export.data":  xmlSrc, // sniffed by content, not extension
		"d/deeper/d-header.evtx":  []byte(fileMagic + "short"),
		"d/deeper/e-chunkonly.ev": append([]byte(chunkMagic), make([]byte, 100)...),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	missing := filepath.Join(tmp, "missing.evtx")
	evs, reps, err := LoadAll(context.Background(), []string{missing, filepath.Join(tmp, "d")}, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Files found in a directory that are no log are skipped quietly.
	want := []struct {
		path    string
		hasErr  bool
		format  string
		skipped bool
	}{
		{missing, true, "", false},
		{filepath.Join(tmp, "d/a-empty.evtx"), false, "", true},
		{filepath.Join(tmp, "d/b-notes.txt"), false, "", true},
		{filepath.Join(tmp, "d/deeper/c-export.data"), false, "xml", false},
		{filepath.Join(tmp, "d/deeper/d-header.evtx"), false, "evtx", false},
		{filepath.Join(tmp, "d/deeper/e-chunkonly.ev"), false, "evtx", false},
	}
	if len(reps) != len(want) {
		t.Fatalf("%d reports, want %d: %+v", len(reps), len(want), reps)
	}
	for i, w := range want {
		r := reps[i]
		if r.Path != w.path || (r.Err != nil) != w.hasErr || r.Format != w.format || !r.Skipped.IsZero() != w.skipped {
			t.Errorf("report %d = {%s %q err=%v skipped=%q}, want {%s %q err=%v skipped=%v}", i, r.Path, r.Format, r.Err, r.Skipped, w.path, w.format, w.hasErr, w.skipped)
		}
		if r.Err == nil && r.Format == "evtx" && len(r.Problems) == 0 {
			t.Errorf("%s: broken EVTX without a problem reported", r.Path)
		}
	}
	if len(evs) != 3 {
		t.Errorf("%d events, want the XML file's 3", len(evs))
	}
}

func TestBytesSourceAndCancel(t *testing.T) {
	// A large in-memory wevtutil stream, loaded from a Source.
	var b bytes.Buffer
	const n = 20000
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='P'/><EventID>%d</EventID><TimeCreated SystemTime='2021-01-01T00:00:%02dZ'/><EventRecordID>%d</EventRecordID></System><EventData><Data Name='i'>%d</Data></EventData></Event>\r\n", i%7, i%60, i, i)
	}
	src := BytesSource("demo/embedded.xml", b.Bytes())
	var got, updates int
	var last Progress
	reps, err := LoadSources(context.Background(), []Source{src}, LoadOptions{BatchSize: 1000}, func(u Update) {
		got += len(u.Events)
		updates++
		if u.Progress.BytesDone < last.BytesDone {
			t.Errorf("progress went back: %+v after %+v", u.Progress, last)
		}
		last = u.Progress
		for _, e := range u.Events {
			if e.File != "demo/embedded.xml" {
				t.Fatalf("File = %q", e.File)
			}
		}
	})
	if err != nil || got != n || reps[0].RecordsDecoded != n || updates < n/1000 {
		t.Fatalf("got %d events in %d updates, err %v, report %+v", got, updates, err, reps[0])
	}
	if last.BytesDone != int64(b.Len()) || last.BytesTotal != int64(b.Len()) || last.Events != n {
		t.Errorf("final progress %+v, want %d bytes, %d events", last, b.Len(), n)
	}
	ev := Event{File: "demo/embedded.xml", Offset: 0}
	if raw, err := ReadRawXML(src, &ev); err != nil || !strings.Contains(raw, "<EventRecordID>1</EventRecordID>") || !strings.HasSuffix(raw, "</Event>") {
		t.Errorf("RawXML = %q, %v", raw, err)
	}

	// Cancel after the first batch: Load returns promptly with ctx's error.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srcs := []Source{src, BytesSource("second.xml", b.Bytes())}
	calls := 0
	_, err = LoadSources(ctx, srcs, LoadOptions{BatchSize: 100}, func(u Update) {
		calls++
		cancel()
	})
	if err != context.Canceled || calls != 1 {
		t.Errorf("cancel: err %v after %d emits, want context.Canceled after 1", err, calls)
	}
}

// failingSource returns an error when opened.
func TestUnopenableSource(t *testing.T) {
	srcs := []Source{
		{Name: "broken", Open: func() (ReadAtCloser, int64, error) { return nil, 0, io.ErrUnexpectedEOF }},
		{Name: "panicky", Open: func() (ReadAtCloser, int64, error) { panic("boom") }},
		BytesSource("ok.xml", []byte("<Event><System><EventRecordID>1</EventRecordID></System></Event>")),
	}
	var got int
	reps, err := LoadSources(context.Background(), srcs, LoadOptions{}, func(u Update) { got += len(u.Events) })
	if err != nil || len(reps) != 3 || reps[0].Err == nil || reps[1].Err == nil || reps[2].Err != nil || got != 1 {
		t.Fatalf("err %v, reports %+v, %d events", err, reps, got)
	}
}
