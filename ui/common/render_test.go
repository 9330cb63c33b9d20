package common

import (
	"slices"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestWrapLine(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want []string
	}{
		{"hello world", 20, []string{"hello world"}},
		{"hello world foo", 11, []string{"hello world", "foo"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"- イベントの挿入文字列 4 個はすべて空ではありません", 20, []string{"- イベントの挿入文字", "列 4 個はすべて空で", "はありません"}},
		{"状態コード C000003A は STATUS_OBJECT", 20, []string{"状態コード C000003A", "は STATUS_OBJECT"}},
		{"is STATUS_OBJECT_PATH_NOT_FOUND (no", 20, []string{"is", "STATUS_OBJECT_PATH_N", "OT_FOUND (no"}},
		{"日本語", 1, []string{"日", "本", "語"}},
	}
	for _, tt := range tests {
		got := wrapLine(tt.in, tt.w)
		if !slices.Equal(got, tt.want) {
			t.Errorf("wrapLine(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
		for _, ln := range got {
			if ansi.StringWidth(ln) > max(tt.w, 2) {
				t.Errorf("line %q wider than %d", ln, tt.w)
			}
		}
	}
}
