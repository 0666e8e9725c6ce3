package embedded

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
)

// Throwaway is a PostgreSQL and a Meilisearch in a temporary folder, for one test run.
type Throwaway struct {
	Postgres *Postgres
	Meili    *Meili
	dir      string
}

// StartThrowaway starts both servers on free ports under a new temporary folder.
func StartThrowaway(ctx context.Context, meiliBin string, log *slog.Logger) (*Throwaway, error) {
	dir, err := os.MkdirTemp("", "xxgk-test-")
	if err != nil {
		return nil, err
	}
	// The folder must be reachable by the postgres account when we run as root.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	t := &Throwaway{dir: dir}
	t.Postgres, err = StartPostgres(ctx, PostgresOptions{Dir: filepath.Join(dir, "pg"), Throwaway: true, Logger: log})
	if err != nil {
		_ = t.Stop(context.Background())
		return nil, err
	}
	t.Meili, err = StartMeili(ctx, MeiliOptions{Dir: filepath.Join(dir, "meili"), Bin: meiliBin, Logger: log})
	if err != nil {
		_ = t.Stop(context.Background())
		return nil, err
	}
	return t, nil
}

// Stop stops both servers and deletes the folder.
func (t *Throwaway) Stop(ctx context.Context) error {
	err := errors.Join(t.Meili.Stop(ctx), t.Postgres.Stop(ctx))
	return errors.Join(err, os.RemoveAll(t.dir))
}
