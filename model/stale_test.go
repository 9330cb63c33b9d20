package model_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
	"strings"
	"testing"

	"eventlens/model"
	"eventlens/model/evtxwrite"
)

// TestStaleChunkRecordsSkipped: records a damaged chunk lets the walk reach
// that lie outside the chunk header's record-ID range are leftovers of an
// earlier use of the chunk: the loader skips them and says how many and
// which, with either decoder first; they are never counted as the log's.
func TestStaleChunkRecordsSkipped(t *testing.T) {
	le := binary.LittleEndian
	const chunk = 0x1000
	// A chunk in its second use: the log's records 101–105, then what is
	// left of the first use, records 51–55. A walk past damage
	// resynchronises on 4-byte boundaries, where Windows places records;
	// evtxwrite packs them. Pick synthetic events whose index 6 happens to
	// start on one.
	var (
		buf  bytes.Buffer
		recs []int
	)
	for seed := int64(1); ; seed++ {
		if seed > 500 {
			t.Fatal("no synthetic log with record index 6 on a 4-byte boundary")
		}
		evs := evtxwrite.Synthetic(10, seed)
		for i, e := range evs {
			e.RecordID = uint64(101 + i)
			if i >= 5 {
				e.RecordID = uint64(51 + i - 5)
			}
		}
		buf.Reset()
		if err := evtxwrite.Write(&buf, slices.Values(evs), evtxwrite.Options{}); err != nil {
			t.Fatal(err)
		}
		recs = recs[:0]
		for off := chunk + 0x200; len(recs) < 10; off += int(le.Uint32(buf.Bytes()[off+4:])) {
			recs = append(recs, off)
		}
		if recs[6]%4 == 0 {
			break
		}
	}
	var ids []uint64
	for _, off := range recs {
		ids = append(ids, le.Uint64(buf.Bytes()[off+8:]))
	}
	tests := []struct {
		name        string
		first, last int    // index of the header's first and last record
		free        uint32 // free-space offset written; 0 keeps it
		damage      int    // index of the record whose magic is damaged
		decoded     int
		stale       string // what the report names, "" for no stale records
	}{
		// The header says 101–105; 52–55 lie past damage, below it.
		{"corrupt free-space mark", 0, 4, 0xffffffff, 5, 5, "4 stale records (IDs 52–55)"},
		// Behind damage but inside the header's range: the log's own.
		{"records behind damage", 5, 4, 0, 5, 9, ""},
	}
	for _, tt := range tests {
		f := bytes.Clone(buf.Bytes())
		le.PutUint64(f[chunk+24:], ids[tt.first])
		le.PutUint64(f[chunk+32:], ids[tt.last])
		if tt.free != 0 {
			le.PutUint32(f[chunk+48:], tt.free)
		}
		copy(f[recs[tt.damage]:], "XX")
		for _, dec := range model.Decoders {
			t.Run(tt.name+"/"+dec.String(), func(t *testing.T) {
				var evs []model.Event
				reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource("stale.evtx", f)}, model.LoadOptions{Decoder: dec}, func(u model.Update) {
					evs = append(evs, u.Events...)
				})
				if err != nil || len(reps) != 1 {
					t.Fatalf("%v, %+v", err, reps)
				}
				r := reps[0]
				if len(evs) != tt.decoded || r.RecordsDecoded != tt.decoded || r.RecordsUndecoded != 0 {
					t.Errorf("%d events, %d decoded, %d undecoded; want %d", len(evs), r.RecordsDecoded, r.RecordsUndecoded, tt.decoded)
				}
				for _, e := range evs {
					if e.RecordID < ids[tt.first] || e.RecordID > ids[tt.last] {
						t.Errorf("event with record ID %d outside the header's %d–%d", e.RecordID, ids[tt.first], ids[tt.last])
					}
				}
				var said []string
				for _, p := range r.Problems {
					if strings.Contains(p.Reason.String(), "stale") {
						said = append(said, p.Reason.String())
					}
				}
				switch {
				case tt.stale == "" && len(said) > 0:
					t.Errorf("stale records reported: %q", said)
				case tt.stale != "" && (len(said) != 1 || !strings.HasPrefix(said[0], tt.stale) || !strings.Contains(said[0], "skipped")):
					t.Errorf("report %q, want one problem starting %q; all: %+v", said, tt.stale, r.Problems)
				}
			})
		}
	}
}
