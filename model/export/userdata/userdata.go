// Package userdata rebuilds the element tree below <UserData> from an
// event's leaves, for the writers that put it back into XML or EVTX.
//
// The readers (model/binxml, model's XML reader) flatten the tree into
// leaves named by their path: "Elem/Child" for an element without child
// elements (its text is the value), "Elem/@attr" for an attribute (before
// the element's children or text). An element with attributes and no
// children gives both its attributes and its own leaf, so
// <Aux ProcessName="Setup.exe"/> is "Aux/@ProcessName" then "Aux" (empty).
//
// Tokens inverts that. Attributes stay attributes of one element, an
// element's leaf after its attributes is that element's text, and a
// repeated attribute starts a new element of that name. Neighbouring leaves
// share the parents their paths agree on (as <A><B/><B/></A>), which is how
// the flattening reads back; two sibling elements of one name that hold only
// children are joined into one, a loss of the flat form itself.
package userdata

import (
	"iter"
	"strings"
	"unicode/utf8"

	"eventlens/model"
)

// Kind is what a Token stands for.
type Kind uint8

// Token kinds.
const (
	Start Kind = iota // an element opens: Name
	Attr              // an attribute of the element just opened: Name, Value
	Text              // the text of the open element: Value
	End               // the open element closes
)

// A Token is one step of the rebuilt tree. Names are valid XML names (see
// Name); Values are the leaves' values as they are.
type Token struct {
	Kind  Kind
	Name  string
	Value string
}

type frame struct {
	raw   string          // the path segment as logged, to compare paths
	attrs map[string]bool // attribute names written (after Name)
	kids  bool            // has a child element: takes no more attributes
}

// Tokens yields the tree described by leaves in document order; every
// Start has its End.
func Tokens(leaves []model.Data) iter.Seq[Token] {
	return func(yield func(Token) bool) {
		var stack []frame
		// closeTo closes the open elements down to depth k.
		closeTo := func(k int) bool {
			for len(stack) > k {
				stack = stack[:len(stack)-1]
				if !yield(Token{Kind: End}) {
					return false
				}
			}
			return true
		}
		// newElement opens elems as a new element, sharing with the open
		// ones the k parents they agree on (never its own last element).
		newElement := func(elems []string, k int) bool {
			k = min(k, len(elems)-1)
			if !closeTo(k) {
				return false
			}
			for _, p := range elems[k:] {
				if n := len(stack); n > 0 {
					stack[n-1].kids = true
				}
				stack = append(stack, frame{raw: p})
				if !yield(Token{Kind: Start, Name: Name(p)}) {
					return false
				}
			}
			return true
		}
		for _, d := range leaves {
			elems := strings.Split(d.Name, "/")
			last := elems[len(elems)-1]
			isAttr := len(elems) > 1 && len(last) > 1 && last[0] == '@'
			if isAttr {
				elems = elems[:len(elems)-1]
			}
			k := 0
			for k < len(stack) && k < len(elems) && stack[k].raw == elems[k] {
				k++
			}
			full := k == len(elems) && len(stack) == len(elems)
			if isAttr {
				name := attrName(last[1:])
				if (!full || stack[k-1].kids || stack[k-1].attrs[name]) && !newElement(elems, k) {
					return
				}
				top := &stack[len(stack)-1]
				if top.attrs == nil {
					top.attrs = map[string]bool{}
				}
				top.attrs[name] = true
				if !yield(Token{Kind: Attr, Name: name, Value: d.Value}) {
					return
				}
				continue
			}
			if full && !stack[k-1].kids {
				// The text of the element its attributes opened.
				stack[k-1].kids = true
				if !yield(Token{Kind: Text, Value: d.Value}) || !closeTo(k-1) {
					return
				}
				continue
			}
			if !newElement(elems, k) || !yield(Token{Kind: Text, Value: d.Value}) || !closeTo(len(stack)-1) {
				return
			}
		}
		closeTo(0)
	}
}

// attrName is Name for an attribute: "xmlns" (and, after Name, any
// "xmlns:p") would declare a namespace rather than carry a value, so it
// gets a leading '_'.
func attrName(s string) string {
	n := Name(s)
	if n == "xmlns" {
		return "_xmlns"
	}
	return n
}

// Name makes s a valid XML name that every reader accepts (python-evtx
// allows fewer than XML does): ASCII letters, digits, '_', '-' and '.' stay;
// any other character becomes '_', as does a leading digit, '-' or '.'; an
// empty name is "_". Names from real logs are unchanged; a hostile one is
// replaced the same way every time.
func Name(s string) string {
	if s == "" {
		return "_"
	}
	ok := true
	for i := 0; i < len(s) && ok; i++ {
		ok = nameByte(s[i], i == 0)
	}
	if ok {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		c := byte('_')
		if r < utf8.RuneSelf && nameByte(byte(r), i == 0) {
			c = byte(r)
		}
		out = append(out, c)
		i += n
	}
	return string(out)
}

func nameByte(c byte, first bool) bool {
	if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' {
		return true
	}
	return !first && ('0' <= c && c <= '9' || c == '-' || c == '.')
}
