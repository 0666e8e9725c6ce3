// Package database opens xxgk's PostgreSQL database, keeps its schema current and runs
// transactions. PostgreSQL is the source of truth for everything xxgk knows.
package database

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // the driver behind sqlx.Open("postgres", …)
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"xxgk/migrations"
)

// ErrSchemaBehind means the database lacks migrations this binary has.
var ErrSchemaBehind = errors.New("database schema is behind this version of xxgk: run 'xxgk migrate' (or serve with --migrate)")

// Open connects to url and checks the connection.
func Open(ctx context.Context, url string) (*sqlx.DB, error) {
	db, err := Pool(url)
	if err != nil {
		return nil, err
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database: connect: %w", err)
	}
	return db, nil
}

// Pool returns the connection pool of url without connecting yet: for a server that may be
// down when xxgk starts (a read replica) and is used once it answers.
func Pool(url string) (*sqlx.DB, error) {
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("database: open: %w", err)
	}
	// As many idle as open: under load a connection closed for want of an idle slot is a new
	// server process and its prepared statements (Prepared) made again a moment later. Idle
	// ones close after five minutes.
	db.SetMaxOpenConns(40)
	db.SetMaxIdleConns(40)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, nil
}

// Transact runs fn in a transaction, committing when fn returns nil and rolling back otherwise
// (also when fn panics). Multi-statement writes go through here so that, for example, an entry
// and its search-outbox row commit together or not at all.
func Transact(ctx context.Context, db *sqlx.DB, fn func(tx *sqlx.Tx) error) (err error) {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	if err = tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

func provider(db *sql.DB, log *slog.Logger) (*goose.Provider, error) {
	// A session lock keeps two instances that start together from migrating at once.
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithSessionLocker(locker)}
	if log != nil {
		opts = append(opts, goose.WithSlog(log))
	}
	return goose.NewProvider(goose.DialectPostgres, db, migrations.FS, opts...)
}

// Migrate applies every pending migration and returns how many it applied.
func Migrate(ctx context.Context, db *sqlx.DB, log *slog.Logger) (int, error) {
	p, err := provider(db.DB, log)
	if err != nil {
		return 0, fmt.Errorf("database: migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return len(results), fmt.Errorf("database: migrate: %w", err)
	}
	return len(results), nil
}

// SchemaVersion returns the database's schema version and the newest one this binary has.
func SchemaVersion(ctx context.Context, db *sqlx.DB) (current, latest int64, err error) {
	p, err := provider(db.DB, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("database: migrations: %w", err)
	}
	current, latest, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("database: schema version: %w", err)
	}
	return current, latest, nil
}

// CheckSchema returns ErrSchemaBehind when migrations are pending.
func CheckSchema(ctx context.Context, db *sqlx.DB) error {
	current, latest, err := SchemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if current < latest {
		return fmt.Errorf("%w (database at %d, binary at %d)", ErrSchemaBehind, current, latest)
	}
	return nil
}
