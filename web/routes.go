package web

import (
	"context"
	"net/http"
)

// access is what a route requires of its caller. Every route states one; see authorize.
type access int

const (
	// public routes serve anyone, signed in or not.
	public access = iota
	// signedIn routes serve any signed-in account.
	signedIn
	// adminOnly routes serve administrators.
	adminOnly
	// readAll routes serve those who read everything: auditors and administrators.
	readAll
	// bodyOfficer routes serve officers of the body named by the {code} path value (directly
	// or through a grant of an ancestor with its descendants) and administrators.
	bodyOfficer
)

// route is one line of the table of contents below.
type route struct {
	pattern string
	access  access
	handler http.HandlerFunc
}

// routes lists every route xxgk serves. Pages use plain paths; JSON lives under /api/v1.
func (s *Server) routes() []route {
	return []route{
		// Operations.
		{"GET /healthz", public, s.healthz},
		{"GET /readyz", public, s.readyz},
		{"GET /metrics", public, s.serveMetrics},
		{"GET /static/{file}", public, s.assets.ServeHTTP},

		// Public portal.
		{"GET /{$}", public, s.home},
		{"GET /lang", public, s.switchLang},
		{"GET /bodies/{code}", public, s.bodyPage},

		// Sign-in and the console.
		{"GET /signin", public, s.signInForm},
		{"POST /signin", public, s.signIn},
		{"POST /signout", public, s.signOut},
		{"POST /console/signout-all", signedIn, s.signOutEverywhere},
		{"GET /console", signedIn, s.console},
		{"GET /console/audit", readAll, s.auditPage},
		{"GET /console/audit/export", readAll, s.auditExport},

		// Public API.
		{"GET /api/v1/bodies", public, s.apiListBodies},
		{"GET /api/v1/bodies/{code}", public, s.apiGetBody},

		// Accounts' own tokens (administrators: anyone's).
		{"GET /api/v1/tokens", signedIn, s.apiListTokens},
		{"POST /api/v1/tokens", signedIn, s.apiCreateToken},
		{"DELETE /api/v1/tokens/{id}", signedIn, s.apiRevokeToken},

		// Auditors' API.
		{"GET /api/v1/audit", readAll, s.apiAudit},

		// Administration API.
		{"POST /api/v1/bodies", adminOnly, s.apiCreateBody},

		{"GET /", public, s.notFound},
	}
}

// authorize wraps a handler with the access check its route states. It is the one place where
// access is decided; TestRouteAccessMatrix walks every route with every role.
func (s *Server) authorize(rt route, h http.Handler) http.Handler {
	switch rt.access {
	case public:
		return h
	case signedIn, adminOnly, readAll, bodyOfficer:
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, ok := s.identify(r)
			if !ok {
				s.denied(w, r, false)
				return
			}
			if !allows(rt.access, p, r) {
				s.denied(w, r, true)
				return
			}
			h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), principalKey, p)))
		})
	}
	panic("web: route " + rt.pattern + " has no access rule")
}
