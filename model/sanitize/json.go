package sanitize

import (
	"io"
	"unicode/utf8"
)

// AppendJSON appends the JSON text src to dst with every rune String would
// replace escaped as \uXXXX, except the newline that ends a JSON Lines
// record. encoding/json already escapes C0 controls; this adds DEL, C1
// controls, bidi controls and line separators, which it writes raw, so the
// output stays valid JSON, decodes to the same values, and cannot drive a
// terminal it is printed on. src must be encoding/json output (such runes
// then occur only inside strings).
func AppendJSON(dst, src []byte) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(src); {
		c := src[i]
		if c >= 0x20 && c < 0x7f || c == '\n' {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		if (r == utf8.RuneError && n == 1) || !Unsafe(r) || r > 0xffff {
			dst = append(dst, src[i:i+n]...)
			i += n
			continue
		}
		dst = append(dst, '\\', 'u', hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15])
		i += n
	}
	return dst
}

// JSONWriter escapes, as AppendJSON does, what json.Encoder writes to w.
// Each Write must hold whole runes, as json.Encoder's writes (one whole
// value each) do.
type JSONWriter struct {
	w   io.Writer
	buf []byte
}

// NewJSONWriter returns a JSONWriter writing to w.
func NewJSONWriter(w io.Writer) *JSONWriter { return &JSONWriter{w: w} }

func (j *JSONWriter) Write(p []byte) (int, error) {
	j.buf = AppendJSON(j.buf[:0], p)
	if _, err := j.w.Write(j.buf); err != nil {
		return 0, err
	}
	return len(p), nil
}
