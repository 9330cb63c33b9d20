package list

import (
	"eventlens/ui/common"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// cell is one laid-out Column: what it shows and how wide it is.
type cell struct {
	col   Column
	width int
}

const gutterWidth = 2 // mark and search-hit markers

// columns lays the list out in w cells: the columns shrink, then the
// computer and level drop, as the terminal narrows (see narrowing); the
// message takes what is left.
func (m *Model) columns(w int) []cell {
	timeW := 19
	if w < 110 {
		timeW = 14
	}
	provW := common.Clamp(w/7, 12, 30)
	compW := common.Clamp(w/9, 10, 24)
	if w >= 100 {
		// Wide enough to spell out the column titles (Japanese ones are
		// wider than the English).
		provW = max(provW, sanitize.Width(m.columnTitle(ColProvider)))
		compW = max(compW, sanitize.Width(m.columnTitle(ColComputer)))
	}
	cells := []cell{{ColTime, timeW}, {ColLevel, m.levelWidth()}, {ColClass, m.classLabelWidth()},
		{ColProvider, provW}, {ColID, 5}, {ColComputer, compW}}
	fits := func(msg int) bool {
		n := gutterWidth + msg
		for _, c := range cells {
			n += c.width + 1
		}
		return n <= w
	}
	// On narrow terminals the columns give way in this order, each step
	// only while the message would be narrower than it wants: first they
	// shrink, then the computer and the level go. The class never goes:
	// it is what eventlens is for.
	// The time column narrows no further than its title and sort arrow:
	// "日時（UTC）↑" is a cell wider than "Time (UTC)↑" and the times.
	timeMin := min(sanitize.Width(m.columnTitle(ColTime))+1, timeW)
	for _, s := range narrowing {
		if fits(s.msg) {
			break
		}
		width := s.width
		if s.col == ColTime {
			width = max(width, timeMin)
		}
		for i := range cells {
			if cells[i].col == s.col && (width == 0 || cells[i].width > width) {
				cells[i].width = width
			}
		}
		cells = slices.DeleteFunc(cells, func(c cell) bool { return c.width == 0 })
	}
	used := gutterWidth
	for _, c := range cells {
		used += c.width + 1
	}
	return append(cells, cell{ColMessage, max(w-used, 0)})
}

// narrowing is the order in which columns give way: each step sets a
// column's width (0 drops it) while the message would get fewer than msg
// cells.
var narrowing = []struct {
	col        Column
	width, msg int
}{
	{ColTime, 11, 20}, // 03-07 09:40
	{ColProvider, 10, 20},
	{ColComputer, 8, 20},
	{ColClass, 11, 20},
	{ColComputer, 0, 16},
	{ColProvider, 8, 16},
	{ColLevel, 0, 14},
	{ColProvider, 6, 10},
	{ColClass, 8, 10},
	// Below about 45 cells the message would be a lone "…": the ID (in
	// the detail pane) and then the source give way to it.
	{ColID, 0, 10},
	{ColProvider, 0, 8},
}

func (m *Model) levelWidth() int {
	w := 0
	for _, l := range []model.Level{model.LevelCritical, model.LevelError, model.LevelWarning, model.LevelInformation, model.LevelVerbose} {
		w = max(w, sanitize.Width(common.LevelShort(l).In(m.ctx.Lang)))
	}
	return w
}

func (m *Model) classLabelWidth() int {
	if w, ok := m.classWidth[m.ctx.Lang]; ok {
		return w
	}
	w := sanitize.Width(m.ctx.T(i18n.UI.ColClass))
	for _, c := range model.Classes {
		w = max(w, sanitize.Width(common.ClassText(c).In(m.ctx.Lang)))
	}
	w = min(w, 14)
	m.classWidth[m.ctx.Lang] = w
	return w
}

func (m *Model) columnTitle(c Column) string {
	switch c {
	case ColTime:
		// Say which zone the times are in: --tz, or this machine's.
		return m.ctx.T(i18n.UI.ColTime) + i18n.Paren(model.ZoneAbbrev(m.ctx.Loc), m.ctx.Lang)
	case ColLevel:
		return m.ctx.T(i18n.UI.ColLevel)
	case ColClass:
		return m.ctx.T(i18n.UI.ColClass)
	case ColProvider:
		return m.ctx.T(i18n.UI.ColProvider)
	case ColID:
		return m.ctx.T(i18n.UI.ColID)
	case ColComputer:
		return m.ctx.T(i18n.UI.ColComputer)
	}
	return m.ctx.T(i18n.UI.ColMessage)
}

// headerLine renders the Column titles, marking the sort Column.
func (m *Model) headerLine(cells []cell, w int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", gutterWidth))
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(' ')
		}
		title := m.columnTitle(c.col)
		if c.col == m.sortCol {
			arrow := "↑"
			if m.sortRev {
				arrow = "↓"
			}
			// A title cut to fit keeps its arrow: which column sorts
			// matters more than the title's end ("Time (CET/CE…↑").
			if sanitize.Width(title)+1 > c.width {
				title = sanitize.Truncate(title, c.width-1, common.Ellipsis)
			}
			title += arrow
		}
		common.WriteCell(&b, title, c.width, c.col == ColID)
	}
	return m.ctx.Styles.ColHeader.Render(common.FitLine(b.String(), w))
}

// renderRow draws one event row in exactly w cells: the row's style, the
// mark and search-hit gutter, then the cells.
func (m *Model) renderRow(b *strings.Builder, slot int32, ev *model.Event, cells []cell, w int, isCursor bool, marked markState, hit bool) {
	sgr := m.ctx.Styles.RowSGR(ev)
	if isCursor {
		sgr += m.ctx.Styles.CursorSGR
	}
	b.WriteString(sgr)
	if w >= gutterWidth {
		switch marked {
		case markAll:
			b.WriteByte('*')
		case markSome: // a folded flood, part of it marked
			b.WriteByte('+')
		default:
			b.WriteByte(' ')
		}
		if hit {
			b.WriteByte('>')
		} else {
			b.WriteByte(' ')
		}
	}
	b.WriteString(m.rowBody(slot, ev, cells, w-gutterWidth))
	if sgr != "" {
		b.WriteString(ansi.ResetStyle)
	}
}

// rowKey is what a row's text depends on besides its event.
type rowKey struct {
	w     int
	lang  i18n.Lang
	n     int
	cells [int(ColMessage) + 1]cell
	gen   int // bumped when classes may have changed
}

// rowCache keeps the text of recently drawn rows, so that scrolling by a
// line draws one new row rather than a screenful. It holds only rows that
// were on screen, never the whole list.
type rowCache struct {
	key  rowKey
	rows map[int32]string // by store slot
}

const rowCacheMax = 1024

// rowBody returns the cells of ev's row, exactly w cells wide, unstyled.
func (m *Model) rowBody(slot int32, ev *model.Event, cells []cell, w int) string {
	key := rowKey{w: w, lang: m.ctx.Lang, n: len(cells), gen: m.rowGen}
	copy(key.cells[:], cells)
	if m.rowCache.key != key || len(m.rowCache.rows) > rowCacheMax {
		m.rowCache = rowCache{key: key, rows: make(map[int32]string, 128)}
	}
	if s, ok := m.rowCache.rows[slot]; ok {
		return s
	}
	var b strings.Builder
	used := 0
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(' ')
			used++
		}
		switch c.col {
		case ColTime:
			layout := "2006-01-02 15:04:05"
			switch {
			case c.width < 14:
				layout = "01-02 15:04"
			case c.width < 19:
				layout = "01-02 15:04:05"
			}
			when := "?" // no usable time in the log (see model: zero time)
			if !ev.Time.IsZero() {
				when = ev.Time.In(m.ctx.Loc).Format(layout)
			}
			common.WriteCell(&b, when, c.width, false)
		case ColLevel:
			common.WriteCell(&b, common.LevelShort(ev.Level).In(m.ctx.Lang), c.width, false)
		case ColClass:
			// The list uses the UI's short class names; the detail pane
			// and summary give the catalog's full label.
			common.WriteCell(&b, common.ClassText(ev.Class).In(m.ctx.Lang), c.width, false)
		case ColProvider:
			common.WriteCell(&b, common.ShortProvider(ev.Provider), c.width, false)
		case ColID:
			common.WriteCell(&b, strconv.Itoa(int(ev.EventID)), c.width, true)
		case ColComputer:
			common.WriteCell(&b, shortHost(ev.Computer, c.width), c.width, false)
		case ColMessage:
			common.WriteCell(&b, common.OneLine(m.floodPrefix(slot, c.width)+listMessage(ev, m.ctx.KB.Message(ev, m.ctx.Lang)), 4*c.width+16), c.width, false)
		}
		used += c.width
	}
	s := b.String()
	switch {
	case used < w:
		s += strings.Repeat(" ", w-used)
	case used > w:
		// Only on absurdly narrow terminals: the columns do not fit.
		s = sanitize.Truncate(s, max(w, 0), "")
	}
	m.rowCache.rows[slot] = s
	return s
}

// listMessage drops the "Provider ID: " that a message made up from an
// event's data starts with: the list shows both in their own columns.
func listMessage(ev *model.Event, msg string) string {
	if rest, ok := strings.CutPrefix(msg, ev.Provider); ok {
		if rest, ok := strings.CutPrefix(rest, " "+strconv.Itoa(int(ev.EventID))+":"); ok {
			return strings.TrimSpace(rest)
		}
	}
	return msg
}

// shortHost drops the domain of a fully qualified computer name that does
// not fit in w cells: "HV01" says more than "HV01.conto…".
func shortHost(h string, w int) string {
	if len(h) <= w {
		return h
	}
	if i := strings.IndexByte(h, '.'); i > 0 {
		return h[:i]
	}
	return h
}

// draw renders the column header and h-1 rows of the list in w cells.
func (m *Model) draw(w, h int) []string {
	lines := make([]string, 0, h)
	cells := m.columns(w)
	lines = append(lines, m.headerLine(cells, w))
	body := h - 1
	if len(m.rows) == 0 {
		lines = append(lines, m.emptyLine(w))
		for len(lines) < h {
			lines = append(lines, strings.Repeat(" ", w))
		}
		return lines[:max(h, 0)]
	}
	var b strings.Builder
	var ev model.Event // rows are drawn from one scratch copy
	end := min(m.offset+body, len(m.rows))
	for i := m.offset; i < end; i++ {
		slot := m.rows[i]
		m.ctx.Store.Event(int(slot), &ev)
		marked := m.rowMarks(slot)
		hit := m.search != nil && !m.search.Empty() && m.search.Match(&ev)
		b.Reset()
		m.renderRow(&b, slot, &ev, cells, w, i == m.cursor, marked, hit)
		lines = append(lines, b.String())
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return lines
}

// emptyLine says why the list is empty, on its first line where the eye
// goes: still loading, no events at all, or a filter that matches none.
func (m *Model) emptyLine(w int) string {
	c := m.ctx
	msg := c.T(i18n.UI.NoEvents)
	switch {
	case m.Loading:
		msg = c.T(i18n.UI.Loading) + "…"
	case c.Store.Len() > 0 && m.filterText != "":
		msg = fmt.Sprintf(c.T(i18n.UI.NoMatchesFor), strconv.Quote(sanitize.Line(m.filterText)))
	case c.Store.Len() > 0:
		msg = c.T(i18n.UI.NoMatches)
	}
	return c.Styles.Status.Render(common.FitLine(" "+msg, w))
}

// scrollTo adjusts the offset so that the cursor row is visible in a body
// of h rows.
func (m *Model) scrollTo(h int) {
	if h <= 0 {
		return
	}
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	m.offset = common.Clamp(m.offset, 0, max(len(m.rows)-h, 0))
}

// MoveCursor moves the cursor to row i (clamped) and selects its event.
func (m *Model) MoveCursor(i int) {
	m.pinned = true
	m.selectRow(i)
	m.choose()
}

// choose makes the selected event the user's choice, the one the cursor
// follows through filters and sorts.
func (m *Model) choose() {
	if m.selected != nil {
		m.chosen = m.selSlot
	}
}

// selectRow is moveCursor for the program's own moves, which do not pin the
// cursor.
func (m *Model) selectRow(i int) {
	if len(m.rows) == 0 {
		m.cursor, m.selected = 0, nil
		return
	}
	m.cursor = common.Clamp(i, 0, len(m.rows)-1)
	m.selectRowEvent()
}
