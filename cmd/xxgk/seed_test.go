package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"xxgk/database"
	"xxgk/database/dbtest"
)

// TestSeedScaleServes loads a small generated data set with `xxgk seed --scale` and checks
// that a real `xxgk serve` on it answers the public pages a visitor opens: the portal, a
// province department's home, a directory listing, an entry, the application and tracking forms.
func TestSeedScaleServes(t *testing.T) {
	dbURL := dbtest.NewURL(t)
	out, errOut, err := cli(t, dbURL, "seed", "--scale", "0.001")
	if err != nil {
		t.Fatalf("seed --scale: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "1000 catalog entries") || !strings.Contains(out, "330 bodies") {
		t.Errorf("seed output %q: want 330 bodies and 1000 catalog entries", out)
	}
	if _, _, err := cli(t, dbURL, "seed", "--scale", "0.001"); err == nil {
		t.Error("a second seed into the same database succeeded")
	}
	if _, _, err := cli(t, dbURL, "seed"); err == nil {
		t.Error("seed without --demo or --scale succeeded")
	}
	db, err := database.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var entry string
	if err := db.Get(&entry, `SELECT id::text FROM entries WHERE status = 'published' ORDER BY id LIMIT 1`); err != nil {
		t.Fatal(err)
	}

	meiliURL, meiliKey := os.Getenv("XXGK_TEST_MEILI_URL"), os.Getenv("XXGK_TEST_MEILI_KEY")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	vars := map[string]string{"XXGK_DATABASE_URL": dbURL, "XXGK_MEILI_URL": meiliURL, "XXGK_MEILI_KEY": meiliKey,
		"XXGK_MEILI_INDEX": "seed_scale", "XXGK_ADDR": addr, "XXGK_DATA_DIR": t.TempDir(), "XXGK_LOG_LEVEL": "warn"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs strings.Builder
	go func() {
		done <- run(ctx, []string{"serve"}, func(k string) string { return vars[k] }, io.Discard, &logs)
	}()
	defer func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	}()
	base := "http://" + addr
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready:\n%s", logs.String())
		}
	}
	for _, path := range []string{"/", "/bodies/ln", "/bodies/ln-fgw", "/bodies/sy/entries?page=2", "/bodies/sy/columns/policy-normative",
		"/bodies/hp/normative", "/entries/" + entry, "/track", "/apply"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %s\n%.300s", path, resp.Status, body)
		}
	}
}
