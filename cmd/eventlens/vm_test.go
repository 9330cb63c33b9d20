package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/catalog/demo"
	"eventlens/model"
	"eventlens/model/vm"
)

// demoFile writes the demo log to a temporary file.
func demoFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), demo.Name)
	if err := os.WriteFile(p, demo.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestVMCommands runs vm: through export --query and triage --query, and
// triage --by-vm, on the demo.
func TestVMCommands(t *testing.T) {
	p := demoFile(t)
	// WEB01's host events: its start, KvpExchange 4130 and Worker 21502.
	code, out, stderr := runCLI(t, "export", "--no-cache", "--format", "csv", "--query", "vm:web01 host:hv01", p)
	if code != exitOK {
		t.Fatalf("export: %d\n%s", code, stderr)
	}
	if n := strings.Count(out, "\n") - 1; n != 3 {
		t.Errorf("export vm:web01 host:hv01 wrote %d events, want 3:\n%s", n, out)
	}
	// WS08SP2-FILE is named by its start (VmName) and by VMSMP 27 and
	// storvsp 6, whose classic insertion strings only the catalog reads.
	_, out, _ = runCLI(t, "export", "--no-cache", "--format", "csv", "--query", "vm:11223344", p)
	if n := strings.Count(out, "\n") - 1; n != 3 || !strings.Contains(out, "storvsp") || !strings.Contains(out, "VMSMP") {
		t.Errorf("export vm:11223344 wrote %d events:\n%s", n, out)
	}

	code, out, stderr = runCLI(t, "triage", "--no-cache", "--lang", "en", "--query", "vm:W2K3-ISCSI", p)
	if code != exitOK || !strings.Contains(out, "2 events from 1 file") || !strings.Contains(out, "[kb975354.iscsi-0x800423f4]") {
		t.Errorf("triage --query: %d\n%s%s", code, out, stderr)
	}

	code, out, stderr = runCLI(t, "triage", "--no-cache", "--lang", "en", "--by-vm", p)
	if code != exitOK {
		t.Fatalf("triage --by-vm: %d\n%s", code, stderr)
	}
	for _, want := range []string{"######## Virtual machine LEGACY03 ########", "######## Events about no virtual machine ########",
		"Floods (runs of one kind", "Microsoft-Windows-Ntfs 55"} {
		if !strings.Contains(out, want) {
			t.Errorf("triage --by-vm lacks %q", want)
		}
	}
	if code, _, stderr := runCLI(t, "triage", "--by-vm", "--query", "id:1", p); code != exitUsage {
		t.Errorf("--by-vm with --query: %d %s", code, stderr)
	}
}

// TestVMLinksFromViewer checks that the headless commands use the links
// made by hand in the viewer for the same files.
func TestVMLinksFromViewer(t *testing.T) {
	p := demoFile(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	links := vm.Links{}
	links.Set("HV02.contoso.local", "name:nothing") // a VM not in the log: HV02 is nobody's guest
	links.Set("DC01", "")
	links.Set("XP-CLIENT", "6F3A1C2B-8D4E-4B5A-9C7D-1E2F3A4B5C6D") // XP-CLIENT's logs are WS08-APP's
	if err := vm.SaveLinks(vmLinksPath([]string{p}), links); err != nil {
		t.Fatal(err)
	}
	_, out, _ := runCLI(t, "export", "--no-cache", "--format", "csv", "--query", "vm:ws08-app host:xp-client", p)
	if n := strings.Count(out, "\n") - 1; n < 10 {
		t.Errorf("XP-CLIENT's events not WS08-APP's: %d", n)
	}
	_, out, _ = runCLI(t, "export", "--no-cache", "--format", "csv", "--query", "vm:xp-client host:xp-client", p)
	if n := strings.Count(out, "\n") - 1; n != 0 {
		t.Errorf("XP-CLIENT still linked to its VM by name: %d", n)
	}
}

// TestVMLinksPathDemo: the demo viewer (no files) remembers its links under
// the demo's own key, not under the hash of an empty case.
func TestVMLinksPathDemo(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	p := vmLinksPath(nil, model.BytesSource(demo.Name, demo.Bytes()))
	if p == "" || strings.Contains(filepath.Base(p), "e3b0c442") {
		t.Fatalf("demo links file %q", p)
	}
	if q := vmLinksPath([]string{demoFile(t)}); q == p {
		t.Error("the demo and a file share a links file")
	}
}
