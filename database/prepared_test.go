package database_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/jmoiron/sqlx"

	"xxgk/database"
	"xxgk/database/dbtest"
)

// A prepared query answers as the plain one does, also on a connection that was dropped and
// opened again, and past MaxPrepared distinct texts queries still run (unprepared).
func TestPrepared(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	p := database.NewPrepared(db)
	var n int
	if err := sqlx.GetContext(ctx, p, &n, `SELECT count(*) FROM bodies WHERE code = $1`, "nobody"); err != nil || n != 0 {
		t.Fatalf("count: %d, %v", n, err)
	}
	var got []int
	if err := sqlx.SelectContext(ctx, p, &got, `SELECT generate_series(1, $1)`, 3); err != nil || len(got) != 3 || got[2] != 3 {
		t.Fatalf("select: %v, %v", got, err)
	}

	// Every pooled connection ends; the statement is prepared again on the next one.
	if _, err := db.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	db.SetMaxIdleConns(0) // the connection that ran the terminate is not reused either
	db.SetMaxIdleConns(2)
	for range 3 { // database/sql retries a dead pooled connection on a fresh one
		if err := sqlx.SelectContext(ctx, p, &got, `SELECT generate_series(1, $1)`, 2); err != nil || len(got) != 2 {
			t.Fatalf("select after the connections ended: %v, %v", got, err)
		}
	}

	// A query PostgreSQL refuses is an error, not a panic or a nil row.
	if err := sqlx.GetContext(ctx, p, &n, `SELECT count(*) FROM no_such_table`); err == nil {
		t.Error("query of a missing table: no error")
	}

	for i := range database.MaxPrepared + 5 {
		var v int
		if err := sqlx.GetContext(ctx, p, &v, fmt.Sprintf(`SELECT $1::int + %d`, i), 1); err != nil || v != i+1 {
			t.Fatalf("query %d: %d, %v", i, v, err)
		}
	}
}
