package audit

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// ChainError names the first event where the chain breaks.
type ChainError struct {
	EventID int64
	Reason  string
}

func (e *ChainError) Error() string {
	return fmt.Sprintf("audit chain broken at event %d: %s", e.EventID, e.Reason)
}

// Verify recomputes the whole chain in id order. It returns how many events it checked and a
// *ChainError at the first event that was altered, or whose predecessor was removed.
func Verify(ctx context.Context, db *sqlx.DB) (int, error) {
	rows, err := db.QueryxContext(ctx, `SELECT id, at, actor, actor_id, role, body, action, target,
		changes::text AS changes, request_id, client_addr, prev_hash, hash FROM audit_events ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("audit: verify: %w", err)
	}
	defer rows.Close()
	prev := []byte{}
	var lastID int64
	n := 0
	for rows.Next() {
		var r Record
		var changes sql.NullString
		if err := rows.Scan(&r.ID, &r.At, &r.Actor, &r.ActorID, &r.Role, &r.Body, &r.Action, &r.Target,
			&changes, &r.RequestID, &r.ClientAddr, &r.PrevHash, &r.Hash); err != nil {
			return n, fmt.Errorf("audit: verify: %w", err)
		}
		if changes.Valid {
			r.Changes = []byte(changes.String)
		}
		n++
		if !bytes.Equal(r.PrevHash, prev) {
			reason := "its previous-hash does not match the event before it"
			if lastID != 0 && r.ID != lastID+1 {
				reason = fmt.Sprintf("events %d to %d are missing", lastID+1, r.ID-1)
			}
			return n, &ChainError{EventID: r.ID, Reason: reason}
		}
		if !bytes.Equal(r.computeHash(), r.Hash) {
			return n, &ChainError{EventID: r.ID, Reason: "its content does not match its hash (altered)"}
		}
		prev, lastID = r.Hash, r.ID
	}
	if err := rows.Err(); err != nil {
		return n, fmt.Errorf("audit: verify: %w", err)
	}
	return n, nil
}
