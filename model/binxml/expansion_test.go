package binxml

import (
	"testing"

	"eventlens/model/core"
)

// expansionChunk builds a chunk whose templates nest as spec says: each
// definition holds up to 80 pieces, each an instance of an earlier
// definition, a <Data> element whose value is a string array (repeated
// once per item), or literal text (each definition under 16 KiB). Every further record instantiates the
// last definition, as a template-expansion bomb does.
func expansionChunk(spec []byte) []byte {
	p := 0
	next := func() int {
		if p >= len(spec) {
			return 0
		}
		p++
		return int(spec[p-1])
	}
	w := newChunkBuilder()
	id := uint64(0)
	items := make([]byte, 0, 512)
	for i := range 64 {
		items = append(items, str16(string(rune('a'+i%26)))...)
		items = append(items, 0, 0)
	}
	vals := []tv{{typ: typString | typArray, data: items[:4*(1+next()%64)]}}
	var defs []int
	for level := 0; level < 6 && p < len(spec) && w.pos() < ChunkSize-16<<10; level++ {
		n, kind := next()%80, next()
		id++
		w.record(id, 0, func(w *chunkBuilder) {
			w.fragmentHeader()
			defs = append(defs, w.templateInline(func(w *chunkBuilder) {
				w.open("Event", false, true)
				w.closeStart()
				w.open("EventData", false, true)
				w.closeStart()
				for range n {
					if w.pos() > ChunkSize-12<<10 {
						break
					}
					switch k := next() % 3; {
					case k == 0 && len(defs) > 0 && kind&1 == 0:
						w.templateRef(defs[next()%len(defs)], vals)
					case k == 1:
						w.substElem("Data", 0, typString|typArray)
					default:
						w.open("Data", false, true)
						w.closeStart()
						w.text(string(make([]byte, next()%64)))
						w.end()
					}
				}
				w.end()
				w.end()
			}, vals))
			w.eof()
		})
	}
	for len(defs) > 0 && w.pos() < ChunkSize-1024 {
		id++
		w.record(id, 0, func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateRef(defs[len(defs)-1], vals)
			w.eof()
		})
	}
	return w.chunk()
}

// checkExpansion decodes every record of data and checks that what the
// records keep, all together, stays within the chunk's output bound (plus
// the one value that may cross it), and the work within the chunk's.
func checkExpansion(t *testing.T, data []byte) {
	c, err := NewChunk(data)
	if err != nil {
		return
	}
	var kept int
	c.Records(func(r RecordRef) bool {
		var ev core.Event
		c.Decode(r, &ev)
		for _, d := range append(ev.Data, ev.UserData...) {
			kept += len(d.Value) + ItemCost
		}
		kept += len(ev.Binary)
		return true
	})
	t.Logf("records keep %d bytes, %d operations", kept, c.spent)
	if limit := MaxChunkOutput + MaxRecordOutput; kept > limit {
		t.Errorf("records keep %d bytes, more than %d", kept, limit)
	}
	if c.spent > maxChunkWork+maxWork {
		t.Errorf("%d operations, more than %d", c.spent, maxChunkWork+maxWork)
	}
}

// FuzzTemplateExpansion builds chunks of nested templates and array
// substitutions from the fuzzer's bytes: however they nest, decoding never
// panics and the records of a chunk keep no more than the chunk's bound.
func FuzzTemplateExpansion(f *testing.F) {
	f.Add([]byte{10, 1, 0, 64, 1, 1, 1, 1, 64, 0, 0, 0, 0, 64, 0, 1, 1, 1})
	f.Add([]byte{63, 79, 1, 2, 200, 79, 0, 0, 0, 79, 0, 0, 1, 79, 0, 0, 2})
	f.Add([]byte{0, 5, 2, 1, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, spec []byte) {
		checkExpansion(t, expansionChunk(spec))
	})
}

// TestExpansionBounds runs the fuzz seeds and a worst case: every level
// instantiating the one below 79 times, arrays of 64 items at the bottom.
func TestExpansionBounds(t *testing.T) {
	worst := []byte{63}
	worst = append(worst, 79, 1)
	for range 79 {
		worst = append(worst, 1)
	}
	for range 5 {
		worst = append(worst, 79, 0)
		for range 79 {
			worst = append(worst, 0, 255)
		}
	}
	checkExpansion(t, expansionChunk(worst))
	checkExpansion(t, bombChunk())
}
