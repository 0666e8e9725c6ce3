package search

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/meilisearch/meilisearch-go"
)

// Config says where the index lives.
type Config struct {
	URL    string // e.g. http://127.0.0.1:7700
	APIKey string // a key allowed to search, write documents and manage indexes
	// IndexName is the stable name of the live index; tests use a unique name each. Rebuild
	// builds <IndexName>_<timestamp> beside it and swaps the two.
	IndexName string
	// HTTPClient is optional. If you pass one, give its transport DisableCompression and a
	// MaxIdleConnsPerHost above the number of concurrent searches (see NewHTTPClient).
	HTTPClient *http.Client
}

// ErrUnavailable is wrapped by Healthy when Meilisearch cannot serve searches.
var ErrUnavailable = errors.New("search: Meilisearch unavailable")

// indexNameRE is what Meilisearch accepts as an index uid, leaving room for Rebuild's suffix.
var indexNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,300}$`)

// Engine is xxgk's handle on one Meilisearch index. It is safe for concurrent use.
type Engine struct {
	client meilisearch.ServiceManager
	name   string
	// Searches bypass the SDK (see meili.go): url, key and hc are what they need.
	url, key string
	hc       *http.Client
	// poll is how often a waiting write asks Meilisearch about its task; it bounds the
	// extra publish→searchable latency that waiting adds.
	poll time.Duration
}

// New returns an Engine for cfg. It does not contact Meilisearch; call Healthy or
// EnsureSettings for that.
func New(cfg Config) (*Engine, error) {
	if cfg.URL == "" {
		return nil, errors.New("search: Config.URL is empty")
	}
	if !indexNameRE.MatchString(cfg.IndexName) {
		return nil, fmt.Errorf("search: index name %q must be 1–300 of [A-Za-z0-9_-]", cfg.IndexName)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = NewHTTPClient()
	}
	opts := []meilisearch.Option{meilisearch.WithCustomClient(hc)}
	if cfg.APIKey != "" {
		opts = append(opts, meilisearch.WithAPIKey(cfg.APIKey))
	}
	return &Engine{
		client: meilisearch.New(cfg.URL, opts...),
		name:   cfg.IndexName,
		url:    strings.TrimRight(cfg.URL, "/"),
		key:    cfg.APIKey,
		hc:     hc,
		poll:   20 * time.Millisecond,
	}, nil
}

// NewHTTPClient returns the HTTP client New uses by default. Compression is off because
// Go's transparent gzip makes Meilisearch answer in two TCP segments, and Nagle plus delayed
// ACK then add ≈44 ms to every search on a kept-alive connection (tech notes). Go's default
// of 2 idle connections per host would close and reopen connections under concurrent load.
func NewHTTPClient() *http.Client {
	t := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   5 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		DisableCompression:    true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   128,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   5 * time.Second,
		ExpectContinueTimeout: time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: t}
}

// IndexName returns the live index's name.
func (e *Engine) IndexName() string { return e.name }

// EnsureSettings applies xxgk's settings to the live index, creating it if needed, and waits
// until Meilisearch has applied them. It is idempotent; run it at start-up.
func (e *Engine) EnsureSettings(ctx context.Context) error {
	return e.applySettings(ctx, e.name)
}

// Upsert adds or replaces docs (whole documents, not merged fields) as one task and waits
// for it to succeed.
func (e *Engine) Upsert(ctx context.Context, docs []Document) error {
	return e.upsertInto(ctx, e.name, docs)
}

func (e *Engine) upsertInto(ctx context.Context, uid string, docs []Document) error {
	if len(docs) == 0 {
		return nil
	}
	prepared, err := prepare(docs)
	if err != nil {
		return err
	}
	pk := "id"
	task, err := e.client.Index(uid).AddDocumentsWithContext(ctx, prepared, &meilisearch.DocumentOptions{PrimaryKey: &pk})
	if err != nil {
		return fmt.Errorf("search: upsert %d documents: %w", len(docs), err)
	}
	if err := e.wait(ctx, task); err != nil {
		return fmt.Errorf("search: upsert %d documents: %w", len(docs), err)
	}
	return nil
}

// Delete removes the documents with the given ids as one task and waits for it to succeed.
// Ids that are not in the index are not an error.
func (e *Engine) Delete(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	task, err := e.client.Index(e.name).DeleteDocumentsWithContext(ctx, ids, nil)
	if err != nil {
		return fmt.Errorf("search: delete %d documents: %w", len(ids), err)
	}
	if err := e.wait(ctx, task); err != nil {
		return fmt.Errorf("search: delete %d documents: %w", len(ids), err)
	}
	return nil
}

// Count returns the number of documents in the live index.
func (e *Engine) Count(ctx context.Context) (int64, error) {
	st, err := e.client.Index(e.name).GetStatsWithContext(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("search: count documents: %w", err)
	}
	return st.NumberOfDocuments, nil
}

// Healthy returns nil when Meilisearch answers and reports itself available, and otherwise
// an error wrapping ErrUnavailable (so callers can fall back to database search).
func (e *Engine) Healthy(ctx context.Context) error {
	h, err := e.client.HealthWithContext(ctx)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	if h.Status != "available" {
		return fmt.Errorf("%w: status %q", ErrUnavailable, h.Status)
	}
	return nil
}

// DropIndex deletes the live index and everything in it. Tests use it to clean up; in
// production Rebuild is the way to start over.
func (e *Engine) DropIndex(ctx context.Context) error {
	return e.deleteIndex(ctx, e.name)
}

func (e *Engine) deleteIndex(ctx context.Context, uid string) error {
	task, err := e.client.DeleteIndexWithContext(ctx, uid)
	if err != nil {
		return fmt.Errorf("search: delete index %s: %w", uid, err)
	}
	if err := e.wait(ctx, task); err != nil && !isCode(err, "index_not_found") {
		return fmt.Errorf("search: delete index %s: %w", uid, err)
	}
	return nil
}

// TaskError is returned when Meilisearch accepted a task but could not carry it out (an
// invalid document, a missing index …).
type TaskError struct {
	UID     int64
	Status  string
	Code    string
	Message string
}

func (e *TaskError) Error() string {
	return fmt.Sprintf("task %d %s: %s (%s)", e.UID, e.Status, e.Message, e.Code)
}

// wait blocks until task finishes and returns a *TaskError unless it succeeded. Writes are
// synchronous from the caller's point of view so that "done" in the outbox means searchable.
func (e *Engine) wait(ctx context.Context, task *meilisearch.TaskInfo) error {
	t, err := e.client.WaitForTaskWithContext(ctx, task.TaskUID, e.poll)
	if err != nil {
		return fmt.Errorf("wait for task %d: %w", task.TaskUID, err)
	}
	if t.Status != meilisearch.TaskStatusSucceeded {
		return &TaskError{UID: task.TaskUID, Status: string(t.Status), Code: t.Error.Code, Message: t.Error.Message}
	}
	return nil
}

// isCode reports whether err is a failed task or an API error with Meilisearch error code.
func isCode(err error, code string) bool {
	var te *TaskError
	if errors.As(err, &te) {
		return te.Code == code
	}
	var me *meilisearch.Error
	if errors.As(err, &me) {
		return me.MeilisearchApiError.Code == code
	}
	return false
}
