package main

import (
	"errors"
	"strings"
	"testing"
)

// TestUsageErrorsInLanguage: a usage error is said in the language of
// --lang, wherever it stands on the command line, else of the
// environment; Go's flag text stays, inside our sentence.
func TestUsageErrorsInLanguage(t *testing.T) {
	host := fixture("catalog", "host.xml")
	for _, tt := range []struct {
		name string
		env  string // LANG
		args []string
		want []string
	}{
		{"flag, ja", "", []string{"--lang", "ja", "triage", "-x", host},
			[]string{"eventlens: コマンドラインが正しくありません：flag provided but not defined: -x", "使い方は 'eventlens help' で表示できます。"}},
		{"flag after the bad one, nl", "", []string{"triage", "-x", "--lang=nl", host},
			[]string{"ongeldige opdrachtregel: flag provided but not defined: -x", "Voer 'eventlens help' uit"}},
		{"flag, en", "", []string{"triage", "-x", "--lang", "en", host},
			[]string{"eventlens: flag provided but not defined: -x\nRun 'eventlens help' for usage."}},
		{"environment, nl", "nl_NL.UTF-8", []string{"--bogus"},
			[]string{"ongeldige opdrachtregel: flag provided but not defined: -bogus"}},
		{"--lang over the environment", "nl_NL.UTF-8", []string{"--lang", "en", "--bogus"},
			[]string{"eventlens: flag provided but not defined: -bogus"}},
		{"unknown language, environment ja", "ja_JP.UTF-8", []string{"--lang", "fr", "triage", host},
			[]string{`不明な言語 "fr" です`}},
		{"help, unknown flag after it", "", []string{"help", "--bogus"}, []string{"eventlens: flag provided but not defined: -bogus"}},
		{"help, unknown flag before it, nl", "", []string{"--bogus", "help", "--lang", "nl"}, []string{"ongeldige opdrachtregel: flag provided but not defined: -bogus"}},
		{"--help, unknown flag, ja", "", []string{"--help", "-x", "--lang", "ja"}, []string{"コマンドラインが正しくありません：flag provided but not defined: -x"}},
		{"version, unknown flag", "", []string{"version", "-x"}, []string{"flag provided but not defined: -x"}},
		{"help, unknown language", "", []string{"--lang", "fr", "help"}, []string{`unknown language "fr"`}},
		{"no inputs, ja", "", []string{"export", "--lang", "ja"}, []string{"export: 入力ファイルがありません"}},
		{"catalog, nl", "", []string{"catalog", "--lang", "nl", "frob"}, []string{`catalog: onbekende opdracht "frob" (kies list, show of check)`}},
		{"serve, ja", "", []string{"serve", "--lang", "ja", host}, []string{"serve: --authorized-keys と --host-key は必須です"}},
		{"format, nl", "", []string{"export", "--lang", "nl", "--format", "pdf", host}, []string{`export: ongeldige --format: unknown format "pdf"`}},
		{"query, ja", "", []string{"triage", "--lang", "ja", "--query", "id:abc", host}, []string{"triage: --query: 4 文字目", "イベント ID"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []string{"LC_ALL", "LC_MESSAGES"} {
				t.Setenv(v, "")
			}
			t.Setenv("LANG", tt.env)
			code, _, stderr := runCLI(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			for _, want := range tt.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
		})
	}
}

// TestUsageTexts: every usage text exists in every language, with the same
// values, in Japanese punctuation.
func TestUsageTexts(t *testing.T) {
	for _, x := range usageTexts {
		if err := errors.Join(x.Check(), x.CheckJapanese()); err != nil {
			t.Errorf("%q: %v", x.EN, err)
		}
	}
}
