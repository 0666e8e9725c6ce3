package reports

import (
	"fmt"
	"strconv"
)

// Status is the outcome of one identity check.
type Status string

// Check statuses.
const (
	StatusPass Status = "pass"
	StatusFail Status = "fail"
	// StatusWarn is a failed soft check (identity 7): worth a look, not an error.
	StatusWarn Status = "warn"
	// StatusSkipped means the check needs input the report does not have (last year's figures).
	StatusSkipped Status = "skipped"
)

// Mismatch is one cell that breaks an identity.
type Mismatch struct {
	Table    string `json:"table"`  // "二", "三" or "四"
	Row      string `json:"row"`    // row label as printed
	Column   string `json:"column"` // column label as printed
	Expected int64  `json:"expected"`
	Actual   int64  `json:"actual"`
	// Message explains the mismatch in Chinese for the office.
	Message string `json:"message"`
}

// IdentityResult is the result of one identity of shared/spec/annual-report.md.
type IdentityResult struct {
	ID          int        `json:"id"`
	Description string     `json:"description"`
	Soft        bool       `json:"soft"`
	Status      Status     `json:"status"`
	Mismatches  []Mismatch `json:"mismatches,omitempty"`
	// Note says why a check was skipped.
	Note string `json:"note,omitempty"`
}

// Passed reports whether the identity holds (a skipped check does not count as failed).
func (r IdentityResult) Passed() bool { return r.Status == StatusPass || r.Status == StatusSkipped }

// HasFailures reports whether any hard identity failed; soft warnings do not count.
func HasFailures(results []IdentityResult) bool {
	for _, r := range results {
		if r.Status == StatusFail {
			return true
		}
	}
	return false
}

// identityDescription describes identity id in Chinese for the office.
func identityDescription(id int) string {
	switch id {
	case 1:
		return "表三每一行：总计等于六类申请人之和"
	case 2:
		return "表三每一列：（七）总计等于（一）至（六）各项之和"
	case 3:
		return "表三每一列：第一项加第二项之和，等于第三项（七）总计加第四项之和"
	case 4:
		return "表三每一列：本年“二、上年结转政府信息公开申请数量”等于上年“四、结转下年度继续办理”"
	case 5:
		return "表四每一组：总计等于结果维持、结果纠正、其他结果、尚未审结之和"
	case 6:
		return "所有数量均为非负整数"
	case 7:
		return "现行有效件数约等于上年现行有效件数加本年制发件数减本年废止件数（仅提示）"
	}
	return ""
}

// Check evaluates identities 1–7 in order. Identities 4 and 7 need r.Previous and are skipped
// without it; 7 is a soft warning only, because amendments and lapsed documents make it inexact.
func (r *Report) Check() []IdentityResult {
	cols := Table3Columns()
	results := make([]IdentityResult, 0, 7)
	add := func(id int, soft bool, ms []Mismatch) {
		st := StatusPass
		if len(ms) > 0 {
			st = StatusFail
			if soft {
				st = StatusWarn
			}
		}
		results = append(results, IdentityResult{ID: id, Description: identityDescription(id), Soft: soft, Status: st, Mismatches: ms})
	}
	skip := func(id int, soft bool, note string) {
		results = append(results, IdentityResult{ID: id, Description: identityDescription(id), Soft: soft, Status: StatusSkipped, Note: note})
	}
	rows := r.Table3.Rows

	// 1: row totals.
	var ms []Mismatch
	for _, row := range rows {
		want := row.Counts.withTotal()[TotalColumn]
		if got := row.Counts[TotalColumn]; got != want {
			ms = append(ms, mismatch("三", row.Label, cols[TotalColumn], want, got, "六类申请人之和"))
		}
	}
	add(1, false, ms)

	// 2: （七） is the sum of the outcome rows.
	ms = nil
	var sum Counts
	for _, row := range rows {
		if row.Kind == RowOutcome {
			sum = addCounts(sum, row.Counts)
		}
	}
	if c := r.Table3.rowOfKind(RowConcluded); c != nil {
		for j := range cols {
			if c.Counts[j] != sum[j] {
				ms = append(ms, mismatch("三", c.Label, cols[j], sum[j], c.Counts[j], "（一）至（六）各项之和"))
			}
		}
	}
	add(2, false, ms)

	// 3: 一 + 二 = 三（七） + 四.
	ms = nil
	recv, in, conc, out := r.Table3.rowOfKind(RowReceived), r.Table3.rowOfKind(RowCarriedIn), r.Table3.rowOfKind(RowConcluded), r.Table3.rowOfKind(RowCarriedOut)
	if recv != nil && in != nil && conc != nil && out != nil {
		for j := range cols {
			want := recv.Counts[j] + in.Counts[j] - conc.Counts[j]
			if out.Counts[j] != want {
				why := fmt.Sprintf("第一项 %d 加第二项 %d，应等于（七）总计 %d 加第四项", recv.Counts[j], in.Counts[j], conc.Counts[j])
				ms = append(ms, mismatch("三", out.Label, cols[j], want, out.Counts[j], why))
			}
		}
	}
	add(3, false, ms)

	// 4: cross-year.
	if r.Previous == nil || in == nil {
		skip(4, false, "缺少上年报告数据")
	} else {
		ms = nil
		for j := range cols {
			if want := r.Previous.CarriedOut[j]; in.Counts[j] != want {
				ms = append(ms, mismatch("三", in.Label, cols[j], want, in.Counts[j], fmt.Sprintf("%d年报告“%s”", r.Previous.Year, LabelCarriedOut)))
			}
		}
		add(4, false, ms)
	}

	// 5: table 四 block totals.
	ms = nil
	for _, b := range r.Table4.blocks() {
		c := *b.Counts
		if want := c.Upheld + c.Corrected + c.Other + c.Pending; c.Total != want {
			ms = append(ms, mismatch("四", b.Label, LabelTotal, want, c.Total, "结果维持、结果纠正、其他结果、尚未审结之和"))
		}
	}
	add(5, false, ms)

	// 6: non-negative.
	ms = nil
	negative := func(table, row, col string, v int64) {
		if v < 0 {
			ms = append(ms, mismatch(table, row, col, 0, v, "不得为负数"))
		}
	}
	for _, b := range r.table2Blocks() {
		for _, row := range b.Rows {
			for _, c := range row.Cells {
				if v, ok := c.integer(); ok && !c.Signed {
					negative("二", row.Label, c.Column, v)
				}
			}
		}
	}
	for _, row := range rows {
		for j, v := range row.Counts {
			negative("三", row.Label, cols[j], v)
		}
	}
	for _, b := range r.Table4.blocks() {
		for j, v := range b.Counts.Values() {
			negative("四", b.Label, CaseColumns()[j], v)
		}
	}
	add(6, false, ms)

	// 7: soft, documents in force.
	switch {
	case r.Template != Template2021:
		skip(7, true, "试行格式没有“现行有效件数”")
	case r.Previous == nil || !r.Previous.RulesInForce.Valid || !r.Previous.NormativeInForce.Valid:
		skip(7, true, "缺少上年现行有效件数")
	default:
		ms = nil
		for _, d := range []struct {
			label string
			prev  int64
			c     DocumentCounts
		}{{"规章", r.Previous.RulesInForce.Value, r.Table2.Rules}, {"行政规范性文件", r.Previous.NormativeInForce.Value, r.Table2.Normative}} {
			if want := d.prev + d.c.Issued - d.c.Repealed; d.c.InForce != want {
				why := fmt.Sprintf("上年现行有效 %d 加本年制发 %d 减本年废止 %d", d.prev, d.c.Issued, d.c.Repealed)
				ms = append(ms, mismatch("二", d.label, "现行有效件数", want, d.c.InForce, why))
			}
		}
		add(7, true, ms)
	}
	return results
}

func mismatch(table, row, col string, want, got int64, why string) Mismatch {
	return Mismatch{Table: table, Row: row, Column: col, Expected: want, Actual: got,
		Message: "应为 " + strconv.FormatInt(want, 10) + "（" + why + "），实为 " + strconv.FormatInt(got, 10)}
}

func addCounts(a, b Counts) Counts {
	for i := range a {
		a[i] += b[i]
	}
	return a
}
