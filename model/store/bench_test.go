package store

import (
	"runtime"
	"testing"

	"eventlens/model"
	"eventlens/model/synth"
)

// BenchmarkStore1M measures the resident memory of a store of one million
// realistic events (issue 7: ≤ 300 bytes/event) and the cost of adding
// them in loader-sized batches.
func BenchmarkStore1M(b *testing.B) {
	const n, batch = 1_000_000, 2048
	var perEvent float64
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		g := synth.New(42)
		evs := make([]model.Event, batch)
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.HeapAlloc
		s := New()
		for i := 0; i < n; i += batch {
			m := min(batch, n-i)
			g.Fill(evs[:m]) // generating is not what is measured
			b.StartTimer()
			s.Add(evs[:m])
			b.StopTimer()
		}
		clear(evs)
		runtime.GC()
		runtime.ReadMemStats(&ms)
		perEvent = float64(ms.HeapAlloc-before) / n
		runtime.KeepAlive(s)
		b.StartTimer()
	}
	b.ReportMetric(perEvent, "bytes/event")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/add")
}
