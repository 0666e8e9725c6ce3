package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// alive reports whether pid is a running process whose command line contains name: a pid file
// may name a process that died long ago and whose number now belongs to something else.
func alive(pid int, name string) bool {
	if pid <= 0 {
		return false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return false
	}
	if bytes.Contains(cmdline, []byte("<defunct>")) {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err == nil {
		// Field 3 is the state; a zombie holds its pid but is gone.
		if i := bytes.LastIndexByte(stat, ')'); i > 0 && i+2 < len(stat) && stat[i+2] == 'Z' {
			return false
		}
	}
	return bytes.Contains(cmdline, []byte(name))
}

// freePort asks the kernel for a port that is free on the loopback interface right now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// portFree reports whether nothing listens on 127.0.0.1:port.
func portFree(port int) bool {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// stablePort returns the port recorded in file when it is free, otherwise a new free port, and
// records the choice: a developer's bookmarks and psql history keep working across runs.
func stablePort(file string) (int, error) {
	if b, err := os.ReadFile(file); err == nil {
		if p, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && p > 0 && portFree(p) {
			return p, nil
		}
	}
	p, err := freePort()
	if err != nil {
		return 0, err
	}
	if err := os.WriteFile(file, []byte(strconv.Itoa(p)+"\n"), 0o644); err != nil {
		return 0, fmt.Errorf("record port: %w", err)
	}
	return p, nil
}

// waitFor polls ready until it returns nil, the process exits, or the deadline passes.
func waitFor(ctx context.Context, timeout time.Duration, exited <-chan struct{}, ready func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var last error
	for {
		if last = ready(ctx); last == nil {
			return nil
		}
		select {
		case <-exited:
			return fmt.Errorf("the server exited during start-up (last check: %v)", last)
		case <-ctx.Done():
			return fmt.Errorf("not ready after %s: %v", timeout, last)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// tail returns the last n lines of a log file, for error messages that explain a failed start.
func tail(file string, n int) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// unprivileged is the account a server runs as when xxgk runs as root: PostgreSQL refuses to run
// as root. It is nil when xxgk is not root.
type unprivileged struct {
	uid, gid uint32
	name     string
}

func runAsUser() (*unprivileged, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root needs the 'postgres' account to run PostgreSQL (it comes with the postgresql-15 package): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &unprivileged{uid: uint32(uid), gid: uint32(gid), name: u.Username}, nil
}

func (u *unprivileged) apply(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	if u != nil {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: u.uid, Gid: u.gid}
	}
}

// chownTree gives the tree at dir to u, and checks that u can reach dir through its parents.
func (u *unprivileged) chownTree(dir string) error {
	if u == nil {
		return nil
	}
	err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(u.uid), int(u.gid))
	})
	if err != nil {
		return fmt.Errorf("give %s to %s: %w", dir, u.name, err)
	}
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o001 == 0 {
			st := fi.Sys().(*syscall.Stat_t)
			if st.Uid != u.uid && !(st.Gid == u.gid && fi.Mode().Perm()&0o010 != 0) {
				return fmt.Errorf("the %s account cannot reach %s: the folder %s is closed to other users (chmod o+x %q, or set XXGK_DATA_DIR to a folder outside it)", u.name, dir, p, p)
			}
		}
		if p == filepath.Dir(p) {
			return nil
		}
	}
}

// startDetached starts cmd in a session of its own, so that the terminal's Ctrl-C reaches xxgk
// alone and xxgk stops the server after the requests it serves have finished.
func startDetached(cmd *exec.Cmd, logFile string) (exited chan struct{}, err error) {
	f, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = f, f
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setsid = true
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, err
	}
	exited = make(chan struct{})
	go func() {
		_ = cmd.Wait()
		f.Close()
		close(exited)
	}()
	return exited, nil
}

// stopProcess sends sig, waits up to grace for the process to leave, then kills it.
func stopProcess(ctx context.Context, pid int, name string, exited <-chan struct{}, sig syscall.Signal, grace time.Duration) error {
	if err := syscall.Kill(pid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("signal %s: %w", name, err)
	}
	deadline := time.After(grace)
	for {
		if exited != nil {
			select {
			case <-exited:
				return nil
			default:
			}
		} else if !alive(pid, name) {
			return nil
		}
		select {
		case <-deadline:
			_ = syscall.Kill(pid, syscall.SIGKILL)
			if exited != nil {
				<-exited
			}
			return fmt.Errorf("%s did not stop within %s and was killed", name, grace)
		case <-ctx.Done():
			_ = syscall.Kill(pid, syscall.SIGKILL)
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// processStart returns a process's start time in clock ticks since boot (field 22 of
// /proc/PID/stat): with the pid it names one process for good, even after the pid is reused.
func processStart(pid int) string {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return ""
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 20 {
		return ""
	}
	return fields[19]
}

// writeOwner records this process as the starter of a server.
func writeOwner(file string) error {
	pid := os.Getpid()
	return os.WriteFile(file, fmt.Appendf(nil, "%d %s\n", pid, processStart(pid)), 0o644)
}

// ownerGone reports whether the process recorded in file has ended: a server it started is
// then an orphan of a killed run, and the next xxgk adopts it (and stops it when done).
func ownerGone(file string) bool {
	b, err := os.ReadFile(file)
	if err != nil {
		return true
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return true
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil {
		return true
	}
	return processStart(pid) != f[1]
}
