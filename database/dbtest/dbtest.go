// Package dbtest gives each test a database of its own on the real PostgreSQL server that
// `make test` starts, copied from a migrated template in a few tens of milliseconds.
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/database"
	"xxgk/migrations"
)

// EnvURL names the variable holding the test server's URL (its `postgres` database).
const EnvURL = "XXGK_TEST_DATABASE_URL"

// ServerURL returns the test server's URL, failing the test (never skipping it) when there is
// none.
func ServerURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		t.Fatalf("%s is not set: this test needs the real PostgreSQL that 'make test' starts "+
			"(or run: go run ./cmd/xxgk testenv -- go test ./...)", EnvURL)
	}
	return u
}

// NewURL creates an empty, fully migrated database for this test, dropped when it ends, and
// returns its URL.
func NewURL(t testing.TB) string {
	t.Helper()
	server := ServerURL(t)
	ctx := context.Background()
	admin, err := sqlx.Open("postgres", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	tmpl, err := template(ctx, admin, server)
	if err != nil {
		t.Fatalf("dbtest: template: %v", err)
	}
	name := "t_" + randomHex(8)
	if _, err := admin.ExecContext(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY",
		pq.QuoteIdentifier(name), pq.QuoteIdentifier(tmpl))); err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sqlx.Open("postgres", server)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.Exec("DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name) + " WITH (FORCE)")
	})
	return withDatabase(server, name)
}

// New is NewURL, opened.
func New(t testing.TB) *sqlx.DB {
	t.Helper()
	return Open(t, NewURL(t))
}

// Open opens the database at url for the test and closes it when the test ends.
func Open(t testing.TB, url string) *sqlx.DB {
	t.Helper()
	db, err := database.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// template returns the name of a database migrated to this tree's migrations, building it once
// per set of migration files; test packages run in parallel processes, so an advisory lock
// makes one of them build it while the others wait.
func template(ctx context.Context, admin *sqlx.DB, server string) (string, error) {
	name := "xxgk_tmpl_" + migrationsHash()
	conn, err := admin.Connx(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(727274)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(727274)`)
	var exists bool
	if err := conn.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+pq.QuoteIdentifier(building)+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(building)); err != nil {
		return "", err
	}
	db, err := database.Open(ctx, withDatabase(server, building))
	if err != nil {
		return "", err
	}
	_, err = database.Migrate(ctx, db, nil)
	db.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", pq.QuoteIdentifier(building), pq.QuoteIdentifier(name))); err != nil {
		return "", err
	}
	return name, nil
}

func migrationsHash() string {
	h := sha256.New()
	_ = fs.WalkDir(migrations.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func withDatabase(server, name string) string {
	u, err := url.Parse(server)
	if err != nil {
		panic(fmt.Sprintf("dbtest: %s is not a URL: %v", EnvURL, err))
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
