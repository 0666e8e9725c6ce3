// Package accounts keeps xxgk's staff accounts: who may sign in, with which role, for which
// bodies, and the sessions and API tokens that carry a signed-in user from request to request.
//
// Passwords are stored as argon2id hashes, session cookies and API tokens only as SHA-256
// digests, so a copy of the database lets no one sign in. Every change and every sign-in
// attempt appends an audit event in the same transaction. The package knows nothing of HTTP.
package accounts

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"xxgk/audit"
)

// Errors the store returns; the HTTP layer maps them to status codes.
var (
	ErrNotFound       = errors.New("account not found")
	ErrConflict       = errors.New("account already exists")
	ErrBadCredentials = errors.New("wrong username, password or token")
	ErrLocked         = errors.New("account temporarily locked after repeated failed sign-ins")
	ErrExpired        = errors.New("session expired")
)

// ValidationError maps a field to what is wrong with it, in Chinese for the interface.
type ValidationError map[string]string

func (v ValidationError) Error() string {
	parts := make([]string, 0, len(v))
	for f, p := range v {
		parts = append(parts, f+": "+p)
	}
	slices.Sort(parts)
	return "invalid account: " + strings.Join(parts, "; ")
}

// Role is what a user may do.
type Role string

// The roles: an admin manages everything, an officer (信息公开工作人员) the bodies granted to
// them, an auditor reads everything and changes nothing.
const (
	RoleAdmin   Role = "admin"
	RoleOfficer Role = "officer"
	RoleAuditor Role = "auditor"
)

// Roles lists every role, for forms.
func Roles() []Role { return []Role{RoleAdmin, RoleOfficer, RoleAuditor} }

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.TrimSpace(s)); r {
	case RoleAdmin, RoleOfficer, RoleAuditor:
		return r, nil
	}
	return "", fmt.Errorf("accounts: unknown role %q", s)
}

// Label is the role's name in lang ("zh" or "en"), Chinese by default.
func (r Role) Label(lang string) string {
	zh, en := string(r), string(r)
	switch r {
	case RoleAdmin:
		zh, en = "系统管理员", "Administrator"
	case RoleOfficer:
		zh, en = "信息公开工作人员", "Disclosure officer"
	case RoleAuditor:
		zh, en = "审计员", "Auditor"
	}
	if lang == "en" {
		return en
	}
	return zh
}

// Grant gives an officer a body, and with WithDescendants everything below it.
type Grant struct {
	BodyCode        string `db:"body_code" json:"body"`
	WithDescendants bool   `db:"with_descendants" json:"with_descendants"`
}

// User is a staff account, without its password hash.
type User struct {
	ID           int64      `json:"id"`
	Username     string     `json:"username"`
	DisplayName  string     `json:"display_name"`
	Role         Role       `json:"role"`
	Disabled     bool       `json:"disabled"`
	FailedLogins int        `json:"failed_logins"`
	LockedUntil  *time.Time `json:"locked_until,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	Bodies       []Grant    `json:"bodies"`
}

// Principal is the signed-in user a request acts for.
type Principal struct {
	UserID      int64
	Username    string
	DisplayName string
	Role        Role
	Via         string // "session" or "token:<id>"
	// Bodies holds the codes of every body an officer may manage: the granted bodies and,
	// for grants with descendants, everything below them.
	Bodies map[string]bool
}

// CanManage reports whether p may change the body's records.
func (p Principal) CanManage(bodyCode string) bool {
	switch p.Role {
	case RoleAdmin:
		return true
	case RoleOfficer:
		return p.Bodies[bodyCode]
	}
	return false
}

// CanReadAll reports whether p may read every body's records, published or not.
func (p Principal) CanReadAll() bool { return p.Role == RoleAdmin || p.Role == RoleAuditor }

// IsAdmin reports whether p is an administrator.
func (p Principal) IsAdmin() bool { return p.Role == RoleAdmin }

// Actor is p as the author of an audited change.
func (p Principal) Actor(requestID, clientAddr string) audit.Actor {
	return audit.Actor{
		UserID: p.UserID, Name: p.Username, Role: string(p.Role), Via: p.Via,
		RequestID: requestID, ClientAddr: clientAddr,
	}
}
