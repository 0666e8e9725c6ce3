package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// Template is the national format a report follows. Reports are versioned by template, not by
// year: some bodies kept the trial format after 2020.
type Template string

// The two national formats.
const (
	// Template2021 is 国办公开办函〔2021〕30号, used for reports on 2021 and later.
	Template2021 Template = "2021"
	// Template2019 is the 国办公开办函〔2019〕60号 trial format (reports on 2019 and 2020).
	Template2019 Template = "2019试行"
)

// Valid reports whether t is one of the known templates.
func (t Template) Valid() bool { return t == Template2021 || t == Template2019 }

// The six section headings, in their fixed order.
const (
	HeadingOverview     = "一、总体情况"
	HeadingProactive    = "二、主动公开政府信息情况"
	HeadingApplications = "三、收到和处理政府信息公开申请情况"
	HeadingReview       = "四、政府信息公开行政复议、行政诉讼情况"
	HeadingProblems     = "五、存在的主要问题及改进情况"
	HeadingOther        = "六、其他需要报告的事项"
)

// Headings lists the six section headings in order.
func Headings() []string {
	return []string{HeadingOverview, HeadingProactive, HeadingApplications, HeadingReview, HeadingProblems, HeadingOther}
}

// Body is the government or department the report belongs to.
type Body struct {
	Name string `json:"name"`
	Code string `json:"code"`
}

// Sections are the narrative sections typed in by the disclosure office. Paragraphs are separated
// by newlines.
type Sections struct {
	Overview string `json:"overview"` // 一、总体情况
	Problems string `json:"problems"` // 五、存在的主要问题及改进情况
	Other    string `json:"other"`    // 六、其他需要报告的事项
}

// LockInfo records that a report was frozen: a locked report is a snapshot that no later data
// change alters.
type LockInfo struct {
	At time.Time `json:"at"`
	By string    `json:"by"`
	// Hash is the report's ContentHash at the time it was locked.
	Hash string `json:"hash"`
}

// PreviousYear holds the figures of the same body's previous report that the cross-year checks
// need (identities 4 and 7). It is optional: without it those checks are skipped.
type PreviousYear struct {
	Year int `json:"year"`
	// CarriedOut is last year's table-三 row 四、结转下年度继续办理, in column order.
	CarriedOut Counts `json:"carried_out"`
	// RulesInForce and NormativeInForce are last year's 现行有效件数 of table 二; they are not
	// applicable when last year's report used the trial format, which has no such column.
	RulesInForce     Nullable[int64] `json:"rules_in_force"`
	NormativeInForce Nullable[int64] `json:"normative_in_force"`
}

// Report is one body's annual disclosure report for one year.
type Report struct {
	Body     Body
	Year     int
	Template Template
	// Table2 is table 二 in the 2021 format; it is ignored when Template is Template2019.
	Table2 Table2
	// Table2Trial is table 二 in the trial format; it is used only when Template is Template2019.
	Table2Trial *Table2Trial
	Table3      Table3
	Table4      Table4
	Sections    Sections
	Generated   time.Time
	Locked      *LockInfo
	// Previous is optional input for the cross-year checks.
	Previous *PreviousYear
}

// New returns an empty report with table 三 laid out for the template, so that the caller only
// fills numbers in.
func New(body Body, year int, t Template) *Report {
	r := &Report{Body: body, Year: year, Template: t, Table3: Table3{Rows: Table3Layout(t)}}
	if t == Template2019 {
		r.Table2Trial = &Table2Trial{}
	}
	return r
}

// Title is the report's title as printed: `<body name>YYYY年政府信息公开工作年度报告`.
func (r *Report) Title() string {
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", r.Body.Name, r.Year)
}

// PreviousFrom extracts what next year's report needs from r for its cross-year checks.
func PreviousFrom(r *Report) *PreviousYear {
	p := &PreviousYear{Year: r.Year}
	if row := r.Table3.rowOfKind(RowCarriedOut); row != nil {
		p.CarriedOut = row.Counts
	}
	if r.Template == Template2021 {
		p.RulesInForce = Some(r.Table2.Rules.InForce)
		p.NormativeInForce = Some(r.Table2.Normative.InForce)
	}
	return p
}

// ContentHash is a SHA-256 of the report's figures and text (its JSON without the lock, the
// generation time and the identity results), so a locked snapshot can be verified later.
func (r *Report) ContentHash() (string, error) {
	c := *r
	c.Locked = nil
	c.Generated = time.Time{}
	b, err := c.marshal(false)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// validate reports a report whose shape no export can render.
func (r *Report) validate() error {
	if !r.Template.Valid() {
		return fmt.Errorf("reports: unknown template %q", r.Template)
	}
	if r.Template == Template2019 && r.Table2Trial == nil {
		return fmt.Errorf("reports: template %s needs Table2Trial", r.Template)
	}
	want := Table3Layout(r.Template)
	if len(r.Table3.Rows) != len(want) {
		return fmt.Errorf("reports: table 三 has %d rows, template %s has %d", len(r.Table3.Rows), r.Template, len(want))
	}
	for i, row := range r.Table3.Rows {
		if row.Label != want[i].Label || row.Group != want[i].Group || row.Kind != want[i].Kind {
			return fmt.Errorf("reports: table 三 row %d is %q, template %s has %q", i+1, row.Label, r.Template, want[i].Label)
		}
	}
	return nil
}
