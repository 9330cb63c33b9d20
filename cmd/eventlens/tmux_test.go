package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// binPath is the eventlens binary built once for the end-to-end tests.
var binPath string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "eventlens-e2e")
	if err != nil {
		panic(err)
	}
	binPath = filepath.Join(dir, "eventlens")
	// In-process runs and the binaries the tests start keep their index
	// cache here, never in the user's cache directory.
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	build := exec.Command("go", "build", "-o", binPath, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		os.RemoveAll(dir)
		panic("building eventlens: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// tmuxSession drives the real binary in a detached tmux session on a private
// server socket, as a person at a terminal would: keys in, screen out.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func startTmux(t *testing.T, width, height int, dir string, env []string, args ...string) *tmuxSession {
	t.Helper()
	// The command runs under env -i so the user's locale and colour settings
	// do not leak into the test.
	cmd := append([]string{"env", "-i", "TERM=xterm-256color", "HOME=" + t.TempDir(), "XDG_CACHE_HOME=" + t.TempDir()}, env...)
	return startShell(t, width, height, dir, append(append(cmd, binPath), args...)...)
}

// startShell runs command (words, quoted for the shell) in a new tmux
// session; "; echo EXIT=$?; sleep" keeps the pane to read the exit code.
func startShell(t *testing.T, width, height int, dir string, command ...string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed (.ci/run installs it: apt-get install tmux)")
	}
	// A private server per test: sessions of one test never see another's.
	s := &tmuxSession{t: t, socket: fmt.Sprintf("eventlens-test-%d-%s", os.Getpid(), t.Name()), name: "e2e"}
	quoted := make([]string, len(command))
	for i, w := range command {
		quoted[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	line := strings.Join(quoted, " ") + "; echo EXIT=$?; sleep 60"
	s.tmux("new-session", "-d", "-s", s.name, "-x", strconv.Itoa(width), "-y", strconv.Itoa(height), "-c", dir, line)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names (e.g. "Enter", "Escape", "/").
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

// text types literal text.
func (s *tmuxSession) text(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", s.name, "-l", text)
}

func (s *tmuxSession) screen() string {
	s.t.Helper()
	return s.tmux("capture-pane", "-p", "-t", s.name)
}

// patience is how long a test waits for a screen to appear. It is a
// deadline, not a timed assertion: a passing test never waits it out, and on
// two cores busy with the race detector and other packages' tests a screen
// can take many seconds to come.
const patience = 2 * time.Minute

// waitFor polls the screen until it shows every one of wants at once, and
// fails the test with the last screen after patience. Polling, not
// sleeping, keeps the test fast on a quick machine and patient on a slow
// one. Wait for the state the test means, not a fragment an earlier or
// intermediate screen also shows: "3 of 28" can show while "id" of "id:32"
// is typed, "filter> id:32" only once all of it is.
func (s *tmuxSession) waitFor(wants ...string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("%q", wants), func(screen string) bool {
		for _, w := range wants {
			if !strings.Contains(screen, w) {
				return false
			}
		}
		return true
	})
}

// waitUntil polls the screen until ok accepts it; what names the state for
// the failure message.
func (s *tmuxSession) waitUntil(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(patience)
	var screen string
	for time.Now().Before(deadline) {
		screen = s.screen()
		if ok(screen) {
			return screen
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("screen never showed %s; last screen:\n%s", what, screen)
	return ""
}

// busyWords are what the viewer's status line (above the help line) says, per language, while
// the load or the catalog's final pass is still running.
var busyWords = map[string][]string{
	"en": {"Loading", "Classifying"},
	"ja": {"読み込み中", "分類中"},
}

// waitSettled waits for the viewer to show want with the load and the
// catalog's final pass both finished (lang is the viewer's language): keys
// sent before then act on rows that are still being added or reordered.
func (s *tmuxSession) waitSettled(lang, want string) string {
	s.t.Helper()
	return s.waitUntil(fmt.Sprintf("%q with the load and classification finished", want), func(screen string) bool {
		lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
		if !strings.Contains(screen, want) || len(lines) < 2 {
			return false
		}
		status := lines[len(lines)-2] // above the help line
		for _, w := range busyWords[lang] {
			if strings.Contains(status, w) {
				return false
			}
		}
		return true
	})
}
