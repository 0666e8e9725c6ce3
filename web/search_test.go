package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
	"xxgk/search"
	"xxgk/search/searchtest"
)

// searchEngineState is the Meilisearch a search fixture's server finds.
type searchEngineState int

const (
	meiliIndexed searchEngineState = iota // the index holds every published entry
	meiliDead                             // Meilisearch is unreachable
	meiliUnbuilt                          // the index exists but its first build has not run
)

// searchFixture is a server whose search runs on a real Meilisearch index holding two
// published entries (and a draft that must never be found), or in the state given.
func searchFixture(t *testing.T, state searchEngineState) *Server {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	actor := audit.CLI("test")
	bs := bodies.NewStore(db)
	for _, nb := range []bodies.NewBody{
		{Code: "sy", Name: "沈阳市人民政府", OrgCode: "000014349", Level: "city"},
		{Code: "sy-fgw", Name: "沈阳市发展和改革委员会", OrgCode: "000013338", Parent: "sy"},
	} {
		if _, err := bs.Create(ctx, actor, nb); err != nil {
			t.Fatal(err)
		}
	}
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	cs := catalog.NewStore(db, cal)
	for _, in := range []catalog.EntryInput{
		{Title: "沈阳市优化营商环境若干措施", DocNo: "沈政发〔2023〕12号", Kind: catalog.KindNormative, FormedOn: calendar.NewDate(2023, 5, 4), Summary: "为持续优化营商环境，激发市场主体活力。",
			TitleEN: "Several Measures of Shenyang to Optimize the Business Environment", SummaryEN: "To keep improving the business environment and energise market entities."},
		{Title: "沈阳市促进民营经济发展实施办法", DocNo: "沈政发〔2023〕13号", Kind: catalog.KindNormative, FormedOn: calendar.NewDate(2023, 6, 1), Summary: "支持民营企业发展壮大。"},
	} {
		e, err := cs.Create(ctx, actor, "sy-fgw", in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cs.Publish(ctx, actor, e.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := cs.Create(ctx, actor, "sy-fgw", catalog.EntryInput{Title: "营商环境内部草稿", Kind: catalog.KindNormative, FormedOn: calendar.NewDate(2023, 6, 1)}); err != nil {
		t.Fatal(err)
	}
	engine := searchtest.Engine(t)
	ix, err := search.NewIndexer(search.IndexerConfig{Engine: engine, Outbox: search.CatalogOutbox{Store: cs}})
	if err != nil {
		t.Fatal(err)
	}
	switch state {
	case meiliUnbuilt:
		if err := engine.EnsureSettings(ctx); err != nil {
			t.Fatal(err)
		}
	default:
		if _, err := ix.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if state == meiliDead {
		if engine, err = search.New(search.Config{URL: "http://127.0.0.1:1", IndexName: "entries"}); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(Deps{Bodies: bs, Catalog: cs, Search: &search.Service{Engine: engine, Store: cs}, Ready: func(context.Context) []Check { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type searchResponse struct {
	Total int `json:"total"`
	Hits  []struct {
		ID, Title   string
		TitleEN     string `json:"title_en"`
		DocNo       string `json:"doc_no"`
		IndexNo     string `json:"index_no"`
		Body        string `json:"body"`
		PublishedAt int64  `json:"published_at"`
		Highlight   struct {
			Title   string
			TitleEN string `json:"title_en"`
			Snippet string
		}
	} `json:"hits"`
	Facets   map[string]map[string]int `json:"facets"`
	Degraded bool                      `json:"degraded"`
}

func apiSearch(t *testing.T, s *Server, query string) (int, searchResponse) {
	t.Helper()
	// Escape each value as a browser would: the crafted ones contain spaces and quotes.
	v := url.Values{}
	for _, kv := range strings.Split(query, "&") {
		k, val, _ := strings.Cut(kv, "=")
		v.Add(k, val)
	}
	rec := call(t, s, "", "GET", "/api/v1/search?"+v.Encode(), "")
	var res searchResponse
	if rec.Code == http.StatusOK {
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
	}
	return rec.Code, res
}

func TestSearchAPI(t *testing.T) {
	s := searchFixture(t, meiliIndexed)
	code, res := apiSearch(t, s, "q=营商环境")
	if code != 200 || res.Degraded || res.Total != 1 || res.Hits[0].Title != "沈阳市优化营商环境若干措施" {
		t.Fatalf("营商环境: %d %+v", code, res)
	}
	h := res.Hits[0]
	if h.Body != "sy-fgw" || h.IndexNo == "" || h.PublishedAt == 0 || !strings.Contains(h.Highlight.Title, "<mark>营商环境</mark>") {
		t.Errorf("hit lacks the Interface's fields: %+v", h)
	}
	if res.Facets["kind"]["normative"] != 1 {
		t.Errorf("facets = %v", res.Facets)
	}
	// The number typed with ASCII brackets puts its document first.
	if _, res := apiSearch(t, s, "q=沈政发[2023]13号"); len(res.Hits) == 0 || res.Hits[0].DocNo != "沈政发〔2023〕13号" {
		t.Errorf("document number: %+v", res.Hits)
	}
	// The city's scope includes its department; a crafted body value is refused, not widened.
	if _, res := apiSearch(t, s, "body=sy"); res.Total != 2 {
		t.Errorf("body=sy: %d hits, want 2", res.Total)
	}
	for _, bad := range []string{`body=sy" OR body_code != "x`, "kind=secret", "page_size=1000", "year=abc", "q=" + strings.Repeat("营", 201)} {
		if code, _ := apiSearch(t, s, bad); code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", bad, code)
		}
	}
	rec := call(t, s, "", "GET", "/search?q=营商环境&kind=normative", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "<mark>营商环境</mark>") || strings.Contains(rec.Body.String(), "内部草稿") {
		t.Errorf("search page: %d", rec.Code)
	}
	englishSearch(t, s, false)
}

// englishSearch checks that English words find the entry by its English title and summary, that
// the hit carries the English title with the words marked, and that the English search page
// shows that title; entries without English text have no English title.
func englishSearch(t *testing.T, s *Server, degraded bool) {
	t.Helper()
	code, res := apiSearch(t, s, "q=business environment")
	if code != 200 || res.Degraded != degraded || res.Total != 1 {
		t.Fatalf("business environment: %d %+v", code, res)
	}
	h := res.Hits[0]
	if h.TitleEN != "Several Measures of Shenyang to Optimize the Business Environment" ||
		!strings.Contains(h.Highlight.TitleEN, "<mark>Business</mark>") || !strings.Contains(h.Highlight.TitleEN, "<mark>Environment</mark>") ||
		!strings.Contains(h.Highlight.Snippet, "<mark>business</mark>") {
		t.Errorf("English hit: %+v", h)
	}
	if _, res := apiSearch(t, s, "q=民营"); len(res.Hits) != 1 || res.Hits[0].TitleEN != "" || res.Hits[0].Highlight.TitleEN != "" {
		t.Errorf("an entry without English text: %+v", res.Hits)
	}
	en := call(t, s, "", "GET", "/search?q=business+environment&lang=en", "").Body.String()
	zh := call(t, s, "", "GET", "/search?q=business+environment", "").Body.String()
	if !strings.Contains(en, "Several Measures of Shenyang to Optimize the <mark>Business</mark> <mark>Environment</mark>") {
		t.Errorf("the English search page does not show the English title:\n%s", en)
	}
	if !strings.Contains(zh, ">沈阳市优化营商环境若干措施</a>") {
		t.Errorf("the Chinese search page does not show the Chinese title:\n%s", zh)
	}
	// The hit's entry page, in English: the English title and summary, and the official title;
	// in Chinese as before.
	page := call(t, s, "", "GET", "/entries/"+h.ID+"?lang=en", "").Body.String()
	for _, want := range []string{
		`<h1 class="entry-title">Several Measures of Shenyang to Optimize the Business Environment</h1>`,
		`<p class="entry-title-original" lang="zh-CN">沈阳市优化营商环境若干措施</p>`,
		`To keep improving the business environment and energise market entities.</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("English entry page lacks %s", want)
		}
	}
	page = call(t, s, "", "GET", "/entries/"+h.ID, "").Body.String()
	if !strings.Contains(page, `<h1 class="entry-title">沈阳市优化营商环境若干措施</h1>`) || !strings.Contains(page, "为持续优化营商环境，激发市场主体活力。</p>") ||
		strings.Contains(page, "entry-title-original") || strings.Contains(page, "energise") {
		t.Errorf("Chinese entry page:\n%s", page)
	}
}

func TestSearchDegradesToPostgreSQL(t *testing.T) {
	s := searchFixture(t, meiliDead)
	code, res := apiSearch(t, s, "q=营商环境")
	if code != 200 || !res.Degraded || res.Total != 1 {
		t.Fatalf("degraded search: %d %+v", code, res)
	}
	rec := call(t, s, "", "GET", "/search?q=民营", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "全文检索服务暂时不可用") || !strings.Contains(rec.Body.String(), "<mark>民营</mark>") {
		t.Errorf("degraded page: %d %s", rec.Code, rec.Body)
	}
	englishSearch(t, s, true)
}

// TestSearchBeforeTheFirstBuild is a brand-new install whose index is still being built: the
// API and the page answer from PostgreSQL, marked degraded, rather than "nothing found".
func TestSearchBeforeTheFirstBuild(t *testing.T) {
	s := searchFixture(t, meiliUnbuilt)
	code, res := apiSearch(t, s, "q=营商环境")
	if code != 200 || !res.Degraded || res.Total != 1 || res.Hits[0].Title != "沈阳市优化营商环境若干措施" {
		t.Fatalf("search before the first build: %d %+v", code, res)
	}
	rec := call(t, s, "", "GET", "/search?q=民营", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "全文检索服务暂时不可用") || !strings.Contains(rec.Body.String(), "<mark>民营</mark>") {
		t.Errorf("page before the first build: %d %s", rec.Code, rec.Body)
	}
}
