package serve

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"eventlens/model/atomicfile"
	"eventlens/model/export"
)

// ExportFunc writes one export file for the session's user. name is a
// relative, slash-separated path below the user's export directory
// (usually just a file name such as "report.csv"); write is called with the
// file's contents writer. The file appears complete or not at all: it is
// written to a temporary file, synced, and renamed into place. An existing
// file is replaced only when overwrite is true; otherwise the error wraps
// export.ErrExists (and so fs.ErrExist), as export.WriteFile's does, so the
// UI can ask for confirmation and call again.
// A refused name gives a *NameError.
type ExportFunc func(name string, overwrite bool, write func(io.Writer) error) error

// ErrBadExportName is wrapped by every *NameError.
var ErrBadExportName = errors.New("export name refused")

// ErrExportTooLarge is returned when an export exceeds Config.MaxExportBytes.
var ErrExportTooLarge = errors.New("export too large")

// NameError says why an export name was refused.
type NameError struct {
	Name   string
	Reason string
}

func (e *NameError) Error() string {
	return fmt.Sprintf("export name %q refused: %s", e.Name, e.Reason)
}

func (e *NameError) Unwrap() error { return ErrBadExportName }

// Limits on export names; generous for people, tight for abuse.
const (
	maxNameBytes  = 255 // one path component, as most file systems allow
	maxPathBytes  = 1024
	maxPathDepth  = 8
	exportDirPerm = 0o700
	exportPerm    = 0o600
)

// CheckExportName reports whether name may be used as an export path, and
// why not. It is exported so the UI can validate as the user types; the
// ExportFunc checks again regardless.
func CheckExportName(name string) error {
	_, err := splitExportName(name)
	return err
}

func splitExportName(name string) ([]string, error) {
	bad := func(reason string) ([]string, error) { return nil, &NameError{Name: name, Reason: reason} }
	switch {
	case name == "":
		return bad("empty name")
	case len(name) > maxPathBytes:
		return bad("name too long")
	case strings.HasPrefix(name, "/"), strings.HasPrefix(name, `\`), len(name) >= 2 && name[1] == ':':
		return bad("absolute paths are not allowed")
	}
	parts := strings.Split(name, "/")
	if len(parts) > maxPathDepth {
		return bad("too many directory levels")
	}
	for _, p := range parts {
		if err := checkComponent(p); err != nil {
			return bad(err.Error())
		}
	}
	return parts, nil
}

// reservedDevices are names Windows treats as devices whatever their
// extension ("NUL.txt" is NUL). Exports are often copied to Windows
// machines, so such names are refused everywhere.
var reservedDevices = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true, "CLOCK$": true,
	"COM¹": true, "COM²": true, "COM³": true, "LPT¹": true, "LPT²": true, "LPT³": true,
}

func init() {
	for i := '0'; i <= '9'; i++ {
		reservedDevices["COM"+string(i)] = true
		reservedDevices["LPT"+string(i)] = true
	}
}

// checkComponent validates one path component (a file or directory name).
func checkComponent(p string) error {
	switch {
	case p == "":
		return errors.New("empty path component")
	case p == "." || p == "..":
		return errors.New(`"." and ".." are not allowed`)
	case strings.HasPrefix(p, "."):
		return errors.New("names may not start with a dot")
	case len(p) > maxNameBytes:
		return errors.New("name too long")
	case !utf8.ValidString(p):
		return errors.New("name is not valid UTF-8")
	case strings.HasSuffix(p, ".") || strings.HasSuffix(p, " ") || strings.HasPrefix(p, " "):
		return errors.New("names may not begin with a space or end with a dot or space")
	}
	for _, r := range p {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return errors.New("control characters are not allowed")
		case r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return errors.New("text direction characters are not allowed")
		case strings.ContainsRune(`\:*?"<>|`, r):
			return fmt.Errorf("character %q is not allowed", r)
		}
	}
	base, _, _ := strings.Cut(p, ".")
	if reservedDevices[strings.ToUpper(strings.TrimRight(base, " "))] {
		return fmt.Errorf("%q is a reserved device name on Windows", base)
	}
	return nil
}

// exporter writes exports below one directory, opened once as an os.Root so
// no name, however crafted, and no symbolic link can reach outside it.
type exporter struct {
	root     *os.Root
	dir      string
	maxBytes int64
	log      *slog.Logger
}

func newExporter(dir string, maxBytes int64, log *slog.Logger) (*exporter, error) {
	if err := os.MkdirAll(dir, exportDirPerm); err != nil {
		return nil, fmt.Errorf("export dir: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("export dir: %w", err)
	}
	return &exporter{root: root, dir: dir, maxBytes: maxBytes, log: log}, nil
}

func (e *exporter) Close() error { return e.root.Close() }

// userDir returns the server-side path of user's export directory.
func (e *exporter) userDir(user string) string { return filepath.Join(e.dir, user) }

// forUser returns the ExportFunc of one session.
func (e *exporter) forUser(user string, log *slog.Logger) ExportFunc {
	return func(name string, overwrite bool, write func(io.Writer) error) error {
		start := time.Now()
		n, err := e.export(user, name, overwrite, write)
		attrs := []any{"name", name, "overwrite", overwrite, "bytes", n, "duration", time.Since(start).Round(time.Millisecond)}
		if err != nil {
			log.Warn("export refused or failed", append(attrs, "err", err)...)
		} else {
			log.Info("export written", attrs...)
		}
		return err
	}
}

func (e *exporter) export(user, name string, overwrite bool, write func(io.Writer) error) (int64, error) {
	parts, err := splitExportName(name)
	if err != nil {
		return 0, err
	}
	if err := checkComponent(user); err != nil {
		return 0, fmt.Errorf("export: user name %q unusable: %w", user, err)
	}
	ur, err := openDirIn(e.root, user)
	if err != nil {
		return 0, err
	}
	defer ur.Close()

	for i := range len(parts) - 1 {
		sub, err := openDirIn(ur, path.Join(parts[:i+1]...))
		if err != nil {
			return 0, err
		}
		sub.Close()
	}
	final := path.Join(parts...)
	if fi, err := ur.Lstat(final); err == nil {
		if !fi.Mode().IsRegular() {
			return 0, &NameError{Name: name, Reason: "exists and is not a regular file"}
		}
		if !overwrite {
			return 0, fmt.Errorf("export %q: %w", name, export.ErrExists)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, fmt.Errorf("export %q: %w", name, err)
	}

	lw := &limitWriter{left: e.maxBytes}
	err = atomicfile.WriteIn(ur, final, atomicfile.Options{Overwrite: overwrite, Perm: exportPerm}, func(w io.Writer) error {
		lw.w = w
		return write(lw)
	})
	if err != nil {
		return lw.n, fmt.Errorf("export %q: %w", name, err)
	}
	return lw.n, nil
}

// openDirIn makes (mode 0700) or opens the directory name inside r and
// returns it as a Root. A symbolic link in its place is refused even when it
// points inside r: exports go to real directories only.
func openDirIn(r *os.Root, name string) (*os.Root, error) {
	if err := r.Mkdir(name, exportDirPerm); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("export: %w", err)
	}
	fi, err := r.Lstat(name)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if !fi.IsDir() {
		return nil, &NameError{Name: name, Reason: "is not a directory (symbolic links are not followed)"}
	}
	sub, err := r.OpenRoot(name)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return sub, nil
}

// limitWriter fails once more than left bytes have been written; left <= 0
// means no limit.
type limitWriter struct {
	w    io.Writer
	left int64
	n    int64
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if l.left > 0 && l.n+int64(len(p)) > l.left {
		return 0, ErrExportTooLarge
	}
	n, err := l.w.Write(p)
	l.n += int64(n)
	return n, err
}
