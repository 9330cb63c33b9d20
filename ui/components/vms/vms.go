// Package vms is the viewer's VM list (key V): every virtual machine the
// loaded events talk about, with its ID, the hosts that logged about it,
// its guest's computer, its first and last event and its events counted by
// class, coloured as the list colours them. Enter filters the timeline to
// the selected VM (vm:ID), host events and guest events merged; l links a
// computer's logs to the VM by hand (remembered per case).
//
// The VMs come from model/vm; the catalog's knowledge reaches it through
// the context's Knowledge. The component builds the index when it opens
// and whenever the store has grown since.
package vms

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
	"eventlens/model/vm"
	"eventlens/ui/common"
)

// FilterMsg asks the root model to set the filter to Query (vm:ID, or
// vm:"NAME" for a VM known only by name) and return to the list.
type FilterMsg struct{ Query string }

// Model is the VM list.
type Model struct {
	ctx  *common.Context
	w, h int

	ix        *vm.Index
	extractor vm.Extractor
	links     vm.Links
	linksPath string // "" when links cannot be remembered
	status    string

	sel, top int

	// The computer chooser of a link by hand.
	choosing bool
	comps    []string
	csel     int
}

// New returns the VM list. Links made by hand are read from and saved to
// linksPath (see vm.LinksPath); "" keeps them for this session only. x
// finds the VMs an event names (nil: vm.Generic).
func New(ctx *common.Context, x vm.Extractor, linksPath string) *Model {
	m := &Model{ctx: ctx, extractor: x, linksPath: linksPath, links: vm.Links{}}
	if linksPath != "" {
		links, err := vm.LoadLinks(linksPath)
		m.links = links
		if err != nil {
			m.status = err.Error()
		}
	}
	return m
}

// Index returns the VM index of the store as it is now, building it if
// the store has grown since it was last built. The root binds it to
// queries with vm: terms.
func (m *Model) Index() *vm.Index {
	if s := m.ctx.Store; m.ix == nil || s != nil && m.ix.Len() != s.Len() {
		m.rebuild()
	}
	return m.ix
}

func (m *Model) rebuild() {
	m.ix = vm.Build(m.ctx.Store, m.extractor, m.links)
	m.sel = common.Clamp(m.sel, 0, max(len(m.ix.VMs)-1, 0))
}

// Open refreshes the list for display.
func (m *Model) Open() {
	m.Index()
	m.choosing = false
}

// SetSize sizes the screen.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h }

// Choosing reports whether the computer chooser is open (Esc closes it
// rather than the screen).
func (m *Model) Choosing() bool { return m.choosing }

// KeyMap is the VM list's keys.
func (m *Model) KeyMap() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Up, k.Down, k.Open, linkKey(m.ctx.Lang), k.Back}
}

func linkKey(l i18n.Lang) key.Binding {
	return key.NewBinding(key.WithKeys("l"), key.WithHelp("l", lblLinkKey.In(l)))
}

// Update moves the selection, filters to a VM, or links a computer.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	press, ok := msg.(tea.KeyPressMsg)
	if !ok || m.ix == nil {
		return nil
	}
	k := m.ctx.Keys
	if m.choosing {
		return m.chooserKey(press)
	}
	n := len(m.ix.VMs)
	switch {
	case key.Matches(press, k.Down):
		m.sel = min(m.sel+1, max(n-1, 0))
	case key.Matches(press, k.Up):
		m.sel = max(m.sel-1, 0)
	case key.Matches(press, k.Top):
		m.sel = 0
	case key.Matches(press, k.Bottom):
		m.sel = max(n-1, 0)
	case key.Matches(press, k.Open):
		if n == 0 {
			return nil
		}
		q := FilterMsg{Query: m.ix.VMs[m.sel].QueryTerm()}
		return func() tea.Msg { return q }
	case press.String() == "l" && n > 0:
		m.openChooser()
	}
	return nil
}

// openChooser lists the computers that logged events, the selected VM's
// current guests first.
func (m *Model) openChooser() {
	s := m.ctx.Store
	seen := map[string]bool{}
	m.comps = m.comps[:0]
	for i := range s.Len() {
		c := s.Symbols()[s.Key(i).Computer]
		if c != "" && !seen[c] {
			seen[c] = true
			m.comps = append(m.comps, c)
		}
	}
	slices.SortFunc(m.comps, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	m.choosing, m.csel = true, 0
}

// chooserKey moves in the chooser; Enter links the chosen computer to the
// selected VM, or unlinks it when it is already that VM's guest.
func (m *Model) chooserKey(press tea.KeyPressMsg) tea.Cmd {
	k := m.ctx.Keys
	switch {
	case key.Matches(press, k.Down):
		m.csel = min(m.csel+1, max(len(m.comps)-1, 0))
	case key.Matches(press, k.Up):
		m.csel = max(m.csel-1, 0)
	case key.Matches(press, k.Top):
		m.csel = 0
	case key.Matches(press, k.Bottom):
		m.csel = max(len(m.comps)-1, 0)
	case key.Matches(press, k.Back):
		m.choosing = false
	case key.Matches(press, k.Open):
		if len(m.comps) == 0 {
			return nil
		}
		m.choosing = false
		v := &m.ix.VMs[m.sel]
		comp := m.comps[m.csel]
		target := v.Key()
		if m.ix.GuestOf(comp) == m.sel {
			target = "" // already its guest: unlink
		}
		m.links.Set(comp, target)
		selKey := v.Key()
		m.rebuild()
		// Keep the same VM selected after the rebuild.
		for i := range m.ix.VMs {
			if m.ix.VMs[i].Key() == selKey {
				m.sel = i
			}
		}
		m.status = ""
		if m.linksPath != "" {
			if err := vm.SaveLinks(m.linksPath, m.links); err != nil {
				m.status = fmt.Sprintf(lblNotSaved.In(m.ctx.Lang), err)
			}
		}
	}
	return nil
}

// View draws the title, the table, the selected VM's details and the
// chooser when it is open.
func (m *Model) View() string {
	c := m.ctx
	out := make([]string, 0, m.h)
	var n int
	if m.ix != nil {
		n = len(m.ix.VMs)
	}
	title := fmt.Sprintf(lblTitle.In(c.Lang), i18n.Int(n, c.Lang))
	out = append(out, common.FitLine(" "+c.Styles.Title.Render(sanitize.Line(title)), m.w))
	if n == 0 {
		out = append(out, "", common.FitLine("  "+lblNone.In(c.Lang), m.w))
		return m.pad(out)
	}
	cols := m.columns()
	out = append(out, m.header(cols))
	body := max(m.h-len(out)-4, 1)
	m.top = common.Clamp(m.top, max(m.sel-body+1, 0), m.sel)
	for i := m.top; i < n && i < m.top+body; i++ {
		out = append(out, m.row(cols, i))
	}
	for len(out) < m.h-3 {
		out = append(out, "")
	}
	out = append(out, m.details()...)
	if m.status != "" {
		out = append(out, common.FitLine(" "+c.Styles.ErrText.Render(sanitize.Line(m.status)), m.w))
	}
	if m.choosing {
		out = m.overlayChooser(out)
	}
	return m.pad(out)
}

// pad cuts or fills out to exactly h lines of w cells.
func (m *Model) pad(out []string) string {
	for len(out) < m.h {
		out = append(out, "")
	}
	out = out[:m.h]
	for i := range out {
		out[i] = common.FitLine(out[i], m.w)
	}
	return strings.Join(out, "\n")
}

// Labels, in the three languages.
var (
	lblTitle    = i18n.Text{EN: "Virtual machines: %s", JA: "仮想マシン：%s 台", NL: "Virtuele machines: %s"}
	lblNone     = i18n.Text{EN: "No event in the loaded logs names a virtual machine.", JA: "読み込んだログには仮想マシンを示すイベントがありません。", NL: "Geen gebeurtenis in de geladen logboeken noemt een virtuele machine."}
	lblName     = i18n.Text{EN: "VM", JA: "仮想マシン", NL: "VM"}
	lblID       = i18n.Text{EN: "ID", JA: "ID", NL: "ID"}
	lblHost     = i18n.Text{EN: "Host", JA: "ホスト", NL: "Host"}
	lblGuest    = i18n.Text{EN: "Guest logs", JA: "ゲストのログ", NL: "Gastlogboeken"}
	lblFirst    = i18n.Text{EN: "First", JA: "最初", NL: "Eerste"}
	lblLast     = i18n.Text{EN: "Last", JA: "最後", NL: "Laatste"}
	lblEvents   = i18n.Text{EN: "Events", JA: "件数", NL: "Aantal"}
	lblLinkKey  = i18n.Text{EN: "link guest logs", JA: "ゲストのログを関連付け", NL: "gastlogboeken koppelen"}
	lblChoose   = i18n.Text{EN: "Whose logs are %s's own? (enter: link or unlink · esc: cancel)", JA: "%s 自身のログはどのコンピューターのものですか（enter: 関連付け/解除 · esc: 取消）", NL: "Van welke computer zijn de eigen logboeken van %s? (enter: koppelen of ontkoppelen · esc: annuleren)"}
	lblNotSaved = i18n.Text{EN: "link not remembered: %v", JA: "関連付けを保存できません：%v", NL: "koppeling niet onthouden: %v"}

	hostEvents = i18n.NewNoun("host-events",
		i18n.Text{EN: "%[1]s host event", JA: "ホストのイベント %[1]s 件", NL: "%[1]s hostgebeurtenis"},
		i18n.Text{EN: "%[1]s host events", JA: "ホストのイベント %[1]s 件", NL: "%[1]s hostgebeurtenissen"})
	guestEvents = i18n.NewNoun("guest-events",
		i18n.Text{EN: "%[1]s guest event", JA: "ゲストのイベント %[1]s 件", NL: "%[1]s gastgebeurtenis"},
		i18n.Text{EN: "%[1]s guest events", JA: "ゲストのイベント %[1]s 件", NL: "%[1]s gastgebeurtenissen"})
)

// classOrder is the order of the count columns: what needs action first,
// as the triage lists classes.
var classOrder = []model.Class{
	model.ClassAttention, model.ClassKnownIssue, model.ClassConditional,
	model.ClassUpdate, model.ClassHarmless, model.ClassUnknown,
}
