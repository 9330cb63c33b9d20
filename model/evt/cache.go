package evt

import "io"

// blockReader serves the many small reads a scan makes (size fields,
// record numbers, one record at a time) from one cached block, so a log on
// disk costs a read call per block rather than several per record.
type blockReader struct {
	r     io.ReaderAt
	size  int64
	block []byte
	at    int64 // file offset of block[0]; -1 when empty
}

const cacheBlock = 256 << 10

func newBlockReader(r io.ReaderAt, size int64) *blockReader {
	return &blockReader{r: r, size: size, at: -1}
}

func (b *blockReader) ReadAt(p []byte, off int64) (int, error) {
	if len(p) >= cacheBlock {
		return b.r.ReadAt(p, off)
	}
	n := 0
	for n < len(p) {
		o := off + int64(n)
		if b.at < 0 || o < b.at || o >= b.at+int64(len(b.block)) {
			if err := b.fill(o); err != nil {
				return n, err
			}
		}
		c := copy(p[n:], b.block[o-b.at:])
		n += c
	}
	return n, nil
}

// fill loads the block holding off.
func (b *blockReader) fill(off int64) error {
	if off >= b.size {
		return io.EOF
	}
	start := off - off%cacheBlock
	if b.block == nil {
		b.block = make([]byte, min(cacheBlock, b.size))
	}
	m, err := b.r.ReadAt(b.block[:min(int64(cap(b.block)), b.size-start)], start)
	b.block, b.at = b.block[:m], start
	if m == 0 || start+int64(m) <= off {
		b.at = -1
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	return nil
}
