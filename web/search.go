package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/search"
)

// Searcher answers public searches: from Meilisearch, or from PostgreSQL when it is down
// (degraded).
type Searcher interface {
	Search(ctx context.Context, q search.Query) (search.Result, bool, error)
}

// searchQuery reads the Interface's parameters: q, body, column, kind, validity, subject, year,
// sort, page, page_size. Numbers that do not parse are reported like any invalid value.
func searchQuery(v url.Values) (search.Query, map[string]string) {
	q := search.Query{Q: v.Get("q"), Under: v.Get("body"), Column: v.Get("column"), Kind: v.Get("kind"),
		Validity: v.Get("validity"), Subject: v.Get("subject"), Sort: v.Get("sort")}
	problems := map[string]string{}
	num := func(name string, dst *int) {
		if s := v.Get(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				problems[name] = "not a number"
				return
			}
			*dst = n
		}
	}
	num("year", &q.Year)
	num("page", &q.Page)
	num("page_size", &q.PageSize)
	return q, problems
}

// searchHit is a hit as the API returns it: the Interface's fields plus the rest of the hit.
type searchHit struct {
	search.Hit
	Body string `json:"body"` // the issuing body's code
	URL  string `json:"url"`
	// PublishedOn is published_at as a China date, for people; published_at stays unix seconds.
	PublishedOn string `json:"published_on,omitempty"`
}

func hitsOf(res search.Result) []searchHit {
	out := make([]searchHit, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = searchHit{Hit: h, Body: h.BodyCode, URL: "/entries/" + h.ID}
		if h.PublishedAt > 0 {
			out[i].PublishedOn = time.Unix(h.PublishedAt, 0).In(calendar.China).Format("2006-01-02")
		}
	}
	return out
}

// runSearch validates and answers the request's search, answering 400 itself when invalid.
func (s *Server) runSearch(w http.ResponseWriter, r *http.Request) (search.Query, search.Result, bool, bool) {
	q, problems := searchQuery(r.URL.Query())
	lang := requestLang(r)
	if len(problems) == 0 {
		var v search.ValidationError
		if err := q.Validate(); errors.As(err, &v) {
			for k, msg := range v {
				problems[k] = msg
			}
		}
	}
	if len(problems) > 0 {
		if isAPI(r) {
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), problems)
		} else {
			s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "search.invalid", "search.invalid")
		}
		return q, search.Result{}, false, false
	}
	res, degraded, err := s.search.Search(r.Context(), q)
	if err != nil {
		s.serverError(w, r, err)
		return q, res, false, false
	}
	return q, res, degraded, true
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, res, degraded, ok := s.runSearch(w, r)
	if !ok {
		return
	}
	page := q.Page
	if page == 0 {
		page = 1
	}
	writeJSON(w, http.StatusOK, &searchAnswer{
		Total: res.Total, Page: page, PageSize: res.PageSize, TotalPages: res.TotalPages,
		Hits: hitsOf(res), Facets: res.Facets, Degraded: degraded, Relaxed: res.Relaxed,
	})
}

// searchAnswer is the body of GET /api/v1/search (fields in alphabetical order, as the map it
// replaced wrote them; a struct spares every search an interface map).
type searchAnswer struct {
	Degraded   bool          `json:"degraded"`
	Facets     search.Facets `json:"facets"` // passed on as Meilisearch wrote it where possible
	Hits       []searchHit   `json:"hits"`
	Page       int           `json:"page"`
	PageSize   int           `json:"page_size"`
	Relaxed    bool          `json:"relaxed"`
	Total      int64         `json:"total"`
	TotalPages int           `json:"total_pages"`
}

// SearchPage is the public search page.
type SearchPage struct {
	Page
	Q        string
	Query    search.Query
	Searched bool
	Total    int64
	Hits     []searchHit
	Degraded bool
	Relaxed  bool
	Facets   []FacetGroup
	Active   []ActiveFilter
	Pager    Pager
	Sorts    []NavItem
}

// FacetGroup is one facet (department, kind, …) with its values as links that add the filter.
type FacetGroup struct {
	Label  string
	Values []FacetValue
}

// FacetValue is one value of a facet with its count.
type FacetValue struct {
	Label   string
	Count   int64
	Href    string
	Current bool
}

// ActiveFilter is a filter in force, with the link that removes it.
type ActiveFilter struct {
	Label string
	Href  string
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	p := SearchPage{Page: s.page(r, s.msgs.T(lang, "search.title"))}
	v := r.URL.Query()
	if v.Get("q") == "" && len(v) == 0 {
		s.render(w, r, http.StatusOK, "search", &p)
		return
	}
	q, res, degraded, ok := s.runSearch(w, r)
	if !ok {
		return
	}
	p.Q, p.Query, p.Searched, p.Total, p.Hits, p.Degraded, p.Relaxed = q.Q, q, true, res.Total, hitsOf(res), degraded, res.Relaxed
	size := res.PageSize
	if size == 0 {
		size = search.DefaultPageSize
	}
	p.Pager = newPager(r.URL, res.Page, size, int(min(res.Total, int64(search.MaxPage*size))))
	names := s.bodyNames(r.Context(), lang)
	labels := map[string]func(string) string{
		"body":     func(c string) string { return orDefault(names[c], c) },
		"kind":     func(k string) string { return labelOf(lang, catalog.Kind(k), k) },
		"validity": func(k string) string { return labelOf(lang, catalog.Validity(k), k) },
		"year":     func(y string) string { return y },
		"subject":  func(x string) string { return x },
	}
	// The index's facet attribute → the query parameter that filters on it.
	facetParams := []struct{ attr, param, key string }{
		{"body_code", "body", "search.facet.body"}, {"kind", "kind", "search.facet.kind"},
		{"validity", "validity", "search.facet.validity"}, {"year", "year", "search.facet.year"},
		{"subject", "subject", "search.facet.subject"},
	}
	facetCounts := res.Facets.Counts()
	for _, f := range facetParams {
		counts := facetCounts[f.attr]
		if len(counts) == 0 {
			continue
		}
		g := FacetGroup{Label: s.msgs.T(lang, f.key)}
		for value, n := range counts {
			u := withParam(r.URL, f.param, value)
			g.Values = append(g.Values, FacetValue{Label: labels[f.param](value), Count: n, Href: u, Current: v.Get(f.param) == value})
		}
		sort.Slice(g.Values, func(i, j int) bool {
			if f.param == "year" {
				return g.Values[i].Label > g.Values[j].Label
			}
			if g.Values[i].Count != g.Values[j].Count {
				return g.Values[i].Count > g.Values[j].Count
			}
			return g.Values[i].Label < g.Values[j].Label
		})
		if len(g.Values) > 12 {
			g.Values = g.Values[:12]
		}
		p.Facets = append(p.Facets, g)
	}
	for _, f := range facetParams {
		if value := v.Get(f.param); value != "" {
			p.Active = append(p.Active, ActiveFilter{Label: s.msgs.T(lang, f.key) + "：" + labels[f.param](value), Href: withParam(r.URL, f.param, "")})
		}
	}
	for _, o := range []string{search.SortRelevance, search.SortDateDesc, search.SortDateAsc} {
		cur := v.Get("sort")
		if cur == "" {
			cur = search.SortRelevance
		}
		p.Sorts = append(p.Sorts, NavItem{Href: withParam(r.URL, "sort", o), Label: s.msgs.T(lang, "search.sort."+o), Current: cur == o})
	}
	s.render(w, r, http.StatusOK, "search", &p)
}

// withParam returns u's path and query with name set to value (removed when value is empty) and
// the page reset, as a facet or sort link needs.
func withParam(u *url.URL, name, value string) string {
	q := u.Query()
	q.Del("page")
	if value == "" {
		q.Del(name)
	} else {
		q.Set(name, value)
	}
	return u.Path + "?" + q.Encode()
}

// bodyNames maps body codes to names in lang, for facet labels.
func (s *Server) bodyNames(ctx context.Context, lang string) map[string]string {
	names := map[string]string{}
	if s.bodies == nil {
		return names
	}
	all, err := s.bodies.List(ctx)
	if err != nil {
		return names
	}
	for _, b := range all {
		names[b.Code] = b.DisplayName(lang)
	}
	return names
}

func labelOf(lang string, v labeled, fallback string) string {
	l := v.Label()
	if lang == "en" {
		l = v.LabelEN()
	}
	return orDefault(l, fallback)
}

func orDefault(s, d string) string {
	if strings.TrimSpace(s) == "" {
		return d
	}
	return s
}
