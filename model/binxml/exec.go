package binxml

import "errors"

// sink receives a record's document, as an XML writer would: start tags,
// attributes (whose value is the text calls up to the next attribute or the
// end of the start tag), content and end tags.
type sink interface {
	open(name string)
	attr(name string)
	closeStart()
	closeEmpty()
	end()
	text(v value)
	cdata(v value)
	charRef(r uint16)
	entityRef(name string)
	pi(target string, data value)
}

// run compiles the record at ref and plays it into s. A compile error does
// not stop the operations compiled before it from being played; the first
// error of either stage is returned. A damaged record (ref.Err set) whose
// header is readable is decoded as far as its bytes go, and ref.Err is
// returned.
func (c *Chunk) run(ref RecordRef, s sink) error {
	c.work, c.out, c.valEnd = 0, 0, 0
	c.err = nil
	c.partial = nil
	switch {
	case c.spent > maxChunkWork:
		return errChunkWork
	case c.chunkOut > maxChunkOutput:
		return ErrExpansion
	}
	start, end, damaged := c.body(ref)
	if start < 0 {
		return damaged
	}
	p := c.prog(0)
	_, cerr := c.compile(p, start, end, false, 0)
	xerr := c.exec(p, 0, len(p.ops), nil, s, 0, false)
	c.spent += c.work
	switch {
	case damaged != nil && tailOnly(damaged) && cerr == nil && xerr == nil && c.partial == nil && c.valEnd > end-4:
		// The "size copy" is the end of the last value (a SID declared
		// longer than it is, at the end of a chunk): the record is whole
		// and decoded as other parsers decode it. A record whose copy is
		// merely missing was not written completely: it stays damaged.
		return nil
	case damaged != nil:
		return damaged
	case cerr != nil:
		return cerr
	}
	return xerr
}

func tailOnly(err error) bool {
	var rerr *RecordError
	return errors.As(err, &rerr) && rerr.TailOnly
}

// body returns the BinXml bytes of the record at ref. For a damaged record
// with a readable header it returns what there is of its body and the
// damage; start is -1 when there is nothing to decode.
func (c *Chunk) body(ref RecordRef) (start, end int, damaged error) {
	if ref.Err != nil {
		var rerr *RecordError
		if !ref.HeaderOK || !errors.As(ref.Err, &rerr) || ref.Offset < ChunkHeaderSize || ref.Offset+recordHeaderSize > len(c.data) {
			return -1, 0, ref.Err
		}
		end = ref.Offset + ref.Size
		if n := rerr.Declared; n >= minRecordSize {
			end = ref.Offset + n - 4
			if rerr.TailOnly {
				// The size copy is not there: its four bytes may be the
				// end of the last value (a SID declared longer than it
				// is, seen at the end of chunks).
				end += 4
			}
		}
		if end > len(c.data) {
			end = len(c.data)
		}
		if end < ref.Offset+recordHeaderSize {
			end = ref.Offset + recordHeaderSize
		}
		return ref.Offset + recordHeaderSize, end, ref.Err
	}
	size, why := c.checkRecord(ref.Offset)
	if !why.IsZero() {
		return -1, 0, errAt(ref.Offset, "%s", why)
	}
	if size != ref.Size {
		return -1, 0, errAt(ref.Offset, "record size %d, not %d as referenced", size, ref.Size)
	}
	return ref.Offset + recordHeaderSize, ref.Offset + size - 4, nil
}

// prog returns the scratch program for nesting depth d, emptied.
func (c *Chunk) prog(d int) *program {
	for len(c.progs) <= d {
		c.progs = append(c.progs, program{})
	}
	p := &c.progs[d]
	p.reset()
	return p
}

// exec plays p.ops[lo:hi] into s with the substitution values vals. inAttr
// says the program is played inside an attribute value (BinXml values are
// then dropped: markup cannot live there).
func (c *Chunk) exec(p *program, lo, hi int, vals []value, s sink, depth int, inAttr bool) error {
	return c.execFrom(p, lo, hi, vals, s, depth, inAttr, -1)
}

// execFrom is exec; the element at index noExpand is played as it is (its
// array values have been expanded already).
func (c *Chunk) execFrom(p *program, lo, hi int, vals []value, s sink, depth int, inAttr bool, noExpand int) error {
	if depth > maxDepth {
		return errDepth
	}
	ops := p.ops
	if hi > len(ops) {
		hi = len(ops)
	}
	arrays := false // whether any value is an array that may need expanding
	for _, v := range vals {
		if v.typ&typArray != 0 {
			arrays = true
			break
		}
	}
	for i := lo; i < hi; i++ {
		if c.err != nil {
			return c.err
		}
		c.work++
		if c.work > maxWork {
			return errWork
		}
		o := &ops[i]
		switch o.kind {
		case opOpen:
			if arrays && o.subst && i != noExpand && int(o.end) > i && int(o.end) < hi {
				if idx, n := c.arraySubst(ops, i, vals); n > 1 {
					if err := c.expandArray(p, i, vals, idx, s, depth+1); err != nil {
						return err
					}
					i = int(o.end)
					continue
				}
			}
			s.open(o.name)
			inAttr = false
		case opAttr:
			if j, omit := omitAttr(ops, i, vals); omit {
				i = j - 1
				continue
			}
			s.attr(o.name)
			inAttr = true
		case opCloseStart:
			s.closeStart()
			inAttr = false
		case opCloseEmpty:
			s.closeEmpty()
			inAttr = false
		case opEnd:
			s.end()
		case opValue:
			s.text(o.v)
		case opSubst:
			if int(o.idx) >= len(vals) {
				continue // an incomplete instance: the value is missing
			}
			v := vals[o.idx]
			if v.typ == typBinXML && v.n > 0 {
				if inAttr {
					continue
				}
				if err := c.execBinXML(v, s, depth+1); err != nil {
					return err
				}
				continue
			}
			if isNull(v) && o.optional {
				continue
			}
			s.text(v)
		case opCDATA:
			s.cdata(o.v)
		case opCharRef:
			s.charRef(o.idx)
		case opEntityRef:
			s.entityRef(o.name)
		case opPITarget:
			var data value
			if i+1 < len(ops) && ops[i+1].kind == opPIData {
				data = ops[i+1].v
				i++
			}
			s.pi(o.name, data)
		case opPIData:
			s.pi("", o.v)
		case opTemplate:
			if o.tmpl == nil {
				continue
			}
			lo, hi := int(o.vlo), int(o.vhi)
			if lo < 0 || hi > len(p.vals) || lo > hi {
				continue
			}
			if err := c.exec(&o.tmpl.prog, 0, len(o.tmpl.prog.ops), p.vals[lo:hi], s, depth+1, inAttr); err != nil {
				return err
			}
			if o.tmpl.err != nil && c.partial == nil {
				c.partial = o.tmpl.err // what the definition had was played
			}
		}
	}
	return c.err
}

// execBinXML plays a substitution value of type BinXml: a fragment of its
// own (usually a template instance) embedded in the record.
func (c *Chunk) execBinXML(v value, s sink, depth int) error {
	if depth > maxDepth {
		return errDepth
	}
	p := c.prog(depth)
	_, cerr := c.compile(p, int(v.off), int(v.off)+int(v.n), false, depth)
	xerr := c.exec(p, 0, len(p.ops), nil, s, depth, false)
	if xerr != nil {
		return xerr
	}
	return cerr
}

// omitAttr decides whether the attribute at ops[i] is left out: Windows
// drops an attribute whose whole value is optional substitutions that are
// null. It returns the index of the first op after the attribute's value.
func omitAttr(ops []op, i int, vals []value) (int, bool) {
	j := i + 1
	omit := false
	for ; j < len(ops); j++ {
		o := &ops[j]
		switch o.kind {
		case opSubst:
			if !o.optional || (int(o.idx) < len(vals) && !isNull(vals[o.idx])) {
				return j, false
			}
			omit = true
		case opValue, opCharRef, opEntityRef, opCDATA:
			return j, false
		default:
			return j, omit
		}
	}
	return j, omit
}

// arraySubst finds the first substitution among the element at ops[i]'s
// own content and attributes whose value is an array of more than one item.
func (c *Chunk) arraySubst(ops []op, i int, vals []value) (idx, n int) {
	end := int(ops[i].end)
	for j := i + 1; j < end && j < len(ops); j++ {
		o := &ops[j]
		switch o.kind {
		case opOpen:
			if int(o.end) > j {
				j = int(o.end) // a child element's content is its own business
			}
		case opSubst:
			if int(o.idx) < len(vals) && vals[o.idx].typ&typArray != 0 {
				if n := c.arrayLen(vals[o.idx]); n > 1 {
					return int(o.idx), n
				}
			}
		}
	}
	return 0, 0
}

// expandArray plays the element at p.ops[i] once per item of the array
// value vals[idx], as MS-EVEN6 (3.1.4.7.5) renders array substitutions:
// <Data>%1</Data> with %1 = {a, b} becomes <Data>a</Data><Data>b</Data>.
// Only the first array of an element is expanded (no cross products);
// other arrays in it are rendered comma-separated.
func (c *Chunk) expandArray(p *program, i int, vals []value, idx int, s sink, depth int) error {
	items := c.arrayItems(vals[idx], nil)
	vals2 := make([]value, len(vals))
	copy(vals2, vals)
	for _, it := range items {
		vals2[idx] = it
		if err := c.execFrom(p, i, int(p.ops[i].end)+1, vals2, s, depth, false, i); err != nil {
			return err
		}
	}
	return nil
}

// arrayLen counts the items of an array value, up to 2: callers only need
// to know whether there is more than one.
func (c *Chunk) arrayLen(v value) int {
	n := 0
	c.eachItem(v, func(value) bool { n++; return n < 2 })
	return n
}

func (c *Chunk) arrayItems(v value, dst []value) []value {
	c.eachItem(v, func(it value) bool { dst = append(dst, it); return len(dst) < 1<<15 })
	return dst
}

// charge adds the cost of n bytes of output to the record's work and to
// the output of the record and of the chunk; past a bound the record is
// cut (ErrExpansion).
func (c *Chunk) charge(n int) {
	c.work += n >> 3
	c.out += n
	c.chunkOut += n
	if c.err == nil {
		switch {
		case c.work > maxWork:
			c.err = errWork
		case c.out > maxRecordOutput, c.chunkOut > maxChunkOutput:
			c.err = ErrExpansion
		}
	}
}

// eachItem calls fn with each item of an array value as a scalar value:
// NUL-terminated strings for string types, consecutive fixed-size values
// otherwise.
func (c *Chunk) eachItem(v value, fn func(value) bool) {
	b := c.bytesOf(v)
	base := v.typ &^ typArray
	off := int(v.off)
	switch base {
	case typString:
		start := 0
		for i := 0; i+1 < len(b); i += 2 {
			if b[i] == 0 && b[i+1] == 0 {
				if !fn(value{typ: base, off: int32(off + start), n: int32(i - start)}) {
					return
				}
				start = i + 2
			}
		}
		if start+1 < len(b) {
			fn(value{typ: base, off: int32(off + start), n: int32(len(b)&^1 - start)})
		}
	case typAnsiString:
		start := 0
		for i, x := range b {
			if x == 0 {
				if !fn(value{typ: base, off: int32(off + start), n: int32(i - start)}) {
					return
				}
				start = i + 1
			}
		}
		if start < len(b) {
			fn(value{typ: base, off: int32(off + start), n: int32(len(b) - start)})
		}
	case typSID:
		for i := 0; i+8 <= len(b); {
			n := 8 + 4*int(b[i+1])
			if i+n > len(b) {
				n = len(b) - i
			}
			if !fn(value{typ: base, off: int32(off + i), n: int32(n)}) {
				return
			}
			i += n
		}
	default:
		size := fixedSize(base)
		if size == 0 {
			fn(value{typ: base, off: v.off, n: v.n})
			return
		}
		if base == typSizeT && len(b)%8 != 0 && len(b)%4 == 0 {
			size = 4
		}
		for i := 0; i+size <= len(b); i += size {
			if !fn(value{typ: base, off: int32(off + i), n: int32(size)}) {
				return
			}
		}
	}
}
