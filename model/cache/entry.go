package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc64"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"eventlens/model/atomicfile"
	"eventlens/model/regular"
)

const (
	headBytes = 4 << 10  // EVTX file header (chunk count, next record, checksum)
	tailBytes = 64 << 10 // the last chunk, where a growing log changes

	entryExt = ".idx"
)

var crcECMA = crc64.MakeTable(crc64.ECMA)

// fileKey computes the key of the regular file at abs as it is now, as
// this build reads it (buildID).
// A file that is no regular one (regular.Open) has none: a named pipe or a
// device is neither waited on nor read.
func fileKey(abs string) (key, error) {
	f, fi, err := regular.Open(abs)
	if err != nil {
		return key{}, err
	}
	defer f.Close()
	k := key{path: abs, size: fi.Size(), mtime: fi.ModTime().UnixNano()}
	buf := make([]byte, headBytes+tailBytes)
	head := buf[:min(headBytes, k.size)]
	if _, err := f.ReadAt(head, 0); err != nil && err != io.EOF {
		return key{}, err
	}
	tail := buf[headBytes : headBytes+min(tailBytes, k.size)]
	if _, err := f.ReadAt(tail, k.size-int64(len(tail))); err != nil && err != io.EOF {
		return key{}, err
	}
	h := crc64.Update(0, crcECMA, head)
	h = crc64.Update(h, crcECMA, tail)
	k.sum = h ^ buildID()
	return k, nil
}

// entryPath is where the entry for the file at abs lives.
func (c *Cache) entryPath(abs string) string {
	h := sha256.Sum256([]byte(abs))
	return filepath.Join(c.dir, hex.EncodeToString(h[:16])+entryExt)
}

// peek reports whether the entry at p looks like it is for k, reading only
// its header and key; the checksum is verified when the entry is read.
func peek(p string, k key) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, headerSize+binary.MaxVarintLen64*3+len(k.path)+8)
	n, _ := io.ReadFull(f, buf)
	buf = buf[:n]
	if _, _, err := checkHeader(buf); err != nil {
		return false
	}
	r := reader{b: buf[headerSize:]}
	got := readKey(&r)
	return !r.bad && got == k
}

// write stores the entry pieces at p atomically: a reader sees the old
// entry, the new one, or none, never a partial one. The caller checks
// for cancellation through commit just before the rename.
func (c *Cache) write(p string, pieces [][]byte, commit func() bool) error {
	return atomicfile.Write(p, atomicfile.Options{Overwrite: true, Perm: 0o600}, func(w io.Writer) error {
		for _, b := range pieces {
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		if !commit() {
			return errCancelled
		}
		return nil
	})
}

var errCancelled = errors.New("load cancelled")

// touch marks an entry as just used, for least-recently-used eviction.
func touch(p string) {
	now := time.Now()
	os.Chtimes(p, now, now)
}

// evict removes the least recently used entries until the cache holds at
// most c.max bytes. (Temporary files of dead writers go at the next write:
// see atomicfile.)
func (c *Cache) evict() {
	c.evictMu.Lock()
	defer c.evictMu.Unlock()
	des, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	type ent struct {
		path string
		size int64
		used time.Time
	}
	var ents []ent
	var total int64
	for _, de := range des {
		name := de.Name()
		fi, err := de.Info()
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if strings.HasSuffix(name, entryExt) {
			ents = append(ents, ent{filepath.Join(c.dir, name), fi.Size(), fi.ModTime()})
			total += fi.Size()
		}
	}
	if total <= c.max {
		return
	}
	slices.SortFunc(ents, func(a, b ent) int { return a.used.Compare(b.used) })
	for _, e := range ents {
		if total <= c.max {
			break
		}
		if err := os.Remove(e.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= e.size
		}
	}
}
