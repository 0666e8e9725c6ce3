package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"xxgk/accounts"
	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
	"xxgk/reports"
)

// who names the callers the matrix tries on every route.
type who string

const (
	anonymous    who = "anonymous"
	admin        who = "admin"
	officerHere  who = "officer of the body in the path"
	officerThere who = "officer of another body"
	auditor      who = "auditor"
)

var everyone = []who{anonymous, admin, officerHere, officerThere, auditor}

// wantAccess states, independently of routes.go, who may use each route. A route missing here
// fails the test: a new route cannot skip the access review.
var wantAccess = map[string][]who{
	"GET /healthz":               everyone,
	"GET /readyz":                everyone,
	"GET /metrics":               everyone,
	"GET /static/{file}":         everyone,
	"GET /{$}":                   everyone,
	"GET /lang":                  everyone,
	"GET /display":               everyone,
	"GET /":                      everyone,
	"GET /bodies/{code}":         everyone,
	"GET /api/v1/bodies":         everyone,
	"GET /api/v1/bodies/{code}":  everyone,
	"GET /signin":                everyone,
	"POST /signin":               everyone,
	"POST /signout":              everyone,
	"POST /console/signout-all":  {admin, officerHere, officerThere, auditor},
	"GET /console":               {admin, officerHere, officerThere, auditor},
	"POST /api/v1/bodies":        {admin},
	"GET /console/audit":         {admin, auditor},
	"GET /console/audit/export":  {admin, auditor},
	"GET /api/v1/audit":          {admin, auditor},
	"GET /api/v1/tokens":         {admin, officerHere, officerThere, auditor},
	"POST /api/v1/tokens":        {admin, officerHere, officerThere, auditor},
	"DELETE /api/v1/tokens/{id}": {admin, officerHere, officerThere, auditor},

	"GET /search":                                  everyone,
	"GET /api/v1/search":                           everyone,
	"GET /bodies/{code}/entries":                   everyone,
	"GET /bodies/{code}/columns/{column}":          everyone,
	"GET /bodies/{code}/normative":                 everyone,
	"GET /entries/{entry}":                         everyone,
	"GET /entries/{entry}/versions/{n}":            everyone,
	"GET /api/v1/bodies/{code}/columns":            everyone,
	"GET /api/v1/bodies/{code}/entries":            everyone,
	"GET /api/v1/bodies/{code}/normative":          everyone,
	"GET /api/v1/entries/{entry}":                  everyone,
	"GET /api/v1/entries/{entry}/versions":         everyone,
	"POST /api/v1/bodies/{code}/columns":           {admin, officerHere},
	"PATCH /api/v1/bodies/{code}/columns/{column}": {admin, officerHere},
	"POST /api/v1/bodies/{code}/entries":           {admin, officerHere},
	"PATCH /api/v1/entries/{entry}":                {admin, officerHere},
	"POST /api/v1/entries/{entry}/publish":         {admin, officerHere},
	"POST /api/v1/entries/{entry}/withdraw":        {admin, officerHere},
	"POST /api/v1/entries/{entry}/relations":       {admin, officerHere},

	// Officers' console: catalog work (web/console_catalog.go).
	"GET /console/bodies/{code}":                   {admin, officerHere, auditor},
	"GET /console/bodies/{code}/entries/new":       {admin, officerHere},
	"POST /console/bodies/{code}/entries":          {admin, officerHere},
	"GET /console/entries/{entry}/edit":            {admin, officerHere},
	"POST /console/entries/{entry}":                {admin, officerHere},
	"POST /console/entries/{entry}/publish":        {admin, officerHere},
	"POST /console/entries/{entry}/withdraw":       {admin, officerHere},
	"POST /console/entries/{entry}/relations":      {admin, officerHere},
	"GET /console/bodies/{code}/columns":           {admin, officerHere},
	"POST /console/bodies/{code}/columns":          {admin, officerHere},
	"POST /console/bodies/{code}/columns/{column}": {admin, officerHere},

	// Officers' console: catalog import (web/import.go).
	"GET /console/bodies/{code}/import":  {admin, officerHere},
	"POST /console/bodies/{code}/import": {admin, officerHere},
	"GET /console/import/template.xlsx":  {admin, officerHere, officerThere, auditor},
	"GET /console/import/template.csv":   {admin, officerHere, officerThere, auditor},

	// Feeds, sitemap and open data (web/feeds.go).
	"GET /bodies/{code}/feed.atom":                  everyone,
	"GET /bodies/{code}/columns/{column}/feed.atom": everyone,
	"GET /sitemap.xml":                              everyone,
	"GET /bodies/{code}/catalog.csv":                everyone,
	"GET /bodies/{code}/catalog.xlsx":               everyone,

	// Attachments (web/attachments.go).
	"GET /attachments/{attachment}/{name}":          everyone,
	"GET /api/v1/entries/{entry}/attachments":       everyone,
	"POST /api/v1/entries/{entry}/attachments":      {admin, officerHere},
	"DELETE /api/v1/attachments/{attachment}":       {admin, officerHere},
	"POST /console/entries/{entry}/attachments":     {admin, officerHere},
	"POST /console/attachments/{attachment}/remove": {admin, officerHere},

	// Annual reports and compliance (web/reports.go).
	"GET /bodies/{code}/annual-reports/{year}":                 everyone,
	"GET /api/v1/bodies/{code}/annual-reports/{file}":          everyone,
	"PUT /api/v1/bodies/{code}/annual-reports/{year}":          {admin, officerHere},
	"POST /api/v1/bodies/{code}/annual-reports/{year}/lock":    {admin, officerHere},
	"POST /api/v1/bodies/{code}/annual-reports/{year}/unlock":  {admin},
	"POST /console/bodies/{code}/annual-reports/{year}":        {admin, officerHere},
	"POST /console/bodies/{code}/annual-reports/{year}/lock":   {admin, officerHere},
	"POST /console/bodies/{code}/annual-reports/{year}/unlock": {admin},
	"GET /console/bodies/{code}/annual-reports/{year}/drill":   {admin, officerHere, auditor},
	"GET /console/bodies/{code}/annual-reports/{year}/rollup":  {admin, officerHere, auditor},
	"GET /console/compliance":                                  {admin, officerHere, officerThere, auditor},
	"GET /console/compliance.xlsx":                             {admin, officerHere, officerThere, auditor},

	// Applications API (web/applications_api.go). Tracking without ?code= is for those who
	// may see the full record.
	"POST /api/v1/applications":                      everyone,
	"GET /api/v1/applications/{tracking_no}":         {admin, officerHere, auditor},
	"POST /api/v1/applications/{tracking_no}/events": {admin, officerHere},
	"POST /api/v1/bodies/{code}/applications":        {admin, officerHere},
	"GET /api/v1/bodies/{code}/applications":         {admin, officerHere, auditor},
	"POST /api/v1/bodies/{code}/appeals":             {admin, officerHere},
	"GET /api/v1/bodies/{code}/appeals":              {admin, officerHere, auditor},
	"PATCH /api/v1/appeals/{appeal}":                 {admin, officerHere},
	"GET /console/bodies/{code}/appeals":             {admin, officerHere, auditor},
	"POST /console/bodies/{code}/appeals":            {admin, officerHere},
	"POST /console/appeals/{appeal}":                 {admin, officerHere},

	// Calendar and deadlines (web/calendar.go).
	"GET /deadline":                 everyone,
	"GET /api/v1/calendar/deadline": everyone,
	"GET /console/calendar":         {admin},
	"POST /console/calendar":        {admin},

	// Application pages (web/applications.go).
	"GET /apply":         everyone,
	"POST /apply":        everyone,
	"GET /track":         everyone,
	"POST /track":        everyone,
	"POST /track/letter": everyone,
	"GET /console/bodies/{code}/applications":            {admin, officerHere, auditor},
	"GET /console/bodies/{code}/applications/new":        {admin, officerHere},
	"POST /console/bodies/{code}/applications":           {admin, officerHere},
	"GET /console/applications/{tracking_no}":            {admin, officerHere, auditor},
	"POST /console/applications/{tracking_no}/actions":   {admin, officerHere},
	"GET /console/applications/{tracking_no}/letter.pdf": {admin, officerHere, auditor},
	// Files of applications (web/application_files.go).
	"POST /track/files": everyone,
	"POST /console/applications/{tracking_no}/files": {admin, officerHere},
	"GET /console/application-files/{app_file}":      {admin, officerHere, auditor},
}

// fixtureEntry is the id of the published entry of sy-fgw that accessFixture creates.
var fixtureEntry string

// accessFixture is a database with two departments and a token for every kind of caller.
func accessFixture(t *testing.T) (*Server, map[who]string) {
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
	users := map[who]accounts.NewUser{
		admin:        {Username: "admin", Role: accounts.RoleAdmin},
		officerHere:  {Username: "officer.fgw", Role: accounts.RoleOfficer, Bodies: []accounts.Grant{{BodyCode: "sy-fgw"}}},
		officerThere: {Username: "officer.jyj", Role: accounts.RoleOfficer, Bodies: []accounts.Grant{{BodyCode: "sy-jyj"}}},
		auditor:      {Username: "auditor", Role: accounts.RoleAuditor},
	}
	tokens := map[who]string{}
	for w, nu := range users {
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
	cs := catalog.NewStore(db, cal)
	e, err := cs.Create(ctx, actor, "sy-fgw", catalog.EntryInput{Title: "关于优化营商环境的若干措施", FormedOn: calendar.NewDate(2024, 3, 1), Kind: catalog.KindNormative})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Publish(ctx, actor, e.ID); err != nil {
		t.Fatal(err)
	}
	fixtureEntry = strconv.FormatInt(e.ID, 10)
	blobs, err := attachments.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fixtureAttachment = strconv.FormatInt(attachTo(t, cs, blobs, e.ID, "实施细则.txt", "第一条 本细则自发布之日起施行。"), 10)
	apps := applicationsFixture(t, db, cal)
	fixtureAppFile = applicationFileFixture(t, apps, blobs)
	s, err := New(Deps{Bodies: bs, Accounts: as, Audit: audit.NewLog(db), Catalog: cs, Blobs: blobs, Applications: apps, Reports: reports.NewStore(db, cal), Ready: func(context.Context) []Check { return nil }})
	if err != nil {
		t.Fatal(err)
	}
	return s, tokens
}

// TestRouteAccessMatrix sends a request to every registered route as every kind of caller and
// checks that exactly the expected ones get past the access check.
func TestRouteAccessMatrix(t *testing.T) {
	s, tokens := accessFixture(t)
	seen := map[string]bool{}
	for _, rt := range s.routes() {
		seen[rt.pattern] = true
		allowed, ok := wantAccess[rt.pattern]
		if !ok {
			t.Errorf("route %q is not in wantAccess: state who may use it", rt.pattern)
			continue
		}
		method, path, _ := strings.Cut(rt.pattern, " ")
		path = strings.NewReplacer("{attachment}", fixtureAttachment, "{tracking_no}", fixtureTrackingNo, "{app_file}", fixtureAppFile, "{appeal}", fixtureAppeal, "{name}", "x.txt", "{code}", "sy-fgw", "{id}", "999999", "{entry}", fixtureEntry, "{column}", "policy-normative", "{n}", "1", "{year}", "2025", "{file}", "none.css", "{$}", "").Replace(path)
		for _, caller := range everyone {
			req := httptest.NewRequest(method, path, strings.NewReader(`{}`))
			if caller != anonymous {
				req.Header.Set("Authorization", "Bearer "+tokens[caller])
			}
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)
			gotIn := rec.Code != http.StatusUnauthorized && rec.Code != http.StatusForbidden &&
				!(rec.Code == http.StatusSeeOther && strings.HasPrefix(rec.Header().Get("Location"), "/signin"))
			wantIn := contains(allowed, caller)
			if gotIn != wantIn {
				t.Errorf("%s as %s: status %d, want allowed=%v", rt.pattern, caller, rec.Code, wantIn)
			}
		}
	}
	for p := range wantAccess {
		if !seen[p] {
			t.Errorf("wantAccess lists %q, which is not a route", p)
		}
	}
}

func contains(ws []who, w who) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

func TestAPIAuthErrors(t *testing.T) {
	s, tokens := accessFixture(t)
	body := `{"code":"sy-czj","name":"沈阳市财政局","org_code":"000014349","parent":"sy"}`
	for _, tt := range []struct {
		name, auth string
		want       int
	}{
		{"no credentials", "", 401},
		{"bad token", "Bearer xxgk_nope", 401},
		{"officer", "Bearer " + tokens[officerHere], 403},
		{"admin, duplicate org code", "Bearer " + tokens[admin], 409},
	} {
		req := httptest.NewRequest("POST", "/api/v1/bodies", strings.NewReader(body))
		req.Header.Set("Accept-Language", "en")
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != tt.want || !strings.Contains(rec.Body.String(), `"error"`) {
			t.Errorf("%s: %d %s, want %d", tt.name, rec.Code, rec.Body, tt.want)
		}
	}
	req := httptest.NewRequest("POST", "/api/v1/bodies", strings.NewReader(`{"code":"sy-czj","name":"沈阳市财政局","org_code":"11210100001000111X","parent":"sy"}`))
	req.Header.Set("Authorization", "Bearer "+tokens[admin])
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"org_code"`) {
		t.Errorf("bad org code: %d %s", rec.Code, rec.Body)
	}
}

func TestSignInFlow(t *testing.T) {
	s, _ := accessFixture(t)
	post := func(form url.Values, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/signin", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec
	}
	// Wrong password: the form comes back with the username kept and a message.
	rec := post(url.Values{"username": {"officer.fgw"}, "password": {"wrong password!"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "用户名或密码错误") || !strings.Contains(rec.Body.String(), `value="officer.fgw"`) {
		t.Fatalf("bad password: %d\n%s", rec.Code, rec.Body)
	}
	// A cross-origin form post is refused before it reaches the handler.
	rec = post(url.Values{"username": {"officer.fgw"}, "password": {"correct horse battery"}}, "Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example")
	if rec.Code != http.StatusForbidden {
		t.Fatalf("cross-origin sign-in: %d", rec.Code)
	}
	// Good sign-in: a session cookie, and the console opens with it.
	rec = post(url.Values{"username": {"officer.fgw"}, "password": {"correct horse battery"}})
	var session *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			session = c
		}
	}
	if rec.Code != http.StatusSeeOther || session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("sign-in: %d cookie %+v", rec.Code, session)
	}
	req := httptest.NewRequest("GET", "/console", nil)
	req.AddCookie(session)
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "沈阳市发展和改革委员会") || strings.Contains(rec.Body.String(), "沈阳市教育局") {
		t.Fatalf("console: %d\n%s", rec.Code, rec.Body)
	}
	// Sign-out ends the session.
	req = httptest.NewRequest("POST", "/signout", nil)
	req.AddCookie(session)
	s.Handler().ServeHTTP(httptest.NewRecorder(), req)
	req = httptest.NewRequest("GET", "/console", nil)
	req.AddCookie(session)
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/signin") {
		t.Fatalf("console after sign-out: %d %v", rec.Code, rec.Header())
	}
	// Five failures lock the account; then even the right password is refused.
	for i := 0; i < 5; i++ {
		post(url.Values{"username": {"officer.jyj"}, "password": {"wrong password!"}})
	}
	rec = post(url.Values{"username": {"officer.jyj"}, "password": {"correct horse battery"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "锁定") {
		t.Fatalf("locked account: %d\n%s", rec.Code, rec.Body)
	}
}
