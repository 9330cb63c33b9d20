//go:build ignore

// gen_fixtures writes testdata/evt/*.evt, the legacy event log fixtures.
//
// Run with "go generate ./model/evt/...".
package main

import (
	"flag"
	"fmt"
	"log"

	"eventlens/model/evt/evtwrite"
)

func main() {
	dst := flag.String("dst", evtwrite.FixtureDir, "directory to write the fixtures to")
	flag.Parse()
	names, err := evtwrite.WriteFixtures(*dst)
	for _, n := range names {
		fmt.Printf("%s/%s\n", *dst, n)
	}
	if err != nil {
		log.Fatal(err)
	}
}
