//go:build race

package model

// raceBuild is true under the race detector, where sync.Pool drops what it
// is given at random and allocation bounds do not hold.
const raceBuild = true
