package i18n

// UIStrings is every string the terminal UI shows, in every language.
// Strings with fmt verbs take the same arguments, in the same order, in
// every language (a test checks both that and completeness).
type UIStrings struct {
	// List columns.
	ColTime, ColLevel, ColClass, ColProvider, ColID, ColComputer, ColMessage Text

	// Levels, short for the list and long for the detail pane (from LevelLabel).
	LevelCriticalShort, LevelErrorShort, LevelWarningShort, LevelInfoShort, LevelVerboseShort Text
	LevelCritical, LevelError, LevelWarning, LevelInformation, LevelVerbose                   Text

	// Class names for the list (from ClassLabel).
	ClassUnknown, ClassHarmless, ClassUpdate, ClassConditional, ClassAttention, ClassKnownIssue Text

	// Title bar and status line.
	MatchCount, MarkedCount, FilterLabel, SearchLabel           Text
	SortLabel, SortAsc, SortDesc                                Text
	Loading, Classifying, LoadFailed, LoadProblems, LanguageSet Text
	NoEvents, NoMatches                                         Text

	// Input line.
	FilterPrompt, SearchPrompt, FilterPlaceholder, SearchNotFound, InputHint Text
	FilterNotApplied, FilterListShows, FilterListShowsAll, NoMatchesFor      Text
	StartHere                                                                Text
	// A query's error at a column (the error itself is a reason, see Say).
	QueryErrorAt Text
	// The viewer started without a terminal.
	NoTerminal Text

	// Detail pane.
	SystemTitle, CatalogTitle, LoggedMessageTitle, RawXMLTitle, RawUnavailable, RawFailed Text
	FieldTime, FieldLevel, FieldClass, FieldProvider, FieldProviderGUID, FieldEventSource Text
	FieldEventID, FieldQualifiers, FieldVersion, FieldTask, FieldOpcode, FieldKeywords    Text
	FieldChannel, FieldComputer, FieldUser, FieldProcess, FieldRecordID, FieldFile        Text
	FieldCulture, FieldDecodeError                                                        Text
	// Where the shown message came from (model.MessageOrigin).
	MessageFrom, OriginLog, OriginCatalog, OriginDatabase, OriginData Text

	// Catalog sections of the detail pane.
	SecTitle, SecWhen, SecExplanation, SecVerdict, SecReasons, SecRemedy            Text
	SecAppliesTo, SecSource, SecNote, SecRelated, FixInstalled, RoleHost, RoleGuest Text
	GuestOS, Confidence                                                             Text

	// Export dialog.
	ExportTitle, ExportScope, ScopeMarked, ScopeView, ExportFormat, ExportPath Text
	FormatCSV, FormatJSONL, FormatXML, FormatEVTX, FormatECS, FormatMarkdown   Text
	ExportHint, ExportConfirm, ExportBusy, ExportDone, ExportFailed            Text
	ExportNoPath, ExportNothing, ExportDisabled, ExportWhileLoading            Text

	// Summary view.
	SummaryTitle, SummaryHint, ByClass, ByLevel, ByProvider, ByID, BarInfo Text
	// Events whose time is missing or implausible (FILETIME zero), off the histogram.
	SummaryNoTime Text
	// An event whose log gave no usable time (the zero time), in the
	// detail pane; the list shows "?".
	TimeUnknown Text

	// Load report.
	ReportTitle, ReportLoaded, ReportNone, ReportClean, ReportProblems Text
	ReportUnreadable, ReportCounts, ReportChunks, ReportZone           Text
	ReportZoneLocal                                                    Text
	ReportSkipped, ReportFilesSkipped                                  Text
	// A file that is no log, in the headless load report and the triage
	// summary's file list.
	ReportNotALog Text
	// Where a problem is: a chunk, a byte offset, a record.
	ProblemChunk, ProblemOffset, ProblemRecord Text
	// catalog check's verdict on a file, and on the run.
	CatalogCheckOK, CatalogCheckFailed Text

	// Help.
	HelpTitle, HelpMouse, HelpClassKeys, QueryTitle, DetailKeysTitle, BackHint Text
	QueryWords, QueryIDs, QueryLevels, QueryFields, QueryClass, QueryData      Text
	QueryTime, QueryRelative, QueryNegate                                      Text

	// Key descriptions.
	KeyUp, KeyDown, KeyPageUp, KeyPageDown, KeyTop, KeyBottom                         Text
	KeyOpen, KeyBack, KeyQuit, KeyHelp, KeyHistory                                    Text
	KeyFilter, KeySearch, KeyNextMatch, KeyPrevMatch, KeySortNext, KeySortReverse     Text
	KeyIncProvider, KeyExcProvider, KeyIncID, KeyExcID                                Text
	KeyIncComputer, KeyExcComputer, KeyIncClass, KeyExcClass                          Text
	KeyToggleClass, KeyAllClasses                                                     Text
	KeyMark, KeyMarkAll, KeyClearMarks, KeyExport, KeySummary, KeyReport, KeyLanguage Text
	KeyRawXML, KeyNextEvent, KeyPrevEvent                                             Text
}

// UI holds the terminal UI's strings.
var UI = UIStrings{
	ColTime:     Text{EN: "Time", JA: "日時", NL: "Tijd"},
	ColLevel:    Text{EN: "Level", JA: "レベル", NL: "Niveau"},
	ColClass:    Text{EN: "Class", JA: "分類", NL: "Klasse"},
	ColProvider: Text{EN: "Source", JA: "ソース", NL: "Bron"},
	ColID:       Text{EN: "ID", JA: "ID", NL: "ID"},
	ColComputer: Text{EN: "Computer", JA: "コンピューター", NL: "Computer"},
	ColMessage:  Text{EN: "Message", JA: "メッセージ", NL: "Bericht"},

	LevelCriticalShort: levelLabels["critical"].Short,
	LevelErrorShort:    levelLabels["error"].Short,
	LevelWarningShort:  levelLabels["warning"].Short,
	LevelInfoShort:     levelLabels["information"].Short,
	LevelVerboseShort:  levelLabels["verbose"].Short,
	LevelCritical:      levelLabels["critical"].Long,
	LevelError:         levelLabels["error"].Long,
	LevelWarning:       levelLabels["warning"].Long,
	LevelInformation:   levelLabels["information"].Long,
	LevelVerbose:       levelLabels["verbose"].Long,

	ClassUnknown:     classLabels["unknown"].Short,
	ClassHarmless:    classLabels["harmless"].Short,
	ClassUpdate:      classLabels["update"].Short,
	ClassConditional: classLabels["conditional"].Short,
	ClassAttention:   classLabels["attention"].Short,
	ClassKnownIssue:  classLabels["known-issue"].Short,

	MatchCount:   Text{EN: "%s of %s", JA: "%s / %s 件", NL: "%s van %s"},
	MarkedCount:  Text{EN: "%s marked", JA: "マーク %s 件", NL: "%s gemarkeerd"},
	FilterLabel:  Text{EN: "filter", JA: "フィルター", NL: "filter"},
	SearchLabel:  Text{EN: "search", JA: "検索", NL: "zoeken"},
	SortLabel:    Text{EN: "sort", JA: "並べ替え", NL: "sortering"},
	SortAsc:      Text{EN: "asc", JA: "昇順", NL: "oplopend"},
	SortDesc:     Text{EN: "desc", JA: "降順", NL: "aflopend"},
	Loading:      Text{EN: "Loading", JA: "読み込み中", NL: "Laden"},
	Classifying:  Text{EN: "Classifying", JA: "分類中", NL: "Classificeren"},
	LoadFailed:   Text{EN: "Loading failed: %v", JA: "読み込みに失敗しました：%v", NL: "Laden mislukt: %v"},
	LoadProblems: Text{EN: "%s with problems (R: load report)", JA: "%sに問題があります（R: 読み込みレポート）", NL: "%s met problemen (R: laadrapport)"},
	LanguageSet:  Text{EN: "Language: English", JA: "言語：日本語", NL: "Taal: Nederlands"},
	NoEvents:     Text{EN: "No events.", JA: "イベントはありません。", NL: "Geen gebeurtenissen."},
	NoMatches:    Text{EN: "No events match the filter.", JA: "フィルターに一致するイベントはありません。", NL: "Geen gebeurtenissen voldoen aan het filter."},

	FilterPrompt:      Text{EN: "filter> ", JA: "フィルター> ", NL: "filter> "},
	SearchPrompt:      Text{EN: "search> ", JA: "検索> ", NL: "zoeken> "},
	FilterPlaceholder: Text{EN: "words, id:26, level:error, src:vmms, -class:harmless, after:-24h", JA: "語句、id:26、level:error、src:vmms、-class:harmless、after:-24h", NL: "woorden, id:26, level:error, src:vmms, -class:harmless, after:-24h"},
	SearchNotFound:    Text{EN: "No match for %s", JA: "%s に一致するものはありません", NL: "Geen treffer voor %s"},
	FilterNotApplied:  Text{EN: "Not applied: %s", JA: "適用されていません：%s", NL: "Niet toegepast: %s"},
	FilterListShows:   Text{EN: "The list still shows the filter %s.", JA: "一覧は引き続きフィルター %s の結果です。", NL: "De lijst toont nog het filter %s."},
	FilterListShowsAll: Text{EN: "The list still shows every event.", JA: "一覧は引き続きすべてのイベントです。",
		NL: "De lijst toont nog alle gebeurtenissen."},
	NoMatchesFor: Text{EN: "No events match %s · esc clears the filter", JA: "%s に一致するイベントはありません · esc でフィルターを解除",
		NL: "Geen gebeurtenissen voldoen aan %s · esc wist het filter"},
	StartHere:    Text{EN: "first event to look at", JA: "最初に確認すべきイベント", NL: "eerste gebeurtenis om te bekijken"},
	QueryErrorAt: Text{EN: "column %[1]s: %[2]s", JA: "%[1]s 文字目：%[2]s", NL: "kolom %[1]s: %[2]s"},
	NoTerminal: Text{EN: "the viewer needs a terminal, and standard input is not one;\n" +
		"without a terminal, use 'eventlens triage FILES...' for a summary or 'eventlens export FILES...' for the events",
		JA: "ビューアーには端末が必要ですが、標準入力は端末ではありません。\n" +
			"端末なしでは、概要には 'eventlens triage FILES...'、イベントには 'eventlens export FILES...' を使ってください",
		NL: "de viewer heeft een terminal nodig, en standaardinvoer is er geen;\n" +
			"gebruik zonder terminal 'eventlens triage FILES...' voor een samenvatting of 'eventlens export FILES...' voor de gebeurtenissen"},
	InputHint: Text{EN: "enter keep · esc clear · results update as you type", JA: "enter 確定 · esc 解除 · 入力に合わせて結果が更新されます", NL: "enter bewaren · esc wissen · resultaten volgen het typen"},

	SystemTitle:        Text{EN: "System", JA: "システム", NL: "Systeem"},
	CatalogTitle:       Text{EN: "Catalog", JA: "カタログ", NL: "Catalogus"},
	LoggedMessageTitle: Text{EN: "Message as logged", JA: "ログに記録されたメッセージ", NL: "Bericht zoals gelogd"},
	MessageFrom:        Text{EN: "Message from %s", JA: "メッセージの出典：%s", NL: "Bericht uit %s"},
	OriginLog:          Text{EN: "the log itself", JA: "ログ自体", NL: "het logboek zelf"},
	OriginCatalog:      Text{EN: "the eventlens catalog", JA: "eventlens のカタログ", NL: "de eventlens-catalogus"},
	OriginDatabase:     Text{EN: "a message database (--messages)", JA: "メッセージ データベース（--messages）", NL: "een berichtendatabase (--messages)"},
	OriginData:         Text{EN: "the event data: no message template found", JA: "イベント データ（メッセージのテンプレートなし）", NL: "de gebeurtenisgegevens: geen berichtsjabloon gevonden"},
	RawXMLTitle:        Text{EN: "Raw XML", JA: "XML（元データ）", NL: "Ruwe XML"},
	RawUnavailable:     Text{EN: "Raw XML is not available here.", JA: "ここでは XML を表示できません。", NL: "Ruwe XML is hier niet beschikbaar."},
	RawFailed:          Text{EN: "Could not read the raw XML: %v", JA: "XML を読み込めませんでした：%v", NL: "Kon de ruwe XML niet lezen: %v"},
	FieldTime:          Text{EN: "Time", JA: "日時", NL: "Tijd"},
	FieldLevel:         Text{EN: "Level", JA: "レベル", NL: "Niveau"},
	FieldClass:         Text{EN: "Class", JA: "分類", NL: "Klasse"},
	FieldProvider:      Text{EN: "Provider", JA: "プロバイダー", NL: "Provider"},
	FieldProviderGUID:  Text{EN: "Provider GUID", JA: "プロバイダー GUID", NL: "Provider-GUID"},
	FieldEventSource:   Text{EN: "Event source", JA: "イベント ソース", NL: "Gebeurtenisbron"},
	FieldEventID:       Text{EN: "Event ID", JA: "イベント ID", NL: "Gebeurtenis-ID"},
	FieldQualifiers:    Text{EN: "qualifiers", JA: "修飾子", NL: "qualifiers"},
	FieldVersion:       Text{EN: "Version", JA: "バージョン", NL: "Versie"},
	FieldTask:          Text{EN: "Task", JA: "タスク", NL: "Taak"},
	FieldOpcode:        Text{EN: "Opcode", JA: "オペコード", NL: "Opcode"},
	FieldKeywords:      Text{EN: "Keywords", JA: "キーワード", NL: "Trefwoorden"},
	FieldChannel:       Text{EN: "Log", JA: "ログの名前", NL: "Logboek"},
	FieldComputer:      Text{EN: "Computer", JA: "コンピューター", NL: "Computer"},
	FieldUser:          Text{EN: "User", JA: "ユーザー", NL: "Gebruiker"},
	FieldProcess:       Text{EN: "Process / thread", JA: "プロセス / スレッド", NL: "Proces / thread"},
	FieldRecordID:      Text{EN: "Record ID", JA: "レコード ID", NL: "Record-ID"},
	FieldFile:          Text{EN: "File", JA: "ファイル", NL: "Bestand"},
	FieldCulture:       Text{EN: "Message culture", JA: "メッセージの言語", NL: "Taal van het bericht"},
	FieldDecodeError:   Text{EN: "Not decoded", JA: "デコード不可", NL: "Niet gedecodeerd"},

	SecTitle:       Text{EN: "Event", JA: "イベント", NL: "Gebeurtenis"},
	SecWhen:        Text{EN: "When it occurs", JA: "発生状況", NL: "Wanneer het optreedt"},
	SecExplanation: Text{EN: "Explanation", JA: "解説", NL: "Uitleg"},
	SecVerdict:     Text{EN: "Verdict", JA: "判定", NL: "Oordeel"},
	SecReasons:     Text{EN: "Why this class", JA: "判断理由", NL: "Waarom deze klasse"},
	SecRemedy:      Text{EN: "Remedy", JA: "対処", NL: "Oplossing"},
	SecAppliesTo:   Text{EN: "Applies to", JA: "対象", NL: "Van toepassing op"},
	SecSource:      Text{EN: "Source", JA: "出典", NL: "Bron"},
	SecNote:        Text{EN: "Note", JA: "注記", NL: "Opmerking"},
	SecRelated:     Text{EN: "Related", JA: "関連項目", NL: "Verwant"},
	FixInstalled:   Text{EN: "The fix is installed on this computer (%s).", JA: "この修正はこのコンピューターにインストール済みです（%s）。", NL: "De oplossing is op deze computer geïnstalleerd (%s)."},
	RoleHost:       Text{EN: "Hyper-V host", JA: "Hyper-V ホスト", NL: "Hyper-V-host"},
	RoleGuest:      Text{EN: "guest (virtual machine)", JA: "ゲスト（仮想マシン）", NL: "gast (virtuele machine)"},
	GuestOS:        Text{EN: "guests", JA: "ゲスト OS", NL: "gasten"},
	Confidence:     Text{EN: "Confidence", JA: "確度", NL: "Betrouwbaarheid"},

	ExportTitle:    Text{EN: "Export", JA: "エクスポート", NL: "Exporteren"},
	ExportScope:    Text{EN: "Events", JA: "対象", NL: "Gebeurtenissen"},
	ScopeMarked:    Text{EN: "marked (%s)", JA: "マーク済み（%s）", NL: "gemarkeerd (%s)"},
	ScopeView:      Text{EN: "current view (%s)", JA: "現在の表示（%s）", NL: "huidige weergave (%s)"},
	ExportFormat:   Text{EN: "Format", JA: "形式", NL: "Formaat"},
	ExportPath:     Text{EN: "File", JA: "ファイル", NL: "Bestand"},
	FormatCSV:      Text{EN: "CSV", JA: "CSV", NL: "CSV"},
	FormatJSONL:    Text{EN: "JSON Lines", JA: "JSON Lines", NL: "JSON Lines"},
	FormatXML:      Text{EN: "Event Viewer XML", JA: "イベント ビューアー XML", NL: "Event Viewer-XML"},
	FormatEVTX:     Text{EN: "Windows event log (.evtx)", JA: "Windows イベント ログ（.evtx）", NL: "Windows-gebeurtenislogboek (.evtx)"},
	FormatECS:      Text{EN: "Elastic Common Schema (NDJSON)", JA: "Elastic Common Schema（NDJSON）", NL: "Elastic Common Schema (NDJSON)"},
	FormatMarkdown: Text{EN: "Markdown triage report", JA: "Markdown 調査レポート", NL: "Markdown-triagerapport"},
	ExportHint:     Text{EN: "tab/↑↓ field · ←→ choose · enter write · esc cancel", JA: "tab/↑↓ 項目 · ←→ 選択 · enter 書き出し · esc 取消", NL: "tab/↑↓ veld · ←→ kiezen · enter schrijven · esc annuleren"},
	ExportConfirm:  Text{EN: "%s exists. Overwrite? (y/n)", JA: "%s は既に存在します。上書きしますか？（y/n）", NL: "%s bestaat al. Overschrijven? (y/n)"},
	ExportBusy:     Text{EN: "Writing…", JA: "書き出し中…", NL: "Bezig met schrijven…"},
	ExportDone:     Text{EN: "Wrote %s to %s", JA: "%sを %s に書き出しました", NL: "%s geschreven naar %s"},
	ExportFailed:   Text{EN: "Export failed: %v", JA: "エクスポートに失敗しました：%v", NL: "Exporteren mislukt: %v"},
	ExportNoPath:   Text{EN: "Enter a file name.", JA: "ファイル名を入力してください。", NL: "Geef een bestandsnaam op."},
	ExportNothing:  Text{EN: "Nothing to export: no events in this scope.", JA: "書き出すイベントがありません。", NL: "Niets te exporteren: geen gebeurtenissen in deze selectie."},
	ExportWhileLoading: Text{EN: "Still loading: export when loading and classification have finished.",
		JA: "読み込み中です。読み込みと分類が終わってから書き出してください。",
		NL: "Nog bezig met laden: exporteer wanneer laden en classificeren klaar zijn."},
	ExportDisabled: Text{EN: "Export is disabled in this session.", JA: "このセッションではエクスポートは無効です。", NL: "Exporteren is uitgeschakeld in deze sessie."},

	SummaryTitle: Text{EN: "Summary of %s", JA: "%sの概要", NL: "Overzicht van %s"},
	SummaryHint:  Text{EN: "←→ choose a bar · enter filter to it · esc back", JA: "←→ 棒を選択 · enter その期間でフィルター · esc 戻る", NL: "←→ staaf kiezen · enter daarop filteren · esc terug"},
	ByClass:      Text{EN: "By class", JA: "分類別", NL: "Per klasse"},
	ByLevel:      Text{EN: "By level", JA: "レベル別", NL: "Per niveau"},
	ByProvider:   Text{EN: "By source", JA: "ソース別", NL: "Per bron"},
	ByID:         Text{EN: "By event ID", JA: "イベント ID 別", NL: "Per gebeurtenis-ID"},
	BarInfo:      Text{EN: "%s – %s: %s", JA: "%s – %s：%s", NL: "%s – %s: %s"},
	SummaryNoTime: Text{EN: "%s off the timeline: no time, or before 1980 or after 2199",
		JA: "時間軸外のイベント %s：日時なし、または 1980 年より前か 2199 年より後",
		NL: "%s buiten de tijdlijn: geen tijd, of vóór 1980 of na 2199"},
	TimeUnknown: Text{EN: "unknown: the log gives no usable time", JA: "不明：ログに有効な日時がありません", NL: "onbekend: het log geeft geen bruikbare tijd"},

	ReportTitle:        Text{EN: "Load report", JA: "読み込みレポート", NL: "Laadrapport"},
	ReportLoaded:       Text{EN: "%s from %s in %v", JA: "%s（%s、%v）", NL: "%s uit %s in %v"},
	ReportNone:         Text{EN: "No files have been read.", JA: "読み込んだファイルはありません。", NL: "Er zijn geen bestanden gelezen."},
	ReportClean:        Text{EN: "OK", JA: "正常", NL: "OK"},
	ReportProblems:     Text{EN: "PROBLEMS", JA: "問題あり", NL: "PROBLEMEN"},
	ReportUnreadable:   Text{EN: "could not be read: %v", JA: "読み込めませんでした：%v", NL: "kon niet gelezen worden: %v"},
	ReportCounts:       Text{EN: "%s, %s: %s decoded, %s undecoded, %s skipped", JA: "%s、%s：デコード %s 件、デコード不可 %s 件、スキップ %s 件", NL: "%s, %s: %s gedecodeerd, %s niet gedecodeerd, %s overgeslagen"},
	ReportSkipped:      Text{EN: "SKIPPED", JA: "スキップ", NL: "OVERGESLAGEN"},
	ReportNotALog:      Text{EN: "skipped, no log: %[1]s", JA: "ログではないためスキップ：%[1]s", NL: "overgeslagen, geen log: %[1]s"},
	ReportZone:         Text{EN: "times without a zone read as %[1]s (--tz)", JA: "タイムゾーンのない時刻を %[1]s として読み込み（--tz）", NL: "tijden zonder zone gelezen als %[1]s (--tz)"},
	ReportZoneLocal:    Text{EN: "times without a zone read as %[1]s (this machine's zone)", JA: "タイムゾーンのない時刻を %[1]s として読み込み（このマシンのタイムゾーン）", NL: "tijden zonder zone gelezen als %[1]s (de zone van deze computer)"},
	ReportChunks:       Text{EN: "chunks: %d found, %d parsed, %d failed", JA: "チャンク：検出 %d、解析 %d、失敗 %d", NL: "chunks: %d gevonden, %d gelezen, %d mislukt"},
	ProblemChunk:       Text{EN: "chunk %[1]s", JA: "チャンク %[1]s", NL: "chunk %[1]s"},
	ProblemOffset:      Text{EN: "at offset %[1]s", JA: "オフセット %[1]s", NL: "op offset %[1]s"},
	ProblemRecord:      Text{EN: "record %[1]s", JA: "レコード %[1]s", NL: "record %[1]s"},
	CatalogCheckOK:     Text{EN: "ok", JA: "問題なし", NL: "in orde"},
	CatalogCheckFailed: Text{EN: "catalog check failed", JA: "カタログの検査で問題が見つかりました", NL: "catalogcontrole mislukt"},

	// The files a directory walk passed over (no log), counted apart from
	// the logs read: "2 files, 1 skipped".
	ReportFilesSkipped: Text{EN: "%s, %s skipped", JA: "%s、%s 個スキップ", NL: "%s, %s overgeslagen"},

	HelpTitle: Text{EN: "Keys", JA: "キー操作", NL: "Toetsen"},
	HelpMouse: Text{
		EN: "Mouse: click a row to select it, click it again for details, click a column title to sort, wheel to scroll. In the filter line ↑/↓ recall earlier filters.",
		JA: "マウス：行をクリックで選択、もう一度クリックで詳細、列見出しをクリックで並べ替え、ホイールでスクロール。フィルター入力中は ↑/↓ で以前のフィルターを呼び出せます。",
		NL: "Muis: klik op een regel om hem te kiezen, nog eens voor details, op een kolomtitel om te sorteren, wiel om te scrollen. In de filterregel halen ↑/↓ eerdere filters terug.",
	},
	HelpClassKeys:   Text{EN: "Keys 1–6 show or hide a class:", JA: "1–6 キーで分類を表示/非表示：", NL: "Toetsen 1–6 tonen of verbergen een klasse:"},
	DetailKeysTitle: Text{EN: "In the detail pane", JA: "詳細ペインで", NL: "In het detailvenster"},
	QueryTitle:      Text{EN: "Filter language", JA: "フィルターの書き方", NL: "Filtertaal"},
	QueryWords:      Text{EN: "text anywhere in the event; all must match, any case", JA: "イベント内のどこかにある文字列（すべて一致、大文字小文字は区別しない）", NL: "tekst ergens in de gebeurtenis; alles moet passen, hoofdletters maakt niet uit"},
	QueryIDs:        Text{EN: "event IDs, lists and ranges", JA: "イベント ID（列挙と範囲）", NL: "gebeurtenis-ID's, lijsten en bereiken"},
	QueryLevels:     Text{EN: "levels", JA: "レベル", NL: "niveaus"},
	QueryFields:     Text{EN: "source (provider), log, computer: part of the name", JA: "ソース（プロバイダー）、ログ、コンピューター：名前の一部", NL: "bron (provider), logboek, computer: deel van de naam"},
	QueryClass:      Text{EN: "class, catalog entry", JA: "分類、カタログ項目", NL: "klasse, catalogusitem"},
	QueryData:       Text{EN: "an EventData or UserData field", JA: "EventData または UserData の項目", NL: "een EventData- of UserData-veld"},
	QueryTime:       Text{EN: "from (inclusive) / until (exclusive)", JA: "この日時以降 / この日時より前", NL: "vanaf (inclusief) / tot (exclusief)"},
	QueryRelative:   Text{EN: "relative to now: m, h, d, w", JA: "現在からの相対時間：m、h、d、w", NL: "ten opzichte van nu: m, h, d, w"},
	QueryNegate:     Text{EN: "a leading - negates any term", JA: "先頭の - で条件を否定", NL: "een - vooraan keert een term om"},
	BackHint:        Text{EN: "↑↓ scroll · esc back", JA: "↑↓ スクロール · esc 戻る", NL: "↑↓ scrollen · esc terug"},

	KeyUp:          Text{EN: "up", JA: "上へ", NL: "omhoog"},
	KeyDown:        Text{EN: "down", JA: "下へ", NL: "omlaag"},
	KeyPageUp:      Text{EN: "page up", JA: "前のページ", NL: "pagina omhoog"},
	KeyPageDown:    Text{EN: "page down", JA: "次のページ", NL: "pagina omlaag"},
	KeyTop:         Text{EN: "first", JA: "先頭", NL: "eerste"},
	KeyBottom:      Text{EN: "last", JA: "末尾", NL: "laatste"},
	KeyOpen:        Text{EN: "details", JA: "詳細", NL: "details"},
	KeyBack:        Text{EN: "back", JA: "戻る", NL: "terug"},
	KeyQuit:        Text{EN: "quit", JA: "終了", NL: "afsluiten"},
	KeyHelp:        Text{EN: "help", JA: "ヘルプ", NL: "hulp"},
	KeyHistory:     Text{EN: "history", JA: "履歴", NL: "geschiedenis"},
	KeyFilter:      Text{EN: "filter", JA: "フィルター", NL: "filter"},
	KeySearch:      Text{EN: "search", JA: "検索", NL: "zoeken"},
	KeyNextMatch:   Text{EN: "next match", JA: "次の一致", NL: "volgende treffer"},
	KeyPrevMatch:   Text{EN: "previous match", JA: "前の一致", NL: "vorige treffer"},
	KeySortNext:    Text{EN: "sort column", JA: "並べ替える列", NL: "sorteerkolom"},
	KeySortReverse: Text{EN: "reverse sort", JA: "逆順", NL: "omgekeerd sorteren"},
	KeyIncProvider: Text{EN: "only this source", JA: "このソースのみ", NL: "alleen deze bron"},
	KeyExcProvider: Text{EN: "hide this source", JA: "このソースを除外", NL: "deze bron verbergen"},
	KeyIncID:       Text{EN: "only this ID", JA: "この ID のみ", NL: "alleen deze ID"},
	KeyExcID:       Text{EN: "hide this ID", JA: "この ID を除外", NL: "deze ID verbergen"},
	KeyIncComputer: Text{EN: "only this computer", JA: "このコンピューターのみ", NL: "alleen deze computer"},
	KeyExcComputer: Text{EN: "hide this computer", JA: "このコンピューターを除外", NL: "deze computer verbergen"},
	KeyIncClass:    Text{EN: "only this class", JA: "この分類のみ", NL: "alleen deze klasse"},
	KeyExcClass:    Text{EN: "hide this class", JA: "この分類を除外", NL: "deze klasse verbergen"},
	KeyToggleClass: Text{EN: "show/hide class", JA: "分類の表示切替", NL: "klasse tonen/verbergen"},
	KeyAllClasses:  Text{EN: "all classes", JA: "すべての分類", NL: "alle klassen"},
	KeyMark:        Text{EN: "mark", JA: "マーク", NL: "markeren"},
	KeyMarkAll:     Text{EN: "mark all matches", JA: "一致をすべてマーク", NL: "alle treffers markeren"},
	KeyClearMarks:  Text{EN: "clear marks", JA: "マーク解除", NL: "markeringen wissen"},
	KeyExport:      Text{EN: "export", JA: "エクスポート", NL: "exporteren"},
	KeySummary:     Text{EN: "summary", JA: "概要", NL: "overzicht"},
	KeyReport:      Text{EN: "load report", JA: "読み込みレポート", NL: "laadrapport"},
	KeyLanguage:    Text{EN: "language", JA: "言語", NL: "taal"},
	KeyRawXML:      Text{EN: "raw XML", JA: "XML 表示", NL: "ruwe XML"},
	KeyNextEvent:   Text{EN: "next event", JA: "次のイベント", NL: "volgende gebeurtenis"},
	KeyPrevEvent:   Text{EN: "previous event", JA: "前のイベント", NL: "vorige gebeurtenis"},
}

// ZoneRead says in which zone a file's times without a zone were read:
// zone (a model.ZoneLabel, sanitised) is one given by --tz, or, local, this
// machine's own. Never UTC unsaid: every report of a load says it this way.
func ZoneRead(zone string, local bool) Text {
	if local {
		return UI.ReportZoneLocal.Fill(zone)
	}
	return UI.ReportZone.Fill(zone)
}
