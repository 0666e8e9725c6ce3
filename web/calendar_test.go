package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"xxgk/audit"
	"xxgk/calendar"
)

type deadlineJSON struct {
	From        string `json:"from"`
	Days        int    `json:"days"`
	Due         string `json:"due"`
	Weekday     string `json:"weekday"`
	Provisional bool   `json:"provisional"`
	Explanation []struct {
		Kind  string `json:"kind"`
		Date  string `json:"date"`
		Until string `json:"until"`
		Name  string `json:"name"`
		Text  string `json:"text"`
	} `json:"explanation"`
}

func getDeadline(t *testing.T, s *Server, query string, header ...string) deadlineJSON {
	t.Helper()
	rec := get(t, s, "/api/v1/calendar/deadline?"+query, header...)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d: %s", query, rec.Code, rec.Body)
	}
	var dl deadlineJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &dl); err != nil {
		t.Fatal(err)
	}
	return dl
}

// stepTexts joins the explanation for substring checks.
func (dl deadlineJSON) stepTexts() string {
	var b strings.Builder
	for _, st := range dl.Explanation {
		b.WriteString(st.Kind + ": " + st.Text + "\n")
	}
	return b.String()
}

func TestDeadlineAPIWorkedExamples(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		query, due string
		steps      []string // fragments the explanation must hold
	}{
		// law.md §5: crosses the Spring Festival; 01-26 and 02-08 are make-up workdays.
		{"from=2025-01-20&days=20", "2025-02-21", []string{
			"start: 起算日 2025-01-20（星期一）当日不计入",
			"day_one: 第 1 个工作日为 2025-01-21（星期二）",
			"makeup_workday: 2025-01-26（星期日）为春节调休上班日",
			"holiday: 跳过春节假期 2025-01-28 至 2025-02-04（其中 6 个周一至周五不计入）",
			"makeup_workday: 2025-02-08（星期六）为春节调休上班日",
			"due: 第 20 个工作日为 2025-02-21（星期五），即期限届满日",
		}},
		{"from=2025-09-22&days=20", "2025-10-24", []string{"跳过国庆节、中秋节假期 2025-10-01 至 2025-10-08", "2025-09-28（星期日）", "2025-10-11（星期六）"}},
		{"from=2026-02-10&days=20", "2026-03-16", []string{"2026-02-14（星期六）为春节调休上班日", "跳过春节假期 2026-02-15 至 2026-02-23", "2026-02-28（星期六）为春节调休上班日"}},
		{"from=2025-01-20&kind=answer", "2025-02-21", []string{"rule: 依申请公开的答复期限为收到申请之日起 20 个工作日"}},
		{"from=2025-01-20&kind=correction", "2025-02-05", []string{"rule: 需要补正的", "第 7 个工作日为 2025-02-05"}},
		{"from=2025-01-20&kind=answer&days=20", "2025-02-21", nil},
		{"from=2025-03-03&days=1", "2025-03-04", []string{"due: 第 1 个工作日为 2025-03-04"}},
	}
	for _, tt := range tests {
		dl := getDeadline(t, s, tt.query)
		if dl.Due != tt.due || dl.Provisional {
			t.Errorf("%s: due %s provisional %v, want %s final", tt.query, dl.Due, dl.Provisional, tt.due)
		}
		text := dl.stepTexts()
		for _, want := range tt.steps {
			if !strings.Contains(text, want) {
				t.Errorf("%s: explanation lacks %q:\n%s", tt.query, want, text)
			}
		}
		if last := dl.Explanation[len(dl.Explanation)-1]; last.Kind != "due" || last.Date != tt.due {
			t.Errorf("%s: last step %+v, want the due date", tt.query, last)
		}
	}

	// The structured fields, and English.
	dl := getDeadline(t, s, "from=2025-01-20&days=20", "Accept-Language", "en-GB,en;q=0.9")
	if dl.Weekday != "Friday" {
		t.Errorf("weekday = %q, want Friday", dl.Weekday)
	}
	var holiday bool
	for _, st := range dl.Explanation {
		if st.Kind == "holiday" && st.Name == "春节" && st.Date == "2025-01-28" && st.Until == "2025-02-04" {
			holiday = true
			if !strings.Contains(st.Text, "Skipped the Spring Festival holiday, 2025-01-28 to 2025-02-04") {
				t.Errorf("English holiday step = %q", st.Text)
			}
		}
	}
	if !holiday {
		t.Errorf("no structured Spring Festival step: %+v", dl.Explanation)
	}
	if text := dl.stepTexts(); !strings.Contains(text, "2025-02-08 (Saturday) is a Spring Festival make-up workday and counts.") ||
		!strings.Contains(text, "Working day 20 is 2025-02-21 (Friday): the due date.") {
		t.Errorf("English explanation:\n%s", text)
	}
}

func TestDeadlineAPIProvisional(t *testing.T) {
	s := newTestServer(t)
	// Far beyond the loaded years: weekends only.
	dl := getDeadline(t, s, "from=2030-03-01&days=20")
	if dl.Due != "2030-03-29" || !dl.Provisional {
		t.Errorf("2030: due %s provisional %v, want 2030-03-29 provisional", dl.Due, dl.Provisional)
	}
	if last := dl.Explanation[len(dl.Explanation)-1]; last.Kind != "provisional" || !strings.Contains(last.Text, "2030 年的节假日安排尚未载入") {
		t.Errorf("last step = %+v", last)
	}
	// Reaching from a loaded year into one that is not.
	dl = getDeadline(t, s, "from=2026-12-20&days=20&lang=en")
	if dl.Due != "2027-01-15" || !dl.Provisional || !strings.Contains(dl.stepTexts(), "The holiday arrangement for 2027 is not loaded yet") {
		t.Errorf("into 2027: %+v", dl)
	}
	// A period inside loaded years is final, even when the question is asked far ahead.
	if dl := getDeadline(t, s, "from=2026-11-02&days=20"); dl.Provisional {
		t.Errorf("2026-11-02 +20 = %s is provisional", dl.Due)
	}
}

func TestDeadlineAPIBadInput(t *testing.T) {
	s := newTestServer(t)
	tests := []struct {
		query, field, zh, en string
	}{
		{"days=20", "from", "请填写起算日期", "Enter the start date"},
		{"from=2025-02-30&days=20", "from", "不是有效日期", "is not a valid date"},
		{"from=20250120&days=20", "from", "不是有效日期", "is not a valid date"},
		{"from=1900-01-01&days=20", "from", "1949 年至 2199 年", "between 1949 and 2199"},
		{"from=2025-01-20", "days", "请填写工作日天数", "Enter the number of working days"},
		{"from=2025-01-20&days=0", "days", "1 至 200", "from 1 to 200"},
		{"from=2025-01-20&days=201", "days", "1 至 200", "from 1 to 200"},
		{"from=2025-01-20&days=twenty", "days", "1 至 200", "from 1 to 200"},
		{"from=2025-01-20&days=-5", "days", "1 至 200", "from 1 to 200"},
		{"from=2025-01-20&kind=appeal", "kind", "未知的期限类型", "Unknown period"},
		{"from=2025-01-20&kind=correction&days=20", "days", "该期限为 7 个工作日", "That period is 7 working days"},
	}
	for _, tt := range tests {
		for _, lang := range []string{"zh", "en"} {
			rec := get(t, s, "/api/v1/calendar/deadline?"+tt.query, "Accept-Language", lang)
			var body apiError
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			want := tt.zh
			if lang == "en" {
				want = tt.en
			}
			if rec.Code != http.StatusBadRequest || body.Error.Code != "invalid" || !strings.Contains(body.Error.Fields[tt.field], want) {
				t.Errorf("%s (%s): %d %s; want 400 with fields.%s mentioning %q", tt.query, lang, rec.Code, rec.Body, tt.field, want)
			}
		}
	}
}

func TestDeadlinePage(t *testing.T) {
	s := newTestServer(t)

	// No question yet: the form, with today and 20 working days filled in.
	rec := get(t, s, "/deadline")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `value="`+calendar.Today().String()+`"`) ||
		!strings.Contains(rec.Body.String(), `name="days" type="number" inputmode="numeric" min="1" max="200" value="20"`) ||
		strings.Contains(rec.Body.String(), `id="deadline-result"`) {
		t.Errorf("empty calculator: %d\n%s", rec.Code, rec.Body)
	}

	// The GET form's answer, explained (works without JavaScript).
	rec = get(t, s, "/deadline?from=2025-01-20&days=20")
	body := rec.Body.String()
	for _, want := range []string{`<strong id="deadline-due">2025-02-21</strong>`, "跳过春节假期 2025-01-28 至 2025-02-04", "2025-02-08（星期六）为春节调休上班日"} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	rec = get(t, s, "/deadline?from=2025-01-20&days=20&lang=en")
	if !strings.Contains(rec.Body.String(), "Skipped the Spring Festival holiday") {
		t.Errorf("English page lacks the Spring Festival step")
	}
	rec = get(t, s, "/deadline?from=2030-03-01&days=20")
	if !strings.Contains(rec.Body.String(), "暂定") {
		t.Errorf("provisional result not marked")
	}

	// Mistakes: 400, the field's message, the values kept and escaped.
	rec = get(t, s, "/deadline?from=%3Cscript%3Ex&days=300")
	body = rec.Body.String()
	if rec.Code != http.StatusBadRequest || !strings.Contains(body, "工作日天数须为 1 至 200 之间的整数") ||
		!strings.Contains(body, `value="300"`) || !strings.Contains(body, "&lt;script&gt;x") || strings.Contains(body, "<script>x") {
		t.Errorf("bad input page: %d\n%s", rec.Code, body)
	}
}

// memCalendar is a CalendarService in memory: what the upload handler does with the service
// is tested here; the PostgreSQL persistence in package calendar and in cmd/xxgk.
type memCalendar struct {
	mu     sync.Mutex
	cal    *calendar.Calendar
	loads  []audit.Actor
	loaded []calendar.LoadedYear
}

func (m *memCalendar) Current() *calendar.Calendar {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cal
}

func (m *memCalendar) Load(ctx context.Context, actor audit.Actor, csv []byte) ([]int, int, error) {
	c, err := calendar.Parse(bytes.NewReader(csv))
	if err != nil {
		return nil, 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cal = m.cal.Merge(c)
	m.loads = append(m.loads, actor)
	for _, y := range c.Years() {
		m.loaded = append(m.loaded, calendar.LoadedYear{Year: y, LoadedBy: actor.Name})
	}
	return c.Years(), 4, nil
}

func (m *memCalendar) LoadedYears(context.Context) ([]calendar.LoadedYear, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.loaded, nil
}

func uploadCalendar(t *testing.T, s *Server, token, csv string) *httptest.ResponseRecorder {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", "2027.csv")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(csv))
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/console/calendar", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

const upload2027 = "date,kind,name\n2026-12-31,holiday,元旦\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-08,holiday,春节\n2027-02-20,workday,春节\n"

func TestCalendarAdminUpload(t *testing.T) {
	s, tokens := accessFixture(t)
	shipped, _ := calendar.Default()
	mem := &memCalendar{cal: shipped}
	s.calendar = mem

	rec := get(t, s, "/console/calendar", "Authorization", "Bearer "+tokens[admin])
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "<th scope=\"row\">2026</th>") ||
		!strings.Contains(body, "系统内置") || !strings.Contains(body, `action="/console/calendar"`) {
		t.Fatalf("calendar page: %d\n%s", rec.Code, body)
	}

	// Officers and auditors may not change the calendar.
	for _, w := range []who{officerHere, auditor} {
		if rec := uploadCalendar(t, s, tokens[w], upload2027); rec.Code != http.StatusForbidden {
			t.Errorf("upload as %s: %d, want 403", w, rec.Code)
		}
	}
	if len(mem.loads) != 0 {
		t.Fatalf("a refused upload reached the service: %+v", mem.loads)
	}

	// A bad row: 422, located, nothing loaded.
	rec = uploadCalendar(t, s, tokens[admin], "date,kind,name\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n")
	if body := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 3 行 date 列：日期须按 年-月-日 填写") ||
		!strings.Contains(body, "2027-02-30") {
		t.Errorf("bad row: %d\n%s", rec.Code, body)
	}
	rec = uploadCalendar(t, s, tokens[admin], "date,kind,name\n2027-01-04,workday,春节\n")
	if body := rec.Body.String(); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 2 行 kind 列：kind 须为 holiday") {
		t.Errorf("workday on a Monday: %d\n%s", rec.Code, body)
	}
	req := httptest.NewRequest(http.MethodPost, "/console/calendar?lang=en", strings.NewReader("x"))
	req.Header.Set("Authorization", "Bearer "+tokens[admin])
	req.Header.Set("Content-Type", "multipart/form-data; boundary=zzz")
	rr := httptest.NewRecorder()
	s.Handler().ServeHTTP(rr, req)
	if rr.Code != http.StatusBadRequest || !strings.Contains(rr.Body.String(), "Choose the holiday arrangement file") &&
		!strings.Contains(rr.Body.String(), "could not be read") {
		t.Errorf("broken form: %d\n%s", rr.Code, rr.Body)
	}

	// A good file: loaded by the administrator, deadlines recomputed, and the public
	// calculator answers with the new year at once.
	if dl := getDeadline(t, s, "from=2027-02-05&days=2"); dl.Due != "2027-02-09" || !dl.Provisional {
		t.Fatalf("before the upload: %+v", dl)
	}
	rec = uploadCalendar(t, s, tokens[admin], upload2027)
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, "已载入 2027 年的节假日安排，已重新计算 4 件未办结申请的答复期限") ||
		!strings.Contains(body, "<th scope=\"row\">2027</th>") || !strings.Contains(body, "admin 于") {
		t.Errorf("upload: %d\n%s", rec.Code, body)
	}
	if len(mem.loads) != 1 || mem.loads[0].Name != "admin" {
		t.Errorf("loads = %+v, want one by admin", mem.loads)
	}
	if dl := getDeadline(t, s, "from=2027-02-05&days=2"); dl.Due != "2027-02-10" || dl.Provisional {
		t.Errorf("after the upload: %+v", dl)
	}
}
