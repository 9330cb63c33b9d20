package main

import (
	"errors"
	iofs "io/fs"
	"os"
	"strings"
)

// mistyped is a usage error when the viewer's first file is no file at all
// but a command's name mistyped ("eventlens triag x.evtx"), as git and go
// say: otherwise the viewer would open x.evtx and report "triag" missing.
// A file or directory of that name is read as one.
func mistyped(args []string) error {
	i := firstWord(args)
	if i >= len(args) || args[i] == "--" {
		return nil
	}
	word := args[i]
	cmd := nearestCommand(word)
	if cmd == "" {
		return nil
	}
	if _, err := os.Lstat(word); !errors.Is(err, iofs.ErrNotExist) {
		return nil
	}
	return misuse("", unknownCommand.Fill(word, cmd))
}

// nearestCommand is the command word is likely a typo of: at most two
// edits away (one for names of four letters or fewer), or "".
// Case counts as no edit.
func nearestCommand(word string) string {
	best, bestD := "", 3
	for _, c := range commands {
		if word == c {
			return "" // a command, dispatched as one unless flags hid it
		}
		d := editDistance(strings.ToLower(word), c) // "Triage" is a typo too
		if d < bestD && (d <= 1 || len(c) > 4) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance counts the insertions, deletions, substitutions and swaps
// of two neighbouring letters that turn a into b (optimal string
// alignment), by runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
