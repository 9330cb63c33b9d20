package main

import (
	"errors"
	"flag"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The tests in this file keep classes of README facts in step with the
// code: the flags, the command lines, the exit codes, the environment
// variables and the package map.

// readme is the project's README.md.
func readme(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readmeSection is README's section under heading (a whole line such as
// "## Development"), up to the next heading of the same or a higher level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	s := readme(t)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README has no %q", heading)
	}
	s = s[i+len(heading)+2:]
	level := strings.IndexByte(heading, ' ')
	for _, m := range regexp.MustCompile(`(?m)^(#+) `).FindAllStringSubmatchIndex(s, -1) {
		if m[3]-m[2] <= level {
			return s[:m[0]]
		}
	}
	return s
}

// commandFlags returns the flags of each command ("" is the viewer), as
// the command itself registers them: from the help request its -h makes.
func commandFlags(t *testing.T) map[string]*flag.FlagSet {
	t.Helper()
	sets := map[string]*flag.FlagSet{}
	for _, cmd := range append([]string{""}, commands...) {
		if takesNoFlags(cmd) {
			continue
		}
		args := []string{cmd, "-h"}
		if cmd == "" {
			args = []string{"--no-cache", "-h"}
		}
		var hr helpRequest
		if err := dispatch(args, strings.NewReader(""), io.Discard, io.Discard); !errors.As(err, &hr) {
			t.Fatalf("%v: %v, want a help request", args, err)
		}
		sets[cmd] = hr.flags
	}
	return sets
}

// takesNoFlags reports whether cmd is one that reads no flags (help,
// version): it ignores whatever flags it is given.
func takesNoFlags(cmd string) bool { return cmd == "help" || cmd == "version" }

// flagName is how a user types f: -o, --format.
func flagName(f *flag.Flag) string {
	if len(f.Name) == 1 {
		return "-" + f.Name
	}
	return "--" + f.Name
}

// foreignFlags are flags README gives to other programs (curl in the ECS
// example).
var foreignFlags = []string{"data-binary"}

// TestReadmeFlags: every flag any command defines is named in README, and
// every --flag README names is one that some command defines.
func TestReadmeFlags(t *testing.T) {
	text := readme(t)
	known := map[string]bool{}
	for cmd, fs := range commandFlags(t) {
		fs.VisitAll(func(f *flag.Flag) {
			known[f.Name] = true
			if !regexp.MustCompile(`(^|[^\w-])` + flagName(f) + `([^\w-]|$)`).MatchString(text) {
				t.Errorf("README does not document %s of %q", flagName(f), "eventlens "+cmd)
			}
		})
	}
	for _, m := range regexp.MustCompile(`(?:^|[^\w-])--([a-z][a-z-]*)`).FindAllStringSubmatch(text, -1) {
		if !known[m[1]] && !slices.Contains(foreignFlags, m[1]) {
			t.Errorf("README names --%s, which no eventlens command defines", m[1])
		}
	}
}

// readmeCommands returns every eventlens command line README shows: the
// lines of code blocks that run eventlens (with their continuation lines)
// and the `eventlens …` spans of the prose, without comments.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	text := readme(t)
	start := regexp.MustCompile(`^(?:\$ )?(?:[A-Z_]+=\S+ )*(?:\S*/bin/)?eventlens(?: |$)`)
	var cmds []string
	inCode := false
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.HasPrefix(line, "```") {
			inCode = !inCode
			continue
		}
		if !inCode {
			for _, m := range regexp.MustCompile("`(eventlens [^`]*)`").FindAllStringSubmatch(line, -1) {
				cmds = append(cmds, m[1])
			}
			continue
		}
		l := strings.TrimPrefix(line, "ExecStart=")
		loc := start.FindStringIndex(l)
		if loc == nil {
			continue
		}
		cmd := l
		for strings.HasSuffix(strings.TrimSpace(cmd), `\`) || i+1 < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "[") {
			cmd = strings.TrimSuffix(strings.TrimSpace(cmd), `\`) + " " + strings.TrimSpace(lines[i+1])
			i++
		}
		if c, _, ok := strings.Cut(cmd, " #"); ok {
			cmd = c
		}
		cmds = append(cmds, cmd[strings.Index(cmd, "eventlens"):])
	}
	if len(cmds) < 20 {
		t.Fatalf("found only %d eventlens command lines in README", len(cmds))
	}
	return cmds
}

// shellWords splits a command line as a shell would, for what README's
// lines use: spaces, '…' and "…".
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// TestReadmeCommandLines: every flag on an eventlens command line in
// README is one its command takes (usage lines included: [--query Q]).
func TestReadmeCommandLines(t *testing.T) {
	sets := commandFlags(t)
	for _, line := range readmeCommands(t) {
		words := shellWords(line)[1:]
		// The command: the first word that is no flag, when it names one;
		// flags before it are shared ones, which every command takes.
		cmd := ""
		for _, w := range words {
			if !strings.HasPrefix(strings.TrimLeft(w, "["), "-") {
				if slices.Contains(commands, w) {
					cmd = w
				}
				break
			}
		}
		if takesNoFlags(cmd) {
			continue
		}
		for _, w := range words {
			w = strings.Trim(w, "[]")
			if !strings.HasPrefix(w, "-") || w == "-" || w == "--" {
				continue
			}
			name, _, _ := strings.Cut(strings.TrimLeft(w, "-"), "=")
			name = strings.TrimSuffix(name, "]...")
			if name == "h" || name == "help" {
				continue
			}
			if sets[cmd].Lookup(name) == nil {
				t.Errorf("README: %q: eventlens %s has no flag %s", line, cmd, w)
			}
		}
	}
}

// TestReadmeExitCodes: README's paragraph on exit codes, and the last
// lines of help, name every code the program exits with.
func TestReadmeExitCodes(t *testing.T) {
	text := readme(t)
	i := strings.Index(text, "\nExit codes:")
	if i < 0 {
		t.Fatal(`README has no "Exit codes:" paragraph`)
	}
	para := text[i+1:]
	para = para[:strings.Index(para, "\n\n")]
	help := usage[strings.Index(usage, "\nExit codes:")+1:]
	for _, code := range exitCodes {
		if !regexp.MustCompile(`\b` + strconv.Itoa(code) + `\b`).MatchString(para) {
			t.Errorf("README's exit codes do not name %d:\n%s", code, para)
		}
		if !regexp.MustCompile(`\b` + strconv.Itoa(code) + `\b`).MatchString(help) {
			t.Errorf("help's exit codes do not name %d:\n%s", code, help)
		}
	}
}

// exitCodes are every code eventlens exits with.
var exitCodes = []int{exitOK, exitError, exitUsage, exitIncomplete, exitInternal, exitInterrupted, exitTerminated}

// goFiles calls fn with the path and text of every Go file of the module.
func goFiles(t *testing.T, fn func(path, text string)) {
	t.Helper()
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "../.." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fn(p, string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReadmeEnvironment: every environment variable the program reads is
// in README, and every EVENTLENS_ variable README names is read somewhere
// (by the program or by a test README tells to set it).
func TestReadmeEnvironment(t *testing.T) {
	text := readme(t)
	getenv := regexp.MustCompile(`(?:Getenv|LookupEnv)\("([A-Z_]+)"\)`)
	literal := map[string]bool{}
	read := []string{"LC_ALL", "LC_MESSAGES", "LANG"} // i18n.Detect(…, os.Getenv)
	goFiles(t, func(p, src string) {
		for _, m := range regexp.MustCompile(`"(EVENTLENS_[A-Z_]+)"`).FindAllStringSubmatch(src, -1) {
			literal[m[1]] = true
		}
		if !strings.HasSuffix(p, "_test.go") {
			for _, m := range getenv.FindAllStringSubmatch(src, -1) {
				read = append(read, m[1])
			}
		}
	})
	for _, v := range read {
		if !regexp.MustCompile(`\b` + v + `\b`).MatchString(text) {
			t.Errorf("eventlens reads %s, which README does not mention", v)
		}
	}
	for _, m := range regexp.MustCompile(`\bEVENTLENS_[A-Z_]+\b`).FindAllString(text, -1) {
		if !literal[m] {
			t.Errorf("README names %s, which no code reads", m)
		}
	}
}

// TestReadmePackageMap: the package map under Development names every
// package of the module once, and nothing that is not a directory of it.
func TestReadmePackageMap(t *testing.T) {
	dev := readmeSection(t, "## Development")
	i := strings.Index(dev, "```\ncmd/eventlens ")
	if i < 0 {
		t.Fatal("README's Development section has no package map (a code block that starts with cmd/eventlens)")
	}
	block := dev[i+4:]
	block = block[:strings.Index(block, "```")]
	named := map[string]int{}
	for _, line := range strings.Split(block, "\n") {
		if line == "" || line[0] == ' ' {
			continue // a description's continuation
		}
		named[strings.Fields(line)[0]]++
	}
	pkgs := map[string]bool{}
	goFiles(t, func(p, _ string) {
		rel, _ := filepath.Rel("../..", filepath.Dir(p))
		pkgs[filepath.ToSlash(rel)] = true
	})
	for p := range pkgs {
		if named[p] != 1 {
			t.Errorf("README's package map names %s %d times, want once", p, named[p])
		}
	}
	for p := range named {
		if pkgs[p] {
			continue
		}
		if st, err := os.Stat(filepath.Join("../..", p)); err != nil || !st.IsDir() {
			t.Errorf("README's package map names %s, which is no directory of the module", p)
		}
	}
}

// TestReadmeLayers: the import rules README states under Development.
func TestReadmeLayers(t *testing.T) {
	rules := []struct{ pkg, never string }{
		{"model", "catalog"}, {"model", "ui"},
		{"catalog", "ui"}, {"i18n", "ui"},
		{"i18n", "model"},
	}
	under := func(path, root string) bool { return path == root || strings.HasPrefix(path, root+"/") }
	goFiles(t, func(p, src string) {
		if strings.HasSuffix(p, "_test.go") {
			return
		}
		rel, _ := filepath.Rel("../..", filepath.Dir(p))
		rel = filepath.ToSlash(rel)
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range f.Imports {
			path, _ := strconv.Unquote(im.Path.Value)
			for _, r := range rules {
				if under(rel, r.pkg) && under(path, "eventlens/"+r.never) {
					t.Errorf("%s imports %s, but README says %s never imports %s", p, path, r.pkg, r.never)
				}
			}
		}
	})
}

// testFuncs returns the names of the Test, Benchmark and Fuzz functions of
// the module's test files, by directory ("model/query").
func testFuncs(t *testing.T) map[string][]string {
	t.Helper()
	funcs := map[string][]string{}
	re := regexp.MustCompile(`(?m)^func ((?:Test|Benchmark|Fuzz)\w*)\(`)
	goFiles(t, func(p, src string) {
		if !strings.HasSuffix(p, "_test.go") {
			return
		}
		rel, _ := filepath.Rel("../..", filepath.Dir(p))
		for _, m := range re.FindAllStringSubmatch(src, -1) {
			funcs[filepath.ToSlash(rel)] = append(funcs[filepath.ToSlash(rel)], m[1])
		}
	})
	return funcs
}

// TestReadmeGoCommands: the go test and go generate commands README gives
// name packages that exist, and their -run and -bench patterns select
// tests and benchmarks that exist there; every test, benchmark or fuzz
// target README names by name exists.
func TestReadmeGoCommands(t *testing.T) {
	text := readme(t)
	funcs := testFuncs(t)
	var cmds []string
	for _, m := range regexp.MustCompile("`(go (?:test|generate)[^`]*)`").FindAllStringSubmatch(text, -1) {
		cmds = append(cmds, strings.Join(strings.Fields(m[1]), " "))
	}
	for _, m := range regexp.MustCompile(`(?m)^(?:[A-Z_]+=\S+ )*(go (?:test|generate) .*?)(?:\s+#.*)?$`).FindAllStringSubmatch(text, -1) {
		cmds = append(cmds, m[1])
	}
	if len(cmds) < 15 {
		t.Fatalf("found only %d go commands in README", len(cmds))
	}
	for _, cmd := range cmds {
		words := shellWords(cmd)
		if len(words) == 2 {
			continue // the command's name in prose
		}
		var dirs []string
		var patterns [][2]string // flag, pattern
		for i := 2; i < len(words); i++ {
			w := words[i]
			switch {
			case strings.HasPrefix(w, "./"):
				dirs = append(dirs, w)
			case (w == "-run" || w == "-bench") && i+1 < len(words):
				patterns = append(patterns, [2]string{w, words[i+1]})
				i++
			}
		}
		if len(dirs) == 0 {
			t.Errorf("README: %q names no package", cmd)
			continue
		}
		for _, d := range dirs {
			recursive := strings.HasSuffix(d, "/...")
			d = strings.TrimSuffix(strings.TrimSuffix(strings.TrimPrefix(d, "./"), "..."), "/")
			if d == "" {
				d = "."
			}
			if st, err := os.Stat(filepath.Join("../..", d)); err != nil || !st.IsDir() {
				t.Errorf("README: %q: no package %s", cmd, d)
				continue
			}
			for _, p := range patterns {
				if p[1] == "^$" || p[1] == "XXX" {
					continue
				}
				re, err := regexp.Compile(p[1])
				if err != nil {
					t.Errorf("README: %q: %s %q: %v", cmd, p[0], p[1], err)
					continue
				}
				prefix := map[string]string{"-run": "Test", "-bench": "Benchmark"}[p[0]]
				found := false
				for dir, names := range funcs {
					if dir != d && !(recursive && (d == "." || strings.HasPrefix(dir, d+"/"))) {
						continue
					}
					for _, n := range names {
						if strings.HasPrefix(n, prefix) && re.MatchString(n) {
							found = true
						}
					}
				}
				if !found {
					t.Errorf("README: %q: %s %q selects nothing in %s", cmd, p[0], p[1], d)
				}
			}
		}
	}
	all := map[string]bool{}
	for _, names := range funcs {
		for _, n := range names {
			all[n] = true
		}
	}
	// Names followed by a dot or a dash are files (TestLog-dirty.evt).
	for _, m := range regexp.MustCompile(`\b((?:Test|Benchmark|Fuzz)[A-Z]\w*)\b([.-]\w)?`).FindAllStringSubmatch(text, -1) {
		if m[2] == "" && !all[m[1]] {
			t.Errorf("README names %s, which no test file defines", m[1])
		}
	}
}

// TestReadmeUsage: README shows each command's usage as `eventlens help`
// prints it (spacing aside).
func TestReadmeUsage(t *testing.T) {
	shown := map[string]bool{}
	for _, c := range readmeCommands(t) {
		shown[strings.Join(strings.Fields(c), " ")] = true
	}
	lines := strings.Split(usage, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "  eventlens ") {
			continue
		}
		syn := lines[i]
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "    ") && strings.HasPrefix(strings.TrimSpace(lines[i+1]), "[") {
			syn += " " + lines[i+1]
			i++
		}
		syn = strings.Join(strings.Fields(syn), " ")
		if !shown[syn] {
			t.Errorf("README does not show the usage %q", syn)
		}
	}
}

// TestReadmeSeeAlso: every "see *Section*" in README names a heading (or
// its start) or a bold paragraph title.
func TestReadmeSeeAlso(t *testing.T) {
	text := readme(t)
	var titles []string
	for _, m := range regexp.MustCompile(`(?m)^#+ (.*)$`).FindAllStringSubmatch(text, -1) {
		titles = append(titles, m[1])
	}
	for _, m := range regexp.MustCompile(`\*\*([^*]+?)\.?\*\*`).FindAllStringSubmatch(text, -1) {
		titles = append(titles, m[1])
	}
	refs := regexp.MustCompile(`(?i:see) \*([^*]+)\*`).FindAllStringSubmatch(text, -1)
	if len(refs) < 10 {
		t.Fatalf("found only %d cross-references in README", len(refs))
	}
	for _, m := range refs {
		ref := strings.Join(strings.Fields(m[1]), " ")
		if !slices.ContainsFunc(titles, func(h string) bool { return strings.HasPrefix(h, ref) }) {
			t.Errorf("README refers to *%s*, which is no heading", ref)
		}
	}
}
