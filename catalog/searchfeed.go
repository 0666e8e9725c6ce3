package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// What the search index needs from the catalog: the public entries (PostgreSQL is the source of
// truth; the index is derived and can always be rebuilt), the outbox of changes the indexer
// drains, and a plain-SQL search for when Meilisearch is down. Package search turns these into
// its documents; this package knows nothing of Meilisearch.

// Indexable is a public entry as the search index needs it.
type Indexable struct {
	Entry
	// BodyCodes is the entry's body and all its ancestors, so a portal can search "this
	// government and everything under it".
	BodyCodes []string
	// AttachmentText is the extracted text of the entry's current attachments.
	AttachmentText string
}

// indexedSQL selects the entries the index holds: published and not withheld. Withdrawn entries
// stay on the portal, marked withdrawn, but leave the search index.
const indexedSQL = `e.status = 'published' AND e.disclosure_mode <> 'withheld'`

// indexables loads the indexed entries among ids; ids that are not (or no longer) indexed are
// absent from the map.
func (s *Store) indexables(ctx context.Context, q sqlx.QueryerContext, ids []int64) (map[int64]Indexable, error) {
	out := make(map[int64]Indexable, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	es, err := s.selectEntries(ctx, q, selectEntry+` WHERE e.id = ANY($1) AND `+indexedSQL, pq.Array(ids))
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return out, nil
	}
	ancestors, err := bodyAncestors(ctx, q)
	if err != nil {
		return nil, err
	}
	texts := map[int64]string{}
	rows, err := q.QueryContext(ctx, `SELECT entry_id, string_agg(text, E'\n' ORDER BY position, id)
		FROM attachments WHERE entry_id = ANY($1) AND removed_at IS NULL AND text <> '' GROUP BY entry_id`, pq.Array(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, err
		}
		texts[id] = text
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, e := range es {
		out[e.ID] = Indexable{Entry: e, BodyCodes: ancestors[e.BodyCode], AttachmentText: texts[e.ID]}
	}
	return out, nil
}

// bodyAncestors maps every body code to itself and its ancestors' codes, nearest first. There
// are a few hundred bodies at most, so one query per batch beats a join per entry.
func bodyAncestors(ctx context.Context, q sqlx.QueryerContext) (map[string][]string, error) {
	var bs []struct {
		ID   int64  `db:"id"`
		Code string `db:"code"`
		Path string `db:"path"`
	}
	if err := sqlx.SelectContext(ctx, q, &bs, `SELECT id, code, path FROM bodies`); err != nil {
		return nil, err
	}
	byID := make(map[string]string, len(bs))
	for _, b := range bs {
		byID[fmt.Sprint(b.ID)] = b.Code
	}
	out := make(map[string][]string, len(bs))
	for _, b := range bs {
		parts := strings.Split(strings.Trim(b.Path, "/"), "/")
		codes := []string{b.Code}
		for i := len(parts) - 1; i >= 0; i-- {
			if c, ok := byID[parts[i]]; ok && c != b.Code {
				codes = append(codes, c)
			}
		}
		out[b.Code] = codes
	}
	return out, nil
}

// EachIndexable calls fn with every indexed entry, in batches of about size, in id order: what
// a full reindex reads.
func (s *Store) EachIndexable(ctx context.Context, size int, fn func([]Indexable) error) error {
	if size <= 0 {
		size = 1000
	}
	var after int64
	for {
		var ids []int64
		err := s.db.SelectContext(ctx, &ids, `SELECT e.id FROM entries e WHERE e.id > $1 AND `+indexedSQL+`
			ORDER BY e.id LIMIT $2`, after, size)
		if err != nil {
			return fmt.Errorf("catalog: indexable entries: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}
		m, err := s.indexables(ctx, s.db, ids)
		if err != nil {
			return fmt.Errorf("catalog: indexable entries: %w", err)
		}
		batch := make([]Indexable, 0, len(ids))
		for _, id := range ids {
			if x, ok := m[id]; ok {
				batch = append(batch, x)
			}
		}
		if err := fn(batch); err != nil {
			return err
		}
		after = ids[len(ids)-1]
	}
}

// CountIndexable returns how many entries the index should hold.
func (s *Store) CountIndexable(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM entries e WHERE `+indexedSQL)
	if err != nil {
		return 0, fmt.Errorf("catalog: count indexable entries: %w", err)
	}
	return n, nil
}

// OutboxChannel is the PostgreSQL notification channel a commit with outbox rows notifies.
const OutboxChannel = "xxgk_search_outbox"

// outboxLock is the advisory lock that makes one process at a time drain the outbox (and that
// a full reindex holds for its whole run, so that nothing is applied to the index it is about to
// replace). Meilisearch applies writes one task at a time anyway, and a single drainer keeps the
// order of an entry's changes.
const outboxLock = 0x6f757462 // "outb"

// ErrOutboxEmpty is returned by ClaimOutbox when there is nothing to claim, or another process
// holds the outbox.
var ErrOutboxEmpty = errors.New("catalog: search outbox empty")

// OutboxItem is one claimed outbox row with the entry's current state.
type OutboxItem struct {
	EntryID    int64
	EnqueuedAt time.Time
	// Doc is the entry as it is now, or nil when it is no longer indexed (withdrawn, withheld,
	// back to draft): the index must drop it.
	Doc *Indexable
}

// OutboxClaim is a batch of claimed outbox rows. The rows stay locked in a transaction until
// Done deletes them or Release gives them back.
type OutboxClaim struct {
	tx    *sqlx.Tx
	ids   []int64
	Items []OutboxItem
}

// ClaimOutbox claims up to limit outbox rows, oldest first, and reads the current state of their
// entries. It returns ErrOutboxEmpty when there are none or another process is draining.
func (s *Store) ClaimOutbox(ctx context.Context, limit int) (*OutboxClaim, error) {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("catalog: claim outbox: %w", err)
	}
	c, err := s.claim(ctx, tx, limit)
	if err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return c, nil
}

func (s *Store) claim(ctx context.Context, tx *sqlx.Tx, limit int) (*OutboxClaim, error) {
	var locked bool
	if err := tx.GetContext(ctx, &locked, `SELECT pg_try_advisory_xact_lock($1)`, outboxLock); err != nil {
		return nil, fmt.Errorf("catalog: claim outbox: %w", err)
	}
	if !locked {
		return nil, ErrOutboxEmpty
	}
	var rows []struct {
		ID         int64     `db:"id"`
		EntryID    int64     `db:"entry_id"`
		EnqueuedAt time.Time `db:"enqueued_at"`
	}
	if err := tx.SelectContext(ctx, &rows, `SELECT id, entry_id, enqueued_at FROM search_outbox
		ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, limit); err != nil {
		return nil, fmt.Errorf("catalog: claim outbox: %w", err)
	}
	if len(rows) == 0 {
		return nil, ErrOutboxEmpty
	}
	ids := make([]int64, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.EntryID)
	}
	docs, err := s.indexables(ctx, tx, ids)
	if err != nil {
		return nil, fmt.Errorf("catalog: claim outbox: %w", err)
	}
	c := &OutboxClaim{tx: tx}
	for _, r := range rows {
		c.ids = append(c.ids, r.ID)
		item := OutboxItem{EntryID: r.EntryID, EnqueuedAt: r.EnqueuedAt}
		if d, ok := docs[r.EntryID]; ok {
			item.Doc = &d
		}
		c.Items = append(c.Items, item)
	}
	return c, nil
}

// Done deletes the claimed rows: their changes are in the index.
func (c *OutboxClaim) Done(ctx context.Context) error {
	if _, err := c.tx.ExecContext(ctx, `DELETE FROM search_outbox WHERE id = ANY($1)`, pq.Array(c.ids)); err != nil {
		_ = c.tx.Rollback()
		return fmt.Errorf("catalog: outbox done: %w", err)
	}
	if err := c.tx.Commit(); err != nil {
		return fmt.Errorf("catalog: outbox done: %w", err)
	}
	return nil
}

// Release gives the claimed rows back; they will be claimed again.
func (c *OutboxClaim) Release(context.Context) error {
	if err := c.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return fmt.Errorf("catalog: outbox release: %w", err)
	}
	return nil
}

// OutboxBacklog returns how many changes wait for the index and the age of the oldest: what
// /readyz and the metrics report while Meilisearch is away.
func (s *Store) OutboxBacklog(ctx context.Context) (int64, time.Duration, error) {
	var r struct {
		N      int64        `db:"n"`
		Oldest sql.NullTime `db:"oldest"`
		Now    time.Time    `db:"now"`
	}
	if err := s.db.GetContext(ctx, &r, `SELECT count(*) AS n, min(enqueued_at) AS oldest, now() AS now FROM search_outbox`); err != nil {
		return 0, 0, fmt.Errorf("catalog: outbox backlog: %w", err)
	}
	if !r.Oldest.Valid {
		return r.N, 0, nil
	}
	return r.N, r.Now.Sub(r.Oldest.Time), nil
}

// HoldOutbox takes the outbox lock for as long as the returned release function is not called,
// waiting for a running drain to finish first. A full reindex holds it so that changes made
// while it copies stay in the outbox and are applied to the new index after the swap.
func (s *Store) HoldOutbox(ctx context.Context) (release func() error, err error) {
	conn, err := s.db.Connx(ctx)
	if err != nil {
		return nil, fmt.Errorf("catalog: hold outbox: %w", err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, outboxLock); err != nil {
		conn.Close()
		return nil, fmt.Errorf("catalog: hold outbox: %w", err)
	}
	return func() error {
		_, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, outboxLock)
		if cerr := conn.Close(); err == nil {
			err = cerr
		}
		return err
	}, nil
}

// FallbackQuery is a search answered by PostgreSQL when Meilisearch is unavailable: plain
// substring matching (served by the trigram indexes), no ranking beyond trigram similarity.
type FallbackQuery struct {
	Q        string
	Under    string // a body code: that body and everything below it
	Bodies   []string
	Column   string
	Kind     Kind
	Validity Validity
	Subject  string
	Year     int
	SortDate bool // by publication date instead of by similarity
	Oldest   bool // with SortDate: oldest first
	Page     int
	PageSize int
}

// SearchFallback answers q from PostgreSQL: every word of q must occur in the title, summary,
// English title or summary or document number (in any written form), or q is the exact index
// number. It returns the total and one page of entries.
func (s *Store) SearchFallback(ctx context.Context, q FallbackQuery) (int, []Entry, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PageSize < 1 {
		q.PageSize = 20
	}
	w := &where{}
	w.add(indexedSQL)
	if q.Under != "" {
		ids, err := scope(ctx, s.db, q.Under, true)
		if err != nil {
			return 0, nil, fmt.Errorf("catalog: fallback search: %w", err)
		}
		w.add("e.body_id = ANY(?)", pq.Array(ids))
	}
	if len(q.Bodies) > 0 {
		w.add("b.code = ANY(?)", pq.Array(q.Bodies))
	}
	if q.Column != "" {
		w.add("c.code = ?", q.Column)
	}
	if q.Kind != "" {
		w.add("e.kind = ?", string(q.Kind))
	}
	if q.Validity != "" {
		w.add(validitySQL("e", w.arg(s.today()))+" = ?", string(q.Validity))
	}
	if q.Subject != "" {
		w.add("e.subject = ?", q.Subject)
	}
	if q.Year != 0 {
		w.add(`extract(year FROM (e.published_at AT TIME ZONE INTERVAL '+08:00')) = ?`, q.Year)
	}
	text := strings.TrimSpace(q.Q)
	order := "e.published_at DESC, e.id DESC"
	if q.SortDate && q.Oldest {
		order = "e.published_at, e.id"
	}
	if text != "" {
		var terms []string
		for _, t := range strings.Fields(text) {
			pat := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t) + "%"
			terms = append(terms, fmt.Sprintf("(e.title ILIKE %[1]s OR e.summary ILIKE %[1]s OR e.doc_no ILIKE %[1]s"+
				" OR e.title_en ILIKE %[1]s OR e.summary_en ILIKE %[1]s)", w.arg(pat)))
		}
		match := strings.Join(terms, " AND ")
		if key := DocNoKey(text); key != "" {
			match = "(" + match + " OR e.doc_no_norm = " + w.arg(key) + ")"
		}
		match = "(" + match + " OR e.index_no = " + w.arg(strings.ToUpper(text)) + ")"
		w.add(match)
	}
	countArgs := w.args
	if text != "" && !q.SortDate && utf8.RuneCountInString(text) >= 2 {
		// The ranking argument comes last, so the count can leave it out.
		order = "similarity(e.title, " + w.arg(text) + ") DESC, " + order
	}
	var total int
	if err := s.db.GetContext(ctx, &total, `SELECT count(*) FROM entries e JOIN bodies b ON b.id = e.body_id
		JOIN columns c ON c.id = e.column_id`+w.sql(), countArgs...); err != nil {
		return 0, nil, fmt.Errorf("catalog: fallback search: %w", err)
	}
	query := selectEntry + w.sql() + fmt.Sprintf(" ORDER BY %s LIMIT %d OFFSET %d", order, q.PageSize, (q.Page-1)*q.PageSize)
	es, err := s.selectEntries(ctx, s.db, query, w.args...)
	if err != nil {
		return 0, nil, fmt.Errorf("catalog: fallback search: %w", err)
	}
	return total, es, nil
}
