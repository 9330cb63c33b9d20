package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// syncBuffer is a bytes.Buffer safe for concurrent writers and readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testKey is a user key pair with its authorized_keys line.
type testKey struct {
	signer gossh.Signer
	line   string
}

func newTestKey(t testing.TB, comment string) testKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + comment
	return testKey{signer: signer, line: line}
}

// testServer is a server on 127.0.0.1:0 with its log.
type testServer struct {
	*Server
	addr    string
	log     *syncBuffer
	dir     string
	keys    string // authorized_keys path
	served  chan error
	hostPub gossh.PublicKey
}

// startServer runs a server with the given authorized keys; edit may change
// the config before New.
func startServer(t testing.TB, keys []testKey, edit func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	var lines []string
	for _, k := range keys {
		lines = append(lines, k.line)
	}
	akPath := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(akPath, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	logBuf := &syncBuffer{}
	cfg := Config{
		AuthorizedKeys: akPath,
		HostKey:        filepath.Join(dir, "host", "ssh_host_ed25519_key"),
		Logger:         slog.New(slog.NewTextHandler(logBuf, &slog.HandlerOptions{Level: slog.LevelDebug})),
		NewModel:       newEchoModel,
	}
	if edit != nil {
		edit(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: s, addr: l.Addr().String(), log: logBuf, dir: dir, keys: akPath,
		served: make(chan error, 1), hostPub: s.hostKey.PublicKey()}
	go func() { ts.served <- s.Serve(l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.Shutdown(ctx)
		if t.Failed() {
			t.Logf("server log:\n%s", logBuf.String())
		}
	})
	return ts
}

func (ts *testServer) dial(user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            user,
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(ts.hostPub),
		Timeout:         patience,
	})
}

func (ts *testServer) mustDial(t testing.TB, k testKey) *gossh.Client {
	t.Helper()
	c, err := ts.dial("whoever", gossh.PublicKeys(k.signer))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// shell is an interactive session with a PTY, as ssh -t makes.
type shell struct {
	sess *gossh.Session
	in   io.WriteCloser
	out  *syncBuffer
	done chan error
}

func openShell(t testing.TB, c *gossh.Client, env map[string]string) *shell {
	t.Helper()
	sh, err := tryShell(c, env, true)
	if err != nil {
		t.Fatalf("shell: %v", err)
	}
	t.Cleanup(func() { sh.sess.Close() })
	return sh
}

func tryShell(c *gossh.Client, env map[string]string, pty bool) (*shell, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			sess.Close()
			return nil, fmt.Errorf("setenv %s: %w", k, err)
		}
	}
	if pty {
		if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			sess.Close()
			return nil, err
		}
	}
	out := &syncBuffer{}
	sess.Stdout, sess.Stderr = out, out
	in, err := sess.StdinPipe()
	if err != nil {
		sess.Close()
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		sess.Close()
		return nil, err
	}
	sh := &shell{sess: sess, in: in, out: out, done: make(chan error, 1)}
	go func() { sh.done <- sess.Wait() }()
	return sh, nil
}

// screen is the session's output so far, without escape sequences.
func (sh *shell) screen() string { return ansi.Strip(sh.out.String()) }

// patience is how long a test waits for the server to do something. It is
// a deadline, not a timed assertion: a passing test never waits it out, and
// under the race detector on two busy cores a moment's work can take
// seconds.
const patience = 2 * time.Minute

func (sh *shell) waitFor(t testing.TB, want string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		if strings.Contains(sh.screen(), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %q; screen:\n%q", want, sh.screen())
}

func (sh *shell) send(t testing.TB, s string) {
	t.Helper()
	if _, err := io.WriteString(sh.in, s); err != nil {
		t.Fatalf("send %q: %v", s, err)
	}
}

// wait returns the session's exit status once it ends.
func (sh *shell) wait(t testing.TB) int {
	t.Helper()
	select {
	case err := <-sh.done:
		var ee *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		default:
			t.Fatalf("session ended without status: %v", err)
		}
	case <-time.After(patience):
		t.Fatalf("session did not end; screen:\n%q", sh.screen())
	}
	return -1
}

// echoModel is the test UI: it shows who it serves and the keys it got,
// quits on q, panics on p (in Update) and c (in a command), and exports on e.
type echoModel struct {
	s      Session
	keys   string
	export string
}

func newEchoModel(s Session) tea.Model { return &echoModel{s: s} }

func (m *echoModel) Init() tea.Cmd { return nil }

func (m *echoModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch k.String() {
	case "q":
		return m, tea.Quit
	case "p":
		panic("test panic in Update")
	case "c":
		return m, tea.Batch(nil, func() tea.Msg { panic("test panic in a command") })
	case "e":
		switch {
		case m.s.Export == nil:
			m.export = "disabled"
		default:
			err := m.s.Export("report.csv", false, func(w io.Writer) error {
				_, err := io.WriteString(w, "id,user\n1,"+m.s.User+"\n")
				return err
			})
			m.export = "ok"
			if err != nil {
				m.export = "error"
			}
		}
	default:
		m.keys += k.String()
	}
	// Redraw everything so the test sees whole lines, not the renderer's
	// minimal updates.
	return m, tea.ClearScreen
}

func (m *echoModel) View() tea.View {
	return tea.NewView(fmt.Sprintf("hello %s lang=%s size=%dx%d keys=[%s] export=%s.",
		m.s.User, m.s.Lang.Code(), m.s.Width, m.s.Height, m.keys, m.export))
}
