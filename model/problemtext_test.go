package model_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventlens/model"
	"eventlens/model/modeltest"
)

// TestProblemsSayRecordOnce: a problem that carries its record number does
// not repeat it in its reason, so a report reads "record 46741 …", not
// "record 46741 record 46741: …" (issue 13 item 14).
func TestProblemsSayRecordOnce(t *testing.T) {
	paths := []string{"../testdata/evt", "../testdata/evtx", "../testdata/evtext"}
	if dir := os.Getenv("EVENTLENS_CORPUS"); dir != "" {
		for _, f := range []string{"sample-with-zero-data-size-event.evtx", "sample_with_a_bad_chunk_magic.evtx",
			"E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2%4Operational.evtx", "Microsoft-Windows-LanguagePackSetup%4Operational.evtx"} {
			paths = append(paths, filepath.Join(dir, f))
		}
	}
	_, reps, err := modeltest.LoadAll(context.Background(), paths, model.LoadOptions{})
	if err != nil {
		t.Logf("load: %v", err)
	}
	seen := 0
	for _, r := range reps {
		for _, p := range r.Problems {
			if p.Record == 0 {
				continue
			}
			seen++
			if strings.Contains(p.Reason.String(), fmt.Sprintf("record %d", p.Record)) {
				t.Errorf("%s: problem repeats its record: %+v", r.Path, p)
			}
		}
	}
	t.Logf("%d files, %d problems naming a record", len(reps), seen)
}
