package model

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// xmlEncoding is how an Event Viewer XML file is encoded.
type xmlEncoding int

const (
	encUTF8 xmlEncoding = iota
	encUTF16LE
	encUTF16BE
)

// sniffXML reports whether head looks like the start of an XML document, its
// encoding, and the length of its byte order mark.
func sniffXML(head []byte) (enc xmlEncoding, bom int, ok bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8, 3, true
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return encUTF16LE, 2, true
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return encUTF16BE, 2, true
	case len(head) >= 2 && head[0] == '<' && head[1] == 0:
		return encUTF16LE, 0, true
	case len(head) >= 2 && head[0] == 0 && head[1] == '<':
		return encUTF16BE, 0, true
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) > 0 && t[0] == '<' {
		return encUTF8, 0, true
	}
	return 0, 0, false
}

// utf8Reader returns r (positioned after the BOM) decoded to UTF-8.
func utf8Reader(r io.Reader, enc xmlEncoding) io.Reader {
	switch enc {
	case encUTF16LE:
		return transform.NewReader(r, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder())
	case encUTF16BE:
		return transform.NewReader(r, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder())
	}
	return r
}

// maxEventXML bounds one <Event> element; a larger one is skipped so a
// broken file cannot make the reader hold gigabytes.
const maxEventXML = 32 << 20

// eventSplitter cuts a UTF-8 stream into <Event>...</Event> fragments
// without holding more than one event (plus a read block) in memory. Each
// fragment is then parsed on its own, so a malformed event is skipped and the
// next one still loads — encoding/xml cannot continue after a syntax error.
type eventSplitter struct {
	r    io.Reader
	enc  xmlEncoding
	buf  []byte
	eof  bool
	err  error
	off  int64 // offset in the original file of buf[0]
	line int   // line number of buf[0]
}

var (
	openEvent  = []byte("<Event")
	closeEvent = []byte("</Event")
)

// fill reads more of the stream; it returns false at the end.
func (s *eventSplitter) fill() bool {
	if s.eof {
		return false
	}
	if cap(s.buf)-len(s.buf) < 64<<10 {
		nb := make([]byte, len(s.buf), 2*cap(s.buf)+128<<10)
		copy(nb, s.buf)
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if err != nil {
		s.eof = true
		if err != io.EOF {
			s.err = err
		}
	}
	return n > 0 || !s.eof
}

// consume drops buf[:n], keeping the file offset and line number right.
func (s *eventSplitter) consume(n int) {
	p := s.buf[:n]
	s.line += bytes.Count(p, []byte{'\n'})
	if s.enc == encUTF8 {
		s.off += int64(n)
	} else {
		// Each rune was 2 or 4 bytes of UTF-16 in the file.
		for len(p) > 0 {
			r, sz := utf8.DecodeRune(p)
			p = p[sz:]
			if r >= 0x10000 {
				s.off += 4
			} else {
				s.off += 2
			}
		}
	}
	rest := copy(s.buf, s.buf[n:])
	s.buf = s.buf[:rest]
}

// openAt returns the index of the next "<Event" start tag at or after from
// (not "<Events"), or -1.
func openAt(b []byte, from int) (int, bool) {
	for {
		i := bytes.Index(b[from:], openEvent)
		if i < 0 {
			return -1, true
		}
		j := from + i + len(openEvent)
		if j >= len(b) {
			return from + i, false // cannot tell yet
		}
		switch b[j] {
		case ' ', '\t', '\r', '\n', '>', '/':
			return from + i, true
		}
		from = j
	}
}

// fragment is one <Event> element's text and where it came from.
type fragment struct {
	text   []byte
	offset int64
	line   int
	// bad is set when the element is not closed before the next <Event or
	// the end of the file, or is too large.
	bad string
}

// next returns the next fragment, or ok=false at the end. The fragment's
// text is valid until the next call.
func (s *eventSplitter) next(pending *int) (f fragment, ok bool) {
	// Drop what was returned last time.
	if *pending > 0 {
		s.consume(*pending)
		*pending = 0
	}
	// Find the start of the next event.
	for {
		i, sure := openAt(s.buf, 0)
		if i >= 0 && sure {
			s.consume(i)
			break
		}
		keep := len(openEvent) // a start tag may straddle the read boundary
		if i >= 0 {
			keep = len(s.buf) - i
		}
		if len(s.buf) > keep {
			s.consume(len(s.buf) - keep)
		}
		if !s.fill() {
			return fragment{}, false
		}
	}
	// Find its end: "</Event" [space] ">" — or the next "<Event", which
	// means this one was never closed.
	scan, oscan := len(openEvent), len(openEvent)
	for {
		if c := bytes.Index(s.buf[scan:], closeEvent); c >= 0 {
			c += scan
			if nx, _ := openAt(s.buf[:c], min(oscan, c)); nx >= 0 {
				return s.cut(nx, pending, "element not closed before the next <Event>"), true
			}
			j := c + len(closeEvent)
			for j < len(s.buf) && (s.buf[j] == ' ' || s.buf[j] == '\t' || s.buf[j] == '\r' || s.buf[j] == '\n') {
				j++
			}
			if j < len(s.buf) {
				if s.buf[j] == '>' {
					return s.cut(j+1, pending, ""), true
				}
				scan = j // "</Events>" or similar
				continue
			}
		} else {
			nx, sure := openAt(s.buf, oscan)
			if nx >= 0 && sure {
				return s.cut(nx, pending, "element not closed before the next <Event>"), true
			}
			// Do not rescan what has been searched already.
			if nx >= 0 {
				oscan = nx
			} else {
				oscan = max(oscan, len(s.buf)-len(openEvent))
			}
			scan = max(scan, len(s.buf)-len(closeEvent)-16)
		}
		if len(s.buf) > maxEventXML {
			// Skip the oversized element up to the next start tag.
			n := len(s.buf)
			return s.cut(n, pending, fmt.Sprintf("element larger than %d MiB", maxEventXML>>20)), true
		}
		if !s.fill() {
			if len(s.buf) == 0 {
				return fragment{}, false
			}
			return s.cut(len(s.buf), pending, "element not closed before the end of the file"), true
		}
	}
}

func (s *eventSplitter) cut(n int, pending *int, bad string) fragment {
	*pending = n
	return fragment{text: s.buf[:n], offset: s.off, line: s.line + 1, bad: bad}
}

// safeParseEventXML is parseEventXML in a parser goroutine: a panic there
// (none is known) would end the process, so it becomes an error.
func safeParseEventXML(text []byte) (n *node, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	return parseEventXML(text)
}

// parseEventXML parses one <Event> element into a node tree.
func parseEventXML(text []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(text))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				n.attrs = append(n.attrs, attr{name: a.Name.Local, value: a.Value})
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no element")
	}
	trimLayout(root)
	return root, nil
}

// trimLayout drops the indentation whitespace pretty-printed exports put
// between elements, keeping text of leaf elements exactly as written.
func trimLayout(n *node) {
	if len(n.kids) > 0 {
		if strings.TrimSpace(n.text) == "" {
			n.text = ""
		}
		for _, k := range n.kids {
			trimLayout(k)
		}
	}
}

// xmlBlock is a run of consecutive <Event> fragments, parsed together by
// one of readXML's parsers.
type xmlBlock struct {
	buf   []byte // the fragments' text, one after the other
	frags []fragment
	end   int64 // file offset reached, for progress
	res   chan xmlResult
}

type xmlResult struct {
	evs              []Event
	problems         []Problem
	decoded, skipped int
}

// xmlBlockBytes bounds a block's text, so memory stays bounded by a few
// blocks per parser whatever the file size.
const xmlBlockBytes = 1 << 20

// readXML streams an Event Viewer XML file (either shape) and calls out, on
// one goroutine, with events in file order, in batches of up to batch. The
// splitting runs on the calling goroutine; par goroutines parse the blocks
// of events it cuts. out's second argument is the file offset reached; when
// out returns false, readXML stops.
func readXML(r io.Reader, name string, batch, par int, rep *FileReport, out func(evs []Event, done int64) bool) {
	head := make([]byte, 4)
	br := bufio.NewReaderSize(r, 64<<10)
	h, _ := br.Peek(4)
	copy(head, h)
	enc, bom, _ := sniffXML(head[:len(h)])
	br.Discard(bom)
	s := &eventSplitter{r: utf8Reader(br, enc), enc: enc, off: int64(bom)}

	par = max(par, 1)
	work := make(chan *xmlBlock, par)
	order := make(chan *xmlBlock, 2*par)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range par {
		wg.Go(func() {
			for b := range work {
				b.res <- parseBlock(b, name)
			}
		})
	}
	emitted := make(chan struct{})
	go func() {
		defer close(emitted)
		stopped := false
		for b := range order { // drained to the end, so no parser blocks
			res := <-b.res
			if stopped {
				continue
			}
			rep.RecordsDecoded += res.decoded
			rep.RecordsSkipped += res.skipped
			rep.Problems = append(rep.Problems, res.problems...)
			if !out(res.evs, b.end) {
				stopped = true
				close(stop)
			}
		}
	}()

	newBlock := func() *xmlBlock { return &xmlBlock{res: make(chan xmlResult, 1)} }
	cur := newBlock()
	// send hands cur to a parser and queues it for output, in that order,
	// so everything queued for output is being parsed.
	send := func() bool {
		if len(cur.frags) == 0 {
			return true
		}
		select {
		case work <- cur:
		case <-stop:
			return false
		}
		order <- cur
		cur = newBlock()
		return true
	}
	pending := 0
	for {
		f, ok := s.next(&pending)
		if !ok {
			break
		}
		start := len(cur.buf)
		cur.buf = append(cur.buf, f.text...)
		f.text = cur.buf[start:len(cur.buf):len(cur.buf)]
		cur.frags = append(cur.frags, f)
		cur.end = f.offset
		if len(cur.frags) >= batch || len(cur.buf) >= xmlBlockBytes {
			if !send() {
				break
			}
		}
	}
	send()
	close(work)
	close(order)
	<-emitted
	wg.Wait()

	if s.err != nil {
		rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: s.off, Reason: "read error: " + s.err.Error()})
	}
	if rep.RecordsDecoded == 0 && rep.RecordsSkipped == 0 {
		rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: -1, Reason: "no <Event> element found"})
	}
}

// parseBlock parses a block's fragments. A fragment's text aliases b.buf,
// which was copied out of the splitter's buffer: events keep none of it.
func parseBlock(b *xmlBlock, name string) (res xmlResult) {
	res.evs = make([]Event, 0, len(b.frags))
	for _, f := range b.frags {
		if f.bad == "" {
			root, err := safeParseEventXML(f.text)
			switch {
			case err != nil:
				f.bad = err.Error()
				var se *xml.SyntaxError
				if errors.As(err, &se) {
					f.bad = fmt.Sprintf("line %d: %s", f.line+se.Line-1, se.Msg)
				}
			case root.name != "Event":
				f.bad = "not an <Event> element"
			default:
				ev := Event{File: name, Offset: f.offset, Decoded: true}
				fillEvent(&ev, root)
				res.evs = append(res.evs, ev)
				res.decoded++
			}
		}
		if f.bad != "" {
			res.skipped++
			res.problems = append(res.problems, Problem{Chunk: -1, Offset: f.offset, Reason: fmt.Sprintf("malformed <Event> at line %d skipped: %s", f.line, f.bad)})
		}
	}
	return res
}
