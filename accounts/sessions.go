package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/database"
)

// lastSeenGranularity is how stale sessions.last_seen_at may get before a request refreshes
// it: writing on every request would turn each page view into a database write for the sake
// of a 30-minute timeout.
const lastSeenGranularity = time.Minute

// randomToken returns n random bytes, base64url without padding, and their SHA-256: the
// plain value goes to the client, only the digest to the database.
func randomToken(n int) (string, []byte, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", nil, fmt.Errorf("accounts: random token: %w", err)
	}
	plain := base64.RawURLEncoding.EncodeToString(b)
	return plain, digest(plain), nil
}

func digest(plain string) []byte {
	h := sha256.Sum256([]byte(plain))
	return h[:]
}

// CreateSession starts a session for userID and returns its token, for the cookie. The sign-in
// it follows is audited by Authenticate.
func (s *Store) CreateSession(ctx context.Context, userID int64, clientAddr, userAgent string) (string, error) {
	plain, hash, err := randomToken(32)
	if err != nil {
		return "", err
	}
	now := s.now()
	clientAddr, userAgent = clean(clientAddr, 100), clean(userAgent, 512)
	_, err = s.db.ExecContext(ctx, `INSERT INTO sessions
		(token_hash, user_id, created_at, last_seen_at, expires_at, client_addr, user_agent)
		VALUES ($1, $2, $3, $3, $4, $5, $6)`,
		hash, userID, now, now.Add(s.AbsoluteTimeout), clientAddr, userAgent)
	if err != nil {
		return "", fmt.Errorf("accounts: create session for user %d: %w", userID, err)
	}
	return plain, nil
}

// SessionPrincipal returns who the session token belongs to. A session idle for longer than
// IdleTimeout or older than AbsoluteTimeout is deleted and answers ErrExpired; so does an
// unknown token, which is what a signed-out or long-deleted session's cookie looks like.
func (s *Store) SessionPrincipal(ctx context.Context, token string) (Principal, error) {
	hash := digest(token)
	now := s.now()
	var sess struct {
		UserID     int64     `db:"user_id"`
		LastSeenAt time.Time `db:"last_seen_at"`
		ExpiresAt  time.Time `db:"expires_at"`
	}
	err := s.db.GetContext(ctx, &sess, `SELECT user_id, last_seen_at, expires_at FROM sessions WHERE token_hash = $1`, hash)
	if errors.Is(err, sql.ErrNoRows) {
		return Principal{}, ErrExpired
	}
	if err != nil {
		return Principal{}, fmt.Errorf("accounts: session: %w", err)
	}
	if !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) >= s.IdleTimeout {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash); err != nil {
			return Principal{}, fmt.Errorf("accounts: delete expired session: %w", err)
		}
		return Principal{}, ErrExpired
	}
	if now.Sub(sess.LastSeenAt) >= lastSeenGranularity {
		if _, err := s.db.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1`, hash, now); err != nil {
			return Principal{}, fmt.Errorf("accounts: refresh session: %w", err)
		}
	}
	return principal(ctx, s.db, sess.UserID, "session")
}

// DeleteExpiredSessions deletes every session past its idle or absolute timeout and returns
// how many. SessionPrincipal removes expired sessions it meets; this sweeps the ones whose
// users never came back, for a periodic job.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	now := s.now()
	res, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2`,
		now, now.Add(-s.IdleTimeout))
	if err != nil {
		return 0, fmt.Errorf("accounts: delete expired sessions: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("accounts: delete expired sessions: %w", err)
	}
	return n, nil
}

// DeleteSession ends the session token belongs to (signing out), audited as the session's
// user. Ending a session that does not exist is not an error: the user is signed out either
// way.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		var u struct {
			ID       int64  `db:"id"`
			Username string `db:"username"`
			Role     string `db:"role"`
		}
		err := tx.GetContext(ctx, &u, `WITH gone AS (DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id)
			SELECT u.id, u.username, u.role FROM gone JOIN users u ON u.id = gone.user_id`, digest(token))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("accounts: delete session: %w", err)
		}
		actor := audit.Actor{UserID: u.ID, Name: u.Username, Role: u.Role, Via: "session"}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "user.signout", Target: "user:" + u.Username})
	})
}

// DeleteUserSessions ends every session of the user ("sign out everywhere"), for example
// after a password change or a lost laptop.
func (s *Store) DeleteUserSessions(ctx context.Context, actor audit.Actor, userID int64) error {
	return database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		var username string
		err := tx.GetContext(ctx, &username, `SELECT username FROM users WHERE id = $1`, userID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("accounts: sign out user %d everywhere: %w", userID, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("accounts: sign out user %d everywhere: %w", userID, err)
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		if err != nil {
			return fmt.Errorf("accounts: sign out %s everywhere: %w", username, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("accounts: sign out %s everywhere: %w", username, err)
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "user.signout_all", Target: "user:" + username,
			Changes: map[string]any{"sessions_ended": n}})
	})
}
