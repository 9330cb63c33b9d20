package serve

import (
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// floodWindowChanges opens a session with a PTY, sends n window-change
// requests and, with shell, starts the shell after them.
func floodWindowChanges(t *testing.T, c *gossh.Client, n int, shell bool) *gossh.Session {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		if err := sess.WindowChange(24+i%10, 80); err != nil {
			t.Fatalf("window-change %d: %v", i, err)
		}
	}
	if shell {
		done := make(chan error, 1)
		go func() { done <- sess.Shell() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("shell after %d window changes: %v", n, err)
			}
		case <-time.After(patience):
			t.Fatalf("shell request unanswered after %d window changes", n)
		}
	}
	return sess
}

// TestWindowChangeFlood: thousands of window-change requests neither block
// a session nor keep its slots once its connection ends (issue 14 item 10:
// three such clients locked everyone out).
func TestWindowChangeFlood(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, func(c *Config) {
		c.MaxConns = 3
		c.MaxSessionsPerKey = 3
	})
	// A flood before the shell, and one during the UI: both sessions still
	// work.
	c := ts.mustDial(t, alice)
	sess := floodWindowChanges(t, c, 2000, true)
	sh := openShell(t, ts.mustDial(t, alice), nil)
	sh.waitFor(t, "hello alice")
	for i := range 2000 {
		if err := sh.sess.WindowChange(30+i%10, 100); err != nil {
			t.Fatalf("window-change: %v", err)
		}
	}
	sh.send(t, "x")
	sh.waitFor(t, "keys=[x]")
	sh.send(t, "q")
	sh.wait(t)
	sess.Close()
	c.Close()

	// Three clients flood and drop their connections, one without ever
	// starting a shell; then everyone else can still log in.
	for i := range 3 {
		c, err := ts.dial("x", gossh.PublicKeys(alice.signer))
		if err != nil {
			t.Fatalf("flooder %d: %v", i, err)
		}
		floodWindowChanges(t, c, 2000, i != 0)
		c.Close()
	}
	deadline := time.Now().Add(patience)
	for {
		c, err := ts.dial("x", gossh.PublicKeys(alice.signer))
		if err == nil {
			sh, err := tryShell(c, nil, true)
			if err == nil {
				sh.waitFor(t, "hello alice")
				sh.send(t, "q")
				sh.wait(t)
				c.Close()
				break
			}
			c.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("slots not released after the flooders left: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
