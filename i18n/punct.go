package i18n

import (
	"fmt"
	"regexp"
	"strings"
)

// Punctuation that differs between the languages. Japanese text uses
// Japanese punctuation throughout — （）, 、, ・ and ： — never half-width
// "(", ",", ";" or ":" beside it, so every face builds its lists,
// parentheses and labels here.
var (
	listSep   = Text{EN: ", ", JA: "、", NL: ", "}
	nameSep   = Text{EN: ", ", JA: "・", NL: ", "}
	clauseSep = Text{EN: "; ", JA: "、", NL: "; "}
	colon     = Text{EN: ": ", JA: "：", NL: ": "}
)

// Colon joins a label to its value: ": " in English and Dutch; in
// Japanese the full-width "：", which is two cells wide as ": " is and
// takes no space after it.
func Colon(l Lang) string { return colon.In(l) }

// Field is label joined to value by Colon: "Verdict: …", "判定：…".
func Field(label, value string, l Lang) string { return label + colon.In(l) + value }

// Intro ends a label that introduces the lines after it: "Why:",
// "判断理由：".
func Intro(label string, l Lang) string { return label + strings.TrimRight(colon.In(l), " ") }

// jaChar is a character of Japanese text, full-width punctuation included.
const jaChar = `[\p{Han}\p{Hiragana}\p{Katakana}ー（）「」、。・]`

var (
	// halfColonRE finds a half-width colon written after Japanese text.
	halfColonRE = regexp.MustCompile(jaChar + `[ \t]*:`)
	// halfParenRE finds half-width parentheses beside or around Japanese
	// text.
	halfParenRE = regexp.MustCompile(jaChar + `[ \t]*\(|\)[ \t]*` + jaChar + `|\([^()]*` + jaChar + `[^()]*\)`)
	// halfSepRE finds a half-width list comma or semicolon, wrong in a
	// text with Japanese script in it (japaneseRE).
	halfSepRE = regexp.MustCompile(`[,;] `)
	// halfMarkRE finds a half-width question or exclamation mark after
	// Japanese text.
	halfMarkRE = regexp.MustCompile(jaChar + `[?!]`)
	japaneseRE = regexp.MustCompile(`[\p{Han}\p{Hiragana}\p{Katakana}]`)
)

// CheckJapanese reports Japanese punctuation written half-width where
// Japanese typography wants it full-width: a colon after Japanese text
// ("判定: …" for "判定：…", see Field), parentheses beside or around
// it ("（…）", see Paren) and, in a Japanese sentence, a half-width list
// comma or semicolon ("a、b", see List and Clauses), and "?" or "!" after
// it ("？"). Tests run it over every fixed UI text; the catalog's message
// templates are exempt, as they quote what Windows logs.
func (t Text) CheckJapanese() error {
	if m := halfColonRE.FindString(t.JA); m != "" {
		return fmt.Errorf("ja has a half-width colon after Japanese text (%q): write \"：\" or use i18n.Field", m)
	}
	if m := halfParenRE.FindString(t.JA); m != "" {
		return fmt.Errorf("ja has half-width parentheses by Japanese text (%q): write \"（）\" or use i18n.Paren", m)
	}
	if m := halfMarkRE.FindString(t.JA); m != "" {
		return fmt.Errorf("ja has a half-width mark after Japanese text (%q): write \"？\" or \"！\"", m)
	}
	if m := halfSepRE.FindString(t.JA); m != "" && japaneseRE.MatchString(t.JA) {
		return fmt.Errorf("ja has a half-width %q in a Japanese sentence: write \"、\" or use i18n.List or Clauses", m)
	}
	return nil
}

// Paren puts s in parentheses after what precedes it, as l writes them:
// " (s)" in English and Dutch, "（s）" in Japanese.
func Paren(s string, l Lang) string {
	if l == JA {
		return "（" + s + "）"
	}
	return " (" + s + ")"
}

// List joins the items of an enumeration: "a, b" in English and Dutch,
// "a、b" in Japanese.
func List(items []string, l Lang) string { return strings.Join(items, listSep.In(l)) }

// ListSep is the separator List puts between items, for adding one item
// to a line already written.
func ListSep(l Lang) string { return listSep.In(l) }

// Names joins names inside one item of a list (computers, products,
// versions): "a, b" in English and Dutch, "a・b" in Japanese.
func Names(items []string, l Lang) string { return strings.Join(items, nameSep.In(l)) }

// ListText is List in every language, for filling a Text.
func ListText(items []string) Text {
	return Text{EN: List(items, EN), JA: List(items, JA), NL: List(items, NL)}
}

// Clauses joins the parts of one statement that themselves hold lists:
// "a; b" in English and Dutch, "a、b" in Japanese (where the lists inside
// use ・).
func Clauses(parts []string, l Lang) string { return strings.Join(parts, clauseSep.In(l)) }

// ClauseSep is the separator Clauses puts between parts.
func ClauseSep(l Lang) string { return clauseSep.In(l) }
