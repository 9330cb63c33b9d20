package query

import (
	"runtime"
	"sync"
	"testing"

	"eventlens/model/store"
	"eventlens/model/synth"
)

var (
	bench1M     *store.Store
	bench1MOnce sync.Once
)

func store1M(b *testing.B) *store.Store {
	bench1MOnce.Do(func() {
		s := store.New()
		const n, batch = 1_000_000, 10_000
		evs := synth.Events(n, 42)
		for i := 0; i < n; i += batch {
			s.Add(evs[i : i+batch : i+batch])
		}
		bench1M = s
		runtime.GC() // leave no collection of the setup garbage to the timed loops
	})
	return bench1M
}

// BenchmarkFilter1M measures Select (a new query) and Narrow (the same
// query text grown by one character) over one million synthetic events.
func BenchmarkFilter1M(b *testing.B) {
	s := store1M(b)
	queries := []struct{ name, q, narrow string }{
		{"words+fields", "level:error,warning src:hyper-v sql-prod", "level:error,warning src:hyper-v sql-prod-"},
		{"fields", "src:service -id:4624 ch:system host:win", "src:service -id:4624 ch:system host:win-"},
		{"word", "administrator", "administrators"},
		{"phrase", `"modules installer"`, `"modules installer "`},
		{"negated-word", "-logon", "-logon -x"},
		{"data", "data.TargetUserName:admin", "data.TargetUserName:admini"},
	}
	for _, bq := range queries {
		q := MustParse(bq.q, now)
		nq := MustParse(bq.narrow, now)
		var dst []int32
		b.Run(bq.name, func(b *testing.B) {
			b.ReportAllocs()
			c0, ok := cpuTime()
			for b.Loop() {
				dst = Select(s, q, dst)
			}
			reportCPU(b, c0, ok)
			b.ReportMetric(float64(len(dst)), "matches")
		})
		prev := Select(s, q, nil)
		b.Run(bq.name+"/narrow", func(b *testing.B) {
			b.ReportAllocs()
			c0, ok := cpuTime()
			for b.Loop() {
				dst = Narrow(s, nq, prev, dst)
			}
			reportCPU(b, c0, ok)
			b.ReportMetric(float64(len(dst)), "matches")
		})
	}
}

// reportCPU reports the CPU time per op (all goroutines), a figure that
// stays meaningful when other processes load the machine.
func reportCPU(b *testing.B, c0 int64, ok bool) {
	if c1, ok1 := cpuTime(); ok && ok1 {
		b.ReportMetric(float64(c1-c0)/1e6/float64(b.N), "cpu-ms/op")
	}
}
