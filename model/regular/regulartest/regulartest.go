// Package regulartest helps test that a reader refuses what is no regular
// file (see model/regular) without blocking: a named pipe no one writes to,
// and a guard that fails a test which hangs instead of failing it never.
package regulartest

import (
	"path/filepath"
	"testing"
	"time"
)

// FIFO makes a named pipe called name, which no one writes to, in a
// directory of its own, and returns its path; where there are no named
// pipes it skips the test.
func FIFO(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := mkfifo(p); err != nil {
		t.Skip("no named pipes here:", err)
	}
	return p
}

// hangAfter is long enough for any machine to finish what must not block:
// a hang guard, not a timing.
const hangAfter = 30 * time.Second

// NoHang returns f's result, or fails t if f has not returned after a long
// while (f is left running).
func NoHang[T any](t testing.TB, what string, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(hangAfter):
		t.Fatalf("%s blocks", what)
	}
	var zero T
	return zero
}
