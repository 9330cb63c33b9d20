package model

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoOutputOnCorpus loads every corpus file, and truncated and
// bit-flipped copies, in a child process and checks it prints nothing:
// golang-evtx's log lines ("PANIC - ..." with stack traces) and any Go
// panic would show up on its stderr.
func TestNoOutputOnCorpus(t *testing.T) {
	dir := corpusDir(t)
	if os.Getenv("EVENTLENS_TEST_CHILD") == "1" {
		t.Skip("child")
	}
	args := []string{"-test.run=^TestChildLoadCorpus$", "-test.v"}
	if testing.Short() {
		args = append(args, "-test.short")
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "EVENTLENS_TEST_CHILD=1", "EVENTLENS_CORPUS="+dir, "EVENTLENS_TEST_TMP="+t.TempDir())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("child failed: %v\nstderr:\n%.4000s\nstdout:\n%.4000s", err, stderr.String(), stdout.String())
	}
	out := stdout.String()
	for _, bad := range []string{"panic", "PANIC", "goroutine ", "ERROR -"} {
		if strings.Contains(out, bad) {
			t.Fatalf("child printed %q:\n%.4000s", bad, out)
		}
	}
	if !strings.Contains(out, "--- PASS: TestChildLoadCorpus") {
		t.Fatalf("child did not run:\n%.4000s", out)
	}
}

// TestChildLoadCorpus is the child of TestNoOutputOnCorpus.
func TestChildLoadCorpus(t *testing.T) {
	if os.Getenv("EVENTLENS_TEST_CHILD") != "1" {
		t.Skip("run by TestNoOutputOnCorpus")
	}
	dir := corpusDir(t)
	tmp := os.Getenv("EVENTLENS_TEST_TMP")
	var inputs []string
	for i, m := range readManifest(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, m.file))
		if err != nil {
			t.Fatal(err)
		}
		if testing.Short() && len(data) > 4<<20 {
			continue // the large benchmark log: too slow under -race
		}
		inputs = append(inputs, filepath.Join(dir, m.file))
		// A cut in the middle of a record, and a chunk with flipped bits.
		cut := filepath.Join(tmp, m.file+".cut")
		os.WriteFile(cut, data[:len(data)/2+1234], 0o644)
		flip := append([]byte(nil), data...)
		for j := fileHeaderSize + 600 + i*97; j < len(flip) && j < fileHeaderSize+chunkSize; j += 61 {
			flip[j] ^= 0x5a
		}
		bad := filepath.Join(tmp, m.file+".flip")
		os.WriteFile(bad, flip, 0o644)
		inputs = append(inputs, cut, bad)
	}
	evs, reps, err := LoadAll(context.Background(), inputs, LoadOptions{})
	if err != nil || len(evs) == 0 {
		t.Fatalf("%v, %d events", err, len(evs))
	}
	for _, r := range reps {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Path, r.Err)
		}
	}
}
