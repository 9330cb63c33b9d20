// Package serve runs eventlens as an SSH server: every authenticated session
// gets its own terminal UI (made by Config.NewModel) over data the caller has
// loaded once.
//
// It lives under cmd/eventlens, not ui, because it is one of the command's
// faces rather than a Bubble Tea component: it knows SSH, keys, connection
// limits and confined exports, and nothing of the viewer. The serve
// subcommand wires the two together by handing it a NewModel that builds
// a ui.Model per session; internal keeps it the command's own. It is built on charm.land/wish/v2 and its Bubble Tea
// middleware, and locked down: public-key authentication from an OpenSSH
// authorized_keys file only, no commands, no subsystems, no forwarding, and
// exports confined to one directory per user through os.Root.
//
// Security model, in short:
//   - Identity comes from the key the client proved it holds (the key
//     x/crypto verified the signature with), re-checked against the current
//     authorized_keys at session start; nothing an earlier authentication
//     callback saw is trusted (soft-serve GHSA-pchf-49fh-w34r).
//   - The only thing a session can do is run the UI: "shell" with a PTY.
//     exec, subsystems (scp, sftp), port, agent and X11 forwarding are refused.
//   - A panic in one session ends that session only, and is logged.
//   - Resources are bounded: handshake and idle timeouts, a connection cap,
//     a session cap per key, capped terminal sizes and environment.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"eventlens/i18n"
)

// Defaults for Config; a zero field means its default. They are exported so
// the command line can show them as flag defaults.
const (
	DefaultListen                    = "127.0.0.1:23234"
	DefaultHandshakeTimeout          = 10 * time.Second
	DefaultIdleTimeout               = 30 * time.Minute
	DefaultMaxConns                  = 64
	DefaultMaxSessionsPerKey         = 8
	DefaultMaxUnauthenticated        = 32
	DefaultMaxUnauthenticatedPerAddr = 4
	DefaultMaxExportBytes            = 1 << 30 // 1 GiB
)

// Terminal sizes beyond these are clamped: a client must not make the
// renderer allocate an arbitrarily large screen.
const (
	maxCols = 1000
	maxRows = 500
)

// ErrServerClosed is returned by Serve and ListenAndServe after Shutdown or Close.
var ErrServerClosed = ssh.ErrServerClosed

// Config configures a Server. AuthorizedKeys, HostKey and NewModel are
// required; every other zero field takes its default.
type Config struct {
	// Listen is the TCP address for ListenAndServe (DefaultListen if empty).
	// A non-loopback address is allowed but logged as a warning.
	Listen string
	// AuthorizedKeys is an OpenSSH authorized_keys file. It is re-read when
	// it changes; removing a line revokes that key for new sessions.
	AuthorizedKeys string
	// HostKey is the host private key file, created (Ed25519, 0600) if missing.
	HostKey string
	// ExportDir, when set, receives exports in ExportDir/<user>/. Empty
	// disables export: Session.Export is nil.
	ExportDir string
	// DefaultLang is used when the client sends no usable LC_ALL/LC_MESSAGES/LANG.
	DefaultLang i18n.Lang

	HandshakeTimeout time.Duration // until authentication completes
	IdleTimeout      time.Duration // no traffic in either direction; negative disables
	MaxConns         int           // concurrent authenticated connections
	// Connections still authenticating, in all and from one IP address:
	// one address cannot hold the door shut for others.
	MaxUnauthenticated        int
	MaxUnauthenticatedPerAddr int
	MaxSessionsPerKey         int   // concurrent sessions of one key, across connections
	MaxExportBytes            int64 // size cap of one export file; negative disables

	// Logger receives structured logs; slog.Default() if nil.
	Logger *slog.Logger

	// NewModel makes the UI of one session. It is called once per session,
	// concurrently for concurrent sessions, and must not share mutable state
	// between the models it returns.
	NewModel func(Session) tea.Model
}

func (c *Config) setDefaults() {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if c.HandshakeTimeout <= 0 {
		c.HandshakeTimeout = DefaultHandshakeTimeout
	}
	switch {
	case c.IdleTimeout == 0:
		c.IdleTimeout = DefaultIdleTimeout
	case c.IdleTimeout < 0:
		c.IdleTimeout = 0
	}
	if c.MaxConns <= 0 {
		c.MaxConns = DefaultMaxConns
	}
	if c.MaxSessionsPerKey <= 0 {
		c.MaxSessionsPerKey = DefaultMaxSessionsPerKey
	}
	if c.MaxUnauthenticated <= 0 {
		c.MaxUnauthenticated = DefaultMaxUnauthenticated
	}
	if c.MaxUnauthenticatedPerAddr <= 0 {
		c.MaxUnauthenticatedPerAddr = DefaultMaxUnauthenticatedPerAddr
	}
	switch {
	case c.MaxExportBytes == 0:
		c.MaxExportBytes = DefaultMaxExportBytes
	case c.MaxExportBytes < 0:
		c.MaxExportBytes = 0
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
}

// Server is an eventlens SSH server. Make one with New.
type Server struct {
	cfg      Config
	log      *slog.Logger
	ssh      *ssh.Server
	keys     *keyFile
	exporter *exporter // nil when export is disabled
	hostKey  gossh.Signer

	conns    atomic.Int64
	sessions atomic.Int64 // open session channels
	shutting atomic.Bool

	mu       sync.Mutex
	perKey   map[string]int // open sessions by key fingerprint
	authed   int            // authenticated connections
	preAuth  map[string]int // connections still authenticating, by IP address
	preTotal int
	programs map[*tea.Program]struct{} // running UIs, told to quit on Shutdown
	ptys     sync.Map                  // ssh.Session → ptySnapshot, from its shell request to its handler
	// Closed by Shutdown and Close: the listeners, and every accepted
	// connection, even one still in its handshake.
	listeners map[net.Listener]struct{}
	open      map[*countedConn]struct{}
	addrs     []net.Addr
}

// New checks cfg, loads the authorized keys, loads or creates the host key
// and prepares the export directory. It does not listen yet.
func New(cfg Config) (*Server, error) {
	cfg.setDefaults()
	switch {
	case cfg.NewModel == nil:
		return nil, errors.New("serve: Config.NewModel is required")
	case cfg.AuthorizedKeys == "":
		return nil, errors.New("serve: an authorized_keys file is required (public keys are the only way in)")
	case cfg.HostKey == "":
		return nil, errors.New("serve: a host key file is required")
	}
	log := cfg.Logger
	s := &Server{
		cfg:       cfg,
		log:       log,
		perKey:    map[string]int{},
		preAuth:   map[string]int{},
		programs:  map[*tea.Program]struct{}{},
		listeners: map[net.Listener]struct{}{},
		open:      map[*countedConn]struct{}{},
	}
	var err error
	if s.keys, err = newKeyFile(cfg.AuthorizedKeys, log); err != nil {
		return nil, err
	}
	signer, created, err := LoadOrCreateHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s.hostKey = signer
	fp := gossh.FingerprintSHA256(signer.PublicKey())
	if created {
		log.Info("host key created", "file", cfg.HostKey, "type", signer.PublicKey().Type(), "fingerprint", fp)
	} else {
		log.Info("host key loaded", "file", cfg.HostKey, "type", signer.PublicKey().Type(), "fingerprint", fp)
	}
	if cfg.ExportDir != "" {
		if s.exporter, err = newExporter(cfg.ExportDir, cfg.MaxExportBytes, log); err != nil {
			return nil, err
		}
		log.Info("export enabled", "dir", cfg.ExportDir)
	} else {
		log.Info("export disabled (no export directory)")
	}
	s.ssh = s.newSSHServer()
	return s, nil
}

// HostKeyFingerprint returns the SHA256 fingerprint of the host key, for
// users to compare with what their ssh client shows on first connection.
func (s *Server) HostKeyFingerprint() string {
	return gossh.FingerprintSHA256(s.hostKey.PublicKey())
}

// ListenAndServe listens on Config.Listen and serves until Shutdown or Close.
func (s *Server) ListenAndServe() error {
	l, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(l)
}

// Serve serves connections from l until Shutdown or Close; it closes l.
func (s *Server) Serve(l net.Listener) error {
	addr := l.Addr()
	s.mu.Lock()
	if s.shutting.Load() {
		s.mu.Unlock()
		_ = l.Close()
		return ErrServerClosed
	}
	s.listeners[l] = struct{}{}
	s.addrs = append(s.addrs, addr)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.listeners, l)
		s.mu.Unlock()
	}()
	if isLoopback(addr) {
		s.log.Info("listening", "addr", addr.String())
	} else {
		s.log.Warn("listening on a non-loopback address: anyone who can reach it can try to log in", "addr", addr.String())
	}
	err := s.ssh.Serve(l)
	if s.shutting.Load() || errors.Is(err, ssh.ErrServerClosed) {
		return ErrServerClosed
	}
	return err
}

// Addr returns the address of the first listener Serve was given, or nil.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.addrs) == 0 {
		return nil
	}
	return s.addrs[0]
}

// Shutdown stops accepting connections, asks every running UI to quit (each
// client is told the server is shutting down), waits for the sessions to
// end and then closes the connections. If ctx ends first, remaining
// connections are closed at once and ctx's error is returned.
//
// It does not use charm.land/ssh's Server.Shutdown, whose WaitGroups race
// with connections that finish their handshake while it waits; the server
// keeps its own account of listeners, connections and sessions instead.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stopAccepting()
	s.log.Info("shutting down", "sessions", s.sessions.Load(), "connections", s.conns.Load())
	s.mu.Lock()
	for p := range s.programs {
		go p.Quit() // Quit blocks until the program's loop takes the message
	}
	s.mu.Unlock()

	// A UI too busy to take the quit message is killed, which restores its
	// terminal too, while there is still time for the goodbye.
	kctx, cancel := context.WithCancel(ctx)
	if dl, ok := ctx.Deadline(); ok {
		kctx, cancel = context.WithDeadline(ctx, dl.Add(-time.Until(dl)/3))
	}
	if waitZero(kctx, &s.sessions) != nil && ctx.Err() == nil {
		s.mu.Lock()
		s.log.Warn("sessions still running; stopping their UIs", "sessions", len(s.programs))
		for p := range s.programs {
			go p.Kill()
		}
		s.mu.Unlock()
	}
	cancel()
	err := waitZero(ctx, &s.sessions)
	if err != nil {
		s.log.Warn("shutdown deadline reached; closing remaining sessions", "sessions", s.sessions.Load())
	}
	s.closeConns()
	if werr := waitZero(ctx, &s.conns); werr != nil && err == nil {
		err = werr
	}
	s.closeExporter()
	return err
}

// Close closes listeners and connections immediately.
func (s *Server) Close() error {
	s.stopAccepting()
	s.closeConns()
	s.closeExporter()
	return nil
}

// stopAccepting marks the server as shutting down and closes its listeners;
// new connections and sessions are refused from here on.
func (s *Server) stopAccepting() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutting.Store(true)
	for l := range s.listeners {
		_ = l.Close()
	}
}

// closeConns closes every connection, including those still in their handshake.
func (s *Server) closeConns() {
	_ = s.ssh.Close()
	s.mu.Lock()
	conns := make([]*countedConn, 0, len(s.open))
	for c := range s.open {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.Close()
	}
}

// waitZero waits until n is zero or ctx ends.
func waitZero(ctx context.Context, n *atomic.Int64) error {
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for n.Load() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

func (s *Server) closeExporter() {
	if s.exporter != nil {
		// Sessions still exporting after a forced close fail cleanly: the
		// Root refuses operations once closed.
		_ = s.exporter.Close()
	}
}

func isLoopback(a net.Addr) bool {
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newSSHServer assembles the charm.land/ssh server with every door we do not
// use closed explicitly rather than by default.
func (s *Server) newSSHServer() *ssh.Server {
	srv := &ssh.Server{
		Addr:             s.cfg.Listen,
		Version:          "eventlens",
		HostSigners:      []ssh.Signer{s.hostKey},
		Handler:          s.handleSession,
		PublicKeyHandler: s.publicKeyHandler,
		// No PasswordHandler and no KeyboardInteractiveHandler: x/crypto
		// then refuses those methods, and with a PublicKeyHandler set it
		// refuses "none" too.
		PtyCallback:            s.ptyCallback,
		SessionRequestCallback: s.sessionRequestCallback,
		ServerConfigCallback:   s.serverConfig,
		ConnCallback:           s.connCallback,
		ConnectionFailedCallback: func(conn net.Conn, err error) {
			s.log.Info("connection failed", "remote", remote(conn), "err", err)
		},
		// HandshakeTimeout and IdleTimeout are enforced by countedConn.
		// Only session channels; no direct-tcpip, forwarded-tcpip or
		// streamlocal channels, no global requests (tcpip-forward).
		ChannelHandlers: map[string]ssh.ChannelHandler{
			"session": s.sessionChannel,
			"default": s.refuseChannel,
		},
		RequestHandlers:   map[string]ssh.RequestHandler{"default": s.refuseGlobalRequest},
		SubsystemHandlers: map[string]ssh.SubsystemHandler{},
		// Forwarding callbacks stay nil: charm.land/ssh denies when nil.
	}
	return srv
}

// refuseChannel rejects every channel type but "session": port forwarding
// (direct-tcpip), Unix socket forwarding, X11 and agent channels.
func (s *Server) refuseChannel(_ *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	attrs := []any{"remote", conn.RemoteAddr().String(), "channel", newChan.ChannelType()}
	if id, err := s.identify(ctx); err == nil {
		attrs = append(attrs, "user", id.user, "fingerprint", id.fingerprint)
	}
	s.log.Warn("channel refused", attrs...)
	_ = newChan.Reject(gossh.Prohibited, "eventlens: only interactive sessions are allowed")
}

// refuseGlobalRequest refuses every global request. Forwarding requests are
// logged as warnings; keepalives and other housekeeping only at debug level.
func (s *Server) refuseGlobalRequest(ctx ssh.Context, _ *ssh.Server, req *gossh.Request) (bool, []byte) {
	level := slog.LevelDebug
	if strings.Contains(req.Type, "forward") {
		level = slog.LevelWarn
	}
	attrs := []any{"remote", ctx.RemoteAddr().String(), "request", req.Type}
	if id, err := s.identify(ctx); err == nil {
		attrs = append(attrs, "user", id.user, "fingerprint", id.fingerprint)
	}
	s.log.Log(ctx, level, "global request refused", attrs...)
	return false, nil
}

// serverConfig runs once per connection, before the handshake.
func (s *Server) serverConfig(ctx ssh.Context) *gossh.ServerConfig {
	return &gossh.ServerConfig{
		MaxAuthTries: 6,
		AuthLogCallback: func(conn gossh.ConnMetadata, method string, err error) {
			if method == "none" && err != nil {
				return // every client starts with "none" to learn the methods
			}
			attrs := []any{"remote", conn.RemoteAddr().String(), "login", conn.User(), "method", method}
			if err != nil {
				s.log.Info("auth attempt refused", append(attrs, "err", err)...)
			}
		},
		// Called only after the client has proved it holds the key, with the
		// key it proved. This is where identity is decided.
		VerifiedPublicKeyCallback: func(conn gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
			ak, ok := s.keys.lookup(key)
			if !ok {
				s.log.Warn("auth refused: key no longer authorised", "remote", conn.RemoteAddr().String(), "fingerprint", gossh.FingerprintSHA256(key))
				return nil, errors.New("key not authorised")
			}
			out := &gossh.Permissions{Extensions: map[string]string{}}
			if perms != nil {
				for k, v := range perms.Extensions {
					out.Extensions[k] = v
				}
			}
			out.Extensions[extUser] = ak.user
			out.Extensions[extFingerprint] = ak.fingerprint
			s.log.Info("authenticated", "remote", conn.RemoteAddr().String(), "login", conn.User(),
				"user", ak.user, "fingerprint", ak.fingerprint)
			if c, ok := ctx.Value(ctxKeyConn).(*countedConn); ok {
				if err := s.promote(c); err != nil {
					s.log.Warn("connection refused: too many connections", "remote", conn.RemoteAddr().String(),
						"user", ak.user, "max", s.cfg.MaxConns)
					return nil, err
				}
			}
			return out, nil
		},
	}
}

// Permissions extensions set once a key is verified.
const (
	extUser        = "eventlens-user"
	extFingerprint = "eventlens-key-fp"
)

// publicKeyHandler answers "would this key be acceptable?". It records
// nothing: the answer may be about a key the client never signs with.
func (s *Server) publicKeyHandler(ctx ssh.Context, key ssh.PublicKey) bool {
	_, ok := s.keys.lookup(key)
	attrs := []any{"remote", ctx.RemoteAddr().String(), "login", ctx.User(), "fingerprint", gossh.FingerprintSHA256(key)}
	if ok {
		s.log.Debug("public key acceptable, signature pending", attrs...)
	} else {
		s.log.Info("public key not authorised", attrs...)
	}
	return ok
}

// connCallback enforces the limits on unauthenticated connections before
// any SSH byte is exchanged, and wraps the connection so it carries the
// server's timeouts. MaxConns applies once a connection authenticates
// (promote), so idle unauthenticated connections cannot lock users out.
func (s *Server) connCallback(ctx ssh.Context, conn net.Conn) net.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutting.Load() {
		return nil
	}
	addr := remoteIP(conn)
	switch {
	case s.preTotal >= s.cfg.MaxUnauthenticated:
		s.log.Warn("connection refused: too many unauthenticated connections", "remote", remote(conn), "max", s.cfg.MaxUnauthenticated)
		return nil
	case s.preAuth[addr] >= s.cfg.MaxUnauthenticatedPerAddr:
		s.log.Warn("connection refused: too many unauthenticated connections from this address", "remote", remote(conn),
			"max", s.cfg.MaxUnauthenticatedPerAddr)
		return nil
	}
	s.preTotal++
	s.preAuth[addr]++
	s.conns.Add(1)
	c := newCountedConn(s, conn)
	c.addr = addr
	s.open[c] = struct{}{}
	ctx.SetValue(ctxKeyConn, c)
	s.log.Info("connection opened", "remote", remote(conn))
	return c
}

// promote counts c as authenticated, within MaxConns, and gives back its
// unauthenticated slot.
func (s *Server) promote(c *countedConn) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.authenticated.Load() {
		return nil
	}
	if s.authed >= s.cfg.MaxConns {
		return fmt.Errorf("too many connections (at most %d)", s.cfg.MaxConns)
	}
	s.authed++
	s.releasePreAuth(c.addr)
	c.authDone()
	return nil
}

// releasePreAuth gives back an unauthenticated slot of addr; s.mu is held.
func (s *Server) releasePreAuth(addr string) {
	s.preTotal--
	if s.preAuth[addr]--; s.preAuth[addr] <= 0 {
		delete(s.preAuth, addr)
	}
}

// remoteIP is the IP address a connection comes from, without its port.
func remoteIP(c net.Conn) string {
	r := remote(c)
	if host, _, err := net.SplitHostPort(r); err == nil {
		return host
	}
	return r
}

type ctxKey struct{ name string }

var ctxKeyConn = &ctxKey{"eventlens-conn"}

// countedConn is an accepted connection. It gives its MaxConns slot back
// exactly once, however often it is closed, and it enforces the handshake
// and idle timeouts itself: charm.land/ssh's own timeout fields update a
// deadline from two goroutines without synchronisation, so they are left
// unset and its deadline calls are ignored here.
type countedConn struct {
	net.Conn
	s     *Server
	start time.Time
	once  sync.Once
	addr  string // remote IP address

	idle          time.Duration
	authenticated atomic.Bool
	lastRefresh   atomic.Int64 // unix nanoseconds of the last idle deadline update
}

func newCountedConn(s *Server, conn net.Conn) *countedConn {
	c := &countedConn{Conn: conn, s: s, start: time.Now(), idle: s.cfg.IdleTimeout}
	_ = conn.SetDeadline(c.start.Add(s.cfg.HandshakeTimeout))
	return c
}

// authDone ends the handshake deadline; from now on the idle timeout applies.
func (c *countedConn) authDone() {
	c.authenticated.Store(true)
	c.lastRefresh.Store(0)
	c.refresh()
	if c.idle <= 0 {
		_ = c.Conn.SetDeadline(time.Time{})
	}
}

// refresh pushes the idle deadline forward, at most every idle/16 so that
// busy connections do not pay for it on every packet.
func (c *countedConn) refresh() {
	if c.idle <= 0 || !c.authenticated.Load() {
		return
	}
	now := time.Now()
	last := c.lastRefresh.Load()
	if last != 0 && now.UnixNano()-last < int64(c.idle/16) {
		return
	}
	if c.lastRefresh.CompareAndSwap(last, now.UnixNano()) {
		_ = c.Conn.SetDeadline(now.Add(c.idle))
	}
}

func (c *countedConn) Read(p []byte) (int, error) {
	c.refresh()
	return c.Conn.Read(p)
}

func (c *countedConn) Write(p []byte) (int, error) {
	c.refresh()
	return c.Conn.Write(p)
}

// SetDeadline, SetReadDeadline and SetWriteDeadline ignore callers: the
// connection manages its own deadlines (see countedConn).
func (c *countedConn) SetDeadline(time.Time) error      { return nil }
func (c *countedConn) SetReadDeadline(time.Time) error  { return nil }
func (c *countedConn) SetWriteDeadline(time.Time) error { return nil }

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.s.mu.Lock()
		delete(c.s.open, c)
		if c.authenticated.Load() {
			c.s.authed--
		} else {
			c.s.releasePreAuth(c.addr)
		}
		c.s.mu.Unlock()
		c.s.conns.Add(-1)
		c.s.log.Info("connection closed", "remote", remote(c.Conn), "duration", time.Since(c.start).Round(time.Millisecond))
	})
	return err
}

func remote(c net.Conn) string {
	if c == nil || c.RemoteAddr() == nil {
		return "unknown"
	}
	return c.RemoteAddr().String()
}

// identity is who a session is, taken from the verified key.
type identity struct {
	user, fingerprint string
}

// identify derives the session's identity from the key the connection
// authenticated with, checks it is still authorised, and checks it agrees
// with what VerifiedPublicKeyCallback recorded. Any disagreement refuses.
func (s *Server) identify(ctx ssh.Context) (identity, error) {
	key, _ := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	if key == nil {
		return identity{}, errors.New("no verified public key")
	}
	ak, ok := s.keys.lookup(key)
	if !ok {
		return identity{}, errors.New("key not authorised")
	}
	perms := ctx.Permissions()
	if perms == nil || perms.Permissions == nil ||
		perms.Extensions[extFingerprint] != ak.fingerprint || perms.Extensions[extUser] != ak.user {
		return identity{}, errors.New("verified key and session key disagree")
	}
	return identity{user: ak.user, fingerprint: ak.fingerprint}, nil
}

// sessionChannel accepts a session channel if the key has a session slot
// free, and filters the channel's requests before charm.land/ssh sees them.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	id, err := s.identify(ctx)
	if err != nil {
		s.log.Warn("session refused", "remote", conn.RemoteAddr().String(), "err", err)
		_ = newChan.Reject(gossh.Prohibited, "not authorised")
		return
	}
	if s.shutting.Load() {
		_ = newChan.Reject(gossh.ResourceShortage, "eventlens: the server is shutting down")
		return
	}
	s.mu.Lock()
	if s.perKey[id.fingerprint] >= s.cfg.MaxSessionsPerKey {
		s.mu.Unlock()
		s.log.Warn("session refused: too many sessions for this key", "user", id.user, "fingerprint", id.fingerprint,
			"max", s.cfg.MaxSessionsPerKey)
		_ = newChan.Reject(gossh.ResourceShortage,
			"eventlens: too many sessions for this key (at most "+strconv.Itoa(s.cfg.MaxSessionsPerKey)+")")
		return
	}
	s.perKey[id.fingerprint]++
	s.mu.Unlock()
	s.sessions.Add(1)
	defer s.sessions.Add(-1)
	defer func() {
		s.mu.Lock()
		if s.perKey[id.fingerprint]--; s.perKey[id.fingerprint] <= 0 {
			delete(s.perKey, id.fingerprint)
		}
		s.mu.Unlock()
	}()
	// Returns when the channel's request stream ends, i.e. the channel closed.
	ssh.DefaultSessionHandler(srv, conn, &filteredChannel{NewChannel: newChan, s: s, id: id}, ctx)
}
