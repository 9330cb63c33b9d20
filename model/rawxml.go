package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"eventlens/model/binxml"
	"eventlens/model/evt"
	"eventlens/model/evtext"
)

// ReadRawXML returns the XML of ev's record, re-read from src, the source
// ev was loaded from, and laid out one element per line: the record
// rendered from BinXML for EVTX, the <Event> element as written
// (re-indented) for XML exports. src must still be readable.
func ReadRawXML(src Source, ev *Event) (string, error) {
	if ev.Offset < 0 {
		return "", fmt.Errorf("%s: record %d has no known position", ev.File, ev.RecordID)
	}
	ra, size, err := openSource(src)
	if err != nil {
		return "", err
	}
	defer ra.Close()
	head := make([]byte, min(size, sniffSize))
	n, _ := ra.ReadAt(head, 0)
	head = head[:n]
	switch {
	case isEVTX(head):
		return rawEVTX(ra, size, ev)
	case looksLikeXML(head):
		enc, _, _ := sniffXML(head)
		return rawXMLEvent(ra, size, enc, ev.Offset)
	case evtext.Sniff(head):
		return "", fmt.Errorf("%s: an Event Viewer CSV/TXT export carries no event XML", ev.File)
	case evt.Sniff(head):
		return evt.RawXML(ra, size, ev.Offset, ev.File)
	}
	return "", fmt.Errorf("%s: format no longer recognised", ev.File)
}

// rawEVTX renders the record at ev.Offset as the loader decoded it:
// through golang-evtx when it can, else through binxml. A record binxml
// decodes only in part gives the XML up to the damage, with a comment
// saying why it stops.
func rawEVTX(ra io.ReaderAt, size int64, ev *Event) (string, error) {
	base := int64(fileHeaderSize)
	var magic [8]byte
	if n, _ := ra.ReadAt(magic[:], 0); n == 8 && string(magic[:]) == chunkMagic {
		base = 0
	}
	if ev.Offset < base+chunkDataStart {
		return "", fmt.Errorf("record %d: offset %d is not inside a chunk", ev.RecordID, ev.Offset)
	}
	chunkOff := base + (ev.Offset-base)/chunkSize*chunkSize
	w := newEVTXWorker()
	n := min(int64(chunkSize), size-chunkOff)
	if n < chunkDataStart {
		return "", fmt.Errorf("record %d: chunk at %d is cut off", ev.RecordID, chunkOff)
	}
	if got, _ := ra.ReadAt(w.buf[:n], chunkOff); int64(got) < n {
		return "", fmt.Errorf("record %d: chunk at %d can no longer be read", ev.RecordID, chunkOff)
	}
	data := w.buf[:n]
	bc := &w.bc
	if err := bc.Reset(data); err != nil {
		return "", fmt.Errorf("record %d: %w", ev.RecordID, err)
	}
	bc.Offset = chunkOff
	recOff := int(ev.Offset - chunkOff)
	var ref binxml.RecordRef
	found := false
	bc.Records(func(r binxml.RecordRef) bool {
		if r.Offset == recOff {
			ref, found = r, true
			return false
		}
		return r.Offset < recOff
	})
	if !found {
		return "", fmt.Errorf("record %d: no record at offset %d any more", ev.RecordID, ev.Offset)
	}
	// Our decoder first, as the loader; golang-evtx's opinion on a record
	// it cannot decode completely.
	x, err := bc.XML(ref)
	if err == nil {
		return x, nil
	}
	var libErr error
	if c, _, terr := w.prepareChunk(chunkOff, data); terr == nil && ref.Err == nil && !errors.Is(err, binxml.ErrExpansion) {
		root, lerr := w.decode(c, recOff)
		if lerr == nil {
			var b strings.Builder
			writeXML(&b, root, 0)
			return b.String(), nil
		}
		libErr = lerr
	}
	if strings.TrimSpace(x) == "" {
		if libErr != nil {
			return "", fmt.Errorf("record %d: eventlens decoder: %w; golang-evtx: %v", ev.RecordID, err, libErr)
		}
		return "", fmt.Errorf("record %d: %w", ev.RecordID, err)
	}
	return x + "\n<!-- eventlens: decoding stopped here: " + strings.ReplaceAll(err.Error(), "--", "- -") + " -->", nil
}

// rawXMLEvent returns the <Event> element starting at off, as written,
// cut where the loader's splitter cut it (comments and CDATA sections
// holding "</Event>" do not end it).
func rawXMLEvent(ra io.ReaderAt, size int64, enc xmlEncoding, off int64) (string, error) {
	s := &eventSplitter{r: utf8Reader(io.NewSectionReader(ra, off, size-off), enc), enc: enc}
	var out bytes.Buffer
	pending := 0
	if f, ok := s.next(&pending); ok && f.offset == 0 {
		out.Write(f.text)
	}
	if !bytes.HasPrefix(out.Bytes(), openEvent) {
		return "", errors.New("no <Event> element at the recorded position")
	}
	return indentXML(out.String()), nil
}
