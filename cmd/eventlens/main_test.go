package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// fixture is a path under the repository's testdata.
func fixture(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

// runCLI runs eventlens in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	if strings.Contains(errb.String(), "goroutine ") || strings.Contains(errb.String(), "panic:") {
		t.Fatalf("eventlens %v printed a Go panic:\n%s", args, errb.String())
	}
	return code, out.String(), errb.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		stderr  string
		noInput bool
	}{
		{"help", []string{"help"}, exitOK, "", false},
		{"unknown flag", []string{"export", "--bogus", fixture("xml", "wevtutil-utf8.xml")}, exitUsage, "flag provided but not defined", false},
		{"no inputs", []string{"export"}, exitUsage, "no input files", false},
		{"bad format", []string{"export", "--format", "pdf", fixture("xml", "wevtutil-utf8.xml")}, exitUsage, `unknown format "pdf"`, false},
		{"bad query", []string{"export", "--query", "id:abc", fixture("xml", "wevtutil-utf8.xml")}, exitUsage, "column 4", false},
		{"evtx to stdout", []string{"export", "--format", "evtx", fixture("xml", "wevtutil-utf8.xml")}, exitUsage, "give -o FILE", false},
		{"output a directory", []string{"export", "-o", filepath.Dir(fixture("xml", "wevtutil-utf8.xml")), fixture("xml", "wevtutil-utf8.xml")}, exitError, "names a directory, not a file", false},
		{"output ends with a slash", []string{"export", "-o", "no-such-dir/", fixture("xml", "wevtutil-utf8.xml")}, exitError, "no-such-dir/: names a directory, not a file", false},
		{"bad language", []string{"triage", "--lang", "fr", fixture("xml", "wevtutil-utf8.xml")}, exitUsage, `unknown language "fr"`, false},
		{"missing file", []string{"export", "no-such.evtx"}, exitError, "no-such.evtx: no such file or directory", false},
		{"malformed, lenient", []string{"export", fixture("xml", "malformed.xml")}, exitOK, "skipped", false},
		{"malformed, strict", []string{"export", "--strict", fixture("xml", "malformed.xml")}, exitIncomplete, "malformed.xml (3 skipped) (--strict)", false},
		{"malformed, strict triage", []string{"triage", "--strict", fixture("xml", "malformed.xml"), fixture("xml", "wevtutil-utf8.xml")}, exitIncomplete, "decoded: " + fixture("xml", "malformed.xml") + " (3 skipped) (--strict)", false},
		{"catalog unknown command", []string{"catalog", "frobnicate"}, exitUsage, "unknown command", false},
		{"catalog show unknown", []string{"catalog", "show", "no.such-entry"}, exitError, "no.such-entry", false},
		{"viewer without a terminal", nil, exitError, "needs a terminal", false},
		{"viewer on a file without a terminal", []string{fixture("xml", "wevtutil-utf8.xml")}, exitError, "'eventlens triage FILES...'", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not say %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

// TestLoadReportBothCommands: triage prints on stderr the same load
// report as export (README: every headless command does).
func TestLoadReportBothCommands(t *testing.T) {
	in := []string{fixture("xml", "malformed.xml"), fixture("xml", "wevtutil-utf8.xml")}
	_, _, exp := runCLI(t, append([]string{"export"}, in...)...)
	_, _, tri := runCLI(t, append([]string{"triage"}, in...)...)
	if !strings.Contains(exp, "malformed.xml: xml, 2.3 KiB: 4 decoded, 0 undecoded, 3 skipped") || !strings.Contains(exp, "wevtutil-utf8.xml: xml") {
		t.Fatalf("export's load report:\n%s", exp)
	}
	if tri != exp {
		t.Errorf("triage's stderr differs from export's:\n--- triage\n%s--- export\n%s", tri, exp)
	}
}

// TestLoadReportInLanguage: the load report on standard error speaks
// --lang, with its digit grouping, as the viewer's load report (R) does.
func TestLoadReportInLanguage(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	notLog := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notLog, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "host.xml"), mustRead(t, fixture("catalog", "host.xml")), 0o644); err != nil {
		t.Fatal(err)
	}
	in := []string{fixture("xml", "malformed.xml"), dir}
	for _, tt := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"malformed.xml: xml, 2.3 KiB: 4 decoded, 0 undecoded, 3 skipped",
			"host.xml: xml, 9.4 KiB: 15 decoded, 0 undecoded, 0 skipped",
			"notes.txt: skipped, no log: not an EVTX file"}},
		{"nl", []string{"malformed.xml: xml, 2.3 KiB: 4 gedecodeerd, 0 niet gedecodeerd, 3 overgeslagen",
			"host.xml: xml, 9.4 KiB: 15 gedecodeerd",
			"notes.txt: overgeslagen, geen log: geen EVTX-bestand"}},
		{"ja", []string{"malformed.xml: xml、2.3 KiB：デコード 4 件、デコード不可 0 件、スキップ 3 件",
			"host.xml: xml、9.4 KiB：デコード 15 件",
			"notes.txt: ログではないためスキップ：EVTX ファイル"}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			code, _, stderr := runCLI(t, append([]string{"triage", "--lang", tt.lang}, in...)...)
			if code != exitOK {
				t.Errorf("exit %d; stderr:\n%s", code, stderr)
			}
			for _, want := range tt.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("load report does not say %q:\n%s", want, stderr)
				}
			}
		})
	}

	// A large EVTX file: its counts grouped as the language groups digits,
	// its chunks counted in it.
	corpus := os.Getenv("EVENTLENS_CORPUS")
	if corpus == "" {
		t.Log("EVENTLENS_CORPUS not set: the EVTX part is skipped")
		return
	}
	evtx := filepath.Join(corpus, "2-vss_7-System.evtx")
	for lang, want := range map[string]string{
		"en": "evtx, 1.1 MiB: 1,160 decoded, 0 undecoded, 0 skipped; chunks: 11 found, 11 parsed, 0 failed",
		"nl": "evtx, 1.1 MiB: 1.160 gedecodeerd, 0 niet gedecodeerd, 0 overgeslagen; chunks: 11 gevonden, 11 gelezen, 0 mislukt",
		"ja": "evtx、1.1 MiB：デコード 1,160 件、デコード不可 0 件、スキップ 0 件、チャンク：検出 11、解析 11、失敗 0",
	} {
		if _, _, stderr := runCLI(t, "triage", "--lang", lang, evtx); !strings.Contains(stderr, want) {
			t.Errorf("%s: load report does not say %q:\n%s", lang, want, stderr)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportJSONL checks the headless export: every line is a JSON object
// with the documented keys, classified by the catalog, filtered by --query,
// with flags allowed after the file names.
func TestExportJSONL(t *testing.T) {
	code, out, stderr := runCLI(t, "export", fixture("catalog", "host.xml"), "--query", "src:vmsmp id:32", "--lang", "ja")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var n int
	for sc.Scan() {
		var obj map[string]any
		if err := json.Unmarshal(sc.Bytes(), &obj); err != nil {
			t.Fatalf("line %d is not JSON: %v", n+1, err)
		}
		for _, k := range []string{"file", "record_id", "time", "level", "provider", "event_id", "channel", "computer", "data", "message", "class", "catalog_id", "decoded", "error"} {
			if _, ok := obj[k]; !ok {
				t.Errorf("line %d lacks %q", n+1, k)
			}
		}
		if obj["provider"] != "VMSMP" || obj["event_id"] != float64(32) || obj["catalog_id"] != "nec.vmsmp-32" {
			t.Errorf("line %d: unexpected event %v", n+1, obj)
		}
		n++
	}
	if n != 3 {
		t.Errorf("got %d events for src:vmsmp id:32, want 3", n)
	}
	if !strings.Contains(stderr, "host.xml") {
		t.Errorf("no load report on stderr: %q", stderr)
	}
}

// TestExportEVTXRoundTrip writes .evtx and reads it back through export.
func TestExportEVTXRoundTrip(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.evtx")
	if code, _, stderr := runCLI(t, "export", "--format", "evtx", "-o", out, fixture("catalog")); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if code, _, stderr := runCLI(t, "export", "--format", "evtx", "-o", out, fixture("catalog")); code != exitError || !strings.Contains(stderr, "exists") {
		t.Fatalf("second export without --force: exit %d, %s", code, stderr)
	}
	code, csv, stderr := runCLI(t, "export", "--format", "csv", "--query", "class:known-issue", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := strings.Count(csv, "kb975354.iscsi-0x800423f4"); got != 3 {
		t.Errorf("known issues after the evtx round trip = %d, want 3:\n%s", got, csv)
	}
}

func TestExportECS(t *testing.T) {
	code, out, stderr := runCLI(t, "export", "--format", "ecs", "--query", "cat:vmsmp-32", fixture("catalog", "host.xml"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	line := strings.SplitN(out, "\n", 2)[0]
	var doc struct {
		Event struct {
			Code string `json:"code"`
		} `json:"event"`
		Eventlens struct {
			CatalogID string `json:"catalog_id"`
		} `json:"eventlens"`
	}
	if err := json.Unmarshal([]byte(line), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Event.Code != "32" || doc.Eventlens.CatalogID != "nec.vmsmp-32" {
		t.Errorf("ECS document = %+v", doc)
	}
}

// TestTriageLanguages checks that triage reads in each language and lists
// the known events with their verdicts.
func TestTriageLanguages(t *testing.T) {
	want := map[string][]string{
		"en": {"Known issue", "nec.vmsmp-32", "Verdict"},
		"ja": {"既知の問題", "nec.vmsmp-32", "判定"},
		"nl": {"Bekend probleem", "nec.vmsmp-32", "Oordeel"},
	}
	for lang, words := range want {
		code, out, stderr := runCLI(t, "triage", "--lang", lang, fixture("catalog"))
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", lang, code, stderr)
		}
		for _, w := range words {
			if !strings.Contains(out, w) {
				t.Errorf("triage --lang %s lacks %q:\n%s", lang, w, out)
			}
		}
	}
}

func TestLanguageFromEnvironment(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "ja_JP.UTF-8")
	_, out, _ := runCLI(t, "catalog", "show", "nec.vmsmp-32")
	if !strings.Contains(out, "仮想スイッチ") {
		t.Errorf("LANG=ja_JP did not give Japanese:\n%s", out)
	}
}

func TestCatalogCheck(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("document:\n  id: x\nentries:\n  - id: Bad ID\n"), 0o600)
	code, _, stderr := runCLI(t, "catalog", "check", bad)
	if code != exitError || !strings.Contains(stderr, "bad.yaml:") {
		t.Errorf("check of a broken file: exit %d, stderr %q", code, stderr)
	}
	if code, out, _ := runCLI(t, "catalog", "list"); code != exitOK || !strings.Contains(out, "kb975354") {
		t.Errorf("catalog list: exit %d\n%s", code, out)
	}
}

// TestIndexCache checks that a second run, served from the index cache,
// exports exactly what the first did, and that --no-cache gives the same.
func TestIndexCache(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	args := []string{"export", "--format", "jsonl", fixture("catalog")}
	_, first, _ := runCLI(t, args...)
	_, second, _ := runCLI(t, args...)
	_, plain, _ := runCLI(t, append(args, "--no-cache")...)
	if first == "" || first != second || first != plain {
		t.Errorf("exports differ between cold, cached and --no-cache runs")
	}
	entries, _ := filepath.Glob(filepath.Join(os.Getenv("XDG_CACHE_HOME"), "eventlens", "*", "*"))
	if len(entries) == 0 {
		t.Error("no index cache entries written")
	}
}

// TestMessagesInTheUserLanguage is issue 13's QA: what the model says (a
// query's error, why a file found in a directory is no log) and the
// viewer's need of a terminal are said in --lang, each once.
func TestMessagesInTheUserLanguage(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	in := fixture("xml", "wevtutil-utf8.xml")
	for _, tt := range []struct {
		args []string
		say  string
	}{
		{[]string{"triage", "--lang", "ja", "--query", "lvl:x", in}, `triage: --query: 1 文字目：不明なフィールド "lvl" です`},
		{[]string{"export", "--lang", "nl", "--query", "id:abc", in}, `export: --query: kolom 4: id: "abc" is geen gebeurtenis-ID`},
		{[]string{"triage", "--lang", "en", "--query", "lvl:x", in}, `triage: --query: column 1: unknown field "lvl"`},
		{[]string{"--lang", "ja"}, "ビューアーには端末が必要です"},
		{[]string{"--lang", "nl"}, "de viewer heeft een terminal nodig"},
	} {
		_, _, stderr := runCLI(t, tt.args...)
		if !strings.Contains(stderr, tt.say) {
			t.Errorf("%v: stderr does not say %q:\n%s", tt.args, tt.say, stderr)
		}
		if strings.Count(stderr, "query") > 1 {
			t.Errorf("%v: says query more than once:\n%s", tt.args, stderr)
		}
	}

	dir := t.TempDir()
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"host.xml": data, "MANIFEST.tsv": []byte("file\trecords\n")} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for lang, want := range map[string]string{
		"ja": "MANIFEST.tsv：ログではないためスキップ：EVTX ファイル、旧形式の .evt ログ",
		"nl": "geen EVTX-bestand, oud .evt-logboek",
	} {
		_, out, stderr := runCLI(t, "triage", "--lang", lang, dir)
		if !strings.Contains(out, want) {
			t.Errorf("%s: triage does not say %q:\n%s%s", lang, want, out, stderr)
		}
	}
}

// TestHelpNamesEveryFlag: every flag a command registers is in `eventlens
// help`: its own flags on the command's usage lines, the shared ones there
// or in the paragraph on flags every command takes. CMD -h prints the same.
func TestHelpNamesEveryFlag(t *testing.T) {
	var c common
	shared := flag.NewFlagSet("", flag.ContinueOnError)
	c.register(shared)
	sharedPara := usage[strings.Index(usage, "Every command that reads logs"):]
	for _, cmd := range []string{"", "export", "triage", "catalog", "serve"} {
		args := []string{cmd, "-h"}
		if cmd == "" {
			args = []string{"--no-cache", "-h"} // the viewer: its flags, then -h
		}
		var hr helpRequest
		var out bytes.Buffer
		if err := dispatch(args, strings.NewReader(""), &out, io.Discard); !errors.As(err, &hr) {
			t.Fatalf("%v: %v, want a help request", args, err)
		}
		if code, stdout, _ := runCLI(t, args...); code != exitOK || stdout != usage {
			t.Errorf("%v: exit %d, want the usage on stdout:\n%s", args, code, stdout)
		}
		section := usageOf(t, cmd)
		hr.flags.VisitAll(func(f *flag.Flag) {
			name := "--" + f.Name
			if len(f.Name) == 1 {
				name = "-" + f.Name
			}
			if mentions(section, name) || shared.Lookup(f.Name) != nil && mentions(sharedPara, name) {
				return
			}
			t.Errorf("eventlens %s: help does not name %s", cmd, name)
		})
	}
}

// usageOf is the usage lines and description of cmd ("" is the viewer).
func usageOf(t *testing.T, cmd string) string {
	start := "  eventlens " + cmd + " "
	if cmd == "" {
		start = "  eventlens ["
	}
	i := strings.Index(usage, start)
	if i < 0 {
		t.Fatalf("help has no usage of %q", cmd)
	}
	s := usage[i:]
	if j := strings.Index(s, "\n\n"); j >= 0 {
		s = s[:j]
	}
	return s
}

// mentions reports whether text names the flag name as a whole word.
func mentions(text, name string) bool {
	return regexp.MustCompile(`(^|[\s\[,;:(])` + regexp.QuoteMeta(name) + `($|[\s\]=,;:)])`).MatchString(text)
}

// TestServeChecksConfigFirst: serve says a mistake in its configuration —
// authorized keys, host key, export folder, listening address — before it
// loads any log, not after a load of many minutes.
func TestServeChecksConfigFirst(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	pub, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(sshPub), 0o600); err != nil {
		t.Fatal(err)
	}
	garbledKey := filepath.Join(dir, "garbled_host_key")
	if err := os.WriteFile(garbledKey, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	readableKey := filepath.Join(dir, "readable_host_key")
	if err := os.WriteFile(readableKey, []byte("not a key\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	hostKey := filepath.Join(dir, "host_key")
	for _, tt := range []struct {
		name string
		args []string
		says string
	}{
		{"authorized keys missing", []string{"--authorized-keys", filepath.Join(dir, "nope"), "--host-key", hostKey}, "authorized keys: "},
		{"authorized keys a directory", []string{"--authorized-keys", dir, "--host-key", hostKey}, "is not a regular file"},
		{"host key garbled", []string{"--authorized-keys", keys, "--host-key", garbledKey}, "host key " + garbledKey},
		{"host key readable by others", []string{"--authorized-keys", keys, "--host-key", readableKey}, "others can read it"},
		{"export folder is a file", []string{"--authorized-keys", keys, "--host-key", hostKey, "--export-dir", keys}, "export dir: "},
		{"address in use", []string{"--authorized-keys", keys, "--host-key", hostKey, "--listen", busy.Addr().String()}, "address already in use"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, append(append([]string{"serve"}, tt.args...), fixture("catalog", "host.xml"))...)
			if code != exitError {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitError, stderr)
			}
			if !strings.Contains(stderr, tt.says) {
				t.Errorf("stderr does not say %q:\n%s", tt.says, stderr)
			}
			if strings.Contains(stderr, "host.xml: xml") || strings.Contains(stderr, "logs loaded") {
				t.Errorf("the logs were loaded before the configuration was checked:\n%s", stderr)
			}
		})
	}
}
