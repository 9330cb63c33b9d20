package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/cmd/eventlens/internal/serve"
	"eventlens/model"
	"eventlens/model/store"
	"eventlens/ui"
)

// shutdownGrace is how long sessions get to say goodbye on SIGINT/SIGTERM.
const shutdownGrace = 10 * time.Second

// runServe loads the logs once and serves a UI per SSH session over that
// shared, read-only store.
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var c common
	c.register(fs)
	cfg := serve.Config{}
	fs.StringVar(&cfg.Listen, "listen", serve.DefaultListen, "`ADDR` to listen on")
	fs.StringVar(&cfg.AuthorizedKeys, "authorized-keys", "", "OpenSSH authorized_keys `FILE` (required)")
	fs.StringVar(&cfg.HostKey, "host-key", "", "host key `FILE`; created (Ed25519, 0600) if missing (required)")
	fs.StringVar(&cfg.ExportDir, "export-dir", "", "exports go to `DIR`/<user>/; export is disabled without it")
	fs.DurationVar(&cfg.HandshakeTimeout, "handshake-timeout", serve.DefaultHandshakeTimeout, "time a connection has to authenticate")
	fs.DurationVar(&cfg.IdleTimeout, "idle-timeout", serve.DefaultIdleTimeout, "close sessions idle this long (negative: never)")
	fs.IntVar(&cfg.MaxConns, "max-conns", serve.DefaultMaxConns, "maximum concurrent authenticated connections")
	fs.IntVar(&cfg.MaxSessionsPerKey, "max-sessions-per-key", serve.DefaultMaxSessionsPerKey, "maximum concurrent sessions per key")
	inputs, lang, err := c.parseInputs(fs, args)
	if err != nil {
		return err
	}
	if cfg.AuthorizedKeys == "" || cfg.HostKey == "" {
		return misuse("serve", serveNeedsKeys)
	}
	s, err := c.open(inputs, nil, stderr)
	if err != nil {
		return err
	}
	defer s.close() // after the sessions' goodbyes: signals stay handled
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	cfg.Logger = logger
	cfg.DefaultLang = lang

	// The sessions' views are over the store loaded below: no session
	// starts before Serve, which is after the load.
	var (
		st      *store.Store
		reports []model.FileReport
	)
	cfg.NewModel = func(sess serve.Session) tea.Model {
		uc := ui.Config{Lang: sess.Lang, Catalog: s.cat, Classification: s.cl, Store: st, Reports: reports, NoColor: sess.NoColor, RawXML: s.load.RawXML, Location: c.location()}
		if sess.Export != nil {
			uc.WriteFile = sess.Export
		} else {
			uc.ExportDisabled = true
		}
		return ui.New(uc)
	}
	// The configuration first — authorized keys, host key, export folder,
	// listening address — so that a mistake in it is said at once, not
	// after a load of many minutes.
	srv, err := serve.New(cfg)
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		srv.Close()
		return fmt.Errorf("serve: %w", err)
	}

	s.handleSignals()
	res, err := s.load.Run(s.ctx, nil)
	// Every file's report, the unreadable too: serving what could be read
	// is not an error.
	writeReports(stderr, res.Reports, lang)
	if err != nil {
		l.Close()
		srv.Close()
		return err
	}
	// Loaded: a signal now starts a graceful shutdown, which may take
	// shutdownGrace; only after that does the process exit regardless.
	setSignalGrace(shutdownGrace + 5*time.Second)
	st, reports = res.Store, res.Reports
	logger.Info("logs loaded", "events", st.Len(), "files", len(reports))

	shutDown := make(chan struct{})
	go func() {
		defer close(shutDown)
		<-s.ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(l); err != nil && !errors.Is(err, serve.ErrServerClosed) {
		return err
	}
	// ListenAndServe returns as soon as the listener closes; the sessions
	// are still saying goodbye and restoring their users' terminals.
	<-shutDown
	return nil
}
