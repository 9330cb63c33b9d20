package evtxwrite

import (
	"fmt"
	"math/rand/v2"
	"time"

	"eventlens/model"
)

// Synthetic returns n made-up but realistic events for benchmarks and load
// tests: System log events from a handful of providers (Hyper-V, Service
// Control Manager, Winlogon with Binary data, a UserData servicing event,
// Japanese and Dutch insertion strings), one second apart from 2024-01-01,
// record IDs 1..n. The same n and seed always give the same events. Nothing
// in them comes from a real machine.
func Synthetic(n int, seed int64) []*model.Event {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x65766e746c656e73))
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	hosts := []string{"HV-HOST01.contoso.local", "GUEST-SQL02", "ファイルサーバー03", "WEB-NL-04"}
	services := []string{"Windows Update", "Hyper-V Virtual Machine Management", "Volume Shadow Copy", "Windows バックアップ", "Print Spooler"}
	states := []string{"running", "stopped", "実行中", "gestopt"}

	events := make([]*model.Event, n)
	for i := range events {
		e := &model.Event{
			File:     "synthetic.evtx",
			Offset:   -1,
			RecordID: uint64(i + 1),
			Time:     start.Add(time.Duration(i)*time.Second + time.Duration(rng.IntN(10_000_000))*100),
			Channel:  "System",
			Computer: hosts[rng.IntN(len(hosts))],
			Decoded:  true,
			Level:    model.LevelInformation,
		}
		e.ProcessID = uint32(4 + 4*rng.IntN(2000))
		e.ThreadID = uint32(4 + 4*rng.IntN(8000))
		switch k := rng.IntN(10); {
		case k < 4:
			e.Provider = "Service Control Manager"
			e.ProviderGUID = "{555908D1-A6D7-4695-8E1E-26931D2012F4}"
			e.EventSourceName = "Service Control Manager"
			e.EventID, e.HasQualifiers, e.Qualifiers = 7036, true, 16384
			e.Keywords = 0x8080000000000000
			e.Data = []model.Data{
				{Name: "param1", Value: services[rng.IntN(len(services))]},
				{Name: "param2", Value: states[rng.IntN(len(states))]},
			}
			e.Binary = fmt.Sprintf("%08X", rng.Uint32())
		case k < 6:
			e.Provider = "Microsoft-Windows-Hyper-V-Netvsc"
			e.ProviderGUID = "{152FBE4B-C7AD-4F68-BADA-A4FCC1464F6C}"
			e.EventID = uint16(10 + rng.IntN(4))
			e.Level = model.Level(2 + rng.IntN(3))
			e.Keywords = 0x8000000000000000
			e.UserSID = "S-1-5-18"
			e.Data = []model.Data{
				{Name: "MiniportName", Value: "Microsoft Hyper-V Network Adapter"},
				{Name: "MiniportNameLen", Value: "33"},
			}
		case k < 7:
			e.Provider = "Microsoft-Windows-Winlogon"
			e.ProviderGUID = "{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}"
			e.EventSourceName = "Winlogon"
			e.EventID, e.HasQualifiers, e.Qualifiers = 6004, true, 32768
			e.Level = model.LevelWarning
			e.Channel = "Application"
			e.Keywords = 0x80000000000000
			e.Data = []model.Data{{Value: "TermSrv"}}
			e.Binary = fmt.Sprintf("%08X", rng.Uint32())
		case k < 8:
			e.Provider = "Microsoft-Windows-Servicing"
			e.ProviderGUID = "{BD12F3B8-FC40-4A61-A307-B7A013A069C1}"
			e.EventID = 2
			e.Version = 0
			e.Channel = "Setup"
			e.UserSID = "S-1-5-21-1004336348-1177238915-682003330-512"
			e.Keywords = 0x8000000000000000
			e.UserData = []model.Data{
				{Name: "CbsPackageChangeState/PackageIdentifier", Value: fmt.Sprintf("KB%d", 4000000+rng.IntN(999999))},
				{Name: "CbsPackageChangeState/IntendedPackageState", Value: "5112"},
				{Name: "CbsPackageChangeState/IntendedPackageStateTextized", Value: "Installed"},
				{Name: "CbsPackageChangeState/ErrorCode", Value: "0x0"},
				{Name: "CbsPackageChangeState/Client", Value: "Windows Update Agent"},
			}
		default:
			e.Provider = "Microsoft-Windows-Kernel-General"
			e.ProviderGUID = "{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}"
			e.EventID = 16
			e.Version = 1
			e.Task = 6
			e.Opcode = 0
			e.Keywords = 0x8000000000000000
			e.Data = []model.Data{
				{Name: "HiveName", Value: `\??\C:\Users\田中\ntuser.dat`},
				{Name: "HiveNameLength", Value: "32"},
				{Name: "KeysUpdated", Value: fmt.Sprint(rng.IntN(500))},
				{Name: "DirtyPages", Value: fmt.Sprint(rng.IntN(100))},
			}
		}
		events[i] = e
	}
	return events
}
