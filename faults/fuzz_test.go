package faults

import (
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"
)

// fuzzTargets are the fuzz targets make faults runs, each for XXGK_FUZZTIME (default 20s).
// Their seed corpora (f.Add and testdata/fuzz) also run as plain tests in make test.
var fuzzTargets = []struct{ pkg, name string }{
	{"catalog", "FuzzParseDocNo"},
	{"catalog", "FuzzParseIndexNo"},
	{"calendar", "FuzzAddWorkingDays"},
	{"calendar", "FuzzParse"},
	{"catalog", "FuzzParseImportCSV"},
	{"catalog", "FuzzParseImportXLSX"},
	{"search", "FuzzFilterQuote"},
	{"requests", "FuzzQueryCodeVerification"},
	{"requests", "FuzzMasksHideMost"},
}

var fuzzExecs = regexp.MustCompile(`execs: (\d+)`)

// TestFuzzTargets runs each fuzz target with go test -fuzz for a bounded time (make faults
// only: make test runs their seed corpora as ordinary tests) and reports executions and
// failures.
func TestFuzzTargets(t *testing.T) {
	if !full() {
		t.Skip("make faults runs the fuzzers; make test runs their seed corpora in their packages")
	}
	d := 20 * time.Second
	if v := os.Getenv("XXGK_FUZZTIME"); v != "" {
		var err error
		if d, err = time.ParseDuration(v); err != nil {
			t.Fatalf("XXGK_FUZZTIME=%q: %v", v, err)
		}
	}
	for _, ft := range fuzzTargets {
		t.Run(ft.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), d+3*time.Minute)
			defer cancel()
			start := time.Now()
			cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-fuzz", "^"+ft.name+"$",
				"-fuzztime", d.String(), "-parallel", "2", "./"+ft.pkg)
			cmd.Dir = root(t)
			out, err := cmd.CombinedOutput()
			execs := 0
			if m := fuzzExecs.FindAllSubmatch(out, -1); len(m) > 0 {
				execs, _ = strconv.Atoi(string(m[len(m)-1][1]))
			}
			failures := 0
			if err != nil {
				failures = 1
				t.Errorf("go test -fuzz %s ./%s: %v\n%s", ft.name, ft.pkg, err, tailString(string(out), 4000))
			}
			recordFuzz(t, ft.pkg+"."+ft.name, execs, failures, time.Since(start))
		})
	}
}
