package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const sampleBench = `goos: linux
goarch: amd64
pkg: xxgk/catalog
cpu: Some CPU @ 2.0GHz
BenchmarkImportVsCopy-2   	       1	9000000000 ns/op	      6000 import-rows/s	     15000 copy-rows/s	         0.4000 import/copy	12 B/op	3 allocs/op
pkg: xxgk/web
BenchmarkSearchScale/mix=common/clients=16-2         	       1	         0 ns/op	         2.100 p50-ms	         1.300 ratio-p50	         1.100 ratio-p95	         1.900 ratio-p99	         1.080 hop-ratio-p50
BenchmarkSearchScale/publish-2         	       1	         0 ns/op	         1.400 ratio-p50
BenchmarkSearchScale/reindex-2         	       1	         0 ns/op	     50000 docs	       700.0 docs/s	        70.00 pct-of-raw	      1000 raw-docs/s
PASS
# xxgk-bench postgres: 15.18
BenchmarkPage/page=entry/conns=64 	5000	2000000 ns/op	500.0 req/s	20.00 p50-ms	80.00 p99-ms	0 errors
BenchmarkPageSQL/page=entry/clients=64 	9000	1000000 ns/op	900.0 tps	3.00 avg-ms	2.50 p50-ms	70.00 p99-ms
BenchmarkServeRSS/conns=64 	1	120.0 peak-rss-MB
`

// TestBenchReport reads go test's benchmark lines and xxgk bench pages' own, custom metrics
// included, and judges each figure against its target.
func TestBenchReport(t *testing.T) {
	info := map[string]string{}
	lines, err := parseBench(strings.NewReader(sampleBench), info)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 7 {
		t.Fatalf("%d lines, want 7: %+v", len(lines), lines)
	}
	if l := lines[0]; l.Name != "BenchmarkImportVsCopy" || l.Pkg != "xxgk/catalog" || l.N != 1 || len(l.Metrics) != 6 {
		t.Errorf("first line read as %+v", l)
	}
	if v, ok := lines[1].metric("ratio-p50"); !ok || v != 1.3 || lines[1].Name != "BenchmarkSearchScale/mix=common/clients=16" {
		t.Errorf("search line read as %+v", lines[1])
	}
	if info["postgres"] != "15.18" || info["cpu"] != "Some CPU @ 2.0GHz" {
		t.Errorf("info %v", info)
	}
	got := map[string]bool{}
	for _, c := range benchChecks(lines) {
		got[c.What] = c.Met
	}
	want := map[string]bool{
		"page entry: p99 at 64 connections":                false, // 80 ms > 50 ms
		"page entry: throughput vs its bare SQL (pgbench)": true,  // 500/900 = 56%
		"catalog import": true,
		"catalog import vs raw COPY of the same rows":                        true, // 0.4 ≥ 1/3
		"RSS of xxgk serve under the page load":                              true,
		"search mix=common/clients=16: p50 vs the same query to Meilisearch": false, // 1.3 > 1.15
		"search mix=common/clients=16: p95 vs the same query to Meilisearch": true,
		"search mix=common/clients=16: p99 vs the same query to Meilisearch": true,  // a figure, no target
		"search: publish→searchable p50 vs Meilisearch's own update":         true,  // 1.4 ≤ 1.5
		"search: full reindex vs raw Meilisearch ingestion":                  false, // 70% < 80%
	}
	for k, met := range want {
		if m, ok := got[k]; !ok || m != met {
			t.Errorf("%s: met=%v (present %v), want %v", k, m, ok, met)
		}
	}
	md := renderBenchMarkdown(lines, info, benchMachine(info), time.Date(2026, 12, 2, 6, 0, 0, 0, time.UTC))
	for _, s := range []string{"| CPUs (nproc) |", "2026-12-02 06:00 UTC", "| page entry: p99 at 64 connections | 80.0 ms (its bare SQL alone: 70.0 ms) | ≤ 50 ms | **missed** |", "`BenchmarkPageSQL/page=entry/clients=64`",
		"| search: full reindex vs raw Meilisearch ingestion | 700 vs 1000 docs/s = 70% | ≥ 80% | **missed** |",
		"| search mix=common/clients=16: p99 vs the same query to Meilisearch | 1.90× | (figure only) |  |",
		"| search mix=common/clients=16: p50 vs the same query to Meilisearch | 1.30× (bare forwarding hop: 1.08×) | ≤ 1.15× | **missed** |",
		"| search mix=common/clients=16: p95 vs the same query to Meilisearch | 1.10× | ≤ 1.15× | met |"} {
		if !strings.Contains(md, s) {
			t.Errorf("markdown lacks %q:\n%s", s, md)
		}
	}
}

// Repeated runs of a benchmark are reported as one, with the median of each figure.
func TestMergeRuns(t *testing.T) {
	lines, err := parseBench(strings.NewReader(`BenchmarkPage/page=entry/conns=64 	1000	500000 ns/op	2000.0 req/s	70.00 p99-ms
BenchmarkPageSQL/page=entry/clients=64 	4000	250000 ns/op	4000.0 tps	30.00 p99-ms
BenchmarkPage/page=entry/conns=64 	600	900000 ns/op	1100.0 req/s	150.00 p99-ms
BenchmarkPageSQL/page=entry/clients=64 	5000	200000 ns/op	5000.0 tps	25.00 p99-ms
BenchmarkPage/page=entry/conns=64 	1100	480000 ns/op	2100.0 req/s	65.00 p99-ms
BenchmarkPageSQL/page=entry/clients=64 	3000	330000 ns/op	3000.0 tps	40.00 p99-ms
BenchmarkServeRSS/conns=64 	1	60.0 peak-rss-MB
`), map[string]string{})
	if err != nil {
		t.Fatal(err)
	}
	got := mergeRuns(lines)
	if len(got) != 3 || got[0].Name != "BenchmarkPage/page=entry/conns=64" || got[1].Name != "BenchmarkPageSQL/page=entry/clients=64" || got[2].Runs != 1 {
		t.Fatalf("merged into %+v; want the page, its SQL and the RSS line, in that order", got)
	}
	if rate, _ := got[0].metric("req/s"); rate != 2000 || got[0].N != 1000 || got[0].Runs != 3 {
		t.Errorf("page: %+v; want the median run's 2000 req/s of 3 runs, not the slow one's", got[0])
	}
	if p99, _ := got[0].metric("p99-ms"); p99 != 70 {
		t.Errorf("page p99 %v, want the median 70", p99)
	}
	for _, c := range benchChecks(got) {
		if c.What == "page entry: throughput vs its bare SQL (pgbench)" && (c.Figure != "2000 req/s vs 4000 tps = 50%" || !c.Met) {
			t.Errorf("ratio of the medians: %+v", c)
		}
	}
	if md := renderBenchMarkdown(got, map[string]string{}, nil, time.Now()); !strings.Contains(md, "| 1000 (median of 3 runs) |") {
		t.Errorf("the figures table does not say they are medians:\n%s", md)
	}
}

// TestPgbenchLatencies reads the latency column of pgbench's per-transaction log, the figures
// the bare SQL's p50/p99 come from, and names the line it cannot read.
func TestPgbenchLatencies(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "entry.1234")
	if err := os.WriteFile(good, []byte("0 1 1500 0 1764655200 123456\n1 1 52000 0 1764655200 223456\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lat, err := pgbenchLatencies(good)
	if err != nil {
		t.Fatal(err)
	}
	if want := []time.Duration{1500 * time.Microsecond, 52 * time.Millisecond}; !slices.Equal(lat, want) {
		t.Errorf("latencies %v, want %v", lat, want)
	}
	bad := filepath.Join(dir, "entry.1235")
	if err := os.WriteFile(bad, []byte("0 1 1500 0 1764655200 123456\n0 2 x 0 1764655200 123456\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pgbenchLatencies(bad); err == nil || !strings.Contains(err.Error(), "entry.1235:2") {
		t.Errorf("bad log: %v, want an error naming line 2", err)
	}
}
