package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/calendar"
	"xxgk/database"
)

// Errors the store returns (wrapped, with a prefix naming the operation); the HTTP layer maps
// them to status codes.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("already exists")
	// ErrNotAllowed means the operation is not allowed in the object's current state: editing a
	// withdrawn entry, publishing one twice, retiring a standard top column.
	ErrNotAllowed = errors.New("not allowed in this state")
)

// ValidationError maps a field (the JSON field name: title, formed_on, column, ...) to what is
// wrong with it, in Chinese for the interface.
type ValidationError map[string]string

func (v ValidationError) Error() string {
	keys := make([]string, 0, len(v))
	for f := range v {
		keys = append(keys, f)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, f := range keys {
		parts[i] = f + ": " + v[f]
	}
	return "catalog: invalid input: " + strings.Join(parts, "; ")
}

// Store keeps the catalog (columns, entries, their versions and relations) in PostgreSQL.
type Store struct {
	db *sqlx.DB
	// reads runs the public pages' fixed queries prepared (Document, Get, History, Attachments).
	reads *database.Prepared
	cal   *calendar.Calendar
	now   func() time.Time
	// trees caches each body's column tree for CachedTree.
	trees struct {
		sync.Mutex
		m map[string]cachedTree
	}
}

// NewStore returns a store on db that counts working days with cal (a nil cal counts weekends
// only).
func NewStore(db *sqlx.DB, cal *calendar.Calendar) *Store {
	if cal == nil {
		cal = &calendar.Calendar{}
	}
	return &Store{db: db, reads: database.NewPrepared(db), cal: cal, now: time.Now}
}

// SetClock replaces the store's clock, for tests that publish in another year or let a
// valid-until date pass. The clock stamps created, updated, published and withdrawn times and
// decides what "today" is (in China).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// clock returns the current instant, truncated to what PostgreSQL stores.
func (s *Store) clock() time.Time { return s.now().Truncate(time.Microsecond) }

// today is the current date in China by the store's clock.
func (s *Store) today() calendar.Date { return calendar.DateOf(s.now().In(calendar.China)) }

// chinaDate returns the date of t in China.
func chinaDate(t time.Time) calendar.Date { return calendar.DateOf(t.In(calendar.China)) }

// scope returns the ids of the body with code and, with withDescendants, every body below it.
func scope(ctx context.Context, q sqlx.QueryerContext, code string, withDescendants bool) ([]int64, error) {
	var ids []int64
	query := `SELECT id FROM bodies WHERE code = $1`
	if withDescendants {
		query = `SELECT d.id FROM bodies b JOIN bodies d ON d.path LIKE b.path || '%' WHERE b.code = $1 ORDER BY d.path`
	}
	if err := sqlx.SelectContext(ctx, q, &ids, query, code); err != nil {
		return nil, fmt.Errorf("body %s: %w", code, err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("body %s: %w", code, ErrNotFound)
	}
	return ids, nil
}

// bodyRef is what the store needs of a body.
type bodyRef struct {
	ID      int64  `db:"id"`
	Code    string `db:"code"`
	OrgCode string `db:"org_code"`
}

func bodyByCode(ctx context.Context, q sqlx.QueryerContext, code string) (bodyRef, error) {
	var b bodyRef
	err := sqlx.GetContext(ctx, q, &b, `SELECT id, code, org_code FROM bodies WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return bodyRef{}, fmt.Errorf("body %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return bodyRef{}, fmt.Errorf("body %s: %w", code, err)
	}
	return b, nil
}

// enqueue writes a search-outbox row for each entry, in the transaction of the change that the
// public will see.
func enqueue(ctx context.Context, tx *sqlx.Tx, ids ...int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_outbox (entry_id) SELECT unnest($1::bigint[])`, pq.Array(ids)); err != nil {
		return fmt.Errorf("search outbox: %w", err)
	}
	// Delivered at commit, and folded into one per transaction: wakes the indexer at once.
	if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, '')`, OutboxChannel); err != nil {
		return fmt.Errorf("search outbox: notify: %w", err)
	}
	return nil
}

// isUniqueViolation reports whether err is PostgreSQL's unique_violation.
func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505"
}

// where collects the conditions and arguments of a query with optional filters, numbering the
// placeholders as they are added.
type where struct {
	conds []string
	args  []any
}

// add appends cond, in which every "?" is replaced by the next placeholder for the next arg.
func (w *where) add(cond string, args ...any) {
	var b strings.Builder
	i := 0
	for _, r := range cond {
		if r == '?' && i < len(args) {
			w.args = append(w.args, args[i])
			fmt.Fprintf(&b, "$%d", len(w.args))
			i++
			continue
		}
		b.WriteRune(r)
	}
	w.conds = append(w.conds, b.String())
}

// arg appends a and returns its placeholder.
func (w *where) arg(a any) string {
	w.args = append(w.args, a)
	return fmt.Sprintf("$%d", len(w.args))
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
