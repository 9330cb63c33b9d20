// Package report renders triage summaries, Markdown reports and the catalog
// as plain text for terminals and files, in the user's language. It reads
// the catalog and a Classification; it holds no Bubble Tea code, so the
// headless commands and the viewer's export share it.
package report

import (
	"strings"

	"eventlens/i18n"
	linewrap "eventlens/i18n/wrap"
	"eventlens/model/sanitize"
)

func nEvents(n int, l i18n.Lang) string { return i18n.Events.In(n, l) }
func nFiles(n int, l i18n.Lang) string  { return i18n.Files.In(n, l) }
func nKinds(n int, l i18n.Lang) string  { return i18n.Kinds.In(n, l) }

// damagedChunks counts the chunks of an EVTX file that could not be read.
var damagedChunks = i18n.NewNoun("damaged-chunks",
	i18n.Text{EN: "%[1]s damaged chunk", JA: "破損チャンク %[1]s 個", NL: "%[1]s beschadigde chunk"},
	i18n.Text{EN: "%[1]s damaged chunks", JA: "破損チャンク %[1]s 個", NL: "%[1]s beschadigde chunks"})

// Labels used by the report writers; those the detail pane shows too are
// the UI's, so each idea has one word in each language.
var (
	lblVerdict       = i18n.UI.SecVerdict
	lblRemedy        = i18n.UI.SecRemedy
	lblExplanation   = i18n.UI.SecExplanation
	lblOccurs        = i18n.UI.SecWhen
	lblWhy           = i18n.Text{EN: "Why", JA: "判断理由", NL: "Waarom"}
	lblMessage       = i18n.UI.ColMessage
	lblInsertion     = i18n.Text{EN: "Insertion strings", JA: "挿入文字列", NL: "Invoegtekenreeksen"}
	lblConfirmed     = i18n.Text{EN: "confirmed", JA: "確認済み", NL: "bevestigd"}
	lblUnconfirmed   = i18n.Text{EN: "unconfirmed", JA: "未確認", NL: "onbevestigd"}
	lblOurWording    = i18n.Text{EN: "our translation, not the wording Windows logs", JA: "当方の訳であり、Windows が記録する文言ではありません", NL: "onze vertaling, niet de tekst die Windows logt"}
	lblWinWording    = i18n.Text{EN: "wording as Windows logs it", JA: "Windows が記録する文言", NL: "tekst zoals Windows die logt"}
	lblProviders     = i18n.Text{EN: "Providers", JA: "プロバイダー", NL: "Providers"}
	lblEventID       = i18n.UI.FieldEventID
	lblAnyID         = i18n.Text{EN: "any, with error code %[1]s", JA: "任意（エラー コード %[1]s を含むもの）", NL: "elk, met foutcode %[1]s"}
	lblNoEvent       = i18n.Text{EN: "no event of its own (found by symptom)", JA: "対応するイベントなし（症状から参照）", NL: "geen eigen gebeurtenis (te vinden via het symptoom)"}
	lblChannel       = i18n.Text{EN: "Channel", JA: "チャネル", NL: "Kanaal"}
	lblLevel         = i18n.UI.FieldLevel
	lblAppliesTo     = i18n.UI.SecAppliesTo
	lblHost          = i18n.UI.RoleHost
	lblGuest         = i18n.UI.RoleGuest
	lblGuests        = i18n.Text{EN: "guests involved", JA: "関係するゲスト", NL: "betrokken gasten"}
	lblClass         = i18n.UI.FieldClass
	lblSource        = i18n.UI.SecSource
	lblConfidence    = i18n.UI.Confidence
	lblNote          = i18n.UI.SecNote
	lblRelated       = i18n.UI.SecRelated
	lblFix           = i18n.Text{EN: "Fix", JA: "修正", NL: "Correctie"}
	lblFixFile       = i18n.Text{EN: "%[1]s (%[2]s %[3]s or later)", JA: "%[1]s（%[2]s %[3]s 以降）", NL: "%[1]s (%[2]s %[3]s of later)"}
	lblIfInstalled   = i18n.Text{EN: "If %[1]s is installed", JA: "%[1]s がインストール済みの場合", NL: "Als %[1]s geïnstalleerd is"}
	lblRegistry      = i18n.Text{EN: "Registry", JA: "レジストリ", NL: "Register"}
	lblEntryNotFound = i18n.Text{
		EN: "no catalog entry %[1]q (see 'eventlens catalog list')",
		JA: "カタログ項目 %[1]q はありません（'eventlens catalog list' を参照）",
		NL: "geen catalogusitem %[1]q (zie 'eventlens catalog list')",
	}

	lblTriageTitle  = i18n.Text{EN: "eventlens triage", JA: "eventlens トリアージ", NL: "eventlens-triage"}
	lblSummary      = i18n.Text{EN: "%[1]s from %[2]s", JA: "%[2]sから %[1]sのイベント", NL: "%[1]s uit %[2]s"}
	lblSpan         = i18n.Text{EN: "Time span", JA: "期間", NL: "Periode"}
	lblFiles        = i18n.Text{EN: "Files", JA: "ファイル", NL: "Bestanden"}
	lblClean        = i18n.Text{EN: "read completely", JA: "すべて読み込み済み", NL: "volledig gelezen"}
	lblSkipped      = i18n.Text{EN: "%[1]s skipped", JA: "%[1]s 件スキップ", NL: "%[1]s overgeslagen"}
	lblUndecoded    = i18n.Text{EN: "%[1]s undecoded", JA: "%[1]s 件デコード不可", NL: "%[1]s niet gedecodeerd"}
	lblUnreadable   = i18n.Text{EN: "could not be read: %[1]s", JA: "読み込めません：%[1]s", NL: "kon niet worden gelezen: %[1]s"}
	lblNotALog      = i18n.UI.ReportNotALog
	lblLevels       = i18n.Text{EN: "Levels", JA: "レベル", NL: "Niveaus"}
	lblTopProviders = i18n.Text{EN: "Top providers", JA: "上位のプロバイダー", NL: "Meest voorkomende providers"}
	lblTopIDs       = i18n.Text{EN: "Top events", JA: "上位のイベント", NL: "Meest voorkomende gebeurtenissen"}
	lblByClass      = i18n.Text{EN: "By class", JA: "分類別", NL: "Per klasse"}
	lblKinds        = i18n.Text{EN: "%[1]s, %[2]s", JA: "%[1]s、%[2]s", NL: "%[1]s, %[2]s"}
	lblCount        = i18n.Text{EN: "%[1]s×", JA: "%[1]s 件", NL: "%[1]s×"}
	lblOn           = i18n.Text{EN: "on %[1]s", JA: "コンピューター：%[1]s", NL: "op %[1]s"}
	lblTopUnknown   = i18n.Text{EN: "Most frequent unknown errors and warnings", JA: "未知のエラー・警告（多い順）", NL: "Meest voorkomende onbekende fouten en waarschuwingen"}
	lblNoEvents     = i18n.Text{EN: "No events.", JA: "イベントはありません。", NL: "Geen gebeurtenissen."}
	lblFixSeen      = i18n.Text{EN: "%[1]s installed on: %[2]s", JA: "%[1]s のインストールを確認：%[2]s", NL: "%[1]s geïnstalleerd op: %[2]s"}
	lblReportTitle  = i18n.Text{EN: "eventlens triage report", JA: "eventlens トリアージ レポート", NL: "eventlens-triagerapport"}
	lblFirstLast    = i18n.Text{EN: "first %[1]s, last %[2]s", JA: "最初 %[1]s、最後 %[2]s", NL: "eerste %[1]s, laatste %[2]s"}
)

// mdSafe makes log text safe for Markdown inside a line: sanitised, and
// with the characters that make emphasis, code, links, tables or HTML
// escaped, so a log string cannot inject markup. (Line-start syntax such as "#" cannot occur: callers
// never start a line with log text.)
func mdSafe(s string) string {
	s = sanitize.Line(s)
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~&", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdLabel is a bold Markdown label and the colon before its value:
// "**Verdict:** " as i18n.Colon writes it in English and Dutch, "**判定**："
// in Japanese, whose full-width colon stays outside the bold (CommonMark
// does not close "**" between punctuation and a letter).
func mdLabel(label i18n.Text, l i18n.Lang) string {
	c := i18n.Colon(l)
	if mark, ok := strings.CutSuffix(c, " "); ok {
		return "**" + label.In(l) + mark + "** "
	}
	return "**" + label.In(l) + "**" + c
}

// wrap breaks s at width cells (Latin words whole, Japanese by kinsoku);
// lines after the first start with indent.
func wrap(s string, width int, indent string) string { return linewrap.Indent(s, width, indent) }

// labels lists every fixed text of the package, for the completeness test.
func labels() map[string]i18n.Text {
	return map[string]i18n.Text{
		"lblVerdict":       lblVerdict,
		"lblRemedy":        lblRemedy,
		"lblExplanation":   lblExplanation,
		"lblOccurs":        lblOccurs,
		"lblWhy":           lblWhy,
		"lblMessage":       lblMessage,
		"lblInsertion":     lblInsertion,
		"lblConfirmed":     lblConfirmed,
		"lblUnconfirmed":   lblUnconfirmed,
		"lblOurWording":    lblOurWording,
		"lblWinWording":    lblWinWording,
		"lblProviders":     lblProviders,
		"lblEventID":       lblEventID,
		"lblAnyID":         lblAnyID,
		"lblNoEvent":       lblNoEvent,
		"lblChannel":       lblChannel,
		"lblLevel":         lblLevel,
		"lblAppliesTo":     lblAppliesTo,
		"lblHost":          lblHost,
		"lblGuest":         lblGuest,
		"lblGuests":        lblGuests,
		"lblClass":         lblClass,
		"lblSource":        lblSource,
		"lblConfidence":    lblConfidence,
		"lblNote":          lblNote,
		"lblRelated":       lblRelated,
		"lblFix":           lblFix,
		"lblFixFile":       lblFixFile,
		"lblIfInstalled":   lblIfInstalled,
		"lblRegistry":      lblRegistry,
		"lblEntryNotFound": lblEntryNotFound,
		"lblTriageTitle":   lblTriageTitle,
		"lblSummary":       lblSummary,
		"lblSpan":          lblSpan,
		"lblFiles":         lblFiles,
		"lblClean":         lblClean,
		"lblSkipped":       lblSkipped,
		"lblUndecoded":     lblUndecoded,
		"lblUnreadable":    lblUnreadable,
		"lblNotALog":       lblNotALog,
		"lblLevels":        lblLevels,
		"lblTopProviders":  lblTopProviders,
		"lblTopIDs":        lblTopIDs,
		"lblByClass":       lblByClass,
		"lblKinds":         lblKinds,
		"lblCount":         lblCount,
		"lblOn":            lblOn,
		"lblTopUnknown":    lblTopUnknown,
		"lblNoEvents":      lblNoEvents,
		"lblFixSeen":       lblFixSeen,
		"lblReportTitle":   lblReportTitle,
		"lblFirstLast":     lblFirstLast,
		"lblVM":            lblVM,
		"lblVMID":          lblVMID,
		"lblVMHosts":       lblVMHosts,
		"lblVMGuests":      lblVMGuests,
		"lblNoVM":          lblNoVM,
		"lblFloods":        lblFloods,
		"lblInRuns":        lblInRuns,
		"lblNovel":         lblNovel,
		"lblFirst":         lblFirst,
		"lblAndMore":       lblAndMore,
		"lblNew":           lblNew,
		"lblRare":          lblRare,
		"lblBurst":         lblBurst,
	}
}
