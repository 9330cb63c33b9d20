package main

import (
	"fmt"
	"io"
	"strconv"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
	uicommon "eventlens/ui/common"
)

// maxProblemsShown keeps the load report readable on a badly damaged file;
// the count of the rest is still given.
const maxProblemsShown = 10

// moreProblems ends a file's list of problems cut at maxProblemsShown.
var moreProblems = i18n.Text{EN: "… %s not shown", JA: "… 残り %s は表示していません", NL: "… %s niet getoond"}

// writeReports prints the load report of files that were not read cleanly,
// and one line for each clean file, to w (standard error), in lang: the
// viewer's load report (R) in lines.
func writeReports(w io.Writer, reports []model.FileReport, lang i18n.Lang) {
	u := &i18n.UI
	for i := range reports {
		r := &reports[i]
		path := sanitize.Line(r.Path)
		if r.Err != nil {
			fmt.Fprintf(w, "%s: %s\n", path, fmt.Sprintf(u.ReportUnreadable.In(lang), sanitize.Line(i18n.SayError(r.Err, lang))))
			continue
		}
		if !r.Skipped.IsZero() {
			fmt.Fprintf(w, "%s: %s\n", path, u.ReportNotALog.Fill(sanitize.Line(i18n.Say(r.Skipped, lang))).In(lang))
			continue
		}
		parts := []string{fmt.Sprintf(u.ReportCounts.In(lang), sanitize.Line(r.Format), uicommon.FmtBytes(r.Size),
			i18n.Int(r.RecordsDecoded, lang), i18n.Int(r.RecordsUndecoded, lang), i18n.Int(r.RecordsSkipped, lang))}
		if r.ChunksFound > 0 {
			parts = append(parts, fmt.Sprintf(u.ReportChunks.In(lang), r.ChunksFound, r.ChunksParsed, r.ChunksFailed))
		}
		if r.Zone != "" {
			parts = append(parts, i18n.ZoneRead(sanitize.Line(r.Zone), r.ZoneLocal).In(lang))
		}
		fmt.Fprintf(w, "%s: %s\n", path, i18n.Clauses(parts, lang))
		for j, p := range r.Problems {
			if j == maxProblemsShown {
				fmt.Fprintf(w, "  %s\n", fmt.Sprintf(moreProblems.In(lang), i18n.Problems.In(len(r.Problems)-j, lang)))
				break
			}
			fmt.Fprintf(w, "  %s\n", problemText(p, lang))
		}
	}
}

// problemText is p, where it is and what, in lang.
func problemText(p model.Problem, lang i18n.Lang) string {
	u := &i18n.UI
	s := ""
	if p.Chunk >= 0 {
		s += u.ProblemChunk.Fill(strconv.Itoa(p.Chunk)).In(lang) + " "
	}
	if p.Offset >= 0 {
		s += u.ProblemOffset.Fill(fmt.Sprintf("%#x", p.Offset)).In(lang) + " "
	}
	if p.Record != 0 {
		s += u.ProblemRecord.Fill(strconv.FormatUint(p.Record, 10)).In(lang) + " "
	}
	return s + sanitize.Line(i18n.Say(p.Reason, lang))
}
