package i18n

import "strings"

// Punctuation that differs between the languages. Japanese text uses
// Japanese punctuation throughout — （）, 、 and ・ — never half-width
// "(", "," or ";" beside it, so every face builds its lists and
// parentheses here.
var (
	listSep   = Text{EN: ", ", JA: "、", NL: ", "}
	nameSep   = Text{EN: ", ", JA: "・", NL: ", "}
	clauseSep = Text{EN: "; ", JA: "、", NL: "; "}
)

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
