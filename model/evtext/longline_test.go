package evtext_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"eventlens/model/evtext"
)

// A line longer than the 1 MiB line limit keeps its row: the field the limit
// falls in is cut there (as an XML export's long value is), the fields after
// it are still read, the next row is untouched, and the report says so.
func TestLongLineCutsFieldKeepsRow(t *testing.T) {
	const header = "Level,Date and Time,Source,Event ID,Task Category\n"
	const mib = 1 << 20
	next := "Information,6/1/2011 10:16:00 AM,Next,2,None,after\n"
	tests := []struct {
		name     string
		enc      encoding.Encoding // nil: UTF-8
		text     string
		provider string // of the long row; "" to skip the check
		id       uint16
		task     string
		msgFrom  string // the long row's message is a prefix of this...
		msgMin   int    // ...at least this long (in bytes of UTF-8)
		msgExact string // or exactly this
		field    string // the field the report names
	}{
		{name: "quoted message", text: header + "Error,6/1/2011 10:15:30 AM,P,1,None,\"" + strings.Repeat("A", 1_100_000) + "\"\n" + next,
			provider: "P", id: 1, task: "None", msgFrom: strings.Repeat("A", 1_100_000), msgMin: mib - 64, field: "field 6 (message)"},
		{name: "unquoted message", text: header + "Error,6/1/2011 10:15:30 AM,P,1,None," + strings.Repeat("A", 3*mib) + "\n" + next,
			provider: "P", id: 1, msgFrom: strings.Repeat("A", 3*mib), msgMin: mib - 64, field: "field 6 (message)"},
		{name: "cut inside a two-byte character", text: header + "Error,6/1/2011 10:15:30 AM,P,1,None,\"x" + strings.Repeat("é", 600_000) + "\"\n" + next,
			provider: "P", id: 1, msgFrom: "x" + strings.Repeat("é", 600_000), msgMin: mib - 64, field: "field 6 (message)"},
		{name: "escaped quotes in the dropped part", text: header + "Error,6/1/2011 10:15:30 AM,P,1,None,\"" + strings.Repeat(`say ""hi"" `, 200_000) + "end\"\n" + next,
			provider: "P", id: 1, msgFrom: strings.Repeat(`say "hi" `, 200_000), msgMin: mib - 200_000, field: "field 6 (message)"},
		{name: "long source, fields after it read", text: header + "Error,6/1/2011 10:15:30 AM,\"" + strings.Repeat("S", 1_500_000) + "\",7,Disk,\"the message\"\n" + next,
			id: 7, task: "Disk", msgExact: "the message", field: "field 3 (Source)"},
		{name: "quoted task closed in the dropped part", text: header + "Error,6/1/2011 10:15:30 AM,P,9,\"" + strings.Repeat("T", 1_500_000) + "\"," + strings.Repeat("m", 300_000) + "\n" + next,
			provider: "P", id: 9, msgFrom: strings.Repeat("m", 300_000), msgMin: 60_000, field: "field 5 (Task Category)"},
		{name: "UTF-16LE", enc: unicode.UTF16(unicode.LittleEndian, unicode.UseBOM),
			text:     header + "Error,6/1/2011 10:15:30 AM,P,1,None,\"" + strings.Repeat("A", 700_000) + "\"\n" + next,
			provider: "P", id: 1, msgFrom: strings.Repeat("A", 700_000), msgMin: mib/2 - 64, field: "field 6 (message)"},
		{name: "CP932", enc: japanese.ShiftJIS,
			text:     "レベル,日付と時刻,ソース,イベント ID,タスクのカテゴリ\nエラー,2011/06/01 10:15:30,P,1,なし,\"" + strings.Repeat("漢", 700_000) + "\"\n情報,2011/06/01 10:16:00,Next,2,なし,after\n",
			provider: "P", id: 1, msgFrom: strings.Repeat("漢", 700_000), msgMin: mib/2*3 - 64, field: "field 6 (message)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.text)
			if tt.enc != nil {
				var err error
				if data, err = tt.enc.NewEncoder().Bytes(data); err != nil {
					t.Fatal(err)
				}
			}
			evs, rep := readBytes(t, "long.csv", data, evtext.Options{})
			if len(evs) != 2 || rep.RecordsSkipped != 0 || rep.RecordsDecoded != 2 {
				t.Fatalf("%d events, report %+v", len(evs), rep)
			}
			if len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Reason.String(), "longer than 1 MiB; "+tt.field+" cut there") || !strings.HasSuffix(rep.Problems[0].Reason.String(), "row kept") {
				t.Errorf("problems %+v, want one saying %s was cut", rep.Problems, tt.field)
			}
			e := evs[0]
			if (tt.provider != "" && e.Provider != tt.provider) || e.EventID != tt.id || (tt.task != "" && e.TaskName != tt.task) {
				t.Errorf("long row = %q/%d/%q", clipped(e.Provider), e.EventID, e.TaskName)
			}
			switch {
			case tt.msgExact != "":
				if e.Message != tt.msgExact {
					t.Errorf("message %q, want %q", clipped(e.Message), tt.msgExact)
				}
			case !strings.HasPrefix(tt.msgFrom, e.Message) || len(e.Message) < tt.msgMin || !utf8.ValidString(e.Message):
				t.Errorf("message of %d bytes %q is not a valid prefix of %d bytes or shorter than %d", len(e.Message), clipped(e.Message), len(tt.msgFrom), tt.msgMin)
			}
			if n := evs[1]; n.Provider != "Next" || n.EventID != 2 || n.Message != "after" {
				t.Errorf("next row = %q/%d/%q", n.Provider, n.EventID, n.Message)
			}
		})
	}
}

// A line of exactly the limit is not cut.
func TestLineAtLimitNotCut(t *testing.T) {
	row := "Error,6/1/2011 10:15:30 AM,P,1,None,"
	line := row + strings.Repeat("A", 1<<20-len(row))
	evs, rep := readBytes(t, "limit.csv", []byte("Level,Date and Time,Source,Event ID,Task Category\n"+line+"\n"), evtext.Options{})
	if len(evs) != 1 || len(rep.Problems) != 0 || len(evs[0].Message) != 1<<20-len(row) {
		t.Fatalf("%d events, problems %+v", len(evs), rep.Problems)
	}
}

func clipped(s string) string {
	if len(s) > 40 {
		return s[:20] + "…" + s[len(s)-20:]
	}
	return s
}
