package reports

import (
	"fmt"

	"xxgk/requests"
)

// Labels of table 三 that are not outcome or applicant labels (those come from package requests).
const (
	Table3Corner         = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
	LabelApplicants      = "申请人情况"
	LabelOrganisations   = "法人或其他组织"
	LabelTotal           = "总计"
	LabelReceived        = "一、本年新收政府信息公开申请数量"
	LabelCarriedIn       = "二、上年结转政府信息公开申请数量"
	LabelResults         = "三、本年度办理结果"
	LabelConcluded       = "（七）总计"
	LabelCarriedOut      = "四、结转下年度继续办理"
	groupOtherHandling   = "（六）"
	keyOtherHandling2019 = "other_handling"
)

// NumColumns is the number of numeric columns of table 三: six applicant types and 总计.
const NumColumns = 7

// TotalColumn is the index of 总计 in Counts.
const TotalColumn = NumColumns - 1

// Counts is one row of table 三 in column order: 自然人, 商业企业, 科研机构, 社会公益组织,
// 法律服务机构, 其他, 总计 (the order of requests.ApplicantTypes, then the total).
type Counts [NumColumns]int64

// withTotal returns c with 总计 set to the sum of the applicant columns.
func (c Counts) withTotal() Counts {
	c[TotalColumn] = 0
	for i := 0; i < TotalColumn; i++ {
		c[TotalColumn] += c[i]
	}
	return c
}

// Table3Columns returns the labels of the seven numeric columns in order.
func Table3Columns() []string {
	cols := make([]string, 0, NumColumns)
	for _, a := range requests.ApplicantTypes {
		cols = append(cols, a.Label)
	}
	return append(cols, LabelTotal)
}

// RowKind says what a table-三 row counts.
type RowKind int

// Row kinds in table order.
const (
	RowReceived   RowKind = iota + 1 // 一、本年新收
	RowCarriedIn                     // 二、上年结转
	RowOutcome                       // a leaf of 三 counting one or more outcomes
	RowConcluded                     // （七）总计
	RowCarriedOut                    // 四、结转下年度继续办理
)

// Table3Row is one numeric row of table 三. The group labels （三）–（六） and 三、本年度办理结果
// are not rows of their own: as in the printed form they are cells merged down beside the rows
// they head, so they are carried here as Section and Group.
type Table3Row struct {
	Kind RowKind
	// Key is a stable machine name: "received", "carried_in", an outcome code, "other_handling"
	// (the trial format's single （六） row), "concluded" or "carried_out".
	Key string
	// Section is "三、本年度办理结果" for the rows under 三, empty otherwise.
	Section string
	// Group is the full group label ("（三）不予公开") for numbered leaves, empty otherwise.
	Group string
	// Label is the exact text of the row's own cell ("4.保护第三方合法权益", "（一）予以公开").
	Label string
	// Outcomes are the outcomes counted in a RowOutcome row; the drill-down lists their
	// applications.
	Outcomes []requests.Outcome
	Counts   Counts
}

// Table3 is 收到和处理政府信息公开申请情况: 25 numeric rows in the 2021 format, 23 in the trial
// format (whose （六）其他处理 is a single row).
type Table3 struct {
	Rows []Table3Row
}

// Row returns the row with the given printed label, or nil. Labels are unique within the table.
func (t *Table3) Row(label string) *Table3Row {
	for i := range t.Rows {
		if t.Rows[i].Label == label {
			return &t.Rows[i]
		}
	}
	return nil
}

func (t *Table3) rowOfKind(k RowKind) *Table3Row {
	for i := range t.Rows {
		if t.Rows[i].Kind == k {
			return &t.Rows[i]
		}
	}
	return nil
}

// Table3Layout returns table 三's rows for the template, with zero counts.
func Table3Layout(t Template) []Table3Row {
	groupLabel := map[string]string{}
	for _, g := range requests.OutcomeGroups {
		groupLabel[g.Group] = g.Group + g.Label
	}
	rows := []Table3Row{
		{Kind: RowReceived, Key: "received", Label: LabelReceived},
		{Kind: RowCarriedIn, Key: "carried_in", Label: LabelCarriedIn},
	}
	var trialOther *Table3Row
	for _, o := range requests.Outcomes() {
		if t == Template2019 && o.Group == groupOtherHandling {
			if trialOther == nil {
				rows = append(rows, Table3Row{Kind: RowOutcome, Key: keyOtherHandling2019, Section: LabelResults, Label: groupLabel[o.Group]})
				trialOther = &rows[len(rows)-1]
			}
			trialOther.Outcomes = append(trialOther.Outcomes, o.Outcome)
			continue
		}
		row := Table3Row{Kind: RowOutcome, Key: string(o.Outcome), Section: LabelResults, Label: o.Row(), Outcomes: []requests.Outcome{o.Outcome}}
		if o.Number != "" {
			row.Group = groupLabel[o.Group]
		}
		rows = append(rows, row)
	}
	return append(rows,
		Table3Row{Kind: RowConcluded, Key: "concluded", Section: LabelResults, Label: LabelConcluded},
		Table3Row{Kind: RowCarriedOut, Key: "carried_out", Label: LabelCarriedOut},
	)
}

// ByApplicant counts applications per applicant type.
type ByApplicant map[requests.ApplicantType]int64

// Table3Input is what the data layer counts for table 三.
type Table3Input struct {
	Received   ByApplicant                      // 一: received in the year
	CarriedIn  ByApplicant                      // 二: received earlier, open on 1 January
	Concluded  map[requests.Outcome]ByApplicant // 三: concluded in the year, by outcome
	CarriedOut ByApplicant                      // 四: open on 31 December
}

// BuildTable3 lays table 三 out for the template and fills it from in, computing every 总计
// cell and the （七）总计 row, so that identities 1, 2 and 6 hold by construction; 3 holds when
// the inputs count the same applications consistently. It rejects unknown outcome or applicant
// codes and negative counts rather than silently dropping them.
func BuildTable3(t Template, in Table3Input) (Table3, error) {
	if !t.Valid() {
		return Table3{}, fmt.Errorf("reports: unknown template %q", t)
	}
	toCounts := func(what string, m ByApplicant) (Counts, error) {
		var c Counts
		for typ, n := range m {
			i := applicantIndex(typ)
			if i < 0 {
				return c, fmt.Errorf("reports: %s: unknown applicant type %q", what, typ)
			}
			if n < 0 {
				return c, fmt.Errorf("reports: %s: negative count %d for %s", what, n, typ)
			}
			c[i] += n
		}
		return c.withTotal(), nil
	}
	for o := range in.Concluded {
		if !o.Valid() {
			return Table3{}, fmt.Errorf("reports: unknown outcome %q", o)
		}
	}
	tab := Table3{Rows: Table3Layout(t)}
	var concluded Counts
	for i := range tab.Rows {
		row := &tab.Rows[i]
		var err error
		switch row.Kind {
		case RowReceived:
			row.Counts, err = toCounts(row.Label, in.Received)
		case RowCarriedIn:
			row.Counts, err = toCounts(row.Label, in.CarriedIn)
		case RowCarriedOut:
			row.Counts, err = toCounts(row.Label, in.CarriedOut)
		case RowOutcome:
			for _, o := range row.Outcomes {
				var c Counts
				if c, err = toCounts(row.Label, in.Concluded[o]); err != nil {
					break
				}
				for j := range c {
					row.Counts[j] += c[j]
				}
			}
			for j := range concluded {
				concluded[j] += row.Counts[j]
			}
		}
		if err != nil {
			return Table3{}, err
		}
	}
	tab.rowOfKind(RowConcluded).Counts = concluded
	return tab, nil
}

func applicantIndex(t requests.ApplicantType) int {
	for i, a := range requests.ApplicantTypes {
		if a.Type == t {
			return i
		}
	}
	return -1
}
