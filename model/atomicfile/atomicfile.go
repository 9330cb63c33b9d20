// Package atomicfile writes files that appear complete under their name or
// not at all. Every writer in eventlens that leaves a file behind (exports,
// the host key, cache entries, .evtx files, SSH users' exports) goes
// through it.
//
// The data goes to a temporary file in the target's directory, is flushed
// and fsynced, and only then is renamed (or, when an existing file must not
// be replaced, hard-linked) into place; the directory is fsynced after.
// A failed write, a full disk or a panic removes the temporary file and
// leaves the target as it was. A killed process leaves the old file whole
// and, at worst, one temporary file, which the next write into the same
// directory removes (see CleanStale).
//
// It is written on os.Root rather than on github.com/google/renameio, which
// it replaced: a server confines each user's exports to a directory, which
// needs every step done relative to an open Root; and renameio names its
// temporary files ".NAME" plus digits, which cannot be told apart from a
// user's own dot-files, so stale ones could never be removed safely. Ours
// carry the writer's process id and a fixed suffix.
package atomicfile

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"eventlens/i18n/reason"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrExists is the error Write returns (wrapped in an *fs.PathError) when
// the target exists and Options.Overwrite is false. errors.Is(err,
// fs.ErrExist) holds too; its text says so once ("file already exists (not
// overwritten)", not followed by fs.ErrExist's own "file already exists").
var ErrExists error = existsError{}

type existsError struct{}

func (existsError) Error() string        { return reason.New(reason.FileExists).String() }
func (existsError) Is(target error) bool { return target == fs.ErrExist }

// Why is the error as a reason, for saying it in any language.
func (existsError) Why() reason.Reason { return reason.New(reason.FileExists) }

// Options say how a file is written. The zero value creates a new 0644
// file and refuses to replace an existing one.
type Options struct {
	// Overwrite replaces an existing regular file, keeping its permissions.
	Overwrite bool
	// Perm is the permission of a new file; zero means 0644.
	Perm fs.FileMode
}

// Write writes the file at path atomically with what write writes. write
// receives a buffered writer, which Write flushes; the writer is also an
// io.Seeker over the temporary file, for formats that patch a header last.
func Write(path string, opt Options, write func(io.Writer) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return &fs.PathError{Op: "write", Path: path, Err: unwrapPath(err)}
	}
	defer root.Close()
	if err := WriteIn(root, base, opt, write); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = path // name the file as the caller did
		}
		return err
	}
	return nil
}

// WriteIn is Write confined to root: name is relative to it and, like every
// step of the write, cannot reach outside it (os.Root refuses "..",
// absolute names and symbolic links that leave the root).
func WriteIn(root *os.Root, name string, opt Options, write func(io.Writer) error) (err error) {
	fail := func(err error) error {
		return &fs.PathError{Op: "write", Path: name, Err: unwrapPath(err)}
	}
	perm := opt.Perm
	if perm == 0 {
		perm = 0o644
	}
	if fi, statErr := root.Lstat(name); statErr == nil {
		// Said before ErrExists: asking whether to replace a directory or
		// a device would only end in this error.
		if !fi.Mode().IsRegular() {
			return fail(reason.New(reason.ExistsNotRegular).Err())
		}
		if !opt.Overwrite {
			return fail(ErrExists)
		}
		perm = fi.Mode().Perm()
	} else if !errors.Is(statErr, fs.ErrNotExist) {
		return fail(statErr)
	}
	dir, base := path.Split(filepath.ToSlash(name))
	dir = path.Clean("./" + dir)
	CleanStaleIn(root, dir)

	tmp := path.Join(dir, tempName(base))
	f, err := root.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fail(err)
	}
	closed := false
	defer func() {
		if !closed {
			f.Close()
		}
		_ = root.Remove(tmp) // after a rename it is gone already; after a link it must go
	}()

	bw := &seekWriter{Writer: bufio.NewWriterSize(f, 256<<10), f: f}
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	closed = true
	if err := f.Close(); err != nil {
		return fail(err)
	}

	if opt.Overwrite {
		err = root.Rename(tmp, name)
	} else if err = root.Link(tmp, name); err != nil && !errors.Is(err, fs.ErrExist) {
		// No hard links here (FAT, some network file systems): check,
		// then rename, which leaves a tiny window for a race.
		if _, serr := root.Lstat(name); serr == nil {
			err = fs.ErrExist
		} else {
			err = root.Rename(tmp, name)
		}
	}
	if errors.Is(err, fs.ErrExist) && !opt.Overwrite {
		return fail(ErrExists)
	}
	if err != nil {
		return fail(err)
	}
	if d, err := root.Open(dir); err == nil {
		// Makes the new name durable. Windows cannot sync a directory, and
		// NTFS journals the rename itself.
		if err := d.Sync(); err != nil && runtime.GOOS != "windows" {
			d.Close()
			return fail(reason.New(reason.SyncDirFailed, err.Error()).Err())
		}
		d.Close()
	}
	return nil
}

// unwrapPath drops an *fs.PathError's own op and path so that the message
// names the file once.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// seekWriter buffers writes and seeks the file underneath, flushing first.
type seekWriter struct {
	*bufio.Writer
	f *os.File
}

func (w *seekWriter) Seek(off int64, whence int) (int64, error) {
	if err := w.Flush(); err != nil {
		return 0, err
	}
	return w.f.Seek(off, whence)
}

// Temporary files are named ".BASE.PID.RANDOM.eventlens-tmp": hidden, with
// the writer's process id so that a later write can tell a dead writer's
// leftovers from one still running.
const (
	tempSuffix   = ".eventlens-tmp"
	maxTempBase  = 64 // keeps the whole name well under NAME_MAX
	randomDigits = 8  // bytes of randomness, hex encoded
)

func tempName(base string) string {
	if len(base) > maxTempBase {
		base = base[:maxTempBase]
		for !utf8.ValidString(base) {
			base = base[:len(base)-1]
		}
	}
	var rnd [randomDigits]byte
	_, _ = rand.Read(rnd[:])
	return "." + base + "." + strconv.Itoa(os.Getpid()) + "." + hex.EncodeToString(rnd[:]) + tempSuffix
}

// parseTempName returns the writer's process id of one of our temporary
// file names, and false for any other name.
func parseTempName(name string) (pid int, ok bool) {
	rest, ok := strings.CutSuffix(name, tempSuffix)
	if !ok || !strings.HasPrefix(rest, ".") {
		return 0, false
	}
	i := strings.LastIndexByte(rest, '.')
	if i < 0 || len(rest)-i-1 != 2*randomDigits {
		return 0, false
	}
	if _, err := hex.DecodeString(rest[i+1:]); err != nil {
		return 0, false
	}
	rest = rest[:i]
	j := strings.LastIndexByte(rest, '.')
	if j <= 0 {
		return 0, false
	}
	pid, err := strconv.Atoi(rest[j+1:])
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}

// A temporary file is stale when the process that wrote it is gone, or when
// it has not been written for abandonedAge whoever wrote it (a process id
// reused since, or another machine writing into a shared directory).
const abandonedAge = 24 * time.Hour

// CleanStale removes the stale temporary files a killed writer left in dir.
// It touches only names of our own pattern; errors are ignored, since a file
// it cannot remove costs only disk space.
func CleanStale(dir string) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return
	}
	defer root.Close()
	CleanStaleIn(root, ".")
}

// CleanStaleIn is CleanStale for the directory dir inside root.
func CleanStaleIn(root *os.Root, dir string) {
	d, err := root.Open(dir)
	if err != nil {
		return
	}
	des, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return
	}
	for _, de := range des {
		pid, ok := parseTempName(de.Name())
		if !ok || !de.Type().IsRegular() {
			continue
		}
		fi, err := de.Info()
		if err != nil {
			continue
		}
		if time.Since(fi.ModTime()) > abandonedAge || !processAlive(pid) {
			_ = root.Remove(path.Join(dir, de.Name()))
		}
	}
}
