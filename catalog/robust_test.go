package catalog

import (
	"strings"
	"sync"
	"testing"
	"time"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
)

// FuzzParse: no catalog file, however broken, panics the parser.
func FuzzParse(f *testing.F) {
	f.Add([]byte(goodUser))
	for _, name := range BuiltinFiles() {
		b, _ := BuiltinFile(name)
		f.Add(b)
	}
	f.Add([]byte("document: [\n"))
	f.Add([]byte("entries:\n  - *a\n"))
	f.Add([]byte("document: x\nentries: " + strings.Repeat("[", 40)))
	f.Add([]byte("entries:\n" + strings.Repeat("- ", 120) + "x\n"))
	f.Add([]byte("document: x\nentries: []\n\x1b]0;pwned\x07: 1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := parse("fuzz.yaml", b)
		if err == nil {
			for _, e := range entries {
				if e.ID == "" || !e.Verdict.Complete() {
					t.Fatalf("invalid entry accepted: %+v", e)
				}
			}
		} else if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
			t.Fatalf("error does not name the file: %v", err)
		} else {
			for _, line := range strings.Split(err.Error(), "\n") { // one error per line
				if strings.ContainsFunc(line, sanitize.Unsafe) {
					t.Fatalf("error carries a control character: %q", err)
				}
			}
		}
	})
}

// TestHostileEvents: odd events do not panic the classifier or Explain.
func TestHostileEvents(t *testing.T) {
	c, _ := Load()
	cl := c.NewClassification()
	evil := "HV01\x1b]0;pwned\x07\x1b[2J\u202e"
	events := []*model.Event{
		nil,
		{},
		{Decoded: true, Provider: "VMSMP", EventID: 32, Computer: evil, Data: []model.Data{{Value: "\x1b[31m"}, {}, {}, {Value: "C000003A"}}},
		{Decoded: true, Provider: "Microsoft-Windows-Hyper-V-VMMS", EventID: 1, Computer: evil, Message: "0x800423F4 " + strings.Repeat("\xff", 10)},
		{Decoded: true, Provider: evil, EventID: 9, Level: model.LevelError},
		{Decoded: true, Provider: "Microsoft-Windows-Winlogon", EventID: 6004, Computer: evil}, // zero time
		{Decoded: true, Provider: "Microsoft-Windows-Servicing", EventID: 2, Computer: evil, UserData: []model.Data{{Name: "x", Value: "KB975354"}}},
		{Decoded: true, Provider: "VMSMP", EventID: 26, Data: []model.Data{{Value: strings.Repeat("%1", 1000)}}},
	}
	cl.Classify(events)
	for _, l := range i18n.Langs {
		for _, ev := range events {
			cl.Explain(ev, l)
			c.Message(ev, l)
		}
	}
}

// TestConcurrent runs Classify and Explain at once (go test -race).
func TestConcurrent(t *testing.T) {
	c, _ := Load()
	cl := c.NewClassification()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				evs := []*model.Event{
					mk("Microsoft-Windows-Winlogon", 6004, time.Duration(i)*time.Minute, "HV01", "TrustedInstaller"),
					mk("EventLog", 6005, time.Duration(i)*time.Minute, "HV01"),
				}
				cl.Classify(evs)
				cl.Explain(evs[0], i18n.Langs[g%3])
			}
		}(g)
	}
	wg.Wait()
}

// BenchmarkClassify measures classification of a 100,000-event timeline of
// mostly ordinary events with the catalog's events mixed in.
func BenchmarkClassify(b *testing.B) {
	const n = 100000
	evs := make([]*model.Event, n)
	kinds := []func(i int) *model.Event{
		func(i int) *model.Event {
			return mk("Service Control Manager", 7036, time.Duration(i)*time.Second, "HV01", "Windows Update", "running")
		},
		func(i int) *model.Event {
			return mk("VMSMP", 32, time.Duration(i)*time.Second, "HV01", "NIC", "", "", "C000003A")
		},
		func(i int) *model.Event {
			return mk("Microsoft-Windows-Winlogon", 6004, time.Duration(i)*time.Second, "HV01", "TrustedInstaller")
		},
		func(i int) *model.Event { return mk("EventLog", 6005, time.Duration(i)*time.Second, "HV01") },
		func(i int) *model.Event {
			return mk("Microsoft-Windows-Hyper-V-VMMS", 10150, time.Duration(i)*time.Second, "HV01", "%%2147754996")
		},
	}
	for i := range evs {
		k := 0
		if i%10 == 0 {
			k = 1 + (i/10)%4
		}
		evs[i] = kinds[k](i)
	}
	c, _ := Load()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.NewClassification().Classify(evs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/event")
}
