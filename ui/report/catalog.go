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
// lang, grouped by source document.
func CatalogList(w io.Writer, c *catalog.Catalog, lang i18n.Lang) error {
	bw := bufio.NewWriter(w)
	idW, evW := 2, 5
	for _, e := range c.Entries() {
		idW = max(idW, len(e.ID))
		if e.Match != nil {
			evW = max(evW, len(entryEvent(e, i18n.EN)))
		}
	}
	evW = min(evW, 48)
	doc := ""
	for _, e := range c.Entries() {
		if e.Document != nil && e.Document.ID != doc {
			doc = e.Document.ID
			fmt.Fprintf(bw, "\n# %s — %s\n", doc, e.Document.Title.In(lang))
		}
		ev := "-"
		if e.Match != nil {
			ev = entryEvent(e, i18n.EN)
		}
		fmt.Fprintf(bw, "%-*s  %-11s  %-*s  %s\n", idW, e.ID, e.BaseClass(), evW, ev, e.Title.In(lang))
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
	field := func(label i18n.Text, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		fmt.Fprintf(bw, "%s\n", wrap(label.In(lang)+": "+value, textWidth, "  "))
	}
	para := func(label i18n.Text, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		fmt.Fprintf(bw, "\n%s:\n", label.In(lang))
		for _, line := range strings.Split(strings.TrimSpace(value), "\n") {
			fmt.Fprintf(bw, "%s\n", wrap("  "+line, textWidth, "  "))
		}
	}
	fmt.Fprintf(bw, "%s — %s\n\n", e.ID, e.Title.In(lang))
	field(lblClass, catalog.ClassLabel(e.BaseClass(), lang)+i18n.Paren(e.BaseClass().String(), lang))
	if e.Match != nil {
		var names []string
		for _, p := range e.Match.Providers {
			names = append(names, p.Name)
		}
		field(lblProviders, i18n.Names(names, lang))
		if id, ok := e.EventID(); ok {
			field(lblEventID, fmt.Sprint(id))
		} else {
			field(lblEventID, lblAnyID.Fill(i18n.Names(e.Match.ErrorCodes, lang)).In(lang))
		}
	} else {
		field(lblEventID, lblNoEvent.In(lang))
	}
	field(lblChannel, e.Channel)
	if e.Level != "" {
		if l, ok := model.ParseLevel(e.Level); ok {
			field(lblLevel, catalog.LevelLabel(l, lang))
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
		applies = i18n.Clauses([]string{applies, lblGuests.In(lang) + ": " + i18n.Names(e.AppliesTo.GuestOS, lang)}, lang)
	}
	field(lblAppliesTo, applies)
	if m := e.Message.In(lang); m != "" {
		wording := lblOurWording.In(lang)
		for _, l := range e.Wording {
			if l == lang.Code() {
				wording = lblWinWording.In(lang)
			}
		}
		para(i18n.Text{EN: lblMessage.EN + i18n.Paren(wording, i18n.EN), JA: lblMessage.JA + i18n.Paren(wording, i18n.JA), NL: lblMessage.NL + i18n.Paren(wording, i18n.NL)}, m)
		if len(e.Insertion.Names) > 0 {
			state := lblUnconfirmed.In(lang)
			if e.Insertion.Confirmed {
				state = lblConfirmed.In(lang)
			}
			fmt.Fprintf(bw, "\n%s%s:\n", lblInsertion.In(lang), i18n.Paren(state, lang))
			for i, n := range e.Insertion.Names {
				fmt.Fprintf(bw, "  %%%d  %s\n", i+1, n.In(lang))
			}
		}
	}
	para(lblOccurs, e.Occurs.In(lang))
	para(lblExplanation, e.Explanation.In(lang))
	para(lblVerdict, e.Verdict.In(lang))
	para(lblRemedy, e.Remedy.In(lang))
	if r := e.Registry; r != nil {
		para(lblRegistry, fmt.Sprintf("%s\n%s (%s) = %s\n%s", r.Key, r.Name, r.Type, r.Value, r.Where.In(lang)))
	}
	if fx := e.Fix; fx != nil {
		fix := fx.KB
		if fx.File != "" {
			fix = lblFixFile.Fill(fx.KB, fx.File, fx.FileVersion).In(lang)
		}
		para(lblFix, fix)
		if s := fx.InstalledRemedy.In(lang); s != "" {
			para(lblIfInstalled.Fill(fx.KB), s)
		}
	}
	para(lblNote, e.Note.In(lang))
	if len(e.Related) > 0 {
		var rel []string
		for _, id := range e.Related {
			if r := c.Entry(id); r != nil {
				rel = append(rel, id+" — "+r.Title.In(lang))
			}
		}
		para(lblRelated, strings.Join(rel, "\n"))
	}
	src := ""
	if e.Document != nil {
		src = e.Document.Cite(lang)
		if e.Document.URL != "" {
			src += " <" + e.Document.URL + ">"
		}
	}
	src += "\n" + e.Source.Section
	if len(e.Source.Microsoft) > 0 {
		src += "\nMicrosoft: " + i18n.Names(e.Source.Microsoft, lang)
	}
	para(lblSource, src)
	fmt.Fprintln(bw)
	field(lblConfidence, catalog.ConfidenceLabel(e.Confidence, lang))
	return bw.Flush()
}
