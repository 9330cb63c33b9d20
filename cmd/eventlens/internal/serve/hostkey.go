package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"

	"eventlens/model/atomicfile"
)

// LoadOrCreateHostKey returns the server's host key from path. The first
// time, when path does not exist, it creates an Ed25519 key there (OpenSSH
// format, mode 0600, parent directory 0700 if it has to be made) and reports
// created. Later runs reuse it, so clients see the same host key every time.
// An existing key that others can read is refused, as sshd does.
func LoadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	if path == "" {
		return nil, false, errors.New("host key: no file given")
	}
	data, err := readPrivateFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		data, err = createHostKey(path)
		created = err == nil
	}
	if err != nil {
		return nil, false, err
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		var missing *gossh.PassphraseMissingError
		if errors.As(err, &missing) {
			return nil, false, fmt.Errorf("host key %s is encrypted; eventlens needs an unencrypted key", path)
		}
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	return signer, created, nil
}

// readPrivateFile reads a private key file after checking that it is a
// regular file that only its owner can read or write.
func readPrivateFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("host key %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("host key %s has mode %#o, others can read it; run: chmod 600 %s", path, perm, path)
	}
	return os.ReadFile(path)
}

// createHostKey writes a new Ed25519 key to path, atomically and never over
// an existing file, so a crash never leaves half a key and two servers
// starting at once cannot overwrite each other's key.
func createHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "eventlens host key")
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	data := pem.EncodeToMemory(block)

	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	err = atomicfile.Write(path, atomicfile.Options{Perm: 0o600}, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if errors.Is(err, fs.ErrExist) {
		// Another process won the race: use its key.
		return readPrivateFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	return data, nil
}
