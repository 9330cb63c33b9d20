package export

import (
	"io"
	"io/fs"
	"os"
	"strings"

	"eventlens/i18n/reason"
	"eventlens/model/atomicfile"
)

// ErrExists is returned (wrapped) by WriteFile when the target exists and
// overwrite is false; errors.Is(err, fs.ErrExist) holds too.
var ErrExists = atomicfile.ErrExists

// ErrIsDir is returned (wrapped in an fs.PathError) by CheckTarget and
// WriteFile when the target is a directory.
var ErrIsDir = reason.New(reason.TargetIsDir).Err()

// CheckTarget says whether path can be an export's target as far as can be
// told before writing: not an existing directory, nor a path ending in a
// separator (which can only name one). A command checks it before it loads
// anything.
func CheckTarget(path string) error {
	isDir := strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator))
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		isDir = true
	}
	if isDir {
		return &fs.PathError{Op: "write", Path: path, Err: ErrIsDir}
	}
	return nil
}

// WriteFile creates or replaces path with what write writes, atomically
// (see package atomicfile): the file appears complete or not at all, and an
// existing file is replaced only when overwrite is set.
func WriteFile(path string, overwrite bool, write func(io.Writer) error) error {
	if err := CheckTarget(path); err != nil {
		return err
	}
	return atomicfile.Write(path, atomicfile.Options{Overwrite: overwrite}, write)
}
