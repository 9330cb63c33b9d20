package export

import (
	"bufio"
	"encoding/json"
	"iter"
	"strconv"
	"time"

	"eventlens/model"
	"eventlens/model/sanitize"
)

// jsonEvent is one line of a JSON Lines export. Field order is the column
// order of CSV too (see columns).
type jsonEvent struct {
	File            string     `json:"file"`
	Offset          int64      `json:"offset"`
	RecordID        uint64     `json:"record_id"`
	Time            string     `json:"time"`
	Level           string     `json:"level"`
	LevelNumber     uint8      `json:"level_number"`
	Provider        string     `json:"provider"`
	ProviderGUID    string     `json:"provider_guid"`
	EventSourceName string     `json:"event_source_name"`
	EventID         uint16     `json:"event_id"`
	Qualifiers      *uint16    `json:"qualifiers"`
	Version         uint8      `json:"version"`
	Channel         string     `json:"channel"`
	Computer        string     `json:"computer"`
	UserSID         string     `json:"user_sid"`
	Task            uint16     `json:"task"`
	Opcode          uint8      `json:"opcode"`
	Keywords        string     `json:"keywords"`
	ProcessID       uint32     `json:"process_id"`
	ThreadID        uint32     `json:"thread_id"`
	Data            []jsonData `json:"data"`
	UserData        []jsonData `json:"userdata"`
	Binary          string     `json:"binary"`
	Message         string     `json:"message"`
	MessageCulture  string     `json:"message_culture"`
	MessageSource   string     `json:"message_source"`
	Class           string     `json:"class"`
	CatalogID       string     `json:"catalog_id"`
	Decoded         bool       `json:"decoded"`
	Error           string     `json:"error"`
}

type jsonData struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// timeText formats an event time as RFC 3339 in UTC with full precision;
// the zero time, an event whose log gave no usable time, as "" (unknown).
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// keywordsText formats keywords as Event Viewer does: hex with 0x.
func keywordsText(k uint64) string { return "0x" + strconv.FormatUint(k, 16) }

func toJSONData(ds []model.Data) []jsonData {
	out := make([]jsonData, len(ds)) // never nil: [] rather than null
	for i, d := range ds {
		out[i] = jsonData{d.Name, d.Value}
	}
	return out
}

func writeJSONL(w *bufio.Writer, events iter.Seq[*model.Event], opts *Options) error {
	// Controls, bidi controls and line separators are escaped as \uXXXX:
	// still the same JSON, but a file printed to a terminal cannot drive it.
	enc := json.NewEncoder(sanitize.NewJSONWriter(w))
	enc.SetEscapeHTML(false)
	for e := range events {
		j := jsonEvent{
			File: e.File, Offset: e.Offset, RecordID: e.RecordID, Time: timeText(e.Time),
			Level: e.Level.String(), LevelNumber: uint8(e.Level),
			Provider: e.Provider, ProviderGUID: e.ProviderGUID, EventSourceName: e.EventSourceName,
			EventID: e.EventID, Version: e.Version, Channel: e.Channel, Computer: e.Computer, UserSID: e.UserSID,
			Task: e.Task, Opcode: e.Opcode, Keywords: keywordsText(e.Keywords),
			ProcessID: e.ProcessID, ThreadID: e.ThreadID,
			Data: toJSONData(e.Data), UserData: toJSONData(e.UserData), Binary: e.Binary,
			Class: e.Class.String(), CatalogID: e.CatalogID, Decoded: e.Decoded, Error: e.DecodeError,
		}
		if e.HasQualifiers {
			q := e.Qualifiers
			j.Qualifiers = &q
		}
		m := opts.message(e)
		j.Message, j.MessageCulture, j.MessageSource = m.Text, m.Culture, m.Origin.String()
		if err := enc.Encode(&j); err != nil { // Encode ends the line
			return err
		}
	}
	return nil
}
