package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"eventlens/model/baseline"
)

// BenchmarkTriage measures what a user waits for on a log seen for the first
// time — `eventlens triage --no-cache`: load, merge, classify, summarise —
// against golang-evtx alone on one goroutine over the same file, in the same
// run, on the 60,189-record StolenSzechuan System log. Both report events/s;
// the triage run also reports its ratio to the library as x-library.
func BenchmarkTriage(b *testing.B) {
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		b.Skip("EVENTLENS_CORPUS not set: the benchmark needs StolenSzechuan_Win2012R2_System.evtx from ../shared/corpus")
	}
	path := filepath.Join(dir, "StolenSzechuan_Win2012R2_System.evtx")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s: %v", path, err)
	}
	const records = 60189

	// The library logs to the standard logger; a first eventlens load
	// silences it for the process.
	run([]string{"triage", "--no-cache", path}, nil, io.Discard, io.Discard)

	var libRate float64
	b.Run("golang-evtx-1goroutine", func(b *testing.B) {
		for b.Loop() {
			n, err := baseline.Count(path)
			if err != nil || n != records {
				b.Fatalf("%d records, %v", n, err)
			}
		}
		libRate = records * float64(b.N) / b.Elapsed().Seconds()
		b.ReportMetric(libRate, "events/s")
	})
	b.Run("triage-no-cache", func(b *testing.B) {
		for b.Loop() {
			if code := run([]string{"triage", "--no-cache", path}, nil, io.Discard, io.Discard); code != exitOK {
				b.Fatalf("exit %d", code)
			}
		}
		rate := records * float64(b.N) / b.Elapsed().Seconds()
		b.ReportMetric(rate, "events/s")
		if libRate > 0 {
			b.ReportMetric(rate/libRate, "x-library")
		}
	})
}
