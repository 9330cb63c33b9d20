//go:build !unix

package query

func cpuTime() (int64, bool) { return 0, false }
