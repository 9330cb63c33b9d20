package model

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"eventlens/model/baseline"
)

const benchFile = "StolenSzechuan_Win2012R2_System.evtx" // 60,189 records

// BenchmarkLoadStolenSzechuan compares eventlens's loader (all cores, and
// one worker) with golang-evtx alone on one goroutine (FetchChunk +
// GoEvtxMap over the same chunks, no channels), on the 60,189-record
// StolenSzechuan System log. All report events/s (wall clock) and
// events/cpu-s (per CPU second, GC included: less sensitive to a busy
// machine).
func BenchmarkLoadStolenSzechuan(b *testing.B) {
	dir := corpusDir(b)
	path := filepath.Join(dir, benchFile)
	fi, err := os.Stat(path)
	if err != nil {
		b.Skipf("%s: %v", path, err)
	}
	quietLibrary()

	for _, c := range []struct {
		name    string
		workers int
	}{{"eventlens", 0}, {"eventlens-1worker", 1}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(fi.Size())
			b.ReportAllocs()
			var n int
			cpu0 := cpuTime()
			for b.Loop() {
				n = 0
				reps, err := Load(context.Background(), []string{path}, LoadOptions{Workers: c.workers}, func(u Update) { n += len(u.Events) })
				if err != nil || reps[0].Err != nil {
					b.Fatal(err, reps[0].Err)
				}
			}
			if n != 60189 {
				b.Fatalf("%d events", n)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "events/cpu-s")
			}
		})
	}

	b.Run("golang-evtx-1goroutine", func(b *testing.B) {
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		var n int
		cpu0 := cpuTime()
		for b.Loop() {
			n = libraryAlone(b, path)
		}
		if n != 60189 {
			b.Fatalf("%d events", n)
		}
		b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		// CPU time spent (all threads, GC included): the wall-clock rate
		// depends on how busy the machine is, this one much less.
		if cpu := cpuTime() - cpu0; cpu > 0 {
			b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "events/cpu-s")
		}
	})
}

// libraryAlone is golang-evtx on its own, the yardstick (see package
// baseline).
func libraryAlone(b *testing.B, path string) int {
	n, err := baseline.Count(path)
	if err != nil {
		b.Fatal(err)
	}
	return n
}
