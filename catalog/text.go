package catalog

import (
	"strconv"

	"eventlens/i18n"
	"eventlens/model"
)

func itoa(n int) string { return strconv.Itoa(n) }

// ClassLabel returns the class's label in lang (i18n holds the labels).
func ClassLabel(c model.Class, lang i18n.Lang) string {
	return i18n.ClassLabel(c.String()).Long.In(lang)
}

// ClassDescription returns one sentence saying what the class means.
func ClassDescription(c model.Class, lang i18n.Lang) string {
	return i18n.ClassDescription(c.String()).In(lang)
}

// LevelLabel names a level in lang; unknown levels are shown as numbers.
func LevelLabel(l model.Level, lang i18n.Lang) string {
	return i18n.LevelLabel(l.String()).Long.In(lang)
}

// ConfidenceLabel names an entry's confidence (high, medium, low) in lang.
func ConfidenceLabel(confidence string, lang i18n.Lang) string {
	return i18n.ConfidenceLabel(confidence).In(lang)
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
		JA: "イベントに記録されたバージョン：%[1]s。",
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
		JA: "表示メッセージ内の名前が空（''）になっています。",
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
		JA: "この前後に %[1]s の再起動が記録されています：%[2]s の %[3]s %[4]s（このイベントから %[5]s以内）。",
		NL: "%[1]s is rond dat moment opnieuw gestart: %[3]s %[4]s om %[2]s, binnen %[5]s van deze gebeurtenis.",
	}
	reasonNoRestart = i18n.Text{
		EN: "No restart of %[1]s (EventLog 6005/6006/6008/6009, Kernel-General 12/13, User32 1074, Kernel-Power 41/109) within %[2]s of this event among the loaded events. Load that computer's System log to decide.",
		JA: "読み込んだイベントの中に、このイベントの前後 %[2]s以内の %[1]s の再起動（EventLog 6005/6006/6008/6009、Kernel-General 12/13、User32 1074、Kernel-Power 41/109）は見つかりませんでした。判断するには、そのコンピューターのシステム ログも読み込んでください。",
		NL: "Geen herstart van %[1]s (EventLog 6005/6006/6008/6009, Kernel-General 12/13, User32 1074, Kernel-Power 41/109) binnen %[2]s van deze gebeurtenis in de geladen gebeurtenissen. Laad het systeemlogboek van die computer om het uit te maken.",
	}
	reasonNotAtRestart = i18n.Text{
		EN: "Restarts of %[1]s are loaded on both sides of this event (%[3]s before, %[4]s after), and none is within %[2]s of it: it was not logged at a restart.",
		JA: "このイベントの前後両方に %[1]s の再起動が読み込まれています（前は %[3]s、後は %[4]s）が、%[2]s以内のものはありません。再起動時に記録されたものではありません。",
		NL: "Er zijn herstarts van %[1]s aan beide kanten van deze gebeurtenis geladen (%[3]s ervoor, %[4]s erna), en geen ervan valt binnen %[2]s: de gebeurtenis is niet bij een herstart gelogd.",
	}
	reasonRestartsElsewhere = i18n.Text{
		EN: "No restart of %[1]s within %[2]s of this event; the restarts loaded for it (%[3]s to %[4]s) do not surround it. Load that computer's System log for the time of this event to decide.",
		JA: "このイベントの前後 %[2]s以内に %[1]s の再起動はありません。読み込まれている再起動（%[3]s～%[4]s）はこのイベントの前後を囲んでいません。判断するには、このイベントの時期を含むそのコンピューターのシステム ログを読み込んでください。",
		NL: "Geen herstart van %[1]s binnen %[2]s van deze gebeurtenis; de geladen herstarts ervan (%[3]s tot %[4]s) liggen er niet aan beide kanten omheen. Laad het systeemlogboek van die computer voor het tijdstip van deze gebeurtenis om het uit te maken.",
	}
	reasonOtherSubscriber = i18n.Text{
		EN: "The subscriber is %[1]s, not %[2]s. The source documents only %[2]s, so this catalog cannot say whether it is harmless, restart or not.",
		JA: "サブスクライバーは %[2]s ではなく %[1]s です。資料に記載があるのは %[2]s の場合だけなので、再起動の有無にかかわらず、問題ないかどうかはこのカタログでは判断できません。",
		NL: "De abonnee is %[1]s, niet %[2]s. De bron beschrijft alleen %[2]s, dus deze catalogus kan niet zeggen of de gebeurtenis onschuldig is, herstart of niet.",
	}
	reasonGoneAfterRestart = i18n.Text{
		EN: "%[1]s restarted after this event (%[3]s %[4]s at %[2]s) and did not log it again after that restart.",
		JA: "%[1]s はこのイベントの後に再起動し（%[2]s の %[3]s %[4]s）、その再起動の後はこのイベントを記録していません。",
		NL: "%[1]s is na deze gebeurtenis opnieuw gestart (%[3]s %[4]s om %[2]s) en heeft haar na die herstart niet meer gelogd.",
	}
	reasonAgainAfterRestart = i18n.Text{
		EN: "%[1]s logged this event both before and after restarting (%[3]s %[4]s at %[2]s; last logged at %[5]s), so the restart did not settle it.",
		JA: "%[1]s は再起動（%[2]s の %[3]s %[4]s）の前後どちらでもこのイベントを記録しています（最後は %[5]s）。再起動で解消していません。",
		NL: "%[1]s heeft deze gebeurtenis zowel vóór als na een herstart gelogd (%[3]s %[4]s om %[2]s; laatst om %[5]s), dus de herstart heeft het niet opgelost.",
	}
	reasonNoLaterRestart = i18n.Text{
		EN: "No restart of %[1]s after this event is among the loaded events (EventLog 6005/6006/6008/6009, Kernel-General 12/13, User32 1074, Kernel-Power 41/109). Load that computer's System log up to a later restart to decide.",
		JA: "読み込んだイベントの中に、このイベントより後の %[1]s の再起動（EventLog 6005/6006/6008/6009、Kernel-General 12/13、User32 1074、Kernel-Power 41/109）はありません。判断するには、そのコンピューターのシステム ログを、その後の再起動まで読み込んでください。",
		NL: "In de geladen gebeurtenissen staat geen herstart van %[1]s na deze gebeurtenis (EventLog 6005/6006/6008/6009, Kernel-General 12/13, User32 1074, Kernel-Power 41/109). Laad het systeemlogboek van die computer tot een latere herstart om het uit te maken.",
	}
	unnamedComputer = i18n.Text{
		EN: "the computer (the log names none)",
		JA: "このコンピューター（ログに名前なし）",
		NL: "de computer (het logboek noemt geen naam)",
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
		JA: "読み込んだイベントの中に、%[2]s への %[1]s のインストールは見つかりませんでした（セットアップ ログ：Servicing 2、システム ログ：WindowsUpdateClient 19）。",
		NL: "In de geladen gebeurtenissen is geen installatie van %[1]s op %[2]s gevonden (Setup-logboek: Servicing 2; systeemlogboek: WindowsUpdateClient 19).",
	}
	markLanguage = i18n.Text{EN: "[%[1]s]", JA: "［%[1]s］", NL: "[%[1]s]"}
	markAsLogged = i18n.Text{EN: "[as logged]", JA: "［ログの原文］", NL: "[zoals gelogd]"}
	verdictHeld  = i18n.Text{
		EN: "Harmless, as the loaded logs show that %[1]s.",
		JA: "問題ありません。読み込んだログから、条件（%[1]s）を満たしていることが分かります。",
		NL: "Onschuldig, want de geladen logboeken tonen dat %[1]s.",
	}
	verdictNotHeld = i18n.Text{
		EN: "The loaded logs show that the condition for harmless does not hold (%[1]s): look into it.",
		JA: "読み込んだログから、問題なしとなる条件（%[1]s）を満たしていないことが分かります。確認してください。",
		NL: "De geladen logboeken tonen dat niet voldaan is aan de voorwaarde om onschuldig te zijn (%[1]s): zoek het uit.",
	}
	noteOrderUnconfirmed = i18n.Text{
		EN: "[order of insertion strings unconfirmed]",
		JA: "［挿入文字列の順序は未確認］",
		NL: "[volgorde van invoegtekenreeksen onbevestigd]",
	}
)

// allTexts lists every fixed text of the package, for the completeness test.
func allTexts() map[string]i18n.Text {
	m := map[string]i18n.Text{
		"reasonUndecidable": reasonUndecidable, "reasonVersions": reasonVersions,
		"reasonNamesEmptyData": reasonNamesEmptyData, "reasonNamesSetData": reasonNamesSetData,
		"reasonNamesOneEmpty": reasonNamesOneEmpty, "reasonNamesEmptyMsg": reasonNamesEmptyMsg,
		"reasonNamesSetMsg": reasonNamesSetMsg, "reasonNamesUnknown": reasonNamesUnknown,
		"reasonRestart": reasonRestart, "reasonNoRestart": reasonNoRestart, "reasonNotRequired": reasonNotRequired,
		"reasonOtherSubscriber": reasonOtherSubscriber, "reasonGoneAfterRestart": reasonGoneAfterRestart,
		"reasonAgainAfterRestart": reasonAgainAfterRestart, "reasonNoLaterRestart": reasonNoLaterRestart,
		"unnamedComputer": unnamedComputer, "reasonNotAtRestart": reasonNotAtRestart, "reasonRestartsElsewhere": reasonRestartsElsewhere, "markLanguage": markLanguage, "markAsLogged": markAsLogged,
		"verdictHeld": verdictHeld, "verdictNotHeld": verdictNotHeld,
		"reasonFixBefore": reasonFixBefore, "reasonFixAfter": reasonFixAfter, "reasonFixMissing": reasonFixMissing,
		"noteOrderUnconfirmed": noteOrderUnconfirmed,
	}
	return m
}
