package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"xxgk/accounts"
	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/catalog"
	"xxgk/database"
	"xxgk/reports"
	"xxgk/requests"
	"xxgk/search"
	"xxgk/seed"
	"xxgk/web"
)

// demoBanner tells a newcomer what the demo holds.
const demoBanner = `Demo loaded: 沈阳市人民政府 with 12 departments and two districts (和平区, 沈河区) with their departments,
and their disclosure catalogs since 2021 (~680 entries: rules, normative documents in every validity state, interpretations, drafts).
Applications for disclosure since 2025 (~350, every state and outcome, some overdue, some carried over from 2025, with reviews and lawsuits).
Demo accounts (username, password):
`

func cmdServe(ctx context.Context, env *environment, args []string) error {
	cfg := loadConfig(env.getenv)
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	cfg.registerFlags(fs)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "listen address (XXGK_ADDR)")
	migrate := fs.Bool("migrate", false, "apply pending migrations before serving (otherwise refuse to start on an old schema)")
	demo := fs.Bool("demo", false, "load the demo data set when the database is empty (make run does)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := cfg.logger(env.stderr)
	log.Info("starting xxgk", "version", version, "config", cfg.String())
	cfg.applyGOGC()

	a, err := openApp(ctx, cfg, log, needs{search: true, replica: true})
	if err != nil {
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := a.close(sctx); err != nil {
			log.Error("stopping services", "error", err)
		}
	}()
	if *migrate {
		n, err := database.Migrate(ctx, a.db, log)
		if err != nil {
			return err
		}
		log.Info("migrations applied", "count", n)
	} else if err := database.CheckSchema(ctx, a.db); err != nil {
		return err
	}

	if *demo {
		switch loaded, err := seed.LoadDemo(ctx, a.db); {
		case err == nil:
			log.Info("demo data loaded")
			fmt.Fprint(env.stdout, demoBanner)
			for _, acct := range seed.DemoAccounts() {
				fmt.Fprintf(env.stdout, "  %-12s %-18s %s\n", acct.Username, acct.Password, acct.What)
			}
			fmt.Fprintf(env.stdout, "Track a demo application at /track: tracking number %s, query code %s\n", loaded.TrackingNo, loaded.QueryCode)
		case errors.Is(err, seed.ErrNotEmpty):
		default:
			return err
		}
	}

	// The working-day calendar: shipped years plus those administrators loaded (cmd/xxgk/calendar.go).
	cals, err := newCalendarService(ctx, a.db, log)
	if err != nil {
		return err
	}
	cal := cals.Current()
	cat := catalog.NewStore(a.db, cal)
	// Bodies created before the catalog existed get their standard column tree.
	if err := cat.EnsureStandardColumns(ctx); err != nil {
		return err
	}
	go every(ctx, log, time.Hour, "validity sweep", cat.SweepValidity)
	a.catalog = cat
	// With a read replica, signed-out visitors' pages and the search fallback read a store on
	// it while it answers (cmd/xxgk/replica.go); everything else reads and writes the primary.
	var readCatalog func() *catalog.Store
	if a.replica != nil {
		replicaCat := catalog.NewStore(a.replica.db, cal)
		readCatalog = func() *catalog.Store {
			if a.replica.up.Load() {
				return replicaCat
			}
			return cat
		}
		go a.replica.watch(ctx)
	}

	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	engine, err := a.searchEngine()
	if err != nil {
		return err
	}
	if err := startIndexing(ctx, a, engine, cat, registry, log); err != nil {
		return err
	}

	// Attachments are kept by content hash under the data folder.
	blobs, err := attachments.NewDir(filepath.Join(cfg.DataDir, "blobs"))
	if err != nil {
		return err
	}

	// Stores that count working days take each new calendar (cals.users) and the open
	// deadlines follow it (cals.recompute); set both before the refresh starts.
	// Applications and appeals (requests): their deadlines follow the calendar in force.
	apps := requests.NewStore(a.db, cal, requests.DefaultClockPolicy())
	cals.users = append(cals.users, apps.SetCalendar)
	cals.recompute = apps.RecomputeOpen
	// Annual reports and compliance figures (reports).
	reps := reports.NewStore(a.db, cal)
	cals.users = append(cals.users, reps.SetCalendar)
	go every(ctx, log, calendarRefreshInterval, "calendar refresh", cals.Refresh)

	var limits *web.RateLimits
	if cfg.RateLimits {
		limits = web.DefaultRateLimits()
	}
	srv, err := web.New(web.Deps{
		Logger:  log,
		Site:    web.Site{Name: "政府信息公开", NameEN: "Government Information Disclosure"},
		Version: version,
		Ready:   a.readiness,
		// Bodies are created, never edited: every page reads them from a copy (bodies.Cache).
		// It stays on the primary with a replica too: one query per 30 s is not worth moving.
		Bodies:          bodies.NewCache(bodies.NewStore(a.db), 30*time.Second),
		Accounts:        accounts.NewStore(a.db),
		Audit:           audit.NewLog(a.db),
		Catalog:         cat,
		PublicCatalog:   readCatalog,
		Registry:        registry,
		Search:          &search.Service{Engine: engine, Store: cat, Read: readCatalog, Logger: log},
		SecureCookies:   cfg.SecureCookies,
		Blobs:           blobs,
		BaseURL:         cfg.BaseURL,
		Calendar:        cals,
		Applications:    apps,
		Reports:         reps,
		RateLimits:      limits,
		PageConcurrency: cfg.PageConcurrency,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	hs := srv.HTTPServer(cfg.Addr)
	if cfg.PprofAddr != "" {
		_, stop, err := servePprof(cfg.PprofAddr, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	fmt.Fprintf(env.stdout, "xxgk is serving at http://%s/\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// servePprof serves Go's runtime profiles (/debug/pprof/) on addr, on a mux of their own so
// that nothing of them reaches the portal's listener.
func servePprof(addr string, log *slog.Logger) (listening string, stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("XXGK_PPROF_ADDR: listen on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Warn("serving runtime profiles", "addr", "http://"+ln.Addr().String()+"/debug/pprof/")
	go func() { _ = hs.Serve(ln) }()
	return ln.Addr().String(), func() { _ = hs.Close() }, nil
}

func cmdMigrate(ctx context.Context, env *environment, args []string) error {
	cfg := loadConfig(env.getenv)
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	cfg.registerFlags(fs)
	status := fs.Bool("status", false, "print the schema version and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := cfg.logger(env.stderr)
	a, err := openApp(ctx, cfg, log, needs{})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	if *status {
		cur, latest, err := database.SchemaVersion(ctx, a.db)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "schema version %d, latest %d\n", cur, latest)
		return nil
	}
	n, err := database.Migrate(ctx, a.db, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "applied %d migration(s)\n", n)
	return nil
}

// every runs job now and then at each interval until ctx ends. Jobs are idempotent, so every
// app server may run them; a failure is logged and retried at the next tick.
func every(ctx context.Context, log *slog.Logger, interval time.Duration, name string, job func(context.Context) (int, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := job(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Error(name+" failed", "error", err)
		case n > 0:
			log.Info(name, "changed", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
