// Package i18n holds the languages eventlens speaks and its UI strings.
package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Lang is a language eventlens can show.
type Lang uint8

// The languages, in the order the UI cycles through them.
const (
	EN Lang = iota
	JA
	NL
)

// Langs lists every language, in cycling order ja → nl → en.
var Langs = []Lang{JA, NL, EN}

// Code returns the ISO 639-1 code.
func (l Lang) Code() string {
	switch l {
	case JA:
		return "ja"
	case NL:
		return "nl"
	}
	return "en"
}

func (l Lang) String() string { return l.Code() }

// Next returns the language after l in the cycle ja → nl → en → ja.
func (l Lang) Next() Lang {
	for i, x := range Langs {
		if x == l {
			return Langs[(i+1)%len(Langs)]
		}
	}
	return EN
}

// Parse accepts "ja", "nl", "en" and POSIX locale names such as "ja_JP.UTF-8"
// or "nl_BE". It reports false for anything else.
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "_.-@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "ja":
		return JA, true
	case "nl":
		return NL, true
	case "en":
		return EN, true
	}
	return EN, false
}

// Detect picks the language: the flag when given, else the first of LC_ALL,
// LC_MESSAGES and LANG that is set (as POSIX does), else English. An
// environment locale in a language we do not speak ("de_DE", "C") means
// English, not the next variable.
func Detect(flag string, getenv func(string) string) Lang {
	if flag != "" {
		if l, ok := Parse(flag); ok {
			return l
		}
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			l, _ := Parse(s)
			return l
		}
	}
	return EN
}

// Text is one string in every language eventlens speaks.
type Text struct {
	EN, JA, NL string
}

// In returns the text in l.
func (t Text) In(l Lang) string {
	switch l {
	case JA:
		return t.JA
	case NL:
		return t.NL
	}
	return t.EN
}

// Complete reports whether the text exists in every language.
func (t Text) Complete() bool {
	return strings.TrimSpace(t.EN) != "" && strings.TrimSpace(t.JA) != "" && strings.TrimSpace(t.NL) != ""
}

// Fill fills the text's fmt verbs (written %[n]s, so that languages may
// order them differently) in every language. An argument is a string, the
// same in every language, or a Text, taken in each language.
func (t Text) Fill(args ...any) Text {
	in := func(l Lang) []any {
		out := make([]any, len(args))
		for i, a := range args {
			if x, ok := a.(Text); ok {
				out[i] = x.In(l)
			} else {
				out[i] = a
			}
		}
		return out
	}
	return Text{
		EN: fmt.Sprintf(t.EN, in(EN)...),
		JA: fmt.Sprintf(t.JA, in(JA)...),
		NL: fmt.Sprintf(t.NL, in(NL)...),
	}
}

// Time writes a moment the way reports and reasons do, in every language:
// UTC, to the second, so that readers in any zone compare like with like.
func Time(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }

// verbRE finds fmt verbs such as %s, %[2]s or %d.
var verbRE = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// Check reports a text missing a language, or whose languages take
// different fmt verbs (as a set: a language may put them in another order,
// but none may drop or add a value). Tests run it over every fixed text.
func (t Text) Check() error {
	if !t.Complete() {
		return fmt.Errorf("missing a language: %+v", t)
	}
	set := func(s string) string {
		vs := verbRE.FindAllString(s, -1)
		slices.Sort(vs)
		return strings.Join(slices.Compact(vs), " ")
	}
	en := set(t.EN)
	for _, l := range []Lang{JA, NL} {
		if got := set(t.In(l)); got != en {
			return fmt.Errorf("%s has verbs %q, English %q", l, got, en)
		}
	}
	return nil
}
