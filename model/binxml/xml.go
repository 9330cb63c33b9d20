package binxml

import "strconv"

// XML renders the record at ref as XML text, indented by two spaces per
// level, the way Event Viewer's XML view shows it. Values are rendered as
// Windows renders them (see the package README); text is escaped. On a
// decoding error it returns the XML produced so far (elements closed) and
// the error.
func (c *Chunk) XML(ref RecordRef) (string, error) {
	s := &c.xs
	s.reset(c)
	err := c.run(ref, s)
	if err == nil && c.partial != nil {
		err = c.partial
	}
	s.closeAll()
	out := string(s.buf)
	if cap(s.buf) > 1<<20 {
		s.buf = nil // do not keep a huge buffer alive
	}
	return out, err
}

type xmlSink struct {
	c        *Chunk
	buf      []byte
	depth    int
	names    [maxElement]string
	child    [maxElement]bool
	inStart  bool // start tag written, not yet closed
	inAttr   bool
	attrName string
	charged  int // output already charged to the record's work
}

func (s *xmlSink) reset(c *Chunk) {
	s.c = c
	s.buf = s.buf[:0]
	s.charged = 0
	s.depth = 0
	s.inStart, s.inAttr = false, false
}

// check charges the markup written since the last check as work. The XML
// of one record is made on demand and not kept, so it is bounded per
// record only, by maxXML (the markup around a real record's values is a
// few times their size).
func (s *xmlSink) check() {
	if n := len(s.buf) - s.charged; n > 0 {
		s.c.work += n >> 3
	}
	s.charged = len(s.buf)
	if len(s.buf) > maxXML && s.c.err == nil {
		s.c.err = ErrExpansion
	}
}

func (s *xmlSink) indent(d int) {
	if len(s.buf) > 0 {
		s.buf = append(s.buf, '\n')
	}
	for i := 0; i < d && i < 64; i++ {
		s.buf = append(s.buf, ' ', ' ')
	}
}

func (s *xmlSink) endAttr() {
	if s.inAttr {
		s.buf = append(s.buf, '"')
		s.inAttr = false
	}
}

// finishStart closes a start tag that content is about to follow (a
// fragment may lack its close-start token).
func (s *xmlSink) finishStart() {
	if s.inStart {
		s.endAttr()
		s.buf = append(s.buf, '>')
		s.inStart = false
	}
}

func (s *xmlSink) open(name string) {
	s.finishStart()
	if s.depth > 0 && s.depth <= maxElement {
		s.child[s.depth-1] = true
	}
	s.indent(s.depth)
	s.buf = append(s.buf, '<')
	s.buf = append(s.buf, name...)
	if s.depth < maxElement {
		s.names[s.depth] = name
		s.child[s.depth] = false
	}
	s.depth++
	s.inStart = true
	s.check()
}

func (s *xmlSink) attr(name string) {
	s.endAttr()
	s.buf = append(s.buf, ' ')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, '=', '"')
	s.inAttr = true
}

func (s *xmlSink) closeStart() {
	s.finishStart()
}

func (s *xmlSink) closeEmpty() {
	s.endAttr()
	if s.inStart {
		s.buf = append(s.buf, '/', '>')
		s.inStart = false
	}
	if s.depth > 0 {
		s.depth--
	}
}

func (s *xmlSink) end() {
	if s.inStart {
		s.closeEmpty()
		return
	}
	if s.depth == 0 {
		return
	}
	s.depth--
	name := ""
	if s.depth < maxElement {
		name = s.names[s.depth]
		if s.child[s.depth] {
			s.indent(s.depth)
		}
	}
	s.buf = append(s.buf, '<', '/')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, '>')
}

func (s *xmlSink) closeAll() {
	for s.depth > 0 {
		s.end()
	}
}

func (s *xmlSink) content() {
	if !s.inAttr {
		s.finishStart()
	}
}

func (s *xmlSink) text(v value) {
	s.content()
	s.c.fmtBuf = s.c.appendValue(s.c.fmtBuf[:0], v)
	s.buf = appendEscaped(s.buf, s.c.fmtBuf, s.inAttr)
	s.check()
}

func (s *xmlSink) cdata(v value) {
	s.content()
	s.buf = append(s.buf, "<![CDATA["...)
	s.buf = s.c.appendValue(s.buf, v)
	s.buf = append(s.buf, "]]>"...)
	s.check()
}

func (s *xmlSink) charRef(r uint16) {
	s.content()
	s.buf = append(s.buf, "&#"...)
	s.buf = strconv.AppendUint(s.buf, uint64(r), 10)
	s.buf = append(s.buf, ';')
}

func (s *xmlSink) entityRef(name string) {
	s.content()
	s.buf = append(s.buf, '&')
	s.buf = append(s.buf, name...)
	s.buf = append(s.buf, ';')
}

func (s *xmlSink) pi(target string, data value) {
	if s.inAttr {
		return
	}
	s.finishStart()
	s.indent(s.depth)
	s.buf = append(s.buf, "<?"...)
	s.buf = append(s.buf, target...)
	if data.n > 0 {
		s.buf = append(s.buf, ' ')
		s.buf = s.c.appendValue(s.buf, data)
	}
	s.buf = append(s.buf, "?>"...)
	s.check()
}
