package evtxwrite

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	evtx "github.com/0xrawsec/golang-evtx/evtx"

	"eventlens/model"
	"eventlens/model/export/userdata"
	"eventlens/model/modeltest"
)

// TestCorpusRoundTripGolang reads each corpus file with golang-evtx's chunk
// API, turns the records it decodes into model events, writes them, reads
// the result back with golang-evtx and compares every decoded field.
func TestCorpusRoundTripGolang(t *testing.T) {
	for _, path := range modeltest.CorpusEVTX(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, skipped, err := readGolangLenient(path)
			if err != nil {
				t.Skipf("golang-evtx cannot open it (%v): not a clean file", err)
			}
			if len(src) == 0 {
				t.Skipf("golang-evtx decodes no record of it (%d failed)", skipped)
			}
			events := make([]*model.Event, len(src))
			want := make([]flat, len(src))
			attrOnly := 0
			for i, f := range src {
				if _, ok := f.DataMap["Name"]; ok && len(f.DataMap) == 1 {
					// golang-evtx shows <EventData Name="x"/> (an attribute
					// of EventData, which model.Event has no place for) as
					// a single item "Name"; it is not written.
					f.DataMap = map[string]string{}
					attrOnly++
				}
				events[i] = modelFromGolang(f)
				want[i] = withDefaults(f)
				want[i].UserMap = xmlNames(pruneEmpty(want[i].UserMap))
			}
			if attrOnly > 0 {
				t.Logf("%d records carry only an EventData attribute, which is not kept", attrOnly)
			}
			out := writeTemp(t, events, Options{})
			got, _ := readGolang(t, out)
			for i := range got {
				got[i].UserMap = pruneEmpty(got[i].UserMap)
			}
			compareAll(t, want, got, profile{maps: true})
			t.Logf("%d records round-tripped (%d the source reader could not decode)", len(src), skipped)
		})
	}
}

// TestCorpusRoundTripLibevtx does the same with evtxexport as the reader,
// which keeps EventData order and UserData structure.
func TestCorpusRoundTripLibevtx(t *testing.T) {
	files := modeltest.CorpusEVTX(t)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src := readEvtxexportLenient(t, path)
			if len(src) == 0 {
				t.Skip("evtxexport reads no record of it")
			}
			events := make([]*model.Event, len(src))
			want := make([]flat, len(src))
			for i, f := range src {
				events[i] = modelFromFlat(f)
				want[i] = withDefaults(f)
			}
			out := writeTemp(t, events, Options{})
			compareAll(t, want, readEvtxexport(t, out), profile{mayFail: libevtxCannotExport})
			t.Logf("%d records round-tripped", len(src))
		})
	}
}

// readGolangLenient reads what golang-evtx can decode, skipping records it
// fails on (dirty and corrupt files are the loader's business, not ours).
func readGolangLenient(path string) (out []flat, skipped int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	ef, err := evtx.OpenDirty(path)
	if err != nil {
		return nil, 0, err
	}
	defer ef.Close()
	for i := 0; i < int(ef.Header.ChunkCount); i++ {
		c, err := ef.FetchChunk(int64(ef.Header.ChunkDataOffset) + int64(i)*evtx.ChunkSize)
		if err != nil {
			skipped++
			continue
		}
		for _, off := range c.EventOffsets {
			if int64(off) > int64(c.Header.OffsetLastRec) {
				continue
			}
			ev := c.ParseEvent(int64(off))
			m, err := goEvtxMap(ev, &c)
			if err != nil {
				skipped++
				continue
			}
			f := fromGolang(m)
			if f.System["EventRecordID"] == "" {
				skipped++
				continue
			}
			out = append(out, f)
		}
	}
	return out, skipped, nil
}

func readEvtxexportLenient(t *testing.T, path string) []flat {
	fs := readEvtxexportMode(t, path, false)
	var ok []flat
	for _, f := range fs {
		if !f.Failed && f.System["EventRecordID"] != "" {
			ok = append(ok, f)
		}
	}
	return ok
}

// withDefaults fills in the numeric System values a model event always has,
// so that a value absent from the source compares equal to its zero.
func withDefaults(f flat) flat {
	g := f
	g.System = map[string]string{}
	for k, v := range f.System {
		g.System[k] = v
	}
	for _, k := range []string{"EventID", "Version", "Level", "Task", "Opcode", "ProcessID", "ThreadID"} {
		if g.System[k] == "" {
			g.System[k] = "0"
		}
	}
	if g.System["Keywords"] == "" {
		g.System["Keywords"] = "0x0"
	}
	// An empty <Binary/> has no value to keep.
	g.Data = nil
	for _, d := range f.Data {
		if d.Name == "#Binary" && d.Value == "" {
			continue
		}
		g.Data = append(g.Data, d)
	}
	return g
}

// modelFromFlat builds the model event a loader would produce from what a
// reader showed.
func modelFromFlat(f flat) *model.Event {
	num := func(k string, bits int) uint64 {
		v, _ := strconv.ParseUint(f.System[k], 10, bits)
		return v
	}
	e := &model.Event{
		RecordID:        num("EventRecordID", 64),
		Time:            f.Time,
		Level:           model.Level(num("Level", 8)),
		Provider:        f.System["Provider"],
		EventSourceName: f.System["EventSourceName"],
		EventID:         uint16(num("EventID", 16)),
		Version:         uint8(num("Version", 8)),
		Channel:         f.System["Channel"],
		Computer:        f.System["Computer"],
		UserSID:         f.System["UserID"],
		Task:            uint16(num("Task", 16)),
		Opcode:          uint8(num("Opcode", 8)),
		ProcessID:       uint32(num("ProcessID", 32)),
		ThreadID:        uint32(num("ThreadID", 32)),
		Decoded:         true,
	}
	if g := f.System["Guid"]; g != "" {
		e.ProviderGUID = "{" + g + "}"
	}
	if q, ok := f.System["Qualifiers"]; ok {
		v, _ := strconv.ParseUint(q, 10, 16)
		e.Qualifiers, e.HasQualifiers = uint16(v), true
	}
	e.Keywords, _ = strconv.ParseUint(strings.TrimPrefix(f.System["Keywords"], "0x"), 16, 64)
	for _, d := range f.Data {
		if d.Name == "#Binary" {
			e.Binary = d.Value
			continue
		}
		e.Data = append(e.Data, d)
	}
	e.UserData = append(e.UserData, f.UserData...)
	return e
}

// modelFromGolang is modelFromFlat for golang-evtx's map view: EventData
// items become named Data in key order, UserData maps become leaf paths.
func modelFromGolang(f flat) *model.Event {
	e := modelFromFlat(f)
	keys := make([]string, 0, len(f.DataMap))
	for k := range f.DataMap {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		e.Data = append(e.Data, model.Data{Name: k, Value: f.DataMap[k]})
	}
	var walk func(m map[string]any, path string)
	walk = func(m map[string]any, path string) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := k
			if path != "" {
				p = path + "/" + k
			}
			switch v := m[k].(type) {
			case map[string]any:
				walk(v, p)
			default:
				e.UserData = append(e.UserData, model.Data{Name: p, Value: fmt.Sprint(v)})
			}
		}
	}
	walk(f.UserMap, "")
	// Times come from golang-evtx exact to 100 ns.
	e.Time = f.Time.Truncate(100 * time.Nanosecond)
	return e
}

// pruneEmpty drops empty elements from golang-evtx's UserData view: an
// element with neither text nor children has no leaf to write.
func pruneEmpty(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			sub = pruneEmpty(sub)
			if len(sub) == 0 {
				continue
			}
			v = sub
		}
		out[k] = v
	}
	return out
}

// xmlNames renames golang-evtx's UserData keys as the writer writes them
// (userdata.Name): it shows attributes as children, and an attribute such
// as xmlns:auto-ns3 becomes an element whose name may not have a ':'.
func xmlNames(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			v = xmlNames(sub)
		}
		out[userdata.Name(k)] = v
	}
	return out
}
