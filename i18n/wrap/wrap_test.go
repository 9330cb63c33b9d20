package wrap

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestLines(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		width int
		want  []string
	}{
		{"fits", "Harmless.", 20, []string{"Harmless."}},
		{"english words whole", "The Virtual Disk Service cannot get the path", 16,
			[]string{"The Virtual Disk", "Service cannot", "get the path"}},
		{"spaces at the break dropped", "aaa    bbb", 5, []string{"aaa", "bbb"}},
		{"newline kept", "one\ntwo three", 20, []string{"one", "two three"}},
		{"latin word after a full-width bracket stays whole", "ソース（EventLog）です", 12,
			[]string{"ソース", "（EventLog）", "です"}},
		{"katakana word whole", "名前はコンピューターです", 14, []string{"名前は", "コンピューター", "です"}},
		{"katakana and digits whole", "名前はハイパーブイ01です", 15, []string{"名前は", "ハイパーブイ01", "です"}},
		{"no line starts with 、or 。", "あいうえお、かきくけこ。", 10, []string{"あいうえ", "お、かきく", "けこ。"}},
		{"no line ends with an opening bracket", "あいう「えお」", 8, []string{"あいう", "「えお」"}},
		{"prolonged sound mark never starts a line", "あいうえーお", 8, []string{"あいう", "えーお"}},
		{"mixed", "VMSMP 26 のネットワーク ドライバー", 12, []string{"VMSMP 26 の", "ネットワーク", "ドライバー"}},
		{"too long word is cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"leading indent kept", "  two words", 7, []string{"  two", "words"}},
		{"zero width", "", 10, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Lines(tt.s, tt.width)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Lines(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
			}
			for _, l := range got {
				if Width(l) > tt.width {
					t.Errorf("line %q is %d cells, over %d", l, Width(l), tt.width)
				}
			}
		})
	}
}

func TestIndent(t *testing.T) {
	got := Indent("    Why: the loaded logs cannot show whether this holds.", 24, "      ")
	want := "    Why: the loaded logs\n      cannot show\n      whether this\n      holds."
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// FuzzLines: no line is wider than asked unless a single character is, and
// no text is lost (other than spaces at breaks).
func FuzzLines(f *testing.F) {
	f.Add("仮想マシン 'SQL01' の起動（EventLog 6005）に失敗しました。", 10)
	f.Add("a b c", 1)
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width < 2 || width > 200 || !utf8.ValidString(s) || strings.IndexFunc(s, unicode.IsControl) >= 0 {
			return // the input is sanitised text
		}
		got := Lines(s, width)
		strip := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
		if strip(strings.Join(got, "")) != strip(s) {
			t.Fatalf("text changed: %q -> %q", s, got)
		}
	})
}
