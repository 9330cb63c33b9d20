package report

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// textWidth is the width the text writers wrap paragraphs at.
const textWidth = 100

// triageOrder is the order classes are listed in summaries: what needs
// action first.
var triageOrder = []model.Class{
	model.ClassAttention, model.ClassKnownIssue, model.ClassConditional,
	model.ClassUpdate, model.ClassHarmless, model.ClassUnknown,
}

// group is one catalog entry's events within one class. It keeps no
// events: the writers stream them (one scratch event may be reused).
type group struct {
	entry     *catalog.Entry
	class     model.Class
	n         int    // events
	provider  string // as the first event logged it
	eventID   uint16 // the first event's
	reasons   []string
	computers []string // distinct, in order of first appearance
	first     time.Time
	last      time.Time
}

// summary is what the triage writers say about a set of events.
type summary struct {
	total      int
	first      time.Time
	last       time.Time
	levels     map[model.Level]int
	providers  map[string]int
	ids        map[provID]int
	perFile    map[string]*fileStat
	byClass    map[model.Class][]*group
	classCount map[model.Class]int
	unknown    map[provID]int // unknown errors and warnings
}

type provID struct {
	provider string
	id       uint16
	level    model.Level
}

type fileStat struct {
	n           int
	first, last time.Time
}

// summarise reads events once. Each group keeps up to maxReasons distinct
// reasons, in lang, why its events got its class.
func summarise(cl *catalog.Classification, events iter.Seq[*model.Event], lang i18n.Lang, maxReasons int) *summary {
	c := cl.Catalog()
	s := &summary{
		levels: map[model.Level]int{}, providers: map[string]int{}, ids: map[provID]int{},
		perFile: map[string]*fileStat{}, byClass: map[model.Class][]*group{},
		classCount: map[model.Class]int{}, unknown: map[provID]int{},
	}
	type groupKey struct {
		class model.Class
		entry string
	}
	groups := map[groupKey]*group{}
	span := func(first, last *time.Time, t time.Time) {
		if t.IsZero() {
			return
		}
		if first.IsZero() || t.Before(*first) {
			*first = t
		}
		if t.After(*last) {
			*last = t
		}
	}
	if events == nil {
		events = func(func(*model.Event) bool) {}
	}
	// Events come file by file, mostly: the last file's stats are kept at
	// hand rather than hashing its name for every event.
	var fs *fileStat
	var fsName string
	var levels, classes [256]int // by Level, by Class: copied into s's maps at the end
	for ev := range events {
		if ev == nil {
			continue
		}
		s.total++
		span(&s.first, &s.last, ev.Time)
		if fs == nil || ev.File != fsName {
			fs, fsName = s.perFile[ev.File], ev.File
			if fs == nil {
				fs = &fileStat{}
				s.perFile[ev.File] = fs
			}
		}
		fs.n++
		span(&fs.first, &fs.last, ev.Time)
		if !ev.Decoded {
			continue
		}
		lvl := ev.Level
		if lvl == model.LevelLogAlways {
			lvl = model.LevelInformation
		}
		levels[lvl]++
		s.ids[provID{ev.Provider, ev.EventID, 0}]++ // providers are summed from these below
		classes[ev.Class]++
		var e *catalog.Entry
		if ev.Class != model.ClassUnknown && ev.CatalogID != "" {
			e = c.Entry(ev.CatalogID)
		}
		if e == nil {
			if lvl <= model.LevelWarning && lvl != model.LevelLogAlways {
				s.unknown[provID{ev.Provider, ev.EventID, lvl}]++
			}
			continue
		}
		key := groupKey{ev.Class, e.ID}
		g := groups[key]
		if g == nil {
			g = &group{entry: e, class: ev.Class, provider: ev.Provider, eventID: ev.EventID}
			groups[key] = g
			s.byClass[ev.Class] = append(s.byClass[ev.Class], g)
		}
		g.n++
		if len(g.reasons) < maxReasons {
			g.addReasons(cl, ev, lang, maxReasons)
		}
		span(&g.first, &g.last, ev.Time)
		if comp := ev.Computer; comp != "" && !contains(g.computers, comp) && len(g.computers) < 20 {
			g.computers = append(g.computers, comp)
		}
	}
	for k, n := range s.ids {
		s.providers[k.provider] += n
	}
	for i := range 256 {
		if levels[i] > 0 {
			s.levels[model.Level(i)] = levels[i]
		}
		if classes[i] > 0 {
			s.classCount[model.Class(i)] = classes[i]
		}
	}
	for _, gs := range s.byClass {
		sort.SliceStable(gs, func(i, j int) bool {
			if gs[i].n != gs[j].n {
				return gs[i].n > gs[j].n
			}
			return gs[i].entry.ID < gs[j].entry.ID
		})
	}
	return s
}

// levelsLine counts the events of each level, most severe first:
// "Error 3 · Warning 5".
func (s *summary) levelsLine(lang i18n.Lang) string {
	var lv []string
	for _, l := range []model.Level{model.LevelCritical, model.LevelError, model.LevelWarning, model.LevelInformation, model.LevelVerbose} {
		if n := s.levels[l]; n > 0 {
			lv = append(lv, fmt.Sprintf("%s %s", catalog.LevelLabel(l, lang), i18n.Int(n, lang)))
		}
	}
	return strings.Join(lv, " · ")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

type kv[K comparable] struct {
	k K
	n int
}

func top[K comparable](m map[K]int, n int, less func(a, b K) bool) []kv[K] {
	out := make([]kv[K], 0, len(m))
	for k, v := range m {
		out = append(out, kv[K]{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return less(out[i].k, out[j].k)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func lessProvID(a, b provID) bool {
	if a.provider != b.provider {
		return a.provider < b.provider
	}
	if a.id != b.id {
		return a.id < b.id
	}
	return a.level < b.level
}

// remedyFor returns the group's remedy in lang: the installed variant when
// the entry's fix is installed on every computer of the group, plus a line
// naming the computers where it is when that is only some of them.
func remedyFor(cl *catalog.Classification, g *group, lang i18n.Lang) (remedy string, fixedOn []string) {
	e := g.entry
	remedy = e.Remedy.In(lang)
	if e.Fix == nil {
		return remedy, nil
	}
	all := len(g.computers) > 0
	for _, comp := range g.computers {
		if _, ok := cl.FixInstalled(comp, e.Fix.KB); ok {
			fixedOn = append(fixedOn, comp)
		} else {
			all = false
		}
	}
	if all && e.Fix.InstalledRemedy.In(lang) != "" {
		return e.Fix.InstalledRemedy.In(lang), fixedOn
	}
	return remedy, fixedOn
}

// Triage writes a plain-text summary of events classified by cl, in lang:
// per file, the time span, levels, top providers and events, then each
// class with every known event listed once with its count, verdict and
// remedy.
func Triage(w io.Writer, cl *catalog.Classification, events iter.Seq[*model.Event], reports []model.FileReport, lang i18n.Lang) error {
	bw := bufio.NewWriter(w)
	s := summarise(cl, events, lang, 3)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	nfiles := 0 // files that are logs, not those a directory walk passed over
	for i := range reports {
		if reports[i].Skipped.IsZero() {
			nfiles++
		}
	}
	if nfiles == 0 {
		nfiles = len(s.perFile)
	}
	p("%s — %s\n", lblTriageTitle.In(lang), lblSummary.Fill(nEvents(s.total, lang), nFiles(nfiles, lang)).In(lang))
	if !s.first.IsZero() {
		p("%s\n", i18n.Field(lblSpan.In(lang), i18n.Time(s.first)+" – "+i18n.Time(s.last), lang))
	}
	if len(reports) > 0 {
		p("\n%s\n", lblFiles.In(lang))
		for i := range reports {
			triageFile(p, &reports[i], s, lang)
		}
	}
	if s.total == 0 {
		p("\n%s\n", lblNoEvents.In(lang))
		return bw.Flush()
	}
	triageTops(p, s, lang)
	p("\n%s\n", lblByClass.In(lang))
	for _, cls := range triageOrder {
		triageClass(p, cl, s, cls, lang)
	}
	return bw.Flush()
}

// printf is where the triage parts write, through one buffered writer.
type printf func(format string, args ...any)

// triageFile is one file's line in triage's file list: what was read of
// it, its time span and what was not read.
func triageFile(p printf, r *model.FileReport, s *summary, lang i18n.Lang) {
	p("  %s", sanitize.Line(r.Path))
	if r.Format != "" {
		p("%s", i18n.Paren(sanitize.Line(r.Format), lang))
	}
	if r.Err != nil {
		p("%s%s\n", i18n.Colon(lang), lblUnreadable.Fill(sanitize.Line(i18n.SayError(r.Err, lang))).In(lang))
		return
	}
	if !r.Skipped.IsZero() {
		p("%s%s\n", i18n.Colon(lang), lblNotALog.Fill(sanitize.Line(i18n.Say(r.Skipped, lang))).In(lang))
		return
	}
	n := r.RecordsDecoded + r.RecordsUndecoded
	var fsFirst, fsLast time.Time
	if fs := s.perFile[r.Path]; fs != nil {
		n, fsFirst, fsLast = fs.n, fs.first, fs.last
	}
	p("%s%s", i18n.Colon(lang), nEvents(n, lang))
	if !fsFirst.IsZero() {
		p("%s%s – %s", i18n.ListSep(lang), i18n.Time(fsFirst), i18n.Time(fsLast))
	}
	p("%s%s\n", i18n.ClauseSep(lang), i18n.List(fileNotes(r, lang), lang))
}

// fileNotes says what of a read file was not read whole, or that it was,
// and the zone its zone-less times were read in.
func fileNotes(r *model.FileReport, lang i18n.Lang) []string {
	var notes []string
	if r.RecordsSkipped > 0 {
		notes = append(notes, lblSkipped.Fill(i18n.Int(r.RecordsSkipped, lang)).In(lang))
	}
	if r.RecordsUndecoded > 0 {
		notes = append(notes, lblUndecoded.Fill(i18n.Int(r.RecordsUndecoded, lang)).In(lang))
	}
	if r.ChunksFailed > 0 {
		notes = append(notes, damagedChunks.In(r.ChunksFailed, lang))
	}
	if len(r.Problems) > 0 && len(notes) == 0 {
		notes = append(notes, i18n.Problems.In(len(r.Problems), lang))
	}
	if len(notes) == 0 {
		notes = append(notes, lblClean.In(lang))
	}
	if r.Zone != "" {
		// Never let a guessed zone pass for UTC.
		notes = append(notes, i18n.ZoneRead(sanitize.Line(r.Zone), r.ZoneLocal).In(lang))
	}
	return notes
}

// triageTops is triage's levels line and its top providers and event IDs.
func triageTops(p printf, s *summary, lang i18n.Lang) {
	p("\n%s\n", i18n.Field(lblLevels.In(lang), s.levelsLine(lang), lang))
	var tp []string
	for _, x := range top(s.providers, 5, func(a, b string) bool { return a < b }) {
		tp = append(tp, fmt.Sprintf("%s %s", sanitize.Line(x.k), i18n.Int(x.n, lang)))
	}
	p("%s\n", wrap(i18n.Field(lblTopProviders.In(lang), strings.Join(tp, " · "), lang), textWidth, "  "))
	var ti []string
	for _, x := range top(s.ids, 5, lessProvID) {
		ti = append(ti, fmt.Sprintf("%s %d%s", sanitize.Line(x.k.provider), x.k.id, i18n.Paren(i18n.Int(x.n, lang), lang)))
	}
	p("%s\n", wrap(i18n.Field(lblTopIDs.In(lang), strings.Join(ti, " · "), lang), textWidth, "  "))
}

// triageClass is one class's section of triage: its known events, each
// once with count, verdict, reasons and remedy; for the unknown class the
// most frequent events. A class without events has none.
func triageClass(p printf, cl *catalog.Classification, s *summary, cls model.Class, lang i18n.Lang) {
	n := s.classCount[cls]
	if n == 0 {
		return
	}
	gs := s.byClass[cls]
	p("\n== %s — ", catalog.ClassLabel(cls, lang))
	if cls == model.ClassUnknown {
		p("%s ==\n", nEvents(n, lang))
	} else {
		p("%s ==\n", lblKinds.Fill(nEvents(n, lang), nKinds(len(gs), lang)).In(lang))
	}
	p("%s\n", wrap("   "+catalog.ClassDescription(cls, lang), textWidth, "   "))
	for _, g := range gs {
		triageGroup(p, cl, g, cls, lang)
	}
	if cls == model.ClassUnknown && len(s.unknown) > 0 {
		p("\n  %s\n", i18n.Intro(lblTopUnknown.In(lang), lang))
		for _, x := range top(s.unknown, 10, lessProvID) {
			p("    %s %d%s — %s\n", sanitize.Line(x.k.provider), x.k.id, i18n.Paren(catalog.LevelLabel(x.k.level, lang), lang), lblCount.Fill(i18n.Int(x.n, lang)).In(lang))
		}
	}
}

// triageGroup is one known event of a class in triage.
func triageGroup(p printf, cl *catalog.Classification, g *group, cls model.Class, lang i18n.Lang) {
	e := g.entry
	head := fmt.Sprintf("  [%s] %s — %s — %s", e.ID, eventLabel(e, g, lang), e.Title.In(lang),
		lblCount.Fill(i18n.Int(g.n, lang)).In(lang))
	if len(g.computers) > 0 {
		head += i18n.ListSep(lang) + lblOn.Fill(sanitize.Line(i18n.Names(g.computers, lang))).In(lang)
	}
	p("\n%s\n", wrap(head, textWidth, "      "))
	// The verdict says the condition (VerdictFor); the reasons then say
	// whether the logs decide it.
	p("%s\n", wrap("    "+i18n.Field(lblVerdict.In(lang), e.VerdictFor(g.class).In(lang), lang), textWidth, "      "))
	if rs := g.reasons; len(rs) > 0 && cls != model.ClassUnknown {
		for _, r := range rs {
			p("%s\n", wrap("    "+i18n.Field(lblWhy.In(lang), sanitize.Line(r), lang), textWidth, "      "))
		}
	}
	remedy, fixedOn := remedyFor(cl, g, lang)
	p("%s\n", wrap("    "+i18n.Field(lblRemedy.In(lang), remedy, lang), textWidth, "      "))
	if len(fixedOn) > 0 {
		p("%s\n", wrap("    "+lblFixSeen.Fill(e.Fix.KB, sanitize.Line(i18n.Names(fixedOn, lang))).In(lang), textWidth, "      "))
	}
}

// addReasons adds the reasons why ev got the group's class that the group
// does not hold yet, up to max.
func (g *group) addReasons(cl *catalog.Classification, ev *model.Event, lang i18n.Lang, max int) {
	class, reasons := cl.Decide(ev, g.entry, lang)
	if class != g.class {
		return
	}
	for _, r := range reasons {
		if !slices.Contains(g.reasons, r) {
			g.reasons = append(g.reasons, r)
			if len(g.reasons) == max {
				return
			}
		}
	}
}

// eventLabel is "Provider ID" for an entry, using the provider as the group's
// events logged it.
func eventLabel(e *catalog.Entry, g *group, lang i18n.Lang) string {
	prov := ""
	if g != nil && g.n > 0 {
		prov = sanitize.Line(g.provider)
	} else if e.Match != nil && len(e.Match.Providers) > 0 {
		prov = e.Match.Providers[0].Name
	}
	if id, ok := e.EventID(); ok {
		return fmt.Sprintf("%s %d", prov, id)
	}
	if g != nil && g.n > 0 {
		return fmt.Sprintf("%s %d", prov, g.eventID)
	}
	if e.Match == nil {
		return lblNoEvent.In(lang)
	}
	return prov
}

// Markdown writes a Markdown triage report of events classified by cl: each
// class with its known events, their explanation, condition, reasons and
// remedy, then the most frequent unknown errors and warnings. Text from the
// logs is escaped.
func Markdown(w io.Writer, cl *catalog.Classification, events iter.Seq[*model.Event], lang i18n.Lang) error {
	bw := bufio.NewWriter(w)
	s := summarise(cl, events, lang, 5)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("# %s\n\n", lblReportTitle.In(lang))
	files := make([]string, 0, len(s.perFile))
	for f := range s.perFile {
		files = append(files, f)
	}
	sort.Strings(files)
	p("- %s\n", lblSummary.Fill(nEvents(s.total, lang), nFiles(len(files), lang)).In(lang))
	if !s.first.IsZero() {
		p("- %s\n", i18n.Field(lblSpan.In(lang), i18n.Time(s.first)+" – "+i18n.Time(s.last), lang))
	}
	for _, f := range files {
		fs := s.perFile[f]
		p("  - %s\n", i18n.Field("`"+strings.ReplaceAll(sanitize.Line(filepath.Base(f)), "`", "'")+"`", nEvents(fs.n, lang), lang))
	}
	if s.total == 0 {
		p("\n%s\n", lblNoEvents.In(lang))
		return bw.Flush()
	}
	p("- %s\n", i18n.Field(lblLevels.In(lang), s.levelsLine(lang), lang))
	for _, cls := range triageOrder {
		n := s.classCount[cls]
		if n == 0 {
			continue
		}
		p("\n## %s%s\n\n", catalog.ClassLabel(cls, lang), i18n.Paren(i18n.Int(n, lang), lang))
		p("%s\n", catalog.ClassDescription(cls, lang))
		for _, g := range s.byClass[cls] {
			e := g.entry
			p("\n### %s — `%s`\n\n", e.Title.In(lang), e.ID)
			p("*%s · %s", mdSafe(eventLabel(e, g, lang)), lblCount.Fill(i18n.Int(g.n, lang)).In(lang))
			if len(g.computers) > 0 {
				p(" · %s", lblOn.Fill(mdSafe(i18n.Names(g.computers, lang))).In(lang))
			}
			if !g.first.IsZero() {
				p(" · %s", lblFirstLast.Fill(i18n.Time(g.first), i18n.Time(g.last)).In(lang))
			}
			p("*\n\n")
			p("%s%s\n\n", mdLabel(lblVerdict, lang), e.VerdictFor(g.class).In(lang))
			p("%s%s\n\n", mdLabel(lblExplanation, lang), e.Explanation.In(lang))
			if rs := g.reasons; len(rs) > 0 {
				p("%s\n\n", strings.TrimSpace(mdLabel(lblWhy, lang)))
				for _, r := range rs {
					p("- %s\n", mdSafe(r))
				}
				p("\n")
			}
			remedy, fixedOn := remedyFor(cl, g, lang)
			p("%s%s\n", mdLabel(lblRemedy, lang), remedy)
			if len(fixedOn) > 0 {
				p("\n%s\n", lblFixSeen.Fill(e.Fix.KB, mdSafe(i18n.Names(fixedOn, lang))).In(lang))
			}
			if r := e.Registry; r != nil {
				p("\n%s`%s` `%s` (%s) = `%s` — %s\n", mdLabel(lblRegistry, lang), r.Key, r.Name, r.Type, r.Value, r.Where.In(lang))
			}
			if note := e.Note.In(lang); note != "" {
				p("\n> %s\n", i18n.Field(lblNote.In(lang), note, lang))
			}
		}
		if cls == model.ClassUnknown && len(s.unknown) > 0 {
			p("\n%s\n\n", i18n.Intro(lblTopUnknown.In(lang), lang))
			p("| %s | %s | %s | n |\n|---|---|---|---|\n", lblProviders.In(lang), lblEventID.In(lang), lblLevel.In(lang))
			for _, x := range top(s.unknown, 10, lessProvID) {
				p("| %s | %d | %s | %s |\n", mdSafe(x.k.provider), x.k.id, catalog.LevelLabel(x.k.level, lang), i18n.Int(x.n, lang))
			}
		}
	}
	return bw.Flush()
}
