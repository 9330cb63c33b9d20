package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// ErrExists is the error WriteFile returns (wrapped in an *fs.PathError)
// when the target exists and overwrite is false. errors.Is(err, fs.ErrExist)
// holds too.
var ErrExists = fmt.Errorf("file already exists (not overwritten): %w", fs.ErrExist)

// WriteFile creates or replaces path with what write writes, atomically: the
// data goes to a temporary file in the same directory, is flushed and
// fsynced, and only then appears under path; the directory is fsynced after.
// A failure at any point (write returning an error, a full disk, a panic)
// removes the temporary file and leaves path as it was, and a killed process
// leaves the old file whole (plus, at worst, a stray ".NAME.tmp*" file).
//
// Without overwrite, an existing path is never touched: the temporary file is
// hard-linked to path, which fails if path exists, and WriteFile returns an
// error wrapping ErrExists. (On file systems without hard links it falls back
// to checking, then renaming, which leaves a tiny window for a race.) With
// overwrite, the temporary file is renamed over path; an existing file's
// permissions are kept, a new file gets 0644.
//
// write receives a buffered writer; WriteFile flushes it.
func WriteFile(path string, overwrite bool, write func(io.Writer) error) (err error) {
	mode := fs.FileMode(0o644)
	if fi, statErr := os.Stat(path); statErr == nil {
		if !overwrite {
			return &fs.PathError{Op: "export", Path: path, Err: ErrExists}
		}
		if !fi.Mode().IsRegular() {
			return &fs.PathError{Op: "export", Path: path, Err: errors.New("not a regular file")}
		}
		mode = fi.Mode().Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	tmp := f.Name()
	done := false
	defer func() {
		if !done { // an error or a panic: leave no trace
			f.Close()
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriterSize(f, 256<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}

	if overwrite {
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("export %s: %w", path, err)
		}
	} else if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &fs.PathError{Op: "export", Path: path, Err: ErrExists}
		}
		// No hard links here (FAT, some network file systems): check,
		// then rename.
		if _, statErr := os.Lstat(path); statErr == nil {
			return &fs.PathError{Op: "export", Path: path, Err: ErrExists}
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("export %s: %w", path, err)
		}
	} else {
		os.Remove(tmp) // path holds the data now
	}
	done = true
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("export %s: written, but syncing its directory failed: %w", path, err)
	}
	return nil
}

// syncDir makes a rename or link in dir durable. Windows cannot open a
// directory for syncing, and NTFS journals the rename itself.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
