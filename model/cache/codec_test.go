package cache

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"reflect"
	"slices"
	"testing"
	"time"

	"eventlens/i18n/reason"
	"eventlens/model"
	"eventlens/model/evtxwrite"
)

// TestSchemaCovered fails when model.Event, model.Data, model.FileReport or
// model.Problem change: update the codec and bump SchemaVersion, then the
// lists below.
func TestSchemaCovered(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want []string
	}{
		{model.Event{}, []string{"File", "Offset", "RecordID", "Time", "Level", "Provider", "ProviderGUID", "EventSourceName",
			"EventID", "Qualifiers", "HasQualifiers", "Version", "Channel", "Computer", "UserSID", "Task", "TaskName", "Opcode",
			"Keywords", "ProcessID", "ThreadID", "Data", "Binary", "UserData", "Message", "MessageCulture", "Decoded", "DecodeError",
			"Class", "CatalogID"}},
		{model.Data{}, []string{"Name", "Value"}},
		{model.FileReport{}, []string{"Path", "Format", "Size", "ChunksFound", "ChunksParsed", "ChunksFailed",
			// Zone and ZoneLocal are not encoded: serve sets them from the zone of the load.
			"RecordsDecoded", "RecordsUndecoded", "RecordsFallback", "RecordsSkipped", "Zone", "ZoneLocal", "Problems", "Err",
			"Skipped"}}, // never encoded: a skipped file gets no entry
		{model.Problem{}, []string{"Chunk", "Offset", "Record", "Reason"}},
	} {
		typ := reflect.TypeOf(tc.v)
		var got []string
		for f := range typ.Fields() {
			got = append(got, f.Name+" "+f.Type.String())
		}
		var names []string
		for _, g := range got {
			names = append(names, g[:bytes.IndexByte([]byte(g), ' ')])
		}
		if !slices.Equal(names, tc.want) {
			t.Errorf("%s has fields %v; the cache codec knows %v: update the codec, bump SchemaVersion, then this list", typ, got, tc.want)
		}
	}
}

// full is an event with every field set, to the limits of its type where
// that matters.
func full() model.Event {
	return model.Event{
		File: "f.evtx", Offset: 1<<40 + 3, RecordID: 1<<63 + 5,
		Time:  time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC),
		Level: 255, Provider: "Microsoft-Windows-Hyper-V-VMMS", ProviderGUID: "{6066F867-7CA1-4418-85FD-36E3F9C0600C}",
		EventSourceName: "VMMS", EventID: 65535, Qualifiers: 65535, HasQualifiers: true, Version: 255,
		Channel: "Microsoft-Windows-Hyper-V-VMMS-Admin", Computer: "ホスト01", UserSID: "S-1-5-18",
		Task: 65535, TaskName: "なし", Opcode: 255, Keywords: 1<<64 - 1, ProcessID: 1<<32 - 1, ThreadID: 1<<32 - 2,
		Data:     []model.Data{{Name: "VmName", Value: "SQL\x00\n<&>"}, {Value: "unnamed"}, {Name: "Empty"}},
		Binary:   "DEADBEEF",
		UserData: []model.Data{{Name: "A/B", Value: "c"}},
		Message:  "メッセージ\r\n", MessageCulture: "ja-JP",
		Decoded: true, DecodeError: "partly",
	}
}

func encode(k key, rep model.FileReport, evs []model.Event) []byte {
	e := newEncoder()
	for i := range evs {
		e.event(&evs[i])
	}
	return bytes.Join(e.finish(k, &rep), nil)
}

func decodeAll(data []byte, file string, batch int) (*entry, []model.Event, error) {
	en, err := parseEntry(data)
	if err != nil {
		return nil, nil, err
	}
	var out []model.Event
	for {
		evs, err := en.next(batch, file)
		if err != nil {
			return en, out, err
		}
		if evs == nil {
			return en, out, nil
		}
		out = append(out, evs...)
	}
}

func TestCodecRoundTrip(t *testing.T) {
	ev := full()
	// Check full really sets every field but the catalog's.
	v := reflect.ValueOf(ev)
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		if v.Field(i).IsZero() != (name == "Class" || name == "CatalogID") {
			t.Errorf("full() leaves %s zero or sets it", name)
		}
	}
	classified := ev
	classified.Class, classified.CatalogID = model.ClassKnownIssue, "kb975354"

	evs := []model.Event{ev, {File: "f.evtx", Offset: -1, RecordID: 7}, classified,
		{File: "f.evtx", Offset: 0, Time: time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC), Decoded: true},
		{File: "f.evtx", Offset: 5, Time: time.Date(30828, 9, 14, 2, 48, 5, 477580700, time.UTC), DecodeError: "bad"}}
	for _, e := range evtxwrite.Synthetic(300, 5) {
		e.File = "f.evtx"
		evs = append(evs, *e)
	}
	rep := model.FileReport{Path: "ignored", Format: "evtx", Size: 1 << 33, ChunksFound: 9, ChunksParsed: 8, ChunksFailed: 1,
		RecordsDecoded: 1000, RecordsUndecoded: 2, RecordsFallback: 4, RecordsSkipped: 3,
		Problems: []model.Problem{{Chunk: -1, Offset: -1, Reason: reason.New(reason.Detail, "x")}, {Chunk: 3, Offset: 1 << 20, Record: 77,
			Reason: reason.New(reason.BadRecordNext, "0x200", "48", "0x230").With(reason.New(reason.RecordsListed, "9", "7").With(reason.New(reason.RecordZeroBytes)))}, {Chunk: -1, Offset: 5}, {Chunk: -1, Offset: 9, Record: 5, Reason: reason.New(reason.TimeInvalid, "System/TimeCreated/@SystemTime", `"x"`)}}}
	k := key{path: "/tmp/f.evtx", size: 123, mtime: -5, sum: 1<<64 - 1}
	data := encode(k, rep, evs)

	for _, batch := range []int{1, 7, 10000} {
		en, got, err := decodeAll(data, "f.evtx", batch)
		if err != nil {
			t.Fatal(err)
		}
		if en.key != k {
			t.Errorf("key %+v", en.key)
		}
		wantRep := rep
		wantRep.Path = ""
		if !reflect.DeepEqual(en.rep, wantRep) {
			t.Errorf("report\n got %+v\nwant %+v", en.rep, wantRep)
		}
		want := slices.Clone(evs)
		want[2].Class, want[2].CatalogID = 0, "" // not cached
		if len(got) != len(want) {
			t.Fatalf("%d events", len(got))
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("event %d:\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
	}
	// A consumer appending to one event's Data must not touch the next's.
	_, got, _ := decodeAll(data, "f.evtx", 100)
	got[0].Data = append(got[0].Data, model.Data{Name: "x"})
	if !reflect.DeepEqual(got[2].Data, evs[2].Data) {
		t.Error("Data slices share room")
	}
}

// reseal fixes an entry's length and checksum after its body was changed.
func reseal(b []byte) []byte {
	body := b[headerSize:]
	binary.LittleEndian.PutUint32(b[12:], crc32.Checksum(body, castagnoli))
	binary.LittleEndian.PutUint64(b[16:], uint64(len(body)))
	return b
}

// FuzzDecodeEntry feeds the decoder arbitrary bodies behind a valid header,
// so the fuzzer gets past the checksum: it must never panic or allocate
// without bound.
func FuzzDecodeEntry(f *testing.F) {
	k := key{path: "/x.evtx", size: 10, mtime: 1}
	var evs []model.Event
	for _, e := range evtxwrite.Synthetic(20, 1) {
		evs = append(evs, *e)
	}
	evs = append(evs, full())
	f.Add(encode(k, model.FileReport{}, nil)[headerSize:])
	f.Add(encode(k, model.FileReport{Format: "xml", Problems: []model.Problem{{Reason: reason.New(reason.RecordSizeZero)}}}, evs[:1])[headerSize:])
	f.Add(encode(k, model.FileReport{Format: "evtx"}, evs)[headerSize:])
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, body []byte) {
		data := reseal(append(encode(k, model.FileReport{}, nil)[:headerSize:headerSize], body...))
		_, evs, err := decodeAll(data, "x", 3)
		if err == nil && len(evs) > len(body) {
			t.Fatalf("%d events from %d bytes", len(evs), len(body))
		}
	})
}
