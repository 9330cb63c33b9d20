package catalog

import (
	"fmt"
	"strconv"

	"eventlens/i18n"
	"eventlens/model"
)

// tf fills a text's %[n]s verbs in every language. An argument is a string
// (the same in every language) or an i18n.Text.
func tf(t i18n.Text, args ...any) i18n.Text {
	in := func(l i18n.Lang) []any {
		out := make([]any, len(args))
		for i, a := range args {
			if x, ok := a.(i18n.Text); ok {
				out[i] = x.In(l)
			} else {
				out[i] = a
			}
		}
		return out
	}
	return i18n.Text{
		EN: fmt.Sprintf(t.EN, in(i18n.EN)...),
		JA: fmt.Sprintf(t.JA, in(i18n.JA)...),
		NL: fmt.Sprintf(t.NL, in(i18n.NL)...),
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// count says n things in lang, with one or many as the number asks.
func count(n int, lang i18n.Lang, one, many i18n.Text) string {
	t := many
	if n == 1 {
		t = one
	}
	return tf(t, fmtInt(n, lang)).In(lang)
}

func nEvents(n int, l i18n.Lang) string { return count(n, l, lblEvent, lblEvents) }
func nFiles(n int, l i18n.Lang) string  { return count(n, l, lblFile, lblFilesN) }
func nKinds(n int, l i18n.Lang) string  { return count(n, l, lblKind, lblKindsN) }

var classLabels = map[model.Class]i18n.Text{
	model.ClassHarmless:    {EN: "Harmless", JA: "問題なし", NL: "Onschuldig"},
	model.ClassUpdate:      {EN: "Harmless, stops after update", JA: "問題なし（更新で解消）", NL: "Onschuldig, verdwijnt na update"},
	model.ClassConditional: {EN: "Harmless if …", JA: "条件付きで問題なし", NL: "Onschuldig als …"},
	model.ClassAttention:   {EN: "Needs attention", JA: "要確認", NL: "Aandacht nodig"},
	model.ClassKnownIssue:  {EN: "Known issue", JA: "既知の問題", NL: "Bekend probleem"},
	model.ClassUnknown:     {EN: "Unknown", JA: "未知", NL: "Onbekend"},
}

var classDescriptions = map[model.Class]i18n.Text{
	model.ClassHarmless: {
		EN: "Known event with no effect on operation.",
		JA: "既知のイベントで、運用への影響はありません。",
		NL: "Bekende gebeurtenis zonder gevolgen voor de werking.",
	},
	model.ClassUpdate: {
		EN: "Known and harmless; it stops once the integration services or the guest OS are updated.",
		JA: "既知で影響はありません。統合サービスまたはゲスト OS を更新すると記録されなくなります。",
		NL: "Bekend en onschuldig; verdwijnt zodra de integratieservices of het gast-besturingssysteem zijn bijgewerkt.",
	},
	model.ClassConditional: {
		EN: "Harmless only under a condition the loaded logs cannot decide.",
		JA: "読み込んだログからは判断できない条件を満たす場合に限り問題ありません。",
		NL: "Alleen onschuldig onder een voorwaarde die de geladen logboeken niet kunnen uitmaken.",
	},
	model.ClassAttention: {
		EN: "Known event whose harmless condition is not met: look into it.",
		JA: "既知のイベントですが、問題なしとなる条件を満たしていません。確認してください。",
		NL: "Bekende gebeurtenis waarvan de voorwaarde voor onschuldig niet vervuld is: zoek het uit.",
	},
	model.ClassKnownIssue: {
		EN: "A documented problem with a fix.",
		JA: "修正方法が公開されている既知の問題です。",
		NL: "Een gedocumenteerd probleem waarvoor een oplossing bestaat.",
	},
	model.ClassUnknown: {
		EN: "Not in the catalog.",
		JA: "カタログに載っていません。",
		NL: "Staat niet in de catalogus.",
	},
}

// ClassLabel returns the class's name for the UI in lang.
func ClassLabel(c model.Class, lang i18n.Lang) string {
	if t, ok := classLabels[c]; ok {
		return t.In(lang)
	}
	return classLabels[model.ClassUnknown].In(lang)
}

// ClassDescription returns one sentence saying what the class means.
func ClassDescription(c model.Class, lang i18n.Lang) string {
	if t, ok := classDescriptions[c]; ok {
		return t.In(lang)
	}
	return classDescriptions[model.ClassUnknown].In(lang)
}

// Reasons the classifier gives. %[n]s verbs are filled by tf.
var (
	reasonUndecidable = i18n.Text{
		EN: "The loaded logs cannot show whether this holds.",
		JA: "読み込んだログからは、この条件を満たすかどうか判断できません。",
		NL: "Uit de geladen logboeken valt niet op te maken of dit zo is.",
	}
	reasonVersions = i18n.Text{
		EN: "Versions named in the event: %[1]s.",
		JA: "イベントに記録されたバージョン: %[1]s。",
		NL: "Versies in de gebeurtenis: %[1]s.",
	}
	reasonNamesEmptyData = i18n.Text{
		EN: "%[1]s of the event's %[2]s insertion strings are empty, so the port and switch names are empty.",
		JA: "イベントの挿入文字列 %[2]s 個のうち %[1]s 個が空です。ポート名とスイッチ名は空と判断しました。",
		NL: "%[1]s van de %[2]s invoegtekenreeksen van de gebeurtenis zijn leeg, dus de poort- en switchnaam zijn leeg.",
	}
	reasonNamesSetData = i18n.Text{
		EN: "All %[1]s insertion strings of the event are filled in, so the port and switch names are not empty.",
		JA: "イベントの挿入文字列 %[1]s 個はすべて空ではありません。ポート名とスイッチ名は空ではないと判断しました。",
		NL: "Alle %[1]s invoegtekenreeksen van de gebeurtenis zijn ingevuld, dus de poort- en switchnaam zijn niet leeg.",
	}
	reasonNamesOneEmpty = i18n.Text{
		EN: "Exactly one insertion string is empty; which one holds the port or the switch name is not confirmed, so this cannot be decided.",
		JA: "空の挿入文字列が 1 個だけあります。どれがポート名・スイッチ名かは確認されていないため、判断できません。",
		NL: "Precies één invoegtekenreeks is leeg; welke de poort- of switchnaam bevat is niet bevestigd, dus dit valt niet uit te maken.",
	}
	reasonNamesEmptyMsg = i18n.Text{
		EN: "The rendered message shows empty names ('').",
		JA: "表示メッセージ内の名前が空 ('') になっています。",
		NL: "Het weergegeven bericht toont lege namen ('').",
	}
	reasonNamesSetMsg = i18n.Text{
		EN: "The rendered message shows names in every quoted place, so the port and switch names are not empty.",
		JA: "表示メッセージの引用符内にすべて名前が入っています。ポート名とスイッチ名は空ではないと判断しました。",
		NL: "Het weergegeven bericht toont op elke plek tussen aanhalingstekens een naam, dus de poort- en switchnaam zijn niet leeg.",
	}
	reasonNamesUnknown = i18n.Text{
		EN: "The event carries neither insertion strings nor a message that show the port and switch names.",
		JA: "このイベントには、ポート名とスイッチ名が分かる挿入文字列もメッセージもありません。",
		NL: "De gebeurtenis bevat geen invoegtekenreeksen of bericht waaruit de poort- en switchnaam blijken.",
	}
	reasonRestart = i18n.Text{
		EN: "%[1]s restarted around then: %[3]s %[4]s at %[2]s, within %[5]s of this event.",
		JA: "この前後に %[1]s の再起動が記録されています: %[2]s の %[3]s %[4]s（このイベントから %[5]s以内）。",
		NL: "%[1]s is rond dat moment opnieuw gestart: %[3]s %[4]s om %[2]s, binnen %[5]s van deze gebeurtenis.",
	}
	reasonNoRestart = i18n.Text{
		EN: "No restart of %[1]s (EventLog 6005/6006/6008/6009, Kernel-General 12/13, User32 1074, Kernel-Power 41/109) within %[2]s of this event among the loaded events. Load that computer's System log to decide.",
		JA: "読み込んだイベントの中に、このイベントの前後 %[2]s以内の %[1]s の再起動（EventLog 6005/6006/6008/6009、Kernel-General 12/13、User32 1074、Kernel-Power 41/109）は見つかりませんでした。判断するには、そのコンピューターのシステム ログも読み込んでください。",
		NL: "Geen herstart van %[1]s (EventLog 6005/6006/6008/6009, Kernel-General 12/13, User32 1074, Kernel-Power 41/109) binnen %[2]s van deze gebeurtenis in de geladen gebeurtenissen. Laad het systeemlogboek van die computer om het uit te maken.",
	}
	reasonNotRequired = i18n.Text{
		EN: "The event does not name %[1]s; the source documents only that case, so it is not counted as harmless.",
		JA: "このイベントには %[1]s が含まれていません。資料に記載があるのはその場合だけなので、問題なしとは判断しません。",
		NL: "De gebeurtenis noemt %[1]s niet; de bron beschrijft alleen dat geval, dus telt het niet als onschuldig.",
	}
	reasonFixBefore = i18n.Text{
		EN: "%[1]s was installed on %[2]s at %[3]s (%[4]s %[5]s), before this event.",
		JA: "%[1]s は %[3]s に %[2]s へインストールされています（%[4]s %[5]s）。このイベントより前です。",
		NL: "%[1]s is op %[3]s op %[2]s geïnstalleerd (%[4]s %[5]s), vóór deze gebeurtenis.",
	}
	reasonFixAfter = i18n.Text{
		EN: "%[1]s was installed on %[2]s at %[3]s (%[4]s %[5]s), after this event.",
		JA: "%[1]s は %[3]s に %[2]s へインストールされています（%[4]s %[5]s）。このイベントより後です。",
		NL: "%[1]s is op %[3]s op %[2]s geïnstalleerd (%[4]s %[5]s), ná deze gebeurtenis.",
	}
	reasonFixMissing = i18n.Text{
		EN: "No installation of %[1]s on %[2]s was found among the loaded events (Setup log: Servicing 2; System log: WindowsUpdateClient 19).",
		JA: "読み込んだイベントの中に、%[2]s への %[1]s のインストールは見つかりませんでした（セットアップ ログ: Servicing 2、システム ログ: WindowsUpdateClient 19）。",
		NL: "In de geladen gebeurtenissen is geen installatie van %[1]s op %[2]s gevonden (Setup-logboek: Servicing 2; systeemlogboek: WindowsUpdateClient 19).",
	}
	noteOrderUnconfirmed = i18n.Text{
		EN: "[order of insertion strings unconfirmed]",
		JA: "［挿入文字列の順序は未確認］",
		NL: "[volgorde van invoegtekenreeksen onbevestigd]",
	}
)

// Labels used by the writers.
var (
	lblVerdict       = i18n.Text{EN: "Verdict", JA: "判定", NL: "Oordeel"}
	lblRemedy        = i18n.Text{EN: "Remedy", JA: "対処", NL: "Oplossing"}
	lblExplanation   = i18n.Text{EN: "Explanation", JA: "解説", NL: "Uitleg"}
	lblOccurs        = i18n.Text{EN: "When it occurs", JA: "発生状況", NL: "Wanneer het optreedt"}
	lblCondition     = i18n.Text{EN: "Harmless if", JA: "問題なしとなる条件", NL: "Onschuldig als"}
	lblWhy           = i18n.Text{EN: "Why", JA: "判断理由", NL: "Waarom"}
	lblMessage       = i18n.Text{EN: "Message", JA: "メッセージ", NL: "Bericht"}
	lblInsertion     = i18n.Text{EN: "Insertion strings", JA: "挿入文字列", NL: "Invoegtekenreeksen"}
	lblConfirmed     = i18n.Text{EN: "confirmed", JA: "確認済み", NL: "bevestigd"}
	lblUnconfirmed   = i18n.Text{EN: "unconfirmed", JA: "未確認", NL: "onbevestigd"}
	lblOurWording    = i18n.Text{EN: "our translation, not the wording Windows logs", JA: "当方の訳であり、Windows が記録する文言ではありません", NL: "onze vertaling, niet de tekst die Windows logt"}
	lblWinWording    = i18n.Text{EN: "wording as Windows logs it", JA: "Windows が記録する文言", NL: "tekst zoals Windows die logt"}
	lblProviders     = i18n.Text{EN: "Providers", JA: "プロバイダー", NL: "Providers"}
	lblEventID       = i18n.Text{EN: "Event ID", JA: "イベント ID", NL: "Gebeurtenis-ID"}
	lblAnyID         = i18n.Text{EN: "any, with error code %[1]s", JA: "任意（エラー コード %[1]s を含むもの）", NL: "elk, met foutcode %[1]s"}
	lblNoEvent       = i18n.Text{EN: "no event of its own (found by symptom)", JA: "対応するイベントなし（症状から参照）", NL: "geen eigen gebeurtenis (te vinden via het symptoom)"}
	lblChannel       = i18n.Text{EN: "Channel", JA: "チャネル", NL: "Kanaal"}
	lblLevel         = i18n.Text{EN: "Level", JA: "レベル", NL: "Niveau"}
	lblAppliesTo     = i18n.Text{EN: "Applies to", JA: "対象", NL: "Van toepassing op"}
	lblHost          = i18n.Text{EN: "Hyper-V host", JA: "Hyper-V ホスト", NL: "Hyper-V-host"}
	lblGuest         = i18n.Text{EN: "guest (virtual machine)", JA: "ゲスト（仮想マシン）", NL: "gast (virtuele machine)"}
	lblGuests        = i18n.Text{EN: "guests involved", JA: "関係するゲスト", NL: "betrokken gasten"}
	lblClass         = i18n.Text{EN: "Class", JA: "分類", NL: "Klasse"}
	lblSource        = i18n.Text{EN: "Source", JA: "出典", NL: "Bron"}
	lblConfidence    = i18n.Text{EN: "Confidence", JA: "確度", NL: "Betrouwbaarheid"}
	lblNote          = i18n.Text{EN: "Note", JA: "注記", NL: "Opmerking"}
	lblRelated       = i18n.Text{EN: "Related", JA: "関連項目", NL: "Verwant"}
	lblFix           = i18n.Text{EN: "Fix", JA: "修正", NL: "Correctie"}
	lblFixFile       = i18n.Text{EN: "%[1]s (%[2]s %[3]s or later)", JA: "%[1]s（%[2]s %[3]s 以降）", NL: "%[1]s (%[2]s %[3]s of later)"}
	lblIfInstalled   = i18n.Text{EN: "If %[1]s is installed", JA: "%[1]s がインストール済みの場合", NL: "Als %[1]s geïnstalleerd is"}
	lblRegistry      = i18n.Text{EN: "Registry", JA: "レジストリ", NL: "Register"}
	lblEntryNotFound = i18n.Text{
		EN: "no catalog entry %[1]q (see 'eventlens catalog list')",
		JA: "カタログ項目 %[1]q はありません（'eventlens catalog list' を参照）",
		NL: "geen catalogusitem %[1]q (zie 'eventlens catalog list')",
	}
	confidences = map[string]i18n.Text{
		"high":   {EN: "high", JA: "高", NL: "hoog"},
		"medium": {EN: "medium", JA: "中", NL: "middel"},
		"low":    {EN: "low", JA: "低", NL: "laag"},
	}

	lblTriageTitle  = i18n.Text{EN: "eventlens triage", JA: "eventlens トリアージ", NL: "eventlens-triage"}
	lblSummary      = i18n.Text{EN: "%[1]s from %[2]s", JA: "%[2]sから %[1]sのイベント", NL: "%[1]s uit %[2]s"}
	lblSpan         = i18n.Text{EN: "Time span", JA: "期間", NL: "Periode"}
	lblFiles        = i18n.Text{EN: "Files", JA: "ファイル", NL: "Bestanden"}
	lblEvent        = i18n.Text{EN: "%[1]s event", JA: "%[1]s 件", NL: "%[1]s gebeurtenis"}
	lblEvents       = i18n.Text{EN: "%[1]s events", JA: "%[1]s 件", NL: "%[1]s gebeurtenissen"}
	lblFile         = i18n.Text{EN: "%[1]s file", JA: "%[1]s 個のファイル", NL: "%[1]s bestand"}
	lblFilesN       = i18n.Text{EN: "%[1]s files", JA: "%[1]s 個のファイル", NL: "%[1]s bestanden"}
	lblKind         = i18n.Text{EN: "%[1]s kind", JA: "%[1]s 種類", NL: "%[1]s soort"}
	lblKindsN       = i18n.Text{EN: "%[1]s kinds", JA: "%[1]s 種類", NL: "%[1]s soorten"}
	lblEntry        = i18n.Text{EN: "%[1]s entry", JA: "%[1]s 項目", NL: "%[1]s item"}
	lblClean        = i18n.Text{EN: "read completely", JA: "すべて読み込み済み", NL: "volledig gelezen"}
	lblSkipped      = i18n.Text{EN: "%[1]s skipped", JA: "%[1]s 件スキップ", NL: "%[1]s overgeslagen"}
	lblUndecoded    = i18n.Text{EN: "%[1]s undecoded", JA: "%[1]s 件デコード不可", NL: "%[1]s niet gedecodeerd"}
	lblChunksFailed = i18n.Text{EN: "%[1]s damaged chunks", JA: "破損チャンク %[1]s 個", NL: "%[1]s beschadigde chunks"}
	lblProblems     = i18n.Text{EN: "%[1]s problems", JA: "問題 %[1]s 件", NL: "%[1]s problemen"}
	lblUnreadable   = i18n.Text{EN: "could not be read: %[1]s", JA: "読み込めません: %[1]s", NL: "kon niet worden gelezen: %[1]s"}
	lblLevels       = i18n.Text{EN: "Levels", JA: "レベル", NL: "Niveaus"}
	lblTopProviders = i18n.Text{EN: "Top providers", JA: "上位のプロバイダー", NL: "Meest voorkomende providers"}
	lblTopIDs       = i18n.Text{EN: "Top events", JA: "上位のイベント", NL: "Meest voorkomende gebeurtenissen"}
	lblByClass      = i18n.Text{EN: "By class", JA: "分類別", NL: "Per klasse"}
	lblKinds        = i18n.Text{EN: "%[1]s, %[2]s", JA: "%[1]s、%[2]s", NL: "%[1]s, %[2]s"}
	lblCount        = i18n.Text{EN: "%[1]s×", JA: "%[1]s 件", NL: "%[1]s×"}
	lblOn           = i18n.Text{EN: "on %[1]s", JA: "コンピューター: %[1]s", NL: "op %[1]s"}
	lblTopUnknown   = i18n.Text{EN: "Most frequent unknown errors and warnings", JA: "未知のエラー・警告（多い順）", NL: "Meest voorkomende onbekende fouten en waarschuwingen"}
	lblNoEvents     = i18n.Text{EN: "No events.", JA: "イベントはありません。", NL: "Geen gebeurtenissen."}
	lblFixSeen      = i18n.Text{EN: "%[1]s installed on: %[2]s", JA: "%[1]s のインストールを確認: %[2]s", NL: "%[1]s geïnstalleerd op: %[2]s"}
	lblReportTitle  = i18n.Text{EN: "eventlens triage report", JA: "eventlens トリアージ レポート", NL: "eventlens-triagerapport"}
	lblFirstLast    = i18n.Text{EN: "first %[1]s, last %[2]s", JA: "最初 %[1]s、最後 %[2]s", NL: "eerste %[1]s, laatste %[2]s"}
	lblComputers    = i18n.Text{EN: "Computers", JA: "コンピューター", NL: "Computers"}
	listSep         = i18n.Text{EN: ", ", JA: "、", NL: ", "}
	lblEntries      = i18n.Text{EN: "%[1]s entries", JA: "%[1]s 項目", NL: "%[1]s items"}
)

// allTexts lists every fixed text of the package, for the completeness test.
func allTexts() map[string]i18n.Text {
	m := map[string]i18n.Text{
		"reasonUndecidable": reasonUndecidable, "reasonVersions": reasonVersions,
		"reasonNamesEmptyData": reasonNamesEmptyData, "reasonNamesSetData": reasonNamesSetData,
		"reasonNamesOneEmpty": reasonNamesOneEmpty, "reasonNamesEmptyMsg": reasonNamesEmptyMsg,
		"reasonNamesSetMsg": reasonNamesSetMsg, "reasonNamesUnknown": reasonNamesUnknown,
		"reasonRestart": reasonRestart, "reasonNoRestart": reasonNoRestart, "reasonNotRequired": reasonNotRequired,
		"reasonFixBefore": reasonFixBefore, "reasonFixAfter": reasonFixAfter, "reasonFixMissing": reasonFixMissing,
		"noteOrderUnconfirmed": noteOrderUnconfirmed,
		"lblVerdict":           lblVerdict, "lblRemedy": lblRemedy, "lblExplanation": lblExplanation, "lblOccurs": lblOccurs,
		"lblCondition": lblCondition, "lblWhy": lblWhy, "lblMessage": lblMessage, "lblInsertion": lblInsertion,
		"lblConfirmed": lblConfirmed, "lblUnconfirmed": lblUnconfirmed, "lblOurWording": lblOurWording,
		"lblWinWording": lblWinWording, "lblProviders": lblProviders, "lblEventID": lblEventID, "lblAnyID": lblAnyID,
		"lblNoEvent": lblNoEvent, "lblChannel": lblChannel, "lblLevel": lblLevel, "lblAppliesTo": lblAppliesTo,
		"lblHost": lblHost, "lblGuest": lblGuest, "lblGuests": lblGuests, "lblClass": lblClass, "lblSource": lblSource,
		"lblConfidence": lblConfidence, "lblNote": lblNote, "lblRelated": lblRelated, "lblFix": lblFix,
		"lblFixFile": lblFixFile, "lblIfInstalled": lblIfInstalled, "lblRegistry": lblRegistry,
		"lblEntryNotFound": lblEntryNotFound, "lblTriageTitle": lblTriageTitle, "lblSummary": lblSummary, "lblEvent": lblEvent, "lblEvents": lblEvents, "lblFile": lblFile, "lblFilesN": lblFilesN, "lblKind": lblKind, "lblKindsN": lblKindsN, "lblEntry": lblEntry,
		"lblSpan": lblSpan, "lblFiles": lblFiles, "lblClean": lblClean,
		"lblSkipped": lblSkipped, "lblUndecoded": lblUndecoded, "lblChunksFailed": lblChunksFailed,
		"lblProblems": lblProblems, "lblUnreadable": lblUnreadable, "lblLevels": lblLevels,
		"lblTopProviders": lblTopProviders, "lblTopIDs": lblTopIDs, "lblByClass": lblByClass, "lblKinds": lblKinds,
		"lblCount": lblCount, "lblOn": lblOn, "lblTopUnknown": lblTopUnknown, "lblNoEvents": lblNoEvents,
		"lblFixSeen": lblFixSeen, "lblReportTitle": lblReportTitle, "lblFirstLast": lblFirstLast,
		"lblComputers": lblComputers, "lblEntries": lblEntries, "listSep": listSep,
	}
	for c, t := range classLabels {
		m["classLabel."+c.String()] = t
	}
	for c, t := range classDescriptions {
		m["classDescription."+c.String()] = t
	}
	for k, t := range confidences {
		m["confidence."+k] = t
	}
	for k, t := range levelNames {
		m["level."+k.String()] = t
	}
	return m
}

var levelNames = map[model.Level]i18n.Text{
	model.LevelCritical:    {EN: "critical", JA: "重大", NL: "kritiek"},
	model.LevelError:       {EN: "error", JA: "エラー", NL: "fout"},
	model.LevelWarning:     {EN: "warning", JA: "警告", NL: "waarschuwing"},
	model.LevelInformation: {EN: "information", JA: "情報", NL: "informatie"},
	model.LevelVerbose:     {EN: "verbose", JA: "詳細", NL: "uitgebreid"},
}

// LevelLabel names a level in lang; unknown levels are shown as numbers.
func LevelLabel(l model.Level, lang i18n.Lang) string {
	if l == model.LevelLogAlways {
		l = model.LevelInformation
	}
	if t, ok := levelNames[l]; ok {
		return t.In(lang)
	}
	return l.String()
}

// ConfidenceLabel names an entry's confidence (high, medium, low) in lang.
func ConfidenceLabel(confidence string, lang i18n.Lang) string {
	if t, ok := confidences[confidence]; ok {
		return t.In(lang)
	}
	return confidence
}
