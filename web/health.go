package web

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// healthz says the process is alive; it checks nothing else, so an orchestrator does not restart
// xxgk because the database is away.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": s.version})
}

// readyz says whether xxgk can serve: PostgreSQL reachable with a current schema, and
// Meilisearch reachable. A degraded dependency is named but does not fail the check.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	var checks []Check
	if s.ready != nil {
		checks = s.ready(ctx)
	}
	status, code := "ready", http.StatusOK
	var degraded []string
	for _, c := range checks {
		switch {
		case c.OK:
		case c.Degraded:
			degraded = append(degraded, c.Name)
		default:
			status, code = "not_ready", http.StatusServiceUnavailable
		}
	}
	if code == http.StatusOK && len(degraded) > 0 {
		status = "degraded"
	}
	writeJSON(w, code, map[string]any{"status": status, "checks": checks, "degraded": degraded})
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{}).ServeHTTP(w, r)
}
