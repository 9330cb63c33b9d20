package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"eventlens/catalog/demo"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/sanitize"
	"eventlens/ui"
)

// runUI opens the interactive viewer on the inputs, or on the embedded demo
// log when there are none.
func runUI(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eventlens", flag.ContinueOnError)
	var c common
	c.register(fs)
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	lang, err := c.language()
	if err != nil {
		return err
	}
	if err := checkInputs(inputs, lang); err != nil {
		return err
	}
	if !isTerminal(stdin) {
		// Said rather than bubbletea's "could not create cancelable
		// reader" when the viewer is started from a pipe or a script.
		return errors.New(i18n.UI.NoTerminal.In(lang))
	}
	var srcs []model.Source
	if len(inputs) == 0 {
		srcs = []model.Source{model.BytesSource(demo.Name, demo.Bytes())}
	}
	// No signal handling: the viewer reads Ctrl+C as a key.
	s, err := c.open(inputs, srcs, stderr)
	if err != nil {
		return err
	}
	defer s.close()
	m := ui.New(ui.Config{
		Lang:           lang,
		Catalog:        s.cat,
		Classification: s.cl,
		Load:           s.load.Stream,
		RawXML:         s.load.RawXML,
		VMLinks:        vmLinksPath(inputs, srcs...),
		NoColor:        os.Getenv("NO_COLOR") != "",
		Location:       c.location(),
	})
	p := tea.NewProgram(m, tea.WithInput(stdin), tea.WithOutput(stdout))
	_, err = p.Run()
	return err
}

// isTerminal reports whether r is a terminal the viewer can read keys from.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// checkInputs refuses a command none of whose inputs exist, naming each in
// lang, before anything is loaded (and before the viewer takes over the
// screen): there would be nothing to show but the error. When one exists,
// the missing ones are named as any unreadable file is — in the load report
// and the exit message — and the rest is still read.
func checkInputs(inputs []string, lang i18n.Lang) error {
	var errs []error
	for _, in := range inputs {
		_, err := os.Stat(in)
		if err == nil {
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: %s", sanitize.Line(in), sanitize.Line(i18n.SayError(err, lang))))
	}
	return errors.Join(errs...)
}

// unwrapPathError drops the *PathError wrapper, whose message repeats the
// path we already print.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
