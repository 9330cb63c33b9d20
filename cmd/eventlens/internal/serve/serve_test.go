package serve

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"eventlens/i18n"
)

func TestSessionShowsUserFromKeyComment(t *testing.T) {
	alice := newTestKey(t, "alice@laptop")
	ts := startServer(t, []testKey{alice}, nil)
	// The login name is not an identity: asking for "root" changes nothing.
	c, err := ts.dial("root", gossh.PublicKeys(alice.signer))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sh := openShell(t, c, nil)
	sh.waitFor(t, "hello alice lang=en size=80x24")
	sh.send(t, "xy")
	sh.waitFor(t, "keys=[xy]")
	sh.send(t, "q")
	if code := sh.wait(t); code != 0 {
		t.Fatalf("exit status %d, want 0", code)
	}
	if !strings.Contains(ts.log.String(), `msg=authenticated`) || !strings.Contains(ts.log.String(), "user=alice") {
		t.Errorf("log lacks the authentication record:\n%s", ts.log)
	}
}

func TestAuthRefused(t *testing.T) {
	alice := newTestKey(t, "alice")
	stranger := newTestKey(t, "stranger")
	ts := startServer(t, []testKey{alice}, nil)
	tests := []struct {
		name string
		auth []gossh.AuthMethod
	}{
		{"wrong key", []gossh.AuthMethod{gossh.PublicKeys(stranger.signer)}},
		{"no key", nil},
		{"password", []gossh.AuthMethod{gossh.Password("hunter2")}},
		{"keyboard-interactive", []gossh.AuthMethod{gossh.KeyboardInteractive(
			func(string, string, []string, []bool) ([]string, error) { return nil, nil })}},
		{"password after wrong key", []gossh.AuthMethod{gossh.PublicKeys(stranger.signer), gossh.Password("x")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ts.dial("alice", tt.auth...)
			if err == nil {
				c.Close()
				t.Fatal("connection accepted")
			}
			if !strings.Contains(err.Error(), "unable to authenticate") {
				t.Errorf("err = %v, want an authentication failure", err)
			}
		})
	}
	if strings.Contains(ts.log.String(), "msg=authenticated") {
		t.Errorf("a refused client was logged as authenticated:\n%s", ts.log)
	}
}

// swapSigner claims one public key but signs with another key: the client
// side of the GHSA-pchf-49fh-w34r attack. The server accepts the claimed key
// in the query phase; the signature then fails, and the client goes on to
// authenticate with its own key.
type swapSigner struct {
	claimed gossh.PublicKey
	real    gossh.AlgorithmSigner
}

func (s swapSigner) PublicKey() gossh.PublicKey { return s.claimed }
func (s swapSigner) Sign(r io.Reader, data []byte) (*gossh.Signature, error) {
	return s.real.Sign(r, data)
}
func (s swapSigner) SignWithAlgorithm(r io.Reader, data []byte, algo string) (*gossh.Signature, error) {
	sig, err := s.real.SignWithAlgorithm(r, data, algo)
	if err != nil {
		return nil, err
	}
	// x/crypto drops the connection on a signature that does not verify,
	// but answers "failure" and lets the client try its next key when the
	// signature's format does not fit the key; that keeps the attack going.
	sig.Format = gossh.KeyAlgoRSASHA256
	return sig, nil
}

func TestKeySwapDoesNotYieldFirstKeysIdentity(t *testing.T) {
	alice := newTestKey(t, "alice@admin")         // the victim; the attacker has only her public key
	mallory := newTestKey(t, "mallory@laptop")    // the attacker's own, authorised key
	outsider := newTestKey(t, "outsider@nowhere") // a key nobody authorised
	ts := startServer(t, []testKey{alice, mallory}, nil)

	t.Run("authorised attacker stays herself", func(t *testing.T) {
		offer := swapSigner{claimed: alice.signer.PublicKey(), real: mallory.signer.(gossh.AlgorithmSigner)}
		c, err := ts.dial("alice", gossh.PublicKeys(offer, mallory.signer))
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		defer c.Close()
		// The attack did happen: alice's key was found acceptable first.
		offered := false
		for _, line := range strings.Split(ts.log.String(), "\n") {
			if strings.Contains(line, "signature pending") &&
				strings.Contains(line, gossh.FingerprintSHA256(alice.signer.PublicKey())) {
				offered = true
			}
		}
		if !offered {
			t.Fatalf("alice's key was never found acceptable, so the attack was not tried:\n%s", ts.log)
		}
		sh := openShell(t, c, nil)
		sh.waitFor(t, "hello mallory ")
		if strings.Contains(sh.screen(), "alice") {
			t.Fatalf("session shows the victim's identity:\n%s", sh.screen())
		}
		sh.send(t, "q")
		sh.wait(t)
	})
	t.Run("unauthorised attacker is refused", func(t *testing.T) {
		offer := swapSigner{claimed: alice.signer.PublicKey(), real: outsider.signer.(gossh.AlgorithmSigner)}
		c, err := ts.dial("alice", gossh.PublicKeys(offer, outsider.signer))
		if err == nil {
			c.Close()
			t.Fatal("connection accepted")
		}
	})
	for _, line := range strings.Split(ts.log.String(), "\n") {
		if strings.Contains(line, "msg=authenticated") && strings.Contains(line, "user=alice") {
			t.Errorf("alice was authenticated though nobody held her key: %s", line)
		}
	}
}

func TestPanicInOneSessionLeavesOthersWorking(t *testing.T) {
	alice, bob := newTestKey(t, "alice"), newTestKey(t, "bob")
	ts := startServer(t, []testKey{alice, bob}, nil)

	good := openShell(t, ts.mustDial(t, alice), nil)
	good.waitFor(t, "hello alice")

	for _, key := range []string{"p", "c"} { // panic in Update, panic in a command
		t.Run(key, func(t *testing.T) {
			bad := openShell(t, ts.mustDial(t, bob), nil)
			bad.waitFor(t, "hello bob")
			bad.send(t, key)
			if code := bad.wait(t); code != 1 {
				t.Errorf("crashed session exit status %d, want 1", code)
			}
			if !strings.Contains(bad.screen(), "internal error") {
				t.Errorf("crashed session not told why:\n%q", bad.screen())
			}
			if strings.Contains(bad.screen(), "goroutine") || strings.Contains(bad.screen(), "test panic") {
				t.Errorf("panic details reached the client:\n%q", bad.screen())
			}
		})
	}

	good.send(t, "still")
	good.waitFor(t, "keys=[still]")
	good.send(t, "q")
	if code := good.wait(t); code != 0 {
		t.Fatalf("surviving session exit status %d", code)
	}
	if n := strings.Count(ts.log.String(), "panic in session UI"); n != 2 {
		t.Errorf("logged %d panics, want 2:\n%s", n, ts.log)
	}
}

func TestPanicInNewModel(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, func(c *Config) {
		c.NewModel = func(Session) tea.Model { panic("factory broke") }
	})
	sh := openShell(t, ts.mustDial(t, alice), nil)
	if code := sh.wait(t); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	sh.waitFor(t, "internal error")
}

func TestRefusedRequests(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, nil)
	c := ts.mustDial(t, alice)

	t.Run("exec", func(t *testing.T) {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if out, err := sess.CombinedOutput("cat /etc/passwd"); err == nil {
			t.Fatalf("exec accepted, output %q", out)
		}
	})
	for _, sub := range []string{"sftp", "scp"} {
		t.Run("subsystem "+sub, func(t *testing.T) {
			sess, err := c.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			defer sess.Close()
			if err := sess.RequestSubsystem(sub); err == nil {
				t.Fatal("subsystem accepted")
			}
		})
	}
	t.Run("local port forward", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		if conn, err := c.Dial("tcp", l.Addr().String()); err == nil {
			conn.Close()
			t.Fatal("direct-tcpip accepted")
		}
	})
	t.Run("remote port forward", func(t *testing.T) {
		if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
			l.Close()
			t.Fatal("tcpip-forward accepted")
		}
	})
	t.Run("unix socket forward", func(t *testing.T) {
		if conn, err := c.Dial("unix", "/var/run/docker.sock"); err == nil {
			conn.Close()
			t.Fatal("direct-streamlocal accepted")
		}
	})
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		t.Run(req, func(t *testing.T) {
			sess, err := c.NewSession()
			if err != nil {
				t.Fatal(err)
			}
			defer sess.Close()
			var payload []byte
			if req == "x11-req" {
				payload = gossh.Marshal(struct {
					Single        bool
					Proto, Cookie string
					Screen        uint32
				}{false, "MIT-MAGIC-COOKIE-1", "00", 0})
			}
			ok, err := sess.SendRequest(req, true, payload)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				t.Fatalf("%s accepted", req)
			}
		})
	}
	// The connection still works for what is allowed.
	sh := openShell(t, c, nil)
	sh.waitFor(t, "hello alice")
	sh.send(t, "q")
	sh.wait(t)
	for _, want := range []string{`msg="command refused"`, `msg="subsystem refused"`, `msg="channel refused"`,
		`msg="global request refused"`, `msg="forwarding refused"`} {
		if !strings.Contains(ts.log.String(), want) {
			t.Errorf("log lacks %s", want)
		}
	}
}

func TestSessionWithoutPTY(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, nil)
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{nil, "needs a terminal; connect with: ssh -t"},
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "端末が必要です"},
	} {
		sh, err := tryShell(ts.mustDial(t, alice), tt.env, false)
		if err != nil {
			t.Fatal(err)
		}
		if code := sh.wait(t); code != 1 {
			t.Errorf("exit status %d, want 1", code)
		}
		if got := sh.screen(); !strings.Contains(got, tt.want) || strings.Count(got, "\n") != 1 {
			t.Errorf("output %q, want one line containing %q", got, tt.want)
		}
	}
}

func TestLanguageFromClientEnvironment(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, func(c *Config) { c.DefaultLang = i18n.NL })
	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "ja_JP.UTF-8"}, "lang=ja"},
		{map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, "lang=en"},
		{map[string]string{"LANG": "de_DE.UTF-8"}, "lang=en"}, // not spoken: English, as on the command line
		{nil, "lang=nl"},
	} {
		sh := openShell(t, ts.mustDial(t, alice), tt.env)
		sh.waitFor(t, tt.want)
		sh.send(t, "q")
		sh.wait(t)
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		env  []string
		def  i18n.Lang
		want i18n.Lang
	}{
		{nil, i18n.EN, i18n.EN},
		{nil, i18n.JA, i18n.JA},
		{[]string{"LANG=nl_BE.UTF-8"}, i18n.EN, i18n.NL},
		{[]string{"LANG=ja_JP.UTF-8", "LC_MESSAGES=nl_NL"}, i18n.EN, i18n.NL},
		{[]string{"LANG=ja_JP.UTF-8", "LC_ALL=C"}, i18n.NL, i18n.EN},
		{[]string{"LANG=en_GB", "LANG=ja_JP"}, i18n.NL, i18n.JA},
		{[]string{"LANG="}, i18n.JA, i18n.JA},
	}
	for _, tt := range tests {
		if got := detectLang(tt.env, tt.def); got != tt.want {
			t.Errorf("detectLang(%q, %v) = %v, want %v", tt.env, tt.def, got, tt.want)
		}
	}
}

func TestTerminalSizeIsClamped(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, nil)
	sess, err := ts.mustDial(t, alice).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestPty("xterm", 1<<20, 1<<20, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	sess.Stdout = out
	in, _ := sess.StdinPipe()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	sh := &shell{sess: sess, in: in, out: out, done: make(chan error, 1)}
	go func() { sh.done <- sess.Wait() }()
	sh.waitFor(t, "size=1000x500")
	sh.send(t, "q")
	sh.wait(t)
}

func TestMaxSessionsPerKey(t *testing.T) {
	alice, bob := newTestKey(t, "alice"), newTestKey(t, "bob")
	ts := startServer(t, []testKey{alice, bob}, func(c *Config) { c.MaxSessionsPerKey = 2 })
	c1, c2 := ts.mustDial(t, alice), ts.mustDial(t, alice)
	a := openShell(t, c1, nil)
	b := openShell(t, c2, nil)
	a.waitFor(t, "hello alice")
	b.waitFor(t, "hello alice")
	if _, err := c1.NewSession(); err == nil || !strings.Contains(err.Error(), "too many sessions") {
		t.Fatalf("third session of one key: err = %v, want too many sessions", err)
	}
	// Another key is not affected.
	other := openShell(t, ts.mustDial(t, bob), nil)
	other.waitFor(t, "hello bob")
	// A slot freed is usable again.
	a.send(t, "q")
	a.wait(t)
	deadline := time.Now().Add(patience)
	for {
		sess, err := c1.NewSession()
		if err == nil {
			sess.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("slot never freed: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestMaxConns(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, func(c *Config) { c.MaxConns = 2 })
	c1 := ts.mustDial(t, alice)
	_ = ts.mustDial(t, alice)
	if c, err := ts.dial("alice", gossh.PublicKeys(alice.signer)); err == nil {
		c.Close()
		t.Fatal("third connection accepted")
	}
	c1.Close()
	deadline := time.Now().Add(patience)
	for {
		c, err := ts.dial("alice", gossh.PublicKeys(alice.signer))
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("slot never freed: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestHandshakeAndIdleTimeouts(t *testing.T) {
	alice := newTestKey(t, "alice")
	t.Run("handshake", func(t *testing.T) {
		ts := startServer(t, []testKey{alice}, func(c *Config) { c.HandshakeTimeout = 300 * time.Millisecond })
		conn, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		_ = conn.SetReadDeadline(time.Now().Add(patience))
		if _, err := io.ReadAll(conn); err != nil { // the server's banner, then EOF
			t.Fatalf("connection not closed by the server: %v", err)
		}
	})
	t.Run("idle", func(t *testing.T) {
		ts := startServer(t, []testKey{alice}, func(c *Config) { c.IdleTimeout = 500 * time.Millisecond })
		c := ts.mustDial(t, alice)
		done := make(chan error, 1)
		go func() { done <- c.Wait() }()
		select {
		case <-done:
		case <-time.After(patience):
			t.Fatal("idle connection not closed")
		}
	})
}

func TestAuthorizedKeysChangesApply(t *testing.T) {
	alice, bob := newTestKey(t, "alice"), newTestKey(t, "bob")
	ts := startServer(t, []testKey{alice, bob}, nil)
	ts.mustDial(t, alice).Close()
	// Revoke alice; the new file has a different size, so the change is
	// seen even within the file system's timestamp granularity.
	if err := os.WriteFile(ts.keys, []byte(bob.line+"\n# alice revoked\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := ts.dial("alice", gossh.PublicKeys(alice.signer)); err == nil {
		c.Close()
		t.Fatal("revoked key accepted")
	}
	ts.mustDial(t, bob).Close()
	// An unreadable file refuses everyone.
	if err := os.Remove(ts.keys); err != nil {
		t.Fatal(err)
	}
	if c, err := ts.dial("bob", gossh.PublicKeys(bob.signer)); err == nil {
		c.Close()
		t.Fatal("key accepted with the authorized_keys file gone")
	}
}

func TestShutdownTellsSessions(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, nil)
	sh := openShell(t, ts.mustDial(t, alice), nil)
	sh.waitFor(t, "hello alice")
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	defer cancel()
	if err := ts.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	sh.wait(t)
	if !strings.Contains(sh.screen(), "shutting down") {
		t.Errorf("session not told about the shutdown:\n%q", sh.screen())
	}
	select {
	case err := <-ts.served:
		if !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
	case <-time.After(patience):
		t.Fatal("Serve did not return")
	}
}

func TestNewRequiresConfig(t *testing.T) {
	dir := t.TempDir()
	ak := dir + "/ak"
	if err := os.WriteFile(ak, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	model := func(Session) tea.Model { return nil }
	for _, cfg := range []Config{
		{HostKey: dir + "/hk", NewModel: model},
		{AuthorizedKeys: ak, NewModel: model},
		{AuthorizedKeys: ak, HostKey: dir + "/hk"},
		{AuthorizedKeys: dir + "/missing", HostKey: dir + "/hk", NewModel: model},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:22": true, "[::1]:22": true, "localhost:22": true,
		"0.0.0.0:22": false, "[::]:22": false, "192.0.2.1:22": false, ":22": false,
	} {
		if got := isLoopback(fakeAddr(addr)); got != want {
			t.Errorf("isLoopback(%s) = %v, want %v", addr, got, want)
		}
	}
}

type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }
