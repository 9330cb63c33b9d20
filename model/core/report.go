package core

import "eventlens/i18n/reason"

// Problem is one thing the loader skipped or could not decode.
type Problem struct {
	Chunk  int    // chunk index in an EVTX file, -1 when not chunk-related
	Offset int64  // byte offset in the file, -1 when unknown
	Record uint64 // record ID when known, 0 otherwise
	// Reason is what was skipped and why, as a reason rather than a
	// sentence: i18n says it in the user's language.
	Reason reason.Reason
}

// FileReport says what the loader did with one input file.
type FileReport struct {
	Path   string
	Format string // "evtx", "xml", ...; empty when the file could not be identified
	Size   int64

	ChunksFound  int // EVTX chunks found by signature
	ChunksParsed int // chunks whose header and tables were usable
	ChunksFailed int

	RecordsDecoded   int
	RecordsUndecoded int // kept as undecoded events
	// RecordsFallback counts the decoded EVTX records golang-evtx could not
	// decode and eventlens's own BinXML decoder (model/binxml) did; they are
	// included in RecordsDecoded.
	RecordsFallback int
	RecordsSkipped  int // not kept at all (XML events that were not well-formed, ...)

	// Zone is the time zone the file's times were read in when the file
	// gives none (Event Viewer CSV/TXT exports; see LoadOptions.Location),
	// with the offsets from UTC in effect over its events, e.g.
	// "Europe/Amsterdam UTC+01:00/+02:00" (see model.ZoneLabel); empty when
	// its times carry their zone.
	Zone string
	// ZoneLocal is set when Zone is this machine's own zone, the default,
	// rather than one given by --tz: a report says which.
	ZoneLocal bool

	Problems []Problem
	// Err is set when the file could not be read at all; nothing from it loaded.
	Err error
	// Skipped says why a file found by walking a directory was passed over
	// quietly: it is no log of a known format (an empty file, a
	// MANIFEST.tsv, ...). Such a file is not a problem: Err stays nil. A
	// reason rather than a sentence: i18n says it in the user's language.
	Skipped reason.Reason
}

// Clean reports whether the file loaded with nothing skipped or undecoded.
func (r *FileReport) Clean() bool {
	return r.Err == nil && r.ChunksFailed == 0 && r.RecordsUndecoded == 0 && r.RecordsSkipped == 0 && len(r.Problems) == 0
}
