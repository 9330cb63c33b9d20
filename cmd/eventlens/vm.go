package main

import (
	"io"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/cache"
	"eventlens/model/query"
	"eventlens/model/store"
	"eventlens/model/vm"
	"eventlens/ui/report"
)

// vmLinksPath is where the viewer remembers the guest links made by hand
// for the case of inputs and the sources read from memory (the demo), see
// vm.LinksPath; "" when there is no cache directory to keep them in.
func vmLinksPath(inputs []string, mem ...model.Source) string {
	dir, err := cache.DefaultDir()
	if err != nil {
		return ""
	}
	return vm.LinksPath(dir, inputs, mem...)
}

// vmIndex learns the VMs of st with the catalog's knowledge and the links
// made by hand in the viewer for the same case.
func vmIndex(st *store.Store, cat *catalog.Catalog, inputs []string) *vm.Index {
	var links vm.Links
	if p := vmLinksPath(inputs); p != "" {
		links, _ = vm.LoadLinks(p) // unreadable links only cost the links
	}
	return vm.Build(st, cat.VMs(), links)
}

// triage writes the triage of st: of the events that match filter (all
// when it is empty), with their floods and novelty; or, byVM, one per VM.
func triage(w io.Writer, cl *catalog.Classification, st *store.Store, reports []model.FileReport,
	filter *query.Query, byVM bool, inputs []string, lang i18n.Lang) error {
	if byVM {
		return report.ByVM(w, cl, st, vmIndex(st, cl.Catalog(), inputs), lang)
	}
	if filter.UsesVMs() {
		filter = filter.WithVMs(vmIndex(st, cl.Catalog(), inputs))
	}
	filter = withTemplates(filter, cl.Catalog(), lang, st)
	return report.Write(w, report.AsText, cl, st, query.Select(st, filter, nil), reports, lang)
}
