package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database/dbtest"
	"xxgk/embedded"
)

// With XXGK_DATABASE_REPLICA_URL, signed-out visitors read a hot standby while it answers:
// with the standby's replay paused they see the catalog as it was, on pages and in the JSON
// API, while officers (who read the primary) see their change at once and writes go on; an
// entry not on the standby yet is read from the primary with its versions; after replay resumes the public sees
// it too; with the standby stopped every page is served from the primary and /readyz says so.
func TestReadReplica(t *testing.T) {
	if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_basebackup"); len(m) == 0 {
		t.Skip("pg_basebackup is not installed (Debian's postgresql-15 has it; make deps installs it)")
	}
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "xxgk-replica-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil { // the postgres account runs the servers under root
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })

	primary, err := embedded.StartPostgres(ctx, embedded.PostgresOptions{Dir: filepath.Join(dir, "primary"), Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { primary.Stop(context.Background()) })
	if err := primary.EnsureDatabase(ctx, "xxgk"); err != nil {
		t.Fatal(err)
	}
	standby, err := embedded.StartStandby(ctx, primary.URL("postgres"), embedded.PostgresOptions{Dir: filepath.Join(dir, "standby"), Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { standby.Stop(context.Background()) })
	standbyDB := dbtest.Open(t, standby.URL("xxgk"))
	var inRecovery bool
	if err := standbyDB.GetContext(ctx, &inRecovery, `SELECT pg_is_in_recovery()`); err != nil || !inRecovery {
		t.Fatalf("the standby is not in recovery: %v, %v", inRecovery, err)
	}

	app := serveWith(t, map[string]string{
		"XXGK_DATABASE_URL":         primary.URL("xxgk"),
		"XXGK_DATABASE_REPLICA_URL": standby.URL("xxgk"),
	}, "--demo")
	primaryDB := dbtest.Open(t, primary.URL("xxgk"))
	bearer, _, err := accounts.NewStore(primaryDB).CreateToken(ctx, audit.CLI("test"), "officer.fgw", "replica test")
	if err != nil {
		t.Fatal(err)
	}
	get := func(path, token string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, app.URL+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	post := func(path, body string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, app.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+bearer)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode >= 300 {
			t.Fatalf("POST %s: %d %s", path, resp.StatusCode, b)
		}
		var e struct {
			ID int64 `json:"id"`
		}
		_ = json.Unmarshal(b, &e)
		return int(e.ID)
	}
	readyz := func() string {
		_, body := get("/readyz", "")
		return body
	}
	waitFor := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !ok(); time.Sleep(100 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("after 30 s: %s", what)
			}
		}
	}
	waitFor("the replica is in use", func() bool { return strings.Contains(readyz(), `{"name":"postgresql-replica","ok":true`) })
	if r := readyz(); !strings.Contains(r, `"detail":"replay lag `) {
		t.Errorf("/readyz with the replica in use: %s, want its replay lag", r)
	}

	// Replay paused: what the primary commits now does not reach the standby.
	if _, err := standbyDB.ExecContext(ctx, `SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	title := fmt.Sprintf("关于副本延迟测试的通知（%d）", time.Now().UnixNano())
	id := post("/api/v1/bodies/sy-fgw/entries", fmt.Sprintf(`{"title": %q, "formed_on": %q, "column": "art20-2", "kind": "other"}`,
		title, calendar.Today().String()))
	post(fmt.Sprintf("/api/v1/entries/%d/publish", id), `{}`)
	directory := "/bodies/sy-fgw/entries"
	if code, body := get(directory, bearer); code != http.StatusOK || !strings.Contains(body, title) {
		t.Fatalf("the officer's directory (primary): %d, new entry shown: %v", code, strings.Contains(body, title))
	}
	if code, body := get(directory, ""); code != http.StatusOK || strings.Contains(body, title) {
		t.Fatalf("the public directory while replay is paused: %d, new entry shown: %v (want the replica's older copy)", code, strings.Contains(body, title))
	}
	// So does the public JSON API; the body's officer, with a token, reads the primary.
	apiList := "/api/v1/bodies/sy-fgw/entries"
	if code, body := get(apiList, ""); code != http.StatusOK || strings.Contains(body, title) {
		t.Errorf("the public API's entry list while replay is paused: %d, new entry listed: %v (want the replica's older copy)", code, strings.Contains(body, title))
	}
	if code, body := get(apiList, bearer); code != http.StatusOK || !strings.Contains(body, title) {
		t.Errorf("the officer's API entry list (primary): %d, new entry listed: %v", code, strings.Contains(body, title))
	}
	// A link to the new entry (from search, say) finds it on the primary, with its history:
	// the entry's versions are read from where the entry was found, not from the replica.
	page := fmt.Sprintf("/entries/%d", id)
	if code, body := get(page, ""); code != http.StatusOK || !strings.Contains(body, title) {
		t.Errorf("the new entry's page while replay is paused: %d", code)
	} else if !strings.Contains(body, fmt.Sprintf(`href="/entries/%d/versions/1"`, id)) {
		t.Errorf("the new entry's page while replay is paused does not list its version 1")
	}
	if code, _ := get(page+"/versions/1", ""); code != http.StatusOK {
		t.Errorf("GET %s/versions/1 while replay is paused: %d, want 200", page, code)
	}
	if code, body := get(fmt.Sprintf("/api/v1/entries/%d/versions", id), ""); code != http.StatusOK || !strings.Contains(body, `"version":1`) {
		t.Errorf("the new entry's versions in the API while replay is paused: %d %.200s", code, body)
	}

	if _, err := standbyDB.ExecContext(ctx, `SELECT pg_wal_replay_resume()`); err != nil {
		t.Fatal(err)
	}
	waitFor("the public directory shows the entry once replay resumes", func() bool {
		code, body := get(directory, "")
		return code == http.StatusOK && strings.Contains(body, title)
	})

	// The standby goes away: pages read the primary, readiness is degraded, not failed.
	if err := standby.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor("readyz reports the replica down", func() bool {
		return strings.Contains(readyz(), `"name":"postgresql-replica","ok":false,"error":"unreachable`)
	})
	for _, path := range []string{"/", directory, fmt.Sprintf("/entries/%d", id), "/bodies/sy-fgw", "/sitemap.xml"} {
		if code, _ := get(path, ""); code != http.StatusOK {
			t.Errorf("GET %s with the replica down: %d", path, code)
		}
	}
	resp, err := http.Get(app.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/readyz with the replica down: %d, want 200 (degraded)", resp.StatusCode)
	}
}
