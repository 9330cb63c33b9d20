package novelty

import (
	"slices"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/store"
)

// year builds a year of logs from three computers: a steady old error on
// all of them, a flood on one, a burst mid-year, a new warning in the last
// week, and events the ranking must ignore.
func year() []model.Event {
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	comps := []string{"DC01", "FS01", "WEB01"}
	var evs []model.Event
	add := func(at time.Duration, comp, prov string, id uint16, lvl model.Level, class model.Class) {
		evs = append(evs, model.Event{File: "f", RecordID: uint64(len(evs)), Time: t0.Add(at), Computer: comp,
			Provider: prov, EventID: id, Level: lvl, Class: class, Decoded: true})
	}
	day := 24 * time.Hour
	for d := 0; d < 365; d += 7 {
		for _, c := range comps {
			add(time.Duration(d)*day, c, "Steady", 1, model.LevelError, model.ClassUnknown)
		}
		add(time.Duration(d)*day+time.Hour, "DC01", "Info", 2, model.LevelInformation, model.ClassUnknown)
		add(time.Duration(d)*day+2*time.Hour, "DC01", "Known", 3, model.LevelError, model.ClassHarmless)
	}
	for m := 0; m < 365*24*6; m += 7 {
		add(time.Duration(m)*10*time.Minute, "FS01", "Schannel", 36888, model.LevelError, model.ClassUnknown)
	}
	for k := 0; k < 10; k++ {
		add(180*day+time.Duration(k)*time.Minute, "WEB01", "Burst", 4, model.LevelWarning, model.ClassUnknown)
	}
	add(360*day, "WEB01", "Fresh", 5, model.LevelWarning, model.ClassUnknown)
	add(361*day, "WEB01", "Fresh", 5, model.LevelError, model.ClassUnknown)
	add(364*day, "DC01", "Steady", 1, model.LevelCritical, model.ClassUnknown) // keeps the span a year
	return evs
}

func TestRank(t *testing.T) {
	s := store.New()
	s.Add(year())
	items := Rank(s, s.Order())
	var names []string
	for _, it := range items {
		names = append(names, it.Provider)
	}
	if want := []string{"Fresh", "Burst", "Schannel", "Steady"}; !slices.Equal(names, want) {
		t.Fatalf("ranked %v, want %v", names, want)
	}
	fresh, burst, flood, steady := items[0], items[1], items[2], items[3]
	if fresh.Count != 2 || fresh.Level != model.LevelError || fresh.NComputers != 1 || !slices.Equal(fresh.Computers, []string{"WEB01"}) ||
		fresh.Reasons != New|Rare || !fresh.First.Equal(time.Date(2020, 12, 26, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("fresh: %+v", fresh)
	}
	if burst.Peak != 10 || burst.Reasons&Burst == 0 || burst.Reasons&New != 0 {
		t.Errorf("burst: %+v", burst)
	}
	if flood.Reasons&(New|Burst) != 0 || flood.Count < 7000 || flood.Scarcity > 0.25 {
		t.Errorf("flood: %+v", flood)
	}
	if steady.Reasons != 0 || steady.NComputers != 3 || steady.Level != model.LevelCritical || steady.Rarity != 0 {
		t.Errorf("steady: %+v", steady)
	}
	if Rank(s, nil) != nil {
		t.Error("no rows ranked something")
	}
}

// TestRankOddTimes checks that an undecoded record's zero time does not
// stretch the span.
func TestRankOddTimes(t *testing.T) {
	evs := year()
	evs = append(evs, model.Event{File: "f", RecordID: 99999, Provider: "Broken", Level: model.LevelError, Decoded: true})
	s := store.New()
	s.Add(evs)
	items := Rank(s, s.Order())
	if items[0].Provider != "Fresh" {
		t.Errorf("zero time changed the ranking: first is %s", items[0].Provider)
	}
	for _, it := range items {
		if it.Score < 0 || it.Score > 1 {
			t.Errorf("%s: score %v", it.Provider, it.Score)
		}
	}
}

// TestRankOldOutlier checks that one event years before the rest does not
// make every kind new: newness counts events, not time.
func TestRankOldOutlier(t *testing.T) {
	evs := year()
	evs = append(evs, model.Event{File: "f", RecordID: 99998, Provider: "Old", EventID: 9, Level: model.LevelInformation,
		Time: time.Date(2014, 3, 21, 0, 0, 0, 0, time.UTC), Computer: "DC01", Decoded: true})
	s := store.New()
	s.Add(evs)
	for _, it := range Rank(s, s.Order()) {
		if isNew := it.Reasons&New != 0; isNew != (it.Provider == "Fresh") {
			t.Errorf("%s: new %v", it.Provider, isNew)
		}
	}
}
