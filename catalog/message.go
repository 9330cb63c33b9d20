package catalog

import (
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"iter"
	"strconv"
	"strings"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/store"
)

// MessageDB renders an event's message from message databases; see
// model/msgdb.
type MessageDB interface {
	Render(ev *model.Event) (text, culture string, ok bool)
}

// WithMessages returns a catalog that is c with db as the message source
// after its own templates. c itself is unchanged (Builtin is shared).
func (c *Catalog) WithMessages(db MessageDB) *Catalog {
	cp := *c
	cp.msgs = db
	return &cp
}

// Message returns the text of Render.
func (c *Catalog) Message(ev *model.Event, lang i18n.Lang) string {
	return c.Render(ev, lang).Text
}

// Display is Message for a person reading in lang: when the text is the
// log's own message in another language (our template's insertion order is
// not confirmed, so it is not used), it starts with that language's name,
// e.g. "［英語］", so that rows in two languages do not pass for one.
func (c *Catalog) Display(ev *model.Event, lang i18n.Lang) string {
	r := c.Render(ev, lang)
	if r.Origin != model.OriginLog || r.Text == "" {
		return r.Text
	}
	if mark := otherLanguage(r.Text, r.Culture, lang); mark != "" {
		return mark + " " + r.Text
	}
	return r.Text
}

// otherLanguage returns the mark for a logged message in culture shown to a
// reader of lang, or "" when it is in lang (or is most likely: a message of
// unknown culture is taken as English for English readers and as Japanese
// for Japanese readers when it has Japanese characters).
func otherLanguage(text, culture string, lang i18n.Lang) string {
	if culture != "" {
		if l, ok := i18n.Parse(culture); ok && l == lang {
			return ""
		}
		if tag, err := language.Parse(culture); err == nil {
			if base, conf := tag.Base(); conf != language.No {
				if name := display.Languages(langTags[lang]).Name(base); name != "" {
					return markLanguage.Fill(name).In(lang)
				}
			}
		}
	}
	switch lang {
	case i18n.EN:
		return ""
	case i18n.JA:
		for _, r := range text {
			if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) {
				return ""
			}
		}
	}
	return markAsLogged.In(lang)
}

var langTags = map[i18n.Lang]language.Tag{i18n.JA: language.Japanese, i18n.NL: language.Dutch, i18n.EN: language.English}

// Render returns ev's message in lang, for display or export, with where it
// came from and its culture when known. It prefers, in order: the message
// the input carried when it is in lang; the entry's template filled with the
// event's insertion strings (when the order of the insertion strings is
// unconfirmed, only if the input carried no message, and marked so); the
// message the input carried in another language; the message databases'
// template (WithMessages); a plain "Provider EventID: data, …" line. This
// is the one place that order is decided. The text is from the log:
// sanitise it before display.
func (c *Catalog) Render(ev *model.Event, lang i18n.Lang) model.Rendered {
	if ev == nil {
		return model.Rendered{}
	}
	if !ev.Decoded && ev.Provider == "" {
		return model.Rendered{Text: ev.DecodeError, Origin: model.OriginData}
	}
	logged := model.Rendered{Text: ev.Message, Origin: model.OriginLog, Culture: ev.MessageCulture}
	if ev.Message != "" {
		if l, ok := i18n.Parse(ev.MessageCulture); ok && l == lang {
			return logged
		}
	}
	if e := c.entryFor(ev); e != nil && e.Message.In(lang) != "" {
		if e.Insertion.Confirmed || ev.Message == "" {
			if s, ok := render(e.Message.In(lang), ev.Data); ok {
				if !e.Insertion.Confirmed && maxInsertion(e.Message.In(lang)) > 0 {
					s += " " + noteOrderUnconfirmed.In(lang)
				}
				return model.Rendered{Text: s, Origin: model.OriginCatalog, Culture: cultures[lang]}
			}
		}
	}
	if ev.Message != "" {
		return logged
	}
	if c.msgs != nil {
		if s, culture, ok := c.msgs.Render(ev); ok {
			return model.Rendered{Text: s, Origin: model.OriginDatabase, Culture: culture}
		}
	}
	return model.Rendered{Text: plainLine(ev), Origin: model.OriginData}
}

// Templates returns what a word search needs to find the words of the
// messages Render shows in lang that are not the event's own (see
// query.Templates): the static text of each entry's template in lang and,
// with message databases (WithMessages) that can say it, of theirs. It
// follows Render's order where a search can at no cost per event: an
// entry's template before a database's, a database's only for events
// without a message of their own.
func (c *Catalog) Templates(lang i18n.Lang) *query.Templates {
	t := &query.Templates{Catalog: map[string]string{}}
	for _, e := range c.entries {
		tmpl := e.Message.In(lang)
		if tmpl == "" {
			continue
		}
		var lits []string
		for lit, n := range parts(tmpl) {
			if n == 0 {
				lits = append(lits, lit)
			}
		}
		if !e.Insertion.Confirmed && maxInsertion(tmpl) > 0 {
			lits = append(lits, noteOrderUnconfirmed.In(lang))
		}
		t.Catalog[e.ID] = strings.Join(lits, store.Sep)
	}
	if db, ok := c.msgs.(interface {
		Static(ev *model.Event) (string, bool)
	}); ok {
		t.Database = func(ev *model.Event) string {
			s, _ := db.Static(ev)
			return s
		}
	}
	return t
}

// cultures names the culture of the catalog's text in each language, as
// Windows names a rendered message's (RenderingInfo/@Culture).
var cultures = map[i18n.Lang]string{i18n.JA: "ja-JP", i18n.NL: "nl-NL", i18n.EN: "en-US"}

// entryFor returns the entry ev was classified as, or matches it now.
func (c *Catalog) entryFor(ev *model.Event) *Entry {
	if ev.CatalogID != "" {
		if e := c.byID[ev.CatalogID]; e != nil {
			return e
		}
	}
	return c.Match(ev)
}

// render fills %1…%99 in tmpl from data ("%%" is a literal "%"). It fails
// when the template names an insertion string the event does not have.
func render(tmpl string, data []model.Data) (string, bool) {
	if maxInsertion(tmpl) > len(data) {
		return "", false
	}
	var b strings.Builder
	for lit, n := range parts(tmpl) {
		if n == 0 {
			b.WriteString(lit)
		} else {
			b.WriteString(data[n-1].Value)
		}
	}
	return b.String(), true
}

// parts splits a message template into its literal texts ("%%" read as
// "%") and its insertion strings: each step yields a text (n == 0) or an
// insertion string's number n ≥ 1.
func parts(tmpl string) iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		var b strings.Builder
		flush := func() bool {
			if b.Len() == 0 {
				return true
			}
			lit := b.String()
			b.Reset()
			return yield(lit, 0)
		}
		for i := 0; i < len(tmpl); i++ {
			ch := tmpl[i]
			if ch != '%' || i+1 >= len(tmpl) {
				b.WriteByte(ch)
				continue
			}
			if tmpl[i+1] == '%' {
				b.WriteByte('%')
				i++
				continue
			}
			j := i + 1
			for j < len(tmpl) && j < i+3 && isDigit(tmpl[j]) {
				j++
			}
			n, err := strconv.Atoi(tmpl[i+1 : j])
			if err != nil || n == 0 {
				b.WriteByte(ch)
				continue
			}
			if !flush() || !yield("", n) {
				return
			}
			i = j - 1
		}
		flush()
	}
}

// maxInsertion returns the highest %n a template uses.
func maxInsertion(tmpl string) int {
	most := 0
	for _, n := range parts(tmpl) {
		most = max(most, n)
	}
	return most
}

// plainLine is the message of last resort: provider, event ID and the data.
func plainLine(ev *model.Event) string {
	var b strings.Builder
	b.WriteString(ev.Provider)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(int(ev.EventID)))
	sep := ": "
	for _, list := range [][]model.Data{ev.Data, ev.UserData} {
		for _, d := range list {
			b.WriteString(sep)
			sep = ", "
			if d.Name != "" {
				// UserData leaves are named by their path; the leaf says enough.
				b.WriteString(d.Name[strings.LastIndexByte(d.Name, '/')+1:])
				b.WriteByte('=')
			}
			b.WriteString(d.Value)
			if b.Len() > 1000 {
				b.WriteString(" …")
				return b.String()
			}
		}
	}
	return b.String()
}
