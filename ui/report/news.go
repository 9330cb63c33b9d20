package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/fold"
	"eventlens/model/novelty"
	"eventlens/model/sanitize"
	"eventlens/model/store"
)

// Limits of the News sections.
const (
	maxFloods = 5
	maxNovel  = 10
)

// Format is how a report is written: plain text for a terminal (triage)
// or Markdown (the viewer's export).
type Format int

// The formats.
const (
	AsText Format = iota
	AsMarkdown
)

// Write writes the triage report of rows (store slots in timeline order),
// classified by cl, in format f: the classes, then the floods and the
// novelty ranking (News). The triage command and the viewer's Markdown
// export both write it here, so they cannot drift apart. reports are the
// load's file reports, for the text's per-file lines.
func Write(w io.Writer, f Format, cl *catalog.Classification, s *store.Store, rows []int32, reports []model.FileReport, lang i18n.Lang) error {
	var err error
	if f == AsMarkdown {
		err = Markdown(w, cl, s.Rows(rows), lang)
	} else {
		err = Triage(w, cl, s.Rows(rows), reports, lang)
	}
	if err != nil {
		return err
	}
	return news(w, f, s, rows, lang)
}

// News writes, as text, the two sections a triage adds after its classes:
// the floods (runs of one kind, as the viewer folds them; each kind once
// with its count and span), and the unknown errors and warnings ranked by
// novelty (model/novelty). rows are store slots in timeline order.
func News(w io.Writer, s *store.Store, rows []int32, lang i18n.Lang) error {
	return news(w, AsText, s, rows, lang)
}

// news is News in format f.
func news(w io.Writer, f Format, s *store.Store, rows []int32, lang i18n.Lang) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	safe, heading, item := sanitize.Line, "\n%s\n", func(line string) string { return wrap("  "+line, textWidth, "      ") }
	if f == AsMarkdown {
		safe, heading, item = mdSafe, "\n## %s\n\n", func(line string) string { return "- " + line }
	}
	if floods := Floods(s, rows); len(floods) > 0 {
		p(heading, lblFloods.In(lang))
		for _, f := range floods[:min(len(floods), maxFloods)] {
			line := fmt.Sprintf("%s %d%s — %s", safe(f.Provider), f.EventID,
				i18n.Paren(catalog.LevelLabel(f.Level, lang)+i18n.ListSep(lang)+catalog.ClassLabel(f.Class, lang), lang), lblCount.Fill(i18n.Int(f.Count, lang)).In(lang))
			if f.Runs > 1 {
				line += lblInRuns.Fill(i18n.Int(f.Runs, lang)).In(lang)
			}
			line += i18n.ListSep(lang) + i18n.Time(f.First) + " – " + i18n.Time(f.Last)
			line += i18n.ListSep(lang) + lblOn.Fill(safe(i18n.Names(f.Computers, lang))).In(lang)
			p("%s\n", item(line))
		}
	}
	items := novelty.Rank(s, rows)
	if len(items) > 0 {
		computers := countComputers(s, rows)
		p(heading, lblNovel.In(lang))
		for _, it := range items[:min(len(items), maxNovel)] {
			line := fmt.Sprintf("%s %d%s — %s%s%s%s%s", safe(it.Provider), it.EventID,
				i18n.Paren(catalog.LevelLabel(it.Level, lang), lang), lblCount.Fill(i18n.Int(it.Count, lang)).In(lang),
				i18n.ListSep(lang), lblFirst.Fill(i18n.Time(it.First)).In(lang),
				i18n.ListSep(lang), lblOn.Fill(safe(i18n.Names(it.Computers, lang))).In(lang))
			if it.NComputers > len(it.Computers) {
				line += lblAndMore.Fill(i18n.Int(it.NComputers-len(it.Computers), lang)).In(lang)
			}
			if why := reasons(it, computers, lang); why != "" {
				line += " — " + why
			}
			p("%s\n", item(line))
		}
	}
	return bw.Flush()
}

// reasons says in words why an item looks new.
func reasons(it novelty.Item, computers int, lang i18n.Lang) string {
	var out []string
	if it.Reasons&novelty.New != 0 {
		out = append(out, lblNew.In(lang))
	}
	if it.Reasons&novelty.Rare != 0 {
		out = append(out, lblRare.Fill(i18n.Int(it.NComputers, lang), i18n.Int(computers, lang)).In(lang))
	}
	if it.Reasons&novelty.Burst != 0 {
		out = append(out, lblBurst.Fill(i18n.Int(it.Peak, lang)).In(lang))
	}
	return strings.Join(out, " · ")
}

// Flood is one kind of event that floods: the runs of it fold.Find finds,
// taken together.
type Flood struct {
	fold.Kind
	Provider    string
	Level       model.Level // of its first event
	Count, Runs int
	First, Last time.Time
	Computers   []string // up to five, in order of first appearance
}

// Floods returns the kinds that flood rows, largest first.
func Floods(s *store.Store, rows []int32) []Flood {
	f := fold.Find(s, rows, fold.Options{})
	byKind := map[fold.Kind]*Flood{}
	var out []*Flood
	syms := s.Symbols()
	for r, run := range f.Runs {
		fl := byKind[run.Kind]
		if fl == nil {
			head := int(rows[run.Head])
			fl = &Flood{Kind: run.Kind, Provider: syms[run.Provider], Level: s.Key(head).Level, First: s.Time(head)}
			byKind[run.Kind] = fl
			out = append(out, fl)
		}
		fl.Count += run.Count
		fl.Runs++
		fl.Last = s.Time(int(rows[run.Last]))
		for i := run.Head; i <= run.Last && len(fl.Computers) < 5; i++ {
			if f.RunOf(i) != r {
				continue
			}
			if c := syms[s.Key(int(rows[i])).Computer]; !slices.Contains(fl.Computers, c) {
				fl.Computers = append(fl.Computers, c)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b *Flood) int { return cmp.Compare(b.Count, a.Count) })
	res := make([]Flood, len(out))
	for i, fl := range out {
		res[i] = *fl
	}
	return res
}

func countComputers(s *store.Store, rows []int32) int {
	seen := map[store.Sym]bool{}
	for _, r := range rows {
		seen[s.Key(int(r)).Computer] = true
	}
	return len(seen)
}

// Labels of the News sections.
var (
	lblFloods  = i18n.Text{EN: "Floods (runs of one kind, folded in the viewer; largest first)", JA: "大量発生（同じ種類の連続するイベント。ビューアーでは 1 行にまとめて表示。多い順）", NL: "Stortvloeden (reeksen van één soort, in de viewer samengevouwen; grootste eerst)"}
	lblInRuns  = i18n.Text{EN: " in %[1]s runs", JA: "（%[1]s 回に分かれて）", NL: " in %[1]s reeksen"}
	lblNovel   = i18n.Text{EN: "New and unusual: unknown errors and warnings, most novel first", JA: "新しい・珍しいもの：カタログにないエラー・警告（新しさの順）", NL: "Nieuw en ongewoon: onbekende fouten en waarschuwingen, nieuwste eerst"}
	lblFirst   = i18n.Text{EN: "first %[1]s", JA: "初回 %[1]s", NL: "eerst %[1]s"}
	lblAndMore = i18n.Text{EN: " and %[1]s more", JA: "ほか %[1]s 台", NL: " en nog %[1]s"}
	lblNew     = i18n.Text{EN: "first seen after half the events", JA: "イベントの後半で初めて出現", NL: "pas na de helft van de gebeurtenissen voor het eerst gezien"}
	lblRare    = i18n.Text{EN: "on %[1]s of %[2]s computers", JA: "%[2]s 台中 %[1]s 台のみ", NL: "op %[1]s van %[2]s computers"}
	lblBurst   = i18n.Text{EN: "burst: %[1]s in one hour", JA: "集中：1 時間に %[1]s 件", NL: "uitbarsting: %[1]s in één uur"}
)
