// Package model holds eventlens's view of a Windows event: the Event type,
// the loaders that produce events from EVTX files and Event Viewer exports,
// and the load report that says what could not be read.
//
// The types are defined in model/core (so the decoders model uses can fill
// them without an import cycle) and are the same types here: model.Event is
// core.Event.
package model

import "eventlens/model/core"

// Level is the raw event level number as logged (System/Level).
type Level = core.Level

// Levels defined by the Windows event schema (winmeta.xml).
const (
	LevelLogAlways   = core.LevelLogAlways
	LevelCritical    = core.LevelCritical
	LevelError       = core.LevelError
	LevelWarning     = core.LevelWarning
	LevelInformation = core.LevelInformation
	LevelVerbose     = core.LevelVerbose
)

// ParseLevel accepts a level name (as returned by Level.String) or a number.
func ParseLevel(s string) (Level, bool) { return core.ParseLevel(s) }

// Class is the catalog's verdict on an event. The zero value is Unknown, so
// an event the catalog has not looked at is never shown as known.
type Class = core.Class

// Classes, from the catalog's point of view. See catalog for how they are
// decided.
const (
	ClassUnknown     = core.ClassUnknown     // not in the catalog
	ClassHarmless    = core.ClassHarmless    // known, no operational impact
	ClassUpdate      = core.ClassUpdate      // known, harmless, stops after an update
	ClassConditional = core.ClassConditional // harmless only if a condition the logs cannot decide holds
	ClassAttention   = core.ClassAttention   // known, but its harmless-condition is not met
	ClassKnownIssue  = core.ClassKnownIssue  // a documented problem with a fix
)

// Classes lists every class in display order.
var Classes = core.Classes

// ParseClass is the inverse of Class.String.
func ParseClass(s string) (Class, bool) { return core.ParseClass(s) }

// Data is one <Data> element of EventData, or one leaf of UserData. See
// core.Data.
type Data = core.Data

// Event is one event record. Every string in it comes from the log and is
// untrusted: sanitise before display. See core.Event for its fields.
type Event = core.Event

// Less orders events on the merged timeline: by time, then source file, then
// record ID.
func Less(a, b *Event) bool { return core.Less(a, b) }

// MessageOrigin says where an event's shown message came from. See
// core.MessageOrigin.
type MessageOrigin = core.MessageOrigin

// Message origins.
const (
	OriginNone     = core.OriginNone
	OriginLog      = core.OriginLog
	OriginCatalog  = core.OriginCatalog
	OriginDatabase = core.OriginDatabase
	OriginData     = core.OriginData
)

// Rendered is an event's message as shown and exported, with its origin
// and culture. See core.Rendered.
type Rendered = core.Rendered
