package binxml

import (
	"bufio"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"eventlens/model/core"
)

// corpusDir returns $EVENTLENS_CORPUS or skips the test.
func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		tb.Skip("EVENTLENS_CORPUS is not set: set it to the shared corpus directory (../shared/corpus) to run corpus tests")
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil {
		tb.Skipf("EVENTLENS_CORPUS=%s has no MANIFEST.tsv: %v", dir, err)
	}
	return dir
}

type manifestEntry struct {
	file     string
	expected int
}

func readManifest(tb testing.TB, dir string) []manifestEntry {
	tb.Helper()
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []manifestEntry
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	col := -1
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if col < 0 {
			for i, h := range cols {
				if h == "expected_records" {
					col = i
				}
			}
			if col < 0 {
				tb.Fatal("MANIFEST.tsv has no expected_records column")
			}
			continue
		}
		if len(cols) <= col {
			continue
		}
		n, err := strconv.Atoi(cols[col])
		if err != nil {
			tb.Fatalf("MANIFEST.tsv: %s: expected_records %q: %v", cols[0], cols[col], err)
		}
		out = append(out, manifestEntry{file: cols[0], expected: n})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// fileStats is what decoding one file with this package gives.
type fileStats struct {
	chunks         int
	records        int // well-formed records found by the walk
	decoded        int // of which decoded without error
	partial        int // decoded with an error, System read
	failed         int // not decoded
	damaged        int // damaged stretches reported by the walk
	damagedIDs     int // of which with a readable record header (kept as events)
	damagedDecoded int // of which partly decoded (System read)
	skippedBytes   int
	templates      int // definitions listed in the chunk headers' template tables
	badTemplates   int // of which do not compile cleanly
	firstErrs      []string
}

// walkFile decodes every record of the file at path.
func walkFile(tb testing.TB, path string, each func(c *Chunk, ref RecordRef, ev *core.Event, err error)) fileStats {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		tb.Fatal(err)
	}
	var st fileStats
	var c Chunk
	err = ScanFile(f, fi.Size(), func(idx int, off int64, data []byte) bool {
		if err := c.Reset(data); err != nil {
			st.firstErrs = append(st.firstErrs, err.Error())
			return true
		}
		c.Offset = off
		st.chunks++
		for _, to := range c.TemplateOffsets() {
			st.templates++
			if t, err := c.template(to, 0); err != nil || t.err != nil {
				st.badTemplates++
			}
		}
		c.Records(func(ref RecordRef) bool {
			if ref.Err != nil {
				st.damaged++
				st.skippedBytes += ref.Size
				if len(st.firstErrs) < 8 {
					st.firstErrs = append(st.firstErrs, "chunk "+strconv.Itoa(idx)+": "+ref.Err.Error())
				}
				if !ref.HeaderOK {
					return true
				}
				// A damaged record with a readable header is kept: decoded
				// as far as its bytes go.
				st.damagedIDs++
				var ev core.Event
				if err := c.Decode(ref, &ev); err == nil {
					tb.Errorf("chunk %d: Decode of damaged record %d returned no error", idx, ref.ID)
				}
				if ev.Decoded {
					st.damagedDecoded++
				}
				if ev.RecordID == 0 {
					tb.Errorf("chunk %d: damaged record at 0x%x kept without its record ID", idx, ref.Offset)
				}
				if each != nil {
					each(&c, ref, &ev, ref.Err)
				}
				return true
			}
			st.records++
			var ev core.Event
			err := c.Decode(ref, &ev)
			switch {
			case err == nil:
				st.decoded++
			case ev.Decoded:
				st.partial++
			default:
				st.failed++
			}
			if err != nil && len(st.firstErrs) < 8 {
				st.firstErrs = append(st.firstErrs, "chunk "+strconv.Itoa(idx)+" record "+strconv.FormatUint(ref.ID, 10)+": "+err.Error())
			}
			if each != nil {
				each(&c, ref, &ev, err)
			}
			return true
		})
		return true
	})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// TestCorpusCounts decodes every corpus file and checks that the records
// found reach MANIFEST.tsv's expected_records.
func TestCorpusCounts(t *testing.T) {
	dir := corpusDir(t)
	for _, m := range readManifest(t, dir) {
		t.Run(m.file, func(t *testing.T) {
			st := walkFile(t, filepath.Join(dir, m.file), nil)
			t.Logf("%s: chunks %d, records %d (decoded %d, partial %d, failed %d), damaged stretches %d (%d with a record header, %d of them partly decoded; %d bytes), found %d, expected %d",
				m.file, st.chunks, st.records, st.decoded, st.partial, st.failed, st.damaged, st.damagedIDs, st.damagedDecoded, st.skippedBytes, st.records+st.damagedIDs, m.expected)
			t.Logf("  template tables: %d definitions, %d incomplete", st.templates, st.badTemplates)
			for _, e := range st.firstErrs {
				t.Logf("  %s", e)
			}
			// Reaching the MANIFEST's count: every record found is decoded,
			// or kept (with its header's ID and time) where its bytes are gone.
			if st.records+st.damagedIDs < m.expected {
				t.Errorf("found %d+%d records, MANIFEST expects %d", st.records, st.damagedIDs, m.expected)
			}
			if st.failed > 0 {
				t.Errorf("%d well-formed records failed to decode", st.failed)
			}
		})
	}
}

// TestCorpusXML renders every corpus record as XML and checks that the text
// is well-formed and agrees with Decode on the event ID.
func TestCorpusXML(t *testing.T) {
	dir := corpusDir(t)
	for _, m := range readManifest(t, dir) {
		t.Run(m.file, func(t *testing.T) {
			path := filepath.Join(dir, m.file)
			if fi, err := os.Stat(path); err == nil && testing.Short() && fi.Size() > 4<<20 {
				t.Skipf("%d bytes: long mode only", fi.Size())
			}
			n := 0
			walkFile(t, path, func(c *Chunk, ref RecordRef, ev *core.Event, err error) {
				if ref.Err != nil {
					return
				}
				x, xerr := c.XML(ref)
				if xerr != nil {
					t.Errorf("record %d: XML: %v", ref.ID, xerr)
					return
				}
				// Values keep their control characters, as Windows logs them
				// (the UI sanitises what it shows); XML 1.0 forbids them.
				clean := strings.Map(func(r rune) rune {
					if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
						return -1
					}
					return r
				}, x)
				dec := xml.NewDecoder(strings.NewReader(clean))
				for {
					_, err := dec.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Errorf("record %d: XML not well-formed: %v\n%s", ref.ID, err, x)
						return
					}
				}
				if want := "<EventID"; !strings.Contains(x, want) {
					t.Errorf("record %d: no EventID in\n%s", ref.ID, x)
				}
				n++
			})
			t.Logf("%d records rendered as well-formed XML", n)
		})
	}
}
