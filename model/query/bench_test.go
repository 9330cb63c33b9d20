package query

import (
	"eventlens/model"
	"runtime"
	"strconv"
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
	queries := []benchQuery{
		{"words+fields", "level:error,warning src:hyper-v sql-prod", "level:error,warning src:hyper-v sql-prod-"},
		{"fields", "src:service -id:4624 ch:system host:win", "src:service -id:4624 ch:system host:win-"},
		{"word", "administrator", "administrators"},
		{"phrase", `"modules installer"`, `"modules installer "`},
		{"negated-word", "-logon", "-logon -x"},
		{"data", "data.TargetUserName:admin", "data.TargetUserName:admini"},
	}
	benchQueries(b, s, queries, nil)
}

// reportCPU reports the CPU time per op (all goroutines), a figure that
// stays meaningful when other processes load the machine.
func reportCPU(b *testing.B, c0 int64, ok bool) {
	if c1, ok1 := cpuTime(); ok && ok1 {
		b.ReportMetric(float64(c1-c0)/1e6/float64(b.N), "cpu-ms/op")
	}
}

// benchTemplates gives every event of the synthetic load a database
// template per provider and event ID, as a message database would, and is
// built once over the million events.
func benchTemplates(s *store.Store) *Templates {
	// A message database caches its templates per provider and event ID.
	type key struct {
		provider string
		id       uint16
	}
	cache := map[key]string{}
	t := &Templates{Database: func(ev *model.Event) string {
		k := key{ev.Provider, ev.EventID}
		text, ok := cache[k]
		if !ok {
			text = "The " + ev.Provider + store.Sep + " reported event " + strconv.Itoa(int(ev.EventID)) + store.Sep + " in the running state."
			cache[k] = text
		}
		return text
	}}
	t.Update(s)
	return t
}

// BenchmarkFilter1MTemplates is BenchmarkFilter1M's word queries with
// message templates bound (Templates): words also match the templates'
// text, decided once per template per query.
func BenchmarkFilter1MTemplates(b *testing.B) {
	s := store1M(b)
	tm := benchTemplates(s)
	queries := []benchQuery{
		{"word", "administrator", "administrators"},
		{"template-word", `"running state"`, `"running state."`},
		{"negated-word", "-logon", "-logon -x"},
	}
	benchQueries(b, s, queries, tm)
}

// BenchmarkTemplatesUpdate1M measures what binding templates costs once per
// load: asking the database about each of a million events.
func BenchmarkTemplatesUpdate1M(b *testing.B) {
	s := store1M(b)
	b.ReportAllocs()
	for b.Loop() {
		benchTemplates(s)
	}
}

type benchQuery struct{ name, q, narrow string }

// benchQueries measures Select of each query and Narrow to its grown text,
// with tm bound (nil: none).
func benchQueries(b *testing.B, s *store.Store, queries []benchQuery, tm *Templates) {
	for _, bq := range queries {
		q := MustParse(bq.q, now).WithTemplates(tm)
		nq := MustParse(bq.narrow, now).WithTemplates(tm)
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
