package ui

import (
	"fmt"
	"strings"
)

// openReport shows the load report: per file, what was read, what was
// skipped and why.
func (m *Model) openReport() {
	m.screen = screenReport
	l := m.layout()
	w := max(m.width, 20)
	m.report.SetWidth(w)
	m.report.SetHeight(l.bodyH)
	var out []string
	out = append(out, " "+m.st.Title.Render(m.t(uiText.ReportTitle)))
	if m.loadTook > 0 {
		out = append(out, " "+fmt.Sprintf(m.t(uiText.ReportLoaded), fmtInt(m.store.Len(), m.lang), len(m.reports), m.loadTook.Round(1e6)))
	}
	if len(m.reports) == 0 {
		out = append(out, "", " "+m.t(uiText.ReportNone))
	}
	for _, r := range m.reports {
		out = append(out, "")
		state := m.st.OkText.Render(m.t(uiText.ReportClean))
		if !r.Clean() {
			state = m.st.ErrText.Render(m.t(uiText.ReportProblems))
		}
		for i, ln := range wrap(r.Path, w-4) {
			if i == 0 {
				out = append(out, " "+state+" "+m.st.Label.Render(ln))
			} else {
				out = append(out, "   "+m.st.Label.Render(ln))
			}
		}
		if r.Err != nil {
			for _, ln := range wrap(fmt.Sprintf(m.t(uiText.ReportUnreadable), r.Err), w-4) {
				out = append(out, "   "+m.st.ErrText.Render(ln))
			}
			continue
		}
		out = append(out, "   "+fmt.Sprintf(m.t(uiText.ReportCounts), r.Format, fmtBytes(r.Size),
			fmtInt(r.RecordsDecoded, m.lang), fmtInt(r.RecordsUndecoded, m.lang), fmtInt(r.RecordsSkipped, m.lang)))
		if r.ChunksFound > 0 {
			out = append(out, "   "+fmt.Sprintf(m.t(uiText.ReportChunks), r.ChunksFound, r.ChunksParsed, r.ChunksFailed))
		}
		for _, p := range r.Problems {
			var where []string
			if p.Chunk >= 0 {
				where = append(where, fmt.Sprintf("chunk %d", p.Chunk))
			}
			if p.Offset >= 0 {
				where = append(where, fmt.Sprintf("@%d", p.Offset))
			}
			if p.Record > 0 && !strings.HasPrefix(p.Reason, fmt.Sprintf("record %d", p.Record)) {
				where = append(where, fmt.Sprintf("record %d", p.Record))
			}
			text := p.Reason
			if len(where) > 0 {
				text = strings.Join(where, " ") + ": " + text
			}
			for i, ln := range wrap(text, w-7) {
				if i == 0 {
					out = append(out, "   - "+ln)
				} else {
					out = append(out, "     "+ln)
				}
			}
		}
	}
	m.report.SetContentLines(out)
}

func (m *Model) reportView(w, h int) []string {
	m.report.SetWidth(w)
	m.report.SetHeight(h)
	lines := strings.Split(m.report.View(), "\n")
	for i := range lines {
		lines[i] = fitLine(lines[i], w)
	}
	return lines
}
