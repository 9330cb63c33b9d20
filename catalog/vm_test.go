package catalog

import (
	"fmt"
	"reflect"
	"testing"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/vm"
)

const vmGUID = "8A9B0C1D-2E3F-4051-9263-748596A7B8C9"

// vmSample returns insertion strings for e: the VM's name and ID where the
// entry declares them, a version-like value elsewhere.
func vmSample(e *Entry) []model.Data {
	data := make([]model.Data, len(e.Insertion.Names))
	for i := range data {
		switch i + 1 {
		case e.Insertion.VMName:
			data[i].Value = "WEB01"
		case e.Insertion.VMID:
			data[i].Value = "{" + vmGUID + "}"
		default:
			data[i].Value = fmt.Sprintf("%d.2", i)
		}
	}
	return data
}

// TestVMRefsEveryShape checks that the VM of every catalog event that
// names one is found in each shape the event reaches eventlens in:
// insertion strings (EVTX, XML), the rendered message alone in each
// language (Event Viewer CSV/TXT), and named EventData items.
func TestVMRefsEveryShape(t *testing.T) {
	c := Builtin()
	x := c.VMs()
	naming := 0
	for _, e := range c.Entries() {
		id, ok := e.EventID()
		if !ok {
			continue
		}
		ev := func() *model.Event {
			return &model.Event{Provider: e.ProviderNames()[0], EventID: id, Decoded: true, Computer: "HV01", Level: model.LevelWarning}
		}
		classified := func(ev *model.Event) *model.Event {
			c.NewClassification().Classify([]*model.Event{ev})
			if ev.CatalogID != e.ID {
				t.Fatalf("%s: test event classified as %q", e.ID, ev.CatalogID)
			}
			return ev
		}
		if e.Insertion.VMName == 0 && e.Insertion.VMID == 0 {
			// An entry that names no VM: its insertion strings are not read
			// as one.
			plain := ev()
			plain.Data = vmSample(e)
			if len(e.Match.DataContains) > 0 {
				plain.Data[0].Value = e.Match.DataContains[0]
			}
			if len(e.Match.ErrorCodes) > 0 {
				plain.Data = append(plain.Data, model.Data{Value: e.Match.ErrorCodes[0]})
			}
			if x.Knows(e.ID) || len(x.Refs(classified(plain), nil)) > 0 {
				t.Errorf("%s names no VM, but one was found", e.ID)
			}
			continue
		}
		naming++
		want := []vm.Ref{{Name: "WEB01", GUID: vmGUID}}
		if !x.Knows(e.ID) {
			t.Errorf("%s: extractor does not know it", e.ID)
		}
		withData := ev()
		withData.Data = vmSample(e)
		if got := x.Refs(classified(withData), nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s, insertion strings: %+v", e.ID, got)
		}
		for _, l := range i18n.Langs {
			msg, ok := render(e.Message.In(l), vmSample(e))
			if !ok {
				t.Fatalf("%s: template %s does not render", e.ID, l)
			}
			onlyMsg := ev()
			onlyMsg.Message = msg
			if got := x.Refs(classified(onlyMsg), nil); !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s message %q: %+v", e.ID, l, msg, got)
			}
		}
		named := ev()
		named.Data = []model.Data{{Name: "VmName", Value: "WEB01"}, {Name: "VmId", Value: vmGUID}, {Name: "Other", Value: "x"}}
		if got := x.Refs(classified(named), nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s, named EventData: %+v", e.ID, got)
		}
	}
	if naming < 5 {
		t.Errorf("only %d entries name a VM; VMSMP 26/27, storvsp 5/6 and KvpExchange 4130 do", naming)
	}
	// An unclassified event is read generically.
	worker := &model.Event{Message: "'APP' started successfully. (Virtual machine ID " + vmGUID + ")"}
	if got := x.Refs(worker, nil); !reflect.DeepEqual(got, []vm.Ref{{Name: "APP", GUID: vmGUID}}) {
		t.Errorf("generic message: %+v", got)
	}
}

func TestTemplatePattern(t *testing.T) {
	re := templatePattern("NIC driver on '%1' cannot load. Server version %2 Client version %3 (VMID %4).")
	m := re.FindStringSubmatch("NIC driver on 'A B'  cannot load.\r\nServer version 3.2 Client version 0.1 (VMID {x}).")
	if m == nil || m[re.SubexpIndex("p1")] != "A B" || m[re.SubexpIndex("p4")] != "{x}" {
		t.Errorf("match %q", m)
	}
	if templatePattern("no insertion strings") != nil || templatePattern("") != nil {
		t.Error("pattern for a template without insertion strings")
	}
	if re := templatePattern("%1 and %1 (100%% sure) %2."); re == nil || !re.MatchString("a and a (100% sure) b.") {
		t.Error("repeated insertion or %% not handled")
	}
}
