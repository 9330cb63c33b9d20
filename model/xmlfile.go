package model

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"eventlens/i18n/reason"
)

// ctxReader fails once ctx is done, so that a loop reading a long stream
// that yields no output (a file that is one huge comment) still stops
// promptly when the load is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

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
//
// It follows XML's lexical structure, not the text: "<Event" or "</Event>"
// inside a comment, a CDATA section, a processing instruction, a
// declaration or an attribute value is data, never a boundary, so a string
// in a log cannot forge an event or hide a real one.
//
// An <Event> element inside another is read as XML reads it, as part of
// the enclosing event, only where Windows' event schema lets other XML in:
// one, inside <UserData>, closed before the enclosing event is (see
// nest). Anywhere else, or when the enclosing event never closes, it is
// taken for the next event and the enclosing one for an unclosed event, as
// a truncated export gives: the unclosed one is reported as skipped.
type eventSplitter struct {
	r    io.Reader
	enc  xmlEncoding
	buf  []byte
	eof  bool
	err  error
	off  int64 // offset in the original file of buf[0]
	line int   // line number of buf[0]

	pos   int    // next byte of buf to look at
	until []byte // inside a comment, CDATA section or PI: what ends it
	open  bool   // buf[0] starts an <Event> element being cut

	// Inside the event being cut: how many elements are open (the <Event>
	// itself counted), whether its open child is <UserData>, and where in
	// buf an <Event> nested in that UserData starts (0: none) and whether
	// it is still open.
	depth    int
	inUser   bool
	nestAt   int
	nestOpen bool
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
	s.pos = max(s.pos-n, 0)
}

// fragment is one <Event> element's text and where it came from.
type fragment struct {
	text   []byte
	offset int64
	line   int
	// bad is set when the element is not closed before the next <Event or
	// the end of the file, or is too large.
	bad reason.Reason
	// nested is the line of an <Event> element inside this one's
	// UserData, read as its data; 0 when there is none.
	nested int
}

// markup kinds markupAt tells apart.
type markupKind uint8

const (
	mkText    markupKind = iota // a "<" that starts no markup
	mkStart                     // start tag (or empty-element tag)
	mkEnd                       // end tag
	mkSkip                      // comment, CDATA section or PI: skip to its terminator
	mkDecl                      // <!DOCTYPE ...> and other declarations
	mkPartial                   // cannot tell yet: more input needed
)

var (
	commentOpen = []byte("<!--")
	cdataOpen   = []byte("<![CDATA[")
	piOpen      = []byte("<?")
)

// markupAt classifies the markup starting with the '<' at b[i]. For tags and
// declarations end is just past their '>'; for mkSkip it is past the
// opener and until is the terminator. name is a tag's name.
func markupAt(b []byte, i int) (kind markupKind, name []byte, end int, until []byte) {
	rest := b[i:]
	for _, o := range []struct {
		open, until []byte
	}{{commentOpen, []byte("-->")}, {cdataOpen, []byte("]]>")}, {piOpen, []byte("?>")}} {
		if bytes.HasPrefix(rest, o.open) {
			return mkSkip, nil, i + len(o.open), o.until
		}
		if len(rest) < len(o.open) && bytes.HasPrefix(o.open, rest) {
			return mkPartial, nil, 0, nil
		}
	}
	if len(rest) < 2 {
		return mkPartial, nil, 0, nil
	}
	switch c := rest[1]; {
	case c == '!':
		// A declaration: '>' ends it outside quotes and an internal subset.
		if j := tagEnd(rest, 2, true); j >= 0 {
			return mkDecl, nil, i + j + 1, nil
		}
		return mkPartial, nil, 0, nil
	case c == '/':
		j := bytes.IndexByte(rest, '>')
		if j < 0 {
			return mkPartial, nil, 0, nil
		}
		return mkEnd, tagName(rest[2:j]), i + j + 1, nil
	case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '<' || c == '>' || c == '=':
		return mkText, nil, i + 1, nil
	}
	if j := tagEnd(rest, 1, false); j >= 0 {
		return mkStart, tagName(rest[1:j]), i + j + 1, nil
	}
	return mkPartial, nil, 0, nil
}

// tagEnd returns the index of the '>' that ends the tag or declaration in
// s, looking from from, skipping quoted values and, with brackets, a
// DOCTYPE's internal subset; -1 if s holds no end.
func tagEnd[T string | []byte](s T, from int, brackets bool) int {
	depth, quote := 0, byte(0)
	for j := from; j < len(s); j++ {
		switch c := s[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case brackets && c == '[':
			depth++
		case brackets && c == ']':
			depth--
		case c == '>' && depth <= 0:
			return j
		}
	}
	return -1
}

// tagName is a tag's name: what comes before white space, '/' or the end.
func tagName(b []byte) []byte {
	if k := bytes.IndexAny(b, " \t\r\n/"); k >= 0 {
		return b[:k]
	}
	return b
}

// next returns the next fragment, or ok=false at the end. The fragment's
// text is valid until the next call.
func (s *eventSplitter) next(pending *int) (f fragment, ok bool) {
	// Drop what was returned last time.
	if *pending > 0 {
		s.consume(*pending)
		*pending = 0
	}
	grown := 0 // buffer length at which to scan again
	for {
		if len(s.buf) >= grown || s.eof {
			if f, ok := s.scan(pending); ok {
				return f, true
			}
			if !s.open {
				s.consume(s.pos)
			}
			// Partial markup is looked at again only once the buffer has
			// doubled, so a huge tag arriving in small reads costs
			// linear time; terminator searches resume where they stopped.
			grown = len(s.buf) + max(len(s.buf)-s.pos, 1)
			if s.until != nil {
				grown = 0
			}
			if s.eof {
				if s.nestAt > 0 {
					return s.unnest(pending), true
				}
				if s.open {
					s.open = false
					return s.cut(len(s.buf), pending, reason.New(reason.XMLNotClosedAtEOF)), true
				}
				return fragment{}, false
			}
		}
		if len(s.buf) > maxEventXML {
			if s.nestAt > 0 {
				return s.unnest(pending), true
			}
			if s.open {
				// Skip the oversized element; what follows is read as
				// text outside any event, up to the next start tag.
				s.open = false
				return s.cut(len(s.buf), pending, reason.New(reason.XMLTooLarge, strconv.Itoa(maxEventXML>>20))), true
			}
			// Markup outside any event that never ends: drop it.
			s.consume(len(s.buf))
			s.until = nil
			grown = 0
		}
		s.fill()
	}
}

// scan advances pos through markup until a fragment is complete (ok) or
// more input is needed.
func (s *eventSplitter) scan(pending *int) (f fragment, ok bool) {
	for {
		if s.until != nil {
			i := bytes.Index(s.buf[s.pos:], s.until)
			if i < 0 {
				s.pos = max(s.pos, len(s.buf)-len(s.until)+1)
				return fragment{}, false
			}
			s.pos += i + len(s.until)
			s.until = nil
		}
		i := bytes.IndexByte(s.buf[s.pos:], '<')
		if i < 0 {
			s.pos = len(s.buf)
			return fragment{}, false
		}
		s.pos += i
		kind, name, end, until := markupAt(s.buf, s.pos)
		switch kind {
		case mkPartial:
			return fragment{}, false
		case mkSkip:
			s.until = until
		case mkStart:
			empty := s.buf[end-2] == '/'
			switch {
			case !bytes.Equal(name, openEvent[1:]):
				if s.open && !empty {
					s.depth++
					s.inUser = s.inUser || s.depth == 2 && string(name) == "UserData"
				}
			case s.open && s.nestAt > 0:
				// A second nested <Event>: the first was no data
				// but the next event.
				return s.unnest(pending), true
			case s.open && s.inUser && !empty:
				s.nestAt, s.nestOpen = s.pos, true
				s.depth++
			case s.open && s.inUser:
				// An empty <Event/> in UserData is data like any other element.
			case s.open:
				// The next event starts before this one ended; pos
				// stays on its '<' so the next call starts it.
				s.open = false
				return s.cutUnclosed(s.pos, pending), true
			default:
				start := s.pos
				s.consume(start) // the fragment starts buf
				end -= start
				s.open, s.depth, s.inUser, s.nestAt, s.nestOpen = true, 1, false, 0, false
				if empty {
					s.pos = end
					s.open = false
					return s.cut(end, pending, reason.New(reason.XMLEmptyEvent)), true
				}
			}
		case mkEnd:
			if !s.open {
				break
			}
			s.depth--
			switch {
			case bytes.Equal(name, closeEvent[2:]) && s.nestOpen:
				s.nestOpen = false
			case bytes.Equal(name, closeEvent[2:]):
				s.pos = end
				s.open = false
				f := s.cut(end, pending, reason.Reason{})
				if s.nestAt > 0 {
					f.nested = f.line + bytes.Count(s.buf[:s.nestAt], []byte{'\n'})
					s.nestAt = 0
				}
				return f, true
			case s.nestAt > 0 && s.depth < 1:
				// The enclosing event's elements are all closed, but
				// not by </Event>: it ended before the nested one
				// began.
				return s.unnest(pending), true
			case s.depth == 1:
				s.inUser = false
			}
		}
		s.pos = end
	}
}

// unnest takes back the nested <Event> the event being cut was thought to
// hold: that event ends, skipped, where it began, and the next call starts
// there.
func (s *eventSplitter) unnest(pending *int) fragment {
	at := s.nestAt
	s.open, s.nestAt, s.nestOpen, s.until = false, 0, false, nil
	s.pos = at
	return s.cutUnclosed(at, pending)
}

// cutUnclosed cuts the event being cut, as skipped, at n where the next
// <Event> starts.
func (s *eventSplitter) cutUnclosed(n int, pending *int) fragment {
	next := s.line + 1 + bytes.Count(s.buf[:n], []byte{'\n'})
	return s.cut(n, pending, reason.New(reason.XMLNotClosedBeforeEvent, strconv.Itoa(next)))
}

func (s *eventSplitter) cut(n int, pending *int, bad reason.Reason) fragment {
	*pending = n
	return fragment{text: s.buf[:n], offset: s.off, line: s.line + 1, bad: bad}
}

// safeParseEventXML is parseEventXML in a parser goroutine: a panic there
// (none is known) would end the process, so it becomes an error.
func safeParseEventXML(text []byte) (n *node, cut cuts, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	return parseEventXML(text)
}

// cuts records which limits parsing one event ran into.
type cuts struct {
	deep, many, long bool
}

// why says which limits were met; the zero Reason if none.
func (c cuts) why() reason.Reason {
	var r reason.Reason
	if c.deep {
		r = reason.Join(r, reason.New(reason.CutDeep, strconv.Itoa(maxTreeDepth)))
	}
	if c.many {
		r = reason.Join(r, reason.New(reason.CutMany, strconv.Itoa(maxElements)))
	}
	if c.long {
		r = reason.Join(r, reason.New(reason.CutLong, strconv.Itoa(maxValueBytes>>20)))
	}
	return r
}

// maxElements bounds the elements of one event's tree (see maxTreeDepth).
const maxElements = 1 << 16

// parseEventXML parses one <Event> element into a node tree, within the
// limits on depth, element count and value size; what lies beyond them is
// left out and reported in cut.
func parseEventXML(text []byte) (*node, cuts, error) {
	d := xml.NewDecoder(bytes.NewReader(text))
	type level struct {
		n    *node
		text []byte // joined once at the end tag: pieces split by comments cost linear time
	}
	var (
		stack    []level
		root     *node
		cut      cuts
		skip     int // depth inside elements left out
		elements int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, cut, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 || len(stack) > maxTreeDepth || elements >= maxElements {
				cut.deep = cut.deep || len(stack) > maxTreeDepth
				cut.many = cut.many || elements >= maxElements
				skip++
				continue
			}
			elements++
			n := &node{name: t.Name.Local}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				v := a.Value
				if len(v) > maxValueBytes {
					v, cut.long = v[:maxValueBytes], true
				}
				n.attrs = append(n.attrs, attr{name: a.Name.Local, value: v})
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1].n
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, level{n: n})
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.n.text = string(top.text)
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if skip > 0 || len(stack) == 0 {
				continue
			}
			top := &stack[len(stack)-1]
			room := maxValueBytes - len(top.text)
			if len(t) > room {
				t, cut.long = t[:max(room, 0)], true
			}
			top.text = append(top.text, t...)
		}
	}
	if root == nil {
		return nil, cut, errors.New("no element")
	}
	trimLayout(root)
	return root, cut, nil
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
	timeListed, timeMore := 0, 0 // events with their time unknown, listed and not
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
			for _, p := range res.problems {
				// A file whose events all lack a time would otherwise
				// list one problem per event.
				if p.Reason.Kind == reason.EventTimeUnknown {
					if timeListed == maxTimeProblems {
						timeMore++
						continue
					}
					timeListed++
				}
				rep.Problems = append(rep.Problems, p)
			}
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
	if timeMore > 0 {
		why := reason.New(reason.TimeMore, strconv.Itoa(timeMore))
		rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: -1, Reason: why})
	}

	if s.err != nil && !errors.Is(s.err, context.Canceled) {
		rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: s.off, Reason: reason.New(reason.XMLReadError, s.err.Error())})
	}
	if rep.RecordsDecoded == 0 && rep.RecordsSkipped == 0 && !errors.Is(s.err, context.Canceled) {
		rep.Problems = append(rep.Problems, Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.NoEventElement)})
	}
}

// parseBlock parses a block's fragments. A fragment's text aliases b.buf,
// which was copied out of the splitter's buffer: events keep none of it.
func parseBlock(b *xmlBlock, name string) (res xmlResult) {
	res.evs = make([]Event, 0, len(b.frags))
	for _, f := range b.frags {
		if f.bad.IsZero() {
			root, cut, err := safeParseEventXML(f.text)
			switch {
			case err != nil:
				f.bad = reason.New(reason.Detail, err.Error())
				var se *xml.SyntaxError
				if errors.As(err, &se) {
					f.bad = reason.New(reason.XMLSyntax, strconv.Itoa(f.line+se.Line-1), se.Msg)
				}
			case root.name != "Event":
				f.bad = reason.New(reason.XMLNotEvent)
			default:
				ev := Event{File: name, Offset: f.offset, Decoded: true}
				note := reason.Join(cut.why(), fillEventCut(&ev, root))
				if !note.IsZero() {
					res.problems = append(res.problems, Problem{Chunk: -1, Offset: f.offset, Reason: reason.New(reason.EventCut, strconv.Itoa(f.line)).With(note)})
				}
				if f.nested > 0 {
					res.problems = append(res.problems, Problem{Chunk: -1, Offset: f.offset, Reason: reason.New(reason.EventNested, strconv.Itoa(f.line), strconv.Itoa(f.nested))})
				}
				if why := badTime(root, ev.Time); !why.IsZero() {
					// Kept, its time unknown (zero), which every view shows
					// as unknown rather than as year 1.
					ev.Time = time.Time{}
					ev.DecodeError = why.String()
					res.problems = append(res.problems, Problem{Chunk: -1, Offset: f.offset, Record: ev.RecordID,
						Reason: reason.New(reason.EventTimeUnknown, strconv.Itoa(f.line)).With(why)})
				}
				res.evs = append(res.evs, ev)
				res.decoded++
			}
		}
		if !f.bad.IsZero() {
			res.skipped++
			res.problems = append(res.problems, Problem{Chunk: -1, Offset: f.offset, Reason: reason.New(reason.EventMalformed, strconv.Itoa(f.line)).With(f.bad)})
		}
	}
	return res
}

// maxTimeProblems bounds the events with their time unknown that a file's
// report lists one by one; the rest are counted.
const maxTimeProblems = 100

// badTime says why an event's System/TimeCreated gave no time, or nothing
// when it gave t: missing, empty, or not a time Windows can write
// (parseTime; year 1, or a year past 9999 such as FILETIME's maximum
// 30828, are none).
func badTime(root *node, t time.Time) reason.Reason {
	const attr = "System/TimeCreated/@SystemTime"
	for _, sec := range root.kids {
		if sec.name != "System" {
			continue
		}
		for _, f := range sec.kids {
			if f.name != "TimeCreated" {
				continue
			}
			s, ok := f.attr("SystemTime")
			switch {
			case !ok || strings.TrimSpace(s) == "":
				return reason.New(reason.TimeMissing, attr)
			case t.IsZero():
				return reason.New(reason.TimeInvalid, attr, strconv.Quote(clipValue(s)))
			}
			return reason.Reason{}
		}
	}
	return reason.New(reason.TimeMissing, "System/TimeCreated")
}

// clipValue shortens a value quoted in a problem to 64 bytes.
func clipValue(s string) string {
	if len(s) <= 64 {
		return s
	}
	s = s[:64]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
