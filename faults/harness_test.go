package faults

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/database/dbtest"
	"xxgk/embedded"
	"xxgk/requests"
)

// full reports whether the full variants run (make faults) rather than the quick ones (make test).
func full() bool { return os.Getenv("XXGK_FAULTS") == "full" }

// scale picks the quick or the full size of a bounded loop.
func scale(quick, fullN int) int {
	if full() {
		return fullN
	}
	return quick
}

// quickParallel runs the quick variants side by side (make test's time is the slowest of
// them, not their sum); the full ones run one at a time so each has the machine.
func quickParallel(t *testing.T) {
	if !full() {
		t.Parallel()
	}
}

// root is the project folder (faults/..).
func root(t testing.TB) string {
	t.Helper()
	r, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// binary is the built xxgk the suite drives; make builds it before running the tests.
func binary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv("XXGK_BIN")
	if bin == "" {
		bin = filepath.Join(root(t), "bin", "xxgk")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%s is missing: run 'make test' or 'make faults' (they build it first)", bin)
	}
	return bin
}

// env is the XXGK_* configuration one xxgk process gets; nothing else of ours leaks in.
type env map[string]string

func (e env) with(k, v string) env {
	out := env{}
	for a, b := range e {
		out[a] = b
	}
	out[k] = v
	return out
}

func (e env) list() []string {
	out := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "TZ=" + os.Getenv("TZ")}
	for k, v := range e {
		out = append(out, k+"="+v)
	}
	return out
}

// baseEnv points xxgk at a new database on the test server and a fresh index on the test
// Meilisearch, with its own data folder.
func baseEnv(t *testing.T) env {
	t.Helper()
	meiliURL, meiliKey := os.Getenv("XXGK_TEST_MEILI_URL"), os.Getenv("XXGK_TEST_MEILI_KEY")
	if meiliURL == "" {
		t.Fatal("XXGK_TEST_MEILI_URL is not set: run under 'bin/xxgk testenv --' (make test does)")
	}
	return env{
		"XXGK_DATABASE_URL": dbtest.NewURL(t),
		"XXGK_MEILI_URL":    meiliURL,
		"XXGK_MEILI_KEY":    meiliKey,
		"XXGK_MEILI_INDEX":  indexName(t),
		"XXGK_DATA_DIR":     t.TempDir(),
		"XXGK_LOG_LEVEL":    "warn",
		// The suite sends thousands of applications and sign-ins from 127.0.0.1.
		"XXGK_RATE_LIMITS": "off",
	}
}

func indexName(t *testing.T) string {
	return "faults_" + strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + fmt.Sprint(time.Now().UnixNano()%100000)
}

// xxgk runs one CLI command to completion and returns its standard output.
func xxgk(t *testing.T, e env, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Env = e.list()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("xxgk %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

// syncBuffer collects a process's log for the failure message.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b.Len() > 1<<20 {
		return len(p), nil
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// server is one running `xxgk serve`.
type server struct {
	URL  string
	cmd  *exec.Cmd
	logs *syncBuffer
	done chan struct{}
}

func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// serve starts `xxgk serve --migrate` and waits until it answers /healthz (and /readyz 200
// when wantReady); it is stopped with SIGTERM when the test ends.
func serve(t *testing.T, e env, wantReady bool) *server {
	t.Helper()
	s := startServe(t, e)
	s.wait(t, wantReady)
	return s
}

// startServe starts `xxgk serve --migrate` without waiting for it.
func startServe(t *testing.T, e env, args ...string) *server {
	t.Helper()
	addr := freeAddr(t)
	cmd := exec.Command(binary(t), append([]string{"serve", "--migrate", "--addr", addr}, args...)...)
	cmd.Env = e.list()
	s := &server{URL: "http://" + addr, cmd: cmd, logs: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-s.done
			t.Errorf("xxgk serve did not stop within 30 s of SIGTERM")
		}
		if t.Failed() {
			t.Logf("xxgk serve log (%s):\n%s", addr, tailString(s.logs.String(), 6000))
		}
	})
	return s
}

// wait polls the server until it answers /healthz (or /readyz 200 when wantReady). The bound
// is generous: loading the demo takes minutes on a busy 2-core machine.
func (s *server) wait(t *testing.T, wantReady bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute)
	path := "/healthz"
	if wantReady {
		path = "/readyz"
	}
	for {
		if code, _ := get(s.URL + path); code == http.StatusOK {
			return
		}
		select {
		case <-s.done:
			t.Fatalf("xxgk serve exited before it was ready:\n%s", s.logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("xxgk serve not ready after 5 minutes:\n%s", tailString(s.logs.String(), 6000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the server with SIGTERM and waits for it.
func (s *server) stop(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		t.Fatal("xxgk serve did not stop within 30 s of SIGTERM")
	}
}

func tailString(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

var client = &http.Client{Timeout: 60 * time.Second}

func get(url string) (int, []byte) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	return resp.StatusCode, b
}

// call sends a JSON request (body marshalled unless it is already a string or nil) with an
// optional bearer token; status 0 means no answer at all.
func call(method, url, token string, body any) (int, map[string]any, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	if out == nil {
		out = map[string]any{"_raw": string(raw)}
	}
	return resp.StatusCode, out, nil
}

// body is a department made for one test, with an officer's API token.
type body struct {
	Code, Token string
}

// orgCodes are valid organisation codes from the spec, one per body a test creates.
var orgCodes = []string{"11441700007280420Y", "11370322004222241N", "11341702486344515H", "000014349", "01527918X"}

// newBody creates a body, its officer and the officer's token through the CLI.
func newBody(t *testing.T, e env, code string, n int) body {
	t.Helper()
	xxgk(t, e, "body", "create", "--code", code, "--name", "故障测试局"+code, "--org-code", orgCodes[n%len(orgCodes)])
	user := "officer." + code
	xxgk(t, e, "user", "create", "--username", user, "--role", "officer", "--body", code, "--password", "faults-officer-pass-1")
	out := strings.TrimSpace(xxgk(t, e, "token", "create", "--username", user, "--name", "faults"))
	lines := strings.Split(out, "\n")
	return body{Code: code, Token: strings.TrimSpace(lines[len(lines)-1])}
}

// migrate applies the schema to the database e names (for servers started by a test).
func migrate(t *testing.T, e env) { t.Helper(); xxgk(t, e, "migrate") }

func count(t *testing.T, db *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// applicant is a valid public application to body code; n makes each one different.
func applicant(code string, n int) map[string]any {
	id := "21010219850612345"
	return map[string]any{
		"body": code, "applicant_type": "person", "applicant_name": "王晓红",
		"id_number": id + string(requests.ResidentIDCheckChar(id)), "phone": "13900001111",
		"email": "wangxiaohong@example.cn", "address": "辽宁省沈阳市沈河区青年大街100号",
		"description": fmt.Sprintf("本市2024年重点建设项目清单（第%d份）", n), "consent": true,
	}
}

// publish creates and publishes one entry through the officers' API and returns its id and
// index number; ok is false when either step did not succeed.
func publish(base string, b body, n int) (id int64, indexNo string, ok bool) {
	id, indexNo, err := publishErr(base, b, n)
	return id, indexNo, err == nil
}

func publishErr(base string, b body, n int) (id int64, indexNo string, err error) {
	code, out, err := call("POST", base+"/api/v1/bodies/"+b.Code+"/entries", b.Token, map[string]any{
		"title": fmt.Sprintf("关于故障演练第%d号的通知", n), "summary": "演练", "formed_on": "2026-03-02",
		"doc_no": fmt.Sprintf("沈故发〔2026〕%d号", n), "body": "正文", "column": "policy-other",
	})
	if err != nil || code != http.StatusCreated {
		return 0, "", fmt.Errorf("create: %d %v %v", code, out, err)
	}
	f, _ := out["id"].(float64)
	id = int64(f)
	code, out, err = call("POST", fmt.Sprintf("%s/api/v1/entries/%d/publish", base, id), b.Token, "{}")
	if err != nil || code != http.StatusOK {
		return id, "", fmt.Errorf("publish: %d %v %v", code, out, err)
	}
	indexNo, _ = out["index_no"].(string)
	if indexNo == "" {
		return id, "", fmt.Errorf("publish: no index number in %v", out)
	}
	return id, indexNo, nil
}

// ownPostgres starts a PostgreSQL of this test's own (so it can be stopped and restarted
// without disturbing the shared one) and returns its `xxgk` database URL.
func ownPostgres(t *testing.T) (*embedded.Postgres, string) {
	t.Helper()
	dir, err := os.MkdirTemp("", "xxgk-faults-pg-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pg, err := embedded.StartPostgres(ctx, embedded.PostgresOptions{Dir: filepath.Join(dir, "pg"), Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = pg.Stop(sctx)
		_ = os.RemoveAll(dir)
	})
	if err := pg.EnsureDatabase(ctx, "xxgk"); err != nil {
		t.Fatal(err)
	}
	return pg, pg.URL("xxgk")
}

// sharedMeili is the test run's Meilisearch (testenv's).
func sharedMeili() *embedded.Meili {
	return &embedded.Meili{URL: os.Getenv("XXGK_TEST_MEILI_URL"), Key: os.Getenv("XXGK_TEST_MEILI_KEY")}
}

// ownMeili starts a Meilisearch of this test's own, which the test may kill.
func ownMeili(t *testing.T, dir string) *embedded.Meili {
	t.Helper()
	m, err := embedded.StartMeili(context.Background(), embedded.MeiliOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = m.Stop(ctx) // after a SIGKILL this only tidies its pid file
	})
	return m
}

// meiliPid reads the pid Meilisearch's folder records.
func meiliPid(t *testing.T, m *embedded.Meili) int {
	t.Helper()
	f, err := os.Open(filepath.Join(m.Dir, "meilisearch.pid"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pid int
	sc := bufio.NewScanner(f)
	if sc.Scan() {
		fmt.Sscan(sc.Text(), &pid)
	}
	if pid == 0 {
		t.Fatal("no pid in meilisearch.pid")
	}
	return pid
}
