package web

import "net/http"

// access is what a route requires of its caller. Every route states one; see authorize.
type access int

const (
	// public routes serve anyone, signed in or not.
	public access = iota
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

		// Public API.
		{"GET /api/v1/bodies", public, s.apiListBodies},
		{"GET /api/v1/bodies/{code}", public, s.apiGetBody},

		{"GET /", public, s.notFound},
	}
}

// authorize wraps a handler with the access check its route states.
func (s *Server) authorize(rt route, h http.Handler) http.Handler {
	switch rt.access {
	case public:
		return h
	}
	panic("web: route " + rt.pattern + " has no access rule")
}
