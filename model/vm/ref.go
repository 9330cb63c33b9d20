// Package vm learns the virtual machines loaded events talk about, and
// links each to the hosts that logged about it and to its guest's own logs.
//
// A Hyper-V host names a VM in its events (VMSMP, storvsp, KvpExchange,
// VMMS, Worker ...): by EventData or UserData items such as VmName and VmId,
// by an insertion string whose meaning only the catalog knows, or only in
// the rendered message. An Extractor turns one event into the VMs it names
// (Refs); Generic reads what needs no knowledge of the event, and package
// catalog supplies one that adds what its entries declare. Build reads a
// store once with an Extractor and gives an Index: the VMs, the events that
// name each, and the computers whose logs are each VM's guest logs.
//
// model does not import catalog, so the catalog's knowledge comes in
// through the Extractor interface only.
package vm

import (
	"strings"
	"unicode/utf8"

	"eventlens/model"
)

// Ref is one VM an event names.
type Ref struct {
	Name string // the VM's name as logged; "" when only its ID is known
	GUID string // the VM ID, upper-case without braces; "" when unknown
	// Guest is the guest's computer name when the event carries it (KVP
	// data such as FullyQualifiedDomainName); "" otherwise.
	Guest string
	// Self is true when the event was logged inside the VM itself: the
	// guest's KVP parameters (VirtualMachineName beside PhysicalHostName)
	// say which VM the logging computer is.
	Self bool
}

// Extractor finds the VMs an event names.
type Extractor interface {
	// Refs appends the VMs e names to dst.
	Refs(e *model.Event, dst []Ref) []Ref
	// Knows reports whether events the catalog classified as catalogID may
	// name a VM in a way only the extractor understands (an insertion
	// string, a message template). Build reads the other events only when
	// their item names or message suggest a VM.
	Knows(catalogID string) bool
}

// Generic is the Extractor that needs no catalog: item names and message
// markers.
type Generic struct{}

// Knows is false: Generic has no catalog knowledge.
func (Generic) Knows(string) bool { return false }

// Refs reads e's EventData and UserData items, or, when they name no VM,
// its rendered message.
func (Generic) Refs(e *model.Event, dst []Ref) []Ref {
	n := len(dst)
	dst = FromItems(e, dst)
	if len(dst) == n {
		dst = FromMessage(e.Message, dst)
	}
	return dst
}

// FromItems reads the VMs e's EventData and UserData items name.
func FromItems(e *model.Event, dst []Ref) []Ref {
	dst = fromItems(e.Data, dst)
	return fromItems(e.UserData, dst)
}

// Item names, compared case-insensitively with the last element of a
// UserData path.
var (
	nameItems  = []string{"VmName", "VirtualMachineName", "VMFriendlyName", "FriendlyName"}
	idItems    = []string{"VmId", "VirtualMachineId", "VmGuid", "VirtualMachineGuid"}
	guestItems = []string{"FullyQualifiedDomainName", "GuestName", "GuestComputerName"}
	// hostItems are the guest-side KVP parameters: an event that carries one
	// beside a VM name was logged inside that VM.
	hostItems = []string{"PhysicalHostName", "PhysicalHostNameFullyQualified", "HostName"}
)

// IsItem reports whether a data item called name can name a VM. Build
// uses it to skip, per data shape, events that cannot.
func IsItem(name string) bool { return itemIn(name, nameItems) || itemIn(name, idItems) }

func itemIn(name string, list []string) bool {
	leaf := name[strings.LastIndexByte(name, '/')+1:]
	for _, k := range list {
		if strings.EqualFold(leaf, k) {
			return true
		}
	}
	return false
}

// fromItems reads one VM from a list of items: its name, ID, guest name
// and whether the items are the guest's own KVP parameters. FriendlyName
// counts only beside a VM ID (it is a common item name elsewhere).
func fromItems(items []model.Data, dst []Ref) []Ref {
	var r Ref
	var friendly string
	host := false
	for _, d := range items {
		switch {
		case itemIn(d.Name, nameItems[:2]):
			if r.Name == "" {
				r.Name = CleanName(d.Value)
			}
		case itemIn(d.Name, nameItems[2:]):
			if friendly == "" {
				friendly = CleanName(d.Value)
			}
		case itemIn(d.Name, idItems):
			if r.GUID == "" {
				r.GUID = CleanGUID(d.Value)
			}
		case itemIn(d.Name, guestItems):
			if r.Guest == "" {
				r.Guest = CleanName(d.Value)
			}
		case itemIn(d.Name, hostItems):
			host = host || strings.TrimSpace(d.Value) != ""
		}
	}
	if r.Name == "" && r.GUID != "" {
		r.Name = friendly
	}
	if r.Name == "" && r.GUID == "" {
		return dst
	}
	r.Self = host && r.Name != ""
	return append(dst, r)
}

// maxName bounds a VM name: a hostile log cannot make the index hold
// megabytes per VM.
const maxName = 256

// CleanName trims a VM name as logged and bounds its length; the result is
// still untrusted text (sanitise before display).
func CleanName(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxName {
		s = s[:maxName]
		for !utf8.ValidString(s) && len(s) > 0 {
			s = s[:len(s)-1]
		}
	}
	return s
}

// CleanGUID returns s as a VM ID (upper-case, no braces), or "" when s is
// not a GUID.
func CleanGUID(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "{")
	s = strings.TrimSuffix(s, "}")
	if len(s) != 36 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return ""
			}
		default:
			if !isHex(c) {
				return ""
			}
		}
	}
	return strings.ToUpper(s)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// markers introduce a VM ID in rendered messages, spelt as Windows writes
// them: "(Virtual machine ID …)", "(VMID …)"; Japanese "(仮想マシン ID …)";
// Dutch "(VM-id …)". Exact spellings let a scan over a million messages
// use strings.Index, which is a hundred times faster than folding case.
var markers = []string{
	"Virtual machine ID", "virtual machine ID", "Virtual Machine ID", "virtual machine id",
	"VMID", "VM ID", "VM-id", "VM-ID", "仮想マシン ID", "仮想マシンID", "仮想マシン Id",
}

// MessageMarker reports whether a message may name a VM for FromMessage:
// it contains one of the markers. Build uses it to skip the rest.
func MessageMarker(msg string) bool {
	return markerAt(msg) >= 0
}

// markerAt returns the end of the first marker in msg, or -1.
func markerAt(msg string) int {
	// Every marker has "ID" or "id" (or "Id"): most messages are out after
	// one or two scans.
	if !strings.Contains(msg, "ID") && !strings.Contains(msg, "id") && !strings.Contains(msg, "Id") {
		return -1
	}
	end := -1
	for _, m := range markers {
		if i := strings.Index(msg, m); i >= 0 && (end < 0 || i+len(m) < end) {
			end = i + len(m)
		}
	}
	return end
}

// FromMessage reads a VM from a rendered message: the GUID after a VM ID
// marker, and the first quoted name before the marker ('WEB01', "WEB01",
// ‘WEB01’ or 「WEB01」). A message without a marker names no VM: quoted
// names alone are too common to mean one.
func FromMessage(msg string, dst []Ref) []Ref {
	end := markerAt(msg)
	if end < 0 {
		return dst
	}
	var r Ref
	rest := msg[end:]
	for i := 0; i+36 <= len(rest) && i < 16; i++ {
		if g := CleanGUID(rest[i : i+36]); g != "" {
			r.GUID = g
			break
		}
	}
	r.Name = quoted(msg[:end])
	if r.Name == "" && r.GUID == "" {
		return dst
	}
	return append(dst, r)
}

// quoted returns the text inside the first pair of quotes in s.
func quoted(s string) string {
	best, name := len(s), ""
	for _, q := range [][2]string{{"'", "'"}, {`"`, `"`}, {"‘", "’"}, {"「", "」"}, {"“", "”"}} {
		i := strings.Index(s, q[0])
		if i < 0 || i >= best {
			continue
		}
		j := strings.Index(s[i+len(q[0]):], q[1])
		if j <= 0 {
			continue
		}
		best, name = i, CleanName(s[i+len(q[0]):i+len(q[0])+j])
	}
	return name
}
