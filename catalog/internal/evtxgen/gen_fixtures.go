//go:build ignore

// gen_fixtures writes testdata/evtx/*.evtx, one .evtx twin of every
// hand-written Event Viewer XML fixture in testdata/catalog.
//
// Run with "go generate ./catalog/...".
package main

import (
	"flag"
	"fmt"
	"log"

	"eventlens/catalog/internal/evtxgen"
)

func main() {
	src := flag.String("src", evtxgen.FixtureSrc, "directory of Event Viewer XML fixtures")
	dst := flag.String("dst", evtxgen.FixtureDst, "directory to write the .evtx twins to")
	flag.Parse()
	names, err := evtxgen.Fixtures(*src, *dst)
	for _, n := range names {
		fmt.Printf("%s/%s\n", *dst, n)
	}
	if err != nil {
		log.Fatal(err)
	}
}
