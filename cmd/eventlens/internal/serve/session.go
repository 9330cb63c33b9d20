package serve

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"

	"eventlens/i18n"
)

// Session is what the UI of one SSH session may know about it. Every field
// except User, KeyFingerprint and Export comes from the client and is
// untrusted.
type Session struct {
	// Context ends when the connection closes.
	Context context.Context
	// ID is a short reference for this session, also used in the server log.
	ID string
	// User is the identity of the verified key: its authorized_keys comment
	// up to "@" (alice@laptop → alice), or key-<hex> when that is unusable.
	User string
	// KeyFingerprint is the SHA256 fingerprint of the verified key.
	KeyFingerprint string
	// Login is the user name the client asked for; it is not an identity.
	Login      string
	RemoteAddr string

	// Lang is from the client's LC_ALL, LC_MESSAGES or LANG (sent with
	// ssh's SendEnv), else Config.DefaultLang.
	Lang i18n.Lang

	Term          string // the client's TERM
	Width, Height int    // initial window size; later sizes arrive as tea.WindowSizeMsg
	// ColorProfile is what the client's terminal can show, decided from its
	// TERM, COLORTERM and NO_COLOR, never from the server's terminal. The
	// program is already started with it (tea.WithColorProfile).
	ColorProfile colorprofile.Profile
	// NoColor is true when the client asked for no colour (NO_COLOR) or its
	// terminal cannot show any.
	NoColor bool
	// Environ is the environment the client sent, as "KEY=value".
	Environ []string

	// Export writes a file below ExportDir/<User>/; nil when export is
	// disabled (no export directory configured).
	Export ExportFunc
	// ExportDir is the server-side directory exports of this user land in,
	// for messages; empty when export is disabled.
	ExportDir string

	// Log is the server's logger with this session's attributes.
	Log *slog.Logger
}

// Messages written to the client outside the UI, one line each.
var (
	msgNoPTY = i18n.Text{
		EN: "eventlens: this server only shows the interactive viewer and needs a terminal; connect with: ssh -t HOST",
		JA: "eventlens: このサーバーは対話型ビューア専用で、端末が必要です。ssh -t HOST で接続してください。",
		NL: "eventlens: deze server toont alleen de interactieve viewer en heeft een terminal nodig; verbind met: ssh -t HOST",
	}
	msgNoCommands = i18n.Text{
		EN: "eventlens: commands, scp and sftp are not available here; connect without a command: ssh -t HOST",
		JA: "eventlens: ここではコマンド、scp、sftp は使えません。コマンドなしで ssh -t HOST と接続してください。",
		NL: "eventlens: opdrachten, scp en sftp zijn hier niet beschikbaar; verbind zonder opdracht: ssh -t HOST",
	}
	msgCrashed = i18n.Text{
		EN: "eventlens: this session hit an internal error and was closed; it has been logged (ref %s).",
		JA: "eventlens: 内部エラーのためこのセッションを終了しました。エラーは記録されています（参照 %s）。",
		NL: "eventlens: deze sessie liep tegen een interne fout aan en is gesloten; de fout is gelogd (ref %s).",
	}
	msgShutdown = i18n.Text{
		EN: "eventlens: the server is shutting down.",
		JA: "eventlens: サーバーを停止しています。",
		NL: "eventlens: de server wordt afgesloten.",
	}
	msgRefused = i18n.Text{
		EN: "eventlens: not authorised.",
		JA: "eventlens: 認可されていません。",
		NL: "eventlens: geen toegang.",
	}
)

// detectLang picks the session language from the client's environment by
// the same rule as the command line (i18n.Detect); a client that sends no
// locale at all gets def, the server's --lang.
func detectLang(env []string, def i18n.Lang) i18n.Lang {
	vars := map[string]string{}
	for _, kv := range env { // the last assignment wins, as in a shell
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	if vars["LC_ALL"] == "" && vars["LC_MESSAGES"] == "" && vars["LANG"] == "" {
		return def
	}
	return i18n.Detect("", func(k string) string { return vars[k] })
}

var sessionSeq atomic.Uint64

// handleSession runs one session: it checks identity and terminal, makes the
// UI through Config.NewModel, and runs it (see runProgram).
func (s *Server) handleSession(sess ssh.Session) {
	// First of all, so that no early return leaves charm.land/ssh waiting
	// to hand over a window change.
	term := s.takePty(sess)
	sizes, _ := drainWindowChanges(term.changes)
	ctx := sess.Context()
	ref := fmt.Sprintf("%.8s-%d", ctx.SessionID(), sessionSeq.Add(1))
	log := s.log.With("session", ref, "remote", sess.RemoteAddr().String())
	lang := detectLang(sess.Environ(), s.cfg.DefaultLang)
	uiRan := false
	say := func(t i18n.Text, args ...any) {
		msg := t.In(lang)
		if uiRan {
			msg = "\r\n" + msg // below whatever the UI left on the screen
		}
		if len(args) > 0 {
			msg = fmt.Sprintf(msg, args...)
		}
		_, _ = sess.Stderr().Write([]byte(msg + "\r\n"))
	}
	defer func() {
		// Last line of defence; charm.land/ssh would recover too, but
		// without telling the client or logging through our logger.
		if r := recover(); r != nil {
			log.Error("panic in session; session closed", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			say(msgCrashed, ref)
			_ = sess.Exit(1)
		}
	}()

	id, err := s.identify(ctx)
	if err != nil {
		log.Warn("session refused", "err", err)
		say(msgRefused)
		_ = sess.Exit(1)
		return
	}
	log = log.With("user", id.user, "fingerprint", id.fingerprint)

	pty := term.pty
	if !term.ok {
		log.Info("session refused: no terminal (PTY) requested")
		say(msgNoPTY)
		_ = sess.Exit(1)
		return
	}
	if s.shutting.Load() {
		say(msgShutdown)
		_ = sess.Exit(1)
		return
	}

	env := sess.Environ()
	profile := colorprofile.Env(append(env, "TERM="+pty.Term))
	info := Session{
		Context:        ctx,
		ID:             ref,
		User:           id.user,
		KeyFingerprint: id.fingerprint,
		Login:          ctx.User(),
		RemoteAddr:     sess.RemoteAddr().String(),
		Lang:           lang,
		Term:           pty.Term,
		Width:          pty.Window.Width,
		Height:         pty.Window.Height,
		ColorProfile:   profile,
		NoColor:        profile <= colorprofile.ASCII,
		Environ:        env,
		Log:            log,
	}
	if s.exporter != nil {
		info.Export = s.exporter.forUser(id.user, log)
		info.ExportDir = s.exporter.userDir(id.user)
	}

	g := &guard{log: log}
	if !g.call("new model", func() { g.inner = s.cfg.NewModel(info) }) || g.inner == nil {
		if !g.crashed.Load() {
			log.Error("session UI could not be created (NewModel returned nil)")
		}
		say(msgCrashed, ref)
		_ = sess.Exit(1)
		return
	}

	opts := append(term.opts,
		tea.WithColorProfile(profile),
		// Signals belong to the server process, not to a session.
		tea.WithoutSignalHandler(),
	)
	program := tea.NewProgram(g, opts...)
	g.quit = func() { go program.Quit() }

	s.mu.Lock()
	s.programs[program] = struct{}{}
	s.mu.Unlock()
	start := time.Now()
	log.Info("session started", "login", info.Login, "term", info.Term, "width", info.Width, "height", info.Height,
		"lang", lang.Code(), "color", profile.String(), "export", info.Export != nil)

	if err := runProgram(sess, program, sizes); err != nil && !g.crashed.Load() {
		log.Warn("session UI ended with an error", "err", err)
	}
	uiRan = true

	s.mu.Lock()
	delete(s.programs, program)
	s.mu.Unlock()
	g.close()
	code := 0
	switch {
	case g.crashed.Load():
		say(msgCrashed, ref)
		code = 1
	case s.shutting.Load():
		say(msgShutdown)
	}
	log.Info("session ended", "duration", time.Since(start).Round(time.Millisecond), "crashed", g.crashed.Load())
	_ = sess.Exit(code)
}

// guard wraps a session's model so that a panic in Init, Update, View or a
// command it returned is logged with the session's attributes and ends
// this session only, with the terminal restored, instead of Bubble Tea
// printing a stack trace on the server's stderr.
type guard struct {
	inner   tea.Model
	log     *slog.Logger
	quit    func()
	crashed atomic.Bool
	once    sync.Once
}

// call runs f, reporting false if it panicked.
func (g *guard) call(where string, f func()) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			g.crash(where, r)
			ok = false
		}
	}()
	f()
	return true
}

func (g *guard) crash(where string, r any) {
	g.once.Do(func() {
		g.crashed.Store(true)
		g.log.Error("panic in session UI; session closed", "where", where, "panic", fmt.Sprint(r),
			"stack", string(debug.Stack()))
	})
}

func (g *guard) Init() (cmd tea.Cmd) {
	if !g.call("init", func() { cmd = g.wrap(g.inner.Init()) }) {
		return tea.Quit
	}
	return cmd
}

func (g *guard) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if g.crashed.Load() {
		return g, tea.Quit
	}
	var cmd tea.Cmd
	if !g.call("update", func() {
		next, c := g.inner.Update(msg)
		if next != nil {
			g.inner = next
		}
		cmd = g.wrap(c)
	}) {
		return g, tea.Quit
	}
	return g, cmd
}

func (g *guard) View() (v tea.View) {
	if g.crashed.Load() {
		return tea.NewView("")
	}
	if !g.call("view", func() { v = g.inner.View() }) {
		if g.quit != nil {
			g.quit() // View cannot return a command
		}
		return tea.NewView("")
	}
	return v
}

// close releases what the model holds if it has a Close method (ui.Model
// does: it stops a load still running), whichever way the session ended.
func (g *guard) close() {
	g.call("close", func() {
		switch m := g.inner.(type) {
		case interface{ Close() }:
			m.Close()
		case interface{ Close() error }:
			_ = m.Close()
		}
	})
}

// wrap guards a command, and the commands of a batch it returns, since
// Bubble Tea runs them on goroutines of their own.
func (g *guard) wrap(c tea.Cmd) tea.Cmd {
	if c == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		if !g.call("command", func() { msg = c() }) {
			return tea.Quit()
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			wrapped := make(tea.BatchMsg, len(b))
			for i, bc := range b {
				wrapped[i] = g.wrap(bc)
			}
			return wrapped
		}
		return msg
	}
}
