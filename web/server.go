package web

import (
	"context"
	"log/slog"

	"net/http"
	"strings"
	"time"
	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/catalog"
	"xxgk/reports"
	"xxgk/requests"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Check is one dependency's readiness.
type Check struct {
	Name  string `json:"name"`
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	// Degraded marks a dependency whose absence xxgk survives (search falls back to
	// PostgreSQL): it is reported but does not make /readyz fail on its own.
	Degraded bool `json:"degraded,omitempty"`
	// Detail is what an operator may want to know of a dependency that is up (a read
	// replica's replication lag, say).
	Detail string `json:"detail,omitempty"`
}

// Deps are what the HTTP layer needs from the rest of xxgk.
type Deps struct {
	Logger  *slog.Logger
	Site    Site
	Version string
	// Ready reports each dependency's state for /readyz.
	Ready func(ctx context.Context) []Check
	// Registry receives the HTTP metrics and is served at /metrics; nil makes a new one.
	Registry *prometheus.Registry
	// Bodies is the directory of governments and departments.
	Bodies BodyDirectory
	// Accounts signs people in and identifies API tokens.
	Accounts Accounts
	// Catalog is the disclosure catalog: columns, entries, versions.
	Catalog *catalog.Store
	// PublicCatalog, when set, returns the catalog that signed-out visitors' read-only pages
	// and feeds read: one on a read replica while it answers, Catalog otherwise. Nil: Catalog.
	PublicCatalog func() *catalog.Store
	// Search answers public searches (degraded to PostgreSQL when Meilisearch is down).
	Search Searcher
	// Audit is the audit log as auditors and administrators read it.
	Audit AuditLog
	// SecureCookies marks session cookies Secure even when TLS ends at a reverse proxy.
	SecureCookies bool
	// Blobs keeps the content of attachments (web/attachments.go).
	Blobs attachments.Store
	// BaseURL is the portal's public address (https://xxgk.example.gov.cn), for the absolute
	// links of feeds and the sitemap; "" takes them from each request.
	BaseURL string
	// Calendar is the working-day calendar in force and its loading (web/calendar.go); nil
	// serves the shipped calendar, read-only.
	Calendar CalendarService
	// Applications keeps applications for disclosure, their events and appeals
	// (web/applications_api.go).
	Applications *requests.Store
	// Reports computes, locks and exports the annual reports and the compliance figures
	// (web/reports.go).
	Reports *reports.Store
	// RateLimits bounds sign-ins and application submissions per address (web/ratelimit.go);
	// nil sets no limit (tests), serve passes DefaultRateLimits.
	RateLimits *RateLimits
	// PageConcurrency is how many public pages are served at once, the rest waiting their
	// turn in order (web/admission.go); 0 serves every page at once.
	PageConcurrency int
}

// BodyDirectory is what the portal reads of the tree of bodies.
type BodyDirectory interface {
	Root(ctx context.Context) (bodies.Body, error)
	Get(ctx context.Context, code string) (bodies.Body, error)
	Children(ctx context.Context, code string) ([]bodies.Body, error)
	List(ctx context.Context) ([]bodies.Body, error)
	Create(ctx context.Context, actor audit.Actor, nb bodies.NewBody) (bodies.Body, error)
}

// Server handles every HTTP request of xxgk.
type Server struct {
	log      *slog.Logger
	site     Site
	version  string
	ready    func(ctx context.Context) []Check
	registry *prometheus.Registry
	metrics  *httpMetrics
	msgs     messages
	assets   *assets
	tmpl     templates
	// fragments caches the rendered column trees and lists of bodies (web/fragments.go).
	fragments *fragments
	navLinks  []navLink
	handler   http.Handler
	bodies    BodyDirectory
	accounts  Accounts
	audit     AuditLog
	catalog   *catalog.Store
	// publicCatalog is Deps.PublicCatalog (see readCatalog).
	publicCatalog func() *catalog.Store
	search        Searcher

	secureCookies bool

	// Attachments, feeds and the sitemap (web/attachments.go, web/feeds.go). attachLimits
	// bound uploads; tests lower them.
	blobs        attachments.Store
	attachLimits attachments.Limits
	baseURL      string
	// calendar answers working-day questions (web/calendar.go).
	calendar CalendarService
	// applications keeps applications and appeals (web/applications_api.go).
	applications *requests.Store
	// reports and the PDF fonts it needs, loaded on the first PDF (web/reports.go).
	reports  *reports.Store
	pdfFonts fontCache
	// signInLimit and applyLimit count requests per address (web/ratelimit.go); nil: no limit.
	signInLimit, applyLimit *rateLimiter
	// pages queues the public pages (web/admission.go); nil: no queue.
	pages *pageQueue
}

type navLink struct{ href, key string }

// New builds the server: templates, messages and assets are loaded and checked here, so a
// broken one stops start-up instead of a page.
func New(d Deps) (*Server, error) {
	s := &Server{log: d.Logger, site: d.Site, version: d.Version, ready: d.Ready, registry: d.Registry, bodies: d.Bodies, accounts: d.Accounts, audit: d.Audit, catalog: d.Catalog, publicCatalog: d.PublicCatalog, search: d.Search, secureCookies: d.SecureCookies}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.blobs, s.attachLimits, s.baseURL = d.Blobs, attachments.DefaultLimits(), strings.TrimRight(d.BaseURL, "/")
	s.applications = d.Applications
	s.reports = d.Reports
	s.pages = newPageQueue(d.PageConcurrency, pageQueueMaxWait)
	if d.RateLimits != nil {
		s.signInLimit = newRateLimiter(d.RateLimits.SignIn, nil)
		s.applyLimit = newRateLimiter(d.RateLimits.Application, nil)
	}
	if s.registry == nil {
		s.registry = prometheus.NewRegistry()
		s.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	var err error
	if s.calendar, err = calendarOrShipped(d.Calendar); err != nil {
		return nil, err
	}
	if s.msgs, err = loadMessages(); err != nil {
		return nil, err
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.tmpl, err = parseTemplates(); err != nil {
		return nil, err
	}
	s.fragments = newFragments(maxFragments)
	// The portal's main navigation (base.html adds the home page first and the console last).
	s.navLinks = []navLink{{"/search", "nav.search"}, {"/apply", "nav.apply"}, {"/track", "nav.track"}, {"/deadline", "nav.deadline"}}
	s.metrics = newHTTPMetrics(s.registry)
	if s.pages != nil {
		s.registry.MustRegister(s.pages.gauge)
	}
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		mux.Handle(rt.pattern, s.authorize(rt, rt.handler))
	}
	s.handler = s.middleware(mux)
	return s, nil
}

// Handler is the server's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPServer wraps the handler with the timeouts a public server needs.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of large attachments and imports
		WriteTimeout:      5 * time.Minute, // large exports
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}
