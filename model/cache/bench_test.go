package cache

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"eventlens/model"
	"eventlens/model/baseline"
)

const (
	benchFile   = "StolenSzechuan_Win2012R2_System.evtx"
	benchEvents = 60189
)

func corpusFile(tb testing.TB, name string) string {
	tb.Helper()
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		tb.Skip("EVENTLENS_CORPUS not set: set it to ../shared/corpus to run the corpus benchmarks and tests")
	}
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("EVENTLENS_CORPUS=%s: %v; skipped", dir, err)
	}
	return p
}

// BenchmarkReopenStolenSzechuan measures re-opening the 60,189-record
// StolenSzechuan System log through the index cache (warm), against the
// first load (cold: cache empty, parse and write the entry), the loader
// without the cache (nocache, as --no-cache) and golang-evtx alone on one
// goroutine (the loop of model's BenchmarkLoadStolenSzechuan). All report events/s; warm also reports
// x-library, its speed as a multiple of the library's measured in the same
// run (target: at least 20).
func BenchmarkReopenStolenSzechuan(b *testing.B) {
	path := corpusFile(b, benchFile)
	fi, err := os.Stat(path)
	if err != nil {
		b.Skip(err)
	}
	model.LoadSources(context.Background(), nil, model.LoadOptions{}, nil) // silences golang-evtx's logging

	load := func(b *testing.B, c *Cache) {
		n := 0
		reps, err := c.Load(context.Background(), model.Expand([]string{path}), model.LoadOptions{}, func(u model.Update) { n += len(u.Events) })
		if err != nil || reps[0].Err != nil || n != benchEvents {
			b.Fatal(err, reps[0].Err, n)
		}
	}
	rate := func(b *testing.B) float64 {
		r := float64(benchEvents) * float64(b.N) / b.Elapsed().Seconds()
		b.ReportMetric(r, "events/s")
		return r
	}

	var libRate float64
	b.Run("golang-evtx-1goroutine", func(b *testing.B) {
		b.SetBytes(fi.Size())
		for b.Loop() {
			if n := libraryAlone(b, path); n != benchEvents {
				b.Fatalf("%d events", n)
			}
		}
		libRate = rate(b)
	})

	b.Run("nocache", func(b *testing.B) {
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		for b.Loop() {
			load(b, nil)
		}
		rate(b)
	})

	b.Run("cold", func(b *testing.B) {
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			c, err := Open(b.TempDir(), 0)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			load(b, c)
			if c.Stats().Written != 1 {
				b.Fatalf("stats %+v", c.Stats())
			}
		}
		rate(b)
	})

	b.Run("warm", func(b *testing.B) {
		c, err := Open(b.TempDir(), 0)
		if err != nil {
			b.Fatal(err)
		}
		load(b, c) // fill
		b.SetBytes(fi.Size())
		b.ReportAllocs()
		for b.Loop() {
			load(b, c)
		}
		if s := c.Stats(); s.Hits != int64(b.N) {
			b.Fatalf("stats %+v after %d reopens", s, b.N)
		}
		if r := rate(b); libRate > 0 {
			b.ReportMetric(r/libRate, "x-library")
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
