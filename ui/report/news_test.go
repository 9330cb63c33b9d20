package report

import (
	"strings"
	"testing"

	"eventlens/catalog"
	"eventlens/catalog/demo"
	"eventlens/i18n"
	"eventlens/model/store"
	"eventlens/model/vm"
)

func demoStore(t *testing.T) *store.Store {
	t.Helper()
	evs, err := demo.Events()
	if err != nil {
		t.Fatal(err)
	}
	s := store.New()
	s.Add(evs)
	catalog.Builtin().NewClassification().ClassifyAll(s)
	return s
}

// TestNews checks the triage's floods and novelty sections on the demo:
// each flooding kind once with its count and span, and the NTFS burst
// first among the unknown errors, with its first time, count, computer
// and reasons.
func TestNews(t *testing.T) {
	s := demoStore(t)
	for _, lang := range i18n.Langs {
		var b strings.Builder
		if err := News(&b, s, s.Order(), lang); err != nil {
			t.Fatal(err)
		}
		out := strings.ReplaceAll(b.String(), "\n      ", " ") // undo the wrapping
		if testing.Verbose() {
			t.Log("\n" + out)
		}
		if lang != i18n.EN {
			continue
		}
		for _, want := range []string{
			"Floods (runs of one kind",
			"Schannel 36888 (Error, Unknown) — 64× in 2 runs, 2011-03-08 03:",
			"on WEB01.contoso.local",
			"New and unusual",
			"  Microsoft-Windows-Ntfs 55 (Error) — 4×, first 2011-03-10 15:",
			"on LEGACY03.contoso.local — first seen after half the events · on 1 of 6 computers · burst: 4 in one hour",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("lacks %q:\n%s", want, out)
			}
		}
		if strings.Count(out, "Schannel 36888 (Error, Unknown)") != 1 {
			t.Errorf("the Schannel flood is listed more than once:\n%s", out)
		}
	}
}

func TestByVM(t *testing.T) {
	s := demoStore(t)
	cl := catalog.Builtin().NewClassification()
	cl.ClassifyAll(s)
	ix := vm.Build(s, cl.Catalog().VMs(), nil)
	var b strings.Builder
	if err := ByVM(&b, cl, s, ix, i18n.EN); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "######## Virtual machine ") {
		t.Errorf("does not start with its first heading: %q", out[:min(len(out), 40)])
	}
	for _, want := range []string{
		"######## Virtual machine WEB01 ########\nVM ID: 8A9B0C1D-2E3F-4051-9263-748596A7B8C9\nLogged about by: HV01.contoso.local\nIts own logs: WEB01.contoso.local (by name)\n",
		"######## Virtual machine W2K3-ISCSI ########",
		"[kb975354.iscsi-0x800423f4]",
		"######## Events about no virtual machine ########",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if n := strings.Count(out, "######## Virtual machine "); n != len(ix.VMs) {
		t.Errorf("%d VM sections for %d VMs", n, len(ix.VMs))
	}
	// The W2K3-ISCSI section holds its two failed backups and nothing else.
	sec := out[strings.Index(out, "Virtual machine W2K3-ISCSI"):]
	sec = sec[:strings.Index(sec, "######## Virtual machine WEB01")]
	if !strings.Contains(sec, "eventlens triage — 2 events") {
		t.Errorf("W2K3-ISCSI section:\n%s", sec)
	}
}

// TestWriteFormats: the triage command's text and the viewer's Markdown
// export are one report (Write): both have the classes, the floods and the
// novelty ranking.
func TestWriteFormats(t *testing.T) {
	s := demoStore(t)
	cl := catalog.Builtin().NewClassification()
	cl.ClassifyAll(s)
	for _, f := range []Format{AsText, AsMarkdown} {
		var b strings.Builder
		if err := Write(&b, f, cl, s, s.Order(), nil, i18n.EN); err != nil {
			t.Fatal(err)
		}
		out := strings.ReplaceAll(b.String(), "\n      ", " ")
		for _, want := range []string{"nec.vmsmp-32", "Floods (runs of one kind", "Schannel 36888 (Error, Unknown) — 64× in 2 runs", "New and unusual", "Microsoft-Windows-Ntfs 55 (Error) — 4×"} {
			if !strings.Contains(out, want) {
				t.Errorf("format %d lacks %q:\n%s", f, want, out)
			}
		}
		if f == AsMarkdown && !strings.Contains(out, "\n## Floods") {
			t.Errorf("Markdown: floods are no section:\n%s", out)
		}
	}
}

// A VM learnt only from an export without a computer column has no named
// host: its heading leaves the hosts line out instead of printing it empty.
func TestVMHeadingWithoutHosts(t *testing.T) {
	var b strings.Builder
	v := &vm.VM{Name: "VM01", Hosts: []string{""}}
	if err := vmHeading(&b, v, true, i18n.EN); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "######## Virtual machine VM01 ########\n\n"; got != want {
		t.Errorf("heading = %q, want %q", got, want)
	}
}
