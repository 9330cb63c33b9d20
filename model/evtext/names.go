package evtext

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"

	"eventlens/model/core"
)

// lang is the display language an export was made in. It decides the
// default date order and the fallback code page.
type lang uint8

const (
	langUnknown lang = iota
	langEN
	langJA
	langNL
)

// culture is what Read puts in Event.MessageCulture: the message column is in
// the language of the exporting Event Viewer.
func (l lang) culture(dayFirst bool) string {
	switch l {
	case langJA:
		return "ja-JP"
	case langNL:
		return "nl-NL"
	case langEN:
		if dayFirst {
			return "en-GB"
		}
		return "en-US"
	}
	return ""
}

// column is the meaning of one column of an export.
type column uint8

const (
	colUnknown  column = iota
	colLevel           // Level, or Keywords in the Security log (Audit Success/Failure)
	colDateTime        // Date and Time
	colSource          // Source: the provider name
	colEventID         // Event ID
	colTask            // Task Category
	colComputer        // optional columns Event Viewer can be told to show
	colLog
	colProcessID
	colThreadID
	colMessage // an explicit message column; normally the message has no header
)

var columnTitles = [...]string{
	colUnknown:   "unknown",
	colLevel:     "Level",
	colDateTime:  "Date and Time",
	colSource:    "Source",
	colEventID:   "Event ID",
	colTask:      "Task Category",
	colComputer:  "Computer",
	colLog:       "Log",
	colProcessID: "Process ID",
	colThreadID:  "Thread ID",
	colMessage:   "message",
}

func (c column) String() string { return columnTitles[c] }

// defaultColumns is the column order of every export Event Viewer makes with
// its default view; a column whose title is not recognised gets the meaning
// of its position.
var defaultColumns = []column{colLevel, colDateTime, colSource, colEventID, colTask}

// columnNames maps normalised column titles (see normName) to their meaning
// and language. langUnknown marks titles that are the same in several
// languages and so say nothing about the language.
//
// English and Japanese titles are as Windows writes them in "Save All Events
// As…" exports. The Dutch titles follow the Dutch Windows UI ("Logboeken"):
// "Niveau", "Bron", "Gebeurtenis-id" and "Trefwoorden" appear as the event
// properties labels in Microsoft's nl-NL article "Kan niet extern verbinding
// maken met Azure Virtual Machines omdat de DHCP is uitgeschakeld"
// (learn.microsoft.com/nl-nl, troubleshoot, virtual-machines), and "kolom
// Niveau", "datum en tijd", "gebeurtenis-id" and "bron" as the list columns in
// deadreign.com's "Wat is het doel van het systeem Event Log?" (Windows 7).
// "Datum en tijd" and "Taakcategorie" as exact column titles are unconfirmed;
// normName ignores spaces and hyphens, so "Taak categorie" or "Gebeurtenis ID"
// match as well, and an unmatched title still gets its position's meaning.
var columnNames = map[string]struct {
	col  column
	lang lang
}{
	"level": {colLevel, langEN}, "keywords": {colLevel, langEN},
	"dateandtime": {colDateTime, langEN}, "date": {colDateTime, langEN},
	"source": {colSource, langEN}, "eventid": {colEventID, langEN},
	"taskcategory": {colTask, langEN}, "computer": {colComputer, langUnknown},
	"log": {colLog, langEN}, "processid": {colProcessID, langEN},
	"threadid": {colThreadID, langEN}, "description": {colMessage, langEN},
	"message": {colMessage, langEN},

	"レベル": {colLevel, langJA}, "キーワード": {colLevel, langJA},
	"日付と時刻": {colDateTime, langJA}, "ソース": {colSource, langJA},
	"イベントid": {colEventID, langJA}, "タスクのカテゴリ": {colTask, langJA},
	"コンピューター": {colComputer, langJA}, "ログ": {colLog, langJA},
	"プロセスid": {colProcessID, langJA}, "スレッドid": {colThreadID, langJA},
	"説明": {colMessage, langJA},

	"niveau": {colLevel, langNL}, "trefwoorden": {colLevel, langNL},
	"datumentijd": {colDateTime, langNL}, "datum": {colDateTime, langNL},
	"bron": {colSource, langNL}, "gebeurtenisid": {colEventID, langNL},
	"taakcategorie": {colTask, langNL}, "logboek": {colLog, langNL},
	"procesid": {colProcessID, langNL}, "beschrijving": {colMessage, langNL},
}

// normName folds a column title or level name for lookup: full-width forms
// to ASCII, lower case, and without spaces, hyphens, underscores and dots.
func normName(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		// The common case, without allocating when nothing changes.
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c == ' ' || c == '\t' || c == '-' || c == '_' || c == '.':
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
		return string(b)
	}
	s = width.Fold.String(strings.TrimSpace(s))
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\u00a0', '\u3000', '-', '_', '.', '\ufeff':
			return -1
		}
		return r
	}, s)
}

// parseHeaderNames maps the titles of a header line to column meanings, then
// gives every default position whose title is unknown its default meaning.
// It returns the columns and the language most titles are in.
func parseHeaderNames(titles []string) ([]column, lang) {
	cols := make([]column, len(titles))
	seen := map[column]bool{}
	votes := map[lang]int{}
	for i, t := range titles {
		n, ok := columnNames[normName(t)]
		if !ok || seen[n.col] {
			continue
		}
		cols[i] = n.col
		seen[n.col] = true
		votes[n.lang]++
	}
	for i, c := range defaultColumns {
		if i < len(cols) && cols[i] == colUnknown && !seen[c] {
			cols[i] = c
			seen[c] = true
		}
	}
	best, bestVotes := langUnknown, 0
	for _, l := range []lang{langEN, langJA, langNL} {
		if votes[l] > bestVotes {
			best, bestVotes = l, votes[l]
		}
	}
	return cols, best
}

// knownTitles counts the titles that name a column in some language.
func knownTitles(titles []string) int {
	n := 0
	for _, t := range titles {
		if _, ok := columnNames[normName(t)]; ok {
			n++
		}
	}
	return n
}

// Keyword bits Event Viewer shows in place of a level in the Security log
// (winmeta.xml: WINEVENT_KEYWORD_AUDIT_FAILURE and _AUDIT_SUCCESS).
const (
	keywordAuditFailure uint64 = 0x10_0000_0000_0000
	keywordAuditSuccess uint64 = 0x20_0000_0000_0000
)

// levelName is what a value of the Level (or Keywords) column means.
type levelName struct {
	level    core.Level
	keywords uint64
	lang     lang
}

// levelNames maps normalised level names to levels. Audit results carry level
// 0, as the Security log's events do.
//
// Dutch: "fout", "waarschuwing" and "informatie" are the level names in
// Microsoft's nl-NL page "Welke gegevens worden er in gebeurtenislogboeken
// weergegeven? (Logboeken)" (windows.microsoft.com/nl-nl), "Fout" and
// "Kritiek" in clickx.be's "Windows Logboeken bekijken" (2022). "Uitgebreid"
// (Verbose) and the audit names "Controle geslaagd"/"Controle mislukt" are
// unconfirmed: an unknown name keeps level 0 and is reported once per file.
var levelNames = map[string]levelName{
	"critical":     {core.LevelCritical, 0, langEN},
	"error":        {core.LevelError, 0, langEN},
	"warning":      {core.LevelWarning, 0, langEN},
	"information":  {core.LevelInformation, 0, langEN},
	"verbose":      {core.LevelVerbose, 0, langEN},
	"auditsuccess": {core.LevelLogAlways, keywordAuditSuccess, langEN},
	"auditfailure": {core.LevelLogAlways, keywordAuditFailure, langEN},

	"重大":    {core.LevelCritical, 0, langJA},
	"エラー":   {core.LevelError, 0, langJA},
	"警告":    {core.LevelWarning, 0, langJA},
	"情報":    {core.LevelInformation, 0, langJA},
	"詳細":    {core.LevelVerbose, 0, langJA},
	"成功の監査": {core.LevelLogAlways, keywordAuditSuccess, langJA},
	"失敗の監査": {core.LevelLogAlways, keywordAuditFailure, langJA},

	"kritiek":          {core.LevelCritical, 0, langNL},
	"fout":             {core.LevelError, 0, langNL},
	"waarschuwing":     {core.LevelWarning, 0, langNL},
	"informatie":       {core.LevelInformation, 0, langNL},
	"uitgebreid":       {core.LevelVerbose, 0, langNL},
	"controlegeslaagd": {core.LevelLogAlways, keywordAuditSuccess, langNL},
	"controlemislukt":  {core.LevelLogAlways, keywordAuditFailure, langNL},
}

// lookupLevel returns the meaning of a Level column value.
func lookupLevel(s string) (levelName, bool) {
	l, ok := levelNames[normName(s)]
	return l, ok
}
