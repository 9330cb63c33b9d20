package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestUnreadableInputs: a headless command that reads no log exits 1,
// names each input and why, and writes nothing; a good file given with a
// bad one is still written whole, then exit 1 (issue 13 #8). A directory
// walk passes over files that are no log quietly (#12).
func TestUnreadableInputs(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	good := fixture("catalog", "host.xml")
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.evtx", nil)
	png := write("photo.evtx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	noLogs := filepath.Dir(write("nologs/MANIFEST.tsv", []byte("file\trecords\n")))
	write("nologs/notes.txt", []byte("hello\n"))
	goodData, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	mixed := filepath.Dir(write("mixed/host.xml", goodData))
	write("mixed/MANIFEST.tsv", []byte("file\trecords\n"))
	missing, gone := filepath.Join(dir, "missing.evtx"), filepath.Join(dir, "gone.evtx")
	dangling := filepath.Join(dir, "dangling.evtx")
	if err := os.Symlink(filepath.Join(dir, "nowhere.evtx"), dangling); err != nil {
		t.Fatal(err)
	}

	_, want, _ := runCLI(t, "export", good)
	for _, tt := range []struct {
		name   string
		inputs []string
		code   int
		says   []string // each must appear on stderr or (triage) stdout
		whole  bool     // the output holds every event of the good file
		once   string   // a file stderr names once: the error, not the report too
	}{
		{"empty file", []string{empty}, exitError, []string{"empty.evtx: empty file (0 bytes)"}, false, "empty.evtx"},
		{"PNG renamed .evtx", []string{png}, exitError, []string{"photo.evtx: not an EVTX file"}, false, "photo.evtx"},
		{"directory without logs", []string{noLogs}, exitError, []string{"nologs: no event log in this directory (2 files of no known log format)"}, false, ""},
		{"good with bad", []string{good, empty}, exitError, []string{"empty.evtx: empty file"}, true, "empty.evtx"},
		{"directory with a log and a manifest", []string{mixed}, exitOK, []string{"MANIFEST.tsv: skipped, no log"}, true, ""},
		// A missing path is one more unreadable input (README: the rest is
		// still read); only when none exists is there nothing to load.
		{"good with missing", []string{good, missing}, exitError, []string{"missing.evtx: no such file or directory"}, true, "missing.evtx"},
		{"missing first, then good", []string{missing, good, gone}, exitError, []string{"missing.evtx: no such file or directory", "gone.evtx: no such file or directory"}, true, "gone.evtx"},
		{"good with dangling symlink", []string{good, dangling}, exitError, []string{"dangling.evtx: no such file or directory"}, true, "dangling.evtx"},
		{"all missing", []string{missing, dangling, gone}, exitError, []string{"missing.evtx: no such file or directory", "dangling.evtx: no such file or directory", "gone.evtx: no such file or directory"}, false, "gone.evtx"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, cmd := range []string{"export", "triage"} {
				out := filepath.Join(t.TempDir(), "out.jsonl")
				args := []string{cmd, "--no-cache"}
				if cmd == "export" {
					args = append(args, "-o", out)
				}
				code, stdout, stderr := runCLI(t, append(args, tt.inputs...)...)
				if code != tt.code {
					t.Errorf("%s: exit %d, want %d; stderr:\n%s", cmd, code, tt.code, stderr)
				}
				for _, s := range tt.says {
					if !strings.Contains(stderr+stdout, s) {
						t.Errorf("%s: output does not say %q:\n%s", cmd, s, stderr)
					}
				}
				if tt.once != "" && strings.Count(stderr, tt.once) != 1 {
					t.Errorf("%s: stderr names %s %d times, want once:\n%s", cmd, tt.once, strings.Count(stderr, tt.once), stderr)
				}
				if strings.Contains(stderr, "MANIFEST.tsv: not loaded") {
					t.Errorf("%s: a file found in a directory reported as a problem:\n%s", cmd, stderr)
				}
				if cmd == "triage" {
					if !tt.whole && stdout != "" {
						t.Errorf("triage printed a summary of nothing:\n%s", stdout)
					}
					continue
				}
				got, err := os.ReadFile(out)
				switch {
				case !tt.whole && !os.IsNotExist(err):
					t.Errorf("export left an output file (%v)", err)
				case tt.whole && !sameLines(string(got), want):
					t.Errorf("export wrote %d bytes, not the good file's %d", len(got), len(want))
				}
			}
		})
	}
}

// sameLines compares JSON Lines exports ignoring the file field's value,
// which differs between a file and its copy.
func sameLines(a, b string) bool {
	norm := func(s string) []string {
		lines := strings.Split(strings.TrimSpace(s), "\n")
		for i, l := range lines {
			if j := strings.Index(l, `"file":"`); j >= 0 {
				k := strings.Index(l[j+8:], `"`)
				lines[i] = l[:j] + l[j+8+k+1:]
			}
		}
		return lines
	}
	return slices.Equal(norm(a), norm(b))
}

// TestSharedFlagsBeforeCommand: flags work before the command's name too,
// as README's examples write them (issue 13 #9), for every command.
func TestSharedFlagsBeforeCommand(t *testing.T) {
	for _, tt := range []struct{ in, want []string }{
		{[]string{"--catalog", "x.yaml", "catalog", "show", "ID"}, []string{"catalog", "--catalog", "x.yaml", "show", "ID"}},
		{[]string{"--lang=ja", "--no-cache", "triage", "a.evtx"}, []string{"triage", "--lang=ja", "--no-cache", "a.evtx"}},
		{[]string{"-catalog", "export", "export", "a.evtx"}, []string{"export", "-catalog", "export", "a.evtx"}},
		{[]string{"--catalog", "x.yaml", "a.evtx"}, []string{"--catalog", "x.yaml", "a.evtx"}}, // the viewer
		{[]string{"--strict", "export", "a.evtx"}, []string{"export", "--strict", "a.evtx"}},   // the command's own
		{[]string{"--query", "id:32", "triage", "a.evtx"}, []string{"triage", "--query", "id:32", "a.evtx"}},
		{[]string{"--lang", "ja", "help"}, []string{"help", "--lang", "ja"}},
		{[]string{"--no-cache", "version"}, []string{"version", "--no-cache"}},
		{[]string{"triage", "--lang", "ja", "a.evtx"}, []string{"triage", "--lang", "ja", "a.evtx"}}, // already after
		{[]string{"--bogus", "a.evtx"}, []string{"--bogus", "a.evtx"}},                               // the viewer's
		{[]string{"--lang", "ja", "--", "help"}, []string{"--lang", "ja", "--", "help"}},             // a file named help
	} {
		if got := commandFirst(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("commandFirst(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}

	// README's own example catalog and commands.
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	start := strings.Index(string(readme), "```yaml\ndocument:\n  id: our-runbook")
	if start < 0 {
		t.Fatal("README has no our-runbook example")
	}
	yaml := string(readme[start+len("```yaml\n"):])
	yaml = yaml[:strings.Index(yaml, "```")]
	runbook := filepath.Join(t.TempDir(), "our-runbook.yaml")
	if err := os.WriteFile(runbook, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "--catalog", runbook, "catalog", "show", "ours.vmms-16040")
	if code != exitOK || !strings.Contains(out, "runbook 4.2") {
		t.Errorf("catalog show: exit %d\n%s\n%s", code, out, stderr)
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if code, _, stderr := runCLI(t, "--catalog", runbook, "--lang", "nl", "triage", fixture("catalog", "host.xml")); code != exitOK {
		t.Errorf("triage: exit %d\n%s", code, stderr)
	}
}

// TestFlagsBeforeEachCommand runs every command with flags before its
// name, as QA typed "eventlens --lang ja help": each runs as the command
// (or says which flag is not its own), never as the viewer reading a file
// named after the command.
func TestFlagsBeforeEachCommand(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	host := fixture("catalog", "host.xml")
	for _, tt := range []struct {
		args []string
		code int
		says string // on stdout or stderr
	}{
		{[]string{"--lang", "ja", "help"}, exitOK, "Usage:"},
		{[]string{"--lang=nl", "--no-cache", "help"}, exitOK, "Usage:"},
		{[]string{"--lang", "ja", "version"}, exitOK, "eventlens "},
		{[]string{"--lang", "ja", "triage", host}, exitOK, "eventlens トリアージ"},
		{[]string{"--lang", "nl", "--strict", "triage", host}, exitOK, "eventlens-triage — 15 gebeurtenissen"},
		{[]string{"--query", "id:32", "--lang", "en", "export", host}, exitOK, `"event_id":32`},
		{[]string{"--format", "csv", "export", host}, exitOK, "event_id"},
		{[]string{"--lang", "ja", "catalog", "list"}, exitOK, "nec.vmsmp-32"},
		{[]string{"--lang", "ja", "serve", host}, exitUsage, "serve: --authorized-keys と --host-key は必須です"},
		{[]string{"--by-vm", "export", host}, exitUsage, "flag provided but not defined: -by-vm"},
		{[]string{"--lang", "ja", "--bogus", "triage", host}, exitUsage, "flag provided but not defined: -bogus"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stdout+stderr, tt.says) {
				t.Errorf("output does not say %q:\n%s\n%s", tt.says, stdout, stderr)
			}
			if strings.Contains(stderr, "no such file") {
				t.Errorf("a command's name read as a file:\n%s", stderr)
			}
		})
	}
}

// TestUnreadableInputsInLanguage: why a file named on the command line is
// not read — no log, no regular file — is said in --lang, in the triage
// summary and in the exit message, as a file passed over in a directory is.
func TestUnreadableInputsInLanguage(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := t.TempDir()
	good := fixture("catalog", "host.xml")
	notLog := filepath.Join(dir, "notes.evtx")
	if err := os.WriteFile(notLog, []byte("hello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.evtx")
	for _, tt := range []struct {
		lang, input string
		summary     string // the triage summary's line for the file
		exit        string // the exit message's
	}{
		{"en", notLog, "could not be read: not an EVTX file, legacy .evt log", "notes.evtx: not an EVTX file, legacy .evt log"},
		{"nl", notLog, "kon niet worden gelezen: geen EVTX-bestand, oud .evt-logboek", "notes.evtx: geen EVTX-bestand, oud .evt-logboek"},
		{"ja", notLog, "読み込めません：EVTX ファイル、旧形式の .evt ログ", "notes.evtx: EVTX ファイル、旧形式の .evt ログ"},
		{"en", "/dev/zero", "could not be read: a character device, not a regular file", "/dev/zero: a character device, not a regular file"},
		{"nl", "/dev/zero", "kon niet worden gelezen: een tekenapparaat (character device), geen gewoon bestand", "/dev/zero: een tekenapparaat"},
		{"ja", "/dev/zero", "読み込めません：キャラクター デバイスであり、通常のファイルではありません", "/dev/zero: キャラクター デバイスであり"},
		{"en", missing, "could not be read: no such file or directory", "missing.evtx: no such file or directory"},
		{"nl", missing, "kon niet worden gelezen: bestand of map bestaat niet", "missing.evtx: bestand of map bestaat niet"},
		{"ja", missing, "読み込めません：そのようなファイルやディレクトリはありません", "missing.evtx: そのようなファイルやディレクトリはありません"},
	} {
		t.Run(tt.lang+" "+filepath.Base(tt.input), func(t *testing.T) {
			if _, err := os.Stat(tt.input); err != nil && tt.input != missing {
				t.Skip(err)
			}
			code, stdout, stderr := runCLI(t, "triage", "--no-cache", "--lang", tt.lang, good, tt.input)
			if code != exitError {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitError, stderr)
			}
			if !strings.Contains(stdout, tt.summary) {
				t.Errorf("summary does not say %q:\n%s", tt.summary, stdout)
			}
			if !strings.Contains(stderr, tt.exit) {
				t.Errorf("exit message does not say %q:\n%s", tt.exit, stderr)
			}
		})
	}
}
