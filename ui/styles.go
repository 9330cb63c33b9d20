package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"eventlens/model"
)

// styles holds every style the UI draws with. It is built per program from
// the terminal's background (asked with tea.RequestBackgroundColor, which
// also works over SSH) and Config.NoColor, never from globals.
type styles struct {
	noColor bool

	// Row prefixes are raw SGR sequences: the list draws many rows per
	// frame and building them from lipgloss styles would cost more than the
	// whole frame budget.
	rowClass   [6]string // by model.Class
	rowError   string    // unknown error or critical
	rowWarning string    // unknown warning
	cursorSGR  string    // added to the row prefix on the cursor row
	markSGR    string    // the mark gutter

	header    lipgloss.Style // top title bar
	colHeader lipgloss.Style // column titles
	status    lipgloss.Style
	errText   lipgloss.Style
	okText    lipgloss.Style
	dim       lipgloss.Style
	title     lipgloss.Style // section titles in panes
	label     lipgloss.Style // field names in the detail pane
	border    lipgloss.Style // the split separator
	dialog    lipgloss.Style
	selected  lipgloss.Style // selected option or bar
	barColor  color.Color
	progFull  color.Color
	progEmpty color.Color
	help      help.Styles
}

func newStyles(isDark, noColor bool) *styles {
	st := &styles{noColor: noColor}
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
		st.rowClass[model.ClassHarmless] = sgr(ansi.NewStyle().Faint())
		st.rowClass[model.ClassUpdate] = sgr(ansi.NewStyle().Faint())
		st.rowClass[model.ClassAttention] = sgr(ansi.NewStyle().Underline(true))
		st.rowClass[model.ClassKnownIssue] = sgr(ansi.NewStyle().Bold())
		st.rowError = sgr(ansi.NewStyle().Bold())
		st.cursorSGR = sgr(ansi.NewStyle().Reverse(true))
		st.header = lipgloss.NewStyle().Reverse(true)
		st.colHeader = lipgloss.NewStyle().Bold(true).Underline(true)
		st.status = lipgloss.NewStyle()
		st.errText = lipgloss.NewStyle().Bold(true)
		st.okText = lipgloss.NewStyle()
		st.dim = lipgloss.NewStyle().Faint(true)
		st.title = lipgloss.NewStyle().Bold(true).Underline(true)
		st.label = lipgloss.NewStyle().Bold(true)
		st.border = lipgloss.NewStyle()
		st.dialog = lipgloss.NewStyle().Border(lipgloss.NormalBorder()).Padding(0, 1)
		st.selected = lipgloss.NewStyle().Reverse(true)
		st.help = help.Styles{
			Ellipsis: lipgloss.NewStyle(), ShortKey: lipgloss.NewStyle().Bold(true), ShortDesc: lipgloss.NewStyle(),
			ShortSeparator: lipgloss.NewStyle(), FullKey: lipgloss.NewStyle().Bold(true), FullDesc: lipgloss.NewStyle(),
			FullSeparator: lipgloss.NewStyle(),
		}
		return st
	}

	fg := func(light, dark string) string { return sgr(ansi.NewStyle().ForegroundColor(c(light, dark))) }
	st.rowClass[model.ClassHarmless] = fg("#8a8a8a", "#7c7c7c")
	st.rowClass[model.ClassUpdate] = fg("#2f6f8f", "#6fa8c8")
	st.rowClass[model.ClassConditional] = fg("#7a6a00", "#d7c35f")
	st.rowClass[model.ClassAttention] = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#af5f00", "#ffaf5f")))
	st.rowClass[model.ClassKnownIssue] = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#8700af", "#d787ff")))
	st.rowError = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#c00000", "#ff5f5f")))
	st.rowWarning = fg("#9a5a00", "#ffd787")
	st.cursorSGR = sgr(ansi.NewStyle().Reverse(true))
	st.markSGR = sgr(ansi.NewStyle().Bold().ForegroundColor(c("#005fd7", "#5fafff")))

	accent := c("#5a56e0", "#7571f9")
	st.header = lipgloss.NewStyle().Foreground(c("#ffffff", "#ffffff")).Background(accent)
	st.colHeader = lipgloss.NewStyle().Bold(true).Foreground(c("#303030", "#d0d0d0")).Underline(true)
	st.status = lipgloss.NewStyle().Foreground(c("#404040", "#c0c0c0"))
	st.errText = lipgloss.NewStyle().Bold(true).Foreground(c("#c00000", "#ff5f5f"))
	st.okText = lipgloss.NewStyle().Foreground(c("#007a00", "#5fd75f"))
	st.dim = lipgloss.NewStyle().Foreground(c("#8a8a8a", "#6c6c6c"))
	st.title = lipgloss.NewStyle().Bold(true).Foreground(accent)
	st.label = lipgloss.NewStyle().Foreground(c("#5f5f87", "#afafd7"))
	st.border = lipgloss.NewStyle().Foreground(c("#c0c0c0", "#4e4e4e"))
	st.dialog = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1)
	st.selected = lipgloss.NewStyle().Reverse(true)
	st.barColor = c("#5a56e0", "#7571f9")
	st.progFull = accent
	st.progEmpty = c("#d0d0d0", "#3a3a3a")
	st.help = help.DefaultStyles(isDark)
	return st
}

// rowSGR returns the SGR prefix for an event's row: its class colour, and
// for unknown events its level, so that unexplained errors stand out.
func (st *styles) rowSGR(ev *model.Event) string {
	if ev.Class == model.ClassUnknown || int(ev.Class) >= len(st.rowClass) {
		switch ev.Level {
		case model.LevelCritical, model.LevelError:
			return st.rowError
		case model.LevelWarning:
			return st.rowWarning
		}
		return ""
	}
	return st.rowClass[ev.Class]
}
