package faults

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/database/dbtest"
)

// loadCorpus reads testdata/hostile/*.txt: one input a line, # comments, and a line starting
// go: is a Go string literal after the prefix (for control characters and line breaks).
func loadCorpus(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob("testdata/hostile/*.txt")
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
			if strings.HasPrefix(l, "#") {
				continue
			}
			if lit, ok := strings.CutPrefix(l, "go:"); ok {
				u, err := strconv.Unquote(lit)
				if err != nil {
					t.Fatalf("%s: %q: %v", f, l, err)
				}
				l = u
			}
			out = append(out, l)
		}
	}
	if len(out) < 500 {
		t.Fatalf("the hostile corpus has %d inputs, want at least 500", len(out))
	}
	return out
}

// sample picks the inputs a run sends everywhere: under make test the few that once broke
// something or most often do; under make faults those plus an even spread of XXGK_FAULTS_INPUTS
// of the corpus (default 60: each input costs ~300 requests, ~15 s on a busy 2-core machine), or
// all of it with XXGK_FAULTS_INPUTS=all.
func sample(t *testing.T, corpus []string) []string {
	must := []string{"a\x00b", "<script>window.__xss=1</script>", "../../etc/passwd"}
	if !full() {
		return must
	}
	n := 60
	switch v := os.Getenv("XXGK_FAULTS_INPUTS"); v {
	case "":
	case "all":
		return append(must, corpus...)
	default:
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			t.Fatalf("XXGK_FAULTS_INPUTS=%q: want a count or all", v)
		}
	}
	out := must
	step := max(1, len(corpus)/n)
	for i := 0; i < len(corpus); i += step {
		out = append(out, corpus[i])
	}
	return out
}

// webRoute is one line of web/routes.go.
type webRoute struct{ Method, Path, Pattern string }

// routesFromSource reads the route table from web/routes.go itself, so that a route added there
// is attacked here without anyone remembering to list it.
func routesFromSource(t *testing.T) []webRoute {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root(t), "web", "routes.go"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\{"(GET|POST|PUT|PATCH|DELETE) (/[^"]*)", \w+, s\.\w+`)
	var out []webRoute
	for _, m := range re.FindAllStringSubmatch(string(src), -1) {
		out = append(out, webRoute{Method: m[1], Path: m[2], Pattern: m[1] + " " + m[2]})
	}
	if len(out) < 50 {
		t.Fatalf("found only %d routes in web/routes.go: has its format changed?", len(out))
	}
	return out
}

// jsonFields are, per JSON route that reads a body, its string fields and its date fields:
// the decoder refuses unknown fields, so an object of every field name would never get past
// it. A JSON route missing here fails the test.
var jsonFields = map[string]struct{ text, dates []string }{
	"POST /api/v1/bodies/{code}/columns":                      {[]string{"parent_code", "name", "name_en", "freshness", "empty_note"}, nil},
	"PATCH /api/v1/bodies/{code}/columns/{column}":            {[]string{"name", "name_en", "parent_code", "freshness", "empty_note"}, nil},
	"POST /api/v1/bodies/{code}/entries":                      {entryText, entryDates},
	"PATCH /api/v1/entries/{entry}":                           {entryText, entryDates},
	"POST /api/v1/entries/{entry}/publish":                    {nil, nil},
	"POST /api/v1/entries/{entry}/withdraw":                   {[]string{"reason"}, nil},
	"POST /api/v1/entries/{entry}/relations":                  {[]string{"kind"}, []string{"on"}},
	"POST /api/v1/tokens":                                     {[]string{"name"}, nil},
	"DELETE /api/v1/tokens/{id}":                              {nil, nil},
	"POST /api/v1/bodies":                                     {[]string{"code", "name", "name_en", "org_code", "kind", "level", "parent"}, nil},
	"POST /api/v1/entries/{entry}/attachments":                {nil, nil},
	"DELETE /api/v1/attachments/{attachment}":                 {[]string{"note"}, nil},
	"POST /api/v1/applications":                               {append([]string{"body"}, applicationText...), nil},
	"POST /api/v1/applications/{tracking_no}/events":          {[]string{"kind", "basis", "note", "reason", "approved_by", "outcome", "answer_text", "fee_method", "transfer_to"}, []string{"on"}},
	"POST /api/v1/bodies/{code}/applications":                 {append([]string{"channel"}, applicationText...), []string{"received_on"}},
	"POST /api/v1/bodies/{code}/appeals":                      {[]string{"kind", "result", "tracking_no", "note"}, []string{"filed_on", "concluded_on"}},
	"PATCH /api/v1/appeals/{appeal}":                          {[]string{"result"}, []string{"concluded_on"}},
	"PUT /api/v1/bodies/{code}/annual-reports/{year}":         {nil, nil},
	"POST /api/v1/bodies/{code}/annual-reports/{year}/lock":   {[]string{"reason"}, nil},
	"POST /api/v1/bodies/{code}/annual-reports/{year}/unlock": {[]string{"reason"}, nil},
}

var (
	entryText = []string{"title", "title_en", "summary", "summary_en", "doc_no", "subject", "column", "disclosure_mode",
		"withheld_reason", "body", "kind", "validity", "registration_no", "issuer", "note"}
	entryDates      = []string{"formed_on", "effective_on", "review_on", "valid_until", "repealed_on"}
	applicationText = []string{"applicant_type", "applicant_name", "id_type", "id_number", "legal_rep", "contact_person",
		"phone", "email", "address", "postcode", "description", "doc_hint", "form_wanted", "delivery"}
	// formFields is every name a form or a query string of xxgk reads (grep Get(" in web/).
	formFields = strings.Fields(`action actor applicant_name applicant_type address bad body cell channel code
		coercive_measures column concluded_on consent days desc descendants description disclosure_mode doc_hint doc_no
		done email empty_note fee_count fee_method fees_wan_yuan file filed_on format formed_on freshness from id_number
		id_type in_force_on issuer issuers keywords kind lang name name_en next note on op other outcome overview page
		page_size parent_code password penalties permits phone postcode problems public q queue reason received_on
		registration_no result sort status subject summary summary_en target title title_en to tracking_no transfer_to
		username valid_until validity withheld_reason year answer_text basis approved_by dry_run`)
)

// hostile is the harness of one attack run: the demo server, an administrator's session and
// token, and the counts that a refused request must leave alone.
type hostile struct {
	t         *testing.T
	srv       *server
	db        *sqlx.DB
	cookie    string
	token     string
	valid     map[string]string // path value → a real one from the demo
	tried     map[string]int
	fives     map[string]int
	partial   int
	failures  []string
	noFollow  *http.Client
	lastState string
}

// TestHostileInput sends the corpus to every route of web/routes.go (as path values, as every
// query, form, multipart and JSON field, as upload names), plus oversized bodies, wrong content
// types and the hostile files, as an administrator who may do anything. Nothing may answer 5xx,
// a refused write must leave the database as it was, and every answer carries the security
// headers.
func TestHostileInput(t *testing.T) {
	quickParallel(t)
	corpus := loadCorpus(t)
	inputs := sample(t, corpus)
	h := newHostile(t)
	routes := routesFromSource(t)
	var missing []string
	for _, r := range routes {
		if strings.HasPrefix(r.Path, "/api/") && r.Method != "GET" {
			if _, ok := jsonFields[r.Pattern]; !ok {
				missing = append(missing, r.Pattern)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("JSON routes with no field list in jsonFields (add them): %v", missing)
	}
	for _, r := range routes {
		h.attack(r, inputs)
	}
	h.files(routes)
	h.report()
	t.Logf("corpus %d inputs; sent %d of them to every route", len(corpus), len(inputs))
}

func newHostile(t *testing.T) *hostile {
	// A small fixture rather than the demo, which takes minutes to load on a busy machine: a
	// department with an officer, an administrator, a published entry and an application.
	e := baseEnv(t)
	b := newBody(t, e, "sy-fgw", 0)
	xxgk(t, e, "user", "create", "--username", "admin", "--role", "admin", "--password", "xxgk-admin-hostile")
	srv := serve(t, e, true)
	if _, _, err := publishErr(srv.URL, b, 1); err != nil {
		t.Fatal(err)
	}
	code, app, err := call("POST", srv.URL+"/api/v1/applications", "", applicant(b.Code, 1))
	if err != nil || code != http.StatusCreated {
		t.Fatalf("application: %d %v %v", code, app, err)
	}
	h := &hostile{t: t, srv: srv, db: dbtest.Open(t, e["XXGK_DATABASE_URL"]), tried: map[string]int{}, fives: map[string]int{},
		noFollow: &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	token := strings.TrimSpace(xxgk(t, e, "token", "create", "--username", "admin", "--name", "hostile"))
	h.token = token[strings.LastIndex(token, "\n")+1:]
	resp, err := h.noFollow.PostForm(srv.URL+"/signin", url.Values{"username": {"admin"}, "password": {"xxgk-admin-hostile"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Value != "" {
			h.cookie = c.Name + "=" + c.Value
		}
	}
	if h.cookie == "" {
		t.Fatalf("admin sign-in: %d, no session cookie", resp.StatusCode)
	}
	one := func(q string) string {
		var s string
		if err := h.db.Get(&s, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return s
	}
	h.valid = map[string]string{
		"code": "sy-fgw", "tracking_no": fmt.Sprint(app["tracking_no"]), "year": "2025", "n": "1", "id": "999999", "name": "file.pdf",
		"entry":      one(`SELECT e.id::text FROM entries e JOIN bodies b ON b.id = e.body_id WHERE b.code = 'sy-fgw' AND e.status = 'published' ORDER BY e.id LIMIT 1`),
		"column":     one(`SELECT c.code FROM columns c JOIN bodies b ON b.id = c.body_id WHERE b.code = 'sy-fgw' ORDER BY c.id DESC LIMIT 1`),
		"attachment": one(`SELECT coalesce(max(id), 1)::text FROM attachments`),
		"appeal":     one(`SELECT coalesce(max(id), 1)::text FROM appeals`),
		"app_file":   one(`SELECT coalesce(max(id), 1)::text FROM application_files`),
		"file":       "2025.json",
	}
	h.lastState = h.state()
	return h
}

// state is what a refused request must not change: row counts of what people see and the
// latest change times of what they edit. (The audit log, sessions and tracking failures record
// refusals on purpose; the search outbox drains by itself.)
func (h *hostile) state() string {
	var s string
	if err := h.db.Get(&s, `SELECT concat_ws('/',
		(SELECT count(*) FROM entries), (SELECT sum(version) FROM entries), (SELECT max(updated_at) FROM entries),
		(SELECT count(*) FROM entry_versions), (SELECT count(*) FROM entry_relations), (SELECT count(*) FROM attachments),
		(SELECT count(*) FROM attachments WHERE removed_at IS NOT NULL), (SELECT count(*) FROM columns),
		(SELECT count(*) FROM bodies), (SELECT count(*) FROM users), (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL),
		(SELECT count(*) FROM applications), (SELECT max(updated_at) FROM applications), (SELECT count(*) FROM application_events),
		(SELECT count(*) FROM application_files), (SELECT count(*) FROM appeals), (SELECT count(*) FROM annual_reports),
		(SELECT count(*) FROM calendar_years))`); err != nil {
		h.t.Fatalf("state: %v", err)
	}
	return s
}

// send sends one request and checks the answer: never 5xx, and a refused write changes nothing.
func (h *hostile) send(surface, method, path string, body io.Reader, contentType, what string) {
	req, err := http.NewRequest(method, h.srv.URL+path, body)
	if err != nil {
		// A path Go cannot even put on the wire is not an attack on xxgk.
		return
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	signOut := strings.Contains(path, "signout")
	switch {
	case signOut:
	case strings.HasPrefix(path, "/api/"):
		req.Header.Set("Authorization", "Bearer "+h.token)
	default:
		req.Header.Set("Cookie", h.cookie)
	}
	resp, err := h.noFollow.Do(req)
	h.tried[surface]++
	if err != nil {
		h.fail(fmt.Sprintf("%s %s (%s): no answer: %v", method, path, what, err))
		return
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if problem := headerProblem(resp.Header); problem != "" {
		h.fail(fmt.Sprintf("%s %s (%s): %d: %s", method, short(path, 200), what, resp.StatusCode, problem))
	}
	if resp.StatusCode >= 500 {
		h.fives[surface]++
		h.fail(fmt.Sprintf("%s %s (%s): %d %s", method, short(path, 200), what, resp.StatusCode, short(string(raw), 300)))
	}
	if method == "GET" {
		return
	}
	now := h.state()
	if resp.StatusCode >= 400 && now != h.lastState {
		h.partial++
		h.fail(fmt.Sprintf("%s %s (%s): refused with %d but the database changed: %s → %s", method, short(path, 200), what, resp.StatusCode, h.lastState, now))
	}
	h.lastState = now
}

// headerProblem checks the security headers every answer carries, error pages included: a CSP
// that allows no inline script and no framing, nosniff and a referrer policy.
func headerProblem(hd http.Header) string {
	csp := hd.Get("Content-Security-Policy")
	switch {
	case csp == "":
		return "no Content-Security-Policy"
	case !strings.Contains(csp, "frame-ancestors 'none'"):
		return "CSP without frame-ancestors 'none': " + csp
	case strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") ||
		!strings.Contains(csp, "script-src 'self'") && !(strings.Contains(csp, "default-src 'none'") && !strings.Contains(csp, "script-src")):
		return "CSP allows inline or foreign scripts: " + csp
	case hd.Get("X-Content-Type-Options") != "nosniff":
		return "no X-Content-Type-Options: nosniff"
	case hd.Get("Referrer-Policy") == "":
		return "no Referrer-Policy"
	}
	return ""
}

func (h *hostile) fail(msg string) {
	if len(h.failures) < 40 {
		h.failures = append(h.failures, msg)
	}
}

func short(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)(\.\.\.)?\}`)

// fill puts real path values in, except param, which gets v.
func (h *hostile) fill(path, param, v string) string {
	path = strings.TrimSuffix(path, "{$}")
	return pathParam.ReplaceAllStringFunc(path, func(m string) string {
		name := pathParam.FindStringSubmatch(m)[1]
		if name == param {
			return url.PathEscape(v)
		}
		return h.valid[name]
	})
}

func (h *hostile) attack(r webRoute, inputs []string) {
	surface := "pages and forms"
	if strings.HasPrefix(r.Path, "/api/") {
		surface = "JSON API"
	}
	params := pathParam.FindAllStringSubmatch(r.Path, -1)
	plain := h.fill(r.Path, "", "")
	for _, in := range inputs {
		for _, p := range params {
			h.send(surface, r.Method, h.fill(r.Path, p[1], in), h.bodyFor(r, in), h.typeFor(r), "path value "+p[1])
		}
		q := url.Values{}
		for _, f := range formFields {
			q.Set(f, in)
		}
		if r.Method == "GET" {
			h.send(surface, r.Method, plain+"?"+q.Encode(), nil, "", "query")
			continue
		}
		if strings.HasPrefix(r.Path, "/api/") {
			fields := jsonFields[r.Pattern]
			for _, set := range [][]string{fields.text, fields.dates} {
				if len(set) == 0 {
					continue
				}
				obj := map[string]any{}
				for _, f := range set {
					obj[f] = in
				}
				j, _ := json.Marshal(obj)
				h.send(surface, r.Method, plain, bytes.NewReader(j), "application/json", "JSON fields")
			}
			h.send(surface, r.Method, plain, strings.NewReader(in), "application/json", "raw JSON body")
			continue
		}
		h.send(surface, r.Method, plain, strings.NewReader(q.Encode()), "application/x-www-form-urlencoded", "form fields")
		body, ct := multipartOf(q, in, []byte("沈阳市政府信息公开\n"))
		h.send("uploads and imports", r.Method, plain, body, ct, "multipart fields and file name")
	}
	if r.Method != "GET" {
		// Oversized, and the wrong content type.
		if full() {
			big := bytes.Repeat([]byte("a"), 8<<20)
			h.send(surface, r.Method, plain, bytes.NewReader(big), h.typeFor(r), "8 MiB body")
		}
		h.send(surface, r.Method, plain, strings.NewReader(`<?xml version="1.0"?><title>x</title>`), "text/xml", "wrong content type")
		h.send(surface, r.Method, plain, strings.NewReader(`{"title":"x"}`), "application/x-www-form-urlencoded", "JSON as a form")
		h.send(surface, r.Method, plain, strings.NewReader("--x\r\nbroken"), "multipart/form-data; boundary=x", "broken multipart")
		h.send(surface, r.Method, plain, strings.NewReader("--x\r\nbroken"), "multipart/form-data", "multipart without boundary")
	}
}

func (h *hostile) bodyFor(r webRoute, in string) io.Reader {
	if r.Method == "GET" {
		return nil
	}
	if strings.HasPrefix(r.Path, "/api/") {
		return strings.NewReader("{}")
	}
	return strings.NewReader("")
}

func (h *hostile) typeFor(r webRoute) string {
	switch {
	case r.Method == "GET":
		return ""
	case strings.HasPrefix(r.Path, "/api/"):
		return "application/json"
	}
	return "application/x-www-form-urlencoded"
}

// multipartOf is a multipart form of fields with the file as "file" and "files", named name.
func multipartOf(fields url.Values, name string, file []byte) (io.Reader, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "file" {
			continue
		}
		_ = mw.WriteField(k, fields.Get(k))
	}
	for _, field := range []string{"file", "files"} {
		fw, _ := mw.CreateFormFile(field, name)
		_, _ = fw.Write(file)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// files sends the hostile files (testdata/hostile/files) and an oversized upload to every
// route that takes a file, and to the catalog import on the command line.
func (h *hostile) files(routes []webRoute) {
	names, _ := filepath.Glob("testdata/hostile/files/*")
	if len(names) < 10 {
		h.t.Fatalf("only %d hostile files", len(names))
	}
	var uploads []webRoute
	for _, r := range routes {
		if r.Method == "POST" && (strings.Contains(r.Path, "attachments") && !strings.Contains(r.Path, "remove") ||
			strings.HasSuffix(r.Path, "/import") || r.Path == "/console/calendar" || strings.HasSuffix(r.Path, "/files") || r.Path == "/apply") {
			uploads = append(uploads, r)
		}
	}
	if len(uploads) < 6 {
		h.t.Fatalf("found only %d upload routes: %v", len(uploads), uploads)
	}
	fields := url.Values{"body": {"sy-fgw"}, "tracking_no": {h.valid["tracking_no"]}, "applicant_type": {"person"}}
	for i, r := range uploads {
		if !full() && i > 0 && !strings.HasSuffix(r.Path, "/import") {
			continue // make test: the files go to the import form only
		}
		for _, n := range names {
			data, err := os.ReadFile(n)
			if err != nil {
				h.t.Fatal(err)
			}
			body, ct := multipartOf(fields, filepath.Base(n), data)
			h.send("uploads and imports", r.Method, h.fill(r.Path, "", ""), body, ct, "file "+filepath.Base(n))
		}
		if full() {
			body, ct := multipartOf(fields, "big.pdf", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 51<<20)...))
			h.send("uploads and imports", r.Method, h.fill(r.Path, "", ""), body, ct, "51 MiB upload")
		}
	}
	// The command line: every file is imported or refused with the problems listed (exit 1),
	// never a crash, and a refused file adds nothing.
	e := env{"XXGK_DATABASE_URL": h.srvEnv("XXGK_DATABASE_URL"), "XXGK_MEILI_URL": os.Getenv("XXGK_TEST_MEILI_URL"),
		"XXGK_MEILI_KEY": os.Getenv("XXGK_TEST_MEILI_KEY"), "XXGK_DATA_DIR": h.t.TempDir(), "XXGK_LOG_LEVEL": "warn"}
	for _, n := range names {
		before := h.state()
		cmd := exec.Command(binary(h.t), "import", "catalog", "--body", "sy-fgw", n)
		cmd.Env = e.list()
		out, err := cmd.CombinedOutput()
		h.tried["command-line import"]++
		code := 0
		if x, ok := err.(*exec.ExitError); ok {
			code = x.ExitCode()
		} else if err != nil {
			h.t.Fatal(err)
		}
		switch {
		case code != 0 && code != 1:
			h.fives["command-line import"]++
			h.fail(fmt.Sprintf("xxgk import catalog %s: exit %d\n%s", filepath.Base(n), code, short(string(out), 500)))
		case code == 1 && h.state() != before:
			h.partial++
			h.fail(fmt.Sprintf("xxgk import catalog %s: refused but rows changed", filepath.Base(n)))
		case code == 1 && !bytes.Contains(out, []byte("row")) && !bytes.Contains(out, []byte("file")) && !bytes.Contains(out, []byte("文件")):
			h.fail(fmt.Sprintf("xxgk import catalog %s: refused without saying why: %s", filepath.Base(n), short(string(out), 300)))
		}
		h.lastState = h.state()
	}
}

func (h *hostile) srvEnv(k string) string {
	for _, kv := range h.srv.cmd.Env {
		if strings.HasPrefix(kv, k+"=") {
			return strings.TrimPrefix(kv, k+"=")
		}
	}
	return ""
}

func (h *hostile) report() {
	surfaces := make([]string, 0, len(h.tried))
	for s := range h.tried {
		surfaces = append(surfaces, s)
	}
	sort.Strings(surfaces)
	for _, s := range surfaces {
		recordInputs(h.t, s, h.tried[s], h.fives[s])
	}
	for _, f := range h.failures {
		h.t.Error(f)
	}
	if h.partial > 0 {
		h.t.Errorf("%d refused requests changed the database", h.partial)
	}
}

// readLines is bufio over a file, for the browser check's payloads.
func readLines(t *testing.T, file string) []string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, `"`) {
			out = append(out, l)
		}
	}
	return out
}
