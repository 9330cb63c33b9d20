package catalog

import (
	"strings"
	"testing"
)

// TestCheckReportsEverything checks that a wrong type or an unknown key is
// reported with the other errors, each once: nothing hides another, and
// what a bad value leaves missing is not reported again.
func TestCheckReportsEverything(t *testing.T) {
	tests := []struct {
		name string
		edit [][2]string // replacements in goodUser
		want []string    // every line of the error, after "mine.yaml:"
	}{
		{"type, unknown key and class", [][2]string{
			{"event_id: 1", "event_id: seven"},
			{"class: harmless", "class: fine\n    verdikt: x"},
		}, []string{
			`10: entries[0].match.event_id: wrong type: want a whole number from 0 to 65535`,
			`13: entries[0].class: want harmless, update, conditional or known-issue, got "fine"`,
			`14: entries[0]: unknown field "verdikt"`,
		}},
		{"overflow and a missing language", [][2]string{
			{"event_id: 1", "event_id: 70000"},
			{"nl: Niets., ", ""},
		}, []string{
			`10: entries[0].match.event_id: 70000 is out of range: want a whole number from 0 to 65535`,
			`18: entries[0].remedy.nl: missing text (every text needs ja, nl and en)`,
		}},
		{"text given as a plain string", [][2]string{
			{"title: {ja: フー, nl: Foo, en: Foo}", "title: Foo"},
			{"level: warning", "level: [warning]"},
		}, []string{
			`6: entries[0].title: wrong type: want a mapping of keys to values`,
			`11: entries[0].level: wrong type: want text`,
		}},
		{"bad list items", [][2]string{
			{"        - name: Foo\n", "        - Foo\n        - name: Bar\n          colour: red\n"},
			{"applies_to: {role: guest}", "applies_to: {role: guest, os: 2008}"},
		}, []string{
			`9: entries[0].match.providers[0]: wrong type: want a mapping of keys to values`,
			`10: entries[0].match.providers[1].why.ja: missing text (every text needs ja, nl and en)`,
			`11: entries[0].match.providers[1]: unknown field "colour"`,
			`14: entries[0].applies_to.os: wrong type: want a list`,
		}},
		{"unknown top-level key and a bad document", [][2]string{
			{"document:\n  id: my-notes\n", "documnet: x\ndocument:\n  id: My Notes\n  url: [a]\n"},
		}, []string{
			`1: unknown field "documnet"`,
			`3: document.id: want a lower-case id such as nec-hyperv-2011, got "My Notes"`,
			`4: document.url: wrong type: want text`,
		}},
		{"an entry that is no mapping", [][2]string{
			{"entries:\n", "entries:\n  - 42\n"},
		}, []string{
			`5: entries[0]: wrong type: want a mapping of keys to values`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := goodUser
			for _, r := range tt.edit {
				if !strings.Contains(src, r[0]) {
					t.Fatalf("goodUser lacks %q", r[0])
				}
				src = strings.Replace(src, r[0], r[1], 1)
			}
			p := writeTemp(t, "mine.yaml", src)
			err := Check(p)
			if err == nil {
				t.Fatal("no error")
			}
			var got []string
			for _, l := range strings.Split(err.Error(), "\n") {
				got = append(got, strings.TrimPrefix(l, p+":"))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if _, err := Load(p); err == nil {
				t.Error("Load accepted what Check rejected")
			}
		})
	}
}
