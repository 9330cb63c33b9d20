package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// nothingRead is the error of a headless load that found no log at all: no
// output is written then (not even an empty file). It names each input
// that gave nothing and why.
func nothingRead(inputs []string, reports []model.FileReport, lang i18n.Lang) error {
	for i := range reports {
		if loaded(&reports[i]) {
			return nil
		}
	}
	return inputErrors(inputs, reports, lang)
}

// finish is the exit status of a headless command that wrote its output
// (written is the write's error): an error naming the inputs that could not
// be read (exit 1) — what was read is still written whole — which the load
// report left to it, even when the write failed; else --strict's verdict.
func (c *common) finish(inputs []string, reports []model.FileReport, written error) error {
	lang, _ := c.language() // checked when the command began
	if err := errors.Join(written, inputErrors(inputs, reports, lang)); err != nil {
		return err
	}
	return c.strictness(reports)
}

// loaded reports whether r is a log that was read (maybe in part).
func loaded(r *model.FileReport) bool { return r.Err == nil && r.Skipped.IsZero() }

// inputErrors names every file that could not be read, and why (in lang
// when the loader gave a reason), and every directory named on the command
// line in which no log was found; nil when there are none.
func inputErrors(inputs []string, reports []model.FileReport, lang i18n.Lang) error {
	var errs []error
	for i := range reports {
		if r := &reports[i]; r.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %s", sanitize.Line(r.Path), sanitize.Line(i18n.SayError(unwrapPathError(r.Err), lang))))
		}
	}
	for _, in := range inputs {
		if fi, err := os.Stat(in); err != nil || !fi.IsDir() {
			continue
		}
		found, skipped := 0, 0
		for i := range reports {
			r := &reports[i]
			if !inDir(r.Path, in) {
				continue
			}
			if loaded(r) {
				found++
			} else if !r.Skipped.IsZero() {
				skipped++
			}
		}
		if found == 0 {
			errs = append(errs, fmt.Errorf("%s: no event log in this directory (%d %s of no known log format)",
				sanitize.Line(in), skipped, plural(skipped, "file", "files")))
		}
	}
	return errors.Join(errs...)
}

// inDir reports whether path was found by walking dir.
func inDir(path, dir string) bool {
	dir = filepath.Clean(dir)
	if dir == "." {
		return !filepath.IsAbs(path)
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(path, dir)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
