package serve

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkSessions20 holds 20 concurrent SSH sessions of the test UI.
// Plug the real UI with BenchSessions from an external test file.
func BenchmarkSessions20(b *testing.B) {
	BenchSessions(b, 20, newEchoModel, func(screen string) bool { return strings.Contains(screen, "hello") })
}

// BenchSessions opens n concurrent interactive sessions (PTY 80×24, as
// ssh -t makes) against a server whose UI comes from newModel, waits until
// every session's screen satisfies ready (any output when ready is nil), and
// reports:
//
//	heap-B/session  live heap per open session (after GC), server and the
//	                in-process x/crypto client together
//	goroutines/session
//	ns/op           time to open and show all n sessions
//
// It is exported (in a _test file) so a test in package serve_test can run
// it over the real UI and a large store:
//
//	serve.BenchSessions(b, 20, func(s serve.Session) tea.Model { return ui.New(...) }, nil)
func BenchSessions(b *testing.B, n int, newModel func(Session) tea.Model, ready func(screen string) bool) {
	if ready == nil {
		ready = func(screen string) bool { return strings.TrimSpace(screen) != "" }
	}
	key := newTestKey(b, "bench@load")
	ts := startServer(b, []testKey{key}, func(c *Config) {
		c.NewModel = newModel
		c.MaxSessionsPerKey = n
		c.MaxConns = n + 4
	})
	var heapPerSession, goroutinesPerSession float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		g0 := runtime.NumGoroutine()
		b.StartTimer()

		clients := make([]*gossh.Client, n)
		shells := make([]*shell, n)
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for j := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, err := ts.dial("bench", gossh.PublicKeys(key.signer))
				if err != nil {
					errs <- err
					return
				}
				clients[j] = c
				sh, err := tryShell(c, map[string]string{"LANG": "en_US.UTF-8"}, true)
				if err != nil {
					errs <- err
					return
				}
				shells[j] = sh
				deadline := time.Now().Add(60 * time.Second)
				for !ready(sh.screen()) {
					if time.Now().After(deadline) {
						errs <- errTimeout(sh.screen())
						return
					}
					time.Sleep(5 * time.Millisecond)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}

		b.StopTimer()
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heapPerSession += float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(n)
		goroutinesPerSession += float64(runtime.NumGoroutine()-g0) / float64(n)
		for j := range n {
			shells[j].sess.Close()
			clients[j].Close()
		}
		for deadline := time.Now().Add(30 * time.Second); ts.sessions.Load() > 0; {
			if time.Now().After(deadline) {
				b.Fatalf("%d sessions still open after the clients left", ts.sessions.Load())
			}
			time.Sleep(5 * time.Millisecond)
		}
		b.StartTimer()
	}
	b.ReportMetric(heapPerSession/float64(b.N), "heap-B/session")
	b.ReportMetric(goroutinesPerSession/float64(b.N), "goroutines/session")
}

type errTimeout string

func (e errTimeout) Error() string { return "session not ready in time; screen: " + string(e) }

// TestTwentyConcurrentSessions is the bounded load test: 20 sessions type,
// see their own keys and quit, all at once.
func TestTwentyConcurrentSessions(t *testing.T) {
	key := newTestKey(t, "load")
	ts := startServer(t, []testKey{key}, func(c *Config) { c.MaxSessionsPerKey = 20 })
	c := ts.mustDial(t, key) // one connection, many channels, as ssh multiplexing does
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sh := openShell(t, c, nil)
			sh.waitFor(t, "hello load")
			// Letters the test UI does not treat as commands (c, e, p, q).
			word := strings.Repeat(string("abdfghijklmnorstuvwxyz"[i]), 3)
			sh.send(t, word)
			sh.waitFor(t, "keys=["+word+"]")
			sh.send(t, "q")
			if code := sh.wait(t); code != 0 {
				t.Errorf("session %d exit status %d", i, code)
			}
		}()
	}
	wg.Wait()
}
