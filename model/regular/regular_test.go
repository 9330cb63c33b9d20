//go:build unix

package regular

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"testing"

	"eventlens/i18n/reason"
	"eventlens/model/regular/regulartest"
)

// TestOpen: a regular file opens; a directory, a FIFO no one writes to, a
// socket and a device are refused, each said for what it is, without
// blocking; a missing file keeps its fs error.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "log.evtx")
	if err := os.WriteFile(file, []byte("ElfFile\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	} else {
		sock = ""
	}
	tests := []struct {
		name, path string
		want       reason.Kind // None: opens
		wantErr    error       // a plain fs error instead of a reason
	}{
		{"regular file", file, reason.None, nil},
		{"directory", dir, reason.IsDirectory, nil},
		{"FIFO", regulartest.FIFO(t, "fifo"), reason.IsNamedPipe, nil},
		{"socket", sock, reason.IsSocket, nil},
		{"character device", "/dev/zero", reason.IsCharDevice, nil},
		{"missing", filepath.Join(dir, "nope"), reason.None, fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path == "" {
				t.Skip("not available here")
			}
			err := regulartest.NoHang(t, "Open", func() error {
				f, fi, err := Open(tt.path)
				if err == nil {
					if fi == nil || !fi.Mode().IsRegular() {
						err = errors.New("opened, but not said to be regular")
					}
					f.Close()
				}
				return err
			})
			var re *reason.Error
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("err %v, want %v", err, tt.wantErr)
				}
			case tt.want == reason.None:
				if err != nil {
					t.Errorf("err %v, want it opened", err)
				}
			case !errors.As(err, &re) || re.Reason.Kind != tt.want:
				t.Errorf("err %v, want the reason %q", err, tt.want.Format())
			}
		})
	}
}
