package export

import (
	"io"

	"eventlens/model/atomicfile"
)

// ErrExists is returned (wrapped) by WriteFile when the target exists and
// overwrite is false; errors.Is(err, fs.ErrExist) holds too.
var ErrExists = atomicfile.ErrExists

// WriteFile creates or replaces path with what write writes, atomically
// (see package atomicfile): the file appears complete or not at all, and an
// existing file is replaced only when overwrite is set.
func WriteFile(path string, overwrite bool, write func(io.Writer) error) error {
	return atomicfile.Write(path, atomicfile.Options{Overwrite: overwrite}, write)
}
