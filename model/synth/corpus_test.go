package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"eventlens/model"
	"eventlens/model/modeltest"
)

// TestCorpusMix prints the make-up of the corpus logs the generator's tables
// are drawn from (run with -v and EVENTLENS_CORPUS set).
func TestCorpusMix(t *testing.T) {
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		t.Skip("EVENTLENS_CORPUS not set: no corpus to compare the generator with")
	}
	for _, name := range []string{"StolenSzechuan_Win2012R2_System.evtx", "security.evtx"} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("corpus file %s absent", path)
		}
		evs, _, err := modeltest.LoadAll(t.Context(), []string{path}, model.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		type shape struct {
			n               int
			dataLen, msgLen int
			names           string
			sample          []string
		}
		shapes := map[string]*shape{}
		comps := map[string]int{}
		text := 0
		for i := range evs {
			e := &evs[i]
			comps[e.Computer+"|"+e.Channel]++
			var names []string
			l := 0
			for _, d := range e.Data {
				names = append(names, d.Name)
				l += len(d.Value) + 1
			}
			for _, d := range e.UserData {
				names = append(names, "U:"+d.Name)
				l += len(d.Value) + 1
			}
			k := fmt.Sprintf("%s|%d|%d|%s|q%d|b%d", e.Provider, e.EventID, e.Level, e.EventSourceName, e.Qualifiers, len(e.Binary))
			s := shapes[k]
			if s == nil {
				s = &shape{names: strings.Join(names, ",")}
				shapes[k] = s
			}
			s.n++
			s.dataLen += l
			text += l + len(e.Message)
			if len(s.sample) < 3 {
				var vs []string
				for _, d := range e.Data {
					vs = append(vs, d.Value)
				}
				for _, d := range e.UserData {
					vs = append(vs, d.Value)
				}
				s.sample = append(s.sample, fmt.Sprintf("%q task=%d op=%d kw=%#x v=%d pid=%d tid=%d sid=%q guid=%s bin=%.40s", vs, e.Task, e.Opcode, e.Keywords, e.Version, e.ProcessID, e.ThreadID, e.UserSID, e.ProviderGUID, e.Binary))
			}
		}
		t.Logf("%s: %d events, avg text %d bytes, computers/channels %v", name, len(evs), text/max(len(evs), 1), comps)
		keys := make([]string, 0, len(shapes))
		for k := range shapes {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return shapes[keys[i]].n > shapes[keys[j]].n })
		for _, k := range keys {
			s := shapes[k]
			t.Logf("%6d %s avgdata=%d names=[%s]", s.n, k, s.dataLen/s.n, s.names)
			for _, x := range s.sample {
				t.Logf("        %.400s", x)
			}
		}
	}
}
