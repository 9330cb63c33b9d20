package novelty

import (
	"testing"

	"eventlens/model/store"
	"eventlens/model/synth"
)

// BenchmarkRank1M ranks the unknown errors and warnings of a million
// realistic events (model/synth), as the summary does when it opens.
func BenchmarkRank1M(b *testing.B) {
	s := store.New()
	s.Add(synth.Events(1_000_000, 9))
	var items []Item
	for b.Loop() {
		items = Rank(s, s.Order())
	}
	b.ReportMetric(float64(len(items)), "kinds")
}
