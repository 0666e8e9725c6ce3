package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"xxgk/database/dbtest"
	"xxgk/embedded"
)

// publicEntries counts what the public sees, which is what the index must hold.
const publicEntries = `SELECT count(*) FROM entries WHERE status IN ('published', 'withdrawn') AND disclosure_mode <> 'withheld'`

// TestMeilisearchKilledDuringPublishes SIGKILLs Meilisearch a third of the way through a run
// of publishes and restarts it at two thirds: every publish must still succeed (PostgreSQL
// holds them and the outbox remembers them), and once the indexer has caught up the index holds
// exactly the public entries, field by field.
func TestMeilisearchKilledDuringPublishes(t *testing.T) {
	quickParallel(t)
	n := scale(150, 10000)
	meiliDir := t.TempDir()
	m := ownMeili(t, meiliDir)
	e := baseEnv(t).with("XXGK_MEILI_URL", m.URL).with("XXGK_MEILI_KEY", m.Key)
	b := newBody(t, e, "ft-meili", 0)
	srv := serve(t, e, true)
	if _, _, err := publishErr(srv.URL, b, 0); err != nil {
		t.Fatalf("publishing with every service up: %v", err)
	}
	db := dbtest.Open(t, e["XXGK_DATABASE_URL"])

	var (
		next, acked, failed atomic.Int64
		mu                  sync.Mutex
		ids                 = map[int64]string{}
		killed, restarted   = make(chan struct{}), make(chan struct{})
		killOnce, startOnce sync.Once
		restartErr          error
		current             = m
	)
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		_ = current.Stop(ctx)
	})
	pid := meiliPid(t, m)
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1))
				if i > n {
					return
				}
				switch i {
				case n / 3:
					killOnce.Do(func() {
						_ = syscall.Kill(pid, syscall.SIGKILL)
						close(killed)
					})
				case 2 * n / 3:
					startOnce.Do(func() {
						restartedMeili, err := embedded.StartMeili(context.Background(), embedded.MeiliOptions{Dir: meiliDir})
						mu.Lock()
						if err == nil {
							current = restartedMeili
						}
						restartErr = err
						mu.Unlock()
						close(restarted)
					})
				}
				id, ix, ok := publish(srv.URL, b, i)
				if !ok {
					failed.Add(1)
					continue
				}
				acked.Add(1)
				mu.Lock()
				ids[id] = ix
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	<-killed
	<-restarted
	if restartErr != nil {
		t.Fatalf("restarting Meilisearch: %v", restartErr)
	}
	if current.URL != m.URL {
		t.Fatalf("Meilisearch came back at %s, not %s", current.URL, m.URL)
	}
	if f := failed.Load(); f > 0 {
		t.Errorf("%d of %d publishes failed while Meilisearch was down: PostgreSQL alone must take them", f, n)
	}

	// Catch-up: the outbox drains and the index counts what PostgreSQL shows the public.
	index := e["XXGK_MEILI_INDEX"]
	deadline := time.Now().Add(time.Duration(scale(120, 900)) * time.Second)
	var docs, public, pending int
	for {
		docs = meiliCount(t, current, index)
		public = count(t, db, publicEntries)
		pending = count(t, db, `SELECT count(*) FROM search_outbox`)
		if docs == public && pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after catch-up: index %d documents, PostgreSQL %d public entries, outbox %d", docs, public, pending)
		}
		time.Sleep(500 * time.Millisecond)
	}

	// Every acknowledged publish is in the index with PostgreSQL's fields.
	lost := 0
	checked := 0
	for id := range ids {
		doc, ok := meiliDocument(t, current, index, id)
		if !ok {
			lost++
			continue
		}
		if checked < 200 { // a sample, field by field
			checked++
			var row struct {
				Title, DocNo, IndexNo, Summary, BodyCode, FormedOn string
			}
			if err := db.QueryRow(`SELECT e.title, e.doc_no, e.index_no, e.summary, b.code, e.formed_on::text
				FROM entries e JOIN bodies b ON b.id = e.body_id WHERE e.id = $1`, id).Scan(
				&row.Title, &row.DocNo, &row.IndexNo, &row.Summary, &row.BodyCode, &row.FormedOn); err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprint(doc["title"], "|", doc["doc_no"], "|", doc["index_no"], "|", doc["summary"], "|", doc["body_code"], "|", doc["formed_on"])
			want := fmt.Sprint(row.Title, "|", row.DocNo, "|", row.IndexNo, "|", row.Summary, "|", row.BodyCode, "|", row.FormedOn)
			if got != want {
				t.Errorf("entry %d: index has %s, PostgreSQL %s", id, got, want)
			}
		}
	}
	recordFault(t, "Meilisearch SIGKILLed during publishes, restarted", n, int(acked.Load()), lost)
	if lost > 0 {
		t.Errorf("%d acknowledged publishes missing from the index after catch-up", lost)
	}
	t.Logf("index %d documents = PostgreSQL %d public entries; %d sampled field by field", docs, public, checked)
}

func meiliRequest(t *testing.T, m *embedded.Meili, path string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("GET", m.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+m.Key)
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func meiliCount(t *testing.T, m *embedded.Meili, index string) int {
	t.Helper()
	code, out := meiliRequest(t, m, "/indexes/"+index+"/stats")
	if code != http.StatusOK {
		return -1
	}
	f, _ := out["numberOfDocuments"].(float64)
	return int(f)
}

func meiliDocument(t *testing.T, m *embedded.Meili, index string, id int64) (map[string]any, bool) {
	t.Helper()
	code, out := meiliRequest(t, m, fmt.Sprintf("/indexes/%s/documents/%d", index, id))
	return out, code == http.StatusOK
}
