package database

import (
	"context"
	"database/sql"
	"sync"

	"github.com/jmoiron/sqlx"
)

// MaxPrepared bounds the statements a Prepared keeps; queries past it run unprepared.
const MaxPrepared = 64

// Prepared runs a store's fixed, frequent read queries (an entry by id, its versions, its
// attachments) as prepared statements. lib/pq sends a query with parameters as two round trips,
// parse-and-describe and then bind-and-execute, and PostgreSQL parses and plans it each time; a
// prepared statement is one round trip and no parsing. database/sql prepares a statement on
// each pooled connection the first time it is used there and again after a reconnect.
//
// It is an sqlx.QueryerContext for the functions that read through one: give it only query
// texts from a fixed set (no values spliced in), since each distinct text is kept as long as
// the database is open (at most MaxPrepared of them). PostgreSQL re-plans a prepared statement
// by itself after a migration changes the tables it reads.
type Prepared struct {
	db *sqlx.DB

	mu    sync.Mutex
	stmts map[string]*sqlx.Stmt
}

// NewPrepared returns a Prepared on db.
func NewPrepared(db *sqlx.DB) *Prepared {
	return &Prepared{db: db, stmts: map[string]*sqlx.Stmt{}}
}

// stmt returns query's statement, preparing it on first use; nil when MaxPrepared are kept.
func (p *Prepared) stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	p.mu.Lock()
	st, ok := p.stmts[query]
	full := len(p.stmts) >= MaxPrepared
	p.mu.Unlock()
	if ok || full {
		return st, nil
	}
	st, err := p.db.PreparexContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if prev, ok := p.stmts[query]; ok { // prepared meanwhile by another caller
		st.Close()
		return prev, nil
	}
	p.stmts[query] = st
	return st, nil
}

// QueryContext runs query prepared.
func (p *Prepared) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.db.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryxContext runs query prepared.
func (p *Prepared) QueryxContext(ctx context.Context, query string, args ...any) (*sqlx.Rows, error) {
	st, err := p.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return p.db.QueryxContext(ctx, query, args...)
	}
	return st.QueryxContext(ctx, args...)
}

// QueryRowxContext runs query prepared.
func (p *Prepared) QueryRowxContext(ctx context.Context, query string, args ...any) *sqlx.Row {
	st, err := p.stmt(ctx, query)
	if err != nil || st == nil {
		// sqlx.Row carries no error of its own making: let the unprepared query report it.
		return p.db.QueryRowxContext(ctx, query, args...)
	}
	return st.QueryRowxContext(ctx, args...)
}
