package common

import (
	"errors"
	"io"
	"strings"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/store"
)

// Section is one titled block of catalog text in the detail pane.
type Section struct {
	Title string
	Body  string
}

// Knowledge is what the UI needs from the catalog. Keeping it behind an
// interface lets the UI run (and be tested) without a catalog.
type Knowledge interface {
	ClassifyAll(evs model.Events)
	Message(ev *model.Event, lang i18n.Lang) string
	// Render is Message with where it came from and its culture.
	Render(ev *model.Event, lang i18n.Lang) model.Rendered
	Explain(ev *model.Event, lang i18n.Lang) []Section
	ClassLabel(c model.Class, lang i18n.Lang) string
	// Markdown writes the triage report of rows (store slots in timeline
	// order), the same as the triage command's, streamed from the store.
	Markdown(w io.Writer, s *store.Store, rows []int32, lang i18n.Lang) error
	// Templates gives a word search the text that messages shown in lang
	// take from templates (query.WithTemplates); nil when there are none.
	Templates(lang i18n.Lang) *query.Templates
}

// NoCatalog is the knowledge of a UI started without a catalog.
type NoCatalog struct{}

func (NoCatalog) ClassifyAll(model.Events) {}

func (NoCatalog) Message(ev *model.Event, _ i18n.Lang) string { return FallbackMessage(ev) }

func (NoCatalog) Render(ev *model.Event, _ i18n.Lang) model.Rendered { return Fallback(ev) }

func (NoCatalog) Explain(*model.Event, i18n.Lang) []Section { return nil }

func (NoCatalog) ClassLabel(c model.Class, lang i18n.Lang) string { return ClassText(c).In(lang) }

func (NoCatalog) Templates(i18n.Lang) *query.Templates { return nil }

func (NoCatalog) Markdown(io.Writer, *store.Store, []int32, i18n.Lang) error {
	return errors.New("no catalog loaded")
}

// ClassText is a class's short name, for the list's column and when there
// is no catalog.
func ClassText(c model.Class) i18n.Text { return i18n.ClassLabel(c.String()).Short }

// Fallback is FallbackMessage with its origin.
func Fallback(ev *model.Event) model.Rendered {
	if ev.Message != "" {
		return model.Rendered{Text: ev.Message, Origin: model.OriginLog, Culture: ev.MessageCulture}
	}
	return model.Rendered{Text: FallbackMessage(ev), Origin: model.OriginData}
}

// FallbackMessage is the message the log itself carried, or else its data
// as name=value pairs, so that an event never shows an empty summary.
func FallbackMessage(ev *model.Event) string {
	if ev.Message != "" {
		return ev.Message
	}
	if !ev.Decoded && ev.DecodeError != "" {
		return ev.DecodeError
	}
	var b strings.Builder
	for _, list := range [][]model.Data{ev.Data, ev.UserData} {
		for _, d := range list {
			if d.Value == "" {
				continue
			}
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			if d.Name != "" {
				b.WriteString(d.Name)
				b.WriteByte('=')
			}
			b.WriteString(d.Value)
			if b.Len() > 512 {
				return b.String()
			}
		}
	}
	return b.String()
}
