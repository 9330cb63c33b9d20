//go:build ignore

// gen writes hyperv-demo.xml: a synthetic Event Viewer "Save as XML" export
// of two Hyper-V hosts and four guests over four days in March 2011. The
// story: HV01 gets the Hyper-V role and its first VMs; HV02 fails backups
// with 0x800423F4 until KB975354 is installed. Ordinary events fill the days
// around them. A fixed seed makes the output reproducible.
//
// It then writes hyperv-demo.evtx, the same events as a real .evtx file,
// read from the XML just written (see catalog/internal/evtxgen): one file
// holding every computer and channel, record IDs as in the XML.
//
// Run with "go generate ./catalog/demo"; -dir writes elsewhere (the tests
// regenerate into a temporary directory to check the committed files).
package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"eventlens/catalog/internal/evtxgen"
	"eventlens/model/evtxwrite"
)

type data struct{ name, value string }

type event struct {
	t         time.Time
	provider  string
	guid      string
	source    string // EventSourceName
	id        uint16
	qual      int // -1: no Qualifiers attribute
	level     int
	task      int
	keywords  string
	channel   string
	computer  string
	sid       string
	pid, tid  int
	data      []data
	userData  string // raw XML inside <UserData>
	binary    string
	message   string // English rendering; empty for none
	levelName string
	record    uint64
}

var (
	rng    = rand.New(rand.NewPCG(2011, 3))
	events []*event
	base   = time.Date(2011, 3, 7, 0, 0, 0, 0, time.UTC)
)

const (
	hv01     = "HV01.contoso.local"
	hv02     = "HV02.contoso.local"
	web01    = "WEB01.contoso.local"
	legacy03 = "LEGACY03.contoso.local"
	w2kApp   = "W2K-APP"
	xpClient = "XP-CLIENT"

	scmGUID      = "{555908d1-a6d7-4695-8e1e-26931d2012f4}"
	winlogonGUID = "{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}"
)

var levelNames = map[int]string{1: "Critical", 2: "Error", 3: "Warning", 4: "Information", 0: "Information"}

// at returns the time day d (0-based), hh:mm:ss plus up to 900 ms.
func at(d, hh, mm, ss int) time.Time {
	return base.Add(time.Duration(d)*24*time.Hour + time.Duration(hh)*time.Hour +
		time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second +
		time.Duration(rng.IntN(900))*time.Millisecond + time.Duration(rng.IntN(10000))*100)
}

func add(e *event) *event {
	if e.keywords == "" {
		e.keywords = "0x80000000000000"
	}
	if e.pid == 0 {
		e.pid, e.tid = 4+4*rng.IntN(900), 8+4*rng.IntN(1500)
	}
	events = append(events, e)
	return e
}

// classic is an event of a classic (pre-Vista style) event source.
func classic(t time.Time, comp, provider string, id uint16, qual, level int, channel, msg string, vals ...string) *event {
	e := &event{t: t, computer: comp, provider: provider, id: id, qual: qual, level: level, channel: channel, message: msg}
	for _, v := range vals {
		e.data = append(e.data, data{"", v})
	}
	e.pid, e.tid = -1, -1
	return add(e)
}

func scm(t time.Time, comp, service, state string) {
	add(&event{t: t, computer: comp, provider: "Service Control Manager", guid: scmGUID, source: "Service Control Manager",
		id: 7036, qual: 16384, level: 4, keywords: "0x8080000000000000", channel: "System",
		data:    []data{{"param1", service}, {"param2", state}},
		message: fmt.Sprintf("The %s service entered the %s state.", service, state)})
}

var services = []string{
	"Windows Modules Installer", "Application Experience", "WinHTTP Web Proxy Auto-Discovery Service",
	"Windows Update", "Background Intelligent Transfer Service", "Windows Error Reporting Service",
	"Portable Device Enumerator Service", "Software Protection", "Multimedia Class Scheduler",
	"Windows Installer", "Shell Hardware Detection", "Network List Service",
}

func restart(d, hh, mm int, comp string, reason string) {
	t := at(d, hh, mm, 0)
	add(&event{t: t, computer: comp, provider: "User32", guid: "", source: "User32", id: 1074, qual: 32768, level: 4,
		channel: "System", sid: "S-1-5-21-1004336348-1177238915-682003330-500",
		data: []data{{"param1", `C:\Windows\system32\winlogon.exe (` + strings.ToUpper(strings.Split(comp, ".")[0]) + `)`},
			{"param2", strings.ToUpper(strings.Split(comp, ".")[0])}, {"param3", reason},
			{"param4", "0x80020003"}, {"param5", "restart"}, {"param6", ""}, {"param7", `CONTOSO\Administrator`}},
		message: fmt.Sprintf("The process C:\\Windows\\system32\\winlogon.exe has initiated the restart of computer %s on behalf of user CONTOSO\\Administrator for the following reason: %s", strings.ToUpper(strings.Split(comp, ".")[0]), reason)})
	t2 := t.Add(20 * time.Second)
	classic(t2, comp, "EventLog", 6006, 32768, 4, "System", "The Event log service was stopped.")
	add(&event{t: t2.Add(2 * time.Second), computer: comp, provider: "Microsoft-Windows-Kernel-General",
		guid: "{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}", id: 13, level: 4, channel: "System",
		data:    []data{{"StopTime", t2.Add(2 * time.Second).Format("2006-01-02T15:04:05.000000000Z")}},
		message: "The operating system is shutting down at system time " + t2.Add(2*time.Second).Format("2006-01-02T15:04:05.000000000Z") + "."})
	up := t2.Add(time.Duration(70+rng.IntN(60)) * time.Second)
	add(&event{t: up, computer: comp, provider: "Microsoft-Windows-Kernel-General",
		guid: "{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}", id: 12, level: 4, channel: "System",
		data:    []data{{"MajorVersion", "6"}, {"MinorVersion", "1"}, {"BuildVersion", "7601"}, {"StartTime", up.Add(-30 * time.Second).Format("2006-01-02T15:04:05.000000000Z")}},
		message: "The operating system started at system time " + up.Add(-30*time.Second).Format("2006-01-02T15:04:05.000000000Z") + "."})
	classic(up.Add(25*time.Second), comp, "EventLog", 6009, 32768, 4, "System", "Microsoft (R) Windows (R) 6.01. 7601 Service Pack 1 Multiprocessor Free.",
		"6.01.", "7601", "Service Pack 1", "Multiprocessor Free", "17514")
	classic(up.Add(25*time.Second), comp, "EventLog", 6005, 32768, 4, "System", "The Event log service was started.")
	for _, s := range services[:4] {
		scm(up.Add(time.Duration(30+rng.IntN(90))*time.Second), comp, s, "running")
	}
}

func winlogon6004(t time.Time, comp, subscriber string) {
	add(&event{t: t, computer: comp, provider: "Microsoft-Windows-Winlogon", guid: winlogonGUID, id: 6004, level: 3,
		channel: "Application", data: []data{{"Subscriber", subscriber}},
		message: "The winlogon notification subscriber <" + subscriber + "> failed a critical notification event."})
}

func vmStart(t time.Time, host, vm, id string) {
	add(&event{t: t, computer: host, provider: "Microsoft-Windows-Hyper-V-Worker", id: 18500, level: 4,
		keywords: "0x8000000000000000", channel: "Microsoft-Windows-Hyper-V-Worker-Admin", sid: "S-1-5-83-1-" + fmt.Sprint(1000000000+rng.IntN(1000000000)),
		data:    []data{{"VmName", vm}, {"VmId", id}},
		message: fmt.Sprintf("'%s' started successfully. (Virtual machine ID %s)", vm, id)})
}

func vmms(t time.Time, host, vm, id, code string, level int) {
	add(&event{t: t, computer: host, provider: "Microsoft-Windows-Hyper-V-VMMS", id: 10150, level: level,
		keywords: "0x8000000000000000", channel: "Microsoft-Windows-Hyper-V-VMMS-Admin", sid: "S-1-5-18",
		userData: "<VmlEventLog xmlns='http://www.microsoft.com/Windows/Virtualization/Events'><VmName>" + vm +
			"</VmName><VmId>" + id + "</VmId><ErrorCode>" + code + "</ErrorCode></VmlEventLog>"})
}

func noise(d int, comp string, guest bool) {
	n := 6 + rng.IntN(6)
	if guest {
		n = 3 + rng.IntN(4)
	}
	for i := 0; i < n; i++ {
		s := services[rng.IntN(len(services))]
		t := at(d, 6+rng.IntN(17), rng.IntN(60), rng.IntN(60))
		scm(t, comp, s, "running")
		scm(t.Add(time.Duration(60+rng.IntN(600))*time.Second), comp, s, "stopped")
	}
	ntp := "dc01.contoso.local"
	add(&event{t: at(d, 1+rng.IntN(3), rng.IntN(60), rng.IntN(60)), computer: comp, provider: "Microsoft-Windows-Time-Service",
		id: 37, level: 4, channel: "System", data: []data{{"TimeSource", ntp + " (ntp.d|0.0.0.0:123->10.0.0.10:123)"}},
		message: "The time provider NtpClient is currently receiving valid time data from " + ntp + " (ntp.d|0.0.0.0:123->10.0.0.10:123)."})
	add(&event{t: at(d, 4, rng.IntN(60), rng.IntN(60)), computer: comp, provider: "Microsoft-Windows-Time-Service",
		id: 35, level: 4, channel: "System", data: []data{{"TimeSource", ntp + " (ntp.d|0.0.0.0:123->10.0.0.10:123)"}},
		message: "The time service is now synchronizing the system time with the time source " + ntp + " (ntp.d|0.0.0.0:123->10.0.0.10:123)."})
	classic(at(d, 12, 0, 0), comp, "EventLog", 6013, 32768, 4, "System", fmt.Sprintf("The system uptime is %d seconds.", 86400*(d+1)+rng.IntN(3600)),
		"", "", "", "", fmt.Sprint(86400*(d+1)+rng.IntN(3600)), "60", "0 UTC")
	if rng.IntN(3) == 0 {
		name := []string{"wpad.contoso.local", "time.windows.com", "update.microsoft.com"}[rng.IntN(3)]
		add(&event{t: at(d, 8+rng.IntN(10), rng.IntN(60), rng.IntN(60)), computer: comp, provider: "Microsoft-Windows-DNS-Client",
			id: 1014, level: 3, channel: "System", sid: "S-1-5-20", data: []data{{"QueryName", name}, {"AddressLength", "128"}, {"Address", "0200003500000000000000000000000000000000"}},
			message: "Name resolution for the name " + name + " timed out after none of the configured DNS servers responded."})
	}
}

// floodAndNews adds what the flood folding and the novelty ranking show:
// WEB01 rejects TLS clients every hour or so from day 1 on (Schannel 36888
// and 36874 in pairs, a flood of unknown errors), and on day 3 LEGACY03
// logs a burst of file system corruption errors it never logged before.
// It draws from its own generator, so the rest of the log stays as it was.
func floodAndNews() {
	r := rand.New(rand.NewPCG(2011, 16))
	const schannel = "{1F678132-5938-4686-9FDC-C8FF68F15C85}"
	t := base.Add(24*time.Hour + 3*time.Hour)
	for t.Before(base.Add(4 * 24 * time.Hour)) {
		add(&event{t: t, computer: web01, provider: "Schannel", guid: schannel, id: 36888, level: 2, task: 0,
			channel: "System", sid: "S-1-5-18", pid: 640, tid: 700 + 4*r.IntN(50),
			data:    []data{{"AlertDesc", "40"}, {"ErrorState", "1205"}},
			message: "A fatal alert was generated and sent to the remote endpoint. This may result in termination of the connection. The TLS protocol defined fatal error code is 40. The Windows SChannel error state is 1205."})
		add(&event{t: t.Add(time.Millisecond), computer: web01, provider: "Schannel", guid: schannel, id: 36874, level: 2,
			channel: "System", sid: "S-1-5-18", pid: 640, tid: 700 + 4*r.IntN(50),
			data:    []data{{"Protocol", "TLS 1.2"}},
			message: "A TLS 1.2 connection request was received from a remote client application, but none of the cipher suites supported by the client application are supported by the server. The TLS connection request has failed."})
		t = t.Add(time.Duration(40+r.IntN(50))*time.Minute + time.Duration(r.IntN(60))*time.Second)
	}
	burst := base.Add(3*24*time.Hour + 15*time.Hour + 12*time.Minute)
	for k := range 4 {
		add(&event{t: burst.Add(time.Duration(k*7+r.IntN(5)) * time.Minute), computer: legacy03, provider: "Microsoft-Windows-Ntfs",
			id: 55, level: 2, channel: "System", sid: "S-1-5-18",
			data:    []data{{"DriveName", "D:"}, {"DeviceName", `\Device\HarddiskVolume3`}, {"CorruptionState", "0x0"}},
			message: "A corruption was discovered in the file system structure on volume D:."})
	}
}

func main() {
	dir := flag.String("dir", ".", "directory to write hyperv-demo.xml and hyperv-demo.evtx to")
	flag.Parse()
	const (
		wsApp   = "6F3A1C2B-8D4E-4B5A-9C7D-1E2F3A4B5C6D"
		wsFile  = "11223344-5566-4778-8899-AABBCCDDEEFF"
		webID   = "8A9B0C1D-2E3F-4051-9263-748596A7B8C9"
		legID   = "0F1E2D3C-4B5A-4968-8776-655443322110"
		w2kID   = "5A4B3C2D-1E0F-4A9B-8C7D-6E5F4A3B2C1D"
		xpID    = "9E8D7C6B-5A49-4837-A625-1403F2E1D0C9"
		iscsiVM = "3C4D5E6F-7081-4293-A4B5-C6D7E8F90A1B"
	)
	hosts := []string{hv01, hv02}
	guests := []string{web01, legacy03, w2kApp, xpClient}
	for d := 0; d < 4; d++ {
		for _, h := range hosts {
			noise(d, h, false)
		}
		for _, g := range guests {
			noise(d, g, true)
		}
	}

	// Day 0, HV01: the Hyper-V role is installed and the host restarts;
	// Trusted Installer is ended by the shutdown (6004 at the restart).
	restart(0, 9, 12, hv01, "Operating System: Service pack (Planned)")
	winlogon6004(at(0, 9, 12, 25), hv01, "TrustedInstaller")
	// An external virtual network is created: VMSMP 32 with empty names.
	classic(at(0, 9, 40, 3), hv01, "VMSMP", 32, 49152, 2, "System",
		"Failed to connect NIC 'Broadcom BCM5709C NetXtreme II GigE (NDIS VBD Client) #2' to port '' of switch ''. Status = C000003A",
		"Broadcom BCM5709C NetXtreme II GigE (NDIS VBD Client) #2", "", "", "C000003A")
	// First VMs: a Windows Server 2008 guest without integration services,
	// a 2008 SP2 guest with old ones.
	vmStart(at(0, 10, 2, 0), hv01, "WS08-APP", wsApp)
	classic(at(0, 10, 2, 9), hv01, "VMSMP", 26, 49152, 2, "System",
		"NIC driver on 'WS08-APP' cannot load because it is incompatible with the server virtualization stack. Server version 3.2 Client version 0.1 (VMID "+wsApp+").",
		"WS08-APP", "3.2", "0.1", wsApp)
	classic(at(0, 10, 2, 9), hv01, "storvsp", 5, 49152, 2, "System",
		"A storage device in 'WS08-APP' cannot load because it is incompatible with the server virtualization stack. Server version 4.2 Client version 0.1 (VMID "+wsApp+").",
		"WS08-APP", "4.2", "0.1", wsApp)
	vmStart(at(0, 10, 6, 0), hv01, "WS08SP2-FILE", wsFile)
	classic(at(0, 10, 6, 11), hv01, "VMSMP", 27, 32768, 3, "System", "", "WS08SP2-FILE", "3.2", "0.2", wsFile)
	classic(at(0, 10, 6, 11), hv01, "storvsp", 6, 32768, 3, "System", "", "WS08SP2-FILE", "4.2", "2.0", wsFile)
	for _, vm := range []struct{ name, id, comp string }{{"WEB01", webID, web01}, {"LEGACY03", legID, legacy03}, {"W2K-APP", w2kID, w2kApp}, {"XP-CLIENT", xpID, xpClient}} {
		t := at(0, 10, 20+rng.IntN(20), 0)
		vmStart(t, hv01, vm.name, vm.id)
		if vm.name == "WEB01" || vm.name == "LEGACY03" {
			add(&event{t: t.Add(40 * time.Second), computer: hv01, provider: "Microsoft-Windows-Hyper-V-Integration-KvpExchange",
				id: 4130, level: 3, keywords: "0x8000000000000000", channel: "Microsoft-Windows-Hyper-V-Integration-Admin",
				data:    []data{{"VmName", vm.name}, {"VmId", vm.id}, {"InstalledVersion", "6.1.7600.16385"}, {"ExpectedVersion", "6.1.7601.17514"}},
				message: fmt.Sprintf("Virtual machine '%s' has an older version of the integration services installed ('6.1.7600.16385'). To avoid compatibility problems, upgrade the integration services in the guest operating system to '6.1.7601.17514'. (Virtual machine ID '%s')", vm.name, vm.id)})
		}
	}

	// Day 0-1, guests.
	// W2K-APP was imported from a sysprepped image: COM+ warnings at first start.
	classic(at(0, 10, 41, 0), w2kApp, "EventSystem", 4098, 32768, 3, "Application", "",
		"800706BF", "{2F519218-754D-4CFE-8DAA-5215CD0DE0EB}", "Logoff")
	classic(at(0, 10, 41, 1), w2kApp, "EventSystem", 4106, 32768, 3, "Application",
		"The COM+ Event System detected a corrupt IEventSubscription object. The COM+ Event System has removed object ID {2F519218-754D-4CFE-8DAA-5215CD0DE0EB}. The subscriber will no longer be notified when the event occurs.",
		"{2F519218-754D-4CFE-8DAA-5215CD0DE0EB}")
	// XP-CLIENT: first logon after sysprep -mini.
	classic(at(0, 10, 52, 30), xpClient, "Service Control Manager", 7005, 49152, 2, "System",
		"The LoadUserProfile call failed with the following error: \nThe device is not ready. ",
		"LoadUserProfile", "The device is not ready. ")
	// LEGACY03: integration services upgraded, then restarted.
	classic(at(1, 14, 3, 12), legacy03, "Netvsc", 13, 32772, 3, "System", "", "").binary = "0000000002003000000000000D0004800000000000000000"
	classic(at(1, 14, 5, 0), legacy03, "EventLog", 6006, 32768, 4, "System", "The Event log service was stopped.")
	classic(at(1, 14, 6, 30), legacy03, "EventLog", 6005, 32768, 4, "System", "The Event log service was started.")
	// WEB01: a data disk is added.
	classic(at(1, 15, 30, 4), web01, "VDS Basic Provider", 1, 49152, 2, "System", "Unexpected failure. Error code: 490@01010004", "490@01010004")

	// Day 1-3, HV02: nightly backups of W2K3-ISCSI fail until KB975354.
	vmms(at(1, 1, 30, 0), hv02, "W2K3-ISCSI", iscsiVM, "0x800423F4", 2)
	vmms(at(2, 1, 30, 0), hv02, "W2K3-ISCSI", iscsiVM, "%%2147754996", 2)
	add(&event{t: at(2, 10, 2, 0), computer: hv02, provider: "Microsoft-Windows-WindowsUpdateClient", id: 19, level: 4,
		keywords: "0x8000000000000018", channel: "System", sid: "S-1-5-18",
		data:    []data{{"updateTitle", "Hotfix for Windows (KB975354)"}, {"updateGuid", "{B1D6F5A3-2C4E-4F7A-9B8D-3E6C5A4F2D1B}"}, {"updateRevisionNumber", "101"}},
		message: "Installation Successful: Windows successfully installed the following update: Hotfix for Windows (KB975354)"})
	add(&event{t: at(2, 10, 2, 1), computer: hv02, provider: "Microsoft-Windows-Servicing", id: 2, level: 0, task: 1,
		keywords: "0x8000000000000000", channel: "Setup", sid: "S-1-5-18",
		userData: "<CbsPackageChangeState xmlns='http://manifests.microsoft.com/win/2004/08/windows/setup_provider'><PackageIdentifier>KB975354</PackageIdentifier><IntendedPackageState>Installed</IntendedPackageState><ErrorCode>0x0</ErrorCode><Client>WindowsUpdateAgent</Client></CbsPackageChangeState>",
		message:  "Package KB975354 was successfully changed to the Installed state."})
	restart(2, 10, 15, hv02, "Operating System: Hot fix (Planned)")
	winlogon6004(at(2, 10, 15, 22), hv02, "TrustedInstaller")

	// Day 2, HV01: a NIC cannot be bound to a named switch (a real failure),
	// with the VM's worker error beside it.
	classic(at(2, 16, 20, 7), hv01, "VMSMP", 32, 49152, 2, "System",
		"Failed to connect NIC 'Intel(R) PRO/1000 PT Dual Port Server Adapter' to port '5F2A0C11-9B3D-4E6F-8A71-2C3D4E5F6071' of switch 'External - Production'. Status = C000003A",
		"Intel(R) PRO/1000 PT Dual Port Server Adapter", "5F2A0C11-9B3D-4E6F-8A71-2C3D4E5F6071", "External - Production", "C000003A")
	add(&event{t: at(2, 16, 20, 8), computer: hv01, provider: "Microsoft-Windows-Hyper-V-Worker", id: 21502, level: 2,
		keywords: "0x8000000000000000", channel: "Microsoft-Windows-Hyper-V-Worker-Admin", sid: "S-1-5-83-1-1866539051",
		data: []data{{"VmName", "WEB01"}, {"VmId", webID}, {"ErrorCode", "0x8007003A"}}})
	// Day 3, HV01: a 6004 with no restart near it.
	winlogon6004(at(3, 13, 47, 40), hv01, "TrustedInstaller")

	// A few errors and warnings the catalog does not know.
	for i := 0; i < 5; i++ {
		comp := []string{hv01, hv02, web01}[rng.IntN(3)]
		add(&event{t: at(rng.IntN(4), 7+rng.IntN(12), rng.IntN(60), rng.IntN(60)), computer: comp, provider: "Microsoft-Windows-DistributedCOM",
			guid: "{1B562E86-B7AA-4131-BADC-B6F3A001407E}", source: "DCOM", id: 10016, qual: 0, level: 2, channel: "System", sid: "S-1-5-20",
			data: []data{{"param1", "application-specific"}, {"param2", "Local"}, {"param3", "Activation"},
				{"param4", "{D63B10C5-BB46-4990-A94F-E40B9D520160}"}, {"param5", "{9CA88EE3-ACB7-47C8-AFC4-AB702511C276}"},
				{"param6", "NT AUTHORITY"}, {"param7", "NETWORK SERVICE"}, {"param8", "S-1-5-20"}, {"param9", "LocalHost (Using LRPC)"}}})
	}
	for i := 0; i < 3; i++ {
		classic(at(1+rng.IntN(3), 2+rng.IntN(4), rng.IntN(60), rng.IntN(60)), hv02, "disk", 153, 32772, 3, "System",
			"The IO operation at logical block address 1f4c38 for Disk 2 was retried.", `\Device\Harddisk2\DR2`, "1f4c38", "2")
	}

	floodAndNews()

	sort.SliceStable(events, func(i, j int) bool { return events[i].t.Before(events[j].t) })
	next := map[string]uint64{}
	for _, e := range events {
		k := e.computer + "\x00" + e.channel
		if next[k] == 0 {
			next[k] = uint64(1000 + rng.IntN(40000))
		}
		e.record = next[k]
		next[k]++
	}
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n")
	b.WriteString("<!-- eventlens demo log: synthetic, generated by catalog/demo/gen.go. Computers, VMs and messages are illustrative. -->\n")
	b.WriteString("<Events>\n")
	for _, e := range events {
		write(&b, e)
	}
	b.WriteString("</Events>\n")
	if err := os.WriteFile(filepath.Join(*dir, "hyperv-demo.xml"), b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("hyperv-demo.xml: %d events, %d bytes\n", len(events), b.Len())

	// The .evtx is made from the readable source, through the loader, as
	// the catalog fixtures' twins are.
	evs, err := evtxgen.Events("hyperv-demo.xml", b.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	out := filepath.Join(*dir, "hyperv-demo.evtx")
	if err := evtxwrite.WriteFile(out, slices.Values(evs), evtxgen.Options); err != nil {
		log.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("hyperv-demo.evtx: %d events, %d bytes\n", len(evs), fi.Size())
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func write(b *bytes.Buffer, e *event) {
	b.WriteString("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='" + esc(e.provider) + "'")
	if e.guid != "" {
		b.WriteString(" Guid='" + e.guid + "'")
	}
	if e.source != "" {
		b.WriteString(" EventSourceName='" + esc(e.source) + "'")
	}
	b.WriteString("/>")
	if e.qual > 0 || (e.qual == 0 && e.source != "" && e.guid != "") {
		fmt.Fprintf(b, "<EventID Qualifiers='%d'>%d</EventID>", e.qual, e.id)
	} else {
		fmt.Fprintf(b, "<EventID>%d</EventID>", e.id)
	}
	if e.pid >= 0 {
		b.WriteString("<Version>0</Version>")
	}
	fmt.Fprintf(b, "<Level>%d</Level><Task>%d</Task>", e.level, e.task)
	if e.pid >= 0 {
		b.WriteString("<Opcode>0</Opcode>")
	}
	fmt.Fprintf(b, "<Keywords>%s</Keywords><TimeCreated SystemTime='%s'/><EventRecordID>%d</EventRecordID>",
		e.keywords, e.t.Format("2006-01-02T15:04:05.000000000Z"), e.record)
	if e.pid >= 0 {
		fmt.Fprintf(b, "<Correlation/><Execution ProcessID='%d' ThreadID='%d'/>", e.pid, e.tid)
	}
	fmt.Fprintf(b, "<Channel>%s</Channel><Computer>%s</Computer>", esc(e.channel), esc(e.computer))
	if e.sid != "" {
		b.WriteString("<Security UserID='" + e.sid + "'/>")
	} else {
		b.WriteString("<Security/>")
	}
	b.WriteString("</System>")
	switch {
	case e.userData != "":
		b.WriteString("<UserData>" + e.userData + "</UserData>")
	case len(e.data) > 0 || e.binary != "":
		b.WriteString("<EventData>")
		for _, d := range e.data {
			if d.name != "" {
				b.WriteString("<Data Name='" + d.name + "'>" + esc(d.value) + "</Data>")
			} else {
				b.WriteString("<Data>" + esc(d.value) + "</Data>")
			}
		}
		if e.binary != "" {
			b.WriteString("<Binary>" + e.binary + "</Binary>")
		}
		b.WriteString("</EventData>")
	}
	if e.message != "" {
		fmt.Fprintf(b, "<RenderingInfo Culture='en-US'><Message>%s</Message><Level>%s</Level><Task></Task><Opcode>Info</Opcode><Channel>%s</Channel><Provider>%s</Provider><Keywords>",
			esc(e.message), levelNames[e.level], esc(e.channel), esc(e.provider))
		if strings.HasPrefix(e.keywords, "0x80") && e.pid < 0 {
			b.WriteString("<Keyword>Classic</Keyword>")
		}
		b.WriteString("</Keywords></RenderingInfo>")
	}
	b.WriteString("</Event>\n")
}
