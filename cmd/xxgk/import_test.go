package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"xxgk/catalog"
	"xxgk/database/dbtest"
)

const importCSVHeader = "索引号,标题,发文字号,发文机关,成文日期,发布日期,类别,有效性,有效期至,废止日期,栏目,主题分类,内容概述,正文\n"

func TestImportCatalogCommand(t *testing.T) {
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
	bad := filepath.Join(dir, "bad.csv")
	good := filepath.Join(dir, "good.csv")
	rows := "01527918X/2023-00012,沈阳市优化营商环境若干措施,沈发改规[2023]3号,沈阳市发展和改革委员会,2023-03-01,2023-03-03,行政规范性文件,有效,2028-02-29,,,,明确了若干措施。,\n" +
		",2024年价格监测报告,,,2024-02-01,2024-02-05,其他,,,,统计信息,,,\n"
	badRow := ",没有成文日期的一行,,,,,其他,,,,通知公告,,,\n"
	fixedRow := ",没有成文日期的一行,,,2024-06-01,,其他,,,,机构职能,,,\n"
	if err := os.WriteFile(bad, []byte(importCSVHeader+rows+badRow), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, []byte(importCSVHeader+rows+fixedRow), 0o644); err != nil {
		t.Fatal(err)
	}
	db := dbtest.Open(t, url)
	entries := func() int {
		t.Helper()
		var n int
		if err := db.Get(&n, `SELECT count(*) FROM entries`); err != nil {
			t.Fatal(err)
		}
		return n
	}

	// Every problem of the bad row, one per line; a non-zero exit; nothing written, with or
	// without --dry-run. Flags may follow the file.
	wantProblems := "row 4, column 成文日期: required\nrow 4, column 栏目: no column \"通知公告\" in 沈阳市发展和改革委员会's catalog\n"
	for _, args := range [][]string{
		{"import", "catalog", "--body", "sy-fgw", "--dry-run", bad},
		{"import", "catalog", bad, "--body", "sy-fgw"},
	} {
		out, errOut, err := cli(t, url, args...)
		var code exitCode
		if !errors.As(err, &code) || code == 0 {
			t.Errorf("%v: error %v, want a non-zero exit", args, err)
		}
		if out != wantProblems {
			t.Errorf("%v: stdout\n%s\nwant\n%s", args, out, wantProblems)
		}
		if !strings.Contains(errOut, "2 problems; nothing imported") {
			t.Errorf("%v: stderr %q", args, errOut)
		}
		if n := entries(); n != 0 {
			t.Fatalf("%v wrote %d entries", args, n)
		}
	}

	out, errOut, err := cli(t, url, "import", "catalog", "--body", "sy-fgw", "--dry-run", good)
	if err != nil || out != "dry run, nothing written: would import 3 entries into sy-fgw: 2 published (1 numbered by xxgk), 1 draft\n" {
		t.Fatalf("dry run: %v\n%s%s", err, out, errOut)
	}
	if n := entries(); n != 0 {
		t.Fatalf("dry run wrote %d entries", n)
	}
	out, errOut, err = cli(t, url, "import", "catalog", "--body", "sy-fgw", good)
	if err != nil || out != "imported 3 entries into sy-fgw: 2 published (1 numbered by xxgk), 1 draft\n" {
		t.Fatalf("import: %v\n%s%s", err, out, errOut)
	}
	var got []struct {
		Title   string  `db:"title"`
		IndexNo *string `db:"index_no"`
		Status  string  `db:"status"`
		Source  string  `db:"source"`
	}
	if err := db.Select(&got, `SELECT title, index_no, status, source FROM entries ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || *got[0].IndexNo != "01527918X/2023-00012" || *got[1].IndexNo != "01527918X/2024-00001" ||
		got[2].IndexNo != nil || got[2].Status != "draft" || got[0].Source != "import" {
		t.Errorf("imported: %+v", got)
	}
	var actor, changes string
	if err := db.QueryRow(`SELECT actor, changes::text FROM audit_events WHERE action = 'catalog.import'`).Scan(&actor, &changes); err != nil ||
		!strings.HasPrefix(actor, "cli:") || !strings.Contains(changes, `"file": "good.csv"`) {
		t.Errorf("audit event: %q %q %v", actor, changes, err)
	}

	// Usage errors.
	if _, _, err := cli(t, url, "import", "catalog", good); err == nil {
		t.Error("import without --body accepted")
	}
	if _, _, err := cli(t, url, "import", "catalog", "--body", "nowhere", good); err == nil || !strings.Contains(err.Error(), `no body "nowhere"`) {
		t.Errorf("unknown body: %v", err)
	}
	if _, _, err := cli(t, url, "import", "catalog", "--body", "sy-fgw", filepath.Join(dir, "missing.csv")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestImportTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{"xlsx", "csv"} {
		name := filepath.Join(dir, "template."+format)
		out, errOut, err := cli(t, "", "import", "template", "--format", format, "-o", name)
		if err != nil || !strings.Contains(out, "wrote "+name) {
			t.Fatalf("%s: %v\n%s%s", format, err, out, errOut)
		}
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		rows, problems, err := catalog.ParseImportFile(name, f)
		f.Close()
		if err != nil || len(problems) != 0 || len(rows) != 1 {
			t.Errorf("%s template parses to %d rows, problems %v, %v", format, len(rows), problems, err)
		}
	}
	out, _, err := cli(t, "", "import", "template", "--format", "csv", "-o", "-")
	if err != nil || !strings.HasPrefix(out, "\ufeff索引号,标题*") {
		t.Errorf("template to stdout: %v %q", err, out)
	}
	if _, _, err := cli(t, "", "import", "template", "--format", "pdf"); err == nil {
		t.Error("--format pdf accepted")
	}
}
