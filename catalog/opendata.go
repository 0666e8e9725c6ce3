package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"
)

// Reads for feeds, the sitemap and the bulk export of a body's catalog (open data). They see
// public entries only (published or withdrawn, not withheld) and read in chunks with keyset
// pagination, so an export of a large catalog neither loads it into memory nor holds a
// database connection while a slow client downloads it.

// publicCond is the condition for entries the public sees, on the entry aliased e.
const publicCond = `e.status IN ('published', 'withdrawn') AND e.disclosure_mode <> 'withheld'`

// eachChunk is how many rows one query of EachPublic and EachPublicRef reads (a variable so
// that tests can cross chunk boundaries with a few entries).
var eachChunk = 500

// PublicFilter selects the public entries EachPublic visits.
type PublicFilter struct {
	BodyCode        string // "": every body
	WithDescendants bool
	Column          string // a column code of BodyCode; includes its sub-columns
}

// EachPublic calls fn with each public entry f selects, newest publication first (as the
// directory lists them), until fn returns an error, which EachPublic returns. Entries carry no
// relations.
func (s *Store) EachPublic(ctx context.Context, f PublicFilter, fn func(Entry) error) error {
	w := &where{}
	w.add(publicCond)
	if f.BodyCode != "" {
		ids, err := scope(ctx, s.db, f.BodyCode, f.WithDescendants)
		if err != nil {
			return fmt.Errorf("catalog: public entries: %w", err)
		}
		p := w.arg(pq.Array(ids))
		w.add("e.body_id = ANY(" + p + ")")
		if f.Column != "" {
			w.add(`e.column_id IN (WITH RECURSIVE sub AS (
					SELECT c0.id FROM columns c0 WHERE c0.code = ? AND c0.body_id = ANY(`+p+`)
					UNION ALL SELECT c1.id FROM columns c1 JOIN sub ON c1.parent_id = sub.id)
				SELECT id FROM sub)`, f.Column)
		}
	}
	base := len(w.args)
	var (
		after   *Entry
		lastPub time.Time
	)
	for {
		args := w.args[:base:base]
		query := selectEntry + w.sql()
		if after != nil {
			args = append(args, lastPub, after.ID)
			query += fmt.Sprintf(" AND (e.published_at, e.id) < ($%d, $%d)", base+1, base+2)
		}
		query += fmt.Sprintf(" ORDER BY e.published_at DESC, e.id DESC LIMIT %d", eachChunk)
		es, err := s.selectEntries(ctx, s.db, query, args...)
		if err != nil {
			return fmt.Errorf("catalog: public entries: %w", err)
		}
		for _, e := range es {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(es) < eachChunk {
			return nil
		}
		last := es[len(es)-1]
		after, lastPub = &last, *last.PublishedAt
	}
}

// EntryRef is what a sitemap says of a public entry: where it is and when it last changed.
type EntryRef struct {
	ID       int64     `db:"id"`
	BodyCode string    `db:"body_code"`
	LastMod  time.Time `db:"last_mod"`
}

// CountPublic returns how many public entries there are in all bodies.
func (s *Store) CountPublic(ctx context.Context) (int, error) {
	var n int
	if err := s.db.GetContext(ctx, &n, `SELECT count(*) FROM entries e WHERE `+publicCond); err != nil {
		return 0, fmt.Errorf("catalog: count public entries: %w", err)
	}
	return n, nil
}

// EachPublicRef calls fn with the public entries of every body in id order, skipping the first
// offset and stopping after limit (0: no limit), so that a sitemap can be cut into files of a
// fixed size that do not shift when entries are published (new entries come last).
func (s *Store) EachPublicRef(ctx context.Context, offset, limit int, fn func(EntryRef) error) error {
	var after int64
	if offset > 0 {
		// The id after which the page starts; no row means the page is past the end.
		var ids []int64
		if err := s.db.SelectContext(ctx, &ids, `SELECT e.id FROM entries e WHERE `+publicCond+`
			ORDER BY e.id OFFSET $1 LIMIT 1`, offset-1); err != nil {
			return fmt.Errorf("catalog: public entry references: %w", err)
		}
		if len(ids) == 0 {
			return nil
		}
		after = ids[0]
	}
	seen := 0
	for {
		n := eachChunk
		if limit > 0 {
			n = min(n, limit-seen)
		}
		if n <= 0 {
			return nil
		}
		var refs []EntryRef
		if err := s.db.SelectContext(ctx, &refs, `SELECT e.id, b.code AS body_code,
				greatest(e.updated_at, e.published_at, coalesce(e.withdrawn_at, e.published_at)) AS last_mod
			FROM entries e JOIN bodies b ON b.id = e.body_id
			WHERE `+publicCond+` AND e.id > $1 ORDER BY e.id LIMIT $2`, after, n); err != nil {
			return fmt.Errorf("catalog: public entry references: %w", err)
		}
		for _, r := range refs {
			if err := fn(r); err != nil {
				return err
			}
		}
		seen += len(refs)
		if len(refs) < n {
			return nil
		}
		after = refs[len(refs)-1].ID
	}
}

// ColumnRef is a column as a sitemap lists it.
type ColumnRef struct {
	BodyCode string `db:"body_code"`
	Code     string `db:"code"`
	// LastPublishedAt is the newest publication among the column's own public entries.
	LastPublishedAt *time.Time `db:"last_published_at"`
}

// PublicColumns returns the columns of every body that the directory shows (retired columns
// and those below them left out), body by body in tree order.
func (s *Store) PublicColumns(ctx context.Context) ([]ColumnRef, error) {
	refs := []ColumnRef{}
	err := s.db.SelectContext(ctx, &refs, `WITH RECURSIVE live AS (
			SELECT c.id, c.body_id, c.code FROM columns c WHERE c.parent_id IS NULL AND c.retired_at IS NULL
			UNION ALL
			SELECT c.id, c.body_id, c.code FROM columns c JOIN live l ON c.parent_id = l.id WHERE c.retired_at IS NULL)
		SELECT b.code AS body_code, l.code,
			(SELECT max(e.published_at) FROM entries e
				WHERE e.body_id = l.body_id AND e.column_id = l.id AND `+publicCond+`) AS last_published_at
		FROM live l JOIN bodies b ON b.id = l.body_id
		ORDER BY b.path, l.id`)
	if err != nil {
		return nil, fmt.Errorf("catalog: public columns: %w", err)
	}
	return refs, nil
}
