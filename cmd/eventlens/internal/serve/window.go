package serve

import (
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"
)

// sizeBox holds the latest terminal size a client asked for. Putting never
// blocks: a flood of window changes costs one overwrite each, and the UI
// sees only the newest size.
type sizeBox struct {
	mu    sync.Mutex
	win   ssh.Window
	ready chan struct{}
}

func newSizeBox() *sizeBox { return &sizeBox{ready: make(chan struct{}, 1)} }

func (b *sizeBox) put(w ssh.Window) {
	b.mu.Lock()
	b.win = w
	b.mu.Unlock()
	select {
	case b.ready <- struct{}{}:
	default: // a wake-up is pending already; it will read the newest size
	}
}

func (b *sizeBox) get() ssh.Window {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.win
}

// ptySnapshot is what charm.land/ssh knows of a session's terminal as its
// shell starts, and the program options made from it.
type ptySnapshot struct {
	pty     ssh.Pty
	changes <-chan ssh.Window
	ok      bool
	opts    []tea.ProgramOption
}

// snapshotPty records sess's terminal for handleSession. It runs in the
// session's request loop (the shell request's callback): charm.land/ssh
// writes the terminal's size there on every window change, unlocked, so
// sess.Pty (and bubbletea.MakeOptions, which calls it) read from the
// handler's goroutine race with a client resizing its window.
func (s *Server) snapshotPty(sess ssh.Session) {
	pty, changes, ok := sess.Pty()
	s.ptys.Store(sess, ptySnapshot{pty: pty, changes: changes, ok: ok, opts: bubbletea.MakeOptions(sess)})
}

// takePty returns, once, the snapshot snapshotPty took of sess.
func (s *Server) takePty(sess ssh.Session) ptySnapshot {
	v, _ := s.ptys.LoadAndDelete(sess)
	snap, _ := v.(ptySnapshot)
	return snap
}

// drainWindowChanges reads every window change charm.land/ssh delivers on
// changes into a sizeBox, from the start of the session until its request
// stream ends. charm.land/ssh hands each window-change to a channel with
// room for one and waits while it is full; with nobody reading (before the
// UI starts, after it ends, or while it is busy) its request loop stops,
// the session never ends and its slots are never given back. Being the only
// reader, always ready, prevents that.
func drainWindowChanges(changes <-chan ssh.Window) (*sizeBox, bool) {
	if changes == nil {
		return nil, false
	}
	box := newSizeBox()
	go func() {
		for w := range changes { // closed when the request stream ends
			box.put(w)
		}
	}()
	return box, true
}

// runProgram runs a session's UI until it quits or the connection closes,
// feeding it the client's window sizes. (It replaces wish's Bubble Tea
// middleware, which reads window changes only while the UI runs and sends
// each one synchronously.)
func runProgram(sess ssh.Session, p *tea.Program, sizes *sizeBox) error {
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-sess.Context().Done():
				p.Quit()
				return
			case <-sizes.ready:
				w := sizes.get()
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height}) // returns once p has ended
			}
		}
	}()
	_, err := p.Run()
	p.Kill() // restores the terminal if the UI ended abnormally
	return err
}
