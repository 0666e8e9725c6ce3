package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
	"xxgk/requests"
)

// testNow is the clock of the database tests: 2025 is over, 2026 is not.
var testNow = time.Date(2026, 3, 2, 10, 0, 0, 0, calendar.China)

type fixture struct {
	db      *sqlx.DB
	store   *Store
	catalog *catalog.Store
	serial  int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	bs := bodies.NewStore(db)
	for _, nb := range []bodies.NewBody{
		{Code: "sy", Name: "沈阳市人民政府", OrgCode: "000014349", Level: "city"},
		{Code: "sy-fgw", Name: "沈阳市发展和改革委员会", OrgCode: "000013338", Parent: "sy"},
		{Code: "sy-jyj", Name: "沈阳市教育局", OrgCode: "01527918X", Parent: "sy"},
	} {
		if _, err := bs.Create(ctx, audit.CLI("test"), nb); err != nil {
			t.Fatal(err)
		}
	}
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := NewStore(db, cal)
	s.SetClock(func() time.Time { return testNow })
	cs := catalog.NewStore(db, cal)
	cs.SetClock(func() time.Time { return testNow })
	return &fixture{db: db, store: s, catalog: cs}
}

// app inserts an application directly, as the applications store would leave it. received and
// answered are "" for none.
func (f *fixture) app(t *testing.T, body string, typ requests.ApplicantType, name, received, answered string, outcome requests.Outcome, status string) int64 {
	t.Helper()
	f.serial++
	var out, ans, recv any
	if outcome != "" {
		out = string(outcome)
	}
	if answered != "" {
		ans = answered
	}
	if received != "" {
		recv = received
	}
	var id int64
	err := f.db.Get(&id, `INSERT INTO applications (body_id, tracking_no, year, serial, query_code_hash, applicant_type,
			applicant_name, description, channel, status, received_on, answered_on, outcome, fee_yuan)
		VALUES ((SELECT id FROM bodies WHERE code = $1), $2, 2025, $3, '\x00', $4, $5, '申请公开2025年度项目审批情况', 'online', $6,
			$7, $8, $9, $10) RETURNING id`,
		body, fmt.Sprintf("YSQ-T-%06d", f.serial), f.serial, string(typ), name, status, recv, ans, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (f *fixture) appeal(t *testing.T, body, kind, result, filed string) {
	t.Helper()
	var concluded any
	if result != "pending" {
		concluded = filed
	}
	f.db.MustExec(`INSERT INTO appeals (body_id, kind, result, filed_on, concluded_on, note)
		VALUES ((SELECT id FROM bodies WHERE code = $1), $2, $3, $4, $5, '不服答复')`, body, kind, result, filed, concluded)
}

func (f *fixture) doc(t *testing.T, body string, in catalog.EntryInput, published string) catalog.Entry {
	t.Helper()
	at, err := time.ParseInLocation("2006-01-02", published, calendar.China)
	if err != nil {
		t.Fatal(err)
	}
	e, err := f.catalog.Import(context.Background(), audit.CLI("test"), body, in, "", at.Add(10*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// loadFGW records the applications, appeals and documents of sy-fgw whose reports the tests
// compare cell by cell.
func (f *fixture) loadFGW(t *testing.T) {
	t.Helper()
	const b = "sy-fgw"
	f.app(t, b, requests.ApplicantPerson, "张三丰", "2024-11-20", "2025-01-10", requests.OutcomeDisclosed, "answered")               // A1
	f.app(t, b, requests.ApplicantCompany, "沈阳某某科技有限公司", "2025-02-03", "2025-02-20", requests.OutcomePartlyDisclosed, "answered") // A2
	f.app(t, b, requests.ApplicantResearch, "某研究院", "2025-03-01", "2025-03-15", requests.OutcomeThirdPartyRights, "answered")     // A3
	f.app(t, b, requests.ApplicantLegalServices, "某律师事务所", "2025-12-20", "", "", "in_progress")                                   // A4
	f.app(t, b, requests.ApplicantPerson, "李四", "2025-06-01", "2025-06-10", requests.OutcomeOther, "withdrawn")                   // A5
	f.app(t, b, requests.ApplicantPerson, "王五", "", "", "", "submitted")                                                          // A6: not received
	f.app(t, b, requests.ApplicantNonprofit, "某基金会", "2025-04-01", "", "", "transferred")                                         // A7: passed on
	f.app(t, b, requests.ApplicantOther, "某协会", "2023-05-05", "", "", "awaiting_correction")                                      // A8
	f.app(t, b, requests.ApplicantPerson, "赵六", "2024-03-01", "2024-03-20", requests.OutcomeNotHeld, "answered")                  // A9
	f.app(t, b, requests.ApplicantCompany, "某商贸公司", "2025-07-01", "2026-01-05", requests.OutcomeDisclosed, "answered")            // A10

	f.appeal(t, b, "review", "upheld", "2025-03-10")
	f.appeal(t, b, "review", "pending", "2025-11-10")
	f.appeal(t, b, "lawsuit", "corrected", "2025-05-10")
	f.appeal(t, b, "lawsuit_after_review", "other", "2024-05-10")

	norm := func(title, formed string) catalog.EntryInput {
		return catalog.EntryInput{Title: title, FormedOn: calendar.MustParseDate(formed), Kind: catalog.KindNormative, DocNo: "沈发改发〔" + formed[:4] + "〕1号"}
	}
	f.doc(t, b, norm("N1 关于促进民营经济发展的若干措施", "2025-03-01"), "2025-03-05")
	n2 := norm("N2 关于价格监测的通知", "2024-02-01")
	n2.ValidUntil = calendar.MustParseDate("2025-05-31")
	f.doc(t, b, n2, "2024-02-10")
	n3 := norm("N3 关于项目审批的规定", "2023-01-10")
	n3.RepealedOn = calendar.MustParseDate("2025-09-01")
	f.doc(t, b, n3, "2023-01-15")
	f.doc(t, b, norm("N4 关于节能审查的办法", "2024-06-01"), "2024-06-05")
	f.doc(t, b, catalog.EntryInput{Title: "R1 沈阳市价格管理规定", FormedOn: calendar.MustParseDate("2025-04-01"), Kind: catalog.KindRule}, "2025-04-02")
	f.doc(t, b, catalog.EntryInput{Title: "O1 其他文件", FormedOn: calendar.MustParseDate("2025-04-01"), Column: catalog.ColumnPolicyOther}, "2025-04-02")
	w := f.doc(t, b, norm("W1 已撤回的文件", "2025-05-01"), "2025-05-02")
	if _, err := f.catalog.Withdraw(context.Background(), audit.CLI("test"), w.ID, "误发"); err != nil {
		t.Fatal(err)
	}
}

// want3 is table 三 by row key; rows not listed are all zero. Columns: person, company,
// research, nonprofit, legal services, other (the total is added).
type want3 map[string][6]int64

func checkTable3(t *testing.T, r Report, want want3) {
	t.Helper()
	for _, row := range r.Table3.Rows {
		w := want[row.Key]
		var c Counts
		copy(c[:], w[:])
		c = c.withTotal()
		if row.Counts != c {
			t.Errorf("%d table 三 %s (%s): got %v, want %v", r.Year, row.Label, row.Key, row.Counts, c)
		}
	}
}

func TestBuildFromRecords(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.loadFGW(t)
	if _, err := f.store.SaveInputs(ctx, audit.CLI("test"), "sy-fgw", 2025, Figures{Permits: Some[int64](12),
		CoerciveMeasures: Some[int64](0), FeesWanYuan: Some(Amount(1_250_000))}, Sections{Problems: "一是栏目更新不及时。"}); err != nil {
		t.Fatal(err)
	}

	r, err := f.store.Build(ctx, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if r.Template != Template2021 || r.Title() != "沈阳市发展和改革委员会2025年政府信息公开工作年度报告" {
		t.Fatalf("template %s title %s", r.Template, r.Title())
	}
	checkTable3(t, r, want3{
		"received":           {1, 2, 1, 0, 1, 0},
		"carried_in":         {1, 0, 0, 0, 0, 1},
		"disclosed":          {1, 0, 0, 0, 0, 0},
		"partly_disclosed":   {0, 1, 0, 0, 0, 0},
		"third_party_rights": {0, 0, 1, 0, 0, 0},
		"other":              {1, 0, 0, 0, 0, 0},
		"concluded":          {2, 1, 1, 0, 0, 0},
		"carried_out":        {0, 1, 0, 0, 1, 1},
	})
	want2 := Table2{
		Rules:       DocumentCounts{Issued: 1, Repealed: 0, InForce: 1},
		Normative:   DocumentCounts{Issued: 1, Repealed: 2, InForce: 2},
		Licensing:   Some[int64](12),
		Enforcement: Some[int64](0),
		Fees:        Some(Amount(1_250_000)),
	}
	if r.Table2 != want2 {
		t.Errorf("table 二: got %+v, want %+v", r.Table2, want2)
	}
	want4 := Table4{Review: NewCaseCounts(1, 0, 0, 1), Direct: NewCaseCounts(0, 1, 0, 0), AfterReview: NewCaseCounts(0, 0, 0, 0)}
	if r.Table4 != want4 {
		t.Errorf("table 四: got %+v, want %+v", r.Table4, want4)
	}
	for _, res := range r.Check() {
		if res.Status != StatusPass {
			t.Errorf("identity %d: %s %+v %s", res.ID, res.Status, res.Mismatches, res.Note)
		}
	}
	// The office's text is kept; the empty sections get a draft from the numbers.
	if r.Sections.Problems != "一是栏目更新不及时。" {
		t.Errorf("problems: %q", r.Sections.Problems)
	}
	for _, want := range []string{"本年新收政府信息公开申请5件，比上年增加3件（增长150%）", "上年结转2件", "予以公开1件、部分公开1件",
		"结转下年度继续办理3件", "行政规范性文件1件", "被申请行政复议2件、被提起行政诉讼1件"} {
		if !strings.Contains(r.Sections.Overview, want) {
			t.Errorf("draft overview lacks %q:\n%s", want, r.Sections.Overview)
		}
	}
	if r.Sections.Other != "本年度未收取信息处理费。" {
		t.Errorf("draft other: %q", r.Sections.Other)
	}

	// The year before: carried over into 2025 is what 2024 carried out.
	r24, err := f.store.Build(ctx, "sy-fgw", 2024)
	if err != nil {
		t.Fatal(err)
	}
	checkTable3(t, r24, want3{
		"received":    {2, 0, 0, 0, 0, 0},
		"carried_in":  {0, 0, 0, 0, 0, 1},
		"not_held":    {1, 0, 0, 0, 0, 0},
		"concluded":   {1, 0, 0, 0, 0, 0},
		"carried_out": {1, 0, 0, 0, 0, 1},
	})
	if got := r24.Table2.Normative; got != (DocumentCounts{Issued: 2, Repealed: 0, InForce: 3}) {
		t.Errorf("2024 normative: %+v", got)
	}
	if r24.Table2.Licensing.Valid {
		t.Errorf("2024 licensing: nothing typed in must be not applicable, got %+v", r24.Table2.Licensing)
	}
	if got := r24.Table4.AfterReview; got != NewCaseCounts(0, 0, 1, 0) {
		t.Errorf("2024 table 四 复议后起诉: %+v", got)
	}

	// The trial format for 2020: table 二 in its own shape, （六） a single row.
	r20, err := f.store.Build(ctx, "sy-fgw", 2020)
	if err != nil {
		t.Fatal(err)
	}
	if r20.Template != Template2019 || r20.Table2Trial == nil || len(r20.Table3.Rows) != 23 {
		t.Errorf("2020: template %s rows %d", r20.Template, len(r20.Table3.Rows))
	}
	r23, err := f.store.Build(ctx, "sy-fgw", 2023)
	if err != nil {
		t.Fatal(err)
	}
	if got := r23.Table2.Normative; got != (DocumentCounts{Issued: 1, Repealed: 0, InForce: 1}) {
		t.Errorf("2023 normative: %+v", got)
	}
	checkTable3(t, r23, want3{"received": {0, 0, 0, 0, 0, 1}, "carried_out": {0, 0, 0, 0, 0, 1}})

	if _, err := f.store.Build(ctx, "nowhere", 2025); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown body: %v", err)
	}
	var v ValidationError
	if _, err := f.store.Build(ctx, "sy-fgw", 2027); !errors.As(err, &v) || v["year"] == "" {
		t.Errorf("future year: %v", err)
	}
}

func TestSaveInputsValidation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	_, err := f.store.SaveInputs(ctx, audit.CLI("test"), "sy-fgw", 2025, Figures{Permits: Some[int64](-1), FeesWanYuan: Some(Amount(-5))},
		Sections{Overview: strings.Repeat("字", MaxSectionRunes+1)})
	var v ValidationError
	if !errors.As(err, &v) || v["figures.permits"] == "" || v["figures.fees_wan_yuan"] == "" || v["sections.overview"] == "" {
		t.Fatalf("got %v", err)
	}
	in, err := f.store.SaveInputs(ctx, audit.CLI("officer.fgw"), "sy-fgw", 2025, Figures{Penalties: Some[int64](3)}, Sections{Overview: " 总体情况。\r\n第二段 "})
	if err != nil {
		t.Fatal(err)
	}
	if in.Sections.Overview != "总体情况。\n第二段" || in.UpdatedBy != "cli:officer.fgw" || in.Figures.Permits.Valid || in.Figures.Penalties != Some[int64](3) {
		t.Errorf("saved %+v", in)
	}
	var n int
	if err := f.db.Get(&n, `SELECT count(*) FROM audit_events WHERE action = 'annual_report.save' AND target = 'annual_report:sy-fgw/2025'`); err != nil || n != 1 {
		t.Errorf("audit events: %d %v", n, err)
	}
}

func TestIdentityChecksCatchPlantedErrors(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.loadFGW(t)
	r, err := f.store.Build(ctx, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	// A hand-edited cell: one more natural person received, totals untouched.
	r.Table3.Rows[0].Counts[0]++
	failed := failedIdentities(r.Check())
	if fmt.Sprint(failed) != "[1 3]" {
		t.Errorf("planted error: failed identities %v, want [1 3]", failed)
	}

	// Last year's report is locked, then a 2024 record is corrected: this year's carried-in no
	// longer matches last year's locked carried-out (identity 4).
	if _, err := f.store.Lock(ctx, audit.CLI("test"), "sy-fgw", 2024); err != nil {
		t.Fatal(err)
	}
	f.db.MustExec(`UPDATE applications SET status = 'answered', outcome = 'not_held', answered_on = '2024-12-01'
		WHERE applicant_name = '某协会'`)
	r, err = f.store.Build(ctx, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	var id4 IdentityResult
	for _, res := range r.Check() {
		if res.ID == 4 {
			id4 = res
		} else if res.Status == StatusFail {
			t.Errorf("identity %d failed: %+v", res.ID, res.Mismatches)
		}
	}
	if id4.Status != StatusFail || len(id4.Mismatches) != 2 || id4.Mismatches[0].Column != "其他" || id4.Mismatches[0].Expected != 1 || id4.Mismatches[0].Actual != 0 {
		t.Errorf("identity 4: %+v", id4)
	}
}

func TestLockFreezesAndPublishes(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.loadFGW(t)
	officer := audit.Actor{Name: "officer.fgw", Role: "officer", Via: "session"}
	before, err := f.store.Build(ctx, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	var v ValidationError
	if _, err := f.store.Lock(ctx, officer, "sy-fgw", 2026); !errors.As(err, &v) {
		t.Fatalf("locking the current year: %v", err)
	}
	locked, err := f.store.Lock(ctx, officer, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := before.ContentHash()
	if locked.Locked == nil || locked.Locked.By != "officer.fgw" || locked.Locked.Hash != hash || !locked.Locked.At.Equal(testNow) {
		t.Fatalf("lock info %+v, want hash %s", locked.Locked, hash)
	}

	// Records change after the lock: the report does not.
	f.app(t, "sy-fgw", requests.ApplicantPerson, "钱七", "2025-08-08", "2025-08-20", requests.OutcomeDisclosed, "answered")
	f.appeal(t, "sy-fgw", "review", "corrected", "2025-09-09")
	f.doc(t, "sy-fgw", catalog.EntryInput{Title: "N9 新文件", FormedOn: calendar.MustParseDate("2025-10-01"), Kind: catalog.KindNormative}, "2025-10-02")
	after, err := f.store.Build(ctx, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := after.ToJSON()
	l, _ := locked.ToJSON()
	if !bytes.Equal(a, l) {
		t.Errorf("locked report moved:\n%s\nwas\n%s", a, l)
	}
	if h, _ := after.ContentHash(); h != hash {
		t.Errorf("hash %s, want %s", h, hash)
	}
	if _, err := f.store.SaveInputs(ctx, officer, "sy-fgw", 2025, Figures{}, Sections{}); !errors.Is(err, ErrLocked) {
		t.Errorf("save after lock: %v", err)
	}
	if _, err := f.store.Lock(ctx, officer, "sy-fgw", 2025); !errors.Is(err, ErrLocked) {
		t.Errorf("second lock: %v", err)
	}

	// The lock published the report in the body's annual-report column.
	in, err := f.store.Inputs(ctx, "sy-fgw", 2025)
	if err != nil || in.EntryID == 0 || in.Locked == nil || in.Template != Template2021 {
		t.Fatalf("inputs %+v %v", in, err)
	}
	e, err := f.catalog.Get(ctx, in.EntryID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != catalog.StatusPublished || e.ColumnCode != catalog.ColumnAnnualReports || e.Title != "沈阳市发展和改革委员会2025年政府信息公开工作年度报告" ||
		!strings.Contains(e.Body, HeadingOverview) || !strings.Contains(e.Body, "本年新收政府信息公开申请5件") || !strings.Contains(e.Body, hash) {
		t.Errorf("published entry: %s %s %q\n%s", e.Status, e.ColumnCode, e.Title, e.Body)
	}

	// Unlock (audited, with a reason), and the next build sees the new records; locking again
	// corrects the same entry.
	if err := f.store.Unlock(ctx, audit.CLI("admin"), "sy-fgw", 2025, ""); !errors.As(err, &v) {
		t.Errorf("unlock without reason: %v", err)
	}
	if err := f.store.Unlock(ctx, audit.CLI("admin"), "sy-fgw", 2025, "数据有误"); err != nil {
		t.Fatal(err)
	}
	if err := f.store.Unlock(ctx, audit.CLI("admin"), "sy-fgw", 2025, "再次"); !errors.Is(err, ErrNotLocked) {
		t.Errorf("second unlock: %v", err)
	}
	var unlockEvents int
	f.db.Get(&unlockEvents, `SELECT count(*) FROM audit_events WHERE action = 'annual_report.unlock' AND changes->>'reason' = '数据有误' AND changes->>'content_hash' = $1`, hash)
	if unlockEvents != 1 {
		t.Errorf("unlock audit events: %d", unlockEvents)
	}
	live, err := f.store.Build(ctx, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if live.Locked != nil || live.Table3.Rows[0].Counts[TotalColumn] != 6 || live.Table4.Review.Total != 3 || live.Table2.Normative.Issued != 2 {
		t.Errorf("after unlock: locked %v received %d reviews %d", live.Locked, live.Table3.Rows[0].Counts[TotalColumn], live.Table4.Review.Total)
	}
	relocked, err := f.store.Lock(ctx, officer, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	in2, _ := f.store.Inputs(ctx, "sy-fgw", 2025)
	e2, _ := f.catalog.Get(ctx, in2.EntryID)
	if in2.EntryID != in.EntryID || e2.Version != 2 || !strings.Contains(e2.Body, relocked.Locked.Hash) {
		t.Errorf("relock: entry %d (was %d) version %d", in2.EntryID, in.EntryID, e2.Version)
	}
}

func TestRollup(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.loadFGW(t)
	f.app(t, "sy-jyj", requests.ApplicantPerson, "孙八", "2025-05-05", "2025-05-25", requests.OutcomeNeedsNewWork, "answered")
	f.app(t, "sy", requests.ApplicantCompany, "某集团", "2025-01-06", "", "", "in_progress")
	f.appeal(t, "sy", "review", "other", "2025-04-04")
	if _, err := f.store.SaveInputs(ctx, audit.CLI("test"), "sy-jyj", 2025, Figures{Permits: Some[int64](5)}, Sections{}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.SaveInputs(ctx, audit.CLI("test"), "sy-fgw", 2025, Figures{Permits: Some[int64](12)}, Sections{}); err != nil {
		t.Fatal(err)
	}
	// A locked member counts with its snapshot.
	if _, err := f.store.Lock(ctx, audit.CLI("test"), "sy-jyj", 2025); err != nil {
		t.Fatal(err)
	}
	f.app(t, "sy-jyj", requests.ApplicantPerson, "后来者", "2025-06-06", "", "", "in_progress")

	ro, err := f.store.Rollup(ctx, "sy", 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(ro.Members) != 3 || ro.Members[0].Code != "sy" || ro.Locked != 1 {
		t.Fatalf("members %+v locked %d", ro.Members, ro.Locked)
	}
	var want Counts
	for _, code := range []string{"sy", "sy-fgw", "sy-jyj"} {
		r, err := f.store.Build(ctx, code, 2025)
		if err != nil {
			t.Fatal(err)
		}
		want = addCounts(want, r.Table3.Rows[0].Counts)
	}
	if got := ro.Report.Table3.Rows[0].Counts; got != want || got[TotalColumn] != 7 {
		t.Errorf("rollup received %v, want %v (7)", got, want)
	}
	if ro.Report.Table2.Licensing != Some[int64](17) || ro.Report.Table2.Penalty.Valid {
		t.Errorf("rollup figures: %+v %+v", ro.Report.Table2.Licensing, ro.Report.Table2.Penalty)
	}
	if ro.Report.Table4.Review != NewCaseCounts(1, 0, 1, 1) {
		t.Errorf("rollup table 四: %+v", ro.Report.Table4.Review)
	}
	for _, res := range ro.Report.Check() {
		if res.Status == StatusFail {
			t.Errorf("rollup identity %d: %+v", res.ID, res.Mismatches)
		}
	}
	// The government's own report stays its own.
	own, _ := f.store.Build(ctx, "sy", 2025)
	if own.Table3.Rows[0].Counts[TotalColumn] != 1 {
		t.Errorf("own report received %v", own.Table3.Rows[0].Counts)
	}
	var v ValidationError
	if _, err := f.store.Rollup(ctx, "sy-fgw", 2025); !errors.As(err, &v) {
		t.Errorf("rollup of a department: %v", err)
	}
}

func TestDrill(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.loadFGW(t)
	refs := func(items []DrillItem) string {
		var s []string
		for _, it := range items {
			s = append(s, it.Applicant+it.Title[:min(len(it.Title), 2)])
		}
		return strings.Join(s, ",")
	}
	items, err := f.store.Drill(ctx, "sy-fgw", 2025, Table3Cell("received", 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].Applicant != requests.MaskName("沈阳某某科技有限公司") || strings.Contains(items[0].Applicant, "某某科技") ||
		items[0].ApplicantType != "商业企业" {
		t.Errorf("received/company: %+v", items)
	}
	items, err = f.store.Drill(ctx, "sy-fgw", 2025, Table3Cell("third_party_rights", TotalColumn))
	if err != nil || len(items) != 1 || items[0].Outcome != "（三）4.保护第三方合法权益" || items[0].End.Date.String() != "2025-03-15" {
		t.Errorf("third party: %+v %v", items, err)
	}
	items, err = f.store.Drill(ctx, "sy-fgw", 2025, Table3Cell("carried_out", TotalColumn))
	if err != nil || len(items) != 3 {
		t.Errorf("carried out: %s %v", refs(items), err)
	}
	items, err = f.store.Drill(ctx, "sy-fgw", 2025, Table2Cell("normative", catalog.CellRepealed))
	if err != nil || len(items) != 2 || !strings.HasPrefix(items[0].Title, "N2") || !strings.HasPrefix(items[1].Title, "N3") {
		t.Errorf("normative repealed: %+v %v", items, err)
	}
	items, err = f.store.Drill(ctx, "sy-fgw", 2025, Table2Cell("normative", catalog.CellInForce))
	if err != nil || len(items) != 2 {
		t.Errorf("normative in force: %+v %v", items, err)
	}
	items, err = f.store.Drill(ctx, "sy-fgw", 2025, Table4Cell(0, 4))
	if err != nil || len(items) != 2 || items[0].Status != "upheld" {
		t.Errorf("reviews: %+v %v", items, err)
	}
	for _, bad := range []Cell{"t3/nope/total", "t3/received/alien", "t2/rules/nope", "t4/review/lost", "x", "t9/a/b"} {
		var v ValidationError
		if _, err := f.store.Drill(ctx, "sy-fgw", 2025, bad); !errors.As(err, &v) {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// TestExportsFromRecords writes a report built from the database and reads the Excel file back
// cell by cell.
func TestExportsFromRecords(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.loadFGW(t)
	r, err := f.store.Build(ctx, "sy-fgw", 2025)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for i, row := range r.Table3.Rows {
		for j, v := range row.Counts {
			cell, _ := excelize.CoordinatesToCellName(4+j, xlsxTableTopRow+3+i)
			got, err := x.GetCellValue(SheetTable3, cell)
			if err != nil || got != fmt.Sprint(v) {
				t.Errorf("%s %s: %q, want %d", row.Label, cell, got, v)
			}
		}
	}
	// Table 二's typed figures are not applicable (nothing typed in): "/" not 0.
	rows, _ := x.GetRows(SheetTable2)
	joined := fmt.Sprint(rows)
	if !strings.Contains(joined, "[行政许可 / / /]") && !strings.Contains(joined, "[行政许可 /]") {
		t.Errorf("table 二 rows: %v", rows)
	}
}
