package vms

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/query"
	"eventlens/model/store"
	"eventlens/model/vm"
	"eventlens/ui/common"
	"eventlens/ui/keymap"
	"eventlens/ui/styles"
)

// demoContext is a viewer context over the classified demo log.
func demoContext(t *testing.T, w, h int) *common.Context {
	t.Helper()
	evs, err := demo.Events()
	if err != nil {
		t.Fatal(err)
	}
	s := store.New()
	s.Add(evs)
	kb := common.CatalogKnowledge{C: catalog.Builtin().NewClassification()}
	kb.ClassifyAll(s)
	return &common.Context{Width: w, Height: h, Lang: i18n.EN, Keys: keymap.New(i18n.EN), Styles: styles.New(true, true),
		NoColor: true, Store: s, KB: kb, Loc: time.UTC, Now: func() time.Time { return time.Date(2011, 3, 12, 0, 0, 0, 0, time.UTC) }}
}

func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		msg := tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		}
		cmd = m.Update(msg)
	}
	return cmd
}

func TestVMList(t *testing.T) {
	ctx := demoContext(t, 140, 20)
	m := New(ctx, catalog.Builtin().VMs(), "")
	m.SetSize(140, 20)
	m.Open()
	screen := ansi.Strip(m.View())
	lines := strings.Split(screen, "\n")
	if len(lines) != 20 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, want := range []string{
		"Virtual machines: 7",
		"> LEGACY03",
		"WEB01",
		"8A9B0C1D",
		"HV01 ",                    // short in the table
		"Host: HV01.contoso.local", // whole in the details
		"W2K3-ISCSI",
		"known…",      // a class count's title
		"03-07 03:48", // LEGACY03's first event: its guest's own

		"LEGACY03 · 0F1E2D3C-4B5A-4968-8776-655443322110 · 2011-03-07",
		"Guest logs: LEGACY03.contoso.local (by name)",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("screen lacks %q:\n%s", want, screen)
		}
	}
	// Enter on WEB01 (the fourth VM) asks for its filter, which selects
	// its host events and its guest's, merged.
	cmd := press(m, "j", "j", "j", "enter")
	if cmd == nil {
		t.Fatal("enter gave no command")
	}
	msg, ok := cmd().(FilterMsg)
	if !ok || msg.Query != "vm:8A9B0C1D-2E3F-4051-9263-748596A7B8C9" {
		t.Fatalf("filter %+v", msg)
	}
	q := query.MustParse(msg.Query, ctx.Now()).WithVMs(m.Index())
	rows := query.Select(ctx.Store, q, nil)
	web := m.Index().VMs[3]
	if len(rows) != web.Events() || web.HostEvents != 3 || web.GuestEvents < 100 {
		t.Errorf("filter selects %d events; WEB01 has %d host and %d guest events", len(rows), web.HostEvents, web.GuestEvents)
	}
	hosts, guests := 0, 0
	for _, r := range rows {
		switch ctx.Store.At(int(r)).Computer {
		case "HV01.contoso.local":
			hosts++
		case "WEB01.contoso.local":
			guests++
		}
	}
	if hosts != 3 || guests != web.GuestEvents {
		t.Errorf("merged timeline: %d host rows, %d guest rows", hosts, guests)
	}
}

// TestLinkByHand links a computer to a VM in the chooser, checks that the
// link is remembered for the case, and unlinks it again.
func TestLinkByHand(t *testing.T) {
	ctx := demoContext(t, 100, 24)
	path := vm.LinksPath(t.TempDir(), []string{demo.Name})
	m := New(ctx, catalog.Builtin().VMs(), path)
	m.SetSize(100, 24)
	m.Open()
	// WS08-APP is the fifth VM; XP-CLIENT the last computer.
	press(m, "j", "j", "j", "j", "l")
	if !m.Choosing() {
		t.Fatal("l did not open the chooser")
	}
	if s := ansi.Strip(m.View()); !strings.Contains(s, "Whose logs are WS08-APP's own?") {
		t.Fatalf("chooser not shown:\n%s", s)
	}
	press(m, "G")
	for range 10 {
		press(m, "j")
	}
	press(m, "enter")
	if m.Choosing() {
		t.Fatal("chooser still open")
	}
	v := m.Index().VMs[m.sel]
	if v.Name != "WS08-APP" || len(v.Guests) != 1 || v.Guests[0] != (vm.Guest{Computer: "XP-CLIENT", By: vm.LinkHand}) {
		t.Fatalf("after linking: %s guests %+v", v.Name, v.Guests)
	}
	if s := ansi.Strip(m.View()); !strings.Contains(s, "XP-CLIENT (by hand)") {
		t.Errorf("link not shown:\n%s", s)
	}
	// A new viewer of the same case remembers it.
	again := New(ctx, catalog.Builtin().VMs(), path)
	again.Open()
	if got := again.Index().GuestOf("XP-CLIENT"); got < 0 || again.Index().VMs[got].Name != "WS08-APP" {
		t.Errorf("link not remembered: XP-CLIENT is %d's guest", got)
	}
	if filepath.Dir(path) == "" {
		t.Fatal("no links directory")
	}
	// Choosing it again unlinks it: XP-CLIENT is then no VM's guest (the
	// hand-made "none" overrides the link by name).
	press(m, "l", "G", "enter")
	if g := m.Index().GuestOf("XP-CLIENT"); g >= 0 {
		t.Errorf("XP-CLIENT still %s's guest", m.Index().VMs[g].Name)
	}
}

func TestNoVMs(t *testing.T) {
	ctx := demoContext(t, 80, 10)
	ctx.Store = store.New()
	m := New(ctx, nil, "")
	m.SetSize(80, 10)
	m.Open()
	if s := ansi.Strip(m.View()); !strings.Contains(s, "No event in the loaded logs names a virtual machine.") {
		t.Errorf("empty list:\n%s", s)
	}
	if press(m, "enter", "l") != nil || m.Choosing() {
		t.Error("keys acted on an empty list")
	}
}

// TestNarrow checks the list at 60 columns: no ID or class columns, the
// details line says both.
func TestNarrow(t *testing.T) {
	ctx := demoContext(t, 60, 15)
	m := New(ctx, catalog.Builtin().VMs(), "")
	m.SetSize(60, 15)
	m.Open()
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 60 {
			t.Errorf("line %d is %d cells wide", i, w)
		}
	}
	s := strings.Join(lines, "\n")
	if strings.Contains(lines[2], "0F1E2D3C") || !strings.Contains(s, "LEGACY03 · 0F1E2D3C") || !strings.Contains(s, " 1 update, 1 harmless, 51 unknown · Host") {
		t.Errorf("narrow list:\n%s", s)
	}
}

// TestDetailsPartialSource: a CSV export names a VM but gives no ID and no
// computer. The details line leaves both out, not empty, and counts with
// the singular where there is one event.
func TestDetailsPartialSource(t *testing.T) {
	ctx := demoContext(t, 120, 20)
	ctx.Store = store.New()
	ctx.Store.Add([]model.Event{{Provider: "VMSMP", EventID: 26, Level: model.LevelError,
		Time:    time.Date(2011, 5, 31, 23, 59, 59, 0, time.UTC),
		Message: `The network driver for "VM01" cannot be loaded: server version 3.2, client version 0.1 (VMID)`}})
	for _, tt := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.EN, " VM01 · 2011-05-31 23:59:59 – 2011-05-31 23:59:59 · 1 host event, 0 guest events"},
		{i18n.NL, " VM01 · 2011-05-31 23:59:59 – 2011-05-31 23:59:59 · 1 hostgebeurtenis, 0 gastgebeurtenissen"},
		{i18n.JA, " VM01 · 2011-05-31 23:59:59 – 2011-05-31 23:59:59 · ホストのイベント 1 件、ゲストのイベント 0 件"},
	} {
		ctx.Lang = tt.lang
		m := New(ctx, catalog.Builtin().VMs(), "")
		m.SetSize(120, 20)
		m.Open()
		s := ansi.Strip(m.View())
		if !strings.Contains(s, tt.want) {
			t.Errorf("%s: details lack %q:\n%s", tt.lang, tt.want, s)
		}
		if strings.Contains(s, "Host:") || strings.Contains(s, "ホスト：") || strings.Contains(s, " ·  · ") {
			t.Errorf("%s: empty field shown:\n%s", tt.lang, s)
		}
	}
}
