package query

import (
	"fmt"
	"math/rand/v2"
	"time"

	"eventlens/model"
)

// synth generates realistic events: the providers, IDs, channels, computers
// and EventData shapes of a Windows Server System and Security log and a
// Hyper-V host, with values of realistic length. One file in four carries
// rendered messages, as Event Viewer XML exports do.
func synth(n int, seed uint64) []model.Event {
	r := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(2011, 6, 1, 0, 0, 0, 0, time.UTC)
	computers := []string{"WIN-8UJ5IL3QK1M", "HV-HOST02.contoso.local", "DC01.corp.example.com", "CITADEL-DC01.C137.local"}
	files := []string{`C:\logs\System.evtx`, `C:\logs\Security.evtx`, `C:\logs\Hyper-V-VMMS-Admin.evtx`, `C:\logs\export.xml`}
	services := []string{"Windows Modules Installer", "Background Intelligent Transfer Service", "WinHTTP Web Proxy Auto-Discovery Service", "Windows Update", "Software Protection", "Hyper-V Virtual Machine Management", "Application Experience"}
	states := []string{"running", "stopped"}
	users := []string{"SYSTEM", "Administrator", "ANONYMOUS LOGON", "svc_backup", "WIN-8UJ5IL3QK1M$"}
	evs := make([]model.Event, n)
	t := start
	for i := range evs {
		t = t.Add(time.Duration(r.IntN(4000)) * time.Millisecond)
		f := r.IntN(len(files))
		e := &evs[i]
		e.File = files[f]
		e.RecordID = uint64(i + 1)
		e.Time = t
		e.Computer = computers[r.IntN(len(computers))]
		e.Level = model.LevelInformation
		e.Decoded = true
		switch k := r.IntN(100); {
		case k < 30:
			e.Provider, e.ProviderGUID, e.EventSourceName = "Service Control Manager", "{555908d1-a6d7-4695-8e1e-26931d2012f4}", "Service Control Manager"
			e.Channel, e.EventID, e.Qualifiers, e.HasQualifiers = "System", 7036, 16384, true
			svc, st := services[r.IntN(len(services))], states[r.IntN(2)]
			e.Data = []model.Data{{Name: "param1", Value: svc}, {Name: "param2", Value: st}}
			e.Binary = "570075006100750073007600630000000000"
			if f == 3 {
				e.Message = fmt.Sprintf("The %s service entered the %s state.", svc, st)
			}
		case k < 60:
			e.Provider, e.ProviderGUID = "Microsoft-Windows-Security-Auditing", "{54849625-5478-4994-a5ba-3e3b0328c30d}"
			e.Channel, e.EventID = "Security", 4624
			u := users[r.IntN(len(users))]
			e.Data = []model.Data{
				{Name: "SubjectUserSid", Value: "S-1-5-18"}, {Name: "SubjectUserName", Value: "WIN-8UJ5IL3QK1M$"}, {Name: "SubjectDomainName", Value: "WORKGROUP"},
				{Name: "SubjectLogonId", Value: "0x3e7"}, {Name: "TargetUserSid", Value: fmt.Sprintf("S-1-5-21-3463664321-2923530833-3546627382-%d", 500+r.IntN(1000))},
				{Name: "TargetUserName", Value: u}, {Name: "TargetDomainName", Value: "C137"}, {Name: "TargetLogonId", Value: fmt.Sprintf("0x%x", r.Uint32())},
				{Name: "LogonType", Value: fmt.Sprint(2 + r.IntN(9))}, {Name: "LogonProcessName", Value: "User32 "}, {Name: "AuthenticationPackageName", Value: "Negotiate"},
				{Name: "WorkstationName", Value: "WIN-8UJ5IL3QK1M"}, {Name: "LogonGuid", Value: "{00000000-0000-0000-0000-000000000000}"},
				{Name: "TransmittedServices", Value: "-"}, {Name: "LmPackageName", Value: "-"}, {Name: "KeyLength", Value: "0"}, {Name: "ProcessId", Value: fmt.Sprintf("0x%x", r.IntN(9000))},
				{Name: "ProcessName", Value: `C:\Windows\System32\winlogon.exe`}, {Name: "IpAddress", Value: fmt.Sprintf("10.42.85.%d", r.IntN(255))}, {Name: "IpPort", Value: fmt.Sprint(r.IntN(65535))},
			}
			if f == 3 {
				e.Message = "An account was successfully logged on.\r\n\r\nSubject:\r\n\tSecurity ID:\t\tS-1-5-18\r\n\tAccount Name:\t\tWIN-8UJ5IL3QK1M$\r\n\tAccount Domain:\t\tWORKGROUP\r\n\r\nLogon Type:\t\t\t10\r\n\r\nNew Logon:\r\n\tAccount Name:\t\t" + u
			}
		case k < 70:
			e.Provider, e.ProviderGUID = "Schannel", "{1f678132-5938-4686-9fdc-c8ff68f15c85}"
			e.Channel, e.EventID, e.Level = "System", 36888, model.LevelError
			e.Data = []model.Data{{Name: "AlertDesc", Value: "10"}, {Name: "ErrorState", Value: "1203"}}
			if f == 3 {
				e.Message = "A fatal alert was generated and sent to the remote endpoint. This may result in termination of the connection. The TLS protocol defined fatal error code is 10. The Windows SChannel error state is 1203."
			}
		case k < 80:
			e.Provider, e.ProviderGUID = "Microsoft-Windows-Hyper-V-VMSMP", "{6066f867-7ca1-4418-85fd-36e3f9c0600c}"
			e.Channel, e.EventID, e.Level = "System", uint16(24+r.IntN(4)), model.LevelWarning
			e.Data = []model.Data{{Name: "VmName", Value: "SQL-PROD-01"}, {Name: "VmId", Value: "8B0A3C56-1E7D-4D2F-9A43-5C0E7D9F1B22"}, {Name: "NicName", Value: "Network Adapter"}, {Name: "PortName", Value: "A4F0C2E1-5B8D-4C3A-9E7F-1D2B3C4D5E6F"}}
			if r.IntN(3) == 0 {
				e.Class, e.CatalogID = model.ClassKnownIssue, "hyperv-vmsmp-26"
			}
		case k < 90:
			e.Provider, e.ProviderGUID = "Microsoft-Windows-Kernel-General", "{a68ca8b7-004f-d7b6-a698-07e2de0f1f5d}"
			e.Channel, e.EventID = "System", 1
			e.Data = []model.Data{{Name: "NewTime", Value: t.Format(time.RFC3339Nano)}, {Name: "OldTime", Value: t.Add(-time.Second).Format(time.RFC3339Nano)}}
			e.Class = model.ClassHarmless
		default:
			e.Provider, e.ProviderGUID = "Microsoft-Windows-Hyper-V-VMMS", "{6066f867-7ca1-4418-85fd-36e3f9c0600c}"
			e.Channel, e.EventID = "Microsoft-Windows-Hyper-V-VMMS-Admin", uint16(18000+r.IntN(600))
			e.Level = model.Level(2 + r.IntN(3))
			e.UserData = []model.Data{{Name: "VmlEventLog/VmName", Value: "SQL-PROD-01"}, {Name: "VmlEventLog/VmId", Value: "8B0A3C56-1E7D-4D2F-9A43-5C0E7D9F1B22"}, {Name: "VmlEventLog/ErrorCode", Value: "0x80070005"}}
			e.UserSID = "S-1-5-83-1-2332646486-1295978103-3691069338-578863249"
		}
	}
	return evs
}
