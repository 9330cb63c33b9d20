// Package evtxgen turns the project's readable Event Viewer XML logs (the
// catalog fixtures in testdata/catalog and the demo log) into .evtx twins
// written by package evtxwrite, so tests and users see the same events in
// the binary format Windows writes.
//
// The twins are generated, not hand-edited: regenerate them with
// "go generate ./catalog/...". Conversion is deterministic (evtxwrite stamps
// no times and keeps each event's record ID), so a twin is byte-identical on
// every run and tests can tell when one is stale.
package evtxgen

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"eventlens/model"
	"eventlens/model/evtxwrite"
	"eventlens/model/modeltest"
)

//go:generate go run gen_fixtures.go

// FixtureSrc and FixtureDst are the catalog fixtures and their .evtx twins,
// relative to this package's directory (where go generate runs).
const (
	FixtureSrc = "../../../testdata/catalog"
	FixtureDst = "../../../testdata/evtx"
)

// Events loads the Event Viewer XML export data (named name in messages)
// through the model loader and returns its events in timeline order. Any
// problem the loader reports is an error: a readable source must load
// cleanly before a twin is written from it.
func Events(name string, data []byte) ([]*model.Event, error) {
	var evs []model.Event
	reps, err := model.LoadSources(context.Background(), []model.Source{model.BytesSource(name, data)},
		model.LoadOptions{}, func(u model.Update) { evs = append(evs, u.Events...) })
	if err != nil {
		return nil, err
	}
	for _, r := range reps {
		if r.Err != nil {
			return nil, fmt.Errorf("%s: %w", name, r.Err)
		}
		if r.Format != "xml" {
			return nil, fmt.Errorf("%s: loaded as %q, want an Event Viewer XML export", name, r.Format)
		}
		if len(r.Problems) > 0 {
			return nil, fmt.Errorf("%s: %d problem(s), first: %+v", name, len(r.Problems), r.Problems[0])
		}
	}
	if len(evs) == 0 {
		return nil, fmt.Errorf("%s: no events", name)
	}
	modeltest.SortEvents(evs)
	out := make([]*model.Event, len(evs))
	for i := range evs {
		out[i] = &evs[i]
	}
	return out, nil
}

// Options is how every twin is written: record IDs are kept as in the
// source (not renumbered) so a twin's events can be matched to their XML
// by record ID, and each event keeps its own channel. A source holding
// several computers and channels becomes one file whose record IDs do not
// increase throughout, which the readers we test with accept.
var Options = evtxwrite.Options{}

// WriteTwin reads the XML file src and writes its events to the .evtx file
// dst atomically.
func WriteTwin(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	evs, err := Events(filepath.Base(src), data)
	if err != nil {
		return err
	}
	return evtxwrite.WriteFile(dst, slices.Values(evs), Options)
}

// TwinName is the .evtx name for the XML file name.
func TwinName(xmlName string) string {
	return strings.TrimSuffix(filepath.Base(xmlName), filepath.Ext(xmlName)) + ".evtx"
}

// Fixtures writes a twin in dstDir for every *.xml file in srcDir and
// returns the names written, sorted. A file that cannot be converted is an
// error naming it; the others are still written.
func Fixtures(srcDir, dstDir string) ([]string, error) {
	srcs, err := filepath.Glob(filepath.Join(srcDir, "*.xml"))
	if err != nil {
		return nil, err
	}
	if len(srcs) == 0 {
		return nil, fmt.Errorf("no *.xml files in %s", srcDir)
	}
	sort.Strings(srcs)
	if err := os.MkdirAll(dstDir, 0o755); err != nil {
		return nil, err
	}
	var names []string
	var errs []error
	for _, s := range srcs {
		n := TwinName(s)
		if err := WriteTwin(s, filepath.Join(dstDir, n)); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s, err))
			continue
		}
		names = append(names, n)
	}
	return names, errors.Join(errs...)
}

// notInEVTX are the Event fields an .evtx record does not carry, or that
// name where an event was read rather than what it is.
var notInEVTX = map[string]bool{
	"Message": true, "MessageCulture": true, "TaskName": true, // rendered by Event Viewer, not stored
	"File": true, "Offset": true,
}

// Diff lists the fields in which tw, an event read back from a twin, differs
// from src, the event read from its XML source, one line per field. Fields
// an .evtx cannot carry (Message, MessageCulture, TaskName) and File and
// Offset are ignored; times are compared at FILETIME precision (100 ns); an
// empty and a missing Data or UserData list are the same.
func Diff(src, tw *model.Event) []string {
	var d []string
	a, b := reflect.ValueOf(src).Elem(), reflect.ValueOf(tw).Elem()
	t := a.Type()
	for i := range t.NumField() {
		name := t.Field(i).Name
		if notInEVTX[name] {
			continue
		}
		x, y := a.Field(i).Interface(), b.Field(i).Interface()
		switch name {
		case "Time":
			if !src.Time.Truncate(100 * time.Nanosecond).Equal(tw.Time) {
				d = append(d, fmt.Sprintf("Time: source %s, twin %s", src.Time.Format(time.RFC3339Nano), tw.Time.Format(time.RFC3339Nano)))
			}
			continue
		case "Data", "UserData":
			if a.Field(i).Len() == 0 && b.Field(i).Len() == 0 {
				continue
			}
		}
		if !reflect.DeepEqual(x, y) {
			d = append(d, fmt.Sprintf("%s: source %q, twin %q", name, fmt.Sprint(x), fmt.Sprint(y)))
		}
	}
	return d
}
