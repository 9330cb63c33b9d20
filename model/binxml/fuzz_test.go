package binxml

import (
	"os"
	"path/filepath"
	"testing"

	"eventlens/model/core"
)

// FuzzDecodeChunk feeds arbitrary bytes to the chunk decoder: walk, decode
// and render every record. It must never panic and must stay within its
// work limits. Seeds are hand-built chunks and, when EVENTLENS_CORPUS is
// set, the first chunks of the corpus files.
func FuzzDecodeChunk(f *testing.F) {
	for _, seed := range handMadeChunks()[:2] {
		f.Add(seed)
	}
	if dir := os.Getenv("EVENTLENS_CORPUS"); dir != "" {
		for _, name := range []string{
			"E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx",
			"Microsoft-Windows-LanguagePackSetup%4Operational.evtx",
			"sample-with-zero-data-size-event.evtx",
			"security_bad_string_cache.evtx",
			"2-vss_7-System.evtx",
		} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || len(data) < FileHeaderSize+ChunkSize {
				continue
			}
			// The first records only: small inputs keep the fuzzer fast.
			f.Add(data[FileHeaderSize : FileHeaderSize+12<<10])
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeAll(data)
	})
}

// decodeAll walks, decodes and renders every record of a chunk.
func decodeAll(data []byte) (records int) {
	c, err := NewChunk(data)
	if err != nil {
		return 0
	}
	c.ScanSlack = len(data)%2 == 0 // exercise both walks
	var ev core.Event
	c.Records(func(r RecordRef) bool {
		records++
		c.Decode(r, &ev)
		c.XML(r)
		return records < 4096
	})
	return records
}

// handMadeChunks returns small chunks that use every token and value type.
func handMadeChunks() [][]byte {
	w := newChunkBuilder()
	var defOff int
	w.record(1, ft(testTime), func(w *chunkBuilder) {
		w.fragmentHeader()
		defOff = w.templateInline(systemDef(eventDataDef), append(systemValues(1), dataValues()...))
		w.eof()
	})
	w.record(2, ft(testTime), func(w *chunkBuilder) {
		w.fragmentHeader()
		w.templateRef(defOff, append(systemValues(2), dataValues()...))
		w.eof()
	})
	w.record(3, ft(testTime), func(w *chunkBuilder) {
		w.fragmentHeader()
		w.templateInline(systemDef(func(w *chunkBuilder) {
			w.open("UserData", false, true)
			w.closeStart()
			w.subst(17, typBinXML, false)
			w.subst(18, typBinXML, false)
			w.end()
		}), append(systemValues(3), tv{typ: typBinXML, build: nestedFragment}, tv{typ: typBinXML, build: nestedTemplate}))
		w.eof()
	})
	w.record(4, ft(testTime), func(w *chunkBuilder) {
		w.fragmentHeader()
		w.piTarget("pi")
		w.piData("data")
		w.open("Event", false, false)
		w.closeStart()
		w.cdata("c")
		w.charRef('x')
		w.entityRef("amp")
		w.end()
		w.eof()
	})
	full := w.chunk()
	return [][]byte{full[:w.pos()+16], full[:ChunkHeaderSize+100], full}
}

// TestMutatedChunks is a quick, deterministic cousin of the fuzz target
// that runs in every `go test`: bit flips, overwrites and truncations of a
// hand-built chunk.
func TestMutatedChunks(t *testing.T) {
	seeds := handMadeChunks()
	base := seeds[2]
	rng := uint64(0x9e3779b97f4a7c15)
	next := func(n int) int {
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(n))
	}
	used := len(seeds[0])
	cases := 2000
	if testing.Short() {
		cases = 300
	}
	for i := 0; i < cases; i++ {
		data := append([]byte(nil), base...)
		switch i % 4 {
		case 0: // bit flips in the used part
			for k := 0; k < 1+next(8); k++ {
				p := next(used)
				data[p] ^= 1 << next(8)
			}
		case 1: // byte overwrites
			p := next(used)
			for k := 0; k < 1+next(32) && p+k < len(data); k++ {
				data[p+k] = byte(next(256))
			}
		case 2: // truncation
			data = data[:next(used+1)]
		case 3: // zeroed range
			p := next(used)
			for k := 0; k < next(256) && p+k < len(data); k++ {
				data[p+k] = 0
			}
		}
		decodeAll(data)
	}
}

// TestMutatedCorpusChunks damages real chunks (bit flips, overwrites,
// zeroed ranges, truncations; seeded) and decodes them: no panic, and the
// records before the first damaged byte still decode as before.
func TestMutatedCorpusChunks(t *testing.T) {
	dir := corpusDir(t)
	var seeds [][]byte
	for _, m := range readManifest(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, m.file))
		if err != nil || len(data) < FileHeaderSize+ChunkSize {
			continue
		}
		seeds = append(seeds, data[FileHeaderSize:FileHeaderSize+ChunkSize])
	}
	cases := 1500
	if testing.Short() {
		cases = 300
	}
	rng := uint64(0x2545f4914f6cdd1d)
	next := func(n int) int {
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(n))
	}
	var ev core.Event
	for i := 0; i < cases; i++ {
		seed := seeds[i%len(seeds)]
		data := append([]byte(nil), seed...)
		first := len(data) // first damaged offset
		switch i % 4 {
		case 0:
			for k := 0; k < 1+next(16); k++ {
				p := ChunkHeaderSize + next(len(data)-ChunkHeaderSize)
				data[p] ^= 1 << next(8)
				first = min(first, p)
			}
		case 1:
			p := ChunkHeaderSize + next(len(data)-ChunkHeaderSize)
			for k := 0; k < 1+next(64) && p+k < len(data); k++ {
				data[p+k] = byte(next(256))
			}
			first = p
		case 2:
			p := ChunkHeaderSize + next(len(data)-ChunkHeaderSize)
			for k := 0; k < next(4096) && p+k < len(data); k++ {
				data[p+k] = 0
			}
			first = p
		case 3:
			first = ChunkHeaderSize + next(len(data)-ChunkHeaderSize)
			data = data[:first]
		}
		// Records that end before the damage decode as in the original.
		want := map[int]uint64{}
		if c, err := NewChunk(seed); err == nil {
			c.Records(func(r RecordRef) bool {
				if r.Err == nil && r.Offset+r.Size <= first && c.Decode(r, &ev) == nil {
					want[r.Offset] = ev.RecordID
				}
				return true
			})
		}
		c, err := NewChunk(data)
		if err != nil {
			continue
		}
		c.Records(func(r RecordRef) bool {
			if id, ok := want[r.Offset]; ok {
				// Templates may lie past the damage, so only the walk is
				// promised here, and decoding must not panic.
				if r.Err != nil || r.ID != id {
					t.Errorf("case %d: record %d at 0x%x before the damage at 0x%x lost: %v", i, id, r.Offset, first, r.Err)
				}
				delete(want, r.Offset)
			}
			c.Decode(r, &ev)
			c.XML(r)
			return true
		})
		if len(want) > 0 {
			t.Errorf("case %d: %d records before the damage at 0x%x not found", i, len(want), first)
		}
	}
}
