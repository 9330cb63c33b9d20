package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"eventlens/catalog"
	"eventlens/model/vm"
)

// The VM list's hooks in the root model: the key that opens it, its keys
// while it is open, and the extractor it learns VMs with.

// vmsKey handles a key on the VM list: Esc (or V) goes back to the list
// unless the computer chooser is open.
func (m *Model) vmsKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case !m.vms.Choosing() && (m.isBack(msg) || key.Matches(msg, m.Keys.VMs)):
		m.screen = screenList
		return nil
	case key.Matches(msg, m.Keys.Language):
		return m.cycleLanguage()
	}
	return m.vms.Update(msg)
}

// vmExtractor is the catalog's VM extractor, or the generic one without a
// catalog.
func vmExtractor(c *catalog.Catalog) vm.Extractor {
	if c == nil {
		return vm.Generic{}
	}
	return c.VMs()
}
