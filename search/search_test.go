package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"xxgk/search"
	"xxgk/search/searchtest"
)

// fixture returns the documents of testdata/relevance.json.
func fixture(tb testing.TB) []search.Document {
	tb.Helper()
	b, err := os.ReadFile("testdata/relevance.json")
	if err != nil {
		tb.Fatal(err)
	}
	var docs []search.Document
	if err := json.Unmarshal(b, &docs); err != nil {
		tb.Fatal(err)
	}
	return docs
}

// loaded returns an engine on a fresh index holding the fixture.
func loaded(tb testing.TB) *search.Engine {
	tb.Helper()
	e := searchtest.Engine(tb)
	if err := e.Upsert(testCtx(tb), fixture(tb)); err != nil {
		tb.Fatal(err)
	}
	return e
}

func testCtx(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	tb.Cleanup(cancel)
	return ctx
}

func ids(hits []search.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func mustSearch(t *testing.T, e *search.Engine, q search.Query) search.Result {
	t.Helper()
	r, err := e.Search(testCtx(t), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	return r
}

func TestRelevance(t *testing.T) {
	e := loaded(t)
	tests := []struct {
		name    string
		q       string
		first   string   // expected first hit, if set
		include []string // expected somewhere in the first page
		exclude []string // must not be in the results
		total   int64    // expected total, if set
	}{
		// Every document containing the phrase, and none that has only 营商 or 环境.
		{name: "phrase", q: "营商环境", include: []string{"e01", "e02", "e03", "e04", "e05", "e11", "e22", "e36"}, total: 8},
		{name: "phrase with verb", q: "优化营商环境", include: []string{"e01", "e02", "e03", "e04", "e05", "e22"}, exclude: []string{"e11", "e36"}},
		{name: "prefix", q: "营商", include: []string{"e01", "e11"}},
		{name: "normative documents", q: "规范性文件", include: []string{"e06", "e07", "e08"}, total: 3},
		{name: "doc no canonical", q: "沈政发〔2023〕12号", first: "e01", include: []string{"e03"}},
		{name: "doc no ascii brackets", q: "沈政发[2023]12号", first: "e01"},
		{name: "doc no round brackets", q: "沈政发(2023)12号", first: "e01"},
		{name: "doc no full-width", q: "沈政发（２０２３）１２号", first: "e01"},
		{name: "doc no spaced", q: "沈政发2023 12号", first: "e01"},
		{name: "doc no other year", q: "沈政发〔2022〕12号", first: "e24"},
		{name: "doc no department", q: "沈发改发〔2023〕30号", first: "e10"},
		{name: "index no", q: "11210100MB0123456X/2023-00001", first: "e01"},
		{name: "index no lower case", q: "11210100mb0123456x/2023-00001", first: "e01"},
		{name: "index no hyphens", q: "01527918X-2023-00001", first: "e22"},
		{name: "synonym abbreviation", q: "发改委", include: []string{"e09", "e10"}},
		{name: "synonym 民营企业", q: "民营企业", first: "e10"},
		{name: "synonym 人社局", q: "人社局", first: "e12"},
		{name: "synonym 住建局", q: "住建局", include: []string{"e13", "e32"}},
		{name: "synonym 低保", q: "低保", include: []string{"e17", "e18", "e35"}},
		{name: "synonym 小微企业", q: "小微企业", first: "e28"},
		{name: "english", q: "business environment", include: []string{"e01", "e03", "e36"}},
		{name: "english title", q: "digital government", first: "e21"},
		{name: "english annual report", q: "annual report information disclosure", first: "e19"},
		{name: "annual report", q: "政府信息公开工作年度报告", include: []string{"e19", "e20", "e37"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustSearch(t, e, search.Query{Q: tt.q})
			got := ids(r.Hits)
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("first hit of %q: got %v, want %s first", tt.q, got, tt.first)
			}
			for _, id := range tt.include {
				if !slices.Contains(got, id) {
					t.Errorf("%q: %s missing from %v", tt.q, id, got)
				}
			}
			for _, id := range tt.exclude {
				if slices.Contains(got, id) {
					t.Errorf("%q: %s unexpectedly in %v", tt.q, id, got)
				}
			}
			if tt.total != 0 && r.Total != tt.total {
				t.Errorf("%q: total %d, want %d (%v)", tt.q, r.Total, tt.total, got)
			}
		})
	}
}

func TestNumberMatchComesFirstOnce(t *testing.T) {
	e := loaded(t)
	r := mustSearch(t, e, search.Query{Q: "沈政发〔2023〕12号"})
	if r.NumberMatches != 1 || !r.Hits[0].NumberMatch {
		t.Fatalf("NumberMatches = %d, first = %+v", r.NumberMatches, r.Hits[0])
	}
	seen := map[string]bool{}
	for _, h := range r.Hits {
		if seen[h.ID] {
			t.Errorf("%s appears twice in %v", h.ID, ids(r.Hits))
		}
		seen[h.ID] = true
	}
	if int64(len(r.Hits)) != r.Total {
		t.Errorf("total %d but %d hits on a single page", r.Total, len(r.Hits))
	}
	// The number match respects the filters: e01 is from shenyang, so filtering on another
	// body leaves only full-text results.
	r = mustSearch(t, e, search.Query{Q: "沈政发〔2023〕12号", Bodies: []string{"sy-fgw"}})
	if r.NumberMatches != 0 || slices.Contains(ids(r.Hits), "e01") {
		t.Errorf("filtered number search: %d number matches, hits %v", r.NumberMatches, ids(r.Hits))
	}
}

func TestFacets(t *testing.T) {
	e := loaded(t)
	r := mustSearch(t, e, search.Query{Q: "营商环境"})
	want := map[string]map[string]int64{
		"body_code": {"shenyang": 4, "liaoning": 2, "sy-heping": 1, "sy-yshj": 1},
		"column":    {"gfxwj": 4, "gz": 1, "qtwj": 2, "zcjd": 1},
		"kind":      {"normative": 4, "other": 3, "rule": 1},
		"validity":  {"in_force": 5},
		"subject":   {`综合政务\营商环境`: 8},
		"year":      {"2021": 1, "2022": 2, "2023": 5},
	}
	for facet, values := range want {
		for v, n := range values {
			if got := r.Facets.Counts()[facet][v]; got != n {
				t.Errorf("facet %s[%s] = %d, want %d (all: %v)", facet, v, got, n, r.Facets.Counts()[facet])
			}
		}
		if len(r.Facets.Counts()[facet]) != len(values) {
			t.Errorf("facet %s = %v, want %v", facet, r.Facets.Counts()[facet], values)
		}
	}
	// Facets count the number match too, though it comes from a separate lookup.
	r = mustSearch(t, e, search.Query{Q: "沈政发〔2023〕12号"})
	var sum int64
	for _, n := range r.Facets.Counts()["kind"] {
		sum += n
	}
	if sum != r.Total || r.Facets.Counts()["validity"]["in_force"] != 1 {
		t.Errorf("number search: kind facets %v sum to %d, total %d; validity %v", r.Facets.Counts()["kind"], sum, r.Total, r.Facets.Counts()["validity"])
	}
}

func TestFilters(t *testing.T) {
	e := loaded(t)
	tests := []struct {
		name string
		q    search.Query
		want []string // exact set
	}{
		{"body", search.Query{Bodies: []string{"sy-fgw"}}, []string{"e09", "e10", "e28"}},
		{"bodies", search.Query{Bodies: []string{"sy-fgw", "sy-rsj"}}, []string{"e09", "e10", "e28", "e12", "e29"}},
		{"under", search.Query{Under: "sy-heping"}, []string{"e22", "e31", "e37", "e40"}},
		{"kind rule", search.Query{Kind: search.KindRule}, []string{"e04", "e06"}},
		{"validity lapsed", search.Query{Validity: search.ValidityLapsed}, []string{"e15", "e33"}},
		{"validity repealed", search.Query{Validity: search.ValidityRepealed}, []string{"e16", "e38"}},
		{"validity amended", search.Query{Validity: search.ValidityAmended}, []string{"e17"}},
		{"year", search.Query{Year: 2021}, []string{"e04", "e06", "e34"}},
		{"column", search.Query{Column: "nb"}, []string{"e19", "e20", "e37"}},
		{"subject with backslash", search.Query{Subject: `民政、扶贫、救灾\社会救助`}, []string{"e17", "e18", "e35"}},
		{"words and filters", search.Query{Q: "营商环境", Kind: search.KindNormative, Validity: search.ValidityInForce, Year: 2023}, []string{"e01", "e22", "e36"}},
		{"no match", search.Query{Year: 1990}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.q.PageSize = 100
			r := mustSearch(t, e, tt.q)
			got := ids(r.Hits)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) || r.Total != int64(len(want)) {
				t.Errorf("got %v (total %d), want %v", got, r.Total, want)
			}
		})
	}
}

// TestFilterInjection sends values crafted to close the quoted string and add an OR. If any
// reached the filter unescaped, it would widen the result to every rule (or everything).
func TestFilterInjection(t *testing.T) {
	e := loaded(t)
	ctx := testCtx(t)
	crafted := []string{
		`x" OR kind = "rule`,
		`x\" OR kind = \"rule`,
		`x\\" OR kind = "rule" OR column = "x`,
		`x' OR kind = 'rule`,
		`nb") OR (kind = "rule`,
		"x\" OR year > 0 OR column = \"",
		`x" OR NOT column = "x`,
	}
	for _, v := range crafted {
		for _, q := range []search.Query{{Column: v}, {Subject: v}, {Column: v, Q: "营商环境"}} {
			r, err := e.Search(ctx, q)
			if err != nil {
				t.Errorf("%+v: %v", q, err)
				continue
			}
			if r.Total != 0 {
				t.Errorf("%+v widened the result: %d hits %v", q, r.Total, ids(r.Hits))
			}
		}
	}
	// Fields limited to fixed sets or code shapes refuse crafted values outright.
	for _, q := range []search.Query{
		{Bodies: []string{`shenyang" OR kind = "rule`}},
		{Under: `shenyang" OR kind = "rule`},
		{Kind: `rule" OR kind = "normative`},
		{Validity: `in_force" OR validity = "lapsed`},
	} {
		_, err := e.Search(ctx, q)
		var ve search.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("%+v: got %v, want a ValidationError", q, err)
		}
	}
	// A value full of quotes and backslashes still matches exactly the document that has it.
	odd := `a"b\c" OR kind = "rule`
	doc := search.Document{ID: "odd", Title: "特殊栏目测试", Column: odd, BodyCode: "shenyang", Kind: search.KindOther, PublishedAt: 1}
	if err := e.Upsert(ctx, []search.Document{doc}); err != nil {
		t.Fatal(err)
	}
	r := mustSearch(t, e, search.Query{Column: odd})
	if got := ids(r.Hits); !slices.Equal(got, []string{"odd"}) {
		t.Errorf("exact odd column: got %v, want [odd]", got)
	}
}

func TestSortByDate(t *testing.T) {
	e := loaded(t)
	for _, s := range []string{search.SortDateDesc, search.SortDateAsc} {
		r := mustSearch(t, e, search.Query{Q: "营商环境", Sort: s})
		if len(r.Hits) != 8 {
			t.Fatalf("%s: %d hits", s, len(r.Hits))
		}
		for i := 1; i < len(r.Hits); i++ {
			a, b := r.Hits[i-1].PublishedAt, r.Hits[i].PublishedAt
			if s == search.SortDateDesc && a < b || s == search.SortDateAsc && a > b {
				t.Errorf("%s: %v not sorted", s, ids(r.Hits))
				break
			}
		}
	}
	// With no words, the default order is newest first.
	r := mustSearch(t, e, search.Query{})
	if r.Hits[0].ID != "e29" {
		t.Errorf("newest first: got %s, want e29", r.Hits[0].ID)
	}
}

func TestPagination(t *testing.T) {
	e := loaded(t)
	for _, q := range []string{"", "沈政发〔2023〕12号", "沈阳市"} {
		all := mustSearch(t, e, search.Query{Q: q, PageSize: 100})
		if all.Total == 0 || int64(len(all.Hits)) != all.Total {
			t.Fatalf("%q: %d hits, total %d", q, len(all.Hits), all.Total)
		}
		var paged []string
		for p := 1; ; p++ {
			r := mustSearch(t, e, search.Query{Q: q, Page: p, PageSize: 7})
			if r.Total != all.Total {
				t.Errorf("%q page %d: total %d, want %d", q, p, r.Total, all.Total)
			}
			if r.TotalPages != int((all.Total+6)/7) {
				t.Errorf("%q page %d: %d pages for %d hits", q, p, r.TotalPages, all.Total)
			}
			if len(r.Hits) == 0 {
				break
			}
			paged = append(paged, ids(r.Hits)...)
		}
		if want := ids(all.Hits); !slices.Equal(paged, want) {
			t.Errorf("%q: pages give %v\nwant %v", q, paged, want)
		}
	}
	if r := mustSearch(t, e, search.Query{}); r.Total != 40 || len(r.Hits) != search.DefaultPageSize {
		t.Errorf("default page: %d hits of %d", len(r.Hits), r.Total)
	}
}

func TestHighlight(t *testing.T) {
	e := loaded(t)
	ctx := testCtx(t)
	r := mustSearch(t, e, search.Query{Q: "营商环境", Bodies: []string{"sy-yshj"}})
	if len(r.Hits) != 1 {
		t.Fatalf("hits %v", ids(r.Hits))
	}
	h := r.Hits[0].Highlight
	if got := string(h.Title); got != "关于开展<mark>营商环境</mark>监督员选聘工作的通知" {
		t.Errorf("title highlight %q", got)
	}
	if !strings.Contains(string(h.Snippet), "<mark>营商环境</mark>") || strings.Contains(string(h.Snippet), "</mark><mark>") {
		t.Errorf("snippet %q", h.Snippet)
	}

	evil := search.Document{
		ID: "xss", BodyCode: "shenyang", PublishedAt: 2,
		Title:   `关于<script>alert("营商环境")</script>的通知`,
		Summary: `营商环境 <img src=x onerror=alert(1)> & "引号" <mark>伪造</mark>`,
		Body:    strings.Repeat("正文内容。", 200) + "<script>营商环境</script>",
	}
	if err := e.Upsert(ctx, []search.Document{evil}); err != nil {
		t.Fatal(err)
	}
	r = mustSearch(t, e, search.Query{Q: "营商环境 伪造"})
	if len(r.Hits) == 0 || r.Hits[0].ID != "xss" {
		t.Fatalf("hits %v", ids(r.Hits))
	}
	h = r.Hits[0].Highlight
	if got, want := string(h.Title), `关于&lt;script&gt;alert(&#34;<mark>营商环境</mark>&#34;)&lt;/script&gt;的通知`; got != want {
		t.Errorf("title\n got %s\nwant %s", got, want)
	}
	snip := string(h.Snippet)
	for _, bad := range []string{"<script", "<img", "<mark><mark>"} {
		if strings.Contains(snip, bad) {
			t.Errorf("snippet contains %q: %s", bad, snip)
		}
	}
	if !strings.Contains(snip, "&lt;img") || !strings.Contains(snip, "&amp;") || !strings.Contains(snip, "&lt;mark&gt;<mark>伪造</mark>&lt;/mark&gt;") {
		t.Errorf("snippet not escaped as expected: %s", snip)
	}
	// Body text is cropped: a long body never comes back whole.
	r = mustSearch(t, e, search.Query{Q: "正文内容"})
	if len(r.Hits) != 1 {
		t.Fatalf("hits %v", ids(r.Hits))
	}
	snip = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(string(r.Hits[0].Highlight.Snippet))
	if n := len([]rune(snip)); n > 200 || !strings.HasSuffix(snip, "…") {
		t.Errorf("body snippet not cropped (%d runes): %s", n, snip)
	}
}

func TestRelaxedMatching(t *testing.T) {
	e := loaded(t)
	r := mustSearch(t, e, search.Query{Q: "优化营商环境 火星"})
	if !r.Relaxed || r.Total == 0 {
		t.Errorf("relaxed = %v, total %d", r.Relaxed, r.Total)
	}
	r = mustSearch(t, e, search.Query{Q: "营商环境"})
	if r.Relaxed {
		t.Error("exact query reported as relaxed")
	}
}

func TestUpsertDeleteCount(t *testing.T) {
	e := loaded(t)
	ctx := testCtx(t)
	n, err := e.Count(ctx)
	if err != nil || n != 40 {
		t.Fatalf("Count = %d, %v; want 40", n, err)
	}
	if err := e.Delete(ctx, []string{"e01", "e02", "no-such-id"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := e.Count(ctx); n != 38 {
		t.Errorf("after delete Count = %d, want 38", n)
	}
	r := mustSearch(t, e, search.Query{Q: "沈政发〔2023〕12号"})
	if slices.Contains(ids(r.Hits), "e01") {
		t.Error("deleted document still found")
	}
	// Upsert replaces the whole document.
	doc := fixture(t)[2]
	doc.Title = "新标题"
	if err := e.Upsert(ctx, []search.Document{doc}); err != nil {
		t.Fatal(err)
	}
	r = mustSearch(t, e, search.Query{Q: "新标题"})
	if len(r.Hits) != 1 || r.Hits[0].ID != doc.ID {
		t.Errorf("replaced document: %v", ids(r.Hits))
	}
	if err := e.Upsert(ctx, []search.Document{{ID: "bad id"}}); err == nil {
		t.Error("Upsert accepted an invalid id")
	}
	if err := e.Healthy(ctx); err != nil {
		t.Error(err)
	}
}

func TestUnreachable(t *testing.T) {
	e, err := search.New(search.Config{URL: "http://127.0.0.1:1", IndexName: "nowhere"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := testCtx(t)
	if err := e.Healthy(ctx); !errors.Is(err, search.ErrUnavailable) {
		t.Errorf("Healthy = %v, want ErrUnavailable", err)
	}
	if _, err := e.Search(ctx, search.Query{Q: "营商环境"}); err == nil {
		t.Error("Search succeeded without Meilisearch")
	}
}
