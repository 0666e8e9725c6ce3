package search

import (
	"context"
	"errors"
	"html"
	"html/template"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"xxgk/calendar"
	"xxgk/catalog"
)

// This file joins the index to its source of truth: documents built from catalog entries, the
// catalog's outbox as the Indexer's Outbox, a full reindex from PostgreSQL, and a Service that
// answers from PostgreSQL when Meilisearch is away.

// DocumentOf builds the index document of a public catalog entry.
func DocumentOf(x catalog.Indexable) Document {
	e := x.Entry
	d := Document{
		ID: strconv.FormatInt(e.ID, 10), Title: e.Title, TitleEN: e.TitleEN, DocNo: e.DocNo,
		DocNoNorm: catalog.NormalizeDocNo(e.DocNo), IndexNo: e.IndexNo, Summary: e.Summary, SummaryEN: e.SummaryEN,
		Body: e.Body, AttachmentText: x.AttachmentText, BodyCode: e.BodyCode, BodyCodes: x.BodyCodes,
		BodyName: e.BodyName, Column: e.ColumnCode, ColumnName: e.ColumnName, Kind: string(e.Kind),
		Validity: string(e.Validity), Subject: e.Subject, FormedOn: e.FormedOn.String(), Type: TypeEntry,
	}
	if e.DocNo == "" {
		d.DocNoNorm = ""
	}
	if e.ColumnCode == catalog.ColumnInterpretations {
		d.Type = TypeInterpretation
	}
	if e.PublishedAt != nil {
		d.PublishedAt = e.PublishedAt.Unix()
		d.Year = e.PublishedAt.In(calendar.China).Year()
	}
	return d
}

// CatalogOutbox is the catalog's search outbox as the Indexer reads it.
type CatalogOutbox struct{ Store *catalog.Store }

// Claim implements Outbox.
func (o CatalogOutbox) Claim(ctx context.Context, limit int) (OutboxBatch, error) {
	c, err := o.Store.ClaimOutbox(ctx, limit)
	if errors.Is(err, catalog.ErrOutboxEmpty) {
		return nil, ErrOutboxEmpty
	}
	if err != nil {
		return nil, err
	}
	return catalogBatch{c}, nil
}

type catalogBatch struct{ c *catalog.OutboxClaim }

func (b catalogBatch) Changes() []Change {
	out := make([]Change, len(b.c.Items))
	for i, it := range b.c.Items {
		out[i] = Change{ID: strconv.FormatInt(it.EntryID, 10), EnqueuedAt: it.EnqueuedAt}
		if it.Doc != nil {
			d := DocumentOf(*it.Doc)
			out[i].Doc = &d
		}
	}
	return out
}

func (b catalogBatch) Done(ctx context.Context) error { return b.c.Done(ctx) }

func (b catalogBatch) Release(ctx context.Context, _ error) error { return b.c.Release(ctx) }

// Reindex rebuilds the whole index from the catalog into a fresh index and swaps it in, so
// search never goes blank. It holds the outbox for the duration: changes made meanwhile wait in
// the outbox and reach the new index after the swap. progress receives documents ingested.
func Reindex(ctx context.Context, e *Engine, store *catalog.Store, progress func(done int)) error {
	release, err := store.HoldOutbox(ctx)
	if err != nil {
		return err
	}
	defer release()
	return e.Rebuild(ctx, func(ctx context.Context, yield func([]Document) error) error {
		return store.EachIndexable(ctx, 2000, func(xs []catalog.Indexable) error {
			docs := make([]Document, len(xs))
			for i, x := range xs {
				docs[i] = DocumentOf(x)
			}
			return yield(docs)
		})
	}, progress)
}

// Service answers searches from Meilisearch, or from PostgreSQL when Meilisearch fails or its
// index is known to be incomplete; the result then says Degraded. After a failure it keeps to
// PostgreSQL for a short while instead of making every search wait for a dead engine.
//
// The index is known to be incomplete while it is empty and the catalog has public entries: on a
// brand-new install (or a Meilisearch that lost its data) until the first full build is swapped
// in. Answering from that empty index would tell citizens nothing exists.
type Service struct {
	Engine *Engine
	Store  *catalog.Store
	// Read, when set, returns the store the PostgreSQL answers read: one on a read replica
	// while it answers, Store otherwise. Nil: Store.
	Read   func() *catalog.Store
	Logger *slog.Logger
	// Cooldown is how long to skip the engine after it failed (default 10 s).
	Cooldown time.Duration
	// Timeout bounds one engine search (default 3 s).
	Timeout time.Duration
	// RecheckComplete is how often a complete index is checked for being empty again (default
	// 30 s); an incomplete one is checked every second so that search returns to Meilisearch
	// soon after the build is swapped in. Checks run beside searches, never in their way, except
	// the very first.
	RecheckComplete time.Duration

	mu        sync.Mutex
	downUntil time.Time
	// The completeness state: checked is when it was last established (zero: never).
	incomplete bool
	checked    time.Time
	checking   bool
}

// read is the store the PostgreSQL answers come from.
func (s *Service) read() *catalog.Store {
	if s.Read != nil {
		return s.Read()
	}
	return s.Store
}

// Search validates q and answers it. degraded reports that the answer came from PostgreSQL.
func (s *Service) Search(ctx context.Context, q Query) (res Result, degraded bool, err error) {
	if err := q.Validate(); err != nil {
		return Result{}, false, err
	}
	if s.Engine != nil && !s.engineDown() && !s.indexIncomplete(ctx) {
		timeout := s.Timeout
		if timeout <= 0 {
			timeout = 3 * time.Second
		}
		ectx, cancel := context.WithTimeout(ctx, timeout)
		res, err := s.Engine.Search(ectx, q)
		cancel()
		if err == nil {
			return res, false, nil
		}
		if ctx.Err() != nil {
			return Result{}, false, ctx.Err()
		}
		s.markDown()
		if s.Logger != nil {
			s.Logger.WarnContext(ctx, "search engine failed; answering from PostgreSQL", "err", err)
		}
	}
	res, err = s.fallback(ctx, q)
	return res, true, err
}

// indexIncomplete reports the last known completeness of the index, starting a fresh check
// in the background when that is due. The first call checks before answering.
func (s *Service) indexIncomplete(ctx context.Context) bool {
	s.mu.Lock()
	every := s.RecheckComplete
	if every <= 0 {
		every = 30 * time.Second
	}
	if s.incomplete {
		every = time.Second
	}
	first, due := s.checked.IsZero(), time.Since(s.checked) >= every && !s.checking
	if due {
		s.checking = true
	}
	incomplete := s.incomplete
	s.mu.Unlock()
	switch {
	case first && due:
		return s.checkComplete(ctx)
	case due:
		go s.checkComplete(context.WithoutCancel(ctx))
	}
	return incomplete
}

// checkComplete establishes whether the index is incomplete (empty while the catalog is not).
// When either side cannot answer, the state stays as it was: an unreachable engine is the
// search's own failure to handle.
func (s *Service) checkComplete(ctx context.Context) bool {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	incomplete, known := false, true
	switch n, err := s.Engine.Count(ctx); {
	case err != nil:
		known = false
	case n == 0 && s.Store != nil:
		want, err := s.read().CountIndexable(ctx)
		incomplete, known = want > 0, err == nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.checking = false
	if !known {
		if s.checked.IsZero() {
			s.checked = time.Now().Add(-time.Hour) // try again at the next search
		}
		return s.incomplete
	}
	if incomplete != s.incomplete && s.Logger != nil {
		if incomplete {
			s.Logger.Warn("search index is empty while the catalog is not: answering from PostgreSQL until it is built")
		} else {
			s.Logger.Info("search index is built: answering from Meilisearch again")
		}
	}
	s.incomplete, s.checked = incomplete, time.Now()
	return incomplete
}

func (s *Service) engineDown() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return time.Now().Before(s.downUntil)
}

func (s *Service) markDown() {
	d := s.Cooldown
	if d <= 0 {
		d = 10 * time.Second
	}
	s.mu.Lock()
	s.downUntil = time.Now().Add(d)
	s.mu.Unlock()
}

// fallback answers q with the catalog's plain-SQL search: no facets, literal highlights.
func (s *Service) fallback(ctx context.Context, q Query) (Result, error) {
	q = q.withDefaults()
	fq := catalog.FallbackQuery{
		Q: q.Q, Under: q.Under, Bodies: q.Bodies, Column: q.Column, Kind: catalog.Kind(q.Kind),
		Validity: catalog.Validity(q.Validity), Subject: q.Subject, Year: q.Year,
		SortDate: q.Sort != SortRelevance, Oldest: q.Sort == SortDateAsc, Page: q.Page, PageSize: q.PageSize,
	}
	total, es, err := s.read().SearchFallback(ctx, fq)
	if err != nil {
		return Result{}, err
	}
	res := Result{Total: int64(total), Page: q.Page, PageSize: q.PageSize, TotalPages: (total + q.PageSize - 1) / q.PageSize,
		Facets: Facets{counts: map[string]map[string]int64{}}}
	terms := strings.Fields(q.Q)
	for _, e := range es {
		d := DocumentOf(catalog.Indexable{Entry: e})
		snippet := e.Summary
		if e.SummaryEN != "" && !containsAnyFold(snippet, terms) && containsAnyFold(e.SummaryEN, terms) {
			snippet = e.SummaryEN // the words were English ones
		}
		if utf8.RuneCountInString(snippet) > 120 {
			snippet = string([]rune(snippet)[:120]) + "…"
		}
		res.Hits = append(res.Hits, Hit{
			ID: d.ID, Title: d.Title, TitleEN: d.TitleEN, DocNo: d.DocNo, IndexNo: d.IndexNo, BodyCode: d.BodyCode, BodyName: d.BodyName,
			Column: d.Column, ColumnName: d.ColumnName, Kind: d.Kind, Validity: d.Validity, Subject: d.Subject,
			Year: d.Year, PublishedAt: d.PublishedAt, FormedOn: d.FormedOn, Type: d.Type,
			Highlight: Highlight{Title: markTerms(d.Title, terms), TitleEN: markTerms(d.TitleEN, terms), Snippet: markTerms(snippet, terms)},
		})
	}
	return res, nil
}

// containsAnyFold reports whether s contains one of the terms, ignoring the case of letters.
func containsAnyFold(s string, terms []string) bool {
	s = strings.ToLower(s)
	for _, t := range terms {
		if strings.Contains(s, strings.ToLower(t)) {
			return true
		}
	}
	return false
}

// markTerms escapes s and marks every literal occurrence of the terms (case-insensitively for
// Latin letters), in one pass so that a mark never lands inside another.
func markTerms(s string, terms []string) template.HTML {
	lower := strings.ToLower(s)
	if len(lower) != len(s) {
		lower = s // a rare letter whose case forms differ in length: match case-sensitively
	}
	var b strings.Builder
	open := false
	for i := 0; i < len(s); {
		n := 0
		for _, t := range terms {
			if t != "" && len(t) > n && strings.HasPrefix(lower[i:], strings.ToLower(t)) && len(strings.ToLower(t)) == len(t) {
				n = len(t)
			}
		}
		if n == 0 {
			if open {
				b.WriteString("</mark>")
				open = false
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			b.WriteString(html.EscapeString(s[i : i+size]))
			i += size
			continue
		}
		if !open {
			b.WriteString("<mark>")
			open = true
		}
		b.WriteString(html.EscapeString(s[i : i+n]))
		i += n
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String()) //nolint:gosec // every piece of s is escaped; the only tags are our marks
}
