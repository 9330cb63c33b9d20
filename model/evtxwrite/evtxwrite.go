// Package evtxwrite writes events as Windows XML Event Log files (.evtx,
// MS-EVEN6): a 4 KiB file header, 64 KiB chunks and event records whose
// bodies are binary XML built from one template per event shape and chunk,
// with every checksum set, so Event Viewer, libevtx, python-evtx and
// golang-evtx read them as they read files Windows wrote.
//
// What an EVTX record cannot hold is not written: Event.Message and
// Event.MessageCulture (Windows renders messages from the provider's
// resources when the log is viewed; RenderingInfo is not part of a record),
// File, Offset and the catalog's classification. Times are stored as
// FILETIME, so precision below 100 ns is lost. Strings are stored as UTF-16;
// invalid UTF-8 becomes U+FFFD.
package evtxwrite

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"iter"

	"eventlens/model"
	"eventlens/model/atomicfile"
)

// Sizes fixed by the file format.
const (
	fileHeaderSize   = 128  // bytes of the file header that carry data
	fileHeaderBlock  = 4096 // the file header block; chunks start here
	chunkSize        = 0x10000
	chunkHeaderSize  = 128    // chunk header proper
	chunkDataStart   = 512    // header + string table + template table
	recordHeaderSize = 24     // magic, size, record ID, FILETIME
	recordTrailer    = 4      // copy of the size
	maxChunks        = 0xffff // the file header counts chunks in 16 bits

	// MaxRecordSize is the largest event record that fits in a chunk. A
	// record is never split across chunks, so an event whose record would be
	// larger cannot be written.
	MaxRecordSize = chunkSize - chunkDataStart
)

// Options control how events are written.
type Options struct {
	// Channel, when not empty, replaces every event's Channel, e.g. to mark
	// a file of selected events from several logs.
	Channel string

	// Renumber gives the records consecutive record IDs starting at
	// FirstRecordID (1 when zero) in the order written, instead of keeping
	// each event's RecordID. Use it for events merged from several logs,
	// whose IDs repeat and interleave; readers expect IDs to increase.
	Renumber      bool
	FirstRecordID uint64
}

// RecordError reports an event that could not be written. Index is its
// position in the slice given to Write.
type RecordError struct {
	Index    int
	RecordID uint64
	Err      error
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("evtx: event %d (record ID %d): %v", e.Index, e.RecordID, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }

// ErrRecordTooLarge is wrapped by a RecordError for an event whose record
// would not fit in one chunk (see MaxRecordSize).
var ErrRecordTooLarge = errors.New("record larger than a 64 KiB chunk can hold")

// ErrTooManyChunks is returned when the events need more chunks than the
// file header can count (65535 chunks, about 4 GiB).
var ErrTooManyChunks = errors.New("evtx: too many events for one file (more than 65535 chunks)")

// WriteFile writes events to the file at path atomically: the file appears
// complete under its name or not at all, and an existing file is replaced
// only after the new one is synced to disk.
func WriteFile(path string, events iter.Seq[*model.Event], opts Options) error {
	return atomicfile.Write(path, atomicfile.Options{Overwrite: true}, func(w io.Writer) error {
		return Write(w, events, opts)
	})
}

// Write writes events, in order, as a complete EVTX file to w. Nil events
// are an error. events may yield one scratch event, reused (see
// store.Timeline). When w is also an io.Seeker (a file), chunks are streamed
// and the file header is written last; otherwise the file is assembled in
// memory first.
//
// Events are written as given: an event that was not decoded (Decoded
// false) becomes a record with only its record ID and time.
func Write(w io.Writer, events iter.Seq[*model.Event], opts Options) error {
	fw := &fileWriter{out: w}
	if ws, ok := w.(io.WriteSeeker); ok {
		start, err := ws.Seek(0, io.SeekCurrent)
		if err == nil {
			fw.seeker, fw.start = ws, start
			// Reserve the header block; it is rewritten once the chunks are known.
			if _, err := w.Write(make([]byte, fileHeaderBlock)); err != nil {
				return err
			}
		}
	}
	if err := fw.writeEvents(events, opts); err != nil {
		return err
	}
	return fw.finish()
}

// fileWriter accumulates chunks and the counts the file header needs.
type fileWriter struct {
	out    io.Writer
	seeker io.WriteSeeker // nil: buffer chunks in mem
	start  int64
	mem    [][]byte

	chunks     int
	nextRecord uint64
	c          chunkWriter
}

func (fw *fileWriter) writeEvents(events iter.Seq[*model.Event], opts Options) error {
	fw.c.reset()
	next := opts.FirstRecordID
	if next == 0 {
		next = 1
	}
	var rec record
	i := -1
	for e := range events {
		i++
		if e == nil {
			return &RecordError{Index: i, Err: errors.New("nil event")}
		}
		id := e.RecordID
		if opts.Renumber {
			id = next
			next++
		}
		rec.build(e, opts.Channel)
		if !fw.c.add(&rec, id) {
			// Records never span chunks: start a new one, and if the
			// record does not fit in an empty chunk either, give up.
			if fw.c.count == 0 {
				return &RecordError{Index: i, RecordID: id, Err: ErrRecordTooLarge}
			}
			if err := fw.flush(); err != nil {
				return err
			}
			if !fw.c.add(&rec, id) {
				return &RecordError{Index: i, RecordID: id, Err: ErrRecordTooLarge}
			}
		}
		if id >= fw.nextRecord {
			fw.nextRecord = id + 1
		}
	}
	if fw.c.count > 0 {
		return fw.flush()
	}
	return nil
}

// flush finishes the current chunk, hands it on and starts a new one.
func (fw *fileWriter) flush() error {
	if fw.chunks >= maxChunks {
		return ErrTooManyChunks
	}
	b := fw.c.finish()
	fw.chunks++
	if fw.seeker != nil {
		if _, err := fw.out.Write(b); err != nil {
			return err
		}
	} else {
		fw.mem = append(fw.mem, append([]byte(nil), b...))
	}
	fw.c.reset()
	return nil
}

// finish writes the file header (and, when buffering, the chunks).
func (fw *fileWriter) finish() error {
	h := fileHeader(fw.chunks, fw.nextRecord)
	if fw.seeker == nil {
		if _, err := fw.out.Write(h); err != nil {
			return err
		}
		for _, b := range fw.mem {
			if _, err := fw.out.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	end, err := fw.seeker.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := fw.seeker.Seek(fw.start, io.SeekStart); err != nil {
		return err
	}
	if _, err := fw.out.Write(h[:fileHeaderSize]); err != nil {
		return err
	}
	_, err = fw.seeker.Seek(end, io.SeekStart)
	return err
}

// fileHeader returns the 4096-byte file header block for a clean file.
func fileHeader(chunks int, nextRecord uint64) []byte {
	h := make([]byte, fileHeaderBlock)
	le := binary.LittleEndian
	copy(h, "ElfFile\x00")
	le.PutUint64(h[8:], 0) // first chunk number
	last := uint64(0)
	if chunks > 0 {
		last = uint64(chunks - 1)
	}
	le.PutUint64(h[16:], last)
	if nextRecord == 0 {
		nextRecord = 1
	}
	le.PutUint64(h[24:], nextRecord)
	le.PutUint32(h[32:], fileHeaderSize)
	le.PutUint16(h[36:], 1) // minor version
	le.PutUint16(h[38:], 3) // major version
	le.PutUint16(h[40:], fileHeaderBlock)
	le.PutUint16(h[42:], uint16(chunks))
	le.PutUint32(h[120:], 0) // flags: clean, not full
	le.PutUint32(h[124:], crc32.ChecksumIEEE(h[:120]))
	return h
}
