package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/requests"
	"xxgk/search"
)

func newTestServer(t *testing.T, checks ...Check) *Server {
	t.Helper()
	s, err := New(Deps{
		Site:  Site{Code: "sy", Name: "沈阳市人民政府", NameEN: "Shenyang Municipal People's Government"},
		Ready: func(context.Context) []Check { return checks },
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func get(t *testing.T, s *Server, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

// TestEveryPageRenders executes every page template in both languages: a template that fails
// only at run time would otherwise show users an error page.
func TestEveryPageRenders(t *testing.T) {
	s := newTestServer(t)
	for _, lang := range languages {
		for name := range s.tmpl {
			t.Run(lang+"/"+name, func(t *testing.T) {
				req := httptest.NewRequest(http.MethodGet, "/?lang="+lang, nil)
				var data pager
				switch name {
				case "home":
					data = &HomePage{Page: s.page(req, "t"), HasBody: true,
						Body:    bodies.Body{Code: "sy", Name: "沈阳市人民政府", Office: bodies.Office{Name: "办公室", Phone: "024-1", Email: "a@b.c", Address: "x", Postcode: "110000", Hours: "9-5"}},
						Columns: []ColumnLink{{Code: "guide", Depth: 1, Entries: 1, Href: "/bodies/sy/columns/guide", Label: "指南"}},
						Entries: entryRows("zh", []catalog.Entry{sampleEntry()}), Normative: entryRows("zh", []catalog.Entry{sampleEntry()})}
				case "body":
					data = &BodyPage{Page: s.page(req, "t"), Name: "沈阳市教育局",
						Body:        bodies.Body{Code: "sy-jyj", Name: "沈阳市教育局", Office: bodies.Office{Name: "办公室", Phone: "024-1", Email: "a@b.c", Address: "x", Postcode: "110000", Hours: "9-5"}},
						Departments: []NavItem{{Href: "/bodies/x", Label: "x"}}, Governments: []NavItem{{Href: "/bodies/y", Label: "y"}}}
				case "signin":
					data = &SignInPage{Page: s.page(req, "t"), Username: "li", Error: "x", Next: "/console"}
				case "console":
					data = &ConsolePage{Page: s.page(req, "t"), User: accounts.Principal{Username: "li", Role: accounts.RoleOfficer}, RoleLabel: "officer",
						Bodies: []NavItem{{Href: "/bodies/x", Label: "x"}}}
				case "audit":
					data = &AuditPage{Page: s.page(req, "t"), Actions: []string{"entry.publish"}, Total: 120,
						Events: []audit.Record{{ID: 1, Actor: "li", Role: "officer", Action: "entry.publish", Target: "entry:1", Changes: []byte(`{"a":1}`)}},
						Pager:  Pager{Page: 2, Pages: 3, Prev: "/console/audit?page=1", Next: "/console/audit?page=3"}}
				case "directory":
					col := catalog.Column{Code: "policy-normative", Name: "行政规范性文件", EmptyNote: "暂无"}
					data = &DirectoryPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy"}, Name: "沈阳市人民政府", Column: &col,
						Tree:    []ColumnLink{{Code: col.Code, Href: "/bodies/sy/columns/policy-normative", Label: "行政规范性文件"}},
						Entries: entryRows("zh", []catalog.Entry{sampleEntry()}), Total: 1, Pager: Pager{Page: 1, Pages: 2, Next: "/x?page=2"}}
				case "entry":
					v := catalog.Version{Version: 1, Actor: "li", Changes: []byte(`{"title":{"before":"a","after":"b"}}`), Snapshot: sampleEntry()}
					data = &EntryPage{Page: s.page(req, "t"), Entry: sampleEntry(), Body: bodies.Body{Code: "sy"}, BodyName: "沈阳市人民政府",
						Paragraphs: []string{"第一条", "第二条"}, Relations: []RelationLink{{Label: "政策解读：", Href: "/entries/2", Title: "解读"}},
						Version: &v, Versions: []catalog.Version{v}, Latest: 2,
						Attachments: []AttachmentLink{{Attachment: catalog.Attachment{ID: 1, Name: "附件1.pdf"}, Href: "/attachments/1/x.pdf", Kind: "PDF", SizeText: "1.0 KB"}}}
				case "normative":
					data = &NormativePage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy"}, Name: "沈阳市人民政府", On: "2025-01-01",
						Entries: entryRows("zh", []catalog.Entry{sampleEntry()})}
				case "console_body":
					row := ConsoleEntryRow{Entry: sampleEntry(), Href: "/entries/1", EditHref: "/console/entries/1/edit", WorkingDays: 23, Late: true, Provisional: true, DaysLeft: 30}
					col := catalog.Column{Code: "c-1", Name: "工作动态", Freshness: catalog.FreshnessNews}
					at := time.Date(2024, 3, 5, 2, 0, 0, 0, time.UTC)
					data = &ConsoleBodyPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy"}, Name: "沈阳市人民政府", CanEdit: true,
						Columns: []ColumnOption{{Code: "c-1", Label: "工作动态"}}, Statuses: catalog.Statuses(), Kinds: catalog.Kinds(),
						Entries: []ConsoleEntryRow{row}, Total: 1, Pager: Pager{Page: 1, Pages: 2, Next: "/x?page=2"},
						Freshness: catalog.FreshnessReport{Fails: true, Stale: []catalog.ColumnStatus{{Column: col, LastPublishedAt: &at, StaleSince: &at}},
							Empty: []catalog.ColumnStatus{{Column: col}}},
						Late: []ConsoleEntryRow{row}, Expiring: []ConsoleEntryRow{row}, Year: 2024,
						Timeliness: []catalog.BodyTimeliness{{BodyCode: "sy", BodyName: "沈阳市人民政府", Published: 3, Late: 1, MedianWorkingDays: 4, Normative: 1, NormativeMedianHours: 30.5}},
						Deadline:   20, BenchmarkHours: 2, StaleLimit: 5, EmptyLimit: 5, Notice: "ok"}
				case "entry_form":
					e := sampleEntry()
					e.Status = catalog.StatusPublished
					f := FormField{Name: "title", Label: "标题", Type: "text", Value: "x", Error: "e", Help: "h", Required: true}
					sel := FormField{Name: "kind", Label: "类别", Type: "select", Options: []FieldOption{{Value: "other", Label: "其他", Selected: true}}}
					area := FormField{Name: "body", Label: "正文", Type: "textarea", Rows: 3}
					data = &EntryFormPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy"}, Name: "沈阳市人民政府", Entry: &e, Action: "/console/entries/1",
						Groups: []FieldGroup{{Legend: "基本", Note: "n", Fields: []FormField{f, sel, area}}}, Invalid: true, Note: f, Deadline: 20,
						Timeliness: catalog.Timeliness{WorkingDays: 21, Late: true, Provisional: true},
						Versions:   []catalog.Version{{Version: 1, Actor: "li", Note: "n"}}, Relations: []RelationLink{{Label: "政策解读：", Href: "/entries/2", Title: "解读"}},
						RelationKinds: []FieldOption{{Value: "interprets", Label: "解读"}}, RelateError: "x", Withdraw: f, Notice: "ok", NoticeError: "bad"}
				case "columns":
					col := catalog.Column{Code: "c-1", Name: "工作动态", Depth: 2, Art20Item: 1, Freshness: catalog.FreshnessNews, Standard: true}
					data = &ColumnsPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy"}, Name: "沈阳市人民政府",
						Columns: []ColumnRow{{Column: col, Label: "工作动态", Href: "/bodies/sy/columns/c-1", Index: 1, CanRetire: true,
							Freshnesses: []FieldOption{{Value: "news", Label: "动态", Selected: true}}}},
						Add: []FormField{{Name: "name", Label: "名称", Type: "text", Error: "e"}}, AddInvalid: true, Notice: "ok", NoticeError: "bad"}
				case "import":
					res := catalog.ImportResult{Rows: 3, Published: 2, Generated: 1, Drafts: 1}
					data = &ImportPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy-fgw"}, Name: "沈阳市发展和改革委员会", MaxMB: 64,
						FileName: "目录.csv", Error: "e", Result: &res,
						Problems: []catalog.ImportProblem{{Row: 3, Column: "成文日期", Problem: "required"}, {Problem: "no rows to import"}}}
				case "search":
					data = &SearchPage{Page: s.page(req, "t"), Q: "营商环境", Searched: true, Total: 1, Degraded: true, Relaxed: true,
						Hits: []searchHit{{Hit: search.Hit{ID: "1", Title: "沈阳市优化营商环境若干措施", Validity: "in_force",
							Highlight: search.Highlight{Title: "沈阳市优化<mark>营商环境</mark>若干措施", Snippet: "<mark>营商环境</mark>"}}, URL: "/entries/1", PublishedOn: "2024-03-05"}},
						Facets: []FacetGroup{{Label: "发布机关", Values: []FacetValue{{Label: "沈阳市发展和改革委员会", Count: 1, Href: "/search?body=sy-fgw", Current: true}}}},
						Active: []ActiveFilter{{Label: "发布机关：x", Href: "/search"}}, Sorts: []NavItem{{Href: "/search?sort=relevance", Label: "相关度", Current: true}},
						Pager: Pager{Page: 1, Pages: 2, Next: "/search?page=2"}}
				case "deadline":
					dl, _ := s.computeDeadline(lang, deadlineInput{From: "2026-12-20", Days: "20", Kind: "answer"})
					data = &DeadlinePage{Page: s.page(req, "t"), Input: deadlineInput{From: "x", Days: "0"}, Result: &dl,
						Errors: map[string]string{"from": "f", "days": "d", "kind": "k"}, Today: "2026-01-01"}
				case "calendar_admin":
					ly := calendar.LoadedYear{Year: 2027, LoadedBy: "admin", LoadedAt: time.Now()}
					data = &CalendarAdminPage{Page: s.page(req, "t"), Years: []CalendarYearRow{{Year: 2027, WorkingDays: 250, Holidays: 30, Workdays: 6, Loaded: &ly}, {Year: 2026}},
						Missing: 2028, MaxKB: 1024, FileName: "2027.csv", Error: "e", Loaded: []int{2027}, Recomputed: 3}
				case "report", "report_drill", "compliance":
					data = reportTemplateSample(s, req, name)
				case "apply":
					f := FormField{Name: "applicant_name", Label: "姓名", Type: "text", Value: "李小明", Error: "e", Help: "h", Required: true}
					sel := FormField{Name: "applicant_type", Label: "类型", Type: "select", Options: []FieldOption{{Value: "person", Label: "自然人", Selected: true}}}
					area := FormField{Name: "description", Label: "描述", Type: "textarea", Rows: 3, Value: "营商环境"}
					data = &ApplyPage{Page: s.page(req, "t"), Action: "/apply", Register: name == "apply" && lang == "en", Body: bodies.Body{Code: "sy-fgw"}, Name: "x",
						Groups:  []AppFieldGroup{{FieldGroup: FieldGroup{Legend: "申请人", Note: "n", Fields: []FormField{sel, f}}}, {FieldGroup: FieldGroup{Legend: "所需信息", Fields: []FormField{area}}}},
						Consent: FormField{Name: "consent", Label: "同意", Error: "e"}, Invalid: true, NoticeError: "bad", Suggested: true, SuggestFor: "营商环境",
						Suggestions: []searchHit{{Hit: search.Hit{ID: "1", Title: "营商环境", Highlight: search.Highlight{Title: "<mark>营商环境</mark>"}}, URL: "/entries/1", PublishedOn: "2024-03-05"}}}
				case "apply_done":
					data = &ApplyDonePage{Page: s.page(req, "t"), App: sampleAppView(), Code: "ABCD-EFGH-JKLM"}
				case "track":
					data = &TrackPage{Page: s.page(req, "t"), TrackingNo: "YSQ-2026-000001", Error: "e", Found: lang == "zh", App: sampleAppView(), Code: "x", HasLetter: true, Limited: true}
				case "console_applications":
					v := sampleAppView()
					v.Overdue = true
					data = &ConsoleApplicationsPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy-fgw"}, Name: "x", CanEdit: lang == "zh", Queue: "open", Q: "q", WithDesc: true,
						Tabs: []AppQueueTab{{Key: "overdue", Label: "已超期", Href: "/x", Count: 2, Current: true, Alert: true}}, Rows: []AppView{v, sampleAppView()}, Total: 2,
						Pager: Pager{Page: 1, Pages: 2, Next: "/x?page=2"}, Notice: "ok"}
				case "console_application":
					sel := FormField{Name: "reason", Label: "对象", Type: "select", Options: []FieldOption{{Value: "third_party", Label: "第三方", Selected: true}}, Error: "e"}
					date := FormField{Name: "on", Label: "日期", Type: "date", Value: "2026-01-05", Help: "h"}
					area := FormField{Name: "note", Label: "说明", Type: "textarea", Rows: 2}
					data = &ConsoleApplicationPage{Page: s.page(req, "t"), App: sampleAppView(), CanAct: lang == "zh", Notice: "ok", NoticeError: "bad", HasLetter: true,
						Actions: []AppActionForm{{Kind: "answer", Title: "答复", Help: "h", Fields: []FormField{sel, date, area}, Submit: "答复", Error: "e", Open: true,
							OutcomeGroups: []AppOutcomeGroup{{Label: "（一）予以公开", Options: []FieldOption{{Value: "disclosed", Label: "予以公开", Selected: true}}}},
							Outcome:       FormField{Name: "outcome", Label: "结果", Error: "e"}}, {Kind: "fee_notice", Title: "收费", Fee: "10×10 = 100", Fields: []FormField{date}}}}
				case "appeals":
					data = &AppealsPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy-fgw"}, Name: "沈阳市发展和改革委员会", CanEdit: true, Notice: "n", Error: "e",
						Appeals: []requests.Appeal{{ID: 1, TrackingNo: "YSQ-2026-SY-FGW-000001", Kind: requests.AppealReview, Result: requests.AppealPending, FiledOn: calendar.NewDate(2026, 3, 1)},
							{ID: 2, Kind: requests.AppealLawsuit, Result: requests.AppealUpheld, FiledOn: calendar.NewDate(2025, 3, 1), ConcludedOn: calendar.NullDate{Date: calendar.NewDate(2025, 9, 1), Valid: true}}},
						Kinds:   []FieldOption{{Value: "review", Label: "行政复议"}, {Value: "lawsuit", Label: "未经复议直接起诉"}},
						Results: []FieldOption{{Value: "upheld", Label: "结果维持"}, {Value: "pending", Label: "尚未审结"}}}
				case "error":
					data = &ErrorPage{Page: s.page(req, "t"), Heading: "h", Message: "m"}
				default:
					t.Fatalf("page %q has no case in this test: add one", name)
				}
				rec := httptest.NewRecorder()
				s.render(rec, req, http.StatusOK, name, data)
				if rec.Code != http.StatusOK {
					t.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				if strings.Contains(rec.Body.String(), "[") && strings.Contains(rec.Body.String(), "[site.") {
					t.Errorf("unknown message key rendered")
				}
			})
		}
	}
}

func TestHomeLanguages(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		name, target, cookie string
		want, wantLang       string
	}{
		{"chinese by default", "/", "", "沈阳市人民政府", `lang="zh-CN"`},
		{"english by cookie", "/", "en", "Shenyang Municipal People&#39;s Government", `lang="en"`},
		{"english by query", "/?lang=en", "", "Search government information", `lang="en"`},
		{"unknown cookie falls back", "/", "fr", "搜索政府信息", `lang="zh-CN"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.target, nil)
			if tt.cookie != "" {
				req.AddCookie(&http.Cookie{Name: langCookie, Value: tt.cookie})
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			body := rec.Body.String()
			if rec.Code != http.StatusOK || !strings.Contains(body, tt.want) || !strings.Contains(body, tt.wantLang) {
				t.Errorf("status %d, want %q and %q in:\n%s", rec.Code, tt.want, tt.wantLang, body)
			}
		})
	}
}

func TestUserInputIsEscaped(t *testing.T) {
	s := newTestServer(t)
	rec := get(t, s, `/missing?x="><script>alert(1)</script>`)
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "<script>alert(1)") {
		t.Fatalf("request input reached the page unescaped:\n%s", rec.Body)
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newTestServer(t)
	for _, target := range []string{"/", "/missing", "/healthz", "/api/v1/nothing"} {
		h := get(t, s, target).Header()
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"X-Frame-Options":        "DENY",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if got := h.Get(name); got != want {
				t.Errorf("%s: %s = %q, want %q", target, name, got, want)
			}
		}
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: weak CSP %q", target, csp)
		}
		if h.Get("X-Request-Id") == "" {
			t.Errorf("%s: no request id", target)
		}
	}
}

func TestLanguageSwitch(t *testing.T) {
	s := newTestServer(t)
	tests := []struct{ target, wantLocation, wantCookie string }{
		{"/lang?to=en&next=/some/page?a=1", "/some/page?a=1", "en"},
		{"/lang?to=zh&next=//evil.example/", "/", "zh"},
		{"/lang?to=zh&next=https://evil.example/", "/", "zh"},
		{"/lang?to=xx&next=/", "/", "zh"},
	}
	for _, tt := range tests {
		rec := get(t, s, tt.target)
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != tt.wantLocation {
			t.Errorf("%s: %d to %q, want 303 to %q", tt.target, rec.Code, rec.Header().Get("Location"), tt.wantLocation)
		}
		c := rec.Result().Cookies()
		if len(c) != 1 || c[0].Value != tt.wantCookie || !c[0].HttpOnly || c[0].MaxAge <= 0 {
			t.Errorf("%s: cookie %+v, want a lasting %q", tt.target, c, tt.wantCookie)
		}
	}
}

func TestNotFoundAPIIsJSONInRequestLanguage(t *testing.T) {
	s := newTestServer(t)
	rec := get(t, s, "/api/v1/nothing", "Accept-Language", "en-GB,en;q=0.9")
	var body apiError
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != http.StatusNotFound {
		t.Fatalf("status %d body %s: %v", rec.Code, rec.Body, err)
	}
	if body.Error.Code != "not_found" || body.Error.Message != "The requested resource does not exist." {
		t.Errorf("got %+v", body.Error)
	}
	rec = get(t, s, "/api/v1/nothing")
	_ = json.Unmarshal(rec.Body.Bytes(), &body)
	if body.Error.Message != "请求的资源不存在。" {
		t.Errorf("default language: got %q", body.Error.Message)
	}
}

func TestReadyz(t *testing.T) {
	tests := []struct {
		name       string
		checks     []Check
		wantStatus int
		wantState  string
	}{
		{"all up", []Check{{Name: "postgresql", OK: true}, {Name: "meilisearch", OK: true}}, 200, "ready"},
		{"database down", []Check{{Name: "postgresql", Error: "unreachable"}, {Name: "meilisearch", OK: true}}, 503, "not_ready"},
		{"search degraded", []Check{{Name: "postgresql", OK: true}, {Name: "meilisearch", Error: "unreachable", Degraded: true}}, 200, "degraded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, newTestServer(t, tt.checks...), "/readyz")
			var body struct{ Status string }
			_ = json.Unmarshal(rec.Body.Bytes(), &body)
			if rec.Code != tt.wantStatus || body.Status != tt.wantState {
				t.Errorf("got %d %q, want %d %q: %s", rec.Code, body.Status, tt.wantStatus, tt.wantState, rec.Body)
			}
		})
	}
}

func TestStaticAssetsAreHashedAndCached(t *testing.T) {
	s := newTestServer(t)
	u, err := s.assets.url("style.css")
	if err != nil {
		t.Fatal(err)
	}
	rec := get(t, s, u)
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") ||
		!strings.Contains(rec.Header().Get("Cache-Control"), "immutable") {
		t.Errorf("%s: %d %v", u, rec.Code, rec.Header())
	}
	if rec := get(t, s, "/static/style.css"); rec.Code != http.StatusNotFound {
		t.Errorf("unhashed name served: %d", rec.Code)
	}
	if !strings.Contains(get(t, s, "/").Body.String(), u) {
		t.Errorf("home page does not link %s", u)
	}
}

func TestMetricsCountRequestsByRoute(t *testing.T) {
	s := newTestServer(t)
	get(t, s, "/")
	body := get(t, s, "/metrics").Body.String()
	if !strings.Contains(body, `xxgk_http_requests_total{route="GET /{$}",status="200"} 1`) {
		t.Errorf("metrics lack the home page request:\n%s", body)
	}
}

func TestPanicsBecomeAnErrorPageWithRequestID(t *testing.T) {
	s := newTestServer(t)
	h := s.middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("database password is hunter2") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	body := rec.Body.String()
	id := rec.Header().Get("X-Request-Id")
	if rec.Code != 500 || strings.Contains(body, "hunter2") || id == "" || !strings.Contains(body, id) {
		t.Errorf("status %d, id %q, body:\n%s", rec.Code, id, body)
	}
}

// sampleEntry is a withdrawn normative document with every optional field set, so that page
// tests execute every branch of the entry templates.
func sampleEntry() catalog.Entry {
	at := time.Date(2024, 3, 5, 2, 0, 0, 0, time.UTC)
	return catalog.Entry{ID: 1, BodyCode: "sy", ColumnCode: "policy-normative", ColumnName: "行政规范性文件", Status: catalog.StatusWithdrawn,
		IndexNo: "000014349/2024-00001", Title: "沈阳市优化营商环境若干措施", Summary: "概述", FormedOn: calendar.NewDate(2024, 3, 1),
		PublishedAt: &at, EffectiveOn: calendar.NullDate{Date: calendar.NewDate(2024, 4, 1), Valid: true}, Issuers: []string{"沈阳市人民政府"},
		Issuer: "沈阳市人民政府", DocNo: "沈政发〔2024〕3号", Subject: "综合政务\\政务公开", Keywords: []string{"营商环境"},
		DisclosureMode: catalog.DisclosureProactive, Kind: catalog.KindNormative, Validity: catalog.ValidityRepealed,
		ValidUntil: calendar.NullDate{Date: calendar.NewDate(2029, 3, 1), Valid: true}, RepealedOn: calendar.NullDate{Date: calendar.NewDate(2025, 1, 1), Valid: true},
		RegistrationNo: "SYFS-2024-3", Version: 2, WithdrawnAt: &at, WithdrawnReason: "内容有误"}
}
