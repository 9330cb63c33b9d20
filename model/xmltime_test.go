package model

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestXMLTimeUnknown: an event whose System/TimeCreated is missing or no
// time is kept with its time unknown (the zero time, which views and
// exports show as unknown), and both the event (DecodeError) and the load
// report say why, the report as a reason i18n says in each language; a
// time Windows can write, FILETIME zero included, is kept as written.
func TestXMLTimeUnknown(t *testing.T) {
	tests := []struct {
		name   string
		system string // TimeCreated element inside System, or ""
		want   string // the time kept, RFC 3339; "" for unknown
		why    string // in DecodeError and the problem
	}{
		{"ordinary", `<TimeCreated SystemTime="2011-06-01T10:15:30.1234567Z"/>`, "2011-06-01T10:15:30.1234567Z", ""},
		{"FILETIME zero", `<TimeCreated SystemTime="1601-01-01T00:00:00Z"/>`, "1601-01-01T00:00:00Z", ""},
		{"not a time", `<TimeCreated SystemTime="not-a-time"/>`, "", `System/TimeCreated/@SystemTime "not-a-time" is not a time`},
		{"out of range fields", `<TimeCreated SystemTime="9999-99-99T99:99:99Z"/>`, "", `"9999-99-99T99:99:99Z" is not a time`},
		{"FILETIME's maximum, year 30828", `<TimeCreated SystemTime="30828-09-14T02:48:05Z"/>`, "", `"30828-09-14T02:48:05Z" is not a time`},
		{"year 1", `<TimeCreated SystemTime="0001-01-01T00:00:00Z"/>`, "", `"0001-01-01T00:00:00Z" is not a time`},
		{"empty", `<TimeCreated SystemTime=""/>`, "", "no System/TimeCreated/@SystemTime:"},
		{"blank", `<TimeCreated SystemTime="  "/>`, "", "no System/TimeCreated/@SystemTime:"},
		{"no SystemTime", `<TimeCreated/>`, "", "no System/TimeCreated/@SystemTime:"},
		{"no TimeCreated", ``, "", "no System/TimeCreated:"},
		{"long junk is clipped", `<TimeCreated SystemTime="` + strings.Repeat("x", 500) + `"/>`, "", `"` + strings.Repeat("x", 64) + `…" is not a time`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := fmt.Sprintf(`<Events><Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="P"/><EventID>7036</EventID>%s<EventRecordID>5</EventRecordID></System></Event>`+
				`<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Q"/><EventID>1</EventID><TimeCreated SystemTime="2011-06-01T10:16:00Z"/><EventRecordID>6</EventRecordID></System></Event></Events>`, tt.system)
			var evs []Event
			reps, err := LoadSources(context.Background(), []Source{BytesSource("t.xml", []byte(doc))}, LoadOptions{}, func(u Update) {
				evs = append(evs, u.Events...)
			})
			if err != nil || len(reps) != 1 || len(evs) != 2 {
				t.Fatalf("%v, %d events, %+v", err, len(evs), reps)
			}
			r := reps[0]
			var e Event
			for _, x := range evs {
				if x.Provider == "P" {
					e = x
				}
			}
			if r.RecordsDecoded != 2 || r.RecordsSkipped != 0 || !e.Decoded || e.RecordID != 5 {
				t.Fatalf("report %+v, event %+v", r, e)
			}
			got := ""
			if !e.Time.IsZero() {
				got = e.Time.Format(time.RFC3339Nano)
			}
			if got != tt.want {
				t.Errorf("time %q, want %q", got, tt.want)
			}
			if tt.why == "" {
				if e.DecodeError != "" || len(r.Problems) != 0 {
					t.Errorf("DecodeError %q, problems %+v", e.DecodeError, r.Problems)
				}
				return
			}
			if !strings.Contains(e.DecodeError, tt.why) || !strings.HasSuffix(e.DecodeError, "time unknown") {
				t.Errorf("DecodeError %q, want it to say %q and that the time is unknown", e.DecodeError, tt.why)
			}
			if len(r.Problems) != 1 || !strings.Contains(r.Problems[0].Reason.String(), tt.why) || r.Problems[0].Record != 5 || r.Problems[0].Offset < 0 ||
				len(r.Problems[0].Reason.Parts) != 1 || r.Problems[0].Reason.Parts[0].String() != e.DecodeError {
				t.Errorf("problems %+v, want one for record 5 saying %q, as a reason i18n can say", r.Problems, tt.why)
			}
		})
	}
}

// TestXMLTimeUnknownListedUpTo: a file whose events all lack a time lists
// the first maxTimeProblems of them and counts the rest in one problem.
func TestXMLTimeUnknownListedUpTo(t *testing.T) {
	for _, n := range []int{maxTimeProblems, maxTimeProblems + 1, 3 * maxTimeProblems} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var b strings.Builder
			b.WriteString("<Events>")
			for i := range n {
				fmt.Fprintf(&b, `<Event><System><Provider Name="P"/><EventID>1</EventID><EventRecordID>%d</EventRecordID></System></Event>`, i+1)
			}
			b.WriteString("</Events>")
			evs, rep := readXMLString(t, b.String())
			if len(evs) != n || rep.RecordsDecoded != n {
				t.Fatalf("%d events, report %+v", len(evs), rep)
			}
			listed, more := 0, ""
			for _, p := range rep.Problems {
				switch {
				case strings.Contains(p.Reason.String(), "no System/TimeCreated"):
					listed++
				case strings.HasPrefix(p.Reason.String(), "more events loaded with their time unknown"):
					more = p.Reason.String()
				default:
					t.Errorf("problem %q", p.Reason.String())
				}
			}
			wantMore := ""
			if n > maxTimeProblems {
				wantMore = fmt.Sprintf("more events loaded with their time unknown, not listed: %d", n-maxTimeProblems)
			}
			if listed != min(n, maxTimeProblems) || more != wantMore {
				t.Errorf("%d listed, %q; want %d, %q", listed, more, min(n, maxTimeProblems), wantMore)
			}
		})
	}
}
