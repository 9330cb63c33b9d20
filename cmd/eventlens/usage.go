package main

import (
	"os"
	"strings"

	"eventlens/i18n"
)

// usageError marks errors caused by how eventlens was called. It is said in
// the user's language (In; i18n.SayError finds it), in English by Error.
type usageError struct {
	cmd  string    // the command it is about ("export"), or ""
	text i18n.Text // filled
}

// misuse is the usage error text, about cmd when it is not "".
func misuse(cmd string, text i18n.Text) usageError { return usageError{cmd, text} }

func (e usageError) Error() string { return e.In(i18n.EN) }

// In is the error in l, after its command's name: "export: …".
func (e usageError) In(l i18n.Lang) string {
	if e.cmd == "" {
		return e.text.In(l)
	}
	return e.cmd + ": " + e.text.In(l)
}

// usageLang is the language to say a usage error in: --lang when the
// command line gives a valid one anywhere (the flag set may have stopped
// before it), else the environment's (i18n.Detect).
func usageLang(args []string) i18n.Lang {
	lang := ""
	for i, a := range args {
		if a == "--" {
			break
		}
		name, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			v = args[i+1]
		}
		if _, ok := i18n.Parse(v); ok {
			lang = v
		}
	}
	return i18n.Detect(lang, os.Getenv)
}

// The usage errors' texts. Go's flag package says its part in English
// (badFlag's argument); ours is said in the user's language.
var (
	runHelp = i18n.Text{EN: "Run 'eventlens help' for usage.", JA: "使い方は 'eventlens help' で表示できます。",
		NL: "Voer 'eventlens help' uit voor het gebruik."}
	badFlag  = i18n.Text{EN: "%[1]s", JA: "コマンドラインが正しくありません：%[1]s", NL: "ongeldige opdrachtregel: %[1]s"}
	noInputs = i18n.Text{EN: "no input files", JA: "入力ファイルがありません", NL: "geen invoerbestanden"}
	badLang  = i18n.Text{EN: "unknown language %[1]q (want ja, nl or en)", JA: "不明な言語 %[1]q です（ja・nl・en のいずれかを指定してください）",
		NL: "onbekende taal %[1]q (kies ja, nl of en)"}
	badFormat   = i18n.Text{EN: "%[1]s", JA: "--format が正しくありません：%[1]s", NL: "ongeldige --format: %[1]s"}
	evtxNeedsO  = i18n.Text{EN: "--format evtx writes a binary file: give -o FILE", JA: "--format evtx はバイナリ ファイルを書き出します。-o FILE を指定してください", NL: "--format evtx schrijft een binair bestand: geef -o FILE"}
	badQuery    = i18n.Text{EN: "--query: %[1]s", JA: "--query: %[1]s", NL: "--query: %[1]s"}
	byVMOrQuery = i18n.Text{EN: "--by-vm summarises every event: give it or --query, not both", JA: "--by-vm はすべてのイベントを集計します。--by-vm と --query のどちらか一方を指定してください",
		NL: "--by-vm vat alle gebeurtenissen samen: geef het of --query, niet beide"}
	catalogWant = i18n.Text{EN: "want list, show ID or check FILE...", JA: "list・show ID・check FILE... のいずれかを指定してください",
		NL: "geef list, show ID of check FILE..."}
	catalogShowWant = i18n.Text{EN: "want one entry ID (see 'eventlens catalog list')", JA: "項目 ID を 1 つ指定してください（'eventlens catalog list' を参照）",
		NL: "geef één item-ID (zie 'eventlens catalog list')"}
	catalogCheckWant = i18n.Text{EN: "want one or more catalog files", JA: "カタログ ファイルを 1 つ以上指定してください", NL: "geef een of meer catalogusbestanden"}
	catalogUnknown   = i18n.Text{EN: "unknown command %[1]q (want list, show or check)", JA: "不明なコマンド %[1]q です（list・show・check のいずれか）",
		NL: "onbekende opdracht %[1]q (kies list, show of check)"}
	unknownCommand = i18n.Text{EN: "unknown command %[1]q — did you mean %[2]q?", JA: "不明なコマンド %[1]q です。%[2]q のことですか？",
		NL: "onbekende opdracht %[1]q — bedoelde u %[2]q?"}
	serveNeedsKeys = i18n.Text{EN: "--authorized-keys and --host-key are required", JA: "--authorized-keys と --host-key は必須です",
		NL: "--authorized-keys en --host-key zijn verplicht"}
)

// usageTexts lists the texts above, for a test to check each is complete.
var usageTexts = []i18n.Text{runHelp, badFlag, noInputs, badLang, badFormat, evtxNeedsO, badQuery, byVMOrQuery,
	catalogWant, catalogShowWant, catalogCheckWant, catalogUnknown, unknownCommand, serveNeedsKeys}
