package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// BodyOf returns the code of the body that owns entry id: what an access check needs to
// decide whether an officer may change the entry, without loading the whole entry.
func (s *Store) BodyOf(ctx context.Context, id int64) (string, error) {
	var code string
	err := s.db.GetContext(ctx, &code, `SELECT b.code FROM entries e JOIN bodies b ON b.id = e.body_id WHERE e.id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("catalog: entry %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("catalog: body of entry %d: %w", id, err)
	}
	return code, nil
}
