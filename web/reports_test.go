package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
	"xxgk/reports"
	"xxgk/requests"
)

// reportTemplateSample is the data of TestEveryPageRenders for the report pages.
func reportTemplateSample(s *Server, req *http.Request, name string) pager {
	rep := reports.New(reports.Body{Name: "沈阳市教育局", Code: "sy-jyj"}, 2025, reports.Template2021)
	tab, _ := reports.BuildTable3(reports.Template2021, reports.Table3Input{Received: reports.ByApplicant{requests.ApplicantPerson: 3},
		Concluded:  map[requests.Outcome]reports.ByApplicant{requests.OutcomeDisclosed: {requests.ApplicantPerson: 2}},
		CarriedOut: reports.ByApplicant{requests.ApplicantPerson: 1}})
	rep.Table3 = tab
	rep.Sections = reports.Sections{Overview: "第一段\n第二段", Other: "本年度未收取信息处理费。"}
	rep.Locked = &reports.LockInfo{At: time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC), By: "officer.jyj", Hash: "abc"}
	switch name {
	case "report_drill":
		return &DrillPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy-jyj"}, Name: "沈阳市教育局", Year: 2025, Cell: "t3/received/total",
			Label: "表三 一、本年新收", Limit: 1, Locked: true, ReportRef: "/bodies/sy-jyj/annual-reports/2025",
			Items: []reports.DrillItem{{Kind: "application", ID: 1, Ref: "YSQ-1", Title: "申请", Applicant: "张*", ApplicantType: "自然人",
				Date: calendar.NewDate(2025, 3, 1), End: calendar.NullDate{Date: calendar.NewDate(2025, 3, 9), Valid: true}, Status: "answered", Outcome: "（一）予以公开"},
				{Kind: "entry", ID: 2, Ref: "000013338/2025-00001", Title: "文件"}}}
	case "compliance":
		c := reports.Compliance{Body: reports.Body{Name: "沈阳市教育局", Code: "sy-jyj"}, Year: 2025, Answered: 4, OnTime: 3, Late: 1, OnTimePercent: 75,
			Outcomes: []reports.OutcomeShare{{Group: "（一）予以公开", Count: 2, Percent: 50}},
			Freshness: catalog.FreshnessReport{Fails: true, Stale: []catalog.ColumnStatus{{Column: catalog.Column{Code: "c", Name: "工作动态"}}},
				Empty: []catalog.ColumnStatus{{Column: catalog.Column{Code: "d", Name: "指南"}}}}}
		return &CompliancePage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy-jyj"}, Name: "沈阳市教育局", Year: 2025, C: c, Rows: c.Rows(),
			Bodies: []FieldOption{{Value: "sy-jyj", Label: "沈阳市教育局", Selected: true}}, Years: []FieldOption{{Value: "2025", Label: "2025"}},
			Rates: []ComplianceBar{{Label: "按期", Value: "75.0%", Width: 75, Warn: true}}, Outcomes: []ComplianceBar{{Label: "（一）", Value: "2", Width: 50}}, Export: "/x.xlsx"}
	}
	p, _ := s.reportPageData(req, bodies.Body{Code: "sy-jyj", Name: "沈阳市教育局"}, rep, &ReportForm{Permits: "x",
		Errors: map[string]string{"figures.permits": "bad", "sections.overview": "too long"}, Drafted: map[string]bool{"other": true}})
	p.CanEdit, p.CanUnlock, p.DrillBase, p.EntryHref, p.RollupHref = true, true, "/console/bodies/sy-jyj/annual-reports/2025/drill", "/entries/1", "/r"
	p.Notice, p.NoticeError = "ok", "bad"
	return p
}

// reportsFixture is a server with sy, sy-fgw and sy-jyj, an account of every kind, and the
// reports store, on its own database.
func reportsFixture(t *testing.T) (*Server, *sqlx.DB, map[who]string) {
	t.Helper()
	ctx := context.Background()
	db := dbtest.New(t)
	bs := bodies.NewStore(db)
	actor := audit.CLI("test")
	for _, nb := range []bodies.NewBody{
		{Code: "sy", Name: "沈阳市人民政府", OrgCode: "000014349", Level: "city"},
		{Code: "sy-fgw", Name: "沈阳市发展和改革委员会", OrgCode: "000013338", Parent: "sy"},
		{Code: "sy-jyj", Name: "沈阳市教育局", OrgCode: "01527918X", Parent: "sy"},
	} {
		if _, err := bs.Create(ctx, actor, nb); err != nil {
			t.Fatal(err)
		}
	}
	as := accounts.NewStore(db)
	as.Hasher = accounts.Hasher{Memory: 1024, Time: 1, Threads: 1}
	tokens := map[who]string{}
	for w, nu := range map[who]accounts.NewUser{
		admin:        {Username: "admin", Role: accounts.RoleAdmin},
		officerHere:  {Username: "officer.fgw", Role: accounts.RoleOfficer, Bodies: []accounts.Grant{{BodyCode: "sy-fgw"}}},
		officerThere: {Username: "officer.jyj", Role: accounts.RoleOfficer, Bodies: []accounts.Grant{{BodyCode: "sy-jyj"}}},
		auditor:      {Username: "auditor", Role: accounts.RoleAuditor},
	} {
		nu.Password = "correct horse battery"
		if _, err := as.CreateUser(ctx, actor, nu); err != nil {
			t.Fatal(err)
		}
		tok, _, err := as.CreateToken(ctx, actor, nu.Username, "test")
		if err != nil {
			t.Fatal(err)
		}
		tokens[w] = tok
	}
	cal, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(Deps{Bodies: bs, Accounts: as, Audit: audit.NewLog(db), Catalog: catalog.NewStore(db, cal),
		Reports: reports.NewStore(db, cal), Ready: func(context.Context) []Check { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return s, db, tokens
}

// rcall sends a request as caller and returns the response.
func rcall(t *testing.T, s *Server, tokens map[who]string, caller who, method, target, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if caller != anonymous {
		req.Header.Set("Authorization", "Bearer "+tokens[caller])
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func TestAnnualReportDoors(t *testing.T) {
	s, db, tokens := reportsFixture(t)
	year := calendar.Today().Year() - 1
	y := func(format string) string { return strings.ReplaceAll(format, "YEAR", strconv.Itoa(year)) }
	for i, a := range []struct{ typ, name, recv, ans, outcome, status string }{
		{"person", "欧阳修远", y("YEAR-03-02"), y("YEAR-03-20"), "disclosed", "answered"},
		{"company", "沈阳某某科技有限公司", y("YEAR-05-06"), "", "", "in_progress"},
	} {
		var ans, out any
		if a.ans != "" {
			ans, out = a.ans, a.outcome
		}
		db.MustExec(`INSERT INTO applications (body_id, tracking_no, year, serial, query_code_hash, applicant_type, applicant_name,
			description, channel, status, received_on, answered_on, outcome)
			VALUES ((SELECT id FROM bodies WHERE code = 'sy-fgw'), $1, $2, $3, '\x00', $4, $5, '申请公开项目审批信息', 'online', $6, $7, $8, $9)`,
			"YSQ-W-"+strconv.Itoa(i), year, i+1, a.typ, a.name, a.status, a.recv, ans, out)
	}
	page := "/bodies/sy-fgw/annual-reports/" + strconv.Itoa(year)
	api := "/api/v1/bodies/sy-fgw/annual-reports/" + strconv.Itoa(year)

	// Before the lock the public sees nothing; the body's officers and auditors see the draft.
	for _, target := range []string{page, api + ".json", api + ".pdf", api} {
		if rec := rcall(t, s, tokens, anonymous, "GET", target, ""); rec.Code != http.StatusNotFound {
			t.Errorf("anonymous %s: %d", target, rec.Code)
		}
	}
	if rec := rcall(t, s, tokens, officerThere, "GET", api+".json", ""); rec.Code != http.StatusNotFound {
		t.Errorf("other officer draft: %d", rec.Code)
	}
	rec := rcall(t, s, tokens, officerHere, "GET", page, "")
	body := rec.Body.String()
	for _, want := range []string{reports.Table3Corner, "3.危及“三安全一稳定”", "第二十条第（一）项", "复议后起诉", "report-form", "草稿",
		"/console/bodies/sy-fgw/annual-reports/" + strconv.Itoa(year) + "/drill?cell=t3%2Freceived%2Ftotal"} {
		if !strings.Contains(body, want) {
			t.Errorf("officer's page lacks %q (status %d)", want, rec.Code)
		}
	}

	// The figures PUT: the body's officers only, validated, "not applicable" kept apart from 0.
	put := `{"figures": {"permits": 12, "penalties": 0, "coercive_measures": null, "fees_wan_yuan": 1.5},
		"sections": {"overview": "本年总体情况。", "problems": "", "other": "其他事项。"}}`
	if rec := rcall(t, s, tokens, officerThere, "PUT", api, put); rec.Code != http.StatusForbidden {
		t.Errorf("other officer PUT: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, officerHere, "PUT", api, `{"figures": {"permits": -3}}`, "Accept-Language", "en"); rec.Code != http.StatusBadRequest ||
		!strings.Contains(rec.Body.String(), `"figures.permits"`) {
		t.Errorf("negative figure: %d %s", rec.Code, rec.Body)
	}
	if rec := rcall(t, s, tokens, officerHere, "PUT", api, `{"figures": {"permit": 3}}`); rec.Code != http.StatusBadRequest {
		t.Errorf("unknown field: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, officerHere, "PUT", api, put); rec.Code != http.StatusOK {
		t.Fatalf("PUT: %d %s", rec.Code, rec.Body)
	}

	// JSON, Excel and PDF of the draft.
	rec = rcall(t, s, tokens, auditor, "GET", api+".json", "")
	r, err := reports.ParseJSON(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("json: %v\n%s", err, rec.Body)
	}
	if r.Table3.Rows[0].Counts[reports.TotalColumn] != 2 || r.Table2.Licensing != reports.Some[int64](12) || r.Table2.Penalty != reports.Some[int64](0) ||
		r.Table2.Enforcement.Valid || r.Table2.Fees != reports.Some(reports.Amount(1_500_000)) || r.Sections.Overview != "本年总体情况。" {
		t.Errorf("json report: %+v", r.Table2)
	}
	var compact bytes.Buffer
	_ = json.Compact(&compact, rec.Body.Bytes())
	var doc map[string]json.RawMessage
	_ = json.Unmarshal(compact.Bytes(), &doc)
	if !strings.Contains(string(doc["table2"]), `"行政强制":null`) || !strings.Contains(string(doc["identities"]), `"status":"pass"`) {
		t.Errorf("json table2 %s identities %s", doc["table2"], doc["identities"])
	}
	if bare := rcall(t, s, tokens, auditor, "GET", api, ""); bare.Code != 200 || !bytes.Equal(bare.Body.Bytes(), rec.Body.Bytes()) && !strings.Contains(bare.Body.String(), `"table3"`) {
		t.Errorf("bare year: %d", bare.Code)
	}
	rec = rcall(t, s, tokens, officerHere, "GET", api+".xlsx", "")
	x, err := excelize.OpenReader(rec.Body)
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	if v, _ := x.GetCellValue(reports.SheetTable3, "J6"); v != "2" {
		t.Errorf("xlsx 一 total: %q", v)
	}
	if rec := rcall(t, s, tokens, officerHere, "GET", api+".doc", ""); rec.Code != http.StatusNotFound {
		t.Errorf(".doc: %d", rec.Code)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		rec = rcall(t, s, tokens, officerHere, "GET", api+".pdf", "")
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/pdf" {
			t.Fatalf("pdf: %d %s", rec.Code, rec.Body.String()[:min(200, rec.Body.Len())])
		}
		path := filepath.Join(t.TempDir(), "r.pdf")
		os.WriteFile(path, rec.Body.Bytes(), 0o644)
		out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", path, "-").Output()
		text := strings.Join(strings.Fields(string(out)), "")
		if err != nil || !strings.Contains(text, "沈阳市发展和改革委员会"+strconv.Itoa(year)+"年政府信息公开工作年度报告") || !strings.Contains(text, "本年总体情况。") {
			t.Errorf("pdf text (%v):\n%s", err, out)
		}
	}

	// Drill-down: officers of the body and auditors, names masked.
	drill := "/console/bodies/sy-fgw/annual-reports/" + strconv.Itoa(year) + "/drill?cell=" + url.QueryEscape("t3/received/total")
	if rec := rcall(t, s, tokens, officerThere, "GET", drill, ""); rec.Code != http.StatusForbidden {
		t.Errorf("other officer drill: %d", rec.Code)
	}
	rec = rcall(t, s, tokens, auditor, "GET", drill, "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), requests.MaskName("欧阳修远")) || strings.Contains(rec.Body.String(), "欧阳修远") ||
		!strings.Contains(rec.Body.String(), "YSQ-W-1") {
		t.Errorf("drill: %d\n%s", rec.Code, rec.Body)
	}
	if rec := rcall(t, s, tokens, auditor, "GET", "/console/bodies/sy-fgw/annual-reports/"+strconv.Itoa(year)+"/drill?cell=t3/nope/total", ""); rec.Code != http.StatusBadRequest {
		t.Errorf("bad cell: %d", rec.Code)
	}

	// The form: a bad figure comes back with the message, a good one is saved.
	form := url.Values{"permits": {"abc"}, "penalties": {"3"}, "overview": {"总体。"}}
	rec = rcall(t, s, tokens, officerHere, "POST", "/console/bodies/sy-fgw/annual-reports/"+strconv.Itoa(year), form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "请填写非负整数") || !strings.Contains(rec.Body.String(), `value="abc"`) {
		t.Errorf("bad form: %d", rec.Code)
	}
	form.Set("permits", "12")
	rec = rcall(t, s, tokens, officerHere, "POST", "/console/bodies/sy-fgw/annual-reports/"+strconv.Itoa(year), form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if rec.Code != http.StatusSeeOther {
		t.Errorf("form: %d %s", rec.Code, rec.Body)
	}

	// Lock: the body's officers; then the public sees it, it is published, and it no longer moves.
	if rec := rcall(t, s, tokens, officerThere, "POST", api+"/lock", ""); rec.Code != http.StatusForbidden {
		t.Errorf("other officer lock: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, officerHere, "POST", api+"/lock", ""); rec.Code != http.StatusOK {
		t.Fatalf("lock: %d %s", rec.Code, rec.Body)
	}
	if rec := rcall(t, s, tokens, officerHere, "POST", api+"/lock", ""); rec.Code != http.StatusConflict {
		t.Errorf("second lock: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, officerHere, "PUT", api, put); rec.Code != http.StatusConflict {
		t.Errorf("PUT after lock: %d", rec.Code)
	}
	rec = rcall(t, s, tokens, anonymous, "GET", page, "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "已锁定") || strings.Contains(rec.Body.String(), "report-form") ||
		strings.Contains(rec.Body.String(), "/drill?") {
		t.Errorf("public page after lock: %d", rec.Code)
	}
	var n int
	db.Get(&n, `SELECT count(*) FROM entries e JOIN columns c ON c.id = e.column_id WHERE c.code = 'annual-reports' AND e.status = 'published'
		AND e.title = $1`, "沈阳市发展和改革委员会"+strconv.Itoa(year)+"年政府信息公开工作年度报告")
	if n != 1 {
		t.Errorf("published entries: %d", n)
	}

	// Unlock: administrators only, with a reason.
	if rec := rcall(t, s, tokens, officerHere, "POST", api+"/unlock", `{"reason":"x"}`); rec.Code != http.StatusForbidden {
		t.Errorf("officer unlock: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, admin, "POST", api+"/unlock", `{}`); rec.Code != http.StatusBadRequest {
		t.Errorf("unlock without reason: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, admin, "POST", api+"/unlock", `{"reason":"数字有误"}`); rec.Code != http.StatusOK {
		t.Errorf("unlock: %d %s", rec.Code, rec.Body)
	}

	// The rollup of the city: auditors see it.
	rec = rcall(t, s, tokens, auditor, "GET", "/console/bodies/sy/annual-reports/"+strconv.Itoa(year)+"/rollup", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "含所属部门汇总") || !strings.Contains(rec.Body.String(), "沈阳市教育局") {
		t.Errorf("rollup: %d", rec.Code)
	}

	// Compliance: officers for their own bodies, auditors for any.
	rec = rcall(t, s, tokens, officerHere, "GET", "/console/compliance?year="+strconv.Itoa(year), "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "沈阳市发展和改革委员会") || !strings.Contains(rec.Body.String(), "bar-fill") {
		t.Errorf("compliance: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, officerThere, "GET", "/console/compliance?body=sy-fgw", ""); rec.Code != http.StatusForbidden {
		t.Errorf("other officer compliance: %d", rec.Code)
	}
	if rec := rcall(t, s, tokens, officerThere, "GET", "/console/compliance.xlsx?body=sy-fgw", ""); rec.Code != http.StatusForbidden {
		t.Errorf("other officer compliance export: %d", rec.Code)
	}
	rec = rcall(t, s, tokens, auditor, "GET", "/console/compliance.xlsx?body=sy-fgw&year="+strconv.Itoa(year), "")
	if rec.Code != 200 {
		t.Fatalf("compliance export: %d", rec.Code)
	}
	if x, err := excelize.OpenReader(rec.Body); err != nil {
		t.Errorf("compliance xlsx: %v", err)
	} else if v, _ := x.GetCellValue(reports.ComplianceSheet, "B3"); v != "1" {
		t.Errorf("answered: %q", v)
	}
	if rec := rcall(t, s, tokens, auditor, "GET", "/console/compliance?body=nowhere", ""); rec.Code != http.StatusNotFound {
		t.Errorf("unknown body: %d", rec.Code)
	}
}
