package cache

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"eventlens/model"
)

// An entry holds a CSV export's times as read in one zone: loading it with
// another --tz reads the file again, and the report names the zone either
// way.
func TestZoneKeysEntries(t *testing.T) {
	c, err := Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "System.csv")
	csv := "Level,Date and Time,Source,Event ID,Task Category\r\nInformation,6/1/2011 7:02:00 PM,P,3,None,\"m\"\r\n"
	if err := os.WriteFile(p, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	plus9, minus5 := time.FixedZone("+09:00", 9*3600), time.FixedZone("-05:00", -5*3600)
	wall := time.Date(2011, 6, 1, 19, 2, 0, 0, time.UTC)
	tests := []struct {
		loc  *time.Location
		hits int64
		want time.Time
	}{
		{plus9, 0, wall.Add(-9 * time.Hour)},
		{plus9, 1, wall.Add(-9 * time.Hour)}, // served from the cache
		{minus5, 1, wall.Add(5 * time.Hour)}, // another zone: read again
		{plus9, 1, wall.Add(-9 * time.Hour)}, // the entry was replaced
	}
	for i, tt := range tests {
		r := load(t, c, []string{p}, model.LoadOptions{Location: tt.loc})
		if len(r.events) != 1 || !r.events[0].Time.Equal(tt.want) {
			t.Fatalf("load %d: %+v, want one event at %s", i, r.events, tt.want)
		}
		if want := "UTC" + tt.loc.String(); r.reps[0].Zone != want {
			t.Errorf("load %d: report zone %q, want %q", i, r.reps[0].Zone, want)
		}
		if h := c.Stats().Hits; h != tt.hits {
			t.Errorf("load %d: %d hits, want %d", i, h, tt.hits)
		}
	}
}
