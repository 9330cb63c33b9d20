package model

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestUTF16String(t *testing.T) {
	for _, s := range []string{"", "abc", "日本語", "emoji 😀 x", "tab\tand\r\nnewline", "interior\x00nul"} {
		u := utf16.Encode([]rune(s))
		if got := utf16String(append(u, 0, 0)); got != s {
			t.Errorf("utf16String(%q) = %q", s, got)
		}
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
	copy(r, recordMagic)
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
	most := 0
	for off := int64(fileHeaderSize); off+chunkSize <= int64(len(data)); off += chunkSize {
		c := w.prepare(off, data[off:off+chunkSize])
		for p := chunkDataStart; validRecord(c.Data, p); p += int(binary.LittleEndian.Uint32(c.Data[p+4:])) {
			if _, err := w.decode(c, p); err != nil {
				t.Fatalf("record at %d: %v", off+int64(p), err)
			}
			most = max(most, readBudget-w.rd.left)
		}
	}
	t.Logf("most reads for one record: %d (budget %d)", most, readBudget)
	if most == 0 || most > readBudget/20 {
		t.Errorf("most reads for one record: %d, budget %d", most, readBudget)
	}
}
