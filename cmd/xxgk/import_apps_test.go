package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/database/dbtest"
)

func TestImportApplicationsAndAppealsCommands(t *testing.T) {
	url := dbtest.NewURL(t)
	if _, _, err := cli(t, url, "migrate"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"body", "create", "--code", "sy", "--name", "沈阳市人民政府", "--org-code", "000014349"},
		{"body", "create", "--code", "sy-fgw", "--name", "沈阳市发展和改革委员会", "--org-code", "01527918X", "--parent", "sy"},
	} {
		if out, errOut, err := cli(t, url, args...); err != nil {
			t.Fatalf("%v: %v\n%s%s", args, err, out, errOut)
		}
	}
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	header := "申请编号,申请人类型,申请人,收到日期,申请内容,办理结果,答复日期\n"
	rows := "2025-0031,自然人,张三,2025-03-03,项目清单,4.保护第三方合法权益,2025-03-20\n" +
		",商业企业,某公司,2025-12-22,规划文件,,\n"
	bad := write("bad.csv", header+rows+",个人,李四,2025-03-03,项目清单,予以公开,\n")
	good := write("good.csv", header+rows)
	db := dbtest.Open(t, url)
	count := func(table string) int {
		t.Helper()
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM `+table); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Every problem on stdout, a non-zero exit, nothing written, with or without --dry-run.
	wantProblems := "row 4, column 申请人类型: \"个人\" is not 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构 or 其他\n" +
		"row 4, column 答复日期: required when 办理结果 is given (leave both empty for an application still open)\n"
	for _, args := range [][]string{
		{"import", "applications", "--body", "sy-fgw", "--dry-run", bad},
		{"import", "applications", bad, "--body", "sy-fgw"},
	} {
		out, errOut, err := cli(t, url, args...)
		var code exitCode
		if !errors.As(err, &code) || code != 1 {
			t.Errorf("%v: error %v, want exit status 1", args, err)
		}
		if out != wantProblems {
			t.Errorf("%v: stdout\n%s\nwant\n%s", args, out, wantProblems)
		}
		if !strings.Contains(errOut, "bad.csv: 2 problems; nothing imported") {
			t.Errorf("%v: stderr %q", args, errOut)
		}
		if n := count("applications"); n != 0 {
			t.Fatalf("%v wrote %d applications", args, n)
		}
	}

	out, errOut, err := cli(t, url, "import", "applications", "--body", "sy-fgw", "--dry-run", good)
	if err != nil || out != "dry run, nothing written: would import 2 applications into sy-fgw: 1 concluded, 1 open (1 numbered by xxgk)\n" {
		t.Fatalf("dry run: %v\n%s%s", err, out, errOut)
	}
	if n := count("applications"); n != 0 {
		t.Fatalf("dry run wrote %d applications", n)
	}
	out, errOut, err = cli(t, url, "import", "applications", "--body", "sy-fgw", good)
	if err != nil || out != "imported 2 applications into sy-fgw: 1 concluded, 1 open (1 numbered by xxgk)\n" {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	var nos []string
	if err := db.Select(&nos, `SELECT tracking_no FROM applications ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if strings.Join(nos, " ") != "2025-0031 YSQ-2025-SY-FGW-000001" {
		t.Errorf("tracking numbers %v", nos)
	}

	// Appeals: linked by 申请编号; an unknown one is reported with its row.
	appealsHeader := "申请编号,类型,结果,收到日期,审结日期\n"
	badAppeals := write("appeals-bad.csv", appealsHeader+"2025-0099,行政复议,结果维持,2025-04-01,2025-05-20\n")
	out, _, err = cli(t, url, "import", "appeals", "--body", "sy-fgw", badAppeals)
	if err == nil || out != "row 2, column 申请编号: no application \"2025-0099\" in 沈阳市发展和改革委员会 (import the applications first)\n" {
		t.Errorf("bad appeals: %v\n%s", err, out)
	}
	goodAppeals := write("appeals.csv", appealsHeader+
		"2025-0031,行政复议,结果维持,2025-04-01,2025-05-20\n"+
		",未经复议直接起诉,尚未审结,2025-11-03,\n")
	out, errOut, err = cli(t, url, "import", "appeals", "--dry-run", "--body", "sy-fgw", goodAppeals)
	if err != nil || out != "dry run, nothing written: would import 2 appeals into sy-fgw: 1 linked to applications, 1 pending\n" {
		t.Fatalf("appeals dry run: %v\n%s%s", err, out, errOut)
	}
	out, errOut, err = cli(t, url, "import", "appeals", "--body", "sy-fgw", goodAppeals)
	if err != nil || out != "imported 2 appeals into sy-fgw: 1 linked to applications, 1 pending\n" {
		t.Fatalf("appeals: %v\n%s%s", err, out, errOut)
	}
	if n := count("appeals"); n != 2 {
		t.Errorf("%d appeals", n)
	}
	var actions []string
	if err := db.Select(&actions, `SELECT action FROM audit_events WHERE action LIKE '%.import' ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if strings.Join(actions, " ") != "application.import appeal.import" {
		t.Errorf("audit actions %v", actions)
	}

	if _, _, err := cli(t, url, "import", "applications", good); err == nil {
		t.Error("no error without --body")
	}
	if _, _, err := cli(t, url, "import", "appeals", "--body", "nowhere", goodAppeals); err == nil || !strings.Contains(err.Error(), `no body "nowhere"`) {
		t.Errorf("unknown body: %v", err)
	}
}

func TestImportRequestsTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	for _, kind := range []string{"applications", "appeals"} {
		for _, format := range []string{"xlsx", "csv"} {
			name := filepath.Join(dir, kind+"."+format)
			out, errOut, err := cli(t, "", "import", "template", kind, "--format", format, "-o", name)
			if err != nil || out != "wrote "+name+"\n" {
				t.Fatalf("%s %s: %v\n%s%s", kind, format, err, out, errOut)
			}
			if fi, err := os.Stat(name); err != nil || fi.Size() < 50 {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	out, _, err := cli(t, "", "import", "template", "appeals", "--format", "csv", "-o", "-")
	if err != nil || !strings.HasPrefix(out, "\ufeff申请编号,类型*,结果,收到日期*,审结日期,备注\n") {
		t.Errorf("appeals CSV template: %v\n%q", err, out)
	}
	// The catalog template is still the default.
	out, _, err = cli(t, "", "import", "template", "--format", "csv", "-o", "-")
	if err != nil || !strings.Contains(out, "标题*") {
		t.Errorf("catalog template: %v\n%q", err, out)
	}
}
