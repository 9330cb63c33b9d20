package binxml

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"eventlens/model/core"
)

const benchFile = "StolenSzechuan_Win2012R2_System.evtx"

// benchData loads the benchmark log and its chunks, or skips.
func benchData(b *testing.B) (file []byte, offs []int64, chunks [][]byte) {
	b.Helper()
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		b.Skip("EVENTLENS_CORPUS is not set: benchmarks need " + benchFile + " from the shared corpus")
	}
	file, err := os.ReadFile(filepath.Join(dir, benchFile))
	if err != nil {
		b.Skipf("%s: %v", benchFile, err)
	}
	ScanFile(bytes.NewReader(file), int64(len(file)), func(_ int, off int64, data []byte) bool {
		offs = append(offs, off)
		chunks = append(chunks, data)
		return true
	})
	return file, offs, chunks
}

// reportPerRecord turns per-iteration totals into per-record figures.
func reportPerRecord(b *testing.B, records int, m0, m1 *runtime.MemStats) {
	if records == 0 {
		return
	}
	n := float64(records) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "records/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/record")
	b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/n, "B/record")
	b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/n, "allocs/record")
}

// BenchmarkDecode decodes every record of the 60,189-record StolenSzechuan
// System log into model.Events, one chunk after another on one goroutine
// (templates are compiled afresh for each chunk, as a loader would).
func BenchmarkDecode(b *testing.B) {
	var ev core.Event
	benchRecords(b, func(c *Chunk, r RecordRef) bool { return c.Decode(r, &ev) == nil })
}

// BenchmarkXML renders every record of the same log as XML text.
func BenchmarkXML(b *testing.B) {
	benchRecords(b, func(c *Chunk, r RecordRef) bool {
		_, err := c.XML(r)
		return err == nil
	})
}

// benchRecords runs do on every well-formed record of the benchmark log,
// chunk after chunk, and reports per-record figures for those it succeeds on.
func benchRecords(b *testing.B, do func(c *Chunk, r RecordRef) bool) {
	file, _, chunks := benchData(b)
	var c Chunk
	records := 0
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		records = 0
		for _, data := range chunks {
			if c.Reset(data) != nil {
				continue
			}
			c.Records(func(r RecordRef) bool {
				if r.Err == nil && do(&c, r) {
					records++
				}
				return true
			})
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	reportPerRecord(b, records, &m0, &m1)
}

// BenchmarkGolangEvtxDecode decodes the same records with golang-evtx's
// chunk API (FetchChunk, ParseEvent, GoEvtxMap) on one goroutine.
func BenchmarkGolangEvtxDecode(b *testing.B) {
	file, offs, chunks := benchData(b)
	ef, err := goNew(file)
	if err != nil {
		b.Skipf("golang-evtx cannot open %s: %v", benchFile, err)
	}
	// The record offsets come from our walk, so both decode the same records.
	recs := make([][]int, len(chunks))
	var c Chunk
	for i, data := range chunks {
		if c.Reset(data) != nil {
			continue
		}
		c.Records(func(r RecordRef) bool {
			if r.Err == nil {
				recs[i] = append(recs[i], r.Offset)
			}
			return true
		})
	}
	records := 0
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		records = 0
		for ci, off := range offs {
			gc, err := goChunk(&ef, off)
			if err != nil {
				continue
			}
			for _, ro := range recs[ci] {
				if _, err := goEvent(&gc, ro); err == nil {
					records++
				}
			}
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&m1)
	reportPerRecord(b, records, &m0, &m1)
}
