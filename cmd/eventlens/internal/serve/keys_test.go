package serve

import (
	"crypto/rand"
	"crypto/rsa"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestHostKeyCreatedOnceAndReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys", "host_ed25519")
	s1, created, err := LoadOrCreateHostKey(path)
	if err != nil || !created {
		t.Fatalf("first load: created=%v err=%v", created, err)
	}
	if s1.PublicKey().Type() != gossh.KeyAlgoED25519 {
		t.Errorf("type %s, want ed25519", s1.PublicKey().Type())
	}
	assertMode(t, path, 0o600)
	assertMode(t, filepath.Dir(path), 0o700|os.ModeDir)
	s2, created, err := LoadOrCreateHostKey(path)
	if err != nil || created {
		t.Fatalf("second load: created=%v err=%v", created, err)
	}
	if gossh.FingerprintSHA256(s1.PublicKey()) != gossh.FingerprintSHA256(s2.PublicKey()) {
		t.Fatal("host key changed between runs")
	}

	// A key others can read is refused, as sshd does.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreateHostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("world-readable key: err = %v", err)
	}
	// Garbage is an error, not a new key.
	if err := os.WriteFile(path, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := LoadOrCreateHostKey(path); err == nil {
		t.Fatal("garbage host key accepted")
	}
}

func TestServerReusesHostKey(t *testing.T) {
	alice := newTestKey(t, "alice")
	ts := startServer(t, []testKey{alice}, nil)
	cfg := ts.cfg
	s2, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.HostKeyFingerprint() != ts.HostKeyFingerprint() {
		t.Fatal("a second server on the same host key file has another key")
	}
}

func TestParseAuthorizedKeys(t *testing.T) {
	k := func(comment string) testKey { return newTestKey(t, comment) }
	alice, bob, carol, dave, erin, frank, gina := k("alice@laptop"), k("bob"), k(""), k("../../etc"), k("CON@host"), k("frank"), k("gina")
	rsaKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rsaPub, _ := gossh.NewPublicKey(&rsaKey.PublicKey)
	weak := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(rsaPub))) + " weak@rsa"

	file := strings.Join([]string{
		"# comment line",
		"",
		alice.line,
		"restrict,no-port-forwarding " + bob.line,
		carol.line,
		dave.line,
		erin.line,
		`from="10.0.0.0/8" ` + frank.line, // a restriction we cannot enforce: skipped
		`command="/bin/true" ` + gina.line,
		weak,
		alice.line + " again", // duplicate
		"ssh-ed25519 not-base64!!",
	}, "\n")
	var warnings []string
	set, clashes := parseAuthorizedKeys([]byte(file), func(line int, msg string) {
		warnings = append(warnings, msg)
	})
	if len(clashes) != 0 {
		t.Errorf("clashes %q", clashes)
	}
	user := func(tk testKey) (string, bool) {
		ak, ok := set[string(tk.signer.PublicKey().Marshal())]
		return ak.user, ok
	}
	for _, tt := range []struct {
		key    testKey
		want   string
		wantOK bool
	}{
		{alice, "alice", true},
		{bob, "bob", true},
		{carol, "key-", true},
		{dave, "key-", true},
		{erin, "key-", true},
		{frank, "", false},
		{gina, "", false},
	} {
		got, ok := user(tt.key)
		if ok != tt.wantOK || !strings.HasPrefix(got, tt.want) || (tt.want == "" && got != "") {
			t.Errorf("%q: user %q ok=%v, want %q ok=%v", tt.key.line[len(tt.key.line)-10:], got, ok, tt.want, tt.wantOK)
		}
	}
	if _, ok := set[string(rsaPub.Marshal())]; ok {
		t.Error("1024-bit RSA key accepted")
	}
	if len(set) != 5 {
		t.Errorf("%d keys, want 5", len(set))
	}
	if len(warnings) != 5 {
		t.Errorf("warnings %q, want 5", warnings)
	}
}

// TestIdentityClashes: two keys whose comments give the same identity
// ("alice@laptop" and "Alice@desk") would share it and its export folder:
// the server refuses to start, naming both lines; a clash added while it
// runs refuses both keys (issue 14 item 12).
func TestIdentityClashes(t *testing.T) {
	a1, a2, bob := newTestKey(t, "alice@laptop"), newTestKey(t, "Alice@desk"), newTestKey(t, "bob")
	set, clashes := parseAuthorizedKeys([]byte(a1.line+"\n"+bob.line+"\n"+a2.line+"\n"), func(int, string) {})
	if len(clashes) != 1 || !strings.Contains(clashes[0], "lines 1, 3") || !strings.Contains(clashes[0], `"alice"`) {
		t.Errorf("clashes %q, want one naming lines 1 and 3", clashes)
	}
	if len(set) != 1 {
		t.Errorf("%d keys usable, want only bob's", len(set))
	}

	dir := t.TempDir()
	ak := filepath.Join(dir, "authorized_keys")
	os.WriteFile(ak, []byte(a1.line+"\n"+a2.line+"\n"), 0o600)
	_, err := New(Config{AuthorizedKeys: ak, HostKey: filepath.Join(dir, "hk"), NewModel: newEchoModel,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err == nil || !strings.Contains(err.Error(), "lines 1, 2") {
		t.Fatalf("New with clashing identities: %v, want an error naming lines 1 and 2", err)
	}

	// Added while running: both keys refused, others unaffected.
	ts := startServer(t, []testKey{a1, bob}, nil)
	ts.mustDial(t, a1).Close()
	time.Sleep(10 * time.Millisecond) // a new modification time
	os.WriteFile(ts.keys, []byte(a1.line+"\n"+bob.line+"\n"+a2.line+"\n"), 0o600)
	for _, k := range []testKey{a1, a2} {
		if c, err := ts.dial("x", gossh.PublicKeys(k.signer)); err == nil {
			c.Close()
			t.Error("a key with a clashing identity logged in")
		}
	}
	ts.mustDial(t, bob).Close()
}
