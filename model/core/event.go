// Package core defines eventlens's view of a Windows event (Event, Data,
// Level, Class) and the load report (FileReport, Problem). It exists so the
// decoders package model uses (model/binxml, model/evtext) can fill these
// types without importing model; everything else should use the same types
// through their aliases in package model.
package core

import (
	"strconv"
	"time"
)

// Level is the raw event level number as logged (System/Level).
type Level uint8

// Levels defined by the Windows event schema (winmeta.xml).
const (
	LevelLogAlways   Level = 0
	LevelCritical    Level = 1
	LevelError       Level = 2
	LevelWarning     Level = 3
	LevelInformation Level = 4
	LevelVerbose     Level = 5
)

// String returns the lower-case level name, or the number for levels outside
// the standard range. Level 0 is shown as "information" as Event Viewer does.
func (l Level) String() string {
	switch l {
	case LevelLogAlways, LevelInformation:
		return "information"
	case LevelCritical:
		return "critical"
	case LevelError:
		return "error"
	case LevelWarning:
		return "warning"
	case LevelVerbose:
		return "verbose"
	}
	return strconv.Itoa(int(l))
}

// ParseLevel accepts a level name (as returned by String) or a number.
func ParseLevel(s string) (Level, bool) {
	switch s {
	case "critical":
		return LevelCritical, true
	case "error":
		return LevelError, true
	case "warning":
		return LevelWarning, true
	case "information", "info":
		return LevelInformation, true
	case "verbose":
		return LevelVerbose, true
	}
	n, err := strconv.ParseUint(s, 10, 8)
	if err != nil {
		return 0, false
	}
	return Level(n), true
}

// Class is the catalog's verdict on an event. The zero value is Unknown, so
// an event the catalog has not looked at is never shown as known.
type Class uint8

// Classes, from the catalog's point of view. See catalog for how they are
// decided.
const (
	ClassUnknown     Class = iota // not in the catalog
	ClassHarmless                 // known, no operational impact
	ClassUpdate                   // known, harmless, stops after an update
	ClassConditional              // harmless only if a condition the logs cannot decide holds
	ClassAttention                // known, but its harmless-condition is not met
	ClassKnownIssue               // a documented problem with a fix
)

// Classes lists every class in display order.
var Classes = []Class{ClassHarmless, ClassUpdate, ClassConditional, ClassAttention, ClassKnownIssue, ClassUnknown}

var classNames = [...]string{
	ClassUnknown:     "unknown",
	ClassHarmless:    "harmless",
	ClassUpdate:      "update",
	ClassConditional: "conditional",
	ClassAttention:   "attention",
	ClassKnownIssue:  "known-issue",
}

// String returns the class's stable name, as used in exports and queries.
func (c Class) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "unknown"
}

// ParseClass is the inverse of Class.String.
func ParseClass(s string) (Class, bool) {
	for c, n := range classNames {
		if n == s {
			return Class(c), true
		}
	}
	return ClassUnknown, false
}

// Data is one <Data> element of EventData, or one leaf of UserData. Its
// position is its index in the slice that holds it.
type Data struct {
	// Name is the Name attribute of <Data>; empty for unnamed data. For
	// UserData it is the path of element names below <UserData>, joined by
	// "/", e.g. "CbsPackageChangeState/PackageIdentifier".
	Name  string
	Value string
}

// Event is one event record. Every string in it comes from the log and is
// untrusted: sanitise before display.
type Event struct {
	// Where the event came from.
	File   string // path of the source file as given by the user
	Offset int64  // byte offset of the record (EVTX) or <Event> element (XML) in File; -1 if unknown

	RecordID uint64
	Time     time.Time // System/TimeCreated/@SystemTime, UTC, full precision
	Level    Level

	Provider        string // System/Provider/@Name
	ProviderGUID    string // System/Provider/@Guid, with braces as logged
	EventSourceName string // System/Provider/@EventSourceName

	EventID       uint16
	Qualifiers    uint16
	HasQualifiers bool
	Version       uint8

	Channel  string
	Computer string
	UserSID  string // System/Security/@UserID

	Task     uint16
	TaskName string // rendered task category: RenderingInfo/Task, or an Event Viewer CSV/TXT export's Task Category
	Opcode   uint8
	Keywords uint64

	ProcessID uint32
	ThreadID  uint32

	Data     []Data // EventData/Data in document order (named and unnamed)
	Binary   string // EventData/Binary, hex as in XML
	UserData []Data // leaves of UserData in document order

	// Message is the rendered message the input carried (Event Viewer XML's
	// RenderingInfo/Message), in whatever language the export was made.
	Message string
	// MessageCulture is RenderingInfo/@Culture, e.g. "ja-JP".
	MessageCulture string

	// Decoded is false for a record whose body could not be decoded; it then
	// carries only what its record header gave (RecordID, Time) and DecodeError.
	Decoded     bool
	DecodeError string

	// Filled in by the catalog (see package catalog); zero until classified.
	Class     Class
	CatalogID string
}

// DataValue returns the value of the first EventData (then UserData) item
// whose name matches name exactly, and whether one was found.
func (e *Event) DataValue(name string) (string, bool) {
	for _, d := range e.Data {
		if d.Name == name {
			return d.Value, true
		}
	}
	for _, d := range e.UserData {
		if d.Name == name {
			return d.Value, true
		}
	}
	return "", false
}

// Less orders events on the merged timeline: by time, then source file, then
// record ID.
func Less(a, b *Event) bool {
	if !a.Time.Equal(b.Time) {
		return a.Time.Before(b.Time)
	}
	if a.File != b.File {
		return a.File < b.File
	}
	return a.RecordID < b.RecordID
}
