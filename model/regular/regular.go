// Package regular opens a file only if it is a regular one: the one check,
// for every file eventlens reads by name (logs, catalogs, the index
// cache's keys), that a named pipe, a device or a directory is refused
// rather than waited on or read forever.
package regular

import (
	"io/fs"
	"os"

	"eventlens/i18n/reason"
)

// Open opens path for reading only if it is a regular file. It looks
// before it opens: opening a named pipe blocks until a writer comes, and a
// device such as /dev/zero never ends. The open itself does not block
// either (openFlags), and the file opened is checked again, so a path
// swapped for a pipe in between is refused too. A file that is not
// regular gives a *reason.Error saying what it is.
func Open(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := Check(fi); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	ofi, err := f.Stat()
	if err == nil {
		err = Check(ofi)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, ofi, nil
}

// Check returns nil for a regular file, else a *reason.Error saying what
// fi is instead.
func Check(fi fs.FileInfo) error {
	m := fi.Mode()
	var k reason.Kind
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		k = reason.IsDirectory
	case m&fs.ModeNamedPipe != 0:
		k = reason.IsNamedPipe
	case m&fs.ModeSocket != 0:
		k = reason.IsSocket
	case m&fs.ModeCharDevice != 0:
		k = reason.IsCharDevice
	case m&fs.ModeDevice != 0:
		k = reason.IsBlockDevice
	default:
		k = reason.IsIrregular
	}
	return reason.New(k).Err()
}
