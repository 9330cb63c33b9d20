package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/store"
)

// bigStore builds a store of n events cheaply: strings and data are shared,
// which does not change what a frame costs to draw.
func bigStore(n int) *store.Store {
	proto := synthEvents(997, 99)
	evs := make([]model.Event, n)
	for i := range evs {
		evs[i] = proto[i%len(proto)]
		evs[i].RecordID = uint64(i + 1)
		evs[i].Time = testBase.Add(time.Duration(i) * 250 * time.Millisecond)
	}
	s := store.New()
	s.Add(evs)
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
			m.moveCursor(s.Len() / 2)
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
					m.moveCursor((i * tc.h) % s.Len())
					m.sync()
				} else {
					m.moveCursor(s.Len()/2 + i%100)
				}
				_ = m.View()
			}
		})
	}
}
