package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"eventlens/i18n/reason"
	"eventlens/ui/common"
	"eventlens/ui/components/exportdialog"
	"eventlens/ui/components/filterline"
	"eventlens/ui/components/list"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/query"
)

func TestGolden(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		lang i18n.Lang
		keys []string
	}{
		{"list-80x24", 80, 24, i18n.EN, nil},
		{"list-ja-80x24", 80, 24, i18n.JA, nil},
		{"detail-ja-80x24", 80, 24, i18n.JA, []string{"j", "enter"}},
		{"detail-below-100x40", 100, 40, i18n.NL, []string{"enter"}},
		{"split-200x24", 200, 24, i18n.EN, []string{"enter"}},
		{"summary-80x30", 80, 30, i18n.EN, []string{"S"}},
		{"export-80x24", 80, 24, i18n.EN, []string{"space", "e"}},
		{"help-120x40", 120, 40, i18n.EN, []string{"?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newTestModel(t, synthEvents(200, 1), tt.w, tt.h, func(c *Config) { c.Lang = tt.lang })
			press(t, m, tt.keys...)
			got := frameText(m)
			checkFrame(t, got, tt.w, tt.h)
			golden.RequireEqual(t, []byte(got))
		})
	}
}

// checkFrame checks that a frame fills the terminal exactly: h lines, none
// wider than w.
func checkFrame(t *testing.T, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		t.Errorf("frame has %d lines, want %d", len(lines), h)
	}
	for i, ln := range lines {
		if lw := ansi.StringWidth(ln); lw > w {
			t.Errorf("line %d is %d cells wide, want ≤ %d: %q", i, lw, w, ln)
		}
	}
}

func TestResize(t *testing.T) {
	m := newTestModel(t, synthEvents(50, 2), 80, 24)
	for _, size := range [][2]int{{20, 5}, {40, 10}, {80, 24}, {150, 50}, {250, 70}, {1, 1}, {300, 8}} {
		for _, keys := range [][]string{nil, {"enter"}, {"S"}, {"?"}, {"R"}, {"e"}} {
			m := newTestModel(t, synthEvents(50, 2), 80, 24)
			press(t, m, keys...)
			m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			frame := frameText(m)
			if size[1] >= 4 {
				checkFrame(t, frame, max(size[0], 1), size[1])
			}
		}
	}
	_ = m
}

func TestNavigation(t *testing.T) {
	tests := []struct {
		keys       []string
		wantCursor int
	}{
		{nil, 0},
		{[]string{"j", "j", "j"}, 3},
		{[]string{"down", "down", "up"}, 1},
		{[]string{"k"}, 0},
		{[]string{"G"}, 99},
		{[]string{"end", "g"}, 0},
		{[]string{"pgdown"}, 19}, // 24 lines: 20 rows, one kept for context
		{[]string{"pgdown", "pgup"}, 0},
		{[]string{"G", "j"}, 99},
	}
	for _, tt := range tests {
		m := newTestModel(t, synthEvents(100, 3), 80, 24)
		press(t, m, tt.keys...)
		if m.list.Cursor() != tt.wantCursor {
			t.Errorf("keys %v: cursor %d, want %d", tt.keys, m.list.Cursor(), tt.wantCursor)
		}
		if m.list.Selected() == nil || m.list.Rows()[m.list.Cursor()] != m.list.SelectedSlot() || !reflect.DeepEqual(*m.list.Selected(), *m.list.EventAt(m.list.Cursor())) {
			t.Errorf("keys %v: selected event is not the cursor's", tt.keys)
		}
	}
}

func TestScreens(t *testing.T) {
	tests := []struct {
		keys       []string
		wantScreen screen
		wantDetail bool
		wantExport bool
		wantQuit   bool
	}{
		{[]string{"enter"}, screenList, true, false, false},
		{[]string{"enter", "esc"}, screenList, false, false, false},
		{[]string{"enter", "q"}, screenList, false, false, false}, // q leaves the detail pane first
		{[]string{"?"}, screenHelp, false, false, false},
		{[]string{"?", "esc"}, screenList, false, false, false},
		{[]string{"S"}, screenSummary, false, false, false},
		{[]string{"tab", "tab"}, screenList, false, false, false},
		{[]string{"R"}, screenReport, false, false, false},
		{[]string{"R", "q"}, screenList, false, false, false},
		{[]string{"e"}, screenList, false, true, false},
		{[]string{"e", "esc"}, screenList, false, false, false},
		{[]string{"q"}, screenList, false, false, true},
		{[]string{"ctrl+c"}, screenList, false, false, true},
	}
	for _, tt := range tests {
		m := newTestModel(t, synthEvents(30, 4), 80, 24)
		var last tea.Cmd
		for _, k := range tt.keys {
			_, last = m.Update(keyMsg(k))
		}
		if m.screen != tt.wantScreen || m.detailOpen != tt.wantDetail || (m.export != nil) != tt.wantExport {
			t.Errorf("keys %v: screen %d detail %v export %v; want %d %v %v", tt.keys, m.screen, m.detailOpen, m.export != nil,
				tt.wantScreen, tt.wantDetail, tt.wantExport)
		}
		if quit := isQuit(last); quit != tt.wantQuit {
			t.Errorf("keys %v: quit %v, want %v", tt.keys, quit, tt.wantQuit)
		}
	}
}

// isQuit reports whether cmd (or a batch holding it) quits the program.
func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg := msg.(type) {
		case tea.QuitMsg:
			return true
		case tea.BatchMsg:
			return slices.ContainsFunc(msg, isQuit)
		}
	case <-time.After(patience): // a deadline: tea.Quit returns at once, on a busy machine later
	}
	return false
}

// matching returns the events of m's rows.
func matching(m *Model) []*model.Event {
	evs := make([]*model.Event, len(m.list.Rows()))
	for i, r := range m.list.Rows() {
		evs[i] = m.Store.At(int(r))
	}
	return evs
}

func TestFilterLine(t *testing.T) {
	m := newTestModel(t, synthEvents(300, 5), 100, 30)
	press(t, m, "/")
	typeText(t, m, "id:32")
	if m.filter.Mode() != filterline.Filter {
		t.Fatal("filter line closed while typing")
	}
	if len(m.list.Rows()) == 0 || len(m.list.Rows()) == m.Store.Len() {
		t.Fatalf("id:32 gave %d of %d rows", len(m.list.Rows()), m.Store.Len())
	}
	for _, ev := range matching(m) {
		if ev.EventID != 32 {
			t.Fatalf("row with ID %d under id:32", ev.EventID)
		}
	}
	press(t, m, "enter")
	if m.filter.Mode() != filterline.None || m.list.FilterText() != "id:32" {
		t.Fatalf("after enter: mode %d filter %q", m.filter.Mode(), m.list.FilterText())
	}
	if !strings.Contains(frameText(m), "filter: id:32") {
		t.Error("title bar does not show the filter")
	}

	// An invalid query is reported inline and keeps the last good result.
	press(t, m, "/")
	n := len(m.list.Rows())
	m.Update(tea.PasteMsg{Content: " level:bogus"})
	if m.list.QueryErr() == nil || len(m.list.Rows()) != n {
		t.Fatalf("invalid query: err %v, rows %d (want %d)", m.list.QueryErr(), len(m.list.Rows()), n)
	}
	if !strings.Contains(frameText(m), "level") {
		t.Error("parse error not shown")
	}
	press(t, m, "enter") // refused while invalid
	if m.filter.Mode() != filterline.Filter {
		t.Error("enter accepted an invalid query")
	}
	press(t, m, "esc")
	if m.list.FilterText() != "" || len(m.list.Rows()) != m.Store.Len() || m.list.QueryErr() != nil {
		t.Errorf("esc: filter %q rows %d err %v", m.list.FilterText(), len(m.list.Rows()), m.list.QueryErr())
	}
}

// TestNarrowing types queries one key at a time and checks that the rows
// always equal a fresh selection, whether they were narrowed or not.
func TestNarrowing(t *testing.T) {
	for _, text := range []string{
		"sql01 vir", "id:2 id:26", "-vss hyper", `"virtual machine" sql`, "level:error,warning src:hyper-v",
		"class:known-issue -id:32", "host:hv0", "仮想", "after:2011-06-03 before:2011-06-05 sql",
	} {
		m := newTestModel(t, synthEvents(400, 6), 100, 30)
		press(t, m, "/")
		for i, r := range text {
			typeText(t, m, string(r))
			prefix := text[:i+len(string(r))]
			q, err := query.Parse(prefix, testNow)
			if err != nil {
				continue
			}
			want := query.Select(m.Store, q, nil)
			if !slices.Equal(m.list.Rows(), want) {
				t.Fatalf("after typing %q: %d rows, fresh select %d", prefix, len(m.list.Rows()), len(want))
			}
		}
	}
}

func TestQuickFilter(t *testing.T) {
	tests := []struct {
		key  string
		want func(sel, ev *model.Event) bool
	}{
		{"p", func(sel, ev *model.Event) bool { return strings.Contains(ev.Provider, sel.Provider) }},
		{"P", func(sel, ev *model.Event) bool { return !strings.Contains(ev.Provider, sel.Provider) }},
		{"i", func(sel, ev *model.Event) bool { return ev.EventID == sel.EventID }},
		{"I", func(sel, ev *model.Event) bool { return ev.EventID != sel.EventID }},
		{"c", func(sel, ev *model.Event) bool { return strings.Contains(ev.Computer, sel.Computer) }},
		{"C", func(sel, ev *model.Event) bool { return !strings.Contains(ev.Computer, sel.Computer) }},
		{"t", func(sel, ev *model.Event) bool { return ev.Class == sel.Class }},
		{"T", func(sel, ev *model.Event) bool { return ev.Class != sel.Class }},
	}
	for _, tt := range tests {
		m := newTestModel(t, synthEvents(300, 7), 100, 30)
		press(t, m, "j", "j")
		sel := m.list.Selected()
		press(t, m, tt.key)
		if m.list.FilterText() == "" || len(m.list.Rows()) == 0 || len(m.list.Rows()) == m.Store.Len() {
			t.Fatalf("key %s: filter %q gives %d rows", tt.key, m.list.FilterText(), len(m.list.Rows()))
		}
		for _, ev := range matching(m) {
			if !tt.want(sel, ev) {
				t.Fatalf("key %s: filter %q lets through %+v", tt.key, m.list.FilterText(), ev)
			}
		}
	}
}

func TestClassToggles(t *testing.T) {
	m := newTestModel(t, synthEvents(300, 8), 100, 30)
	press(t, m, "1", "6")
	if m.list.FilterText() != "-class:harmless -class:unknown" {
		t.Fatalf("filter %q", m.list.FilterText())
	}
	for _, ev := range matching(m) {
		if ev.Class == model.ClassHarmless || ev.Class == model.ClassUnknown {
			t.Fatalf("hidden class %v shown", ev.Class)
		}
	}
	press(t, m, "1")
	if m.list.FilterText() != "-class:unknown" {
		t.Fatalf("toggle back: filter %q", m.list.FilterText())
	}
	press(t, m, "0")
	if m.list.FilterText() != "" || len(m.list.Rows()) != m.Store.Len() {
		t.Fatalf("0: filter %q, %d rows", m.list.FilterText(), len(m.list.Rows()))
	}
}

func TestSort(t *testing.T) {
	m := newTestModel(t, synthEvents(300, 9), 100, 30)
	press(t, m, "o") // level
	if col, _ := m.list.Sort(); col != list.ColLevel {
		t.Fatalf("sort column %d", col)
	}
	evs := matching(m)
	if !slices.IsSortedFunc(evs, func(a, b *model.Event) int { return list.LevelRank(a.Level) - list.LevelRank(b.Level) }) {
		t.Error("not sorted by level")
	}
	press(t, m, "r")
	evs = matching(m)
	if !slices.IsSortedFunc(evs, func(a, b *model.Event) int { return list.LevelRank(b.Level) - list.LevelRank(a.Level) }) {
		t.Error("not sorted by level, reversed")
	}
	// Source sorts as displayed, ignoring case.
	press(t, m, "o", "o")
	shown := func(e *model.Event) string { return strings.ToLower(common.ShortProvider(e.Provider)) }
	if !slices.IsSortedFunc(matching(m), func(a, b *model.Event) int { return strings.Compare(shown(a), shown(b)) }) {
		t.Error("not sorted by source as displayed")
	}
	press(t, m, "o", "o", "o") // back to time, ascending
	if col, rev := m.list.Sort(); col != list.ColTime || rev {
		t.Fatalf("sort %d rev %v", col, rev)
	}
	timeline := func(a, b int32) int { return m.Store.Compare(int(a), int(b)) }
	if !slices.IsSortedFunc(m.list.Rows(), timeline) {
		t.Error("time order is not timeline order")
	}
	press(t, m, "r")
	reversed := func(a, b int32) int { return -timeline(a, b) }
	if !slices.IsSortedFunc(m.list.Rows(), reversed) {
		t.Error("time reversed is not reversed timeline order")
	}
	// Sorting survives narrowing.
	press(t, m, "/")
	typeText(t, m, "sql")
	if !slices.IsSortedFunc(m.list.Rows(), reversed) {
		t.Error("narrowed rows lost the sort")
	}
}

func TestSearch(t *testing.T) {
	m := newTestModel(t, synthEvents(300, 10), 100, 30)
	press(t, m, "s")
	typeText(t, m, "id:14050")
	press(t, m, "enter")
	if m.list.Selected() == nil || m.list.Selected().EventID != 14050 {
		t.Fatalf("search did not move to a match: %+v", m.list.Selected())
	}
	if len(m.list.Rows()) != m.Store.Len() {
		t.Fatal("search filtered the list")
	}
	first := m.list.Cursor()
	press(t, m, "n")
	if m.list.Cursor() <= first || m.list.Selected().EventID != 14050 {
		t.Fatalf("n: cursor %d (from %d), ID %d", m.list.Cursor(), first, m.list.Selected().EventID)
	}
	press(t, m, "N")
	if m.list.Cursor() != first {
		t.Fatalf("N: cursor %d, want %d", m.list.Cursor(), first)
	}
	if !strings.Contains(frameText(m), ">") {
		t.Error("search hits are not marked in the list")
	}
	// Esc in the search line goes back to where the search started.
	press(t, m, "g", "s")
	typeText(t, m, "x")
	press(t, m, "backspace")
	typeText(t, m, "id:32")
	press(t, m, "esc")
	if m.list.Cursor() != 0 || m.list.SearchText() != "" {
		t.Errorf("esc: cursor %d search %q", m.list.Cursor(), m.list.SearchText())
	}
}

// TestSearchError: an invalid search is said as the filter's is, while
// typing and on Enter, which does not apply it; s starts a new search
// rather than appending to the last one.
func TestSearchError(t *testing.T) {
	m := newTestModel(t, synthEvents(100, 10), 100, 20)
	press(t, m, "s")
	typeText(t, m, "SQL01")
	press(t, m, "enter")
	if m.list.SearchText() != "SQL01" {
		t.Fatalf("search %q, want SQL01", m.list.SearchText())
	}
	press(t, m, "s")
	if v := m.filter.Value(); v != "" {
		t.Fatalf("s opens on %q, want an empty line", v)
	}
	typeText(t, m, "id:abc")
	err := m.filter.Err()
	if err == nil {
		t.Fatal("id:abc parsed")
	}
	flat := strings.Join(strings.Fields(frameText(m)), " ")
	if want := strings.TrimPrefix(err.Error(), "query: "); !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
		t.Errorf("error %q not shown while typing:\n%s", want, frameText(m))
	}
	press(t, m, "enter")
	if m.filter.Mode() != filterline.Search || !strings.Contains(frameText(m), "Not applied: ") {
		t.Errorf("enter on an invalid search: mode %d\n%s", m.filter.Mode(), frameText(m))
	}
	if m.list.SearchText() != "SQL01" {
		t.Errorf("invalid search applied: %q", m.list.SearchText())
	}
	press(t, m, "esc")
	if strings.Contains(frameText(m), "search: id:abc") {
		t.Errorf("status shows the refused search:\n%s", frameText(m))
	}
}

func TestMarks(t *testing.T) {
	m := newTestModel(t, synthEvents(100, 11), 100, 30)
	press(t, m, "space", "space", "k", "m")
	if len(m.list.Marks()) != 1 {
		t.Fatalf("marks %d, want 1 (two marked, one unmarked)", len(m.list.Marks()))
	}
	if !strings.Contains(frameText(m), "1 marked") {
		t.Error("mark count not shown")
	}
	if !strings.Contains(frameText(m), "\n*") {
		t.Error("marked row not shown with *")
	}
	press(t, m, "/")
	typeText(t, m, "id:26")
	press(t, m, "enter", "M")
	n := len(m.list.Rows())
	if len(m.list.Marks()) < n {
		t.Fatalf("M marked %d, want at least %d", len(m.list.Marks()), n)
	}
	press(t, m, "U")
	if len(m.list.Marks()) != 0 {
		t.Fatalf("U left %d marks", len(m.list.Marks()))
	}
}

func TestLanguageCycle(t *testing.T) {
	m := newTestModel(t, synthEvents(20, 12), 100, 30)
	want := []struct {
		lang i18n.Lang
		word string
	}{{i18n.JA, "日時"}, {i18n.NL, "Tijd"}, {i18n.EN, "Time"}}
	press(t, m, "enter")
	for _, w := range want {
		press(t, m, "L")
		if m.Lang != w.lang {
			t.Fatalf("language %v, want %v", m.Lang, w.lang)
		}
		s := frameText(m)
		if !strings.Contains(s, w.word) {
			t.Errorf("%v: screen lacks %q:\n%s", w.lang, w.word, s)
		}
		if !strings.Contains(s, uiText.SystemTitle.In(w.lang)) {
			t.Errorf("%v: detail pane not in the language", w.lang)
		}
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, synthEvents(50, 13), 100, 30, func(c *Config) { c.ExportDir = dir })
	press(t, m, "space", "space", "e")
	d := m.export
	if d == nil || !d.Marked() {
		t.Fatal("export dialog did not open on the marked events")
	}
	want := filepath.Join(dir, "eventlens-20110610-120000.csv")
	if d.Path() != want {
		t.Fatalf("default path %q, want %q", d.Path(), want)
	}
	press(t, m, "down", "right") // JSON Lines
	if d.Format() != exportdialog.JSONL || !strings.HasSuffix(d.Path(), ".jsonl") {
		t.Fatalf("format %d path %q", d.Format(), d.Path())
	}
	press(t, m, "left")
	press(t, m, "enter")
	if m.export != nil {
		t.Fatalf("dialog still open: err %q", d.Err())
	}
	data, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "file,") {
		t.Errorf("CSV of 2 marked events:\n%s", data)
	}
	var marked []*model.Event
	for r := range m.list.Marks() {
		marked = append(marked, m.Store.At(int(r)))
	}
	slices.SortFunc(marked, func(a, b *model.Event) int {
		if model.Less(a, b) {
			return -1
		}
		return 1
	})
	for i, ev := range marked {
		if !strings.Contains(lines[i+1], ev.Data[1].Value) {
			t.Errorf("CSV line %d is not event %s:\n%s", i+1, ev.Data[1].Value, lines[i+1])
		}
	}
	if !strings.Contains(frameText(m), want) {
		t.Error("no confirmation in the status line")
	}

	// Exporting again to the same name asks before overwriting.
	os.WriteFile(want, []byte("keep"), 0o644)
	press(t, m, "e")
	press(t, m, "enter")
	if m.export == nil || !m.export.Confirming() {
		t.Fatal("no overwrite confirmation")
	}
	if !strings.Contains(frameText(m), "Overwrite?") {
		t.Error("confirmation not shown")
	}
	press(t, m, "n")
	if b, _ := os.ReadFile(want); string(b) != "keep" {
		t.Fatal("n overwrote the file")
	}
	press(t, m, "enter", "y")
	if b, _ := os.ReadFile(want); string(b) == "keep" {
		t.Fatal("y did not overwrite the file")
	}
	if m.export != nil {
		t.Error("dialog still open after overwrite")
	}
}

func TestExportErrors(t *testing.T) {
	m := newTestModel(t, synthEvents(10, 14), 100, 30, func(c *Config) {
		c.WriteFile = func(string, bool, func(io.Writer) error) error { return errors.New("disk full") }
	})
	press(t, m, "e")
	press(t, m, "enter")
	if m.export == nil || !strings.Contains(m.export.Err(), "disk full") {
		t.Fatalf("error not kept in the dialog: %+v", m.export)
	}
	press(t, m, "esc")

	m = newTestModel(t, synthEvents(10, 14), 100, 30, func(c *Config) { c.ExportDisabled = true })
	press(t, m, "e")
	if m.export != nil || !strings.Contains(frameText(m), "disabled") {
		t.Fatal("disabled export opened the dialog")
	}
}

func TestRawXML(t *testing.T) {
	m := newTestModel(t, synthEvents(10, 15), 100, 40, func(c *Config) {
		c.RawXML = func(ev *model.Event) (string, error) {
			return "<Event><System><EventRecordID>" + ev.File + "</EventRecordID></System>\x1b[2J</Event>", nil
		}
	})
	press(t, m, "enter", "x")
	s := frameText(m)
	if !strings.Contains(s, "<EventRecordID>demo.evtx") {
		t.Fatalf("raw XML not shown:\n%s", s)
	}
	press(t, m, "x")
	if strings.Contains(frameText(m), "<EventRecordID>") {
		t.Fatal("x did not toggle back")
	}
}

func TestSummaryBarFilter(t *testing.T) {
	m := newTestModel(t, synthEvents(500, 16), 100, 30)
	press(t, m, "S", "g", "right", "enter")
	if m.screen != screenList {
		t.Fatal("enter did not return to the list")
	}
	if !strings.Contains(m.list.FilterText(), "after:") || !strings.Contains(m.list.FilterText(), "before:") {
		t.Fatalf("filter %q", m.list.FilterText())
	}
	_, start, bucket, hist := m.summary.Selected()
	from := start.Add(bucket)
	to := from.Add(bucket)
	if len(m.list.Rows()) != hist[1] {
		t.Errorf("%d rows, bar said %d", len(m.list.Rows()), hist[1])
	}
	for _, ev := range matching(m) {
		if ev.Time.Before(from) || !ev.Time.Before(to) {
			t.Fatalf("event at %v outside [%v, %v)", ev.Time, from, to)
		}
	}
}

func TestMouse(t *testing.T) {
	m := newTestModel(t, synthEvents(100, 17), 100, 30)
	press(t, m, "g") // from the top, not the first event to look at
	m.Update(tea.MouseClickMsg{X: 5, Y: listTop + 4, Button: tea.MouseLeft})
	if m.list.Cursor() != 4 {
		t.Fatalf("click: cursor %d", m.list.Cursor())
	}
	m.Update(tea.MouseClickMsg{X: 5, Y: listTop + 4, Button: tea.MouseLeft})
	if !m.detailOpen {
		t.Fatal("second click did not open the detail pane")
	}
	m.Update(keyMsg("esc"))
	m.Update(tea.MouseWheelMsg{X: 5, Y: 5, Button: tea.MouseWheelDown})
	if m.list.Cursor() != 7 {
		t.Fatalf("wheel: cursor %d", m.list.Cursor())
	}
}

// hostileEvents carry terminal escapes, C0/C1 controls and bidi overrides
// in every string field the UI shows.
func hostileEvents() []model.Event {
	bad := "x\x1b[2J\x1b]0;owned\x07\x1b]8;;http://evil\x1b\\link\u009b31m\u202eevil\u2066\r\nline2\x00\x7f\xff"
	evs := synthEvents(30, 18)
	for i := range evs {
		e := &evs[i]
		e.Provider, e.Computer, e.Channel, e.Message = bad, bad, bad, bad
		e.UserSID, e.ProviderGUID, e.EventSourceName, e.File = bad, bad, bad, bad
		e.Data = []model.Data{{Name: bad, Value: bad}}
		e.UserData = []model.Data{{Name: bad, Value: bad}}
		e.Binary = bad
	}
	return evs
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func TestHostileStringsSanitised(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		for _, keys := range [][]string{nil, {"enter"}, {"enter", "x"}, {"S"}, {"R"}, {"/"}, {"s"}, {"e"}} {
			m := newTestModel(t, hostileEvents(), 200, 50, func(c *Config) {
				c.NoColor = noColor
				c.RawXML = func(*model.Event) (string, error) { return hostileEvents()[0].Message, nil }
				c.Reports = []model.FileReport{{Path: hostileEvents()[0].File, Err: errors.New(hostileEvents()[0].Message),
					Problems: []model.Problem{{Reason: reason.New(reason.Detail, hostileEvents()[0].Message)}}}}
			})
			press(t, m, keys...)
			if len(keys) == 1 && (keys[0] == "/" || keys[0] == "s") {
				m.Update(tea.PasteMsg{Content: hostileEvents()[0].Message})
			}
			frame := sgr.ReplaceAllString(m.render(), "")
			for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e", "\u2066", "\x00", "\r", "\x7f"} {
				if i := strings.Index(frame, bad); i >= 0 {
					t.Fatalf("keys %v noColor %v: %q reached the terminal near %q", keys, noColor, bad, frame[max(i-40, 0):min(i+40, len(frame))])
				}
			}
		}
	}
}

func TestLoadStreams(t *testing.T) {
	evs := synthEvents(3000, 19)
	proceed := make(chan struct{})
	cfg := Config{
		Lang: i18n.EN, NoColor: true, Location: time.UTC, Now: func() time.Time { return testNow },
		Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
			for i := 0; i < len(evs); i += 500 {
				if i == 500 {
					<-proceed // the test looks at the screen mid-load
				}
				batch := slices.Clone(evs[i : i+500])
				emit(model.Update{Events: batch, Progress: model.Progress{BytesDone: int64(i + 500), BytesTotal: 3000, Events: i + 500}})
			}
			return []model.FileReport{{Path: "demo.evtx", Format: "evtx", RecordsDecoded: 3000, RecordsSkipped: 2,
				Problems: []model.Problem{{Chunk: 1, Offset: 4096, Reason: reason.New(reason.RecordTooSmall, "17", "28")}}}}, nil
		},
	}
	m := New(cfg)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if !strings.Contains(frameText(m), "eventlens") {
		t.Fatal("no first frame before loading")
	}
	first := ownMsgs(m.Init())
	if len(first) != 1 {
		t.Fatalf("Init gave %d messages", len(first))
	}
	_, next := m.Update(first[0])
	if s := frameText(m); !strings.Contains(s, "Loading") || !strings.Contains(s, "17%") || !strings.Contains(s, "500 events") {
		t.Errorf("no progress while loading:\n%s", s)
	}
	if len(m.list.Rows()) != 500 {
		t.Errorf("%d rows after the first batch", len(m.list.Rows()))
	}
	close(proceed)
	run(m, next)
	if m.loading || m.classifying {
		t.Fatal("load did not finish")
	}
	if m.Store.Len() != 3000 || len(m.list.Rows()) != 3000 {
		t.Fatalf("store %d rows %d", m.Store.Len(), len(m.list.Rows()))
	}
	s := frameText(m)
	if !strings.Contains(s, "1 file with problems") {
		t.Errorf("load problem not in status line:\n%s", s)
	}
	press(t, m, "R")
	if !strings.Contains(frameText(m), "record size 17 is below the minimum 28") {
		t.Error("load report lacks the problem")
	}
}

func TestLoadPanicIsAnError(t *testing.T) {
	m := New(Config{Load: func(context.Context, func(model.Update)) ([]model.FileReport, error) { panic("boom") }})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	run(m, m.Init())
	if m.loadErr == nil || !strings.Contains(m.loadErr.Error(), "boom") {
		t.Fatalf("loadErr %v", m.loadErr)
	}
}

func TestHeaderClickSorts(t *testing.T) {
	m := newTestModel(t, synthEvents(50, 22), 100, 30)
	header := strings.Split(frameText(m), "\n")[listTop-1]
	x := utf8.RuneCountInString(header[:strings.Index(header, " ID ")+1])
	m.Update(tea.MouseClickMsg{X: x + 1, Y: listTop - 1, Button: tea.MouseLeft})
	if col, rev := m.list.Sort(); col != list.ColID || rev {
		t.Fatalf("sort %d rev %v", col, rev)
	}
	m.Update(tea.MouseClickMsg{X: x + 1, Y: listTop - 1, Button: tea.MouseLeft})
	if _, rev := m.list.Sort(); !rev {
		t.Fatal("second click did not reverse")
	}
}

func TestHelpScrolls(t *testing.T) {
	m := newTestModel(t, synthEvents(5, 23), 80, 12)
	press(t, m, "?")
	top := frameText(m)
	press(t, m, "j", "j", "j")
	if frameText(m) == top {
		t.Fatal("help did not scroll")
	}
	press(t, m, "G", "g")
	if frameText(m) != top {
		t.Fatal("g did not return to the top")
	}
}

func TestBackgroundSwitchesPalette(t *testing.T) {
	// The terminal's answer switches the palette.
	m := newTestModel(t, synthEvents(5, 24), 80, 24, func(c *Config) { c.NoColor = false })
	before := m.render()
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if m.Dark || m.render() == before {
		t.Error("a light background did not change the styles")
	}
}

func TestInputHistory(t *testing.T) {
	m := newTestModel(t, synthEvents(100, 26), 100, 30)
	press(t, m, "/")
	typeText(t, m, "id:26")
	press(t, m, "enter", "/", "esc", "/")
	typeText(t, m, "id:27")
	press(t, m, "enter", "/", "up")
	if m.filter.Value() != "id:27" || m.list.FilterText() != "id:27" {
		t.Fatalf("up: input %q filter %q", m.filter.Value(), m.list.FilterText())
	}
	press(t, m, "up", "up")
	if m.filter.Value() != "id:26" || m.list.FilterText() != "id:26" {
		t.Fatalf("up up: input %q filter %q", m.filter.Value(), m.list.FilterText())
	}
	press(t, m, "down", "down")
	if m.filter.Value() != "id:27" {
		t.Fatalf("down to the draft: %q", m.filter.Value())
	}
}

// TestExportEVTX saves the marked events as a Windows event log, as Event
// Viewer's "Save selected events" does.
func TestExportEVTX(t *testing.T) {
	dir := t.TempDir()
	m := newTestModel(t, synthEvents(50, 13), 100, 30, func(c *Config) { c.ExportDir = dir })
	press(t, m, "space", "space", "e", "down", "right", "right", "right")
	if d := m.export; d.Format() != exportdialog.EVTX || !strings.HasSuffix(d.Path(), ".evtx") {
		t.Fatalf("format %d path %q", d.Format(), d.Path())
	}
	press(t, m, "enter")
	if m.export != nil {
		t.Fatalf("dialog still open: err %q", m.export.Err())
	}
	data, err := os.ReadFile(filepath.Join(dir, "eventlens-20110610-120000.evtx"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "ElfFile\x00") {
		t.Fatalf("not an EVTX file: % x", data[:min(16, len(data))])
	}
}

// TestSortSourceIgnoresCase sorts the sources issue 13 saw out of order.
func TestSortSourceIgnoresCase(t *testing.T) {
	var evs []model.Event
	for i, p := range []string{"storvsp", "Microsoft-Windows-Winlogon", "disk", "VMSMP", "EventLog", "Netvsc", "Service Control Manager"} {
		evs = append(evs, model.Event{Provider: p, EventID: 1, Time: testBase.Add(time.Duration(i) * time.Minute), Decoded: true})
	}
	m := newTestModel(t, evs, 100, 30)
	press(t, m, "o", "o", "o")
	if col, _ := m.list.Sort(); col != list.ColProvider {
		t.Fatalf("sort column %d", col)
	}
	var got []string
	for _, ev := range matching(m) {
		got = append(got, common.ShortProvider(ev.Provider))
	}
	want := []string{"disk", "EventLog", "Netvsc", "Service Control Manager", "storvsp", "VMSMP", "Winlogon"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted by source: %q, want %q", got, want)
	}
}

// TestFilterErrorReadable is issue 13 item 1: an invalid filter's error is
// readable whole at every width from 60 columns, Enter says why it did not
// apply, and the screen says which filter the list still shows.
func TestFilterErrorReadable(t *testing.T) {
	for _, text := range []string{"lvl:error", "id:abc"} {
		for _, w := range []int{60, 80, 120, 200} {
			m := newTestModel(t, synthEvents(100, 5), w, 24)
			press(t, m, "/")
			typeText(t, m, text)
			err := m.filter.Err()
			if err == nil {
				t.Fatalf("%q parsed", text)
			}
			frame := frameText(m)
			checkFrame(t, m.render(), w, 24)
			flat := strings.Join(strings.Fields(frame), " ")
			want := strings.TrimPrefix(err.Error(), "query: ")
			if !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("%q at %d columns: error %q not readable whole:\n%s", text, w, want, frame)
			}
			shows := strings.TrimSuffix(text, text[strings.IndexByte(text, ':'):])
			if !strings.Contains(flat, `still shows the filter "`+shows+`"`) {
				t.Errorf("%q at %d columns: the screen does not say the list shows %q:\n%s", text, w, shows, frame)
			}
			press(t, m, "enter")
			if m.filter.Mode() != filterline.Filter {
				t.Fatal("enter accepted an invalid filter")
			}
			if !strings.Contains(frameText(m), "Not applied: ") {
				t.Errorf("%q at %d columns: enter does not say why it did nothing:\n%s", text, w, frameText(m))
			}
		}
	}
}

// TestFilterErrorInLanguage: the query's error is the user's language's,
// not the model's English.
func TestFilterErrorInLanguage(t *testing.T) {
	for lang, want := range map[i18n.Lang]string{
		i18n.JA: `適用されていません：1 文字目：不明なフィールド "lvl" です`,
		i18n.NL: `Niet toegepast: kolom 1: onbekend veld "lvl"`,
	} {
		m := newTestModel(t, synthEvents(50, 5), 200, 24, func(c *Config) { c.Lang = lang })
		press(t, m, "/")
		typeText(t, m, "lvl:error")
		press(t, m, "enter")
		if flat := strings.Join(strings.Fields(frameText(m)), " "); !strings.Contains(flat, want) {
			t.Errorf("%s: the screen does not say %q:\n%s", lang, want, frameText(m))
		}
	}
}

// quietEvents returns n unclassified Information events a minute apart,
// with a known issue at index at: a log whose first screen shows nothing.
func quietEvents(n, at int) []model.Event {
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = model.Event{Provider: "Microsoft-Windows-Time-Service", EventID: 37, Level: model.LevelInformation,
			Computer: "HV01", Time: testBase.Add(time.Duration(i) * time.Minute), Decoded: true, RecordID: uint64(i + 1)}
	}
	evs[at].Provider, evs[at].EventID, evs[at].Level, evs[at].Class = "Microsoft-Windows-Hyper-V-VMMS", 10150, model.LevelError, model.ClassKnownIssue
	return evs
}

// TestFirstScreen is issue 13 item 2: the viewer opens with the cursor on
// the first event that needs a look, at the top of the screen.
func TestFirstScreen(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		m := newTestModel(t, quietEvents(300, 120), size[0], size[1])
		// The 299 quiet events around it fold into one flood row at the
		// first of them (issue 16), so the known issue is the second row.
		if m.list.Cursor() != 1 {
			t.Fatalf("%v: cursor %d, want the known issue at row 1", size, m.list.Cursor())
		}
		lines := strings.Split(frameText(m), "\n")
		if row := lines[listTop+m.list.Cursor()-m.list.Offset()]; !strings.Contains(row, "known issue") || !strings.Contains(row, "10150") {
			t.Errorf("%v: first row is not the known issue:\n%s", size, frameText(m))
		}
		if !strings.Contains(frameText(m), "2/2 · first event to look at") {
			t.Errorf("%v: the status line does not say why the cursor is there", size)
		}
	}
	// Nothing to look at: the first row.
	evs := quietEvents(50, 0)
	evs[0].Class, evs[0].Level = model.ClassHarmless, model.LevelInformation
	if m := newTestModel(t, evs, 80, 24); m.list.Cursor() != 0 {
		t.Errorf("cursor %d with nothing to look at", m.list.Cursor())
	}
}

// TestCursorAfterFilter is issue 13 item 3: a new filter keeps the cursor on
// the selected event when it is still in the list, on the same screen
// line; else the cursor goes to the first row. No result says so.
func TestCursorAfterFilter(t *testing.T) {
	m := newTestModel(t, synthEvents(300, 30), 100, 30)
	press(t, m, "g", "j", "j", "j", "j", "j")
	sel := m.list.Selected()
	line := m.list.Cursor() - m.list.Offset()
	press(t, m, "/")
	typeText(t, m, fmt.Sprintf("id:%d", sel.EventID))
	press(t, m, "enter")
	if got := m.list.Selected(); got == nil || got.RecordID != sel.RecordID {
		t.Fatalf("cursor left the selected event: %+v", got)
	}
	if l := m.list.Cursor() - m.list.Offset(); l != line && m.list.Offset() != 0 {
		t.Errorf("selected event moved from screen line %d to %d", line, l)
	}
	press(t, m, "/")
	for range fmt.Sprint(sel.EventID) {
		press(t, m, "backspace")
	}
	other := uint16(7036)
	if sel.EventID == other {
		other = 26
	}
	typeText(t, m, fmt.Sprint(other))
	press(t, m, "enter")
	if m.list.Cursor() != 0 || m.list.Offset() != 0 {
		t.Errorf("selected event gone: cursor %d offset %d, want the first row", m.list.Cursor(), m.list.Offset())
	}
	press(t, m, "/")
	typeText(t, m, " nosuchtext")
	press(t, m, "enter")
	if s := frameText(m); len(m.list.Rows()) != 0 || !strings.Contains(strings.Split(s, "\n")[listTop], `No events match "id:`+fmt.Sprint(other)+` nosuchtext"`) {
		t.Errorf("zero results not said on the first line:\n%s", s)
	}
}

// TestCursorWhileTyping is issue 13 item 3 as a person types: the prefixes
// of "level:error" ("lev", "leve") match nothing, which must not lose the
// event selected when / was opened; the final filter lists it, so the
// cursor is back on it. Backspacing to a prefix and retyping does the same.
func TestCursorWhileTyping(t *testing.T) {
	m := newTestModel(t, synthEvents(300, 30), 100, 30)
	press(t, m, "g")
	for m.list.Selected().Level != model.LevelError || m.list.Cursor() < 40 {
		press(t, m, "j")
	}
	sel := m.list.Selected().RecordID
	press(t, m, "/")
	typeText(t, m, "lev")
	if len(m.list.Rows()) != 0 {
		t.Fatalf("the prefix %q matches %d rows: the test needs one that loses the event", "lev", len(m.list.Rows()))
	}
	typeText(t, m, "el:error")
	press(t, m, "enter")
	if got := m.list.Selected(); got == nil || got.RecordID != sel {
		t.Fatalf("level:error lists the selected event but the cursor is on %+v", got)
	}
	if m.list.Cursor() == 0 {
		t.Fatal("the test needs the event away from the first row")
	}
	press(t, m, "/")
	for range "error" {
		press(t, m, "backspace")
	}
	typeText(t, m, "warning")
	if m.list.Cursor() != 0 {
		t.Errorf("level:warning does not list the event: cursor %d, want the first row", m.list.Cursor())
	}
	for range "warning" {
		press(t, m, "backspace")
	}
	typeText(t, m, "error")
	press(t, m, "enter")
	if got := m.list.Selected(); got == nil || got.RecordID != sel {
		t.Errorf("back to level:error: cursor on %+v, want record %d", got, sel)
	}
}

// TestNarrowTerminals is issue 13 item 5: the class column stays at every
// width in every language (others compact first), the computer stays at
// 80 columns, and at 60×15 the export dialog's File field and the help's
// keys are whole.
func TestNarrowTerminals(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.JA, i18n.NL} {
		for _, w := range []int{60, 80, 100} {
			m := newTestModel(t, synthEvents(50, 31), w, 24, func(c *Config) { c.Lang = lang })
			header := strings.Split(frameText(m), "\n")[listTop-1]
			if !strings.Contains(header, uiText.ColClass.In(lang)) {
				t.Errorf("%v at %d: no class column: %q", lang, w, header)
			}
			if w >= 80 && !strings.Contains(header, uiText.ColComputer.In(lang)[:3]) {
				t.Errorf("%v at %d: no computer column: %q", lang, w, header)
			}
		}
	}
	m := newTestModel(t, synthEvents(50, 31), 60, 15)
	press(t, m, "e")
	s := frameText(m)
	if !strings.Contains(s, "File") || !strings.Contains(s, m.export.Path()) {
		t.Errorf("export dialog at 60×15 cuts the file field:\n%s", s)
	}
	press(t, m, "esc", "?")
	if s := frameText(m); strings.Contains(s, "…") || !strings.Contains(s, "show/hide class") {
		t.Errorf("help at 60×15 is cut:\n%s", s)
	}
}

// TestExportWaitsForLoad: the export reads the store in a Cmd, off the UI
// goroutine, so it waits until a load no longer changes the store; a
// dialog opened during the load may write once it has finished.
func TestExportWaitsForLoad(t *testing.T) {
	dir := t.TempDir()
	evs := synthEvents(1000, 32)
	proceed := make(chan struct{})
	m := New(Config{
		Lang: i18n.EN, NoColor: true, Location: time.UTC, Now: func() time.Time { return testNow }, ExportDir: dir,
		Load: func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error) {
			emit(model.Update{Events: slices.Clone(evs[:500])})
			<-proceed
			emit(model.Update{Events: slices.Clone(evs[500:])})
			return nil, nil
		},
	})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	first := ownMsgs(m.Init())
	_, next := m.Update(first[0])
	press(t, m, "e", "enter")
	if m.export == nil || !strings.Contains(m.export.Err(), "Still loading") {
		t.Fatalf("export during a load: %+v", m.export)
	}
	close(proceed)
	run(m, next)
	if m.loading || m.classifying {
		t.Fatal("load did not finish")
	}
	press(t, m, "enter")
	if m.export != nil {
		t.Fatalf("export after the load: %q", m.export.Err())
	}
	b, err := os.ReadFile(filepath.Join(dir, "eventlens-20110610-120000.csv"))
	rows, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) != 1001 {
		t.Errorf("exported %d rows, %v; want header + 1000", len(rows), err)
	}
}
