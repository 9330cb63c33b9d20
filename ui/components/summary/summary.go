// Package summary is the viewer's summary screen: a time histogram of the
// events in view, whose bars filter to their span, and counts by class,
// level, source and event ID.
package summary

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
	"eventlens/ui/common"
)

// FilterMsg asks the root model to narrow the filter to a bar's span
// [From, To) and return to the list.
type FilterMsg struct{ From, To time.Time }

// Model is the summary screen. Its counts are computed when it opens or
// resizes (one pass over the rows), never while drawing.
type Model struct {
	ctx    *common.Context
	w, h   int
	rows   []int32
	filter string

	byClass   map[model.Class]int
	byLevel   map[model.Level]int
	providers []countItem
	ids       []countItem

	start  time.Time // start of the first bucket
	bucket time.Duration
	hist   []int
	noTime int // rows whose time is off the axis (see onAxis)
	histH  int // bar rows: fewer on short screens, so the news stays in view
	sel    int

	news news // largest floods, most novel kinds (news.go)
}

type countItem struct {
	label string
	n     int
}

// histHeight is the histogram's height in lines when there is room, and
// minHist when there is not; Top is its first line below the body's top
// (title and blank line), for mouse clicks.
const (
	histHeight = 8
	minHist    = 2
	Top        = 2
)

// niceBuckets are the bucket sizes the histogram picks from, so that bars
// start on round times.
var niceBuckets = []time.Duration{
	time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second, 30 * time.Second,
	time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute, 30 * time.Minute,
	time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour,
	24 * time.Hour, 2 * 24 * time.Hour, 7 * 24 * time.Hour, 14 * 24 * time.Hour, 30 * 24 * time.Hour,
	91 * 24 * time.Hour, year, 2 * year, 5 * year, 10 * year, 25 * year, 50 * year,
}

const year = 365 * 24 * time.Hour

// The axis spans only times a Windows log can really hold. Damaged logs
// carry FILETIME zero (1601-01-01), the zero time (a time that did not
// parse) or a wild clock; one such event next to real ones would stretch the
// axis over centuries and squash every real event into one bar, so those
// events are counted apart and said, not drawn. The window (NT's era, well
// into the future) is narrower than time.Duration's 292 years, and bucket
// arithmetic is in whole seconds besides, so nothing here can overflow.
var (
	axisFrom = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	axisTo   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// onAxis reports whether an event at t is drawn on the histogram.
func onAxis(t time.Time) bool { return !t.Before(axisFrom) && t.Before(axisTo) }

// New returns the summary screen.
func New(ctx *common.Context) *Model { return &Model{ctx: ctx} }

// Open summarises rows (store slots) under the filter text shown in its
// title. The rows are read, not kept beyond the next Open.
func (m *Model) Open(rows []int32, filter string) {
	m.rows, m.filter = slices.Clone(rows), filter
	m.compute()
}

// SetSize sizes the screen; the histogram's buckets follow the width.
func (m *Model) SetSize(w, h int) {
	if w == m.w && h == m.h {
		return
	}
	m.w, m.h = w, h
	if m.rows != nil {
		m.compute()
	}
}

// Selected is the selected bar's index and the histogram, for tests.
func (m *Model) Selected() (i int, start time.Time, bucket time.Duration, hist []int) {
	return m.sel, m.start, m.bucket, m.hist
}

// compute counts the rows and buckets their times.
func (m *Model) compute() {
	s := m.ctx.Store
	m.byClass, m.byLevel = map[model.Class]int{}, map[model.Level]int{}
	m.providers, m.ids, m.hist = nil, nil, nil
	provs := map[string]int{}
	ids := map[uint16]int{}
	var first, last time.Time
	m.noTime = 0
	// Read the store's columns: the summary covers every row.
	syms := s.Symbols()
	for _, r := range m.rows {
		k := s.Key(int(r))
		m.byClass[s.Class(int(r))]++
		m.byLevel[k.Level]++
		provs[syms[k.Provider]]++
		ids[k.EventID]++
		t := s.Time(int(r))
		if !onAxis(t) {
			m.noTime++
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if last.IsZero() || t.After(last) {
			last = t
		}
	}
	for p, n := range provs {
		m.providers = append(m.providers, countItem{common.ShortProvider(p), n})
	}
	for id, n := range ids {
		m.ids = append(m.ids, countItem{strconv.Itoa(int(id)), n})
	}
	byCount := func(a, b countItem) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return strings.Compare(a.label, b.label)
	}
	slices.SortFunc(m.providers, byCount)
	slices.SortFunc(m.ids, byCount)
	if !first.IsZero() {
		m.buckets(first, last)
	}
	m.computeNews()
	m.histH = m.histRows()
}

// histRows is how many rows the bars get: the floods and the new and
// unusual kinds matter more than the bars' resolution, so on a short
// screen the bars shrink until the news, and a table header with two rows
// below it, fit.
func (m *Model) histRows() int {
	fixed := Top + 2 + 1 + 3 // title, axis and bar info, blank, tables
	if m.noTime > 0 {
		fixed++
	}
	if n := m.newsLen(); n > 0 {
		fixed += n + 1
	}
	return common.Clamp(m.h-fixed, minHist, histHeight)
}

// buckets builds the histogram over [first, last], both on the axis, with
// as many bars as fit. Bucket sizes are whole seconds and the first bucket
// starts on a whole second, so the arithmetic is in Unix seconds.
func (m *Model) buckets(first, last time.Time) {
	bars := int64(max(m.w-4, 10))
	span := last.Unix() - first.Unix()
	m.bucket = niceBuckets[len(niceBuckets)-1]
	for _, b := range niceBuckets {
		if span/int64(b/time.Second) < bars {
			m.bucket = b
			break
		}
	}
	m.start = first.Truncate(m.bucket)
	m.hist = make([]int, m.barIndex(last)+1)
	s := m.ctx.Store
	for _, r := range m.rows {
		if t := s.Time(int(r)); onAxis(t) {
			m.hist[common.Clamp(m.barIndex(t), 0, len(m.hist)-1)]++
		}
	}
	m.sel = slices.Index(m.hist, slices.Max(m.hist))
}

// barIndex is the bar an on-axis time t falls in.
func (m *Model) barIndex(t time.Time) int {
	return int((t.Unix() - m.start.Unix()) / int64(m.bucket/time.Second))
}

// barStart is where bar i begins; bar i spans [barStart(i), barStart(i+1)).
func (m *Model) barStart(i int) time.Time {
	return time.Unix(m.start.Unix()+int64(i)*int64(m.bucket/time.Second), 0).UTC()
}

// KeyMap is the summary's keys.
func (m *Model) KeyMap() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Top, k.Bottom, k.Open, k.Summary, k.Language}
}

// Update moves the selected bar; Enter or a click filters to it.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k := m.ctx.Keys
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case msg.String() == "left" || msg.String() == "h":
			m.sel = max(m.sel-1, 0)
		case msg.String() == "right" || msg.String() == "l":
			m.sel = max(min(m.sel+1, len(m.hist)-1), 0)
		case key.Matches(msg, k.Top):
			m.sel = 0
		case key.Matches(msg, k.Bottom):
			m.sel = max(len(m.hist)-1, 0)
		case key.Matches(msg, k.Open):
			return m.filterTo(m.sel)
		}
	case tea.MouseClickMsg:
		// y is relative to the body's top.
		if msg.Button != tea.MouseLeft || len(m.hist) == 0 || msg.Y < Top || msg.Y >= Top+m.histH || msg.X < 2 {
			return nil
		}
		if i := (msg.X - 2) / m.barWidth(); i < len(m.hist) {
			m.sel = i
			return m.filterTo(i)
		}
	}
	return nil
}

// filterTo asks for the filter to bar i's time span.
func (m *Model) filterTo(i int) tea.Cmd {
	if i < 0 || i >= len(m.hist) {
		return nil
	}
	msg := FilterMsg{From: m.barStart(i), To: m.barStart(i + 1)}
	return func() tea.Msg { return msg }
}

// blocks are the eighth-height bar glyphs, from empty to full.
var blocks = []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}

// View draws the title, the histogram and the count tables.
func (m *Model) View() string {
	c, w := m.ctx, m.w
	out := make([]string, 0, m.h)
	title := fmt.Sprintf(c.T(i18n.UI.SummaryTitle), i18n.Events.In(len(m.rows), c.Lang))
	if m.filter != "" {
		title += " · " + i18n.Field(c.T(i18n.UI.FilterLabel), sanitize.Line(m.filter), c.Lang)
	}
	out = append(out, common.FitLine(" "+c.Styles.Title.Render(sanitize.Line(title)), w), "")
	if len(m.hist) > 0 {
		out = append(out, m.histogram()...)
	}
	if m.noTime > 0 {
		out = append(out, common.FitLine("  "+c.Styles.Dim.Render(fmt.Sprintf(c.T(i18n.UI.SummaryNoTime), i18n.Events.In(m.noTime, c.Lang))), w))
	}
	out = append(out, "")
	if news := m.newsLines(max(m.h-len(out)-4, 0)); len(news) > 0 {
		out = append(append(out, news...), "")
	}
	out = append(out, m.tables(max(m.h-len(out)-1, 3))...)
	if len(out) > m.h {
		out = out[:m.h]
	}
	return strings.Join(out, "\n")
}

// tables draws the count tables side by side, at most rowsLeft rows each:
// class, level, top providers, top IDs.
func (m *Model) tables(rowsLeft int) []string {
	c, w := m.ctx, m.w
	colW := max((w-2)/4-1, 12)
	var cols []string
	table := func(title string, items []countItem) {
		var b strings.Builder
		b.WriteString(c.Styles.Label.Render(common.FitLine(title, colW)))
		for i, it := range items {
			if i >= rowsLeft {
				break
			}
			num := i18n.Int(it.n, c.Lang)
			lw := max(colW-sanitize.Width(num)-1, 1)
			var cell strings.Builder
			common.WriteCell(&cell, it.label, lw, false)
			b.WriteString("\n" + cell.String() + " " + num)
		}
		cols = append(cols, lipgloss.NewStyle().Width(colW+1).Render(b.String()))
	}
	var classes []countItem
	for _, cl := range model.Classes {
		if n := m.byClass[cl]; n > 0 {
			classes = append(classes, countItem{c.KB.ClassLabel(cl, c.Lang), n})
		}
	}
	var levels []countItem
	for _, l := range []model.Level{model.LevelCritical, model.LevelError, model.LevelWarning, model.LevelInformation, model.LevelVerbose} {
		n := m.byLevel[l]
		if l == model.LevelInformation {
			n += m.byLevel[model.LevelLogAlways]
		}
		if n > 0 {
			levels = append(levels, countItem{common.LevelLong(l).In(c.Lang), n})
		}
	}
	table(c.T(i18n.UI.ByClass), classes)
	table(c.T(i18n.UI.ByLevel), levels)
	table(c.T(i18n.UI.ByProvider), m.providers)
	table(c.T(i18n.UI.ByID), m.ids)
	var out []string
	for _, ln := range strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, cols...), "\n") {
		out = append(out, common.FitLine(" "+ln, w))
	}
	return out
}

// histogram draws histH rows of bars, an axis with the first and last
// time, and the selected bar's span and count.
func (m *Model) histogram() []string {
	c, w := m.ctx, m.w
	top := slices.Max(m.hist)
	barW := m.barWidth()
	var out []string
	for row := m.histH - 1; row >= 0; row-- {
		var b strings.Builder
		b.WriteString("  ")
		for i, n := range m.hist {
			if (i+1)*barW > w-3 {
				break
			}
			// Bar height in eighths of a cell; a non-empty bucket always
			// shows at least the lowest glyph.
			eighths := n * m.histH * 8 / max(top, 1)
			if n > 0 && eighths == 0 {
				eighths = 1
			}
			g := blocks[common.Clamp(eighths-row*8, 0, 8)]
			if i == m.sel && g == " " {
				g = "·"
			}
			g = strings.Repeat(g, barW)
			if i == m.sel {
				g = c.Styles.Selected.Render(g)
			}
			b.WriteString(g)
		}
		out = append(out, b.String())
	}
	layout := "2006-01-02 15:04"
	if m.bucket < time.Minute {
		layout = "2006-01-02 15:04:05"
	}
	first := m.start.In(c.Loc).Format(layout)
	last := m.barStart(len(m.hist)).In(c.Loc).Format(layout)
	axis := "  " + first
	if gap := min(len(m.hist)*barW, w-3) - sanitize.Width(first) - sanitize.Width(last); gap > 0 {
		axis += strings.Repeat(" ", gap) + last
	}
	out = append(out, c.Styles.Dim.Render(common.FitLine(axis, w)))
	info := fmt.Sprintf(c.T(i18n.UI.BarInfo), m.barStart(m.sel).In(c.Loc).Format(layout), m.barStart(m.sel+1).In(c.Loc).Format(layout),
		i18n.Events.In(m.hist[m.sel], c.Lang))
	return append(out, common.FitLine("  "+info, w))
}

// barWidth is how many cells each bar gets: the histogram spreads over the
// width when there are few buckets.
func (m *Model) barWidth() int {
	if len(m.hist) == 0 {
		return 1
	}
	return common.Clamp((m.w-4)/len(m.hist), 1, 8)
}
