package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/database"
)

// Column is one column of a body's disclosure section as stored.
type Column struct {
	ID         int64  `db:"id" json:"-"`
	BodyCode   string `db:"body_code" json:"body_code"`
	Code       string `db:"code" json:"code"`
	ParentCode string `db:"parent_code" json:"parent_code,omitempty"`
	Name       string `db:"name" json:"name"`
	NameEN     string `db:"name_en" json:"name_en,omitempty"`
	// Depth is 1 for a top column, 2 for its children, and so on.
	Depth     int            `db:"depth" json:"depth"`
	Art20Item int            `db:"art20_item" json:"art20_item"`
	Freshness FreshnessClass `db:"freshness" json:"freshness"`
	EmptyNote string         `db:"empty_note" json:"empty_note,omitempty"`
	Standard  bool           `db:"standard" json:"standard"`
	Position  int            `db:"position" json:"position"`
	Retired   bool           `db:"retired" json:"retired,omitempty"`
	// Entries counts the public entries (published or withdrawn, not withheld) of the column and
	// its sub-columns, as a column page lists them; LastPublishedAt is the newest of them.
	Entries         int        `db:"entries" json:"entries"`
	LastPublishedAt *time.Time `db:"last_published_at" json:"last_published_at,omitempty"`
	parentID        sql.NullInt64
}

// ColumnInput is what creating or changing a column takes.
type ColumnInput struct {
	// ParentCode is the parent column's code, "" for a top column. UpdateColumn ignores it: a
	// column keeps its place in the tree.
	ParentCode string         `json:"parent_code"`
	Name       string         `json:"name"`
	NameEN     string         `json:"name_en"`
	Art20Item  int            `json:"art20_item"` // 0: the parent's item
	Freshness  FreshnessClass `json:"freshness"`  // "": the parent's class (none at the top)
	EmptyNote  string         `json:"empty_note"`
}

// CreateStandardColumnsTx inserts the standard column tree (StandardColumns) for the body with
// bodyID inside tx. It is idempotent: columns the body already has (by code) are left alone,
// so running it again only adds columns a newer template introduced.
func CreateStandardColumnsTx(ctx context.Context, tx *sqlx.Tx, bodyID int64) error {
	_, err := createStandardColumns(ctx, tx, bodyID)
	return err
}

func createStandardColumns(ctx context.Context, tx *sqlx.Tx, bodyID int64) (int, error) {
	positions := map[string]int{}
	added := 0
	for _, t := range StandardColumns() {
		pos := positions[t.Parent]
		positions[t.Parent]++
		res, err := tx.ExecContext(ctx, `INSERT INTO columns
			(body_id, code, parent_id, name, name_en, art20_item, freshness, empty_note, standard, position)
			VALUES ($1, $2, (SELECT id FROM columns WHERE body_id = $1 AND code = $3), $4, $5, $6, $7, $8, true, $9)
			ON CONFLICT (body_id, code) DO NOTHING`,
			bodyID, t.Code, t.Parent, t.Name, t.NameEN, t.Art20Item, string(t.Freshness), t.EmptyNote, pos)
		if err != nil {
			return added, fmt.Errorf("catalog: standard column %s for body %d: %w", t.Code, bodyID, err)
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	return added, nil
}

// EnsureStandardColumns gives every body the standard columns it lacks (bodies created before
// the catalog existed have none). serve and seed call it at start; it is idempotent and records
// an audit event (by audit.System) for each body it changed.
func (s *Store) EnsureStandardColumns(ctx context.Context) error {
	var bodies []bodyRef
	if err := s.db.SelectContext(ctx, &bodies, `SELECT id, code, org_code FROM bodies ORDER BY id`); err != nil {
		return fmt.Errorf("catalog: ensure standard columns: %w", err)
	}
	for _, b := range bodies {
		err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
			n, err := createStandardColumns(ctx, tx, b.ID)
			if err != nil || n == 0 {
				return err
			}
			return audit.Append(ctx, tx, audit.System, audit.Event{Action: "column.standard", Target: "body:" + b.Code,
				Body: b.Code, Changes: map[string]int{"added": n}})
		})
		if err != nil {
			return fmt.Errorf("catalog: ensure standard columns of %s: %w", b.Code, err)
		}
	}
	return nil
}

// columnTreeSQL lists a body's columns in display order (each after its parent, siblings by
// position), with depth and the public-entry statistics of each column's subtree. $1 is the
// body code. Every join names the body as well as the column, so that the walk and the
// statistics read the body's rows by index (columns_body, entries_public_column) rather than
// every body's columns and entries; each column is counted once and its figures then added
// to its ancestors'.
const columnTreeSQL = `WITH RECURSIVE tree AS (
		SELECT c.id, c.body_id, c.parent_id, 1 AS depth, ARRAY[c.position, c.id] AS sort, ARRAY[c.id] AS ancestors
		FROM columns c JOIN bodies b ON b.id = c.body_id
		WHERE b.code = $1 AND c.parent_id IS NULL
	UNION ALL
		SELECT c.id, c.body_id, c.parent_id, t.depth + 1, t.sort || ARRAY[c.position, c.id], t.ancestors || c.id
		FROM columns c JOIN tree t ON c.body_id = t.body_id AND c.parent_id = t.id
	), stats AS (
		SELECT a.id, sum(pc.n)::bigint AS entries, max(pc.last) AS last_published_at
		FROM tree t CROSS JOIN LATERAL (SELECT count(*) AS n, max(e.published_at) AS last FROM entries e
				WHERE e.body_id = t.body_id AND e.column_id = t.id
					AND e.status IN ('published', 'withdrawn') AND e.disclosure_mode <> 'withheld') pc
			CROSS JOIN LATERAL unnest(t.ancestors) AS a(id)
		WHERE pc.n > 0
		GROUP BY a.id
	)
	SELECT c.id, $1 AS body_code, c.code, coalesce(p.code, '') AS parent_code, c.name, c.name_en,
		t.depth, c.art20_item, c.freshness, c.empty_note, c.standard, c.position,
		c.retired_at IS NOT NULL AS retired, coalesce(st.entries, 0) AS entries, st.last_published_at,
		c.parent_id
	FROM tree t JOIN columns c ON c.id = t.id LEFT JOIN columns p ON p.id = c.parent_id
		LEFT JOIN stats st ON st.id = c.id
	ORDER BY t.sort`

type columnRow struct {
	Column
	ParentID sql.NullInt64 `db:"parent_id"`
}

// allColumns returns every column of the body, retired ones included, in display order.
func allColumns(ctx context.Context, q sqlx.QueryerContext, bodyCode string) ([]Column, error) {
	var rows []columnRow
	if err := sqlx.SelectContext(ctx, q, &rows, columnTreeSQL, bodyCode); err != nil {
		return nil, err
	}
	cols := make([]Column, len(rows))
	for i, r := range rows {
		cols[i] = r.Column
		cols[i].parentID = r.ParentID
	}
	return cols, nil
}

// Tree is a body's whole column tree, retired columns included, in display order, as it was
// read at one moment (Store.Tree, Store.CachedTree).
type Tree struct{ all []Column }

// Visible is the tree as the directory shows it: each column after its parent, siblings by
// position, retired columns and everything below them left out.
func (t Tree) Visible() []Column {
	hidden := map[int64]bool{}
	cols := make([]Column, 0, len(t.all))
	for _, c := range t.all {
		if c.Retired || (c.parentID.Valid && hidden[c.parentID.Int64]) {
			hidden[c.ID] = true
			continue
		}
		cols = append(cols, c)
	}
	return cols
}

// Column returns the column with code, retired or not.
func (t Tree) Column(code string) (Column, bool) {
	for _, c := range t.all {
		if c.Code == code {
			return c, true
		}
	}
	return Column{}, false
}

// Subtree returns the ids of the column with code and of every column below it, retired ones
// included: the columns whose entries a column page lists (ListFilter.ColumnIDs).
func (t Tree) Subtree(code string) []int64 {
	var ids []int64
	in := map[int64]bool{}
	for _, c := range t.all { // display order: a parent before its children
		if c.Code == code || (c.parentID.Valid && in[c.parentID.Int64]) {
			in[c.ID] = true
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// Tree reads the body's column tree with each column's public-entry figures.
func (s *Store) Tree(ctx context.Context, bodyCode string) (Tree, error) {
	all, err := allColumns(ctx, s.reads, bodyCode)
	if err != nil {
		return Tree{}, fmt.Errorf("catalog: columns of %s: %w", bodyCode, err)
	}
	if len(all) == 0 {
		// Every body has the standard columns: none at all may mean no such body.
		if _, err := bodyByCode(ctx, s.reads, bodyCode); err != nil {
			return Tree{}, fmt.Errorf("catalog: columns: %w", err)
		}
	}
	return Tree{all: all}, nil
}

// TreeMaxAge is how old the tree CachedTree returns may be.
const TreeMaxAge = 10 * time.Second

// cachedTree is one body's tree in the store's cache.
type cachedTree struct {
	tree Tree
	at   time.Time
}

// CachedTree returns the body's tree as Tree does, from a copy at most TreeMaxAge old: the
// public pages show the tree with its counts on every page, and counting each column's
// entries costs more than the rest of the page. Column changes through this store drop the
// body's copy at once; changes made elsewhere (entries published on another instance, the
// counts) show within TreeMaxAge. Pages for signed-in officers call Tree, which is never cached.
func (s *Store) CachedTree(ctx context.Context, bodyCode string) (Tree, error) {
	now := time.Now()
	s.trees.Lock()
	c, ok := s.trees.m[bodyCode]
	s.trees.Unlock()
	if ok && now.Sub(c.at) < TreeMaxAge {
		return c.tree, nil
	}
	t, err := s.Tree(ctx, bodyCode)
	if err != nil {
		return Tree{}, err
	}
	s.trees.Lock()
	if s.trees.m == nil {
		s.trees.m = map[string]cachedTree{}
	}
	s.trees.m[bodyCode] = cachedTree{tree: t, at: now}
	s.trees.Unlock()
	return t, nil
}

// forgetTree drops the cached tree of the body whose columns just changed.
func (s *Store) forgetTree(bodyCode string) {
	s.trees.Lock()
	delete(s.trees.m, bodyCode)
	s.trees.Unlock()
}

// Columns returns the body's column tree as a flat list in display order: each column after
// its parent, siblings by position. Retired columns (and anything below them) are left out.
func (s *Store) Columns(ctx context.Context, bodyCode string) ([]Column, error) {
	t, err := s.Tree(ctx, bodyCode)
	if err != nil {
		return nil, err
	}
	return t.Visible(), nil
}

// Column returns the body's column with code, retired or not.
func (s *Store) Column(ctx context.Context, bodyCode, code string) (Column, error) {
	return column(ctx, s.db, bodyCode, code)
}

func column(ctx context.Context, q sqlx.QueryerContext, bodyCode, code string) (Column, error) {
	all, err := allColumns(ctx, q, bodyCode)
	if err != nil {
		return Column{}, fmt.Errorf("catalog: column %s/%s: %w", bodyCode, code, err)
	}
	if c, ok := (Tree{all: all}).Column(code); ok {
		return c, nil
	}
	return Column{}, fmt.Errorf("catalog: column %s/%s: %w", bodyCode, code, ErrNotFound)
}

// validateColumn checks and trims in; parent is the column's parent, if any.
func validateColumn(in *ColumnInput, parent *Column) ValidationError {
	problems := ValidationError{}
	in.Name = strings.TrimSpace(in.Name)
	in.NameEN = strings.TrimSpace(in.NameEN)
	in.EmptyNote = strings.TrimSpace(in.EmptyNote)
	if n := len([]rune(in.Name)); n < 1 || n > 60 {
		problems["name"] = "栏目名称应为 1 至 60 个字符"
	}
	if in.Art20Item < 0 || in.Art20Item > 15 {
		problems["art20_item"] = "条例第二十条事项应为 1 至 15（0 表示不对应）"
	}
	if in.Art20Item == 0 && parent != nil {
		in.Art20Item = parent.Art20Item
	}
	if in.Freshness == "" {
		in.Freshness = FreshnessNone
		if parent != nil {
			in.Freshness = parent.Freshness
		}
	}
	if !in.Freshness.Valid() {
		problems["freshness"] = "更新要求应为 news、policy 或 none"
	}
	if len([]rune(in.EmptyNote)) > 500 {
		problems["empty_note"] = "无内容说明最长 500 个字符"
	}
	return problems
}

// CreateColumn adds a column to the body's tree, as the last child of in.ParentCode (or as the
// last top column). Its code is "c-<n>", the next free number in the body.
func (s *Store) CreateColumn(ctx context.Context, actor audit.Actor, bodyCode string, in ColumnInput) (Column, error) {
	defer s.forgetTree(bodyCode)
	var created Column
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		// Locking the body serialises column creation in it, so two officers adding columns at
		// once get different codes and positions.
		var b bodyRef
		err := tx.GetContext(ctx, &b, `SELECT id, code, org_code FROM bodies WHERE code = $1 FOR UPDATE`, bodyCode)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("body %s: %w", bodyCode, ErrNotFound)
		}
		if err != nil {
			return err
		}
		var parent *Column
		in.ParentCode = strings.TrimSpace(in.ParentCode)
		if in.ParentCode != "" {
			p, err := column(ctx, tx, bodyCode, in.ParentCode)
			if errors.Is(err, ErrNotFound) || (err == nil && p.Retired) {
				return ValidationError{"parent_code": "上级栏目不存在或已停用：" + in.ParentCode}
			}
			if err != nil {
				return err
			}
			parent = &p
		}
		if problems := validateColumn(&in, parent); len(problems) > 0 {
			return problems
		}
		var n int
		if err := tx.GetContext(ctx, &n, `SELECT coalesce(max(substring(code FROM 3)::int), 0) + 1
			FROM columns WHERE body_id = $1 AND code ~ '^c-[0-9]{1,9}$'`, b.ID); err != nil {
			return err
		}
		code := fmt.Sprintf("c-%d", n)
		var parentID *int64
		if parent != nil {
			parentID = &parent.ID
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO columns
			(body_id, code, parent_id, name, name_en, art20_item, freshness, empty_note, position, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
				(SELECT coalesce(max(position) + 1, 0) FROM columns WHERE body_id = $1 AND parent_id IS NOT DISTINCT FROM $3), $9)`,
			b.ID, code, parentID, in.Name, in.NameEN, in.Art20Item, string(in.Freshness), in.EmptyNote, s.clock())
		if err != nil {
			return err
		}
		if err := audit.Append(ctx, tx, actor, audit.Event{Action: "column.create", Target: "column:" + bodyCode + "/" + code,
			Body: bodyCode, Changes: in}); err != nil {
			return err
		}
		created, err = column(ctx, tx, bodyCode, code)
		return err
	})
	if err != nil {
		return Column{}, wrapColumnErr("create column in "+bodyCode, err)
	}
	return created, nil
}

// UpdateColumn changes a column's names, Art. 20 item, freshness class and empty note. A
// standard column keeps its Art. 20 item (0 in the input keeps it too), because reports count
// items by it.
func (s *Store) UpdateColumn(ctx context.Context, actor audit.Actor, bodyCode, code string, in ColumnInput) (Column, error) {
	defer s.forgetTree(bodyCode)
	var updated Column
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		cur, err := lockColumn(ctx, tx, bodyCode, code)
		if err != nil {
			return err
		}
		if cur.Retired {
			return fmt.Errorf("column is retired: %w", ErrNotAllowed)
		}
		var parent *Column
		if cur.ParentCode != "" {
			p, err := column(ctx, tx, bodyCode, cur.ParentCode)
			if err != nil {
				return err
			}
			parent = &p
		}
		if cur.Standard {
			if in.Art20Item != 0 && in.Art20Item != cur.Art20Item {
				return ValidationError{"art20_item": "标准栏目对应的条例第二十条事项不能更改"}
			}
			in.Art20Item = cur.Art20Item
		}
		if in.Freshness == "" {
			in.Freshness = cur.Freshness
		}
		if problems := validateColumn(&in, parent); len(problems) > 0 {
			return problems
		}
		changes := map[string]change{}
		diffField(changes, "name", cur.Name, in.Name)
		diffField(changes, "name_en", cur.NameEN, in.NameEN)
		diffField(changes, "art20_item", cur.Art20Item, in.Art20Item)
		diffField(changes, "freshness", cur.Freshness, in.Freshness)
		diffField(changes, "empty_note", cur.EmptyNote, in.EmptyNote)
		if len(changes) == 0 {
			updated = cur
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE columns SET name = $2, name_en = $3, art20_item = $4, freshness = $5,
			empty_note = $6 WHERE id = $1`, cur.ID, in.Name, in.NameEN, in.Art20Item, string(in.Freshness), in.EmptyNote); err != nil {
			return err
		}
		if err := audit.Append(ctx, tx, actor, audit.Event{Action: "column.update", Target: "column:" + bodyCode + "/" + code,
			Body: bodyCode, Changes: changes}); err != nil {
			return err
		}
		updated, err = column(ctx, tx, bodyCode, code)
		return err
	})
	if err != nil {
		return Column{}, wrapColumnErr("update column "+bodyCode+"/"+code, err)
	}
	return updated, nil
}

// MoveColumn puts a column at position (0 first) among its siblings that are not retired,
// renumbering them; a position past the end moves it to the end.
func (s *Store) MoveColumn(ctx context.Context, actor audit.Actor, bodyCode, code string, position int) error {
	defer s.forgetTree(bodyCode)
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		cur, err := lockColumn(ctx, tx, bodyCode, code)
		if err != nil {
			return err
		}
		if cur.Retired {
			return fmt.Errorf("column is retired: %w", ErrNotAllowed)
		}
		var siblings []int64
		if err := tx.SelectContext(ctx, &siblings, `SELECT id FROM columns
			WHERE body_id = (SELECT body_id FROM columns WHERE id = $1) AND parent_id IS NOT DISTINCT FROM $2
				AND retired_at IS NULL AND id <> $1
			ORDER BY position, id FOR UPDATE`, cur.ID, cur.parentID); err != nil {
			return err
		}
		position = max(0, min(position, len(siblings)))
		order := make([]int64, 0, len(siblings)+1)
		order = append(order, siblings[:position]...)
		order = append(order, cur.ID)
		order = append(order, siblings[position:]...)
		for i, id := range order {
			if _, err := tx.ExecContext(ctx, `UPDATE columns SET position = $2 WHERE id = $1`, id, i); err != nil {
				return err
			}
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "column.move", Target: "column:" + bodyCode + "/" + code,
			Body: bodyCode, Changes: map[string]change{"position": {Before: cur.Position, After: position}}})
	})
	return wrapColumnErr("move column "+bodyCode+"/"+code, err)
}

// RetireColumn hides a column from the tree and closes it to new entries; its entries stay
// published and readable. Standard top columns cannot be retired, nor a column that still has
// sub-columns in use. Retiring a retired column does nothing.
func (s *Store) RetireColumn(ctx context.Context, actor audit.Actor, bodyCode, code string) error {
	defer s.forgetTree(bodyCode)
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		cur, err := lockColumn(ctx, tx, bodyCode, code)
		if err != nil {
			return err
		}
		if cur.Retired {
			return nil
		}
		if cur.Standard && cur.ParentCode == "" {
			return fmt.Errorf("standard top column: %w", ErrNotAllowed)
		}
		var children int
		if err := tx.GetContext(ctx, &children, `SELECT count(*) FROM columns WHERE parent_id = $1 AND retired_at IS NULL`, cur.ID); err != nil {
			return err
		}
		if children > 0 {
			return fmt.Errorf("column has %d sub-columns in use: %w", children, ErrNotAllowed)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE columns SET retired_at = $2 WHERE id = $1`, cur.ID, s.clock()); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "column.retire", Target: "column:" + bodyCode + "/" + code,
			Body: bodyCode, Changes: map[string]change{"retired": {Before: false, After: true}}})
	})
	return wrapColumnErr("retire column "+bodyCode+"/"+code, err)
}

// lockColumn reads a column and locks its row for the rest of tx.
func lockColumn(ctx context.Context, tx *sqlx.Tx, bodyCode, code string) (Column, error) {
	c, err := column(ctx, tx, bodyCode, code)
	if err != nil {
		return Column{}, err
	}
	if _, err := tx.ExecContext(ctx, `SELECT 1 FROM columns WHERE id = $1 FOR UPDATE`, c.ID); err != nil {
		return Column{}, err
	}
	return c, nil
}

func wrapColumnErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var v ValidationError
	if errors.As(err, &v) {
		return v
	}
	if isUniqueViolation(err) {
		return fmt.Errorf("catalog: %s: %w", op, ErrConflict)
	}
	return fmt.Errorf("catalog: %s: %w", op, err)
}
