//go:build !linux

package ui

func threadCPU() (int64, bool) { return 0, false }
