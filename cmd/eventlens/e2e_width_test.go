package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// widthLog is an Event Viewer XML export whose sources, computers and
// messages terminals draw differently from grapheme widths: half-width
// katakana with sound marks, emoji with skin-tone modifiers and ZWJ
// sequences, combining marks, Hangul.
func widthLog(t *testing.T) string {
	rows := []struct{ provider, computer, message string }{
		{"サービス コントロール マネージャー", "サーバー１号機ＡＢＣＤＥＦ", "サービスは予期せぬ原因により終了しました。これは 1 回目です。"},
		{"Service Control Manager", "HOST-ASCII-NAME", "plain ascii message"},
		{"ｻｰﾋﾞｽ半角カナ", "ﾎｽﾄ", "半角ｶﾀｶﾅﾒｯｾｰｼﾞ ｻｰﾋﾞｽ ｶﾞｲﾄﾞ ﾊﾟｽﾜｰﾄﾞ ﾃﾞｰﾀ ﾌﾟﾛｸﾞﾗﾑ"},
		{"e\u0301\u0301combining", "👨\u200d👩\u200d👧\u200d👦family", "emoji 👍🏽 and ZWJ 👨\u200d💻 zalgo Z̷̢̛a̸l̴g̵o̷ and more words to cut"},
		{"한국어 공급자", "컴퓨터", "한국어 메시지입니다 ✔\ufe0f ❤\ufe0f done"},
	}
	var b strings.Builder
	b.WriteString("<Events>")
	for i, r := range rows {
		fmt.Fprintf(&b, `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="%s"/><EventID>%d</EventID><Level>2</Level><TimeCreated SystemTime="2011-03-07T10:0%d:00Z"/><EventRecordID>%d</EventRecordID><Channel>System</Channel><Computer>%s</Computer></System><EventData><Data Name="p">%s</Data></EventData><RenderingInfo Culture="ja-JP"><Message>%s</Message></RenderingInfo></Event>`,
			r.provider, 4101+i, i, i+1, r.computer, r.message, r.message)
	}
	b.WriteString("</Events>")
	path := filepath.Join(t.TempDir(), "width.xml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// tmuxWidths prints each of lines in a tmux pane and asks the terminal
// where its cursor ended up (DSR): the cells tmux itself gives each line.
func tmuxWidths(t *testing.T, lines []string) []int {
	t.Helper()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "measure.sh")
	os.WriteFile(script, []byte(`stty -echo -icanon
while IFS= read -r line; do
	printf '\r\033[2K%s\033[6n' "$line"
	IFS='[;' read -r -s -d R _ _ col < /dev/tty
	echo $((col-1)) >> "$2"
done < "$1"
echo MEASURED
`), 0o755)
	// A server of its own: the viewer's may still be shutting down.
	s := &tmuxSession{t: t, socket: fmt.Sprintf("eventlens-measure-%d-%s", os.Getpid(), t.Name()), name: "m"}
	s.tmux("new-session", "-d", "-s", s.name, "-x", "400", "-y", "5", "-c", dir, "bash "+script+" "+in+" "+out+"; sleep 60")
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.waitFor("MEASURED")
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var widths []int
	for _, f := range strings.Fields(string(data)) {
		n, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("measure: %q", data)
		}
		widths = append(widths, n)
	}
	if len(widths) != len(lines) {
		t.Fatalf("measured %d of %d lines", len(widths), len(lines))
	}
	return widths
}

func TestE2EWidthColumns100(t *testing.T) { widthColumns(t, 100) }
func TestE2EWidthColumns61(t *testing.T)  { widthColumns(t, 61) }

// widthColumns opens a log of text terminals draw unlike its grapheme
// widths: in tmux every row's event ID ends in the same column, and every
// row fits the width (a cut message keeps its "…").
func widthColumns(t *testing.T, w int) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	log := widthLog(t)
	s := startTmux(t, w, 12, t.TempDir(), nil, "--lang", "ja", log)
	screen := s.waitSettled("ja", "4105")
	var prefixes, rows []string
	for _, ln := range strings.Split(screen, "\n") {
		for id := 4101; id <= 4105; id++ {
			if i := strings.Index(ln, " "+strconv.Itoa(id)+" "); i >= 0 {
				prefixes = append(prefixes, ln[:i+5])
				rows = append(rows, strings.TrimRight(ln, " "))
			}
		}
	}
	if len(prefixes) != 5 {
		t.Fatalf("%d rows with an ID, want 5:\n%s", len(prefixes), screen)
	}
	s.keys("q")
	s.waitFor("EXIT=0")
	widths := tmuxWidths(t, append(prefixes, rows...))
	t.Logf("ID column ends (tmux): %v; rows: %v", widths[:len(prefixes)], widths[len(prefixes):])
	for i := range prefixes {
		if widths[i] != widths[0] {
			t.Errorf("ID column ends at %d, not %d like the first row's:\n%s\n%s", widths[i], widths[0], prefixes[0], prefixes[i])
		}
	}
	for i, rw := range widths[len(prefixes):] {
		if rw > w {
			t.Errorf("row %d is %d cells wide in tmux, the terminal %d:\n%s", i, rw, w, rows[i])
		}
	}
	// The emoji row's message is cut and shows it.
	if !strings.HasSuffix(rows[3], "…") {
		t.Errorf("the cut emoji message lost its …:\n%s", screen)
	}
}
