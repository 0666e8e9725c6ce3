package audit_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/database"
	"xxgk/database/dbtest"
)

func appendEvents(t *testing.T, db *sqlx.DB, n int) {
	t.Helper()
	actor := audit.Actor{UserID: 7, Name: "li.officer", Role: "officer", Via: "session", RequestID: "r1", ClientAddr: "127.0.0.1"}
	for i := 0; i < n; i++ {
		err := database.Transact(context.Background(), db, func(tx *sqlx.Tx) error {
			return audit.Append(context.Background(), tx, actor, audit.Event{
				Action: "entry.publish", Target: "entry:" + string(rune('a'+i)), Body: "sy-fgw",
				Changes: map[string]any{"status": map[string]string{"before": "draft", "after": "published"}, "标题": "关于优化营商环境的通知"},
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestChainVerifies(t *testing.T) {
	db := dbtest.New(t)
	if n, err := audit.Verify(context.Background(), db); err != nil || n != 0 {
		t.Fatalf("empty log: %d, %v", n, err)
	}
	appendEvents(t, db, 5)
	n, err := audit.Verify(context.Background(), db)
	if err != nil || n != 5 {
		t.Fatalf("got %d, %v; want 5 events intact", n, err)
	}
}

func TestLogIsAppendOnly(t *testing.T) {
	db := dbtest.New(t)
	appendEvents(t, db, 2)
	for _, stmt := range []string{
		`UPDATE audit_events SET actor = 'someone else'`,
		`DELETE FROM audit_events WHERE id = 1`,
		`TRUNCATE audit_events`,
	} {
		if _, err := db.Exec(stmt); err == nil {
			t.Errorf("%s: allowed", stmt)
		}
	}
}

// TestTamperingIsCaught edits the log as a database superuser would, with the trigger
// disabled, and expects Verify to name the first altered or removed event.
func TestTamperingIsCaught(t *testing.T) {
	tests := []struct {
		name   string
		tamper string
		wantID int64
	}{
		{"altered actor", `UPDATE audit_events SET actor = 'nobody' WHERE id = 3`, 3},
		{"altered changes", `UPDATE audit_events SET changes = '{"status": "draft"}' WHERE id = 2`, 2},
		{"altered time", `UPDATE audit_events SET at = at - interval '1 day' WHERE id = 4`, 4},
		{"removed event", `DELETE FROM audit_events WHERE id = 2`, 3},
		{"rehashed event without its successor", `UPDATE audit_events SET target = 'entry:x', hash = sha256(hash) WHERE id = 2`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := dbtest.New(t)
			appendEvents(t, db, 5)
			tx := db.MustBegin()
			tx.MustExec(`ALTER TABLE audit_events DISABLE TRIGGER USER`)
			tx.MustExec(tt.tamper)
			tx.MustExec(`ALTER TABLE audit_events ENABLE TRIGGER USER`)
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			_, err := audit.Verify(context.Background(), db)
			var chain *audit.ChainError
			if !errors.As(err, &chain) || chain.EventID != tt.wantID {
				t.Fatalf("Verify = %v, want a broken chain at event %d", err, tt.wantID)
			}
		})
	}
}

func TestFailedChangeLeavesNoEvent(t *testing.T) {
	db := dbtest.New(t)
	boom := errors.New("boom")
	err := database.Transact(context.Background(), db, func(tx *sqlx.Tx) error {
		if err := audit.Append(context.Background(), tx, audit.System, audit.Event{Action: "x"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	var n int
	db.Get(&n, `SELECT count(*) FROM audit_events`)
	if n != 0 {
		t.Fatalf("%d events after a rolled-back change", n)
	}
}
