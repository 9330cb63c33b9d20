package evtxwrite

import (
	"encoding/binary"
	"hash/crc32"
	"hash/fnv"
	"unicode/utf16"
)

// BinXML tokens (MS-EVEN6 2.2.12).
const (
	tokEOF              = 0x00
	tokOpenStart        = 0x01
	tokOpenStartAttrs   = 0x41
	tokCloseStart       = 0x02
	tokCloseEmpty       = 0x03
	tokEnd              = 0x04
	tokValue            = 0x05
	tokAttrLast         = 0x06
	tokAttrMore         = 0x46
	tokTemplateInstance = 0x0c
	tokNormalSub        = 0x0d
	tokOptionalSub      = 0x0e
	tokFragment         = 0x0f
)

var le = binary.LittleEndian

// chunkWriter fills one 64 KiB chunk. Names and templates are defined
// inline the first time a chunk uses them and referenced by offset after
// that, as Windows does; both are listed in the chunk header's hash tables.
type chunkWriter struct {
	buf   [chunkSize]byte
	pos   int // free space offset
	count int

	firstID, lastID uint64
	lastRecord      int

	names      map[string]uint32 // name -> offset of its Name structure
	strBuckets [64]uint32
	templates  map[string]template // shape key -> definition
	tplBuckets [32]uint32

	// Undo log for a record that turns out not to fit.
	newNames     []string
	newTemplates []string
	savedStr     [64]uint32
	savedTpl     [32]uint32

	scratch []byte
}

type template struct {
	offset uint32 // of the template definition data
	id     uint32
}

func (c *chunkWriter) reset() {
	c.buf = [chunkSize]byte{}
	c.pos = chunkDataStart
	c.count = 0
	c.firstID, c.lastID, c.lastRecord = 0, 0, 0
	if c.names == nil {
		c.names = make(map[string]uint32)
		c.templates = make(map[string]template)
	}
	clear(c.names)
	clear(c.templates)
	c.strBuckets = [64]uint32{}
	c.tplBuckets = [32]uint32{}
}

// add appends r as record id. It reports false, leaving the chunk as it
// was, when the record does not fit in the space left.
func (c *chunkWriter) add(r *record, id uint64) bool {
	r.setRecordID(id)
	c.newNames = c.newNames[:0]
	c.newTemplates = c.newTemplates[:0]
	c.savedStr, c.savedTpl = c.strBuckets, c.tplBuckets

	base := c.pos
	b := c.scratch[:0]
	b = append(b, 0x2a, 0x2a, 0x00, 0x00)
	b = le.AppendUint32(b, 0) // size, patched below
	b = le.AppendUint64(b, id)
	b = le.AppendUint64(b, r.time)

	b = append(b, tokFragment, 1, 1, 0)
	b = c.appendTemplateInstance(b, base, r)
	b = append(b, tokEOF)
	size := len(b) + recordTrailer
	b = le.AppendUint32(b, uint32(size))
	le.PutUint32(b[4:], uint32(size))
	c.scratch = b

	// A record never ends exactly at the chunk's end: libevtx 20181227
	// silently drops such a record (its free space offset is then 65536).
	if base+size >= chunkSize || tooLargeValue(r) {
		c.undo()
		return false
	}
	copy(c.buf[base:], b)
	if c.count == 0 {
		c.firstID = id
	}
	c.lastID = id
	c.lastRecord = base
	c.pos = base + size
	c.count++
	return true
}

func tooLargeValue(r *record) bool {
	for _, d := range r.descs {
		if d.size == 0xffff {
			return true
		}
	}
	return false
}

func (c *chunkWriter) undo() {
	for _, n := range c.newNames {
		delete(c.names, n)
	}
	for _, k := range c.newTemplates {
		delete(c.templates, k)
	}
	c.strBuckets, c.tplBuckets = c.savedStr, c.savedTpl
}

// appendTemplateInstance writes the template instance: the definition
// inline when the chunk does not have it yet, then the values. b[0] is at
// chunk offset base.
func (c *chunkWriter) appendTemplateInstance(b []byte, base int, r *record) []byte {
	t, ok := c.templates[string(r.key)]
	b = append(b, tokTemplateInstance, 1)
	if ok {
		b = le.AppendUint32(b, t.id)
		b = le.AppendUint32(b, t.offset)
	} else {
		h := fnv.New128a()
		h.Write(r.key)
		guid := h.Sum(nil)
		t = template{id: le.Uint32(guid), offset: uint32(base + len(b) + 8)}
		b = le.AppendUint32(b, t.id)
		b = le.AppendUint32(b, t.offset)
		bucket := t.id % 32
		b = le.AppendUint32(b, c.tplBuckets[bucket]) // next definition in bucket
		c.tplBuckets[bucket] = t.offset
		b = append(b, guid...)
		sizeAt := len(b)
		b = le.AppendUint32(b, 0)
		b = append(b, tokFragment, 1, 1, 0)
		b = c.appendElement(b, base, r, 0)
		b = append(b, tokEOF)
		le.PutUint32(b[sizeAt:], uint32(len(b)-sizeAt-4))
		key := string(r.key)
		c.templates[key] = t
		c.newTemplates = append(c.newTemplates, key)
	}
	b = le.AppendUint32(b, uint32(len(r.descs)))
	for _, d := range r.descs {
		b = le.AppendUint16(b, d.size)
		b = append(b, d.typ, 0)
	}
	return append(b, r.data...)
}

// appendElement writes node n and its subtree as template BinXML.
func (c *chunkWriter) appendElement(b []byte, base int, r *record, n int32) []byte {
	nd := &r.nodes[n]
	attrs := r.attrs[nd.attrLo:nd.attrHi]
	tok := byte(tokOpenStart)
	if len(attrs) > 0 {
		tok = tokOpenStartAttrs
	}
	dep := uint16(0xffff)
	if nd.dependsOnSub {
		dep = uint16(nd.sub)
	}
	b = append(b, tok)
	b = le.AppendUint16(b, dep)
	sizeAt := len(b)
	b = le.AppendUint32(b, 0)
	b = c.appendName(b, base, nd.name)
	if len(attrs) > 0 {
		listAt := len(b)
		b = le.AppendUint32(b, 0)
		for i, a := range attrs {
			if i == len(attrs)-1 {
				b = append(b, tokAttrLast)
			} else {
				b = append(b, tokAttrMore)
			}
			b = c.appendName(b, base, a.name)
			if a.sub < 0 {
				b = appendValueText(b, a.text)
			} else {
				// Attributes are optional: a NULL value leaves the
				// attribute out.
				b = append(b, tokOptionalSub)
				b = le.AppendUint16(b, uint16(a.sub))
				b = append(b, a.subType)
			}
		}
		le.PutUint32(b[listAt:], uint32(len(b)-listAt-4))
	}
	if nd.sub < 0 && nd.first < 0 {
		b = append(b, tokCloseEmpty)
	} else {
		b = append(b, tokCloseStart)
		if nd.sub >= 0 {
			if nd.subOptional {
				b = append(b, tokOptionalSub)
			} else {
				b = append(b, tokNormalSub)
			}
			b = le.AppendUint16(b, uint16(nd.sub))
			b = append(b, nd.subType)
		}
		for ch := nd.first; ch >= 0; ch = r.nodes[ch].next {
			b = c.appendElement(b, base, r, ch)
		}
		b = append(b, tokEnd)
	}
	le.PutUint32(b[sizeAt:], uint32(len(b)-sizeAt-4))
	return b
}

func appendValueText(b []byte, s string) []byte {
	b = append(b, tokValue, typeString)
	at := len(b)
	b = le.AppendUint16(b, 0)
	b = appendUTF16(b, s)
	n := (len(b) - at - 2) / 2
	if n > 0xffff {
		n = 0xffff // too long for a chunk anyway; the size check rejects it
	}
	le.PutUint16(b[at:], uint16(n))
	return b
}

// appendName writes a name reference: the offset of the chunk's Name
// structure, followed by the structure itself when this is its first use.
func (c *chunkWriter) appendName(b []byte, base int, name string) []byte {
	if off, ok := c.names[name]; ok {
		return le.AppendUint32(b, off)
	}
	off := uint32(base + len(b) + 4)
	b = le.AppendUint32(b, off)
	h := nameHash(name)
	bucket := h % 64
	b = le.AppendUint32(b, c.strBuckets[bucket]) // next string in bucket
	c.strBuckets[bucket] = off
	b = le.AppendUint16(b, h)
	at := len(b)
	b = le.AppendUint16(b, 0)
	b = appendUTF16(b, name)
	le.PutUint16(b[at:], uint16((len(b)-at-2)/2))
	b = le.AppendUint16(b, 0) // terminator
	c.names[name] = off
	c.newNames = append(c.newNames, name)
	return b
}

// nameHash is the MS-EVEN6 NameHash: hash = hash*65599 + unit over the
// UTF-16 code units, low 16 bits kept.
func nameHash(s string) uint16 {
	var h uint32
	for _, c := range s {
		if c >= 0x10000 {
			r1, r2 := utf16.EncodeRune(c)
			h = h*65599 + uint32(r1)
			h = h*65599 + uint32(r2)
			continue
		}
		h = h*65599 + uint32(c)
	}
	return uint16(h)
}

// finish completes the chunk header and returns the chunk's bytes.
func (c *chunkWriter) finish() []byte {
	b := c.buf[:]
	copy(b, "ElfChnk\x00")
	le.PutUint64(b[8:], c.firstID) // first event record number
	le.PutUint64(b[16:], c.lastID)
	le.PutUint64(b[24:], c.firstID) // first event record identifier
	le.PutUint64(b[32:], c.lastID)
	le.PutUint32(b[40:], chunkHeaderSize)
	le.PutUint32(b[44:], uint32(c.lastRecord))
	le.PutUint32(b[48:], uint32(c.pos))
	le.PutUint32(b[52:], crc32.ChecksumIEEE(b[chunkDataStart:c.pos]))
	for i, off := range c.strBuckets {
		le.PutUint32(b[chunkHeaderSize+4*i:], off)
	}
	for i, off := range c.tplBuckets {
		le.PutUint32(b[384+4*i:], off)
	}
	crc := crc32.NewIEEE()
	crc.Write(b[:120])
	crc.Write(b[128:chunkDataStart])
	le.PutUint32(b[124:], crc.Sum32())
	return b
}
