package exportdialog

import (
	"eventlens/i18n"
	"eventlens/model/export"
)

// Format is a choice in the dialog: the export package's formats (in its
// menu order) plus the catalog's Markdown triage report.
type Format int

// The formats, in menu order.
const (
	CSV Format = iota
	JSONL
	XML
	EVTX
	ECS
	Markdown
	numFormats
)

// file returns the export package's format, false for Markdown.
func (f Format) file() (export.Format, bool) {
	switch f {
	case CSV:
		return export.CSV, true
	case JSONL:
		return export.JSONL, true
	case XML:
		return export.XML, true
	case EVTX:
		return export.EVTX, true
	case ECS:
		return export.ECS, true
	}
	return 0, false
}

// Ext is the format's file name extension.
func (f Format) Ext() string {
	if ef, ok := f.file(); ok {
		return ef.Ext()
	}
	return ".md"
}

func (f Format) label() i18n.Text {
	switch f {
	case JSONL:
		return i18n.UI.FormatJSONL
	case XML:
		return i18n.UI.FormatXML
	case EVTX:
		return i18n.UI.FormatEVTX
	case ECS:
		return i18n.UI.FormatECS
	case Markdown:
		return i18n.UI.FormatMarkdown
	}
	return i18n.UI.FormatCSV
}
