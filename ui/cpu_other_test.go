//go:build !unix

package ui

func cpuTime() (int64, bool) { return 0, false }
