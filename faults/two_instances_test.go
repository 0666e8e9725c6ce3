package faults

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"xxgk/database/dbtest"
)

// TestTwoInstancesOneDatabase runs two `xxgk serve` on one database and one index, with their
// background work racing: both start with validity lapses due and deadlines to recompute (each
// instance runs the sweep and the recomputation at start-up), and then take publishes and
// applications at once. Nothing may be numbered twice, done twice or left in a wrong state.
func TestTwoInstancesOneDatabase(t *testing.T) {
	quickParallel(t)
	normative := scale(20, 200)
	ops := scale(100, 2000)
	e := baseEnv(t)
	b := newBody(t, e, "ft-two", 3)
	db := dbtest.Open(t, e["XXGK_DATABASE_URL"])

	// The state a night without servers leaves: normative documents past their term (recorded
	// in force) and open applications whose due dates the calendar moved.
	first := serve(t, e, true)
	for i := 0; i < normative; i++ {
		code, out, err := call("POST", first.URL+"/api/v1/bodies/"+b.Code+"/entries", b.Token, map[string]any{
			"title": fmt.Sprintf("沈阳市故障演练规范性文件第%d号", i), "formed_on": "2024-03-01", "kind": "normative",
			"column": "policy-normative", "doc_no": fmt.Sprintf("沈故规〔2024〕%d号", i+1), "valid_until": "2030-12-31",
		})
		if err != nil || code != http.StatusCreated {
			t.Fatalf("normative draft: %d %v %v", code, out, err)
		}
		if code, out, err := call("POST", fmt.Sprintf("%s/api/v1/entries/%v/publish", first.URL, out["id"]), b.Token, "{}"); err != nil || code != http.StatusOK {
			t.Fatalf("publish normative: %d %v %v", code, out, err)
		}
		if code, out, err := call("POST", first.URL+"/api/v1/applications", "", applicant(b.Code, i)); err != nil || code != http.StatusCreated {
			t.Fatalf("application: %d %v %v", code, out, err)
		}
	}
	first.stop(t)
	if _, err := db.Exec(`UPDATE entries SET valid_until = '2024-06-30' WHERE kind = 'normative'`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE applications SET due_on = due_on + 3`); err != nil {
		t.Fatal(err)
	}

	// Two instances at once.
	servers := [2]*server{startServe(t, e), startServe(t, e)}
	servers[0].wait(t, true)
	servers[1].wait(t, true)
	var wg sync.WaitGroup

	// Publishes, public applications and officers' registrations through both, concurrently.
	var (
		mu                   sync.Mutex
		indexNos, trackings  = map[string]int{}, map[string]int{}
		acked, failures, all int
	)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < ops; i += 4 {
				srv := servers[i%2]
				var key string
				var dups map[string]int
				switch i % 3 {
				case 0:
					_, ix, err := publishErr(srv.URL, b, 10000+i)
					if err == nil {
						key, dups = ix, indexNos
					}
				case 1:
					code, out, err := call("POST", srv.URL+"/api/v1/applications", "", applicant(b.Code, 10000+i))
					if err == nil && code == http.StatusCreated {
						key, _ = out["tracking_no"].(string)
						dups = trackings
					}
				case 2:
					a := applicant(b.Code, 10000+i)
					delete(a, "body")
					a["channel"], a["received_on"] = "post", time.Now().Format("2006-01-02")
					code, out, err := call("POST", srv.URL+"/api/v1/bodies/"+b.Code+"/applications", b.Token, a)
					if err == nil && code == http.StatusCreated {
						key, _ = out["tracking_no"].(string)
						dups = trackings
					}
				}
				mu.Lock()
				all++
				if key == "" {
					failures++
				} else {
					acked++
					dups[key]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failures > 0 {
		t.Errorf("%d of %d operations failed with two instances", failures, all)
	}
	for k, n := range indexNos {
		if n > 1 {
			t.Errorf("index number %s handed out %d times", k, n)
		}
	}
	for k, n := range trackings {
		if n > 1 {
			t.Errorf("tracking number %s handed out %d times", k, n)
		}
	}

	// The database agrees: no duplicate numbers, each lapse done once, each recomputation once.
	checks := []struct {
		what  string
		query string
	}{
		{"duplicate index numbers", `SELECT count(*) FROM (SELECT index_no FROM entries WHERE index_no IS NOT NULL GROUP BY body_id, index_no HAVING count(*) > 1) d`},
		{"duplicate tracking numbers", `SELECT count(*) FROM (SELECT tracking_no FROM applications GROUP BY tracking_no HAVING count(*) > 1) d`},
		{"normative documents not lapsed", `SELECT count(*) FROM entries WHERE kind = 'normative' AND validity <> 'lapsed'`},
		{"normative documents not at version 2 (publish + one lapse)", `SELECT count(*) FROM entries WHERE kind = 'normative' AND version <> 2`},
		{"entries whose version history disagrees with their version", `SELECT count(*) FROM entries e WHERE status <> 'draft' AND
			(SELECT count(*) FROM entry_versions v WHERE v.entry_id = e.id) <> e.version`},
		{"lapses audited other than once", `SELECT count(*) FROM (SELECT target FROM audit_events WHERE action = 'entry.lapse' GROUP BY target HAVING count(*) <> 1) d`},
		{"applications recomputed other than once", `SELECT count(*) FROM (SELECT a.id FROM applications a
			JOIN application_events ev ON ev.application_id = a.id AND ev.kind = 'deadline_recomputed'
			GROUP BY a.id HAVING count(*) <> 1) d`},
	}
	wrong := 0
	for _, c := range checks {
		if n := count(t, db, c.query); n != 0 {
			wrong += n
			t.Errorf("%s: %d", c.what, n)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM audit_events WHERE action = 'entry.lapse'`); n != normative {
		t.Errorf("%d lapses audited for %d documents", n, normative)
	}
	if n := count(t, db, `SELECT count(DISTINCT application_id) FROM application_events WHERE kind = 'deadline_recomputed'`); n != normative {
		t.Errorf("%d applications recomputed, want the %d whose due date moved", n, normative)
	}
	// The hash chain survives two writers.
	xxgk(t, e, "audit", "verify")

	// The outbox, drained by two indexers, leaves the index in PostgreSQL's final state.
	index := e["XXGK_MEILI_INDEX"]
	m := sharedMeili()
	waitUntil(t, time.Duration(scale(120, 600))*time.Second, "the outbox to drain", func() bool {
		return count(t, db, `SELECT count(*) FROM search_outbox`) == 0 && meiliCount(t, m, index) == count(t, db, publicEntries)
	})
	var rows []struct {
		ID       int64  `db:"id"`
		IndexNo  string `db:"index_no"`
		Validity string `db:"validity"`
	}
	if err := db.Select(&rows, `SELECT id, index_no, coalesce(validity, '') AS validity FROM entries WHERE status = 'published'`); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		doc, ok := meiliDocument(t, m, index, r.ID)
		got := fmt.Sprint(doc["index_no"], "|", doc["validity"])
		if doc["validity"] == nil {
			got = fmt.Sprint(doc["index_no"], "|")
		}
		if !ok || got != r.IndexNo+"|"+r.Validity {
			wrong++
			t.Errorf("entry %d: index has %s, PostgreSQL %s|%s", r.ID, got, r.IndexNo, r.Validity)
		}
	}
	recordFault(t, "two xxgk serve on one database (publish, apply, register; sweep, recompute, index)", all, acked, wrong)
}
