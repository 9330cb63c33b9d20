package core

// MessageOrigin says where the message eventlens shows for an event came
// from. The zero value means no message was chosen yet.
type MessageOrigin uint8

// Message origins, in the order eventlens prefers them.
const (
	OriginNone     MessageOrigin = iota
	OriginLog                    // the input carried it (Event Viewer XML/CSV RenderingInfo)
	OriginCatalog                // eventlens's catalog template, filled with the event's data
	OriginDatabase               // a message database (--messages), filled like Windows does
	OriginData                   // no template anywhere: the event's data as name=value
)

var originNames = [...]string{
	OriginNone:     "",
	OriginLog:      "log",
	OriginCatalog:  "catalog",
	OriginDatabase: "database",
	OriginData:     "data",
}

// String returns the origin's stable name, as exports write it
// (message_source): "log", "catalog", "database" or "data".
func (o MessageOrigin) String() string {
	if int(o) < len(originNames) {
		return originNames[o]
	}
	return ""
}

// Rendered is an event's message as eventlens shows and exports it.
type Rendered struct {
	Text    string
	Origin  MessageOrigin
	Culture string // e.g. "en-US"; empty when unknown
}
