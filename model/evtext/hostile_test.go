package evtext_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"eventlens/model"
	"eventlens/model/evtext"
)

// Hostile inputs are read in one pass with bounded memory; a quadratic
// slip would show here as a test timeout, never as a timed assertion.
func TestHostileInputs(t *testing.T) {
	header := "Level,Date and Time,Source,Event ID,Task Category\n"
	row := "Information,6/1/2011 10:15:30 AM,P,1,None,"
	tests := []struct {
		name     string
		text     string
		events   int
		skipped  int
		problems int
	}{
		{"many continuation lines", header + row + "x\n" + strings.Repeat("y\n", 1<<18), 1, 0, 0},
		{"unterminated quote", header + row + "\"" + strings.Repeat("y\n", 1<<18), 0, 1, 1},
		{"one huge line", header + row + "\"" + strings.Repeat("y", 3<<20) + "\"\n" + row + "ok\n", 2, 0, 1},
		{"huge quoted record", header + row + "\"" + strings.Repeat(strings.Repeat("y", 999)+"\n", 4300) + "\"\n" + row + "ok\n", 1, 1, 1},
		{"no line breaks at all", strings.Repeat("Level,", 1<<20), 0, 0, 0},
		{"many ambiguous dates", header + strings.Repeat("Information,01/02/2011 10:15:30,P,1,None,m\n", 20000), 20000, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rep model.FileReport
			n := 0
			err := evtext.Read(context.Background(), bytes.NewReader([]byte(tt.text)), "hostile.csv", func(evs []model.Event) {
				n += len(evs)
			}, &rep)
			if err != nil || n != tt.events || rep.RecordsSkipped != tt.skipped || len(rep.Problems) != tt.problems {
				t.Errorf("err %v, %d events, %d skipped, problems %+v", err, n, rep.RecordsSkipped, rep.Problems)
			}
		})
	}
}
