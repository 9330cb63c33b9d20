package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestWrap checks what Wrap adds to i18n/wrap: untrusted text is
// sanitised, its own line breaks kept, and no line is wider than asked.
func TestWrap(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want int // lines
	}{
		{"hello world", 20, 1},
		{"hello world foo", 11, 2},
		{"a\r\nb\n\nc", 20, 4},
		{"\x1b[31mred\x1b[0m \u202eevil", 40, 1},
		{"- イベントの挿入文字列 4 個はすべて空ではありません", 20, 3},
	}
	for _, tt := range tests {
		got := Wrap(tt.in, tt.w)
		if len(got) != tt.want {
			t.Errorf("Wrap(%q, %d) = %q, want %d lines", tt.in, tt.w, got, tt.want)
		}
		for _, ln := range got {
			if ansi.StringWidth(ln) > tt.w || strings.ContainsAny(ln, "\x1b\u202e") {
				t.Errorf("Wrap(%q, %d): line %q too wide or unsafe", tt.in, tt.w, ln)
			}
		}
	}
}
