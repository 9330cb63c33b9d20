package binxml

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"testing"
)

// TestStaleRecords: records the walk reaches only past damage, whose IDs lie
// below the chunk header's range (or above it but no newer than the records
// found), are leftovers of an earlier use of the chunk (Stale); records
// behind damage that belong to the chunk are not, nor newer ones a stale
// header does not list yet, nor any when the header gives no range to hold
// them to.
func TestStaleRecords(t *testing.T) {
	body := systemBody
	garbage := func(w *chunkBuilder) { w.raw(bytes.Repeat([]byte{0xee}, 40)...) }
	type step struct {
		id      uint64 // 0: 40 bytes of garbage
		zeroLen bool   // the record's size is damaged to 0
	}
	tests := []struct {
		name        string
		steps       []step
		first, last uint64 // the chunk header's record-ID range
		free        uint32 // the header's free-space offset; 0 keeps the true one
		badMagic    bool
		want        string // IDs in walk order; s = stale, ! = damaged (a lone ! at the end: the zeros past a corrupt free-space mark)
	}{
		{"corrupt free-space mark, older records past damage",
			[]step{{id: 10}, {id: 11}, {id: 12}, {}, {id: 3}, {id: 4}, {}, {id: 7}},
			10, 12, 0xffffffff, false, "10 11 12 ! 3s 4s ! 7s !"},
		{"records behind damage in the range are the log's",
			[]step{{id: 10}, {id: 11, zeroLen: true}, {id: 12}, {id: 13}},
			10, 13, 0, false, "10 11! 12 13"},
		{"a chain continuing past a stale header is the log's",
			[]step{{id: 10}, {id: 11}, {}, {id: 12}, {id: 13}},
			10, 11, 0xffffffff, false, "10 11 ! 12 13 !"},
		{"newer records past damage beyond a stale header are the log's",
			[]step{{id: 10}, {id: 11}, {}, {id: 13}, {id: 14}},
			10, 11, 0xffffffff, false, "10 11 ! 13 14 !"},
		{"a record past the range no newer than those found",
			[]step{{id: 10}, {id: 11}, {id: 12}, {}, {id: 12}, {id: 13}},
			10, 11, 0xffffffff, false, "10 11 12 ! 12s 13 !"},
		{"a damaged record with an ID outside the range",
			[]step{{id: 10}, {}, {id: 5}, {id: 6, zeroLen: true}, {id: 11}},
			10, 11, 0, false, "10 ! 5s 6s! 11"},
		{"no plausible range: first after last",
			[]step{{id: 10}, {}, {id: 3}},
			12, 10, 0, false, "10 ! 3"},
		{"no plausible range: bad chunk signature",
			[]step{{id: 10}, {}, {id: 3}},
			10, 10, 0, true, "10 ! 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newChunkBuilder()
			var zero []int
			for _, s := range tt.steps {
				if s.id == 0 {
					garbage(w)
					continue
				}
				off := w.record(s.id, ft(testTime), body(s.id))
				if s.zeroLen {
					zero = append(zero, off)
				}
			}
			data := w.chunk()
			le := binary.LittleEndian
			for _, off := range zero {
				le.PutUint32(data[off+4:], 0)
			}
			le.PutUint64(data[24:], tt.first)
			le.PutUint64(data[32:], tt.last)
			if tt.free != 0 {
				le.PutUint32(data[48:], tt.free)
			}
			if tt.badMagic {
				copy(data, "XlfChnk\x00")
			}
			c, err := NewChunk(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, scan := range []bool{false, true} {
				c.ScanSlack = scan
				var got []string
				c.Records(func(r RecordRef) bool {
					s := ""
					if r.HeaderOK {
						s = fmt.Sprint(r.ID)
					}
					if r.Stale {
						s += "s"
					}
					if r.Err != nil {
						s += "!"
					}
					got = append(got, s)
					return true
				})
				if g := fmt.Sprint(got); g != "["+tt.want+"]" {
					t.Errorf("ScanSlack %v: walk %s, want [%s]", scan, g, tt.want)
				}
			}
		})
	}
}

// systemBody writes a record body of System only, with record ID id.
func systemBody(id uint64) func(w *chunkBuilder) {
	return func(w *chunkBuilder) {
		w.fragmentHeader()
		w.templateInline(systemDef(nil), systemValues(id))
		w.eof()
	}
}
