package main

import (
	"context"
	"io"
	"slices"

	"eventlens/catalog"
	"eventlens/model"
	"eventlens/model/pipeline"
	"eventlens/model/store"
)

// session is one command's reading of logs: the catalog with the message
// databases of --messages, the classification of this load, the load, and
// for the commands without the viewer the signal handling that stops it.
// close ends all of it.
type session struct {
	c      *common
	inputs []string
	stderr io.Writer
	cat    *catalog.Catalog
	cl     *catalog.Classification
	load   *pipeline.Load
	res    *pipeline.Result // set by run

	// ctx is cancelled by SIGINT or SIGTERM once handleSignals was called.
	ctx  context.Context
	stop context.CancelFunc
}

// open loads the catalog and prepares a classified load of inputs (and
// srcs); nothing is read yet. The caller must close the session.
func (c *common) open(inputs []string, srcs []model.Source, stderr io.Writer) (*session, error) {
	cat, err := c.catalog()
	if err != nil {
		return nil, err
	}
	cl := cat.NewClassification()
	return &session{
		c: c, inputs: inputs, stderr: stderr, cat: cat, cl: cl,
		load: c.newLoad(inputs, srcs, cl),
		ctx:  context.Background(), stop: func() {},
	}, nil
}

// openHeadless is open for a command that writes its output after loading
// (export, triage): it handles signals, then loads inputs, printing the
// load report (run). If the load fails the session is closed
// and only the error returned.
//
// The caller defers close, so that signals stay handled until its write is
// done: Ctrl+C during a long export still stops the process after
// loadGrace, and model/atomicfile leaves the target as it was.
func (c *common) openHeadless(inputs []string, stderr io.Writer) (*session, error) {
	s, err := c.open(inputs, nil, stderr)
	if err != nil {
		return nil, err
	}
	s.handleSignals()
	if err := s.run(); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// run loads the inputs into one store and prints the load report to
// stderr. The events stay in the store: writers stream them from it.
func (s *session) run() error {
	res, err := s.load.Run(s.ctx, nil)
	s.res = res
	lang, _ := s.c.language() // checked when the command began
	if err != nil {
		// The load gave up (interrupted): the report alone says what was
		// read and what was not.
		writeReports(s.stderr, res.Reports, lang)
		return err
	}
	// The files that could not be read are left to the command's error,
	// which names each (nothingRead, finish): said once.
	writeReports(s.stderr, slices.DeleteFunc(slices.Clone(res.Reports), unreadable), lang)
	return nothingRead(s.inputs, res.Reports, lang)
}

// unreadable reports whether r is a file that could not be read.
func unreadable(r model.FileReport) bool { return r.Err != nil }

// handleSignals makes SIGINT and SIGTERM cancel s.ctx (signalContext)
// until the session is closed.
func (s *session) handleSignals() { s.ctx, s.stop = signalContext(loadGrace) }

// store is what a headless session loaded.
func (s *session) store() *store.Store { return s.res.Store }

// reports are the load reports of a headless session, one per file.
func (s *session) reports() []model.FileReport { return s.res.Reports }

// finish is the exit status of a headless command whose write returned
// written (common.finish).
func (s *session) finish(written error) error {
	return s.c.finish(s.inputs, s.res.Reports, written)
}

// close stops handling signals, then closes the message databases, saying
// on stderr if a lookup failed.
func (s *session) close() {
	s.stop()
	s.c.close(s.stderr)
}
