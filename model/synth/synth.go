// Package synth generates realistic events in any number, for benchmarks and
// scale tests, so that scale is measured without committing large logs.
//
// Realistic means the make-up of real logs, not placeholders: the tables
// below give the providers, event IDs, levels, channels, computers and
// EventData shapes (item names and value lengths) of a domain controller's
// System log and a member server's Security log, in the proportions the
// StolenSzechuan_Win2012R2_System.evtx and security.evtx logs of the corpus
// show (TestCorpusMix prints those, to check the tables against). A third
// log holds the Hyper-V and backup events the built-in catalog knows, so
// that classification has work to do. Values are made up; nothing is copied
// from the corpus.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"eventlens/model"
)

// Log is one of the generated logs.
type Log int

// The logs, each its own file.
const (
	System   Log = iota // a 2012 R2 domain controller's System log
	Security            // a workstation's Security log
	HyperV              // System logs of Hyper-V hosts, with catalog events
	numLogs
)

// Files are the file names events of each log carry.
var Files = [numLogs]string{
	System:   `C:\cases\dc01\System.evtx`,
	Security: `C:\cases\ws03\Security.evtx`,
	HyperV:   `C:\cases\hv\System.evtx`,
}

// logWeights is the share of each log in the mix, in percent. The corpus
// logs are 60,189 System and 2,261 Security events; a tool that loads a
// case's logs together sees Security in far greater numbers, so the mix
// weighs it up, which also makes the average event larger (harder on
// memory) than the corpus alone would.
var logWeights = [numLogs]int{System: 60, Security: 30, HyperV: 10}

// computers of each log, with weights (from the corpus' Computer counts).
var computers = [numLogs][]weighted[string]{
	System:   {{"CITADEL-DC01.C137.local", 979}, {"WIN-E0PO207ERMD.C137.local", 11}, {"WIN-E0PO207ERMD", 8}, {"WIN-HRJHA99CCDO", 2}},
	Security: {{"WIN-03DLIIOFRRA", 98}, {"37L4247F27-25", 2}},
	HyperV:   {{"HV01.contoso.local", 5}, {"HV02.contoso.local", 5}},
}

type weighted[T any] struct {
	v T
	w int
}

// kind is one kind of event: a provider, ID and EventData shape. values
// makes the item values (same length as names; UserData names start "U:").
type kind struct {
	w          int // weight within its log (corpus count)
	provider   string
	guid       string
	source     string // EventSourceName
	id         uint16
	level      model.Level
	qualifiers int // -1: none
	task       uint16
	keywords   uint64
	channel    string
	sid        string
	pid        uint32
	names      []string
	values     func(r *rand.Rand, t time.Time) []string
	binary     func(r *rand.Rand) string
}

const (
	guidSchannel = "{1F678132-5938-4686-9FDC-C8FF68F15C85}"
	guidSCM      = "{555908d1-a6d7-4695-8e1e-26931d2012f4}"
	guidAudit    = "{54849625-5478-4994-A5BA-3E3B0328C30D}"
	kwClassic    = 0x80000000000000
	kwAudit      = 0x8020000000000000
	kwSystem     = 0x8000000000000000
	kwSCM        = 0x8080000000000000
)

func pick[T any](r *rand.Rand, vs ...T) T { return vs[r.IntN(len(vs))] }

func hex(r *rand.Rand, max int) string { return fmt.Sprintf("0x%x", 1+r.IntN(max)) }

var services = []string{
	"Device Setup Manager", "Software Protection", "Themes", "Windows Event Log", "Plug and Play", "Local Session Manager",
	"Network Store Interface Service", "Base Filtering Engine", "User Profile Service", "TCP/IP NetBIOS Helper",
	"Print Spooler", "Power", "Remote Procedure Call (RPC)", "Group Policy Client", "System Event Notification Service",
	"DHCP Client", "Windows Licensing Monitoring Service", "COM+ Event System", "Application Experience",
	"RPC Endpoint Mapper", "Server", "DCOM Server Process Launcher", "Portable Device Enumerator Service",
	"Shell Hardware Detection", "Windows Font Cache Service", "Windows Modules Installer", "Windows Update",
	"Background Intelligent Transfer Service", "WinHTTP Web Proxy Auto-Discovery Service", "Windows Error Reporting Service",
}

// utf16hex is how the Service Control Manager's Binary carries a service's
// short name and state: UTF-16LE, as hex.
func utf16hex(s string) string {
	var b strings.Builder
	for _, c := range s {
		fmt.Fprintf(&b, "%02X00", c&0xff)
	}
	b.WriteString("0000")
	return b.String()
}

func sysFile(r *rand.Rand) string {
	return pick(r, `C:\Windows\winsxs\Temp\PendingRenames\`+fmt.Sprintf("%032x", r.Uint64())+".desktop.ini",
		`C:\Windows\System32\telnet.exe`, `C:\Windows\System32\en-US\telnet.exe.mui`, `C:\Windows\System32\drivers\etc\hosts`)
}

var userSIDs = []string{"S-1-5-18", "S-1-5-19", "S-1-5-20", "S-1-5-21-2603537626-3982775912-406486804-1000", "S-1-5-21-2603537626-3982775912-406486804-500"}

var privileges = []string{"SeAssignPrimaryTokenPrivilege", "SeTcbPrivilege", "SeSecurityPrivilege", "SeTakeOwnershipPrivilege",
	"SeLoadDriverPrivilege", "SeBackupPrivilege", "SeRestorePrivilege", "SeDebugPrivilege", "SeAuditPrivilege",
	"SeSystemEnvironmentPrivilege", "SeImpersonatePrivilege"}

var subject = []string{"SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId"}

func subjectValues(r *rand.Rand) []string {
	if r.IntN(10) < 8 {
		return []string{"S-1-5-18", "WIN-03DLIIOFRRA$", "WORKGROUP", "0x3e7"}
	}
	return []string{pick(r, userSIDs...), pick(r, "fsir", "Administrator", "SYSTEM"), "WIN-03DLIIOFRRA", hex(r, 1<<20)}
}

func names(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// kinds of each log, by weight (the corpus' counts per provider and ID).
var kinds = [numLogs][]kind{
	System: {
		{w: 29205, provider: "Schannel", guid: guidSchannel, id: 36888, level: model.LevelError, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-18", pid: 460,
			names: []string{"AlertDesc", "ErrorState"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, "40", "40", "10", "46", "48"), pick(r, "1205", "1205", "1203", "960")}
			}},
		{w: 29205, provider: "Schannel", guid: guidSchannel, id: 36874, level: model.LevelError, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-18", pid: 460,
			names: []string{"Protocol"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, "TLS 1.2", "TLS 1.2", "TLS 1.1", "TLS 1.0")}
			}},
		{w: 1000, provider: "Service Control Manager", guid: guidSCM, source: "Service Control Manager", id: 7036, level: model.LevelInformation, qualifiers: 16384, keywords: kwSCM, channel: "System", pid: 480,
			names: []string{"param1", "param2"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, services...), pick(r, "running", "stopped")}
			},
			binary: func(r *rand.Rand) string {
				name := strings.ReplaceAll(pick(r, services...), " ", "")
				return utf16hex(name[:min(len(name), 8)] + "/4")
			}},
		{w: 39, provider: "Service Control Manager", guid: guidSCM, source: "Service Control Manager", id: 7045, level: model.LevelInformation, qualifiers: 16384, keywords: kwSCM, channel: "System", sid: "S-1-5-18", pid: 480,
			names: []string{"ServiceName", "ImagePath", "ServiceType", "StartType", "AccountName"},
			values: func(r *rand.Rand, _ time.Time) []string {
				d := pick(r, "HdAudio", "MSPCLOCK", "MSPQM", "usbccgp", "rdpvideominiport")
				return []string{"Microsoft " + d + " Function Driver Service", `\SystemRoot\system32\drivers\` + d + ".sys", "kernel mode driver", "demand start", ""}
			}},
		{w: 38, provider: "Microsoft-Windows-FilterManager", guid: "{F3C5E28E-63F6-49C7-A204-E48A1BC4B09D}", id: 6, level: model.LevelInformation, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-18", pid: 4,
			names: []string{"FinalStatus", "DeviceVersionMajor", "DeviceVersionMinor", "DeviceNameLength", "DeviceName", "DeviceTime"},
			values: func(r *rand.Rand, _ time.Time) []string {
				n := pick(r, "npsvctrig", "luafv", "FileInfo", "Wof")
				return []string{"0x0", "6", "3", fmt.Sprint(len(n)), n, "2014-02-22T05:14:25.0000000Z"}
			}},
		{w: 27, provider: "Microsoft-Windows-UserPnp", guid: "{96F4A050-7E31-453C-88BE-9634F4E02139}", id: 20001, level: model.LevelInformation, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-18", pid: 868,
			names: []string{"U:InstallDeviceID/DriverName", "U:InstallDeviceID/DriverVersion", "U:InstallDeviceID/DriverProvider", "U:InstallDeviceID/DeviceInstanceID",
				"U:InstallDeviceID/SetupClass", "U:InstallDeviceID/RebootOption", "U:InstallDeviceID/UpgradeDevice", "U:InstallDeviceID/IsDriverOEM",
				"U:InstallDeviceID/InstallStatus", "U:InstallDeviceID/DriverDescription"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"machine.inf", "6.3.9600.16384", "Microsoft", fmt.Sprintf(`ACPI\PNP0C0C\%d`, r.IntN(4)),
					"{4D36E97D-E325-11CE-BFC1-08002BE10318}", "false", "false", "false", "0x0", "ACPI Power Button"}
			}},
		{w: 22, provider: "Microsoft-Windows-Ntfs", guid: "{3FF37A1C-A68D-4D6E-8C9B-F79E8B16C482}", id: 98, level: model.LevelInformation, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-18", pid: 4,
			names: []string{"DriveName", "DeviceName", "CorruptionActionState"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"C:", `\Device\HarddiskVolume` + fmt.Sprint(1+r.IntN(2)), "0"}
			}},
		{w: 18, provider: "Service Control Manager", guid: guidSCM, source: "Service Control Manager", id: 7040, level: model.LevelInformation, qualifiers: 16384, keywords: kwSCM, channel: "System", sid: "S-1-5-18", pid: 480,
			names: []string{"param1", "param2", "param3", "param4"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, services...), "demand start", "auto start", pick(r, "BITS", "wuauserv", "TrustedInstaller")}
			}},
		{w: 17, provider: "Microsoft-Windows-DNS-Client", guid: "{1C95126E-7EEA-49A9-A3FE-A378B03DDB4D}", id: 1014, level: model.LevelWarning, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-20", pid: 1072,
			names: []string{"QueryName", "AddressLength", "Address"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, "wpad", "time.windows.com", "ctldl.windowsupdate.com"), "128",
					strings.Repeat("0", 16) + fmt.Sprintf("%016X", r.Uint64()) + strings.Repeat("0", 224)}
			}},
		{w: 16, provider: "User32", guid: "{b0aa8734-56f7-41cc-b2f4-de228e98b946}", source: "User32", id: 1074, level: model.LevelInformation, qualifiers: 32768, keywords: kwClassic, channel: "System", sid: "S-1-5-21-2603537626-3982775912-406486804-500", pid: 3120,
			names: []string{"param1", "param2", "param3", "param4", "param5", "param6", "param7"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{`C:\Windows\system32\winlogon.exe (CITADEL-DC01)`, "CITADEL-DC01", "No title for this reason could be found", "0x500ff", pick(r, "restart", "power off"), "", `C137\Administrator`}
			}},
		{w: 16, provider: "Microsoft-Windows-Kernel-Power", guid: "{331C3B3A-2005-44C2-AC5E-77220C37D6B4}", id: 109, level: model.LevelInformation, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-18", pid: 4,
			names:  []string{"ShutdownActionType", "ShutdownEventCode", "ShutdownReason"},
			values: func(r *rand.Rand, _ time.Time) []string { return []string{"5", "0", "0"} }},
		{w: 14, provider: "Microsoft-Windows-Winlogon", guid: "{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}", id: 7001, level: model.LevelInformation, qualifiers: -1, keywords: kwSystem, channel: "System", sid: "S-1-5-18", pid: 572,
			names: []string{"TSId", "UserSid"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{fmt.Sprint(1 + r.IntN(3)), pick(r, userSIDs[3:]...)}
			}},
		{w: 11, provider: "EventLog", source: "EventLog", id: 6009, level: model.LevelInformation, qualifiers: 32768, keywords: kwClassic, channel: "System", pid: 0,
			names: []string{"", "", "", "", ""},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"6.03.", "9600", " ", "Multiprocessor Free", "0"}
			}},
	},
	Security: {
		{w: 620, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4907, qualifiers: -1, task: 13568, keywords: kwAudit, channel: "Security", pid: 552,
			names: names(subject, []string{"ObjectServer", "ObjectType", "ObjectName", "HandleId", "OldSd", "NewSd", "ProcessId", "ProcessName"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				return append(subjectValues(r), "Security", "File", sysFile(r), hex(r, 4096), "", pick(r, "S:ARAI", "S:ARAI(AU;SAFA;DCLCRPCRSDWDWO;;;WD)"), "0xf14", `C:\Windows\servicing\TrustedInstaller.exe`)
			}},
		{w: 583, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4624, qualifiers: -1, task: 12544, keywords: kwAudit, channel: "Security", pid: 456,
			names: names(subject, []string{"TargetUserSid", "TargetUserName", "TargetDomainName", "TargetLogonId", "LogonType", "LogonProcessName",
				"AuthenticationPackageName", "WorkstationName", "LogonGuid", "TransmittedServices", "LmPackageName", "KeyLength", "ProcessId",
				"ProcessName", "IpAddress", "IpPort"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				sid := pick(r, userSIDs...)
				user := map[string]string{"S-1-5-18": "SYSTEM", "S-1-5-19": "LOCAL SERVICE", "S-1-5-20": "NETWORK SERVICE"}[sid]
				if user == "" {
					user = pick(r, "fsir", "Administrator")
				}
				return append(subjectValues(r), sid, user, "NT AUTHORITY", hex(r, 1<<20), pick(r, "5", "5", "2", "3", "10"), "Advapi  ", "Negotiate", "",
					"{00000000-0000-0000-0000-000000000000}", "-", "-", "0", "0x1a0", `C:\Windows\System32\services.exe`, pick(r, "-", "127.0.0.1", "10.42.85.11"), pick(r, "-", "0"))
			}},
		{w: 459, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4672, qualifiers: -1, task: 12548, keywords: kwAudit, channel: "Security", pid: 456,
			names: names(subject, []string{"PrivilegeList"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				n := 3 + r.IntN(len(privileges)-2)
				return append(subjectValues(r), strings.Join(privileges[:n], "\r\n\t\t\t"))
			}},
		{w: 102, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 5061, qualifiers: -1, task: 12290, keywords: kwAudit, channel: "Security", pid: 548,
			names: names(subject, []string{"ProviderName", "AlgorithmName", "KeyName", "KeyType", "Operation", "ReturnCode"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				return append(subjectValues(r), "Microsoft Software Key Storage Provider", "RSA", "IIS Express Development Certificate Container", "%%2499", "%%2480", "0x0")
			}},
		{w: 102, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 5058, qualifiers: -1, task: 12292, keywords: kwAudit, channel: "Security", pid: 548,
			names: names(subject, []string{"ProviderName", "AlgorithmName", "KeyName", "KeyType", "KeyFilePath", "Operation", "ReturnCode"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				return append(subjectValues(r), "Microsoft Software Key Storage Provider", "%%2432", "IIS Express Development Certificate Container", "%%2499",
					fmt.Sprintf(`C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys\%016x%016x_a7b657c1-9d7a-4b7a-bf03-92c147b0e417`, r.Uint64(), r.Uint64()), "%%2458", "0x0")
			}},
		{w: 45, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4648, qualifiers: -1, task: 12544, keywords: kwAudit, channel: "Security", pid: 552,
			names: names(subject, []string{"LogonGuid", "TargetUserName", "TargetDomainName", "TargetLogonGuid", "TargetServerName", "TargetInfo", "ProcessId", "ProcessName", "IpAddress", "IpPort"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				return append(subjectValues(r), "{00000000-0000-0000-0000-000000000000}", "fsir", "WIN-03DLIIOFRRA", "{00000000-0000-0000-0000-000000000000}",
					"localhost", "localhost", hex(r, 4096), `C:\Windows\System32\winlogon.exe`, "127.0.0.1", "0")
			}},
		{w: 40, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4902, qualifiers: -1, task: 13568, keywords: kwAudit, channel: "Security", pid: 456,
			names:  []string{"PuaCount", "PuaPolicyId"},
			values: func(r *rand.Rand, _ time.Time) []string { return []string{"0", hex(r, 1<<18)} }},
		{w: 40, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4608, qualifiers: -1, task: 12288, keywords: kwAudit, channel: "Security", pid: 456,
			values: func(*rand.Rand, time.Time) []string { return nil }},
		{w: 36, provider: "Microsoft-Windows-Eventlog", guid: "{fc65ddd8-d6ef-4962-83d5-6e5cfe9ce148}", id: 1100, level: model.LevelInformation, qualifiers: -1, task: 103, keywords: 0x4020000000000000, channel: "Security", pid: 828,
			names:  []string{"U:ServiceShutdown"},
			values: func(*rand.Rand, time.Time) []string { return []string{""} }},
		{w: 36, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4735, qualifiers: -1, task: 13826, keywords: kwAudit, channel: "Security", pid: 456,
			names: names([]string{"TargetUserName", "TargetDomainName", "TargetSid"}, subject, []string{"PrivilegeList", "SamAccountName", "SidHistory"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				g := r.IntN(5)
				return append(append([]string{[]string{"Backup Operators", "Replicator", "Remote Desktop Users", "Users", "Guests"}[g], "Builtin", fmt.Sprintf("S-1-5-32-%d", 551+g)}, subjectValues(r)...), "-", "-", "-")
			}},
		{w: 36, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4647, qualifiers: -1, task: 12545, keywords: kwAudit, channel: "Security", pid: 552,
			names: []string{"TargetUserSid", "TargetUserName", "TargetDomainName", "TargetLogonId"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{userSIDs[3], "fsir", "WIN-03DLIIOFRRA", hex(r, 1<<20)}
			}},
		{w: 62, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4904, qualifiers: -1, task: 13568, keywords: kwAudit, channel: "Security", pid: 552,
			names: names(subject, []string{"AuditSourceName", "EventSourceId", "ProcessId", "ProcessName"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				return append(subjectValues(r), "VSSAudit", hex(r, 1<<22), hex(r, 4096), `C:\Windows\System32\VSSVC.exe`)
			}},
		{w: 26, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4616, qualifiers: -1, task: 12288, keywords: kwAudit, channel: "Security", pid: 4,
			names: names(subject, []string{"PreviousTime", "NewTime", "ProcessId", "ProcessName"}),
			values: func(r *rand.Rand, t time.Time) []string {
				return append(subjectValues(r), t.Add(-time.Duration(r.IntN(4))*time.Hour).Format("2006-01-02T15:04:05.0000000Z"),
					t.Format("2006-01-02T15:04:05.0000000Z"), hex(r, 4096), `C:\Program Files\VMware\VMware Tools\vmtoolsd.exe`)
			}},
		{w: 14, provider: "Microsoft-Windows-Security-Auditing", guid: guidAudit, id: 4781, qualifiers: -1, task: 13824, keywords: kwAudit, channel: "Security", pid: 476,
			names: names([]string{"OldTargetUserName", "NewTargetUserName", "TargetDomainName", "TargetSid"}, subject, []string{"PrivilegeList"}),
			values: func(r *rand.Rand, _ time.Time) []string {
				g := pick(r, "Administrators", "Users", "Guests")
				return append(append([]string{g, g, "Builtin", "S-1-5-32-544"}, subjectValues(r)...), "-")
			}},
	},
	// The events the built-in catalog describes (NEC's Hyper-V notes and
	// KB975354), among the ordinary events of a Hyper-V host.
	HyperV: {
		{w: 30, provider: "Service Control Manager", guid: guidSCM, source: "Service Control Manager", id: 7036, level: model.LevelInformation, qualifiers: 16384, keywords: kwSCM, channel: "System", pid: 480,
			names: []string{"param1", "param2"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, "Hyper-V Virtual Machine Management", "Hyper-V Image Management Service", "Volume Shadow Copy"), pick(r, "running", "stopped")}
			}},
		{w: 10, provider: "VMSMP", source: "VMSMP", id: 26, level: model.LevelWarning, qualifiers: 32772, keywords: kwClassic, channel: "System",
			names: []string{"", "", ""},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{`\Device\00000051`, pick(r, "SQL-PROD-01", "WEB01", "LEGACY03"), "8B0A3C56-1E7D-4D2F-9A43-5C0E7D9F1B22"}
			}},
		{w: 5, provider: "VMSMP", source: "VMSMP", id: 27, level: model.LevelError, qualifiers: 49156, keywords: kwClassic, channel: "System",
			names: []string{"", ""},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"Local Area Connection - Virtual Network", pick(r, "SQL-PROD-01", "WEB01")}
			}},
		{w: 5, provider: "VMSMP", source: "VMSMP", id: 32, level: model.LevelError, qualifiers: 49156, keywords: kwClassic, channel: "System",
			names: []string{"", ""},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"External Virtual Network", pick(r, "SQL-PROD-01", "WEB01")}
			}},
		{w: 5, provider: "storvsp", source: "storvsp", id: 5, level: model.LevelError, qualifiers: 49156, keywords: kwClassic, channel: "System",
			names:  []string{"", ""},
			values: func(r *rand.Rand, _ time.Time) []string { return []string{`\Device\RaidPort1`, "0xc0000001"} }},
		{w: 5, provider: "Microsoft-Windows-Winlogon", guid: "{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}", source: "Winlogon", id: 6004, level: model.LevelWarning, qualifiers: 32768, keywords: kwClassic, channel: "Application",
			names:  []string{""},
			values: func(r *rand.Rand, _ time.Time) []string { return []string{"sclgntfy"} }},
		{w: 5, provider: "Microsoft-Windows-Hyper-V-Integration-KvpExchange", guid: "{1D1A2F6D-0A5A-4E9D-9E6B-7B2E3A4C5D6E}", id: 4130, level: model.LevelWarning, qualifiers: -1, keywords: kwSystem, channel: "Microsoft-Windows-Hyper-V-Integration-Admin",
			names: []string{"VmName", "VmId"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, "SQL-PROD-01", "WEB01"), "8B0A3C56-1E7D-4D2F-9A43-5C0E7D9F1B22"}
			}},
		{w: 5, provider: "VDS Basic Provider", source: "VDS Basic Provider", id: 1, level: model.LevelError, qualifiers: 49152, keywords: kwClassic, channel: "System",
			names: []string{""},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"Unexpected failure. Error code: 490@01010004"}
			}},
		{w: 5, provider: "Netvsc", source: "Netvsc", id: 13, level: model.LevelWarning, qualifiers: 32772, keywords: kwClassic, channel: "System",
			names: []string{"", ""},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{`\Device\{A4F0C2E1-5B8D-4C3A-9E7F-1D2B3C4D5E6F}`, "Microsoft Virtual Machine Bus Network Adapter"}
			}},
		{w: 5, provider: "EventSystem", source: "EventSystem", id: 4106, level: model.LevelError, qualifiers: 49152, keywords: kwClassic, channel: "Application",
			names: []string{"", ""},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"{D5978620-5B9F-11D1-8DD2-00AA004ABD5E}", "0x80070005"}
			}},
		{w: 5, provider: "Service Control Manager", guid: guidSCM, source: "Service Control Manager", id: 7005, level: model.LevelError, qualifiers: 49152, keywords: kwSCM, channel: "System", pid: 480,
			names: []string{"param1", "param2", "param3"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{"LoadUserProfile", "%%1332", "No mapping between account names and security IDs was done."}
			}},
		{w: 10, provider: "Microsoft-Windows-Hyper-V-VMMS", guid: "{6066F867-7CA1-4418-85FD-36E3F9C0600C}", id: 10172, level: model.LevelError, qualifiers: -1, keywords: kwSystem, channel: "Microsoft-Windows-Hyper-V-VMMS-Admin", sid: "S-1-5-18", pid: 2140,
			names: []string{"U:VmlEventLog/VmName", "U:VmlEventLog/VmId", "U:VmlEventLog/ErrorCode"},
			values: func(r *rand.Rand, _ time.Time) []string {
				return []string{pick(r, "SQL-PROD-01", "WEB01"), "8B0A3C56-1E7D-4D2F-9A43-5C0E7D9F1B22", pick(r, "0x800423F4", "0x80070005")}
			}},
	},
}

// Events returns n events in timeline order, drawn from the logs in their
// mix, each log its own file with its own record IDs and offsets. The same
// n and seed always give the same events. Events are about two seconds
// apart from 2016-07-01.
func Events(n int, seed uint64) []model.Event {
	g := New(seed)
	evs := make([]model.Event, n)
	g.Fill(evs)
	return evs
}

// Gen generates events one batch at a time, for benchmarks that stream a
// load.
type Gen struct {
	r       *rand.Rand
	t       time.Time
	records [numLogs]uint64
	offsets [numLogs]int64
	totals  [numLogs]int // sum of kind weights per log
}

// New returns a generator; see Events.
func New(seed uint64) *Gen {
	g := &Gen{r: rand.New(rand.NewPCG(seed, 0x73796e7468)), t: time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC)}
	for l := range numLogs {
		for _, k := range kinds[l] {
			g.totals[l] += k.w
		}
		g.offsets[l] = 0x1000 + 0x200
	}
	return g
}

// Fill overwrites evs with the next len(evs) events.
func (g *Gen) Fill(evs []model.Event) {
	for i := range evs {
		g.next(&evs[i])
	}
}

func (g *Gen) next(e *model.Event) {
	r := g.r
	g.t = g.t.Add(time.Duration(r.IntN(4_000_000)) * time.Microsecond)
	l := System
	for x := r.IntN(100); x >= logWeights[l]; l++ {
		x -= logWeights[l]
	}
	k := &kinds[l][0]
	for j, x := 0, r.IntN(g.totals[l]); j < len(kinds[l]); j++ {
		if x < kinds[l][j].w {
			k = &kinds[l][j]
			break
		}
		x -= kinds[l][j].w
	}
	g.records[l]++
	*e = model.Event{
		File: Files[l], Offset: g.offsets[l], RecordID: g.records[l], Time: g.t,
		Level: k.level, Provider: k.provider, ProviderGUID: k.guid, EventSourceName: k.source,
		EventID: k.id, Version: 0, Channel: k.channel, Computer: weightedPick(r, computers[l]),
		UserSID: k.sid, Task: k.task, Keywords: k.keywords, ProcessID: k.pid, ThreadID: uint32(4 * (50 + r.IntN(1000))),
		Decoded: true,
	}
	if k.qualifiers >= 0 {
		e.Qualifiers, e.HasQualifiers = uint16(k.qualifiers), true
	}
	size := 200
	if vs := k.values(r, g.t); len(vs) > 0 {
		for j, name := range k.names {
			if u, ok := strings.CutPrefix(name, "U:"); ok {
				e.UserData = append(e.UserData, model.Data{Name: u, Value: vs[j]})
			} else {
				e.Data = append(e.Data, model.Data{Name: name, Value: vs[j]})
			}
			size += 2*len(vs[j]) + 8
		}
	}
	if k.binary != nil {
		e.Binary = k.binary(r)
	}
	g.offsets[l] += int64(size+7) &^ 7
}

func weightedPick(r *rand.Rand, vs []weighted[string]) string {
	total := 0
	for _, v := range vs {
		total += v.w
	}
	x := r.IntN(total)
	for _, v := range vs {
		if x < v.w {
			return v.v
		}
		x -= v.w
	}
	return vs[0].v
}
