package search

import (
	"context"
	"fmt"
	"time"

	"github.com/meilisearch/meilisearch-go"
)

// RebuildBatchSize is how many documents Rebuild sends per task: Meilisearch ingests batches
// of about 10,000 fastest (tech notes).
const RebuildBatchSize = 10000

// Rebuild recreates the index from the source of truth without search ever going blank: it
// creates <IndexName>_<timestamp>, applies the settings, calls load, which must call yield
// with every document (in slices of any size; Rebuild regroups them into batches of
// RebuildBatchSize), then swaps the new index with the live one and deletes the old data.
// The live name never changes, so searches keep working throughout. progress, if not nil,
// is called with the number of documents ingested so far after each batch.
//
// If load or any step before the swap fails, the new index is deleted and the live one is
// untouched. An error after the swap (deleting the old data) leaves the new data live.
//
// Changes the Indexer applies to the live index while Rebuild runs are lost by the swap
// unless load's snapshot already contains them. Either stop the indexer for the duration,
// or take load's snapshot (REPEATABLE READ) after noting the outbox position and re-send the
// outbox rows written since then once Rebuild returns; re-sending is harmless because
// upserts and deletes are idempotent.
func (e *Engine) Rebuild(ctx context.Context, load func(ctx context.Context, yield func([]Document) error) error, progress func(done int)) error {
	now := time.Now().UTC()
	tmp := fmt.Sprintf("%s_%s%03d", e.name, now.Format("20060102150405"), now.Nanosecond()/1e6)
	if err := e.createIndex(ctx, tmp); err != nil {
		return err
	}
	if err := e.fillAndSwap(ctx, tmp, load, progress); err != nil {
		// Clean up even when ctx is what failed; the new index is useless half-built.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if derr := e.deleteIndex(cctx, tmp); derr != nil {
			return fmt.Errorf("%w (and cleaning up: %w)", err, derr)
		}
		return err
	}
	// After the swap, tmp holds the old documents.
	if err := e.deleteIndex(ctx, tmp); err != nil {
		return fmt.Errorf("search: rebuilt %s, but deleting the old data failed: %w", e.name, err)
	}
	return nil
}

func (e *Engine) fillAndSwap(ctx context.Context, tmp string, load func(context.Context, func([]Document) error) error, progress func(int)) error {
	if err := e.applySettings(ctx, tmp); err != nil {
		return err
	}
	var (
		buf  = make([]Document, 0, RebuildBatchSize)
		done int
	)
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		if err := e.upsertInto(ctx, tmp, buf); err != nil {
			return fmt.Errorf("search: rebuild: %w", err)
		}
		done += len(buf)
		buf = buf[:0]
		if progress != nil {
			progress(done)
		}
		return nil
	}
	yield := func(docs []Document) error {
		for len(docs) > 0 {
			n := min(RebuildBatchSize-len(buf), len(docs))
			buf = append(buf, docs[:n]...)
			docs = docs[n:]
			if len(buf) == RebuildBatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		return ctx.Err()
	}
	if err := load(ctx, yield); err != nil {
		return fmt.Errorf("search: rebuild: load: %w", err)
	}
	if err := flush(); err != nil {
		return err
	}
	// A first deployment has no live index; an empty one makes the swap below the only path.
	if err := e.ensureIndex(ctx, e.name); err != nil {
		return err
	}
	task, err := e.client.SwapIndexesWithContext(ctx, []*meilisearch.SwapIndexesParams{{Indexes: []string{e.name, tmp}}})
	if err != nil {
		return fmt.Errorf("search: rebuild: swap %s and %s: %w", e.name, tmp, err)
	}
	if err := e.wait(ctx, task); err != nil {
		return fmt.Errorf("search: rebuild: swap %s and %s: %w", e.name, tmp, err)
	}
	return nil
}

func (e *Engine) createIndex(ctx context.Context, uid string) error {
	task, err := e.client.CreateIndexWithContext(ctx, &meilisearch.IndexConfig{Uid: uid, PrimaryKey: "id"})
	if err != nil {
		return fmt.Errorf("search: create index %s: %w", uid, err)
	}
	if err := e.wait(ctx, task); err != nil {
		return fmt.Errorf("search: create index %s: %w", uid, err)
	}
	return nil
}

// ensureIndex creates uid unless it exists.
func (e *Engine) ensureIndex(ctx context.Context, uid string) error {
	err := e.createIndex(ctx, uid)
	if err != nil && !isCode(err, "index_already_exists") {
		return err
	}
	return nil
}
