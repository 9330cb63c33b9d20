package vm

import (
	"fmt"
	"testing"

	"eventlens/model/store"
	"eventlens/model/synth"
)

// BenchmarkBuild measures learning the VMs of a realistic store (model/synth,
// whose Hyper-V log names VMs), as the viewer does when V opens or a vm:
// filter is typed.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := store.New()
			s.Add(synth.Events(n, 5))
			var ix *Index
			for b.Loop() {
				ix = Build(s, nil, nil)
			}
			b.ReportMetric(float64(len(ix.VMs)), "vms")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
		})
	}
}
