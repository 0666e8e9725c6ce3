package requests

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/database/dbtest"
)

var importToday = calendar.MustParseDate("2026-06-01")

func importSetup(t *testing.T) (*sqlx.DB, *Importer) {
	t.Helper()
	db := dbtest.New(t)
	bs := bodies.NewStore(db)
	for _, nb := range []bodies.NewBody{
		{Code: "sy", Name: "沈阳市人民政府", OrgCode: "000014349"},
		{Code: "sy-fgw", Name: "沈阳市发展和改革委员会", OrgCode: "01527918X", Parent: "sy"},
	} {
		if _, err := bs.Create(context.Background(), audit.CLI("test"), nb); err != nil {
			t.Fatal(err)
		}
	}
	return db, NewImporter(db)
}

const appsHeader = "申请编号,申请人类型,申请人,收到日期,申请内容,办理结果,答复日期\n"

func importApps(t *testing.T, im *Importer, body, name, content string, dry bool) (ImportResult, error) {
	t.Helper()
	return im.ImportApplications(context.Background(), audit.CLI("test"), body, name, strings.NewReader(content),
		ImportOptions{DryRun: dry, Today: importToday})
}

func importAppeals(t *testing.T, im *Importer, body, name, content string, dry bool) (ImportResult, error) {
	t.Helper()
	return im.ImportAppeals(context.Background(), audit.CLI("test"), body, name, strings.NewReader(content),
		ImportOptions{DryRun: dry, Today: importToday})
}

func problemStrings(t *testing.T, err error) []string {
	t.Helper()
	var ie *ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v, want an *ImportError", err)
	}
	var out []string
	for _, p := range ie.Problems {
		out = append(out, p.String())
	}
	return out
}

func count(t *testing.T, db *sqlx.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.Get(&n, query, args...); err != nil {
		t.Fatal(err)
	}
	return n
}

type storedApp struct {
	TrackingNo  string            `db:"tracking_no"`
	Year        int               `db:"year"`
	Serial      int               `db:"serial"`
	Type        string            `db:"applicant_type"`
	Name        string            `db:"applicant_name"`
	Received    calendar.Date     `db:"received_on"`
	Description string            `db:"description"`
	Status      string            `db:"status"`
	Outcome     *string           `db:"outcome"`
	Answered    calendar.NullDate `db:"answered_on"`
	Due         calendar.NullDate `db:"due_on"`
	Channel     string            `db:"channel"`
	Source      string            `db:"source"`
	CodeHash    []byte            `db:"query_code_hash"`
}

func storedApps(t *testing.T, db *sqlx.DB) []storedApp {
	t.Helper()
	var apps []storedApp
	if err := db.Select(&apps, `SELECT tracking_no, year, serial, applicant_type, applicant_name, received_on, description,
		status, outcome, answered_on, due_on, channel, source, query_code_hash FROM applications ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	return apps
}

// TestImportApplications imports concluded and open applications with kept and generated
// tracking numbers, and checks every column written.
func TestImportApplications(t *testing.T) {
	db, im := importSetup(t)
	file := "沈阳市发展和改革委员会依申请公开台账（2025年）\n" + appsHeader +
		"YSQ-2025-SY-FGW-000031,自然人,张三,2025-03-03,2024年度项目清单,予以公开,2025-03-20\n" +
		"沈发改依〔2025〕7号,商业企业,沈阳某某科技有限公司,2025/4/1,企业扶持资金名单,（二）部分公开（区分处理的，只计这一情形，不计其他情形）,2025年4月25日\n" +
		",自然人,李四,2025-05-06,某企业的环评材料,4.保护第三方合法权益,2025-05-30\n" +
		"\n" + // a blank row is skipped, not a problem
		",法律服务机构,辽宁某律师事务所,2025-06-02,收费文件,abandoned_fee_unpaid,2025-07-15\n" +
		"ysq-2025-sy-fgw-000002,其他,某协会,2025-12-15,年度工作计划,,\n" +
		",自然人,王五,2025-12-22,规划文件,,\n"
	res, err := importApps(t, im, "sy-fgw", "台账.csv", file, true)
	if err != nil {
		t.Fatal(err)
	}
	want := ImportResult{DryRun: true, Rows: 6, Concluded: 4, Open: 2, Generated: 3}
	if res != want {
		t.Errorf("dry run = %+v, want %+v", res, want)
	}
	if n := count(t, db, `SELECT count(*) FROM applications`); n != 0 {
		t.Fatalf("dry run wrote %d applications", n)
	}

	res, err = importApps(t, im, "sy-fgw", "台账.csv", file, false)
	if err != nil {
		t.Fatal(err)
	}
	want.DryRun = false
	if res != want {
		t.Errorf("import = %+v, want %+v", res, want)
	}
	apps := storedApps(t, db)
	if len(apps) != 6 {
		t.Fatalf("%d applications", len(apps))
	}
	type row struct {
		no, typ, name, received, status, outcome, answered string
		serial                                             int
	}
	wantRows := []row{
		// Kept numbers of xxgk's pattern keep their serials (the lower-case one is normalised);
		// generated numbers take the free serials from 1 in file order; the number kept from
		// another system takes the next serial after them.
		{"YSQ-2025-SY-FGW-000031", "person", "张三", "2025-03-03", "answered", "disclosed", "2025-03-20", 31},
		{"沈发改依〔2025〕7号", "company", "沈阳某某科技有限公司", "2025-04-01", "answered", "partly_disclosed", "2025-04-25", 5},
		{"YSQ-2025-SY-FGW-000001", "person", "李四", "2025-05-06", "answered", "third_party_rights", "2025-05-30", 1},
		{"YSQ-2025-SY-FGW-000003", "legal_services", "辽宁某律师事务所", "2025-06-02", "closed", "abandoned_fee_unpaid", "2025-07-15", 3},
		{"YSQ-2025-SY-FGW-000002", "other", "某协会", "2025-12-15", "in_progress", "", "", 2},
		{"YSQ-2025-SY-FGW-000004", "person", "王五", "2025-12-22", "in_progress", "", "", 4},
	}
	cal, err := calendar.Current(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range wantRows {
		a := apps[i]
		outcome, answered := "", ""
		if a.Outcome != nil {
			outcome = *a.Outcome
		}
		if a.Answered.Valid {
			answered = a.Answered.Date.String()
		}
		got := row{a.TrackingNo, a.Type, a.Name, a.Received.String(), a.Status, outcome, answered, a.Serial}
		if got != w {
			t.Errorf("application %d = %+v, want %+v", i, got, w)
		}
		if a.Year != 2025 || a.Channel != "import" || a.Source != "import" || !bytes.HasPrefix(a.CodeHash, []byte("$argon2id$v=19$m=8192,t=2,p=1$")) {
			t.Errorf("application %d: year %d channel %s source %s hash %d bytes", i, a.Year, a.Channel, a.Source, len(a.CodeHash))
		}
		if w.status == "in_progress" {
			dl, err := ComputeDeadline(cal, DefaultClockPolicy(), a.Received, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Due.Valid || a.Due.Date != dl.Due {
				t.Errorf("application %d due %v, want %s", i, a.Due, dl.Due)
			}
		} else if a.Due.Valid {
			t.Errorf("application %d: concluded with a due date %s", i, a.Due.Date)
		}
	}
	if bytes.Equal(apps[0].CodeHash, apps[1].CodeHash) {
		t.Error("query code hashes are not random")
	}
	// 2025-12-15 + 20 WD: 12 in December, 1–3 January off, Sunday 4 January a make-up workday.
	if got := apps[4].Due.Date.String(); got != "2026-01-13" {
		t.Errorf("due %s, want 2026-01-13", got)
	}
	// The counter moved past the kept serial: the body's next 2025 application is 000032.
	if n := count(t, db, `SELECT last FROM application_counters c JOIN bodies b ON b.id = c.body_id WHERE b.code = 'sy-fgw' AND year = 2025`); n != 31 {
		t.Errorf("counter = %d, want 31", n)
	}
	if n := count(t, db, `SELECT count(*) FROM application_events e JOIN applications a ON a.id = e.application_id
		WHERE kind = 'imported' AND on_date = a.received_on AND NOT public AND data->>'file' = '台账.csv'`); n != 6 {
		t.Errorf("%d imported events, want 6", n)
	}
	if n := count(t, db, `SELECT count(*) FROM application_events`); n != 6 {
		t.Errorf("%d events in all, want 6", n)
	}
	var changes string
	if err := db.Get(&changes, `SELECT changes::text FROM audit_events WHERE action = 'application.import' AND body = 'sy-fgw' AND target = 'body:sy-fgw'`); err != nil {
		t.Fatal(err)
	}
	if want := `{"file": "台账.csv", "open": 2, "concluded": 4, "applications": 6, "generated_tracking_nos": 3}`; changes != want {
		t.Errorf("audit changes %s, want %s", changes, want)
	}

	// Importing the same file again: every kept number is taken now.
	_, err = importApps(t, im, "sy-fgw", "台账.csv", file, false)
	wantProblems := []string{
		`row 3, column 申请编号: "YSQ-2025-SY-FGW-000031" is already taken by an application in xxgk`,
		`row 4, column 申请编号: "沈发改依〔2025〕7号" is already taken by an application in xxgk`,
		`row 8, column 申请编号: "YSQ-2025-SY-FGW-000002" is already taken by an application in xxgk`,
	}
	if got := problemStrings(t, err); strings.Join(got, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
	}
	if n := count(t, db, `SELECT count(*) FROM applications`); n != 6 {
		t.Errorf("%d applications after the refused import", n)
	}
}

// TestImportApplicationsProblems: a dry run lists every problem of every row, with exact
// messages, in file order; the real run lists the same and writes nothing.
func TestImportApplicationsProblems(t *testing.T) {
	db, im := importSetup(t)
	file := appsHeader +
		",,张三,2025-03-03,项目清单,予以公开,2025-03-20\n" + // 2
		"A-1,个人,李四,2025-02-30,项目清单,已办结,2025-03-20\n" + // 3
		"A-1,自然人,,2026-07-01,,,2025-03-20\n" + // 4
		"A 2,自然人,王五,2025-03-03,项目清单,予以公开,\n" + // 5
		",自然人,赵六,2025-03-03,项目清单,4.保护第三方合法权益,2025-03-01\n" + // 6
		",自然人,钱七,20250303,项目清单,,\n" + // 7
		",自然人,孙八,2025-03-03,项目清单,（一）予以公开,2025-03-21\n" + // 8: good
		"YSQ-2025-HP-000001,自然人,周九,2025-03-03,项目清单,,\n" + // 9
		"YSQ-2026-SY-FGW-000010,自然人,吴十,2025-03-03,项目清单,,\n" // 10
	wantProblems := []string{
		"row 2, column 申请人类型: required",
		`row 3, column 申请编号: duplicate 申请编号 "A-1", also in row 4`,
		`row 3, column 申请人类型: "个人" is not 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构 or 其他`,
		`row 3, column 收到日期: "2025-02-30" is not a day of the calendar`,
		`row 3, column 办理结果: "已办结" is not an outcome: write a row of table 三 such as （一）予以公开 or 4.保护第三方合法权益, the same without its number, or an outcome code such as disclosed`,
		`row 4, column 申请编号: duplicate 申请编号 "A-1", also in row 3`,
		"row 4, column 申请人: required",
		"row 4, column 收到日期: 2026-07-01 is in the future",
		"row 4, column 申请内容: required",
		"row 4, column 办理结果: required when 答复日期 is given (leave both empty for an application still open)",
		`row 5, column 申请编号: "A 2" has spaces in it`,
		"row 5, column 答复日期: required when 办理结果 is given (leave both empty for an application still open)",
		"row 6, column 答复日期: 2025-03-01 is before 收到日期 2025-03-03",
		`row 7, column 收到日期: "20250303" is not a date (write 2025-12-15)`,
		`row 9, column 申请编号: "YSQ-2025-HP-000001" has the form of xxgk's numbers of another body (HP): leave 申请编号 empty and xxgk numbers the application`,
		`row 10, column 申请编号: "YSQ-2026-SY-FGW-000010" has the year 2026 but 收到日期 is in 2025`,
	}
	for _, dry := range []bool{true, false} {
		_, err := importApps(t, im, "sy-fgw", "bad.csv", file, dry)
		got := problemStrings(t, err)
		if strings.Join(got, "\n") != strings.Join(wantProblems, "\n") {
			t.Errorf("dry %v: problems:\n%s\nwant:\n%s", dry, strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
		}
	}
	// All or nothing: the good row 8 was not imported either, no counter moved, nothing audited.
	for _, q := range []string{`SELECT count(*) FROM applications`, `SELECT count(*) FROM application_events`,
		`SELECT count(*) FROM application_counters`, `SELECT count(*) FROM audit_events WHERE action = 'application.import'`} {
		if n := count(t, db, q); n != 0 {
			t.Errorf("%s = %d after a refused import", q, n)
		}
	}

	for _, tc := range []struct{ name, file, want string }{
		{"missing.csv", "申请编号,申请人,收到日期\nA,张三,2025-01-02\n", "file: missing required columns 申请人类型, 申请内容"},
		{"unknown.csv", "申请人类型,申请人,收到日期,申请内容,联系电话\n自然人,张三,2025-01-02,x,123\n", "file: unknown columns 联系电话 (known: 申请编号, 申请人类型, 申请人, 收到日期, 申请内容, 办理结果, 答复日期)"},
		{"empty.csv", "", "file: the file is empty: no header row"},
		{"noheader.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n", "file: no header row in the first 5 rows: the header names the columns (申请编号, 申请人类型, 申请人, 收到日期, 申请内容, 办理结果, 答复日期)"},
		{"old.xls", "\xd0\xcf\x11\xe0rest", "file: old Excel format (.xls): save the file as .xlsx or CSV"},
	} {
		_, err := importApps(t, im, "sy-fgw", tc.name, tc.file, true)
		if got := problemStrings(t, err); len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if _, err := importApps(t, im, "nobody", "x.csv", appsHeader, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown body: %v", err)
	}
}

// TestImportEveryOutcomeForm: 办理结果 accepts every row of table 三 as printed, without its
// number, and the outcome code, and the loose spellings of older systems.
func TestImportEveryOutcomeForm(t *testing.T) {
	type form struct {
		text string
		want Outcome
	}
	var forms []form
	for _, info := range Outcomes() {
		forms = append(forms, form{info.Row(), info.Outcome}, form{info.Label, info.Outcome}, form{string(info.Outcome), info.Outcome})
	}
	forms = append(forms,
		form{"部分公开", OutcomePartlyDisclosed}, form{"（二）部分公开", OutcomePartlyDisclosed},
		form{"(一)予以公开", OutcomeDisclosed}, form{" 4、保护第三方合法权益 ", OutcomeThirdPartyRights},
		form{"（三）4.保护第三方合法权益", OutcomeThirdPartyRights}, form{"危及三安全一稳定", OutcomeSecurityStability},
		form{"1．本机关不掌握相关政府信息", OutcomeNotHeld}, form{"Disclosed", OutcomeDisclosed},
	)
	for _, f := range forms {
		if got, err := ParseImportOutcome(f.text); err != nil || got != f.want {
			t.Errorf("ParseImportOutcome(%q) = %q, %v; want %q", f.text, got, err, f.want)
		}
	}
	for _, bad := range []string{"", "公开", "（七）其他", "9.其他"} {
		if o, err := ParseImportOutcome(bad); err == nil {
			t.Errorf("ParseImportOutcome(%q) = %q, want an error", bad, o)
		}
	}

	// Through a real import: every form lands as its outcome.
	db, im := importSetup(t)
	var b strings.Builder
	b.WriteString(appsHeader)
	for _, f := range forms {
		b.WriteString(",自然人,张三,2025-03-03,项目清单,\"" + f.text + "\",2025-03-20\n")
	}
	if _, err := importApps(t, im, "sy-fgw", "forms.csv", b.String(), false); err != nil {
		t.Fatal(err)
	}
	apps := storedApps(t, db)
	if len(apps) != len(forms) {
		t.Fatalf("%d applications, want %d", len(apps), len(forms))
	}
	for i, f := range forms {
		if apps[i].Outcome == nil || Outcome(*apps[i].Outcome) != f.want {
			t.Errorf("%q stored as %v, want %s", f.text, apps[i].Outcome, f.want)
		}
		wantStatus := "answered"
		if f.want == OutcomeAbandonedNoCorrection || f.want == OutcomeAbandonedFeeUnpaid {
			wantStatus = "closed"
		}
		if apps[i].Status != wantStatus {
			t.Errorf("%q: status %s, want %s", f.text, apps[i].Status, wantStatus)
		}
	}
}

// TestImportAppeals links appeals to applications by 申请编号, accepts the labels of table 四,
// and reports unknown or foreign 申请编号 and inconsistent results.
func TestImportAppeals(t *testing.T) {
	db, im := importSetup(t)
	if _, err := importApps(t, im, "sy-fgw", "apps.csv", appsHeader+
		"2025-0031,自然人,张三,2025-03-03,项目清单,4.保护第三方合法权益,2025-03-20\n"+
		"2025-0032,自然人,李四,2025-03-10,规划文件,本机关不掌握相关政府信息,2025-03-28\n", false); err != nil {
		t.Fatal(err)
	}
	if _, err := importApps(t, im, "sy", "apps.csv", appsHeader+"SY-1,自然人,王五,2025-03-03,文件,予以公开,2025-03-20\n", false); err != nil {
		t.Fatal(err)
	}
	header := "申请编号,类型,结果,收到日期,审结日期,备注\n"
	bad := header +
		"2025-0099,行政复议,结果维持,2025-04-01,2025-05-20,\n" + // 2 unknown
		"SY-1,行政复议,结果维持,2025-04-01,2025-05-20,\n" + // 3 another body's
		"2025-0031,行政诉讼,结果维持,2025-04-01,2025-05-20,\n" + // 4 ambiguous kind
		"2025-0031,行政复议,撤销,2025-04-01,2025-05-20,\n" + // 5 bad result
		"2025-0031,行政复议,结果纠正,2025-04-01,,\n" + // 6 concluded without date
		",复议后起诉,尚未审结,2025-04-01,2025-05-20,\n" + // 7 pending with a date
		"2025-0031,行政复议,,2025-03-01,,\n" + // 8 filed before the application was received
		",未经复议直接起诉,其他结果,2025-06-01,2025-05-20,\n" + // 9 concluded before filed
		",行政复议,结果维持,,2025-05-20,\n" // 10 no filing date
	wantProblems := []string{
		`row 2, column 申请编号: no application "2025-0099" in 沈阳市发展和改革委员会 (import the applications first)`,
		`row 3, column 申请编号: application "SY-1" belongs to another body, not 沈阳市发展和改革委员会`,
		`row 4, column 类型: "行政诉讼" is not 行政复议, 未经复议直接起诉 or 复议后起诉`,
		`row 5, column 结果: "撤销" is not 结果维持, 结果纠正, 其他结果 or 尚未审结`,
		"row 6, column 审结日期: required when 结果 is given",
		"row 7, column 审结日期: must be empty while the case is 尚未审结 (or give its 结果)",
		"row 8, column 收到日期: 2025-03-01 is before the application's 收到日期 2025-03-03",
		"row 9, column 审结日期: 2025-05-20 is before 收到日期 2025-06-01",
		"row 10, column 收到日期: required",
	}
	for _, dry := range []bool{true, false} {
		_, err := importAppeals(t, im, "sy-fgw", "appeals.csv", bad, dry)
		if got := problemStrings(t, err); strings.Join(got, "\n") != strings.Join(wantProblems, "\n") {
			t.Errorf("dry %v: problems:\n%s\nwant:\n%s", dry, strings.Join(got, "\n"), strings.Join(wantProblems, "\n"))
		}
	}
	if n := count(t, db, `SELECT count(*) FROM appeals`); n != 0 {
		t.Fatalf("%d appeals written by refused imports", n)
	}

	good := header +
		"2025-0031,行政复议,结果维持,2025-04-01,2025-05-20,复议维持\n" +
		"2025-0032,复议后起诉,纠正,2025-06-01,2025/9/30,\n" +
		",未经复议直接起诉,尚未审结,2025-11-03,,\n" +
		",lawsuit,,2025-12-01,,\n"
	res, err := importAppeals(t, im, "sy-fgw", "appeals.csv", good, true)
	if want := (ImportResult{DryRun: true, Rows: 4, Linked: 2, Pending: 2}); err != nil || res != want {
		t.Fatalf("dry run = %+v, %v; want %+v", res, err, want)
	}
	if n := count(t, db, `SELECT count(*) FROM appeals`); n != 0 {
		t.Fatalf("dry run wrote %d appeals", n)
	}
	res, err = importAppeals(t, im, "sy-fgw", "appeals.csv", good, false)
	if want := (ImportResult{Rows: 4, Linked: 2, Pending: 2}); err != nil || res != want {
		t.Fatalf("import = %+v, %v; want %+v", res, err, want)
	}
	type stored struct {
		TrackingNo string            `db:"tracking_no"`
		Kind       string            `db:"kind"`
		Result     string            `db:"result"`
		Filed      calendar.Date     `db:"filed_on"`
		Concluded  calendar.NullDate `db:"concluded_on"`
		Note       string            `db:"note"`
		Source     string            `db:"source"`
	}
	var got []stored
	if err := db.Select(&got, `SELECT COALESCE(a.tracking_no, '') AS tracking_no, p.kind, p.result, p.filed_on, p.concluded_on, p.note, p.source
		FROM appeals p JOIN bodies b ON b.id = p.body_id LEFT JOIN applications a ON a.id = p.application_id
		WHERE b.code = 'sy-fgw' ORDER BY p.id`); err != nil {
		t.Fatal(err)
	}
	d := func(s string) calendar.NullDate {
		return calendar.NullDate{Date: calendar.MustParseDate(s), Valid: true}
	}
	want := []stored{
		{"2025-0031", "review", "upheld", calendar.MustParseDate("2025-04-01"), d("2025-05-20"), "复议维持", "import"},
		{"2025-0032", "lawsuit_after_review", "corrected", calendar.MustParseDate("2025-06-01"), d("2025-09-30"), "", "import"},
		{"", "lawsuit", "pending", calendar.MustParseDate("2025-11-03"), calendar.NullDate{}, "", "import"},
		{"", "lawsuit", "pending", calendar.MustParseDate("2025-12-01"), calendar.NullDate{}, "", "import"},
	}
	if len(got) != len(want) {
		t.Fatalf("appeals %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("appeal %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := count(t, db, `SELECT count(*) FROM audit_events WHERE action = 'appeal.import' AND body = 'sy-fgw'`); n != 1 {
		t.Errorf("%d appeal.import audit events", n)
	}
}

// TestImportXLSXAndTemplates: the templates import as they are (their sample rows are valid,
// the appeals sample links to the applications sample), and XLSX date cells work.
func TestImportXLSXAndTemplates(t *testing.T) {
	db, im := importSetup(t)
	ctx := context.Background()
	opts := ImportOptions{Today: importToday}
	var apps bytes.Buffer
	if err := WriteImportTemplate(&apps, ImportApplicationsKind); err != nil {
		t.Fatal(err)
	}
	res, err := im.ImportApplications(ctx, audit.CLI("test"), "sy-fgw", "申请模板.xlsx", bytes.NewReader(apps.Bytes()), opts)
	if err != nil || res.Rows != 1 || res.Concluded != 1 {
		t.Fatalf("applications template: %+v, %v", res, err)
	}
	var appeals bytes.Buffer
	if err := WriteImportTemplate(&appeals, ImportAppealsKind); err != nil {
		t.Fatal(err)
	}
	res, err = im.ImportAppeals(ctx, audit.CLI("test"), "sy-fgw", "复议模板.xlsx", bytes.NewReader(appeals.Bytes()), opts)
	if err != nil || res.Rows != 1 || res.Linked != 1 {
		t.Fatalf("appeals template: %+v, %v", res, err)
	}
	for _, kind := range []ImportKind{ImportApplicationsKind, ImportAppealsKind} {
		csvData, err := ImportTemplateCSV(kind)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(csvData, []byte("\ufeff申请编号,")) {
			t.Errorf("%s CSV template starts %q", kind, csvData[:min(40, len(csvData))])
		}
	}
	if err := WriteImportTemplate(&bytes.Buffer{}, "catalog"); err == nil {
		t.Error("no error for an unknown template")
	}

	// An XLSX from another system: a title row, date cells as dates, GBK-free.
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"依申请公开办理情况"},
		{"申请编号", "申请人类型*", "申请人", "收到日期", "申请内容", "办理结果", "答复日期"},
		{"X-1", "自然人", "周九", nil, "项目清单", "（一）予以公开", nil},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for cell, v := range map[string]string{"D3": "2025-08-04", "G3": "2025-08-29"} {
		if err := f.SetCellValue("Sheet1", cell, calendar.MustParseDate(v).Time(calendar.China)); err != nil {
			t.Fatal(err)
		}
		_ = f.SetCellStyle("Sheet1", cell, cell, dateStyle)
	}
	var x bytes.Buffer
	if _, err := f.WriteTo(&x); err != nil {
		t.Fatal(err)
	}
	if _, err := im.ImportApplications(ctx, audit.CLI("test"), "sy-fgw", "old.xlsx", &x, opts); err != nil {
		t.Fatal(err)
	}
	var got storedApp
	if err := db.Get(&got, `SELECT tracking_no, year, serial, applicant_type, applicant_name, received_on, description,
		status, outcome, answered_on, due_on, channel, source, query_code_hash FROM applications WHERE tracking_no = 'X-1'`); err != nil {
		t.Fatal(err)
	}
	if got.Received.String() != "2025-08-04" || got.Answered.Date.String() != "2025-08-29" {
		t.Errorf("XLSX dates: received %s answered %v", got.Received, got.Answered)
	}
}

// TestImportedApplicationsWorkWithTheStore: the store reads imported applications, tracking one
// fails like any wrong code, and an officer can answer a carried-over one with the date it was
// answered on paper.
func TestImportedApplicationsWorkWithTheStore(t *testing.T) {
	db, im := importSetup(t)
	if _, err := importApps(t, im, "sy-fgw", "apps.csv", appsHeader+
		"2025-0031,自然人,张三,2025-03-03,项目清单,予以公开,2025-03-20\n"+
		",自然人,李四,2025-12-22,规划文件,,\n", false); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cal, err := calendar.Current(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	s := NewStore(db, cal, DefaultClockPolicy())
	done, err := s.Get(ctx, "2025-0031")
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != StatusAnswered || done.Outcome != OutcomeDisclosed {
		t.Errorf("imported concluded application: status %s outcome %v", done.Status, done.Outcome)
	}
	if _, err := s.Track(ctx, "2025-0031", "ABCDEFGH", "192.0.2.1"); !errors.Is(err, ErrBadCode) {
		t.Errorf("tracking an imported application: %v, want ErrBadCode", err)
	}
	open, err := s.Get(ctx, "YSQ-2025-SY-FGW-000001")
	if err != nil {
		t.Fatal(err)
	}
	if open.Status != StatusInProgress {
		t.Errorf("imported open application: status %s", open.Status)
	}
	answered, err := s.Act(ctx, audit.CLI("test"), open.TrackingNo, Action{Kind: ActAnswer, On: calendar.MustParseDate("2026-01-09"),
		Outcome: OutcomeNotHeld, AnswerText: "经检索，本机关未制作该信息。"})
	if err != nil {
		t.Fatal(err)
	}
	if answered.Status != StatusAnswered {
		t.Errorf("answered: status %s", answered.Status)
	}
}
