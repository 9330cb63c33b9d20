// Package demo holds eventlens's demo log: an Event Viewer XML export of a
// small Hyper-V estate (two hosts and a few guests, March 2011) in which every
// catalog entry that has an event appears among a few hundred ordinary
// events. eventlens opens it when started without files.
//
// The log is synthetic: gen.go writes it from a fixed seed, so it is the
// same on every run. Regenerate it with "go generate ./catalog/demo".
package demo

import (
	"bytes"
	_ "embed"
	"io"
)

//go:generate go run gen.go

// Name is the file name the demo log is shown under.
const Name = "hyperv-demo.xml"

//go:embed hyperv-demo.xml
var data []byte

// Bytes returns a copy of the demo log.
func Bytes() []byte { return bytes.Clone(data) }

// Reader returns a reader over the demo log.
func Reader() io.Reader { return bytes.NewReader(data) }

// Size is the demo log's size in bytes.
func Size() int64 { return int64(len(data)) }
