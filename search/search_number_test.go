package search_test

import (
	"slices"
	"testing"

	"xxgk/search"
)

// A number search fetches its first page with the number lookup and the full-text request at
// once, and later pages one after the other: paging through small pages must give the same
// list, totals and facets as one large page, with the number match first and no hit twice.
func TestNumberSearchPagesAgree(t *testing.T) {
	e := loaded(t)
	for _, q := range []string{"沈政发〔2023〕12号", "沈政发[2022]12号", "沈政发〔2099〕1号"} {
		all := mustSearch(t, e, search.Query{Q: q, PageSize: search.MaxPageSize})
		if all.Total < 1 {
			t.Fatalf("%s: total %d; the fixture should match it", q, all.Total)
		}
		var paged []string
		for page := 1; page <= int(all.Total); page++ {
			r := mustSearch(t, e, search.Query{Q: q, PageSize: 1, Page: page})
			if r.Total != all.Total || r.NumberMatches != all.NumberMatches {
				t.Errorf("%s page %d: total %d, %d number matches; one page says %d, %d", q, page, r.Total, r.NumberMatches, all.Total, all.NumberMatches)
			}
			if page == 1 && !maps2Equal(r.Facets.Counts(), all.Facets.Counts()) {
				t.Errorf("%s: facets of page 1 of size 1 %v differ from a page of 100 %v", q, r.Facets.Counts(), all.Facets.Counts())
			}
			paged = append(paged, ids(r.Hits)...)
		}
		if !slices.Equal(paged, ids(all.Hits)) {
			t.Errorf("%s: pages of one give %v, one page gives %v", q, paged, ids(all.Hits))
		}
	}
}

func maps2Equal(a, b map[string]map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, m := range a {
		if len(m) != len(b[k]) {
			return false
		}
		for v, n := range m {
			if b[k][v] != n {
				return false
			}
		}
	}
	return true
}
