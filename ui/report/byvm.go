package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"time"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model/query"
	"eventlens/model/sanitize"
	"eventlens/model/store"
	"eventlens/model/vm"
)

// ByVM writes a triage per virtual machine (triage --by-vm): for each VM
// of ix, a heading with its ID, hosts and guest logs, then the triage of
// its events (the host events that name it and its guest's own, merged)
// with their floods and novelty; last, the same for the events about no
// VM. s must be the store ix was built from, classified by cl.
func ByVM(w io.Writer, cl *catalog.Classification, s *store.Store, ix *vm.Index, lang i18n.Lang) error {
	inVM := make([]bool, s.Len())
	for i := range ix.VMs {
		v := &ix.VMs[i]
		// The VM's own rows: the filter V's Enter sets, bound to ix.
		q := query.MustParse(v.QueryTerm(), time.Now()).WithVMs(ix)
		rows := query.Select(s, q, nil)
		for _, r := range rows {
			inVM[r] = true
		}
		if err := vmHeading(w, v, i == 0, lang); err != nil {
			return err
		}
		if err := section(w, cl, s, rows, lang); err != nil {
			return err
		}
	}
	var rest []int32
	for _, r := range query.Select(s, nil, nil) {
		if !inVM[r] {
			rest = append(rest, r)
		}
	}
	if _, err := fmt.Fprintf(w, "%s######## %s ########\n\n", sectionGap(len(ix.VMs) == 0), lblNoVM.In(lang)); err != nil {
		return err
	}
	return section(w, cl, s, rest, lang)
}

// sectionGap is the blank lines between sections: none before the first,
// so the report starts with its first heading.
func sectionGap(first bool) string {
	if first {
		return ""
	}
	return "\n\n"
}

func vmHeading(w io.Writer, v *vm.VM, first bool, lang i18n.Lang) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s######## %s %s ########\n", sectionGap(first), lblVM.In(lang), sanitize.Line(v.Label()))
	if v.GUID != "" {
		fmt.Fprintln(bw, i18n.Field(lblVMID.In(lang), v.GUID, lang))
	}
	// A host is unnamed when its events came from an export without a
	// computer column: say nothing rather than an empty "Logged about by".
	if hosts := slices.DeleteFunc(slices.Clone(v.Hosts), func(h string) bool { return h == "" }); len(hosts) > 0 {
		fmt.Fprintln(bw, i18n.Field(lblVMHosts.In(lang), sanitize.Line(i18n.Names(hosts, lang)), lang))
	}
	if len(v.Guests) > 0 {
		var gs []string
		for _, g := range v.Guests {
			gs = append(gs, g.Computer+i18n.Paren(LinkLabel(g.By, lang), lang))
		}
		fmt.Fprintln(bw, i18n.Field(lblVMGuests.In(lang), sanitize.Line(i18n.Names(gs, lang)), lang))
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}

// section writes the triage of rows and their floods and novelty.
func section(w io.Writer, cl *catalog.Classification, s *store.Store, rows []int32, lang i18n.Lang) error {
	if err := Triage(w, cl, s.Rows(rows), nil, lang); err != nil {
		return err
	}
	return News(w, s, rows, lang)
}

// LinkLabel says how a guest's logs were linked to its VM.
func LinkLabel(l vm.Link, lang i18n.Lang) string { return lblLinkBy[l].In(lang) }

// Labels of ByVM.
var (
	lblVM       = i18n.Text{EN: "Virtual machine", JA: "仮想マシン", NL: "Virtuele machine"}
	lblVMID     = i18n.Text{EN: "VM ID", JA: "仮想マシン ID", NL: "VM-id"}
	lblVMHosts  = i18n.Text{EN: "Logged about by", JA: "記録したホスト", NL: "Gelogd door"}
	lblVMGuests = i18n.Text{EN: "Its own logs", JA: "自身のログ", NL: "Eigen logboeken"}
	lblLinkBy   = map[vm.Link]i18n.Text{
		vm.LinkName: {EN: "by name", JA: "名前で", NL: "op naam"},
		vm.LinkKVP:  {EN: "by KVP data", JA: "KVP データで", NL: "via KVP-gegevens"},
		vm.LinkHand: {EN: "by hand", JA: "手動", NL: "handmatig"},
	}
	lblNoVM = i18n.Text{EN: "Events about no virtual machine", JA: "仮想マシンに関係しないイベント", NL: "Gebeurtenissen over geen virtuele machine"}
)
