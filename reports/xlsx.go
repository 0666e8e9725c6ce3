package reports

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbook written by WriteXLSX.
const (
	SheetTable2     = "表二 主动公开"
	SheetTable3     = "表三 依申请公开"
	SheetTable4     = "表四 复议诉讼"
	SheetNarrative  = "文字部分"
	SheetIdentities = "勾稽关系检查"
)

// First rows of the tables on their sheets (1-based); rows above hold the title and heading.
const (
	xlsxTitleRow    = 1
	xlsxHeadingRow  = 2
	xlsxTableTopRow = 3
)

// xlsxFont is the font named in the workbook; spreadsheet programs substitute a local CJK font
// when it is missing, which is what Chinese government spreadsheets conventionally use.
const xlsxFont = "宋体"

// sheetWriter writes cells and keeps the first error, so layout code reads as a list of cells.
type sheetWriter struct {
	f      *excelize.File
	sheet  string
	err    error
	styles xlsxStyles
}

type xlsxStyles struct {
	title, heading, header, label, labelCenter, number, amount, text, plain, paragraph int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: xlsxFont, Size: size, Bold: bold}
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	general := "0.######"
	type def struct {
		id *int
		s  excelize.Style
	}
	var st xlsxStyles
	var defs []def
	add := func(id *int, s excelize.Style) { defs = append(defs, def{id, s}) }
	add(&st.title, excelize.Style{Font: font(16, true), Alignment: center})
	add(&st.heading, excelize.Style{Font: font(12, true), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}})
	add(&st.header, excelize.Style{Font: font(10, true), Alignment: center, Border: border})
	add(&st.label, excelize.Style{Font: font(10, false), Alignment: left, Border: border})
	add(&st.labelCenter, excelize.Style{Font: font(10, false), Alignment: center, Border: border})
	add(&st.number, excelize.Style{Font: font(10, false), Alignment: center, Border: border, NumFmt: 1})
	add(&st.amount, excelize.Style{Font: font(10, false), Alignment: center, Border: border, CustomNumFmt: &general})
	add(&st.text, excelize.Style{Font: font(10, false), Alignment: center, Border: border})
	add(&st.plain, excelize.Style{Font: font(10, false), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	add(&st.paragraph, excelize.Style{Font: font(11, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true}})
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return st, err
		}
		*d.id = id
	}
	return st, nil
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// put writes v into the range (c1,r1)–(c2,r2), merging it when it spans more than one cell and
// styling every cell of it so that merged cells keep all their borders.
func (w *sheetWriter) put(c1, r1, c2, r2 int, v any, style int) {
	if w.err != nil {
		return
	}
	tl, br := cellName(c1, r1), cellName(c2, r2)
	if tl != br {
		if w.err = w.f.MergeCell(w.sheet, tl, br); w.err != nil {
			return
		}
	}
	if w.err = w.f.SetCellValue(w.sheet, tl, v); w.err != nil {
		return
	}
	w.err = w.f.SetCellStyle(w.sheet, tl, br, style)
}

func (w *sheetWriter) colWidth(c1, c2 int, width float64) {
	if w.err != nil {
		return
	}
	a, _ := excelize.ColumnNumberToName(c1)
	b, _ := excelize.ColumnNumberToName(c2)
	w.err = w.f.SetColWidth(w.sheet, a, b, width)
}

// rowHeight sets a row tall enough for the given number of wrapped lines; Excel does not grow rows
// for wrapped text written by a program.
func (w *sheetWriter) rowHeight(row int, lines int) {
	if w.err != nil || lines <= 1 {
		return
	}
	w.err = w.f.SetRowHeight(w.sheet, row, float64(lines)*14+4)
}

// printSetup asks for A4, fit to one page wide.
func (w *sheetWriter) printSetup(landscape bool) {
	if w.err != nil {
		return
	}
	size, one, zero := 9, 1, 0
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	if w.err = w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &one, FitToHeight: &zero}); w.err != nil {
		return
	}
	fit := true
	w.err = w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
	if w.err == nil {
		w.err = w.f.SetHeaderFooter(w.sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 / 共 &N 页"})
	}
}

// textLines estimates how many lines text takes in a column of the given width (in Excel's
// character units, where a CJK character takes about two).
func textLines(text string, width float64) int {
	lines := 0
	for _, part := range strings.Split(text, "\n") {
		u := 0.0
		for _, r := range part {
			if r < 0x80 {
				u += 1.1
			} else {
				u += 2.05
			}
		}
		lines += int(math.Max(1, math.Ceil(u/math.Max(1, width-1.5))))
	}
	return lines
}

// WriteXLSX writes the report as one workbook: tables 二, 三 and 四 laid out as in the national
// format (merged headers, exact labels, numbers as numbers, totals as values), the narrative
// sections, and the identity results. Figures that are not applicable are written as the text
// NotApplicableText so a re-read never mistakes them for 0.
func (r *Report) WriteXLSX(out io.Writer) error {
	if err := r.validate(); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("reports: xlsx styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", SheetTable2); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	for _, s := range []string{SheetTable3, SheetTable4, SheetNarrative, SheetIdentities} {
		if _, err := f.NewSheet(s); err != nil {
			return fmt.Errorf("reports: xlsx: %w", err)
		}
	}
	writers := []func(*sheetWriter){r.xlsxTable2, r.xlsxTable3, r.xlsxTable4, r.xlsxNarrative, r.xlsxIdentities}
	for i, s := range []string{SheetTable2, SheetTable3, SheetTable4, SheetNarrative, SheetIdentities} {
		w := &sheetWriter{f: f, sheet: s, styles: st}
		writers[i](w)
		if w.err != nil {
			return fmt.Errorf("reports: xlsx sheet %s: %w", s, w.err)
		}
	}
	f.SetActiveSheet(0)
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.Title(), Creator: "xxgk", Language: "zh-CN"}); err != nil {
		return fmt.Errorf("reports: xlsx: %w", err)
	}
	if err := f.Write(out); err != nil {
		return fmt.Errorf("reports: write xlsx: %w", err)
	}
	return nil
}

func (r *Report) xlsxTitle(w *sheetWriter, lastCol int, heading string) {
	w.put(1, xlsxTitleRow, lastCol, xlsxTitleRow, r.Title(), w.styles.title)
	if w.err == nil {
		w.err = w.f.SetRowHeight(w.sheet, xlsxTitleRow, 30)
	}
	w.put(1, xlsxHeadingRow, lastCol, xlsxHeadingRow, heading, w.styles.heading)
}

// table2Spans places n figures in the three value columns of table 二's 4-column grid (columns
// 2–4): one figure spans all three, two figures take one and two.
func table2Spans(n int) [][2]int {
	switch n {
	case 1:
		return [][2]int{{2, 4}}
	case 2:
		return [][2]int{{2, 2}, {3, 4}}
	}
	return [][2]int{{2, 2}, {3, 3}, {4, 4}}
}

func (r *Report) xlsxTable2(w *sheetWriter) {
	r.xlsxTitle(w, 4, HeadingProactive)
	w.colWidth(1, 1, 24)
	w.colWidth(2, 4, 18)
	row := xlsxTableTopRow
	for _, b := range r.table2Blocks() {
		w.put(1, row, 4, row, b.Caption, w.styles.header)
		row++
		w.put(1, row, 1, row, LabelInfoContent, w.styles.header)
		for i, sp := range table2Spans(len(b.Columns)) {
			w.put(sp[0], row, sp[1], row, b.Columns[i], w.styles.header)
		}
		w.rowHeight(row, 2)
		row++
		for _, rw := range b.Rows {
			w.put(1, row, 1, row, rw.Label, w.styles.labelCenter)
			for i, sp := range table2Spans(len(rw.Cells)) {
				c := rw.Cells[i]
				v, ok := c.value()
				switch {
				case !ok:
					w.put(sp[0], row, sp[1], row, NotApplicableText, w.styles.text)
				case c.NullAmount != nil:
					w.put(sp[0], row, sp[1], row, v, w.styles.amount)
				default:
					w.put(sp[0], row, sp[1], row, v, w.styles.number)
				}
			}
			row++
		}
	}
	w.printSetup(false)
}

func (r *Report) xlsxTable3(w *sheetWriter) {
	const first = 4 // first numeric column (D)
	last := first + NumColumns - 1
	r.xlsxTitle(w, last, HeadingApplications)
	w.colWidth(1, 1, 7)
	w.colWidth(2, 2, 14)
	w.colWidth(3, 3, 40)
	w.colWidth(first, last, 10)
	top := xlsxTableTopRow
	cols := Table3Columns()
	w.put(1, top, 3, top+2, Table3Corner, w.styles.header)
	w.put(first, top, last, top, LabelApplicants, w.styles.header)
	w.put(first, top+1, first, top+2, cols[0], w.styles.header)
	w.put(first+1, top+1, last-1, top+1, LabelOrganisations, w.styles.header)
	w.put(last, top+1, last, top+2, cols[TotalColumn], w.styles.header)
	for i := 1; i < TotalColumn; i++ {
		w.put(first+i, top+2, first+i, top+2, cols[i], w.styles.header)
	}
	w.rowHeight(top+2, 2)
	for _, m := range table3Merges(r.Table3.Rows) {
		row := top + 3 + m.row
		w.put(m.col1, row, m.col2, row+m.rows-1, m.text, m.style(w.styles))
		if m.rows == 1 {
			width := map[int]float64{1: 7, 2: 14, 3: 40}
			total := 0.0
			for c := m.col1; c <= m.col2; c++ {
				total += width[c]
			}
			w.rowHeight(row, textLines(m.text, total))
		}
	}
	for i, tr := range r.Table3.Rows {
		for j, v := range tr.Counts {
			w.put(first+j, top+3+i, first+j, top+3+i, v, w.styles.number)
		}
	}
	w.printSetup(false)
}

// labelCell is one merged label cell of table 三's three label columns (section, group, leaf),
// shared by the Excel and PDF layouts.
type labelCell struct {
	row, rows  int // first data row (0-based) and number of rows spanned
	col1, col2 int // label columns 1–3
	text       string
	centered   bool
}

func (m labelCell) style(s xlsxStyles) int {
	if m.centered {
		return s.labelCenter
	}
	return s.label
}

// table3Merges lays out the label columns as in the printed form: top-level rows span all three
// columns, 三、本年度办理结果 is merged down beside its 22 rows, each group label beside its leaves.
func table3Merges(rows []Table3Row) []labelCell {
	var out []labelCell
	for i := 0; i < len(rows); i++ {
		tr := rows[i]
		if tr.Section == "" {
			out = append(out, labelCell{row: i, rows: 1, col1: 1, col2: 3, text: tr.Label})
			continue
		}
		if i == 0 || rows[i-1].Section != tr.Section {
			n := 0
			for i+n < len(rows) && rows[i+n].Section == tr.Section {
				n++
			}
			out = append(out, labelCell{row: i, rows: n, col1: 1, col2: 1, text: tr.Section, centered: true})
		}
		if tr.Group == "" {
			out = append(out, labelCell{row: i, rows: 1, col1: 2, col2: 3, text: tr.Label})
			continue
		}
		if rows[i-1].Group != tr.Group {
			n := 0
			for i+n < len(rows) && rows[i+n].Group == tr.Group {
				n++
			}
			out = append(out, labelCell{row: i, rows: n, col1: 2, col2: 2, text: tr.Group, centered: true})
		}
		out = append(out, labelCell{row: i, rows: 1, col1: 3, col2: 3, text: tr.Label})
	}
	return out
}

func (r *Report) xlsxTable4(w *sheetWriter) {
	const n = 15
	r.xlsxTitle(w, n, HeadingReview)
	w.colWidth(1, n, 9)
	top := xlsxTableTopRow
	cols := CaseColumns()
	w.put(1, top, 5, top, LabelReview, w.styles.header)
	w.put(6, top, n, top, LabelLitigation, w.styles.header)
	for i, c := range cols {
		w.put(1+i, top+1, 1+i, top+2, c, w.styles.header)
		w.put(6+i, top+2, 6+i, top+2, c, w.styles.header)
		w.put(11+i, top+2, 11+i, top+2, c, w.styles.header)
	}
	w.put(6, top+1, 10, top+1, LabelDirectSuit, w.styles.header)
	w.put(11, top+1, 15, top+1, LabelSuitAfterReview, w.styles.header)
	for b, blk := range r.Table4.blocks() {
		for i, v := range blk.Counts.Values() {
			w.put(1+5*b+i, top+3, 1+5*b+i, top+3, v, w.styles.number)
		}
	}
	w.rowHeight(top+3, 2)
	w.printSetup(true)
}

func (r *Report) xlsxNarrative(w *sheetWriter) {
	const width = 100
	w.colWidth(1, 1, width)
	w.put(1, 1, 1, 1, r.Title(), w.styles.title)
	if w.err == nil {
		w.err = w.f.SetRowHeight(w.sheet, 1, 30)
	}
	row := 2
	texts := map[string]string{HeadingOverview: r.Sections.Overview, HeadingProblems: r.Sections.Problems, HeadingOther: r.Sections.Other}
	refs := map[string]string{HeadingProactive: SheetTable2, HeadingApplications: SheetTable3, HeadingReview: SheetTable4}
	for _, h := range Headings() {
		w.put(1, row, 1, row, h, w.styles.heading)
		row++
		if s, ok := refs[h]; ok {
			w.put(1, row, 1, row, "见“"+s+"”工作表。", w.styles.paragraph)
			row++
			continue
		}
		for _, p := range paragraphs(texts[h]) {
			w.put(1, row, 1, row, p, w.styles.paragraph)
			w.rowHeight(row, textLines(p, width))
			row++
		}
	}
	w.printSetup(false)
}

// paragraphs splits narrative text into trimmed non-empty paragraphs; an empty section becomes
// one placeholder paragraph so a preview shows what is missing.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(strings.TrimLeft(p, "　")); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{EmptySectionText}
	}
	return out
}

// EmptySectionText stands in for a narrative section the office has not written yet.
const EmptySectionText = "（未填写）"

// IdentitySheetColumns are the header labels of the identity sheet.
func IdentitySheetColumns() []string {
	return []string{"编号", "检查内容", "结果", "表", "行", "列", "应为", "实为", "说明"}
}

// statusText is the Chinese word for a check status.
func statusText(s Status) string {
	switch s {
	case StatusPass:
		return "通过"
	case StatusFail:
		return "不通过"
	case StatusWarn:
		return "提示"
	}
	return "未检查"
}

func (r *Report) xlsxIdentities(w *sheetWriter) {
	cols := IdentitySheetColumns()
	widths := []float64{6, 44, 8, 5, 36, 12, 8, 8, 50}
	for i, c := range cols {
		w.colWidth(i+1, i+1, widths[i])
		w.put(i+1, 1, i+1, 1, c, w.styles.header)
	}
	row := 2
	for _, res := range r.Check() {
		base := []any{res.ID, res.Description, statusText(res.Status)}
		if len(res.Mismatches) == 0 {
			vals := append(base, "", "", "", "", "", res.Note)
			for i, v := range vals {
				w.put(i+1, row, i+1, row, v, w.styles.label)
			}
			w.rowHeight(row, textLines(res.Description, widths[1]))
			row++
			continue
		}
		for _, m := range res.Mismatches {
			vals := append(append([]any(nil), base...), m.Table, m.Row, m.Column, m.Expected, m.Actual, m.Message)
			for i, v := range vals {
				w.put(i+1, row, i+1, row, v, w.styles.label)
			}
			w.rowHeight(row, max(textLines(res.Description, widths[1]), textLines(m.Row, widths[4]), textLines(m.Message, widths[8])))
			row++
		}
	}
	w.printSetup(true)
}
