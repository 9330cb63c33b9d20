package cache

import (
	"encoding/binary"
	"hash/crc64"
	"io"
	"os"
	"runtime/debug"
	"sync"
)

// buildID identifies the eventlens build that reads the files. It is part
// of every entry's key, so an entry written by another build (an upgrade,
// or a rebuilt working tree) is not served: a newer reader may read the
// same file differently (a fixed bug, a skipped leftover record) without
// the entry's layout or SchemaVersion changing. A variable so tests can
// pretend to be another build.
var buildID = sync.OnceValue(func() uint64 {
	h := crc64.New(crcECMA)
	bi, ok := debug.ReadBuildInfo()
	if ok {
		io.WriteString(h, bi.String())
	}
	// A release names its commit; a build of a changed or untracked tree,
	// or one without version control information (go test), does not
	// name what it contains: the executable itself tells builds apart.
	if !ok || !cleanCommit(bi) {
		if exe, err := os.Executable(); err == nil {
			if fi, err := os.Stat(exe); err == nil {
				h.Write(binary.LittleEndian.AppendUint64(nil, uint64(fi.Size())))
				h.Write(binary.LittleEndian.AppendUint64(nil, uint64(fi.ModTime().UnixNano())))
			}
		}
	}
	return h.Sum64()
})

// cleanCommit reports whether bi names the commit it was built from, with
// no local changes.
func cleanCommit(bi *debug.BuildInfo) bool {
	var rev, modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value != ""
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return rev && !modified
}
