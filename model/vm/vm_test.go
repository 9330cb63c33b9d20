package vm

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/store"
)

const (
	webID = "8A9B0C1D-2E3F-4051-9263-748596A7B8C9"
	appID = "6F3A1C2B-8D4E-4B5A-9C7D-1E2F3A4B5C6D"
)

func TestGenericRefs(t *testing.T) {
	tests := []struct {
		name string
		ev   model.Event
		want []Ref
	}{
		{"EventData VmName and VmId",
			model.Event{Data: []model.Data{{Name: "VmName", Value: "WEB01"}, {Name: "VmId", Value: webID}}},
			[]Ref{{Name: "WEB01", GUID: webID}}},
		{"braced lower-case ID",
			model.Event{Data: []model.Data{{Name: "VirtualMachineName", Value: " WEB01 "}, {Name: "VirtualMachineId", Value: "{8a9b0c1d-2e3f-4051-9263-748596a7b8c9}"}}},
			[]Ref{{Name: "WEB01", GUID: webID}}},
		{"UserData path",
			model.Event{UserData: []model.Data{{Name: "VmlEventLog/VmName", Value: "W2K3-ISCSI"}, {Name: "VmlEventLog/VmId", Value: webID}, {Name: "VmlEventLog/ErrorCode", Value: "0x800423F4"}}},
			[]Ref{{Name: "W2K3-ISCSI", GUID: webID}}},
		{"ID only",
			model.Event{Data: []model.Data{{Name: "VmId", Value: webID}}},
			[]Ref{{GUID: webID}}},
		{"FriendlyName beside an ID",
			model.Event{Data: []model.Data{{Name: "FriendlyName", Value: "WEB01"}, {Name: "VmId", Value: webID}}},
			[]Ref{{Name: "WEB01", GUID: webID}}},
		{"FriendlyName alone is no VM",
			model.Event{Data: []model.Data{{Name: "FriendlyName", Value: "Disk 2"}}}, nil},
		{"not a GUID",
			model.Event{Data: []model.Data{{Name: "VmName", Value: "WEB01"}, {Name: "VmId", Value: "not-a-guid"}}},
			[]Ref{{Name: "WEB01"}}},
		{"KVP guest name on the host",
			model.Event{Data: []model.Data{{Name: "VmName", Value: "WEB01"}, {Name: "FullyQualifiedDomainName", Value: "web01.contoso.local"}}},
			[]Ref{{Name: "WEB01", Guest: "web01.contoso.local"}}},
		{"KVP parameters inside the guest",
			model.Event{Data: []model.Data{{Name: "VirtualMachineName", Value: "WEB01"}, {Name: "PhysicalHostName", Value: "HV01"}}},
			[]Ref{{Name: "WEB01", Self: true}}},
		{"English message",
			model.Event{Message: "'WS08-APP' started successfully. (Virtual machine ID " + appID + ")"},
			[]Ref{{Name: "WS08-APP", GUID: appID}}},
		{"message with quoted ID",
			model.Event{Message: "Virtual machine 'WEB01' has an older version of the integration services installed ('6.1.7600.16385'). (Virtual machine ID '" + webID + "')"},
			[]Ref{{Name: "WEB01", GUID: webID}}},
		{"Japanese message",
			model.Event{Message: "仮想マシン 'WEB01' には古いバージョンの統合サービスがインストールされています。(仮想マシン ID '" + webID + "')"},
			[]Ref{{Name: "WEB01", GUID: webID}}},
		{"quotes without a marker are no VM",
			model.Event{Message: "Failed to connect NIC 'Broadcom' to port '' of switch ''. Status = C000003A"}, nil},
		{"data wins over the message",
			model.Event{Data: []model.Data{{Name: "VmName", Value: "A"}}, Message: "'B' started. (VMID " + appID + ")"},
			[]Ref{{Name: "A"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Generic{}.Refs(&tt.ev, nil)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Refs = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCleanName(t *testing.T) {
	long := make([]byte, 300)
	for i := range long {
		long[i] = 'x'
	}
	if n := len(CleanName(string(long))); n != maxName {
		t.Errorf("long name kept %d bytes", n)
	}
	if got := CleanName("  名前ー" + string(long)); len(got) > maxName || got[:9] != "名前ー" {
		t.Errorf("CleanName cut badly: %q", got[:12])
	}
}

func TestSameComputer(t *testing.T) {
	tests := []struct {
		computer, name string
		want           bool
	}{
		{"WEB01.contoso.local", "WEB01", true},
		{"web01", "WEB01", true},
		{"WEB01", "web01.contoso.local", true},
		{"WEB01.contoso.local", "web01.CONTOSO.local", true},
		{"WEB010", "WEB01", false},
		{"WEB01.a.local", "WEB01.b.local", false},
		{"HV01.contoso.local", "WEB01", false},
	}
	for _, tt := range tests {
		if got := SameComputer(tt.computer, tt.name); got != tt.want {
			t.Errorf("SameComputer(%q, %q) = %v", tt.computer, tt.name, got)
		}
	}
}

// estate is a small Hyper-V estate: a host naming three VMs, two guests'
// own logs, and a computer that is nobody's guest.
func estate() []model.Event {
	base := time.Date(2011, 3, 7, 10, 0, 0, 0, time.UTC)
	n := 0
	ev := func(comp, prov string, id uint16, class model.Class, data ...model.Data) model.Event {
		n++
		return model.Event{File: "f.xml", RecordID: uint64(n), Time: base.Add(time.Duration(n) * time.Minute),
			Computer: comp, Provider: prov, EventID: id, Level: model.LevelWarning, Decoded: true, Data: data, Class: class}
	}
	d := func(name, value string) model.Data { return model.Data{Name: name, Value: value} }
	return []model.Event{
		ev("HV01.contoso.local", "Microsoft-Windows-Hyper-V-Worker", 18500, 0, d("VmName", "WEB01"), d("VmId", webID)),
		ev("HV01.contoso.local", "Microsoft-Windows-Hyper-V-Worker", 18500, 0, d("VmName", "WS08-APP"), d("VmId", appID)),
		ev("HV01.contoso.local", "Microsoft-Windows-Hyper-V-Integration-KvpExchange", 4130, model.ClassUpdate, d("VmName", "WEB01"), d("VmId", webID)),
		ev("WEB01.contoso.local", "VDS Basic Provider", 1, model.ClassHarmless, d("", "490@01010004")),
		ev("WEB01.contoso.local", "Service Control Manager", 7036, 0, d("param1", "x")),
		ev("HV02.contoso.local", "Microsoft-Windows-Hyper-V-VMMS", 10150, model.ClassKnownIssue, d("VmName", "OLDBOX")),
		ev("LAB7", "Microsoft-Windows-Something", 1, 0, d("VirtualMachineName", "OLDBOX"), d("PhysicalHostName", "HV02")),
		ev("DC01.contoso.local", "Service Control Manager", 7036, 0, d("param1", "x")),
		ev("HV01.contoso.local", "Microsoft-Windows-Hyper-V-Worker", 18510, 0, d("VmId", appID)),
	}
}

func build(t *testing.T, evs []model.Event, links Links) (*store.Store, *Index) {
	t.Helper()
	s := store.New()
	s.Add(evs)
	return s, Build(s, nil, links)
}

func TestBuild(t *testing.T) {
	_, ix := build(t, estate(), nil)
	type row struct {
		Name, GUID   string
		Hosts        []string
		Guests       []Guest
		Host, Guest  int
		Update, Know int
	}
	var got []row
	for _, v := range ix.VMs {
		got = append(got, row{v.Name, v.GUID, v.Hosts, v.Guests, v.HostEvents, v.GuestEvents,
			v.Classes[model.ClassUpdate], v.Classes[model.ClassKnownIssue]})
	}
	want := []row{
		{"OLDBOX", "", []string{"HV02.contoso.local"}, []Guest{{"LAB7", LinkKVP}}, 1, 1, 0, 1},
		{"WEB01", webID, []string{"HV01.contoso.local"}, []Guest{{"WEB01.contoso.local", LinkName}}, 2, 2, 1, 0},
		{"WS08-APP", appID, []string{"HV01.contoso.local"}, nil, 2, 0, 0, 0},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("VMs:\n got %+v\nwant %+v", got, want)
	}
	web := ix.VMs[1]
	if !web.First.Equal(time.Date(2011, 3, 7, 10, 1, 0, 0, time.UTC)) || !web.Last.Equal(time.Date(2011, 3, 7, 10, 5, 0, 0, time.UTC)) {
		t.Errorf("WEB01 span %v – %v", web.First, web.Last)
	}
	if got := ix.Mentions(2); !reflect.DeepEqual(got, []int32{1, 8}) {
		t.Errorf("WS08-APP mentions %v", got)
	}
}

func TestLinksByHand(t *testing.T) {
	links := Links{}
	links.Set("DC01.contoso.local", appID)   // DC01 is WS08-APP's guest
	links.Set("WEB01.contoso.local", "")     // and WEB01's logs are nobody's
	links.Set("LAB7", "name:oldbox")         // a name-only key
	links.Set("NOSUCH", "name:nothing-here") // a VM not in these logs
	_, ix := build(t, estate(), links)
	for _, tt := range []struct {
		computer string
		want     string
	}{{"dc01.contoso.local", "WS08-APP"}, {"WEB01.contoso.local", ""}, {"LAB7", "OLDBOX"}, {"NOSUCH", ""}} {
		got := ""
		if v := ix.GuestOf(tt.computer); v >= 0 {
			got = ix.VMs[v].Name
			if g := ix.VMs[v].Guests; len(g) != 1 || g[0].By != LinkHand {
				t.Errorf("%s: guests %+v", tt.computer, g)
			}
		}
		if got != tt.want {
			t.Errorf("GuestOf(%s) = %q, want %q", tt.computer, got, tt.want)
		}
	}
}

func TestSelectAndMatch(t *testing.T) {
	evs := estate()
	_, ix := build(t, evs, nil)
	names := func(ids []int) (out []string) {
		for _, v := range ids {
			out = append(out, ix.VMs[v].Label())
		}
		return out
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"web01", []string{"WEB01"}},
		{"0", []string{"WEB01", "WS08-APP"}}, // names with a zero
		{"8a9b0c1d", []string{"WEB01"}},
		{"{6F3A1C2B-8D4E", []string{"WS08-APP"}},
		{"6F3", nil}, // too short for an ID prefix, and in no name
		{"nothing", nil},
	} {
		if got := names(ix.Select(tt.text)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Select(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	var matched []uint64
	for i := range evs {
		if ix.MatchEvent(&evs[i], "web01") {
			matched = append(matched, evs[i].RecordID)
		}
	}
	if want := []uint64{1, 3, 4, 5}; !reflect.DeepEqual(matched, want) {
		t.Errorf("MatchEvent(web01) = %v, want %v", matched, want)
	}
	other := model.Event{Data: []model.Data{{Name: "VmName", Value: "NEWVM"}}}
	if !ix.MatchEvent(&other, "newvm") {
		t.Error("an event naming a VM not in the index does not match its name")
	}
}

// TestLinksPathCase: a case is keyed by what it loads, never by nothing.
// The demo (read from memory) gets its own file, not the hash of "" that
// every sourceless case would share.
func TestLinksPathCase(t *testing.T) {
	dir := t.TempDir()
	if p := LinksPath(dir, nil); p != "" {
		t.Errorf("empty case: %q, want none", p)
	}
	demo := model.BytesSource("hyperv-demo.xml", []byte("<Events/>"))
	p := LinksPath(dir, nil, demo)
	if p == "" || strings.Contains(p, "e3b0c442") {
		t.Fatalf("demo case: %q", p)
	}
	if p != LinksPath(dir, nil, model.BytesSource("hyperv-demo.xml", []byte("<Events/>"))) {
		t.Error("the same demo gets another file")
	}
	if p == LinksPath(dir, nil, model.BytesSource("hyperv-demo.xml", []byte("<Events></Events>"))) {
		t.Error("a demo of another size shares the file")
	}
	if p == LinksPath(dir, []string{"hyperv-demo.xml"}) {
		t.Error("a file of the same name shares the demo's file")
	}
}

func TestLinksFile(t *testing.T) {
	dir := t.TempDir()
	p := LinksPath(dir, []string{"b.evtx", "a.evtx", "a.evtx"})
	if p != LinksPath(dir, []string{"a.evtx", "b.evtx"}) {
		t.Error("LinksPath depends on the order of the files")
	}
	if p == LinksPath(dir, []string{"a.evtx"}) {
		t.Error("two cases share a links file")
	}
	links, err := LoadLinks(p)
	if err != nil || len(links) != 0 {
		t.Fatalf("missing file: %v %v", links, err)
	}
	links.Set("WEB01", webID)
	if err := SaveLinks(p, links); err != nil {
		t.Fatal(err)
	}
	got, err := LoadLinks(p)
	if err != nil || !reflect.DeepEqual(got, Links{"web01": webID}) {
		t.Errorf("round trip: %v %v", got, err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := SaveLinks(bad, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadLinks(filepath.Join(dir, "vm-links")); err == nil {
		t.Error("a directory read as links")
	}
}

func TestQueryTerm(t *testing.T) {
	for _, tt := range []struct {
		v    VM
		want string
	}{
		{VM{Name: "WEB01", GUID: webID}, "vm:" + webID},
		{VM{Name: "WEB01"}, "vm:WEB01"},
		{VM{Name: `My "lab" VM`}, `vm:"My \"lab\" VM"`},
		{VM{Name: `a\b`}, `vm:"a\\b"`},
	} {
		if got := tt.v.QueryTerm(); got != tt.want {
			t.Errorf("QueryTerm(%+v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}
