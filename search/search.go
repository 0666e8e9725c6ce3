package search

import (
	"cmp"
	"context"
	"fmt"
	"html"
	"html/template"
	"strings"
)

// maxNumberMatches bounds the exact number lookup. A document number names one document
// (a few entries for joint issuance or versions); a "number" matching more than this is not
// treated as one, and the query is searched as plain text.
const maxNumberMatches = MaxPageSize

// cropLength is the snippet length in Meilisearch words; a Chinese word is one or two
// characters, so this is roughly one line and a half on a results page.
const cropLength = 48

// hitDoc is the part of a stored document a result needs; body and attachment text stay
// in the index and only their cropped, highlighted form comes back.
type hitDoc struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	TitleEN     string `json:"title_en"`
	DocNo       string `json:"doc_no"`
	IndexNo     string `json:"index_no"`
	BodyCode    string `json:"body_code"`
	BodyName    string `json:"body_name"`
	Column      string `json:"column"`
	ColumnName  string `json:"column_name"`
	Kind        string `json:"kind"`
	Validity    string `json:"validity"`
	Subject     string `json:"subject"`
	Year        int    `json:"year"`
	PublishedAt int64  `json:"published_at"`
	FormedOn    string `json:"formed_on"`
	Type        string `json:"type"`
	Formatted   struct {
		Title          string `json:"title"`
		TitleEN        string `json:"title_en"`
		Summary        string `json:"summary"`
		Body           string `json:"body"`
		AttachmentText string `json:"attachment_text"`
		SummaryEN      string `json:"summary_en"`
	} `json:"_formatted"`
}

func retrievedAttributes() []string {
	return []string{
		"id", "title", "title_en", "doc_no", "index_no", "body_code", "body_name", "column", "column_name",
		"kind", "validity", "subject", "year", "published_at", "formed_on", "type",
	}
}

// page is one request's worth of results.
type page struct {
	total  int64
	hits   []Hit
	facets Facets
}

// Search runs q. A number-shaped query (a document or index number in any written form)
// first looks the number up exactly; those hits come first, followed by the full-text
// results without them. Totals are exact and facets count both parts.
//
// Words are matched with Meilisearch's "all" strategy, so a total means "documents
// containing every word"; when none do, Search retries with "last" (dropping words from
// the end) and sets Result.Relaxed.
func (e *Engine) Search(ctx context.Context, q Query) (Result, error) {
	if err := q.Validate(); err != nil {
		return Result{}, err
	}
	q = q.withDefaults()
	base := q.filter()
	n := q.PageSize
	start, end := (q.Page-1)*n, q.Page*n

	sortBy := sortOrder(q)
	var (
		exact page
		rest  = base
		// early holds the full-text part when it was fetched alongside the number lookup.
		early    page
		hasEarly bool
	)
	if num, ok := detectNumber(q.Q); ok {
		var f, not filter
		f.eq(num.field, num.value)
		not.notEq(num.field, num.value)
		lookup := e.request("", base.and(f), matchAll, []string{"published_at:desc"}, maxNumberMatches, 1)
		var p page
		if start == 0 {
			// On the first page, where nearly every number search stays, the full-text request
			// does not depend on how many documents the number matches (their hits are cut off
			// the end of the page below), so both go in one /multi-search call: a number search
			// costs Meilisearch one HTTP request, like any other (issue #5's benchmark).
			rs, err := e.search(ctx, lookup, e.request(q.Q, base.and(not), matchAll, sortBy, n, 1))
			if err != nil {
				return Result{}, fmt.Errorf("search: query %q: %w", q.Q, err)
			}
			p, early, hasEarly = pageOf(rs[0]), pageOf(rs[1]), true
		} else {
			var err error
			if p, err = e.run(ctx, lookup); err != nil {
				return Result{}, err
			}
		}
		switch {
		case p.total > 0 && p.total <= maxNumberMatches:
			exact = p
			for i := range exact.hits {
				exact.hits[i].NumberMatch = true
			}
			rest = base.and(not)
		case p.total > 0:
			// Not treated as a number: the early request excluded its documents.
			hasEarly = false
		}
	}
	numExact := len(exact.hits)

	res := Result{Page: q.Page, PageSize: n, NumberMatches: numExact}
	if start < numExact {
		res.Hits = append(res.Hits, exact.hits[start:min(end, numExact)]...)
	}

	// The full-text part fills the rest of the page: items [from, to) of its own list.
	from, to := max(start, numExact)-numExact, end-numExact
	fetch := func(strategy string) (page, error) {
		return e.window(ctx, q.Q, rest, strategy, sortBy, n, from, to)
	}
	full := early
	if hasEarly {
		// Items [0, n) were fetched; the page has room for [0, n-numExact). Without number
		// matches the NOT filter excluded nothing, so the result is the same as rest's.
		full.hits = full.hits[:min(len(full.hits), max(0, to))]
	} else {
		var err error
		if full, err = fetch(matchAll); err != nil {
			return Result{}, err
		}
	}
	if full.total == 0 && numExact == 0 && strings.ContainsFunc(q.Q, isWordBreakCandidate) {
		relaxed, err := fetch(matchLast)
		if err != nil {
			return Result{}, err
		}
		if relaxed.total > 0 {
			full, res.Relaxed = relaxed, true
		}
	}
	res.Hits = append(res.Hits, full.hits...)
	res.Total = int64(numExact) + full.total
	res.TotalPages = int((res.Total + int64(n) - 1) / int64(n))
	res.Facets = mergeFacets(full, exact)
	if res.Hits == nil {
		res.Hits = []Hit{}
	}
	return res, nil
}

// isWordBreakCandidate reports runes that suggest a query holds more than one word, so that
// relaxing the matching strategy could find something. Chinese text is segmented by
// Meilisearch, so any Han character counts.
func isWordBreakCandidate(r rune) bool {
	return r == ' ' || r >= 0x3400
}

func sortOrder(q Query) []string {
	switch q.Sort {
	case SortDateDesc:
		return []string{"published_at:desc"}
	case SortDateAsc:
		return []string{"published_at:asc"}
	}
	if q.Q == "" {
		// Without words every document is equally relevant; newest first is the useful order.
		return []string{"published_at:desc"}
	}
	return nil
}

// Meilisearch's matching strategies: every word, or dropping words from the end.
const (
	matchAll  = "all"
	matchLast = "last"
)

// window returns items [from, to) of a result list using exact page-based pagination with
// pages of n (at most two requests: the window is at most n long but need not be aligned).
// With to <= from it still returns the total and facets.
func (e *Engine) window(ctx context.Context, text string, f filter, strategy string, sortBy []string, n, from, to int) (page, error) {
	if to <= from {
		return e.run(ctx, e.request(text, f, strategy, sortBy, 0, 1))
	}
	first, last := from/n+1, (to-1)/n+1
	p, err := e.run(ctx, e.request(text, f, strategy, sortBy, n, first))
	if err != nil {
		return page{}, err
	}
	hits := p.hits
	if last != first && int64((last-1)*n) < p.total {
		p2, err := e.run(ctx, e.request(text, f, strategy, sortBy, n, last))
		if err != nil {
			return page{}, err
		}
		hits = append(hits, p2.hits...)
	}
	lo := from - (first-1)*n
	hi := min(to-(first-1)*n, len(hits))
	if lo >= hi {
		p.hits = nil
	} else {
		p.hits = hits[lo:hi]
	}
	return p, nil
}

// The request's constant lists, shared by every search (never modified).
var (
	searchFacets      = facetAttributes()
	searchRetrieve    = retrievedAttributes()
	searchHighlighted = []string{"title", "title_en", "summary", "body", "attachment_text", "summary_en"}
	searchCropped     = []string{"summary", "body", "attachment_text", "summary_en"}
)

// request returns one Meilisearch search with xxgk's retrieval, highlighting and facets.
func (e *Engine) request(text string, f filter, strategy string, sortBy []string, hitsPerPage, pageNo int) searchRequest {
	return searchRequest{
		Q:                     text,
		Filter:                f.String(),
		Sort:                  sortBy,
		HitsPerPage:           hitsPerPage,
		Page:                  pageNo,
		Facets:                searchFacets,
		AttributesToRetrieve:  searchRetrieve,
		AttributesToHighlight: searchHighlighted,
		AttributesToCrop:      searchCropped,
		CropLength:            cropLength,
		HighlightPreTag:       markPre,
		HighlightPostTag:      markPost,
		MatchingStrategy:      strategy,
	}
}

// run sends one search request.
func (e *Engine) run(ctx context.Context, r searchRequest) (page, error) {
	rs, err := e.search(ctx, r)
	if err != nil {
		return page{}, fmt.Errorf("search: query %q: %w", r.Q, err)
	}
	return pageOf(rs[0]), nil
}

func pageOf(r searchResponse) page {
	p := page{total: r.TotalHits, hits: make([]Hit, len(r.Hits)), facets: facetsOfJSON(r.FacetDistribution)}
	for i := range r.Hits {
		p.hits[i] = r.Hits[i].hit()
	}
	return p
}

func (d *hitDoc) hit() Hit {
	title := d.Formatted.Title
	if title == "" {
		title = d.Title
	}
	snippet := ""
	for _, s := range []string{d.Formatted.Summary, d.Formatted.Body, d.Formatted.AttachmentText, d.Formatted.SummaryEN} {
		if strings.Contains(s, markPre) {
			snippet = s
			break
		}
		if snippet == "" {
			snippet = s // the first non-empty text, if nothing matched
		}
	}
	var titleEN template.HTML
	if d.TitleEN != "" {
		titleEN = safeHighlight(cmp.Or(d.Formatted.TitleEN, d.TitleEN))
	}
	return Hit{
		ID: d.ID, Title: d.Title, TitleEN: d.TitleEN, DocNo: d.DocNo, IndexNo: d.IndexNo,
		BodyCode: d.BodyCode, BodyName: d.BodyName, Column: d.Column, ColumnName: d.ColumnName,
		Kind: d.Kind, Validity: d.Validity, Subject: d.Subject, Year: d.Year,
		PublishedAt: d.PublishedAt, FormedOn: d.FormedOn, Type: d.Type,
		Highlight: Highlight{Title: safeHighlight(title), TitleEN: titleEN, Snippet: safeHighlight(snippet)},
	}
}

// safeHighlight turns Meilisearch's formatted text into HTML: everything is escaped, then
// the private markers (which no document can contain, see prepare) become <mark> tags, and
// marks that touch are merged so a phrase split into words reads as one match.
func safeHighlight(s string) template.HTML {
	s = html.EscapeString(s)
	s = strings.ReplaceAll(s, markPost+markPre, "")
	s = strings.ReplaceAll(s, markPre, "<mark>")
	s = strings.ReplaceAll(s, markPost, "</mark>")
	return template.HTML(s) //nolint:gosec // escaped above; the only tags are our marks
}
