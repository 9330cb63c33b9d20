package model_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/evtxwrite"
)

// sidTailEVTX writes ev as the only (so last) record of a chunk with
// evtxwrite, then damages it as seen in the wild: its SID value (S-1-5-18)
// is declared longer than the SID itself, and its trailing size copy is 0.
// With overlap, the SID's declared bytes run to the end of the record,
// over where the size copy belongs; without, 4 bytes of slack follow the
// SID and the record grows by them.
func sidTailEVTX(t *testing.T, ev *model.Event, overlap bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := evtxwrite.Write(&buf, slices.Values([]*model.Event{ev}), evtxwrite.Options{}); err != nil {
		t.Fatal(err)
	}
	f := buf.Bytes()
	le := binary.LittleEndian
	const chunk, rec = 0x1000, 0x1200
	size := int(le.Uint32(f[rec+4:]))
	r := f[rec : rec+size]
	sid := []byte{1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0}
	at := bytes.Index(r, sid)
	desc := bytes.Index(r, []byte{byte(len(sid)), 0, 0x13, 0}) // size 12, type SID
	if at < 0 || desc < 0 || desc > at {
		t.Fatalf("SID value or descriptor not found in the record (%d, %d)", at, desc)
	}
	if overlap {
		le.PutUint16(r[desc:], uint16(size-at))
		clear(r[at+len(sid):])
		return f
	}
	le.PutUint16(r[desc:], uint16(len(sid)+4))
	grown := make([]byte, 0, size+4)
	grown = append(grown, r[:at+len(sid)]...)
	grown = append(grown, 0xAA, 0xBB, 0xCC, 0xDD) // the slack the SID does not use
	grown = append(grown, r[at+len(sid):size-4]...)
	grown = append(grown, 0, 0, 0, 0) // trailing size copy 0
	le.PutUint32(grown[4:], uint32(size+4))
	out := append(append([]byte{}, f[:rec]...), grown...)
	out = append(out, f[rec+size+4:]...)                      // the chunk's free space, one 4-byte word shorter
	le.PutUint32(out[chunk+48:], le.Uint32(out[chunk+48:])+4) // free space offset
	if len(out) != len(f) {
		t.Fatalf("file %d bytes, want %d", len(out), len(f))
	}
	return out
}

// TestSIDSlackAtChunkEnd: a record at the end of a chunk whose trailing
// size copy is 0 and whose SID value is shorter than declared is decoded
// fully — provider, ID, user, all data — as other parsers decode it, by
// either decoder (issue 13 item 21).
func TestSIDSlackAtChunkEnd(t *testing.T) {
	want := &model.Event{RecordID: 7, Time: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC), Level: 2,
		Provider: "Microsoft-Windows-Hyper-V-VMMS", ProviderGUID: "{6066F867-7CA1-4418-85FD-36E3F9C0600C}",
		EventID: 18590, Channel: "Microsoft-Windows-Hyper-V-VMMS-Admin", Computer: "HV01", UserSID: "S-1-5-18",
		Data: []model.Data{{Name: "VmName", Value: "guest01"}, {Name: "VmId", Value: "{11111111-2222-3333-4444-555555555555}"}}}
	// The SID is the last value when there is no EventData.
	last := *want
	last.Data = nil
	for _, c := range []struct {
		name    string
		want    *model.Event
		overlap bool
	}{{"slack after the SID", want, false}, {"SID over the size copy", &last, true}} {
		data := sidTailEVTX(t, c.want, c.overlap)
		for _, dec := range model.Decoders {
			t.Run(c.name+"/"+dec.String(), func(t *testing.T) {
				var evs []model.Event
				reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource("sid.evtx", data)}, model.LoadOptions{Decoder: dec}, func(u model.Update) {
					evs = append(evs, u.Events...)
				})
				if err != nil || len(reps) != 1 || len(evs) != 1 {
					t.Fatalf("%v, %d events, %+v", err, len(evs), reps)
				}
				got, want := evs[0], c.want
				if !got.Decoded || got.Provider != want.Provider || got.EventID != want.EventID ||
					got.UserSID != want.UserSID || got.Computer != want.Computer || got.Channel != want.Channel ||
					got.RecordID != want.RecordID || !slices.Equal(got.Data, want.Data) {
					t.Errorf("got %+v", got)
				}
				if len(reps[0].Problems) != 1 || !strings.Contains(reps[0].Problems[0].Reason.String(), "trailing copy 0") {
					t.Errorf("report: %+v", reps[0].Problems)
				}
				// Over the size copy, the record is whole; else its copy
				// is missing, as in records not written completely, and
				// it says so.
				if complete := got.DecodeError == "" && strings.Contains(reps[0].Problems[0].Reason.String(), "decoded completely"); complete != c.overlap {
					t.Errorf("DecodeError %q, report %q", got.DecodeError, reps[0].Problems[0].Reason.String())
				}
			})
		}
	}
}
