package msgdb_test

import (
	"fmt"
	"testing"

	"eventlens/model"
	"eventlens/model/msgdb/msgdbtest"
)

// BenchmarkRender renders events of 200 distinct IDs from a database, as a
// million-event load with --messages does: after the first of each ID,
// every lookup is a cache hit, so the cost is the rendering itself.
func BenchmarkRender(b *testing.B) {
	var ts []msgdbtest.Template
	for id := range 200 {
		ts = append(ts, msgdbtest.Template{Provider: provService, EventID: id,
			Message: fmt.Sprintf("Unit %%1 changed to %%2 (%d).%%nCode %%3!08x!.", id)})
	}
	s := open(b, writeDB(b, msgdbtest.Options{}, ts...))
	evs := make([]model.Event, 1000)
	for i := range evs {
		evs[i] = model.Event{Provider: provService, EventID: uint16(i % 200), Data: data("Print Queue", "running", "255")}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, _, ok := s.Render(&evs[i%len(evs)]); !ok {
			b.Fatal("not rendered")
		}
	}
}
