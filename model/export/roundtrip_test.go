package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/modeltest"
)

// TestCorpusRoundTrip exports every corpus file as .evtx and as XML and
// reads each export back: the .evtx with our reader, libevtx's evtxexport
// and python-evtx's evtx_dump.py (their XML loaded by our XML reader), the
// XML with our reader. Each must give the fields the original gave; for
// UserData that means attributes, repeated and empty elements as they were.
func TestCorpusRoundTrip(t *testing.T) {
	for _, path := range modeltest.CorpusEVTX(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			all, _, err := modeltest.LoadAll(context.Background(), []string{path}, model.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var orig []*model.Event
			for i := range all {
				if all[i].Decoded {
					orig = append(orig, &all[i])
				}
			}
			if len(orig) == 0 {
				t.Skip("no decoded record")
			}
			dir := t.TempDir()
			evtxPath := filepath.Join(dir, "out.evtx")
			write(t, evtxPath, EVTX, orig)

			t.Run("evtx/eventlens", func(t *testing.T) {
				compareEvents(t, orig, load(t, evtxPath), allFields, nil)
			})
			t.Run("evtx/evtxexport", func(t *testing.T) {
				exe := tool(t, "evtxexport", "libevtx-utils")
				out := run(t, exe, "-f", "xml", evtxPath)
				// Its output is <Event> elements between lines of its own.
				evs := regexp.MustCompile(`(?s)<Event[ >].*?</Event>`).FindAll(out, -1)
				xml := "<Events>\n" + string(bytes.Join(evs, []byte("\n"))) + "\n</Events>\n"
				compareEvents(t, orig, loadXML(t, dir, "evtxexport.xml", xml, len(orig)), dataFields, normLibevtx)
			})
			t.Run("evtx/evtx_dump.py", func(t *testing.T) {
				exe := tool(t, "evtx_dump.py", "python3-evtx")
				if fi, err := os.Stat(path); err == nil && fi.Size() > 4<<20 {
					// About 75 records a second: minutes for the largest log.
					t.Skip("python-evtx is too slow for a log over 4 MB; evtxexport and our reader check it")
				}
				compareEvents(t, orig, loadXML(t, dir, "python.xml", string(run(t, exe, evtxPath)), len(orig)), dataFields, normPython)
			})
			t.Run("xml/eventlens", func(t *testing.T) {
				xmlPath := filepath.Join(dir, "out.xml")
				write(t, xmlPath, XML, orig)
				compareEvents(t, orig, load(t, xmlPath), allFields, normXML)
			})
		})
	}
}

// TestUserDataRoundTrip writes UserData with attributes, repeated and
// empty elements, and names XML does not allow, as .evtx and XML, and reads
// each back with every reader: the tree comes back as it was, the names
// replaced as userdata.Name says.
func TestUserDataRoundTrip(t *testing.T) {
	d := func(kv ...string) []model.Data {
		var out []model.Data
		for i := 0; i < len(kv); i += 2 {
			out = append(out, model.Data{Name: kv[i], Value: kv[i+1]})
		}
		return out
	}
	faithful := d(
		"CertVerifyRevocationStart/EventAuxInfo/@ProcessName", "Setup.exe",
		"CertVerifyRevocationStart/EventAuxInfo", "",
		"CertVerifyRevocationStart/CorrelationAuxInfo/@TaskId", "{74E4CD40-C966-49F5-B50A-032DFFEE57CA}",
		"CertVerifyRevocationStart/CorrelationAuxInfo/@SeqNumber", "2",
		"CertVerifyRevocationStart/CorrelationAuxInfo", "",
		"CertVerifyRevocationStart/Item/@n", "1",
		"CertVerifyRevocationStart/Item/Sub", "a & <b>",
		"CertVerifyRevocationStart/Item/@n", "2",
		"CertVerifyRevocationStart/Item/Sub", "c",
		"CertVerifyRevocationStart/Item/Sub", "d",
		"CertVerifyRevocationStart/Empty", "",
		"CertVerifyRevocationStart/Text/@lang", "ja",
		"CertVerifyRevocationStart/Text", "日本語",
	)
	hostile := d("1a/b c/@d<e", "1", "1a/b c", "", "A//B", "2", "A/@xmlns", "u", "A", "3", "ä/@\"x\"", "4", "ä", "5")
	hostileBack := d("_a/b_c/@d_e", "1", "_a/b_c", "", "A/_/B", "2", "A/@_xmlns", "u", "A", "3", "_/@_x_", "4", "_", "5")
	t0 := time.Date(2017, 5, 19, 2, 2, 36, 0, time.UTC)
	evs := []*model.Event{
		{RecordID: 1, Time: t0, Provider: "Microsoft-Windows-CAPI2", EventID: 41, Level: 4, Decoded: true, UserData: faithful},
		{RecordID: 2, Time: t0, Provider: "Hostile", EventID: 1, Level: 4, Decoded: true, UserData: hostile},
	}
	want := []*model.Event{evs[0], {RecordID: 2, Time: t0, Provider: "Hostile", EventID: 1, Level: 4, UserData: hostileBack}}
	dir := t.TempDir()
	evtxPath := filepath.Join(dir, "ud.evtx")
	write(t, evtxPath, EVTX, evs)
	t.Run("evtx/eventlens", func(t *testing.T) { compareEvents(t, want, load(t, evtxPath), allFields, nil) })
	t.Run("evtx/evtxexport", func(t *testing.T) {
		out := run(t, tool(t, "evtxexport", "libevtx-utils"), "-f", "xml", evtxPath)
		evs := regexp.MustCompile(`(?s)<Event[ >].*?</Event>`).FindAll(out, -1)
		xml := "<Events>\n" + string(bytes.Join(evs, []byte("\n"))) + "\n</Events>\n"
		got := loadXML(t, dir, "evtxexport.xml", xml, len(want))
		if len(got) != len(want) {
			t.Fatalf("%d events, want %d", len(got), len(want))
		}
		compareEvents(t, want, got, dataFields, normLibevtx)
	})
	t.Run("evtx/evtx_dump.py", func(t *testing.T) {
		got := loadXML(t, dir, "python.xml", string(run(t, tool(t, "evtx_dump.py", "python3-evtx"), evtxPath)), len(want))
		if len(got) != len(want) {
			t.Fatalf("%d events, want %d", len(got), len(want))
		}
		compareEvents(t, want, got, dataFields, normPython)
	})
	t.Run("xml/eventlens", func(t *testing.T) {
		xmlPath := filepath.Join(dir, "ud.xml")
		write(t, xmlPath, XML, evs)
		compareEvents(t, want, load(t, xmlPath), allFields, nil)
	})
}

func write(t *testing.T, path string, f Format, evs []*model.Event) {
	t.Helper()
	if err := WriteFile(path, false, func(w io.Writer) error {
		return Write(w, f, slices.Values(evs), Options{})
	}); err != nil {
		t.Fatal(err)
	}
}

func load(t *testing.T, path string) []model.Event {
	t.Helper()
	evs, reps := loadReports(t, path)
	for _, r := range reps {
		if r.Err != nil || r.RecordsSkipped > 0 || r.RecordsUndecoded > 0 {
			t.Fatalf("%s: %v, %d records skipped: %v", path, r.Err, r.RecordsSkipped+r.RecordsUndecoded, r.Problems)
		}
	}
	return evs
}

func loadReports(t *testing.T, path string) ([]model.Event, []model.FileReport) {
	t.Helper()
	evs, reps, err := modeltest.LoadAll(context.Background(), []string{path}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return evs, reps
}

// loadXML loads a reader's XML output, which must hold n events. The
// readers do not always escape quotes or '&' in attribute values; the
// events that leaves malformed are logged and left out.
func loadXML(t *testing.T, dir, name, xml string, n int) []model.Event {
	t.Helper()
	if got := strings.Count(xml, "<Event "); got != n {
		t.Fatalf("the reader shows %d events, want %d", got, n)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	evs, reps := loadReports(t, p)
	for _, r := range reps {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		if r.RecordsSkipped > 0 || r.RecordsUndecoded > 0 {
			t.Logf("%d events of the reader's output are not well-formed XML (its escaping) and are not compared", r.RecordsSkipped)
		}
	}
	return evs
}

func tool(t *testing.T, name, pkg string) string {
	exe, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (Debian package %s)", name, pkg)
	}
	return exe
}

func run(t *testing.T, exe string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(exe, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", filepath.Base(exe), err, stderr.Bytes())
	}
	return stdout.Bytes()
}

type fieldSet int

const (
	dataFields fieldSet = iota // record ID, event ID, EventData, UserData
	allFields                  // and every System field
)

// compareEvents compares each event of got with the event of want that
// has its record ID; norm, when set, maps values to what a reader can show.
// Every event of got must match; an event of want may be missing only when
// got is shorter (see loadXML).
func compareEvents(t *testing.T, want []*model.Event, got []model.Event, fs fieldSet, norm func(string) string) {
	t.Helper()
	if len(got) > len(want) {
		t.Fatalf("%d events read back, want %d", len(got), len(want))
	}
	if norm == nil {
		norm = func(s string) string { return s }
	}
	byID := map[uint64][]*model.Event{}
	for _, w := range want {
		byID[w.RecordID] = append(byID[w.RecordID], w)
	}
	bad := 0
	for i := range got {
		g := &got[i]
		ws := byID[g.RecordID]
		if len(ws) == 0 {
			t.Errorf("record %d read back, not written (or twice)", g.RecordID)
			continue
		}
		byID[g.RecordID] = ws[1:]
		if d := diffEvent(ws[0], g, fs, norm); d != "" {
			if bad++; bad <= 5 {
				t.Errorf("record %d: %s", g.RecordID, d)
			}
		}
	}
	if bad > 5 {
		t.Errorf("... %d records differ in all", bad)
	}
	t.Logf("%d of %d records compared", len(got), len(want))
}

func diffEvent(w, g *model.Event, fs fieldSet, norm func(string) string) string {
	if g.RecordID != w.RecordID || g.EventID != w.EventID {
		return fmt.Sprintf("record/event ID %d/%d, want %d/%d", g.RecordID, g.EventID, w.RecordID, w.EventID)
	}
	if fs == allFields {
		ws := fmt.Sprint(w.Time.UTC(), w.Level, w.Provider, w.ProviderGUID, w.EventSourceName, w.Qualifiers, w.HasQualifiers,
			w.Version, w.Channel, w.Computer, w.UserSID, w.Task, w.Opcode, w.Keywords, w.ProcessID, w.ThreadID, w.Binary)
		gs := fmt.Sprint(g.Time.UTC(), g.Level, g.Provider, g.ProviderGUID, g.EventSourceName, g.Qualifiers, g.HasQualifiers,
			g.Version, g.Channel, g.Computer, g.UserSID, g.Task, g.Opcode, g.Keywords, g.ProcessID, g.ThreadID, g.Binary)
		if ws != gs {
			return fmt.Sprintf("System\n got %s\nwant %s", gs, ws)
		}
	}
	if d := diffData("EventData", w.Data, g.Data, norm); d != "" {
		return d
	}
	return diffData("UserData", w.UserData, g.UserData, norm)
}

func diffData(what string, w, g []model.Data, norm func(string) string) string {
	if len(w) != len(g) {
		return fmt.Sprintf("%s\n got %q\nwant %q", what, g, w)
	}
	for i := range w {
		if g[i].Name != w[i].Name || norm(g[i].Value) != norm(w[i].Value) {
			return fmt.Sprintf("%s item %d = %.300q, want %.300q", what, i, g[i].Name+"="+g[i].Value, w[i].Name+"="+w[i].Value)
		}
	}
	return ""
}

// normLibevtx: libevtx 20181227 decodes a UTF-16 surrogate pair as two
// characters of its own (see model/evtxwrite's reader tests); compare
// without them. Like python-evtx it writes CR as is, which XML reads as LF;
// it writes a value of only white space (as "\n") as an empty element,
// here as in the original log.
func normLibevtx(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if r >= 0x10000 || r >= 0xd800 && r <= 0xdfff || r == 0xfffd {
			return -1
		}
		return r
	}, normCR(s))
}

// normPython: python-evtx leaves out the characters XML 1.1 restricts.
func normPython(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r >= 0x7f && r <= 0x9f && r != 0x85 {
			return -1
		}
		return r
	}, normCR(s))
}

func normCR(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// normXML: our XML export writes the controls XML 1.0 cannot carry as
// U+FFFD (see text).
func normXML(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return '\uFFFD'
		}
		return r
	}, s)
}
