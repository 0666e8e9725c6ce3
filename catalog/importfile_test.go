package catalog

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/calendar"
)

func date(s string) calendar.Date { return calendar.MustParseDate(s) }

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseOK(t *testing.T, name string, data []byte) []ImportRow {
	t.Helper()
	rows, problems, err := ParseImportFile(name, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ParseImportFile(%s): %v", name, err)
	}
	for _, p := range problems {
		t.Errorf("%s: unexpected problem: %s", name, p)
	}
	return rows
}

func problemStrings(ps []ImportProblem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// goodRows is what good.csv holds, in every encoding.
func goodRows() []ImportRow {
	return []ImportRow{
		{
			Row: 2, IndexNo: "000014349/2023-00012", Title: "沈阳市人民政府关于印发沈阳市优化营商环境若干措施的通知",
			DocNo: "沈政发〔2023〕12号", Issuers: []string{"沈阳市人民政府"},
			FormedOn: date("2023-03-01"), PublishedOn: date("2023-03-03"), Kind: KindNormative,
			Validity: ValidityInForce, ValidUntil: date("2028-02-29"), Column: "行政规范性文件",
			Subject: `综合政务\政务公开`, Summary: "明确了优化营商环境的若干措施。",
			Body: "各区、县（市）人民政府：\n现将《措施》印发给你们。",
		},
		{
			// Row 2's body spans two lines of the file but is one spreadsheet row.
			Row: 3, IndexNo: "000014349/2023-00013", Title: "沈阳市城市供水管理办法", Issuers: []string{"沈阳市人民政府"},
			FormedOn: date("2023-04-05"), PublishedOn: date("2023-04-10"), Kind: KindRule, Column: "规章",
			Subject: `城乡建设、环境保护\城市规划`,
		},
		{
			// The blank line before it is row 4 in a spreadsheet program; 有效 on a non-normative
			// document is dropped.
			Row: 5, IndexNo: "000014349/2023-00014", Title: "关于召开全市安全生产工作会议的通知", DocNo: "第289号",
			Issuers:  []string{"沈阳市人民政府", "沈阳市应急管理局"},
			FormedOn: date("2023-05-06"), Kind: KindOther,
		},
	}
}

func diffRows(t *testing.T, got, want []ImportRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := fmt.Sprintf("%+v", got[i]), fmt.Sprintf("%+v", want[i])
		if g != w {
			t.Errorf("row %d:\n got %s\nwant %s", i, g, w)
		}
	}
}

func TestParseImportGoodCSV(t *testing.T) {
	diffRows(t, parseOK(t, "good.csv", readFixture(t, "good.csv")), goodRows())
}

func TestParseImportGBK(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(readFixture(t, "good.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gbk, readFixture(t, "good.csv")) {
		t.Fatal("GBK encoding changed nothing")
	}
	diffRows(t, parseOK(t, "目录.CSV", gbk), goodRows())
}

func TestParseImportBOMAndEnglishHeaders(t *testing.T) {
	want := []ImportRow{{
		Row: 2, IndexNo: "QB001-2019-7", Title: "关于废止部分规范性文件的决定", DocNo: "沈政发〔2019〕3号",
		Issuers: []string{"沈阳市人民政府"}, FormedOn: date("2019-01-02"), PublishedOn: date("2019-01-04"),
		Kind: KindNormative, Validity: ValidityRepealed, RepealedOn: date("2022-06-30"),
	}}
	diffRows(t, parseOK(t, "bom.csv", readFixture(t, "bom.csv")), want)
}

func TestParseImportTabSeparated(t *testing.T) {
	data := "标题\t成文日期\t类别\n标题一\t2023-01-02\t其他\n"
	rows := parseOK(t, "x.txt", []byte(data))
	if len(rows) != 1 || rows[0].Title != "标题一" {
		t.Errorf("rows = %+v", rows)
	}
}

func TestParseImportBadCSV(t *testing.T) {
	rows, problems, err := ParseImportFile("bad.csv", bytes.NewReader(readFixture(t, "bad.csv")))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"file: unknown columns 备注, Extra (known: 索引号, 标题, 发文字号, 发文机关, 成文日期, 发布日期, 类别, 有效性, 有效期至, 废止日期, 栏目, 主题分类, 内容概述, 正文)",
		`row 3, column 索引号: duplicate index number "A-1", also in rows 4, 7`,
		"row 3, column 标题*: required",
		`row 3, column 成文日期: "2023-02-30" is not a day of the calendar`,
		`row 4, column 索引号: duplicate index number "A-1", also in rows 3, 7`,
		"row 4, column 发布日期: 2023-02-28 is before 成文日期 2023-03-01",
		"row 4, column 有效性: only 行政规范性文件 have a validity status; this row is 规章 (leave it empty)",
		"row 4, column 有效期至: only 行政规范性文件 have this date; this row is 规章 (leave it empty)",
		`row 5, column 成文日期: "20230301" is not a date (write 2023-03-01)`,
		`row 5, column 类别: "通知" is not 规章, 行政规范性文件 or 其他`,
		`row 6, column 有效性: "作废" is not 有效, 失效, 废止 or 已修订`,
		"row 6, column 有效期至: 2023-03-01 is not after 成文日期 2023-03-01",
		"row 6, column 废止日期: 2023-02-01 is before 成文日期 2023-03-01",
		`row 7, column 索引号: duplicate index number "A-1", also in rows 3, 4`,
		"row 7, column 成文日期: required",
		"row 7, column 类别: required",
		"row 7, column Extra: cells to the right of the last column: remove them or give them a header",
	}
	got := problemStrings(problems)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rows) != 0 {
		t.Errorf("rows with problems returned: %+v", rows)
	}
}

func TestParseImportFileProblems(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string
	}{
		{"empty.csv", "", []string{"file: the file is empty: no header row"}},
		{"missing.csv", "标题,栏目\n标题一,\n", []string{"file: missing required columns 成文日期, 类别"}},
		{"noheader.csv", "a\nb\nc\nd\ne\nf\n", []string{"file: no header row in the first 5 rows: the header names the columns (标题, 成文日期, 类别, ...)"}},
		{"dup.csv", "标题,名称,成文日期,类别\n标题一,标题二,2023-01-02,其他\n", []string{"file: columns 标题 and 名称 both mean 标题"}},
		{"long.csv", "标题,成文日期,类别\n" + strings.Repeat("长", 501) + ",2023-01-02,其他\n", []string{"row 2, column 标题: 501 characters, at most 500 allowed"}},
		{"year.csv", "标题,成文日期,类别\n标题一,1900-01-02,其他\n", []string{`row 2, column 成文日期: "1900-01-02": year 1900 outside 1949–2100`}},
	}
	for _, tt := range tests {
		_, problems, err := ParseImportFile(tt.name, strings.NewReader(tt.data))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := problemStrings(problems); !slices.Equal(got, tt.want) {
			t.Errorf("%s: problems\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

func TestParseImportDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		xlsx bool
		want string
	}{
		{"2023-03-01", false, "2023-03-01"},
		{"2023/3/1", false, "2023-03-01"},
		{"2023年3月1日", false, "2023-03-01"},
		{"2023 年 3 月 1 日", false, "2023-03-01"},
		{"２０２３－０３－０１", false, "2023-03-01"},
		{"2023-03-01 00:00:00", false, "2023-03-01"},
		{"2023.3.1", false, "2023-03-01"},
		{"2024-02-29", false, "2024-02-29"},
		{"44986", true, "2023-03-01"},
		{"44986.75", true, "2023-03-01"},
		{"44986", false, ""},
		{"2023-02-29", false, ""},
		{"2023-13-01", false, ""},
		{"03/01/2023", false, ""},
		{"1", true, ""},
	} {
		d, err := parseImportDate(tt.in, tt.xlsx)
		if got := d.String(); got != tt.want || (err == nil) != (tt.want != "") {
			t.Errorf("parseImportDate(%q, %v) = %q, %v; want %q", tt.in, tt.xlsx, got, err, tt.want)
		}
	}
}

// buildXLSX writes a workbook whose first sheet is the catalog; rows are set cell by cell so that
// numbers stay numbers and times become date-formatted serials, as Excel writes them.
func buildXLSX(t testing.TB, rows map[int][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "目录"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("其他"); err != nil {
		t.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for r, cells := range rows {
		for c, v := range cells {
			name, _ := excelize.CoordinatesToCellName(c+1, r)
			if err := f.SetCellValue("目录", name, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				if err := f.SetCellStyle("目录", name, name, dateStyle); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SetCellValue("其他", "A1", "not read"); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseImportXLSX(t *testing.T) {
	data := buildXLSX(t, map[int][]any{
		1: {"某局政府信息公开目录"},
		2: {"索引号", "标题", "发文字号", "成文日期", "发布日期", "类别", "有效性", "有效期至"},
		3: {"000014349/2023-00012", "关于印发若干措施的通知", "沈政发﹝2023﹞12号", time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC), 44988, "行政规范性文件", "有效", "2028年2月29日"},
		// row 4 is left empty; row 5 must still be row 5.
		5: {"000014349/2023-00013", "关于某事的通知", "", "2023-03-01", "2023-02-01", "其他"},
		6: {2023001, "数字索引号", "", "2023/3/2", nil, "其他"},
	})
	rows, problems, err := ParseImportFile("目录.xlsx", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	wantProblems := []string{"row 5, column 发布日期: 2023-02-01 is before 成文日期 2023-03-01"}
	if got := problemStrings(problems); !slices.Equal(got, wantProblems) {
		t.Errorf("problems = %q, want %q", got, wantProblems)
	}
	want := []ImportRow{
		{Row: 3, IndexNo: "000014349/2023-00012", Title: "关于印发若干措施的通知", DocNo: "沈政发〔2023〕12号",
			FormedOn: date("2023-03-01"), PublishedOn: date("2023-03-03"), Kind: KindNormative,
			Validity: ValidityInForce, ValidUntil: date("2028-02-29")},
		{Row: 6, IndexNo: "2023001", Title: "数字索引号", FormedOn: date("2023-03-02"), Kind: KindOther},
	}
	diffRows(t, rows, want)

	// Detected by content when the name says nothing.
	if _, _, err := ParseImportFile("upload", bytes.NewReader(data)); err != nil {
		t.Errorf("content sniffing: %v", err)
	}
}

func TestParseImportRejectsFiles(t *testing.T) {
	// A zip whose directory claims a 1 TB sheet: excelize must refuse before inflating anything.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, UncompressedSize64: 1 << 40, CompressedSize64: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		r      io.Reader
		wantIn string
	}{
		{"bomb.xlsx", bytes.NewReader(bomb.Bytes()), "unzip size exceeds"},
		{"big.csv", io.LimitReader(zeroReader{}, MaxImportFileSize+1), "larger than 64 MB"},
		{"old.xls", strings.NewReader("\xd0\xcf\x11\xe0rest"), "old Excel format"},
		{"broken.xlsx", strings.NewReader("PK\x03\x04garbage"), "XLSX"},
		{"utf16.csv", strings.NewReader("\xff\xfe\x07h"), "UTF-16"},
		{"rows.csv", strings.NewReader("标题,成文日期,类别\n" + strings.Repeat(",,\n", MaxImportRows)), "more than 200000 rows"},
	}
	for _, tt := range tests {
		_, _, err := ParseImportFile(tt.name, tt.r)
		if err == nil || !strings.Contains(err.Error(), tt.wantIn) {
			t.Errorf("ParseImportFile(%s) error = %v, want one containing %q", tt.name, err, tt.wantIn)
		}
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestImportTemplates(t *testing.T) {
	var b bytes.Buffer
	if err := WriteImportTemplate(&b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{templateDataSheet, templateHelpSheet}) {
		t.Errorf("sheets = %q", got)
	}
	help, err := f.GetRows(templateHelpSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(help) < len(importColumns())+1 || help[2][0] != "标题" || help[2][2] != "是" {
		t.Errorf("help sheet = %q", help)
	}
	// The template and its sample row import without problems, in both formats.
	for name, data := range map[string][]byte{"template.xlsx": b.Bytes(), "template.csv": ImportTemplateCSV()} {
		rows := parseOK(t, name, data)
		if len(rows) != 1 || rows[0].Kind != KindNormative || rows[0].DocNo != "沈政发〔2023〕12号" || rows[0].ValidUntil != date("2028-02-29") {
			t.Errorf("%s: rows = %+v", name, rows)
		}
	}
	if !bytes.HasPrefix(ImportTemplateCSV(), []byte("\xef\xbb\xbf索引号,标题*,")) {
		t.Errorf("CSV template starts %q", ImportTemplateCSV()[:30])
	}
}

// A NUL in a cell is a problem of that cell, not a failed import: PostgreSQL refuses NUL in
// text, which made the whole import answer 500 (found by the faults suite's hostile files).
func TestImportRefusesControlCharacters(t *testing.T) {
	data := []byte("标题,成文日期,类别,内容概述\n标\x00题,2024-01-02,其他,概述\n标题二,2024-01-02,其他,概\x07述\n标题三,2024-01-02,其他,\t正文\n")
	rows, problems, err := ParseImportFile("nul.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	want := []string{"row 2, column 标题: contains a control character (such as NUL): remove it",
		"row 3, column 内容概述: contains a control character (such as NUL): remove it"}
	if !slices.Equal(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if len(rows) != 1 || rows[0].Title != "标题三" {
		t.Errorf("rows = %+v, want only 标题三 (a tab is allowed)", rows)
	}
}

func FuzzParseImportCSV(f *testing.F) {
	for _, name := range []string{"good.csv", "bom.csv", "bad.csv"} {
		f.Add(readFixture(f, name))
	}
	f.Add(ImportTemplateCSV())
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parseImport("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			return
		}
		rows, problems := p.finish()
		for _, pr := range problems {
			switch {
			case pr.Row == 0:
				if pr.Column != "" || !strings.HasPrefix(pr.String(), "file: ") {
					t.Fatalf("file problem with a column: %+v", pr)
				}
			case pr.Row < 2 || pr.Row <= p.headerRow:
				t.Fatalf("problem names row %d (header row %d): %s", pr.Row, p.headerRow, pr)
			case pr.Column == "" || !slices.Contains(p.headers, pr.Column):
				t.Fatalf("problem names column %q, not a header of the file %q: %s", pr.Column, p.headers, pr)
			}
		}
		for _, r := range rows {
			if strings.ContainsRune(r.Title+r.DocNo+r.Summary+r.Body+r.Subject+strings.Join(r.Issuers, ""), 0) {
				t.Fatalf("row with a NUL returned (PostgreSQL refuses it at COPY): %+v", r)
			}
			if r.Title == "" || r.FormedOn.IsZero() || !r.Kind.Valid() || r.Row <= p.headerRow {
				t.Fatalf("invalid row returned: %+v", r)
			}
		}
	})
}

// BenchmarkParseImportCSV parses 100,000 generated rows and reports rows per second.
func BenchmarkParseImportCSV(b *testing.B) {
	const n = 100_000
	var buf bytes.Buffer
	buf.WriteString("索引号,标题,发文字号,发文机关,成文日期,发布日期,类别,有效性,有效期至,废止日期,栏目,主题分类,内容概述,正文\n")
	for i := range n {
		fmt.Fprintf(&buf, "000014349/2023-%05d,沈阳市人民政府关于印发第%d号优化营商环境若干措施的通知,沈政发[2023]%d号,沈阳市人民政府、沈阳市发展和改革委员会,2023-03-01,2023/3/3,行政规范性文件,有效,2028年2月29日,,行政规范性文件,综合政务/政务公开,明确了优化营商环境的若干措施，共二十条。,\"各区、县（市）人民政府，市政府各部门：现将《措施》印发给你们，请认真贯彻执行。\"\n", i+1, i+1, i+1)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		rows, problems, err := ParseImportFile("bench.csv", bytes.NewReader(data))
		if err != nil || len(problems) != 0 || len(rows) != n {
			b.Fatalf("%d rows, %d problems, %v", len(rows), len(problems), err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}
