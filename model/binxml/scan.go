package binxml

import (
	"bytes"
	"errors"
	"io"
)

// Slot is one 64 KiB slot of an EVTX file, as ScanSlots found it.
type Slot struct {
	Index  int   // slot number, 0 for the first slot after the file header
	Offset int64 // file offset of the slot
	Len    int   // bytes present: ChunkSize, or less when the file ends inside the slot
	// Chunk says the slot holds a chunk: its signature, or (MagicOK false)
	// a record at offset 0x200 behind a damaged signature. Only chunks with
	// Len >= ChunkHeaderSize are reported as chunks.
	Chunk   bool
	MagicOK bool
	// Head is the slot's first bytes (fewer when Len < 8), for reports on
	// slots that hold no chunk; all zero for a slot never written.
	Head [8]byte
}

// chunkBase returns the offset of the first slot: after the 4 KiB file
// header, or 0 for a file that starts with a chunk (a chunk carved out of
// a disk image, or a file whose header was lost).
func chunkBase(r io.ReaderAt) int64 {
	var magic [8]byte
	if n, _ := r.ReadAt(magic[:], 0); n == 8 && bytes.Equal(magic[:], chunkMagic) {
		return 0
	}
	return FileHeaderSize
}

// ScanSlots calls fn for every 64 KiB slot of an EVTX file, in file order,
// with what the slot's head shows, until fn returns false. It reads only
// each slot's first 0x204 bytes. See ScanFile for what counts as a chunk.
// The error is a read error other than the end of the file.
func ScanSlots(r io.ReaderAt, size int64, fn func(Slot) bool) error {
	var probe [ChunkHeaderSize + 4]byte
	for i, off := 0, chunkBase(r); off < size; i, off = i+1, off+ChunkSize {
		n, err := r.ReadAt(probe[:], off)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		s := Slot{Index: i, Offset: off, Len: int(min(size-off, ChunkSize))}
		if n < len(probe) && s.Len > n {
			s.Len = n // a reader shorter than size: trust what it gives
		}
		head := probe[:n]
		copy(s.Head[:], head)
		if n >= 8 && s.Len >= ChunkHeaderSize {
			s.MagicOK = bytes.Equal(head[:8], chunkMagic)
			s.Chunk = s.MagicOK || (n >= ChunkHeaderSize+4 && bytes.Equal(head[ChunkHeaderSize:ChunkHeaderSize+4], recordMagic))
		}
		if !fn(s) {
			return nil
		}
	}
	return nil
}

// ScanFile finds the chunks of an EVTX file by their signature in every
// 64 KiB slot after the 4 KiB file header (from offset 0 when the file
// starts with a chunk), whatever the file header's chunk count says: zeroed
// slots are passed over, chunks after them are still found, and a last slot
// cut short by truncation is yielded with the bytes there are
// (Chunk.Records then reports the record that is cut off). A slot whose
// signature is damaged is yielded too when a record starts at its offset
// 0x200.
//
// fn gets the slot index, the chunk's file offset and its bytes, which fn
// may keep (each chunk gets a fresh slice). Scanning stops when fn returns
// false. The error is a read error other than the end of the file.
func ScanFile(r io.ReaderAt, size int64, fn func(chunkIndex int, chunkOffset int64, data []byte) bool) error {
	var rerr error
	err := ScanSlots(r, size, func(s Slot) bool {
		if !s.Chunk {
			return true
		}
		data := make([]byte, s.Len)
		n, err := r.ReadAt(data, s.Offset)
		if err != nil && !errors.Is(err, io.EOF) {
			rerr = err
			return false
		}
		if n < ChunkHeaderSize {
			return true
		}
		return fn(s.Index, s.Offset, data[:n])
	})
	if err != nil {
		return err
	}
	return rerr
}
