package seed

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/database/dbtest"
	"xxgk/requests"
)

// TestDemoApplicationsGenerated checks the planned applications without a database: the same
// plan every time, well-formed personal data, events in order and never in the future.
func TestDemoApplicationsGenerated(t *testing.T) {
	cal := defaultCalendar(t)
	now := time.Date(2026, 11, 23, 14, 5, 0, 0, calendar.China)
	g := buildDemoApplications(cal, now)
	if n := len(g.apps); n < 250 || n > 400 {
		t.Errorf("%d applications, want 250–400", n)
	}
	again := buildDemoApplications(cal, now)
	if len(again.apps) != len(g.apps) {
		t.Fatalf("two generations give %d and %d applications", len(g.apps), len(again.apps))
	}
	for i, a := range g.apps {
		b := again.apps[i]
		if a.body != b.body || a.in != b.in || !a.at.Equal(b.at) || len(a.steps) != len(b.steps) || a.outcome != b.outcome {
			t.Fatalf("application %d differs between two generations: %s %q vs %s %q", i, a.body, a.in.Description, b.body, b.in.Description)
		}
	}

	types := map[requests.ApplicantType]int{}
	channels := map[string]int{}
	for _, a := range g.apps {
		types[a.in.ApplicantType]++
		channels[a.in.Channel]++
		switch a.in.IDType {
		case "resident_id":
			id := a.in.IDNumber
			if len(id) != 18 || id[17] != requests.ResidentIDCheckChar(id[:17]) || id[:4] != "2101" {
				t.Errorf("%s: resident ID %s is not a valid Shenyang number", a.in.ApplicantName, id)
			}
		case "uscc":
			if err := bodies.ValidateOrgCode(a.in.IDNumber); err != nil || len(a.in.IDNumber) != 18 {
				t.Errorf("%s: credit code %s: %v", a.in.ApplicantName, a.in.IDNumber, err)
			}
		default:
			t.Errorf("%s: ID type %q", a.in.ApplicantName, a.in.IDType)
		}
		if a.at.After(now) {
			t.Errorf("%s: submitted %s, after now", a.in.Description, a.at)
		}
		last := a.at
		for _, st := range a.steps {
			if st.at.Before(last) || st.at.After(now) || calendar.DateOf(st.at.In(calendar.China)) != st.act.On {
				t.Errorf("%s: step %s on %s at %s out of order (previous %s) or in the future", a.in.Description, st.act.Kind, st.act.On, st.at, last)
			}
			last = st.at
		}
	}
	if types[requests.ApplicantPerson]*2 < len(g.apps) {
		t.Errorf("applicant types %v: want mostly natural persons", types)
	}
	for _, at := range requests.ApplicantTypes {
		if types[at.Type] == 0 {
			t.Errorf("no applicant of type %s (%v)", at.Type, types)
		}
	}
	for _, c := range requests.Channels {
		if channels[c] == 0 && c != "import" {
			t.Errorf("no application by channel %s (%v)", c, channels)
		}
	}
}

// TestLoadDemoApplications loads the demo applications and checks what the officers' queues,
// the annual reports and the tracking page show.
func TestLoadDemoApplications(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	cal := defaultCalendar(t)
	if err := loadDemoBodies(ctx, db); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	demo, err := loadApplicationsDemo(ctx, db, cal)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo applications loaded in %s", time.Since(start).Round(time.Millisecond))

	var statuses []string
	if err := db.SelectContext(ctx, &statuses, `SELECT DISTINCT status FROM applications ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	for _, s := range requests.Statuses() {
		if !slices.Contains(statuses, string(s)) {
			t.Errorf("no application is %s (have %v)", s, statuses)
		}
	}

	// Every row of table 三 in both reports' years.
	for _, year := range []int{2025, 2026} {
		var outcomes []string
		if err := db.SelectContext(ctx, &outcomes, `SELECT DISTINCT outcome FROM applications
			WHERE outcome IS NOT NULL AND extract(year FROM answered_on) = $1`, year); err != nil {
			t.Fatal(err)
		}
		for _, o := range requests.Outcomes() {
			if !slices.Contains(outcomes, string(o.Outcome)) {
				t.Errorf("%d: no application concluded as %s", year, o.Row())
			}
		}
	}

	// Both demo officers have something in every queue, today.
	store := requests.NewStore(db, cal, requests.DefaultClockPolicy())
	for _, scope := range []struct {
		code        string
		descendants bool
	}{{"sy-fgw", false}, {"hp", true}} {
		counts, err := store.QueueCounts(ctx, scope.code, scope.descendants)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s queues: %v", scope.code, counts)
		for _, q := range requests.Queues() {
			if counts[q] == 0 {
				t.Errorf("%s: the %s queue is empty", scope.code, q)
			}
		}
		// The new queue stays short enough that a fresh application is on its first page.
		if counts[requests.QueueNew] > 10 {
			t.Errorf("%s: %d new applications, want at most 10", scope.code, counts[requests.QueueNew])
		}
	}

	var n struct {
		Total    int `db:"total"`
		Carried  int `db:"carried"`
		Into2025 int `db:"into_2025"`
		Overdue  int `db:"overdue"`
		Extended int `db:"extended"`
		Fees     int `db:"fees"`
	}
	if err := db.GetContext(ctx, &n, `SELECT count(*) AS total,
		count(*) FILTER (WHERE received_on < '2026-01-01' AND (answered_on IS NULL OR answered_on >= '2026-01-01')) AS carried,
		count(*) FILTER (WHERE received_on < '2025-01-01' AND answered_on >= '2025-01-01') AS into_2025,
		count(*) FILTER (WHERE status NOT IN ('answered', 'closed', 'withdrawn', 'transferred') AND due_on < $1) AS overdue,
		count(*) FILTER (WHERE extended) AS extended,
		count(*) FILTER (WHERE fee_yuan > 0) AS fees
		FROM applications`, calendar.Today()); err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", n)
	if n.Total < 250 || n.Total > 420 {
		t.Errorf("%d applications, want a few hundred", n.Total)
	}
	if n.Carried < 5 || n.Into2025 == 0 {
		t.Errorf("%d applications carried over from 2025 into 2026 and %d from 2024 into 2025; want several and some", n.Carried, n.Into2025)
	}
	if n.Overdue < 5 || n.Extended < 5 || n.Fees < 3 {
		t.Errorf("%d overdue, %d extended, %d with fees; want some of each", n.Overdue, n.Extended, n.Fees)
	}

	var events []string
	if err := db.SelectContext(ctx, &events, `SELECT DISTINCT kind FROM application_events ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{requests.EventCorrectionRequested, requests.EventCorrectionReceived, requests.EventPauseStarted,
		requests.EventPauseEnded, requests.EventExtended, requests.EventFeeNoticeSent, requests.EventFeePaid, requests.EventWithdrawn,
		requests.EventAbandoned, requests.EventTransferredOut, requests.EventTransferredIn} {
		if !slices.Contains(events, k) {
			t.Errorf("no %s event (have %v)", k, events)
		}
	}
	var perApplication int
	if err := db.GetContext(ctx, &perApplication, `SELECT count(*) FROM application_events
		WHERE kind = 'fee_notice_sent' AND data->>'fee_method' = 'per_application'`); err != nil {
		t.Fatal(err)
	}
	if perApplication == 0 {
		t.Error("no fee notice charged by the piece")
	}

	var appeals []requests.Appeal
	for _, code := range []string{"sy-fgw", "sy-zrzyj", "sy-zjj", "sy-sthjj", "hp", "hp-zjj"} {
		list, err := store.Appeals(ctx, code, 0)
		if err != nil {
			t.Fatal(err)
		}
		appeals = append(appeals, list...)
	}
	kinds, results := map[requests.AppealKind]int{}, map[requests.AppealResult]int{}
	for _, a := range appeals {
		if a.TrackingNo == "" {
			t.Errorf("appeal %d is not linked to an application", a.ID)
		}
		kinds[a.Kind]++
		results[a.Result]++
	}
	for _, k := range requests.AppealKinds {
		if kinds[k.Kind] == 0 {
			t.Errorf("no appeal of kind %s (%v)", k.Label, kinds)
		}
	}
	for _, r := range requests.AppealResults {
		if results[r.Result] == 0 {
			t.Errorf("no appeal with result %s (%v)", r.Label, results)
		}
	}

	// The application the banner prints can be tracked with its code.
	if demo.TrackingNo == "" || demo.QueryCode == "" {
		t.Fatalf("no demo application to track: %+v", demo)
	}
	app, err := store.Track(ctx, demo.TrackingNo, demo.QueryCode, "192.0.2.1")
	if err != nil {
		t.Fatalf("track %s with its code: %v", demo.TrackingNo, err)
	}
	if app.BodyCode != "sy-fgw" || !app.Status.Open() || len(app.Deadline.Steps) == 0 {
		t.Errorf("demo application %s: body %s, status %s, %d explanation steps; want an open sy-fgw one with its deadline explained",
			app.TrackingNo, app.BodyCode, app.Status, len(app.Deadline.Steps))
	}
	if _, err := store.Track(ctx, demo.TrackingNo, "WRONGCODE", "192.0.2.1"); !errors.Is(err, requests.ErrBadCode) {
		t.Errorf("track with a wrong code: %v, want ErrBadCode", err)
	}
}
