package evt

import (
	"context"
	"encoding/hex"
	"io"
	"path/filepath"
	"strings"

	"eventlens/model/core"
)

// Format is what FileReport.Format says for a .evt log.
const Format = "evt"

// Keywords an EVTX log gives events from classic (pre-Vista) sources, and
// the audit results that the Security log shows in place of a level
// (winmeta.xml: WINEVENT_KEYWORD_EVENTLOG_CLASSIC, _AUDIT_FAILURE,
// _AUDIT_SUCCESS). A .evt event carries the same, so it looks like its
// EVTX counterpart in filters and exports.
const (
	keywordClassic      uint64 = 0x80_0000_0000_0000
	keywordAuditFailure uint64 = 0x10_0000_0000_0000
	keywordAuditSuccess uint64 = 0x20_0000_0000_0000
)

// Event returns the record as eventlens's event: the event ID is the low 16
// bits with the rest kept as qualifiers, the source is both provider and
// event source name, the category is the task, the insertion strings are
// unnamed EventData items and the binary data is kept as hex, as an EVTX log
// shows an event from a classic source. file names the source file; channel
// is the log's name when known (see ChannelOf).
func (r *Record) Event(file, channel string) core.Event {
	ev := core.Event{
		File:            file,
		Offset:          r.Offset,
		RecordID:        uint64(r.Number),
		Time:            r.Generated,
		Provider:        r.Source,
		EventSourceName: r.Source,
		EventID:         uint16(r.EventID),
		Qualifiers:      uint16(r.EventID >> 16),
		HasQualifiers:   true,
		Channel:         channel,
		Computer:        r.Computer,
		UserSID:         r.SID,
		Task:            r.Category,
		Keywords:        keywordClassic,
		Decoded:         true,
	}
	switch r.Type {
	case TypeError:
		ev.Level = core.LevelError
	case TypeWarning:
		ev.Level = core.LevelWarning
	case TypeAuditSuccess:
		ev.Level, ev.Keywords = core.LevelLogAlways, ev.Keywords|keywordAuditSuccess
	case TypeAuditFailure:
		ev.Level, ev.Keywords = core.LevelLogAlways, ev.Keywords|keywordAuditFailure
	default:
		ev.Level = core.LevelInformation
	}
	if len(r.Strings) > 0 {
		ev.Data = make([]core.Data, len(r.Strings))
		for i, s := range r.Strings {
			ev.Data[i].Value = s
		}
	}
	if len(r.Data) > 0 {
		ev.Binary = strings.ToUpper(hex.EncodeToString(r.Data))
	}
	if r.Damaged != "" {
		ev.DecodeError = "damaged record, kept as far as readable: " + r.Damaged
	}
	return ev
}

// ChannelOf names the log a .evt file holds from its file name, as Windows
// names the files in System32\config (AppEvent.Evt, SysEvent.Evt,
// SecEvent.Evt): a name containing "appevent", "sysevent" or "secevent"
// gives Application, System or Security. Any other name gives "": the
// format itself does not record the log's name.
func ChannelOf(path string) string {
	base := strings.ToLower(filepath.Base(path))
	switch {
	case strings.Contains(base, "appevent"):
		return "Application"
	case strings.Contains(base, "sysevent"):
		return "System"
	case strings.Contains(base, "secevent"):
		return "Security"
	}
	return ""
}

// Options tunes Read.
type Options struct {
	BatchSize int // events per emit call; 0 means 512
}

// Read reads the .evt log in r (size bytes, named name) and calls emit with
// batches of events; it fills rep (format, counts, problems). It returns an
// error only when ctx is cancelled.
func Read(ctx context.Context, r io.ReaderAt, size int64, name string, opts Options, emit func([]core.Event), rep *core.FileReport) error {
	batchSize := opts.BatchSize
	if batchSize <= 0 {
		batchSize = 512
	}
	rep.Format = Format
	channel := ChannelOf(name)
	var batch []core.Event
	res, err := Scan(ctx, r, size, func(rec *Record) bool {
		if batch == nil {
			batch = make([]core.Event, 0, batchSize)
		}
		batch = append(batch, rec.Event(name, channel))
		if len(batch) >= batchSize {
			emit(batch)
			batch = nil
		}
		return true
	})
	if len(batch) > 0 && err == nil {
		emit(batch)
	}
	rep.RecordsDecoded += res.Records
	rep.Problems = append(rep.Problems, res.Problems...)
	return err
}
