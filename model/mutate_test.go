package model_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"eventlens/model"
	"eventlens/model/evtxwrite"
	"eventlens/model/modeltest"
)

// The mutation test loads damaged copies of EVTX files, each in a child
// process (this test binary, re-executed), and checks the promise made to
// users: whatever the damage, the process lives (a fatal error such as a
// stack overflow fails the case instead of the suite), finishes in bounded
// time and memory, and every chunk the damage did not touch gives exactly
// the records it gives undamaged.

var longMutation = flag.Bool("eventlens.long", false, "run the long (thousands of cases) mutation test")

func longMode() bool { return *longMutation || os.Getenv("EVENTLENS_LONG") == "1" }

const (
	firstChunk = 0x1000  // after the file header
	chunkBytes = 0x10000 // one chunk
	// caseTimeout is the most one damaged file may take to load, child
	// process start included; undamaged, none takes a second.
	caseTimeout = 60 * time.Second
	// maxRSS bounds the child's peak resident memory. Loading a mutated
	// corpus file takes about 20 MiB, the 16 MiB benchmark log (long mode)
	// about 110 MiB; the race detector multiplies that several times.
	maxRSS = 512 << 20
)

// chunkDigest sums up the events of one chunk.
type chunkDigest struct {
	N   int    `json:"n"`
	Sum string `json:"sum"`
}

// digest groups events by chunk and hashes everything each carries but its
// file name.
func digest(evs []model.Event) map[int]chunkDigest {
	by := map[int][]*model.Event{}
	for i := range evs {
		e := &evs[i]
		k := -1
		if e.Offset >= firstChunk {
			k = int((e.Offset - firstChunk) / chunkBytes)
		}
		by[k] = append(by[k], e)
	}
	out := map[int]chunkDigest{}
	for k, es := range by {
		slices.SortFunc(es, func(a, b *model.Event) int {
			if a.Offset != b.Offset {
				return int(a.Offset - b.Offset)
			}
			return int(a.RecordID) - int(b.RecordID)
		})
		h := sha256.New()
		for _, e := range es {
			c := *e
			c.File = ""
			fmt.Fprintf(h, "%+v\n", c)
		}
		out[k] = chunkDigest{len(es), hex.EncodeToString(h.Sum(nil))}
	}
	return out
}

// childResult is what the child reports.
type childResult struct {
	Chunks  map[int]chunkDigest `json:"chunks"`
	Events  int                 `json:"events"`
	Problem int                 `json:"problems"`
	Err     string              `json:"err"`
	// PeakRSS is the child's peak resident memory (Linux: VmHWM), or the
	// memory the Go runtime obtained from the system where that is not
	// known. The parent cannot use its rusage: after a vfork-style spawn
	// Linux counts the parent's resident memory at the time in it too.
	PeakRSS int64 `json:"rss"`
}

// peakRSS returns this process's peak resident memory, see PeakRSS.
func peakRSS() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				var kb int64
				if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb); err == nil {
					return kb << 10
				}
			}
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.Sys)
}

// TestMutationChild is the child process of the mutation tests: it loads
// the file EVENTLENS_MUTATE_FILE and writes a childResult to
// EVENTLENS_MUTATE_OUT.
func TestMutationChild(t *testing.T) {
	in, out := os.Getenv("EVENTLENS_MUTATE_FILE"), os.Getenv("EVENTLENS_MUTATE_OUT")
	if in == "" || out == "" {
		t.Skip("child of the mutation tests")
	}
	evs, reps, err := modeltest.LoadAll(context.Background(), []string{in}, model.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var r childResult
	r.Chunks, r.Events = digest(evs), len(evs)
	for _, rep := range reps {
		r.Problem += len(rep.Problems)
		if rep.Err != nil {
			r.Err = rep.Err.Error()
		}
	}
	r.PeakRSS = peakRSS()
	b, _ := json.Marshal(r)
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// mutation is one kind of damage.
type mutation struct {
	what string
	// touched lists the byte ranges changed; cut is the new length (or
	// -1 when the file keeps its length).
	touched [][2]int
	cut     int
}

// mutate damages a copy of data as rng decides. Positions favour chunk
// headers and the first bytes of records a quarter of the time, where the
// decoders' structure lies.
func mutate(rng *rand.Rand, data []byte) ([]byte, mutation) {
	out := bytes.Clone(data)
	pos := func() int {
		if rng.IntN(4) == 0 && len(out) > firstChunk+0x200 {
			chunks := (len(out) - firstChunk) / chunkBytes
			if chunks > 0 {
				return firstChunk + rng.IntN(chunks)*chunkBytes + rng.IntN(0x220)
			}
		}
		return rng.IntN(len(out))
	}
	m := mutation{cut: -1}
	switch k := rng.IntN(5); k {
	case 0: // bit flips
		n := 1 + rng.IntN(16)
		m.what = fmt.Sprintf("%d bit flips", n)
		for range n {
			p := pos()
			out[p] ^= 1 << rng.IntN(8)
			m.touched = append(m.touched, [2]int{p, p + 1})
		}
	case 1: // byte overwrite
		p := pos()
		n := min(1+rng.IntN(64), len(out)-p)
		m.what = fmt.Sprintf("%d random bytes at %#x", n, p)
		for i := range n {
			out[p+i] = byte(rng.IntN(256))
		}
		m.touched = append(m.touched, [2]int{p, p + n})
	case 2: // truncation
		p := rng.IntN(len(out))
		m.what = fmt.Sprintf("truncated at %#x", p)
		out = out[:p]
		m.cut = p
	case 3: // zeroed range
		p := pos()
		n := min(1+rng.IntN(8192), len(out)-p)
		m.what = fmt.Sprintf("%d bytes zeroed at %#x", n, p)
		clear(out[p : p+n])
		m.touched = append(m.touched, [2]int{p, p + n})
	case 4: // a 0xFF run: sizes and offsets at their largest
		p := pos()
		n := min(1+rng.IntN(16), len(out)-p)
		m.what = fmt.Sprintf("%d 0xFF bytes at %#x", n, p)
		for i := range n {
			out[p+i] = 0xFF
		}
		m.touched = append(m.touched, [2]int{p, p + n})
	}
	return out, m
}

// untouched reports whether chunk k is intact after m.
func (m mutation) untouched(k int) bool {
	lo, hi := firstChunk+k*chunkBytes, firstChunk+(k+1)*chunkBytes
	if m.cut >= 0 && m.cut < hi {
		return false
	}
	for _, r := range m.touched {
		if r[0] < hi && r[1] > lo {
			return false
		}
	}
	return true
}

// mutationInput is a pristine file and what it gives.
type mutationInput struct {
	name string
	data []byte
	want map[int]chunkDigest
}

type caseStats struct {
	mu                sync.Mutex
	cases, fails      int
	maxWall           time.Duration
	maxWallCase       string
	maxRSS            int64
	maxRSSCase        string
	chunksCompared    int
	chunksDamagedSeen int
}

// runMutations runs n seeded cases over inputs, in parallel child
// processes.
func runMutations(t *testing.T, inputs []mutationInput, n int, seed uint64) {
	tmp := t.TempDir()
	rng := rand.New(rand.NewPCG(seed, 0x6d75746174696f6e))
	type tcase struct {
		i    int
		in   *mutationInput
		data []byte
		m    mutation
	}
	var st caseStats
	sem := make(chan struct{}, max(2, runtime.NumCPU()))
	var wg sync.WaitGroup
	for i := range n {
		// Made one at a time, in order (so the seed fixes every case), and
		// dropped when done: only the cases running are in memory.
		in := &inputs[i%len(inputs)]
		data, m := mutate(rng, in.data)
		c := tcase{i, in, data, m}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			name := fmt.Sprintf("case %d: %s, %s", c.i, c.in.name, c.m.what)
			path := filepath.Join(tmp, fmt.Sprintf("case%04d.evtx", c.i))
			outp := path + ".json"
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Error(err)
				return
			}
			defer os.Remove(path)
			c.data = nil
			res, wall, err := runChild(path, outp)
			rss := res.PeakRSS
			st.mu.Lock()
			defer st.mu.Unlock()
			st.cases++
			if wall > st.maxWall {
				st.maxWall, st.maxWallCase = wall, name
			}
			if rss > st.maxRSS {
				st.maxRSS, st.maxRSSCase = rss, name
			}
			fail := func(format string, args ...any) {
				st.fails++
				if st.fails <= 20 {
					t.Errorf("%s: "+format, append([]any{name}, args...)...)
				}
			}
			if err != nil {
				fail("%v", err)
				return
			}
			if rss > maxRSS {
				fail("child used %d MiB (limit %d MiB)", rss>>20, maxRSS>>20)
			}
			for k, want := range c.in.want {
				if k < 0 {
					continue
				}
				if !c.m.untouched(k) {
					st.chunksDamagedSeen++
					continue
				}
				st.chunksCompared++
				if got := res.Chunks[k]; got != want {
					fail("untouched chunk %d: %d records (digest %.12s), pristine %d (%.12s)", k, got.N, got.Sum, want.N, want.Sum)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d cases over %d files (seed %d): %d failed; slowest %v (%s); most memory %d MiB max RSS (%s); %d untouched chunks compared, %d damaged",
		st.cases, len(inputs), seed, st.fails, st.maxWall.Round(time.Millisecond), st.maxWallCase, st.maxRSS>>20, st.maxRSSCase, st.chunksCompared, st.chunksDamagedSeen)
}

// runChild loads path in a child process and returns its result and wall
// time.
func runChild(path, outp string) (res childResult, wall time.Duration, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), caseTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestMutationChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "EVENTLENS_MUTATE_FILE="+path, "EVENTLENS_MUTATE_OUT="+outp, "GOTRACEBACK=single")
	var stderr, stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	runErr := cmd.Run()
	wall = time.Since(start)
	defer os.Remove(outp)
	switch {
	case ctx.Err() != nil:
		return res, wall, fmt.Errorf("hang: no result after %v", caseTimeout)
	case runErr != nil:
		return res, wall, fmt.Errorf("child failed (%v):\n%.2000s%.2000s", runErr, stderr.String(), stdout.String())
	case stderr.Len() > 0 || strings.Contains(stdout.String(), "panic"):
		return res, wall, fmt.Errorf("child printed:\n%.2000s%.2000s", stderr.String(), stdout.String())
	}
	b, err := os.ReadFile(outp)
	if err != nil {
		return res, wall, fmt.Errorf("child wrote no result: %v\n%.2000s", err, stdout.String())
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return res, wall, errors.New("child result unreadable: " + err.Error())
	}
	return res, wall, nil
}

// pristine loads data (in this process: it is undamaged) and returns the
// input with its per-chunk digests.
func pristine(t *testing.T, name string, data []byte) mutationInput {
	evs, reps, err := modeltest.LoadAll(context.Background(), []string{writeTemp(t, name, data)}, model.LoadOptions{})
	if err != nil || reps[0].Err != nil {
		t.Fatalf("%s: %v %v", name, err, reps[0].Err)
	}
	return mutationInput{name: name, data: data, want: digest(evs)}
}

func writeTemp(t *testing.T, name string, data []byte) string {
	p := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// syntheticEVTX writes n synthetic events (evtxwrite.Synthetic) as an EVTX
// file.
func syntheticEVTX(t testing.TB, n int, seed int64) []byte {
	var b bytes.Buffer
	if err := evtxwrite.Write(&b, slices.Values(evtxwrite.Synthetic(n, seed)), evtxwrite.Options{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestMutationSynthetic runs the mutation test over EVTX files of our own
// making, so it runs without the corpus too.
func TestMutationSynthetic(t *testing.T) {
	if os.Getenv("EVENTLENS_MUTATE_FILE") != "" {
		t.Skip("child")
	}
	n := 100
	switch {
	case longMode():
		n = 2000
	case testing.Short() && raceEnabled:
		n = 15
	case testing.Short():
		n = 30
	}
	inputs := []mutationInput{
		pristine(t, "synthetic-2000.evtx", syntheticEVTX(t, 2000, 1)),
		pristine(t, "synthetic-300.evtx", syntheticEVTX(t, 300, 2)),
	}
	runMutations(t, inputs, n, 6)
}

// TestMutationCorpus runs the mutation test over the corpus: at least 300
// cases (thousands with -eventlens.long or EVENTLENS_LONG=1, which also
// mutates the 16 MiB benchmark log).
func TestMutationCorpus(t *testing.T) {
	if os.Getenv("EVENTLENS_MUTATE_FILE") != "" {
		t.Skip("child")
	}
	dir := os.Getenv("EVENTLENS_CORPUS")
	if dir == "" {
		t.Skip("EVENTLENS_CORPUS not set: set it to ../shared/corpus to run the corpus mutation test")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.evtx"))
	if err != nil || len(files) == 0 {
		t.Skipf("no EVTX files in EVENTLENS_CORPUS=%s", dir)
	}
	n := 300
	switch {
	case longMode():
		n = 3000
	case testing.Short() && raceEnabled:
		n = 30
	case testing.Short():
		n = 60
	}
	var inputs []mutationInput
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 4<<20 && !longMode() {
			continue // the benchmark log: long mode only
		}
		inputs = append(inputs, pristine(t, filepath.Base(f), data))
	}
	runMutations(t, inputs, n, 2026)
}
