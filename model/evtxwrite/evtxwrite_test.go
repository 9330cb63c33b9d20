package evtxwrite

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/model"
)

// fixtures are hand-written events covering each shape the writer knows.
func fixtures() []*model.Event {
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 123456700, time.UTC)
	return []*model.Event{
		{RecordID: 1, Time: t0, Level: 4, Provider: "Microsoft-Windows-Hyper-V-Netvsc", ProviderGUID: "{152FBE4B-C7AD-4F68-BADA-A4FCC1464F6C}",
			EventID: 13, Version: 1, Channel: "System", Computer: "HOST01", UserSID: "S-1-5-18", Task: 2, Opcode: 1,
			Keywords: 0x8000000000000000, ProcessID: 4, ThreadID: 88,
			Data: []model.Data{{Name: "MiniportName", Value: "Microsoft Hyper-V Network Adapter"}, {Name: "MiniportNameLen", Value: "33"}}},
		// Classic provider: EventSourceName, Qualifiers, unnamed Data, Binary.
		{RecordID: 2, Time: t0.Add(time.Second), Level: 3, Provider: "Microsoft-Windows-Winlogon", EventSourceName: "Winlogon",
			EventID: 6004, HasQualifiers: true, Qualifiers: 32768, Channel: "Application", Computer: "HOST01",
			Data: []model.Data{{Value: "TermSrv"}}, Binary: "05400080"},
		// UserData tree.
		{RecordID: 3, Time: t0.Add(2 * time.Second), Level: 4, Provider: "Microsoft-Windows-Servicing", EventID: 2, Channel: "Setup", Computer: "HOST01",
			UserData: []model.Data{
				{Name: "CbsPackageChangeState/PackageIdentifier", Value: "KB5034441"},
				{Name: "CbsPackageChangeState/IntendedPackageState", Value: "5112"},
				{Name: "CbsPackageChangeState/Detail/Item", Value: "a"},
				{Name: "CbsPackageChangeState/Detail/Item", Value: "b"},
				{Name: "CbsPackageChangeState/ErrorCode", Value: "0x0"},
			}},
		// Nothing but the System values; empty strings, no EventData.
		{RecordID: 4, Time: t0.Add(3 * time.Second), Provider: "EventLog", EventID: 6005, Computer: "ホスト"},
		// Same shape as the first: reuses the template.
		{RecordID: 5, Time: t0.Add(4 * time.Second), Level: 2, Provider: "Microsoft-Windows-Hyper-V-Netvsc", ProviderGUID: "{152FBE4B-C7AD-4F68-BADA-A4FCC1464F6C}",
			EventID: 12, Channel: "System", Computer: "HOST01", UserSID: "S-1-5-21-1004336348-1177238915-682003330-512",
			Data: []model.Data{{Name: "MiniportName", Value: "日本語のアダプター"}, {Name: "MiniportNameLen", Value: ""}}},
		// Not parseable as GUID / SID / hex: kept as strings.
		{RecordID: 6, Time: t0.Add(5 * time.Second), Provider: "Odd", ProviderGUID: "not-a-guid", UserSID: "NT AUTHORITY\\SYSTEM",
			EventID: 1, Binary: "xyz", Data: []model.Data{{Name: "a&b", Value: "<x> & \"y\" 'z'"}}},
	}
}

func writeTemp(t testing.TB, events []*model.Event, opts Options) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.evtx")
	if err := WriteFile(path, slices.Values(events), opts); err != nil {
		t.Fatalf("WriteFile: %v", err)
	}
	return path
}

// checkAll reads path with every available reader and compares each event
// with what was written.
func checkAll(t *testing.T, path string, events []*model.Event, opts Options) {
	t.Helper()
	want := make([]flat, len(events))
	ids := recordIDs(events, opts)
	for i, e := range events {
		want[i] = expected(e, ids[i], opts)
	}
	t.Run("golang-evtx", func(t *testing.T) {
		got, gotIDs := readGolang(t, path)
		compareAll(t, want, got, profile{maps: true})
		for i := range min(len(ids), len(gotIDs)) {
			if ids[i] != gotIDs[i] {
				t.Errorf("record %d: header record ID %d, want %d", i, gotIDs[i], ids[i])
			}
		}
	})
	t.Run("evtxexport", func(t *testing.T) {
		compareAll(t, want, readEvtxexport(t, path), profile{norm: normLibevtx, mayFail: libevtxCannotExport})
	})
	t.Run("evtx_dump.py", func(t *testing.T) {
		// python-evtx prints microseconds, computed through a float64 of
		// seconds since 1601 (about 2 µs resolution).
		compareAll(t, want, readPythonEvtx(t, path), profile{timeTol: 4 * time.Microsecond, norm: normPython})
	})
}

func recordIDs(events []*model.Event, opts Options) []uint64 {
	ids := make([]uint64, len(events))
	next := opts.FirstRecordID
	if next == 0 {
		next = 1
	}
	for i, e := range events {
		ids[i] = e.RecordID
		if opts.Renumber {
			ids[i] = next
			next++
		}
	}
	return ids
}

func compareAll(t *testing.T, want, got []flat, p profile) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d events, wrote %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if got[i].Failed {
			if p.mayFail == nil || !p.mayFail(want[i]) {
				t.Errorf("event %d: reader could not show it", i)
			}
			continue
		}
		if d := diff(want[i], got[i], p); len(d) > 0 {
			bad++
			if bad <= 5 {
				t.Errorf("event %d:\n  %s", i, strings.Join(d, "\n  "))
			}
		}
	}
	if bad > 5 {
		t.Errorf("... %d events differ in all", bad)
	}
}

func TestFixturesReadBack(t *testing.T) {
	events := fixtures()
	path := writeTemp(t, events, Options{})
	checkAll(t, path, events, Options{})
}

func TestOptions(t *testing.T) {
	events := fixtures()
	opts := Options{Channel: "Saved", Renumber: true, FirstRecordID: 1000}
	path := writeTemp(t, events, opts)
	checkAll(t, path, events, opts)
}

// TestRandomRoundTrip writes many random events, across many chunks, and
// reads them back with every reader.
func TestRandomRoundTrip(t *testing.T) {
	seeds, n := []uint64{1, 2, 3}, 600
	if testing.Short() {
		// python-evtx needs seconds for a few hundred records.
		seeds, n = seeds[:1], 250
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 99))
			events := randomEvents(rng, n)
			path := writeTemp(t, events, Options{})
			st, _ := os.Stat(path)
			if chunks := (st.Size() - fileHeaderBlock) / chunkSize; chunks < 3 {
				t.Errorf("only %d chunks; the test wants records spread over many", chunks)
			}
			checkFile(t, path, len(events))
			checkAll(t, path, events, Options{})
		})
	}
}

// TestEmpty writes a file with no events.
func TestEmpty(t *testing.T) {
	path := writeTemp(t, nil, Options{})
	checkFile(t, path, 0)
	checkAll(t, path, nil, Options{})
}

// checkFile verifies the file and chunk headers and checksums directly.
func checkFile(t *testing.T, path string, records int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	if string(b[:8]) != "ElfFile\x00" {
		t.Fatalf("file magic %q", b[:8])
	}
	chunks := int(le.Uint16(b[42:]))
	if len(b) != fileHeaderBlock+chunks*chunkSize {
		t.Errorf("file size %d for %d chunks", len(b), chunks)
	}
	if got, want := le.Uint32(b[124:]), crc32.ChecksumIEEE(b[:120]); got != want {
		t.Errorf("file header CRC %08x, want %08x", got, want)
	}
	for _, f := range []struct {
		name      string
		got, want uint64
	}{
		{"header size", uint64(le.Uint32(b[32:])), 128},
		{"minor version", uint64(le.Uint16(b[36:])), 1},
		{"major version", uint64(le.Uint16(b[38:])), 3},
		{"header block size", uint64(le.Uint16(b[40:])), 4096},
		{"flags", uint64(le.Uint32(b[120:])), 0},
		{"first chunk", le.Uint64(b[8:]), 0},
		{"last chunk", le.Uint64(b[16:]), uint64(max(chunks-1, 0))},
	} {
		if f.got != f.want {
			t.Errorf("file header %s = %d, want %d", f.name, f.got, f.want)
		}
	}
	n := 0
	var lastID uint64
	for i := range chunks {
		c := b[fileHeaderBlock+i*chunkSize:][:chunkSize]
		if string(c[:8]) != "ElfChnk\x00" {
			t.Fatalf("chunk %d magic %q", i, c[:8])
		}
		free := le.Uint32(c[48:])
		if got, want := le.Uint32(c[52:]), crc32.ChecksumIEEE(c[512:free]); got != want {
			t.Errorf("chunk %d records CRC %08x, want %08x", i, got, want)
		}
		h := crc32.NewIEEE()
		h.Write(c[:120])
		h.Write(c[128:512])
		if got, want := le.Uint32(c[124:]), h.Sum32(); got != want {
			t.Errorf("chunk %d header CRC %08x, want %08x", i, got, want)
		}
		// Walk the records.
		off := uint32(512)
		var first, last uint64
		var lastOff uint32
		for off < free {
			if string(c[off:off+4]) != "\x2a\x2a\x00\x00" {
				t.Fatalf("chunk %d: bad record magic at %d", i, off)
			}
			size := le.Uint32(c[off+4:])
			if le.Uint32(c[off+size-4:]) != size {
				t.Errorf("chunk %d: record at %d: size copy differs", i, off)
			}
			id := le.Uint64(c[off+8:])
			if first == 0 {
				first = id
			}
			last, lastOff = id, off
			off += size
			n++
		}
		if off != free {
			t.Errorf("chunk %d: records end at %d, free space at %d", i, off, free)
		}
		if le.Uint64(c[24:]) != first || le.Uint64(c[32:]) != last || le.Uint32(c[44:]) != lastOff {
			t.Errorf("chunk %d header: first/last ID %d/%d last offset %d, records say %d/%d %d",
				i, le.Uint64(c[24:]), le.Uint64(c[32:]), le.Uint32(c[44:]), first, last, lastOff)
		}
		if !bytes.Equal(c[free:], make([]byte, chunkSize-int(free))) {
			t.Errorf("chunk %d: free space not zero", i)
		}
		lastID = last
	}
	if n != records {
		t.Errorf("%d records in file, want %d", n, records)
	}
	if records > 0 && le.Uint64(b[24:]) != lastID+1 {
		t.Errorf("next record ID %d, want %d", le.Uint64(b[24:]), lastID+1)
	}
}

func TestRecordTooLarge(t *testing.T) {
	events := fixtures()
	big := *events[0]
	big.RecordID = 77
	big.Data = []model.Data{{Name: "Big", Value: strings.Repeat("x", 40000)}}
	events = append(events[:2], &big)
	var buf bytes.Buffer
	err := Write(&buf, slices.Values(events), Options{})
	var re *RecordError
	if !errors.As(err, &re) || !errors.Is(err, ErrRecordTooLarge) {
		t.Fatalf("err = %v, want a RecordError wrapping ErrRecordTooLarge", err)
	}
	if re.Index != 2 || re.RecordID != 77 {
		t.Errorf("error names event %d record %d, want 2 and 77", re.Index, re.RecordID)
	}
	if !strings.Contains(err.Error(), "record ID 77") {
		t.Errorf("message %q does not name the record", err)
	}
}

// TestLargestRecord writes records just under the chunk limit: each needs a
// chunk of its own.
func TestLargestRecord(t *testing.T) {
	base := fixtures()[0]
	var events []*model.Event
	for i := range 3 {
		e := *base
		e.RecordID = uint64(i + 1)
		// About 64,000 bytes of UTF-16 (the limit is 65,024 with headers).
		e.Data = []model.Data{{Name: "Big", Value: strings.Repeat("é", 31_500)}}
		events = append(events, &e)
	}
	path := writeTemp(t, events, Options{})
	checkFile(t, path, 3)
	checkAll(t, path, events, Options{})
}

func TestWriteErrors(t *testing.T) {
	cases := []struct {
		name   string
		events []*model.Event
	}{
		{"nil event", []*model.Event{nil}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var re *RecordError
			if err := Write(&bytes.Buffer{}, slices.Values(c.events), Options{}); !errors.As(err, &re) {
				t.Errorf("err = %v, want RecordError", err)
			}
		})
	}
}

// TestWriteFileAtomic checks that a failed write leaves no file and no
// temporary file behind, and an existing file untouched.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.evtx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, slices.Values([]*model.Event{nil}), Options{}); err == nil {
		t.Fatal("no error for a nil event")
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("existing file changed to %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want 1 (temporary file left behind?)", len(entries))
	}
	if err := WriteFile(path, slices.Values(fixtures()), Options{}); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries after success, want 1", len(entries))
	}
}

// TestStreamAndBuffer checks that writing to a file (seekable, streamed)
// and to a buffer give the same bytes.
func TestStreamAndBuffer(t *testing.T) {
	events := Synthetic(2000, 7)
	var buf bytes.Buffer
	if err := Write(&buf, slices.Values(events), Options{}); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, events, Options{})
	b, _ := os.ReadFile(path)
	if !bytes.Equal(b, buf.Bytes()) {
		t.Error("file and buffer output differ")
	}
}

func TestSynthetic(t *testing.T) {
	a, b := Synthetic(500, 42), Synthetic(500, 42)
	if fmt.Sprint(a[123]) != fmt.Sprint(b[123]) {
		t.Error("Synthetic is not deterministic")
	}
	path := writeTemp(t, a, Options{})
	checkFile(t, path, 500)
	checkAll(t, path, a, Options{})
}

func BenchmarkWrite(b *testing.B) {
	events := Synthetic(60_000, 1)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, slices.Values(events), Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(events)), "events/op")
	b.SetBytes(int64(buf.Len()))
}

// ---- random events ----

var (
	randNames = []string{"param1", "param2", "TargetUserName", "ServiceName", "ImagePath", "エラー", "Naam", "x", "ProcessId", "Status",
		"Q", "LongerNameForAField", "名前"}
	// Element names are ASCII, as in Windows manifests (python-evtx rejects
	// names outside [A-Za-z_][A-Za-z_-]*).
	randElems = []string{"CbsPackageChangeState", "Operation", "Item", "Detail", "ErrorCode", "Child", "Leaf", "x_y-z"}
	randText  = []string{"", " ", "hello", "日本語のテキスト", "Ünïcödé ß", "a\tb", "line1\nline2", "<tag>&amp;\"'", "\x01\x02\x1f ctrl",
		"emoji 🎉", "0", "-1", "C:\\Windows\\System32", "trailing space ", "\r\n", "ｶﾀｶﾅ", "Dit is een test"}
)

func randString(rng *rand.Rand) string {
	switch rng.IntN(6) {
	case 0:
		// Random runes, including control characters.
		var sb strings.Builder
		for range rng.IntN(40) {
			switch rng.IntN(5) {
			case 0:
				sb.WriteRune(rune(1 + rng.IntN(31)))
			case 1:
				sb.WriteRune(rune(0x3040 + rng.IntN(0x60)))
			default:
				sb.WriteRune(rune(0x20 + rng.IntN(0x5f)))
			}
		}
		return sb.String()
	case 1:
		return strings.Repeat(randText[rng.IntN(len(randText))], 1+rng.IntN(50))
	default:
		return randText[rng.IntN(len(randText))]
	}
}

// randomEvents makes events of many shapes. Names avoid the few that
// golang-evtx's map view folds together ("Name", "Value", "Data…").
func randomEvents(rng *rand.Rand, n int) []*model.Event {
	t0 := time.Date(2010+rng.IntN(15), time.Month(1+rng.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
	var out []*model.Event
	for i := range n {
		e := &model.Event{
			RecordID:  uint64(i + 1),
			Time:      t0.Add(time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))),
			Level:     model.Level(rng.IntN(6)),
			Provider:  []string{"Microsoft-Windows-Hyper-V-VMMS", "Service Control Manager", "テストプロバイダー", "p"}[rng.IntN(4)],
			EventID:   uint16(rng.IntN(65536)),
			Version:   uint8(rng.IntN(256)),
			Task:      uint16(rng.IntN(65536)),
			Opcode:    uint8(rng.IntN(256)),
			Keywords:  rng.Uint64(),
			ProcessID: rng.Uint32(),
			ThreadID:  rng.Uint32(),
			Channel:   []string{"System", "Application", "Microsoft-Windows-Hyper-V-VMMS-Admin", ""}[rng.IntN(4)],
			Computer:  []string{"HOST", "ホスト.example", ""}[rng.IntN(3)],
		}
		if rng.IntN(2) == 0 {
			e.ProviderGUID = fmt.Sprintf("{%08X-%04X-%04X-%04X-%012X}", rng.Uint32(), rng.IntN(65536), rng.IntN(65536), rng.IntN(65536), rng.Uint64()>>16)
		}
		if rng.IntN(3) == 0 {
			e.EventSourceName = "Source " + fmt.Sprint(rng.IntN(3))
		}
		if rng.IntN(2) == 0 {
			e.HasQualifiers, e.Qualifiers = true, uint16(rng.IntN(65536))
		}
		switch rng.IntN(3) {
		case 0:
			e.UserSID = "S-1-5-18"
		case 1:
			e.UserSID = fmt.Sprintf("S-1-5-21-%d-%d-%d-%d", rng.Uint32(), rng.Uint32(), rng.Uint32(), rng.IntN(5000))
		}
		if rng.IntN(4) == 0 {
			// UserData
			for range 1 + rng.IntN(6) {
				depth := 1 + rng.IntN(3)
				parts := make([]string, depth)
				for k := range parts {
					parts[k] = randElems[rng.IntN(len(randElems))]
				}
				e.UserData = append(e.UserData, model.Data{Name: strings.Join(parts, "/"), Value: randString(rng)})
			}
		} else {
			named := rng.IntN(3) > 0
			used := map[string]bool{}
			for range rng.IntN(12) {
				d := model.Data{Value: randString(rng)}
				if named {
					d.Name = randNames[rng.IntN(len(randNames))]
					if used[d.Name] {
						continue
					}
					used[d.Name] = true
				}
				e.Data = append(e.Data, d)
			}
			if rng.IntN(4) == 0 {
				b := make([]byte, rng.IntN(64))
				for k := range b {
					b[k] = byte(rng.IntN(256))
				}
				e.Binary = fmt.Sprintf("%x", b)
			}
		}
		if rng.IntN(50) == 0 {
			// Near the chunk limit.
			e.UserData = nil
			e.Data = []model.Data{{Name: "Huge", Value: strings.Repeat("あ", 25_000+rng.IntN(6_000))}}
		}
		out = append(out, e)
	}
	return out
}
