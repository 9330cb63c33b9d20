package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"

	"eventlens/model/sanitize"
)

// terminalSafe returns w unchanged unless it is a terminal; then every
// control character in what is written becomes visible, as in the viewer,
// so an export or report printed to the screen cannot set its title, write
// the clipboard or switch screens. Files and pipes get the data faithfully.
// done flushes what the guard holds back.
func terminalSafe(w io.Writer) (safe io.Writer, done func()) {
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		sw := sanitize.NewWriter(w)
		return sw, func() { sw.Close() }
	}
	return w, func() {}
}

// Exit codes after a signal, as shells report them (128 + signal number).
const (
	exitInterrupted = 130
	exitTerminated  = 143
)

// signalGrace is the grace of the running signalContext, in nanoseconds.
var signalGrace atomic.Int64

// setSignalGrace changes how long the command may take to stop after a
// signal: serve loads with a second's grace, then serves with its
// shutdown's.
func setSignalGrace(d time.Duration) { signalGrace.Store(int64(d)) }

// stoppedBy holds the number of the signal that cancelled the command, or 0.
var stoppedBy atomic.Int32

// signalExit is the exit code for a command stopped by sig.
func signalExit(sig os.Signal) int {
	if sig == syscall.SIGTERM {
		return exitTerminated
	}
	return exitInterrupted
}

// stopped reports the signal that stopped the command and its exit code,
// when err is the cancellation it caused.
func stopped(err error) (sig os.Signal, code int, ok bool) {
	n := stoppedBy.Load()
	if n == 0 || !errors.Is(err, context.Canceled) {
		return nil, 0, false
	}
	sig = syscall.Signal(n)
	return sig, signalExit(sig), true
}

// signalContext is cancelled on SIGINT or SIGTERM, so a load stops cleanly.
// If the command has not finished grace after the signal (a read blocked
// in the kernel cannot see the context), or a second signal comes, the
// process exits at once: an interrupted export never replaces its target
// (the temporary file it leaves is removed by the next export).
func signalContext(grace time.Duration) (context.Context, context.CancelFunc) {
	stoppedBy.Store(0)
	setSignalGrace(grace)
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	finished := make(chan struct{})
	go func() {
		var sig os.Signal
		select {
		case sig = <-sigs:
		case <-finished:
			return
		}
		if s, ok := sig.(syscall.Signal); ok {
			stoppedBy.Store(int32(s))
		}
		cancel()
		select {
		case <-finished:
			return
		case <-sigs:
		case <-time.After(time.Duration(signalGrace.Load())):
		}
		fmt.Fprintln(os.Stderr, "eventlens: stopped by", sig)
		os.Exit(signalExit(sig))
	}()
	stop := func() {
		signal.Stop(sigs)
		select {
		case <-finished:
		default:
			close(finished)
		}
		cancel()
	}
	return ctx, stop
}

func isStopped(err error) bool { _, _, ok := stopped(err); return ok }
