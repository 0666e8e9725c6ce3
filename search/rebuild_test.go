package search_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"xxgk/search"
)

// TestRebuildSwap rebuilds the index while a goroutine keeps searching: every search during
// the rebuild must find documents, and afterwards the live name serves the new data.
func TestRebuildSwap(t *testing.T) {
	e := loaded(t)
	ctx := testCtx(t)

	var (
		stop     atomic.Bool
		searches atomic.Int64
		blank    atomic.Int64
		wg       sync.WaitGroup
		firstErr error
		errOnce  sync.Once
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for !stop.Load() {
			r, err := e.Search(ctx, search.Query{Q: "营商环境"})
			searches.Add(1)
			if err != nil {
				errOnce.Do(func() { firstErr = err })
				blank.Add(1)
				continue
			}
			if r.Total == 0 {
				blank.Add(1)
			}
		}
	}()

	docs := fixture(t)
	for i := range docs {
		docs[i].Title += "（重建）"
	}
	extra := search.Document{ID: "new1", Title: "重建后新增的营商环境文件", BodyCode: "shenyang", PublishedAt: 1}
	var progress []int
	err := e.Rebuild(ctx, func(ctx context.Context, yield func([]search.Document) error) error {
		// Slices of odd sizes: Rebuild regroups them.
		for start := 0; start < len(docs); start += 7 {
			if err := yield(docs[start:min(start+7, len(docs))]); err != nil {
				return err
			}
		}
		return yield([]search.Document{extra})
	}, func(done int) { progress = append(progress, done) })
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if blank.Load() != 0 {
		t.Errorf("%d of %d searches during the rebuild found nothing (first error: %v)", blank.Load(), searches.Load(), firstErr)
	}
	if searches.Load() < 5 {
		t.Errorf("only %d searches ran during the rebuild", searches.Load())
	}
	if len(progress) == 0 || progress[len(progress)-1] != 41 {
		t.Errorf("progress %v, want to end at 41", progress)
	}
	if n, err := e.Count(ctx); err != nil || n != 41 {
		t.Errorf("Count after rebuild = %d, %v; want 41", n, err)
	}
	r := mustSearch(t, e, search.Query{Q: "重建后新增"})
	if len(r.Hits) != 1 || r.Hits[0].ID != "new1" {
		t.Errorf("new document: %v", ids(r.Hits))
	}
	// The rebuilt index has the settings: number lookup, synonyms and facets work.
	r = mustSearch(t, e, search.Query{Q: "沈政发[2023]12号"})
	if len(r.Hits) == 0 || r.Hits[0].ID != "e01" || !strings.HasSuffix(r.Hits[0].Title, "（重建）") {
		t.Errorf("number lookup after rebuild: %+v", r.Hits)
	}
	if r := mustSearch(t, e, search.Query{Q: "发改委"}); r.Total != 2 || r.Facets.Counts()["kind"]["other"] == 0 {
		t.Errorf("synonyms/facets after rebuild: total %d, facets %v", r.Total, r.Facets.Counts()["kind"])
	}
	if left := indexesWithPrefix(t, e.IndexName()+"_"); len(left) != 0 {
		t.Errorf("rebuild left indexes behind: %v", left)
	}
}

func TestRebuildFailureKeepsLiveIndex(t *testing.T) {
	e := loaded(t)
	ctx := testCtx(t)
	boom := errors.New("database went away")
	err := e.Rebuild(ctx, func(ctx context.Context, yield func([]search.Document) error) error {
		if err := yield(fixture(t)[:3]); err != nil {
			return err
		}
		return boom
	}, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("Rebuild = %v, want %v", err, boom)
	}
	if n, _ := e.Count(ctx); n != 40 {
		t.Errorf("live index has %d documents after a failed rebuild, want 40", n)
	}
	if left := indexesWithPrefix(t, e.IndexName()+"_"); len(left) != 0 {
		t.Errorf("failed rebuild left indexes behind: %v", left)
	}
}

func TestRebuildFirstDeployment(t *testing.T) {
	e := loaded(t)
	ctx := testCtx(t)
	if err := e.DropIndex(ctx); err != nil {
		t.Fatal(err)
	}
	err := e.Rebuild(ctx, func(ctx context.Context, yield func([]search.Document) error) error {
		return yield(fixture(t))
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := e.Count(ctx); n != 40 {
		t.Errorf("Count = %d, want 40", n)
	}
}

// indexesWithPrefix lists Meilisearch indexes whose uid starts with prefix, straight from the
// API so the test does not trust the code under test.
func indexesWithPrefix(t *testing.T, prefix string) []string {
	t.Helper()
	req, _ := http.NewRequest("GET", os.Getenv("XXGK_TEST_MEILI_URL")+"/indexes?limit=1000", nil)
	req.Header.Set("Authorization", "Bearer "+os.Getenv("XXGK_TEST_MEILI_KEY"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Results []struct {
			UID string `json:"uid"`
		} `json:"results"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range body.Results {
		if strings.HasPrefix(r.UID, prefix) {
			out = append(out, r.UID)
		}
	}
	return out
}
