package keymap

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"eventlens/i18n"
)

// readmeName is how README writes the keys bubbletea names in words.
var readmeName = map[string]string{
	"up": "↑", "down": "↓", "left": "←", "right": "→",
	"pgup": "PgUp", "pgdown": "PgDn", "home": "Home", "end": "End",
	"enter": "Enter", "esc": "Esc", "space": "Space", "tab": "Tab",
}

// readmeKeys returns the first column of each row of README's Keys table,
// split into the keys it names: `x` spans are one key each (so `/` is a
// key), `1`–`6` is a range, and the rest is split at spaces, commas and
// slashes (↑/k, Esc / q).
func readmeKeys(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n### Keys\n")
	if i < 0 {
		t.Fatal("README has no ### Keys section")
	}
	s = s[i+1:]
	if j := strings.Index(s, "\n#"); j >= 0 {
		s = s[:j]
	}
	span := regexp.MustCompile("`([^`]+)`")
	rangeRe := regexp.MustCompile("`(.)`–`(.)`")
	var rows [][]string
	for _, line := range strings.Split(s, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") || strings.TrimSpace(cells[1]) == "Key" {
			continue
		}
		col := cells[1]
		var keys []string
		for _, m := range rangeRe.FindAllStringSubmatch(col, -1) {
			for r := m[1][0]; r <= m[2][0]; r++ {
				keys = append(keys, string(r))
			}
		}
		col = rangeRe.ReplaceAllString(col, " ")
		for _, m := range span.FindAllStringSubmatch(col, -1) {
			keys = append(keys, m[1])
		}
		col = span.ReplaceAllString(col, " ")
		keys = append(keys, strings.FieldsFunc(col, func(r rune) bool {
			return r == ' ' || r == ',' || r == '/'
		})...)
		rows = append(rows, keys)
	}
	if len(rows) == 0 {
		t.Fatal("README's Keys table has no rows")
	}
	return rows
}

// readmeForm is how README writes key k ("" when README need not name it:
// shift+x is the same key as X).
func readmeForm(k string) string {
	if strings.HasPrefix(k, "shift+") {
		return ""
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return "Ctrl+" + strings.ToUpper(c)
	}
	if n, ok := readmeName[k]; ok {
		return n
	}
	return k
}

// TestReadmeKeys keeps README's Keys table and the key map in step: every
// key of every binding is in the table's first column, on one row with the
// binding's other keys, and every key the column names is bound.
func TestReadmeKeys(t *testing.T) {
	rows := readmeKeys(t)
	bound := map[string]bool{}
	km := reflect.ValueOf(New(i18n.EN))
	for i := range km.NumField() {
		b, ok := km.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		name := km.Type().Field(i).Name
		var want []string
		for _, k := range b.Keys() {
			if f := readmeForm(k); f != "" {
				want = append(want, f)
				bound[f] = true
			}
		}
		if !slices.ContainsFunc(rows, func(row []string) bool {
			for _, k := range want {
				if !slices.Contains(row, k) {
					return false
				}
			}
			return true
		}) {
			t.Errorf("README's Keys table has no row naming %s's keys %q", name, want)
		}
	}
	named := map[string]bool{}
	for _, n := range readmeName {
		named[n] = true
	}
	for _, row := range rows {
		for _, k := range row {
			keyLike := len([]rune(k)) == 1 || named[k] || strings.HasPrefix(k, "Ctrl+")
			if keyLike && !bound[k] {
				t.Errorf("README's Keys table names %q, which no binding of the list has", k)
			}
		}
	}
}
