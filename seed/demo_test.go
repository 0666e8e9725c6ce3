package seed

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
)

func defaultCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	return cal
}

// TestDemoCatalogGenerated checks the generated catalog without a database: the same every
// time, well-formed, and realistic in the ways users see.
func TestDemoCatalogGenerated(t *testing.T) {
	cal := defaultCalendar(t)
	today := calendar.NewDate(2026, 11, 23)
	g := buildDemoCatalog(cal, today)
	if n := len(g.entries); n < 400 || n > 700 {
		t.Errorf("%d entries, want 400–700", n)
	}
	again := buildDemoCatalog(cal, today)
	for i, e := range g.entries {
		if a := again.entries[i]; a.in.Title != e.in.Title || a.in.DocNo != e.in.DocNo || !a.publishAt.Equal(e.publishAt) || a.in.Body != e.in.Body {
			t.Fatalf("entry %d differs between two generations: %q %s vs %q %s", i, e.in.Title, e.publishAt, a.in.Title, a.publishAt)
		}
	}

	titles, docNos := map[string]bool{}, map[string]string{}
	bodies := map[string]bool{}
	for _, e := range g.entries {
		bodies[e.body] = true
		key := e.body + " " + e.in.Title
		if titles[key] {
			t.Errorf("title %q twice in %s", e.in.Title, e.body)
		}
		titles[key] = true
		if e.in.DocNo != "" {
			if other, dup := docNos[catalog.DocNoKey(e.in.DocNo)]; dup {
				t.Errorf("document number %s on %q and %q", e.in.DocNo, other, e.in.Title)
			}
			docNos[catalog.DocNoKey(e.in.DocNo)] = e.in.Title
		}
		if n := len([]rune(e.in.Summary)); n < 60 || n > 200 {
			t.Errorf("%q: summary of %d characters, want 60–200: %s", e.in.Title, n, e.in.Summary)
		}
		if e.in.Body == "" || e.in.Subject == "" || len(e.in.Issuers) == 0 {
			t.Errorf("%q: body, subject or issuers missing", e.in.Title)
		}
		if e.in.Kind == catalog.KindRule && e.body != "sy" {
			t.Errorf("%q: a rule of %s; only the city government makes rules", e.in.Title, e.body)
		}
		if y := e.in.FormedOn.Year(); y < 2021 || e.in.FormedOn.After(today) {
			t.Errorf("%q: formed on %s, want 2021 to today", e.in.Title, e.in.FormedOn)
		}
		if !e.publishAt.IsZero() && calendar.DateOf(e.publishAt.In(calendar.China)).Before(e.in.FormedOn) {
			t.Errorf("%q: published %s before it was formed on %s", e.in.Title, e.publishAt, e.in.FormedOn)
		}
		if e.in.Kind == catalog.KindNormative && e.in.DocNo != "" {
			if _, err := catalog.ParseDocNo(e.in.DocNo); err != nil {
				t.Errorf("%q: %v", e.in.Title, err)
			}
		}
		for _, c := range e.corrections {
			for i := 0; i+1 < len(c.replace); i += 2 {
				if !containsAny(c.replace[i], e.in.Title, e.in.Summary, e.in.Body) {
					t.Errorf("%q: correction %q finds no %q to replace", e.in.Title, c.note, c.replace[i])
				}
			}
		}
	}
	for _, r := range g.relations {
		// The loader replays each body's events on its own; a relation belongs to one body.
		if r.from.body != r.to.body {
			t.Errorf("relation %s from %q (%s) to %q (%s) crosses bodies", r.kind, r.from.in.Title, r.from.body, r.to.in.Title, r.to.body)
		}
	}
	for _, p := range demoProfiles {
		if !bodies[p.code] {
			t.Errorf("no entries for %s", p.code)
		}
	}
	if len(bodies) != len(demoProfiles) {
		t.Errorf("entries for %d bodies, profiles for %d", len(bodies), len(demoProfiles))
	}
}

func containsAny(sub string, ss ...string) bool {
	return slices.ContainsFunc(ss, func(s string) bool { return strings.Contains(s, sub) })
}

// TestLoadDemo loads the demo into a real database and checks what the portal and the
// officers' console rely on.
func TestLoadDemo(t *testing.T) {
	db := dbtest.New(t)
	ctx := context.Background()
	start := time.Now()
	if _, err := LoadDemo(ctx, db); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo loaded in %s", time.Since(start).Round(time.Millisecond))
	if _, err := LoadDemo(ctx, db); !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("second load: %v, want ErrNotEmpty", err)
	}
	store := catalog.NewStore(db, defaultCalendar(t))

	for _, v := range catalog.Validities() {
		n, _, err := store.List(ctx, catalog.ListFilter{Kind: catalog.KindNormative, Validity: v, PublicOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("normative documents %s: %d", v, n)
		if n == 0 {
			t.Errorf("no public normative document is %s", v)
		}
	}

	// The city government's rules and normative documents have English versions, which English
	// words find (here by the PostgreSQL search; the Meilisearch side is search's TestRelevance).
	var english int
	if err := db.GetContext(ctx, &english, `SELECT count(*) FROM entries WHERE title_en <> '' AND summary_en <> '' AND status = 'published'`); err != nil {
		t.Fatal(err)
	}
	if english < 25 {
		t.Errorf("%d published entries with an English title and summary, want the city's 27 or more", english)
	}
	n, found, err := store.SearchFallback(ctx, catalog.FallbackQuery{Q: "household waste sorting"})
	if err != nil || n != 1 || found[0].TitleEN != "Measures of Shenyang for the Management of Household Waste Sorting" ||
		!strings.Contains(found[0].SummaryEN, "takes effect on") {
		t.Errorf("English search of the demo: %d %v %+v", n, err, found)
	}

	var relations []struct {
		Kind string `db:"kind"`
		N    int    `db:"n"`
	}
	if err := db.SelectContext(ctx, &relations, `SELECT kind, count(*) AS n FROM entry_relations GROUP BY kind`); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, r := range relations {
		got[r.Kind] = r.N
	}
	for _, k := range catalog.RelationKinds() {
		if got[string(k)] == 0 {
			t.Errorf("no %s relation (have %v)", k, got)
		}
	}
	if got[string(catalog.RelationInterprets)] < 30 {
		t.Errorf("%d interpretations linked to their policies, want at least 30", got[string(catalog.RelationInterprets)])
	}

	public, _, err := store.List(ctx, catalog.ListFilter{PublicOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if public < 300 {
		t.Errorf("%d public entries, want at least 300", public)
	}
	var bodyCodes []string
	if err := db.SelectContext(ctx, &bodyCodes, `SELECT code FROM bodies ORDER BY path`); err != nil {
		t.Fatal(err)
	}
	for _, code := range bodyCodes {
		n, _, err := store.List(ctx, catalog.ListFilter{BodyCode: code, PublicOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("body %s has no public entry", code)
		}
	}
	// Rules only for the city government.
	var ruleBodies []string
	if err := db.SelectContext(ctx, &ruleBodies, `SELECT DISTINCT b.code FROM entries e JOIN bodies b ON b.id = e.body_id WHERE e.kind = 'rule'`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ruleBodies, []string{"sy"}) {
		t.Errorf("rules in %v, want only sy", ruleBodies)
	}

	// The life cycle: drafts, a withdrawal with its reason, corrections kept as versions.
	for _, st := range []catalog.Status{catalog.StatusDraft, catalog.StatusWithdrawn} {
		n, es, err := store.List(ctx, catalog.ListFilter{Status: st})
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			t.Errorf("no %s entry", st)
		}
		for _, e := range es {
			if st == catalog.StatusWithdrawn && (e.WithdrawnReason == "" || e.WithdrawnAt == nil) {
				t.Errorf("withdrawn entry %d without reason or date", e.ID)
			}
		}
	}
	var corrected []int64
	if err := db.SelectContext(ctx, &corrected, `SELECT DISTINCT entry_id FROM entry_versions
		WHERE note <> '' AND note <> '导入' AND changes ? 'body' ORDER BY entry_id`); err != nil {
		t.Fatal(err)
	}
	if len(corrected) == 0 {
		t.Error("no entry corrected after publication")
	}
	maxVersions := 0
	for _, id := range corrected {
		vs, err := store.Versions(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		maxVersions = max(maxVersions, len(vs))
	}
	if maxVersions < 3 {
		t.Errorf("the most corrected entry has %d versions, want 3", maxVersions)
	}

	// Published over the years: imported from the old site before 2023, in xxgk since.
	var years []int
	if err := db.SelectContext(ctx, &years, `SELECT DISTINCT extract(year FROM published_at AT TIME ZONE 'Asia/Shanghai')::int
		FROM entries WHERE published_at IS NOT NULL ORDER BY 1`); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(years, []int{2021, 2022, 2023, 2024, 2025, 2026}) {
		t.Errorf("published in %v, want every year 2021–2026", years)
	}

	// The officers' dashboards have something to show.
	expiring, err := store.Expiring(ctx, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(expiring) == 0 {
		t.Error("no normative document expires within 6 months")
	}
	// Freshness is checked as of the day the demo was written for, so that the test does not
	// start failing when the demo's columns age.
	asOf := catalog.NewStore(db, defaultCalendar(t))
	asOf.SetClock(func() time.Time {
		if written := time.Date(2026, 11, 23, 12, 0, 0, 0, calendar.China); time.Now().After(written) {
			return written
		}
		return time.Now()
	})
	fresh, err := asOf.Freshness(ctx, "sy-mzj")
	if err != nil {
		t.Fatal(err)
	}
	if len(fresh.Stale) == 0 {
		t.Error("sy-mzj has no stale column")
	}
	fgw, err := asOf.Freshness(ctx, "sy-fgw")
	if err != nil {
		t.Fatal(err)
	}
	if len(fgw.Stale) != 0 || len(fgw.Empty) != 0 || len(fgw.Late) == 0 {
		t.Errorf("sy-fgw: %d stale, %d empty, %d late; want 0, 0 and some", len(fgw.Stale), len(fgw.Empty), len(fgw.Late))
	}
	tl, err := store.TimelinessByBody(ctx, "sy", true, 2026)
	if err != nil {
		t.Fatal(err)
	}
	late := 0
	for _, b := range tl {
		late += b.Late
	}
	if len(tl) < 10 || late == 0 {
		t.Errorf("timeliness 2026: %d bodies, %d late; want most bodies and some late", len(tl), late)
	}

	// A repealed document was in force the day before its repeal took effect, not today.
	_, repealed, err := store.List(ctx, catalog.ListFilter{Kind: catalog.KindNormative, Validity: catalog.ValidityRepealed, PageSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range repealed {
		if !r.RepealedOn.Valid {
			t.Errorf("repealed document %d has no repeal date", r.ID)
			continue
		}
		before := r.RepealedOn.Date.AddDays(-1)
		then, err := store.InForceOn(ctx, r.BodyCode, false, before)
		if err != nil {
			t.Fatal(err)
		}
		now, err := store.InForceOn(ctx, r.BodyCode, false, calendar.Today())
		if err != nil {
			t.Fatal(err)
		}
		if !hasEntry(then, r.ID) {
			t.Errorf("%q (repealed on %s) not in force on %s", r.Title, r.RepealedOn.Date, before)
		}
		if hasEntry(now, r.ID) {
			t.Errorf("%q (repealed on %s) still in force today", r.Title, r.RepealedOn.Date)
		}
		checked++
	}
	if checked < 3 {
		t.Errorf("%d repealed documents checked, want at least 3", checked)
	}
}

func hasEntry(es []catalog.Entry, id int64) bool {
	return slices.ContainsFunc(es, func(e catalog.Entry) bool { return e.ID == id })
}
