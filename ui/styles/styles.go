// Package styles holds every style the viewer draws with.
package styles

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"eventlens/model"
)

// Styles holds every style the UI draws with. It is built per program from
// the terminal's background (asked with tea.RequestBackgroundColor, which
// also works over SSH) and Config.NoColor, never from globals.
type Styles struct {
	NoColor bool

	// Row prefixes are raw SGR sequences: the list draws many rows per
	// frame and building them from lipgloss styles would cost more than the
	// whole frame budget.
	RowClass   [6]string // by model.Class
	RowError   string    // unknown error or critical
	RowWarning string    // unknown warning
	CursorSGR  string    // added to the row prefix on the cursor row
	MarkSGR    string    // the mark gutter

	Header    lipgloss.Style // top title bar
	ColHeader lipgloss.Style // column titles
	Status    lipgloss.Style
	ErrText   lipgloss.Style
	OKText    lipgloss.Style
	Dim       lipgloss.Style
	Title     lipgloss.Style // section titles in panes
	Label     lipgloss.Style // field names in the detail pane
	Border    lipgloss.Style // the split separator
	Dialog    lipgloss.Style
	Selected  lipgloss.Style // selected option or bar
	BarColor  color.Color
	ProgFull  color.Color
	ProgEmpty color.Color
	Help      help.Styles
}

// New returns the styles for a terminal with a dark or light background,
// without colour when noColor is set (NO_COLOR).
func New(isDark, noColor bool) *Styles {
	st := &Styles{NoColor: noColor}
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	sgr := func(s ansi.Style) string {
		if len(s) == 0 {
			return ""
		}
		return s.String()
	}

	if noColor {
		// NO_COLOR forbids colour, not emphasis: keep the classes apart with
		// attributes so unknown errors still stand out.
		st.RowClass[model.ClassHarmless] = sgr(ansi.NewStyle().Faint())
		st.RowClass[model.ClassUpdate] = sgr(ansi.NewStyle().Faint())
		st.RowClass[model.ClassAttention] = sgr(ansi.NewStyle().Underline(true))
		st.RowClass[model.ClassKnownIssue] = sgr(ansi.NewStyle().Bold())
		st.RowError = sgr(ansi.NewStyle().Bold())
		st.CursorSGR = sgr(ansi.NewStyle().Reverse(true))
		st.Header = lipgloss.NewStyle().Reverse(true)
		st.ColHeader = lipgloss.NewStyle().Bold(true).Underline(true)
		st.Status = lipgloss.NewStyle()
		st.ErrText = lipgloss.NewStyle().Bold(true)
		st.OKText = lipgloss.NewStyle()
		st.Dim = lipgloss.NewStyle().Faint(true)
		st.Title = lipgloss.NewStyle().Bold(true).Underline(true)
		st.Label = lipgloss.NewStyle().Bold(true)
		st.Border = lipgloss.NewStyle()
		st.Dialog = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).Padding(0, 1)
		st.Selected = lipgloss.NewStyle().Reverse(true)
		st.Help = help.Styles{
			Ellipsis: lipgloss.NewStyle(), ShortKey: lipgloss.NewStyle().Bold(true), ShortDesc: lipgloss.NewStyle(),
			ShortSeparator: lipgloss.NewStyle(), FullKey: lipgloss.NewStyle().Bold(true), FullDesc: lipgloss.NewStyle(),
			FullSeparator: lipgloss.NewStyle(),
		}
		return st
	}

	fg := func(light, dark string) string { return sgr(ansi.NewStyle().ForegroundColor(c(light, dark))) }
	st.RowClass[model.ClassHarmless] = fg("#8a8a8a", "#7c7c7c")
	st.RowClass[model.ClassUpdate] = fg("#2f6f8f", "#6fa8c8")
	st.RowClass[model.ClassConditional] = fg("#7a6a00", "#d7c35f")
	st.RowClass[model.ClassAttention] = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#af5f00", "#ffaf5f")))
	st.RowClass[model.ClassKnownIssue] = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#8700af", "#d787ff")))
	st.RowError = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#c00000", "#ff5f5f")))
	st.RowWarning = fg("#9a5a00", "#ffd787")
	st.CursorSGR = sgr(ansi.NewStyle().Reverse(true))
	st.MarkSGR = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#005fd7", "#5fafff")))

	accent := c("#5a56e0", "#7571f9")
	st.Header = lipgloss.NewStyle().Foreground(c("#ffffff", "#ffffff")).Background(accent)
	st.ColHeader = lipgloss.NewStyle().Bold(true).Foreground(c("#303030", "#d0d0d0")).Underline(true)
	st.Status = lipgloss.NewStyle().Foreground(c("#404040", "#c0c0c0"))
	st.ErrText = lipgloss.NewStyle().Bold(true).Foreground(c("#c00000", "#ff5f5f"))
	st.OKText = lipgloss.NewStyle().Foreground(c("#007a00", "#5fd75f"))
	st.Dim = lipgloss.NewStyle().Foreground(c("#8a8a8a", "#6c6c6c"))
	st.Title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	st.Label = lipgloss.NewStyle().Foreground(c("#5f5f87", "#afafd7"))
	st.Border = lipgloss.NewStyle().Foreground(c("#c0c0c0", "#4e4e4e"))
	st.Dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	st.Selected = lipgloss.NewStyle().Reverse(true)
	st.BarColor = c("#5a56e0", "#7571f9")
	st.ProgFull = accent
	st.ProgEmpty = c("#d0d0d0", "#3a3a3a")
	st.Help = help.DefaultStyles(isDark)
	return st
}

// RowSGR returns the SGR prefix for an event's row: its class colour, and
// for unknown events its level, so that unexplained errors stand out.
func (st *Styles) RowSGR(ev *model.Event) string {
	if ev.Class == model.ClassUnknown || int(ev.Class) >= len(st.RowClass) {
		switch ev.Level {
		case model.LevelCritical, model.LevelError:
			return st.RowError
		case model.LevelWarning:
			return st.RowWarning
		}
		return ""
	}
	return st.RowClass[ev.Class]
}
