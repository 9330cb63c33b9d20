// Package catalog is eventlens's knowledge base: known Windows events and
// documented problems around Hyper-V, each explained in Japanese, Dutch and
// English, and the classifier that gives every loaded event one class.
//
// The built-in catalog is a set of YAML files embedded from data/, one per
// source document. Users add their own files with Load; the format, the
// classes and how conditions are decided are described in the project README, "The catalog".
package catalog

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"eventlens/i18n"
	"eventlens/i18n/reason"
	"eventlens/model"
	"eventlens/model/regular"
)

//go:embed data/*.yaml
var builtinFS embed.FS

// Document describes the source a catalog file was written from.
type Document struct {
	ID        string    `yaml:"id"`
	Title     i18n.Text `yaml:"title"`
	Publisher string    `yaml:"publisher"`
	Published string    `yaml:"published"`
	Language  string    `yaml:"language"` // language the source is written in
	URL       string    `yaml:"url"`
	Note      i18n.Text `yaml:"note"`
}

// Cite names the document in l: its title, then its publisher and year in
// parentheses, the year left out when the title already gives it.
func (d *Document) Cite(l i18n.Lang) string {
	title := d.Title.In(l)
	var by []string
	if d.Publisher != "" {
		by = append(by, d.Publisher)
	}
	if d.Published != "" && !strings.Contains(title, d.Published) {
		by = append(by, d.Published)
	}
	if len(by) == 0 {
		return title
	}
	return title + i18n.Paren(i18n.List(by, l), l)
}

// Provider is one provider name an entry matches, as it is logged.
type Provider struct {
	Name string `yaml:"name"`
	// Why says why this name is an alias of the entry's event; empty for the
	// name the source document itself shows.
	Why i18n.Text `yaml:"why"`
}

// Match says which events an entry describes. An entry without Match is a
// symptom entry: it has no event of its own and is found by browsing.
type Match struct {
	Providers []Provider `yaml:"providers"`
	// EventID is the event ID; nil means any ID of the providers (then
	// ErrorCodes must narrow the match).
	EventID *uint16 `yaml:"event_id"`
	// DataContains narrows the match: one of these strings must occur,
	// case-insensitively, in an insertion string, UserData or the message.
	DataContains []string `yaml:"data_contains"`
	// ErrorCodes narrows the match: one of these 32-bit codes must occur in
	// the data or message, written as hex (0x800423F4, 800423F4) or decimal
	// (2147754996, -2147212300, %%2147754996).
	ErrorCodes []string `yaml:"error_codes"`
}

// AppliesTo says where the event is logged.
type AppliesTo struct {
	Role    string   `yaml:"role"` // "host" or "guest"
	OS      []string `yaml:"os"`
	GuestOS []string `yaml:"guest_os"` // for host events: the guests that cause it
}

// Insertion describes the event's insertion strings (%1, %2, ...).
type Insertion struct {
	// Confirmed is true when a public source confirms which insertion
	// string holds what. When false, rendered messages say so.
	Confirmed bool        `yaml:"confirmed"`
	Names     []i18n.Text `yaml:"names"`
	// VMName and VMID are the numbers (1-based, as %1) of the insertion
	// strings that hold the name and the ID of the VM the event is about;
	// 0 when it names none. Package catalog's VM extractor reads them.
	VMName int `yaml:"vm_name"`
	VMID   int `yaml:"vm_id"`
}

// Condition is what makes a conditional entry harmless.
type Condition struct {
	// Check names the evaluator that decides the condition from the logs:
	// "none" (cannot be decided), "empty-names", "restart-nearby" (a restart
	// of the same computer within Within) or "gone-after-restart" (the same
	// computer restarted after the event and did not log it again).
	Check string `yaml:"check"`
	// Within is the time window for restart-nearby, e.g. "5m".
	Within string `yaml:"within"`
	// Requires, for restart-nearby, is a list of strings one of which must
	// occur in the data or message (spaces ignored) for the condition to be
	// met; e.g. the documented notification subscriber.
	Requires []string `yaml:"requires"`
	// Text completes "harmless if …".
	Text i18n.Text `yaml:"text"`
}

// Fix is the update that fixes a known issue.
type Fix struct {
	KB          string `yaml:"kb"`           // e.g. "KB975354"
	File        string `yaml:"file"`         // a file the update replaces, e.g. "Vmms.exe"
	FileVersion string `yaml:"file_version"` // the fixed version of File or later
	// InstalledRemedy replaces Remedy when the update is found installed on
	// the computer that logged the event.
	InstalledRemedy i18n.Text `yaml:"installed_remedy"`
}

// Registry is a registry value an entry's remedy sets.
type Registry struct {
	Key   string    `yaml:"key"`
	Name  string    `yaml:"name"`
	Type  string    `yaml:"type"`
	Value string    `yaml:"value"`
	Where i18n.Text `yaml:"where"` // on which machine to set it
}

// Source says where an entry's facts come from.
type Source struct {
	// Section locates the entry in the document, in the document's language.
	Section string `yaml:"section"`
	// Microsoft lists Microsoft articles that confirm facts, e.g. "KB972108".
	Microsoft []string `yaml:"microsoft"`
}

// Entry is one known event or problem.
type Entry struct {
	ID    string    `yaml:"id"`
	Title i18n.Text `yaml:"title"`
	Match *Match    `yaml:"match"`

	Channel   string    `yaml:"channel"`
	Level     string    `yaml:"level"` // "error", "warning", ...; empty when unknown
	AppliesTo AppliesTo `yaml:"applies_to"`

	// Class is the entry's class before conditions are evaluated:
	// harmless, update, conditional or known-issue.
	Class     string     `yaml:"class"`
	Condition *Condition `yaml:"condition"`
	// Versions asks the classifier to report the version numbers the event
	// names (for events about version mismatches).
	Versions bool `yaml:"versions"`

	// Message is the event's message template with %1, %2, ...
	Message i18n.Text `yaml:"message"`
	// Wording lists the languages whose template is the wording Windows
	// logs (as a source shows it); the others are our translation.
	Wording   []string  `yaml:"wording"`
	Insertion Insertion `yaml:"insertion"`

	Occurs      i18n.Text `yaml:"occurs"`
	Explanation i18n.Text `yaml:"explanation"`
	Verdict     i18n.Text `yaml:"verdict"`
	Remedy      i18n.Text `yaml:"remedy"`
	Fix         *Fix      `yaml:"fix"`
	Registry    *Registry `yaml:"registry"`

	Source     Source    `yaml:"source"`
	Confidence string    `yaml:"confidence"` // high, medium or low
	Note       i18n.Text `yaml:"note"`
	Related    []string  `yaml:"related"`

	// Filled in when loaded.
	Document *Document `yaml:"-"`
	File     string    `yaml:"-"` // catalog file it came from
	Line     int       `yaml:"-"` // line of the entry in File

	class    model.Class
	within   int64 // restart window in nanoseconds
	codes    []errorCode
	contains []string // lower-cased DataContains
	requires []string // normalised Condition.Requires
	// aliases are the lower-case names (see providerKeys) of providers that
	// are aliases of the source's event (they have a Why); level is Level
	// parsed, 0 when unset.
	aliases map[string]bool
	level   model.Level
	fixKB   string // lower-case Fix.KB
}

// BaseClass returns the entry's class before its condition is evaluated.
func (e *Entry) BaseClass() model.Class { return e.class }

// VerdictFor returns the entry's verdict for an event classified as c.
// When the logs decided the entry's condition (c is no longer the
// entry's conditional class), the verdict says what they showed, rather
// than repeating "harmless if …" under a class that already answers it.
func (e *Entry) VerdictFor(c model.Class) i18n.Text {
	if e.class != model.ClassConditional || e.Condition == nil || c == model.ClassConditional {
		return e.Verdict
	}
	switch c {
	case model.ClassHarmless:
		return verdictHeld.Fill(e.Condition.Text)
	case model.ClassAttention:
		return verdictNotHeld.Fill(e.Condition.Text)
	}
	return e.Verdict
}

// EventID returns the entry's event ID and whether it has one.
func (e *Entry) EventID() (uint16, bool) {
	if e.Match == nil || e.Match.EventID == nil {
		return 0, false
	}
	return *e.Match.EventID, true
}

// ProviderNames returns the provider names the entry matches.
func (e *Entry) ProviderNames() []string {
	if e.Match == nil {
		return nil
	}
	names := make([]string, len(e.Match.Providers))
	for i, p := range e.Match.Providers {
		names[i] = p.Name
	}
	return names
}

// file is the top level of one catalog file.
type file struct {
	Document *Document `yaml:"document"`
	Entries  []*Entry  `yaml:"entries"`
}

// Catalog is a loaded set of entries and the matcher over them: pure
// knowledge, never changed after loading, so it is safe for concurrent use.
// What one load learns while classifying lives in a Classification.
type Catalog struct {
	entries []*Entry
	byID    map[string]*Entry
	// index maps lower-case provider name and event ID to entries; any
	// maps a lower-case provider to entries without an event ID.
	index map[matchKey][]*Entry
	any   map[string][]*Entry
	// watched are the provider and ID keys of entries whose check is
	// gone-after-restart: classification remembers when those are logged.
	watched map[matchKey]bool

	msgs MessageDB // after the catalog's own templates; see WithMessages
}

type matchKey struct {
	provider string
	id       uint16
}

var (
	builtinOnce sync.Once
	builtinCat  *Catalog
	builtinErr  error
)

// Builtin returns the embedded catalog, shared by all callers. It panics
// if the embedded data is invalid, which the package's tests rule out.
func Builtin() *Catalog {
	c, err := builtin()
	if err != nil {
		panic(err)
	}
	return c
}

func builtin() (*Catalog, error) {
	builtinOnce.Do(func() {
		var entries []*Entry
		entries, builtinErr = builtinEntries()
		if builtinErr == nil {
			builtinCat, builtinErr = newCatalog(entries)
		}
	})
	return builtinCat, builtinErr
}

func builtinEntries() ([]*Entry, error) {
	names, err := fs.Glob(builtinFS, "data/*.yaml")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var all []*Entry
	for _, name := range names {
		b, err := builtinFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		entries, err := parse("catalog/"+name, b)
		if err != nil {
			return nil, fmt.Errorf("built-in catalog: %w", err)
		}
		all = append(all, entries...)
	}
	return all, nil
}

// BuiltinFiles lists the embedded catalog files by name, e.g.
// "nec-hyperv-2011.yaml"; BuiltinFile returns one's content.
func BuiltinFiles() []string {
	names, _ := fs.Glob(builtinFS, "data/*.yaml")
	for i, n := range names {
		names[i] = path.Base(n)
	}
	sort.Strings(names)
	return names
}

// BuiltinFile returns the content of one embedded catalog file.
func BuiltinFile(name string) ([]byte, error) {
	return builtinFS.ReadFile("data/" + name)
}

// Load returns the built-in catalog with the user catalog files on top: a
// user entry whose ID equals a built-in one replaces it, and user entries are
// matched before built-in ones. Errors name the file, line and field.
func Load(files ...string) (*Catalog, error) {
	base, err := builtin()
	if err != nil {
		return nil, err
	}
	var c *Catalog
	if len(files) == 0 {
		return base, nil
	} else {
		var user []*Entry
		seen := map[string]string{}
		for _, f := range files {
			entries, err := parseFile(f)
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				if prev, ok := seen[e.ID]; ok {
					return nil, fmt.Errorf("%s:%d: entries: id %q is already defined in %s", e.File, e.Line, e.ID, prev)
				}
				seen[e.ID] = fmt.Sprintf("%s:%d", e.File, e.Line)
			}
			user = append(user, entries...)
		}
		all := append([]*Entry(nil), user...)
		for _, e := range base.entries {
			if _, ok := seen[e.ID]; !ok {
				all = append(all, e)
			}
		}
		c, err = newCatalog(all)
	}
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Check validates one catalog file: syntax, schema, and that it can be
// loaded on top of the built-in catalog. It reports every error it finds
// (joined; each names file, line and field, sanitised), not just the first.
func Check(file string) error {
	entries, err := parseFile(file)
	errs := []error{err}
	base, berr := builtin()
	if berr != nil {
		return berr
	}
	var valid []*Entry
	for _, e := range entries {
		if e != nil {
			valid = append(valid, e)
		}
	}
	all := append(append([]*Entry(nil), valid...), base.entries...)
	for _, e := range valid {
		for _, r := range e.Related {
			if _, ok := findID(all, r); !ok {
				errs = append(errs, &Error{File: e.File, Line: e.Line, Field: "entry " + e.ID + ": related", Why: reason.New(reason.CatUnknownRelated, strconv.Quote(r))})
			}
		}
	}
	return errors.Join(errs...)
}

func findID(entries []*Entry, id string) (*Entry, bool) {
	for _, e := range entries {
		if e.ID == id {
			return e, true
		}
	}
	return nil, false
}

// parseFile reads and parses the catalog file name. It reads only a
// regular file (regular.Open: a named pipe is not waited on, a device not
// read forever) of at most maxCatalogBytes.
func parseFile(name string) ([]*Entry, error) {
	f, fi, err := regular.Open(name)
	if err != nil {
		if re, ok := err.(*reason.Error); ok {
			return nil, &Error{File: name, Why: re.Reason}
		}
		return nil, fmt.Errorf("catalog: %w", err)
	}
	defer f.Close()
	if fi.Size() > maxCatalogBytes {
		return nil, tooLarge(name)
	}
	// Read one byte past the limit so that parse sees the file is too big
	// if it grew since, without reading all of a huge one.
	b, err := io.ReadAll(io.LimitReader(f, maxCatalogBytes+1))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, &Error{File: name, Msg: err.Error()}
	}
	return parse(name, b)
}

func newCatalog(entries []*Entry) (*Catalog, error) {
	c := &Catalog{
		entries: entries,
		byID:    make(map[string]*Entry, len(entries)),
		index:   map[matchKey][]*Entry{},
		any:     map[string][]*Entry{},
		watched: map[matchKey]bool{},
	}
	for _, e := range entries {
		c.byID[e.ID] = e
		if e.Match == nil {
			continue
		}
		seen := map[string]bool{}
		for _, p := range e.Match.Providers {
			for _, name := range providerKeys(p.Name) {
				if seen[name] {
					continue
				}
				seen[name] = true
				if e.Match.EventID == nil {
					c.any[name] = append(c.any[name], e)
				} else {
					k := matchKey{name, *e.Match.EventID}
					c.index[k] = append(c.index[k], e)
					if e.Condition != nil && e.Condition.Check == "gone-after-restart" {
						c.watched[k] = true
					}
				}
			}
		}
	}
	for _, e := range entries {
		for _, r := range e.Related {
			if _, ok := c.byID[r]; !ok {
				return nil, fmt.Errorf("%s:%d: entry %s: related: unknown entry %q", e.File, e.Line, e.ID, r)
			}
		}
	}
	return c, nil
}

// Entries returns every entry, user entries first, then built-in ones in
// file order.
func (c *Catalog) Entries() []*Entry { return append([]*Entry(nil), c.entries...) }

// Entry returns the entry with the given ID, or nil.
func (c *Catalog) Entry(id string) *Entry { return c.byID[id] }

// providerKeys returns the lower-case names an entry's provider is found
// under: the name as logged and, for a manifest provider, the display name
// Event Viewer shows in its Source column and writes to CSV/TXT exports
// ("Microsoft-Windows-Hyper-V-VMMS" is shown as "Hyper-V-VMMS").
func providerKeys(name string) []string {
	name = strings.ToLower(name)
	const prefix = "microsoft-windows-"
	if short, ok := strings.CutPrefix(name, prefix); ok && short != "" {
		return []string{name, short}
	}
	return []string{name}
}
