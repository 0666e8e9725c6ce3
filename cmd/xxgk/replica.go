package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/database"
	"xxgk/web"
)

// replica is the optional read replica (XXGK_DATABASE_REPLICA_URL): a hot standby that the
// public pages read from while it answers and keeps up. A background check every
// replicaCheckEvery decides, so that a request never waits on a replica that is down: it reads
// the primary at once. Which pages read where is web's readCatalog.
type replica struct {
	db     *sqlx.DB
	log    *slog.Logger
	maxLag time.Duration

	up    atomic.Bool
	state atomic.Pointer[replicaState]
}

type replicaState struct {
	err string        // why it is not used; empty when it is
	lag time.Duration // how far replay is behind what it received
}

const (
	replicaCheckEvery = 2 * time.Second
	// replicaMaxLag is the most a replica may lag before pages read the primary instead.
	replicaMaxLag = 30 * time.Second
)

// openReplica returns the replica's pool; the server may be down now and come up later.
func openReplica(url string, log *slog.Logger) (*replica, error) {
	db, err := database.Pool(url)
	if err != nil {
		return nil, fmt.Errorf("replica: %w", err)
	}
	r := &replica{db: db, log: log, maxLag: replicaMaxLag}
	r.state.Store(&replicaState{err: "not checked yet: pages read from the primary"})
	return r, nil
}

// check asks the replica how far behind it is and records whether pages may read it.
func (r *replica) check(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	// Caught up when it has replayed all it received; otherwise the lag is the age of the last
	// transaction it replayed. A server not in recovery (a promoted replica) never lags.
	var lagSeconds float64
	err := r.db.GetContext(ctx, &lagSeconds, `SELECT CASE
		WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
		ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0) END`)
	st := &replicaState{lag: time.Duration(lagSeconds * float64(time.Second))}
	switch {
	case err != nil:
		st.err = "unreachable: pages read from the primary"
	case st.lag > r.maxLag:
		st.err = fmt.Sprintf("%s behind: pages read from the primary", st.lag.Round(time.Second))
	}
	was := r.up.Load()
	r.up.Store(st.err == "")
	r.state.Store(st)
	if was != (st.err == "") {
		if st.err == "" {
			r.log.Info("read replica in use", "lag", st.lag)
		} else {
			r.log.Warn("read replica not used", "reason", st.err, "err", err)
		}
	}
}

// watch checks the replica until ctx ends.
func (r *replica) watch(ctx context.Context) {
	t := time.NewTicker(replicaCheckEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r.check(ctx)
		}
	}
}

// readiness is the replica's line in /readyz: its absence degrades readiness, never fails it,
// since the primary serves every page meanwhile.
func (r *replica) readiness() web.Check {
	st := r.state.Load()
	c := web.Check{Name: "postgresql-replica", OK: st.err == "", Degraded: true, Error: st.err}
	if c.OK {
		c.Detail = "replay lag " + st.lag.Round(time.Millisecond).String()
	}
	return c
}
