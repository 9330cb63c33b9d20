package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// entryEvent is "Provider ID", "Provider (error code …)" or the symptom
// label for an entry.
func entryEvent(e *catalog.Entry, lang i18n.Lang) string {
	if e.Match == nil {
		return lblNoEvent.In(lang)
	}
	prov := e.Match.Providers[0].Name
	if id, ok := e.EventID(); ok {
		return fmt.Sprintf("%s %d", prov, id)
	}
	return prov + " " + lblAnyID.Fill(i18n.Names(e.Match.ErrorCodes, lang)).In(lang)
}

// CatalogList writes one line per entry of c: ID, class, event and title in
// lang, grouped by source document. The event column is padded by terminal
// cells, so that it stays aligned in Japanese too.
func CatalogList(w io.Writer, c *catalog.Catalog, lang i18n.Lang) error {
	bw := bufio.NewWriter(w)
	idW, evW := 2, 5
	for _, e := range c.Entries() {
		idW = max(idW, len(e.ID))
		if e.Match != nil {
			evW = max(evW, sanitize.Width(entryEvent(e, lang)))
		}
	}
	evW = min(evW, 48)
	doc := ""
	for i, e := range c.Entries() {
		if e.Document != nil && e.Document.ID != doc {
			if i > 0 {
				fmt.Fprintln(bw) // a blank line between documents, none before the first
			}
			doc = e.Document.ID
			fmt.Fprintf(bw, "# %s — %s\n", doc, e.Document.Title.In(lang))
		}
		ev := "-"
		if e.Match != nil {
			ev = entryEvent(e, lang)
		}
		pad := strings.Repeat(" ", max(0, evW-sanitize.Width(ev)))
		fmt.Fprintf(bw, "%-*s  %-11s  %s%s  %s\n", idW, e.ID, e.BaseClass(), ev, pad, e.Title.In(lang))
	}
	fmt.Fprintf(bw, "\n%s\n", i18n.Entries.In(len(c.Entries()), lang))
	return bw.Flush()
}

// CatalogEntry writes everything c holds about one entry, in lang.
func CatalogEntry(w io.Writer, c *catalog.Catalog, id string, lang i18n.Lang) error {
	e := c.Entry(id)
	if e == nil {
		return errors.New(lblEntryNotFound.Fill(id).In(lang))
	}
	bw := bufio.NewWriter(w)
	ew := entryWriter{bw, lang}
	fmt.Fprintf(bw, "%s — %s\n\n", e.ID, e.Title.In(lang))
	ew.matchFields(e)
	ew.message(e)
	ew.para(lblOccurs, e.Occurs.In(lang))
	ew.para(lblExplanation, e.Explanation.In(lang))
	ew.para(lblVerdict, e.Verdict.In(lang))
	ew.para(lblRemedy, e.Remedy.In(lang))
	if r := e.Registry; r != nil {
		ew.para(lblRegistry, fmt.Sprintf("%s\n%s (%s) = %s\n%s", r.Key, r.Name, r.Type, r.Value, r.Where.In(lang)))
	}
	if fx := e.Fix; fx != nil {
		fix := fx.KB
		if fx.File != "" {
			fix = lblFixFile.Fill(fx.KB, fx.File, fx.FileVersion).In(lang)
		}
		ew.para(lblFix, fix)
		if s := fx.InstalledRemedy.In(lang); s != "" {
			ew.para(lblIfInstalled.Fill(fx.KB), s)
		}
	}
	ew.para(lblNote, e.Note.In(lang))
	if len(e.Related) > 0 {
		var rel []string
		for _, id := range e.Related {
			if r := c.Entry(id); r != nil {
				rel = append(rel, id+" — "+r.Title.In(lang))
			}
		}
		ew.para(lblRelated, strings.Join(rel, "\n"))
	}
	ew.para(lblSource, entrySource(e, lang))
	fmt.Fprintln(bw)
	ew.field(lblConfidence, catalog.ConfidenceLabel(e.Confidence, lang))
	return bw.Flush()
}

// entryWriter writes catalog show's fields and paragraphs, in lang.
type entryWriter struct {
	bw   *bufio.Writer
	lang i18n.Lang
}

// field is one "Label: value" line (i18n.Field), wrapped; nothing when value is empty.
func (w entryWriter) field(label i18n.Text, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	fmt.Fprintf(w.bw, "%s\n", wrap(i18n.Field(label.In(w.lang), value, w.lang), textWidth, "  "))
}

// para is a titled paragraph, each of its lines wrapped and indented;
// nothing when value is empty.
func (w entryWriter) para(label i18n.Text, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	fmt.Fprintf(w.bw, "\n%s\n", i18n.Intro(label.In(w.lang), w.lang))
	for _, line := range strings.Split(strings.TrimSpace(value), "\n") {
		fmt.Fprintf(w.bw, "%s\n", wrap("  "+line, textWidth, "  "))
	}
}

// matchFields says what events the entry is about: class, providers,
// event ID, channel, level and the systems it applies to.
func (w entryWriter) matchFields(e *catalog.Entry) {
	lang := w.lang
	w.field(lblClass, catalog.ClassLabel(e.BaseClass(), lang)+i18n.Paren(e.BaseClass().String(), lang))
	if e.Match != nil {
		var names []string
		for _, p := range e.Match.Providers {
			names = append(names, p.Name)
		}
		w.field(lblProviders, i18n.Names(names, lang))
		if id, ok := e.EventID(); ok {
			w.field(lblEventID, fmt.Sprint(id))
		} else {
			w.field(lblEventID, lblAnyID.Fill(i18n.Names(e.Match.ErrorCodes, lang)).In(lang))
		}
	} else {
		w.field(lblEventID, lblNoEvent.In(lang))
	}
	w.field(lblChannel, e.Channel)
	if e.Level != "" {
		if l, ok := model.ParseLevel(e.Level); ok {
			w.field(lblLevel, catalog.LevelLabel(l, lang))
		}
	}
	role := lblHost.In(lang)
	if e.AppliesTo.Role == "guest" {
		role = lblGuest.In(lang)
	}
	applies := role
	if len(e.AppliesTo.OS) > 0 {
		applies += " — " + i18n.Names(e.AppliesTo.OS, lang)
	}
	if len(e.AppliesTo.GuestOS) > 0 {
		applies = i18n.Clauses([]string{applies, i18n.Field(lblGuests.In(lang), i18n.Names(e.AppliesTo.GuestOS, lang), lang)}, lang)
	}
	w.field(lblAppliesTo, applies)
}

// message is the entry's event message, saying whether it is Windows'
// wording or ours, with its insertion strings.
func (w entryWriter) message(e *catalog.Entry) {
	lang := w.lang
	m := e.Message.In(lang)
	if m == "" {
		return
	}
	wording := lblOurWording.In(lang)
	for _, l := range e.Wording {
		if l == lang.Code() {
			wording = lblWinWording.In(lang)
		}
	}
	w.para(i18n.Text{EN: lblMessage.EN + i18n.Paren(wording, i18n.EN), JA: lblMessage.JA + i18n.Paren(wording, i18n.JA), NL: lblMessage.NL + i18n.Paren(wording, i18n.NL)}, m)
	if len(e.Insertion.Names) > 0 {
		state := lblUnconfirmed.In(lang)
		if e.Insertion.Confirmed {
			state = lblConfirmed.In(lang)
		}
		fmt.Fprintf(w.bw, "\n%s\n", i18n.Intro(lblInsertion.In(lang)+i18n.Paren(state, lang), lang))
		for i, n := range e.Insertion.Names {
			fmt.Fprintf(w.bw, "  %%%d  %s\n", i+1, n.In(lang))
		}
	}
}

// entrySource is where the entry's knowledge comes from: the document, its
// section and Microsoft's references.
func entrySource(e *catalog.Entry, lang i18n.Lang) string {
	src := ""
	if e.Document != nil {
		src = e.Document.Cite(lang)
		if e.Document.URL != "" {
			src += " <" + e.Document.URL + ">"
		}
	}
	src += "\n" + e.Source.Section
	if len(e.Source.Microsoft) > 0 {
		src += "\n" + i18n.Field("Microsoft", i18n.Names(e.Source.Microsoft, lang), lang)
	}
	return src
}
