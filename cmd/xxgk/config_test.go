package main

import (
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestReplicaConfig(t *testing.T) {
	env := map[string]string{
		"XXGK_DATABASE_URL":         "postgres://xxgk:primary-secret@db1:5432/xxgk",
		"XXGK_DATABASE_REPLICA_URL": "postgres://xxgk:replica-secret@db2:5432/xxgk",
	}
	c := loadConfig(func(k string) string { return env[k] })
	if err := c.validate(); err != nil {
		t.Fatalf("primary and replica: %v", err)
	}
	if s := c.String(); strings.Contains(s, "secret") || !strings.Contains(s, "db2") {
		t.Errorf("start-up line %q: want the replica's host and no password", s)
	}

	delete(env, "XXGK_DATABASE_URL")
	if err := loadConfig(func(k string) string { return env[k] }).validate(); err == nil || !strings.Contains(err.Error(), "XXGK_DATABASE_REPLICA_URL") {
		t.Errorf("a replica of the embedded cluster: %v", err)
	}
	env["XXGK_DATABASE_URL"] = "postgres://db1/xxgk"
	env["XXGK_DATABASE_REPLICA_URL"] = "db2"
	if err := loadConfig(func(k string) string { return env[k] }).validate(); err == nil || !strings.Contains(err.Error(), "XXGK_DATABASE_REPLICA_URL: not a URL") {
		t.Errorf("a replica URL without a scheme: %v", err)
	}
}

// Runtime profiles are served only when asked for, on their own listener.
func TestPprofListener(t *testing.T) {
	if err := loadConfig(func(k string) string { return map[string]string{"XXGK_PPROF_ADDR": "6060"}[k] }).validate(); err == nil || !strings.Contains(err.Error(), "XXGK_PPROF_ADDR") {
		t.Errorf("a profile address without a host: %v", err)
	}
	if c := loadConfig(func(string) string { return "" }); c.PprofAddr != "" {
		t.Errorf("profiles are on by default at %q", c.PprofAddr)
	}
	addr, stop, err := servePprof("127.0.0.1:0", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	resp, err := http.Get("http://" + addr + "/debug/pprof/heap?debug=1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "heap profile") {
		t.Errorf("GET /debug/pprof/heap: %s %.200s", resp.Status, body)
	}
}

// The page queue's size: 4 pages per core unless told, 0 for none, and nothing else.
// TestServeGOGC: serve runs the collector at serveGOGC unless GOGC is set, and its start-up
// line says which.
func TestServeGOGC(t *testing.T) {
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	get := func(v string) Config {
		return loadConfig(func(k string) string { return map[string]string{"GOGC": v}[k] })
	}
	get("").applyGOGC()
	if got := debug.SetGCPercent(100); got != serveGOGC {
		t.Errorf("GOGC unset: the collector runs at %d, want %d", got, serveGOGC)
	}
	if s := get("").String(); !strings.Contains(s, "gogc=400") {
		t.Errorf("start-up line %q: want gogc=400", s)
	}
	// A GOGC of the operator's is the runtime's to apply; serve leaves it alone.
	get("50").applyGOGC()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GOGC=50: serve changed the collector to %d", got)
	}
	if s := get("off").String(); !strings.Contains(s, "gogc=off") {
		t.Errorf("start-up line %q: want gogc=off", s)
	}
}

func TestPageConcurrencyConfig(t *testing.T) {
	get := func(v string) Config {
		return loadConfig(func(k string) string { return map[string]string{"XXGK_PAGE_CONCURRENCY": v}[k] })
	}
	if c := get(""); c.PageConcurrency != 4*runtime.GOMAXPROCS(0) || c.validate() != nil {
		t.Errorf("default: %d (%v), want %d", c.PageConcurrency, c.validate(), 4*runtime.GOMAXPROCS(0))
	}
	if c := get("0"); c.PageConcurrency != 0 || c.validate() != nil {
		t.Errorf("0: %d (%v), want no queue", c.PageConcurrency, c.validate())
	}
	// The start-up line says how many pages are served at once and whether profiles are.
	if s := get("12").String(); !strings.Contains(s, "page_concurrency=12") || !strings.Contains(s, "pprof=off") {
		t.Errorf("start-up line %q: want page_concurrency=12 and pprof=off", s)
	}
	if s := get("0").String(); !strings.Contains(s, "page_concurrency=unlimited") {
		t.Errorf("start-up line %q: want page_concurrency=unlimited", s)
	}
	for _, bad := range []string{"-3", "eight", "2.5"} {
		if err := get(bad).validate(); err == nil || !strings.Contains(err.Error(), "XXGK_PAGE_CONCURRENCY") {
			t.Errorf("%q: %v, want an error naming XXGK_PAGE_CONCURRENCY", bad, err)
		}
	}
}
