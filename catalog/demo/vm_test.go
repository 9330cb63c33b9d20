package demo_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/model/fold"
	"eventlens/model/novelty"
	"eventlens/model/store"
	"eventlens/model/vm"
)

// demoStore loads the demo into a store and classifies it.
func demoStore(t *testing.T) (*store.Store, *catalog.Catalog) {
	t.Helper()
	s := store.New()
	s.Add(loadSource(t, demo.Name, demo.Bytes(), "xml"))
	c := catalog.Builtin()
	c.NewClassification().ClassifyAll(s)
	return s, c
}

// TestDemoVMs checks the demo's story of VMs: the VMs HV01 and HV02 name,
// each with its host, and the four guests whose own logs are in the demo
// linked by name.
func TestDemoVMs(t *testing.T) {
	s, c := demoStore(t)
	ix := vm.Build(s, c.VMs(), nil)
	var got []string
	for _, v := range ix.VMs {
		var guests []string
		for _, g := range v.Guests {
			guests = append(guests, g.Computer+" by "+g.By.String())
		}
		got = append(got, fmt.Sprintf("%s %s on %s; guests %s; %d host, %d guest events",
			v.Name, v.GUID[:8], strings.Join(v.Hosts, ","), strings.Join(guests, ","), v.HostEvents, v.GuestEvents))
	}
	want := []string{
		"LEGACY03 0F1E2D3C on HV01.contoso.local; guests LEGACY03.contoso.local by name; 2 host, ",
		"W2K-APP 5A4B3C2D on HV01.contoso.local; guests W2K-APP by name; 1 host, ",
		"W2K3-ISCSI 3C4D5E6F on HV02.contoso.local; guests ; 2 host, 0 guest events",
		"WEB01 8A9B0C1D on HV01.contoso.local; guests WEB01.contoso.local by name; 3 host, ",
		"WS08-APP 6F3A1C2B on HV01.contoso.local; guests ; 3 host, 0 guest events",
		"WS08SP2-FILE 11223344 on HV01.contoso.local; guests ; 3 host, 0 guest events",
		"XP-CLIENT 9E8D7C6B on HV01.contoso.local; guests XP-CLIENT by name; 1 host, ",
	}
	if len(got) != len(want) {
		t.Fatalf("VMs:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("VM %d:\n got %s\nwant %s…", i, got[i], want[i])
		}
	}
	// The catalog's insertion strings find the VMs of the classic VMSMP and
	// storvsp events, which carry neither item names nor a VM ID marker
	// the generic reader would need.
	generic := vm.Build(s, nil, nil)
	file := generic.VMs[slices.IndexFunc(generic.VMs, func(v vm.VM) bool { return v.Name == "WS08SP2-FILE" })]
	if file.HostEvents != 1 {
		t.Errorf("without the catalog WS08SP2-FILE has %d host events, want 1 (only its start)", file.HostEvents)
	}
}

// TestDemoFloodsAndNews checks that the demo's Schannel flood folds and
// that the NTFS burst on LEGACY03 ranks first among unknown errors.
func TestDemoFloodsAndNews(t *testing.T) {
	s, _ := demoStore(t)
	f := fold.Find(s, s.Order(), fold.Options{})
	syms := s.Symbols()
	folded := map[string]int{}
	for _, run := range f.Runs {
		folded[fmt.Sprintf("%s %d", syms[run.Provider], run.EventID)] += run.Count
	}
	// Every Schannel event is in a flood (a busy stretch of other events
	// splits it in two), and
	// so is most of the services' chatter that fills the demo.
	if folded["Schannel 36888"] != 64 || folded["Schannel 36874"] != 64 || folded["Service Control Manager 7036"] < 200 {
		t.Errorf("folded %v", folded)
	}
	items := novelty.Rank(s, s.Order())
	if len(items) == 0 || items[0].Provider != "Microsoft-Windows-Ntfs" || items[0].Count != 4 || items[0].Computers[0] != "LEGACY03.contoso.local" {
		t.Fatalf("most novel: %+v", items[:min(1, len(items))])
	}
	if items[0].Reasons&(novelty.New|novelty.Burst) != novelty.New|novelty.Burst {
		t.Errorf("NTFS burst reasons %b", items[0].Reasons)
	}
	for _, it := range items {
		if it.Provider == "Schannel" && it.Score >= items[0].Score {
			t.Errorf("the flood ranks as high as the burst: %+v", it)
		}
	}
}
