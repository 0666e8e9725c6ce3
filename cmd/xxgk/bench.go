package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/catalog"
	"xxgk/database"
	"xxgk/seed"
)

// `xxgk bench` is what `make bench` runs besides `go test -bench`: `bench pages` loads the
// generated data set into a database of its own, starts a real `xxgk serve` on it, measures the
// public pages under 64 connections with a Go load generator and the bare SQL behind each page
// with pgbench, in the same run, and the server's RSS under that load; `bench report` reads
// every benchmark line (go test's and these) and writes the table of docs/benchmarks.md. All
// figures are printed as benchmark lines (name, iterations, value unit pairs), so benchstat
// compares two runs.

func cmdBench(ctx context.Context, env *environment, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: xxgk bench pages [flags] | xxgk bench report [--out FILE] OUTPUT-FILE...")
	}
	switch args[0] {
	case "pages":
		return benchPages(ctx, env, args[1:])
	case "report":
		return benchReport(env, args[1:])
	}
	return fmt.Errorf("bench: unknown subcommand %q: want pages or report", args[0])
}

// pageLoad is one public page under load: the URLs the load generator requests in turn and
// the pgbench script of the SQL the page needs.
type pageLoad struct {
	name string
	urls []string
	sql  string
}

func benchPages(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("bench pages", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	def := func(k, v string) string {
		if x := env.getenv(k); x != "" {
			return x
		}
		return v
	}
	defScale, _ := strconv.ParseFloat(def("XXGK_BENCH_SCALE", "0.1"), 64)
	scale := fs.Float64("scale", defScale, "scale of the generated data set (XXGK_BENCH_SCALE): 1 is 1,000,000 entries")
	server := fs.String("database-url", env.getenv("XXGK_TEST_DATABASE_URL"), "a PostgreSQL server's URL; the benchmark creates the database xxgk_bench there")
	conns := fs.Int("conns", 64, "concurrent connections of the load generator and pgbench clients")
	duration := fs.Duration("duration", 15*time.Second, "how long each page is measured")
	reuse := fs.Bool("reuse", false, "keep an existing xxgk_bench database of the same scale instead of loading it again")
	count := fs.Int("count", 1, "how many times each page and its bare SQL are measured, in turn (bench report takes the medians)")
	profile := fs.String("profile", "", "write the server's CPU profile of each page's measurement to this folder (PAGE.pprof, for go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *server == "" {
		return errors.New("bench pages: needs --database-url (make bench runs it under xxgk testenv)")
	}
	out := env.stdout
	info := func(k, format string, a ...any) {
		fmt.Fprintf(out, "# xxgk-bench %s: %s\n", k, fmt.Sprintf(format, a...))
	}
	info("load-before", "%s", loadAverage())

	dbURL, err := benchDatabase(ctx, *server, *scale, *reuse, env, out)
	if err != nil {
		return err
	}
	db, err := database.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	defer db.Close()
	var pgVersion string
	_ = db.GetContext(ctx, &pgVersion, `SHOW server_version`)
	info("postgres", "%s", pgVersion)
	var counts struct {
		Entries int `db:"entries"`
		Apps    int `db:"apps"`
		Bodies  int `db:"bodies"`
	}
	if err := db.GetContext(ctx, &counts, `SELECT (SELECT count(*) FROM entries) AS entries, (SELECT count(*) FROM applications) AS apps, (SELECT count(*) FROM bodies) AS bodies`); err != nil {
		return err
	}
	info("data", "scale %g: %d bodies, %d catalog entries, %d applications", *scale, counts.Bodies, counts.Entries, counts.Apps)
	// The pages measured here do not use Meilisearch; without this the server's indexer would
	// spend the measurement sending the whole catalog to it (BenchmarkSearchScale measures
	// search and indexing on their own).
	if _, err := db.ExecContext(ctx, `DELETE FROM search_outbox`); err != nil {
		return err
	}

	pages, err := benchTargets(ctx, db)
	if err != nil {
		return err
	}
	// Nor is the server under test given Meilisearch: finding its index empty, it would rebuild
	// it from the whole catalog during the measurement. An address nothing listens on leaves
	// search degraded, which these pages never touch.
	srv, err := startBenchServer(ctx, dbURL, *profile != "")
	if err != nil {
		return err
	}
	defer srv.stop()

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConns: *conns, MaxIdleConnsPerHost: *conns, MaxConnsPerHost: *conns}}
	var peakRSS atomic.Int64
	stopRSS := make(chan struct{})
	var rssDone sync.WaitGroup
	rssDone.Add(1)
	go func() {
		defer rssDone.Done()
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			if kb := rssKB(srv.cmd.Process.Pid); kb > peakRSS.Load() {
				peakRSS.Store(kb)
			}
			select {
			case <-stopRSS:
				return
			case <-t.C:
			}
		}
	}()
	// wrk (Debian's) is the load generator when it is installed (make bench installs it): a C
	// client costs the two cores far less than the Go one, as pgbench's own client does.
	wrk, _ := exec.LookPath("wrk")
	if wrk == "" {
		info("loadgen", "Go (wrk not installed)")
	} else {
		info("loadgen", "wrk")
	}
	pgbench, _ := exec.LookPath("pgbench")
	if pgbench == "" {
		pgbench = "/usr/lib/postgresql/15/bin/pgbench"
	}
	dir, err := os.MkdirTemp("", "xxgk-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, p := range pages {
		// Every URL must answer before it is measured: a benchmark of error pages proves nothing.
		for _, u := range p.urls[:min(5, len(p.urls))] {
			resp, err := client.Get(srv.url + u)
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("bench pages: GET %s: %s", u, resp.Status)
			}
		}
		load := func(d time.Duration) (loadFigures, error) {
			if wrk != "" {
				return loadWithWrk(ctx, wrk, srv.url, p.urls, filepath.Join(dir, p.name+".lua"), *conns, d)
			}
			gen0 := cpuTime(os.Getpid())
			r := loadPages(ctx, client, srv.url, p.urls, *conns, d)
			return loadFigures{n: r.n, errors: r.errors, rate: r.rate(), p50MS: r.pct(50), p99MS: r.pct(99), loadgenCPU: cpuTime(os.Getpid()) - gen0}, nil
		}
		if _, err := load(2 * time.Second); err != nil { // warm-up
			return err
		}
		script := filepath.Join(dir, p.name+".sql")
		if err := os.WriteFile(script, []byte(p.sql), 0o644); err != nil {
			return err
		}
		for run := range max(1, *count) {
			var profiled chan error
			if *profile != "" && run == 0 {
				profiled = make(chan error, 1)
				go func() { profiled <- srv.cpuProfile(ctx, *duration, filepath.Join(*profile, p.name+".pprof")) }()
			}
			cpu0 := cpuTime(srv.cmd.Process.Pid)
			r, err := load(*duration)
			if err != nil {
				return err
			}
			if profiled != nil {
				if err := <-profiled; err != nil {
					return err
				}
			}
			cpu := cpuTime(srv.cmd.Process.Pid) - cpu0
			perReq := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 / float64(max(1, r.n)) }
			fmt.Fprintf(out, "BenchmarkPage/page=%s/conns=%d \t%d\t%.0f ns/op\t%.1f req/s\t%.2f p50-ms\t%.2f p99-ms\t%.3f server-cpu-ms/op\t%.3f loadgen-cpu-ms/op\t%d errors\n",
				p.name, *conns, r.n, 1e9/max(r.rate, 1e-9), r.rate, r.p50MS, r.p99MS, perReq(cpu), perReq(r.loadgenCPU), r.errors)
			sql, err := runPgbench(ctx, pgbench, dbURL, script, filepath.Join(dir, p.name+"-transactions"), *conns, *duration)
			if err != nil {
				return fmt.Errorf("bench pages: pgbench %s: %w", p.name, err)
			}
			fmt.Fprintf(out, "BenchmarkPageSQL/page=%s/clients=%d \t%d\t%.0f ns/op\t%.1f tps\t%.2f avg-ms\t%.2f p50-ms\t%.2f p99-ms\n",
				p.name, *conns, sql.n, 1e9/max(sql.tps, 1e-9), sql.tps, sql.avgMS, sql.p50MS, sql.p99MS)
		}
	}
	close(stopRSS)
	rssDone.Wait()
	fmt.Fprintf(out, "BenchmarkServeRSS/conns=%d \t1\t%.1f peak-rss-MB\n", *conns, float64(peakRSS.Load())/1024)
	info("load-after", "%s", loadAverage())
	return nil
}

// benchDatabase (re)creates xxgk_bench on the server and loads the generated data set into it,
// printing the load's figures as a benchmark line.
func benchDatabase(ctx context.Context, server string, scale float64, reuse bool, env *environment, out io.Writer) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", err
	}
	u.Path = "/xxgk_bench"
	dbURL := u.String()
	admin, err := sqlx.Open("postgres", server)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	if reuse {
		if db, err := database.Open(ctx, dbURL); err == nil {
			var got float64
			err := db.GetContext(ctx, &got, `SELECT (changes->>'scale')::float FROM audit_events WHERE action = 'seed.applications' ORDER BY id DESC LIMIT 1`)
			db.Close()
			if err == nil && got == scale {
				return dbURL, nil
			}
		}
	}
	if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS xxgk_bench WITH (FORCE)`); err != nil {
		return "", err
	}
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE xxgk_bench`); err != nil {
		return "", err
	}
	db, err := database.Open(ctx, dbURL)
	if err != nil {
		return "", err
	}
	defer db.Close()
	log := loadConfig(env.getenv).logger(io.Discard)
	if _, err := database.Migrate(ctx, db, log); err != nil {
		return "", err
	}
	start := time.Now()
	res, err := seed.LoadScale(ctx, db, seed.ScaleOptions{Scale: scale, Progress: env.stderr})
	if err != nil {
		return "", err
	}
	took := time.Since(start)
	fmt.Fprintf(out, "BenchmarkSeedScale/scale=%g \t1\t%d ns/op\t%.0f entries/s\t%.1f catalog-s\t%.1f applications-s\t%d entries\t%d applications\n",
		scale, took.Nanoseconds(), float64(res.Entries)/res.CatalogTook.Seconds(), res.CatalogTook.Seconds(), res.ApplicationsTook.Seconds(), res.Entries, res.Applications)
	return dbURL, nil
}

// benchTargets picks the URLs each page is requested with (a fixed sample, the same on every
// run) and writes the pgbench script of the SQL behind it: what the page needs and nothing
// else, as a hand-written client of the schema would ask for it.
func benchTargets(ctx context.Context, db *sqlx.DB) ([]pageLoad, error) {
	if _, err := db.ExecContext(ctx, `SELECT setseed(0.42)`); err != nil {
		return nil, err
	}
	var ids []int64
	if err := db.SelectContext(ctx, &ids, `SELECT id FROM entries WHERE status = 'published' ORDER BY md5(id::text) LIMIT 2000`); err != nil {
		return nil, err
	}
	var maxID int64
	if err := db.GetContext(ctx, &maxID, `SELECT max(id) FROM entries`); err != nil {
		return nil, err
	}
	var codes []string
	if err := db.SelectContext(ctx, &codes, `SELECT code FROM bodies ORDER BY id`); err != nil {
		return nil, err
	}
	if len(ids) == 0 || len(codes) == 0 {
		return nil, errors.New("bench pages: the database has no published entries")
	}
	entry := pageLoad{name: "entry"}
	for _, id := range ids {
		entry.urls = append(entry.urls, fmt.Sprintf("/entries/%d", id))
	}
	dir := pageLoad{name: "directory"}
	home := pageLoad{name: "body"}
	for k, c := range codes {
		dir.urls = append(dir.urls, fmt.Sprintf("/bodies/%s/columns/%s?page=%d", c, catalog.ColumnPolicyNormative, 1+k%3))
		home.urls = append(home.urls, "/bodies/"+c)
	}
	nb := len(codes)
	entry.sql = fmt.Sprintf(`\set id random(1, %d)
SELECT e.id, e.title, e.summary, e.formed_on, e.published_at, e.issuers, e.doc_no, e.subject, e.body_text, e.kind,
	e.validity, e.valid_until, e.index_no, e.version, b.code, b.name, b.org_code, c.code, c.name
	FROM entries e JOIN bodies b ON b.id = e.body_id JOIN columns c ON c.id = e.column_id WHERE e.id = :id;
SELECT r.kind, o.id, o.title, o.doc_no FROM entry_relations r JOIN entries o ON o.id = r.to_id WHERE r.from_id = :id
	UNION ALL SELECT r.kind, o.id, o.title, o.doc_no FROM entry_relations r JOIN entries o ON o.id = r.from_id WHERE r.to_id = :id;
SELECT version, at, actor, note FROM entry_versions WHERE entry_id = :id ORDER BY version;
SELECT id, name, media_type, size FROM attachments WHERE entry_id = :id AND removed_at IS NULL ORDER BY position, id;
`, maxID)
	dir.sql = fmt.Sprintf(`\set b random(1, %d)
\set off random(0, 2) * 20
SELECT id, code, name, parent_id FROM bodies WHERE id = :b;
SELECT id, code, name, parent_id FROM columns WHERE body_id = :b AND retired_at IS NULL ORDER BY parent_id NULLS FIRST, position, id;
SELECT count(*) FROM entries WHERE body_id = :b AND status IN ('published', 'withdrawn') AND disclosure_mode <> 'withheld'
	AND column_id = (SELECT id FROM columns WHERE body_id = :b AND code = '%[2]s');
SELECT e.id, e.title, e.index_no, e.doc_no, e.formed_on, e.published_at, e.kind, e.validity, e.valid_until FROM entries e
	WHERE body_id = :b AND status IN ('published', 'withdrawn') AND disclosure_mode <> 'withheld'
	AND column_id = (SELECT id FROM columns WHERE body_id = :b AND code = '%[2]s')
	ORDER BY published_at DESC, id DESC LIMIT 20 OFFSET :off;
`, nb, catalog.ColumnPolicyNormative)
	home.sql = fmt.Sprintf(`\set b random(1, %d)
SELECT id, code, name, parent_id, office_name, office_address, office_phone, office_email FROM bodies WHERE id = :b;
SELECT id, code, name, kind FROM bodies WHERE parent_id = :b ORDER BY position, id;
SELECT id, code, name, parent_id FROM columns WHERE body_id = :b AND retired_at IS NULL ORDER BY parent_id NULLS FIRST, position, id;
SELECT e.id, e.title, e.index_no, e.doc_no, e.published_at FROM entries e
	WHERE body_id = :b AND status IN ('published', 'withdrawn') AND disclosure_mode <> 'withheld'
	ORDER BY published_at DESC, id DESC LIMIT 10;
`, nb)
	return []pageLoad{entry, dir, home}, nil
}

// benchServer is `xxgk serve` as a child process, so that its RSS is its own.
type benchServer struct {
	cmd   *exec.Cmd
	url   string
	pprof string // the address of its runtime profiles, or empty
	dir   string
	logs  *strings.Builder
}

// freeAddr is a loopback address nothing listens on just now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func startBenchServer(ctx context.Context, dbURL string, profiled bool) (*benchServer, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "xxgk-bench-serve-")
	if err != nil {
		return nil, err
	}
	s := &benchServer{url: "http://" + addr, dir: dir, logs: &strings.Builder{}}
	s.cmd = exec.CommandContext(ctx, exe, "serve")
	s.cmd.Env = append(os.Environ(), "XXGK_DATABASE_URL="+dbURL, "XXGK_MEILI_URL=http://127.0.0.1:1", "XXGK_MEILI_KEY=unused",
		"XXGK_MEILI_INDEX=bench_pages", "XXGK_ADDR="+addr, "XXGK_DATA_DIR="+dir, "XXGK_LOG_LEVEL=warn", "XXGK_PPROF_ADDR=")
	if profiled {
		if s.pprof, err = freeAddr(); err != nil {
			return nil, err
		}
		s.cmd.Env = append(s.cmd.Env, "XXGK_PPROF_ADDR="+s.pprof)
	}
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	s.cmd.Cancel = func() error { return s.cmd.Process.Signal(os.Interrupt) }
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("bench pages: xxgk serve not ready after 60 s:\n%s", s.logs.String())
}

// cpuProfile records the server's CPU for d into file.
func (s *benchServer) cpuProfile(ctx context.Context, d time.Duration, file string) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", s.pprof, max(1, int(d.Seconds()))), nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("bench pages: CPU profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench pages: CPU profile: %s", resp.Status)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (s *benchServer) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
	}
	os.RemoveAll(s.dir)
}

// loadResult is what a load run measured.
type loadResult struct {
	n, errors int
	elapsed   time.Duration
	lat       []time.Duration // sorted
}

func (r loadResult) rate() float64 { return float64(r.n) / r.elapsed.Seconds() }

// pct is the p-th percentile latency in milliseconds.
func (r loadResult) pct(p float64) float64 {
	if len(r.lat) == 0 {
		return math.NaN()
	}
	k := int(math.Ceil(p/100*float64(len(r.lat)))) - 1
	return float64(r.lat[max(0, k)].Microseconds()) / 1000
}

// loadFigures is what one page's load measured.
type loadFigures struct {
	n, errors    int
	rate         float64 // requests/s
	p50MS, p99MS float64
	loadgenCPU   time.Duration
}

// wrkScript makes wrk request the paths in turn, each thread from its own place in the list,
// and print its figures on one line: requests, microseconds, p50 and p99 in microseconds,
// and the requests that failed or did not answer 2xx/3xx.
const wrkScript = `local paths = {%s}
local threads = 0
function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end
function init(args)
  i = offset %% #paths
end
function request()
  i = i %% #paths + 1
  return wrk.format(nil, paths[i])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("xxgk-wrk %%d %%d %%d %%d %%d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
`

var wrkResult = regexp.MustCompile(`xxgk-wrk (\d+) (\d+) (\d+) (\d+) (\d+)`)

// loadWithWrk requests paths from conns connections for d with wrk (a closed loop, as
// loadPages), its Lua script written to script.
func loadWithWrk(ctx context.Context, wrk, base string, paths []string, script string, conns int, d time.Duration) (loadFigures, error) {
	quoted := make([]string, len(paths))
	for i, p := range paths {
		quoted[i] = strconv.Quote(p)
	}
	if err := os.WriteFile(script, []byte(fmt.Sprintf(wrkScript, strings.Join(quoted, ","))), 0o644); err != nil {
		return loadFigures{}, err
	}
	cmd := exec.CommandContext(ctx, wrk, "-t", strconv.Itoa(runtime.NumCPU()), "-c", strconv.Itoa(conns),
		"-d", strconv.Itoa(max(1, int(d.Seconds())))+"s", "--timeout", "30s", "-s", script, base)
	outb, err := cmd.CombinedOutput()
	if err != nil {
		return loadFigures{}, fmt.Errorf("bench pages: wrk: %w: %s", err, outb)
	}
	m := wrkResult.FindStringSubmatch(string(outb))
	if m == nil {
		return loadFigures{}, fmt.Errorf("bench pages: unexpected wrk output: %s", outb)
	}
	v := make([]int64, 5)
	for i := range v {
		v[i], _ = strconv.ParseInt(m[i+1], 10, 64)
	}
	r := loadFigures{n: int(v[0]), errors: int(v[4]), p50MS: float64(v[2]) / 1000, p99MS: float64(v[3]) / 1000}
	if v[1] > 0 {
		r.rate = float64(v[0]) / (float64(v[1]) / 1e6)
	}
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.loadgenCPU = time.Duration(u.Utime.Nano() + u.Stime.Nano())
	}
	return r, nil
}

// loadPages requests urls in turn from conns connections for d, each as soon as the previous
// answer is read (a closed loop, like wrk).
func loadPages(ctx context.Context, client *http.Client, base string, urls []string, conns int, d time.Duration) loadResult {
	var next atomic.Int64
	var errs atomic.Int64
	lats := make([][]time.Duration, conns)
	end := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(end) && ctx.Err() == nil {
				u := base + urls[int(next.Add(1))%len(urls)]
				t := time.Now()
				resp, err := client.Get(u)
				if err != nil {
					errs.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs.Add(1)
				}
				lats[c] = append(lats[c], time.Since(t))
			}
		}()
	}
	wg.Wait()
	r := loadResult{elapsed: time.Since(start), errors: int(errs.Load())}
	for _, l := range lats {
		r.lat = append(r.lat, l...)
	}
	slices.Sort(r.lat)
	r.n = len(r.lat)
	return r
}

var (
	pgbenchTPS = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)
	pgbenchLat = regexp.MustCompile(`latency average = ([0-9.]+) ms`)
	pgbenchN   = regexp.MustCompile(`number of transactions actually processed: ([0-9]+)`)
)

// pgbenchRun is what one pgbench run measured.
type pgbenchRun struct {
	tps, avgMS, p50MS, p99MS float64
	n                        int
}

// runPgbench runs script from clients connections for d and returns its throughput, its
// transaction count and its latencies: the average pgbench prints, and p50/p99 over every
// transaction of its per-transaction log (written under logPrefix), the same percentiles the
// page load reports.
func runPgbench(ctx context.Context, pgbench, dbURL, script, logPrefix string, clients int, d time.Duration) (pgbenchRun, error) {
	var r pgbenchRun
	cmd := exec.CommandContext(ctx, pgbench, "-n", "-M", "prepared", "-c", strconv.Itoa(clients), "-j", strconv.Itoa(runtime.NumCPU()),
		"-T", strconv.Itoa(int(d.Seconds())), "-l", "--log-prefix", logPrefix, "-f", script, dbURL)
	outb, err := cmd.CombinedOutput()
	out := string(outb)
	if err != nil {
		return r, fmt.Errorf("%w: %s", err, out)
	}
	m, l, c := pgbenchTPS.FindStringSubmatch(out), pgbenchLat.FindStringSubmatch(out), pgbenchN.FindStringSubmatch(out)
	if m == nil || l == nil || c == nil {
		return r, fmt.Errorf("unexpected output: %s", out)
	}
	r.tps, _ = strconv.ParseFloat(m[1], 64)
	r.avgMS, _ = strconv.ParseFloat(l[1], 64)
	r.n, _ = strconv.Atoi(c[1])
	logs, err := filepath.Glob(logPrefix + ".*")
	if err != nil || len(logs) == 0 {
		return r, fmt.Errorf("no transaction log %s.*: %v", logPrefix, err)
	}
	var lat []time.Duration
	for _, f := range logs {
		ls, err := pgbenchLatencies(f)
		if err != nil {
			return r, err
		}
		lat = append(lat, ls...)
	}
	slices.Sort(lat)
	res := loadResult{lat: lat, n: len(lat)}
	r.p50MS, r.p99MS = res.pct(50), res.pct(99)
	return r, nil
}

// pgbenchLatencies reads the latencies of a pgbench transaction log, whose lines are
// "client_id transaction_no time script_no time_epoch time_us", time in microseconds.
func pgbenchLatencies(path string) ([]time.Duration, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lat []time.Duration
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) < 3 {
			return nil, fmt.Errorf("%s:%d: not a pgbench transaction line: %q", path, line, sc.Text())
		}
		us, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: latency %q: %w", path, line, fields[2], err)
		}
		lat = append(lat, time.Duration(us)*time.Microsecond)
	}
	return lat, sc.Err()
}

// cpuTime is the CPU time (user and system) process pid has used so far, from
// /proc/pid/stat in clock ticks of 1/100 s (0 when it cannot be read). Over a page's load it
// says what xxgk itself spends per request, a figure the load on the rest of the machine
// moves much less than throughput.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name (field 2) is in parentheses and may hold spaces; utime and stime are
	// fields 14 and 15, the 12th and 13th after it.
	_, rest, ok := strings.Cut(string(b), ") ")
	if !ok {
		return 0
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * 10 * time.Millisecond
}

// rssKB is the resident set size of process pid in KiB (0 when it cannot be read).
func rssKB(pid int) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
