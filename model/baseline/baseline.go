// Package baseline is golang-evtx used on its own, the way a careful caller
// would: the yardstick eventlens's load benchmarks measure themselves
// against. It is for benchmarks only; eventlens never loads through it.
package baseline

import (
	"io"
	"os"

	"github.com/0xrawsec/golang-evtx/evtx"
)

// EVTX layout constants (MS-EVEN6): chunks follow a 4 KiB file header.
const (
	fileHeaderSize = 0x1000
	chunkSize      = 0x10000
)

// Count decodes every record of the EVTX file at path on the calling
// goroutine — every chunk slot through File.FetchChunk, every record through
// ParseEvent and GoEvtxMap, no channels (the library's channel iterators
// panic in goroutines of their own on bad input) — and returns how many
// decoded. The caller silences the library's logger.
func Count(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	ef, err := evtx.New(f)
	if err != nil {
		return 0, err
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return 0, err
	}
	n := 0
	for off := int64(fileHeaderSize); off+chunkSize <= size; off += chunkSize {
		c, err := ef.FetchChunk(off)
		if err != nil {
			continue
		}
		for _, eo := range c.EventOffsets {
			e := c.ParseEvent(int64(eo))
			if _, err := e.GoEvtxMap(&c); err == nil {
				n++
			}
		}
	}
	return n, nil
}
