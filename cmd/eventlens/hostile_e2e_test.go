package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"eventlens/model"
)

// hostileCSV is an Event Viewer CSV export whose message tries to take
// over the terminal: set the title (OSC 0), write the clipboard (OSC 52),
// switch to the alternate screen and hide the cursor. (XML 1.0 cannot carry
// these controls; a CSV export can.)
const hostileCSV = "Level,Date and Time,Source,Event ID,Task Category\r\n" +
	"Information,6/1/2011 10:15:30 AM,Service Control Manager,7036,None," +
	"\"t\x1b]0;pwned\x07 c\x1b]52;c;cHduZWQ=\x07\x1b[?1049h\x1b[?25l\u202eevil\"\r\n"

// TestE2EExportToTerminal: an export printed to a terminal shows control
// characters as the viewer does and leaves the terminal alone; the same
// export into a pipe keeps the bytes (issue 14 item 6).
func TestE2EExportToTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hostile.csv"), []byte(hostileCSV), 0o644)
	// One shell runs every writer in turn: what one of them did to the
	// terminal (title, screen, cursor) would still show at the end.
	var script []string
	for _, args := range []string{"export --format csv", "export --format jsonl", "export --format xml", "export --format ecs", "triage"} {
		script = append(script, "'"+binPath+"' "+args+" hostile.csv")
	}
	s := startShell(t, 200, 50, dir, "env", "-i", "TERM=xterm-256color", "HOME="+dir, "XDG_CACHE_HOME="+t.TempDir(),
		"sh", "-c", strings.Join(script, " && "))
	screen := s.waitFor("EXIT=0")
	if title := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{pane_title}")); strings.Contains(title, "pwned") {
		t.Errorf("the output set the terminal title to %q", title)
	}
	if alt := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{alternate_on}")); alt != "0" {
		t.Errorf("the output switched to the alternate screen")
	}
	if cur := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{cursor_flag}")); cur != "1" {
		t.Errorf("the output hid the cursor")
	}
	if buf, _ := exec.Command("tmux", "-L", s.socket, "show-buffer").CombinedOutput(); bytes.Contains(buf, []byte("pwned")) {
		t.Errorf("the output wrote the clipboard")
	}
	if !strings.Contains(screen, "␛]0;pwned␇") {
		t.Errorf("controls not shown visibly:\n%s", screen)
	}

	// Into a pipe the CSV keeps the raw bytes.
	var out, errOut bytes.Buffer
	if code := run([]string{"export", "--format", "csv", filepath.Join(dir, "hostile.csv")}, nil, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "t\x1b]0;pwned\x07") {
		t.Errorf("CSV into a pipe lost the raw value:\n%q", out.String())
	}
}

// TestE2ESignalStopsLoad: SIGTERM or Ctrl+C stops a headless command whose
// load is busy, within a second (issue 14 item 4). The input is a 64 GiB
// sparse XML file that is one unterminated comment: reading it would take
// minutes and yields no event to stop at.
func TestE2ESignalStopsLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.xml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("<Events><!-- ")
	if err := f.Truncate(64 << 30); err != nil {
		f.Close()
		t.Skip("no sparse files here:", err)
	}
	f.Close()
	for _, tc := range []struct {
		sig  syscall.Signal
		args []string
	}{
		{syscall.SIGTERM, []string{"triage", big}},
		{syscall.SIGINT, []string{"export", "--format", "csv", "-o", filepath.Join(dir, "out.csv"), big}},
	} {
		cmd := exec.Command(binPath, tc.args...)
		cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir())
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Signal only once the load has opened the file: its signal
		// handler is in place then (it is set before the load starts).
		// A fixed sleep was not enough on a busy machine: the signal came
		// before the handler and killed the process outright.
		waitLoading(t, cmd.Process.Pid, big, done)
		sent := time.Now()
		cmd.Process.Signal(tc.sig)
		// The bound runs from the signal: the command stops within its
		// one-second grace; ten seconds leave room for a busy machine and
		// -race, and still tell a stop from a hang.
		select {
		case err := <-done:
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 128+int(tc.sig) {
				t.Errorf("%v: exit %v, want %d", tc.args[0], err, 128+int(tc.sig))
			}
			t.Logf("%v stopped %v after %v: %s", tc.args[0], ee, time.Since(sent).Round(time.Millisecond), strings.TrimSpace(stderr.String()))
		case <-time.After(time.Until(sent.Add(10 * time.Second))):
			cmd.Process.Kill()
			t.Fatalf("%v still running 10 s after %v", tc.args[0], tc.sig)
		}
		if _, err := os.Stat(filepath.Join(dir, "out.csv")); err == nil {
			t.Errorf("an interrupted export created its target")
		}
	}
}

// waitLoading waits until process pid has path open (Linux /proc), that is
// until its load is under way; elsewhere it waits a generous while. It
// fails the test if the process ends first (done) or never opens the file.
func waitLoading(t *testing.T, pid int, path string, done <-chan error) {
	t.Helper()
	fds := fmt.Sprintf("/proc/%d/fd", pid)
	if _, err := os.Stat(fds); err != nil {
		time.Sleep(2 * time.Second)
		return
	}
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(fds)
		for _, e := range ents {
			if target, err := os.Readlink(filepath.Join(fds, e.Name())); err == nil && target == path {
				return
			}
		}
		select {
		case err := <-done:
			t.Fatalf("ended before its load began: %v", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("did not open %s within a minute", path)
}

// TestE2ESignalStopsWrite: Ctrl+C while an export is writing (after the
// load) is still handled as a stop: exit 130 within the grace, said on
// standard error, not the runtime's silent death by signal. The export
// writes into a pipe nobody reads, so it blocks once the pipe is full.
func TestE2ESignalStopsWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	dir := t.TempDir()
	evs := make([]*model.Event, 3000)
	for i := range evs {
		evs[i] = &model.Event{RecordID: uint64(i + 1), Time: time.Date(2011, 6, 1, 10, 0, 0, i, time.UTC),
			Level: model.LevelInformation, Provider: "Service Control Manager", EventID: 7036, Channel: "System",
			Computer: "HV01", Decoded: true, Data: []model.Data{{Name: "param1", Value: "Windows Update"}, {Name: "param2", Value: "running"}}}
	}
	evtx := writeEVTX(t, dir, evs...)
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer outR.Close()
	errPath := filepath.Join(dir, "stderr")
	errFile, err := os.Create(errPath)
	if err != nil {
		t.Fatal(err)
	}
	defer errFile.Close()
	cmd := exec.Command(binPath, "export", "--no-cache", evtx)
	cmd.Stdout, cmd.Stderr = outW, errFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	outW.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// The load report is printed once the load is done, before the write.
	for deadline := time.Now().Add(time.Minute); ; {
		if b, _ := os.ReadFile(errPath); bytes.Contains(b, []byte("System.evtx: ")) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no load report within a minute")
		}
		select {
		case err := <-done:
			t.Fatalf("ended before it was signalled: %v (its output should not fit a pipe)", err)
		case <-time.After(20 * time.Millisecond):
		}
	}
	cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
			t.Errorf("exit %v, want %d", err, exitInterrupted)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running 10 s after Ctrl+C")
	}
	if b, _ := os.ReadFile(errPath); !bytes.Contains(b, []byte("stopped by interrupt")) {
		t.Errorf("standard error does not say it was stopped:\n%s", b)
	}
}
