package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMistypedCommand: a first argument that is no file but a command's
// name mistyped is a usage error naming the command meant, in --lang; a
// file of that name, or any other missing file, is still the viewer's.
func TestMistypedCommand(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	host := fixture("catalog", "host.xml")
	if err := os.WriteFile(filepath.Join(dir, "expor"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args []string
		want string // the command suggested, "" when none is
	}{
		{[]string{"triag", host}, "triage"},
		{[]string{"tirage", host}, "triage"},
		{[]string{"Triage", host}, "triage"},
		{[]string{"exprot"}, "export"},
		{[]string{"catalgo", "list"}, "catalog"},
		{[]string{"hepl"}, "help"},
		{[]string{"serv"}, "serve"},
		{[]string{"--lang", "nl", "triag", host}, "triage"},
		{[]string{"--no-cache", "versoin"}, "version"},
		{[]string{"expor"}, ""},              // a file of that name
		{[]string{"--", "triag"}, ""},        // files only after --
		{[]string{"tri", host}, ""},          // too far from any command
		{[]string{"hlp"}, "help"},            // one edit
		{[]string{"hl"}, ""},                 // two edits from a short name
		{[]string{"nosuch.evtx", host}, ""},  // just a missing file
		{[]string{"--lang", "ja", host}, ""}, // a value is no command
	} {
		name := strings.Join(tt.args, " ")
		err := mistyped(tt.args)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v, want the viewer", name, err)
			}
			continue
		}
		ue, ok := err.(usageError)
		if !ok {
			t.Errorf("%s: %v, want a usage error", name, err)
			continue
		}
		word := tt.args[firstWord(tt.args)]
		if got, want := ue.Error(), `unknown command "`+word+`" — did you mean "`+tt.want+`"?`; got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestMistypedCommandExit: the whole program exits 2 and says it in --lang.
func TestMistypedCommandExit(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"triag", "x.evtx"}, `eventlens: unknown command "triag" — did you mean "triage"?`},
		{[]string{"--lang", "ja", "triag", "x.evtx"}, `eventlens: 不明なコマンド "triag" です。"triage" のことですか？`},
		{[]string{"expor", "--lang", "nl"}, `eventlens: onbekende opdracht "expor" — bedoelde u "export"?`},
	} {
		code, _, stderr := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr, exitUsage, tt.want)
		}
	}
}
