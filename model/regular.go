package model

import (
	"fmt"
	"io/fs"
	"os"
)

// openRegular opens path for reading only if it is a regular file. It looks
// before it opens: opening a named pipe blocks until a writer comes, and a
// device such as /dev/zero never ends. The open itself does not block
// either (openFlags), and the file opened is checked again, so a path
// swapped for a pipe in between is refused too.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if err := checkRegular(fi); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, nil, err
	}
	ofi, err := f.Stat()
	if err == nil {
		err = checkRegular(ofi)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, ofi, nil
}

// checkRegular explains why fi is not a file eventlens reads.
func checkRegular(fi fs.FileInfo) error {
	m := fi.Mode()
	var what string
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a block device"
	default:
		what = "not a regular file"
	}
	return fmt.Errorf("%s, not a regular file: not opened (copy it to a file first)", what)
}
