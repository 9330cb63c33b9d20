package model

import (
	"context"
	"encoding/binary"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"
)

// bombChunk builds one chunk of a template-expansion bomb: the first
// record defines an empty element E, the next four each define a template
// that instantiates the one before 64 times (so the last expands to 64^4
// elements), and every further record, a few dozen bytes, instantiates the
// last. Windows never writes nested template definitions like these;
// golang-evtx parses them all the same.
func bombChunk(firstID uint64) []byte {
	le := binary.LittleEndian
	b := make([]byte, chunkDataStart, chunkSize)
	copy(b, chunkMagic)
	name := func(s string) {
		b = le.AppendUint32(b, uint32(len(b)+4)) // inline name follows
		b = le.AppendUint32(b, 0)
		b = le.AppendUint16(b, 0)
		u := utf16.Encode([]rune(s))
		b = le.AppendUint16(b, uint16(len(u)))
		for _, c := range u {
			b = le.AppendUint16(b, c)
		}
		b = le.AppendUint16(b, 0)
	}
	instance := func(def uint32) { // a template instance without values
		b = append(b, 0x0c, 1)
		b = le.AppendUint32(b, 0)
		b = le.AppendUint32(b, def)
	}
	// inline writes an instance whose definition follows, and returns the
	// definition's offset.
	inline := func(body func()) uint32 {
		def := uint32(len(b) + 10)
		instance(def)
		b = le.AppendUint32(b, 0)
		b = append(b, make([]byte, 16)...)
		sizeAt := len(b)
		b = le.AppendUint32(b, 0)
		start := len(b)
		b = append(b, 0x0f, 1, 1, 0)
		body()
		b = append(b, 0x00)
		le.PutUint32(b[sizeAt:], uint32(len(b)-start))
		b = le.AppendUint32(b, 0) // no values
		return def
	}
	id, last := firstID, 0
	record := func(body func()) bool {
		start := len(b)
		b = append(b, 0x2a, 0x2a, 0, 0, 0, 0, 0, 0)
		b = le.AppendUint64(b, id)
		b = le.AppendUint64(b, 130398759791234567)
		b = append(b, 0x0f, 1, 1, 0)
		body()
		b = append(b, 0x00)
		for (len(b)+4-start)%8 != 0 {
			b = append(b, 0)
		}
		size := uint32(len(b) + 4 - start)
		b = le.AppendUint32(b, size)
		le.PutUint32(b[start+4:], size)
		last = start
		id++
		return len(b)+64 < chunkSize
	}
	elem := func(n string, kids func()) {
		b = append(b, 0x01)
		b = le.AppendUint16(b, 0xffff)
		b = le.AppendUint32(b, 0)
		name(n)
		if kids == nil {
			b = append(b, 0x03)
			return
		}
		b = append(b, 0x02)
		kids()
		b = append(b, 0x04)
	}
	var def uint32
	record(func() { def = inline(func() { elem("E", nil) }) })
	for range 4 {
		below := def
		record(func() {
			def = inline(func() {
				elem("L", func() {
					for range 64 {
						instance(below)
						b = le.AppendUint32(b, 0)
					}
				})
			})
		})
	}
	for record(func() { instance(def); b = le.AppendUint32(b, 0) }) {
	}
	free := len(b)
	b = b[:chunkSize]
	le.PutUint64(b[8:], firstID)
	le.PutUint64(b[16:], id-1)
	le.PutUint64(b[24:], firstID)
	le.PutUint64(b[32:], id-1)
	le.PutUint32(b[40:], 128)
	le.PutUint32(b[44:], uint32(last))
	le.PutUint32(b[48:], uint32(free))
	return b
}

// bombEVTX is an EVTX file of n bomb chunks.
func bombEVTX(n int) (file []byte, records int) {
	file = make([]byte, fileHeaderSize, fileHeaderSize+n*chunkSize)
	copy(file, fileMagic)
	id := uint64(1)
	for range n {
		c := bombChunk(id)
		id = binary.LittleEndian.Uint64(c[32:]) + 1
		file = append(file, c...)
	}
	return file, int(id - 1)
}

// TestTemplateExpansionBomb loads a 8-chunk (528 KB) template-expansion
// bomb with each decoder: every record is kept, the ones cut are said to be
// cut in the report, and memory stays a small multiple of the file's size
// (it was 4.1 GB and 18.8 s before expansion was bounded).
func TestTemplateExpansionBomb(t *testing.T) {
	data, records := bombEVTX(8)
	for _, dec := range Decoders {
		t.Run(dec.String(), func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			events, cutEvents := 0, 0
			reps, err := LoadSources(context.Background(), []Source{BytesSource("bomb.evtx", data)}, LoadOptions{Decoder: dec}, func(u Update) {
				events += len(u.Events)
				for i := range u.Events {
					if strings.Contains(u.Events[i].DecodeError, "record cut") {
						cutEvents++
					}
				}
			})
			runtime.ReadMemStats(&m1)
			if err != nil || len(reps) != 1 {
				t.Fatal(err)
			}
			r := reps[0]
			if events != records || r.RecordsDecoded+r.RecordsUndecoded != records {
				t.Errorf("%d records, %d events, report %d decoded + %d undecoded", records, events, r.RecordsDecoded, r.RecordsUndecoded)
			}
			cut := 0
			for _, p := range r.Problems {
				if n, _, ok := strings.Cut(p.Reason.String(), " records (IDs "); ok && strings.Contains(p.Reason.String(), "record cut") {
					k, _ := strconv.Atoi(n)
					cut += k
				}
			}
			if cut < records/2 || cut != cutEvents {
				t.Errorf("%d of %d records reported cut, %d events say so; e.g. %+v", cut, records, cutEvents, r.Problems[:min(3, len(r.Problems))])
			}
			alloc := m1.TotalAlloc - m0.TotalAlloc
			t.Logf("%d records, %d reported cut; %d MB allocated for a %d KB file", records, cut, alloc>>20, len(data)>>10)
			// Under the race detector sync.Pool drops what it is given at
			// random, so pooled buffers are allocated again: the bound holds
			// for the build people run, checked by the plain test run.
			if limit := uint64(32 * len(data)); alloc > limit && !raceBuild {
				t.Errorf("allocated %d MB for a %d KB file (limit %d MB)", alloc>>20, len(data)>>10, limit>>20)
			}
		})
	}
}

// cancellingReader cancels a load once it has read `after` chunks, and
// counts the chunks read after that.
type cancellingReader struct {
	ReadAtCloser
	mu           sync.Mutex
	reads, after int
	cancel       context.CancelFunc
	late         int
}

func (r *cancellingReader) ReadAt(p []byte, off int64) (int, error) {
	if len(p) == chunkSize {
		r.mu.Lock()
		r.reads++
		if r.reads == r.after {
			r.cancel()
		} else if r.reads > r.after {
			r.late++
		}
		r.mu.Unlock()
	}
	return r.ReadAtCloser.ReadAt(p, off)
}

// TestCancelChunkWorkers cancels a load of 64 bomb chunks (the most work a
// chunk can be) while the workers are busy: they stop between records and
// take no new chunk, so the load returns the context's error having read
// at most the chunks already handed out.
func TestCancelChunkWorkers(t *testing.T) {
	data, _ := bombEVTX(64)
	for _, dec := range Decoders {
		t.Run(dec.String(), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cr := &cancellingReader{after: 2, cancel: cancel}
			src := BytesSource("bomb.evtx", data)
			open := src.Open
			src.Open = func() (ReadAtCloser, int64, error) {
				ra, n, err := open()
				cr.ReadAtCloser = ra
				return cr, n, err
			}
			const workers = 2
			_, err := LoadSources(ctx, []Source{src}, LoadOptions{Workers: workers, Decoder: dec}, nil)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			// Jobs queued before the cancel may still be read: the queue
			// holds `workers` of them.
			if cr.late > 2*workers {
				t.Errorf("%d chunks read after the cancel", cr.late)
			}
		})
	}
}

// TestChunkStopsWhenCancelled: a chunk worker given a cancelled context
// stops within a few records, whichever decoder it uses.
func TestChunkStopsWhenCancelled(t *testing.T) {
	data, records := bombEVTX(1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	slots, _ := scanEVTX(bytesReaderAt(data), int64(len(data)))
	for _, dec := range Decoders {
		w := newEVTXWorker()
		w.dec = dec
		res := w.chunk(ctx, bytesReaderAt(data), "bomb.evtx", slots[0])
		if n := len(res.events); n > 16 {
			t.Errorf("%s: %d of %d records decoded after the cancel", dec, n, records)
		}
	}
}
