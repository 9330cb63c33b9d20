// Package demo holds eventlens's demo log: an Event Viewer XML export of a
// small Hyper-V estate (two hosts and a few guests, March 2011) in which every
// catalog entry that has an event appears among a few hundred ordinary
// events. eventlens opens it when started without files.
//
// The log is synthetic: gen.go writes it from a fixed seed, so it is the
// same on every run. Regenerate it with "go generate ./catalog/demo".
//
// The same events are also embedded as a real .evtx file (EVTX), written
// from the XML by package evtxwrite: one file holding every computer and
// channel, record IDs as in the XML. The viewer opens the XML, because an
// Event Viewer XML export carries the rendered messages and an .evtx file
// cannot; the .evtx is there to show and test eventlens on the binary
// format Windows writes.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"io"

	"eventlens/model"
)

//go:generate go run gen.go

// Name is the file name the demo log is shown under.
const Name = "hyperv-demo.xml"

// EVTXName is the file name of the demo log's .evtx twin.
const EVTXName = "hyperv-demo.evtx"

var (
	//go:embed hyperv-demo.xml
	data []byte

	//go:embed hyperv-demo.evtx
	evtxData []byte
)

// Bytes returns a copy of the demo log.
func Bytes() []byte { return bytes.Clone(data) }

// Reader returns a reader over the demo log.
func Reader() io.Reader { return bytes.NewReader(data) }

// Size is the demo log's size in bytes.
func Size() int64 { return int64(len(data)) }

// EVTX returns a copy of the demo log as an .evtx file: the same events as
// Bytes, without rendered messages.
func EVTX() []byte { return bytes.Clone(evtxData) }

// Events loads the demo log: its events in the order the file holds them,
// unclassified. Tests and examples that need the demo's events use it.
func Events() ([]model.Event, error) {
	var evs []model.Event
	_, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource(Name, Bytes())},
		model.LoadOptions{}, func(u model.Update) { evs = append(evs, u.Events...) })
	return evs, err
}
