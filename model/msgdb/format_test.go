package msgdb

import (
	"strconv"
	"testing"
)

func TestRenderLikeFormatMessage(t *testing.T) {
	args := []string{"Spooler", "running", "-1", "255", "0x1F", "%%1842", "3.5"}
	tests := []struct {
		name, tmpl, want string
	}{
		{"insertions", "The %1 service entered the %2 state.", "The Spooler service entered the running state."},
		{"newline tab percent", "a%nb%tc 100%% %. %! % x", "a\nb\tc 100% . !  x"},
		{"carriage return", "a%rb", "a\rb"},
		{"end of message", "kept%0dropped %1", "kept"},
		{"trailing CRLF trimmed", "line one\r\nline two\r\n", "line one\nline two"},
		{"missing insertion left as written", "%1 and %9 and %12!d!", "Spooler and %9 and %12!d!"},
		{"two digits at most", "%123", "%123"},
		{"string width", "[%1!10s!] [%1!-10s!] [%1!.3s!]", "[   Spooler] [Spooler   ] [Spo]"},
		{"signed decimal", "%3!d! %4!i! %5!d!", "-1 255 31"},
		{"unsigned of negative", "%3!u! %3!I64u!", "4294967295 18446744073709551615"},
		{"hex", "%4!x! %4!X! %4!08x! %4!#x! %5!lx!", "ff FF 000000ff 0xff 1f"},
		{"octal", "%4!o!", "377"},
		{"not a number", "%1!d!", "Spooler"},
		{"float", "%7!.2f!", "3.50"},
		{"char", "%1!c!", "S"},
		{"unknown conversion inserts as is", "%1!q!", "Spooler"},
		{"star width inserts as is", "%1!*s!", "Spooler"},
		{"huge width refused", "%1!99999999s!", "Spooler"},
		{"unterminated format", "%1!s", "Spooler!s"},
		{"percent at end", "50%", "50%"},
		{"parameter string", "Level %6", "Level <1842>"},
	}
	param := func(v string) string {
		if n, ok := parameterID(v); ok {
			return "<" + strconv.FormatInt(n, 10) + ">"
		}
		return v
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(tt.tmpl).render(args, param)
			if got != tt.want {
				t.Errorf("render(%q) = %q, want %q", tt.tmpl, got, tt.want)
			}
		})
	}
}

func TestParameterID(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"%%1842", 1842, true},
		{"%%", 0, false},
		{"%%12a", 0, false},
		{"1842", 0, false},
		{"%%99999999999", 0, false},
	}
	for _, tt := range tests {
		n, ok := parameterID(tt.in)
		if n != tt.want || ok != tt.ok {
			t.Errorf("parameterID(%q) = %d, %v; want %d, %v", tt.in, n, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"%1!s! %n%t%%", "%1!-08.3I64x!", "%0", "%99!", "%1!*.*s!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := parse(s).render([]string{"a", "-5", "0x10"}, nil)
		// A specifier's width and precision have at most three digits
		// (parse refuses more), so one of 8 bytes ("%1!999s!") may give
		// 999: the output stays within a fixed factor of the input.
		if len(out) > 128*len(s)+64 {
			t.Fatalf("render(%q) grew to %d bytes", s, len(out))
		}
	})
}
