package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"eventlens/i18n"
	"eventlens/model"
)

func TestBuiltinLoads(t *testing.T) {
	c, err := builtin()
	if err != nil {
		t.Fatal(err)
	}
	// The NEC note lists 12 events (7 host, 5 guest); KB975354 has 4 problems.
	if got := len(c.Entries()); got != 16 {
		t.Errorf("built-in entries = %d, want 16", got)
	}
	want := []string{
		"nec.vmsmp-26", "nec.storvsp-5", "nec.vmsmp-27", "nec.storvsp-6", "nec.vmsmp-32",
		"nec.winlogon-6004", "nec.kvp-4130", "nec.vds-1", "nec.netvsc-13",
		"nec.eventsystem-4098", "nec.eventsystem-4106", "nec.scm-7005",
		"kb975354.iscsi-0x800423f4", "kb975354.csv-parallel-backup",
		"kb975354.app-backup-truncated", "kb975354.restore-snapshots",
	}
	for _, id := range want {
		if c.Entry(id) == nil {
			t.Errorf("entry %s missing", id)
		}
	}
	if got := BuiltinFiles(); !reflect.DeepEqual(got, []string{"kb975354.yaml", "nec-hyperv-2011.yaml"}) {
		t.Errorf("BuiltinFiles = %v", got)
	}
}

// TestEveryTextInEveryLanguage walks every entry with reflection, so a text
// field added later is covered too.
func TestEveryTextInEveryLanguage(t *testing.T) {
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(path+"["+itoa(i)+"]", v.Index(i))
			}
		case reflect.Struct:
			if txt, ok := v.Interface().(i18n.Text); ok {
				if txt != (i18n.Text{}) && !txt.Complete() {
					t.Errorf("%s: incomplete text %+v", path, txt)
				}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				if !f.IsExported() || f.Name == "Document" {
					continue
				}
				walk(path+"."+f.Name, v.Field(i))
			}
		}
	}
	for _, e := range Builtin().Entries() {
		walk(e.ID, reflect.ValueOf(e))
		for name, txt := range map[string]i18n.Text{
			"title": e.Title, "occurs": e.Occurs, "explanation": e.Explanation,
			"verdict": e.Verdict, "remedy": e.Remedy,
		} {
			if !txt.Complete() {
				t.Errorf("%s.%s: required text incomplete", e.ID, name)
			}
		}
		if _, ok := e.EventID(); ok && !e.Message.Complete() {
			t.Errorf("%s: message template incomplete", e.ID)
		}
		if e.Confidence != "high" && !e.Note.Complete() {
			t.Errorf("%s: confidence %s without a note", e.ID, e.Confidence)
		}
		walk(e.ID+".Document", reflect.ValueOf(e.Document))
	}
	for name, txt := range allTexts() {
		if err := txt.Check(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, c := range model.Classes {
		for _, l := range i18n.Langs {
			if ClassLabel(c, l) == "" || ClassDescription(c, l) == "" {
				t.Errorf("class %v has no label in %v", c, l)
			}
		}
	}
}

// TestTemplatesSameInsertions checks that every language of a message
// template uses the same insertion strings.
func TestTemplatesSameInsertions(t *testing.T) {
	for _, e := range Builtin().Entries() {
		if e.Message == (i18n.Text{}) {
			continue
		}
		set := func(s string) string {
			var ns []string
			for n := 1; n <= 99; n++ {
				if strings.Contains(s, "%"+itoa(n)) {
					ns = append(ns, itoa(n))
				}
			}
			return strings.Join(ns, ",")
		}
		en := set(e.Message.EN)
		if set(e.Message.JA) != en || set(e.Message.NL) != en {
			t.Errorf("%s: insertion strings differ: ja %s nl %s en %s", e.ID, set(e.Message.JA), set(e.Message.NL), en)
		}
		if n := maxInsertion(e.Message.EN); len(e.Insertion.Names) != n {
			t.Errorf("%s: %d insertion names for a template using %%%d", e.ID, len(e.Insertion.Names), n)
		}
	}
}

const goodUser = `document:
  id: my-notes
  title: {ja: メモ, nl: Notities, en: Notes}
entries:
  - id: my.foo-1
    title: {ja: フー, nl: Foo, en: Foo}
    match:
      providers:
        - name: Foo
      event_id: 1
    level: warning
    applies_to: {role: guest}
    class: harmless
    message: {ja: "フー %1", nl: "Foo %1", en: "Foo %1"}
    occurs: {ja: 起動時, nl: Bij het starten., en: At start.}
    explanation: {ja: 説明, nl: Uitleg., en: Explanation.}
    verdict: {ja: 問題なし, nl: Onschuldig., en: Harmless.}
    remedy: {ja: 不要, nl: Niets., en: Nothing.}
    source: {section: our runbook}
    confidence: high
`

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestUserCatalog(t *testing.T) {
	p := writeTemp(t, "mine.yaml", goodUser)
	if err := Check(p); err != nil {
		t.Fatal(err)
	}
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries()) != 17 || c.Entry("my.foo-1") == nil || c.Entry("nec.vmsmp-26") == nil {
		t.Fatalf("entries: %d", len(c.Entries()))
	}
	ev := mk("foo", 1, 0, "H", "bar")
	cl := c.NewClassification()
	cl.Classify([]*model.Event{ev})
	if ev.Class != model.ClassHarmless || ev.CatalogID != "my.foo-1" {
		t.Fatalf("user entry not matched: %v %q", ev.Class, ev.CatalogID)
	}
	if got := c.Message(ev, i18n.NL); got != "Foo bar [volgorde van invoegtekenreeksen onbevestigd]" {
		t.Errorf("message %q", got)
	}

	// A user entry with a built-in ID replaces the built-in one.
	override := strings.Replace(goodUser, "my.foo-1", "nec.vmsmp-26", 1)
	override = strings.Replace(override, "name: Foo", "name: VMSMP", 1)
	override = strings.Replace(override, "event_id: 1", "event_id: 26", 1)
	c, err = Load(writeTemp(t, "override.yaml", override))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Entries()) != 16 || c.Entry("nec.vmsmp-26").Verdict.EN != "Harmless." {
		t.Errorf("override not applied")
	}
	ev = mk("VMSMP", 26, 0, "H")
	cl = c.NewClassification()
	cl.Classify([]*model.Event{ev})
	if ev.Class != model.ClassHarmless {
		t.Errorf("override class %v", ev.Class)
	}
}

func TestCatalogErrors(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(string) string
		want    string // substring of the error, including line and field
		wantErr bool
	}{
		{"unknown field", func(s string) string {
			return strings.Replace(s, "    confidence: high\n", "    confidence: high\n    verdikt: oops\n", 1)
		}, ":21:", true},
		{"missing language", func(s string) string {
			return strings.Replace(s, "remedy: {ja: 不要, nl: Niets., en: Nothing.}", "remedy: {ja: 不要, en: Nothing.}", 1)
		}, "mine.yaml:18: entries[0].remedy.nl: missing text", true},
		{"bad class", func(s string) string { return strings.Replace(s, "class: harmless", "class: fine", 1) }, "mine.yaml:13: entries[0].class: want harmless", true},
		{"attention is decided, not declared", func(s string) string { return strings.Replace(s, "class: harmless", "class: attention", 1) }, "entries[0].class", true},
		{"bad level", func(s string) string { return strings.Replace(s, "level: warning", "level: loud", 1) }, "mine.yaml:11: entries[0].level", true},
		{"duplicate id", func(s string) string {
			i := strings.Index(s, "  - id: my.foo-1")
			return s + s[i:]
		}, "entries[1].id: duplicate id", true},
		{"conditional without condition", func(s string) string { return strings.Replace(s, "class: harmless", "class: conditional", 1) }, "entries[0].condition: class conditional needs a condition", true},
		{"bad check", func(s string) string {
			return strings.Replace(s, "class: harmless", "class: conditional\n    condition:\n      check: magic\n      text: {ja: あ, nl: a, en: a}", 1)
		}, "mine.yaml:15: entries[0].condition.check", true},
		{"syntax", func(s string) string { return strings.Replace(s, "title: {ja: フー", "title: {ja: [フー", 1) }, "mine.yaml:", true},
		{"type", func(s string) string { return strings.Replace(s, "event_id: 1", "event_id: seven", 1) }, "mine.yaml:10", true},
		{"event id overflow", func(s string) string { return strings.Replace(s, "event_id: 1", "event_id: 70000", 1) }, "mine.yaml:10", true},
		{"match without id or code", func(s string) string { return strings.Replace(s, "      event_id: 1\n", "", 1) }, "entries[0].match: needs event_id or error_codes", true},
		{"bad error code", func(s string) string {
			return strings.Replace(s, "      event_id: 1\n", "      error_codes: [\"0xZZ\"]\n", 1)
		}, "entries[0].match.error_codes[0]", true},
		{"control character", func(s string) string { return strings.Replace(s, "en: Nothing.", "en: \"Nothing\\x1b[31m\"", 1) }, "entries[0].remedy.en: control", true},
		{"unknown related", func(s string) string {
			return strings.Replace(s, "    confidence: high\n", "    confidence: high\n    related: [nope]\n", 1)
		}, "related: unknown entry \"nope\"", true},
		{"empty file", func(string) string { return "" }, "mine.yaml:1:", true},
		{"alias of a provider without why", func(s string) string {
			return strings.Replace(s, "        - name: Foo\n", "        - name: Foo\n        - name: Bar\n", 1)
		}, "entries[0].match.providers[1].why.ja", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeTemp(t, "mine.yaml", tt.edit(goodUser))
			err := Check(p)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "mine.yaml") {
				t.Fatalf("error %q does not contain %q", err, tt.want)
			}
			if _, err := Load(p); err == nil {
				t.Fatal("Load accepted what Check rejected")
			}
		})
	}
	if err := Check(filepath.Join(t.TempDir(), "missing.yaml")); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing file: %v", err)
	}
}
