package main

import (
	"fmt"
	"io"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// maxProblemsShown keeps the load report readable on a badly damaged file;
// the count of the rest is still given.
const maxProblemsShown = 10

// writeReports prints the load report of files that were not read cleanly,
// and one line for each clean file, to w (standard error).
func writeReports(w io.Writer, reports []model.FileReport) {
	for i := range reports {
		r := &reports[i]
		path := sanitize.Line(r.Path)
		if r.Err != nil {
			fmt.Fprintf(w, "%s: not loaded: %s\n", path, sanitize.Line(r.Err.Error()))
			continue
		}
		if !r.Skipped.IsZero() {
			fmt.Fprintf(w, "%s: skipped, no log: %s\n", path, sanitize.Line(r.Skipped.String()))
			continue
		}
		fmt.Fprintf(w, "%s: %s, %s decoded", path, r.Format, i18n.Records.In(r.RecordsDecoded, i18n.EN))
		if r.RecordsUndecoded > 0 {
			fmt.Fprintf(w, ", %d undecoded (kept)", r.RecordsUndecoded)
		}
		if r.RecordsSkipped > 0 {
			fmt.Fprintf(w, ", %d skipped", r.RecordsSkipped)
		}
		if r.ChunksFound > 0 {
			fmt.Fprintf(w, "; chunks %d found, %d parsed, %d failed", r.ChunksFound, r.ChunksParsed, r.ChunksFailed)
		}
		if r.Zone != "" {
			fmt.Fprintf(w, "; %s", i18n.ZoneRead(sanitize.Line(r.Zone), r.ZoneLocal).In(i18n.EN))
		}
		fmt.Fprintln(w)
		for j, p := range r.Problems {
			if j == maxProblemsShown {
				fmt.Fprintf(w, "  … %s not shown\n", i18n.Problems.In(len(r.Problems)-j, i18n.EN))
				break
			}
			fmt.Fprintf(w, "  %s\n", problemText(p))
		}
	}
}

func problemText(p model.Problem) string {
	s := ""
	if p.Chunk >= 0 {
		s += fmt.Sprintf("chunk %d ", p.Chunk)
	}
	if p.Offset >= 0 {
		s += fmt.Sprintf("at offset %#x ", p.Offset)
	}
	if p.Record != 0 {
		s += fmt.Sprintf("record %d ", p.Record)
	}
	return s + sanitize.Line(p.Reason)
}
