package accounts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/database"
)

// Lock-out policy: after maxFailures consecutive wrong passwords the account locks for
// firstLock, doubling with each further failure up to maxLock. Online guessing is slowed to a
// crawl while a forgetful officer is never locked out for longer than an hour.
const (
	maxFailures = 5
	firstLock   = time.Minute
	maxLock     = time.Hour
)

// Store keeps accounts, sessions and API tokens in PostgreSQL.
type Store struct {
	db *sqlx.DB
	// Hasher hashes new passwords; tests use a cheap one.
	Hasher Hasher
	// IdleTimeout ends a session not used for this long.
	IdleTimeout time.Duration
	// AbsoluteTimeout ends a session this long after sign-in, however active.
	AbsoluteTimeout time.Duration
	// now is the clock; tests move it to expire sessions and locks.
	now func() time.Time
}

// NewStore returns a store on db with production settings.
func NewStore(db *sqlx.DB) *Store {
	return &Store{
		db:              db,
		Hasher:          DefaultHasher(),
		IdleTimeout:     30 * time.Minute,
		AbsoluteTimeout: 12 * time.Hour,
		now:             time.Now,
	}
}

// NewUser is what creating a user takes, from the CLI and the admin pages alike.
type NewUser struct {
	Username    string  `json:"username"`
	DisplayName string  `json:"display_name"`
	Role        Role    `json:"role"`
	Password    string  `json:"-"`
	Bodies      []Grant `json:"bodies"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,63}$`)

// userRow is a users row, password hash included; it never leaves the package.
type userRow struct {
	ID           int64      `db:"id"`
	Username     string     `db:"username"`
	DisplayName  string     `db:"display_name"`
	Role         Role       `db:"role"`
	PasswordHash string     `db:"password_hash"`
	Disabled     bool       `db:"disabled"`
	FailedLogins int        `db:"failed_logins"`
	LockedUntil  *time.Time `db:"locked_until"`
	CreatedAt    time.Time  `db:"created_at"`
}

func (r userRow) user(grants []Grant) User {
	if grants == nil {
		grants = []Grant{}
	}
	return User{
		ID: r.ID, Username: r.Username, DisplayName: r.DisplayName, Role: r.Role,
		Disabled: r.Disabled, FailedLogins: r.FailedLogins, LockedUntil: r.LockedUntil,
		CreatedAt: r.CreatedAt, Bodies: grants,
	}
}

const selectUser = `SELECT id, username, display_name, role, password_hash, disabled,
	failed_logins, locked_until, created_at FROM users`

// CreateUser validates nu and stores the user and their grants, with an audit event, in one
// transaction.
func (s *Store) CreateUser(ctx context.Context, actor audit.Actor, nu NewUser) (User, error) {
	nu.Username = strings.TrimSpace(nu.Username)
	nu.DisplayName = strings.TrimSpace(nu.DisplayName)
	problems := ValidationError{}
	if !usernamePattern.MatchString(nu.Username) {
		problems["username"] = "用户名应为 2 至 64 个字符，以小写字母或数字开头，只能包含小写字母、数字、点、连字符和下划线"
	}
	if len([]rune(nu.DisplayName)) > 100 {
		problems["display_name"] = "姓名不能超过 100 个字符"
	}
	role, err := ParseRole(string(nu.Role))
	if err != nil {
		problems["role"] = "角色应为 admin（系统管理员）、officer（信息公开工作人员）或 auditor（审计员）"
	}
	switch n := len([]rune(nu.Password)); {
	case n < MinPasswordLength:
		problems["password"] = fmt.Sprintf("密码至少需要 %d 个字符", MinPasswordLength)
	case n > maxPasswordLength:
		problems["password"] = fmt.Sprintf("密码不能超过 %d 个字符", maxPasswordLength)
	case nu.Password == nu.Username:
		problems["password"] = "密码不能与用户名相同"
	}
	grants := mergeGrants(nu.Bodies)
	switch {
	case role == RoleOfficer && len(grants) == 0:
		problems["bodies"] = "信息公开工作人员至少需要负责一个机关"
	case (role == RoleAdmin || role == RoleAuditor) && len(grants) > 0:
		problems["bodies"] = "系统管理员和审计员可访问全部机关，不能指定负责机关"
	}
	var created User
	err = database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		ids := make([]int64, len(grants))
		var unknown []string
		for i, g := range grants {
			err := tx.GetContext(ctx, &ids[i], `SELECT id FROM bodies WHERE code = $1`, g.BodyCode)
			if errors.Is(err, sql.ErrNoRows) {
				unknown = append(unknown, g.BodyCode)
			} else if err != nil {
				return fmt.Errorf("accounts: create user %s: body %s: %w", nu.Username, g.BodyCode, err)
			}
		}
		if len(unknown) > 0 && problems["bodies"] == "" {
			problems["bodies"] = "机关不存在：" + strings.Join(unknown, "、")
		}
		if len(problems) > 0 {
			return problems
		}
		hash, err := s.Hasher.Hash(nu.Password)
		if err != nil {
			return err
		}
		var id int64
		err = tx.GetContext(ctx, &id, `INSERT INTO users (username, display_name, role, password_hash)
			VALUES ($1, $2, $3, $4) RETURNING id`, nu.Username, nu.DisplayName, role, hash)
		if err != nil {
			var pqErr *pq.Error
			if errors.As(err, &pqErr) && pqErr.Code == "23505" {
				return fmt.Errorf("accounts: create user %s: %w", nu.Username, ErrConflict)
			}
			return fmt.Errorf("accounts: create user %s: %w", nu.Username, err)
		}
		for i, g := range grants {
			if _, err := tx.ExecContext(ctx, `INSERT INTO user_bodies (user_id, body_id, with_descendants)
				VALUES ($1, $2, $3)`, id, ids[i], g.WithDescendants); err != nil {
				return fmt.Errorf("accounts: create user %s: grant %s: %w", nu.Username, g.BodyCode, err)
			}
		}
		// The password, even hashed, stays out of the log: the log is read far more widely
		// than the users table.
		changes := map[string]any{"username": nu.Username, "display_name": nu.DisplayName, "role": role, "bodies": grants}
		if err := audit.Append(ctx, tx, actor, audit.Event{Action: "user.create", Target: "user:" + nu.Username, Changes: changes}); err != nil {
			return err
		}
		created, err = getUser(ctx, tx, nu.Username)
		return err
	})
	if err != nil {
		return User{}, err
	}
	return created, nil
}

// mergeGrants drops blank codes and folds repeated bodies into one grant, keeping
// WithDescendants if any repetition asked for it.
func mergeGrants(in []Grant) []Grant {
	out := []Grant{}
	for _, g := range in {
		g.BodyCode = strings.TrimSpace(g.BodyCode)
		if g.BodyCode == "" {
			continue
		}
		if i := slices.IndexFunc(out, func(o Grant) bool { return o.BodyCode == g.BodyCode }); i >= 0 {
			out[i].WithDescendants = out[i].WithDescendants || g.WithDescendants
			continue
		}
		out = append(out, g)
	}
	return out
}

// GetUser returns the user named username with their grants.
func (s *Store) GetUser(ctx context.Context, username string) (User, error) {
	return getUser(ctx, s.db, username)
}

func getUser(ctx context.Context, q sqlx.QueryerContext, username string) (User, error) {
	var r userRow
	err := sqlx.GetContext(ctx, q, &r, selectUser+` WHERE username = $1`, username)
	if errors.Is(err, sql.ErrNoRows) {
		return User{}, fmt.Errorf("accounts: user %s: %w", username, ErrNotFound)
	}
	if err != nil {
		return User{}, fmt.Errorf("accounts: user %s: %w", username, err)
	}
	var grants []Grant
	err = sqlx.SelectContext(ctx, q, &grants, `SELECT b.code AS body_code, ub.with_descendants
		FROM user_bodies ub JOIN bodies b ON b.id = ub.body_id
		WHERE ub.user_id = $1 ORDER BY b.code`, r.ID)
	if err != nil {
		return User{}, fmt.Errorf("accounts: user %s: grants: %w", username, err)
	}
	return r.user(grants), nil
}

// ListUsers returns every user with their grants, by username.
func (s *Store) ListUsers(ctx context.Context) ([]User, error) {
	var rows []userRow
	if err := s.db.SelectContext(ctx, &rows, selectUser+` ORDER BY username`); err != nil {
		return nil, fmt.Errorf("accounts: list users: %w", err)
	}
	var grants []struct {
		UserID int64 `db:"user_id"`
		Grant
	}
	err := s.db.SelectContext(ctx, &grants, `SELECT ub.user_id, b.code AS body_code, ub.with_descendants
		FROM user_bodies ub JOIN bodies b ON b.id = ub.body_id ORDER BY b.code`)
	if err != nil {
		return nil, fmt.Errorf("accounts: list users: grants: %w", err)
	}
	byUser := map[int64][]Grant{}
	for _, g := range grants {
		byUser[g.UserID] = append(byUser[g.UserID], g.Grant)
	}
	users := make([]User, len(rows))
	for i, r := range rows {
		users[i] = r.user(byUser[r.ID])
	}
	return users, nil
}

// Authenticate checks username and password. A wrong password counts towards the lock-out;
// a locked account answers ErrLocked even to the right password; success resets the count.
// Every attempt is audited, successful or not.
func (s *Store) Authenticate(ctx context.Context, username, password, clientAddr string) (User, error) {
	now := s.now()
	clientAddr = clean(clientAddr, 100)
	var r userRow
	err := sql.ErrNoRows
	// A name no account can have is not looked up: it may hold bytes PostgreSQL refuses
	// (NUL, invalid UTF-8), and those must fail like any unknown name, not as a server error.
	if usernamePattern.MatchString(username) {
		err = s.db.GetContext(ctx, &r, selectUser+` WHERE username = $1`, username)
	}
	if errors.Is(err, sql.ErrNoRows) {
		// Hash anyway so that an unknown name answers as slowly as a known one and response
		// times do not reveal which accounts exist.
		_, _ = s.Hasher.Hash(password)
		attempted := clean(username, 64)
		actor := audit.Actor{Name: attempted, ClientAddr: clientAddr}
		if err := s.auditSignin(ctx, actor, "user.signin_failed", attempted, map[string]any{"reason": "unknown_user"}); err != nil {
			return User{}, err
		}
		return User{}, ErrBadCredentials
	}
	if err != nil {
		return User{}, fmt.Errorf("accounts: authenticate %s: %w", username, err)
	}
	ok, verr := s.Hasher.Verify(password, r.PasswordHash)
	if verr != nil {
		// An account without a usable hash (say, one created for a future SSO) cannot sign
		// in with a password, but still costs the attacker a hash's time.
		_, _ = s.Hasher.Hash(password)
		ok = false
	}
	actor := audit.Actor{UserID: r.ID, Name: r.Username, Role: string(r.Role), ClientAddr: clientAddr}
	switch {
	case r.LockedUntil != nil && now.Before(*r.LockedUntil):
		if err := s.auditSignin(ctx, actor, "user.signin_failed", r.Username, map[string]any{"reason": "locked", "locked_until": r.LockedUntil}); err != nil {
			return User{}, err
		}
		return User{}, ErrLocked
	case r.Disabled:
		if err := s.auditSignin(ctx, actor, "user.signin_failed", r.Username, map[string]any{"reason": "disabled"}); err != nil {
			return User{}, err
		}
		return User{}, ErrBadCredentials
	case !ok:
		err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
			// Incrementing in SQL keeps concurrent guesses from overwriting each other's count.
			var failed int
			if err := tx.GetContext(ctx, &failed, `UPDATE users SET failed_logins = failed_logins + 1
				WHERE id = $1 RETURNING failed_logins`, r.ID); err != nil {
				return fmt.Errorf("accounts: authenticate %s: %w", username, err)
			}
			changes := map[string]any{"reason": "bad_password", "failed_logins": failed}
			if failed >= maxFailures {
				until := now.Add(lockDuration(failed))
				if _, err := tx.ExecContext(ctx, `UPDATE users SET locked_until = $2 WHERE id = $1`, r.ID, until); err != nil {
					return fmt.Errorf("accounts: authenticate %s: lock: %w", username, err)
				}
				changes["locked_until"] = until
			}
			return audit.Append(ctx, tx, actor, audit.Event{Action: "user.signin_failed", Target: "user:" + r.Username, Changes: changes})
		})
		if err != nil {
			return User{}, err
		}
		return User{}, ErrBadCredentials
	}
	var u User
	err = database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, r.ID); err != nil {
			return fmt.Errorf("accounts: authenticate %s: reset: %w", username, err)
		}
		if err := audit.Append(ctx, tx, actor, audit.Event{Action: "user.signin", Target: "user:" + r.Username}); err != nil {
			return err
		}
		var err error
		u, err = getUser(ctx, tx, r.Username)
		return err
	})
	if err != nil {
		return User{}, err
	}
	return u, nil
}

// clean makes s, which came from a client, storable in a text column: valid UTF-8, no NUL,
// at most n characters.
func clean(s string, n int) string {
	s = strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
	if r := []rune(s); len(r) > n {
		s = string(r[:n])
	}
	return s
}

// lockDuration is how long the failed-th consecutive failure locks an account for.
func lockDuration(failed int) time.Duration {
	if failed < maxFailures {
		return 0
	}
	d := firstLock
	for i := maxFailures; i < failed && d < maxLock; i++ {
		d *= 2
	}
	return min(d, maxLock)
}

func (s *Store) auditSignin(ctx context.Context, actor audit.Actor, action, username string, changes any) error {
	return database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		return audit.Append(ctx, tx, actor, audit.Event{Action: action, Target: "user:" + username, Changes: changes})
	})
}

// principal loads the user with id and expands their grants into the set of bodies they may
// manage; via says how the request authenticated.
func principal(ctx context.Context, q sqlx.QueryerContext, userID int64, via string) (Principal, error) {
	var r userRow
	err := sqlx.GetContext(ctx, q, &r, selectUser+` WHERE id = $1`, userID)
	if errors.Is(err, sql.ErrNoRows) {
		return Principal{}, fmt.Errorf("accounts: user %d: %w", userID, ErrNotFound)
	}
	if err != nil {
		return Principal{}, fmt.Errorf("accounts: user %d: %w", userID, err)
	}
	if r.Disabled {
		// Disabling an account must end its sessions and tokens at once, not at their expiry.
		return Principal{}, fmt.Errorf("accounts: user %s is disabled: %w", r.Username, ErrBadCredentials)
	}
	p := Principal{UserID: r.ID, Username: r.Username, DisplayName: r.DisplayName, Role: r.Role, Via: via, Bodies: map[string]bool{}}
	if r.Role != RoleOfficer {
		return p, nil
	}
	// bodies.path is the materialised path ('/1/4/9/'), so everything below a body is every
	// row whose path starts with the body's own; an empty path must not match everything.
	var codes []string
	err = sqlx.SelectContext(ctx, q, &codes, `SELECT DISTINCT d.code
		FROM user_bodies ub
		JOIN bodies b ON b.id = ub.body_id
		JOIN bodies d ON d.id = b.id
			OR (ub.with_descendants AND b.path <> '' AND d.path LIKE b.path || '%')
		WHERE ub.user_id = $1`, r.ID)
	if err != nil {
		return Principal{}, fmt.Errorf("accounts: user %s: bodies: %w", r.Username, err)
	}
	for _, c := range codes {
		p.Bodies[c] = true
	}
	return p, nil
}
