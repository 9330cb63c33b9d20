package catalog

import (
	"regexp"
	"strconv"
	"strings"

	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/vm"
)

// VMs returns the extractor package model/vm uses to learn VMs from events
// this catalog classified: besides the item names and message markers any
// event may carry (vm.Generic), it reads the insertion strings an entry
// declares as the VM's name and ID (insertion.vm_name, vm_id), and, when an
// event carries no insertion strings (an Event Viewer CSV or TXT export),
// the same places in its rendered message, found through the entry's
// message template in every language.
func (c *Catalog) VMs() vm.Extractor {
	x := &vmExtractor{c: c, patterns: map[*Entry][]*regexp.Regexp{}}
	for _, e := range c.entries {
		if e.Insertion.VMName == 0 && e.Insertion.VMID == 0 {
			continue
		}
		for _, l := range i18n.Langs {
			if re := templatePattern(e.Message.In(l)); re != nil {
				x.patterns[e] = append(x.patterns[e], re)
			}
		}
	}
	return x
}

type vmExtractor struct {
	c        *Catalog
	patterns map[*Entry][]*regexp.Regexp // entries that name a VM → their templates
}

func (x *vmExtractor) entry(catalogID string) *Entry {
	e := x.c.byID[catalogID]
	if e == nil || e.Insertion.VMName == 0 && e.Insertion.VMID == 0 {
		return nil
	}
	return e
}

// Knows reports whether catalogID's entry declares a VM insertion string.
func (x *vmExtractor) Knows(catalogID string) bool { return x.entry(catalogID) != nil }

// Refs appends the VMs ev names: from its items, then its entry's
// insertion strings, then its message.
func (x *vmExtractor) Refs(ev *model.Event, dst []vm.Ref) []vm.Ref {
	n := len(dst)
	if dst = vm.FromItems(ev, dst); len(dst) > n {
		return dst
	}
	if e := x.entry(ev.CatalogID); e != nil {
		if r, ok := insertionRef(e, ev.Data); ok {
			return append(dst, r)
		}
		if r, ok := x.messageRef(e, ev.Message); ok {
			return append(dst, r)
		}
	}
	return vm.FromMessage(ev.Message, dst)
}

// insertionRef reads the VM from the declared insertion strings.
func insertionRef(e *Entry, data []model.Data) (vm.Ref, bool) {
	var r vm.Ref
	if n := e.Insertion.VMName; n > 0 && n <= len(data) {
		r.Name = vm.CleanName(data[n-1].Value)
	}
	if n := e.Insertion.VMID; n > 0 && n <= len(data) {
		r.GUID = vm.CleanGUID(data[n-1].Value)
	}
	return r, r.Name != "" || r.GUID != ""
}

// messageRef reads the VM from a rendered message that fits one of e's
// templates.
func (x *vmExtractor) messageRef(e *Entry, msg string) (vm.Ref, bool) {
	if msg == "" {
		return vm.Ref{}, false
	}
	for _, re := range x.patterns[e] {
		m := re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		data := make([]model.Data, max(e.Insertion.VMName, e.Insertion.VMID))
		for i, name := range re.SubexpNames() {
			if k, err := strconv.Atoi(strings.TrimPrefix(name, "p")); err == nil && k >= 1 && k <= len(data) {
				data[k-1].Value = m[i]
			}
		}
		if r, ok := insertionRef(e, data); ok {
			return r, true
		}
	}
	return vm.Ref{}, false
}

// templatePattern turns a message template into a pattern whose group pN
// captures %N. Literal white space matches any white space (rendered
// messages differ in spacing and line breaks); a template that uses an
// insertion string twice captures its first use. The pattern is anchored at
// the start only: a message may end in more than the template says.
func templatePattern(tmpl string) *regexp.Regexp {
	if tmpl == "" {
		return nil
	}
	var b strings.Builder
	b.WriteString(`(?s)^\s*`)
	used := map[int]bool{}
	maxN := 0
	lit := func(s string) {
		for _, f := range strings.Fields(s) {
			b.WriteString(regexp.QuoteMeta(f))
			b.WriteString(`\s*`)
		}
	}
	for text, n := range parts(tmpl) {
		switch {
		case n == 0:
			lit(text)
		case used[n]:
			b.WriteString(`.*?`)
		default:
			used[n] = true
			b.WriteString(`(?P<p` + strconv.Itoa(n) + `>.*?)`)
		}
		maxN = max(maxN, n)
	}
	if maxN == 0 {
		return nil
	}
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	return re
}
