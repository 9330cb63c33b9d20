package ui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/msgdb"
	"eventlens/model/msgdb/msgdbtest"
)

// BenchmarkView1MMessages is BenchmarkView1M's cold frames with the
// catalog and a message database that has a template for every provider
// and ID of the million events: every row's message is rendered from the
// database. The frame target (≤ 2 ms) holds with it.
func BenchmarkView1MMessages(b *testing.B) {
	s := bigStore(1_000_000)
	seen := map[[2]string]bool{}
	var ts []msgdbtest.Template
	var ev model.Event
	for i := 0; i < s.Len(); i += 7 {
		s.Event(i, &ev)
		k := [2]string{ev.Provider, fmt.Sprint(ev.EventID)}
		if !seen[k] {
			seen[k] = true
			ts = append(ts, msgdbtest.Template{Provider: ev.Provider, EventID: int(ev.EventID),
				Message: "Our own template for %1, with %2!s! and %3!08x!.%nSecond line: %4."})
		}
	}
	p := filepath.Join(b.TempDir(), "m.db")
	if err := msgdbtest.Write(p, msgdbtest.Options{}, ts...); err != nil {
		b.Fatal(err)
	}
	db, err := msgdb.Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	cat := catalog.Builtin().WithMessages(db)
	for _, tc := range []struct {
		w, h int
		lang i18n.Lang
	}{{120, 40, i18n.EN}, {250, 70, i18n.JA}} {
		b.Run(fmt.Sprintf("%dx%d-%s-cold", tc.w, tc.h, tc.lang), func(b *testing.B) {
			m := New(Config{Lang: tc.lang, Store: s, Catalog: cat, Location: time.UTC})
			m.Update(tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
			m.Update(tea.BackgroundColorMsg{})
			m.sync()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				m.list.MoveCursor((i * tc.h) % s.Len())
				m.sync()
				_ = m.View()
			}
		})
	}
}
