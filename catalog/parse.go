package catalog

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"eventlens/i18n"
	"eventlens/i18n/reason"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// Error is a problem in a catalog file, with its position.
type Error struct {
	File  string
	Line  int    // 1-based; 0 when unknown
	Field string // YAML path of the field, e.g. "entries[2].verdict.nl"
	// Msg is a library's or the system's own words (a YAML syntax error,
	// a read error), said as they are; empty when Why says the problem.
	Msg string
	// Why is the problem as a reason, which i18n says in every language.
	Why reason.Reason
}

// Error returns the message, sanitised: a file name, key or value from the
// file can carry terminal controls, and catalog check prints them.
func (e *Error) Error() string { return e.In(i18n.EN) }

// In is the message in l, sanitised: Why said in l (i18n.SayError finds
// it), or Msg as it is.
func (e *Error) In(l i18n.Lang) string {
	msg := e.Msg
	if !e.Why.IsZero() {
		msg = i18n.Say(e.Why, l)
	}
	return sanitize.String(e.text(msg))
}

func (e *Error) text(msg string) string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(msg)
	return b.String()
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// parse decodes and validates one catalog file. Unknown fields are errors,
// so a misspelt key never silently drops a sentence.
func parse(name string, src []byte) ([]*Entry, error) {
	if err := checkBounds(name, src); err != nil {
		return nil, err
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	if len(f.Docs) != 1 || f.Docs[0].Body == nil {
		return nil, &Error{File: name, Line: 1, Why: reason.New(reason.CatOneDocument)}
	}
	// Check the node tree first and cut what does not fit, so that the
	// decoder (which stops at its first error) only sees what it can take.
	s := schema{name: name, cut: map[string]bool{}}
	s.walk("", f.Docs[0].Body, reflect.TypeFor[file]())
	var doc file
	if err := yaml.NodeToValue(f.Docs[0].Body, &doc, yaml.DisallowUnknownField()); err != nil {
		return nil, errors.Join(append(errs(s.errs), yamlError(name, err))...)
	}
	v := validator{name: name, file: f, schema: &s}
	v.errs = errs(s.errs)
	v.check(&doc)
	sortByLine(v.errs)
	for i, e := range doc.Entries {
		if e == nil {
			continue
		}
		e.Document = doc.Document
		e.File = name
		e.Line = v.line(fmt.Sprintf("entries[%d]", i))
	}
	if len(v.errs) > 0 {
		// The entries go back too, so that Check can go on looking.
		return doc.Entries, errors.Join(v.errs...)
	}
	return doc.Entries, nil
}

// Limits checked before a catalog file is parsed: the YAML parser's cost
// grows with the square of the nesting depth (200 KB of "[" took 4.9 GB).
// Our catalogs are under 100 KB and nest five levels.
const (
	maxCatalogBytes = 4 << 20
	maxFlowDepth    = 32  // open [ and { at once
	maxIndent       = 200 // leading spaces and "- " / "? " indicators of a line
)

// tooLarge is the error of a catalog file larger than maxCatalogBytes.
func tooLarge(name string) error {
	return &Error{File: name, Why: reason.New(reason.TooLarge, strconv.Itoa(maxCatalogBytes>>20))}
}

// checkBounds refuses a file that is too large or nested too deeply, from a
// plain scan of its bytes. Brackets inside quoted text count too; that only
// matters for text holding more than maxFlowDepth unclosed brackets.
func checkBounds(name string, src []byte) error {
	if len(src) > maxCatalogBytes {
		return tooLarge(name)
	}
	line, depth, lineStart := 1, 0, true
	indent := 0
	for _, c := range src {
		if lineStart {
			if c == ' ' || c == '-' || c == '?' || c == '\t' {
				if indent++; indent > maxIndent {
					return &Error{File: name, Line: line, Why: reason.New(reason.CatTooDeep, strconv.Itoa(maxIndent))}
				}
				continue
			}
			lineStart = false
		}
		switch c {
		case '\n':
			line++
			lineStart, indent = true, 0
		case '[', '{':
			if depth++; depth > maxFlowDepth {
				return &Error{File: name, Line: line, Why: reason.New(reason.CatTooManyBrackets, strconv.Itoa(maxFlowDepth))}
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return nil
}

func yamlError(name string, err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return &Error{File: name, Msg: err.Error()}
	}
	e := &Error{File: name, Msg: ye.GetMessage()}
	tk := ye.GetToken()
	if tk != nil && tk.Position != nil {
		e.Line = tk.Position.Line
	}
	// Name the key whose value is wrong: the token before ":".
	if tk != nil && tk.Prev != nil && tk.Prev.Type == token.MappingValueType && tk.Prev.Prev != nil {
		e.Field = tk.Prev.Prev.Value
	}
	var te *yaml.TypeError
	if errors.As(err, &te) && te.DstType != nil {
		e.Msg, e.Why = "", reason.New(reason.CatWrongType).With(kindName(te.DstType))
	}
	var oe *yaml.OverflowError
	if errors.As(err, &oe) && oe.DstType != nil {
		e.Msg, e.Why = "", reason.New(reason.CatOutOfRange, oe.SrcNum).With(kindName(oe.DstType))
	}
	return e
}

// kindName says in words what a YAML value must be for type t.
func kindName(t reflect.Type) reason.Reason {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Uint16:
		return reason.New(reason.TypeUint16)
	case reflect.Uint8, reflect.Uint32, reflect.Uint64, reflect.Uint, reflect.Int, reflect.Int64, reflect.Int32:
		return reason.New(reason.TypeInt)
	case reflect.String:
		return reason.New(reason.TypeText)
	case reflect.Bool:
		return reason.New(reason.TypeBool)
	case reflect.Slice:
		return reason.New(reason.TypeList)
	case reflect.Struct, reflect.Map:
		return reason.New(reason.TypeMapping)
	}
	return reason.New(reason.Detail, t.String())
}

// validator checks a decoded file against the schema and collects every
// error (up to maxErrors), each located through the YAML AST, so that one
// run of "catalog check" shows them all.
type validator struct {
	name   string
	file   *ast.File
	schema *schema // what the schema check cut: not reported again as missing
	errs   []error
}

// maxErrors bounds the errors kept for one file.
const maxErrors = 100

// line returns the line of the node at path (e.g. "entries[2].verdict"),
// or of its nearest existing parent.
func (v *validator) line(field string) int {
	for p := field; ; {
		if p == "" {
			return 1
		}
		if yp, err := yaml.PathString("$." + p); err == nil {
			if n, err := yp.FilterFile(v.file); err == nil && n != nil && n.GetToken() != nil {
				return n.GetToken().Position.Line
			}
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			p = ""
		} else {
			p = p[:i]
		}
	}
}

func (v *validator) fail(field string, why reason.Reason) {
	if v.schema != nil && v.schema.under(field) {
		return
	}
	if len(v.errs) < maxErrors {
		v.errs = append(v.errs, &Error{File: v.name, Line: v.line(field), Field: field, Why: why})
	}
}

func (v *validator) text(field string, t i18n.Text) {
	for _, l := range []struct {
		code, s string
	}{{"ja", t.JA}, {"nl", t.NL}, {"en", t.EN}} {
		if strings.TrimSpace(l.s) == "" {
			v.fail(field+"."+l.code, reason.New(reason.CatMissingText))
			return
		}
		for _, r := range l.s {
			if r != '\n' && sanitize.Unsafe(r) || r == utf8.RuneError {
				v.fail(field+"."+l.code, reason.New(reason.CatBadChar, fmt.Sprintf("%U", r)))
				return
			}
		}
	}
}

// plain checks a one-line string that is not translated (a name, a path).
func (v *validator) plain(field, s string) {
	for _, r := range s {
		if sanitize.Unsafe(r) || r == utf8.RuneError {
			v.fail(field, reason.New(reason.CatBadChar, fmt.Sprintf("%U", r)))
			return
		}
	}
}

// optText checks a text that may be absent but must be complete if present.
func (v *validator) optText(field string, t i18n.Text) {
	if t != (i18n.Text{}) {
		v.text(field, t)
	}
}

var classesAllowed = map[string]model.Class{
	"harmless":    model.ClassHarmless,
	"update":      model.ClassUpdate,
	"conditional": model.ClassConditional,
	"known-issue": model.ClassKnownIssue,
}

func (v *validator) check(f *file) {
	if f.Document == nil {
		v.fail("document", reason.New(reason.CatMissing))
		return
	}
	d := f.Document
	if !idPattern.MatchString(d.ID) {
		v.fail("document.id", reason.New(reason.CatDocID, strconv.Quote(d.ID)))
	}
	v.text("document.title", d.Title)
	v.plain("document.publisher", d.Publisher)
	v.plain("document.published", d.Published)
	v.plain("document.language", d.Language)
	v.plain("document.url", d.URL)
	v.optText("document.note", d.Note)
	if len(f.Entries) == 0 {
		v.fail("entries", reason.New(reason.CatNoEntries))
	}
	ids := map[string]int{}
	for i, e := range f.Entries {
		p := fmt.Sprintf("entries[%d]", i)
		if e == nil {
			v.fail(p, reason.New(reason.CatEmptyEntry))
			continue
		}
		if !idPattern.MatchString(e.ID) {
			v.fail(p+".id", reason.New(reason.CatEntryID, strconv.Quote(e.ID)))
		}
		if j, ok := ids[e.ID]; ok {
			v.fail(p+".id", reason.New(reason.CatDuplicateID, strconv.Quote(e.ID), strconv.Itoa(j)))
		}
		ids[e.ID] = i
		v.entry(p, e)
	}
}

func (v *validator) entry(p string, e *Entry) {
	v.text(p+".title", e.Title)
	c, ok := classesAllowed[e.Class]
	if !ok {
		v.fail(p+".class", reason.New(reason.CatClass, strconv.Quote(string(e.Class))))
	}
	e.class = c
	e.level = 0
	if e.Level != "" {
		if l, ok := model.ParseLevel(e.Level); ok {
			e.level = l
		} else {
			v.fail(p+".level", reason.New(reason.CatLevel, strconv.Quote(e.Level)))
		}
	}
	switch e.AppliesTo.Role {
	case "host", "guest":
	default:
		v.fail(p+".applies_to.role", reason.New(reason.CatRole, strconv.Quote(e.AppliesTo.Role)))
	}
	if m := e.Match; m != nil {
		if len(m.Providers) == 0 {
			v.fail(p+".match.providers", reason.New(reason.CatNoProvider))
		}
		e.aliases = nil
		for j, pr := range m.Providers {
			if pr.Why != (i18n.Text{}) {
				if e.aliases == nil {
					e.aliases = map[string]bool{}
				}
				for _, k := range providerKeys(pr.Name) {
					e.aliases[k] = true
				}
			}
			if strings.TrimSpace(pr.Name) == "" {
				v.fail(fmt.Sprintf("%s.match.providers[%d].name", p, j), reason.New(reason.CatMissing))
			}
			if j > 0 {
				v.text(fmt.Sprintf("%s.match.providers[%d].why", p, j), pr.Why)
			} else {
				v.optText(fmt.Sprintf("%s.match.providers[%d].why", p, j), pr.Why)
			}
		}
		if m.EventID == nil && len(m.ErrorCodes) == 0 && !v.schema.under(p+".match.event_id") {
			v.fail(p+".match", reason.New(reason.CatMatchTooWide))
		}
		e.codes = nil
		for j, s := range m.ErrorCodes {
			code, err := parseCode(s)
			if err != nil {
				v.fail(fmt.Sprintf("%s.match.error_codes[%d]", p, j), reason.New(reason.CatErrorCode, strconv.Quote(s)))
			}
			e.codes = append(e.codes, code)
		}
		e.contains = nil
		for j, s := range m.DataContains {
			if strings.TrimSpace(s) == "" {
				v.fail(fmt.Sprintf("%s.match.data_contains[%d]", p, j), reason.New(reason.CatEmptyString))
			}
			e.contains = append(e.contains, strings.ToLower(s))
		}
		if m.EventID != nil {
			v.text(p+".message", e.Message)
		}
	}
	v.optText(p+".message", e.Message)
	for j, l := range e.Wording {
		if _, ok := i18n.Parse(l); !ok || len(l) != 2 {
			v.fail(fmt.Sprintf("%s.wording[%d]", p, j), reason.New(reason.CatWording, strconv.Quote(l)))
		}
	}
	for j, n := range e.Insertion.Names {
		v.text(fmt.Sprintf("%s.insertion.names[%d]", p, j), n)
	}
	if e.Insertion.Confirmed && len(e.Insertion.Names) == 0 {
		v.fail(p+".insertion.names", reason.New(reason.CatInsertionNames))
	}
	for _, f := range []struct {
		name string
		n    int
	}{{"vm_name", e.Insertion.VMName}, {"vm_id", e.Insertion.VMID}} {
		if f.n < 0 || f.n > len(e.Insertion.Names) {
			v.fail(p+".insertion."+f.name, reason.New(reason.CatInsertionNumber, strconv.Itoa(len(e.Insertion.Names)), strconv.Itoa(f.n)))
		}
	}
	v.text(p+".occurs", e.Occurs)
	v.text(p+".explanation", e.Explanation)
	v.text(p+".verdict", e.Verdict)
	v.text(p+".remedy", e.Remedy)
	v.optText(p+".note", e.Note)
	if cd := e.Condition; cd != nil {
		v.text(p+".condition.text", cd.Text)
		switch cd.Check {
		case "", "none", "empty-names", "gone-after-restart":
		case "restart-nearby":
			d, err := time.ParseDuration(cd.Within)
			if err != nil || d <= 0 || d > 24*time.Hour {
				v.fail(p+".condition.within", reason.New(reason.CatWithin, strconv.Quote(cd.Within)))
			}
			e.within = int64(d)
		default:
			v.fail(p+".condition.check", reason.New(reason.CatCheck, strconv.Quote(string(cd.Check))))
		}
		e.requires = nil
		for _, r := range cd.Requires {
			e.requires = append(e.requires, squash(r))
		}
		if e.class != model.ClassConditional {
			v.fail(p+".condition", reason.New(reason.CatConditionOnly))
		}
	} else if e.class == model.ClassConditional {
		v.fail(p+".condition", reason.New(reason.CatConditionNeeded))
	}
	if fx := e.Fix; fx != nil {
		e.fixKB = strings.ToLower(fx.KB)
		if !regexp.MustCompile(`^KB[0-9]+$`).MatchString(fx.KB) {
			v.fail(p+".fix.kb", reason.New(reason.CatKB, strconv.Quote(fx.KB)))
		}
		v.optText(p+".fix.installed_remedy", fx.InstalledRemedy)
	}
	if r := e.Registry; r != nil {
		if r.Key == "" || r.Name == "" || r.Type == "" || r.Value == "" {
			v.fail(p+".registry", reason.New(reason.CatRegistry))
		}
		v.text(p+".registry.where", r.Where)
	}
	v.plain(p+".channel", e.Channel)
	for j, o := range append(append([]string{}, e.AppliesTo.OS...), e.AppliesTo.GuestOS...) {
		v.plain(fmt.Sprintf("%s.applies_to.os[%d]", p, j), o)
	}
	v.plain(p+".source.section", e.Source.Section)
	for j, m := range e.Source.Microsoft {
		v.plain(fmt.Sprintf("%s.source.microsoft[%d]", p, j), m)
	}
	if m := e.Match; m != nil {
		for j, pr := range m.Providers {
			v.plain(fmt.Sprintf("%s.match.providers[%d].name", p, j), pr.Name)
		}
		for j, d := range m.DataContains {
			v.plain(fmt.Sprintf("%s.match.data_contains[%d]", p, j), d)
		}
	}
	if fx := e.Fix; fx != nil {
		v.plain(p+".fix.file", fx.File)
		v.plain(p+".fix.file_version", fx.FileVersion)
	}
	if r := e.Registry; r != nil {
		for _, f := range []string{r.Key, r.Name, r.Type, r.Value} {
			v.plain(p+".registry", f)
		}
	}
	switch e.Confidence {
	case "high", "medium", "low":
	default:
		v.fail(p+".confidence", reason.New(reason.CatConfidence, strconv.Quote(string(e.Confidence))))
	}
	if e.Confidence != "high" {
		v.text(p+".note", e.Note)
	}
	if strings.TrimSpace(e.Source.Section) == "" {
		v.fail(p+".source.section", reason.New(reason.CatSourceSection))
	}
}

// errorCode is a 32-bit code in the forms it may be logged in.
type errorCode struct {
	value uint32
	hex   string // 8 lower-case hex digits
	dec   string // unsigned decimal
	neg   string // signed decimal, when negative
}

func parseCode(s string) (errorCode, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimPrefix(strings.TrimPrefix(t, "0x"), "0X")
	n, err := strconv.ParseUint(t, 16, 32)
	if err != nil {
		return errorCode{}, fmt.Errorf("want a 32-bit hex code such as 0x800423F4, got %q", s)
	}
	c := errorCode{value: uint32(n), hex: fmt.Sprintf("%08x", n), dec: strconv.FormatUint(n, 10)}
	if int32(n) < 0 {
		c.neg = strconv.FormatInt(int64(int32(n)), 10)
	}
	return c, nil
}

// squash lower-cases s and drops spaces, so "Trusted Installer" and
// "TrustedInstaller" compare equal.
func squash(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

func errs(es []*Error) []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// sortByLine orders a file's errors as they appear in it.
func sortByLine(es []error) {
	line := func(e error) int {
		if ce, ok := e.(*Error); ok {
			return ce.Line
		}
		return 0
	}
	slices.SortStableFunc(es, func(a, b error) int { return line(a) - line(b) })
}
