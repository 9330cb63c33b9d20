// Package common is what the viewer's components share: the program
// context (terminal size, styles, language, key bindings, the event store
// and the knowledge that classifies and explains its events) and the
// helpers every component draws with. It follows soft-serve's
// pkg/ui/common and gh-dash's shared program context.
package common

import (
	tea "charm.land/bubbletea/v2"
	"time"

	"eventlens/i18n"
	"eventlens/model/query"
	"eventlens/model/store"
	"eventlens/model/vm"
	"eventlens/ui/keymap"
	"eventlens/ui/styles"
)

// Context is shared by the root model and every component of one terminal.
// The root model owns it and changes it (a resize, the language key, the
// terminal's background); components read it when they update and draw.
type Context struct {
	Width, Height int
	Lang          i18n.Lang
	Keys          keymap.KeyMap
	Styles        *styles.Styles
	NoColor       bool
	Dark          bool

	// Store holds the events, loaded beforehand (serve) or streaming in.
	Store *store.Store
	// KB classifies and explains events; NoCatalog when there is none.
	KB Knowledge
	// VMs returns the index of the VMs the store's events talk about, for
	// vm: terms (see query.WithVMs); nil answers them without the catalog.
	VMs func() *vm.Index

	// Loc is the time zone times are shown in; Now the clock for relative
	// query times and export names (tests fix both).
	Loc *time.Location
	Now func() time.Time
}

// T returns a UI string in the current language.
func (c *Context) T(x i18n.Text) string { return x.In(c.Lang) }

// SetLang switches the language, with the key help that goes with it.
func (c *Context) SetLang(l i18n.Lang) {
	c.Lang = l
	c.Keys = keymap.New(l)
}

// SetBackground restyles for a dark or light terminal background.
func (c *Context) SetBackground(dark bool) {
	c.Dark = dark
	c.Styles = styles.New(dark, c.NoColor)
}

// QueryNow is the clock for queries, in the zone times are shown in, so
// that "after:2011-06-01" means midnight where the user reads the times.
func (c *Context) QueryNow() time.Time { return query.Clock(c.Now(), c.Loc) }

// StatusMsg asks the root model to show a transient message in the status
// line.
type StatusMsg struct {
	Text string
	Err  bool
}

// Status returns a Cmd that shows text in the status line.
func Status(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return StatusMsg{text, isErr} }
}
