package serve

import (
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// idleFrom opens n TCP connections to addr from the loopback address from
// and keeps them silent; it returns how many the server kept open.
func idleFrom(t *testing.T, addr, from string, n int) int {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	kept := 0
	for range n {
		c, err := d.Dial("tcp", addr)
		if err != nil {
			t.Skipf("cannot dial from %s: %v", from, err)
		}
		t.Cleanup(func() { c.Close() })
		// A refused connection is closed at once: reading gets EOF. A kept
		// one sends its banner and waits for ours.
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		buf := make([]byte, 256)
		if n, err := c.Read(buf); err == nil && strings.HasPrefix(string(buf[:n]), "SSH-") {
			kept++
		}
	}
	return kept
}

// TestUnauthenticatedLimits: idle unauthenticated connections from one
// address are capped, do not count against MaxConns, and do not keep
// others out (issue 14 item 11: 64 idle connections blocked every login).
func TestUnauthenticatedLimits(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, func(c *Config) {
		c.MaxConns = 3
		c.MaxUnauthenticated = 8
		c.MaxUnauthenticatedPerAddr = 4
	})
	if kept := idleFrom(t, ts.addr, "127.0.0.2", 64); kept != 4 {
		t.Errorf("server kept %d of 64 idle connections from one address, want 4", kept)
	}
	if kept := idleFrom(t, ts.addr, "127.0.0.3", 6); kept != 4 {
		t.Errorf("second address: kept %d, want 4 (8 in all)", kept)
	}
	if kept := idleFrom(t, ts.addr, "127.0.0.4", 1); kept != 0 {
		t.Errorf("beyond the total: kept %d, want 0", kept)
	}
	ts.Server.mu.Lock()
	waiting := ts.Server.preTotal
	ts.Server.mu.Unlock()
	if waiting != 8 {
		t.Fatalf("%d unauthenticated connections counted, want 8", waiting)
	}
}

// TestIdleUnauthenticatedDoNotLockOut: with one address holding all it may,
// users from another log in, up to MaxConns.
func TestIdleUnauthenticatedDoNotLockOut(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, func(c *Config) { c.MaxConns = 3 })
	idleFrom(t, ts.addr, "127.0.0.2", 64)
	for i := range 3 {
		c, err := ts.dial("x", gossh.PublicKeys(alice.signer))
		if err != nil {
			t.Fatalf("login %d refused while another address idles: %v", i, err)
		}
		defer c.Close()
	}
	if c, err := ts.dial("x", gossh.PublicKeys(alice.signer)); err == nil {
		c.Close()
		t.Fatal("a fourth authenticated connection was accepted with MaxConns 3")
	}
}
