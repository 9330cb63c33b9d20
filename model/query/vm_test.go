package query

import (
	"slices"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/store"
	"eventlens/model/vm"
)

// TestVMTerm checks vm:NAME over a host that names two VMs and the logs
// of one VM's guest, with the index bound and without.
func TestVMTerm(t *testing.T) {
	const webID = "8A9B0C1D-2E3F-4051-9263-748596A7B8C9"
	base := time.Date(2011, 3, 7, 10, 0, 0, 0, time.UTC)
	ev := func(n int, comp string, data ...model.Data) model.Event {
		return model.Event{File: "f", RecordID: uint64(n), Time: base.Add(time.Duration(n) * time.Minute),
			Computer: comp, Provider: "P", EventID: uint16(n), Decoded: true, Data: data}
	}
	d := func(name, value string) model.Data { return model.Data{Name: name, Value: value} }
	evs := []model.Event{
		ev(0, "HV01", d("VmName", "WEB01"), d("VmId", webID)),
		ev(1, "HV01", d("VmName", "WS08-APP")),
		ev(2, "WEB01.contoso.local", d("param1", "x")),
		ev(3, "DC01", d("param1", "x")),
		ev(4, "HV01", d("VmId", webID)), // names WEB01 by ID alone
		ev(5, "HV01", d("param1", "x")),
	}
	s := store.New()
	s.Add(evs)
	ix := vm.Build(s, nil, nil)
	for _, tt := range []struct {
		q           string
		bound, bare []int32 // Select with the index bound, and without
	}{
		{"vm:web01", []int32{0, 2, 4}, []int32{0, 2, 4}},
		{"vm:WEB", []int32{0, 2, 4}, []int32{0, 2, 4}},
		{"vm:8a9b0c1d", []int32{0, 2, 4}, []int32{0, 2, 4}},
		{"vm:ws08", []int32{1}, []int32{1}},
		{"-vm:web01", []int32{1, 3, 5}, []int32{1, 3, 5}},
		{"vm:web01 id:2-5", []int32{2, 4}, []int32{2, 4}},
		{"vm:nothing", nil, nil},
	} {
		q := MustParse(tt.q, now)
		if got := Select(s, q.WithVMs(ix), nil); !slices.Equal(got, tt.bound) {
			t.Errorf("Select(%q) bound = %v, want %v", tt.q, got, tt.bound)
		}
		if got := Select(s, q, nil); !slices.Equal(got, tt.bare) {
			t.Errorf("Select(%q) unbound = %v, want %v", tt.q, got, tt.bare)
		}
		// Match with the index agrees with Select.
		var match []int32
		for i := range evs {
			if q.WithVMs(ix).Match(&evs[i]) {
				match = append(match, int32(i))
			}
		}
		if !slices.Equal(match, tt.bound) {
			t.Errorf("Match(%q) bound = %v, want %v", tt.q, match, tt.bound)
		}
		if q.WithVMs(ix).String() != q.String() {
			t.Errorf("binding changed %q", tt.q)
		}
	}
	// A link by hand makes DC01 WS08-APP's guest.
	links := vm.Links{}
	links.Set("DC01", "name:ws08-app")
	ix = vm.Build(s, nil, links)
	if got := Select(s, MustParse("vm:ws08-app", now).WithVMs(ix), nil); !slices.Equal(got, []int32{1, 3}) {
		t.Errorf("after linking by hand: %v", got)
	}
	var nilQ *Query
	if nilQ.WithVMs(ix) != nil {
		t.Error("nil query bound to something")
	}
}

// TestVMQueryTerm checks that the term the VM list filters with parses
// back to a term selecting that VM, whatever its name.
func TestVMQueryTerm(t *testing.T) {
	for _, name := range []string{"WEB01", `My "lab" VM`, `a\b`, "名前 付き"} {
		s := store.New()
		s.Add([]model.Event{{File: "f", Computer: "HV", Provider: "P", Decoded: true, Data: []model.Data{{Name: "VmName", Value: name}}}})
		ix := vm.Build(s, nil, nil)
		term := ix.VMs[0].QueryTerm()
		q, err := Parse(term, now)
		if err != nil {
			t.Fatalf("%s: %v", term, err)
		}
		if got := Select(s, q.WithVMs(ix), nil); len(got) != 1 {
			t.Errorf("%s selects %v", term, got)
		}
	}
}

// TestWithVMsKeepsClock checks that a bound query edits as the unbound one
// does: binding keeps everything else a Query carries, its clock included.
func TestWithVMsKeepsClock(t *testing.T) {
	q := MustParse("vm:web after:-1h", now)
	bound := q.WithVMs(vm.Build(store.New(), nil, nil))
	a, errA := q.With("after", "-2h", false)
	b, errB := bound.With("after", "-2h", false)
	if a != b || errA != nil || errB != nil {
		t.Errorf("edits differ: %q %v / %q %v", a, errA, b, errB)
	}
	if bound.clock() != q.clock() {
		t.Errorf("clock %v, want %v", bound.clock(), q.clock())
	}
}
