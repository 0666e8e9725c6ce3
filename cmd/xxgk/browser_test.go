package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"xxgk/database/dbtest"
)

// servedApp is `xxgk serve` running in this test process against a test database and the
// test Meilisearch, as a user would run it.
type servedApp struct {
	URL  string
	done chan error
}

func serveForTest(t *testing.T, extraArgs ...string) *servedApp {
	t.Helper()
	return serveWith(t, nil, extraArgs...)
}

// serveWith is serveForTest with some of its XXGK_* variables replaced (a database of the
// test's own, say).
func serveWith(t *testing.T, vars map[string]string, extraArgs ...string) *servedApp {
	t.Helper()
	meiliURL, meiliKey := os.Getenv("XXGK_TEST_MEILI_URL"), os.Getenv("XXGK_TEST_MEILI_KEY")
	if meiliURL == "" {
		t.Fatal("XXGK_TEST_MEILI_URL is not set: run 'make test' (it starts a throwaway Meilisearch)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	given := vars
	vars = map[string]string{
		"XXGK_MEILI_URL":   meiliURL,
		"XXGK_MEILI_KEY":   meiliKey,
		"XXGK_MEILI_INDEX": "browser_" + strings.ReplaceAll(t.Name(), "/", "_"),
		"XXGK_ADDR":        addr,
		"XXGK_DATA_DIR":    t.TempDir(),
		"XXGK_LOG_LEVEL":   "warn",
		// The suite signs in and applies many times from 127.0.0.1.
		"XXGK_RATE_LIMITS": "off",
	}
	for k, v := range given {
		vars[k] = v
	}
	if vars["XXGK_DATABASE_URL"] == "" {
		vars["XXGK_DATABASE_URL"] = dbtest.NewURL(t)
	}
	ctx, cancel := context.WithCancel(context.Background())
	app := &servedApp{URL: "http://" + addr, done: make(chan error, 1)}
	var logs strings.Builder
	go func() {
		app.done <- run(ctx, append([]string{"serve", "--migrate"}, extraArgs...), func(k string) string { return vars[k] }, &logs, &logs)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-app.done:
			if err != nil {
				t.Errorf("serve returned %v\n%s", err, logs.String())
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop within 30 s of its context ending")
		}
	})
	// Loading the demo takes seconds on a quiet machine and minutes on a busy shared one.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		resp, err := http.Get(app.URL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return app
			}
		}
		select {
		case err := <-app.done:
			t.Fatalf("serve exited before it was ready: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready after 3 minutes\n%s", logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBrowser runs the browser suite (web/e2e/*.test.mjs) in headless Chromium against a real
// `xxgk serve`. Screenshots land in test-artifacts/screenshots for people to review.
func TestBrowser(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: run 'make test' (it installs what is missing)")
	}
	if _, err := os.Stat("/usr/bin/chromium"); err != nil {
		t.Fatal("Chromium is not installed at /usr/bin/chromium: run 'make test' (it installs Debian's chromium)")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", "playwright-core")); err != nil {
		t.Fatal("playwright-core is not installed: run 'make test' (it runs npm ci)")
	}
	files, _ := filepath.Glob(filepath.Join(root, "web", "e2e", "*.test.mjs"))
	if len(files) == 0 {
		t.Fatal("no browser tests found in web/e2e")
	}
	app := serveForTest(t, "--demo")
	artifacts := os.Getenv("XXGK_TEST_ARTIFACTS")
	if artifacts == "" {
		artifacts = filepath.Join(root, "test-artifacts")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, append([]string{"--test", "--test-concurrency=1", "--test-reporter=spec"}, files...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "XXGK_BASE_URL="+app.URL, "XXGK_TEST_ARTIFACTS="+artifacts)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser tests failed: %v\n%s", err, out)
	}
	t.Logf("browser tests passed; screenshots in %s\n%s", filepath.Join(artifacts, "screenshots"), tailLines(string(out), 12))
	fmt.Fprintf(os.Stderr, "browser suite: %s\n", summaryLine(string(out)))
}

func tailLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// summaryLine picks node's "ℹ tests N / pass N / fail N" figures out of its report.
func summaryLine(out string) string {
	var parts []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "ℹ"))
		for _, k := range []string{"tests ", "pass ", "fail "} {
			if strings.HasPrefix(l, k) {
				parts = append(parts, l)
			}
		}
	}
	return strings.Join(parts, ", ")
}
