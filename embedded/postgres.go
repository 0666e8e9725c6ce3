package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/lib/pq"
)

// PostgresOptions configures StartPostgres.
type PostgresOptions struct {
	// Dir is the cluster's data directory; it is created and initialised on first use.
	Dir string
	// Throwaway turns durability off (fsync, full-page writes) for test clusters that are
	// deleted afterwards. Never for data anyone keeps.
	Throwaway bool
	// BinDir holds initdb and postgres; empty means Debian's newest /usr/lib/postgresql/*/bin,
	// then $PATH.
	BinDir string
	Logger *slog.Logger
}

// Postgres is a PostgreSQL server running from a data directory of xxgk's.
type Postgres struct {
	Dir  string
	Port int

	// Set only when this process started the server, or adopted one whose starter was killed:
	// only the owner stops it.
	pid    int
	exited chan struct{} // nil for an adopted server, which is not our child
	log    *slog.Logger
}

// StartPostgres returns the server running in opts.Dir, starting (and if needed initialising)
// it when none is.
func StartPostgres(ctx context.Context, opts PostgresOptions) (*Postgres, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	// Two xxgk processes starting at once (make run and a CLI command) must not both initialise
	// or start the cluster.
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	defer unlock()

	if p, ok := runningPostgres(ctx, dir); ok {
		p.log = log
		if ownerGone(dir + ".owner") {
			pid, _ := readPostmasterPid(dir)
			p.pid = pid
			if err := writeOwner(dir + ".owner"); err != nil {
				return nil, fmt.Errorf("postgres: %w", err)
			}
			log.Info("adopting PostgreSQL left running by a stopped xxgk", "dir", dir, "port", p.Port)
		} else {
			log.Info("reusing PostgreSQL", "dir", dir, "port", p.Port)
		}
		return p, nil
	}
	bin, err := postgresBinDir(opts.BinDir)
	if err != nil {
		return nil, err
	}
	owner, err := runAsUser()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := initdb(ctx, bin, dir, owner, opts.Throwaway, log); err != nil {
			return nil, err
		}
	}
	// A killed run leaves postmaster.pid behind; PostgreSQL would refuse to start while it
	// names a live process, which after a reboot may be any process at all.
	if pid, _ := readPostmasterPid(dir); pid != 0 && !alive(pid, "postgres") {
		log.Warn("removing stale PostgreSQL pid file", "dir", dir, "pid", pid)
		if err := os.Remove(filepath.Join(dir, "postmaster.pid")); err != nil {
			return nil, fmt.Errorf("postgres: remove stale pid file: %w", err)
		}
	}
	port, err := stablePort(dir + ".port")
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	args := []string{"-D", dir,
		"-c", "listen_addresses=127.0.0.1",
		"-c", "port=" + strconv.Itoa(port),
		// No Unix socket: the data folder may sit on a path too long for one, or with spaces.
		"-c", "unix_socket_directories=",
		"-c", "max_connections=200",
	}
	if opts.Throwaway {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	cmd := exec.Command(filepath.Join(bin, "postgres"), args...)
	owner.apply(cmd)
	logFile := dir + ".log"
	if err := touchOwned(logFile, owner); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	exited, err := startDetached(cmd, logFile)
	if err != nil {
		return nil, fmt.Errorf("postgres: start: %w", err)
	}
	p := &Postgres{Dir: dir, Port: port, pid: cmd.Process.Pid, exited: exited, log: log}
	if err := writeOwner(dir + ".owner"); err != nil {
		_ = p.Stop(context.Background())
		return nil, fmt.Errorf("postgres: %w", err)
	}
	if err := waitFor(ctx, 60*time.Second, exited, p.ping); err != nil {
		_ = p.Stop(context.Background())
		return nil, fmt.Errorf("postgres: %w\n%s", err, tail(logFile, 15))
	}
	log.Info("started PostgreSQL", "dir", dir, "port", port, "pid", cmd.Process.Pid)
	return p, nil
}

// URL is the connection URL of database name on this server.
func (p *Postgres) URL(name string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", p.Port, name)
}

// Owned reports whether this process started or adopted the server (and so will stop it).
func (p *Postgres) Owned() bool { return p.pid != 0 }

// EnsureDatabase creates database name if it does not exist.
func (p *Postgres) EnsureDatabase(ctx context.Context, name string) error {
	db, err := sql.Open("postgres", p.URL("postgres"))
	if err != nil {
		return err
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return fmt.Errorf("postgres: look up database %s: %w", name, err)
	}
	if exists {
		return nil
	}
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Code == "42P04" { // created meanwhile by another process
			return nil
		}
		return fmt.Errorf("postgres: create database %s: %w", name, err)
	}
	return nil
}

// Stop shuts the server down (fast shutdown: open transactions roll back) if this process
// started it; otherwise it does nothing.
func (p *Postgres) Stop(ctx context.Context) error {
	if p == nil || p.pid == 0 {
		return nil
	}
	err := stopProcess(ctx, p.pid, "postgres", p.exited, syscall.SIGINT, 30*time.Second)
	if err == nil {
		p.log.Info("stopped PostgreSQL", "dir", p.Dir)
	}
	_ = os.Remove(p.Dir + ".owner")
	p.pid = 0
	return err
}

func (p *Postgres) ping(ctx context.Context) error {
	db, err := sql.Open("postgres", p.URL("postgres")+"&connect_timeout=2")
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

// runningPostgres finds a live, answering server in dir, started by another process.
func runningPostgres(ctx context.Context, dir string) (*Postgres, bool) {
	pid, port := readPostmasterPid(dir)
	if pid == 0 || port == 0 || !alive(pid, "postgres") {
		return nil, false
	}
	p := &Postgres{Dir: dir, Port: port}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := waitFor(pctx, 5*time.Second, nil, p.ping); err != nil {
		return nil, false
	}
	return p, true
}

// readPostmasterPid reads the pid (line 1) and port (line 4) of postmaster.pid.
func readPostmasterPid(dir string) (pid, port int) {
	b, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		return 0, 0
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) > 0 {
		pid, _ = strconv.Atoi(strings.TrimSpace(lines[0]))
	}
	if len(lines) > 3 {
		port, _ = strconv.Atoi(strings.TrimSpace(lines[3]))
	}
	return pid, port
}

func initdb(ctx context.Context, bin, dir string, owner *unprivileged, throwaway bool, log *slog.Logger) error {
	log.Info("initialising PostgreSQL cluster", "dir", dir)
	if err := newDataDir(dir, owner); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	args := []string{"-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"}
	if throwaway {
		args = append(args, "--no-sync")
	}
	cmd := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), args...)
	owner.apply(cmd)
	cmd.Dir = filepath.Dir(dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		// Leave no half-initialised folder: the next start would take it for a cluster.
		_ = os.RemoveAll(dir)
		return fmt.Errorf("postgres: initdb: %w\n%s", err, out)
	}
	return nil
}

// newDataDir makes the folder of a cluster about to be written (by initdb or pg_basebackup),
// owned by the account that runs the server.
func newDataDir(dir string, owner *unprivileged) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	return owner.chownTree(dir)
}

// postgresBinDir finds the folder holding initdb and postgres. Debian keeps them outside $PATH.
func postgresBinDir(configured string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	versions, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	sort.Slice(versions, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(versions[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(versions[j]))))
		return vi > vj
	})
	if len(versions) > 0 {
		return filepath.Dir(versions[0]), nil
	}
	if p, err := exec.LookPath("postgres"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("postgres: no PostgreSQL server found: install it with 'apt-get install postgresql-15' (make run does), or set XXGK_DATABASE_URL")
}

func touchOwned(file string, owner *unprivileged) error {
	f, err := os.OpenFile(file, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	f.Close()
	if owner != nil {
		return os.Chown(file, int(owner.uid), int(owner.gid))
	}
	return nil
}

// lockFile takes an exclusive advisory lock on file, waiting for it.
func lockFile(file string) (unlock func(), err error) {
	f, err := os.OpenFile(file, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", file, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// StartStandby returns a hot standby of the server at primaryURL running in opts.Dir: on first
// use the folder is filled by pg_basebackup (-R: it then streams from the primary, read-only),
// later it is started as StartPostgres starts any cluster. The primary must allow replication
// connections from 127.0.0.1, as the clusters StartPostgres initialises do. For tests and
// trying the read replica on one machine; docs/deploy.md sets one up in production.
func StartStandby(ctx context.Context, primaryURL string, opts PostgresOptions) (*Postgres, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		bin, err := postgresBinDir(opts.BinDir)
		if err != nil {
			return nil, err
		}
		owner, err := runAsUser()
		if err != nil {
			return nil, err
		}
		if err := newDataDir(dir, owner); err != nil {
			return nil, fmt.Errorf("postgres standby: %w", err)
		}
		cmd := exec.CommandContext(ctx, filepath.Join(bin, "pg_basebackup"), "-d", primaryURL, "-D", dir,
			"-R", "-X", "stream", "-c", "fast", "--no-sync")
		owner.apply(cmd)
		cmd.Dir = filepath.Dir(dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			_ = os.RemoveAll(dir)
			return nil, fmt.Errorf("postgres standby: pg_basebackup: %w\n%s", err, out)
		}
	}
	opts.Dir = dir
	return StartPostgres(ctx, opts)
}
