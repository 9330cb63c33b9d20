package model_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"eventlens/model"
	"eventlens/model/modeltest"
)

// loadBytes runs the whole load path over data and checks the report
// agrees with the events delivered.
func loadBytes(t *testing.T, name string, data []byte) {
	var evs []model.Event
	reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource(name, data)},
		model.LoadOptions{Workers: 1}, func(u model.Update) { evs = append(evs, u.Events...) })
	if err != nil || len(reps) != 1 {
		t.Fatalf("load: %v, %d reports", err, len(reps))
	}
	r := reps[0]
	if r.Err != nil {
		if len(evs) != 0 {
			t.Fatalf("error %v, yet %d events", r.Err, len(evs))
		}
		return
	}
	if r.RecordsDecoded+r.RecordsUndecoded != len(evs) {
		t.Fatalf("report counts %d+%d records, %d events delivered", r.RecordsDecoded, r.RecordsUndecoded, len(evs))
	}
	decoded := 0
	for i := range evs {
		e := &evs[i]
		if e.Decoded {
			decoded++
		} else if e.DecodeError == "" {
			t.Fatalf("undecoded event without a reason: %+v", e)
		}
		if e.File != name {
			t.Fatalf("File = %q", e.File)
		}
	}
	if decoded != r.RecordsDecoded {
		t.Fatalf("%d decoded events, report says %d", decoded, r.RecordsDecoded)
	}
	for i := range evs {
		if evs[i].Decoded {
			// The raw view re-reads and re-renders the record.
			modeltest.RawXML(&evs[i])
			break
		}
	}
}

// FuzzLoadEVTX feeds arbitrary bytes to the EVTX load path: chunk scan,
// record walk, golang-evtx with the fallback decoder, report. Seeds are
// files and bare chunks written by evtxwrite and, when EVENTLENS_CORPUS is
// set, the start of the first chunk of some corpus files (as carved chunks).
func FuzzLoadEVTX(f *testing.F) {
	// Small inputs keep the fuzzer fast: a file cut after the first records
	// of its first chunk, and such a start of a chunk on its own (carved).
	file := syntheticEVTX(f, 40, 3)
	f.Add(file[:firstChunk+8<<10])
	f.Add(file[firstChunk : firstChunk+8<<10])
	if dir := os.Getenv("EVENTLENS_CORPUS"); dir != "" {
		for _, name := range []string{
			"E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx",
			"Microsoft-Windows-LanguagePackSetup%4Operational.evtx",
			"sample-with-zero-data-size-event.evtx",
			"BelkasoftCTF_Win10_HyperVGuest_System.evtx",
		} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || len(data) < firstChunk+chunkBytes {
				continue
			}
			f.Add(data[firstChunk : firstChunk+12<<10])
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		loadBytes(t, "fuzz.evtx", data)
	})
}

// FuzzLoadXML feeds arbitrary bytes to the load path seeded with Event
// Viewer XML exports (testdata/xml, testdata/catalog).
func FuzzLoadXML(f *testing.F) {
	for _, dir := range []string{"../testdata/xml", "../testdata/catalog"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if data, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && len(data) < 256<<10 {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("<Event><System><EventRecordID>1</EventRecordID></System></Event>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		loadBytes(t, "fuzz.xml", data)
	})
}
