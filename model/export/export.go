// Package export writes events as JSON Lines, CSV, Event Viewer XML, .evtx
// or Elastic Common Schema NDJSON, and writes files atomically (see
// WriteFile). It is the one place that knows every export format, so the
// command line and the viewer offer the same ones.
//
// Exports keep the raw values from the log: JSON escapes what it must, CSV
// quotes per RFC 4180 and defuses cells a spreadsheet would run as a formula,
// XML escapes markup and replaces the few characters XML 1.0 cannot carry.
package export

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"eventlens/model"
	"eventlens/model/ecs"
	"eventlens/model/evtxwrite"
)

// Format is an export file format.
type Format int

// Formats.
const (
	JSONL Format = iota // one JSON object per line
	CSV                 // comma-separated, header row, RFC 4180 quoting
	XML                 // Event Viewer "Save as XML" shape
	EVTX                // Windows event log file (MS-EVEN6), see model/evtxwrite
	ECS                 // Elastic Common Schema NDJSON, see model/ecs
)

// Formats lists every format, in menu order.
var Formats = []Format{CSV, JSONL, XML, EVTX, ECS}

// ParseFormat accepts a format name, case-insensitively: "jsonl" (also
// "json", "ndjson"), "csv" or "xml"; a leading dot is allowed, so a file
// extension works.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "jsonl", "json", "ndjson":
		return JSONL, nil
	case "csv":
		return CSV, nil
	case "xml":
		return XML, nil
	case "evtx":
		return EVTX, nil
	case "ecs":
		return ECS, nil
	}
	return 0, fmt.Errorf("export: unknown format %q (want csv, jsonl, xml, evtx or ecs)", s)
}

// String returns the format's name as accepted by ParseFormat.
func (f Format) String() string {
	switch f {
	case JSONL:
		return "jsonl"
	case CSV:
		return "csv"
	case XML:
		return "xml"
	case EVTX:
		return "evtx"
	case ECS:
		return "ecs"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// Ext returns the file name extension for f, with the dot: ".jsonl",
// ".csv", ".xml", ".evtx", or ".ndjson" for ECS.
func (f Format) Ext() string {
	if f == ECS {
		return ".ndjson"
	}
	return "." + f.String()
}

// Options tune an export. The zero value exports the events as loaded.
type Options struct {
	// Message returns the message shown for an event, in the language the
	// user chose, with its origin (written as message_source) and culture
	// (message_culture, RenderingInfo/@Culture). Nil means ev.Message, what
	// the input carried.
	Message func(*model.Event) model.Rendered
}

func (o *Options) message(e *model.Event) model.Rendered {
	if o.Message == nil {
		return Logged(e)
	}
	return o.Message(e)
}

// Logged is the message e's input carried, as a Rendered.
func Logged(e *model.Event) model.Rendered {
	if e.Message == "" {
		return model.Rendered{}
	}
	return model.Rendered{Text: e.Message, Origin: model.OriginLog, Culture: e.MessageCulture}
}

// Write writes events to w in format. It buffers internally and returns the
// first error from w. events may yield one scratch event, reused (see
// store.Timeline); the EVTX format ranges over it twice.
func Write(w io.Writer, format Format, events iter.Seq[*model.Event], opts Options) error {
	switch format {
	case EVTX:
		// Record IDs from several logs repeat; a merged file numbers anew.
		// Rendered messages are not part of a record, so opts.Message is moot.
		return evtxwrite.Write(w, events, evtxwrite.Options{Renumber: fromSeveralFiles(events)})
	case ECS:
		return ecs.Write(w, events, ecs.Options{Message: opts.message, Created: time.Now().UTC()})
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	var err error
	switch format {
	case JSONL:
		err = writeJSONL(bw, events, &opts)
	case CSV:
		err = writeCSV(bw, events, &opts)
	case XML:
		err = writeXML(bw, events, &opts)
	default:
		return fmt.Errorf("export: unknown format %v", format)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}

// fromSeveralFiles reports whether events come from more than one file.
func fromSeveralFiles(events iter.Seq[*model.Event]) bool {
	first, seen := "", false
	for e := range events {
		if !seen {
			first, seen = e.File, true
		} else if e.File != first {
			return true
		}
	}
	return false
}

// DefaultName is the file name the export dialog suggests:
// "eventlens-20110601-120000.csv", from t in its own zone.
func DefaultName(f Format, t time.Time) string {
	return "eventlens-" + t.Format("20060102-150405") + f.Ext()
}
