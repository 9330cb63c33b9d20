package helpscreen

import (
	"testing"
	"time"

	"eventlens/model/query"
)

func TestQueryExamplesParse(t *testing.T) {
	for _, ex := range QueryExamples() {
		if _, err := query.Parse(ex.Syntax, time.Now()); err != nil {
			t.Errorf("help example %q: %v", ex.Syntax, err)
		}
	}
}
