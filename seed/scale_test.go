package seed

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
	"xxgk/reports"
	"xxgk/requests"
)

// fingerprint sums what two loads must agree on: every generated row's identity and content
// (not the clock times the stores stamp, nor the query-code hashes of transfers, which the
// store draws at random).
func fingerprint(t *testing.T, db *sqlx.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, q := range map[string]string{
		"bodies":   `SELECT md5(string_agg(id || code || name || org_code || kind || level || path, ',' ORDER BY id)) FROM bodies`,
		"entries":  `SELECT md5(string_agg(concat_ws('|', id, body_id, column_id, status, index_no, title, doc_no, formed_on, published_at, kind, validity, valid_until, repealed_on, md5(body_text)), ',' ORDER BY id)) FROM entries`,
		"counters": `SELECT md5(string_agg(concat_ws('|', body_id, year, last), ',' ORDER BY body_id, year)) FROM index_counters`,
		"applications": `SELECT md5(string_agg(concat_ws('|', id, body_id, tracking_no, applicant_name, id_number, status, received_on, due_on, outcome, answered_on, fee_yuan), ',' ORDER BY id))
			FROM applications WHERE source = 'seed'`,
		"events":  `SELECT md5(string_agg(concat_ws('|', application_id, kind, on_date, basis, data::text), ',' ORDER BY id)) FROM application_events`,
		"appeals": `SELECT md5(string_agg(concat_ws('|', application_id, kind, result, filed_on, concluded_on), ',' ORDER BY id)) FROM appeals`,
	} {
		var sum string
		if err := db.Get(&sum, q); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = sum
	}
	return out
}

// TestLoadScale loads the generated data set at a small scale twice and checks that the loads
// agree row for row, and that the stores accept what was loaded as their own: the open
// deadlines are what the clock computes, officers can act on open applications, a new
// publication takes the next free index number, and the annual reports add up.
func TestLoadScale(t *testing.T) {
	ctx := context.Background()
	today := calendar.Today()
	opts := ScaleOptions{Scale: 0.002, Today: today}
	db := dbtest.New(t)
	res, err := LoadScale(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Bodies < 300 || res.Entries != 2000 || res.Applications < 400 || res.Appeals == 0 || res.Open == 0 {
		t.Errorf("loaded %+v, want ~330 bodies, 2,000 entries, 400 applications and some open ones and appeals", res)
	}
	if _, err := LoadScale(ctx, db, opts); err != ErrNotEmpty {
		t.Errorf("second load into the same database: %v, want ErrNotEmpty", err)
	}
	again := dbtest.New(t)
	if _, err := LoadScale(ctx, again, opts); err != nil {
		t.Fatal(err)
	}
	a, b := fingerprint(t, db), fingerprint(t, again)
	for k := range a {
		if a[k] != b[k] {
			t.Errorf("%s differ between two loads with the same seed", k)
		}
	}

	cal := defaultCalendar(t)
	actor := audit.Actor{Name: "test", Role: "admin", Via: "test"}

	// Every state and most outcomes, every validity.
	var statuses []string
	if err := db.Select(&statuses, `SELECT DISTINCT status FROM applications ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	if len(statuses) != len(requests.Statuses()) {
		t.Errorf("statuses %v, want all %d", statuses, len(requests.Statuses()))
	}
	var outcomes, validities, appealKinds int
	if err := db.Get(&outcomes, `SELECT count(DISTINCT outcome) FROM applications`); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&validities, `SELECT count(DISTINCT validity) FROM entries`); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&appealKinds, `SELECT count(DISTINCT kind || result) FROM appeals`); err != nil {
		t.Fatal(err)
	}
	if outcomes < 12 || validities != 4 || appealKinds < 4 {
		t.Errorf("%d outcomes, %d validities, %d appeal kinds and results: too few", outcomes, validities, appealKinds)
	}

	// The deadlines stored are the clock's: recomputing changes nothing.
	apps := requests.NewStore(db, cal, requests.DefaultClockPolicy())
	if n, err := apps.RecomputeOpen(ctx, actor); err != nil || n != 0 {
		t.Errorf("RecomputeOpen changed %d applications (%v): generated deadlines differ from the store's", n, err)
	}
	// Officers carry on with open applications where the generator left them.
	var open []struct {
		No     string `db:"tracking_no"`
		Status string `db:"status"`
	}
	if err := db.Select(&open, `SELECT DISTINCT ON (status) tracking_no, status FROM applications
		WHERE status IN ('in_progress', 'extended', 'received', 'submitted', 'awaiting_correction') AND source = 'seed' ORDER BY status, id`); err != nil {
		t.Fatal(err)
	}
	for _, o := range open {
		var act requests.Action
		switch o.Status {
		case "submitted":
			act = requests.Action{Kind: requests.ActConfirm}
		case "awaiting_correction":
			act = requests.Action{Kind: requests.ActCorrectionReceived, On: today}
		default:
			act = requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed, AnswerText: "予以公开。", On: today}
		}
		if _, err := apps.Act(ctx, actor, o.No, act); err != nil {
			t.Errorf("%s (%s): %s: %v", o.No, o.Status, act.Kind, err)
		}
	}
	// A new application takes the next serial of its body's year.
	_, _, err = apps.Register(ctx, actor, "sy", requests.NewApplication{ApplicantType: requests.ApplicantPerson, ApplicantName: "王伟",
		IDNumber: "21010219800101123" + string(requests.ResidentIDCheckChar("21010219800101123")), Phone: "13800000000",
		Description: "申请公开本年度财政预算。", Channel: "in_person", ReceivedOn: today})
	if err != nil {
		t.Errorf("register after the load: %v", err)
	}

	// A publication after the load takes the next index number of the year.
	store := catalog.NewStore(db, cal)
	e, err := store.Create(ctx, actor, "sy-fgw", catalog.EntryInput{Title: "关于印发测试方案的通知", FormedOn: today, Column: "art20-2"})
	if err != nil {
		t.Fatal(err)
	}
	if e, err = store.Publish(ctx, actor, e.ID); err != nil {
		t.Fatalf("publish after the load: %v", err)
	}
	var held int
	if err := db.Get(&held, `SELECT count(*) FROM entries WHERE index_no = $1`, e.IndexNo); err != nil || held != 1 {
		t.Errorf("index number %s held by %d entries (%v)", e.IndexNo, held, err)
	}
	// Every published entry has its version and its outbox row.
	var missing int
	if err := db.Get(&missing, `SELECT count(*) FROM entries e WHERE status = 'published' AND (
		NOT EXISTS (SELECT 1 FROM entry_versions v WHERE v.entry_id = e.id AND v.version = e.version) OR
		NOT EXISTS (SELECT 1 FROM search_outbox o WHERE o.entry_id = e.id))`); err != nil || missing != 0 {
		t.Errorf("%d published entries without their version or outbox row (%v)", missing, err)
	}

	// The annual reports of the generated years add up, for a department and a government.
	reps := reports.NewStore(db, cal)
	for _, code := range []string{"sy", "ln", "sy-fgw"} {
		for year := today.Year() - 4; year < today.Year(); year++ {
			r, err := reps.Build(ctx, code, year)
			if err != nil {
				t.Fatalf("report %s %d: %v", code, year, err)
			}
			if results := r.Check(); reports.HasFailures(results) {
				var failed []string
				for _, x := range results {
					if !x.Passed() {
						failed = append(failed, fmt.Sprintf("%d %v", x.ID, x.Mismatches))
					}
				}
				t.Errorf("report %s %d fails identities: %s", code, year, strings.Join(failed, "; "))
			}
		}
	}
}
