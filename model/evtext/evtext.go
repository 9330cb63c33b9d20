// Package evtext reads the text exports Windows Event Viewer writes with
// "Save All Events As…": CSV (comma-separated) and TXT (tab-separated).
//
// An export has a header line naming the columns in the exporting system's
// display language — by default Level, Date and Time, Source, Event ID and
// Task Category (Japanese レベル, 日付と時刻, ソース, イベント ID, タスクのカテゴリ;
// Dutch Niveau, Datum en tijd, Bron, Gebeurtenis-id, Taakcategorie) — and one
// row per event with the rendered message as an extra last field that has no
// title. The Security log shows Keywords (Audit Success/Failure) instead of
// Level. Columns are recognised by title in English, Japanese and Dutch, and
// by position when the title is in another language.
//
// Messages may span lines: a quoted field runs to its closing quote, and after
// a row whose message is not quoted, lines that do not start a row (a level
// name or a date in its column) continue that message. A quote that is never
// closed costs only its own row: the next line that plainly starts a row
// (date and event ID parse) ends it, and reading goes on from there.
//
// Encodings: UTF-8 with or without a byte order mark, UTF-16 (Windows writes
// little-endian with a byte order mark), and the legacy code pages CP932
// (Shift-JIS, Japanese systems) and Windows-1252 (English and Dutch systems).
//
// What an export does not carry: the channel, computer, record ID, task and
// opcode numbers, event data and the exact time zone. Read numbers events by
// row (Event.RecordID is the row number, 1 for the first row after the
// header). The task category text goes to Event.TaskName. Event.Provider is
// the Source column as Event Viewer shows it, which for many providers is a
// display name rather than the logged name: "Kernel-Power" for
// Microsoft-Windows-Kernel-Power, "Microsoft Windows security auditing." for
// Microsoft-Windows-Security-Auditing.
//
// Times: the Date and Time column is local time of the machine that made the
// export, with no offset and to the second. Read keeps it as a wall-clock
// reading: Event.Time holds the written date and time labelled UTC, unless
// Options.Location names the exporting machine's zone, in which case it is
// converted to true UTC. Whether 01/06/2011 is 1 June or January 6 depends on
// the culture; Read decides per file from dates that are unambiguous
// (a first number above 12 means day first), else from the culture: a
// 12-hour clock with AM/PM means en-US month first, otherwise day first.
package evtext

import (
	"bufio"
	"context"
	"errors"
	"eventlens/i18n/reason"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"eventlens/model/core"
)

// Options tunes ReadWith. The zero value is what Read uses.
type Options struct {
	// Location is the time zone of the machine that made the export. When
	// nil, times are kept as wall-clock readings labelled UTC.
	Location *time.Location
	// BatchSize is the number of events per emit call; 0 means 512.
	BatchSize int
}

// Format names written to FileReport.Format.
const (
	FormatCSV = "eventviewer-csv"
	FormatTXT = "eventviewer-txt"
)

// Limits that keep a hostile file from using unbounded memory.
const (
	maxRecord      = 4 << 20  // one row with its message
	maxPending     = 4096     // rows held while the date order is undecided
	maxPendingSize = 16 << 20 // bytes of messages in those rows
	maxProblems    = 200      // problems listed per file; the rest are counted
	sniffSize      = 8 << 10
)

// ErrNotExport is returned (and set in the report) when the input does not
// look like an Event Viewer CSV or TXT export.
var ErrNotExport = errors.New("not an Event Viewer CSV/TXT export")

// Read reads an Event Viewer CSV or TXT export from r and calls emit with
// batches of events as it goes; emit owns each slice it is given. name is put
// in Event.File and the report. A row that cannot be read is recorded in rep
// (with its line number, byte offset and the field at fault), counted in
// rep.RecordsSkipped, and skipped; the rest loads. Read returns an error, also
// set in rep.Err, only when nothing could be read: an I/O error, an input that
// is not an export, or ctx being cancelled (then ctx.Err()).
func Read(ctx context.Context, r io.Reader, name string, emit func([]core.Event), rep *core.FileReport) error {
	return ReadWith(ctx, r, name, Options{}, emit, rep)
}

// ReadWith is Read with options.
func ReadWith(ctx context.Context, r io.Reader, name string, opts Options, emit func([]core.Event), rep *core.FileReport) error {
	if rep.Path == "" {
		rep.Path = name
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(64 << 10)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		rep.Err = fmt.Errorf("%s: %w", name, err)
		return rep.Err
	}
	enc, bom := detect(head)
	if _, err := br.Discard(bom); err != nil {
		rep.Err = fmt.Errorf("%s: %w", name, err)
		return rep.Err
	}
	rd := &reader{
		ctx:   ctx,
		name:  name,
		opts:  opts,
		emit:  emit,
		rep:   rep,
		enc:   enc,
		lines: &lineReader{br: br, enc: enc, off: int64(bom), max: maxLine},
		dec:   newLineDecoder(enc),
	}
	if rd.opts.BatchSize <= 0 {
		rd.opts.BatchSize = 512
	}
	err = rd.run()
	if err != nil {
		rep.Err = err
	}
	return err
}

// reader is the state of one Read.
type reader struct {
	ctx  context.Context
	name string
	opts Options
	emit func([]core.Event)
	rep  *core.FileReport

	enc   textEncoding
	lines *lineReader
	dec   *lineDecoder

	sep    byte
	cols   []column // meaning of each titled column
	ncols  int      // titled columns; the message is the field after them
	msgCol int      // index of an explicit message column, -1 if none
	lang   lang
	ampm   bool // the file uses a 12-hour clock

	order       dateOrder // decided date order, orderUnknown until known
	pending     []pendingRow
	pendingSize int

	batch     []core.Event
	rows      uint64 // records seen after the header
	lineNo    int    // physical line number of the last line read (1-based)
	hidden    int    // problems not listed
	fellBack  bool   // reported the code page fallback
	badLevels map[string]bool
	levels    map[string]cachedLevel

	split    splitter
	scratch  splitter // for rowStart
	recOff   int64
	recLine  int
	skipping bool     // skipping the rest of an oversized record
	held     *heldRow // a complete row kept back one line, see step
}

// pendingRow is a row waiting for the file's date order to be decided.
type pendingRow struct {
	ev    core.Event
	stamp stamp
	line  int
	field int
	raw   string
}

// heldRow is a complete row whose message may continue on the next lines:
// when the message was not quoted, lines that do not start a row belong to it.
type heldRow struct {
	fields []string
	more   strings.Builder // continuation lines of the last field
	off    int64
	line   int
	row    uint64
	quoted bool // the last field was quoted; nothing can continue it
	cut    bool // a line of it was longer than maxLine and lost its middle
	field  int  // the field cut, -1 for the continued message
}

func (rd *reader) run() error {
	if err := rd.readHeader(); err != nil {
		return err
	}
	for {
		if rd.lineNo%256 == 0 {
			if err := rd.ctx.Err(); err != nil {
				return err
			}
		}
		raw, off, cut, err := rd.lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", rd.name, rd.lineNo+1, err)
		}
		rd.lineNo++
		line, cutAt := rd.decode(raw), 0
		if cut {
			line, cutAt = rd.joinCut(line)
		}
		rd.step(line, off, cutAt)
	}
	if rd.split.open() {
		rd.problem(rd.recOff, rd.rows, reason.New(reason.TextQuoteAtEOF, itoa(rd.recLine)))
		rd.rep.RecordsSkipped++
		rd.split.reset()
	}
	rd.release()
	rd.decideOrder(rd.defaultOrder())
	rd.flush()
	return rd.ctx.Err()
}

func (rd *reader) decode(raw []byte) string {
	s, fellBack := rd.dec.decode(raw)
	if fellBack && !rd.fellBack {
		rd.fellBack = true
		rd.problem(-1, 0, reason.New(reason.TextNotUTF8, itoa(rd.lineNo), fallbackName(rd.lang)))
	}
	return s
}

// joinCut joins the head of a cut line to its tail, so that the fields
// after the gap are still read. It returns the line and 1 + the offset of
// the gap (see splitter.cutAt).
func (rd *reader) joinCut(head string) (string, int) {
	return head + rd.decodeTail(rd.lines.tail), len(head) + 1
}

// armCut tells the splitter where the line it is fed next has a gap.
func (rd *reader) armCut(cutAt int) {
	rd.split.cutAt = cutAt
	rd.split.cutOdd = cutAt > 0 && rd.lines.midQuotes%2 == 1
}

// decodeTail decodes the tail of a cut line, which may not be valid UTF-8
// in a UTF-8 file, without reporting it as a code page fallback.
func (rd *reader) decodeTail(b []byte) string {
	s, _ := rd.dec.decode(b)
	return s
}

func fallbackName(l lang) string {
	if l == langJA {
		return "CP932"
	}
	return "Windows-1252"
}

// readHeader reads the first non-blank line and decides the separator and
// the columns. A file without a header (its first line is already a row) is
// read by position.
func (rd *reader) readHeader() error {
	for {
		raw, off, _, err := rd.lines.next()
		if err == io.EOF {
			return fmt.Errorf("%s: %w: the file is empty", rd.name, ErrNotExport)
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w", rd.name, rd.lineNo+1, err)
		}
		rd.lineNo++
		line := strings.TrimPrefix(rd.decode(raw), "\ufeff")
		if strings.TrimSpace(line) == "" {
			continue
		}
		for _, sep := range []byte{sepOf(line), otherSep(sepOf(line))} {
			if isRowStart(line, sep, defaultColumns, true, false) {
				// No header: the first line is a row.
				rd.setColumns(sep, append([]column(nil), defaultColumns...), langUnknown)
				rd.step(line, off, 0)
				return nil
			}
		}
		sep := sepOf(line)
		titles := splitSimple(line)
		if len(titles) < 4 {
			return fmt.Errorf("%s: line %d: %w: the header has %d columns", rd.name, rd.lineNo, ErrNotExport, len(titles))
		}
		cols, lang := parseHeaderNames(titles)
		rd.setColumns(sep, cols, lang)
		return nil
	}
}

func otherSep(sep byte) byte {
	if sep == ',' {
		return '\t'
	}
	return ','
}

func (rd *reader) setColumns(sep byte, cols []column, l lang) {
	rd.sep = sep
	rd.cols = cols
	rd.ncols = len(cols)
	rd.msgCol = -1
	for i, c := range cols {
		if c == colMessage {
			rd.msgCol = i
		}
	}
	rd.lang = l
	if l == langJA {
		rd.dec.fallback = nil
		if rd.enc == encUTF8 {
			rd.dec.fallback = encCP932.decoding().NewDecoder()
		}
	}
	rd.split.sep = sep
	rd.split.reset()
	if sep == '\t' {
		rd.rep.Format = FormatTXT
	} else {
		rd.rep.Format = FormatCSV
	}
}

// step takes one decoded physical line after the header. cutAt is 1 + the
// offset in line where bytes of an over-long line were dropped, 0 if none.
func (rd *reader) step(line string, off int64, cutAt int) {
	switch {
	case rd.skipping:
		// After an oversized record: wait for the next row.
		if !rd.rowStart(line, true) {
			return
		}
		rd.skipping = false
	case rd.split.open():
		// Inside a quoted field. A line that is plainly a row of its own means
		// the quote was never closed: give up on that record and resync here.
		if !rd.rowStart(line, true) {
			rd.armCut(cutAt)
			if rd.split.feed(line) {
				rd.complete()
			} else if rd.split.size > maxRecord {
				rd.problem(rd.recOff, rd.rows, reason.New(reason.TextRowTooLong, itoa(rd.recLine), itoa(maxRecord)))
				rd.rep.RecordsSkipped++
				rd.split.reset()
				rd.skipping = true
			}
			return
		}
		rd.problem(rd.recOff, rd.rows, reason.New(reason.TextQuoteNextRow, itoa(rd.recLine), itoa(rd.lineNo)))
		rd.rep.RecordsSkipped++
		rd.split.reset()
	}
	if rd.held != nil && !rd.held.quoted && !rd.rowStart(line, false) {
		// An unquoted message that runs on over several lines.
		h := rd.held
		if cutAt > 0 {
			line = line[:cutAt-1]
			if !h.cut {
				h.cut, h.field = true, len(h.fields)-1
			}
		}
		if len(h.fields[len(h.fields)-1])+h.more.Len()+len(line) < maxRecord {
			h.more.WriteByte('\n')
			h.more.WriteString(line)
		}
		return
	}
	rd.release()
	if strings.TrimSpace(line) == "" {
		return
	}
	rd.rows++
	rd.recOff, rd.recLine = off, rd.lineNo
	rd.split.reset()
	rd.armCut(cutAt)
	if rd.split.feed(line) {
		rd.complete()
	}
}

// rowStart is isRowStart for this file. While the file's language is unknown,
// any short level text counts: its level names cannot be checked.
func (rd *reader) rowStart(line string, strong bool) bool {
	return rd.scratch.isRowStart(line, rd.sep, rd.cols, strong, rd.lang == langUnknown)
}

// complete holds back the record the splitter just finished.
func (rd *reader) complete() {
	h := &heldRow{
		fields: append([]string(nil), rd.split.fields...),
		off:    rd.recOff,
		line:   rd.recLine,
		row:    rd.rows,
		quoted: rd.split.quoted,
	}
	if i := rd.split.cutFields(h.fields); i >= 0 {
		h.cut, h.field = true, i
	}
	rd.split.reset()
	rd.held = h
}

// release turns the held row, if any, into an event.
func (rd *reader) release() {
	if rd.held == nil {
		return
	}
	h := rd.held
	rd.held = nil
	if h.more.Len() > 0 {
		h.fields[len(h.fields)-1] += h.more.String()
	}
	if h.cut {
		// Like a value cut in an XML export: the row is kept with what was
		// read of the field, and the cut is said.
		rd.problem(h.off, h.row, reason.New(reason.TextLineCut, itoa(h.line), itoa(maxLine>>20), itoa(h.field+1), fmt.Sprint(rd.colName(h.field)), itoa(len(h.fields[h.field]))))
	}
	rd.row(h)
}

// row converts one complete record.
func (rd *reader) row(h *heldRow) {
	f := h.fields
	// fail skips the row: k says why, of the value v in column col.
	fail := func(k reason.Kind, col int, v string) {
		rd.problem(h.off, h.row, reason.New(k, itoa(h.line), itoa(col+1), fmt.Sprint(rd.colName(col)), strconv.Quote(clip(v))))
		rd.rep.RecordsSkipped++
	}
	need := 0
	for i, c := range rd.cols {
		if c == colDateTime || c == colSource || c == colEventID {
			need = i + 1
		}
	}
	if len(f) < need {
		rd.problem(h.off, h.row, reason.New(reason.TextFieldCount, itoa(h.line), itoa(len(f)), itoa(need)))
		rd.rep.RecordsSkipped++
		return
	}
	ev := core.Event{
		File:     rd.name,
		Offset:   h.off,
		RecordID: h.row,
		Decoded:  true,
	}
	var st stamp
	dateCol := -1
	for i, c := range rd.cols {
		if i >= len(f) {
			break
		}
		v := f[i]
		switch c {
		case colLevel:
			t := strings.TrimSpace(v)
			if t == "" {
				break
			}
			l, ok := rd.level(t)
			if !ok {
				if n, err := strconv.ParseUint(t, 10, 8); err == nil {
					ev.Level = core.Level(n)
					break
				}
				rd.unknownLevel(h, i, t)
				break
			}
			ev.Level, ev.Keywords = l.level, ev.Keywords|l.keywords
			if rd.lang == langUnknown {
				rd.lang = l.lang
			}
		case colDateTime:
			s, ok := parseStamp(v)
			if !ok {
				fail(reason.TextNotDateTime, i, v)
				return
			}
			st, dateCol = s, i
			if s.ampm != 0 {
				rd.ampm = true
			}
		case colSource:
			ev.Provider = strings.TrimSpace(v)
		case colEventID:
			n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 16)
			if err != nil {
				fail(reason.TextNotEventID, i, v)
				return
			}
			ev.EventID = uint16(n)
		case colTask:
			ev.TaskName = strings.TrimSpace(v)
		case colComputer:
			ev.Computer = strings.TrimSpace(v)
		case colLog:
			ev.Channel = strings.TrimSpace(v)
		case colProcessID, colThreadID:
			n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 32)
			if err != nil && strings.TrimSpace(v) != "" {
				fail(reason.TextNotNumber, i, v)
				return
			}
			if c == colProcessID {
				ev.ProcessID = uint32(n)
			} else {
				ev.ThreadID = uint32(n)
			}
		}
	}
	ev.Message = rd.message(f)
	if !h.quoted {
		ev.Message = strings.TrimRight(ev.Message, "\n")
	}
	if dateCol < 0 {
		rd.problem(h.off, h.row, reason.New(reason.TextNoDateColumn, itoa(h.line)))
		rd.rep.RecordsSkipped++
		return
	}
	p := pendingRow{ev: ev, stamp: st, line: h.line, field: dateCol, raw: f[dateCol]}
	if rd.order == orderUnknown {
		if o := st.order(); o != orderUnknown && o != orderYMD {
			rd.decideOrder(o)
		}
	}
	if rd.order == orderUnknown && len(rd.pending) == 0 && st.order() == orderYMD {
		rd.finish(p) // nothing to keep in order with, and no order needed
		return
	}
	if rd.order == orderUnknown {
		rd.pending = append(rd.pending, p)
		rd.pendingSize += len(ev.Message) + 256
		if len(rd.pending) >= maxPending || rd.pendingSize >= maxPendingSize {
			rd.decideOrder(rd.defaultOrder())
		}
		return
	}
	rd.finish(p)
}

// message returns the message of a row: the explicit message column if the
// header has one, otherwise the field after the titled columns. Extra fields
// beyond that (an unquoted message with separators in it) are joined back.
func (rd *reader) message(f []string) string {
	from := rd.ncols
	if rd.msgCol >= 0 {
		from = rd.msgCol
	}
	if from >= len(f) {
		return ""
	}
	if from == len(f)-1 {
		return f[from]
	}
	return strings.Join(f[from:], string(rd.sep))
}

// defaultOrder is the date order to assume when no date in the file decides.
func (rd *reader) defaultOrder() dateOrder {
	if rd.ampm {
		return orderMDY // en-US is the culture that writes AM/PM with slashes
	}
	return orderDMY
}

// decideOrder fixes the date order and releases the rows that waited for it.
func (rd *reader) decideOrder(o dateOrder) {
	if rd.order != orderUnknown {
		return
	}
	rd.order = o
	pending := rd.pending
	rd.pending, rd.pendingSize = nil, 0
	for _, p := range pending {
		rd.finish(p)
	}
}

// finish interprets the row's date and queues the event.
func (rd *reader) finish(p pendingRow) {
	// Slashed day/month dates follow the file's order, so that 13/01 in a
	// month-first file is reported rather than silently read day-first.
	o := rd.order
	if so := p.stamp.order(); so == orderYMD || p.stamp.sep != '/' || o == orderUnknown {
		o = so
	}
	t, ok := p.stamp.time(o, rd.opts.Location)
	if !ok || t.IsZero() { // year 1 would read as "time unknown"
		rd.problem(p.ev.Offset, p.ev.RecordID, reason.New(reason.TextBadDateTime, itoa(p.line), itoa(p.field+1), fmt.Sprint(colDateTime), strconv.Quote(clip(p.raw))))
		rd.rep.RecordsSkipped++
		return
	}
	p.ev.Time = t
	p.ev.MessageCulture = rd.lang.culture(rd.order == orderDMY)
	rd.batch = append(rd.batch, p.ev)
	rd.rep.RecordsDecoded++
	if len(rd.batch) >= rd.opts.BatchSize {
		rd.flush()
	}
}

func (rd *reader) flush() {
	if len(rd.batch) == 0 {
		return
	}
	b := rd.batch
	rd.batch = make([]core.Event, 0, rd.opts.BatchSize)
	rd.emit(b)
}

func (rd *reader) colName(i int) string {
	if i < len(rd.cols) {
		return rd.cols[i].String()
	}
	return "message"
}

// level is lookupLevel with a cache: a file uses a handful of level names.
func (rd *reader) level(s string) (levelName, bool) {
	if l, ok := rd.levels[s]; ok {
		return l.levelName, l.ok
	}
	l, ok := lookupLevel(s)
	if rd.levels == nil {
		rd.levels = map[string]cachedLevel{}
	}
	if len(rd.levels) < 64 {
		rd.levels[s] = cachedLevel{l, ok}
	}
	return l, ok
}

type cachedLevel struct {
	levelName
	ok bool
}

func (rd *reader) unknownLevel(h *heldRow, col int, v string) {
	if rd.badLevels == nil {
		rd.badLevels = map[string]bool{}
	}
	if rd.badLevels[v] || len(rd.badLevels) >= 16 {
		return
	}
	rd.badLevels[v] = true
	rd.problem(h.off, h.row, reason.New(reason.TextUnknownLevel, itoa(h.line), itoa(col+1), fmt.Sprint(rd.cols[col]), strconv.Quote(clip(v))))
}

func (rd *reader) problem(off int64, row uint64, why reason.Reason) {
	if len(rd.rep.Problems) >= maxProblems {
		rd.hidden++
		if rd.hidden == 1 {
			rd.rep.Problems = append(rd.rep.Problems, core.Problem{Chunk: -1, Offset: -1, Reason: reason.New(reason.MoreProblemsCounted)})
		}
		return
	}
	rd.rep.Problems = append(rd.rep.Problems, core.Problem{Chunk: -1, Offset: off, Record: row, Reason: why})
}

// itoa is an integer as a reason's argument.
func itoa[T ~int | ~int64 | ~uint64](n T) string {
	return strconv.FormatInt(int64(n), 10)
}

// clip shortens a field value for a problem report.
func clip(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// isRowStart reports whether line begins a row under the given columns. The
// weak test (used between rows) needs a known level name or a date in the
// date column; the strong test (used to break out of an unterminated quote,
// and to tell a header-less file) needs the date and the event ID columns to
// parse and the level, if present, to be a known name or empty (or, with
// anyLevel, any short text).
func isRowStart(line string, sep byte, cols []column, strong, anyLevel bool) bool {
	var s splitter
	return s.isRowStart(line, sep, cols, strong, anyLevel)
}

// isRowStart is the function isRowStart using s as scratch space.
func (s *splitter) isRowStart(line string, sep byte, cols []column, strong, anyLevel bool) bool {
	if len(line) == 0 || line[0] == sep && !strong {
		return false
	}
	if strong {
		// Cheap rejection first: a row has a separator after each column up
		// to the event ID.
		need := 0
		for i, c := range cols {
			if c == colEventID || c == colDateTime {
				need = i
			}
		}
		if strings.Count(line, string(sep)) < need {
			return false
		}
	}
	s.sep = sep
	s.reset()
	// Only the first line matters; a quoted message may continue below.
	s.feed(line)
	f := s.fields
	if s.open() {
		f = append(f, s.cur.String())
	}
	var levelOK, levelSeen, dateOK, idOK, idSeen bool
	for i, c := range cols {
		if i >= len(f) {
			break
		}
		v := strings.TrimSpace(f[i])
		switch c {
		case colLevel:
			levelSeen = true
			_, levelOK = lookupLevel(v)
			levelOK = levelOK || strong && (v == "" || anyLevel && len(v) <= 32)
		case colDateTime:
			_, dateOK = parseStamp(v)
		case colEventID:
			idSeen = true
			_, err := strconv.ParseUint(v, 10, 16)
			idOK = err == nil
		}
	}
	if strong {
		return dateOK && idSeen && idOK && (!levelSeen || levelOK)
	}
	return levelOK || dateOK
}
