package faults

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"xxgk/database/dbtest"
	"xxgk/embedded"
)

// TestPostgresRestartedWhileClientsWrite stops PostgreSQL under writing clients and starts it
// again: /readyz says 503 while it is away and 200 after, the same xxgk process takes writes
// again without being restarted, and every application that got a 201 is in the database.
func TestPostgresRestartedWhileClientsWrite(t *testing.T) {
	quickParallel(t)
	wantAfter := scale(60, 1000)
	pg, dbURL := ownPostgres(t)
	e := baseEnv(t).with("XXGK_DATABASE_URL", dbURL)
	migrate(t, e)
	b := newBody(t, e, "ft-pg", 1)
	srv := serve(t, e, true)

	var (
		attempts, acked, failed atomic.Int64
		down                    atomic.Bool
		ackedAfter              atomic.Int64
		mu                      sync.Mutex
		tracking                []string
		refusals                = map[int]int{} // status → count; 0 is no answer
		stop                    = make(chan struct{})
	)
	const maxAttempts = 200000 // a bound on the loop whatever happens
	var stopOnce sync.Once
	halt := func() { stopOnce.Do(func() { close(stop) }) }
	var wg sync.WaitGroup
	t.Cleanup(func() { halt(); wg.Wait() })
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for attempts.Add(1) < maxAttempts {
				select {
				case <-stop:
					return
				default:
				}
				code, out, err := call("POST", srv.URL+"/api/v1/applications", "", applicant(b.Code, int(attempts.Load())))
				if err != nil || code != http.StatusCreated {
					mu.Lock()
					refusals[code]++
					mu.Unlock()
					failed.Add(1)
					time.Sleep(20 * time.Millisecond)
					continue
				}
				no, _ := out["tracking_no"].(string)
				acked.Add(1)
				if !down.Load() {
					ackedAfter.Add(1)
				}
				mu.Lock()
				tracking = append(tracking, no)
				mu.Unlock()
			}
		}()
	}
	waitUntil(t, 10*time.Minute, "writes before the outage", func() bool { return acked.Load() >= int64(wantAfter/2) })

	// The outage.
	down.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := pg.Stop(ctx); err != nil {
		t.Fatalf("stopping PostgreSQL: %v", err)
	}
	waitUntil(t, 30*time.Second, "/readyz 503 during the outage", func() bool {
		code, _ := get(srv.URL + "/readyz")
		return code == http.StatusServiceUnavailable
	})
	time.Sleep(2 * time.Second)
	if code, _ := get(srv.URL + "/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz %d while PostgreSQL is still down, want 503", code)
	}
	again, err := embedded.StartPostgres(ctx, embedded.PostgresOptions{Dir: pg.Dir, Throwaway: true})
	if err != nil {
		t.Fatalf("restarting PostgreSQL: %v", err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = again.Stop(sctx)
	})
	waitUntil(t, 60*time.Second, "/readyz 200 after PostgreSQL is back", func() bool {
		code, _ := get(srv.URL + "/readyz")
		return code == http.StatusOK
	})
	ackedAfter.Store(0)
	down.Store(false)
	waitUntil(t, 10*time.Minute, "writes after the outage, same xxgk process", func() bool { return ackedAfter.Load() >= int64(wantAfter) })
	halt()
	wg.Wait()

	select {
	case <-srv.done:
		t.Fatal("xxgk serve exited during the outage")
	default:
	}
	db := dbtest.Open(t, dbURL)
	lost := 0
	for _, no := range tracking {
		if count(t, db, `SELECT count(*) FROM applications WHERE tracking_no = $1`, no) != 1 {
			lost++
		}
	}
	stored := count(t, db, `SELECT count(*) FROM applications`)
	recordFault(t, "PostgreSQL restarted while clients write", int(attempts.Load()), int(acked.Load()), lost)
	t.Logf("%d attempts, %d acknowledged, %d refused during the outage, %d rows stored; refusals by status %v", attempts.Load(), acked.Load(), failed.Load(), stored, refusals)
	if lost > 0 {
		t.Errorf("%d acknowledged applications are missing", lost)
	}
	if stored < len(tracking) {
		t.Errorf("%d rows stored for %d acknowledged applications", stored, len(tracking))
	}
}

// waitUntil polls cond until it holds, failing the test after timeout.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
