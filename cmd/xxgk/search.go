package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus"

	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/search"
)

// searchEngine returns the engine for the app's Meilisearch and index.
func (a *app) searchEngine() (*search.Engine, error) {
	return search.New(search.Config{URL: a.meiliURL, APIKey: a.meiliKey, IndexName: a.cfg.MeiliIndex})
}

// startIndexing runs, until ctx ends, what keeps the index in step with the catalog: index
// settings (retried until Meilisearch answers), a full reindex when the index is empty but the
// catalog is not (a new or wiped Meilisearch), and the indexer draining the outbox, woken by
// PostgreSQL notifications so that publish→searchable takes well under a second.
func startIndexing(ctx context.Context, a *app, engine *search.Engine, cat *catalog.Store, reg prometheus.Registerer, log *slog.Logger) error {
	freshness := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "xxgk_search_publish_to_searchable_seconds",
		Help:    "Time from a catalog change's commit until it is searchable.",
		Buckets: []float64{.1, .25, .5, .75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300},
	})
	backlog := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "xxgk_search_outbox_pending",
		Help: "Catalog changes waiting to reach the search index.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		n, _, err := cat.OutboxBacklog(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	})
	if err := reg.Register(freshness); err != nil {
		return err
	}
	if err := reg.Register(backlog); err != nil {
		return err
	}

	wake := make(chan struct{}, 1)
	listener := pq.NewListener(a.dbURL, time.Second, time.Minute, func(ev pq.ListenerEventType, err error) {
		if err != nil {
			log.Warn("search outbox listener", "event", ev, "err", err)
		}
	})
	if err := listener.Listen(catalog.OutboxChannel); err != nil {
		log.Warn("search outbox listener: polling instead", "err", err)
	}
	go func() {
		defer listener.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case <-listener.Notify:
				select {
				case wake <- struct{}{}:
				default:
				}
			}
		}
	}()

	ix, err := search.NewIndexer(search.IndexerConfig{
		Engine: engine, Outbox: search.CatalogOutbox{Store: cat}, Wake: wake, Freshness: freshness, Logger: log,
	})
	if err != nil {
		return err
	}
	go func() {
		for delay := time.Second; ctx.Err() == nil; delay = min(2*delay, time.Minute) {
			err := engine.EnsureSettings(ctx)
			if err == nil {
				break
			}
			log.Warn("search settings not applied yet; retrying", "err", err, "retry_in", delay)
			select {
			case <-ctx.Done():
				return
			case <-time.After(delay):
			}
		}
		if n, err := engine.Count(ctx); err == nil && n == 0 {
			if want, err := cat.CountIndexable(ctx); err == nil && want > 0 {
				log.Info("search index is empty: rebuilding it from the catalog", "entries", want)
				if err := search.Reindex(ctx, engine, cat, nil); err != nil {
					log.Error("search reindex failed", "err", err)
				}
			}
		}
		if err := ix.Run(ctx); err != nil {
			log.Error("search indexer stopped", "err", err)
		}
	}()
	return nil
}

func cmdReindex(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	cfg := loadConfig(env.getenv)
	cfg.registerFlags(fs)
	fs.SetOutput(env.stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.LogLevel = "warn"
	a, err := openApp(ctx, cfg, cfg.logger(env.stderr), needs{search: true})
	if err != nil {
		return err
	}
	defer a.close(context.WithoutCancel(ctx))
	engine, err := a.searchEngine()
	if err != nil {
		return err
	}
	cal, err := calendar.Default()
	if err != nil {
		return err
	}
	cat := catalog.NewStore(a.db, cal)
	total, err := cat.CountIndexable(ctx)
	if err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(env.stderr, "reindexing %d public entries into a fresh index…\n", total)
	err = search.Reindex(ctx, engine, cat, func(done int) {
		pct := 100.0
		if total > 0 {
			pct = 100 * float64(done) / float64(total)
		}
		fmt.Fprintf(env.stderr, "  %d/%d (%.0f%%), %.0f documents/s\n", done, total, pct, float64(done)/time.Since(start).Seconds())
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "reindexed %d entries in %s; the new index is live\n", total, time.Since(start).Round(time.Millisecond))
	return nil
}
