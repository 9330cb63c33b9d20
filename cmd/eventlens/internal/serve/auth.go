package serve

import (
	"bufio"
	"bytes"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// authorizedKey is one usable line of the authorized_keys file.
type authorizedKey struct {
	user        string // identity derived from the line's comment, safe as a directory name
	fingerprint string // SHA256:… as ssh-keygen -l prints it
	line        int
}

// keySet maps a public key's wire encoding to the line that authorised it.
type keySet map[string]authorizedKey

// harmlessOptions are authorized_keys options that forbid only what this
// server never allows anyway, so honouring them needs no code. A line with
// any other option (from=, command=, expiry-time=, cert-authority, …) is
// skipped: the administrator asked for a restriction we do not enforce, and
// failing closed is the only safe reading.
var harmlessOptions = map[string]bool{
	"restrict":            true,
	"no-agent-forwarding": true,
	"no-port-forwarding":  true,
	"no-x11-forwarding":   true,
	"no-user-rc":          true,
}

// minRSABits is the smallest RSA key accepted, as in current OpenSSH.
const minRSABits = 2048

// parseAuthorizedKeys reads an OpenSSH authorized_keys file. Lines it cannot
// use are skipped and reported through warn with their line number; a key
// never becomes usable by accident. Two keys whose comments give the same
// identity (compared ignoring case, as some file systems compare the export
// folders named after it) would share that identity and its exports: both
// lines are left out, and each such clash is returned.
func parseAuthorizedKeys(data []byte, warn func(line int, msg string)) (keySet, []string) {
	set := keySet{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, comment, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			warn(n, "not a public key: "+err.Error())
			continue
		}
		if bad := unsupportedOption(options); bad != "" {
			warn(n, fmt.Sprintf("option %q is not supported by eventlens serve; line ignored", bad))
			continue
		}
		if reason := weakKey(key); reason != "" {
			warn(n, reason+"; line ignored")
			continue
		}
		fp := gossh.FingerprintSHA256(key)
		wire := string(key.Marshal())
		if prev, dup := set[wire]; dup {
			warn(n, fmt.Sprintf("key %s already listed on line %d; line ignored", fp, prev.line))
			continue
		}
		set[wire] = authorizedKey{user: identityName(comment, key), fingerprint: fp, line: n}
	}
	if err := sc.Err(); err != nil {
		warn(n+1, err.Error())
	}
	return set, dropClashes(set)
}

// dropClashes removes keys that share an identity from set and describes
// each clash.
func dropClashes(set keySet) []string {
	byUser := map[string][]authorizedKey{}
	for _, ak := range set {
		u := strings.ToLower(ak.user)
		byUser[u] = append(byUser[u], ak)
	}
	var clashes []string
	for _, aks := range byUser {
		if len(aks) < 2 {
			continue
		}
		slices.SortFunc(aks, func(a, b authorizedKey) int { return a.line - b.line })
		lines := make([]string, len(aks))
		for i, ak := range aks {
			lines[i] = strconv.Itoa(ak.line)
		}
		clashes = append(clashes, fmt.Sprintf("lines %s all give the identity %q (from their comments); give each key its own name",
			strings.Join(lines, ", "), aks[0].user))
	}
	for wire, ak := range set {
		if len(byUser[strings.ToLower(ak.user)]) > 1 {
			delete(set, wire)
		}
	}
	slices.Sort(clashes)
	return clashes
}

func unsupportedOption(options []string) string {
	for _, o := range options {
		name, _, _ := strings.Cut(o, "=")
		if !harmlessOptions[strings.ToLower(name)] {
			return name
		}
	}
	return ""
}

// weakKey says why a key must not be used, or "" when it is fine.
// Certificates are refused because their principals and validity would have
// to be checked against a CA we do not configure.
func weakKey(key gossh.PublicKey) string {
	if _, ok := key.(*gossh.Certificate); ok {
		return "certificates are not supported"
	}
	switch key.Type() {
	case gossh.InsecureKeyAlgoDSA:
		return "DSA keys are too weak"
	case gossh.KeyAlgoRSA:
		if ck, ok := key.(gossh.CryptoPublicKey); ok {
			if rk, ok := ck.CryptoPublicKey().(*rsa.PublicKey); ok && rk.N.BitLen() < minRSABits {
				return fmt.Sprintf("RSA key of %d bits is too short (need %d)", rk.N.BitLen(), minRSABits)
			}
		}
	}
	return ""
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// identityName turns an authorized_keys comment such as "alice@laptop" into
// the user name "alice". The name becomes a directory below the export
// directory, so anything but a short plain name falls back to a name made
// from the key's fingerprint.
func identityName(comment string, key gossh.PublicKey) string {
	name := strings.TrimSpace(comment)
	if i := strings.IndexAny(name, "@ \t"); i >= 0 {
		name = name[:i]
	}
	if safeName.MatchString(name) && checkComponent(name).IsZero() {
		return name
	}
	sum := sha256.Sum256(key.Marshal())
	return "key-" + hex.EncodeToString(sum[:6])
}

// keyFile is the authorized_keys file, re-read whenever it changes so that
// removing a line revokes the key for every new connection and session
// without a restart.
type keyFile struct {
	path string
	log  *slog.Logger

	mu      sync.Mutex
	modTime time.Time
	size    int64
	set     keySet
	clashes []string // identities shared by several lines, left out of set
	broken  bool     // last read failed: nobody is authorised
}

func newKeyFile(path string, log *slog.Logger) (*keyFile, error) {
	kf := &keyFile{path: path, log: log}
	if err := kf.reload(); err != nil {
		return nil, err
	}
	if len(kf.clashes) > 0 {
		return nil, fmt.Errorf("authorized keys %s: %s", path, strings.Join(kf.clashes, "; "))
	}
	if len(kf.set) == 0 {
		log.Warn("authorized keys file lists no usable key; nobody can log in", "file", path)
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o022 != 0 {
		log.Warn("authorized keys file is writable by others, who could add their own keys; run chmod go-w on it",
			"file", path, "mode", fmt.Sprintf("%#o", fi.Mode().Perm()))
	}
	return kf, nil
}

// reload reads the file; the caller holds mu or owns kf exclusively.
func (kf *keyFile) reload() error {
	fi, err := os.Stat(kf.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("authorized keys: %s is not a regular file", kf.path)
	}
	data, err := os.ReadFile(kf.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	kf.set, kf.clashes = parseAuthorizedKeys(data, func(line int, msg string) {
		kf.log.Warn("authorized keys: "+msg, "file", kf.path, "line", line)
	})
	for _, c := range kf.clashes {
		kf.log.Error("authorized keys: "+c+"; these keys are refused", "file", kf.path)
	}
	kf.modTime, kf.size, kf.broken = fi.ModTime(), fi.Size(), false
	return nil
}

// lookup reports whether key is authorised now, re-reading the file first if
// it changed. If the file has become unreadable, nobody is authorised.
func (kf *keyFile) lookup(key gossh.PublicKey) (authorizedKey, bool) {
	if key == nil {
		return authorizedKey{}, false
	}
	kf.mu.Lock()
	defer kf.mu.Unlock()
	fi, err := os.Stat(kf.path)
	switch {
	case err != nil:
		if !kf.broken {
			kf.log.Error("authorized keys file unreadable; refusing everyone until it is fixed", "file", kf.path, "err", err)
		}
		kf.broken, kf.set = true, nil
	case kf.broken || !fi.ModTime().Equal(kf.modTime) || fi.Size() != kf.size:
		if err := kf.reload(); err != nil {
			if !kf.broken {
				kf.log.Error("authorized keys file unreadable; refusing everyone until it is fixed", "file", kf.path, "err", err)
			}
			kf.broken, kf.set = true, nil
		} else {
			kf.log.Info("authorized keys reloaded", "file", kf.path, "keys", len(kf.set))
		}
	}
	ak, ok := kf.set[string(key.Marshal())]
	return ak, ok
}
