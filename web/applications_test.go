package web

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/database/dbtest"
	"xxgk/requests"
	"xxgk/search"
)

// appSearcher answers every search with one published entry, and remembers the query.
type appSearcher struct{ last search.Query }

func (f *appSearcher) Search(_ context.Context, q search.Query) (search.Result, bool, error) {
	f.last = q
	return search.Result{Total: 1, Hits: []search.Hit{{ID: "42", Title: "沈阳市2025年营商环境评价报告", BodyCode: "sy-fgw", BodyName: "沈阳市发展和改革委员会",
		Highlight: search.Highlight{Title: "沈阳市2025年<mark>营商环境</mark>评价报告"}}}}, false, nil
}

// appFixture is a server with the applications store on a fresh database: two departments, an
// officer of each, an auditor, and their API tokens.
func appFixture(t *testing.T) (*Server, map[who]string, *appSearcher) {
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
	store := requests.NewStore(db, cal, requests.DefaultClockPolicy())
	searcher := &appSearcher{}
	s, err := New(Deps{Bodies: bs, Accounts: as, Audit: audit.NewLog(db), Applications: store, Search: searcher,
		Ready: func(context.Context) []Check { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return s, tokens, searcher
}

// residentID is a valid resident identity card number (its check character computed).
func residentID(first17 string) string {
	return first17 + string(requests.ResidentIDCheckChar(first17))
}

// applyForm is a complete application of a person to sy-fgw.
func applyForm() url.Values {
	return url.Values{
		"applicant_type": {"person"}, "applicant_name": {"李小明"}, "id_type": {"resident_id"}, "id_number": {residentID("21010219900307123")},
		"phone": {"13812345678"}, "email": {"lixiaoming@example.com"}, "address": {"辽宁省沈阳市和平区南京北街123号"}, "postcode": {"110001"},
		"body": {"sy-fgw"}, "description": {"请公开2025年沈阳市营商环境评价报告全文"}, "doc_hint": {"沈发改〔2025〕1号"},
		"form_wanted": {"electronic"}, "delivery": {"online"}, "consent": {"yes"}, "op": {"submit"},
	}
}

// postAs posts form to target in lang as the caller holding token ("" for the public).
func postAs(t *testing.T, s *Server, token, lang, target string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = "192.0.2.10:4321"
	if lang != "" {
		req.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

var (
	trackingNoRe = regexp.MustCompile(`id="tracking-no">([^<]+)<`)
	queryCodeRe  = regexp.MustCompile(`id="query-code">([^<]+)<`)
)

// submit files the application and returns its tracking number and query code.
func submit(t *testing.T, s *Server, form url.Values) (string, string) {
	t.Helper()
	rec := postAs(t, s, "", "", "/apply", form)
	mustContain(t, "submit", rec, http.StatusOK, "申请已提交", "查询码只显示这一次", "答复期限是怎样计算的")
	no, code := trackingNoRe.FindStringSubmatch(rec.Body.String()), queryCodeRe.FindStringSubmatch(rec.Body.String())
	if no == nil || code == nil {
		t.Fatalf("no tracking number or code on the confirmation:\n%s", rec.Body)
	}
	return no[1], code[1]
}

func TestApplyFormKeepsValuesAndExplainsErrors(t *testing.T) {
	s, _, _ := appFixture(t)
	mustContain(t, "form", get(t, s, "/apply?body=sy-fgw"), http.StatusOK, `<option value="sy-fgw" selected>`, `name="consent"`,
		`value="suggest"`, `name="uscc"`, `name="legal_rep"`, "个人信息保护")

	// What the page can tell: no phone, no consent, an unknown form option.
	bad := applyForm()
	bad.Del("phone")
	bad.Del("consent")
	bad.Set("form_wanted", "telepathy")
	rec := postAs(t, s, "", "", "/apply", bad)
	mustContain(t, "page errors", rec, http.StatusUnprocessableEntity, "申请未提交", `id="e-phone"`, "请填写联系电话", `id="e-consent"`,
		`id="e-form_wanted"`, `value="李小明"`, "请公开2025年沈阳市营商环境评价报告全文", `value="辽宁省沈阳市和平区南京北街123号"`, `aria-invalid="true"`)
	// What only the store can tell: a resident ID whose check character is wrong.
	bad = applyForm()
	bad.Set("id_number", "210102199003071230")
	if bad.Get("id_number") == applyForm().Get("id_number") {
		bad.Set("id_number", "210102199003071231")
	}
	rec = postAs(t, s, "", "", "/apply", bad)
	mustContain(t, "store errors", rec, http.StatusUnprocessableEntity, `id="e-id_number"`, "校验码", `value="`+bad.Get("id_number")+`"`)
	// An organisation's code goes in the uscc field, and its problems come back there.
	org := applyForm()
	org.Set("applicant_type", "company")
	org.Set("applicant_name", "沈阳某某科技有限公司")
	org.Set("uscc", "91210100MA0XXXXXX0")
	rec = postAs(t, s, "", "", "/apply", org)
	mustContain(t, "organisation", rec, http.StatusUnprocessableEntity, `id="e-uscc"`, `value="91210100MA0XXXXXX0"`, `<option value="company" selected>`)
	// English pages explain in English.
	bad = applyForm()
	bad.Del("consent")
	bad.Del("description")
	rec = postAs(t, s, "", "en", "/apply", bad)
	mustContain(t, "english", rec, http.StatusUnprocessableEntity, "The application was not submitted", "Describe the information you seek.", "tick the box")
	if strings.Contains(rec.Body.String(), "[app.") {
		t.Errorf("a message key is missing:\n%s", rec.Body)
	}
}

func TestApplySuggestsPublishedInformation(t *testing.T) {
	s, _, searcher := appFixture(t)
	form := applyForm()
	form.Set("op", "suggest")
	rec := postAs(t, s, "", "", "/apply", form)
	mustContain(t, "suggest", rec, http.StatusOK, "可能相关的已公开信息", `href="/entries/42"`, "<mark>营商环境</mark>", `value="李小明"`)
	if searcher.last.Q == "" || !strings.Contains(form.Get("description"), searcher.last.Q) || searcher.last.Under != "sy-fgw" {
		t.Errorf("searched %+v", searcher.last)
	}
	if trackingNoRe.MatchString(rec.Body.String()) {
		t.Error("looking for published information submitted the application")
	}
	if n, _, _ := s.applications.Queue(context.Background(), requests.QueueFilter{BodyCode: "sy-fgw", Queue: "all"}); n != 0 {
		t.Errorf("%d applications stored by a suggestion search", n)
	}
}

func TestApplyTrackAnswerAndLetter(t *testing.T) {
	s, tokens, _ := appFixture(t)
	officer := tokens[officerHere]
	rec := postAs(t, s, "", "", "/apply", applyForm())
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" || rec.Header().Get("Location") != "" {
		t.Errorf("confirmation: Cache-Control %q, Location %q", cc, rec.Header().Get("Location"))
	}
	no, code := submit(t, s, applyForm())
	if !regexp.MustCompile(`^YSQ-\d{4}-\d+`).MatchString(no) && !strings.Contains(no, "-") {
		t.Errorf("tracking number %q", no)
	}

	// A wrong code is refused in the user's language, without telling whether the number exists.
	mustContain(t, "wrong code", postAs(t, s, "", "", "/track", url.Values{"tracking_no": {no}, "code": {"WRONG-CODE"}}), http.StatusUnprocessableEntity,
		"申请编号或查询码不正确", "分钟内最多可输错 10 次")
	mustContain(t, "unknown number", postAs(t, s, "", "en", "/track", url.Values{"tracking_no": {"YSQ-1999-000001"}, "code": {code}}), http.StatusUnprocessableEntity,
		"The tracking number or the query code is wrong.")
	// The right code shows the status with personal data masked.
	rec = postAs(t, s, "", "", "/track", url.Values{"tracking_no": {strings.ToLower(no)}, "code": {code}})
	mustContain(t, "track", rec, http.StatusOK, no, "李**", "已提交，待确认", "答复期限是怎样计算的", "收到申请", "沈阳市发展和改革委员会")
	assertNoPersonalData(t, "tracking page", rec.Body.String())
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("tracking page is cacheable")
	}

	// The officer sees the application in full in the queue and on its page.
	mustContain(t, "queue", call(t, s, officer, "GET", "/console/bodies/sy-fgw/applications?queue=new", ""), http.StatusOK, no, "李小明", "待确认")
	page := "/console/applications/" + no
	mustContain(t, "detail", call(t, s, officer, "GET", page, ""), http.StatusOK, "李小明", "13812345678", "南京北街123号",
		`value="confirm"`, "确认收到申请", "答复期限是怎样计算的")
	mustContain(t, "auditor reads", call(t, s, tokens[auditor], "GET", page, ""), http.StatusOK, "李小明")
	if strings.Contains(call(t, s, tokens[auditor], "GET", page, "").Body.String(), `name="kind"`) {
		t.Error("auditors are offered action forms")
	}
	// An officer of another body may neither read nor act.
	if rec := call(t, s, tokens[officerThere], "GET", page, ""); rec.Code != http.StatusForbidden {
		t.Errorf("officer of another body reads: %d", rec.Code)
	}
	if rec := postAs(t, s, tokens[officerThere], "", page+"/actions", url.Values{"kind": {"confirm"}}); rec.Code != http.StatusForbidden {
		t.Errorf("officer of another body acts: %d", rec.Code)
	}

	act := func(form url.Values, want string) {
		t.Helper()
		seeOther(t, postAs(t, s, officer, "", page+"/actions", form), page+"?done="+want)
	}
	act(url.Values{"kind": {"confirm"}}, "confirm")
	// A correction request needs a note saying what to correct; the form keeps what was typed.
	rec = postAs(t, s, officer, "", page+"/actions", url.Values{"kind": {"request_correction"}, "basis": {"条例第三十条"}})
	mustContain(t, "correction without note", rec, http.StatusUnprocessableEntity, "请填写说明", `value="条例第三十条"`, "未能告知补正")
	act(url.Values{"kind": {"request_correction"}, "note": {"请写明所需报告的年份和发布机关"}}, "request_correction")
	mustContain(t, "awaiting", call(t, s, officer, "GET", page+"?done=request_correction", ""), http.StatusOK, "已记录：告知补正", "待补正",
		`value="correction_received"`, "请写明所需报告的年份和发布机关")
	// The store's refusal is shown on the page: no second correction request.
	rec = postAs(t, s, officer, "", page+"/actions", url.Values{"kind": {"answer"}, "outcome": {"disclosed"}, "answer_text": {"x"}})
	mustContain(t, "answer while awaiting", rec, http.StatusConflict, "等待申请人补正期间不能答复")
	act(url.Values{"kind": {"correction_received"}}, "correction_received")
	// An answer needs an outcome.
	mustContain(t, "answer without outcome", postAs(t, s, officer, "", page+"/actions", url.Values{"kind": {"answer"}, "answer_text": {"经查……"}}),
		http.StatusUnprocessableEntity, "请选择办理结果", "经查……")
	act(url.Values{"kind": {"answer"}, "outcome": {"partly_disclosed"}, "answer_text": {"经查，报告第三部分涉及第三方商业秘密，不予公开；其余部分随本答复书提供。"}}, "answer")
	mustContain(t, "answered", call(t, s, officer, "GET", page, ""), http.StatusOK, "已答复", "（二）部分公开", "letter.pdf")

	// The applicant sees the answer and downloads the letter by posting the number and code.
	rec = postAs(t, s, "", "", "/track", url.Values{"tracking_no": {no}, "code": {code}})
	mustContain(t, "track answered", rec, http.StatusOK, "已答复", "部分公开", `action="/track/letter"`, "告知补正", "收到补正")
	assertNoPersonalData(t, "answered tracking page", rec.Body.String())
	rec = postAs(t, s, "", "", "/track/letter", url.Values{"tracking_no": {no}, "code": {code}})
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF")) {
		t.Fatalf("letter: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	text := pdfText(t, rec.Body.Bytes())
	for _, want := range []string{"政府信息公开申请答复书", "李小明", no, "沈阳市发展和改革委员会", "第三方商业秘密"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter lacks %q:\n%s", want, text)
		}
	}
	if rec := postAs(t, s, "", "", "/track/letter", url.Values{"tracking_no": {no}, "code": {"WRONG"}}); rec.Code == http.StatusOK {
		t.Error("letter with a wrong code")
	}
	rec = call(t, s, officer, "GET", page+"/letter.pdf", "")
	if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF")) {
		t.Errorf("console letter: %d", rec.Code)
	}
	// Concluded: only notes remain.
	mustContain(t, "closed queue", call(t, s, officer, "GET", "/console/bodies/sy-fgw/applications?queue=closed", ""), http.StatusOK, no)
	body := call(t, s, officer, "GET", page, "").Body.String()
	if strings.Contains(body, `value="answer"`) || !strings.Contains(body, `value="note"`) {
		t.Error("a concluded application offers more than a note")
	}
}

// assertNoPersonalData fails when a public page shows any of applyForm's personal data in
// clear.
func assertNoPersonalData(t *testing.T, what, body string) {
	t.Helper()
	f := applyForm()
	for _, clear := range []string{f.Get("applicant_name"), f.Get("id_number"), f.Get("phone"), f.Get("email"), "南京北街", f.Get("postcode"), "lixiaoming"} {
		if strings.Contains(body, clear) {
			t.Errorf("%s shows %q in clear", what, clear)
		}
	}
}

// pdfText extracts a PDF's text with pdftotext (poppler-utils).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not installed (Debian poppler-utils): run 'make test'")
	}
	path := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

func TestTrackingAttemptsAreLimited(t *testing.T) {
	s, _, _ := appFixture(t)
	s.applications.TrackLimit = 2
	no, code := submit(t, s, applyForm())
	for i := 0; i < 2; i++ {
		postAs(t, s, "", "", "/track", url.Values{"tracking_no": {no}, "code": {"BAD"}})
	}
	mustContain(t, "limited", postAs(t, s, "", "en", "/track", url.Values{"tracking_no": {no}, "code": {code}}), http.StatusTooManyRequests,
		"Too many attempts")
	mustContain(t, "limited zh", postAs(t, s, "", "", "/track", url.Values{"tracking_no": {no}, "code": {code}}), http.StatusTooManyRequests,
		"尝试次数过多")
	mustContain(t, "missing", postAs(t, s, "", "", "/track", url.Values{"tracking_no": {no}}), http.StatusUnprocessableEntity, "请填写申请编号和查询码")
}

func TestOfficerRegistersPaperApplication(t *testing.T) {
	s, tokens, _ := appFixture(t)
	officer := tokens[officerHere]
	mustContain(t, "form", call(t, s, officer, "GET", "/console/bodies/sy-fgw/applications/new", ""), http.StatusOK,
		`name="channel"`, `name="received_on"`, `value="registered_post"`)
	if rec := call(t, s, tokens[officerThere], "GET", "/console/bodies/sy-fgw/applications/new", ""); rec.Code != http.StatusForbidden {
		t.Errorf("officer of another body gets the form: %d", rec.Code)
	}
	form := applyForm()
	form.Del("consent")
	form.Del("body")
	form.Set("channel", "registered_post")
	form.Set("received_on", "2999-01-01")
	mustContain(t, "future", postAs(t, s, officer, "", "/console/bodies/sy-fgw/applications", form), http.StatusUnprocessableEntity,
		`id="e-received_on"`, "日期不能晚于今天", `value="李小明"`)
	received := calendar.Today().AddDays(-3)
	form.Set("received_on", received.String())
	loc := seeOther(t, postAs(t, s, officer, "", "/console/bodies/sy-fgw/applications", form), "/console/applications/")
	mustContain(t, "registered", call(t, s, officer, "GET", loc, ""), http.StatusOK, "申请已登记", "挂号信", received.String(), "李小明")
	no := strings.TrimSuffix(strings.TrimPrefix(loc, "/console/applications/"), "?done=registered")
	a, err := s.applications.Get(context.Background(), no)
	if err != nil || a.Channel != "registered_post" || !a.ReceivedOn.Valid || a.ReceivedOn.Date != received {
		t.Errorf("stored %+v, %v", a, err)
	}
	mustContain(t, "queue", call(t, s, officer, "GET", "/console/bodies/sy-fgw/applications", ""), http.StatusOK, no, "李小明")
	if rec := call(t, s, tokens[officerThere], "GET", "/console/bodies/sy-fgw/applications", ""); rec.Code != http.StatusForbidden {
		t.Errorf("officer of another body reads the queue: %d", rec.Code)
	}
	mustContain(t, "bad queue", call(t, s, officer, "GET", "/console/bodies/sy-fgw/applications?queue=nope", ""), http.StatusBadRequest)
}

// sampleAppView is an answered application with every optional part set, so that page tests
// execute every branch of the application templates.
func sampleAppView() AppView {
	a := requests.Application{TrackingNo: "YSQ-2026-000001", BodyCode: "sy-fgw", BodyName: "沈阳市发展和改革委员会", ApplicantName: "李**",
		LegalRep: "王*", ContactPerson: "赵*", Phone: "138****5678", Email: "l***@example.com", Address: "辽宁省沈阳市和平区****", Postcode: "110000",
		Description: "2025年营商环境评价报告", DocHint: "沈发改〔2025〕1号", AnswerText: "经查，……", Extended: true, DueProvisional: true}
	return AppView{Application: a, Received: "2026-01-05", Due: "2026-02-03", Answered: "2026-01-20", StatusLabel: "已答复", ApplicantTypeLabel: "自然人",
		IDTypeLabel: "居民身份证", FormWantedLabel: "电子文件", DeliveryLabel: "在线", ChannelLabel: "网上申请", OutcomeLabel: "（一）予以公开", OutcomeBasis: "第三十六条",
		Organisation: true, Terminal: true, DaysLeft: 2, HasDue: true, DueSoon: true, Fee: "100 元", Steps: []string{"收到申请：2026-01-05"},
		Events: []AppEventView{{Label: "提交申请", On: "2026-01-05", At: "2026-01-05 10:00", Actor: "li", Basis: "第三十一条", Note: "n"}, {Label: "备注", Public: true}},
		Href:   "/console/applications/YSQ-2026-000001"}
}
