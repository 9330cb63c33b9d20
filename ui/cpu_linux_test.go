//go:build linux

package ui

import "syscall"

// threadCPU returns the CPU time of the calling thread in nanoseconds. With
// the goroutine locked to its thread, it is the goroutine's own work (and
// the garbage collection it was made to assist), however busy the machine.
func threadCPU() (int64, bool) {
	var ru syscall.Rusage
	if syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru) != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
