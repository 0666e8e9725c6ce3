package requests

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/xuri/excelize/v2"
	"golang.org/x/crypto/argon2"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database"
	"xxgk/sheet"
)

// Imports of historical applications and appeals, for bodies moving from older systems: their
// annual reports must count last year's carried-over cases and last year's reviews and lawsuits.
// The files are CSV (UTF-8 or GBK) or XLSX, read like the catalog import (catalog/importfile.go):
// the header may follow a few title lines, headers are matched loosely (full-width characters,
// spaces, a trailing * or （必填） are ignored), every problem is reported as
// "row N, column X: problem" with the header as the file writes it, and nothing is written
// unless the whole file is good. A real import is one transaction.

// Limits of an import file; see catalog's limits of the same names for the reasons.
const (
	MaxRequestImportFileSize = 64 << 20
	maxImportRows            = 200_000
	maxImportProblems        = 1000
	importHeaderSearchRows   = 5
)

// ImportKind says which file an import reads.
type ImportKind string

// The import kinds, as the command line names them.
const (
	ImportApplicationsKind ImportKind = "applications"
	ImportAppealsKind      ImportKind = "appeals"
)

// ImportProblem is one thing wrong with an import file, located the way an officer finds it in a
// spreadsheet program.
type ImportProblem struct {
	Row     int    // spreadsheet row number, or 0 for a problem with the file as a whole
	Column  string // the header as the file writes it; "" for the file or the whole row
	Problem string
	col     int
}

// String reads "row 7, column 收到日期: ..." or, for the file as a whole, "file: ...".
func (p ImportProblem) String() string {
	switch {
	case p.Row == 0:
		return "file: " + p.Problem
	case p.Column == "":
		return fmt.Sprintf("row %d: %s", p.Row, p.Problem)
	}
	return fmt.Sprintf("row %d, column %s: %s", p.Row, p.Column, p.Problem)
}

// ImportError lists every problem that stopped an import; nothing was written.
type ImportError struct {
	Problems []ImportProblem
}

func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "requests: import: %d problem", len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	for i, p := range e.Problems {
		if i == 3 {
			b.WriteString("; …")
			break
		}
		b.WriteString("; ")
		b.WriteString(p.String())
	}
	return b.String()
}

// ImportOptions tune an import.
type ImportOptions struct {
	// DryRun makes every check, those against the database included, and writes nothing.
	DryRun bool
	// FileName is recorded in the audit event and the imported events; the name given to the
	// import function when empty.
	FileName string
	// Today is the day dates may not be after; calendar.Today() when zero.
	Today calendar.Date
}

// ImportResult says what an import did or, for a dry run, would do.
type ImportResult struct {
	DryRun bool `json:"dry_run"`
	Rows   int  `json:"rows"`
	// Applications: Concluded have an outcome and an answer date, Open are still waiting;
	// Generated had no 申请编号 and were (or would be) numbered by xxgk.
	Concluded int `json:"concluded,omitempty"`
	Open      int `json:"open,omitempty"`
	Generated int `json:"generated,omitempty"`
	// Appeals: Linked name an application by its 申请编号; Pending are not yet concluded.
	Linked  int `json:"linked,omitempty"`
	Pending int `json:"pending,omitempty"`
}

// importColumn is a column of an import format.
type importColumn struct {
	key      string // field key used in the code
	name     string // the header the template writes
	aliases  []string
	required bool
	note     string // for the template's help sheet
	sample   string
}

func applicationColumns() []importColumn {
	return []importColumn{
		{"tracking_no", "申请编号", []string{"编号", "受理编号", "申请号", "tracking_no"}, false,
			"原系统的申请编号，原样保留（须唯一）；留空则由系统按 YSQ-年份-机关代码-序号 编号。", "2025-0031"},
		{"applicant_type", "申请人类型", []string{"申请主体类型", "applicant_type"}, true,
			"必填：自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他。", "自然人"},
		{"applicant_name", "申请人", []string{"申请人姓名", "申请人名称", "姓名", "applicant_name"}, true,
			"必填：自然人姓名或组织名称，不超过200字。", "张三"},
		{"received_on", "收到日期", []string{"受理日期", "申请日期", "received_on"}, true,
			"必填：本机关收到申请之日（条例第三十一条），格式 2025-12-15、2025/12/15 或 2025年12月15日。", "2025-12-15"},
		{"description", "申请内容", []string{"所需信息", "申请信息内容", "所需信息内容描述", "description"}, true,
			"必填：申请获取的政府信息，不超过5000字。", "2025年度重点建设项目投资计划"},
		{"outcome", "办理结果", []string{"答复结果", "处理结果", "outcome"}, false,
			"年报表三的结果行，如 （一）予以公开、（二）部分公开（区分处理的，只计这一情形，不计其他情形）、4.保护第三方合法权益，或不带序号的 予以公开、部分公开、保护第三方合法权益，或系统的结果代码。尚未办结的留空。",
			"（一）予以公开"},
		{"answered_on", "答复日期", []string{"办结日期", "answered_on"}, false,
			"已答复的填写答复日期，不得早于收到日期；留空表示尚未办结（须同时留空办理结果）。", "2026-01-09"},
	}
}

func appealColumns() []importColumn {
	return []importColumn{
		{"tracking_no", "申请编号", []string{"编号", "tracking_no"}, false,
			"可选：所涉政府信息公开申请的申请编号（须为本机关已有的申请），用于关联案件。", "2025-0031"},
		{"kind", "类型", []string{"案件类型", "kind"}, true,
			"必填：行政复议、未经复议直接起诉或复议后起诉。", "行政复议"},
		{"result", "结果", []string{"审结结果", "result"}, false,
			"结果维持、结果纠正、其他结果或尚未审结；留空视为尚未审结。", "结果维持"},
		{"filed_on", "收到日期", []string{"立案日期", "申请日期", "filed_on"}, true,
			"必填：复议申请或起诉的收到（立案）日期。", "2026-02-20"},
		{"concluded_on", "审结日期", []string{"结案日期", "concluded_on"}, false,
			"已审结的必填，不得早于收到日期；尚未审结的留空。", "2026-04-10"},
		{"note", "备注", []string{"note"}, false, "可选。", ""},
	}
}

// importTable is an import file read into cells, with its header located.
type importTable struct {
	cols     []importColumn
	xlsx     bool
	headers  []string       // as written
	col      map[string]int // field key → column index
	rows     []importRecord // data rows, blank ones skipped
	problems []ImportProblem
	headerAt int
}

type importRecord struct {
	row   int
	cells []string
}

func (t *importTable) cell(r importRecord, key string) string {
	i, ok := t.col[key]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// header is the header of field key as the file writes it, or the template's name when the
// file has no such column.
func (t *importTable) header(key string) (string, int) {
	if i, ok := t.col[key]; ok {
		return t.headers[i], i
	}
	for _, c := range t.cols {
		if c.key == key {
			return c.name, len(t.headers)
		}
	}
	return key, len(t.headers)
}

func (t *importTable) problem(row int, key, msg string) {
	h, i := t.header(key)
	t.problems = append(t.problems, ImportProblem{Row: row, Column: h, Problem: msg, col: i})
}

func (t *importTable) fileProblem(msg string) {
	t.problems = append(t.problems, ImportProblem{Problem: msg})
}

// sortedProblems returns the problems in file order, capped at maxImportProblems.
func (t *importTable) sortedProblems() []ImportProblem {
	p := slices.Clone(t.problems)
	slices.SortStableFunc(p, func(a, b ImportProblem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.col - b.col
	})
	if len(p) > maxImportProblems {
		n := len(p) - maxImportProblems
		p = append(p[:maxImportProblems], ImportProblem{Problem: fmt.Sprintf("%d more problems not listed; fix the ones above and try again", n)})
	}
	return p
}

func lookupImportHeader(cols []importColumn, h string) (string, bool) {
	n := sheet.NormHeader(h)
	if n == "" {
		return "", false
	}
	for _, c := range cols {
		if n == c.name || slices.Contains(c.aliases, n) {
			return c.key, true
		}
	}
	return "", false
}

// readImportTable reads a CSV or XLSX file (by extension, else by content) into cells and finds
// its header. err is for a file that cannot be read at all; problems with the header are in
// t.problems.
func readImportTable(name string, r io.Reader, cols []importColumn) (*importTable, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxRequestImportFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxRequestImportFileSize {
		return nil, fmt.Errorf("larger than %d MB", MaxRequestImportFileSize>>20)
	}
	t := &importTable{cols: cols, col: map[string]int{}, xlsx: sheet.IsXLSX(name, data)}
	// Every row is kept, a CSV's blank lines as empty records, so records[i] is spreadsheet row i+1.
	var records [][]string
	err = sheet.Read(name, data, 512<<20, func(n int, cells []string) error {
		if n > maxImportRows {
			return fmt.Errorf("more than %d rows", maxImportRows)
		}
		for len(records) < n-1 {
			records = append(records, nil)
		}
		records = append(records, slices.Clone(cells))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, rec := range records {
		row := i + 1
		if t.headerAt == 0 {
			if !t.tryHeader(row, rec) {
				if row >= importHeaderSearchRows || len(t.problems) > 0 {
					break
				}
				continue
			}
			if len(t.problems) > 0 && t.missingRequired() {
				break
			}
			continue
		}
		if sheet.Blank(rec) {
			continue
		}
		t.rows = append(t.rows, importRecord{row: row, cells: rec})
	}
	if t.headerAt == 0 && len(t.problems) == 0 {
		if len(records) == 0 {
			t.fileProblem("the file is empty: no header row")
		} else {
			t.fileProblem(fmt.Sprintf("no header row in the first %d rows: the header names the columns (%s)", importHeaderSearchRows, t.knownHeaders()))
		}
	}
	return t, nil
}

func (t *importTable) knownHeaders() string {
	names := make([]string, len(t.cols))
	for i, c := range t.cols {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

func (t *importTable) missingRequired() bool {
	for _, c := range t.cols {
		if _, ok := t.col[c.key]; c.required && !ok {
			return true
		}
	}
	return false
}

// tryHeader takes row as the header when it names at least two known columns.
func (t *importTable) tryHeader(row int, cells []string) bool {
	known := 0
	for _, c := range cells {
		if _, ok := lookupImportHeader(t.cols, c); ok {
			known++
		}
	}
	if known < 2 {
		return false
	}
	t.headerAt = row
	t.headers = make([]string, len(cells))
	var unknown []string
	for i, h := range cells {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		t.headers[i] = h
		if h == "" {
			continue
		}
		key, ok := lookupImportHeader(t.cols, h)
		if !ok {
			unknown = append(unknown, h)
			continue
		}
		if prev, dup := t.col[key]; dup {
			t.fileProblem(fmt.Sprintf("columns %s and %s mean the same", t.headers[prev], h))
			continue
		}
		t.col[key] = i
	}
	if len(unknown) > 0 {
		t.fileProblem(fmt.Sprintf("unknown columns %s (known: %s)", strings.Join(unknown, ", "), t.knownHeaders()))
	}
	var missing []string
	for _, c := range t.cols {
		if _, ok := t.col[c.key]; c.required && !ok {
			missing = append(missing, c.name)
		}
	}
	if len(missing) > 0 {
		t.fileProblem("missing required columns " + strings.Join(missing, ", "))
	}
	return true
}

// parseImportDate parses a date cell (see sheet.ParseDate). Applications under the Regulation
// exist from 2008 on.
func parseImportDate(s string, xlsx bool) (calendar.Date, error) {
	return sheet.ParseDate(s, xlsx, 2008, 2200, "2025-12-15")
}

// date reads a date cell of row r; empty gives the zero Date, and "required" when required.
func (t *importTable) date(r importRecord, key string, required bool, today calendar.Date) calendar.Date {
	s := t.cell(r, key)
	if s == "" {
		if required {
			t.problem(r.row, key, "required")
		}
		return calendar.Date{}
	}
	d, err := parseImportDate(s, t.xlsx)
	if err != nil {
		t.problem(r.row, key, err.Error())
		return calendar.Date{}
	}
	if d.After(today) {
		t.problem(r.row, key, fmt.Sprintf("%s is in the future", d))
		return calendar.Date{}
	}
	return d
}

// outcomeKey folds an outcome as written for a lenient comparison: full-width to ASCII, no
// spaces or quotation marks, 、 after a row number written as a dot.
func outcomeKey(s string) string {
	s = strings.Map(func(r rune) rune {
		r = sheet.Fold(r)
		switch {
		case r == -1, unicode.IsSpace(r), strings.ContainsRune("\"'“”‘’「」", r):
			return -1
		case r == '、':
			return '.'
		}
		return r
	}, s)
	return strings.ToLower(s)
}

// ParseImportOutcome reads a 办理结果 cell: what ParseOutcome accepts, also typed loosely
// (half-width brackets, spaces, 4、 for 4., the row with its group as in （三）4.保护第三方合法权益,
// without the quotation marks of “三安全一稳定”).
func ParseImportOutcome(s string) (Outcome, error) {
	if o, err := ParseOutcome(strings.TrimSpace(s)); err == nil {
		return o, nil
	}
	k := outcomeKey(s)
	if k == "" {
		return "", fmt.Errorf("unknown outcome %q", s)
	}
	for _, info := range outcomes {
		for _, form := range []string{string(info.Outcome), info.Label, info.Row(), info.Group + info.Row()} {
			if k == outcomeKey(form) {
				return info.Outcome, nil
			}
		}
	}
	for _, form := range []string{"部分公开", "（二）部分公开"} {
		if k == outcomeKey(form) {
			return OutcomePartlyDisclosed, nil
		}
	}
	return "", fmt.Errorf("unknown outcome %q", s)
}

// importedApplication is one valid row of an applications file.
type importedApplication struct {
	row           int
	trackingNo    string // as given; "" to be numbered
	applicantType ApplicantType
	name          string
	received      calendar.Date
	description   string
	outcome       Outcome // "" while open
	answered      calendar.Date
}

// parseApplications validates the rows of an applications file.
func parseApplications(t *importTable, today calendar.Date) []importedApplication {
	var out []importedApplication
	seen := map[string][]int{}
	for _, r := range t.rows {
		before := len(t.problems)
		a := importedApplication{row: r.row}
		if a.trackingNo = NormalizeTrackingNo(t.cell(r, "tracking_no")); a.trackingNo != "" {
			switch n := utf8.RuneCountInString(a.trackingNo); {
			case n > 64:
				t.problem(r.row, "tracking_no", fmt.Sprintf("%d characters, at most 64 allowed", n))
			case strings.ContainsFunc(a.trackingNo, unicode.IsSpace):
				t.problem(r.row, "tracking_no", fmt.Sprintf("%q has spaces in it", a.trackingNo))
			default:
				seen[a.trackingNo] = append(seen[a.trackingNo], r.row)
			}
		}
		if s := t.cell(r, "applicant_type"); s == "" {
			t.problem(r.row, "applicant_type", "required")
		} else if at, err := ParseApplicantType(s); err != nil {
			t.problem(r.row, "applicant_type", fmt.Sprintf("%q is not 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构 or 其他", s))
		} else {
			a.applicantType = at
		}
		a.name = t.cell(r, "applicant_name")
		switch n := utf8.RuneCountInString(a.name); {
		case n == 0:
			t.problem(r.row, "applicant_name", "required")
		case n > 200:
			t.problem(r.row, "applicant_name", fmt.Sprintf("%d characters, at most 200 allowed", n))
		}
		a.received = t.date(r, "received_on", true, today)
		a.description = t.cell(r, "description")
		switch n := utf8.RuneCountInString(a.description); {
		case n == 0:
			t.problem(r.row, "description", "required")
		case n > 5000:
			t.problem(r.row, "description", fmt.Sprintf("%d characters, at most 5000 allowed", n))
		}
		outcomeCell := t.cell(r, "outcome")
		if outcomeCell != "" {
			if o, err := ParseImportOutcome(outcomeCell); err != nil {
				t.problem(r.row, "outcome", fmt.Sprintf("%q is not an outcome: write a row of table 三 such as （一）予以公开 or 4.保护第三方合法权益, the same without its number, or an outcome code such as disclosed", outcomeCell))
			} else {
				a.outcome = o
			}
		}
		answeredCell := t.cell(r, "answered_on")
		a.answered = t.date(r, "answered_on", false, today)
		switch {
		case outcomeCell == "" && answeredCell != "":
			t.problem(r.row, "outcome", "required when 答复日期 is given (leave both empty for an application still open)")
		case outcomeCell != "" && answeredCell == "":
			t.problem(r.row, "answered_on", "required when 办理结果 is given (leave both empty for an application still open)")
		}
		if !a.received.IsZero() && !a.answered.IsZero() && a.answered.Before(a.received) {
			t.problem(r.row, "answered_on", fmt.Sprintf("%s is before 收到日期 %s", a.answered, a.received))
		}
		if len(t.problems) == before {
			out = append(out, a)
		}
	}
	for no, rows := range seen {
		if len(rows) < 2 {
			continue
		}
		for _, row := range rows {
			t.problem(row, "tracking_no", fmt.Sprintf("duplicate 申请编号 %q, also in %s", no, otherRows(rows, row)))
		}
	}
	return out
}

func otherRows(rows []int, row int) string {
	var others []string
	for _, o := range rows {
		if o != row {
			others = append(others, strconv.Itoa(o))
		}
	}
	word := "row "
	if len(others) > 1 {
		word = "rows "
	}
	return word + strings.Join(others, ", ")
}

// Importer imports historical applications and appeals into a body's records.
type Importer struct {
	db *sqlx.DB
}

// NewImporter returns an Importer writing to db.
func NewImporter(db *sqlx.DB) *Importer { return &Importer{db: db} }

// fileError turns a file that cannot be read into the officer's problem, like a bad row.
func fileError(err error) *ImportError {
	return &ImportError{Problems: []ImportProblem{{Problem: err.Error()}}}
}

func (o *ImportOptions) defaults(name string) {
	if o.FileName == "" {
		o.FileName = filepath.Base(name)
	}
	if o.Today.IsZero() {
		o.Today = calendar.Today()
	}
}

// ImportApplications imports a body's historical applications from a CSV or XLSX file with the
// headers 申请编号, 申请人类型, 申请人, 收到日期, 申请内容, 办理结果, 答复日期 (see
// applicationColumns for the aliases accepted and WriteImportTemplate for the template).
//
// Rows with 办理结果 and 答复日期 are concluded: status answered, or closed for the abandoned
// outcomes of group （六） 1–2, with their outcome and answer date, counted by the annual report
// of the year answered. Rows with both empty are open (status in_progress) with the due date
// ComputeDeadline gives from 收到日期 under the current calendar: they are the carried-over
// cases. 申请编号 is kept when given (it must be unique in the file and in xxgk); rows without
// one are numbered YSQ-YYYY-NNNNNN in the year received from the body's counter, skipping
// numbers taken. A kept number of that pattern for the year received keeps its serial and moves
// the counter past it, so that the body's next applications do not collide with it. Only the
// applicant's name is recorded; the query code is random and never shown (nobody tracks an
// imported application online). Each application gets one imported event; one
// application.import audit event records the import.
//
// Every problem — of the file, of its rows, against the database — comes back together in an
// *ImportError and nothing is written. A real import is one transaction. ErrNotFound (wrapped)
// means the body does not exist.
func (im *Importer) ImportApplications(ctx context.Context, actor audit.Actor, bodyCode, name string, r io.Reader, opts ImportOptions) (ImportResult, error) {
	opts.defaults(name)
	t, err := readImportTable(name, r, applicationColumns())
	if err != nil {
		return ImportResult{DryRun: true}, fileError(err)
	}
	apps := parseApplications(t, opts.Today)
	var res ImportResult
	run := func(q sqlx.QueryerContext, tx *sqlx.Tx) error {
		body, err := bodyByCode(ctx, q, bodyCode)
		if err != nil {
			return err
		}
		if err := checkApplications(ctx, q, t, body, apps); err != nil {
			return err
		}
		if len(t.problems) > 0 {
			return &ImportError{Problems: t.sortedProblems()}
		}
		res = applicationsResult(apps, tx == nil)
		if tx == nil {
			return nil
		}
		if err := writeApplications(ctx, tx, actor, body, apps, opts); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "application.import", Target: "body:" + body.Code, Body: body.Code,
			Changes: map[string]any{"file": opts.FileName, "applications": res.Rows, "concluded": res.Concluded,
				"open": res.Open, "generated_tracking_nos": res.Generated}})
	}
	if opts.DryRun {
		err = run(im.db, nil)
	} else {
		err = database.Transact(ctx, im.db, func(tx *sqlx.Tx) error { return run(tx, tx) })
	}
	var ie *ImportError
	if errors.As(err, &ie) {
		return ImportResult{DryRun: true}, ie
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("requests: import applications into %s: %w", bodyCode, err)
	}
	return res, nil
}

func applicationsResult(apps []importedApplication, dry bool) ImportResult {
	res := ImportResult{DryRun: dry, Rows: len(apps)}
	for _, a := range apps {
		if a.outcome == "" {
			res.Open++
		} else {
			res.Concluded++
		}
		if a.trackingNo == "" {
			res.Generated++
		}
	}
	return res
}

// xxgkTrackingNoRE matches the tracking numbers xxgk gives (see trackingNo): year, body code,
// serial.
var xxgkTrackingNoRE = regexp.MustCompile(`^YSQ-([0-9]{4})-([A-Z0-9][A-Z0-9_-]*)-([0-9]{6})$`)

// checkApplications reports kept tracking numbers that xxgk already holds, and kept numbers of
// xxgk's own form that xxgk could give to another application later: another body's, or of
// another year than the one received.
func checkApplications(ctx context.Context, q sqlx.QueryerContext, t *importTable, body bodyRef, apps []importedApplication) error {
	var nos []string
	for _, a := range apps {
		if a.trackingNo == "" {
			continue
		}
		if m := xxgkTrackingNoRE.FindStringSubmatch(a.trackingNo); m != nil {
			if m[2] != strings.ToUpper(body.Code) {
				t.problem(a.row, "tracking_no", fmt.Sprintf("%q has the form of xxgk's numbers of another body (%s): leave 申请编号 empty and xxgk numbers the application", a.trackingNo, m[2]))
				continue
			}
			if y, _ := strconv.Atoi(m[1]); y != a.received.Year() && !a.received.IsZero() {
				t.problem(a.row, "tracking_no", fmt.Sprintf("%q has the year %d but 收到日期 is in %d", a.trackingNo, y, a.received.Year()))
				continue
			}
		}
		nos = append(nos, a.trackingNo)
	}
	if len(nos) == 0 {
		return nil
	}
	var taken []string
	if err := sqlx.SelectContext(ctx, q, &taken, `SELECT tracking_no FROM applications WHERE tracking_no = ANY($1)`, pq.Array(nos)); err != nil {
		return err
	}
	for _, a := range apps {
		if slices.Contains(taken, a.trackingNo) {
			t.problem(a.row, "tracking_no", fmt.Sprintf("%q is already taken by an application in xxgk", a.trackingNo))
		}
	}
	return nil
}

// yearSerials allocates the serials of one year of one body during an import.
type yearSerials struct {
	last  int          // the counter
	used  map[int]bool // serials the body holds this year, or assigned by the import
	taken map[string]bool
}

func writeApplications(ctx context.Context, tx *sqlx.Tx, actor audit.Actor, body bodyRef, apps []importedApplication, opts ImportOptions) error {
	cal, err := calendar.Current(ctx, tx)
	if err != nil {
		return err
	}
	years := map[int]*yearSerials{}
	fileNos := map[string]bool{}
	for _, a := range apps {
		if a.trackingNo != "" {
			fileNos[a.trackingNo] = true
		}
	}
	serials := func(year int) (*yearSerials, error) {
		if ys := years[year]; ys != nil {
			return ys, nil
		}
		// The counter row is locked until the import commits, so that the store's intake and
		// a concurrent import number after this one.
		if _, err := tx.ExecContext(ctx, `INSERT INTO application_counters (body_id, year, last) VALUES ($1, $2, 0)
			ON CONFLICT (body_id, year) DO NOTHING`, body.ID, year); err != nil {
			return nil, err
		}
		ys := &yearSerials{used: map[int]bool{}, taken: map[string]bool{}}
		if err := tx.GetContext(ctx, &ys.last, `SELECT last FROM application_counters WHERE body_id = $1 AND year = $2 FOR UPDATE`, body.ID, year); err != nil {
			return nil, err
		}
		var used []int
		if err := tx.SelectContext(ctx, &used, `SELECT serial FROM applications WHERE body_id = $1 AND year = $2`, body.ID, year); err != nil {
			return nil, err
		}
		for _, s := range used {
			ys.used[s] = true
		}
		var taken []string
		if err := tx.SelectContext(ctx, &taken, `SELECT tracking_no FROM applications WHERE starts_with(tracking_no, $1)`,
			strings.TrimSuffix(trackingNo(body.Code, year, 0), "000000")); err != nil {
			return nil, err
		}
		for _, no := range taken {
			ys.taken[no] = true
		}
		years[year] = ys
		return ys, nil
	}

	serial := make([]int, len(apps))
	// Kept numbers of xxgk's pattern for this body keep their serial when it is free.
	// checkApplications made sure they are of this body and of the year received.
	for i, a := range apps {
		m := xxgkTrackingNoRE.FindStringSubmatch(a.trackingNo)
		if m == nil {
			continue
		}
		y, _ := strconv.Atoi(m[1])
		n, _ := strconv.Atoi(m[3])
		if n == 0 {
			continue
		}
		ys, err := serials(y)
		if err != nil {
			return err
		}
		if !ys.used[n] {
			ys.used[n] = true
			serial[i] = n
		}
	}
	// Then the rows xxgk numbers, so that their numbers follow the counter without gaps, and
	// last the rows that keep a number of another system, whose serials nobody sees.
	order := make([]int, 0, len(apps))
	for _, kept := range []bool{false, true} {
		for i, a := range apps {
			if serial[i] == 0 && (a.trackingNo != "") == kept {
				order = append(order, i)
			}
		}
	}
	for _, i := range order {
		a := apps[i]
		year := a.received.Year()
		ys, err := serials(year)
		if err != nil {
			return err
		}
		n := ys.last + 1
		for ys.used[n] || a.trackingNo == "" && (ys.taken[trackingNo(body.Code, year, n)] || fileNos[trackingNo(body.Code, year, n)]) {
			n++
		}
		ys.used[n] = true
		ys.last = max(ys.last, n)
		serial[i] = n
	}
	for year, ys := range years {
		for n := range ys.used {
			ys.last = max(ys.last, n)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE application_counters SET last = GREATEST(last, $3) WHERE body_id = $1 AND year = $2`,
			body.ID, year, ys.last); err != nil {
			return err
		}
	}

	policy := DefaultClockPolicy() // imported applications have no clock events: the policy cannot matter
	for i, a := range apps {
		year := a.received.Year()
		no := a.trackingNo
		if no == "" {
			no = trackingNo(body.Code, year, serial[i])
		}
		code, err := unknowableCodeHash()
		if err != nil {
			return err
		}
		var (
			status                = StatusInProgress
			due         any       = nil
			provisional           = false
			outcome     any       = nil
			answered    any       = nil
			submittedAt time.Time = a.received.Time(calendar.China)
		)
		if a.outcome != "" {
			status = StatusAnswered
			if a.outcome == OutcomeAbandonedNoCorrection || a.outcome == OutcomeAbandonedFeeUnpaid {
				status = StatusClosed
			}
			outcome, answered = string(a.outcome), a.answered
		} else {
			dl, err := ComputeDeadline(cal, policy, a.received, nil)
			if err != nil {
				return fmt.Errorf("row %d: %w", a.row, err)
			}
			due, provisional = dl.Due, dl.Provisional
		}
		var id int64
		err = tx.GetContext(ctx, &id, `INSERT INTO applications (body_id, tracking_no, year, serial, query_code_hash,
			applicant_type, applicant_name, description, channel, submitted_at, received_on, status, due_on, due_provisional,
			outcome, answered_on, source, created_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'import', $9, $10, $11, $12, $13, $14, $15, 'import', $16)
			RETURNING id`,
			body.ID, no, year, serial[i], code, string(a.applicantType), a.name, a.description, submittedAt, a.received,
			string(status), due, provisional, outcome, answered, actor.Name)
		if err != nil {
			return fmt.Errorf("row %d: %w", a.row, err)
		}
		data := map[string]any{"file": opts.FileName, "row": a.row}
		if a.trackingNo == "" {
			data["generated_tracking_no"] = true
		}
		if a.outcome != "" {
			data["outcome"] = a.outcome
			data["answered_on"] = a.answered
		}
		if err := insertImportedEvent(ctx, tx, id, a.received, actor, "从原系统导入（"+opts.FileName+"）", data); err != nil {
			return fmt.Errorf("row %d: %w", a.row, err)
		}
	}
	return nil
}

// unknowableCodeHash is the query-code hash of an imported application: a well-formed argon2id
// PHC string, so that tracking it fails like any wrong code, of random salt and key, so that no
// code matches it. Nobody tracks an imported application online, and hashing a real code per row
// would make a large import take minutes.
func unknowableCodeHash() ([]byte, error) {
	b := make([]byte, 16+32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	b64 := base64.RawStdEncoding
	return fmt.Appendf(nil, "$argon2id$v=%d$m=8192,t=2,p=1$%s$%s", argon2.Version, b64.EncodeToString(b[:16]), b64.EncodeToString(b[16:])), nil
}

// EventImported is the kind of the event every imported application gets, dated the day it was
// received (so that an officer may still record what happened on paper after that day) and not
// public. It does not move the clock.
const EventImported = "imported"

func insertImportedEvent(ctx context.Context, tx *sqlx.Tx, appID int64, on calendar.Date, actor audit.Actor, note string, data map[string]any) error {
	b, err := json.Marshal(data)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO application_events (application_id, kind, on_date, actor, note, data, public)
		VALUES ($1, $2, $3, $4, $5, $6::jsonb, false)`, appID, EventImported, on, actor.Name, note, string(b))
	return err
}

// parseImportAppealResult reads a 结果 cell: what ParseAppealResult accepts, or the label without
// 结果 as officers write it (维持, 纠正, 其他, 未审结).
func parseImportAppealResult(s string) (AppealResult, error) {
	s = sheet.NormHeader(s)
	if r, err := ParseAppealResult(s); err == nil {
		return r, nil
	}
	switch s {
	case "维持":
		return AppealUpheld, nil
	case "纠正":
		return AppealCorrected, nil
	case "其他":
		return AppealOther, nil
	case "未审结", "审理中":
		return AppealPending, nil
	}
	return "", fmt.Errorf("unknown appeal result %q", s)
}

// importedAppeal is one valid row of an appeals file.
type importedAppeal struct {
	row        int
	trackingNo string
	appID      *int64
	kind       AppealKind
	result     AppealResult
	filed      calendar.Date
	concluded  calendar.Date
	note       string
}

func parseAppeals(t *importTable, today calendar.Date) []importedAppeal {
	var out []importedAppeal
	for _, r := range t.rows {
		before := len(t.problems)
		a := importedAppeal{row: r.row, trackingNo: NormalizeTrackingNo(t.cell(r, "tracking_no")), note: t.cell(r, "note")}
		if s := t.cell(r, "kind"); s == "" {
			t.problem(r.row, "kind", "required")
		} else if k, err := ParseAppealKind(sheet.NormHeader(s)); err != nil {
			t.problem(r.row, "kind", fmt.Sprintf("%q is not 行政复议, 未经复议直接起诉 or 复议后起诉", s))
		} else {
			a.kind = k
		}
		resultCell := t.cell(r, "result")
		if resultCell == "" {
			a.result = AppealPending
		} else if res, err := parseImportAppealResult(resultCell); err != nil {
			t.problem(r.row, "result", fmt.Sprintf("%q is not 结果维持, 结果纠正, 其他结果 or 尚未审结", resultCell))
		} else {
			a.result = res
		}
		a.filed = t.date(r, "filed_on", true, today)
		concludedCell := t.cell(r, "concluded_on")
		a.concluded = t.date(r, "concluded_on", false, today)
		switch {
		case a.result == AppealPending && concludedCell != "":
			t.problem(r.row, "concluded_on", "must be empty while the case is 尚未审结 (or give its 结果)")
		case a.result != "" && a.result != AppealPending && concludedCell == "":
			t.problem(r.row, "concluded_on", "required when 结果 is given")
		}
		if !a.filed.IsZero() && !a.concluded.IsZero() && a.concluded.Before(a.filed) {
			t.problem(r.row, "concluded_on", fmt.Sprintf("%s is before 收到日期 %s", a.concluded, a.filed))
		}
		if n := utf8.RuneCountInString(a.note); n > 2000 {
			t.problem(r.row, "note", fmt.Sprintf("%d characters, at most 2000 allowed", n))
		}
		if len(t.problems) == before {
			out = append(out, a)
		}
	}
	return out
}

// linkAppeals finds the applications the appeals name; an unknown 申请编号, or one of another
// body, is a problem of its row.
func linkAppeals(ctx context.Context, q sqlx.QueryerContext, t *importTable, body bodyRef, appeals []importedAppeal) error {
	var nos []string
	for _, a := range appeals {
		if a.trackingNo != "" {
			nos = append(nos, a.trackingNo)
		}
	}
	if len(nos) == 0 {
		return nil
	}
	type found struct {
		ID         int64             `db:"id"`
		TrackingNo string            `db:"tracking_no"`
		BodyID     int64             `db:"body_id"`
		Received   calendar.NullDate `db:"received_on"`
	}
	var rows []found
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT id, tracking_no, body_id, received_on FROM applications WHERE tracking_no = ANY($1)`, pq.Array(nos)); err != nil {
		return err
	}
	byNo := map[string]found{}
	for _, f := range rows {
		byNo[f.TrackingNo] = f
	}
	for i, a := range appeals {
		if a.trackingNo == "" {
			continue
		}
		f, ok := byNo[a.trackingNo]
		switch {
		case !ok:
			t.problem(a.row, "tracking_no", fmt.Sprintf("no application %q in %s (import the applications first)", a.trackingNo, body.Name))
		case f.BodyID != body.ID:
			t.problem(a.row, "tracking_no", fmt.Sprintf("application %q belongs to another body, not %s", a.trackingNo, body.Name))
		case f.Received.Valid && !a.filed.IsZero() && a.filed.Before(f.Received.Date):
			t.problem(a.row, "filed_on", fmt.Sprintf("%s is before the application's 收到日期 %s", a.filed, f.Received.Date))
		default:
			id := f.ID
			appeals[i].appID = &id
		}
	}
	return nil
}

// ImportAppeals imports a body's administrative reviews and lawsuits (report table 四) from a
// CSV or XLSX file with the headers 申请编号 (optional: links the case to that application of
// the body), 类型 (行政复议 / 未经复议直接起诉 / 复议后起诉), 结果 (结果维持 / 结果纠正 / 其他结果 /
// 尚未审结; empty is 尚未审结), 收到日期, 审结日期 and optionally 备注. A concluded case needs its
// 审结日期 and a pending one must have none. Everything else is as ImportApplications: all
// problems together in an *ImportError and nothing written, one transaction, one appeal.import
// audit event.
func (im *Importer) ImportAppeals(ctx context.Context, actor audit.Actor, bodyCode, name string, r io.Reader, opts ImportOptions) (ImportResult, error) {
	opts.defaults(name)
	t, err := readImportTable(name, r, appealColumns())
	if err != nil {
		return ImportResult{DryRun: true}, fileError(err)
	}
	appeals := parseAppeals(t, opts.Today)
	var res ImportResult
	run := func(q sqlx.QueryerContext, tx *sqlx.Tx) error {
		body, err := bodyByCode(ctx, q, bodyCode)
		if err != nil {
			return err
		}
		if err := linkAppeals(ctx, q, t, body, appeals); err != nil {
			return err
		}
		if len(t.problems) > 0 {
			return &ImportError{Problems: t.sortedProblems()}
		}
		res = ImportResult{DryRun: tx == nil, Rows: len(appeals)}
		for _, a := range appeals {
			if a.appID != nil {
				res.Linked++
			}
			if a.result == AppealPending {
				res.Pending++
			}
		}
		if tx == nil {
			return nil
		}
		for _, a := range appeals {
			var concluded any
			if !a.concluded.IsZero() {
				concluded = a.concluded
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO appeals (body_id, application_id, kind, result, filed_on, concluded_on, note, source, created_by)
				VALUES ($1, $2, $3, $4, $5, $6, $7, 'import', $8)`,
				body.ID, a.appID, string(a.kind), string(a.result), a.filed, concluded, a.note, actor.Name); err != nil {
				return fmt.Errorf("row %d: %w", a.row, err)
			}
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "appeal.import", Target: "body:" + body.Code, Body: body.Code,
			Changes: map[string]any{"file": opts.FileName, "appeals": res.Rows, "linked": res.Linked, "pending": res.Pending}})
	}
	if opts.DryRun {
		err = run(im.db, nil)
	} else {
		err = database.Transact(ctx, im.db, func(tx *sqlx.Tx) error { return run(tx, tx) })
	}
	var ie *ImportError
	if errors.As(err, &ie) {
		return ImportResult{DryRun: true}, ie
	}
	if err != nil {
		return ImportResult{}, fmt.Errorf("requests: import appeals into %s: %w", bodyCode, err)
	}
	return res, nil
}

func importColumnsOf(kind ImportKind) ([]importColumn, error) {
	switch kind {
	case ImportApplicationsKind:
		return applicationColumns(), nil
	case ImportAppealsKind:
		return appealColumns(), nil
	}
	return nil, fmt.Errorf("requests: no import template %q: want applications or appeals", kind)
}

// WriteImportTemplate writes the XLSX template of an import: the headers (required ones marked
// with *, which the import ignores) and a sample row on the first sheet, a help sheet after it.
// Cells are text so that spreadsheet programs do not turn dates and numbers into numbers.
func WriteImportTemplate(w io.Writer, kind ImportKind) error {
	cols, err := importColumnsOf(kind)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	data, help := "申请", "填写说明"
	if kind == ImportAppealsKind {
		data = "复议诉讼"
	}
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return err
	}
	if _, err := f.NewSheet(help); err != nil {
		return err
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		return err
	}
	head, err := f.NewStyle(&excelize.Style{NumFmt: 49, Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return err
	}
	helpRows := [][]string{{"列名", "是否必填", "填写说明", "示例"}}
	for i, c := range cols {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		h, req := c.name, "否"
		if c.required {
			h, req = h+"*", "是"
		}
		if err := f.SetColStyle(data, col, text); err != nil {
			return err
		}
		if err := f.SetCellStr(data, col+"1", h); err != nil {
			return err
		}
		if err := f.SetCellStyle(data, col+"1", col+"1", head); err != nil {
			return err
		}
		if err := f.SetCellStr(data, col+"2", c.sample); err != nil {
			return err
		}
		width := 16.0
		if c.key == "description" || c.key == "outcome" || c.key == "note" {
			width = 36
		}
		if err := f.SetColWidth(data, col, col, width); err != nil {
			return err
		}
		helpRows = append(helpRows, []string{c.name, req, c.note, c.sample})
	}
	for i, r := range helpRows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(help, cell, &r); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(help, "A1", "D1", head); err != nil {
		return err
	}
	for col, width := range map[string]float64{"A": 12, "B": 10, "C": 80, "D": 30} {
		if err := f.SetColWidth(help, col, col, width); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("requests: write import template: %w", err)
	}
	return nil
}

// ImportTemplateCSV returns the CSV template of an import: the header and a sample row, UTF-8
// with a byte-order mark (without it Excel on Chinese Windows reads the file as GBK).
func ImportTemplateCSV(kind ImportKind) ([]byte, error) {
	cols, err := importColumnsOf(kind)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	header, sample := make([]string, len(cols)), make([]string, len(cols))
	for i, c := range cols {
		header[i], sample[i] = c.name, c.sample
		if c.required {
			header[i] += "*"
		}
	}
	_ = w.Write(header)
	_ = w.Write(sample)
	w.Flush()
	return b.Bytes(), nil
}
