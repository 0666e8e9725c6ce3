package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/requests"
)

// fixtureTrackingNo is the online application to sy-fgw that accessFixture submits, and
// fixtureAppeal the id of a review against sy-fgw.
var fixtureTrackingNo, fixtureAppeal string

// applicationsFixture is the applications store of accessFixture, with one application and one
// appeal of sy-fgw.
func applicationsFixture(t *testing.T, db *sqlx.DB, cal *calendar.Calendar) *requests.Store {
	t.Helper()
	ctx := context.Background()
	st := requests.NewStore(db, cal, requests.DefaultClockPolicy())
	a, _, err := st.Submit(ctx, audit.Actor{Name: "public"}, "sy-fgw", testApplicant())
	if err != nil {
		t.Fatal(err)
	}
	fixtureTrackingNo = a.TrackingNo
	p, err := st.AddAppeal(ctx, audit.CLI("test"), "sy-fgw", requests.Appeal{Kind: requests.AppealReview, FiledOn: calendar.Today()})
	if err != nil {
		t.Fatal(err)
	}
	fixtureAppeal = strconv.FormatInt(p.ID, 10)
	return st
}

func testApplicant() requests.NewApplication {
	id := "21010219850612345"
	return requests.NewApplication{ApplicantType: requests.ApplicantPerson, ApplicantName: "王晓红", IDNumber: id + string(requests.ResidentIDCheckChar(id)),
		Phone: "13900001111", Email: "wangxiaohong@example.cn", Address: "辽宁省沈阳市沈河区青年大街100号3单元", Postcode: "110013",
		Description: "本市2024年重点建设项目清单", Consent: true}
}

// apiCall sends a JSON request as caller (a token, or "" for anonymous) and decodes the answer.
func apiCall(t *testing.T, s *Server, method, path, token, body string, header ...string) (int, map[string]any, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out, rec.Body.String()
}

func TestApplicationsAPI(t *testing.T) {
	s, tokens := accessFixture(t)
	a := testApplicant()
	body, _ := json.Marshal(struct {
		Body string `json:"body"`
		requests.NewApplication
	}{"sy-fgw", a})

	// Intake: field errors in the request's language, nothing stored.
	code, out, raw := apiCall(t, s, "POST", "/api/v1/applications", "", `{"body":"sy-fgw","applicant_type":"person"}`, "Accept-Language", "en")
	if code != 400 || !strings.Contains(raw, `"applicant_name"`) || !strings.Contains(raw, "Some fields are not valid") {
		t.Fatalf("invalid intake: %d %s", code, raw)
	}
	if code, _, raw := apiCall(t, s, "POST", "/api/v1/applications", "", `{"body":"nowhere"}`); code != 400 || !strings.Contains(raw, `"body"`) {
		t.Fatalf("unknown body: %d %s", code, raw)
	}
	if code, _, _ := apiCall(t, s, "POST", "/api/v1/applications", "", `{"body":"sy-fgw","source":"seed"}`); code != 400 {
		t.Fatalf("unknown field: %d", code)
	}
	code, out, raw = apiCall(t, s, "POST", "/api/v1/applications", "", string(body))
	if code != 201 || out["query_code"] == "" || out["due_on"] == nil || out["status"] != "submitted" {
		t.Fatalf("submit: %d %s", code, raw)
	}
	no, qc := out["tracking_no"].(string), out["query_code"].(string)
	if dl, _ := out["deadline"].(map[string]any); dl == nil || dl["due"] != out["due_on"] || len(dl["steps"].([]any)) == 0 {
		t.Fatalf("deadline: %s", raw)
	}

	// Public tracking with the code: masked, no personal data in clear.
	code, out, raw = apiCall(t, s, "GET", "/api/v1/applications/"+no+"?code="+qc, "", "")
	if code != 200 || out["tracking_no"] != no || out["applicant_name"] != "王**" {
		t.Fatalf("track: %d %s", code, raw)
	}
	for _, secret := range []string{a.ApplicantName, a.IDNumber, a.Phone, "wangxiaohong", "青年大街", a.Postcode} {
		if strings.Contains(raw, secret) {
			t.Errorf("tracking view shows %q: %s", secret, raw)
		}
	}
	// Officers of the body, administrators and auditors see it in full without a code.
	for _, w := range []who{officerHere, admin, auditor} {
		code, _, raw := apiCall(t, s, "GET", "/api/v1/applications/"+no, tokens[w], "")
		if code != 200 || !strings.Contains(raw, a.ApplicantName) || !strings.Contains(raw, a.Phone) {
			t.Fatalf("full view as %s: %d %s", w, code, raw)
		}
	}
	if code, _, raw := apiCall(t, s, "GET", "/api/v1/applications/"+no, tokens[officerThere], ""); code != 403 || strings.Contains(raw, a.ApplicantName) {
		t.Fatalf("officer of another body: %d %s", code, raw)
	}
	if code, _, raw := apiCall(t, s, "GET", "/api/v1/applications/"+no, "", "", "Accept-Language", "en"); code != 403 || !strings.Contains(raw, "query code") {
		t.Fatalf("anonymous without code: %d %s", code, raw)
	}
	if code, _, raw := apiCall(t, s, "GET", "/api/v1/applications/YSQ-2025-SY-FGW-999999?code="+qc, "", "", "Accept-Language", "en"); code != 404 || !strings.Contains(raw, "tracking number") {
		t.Fatalf("unknown number: %d %s", code, raw)
	}

	// Officer actions: confirm, a refused transition, a validation error, the other body refused.
	code, out, raw = apiCall(t, s, "POST", "/api/v1/applications/"+no+"/events", tokens[officerHere], `{"kind":"confirm"}`)
	if code != 200 || out["status"] != "received" || out["status_label"] != "已收到" {
		t.Fatalf("confirm: %d %s", code, raw)
	}
	if code, _, raw := apiCall(t, s, "POST", "/api/v1/applications/"+no+"/events", tokens[officerHere], `{"kind":"confirm"}`); code != 409 || !strings.Contains(raw, "已确认收到") {
		t.Fatalf("confirm twice: %d %s", code, raw)
	}
	if code, _, raw := apiCall(t, s, "POST", "/api/v1/applications/"+no+"/events", tokens[officerHere], `{"kind":"answer"}`); code != 400 || !strings.Contains(raw, `"outcome"`) {
		t.Fatalf("answer without outcome: %d %s", code, raw)
	}
	if code, _, _ := apiCall(t, s, "POST", "/api/v1/applications/"+no+"/events", tokens[officerThere], `{"kind":"answer","outcome":"disclosed"}`); code != 403 {
		t.Fatalf("officer of another body acting: %d", code)
	}
	code, out, raw = apiCall(t, s, "POST", "/api/v1/applications/"+no+"/events", tokens[officerHere], `{"kind":"answer","outcome":"disclosed","answer_text":"见附件"}`)
	if code != 200 || out["status"] != "answered" || out["outcome"] != "disclosed" {
		t.Fatalf("answer: %d %s", code, raw)
	}
	code, out, raw = apiCall(t, s, "GET", "/api/v1/applications/"+no+"?code="+qc, "", "")
	if code != 200 || out["status"] != "answered" || strings.Contains(raw, "officer.fgw") {
		t.Fatalf("track after answer: %d %s", code, raw)
	}

	// Registration of a paper application by an officer.
	paper, _ := json.Marshal(func() requests.NewApplication {
		p := testApplicant()
		p.Channel, p.ReceivedOn = "post", calendar.Today()
		return p
	}())
	code, out, raw = apiCall(t, s, "POST", "/api/v1/bodies/sy-fgw/applications", tokens[officerHere], string(paper))
	if code != 201 || out["query_code"] == "" || !strings.Contains(raw, `"channel":"post"`) {
		t.Fatalf("register: %d %s", code, raw)
	}
	if code, _, _ := apiCall(t, s, "POST", "/api/v1/bodies/sy-fgw/applications", tokens[officerThere], string(paper)); code != 403 {
		t.Fatalf("register at another body: %d", code)
	}

	// The queue, in full for the auditor.
	code, out, raw = apiCall(t, s, "GET", "/api/v1/bodies/sy-fgw/applications?queue=all", tokens[auditor], "")
	if code != 200 || out["total"] != float64(3) || !strings.Contains(raw, a.ApplicantName) {
		t.Fatalf("queue: %d %s", code, raw)
	}
	if counts, _ := out["counts"].(map[string]any); counts["closed"] != float64(1) || counts["new"] != float64(2) {
		t.Fatalf("counts: %v", out["counts"])
	}
	if code, _, _ := apiCall(t, s, "GET", "/api/v1/bodies/sy-fgw/applications?queue=nope", tokens[auditor], ""); code != 400 {
		t.Fatalf("bad queue: %d", code)
	}

	// Appeals.
	code, out, raw = apiCall(t, s, "POST", "/api/v1/bodies/sy-fgw/appeals", tokens[officerHere],
		`{"kind":"lawsuit","filed_on":"`+calendar.Today().String()+`","tracking_no":"`+no+`"}`)
	if code != 201 || out["result"] != "pending" || out["tracking_no"] != no {
		t.Fatalf("add appeal: %d %s", code, raw)
	}
	id := strconv.Itoa(int(out["id"].(float64)))
	if code, _, _ := apiCall(t, s, "PATCH", "/api/v1/appeals/"+id, tokens[officerThere], `{"result":"upheld"}`); code != 403 {
		t.Fatalf("appeal of another body: %d", code)
	}
	if code, _, raw := apiCall(t, s, "PATCH", "/api/v1/appeals/"+id, tokens[officerHere], `{"result":"upheld"}`); code != 400 || !strings.Contains(raw, "concluded_on") {
		t.Fatalf("result without date: %d %s", code, raw)
	}
	code, out, raw = apiCall(t, s, "PATCH", "/api/v1/appeals/"+id, tokens[officerHere], `{"result":"upheld","concluded_on":"`+calendar.Today().String()+`"}`)
	if code != 200 || out["result"] != "upheld" {
		t.Fatalf("set result: %d %s", code, raw)
	}
	code, out, _ = apiCall(t, s, "GET", "/api/v1/bodies/sy-fgw/appeals", tokens[auditor], "")
	if code != 200 || len(out["appeals"].([]any)) != 2 {
		t.Fatalf("appeals: %d %v", code, out)
	}
}

// TestTrackingRateLimit guesses query codes through the API until it answers 429.
func TestTrackingRateLimit(t *testing.T) {
	s, _ := accessFixture(t)
	var last int
	var raw string
	for i := 0; i < 11; i++ {
		last, _, raw = apiCall(t, s, "GET", "/api/v1/applications/"+fixtureTrackingNo+"?code=AAAAAAAA", "", "", "Accept-Language", "zh")
		if i < 10 && last != http.StatusForbidden {
			t.Fatalf("guess %d: %d %s", i, last, raw)
		}
	}
	if last != http.StatusTooManyRequests || !strings.Contains(raw, "15分钟") {
		t.Fatalf("11th guess: %d %s", last, raw)
	}
}
