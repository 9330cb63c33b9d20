package ui

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/store"
)

// patience is how long a test waits for a Cmd to return or a screen to
// show. It is a deadline, not a timed assertion: a passing test never waits
// it out, and on two cores busy with the race detector and other packages'
// tests a moment's work can take seconds.
const patience = 2 * time.Minute

func init() {
	// No status message expires during a test: the expiry's timer is the
	// one Cmd of ours that would make waiting patiently for each Cmd slow.
	statusTimer = func(int) tea.Cmd { return nil }
}

// testNow is the fixed clock of every test.
var testNow = time.Date(2011, 6, 10, 12, 0, 0, 0, time.UTC)

var testBase = time.Date(2011, 6, 1, 8, 0, 0, 0, time.UTC)

// synthEvents returns n deterministic events in a realistic mix: Hyper-V
// and service providers, several hosts (one with a Japanese name), every
// level and class, and Japanese messages.
func synthEvents(n int, seed uint64) []model.Event {
	r := rand.New(rand.NewPCG(seed, 7))
	provs := []string{
		"Microsoft-Windows-Hyper-V-VMMS", "Microsoft-Windows-Hyper-V-Worker", "Microsoft-Windows-Hyper-V-VmSwitch",
		"Service Control Manager", "Microsoft-Windows-Kernel-General", "VSS", "Microsoft-Windows-Backup",
	}
	hosts := []string{"HV01.contoso.local", "HV02.contoso.local", "仮想ホスト01", "SQL01"}
	ids := []uint16{26, 27, 32, 18590, 12, 8193, 4, 7036, 14050}
	msgs := []string{
		"The virtual machine 'SQL01' was started successfully.",
		"仮想マシン 'SQL01' の起動に失敗しました。エラー: 0x80070005",
		"Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.\r\nhr = 0x80040154",
		"The Hyper-V Virtual Machine Management service entered the running state.",
		"",
	}
	evs := make([]model.Event, n)
	for i := range evs {
		e := &evs[i]
		e.File = "demo.evtx"
		e.Offset = int64(4096 + 512*i)
		e.RecordID = uint64(i + 1)
		e.Time = testBase.Add(time.Duration(r.IntN(9*24*3600)) * time.Second)
		e.Level = model.Level(1 + r.IntN(4))
		e.Provider = provs[r.IntN(len(provs))]
		e.EventID = ids[r.IntN(len(ids))]
		e.Channel = "System"
		e.Computer = hosts[r.IntN(len(hosts))]
		e.Message = msgs[r.IntN(len(msgs))]
		e.Data = []model.Data{{Name: "VmName", Value: "SQL01"}, {Name: "VmId", Value: fmt.Sprintf("6F1C%04X-0000", i)}}
		e.Decoded = true
		e.Class = model.Class(r.IntN(6))
	}
	return evs
}

// newTestStore returns a store holding evs.
func newTestStore(evs []model.Event) *store.Store {
	s := store.New()
	s.Add(evs)
	return s
}

// newTestModel returns a model over a preloaded store of evs, in English,
// without colour, at w×h.
func newTestModel(t testing.TB, evs []model.Event, w, h int, tweak ...func(*Config)) *Model {
	t.Helper()
	cfg := Config{
		Lang:     i18n.EN,
		Store:    newTestStore(evs),
		NoColor:  true,
		Location: time.UTC,
		Now:      func() time.Time { return testNow },
	}
	for _, f := range tweak {
		f(&cfg)
	}
	m := New(cfg)
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// keyMsg turns a key name as bubbletea prints it ("enter", "G", "space",
// "ctrl+c") into a key press.
func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "backspace": tea.KeyBackspace,
	}
	switch {
	case k == "space":
		return tea.KeyPressMsg{Code: ' ', Text: " "}
	case k == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(k, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	}
	if c, ok := named[k]; ok {
		return tea.KeyPressMsg{Code: c}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// press sends keys to m and runs the commands they return, feeding their
// messages back, as a program would.
func press(t testing.TB, m *Model, keys ...string) {
	t.Helper()
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		run(m, cmd)
	}
}

// typeText types s into m, one key per rune.
func typeText(t testing.TB, m *Model, s string) {
	t.Helper()
	for _, r := range s {
		if r == ' ' {
			press(t, m, "space")
			continue
		}
		_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		run(m, cmd)
	}
}

// run executes cmd and feeds the messages our own code produces back into
// m, until there are none. Timers (status expiry) are not waited for.
func run(m *Model, cmd tea.Cmd) {
	for _, msg := range ownMsgs(cmd) {
		_, next := m.Update(msg)
		run(m, next)
	}
}

// ownMsgs executes cmd, following batches, and returns the messages of
// the UI's own making (load, classification, export, raw XML), waiting for
// each Cmd as long as a busy machine needs (the status expiry, our one
// timer, is off in tests). Commands of others that do not return within
// patience are dropped.
func ownMsgs(cmd tea.Cmd) []tea.Msg { return collectMsgs(cmd, patience) }

// collectMsgs is ownMsgs with the wait for each command given.
func collectMsgs(cmd tea.Cmd, wait time.Duration) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(wait):
		return nil
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, collectMsgs(c, wait)...)
		}
		return out
	}
	// Our own messages, from the root model or a component; not bubbletea's
	// (quit, ticks, terminal queries).
	if msg != nil && strings.HasPrefix(reflect.TypeOf(msg).PkgPath(), "eventlens/") {
		return []tea.Msg{msg}
	}
	return nil
}

// frameText returns the frame as plain text.
func frameText(m *Model) string { return ansi.Strip(m.render()) }
