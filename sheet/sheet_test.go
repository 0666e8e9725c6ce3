package sheet

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

type row struct {
	n     int
	cells []string
}

func readAll(t *testing.T, name string, data []byte) ([]row, error) {
	t.Helper()
	var rows []row
	err := Read(name, data, 64<<20, func(n int, cells []string) error {
		rows = append(rows, row{n, slices.Clone(cells)})
		return nil
	})
	return rows, err
}

func TestCSVRowsAreSpreadsheetRows(t *testing.T) {
	// A title line, a blank line, the header, a cell quoted across two lines, two blank lines,
	// a last row: the numbers are those a spreadsheet program shows (lines 4–5 are its row 4).
	data := []byte("\xef\xbb\xbf某某局政府信息公开目录\n\n标题,成文日期\n\"第一行\n第二行\",2024-01-02\n\n\n关于印发,2024/1/3\n")
	rows, err := readAll(t, "目录.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []row{
		{1, []string{"某某局政府信息公开目录"}},
		{3, []string{"标题", "成文日期"}},
		{4, []string{"第一行\n第二行", "2024-01-02"}},
		{7, []string{"关于印发", "2024/1/3"}}, // the quoted cell is one row, over two lines
	}
	if !slices.EqualFunc(rows, want, func(a, b row) bool { return a.n == b.n && slices.Equal(a.cells, b.cells) }) {
		t.Errorf("rows = %v, want %v", rows, want)
	}
}

func TestCSVEncodings(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte("标题\t成文日期\n通知\t2024-01-02\n"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := readAll(t, "export", gbk)
	if err != nil || len(rows) != 2 || !slices.Equal(rows[1].cells, []string{"通知", "2024-01-02"}) {
		t.Errorf("GBK, tab-separated: %v, %v", rows, err)
	}
	if _, err := readAll(t, "a.csv", []byte("\xff\xfeX\x00")); err == nil || !strings.Contains(err.Error(), "UTF-16") {
		t.Errorf("UTF-16: %v, want an error that says so", err)
	}
	if _, err := readAll(t, "old.xls", []byte("\xd0\xcf\x11\xe0rest")); err == nil || !strings.Contains(err.Error(), ".xlsx or CSV") {
		t.Errorf(".xls: %v, want a request to save as .xlsx or CSV", err)
	}
}

func TestXLSXFirstSheetRawCells(t *testing.T) {
	f := excelize.NewFile()
	first := f.GetSheetName(0)
	f.SetSheetRow(first, "A1", &[]any{"标题", "成文日期"})
	f.SetSheetRow(first, "A3", &[]any{"通知", 45293}) // a date cell read raw: its serial number
	f.NewSheet("说明")
	f.SetSheetRow("说明", "A1", &[]any{"not read"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	// Named without an extension: recognised by its content.
	if !IsXLSX("upload", buf.Bytes()) || IsXLSX("a.csv", buf.Bytes()) {
		t.Error("IsXLSX: want the content to decide when the name has no extension, and .csv to win")
	}
	rows, err := readAll(t, "upload", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[1].n != 2 || len(rows[1].cells) != 0 || !slices.Equal(rows[2].cells, []string{"通知", "45293"}) {
		t.Errorf("rows = %v", rows)
	}
	d, err := ParseDate(rows[2].cells[1], true, 2000, 2100, "2024-01-02")
	if err != nil || d.String() != "2024-01-02" {
		t.Errorf("serial 45293 = %v, %v; want 2024-01-02", d, err)
	}
}

func TestRowFuncEndsReading(t *testing.T) {
	data := []byte("a\nb\nc\n")
	var seen []int
	err := Read("x.csv", data, 0, func(n int, _ []string) error {
		seen = append(seen, n)
		if n == 2 {
			return ErrStop
		}
		return nil
	})
	if err != nil || !slices.Equal(seen, []int{1, 2}) {
		t.Errorf("ErrStop: read rows %v, err %v; want 1, 2 and no error", seen, err)
	}
	mine := errors.New("too many rows")
	if err := Read("x.csv", data, 0, func(int, []string) error { return mine }); err != mine {
		t.Errorf("a row function's error came back as %v, want it as is", err)
	}
}

func TestNormHeader(t *testing.T) {
	for in, want := range map[string]string{
		"标题*":                 "标题",
		" 成文 日期（必填）":          "成文日期",
		"\ufeffIndex\u200bNo": "indexno",
		"ＡＢＣ　d":               "abcd",
	} {
		if got := NormHeader(in); got != want {
			t.Errorf("NormHeader(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		xlsx bool
		want string // "" for an error
	}{
		{"2024-03-01", false, "2024-03-01"},
		{"2024/3/1", false, "2024-03-01"},
		{"２０２４年３月１日", false, "2024-03-01"},
		{"2024.3.1 09:30:00", false, "2024-03-01"},
		{"45352", true, "2024-03-01"},
		{"45352", false, ""}, // a number is a date only in XLSX
		{"2024-02-30", false, ""},
		{"1999-01-01", false, ""}, // before minYear
		{"明天", false, ""},
	} {
		d, err := ParseDate(tt.in, tt.xlsx, 2000, 2100, "2024-03-01")
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseDate(%q, %v) = %v, want an error", tt.in, tt.xlsx, d)
		case tt.want != "" && (err != nil || d.String() != tt.want):
			t.Errorf("ParseDate(%q, %v) = %v, %v; want %s", tt.in, tt.xlsx, d, err, tt.want)
		}
	}
	if _, err := ParseDate("明天", false, 2000, 2100, "2024-03-01"); err == nil || !strings.Contains(err.Error(), "write 2024-03-01") {
		t.Errorf("error %v does not suggest the example", err)
	}
}
