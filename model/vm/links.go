package vm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"eventlens/model"
	"eventlens/model/atomicfile"
)

// A case is the set of files loaded together. Links made by hand are
// remembered per case, in a small JSON file in the index cache directory
// named after a hash of the case's absolute paths and of the names and
// sizes of the sources read from memory (the embedded demo).

// LinksPath returns the file that remembers the hand-made links of the case
// made of inputs (paths) and mem (sources read from memory, known by name
// and size), in dir (the index cache directory). It is "" for an empty
// case: links of nothing in particular are kept for the session only,
// never shared by every case without a name.
func LinksPath(dir string, inputs []string, mem ...model.Source) string {
	ids := make([]string, 0, len(inputs)+len(mem))
	for _, in := range inputs {
		if a, err := filepath.Abs(in); err == nil {
			in = a
		}
		ids = append(ids, in)
	}
	for _, src := range mem {
		// A NUL never appears in a path: no source can pass for a file.
		ids = append(ids, fmt.Sprintf("\x00mem\x00%s\x00%d", src.Name, src.Size))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(ids, "\x00")))
	return filepath.Join(dir, "vm-links", hex.EncodeToString(sum[:12])+".json")
}

// linksFile is the file's format, versioned so that a later eventlens can
// tell.
type linksFile struct {
	Version int               `json:"version"`
	Links   map[string]string `json:"links"` // lower-cased computer → VM key ("" unlinks)
}

// maxLinksFile bounds what LoadLinks reads: the file is ours, but it sits
// in a directory others may write to.
const maxLinksFile = 1 << 20

// LoadLinks reads the links remembered in path. A missing file is no links
// and no error.
func LoadLinks(path string) (Links, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Links{}, nil
	}
	if err != nil {
		return Links{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxLinksFile+1))
	if err != nil {
		return Links{}, err
	}
	if len(data) > maxLinksFile {
		return Links{}, fmt.Errorf("%s: larger than %d bytes, ignored", path, maxLinksFile)
	}
	var lf linksFile
	if err := json.Unmarshal(data, &lf); err != nil || lf.Version != 1 {
		return Links{}, fmt.Errorf("%s: not a VM links file, ignored", path)
	}
	links := Links{}
	for k, v := range lf.Links {
		links[strings.ToLower(k)] = v
	}
	return links, nil
}

// SaveLinks writes links to path atomically (a reader sees the old file or
// the new one, never half of one), creating its directory (0700).
func SaveLinks(path string, links Links) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(linksFile{Version: 1, Links: links}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(path, atomicfile.Options{Overwrite: true, Perm: 0o600}, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}

// Set records by hand that computer's logs are the guest logs of the VM
// with key (VM.Key); an empty key records that they are no VM's.
func (l Links) Set(computer, key string) { l[strings.ToLower(computer)] = key }
