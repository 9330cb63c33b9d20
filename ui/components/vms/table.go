package vms

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
	"eventlens/model/vm"
	"eventlens/ui/common"
	"eventlens/ui/report"
)

// columns are the table's cell widths at the current width. First and
// Last are shown from 110 cells; the details line always has them.
type columns struct {
	name, id, host, guest, first, last, events, count int
}

const (
	idWidth    = 8
	timeWidth  = 11 // 01-02 15:04
	countWidth = 6
)

func (m *Model) columns() columns {
	c := columns{id: idWidth, events: 6, count: countWidth}
	switch {
	case m.w >= 150:
		c.count = 9 // room for the short class names
	case m.w < 100:
		c.count = 5
	}
	if m.w >= 110 {
		c.first, c.last = timeWidth, timeWidth
	}
	// What is left for the name, host and guest columns; on narrow
	// terminals the ID goes first (the details line has it), then the
	// class counts.
	text := func() int {
		n := m.w - 2 - (c.events + 1) - 3
		for _, w := range []int{c.id, c.first, c.last} {
			if w > 0 {
				n -= w + 1
			}
		}
		if c.count > 0 {
			n -= len(classOrder) * (c.count + 1)
		}
		return n
	}
	if text() < 24 {
		c.id = 0
	}
	if text() < 18 {
		c.count = 0
	}
	rest := text()
	c.name = max(rest*45/100, 6)
	c.host = max(rest*20/100, 6)
	c.guest = max(rest-c.name-c.host, 6)
	return c
}

// header draws the column titles; each class count's title is coloured
// as the list colours that class.
func (m *Model) header(c columns) string {
	ctx := m.ctx
	var b strings.Builder
	b.WriteString("  ")
	cell := func(s string, w int, right bool) {
		if w > 0 {
			common.WriteCell(&b, s, w, right)
			b.WriteByte(' ')
		}
	}
	cell(lblName.In(ctx.Lang), c.name, false)
	cell(lblID.In(ctx.Lang), c.id, false)
	cell(lblHost.In(ctx.Lang), c.host, false)
	cell(lblGuest.In(ctx.Lang), c.guest, false)
	cell(lblFirst.In(ctx.Lang), c.first, false)
	cell(lblLast.In(ctx.Lang), c.last, false)
	cell(lblEvents.In(ctx.Lang), c.events, true)
	line := ctx.Styles.ColHeader.Render(b.String())
	for _, cl := range classOrder {
		if c.count == 0 {
			break
		}
		var cb strings.Builder
		common.WriteCell(&cb, common.ClassText(cl).In(ctx.Lang), c.count, true)
		line += " " + m.classSGR(cl) + cb.String() + ansi.ResetStyle
	}
	return line
}

// classSGR is the list's colour of a class; unknown events are coloured
// by level in the list, so their count here is plain.
func (m *Model) classSGR(cl model.Class) string {
	if cl == model.ClassUnknown || int(cl) >= len(m.ctx.Styles.RowClass) {
		return ""
	}
	return m.ctx.Styles.RowClass[cl]
}

// row draws VM i.
func (m *Model) row(c columns, i int) string {
	ctx := m.ctx
	v := &m.ix.VMs[i]
	var b strings.Builder
	cell := func(s string, w int, right bool) {
		if w > 0 {
			common.WriteCell(&b, s, w, right)
			b.WriteByte(' ')
		}
	}
	if i == m.sel {
		b.WriteString("> ")
	} else {
		b.WriteString("  ")
	}
	cell(v.Label(), c.name, false)
	cell(shortID(v.GUID), c.id, false)
	cell(shortNames(v.Hosts), c.host, false)
	cell(shortNames(guests(v)), c.guest, false)
	cell(m.when(v.First.IsZero(), v.First.In(ctx.Loc).Format("01-02 15:04")), c.first, false)
	cell(m.when(v.Last.IsZero(), v.Last.In(ctx.Loc).Format("01-02 15:04")), c.last, false)
	cell(i18n.Int(v.Events(), ctx.Lang), c.events, true)
	line := b.String()
	if i == m.sel {
		line = ctx.Styles.Selected.Render(line)
	}
	for _, cl := range classOrder {
		if c.count == 0 {
			break
		}
		n := v.Classes[cl]
		var cb strings.Builder
		if n == 0 {
			common.WriteCell(&cb, "·", c.count, true)
			line += " " + ctx.Styles.Dim.Render(cb.String())
			continue
		}
		common.WriteCell(&cb, i18n.Int(n, ctx.Lang), c.count, true)
		line += " " + m.classSGR(cl) + cb.String() + ansi.ResetStyle
	}
	return line
}

func (m *Model) when(zero bool, s string) string {
	if zero {
		return "—"
	}
	return s
}

// shortID is the first group of a VM ID: enough to tell VMs apart on
// screen (vm: takes it as a prefix).
func shortID(g string) string {
	if len(g) >= idWidth {
		return g[:idWidth]
	}
	return g
}

func guests(v *vm.VM) []string {
	names := make([]string, len(v.Guests))
	for i, g := range v.Guests {
		names[i] = g.Computer
	}
	return names
}

// named drops empty computer names: a CSV export has no computer column.
func named(names []string) []string {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// shortNames lists computer names without their domains: the table has
// room for "HV01", the details line below it gives "HV01.contoso.local".
func shortNames(names []string) string {
	short := make([]string, len(names))
	for i, n := range names {
		if j := strings.IndexByte(n, '.'); j > 0 {
			n = n[:j]
		}
		short[i] = n
	}
	return strings.Join(short, ", ")
}

// details are the selected VM's lines below the table: its full ID and
// span, its hosts, and its guests with how each was linked.
func (m *Model) details() []string {
	ctx := m.ctx
	v := &m.ix.VMs[m.sel]
	// Parts a source does not give (an ID, a time, a host's name in a
	// CSV export) are left out, not shown empty.
	parts := []string{v.Label()}
	if v.GUID != "" {
		parts = append(parts, v.GUID)
	}
	if !v.First.IsZero() {
		parts = append(parts, v.First.In(ctx.Loc).Format("2006-01-02 15:04:05")+" – "+v.Last.In(ctx.Loc).Format("2006-01-02 15:04:05"))
	}
	parts = append(parts, i18n.List([]string{hostEvents.In(v.HostEvents, ctx.Lang), guestEvents.In(v.GuestEvents, ctx.Lang)}, ctx.Lang))
	first := " " + strings.Join(parts, " · ")
	var gs []string
	for _, g := range v.Guests {
		gs = append(gs, g.Computer+i18n.Paren(report.LinkLabel(g.By, ctx.Lang), ctx.Lang))
	}
	var second []string
	if hosts := named(v.Hosts); len(hosts) > 0 {
		second = append(second, i18n.Field(lblHost.In(ctx.Lang), i18n.Names(hosts, ctx.Lang), ctx.Lang))
	}
	if m.columns().count == 0 {
		// The table has no room for the class counts: they lead here.
		var cs []string
		for _, cl := range classOrder {
			if n := v.Classes[cl]; n > 0 {
				cs = append(cs, i18n.Int(n, ctx.Lang)+" "+common.ClassText(cl).In(ctx.Lang))
			}
		}
		second = append([]string{i18n.List(cs, ctx.Lang)}, second...)
	}
	if len(gs) > 0 {
		second = append(second, i18n.Field(lblGuest.In(ctx.Lang), i18n.List(gs, ctx.Lang), ctx.Lang))
	}
	return []string{
		common.FitLine(ctx.Styles.Label.Render(sanitize.Line(first)), m.w),
		common.FitLine(ctx.Styles.Dim.Render(sanitize.Line(" "+strings.Join(second, " · "))), m.w),
	}
}

// overlayChooser draws the computer chooser over the lower part of the
// screen: a prompt, then the computers around the chosen one, the VM's
// current guests marked.
func (m *Model) overlayChooser(out []string) []string {
	ctx := m.ctx
	v := &m.ix.VMs[m.sel]
	rows := common.Clamp(len(m.comps), 1, max(m.h/2-1, 1))
	top := common.Clamp(m.csel-rows/2, 0, max(len(m.comps)-rows, 0))
	lines := []string{ctx.Styles.Title.Render(sanitize.Line(" " + fmt.Sprintf(lblChoose.In(ctx.Lang), v.Label())))}
	for i := top; i < len(m.comps) && i < top+rows; i++ {
		mark := "  "
		if m.ix.GuestOf(m.comps[i]) == m.sel {
			mark = "✓ "
		}
		line := "  " + mark + sanitize.Line(m.comps[i])
		if i == m.csel {
			line = ctx.Styles.Selected.Render(common.FitLine(line, m.w))
		}
		lines = append(lines, line)
	}
	start := max(len(out)-len(lines), 1)
	for len(out) < start+len(lines) {
		out = append(out, "")
	}
	copy(out[start:], lines)
	return out
}
