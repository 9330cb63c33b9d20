package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"eventlens/catalog"
	"eventlens/i18n"
	"eventlens/model"
	"eventlens/model/baseline"
	"eventlens/ui"
)

// The benchmarks time what a user waits for: whole processes (the built
// eventlens binary, and golang-evtx alone in a process of its own) on the
// 60,189-record StolenSzechuan System log, and the viewer from New until
// the whole log is loaded and classified. Each reports wall time per run
// (ns/op), CPU time (user+system, which a busy machine inflates much less),
// and, for processes, the child's peak resident memory from its rusage.
//
// Reproduce (README, Performance):
//
//	EVENTLENS_CORPUS=$PWD/../shared/corpus go test ./cmd/eventlens -run '^$' -bench . -benchtime 10x

const (
	benchLog     = "StolenSzechuan_Win2012R2_System.evtx"
	benchRecords = 60189
)

// baselineEnv makes this test binary, started as a child, count the records
// of the file it names with golang-evtx alone and exit: the library's
// whole-process yardstick, startup included, as eventlens's is.
const baselineEnv = "EVENTLENS_BENCH_BASELINE"

func init() {
	path := os.Getenv(baselineEnv)
	if path == "" {
		return
	}
	model.Load(context.Background(), nil, model.LoadOptions{}, nil) // silences the library's logger
	n, err := baseline.Count(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(n)
	os.Exit(0)
}

func benchLogPath(b *testing.B) string {
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		b.Skip("EVENTLENS_CORPUS not set: the benchmarks need " + benchLog + " from ../shared/corpus")
	}
	path := filepath.Join(dir, benchLog)
	if _, err := os.Stat(path); err != nil {
		b.Skipf("%s: %v", path, err)
	}
	return path
}

// procStats accumulates what the child processes of a benchmark used.
type procStats struct {
	cpu    time.Duration
	maxRSS int64 // bytes
	runs   int
}

// runChild runs cmd to completion, discarding its output, and adds its CPU
// time and peak RSS to st.
func (st *procStats) runChild(b *testing.B, cmd *exec.Cmd) string {
	var out strings.Builder
	cmd.Stdout = &out
	cmd.Stderr = io.Discard
	if err := cmd.Run(); err != nil {
		b.Fatalf("%v: %v", cmd.Args, err)
	}
	ps := cmd.ProcessState
	st.cpu += ps.UserTime() + ps.SystemTime()
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		st.maxRSS = max(st.maxRSS, int64(ru.Maxrss)*1024) // KiB on Linux
	}
	st.runs++
	return out.String()
}

func (st *procStats) report(b *testing.B) {
	b.ReportMetric(float64(st.cpu.Microseconds())/1000/float64(st.runs), "cpu-ms/op")
	if st.maxRSS > 0 {
		b.ReportMetric(float64(st.maxRSS)/(1<<20), "peak-RSS-MB")
	}
}

// BenchmarkTriage runs, as whole processes in one run: golang-evtx alone on
// one goroutine (FetchChunk + ParseEvent + GoEvtxMap over every chunk), then
// `eventlens triage --no-cache` (a log seen for the first time), then
// `eventlens triage` a second time (re-open through the index cache). The
// eventlens runs report x-library: how many times faster than the library's
// process they are, by wall time and by CPU time.
func BenchmarkTriage(b *testing.B) {
	path := benchLogPath(b)
	cache := b.TempDir()
	env := append(os.Environ(), "XDG_CACHE_HOME="+cache)

	var libWall, libCPU float64 // per run
	b.Run("golang-evtx-1goroutine", func(b *testing.B) {
		var st procStats
		for b.Loop() {
			cmd := exec.Command(os.Args[0])
			cmd.Env = append(os.Environ(), baselineEnv+"="+path)
			if n := strings.TrimSpace(st.runChild(b, cmd)); n != strconv.Itoa(benchRecords) {
				b.Fatalf("golang-evtx decoded %s records", n)
			}
		}
		libWall = float64(b.Elapsed()) / float64(b.N)
		libCPU = float64(st.cpu) / float64(st.runs)
		st.report(b)
	})
	triage := func(name string, args ...string) {
		b.Run(name, func(b *testing.B) {
			var st procStats
			for b.Loop() {
				cmd := exec.Command(binPath, append([]string{"triage"}, append(args, path)...)...)
				cmd.Env = env
				if out := st.runChild(b, cmd); !strings.Contains(out, "60,189 events") && !strings.Contains(out, "60189 events") {
					b.Fatalf("unexpected triage output: %.200q", out)
				}
			}
			st.report(b)
			if wall := float64(b.Elapsed()) / float64(b.N); libWall > 0 && wall > 0 {
				b.ReportMetric(libWall/wall, "x-library")
			}
			if cpu := float64(st.cpu) / float64(st.runs); libCPU > 0 && cpu > 0 {
				b.ReportMetric(libCPU/cpu, "x-library-cpu")
			}
		})
	}
	triage("triage-no-cache", "--no-cache")
	// The first run fills the cache; every timed run is a re-open.
	warm := exec.Command(binPath, "triage", path)
	warm.Env = env
	if err := warm.Run(); err != nil {
		b.Fatal(err)
	}
	triage("triage-reopen")
}

// BenchmarkTriageScale runs `eventlens triage --no-cache` over ten copies of
// the log at once (ten names for the same file: 601,890 events, 168 MB) and
// over one, and reports throughput and peak RSS, and what each event added
// to memory between the two: memory follows the events stored, not the
// bytes read.
func BenchmarkTriageScale(b *testing.B) {
	path := benchLogPath(b)
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var ten []string
	for i := range 10 {
		p := filepath.Join(dir, fmt.Sprintf("host%02d-System.evtx", i))
		if err := os.Symlink(path, p); err != nil {
			b.Skipf("symlink: %v", err)
		}
		ten = append(ten, p)
	}
	env := append(os.Environ(), "XDG_CACHE_HOME="+b.TempDir())
	rss := map[int]int64{}
	for _, files := range []int{1, 10} {
		b.Run(fmt.Sprintf("files-%d", files), func(b *testing.B) {
			var st procStats
			b.SetBytes(int64(files) * fi.Size())
			for b.Loop() {
				cmd := exec.Command(binPath, append([]string{"triage", "--no-cache"}, ten[:files]...)...)
				cmd.Env = env
				st.runChild(b, cmd)
			}
			st.report(b)
			b.ReportMetric(float64(files*benchRecords)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
			rss[files] = st.maxRSS
			if files == 10 && rss[1] > 0 {
				b.ReportMetric(float64(rss[10]-rss[1])/float64(9*benchRecords), "RSS-B/event")
				b.ReportMetric(float64(rss[10]-rss[1])/float64(9*fi.Size()), "RSS-B/file-byte")
			}
		})
	}
}

// BenchmarkViewerLoad measures the viewer as `eventlens FILE` starts it:
// from ui.New until the whole log is loaded and classified (every message
// the load sends handled, as the program's loop would), first load and
// re-open. The target is 300 ms.
func BenchmarkViewerLoad(b *testing.B) {
	path := benchLogPath(b)
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	for _, tc := range []struct {
		name    string
		noCache bool
	}{{"first-load", true}, {"reopen", false}} {
		b.Run(tc.name, func(b *testing.B) {
			c := common{noCache: tc.noCache}
			cat := catalog.Builtin()
			if !tc.noCache { // fill the cache
				if _, err := c.newLoad([]string{path}, nil, cat.NewClassification()).Run(context.Background(), nil); err != nil {
					b.Fatal(err)
				}
			}
			var cpu time.Duration
			for b.Loop() {
				c0 := selfCPU()
				// As runUI starts the viewer.
				cl := cat.NewClassification()
				ld := c.newLoad([]string{path}, nil, cl)
				m := ui.New(ui.Config{Lang: i18n.EN, Catalog: cat, Classification: cl, Location: time.UTC, Load: ld.Stream, RawXML: ld.RawXML})
				m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
				drive(m, m.Init())
				_ = m.View()
				cpu += selfCPU() - c0
				b.StopTimer()
				if n := m.Store.Len(); n != benchRecords {
					b.Fatalf("%d events loaded", n)
				}
				m.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms-to-loaded")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// drive runs cmd and every command the model returns, handing each of the
// viewer's own messages to Update as the program's loop does, until none is
// left: the load finished and classified. Bubble Tea's own messages
// (ticks, terminal queries) are dropped.
func drive(m tea.Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case nil:
		default:
			if !strings.HasPrefix(reflect.TypeOf(msg).PkgPath(), "eventlens/") {
				continue
			}
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// selfCPU is the CPU time (user+system) this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkTriageInProcess is triage's work without process start-up, for
// profiling (-cpuprofile, -memprofile): run as main runs it.
func BenchmarkTriageInProcess(b *testing.B) {
	path := benchLogPath(b)
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	for _, tc := range []struct {
		name string
		args []string
	}{{"no-cache", []string{"triage", "--no-cache", path}}, {"reopen", []string{"triage", path}}} {
		b.Run(tc.name, func(b *testing.B) {
			run(tc.args, nil, io.Discard, io.Discard) // fills the cache for reopen
			c0 := selfCPU()
			for b.Loop() {
				if code := run(tc.args, nil, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64((selfCPU()-c0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}
