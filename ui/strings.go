package ui

import "eventlens/i18n"

// uiText is the UI string bundle.
var uiText = &i18n.UI
