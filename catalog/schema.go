package catalog

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"eventlens/i18n/reason"
)

// schema checks a file's YAML node tree against the Go types it decodes
// into, before decoding, so that an unknown key or a value of the wrong
// type is one error among the others instead of the end of the check
// (the decoder stops at its first). Each bad node is cut from the tree —
// a key dropped, a list item made null — and its path remembered, so the
// validator stays silent about what the cut leaves missing.
type schema struct {
	name string
	errs []*Error
	cut  map[string]bool // paths of the nodes removed
}

// walk checks n, found at path, against t. It returns false when n does
// not fit t; the caller then cuts it.
func (s *schema) walk(path string, n ast.Node, t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch m := n.(type) {
	case nil, *ast.NullNode, *ast.AliasNode, *ast.MergeKeyNode:
		return true // null is the zero value; aliases are left to the decoder
	case *ast.AnchorNode:
		return s.walk(path, m.Value, t)
	case *ast.TagNode:
		return s.walk(path, m.Value, t)
	}
	switch t.Kind() {
	case reflect.Struct:
		return s.mapping(path, n, t)
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			return s.wrong(path, n, t)
		}
		for i, item := range seq.Values {
			p := fmt.Sprintf("%s[%d]", path, i)
			if !s.walk(p, item, t.Elem()) {
				s.cut[p] = true
				seq.Values[i] = ast.Null(token.New("null", "null", item.GetToken().Position))
			}
		}
		return true
	case reflect.String:
		switch n.(type) {
		case *ast.MappingNode, *ast.MappingValueNode, *ast.SequenceNode:
			return s.wrong(path, n, t)
		}
		return true
	case reflect.Bool:
		if _, ok := n.(*ast.BoolNode); !ok {
			return s.wrong(path, n, t)
		}
		return true
	case reflect.Int, reflect.Uint16:
		return s.integer(path, n, t)
	}
	return true // a type the catalog does not use: the decoder judges it
}

// mapping checks a mapping against struct type t: every key must name a
// field, and every value must fit its field.
func (s *schema) mapping(path string, n ast.Node, t reflect.Type) bool {
	var pairs []*ast.MappingValueNode
	var keep func([]*ast.MappingValueNode)
	switch m := n.(type) {
	case *ast.MappingNode:
		pairs, keep = m.Values, func(v []*ast.MappingValueNode) { m.Values = v }
	case *ast.MappingValueNode:
		// A one-key mapping may come as its single pair; a pair that has
		// to go leaves an empty mapping, which decodes as the zero value.
		pairs, keep = []*ast.MappingValueNode{m}, func(v []*ast.MappingValueNode) {
			if len(v) == 0 {
				m.Value = ast.Null(token.New("null", "null", m.GetToken().Position))
			}
		}
	default:
		return s.wrong(path, n, t)
	}
	fields := yamlFields(t)
	kept := pairs[:0:0]
	for _, kv := range pairs {
		key := kv.Key.String()
		if sk, ok := kv.Key.(*ast.StringNode); ok {
			key = sk.Value
		}
		if _, ok := kv.Key.(*ast.MergeKeyNode); ok {
			kept = append(kept, kv)
			continue
		}
		p := join(path, key)
		f, ok := fields[key]
		if !ok {
			s.fail(path, kv.Key, reason.New(reason.CatUnknownField, strconv.Quote(key)))
			s.cut[p] = true
			continue
		}
		if !s.walk(p, kv.Value, f.Type) {
			s.cut[p] = true
			continue
		}
		kept = append(kept, kv)
	}
	if len(kept) != len(pairs) {
		keep(kept)
	}
	return true
}

// integer checks a whole number against t's range.
func (s *schema) integer(path string, n ast.Node, t reflect.Type) bool {
	in, ok := n.(*ast.IntegerNode)
	if !ok {
		return s.wrong(path, n, t)
	}
	lo, hi := int64(math.MinInt), uint64(math.MaxInt)
	if t.Kind() == reflect.Uint16 {
		lo, hi = 0, math.MaxUint16
	}
	fits := false
	switch v := in.Value.(type) {
	case int64:
		fits = v >= lo && (v < 0 || uint64(v) <= hi)
	case uint64:
		fits = v <= hi
	}
	if !fits {
		s.fail(path, n, reason.New(reason.CatOutOfRange, in.Token.Value).With(kindName(t)))
	}
	return fits
}

func (s *schema) wrong(path string, n ast.Node, t reflect.Type) bool {
	s.fail(path, n, reason.New(reason.CatWrongType).With(kindName(t)))
	return false
}

func (s *schema) fail(path string, n ast.Node, why reason.Reason) {
	line := 0
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		line = tk.Position.Line
	}
	if len(s.errs) < maxErrors {
		s.errs = append(s.errs, &Error{File: s.name, Line: line, Field: path, Why: why})
	}
}

// yamlFields maps the YAML keys of struct type t to its fields, named as
// the decoder names them: the yaml tag, else the lower-cased field name.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	m := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = strings.ToLower(f.Name)
		}
		m[name] = f
	}
	return m
}

// join appends key to a YAML path ("entries[0]" + "match").
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// under reports whether field is a cut path or lies beneath one.
func (s *schema) under(field string) bool {
	if s == nil {
		return false
	}
	for p := field; p != ""; {
		if s.cut[p] {
			return true
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return false
}
