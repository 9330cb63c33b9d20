package ui

import (
	"errors"
	"io"
	"strings"

	"eventlens/i18n"
	"eventlens/model"
)

// section is one titled block of catalog text in the detail pane.
type section struct {
	Title string
	Body  string
}

// knowledge is what the UI needs from the catalog. Keeping it behind an
// interface lets the UI run (and be tested) without a catalog.
type knowledge interface {
	classify(evs []*model.Event)
	classifyAll(evs model.Events)
	message(ev *model.Event, lang i18n.Lang) string
	explain(ev *model.Event, lang i18n.Lang) []section
	classLabel(c model.Class, lang i18n.Lang) string
	markdown(w io.Writer, evs []*model.Event, lang i18n.Lang) error
}

// noCatalog is the knowledge of a UI started without a catalog.
type noCatalog struct{}

func (noCatalog) classify([]*model.Event) {}

func (noCatalog) classifyAll(model.Events) {}

func (noCatalog) message(ev *model.Event, _ i18n.Lang) string { return fallbackMessage(ev) }

func (noCatalog) explain(*model.Event, i18n.Lang) []section { return nil }

func (noCatalog) classLabel(c model.Class, lang i18n.Lang) string { return classText(c).In(lang) }

func (noCatalog) markdown(io.Writer, []*model.Event, i18n.Lang) error {
	return errors.New("no catalog loaded")
}

// classText is the UI's own name for a class, used when there is no catalog.
func classText(c model.Class) i18n.Text {
	switch c {
	case model.ClassHarmless:
		return i18n.UI.ClassHarmless
	case model.ClassUpdate:
		return i18n.UI.ClassUpdate
	case model.ClassConditional:
		return i18n.UI.ClassConditional
	case model.ClassAttention:
		return i18n.UI.ClassAttention
	case model.ClassKnownIssue:
		return i18n.UI.ClassKnownIssue
	}
	return i18n.UI.ClassUnknown
}

// fallbackMessage is the message the log itself carried, or else its data
// as name=value pairs, so that an event never shows an empty summary.
func fallbackMessage(ev *model.Event) string {
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
