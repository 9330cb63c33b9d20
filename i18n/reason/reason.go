// Package reason is what the model has to tell a person (why a query is
// wrong, why a file was skipped) as a kind and its arguments rather than
// an English sentence, so that i18n, which imports no model, can say it in
// every language. It imports nothing; the English is here, the other
// languages are in i18n.
package reason

import "fmt"

// Kind is one thing the model may have to say.
type Kind uint8

// The kinds. Each takes the arguments its English text (Kind.Format) names
// as %[n]s, in that order; a reason's parts (Reason.Parts), each said in
// the same language, are the arguments after its own.
const (
	None Kind = iota

	// A query's parse errors.
	QuoteNoSpace   // no space after a closing quote
	QuoteOpen      // a quote never closed
	ExcludeNothing // a lone "-"
	DataNoName     // "data." without an item name
	UnknownField   // [1] the field, quoted
	NoValue        // [1] the field
	BadID          // [1] the item, quoted
	BadLevel       // [1] the item, quoted
	BadClass       // [1] the item, quoted
	BadRelTime     // [1] the field, [2] the value, quoted
	BadTime        // [1] the field, [2] the value, quoted

	// Why a file holds no log.
	EmptyFile // a file of 0 bytes
	NotALog   // [1] its first bytes, quoted

	// Why a file is not opened: what it is instead of a regular file.
	IsDirectory
	IsNamedPipe
	IsSocket
	IsCharDevice
	IsBlockDevice
	IsIrregular // anything else that is no regular file

	// Why a file is not read: [1] the limit in MiB.
	TooLarge

	// Why an event's time is unknown (a problem of the load report).
	TimeMissing // [1] what is missing, an XML path such as System/TimeCreated
	TimeInvalid // [1] the XML path, [2] its value, quoted
	TimeMore    // [1] how many events past those listed had their time unknown

	// Why a path cannot be opened, as the system says it (i18n.SayError
	// finds these in a *fs.PathError).
	NotFound     // no such file or directory (or a dangling symbolic link)
	NoPermission // permission denied
	// What a loader skipped or could not decode in a file (FileReport
	// problems). Numbers are arguments as the reader formats them.
	Detail // [1] a library's or the system's own words, said as they are
	Both   // parts: two clauses of one statement
	Comma  // parts: two items of a list

	// An EVTX file's 64 KiB slots and chunks.
	SlotTruncated        // [1] bytes, [2] slot
	SlotNoChunk          // [1] slot, [2] what was found, quoted
	SlotNoChunkTruncated // [1] bytes, [2] slot
	ChunkScanError       // [1] the error
	NoChunk
	ChunkReadError // [1] bytes read, [2] the error
	ChunkTruncated // [1] bytes present, [2] chunk size
	ChunkShort
	ChunkNotFound
	ChunkHeader         // parts: what is wrong with it
	ChunkBadSignature   // (a ChunkHeader part)
	ChunkHeaderSize     // [1] the size
	ChunkLastOffset     // [1] the offset
	TemplateTable       // [1] the library's error
	ReadBudget          // [1] reads
	RecordsCut          // [1] records, [2] first ID, [3] last ID; parts: why
	TemplateExpansion   // [1] KiB per record, [2] KiB per chunk
	NoEVTXSignature     // [1] what was found, quoted
	BadRecordToEnd      // [1] offset, [2] bytes skipped; parts: why
	BadRecordNext       // [1] offset, [2] bytes skipped, [3] next offset; parts: why
	RecordHeaderPastEnd // the record causes, parts of BadRecord*
	RecordBadMagic      // [1] the bytes found
	RecordSizeZero
	RecordTooSmall     // [1] size, [2] minimum
	RecordCutByEOF     // [1] size, [2] bytes present
	RecordPastChunk    // [1] size
	RecordSizeMismatch // [1] size, [2] its trailing copy
	RecordZeroBytes
	RecordsListed    // [1] last ID listed, [2] last ID found; parts: the cause
	StaleRecords     // [1] records, [2] first ID in the header, [3] last ID; parts: the IDs
	DecoderError     // [1] the decoder's words
	LibraryError     // [1] golang-evtx's words
	DecodedPartly    // parts: why
	DecodedOwn       // parts: why
	KeptUndecoded    // parts: why
	XMLReaderFailed  // [1] the panic
	TextReaderFailed // [1] the panic
	EVTReaderFailed  // [1] the panic
	XMLReadError     // [1] the error
	NoEventElement   // an XML export
	EventCut         // [1] line; parts: what was left out
	EventMalformed   // [1] line; parts: what is wrong
	XMLNotClosedAtEOF
	XMLTooLarge // [1] MiB
	XMLEmptyEvent
	XMLNotEvent
	XMLNotClosedBeforeEvent // [1] the line of the next <Event>
	EventTimeUnknown        // [1] line; parts: why (TimeMissing, TimeInvalid)
	EventNested             // [1] line, [2] the nested <Event>'s line
	XMLSyntax               // [1] line, [2] the parser's words
	CutDeep                 // [1] levels
	CutMany                 // [1] elements
	CutLong                 // [1] MiB
	CutFields               // [1] fields dropped, [2] fields kept
	CacheDamaged            // [1] events read, [2] events in the entry

	// A legacy .evt file.
	EVTRecordBad     // parts: what is wrong, then why it was found so
	EVTRecordDamaged // parts: why
	EVTFixedPart
	EVTSource
	EVTComputer
	EVTSizeImplausible // [1] size
	EVTSizePastEnd     // [1] size
	EVTSizeEnds        // [1] size at its start, [2] at its end
	EVTNoHeader
	EVTFileShort // [1] file size, [2] end-of-file record offset
	EVTNoEOFRecord
	EVTNoRoom           // [1] bytes
	EVTSignaturesNoRoom // [1] signatures
	EVTGap              // [1] bytes, [2] record, [3] next record
	EVTGapLost          // [1] bytes, [2] record, [3] next record; parts: the records lost
	EVTNoneFound        // parts: the records listed
	EVTOldestMissing    // [1] listed from, [2] oldest found; parts: the records lost
	EVTNewestMissing    // [1] listed up to, [2] newest found; parts: the records lost
	OneRecord           // [1] number
	RecordRange         // [1] first, [2] last
	MoreProblems        // [1] problems not listed
	MoreProblemsCounted

	// An Event Viewer CSV/TXT export; [1] is always the line.
	TextQuoteAtEOF   //
	TextNotUTF8      // [2] the encoding read instead
	TextRowTooLong   // [2] bytes
	TextQuoteNextRow // [2] the next row's line
	TextLineCut      // [2] MiB, [3] field number, [4] column, [5] bytes kept
	TextFieldCount   // [2] fields, [3] fields needed
	TextNotDateTime  // [2] field number, [3] column, [4] value, quoted
	TextNotEventID   // [2] field number, [3] column, [4] value, quoted
	TextNotNumber    // [2] field number, [3] column, [4] value, quoted
	TextNoDateColumn //
	TextBadDateTime  // [2] field number, [3] column, [4] value, quoted
	TextUnknownLevel // [2] field number, [3] column, [4] value, quoted

	// Why an export file was not written.
	FileExists       // it exists and overwriting was not asked for
	ExistsNotRegular // it exists and is no regular file
	TargetIsDir      // the target names a directory
	SyncDirFailed    // [1] the system's words
	ExportTooLarge   // past eventlens serve's limit
	// Why an export name (eventlens serve) is refused.
	ExportNameRefused // [1] the name, quoted; parts: why
	NameEmpty
	NameTooLong
	NameAbsolute
	NameTooDeep
	NameEmptyPart
	NameDots
	NameLeadingDot
	NameNotUTF8
	NameEdges
	NameControl
	NameBidi
	NameChar   // [1] the character, quoted
	NameDevice // [1] the name, quoted
	NameNotDir

	// What is wrong in a catalog file (catalog check); a YAML path names
	// the field.
	CatOneDocument
	CatTooDeep         // [1] columns
	CatTooManyBrackets // [1] brackets
	CatWrongType       // parts: what it must be
	CatOutOfRange      // [1] the number; parts: what it must be
	TypeUint16
	TypeInt
	TypeText
	TypeBool
	TypeList
	TypeMapping
	CatUnknownField // [1] the key, quoted
	CatMissingText
	CatBadChar // [1] the character as U+XXXX
	CatMissing
	CatDocID // [1] the value, quoted
	CatNoEntries
	CatEmptyEntry
	CatEntryID     // [1] the value, quoted
	CatDuplicateID // [1] the id, quoted, [2] the other entry's index
	CatClass       // [1] the value, quoted
	CatLevel       // [1] the value, quoted
	CatRole        // [1] the value, quoted
	CatNoProvider
	CatMatchTooWide
	CatErrorCode // [1] the value, quoted
	CatEmptyString
	CatWording // [1] the value, quoted
	CatInsertionNames
	CatInsertionNumber // [1] names, [2] the value
	CatWithin          // [1] the value, quoted
	CatCheck           // [1] the value, quoted
	CatConditionOnly
	CatConditionNeeded
	CatKB // [1] the value, quoted
	CatRegistry
	CatConfidence // [1] the value, quoted
	CatSourceSection
	CatUnknownRelated // [1] the id, quoted

	numKinds
)

// Kinds lists every kind but None, for tests to check each is said in
// every language.
func Kinds() []Kind {
	ks := make([]Kind, 0, numKinds-1)
	for k := None + 1; k < numKinds; k++ {
		ks = append(ks, k)
	}
	return ks
}

// english is each kind in English, its arguments as %[n]s.
var english = [numKinds]string{
	QuoteNoSpace:   "expected a space after the closing quote",
	QuoteOpen:      "unterminated quote",
	ExcludeNothing: `"-" must be followed by a term to exclude`,
	DataNoName:     "data. needs an item name, as in data.ServiceName:value",
	UnknownField:   "unknown field %[1]s (fields: id level class src ch host cat vm data.NAME after before); to search for text with a colon, quote it",
	NoValue:        "%[1]s: needs a value",
	BadID:          "id: %[1]s is not an event ID (0–65535) or range like 4000-4100",
	BadLevel:       "level: %[1]s is not a level (critical, error, warning, information, verbose or a number)",
	BadClass:       "class: %[1]s is not a class (harmless, update, conditional, attention, known-issue, unknown)",
	BadRelTime:     "%[1]s: %[2]s is not a relative time like -30m, -24h, -7d or -2w",
	BadTime:        `%[1]s: %[2]s is not a time: use 2011-06-01, "2011-06-01 12:00", 2011-06-01T12:00:00Z or -24h`,
	EmptyFile:      "empty file (0 bytes)",
	NotALog:        "not an EVTX file, legacy .evt log, Event Viewer XML export or Event Viewer CSV/TXT export (starts with %[1]s)",
	IsDirectory:    "a directory, not a regular file: not opened",
	IsNamedPipe:    "a named pipe (FIFO), not a regular file: not opened (copy it to a file first)",
	IsSocket:       "a socket, not a regular file: not opened (copy it to a file first)",
	IsCharDevice:   "a character device, not a regular file: not opened (copy it to a file first)",
	IsBlockDevice:  "a block device, not a regular file: not opened (copy it to a file first)",
	IsIrregular:    "not a regular file: not opened (copy it to a file first)",
	TooLarge:       "file larger than %[1]s MiB; not read",
	TimeMissing:    "no %[1]s: time unknown",
	TimeInvalid:    "%[1]s %[2]s is not a time: time unknown",
	TimeMore:       "more events loaded with their time unknown, not listed: %[1]s",
	NotFound:       "no such file or directory",
	NoPermission:   "permission denied",

	Detail:                  "%[1]s",
	Both:                    "%[1]s; %[2]s",
	Comma:                   "%[1]s, %[2]s",
	SlotTruncated:           "file ends %[1]s bytes into 64 KiB slot %[2]s: truncated, nothing readable there",
	SlotNoChunk:             "no chunk signature and no record in 64 KiB slot %[1]s (found %[2]s); slot skipped",
	SlotNoChunkTruncated:    "file ends %[1]s bytes into 64 KiB slot %[2]s, which holds no chunk: truncated",
	ChunkScanError:          "read error while looking for chunks: %[1]s",
	NoChunk:                 "no EVTX chunk found",
	ChunkReadError:          "read error after %[1]s bytes: %[2]s",
	ChunkTruncated:          "chunk truncated at end of file (%[1]s of %[2]s bytes); complete records read",
	ChunkShort:              "binxml: chunk shorter than its 512-byte header",
	ChunkNotFound:           "binxml: no chunk signature and no record at offset 0x200",
	ChunkHeader:             "chunk header: %[1]s; records read by walking the record chain",
	ChunkBadSignature:       "bad chunk signature",
	ChunkHeaderSize:         "header size %[1]s instead of 128",
	ChunkLastOffset:         "last record offset %[1]s past the end of the chunk",
	TemplateTable:           "template table: %[1]s; chunk decoded by eventlens's own BinXML decoder",
	ReadBudget:              "golang-evtx needed more than %[1]s reads for this chunk; it decodes none of its further records",
	RecordsCut:              "%[1]s records (IDs %[2]s to %[3]s) cut: %[4]s; kept with what was decoded before the cut",
	TemplateExpansion:       "template expansion beyond %[1]s KiB per record or %[2]s KiB per chunk: record cut (crafted or corrupt templates)",
	NoEVTXSignature:         "no EVTX file signature (found %[1]s); file header ignored, chunks read all the same",
	BadRecordToEnd:          "bad record at chunk offset %[1]s: %[3]s; %[2]s bytes skipped to the end of the records",
	BadRecordNext:           "bad record at chunk offset %[1]s: %[4]s; %[2]s bytes skipped, next record at %[3]s",
	RecordHeaderPastEnd:     "record header past the end of the chunk",
	RecordBadMagic:          "bad record magic %[1]s",
	RecordSizeZero:          "record size is 0",
	RecordTooSmall:          "record size %[1]s is below the minimum %[2]s",
	RecordCutByEOF:          "record of %[1]s bytes is cut off by the end of the file (%[2]s bytes present)",
	RecordPastChunk:         "record size %[1]s runs past the end of the chunk",
	RecordSizeMismatch:      "record size %[1]s does not match its trailing copy %[2]s",
	RecordZeroBytes:         "zero bytes where records should be",
	RecordsListed:           "%[3]s (the chunk header lists records up to ID %[1]s, the last one found is %[2]s)",
	StaleRecords:            "%[1]s stale records (IDs %[4]s) found past damaged data, outside the chunk header's records %[2]s–%[3]s: leftovers of an earlier use of the chunk, not records of this log; skipped",
	DecoderError:            "eventlens decoder: %[1]s",
	LibraryError:            "golang-evtx: %[1]s",
	DecodedPartly:           "%[1]s; decoded by eventlens's own BinXML decoder, as far as it goes",
	DecodedOwn:              "%[1]s; decoded completely by eventlens's own BinXML decoder",
	KeptUndecoded:           "%[1]s; kept undecoded",
	XMLReaderFailed:         "XML reader failed: %[1]s",
	TextReaderFailed:        "text export reader failed: %[1]s",
	EVTReaderFailed:         ".evt reader failed: %[1]s",
	XMLReadError:            "read error: %[1]s",
	NoEventElement:          "no <Event> element found",
	EventCut:                "<Event> at line %[1]s loaded, but cut: %[2]s",
	EventMalformed:          "malformed <Event> at line %[1]s skipped: %[2]s",
	XMLNotClosedAtEOF:       "element not closed before the end of the file",
	XMLTooLarge:             "element larger than %[1]s MiB",
	XMLEmptyEvent:           "an empty <Event/> element carries no event",
	XMLNotEvent:             "not an <Event> element",
	XMLNotClosedBeforeEvent: "element not closed before the <Event> at line %[1]s, which is read as the next event",
	EventTimeUnknown:        "<Event> at line %[1]s loaded: %[2]s",
	EventNested:             "<Event> at line %[1]s holds an <Event> element in its UserData (line %[2]s): read as that event's data, as XML reads it, not as an event of its own",
	XMLSyntax:               "line %[1]s: %[2]s",
	CutDeep:                 "elements nested deeper than %[1]s levels dropped",
	CutMany:                 "elements beyond the first %[1]s dropped",
	CutLong:                 "values longer than %[1]s MiB cut",
	CutFields:               "%[1]s fields beyond the first %[2]s dropped",
	CacheDamaged:            "index cache entry damaged after %[1]s of %[2]s events; the rest were not loaded (the entry was removed: open the file again, or use --no-cache)",

	EVTRecordBad:        "record signature found, but %[1]s (%[2]s); skipped",
	EVTRecordDamaged:    "damaged record (%[1]s); kept as far as readable",
	EVTFixedPart:        "its fixed part is cut short",
	EVTSource:           "its source name is unreadable",
	EVTComputer:         "its computer name is unreadable",
	EVTSizeImplausible:  "implausible record size %[1]s",
	EVTSizePastEnd:      "record of %[1]s bytes runs past the end of the file",
	EVTSizeEnds:         "size %[1]s at its start but %[2]s at its end",
	EVTNoHeader:         "no .evt file header (the file starts with a record); records read from the start",
	EVTFileShort:        "file ends at %[1]s bytes but its header puts the end-of-file record at offset %[2]s: the copy is truncated",
	EVTNoEOFRecord:      "no end-of-file record where the header puts it: the copy is truncated or damaged there",
	EVTNoRoom:           "only %[1]s bytes after the header: no room for a record",
	EVTSignaturesNoRoom: "%[1]s record signatures with no room for a record after them skipped (the first at this offset)",
	EVTGap:              "%[1]s bytes between records %[2]s and %[3]s hold no readable record; skipped",
	EVTGapLost:          "%[1]s bytes between records %[2]s and %[3]s hold no readable record (%[4]s lost); skipped",
	EVTNoneFound:        "header lists %[1]s but none of them was found",
	EVTOldestMissing:    "header lists records from %[1]s, but the oldest found is %[2]s: %[3]s lost",
	EVTNewestMissing:    "header lists records up to %[1]s, but the newest found is %[2]s: %[3]s lost",
	OneRecord:           "record %[1]s",
	RecordRange:         "records %[1]s–%[2]s",
	MoreProblems:        "%[1]s further problems in this file not listed",
	MoreProblemsCounted: "further problems in this file are counted but not listed",

	TextQuoteAtEOF:   "line %[1]s: quoted field not closed before the end of the file; row skipped",
	TextNotUTF8:      "line %[1]s: not valid UTF-8; lines like it are read as %[2]s",
	TextRowTooLong:   "line %[1]s: row longer than %[2]s bytes; skipped",
	TextQuoteNextRow: "line %[1]s: quoted field not closed before the next row at line %[2]s; row skipped",
	TextLineCut:      "line %[1]s: a line longer than %[2]s MiB; field %[3]s (%[4]s) cut there to %[5]s bytes, row kept",
	TextFieldCount:   "line %[1]s: %[2]s fields, want at least %[3]s; row skipped",
	TextNotDateTime:  "line %[1]s: field %[2]s (%[3]s): %[4]s is not a date and time; row skipped",
	TextNotEventID:   "line %[1]s: field %[2]s (%[3]s): %[4]s is not an event ID (0–65535); row skipped",
	TextNotNumber:    "line %[1]s: field %[2]s (%[3]s): %[4]s is not a number; row skipped",
	TextNoDateColumn: "line %[1]s: no Date and Time column; row skipped",
	TextBadDateTime:  "line %[1]s: field %[2]s (%[3]s): %[4]s is not a valid date and time; row skipped",
	TextUnknownLevel: "line %[1]s: field %[2]s (%[3]s): unknown level name %[4]s; kept with level 0",

	FileExists:        "file already exists (not overwritten)",
	ExistsNotRegular:  "exists and is not a regular file",
	TargetIsDir:       "names a directory, not a file: give the path of a file to write",
	SyncDirFailed:     "written, but syncing its directory failed: %[1]s",
	ExportTooLarge:    "export too large",
	ExportNameRefused: "export name %[1]s refused: %[2]s",
	NameEmpty:         "empty name",
	NameTooLong:       "name too long",
	NameAbsolute:      "absolute paths are not allowed",
	NameTooDeep:       "too many directory levels",
	NameEmptyPart:     "empty path component",
	NameDots:          `"." and ".." are not allowed`,
	NameLeadingDot:    "names may not start with a dot",
	NameNotUTF8:       "name is not valid UTF-8",
	NameEdges:         "names may not begin with a space or end with a dot or space",
	NameControl:       "control characters are not allowed",
	NameBidi:          "text direction characters are not allowed",
	NameChar:          "character %[1]s is not allowed",
	NameDevice:        "%[1]s is a reserved device name on Windows",
	NameNotDir:        "is not a directory (symbolic links are not followed)",

	CatOneDocument:     "want exactly one YAML document with 'document' and 'entries'",
	CatTooDeep:         "nested deeper than %[1]s columns; not read",
	CatTooManyBrackets: "more than %[1]s nested [ or { ; not read",
	CatWrongType:       "wrong type: want %[1]s",
	CatOutOfRange:      "%[1]s is out of range: want %[2]s",
	TypeUint16:         "a whole number from 0 to 65535",
	TypeInt:            "a whole number",
	TypeText:           "text",
	TypeBool:           "true or false",
	TypeList:           "a list",
	TypeMapping:        "a mapping of keys to values",
	CatUnknownField:    "unknown field %[1]s",
	CatMissingText:     "missing text (every text needs ja, nl and en)",
	CatBadChar:         "control or invalid character %[1]s",
	CatMissing:         "missing",
	CatDocID:           "want a lower-case id such as nec-hyperv-2011, got %[1]s",
	CatNoEntries:       "no entries",
	CatEmptyEntry:      "empty entry",
	CatEntryID:         "want a lower-case id such as nec.vmsmp-26, got %[1]s",
	CatDuplicateID:     "duplicate id %[1]s (also entries[%[2]s])",
	CatClass:           "want harmless, update, conditional or known-issue, got %[1]s",
	CatLevel:           "want critical, error, warning, information or verbose, got %[1]s",
	CatRole:            "want host or guest, got %[1]s",
	CatNoProvider:      "at least one provider is needed",
	CatMatchTooWide:    "needs event_id or error_codes, so that it does not match every event of a provider",
	CatErrorCode:       "want a 32-bit hex code such as 0x800423F4, got %[1]s",
	CatEmptyString:     "empty string",
	CatWording:         "want ja, nl or en, got %[1]s",
	CatInsertionNames:  "confirmed insertion strings need their names",
	CatInsertionNumber: "want the number of a named insertion string (1–%[1]s), got %[2]s",
	CatWithin:          "want a duration such as 5m (at most 24h), got %[1]s",
	CatCheck:           "want none, empty-names, restart-nearby or gone-after-restart, got %[1]s",
	CatConditionOnly:   "only class conditional has a condition",
	CatConditionNeeded: `class conditional needs a condition (its text completes "harmless if …")`,
	CatKB:              "want KB followed by digits, got %[1]s",
	CatRegistry:        "needs key, name, type and value",
	CatConfidence:      "want high, medium or low, got %[1]s",
	CatSourceSection:   "missing: say where in the document the facts come from",
	CatUnknownRelated:  "unknown entry %[1]s",
}

// Format is the kind's English text, its arguments as %[n]s.
func (k Kind) Format() string {
	if k >= numKinds {
		return ""
	}
	return english[k]
}

// Reason is a kind with its arguments.
type Reason struct {
	Kind Kind
	Args []string
	// Parts are reasons within this one (the cause of a damaged record),
	// said in the same language; they follow Args as arguments.
	Parts []Reason
}

// New returns the reason of kind k with args.
func New(k Kind, args ...string) Reason { return Reason{Kind: k, Args: args} }

// With returns r with parts added.
func (r Reason) With(parts ...Reason) Reason {
	r.Parts = append(r.Parts[:len(r.Parts):len(r.Parts)], parts...)
	return r
}

// List is the items as one list ("a, b, c" in English); the zero Reason
// if there are none.
func List(items ...Reason) Reason { return chain(Comma, items) }

// Join is the reasons said one after another as clauses of one statement
// ("a; b" in English); the zero Reason if there are none.
func Join(rs ...Reason) Reason { return chain(Both, rs) }

// chain joins rs, two by two, with the kind k.
func chain(k Kind, rs []Reason) Reason {
	var out Reason
	for _, r := range rs {
		switch {
		case r.IsZero():
		case out.IsZero():
			out = r
		default:
			out = New(k).With(out, r)
		}
	}
	return out
}

// KindOf is the kind whose English text is format, for reading a reason
// back from where it was stored by that text.
func KindOf(format string) (Kind, bool) {
	k, ok := byFormat[format]
	return k, ok
}

var byFormat = func() map[string]Kind {
	m := make(map[string]Kind, numKinds)
	for _, k := range Kinds() {
		m[english[k]] = k
	}
	return m
}()

// IsZero reports whether r says nothing.
func (r Reason) IsZero() bool { return r.Kind == None }

// Fill fills format with r's arguments, its parts said by say: the text of
// r in the language of format and say.
func (r Reason) Fill(format string, say func(Reason) string) string {
	args := make([]any, 0, len(r.Args)+len(r.Parts))
	for _, a := range r.Args {
		args = append(args, a)
	}
	for _, p := range r.Parts {
		args = append(args, say(p))
	}
	return fmt.Sprintf(format, args...)
}

// Err returns r as an error.
func (r Reason) Err() error { return &Error{r} }

// Error is a reason where an error is wanted (a file that cannot be read):
// its Error is the English, and i18n.SayError says it in any language.
type Error struct{ Reason Reason }

func (e *Error) Error() string { return e.Reason.String() }

// String is r in English.
func (r Reason) String() string {
	if r.IsZero() {
		return ""
	}
	return r.Fill(r.Kind.Format(), Reason.String)
}
