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
// as %[n]s, in that order.
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

	// Leftover records of an EVTX chunk: [1] how many, [2] their IDs, [3]
	// and [4] the first and last record ID of the chunk header.
	StaleRecords

	// Why a path cannot be opened, as the system says it (i18n.SayError
	// finds these in a *fs.PathError).
	NotFound     // no such file or directory (or a dangling symbolic link)
	NoPermission // permission denied

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
	StaleRecords:   "%[1]s stale records (IDs %[2]s) found past damaged data, outside the chunk header's records %[3]s–%[4]s: leftovers of an earlier use of the chunk, not records of this log; skipped",
	NotFound:       "no such file or directory",
	NoPermission:   "permission denied",
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
}

// New returns the reason of kind k with args.
func New(k Kind, args ...string) Reason { return Reason{Kind: k, Args: args} }

// IsZero reports whether r says nothing.
func (r Reason) IsZero() bool { return r.Kind == None }

// Fill fills format with r's arguments: the text of r in the language of
// format.
func (r Reason) Fill(format string) string {
	args := make([]any, len(r.Args))
	for i, a := range r.Args {
		args[i] = a
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
	return r.Fill(r.Kind.Format())
}
