package search_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"xxgk/search"
)

// fakeOutbox is an in-memory outbox with the semantics the PostgreSQL one must have: a
// claimed row is invisible to other claims until its batch is done (deleted) or released.
type fakeOutbox struct {
	mu       sync.Mutex
	rows     []search.Change
	claimed  map[int]bool // row index → claimed
	done     map[int]bool
	released int
}

func newFakeOutbox() *fakeOutbox {
	return &fakeOutbox{claimed: map[int]bool{}, done: map[int]bool{}}
}

func (o *fakeOutbox) add(cs ...search.Change) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.rows = append(o.rows, cs...)
}

func (o *fakeOutbox) pending() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.rows) - len(o.done)
}

func (o *fakeOutbox) Claim(ctx context.Context, limit int) (search.OutboxBatch, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	b := &fakeBatch{o: o}
	for i, c := range o.rows {
		if len(b.idx) == limit {
			break
		}
		if !o.claimed[i] && !o.done[i] {
			o.claimed[i] = true
			b.idx = append(b.idx, i)
			b.changes = append(b.changes, c)
		}
	}
	if len(b.idx) == 0 {
		return nil, search.ErrOutboxEmpty
	}
	return b, nil
}

type fakeBatch struct {
	o       *fakeOutbox
	idx     []int
	changes []search.Change
}

func (b *fakeBatch) Changes() []search.Change { return b.changes }

func (b *fakeBatch) Done(ctx context.Context) error {
	b.o.mu.Lock()
	defer b.o.mu.Unlock()
	for _, i := range b.idx {
		delete(b.o.claimed, i)
		b.o.done[i] = true
	}
	return nil
}

func (b *fakeBatch) Release(ctx context.Context, cause error) error {
	b.o.mu.Lock()
	defer b.o.mu.Unlock()
	for _, i := range b.idx {
		delete(b.o.claimed, i)
	}
	b.o.released++
	return nil
}

// recorder collects freshness observations.
type recorder struct {
	mu  sync.Mutex
	obs []float64
}

func (r *recorder) Observe(s float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.obs = append(r.obs, s)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.obs)
}

func changesFor(docs []search.Document) []search.Change {
	out := make([]search.Change, len(docs))
	for i := range docs {
		out[i] = search.Change{ID: docs[i].ID, Doc: &docs[i], EnqueuedAt: time.Now()}
	}
	return out
}

func TestIndexerRunOnce(t *testing.T) {
	e := loaded(t)
	ctx := testCtx(t)
	ob := newFakeOutbox()
	rec := &recorder{}
	ix, err := search.NewIndexer(search.IndexerConfig{Engine: e, Outbox: ob, BatchSize: 100, Freshness: rec})
	if err != nil {
		t.Fatal(err)
	}
	newDoc := search.Document{ID: "n1", Title: "关于新发布营商环境政策的通知", BodyCode: "shenyang", PublishedAt: 10}
	gone := search.Document{ID: "n2", Title: "发布后又撤回的文件", BodyCode: "shenyang", PublishedAt: 11}
	ob.add(
		search.Change{ID: "n1", Doc: &newDoc, EnqueuedAt: time.Now()},
		search.Change{ID: "n2", Doc: &gone, EnqueuedAt: time.Now()},
		search.Change{ID: "e05", EnqueuedAt: time.Now()}, // withdrawn
		search.Change{ID: "n2", EnqueuedAt: time.Now()},  // withdrawn after publishing in the same batch
	)
	n, err := ix.RunOnce(ctx)
	if err != nil || n != 4 {
		t.Fatalf("RunOnce = %d, %v", n, err)
	}
	if ob.pending() != 0 {
		t.Errorf("%d rows not marked done", ob.pending())
	}
	if rec.count() != 4 {
		t.Errorf("%d freshness observations, want 4", rec.count())
	}
	r := mustSearch(t, e, search.Query{Q: "营商环境", PageSize: 100})
	got := ids(r.Hits)
	if !slices.Contains(got, "n1") || slices.Contains(got, "e05") {
		t.Errorf("after indexing: %v", got)
	}
	if r := mustSearch(t, e, search.Query{Q: "撤回"}); r.Total != 0 {
		t.Errorf("withdrawn document still found: %v", ids(r.Hits))
	}
	if n, err := ix.RunOnce(ctx); n != 0 || err != nil {
		t.Errorf("empty outbox: RunOnce = %d, %v", n, err)
	}
}

// TestIndexerSurvivesOutage runs the indexer through a proxy that drops every connection
// while Meilisearch is "down": no row may be marked done then, and once it is back every
// change must arrive.
func TestIndexerSurvivesOutage(t *testing.T) {
	live := loaded(t)
	ctx := testCtx(t)
	target, err := url.Parse(os.Getenv("XXGK_TEST_MEILI_URL"))
	if err != nil {
		t.Fatal(err)
	}
	var down atomic.Bool
	var refused atomic.Int64
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if down.Load() {
			refused.Add(1)
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer srv.Close()
	e, err := search.New(search.Config{URL: srv.URL, APIKey: os.Getenv("XXGK_TEST_MEILI_KEY"), IndexName: live.IndexName()})
	if err != nil {
		t.Fatal(err)
	}

	ob := newFakeOutbox()
	rec := &recorder{}
	ix, err := search.NewIndexer(search.IndexerConfig{
		Engine: e, Outbox: ob, BatchSize: 10, Idle: 20 * time.Millisecond,
		MinBackoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond, Freshness: rec,
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	var docs []search.Document
	for i := range 25 {
		docs = append(docs, search.Document{
			ID: "out" + string(rune('a'+i)), Title: "停机期间发布的营商环境文件", BodyCode: "sy-fgw", PublishedAt: int64(100 + i),
		})
	}
	down.Store(true)
	ob.add(changesFor(docs)...)

	runCtx, stop := context.WithCancel(ctx)
	runDone := make(chan error, 1)
	go func() { runDone <- ix.Run(runCtx) }()

	waitFor(t, func() bool { return refused.Load() >= 5 }, "indexer to retry against the dead Meilisearch")
	if ob.pending() != 25 {
		t.Errorf("%d rows pending while Meilisearch is down, want 25", ob.pending())
	}
	ob.mu.Lock()
	released := ob.released
	ob.mu.Unlock()
	if released < 2 {
		t.Errorf("batches released %d times, want retries", released)
	}
	if rec.count() != 0 {
		t.Errorf("%d freshness observations while down", rec.count())
	}

	down.Store(false)
	waitFor(t, func() bool { return ob.pending() == 0 }, "outbox to drain")
	// Changes written while running are picked up too.
	late := search.Document{ID: "late", Title: "恢复后发布的营商环境文件", BodyCode: "sy-fgw", PublishedAt: 200}
	ob.add(search.Change{ID: "late", Doc: &late, EnqueuedAt: time.Now()})
	waitFor(t, func() bool { return ob.pending() == 0 }, "late change")
	stop()
	if err := <-runDone; err != nil {
		t.Errorf("Run = %v", err)
	}

	r := mustSearch(t, live, search.Query{Bodies: []string{"sy-fgw"}, Q: "营商环境", PageSize: 100})
	if r.Total != 26 {
		t.Errorf("found %d of 26 documents after the outage: %v", r.Total, ids(r.Hits))
	}
	if rec.count() != 26 {
		t.Errorf("%d freshness observations, want 26", rec.count())
	}
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
