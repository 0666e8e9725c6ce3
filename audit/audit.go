// Package audit keeps xxgk's audit log: every mutation, sign-in, token use for writes, report
// lock and calendar change appends one event, in the same transaction as the change itself.
//
// The log is append-only in the database (a trigger refuses UPDATE, DELETE and TRUNCATE) and
// hash-chained: each event stores SHA-256(previous hash, its own content). Verify recomputes the
// chain and names the first event that was altered or removed, so even a database superuser who
// disables the trigger cannot rewrite history unnoticed.
package audit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Actor is who performs a change and through which door.
type Actor struct {
	UserID     int64  // 0 for the system and the command line
	Name       string // username, or "cli" / "system"
	Role       string
	Via        string // "session", "token:12", "cli", "system"
	RequestID  string
	ClientAddr string
}

// System is the actor of background work (validity transitions, deadline recomputation).
var System = Actor{Name: "system", Via: "system"}

// CLI is the actor of an operator's command-line action.
func CLI(osUser string) Actor { return Actor{Name: "cli:" + osUser, Role: "admin", Via: "cli"} }

// Event is what happened.
type Event struct {
	Action string // e.g. "body.create", "entry.publish", "user.signin"
	Target string // e.g. "body:sy-fgw", "entry:42"
	Body   string // the body code the change belongs to, if any
	// Changes holds the changed fields, {"field": {"before": x, "after": y}} or any JSON value.
	Changes any
}

// Record is a stored event.
type Record struct {
	ID         int64           `db:"id" json:"id"`
	At         time.Time       `db:"at" json:"at"`
	Actor      string          `db:"actor" json:"actor"`
	ActorID    *int64          `db:"actor_id" json:"actor_id,omitempty"`
	Role       string          `db:"role" json:"role"`
	Body       string          `db:"body" json:"body"`
	Action     string          `db:"action" json:"action"`
	Target     string          `db:"target" json:"target"`
	Changes    json.RawMessage `db:"changes" json:"changes,omitempty"`
	RequestID  string          `db:"request_id" json:"request_id"`
	ClientAddr string          `db:"client_addr" json:"client_addr"`
	PrevHash   []byte          `db:"prev_hash" json:"-"`
	Hash       []byte          `db:"hash" json:"-"`
}

// chainLock serialises appends so that each event's prev_hash is its predecessor's hash; it is
// held until the surrounding transaction ends, which also keeps id order equal to chain order.
const chainLock = 0x61756469 // "audi"

// Append writes e to the log inside tx, the transaction of the change it records.
func Append(ctx context.Context, tx *sqlx.Tx, actor Actor, e Event) error {
	if e.Action == "" {
		return errors.New("audit: event without action")
	}
	var changes json.RawMessage
	if e.Changes != nil {
		b, err := json.Marshal(e.Changes)
		if err != nil {
			return fmt.Errorf("audit: encode changes: %w", err)
		}
		// Store and hash the form PostgreSQL will give back: jsonb normalises key order and spacing.
		var norm string
		if err := tx.GetContext(ctx, &norm, `SELECT $1::jsonb::text`, string(b)); err != nil {
			return fmt.Errorf("audit: normalise changes: %w", err)
		}
		changes = json.RawMessage(norm)
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, chainLock); err != nil {
		return fmt.Errorf("audit: lock chain: %w", err)
	}
	prev := []byte{}
	if err := tx.GetContext(ctx, &prev, `SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit: previous hash: %w", err)
	}
	r := Record{
		At: time.Now().UTC().Truncate(time.Microsecond), Actor: actor.Name, Role: actor.Role,
		Body: e.Body, Action: e.Action, Target: e.Target, Changes: changes,
		RequestID: actor.RequestID, ClientAddr: actor.ClientAddr, PrevHash: prev,
	}
	if actor.Via != "" && actor.Via != "session" && actor.Via != "cli" && actor.Via != "system" {
		r.Actor += " (" + actor.Via + ")"
	}
	if actor.UserID != 0 {
		id := actor.UserID
		r.ActorID = &id
	}
	r.Hash = r.computeHash()
	var changesText *string
	if r.Changes != nil {
		s := string(r.Changes)
		changesText = &s
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_events
		(at, actor, actor_id, role, body, action, target, changes, request_id, client_addr, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)`,
		r.At, r.Actor, r.ActorID, r.Role, r.Body, r.Action, r.Target, changesText, r.RequestID, r.ClientAddr, r.PrevHash, r.Hash)
	if err != nil {
		return fmt.Errorf("audit: append %s: %w", e.Action, err)
	}
	return nil
}

// computeHash hashes the previous hash and the event's content in a fixed, unambiguous
// encoding (length-prefixed fields), so no two different events share an input.
func (r Record) computeHash() []byte {
	h := sha256.New()
	field := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	field(string(r.PrevHash))
	field(r.At.UTC().Format(time.RFC3339Nano))
	field(r.Actor)
	if r.ActorID != nil {
		field(fmt.Sprint(*r.ActorID))
	} else {
		field("")
	}
	for _, s := range []string{r.Role, r.Body, r.Action, r.Target, string(r.Changes), r.RequestID, r.ClientAddr} {
		field(s)
	}
	return h.Sum(nil)
}
