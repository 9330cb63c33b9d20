//go:build race

package model_test

// raceEnabled is true under the race detector, which makes every child
// process of the mutation tests several times slower.
const raceEnabled = true
