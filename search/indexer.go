package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"
)

// Outbox is the queue of index changes that the catalog store writes in the same transaction
// as each public change, so the index can never miss one.
//
// The intended PostgreSQL implementation: Claim begins a transaction, selects up to limit
// pending rows in id order with SELECT … FOR UPDATE SKIP LOCKED, loads the documents they
// name, and returns a batch that keeps the transaction open. Done deletes (or marks) the
// rows and commits; Release rolls back, which makes the rows claimable again. Holding the
// transaction while the Indexer sends is what keeps several xxgk instances from processing
// the same rows, and a crash mid-send simply rolls back.
//
// SKIP LOCKED alone would let two instances send two versions of one document in the wrong
// order (instance A claims version 1, B claims version 2, B's task lands first). Either take
// a transaction-scoped advisory lock in Claim so one instance indexes at a time (recommended:
// Meilisearch applies writes one task at a time anyway), or build each Document from the
// entry's current state at claim time and claim all pending rows of a document together.
type Outbox interface {
	// Claim returns up to limit pending changes in the order they were written, or an error
	// wrapping ErrOutboxEmpty when there are none.
	Claim(ctx context.Context, limit int) (OutboxBatch, error)
}

// OutboxBatch is a set of claimed outbox rows. Exactly one of Done or Release is called.
type OutboxBatch interface {
	// Changes lists the claimed rows in the order they were written.
	Changes() []Change
	// Done marks every row of the batch processed (they are in the index now).
	Done(ctx context.Context) error
	// Release gives the rows back unprocessed because sending failed with cause; they will
	// be claimed again.
	Release(ctx context.Context, cause error) error
}

// Change is one outbox row: a document to upsert, or an id to delete.
type Change struct {
	ID  string
	Doc *Document // nil: delete ID from the index (withdrawn, no longer public)
	// EnqueuedAt is when the change was committed; the Indexer reports publish→searchable
	// time from it.
	EnqueuedAt time.Time
}

// ErrOutboxEmpty is returned (possibly wrapped) by Outbox.Claim when no rows are pending.
var ErrOutboxEmpty = errors.New("search: outbox empty")

// Observer receives one observation per indexed change: the seconds from EnqueuedAt until
// the change was searchable. A prometheus.Histogram satisfies it.
type Observer interface {
	Observe(seconds float64)
}

// IndexerConfig configures an Indexer. Zero values take the defaults noted.
type IndexerConfig struct {
	Engine *Engine
	Outbox Outbox
	// BatchSize is the most rows claimed at once (default 1000). Batching matters: each task
	// costs Meilisearch ~300 ms of bookkeeping whatever its size.
	BatchSize int
	// Idle is how long Run sleeps when the outbox is empty (default 1 s), unless Wake fires.
	Idle time.Duration
	// Wake, if not nil, ends an idle sleep early (for example on a PostgreSQL NOTIFY sent
	// when an outbox row commits), which keeps publish→searchable time low without polling.
	Wake <-chan struct{}
	// MinBackoff and MaxBackoff bound the exponential back-off after a failure
	// (defaults 500 ms and 1 min).
	MinBackoff, MaxBackoff time.Duration
	// Freshness, if not nil, observes publish→searchable seconds per change.
	Freshness Observer
	// Logger receives failures (default slog.Default()).
	Logger *slog.Logger
}

// Indexer copies outbox changes into the index: claim, send, wait until searchable, mark
// done. Rows are only ever marked done after Meilisearch has applied them, so a failure at
// any point means they are sent again (upserts and deletes are idempotent).
type Indexer struct {
	cfg IndexerConfig
}

// NewIndexer returns an Indexer for cfg.
func NewIndexer(cfg IndexerConfig) (*Indexer, error) {
	if cfg.Engine == nil || cfg.Outbox == nil {
		return nil, errors.New("search: IndexerConfig needs Engine and Outbox")
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 1000
	}
	if cfg.Idle <= 0 {
		cfg.Idle = time.Second
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = 500 * time.Millisecond
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = max(time.Minute, cfg.MinBackoff)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return &Indexer{cfg: cfg}, nil
}

// Run processes the outbox until ctx is cancelled, then returns nil. Failures are logged and
// retried with capped exponential back-off; rows are never dropped.
func (ix *Indexer) Run(ctx context.Context) error {
	failures := 0
	for ctx.Err() == nil {
		n, err := ix.RunOnce(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			failures++
			d := ix.backoff(failures)
			ix.cfg.Logger.Warn("search indexer: batch failed; retrying", "err", err, "attempt", failures, "retry_in", d)
			sleep(ctx, d, nil)
		case n == 0:
			failures = 0
			sleep(ctx, ix.cfg.Idle, ix.cfg.Wake)
		default:
			failures = 0
		}
	}
	return nil
}

// RunOnce claims one batch, sends it and marks it done. It returns the number of changes
// processed, 0 when the outbox is empty. On a send failure the batch is released and the
// error returned.
func (ix *Indexer) RunOnce(ctx context.Context) (int, error) {
	batch, err := ix.cfg.Outbox.Claim(ctx, ix.cfg.BatchSize)
	if errors.Is(err, ErrOutboxEmpty) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("search indexer: claim: %w", err)
	}
	changes := batch.Changes()
	// Done and Release get a context that outlives cancellation: on shutdown, committing what
	// is already in the index (or rolling back promptly, freeing the rows for another
	// instance) beats leaving it to the connection's death. Its clock starts after the send,
	// however long Meilisearch took to apply the batch.
	finish := func() (context.Context, context.CancelFunc) {
		return context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	}
	if err := ix.send(ctx, changes); err != nil {
		fctx, cancel := finish()
		defer cancel()
		if rerr := batch.Release(fctx, err); rerr != nil {
			return 0, fmt.Errorf("search indexer: %w (and release: %w)", err, rerr)
		}
		return 0, fmt.Errorf("search indexer: %w", err)
	}
	fctx, cancel := finish()
	defer cancel()
	if err := batch.Done(fctx); err != nil {
		// The index already has the changes; the rows will be sent again, harmlessly.
		return 0, fmt.Errorf("search indexer: mark %d changes done: %w", len(changes), err)
	}
	if ix.cfg.Freshness != nil {
		now := time.Now()
		for _, c := range changes {
			if !c.EnqueuedAt.IsZero() {
				ix.cfg.Freshness.Observe(now.Sub(c.EnqueuedAt).Seconds())
			}
		}
	}
	return len(changes), nil
}

// send applies changes: the last change of each id wins, so an upsert followed by a delete
// of the same entry within one batch deletes it, and the two tasks never overlap.
func (ix *Indexer) send(ctx context.Context, changes []Change) error {
	last := make(map[string]int, len(changes))
	for i, c := range changes {
		last[c.ID] = i
	}
	var upserts []Document
	var deletes []string
	for i, c := range changes {
		if last[c.ID] != i {
			continue
		}
		if c.Doc == nil {
			deletes = append(deletes, c.ID)
			continue
		}
		d := *c.Doc
		d.ID = c.ID
		upserts = append(upserts, d)
	}
	if err := ix.cfg.Engine.Upsert(ctx, upserts); err != nil {
		return err
	}
	return ix.cfg.Engine.Delete(ctx, deletes)
}

// backoff returns the wait after the given number of consecutive failures: doubling from
// MinBackoff, capped at MaxBackoff, with ±20% jitter so that instances do not retry in step.
func (ix *Indexer) backoff(failures int) time.Duration {
	d := ix.cfg.MinBackoff
	for i := 1; i < failures && d < ix.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, ix.cfg.MaxBackoff)
	jitter := time.Duration((rand.Float64()*0.4 - 0.2) * float64(d))
	return d + jitter
}

// sleep waits for d, ctx's end or a value on wake, whichever comes first.
func sleep(ctx context.Context, d time.Duration, wake <-chan struct{}) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-wake:
	}
}
