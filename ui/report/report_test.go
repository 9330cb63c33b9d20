package report

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"eventlens/catalog"
	"eventlens/i18n"
	linewrap "eventlens/i18n/wrap"
	"eventlens/model"
	"eventlens/model/sanitize"
)

var t0 = time.Date(2011, 3, 1, 9, 0, 0, 0, time.UTC)

func mk(provider string, id uint16, at time.Duration, computer string, data ...string) *model.Event {
	ev := &model.Event{
		Provider: provider, EventID: id, Time: t0.Add(at), Computer: computer,
		Decoded: true, Level: model.LevelWarning, File: "hv01.evtx",
	}
	for _, d := range data {
		ev.Data = append(ev.Data, model.Data{Value: d})
	}
	return ev
}

// sample is a small log with an event of every class.
func sample() []*model.Event {
	return []*model.Event{
		mk("VMSMP", 26, 0, "HV01"),
		mk("VMSMP", 27, time.Minute, "HV01"),
		mk("Microsoft-Windows-Winlogon", 6004, 2*time.Minute, "HV01", "TrustedInstaller"),
		mk("VMSMP", 32, 3*time.Minute, "HV01", "NIC", "Port1", "Switch1", "C000003A"),
		mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 4*time.Minute, "HV01", "0x800423F4"),
		mk("Disk", 11, 5*time.Minute, "HV01"),
	}
}

func classify(events []*model.Event) *catalog.Classification {
	cl := catalog.Builtin().NewClassification()
	cl.Classify(events)
	return cl
}

func TestLabelsComplete(t *testing.T) {
	for name, txt := range labels() {
		if err := errors.Join(txt.Check(), txt.CheckJapanese()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestTriageNamesEveryClass: the summary reads in every language and names
// each class the events have.
func TestTriageNamesEveryClass(t *testing.T) {
	events := sample()
	cl := classify(events)
	seen := map[model.Class]bool{}
	for _, ev := range events {
		seen[ev.Class] = true
	}
	if len(seen) < 5 {
		t.Fatalf("sample has only classes %v", seen)
	}
	for _, l := range i18n.Langs {
		var b bytes.Buffer
		if err := Triage(&b, cl, slices.Values(events), nil, l); err != nil {
			t.Fatal(err)
		}
		var md bytes.Buffer
		if err := Markdown(&md, cl, slices.Values(events), l); err != nil {
			t.Fatal(err)
		}
		for c := range seen {
			if !strings.Contains(b.String(), catalog.ClassLabel(c, l)) || !strings.Contains(md.String(), catalog.ClassLabel(c, l)) {
				t.Errorf("%v: report lacks class %v", l, c)
			}
		}
	}
}

// TestHostileText: log text reaches the writers sanitised.
func TestHostileText(t *testing.T) {
	evil := "HV01\x1b]0;pwned\x07\x1b[2J\u202e"
	events := append(sample(),
		mk("VMSMP", 32, time.Hour, evil, "\x1b[31m", "", "", "C000003A"),
		mk(evil, 9, time.Hour, evil),
		&model.Event{Decoded: true, Provider: "Microsoft-Windows-Hyper-V-VMMS", EventID: 10150, Computer: evil, Message: "0x800423F4 " + strings.Repeat("\xff", 10)},
		nil, &model.Event{},
	)
	events[len(events)-4].Level = model.LevelError
	cl := classify(events)
	for _, l := range i18n.Langs {
		var b bytes.Buffer
		if err := Triage(&b, cl, slices.Values(events), []model.FileReport{{Path: evil, Err: errTest(evil)}, {Path: "x.evtx", RecordsSkipped: 3}}, l); err != nil {
			t.Fatal(err)
		}
		if err := Markdown(&b, cl, slices.Values(events), l); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u202e", "\xff"} {
			if strings.Contains(b.String(), bad) {
				t.Fatalf("%v: output contains %q:\n%s", l, bad, b.String())
			}
		}
	}
	var b bytes.Buffer
	if err := Triage(&b, cl, nil, nil, i18n.JA); err != nil || !strings.Contains(b.String(), lblNoEvents.JA) {
		t.Errorf("empty triage: %v %q", err, b.String())
	}
}

type errTest string

func (e errTest) Error() string { return string(e) }

func TestCatalogEntryAndList(t *testing.T) {
	c := catalog.Builtin()
	for _, l := range i18n.Langs {
		var b bytes.Buffer
		if err := CatalogList(&b, c, l); err != nil {
			t.Fatal(err)
		}
		for _, e := range c.Entries() {
			if !strings.Contains(b.String(), e.ID) || !strings.Contains(b.String(), e.Title.In(l)) {
				t.Errorf("%v: list lacks %s", l, e.ID)
			}
		}
		for _, e := range c.Entries() {
			b.Reset()
			if err := CatalogEntry(&b, c, e.ID, l); err != nil {
				t.Fatal(err)
			}
			for _, s := range []string{e.Verdict.In(l), e.Source.Section} {
				if !strings.Contains(strings.ReplaceAll(b.String(), "\n  ", " "), strings.ReplaceAll(s, "\n", " ")) && !strings.Contains(b.String(), s[:min(len(s), 20)]) {
					t.Errorf("%v %s: entry lacks %q", l, e.ID, s)
				}
			}
		}
		if err := CatalogEntry(&b, c, "no.such", l); err == nil || !strings.Contains(err.Error(), "no.such") {
			t.Errorf("unknown id: %v", err)
		}
	}
	b := new(bytes.Buffer)
	CatalogEntry(b, c, "kb975354.app-backup-truncated", i18n.EN)
	for _, s := range []string{`HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Virtualization\VssRequestor`, "BackupType (REG_DWORD) = 1", "TypeBack-up", "6.1.7600.20542"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("app-backup entry lacks %q", s)
		}
	}
}

// TestJapaneseTriageText: Japanese triage text wraps by line-breaking rules
// (Latin words whole, no line starting with closing punctuation or ー, none
// ending with an opening bracket) and uses full-width parentheses only;
// counts read "1 件", English "1 event" (issue 13 items 13, 14).
func TestJapaneseTriageText(t *testing.T) {
	events := sample()
	events = append(events, mk("Netvsc", 13, 0, "ハイパーブイ01"), mk("VMSMP", 26, time.Hour, "HV02"),
		mk("Microsoft-Windows-Hyper-V-Integration-KvpExchange", 4130, 0, "HV01", "VM1", "6.1.7600.16385", "6.1.7601.17514"), mk("Microsoft-Windows-Winlogon", 6004, time.Hour, "コンピューター名がとても長いホスト", "TermSrv"))
	cl := classify(events)
	var b bytes.Buffer
	if err := Triage(&b, cl, slices.Values(events), []model.FileReport{{Path: "hv01.evtx", Format: "evtx"}}, i18n.JA); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	for i, l := range lines {
		body := strings.TrimLeft(l, " ")
		if body == "" {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(body); strings.ContainsRune("、。）」』ー・：；", r) {
			t.Errorf("line %d starts with %q: %q", i, r, l)
		}
		if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune("（「『", r) {
			t.Errorf("line %d ends with %q: %q", i, r, l)
		}
		if strings.ContainsAny(l, "()") {
			t.Errorf("line %d mixes in half-width parentheses: %q", i, l)
		}
		if strings.Contains(l, ", ") || strings.Contains(l, "; ") {
			t.Errorf("line %d uses a half-width comma or semicolon: %q", i, l)
		}
		if w := linewrap.Width(l); w > textWidth && i > 0 && !strings.HasPrefix(l, "  hv01.evtx") {
			t.Errorf("line %d is %d cells: %q", i, w, l)
		}
		for _, word := range []string{"EventLog", "ハイパーブイ01", "コンピューター", "TermSrv", "TrustedInstaller"} {
			for _, cut := range []string{word[:len(word)/2]} {
				if strings.HasSuffix(l, cut) && i+1 < len(lines) && strings.HasPrefix(strings.TrimLeft(lines[i+1], " "), word[len(cut):]) {
					t.Errorf("%q broken across lines %d and %d", word, i, i+1)
				}
			}
		}
	}
	var en bytes.Buffer
	one := []*model.Event{mk("VMSMP", 26, 0, "HV01")}
	if err := Triage(&en, classify(one), slices.Values(one), []model.FileReport{{Path: "hv01.evtx", Format: "evtx"}}, i18n.EN); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"1 events", "1 files", "1 kinds"} {
		if strings.Contains(en.String(), bad) {
			t.Errorf("English triage says %q:\n%s", bad, en.String())
		}
	}
	if !strings.Contains(en.String(), "1 event from 1 file") {
		t.Errorf("English triage lacks '1 event from 1 file':\n%s", en.String())
	}
}

// TestCatalogListLayout: catalog list starts with its first document's
// heading (no blank line), says the event column in the chosen language,
// and starts every title in the same terminal column, Japanese included.
func TestCatalogListLayout(t *testing.T) {
	c := catalog.Builtin()
	for _, l := range i18n.Langs {
		var b bytes.Buffer
		if err := CatalogList(&b, c, l); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if !strings.HasPrefix(out, "# ") {
			t.Errorf("%v: list starts with %q, want its first heading", l, out[:min(len(out), 20)])
		}
		if want := lblAnyID.Fill("0x800423F4").In(l); !strings.Contains(out, want) {
			t.Errorf("%v: list lacks %q", l, want)
		}
		col := -1
		for _, e := range c.Entries() {
			if e.Match != nil && sanitize.Width(entryEvent(e, l)) > 48 {
				continue // longer than the column: it pushes its own title on
			}
			for _, line := range strings.Split(out, "\n") {
				if !strings.HasPrefix(line, e.ID+" ") {
					continue
				}
				i := strings.LastIndex(line, e.Title.In(l))
				if i < 0 {
					t.Fatalf("%v: %s's line lacks its title: %q", l, e.ID, line)
				}
				if w := sanitize.Width(line[:i]); col < 0 {
					col = w
				} else if w != col {
					t.Errorf("%v: %s's title starts at column %d, the others' at %d:\n%s", l, e.ID, w, col, line)
				}
			}
		}
	}
}
