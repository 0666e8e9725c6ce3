package search_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
	"xxgk/embedded"
	"xxgk/search"
	"xxgk/search/searchtest"
)

var seedActor = audit.Actor{Name: "test", Role: "admin", Via: "cli"}

// catalogFixture is a database with a city and one department, and a catalog store on it.
func catalogFixture(t *testing.T) (*sqlx.DB, *catalog.Store) {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	bs := bodies.NewStore(db)
	for _, nb := range []bodies.NewBody{
		{Code: "sy", Name: "沈阳市人民政府", OrgCode: "000014349", Level: "city"},
		{Code: "sy-fgw", Name: "沈阳市发展和改革委员会", OrgCode: "000013338", Parent: "sy"},
	} {
		if _, err := bs.Create(ctx, seedActor, nb); err != nil {
			t.Fatal(err)
		}
	}
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	return db, catalog.NewStore(db, cal)
}

// publish creates and publishes a normative document of sy-fgw.
func publish(t *testing.T, cs *catalog.Store, title, docNo string) catalog.Entry {
	t.Helper()
	ctx := context.Background()
	e, err := cs.Create(ctx, seedActor, "sy-fgw", catalog.EntryInput{
		Title: title, DocNo: docNo, Kind: catalog.KindNormative, FormedOn: calendar.NewDate(2025, 3, 3),
		Summary: title + "，自发布之日起施行。", Body: "第一条 为了" + title + "，制定本办法。",
	})
	if err != nil {
		t.Fatal(err)
	}
	if e, err = cs.Publish(ctx, seedActor, e.ID); err != nil {
		t.Fatal(err)
	}
	return e
}

// drain runs the indexer until the outbox is empty.
func drain(t *testing.T, ix *search.Indexer) {
	t.Helper()
	for i := 0; i < 100; i++ {
		n, err := ix.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
	t.Fatal("outbox never emptied")
}

func titles(res search.Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Title)
	}
	return out
}

func TestCatalogChangesReachTheIndex(t *testing.T) {
	ctx := context.Background()
	_, cs := catalogFixture(t)
	engine := searchtest.Engine(t)
	ix, err := search.NewIndexer(search.IndexerConfig{Engine: engine, Outbox: search.CatalogOutbox{Store: cs}})
	if err != nil {
		t.Fatal(err)
	}
	a := publish(t, cs, "沈阳市优化营商环境若干措施", "沈发改发〔2025〕3号")
	publish(t, cs, "沈阳市促进民营经济发展实施办法", "沈发改发〔2025〕4号")
	draft, err := cs.Create(ctx, seedActor, "sy-fgw", catalog.EntryInput{Title: "营商环境草稿", Kind: catalog.KindNormative, FormedOn: calendar.NewDate(2025, 3, 3)})
	if err != nil {
		t.Fatal(err)
	}
	drain(t, ix)

	res, err := engine.Search(ctx, search.Query{Q: "营商环境"})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(res); len(got) != 1 || got[0] != a.Title {
		t.Fatalf("营商环境 found %v, want only the published document (never the draft %d)", got, draft.ID)
	}
	// Every written form of the number finds the document first.
	res, err = engine.Search(ctx, search.Query{Q: "沈发改发[2025]3号"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].ID != fmt.Sprint(a.ID) || !res.Hits[0].NumberMatch {
		t.Fatalf("document number lookup = %v", titles(res))
	}
	if got := res.Hits[0]; got.BodyCode != "sy-fgw" || got.Validity != search.ValidityInForce || got.Year == 0 {
		t.Errorf("hit fields = %+v", got)
	}
	// The city's portal scope includes its departments.
	if res, err := engine.Search(ctx, search.Query{Under: "sy"}); err != nil || res.Total != 2 {
		t.Errorf("under sy: %d, %v; want 2", res.Total, err)
	}

	// A correction is searchable; a withdrawal leaves the index.
	in := catalog.EntryInput{Title: "沈阳市优化营商环境若干措施（修订）", DocNo: a.DocNo, Kind: catalog.KindNormative, FormedOn: a.FormedOn, Summary: a.Summary, Body: a.Body}
	if _, err := cs.Update(ctx, seedActor, a.ID, in, "标题更正"); err != nil {
		t.Fatal(err)
	}
	drain(t, ix)
	if res, _ := engine.Search(ctx, search.Query{Q: "修订"}); len(res.Hits) != 1 {
		t.Errorf("corrected title not searchable: %v", titles(res))
	}
	if _, err := cs.Withdraw(ctx, seedActor, a.ID, "内容已过时"); err != nil {
		t.Fatal(err)
	}
	drain(t, ix)
	n, err := engine.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := cs.CountIndexable(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != want || n != 1 {
		t.Errorf("index holds %d documents, catalog has %d public entries; want 1 each", n, want)
	}
}

// TestIndexCatchesUpAfterMeilisearchOutage stops a Meilisearch of the test's own while
// entries are published, checks that publishing and (degraded) searching keep working, then
// restarts it and checks that nothing was lost.
func TestIndexCatchesUpAfterMeilisearchOutage(t *testing.T) {
	ctx := context.Background()
	_, cs := catalogFixture(t)
	dir := t.TempDir()
	m, err := embedded.StartMeili(ctx, embedded.MeiliOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Stop(context.Background()) })
	engine, err := search.New(search.Config{URL: m.URL, APIKey: m.Key, IndexName: "entries"})
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.EnsureSettings(ctx); err != nil {
		t.Fatal(err)
	}
	ix, err := search.NewIndexer(search.IndexerConfig{Engine: engine, Outbox: search.CatalogOutbox{Store: cs}})
	if err != nil {
		t.Fatal(err)
	}
	svc := &search.Service{Engine: engine, Store: cs, Timeout: time.Second, Cooldown: 50 * time.Millisecond}
	for i := range 5 {
		publish(t, cs, fmt.Sprintf("沈阳市营商环境监测报告第%d期", i+1), "")
	}
	drain(t, ix)

	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 5; i < 20; i++ {
		publish(t, cs, fmt.Sprintf("沈阳市营商环境监测报告第%d期", i+1), "")
	}
	if _, err := ix.RunOnce(ctx); err == nil {
		t.Fatal("indexing into a stopped Meilisearch succeeded")
	}
	if n, _, err := cs.OutboxBacklog(ctx); err != nil || n != 15 {
		t.Fatalf("outbox backlog = %d, %v; want the 15 changes kept", n, err)
	}
	res, degraded, err := svc.Search(ctx, search.Query{Q: "营商环境 监测", PageSize: 50})
	if err != nil || !degraded {
		t.Fatalf("search during the outage: degraded=%v, %v", degraded, err)
	}
	if res.Total != 20 || !strings.Contains(string(res.Hits[0].Highlight.Title), "<mark>营商环境") {
		t.Errorf("degraded search: %d hits, first %q; want all 20, highlighted", res.Total, res.Hits[0].Highlight.Title)
	}

	m, err = embedded.StartMeili(ctx, embedded.MeiliOptions{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	drain(t, ix)
	n, err := engine.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 20 {
		t.Errorf("after the outage the index holds %d documents, want 20", n)
	}
	time.Sleep(100 * time.Millisecond) // past the cooldown: the engine is tried again
	if _, degraded, err := svc.Search(ctx, search.Query{Q: "营商环境"}); err != nil || degraded {
		t.Errorf("after recovery: degraded=%v, %v", degraded, err)
	}
}

func TestDegradedSearchFindsNumbersAndFilters(t *testing.T) {
	ctx := context.Background()
	_, cs := catalogFixture(t)
	a := publish(t, cs, "沈阳市优化营商环境若干措施", "沈发改发〔2025〕3号")
	publish(t, cs, "沈阳市促进民营经济发展实施办法", "沈发改发〔2025〕4号")
	dead, err := search.New(search.Config{URL: "http://127.0.0.1:1", IndexName: "entries"})
	if err != nil {
		t.Fatal(err)
	}
	svc := &search.Service{Engine: dead, Store: cs}
	for _, tt := range []struct {
		q    search.Query
		want []string
	}{
		{search.Query{Q: "沈发改发(2025)3号"}, []string{a.Title}},
		{search.Query{Q: a.IndexNo}, []string{a.Title}},
		{search.Query{Q: "沈阳 办法"}, []string{"沈阳市促进民营经济发展实施办法"}},
		{search.Query{Q: "营商", Kind: search.KindRule}, nil},
		{search.Query{Q: "100%_"}, nil},
		{search.Query{Under: "sy", Sort: search.SortDateAsc}, []string{a.Title, "沈阳市促进民营经济发展实施办法"}},
	} {
		res, degraded, err := svc.Search(ctx, tt.q)
		if err != nil || !degraded {
			t.Fatalf("%+v: degraded=%v, %v", tt.q, degraded, err)
		}
		if got := titles(res); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%+v: got %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, _, err := svc.Search(ctx, search.Query{Kind: `normative" OR kind != "x`}); err == nil {
		t.Error("a crafted filter value was accepted")
	}
}

// TestDegradedSearchReadsTheReadStore: with Service.Read set (a store on the read replica
// while it answers), the PostgreSQL answers come from that store, and from Store once Read
// says the replica is out. Two databases stand in for primary and replica here; the standby
// itself is cmd/xxgk's TestReadReplica.
func TestDegradedSearchReadsTheReadStore(t *testing.T) {
	ctx := context.Background()
	_, primary := catalogFixture(t)
	_, replica := catalogFixture(t)
	publish(t, primary, "沈阳市优化营商环境若干措施", "沈发改发〔2025〕3号")
	publish(t, replica, "沈阳市促进民营经济发展实施办法", "沈发改发〔2025〕4号")
	dead, err := search.New(search.Config{URL: "http://127.0.0.1:1", IndexName: "entries"})
	if err != nil {
		t.Fatal(err)
	}
	var replicaUp atomic.Bool
	replicaUp.Store(true)
	svc := &search.Service{Engine: dead, Store: primary, Read: func() *catalog.Store {
		if replicaUp.Load() {
			return replica
		}
		return primary
	}}
	for _, tt := range []struct {
		up   bool
		want string
	}{
		{true, "沈阳市促进民营经济发展实施办法"},
		{false, "沈阳市优化营商环境若干措施"},
	} {
		replicaUp.Store(tt.up)
		res, degraded, err := svc.Search(ctx, search.Query{Q: "沈阳"})
		if err != nil || !degraded {
			t.Fatalf("replica up %v: degraded=%v, %v", tt.up, degraded, err)
		}
		if got := strings.Join(titles(res), "|"); got != tt.want {
			t.Errorf("replica up %v: got %v, want %v", tt.up, got, tt.want)
		}
	}
}

// TestReindexSwapsWhileSearching rebuilds the index while searches run: no search may fail
// or come back empty, and changes made during the rebuild reach the new index.
func TestReindexSwapsWhileSearching(t *testing.T) {
	ctx := context.Background()
	_, cs := catalogFixture(t)
	engine := searchtest.Engine(t)
	ix, err := search.NewIndexer(search.IndexerConfig{Engine: engine, Outbox: search.CatalogOutbox{Store: cs}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		publish(t, cs, fmt.Sprintf("沈阳市营商环境政策汇编第%d辑", i+1), "")
	}
	drain(t, ix)

	var failures, empties atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			res, err := engine.Search(ctx, search.Query{Q: "营商环境"})
			switch {
			case err != nil:
				failures.Add(1)
			case res.Total == 0:
				empties.Add(1)
			}
		}
	}()
	err = search.Reindex(ctx, engine, cs, nil)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if failures.Load() > 0 || empties.Load() > 0 {
		t.Errorf("during the swap %d searches failed and %d came back empty", failures.Load(), empties.Load())
	}
	publish(t, cs, "沈阳市营商环境政策汇编第31辑", "")
	drain(t, ix)
	if n, err := engine.Count(ctx); err != nil || n != 31 {
		t.Errorf("after reindex and one more publish: %d documents, %v; want 31", n, err)
	}
}

// TestFirstBuildAnswersFromPostgreSQL is a brand-new install: the catalog has public entries,
// the live index exists but is empty while the first full build runs. Searches meanwhile must
// come from PostgreSQL, marked degraded, never from the empty index ("nothing found"); once the
// build is swapped in, they come from Meilisearch again.
func TestFirstBuildAnswersFromPostgreSQL(t *testing.T) {
	ctx := context.Background()
	_, cs := catalogFixture(t)
	for i := range 25 {
		publish(t, cs, fmt.Sprintf("沈阳市营商环境政策汇编第%d辑", i+1), "")
	}
	engine := searchtest.Engine(t)
	if err := engine.EnsureSettings(ctx); err != nil { // as `xxgk serve` does at start
		t.Fatal(err)
	}
	svc := &search.Service{Engine: engine, Store: cs}
	q := search.Query{Q: "营商环境"}
	res, degraded, err := svc.Search(ctx, q)
	if err != nil || !degraded || res.Total != 25 {
		t.Fatalf("before the first build: total %d, degraded %v, %v; want 25 from PostgreSQL", res.Total, degraded, err)
	}

	var empties, fromPG, fromIndex atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			res, degraded, err := svc.Search(ctx, q)
			switch {
			case err != nil || res.Total == 0:
				empties.Add(1)
			case degraded:
				fromPG.Add(1)
			default:
				fromIndex.Add(1)
			}
		}
	})
	err = search.Reindex(ctx, engine, cs, nil)
	if err == nil {
		// Searches return to Meilisearch once the service has seen the built index.
		for deadline := time.Now().Add(20 * time.Second); fromIndex.Load() == 0 && time.Now().Before(deadline); {
			time.Sleep(50 * time.Millisecond)
		}
	}
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if empties.Load() > 0 || fromPG.Load() == 0 || fromIndex.Load() == 0 {
		t.Fatalf("searches during and after the first build: %d empty or failed, %d from PostgreSQL, %d from the index; want none empty, some of each",
			empties.Load(), fromPG.Load(), fromIndex.Load())
	}
	res, degraded, err = svc.Search(ctx, q)
	if err != nil || degraded || res.Total != 25 || !strings.Contains(string(res.Hits[0].Highlight.Title), "<mark>营商环境</mark>") {
		t.Fatalf("after the build: total %d, degraded %v, %v; want 25 from the index", res.Total, degraded, err)
	}
}
