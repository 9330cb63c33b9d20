//go:build unix

package ui

import "syscall"

// cpuTime returns the process's user+system CPU time in nanoseconds, so
// benchmarks can report work done independent of other load on the machine.
func cpuTime() (int64, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
