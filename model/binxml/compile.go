package binxml

import (
	"errors"
	"eventlens/i18n/reason"
	"fmt"
	"strconv"
)

// BinXml tokens (MS-EVEN6 2.2.12). The 0x40 bit of some tokens is the
// "more" flag: attributes follow (0x41) or more data follows (0x45, 0x46...).
const (
	tokEOF               = 0x00
	tokOpenStartElement  = 0x01
	tokCloseStartElement = 0x02
	tokCloseEmptyElement = 0x03
	tokEndElement        = 0x04
	tokValue             = 0x05
	tokAttribute         = 0x06
	tokCDATA             = 0x07
	tokCharRef           = 0x08
	tokEntityRef         = 0x09
	tokPITarget          = 0x0a
	tokPIData            = 0x0b
	tokTemplateInstance  = 0x0c
	tokNormalSubst       = 0x0d
	tokOptionalSubst     = 0x0e
	tokFragmentHeader    = 0x0f
	tokMoreFlag          = 0x40
)

// Limits that keep a crafted chunk from costing unbounded time or memory.
//
// Output is bounded by what a real record can be: a record is at most one
// chunk (64 KiB) of BinXml, and rendering it as text at most triples it
// (one-byte integers as three digits, binary as hex, each item counted with
// its slot). maxRecordOutput leaves room on top of that; maxChunkOutput
// bounds all records of a chunk together, so a template-expansion bomb
// (templates instantiating templates, each record a few bytes long) costs
// at most a small constant times the chunk's size in memory and time.
// Records past a bound are cut: Decode returns ErrExpansion. Real chunks
// stay far below: in the corpus no chunk produces more than 61 KB of text
// or needs more than 25,000 operations, no record more than 20 KB or 3,500.
const (
	maxDepth        = 24      // nested template instances and BinXml values
	maxWork         = 1 << 20 // compiled + executed operations per record
	maxChunkWork    = 4 << 20 // operations per chunk, all records together
	maxRecordOutput = MaxRecordOutput
	maxChunkOutput  = MaxChunkOutput
	itemCost        = ItemCost
	maxXML          = 16 * maxRecordOutput // bytes of XML text for one record (Chunk.XML)
	maxIntern       = 1 << 14              // interned strings kept across Reset
	maxElement      = 256                  // element nesting tracked for paths and XML
)

// The output bounds, exported so that other decoders used beside this one
// (golang-evtx in package model) keep to the same.
const (
	MaxRecordOutput = 4 * ChunkSize // bytes of text (and value slots) per record
	MaxChunkOutput  = 8 * ChunkSize // the same for all records of a chunk
	ItemCost        = 32            // what one EventData/UserData item or element costs beside its text
)

// ErrExpansion is the reason a record is cut: its templates expand it
// beyond what a real record can be (a template-expansion bomb), or the
// records of its chunk together went beyond that for a chunk.
var ErrExpansion = errors.New(ExpansionWhy().String())

// ExpansionWhy is ErrExpansion as a reason, for saying it in any language.
func ExpansionWhy() reason.Reason {
	return reason.New(reason.TemplateExpansion, strconv.Itoa(maxRecordOutput>>10), strconv.Itoa(maxChunkOutput>>10))
}

var (
	errDepth     = errors.New("nesting deeper than 24 levels")
	errWork      = fmt.Errorf("record needs more work than allowed: %w", ErrExpansion)
	errChunkWork = fmt.Errorf("chunk needs more work than allowed: %w", ErrExpansion)
	errTemplate  = errors.New("template definition refers to itself")
)

type opKind uint8

const (
	opOpen       opKind = iota + 1 // <name
	opAttr                         // attribute name; its value is the content ops that follow
	opCloseStart                   // > (children follow)
	opCloseEmpty                   // />
	opEnd                          // </name>
	opValue                        // literal value v
	opSubst                        // substitution idx (optional?)
	opCDATA                        // CDATA section v (UTF-16)
	opCharRef                      // &#idx;
	opEntityRef                    // &name;
	opPITarget                     // <?name
	opPIData                       // PI data v (UTF-16)
	opTemplate                     // template instance: tmpl with values vals[vlo:vhi]
)

// value is a typed value left in place in the chunk: type code, offset and
// length of its bytes. Nothing is converted until a sink asks for it.
type value struct {
	typ uint8
	off int32
	n   int32
}

type op struct {
	kind     opKind
	optional bool
	subst    bool  // opOpen: the element's own content or attributes hold substitutions
	end      int32 // opOpen: index of the op that closes the element
	idx      uint16
	name     string
	v        value
	tmpl     *template
	vlo, vhi int32
}

// program is a compiled BinXml fragment: a flat list of operations plus
// the substitution values of the template instances it contains.
type program struct {
	ops  []op
	vals []value
}

func (p *program) reset() {
	p.ops = p.ops[:0]
	p.vals = p.vals[:0]
}

// template is a template definition compiled once per chunk.
type template struct {
	prog      program
	err       error // why compilation stopped early; the ops before it are kept
	compiling bool
}

// DecodeError is a failure to decode part of a record, with the chunk
// offset where it happened.
type DecodeError struct {
	Offset int // chunk offset of the offending token or value
	Msg    string
	Err    error // underlying error, if any
}

func (e *DecodeError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("chunk offset 0x%x: %s: %v", e.Offset, e.Msg, e.Err)
	}
	return fmt.Sprintf("chunk offset 0x%x: %s", e.Offset, e.Msg)
}

func (e *DecodeError) Unwrap() error { return e.Err }

func errAt(off int, format string, args ...any) error {
	return &DecodeError{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// name returns the name string (MS-EVEN6 2.2.11 "Name") at off: next-offset
// u32, hash u16, character count u16, UTF-16LE characters, NUL. The hash
// and the chunk's string table are ignored on purpose: corrupt string
// caches exist in the wild. It returns the name and its encoded size.
func (c *Chunk) name(off uint32) (string, int, bool) {
	d := c.data
	o := int(off)
	if o < ChunkHeaderSize || o+10 > len(d) {
		return "", 0, false
	}
	n := int(le16(d, o+6))
	size := 8 + 2*n + 2
	if o+size > len(d) || n == 0 {
		return "", 0, false
	}
	if s, ok := c.names[off]; ok {
		return s, size, true
	}
	c.fmtBuf2 = appendUTF16(c.fmtBuf2[:0], d[o+8:o+8+2*n])
	s := c.internBytes(c.fmtBuf2)
	c.names[off] = s
	return s, size, true
}

// nameRef reads a name reference (u32 offset) at pos. If the offset points
// right behind the reference the name is stored inline and is skipped; the
// returned next is the offset after the reference (and inline name).
func (c *Chunk) nameRef(pos, end int) (name string, next int, err error) {
	if pos+4 > end {
		return "", 0, errAt(pos, "name reference past the end of the fragment")
	}
	off := le32(c.data, pos)
	next = pos + 4
	s, size, ok := c.name(off)
	if !ok {
		return "", 0, errAt(pos, "bad name offset 0x%x", off)
	}
	if int(off) == next {
		next += size
		if next > end {
			return "", 0, errAt(pos, "inline name runs past the end of the fragment")
		}
	}
	return s, next, nil
}

// plausibleName reports whether the u32 at pos is a usable name offset: an
// inline name right behind it or an earlier name in the chunk.
func (c *Chunk) plausibleName(pos, end int) bool {
	if pos+4 > end {
		return false
	}
	off := int(le32(c.data, pos))
	if off > pos+4 || off < ChunkHeaderSize {
		return false
	}
	_, size, ok := c.name(uint32(off))
	if !ok || le16(c.data, off+size-2) != 0 {
		return false
	}
	if off == pos+4 && off+size > end {
		return false
	}
	return true
}

// template returns the compiled template definition at off (the offset of
// its header: next-definition u32, GUID, data size u32, then the BinXml).
// Definitions are compiled on first use wherever they are in the chunk, so
// a definition whose first record was lost is still found.
func (c *Chunk) template(off uint32, depth int) (*template, error) {
	if t, ok := c.templates[off]; ok {
		if t.compiling {
			return nil, errTemplate
		}
		return t, nil
	}
	o := int(off)
	if o < ChunkHeaderSize || o+24 > len(c.data) {
		return nil, errAt(o, "template definition offset 0x%x outside the chunk", off)
	}
	t := &template{compiling: true}
	c.templates[off] = t
	size := int(le32(c.data, o+20))
	end := o + 24 + size
	if size < 0 || end > len(c.data) {
		end = len(c.data)
	}
	_, err := c.compile(&t.prog, o+24, end, true, depth+1)
	if err == errWork || err == errDepth {
		// The current record ran out of budget; the definition itself may
		// be fine for the next record.
		delete(c.templates, off)
		return nil, err
	}
	t.err = err
	t.compiling = false
	return t, nil
}

// compile translates the BinXml token stream in data[off:end] into p, up to
// the end-of-fragment token. depID says whether start-element tokens carry
// the 2-byte dependency identifier (template definitions do; elements in
// records and in BinXml-typed values do not); a start element that does not
// parse one way is tried the other way. On error the ops compiled so far
// are kept, open elements are closed, and the error says where it stopped.
func (c *Chunk) compile(p *program, off, end int, depID bool, depth int) (int, error) {
	if depth > maxDepth {
		return off, errDepth
	}
	if end > len(c.data) {
		end = len(c.data)
	}
	open, inStart := 0, false
	var stack [maxElement]int32 // index of each open element's opOpen
	closeElem := func(k opKind) {
		open--
		p.ops[stack[open]].end = int32(len(p.ops))
		p.ops = append(p.ops, op{kind: k})
	}
	fail := func(err error) (int, error) {
		if inStart {
			closeElem(opCloseEmpty)
		}
		for open > 0 {
			closeElem(opEnd)
		}
		return off, err
	}
	d := c.data
	for off < end {
		c.work++
		if c.work > maxWork {
			return fail(errWork)
		}
		tok := d[off]
		switch tok &^ tokMoreFlag {
		case tokEOF:
			if tok != tokEOF {
				return fail(errAt(off, "unknown token 0x%02x", tok))
			}
			if open > 0 {
				return fail(errAt(off, "end of fragment with %d elements open", open))
			}
			return off + 1, nil
		case tokFragmentHeader:
			if tok != tokFragmentHeader {
				return fail(errAt(off, "unknown token 0x%02x", tok))
			}
			off += 4
		case tokOpenStartElement:
			if inStart {
				return fail(errAt(off, "element starts inside a start tag"))
			}
			if open >= maxElement {
				return fail(errAt(off, "elements nested deeper than %d", maxElement))
			}
			skip := 4 // data size
			if depID {
				skip = 6 // dependency id + data size
			}
			if !c.plausibleName(off+1+skip, end) {
				alt := 10 - skip
				if c.plausibleName(off+1+alt, end) {
					skip = alt
				}
			}
			name, next, err := c.nameRef(off+1+skip, end)
			if err != nil {
				return fail(err)
			}
			if tok&tokMoreFlag != 0 {
				next += 4 // attribute list size
			}
			stack[open] = int32(len(p.ops))
			p.ops = append(p.ops, op{kind: opOpen, name: name})
			open++
			inStart = true
			off = next
		case tokCloseStartElement:
			if !inStart {
				return fail(errAt(off, "close of a start tag that is not open"))
			}
			p.ops = append(p.ops, op{kind: opCloseStart})
			inStart = false
			off++
		case tokCloseEmptyElement:
			if !inStart {
				return fail(errAt(off, "close of a start tag that is not open"))
			}
			inStart = false
			closeElem(opCloseEmpty)
			off++
		case tokEndElement:
			if inStart || open == 0 {
				return fail(errAt(off, "end element without an open element"))
			}
			closeElem(opEnd)
			off++
		case tokValue:
			if off+2 > end {
				return fail(errAt(off, "value token past the end of the fragment"))
			}
			typ := d[off+1]
			v, next, err := c.literal(typ, off+2, end)
			if err != nil {
				return fail(err)
			}
			p.ops = append(p.ops, op{kind: opValue, v: v})
			off = next
		case tokAttribute:
			if !inStart {
				return fail(errAt(off, "attribute outside a start tag"))
			}
			name, next, err := c.nameRef(off+1, end)
			if err != nil {
				return fail(err)
			}
			p.ops = append(p.ops, op{kind: opAttr, name: name})
			off = next
		case tokCDATA, tokPIData:
			v, next, err := c.literal(1, off+1, end)
			if err != nil {
				return fail(err)
			}
			k := opCDATA
			if tok&^tokMoreFlag == tokPIData {
				k = opPIData
			}
			p.ops = append(p.ops, op{kind: k, v: v})
			off = next
		case tokCharRef:
			if off+3 > end {
				return fail(errAt(off, "character reference past the end of the fragment"))
			}
			p.ops = append(p.ops, op{kind: opCharRef, idx: le16(d, off+1)})
			off += 3
		case tokEntityRef, tokPITarget:
			name, next, err := c.nameRef(off+1, end)
			if err != nil {
				return fail(err)
			}
			k := opEntityRef
			if tok&^tokMoreFlag == tokPITarget {
				k = opPITarget
			}
			p.ops = append(p.ops, op{kind: k, name: name})
			off = next
		case tokTemplateInstance:
			next, err := c.templateInstance(p, off, end, depth)
			if err != nil {
				return fail(err)
			}
			off = next
		case tokNormalSubst, tokOptionalSubst:
			if off+4 > end {
				return fail(errAt(off, "substitution past the end of the fragment"))
			}
			if open > 0 {
				p.ops[stack[open-1]].subst = true
			}
			p.ops = append(p.ops, op{kind: opSubst, idx: le16(d, off+1), optional: tok&^tokMoreFlag == tokOptionalSubst, v: value{typ: d[off+3]}})
			off += 4
		default:
			return fail(errAt(off, "unknown token 0x%02x", tok))
		}
	}
	if open > 0 || inStart {
		return fail(errAt(off, "fragment ends with %d elements open", open))
	}
	return off, nil
}

// templateInstance compiles a template instance token at off: the reference
// to (or inline copy of) the definition, then the value descriptors and the
// values themselves, which are recorded in p.vals.
func (c *Chunk) templateInstance(p *program, off, end, depth int) (int, error) {
	d := c.data
	if off+10 > end {
		return off, errAt(off, "template instance past the end of the fragment")
	}
	defOff := le32(d, off+6)
	pos := off + 10
	if int(defOff) == pos { // definition inline: skip header and body
		if pos+24 > end {
			return off, errAt(off, "inline template definition past the end of the fragment")
		}
		pos += 24 + int(le32(d, pos+20))
		if pos > end || pos < off {
			return off, errAt(off, "inline template definition of %d bytes runs past the record", le32(d, off+30))
		}
	}
	tmpl, terr := c.template(defOff, depth)
	if terr != nil {
		return off, &DecodeError{Offset: off, Msg: fmt.Sprintf("template at 0x%x", defOff), Err: terr}
	}
	if pos+4 > end {
		return off, errAt(pos, "template instance without value count")
	}
	count := int(le32(d, pos))
	pos += 4
	if count < 0 || count > (end-pos)/4 {
		return off, errAt(pos-4, "template instance claims %d values", count)
	}
	vlo := len(p.vals)
	vpos := pos + 4*count
	var err error
	for i := 0; i < count; i++ {
		size := int(le16(d, pos+4*i))
		typ := d[pos+4*i+2]
		if vpos+size > end {
			err = errAt(vpos, "value %d of %d (type 0x%02x, %d bytes) runs past the record", i, count, typ, size)
			break
		}
		p.vals = append(p.vals, value{typ: typ, off: int32(vpos), n: int32(size)})
		vpos += size
	}
	c.valEnd = max(c.valEnd, vpos)
	p.ops = append(p.ops, op{kind: opTemplate, tmpl: tmpl, vlo: int32(vlo), vhi: int32(len(p.vals))})
	if err != nil {
		return vpos, err
	}
	return vpos, nil
}

// literal reads a value token's payload of type typ at off: strings carry a
// character count, other types have their fixed size.
func (c *Chunk) literal(typ uint8, off, end int) (value, int, error) {
	switch typ {
	case typString:
		if off+2 > end {
			return value{}, off, errAt(off, "string value past the end of the fragment")
		}
		n := 2 * int(le16(c.data, off))
		if off+2+n > end {
			return value{}, off, errAt(off, "string value of %d bytes past the end of the fragment", n)
		}
		return value{typ: typString, off: int32(off + 2), n: int32(n)}, off + 2 + n, nil
	}
	n := fixedSize(typ)
	if n <= 0 {
		return value{}, off, errAt(off, "value of type 0x%02x has no fixed size", typ)
	}
	if off+n > end {
		return value{}, off, errAt(off, "value past the end of the fragment")
	}
	return value{typ: typ, off: int32(off), n: int32(n)}, off + n, nil
}
