package catalog

import (
	"strconv"
	"strings"

	"eventlens/i18n"
	"eventlens/model"
)

// Message returns ev's message in lang, for display or export. It prefers,
// in order: the message the input carried when it is in lang; the entry's
// template filled with the event's insertion strings (when the order of the
// insertion strings is unconfirmed, only if the input carried no message, and
// marked so); the message the input carried in another language; a plain
// "Provider EventID: data, …" line. The result is text from the log:
// sanitise it before display.
func (c *Catalog) Message(ev *model.Event, lang i18n.Lang) string {
	if ev == nil {
		return ""
	}
	if !ev.Decoded && ev.Provider == "" {
		return ev.DecodeError
	}
	if ev.Message != "" {
		if l, ok := i18n.Parse(ev.MessageCulture); ok && l == lang {
			return ev.Message
		}
	}
	if e := c.entryFor(ev); e != nil && e.Message.In(lang) != "" {
		if e.Insertion.Confirmed || ev.Message == "" {
			if s, ok := render(e.Message.In(lang), ev.Data); ok {
				if !e.Insertion.Confirmed && maxInsertion(e.Message.In(lang)) > 0 {
					s += " " + noteOrderUnconfirmed.In(lang)
				}
				return s
			}
		}
	}
	if ev.Message != "" {
		return ev.Message
	}
	return plainLine(ev)
}

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
		b.WriteString(data[n-1].Value)
		i = j - 1
	}
	return b.String(), true
}

// maxInsertion returns the highest %n a template uses.
func maxInsertion(tmpl string) int {
	max := 0
	for i := 0; i+1 < len(tmpl); i++ {
		if tmpl[i] != '%' {
			continue
		}
		if tmpl[i+1] == '%' {
			i++
			continue
		}
		j := i + 1
		for j < len(tmpl) && j < i+3 && isDigit(tmpl[j]) {
			j++
		}
		if n, err := strconv.Atoi(tmpl[i+1 : j]); err == nil && n > max {
			max = n
		}
	}
	return max
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
