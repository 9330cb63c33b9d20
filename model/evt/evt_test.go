package evt

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"eventlens/model/core"
	"eventlens/model/evt/evtwrite"
)

var t0 = time.Date(2011, 3, 2, 3, 0, 0, 0, time.UTC)

// sample returns n records of varied shape, numbered from first.
func sample(n int, first uint32) []evtwrite.Record {
	recs := make([]evtwrite.Record, n)
	for i := range recs {
		r := evtwrite.Record{
			Number:    first + uint32(i),
			Generated: t0.Add(time.Duration(i) * time.Minute),
			Written:   t0.Add(time.Duration(i)*time.Minute + time.Second),
			EventID:   0x80040000 | uint32(13+i%3),
			Type:      []uint16{TypeWarning, TypeError, TypeInformation}[i%3],
			Category:  uint16(i % 4),
			Source:    []string{"Netvsc", "Service Control Manager", "EventLog"}[i%3],
			Computer:  "LEGACY03",
			Strings:   []string{fmt.Sprintf("string %d", i), "", "ゲスト"}[:i%4],
		}
		if i%2 == 0 {
			r.SID = "S-1-5-21-1004336348-1177238915-682003330-1000"
		}
		if i%3 == 1 {
			r.Data = []byte{0xde, 0xad, byte(i)}
		}
		recs[i] = r
	}
	return recs
}

func write(t *testing.T, recs []evtwrite.Record, l evtwrite.Layout) []byte {
	t.Helper()
	b, err := evtwrite.Write(recs, l)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func scanAll(t *testing.T, b []byte) ([]Record, Result) {
	t.Helper()
	var recs []Record
	res, err := Scan(context.Background(), bytes.NewReader(b), int64(len(b)), func(r *Record) bool {
		recs = append(recs, *r)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return recs, res
}

// same compares what was written with what was read, ignoring offsets.
func same(t *testing.T, want []evtwrite.Record, got []Record) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("read %d records, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		wr := Record{Offset: g.Offset, Number: w.Number, Generated: w.Generated, Written: w.Written,
			EventID: w.EventID, Type: w.Type, Category: w.Category, Source: w.Source, Computer: w.Computer,
			SID: w.SID, Strings: w.Strings, Data: w.Data}
		if len(wr.Strings) == 0 {
			wr.Strings = nil
		}
		if !reflect.DeepEqual(g, wr) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i, g, wr)
		}
	}
}

func TestShapes(t *testing.T) {
	recs := sample(12, 40)
	ring := encodedSize(t, recs) + 0x28 + 64 // a little free space
	tests := []struct {
		name   string
		layout evtwrite.Layout
		probs  int // problems expected
	}{
		{"clean", evtwrite.Layout{}, 0},
		{"wrapped, split record", evtwrite.Layout{Size: headerSize + ring, Start: ring - 260}, 0},
		{"wrapped, split size field", evtwrite.Layout{Size: headerSize + ring, Start: ring - 2*4*41}, 0},
		{"wrapped, stale slack", evtwrite.Layout{Size: headerSize + ring, Start: ring / 2 &^ 3, Slack: 0x5a}, 0},
		{"dirty", evtwrite.Layout{Size: headerSize + ring, Start: ring / 3 &^ 3, Dirty: true, StaleBy: 3}, 0},
		{"dirty, all stale", evtwrite.Layout{Dirty: true, StaleBy: 12}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := write(t, recs, tt.layout)
			got, res := scanAll(t, b)
			same(t, recs, got)
			if len(res.Problems) != tt.probs {
				t.Errorf("problems: %+v", res.Problems)
			}
		})
	}
}

// TestEverySplit wraps the log at every possible 4-byte position, so each
// part of a record (size, signature, fixed part, names, strings, data,
// trailing size) is split across the end of the file in one case.
func TestEverySplit(t *testing.T) {
	recs := sample(5, 1)
	ring := encodedSize(t, recs) + 0x28 + 8
	for start := 0; start < ring; start += 4 {
		b := write(t, recs, evtwrite.Layout{Size: headerSize + ring, Start: start})
		got, res := scanAll(t, b)
		same(t, recs, got)
		if len(res.Problems) != 0 {
			t.Fatalf("start %d: problems %+v", start, res.Problems)
		}
	}
}

func TestTruncated(t *testing.T) {
	recs := sample(6, 1)
	full := write(t, recs, evtwrite.Layout{})
	for cut := 1; cut < len(full)-headerSize; cut += 7 {
		b := full[:len(full)-cut]
		got, res := scanAll(t, b)
		// Every record that is still whole comes back intact.
		whole := 0
		end := headerSize
		for _, r := range recs {
			e, _ := evtwrite.Encode(r)
			end += len(e)
			if end <= len(b) {
				whole++
			}
		}
		if len(got) < whole {
			t.Fatalf("cut %d: %d records, want at least %d", cut, len(got), whole)
		}
		same(t, recs[:whole], got[:whole])
		if len(res.Problems) == 0 {
			t.Errorf("cut %d: truncation not reported", cut)
		}
		for _, r := range got[whole:] {
			if r.Damaged == "" {
				t.Errorf("cut %d: partial record %d not marked damaged", cut, r.Number)
			}
		}
	}
}

func TestDamaged(t *testing.T) {
	recs := sample(5, 100)
	b := write(t, recs, evtwrite.Layout{})
	offs := offsets(t, recs)
	// Record 102: its second half zeroed, as libevt describes truncated
	// records (the trailing size copy is 0).
	r2 := offs[2]
	e2, _ := evtwrite.Encode(recs[2])
	clear(b[r2+len(e2)/2 : r2+len(e2)])
	// Record 103: signature wiped, so it cannot be found at all.
	copy(b[offs[3]+4:], "XXXX")

	got, res := scanAll(t, b)
	var nums []uint32
	for _, r := range got {
		nums = append(nums, r.Number)
	}
	if !reflect.DeepEqual(nums, []uint32{100, 101, 102, 104}) {
		t.Fatalf("records %v", nums)
	}
	if got[2].Damaged == "" || got[2].Source != recs[2].Source {
		t.Errorf("damaged record: %+v", got[2])
	}
	same(t, []evtwrite.Record{recs[0], recs[1], recs[4]}, []Record{got[0], got[1], got[3]})
	text := fmt.Sprint(res.Problems)
	for _, want := range []string{"damaged record", "between records 102 and 104 hold no readable record (record 103 lost)"} {
		if !strings.Contains(text, want) {
			t.Errorf("problems %s lack %q", text, want)
		}
	}
	for _, p := range res.Problems {
		if p.Offset < 0 && !strings.Contains(p.Reason.String(), "header") {
			t.Errorf("problem without offset: %+v", p)
		}
	}
}

// encodedSize is the bytes recs take in a log.
func encodedSize(t *testing.T, recs []evtwrite.Record) int {
	offs := offsets(t, append(recs, evtwrite.Record{}))
	return offs[len(offs)-1] - headerSize
}

func offsets(t *testing.T, recs []evtwrite.Record) []int {
	off := headerSize
	var offs []int
	for _, r := range recs {
		e, err := evtwrite.Encode(r)
		if err != nil {
			t.Fatal(err)
		}
		offs = append(offs, off)
		off += len(e)
	}
	return offs
}

// TestSkipFill: Windows fills the end of the file with skip words when the
// next record does not fit there; that is no loss.
func TestSkipFill(t *testing.T) {
	recs := sample(5, 1)
	ring := encodedSize(t, recs) + 0x28 + 64
	filled := 0
	for start := ring - 4*40; start < ring; start += 4 {
		b := write(t, recs, evtwrite.Layout{Size: headerSize + ring, Start: start, SkipFill: true})
		if bytes.Contains(b, []byte{0x27, 0, 0, 0, 0x27, 0, 0, 0}) {
			filled++
		}
		got, res := scanAll(t, b)
		same(t, recs, got)
		if len(res.Problems) != 0 {
			t.Fatalf("start %d: problems %+v", start, res.Problems)
		}
	}
	if filled == 0 {
		t.Fatal("no layout used skip words")
	}
}

func TestEvent(t *testing.T) {
	r := Record{Offset: 48, Number: 7, Generated: t0, EventID: 0xC0001B5D, Type: TypeError, Category: 2,
		Source: "Service Control Manager", Computer: "XP-CLIENT", SID: "S-1-5-18",
		Strings: []string{"LoadUserProfile", "x"}, Data: []byte{0xab, 0x01}}
	ev := r.Event("SysEvent.Evt", ChannelOf("SysEvent.Evt"))
	want := core.Event{File: "SysEvent.Evt", Offset: 48, RecordID: 7, Time: t0, Level: core.LevelError,
		Provider: "Service Control Manager", EventSourceName: "Service Control Manager",
		EventID: 7005, Qualifiers: 0xC000, HasQualifiers: true, Channel: "System", Computer: "XP-CLIENT",
		UserSID: "S-1-5-18", Task: 2, Keywords: keywordClassic,
		Data: []core.Data{{Value: "LoadUserProfile"}, {Value: "x"}}, Binary: "AB01", Decoded: true}
	if !reflect.DeepEqual(ev, want) {
		t.Errorf("got  %+v\nwant %+v", ev, want)
	}
	for typ, want := range map[uint16]struct {
		level core.Level
		kw    uint64
	}{
		TypeSuccess:      {core.LevelInformation, keywordClassic},
		TypeInformation:  {core.LevelInformation, keywordClassic},
		TypeWarning:      {core.LevelWarning, keywordClassic},
		TypeAuditSuccess: {core.LevelLogAlways, keywordClassic | keywordAuditSuccess},
		TypeAuditFailure: {core.LevelLogAlways, keywordClassic | keywordAuditFailure},
	} {
		r.Type = typ
		ev := r.Event("", "")
		if ev.Level != want.level || ev.Keywords != want.kw {
			t.Errorf("type %#x: level %d keywords %#x", typ, ev.Level, ev.Keywords)
		}
	}
}

func TestChannelOf(t *testing.T) {
	for in, want := range map[string]string{
		"C:/case/AppEvent.Evt": "Application", "sysevent.evt": "System", "xp-SecEvent.Evt": "Security",
		"guest.evt": "", "DNSEvent.Evt": "",
	} {
		if got := ChannelOf(in); got != want {
			t.Errorf("ChannelOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	b := write(t, sample(1, 1), evtwrite.Layout{})
	if !Sniff(b[:8]) || Sniff([]byte("ElfFile\x00")) || Sniff(b[:7]) {
		t.Error("Sniff")
	}
}

// TestBareRecord: a record on its own (carved), without the file header.
func TestBareRecord(t *testing.T) {
	recs := sample(3, 9)
	var b []byte
	for _, r := range recs {
		e, _ := evtwrite.Encode(r)
		b = append(b, e...)
	}
	got, res := scanAll(t, b)
	same(t, recs, got)
	if res.HasHeader {
		t.Error("header claimed")
	}
}

// TestEmpty: an empty log (Windows sets the oldest record number to 0) is
// no problem.
func TestEmpty(t *testing.T) {
	b := write(t, nil, evtwrite.Layout{Size: headerSize + 0x10000})
	binary.LittleEndian.PutUint32(b[28:], 0)
	got, res := scanAll(t, b)
	if len(got) != 0 || len(res.Problems) != 0 {
		t.Errorf("%d records, problems %+v", len(got), res.Problems)
	}
}

func TestHostile(t *testing.T) {
	rep := bytes.Repeat([]byte("LfLe"), 1<<14)
	sizes := append([]byte{}, rep...)
	for i := 0; i+8 <= len(sizes); i += 8 {
		binary.LittleEndian.PutUint32(sizes[i:], 0x1000)
	}
	for name, b := range map[string][]byte{
		"signatures only":    rep,
		"plausible sizes":    sizes,
		"header only":        write(t, nil, evtwrite.Layout{})[:headerSize],
		"header and garbage": append(write(t, nil, evtwrite.Layout{})[:headerSize], bytes.Repeat([]byte{0xff}, 1000)...),
	} {
		t.Run(name, func(t *testing.T) {
			scanAll(t, b)
			// Memory stays a few bytes per record's worth of input, however
			// many signatures the file holds.
			l := &log{r: bytes.NewReader(b), size: int64(len(b))}
			l.readHeader()
			spans, _ := l.find(context.Background())
			if max := len(b)/fixedSize + 1; len(spans) > max {
				t.Errorf("%d spans for %d bytes, want at most %d", len(spans), len(b), max)
			}
		})
	}
}

// FuzzScan: no input makes Scan panic, hang or return records it did not
// check; seeds are logs evtwrite wrote in every shape.
func FuzzScan(f *testing.F) {
	recs := sample(4, 1)
	for _, l := range []evtwrite.Layout{{}, {Size: 48 + 700, Start: 600}, {Size: 48 + 700, Start: 300, Dirty: true, StaleBy: 2}, {Truncate: 30}} {
		b, err := evtwrite.Write(recs, l)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		n := 0
		res, err := Scan(context.Background(), bytes.NewReader(b), int64(len(b)), func(r *Record) bool {
			n++
			ev := r.Event("f.evt", "")
			if r.Offset < 0 || r.Offset >= int64(len(b)) || ev.RecordID != uint64(r.Number) {
				t.Fatalf("record at %d of %d bytes", r.Offset, len(b))
			}
			return true
		})
		if err != nil || res.Records != n {
			t.Fatalf("err %v, %d records, result says %d", err, n, res.Records)
		}
	})
}

// BenchmarkScanHostile: a file of stray signatures with plausible sizes
// costs time and memory linear in its size.
func BenchmarkScanHostile(b *testing.B) {
	data := bytes.Repeat([]byte("LfLe\x40\x00\x00\x00"), 1<<17)
	hdr, _ := evtwrite.Write(nil, evtwrite.Layout{})
	copy(data, hdr[:headerSize])
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(context.Background(), bytes.NewReader(data), int64(len(data)), func(*Record) bool { return true })
	}
}

// TestStaleCopies: a log copied while in use can hold an old copy of a
// record in its free space and the remains of one it overwrote; each
// record is read once and the free space is no loss.
func TestStaleCopies(t *testing.T) {
	recs := sample(6, 20)
	ring := encodedSize(t, recs) + 0x28 + 600
	b := write(t, recs, evtwrite.Layout{Size: headerSize + ring, Start: 560})
	offs := offsets(t, recs) // as laid out from the header on; shift by Start
	e1, _ := evtwrite.Encode(recs[1])
	e4, _ := evtwrite.Encode(recs[4])
	at := func(i int) int { return offs[i] + 560 }
	copy(b[headerSize+80:], b[at(1):at(1)+len(e1)])           // a whole stale copy of record 21
	copy(b[headerSize+80+len(e1):], b[at(4):at(4)+len(e4)/2]) // half of record 24
	got, res := scanAll(t, b)
	same(t, recs, got)
	if len(res.Problems) != 0 {
		t.Errorf("problems %+v", res.Problems)
	}
}

// BenchmarkScan reads a wrapped log of 20,000 records.
func BenchmarkScan(b *testing.B) {
	recs := sample(20000, 1)
	t := &testing.T{}
	ring := encodedSize(t, recs) + 0x28 + 64
	data, err := evtwrite.Write(recs, evtwrite.Layout{Size: headerSize + ring, Start: ring / 2 &^ 3})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		Scan(context.Background(), bytes.NewReader(data), int64(len(data)), func(*Record) bool { n++; return true })
		if n != len(recs) {
			b.Fatalf("%d records", n)
		}
	}
}

// TestRawXML: a record re-read by its offset (here one split by the end of
// the file) renders as its event's XML, with what XML has no place for in
// a comment.
func TestRawXML(t *testing.T) {
	recs := sample(5, 1)
	recs[1].Strings = []string{"a<b & \"c\"", "\x01"}
	ring := encodedSize(t, recs) + 0x28 + 8
	b := write(t, recs, evtwrite.Layout{Size: headerSize + ring, Start: ring - 100})
	got, _ := scanAll(t, b)
	x, err := RawXML(bytes.NewReader(b), int64(len(b)), got[1].Offset, "SysEvent.Evt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		fmt.Sprintf("<!-- .evt record at offset %d", got[1].Offset), "written 2011-03-02T03:01:01Z",
		`<Provider Name="Service Control Manager"/>`, `<EventID Qualifiers="32772">14</EventID>`, "<Level>2</Level>",
		`<TimeCreated SystemTime="2011-03-02T03:01:00.000000000Z"/>`, "<EventRecordID>2</EventRecordID>",
		"<Channel>System</Channel>", "<Data>a&lt;b &amp; &#34;c&#34;</Data>", "<Data>\uFFFD</Data>", "<Binary>DEAD01</Binary>",
	} {
		if !strings.Contains(x, want) {
			t.Errorf("XML lacks %q:\n%s", want, x)
		}
	}
	for _, r := range got { // record 1 is split by the end of the file
		x, err := RawXML(bytes.NewReader(b), int64(len(b)), r.Offset, "")
		if err != nil || !strings.Contains(x, fmt.Sprintf("<EventRecordID>%d<", r.Number)) {
			t.Errorf("record %d: %v\n%s", r.Number, err, x)
		}
	}
	if _, err := RawXML(bytes.NewReader(b), int64(len(b)), got[1].Offset+4, ""); err == nil {
		t.Error("no error for an offset inside a record")
	}
}

// FuzzRoundTrip: whatever records evtwrite lays out, wrapped anywhere and
// with any strings and data, Scan reads back exactly, without problems.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("Netvsc\x00LEGACY03\x00\x00"), uint16(0), uint8(3))
	f.Add([]byte("\xff\xfe\x00ゲスト\x00LfLe\x00"), uint16(500), uint8(7))
	f.Fuzz(func(t *testing.T, seed []byte, start uint16, n uint8) {
		parts := strings.Split(string(seed), "\x00")
		recs := make([]evtwrite.Record, int(n%16)+1)
		for i := range recs {
			p := func(k int) string { return parts[(i+k)%len(parts)] }
			recs[i] = evtwrite.Record{Number: uint32(i + 1), Generated: t0.Add(time.Duration(i) * time.Second),
				EventID: uint32(i) * 0x10001, Type: uint16(1 << (i % 5)), Source: p(0), Computer: p(1),
				Strings: parts[:i%len(parts)], Data: []byte(p(2))}
		}
		for i := range recs {
			// The reader cannot tell a string from its NUL terminator.
			recs[i].Source = strings.ReplaceAll(strings.ToValidUTF8(recs[i].Source, ""), "\x00", "")
		}
		ring := encodedSize(t, recs) + 0x28 + 8
		b, err := evtwrite.Write(recs, evtwrite.Layout{Size: headerSize + ring, Start: int(start) % ring &^ 3})
		if err != nil {
			t.Skip(err)
		}
		got, res := scanAll(t, b)
		if len(got) != len(recs) || len(res.Problems) != 0 {
			t.Fatalf("%d of %d records, problems %+v", len(got), len(recs), res.Problems)
		}
		for i, g := range got {
			if g.Number != recs[i].Number || g.EventID != recs[i].EventID || len(g.Strings) != len(recs[i].Strings) || !bytes.Equal(g.Data, recs[i].Data) {
				t.Fatalf("record %d: %+v, wrote %+v", i, g, recs[i])
			}
		}
	})
}

// TestFixtureReports: what the load report says about each fixture.
func TestFixtureReports(t *testing.T) {
	want := map[string][]string{
		"xp-sysevent.evt":             nil,
		"xp-secevent.evt":             nil,
		"w2003-sysevent-wrapped.evt":  nil,
		"w2003-sysevent-skipfill.evt": nil,
		"w2000-appevent-dirty.evt":    nil, // dirty, yet every record is there
		"w2003-sysevent-truncated.evt": {"the copy is truncated",
			"damaged record (record of 192 bytes runs past the end of the file); kept as far as readable"},
		"xp-sysevent-damaged.evt": {"damaged record (size 208 at its start but 0 at its end); kept as far as readable"},
	}
	for name, reasons := range want {
		b, err := os.ReadFile(filepath.Join(fixtureDir, name))
		if err != nil {
			t.Fatal(err)
		}
		_, res := scanAll(t, b)
		var got []string
		for _, p := range res.Problems {
			got = append(got, p.Reason.String())
		}
		if len(got) != len(reasons) {
			t.Errorf("%s: problems %q, want %q", name, got, reasons)
			continue
		}
		for i, r := range reasons {
			if !strings.Contains(got[i], r) {
				t.Errorf("%s: problem %q, want %q", name, got[i], r)
			}
		}
	}
}
