// Package report is the viewer's load report screen: per file, what was
// read, what was skipped and why.
package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
	"eventlens/ui/common"
)

// Model is the report screen, a scrolling text built when it opens.
type Model struct {
	ctx  *common.Context
	view viewport.Model
	w, h int

	reports []model.FileReport
	took    time.Duration
}

// New returns the report screen.
func New(ctx *common.Context) *Model {
	return &Model{ctx: ctx, view: viewport.New()}
}

// SetSize sizes the screen to w×h cells.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.view.SetWidth(w)
	m.view.SetHeight(h)
	m.build()
}

// Open shows the reports of a load that took took (0 while loading).
func (m *Model) Open(reports []model.FileReport, took time.Duration) {
	m.reports, m.took = reports, took
	m.build()
	m.view.GotoTop()
}

// Refresh lays the report out again, after a change of language.
func (m *Model) Refresh() { m.build() }

// KeyMap is the report's keys.
func (m *Model) KeyMap() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Back}
}

// Update scrolls.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	m.view, cmd = m.view.Update(msg)
	return cmd
}

// View shows the visible part of the report.
func (m *Model) View() string {
	lines := strings.Split(m.view.View(), "\n")
	for i := range lines {
		lines[i] = common.FitLine(lines[i], m.w)
	}
	return strings.Join(lines, "\n")
}

func (m *Model) build() {
	c, u := m.ctx, &i18n.UI
	st := c.Styles
	w := max(m.w, 20)
	out := []string{" " + st.Title.Render(c.T(u.ReportTitle))}
	if m.took > 0 {
		out = append(out, " "+fmt.Sprintf(c.T(u.ReportLoaded), i18n.Events.In(c.Store.Len(), c.Lang), m.files(), m.took.Round(time.Millisecond)))
	}
	if len(m.reports) == 0 {
		out = append(out, "", " "+c.T(u.ReportNone))
	}
	for _, r := range m.reports {
		out = append(out, "")
		state := st.OKText.Render(c.T(u.ReportClean))
		switch {
		case !r.Skipped.IsZero():
			// Found in a directory and no log: passed over, not a problem.
			state = c.T(u.ReportSkipped)
		case !r.Clean():
			state = st.ErrText.Render(c.T(u.ReportProblems))
		}
		for i, ln := range common.Wrap(r.Path, w-4) {
			if i == 0 {
				out = append(out, " "+state+" "+st.Label.Render(ln))
			} else {
				out = append(out, "   "+st.Label.Render(ln))
			}
		}
		if !r.Skipped.IsZero() {
			for _, ln := range common.Wrap(sanitize.Line(i18n.Say(r.Skipped, c.Lang)), w-4) {
				out = append(out, "   "+ln)
			}
			continue
		}
		if r.Err != nil {
			for _, ln := range common.Wrap(fmt.Sprintf(c.T(u.ReportUnreadable), sanitize.Line(i18n.SayError(r.Err, c.Lang))), w-4) {
				out = append(out, "   "+st.ErrText.Render(ln))
			}
			continue
		}
		out = append(out, "   "+fmt.Sprintf(c.T(u.ReportCounts), r.Format, common.FmtBytes(r.Size),
			i18n.Int(r.RecordsDecoded, c.Lang), i18n.Int(r.RecordsUndecoded, c.Lang), i18n.Int(r.RecordsSkipped, c.Lang)))
		if r.ChunksFound > 0 {
			out = append(out, "   "+fmt.Sprintf(c.T(u.ReportChunks), r.ChunksFound, r.ChunksParsed, r.ChunksFailed))
		}
		if r.Zone != "" {
			out = append(out, "   "+c.T(i18n.ZoneRead(sanitize.Line(r.Zone), r.ZoneLocal)))
		}
		out = append(out, problems(r.Problems, w, c.Lang)...)
	}
	m.view.SetContentLines(out)
}

// files counts the logs read and, apart, the files a directory walk passed
// over as no log, as the headless commands do: "2 files, 1 skipped".
func (m *Model) files() string {
	c := m.ctx
	skipped := 0
	for i := range m.reports {
		if !m.reports[i].Skipped.IsZero() {
			skipped++
		}
	}
	files := i18n.Files.In(len(m.reports)-skipped, c.Lang)
	if skipped == 0 {
		return files
	}
	return fmt.Sprintf(c.T(i18n.UI.ReportFilesSkipped), files, i18n.Int(skipped, c.Lang))
}

// problems lists a file's problems, each with where it is, in lang.
func problems(ps []model.Problem, w int, lang i18n.Lang) []string {
	u := &i18n.UI
	var out []string
	for _, p := range ps {
		var where []string
		if p.Chunk >= 0 {
			where = append(where, u.ProblemChunk.Fill(strconv.Itoa(p.Chunk)).In(lang))
		}
		if p.Offset >= 0 {
			where = append(where, fmt.Sprintf("@%d", p.Offset))
		}
		if p.Record > 0 {
			where = append(where, u.ProblemRecord.Fill(strconv.FormatUint(p.Record, 10)).In(lang))
		}
		text := sanitize.Line(i18n.Say(p.Reason, lang))
		if len(where) > 0 {
			text = i18n.Field(strings.Join(where, " "), text, lang)
		}
		for i, ln := range common.Wrap(text, w-7) {
			if i == 0 {
				out = append(out, "   - "+ln)
			} else {
				out = append(out, "     "+ln)
			}
		}
	}
	return out
}
