package catalog

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/synth"
)

var t0 = time.Date(2011, 3, 1, 9, 0, 0, 0, time.UTC)

// mk builds a decoded event. data are unnamed insertion strings.
func mk(provider string, id uint16, at time.Duration, computer string, data ...string) *model.Event {
	ev := &model.Event{
		Provider: provider, EventID: id, Time: t0.Add(at), Computer: computer,
		Decoded: true, Level: model.LevelWarning, Offset: -1,
	}
	for _, d := range data {
		ev.Data = append(ev.Data, model.Data{Value: d})
	}
	return ev
}

func withMsg(ev *model.Event, culture, msg string) *model.Event {
	ev.Message, ev.MessageCulture = msg, culture
	return ev
}

func withLevel(ev *model.Event, l model.Level) *model.Event {
	ev.Level = l
	return ev
}

func withNamed(ev *model.Event, kv ...string) *model.Event {
	for i := 0; i+1 < len(kv); i += 2 {
		ev.Data = append(ev.Data, model.Data{Name: kv[i], Value: kv[i+1]})
	}
	return ev
}

func withUser(ev *model.Event, kv ...string) *model.Event {
	for i := 0; i+1 < len(kv); i += 2 {
		ev.UserData = append(ev.UserData, model.Data{Name: kv[i], Value: kv[i+1]})
	}
	return ev
}

func TestClassify(t *testing.T) {
	const host, guest = "HV01.contoso.local", "LEGACY03"
	restart := mk("EventLog", 6006, 0, "hv01", "") // short name of the same computer
	servicing := withUser(mk("Microsoft-Windows-Servicing", 2, time.Hour, host),
		"CbsPackageChangeState/PackageIdentifier", "KB975354",
		"CbsPackageChangeState/IntendedPackageState", "Installed",
		"CbsPackageChangeState/ErrorCode", "0x0")
	tests := []struct {
		name  string
		ev    *model.Event
		ctx   []*model.Event // other loaded events
		class model.Class
		id    string
	}{
		{"vmsmp 26", mk("VMSMP", 26, 0, host, "web01", "3.2", "0.1", "{guid}"), nil, model.ClassUpdate, "nec.vmsmp-26"},
		{"storvsp 5", mk("storvsp", 5, 0, host, "web01", "4.2", "0.1", "{guid}"), nil, model.ClassUpdate, "nec.storvsp-5"},
		{"vmsmp 27", mk("VMSMP", 27, 0, host), nil, model.ClassUpdate, "nec.vmsmp-27"},
		{"storvsp 6", mk("storvsp", 6, 0, host), nil, model.ClassUpdate, "nec.storvsp-6"},
		{"lower-case provider", mk("vmsmp", 26, 0, host), nil, model.ClassUpdate, "nec.vmsmp-26"},
		{"neighbouring id not in catalog", mk("VMSMP", 25, 0, host), nil, model.ClassUnknown, ""},
		{"other provider same id", mk("Foo", 26, 0, host), nil, model.ClassUnknown, ""},
		{"event source name matches", &model.Event{Provider: "Microsoft-Windows-Something", EventSourceName: "storvsp", EventID: 6, Decoded: true}, nil, model.ClassUpdate, "nec.storvsp-6"},

		{"vmsmp 32 empty names (data)", mk("VMSMP", 32, 0, host, "Broadcom NetXtreme", "", "", "C000003A"), nil, model.ClassHarmless, "nec.vmsmp-32"},
		{"vmsmp 32 named (data)", mk("VMSMP", 32, 0, host, "Broadcom NetXtreme", "8F1E-PORT", "External LAN", "C000003A"), nil, model.ClassAttention, "nec.vmsmp-32"},
		{"vmsmp 32 one empty (data)", mk("VMSMP", 32, 0, host, "Broadcom NetXtreme", "", "External LAN", "C000003A"), nil, model.ClassConditional, "nec.vmsmp-32"},
		{"vmsmp 32 empty names (ja message)", withMsg(mk("VMSMP", 32, 0, host), "ja-JP", "スイッチ '' のポート '' へ NIC 'Broadcom' を接続できませんでした。状態 = C000003A"), nil, model.ClassHarmless, "nec.vmsmp-32"},
		{"vmsmp 32 named (nl message)", withMsg(mk("VMSMP", 32, 0, host), "nl-NL", "Kan NIC 'Broadcom' niet verbinden met poort 'P1' van switch 'LAN'. Status = C000003A"), nil, model.ClassAttention, "nec.vmsmp-32"},
		{"vmsmp 32 nothing to go on", mk("VMSMP", 32, 0, host), nil, model.ClassConditional, "nec.vmsmp-32"},

		{"winlogon 6004 near restart", mk("Microsoft-Windows-Winlogon", 6004, 2*time.Minute, host, "TrustedInstaller"), []*model.Event{restart}, model.ClassHarmless, "nec.winlogon-6004"},
		{"winlogon 6004 near restart, spaced subscriber, classic source", mk("Winlogon", 6004, -3*time.Minute, host, "Trusted Installer"), []*model.Event{restart}, model.ClassHarmless, "nec.winlogon-6004"},
		{"winlogon 6004 alone", mk("Microsoft-Windows-Winlogon", 6004, 2*time.Hour, host, "TrustedInstaller"), []*model.Event{restart}, model.ClassConditional, "nec.winlogon-6004"},
		{"winlogon 6004 between restarts, near none", mk("Microsoft-Windows-Winlogon", 6004, 2*time.Hour, host, "TrustedInstaller"), []*model.Event{restart, mk("EventLog", 6005, 5*time.Hour, host)}, model.ClassAttention, "nec.winlogon-6004"},
		{"winlogon 6004 restart on another computer", mk("Microsoft-Windows-Winlogon", 6004, time.Minute, "OTHER", "TrustedInstaller"), []*model.Event{restart}, model.ClassConditional, "nec.winlogon-6004"},
		{"winlogon 6004 other subscriber near restart", mk("Microsoft-Windows-Winlogon", 6004, time.Minute, host, "TermSrv"), []*model.Event{restart}, model.ClassConditional, "nec.winlogon-6004"},
		{"wlclntfy alias", mk("Wlclntfy", 6004, time.Minute, host, "TrustedInstaller"), []*model.Event{mk("Microsoft-Windows-Kernel-General", 12, 0, host)}, model.ClassHarmless, "nec.winlogon-6004"},

		{"kvp 4130", mk("Microsoft-Windows-Hyper-V-Integration-KvpExchange", 4130, 0, host, "WEB01", "6.1.7600.16385", "6.1.7601.17514", "{id}"), nil, model.ClassUpdate, "nec.kvp-4130"},
		{"vds 1 with documented code", mk("VDS Basic Provider", 1, 0, "WEB01", "490@01010004"), nil, model.ClassHarmless, "nec.vds-1"},
		{"vds 1 other code", mk("VDS Basic Provider", 1, 0, "WEB01", "32@02000018"), nil, model.ClassUnknown, ""},
		{"netvsc 13", mk("Netvsc", 13, 0, guest, ""), nil, model.ClassConditional, "nec.netvsc-13"},
		{"hyper-v netvsc 13", mk("Microsoft-Windows-Hyper-V-Netvsc", 13, 0, guest, "miniport"), nil, model.ClassConditional, "nec.netvsc-13"},
		{"netvsc 13, restart after, not again", mk("Netvsc", 13, 0, guest, ""), []*model.Event{mk("EventLog", 6005, 10*time.Minute, guest)}, model.ClassHarmless, "nec.netvsc-13"},
		{"netvsc 13, restart only before", mk("Netvsc", 13, 0, guest, ""), []*model.Event{mk("EventLog", 6005, -10*time.Minute, guest)}, model.ClassConditional, "nec.netvsc-13"},
		{"netvsc 13 before a restart, logged again after", mk("Netvsc", 13, 0, guest, ""), []*model.Event{mk("EventLog", 6005, 10*time.Minute, guest), mk("Netvsc", 13, 20*time.Minute, guest, "")}, model.ClassAttention, "nec.netvsc-13"},
		{"netvsc 13 after a restart, logged before it too", mk("Netvsc", 13, 20*time.Minute, guest, ""), []*model.Event{mk("Netvsc", 13, 0, guest, ""), mk("EventLog", 6005, 10*time.Minute, guest)}, model.ClassAttention, "nec.netvsc-13"},
		{"netvsc 13 again after another computer's restart", mk("Netvsc", 13, 0, guest, ""), []*model.Event{mk("EventLog", 6005, 10*time.Minute, "OTHER"), mk("Netvsc", 13, 20*time.Minute, guest, "")}, model.ClassConditional, "nec.netvsc-13"},
		{"alias: windows 10 information netvsc 13 not claimed", withLevel(withNamed(mk("Microsoft-Windows-Hyper-V-Netvsc", 13, 0, guest), "MiniportName", "Microsoft Hyper-V Network Adapter", "MiniportNameLen", "33"), model.LevelInformation), nil, model.ClassUnknown, ""},
		{"alias: warning with two data fields not claimed", withNamed(mk("Microsoft-Windows-Hyper-V-Netvsc", 13, 0, guest), "MiniportName", "x", "MiniportNameLen", "1"), nil, model.ClassUnknown, ""},
		{"alias: information level with one data not claimed", withLevel(mk("Microsoft-Windows-Hyper-V-Netvsc", 13, 0, guest, "x"), model.LevelInformation), nil, model.ClassUnknown, ""},
		{"source name: information level still claimed", withLevel(mk("Netvsc", 13, 0, guest, "x"), model.LevelInformation), nil, model.ClassConditional, "nec.netvsc-13"},
		{"eventsystem 4098", mk("EventSystem", 4098, 0, guest, "800706BF", "{2F519218-754D-4CFE-8DAA-5215CD0DE0EB}", "Logoff"), nil, model.ClassConditional, "nec.eventsystem-4098"},
		{"event system 4106 (spaced)", mk("Event System", 4106, 0, guest, "{2F519218-754D-4CFE-8DAA-5215CD0DE0EB}"), nil, model.ClassConditional, "nec.eventsystem-4106"},
		{"scm 7005 LoadUserProfile", mk("Service Control Manager", 7005, 0, "XP01", "LoadUserProfile", "The device is not ready."), nil, model.ClassConditional, "nec.scm-7005"},
		{"scm 7005 other call", mk("Service Control Manager", 7005, 0, "XP01", "CreateProcessAsUser", "Access is denied."), nil, model.ClassUnknown, ""},

		{"vmms 0x800423f4 hex", mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 0, host, "WEB01", "0x800423F4"), nil, model.ClassKnownIssue, "kb975354.iscsi-0x800423f4"},
		{"vmms error code as %%decimal", mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 0, host, "%%2147754996"), nil, model.ClassKnownIssue, "kb975354.iscsi-0x800423f4"},
		{"vmms error code negative", mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 0, host, "-2147212300"), nil, model.ClassKnownIssue, "kb975354.iscsi-0x800423f4"},
		{"vmms code only in ja message", withMsg(mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 0, host), "ja-JP", "バックアップに失敗しました (エラー コード 800423f4)。"), nil, model.ClassKnownIssue, "kb975354.iscsi-0x800423f4"},
		{"vmms other code", mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 0, host, "0x80070005"), nil, model.ClassUnknown, ""},
		{"vmms code inside longer number", mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 0, host, "12147754996", "1800423F4"), nil, model.ClassUnknown, ""},
		{"vmms with KB installed (still known issue)", mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 2*time.Hour, host, "0x800423F4"), []*model.Event{servicing}, model.ClassKnownIssue, "kb975354.iscsi-0x800423f4"},
		{"undecoded record", &model.Event{RecordID: 7, DecodeError: "bad"}, nil, model.ClassUnknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load()
			if err != nil {
				t.Fatal(err)
			}
			all := append([]*model.Event{tt.ev}, tt.ctx...)
			cl := c.NewClassification()
			cl.Classify(all)
			if tt.ev.Class != tt.class || tt.ev.CatalogID != tt.id {
				x := cl.Explain(tt.ev, i18n.EN)
				t.Fatalf("got %v %q, want %v %q; reasons %q", tt.ev.Class, tt.ev.CatalogID, tt.class, tt.id, x.Reasons)
			}
			// Idempotent, and the same when classified again with everything.
			cl.Classify(all)
			if tt.ev.Class != tt.class {
				t.Fatalf("second Classify: got %v, want %v", tt.ev.Class, tt.class)
			}
			x := cl.Explain(tt.ev, i18n.EN)
			if x.Class != tt.class {
				t.Errorf("Explain class %v, want %v", x.Class, tt.class)
			}
			if tt.id != "" && (x.Entry == nil || x.Entry.ID != tt.id) {
				t.Errorf("Explain entry %v", x.Entry)
			}
		})
	}
}

func TestClassifyBatches(t *testing.T) {
	// The UI classifies batch by batch: a restart in a later batch must turn
	// an earlier conditional 6004 into harmless once everything is classified.
	c, _ := Load()
	cl := c.NewClassification()
	w := mk("Microsoft-Windows-Winlogon", 6004, 0, "HV01", "TrustedInstaller")
	r := mk("EventLog", 6005, time.Minute, "HV01")
	cl.Classify([]*model.Event{w})
	if w.Class != model.ClassConditional {
		t.Fatalf("first batch: %v", w.Class)
	}
	cl.Classify([]*model.Event{r})
	cl.Classify([]*model.Event{w, r})
	if w.Class != model.ClassHarmless {
		t.Fatalf("after all batches: %v", w.Class)
	}
	// A new load starts with nothing learnt.
	c.NewClassification().Classify([]*model.Event{w})
	if w.Class != model.ClassConditional {
		t.Fatalf("new classification: %v", w.Class)
	}
}

func TestExplainFixInstalled(t *testing.T) {
	c, _ := Load()
	cl := c.NewClassification()
	fail := mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 0, "HV01", "0x800423F4")
	later := mk("Microsoft-Windows-Hyper-V-VMMS", 10150, 48*time.Hour, "HV01", "0x800423F4")
	wu := mk("Microsoft-Windows-WindowsUpdateClient", 19, 24*time.Hour, "hv01.contoso.local", "Hotfix for Windows (KB975354)", "{guid}", "201")
	cl.Classify([]*model.Event{fail, wu, later})
	for _, l := range i18n.Langs {
		x := cl.Explain(later, l)
		if !x.FixInstalled || x.Remedy != c.Entry("kb975354.iscsi-0x800423f4").Fix.InstalledRemedy.In(l) {
			t.Errorf("%v: fix not seen: %+v", l, x)
		}
		x = cl.Explain(fail, l)
		if !x.FixInstalled || len(x.Reasons) == 0 {
			t.Errorf("%v: reasons %q", l, x.Reasons)
		}
	}
	if x := cl.Explain(fail, i18n.EN); !strings.Contains(strings.Join(x.Reasons, " "), "after this event") {
		t.Errorf("install after the failure not said: %q", x.Reasons)
	}
	// Without the install, the plain remedy.
	c2, _ := Load()
	cl2 := c2.NewClassification()
	cl2.Classify([]*model.Event{later})
	if x := cl2.Explain(later, i18n.EN); x.FixInstalled || x.Remedy != c2.Entry("kb975354.iscsi-0x800423f4").Remedy.EN {
		t.Errorf("fix wrongly seen: %+v", x)
	}
}

func TestInstalledKB(t *testing.T) {
	kbs := map[string]bool{"kb975354": true}
	tests := []struct {
		ev   *model.Event
		want bool
	}{
		{withUser(mk("Microsoft-Windows-Servicing", 2, 0, "H"), "CbsPackageChangeState/PackageIdentifier", "KB975354", "CbsPackageChangeState/IntendedPackageState", "Installed", "CbsPackageChangeState/ErrorCode", "0x0"), true},
		{withUser(mk("Microsoft-Windows-Servicing", 2, 0, "H"), "CbsPackageChangeState/PackageIdentifier", "KB975354", "CbsPackageChangeState/IntendedPackageState", "112"), true},
		{withUser(mk("Microsoft-Windows-Servicing", 2, 0, "H"), "CbsPackageChangeState/PackageIdentifier", "KB975354", "CbsPackageChangeState/IntendedPackageState", "Absent"), false},
		{withUser(mk("Microsoft-Windows-Servicing", 2, 0, "H"), "CbsPackageChangeState/PackageIdentifier", "KB975354", "CbsPackageChangeState/ErrorCode", "0x800f081e"), false},
		{withUser(mk("Microsoft-Windows-Servicing", 2, 0, "H"), "CbsPackageChangeState/PackageIdentifier", "KB976932"), false},
		{withMsg(mk("Microsoft-Windows-Servicing", 2, 0, "H"), "ja-JP", "パッケージ KB975354 は正常にインストール済みの状態に変更されました。"), true},
		{mk("Microsoft-Windows-WindowsUpdateClient", 19, 0, "H", "Update for Windows Server 2008 R2 x64 Edition (KB975354)"), true},
		{mk("Microsoft-Windows-WindowsUpdateClient", 20, 0, "H", "Update (KB975354)"), false}, // 20 = installation failure
	}
	for i, tt := range tests {
		got := installedKB(tt.ev, strings.ToLower(tt.ev.Provider), kbs) != ""
		if got != tt.want {
			t.Errorf("%d: got %v, want %v", i, got, tt.want)
		}
	}
}

func TestMessage(t *testing.T) {
	c, _ := Load()
	tests := []struct {
		ev   *model.Event
		lang i18n.Lang
		want string
	}{
		// Confirmed insertion strings: the template in the chosen language.
		{mk("Microsoft-Windows-Winlogon", 6004, 0, "H", "TrustedInstaller"), i18n.JA, "winlogon 通知サブスクライバ <TrustedInstaller> で重要な通知イベントに失敗しました。"},
		{mk("Microsoft-Windows-Winlogon", 6004, 0, "H", "TrustedInstaller"), i18n.NL, "De Winlogon-meldingsabonnee <TrustedInstaller> heeft een kritieke meldingsgebeurtenis niet kunnen verwerken."},
		// The carried message in the chosen language wins.
		{withMsg(mk("Microsoft-Windows-Winlogon", 6004, 0, "H", "X"), "en-US", "as logged"), i18n.EN, "as logged"},
		// A carried message in another language beats a template whose
		// insertion order is unconfirmed.
		{withMsg(mk("VMSMP", 32, 0, "H", "NIC", "", "", "C000003A"), "ja-JP", "スイッチ '' のポート ''"), i18n.EN, "スイッチ '' のポート ''"},
		// No message: unconfirmed template, marked.
		{mk("VMSMP", 26, 0, "H", "web01", "3.2", "0.1", "{g}"), i18n.EN, "NIC driver on 'web01' cannot load because it is incompatible with the server virtualization stack. Server version 3.2 Client version 0.1 (VMID {g}). [order of insertion strings unconfirmed]"},
		// Too few insertion strings for the template: plain line.
		{mk("VMSMP", 26, 0, "H", "only"), i18n.EN, "VMSMP 26: only"},
		// Not in the catalog.
		{mk("Foo", 1, 0, "H", "a", "b"), i18n.EN, "Foo 1: a, b"},
		{&model.Event{Provider: "Foo", EventID: 2, Decoded: true, Data: []model.Data{{Name: "k", Value: "v"}}}, i18n.NL, "Foo 2: k=v"},
	}
	for i, tt := range tests {
		if got := c.Message(tt.ev, tt.lang); got != tt.want {
			t.Errorf("%d: got\n%q\nwant\n%q", i, got, tt.want)
		}
	}
}

func TestRender(t *testing.T) {
	data := []model.Data{{Value: "a"}, {Value: "b"}, {Value: "c"}, {Value: "d"}, {Value: "e"}, {Value: "f"}, {Value: "g"}, {Value: "h"}, {Value: "i"}, {Value: "j"}, {Value: "k"}}
	for _, tt := range []struct{ tmpl, want string }{
		{"%1-%2", "a-b"}, {"100%% %1", "100% a"}, {"%11!", "k!"}, {"%0 %", "%0 %"}, {"%1%2", "ab"},
	} {
		if got, ok := render(tt.tmpl, data); !ok || got != tt.want {
			t.Errorf("render(%q) = %q, %v; want %q", tt.tmpl, got, ok, tt.want)
		}
	}
	if _, ok := render("%3", data[:2]); ok {
		t.Error("render with missing insertion string succeeded")
	}
}

func TestTokenIn(t *testing.T) {
	code, _ := parseCode("0x800423F4")
	for s, want := range map[string]bool{
		"0x800423F4": true, "error 0x800423f4.": true, "HRESULT800423F4": true, "(800423F4)": true,
		"%%2147754996": true, "-2147212300": true, "x=2147754996;": true,
		"0x800423F45": false, "1800423F4": false, "21477549960": false, "12147754996": false, "": false,
	} {
		if got := codeIn(s, code); got != want {
			t.Errorf("codeIn(%q) = %v, want %v", s, got, want)
		}
	}
}

func ExampleClassLabel() {
	for _, c := range model.Classes {
		fmt.Printf("%s: %s / %s / %s\n", c, ClassLabel(c, i18n.EN), ClassLabel(c, i18n.JA), ClassLabel(c, i18n.NL))
	}
	// Output:
	// harmless: Harmless / 問題なし / Onschuldig
	// update: Stops after update / 更新で解消 / Verdwijnt na update
	// conditional: Harmless if … / 条件付きで問題なし / Onschuldig als …
	// attention: Needs attention / 要確認 / Aandacht nodig
	// known-issue: Known issue / 既知の問題 / Bekend probleem
	// unknown: Unknown / 未知 / Onbekend
}

// sliceEvents is Events over a slice, as a store would provide them.
type sliceEvents []model.Event

func (s sliceEvents) Len() int                                 { return len(s) }
func (s sliceEvents) Event(i int, dst *model.Event)            { *dst = s[i] }
func (s sliceEvents) SetClass(i int, c model.Class, id string) { s[i].Class, s[i].CatalogID = c, id }

func TestClassifyAll(t *testing.T) {
	evs := synth.Events(30_000, 3)
	evs = append(evs, *mk("Microsoft-Windows-Winlogon", 6004, 0, "HV01", "TrustedInstaller"), *mk("EventLog", 6005, time.Minute, "HV01"))
	ptrs := make([]*model.Event, len(evs))
	for i := range evs {
		ptrs[i] = &evs[i]
	}
	a, _ := Load()
	ca := a.NewClassification()
	ca.Classify(ptrs)
	b, _ := Load()
	cb := b.NewClassification()
	got := sliceEvents(synth.Events(30_000, 3))
	got = append(got, *mk("Microsoft-Windows-Winlogon", 6004, 0, "HV01", "TrustedInstaller"), *mk("EventLog", 6005, time.Minute, "HV01"))
	cb.ClassifyAll(got)
	known := 0
	for i := range evs {
		if got[i].Class != evs[i].Class || got[i].CatalogID != evs[i].CatalogID {
			t.Fatalf("event %d: ClassifyAll gives %v %q, Classify %v %q", i, got[i].Class, got[i].CatalogID, evs[i].Class, evs[i].CatalogID)
		}
		if evs[i].CatalogID != "" {
			known++
		}
	}
	if known == 0 || got[len(got)-2].Class != model.ClassHarmless {
		t.Errorf("%d known events, 6004 %v: the fixture does not exercise the catalog", known, got[len(got)-2].Class)
	}
}

// TestMatchEventViewerDisplayName: an Event Viewer CSV/TXT export names
// manifest providers without "Microsoft-Windows-".
func TestMatchEventViewerDisplayName(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ev := &model.Event{Provider: "Hyper-V-VMMS", EventID: 18350, Decoded: true, Level: model.LevelError,
		Message: "Backup failed with error 0x800423F4."}
	if e := c.Match(ev); e == nil || e.ID != "kb975354.iscsi-0x800423f4" {
		t.Errorf("display name Hyper-V-VMMS not matched: %v", e)
	}
}
