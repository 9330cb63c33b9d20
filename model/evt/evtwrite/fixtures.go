package evtwrite

import (
	"fmt"
	"os"
	"path/filepath"
	"time"
)

//go:generate go run gen_fixtures.go

// FixtureDir is where go generate writes the fixtures, relative to this
// package's directory.
const FixtureDir = "../../../testdata/evt"

// Fixture is one generated .evt log.
type Fixture struct {
	Name string
	Data []byte
}

// Event IDs as the logs hold them: the event code with its severity and
// facility bits (the qualifiers).
const (
	idNetvsc13     = 0x8004000D // warning, as a driver logs it
	idSCM7005      = 0xC0001B5D
	idSCM7035      = 0x40001B7B
	idSCM7036      = 0x40001B7C
	idEventLog6005 = 0x80001775
	idEventLog6006 = 0x80001776
	idEventLog6009 = 0x80001779
	idEventSys4098 = 0x80001002
	idEventSys4106 = 0x8000100A
	idMsi11707     = 0x00002DBB
	idVDS1         = 0xC0000001
	idTcpip4201    = 0x40001069
	idSecurity528  = 0x00000210
	idSecurity529  = 0x00000211
)

const (
	typeError        = 0x0001
	typeWarning      = 0x0002
	typeInformation  = 0x0004
	typeAuditSuccess = 0x0008
	typeAuditFailure = 0x0010
)

// netvscDump is the driver's dump data: the binary part of an
// IoWriteErrorLogEntry, ending in the event ID.
var netvscDump = []byte{0, 0, 0, 0, 2, 0, 0x30, 0, 0, 0, 0, 0, 0x0D, 0, 0x04, 0x80, 0, 0, 0, 0, 0, 0, 0, 0}

// Fixtures returns the .evt fixtures: guests of a Hyper-V host as the NEC
// note describes them (Windows 2000, XP and Server 2003 log into .evt), with
// insertion strings of our own, in the shapes real copies come in.
func Fixtures() ([]Fixture, error) {
	day := time.Date(2011, 3, 2, 0, 0, 0, 0, time.UTC)
	at := func(h, m, s int) time.Time {
		return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
	}
	const subscription = "{2F519218-754D-4CFE-8DAA-5215CD0DE0EB}"

	// Windows XP guest, System log, closed cleanly. Record 642 is the
	// Japanese wording of the seed.
	xp := "XP-GUEST"
	xpSystem := []Record{
		{Number: 636, Generated: at(4, 59, 50), EventID: idEventLog6009, Type: typeInformation, Source: "EventLog", Computer: xp, Strings: []string{"5.01.", "2600", "Service Pack 3", "Uniprocessor Free"}},
		{Number: 637, Generated: at(4, 59, 50), EventID: idEventLog6005, Type: typeInformation, Source: "EventLog", Computer: xp},
		{Number: 638, Generated: at(4, 59, 58), EventID: idNetvsc13, Type: typeWarning, Source: "Netvsc", Computer: xp, Strings: []string{""}, Data: netvscDump},
		{Number: 639, Generated: at(5, 0, 0), EventID: idSCM7035, Type: typeInformation, Source: "Service Control Manager", Computer: xp, SID: "S-1-5-18", Strings: []string{"Windows Installer", "start"}},
		{Number: 640, Generated: at(5, 0, 0), EventID: idSCM7005, Type: typeError, Source: "Service Control Manager", Computer: xp, Strings: []string{"LoadUserProfile", "The device is not ready. "}},
		{Number: 641, Generated: at(5, 1, 0), EventID: idSCM7005, Type: typeError, Source: "Service Control Manager", Computer: xp, Strings: []string{"CreateProcessAsUser", "Access is denied. "}},
		{Number: 642, Generated: at(5, 2, 0), EventID: idSCM7005, Type: typeError, Source: "Service Control Manager", Computer: xp, Strings: []string{"LoadUserProfile", "デバイスの準備ができていません。 "}},
		{Number: 643, Generated: at(5, 2, 5), EventID: idSCM7036, Type: typeInformation, Source: "Service Control Manager", Computer: xp, Strings: []string{"Windows Installer", "running"}},
	}

	// Windows Server 2003 guest, System log that has wrapped: the oldest
	// record sits mid-file and the Netvsc warning is split across the end
	// of the file.
	w3 := "W2003-GUEST"
	w3System := []Record{
		{Number: 1201, Generated: at(2, 0, 0), EventID: idEventLog6006, Type: typeInformation, Source: "EventLog", Computer: w3},
		{Number: 1202, Generated: at(2, 1, 10), EventID: idEventLog6009, Type: typeInformation, Source: "EventLog", Computer: w3, Strings: []string{"5.02.", "3790", "Service Pack 2", "Multiprocessor Free"}},
		{Number: 1203, Generated: at(2, 1, 10), EventID: idEventLog6005, Type: typeInformation, Source: "EventLog", Computer: w3},
		{Number: 1204, Generated: at(2, 1, 20), EventID: idNetvsc13, Type: typeWarning, Source: "Netvsc", Computer: w3, Strings: []string{""}, Data: netvscDump},
		{Number: 1205, Generated: at(2, 1, 31), EventID: idTcpip4201, Type: typeInformation, Source: "Tcpip", Computer: w3, Strings: []string{"Microsoft Virtual Machine Bus Network Adapter"}},
		{Number: 1206, Generated: at(2, 3, 0), EventID: idVDS1, Type: typeError, Source: "VDS Basic Provider", Computer: w3, Strings: []string{"490@01010004"}},
		{Number: 1207, Generated: at(2, 3, 1), EventID: idVDS1, Type: typeError, Source: "VDS Basic Provider", Computer: w3, Strings: []string{"0x80070005@02070008"}},
		{Number: 1208, Generated: at(2, 4, 0), EventID: idSCM7036, Type: typeInformation, Source: "Service Control Manager", Computer: w3, Strings: []string{"Virtual Disk Service", "stopped"}},
	}
	// Windows never splits a record's fixed part: record 1204 is split
	// after 100 bytes, in its computer name.
	wrapAt, err := splitAt(w3System, 3, 100)
	if err != nil {
		return nil, err
	}
	wrapAt.SkipFill = true
	// The same log when record 1205's fixed part would not have fitted:
	// skip words fill the end of the file and it starts after the header.
	skipAt, err := splitAt(w3System, 4, 24)
	if err != nil {
		return nil, err
	}
	skipAt.SkipFill = true

	// Windows 2000 guest, Application log copied while in use: the header
	// is dirty and lags two records behind.
	w2k := "W2K-GUEST"
	w2kApp := []Record{
		{Number: 75, Generated: at(3, 59, 0), EventID: 0x000003E8, Type: typeInformation, Source: "LoadPerf", Computer: w2k, Strings: []string{"RemoteAccess", "RemoteAccess"}, Data: []byte{0x25, 0, 0, 0}},
		{Number: 76, Generated: at(3, 59, 30), EventID: idMsi11707, Type: typeInformation, Source: "MsiInstaller", Computer: w2k, SID: "S-1-5-21-1214440339-1708537768-725345543-500", Strings: []string{"Product: Virtual Machine Additions -- Installation operation completed successfully."}},
		{Number: 77, Generated: at(4, 0, 0), EventID: idEventSys4098, Type: typeWarning, Source: "EventSystem", Computer: w2k, Strings: []string{"800706BF", subscription, "Logoff"}},
		{Number: 78, Generated: at(4, 0, 1), EventID: idEventSys4106, Type: typeWarning, Source: "EventSystem", Computer: w2k, Strings: []string{subscription}},
		{Number: 79, Generated: at(4, 0, 2), EventID: idEventSys4098, Type: typeWarning, Source: "EventSystem", Computer: w2k, Strings: []string{"800706BF", subscription, "Logon"}},
	}

	// Windows XP guest, Security log: audit results instead of levels.
	xpSecurity := []Record{
		{Number: 310, Generated: at(5, 0, 30), EventID: idSecurity528, Type: typeAuditSuccess, Category: 2, Source: "Security", Computer: xp, SID: "S-1-5-18",
			Strings: []string{"Administrator", "XP-GUEST", "(0x0,0x3E7B1)", "2", "User32  ", "Negotiate", "XP-GUEST", "-", "-", "-", "-", "-", "-", "-", "-"}},
		{Number: 311, Generated: at(5, 0, 41), EventID: idSecurity529, Type: typeAuditFailure, Category: 2, Source: "Security", Computer: xp, SID: "S-1-5-18",
			Strings: []string{"admin", "XP-GUEST", "2", "User32  ", "Negotiate", "XP-GUEST", "XP-GUEST$", "WORKGROUP", "(0x0,0x3E7)", "604", "-", "127.0.0.1", "0"}},
	}

	var out []Fixture
	add := func(name string, recs []Record, l Layout, damage func([]byte)) {
		if err != nil {
			return
		}
		var b []byte
		b, err = Write(recs, l)
		if err == nil && damage != nil {
			damage(b)
		}
		out = append(out, Fixture{name, b})
	}
	add("xp-sysevent.evt", xpSystem, Layout{}, nil)
	add("w2003-sysevent-wrapped.evt", w3System, wrapAt, nil)
	add("w2003-sysevent-skipfill.evt", w3System, skipAt, nil)
	add("w2000-appevent-dirty.evt", w2kApp, Layout{Size: 0x30 + 2048, Start: 1024, Dirty: true, StaleBy: 2, Slack: 0x5a}, nil)
	add("xp-secevent.evt", xpSecurity, Layout{}, nil)
	// A copy of the 2003 log that stopped 100 bytes short.
	add("w2003-sysevent-truncated.evt", w3System, Layout{Truncate: 100}, nil)
	// The XP log with record 641's second half overwritten by zeros.
	add("xp-sysevent-damaged.evt", xpSystem, Layout{}, func(b []byte) {
		off := headerSize
		for _, r := range xpSystem[:5] {
			e, _ := Encode(r)
			off += len(e)
		}
		e, _ := Encode(xpSystem[5])
		clear(b[off+len(e)/2 : off+len(e)])
	})
	return out, err
}

// splitAt returns a layout, just large enough for recs with 64 bytes to
// spare, in which record i is split by the end of the file after its first
// before bytes.
func splitAt(recs []Record, i, before int) (Layout, error) {
	total, lead := 0, 0
	for j, r := range recs {
		e, err := Encode(r)
		if err != nil {
			return Layout{}, err
		}
		if j < i {
			lead += len(e)
		}
		total += len(e)
	}
	ring := total + eofSize + 64
	return Layout{Size: headerSize + ring, Start: ring - lead - before}, nil
}

// WriteFixtures writes the fixtures into dir and returns their names.
func WriteFixtures(dir string) ([]string, error) {
	fx, err := Fixtures()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var names []string
	for _, f := range fx {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return names, fmt.Errorf("writing fixture: %w", err)
		}
		names = append(names, f.Name)
	}
	return names, nil
}
