package reports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// cellWant is what one cell must hold after a re-read. number cells must not be stored as text.
type cellWant struct {
	cell   string
	value  string
	number bool
}

func label(cell, v string) cellWant     { return cellWant{cell, v, false} }
func num(cell string, v int64) cellWant { return cellWant{cell, strconv.FormatInt(v, 10), true} }

func writeXLSX(t *testing.T, r *Report) (*excelize.File, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), fmt.Sprintf("report-%s.xlsx", r.Template))
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	saveArtifact(t, path)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, path
}

func checkCells(t *testing.T, f *excelize.File, sheet string, want []cellWant) {
	t.Helper()
	for _, w := range want {
		got, err := f.GetCellValue(sheet, w.cell)
		if err != nil {
			t.Fatal(err)
		}
		if got != w.value {
			t.Errorf("%s!%s = %q, want %q", sheet, w.cell, got, w.value)
		}
		typ, err := f.GetCellType(sheet, w.cell)
		if err != nil {
			t.Fatal(err)
		}
		isText := typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
		if w.number == isText {
			t.Errorf("%s!%s: type %v, want number=%v", sheet, w.cell, typ, w.number)
		}
	}
}

func checkMerges(t *testing.T, f *excelize.File, sheet string, want []string) {
	t.Helper()
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range merges {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: merge %s missing (have %v)", sheet, w, got)
		}
	}
}

func TestXLSXTables(t *testing.T) {
	r := fixtureReport(t, Template2021)
	f, _ := writeXLSX(t, r)
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetTable2, SheetTable3, SheetTable4, SheetNarrative, SheetIdentities}) {
		t.Fatalf("sheets %q", got)
	}
	title := "沈阳市和平区人民政府2024年政府信息公开工作年度报告"

	t.Run("table 二", func(t *testing.T) {
		checkCells(t, f, SheetTable2, []cellWant{
			label("A1", title), label("A2", "二、主动公开政府信息情况"),
			label("A3", "第二十条第（一）项"),
			label("A4", "信息内容"), label("B4", "本年制发件数"), label("C4", "本年废止件数"), label("D4", "现行有效件数"),
			label("A5", "规章"), num("B5", 2), num("C5", 1), num("D5", 37),
			label("A6", "行政规范性文件"), num("B6", 14), num("C6", 6), num("D6", 213),
			label("A7", "第二十条第（五）项"), label("A8", "信息内容"), label("B8", "本年处理决定数量"),
			label("A9", "行政许可"), num("B9", 1523),
			label("A10", "第二十条第（六）项"), label("A11", "信息内容"), label("B11", "本年处理决定数量"),
			label("A12", "行政处罚"), num("B12", 418),
			label("A13", "行政强制"), label("B13", "/"),
			label("A14", "第二十条第（八）项"), label("A15", "信息内容"), label("B15", "本年收费金额（单位：万元）"),
			label("A16", "行政事业性收费"), {"B16", "12.3456", true},
		})
		checkMerges(t, f, SheetTable2, []string{"A1:D1", "A3:D3", "B8:D8", "B9:D9", "B16:D16"})
	})

	t.Run("table 三", func(t *testing.T) {
		want := []cellWant{
			label("A1", title), label("A2", "三、收到和处理政府信息公开申请情况"),
			label("A3", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
			label("D3", "申请人情况"), label("D4", "自然人"), label("E4", "法人或其他组织"), label("J4", "总计"),
			label("E5", "商业企业"), label("F5", "科研机构"), label("G5", "社会公益组织"), label("H5", "法律服务机构"), label("I5", "其他"),
		}
		counts := expectedTable3(fixtureInput(), Template2021)
		for i, row := range specRows2021() {
			n := 6 + i
			col := "A"
			switch {
			case row[1] != "":
				col = "C"
			case row[0] != "":
				col = "B"
			}
			want = append(want, label(col+strconv.Itoa(n), row[2]))
			for j, v := range counts[row[2]] {
				c, _ := excelize.CoordinatesToCellName(4+j, n)
				want = append(want, num(c, v))
			}
		}
		// Section and group labels sit in the first row of their merged cell.
		want = append(want, label("A8", "三、本年度办理结果"), label("B10", "（三）不予公开"), label("B18", "（四）无法提供"),
			label("B21", "（五）不予处理"), label("B26", "（六）其他处理"))
		checkCells(t, f, SheetTable3, want)
		checkMerges(t, f, SheetTable3, []string{"A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5", "A6:C6", "A7:C7", "A8:A29",
			"B8:C8", "B9:C9", "B10:B17", "B18:B20", "B21:B25", "B26:B28", "B29:C29", "A30:C30"})
	})

	t.Run("table 四", func(t *testing.T) {
		want := []cellWant{label("A1", title), label("A2", "四、政府信息公开行政复议、行政诉讼情况"),
			label("A3", "行政复议"), label("F3", "行政诉讼"), label("F4", "未经复议直接起诉"), label("K4", "复议后起诉")}
		cols := []string{"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"}
		vals := []int64{3, 1, 2, 4, 10, 5, 0, 6, 7, 18, 8, 9, 11, 12, 40}
		for i, c := range cols {
			for _, at := range []string{string(rune('A'+i)) + "4", string(rune('F'+i)) + "5", string(rune('K'+i)) + "5"} {
				want = append(want, label(at, c))
			}
		}
		for i, v := range vals {
			want = append(want, num(string(rune('A'+i))+"6", v))
		}
		checkCells(t, f, SheetTable4, want)
		checkMerges(t, f, SheetTable4, []string{"A3:E3", "F3:O3", "A4:A5", "E4:E5", "F4:J4", "K4:O4"})
	})

	t.Run("narrative", func(t *testing.T) {
		rows, err := f.GetRows(SheetNarrative)
		if err != nil {
			t.Fatal(err)
		}
		var col []string
		for _, r := range rows {
			if len(r) > 0 {
				col = append(col, r[0])
			}
		}
		pos := -1
		for _, h := range []string{"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"} {
			i := slices.Index(col, h)
			if i <= pos {
				t.Errorf("heading %s at %d, after %d", h, i, pos)
			}
			pos = i
		}
		for _, p := range append(append(paragraphs(r.Sections.Overview), paragraphs(r.Sections.Problems)...), paragraphs(r.Sections.Other)...) {
			if !slices.Contains(col, p) {
				t.Errorf("paragraph missing: %s", p)
			}
		}
	})

	t.Run("print setup", func(t *testing.T) {
		for _, s := range []string{SheetTable2, SheetTable3, SheetTable4} {
			pl, err := f.GetPageLayout(s)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
				t.Errorf("%s: page layout %+v, want A4 fit to width", s, pl)
			}
		}
	})
}

func TestXLSXIdentities(t *testing.T) {
	r := fixtureReport(t, Template2021)
	r.Previous = consistentPrevious(r)
	r.Table4.Direct.Total = 99
	f, _ := writeXLSX(t, r)
	checkCells(t, f, SheetIdentities, []cellWant{
		label("A1", "编号"), label("B1", "检查内容"), label("C1", "结果"), label("E1", "行"), label("G1", "应为"), label("H1", "实为"),
		num("A2", 1), label("C2", "通过"),
		num("A6", 5), label("C6", "不通过"), label("D6", "四"), label("E6", "未经复议直接起诉"), label("F6", "总计"), num("G6", 18), num("H6", 99),
		num("A8", 7), label("C8", "通过"),
	})
}

func TestXLSXTrialTemplate(t *testing.T) {
	r := fixtureReport(t, Template2019)
	f, _ := writeXLSX(t, r)
	checkCells(t, f, SheetTable2, []cellWant{
		label("A3", "第二十条第（一）项"), label("B4", "本年新制作数量"), label("C4", "本年新公开数量"), label("D4", "对外公开总数量"),
		label("A6", "规范性文件"), num("D6", 220),
		label("A7", "第二十条第（五）项"), label("B8", "上一年项目数量"), label("C8", "本年增/减"), label("D8", "处理决定数量"),
		label("A9", "行政许可"), num("B9", 120), num("C9", -4), num("D9", 1688),
		label("A10", "其他对外管理服务事项"), label("D10", "/"),
		label("A15", "第二十条第（八）项"), label("C16", "本年增/减"),
		label("A17", "行政事业性收费"), num("B17", 6), num("C17", -1),
		label("A18", "第二十条第（九）项"), label("B19", "采购项目数量"), label("C19", "采购总金额"),
		label("A20", "政府集中采购"), num("B20", 46), {"C20", "1234.5", true},
	})
	checkMerges(t, f, SheetTable2, []string{"C16:D16", "C17:D17", "C20:D20"})
	counts := expectedTable3(fixtureInput(), Template2019)
	want := []cellWant{label("B26", "（六）其他处理"), label("B27", "（七）总计"), label("A28", "四、结转下年度继续办理")}
	for j, v := range counts["（六）其他处理"] {
		c, _ := excelize.CoordinatesToCellName(4+j, 26)
		want = append(want, num(c, v))
	}
	checkCells(t, f, SheetTable3, want)
	checkMerges(t, f, SheetTable3, []string{"A8:A27", "B26:C26"})
}
