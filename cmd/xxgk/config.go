package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// Config is xxgk's whole configuration: read from XXGK_* variables, then flags, then
// validated. It is passed explicitly; nothing reads the environment elsewhere.
type Config struct {
	Addr        string // XXGK_ADDR
	DataDir     string // XXGK_DATA_DIR
	DatabaseURL string // XXGK_DATABASE_URL; empty: the embedded cluster in DataDir/pg
	// ReplicaURL is an optional hot standby of DatabaseURL that signed-out visitors' pages and
	// the search fallback read from while it answers (cmd/xxgk/replica.go).
	ReplicaURL string // XXGK_DATABASE_REPLICA_URL
	MeiliURL   string // XXGK_MEILI_URL; empty: the embedded server in DataDir/meili
	MeiliKey   string // XXGK_MEILI_KEY
	MeiliBin   string // XXGK_MEILI_BIN
	MeiliIndex string // XXGK_MEILI_INDEX
	LogFormat  string // XXGK_LOG_FORMAT: text or json
	LogLevel   string // XXGK_LOG_LEVEL
	// SecureCookies marks session cookies Secure: set it when TLS ends at a reverse proxy.
	SecureCookies bool // XXGK_SECURE_COOKIES
	// BaseURL is the portal's public address, for the absolute links of feeds, the sitemap and
	// exports; empty takes them from each request's Host. Set it behind a reverse proxy.
	BaseURL string // XXGK_BASE_URL
	// RateLimits bounds sign-ins and application submissions per client address; off only for
	// load and fault tests that send many from 127.0.0.1.
	RateLimits bool // XXGK_RATE_LIMITS: anything but off is on (the default)
	// PprofAddr, when set, serves Go's runtime profiles (net/http/pprof) on a listener of its
	// own, apart from the portal: give it a loopback address, never a public one.
	PprofAddr string // XXGK_PPROF_ADDR
	// PageConcurrency is how many public pages an instance serves at once, the rest waiting
	// in order (web/admission.go); 0 turns the queue off.
	PageConcurrency int // XXGK_PAGE_CONCURRENCY
	// GOGC is the Go runtime's own variable, which the runtime applies itself; it is read here
	// only so that `xxgk serve` knows whether to set its own default (serveGOGC).
	GOGC string // GOGC
}

func loadConfig(getenv func(string) string) Config {
	def := func(key, fallback string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return fallback
	}
	return Config{
		Addr:            def("XXGK_ADDR", "127.0.0.1:8080"),
		DataDir:         def("XXGK_DATA_DIR", ".xxgk"),
		DatabaseURL:     getenv("XXGK_DATABASE_URL"),
		ReplicaURL:      getenv("XXGK_DATABASE_REPLICA_URL"),
		MeiliURL:        getenv("XXGK_MEILI_URL"),
		MeiliKey:        getenv("XXGK_MEILI_KEY"),
		MeiliBin:        getenv("XXGK_MEILI_BIN"),
		MeiliIndex:      def("XXGK_MEILI_INDEX", "entries"),
		LogFormat:       def("XXGK_LOG_FORMAT", "text"),
		LogLevel:        def("XXGK_LOG_LEVEL", "info"),
		SecureCookies:   getenv("XXGK_SECURE_COOKIES") == "true" || getenv("XXGK_SECURE_COOKIES") == "1",
		BaseURL:         getenv("XXGK_BASE_URL"),
		RateLimits:      getenv("XXGK_RATE_LIMITS") != "off",
		PprofAddr:       getenv("XXGK_PPROF_ADDR"),
		PageConcurrency: pageConcurrency(getenv("XXGK_PAGE_CONCURRENCY")),
		GOGC:            getenv("GOGC"),
	}
}

// pageConcurrency reads XXGK_PAGE_CONCURRENCY: empty is the default, defaultPageConcurrency
// per core; anything but a whole number is -1, which validate refuses.
func pageConcurrency(v string) int {
	if v == "" {
		return defaultPageConcurrency * runtime.GOMAXPROCS(0)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// defaultPageConcurrency is the pages served at once per core: enough to keep PostgreSQL and
// the cores busy while one page waits for its rows, few enough that the rest wait in order.
const defaultPageConcurrency = 4

// serveGOGC is the garbage collector's target `xxgk serve` runs with when GOGC is not set: the
// heap may grow to five times what is live before a collection, instead of Go's default twice.
// A serving instance keeps little live and allocates it again every few hundred pages, so at
// 100 the collector ran several times a second under load and took 8–12% of the CPU (the
// pages' profiles of `xxgk bench pages --profile`); at 400 the peak RSS under the page load is
// ~98 MB instead of ~56 MB, and a page costs 10–20% less CPU. GOMEMLIMIT, also Go's own, caps
// the heap where memory is tight.
const serveGOGC = 400

// applyGOGC sets serveGOGC unless GOGC was set, which the runtime has applied already.
func (c Config) applyGOGC() {
	if c.GOGC == "" {
		debug.SetGCPercent(serveGOGC)
	}
}

// registerFlags lets flags override what the environment said.
func (c *Config) registerFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "data folder for the embedded servers and attachments (XXGK_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "PostgreSQL URL; empty runs the embedded cluster (XXGK_DATABASE_URL)")
	fs.StringVar(&c.ReplicaURL, "database-replica-url", c.ReplicaURL, "a hot standby's PostgreSQL URL for the public pages' reads (XXGK_DATABASE_REPLICA_URL)")
	fs.StringVar(&c.MeiliURL, "meili-url", c.MeiliURL, "Meilisearch URL; empty runs the embedded server (XXGK_MEILI_URL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (XXGK_LOG_FORMAT)")
}

func (c Config) validate() error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("XXGK_ADDR %q: want host:port", c.Addr))
	}
	if c.PageConcurrency < 0 {
		errs = append(errs, errors.New("XXGK_PAGE_CONCURRENCY: want a whole number, 0 for no queue"))
	}
	if c.PprofAddr != "" {
		if _, _, err := net.SplitHostPort(c.PprofAddr); err != nil {
			errs = append(errs, fmt.Errorf("XXGK_PPROF_ADDR %q: want host:port", c.PprofAddr))
		}
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("XXGK_DATA_DIR is empty"))
	}
	for name, v := range map[string]string{"XXGK_DATABASE_URL": c.DatabaseURL, "XXGK_DATABASE_REPLICA_URL": c.ReplicaURL,
		"XXGK_MEILI_URL": c.MeiliURL, "XXGK_BASE_URL": c.BaseURL} {
		if v == "" {
			continue
		}
		if u, err := url.Parse(v); err != nil || u.Scheme == "" || u.Host == "" {
			errs = append(errs, fmt.Errorf("%s: not a URL", name))
		}
	}
	if c.ReplicaURL != "" && c.DatabaseURL == "" {
		errs = append(errs, errors.New("XXGK_DATABASE_REPLICA_URL needs XXGK_DATABASE_URL: the embedded cluster has no replica"))
	}
	if c.MeiliURL != "" && c.MeiliKey == "" {
		errs = append(errs, errors.New("XXGK_MEILI_KEY is required with XXGK_MEILI_URL"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("XXGK_LOG_FORMAT %q: want text or json", c.LogFormat))
	}
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.LogLevel)); err != nil {
		errs = append(errs, fmt.Errorf("XXGK_LOG_LEVEL %q: want debug, info, warn or error", c.LogLevel))
	}
	return errors.Join(errs...)
}

// String prints the configuration with secrets redacted, for the start-up log.
func (c Config) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "addr=%s data_dir=%s database=%s replica=%s meili=%s meili_key=%s meili_index=%s log=%s/%s",
		c.Addr, c.DataDir, redactURL(c.DatabaseURL, "embedded"), redactURL(c.ReplicaURL, "none"), redactURL(c.MeiliURL, "embedded"),
		redact(c.MeiliKey), c.MeiliIndex, c.LogFormat, c.LogLevel)
	pprof, pages := c.PprofAddr, strconv.Itoa(c.PageConcurrency)
	if pprof == "" {
		pprof = "off"
	}
	if c.PageConcurrency == 0 {
		pages = "unlimited"
	}
	gogc := c.GOGC
	if gogc == "" {
		gogc = strconv.Itoa(serveGOGC)
	}
	fmt.Fprintf(&b, " pprof=%s page_concurrency=%s gogc=%s", pprof, pages, gogc)
	return b.String()
}

func redact(secret string) string {
	if secret == "" {
		return "(none)"
	}
	return "(redacted)"
}

func redactURL(s, empty string) string {
	if s == "" {
		return empty
	}
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "redacted")
	}
	q := u.Query()
	for k := range q {
		if strings.Contains(strings.ToLower(k), "password") {
			q.Set(k, "redacted")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func (c Config) absDataDir() (string, error) { return filepath.Abs(c.DataDir) }

func (c Config) logger(w interface{ Write([]byte) (int, error) }) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: lvl}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
