package model

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Input is one file a load reads: a path the user named, or a regular file
// found by walking a directory they named.
type Input struct {
	Path string
	// InDir is set for a file found in a directory: one that is no log of a
	// known format is then skipped quietly (see FileReport.Skipped) rather
	// than reported as a file that could not be read.
	InDir bool
	// Err is set when the path could not be listed; nothing is read.
	Err error
}

// Expand turns paths into Inputs, walking directories recursively in
// lexical order for regular files. A path that cannot be listed gives an
// Input with Err set, in its place.
func Expand(paths []string) []Input {
	var out []Input
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			out = append(out, Input{Path: p, Err: err})
			continue
		}
		if !fi.IsDir() {
			out = append(out, Input{Path: p})
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Input{Path: q, InDir: true, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				out = append(out, Input{Path: q, InDir: true})
			}
			return nil
		})
		if err != nil {
			out = append(out, Input{Path: p, Err: err})
		}
	}
	return out
}

// Source returns the Source that reads in.
func (in Input) Source() Source {
	s := FileSource(in.Path)
	s.InDir = in.InDir
	return s
}
