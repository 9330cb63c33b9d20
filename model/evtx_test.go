package model

import (
	"context"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"eventlens/model/binxml"
)

func TestUTF16String(t *testing.T) {
	for _, s := range []string{"", "abc", "日本語", "emoji 😀 x", "tab\tand\r\nnewline"} {
		u := utf16.Encode([]rune(s))
		if got := utf16String(append(u, 0, 0)); got != s {
			t.Errorf("utf16String(%q) = %q", s, got)
		}
	}
	// Text ends at the first NUL, as Windows (and binxml) render it.
	if got := utf16String(utf16.Encode([]rune("interior\x00nul"))); got != "interior" {
		t.Errorf("interior NUL: %q", got)
	}
	// Lone surrogates become U+FFFD, as golang-evtx's own conversion does.
	if got := utf16String([]uint16{'a', 0xD800, 'b', 0xDC00}); got != "a\uFFFDb\uFFFD" {
		t.Errorf("lone surrogates: %q", got)
	}
}

func TestFileTime(t *testing.T) {
	// 2014-03-21T11:46:19.1234567Z
	const ft = 130398759791234567
	got := fileTime(ft)
	if s := winTime(got); s != "2014-03-21T11:46:19.1234567Z" {
		t.Errorf("fileTime = %s", s)
	}
	if !fileTime(0).Before(got) || fileTime(1<<63).IsZero() == false {
		t.Errorf("edge values: %v %v", fileTime(0), fileTime(1<<63))
	}
}

// selfReferencingEVTX builds a one-record EVTX file whose record uses a
// template that instantiates itself: golang-evtx alone recurses until the
// Go runtime aborts with a fatal stack overflow.
func selfReferencingEVTX() []byte {
	const tmpl = 0x400
	le := binary.LittleEndian
	f := make([]byte, fileHeaderSize+chunkSize)
	copy(f, fileMagic)
	c := f[fileHeaderSize:]
	copy(c, chunkMagic)
	le.PutUint64(c[24:], 1) // first and last record ID
	le.PutUint64(c[32:], 1)
	le.PutUint32(c[40:], 128)
	le.PutUint32(c[44:], chunkDataStart)
	const size = 0x40
	le.PutUint32(c[48:], chunkDataStart+size)
	r := c[chunkDataStart:]
	copy(r, "\x2a\x2a\x00\x00")
	le.PutUint32(r[4:], size)
	le.PutUint64(r[8:], 1)
	le.PutUint64(r[16:], 130398759791234567)
	// Fragment header, then a template instance whose definition is at tmpl.
	copy(r[24:], []byte{0x0f, 1, 1, 0, 0x0c, 1, 0, 0, 0, 0})
	le.PutUint32(r[34:], tmpl)
	le.PutUint32(r[size-4:], size)
	// The definition: next, GUID, size, fragment header, then an instance
	// of itself.
	d := c[tmpl:]
	le.PutUint32(d[20:], 64)
	copy(d[24:], []byte{0x0f, 1, 1, 0, 0x0c, 1, 0, 0, 0, 0})
	le.PutUint32(d[34:], tmpl)
	return f
}

func TestSelfReferencingTemplate(t *testing.T) {
	var evs []Event
	reps, err := LoadSources(context.Background(), []Source{BytesSource("loop.evtx", selfReferencingEVTX())}, LoadOptions{}, func(u Update) {
		evs = append(evs, u.Events...)
	})
	if err != nil || len(reps) != 1 {
		t.Fatal(err)
	}
	r := reps[0]
	if r.RecordsUndecoded != 1 || len(evs) != 1 || evs[0].Decoded || evs[0].RecordID != 1 {
		t.Fatalf("report %+v, events %+v", r, evs)
	}
	if !strings.Contains(evs[0].DecodeError, "read budget") {
		t.Errorf("DecodeError = %q", evs[0].DecodeError)
	}
	if want := fileTime(130398759791234567); !evs[0].Time.Equal(want) {
		t.Errorf("Time = %v, want the record header's %v", evs[0].Time, want)
	}
}

// TestReadBudget checks real records stay far below the read budget.
func TestReadBudget(t *testing.T) {
	dir := corpusDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "python-evtx_issue_43_Sysmon.evtx"))
	if err != nil {
		t.Fatal(err)
	}
	w := newEVTXWorker()
	most, chunkMost := 0, 0
	for off := int64(fileHeaderSize); off+chunkSize <= int64(len(data)); off += chunkSize {
		c, _, _ := w.prepareChunk(off, data[off:off+chunkSize])
		if err := w.bc.Reset(c.Data); err != nil {
			continue // a slot without a chunk
		}
		w.bc.Records(func(ref binxml.RecordRef) bool {
			if ref.Err != nil {
				t.Fatalf("chunk at %d: %v", off, ref.Err)
			}
			if _, err := w.decode(c, ref.Offset); err != nil {
				t.Fatalf("record at %d: %v", off+int64(ref.Offset), err)
			}
			most = max(most, readBudget-w.rd.left)
			return true
		})
		chunkMost = max(chunkMost, w.rd.spent)
	}
	t.Logf("most reads for one record: %d (budget %d); for one chunk: %d (budget %d)", most, readBudget, chunkMost, chunkReadBudget)
	if chunkMost > chunkReadBudget/10 {
		t.Errorf("most reads for one chunk: %d, budget %d", chunkMost, chunkReadBudget)
	}
	if most == 0 || most > readBudget/20 {
		t.Errorf("most reads for one record: %d, budget %d", most, readBudget)
	}
}

// worstCaseChunk builds a one-chunk EVTX file packed with records that
// each instantiate a self-referencing template: the most work golang-evtx
// can be made to do per chunk before its budgets stop it.
func worstCaseChunk() []byte {
	const tmpl = 0xFF00
	le := binary.LittleEndian
	f := make([]byte, fileHeaderSize+chunkSize)
	copy(f, fileMagic)
	c := f[fileHeaderSize:]
	copy(c, chunkMagic)
	const size = 0x40
	n := (tmpl - chunkDataStart) / size
	le.PutUint64(c[24:], 1)
	le.PutUint64(c[32:], uint64(n))
	le.PutUint32(c[40:], 128)
	le.PutUint32(c[44:], uint32(chunkDataStart+(n-1)*size))
	le.PutUint32(c[48:], uint32(chunkDataStart+n*size))
	for i := range n {
		r := c[chunkDataStart+i*size:]
		copy(r, "\x2a\x2a\x00\x00")
		le.PutUint32(r[4:], size)
		le.PutUint64(r[8:], uint64(i+1))
		le.PutUint64(r[16:], 130398759791234567)
		copy(r[24:], []byte{0x0f, 1, 1, 0, 0x0c, 1, 0, 0, 0, 0})
		le.PutUint32(r[34:], tmpl)
		le.PutUint32(r[size-4:], size)
	}
	d := c[tmpl:]
	le.PutUint32(d[20:], 64)
	copy(d[24:], []byte{0x0f, 1, 1, 0, 0x0c, 1, 0, 0, 0, 0})
	le.PutUint32(d[34:], tmpl)
	return f
}

// TestWorstCaseChunk checks that a chunk of nothing but self-referencing
// records is read to the end, every record kept undecoded with its reason,
// and logs what it costs (the per-chunk budgets bound it; the README quotes
// the figure).
func TestWorstCaseChunk(t *testing.T) {
	data := worstCaseChunk()
	start := time.Now()
	var evs []Event
	reps, err := LoadSources(context.Background(), []Source{BytesSource("worst.evtx", data)}, LoadOptions{Workers: 1}, func(u Update) {
		evs = append(evs, u.Events...)
	})
	elapsed := time.Since(start)
	if err != nil || len(reps) != 1 {
		t.Fatal(err)
	}
	want := (0xFF00 - chunkDataStart) / 0x40
	if r := reps[0]; r.RecordsUndecoded != want || len(evs) != want {
		t.Fatalf("%d undecoded of %d records, %d events", r.RecordsUndecoded, want, len(evs))
	}
	t.Logf("worst-case chunk: %d self-referencing records read in %v", want, elapsed)
}

// fileTime converts a FILETIME (100 ns ticks since 1601) to UTC, as the
// record header gives it (the loader has binxml do it).
func fileTime(ft uint64) time.Time {
	const ticksTo1970 = 116444736000000000
	d := int64(ft) - ticksTo1970
	if ft > math.MaxInt64 {
		return time.Time{}
	}
	return time.Unix(d/1e7, (d%1e7)*100).UTC()
}
