package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/i18n/reason"
	"eventlens/model"
	"eventlens/model/cache"
	"eventlens/model/export"
	"eventlens/model/msgdb"
	"eventlens/model/pipeline"
	"eventlens/model/query"
	"eventlens/model/sanitize"
	"eventlens/model/store"
	uicommon "eventlens/ui/common"
	"eventlens/ui/report"
)

// common holds the flags every subcommand shares.
type common struct {
	lang     string
	catalogs stringList
	strict   bool
	noCache  bool
	decoder  model.Decoder
	msgFiles stringList     // --messages
	msgs     *msgdb.Set     // opened by withMessages
	loc      *time.Location // --tz; nil means this machine's zone
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.lang, "lang", "", "language: ja, nl or en (default from LC_ALL, LC_MESSAGES, LANG)")
	fs.Var(&c.catalogs, "catalog", "extra catalog `FILE` (repeatable)")
	fs.BoolVar(&c.noCache, "no-cache", false, "read every file from scratch: do not use or update the index cache")
	fs.Var(&c.msgFiles, "messages", "message database `FILE` (SQLite, as Velocidex evtx-data) for events whose log carries no message (repeatable; also EVENTLENS_MESSAGES)")
	fs.Func("tz", "`ZONE` of times written without one (Event Viewer CSV/TXT exports) and of times shown: IANA name, +09:00 or UTC (default: this machine's zone)", func(s string) error {
		loc, err := model.ParseZone(s)
		c.loc = loc
		return err
	})
	fs.Var(&c.decoder, "decoder", "EVTX `DECODER` to read records with: binxml (eventlens's own, default) or golang-evtx; the other decodes what it rejects")
}

// registerStrict adds --strict, for the commands that read logs headless.
func (c *common) registerStrict(fs *flag.FlagSet) {
	fs.BoolVar(&c.strict, "strict", false, "exit 3 if any record was skipped or undecoded")
}

// parseInputs parses a headless command's flags and --lang, and checks
// that it was given input files of which at least one exists
// (checkInputs).
func (c *common) parseInputs(fs *flag.FlagSet, args []string) ([]string, i18n.Lang, error) {
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return nil, i18n.EN, err
	}
	if len(inputs) == 0 {
		return nil, i18n.EN, misuse(fs.Name(), noInputs)
	}
	lang, err := c.language()
	if err != nil {
		return nil, lang, err
	}
	return inputs, lang, checkInputs(inputs, lang)
}

// strictness is errIncomplete when --strict was given and a file was not
// read completely, naming each such file and what it missed: the exit
// status alone would leave the user to search the load report.
func (c *common) strictness(reports []model.FileReport) error {
	if !c.strict {
		return nil
	}
	var files []string
	for i := range reports {
		if r := &reports[i]; !r.Clean() {
			files = append(files, sanitize.Line(r.Path)+" ("+missed(r)+")")
		}
	}
	if len(files) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", errIncomplete, strings.Join(files, "; "))
}

// missed says what of r's file was not read: the counts of the load report.
func missed(r *model.FileReport) string {
	if r.Err != nil {
		return "not loaded"
	}
	var parts []string
	if r.RecordsSkipped > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", r.RecordsSkipped))
	}
	if r.RecordsUndecoded > 0 {
		parts = append(parts, fmt.Sprintf("%d undecoded", r.RecordsUndecoded))
	}
	if r.ChunksFailed > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d chunks failed", r.ChunksFailed, r.ChunksFound))
	}
	if len(parts) == 0 {
		parts = append(parts, i18n.Problems.In(len(r.Problems), i18n.EN))
	}
	return strings.Join(parts, ", ")
}

// newLoad describes one load of paths (and sources) through the pipeline,
// classified by cl (a fresh cat.NewClassification()), through the index
// cache unless --no-cache. A cache that cannot be opened (read-only home,
// ...) only costs speed, so it is skipped: a nil cache loads plainly.
func (c *common) newLoad(paths []string, srcs []model.Source, cl *catalog.Classification) *pipeline.Load {
	var ic *cache.Cache
	if !c.noCache {
		ic, _ = cache.Open("", 0)
	}
	return pipeline.New(pipeline.Config{Paths: paths, Sources: srcs, Cache: ic, Classifier: cl,
		Options: model.LoadOptions{Decoder: c.decoder, Location: c.location()}})
}

// location is the --tz zone, or this machine's.
func (c *common) location() *time.Location {
	if c.loc == nil {
		return time.Local
	}
	return c.loc
}

// parseQuery parses --query as the viewer does: its times without an offset
// are in the zone times are shown in (--tz), not always this machine's.
func (c *common) parseQuery(q string) (*query.Query, error) {
	return query.Parse(q, query.Clock(time.Now(), c.loc))
}

// withMessages opens the message databases of --messages, then those of
// EVENTLENS_MESSAGES (a path list), and gives them to cat: the first that
// has a template for an event renders it. Without any, cat is unchanged.
func (c *common) withMessages(cat *catalog.Catalog) (*catalog.Catalog, error) {
	var paths []string
	for _, p := range append(c.msgFiles, filepath.SplitList(os.Getenv("EVENTLENS_MESSAGES"))...) {
		if p != "" {
			paths = append(paths, p)
		}
	}
	if len(paths) == 0 {
		return cat, nil
	}
	set, err := msgdb.Open(paths...)
	if err != nil {
		return nil, err
	}
	c.msgs = set
	return cat.WithMessages(set), nil
}

// close closes the message databases, saying on w if a lookup failed (the
// events concerned fell back to their data).
func (c *common) close(w io.Writer) {
	if err := c.msgs.Err(); err != nil {
		fmt.Fprintf(w, "eventlens: %s\n", sanitize.Line(err.Error()))
	}
	c.msgs.Close()
}

func (c *common) language() (i18n.Lang, error) {
	if c.lang != "" {
		if _, ok := i18n.Parse(c.lang); !ok {
			return i18n.EN, misuse("", badLang.Fill(c.lang))
		}
	}
	return i18n.Detect(c.lang, os.Getenv), nil
}

// catalog loads the catalog, with the message databases (withMessages).
func (c *common) catalog() (*catalog.Catalog, error) {
	cat, err := c.loadCatalog()
	if err != nil {
		return nil, err
	}
	return c.withMessages(cat)
}

// loadCatalog loads the built-in catalog and --catalog's files; why a file
// is refused (no regular file, too large) is said in --lang.
func (c *common) loadCatalog() (*catalog.Catalog, error) {
	cat, err := catalog.Load(c.catalogs...)
	if err != nil {
		lang, _ := c.language() // checked when the command began
		msg := i18n.SayError(err, lang)
		if _, ok := err.(*catalog.Error); ok {
			msg = "--catalog " + msg // which file of the command line
		}
		return nil, errors.New(msg)
	}
	return cat, nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// helpRequest is a command's -h: run prints the usage. It carries the
// command's flags, for a test to check that the usage names them all.
type helpRequest struct{ flags *flag.FlagSet }

func (helpRequest) Error() string        { return errHelp.Error() }
func (helpRequest) Is(target error) bool { return target == errHelp }

// parseArgs parses flags that may come before or after the file names, as
// users type them ("eventlens export a.evtx --format csv").
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, helpRequest{fs}
			}
			return nil, misuse("", badFlag.Fill(err.Error()))
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// loadGrace is how long a headless command may take to stop after Ctrl+C
// or SIGTERM before the process exits regardless.
const loadGrace = time.Second

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var c common
	c.register(fs)
	c.registerStrict(fs)
	q := fs.String("query", "", "only events matching `Q` (the viewer's query language)")
	format := fs.String("format", "jsonl", "output format: jsonl, csv, xml, evtx or ecs")
	out := fs.String("o", "", "write to `FILE` (atomically) instead of standard output")
	force := fs.Bool("force", false, "overwrite FILE if it exists")
	inputs, lang, err := c.parseInputs(fs, args)
	if err != nil {
		return err
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return misuse("export", badFormat.Fill(strings.TrimPrefix(err.Error(), "export: ")))
	}
	if f == export.EVTX && (*out == "" || *out == "-") {
		return misuse("export", evtxNeedsO)
	}
	if *out != "" && *out != "-" {
		if err := export.CheckTarget(*out); err != nil {
			return sayRefusal(err, lang) // before loading: a directory is no target
		}
	}
	query, err := c.parseQuery(*q)
	if err != nil {
		return misuse("export", badQuery.Fill(uicommon.QueryError(err, lang)))
	}
	s, err := c.openHeadless(inputs, stderr)
	if err != nil {
		return err
	}
	defer s.close() // after the write: see openHeadless
	st, cat := s.store(), s.cat
	if query.UsesVMs() {
		query = query.WithVMs(vmIndex(st, cat, inputs))
	}
	query = withTemplates(query, cat, lang, nil)
	selected := func(yield func(*model.Event) bool) {
		for ev := range st.Timeline() {
			if query.Match(ev) && !yield(ev) {
				return
			}
		}
	}
	opts := export.Options{Message: func(ev *model.Event) model.Rendered { return cat.Render(ev, lang) }}
	write := func(w io.Writer) error { return export.Write(w, f, selected, opts) }
	if *out == "" || *out == "-" {
		err = write(stdout)
	} else {
		err = sayRefusal(export.WriteFile(*out, *force, write), lang)
	}
	return s.finish(err)
}

// sayRefusal says in lang why a file was not written when atomicfile
// refused it (it exists, it is no regular file), naming the file; any
// other error is left as it is, so that a stop by a signal stays one.
func sayRefusal(err error, lang i18n.Lang) error {
	var pe *iofs.PathError
	if errors.As(err, &pe) && (errors.Is(pe.Err, export.ErrExists) || errors.As(pe.Err, new(*reason.Error))) {
		return fmt.Errorf("%s: %s", sanitize.Line(pe.Path), i18n.SayError(pe.Err, lang))
	}
	return err
}

// withTemplates binds to q the template texts of the messages shown in
// lang (catalog.Templates), so that its words find what the list and the
// exports show. Pass st when q is run with query.Select over it; Match
// needs none.
func withTemplates(q *query.Query, cat *catalog.Catalog, lang i18n.Lang, st *store.Store) *query.Query {
	if q.Empty() {
		return q
	}
	t := cat.Templates(lang)
	if st != nil {
		t.Update(st)
	}
	return q.WithTemplates(t)
}

func runTriage(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("triage", flag.ContinueOnError)
	var c common
	c.register(fs)
	c.registerStrict(fs)
	q := fs.String("query", "", "only events matching `Q` (the viewer's query language)")
	byVM := fs.Bool("by-vm", false, "summarise per virtual machine")
	inputs, lang, err := c.parseInputs(fs, args)
	if err != nil {
		return err
	}
	filter, err := c.parseQuery(*q)
	if err != nil {
		return misuse("triage", badQuery.Fill(uicommon.QueryError(err, lang)))
	}
	if *byVM && !filter.Empty() {
		return misuse("triage", byVMOrQuery)
	}
	s, err := c.openHeadless(inputs, stderr)
	if err != nil {
		return err
	}
	defer s.close()
	return s.finish(triage(stdout, s.cl, s.store(), s.reports(), filter, *byVM, inputs, lang))
}

func runCatalog(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("catalog", flag.ContinueOnError)
	var c common
	c.register(fs)
	rest, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	lang, err := c.language()
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return misuse("catalog", catalogWant)
	}
	switch rest[0] {
	case "list":
		cat, err := c.loadCatalog()
		if err != nil {
			return err
		}
		return report.CatalogList(stdout, cat, lang)
	case "show":
		if len(rest) != 2 {
			return misuse("catalog show", catalogShowWant)
		}
		cat, err := c.loadCatalog()
		if err != nil {
			return err
		}
		return report.CatalogEntry(stdout, cat, rest[1], lang)
	case "check":
		if len(rest) < 2 {
			return misuse("catalog check", catalogCheckWant)
		}
		failed := false
		for _, path := range rest[1:] {
			if err := catalog.Check(path); err != nil {
				fmt.Fprintln(stderr, i18n.SayError(err, lang))
				failed = true
				continue
			}
			fmt.Fprintf(stdout, "%s: %s\n", path, i18n.UI.CatalogCheckOK.In(lang))
		}
		if failed {
			return errors.New(i18n.UI.CatalogCheckFailed.In(lang))
		}
		return nil
	}
	return misuse("catalog", catalogUnknown.Fill(rest[0]))
}
