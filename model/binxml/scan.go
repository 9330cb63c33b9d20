package binxml

import (
	"bytes"
	"errors"
	"io"
)

// ScanFile finds the chunks of an EVTX file by their signature in every
// 64 KiB slot after the 4 KiB file header, whatever the file header's
// chunk count says: zeroed slots are passed over, chunks after them are
// still found, and a last slot cut short by truncation is yielded with the
// bytes there are (Chunk.Records then reports the record that is cut off).
// A slot whose signature is damaged is yielded too when a record starts at
// its offset 0x200.
//
// fn gets the slot index, the chunk's file offset and its bytes, which fn
// may keep (each chunk gets a fresh slice). Scanning stops when fn returns
// false. The error is a read error other than the end of the file.
func ScanFile(r io.ReaderAt, size int64, fn func(chunkIndex int, chunkOffset int64, data []byte) bool) error {
	var probe [ChunkHeaderSize + 4]byte
	for i, off := 0, int64(FileHeaderSize); off < size; i, off = i+1, off+ChunkSize {
		// Look at the slot's head first so zeroed slots cost no 64 KiB read.
		n, err := r.ReadAt(probe[:], off)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		head := probe[:n]
		if n < 8 {
			continue
		}
		if !bytes.Equal(head[:8], chunkMagic) &&
			(n < ChunkHeaderSize+4 || !bytes.Equal(head[ChunkHeaderSize:ChunkHeaderSize+4], recordMagic)) {
			continue
		}
		want := int64(ChunkSize)
		if size-off < want {
			want = size - off
		}
		data := make([]byte, want)
		n, err = r.ReadAt(data, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		if n < ChunkHeaderSize {
			continue
		}
		if !fn(i, off, data[:n]) {
			return nil
		}
	}
	return nil
}
