package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/store"
	"eventlens/model/synth"
)

// bigStore builds a store of n realistic events (see model/synth), added
// in loader-sized batches.
func bigStore(n int) *store.Store {
	g := synth.New(99)
	evs := make([]model.Event, 8192)
	s := store.New()
	for i := 0; i < n; i += len(evs) {
		b := evs[:min(len(evs), n-i)]
		g.Fill(b)
		s.Add(b)
	}
	return s
}

// BenchmarkView1M measures one frame of the list over a million events:
// the list draws only its visible rows, so the cost does not depend on the
// total (issue 7: ≤ 2 ms).
func BenchmarkView1M(b *testing.B) {
	s := bigStore(1_000_000)
	for _, tc := range []struct {
		w, h   int
		detail bool
		lang   i18n.Lang
		cold   bool // every frame shows rows never drawn before
	}{
		{80, 24, false, i18n.EN, false}, {120, 40, false, i18n.EN, false}, {250, 70, false, i18n.JA, false},
		{250, 70, true, i18n.EN, false}, {120, 40, false, i18n.EN, true}, {250, 70, false, i18n.JA, true},
	} {
		name := fmt.Sprintf("%dx%d-%s", tc.w, tc.h, tc.lang)
		if tc.detail {
			name += "-detail"
		}
		if tc.cold {
			name += "-cold"
		}
		b.Run(name, func(b *testing.B) {
			m := New(Config{Lang: tc.lang, Store: s, Location: time.UTC})
			m.Update(tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
			m.Update(tea.BackgroundColorMsg{})
			m.list.MoveCursor(s.Len() / 2)
			if tc.detail {
				m.Update(keyMsg("enter"))
			}
			m.sync()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				// Move the cursor so that no frame is the same as the last;
				// cold frames jump a page so that every row is new.
				if tc.cold {
					m.list.MoveCursor((i * tc.h) % s.Len())
					m.sync()
				} else {
					m.list.MoveCursor(s.Len()/2 + i%100)
				}
				_ = m.View()
			}
		})
	}
}

// BenchmarkFirstFrame measures the time from New to the first frame drawn
// (issue 7: ≤ 150 ms whatever the input size): with a load of a million
// events starting, and over a store of a million events already loaded.
func BenchmarkFirstFrame(b *testing.B) {
	pre := bigStore(1_000_000)
	for _, tc := range []struct {
		name string
		cfg  func() Config
	}{
		{"stream-1M", func() Config {
			return Config{Lang: i18n.EN, Location: time.UTC, Catalog: catalog.Builtin(), Load: streamLoad(1_000_000, 2048)}
		}},
		{"loaded-1M", func() Config { return Config{Lang: i18n.EN, Location: time.UTC, Store: pre} }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c0, ok := cpuTime()
			for b.Loop() {
				cfg := tc.cfg()
				m := New(cfg)
				cmd := m.Init()
				m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				_ = m.View()
				b.StopTimer()
				m.Close()
				_ = cmd
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "first-frame-ms")
			reportCPU(b, c0, ok)
		})
	}
}

// reportCPU reports the CPU time per op (all goroutines), a figure that
// stays meaningful when other processes load the machine.
func reportCPU(b *testing.B, c0 int64, ok bool) {
	if c1, ok1 := cpuTime(); ok && ok1 {
		b.ReportMetric(float64(c1-c0)/1e6/float64(b.N), "cpu-ms/op")
	}
}
