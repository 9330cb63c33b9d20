package evtxgen_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/catalog/internal/evtxgen"
	"eventlens/model"
	"eventlens/model/evtxwrite"
	"eventlens/model/modeltest"
)

const regen = "go generate ./catalog/..."

// TestFixturesUpToDate regenerates the fixture twins into a temporary
// directory and compares them byte for byte with the committed ones.
func TestFixturesUpToDate(t *testing.T) {
	tmp := t.TempDir()
	names, err := evtxgen.Fixtures(evtxgen.FixtureSrc, tmp)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
		fresh, err := os.ReadFile(filepath.Join(tmp, n))
		if err != nil {
			t.Fatal(err)
		}
		old, err := os.ReadFile(filepath.Join(evtxgen.FixtureDst, n))
		if err != nil {
			t.Errorf("testdata/evtx/%s is missing; run %q", n, regen)
			continue
		}
		if !bytes.Equal(fresh, old) {
			t.Errorf("testdata/evtx/%s is stale (%d bytes, regenerated %d); run %q", n, len(old), len(fresh), regen)
		}
	}
	committed, _ := filepath.Glob(filepath.Join(evtxgen.FixtureDst, "*.evtx"))
	for _, p := range committed {
		if !want[filepath.Base(p)] {
			t.Errorf("testdata/evtx/%s has no source in testdata/catalog; delete it", filepath.Base(p))
		}
	}
}

// TestRegenerationIsDeterministic writes every twin again, into memory
// (evtxwrite then assembles the file before writing it, where WriteFile
// streams chunks and writes the header last), and checks the bytes agree
// with a twin written to a file.
func TestRegenerationIsDeterministic(t *testing.T) {
	tmp := t.TempDir()
	names, err := evtxgen.Fixtures(evtxgen.FixtureSrc, tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		src := filepath.Join(evtxgen.FixtureSrc, strings.TrimSuffix(n, ".evtx")+".xml")
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := evtxgen.Events(n, data)
		if err != nil {
			t.Fatal(err)
		}
		var mem bytes.Buffer
		if err := evtxwrite.Write(&mem, slices.Values(evs), evtxgen.Options); err != nil {
			t.Fatal(err)
		}
		file, _ := os.ReadFile(filepath.Join(tmp, n))
		if !bytes.Equal(mem.Bytes(), file) {
			t.Errorf("%s: written to memory (%d bytes) and to a file (%d bytes) differ", n, mem.Len(), len(file))
		}
	}
}

// TestTwinsLoadAsSources loads every fixture and its committed twin through
// modeltest.LoadAll and compares the events field by field.
func TestTwinsLoadAsSources(t *testing.T) {
	srcs, _ := filepath.Glob(filepath.Join(evtxgen.FixtureSrc, "*.xml"))
	if len(srcs) == 0 {
		t.Fatal("no fixtures in testdata/catalog")
	}
	for _, src := range srcs {
		name := filepath.Base(src)
		t.Run(name, func(t *testing.T) {
			tw := filepath.Join(evtxgen.FixtureDst, evtxgen.TwinName(name))
			want := loadClean(t, src, "xml")
			got := loadClean(t, tw, "evtx")
			compare(t, want, got)
		})
	}
}

func loadClean(t *testing.T, path, format string) []model.Event {
	t.Helper()
	evs, reps, err := modeltest.LoadAll(context.Background(), []string{path}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		if r.Err != nil || len(r.Problems) > 0 || r.Format != format {
			t.Fatalf("%s did not load cleanly as %s: format %q, err %v, problems %+v", path, format, r.Format, r.Err, r.Problems)
		}
	}
	return evs
}

// compare checks that got, read from a twin, holds the events of want, read
// from its source, in the same order (both sorted by modeltest.SortEvents).
func compare(t *testing.T, want, got []model.Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("twin has %d events, source %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if !got[i].Decoded {
			t.Errorf("event %d (record %d) not decoded: %s", i, got[i].RecordID, got[i].DecodeError)
		}
		if d := evtxgen.Diff(&want[i], &got[i]); len(d) > 0 {
			if bad++; bad <= 5 {
				t.Errorf("record %d (%s, %s):\n  %s", want[i].RecordID, want[i].Computer, want[i].Channel, strings.Join(d, "\n  "))
			}
		}
	}
	if bad > 5 {
		t.Errorf("... %d events differ in all", bad)
	}
}

func TestDiff(t *testing.T) {
	base := model.Event{RecordID: 7, Provider: "P", Data: []model.Data{{Name: "a", Value: "1"}}}
	tests := []struct {
		name   string
		change func(*model.Event)
		fields []string
	}{
		{"same", func(*model.Event) {}, nil},
		{"not in evtx", func(e *model.Event) {
			e.Message, e.MessageCulture, e.TaskName, e.File, e.Offset = "m", "ja-JP", "t", "f", 9
		}, nil},
		{"record", func(e *model.Event) { e.RecordID = 8 }, []string{"RecordID"}},
		{"data", func(e *model.Event) { e.Data[0].Value = "2" }, []string{"Data"}},
		{"empty vs nil", func(e *model.Event) { e.UserData = []model.Data{} }, nil},
		{"two", func(e *model.Event) { e.Provider, e.Keywords = "Q", 1 }, []string{"Provider", "Keywords"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tw := base
			tw.Data = append([]model.Data(nil), base.Data...)
			tt.change(&tw)
			var got []string
			for _, l := range evtxgen.Diff(&base, &tw) {
				got = append(got, strings.SplitN(l, ":", 2)[0])
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.fields) {
				t.Errorf("Diff fields = %v, want %v", got, tt.fields)
			}
		})
	}
}

// twinVerdicts are the fixture events the catalog classifies differently
// from their .evtx twin, by source file and record ID: those whose verdict
// rests on the rendered message, which an .evtx does not carry.
var twinVerdicts = map[string]map[uint64]model.Class{
	// VMSMP 32 without insertion strings: only the Japanese message shows
	// the names are empty, so from the .evtx the catalog cannot decide.
	"host.xml": {2022: model.ClassConditional},
}

// TestTwinsClassifyAsSources classifies all fixtures together and all twins
// together and compares the verdicts event by event.
func TestTwinsClassifyAsSources(t *testing.T) {
	srcs, _ := filepath.Glob(filepath.Join(evtxgen.FixtureSrc, "*.xml"))
	tws, _ := filepath.Glob(filepath.Join(evtxgen.FixtureDst, "*.evtx"))
	want, _, err := modeltest.LoadAll(context.Background(), srcs, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := modeltest.LoadAll(context.Background(), tws, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("twins hold %d events, sources %d", len(got), len(want))
	}
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, evs := range [][]model.Event{want, got} {
		ptrs := make([]*model.Event, len(evs))
		for i := range evs {
			ptrs[i] = &evs[i]
		}
		c.NewClassification().Classify(ptrs)
	}
	for i := range want {
		w, g := &want[i], &got[i]
		file := filepath.Base(w.File)
		if g.RecordID != w.RecordID || evtxgen.TwinName(file) != filepath.Base(g.File) {
			t.Fatalf("event %d: source %s record %d, twin %s record %d", i, file, w.RecordID, g.File, g.RecordID)
		}
		wantClass := w.Class
		if cl, ok := twinVerdicts[file][w.RecordID]; ok {
			wantClass = cl
		}
		if g.Class != wantClass || g.CatalogID != w.CatalogID {
			t.Errorf("%s record %d (%s %d): twin %v %q, want %v %q", file, w.RecordID, w.Provider, w.EventID,
				g.Class, g.CatalogID, wantClass, w.CatalogID)
		}
	}
}
