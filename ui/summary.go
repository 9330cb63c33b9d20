package ui

import (
	"cmp"
	"eventlens/ui/common"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/sanitize"
)

// summaryState holds the counts of the filtered events. It is computed when
// the summary opens (one pass over the rows), not on every frame.
type summaryState struct {
	valid   bool
	version uint64
	filter  string
	nrows   int
	width   int

	byClass   map[model.Class]int
	byLevel   map[model.Level]int
	providers []countItem
	ids       []countItem

	first, last time.Time
	start       time.Time // start of the first bucket
	bucket      time.Duration
	hist        []int
	sel         int
}

type countItem struct {
	label string
	n     int
}

const histHeight = 8

// niceBuckets are the bucket sizes the histogram picks from, so that bars
// start on round times.
var niceBuckets = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 30 * 24 * time.Hour,
	91 * 24 * time.Hour, 365 * 24 * time.Hour,
}

func (m *Model) openSummary() {
	m.screen = screenSummary
	m.computeSummary()
}

func (m *Model) computeSummary() {
	s := m.summary
	bars := max(m.Width-4, 10)
	if s != nil && s.valid && s.version == m.Store.Version() && s.filter == m.filterText && s.nrows == len(m.rows) && s.width == bars {
		return
	}
	s = &summaryState{valid: true, version: m.Store.Version(), filter: m.filterText, nrows: len(m.rows), width: bars,
		byClass: map[model.Class]int{}, byLevel: map[model.Level]int{}}
	m.summary = s
	provs := map[string]int{}
	ids := map[uint16]int{}
	// Read the store's columns: the summary covers every row.
	syms := m.Store.Symbols()
	for i, r := range m.rows {
		k := m.Store.Key(int(r))
		s.byClass[m.Store.Class(int(r))]++
		s.byLevel[k.Level]++
		provs[syms[k.Provider]]++
		ids[k.EventID]++
		t := m.Store.Time(int(r))
		if i == 0 || t.Before(s.first) {
			s.first = t
		}
		if i == 0 || t.After(s.last) {
			s.last = t
		}
	}
	for p, n := range provs {
		s.providers = append(s.providers, countItem{common.ShortProvider(p), n})
	}
	for id, n := range ids {
		s.ids = append(s.ids, countItem{strconv.Itoa(int(id)), n})
	}
	byCount := func(a, b countItem) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.label, b.label)
	}
	slices.SortFunc(s.providers, byCount)
	slices.SortFunc(s.ids, byCount)

	if len(m.rows) == 0 {
		return
	}
	span := s.last.Sub(s.first)
	s.bucket = niceBuckets[len(niceBuckets)-1]
	for _, b := range niceBuckets {
		if span/b < time.Duration(bars) {
			s.bucket = b
			break
		}
	}
	s.start = s.first.Truncate(s.bucket)
	n := int(s.last.Sub(s.start)/s.bucket) + 1
	s.hist = make([]int, max(n, 1))
	for _, r := range m.rows {
		i := int(m.Store.Time(int(r)).Sub(s.start) / s.bucket)
		s.hist[common.Clamp(i, 0, len(s.hist)-1)]++
	}
	s.sel = slices.Index(s.hist, slices.Max(s.hist))
}

func (m *Model) summaryKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.Keys
	s := m.summary
	switch {
	case m.isBack(msg) || key.Matches(msg, k.Summary):
		m.screen = screenList
	case key.Matches(msg, k.Language):
		return m.cycleLanguage()
	case msg.String() == "left" || msg.String() == "h":
		s.sel = max(s.sel-1, 0)
	case msg.String() == "right" || msg.String() == "l":
		s.sel = min(s.sel+1, len(s.hist)-1)
	case key.Matches(msg, k.Top):
		s.sel = 0
	case key.Matches(msg, k.Bottom):
		s.sel = len(s.hist) - 1
	case key.Matches(msg, k.Open):
		m.filterToBar(s.sel)
	}
	return nil
}

// filterToBar narrows the filter to the time span of bar i and returns to
// the list.
func (m *Model) filterToBar(i int) {
	s := m.summary
	if s == nil || i < 0 || i >= len(s.hist) {
		return
	}
	from := s.start.Add(time.Duration(i) * s.bucket).UTC()
	to := from.Add(s.bucket)
	m.editFilter(func(q *query.Query) (string, error) {
		text, err := q.With("after", from.Format(time.RFC3339), false)
		if err != nil {
			return "", err
		}
		if q, err = query.Parse(text, m.QueryNow()); err != nil {
			return "", err
		}
		return q.With("before", to.Format(time.RFC3339), false)
	})
	m.screen = screenList
}

// summaryClick selects (and filters to) the bar under the mouse.
func (m *Model) summaryClick(x, y int) {
	s := m.summary
	if s == nil || len(s.hist) == 0 {
		return
	}
	top := titleLines + 2 // title and blank line
	if y < top || y >= top+histHeight {
		return
	}
	i := (x - 2) / s.barWidth(m.Width)
	if x >= 2 && i < len(s.hist) {
		s.sel = i
		m.filterToBar(i)
	}
}

// blocks are the eighth-height bar glyphs, from empty to full.
var blocks = []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

func (m *Model) summaryView(w, h int) []string {
	m.computeSummary()
	s := m.summary
	out := make([]string, 0, h)
	title := fmt.Sprintf(m.T(uiText.SummaryTitle), common.FmtInt(len(m.rows), m.Lang))
	if m.filterText != "" {
		title += " · " + m.T(uiText.FilterLabel) + " " + sanitize.Line(m.filterText)
	}
	out = append(out, common.FitLine(" "+m.Styles.Title.Render(sanitize.Line(title)), w), "")
	if len(s.hist) > 0 {
		out = append(out, m.histogram(w)...)
	}
	out = append(out, "")

	// Count tables side by side: class, level, top providers, top IDs.
	rowsLeft := max(h-len(out)-1, 3)
	colW := max((w-2)/4-1, 12)
	var cols []string
	table := func(title string, items []countItem) {
		var b strings.Builder
		b.WriteString(m.Styles.Label.Render(common.FitLine(title, colW)))
		for i, it := range items {
			if i >= rowsLeft {
				break
			}
			num := common.FmtInt(it.n, m.Lang)
			lw := max(colW-sanitize.Width(num)-1, 1)
			var c strings.Builder
			common.WriteCell(&c, it.label, lw, false)
			b.WriteString("\n" + c.String() + " " + num)
		}
		cols = append(cols, b.String())
	}
	var classes []countItem
	for _, c := range model.Classes {
		if n := s.byClass[c]; n > 0 {
			classes = append(classes, countItem{m.KB.ClassLabel(c, m.Lang), n})
		}
	}
	var levels []countItem
	for _, l := range []model.Level{model.LevelCritical, model.LevelError, model.LevelWarning, model.LevelInformation, model.LevelVerbose} {
		n := s.byLevel[l]
		if l == model.LevelInformation {
			n += s.byLevel[model.LevelLogAlways]
		}
		if n > 0 {
			levels = append(levels, countItem{common.LevelLong(l).In(m.Lang), n})
		}
	}
	table(m.T(uiText.ByClass), classes)
	table(m.T(uiText.ByLevel), levels)
	table(m.T(uiText.ByProvider), s.providers)
	table(m.T(uiText.ByID), s.ids)
	for i := range cols {
		cols[i] = lipgloss.NewStyle().Width(colW + 1).Render(cols[i])
	}
	grid := lipgloss.JoinHorizontal(lipgloss.Top, cols...)
	for _, ln := range strings.Split(grid, "\n") {
		out = append(out, common.FitLine(" "+ln, w))
	}
	if len(out) > h {
		out = out[:h]
	}
	return out
}

// histogram draws the time histogram: histHeight rows of bars, an axis
// with the first and last time, and the selected bar's span and count.
func (m *Model) histogram(w int) []string {
	s := m.summary
	top := slices.Max(s.hist)
	barW := s.barWidth(w)
	var out []string
	for row := histHeight - 1; row >= 0; row-- {
		var b strings.Builder
		b.WriteString("  ")
		for i, n := range s.hist {
			if (i+1)*barW > w-3 {
				break
			}
			// Bar height in eighths of a cell; a non-empty bucket always
			// shows at least the lowest glyph.
			eighths := n * histHeight * 8 / max(top, 1)
			if n > 0 && eighths == 0 {
				eighths = 1
			}
			g := blocks[common.Clamp(eighths-row*8, 0, 8)]
			if i == s.sel && g == " " {
				g = "·"
			}
			g = strings.Repeat(g, barW)
			if i == s.sel {
				g = m.Styles.Selected.Render(g)
			}
			b.WriteString(g)
		}
		out = append(out, b.String())
	}
	layout := "2006-01-02 15:04"
	if s.bucket < time.Minute {
		layout = "2006-01-02 15:04:05"
	}
	first := s.start.In(m.Loc).Format(layout)
	last := s.start.Add(time.Duration(len(s.hist)) * s.bucket).In(m.Loc).Format(layout)
	axis := "  " + first
	if gap := min(len(s.hist)*barW, w-3) - sanitize.Width(first) - sanitize.Width(last); gap > 0 {
		axis += strings.Repeat(" ", gap) + last
	}
	out = append(out, m.Styles.Dim.Render(common.FitLine(axis, w)))
	from := s.start.Add(time.Duration(s.sel) * s.bucket)
	info := fmt.Sprintf(m.T(uiText.BarInfo), from.In(m.Loc).Format(layout), from.Add(s.bucket).In(m.Loc).Format(layout),
		common.FmtInt(s.hist[s.sel], m.Lang))
	out = append(out, common.FitLine("  "+info, w))
	return out
}

// barWidth is how many cells each bar gets: the histogram spreads over the
// width when there are few buckets.
func (s *summaryState) barWidth(w int) int {
	if len(s.hist) == 0 {
		return 1
	}
	return common.Clamp((w-4)/len(s.hist), 1, 8)
}
