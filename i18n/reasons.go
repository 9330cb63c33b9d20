package i18n

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"

	"eventlens/i18n/reason"
)

// reasonTexts says each reason.Kind in Japanese and Dutch; the English is
// reason's own (Kind.Format).
var reasonTexts = map[reason.Kind]struct{ JA, NL string }{
	reason.QuoteNoSpace:   {"閉じ引用符の後には空白が必要です", "na het sluitende aanhalingsteken moet een spatie staan"},
	reason.QuoteOpen:      {"引用符が閉じていません", "aanhalingsteken niet gesloten"},
	reason.ExcludeNothing: {`"-" の後には除外する条件が必要です`, `na "-" moet een term volgen om uit te sluiten`},
	reason.DataNoName:     {"data. には項目名が必要です（例：data.ServiceName:値）", "data. heeft een itemnaam nodig, zoals data.ServiceName:waarde"},
	reason.UnknownField: {"不明なフィールド %[1]s です（フィールド：id level class src ch host cat vm data.NAME after before）。コロンを含む文字列を検索するには引用符で囲んでください",
		"onbekend veld %[1]s (velden: id level class src ch host cat vm data.NAAM after before); zet tekst met een dubbele punt tussen aanhalingstekens om ernaar te zoeken"},
	reason.NoValue:  {"%[1]s: 値が必要です", "%[1]s: heeft een waarde nodig"},
	reason.BadID:    {"id: %[1]s はイベント ID（0–65535）でも 4000-4100 のような範囲でもありません", "id: %[1]s is geen gebeurtenis-ID (0–65535) of bereik zoals 4000-4100"},
	reason.BadLevel: {"level: %[1]s はレベルではありません（critical、error、warning、information、verbose または数値）", "level: %[1]s is geen niveau (critical, error, warning, information, verbose of een getal)"},
	reason.BadClass: {"class: %[1]s は分類ではありません（harmless、update、conditional、attention、known-issue、unknown）", "class: %[1]s is geen klasse (harmless, update, conditional, attention, known-issue, unknown)"},
	reason.BadRelTime: {"%[1]s: %[2]s は -30m、-24h、-7d、-2w のような相対時間ではありません",
		"%[1]s: %[2]s is geen relatieve tijd zoals -30m, -24h, -7d of -2w"},
	reason.BadTime: {`%[1]s: %[2]s は時刻ではありません。2011-06-01、"2011-06-01 12:00"、2011-06-01T12:00:00Z、-24h のように書いてください`,
		`%[1]s: %[2]s is geen tijd: gebruik 2011-06-01, "2011-06-01 12:00", 2011-06-01T12:00:00Z of -24h`},
	reason.EmptyFile: {"空のファイル（0 バイト）", "leeg bestand (0 bytes)"},
	reason.NotALog: {"EVTX ファイル、旧形式の .evt ログ、イベント ビューアーの XML・CSV・TXT エクスポートのいずれでもありません（先頭：%[1]s）",
		"geen EVTX-bestand, oud .evt-logboek of Event Viewer-export in XML, CSV of TXT (begint met %[1]s)"},
	reason.IsDirectory: {"ディレクトリであり、通常のファイルではありません：開きません", "een map, geen gewoon bestand: niet geopend"},
	reason.IsNamedPipe: {"名前付きパイプ（FIFO）であり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een named pipe (FIFO), geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsSocket: {"ソケットであり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een socket, geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsCharDevice: {"キャラクター デバイスであり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een tekenapparaat (character device), geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsBlockDevice: {"ブロック デバイスであり、通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"een blokapparaat (block device), geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.IsIrregular: {"通常のファイルではありません：開きません（先にファイルへコピーしてください）",
		"geen gewoon bestand: niet geopend (kopieer het eerst naar een bestand)"},
	reason.TooLarge:     {"%[1]s MiB を超えるファイルです。読み込みません", "bestand groter dan %[1]s MiB; niet gelezen"},
	reason.TimeMissing:  {"%[1]s がありません：日時は不明です", "geen %[1]s: tijd onbekend"},
	reason.TimeInvalid:  {"%[1]s の値 %[2]s は日時ではありません：日時は不明です", "%[1]s %[2]s is geen tijd: tijd onbekend"},
	reason.TimeMore:     {"ほかに日時不明のまま読み込んだイベント（一覧にないもの）：%[1]s 件", "meer gebeurtenissen geladen met onbekende tijd, niet vermeld: %[1]s"},
	reason.NotFound:     {"そのようなファイルやディレクトリはありません", "bestand of map bestaat niet"},
	reason.NoPermission: {"アクセス権がありません", "toegang geweigerd"},

	// What a loader skipped or could not decode.
	reason.Detail: {"%[1]s", "%[1]s"},
	reason.Both:   {"%[1]s。%[2]s", "%[1]s; %[2]s"}, // each part is a sentence of its own in Japanese
	reason.Comma:  {"%[1]s、%[2]s", "%[1]s, %[2]s"},
	reason.SlotTruncated: {"ファイルが 64 KiB スロット %[2]s の %[1]s バイト目で終わっています。途中で切れており、読み取れるものはありません",
		"bestand eindigt %[1]s bytes in 64 KiB-blok %[2]s: afgekapt, daar valt niets te lezen"},
	reason.SlotNoChunk: {"64 KiB スロット %[1]s にはチャンクのシグネチャもレコードもありません（先頭：%[2]s）。スロットを飛ばしました",
		"geen chunksignatuur en geen record in 64 KiB-blok %[1]s (gevonden: %[2]s); blok overgeslagen"},
	reason.SlotNoChunkTruncated: {"ファイルが 64 KiB スロット %[2]s の %[1]s バイト目で終わっており、そこにチャンクはありません。途中で切れています",
		"bestand eindigt %[1]s bytes in 64 KiB-blok %[2]s, waarin geen chunk staat: afgekapt"},
	reason.ChunkScanError: {"チャンクを探す途中で読み取りエラー：%[1]s", "leesfout bij het zoeken naar chunks: %[1]s"},
	reason.NoChunk:        {"EVTX のチャンクが見つかりません", "geen EVTX-chunk gevonden"},
	reason.ChunkReadError: {"%[1]s バイト読んだところで読み取りエラー：%[2]s", "leesfout na %[1]s bytes: %[2]s"},
	reason.ChunkTruncated: {"チャンクがファイルの終わりで切れています（%[2]s バイト中 %[1]s バイト）。完全なレコードは読み込みました",
		"chunk afgekapt aan het einde van het bestand (%[1]s van %[2]s bytes); volledige records gelezen"},
	reason.ChunkShort:    {"チャンクが 512 バイトのヘッダーより短いです", "chunk korter dan zijn header van 512 bytes"},
	reason.ChunkNotFound: {"チャンクのシグネチャがなく、オフセット 0x200 にレコードもありません", "geen chunksignatuur en geen record op offset 0x200"},
	reason.ChunkHeader: {"チャンク ヘッダー：%[1]s。レコードはレコードのつながりをたどって読み込みました",
		"chunkheader: %[1]s; records gelezen door de recordketen te volgen"},
	reason.ChunkBadSignature: {"チャンクのシグネチャが正しくありません", "onjuiste chunksignatuur"},
	reason.ChunkHeaderSize:   {"ヘッダー サイズが 128 ではなく %[1]s です", "headergrootte %[1]s in plaats van 128"},
	reason.ChunkLastOffset:   {"最後のレコードのオフセット %[1]s がチャンクの終わりを越えています", "offset %[1]s van het laatste record ligt voorbij het einde van de chunk"},
	reason.TemplateTable: {"テンプレート表：%[1]s。チャンクは eventlens 独自の BinXML デコーダーでデコードしました",
		"sjabloontabel: %[1]s; chunk gedecodeerd met de eigen BinXML-decoder van eventlens"},
	reason.ReadBudget: {"golang-evtx はこのチャンクに %[1]s 回を超える読み取りを必要としました。このチャンクの以降のレコードを golang-evtx はデコードしません",
		"golang-evtx had meer dan %[1]s leesacties nodig voor deze chunk; het decodeert geen verdere records ervan"},
	reason.RecordsCut: {"%[1]s 件のレコード（ID %[2]s～%[3]s）を途中で打ち切りました：%[4]s。打ち切りまでにデコードした内容で保持しています",
		"%[1]s records (ID's %[2]s tot %[3]s) afgebroken: %[4]s; bewaard met wat vóór de onderbreking gedecodeerd was"},
	reason.TemplateExpansion: {"テンプレートの展開がレコードあたり %[1]s KiB またはチャンクあたり %[2]s KiB を超えたため、レコードを打ち切りました（細工されたか壊れたテンプレート）",
		"sjabloonuitbreiding boven %[1]s KiB per record of %[2]s KiB per chunk: record afgebroken (gemanipuleerde of beschadigde sjablonen)"},
	reason.NoEVTXSignature: {"EVTX ファイルのシグネチャがありません（先頭：%[1]s）。ファイル ヘッダーは無視し、チャンクはそのまま読み込みました",
		"geen EVTX-bestandssignatuur (gevonden: %[1]s); bestandsheader genegeerd, chunks toch gelezen"},
	reason.BadRecordToEnd: {"チャンク オフセット %[1]s のレコードが正しくありません：%[3]s。レコード領域の終わりまで %[2]s バイトを飛ばしました",
		"onjuist record op chunkoffset %[1]s: %[3]s; %[2]s bytes overgeslagen tot het einde van de records"},
	reason.BadRecordNext: {"チャンク オフセット %[1]s のレコードが正しくありません：%[4]s。%[2]s バイトを飛ばしました。次のレコードは %[3]s にあります",
		"onjuist record op chunkoffset %[1]s: %[4]s; %[2]s bytes overgeslagen, volgend record op %[3]s"},
	reason.RecordHeaderPastEnd: {"レコード ヘッダーがチャンクの終わりを越えています", "recordheader ligt voorbij het einde van de chunk"},
	reason.RecordBadMagic:      {"レコードのシグネチャ %[1]s が正しくありません", "onjuiste recordsignatuur %[1]s"},
	reason.RecordSizeZero:      {"レコード サイズが 0 です", "recordgrootte is 0"},
	reason.RecordTooSmall:      {"レコード サイズ %[1]s が最小値 %[2]s を下回っています", "recordgrootte %[1]s is kleiner dan het minimum %[2]s"},
	reason.RecordCutByEOF: {"%[1]s バイトのレコードがファイルの終わりで切れています（残っているのは %[2]s バイト）",
		"record van %[1]s bytes afgebroken door het einde van het bestand (%[2]s bytes aanwezig)"},
	reason.RecordPastChunk:    {"レコード サイズ %[1]s がチャンクの終わりを越えています", "recordgrootte %[1]s loopt voorbij het einde van de chunk"},
	reason.RecordSizeMismatch: {"レコード サイズ %[1]s が末尾の写し %[2]s と一致しません", "recordgrootte %[1]s komt niet overeen met de kopie aan het eind, %[2]s"},
	reason.RecordZeroBytes:    {"レコードがあるはずの場所がすべてゼロ バイトです", "nulbytes waar records horen te staan"},
	reason.RecordsListed: {"%[3]s（チャンク ヘッダーには ID %[1]s までのレコードが記されていますが、見つかった最後のレコードは %[2]s です）",
		"%[3]s (de chunkheader noemt records tot ID %[1]s, het laatst gevonden is %[2]s)"},
	reason.StaleRecords: {"損傷したデータの先で、チャンク ヘッダーのレコード %[2]s～%[3]s の範囲外にある古いレコード %[1]s 件（ID %[4]s）が見つかりました。以前にこのチャンクが使われたときの残りで、このログのレコードではありません。飛ばしました",
		"%[1]s verouderde records (ID's %[4]s) gevonden voorbij beschadigde gegevens, buiten de records %[2]s–%[3]s van de chunkheader: restanten van een eerder gebruik van de chunk, geen records van dit logboek; overgeslagen"},
	reason.DecoderError:      {"eventlens デコーダー：%[1]s", "eventlens-decoder: %[1]s"},
	reason.LibraryError:      {"golang-evtx：%[1]s", "golang-evtx: %[1]s"},
	reason.DecodedPartly:     {"%[1]s。eventlens 独自の BinXML デコーダーで読める所までデコードしました", "%[1]s; gedecodeerd met de eigen BinXML-decoder van eventlens, voor zover die komt"},
	reason.DecodedOwn:        {"%[1]s。eventlens 独自の BinXML デコーダーですべてデコードしました", "%[1]s; volledig gedecodeerd met de eigen BinXML-decoder van eventlens"},
	reason.KeptUndecoded:     {"%[1]s。デコードせずに保持しています", "%[1]s; ongedecodeerd bewaard"},
	reason.XMLReaderFailed:   {"XML の読み込み処理が失敗しました：%[1]s", "XML-lezer mislukt: %[1]s"},
	reason.TextReaderFailed:  {"テキスト エクスポートの読み込み処理が失敗しました：%[1]s", "lezer voor tekstexports mislukt: %[1]s"},
	reason.EVTReaderFailed:   {".evt の読み込み処理が失敗しました：%[1]s", ".evt-lezer mislukt: %[1]s"},
	reason.XMLReadError:      {"読み取りエラー：%[1]s", "leesfout: %[1]s"},
	reason.NoEventElement:    {"<Event> 要素が見つかりません", "geen <Event>-element gevonden"},
	reason.EventCut:          {"%[1]s 行目の <Event> は読み込みましたが、一部を省きました：%[2]s", "<Event> op regel %[1]s geladen, maar ingekort: %[2]s"},
	reason.EventMalformed:    {"%[1]s 行目の <Event> は形が崩れているため飛ばしました：%[2]s", "misvormd <Event> op regel %[1]s overgeslagen: %[2]s"},
	reason.XMLNotClosedAtEOF: {"ファイルの終わりまでに要素が閉じていません", "element niet gesloten vóór het einde van het bestand"},
	reason.XMLTooLarge:       {"%[1]s MiB を超える要素です", "element groter dan %[1]s MiB"},
	reason.XMLEmptyEvent:     {"空の <Event/> 要素にはイベントがありません", "een leeg <Event/>-element bevat geen gebeurtenis"},
	reason.XMLNotEvent:       {"<Event> 要素ではありません", "geen <Event>-element"},
	reason.XMLNotClosedBeforeEvent: {"要素が %[1]s 行目の <Event> までに閉じていません。その <Event> は次のイベントとして読み込みます",
		"element niet gesloten vóór het <Event> op regel %[1]s, dat als de volgende gebeurtenis wordt gelezen"},
	reason.EventTimeUnknown: {"%[1]s 行目の <Event> は読み込みました：%[2]s", "<Event> op regel %[1]s geladen: %[2]s"},
	reason.EventNested: {"%[1]s 行目の <Event> は UserData 内に <Event> 要素を含んでいます（%[2]s 行目）。XML の読み方どおりそのイベントのデータとして読み込み、別のイベントとはしません",
		"<Event> op regel %[1]s bevat een <Event>-element in zijn UserData (regel %[2]s): gelezen als gegevens van die gebeurtenis, zoals XML het leest, niet als een eigen gebeurtenis"},
	reason.XMLSyntax: {"%[1]s 行目：%[2]s", "regel %[1]s: %[2]s"},
	reason.CutDeep:   {"%[1]s 階層より深い入れ子の要素を省きました", "elementen dieper genest dan %[1]s niveaus weggelaten"},
	reason.CutMany:   {"最初の %[1]s 個より後の要素を省きました", "elementen na de eerste %[1]s weggelaten"},
	reason.CutLong:   {"%[1]s MiB を超える値を切り詰めました", "waarden langer dan %[1]s MiB ingekort"},
	reason.CutFields: {"最初の %[2]s 個より後のフィールド %[1]s 個を省きました", "%[1]s velden na de eerste %[2]s weggelaten"},
	reason.CacheDamaged: {"インデックス キャッシュのエントリが %[2]s 件中 %[1]s 件目の後で壊れていました。残りは読み込んでいません（エントリは削除しました。ファイルを開き直すか、--no-cache を使ってください）",
		"indexcache-item beschadigd na %[1]s van %[2]s gebeurtenissen; de rest is niet geladen (het item is verwijderd: open het bestand opnieuw of gebruik --no-cache)"},

	// A legacy .evt file.
	reason.EVTRecordBad:       {"レコードのシグネチャはありますが、%[1]s（%[2]s）。飛ばしました", "recordsignatuur gevonden, maar %[1]s (%[2]s); overgeslagen"},
	reason.EVTRecordDamaged:   {"壊れたレコードです（%[1]s）。読める所まで保持しています", "beschadigd record (%[1]s); bewaard voor zover leesbaar"},
	reason.EVTFixedPart:       {"固定部分が途中で切れています", "het vaste deel is afgekapt"},
	reason.EVTSource:          {"ソース名が読めません", "de bronnaam is onleesbaar"},
	reason.EVTComputer:        {"コンピューター名が読めません", "de computernaam is onleesbaar"},
	reason.EVTSizeImplausible: {"ありえないレコード サイズ %[1]s", "onwaarschijnlijke recordgrootte %[1]s"},
	reason.EVTSizePastEnd:     {"%[1]s バイトのレコードがファイルの終わりを越えています", "record van %[1]s bytes loopt voorbij het einde van het bestand"},
	reason.EVTSizeEnds:        {"先頭のサイズは %[1]s、末尾のサイズは %[2]s", "grootte %[1]s aan het begin maar %[2]s aan het eind"},
	reason.EVTNoHeader: {".evt のファイル ヘッダーがありません（ファイルがレコードから始まっています）。レコードは先頭から読み込みました",
		"geen .evt-bestandsheader (het bestand begint met een record); records vanaf het begin gelezen"},
	reason.EVTFileShort: {"ファイルは %[1]s バイトで終わっていますが、ヘッダーによると終端レコードはオフセット %[2]s にあります。このコピーは途中で切れています",
		"bestand eindigt na %[1]s bytes, maar volgens de header staat het eindrecord op offset %[2]s: de kopie is afgekapt"},
	reason.EVTNoEOFRecord: {"ヘッダーが示す場所に終端レコードがありません。このコピーはそこで切れているか壊れています",
		"geen eindrecord waar de header het plaatst: de kopie is daar afgekapt of beschadigd"},
	reason.EVTNoRoom: {"ヘッダーの後に %[1]s バイトしかなく、レコードの入る余地がありません", "slechts %[1]s bytes na de header: geen ruimte voor een record"},
	reason.EVTSignaturesNoRoom: {"後ろにレコードの入る余地がないレコード シグネチャ %[1]s 個を飛ばしました（最初のものはこのオフセット）",
		"%[1]s recordsignaturen zonder ruimte voor een record erachter overgeslagen (de eerste op deze offset)"},
	reason.EVTGap: {"レコード %[2]s と %[3]s の間の %[1]s バイトには読めるレコードがありません。飛ばしました",
		"%[1]s bytes tussen records %[2]s en %[3]s bevatten geen leesbaar record; overgeslagen"},
	reason.EVTGapLost: {"レコード %[2]s と %[3]s の間の %[1]s バイトには読めるレコードがありません（%[4]s が失われています）。飛ばしました",
		"%[1]s bytes tussen records %[2]s en %[3]s bevatten geen leesbaar record (%[4]s verloren); overgeslagen"},
	reason.EVTNoneFound: {"ヘッダーには %[1]s が記されていますが、1 件も見つかりません", "de header noemt %[1]s, maar geen ervan is gevonden"},
	reason.EVTOldestMissing: {"ヘッダーではレコードは %[1]s からですが、見つかった最も古いものは %[2]s です。%[3]s が失われています",
		"de header noemt records vanaf %[1]s, maar het oudste gevonden is %[2]s: %[3]s verloren"},
	reason.EVTNewestMissing: {"ヘッダーではレコードは %[1]s までですが、見つかった最も新しいものは %[2]s です。%[3]s が失われています",
		"de header noemt records tot en met %[1]s, maar het nieuwste gevonden is %[2]s: %[3]s verloren"},
	reason.OneRecord:           {"レコード %[1]s", "record %[1]s"},
	reason.RecordRange:         {"レコード %[1]s～%[2]s", "records %[1]s–%[2]s"},
	reason.MoreProblems:        {"このファイルのほかの問題 %[1]s 件は一覧にありません", "nog %[1]s problemen in dit bestand niet vermeld"},
	reason.MoreProblemsCounted: {"このファイルのこれ以降の問題は数えますが、一覧にはしません", "verdere problemen in dit bestand worden geteld maar niet vermeld"},

	// An Event Viewer CSV/TXT export.
	reason.TextQuoteAtEOF: {"%[1]s 行目：引用符で囲んだフィールドがファイルの終わりまでに閉じていません。行を飛ばしました",
		"regel %[1]s: veld tussen aanhalingstekens niet gesloten vóór het einde van het bestand; rij overgeslagen"},
	reason.TextNotUTF8: {"%[1]s 行目：UTF-8 として正しくありません。このような行は %[2]s として読み込みます",
		"regel %[1]s: geen geldige UTF-8; zulke regels worden gelezen als %[2]s"},
	reason.TextRowTooLong: {"%[1]s 行目：%[2]s バイトを超える行です。飛ばしました", "regel %[1]s: rij langer dan %[2]s bytes; overgeslagen"},
	reason.TextQuoteNextRow: {"%[1]s 行目：引用符で囲んだフィールドが次の行（%[2]s 行目）までに閉じていません。行を飛ばしました",
		"regel %[1]s: veld tussen aanhalingstekens niet gesloten vóór de volgende rij op regel %[2]s; rij overgeslagen"},
	reason.TextLineCut: {"%[1]s 行目：%[2]s MiB を超える行です。フィールド %[3]s（%[4]s）をそこで %[5]s バイトに切り詰め、行は保持しました",
		"regel %[1]s: een regel langer dan %[2]s MiB; veld %[3]s (%[4]s) daar ingekort tot %[5]s bytes, rij bewaard"},
	reason.TextFieldCount: {"%[1]s 行目：フィールドが %[2]s 個しかありません（%[3]s 個以上が必要）。行を飛ばしました",
		"regel %[1]s: %[2]s velden, minstens %[3]s nodig; rij overgeslagen"},
	reason.TextNotDateTime: {"%[1]s 行目、フィールド %[2]s（%[3]s）：%[4]s は日時ではありません。行を飛ばしました",
		"regel %[1]s: veld %[2]s (%[3]s): %[4]s is geen datum en tijd; rij overgeslagen"},
	reason.TextNotEventID: {"%[1]s 行目、フィールド %[2]s（%[3]s）：%[4]s はイベント ID（0–65535）ではありません。行を飛ばしました",
		"regel %[1]s: veld %[2]s (%[3]s): %[4]s is geen gebeurtenis-ID (0–65535); rij overgeslagen"},
	reason.TextNotNumber: {"%[1]s 行目、フィールド %[2]s（%[3]s）：%[4]s は数値ではありません。行を飛ばしました",
		"regel %[1]s: veld %[2]s (%[3]s): %[4]s is geen getal; rij overgeslagen"},
	reason.TextNoDateColumn: {"%[1]s 行目：日付と時刻の列がありません。行を飛ばしました", "regel %[1]s: geen kolom Datum en tijd; rij overgeslagen"},
	reason.TextBadDateTime: {"%[1]s 行目、フィールド %[2]s（%[3]s）：%[4]s は有効な日時ではありません。行を飛ばしました",
		"regel %[1]s: veld %[2]s (%[3]s): %[4]s is geen geldige datum en tijd; rij overgeslagen"},
	reason.TextUnknownLevel: {"%[1]s 行目、フィールド %[2]s（%[3]s）：不明なレベル名 %[4]s です。レベル 0 として保持しました",
		"regel %[1]s: veld %[2]s (%[3]s): onbekende niveaunaam %[4]s; bewaard met niveau 0"},

	// Why an export file was not written, or its name refused.
	reason.FileExists:        {"ファイルが既に存在します（上書きしていません）", "bestand bestaat al (niet overschreven)"},
	reason.TargetIsDir:       {"ディレクトリを指しています。書き出すファイルのパスを指定してください", "verwijst naar een map, geen bestand: geef het pad van een bestand om naar te schrijven"},
	reason.ExistsNotRegular:  {"既に存在し、通常のファイルではありません", "bestaat al en is geen gewoon bestand"},
	reason.SyncDirFailed:     {"書き込みましたが、ディレクトリの同期に失敗しました：%[1]s", "geschreven, maar het synchroniseren van de map is mislukt: %[1]s"},
	reason.ExportTooLarge:    {"エクスポートが大きすぎます", "export te groot"},
	reason.ExportNameRefused: {"エクスポート名 %[1]s は使えません：%[2]s", "exportnaam %[1]s geweigerd: %[2]s"},
	reason.NameEmpty:         {"名前が空です", "lege naam"},
	reason.NameTooLong:       {"名前が長すぎます", "naam te lang"},
	reason.NameAbsolute:      {"絶対パスは使えません", "absolute paden zijn niet toegestaan"},
	reason.NameTooDeep:       {"ディレクトリの階層が深すぎます", "te veel mapniveaus"},
	reason.NameEmptyPart:     {"パスに空の要素があります", "leeg onderdeel in het pad"},
	reason.NameDots:          {`"." と ".." は使えません`, `"." en ".." zijn niet toegestaan`},
	reason.NameLeadingDot:    {"名前をドットで始めることはできません", "namen mogen niet met een punt beginnen"},
	reason.NameNotUTF8:       {"名前が UTF-8 として正しくありません", "naam is geen geldige UTF-8"},
	reason.NameEdges:         {"名前を空白で始めたり、ドットや空白で終えたりすることはできません", "namen mogen niet met een spatie beginnen of op een punt of spatie eindigen"},
	reason.NameControl:       {"制御文字は使えません", "stuurtekens zijn niet toegestaan"},
	reason.NameBidi:          {"文字の向きを変える制御文字は使えません", "tekens voor de schrijfrichting zijn niet toegestaan"},
	reason.NameChar:          {"文字 %[1]s は使えません", "teken %[1]s is niet toegestaan"},
	reason.NameDevice:        {"%[1]s は Windows で予約されたデバイス名です", "%[1]s is een gereserveerde apparaatnaam in Windows"},
	reason.NameNotDir:        {"ディレクトリではありません（シンボリック リンクはたどりません）", "is geen map (symbolische koppelingen worden niet gevolgd)"},

	// What is wrong in a catalog file; YAML keys and values as they are.
	reason.CatOneDocument:     {"'document' と 'entries' を持つ YAML ドキュメントがちょうど 1 つ必要です", "precies één YAML-document met 'document' en 'entries' verwacht"},
	reason.CatTooDeep:         {"%[1]s 桁より深く入れ子になっています。読み込みません", "dieper genest dan %[1]s kolommen; niet gelezen"},
	reason.CatTooManyBrackets: {"[ または { の入れ子が %[1]s を超えています。読み込みません", "meer dan %[1]s geneste [ of {; niet gelezen"},
	reason.CatWrongType:       {"型が違います（必要な型：%[1]s）", "verkeerd type: %[1]s verwacht"},
	reason.CatOutOfRange:      {"%[1]s は範囲外です（必要な値：%[2]s）", "%[1]s valt buiten het bereik: %[2]s verwacht"},
	reason.TypeUint16:         {"0～65535 の整数", "een geheel getal van 0 tot 65535"},
	reason.TypeInt:            {"整数", "een geheel getal"},
	reason.TypeText:           {"テキスト", "tekst"},
	reason.TypeBool:           {"true または false", "true of false"},
	reason.TypeList:           {"リスト", "een lijst"},
	reason.TypeMapping:        {"キーと値のマッピング", "een mapping van sleutels naar waarden"},
	reason.CatUnknownField:    {"不明なフィールド %[1]s", "onbekend veld %[1]s"},
	reason.CatMissingText:     {"テキストがありません（どのテキストにも ja、nl、en が必要です）", "tekst ontbreekt (elke tekst heeft ja, nl en en nodig)"},
	reason.CatBadChar:         {"制御文字または無効な文字 %[1]s があります", "stuurteken of ongeldig teken %[1]s"},
	reason.CatMissing:         {"ありません", "ontbreekt"},
	reason.CatDocID:           {"nec-hyperv-2011 のような小文字の ID が必要ですが、%[1]s です", "verwacht een id in kleine letters zoals nec-hyperv-2011, kreeg %[1]s"},
	reason.CatNoEntries:       {"エントリがありません", "geen items"},
	reason.CatEmptyEntry:      {"空のエントリです", "leeg item"},
	reason.CatEntryID:         {"nec.vmsmp-26 のような小文字の ID が必要ですが、%[1]s です", "verwacht een id in kleine letters zoals nec.vmsmp-26, kreeg %[1]s"},
	reason.CatDuplicateID:     {"ID %[1]s が重複しています（entries[%[2]s] にもあります）", "dubbele id %[1]s (ook entries[%[2]s])"},
	reason.CatClass: {"harmless、update、conditional、known-issue のいずれかが必要ですが、%[1]s です",
		"verwacht harmless, update, conditional of known-issue, kreeg %[1]s"},
	reason.CatLevel: {"critical、error、warning、information、verbose のいずれかが必要ですが、%[1]s です",
		"verwacht critical, error, warning, information of verbose, kreeg %[1]s"},
	reason.CatRole:       {"host または guest が必要ですが、%[1]s です", "verwacht host of guest, kreeg %[1]s"},
	reason.CatNoProvider: {"プロバイダーが少なくとも 1 つ必要です", "er is minstens één provider nodig"},
	reason.CatMatchTooWide: {"event_id または error_codes が必要です。ないと、そのプロバイダーのすべてのイベントに一致してしまいます",
		"heeft event_id of error_codes nodig, zodat het niet op elke gebeurtenis van een provider past"},
	reason.CatErrorCode:      {"0x800423F4 のような 32 ビットの 16 進コードが必要ですが、%[1]s です", "verwacht een 32-bits hexadecimale code zoals 0x800423F4, kreeg %[1]s"},
	reason.CatEmptyString:    {"空の文字列です", "lege tekenreeks"},
	reason.CatWording:        {"ja、nl、en のいずれかが必要ですが、%[1]s です", "verwacht ja, nl of en, kreeg %[1]s"},
	reason.CatInsertionNames: {"確認済みの挿入文字列には名前が必要です", "bevestigde invoegtekenreeksen hebben namen nodig"},
	reason.CatInsertionNumber: {"名前のある挿入文字列の番号（1～%[1]s）が必要ですが、%[2]s です",
		"verwacht het nummer van een benoemde invoegtekenreeks (1–%[1]s), kreeg %[2]s"},
	reason.CatWithin: {"5m のような期間（最大 24h）が必要ですが、%[1]s です", "verwacht een duur zoals 5m (hoogstens 24h), kreeg %[1]s"},
	reason.CatCheck: {"none、empty-names、restart-nearby、gone-after-restart のいずれかが必要ですが、%[1]s です",
		"verwacht none, empty-names, restart-nearby of gone-after-restart, kreeg %[1]s"},
	reason.CatConditionOnly:   {"condition を持てるのは class が conditional のエントリだけです", "alleen klasse conditional heeft een condition"},
	reason.CatConditionNeeded: {"class が conditional のエントリには condition が必要です（そのテキストが「harmless if …」の続きになります）", `klasse conditional heeft een condition nodig (de tekst maakt "harmless if …" af)`},
	reason.CatKB:              {"KB の後に数字が続く形が必要ですが、%[1]s です", "verwacht KB gevolgd door cijfers, kreeg %[1]s"},
	reason.CatRegistry:        {"key、name、type、value が必要です", "heeft key, name, type en value nodig"},
	reason.CatConfidence:      {"high、medium、low のいずれかが必要ですが、%[1]s です", "verwacht high, medium of low, kreeg %[1]s"},
	reason.CatSourceSection:   {"ありません。事実が文書のどこに書かれているかを記してください", "ontbreekt: zeg waar in het document de feiten staan"},
	reason.CatUnknownRelated:  {"不明なエントリ %[1]s", "onbekend item %[1]s"},
}

// reasonText is r's kind as a Text, its arguments not yet filled.
func reasonText(k reason.Kind) Text {
	t := reasonTexts[k]
	return Text{EN: k.Format(), JA: t.JA, NL: t.NL}
}

// SayError is err in l: a reason.Error as Say says it, an error that says
// itself in any language (In) in l, each error of a joined one on its own
// line; a *fs.PathError as its system error alone (missing and permission
// denied in l), the caller naming the file; any other error in its own
// text, English. A wrapped error is not looked into: its wrapper's words
// would be lost.
func SayError(err error, l Lang) string {
	switch e := err.(type) {
	case nil:
		return ""
	case *reason.Error:
		return Say(e.Reason, l)
	case interface{ Why() reason.Reason }:
		return Say(e.Why(), l)
	case interface{ In(Lang) string }:
		return e.In(l)
	case *fs.PathError:
		// Its operation and path are left out: whoever says it names the
		// file already ("x.evtx: not found", not "x.evtx: stat x.evtx: …").
		return SayError(e.Err, l)
	case syscall.Errno:
		switch {
		case errors.Is(e, fs.ErrNotExist):
			return Say(reason.New(reason.NotFound), l)
		case errors.Is(e, fs.ErrPermission):
			return Say(reason.New(reason.NoPermission), l)
		}
	case interface{ Unwrap() []error }:
		var lines []string
		for _, err := range e.Unwrap() {
			if err != nil {
				lines = append(lines, SayError(err, l))
			}
		}
		return strings.Join(lines, "\n")
	}
	return err.Error()
}

// Say is r in l.
func Say(r reason.Reason, l Lang) string {
	if r.IsZero() {
		return ""
	}
	f := reasonText(r.Kind).In(l)
	if f == "" {
		f = r.Kind.Format()
	}
	return r.Fill(f, func(p reason.Reason) string { return Say(p, l) })
}
