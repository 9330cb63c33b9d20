package i18n

import (
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"
)

// Noun is a countable thing, said with its number in each language:
// "1 event", "2 events", "1.234 gebeurtenissen", "1,234 件". The plural rules
// and digit grouping are golang.org/x/text's (CLDR), not ours.
type Noun struct {
	key       string
	one, many Text // %[1]s is the number, grouped for the language
}

// The nouns eventlens counts.
var (
	Events = noun("events",
		Text{EN: "%[1]s event", JA: "%[1]s 件", NL: "%[1]s gebeurtenis"},
		Text{EN: "%[1]s events", JA: "%[1]s 件", NL: "%[1]s gebeurtenissen"})
	Files = noun("files",
		Text{EN: "%[1]s file", JA: "%[1]s 個のファイル", NL: "%[1]s bestand"},
		Text{EN: "%[1]s files", JA: "%[1]s 個のファイル", NL: "%[1]s bestanden"})
	Kinds = noun("kinds",
		Text{EN: "%[1]s kind", JA: "%[1]s 種類", NL: "%[1]s soort"},
		Text{EN: "%[1]s kinds", JA: "%[1]s 種類", NL: "%[1]s soorten"})
	Entries = noun("entries",
		Text{EN: "%[1]s entry", JA: "%[1]s 項目", NL: "%[1]s item"},
		Text{EN: "%[1]s entries", JA: "%[1]s 項目", NL: "%[1]s items"})
	Problems = noun("problems",
		Text{EN: "%[1]s problem", JA: "問題 %[1]s 件", NL: "%[1]s probleem"},
		Text{EN: "%[1]s problems", JA: "問題 %[1]s 件", NL: "%[1]s problemen"})
	Records = noun("records",
		Text{EN: "%[1]s record", JA: "%[1]s 件のレコード", NL: "%[1]s record"},
		Text{EN: "%[1]s records", JA: "%[1]s 件のレコード", NL: "%[1]s records"})
	Errors = noun("errors",
		Text{EN: "%[1]s error", JA: "エラー %[1]s 件", NL: "%[1]s fout"},
		Text{EN: "%[1]s errors", JA: "エラー %[1]s 件", NL: "%[1]s fouten"})
)

var (
	nouns   []Noun
	builder = catalog.NewBuilder(catalog.Fallback(language.English))
	// tags are the x/text languages of ours.
	tags     = map[Lang]language.Tag{EN: language.English, JA: language.Japanese, NL: language.Dutch}
	printers = map[Lang]*message.Printer{}
)

func init() {
	for l, tag := range tags {
		printers[l] = message.NewPrinter(tag, message.Catalog(builder))
	}
}

// NewNoun adds a countable noun: one and many say it with the number as
// %[1]s. Packages declare theirs as package variables (the catalog of
// messages is safe for concurrent use).
func NewNoun(key string, one, many Text) Noun { return noun(key, one, many) }

func noun(key string, one, many Text) Noun {
	n := Noun{key: "noun." + key, one: one, many: many}
	for l, tag := range tags {
		// The message takes the count (for the plural form) and the
		// grouped number (for the text). Japanese has no singular, and
		// plural would refuse "one" for it.
		var msg catalog.Message = catalog.String(fillNumber(many.In(l)))
		if l != JA {
			msg = plural.Selectf(1, "", "one", fillNumber(one.In(l)), "other", fillNumber(many.In(l)))
		}
		if err := builder.Set(tag, n.key, msg); err != nil {
			panic(err)
		}
	}
	nouns = append(nouns, n)
	return n
}

// fillNumber turns our %[1]s (the number) into the message's %[2]s, as the
// count itself is the first argument.
func fillNumber(s string) string { return strings.ReplaceAll(s, "%[1]s", "%[2]s") }

// In says n of the noun in lang, with the plural form and digit grouping
// the language asks for.
func (n Noun) In(count int, lang Lang) string {
	p := printer(lang)
	return p.Sprintf(n.key, count, p.Sprintf("%d", count))
}

// Int writes n with the language's digit grouping: 1,234 (en, ja) or
// 1.234 (nl).
func Int(n int, lang Lang) string { return printer(lang).Sprintf("%d", n) }

func printer(l Lang) *message.Printer {
	if p, ok := printers[l]; ok {
		return p
	}
	return printers[EN]
}

// nounTexts lists the nouns' texts, for the completeness test.
func nounTexts() map[string]Text {
	m := map[string]Text{}
	for _, n := range nouns {
		m[n.key+".one"], m[n.key+".many"] = n.one, n.many
	}
	return m
}
