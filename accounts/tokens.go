package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/database"
)

// Token format: tokenPrefix and 40 base64url characters (30 random bytes, 240 bits). The
// recognisable prefix lets secret scanners and people spot a leaked xxgk token.
const (
	tokenPrefix  = "xxgk_"
	tokenBytes   = 30
	tokenLen     = len(tokenPrefix) + 40
	shownLen     = len(tokenPrefix) + 6 // what listings show, enough to tell tokens apart
	maxTokenName = 100
)

// Token is an API token as listed: never its secret, only the first characters.
type Token struct {
	ID         int64      `db:"id" json:"id"`
	Username   string     `db:"username" json:"username"`
	Name       string     `db:"name" json:"name"`
	Prefix     string     `db:"prefix" json:"prefix"`
	CreatedAt  time.Time  `db:"created_at" json:"created_at"`
	LastUsedAt *time.Time `db:"last_used_at" json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `db:"revoked_at" json:"revoked_at,omitempty"`
}

const selectToken = `SELECT t.id, u.username, t.name, t.prefix, t.created_at, t.last_used_at, t.revoked_at
	FROM api_tokens t JOIN users u ON u.id = t.user_id`

// CreateToken issues an API token named name for username. It returns the token's secret,
// which is shown once and never stored, and the token as listed.
func (s *Store) CreateToken(ctx context.Context, actor audit.Actor, username, name string) (string, Token, error) {
	name = strings.TrimSpace(name)
	if n := len([]rune(name)); n == 0 || n > maxTokenName {
		return "", Token{}, ValidationError{"name": fmt.Sprintf("令牌名称应为 1 至 %d 个字符", maxTokenName)}
	}
	random, _, err := randomToken(tokenBytes)
	if err != nil {
		return "", Token{}, err
	}
	plain := tokenPrefix + random
	var t Token
	err = database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		var userID int64
		err := tx.GetContext(ctx, &userID, `SELECT id FROM users WHERE username = $1`, username)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("accounts: create token for %s: %w", username, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("accounts: create token for %s: %w", username, err)
		}
		var id int64
		err = tx.GetContext(ctx, &id, `INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, userID, name, digest(plain), plain[:shownLen], s.now())
		if err != nil {
			return fmt.Errorf("accounts: create token for %s: %w", username, err)
		}
		if err := audit.Append(ctx, tx, actor, audit.Event{Action: "token.create", Target: "token:" + strconv.FormatInt(id, 10),
			Changes: map[string]any{"user": username, "name": name, "prefix": plain[:shownLen]}}); err != nil {
			return err
		}
		return tx.GetContext(ctx, &t, selectToken+` WHERE t.id = $1`, id)
	})
	if err != nil {
		return "", Token{}, err
	}
	return plain, t, nil
}

// TokenPrincipal returns who the bearer token belongs to. Unknown and revoked tokens answer
// ErrBadCredentials alike.
func (s *Store) TokenPrincipal(ctx context.Context, bearer string) (Principal, error) {
	if len(bearer) != tokenLen || !strings.HasPrefix(bearer, tokenPrefix) {
		return Principal{}, ErrBadCredentials
	}
	var t struct {
		ID         int64      `db:"id"`
		UserID     int64      `db:"user_id"`
		LastUsedAt *time.Time `db:"last_used_at"`
	}
	err := s.db.GetContext(ctx, &t, `SELECT id, user_id, last_used_at FROM api_tokens
		WHERE token_hash = $1 AND revoked_at IS NULL`, digest(bearer))
	if errors.Is(err, sql.ErrNoRows) {
		return Principal{}, ErrBadCredentials
	}
	if err != nil {
		return Principal{}, fmt.Errorf("accounts: token: %w", err)
	}
	// Like sessions, last use is recorded to the minute so that a busy script does not
	// write on every call.
	now := s.now()
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= lastSeenGranularity {
		if _, err := s.db.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $2 WHERE id = $1`, t.ID, now); err != nil {
			return Principal{}, fmt.Errorf("accounts: token %d: last use: %w", t.ID, err)
		}
	}
	return principal(ctx, s.db, t.UserID, "token:"+strconv.FormatInt(t.ID, 10))
}

// ListTokens returns username's tokens, revoked ones included, oldest first.
func (s *Store) ListTokens(ctx context.Context, username string) ([]Token, error) {
	var exists bool
	if err := s.db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM users WHERE username = $1)`, username); err != nil {
		return nil, fmt.Errorf("accounts: tokens of %s: %w", username, err)
	}
	if !exists {
		return nil, fmt.Errorf("accounts: tokens of %s: %w", username, ErrNotFound)
	}
	tokens := []Token{}
	if err := s.db.SelectContext(ctx, &tokens, selectToken+` WHERE u.username = $1 ORDER BY t.id`, username); err != nil {
		return nil, fmt.Errorf("accounts: tokens of %s: %w", username, err)
	}
	return tokens, nil
}

// RevokeToken revokes the token with id. Revoking a revoked token changes nothing and is not
// audited again.
func (s *Store) RevokeToken(ctx context.Context, actor audit.Actor, id int64) error {
	return database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		var t Token
		err := tx.GetContext(ctx, &t, selectToken+` WHERE t.id = $1 FOR UPDATE OF t`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("accounts: revoke token %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("accounts: revoke token %d: %w", id, err)
		}
		if t.RevokedAt != nil {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1`, id, s.now()); err != nil {
			return fmt.Errorf("accounts: revoke token %d: %w", id, err)
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "token.revoke", Target: "token:" + strconv.FormatInt(id, 10),
			Changes: map[string]any{"user": t.Username, "name": t.Name, "prefix": t.Prefix}})
	})
}
