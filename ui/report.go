package ui

import (
	"eventlens/ui/common"
	"fmt"
	"strings"
)

// openReport shows the load report: per file, what was read, what was
// skipped and why.
func (m *Model) openReport() {
	m.screen = screenReport
	l := m.layout()
	w := max(m.Width, 20)
	m.report.SetWidth(w)
	m.report.SetHeight(l.bodyH)
	var out []string
	out = append(out, " "+m.Styles.Title.Render(m.T(uiText.ReportTitle)))
	if m.loadTook > 0 {
		out = append(out, " "+fmt.Sprintf(m.T(uiText.ReportLoaded), common.FmtInt(m.Store.Len(), m.Lang), len(m.reports), m.loadTook.Round(1e6)))
	}
	if len(m.reports) == 0 {
		out = append(out, "", " "+m.T(uiText.ReportNone))
	}
	for _, r := range m.reports {
		out = append(out, "")
		state := m.Styles.OkText.Render(m.T(uiText.ReportClean))
		if !r.Clean() {
			state = m.Styles.ErrText.Render(m.T(uiText.ReportProblems))
		}
		for i, ln := range common.Wrap(r.Path, w-4) {
			if i == 0 {
				out = append(out, " "+state+" "+m.Styles.Label.Render(ln))
			} else {
				out = append(out, "   "+m.Styles.Label.Render(ln))
			}
		}
		if r.Err != nil {
			for _, ln := range common.Wrap(fmt.Sprintf(m.T(uiText.ReportUnreadable), r.Err), w-4) {
				out = append(out, "   "+m.Styles.ErrText.Render(ln))
			}
			continue
		}
		out = append(out, "   "+fmt.Sprintf(m.T(uiText.ReportCounts), r.Format, common.FmtBytes(r.Size),
			common.FmtInt(r.RecordsDecoded, m.Lang), common.FmtInt(r.RecordsUndecoded, m.Lang), common.FmtInt(r.RecordsSkipped, m.Lang)))
		if r.ChunksFound > 0 {
			out = append(out, "   "+fmt.Sprintf(m.T(uiText.ReportChunks), r.ChunksFound, r.ChunksParsed, r.ChunksFailed))
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
			for i, ln := range common.Wrap(text, w-7) {
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
		lines[i] = common.FitLine(lines[i], w)
	}
	return lines
}
