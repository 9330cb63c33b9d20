package msgdb_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"eventlens/model"
	"eventlens/model/msgdb"
	"eventlens/model/msgdb/msgdbtest"
)

// All message strings here are our own: eventlens ships none of Microsoft's.
const (
	provService = "Test-Service-Manager"
	provKernel  = "Test-Kernel"
	guidKernel  = "{11111111-2222-3333-4444-555555555555}"
)

func writeDB(t testing.TB, opts msgdbtest.Options, ts ...msgdbtest.Template) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "messages.db")
	if err := msgdbtest.Write(p, opts, ts...); err != nil {
		t.Fatal(err)
	}
	return p
}

func open(t testing.TB, paths ...string) *msgdb.Set {
	t.Helper()
	s, err := msgdb.Open(paths...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func data(vals ...string) []model.Data {
	ds := make([]model.Data, len(vals))
	for i, v := range vals {
		ds[i] = model.Data{Name: "param" + string(rune('1'+i)), Value: v}
	}
	return ds
}

func TestRender(t *testing.T) {
	main := writeDB(t, msgdbtest.Options{
		IDs: true, Versions: true, Language: "en-US",
		GUIDs:      map[string]string{provKernel: guidKernel, provService: ""},
		Parameters: map[string]map[int64]string{provService: {1842: "Automatic start\r\n"}},
	},
		msgdbtest.Template{Provider: provService, EventID: 7036, ID: 0x40001B7C, Message: "Unit %1 is now %2.%n"},
		msgdbtest.Template{Provider: provService, EventID: 7036, ID: 0x7036, Message: "wrong qualifiers %1"},
		msgdbtest.Template{Provider: provService, EventID: 7040, Message: "Start type of %1 changed to %2."},
		msgdbtest.Template{Provider: provKernel, EventID: 41, Version: 1, Message: "v1 reboot, code %1!08x!"},
		msgdbtest.Template{Provider: provKernel, EventID: 41, Version: 2, Message: "v2 reboot, code %1!08x!"},
		msgdbtest.Template{Provider: "Other-Name", EventID: 5, Message: "found by event source name"},
	)
	second := writeDB(t, msgdbtest.Options{},
		msgdbtest.Template{Provider: provService, EventID: 7036, Message: "second database %1"},
		msgdbtest.Template{Provider: provService, EventID: 9, Message: "only in the second: %1"},
	)
	s := open(t, main, second)

	tests := []struct {
		name string
		ev   model.Event
		want string
		ok   bool
	}{
		{"qualifiers pick the row", model.Event{Provider: provService, EventID: 7036, Qualifiers: 0x4000, HasQualifiers: true,
			Data: data("Print Queue", "running")}, "Unit Print Queue is now running.", true},
		{"name ignores case", model.Event{Provider: strings.ToUpper(provService), EventID: 7040,
			Data: data("Print Queue", "%%1842")}, "Start type of Print Queue changed to Automatic start.", true},
		{"unknown parameter kept", model.Event{Provider: provService, EventID: 7040,
			Data: data("X", "%%9999")}, "Start type of X changed to %%9999.", true},
		{"version picks the row", model.Event{Provider: provKernel, EventID: 41, Version: 2, Data: data("255")}, "v2 reboot, code 000000ff", true},
		{"GUID before name", model.Event{Provider: "Renamed-Kernel", ProviderGUID: strings.ToUpper(guidKernel), EventID: 41, Version: 1,
			Data: data("0x10")}, "v1 reboot, code 00000010", true},
		{"event source name", model.Event{Provider: "Some-Provider", EventSourceName: "other-name", EventID: 5}, "found by event source name", true},
		{"missing insertion left", model.Event{Provider: provService, EventID: 7040, Data: data("only one")}, "Start type of only one changed to %2.", true},
		{"UserData values count as insertions", model.Event{Provider: provService, EventID: 7040,
			UserData: []model.Data{{Name: "A/B", Value: "u1"}, {Name: "A/C", Value: "u2"}}}, "Start type of u1 changed to u2.", true},
		{"first database wins, second fills gaps", model.Event{Provider: provService, EventID: 9, Data: data("x")}, "only in the second: x", true},
		{"unknown event", model.Event{Provider: provService, EventID: 1}, "", false},
		{"unknown provider", model.Event{Provider: "Nobody", EventID: 7036}, "", false},
		{"no provider", model.Event{EventID: 7036}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 2 { // the second time from the cache
				got, _, ok := s.Render(&tt.ev)
				if got != tt.want || ok != tt.ok {
					t.Fatalf("Render = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
				}
			}
		})
	}
	if _, culture, _ := s.Render(&model.Event{Provider: provService, EventID: 7040}); culture != "en-US" {
		t.Errorf("culture = %q, want the database's en-US", culture)
	}
	if err := s.Err(); err != nil {
		t.Errorf("Err = %v", err)
	}
	if got := s.Paths(); len(got) != 2 || got[0] != main {
		t.Errorf("Paths = %q", got)
	}
}

// A database without an index is read whole once, and renders the same.
func TestRenderWithoutIndex(t *testing.T) {
	p := writeDB(t, msgdbtest.Options{NoIndex: true},
		msgdbtest.Template{Provider: provService, EventID: 7036, Message: "%1 is %2"})
	s := open(t, p)
	got, _, ok := s.Render(&model.Event{Provider: provService, EventID: 7036, Data: data("a", "b")})
	if !ok || got != "a is b" {
		t.Fatalf("Render = %q, %v", got, ok)
	}
}

func TestNilSetRendersNothing(t *testing.T) {
	var s *msgdb.Set
	if _, _, ok := s.Render(&model.Event{Provider: "x"}); ok {
		t.Fatal("nil set rendered")
	}
	if s.Close() != nil || s.Err() != nil || s.Paths() != nil {
		t.Fatal("nil set misbehaves")
	}
}

// Whatever a file holds, Open gives a clear error or a working set, never a
// crash, and never writes the file.
func TestHostileDatabases(t *testing.T) {
	dir := t.TempDir()
	good := writeDB(t, msgdbtest.Options{}, msgdbtest.Template{Provider: provService, EventID: 1, Message: "m"})
	goodBytes, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	file := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	sqlDB := func(name string, stmts ...string) string {
		p := filepath.Join(dir, name)
		if err := msgdbtest.Exec(p, stmts...); err != nil {
			t.Fatal(err)
		}
		return p
	}
	damaged := bytes.Clone(goodBytes)
	for i := 100; i < len(damaged); i += 7 {
		damaged[i] ^= 0x5a
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.db"), "no such file"},
		{"directory", dir, "not a regular file"},
		{"empty", file("empty.db", nil), "not an SQLite database"},
		{"text", file("text.db", []byte("providers,messages\n")), "not an SQLite database"},
		{"header only", file("header.db", goodBytes[:100]), ""},
		{"truncated", file("trunc.db", goodBytes[:len(goodBytes)/2]), ""},
		{"damaged", file("damaged.db", damaged), ""},
		{"no tables", sqlDB("none.db", "CREATE TABLE t (x)"), "no table providers"},
		{"wrong columns", sqlDB("cols.db", "CREATE TABLE providers (id, name)", "CREATE TABLE messages (a, b)"), "no provider_id, event_id and message"},
		{"views", sqlDB("views.db", "CREATE TABLE p (id, name)", "CREATE VIEW providers AS SELECT * FROM p",
			"CREATE TABLE messages (provider_id, event_id, message)"), "no table providers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			s, err := msgdb.Open(tt.path)
			if err == nil {
				// A damaged file SQLite still opens fails at lookup instead.
				s.Render(&model.Event{Provider: provService, EventID: 1})
				s.Close()
			} else {
				if !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error %q does not name the file", err)
				}
				if tt.want != "" && !strings.Contains(err.Error(), tt.want) {
					t.Errorf("error %q, want it to say %q", err, tt.want)
				}
			}
			if tt.want != "" && err == nil {
				t.Errorf("Open succeeded, want an error saying %q", tt.want)
			}
			after, _ := os.ReadFile(tt.path)
			if !bytes.Equal(before, after) {
				t.Error("Open changed the file")
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), "-journal") || strings.HasSuffix(e.Name(), "-wal") || strings.HasSuffix(e.Name(), "-shm") {
			t.Errorf("Open left %s behind", e.Name())
		}
	}
}

// Odd values a database may hold: NULL or numeric messages, oversized
// strings, many rows for one ID.
func TestOddRows(t *testing.T) {
	p := filepath.Join(t.TempDir(), "odd.db")
	big := strings.Repeat("x", 200<<10)
	err := msgdbtest.Exec(p,
		"CREATE TABLE providers (id INTEGER, name TEXT)",
		"CREATE TABLE messages (provider_id, event_id, message)",
		"INSERT INTO providers VALUES (1, 'P'), (NULL, 'nullid'), (2, NULL)",
		"INSERT INTO messages VALUES (1, 1, NULL), (1, 2, 42), (1, 3, '"+big+"')",
	)
	if err != nil {
		t.Fatal(err)
	}
	s := open(t, p)
	for id, want := range map[uint16]int{1: 0, 2: 2, 3: 64 << 10} {
		got, _, _ := s.Render(&model.Event{Provider: "p", EventID: id})
		if len(got) != want {
			t.Errorf("event %d: %d bytes, want %d", id, len(got), want)
		}
	}
}

// Static is the template's own text, for searches: the literal pieces, in
// order, apart (store.Sep) so that no word spans an insertion string.
func TestStatic(t *testing.T) {
	s := open(t, writeDB(t, msgdbtest.Options{},
		msgdbtest.Template{Provider: provService, EventID: 7036, Message: "Unit %1 is now in the %2 state.%n"},
	))
	got, ok := s.Static(&model.Event{Provider: provService, EventID: 7036, Data: data("Print Queue", "running")})
	if want := "Unit \x00 is now in the \x00 state."; !ok || got != want {
		t.Errorf("Static = %q, %v; want %q", got, ok, want)
	}
	if got, ok := s.Static(&model.Event{Provider: provService, EventID: 1}); ok || got != "" {
		t.Errorf("no template: Static = %q, %v", got, ok)
	}
}

// TestRenderBounded checks that a template repeating an insertion (a
// hostile database: "%6" 300,000 times) renders at most 1 MiB, cut on a
// character boundary and saying so, instead of tens of megabytes per event.
func TestRenderBounded(t *testing.T) {
	p := writeDB(t, msgdbtest.Options{},
		msgdbtest.Template{Provider: "ESENT", EventID: 105, Message: strings.Repeat("%6", 300_000)},
		msgdbtest.Template{Provider: "ESENT", EventID: 106, Message: "small %6"})
	s := open(t, p)
	ev := &model.Event{Provider: "ESENT", EventID: 105}
	for i := range 6 {
		ev.Data = append(ev.Data, model.Data{Value: strings.Repeat("é", 333+i)})
	}
	text, _, ok := s.Render(ev)
	if !ok {
		t.Fatal("no template")
	}
	if len(text) > 1<<20+len(msgdb.CutMark) || !strings.HasSuffix(text, msgdb.CutMark) || !utf8.ValidString(text) {
		t.Errorf("message of %d bytes, ends %q, valid UTF-8 %v; want at most 1 MiB, cut on a character, marked",
			len(text), text[max(0, len(text)-60):], utf8.ValidString(text))
	}
	ev.EventID = 106
	if text, _, _ := s.Render(ev); text != "small "+ev.Data[5].Value {
		t.Errorf("small message = %.40q…, want it whole", text)
	}
}
