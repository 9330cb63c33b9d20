package model

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// RawXML returns the XML of ev's record, re-read from its source: the
// record rendered from BinXML for EVTX, the <Event> element as written for
// XML exports. The source must have been loaded in this process (by Load or
// LoadSources) and still be readable.
func RawXML(ev *Event) (string, error) {
	v, ok := registry.Load(ev.File)
	if !ok {
		return "", fmt.Errorf("%s: not loaded in this session", ev.File)
	}
	src := v.(Source)
	if ev.Offset < 0 {
		return "", fmt.Errorf("%s: record %d has no known position", ev.File, ev.RecordID)
	}
	ra, size, err := openSource(src)
	if err != nil {
		return "", err
	}
	defer ra.Close()
	var head [8]byte
	n, _ := ra.ReadAt(head[:], 0)
	if n == 8 && (string(head[:]) == fileMagic || string(head[:]) == chunkMagic) {
		return rawEVTX(ra, size, ev)
	}
	enc, _, ok := sniffXML(head[:n])
	if !ok {
		return "", fmt.Errorf("%s: format no longer recognised", ev.File)
	}
	return rawXMLEvent(ra, size, enc, ev.Offset)
}

func rawEVTX(ra io.ReaderAt, size int64, ev *Event) (string, error) {
	if !ev.Decoded {
		return "", fmt.Errorf("record %d could not be decoded: %s", ev.RecordID, ev.DecodeError)
	}
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
	c := w.prepare(chunkOff, w.buf[:n])
	root, err := w.decode(c, int(ev.Offset-chunkOff))
	if err != nil {
		return "", fmt.Errorf("record %d: %w", ev.RecordID, err)
	}
	var b strings.Builder
	writeXML(&b, root, 0)
	return b.String(), nil
}

// rawXMLEvent returns the <Event> element starting at off, as written.
func rawXMLEvent(ra io.ReaderAt, size int64, enc xmlEncoding, off int64) (string, error) {
	r := utf8Reader(bufio.NewReader(io.NewSectionReader(ra, off, size-off)), enc)
	var out bytes.Buffer
	br := bufio.NewReader(r)
	for out.Len() < maxEventXML {
		line, err := br.ReadSlice('>')
		out.Write(line)
		if t := bytes.TrimRight(out.Bytes(), " \t\r\n>"); bytes.HasSuffix(t, closeEvent) {
			break
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			break
		}
	}
	if !bytes.HasPrefix(out.Bytes(), openEvent) {
		return "", errors.New("no <Event> element at the recorded position")
	}
	return out.String(), nil
}
