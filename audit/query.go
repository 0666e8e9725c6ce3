package audit

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
)

// Filter selects events for browsing and export. Zero fields select everything.
type Filter struct {
	From, To time.Time // At in [From, To); zero means unbounded
	Actor    string    // exact user name, or "cli:" / "system" prefixes as stored
	Action   string    // exact ("entry.publish") or a family ending in "." ("entry.")
	Body     string    // body code
	Target   string    // exact target ("entry:42")
	Page     int       // 1-based; 0 is 1
	PageSize int       // 0 is DefaultPageSize; at most MaxPageSize
}

// Page sizes for browsing.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// Log reads the audit log. Appending happens inside the transaction of each change
// (Append); Log only reads.
type Log struct{ db *sqlx.DB }

// NewLog returns a reader of the audit log on db.
func NewLog(db *sqlx.DB) *Log { return &Log{db: db} }

// where builds the WHERE clause and arguments of f.
func (f Filter) where() (string, []any) {
	var conds []string
	var args []any
	// add appends a condition whose ? placeholders take vs in order.
	add := func(cond string, vs ...any) {
		for _, v := range vs {
			args = append(args, v)
			cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(args)), 1)
		}
		conds = append(conds, cond)
	}
	if !f.From.IsZero() {
		add("at >= ?", f.From)
	}
	if !f.To.IsZero() {
		add("at < ?", f.To)
	}
	if f.Actor != "" {
		// Token use is stored as "name (token:12)": the name alone finds it too.
		add("(actor = ? OR actor LIKE ?)", f.Actor, escapeLike(f.Actor)+" (%")
	}
	if f.Action != "" {
		if strings.HasSuffix(f.Action, ".") {
			add("action LIKE ?", escapeLike(f.Action)+"%")
		} else {
			add("action = ?", f.Action)
		}
	}
	if f.Body != "" {
		add("body = ?", f.Body)
	}
	if f.Target != "" {
		add("target = ?", f.Target)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

const selectRecord = `SELECT id, at, actor, actor_id, role, body, action, target, changes::text,
	request_id, client_addr, prev_hash, hash FROM audit_events`

// eachRecord runs query (which selects the columns of selectRecord) and calls fn for each row.
func eachRecord(ctx context.Context, db sqlx.QueryerContext, query string, args []any, fn func(Record) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r Record
		var changes sql.NullString
		if err := rows.Scan(&r.ID, &r.At, &r.Actor, &r.ActorID, &r.Role, &r.Body, &r.Action, &r.Target,
			&changes, &r.RequestID, &r.ClientAddr, &r.PrevHash, &r.Hash); err != nil {
			return err
		}
		if changes.Valid {
			r.Changes = []byte(changes.String)
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Query returns one page of the events f selects, newest first, and how many it selects in all.
func (l *Log) Query(ctx context.Context, f Filter) (int, []Record, error) {
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PageSize <= 0 {
		f.PageSize = DefaultPageSize
	}
	f.PageSize = min(f.PageSize, MaxPageSize)
	where, args := f.where()
	var total int
	if err := l.db.GetContext(ctx, &total, `SELECT count(*) FROM audit_events`+where, args...); err != nil {
		return 0, nil, fmt.Errorf("audit: count events: %w", err)
	}
	records := []Record{}
	q := fmt.Sprintf("%s%s ORDER BY id DESC LIMIT %d OFFSET %d", selectRecord, where, f.PageSize, (f.Page-1)*f.PageSize)
	err := eachRecord(ctx, l.db, q, args, func(r Record) error {
		records = append(records, r)
		return nil
	})
	if err != nil {
		return 0, nil, fmt.Errorf("audit: query events: %w", err)
	}
	return total, records, nil
}

// Each calls fn for every event f selects (ignoring paging), oldest first, reading row by
// row so that an export of millions of events needs no more memory than one.
func (l *Log) Each(ctx context.Context, f Filter, fn func(Record) error) error {
	where, args := f.where()
	if err := eachRecord(ctx, l.db, selectRecord+where+" ORDER BY id", args, fn); err != nil {
		return fmt.Errorf("audit: export events: %w", err)
	}
	return nil
}

// Actions returns the distinct actions in the log, for the console's filter picker.
func (l *Log) Actions(ctx context.Context) ([]string, error) {
	actions := []string{}
	if err := l.db.SelectContext(ctx, &actions, `SELECT DISTINCT action FROM audit_events ORDER BY action`); err != nil {
		return nil, fmt.Errorf("audit: actions: %w", err)
	}
	return actions, nil
}
