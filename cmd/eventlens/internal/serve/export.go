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
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"eventlens/i18n"
	"eventlens/i18n/reason"
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
var ErrExportTooLarge = reason.New(reason.ExportTooLarge).Err()

// writeError is why the export name was not written. It says itself in
// the session's language (i18n.SayError): the name, then why.
type writeError struct {
	name string
	err  error
}

func (e *writeError) Error() string { return fmt.Sprintf("export %q: %v", e.name, e.err) }
func (e *writeError) Unwrap() error { return e.err }

// In is e in l.
func (e *writeError) In(l i18n.Lang) string {
	return i18n.Field(strconv.Quote(e.name), i18n.SayError(e.err, l), l)
}

// NameError says why an export name was refused.
type NameError struct {
	Name   string
	Reason reason.Reason
}

func (e *NameError) Error() string { return e.Why().String() }

// Why is e as a reason: i18n.SayError says it in the session's language.
func (e *NameError) Why() reason.Reason {
	return reason.New(reason.ExportNameRefused, strconv.Quote(e.Name)).With(e.Reason)
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
	bad := func(why reason.Reason) ([]string, error) { return nil, &NameError{Name: name, Reason: why} }
	switch {
	case name == "":
		return bad(reason.New(reason.NameEmpty))
	case len(name) > maxPathBytes:
		return bad(reason.New(reason.NameTooLong))
	case strings.HasPrefix(name, "/"), strings.HasPrefix(name, `\`), len(name) >= 2 && name[1] == ':':
		return bad(reason.New(reason.NameAbsolute))
	}
	parts := strings.Split(name, "/")
	if len(parts) > maxPathDepth {
		return bad(reason.New(reason.NameTooDeep))
	}
	for _, p := range parts {
		if why := checkComponent(p); !why.IsZero() {
			return bad(why)
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

// checkComponent validates one path component (a file or directory name):
// why it is refused, the zero Reason if it is not.
func checkComponent(p string) reason.Reason {
	switch {
	case p == "":
		return reason.New(reason.NameEmptyPart)
	case p == "." || p == "..":
		return reason.New(reason.NameDots)
	case strings.HasPrefix(p, "."):
		return reason.New(reason.NameLeadingDot)
	case len(p) > maxNameBytes:
		return reason.New(reason.NameTooLong)
	case !utf8.ValidString(p):
		return reason.New(reason.NameNotUTF8)
	case strings.HasSuffix(p, ".") || strings.HasSuffix(p, " ") || strings.HasPrefix(p, " "):
		return reason.New(reason.NameEdges)
	}
	for _, r := range p {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return reason.New(reason.NameControl)
		case r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return reason.New(reason.NameBidi)
		case strings.ContainsRune(`\:*?"<>|`, r):
			return reason.New(reason.NameChar, strconv.QuoteRune(r))
		}
	}
	base, _, _ := strings.Cut(p, ".")
	if reservedDevices[strings.ToUpper(strings.TrimRight(base, " "))] {
		return reason.New(reason.NameDevice, strconv.Quote(base))
	}
	return reason.Reason{}
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
	if why := checkComponent(user); !why.IsZero() {
		return 0, fmt.Errorf("export: user name %q unusable: %v", user, why)
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
			return 0, &NameError{Name: name, Reason: reason.New(reason.ExistsNotRegular)}
		}
		if !overwrite {
			return 0, &writeError{name, export.ErrExists}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, &writeError{name, err}
	}

	lw := &limitWriter{left: e.maxBytes}
	err = atomicfile.WriteIn(ur, final, atomicfile.Options{Overwrite: overwrite, Perm: exportPerm}, func(w io.Writer) error {
		lw.w = w
		return write(lw)
	})
	if err != nil {
		return lw.n, &writeError{name, err}
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
		return nil, &NameError{Name: name, Reason: reason.New(reason.NameNotDir)}
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
