package i18n

// Label names one idea in every language: Long for reports, the catalog and
// the detail pane, Short for narrow list columns. Both use the same term in
// each language (one Japanese word per idea), Short only drops words.
type Label struct {
	Long, Short Text
}

// Class labels, keyed by the class's stable name (model.Class.String()).
// The update class says only what the sources say of all its events: they
// stop once the integration services are updated; whether one is harmless
// is the entry's verdict, not the class's.
var classLabels = map[string]Label{
	"harmless": {
		Long:  Text{EN: "Harmless", JA: "問題なし", NL: "Onschuldig"},
		Short: Text{EN: "harmless", JA: "問題なし", NL: "onschuldig"},
	},
	"update": {
		Long:  Text{EN: "Stops after update", JA: "更新で解消", NL: "Verdwijnt na update"},
		Short: Text{EN: "update", JA: "更新で解消", NL: "update"},
	},
	"conditional": {
		Long:  Text{EN: "Harmless if …", JA: "条件付きで問題なし", NL: "Onschuldig als …"},
		Short: Text{EN: "conditional", JA: "条件付き", NL: "voorwaardelijk"},
	},
	"attention": {
		Long:  Text{EN: "Needs attention", JA: "要確認", NL: "Aandacht nodig"},
		Short: Text{EN: "attention", JA: "要確認", NL: "aandacht"},
	},
	"known-issue": {
		Long:  Text{EN: "Known issue", JA: "既知の問題", NL: "Bekend probleem"},
		Short: Text{EN: "known issue", JA: "既知の問題", NL: "bekend probleem"},
	},
	"unknown": {
		Long:  Text{EN: "Unknown", JA: "未知", NL: "Onbekend"},
		Short: Text{EN: "unknown", JA: "未知", NL: "onbekend"},
	},
}

var classDescriptions = map[string]Text{
	"harmless": {
		EN: "Known event with no effect on operation.",
		JA: "既知のイベントで、運用への影響はありません。",
		NL: "Bekende gebeurtenis zonder gevolgen voor de werking.",
	},
	"update": {
		EN: "Known event, logged because the integration services in the VM are older than the host's; it stops once they are updated. Whether it is harmless is said per event.",
		JA: "仮想マシンの統合サービスがホストより古いために記録される既知のイベントです。統合サービスを更新すると記録されなくなります。問題がないかどうかはイベントごとの判定を参照してください。",
		NL: "Bekende gebeurtenis die gelogd wordt omdat de integratieservices in de VM ouder zijn dan die van de host; ze verdwijnt zodra die zijn bijgewerkt. Of ze onschuldig is, staat per gebeurtenis.",
	},
	"conditional": {
		EN: "Harmless only under a condition the loaded logs cannot decide.",
		JA: "読み込んだログからは判断できない条件を満たす場合に限り問題ありません。",
		NL: "Alleen onschuldig onder een voorwaarde die de geladen logboeken niet kunnen uitmaken.",
	},
	"attention": {
		EN: "Known event whose harmless condition is not met: look into it.",
		JA: "既知のイベントですが、問題なしとなる条件を満たしていません。確認してください。",
		NL: "Bekende gebeurtenis waarvan de voorwaarde voor onschuldig niet vervuld is: zoek het uit.",
	},
	"known-issue": {
		EN: "A documented problem with a fix.",
		JA: "修正方法が公開されている既知の問題です。",
		NL: "Een gedocumenteerd probleem waarvoor een oplossing bestaat.",
	},
	"unknown": {
		EN: "Not in the catalog.",
		JA: "カタログに載っていません。",
		NL: "Staat niet in de catalogus.",
	},
}

// Level labels, keyed by the level's name (model.Level.String()).
var levelLabels = map[string]Label{
	"critical":    {Long: Text{EN: "Critical", JA: "重大", NL: "Kritiek"}, Short: Text{EN: "Critical", JA: "重大", NL: "Kritiek"}},
	"error":       {Long: Text{EN: "Error", JA: "エラー", NL: "Fout"}, Short: Text{EN: "Error", JA: "エラー", NL: "Fout"}},
	"warning":     {Long: Text{EN: "Warning", JA: "警告", NL: "Waarschuwing"}, Short: Text{EN: "Warning", JA: "警告", NL: "Waarsch."}},
	"information": {Long: Text{EN: "Information", JA: "情報", NL: "Informatie"}, Short: Text{EN: "Info", JA: "情報", NL: "Info"}},
	"verbose":     {Long: Text{EN: "Verbose", JA: "詳細", NL: "Uitgebreid"}, Short: Text{EN: "Verbose", JA: "詳細", NL: "Uitgebr."}},
}

// Confidence labels, keyed by a catalog entry's confidence.
var confidenceLabels = map[string]Text{
	"high":   {EN: "high", JA: "高", NL: "hoog"},
	"medium": {EN: "medium", JA: "中", NL: "middel"},
	"low":    {EN: "low", JA: "低", NL: "laag"},
}

// ClassLabel returns the label of the class with the given stable name
// (model.Class.String()); an unknown name gets the unknown class's label.
func ClassLabel(name string) Label {
	if l, ok := classLabels[name]; ok {
		return l
	}
	return classLabels["unknown"]
}

// ClassDescription returns one sentence saying what the class means.
func ClassDescription(name string) Text {
	if t, ok := classDescriptions[name]; ok {
		return t
	}
	return classDescriptions["unknown"]
}

// LevelLabel returns the label of the level with the given name
// (model.Level.String()); a level outside the standard ones (a number) is
// shown as that name in every language.
func LevelLabel(name string) Label {
	if l, ok := levelLabels[name]; ok {
		return l
	}
	t := Text{EN: name, JA: name, NL: name}
	return Label{Long: t, Short: t}
}

// ConfidenceLabel returns a catalog entry's confidence (high, medium, low)
// in every language; anything else is shown as written.
func ConfidenceLabel(confidence string) Text {
	if t, ok := confidenceLabels[confidence]; ok {
		return t
	}
	return Text{EN: confidence, JA: confidence, NL: confidence}
}

// labelTexts lists every label text, for the completeness test.
func labelTexts() map[string]Text {
	m := map[string]Text{}
	for k, l := range classLabels {
		m["class."+k+".long"], m["class."+k+".short"] = l.Long, l.Short
	}
	for k, t := range classDescriptions {
		m["classDescription."+k] = t
	}
	for k, l := range levelLabels {
		m["level."+k+".long"], m["level."+k+".short"] = l.Long, l.Short
	}
	for k, t := range confidenceLabels {
		m["confidence."+k] = t
	}
	return m
}
