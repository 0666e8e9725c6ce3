package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/calendar"
)

// Accounts is what the HTTP layer needs for sign-in, sessions and tokens.
type Accounts interface {
	Authenticate(ctx context.Context, username, password, clientAddr string) (accounts.User, error)
	CreateSession(ctx context.Context, userID int64, clientAddr, userAgent string) (string, error)
	SessionPrincipal(ctx context.Context, token string) (accounts.Principal, error)
	TokenPrincipal(ctx context.Context, bearer string) (accounts.Principal, error)
	DeleteSession(ctx context.Context, token string) error
	DeleteUserSessions(ctx context.Context, actor audit.Actor, userID int64) error
	CreateToken(ctx context.Context, actor audit.Actor, username, name string) (string, accounts.Token, error)
	ListTokens(ctx context.Context, username string) ([]accounts.Token, error)
	RevokeToken(ctx context.Context, actor audit.Actor, id int64) error
}

const sessionCookie = "xxgk_session"

const principalKey ctxKey = iota + 100

// principalFrom returns the signed-in caller, if the route's access check found one.
func principalFrom(ctx context.Context) (accounts.Principal, bool) {
	p, ok := ctx.Value(principalKey).(accounts.Principal)
	return p, ok
}

// actorFrom is the audit log's view of the caller of r.
func actorFrom(r *http.Request) audit.Actor {
	p, _ := principalFrom(r.Context())
	return p.Actor(requestID(r.Context()), clientAddr(r))
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// identify finds the caller: an API token (Authorization: Bearer) or a session cookie. ok is
// false for anonymous callers and for credentials that are wrong or expired.
func (s *Server) identify(r *http.Request) (accounts.Principal, bool) {
	if s.accounts == nil {
		return accounts.Principal{}, false
	}
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, token, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return accounts.Principal{}, false
		}
		p, err := s.accounts.TokenPrincipal(r.Context(), strings.TrimSpace(token))
		return p, err == nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return accounts.Principal{}, false
	}
	p, err := s.accounts.SessionPrincipal(r.Context(), c.Value)
	return p, err == nil
}

// allows reports whether p may use a route with access a, for the body code in the path or
// the body of the entry in the path.
func (s *Server) allows(a access, p accounts.Principal, r *http.Request) bool {
	switch a {
	case entryOfficer:
		if p.IsAdmin() {
			return true
		}
		id, ok := entryID(r)
		if !ok {
			return false
		}
		code, err := s.catalog.BodyOf(r.Context(), id)
		// An entry that does not exist is no one's to change: refuse rather than reveal.
		return err == nil && p.CanManage(code)
	case applicationReader:
		return p.CanReadAll() || s.allows(applicationOfficer, p, r)
	case applicationFileReader:
		if p.CanReadAll() || p.IsAdmin() {
			return true
		}
		// A file that does not exist is no one's to read: refuse rather than reveal.
		code, ok := s.applicationFileBody(r)
		return ok && p.CanManage(code)
	case signedIn:
		return true
	case adminOnly:
		return p.IsAdmin()
	case readAll:
		return p.CanReadAll()
	case bodyOfficer:
		return p.CanManage(r.PathValue("code"))
	case bodyReader:
		return p.CanManage(r.PathValue("code")) || p.CanReadAll()
	case applicationOfficer:
		// An application that does not exist is no one's to act on: refuse rather than reveal.
		code, ok := s.applicationBody(r)
		return p.IsAdmin() || ok && p.CanManage(code)
	case appealOfficer:
		code, ok := s.appealBody(r)
		return p.IsAdmin() || ok && p.CanManage(code)
	}
	return false
}

// denied answers a caller who may not use a route: 401 (or the sign-in page) without valid
// credentials, 403 with them.
func (s *Server) denied(w http.ResponseWriter, r *http.Request, signedIn bool) {
	lang := requestLang(r)
	if !signedIn {
		if isAPI(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="xxgk"`)
			writeAPIError(w, r, http.StatusUnauthorized, "unauthorized", s.msgs.T(lang, "error.unauthorized"), nil)
			return
		}
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	s.fail(w, r, http.StatusForbidden, "forbidden", "error.forbidden.title", "error.forbidden", "error.forbidden")
}

// SignInPage is the sign-in form; it keeps what was typed (but never the password).
type SignInPage struct {
	Page
	Username string
	Next     string
	Error    string
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	p := SignInPage{Page: s.page(r, s.msgs.T(lang, "signin.title")), Next: localPath(r.URL.Query().Get("next"))}
	s.render(w, r, http.StatusOK, "signin", &p)
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if s.limited(w, r, s.signInLimit, "signin") {
		return
	}
	lang := requestLang(r)
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r)
		return
	}
	p := SignInPage{Page: s.page(r, s.msgs.T(lang, "signin.title")), Username: r.PostForm.Get("username"), Next: localPath(r.PostForm.Get("next"))}
	u, err := s.accounts.Authenticate(r.Context(), strings.TrimSpace(p.Username), r.PostForm.Get("password"), clientAddr(r))
	switch {
	case errors.Is(err, accounts.ErrLocked):
		p.Error = s.msgs.T(lang, "signin.locked")
	case errors.Is(err, accounts.ErrBadCredentials), errors.Is(err, accounts.ErrNotFound):
		p.Error = s.msgs.T(lang, "signin.bad")
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if p.Error != "" {
		s.render(w, r, http.StatusUnprocessableEntity, "signin", &p)
		return
	}
	token, err := s.accounts.CreateSession(r.Context(), u.ID, clientAddr(r), r.UserAgent())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.secureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode})
	next := p.Next
	if next == "/" {
		next = "/console"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.accounts.DeleteSession(r.Context(), c.Value); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureCookies || r.TLS != nil, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) signOutEverywhere(w http.ResponseWriter, r *http.Request) {
	p, _ := principalFrom(r.Context())
	if err := s.accounts.DeleteUserSessions(r.Context(), actorFrom(r), p.UserID); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.signOut(w, r)
}

// ConsolePage is where a signed-in officer, auditor or administrator lands.
type ConsolePage struct {
	Page
	User      accounts.Principal
	RoleLabel string
	Bodies    []NavItem
	// Tasks are the role's starting points: what this person came to the console to do.
	Tasks []NavItem
	// Work lists, for officers, each of their bodies, to link the queues that need them.
	Work []BodyReportRow
	// Reports lists, for those who read everything, every body with its workspace, last
	// year's annual report and its export; ReportYear is that year.
	Reports    []BodyReportRow
	ReportYear int
}

// BodyReportRow is one body in a console table (an officer's work, the auditor's reports).
type BodyReportRow struct {
	Code, Name string
}

func (s *Server) console(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	u, _ := principalFrom(r.Context())
	p := ConsolePage{Page: s.page(r, s.msgs.T(lang, "console.title")), User: u, RoleLabel: u.Role.Label(lang)}
	if s.bodies != nil {
		all, err := s.bodies.List(r.Context())
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.ReportYear = calendar.Today().Year() - 1
		for _, b := range all {
			if u.CanManage(b.Code) {
				p.Bodies = append(p.Bodies, NavItem{Href: "/console/bodies/" + b.Code, Label: b.DisplayName(lang)})
				if !u.IsAdmin() {
					p.Work = append(p.Work, BodyReportRow{Code: b.Code, Name: b.DisplayName(lang)})
				}
			}
			if u.CanReadAll() {
				p.Reports = append(p.Reports, BodyReportRow{Code: b.Code, Name: b.DisplayName(lang)})
			}
		}
	}
	if u.CanReadAll() {
		p.Tasks = append(p.Tasks, NavItem{Href: "/console/audit", Label: s.msgs.T(lang, "console.audit")})
	}
	if u.IsAdmin() {
		p.Tasks = append(p.Tasks, NavItem{Href: "/api/v1/bodies", Label: s.msgs.T(lang, "console.bodies.manage")})
		p.Tasks = append(p.Tasks, NavItem{Href: "/console/calendar", Label: s.msgs.T(lang, "console.calendar")})
	}
	// Annual reports and compliance (web/reports.go).
	p.Tasks = append(p.Tasks, s.reportTasks(r, u)...)
	p.Tasks = append(p.Tasks, NavItem{Href: "/api/v1/tokens", Label: s.msgs.T(lang, "console.tokens")})
	s.render(w, r, http.StatusOK, "console", &p)
}

func (s *Server) badRequest(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, http.StatusBadRequest, "bad_request", "error.badrequest", "error.badrequest", "error.badrequest")
}
