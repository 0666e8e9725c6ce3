package audit

import (
	"bytes"
	"context"
	"errors"
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
	prev := []byte{}
	var lastID int64
	n := 0
	err := eachRecord(ctx, db, selectRecord+" ORDER BY id", nil, func(r Record) error {
		n++
		if !bytes.Equal(r.PrevHash, prev) {
			reason := "its previous-hash does not match the event before it"
			if lastID != 0 && r.ID != lastID+1 {
				reason = fmt.Sprintf("events %d to %d are missing", lastID+1, r.ID-1)
			}
			return &ChainError{EventID: r.ID, Reason: reason}
		}
		if !bytes.Equal(r.computeHash(), r.Hash) {
			return &ChainError{EventID: r.ID, Reason: "its content does not match its hash (altered)"}
		}
		prev, lastID = r.Hash, r.ID
		return nil
	})
	var chainErr *ChainError
	if errors.As(err, &chainErr) {
		return n, chainErr
	}
	if err != nil {
		return n, fmt.Errorf("audit: verify: %w", err)
	}
	return n, nil
}
