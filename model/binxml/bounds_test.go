package binxml

import (
	"os"
	"testing"
	"time"

	"eventlens/model/core"
)

// bombChunk builds a chunk of records that instantiate a "billion laughs"
// of nested template definitions: each level instantiates the one below 64
// times, so one record would expand to 64^4 elements. It is the most work
// a chunk can ask of the decoder.
func bombChunk() []byte {
	w := newChunkBuilder()
	var id uint64
	def := w.pos() // set by the first record
	w.record(1, 0, func(w *chunkBuilder) {
		w.fragmentHeader()
		def = w.templateInline(func(w *chunkBuilder) {
			w.open("E", false, false)
			w.closeEmpty()
		}, nil)
		w.eof()
	})
	id = 1
	for level := 0; level < 4; level++ {
		below := def
		id++
		w.record(id, 0, func(w *chunkBuilder) {
			w.fragmentHeader()
			def = w.templateInline(func(w *chunkBuilder) {
				w.open("L", false, false)
				w.closeStart()
				for range 64 {
					w.templateRef(below, nil)
				}
				w.end()
			}, nil)
			w.eof()
		})
	}
	for w.pos() < ChunkSize-64 {
		id++
		w.record(id, 0, func(w *chunkBuilder) {
			w.fragmentHeader()
			w.templateRef(def, nil)
			w.eof()
		})
	}
	return w.chunk()
}

// TestWorkBounds checks the decoder gives up on a bomb chunk within its
// budgets, record by record and for the chunk as a whole, and logs what
// that costs (tens of milliseconds; quoted in the README).
func TestWorkBounds(t *testing.T) {
	data := bombChunk()
	if out := os.Getenv("EVENTLENS_BOMB_OUT"); out != "" {
		// For measuring the whole loader on it: an EVTX file of 16 such
		// chunks.
		f := append([]byte("ElfFile\x00"), make([]byte, FileHeaderSize-8)...)
		for range 16 {
			f = append(f, data...)
		}
		if err := os.WriteFile(out, f, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := NewChunk(data)
	if err != nil {
		t.Fatal(err)
	}
	var ev core.Event
	records, failed := 0, 0
	start := time.Now()
	c.Records(func(r RecordRef) bool {
		records++
		if c.Decode(r, &ev) != nil {
			failed++
		}
		return true
	})
	elapsed := time.Since(start)
	t.Logf("bomb chunk: %d records, %d stopped by the work budgets, decoded in %v", records, failed, elapsed)
	if records < 1000 || failed < records-10 {
		t.Errorf("%d records, %d failed", records, failed)
	}
}
