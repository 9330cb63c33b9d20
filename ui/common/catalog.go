package common

import (
	"fmt"
	"io"
	"strings"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/store"
	"eventlens/ui/report"
)

// CatalogKnowledge is the knowledge of a real catalog.
type CatalogKnowledge struct{ C *catalog.Classification }

func (k CatalogKnowledge) ClassifyAll(evs model.Events) { k.C.ClassifyAll(evs) }

// Message is the list's text: the catalog's Display, which names the
// language of a logged message that is not in lang.
func (k CatalogKnowledge) Message(ev *model.Event, lang i18n.Lang) string {
	if s := k.C.Catalog().Display(ev, lang); s != "" {
		return s
	}
	return Fallback(ev).Text
}

func (k CatalogKnowledge) Render(ev *model.Event, lang i18n.Lang) model.Rendered {
	if r := k.C.Catalog().Render(ev, lang); r.Text != "" {
		return r
	}
	return Fallback(ev)
}

func (k CatalogKnowledge) Templates(lang i18n.Lang) *query.Templates {
	return k.C.Catalog().Templates(lang)
}

func (k CatalogKnowledge) ClassLabel(c model.Class, lang i18n.Lang) string {
	return catalog.ClassLabel(c, lang)
}

func (k CatalogKnowledge) Markdown(w io.Writer, s *store.Store, rows []int32, lang i18n.Lang) error {
	return report.Write(w, report.AsMarkdown, k.C, s, rows, nil, lang)
}

// explain turns the catalog's explanation of ev into the detail pane's
// sections, in the order a support engineer reads them: what it is, when it
// happens, the verdict and why, what to do, and where that comes from.
func (k CatalogKnowledge) Explain(ev *model.Event, lang i18n.Lang) []Section {
	x := k.C.Explain(ev, lang)
	if x == nil || x.Entry == nil {
		return nil
	}
	e := x.Entry
	t := func(s i18n.Text) string { return s.In(lang) }
	u := &i18n.UI
	secs := []Section{
		{t(u.SecTitle), x.Title},
		{t(u.SecWhen), x.Occurs},
		{t(u.SecExplanation), x.Explanation},
		{t(u.SecVerdict), x.Verdict}, // the class is in the pane's title line
	}
	if len(x.Reasons) > 0 {
		secs = append(secs, Section{t(u.SecReasons), "- " + strings.Join(x.Reasons, "\n- ")})
	}
	remedy := x.Remedy
	if x.FixInstalled {
		at := ""
		if !x.FixInstalledAt.IsZero() {
			at = x.FixInstalledAt.UTC().Format("2006-01-02")
		}
		remedy = fmt.Sprintf(t(u.FixInstalled), at) + "\n" + remedy
	}
	secs = append(secs, Section{t(u.SecRemedy), remedy})

	var applies []string
	switch e.AppliesTo.Role {
	case "host":
		applies = append(applies, t(u.RoleHost))
	case "guest":
		applies = append(applies, t(u.RoleGuest))
	}
	if len(e.AppliesTo.OS) > 0 {
		applies = append(applies, i18n.Names(e.AppliesTo.OS, lang))
	}
	if len(e.AppliesTo.GuestOS) > 0 {
		applies = append(applies, i18n.Field(t(u.GuestOS), i18n.Names(e.AppliesTo.GuestOS, lang), lang))
	}
	secs = append(secs, Section{t(u.SecAppliesTo), i18n.Clauses(applies, lang)})

	secs = append(secs, Section{t(u.SecSource), source(e, lang)})
	if x.Note != "" {
		secs = append(secs, Section{t(u.SecNote), x.Note})
	}
	if len(x.Related) > 0 {
		var rel []string
		for _, r := range x.Related {
			rel = append(rel, r.ID+"  "+r.Title.In(lang))
		}
		secs = append(secs, Section{t(u.SecRelated), strings.Join(rel, "\n")})
	}
	return secs
}

// source says where an entry's knowledge comes from: the document, its
// section, Microsoft's references and how sure the catalog is.
func source(e *catalog.Entry, lang i18n.Lang) string {
	var src []string
	if d := e.Document; d != nil {
		src = append(src, d.Cite(lang))
		if d.URL != "" {
			src = append(src, d.URL)
		}
	}
	if e.Source.Section != "" {
		src = append(src, "§ "+e.Source.Section)
	}
	if len(e.Source.Microsoft) > 0 {
		src = append(src, i18n.Field("Microsoft", i18n.Names(e.Source.Microsoft, lang), lang))
	}
	if e.Confidence != "" {
		src = append(src, i18n.Field(i18n.UI.Confidence.In(lang), i18n.ConfidenceLabel(e.Confidence).In(lang), lang))
	}
	return strings.Join(src, "\n")
}
