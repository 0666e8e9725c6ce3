package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/catalog"
)

// postForm posts form to target as the caller holding token, the way a browser submits a form.
func postForm(t *testing.T, s *Server, token, target string, form url.Values) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// seeOther checks that rec redirects (303) to a path starting with prefix and returns it.
func seeOther(t *testing.T, rec *httptest.ResponseRecorder, prefix string) string {
	t.Helper()
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("got %d to %q, want 303 to %s…\n%s", rec.Code, loc, prefix, rec.Body)
	}
	return loc
}

func mustContain(t *testing.T, what string, rec *httptest.ResponseRecorder, wantCode int, parts ...string) {
	t.Helper()
	if rec.Code != wantCode {
		t.Fatalf("%s: status %d, want %d\n%s", what, rec.Code, wantCode, rec.Body)
	}
	for _, p := range parts {
		if !strings.Contains(rec.Body.String(), p) {
			t.Errorf("%s: page lacks %q", what, p)
		}
	}
}

func draftForm(title string) url.Values {
	return url.Values{
		"title": {title}, "summary": {"对全市价格监测工作作出部署。"}, "formed_on": {calendar.Today().String()},
		"kind": {"other"}, "doc_no": {"沈发改发[2026]7号"}, "issuers": {"沈阳市发展和改革委员会、沈阳市财政局"},
		"subject": {`综合政务\政务公开`}, "column": {catalog.ColumnPolicyOther}, "keywords": {"价格 监测"}, "disclosure_mode": {"proactive"},
		"body": {"第一段。\n第二段。"},
	}
}

func TestConsoleEntryLifecycle(t *testing.T) {
	s, tokens := accessFixture(t)
	officer := tokens[officerHere]

	// The console home links the officer's body to its workspace.
	mustContain(t, "console", call(t, s, officer, "GET", "/console", ""), 200, `href="/console/bodies/sy-fgw"`)
	mustContain(t, "new form", call(t, s, officer, "GET", "/console/bodies/sy-fgw/entries/new", ""), 200,
		`name="title"`, `name="formed_on"`, `<option value="policy-normative"`, `name="withheld_reason"`, `name="registration_no"`)

	// A date that is not a date comes back on the form, with what was typed kept.
	bad := draftForm("关于开展2026年价格监测工作的通知")
	bad.Set("formed_on", "2026-13-45")
	rec := postForm(t, s, officer, "/console/bodies/sy-fgw/entries", bad)
	mustContain(t, "bad date", rec, http.StatusUnprocessableEntity, `value="2026-13-45"`, `id="e-formed_on"`, "日期格式应为",
		`value="关于开展2026年价格监测工作的通知"`, `aria-invalid="true"`)
	// The catalog's own validation is shown field by field too.
	bad = draftForm("")
	bad.Set("valid_until", "2030-01-01")
	rec = postForm(t, s, officer, "/console/bodies/sy-fgw/entries", bad)
	mustContain(t, "catalog validation", rec, http.StatusUnprocessableEntity, `id="e-title"`, "标题应为", `id="e-valid_until"`)
	if _, entries, _ := s.catalog.List(context.Background(), catalog.ListFilter{BodyCode: "sy-fgw", Status: catalog.StatusDraft}); len(entries) != 0 {
		t.Fatalf("an invalid form stored a draft: %+v", entries)
	}

	// A good form creates a draft, which the workspace lists and the public does not see.
	loc := seeOther(t, postForm(t, s, officer, "/console/bodies/sy-fgw/entries", draftForm("关于开展2026年价格监测工作的通知")), "/console/entries/")
	edit := strings.TrimSuffix(loc, "?done=created")
	base := strings.TrimSuffix(edit, "/edit")
	id := strings.TrimPrefix(base, "/console/entries/")
	mustContain(t, "edit after create", call(t, s, officer, "GET", loc, ""), 200, "草稿已保存", "沈发改发〔2026〕7号", "发布时生成")
	mustContain(t, "workspace", call(t, s, officer, "GET", "/console/bodies/sy-fgw?status=draft", ""), 200, "关于开展2026年价格监测工作的通知", `href="`+edit+`"`)
	if rec := get(t, s, "/entries/"+id); rec.Code != http.StatusNotFound {
		t.Fatalf("draft visible to the public: %d", rec.Code)
	}

	// Publishing stamps an index number; the public page shows it.
	seeOther(t, postForm(t, s, officer, base+"/publish", nil), edit+"?done=published")
	year := calendar.Today().Year()
	indexNo := regexp.MustCompile(`000013338/` + strconv.Itoa(year) + `-\d{5}`)
	page := get(t, s, "/entries/"+id)
	if page.Code != 200 || !indexNo.MatchString(page.Body.String()) {
		t.Fatalf("public page after publish: %d, no index number\n%s", page.Code, page.Body)
	}
	mustContain(t, "directory", get(t, s, "/bodies/sy-fgw/entries"), 200, "关于开展2026年价格监测工作的通知")
	// Publishing twice is refused with the reason.
	mustContain(t, "publish twice", postForm(t, s, officer, base+"/publish", nil), http.StatusConflict, "只有草稿可以发布")

	// A correction of a published entry needs a note, and then makes version 2.
	fix := draftForm("关于开展2026年价格监测工作的通知（更正）")
	rec = postForm(t, s, officer, base, fix)
	mustContain(t, "correction without note", rec, http.StatusUnprocessableEntity, `id="e-note"`, `value="关于开展2026年价格监测工作的通知（更正）"`)
	fix.Set("note", "更正标题")
	seeOther(t, postForm(t, s, officer, base, fix), edit+"?done=saved")
	mustContain(t, "public page after correction", get(t, s, "/entries/"+id), 200, "（更正）", "第 2 版", "更正标题", `href="/entries/`+id+`/versions/1"`)
	mustContain(t, "old version", get(t, s, "/entries/"+id+"/versions/1"), 200, "您正在查看第 1 版")
	// Saving the same again changes nothing and makes no version.
	seeOther(t, postForm(t, s, officer, base, fix), edit+"?done=nochange")

	// The officer sees an edit link on the public page; the public does not.
	mustContain(t, "manage link", call(t, s, officer, "GET", "/entries/"+id, ""), 200, `href="`+edit+`"`)
	if strings.Contains(get(t, s, "/entries/"+id).Body.String(), edit) {
		t.Error("the public sees the console link")
	}

	// Relating by index number: a draft interpretation names the policy it interprets.
	loc = seeOther(t, postForm(t, s, officer, "/console/bodies/sy-fgw/entries", draftForm("《关于开展2026年价格监测工作的通知》政策解读")), "/console/entries/")
	interp := strings.TrimSuffix(strings.TrimSuffix(loc, "?done=created"), "/edit")
	rec = postForm(t, s, officer, interp+"/relations", url.Values{"kind": {"interprets"}, "other": {"nothing/9999"}})
	mustContain(t, "relate to nothing", rec, http.StatusUnprocessableEntity, "找不到该信息")
	seeOther(t, postForm(t, s, officer, interp+"/relations", url.Values{"kind": {"interprets"}, "other": {indexNo.FindString(page.Body.String())}}), interp+"/edit?done=related")
	mustContain(t, "relation shown", call(t, s, officer, "GET", interp+"/edit", ""), 200, "本文解读：", "关于开展2026年价格监测工作的通知（更正）")

	// Withdrawal needs a reason; the public page then shows it.
	mustContain(t, "withdraw without reason", postForm(t, s, officer, base+"/withdraw", url.Values{"reason": {"  "}}), http.StatusUnprocessableEntity, "请填写撤回理由", `id="e-reason"`)
	seeOther(t, postForm(t, s, officer, base+"/withdraw", url.Values{"reason": {"文件已被新文件替代"}}), edit+"?done=withdrawn")
	mustContain(t, "withdrawn public page", get(t, s, "/entries/"+id), 200, "文件已被新文件替代")
	// A withdrawn entry can no longer be edited; its console page says so and has no form.
	rec = call(t, s, officer, "GET", edit, "")
	mustContain(t, "withdrawn edit page", rec, 200, "已撤回的信息不能再修改")
	if strings.Contains(rec.Body.String(), `action="`+base+`"`) {
		t.Error("a withdrawn entry still has an edit form")
	}
	if rec := postForm(t, s, officer, base, fix); rec.Code != http.StatusConflict {
		t.Errorf("saving a withdrawn entry: %d, want 409", rec.Code)
	}

	// Every step is in the audit log.
	rec = call(t, s, tokens[auditor], "GET", "/api/v1/audit?target=entry:"+id, "")
	for _, action := range []string{"entry.create", "entry.publish", "entry.update", "entry.withdraw"} {
		if !strings.Contains(rec.Body.String(), `"`+action+`"`) {
			t.Errorf("audit log lacks %s for entry %s", action, id)
		}
	}
}

// consoleRoutes are the routes of web/console_catalog.go with their placeholders filled in.
func consoleRoutes(s *Server) [][2]string {
	var out [][2]string
	for _, rt := range s.routes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		if rt.access == public || !(strings.HasPrefix(path, "/console/bodies/") || strings.HasPrefix(path, "/console/entries/{entry}")) ||
			strings.Contains(path, "attachment") || strings.Contains(path, "import") {
			continue
		}
		path = strings.NewReplacer("{code}", "sy-fgw", "{entry}", fixtureEntry, "{column}", "policy-normative").Replace(path)
		out = append(out, [2]string{method, path})
	}
	return out
}

func TestConsoleOtherBodyIsForbidden(t *testing.T) {
	s, tokens := accessFixture(t)
	before, err := s.catalog.Get(context.Background(), fixtureID(t))
	if err != nil {
		t.Fatal(err)
	}
	routes := consoleRoutes(s)
	if len(routes) < 11 {
		t.Fatalf("found %d console catalog routes, want 11", len(routes))
	}
	form := url.Values{"title": {"篡改"}, "formed_on": {"2024-01-01"}, "reason": {"x"}, "note": {"x"}, "name": {"x"},
		"op": {"retire"}, "kind": {"interprets"}, "other": {fixtureEntry}}
	for _, rt := range routes {
		var rec *httptest.ResponseRecorder
		if rt[0] == http.MethodPost {
			rec = postForm(t, s, tokens[officerThere], rt[1], form)
		} else {
			rec = call(t, s, tokens[officerThere], rt[0], rt[1], "")
		}
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s %s as an officer of another body: %d, want 403", rt[0], rt[1], rec.Code)
		}
		// Auditors read the workspace only.
		if rt[0] == http.MethodPost {
			if rec := postForm(t, s, tokens[auditor], rt[1], form); rec.Code != http.StatusForbidden {
				t.Errorf("%s %s as an auditor: %d, want 403", rt[0], rt[1], rec.Code)
			}
		}
	}
	e, err := s.catalog.Get(context.Background(), fixtureID(t))
	if err != nil || e.Status != catalog.StatusPublished || e.Version != before.Version || e.Title != before.Title {
		t.Errorf("the fixture entry changed: %+v %v", e, err)
	}
	rec := call(t, s, tokens[auditor], "GET", "/console/bodies/sy-fgw", "")
	mustContain(t, "auditor workspace", rec, 200, "关于优化营商环境的若干措施", "不能修改")
	if strings.Contains(rec.Body.String(), "/entries/new") || strings.Contains(rec.Body.String(), "/edit") {
		t.Error("the auditor's workspace offers changes")
	}
}

func fixtureID(t *testing.T) int64 {
	t.Helper()
	id, err := strconv.ParseInt(fixtureEntry, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestConsoleDashboard(t *testing.T) {
	s, tokens := accessFixture(t)
	ctx := context.Background()
	actor := audit.CLI("test")
	today := calendar.Today()
	// A policy column last updated a year ago is stale (6 months); one published today is not.
	old := time.Now().AddDate(-1, 0, 0)
	if _, err := s.catalog.Import(ctx, actor, "sy-fgw", catalog.EntryInput{Title: "沈阳市价格监测办法", FormedOn: calendar.DateOf(old.In(calendar.China)),
		Kind: catalog.KindOther, Column: catalog.ColumnPolicyOther}, "", old); err != nil {
		t.Fatal(err)
	}
	// A normative document expiring in two months.
	until := today.AddDays(60)
	e, err := s.catalog.Create(ctx, actor, "sy-fgw", catalog.EntryInput{Title: "沈阳市价格调节基金管理办法", FormedOn: today.AddDays(-3),
		Kind: catalog.KindNormative, ValidUntil: until, DocNo: "沈发改规〔2026〕1号"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.catalog.Publish(ctx, actor, e.ID); err != nil {
		t.Fatal(err)
	}

	rec := call(t, s, tokens[officerHere], "GET", "/console/bodies/sy-fgw", "")
	body := rec.Body.String()
	mustContain(t, "dashboard", rec, 200, "未及时更新的栏目（1）", "其他文件", "空白栏目", "6 个月内到期的规范性文件", "沈阳市价格调节基金管理办法",
		formatDate("zh", until)+" 到期", "超过 20 个工作日", "关于优化营商环境的若干措施", "发布时效", "沈阳市发展和改革委员会")
	stale := body[strings.Index(body, "未及时更新的栏目"):strings.Index(body, "空白栏目（")]
	if !strings.Contains(stale, `class="stale-column"`) || !strings.Contains(stale, "/bodies/sy-fgw/columns/policy-other") {
		t.Errorf("stale list does not name 其他文件:\n%s", stale)
	}
	// The fixture's normative document was formed in 2024 and published now: late, and counted
	// in the timeliness summary with the normative issue-to-publish hours.
	if !strings.Contains(body, `<tr class="late">`) {
		t.Error("no entry is marked late")
	}
	mustContain(t, "english", call(t, s, tokens[officerHere], "GET", "/console/bodies/sy-fgw?lang=en", ""), 200, "Stale columns (1)", "Within 2 h")

	// Filters narrow the list; a filter that names nothing real is a 400.
	rec = call(t, s, tokens[officerHere], "GET", "/console/bodies/sy-fgw?kind=normative&status=published", "")
	if !strings.Contains(rec.Body.String(), "共 2 条") {
		t.Errorf("filtered list: want 2 normative entries\n%s", rec.Body)
	}
	for _, q := range []string{"status=gone", "kind=poem", "column=nope"} {
		if rec := call(t, s, tokens[officerHere], "GET", "/console/bodies/sy-fgw?"+q, ""); rec.Code != http.StatusBadRequest {
			t.Errorf("?%s: %d, want 400", q, rec.Code)
		}
	}
}

func TestConsoleColumns(t *testing.T) {
	s, tokens := accessFixture(t)
	officer := tokens[officerHere]
	mustContain(t, "columns page", call(t, s, officer, "GET", "/console/bodies/sy-fgw/columns", ""), 200, "政府信息公开指南", "行政规范性文件")

	// Adding needs a name; then the column appears under its parent.
	rec := postForm(t, s, officer, "/console/bodies/sy-fgw/columns", url.Values{"parent_code": {catalog.ColumnStatutory}, "name": {" "}})
	mustContain(t, "no name", rec, http.StatusUnprocessableEntity, `id="e-name"`)
	seeOther(t, postForm(t, s, officer, "/console/bodies/sy-fgw/columns", url.Values{"parent_code": {catalog.ColumnStatutory},
		"name": {"工作动态"}, "freshness": {"news"}}), "/console/bodies/sy-fgw/columns?done=column.created")
	cols, err := s.catalog.Columns(context.Background(), "sy-fgw")
	if err != nil {
		t.Fatal(err)
	}
	var added catalog.Column
	for _, c := range cols {
		if c.Name == "工作动态" {
			added = c
		}
	}
	if added.Code == "" || added.ParentCode != catalog.ColumnStatutory || added.Freshness != catalog.FreshnessNews {
		t.Fatalf("added column = %+v", added)
	}
	target := "/console/bodies/sy-fgw/columns/" + added.Code
	// The public sees it at once in the tree of the body page and of every directory page
	// (rendered once per content: web/fragments.go), current on its own page only.
	link := `<a href="/bodies/sy-fgw/columns/` + added.Code + `"`
	for _, page := range []string{"/bodies/sy-fgw", "/bodies/sy-fgw/entries", "/bodies/sy-fgw/columns/" + catalog.ColumnGuide} {
		mustContain(t, "public "+page, call(t, s, "", "GET", page, ""), 200, link+`>工作动态</a>`)
	}
	mustContain(t, "its own page", call(t, s, "", "GET", "/bodies/sy-fgw/columns/"+added.Code, ""), 200, link+` aria-current="page">工作动态</a>`)
	mustContain(t, "in English", call(t, s, "", "GET", "/bodies/sy-fgw?lang=en", ""), 200, link+`>工作动态</a>`, "Disclosure catalog")
	// The entry form offers it.
	mustContain(t, "entry form", call(t, s, officer, "GET", "/console/bodies/sy-fgw/entries/new", ""), 200, `<option value="`+added.Code+`"`)

	// Rename, move up, retire.
	seeOther(t, postForm(t, s, officer, target, url.Values{"op": {"save"}, "name": {"机关动态"}, "freshness": {"news"}}), "/console/bodies/sy-fgw/columns?done=column.saved")
	for _, page := range []string{"/bodies/sy-fgw", "/bodies/sy-fgw/entries"} {
		rec := call(t, s, "", "GET", page, "")
		mustContain(t, "renamed, "+page, rec, 200, link+`>机关动态</a>`)
		if strings.Contains(rec.Body.String(), "工作动态") {
			t.Errorf("%s still shows the old name", page)
		}
	}
	seeOther(t, postForm(t, s, officer, target, url.Values{"op": {"up"}}), "/console/bodies/sy-fgw/columns?done=column.moved")
	moved, err := s.catalog.Column(context.Background(), "sy-fgw", added.Code)
	if err != nil || moved.Name != "机关动态" || moved.Position >= added.Position {
		t.Fatalf("after rename and move up: %+v (was position %d) %v", moved, added.Position, err)
	}
	seeOther(t, postForm(t, s, officer, target, url.Values{"op": {"retire"}}), "/console/bodies/sy-fgw/columns?done=column.retired")
	if rec := call(t, s, officer, "GET", "/console/bodies/sy-fgw/columns", ""); strings.Contains(rec.Body.String(), "机关动态") {
		t.Error("a retired column is still listed")
	}
	if rec := call(t, s, "", "GET", "/bodies/sy-fgw", ""); strings.Contains(rec.Body.String(), link) {
		t.Error("the public body page still links to a retired column")
	}
	// A standard top column cannot be retired; the page says why.
	mustContain(t, "retire guide", postForm(t, s, officer, "/console/bodies/sy-fgw/columns/"+catalog.ColumnGuide, url.Values{"op": {"retire"}}),
		http.StatusConflict, "不能停用")
	if rec := postForm(t, s, officer, target, url.Values{"op": {"explode"}}); rec.Code != http.StatusBadRequest {
		t.Errorf("unknown op: %d, want 400", rec.Code)
	}
	rec = call(t, s, tokens[auditor], "GET", "/api/v1/audit?body=sy-fgw&action=column.retire", "")
	if !strings.Contains(rec.Body.String(), `"total":1`) {
		t.Errorf("retirement not audited: %s", rec.Body)
	}
}
