package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"xxgk/database/dbtest"
	"xxgk/reports"
)

func TestReportAnnualCommand(t *testing.T) {
	url := dbtest.NewURL(t)
	if _, _, err := cli(t, url, "migrate"); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"body", "create", "--code", "sy", "--name", "沈阳市人民政府", "--org-code", "000014349"},
		{"body", "create", "--code", "sy-fgw", "--name", "沈阳市发展和改革委员会", "--org-code", "01527918X", "--parent", "sy"},
	} {
		if out, errOut, err := cli(t, url, args...); err != nil {
			t.Fatalf("%v: %v %s %s", args, err, out, errOut)
		}
	}
	db := dbtest.Open(t, url)
	db.MustExec(`INSERT INTO applications (body_id, tracking_no, year, serial, query_code_hash, applicant_type, applicant_name,
		description, channel, status, received_on, answered_on, outcome)
		VALUES ((SELECT id FROM bodies WHERE code = 'sy-fgw'), 'YSQ-2025-000001', 2025, 1, '\x00', 'company', '某公司', '申请公开', 'online',
			'answered', '2025-04-01', '2025-04-10', 'not_held'),
		((SELECT id FROM bodies WHERE code = 'sy-fgw'), 'YSQ-2025-000002', 2025, 2, '\x00', 'person', '张三', '申请公开', 'online',
			'in_progress', '2025-12-29', NULL, NULL)`)
	dir := t.TempDir()

	jsonFile := filepath.Join(dir, "r.json")
	out, errOut, err := cli(t, url, "report", "annual", "--body", "sy-fgw", "--year", "2025", "--format", "json", "--out", jsonFile)
	if err != nil || !strings.Contains(out, "沈阳市发展和改革委员会2025年政府信息公开工作年度报告") || !strings.Contains(out, "draft") {
		t.Fatalf("json: %v\n%s%s", err, out, errOut)
	}
	data, _ := os.ReadFile(jsonFile)
	r, err := reports.ParseJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Table3.Row("1.本机关不掌握相关政府信息").Counts; got != (reports.Counts{0, 1, 0, 0, 0, 0, 1}) {
		t.Errorf("（四）1: %v", got)
	}
	if got := r.Table3.Row(reports.LabelCarriedOut).Counts; got != (reports.Counts{1, 0, 0, 0, 0, 0, 1}) {
		t.Errorf("四: %v", got)
	}

	xlsxFile := filepath.Join(dir, "r.xlsx")
	if out, errOut, err := cli(t, url, "report", "annual", "--body", "sy-fgw", "--year", "2025", "--format", "xlsx", "--out", xlsxFile); err != nil {
		t.Fatalf("xlsx: %v %s %s", err, out, errOut)
	}
	x, err := excelize.OpenFile(xlsxFile)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := x.GetCellValue(reports.SheetTable3, "J6"); v != "2" {
		t.Errorf("xlsx 一 总计: %q", v)
	}
	if v, _ := x.GetCellValue(reports.SheetTable3, "A6"); v != reports.LabelReceived {
		t.Errorf("xlsx A6: %q", v)
	}

	if _, err := exec.LookPath("pdftotext"); err == nil {
		pdfFile := filepath.Join(dir, "r.pdf")
		if out, errOut, err := cli(t, url, "report", "annual", "--body", "sy-fgw", "--year", "2025", "--format", "pdf", "--out", pdfFile); err != nil {
			t.Fatalf("pdf: %v %s %s", err, out, errOut)
		}
		text, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", pdfFile, "-").Output()
		squashed := strings.Join(strings.Fields(string(text)), "")
		for _, want := range []string{"沈阳市发展和改革委员会2025年政府信息公开工作年度报告", reports.HeadingOverview, reports.HeadingOther, "第1页"} {
			if err != nil || !strings.Contains(squashed, want) {
				t.Errorf("pdf lacks %q (%v)", want, err)
			}
		}
	}

	// Mistakes name the flag.
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"report", "annual", "--year", "2025"}, "--body: required"},
		{[]string{"report", "annual", "--body", "sy-fgw", "--year", "2025", "--format", "docx"}, "--format:"},
		{[]string{"report", "annual", "--body", "nowhere", "--year", "2025"}, "--body: no body"},
		{[]string{"report", "annual", "--body", "sy-fgw", "--year", "1999"}, "--year:"},
		{[]string{"report", "annual", "--body", "sy-fgw", "--year", "2025", "--rollup"}, "--body:"},
	} {
		out, errOut, err := cli(t, url, tt.args...)
		if err == nil || !strings.Contains(errOut+err.Error(), tt.want) {
			t.Errorf("%v: %v\n%s%s", tt.args, err, out, errOut)
		}
	}
	out, errOut, err = cli(t, url, "report", "annual", "--body", "sy", "--year", "2025", "--rollup", "--out", "-")
	if err != nil || !strings.Contains(out, "沈阳市人民政府及所属部门（汇总）") {
		t.Errorf("rollup: %v %s %s", err, out, errOut)
	}
}
