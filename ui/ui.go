// Package ui is eventlens's terminal user interface: a windowed, filterable
// list of events coloured by classification, a detail pane with the
// catalog's explanation, marks, export and a summary view.
//
// One Model serves one terminal. It keeps all of its state (filter, marks,
// language, colours) to itself, so that a server can run one per SSH
// session over a shared, read-only store.
package ui

import (
	"context"
	"eventlens/ui/common"
	"eventlens/ui/components/detail"
	"eventlens/ui/components/exportdialog"
	"eventlens/ui/components/filterline"
	"eventlens/ui/components/helpscreen"
	"eventlens/ui/components/list"
	"eventlens/ui/components/report"
	"eventlens/ui/components/summary"
	"eventlens/ui/components/vms"
	"fmt"
	"io"
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/store"
)

// Config sets up a Model. Either Load or Store must be set.
type Config struct {
	// Lang is the language the UI starts in; the user can cycle it live.
	Lang i18n.Lang
	// Catalog classifies and explains events; nil runs without one.
	Catalog *catalog.Catalog
	// Classification is the classification of the load: the one that
	// classified a preloaded Store (serve), or the one the pipeline behind
	// Load classifies each batch with; the UI explains with it and runs the
	// final pass with it once Load returns. Nil means a fresh one.
	Classification *catalog.Classification

	// Load reads the inputs, calling emit with batches of events (already
	// classified as far as the events so far allow) and progress: a
	// (*pipeline.Load).Stream. The UI runs it in its own goroutine and
	// cancels ctx when it quits. Nil when Store is given.
	Load func(ctx context.Context, emit func(model.Update)) ([]model.FileReport, error)
	// Store is a store loaded and classified beforehand (serve). The UI
	// only reads it, so many UIs may share one.
	Store *store.Store
	// Reports are the load reports that go with a preloaded Store.
	Reports []model.FileReport

	// ExportDir is where the export dialog proposes to write; empty means
	// the current directory.
	ExportDir string
	// WriteFile writes an export file atomically, refusing to replace an
	// existing one unless overwrite is set (returning export.ErrExists).
	// Nil means export.WriteFile. A server passes one confined to the
	// user's export directory.
	WriteFile func(path string, overwrite bool, write func(io.Writer) error) error
	// ExportDisabled turns the export dialog into a message saying so.
	ExportDisabled bool

	// RawXML returns the XML of a record, read from its file on demand.
	// Nil disables the raw XML view.
	RawXML func(*model.Event) (string, error)

	// VMLinks is the file that remembers the guest links made by hand in
	// the VM list for this case (vm.LinksPath); "" keeps them for the
	// session only.
	VMLinks string

	// NoColor draws without colour (NO_COLOR), keeping bold and reverse.
	NoColor bool
	// Location is the time zone times are shown in; nil means time.Local.
	Location *time.Location
	// Now is the clock for relative query times and export names; nil
	// means time.Now. Tests fix it.
	Now func() time.Time
}

type screen int

const (
	screenList screen = iota
	screenSummary
	screenReport
	screenHelp
	screenVMs
)

// Model is the UI of one terminal. Create it with New.
type Model struct {
	// The program context, shared with every component.
	*common.Context

	cfg    Config
	screen screen

	// Loading.
	loader  *loader
	cancel  context.CancelFunc
	loading bool
	// classifying is set during the catalog's final pass over a load.
	classifying bool
	progress    model.Progress
	reports     []model.FileReport
	loadErr     error
	loadStart   time.Time
	loadTook    time.Duration
	bar         progress.Model

	// The components: the list always; the others by screen.
	list         *list.Model
	filter       *filterline.Model
	searchOrigin int // the cursor's row when the search line opened

	// Detail pane.
	detailOpen bool
	detail     *detail.Model

	export    *exportdialog.Model // nil when closed
	summary   *summary.Model
	summaryAt uint64 // rowsVersion the summary was opened for
	report    *report.Model
	help      help.Model

	statusMsg string
	statusErr bool
	statusID  int

	helpScreen *helpscreen.Model
	vms        *vms.Model // the VM list (V)
}

// New returns the UI for cfg.
func New(cfg Config) *Model {
	m := &Model{
		Context: newContext(cfg),
		cfg:     cfg,
	}
	m.reports = cfg.Reports
	m.help = help.New()
	m.filter = filterline.New(m.Context)
	m.detail = detail.New(m.Context, cfg.RawXML)
	m.report = report.New(m.Context)
	m.helpScreen = helpscreen.New(m.Context)
	m.summary = summary.New(m.Context)
	m.vms = vms.New(m.Context, vmExtractor(cfg.Catalog), cfg.VMLinks)
	m.VMs = m.vms.Index // vm: terms are answered from the VM list's index
	m.list = list.New(m.Context)
	m.applyStyles()
	m.resize()
	m.sync()
	return m
}

// Init starts the load and asks the terminal for its background colour.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.cfg.Load != nil && m.cfg.Store == nil {
		ctx, cancel := context.WithCancel(context.Background())
		m.cancel = cancel
		m.loading = true
		m.loadStart = time.Now()
		m.loader = startLoad(ctx, m.cfg.Load)
		cmds = append(cmds, m.loader.wait())
	}
	return tea.Batch(cmds...)
}

// Close stops a load still running. The UI calls it when it quits; a
// server calls it when a session ends some other way.
func (m *Model) Close() {
	if m.cancel != nil {
		m.cancel()
	}
}

// newContext is the program context for cfg, at 80×24 on a dark
// background until the terminal tells otherwise.
func newContext(cfg Config) *common.Context {
	c := &common.Context{Width: 80, Height: 24, NoColor: cfg.NoColor, Loc: cfg.Location, Now: cfg.Now, Store: cfg.Store}
	if c.Loc == nil {
		c.Loc = time.Local
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	c.KB = common.NoCatalog{}
	if cfg.Catalog != nil {
		cl := cfg.Classification
		if cl == nil {
			cl = cfg.Catalog.NewClassification()
		}
		c.KB = common.CatalogKnowledge{C: cl}
	}
	if c.Store == nil {
		c.Store = store.New()
	}
	c.SetLang(cfg.Lang)
	c.SetBackground(true)
	return c
}

func (m *Model) applyStyles() {
	m.SetBackground(m.Dark)
	m.help.Styles = m.Styles.Help
	m.filter.Restyle()
	opts := []progress.Option{progress.WithWidth(common.Clamp(m.Width/4, 10, 40))}
	if m.cfg.NoColor {
		opts = append(opts, progress.WithFillCharacters('#', '.'), progress.WithColors(nil))
	} else {
		opts = append(opts, progress.WithColors(m.Styles.ProgFull))
	}
	m.bar = progress.New(opts...)
	if !m.cfg.NoColor {
		m.bar.EmptyColor = m.Styles.ProgEmpty
	}
	m.detail.Restyle()
	if m.helpScreen != nil {
		m.helpScreen.Refresh()
		m.report.Refresh()
	}
}

// resize gives each component its share of the terminal.
func (m *Model) resize() {
	l := m.layout()
	m.helpScreen.SetSize(m.Width, l.bodyH)
	m.report.SetSize(m.Width, l.bodyH)
	m.summary.SetSize(m.Width, l.bodyH)
	m.vms.SetSize(m.Width, l.bodyH)
	m.filter.SetSize(m.Width)
	// The short help and the progress bar are sized here, not in View,
	// which changes nothing.
	m.help.SetWidth(m.Width - 3)
	m.bar.SetWidth(common.Clamp(m.Width/4, 10, 40))
	if m.export != nil {
		m.export.SetSize(m.Width, l.bodyH)
	}
}

// setStatus shows a transient message in the status line.
func (m *Model) setStatus(msg string, isErr bool) tea.Cmd {
	m.statusMsg, m.statusErr = msg, isErr
	m.statusID++
	id := m.statusID
	return statusTimer(id)
}

// statusTimer returns the Cmd that clears status message id after its time
// on screen. Tests replace it: they can then wait for every other Cmd as
// long as a busy machine needs, without a timer they would have to wait out.
var statusTimer = func(id int) tea.Cmd {
	return tea.Tick(5*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{id} })
}

type clearStatusMsg struct{ id int }

// Update handles one message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.Width, m.Height = max(msg.Width, 1), max(msg.Height, 1)
		m.resize()
	case tea.BackgroundColorMsg:
		m.Dark = msg.IsDark()
		m.applyStyles()
	case clearStatusMsg:
		if msg.id == m.statusID {
			m.statusMsg = ""
		}
	case loadMsg:
		cmds = append(cmds, m.handleLoad(msg))
	case reclassifyMsg:
		cmds = append(cmds, m.handleReclassify(msg))
	case detail.RawMsg:
		cmds = append(cmds, m.detail.Update(msg))
	case common.StatusMsg:
		cmds = append(cmds, m.setStatus(msg.Text, msg.Err))
	case exportdialog.DoneMsg:
		cmds = append(cmds, m.updateExport(msg))
	case tea.PasteMsg:
		switch {
		case m.filter.Mode() != filterline.None:
			cmds = append(cmds, m.inputKey(msg))
		case m.export != nil:
			cmds = append(cmds, m.updateExport(msg))
		}
	case tea.KeyPressMsg:
		cmds = append(cmds, m.handleKey(msg))
	case tea.MouseClickMsg:
		cmds = append(cmds, m.handleClick(msg))
	case summary.FilterMsg:
		cmds = append(cmds, m.filterToSpan(msg.From, msg.To))
	case vms.FilterMsg:
		m.screen = screenList
		m.list.SetFilter(msg.Query)
	case tea.MouseWheelMsg:
		m.handleWheel(msg)
	default:
		// Cursor blinks and other internal messages of the input.
		if m.filter.Mode() != filterline.None {
			cmds = append(cmds, m.inputKey(msg))
		} else if m.export != nil {
			cmds = append(cmds, m.updateExport(msg))
		}
	}
	cmds = append(cmds, m.sync())
	return m, tea.Batch(cmds...)
}

// quit stops the load and ends the program.
func (m *Model) quit() tea.Cmd {
	m.Close()
	return tea.Quit
}

// openExport opens the export dialog on the marked events (in timeline
// order) and the current view (in its displayed order).
func (m *Model) openExport() tea.Cmd {
	if m.cfg.ExportDisabled {
		return m.setStatus(m.T(uiText.ExportDisabled), true)
	}
	m.export = exportdialog.New(m.Context, exportdialog.Config{Dir: m.cfg.ExportDir, WriteFile: m.cfg.WriteFile}, m.exportScope())
	m.export.SetSize(m.Width, m.layout().bodyH)
	return nil
}

// exportScope is what the export dialog may write: the marked events in
// timeline order and the current view, as store slots.
func (m *Model) exportScope() exportdialog.Scope {
	marked := make([]int32, 0, len(m.list.Marks()))
	for r := range m.list.Marks() {
		marked = append(marked, r)
	}
	slices.SortFunc(marked, func(a, b int32) int { return m.Store.Compare(int(a), int(b)) })
	return exportdialog.Scope{Marked: marked, View: slices.Clone(m.list.Matches()), Settled: !m.loading && !m.classifying}
}

// updateExport passes msg to the export dialog, and closes it when it is
// done, saying what was written.
func (m *Model) updateExport(msg tea.Msg) tea.Cmd {
	if m.export == nil {
		return nil
	}
	cmd := m.export.Update(msg)
	if !m.export.Closed() {
		return cmd
	}
	path, n, ok := m.export.Result()
	m.export = nil
	if ok {
		return m.setStatus(fmt.Sprintf(m.T(uiText.ExportDone), i18n.Events.In(n, m.Lang), path), false)
	}
	return cmd
}
