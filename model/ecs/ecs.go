// Package ecs writes events as NDJSON documents in the Elastic Common Schema
// (ECS), with the Windows fields under winlog.* named and shaped as Winlogbeat
// writes them, so that classified events can be bulk-loaded into
// Elasticsearch or OpenSearch next to data shipped by Winlogbeat, and found
// with the same queries and dashboards.
//
// One document per event, one per line, UTF-8. Fields:
//
//	@timestamp              Event.Time, UTC, RFC 3339 with full precision
//	message                 Options.Message(e), else Event.Message; CR LF as LF
//	ecs.version             Version
//	event.kind              "event"
//	event.code              event ID as a string ("7036")
//	event.provider          provider name
//	event.created           Options.Created, when set
//	event.outcome           "success"/"failure" for Audit Success/Failure keywords
//	log.level               "critical", "error", "warning", "information", "verbose"
//	log.file.path           Event.File (as Winlogbeat does for .evtx files)
//	host.name               computer name
//	error.message           DecodeError of an event that could not be decoded;
//	                        such events have no event.code, event_id or log.level
//	winlog.channel, .event_id, .provider_name, .provider_guid, .record_id,
//	winlog.computer_name, .user.identifier, .process.pid, .process.thread.id,
//	winlog.version, .opcode, .task, .keywords
//	winlog.event_data       EventData as an object name → value; unnamed items
//	                        as param1, param2, … by position, Binary as "Binary"
//	winlog.user_data        UserData leaves below its root element, with the
//	                        root's name in xml_name
//	eventlens.class, .catalog_id, .decoded, .file, .message_source (log,
//	                        catalog, database or data: see model.MessageOrigin)
//
// Where Winlogbeat has names for numbers (opcode, task, keywords), the
// standard names of winmeta.xml are written for the standard values, the
// task category text when the input carried it (Event Viewer CSV/TXT
// exports), and the number as a string otherwise. Winlogbeat's conventions
// kept: zero numbers and empty strings are left out, empty EventData values
// are dropped, and of two items with the same name the first wins. One
// deliberate difference: dots in EventData names become underscores, since
// Elasticsearch would read "a.b" as an object path and reject a document in
// which "a" is also a value.
//
// Times from Event Viewer CSV/TXT exports carry no zone: the loader reads
// them in the zone it is given (--tz, by default the local zone; see
// model.LoadOptions.Location) and they are written as the UTC instants that
// gives.
package ecs

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"eventlens/model"
	"eventlens/model/sanitize"
)

// Version is the ECS version the documents declare in ecs.version. The
// fields written are defined identically in ECS 8.x and 9.x.
const Version = "9.4.0"

// Options tunes the documents. The zero value writes plain documents.
type Options struct {
	// Message returns the message field and where it came from
	// (eventlens.message_source). Nil means Event.Message.
	Message func(*model.Event) model.Rendered
	// Created, when not zero, is written as event.created: when eventlens
	// read the events.
	Created time.Time
	// BulkAction, when "index" or "create", puts an Elasticsearch bulk action
	// line ({"create":{}}) before each document, so that the output can be
	// posted to /<index>/_bulk as it is. Data streams need "create".
	BulkAction string
}

// Write writes one document per event to w. events may yield one scratch
// event, reused (see store.Timeline).
func Write(w io.Writer, events iter.Seq[*model.Event], opts Options) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc, err := NewEncoder(bw, opts)
	if err != nil {
		return err
	}
	for e := range events {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Encoder writes documents one event at a time, for callers that stream.
// Each document reaches the underlying writer in a single Write call.
type Encoder struct {
	w      io.Writer
	opts   Options
	action []byte
	buf    bytes.Buffer
	out    []byte // buf, escaped
	json   *json.Encoder
}

// NewEncoder returns an encoder writing to w. It fails only for an unknown
// Options.BulkAction.
func NewEncoder(w io.Writer, opts Options) (*Encoder, error) {
	e := &Encoder{w: w, opts: opts}
	switch opts.BulkAction {
	case "":
	case "index", "create":
		e.action = []byte(`{"` + opts.BulkAction + `":{}}` + "\n")
	default:
		return nil, fmt.Errorf("ecs: unknown bulk action %q (want index or create)", opts.BulkAction)
	}
	e.json = json.NewEncoder(&e.buf)
	e.json.SetEscapeHTML(false)
	return e, nil
}

// Encode writes the document for ev.
func (enc *Encoder) Encode(ev *model.Event) error {
	enc.buf.Reset()
	enc.buf.Write(enc.action)
	if err := enc.json.Encode(enc.document(ev)); err != nil {
		return fmt.Errorf("ecs: %s record %d: %w", ev.File, ev.RecordID, err)
	}
	// Controls, bidi controls and line separators are escaped as \uXXXX:
	// still the same JSON, but a file printed to a terminal cannot drive it.
	enc.out = sanitize.AppendJSON(enc.out[:0], enc.buf.Bytes())
	_, err := enc.w.Write(enc.out)
	return err
}

type document struct {
	Timestamp string         `json:"@timestamp"`
	Message   string         `json:"message,omitempty"`
	ECS       ecsField       `json:"ecs"`
	Event     eventField     `json:"event"`
	Log       *logField      `json:"log,omitempty"`
	Host      *hostField     `json:"host,omitempty"`
	Error     *errorField    `json:"error,omitempty"`
	Winlog    winlogField    `json:"winlog"`
	Eventlens eventlensField `json:"eventlens"`
}

type ecsField struct {
	Version string `json:"version"`
}

type eventField struct {
	Kind     string `json:"kind"`
	Code     string `json:"code,omitempty"`
	Provider string `json:"provider,omitempty"`
	Created  string `json:"created,omitempty"`
	Outcome  string `json:"outcome,omitempty"`
}

type logField struct {
	Level string     `json:"level,omitempty"`
	File  *fileField `json:"file,omitempty"`
}

type fileField struct {
	Path string `json:"path"`
}

type hostField struct {
	Name string `json:"name"`
}

type errorField struct {
	Message string `json:"message"`
}

type winlogField struct {
	Channel      string        `json:"channel,omitempty"`
	EventID      string        `json:"event_id,omitempty"`
	ProviderName string        `json:"provider_name,omitempty"`
	ProviderGUID string        `json:"provider_guid,omitempty"`
	RecordID     string        `json:"record_id"`
	ComputerName string        `json:"computer_name,omitempty"`
	EventData    pairs         `json:"event_data,omitempty"`
	UserData     pairs         `json:"user_data,omitempty"`
	User         *userField    `json:"user,omitempty"`
	Process      *processField `json:"process,omitempty"`
	Version      uint8         `json:"version,omitempty"`
	Opcode       string        `json:"opcode,omitempty"`
	Task         string        `json:"task,omitempty"`
	Keywords     []string      `json:"keywords,omitempty"`
}

type userField struct {
	Identifier string `json:"identifier"`
}

type processField struct {
	PID    uint32       `json:"pid,omitempty"`
	Thread *threadField `json:"thread,omitempty"`
}

type threadField struct {
	ID uint32 `json:"id"`
}

type eventlensField struct {
	Class         string `json:"class"`
	CatalogID     string `json:"catalog_id,omitempty"`
	Decoded       bool   `json:"decoded"`
	File          string `json:"file,omitempty"`
	MessageSource string `json:"message_source,omitempty"`
}

func (enc *Encoder) document(e *model.Event) *document {
	msg := model.Rendered{Text: e.Message}
	if e.Message != "" {
		msg.Origin = model.OriginLog
	}
	if enc.opts.Message != nil {
		msg = enc.opts.Message(e)
	}
	provider := e.Provider
	if provider == "" {
		provider = e.EventSourceName
	}
	d := &document{
		Timestamp: e.Time.UTC().Format(time.RFC3339Nano),
		Message:   unixLines(msg.Text),
		ECS:       ecsField{Version: Version},
		Event: eventField{
			Kind:     "event",
			Code:     strconv.Itoa(int(e.EventID)),
			Provider: provider,
		},
		Log: &logField{Level: e.Level.String()},
		Winlog: winlogField{
			Channel:      e.Channel,
			EventID:      strconv.Itoa(int(e.EventID)),
			ProviderName: provider,
			ProviderGUID: e.ProviderGUID,
			RecordID:     strconv.FormatUint(e.RecordID, 10),
			ComputerName: e.Computer,
			EventData:    eventData(e),
			UserData:     userData(e.UserData),
			Version:      e.Version,
			Opcode:       opcodeName(e.Opcode),
			Task:         taskName(e),
			Keywords:     keywordNames(e.Keywords),
		},
		Eventlens: eventlensField{
			Class:         e.Class.String(),
			CatalogID:     e.CatalogID,
			Decoded:       e.Decoded,
			File:          e.File,
			MessageSource: msg.Origin.String(),
		},
	}
	if !enc.opts.Created.IsZero() {
		d.Event.Created = enc.opts.Created.UTC().Format(time.RFC3339Nano)
	}
	switch {
	case e.Keywords&keywordAuditFailure != 0:
		d.Event.Outcome = "failure"
	case e.Keywords&keywordAuditSuccess != 0:
		d.Event.Outcome = "success"
	}
	if e.File != "" {
		d.Log.File = &fileField{Path: e.File}
	}
	if e.Computer != "" {
		d.Host = &hostField{Name: e.Computer}
	}
	if !e.Decoded {
		// The record header gave only the record ID and time; an event ID 0
		// or level "information" would be made up.
		d.Event.Code, d.Winlog.EventID, d.Log.Level = "", "", ""
		if d.Log.File == nil {
			d.Log = nil
		}
		if e.DecodeError != "" {
			d.Error = &errorField{Message: e.DecodeError}
		}
	}
	if e.UserSID != "" {
		d.Winlog.User = &userField{Identifier: e.UserSID}
	}
	if e.ProcessID != 0 || e.ThreadID != 0 {
		d.Winlog.Process = &processField{PID: e.ProcessID}
		if e.ThreadID != 0 {
			d.Winlog.Process.Thread = &threadField{ID: e.ThreadID}
		}
	}
	return d
}

// unixLines turns Windows line ends into line feeds, as Winlogbeat does.
func unixLines(s string) string {
	if !strings.Contains(s, "\r\n") {
		return s
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// pair is one member of a JSON object written in a fixed order.
type pair struct{ key, value string }

// pairs is a JSON object of strings that keeps its members in order.
type pairs []pair

func (p pairs) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(kv.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(kv.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// pairBuilder builds pairs, dropping empty values and repeated keys (the
// first one wins).
type pairBuilder struct {
	p    pairs
	seen map[string]bool
}

func (b *pairBuilder) add(key, value string) {
	if value == "" || b.seen[key] {
		return
	}
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	b.seen[key] = true
	b.p = append(b.p, pair{key, unixLines(value)})
}

// fieldKey makes a data name safe as an Elasticsearch field name: dots would
// make it an object path, so they become underscores; bytes that are not
// UTF-8 become U+FFFD here rather than in the JSON encoder, so that two names
// that differ only in such bytes are seen as the duplicates they become.
func fieldKey(name string) string {
	name = strings.ToValidUTF8(name, "\uFFFD")
	return strings.ReplaceAll(strings.TrimSpace(name), ".", "_")
}

// eventData maps EventData as Winlogbeat does: by name, and unnamed items
// (and items named "Data") as param<position>, counting from 1 over all
// items.
func eventData(e *model.Event) pairs {
	var b pairBuilder
	for i, d := range e.Data {
		k := fieldKey(d.Name)
		if k == "" || k == "Data" || strings.Trim(k, "_") == "" {
			k = "param" + strconv.Itoa(i+1)
		}
		b.add(k, d.Value)
	}
	b.add("Binary", e.Binary)
	return b.p
}

// userData maps UserData leaves (named by their path below <UserData>, the
// first element being the root) to keys below the root, and the root's name
// to xml_name, as Winlogbeat does.
func userData(items []model.Data) pairs {
	if len(items) == 0 {
		return nil
	}
	var b pairBuilder
	root := ""
	for i, d := range items {
		r, rest, nested := strings.Cut(d.Name, "/")
		if root == "" && nested {
			root = r
		}
		k := d.Name
		if nested && r == root {
			k = rest
		}
		k = fieldKey(k)
		if k == "" || k == "xml_name" || strings.Trim(k, "_") == "" {
			k = "param" + strconv.Itoa(i+1)
		}
		b.add(k, d.Value)
	}
	if root != "" && len(b.p) > 0 {
		b.p = append(b.p, pair{"xml_name", root})
	}
	return b.p
}

// Keyword bits and opcode values defined in winmeta.xml (Windows SDK), with
// the names Event Viewer and Winlogbeat show for them.
const (
	keywordAuditFailure uint64 = 0x10_0000_0000_0000
	keywordAuditSuccess uint64 = 0x20_0000_0000_0000
)

var keywordBits = []struct {
	bit  uint64
	name string
}{
	{0x1_0000_0000_0000, "Response Time"},
	{0x4_0000_0000_0000, "WDI Diag"},
	{0x8_0000_0000_0000, "SQM"},
	{keywordAuditFailure, "Audit Failure"},
	{keywordAuditSuccess, "Audit Success"},
	{0x40_0000_0000_0000, "Correlation Hint"},
	{0x80_0000_0000_0000, "Classic"},
}

var opcodeNames = map[uint8]string{
	1: "Start", 2: "Stop", 3: "DCStart", 4: "DCStop", 5: "Extension",
	6: "Reply", 7: "Resume", 8: "Suspend", 9: "Send", 240: "Receive",
}

// keywordNames names the standard keyword bits; any other bits are written
// as one hexadecimal number.
func keywordNames(k uint64) []string {
	var names []string
	for _, kb := range keywordBits {
		if k&kb.bit != 0 {
			names = append(names, kb.name)
			k &^= kb.bit
		}
	}
	if k != 0 {
		names = append(names, fmt.Sprintf("0x%x", k))
	}
	return names
}

// opcodeName names a standard opcode, or gives the number. Opcode 0 (Info)
// is left out: it is also what inputs without an opcode report.
func opcodeName(op uint8) string {
	if op == 0 {
		return ""
	}
	if n, ok := opcodeNames[op]; ok {
		return n
	}
	return strconv.Itoa(int(op))
}

// taskName is the task category text when the input had it, else the number.
func taskName(e *model.Event) string {
	if e.TaskName != "" {
		return e.TaskName
	}
	if e.Task != 0 {
		return strconv.Itoa(int(e.Task))
	}
	return ""
}
