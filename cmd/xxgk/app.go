package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/catalog"
	"xxgk/database"
	"xxgk/embedded"
	"xxgk/web"
)

// app is xxgk's running dependencies: the database and the search engine, either configured
// (production) or embedded servers this process found or started.
type app struct {
	cfg   Config
	log   *slog.Logger
	db    *sqlx.DB
	dbURL string
	// replica is the optional read replica (XXGK_DATABASE_REPLICA_URL); nil without one.
	replica  *replica
	meiliURL string
	meiliKey string

	// catalog, when set (serve), lets readiness report the search backlog.
	catalog *catalog.Store

	pg    *embedded.Postgres
	meili *embedded.Meili
}

// needs says which servers a command uses: migrate needs no search engine, and only serve
// reads the replica (other commands would only check it, and warn, for nothing).
type needs struct{ search, replica bool }

func openApp(ctx context.Context, cfg Config, log *slog.Logger, n needs) (a *app, err error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	started := &app{cfg: cfg, log: log, meiliURL: cfg.MeiliURL, meiliKey: cfg.MeiliKey}
	a = started
	defer func() {
		// Every error return sets a to nil: stop what was started through the local copy.
		if err != nil {
			started.close(context.Background())
		}
	}()
	dataDir, err := cfg.absDataDir()
	if err != nil {
		return nil, err
	}
	dbURL := cfg.DatabaseURL
	if dbURL == "" {
		a.pg, err = embedded.StartPostgres(ctx, embedded.PostgresOptions{Dir: filepath.Join(dataDir, "pg"), Logger: log})
		if err != nil {
			return nil, err
		}
		if err := a.pg.EnsureDatabase(ctx, "xxgk"); err != nil {
			return nil, err
		}
		dbURL = a.pg.URL("xxgk")
	}
	a.dbURL = dbURL
	if a.db, err = database.Open(ctx, dbURL); err != nil {
		return nil, err
	}
	if n.replica && cfg.ReplicaURL != "" {
		if a.replica, err = openReplica(cfg.ReplicaURL, log); err != nil {
			return nil, err
		}
		if a.replica.check(ctx); !a.replica.up.Load() {
			log.Warn("read replica not used yet: pages read from the primary until it answers", "reason", a.replica.state.Load().err)
		}
	}
	if n.search && a.meiliURL == "" {
		a.meili, err = embedded.StartMeili(ctx, embedded.MeiliOptions{Dir: filepath.Join(dataDir, "meili"), Bin: cfg.MeiliBin, Logger: log})
		if err != nil {
			return nil, err
		}
		a.meiliURL, a.meiliKey = a.meili.URL, a.meili.Key
	}
	return a, nil
}

// close releases the database and stops the servers this process started, search first.
func (a *app) close(ctx context.Context) error {
	var errs []error
	if a.db != nil {
		errs = append(errs, a.db.Close())
	}
	if a.replica != nil {
		errs = append(errs, a.replica.db.Close())
	}
	errs = append(errs, a.meili.Stop(ctx), a.pg.Stop(ctx))
	return errors.Join(errs...)
}

// readiness reports the state of each dependency for /readyz.
func (a *app) readiness(ctx context.Context) []web.Check {
	var checks []web.Check
	db := web.Check{Name: "postgresql", OK: true}
	if err := a.db.PingContext(ctx); err != nil {
		db.OK, db.Error = false, "unreachable"
	} else if err := database.CheckSchema(ctx, a.db); err != nil {
		db.OK, db.Error = false, "schema behind: run xxgk migrate"
		if !errors.Is(err, database.ErrSchemaBehind) {
			db.Error = "schema version unknown"
		}
	}
	checks = append(checks, db)
	if a.replica != nil {
		checks = append(checks, a.replica.readiness())
	}
	// Search survives without Meilisearch (PostgreSQL answers, marked degraded; the outbox
	// keeps every change for later), so its absence degrades readiness instead of failing it.
	search := web.Check{Name: "meilisearch", OK: true, Degraded: true}
	if err := meiliHealthy(ctx, a.meiliURL); err != nil {
		search.OK, search.Error = false, "unreachable: search answers from PostgreSQL"
		if a.catalog != nil {
			if n, age, err := a.catalog.OutboxBacklog(ctx); err == nil && n > 0 {
				search.Error += fmt.Sprintf("; %d changes wait for the index (oldest %s)", n, age.Round(time.Second))
			}
		}
	}
	checks = append(checks, search)
	return checks
}

func meiliHealthy(ctx context.Context, base string) error {
	if base == "" {
		return errors.New("not configured")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/health", nil)
	if err != nil {
		return err
	}
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("meilisearch /health: %s", resp.Status)
	}
	return nil
}
