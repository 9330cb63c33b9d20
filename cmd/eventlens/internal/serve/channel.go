package serve

import (
	"encoding/binary"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Per-session limits on client requests that charm.land/ssh would otherwise
// accept without bound.
const (
	maxEnvVars     = 64
	maxEnvBytes    = 4096
	maxTermBytes   = 64
	agentRequest   = "auth-agent-req@openssh.com"
	x11Request     = "x11-req"
	ptyRequest     = "pty-req"
	windowRequest  = "window-change"
	envRequest     = "env"
	requestBacklog = 16
	// maxRequests bounds the requests of one session other than window
	// changes (which are coalesced): a real client sends a handful.
	maxRequests = 256
)

// filteredChannel wraps a session channel so its requests pass a filter
// before charm.land/ssh handles them: agent and X11 forwarding are refused
// (charm.land/ssh would acknowledge agent forwarding), the environment is
// capped, and terminal sizes are clamped.
type filteredChannel struct {
	gossh.NewChannel
	s  *Server
	id identity
}

func (c *filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request, requestBacklog)
	go c.filter(reqs, out)
	return ch, out, nil
}

// filter passes reqs to out, refusing what is not allowed, and never stops
// reading reqs for long: window changes are coalesced, keeping only the
// newest, and held back until the shell has started (before that nobody
// reads them and charm.land/ssh would stop handling requests, the shell
// request included); other requests are capped in number. When the client
// goes, reqs closes, then out, and the session's slots are given back.
func (c *filteredChannel) filter(reqs <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	var window *gossh.Request // the newest window change not yet passed on
	shell := false
	envs, others := 0, 0
	drop := func(req *gossh.Request, ok bool) { _ = req.Reply(ok, nil) }
	for {
		var send chan<- *gossh.Request
		if window != nil && shell {
			send = out
		}
		select {
		case send <- window:
			window = nil
			continue
		case req, ok := <-reqs:
			if !ok {
				return
			}
			switch req.Type {
			case windowRequest:
				clampWindow(req.Payload)
				if window != nil {
					drop(window, true) // superseded by a newer size
				}
				window = req
				continue
			case agentRequest, x11Request:
				c.s.log.Info("forwarding refused", "user", c.id.user, "fingerprint", c.id.fingerprint, "request", req.Type)
				drop(req, false)
				continue
			case envRequest:
				envs++
				if envs > maxEnvVars || len(req.Payload) > maxEnvBytes {
					drop(req, false)
					continue
				}
			case ptyRequest:
				clampPtyRequest(req.Payload)
			}
			if others++; others > maxRequests {
				drop(req, false)
				continue
			}
			if req.Type == "shell" { // the only request that starts a handler to read window changes
				shell = true
			}
			out <- req
		}
	}
}

// clampPtyRequest limits the columns and rows of a pty-req payload in place
// (string TERM, uint32 cols, uint32 rows, …).
func clampPtyRequest(p []byte) {
	if len(p) < 4 {
		return
	}
	n := binary.BigEndian.Uint32(p)
	if uint64(n)+4 > uint64(len(p)) {
		return // malformed; charm.land/ssh refuses it
	}
	clampWindow(p[4+n:])
}

// clampWindow limits a window-change payload (uint32 cols, uint32 rows, …)
// in place.
func clampWindow(p []byte) {
	if len(p) < 8 {
		return
	}
	if binary.BigEndian.Uint32(p) > maxCols {
		binary.BigEndian.PutUint32(p, maxCols)
	}
	if binary.BigEndian.Uint32(p[4:]) > maxRows {
		binary.BigEndian.PutUint32(p[4:], maxRows)
	}
}

// ptyCallback refuses a PTY with an absurd TERM value; TERM ends up in the
// UI's environment and in colour detection.
func (s *Server) ptyCallback(_ ssh.Context, pty ssh.Pty) bool {
	if len(pty.Term) > maxTermBytes {
		return false
	}
	for _, r := range pty.Term {
		if r <= ' ' || r > '~' {
			return false
		}
	}
	return true
}

// sessionRequestCallback allows "shell" only: the UI is the one thing a
// session can run.
func (s *Server) sessionRequestCallback(sess ssh.Session, requestType string) bool {
	if requestType == "shell" {
		s.snapshotPty(sess)
		return true
	}
	attrs := []any{"remote", sess.RemoteAddr().String(), "request", requestType}
	if id, err := s.identify(sess.Context()); err == nil {
		attrs = append(attrs, "user", id.user, "fingerprint", id.fingerprint)
	}
	switch requestType {
	case "exec":
		cmd := sess.RawCommand()
		if len(cmd) > 200 {
			cmd = cmd[:200] + "…"
		}
		s.log.Warn("command refused", append(attrs, "command", cmd)...)
	case "subsystem":
		s.log.Warn("subsystem refused", append(attrs, "subsystem", sess.Subsystem())...)
	default:
		s.log.Warn("session request refused", attrs...)
	}
	lang := detectLang(sess.Environ(), s.cfg.DefaultLang)
	_, _ = sess.Stderr().Write([]byte(msgNoCommands.In(lang) + "\r\n"))
	return false
}
