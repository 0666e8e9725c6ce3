package bodies

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/catalog"
	"xxgk/database"
)

// Errors the store returns; the HTTP layer maps them to status codes.
var (
	ErrNotFound = errors.New("body not found")
	ErrConflict = errors.New("body already exists")
)

// ValidationError maps a field to what is wrong with it, in Chinese for the interface; the
// English text is in the message catalogue under the same problem key.
type ValidationError map[string]string

func (v ValidationError) Error() string {
	parts := make([]string, 0, len(v))
	for f, p := range v {
		parts = append(parts, f+": "+p)
	}
	return "invalid body: " + strings.Join(parts, "; ")
}

// Kinds and levels of bodies.
const (
	KindGovernment = "government"
	KindDepartment = "department"
)

// Levels from the top of the tree down.
var Levels = []string{"province", "city", "county", "township"}

// Office is a body's disclosure office (政府信息公开工作机构): its guide shows these contacts.
type Office struct {
	Name     string `db:"office_name" json:"name"`
	Address  string `db:"office_address" json:"address"`
	Hours    string `db:"office_hours" json:"hours"`
	Phone    string `db:"office_phone" json:"phone"`
	Email    string `db:"office_email" json:"email"`
	Postcode string `db:"office_postcode" json:"postcode"`
}

// Body is a government or a government department.
type Body struct {
	ID         int64  `db:"id" json:"-"`
	Code       string `db:"code" json:"code"`
	Name       string `db:"name" json:"name"`
	NameEN     string `db:"name_en" json:"name_en,omitempty"`
	OrgCode    string `db:"org_code" json:"org_code"`
	Kind       string `db:"kind" json:"kind"`
	Level      string `db:"level" json:"level"`
	ParentCode string `db:"parent_code" json:"parent,omitempty"`
	Path       string `db:"path" json:"-"`
	// Position orders a body among its siblings.
	Position int `db:"position" json:"-"`
	Office   `json:"office"`
}

// DisplayName is the name in lang ("zh" or "en"), falling back to Chinese.
func (b Body) DisplayName(lang string) string {
	if lang == "en" && b.NameEN != "" {
		return b.NameEN
	}
	return b.Name
}

// NewBody is what creating a body takes: from the CLI, the API and the demo alike.
type NewBody struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	NameEN  string `json:"name_en"`
	OrgCode string `json:"org_code"`
	Kind    string `json:"kind"`  // empty: a name ending in 人民政府 is a government
	Level   string `json:"level"` // empty: derived from the parent
	Parent  string `json:"parent"`
	Office  Office `json:"office"`
}

var codePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// Store keeps bodies in PostgreSQL.
type Store struct{ db *sqlx.DB }

// NewStore returns a store on db.
func NewStore(db *sqlx.DB) *Store { return &Store{db: db} }

const selectBody = `SELECT b.id, b.code, b.name, b.name_en, b.org_code, b.kind, b.level, b.path, b.position,
	coalesce(p.code, '') AS parent_code, b.office_name, b.office_address, b.office_hours,
	b.office_phone, b.office_email, b.office_postcode
	FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id`

// Create validates nb and stores it, with an audit event, in one transaction.
func (s *Store) Create(ctx context.Context, actor audit.Actor, nb NewBody) (Body, error) {
	var created Body
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		var err error
		created, err = CreateTx(ctx, tx, actor, nb)
		return err
	})
	return created, err
}

// CreateTx is Create inside the caller's transaction (the demo loads a whole tree in one).
func CreateTx(ctx context.Context, tx *sqlx.Tx, actor audit.Actor, nb NewBody) (Body, error) {
	nb.Code = strings.TrimSpace(nb.Code)
	nb.Name = strings.TrimSpace(nb.Name)
	nb.OrgCode = NormalizeOrgCode(nb.OrgCode)
	problems := ValidationError{}
	if !codePattern.MatchString(nb.Code) {
		problems["code"] = "代码只能包含小写字母、数字、连字符和下划线，最长 64 个字符"
	}
	if n := len([]rune(nb.Name)); n < 2 || n > 100 {
		problems["name"] = "名称应为 2 至 100 个字符"
	}
	if err := ValidateOrgCode(nb.OrgCode); err != nil {
		problems["org_code"] = "组织机构代码或统一社会信用代码无效（" + strings.TrimPrefix(err.Error(), "bodies: ") + "）"
	}
	if nb.Kind == "" {
		nb.Kind = KindDepartment
		if strings.HasSuffix(nb.Name, "人民政府") {
			nb.Kind = KindGovernment
		}
	}
	if nb.Kind != KindGovernment && nb.Kind != KindDepartment {
		problems["kind"] = "类型应为 government 或 department"
	}
	var parent *Body
	if nb.Parent != "" {
		p, err := get(ctx, tx, nb.Parent)
		if errors.Is(err, ErrNotFound) {
			problems["parent"] = "上级机关不存在：" + nb.Parent
		} else if err != nil {
			return Body{}, err
		} else {
			parent = &p
		}
	}
	if nb.Level == "" {
		nb.Level = childLevel(parent, nb.Kind)
	}
	if !contains(Levels, nb.Level) {
		problems["level"] = "层级应为 province、city、county 或 township"
	}
	if len(problems) > 0 {
		return Body{}, problems
	}
	var parentID *int64
	if parent != nil {
		parentID = &parent.ID
	}
	var id int64
	err := tx.GetContext(ctx, &id, `INSERT INTO bodies (code, name, name_en, org_code, kind, level, parent_id,
		office_name, office_address, office_hours, office_phone, office_email, office_postcode)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
		nb.Code, nb.Name, nb.NameEN, nb.OrgCode, nb.Kind, nb.Level, parentID,
		nb.Office.Name, nb.Office.Address, nb.Office.Hours, nb.Office.Phone, nb.Office.Email, nb.Office.Postcode)
	if err != nil {
		var pqErr *pq.Error
		if errors.As(err, &pqErr) && pqErr.Code == "23505" {
			field := "code"
			if strings.Contains(pqErr.Constraint, "org_code") {
				field = "org_code"
			}
			return Body{}, fmt.Errorf("bodies: create %s: %w (%s)", nb.Code, ErrConflict, field)
		}
		return Body{}, fmt.Errorf("bodies: create %s: %w", nb.Code, err)
	}
	parentPath := "/"
	if parent != nil {
		parentPath = parent.Path
	}
	if _, err := tx.ExecContext(ctx, `UPDATE bodies SET path = $1, position = $2 WHERE id = $2`, fmt.Sprintf("%s%d/", parentPath, id), id); err != nil {
		return Body{}, fmt.Errorf("bodies: create %s: %w", nb.Code, err)
	}
	// A new body starts with the standard column tree of its disclosure section.
	if err := catalog.CreateStandardColumnsTx(ctx, tx, id); err != nil {
		return Body{}, fmt.Errorf("bodies: create %s: %w", nb.Code, err)
	}
	if err := audit.Append(ctx, tx, actor, audit.Event{Action: "body.create", Target: "body:" + nb.Code, Body: nb.Code, Changes: nb}); err != nil {
		return Body{}, err
	}
	return get(ctx, tx, nb.Code)
}

func childLevel(parent *Body, kind string) string {
	if parent == nil {
		return Levels[0]
	}
	if kind == KindDepartment || parent.Kind == KindDepartment {
		return parent.Level
	}
	for i, l := range Levels {
		if l == parent.Level && i+1 < len(Levels) {
			return Levels[i+1]
		}
	}
	return parent.Level
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

func get(ctx context.Context, q sqlx.QueryerContext, code string) (Body, error) {
	var b Body
	err := sqlx.GetContext(ctx, q, &b, selectBody+` WHERE b.code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return Body{}, fmt.Errorf("bodies: %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return Body{}, fmt.Errorf("bodies: get %s: %w", code, err)
	}
	return b, nil
}

// Get returns the body with code.
func (s *Store) Get(ctx context.Context, code string) (Body, error) { return get(ctx, s.db, code) }

// List returns every body in tree order (each body before its children, siblings in the order
// they were created).
func (s *Store) List(ctx context.Context) ([]Body, error) {
	var bs []Body
	if err := s.db.SelectContext(ctx, &bs, selectBody+` ORDER BY b.path`); err != nil {
		return nil, fmt.Errorf("bodies: list: %w", err)
	}
	return bs, nil
}

// Children returns the bodies directly below code: its departments and lower governments.
func (s *Store) Children(ctx context.Context, code string) ([]Body, error) {
	var bs []Body
	err := s.db.SelectContext(ctx, &bs, selectBody+` WHERE p.code = $1 ORDER BY b.kind DESC, b.position, b.id`, code)
	if err != nil {
		return nil, fmt.Errorf("bodies: children of %s: %w", code, err)
	}
	return bs, nil
}

// Root returns the top body of the tree: the government whose portal this is.
func (s *Store) Root(ctx context.Context) (Body, error) {
	var b Body
	err := s.db.GetContext(ctx, &b, selectBody+` WHERE b.parent_id IS NULL ORDER BY b.id LIMIT 1`)
	if errors.Is(err, sql.ErrNoRows) {
		return Body{}, fmt.Errorf("bodies: root: %w", ErrNotFound)
	}
	if err != nil {
		return Body{}, fmt.Errorf("bodies: root: %w", err)
	}
	return b, nil
}
