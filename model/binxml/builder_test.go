package binxml

import (
	"encoding/binary"
	"hash/crc32"
	"unicode/utf16"
)

// chunkBuilder writes a chunk by hand, the way a Windows writer lays it
// out: header, then records whose BinXml uses inline names and inline
// template definitions. Offsets are chunk offsets (len(b) when written).
type chunkBuilder struct {
	b          []byte
	lastID     uint64
	firstID    uint64
	lastRecOff int
}

func newChunkBuilder() *chunkBuilder {
	w := &chunkBuilder{b: make([]byte, ChunkHeaderSize)}
	copy(w.b, chunkMagic)
	binary.LittleEndian.PutUint32(w.b[40:], 128)
	return w
}

func (w *chunkBuilder) pos() int      { return len(w.b) }
func (w *chunkBuilder) u8(v byte)     { w.b = append(w.b, v) }
func (w *chunkBuilder) u16(v uint16)  { w.b = binary.LittleEndian.AppendUint16(w.b, v) }
func (w *chunkBuilder) u32(v uint32)  { w.b = binary.LittleEndian.AppendUint32(w.b, v) }
func (w *chunkBuilder) u64(v uint64)  { w.b = binary.LittleEndian.AppendUint64(w.b, v) }
func (w *chunkBuilder) raw(p ...byte) { w.b = append(w.b, p...) }

func (w *chunkBuilder) utf16(s string) {
	for _, u := range utf16.Encode([]rune(s)) {
		w.u16(u)
	}
}

// name writes a name reference followed by the inline name.
func (w *chunkBuilder) name(s string) {
	w.u32(uint32(w.pos() + 4))
	w.u32(0) // next string in hash bucket
	w.u16(0) // hash: deliberately wrong, the decoder must not care
	w.u16(uint16(len(utf16.Encode([]rune(s)))))
	w.utf16(s)
	w.u16(0)
}

func (w *chunkBuilder) fragmentHeader() { w.raw(tokFragmentHeader, 1, 1, 0) }
func (w *chunkBuilder) eof()            { w.u8(tokEOF) }

// open writes an open-start-element token; depID is true inside template
// definitions.
func (w *chunkBuilder) open(name string, attrs, depID bool) {
	tok := byte(tokOpenStartElement)
	if attrs {
		tok |= tokMoreFlag
	}
	w.u8(tok)
	if depID {
		w.u16(0xffff)
	}
	w.u32(0) // data size: not used by readers
	w.name(name)
	if attrs {
		w.u32(0) // attribute list size
	}
}

func (w *chunkBuilder) attr(name string) { w.u8(tokAttribute); w.name(name) }
func (w *chunkBuilder) closeStart()      { w.u8(tokCloseStartElement) }
func (w *chunkBuilder) closeEmpty()      { w.u8(tokCloseEmptyElement) }
func (w *chunkBuilder) end()             { w.u8(tokEndElement) }
func (w *chunkBuilder) text(s string) {
	w.u8(tokValue)
	w.u8(typString)
	w.u16(uint16(len(utf16.Encode([]rune(s)))))
	w.utf16(s)
}
func (w *chunkBuilder) cdata(s string) {
	w.u8(tokCDATA)
	w.u16(uint16(len(utf16.Encode([]rune(s)))))
	w.utf16(s)
}
func (w *chunkBuilder) charRef(r uint16)   { w.u8(tokCharRef); w.u16(r) }
func (w *chunkBuilder) entityRef(n string) { w.u8(tokEntityRef); w.name(n) }
func (w *chunkBuilder) piTarget(n string)  { w.u8(tokPITarget); w.name(n) }
func (w *chunkBuilder) piData(s string) {
	w.u8(tokPIData)
	w.u16(uint16(len(utf16.Encode([]rune(s)))))
	w.utf16(s)
}

func (w *chunkBuilder) subst(idx uint16, typ byte, optional bool) {
	tok := byte(tokNormalSubst)
	if optional {
		tok = tokOptionalSubst
	}
	w.u8(tok)
	w.u16(idx)
	w.u8(typ)
}

// elem writes <name>%idx</name> inside a template definition.
func (w *chunkBuilder) substElem(name string, idx uint16, typ byte) {
	w.open(name, false, true)
	w.closeStart()
	w.subst(idx, typ, false)
	w.end()
}

// tv is one substitution value: type and bytes, or a writer for values
// whose bytes depend on where they land (BinXml values with inline names).
type tv struct {
	typ   byte
	data  []byte
	build func(w *chunkBuilder)
}

func str16(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func le(v any) []byte {
	b, _ := binary.Append(nil, binary.LittleEndian, v)
	return b
}

// templateInline writes a template instance whose definition follows
// inline, and returns the definition's offset for later references.
func (w *chunkBuilder) templateInline(def func(w *chunkBuilder), vals []tv) int {
	w.u8(tokTemplateInstance)
	w.u8(1)
	w.u32(0x1234)
	defOff := w.pos() + 4
	w.u32(uint32(defOff))
	w.u32(0)                   // next definition
	w.raw(make([]byte, 16)...) // GUID
	sizeAt := w.pos()
	w.u32(0)
	start := w.pos()
	w.fragmentHeader()
	def(w)
	w.eof()
	binary.LittleEndian.PutUint32(w.b[sizeAt:], uint32(w.pos()-start))
	w.values(vals)
	return defOff
}

// templateRef writes a template instance that refers to a definition.
func (w *chunkBuilder) templateRef(defOff int, vals []tv) {
	w.u8(tokTemplateInstance)
	w.u8(1)
	w.u32(0x1234)
	w.u32(uint32(defOff))
	w.values(vals)
}

func (w *chunkBuilder) values(vals []tv) {
	w.u32(uint32(len(vals)))
	desc := w.pos()
	for _, v := range vals {
		w.u16(uint16(len(v.data)))
		w.u8(v.typ)
		w.u8(0)
	}
	for i, v := range vals {
		if v.build == nil {
			w.raw(v.data...)
			continue
		}
		start := w.pos()
		v.build(w)
		binary.LittleEndian.PutUint16(w.b[desc+4*i:], uint16(w.pos()-start))
	}
}

// record writes one event record around body and returns its offset.
func (w *chunkBuilder) record(id, ft uint64, body func(w *chunkBuilder)) int {
	start := w.pos()
	w.raw(recordMagic...)
	w.u32(0)
	w.u64(id)
	w.u64(ft)
	body(w)
	for (w.pos()+4-start)%8 != 0 {
		w.u8(0)
	}
	size := uint32(w.pos() + 4 - start)
	w.u32(size)
	binary.LittleEndian.PutUint32(w.b[start+4:], size)
	if w.firstID == 0 {
		w.firstID = id
	}
	w.lastID = id
	w.lastRecOff = start
	return start
}

// chunk finishes the header and returns the 64 KiB chunk.
func (w *chunkBuilder) chunk() []byte {
	free := w.pos()
	out := make([]byte, ChunkSize)
	copy(out, w.b)
	h := out
	binary.LittleEndian.PutUint64(h[8:], w.firstID)
	binary.LittleEndian.PutUint64(h[16:], w.lastID)
	binary.LittleEndian.PutUint64(h[24:], w.firstID)
	binary.LittleEndian.PutUint64(h[32:], w.lastID)
	binary.LittleEndian.PutUint32(h[44:], uint32(w.lastRecOff))
	binary.LittleEndian.PutUint32(h[48:], uint32(free))
	binary.LittleEndian.PutUint32(h[52:], crc32.ChecksumIEEE(out[ChunkHeaderSize:free]))
	crc := crc32.ChecksumIEEE(h[:120])
	crc = crc32.Update(crc, crc32.IEEETable, h[128:ChunkHeaderSize])
	binary.LittleEndian.PutUint32(h[124:], crc)
	return out
}
