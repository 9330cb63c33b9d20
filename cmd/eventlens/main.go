// Command eventlens triages Windows event logs in a terminal: it loads EVTX
// files and Event Viewer XML exports, classifies every event against a
// catalog of known Hyper-V events and problems, and shows them in a
// filterable list with explanations in Japanese, Dutch or English.
//
// Usage:
//
//	eventlens [--lang ja|nl|en] [--catalog FILE]... [FILES|DIRS...]
//	eventlens export [--query Q] [--format jsonl|csv|xml|evtx|ecs] [-o FILE] [--strict] FILES...
//	eventlens triage [--lang ja|nl|en] FILES...
//	eventlens catalog list | show ID | check FILE...
//	eventlens serve --authorized-keys FILE --host-key FILE [--export-dir DIR] FILES...
//
// With no files, eventlens opens its embedded demo log.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	_ "time/tzdata" // --tz Asia/Tokyo works where the system has no zone database
)

// Exit codes. exitIncomplete lets scripts tell "read everything" from "read
// what could be read" when --strict asks for it.
const (
	exitOK         = 0
	exitError      = 1
	exitUsage      = 2
	exitIncomplete = 3
	exitInternal   = 70
)

// incompleteError reports that --strict found skipped or undecoded records.
var errIncomplete = errors.New("some records were skipped or could not be decoded")

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code, and turns a
// panic into a one-line message rather than a Go stack trace on the user's
// terminal.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "eventlens: internal error: %v\n", r)
			if os.Getenv("EVENTLENS_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = exitInternal
		}
	}()
	err := dispatch(args, stdin, stdout, stderr)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, new(helpRequest)):
		fmt.Fprint(stdout, usage)
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		lang := usageLang(args)
		fmt.Fprintf(stderr, "eventlens: %s\n%s\n", ue.In(lang), runHelp.In(lang))
		return exitUsage
	case isStopped(err):
		sig, code, _ := stopped(err)
		fmt.Fprintf(stderr, "eventlens: stopped by %v\n", sig)
		return code
	case errors.Is(err, errIncomplete):
		fmt.Fprintf(stderr, "eventlens: %v (--strict)\n", err)
		return exitIncomplete
	default:
		fmt.Fprintf(stderr, "eventlens: %v\n", err)
		return exitError
	}
}

var errHelp = errors.New("help shown")

func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	args = commandFirst(args)
	if len(args) > 0 {
		switch args[0] {
		case "export", "triage", "catalog":
			var doneOut, doneErr func()
			stdout, doneOut = terminalSafe(stdout)
			stderr, doneErr = terminalSafe(stderr)
			defer doneOut()
			defer doneErr()
		}
		switch args[0] {
		case "export":
			return runExport(args[1:], stdout, stderr)
		case "triage":
			return runTriage(args[1:], stdout, stderr)
		case "catalog":
			return runCatalog(args[1:], stdout, stderr)
		case "serve":
			return runServe(args[1:], stdout, stderr)
		case "help", "-h", "-help", "--help":
			if err := checkFlags(args); err != nil {
				return err
			}
			fmt.Fprint(stdout, usage)
			return errHelp
		case "version", "--version":
			if err := checkFlags(args); err != nil {
				return err
			}
			fmt.Fprintln(stdout, version())
			return nil
		}
	}
	if err := mistyped(args); err != nil {
		return err
	}
	return runUI(args, stdin, stdout, stderr)
}

// checkFlags parses the flags of a command that has none of its own (help,
// version): those every command takes are allowed ("eventlens --lang nl
// help"), any other is a usage error rather than ignored. Other arguments
// are left alone ("eventlens help export").
func checkFlags(args []string) error {
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	var c common
	c.register(fs)
	if _, err := parseArgs(fs, args[1:]); err != nil && !errors.Is(err, errHelp) {
		return err
	}
	_, err := c.language()
	return err
}

// commands are the names dispatch runs as subcommands rather than as files
// for the viewer.
var commands = []string{"export", "triage", "catalog", "serve", "help", "version"}

// commandFirst moves the flags that come before a subcommand's name after
// it, so that "eventlens --lang ja help" is "eventlens help --lang ja" and
// "eventlens --catalog ours.yaml catalog show ID" is "eventlens catalog
// --catalog ours.yaml show ID": the command's own flag set then parses them,
// and says so if one is not its own. Without a subcommand after the flags
// the arguments are the viewer's and are left alone.
//
// Whether a flag takes a value is known for the shared flags (see
// common.register); any other is read as a flag with a value unless a
// subcommand's name follows it ("--strict export"): a command's name is
// never the value of a flag.
func commandFirst(args []string) []string {
	i := firstWord(args)
	if i == 0 || i >= len(args) || !slices.Contains(commands, args[i]) {
		return args
	}
	out := append([]string{args[i]}, args[:i]...)
	return append(out, args[i+1:]...)
}

// firstWord is the index of the first argument after the leading flags and
// their values (len(args) when there is none, or "--" when it ends them).
func firstWord(args []string) int {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	var c common
	c.register(fs)
	i := 0
	for i < len(args) && strings.HasPrefix(args[i], "-") && args[i] != "-" && args[i] != "--" {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		i++
		if hasValue {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
				continue
			}
		} else if i < len(args) && slices.Contains(commands, args[i]) {
			continue // a flag without a value: the command follows
		}
		i++ // the flag's value
	}
	return min(i, len(args))
}

func version() string {
	v := "(devel)"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		v = bi.Main.Version
	}
	return "eventlens " + v
}

const usage = `eventlens — triage Windows event logs in a terminal

Usage:
  eventlens [--lang ja|nl|en] [--catalog FILE]... [--messages FILE]... [--tz ZONE]
            [FILES|DIRS...]
      Open the logs in the interactive viewer (the embedded demo log when none
      are given). Directories are searched recursively; EVTX, legacy .evt and
      Event Viewer XML, CSV and TXT exports are recognised by content.

  eventlens export [--query Q] [--format jsonl|csv|xml|evtx|ecs] [-o FILE] [--force]
                   [--lang L] [--catalog FILE]... [--messages FILE]... [--tz ZONE]
                   [--strict] FILES...
      Write the classified events (matching Q) to FILE or standard output.
      The load report goes to standard error.

  eventlens triage [--query Q] [--by-vm] [--lang L] [--catalog FILE]...
                   [--messages FILE]... [--tz ZONE] [--strict] FILES...
      Print a short summary: per file, then grouped by class with each known
      event's verdict and remedy, the floods and the most novel errors;
      --query summarises only the matching events, --by-vm each virtual
      machine. The load report goes to standard error.

  eventlens catalog [--lang L] [--catalog FILE]... list | show ID | check FILE...
      Browse the built-in catalog, or validate catalog files.

  eventlens serve --authorized-keys FILE --host-key FILE [--listen ADDR]
                  [--export-dir DIR] [--handshake-timeout D] [--idle-timeout D]
                  [--max-conns N] [--max-sessions-per-key N] FILES...
      Load the logs once and serve the viewer over SSH: public-key login
      only, no shell, one independent view per session.

Every command that reads logs takes --no-cache: read every file from scratch,
without the index cache in the user cache directory; and --decoder golang-evtx:
decode EVTX records with golang-evtx first instead of eventlens's own decoder.
They also take --messages FILE (repeatable; also EVENTLENS_MESSAGES, a path
list): SQLite message databases (Velocidex evtx-data schema) that give EVTX
events the sentence Event Viewer shows; and --tz ZONE (Asia/Tokyo, +09:00,
UTC): the zone of times written without one (Event Viewer CSV/TXT exports)
and of the times shown; default: this machine's zone. Every command takes
--lang and --catalog FILE too. Flags may come before the command's name:
eventlens --lang ja triage FILES..., eventlens --lang nl help.
Language: --lang, else LC_ALL, LC_MESSAGES, LANG, else English.
Exit codes: 0 ok, 1 error, 2 bad usage, 3 --strict and records were skipped,
70 internal error, 130 or 143 stopped by Ctrl+C or SIGTERM.
`
