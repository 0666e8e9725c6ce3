package catalog

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"xxgk/calendar"
	"xxgk/sheet"
)

// Limits of ParseImportFile. A department's whole catalog is at most tens of thousands of
// entries; the limits stop a mistaken or hostile upload (a zip bomb, a sheet claiming a million
// rows) from taking the server's memory.
const (
	// MaxImportFileSize is the largest file accepted, in bytes, as uploaded (compressed for XLSX).
	MaxImportFileSize = 64 << 20
	// MaxImportUnzippedSize caps the total uncompressed size of an XLSX's parts; excelize checks it
	// against the zip directory and archive/zip fails on parts that inflate beyond their declared
	// size, so a zip bomb stops before it is inflated.
	MaxImportUnzippedSize = 512 << 20
	// MaxImportRows is the largest number of rows (header included) read from a file.
	MaxImportRows = 200_000
	// MaxImportProblems is how many problems are listed; beyond it one file problem gives the count.
	MaxImportProblems = 1000
	// MaxTitleRunes is the longest title accepted.
	MaxTitleRunes = 500
	// headerSearchRows is how many rows may come before the header: exports from other systems
	// often start with a title line such as "某某局政府信息公开目录".
	headerSearchRows = 5
)

// ImportRow is one validated row of an import file. Dates are civil dates (calendar.Date; the
// zero Date means the cell was empty).
type ImportRow struct {
	Row         int    // spreadsheet row number (the header is row 1 unless a title line precedes it)
	IndexNo     string // CleanIndexNo of the cell; "" when the file has none and xxgk must number it
	Title       string
	DocNo       string   // NormalizeDocNo of the cell; numbers that do not parse are kept cleaned
	Issuers     []string // 发文机关, split on 、，,；; for joint issuance; the first is the lead body
	FormedOn    calendar.Date
	PublishedOn calendar.Date
	Kind        Kind
	// Validity is set only for normative documents. "" means the file did not say: the store
	// derives it (in force, or lapsed once ValidUntil has passed, or repealed with RepealedOn).
	Validity   Validity
	ValidUntil calendar.Date
	RepealedOn calendar.Date
	// Column is the 栏目 cell as written (a column name or code); "" leaves the choice to the
	// store, which uses DefaultColumnForKind.
	Column  string
	Subject string // 主题分类 with its levels separated by a backslash: 综合政务\政务公开
	Summary string
	Body    string
}

// ImportProblem is one thing wrong with an import file, located the way an officer finds it in a
// spreadsheet program.
type ImportProblem struct {
	Row     int    // spreadsheet row number (≥ 2), or 0 for a problem with the file as a whole
	Column  string // the header as written in the file; "" for a problem with the file as a whole
	Problem string
	col     int // column index in the file, for ordering the problems of a row
}

// String reads "row 7, column 成文日期: ..." or, for the file as a whole, "file: ...".
func (p ImportProblem) String() string {
	switch {
	case p.Row == 0:
		return "file: " + p.Problem
	case p.Column == "":
		return fmt.Sprintf("row %d: %s", p.Row, p.Problem)
	}
	return fmt.Sprintf("row %d, column %s: %s", p.Row, p.Column, p.Problem)
}

// importField identifies a column of the import format.
type importField int

const (
	fieldIndexNo importField = iota
	fieldTitle
	fieldDocNo
	fieldIssuer
	fieldFormedOn
	fieldPublishedOn
	fieldKind
	fieldValidity
	fieldValidUntil
	fieldRepealedOn
	fieldColumn
	fieldSubject
	fieldSummary
	fieldBody
	numImportFields
)

// importColumn describes a column of the import format, for parsing and for the template.
type importColumn struct {
	field    importField
	name     string   // Chinese header, as the template writes it
	code     string   // English alias
	aliases  []string // other headers seen in exports from other systems
	required bool
	note     string // explanation on the template's second sheet
	sample   string
}

// importColumns returns the import format in template order.
func importColumns() []importColumn {
	return []importColumn{
		{fieldIndexNo, "索引号", "index_no", nil, false,
			"本机关原有的索引号，原样保留（须在文件内唯一）；留空则由系统按“机构代码/年份-序号”自动编号。", "000014349/2023-00012"},
		{fieldTitle, "标题", "title", []string{"名称", "文件名称", "信息名称"}, true,
			"必填，不超过500字。", "沈阳市人民政府关于印发沈阳市优化营商环境若干措施的通知"},
		{fieldDocNo, "发文字号", "doc_no", []string{"文号"}, false,
			"如 沈政发〔2023〕12号；[ ]、( )、﹝﹞等括号会自动统一为〔〕。无文号的留空。", "沈政发〔2023〕12号"},
		{fieldIssuer, "发文机关", "issuer", []string{"发布机构", "发文单位"}, false,
			"联合发文的，用顿号分隔，牵头机关在前。", "沈阳市人民政府"},
		{fieldFormedOn, "成文日期", "formed_on", []string{"生成日期"}, true,
			"必填，格式 2023-03-01、2023/3/1 或 2023年3月1日。", "2023-03-01"},
		{fieldPublishedOn, "发布日期", "published_on", []string{"公开日期"}, false,
			"原网站的发布日期，不得早于成文日期。", "2023-03-03"},
		{fieldKind, "类别", "kind", []string{"文件类别"}, true,
			"必填：规章、行政规范性文件或其他。", "行政规范性文件"},
		{fieldValidity, "有效性", "validity", []string{"效力状态"}, false,
			"仅行政规范性文件填写：有效、失效、废止或已修订；留空由系统按有效期至和废止日期判断。其他类别留空（填“有效”的忽略）。", "有效"},
		{fieldValidUntil, "有效期至", "valid_until", nil, false,
			"仅行政规范性文件填写，须晚于成文日期。", "2028-02-29"},
		{fieldRepealedOn, "废止日期", "repealed_on", nil, false,
			"仅行政规范性文件填写，不得早于成文日期。", ""},
		{fieldColumn, "栏目", "column", nil, false,
			"栏目名称；留空时规章和行政规范性文件归入“政策文件”下的对应栏目。", "行政规范性文件"},
		{fieldSubject, "主题分类", "subject", nil, false,
			`两级分类，用反斜杠分隔，如 综合政务\政务公开。`, `综合政务\政务公开`},
		{fieldSummary, "内容概述", "summary", []string{"摘要"}, false,
			"100至200字的内容摘要。", "明确了优化营商环境的若干措施。"},
		{fieldBody, "正文", "body", []string{"内容"}, false,
			"正文全文（纯文本）。", "各区、县（市）人民政府，市政府各部门：……"},
	}
}

// lookupHeader returns the field a header names.
func lookupHeader(cols []importColumn, h string) (importField, bool) {
	n := sheet.NormHeader(h)
	if n == "" {
		return 0, false
	}
	for _, c := range cols {
		if n == c.name || n == c.code || slices.Contains(c.aliases, n) {
			return c.field, true
		}
	}
	return 0, false
}

// ParseImportFile parses a department's existing catalog from a CSV or XLSX file, chosen by the
// name's extension or, failing that, by the content (an XLSX is a zip file). It returns the rows
// that passed validation and the problems found, in file order; a caller importing all or nothing
// checks that problems is empty. err is for files that cannot be read at all: too large, not CSV
// or XLSX, a broken or oversized XLSX, an undecodable encoding.
//
// CSV may be UTF-8 with or without a byte-order mark, or GBK/GB18030 (what Excel on Chinese
// Windows saves): a file that is not valid UTF-8 is decoded as GB18030, a superset of GBK. A file
// whose header has tabs and no commas is read as tab-separated. XLSX is read from its first sheet,
// with date cells as Excel serial numbers.
//
// Validation: 标题, 成文日期 and 类别 are required; titles are at most MaxTitleRunes runes; dates
// are 2006-01-02, 2006/1/2 or 2006年1月2日 (an exported time of day after them is ignored), or
// Excel serial numbers in XLSX; 发布日期 and 废止日期 may not precede 成文日期 and 有效期至 must
// follow it; 索引号 must be unique within the file (a duplicate is reported on every row that has
// it); 发文字号 is normalised and never rejected. 有效性, 有效期至 and 废止日期 belong to normative
// documents only: for other kinds they must be empty, except that 有效 is tolerated and dropped,
// because many systems export 有效 for every row and nothing is lost by ignoring it.
func ParseImportFile(name string, r io.Reader) (rows []ImportRow, problems []ImportProblem, err error) {
	p, err := parseImport(name, r)
	if err != nil {
		return nil, nil, err
	}
	rows, problems = p.finish()
	return rows, problems, nil
}

// parseImport reads the file into a parser; finish then completes the checks.
func parseImport(name string, r io.Reader) (*importParser, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxImportFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("catalog: read import file %s: %w", name, err)
	}
	if len(data) > MaxImportFileSize {
		return nil, fmt.Errorf("catalog: import file %s is larger than %d MB", name, MaxImportFileSize>>20)
	}
	p := newImportParser()
	p.xlsx = sheet.IsXLSX(name, data)
	if err := sheet.Read(name, data, MaxImportUnzippedSize, p.addRecord); err != nil {
		return nil, fmt.Errorf("catalog: import file %s: %w", name, err)
	}
	return p, nil
}

// importParser holds the state of one ParseImportFile call.
type importParser struct {
	cols      []importColumn
	xlsx      bool
	headerRow int          // 0 until the header is found
	headers   []string     // as written
	fieldCol  []int        // column index of each field, -1 if absent
	rowsSeen  int          // rows read, header and blank rows included
	rows      []ImportRow  // every row parsed, valid or not
	bad       map[int]bool // spreadsheet rows with problems
	problems  []ImportProblem
	indexRows map[string][]int // index number → rows having it
}

func newImportParser() *importParser {
	p := &importParser{
		cols:      importColumns(),
		bad:       make(map[int]bool),
		indexRows: make(map[string][]int),
		fieldCol:  make([]int, numImportFields),
	}
	for i := range p.fieldCol {
		p.fieldCol[i] = -1
	}
	return p
}

// addRecord takes the cells of spreadsheet row row.
func (p *importParser) addRecord(row int, cells []string) error {
	p.rowsSeen = row
	if row > MaxImportRows {
		return fmt.Errorf("more than %d rows", MaxImportRows)
	}
	if p.headerRow == 0 {
		return p.tryHeader(row, cells)
	}
	if sheet.Blank(cells) {
		return nil
	}
	p.parseRow(row, cells)
	return nil
}

// tryHeader takes row as the header when it names at least two known columns; rows before it are
// a title and ignored.
func (p *importParser) tryHeader(row int, cells []string) error {
	known := 0
	for _, c := range cells {
		if _, ok := lookupHeader(p.cols, c); ok {
			known++
		}
	}
	if known < 2 {
		if row >= headerSearchRows {
			p.fileProblem(fmt.Sprintf("no header row in the first %d rows: the header names the columns (标题, 成文日期, 类别, ...)", headerSearchRows))
			return sheet.ErrStop
		}
		return nil
	}
	p.headerRow = row
	p.headers = slices.Clone(cells)
	var unknown []string
	for i, h := range p.headers {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		p.headers[i] = h
		if h == "" {
			continue
		}
		f, ok := lookupHeader(p.cols, h)
		if !ok {
			unknown = append(unknown, h)
			continue
		}
		if prev := p.fieldCol[f]; prev >= 0 {
			p.fileProblem(fmt.Sprintf("columns %s and %s both mean %s", p.headers[prev], h, p.cols[f].name))
			continue
		}
		p.fieldCol[f] = i
	}
	if len(unknown) > 0 {
		p.fileProblem(fmt.Sprintf("unknown columns %s (known: %s)", strings.Join(unknown, ", "), p.knownHeaders()))
	}
	var missing []string
	for _, c := range p.cols {
		if c.required && p.fieldCol[c.field] < 0 {
			missing = append(missing, c.name)
		}
	}
	if len(missing) > 0 {
		p.fileProblem("missing required columns " + strings.Join(missing, ", "))
		return sheet.ErrStop
	}
	return nil
}

func (p *importParser) knownHeaders() string {
	names := make([]string, len(p.cols))
	for i, c := range p.cols {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

func (p *importParser) fileProblem(msg string) {
	p.problems = append(p.problems, ImportProblem{Problem: msg})
}

func (p *importParser) problem(row int, f importField, msg string) {
	col := p.fieldCol[f]
	p.problems = append(p.problems, ImportProblem{Row: row, Column: p.headers[col], Problem: msg, col: col})
	p.bad[row] = true
}

// parseRow validates one data row; every problem is recorded, not just the first.
func (p *importParser) parseRow(row int, cells []string) {
	cell := func(f importField) string {
		col := p.fieldCol[f]
		if col < 0 || col >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[col])
	}
	if len(cells) > len(p.headers) && !sheet.Blank(cells[len(p.headers):]) {
		// Blame the last named column: the cells beyond it have no header to name.
		last := len(p.headers) - 1
		for last > 0 && p.headers[last] == "" {
			last--
		}
		p.problems = append(p.problems, ImportProblem{Row: row, Column: p.headers[last], col: last,
			Problem: "cells to the right of the last column: remove them or give them a header"})
		p.bad[row] = true
	}

	// PostgreSQL refuses NUL in text, and no catalog field means a control character: name the
	// cell instead of failing the whole import at COPY.
	for _, col := range p.fieldCol {
		if col >= 0 && col < len(cells) && strings.ContainsFunc(cells[col], isControl) {
			p.problems = append(p.problems, ImportProblem{Row: row, Column: p.headers[col], col: col,
				Problem: "contains a control character (such as NUL): remove it"})
			p.bad[row] = true
		}
	}

	r := ImportRow{Row: row}
	if r.IndexNo = CleanIndexNo(cell(fieldIndexNo)); r.IndexNo != "" {
		p.indexRows[r.IndexNo] = append(p.indexRows[r.IndexNo], row)
	}
	r.Title = cell(fieldTitle)
	switch n := utf8.RuneCountInString(r.Title); {
	case n == 0:
		p.problem(row, fieldTitle, "required")
	case n > MaxTitleRunes:
		p.problem(row, fieldTitle, fmt.Sprintf("%d characters, at most %d allowed", n, MaxTitleRunes))
	}
	r.DocNo = NormalizeDocNo(cell(fieldDocNo))
	r.Issuers = splitIssuers(cell(fieldIssuer))

	date := func(f importField, required bool) calendar.Date {
		s := cell(f)
		if s == "" {
			if required {
				p.problem(row, f, "required")
			}
			return calendar.Date{}
		}
		d, err := parseImportDate(s, p.xlsx)
		if err != nil {
			p.problem(row, f, err.Error())
		}
		return d
	}
	r.FormedOn = date(fieldFormedOn, true)
	r.PublishedOn = date(fieldPublishedOn, false)
	if !r.FormedOn.IsZero() && !r.PublishedOn.IsZero() && r.PublishedOn.Before(r.FormedOn) {
		p.problem(row, fieldPublishedOn, fmt.Sprintf("%s is before 成文日期 %s", r.PublishedOn, r.FormedOn))
	}

	if s := cell(fieldKind); s == "" {
		p.problem(row, fieldKind, "required")
	} else if k, err := ParseKind(s); err != nil {
		p.problem(row, fieldKind, fmt.Sprintf("%q is not 规章, 行政规范性文件 or 其他", s))
	} else {
		r.Kind = k
	}

	if s := cell(fieldValidity); s != "" {
		if v, err := ParseValidity(s); err != nil {
			p.problem(row, fieldValidity, fmt.Sprintf("%q is not 有效, 失效, 废止 or 已修订", s))
		} else if r.Kind == KindNormative {
			r.Validity = v
		} else if v != ValidityInForce && r.Kind != "" {
			p.problem(row, fieldValidity, fmt.Sprintf("only 行政规范性文件 have a validity status; this row is %s (leave it empty)", r.Kind.Label()))
		}
	}
	r.ValidUntil = date(fieldValidUntil, false)
	r.RepealedOn = date(fieldRepealedOn, false)
	for _, f := range []importField{fieldValidUntil, fieldRepealedOn} {
		if cell(f) != "" && r.Kind != "" && r.Kind != KindNormative {
			p.problem(row, f, fmt.Sprintf("only 行政规范性文件 have this date; this row is %s (leave it empty)", r.Kind.Label()))
		}
	}
	if !r.FormedOn.IsZero() && !r.ValidUntil.IsZero() && !r.ValidUntil.After(r.FormedOn) {
		p.problem(row, fieldValidUntil, fmt.Sprintf("%s is not after 成文日期 %s", r.ValidUntil, r.FormedOn))
	}
	if !r.FormedOn.IsZero() && !r.RepealedOn.IsZero() && r.RepealedOn.Before(r.FormedOn) {
		p.problem(row, fieldRepealedOn, fmt.Sprintf("%s is before 成文日期 %s", r.RepealedOn, r.FormedOn))
	}

	r.Column = cell(fieldColumn)
	r.Subject = normSubject(cell(fieldSubject))
	r.Summary = cell(fieldSummary)
	r.Body = cell(fieldBody)
	p.rows = append(p.rows, r)
}

// finish reports duplicate index numbers and returns the valid rows and the sorted problems.
func (p *importParser) finish() ([]ImportRow, []ImportProblem) {
	for idx, rows := range p.indexRows {
		if len(rows) < 2 {
			continue
		}
		for _, row := range rows {
			var others []string
			for _, o := range rows {
				if o != row {
					others = append(others, strconv.Itoa(o))
				}
			}
			word := "row"
			if len(others) > 1 {
				word = "rows"
			}
			p.problem(row, fieldIndexNo, fmt.Sprintf("duplicate index number %q, also in %s %s", idx, word, strings.Join(others, ", ")))
		}
	}
	slices.SortStableFunc(p.problems, func(a, b ImportProblem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		if a.Row == 0 {
			return 0
		}
		return a.col - b.col
	})
	if len(p.problems) > MaxImportProblems {
		n := len(p.problems) - MaxImportProblems
		p.problems = append(p.problems[:MaxImportProblems], ImportProblem{
			Problem: fmt.Sprintf("%d more problems not listed; fix the ones above and try again", n)})
	}
	if len(p.problems) == 0 && p.headerRow == 0 {
		p.problems = append(p.problems, ImportProblem{Problem: "the file is empty: no header row"})
	}
	valid := make([]ImportRow, 0, len(p.rows))
	for _, r := range p.rows {
		if !p.bad[r.Row] {
			valid = append(valid, r)
		}
	}
	return valid, p.problems
}

// splitIssuers splits joint issuers on the separators people type between them.
func splitIssuers(s string) []string {
	if s == "" {
		return nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n'
	})
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// normSubject writes the levels of a subject with a backslash, the national notation, whatever
// separator the file used (/, ／, ＼, >).
func normSubject(s string) string {
	if s == "" {
		return ""
	}
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == '\\' || r == '/' || r == '／' || r == '＼' || r == '>' || r == '＞'
	})
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), `\`)
}

// parseImportDate parses a date cell (see sheet.ParseDate) of the years documents carry.
func parseImportDate(s string, xlsx bool) (calendar.Date, error) {
	return sheet.ParseDate(s, xlsx, docNoMinYear, docNoMaxYear, "2023-03-01")
}

// Sheet names of the XLSX template. The data sheet comes first because ParseImportFile reads the
// first sheet.
const (
	templateDataSheet = "目录"
	templateHelpSheet = "填写说明"
)

// WriteImportTemplate writes the XLSX template officers fill in: the first sheet has the headers
// (required ones marked with *, which ParseImportFile ignores) and one sample row; the second
// explains each column. Cells are text so that Excel does not turn dates or index numbers into
// numbers.
func WriteImportTemplate(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := writeTemplate(f); err != nil {
		return fmt.Errorf("catalog: import template: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("catalog: write import template: %w", err)
	}
	return nil
}

func writeTemplate(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", templateDataSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(templateHelpSheet); err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	cols := importColumns()
	for i, c := range cols {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		header := c.name
		if c.required {
			header += "*"
		}
		if err := f.SetCellStr(templateDataSheet, name+"1", header); err != nil {
			return err
		}
		if err := f.SetCellStr(templateDataSheet, name+"2", c.sample); err != nil {
			return err
		}
		width := 14.0
		switch c.field {
		case fieldTitle, fieldSummary, fieldBody:
			width = 40
		case fieldIndexNo, fieldDocNo, fieldIssuer:
			width = 24
		}
		if err := f.SetColWidth(templateDataSheet, name, name, width); err != nil {
			return err
		}
		if err := f.SetColStyle(templateDataSheet, name, text); err != nil {
			return err
		}
	}
	last, err := excelize.ColumnNumberToName(len(cols))
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(templateDataSheet, "A1", last+"1", head); err != nil {
		return err
	}
	if err := f.SetPanes(templateDataSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	help := [][]string{{"列名", "英文列名", "是否必填", "填写说明", "示例"}}
	for _, c := range cols {
		req := "否"
		if c.required {
			req = "是"
		}
		help = append(help, []string{c.name, c.code, req, c.note, c.sample})
	}
	help = append(help, []string{}, []string{"说明", "", "", "第一行为列名（可用中文或英文列名，带*的为必填），从第二行起每行一条信息。也可另存为CSV（UTF-8或GBK编码）导入。", ""})
	for i, r := range help {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(templateHelpSheet, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(templateHelpSheet, "A1", "E1", head); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 12, "B": 14, "C": 10, "D": 70, "E": 40} {
		if err := f.SetColWidth(templateHelpSheet, col, col, width); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// ImportTemplateCSV returns the CSV template: the header and one sample row, UTF-8 with a
// byte-order mark, without which Excel on Chinese Windows opens the file as GBK and garbles it.
func ImportTemplateCSV() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	cols := importColumns()
	header := make([]string, len(cols))
	sample := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
		if c.required {
			header[i] += "*"
		}
		sample[i] = c.sample
	}
	_ = w.Write(header) // a bytes.Buffer does not fail
	_ = w.Write(sample)
	w.Flush()
	return b.Bytes()
}

// isControl reports the C0 control characters and DEL other than tab and line breaks, which a
// cell of a spreadsheet may legitimately hold.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}
