package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// cell is one laid-out column: what it shows and how wide it is.
type cell struct {
	col   column
	width int
}

const (
	gutterWidth = 2 // mark and search-hit markers
	ellipsis    = "…"
)

// columns lays the list out in w cells. Columns shrink, then drop, as the
// terminal narrows (computer first, then class, which the row colour
// still shows); the message takes what is left.
func (m *Model) columns(w int) []cell {
	timeW := 19
	if w < 110 {
		timeW = 14
	}
	levelW := m.levelWidth()
	classW := m.classLabelWidth()
	if w < 100 {
		classW = min(classW, 11)
	}
	provW := clamp(w/7, 12, 30)
	compW := clamp(w/9, 10, 24)
	const idW = 5
	const minMsg = 16
	if w >= 100 {
		// Wide enough to spell out the column titles (Japanese ones are
		// wider than the English).
		provW = max(provW, sanitize.Width(m.columnTitle(colProvider)))
		compW = max(compW, sanitize.Width(m.columnTitle(colComputer)))
	}

	cells := []cell{{colTime, timeW}, {colLevel, levelW}, {colClass, classW}, {colProvider, provW}, {colID, idW}, {colComputer, compW}}
	used := func() int {
		n := gutterWidth
		for _, c := range cells {
			n += c.width + 1
		}
		return n
	}
	drop := func(col column) {
		for i, c := range cells {
			if c.col == col {
				cells = append(cells[:i], cells[i+1:]...)
				return
			}
		}
	}
	if used()+minMsg > w {
		drop(colComputer)
	}
	if used()+minMsg > w {
		drop(colClass)
	}
	if used()+minMsg > w {
		drop(colLevel)
	}
	if used()+minMsg > w {
		for i := range cells {
			if cells[i].col == colProvider {
				cells[i].width = max(6, cells[i].width-(used()+minMsg-w))
			}
		}
	}
	msgW := max(w-used(), 0)
	return append(cells, cell{colMessage, msgW})
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

func (m *Model) levelWidth() int {
	w := 0
	for _, l := range []model.Level{model.LevelCritical, model.LevelError, model.LevelWarning, model.LevelInformation, model.LevelVerbose} {
		w = max(w, sanitize.Width(levelShort(l).In(m.lang)))
	}
	return w
}

func (m *Model) classLabelWidth() int {
	if w, ok := m.classWidth[m.lang]; ok {
		return w
	}
	w := sanitize.Width(m.t(uiText.ColClass))
	for _, c := range model.Classes {
		w = max(w, sanitize.Width(classText(c).In(m.lang)))
	}
	w = min(w, 14)
	m.classWidth[m.lang] = w
	return w
}

func levelShort(l model.Level) i18n.Text {
	switch l {
	case model.LevelCritical:
		return uiText.LevelCriticalShort
	case model.LevelError:
		return uiText.LevelErrorShort
	case model.LevelWarning:
		return uiText.LevelWarningShort
	case model.LevelInformation, model.LevelLogAlways:
		return uiText.LevelInfoShort
	case model.LevelVerbose:
		return uiText.LevelVerboseShort
	}
	return i18n.Text{EN: strconv.Itoa(int(l)), JA: strconv.Itoa(int(l)), NL: strconv.Itoa(int(l))}
}

func levelLong(l model.Level) i18n.Text {
	switch l {
	case model.LevelCritical:
		return uiText.LevelCritical
	case model.LevelError:
		return uiText.LevelError
	case model.LevelWarning:
		return uiText.LevelWarning
	case model.LevelInformation, model.LevelLogAlways:
		return uiText.LevelInformation
	case model.LevelVerbose:
		return uiText.LevelVerbose
	}
	return levelShort(l)
}

func (m *Model) columnTitle(c column) string {
	switch c {
	case colTime:
		return m.t(uiText.ColTime)
	case colLevel:
		return m.t(uiText.ColLevel)
	case colClass:
		return m.t(uiText.ColClass)
	case colProvider:
		return m.t(uiText.ColProvider)
	case colID:
		return m.t(uiText.ColID)
	case colComputer:
		return m.t(uiText.ColComputer)
	}
	return m.t(uiText.ColMessage)
}

// writeCell writes s fitted to exactly w cells: sanitised, cut with an
// ellipsis when too wide, padded when too narrow. Wide (CJK) characters
// count as two cells.
func writeCell(b *strings.Builder, s string, w int, alignRight bool) {
	if w <= 0 {
		return
	}
	s = sanitize.Line(s)
	sw := sanitize.Width(s)
	if sw > w {
		s = sanitize.Truncate(s, w, ellipsis)
		sw = sanitize.Width(s)
	}
	if alignRight {
		b.WriteString(strings.Repeat(" ", w-sw))
		b.WriteString(s)
		return
	}
	b.WriteString(s)
	b.WriteString(strings.Repeat(" ", max(w-sw, 0)))
}

// headerLine renders the column titles, marking the sort column.
func (m *Model) headerLine(cells []cell, w int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", gutterWidth))
	for i, c := range cells {
		if i > 0 {
			b.WriteByte(' ')
		}
		title := m.columnTitle(c.col)
		if c.col == m.sortCol {
			if m.sortRev {
				title += "↓"
			} else {
				title += "↑"
			}
		}
		writeCell(&b, title, c.width, c.col == colID)
	}
	return m.st.ColHeader.Render(fitLine(b.String(), w))
}

// renderRow draws one event row in exactly w cells: the row's style, the
// mark and search-hit gutter, then the cells.
func (m *Model) renderRow(b *strings.Builder, slot int32, ev *model.Event, cells []cell, w int, isCursor, marked, hit bool) {
	sgr := m.st.RowSGR(ev)
	if isCursor {
		sgr += m.st.CursorSGR
	}
	b.WriteString(sgr)
	if w >= gutterWidth {
		switch {
		case marked:
			b.WriteByte('*')
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
	cells [int(colMessage) + 1]cell
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
	key := rowKey{w: w, lang: m.lang, n: len(cells), gen: m.rowGen}
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
		case colTime:
			layout := "2006-01-02 15:04:05"
			if c.width < 19 {
				layout = "01-02 15:04:05"
			}
			writeCell(&b, ev.Time.In(m.loc).Format(layout), c.width, false)
		case colLevel:
			writeCell(&b, levelShort(ev.Level).In(m.lang), c.width, false)
		case colClass:
			// The list uses the UI's short class names; the detail pane
			// and summary give the catalog's full label.
			writeCell(&b, classText(ev.Class).In(m.lang), c.width, false)
		case colProvider:
			writeCell(&b, shortProvider(ev.Provider), c.width, false)
		case colID:
			writeCell(&b, strconv.Itoa(int(ev.EventID)), c.width, true)
		case colComputer:
			writeCell(&b, shortHost(ev.Computer, c.width), c.width, false)
		case colMessage:
			writeCell(&b, oneLine(listMessage(ev, m.kb.message(ev, m.lang)), 4*c.width+16), c.width, false)
		}
		used += c.width
	}
	s := b.String()
	switch {
	case used < w:
		s += strings.Repeat(" ", w-used)
	case used > w:
		// Only on absurdly narrow terminals: the columns do not fit.
		s = ansi.Truncate(s, max(w, 0), "")
	}
	m.rowCache.rows[slot] = s
	return s
}

// shortProvider drops the "Microsoft-Windows-" prefix that almost every
// provider shares, as Event Viewer's Source column does.
func shortProvider(p string) string {
	if s, ok := strings.CutPrefix(p, "Microsoft-Windows-"); ok && s != "" {
		return s
	}
	return p
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

// oneLine turns a message into one line for a list cell: line breaks and
// tabs become single spaces, and at most about limit bytes are kept so that
// a huge message costs no more than a short one.
func oneLine(s string, limit int) string {
	if len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	if !strings.ContainsAny(s, "\r\n\t") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// fitLine pads or cuts an already sanitised line to w cells.
func fitLine(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, ellipsis)
	}
	return s + strings.Repeat(" ", w-sw)
}

// listView renders the column header and h-1 rows of the list in w cells.
func (m *Model) listView(w, h int) []string {
	lines := make([]string, 0, h)
	cells := m.columns(w)
	lines = append(lines, m.headerLine(cells, w))
	body := h - 1
	m.scrollTo(body)
	if len(m.rows) == 0 {
		msg := m.t(uiText.NoEvents)
		switch {
		case m.loading:
			msg = m.t(uiText.Loading) + "…"
		case m.store.Len() > 0:
			msg = m.t(uiText.NoMatches)
		}
		for len(lines) < h {
			if len(lines) == 1+body/2 {
				lines = append(lines, m.st.Dim.Render(fitLine(centre(msg, w), w)))
				continue
			}
			lines = append(lines, strings.Repeat(" ", w))
		}
		return lines
	}
	var b strings.Builder
	var ev model.Event // rows are drawn from one scratch copy
	end := min(m.offset+body, len(m.rows))
	for i := m.offset; i < end; i++ {
		slot := m.rows[i]
		m.store.Event(int(slot), &ev)
		_, marked := m.marks[slot]
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

func centre(s string, w int) string {
	pad := (w - ansi.StringWidth(s)) / 2
	if pad <= 0 {
		return s
	}
	return strings.Repeat(" ", pad) + s
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
	m.offset = clamp(m.offset, 0, max(len(m.rows)-h, 0))
}

// moveCursor moves the cursor to row i (clamped) and selects its event.
func (m *Model) moveCursor(i int) {
	m.pinned = true
	m.selectRow(i)
}

// selectRow is moveCursor for the program's own moves, which do not pin the
// cursor.
func (m *Model) selectRow(i int) {
	if len(m.rows) == 0 {
		m.cursor, m.selected = 0, nil
		return
	}
	m.cursor = clamp(i, 0, len(m.rows)-1)
	m.selectRowEvent()
}
