package sanitize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkSafe fails t if out holds anything a terminal could act on.
func checkSafe(t *testing.T, out string, allowNL bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("output is not valid UTF-8: %q", out)
	}
	for i := 0; i < len(out); i++ {
		c := out[i]
		if (c < 0x20 && !(allowNL && c == '\n')) || c == 0x7f {
			t.Fatalf("output has byte %#x at %d: %q", c, i, out)
		}
	}
	for _, r := range out {
		if r >= 0x80 && r <= 0x9f {
			t.Fatalf("output has C1 rune %U: %q", r, out)
		}
		if isBidi(r) {
			t.Fatalf("output has bidi control %U: %q", r, out)
		}
	}
}

func isBidi(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
}

func TestString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clean ascii", "Service Control Manager", "Service Control Manager"},
		{"clean japanese", "サービスは実行中です", "サービスは実行中です"},
		{"clear screen", "a\x1b[2J\x1b[Hb", "a␛[2J␛[Hb"},
		{"OSC 0 title", "\x1b]0;pwned\x07", "␛]0;pwned␇"},
		{"OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIC8=\x1b\\", "␛]52;c;cm0gLXJmIC8=␛\\"},
		{"OSC 8 hyperlink", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "␛]8;;http://evil␛\\click␛]8;;␛\\"},
		{"DCS", "\x1bP1$r0m\x1b\\", "␛P1$r0m␛\\"},
		{"unterminated OSC", "\x1b]2;title without end", "␛]2;title without end"},
		{"CR overwrite", "ok\rFAIL", "ok␍FAIL"},
		{"backspace", "abc\b\b\bxyz", "abc␈␈␈xyz"},
		{"BEL", "ding\a", "ding␇"},
		{"NUL", "a\x00b", "a␀b"},
		{"newline tab", "a\nb\tc", "a␊b␉c"},
		{"DEL", "a\x7fb", "a␡b"},
		{"C1 CSI rune", "a\u009b2Jb", "a⟨9B⟩2Jb"},
		{"C1 OSC rune", "\u009d0;x\u009c", "⟨9D⟩0;x⟨9C⟩"},
		{"raw 0x9B byte", "a\x9b2J", "a\uFFFD2J"},
		{"raw 0x9D byte", "\x9d0;t\x07", "\uFFFD0;t␇"},
		{"invalid utf8", "ok\xff\xfe", "ok\uFFFD\uFFFD"},
		{"truncated utf8", "日\xe6\x9c", "日\uFFFD\uFFFD"},
		{"RLO", "invoice\u202Efdp.exe", "invoice⟨RLO⟩fdp.exe"},
		{"isolates", "\u2066a\u2067b\u2068c\u2069", "⟨LRI⟩a⟨RLI⟩b⟨FSI⟩c⟨PDI⟩"},
		{"marks", "\u200e\u200f\u061c", "⟨LRM⟩⟨RLM⟩⟨ALM⟩"},
		{"embeddings", "\u202a\u202b\u202c\u202d", "⟨LRE⟩⟨RLE⟩⟨PDF⟩⟨LRO⟩"},
		{"line separator", "a\u2028b\u2029", "a⟨LS⟩b⟨PS⟩"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(tt.in)
			if got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkSafe(t, got, false)
			checkSafe(t, Line(tt.in), false)
			checkSafe(t, Multiline(tt.in), true)
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one line", "one line"},
		{"first\r\nsecond", "first␤second"},
		{"first\r\n\r\n\r\nsecond", "first␤second"},
		{"a\tb\t\tc", "a b c"},
		{"a\t\nb", "a␤b"},
		{"lone\rcr", "lone␤cr"},
		{"esc\x1b[31m", "esc␛[31m"},
		{"\n", "␤"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMultiline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\r\nb\nc\rd", "a\nb\nc\nd"},
		{"x\ty", "x    y"},
		{"\x1b]0;t\x07\n\u202e", "␛]0;t␇\n⟨RLO⟩"},
	}
	for _, tt := range tests {
		if got := Multiline(tt.in); got != tt.want {
			t.Errorf("Multiline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLargeField(t *testing.T) {
	var b strings.Builder
	chunk := "data \x1b]52;c;QUJD\x07 \x9b31m \u202e 日本\r\n"
	for b.Len() < 1<<20 {
		b.WriteString(chunk)
	}
	in := b.String()
	checkSafe(t, String(in), false)
	checkSafe(t, Line(in), false)
	checkSafe(t, Multiline(in), true)
	if got := Truncate(Line(in), 80, "…"); Width(got) > 80 {
		t.Errorf("Truncate gave width %d", Width(got))
	}
}

func TestCleanNoAlloc(t *testing.T) {
	for _, s := range []string{"Microsoft-Windows-Hyper-V-VMMS", "仮想マシンを開始しました。"} {
		if n := testing.AllocsPerRun(100, func() { _ = String(s); _ = Line(s); _ = Multiline(s) }); n != 0 {
			t.Errorf("clean %q: %v allocations, want 0", s, n)
		}
		if String(s) != s {
			t.Errorf("clean %q changed", s)
		}
	}
}

func TestWidthTruncate(t *testing.T) {
	tests := []struct {
		in    string
		width int
		tail  string
		want  string
		wantW int
	}{
		{"abcdef", 4, "…", "abc…", 4},
		{"abc", 4, "…", "abc", 3},
		{"日本語テキスト", 7, "…", "日本語…", 7},
		{"日本語テキスト", 6, "…", "日本…", 5},
		{"日本語", 6, "…", "日本語", 6},
		{"abc", 0, "…", "", 0},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.width, tt.tail)
		if got != tt.want || Width(got) != tt.wantW {
			t.Errorf("Truncate(%q, %d) = %q (width %d), want %q (width %d)",
				tt.in, tt.width, got, Width(got), tt.want, tt.wantW)
		}
	}
	if w := Width("日本語"); w != 6 {
		t.Errorf("Width(日本語) = %d, want 6", w)
	}
	if w := Width(String("a\x1b[31mb")); w != len("a␛[31mb")-2 {
		t.Errorf("Width of sanitised escape = %d", w)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]0;t\x07", "\x9b\x9d", "\u202e", "日本\r\n", "\xc2\x9b", "\xe2\x80\xae"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSafe(t, String(s), false)
		checkSafe(t, Line(s), false)
		checkSafe(t, Multiline(s), true)
		if out := String(s); String(out) != out {
			t.Fatalf("String not idempotent on %q", s)
		}
	})
}

func BenchmarkStringClean(b *testing.B) {
	s := "The Hyper-V Virtual Machine Management service started successfully."
	b.ReportAllocs()
	for b.Loop() {
		_ = String(s)
	}
}

func BenchmarkStringDirty(b *testing.B) {
	s := "The service \x1b[31mfailed\x1b[0m\r\nwith error 0x80070005"
	b.ReportAllocs()
	for b.Loop() {
		_ = Line(s)
	}
}

// TestDrop: what the user types or pastes into an input loses exactly the
// runes Unsafe reports (the viewer's filter line and export path use it).
func TestDrop(t *testing.T) {
	tests := []struct{ in, want string }{
		{"src:vmsmp id:32", "src:vmsmp id:32"},
		{"ホスト\x1b[31m名", "ホスト[31m名"},
		{"a\u202eb\u2066c\u2028d\u0085e\x7f", "abcde"},
		{"tab\tand\nnewline", "tabandnewline"},
	}
	for _, tt := range tests {
		if got := Drop(tt.in); got != tt.want {
			t.Errorf("Drop(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.IndexFunc(Drop(tt.in), Unsafe) >= 0 {
			t.Errorf("Drop(%q) keeps an unsafe rune", tt.in)
		}
	}
}

// TestWidthAsTerminalsDraw: widths as terminals draw them, code point by
// code point (see Width); cuts keep clusters whole and never exceed the
// width.
func TestWidthAsTerminalsDraw(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"ｻｰﾋﾞｽ", 5}, // the sound mark has its own cell
		{"ｶﾞ", 2},
		{"👍🏽", 4},       // a skin-tone modifier too
		{"👨\u200d💻", 4}, // a ZWJ sequence as its emojis side by side
		{"👨\u200d👩\u200d👧\u200d👦", 8},
		{"✔\ufe0f", 1}, // a variation selector adds nothing
		{"e\u0301\u0301", 1},
		{"한국어", 6},
		{"\x1b[1mab\x1b[0m", 2},
	} {
		if got := Width(tt.in); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct {
		in    string
		width int
		want  string
	}{
		{"ｻｰﾋﾞｽ半角", 5, "ｻｰﾋﾞ…"},
		{"ｻｰﾋﾞｽ", 4, "ｻｰ…"}, // ﾋﾞ is one cluster of two cells: not split
		{"emoji 👍🏽 and", 8, "emoji …"},
		{"emoji 👍🏽 and", 11, "emoji 👍🏽…"},
		{"a👨\u200d💻bcdef", 5, "a…"}, // the sequence is not split
		{"a👨\u200d💻bcdef", 7, "a👨\u200d💻b…"},
		{"\x1b[1mabcdef\x1b[0m", 4, "\x1b[1mabc…\x1b[0m"},
	} {
		got := Truncate(tt.in, tt.width, "…")
		if got != tt.want || Width(got) > tt.width {
			t.Errorf("Truncate(%q, %d) = %q (width %d), want %q", tt.in, tt.width, got, Width(got), tt.want)
		}
	}
}
