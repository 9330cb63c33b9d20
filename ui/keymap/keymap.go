// Package keymap is every key binding of the viewer, with its help text in
// the current language.
package keymap

import (
	"charm.land/bubbles/v2/key"

	"eventlens/i18n"
)

// KeyMap is every binding of the UI. It is rebuilt when the language
// changes, because the help texts are part of it.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	Open, Back, Quit, Help                  key.Binding

	Filter, Search, NextMatch, PrevMatch key.Binding
	SortNext, SortReverse                key.Binding

	IncProvider, ExcProvider key.Binding
	IncID, ExcID             key.Binding
	IncComputer, ExcComputer key.Binding
	IncClass, ExcClass       key.Binding
	ToggleClass, AllClasses  key.Binding

	Mark, MarkAll, ClearMarks key.Binding
	Export, Summary, Report   key.Binding
	Language                  key.Binding

	RawXML, NextEvent, PrevEvent key.Binding

	VMs, Fold, FoldAll key.Binding // the VM list; floods folded (issue 16)
}

// New returns the bindings with help in lang.
func New(lang i18n.Lang) KeyMap {
	t := func(x i18n.Text) string { return x.In(lang) }
	b := func(help string, desc i18n.Text, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(desc)))
	}
	u := &i18n.UI
	return KeyMap{
		Up:       b("↑/k", u.KeyUp, "up", "k"),
		Down:     b("↓/j", u.KeyDown, "down", "j"),
		PageUp:   b("pgup/b", u.KeyPageUp, "pgup", "b", "ctrl+b"),
		PageDown: b("pgdn/f", u.KeyPageDown, "pgdown", "f", "ctrl+f"),
		Top:      b("g/home", u.KeyTop, "g", "home"),
		Bottom:   b("G/end", u.KeyBottom, "G", "shift+g", "end"),
		Open:     b("enter", u.KeyOpen, "enter"),
		Back:     b("esc", u.KeyBack, "esc"),
		Quit:     b("q", u.KeyQuit, "q", "ctrl+c"),
		Help:     b("?", u.KeyHelp, "?"),

		Filter:      b("/", u.KeyFilter, "/"),
		Search:      b("s", u.KeySearch, "s"),
		NextMatch:   b("n", u.KeyNextMatch, "n"),
		PrevMatch:   b("N", u.KeyPrevMatch, "N", "shift+n"),
		SortNext:    b("o", u.KeySortNext, "o"),
		SortReverse: b("r", u.KeySortReverse, "r"),

		IncProvider: b("p", u.KeyIncProvider, "p"),
		ExcProvider: b("P", u.KeyExcProvider, "P", "shift+p"),
		IncID:       b("i", u.KeyIncID, "i"),
		ExcID:       b("I", u.KeyExcID, "I", "shift+i"),
		IncComputer: b("c", u.KeyIncComputer, "c"),
		ExcComputer: b("C", u.KeyExcComputer, "C", "shift+c"),
		IncClass:    b("t", u.KeyIncClass, "t"),
		ExcClass:    b("T", u.KeyExcClass, "T", "shift+t"),
		ToggleClass: b("1-6", u.KeyToggleClass, "1", "2", "3", "4", "5", "6"),
		AllClasses:  b("0", u.KeyAllClasses, "0"),

		Mark:       b("space", u.KeyMark, "space", "m"),
		MarkAll:    b("M", u.KeyMarkAll, "M", "shift+m"),
		ClearMarks: b("U", u.KeyClearMarks, "U", "shift+u"),
		Export:     b("e", u.KeyExport, "e"),
		Summary:    b("S/tab", u.KeySummary, "S", "shift+s", "tab"),
		Report:     b("R", u.KeyReport, "R", "shift+r"),
		Language:   b("L", u.KeyLanguage, "L", "shift+l"),

		RawXML:    b("x", u.KeyRawXML, "x"),
		NextEvent: b("J", u.KeyNextEvent, "J", "shift+j"),
		PrevEvent: b("K", u.KeyPrevEvent, "K", "shift+k"),

		VMs:     b("V", keyVMs, "V", "shift+v"),
		Fold:    b("z", keyFold, "z"),
		FoldAll: b("Z", keyFoldAll, "Z", "shift+z"),
	}
}

// Help of the keys of issue 16's views.
var (
	keyVMs     = i18n.Text{EN: "virtual machines", JA: "仮想マシン一覧", NL: "virtuele machines"}
	keyFold    = i18n.Text{EN: "unfold/fold flood", JA: "大量発生を展開/折りたたみ", NL: "stortvloed open/dicht"}
	keyFoldAll = i18n.Text{EN: "unfold/fold all floods", JA: "すべての大量発生を展開/折りたたみ", NL: "alle stortvloeden open/dicht"}
)

// Help adapts a context's bindings to help.KeyMap.
type Help struct {
	Short []key.Binding
	Full  [][]key.Binding
}

func (h Help) ShortHelp() []key.Binding  { return h.Short }
func (h Help) FullHelp() [][]key.Binding { return h.Full }

// ListHelp is the list's help.
func (k KeyMap) ListHelp() Help {
	return Help{
		Short: []key.Binding{k.Filter, k.Search, k.Open, k.Mark, k.Export, k.Summary, k.Language, k.Help, k.Quit},
		Full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Open, k.SortNext, k.SortReverse},
			{k.Filter, k.Search, k.NextMatch, k.PrevMatch, k.ToggleClass, k.AllClasses},
			{k.IncProvider, k.ExcProvider, k.IncID, k.ExcID, k.IncComputer, k.ExcComputer, k.IncClass, k.ExcClass},
			{k.Mark, k.MarkAll, k.ClearMarks, k.Export, k.Summary, k.Report, k.Language, k.Help, k.Quit},
			{k.VMs, k.Fold, k.FoldAll},
		},
	}
}

// DetailHelp is the detail pane's help.
func (k KeyMap) DetailHelp() Help {
	return Help{
		Short: []key.Binding{k.Up, k.Down, k.NextEvent, k.PrevEvent, k.RawXML, k.Mark, k.Language, k.Back},
		Full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
			{k.NextEvent, k.PrevEvent, k.RawXML, k.Mark, k.Language, k.Back},
			{k.Filter, k.Search, k.NextMatch, k.PrevMatch, k.Export},
		},
	}
}
