package summary

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/novelty"
	"eventlens/model/sanitize"
	"eventlens/ui/common"
	"eventlens/ui/report"
)

// news is what the summary shows below the histogram about what is new:
// the largest floods and the most novel unknown errors and warnings.
type news struct {
	floods []report.Flood
	novel  []novelty.Item
}

// Limits of the news lines.
const (
	newsFloods = 3
	newsNovel  = 5
)

// computeNews finds the floods and ranks the novelty of the rows. Both
// read the rows in timeline order, whatever order the list is sorted in.
func (m *Model) computeNews() {
	s := m.ctx.Store
	in := make([]bool, s.Len())
	for _, r := range m.rows {
		in[r] = true
	}
	timeline := make([]int32, 0, len(m.rows))
	for i := range s.Len() {
		slot := int32(i)
		if !s.Sorted() {
			slot = s.Order()[i]
		}
		if in[slot] {
			timeline = append(timeline, slot)
		}
	}
	m.news.floods = report.Floods(s, timeline)
	m.news.novel = novelty.Rank(s, timeline)
}

// newsLen is how many lines the news takes in full.
func (m *Model) newsLen() int {
	n := 0
	if k := min(newsFloods, len(m.news.floods)); k > 0 {
		n += 1 + k
	}
	if k := min(newsNovel, len(m.news.novel)); k > 0 {
		n += 1 + k
	}
	return n
}

// newsLines draws the news in at most n lines: a title and the top
// floods, then a title and the most novel kinds.
func (m *Model) newsLines(n int) []string {
	c, w := m.ctx, m.w
	var out []string
	add := func(s string) {
		if len(out) < n {
			out = append(out, common.FitLine(s, w))
		}
	}
	if len(m.news.floods) > 0 {
		add(" " + c.Styles.Label.Render(lblFloods.In(c.Lang)))
		floods := m.news.floods[:min(newsFloods, len(m.news.floods))]
		// The counts are right-aligned, so the sources start in one column.
		countW := 0
		for _, f := range floods {
			countW = max(countW, len(i18n.Int(f.Count, c.Lang))+1)
		}
		for _, f := range floods {
			// fmt pads by runes: "×" is one.
			line := fmt.Sprintf("  %*s  %s %d  %s – %s  %s", countW, "×"+i18n.Int(f.Count, c.Lang),
				common.ShortProvider(f.Provider), f.EventID,
				f.First.In(c.Loc).Format("2006-01-02"), f.Last.In(c.Loc).Format("2006-01-02"),
				i18n.Names(f.Computers, c.Lang))
			add(sanitize.Line(line))
		}
	}
	if len(m.news.novel) > 0 {
		add(" " + c.Styles.Label.Render(lblNovel.In(c.Lang)))
		for _, it := range m.news.novel[:min(newsNovel, len(m.news.novel))] {
			line := fmt.Sprintf("  %s %d  ×%s  %s %s  %s", common.ShortProvider(it.Provider), it.EventID,
				i18n.Int(it.Count, c.Lang), lblFirst.In(c.Lang), it.First.In(c.Loc).Format("2006-01-02 15:04"),
				i18n.Names(it.Computers, c.Lang))
			sgr := c.Styles.RowWarning
			if it.Level <= model.LevelError {
				sgr = c.Styles.RowError
			}
			add(sgr + sanitize.Line(line) + ansi.ResetStyle)
		}
	}
	return out
}

// Labels of the news lines.
var (
	lblFloods = i18n.Text{EN: "Largest floods", JA: "大量発生（多い順）", NL: "Grootste stortvloeden"}
	lblNovel  = i18n.Text{EN: "New and unusual errors and warnings", JA: "新しい・珍しいエラーと警告", NL: "Nieuwe en ongewone fouten en waarschuwingen"}
	lblFirst  = i18n.Text{EN: "first", JA: "初回", NL: "eerst"}
)
