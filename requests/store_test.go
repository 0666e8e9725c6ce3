package requests_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/database/dbtest"
	"xxgk/requests"
)

var officer = audit.Actor{Name: "officer.fgw", Role: "officer", Via: "session"}

type fixture struct {
	t   *testing.T
	ctx context.Context
	db  *sqlx.DB
	st  *requests.Store
	cal *calendar.Calendar
	now time.Time
}

// newFixture is a database with the city and two departments, and a store whose clock reads
// 10:00 in China on 2025-01-20.
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
	f := &fixture{t: t, ctx: ctx, db: db, cal: cal, st: requests.NewStore(db, cal, requests.DefaultClockPolicy())}
	f.st.SetClock(func() time.Time { return f.now })
	f.setDay("2025-01-20")
	return f
}

func day(s string) calendar.Date { return calendar.MustParseDate(s) }

// setDay moves the store's clock to 10:00 in China on s.
func (f *fixture) setDay(s string) { f.now = day(s).Time(calendar.China).Add(10 * time.Hour) }

func validID() string {
	id := "11010119900307123"
	return id + string(requests.ResidentIDCheckChar(id))
}

func person() requests.NewApplication {
	return requests.NewApplication{ApplicantType: requests.ApplicantPerson, ApplicantName: "李小明", IDNumber: validID(),
		Phone: "13812345678", Email: "lixiaoming@example.com", Address: "辽宁省沈阳市和平区南京北街1号", Postcode: "110001",
		Description: "2024年本市营商环境评价报告全文", Consent: true}
}

// register registers a paper application of sy-fgw received on received (the clock moves there).
func (f *fixture) register(received string) requests.Application {
	f.t.Helper()
	f.setDay(received)
	in := person()
	in.Channel, in.ReceivedOn = "in_person", day(received)
	a, code, err := f.st.Register(f.ctx, officer, "sy-fgw", in)
	if err != nil {
		f.t.Fatal(err)
	}
	if len(code) != 8 {
		f.t.Fatalf("query code %q", code)
	}
	return a
}

// act applies a on day (the clock moves there) and fails the test on error.
func (f *fixture) act(no, on string, a requests.Action) requests.Application {
	f.t.Helper()
	f.setDay(on)
	a.On = day(on)
	got, err := f.st.Act(f.ctx, officer, no, a)
	if err != nil {
		f.t.Fatalf("%s on %s: %v", a.Kind, on, err)
	}
	return got
}

// refuse applies a on day and wants a refusal: a ValidationError on field, or ErrNotAllowed
// when field is "".
func (f *fixture) refuse(no, on string, a requests.Action, field string) {
	f.t.Helper()
	f.setDay(on)
	a.On = day(on)
	_, err := f.st.Act(f.ctx, officer, no, a)
	var v requests.ValidationError
	switch {
	case field == "" && !errors.Is(err, requests.ErrNotAllowed):
		f.t.Fatalf("%s on %s: got %v, want ErrNotAllowed", a.Kind, on, err)
	case field != "" && (!errors.As(err, &v) || v[field] == ""):
		f.t.Fatalf("%s on %s: got %v, want a problem with %s", a.Kind, on, err, field)
	}
	if field == "" {
		var se *requests.StateError
		if !errors.As(err, &se) || se.ZH == "" || se.EN == "" {
			f.t.Fatalf("%s: refusal without messages: %v", a.Kind, err)
		}
	}
}

func wantDue(t *testing.T, a requests.Application, want string) {
	t.Helper()
	got := ""
	if a.DueOn.Valid {
		got = a.DueOn.Date.String()
	}
	if got != want {
		t.Fatalf("%s: due %q, want %q (status %s, steps %v)", a.TrackingNo, got, want, a.Status, a.Deadline.Steps)
	}
	if want != "" && a.Deadline.Due.String() != want {
		t.Fatalf("%s: deadline on read %s, stored %s", a.TrackingNo, a.Deadline.Due, want)
	}
}

func wantStatus(t *testing.T, a requests.Application, want requests.Status) {
	t.Helper()
	if a.Status != want {
		t.Fatalf("%s: status %s, want %s", a.TrackingNo, a.Status, want)
	}
}

func TestSubmitConfirm(t *testing.T) {
	f := newFixture(t)
	f.setDay("2025-01-20")
	a, code, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^YSQ-2025-SY-FGW-000001$`).MatchString(a.TrackingNo) {
		t.Errorf("tracking number %q", a.TrackingNo)
	}
	if !regexp.MustCompile(`^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$`).MatchString(code) {
		t.Errorf("query code %q", code)
	}
	wantStatus(t, a, requests.StatusSubmitted)
	if a.ReceivedOn.Valid || a.Channel != "online" || a.Source != "online" {
		t.Errorf("online application: received %v channel %s source %s", a.ReceivedOn, a.Channel, a.Source)
	}
	// Before confirmation the deadline assumes receipt on the submission day (law.md §5 example).
	wantDue(t, a, "2025-02-21")
	var hash []byte
	if err := f.db.Get(&hash, `SELECT query_code_hash FROM applications WHERE id = $1`, a.ID); err != nil || strings.Contains(string(hash), code) {
		t.Fatalf("the query code must be stored hashed: %q %v", hash, err)
	}
	// A second application of the body and year takes the next serial; another body starts at 1.
	b, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
	if err != nil || b.TrackingNo != "YSQ-2025-SY-FGW-000002" {
		t.Fatalf("second: %v %v", b.TrackingNo, err)
	}
	c, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-jyj", person())
	if err != nil || c.TrackingNo != "YSQ-2025-SY-JYJ-000001" {
		t.Fatalf("other body: %v %v", c.TrackingNo, err)
	}

	// Confirmation may not precede the submission, nor lie in the future.
	f.refuse(a.TrackingNo, "2025-01-17", requests.Action{Kind: requests.ActConfirm}, "on")
	f.setDay("2025-01-22")
	if _, err := f.st.Act(f.ctx, officer, a.TrackingNo, requests.Action{Kind: requests.ActConfirm, On: day("2025-01-23")}); !isInvalid(err, "on") {
		t.Fatalf("confirm in the future: %v", err)
	}
	// Actions other than confirmation wait for it.
	f.refuse(a.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed}, "")
	// Confirmation defaults to the submission day.
	got, err := f.st.Act(f.ctx, officer, a.TrackingNo, requests.Action{Kind: requests.ActConfirm})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, got, requests.StatusReceived)
	if got.ReceivedOn.Date != day("2025-01-20") {
		t.Fatalf("received %v", got.ReceivedOn)
	}
	wantDue(t, got, "2025-02-21")
	f.refuse(a.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActConfirm}, "")
	got = f.act(a.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActStart})
	wantStatus(t, got, requests.StatusInProgress)

	// Confirmed later: the clock runs from the confirmation.
	got = f.act(b.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActConfirm})
	if got.ReceivedOn.Date != day("2025-01-22") || got.Deadline.Received != day("2025-01-22") {
		t.Fatalf("received %v", got.ReceivedOn)
	}

	// Every mutation is audited, without personal data in clear.
	var changes []string
	if err := f.db.Select(&changes, `SELECT coalesce(changes::text, '') FROM audit_events WHERE action LIKE 'application.%'`); err != nil {
		t.Fatal(err)
	}
	if len(changes) != 6 {
		t.Errorf("audit events: %d, want 6", len(changes))
	}
	for _, c := range changes {
		for _, secret := range []string{"李小明", "13812345678", "lixiaoming", validID(), "南京北街"} {
			if strings.Contains(c, secret) {
				t.Errorf("audit changes contain %q: %s", secret, c)
			}
		}
	}
}

func isInvalid(err error, field string) bool {
	var v requests.ValidationError
	return errors.As(err, &v) && v[field] != ""
}

func TestValidation(t *testing.T) {
	f := newFixture(t)
	_, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", requests.NewApplication{})
	for _, field := range []string{"applicant_type", "applicant_name", "id_number", "phone", "description", "consent"} {
		if !isInvalid(err, field) {
			t.Errorf("empty application: no problem with %s: %v", field, err)
		}
	}
	bad := person()
	bad.IDNumber = "110101199003071235"
	if bad.IDNumber == validID() {
		bad.IDNumber = "110101199003071236"
	}
	bad.Email, bad.Postcode, bad.Delivery = "not an email", "1100", "fax"
	bad.Phone = ""
	_, _, err = f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", bad)
	for _, field := range []string{"id_number", "email", "postcode", "phone"} {
		if !isInvalid(err, field) {
			t.Errorf("bad application: no problem with %s: %v", field, err)
		}
	}
	org := requests.NewApplication{ApplicantType: requests.ApplicantCompany, ApplicantName: "沈阳某科技有限公司", IDNumber: "11441700007280420Y",
		LegalRep: "王五", ContactPerson: "赵六", Phone: "024-22345678", Description: "某项目的环评批复", Consent: true}
	a, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", org)
	if err != nil || a.IDType != "uscc" {
		t.Fatalf("organisation: %v %v", a.IDType, err)
	}
	// Registration: a channel and a received date not in the future.
	in := person()
	in.ReceivedOn = day("2025-01-21")
	_, _, err = f.st.Register(f.ctx, officer, "sy-fgw", in)
	if !isInvalid(err, "channel") || !isInvalid(err, "received_on") {
		t.Fatalf("register: %v", err)
	}
	if _, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "nobody", person()); !isInvalid(err, "body") {
		t.Fatalf("unknown body: %v", err)
	}
}

// TestWorkedExamples runs law.md §5's worked examples through the store.
func TestWorkedExamples(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-01-20")
	wantStatus(t, a, requests.StatusReceived)
	wantDue(t, a, "2025-02-21")
	if a.Deadline.CorrectionDue != day("2025-02-05") {
		t.Errorf("correction notice due %s, want 2025-02-05", a.Deadline.CorrectionDue)
	}
	if len(a.Deadline.Steps) == 0 || !strings.Contains(a.Deadline.Steps[len(a.Deadline.Steps)-1].ZH, "2025-02-21") {
		t.Errorf("explanation: %+v", a.Deadline.Steps)
	}

	a = f.register("2025-09-22")
	wantDue(t, a, "2025-10-24")
	a = f.act(a.TrackingNo, "2025-10-20", requests.Action{Kind: requests.ActExtend, ApprovedBy: "张主任"})
	wantStatus(t, a, requests.StatusExtended)
	wantDue(t, a, "2025-11-21")
	if !a.Extended || a.Deadline.ExtensionDays != 20 {
		t.Errorf("extended %v %d", a.Extended, a.Deadline.ExtensionDays)
	}

	a = f.register("2026-02-10")
	wantDue(t, a, "2026-03-16")

	// Year boundary: New Year's Day is skipped.
	a = f.register("2025-12-15")
	wantDue(t, a, "2026-01-13")
	if a.DueProvisional {
		t.Error("2026 is loaded: not provisional")
	}
}

func TestProvisionalYear(t *testing.T) {
	f := newFixture(t)
	a := f.register("2026-12-10")
	wantDue(t, a, "2027-01-07")
	if !a.DueProvisional || !a.Deadline.Provisional {
		t.Fatalf("a due date in 2027 (not loaded) must be provisional: %v %v", a.DueProvisional, a.Deadline.Provisional)
	}
}

func TestExtension(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-09-22")
	f.refuse(a.TrackingNo, "2025-10-20", requests.Action{Kind: requests.ActExtend}, "approved_by")
	f.refuse(a.TrackingNo, "2025-10-20", requests.Action{Kind: requests.ActExtend, ApprovedBy: "张主任", Days: 21}, "days")
	// After the due date has passed it is too late to extend.
	f.refuse(a.TrackingNo, "2025-10-27", requests.Action{Kind: requests.ActExtend, ApprovedBy: "张主任"}, "on")
	a = f.act(a.TrackingNo, "2025-10-20", requests.Action{Kind: requests.ActExtend, ApprovedBy: "张主任", Days: 10})
	wantDue(t, a, "2025-11-07")
	// Only once.
	f.refuse(a.TrackingNo, "2025-10-21", requests.Action{Kind: requests.ActExtend, ApprovedBy: "张主任", Days: 5}, "kind")
	// The approver is recorded with the event.
	last := a.Events[len(a.Events)-1]
	if last.Kind != requests.EventExtended || !strings.Contains(string(last.Data), "张主任") || last.Basis != "条例第三十三条" {
		t.Fatalf("extension event %+v", last)
	}
}

func TestCorrection(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-01-20")
	// Day 8 is too late (the notice was due 2025-02-05).
	f.refuse(a.TrackingNo, "2025-02-06", requests.Action{Kind: requests.ActRequestCorrection}, "on")
	f.refuse(a.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActCorrectionReceived}, "")
	a = f.act(a.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActRequestCorrection, Note: "请写明所需文件的年份"})
	wantStatus(t, a, requests.StatusAwaitingCorrection)
	wantDue(t, a, "")
	// Nothing but the correction (or abandonment) while waiting.
	f.refuse(a.TrackingNo, "2025-01-23", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed}, "")
	f.refuse(a.TrackingNo, "2025-01-23", requests.Action{Kind: requests.ActRequestCorrection}, "kind")
	// Events are recorded in order.
	f.refuse(a.TrackingNo, "2025-01-21", requests.Action{Kind: requests.ActCorrectionReceived}, "on")
	a = f.act(a.TrackingNo, "2025-03-03", requests.Action{Kind: requests.ActCorrectionReceived})
	wantStatus(t, a, requests.StatusInProgress)
	wantDue(t, a, "2025-03-31") // 20 WD after the correction
	// A second correction is refused (Art. 30: once).
	f.refuse(a.TrackingNo, "2025-03-04", requests.Action{Kind: requests.ActRequestCorrection}, "kind")
	a = f.act(a.TrackingNo, "2025-03-10", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeUnclearAfterCorrection})
	wantStatus(t, a, requests.StatusAnswered)

	// No correction: abandoned.
	b := f.register("2025-01-20")
	f.refuse(b.TrackingNo, "2025-01-21", requests.Action{Kind: requests.ActAbandon}, "")
	f.refuse(b.TrackingNo, "2025-01-21", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeUnclearAfterCorrection}, "outcome")
	f.act(b.TrackingNo, "2025-01-21", requests.Action{Kind: requests.ActRequestCorrection})
	b = f.act(b.TrackingNo, "2025-03-21", requests.Action{Kind: requests.ActAbandon})
	wantStatus(t, b, requests.StatusClosed)
	if b.Outcome != requests.OutcomeAbandonedNoCorrection || b.AnsweredOn.Date != day("2025-03-21") {
		t.Fatalf("abandoned: %s %v", b.Outcome, b.AnsweredOn)
	}
}

func TestConsultation(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-09-22")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActConsult}, "reason")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActConsultReply}, "")
	a = f.act(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActConsult, Reason: requests.PauseThirdParty})
	wantStatus(t, a, requests.StatusConsulting)
	// While open, the due date assumes the 15-WD window lapses.
	wantDue(t, a, "2025-11-14")
	if a.Events[len(a.Events)-1].Basis != "条例第三十二条" {
		t.Errorf("basis %q", a.Events[len(a.Events)-1].Basis)
	}
	// A correction cannot be requested during a consultation.
	f.refuse(a.TrackingNo, "2025-09-25", requests.Action{Kind: requests.ActRequestCorrection}, "kind")
	// The reply on 09-30: (09-24, 09-30] holds 5 working days (09-28 is a make-up Sunday).
	a = f.act(a.TrackingNo, "2025-09-30", requests.Action{Kind: requests.ActConsultReply})
	wantStatus(t, a, requests.StatusInProgress)
	wantDue(t, a, "2025-10-31")
	if a.Deadline.PausedDays != 5 {
		t.Errorf("paused %d, want 5", a.Deadline.PausedDays)
	}
	// Another body consulted (Art. 34), answered while still open: the office decides.
	a = f.act(a.TrackingNo, "2025-10-09", requests.Action{Kind: requests.ActConsult, Reason: requests.PauseOtherBody})
	if a.Events[len(a.Events)-1].Basis != "条例第三十四条" {
		t.Errorf("basis %q", a.Events[len(a.Events)-1].Basis)
	}
	a = f.act(a.TrackingNo, "2025-10-10", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomePartlyDisclosed, AnswerText: "部分公开"})
	wantStatus(t, a, requests.StatusAnswered)
}

func TestFees(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-09-22")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActFeeNotice, FeeCount: 250}, "fee_method")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerPage, FeeCount: 30}, "fee_count")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActFeePaid}, "")
	a = f.act(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerPage, FeeCount: 250})
	wantStatus(t, a, requests.StatusFeePending)
	if a.FeeYuan == nil || *a.FeeYuan != 4700 {
		t.Fatalf("fee %v, want 4700 (law.md example)", a.FeeYuan)
	}
	if !strings.Contains(string(a.Events[len(a.Events)-1].Data), "4700") {
		t.Errorf("fee event data %s", a.Events[len(a.Events)-1].Data)
	}
	// The default policy pauses the clock: no due date while unpaid.
	wantDue(t, a, "")
	f.refuse(a.TrackingNo, "2025-09-25", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed}, "")
	a = f.act(a.TrackingNo, "2025-09-29", requests.Action{Kind: requests.ActFeePaid})
	wantStatus(t, a, requests.StatusInProgress)
	wantDue(t, a, "2025-10-30") // 4 working days paused

	// Per application: the 35th application of the month costs 20×100 + 5×200.
	b := f.register("2025-09-22")
	b = f.act(b.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerApplication, FeeCount: 35})
	if *b.FeeYuan != 3000 {
		t.Fatalf("fee %d, want 3000", *b.FeeYuan)
	}
	// Unpaid: abandoned only after the 20 WD payment period (20 WD after 09-24 is 10-28).
	f.refuse(b.TrackingNo, "2025-10-28", requests.Action{Kind: requests.ActAbandon}, "on")
	b = f.act(b.TrackingNo, "2025-10-29", requests.Action{Kind: requests.ActAbandon})
	wantStatus(t, b, requests.StatusClosed)
	if b.Outcome != requests.OutcomeAbandonedFeeUnpaid {
		t.Fatalf("outcome %s", b.Outcome)
	}

	// The other policy: a fee notice does not stop the clock.
	f.st = requests.NewStore(f.db, f.cal, requests.ClockPolicy{FeePausesClock: false})
	f.st.SetClock(func() time.Time { return f.now })
	c := f.register("2025-09-22")
	c = f.act(c.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerPage, FeeCount: 31})
	wantStatus(t, c, requests.StatusFeePending)
	wantDue(t, c, "2025-10-24")
	c = f.act(c.TrackingNo, "2025-09-29", requests.Action{Kind: requests.ActFeePaid})
	wantDue(t, c, "2025-10-24")
}

func TestAnswerAndAfter(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-09-22")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActAnswer}, "outcome")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActAnswer, Outcome: "nonsense"}, "outcome")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeAbandonedFeeUnpaid}, "outcome")
	f.refuse(a.TrackingNo, "2025-09-24", requests.Action{Kind: "dance"}, "kind")
	a = f.act(a.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeThirdPartyRights, AnswerText: "涉及商业秘密"})
	wantStatus(t, a, requests.StatusAnswered)
	if a.Outcome != requests.OutcomeThirdPartyRights || a.AnsweredOn.Date != day("2025-09-24") || a.AnswerText != "涉及商业秘密" {
		t.Fatalf("answer: %+v", a)
	}
	if ev := a.Events[len(a.Events)-1]; ev.Basis != "条例第十五条" {
		t.Errorf("basis %q", ev.Basis)
	}
	wantDue(t, a, "2025-10-24") // the deadline that applied stays on record
	// Concluded: every action but a note is refused.
	for _, k := range []requests.ActionKind{requests.ActAnswer, requests.ActExtend, requests.ActWithdraw, requests.ActConsult,
		requests.ActRequestCorrection, requests.ActFeeNotice, requests.ActTransfer, requests.ActAbandon} {
		f.refuse(a.TrackingNo, "2025-09-25", requests.Action{Kind: k, Outcome: requests.OutcomeDisclosed, ApprovedBy: "张主任",
			Reason: requests.PauseThirdParty, FeeMethod: requests.FeePerPage, FeeCount: 100, TransferTo: "sy-jyj"}, "")
	}
	f.refuse(a.TrackingNo, "2025-09-25", requests.Action{Kind: requests.ActNote}, "note")
	a = f.act(a.TrackingNo, "2025-09-25", requests.Action{Kind: requests.ActNote, Note: "已归档"})
	wantStatus(t, a, requests.StatusAnswered)
	if _, err := f.st.Act(f.ctx, officer, "YSQ-2025-NOPE-000001", requests.Action{Kind: requests.ActNote, Note: "x"}); !errors.Is(err, requests.ErrNotFound) {
		t.Fatalf("unknown application: %v", err)
	}
}

func TestWithdrawAndTransfer(t *testing.T) {
	f := newFixture(t)
	a, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
	if err != nil {
		t.Fatal(err)
	}
	// Withdrawn before confirmation: it still counts as received (the report balances).
	w := f.act(a.TrackingNo, "2025-01-21", requests.Action{Kind: requests.ActWithdraw})
	wantStatus(t, w, requests.StatusWithdrawn)
	if w.Outcome != requests.OutcomeOther || w.ReceivedOn.Date != day("2025-01-20") || w.AnsweredOn.Date != day("2025-01-21") {
		t.Fatalf("withdrawn: %s %v %v", w.Outcome, w.ReceivedOn, w.AnsweredOn)
	}

	f.setDay("2025-01-20")
	b, code, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
	if err != nil {
		t.Fatal(err)
	}
	f.refuse(b.TrackingNo, "2025-01-21", requests.Action{Kind: requests.ActTransfer, TransferTo: "sy-jyj"}, "")
	f.act(b.TrackingNo, "2025-01-21", requests.Action{Kind: requests.ActConfirm})
	f.refuse(b.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActTransfer}, "transfer_to")
	f.refuse(b.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActTransfer, TransferTo: "sy-fgw"}, "transfer_to")
	f.refuse(b.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActTransfer, TransferTo: "nowhere"}, "transfer_to")
	b = f.act(b.TrackingNo, "2025-01-22", requests.Action{Kind: requests.ActTransfer, TransferTo: "sy-jyj"})
	wantStatus(t, b, requests.StatusTransferred)
	if b.Outcome != requests.OutcomeNotHeld || b.TransferredTo != "YSQ-2025-SY-JYJ-000001" {
		t.Fatalf("transferred: %s %q", b.Outcome, b.TransferredTo)
	}
	// The new application is received at sy-jyj on the transfer day, and the same code tracks it.
	n, err := f.st.Track(f.ctx, b.TransferredTo, code, "10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, n, requests.StatusReceived)
	if n.BodyCode != "sy-jyj" || n.TransferredFrom != b.TrackingNo || n.ReceivedOn.Date != day("2025-01-22") || n.ApplicantName != "李小明" {
		t.Fatalf("new application: %+v", n)
	}
	wantDue(t, n, "2025-02-25")
	if code, _ := f.st.BodyOf(f.ctx, n.TrackingNo); code != "sy-jyj" {
		t.Fatalf("BodyOf %q", code)
	}
}

func TestTrackingNumbersConcurrent(t *testing.T) {
	f := newFixture(t)
	const each = 8
	var mu sync.Mutex
	seen := map[string]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				a, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
				if err != nil {
					errs <- err
					return
				}
				mu.Lock()
				seen[a.TrackingNo] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(seen) != 2*each {
		t.Fatalf("%d distinct tracking numbers, want %d", len(seen), 2*each)
	}
	for i := 1; i <= 2*each; i++ {
		if no := "YSQ-2025-SY-FGW-" + strings.Repeat("0", 6-len(itoa(i))) + itoa(i); !seen[no] {
			t.Errorf("missing %s", no)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestTrackLimits(t *testing.T) {
	f := newFixture(t)
	a, code, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
	if err != nil {
		t.Fatal(err)
	}
	b, codeB, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.st.Track(f.ctx, strings.ToLower(a.TrackingNo), strings.ToLower(code[:4])+"-"+code[4:], "1.1.1.1")
	if err != nil || got.ApplicantName != "李小明" {
		t.Fatalf("track (case and hyphen ignored): %v", err)
	}
	if _, err := f.st.Track(f.ctx, a.TrackingNo, "WRONGCOD", "1.1.1.1"); !errors.Is(err, requests.ErrBadCode) {
		t.Fatalf("wrong code: %v", err)
	}
	if _, err := f.st.Track(f.ctx, "YSQ-2025-SY-FGW-999999", code, "1.1.1.1"); !errors.Is(err, requests.ErrNotFound) {
		t.Fatalf("unknown number: %v", err)
	}

	// Per address: ten failures (any numbers) from one address block it, even for a right code.
	for i := 0; i < 8; i++ {
		f.st.Track(f.ctx, "YSQ-2025-SY-FGW-99999"+itoa(i), code, "1.1.1.1")
	}
	if _, err := f.st.Track(f.ctx, a.TrackingNo, code, "1.1.1.1"); !errors.Is(err, requests.ErrTooManyAttempts) {
		t.Fatalf("11th attempt from one address: %v", err)
	}
	if _, err := f.st.Track(f.ctx, a.TrackingNo, code, "2.2.2.2"); err != nil {
		t.Fatalf("another address: %v", err)
	}

	// Per number: ten wrong codes from ten addresses block the number.
	for i := 0; i < 10; i++ {
		if _, err := f.st.Track(f.ctx, b.TrackingNo, "WRONGCOD", "10.0.0."+itoa(i)); !errors.Is(err, requests.ErrBadCode) {
			t.Fatalf("wrong code %d: %v", i, err)
		}
	}
	if _, err := f.st.Track(f.ctx, b.TrackingNo, codeB, "3.3.3.3"); !errors.Is(err, requests.ErrTooManyAttempts) {
		t.Fatalf("number under attack: %v", err)
	}
	if _, err := f.st.Track(f.ctx, a.TrackingNo, code, "3.3.3.3"); err != nil {
		t.Fatalf("other number from a fresh address: %v", err)
	}
	// The window passes.
	f.now = f.now.Add(16 * time.Minute)
	if _, err := f.st.Track(f.ctx, b.TrackingNo, codeB, "3.3.3.3"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	if _, err := f.st.Track(f.ctx, a.TrackingNo, code, "1.1.1.1"); err != nil {
		t.Fatalf("address after the window: %v", err)
	}
}

func TestMasked(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-09-22")
	f.act(a.TrackingNo, "2025-09-23", requests.Action{Kind: requests.ActNote, Note: "申请人来电，内部备注"})
	f.act(a.TrackingNo, "2025-10-20", requests.Action{Kind: requests.ActExtend, ApprovedBy: "张主任", Note: "材料较多"})
	full, err := f.st.Get(f.ctx, a.TrackingNo)
	if err != nil {
		t.Fatal(err)
	}
	m := full.Masked()
	b, _ := json.Marshal(m)
	for _, secret := range []string{"李小明", "13812345678", "lixiaoming@", validID(), "南京北街", "110001", "张主任", "内部备注", "officer.fgw"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("masked view contains %q: %s", secret, b)
		}
	}
	if m.ApplicantName != "李**" || m.Phone != "138****5678" || len(m.Events) != 2 {
		t.Errorf("masked: %q %q %d events", m.ApplicantName, m.Phone, len(m.Events))
	}
	if !strings.Contains(string(b), "材料较多") || !strings.Contains(string(b), `"days":20`) {
		t.Errorf("public parts missing: %s", b)
	}
	// The full view keeps everything.
	if full.ApplicantName != "李小明" || len(full.Events) != 3 {
		t.Errorf("full: %q %d", full.ApplicantName, len(full.Events))
	}
}

func TestQueues(t *testing.T) {
	f := newFixture(t)
	f.setDay("2025-09-22")
	if _, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person()); err != nil {
		t.Fatal(err)
	}
	old := f.register("2025-08-01")                                                                         // overdue by 10-01
	soon := f.register("2025-09-01")                                                                        // due 2025-09-29
	corr := f.register("2025-09-22")                                                                        // awaiting correction
	f.act(corr.TrackingNo, "2025-09-23", requests.Action{Kind: requests.ActRequestCorrection})              //
	cons := f.register("2025-09-22")                                                                        // consulting
	f.act(cons.TrackingNo, "2025-09-23", requests.Action{Kind: requests.ActConsult, Reason: "third_party"}) //
	fee := f.register("2025-09-22")
	f.act(fee.TrackingNo, "2025-09-23", requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerPage, FeeCount: 50})
	done := f.register("2025-09-22")
	f.act(done.TrackingNo, "2025-09-23", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed})
	if _, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-jyj", person()); err != nil {
		t.Fatal(err)
	}

	f.setDay("2025-09-24")
	counts, err := f.st.QueueCounts(f.ctx, "sy-fgw", false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"new": 3, "due_soon": 1, "overdue": 1, "awaiting_correction": 1, "consulting": 1, "fee_pending": 1,
		"open": 6, "closed": 1, "all": 7}
	for q, n := range want {
		if counts[q] != n {
			t.Errorf("queue %s: %d, want %d (%v)", q, counts[q], n, counts)
		}
	}
	total, list, err := f.st.Queue(f.ctx, requests.QueueFilter{BodyCode: "sy-fgw", Queue: "overdue"})
	if err != nil || total != 1 || list[0].TrackingNo != old.TrackingNo || list[0].ApplicantName != "李小明" {
		t.Fatalf("overdue: %d %v %v", total, list, err)
	}
	total, list, err = f.st.Queue(f.ctx, requests.QueueFilter{BodyCode: "sy-fgw", Queue: "due_soon"})
	if err != nil || total != 1 || list[0].TrackingNo != soon.TrackingNo {
		t.Fatalf("due soon: %d %v", total, err)
	}
	// The city with its departments sees the education bureau's too.
	total, _, err = f.st.Queue(f.ctx, requests.QueueFilter{BodyCode: "sy", WithDescendants: true, Queue: "all"})
	if err != nil || total != 8 {
		t.Fatalf("with descendants: %d %v", total, err)
	}
	total, list, err = f.st.Queue(f.ctx, requests.QueueFilter{BodyCode: "sy-fgw", Queue: "all", Q: soon.TrackingNo[10:], PageSize: 1})
	if err != nil || total != 1 || len(list) != 1 {
		t.Fatalf("search: %d %v", total, err)
	}
	if _, _, err := f.st.Queue(f.ctx, requests.QueueFilter{BodyCode: "sy-fgw", Queue: "nope"}); !isInvalid(err, "queue") {
		t.Fatalf("bad queue: %v", err)
	}
}

func TestRecomputeOpen(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-09-22")
	done := f.register("2025-09-22")
	f.act(done.TrackingNo, "2025-09-23", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed})
	if n, err := f.st.RecomputeOpen(f.ctx, audit.System); err != nil || n != 0 {
		t.Fatalf("nothing changed: %d %v", n, err)
	}
	// A corrected notice makes 2025-10-13 a holiday too.
	shipped, err := os.ReadFile("../calendar/holidays-cn.csv")
	if err != nil {
		t.Fatal(err)
	}
	corrected, err := calendar.Parse(strings.NewReader(strings.TrimRight(string(shipped), "\n") + "\n2025-10-13,holiday,测试\n"))
	if err != nil {
		t.Fatal(err)
	}
	f.st.SetCalendar(corrected)
	n, err := f.st.RecomputeOpen(f.ctx, audit.System)
	if err != nil || n != 1 {
		t.Fatalf("recompute: %d %v", n, err)
	}
	got, _ := f.st.Get(f.ctx, a.TrackingNo)
	wantDue(t, got, "2025-10-27")
	last := got.Events[len(got.Events)-1]
	if last.Kind != requests.EventDeadlineRecomputed || !last.Public || !strings.Contains(string(last.Data), "2025-10-24") {
		t.Fatalf("event %+v %s", last, last.Data)
	}
	if n, _ := f.st.RecomputeOpen(f.ctx, audit.System); n != 0 {
		t.Fatalf("second run changed %d", n)
	}
}

func TestAppeals(t *testing.T) {
	f := newFixture(t)
	a := f.register("2025-01-20")
	other, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-jyj", person())
	if err != nil {
		t.Fatal(err)
	}
	f.setDay("2025-06-01")
	_, err = f.st.AddAppeal(f.ctx, officer, "sy-fgw", requests.Appeal{})
	if !isInvalid(err, "kind") || !isInvalid(err, "filed_on") {
		t.Fatalf("empty: %v", err)
	}
	_, err = f.st.AddAppeal(f.ctx, officer, "sy-fgw", requests.Appeal{Kind: requests.AppealReview, FiledOn: day("2025-03-01"), TrackingNo: other.TrackingNo})
	if !isInvalid(err, "tracking_no") {
		t.Fatalf("another body's application: %v", err)
	}
	_, err = f.st.AddAppeal(f.ctx, officer, "sy-fgw", requests.Appeal{Kind: requests.AppealReview, FiledOn: day("2025-03-01"), Result: requests.AppealUpheld})
	if !isInvalid(err, "concluded_on") {
		t.Fatalf("concluded without date: %v", err)
	}
	p, err := f.st.AddAppeal(f.ctx, officer, "sy-fgw", requests.Appeal{Kind: requests.AppealReview, FiledOn: day("2025-03-01"), TrackingNo: strings.ToLower(a.TrackingNo)})
	if err != nil || p.Result != requests.AppealPending || p.TrackingNo != a.TrackingNo || p.BodyCode != "sy-fgw" {
		t.Fatalf("add: %+v %v", p, err)
	}
	if _, err := f.st.SetAppealResult(f.ctx, officer, p.ID, requests.AppealCorrected, day("2025-02-01")); !isInvalid(err, "concluded_on") {
		t.Fatalf("concluded before filed: %v", err)
	}
	p, err = f.st.SetAppealResult(f.ctx, officer, p.ID, requests.AppealCorrected, day("2025-05-20"))
	if err != nil || p.Result != requests.AppealCorrected || p.ConcludedOn.Date != day("2025-05-20") {
		t.Fatalf("result: %+v %v", p, err)
	}
	if _, err := f.st.AddAppeal(f.ctx, officer, "sy-fgw", requests.Appeal{Kind: requests.AppealLawsuit, FiledOn: day("2024-11-01")}); err != nil {
		t.Fatal(err)
	}
	list, err := f.st.Appeals(f.ctx, "sy-fgw", 2025)
	if err != nil || len(list) != 1 || list[0].ID != p.ID {
		t.Fatalf("2025: %v %v", list, err)
	}
	if list, _ := f.st.Appeals(f.ctx, "sy-fgw", 0); len(list) != 2 {
		t.Fatalf("all years: %d", len(list))
	}
	if _, err := f.st.SetAppealResult(f.ctx, officer, 999999, requests.AppealUpheld, day("2025-05-20")); !errors.Is(err, requests.ErrNotFound) {
		t.Fatalf("unknown appeal: %v", err)
	}
	if k, _ := requests.ParseAppealKind("复议后起诉"); k != requests.AppealLawsuitAfterReview {
		t.Errorf("ParseAppealKind: %s", k)
	}
}
