package export

import (
	"bufio"
	"encoding/csv"
	"iter"
	"strconv"
	"strings"
	"unicode"

	"eventlens/model"
)

// columns is the CSV header, the same names and order as the JSON keys.
var columns = []string{
	"file", "offset", "record_id", "time", "level", "level_number",
	"provider", "provider_guid", "event_source_name", "event_id", "qualifiers", "version",
	"channel", "computer", "user_sid", "task", "opcode", "keywords", "process_id", "thread_id",
	"data", "userdata", "binary", "message", "message_culture", "message_source", "class", "catalog_id", "decoded", "error",
}

// Defuse makes a CSV cell safe from formula injection: a cell a
// spreadsheet might run as a formula gets a leading apostrophe, so Excel,
// LibreOffice and Google Sheets show it as text. That is a cell whose first
// character is a line break or tab (which spreadsheets skip), or whose
// first character after any white space or invisible formatting is = + - @
// in any width (＝ ＋ － ＠, the small forms ﹦ ﹢ ﹣ ﹫, the minus sign −).
// Other cells are returned unchanged.
func Defuse(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '\t', '\r', '\n', '\v', '\f':
		return "'" + cell
	}
	for _, r := range cell {
		switch {
		case strings.ContainsRune("=+-@＝＋－＠﹦﹢﹣﹫−", r):
			return "'" + cell
		case unicode.IsSpace(r) || unicode.Is(unicode.Cf, r):
			continue // spaces, NBSP, ideographic space; zero-width and BOM
		}
		return cell
	}
	return cell
}

// dataText joins data items as "Name=Value; Name=Value" (an unnamed item is
// just its value). It is for reading, not parsing back: JSON Lines keeps the
// items exactly.
func dataText(ds []model.Data) string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteString("; ")
		}
		if d.Name != "" {
			b.WriteString(d.Name)
			b.WriteByte('=')
		}
		b.WriteString(d.Value)
	}
	return b.String()
}

func writeCSV(w *bufio.Writer, events iter.Seq[*model.Event], opts *Options) error {
	cw := csv.NewWriter(w) // RFC 4180 quoting; LF line ends keep values' own CR LF intact
	if err := cw.Write(columns); err != nil {
		return err
	}
	row := make([]string, len(columns))
	u := strconv.FormatUint
	for e := range events {
		qual := ""
		if e.HasQualifiers {
			qual = u(uint64(e.Qualifiers), 10)
		}
		off := "" // unknown (-1): empty, so every cell can go through Defuse
		if e.Offset >= 0 {
			off = strconv.FormatInt(e.Offset, 10)
		}
		m := opts.message(e)
		row = append(row[:0],
			e.File, off, u(e.RecordID, 10), timeText(e.Time), e.Level.String(), u(uint64(e.Level), 10),
			e.Provider, e.ProviderGUID, e.EventSourceName, u(uint64(e.EventID), 10), qual, u(uint64(e.Version), 10),
			e.Channel, e.Computer, e.UserSID, u(uint64(e.Task), 10), u(uint64(e.Opcode), 10), keywordsText(e.Keywords),
			u(uint64(e.ProcessID), 10), u(uint64(e.ThreadID), 10),
			dataText(e.Data), dataText(e.UserData), e.Binary, m.Text, m.Culture, m.Origin.String(), e.Class.String(), e.CatalogID,
			strconv.FormatBool(e.Decoded), e.DecodeError,
		)
		for i := range row {
			row[i] = Defuse(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
