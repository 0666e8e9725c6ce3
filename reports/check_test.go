package reports

import (
	"testing"
)

// consistentPrevious is last year's data that agrees with fixtureReport.
func consistentPrevious(r *Report) *PreviousYear {
	return &PreviousYear{
		Year:             r.Year - 1,
		CarriedOut:       r.Table3.Row(LabelCarriedIn).Counts,
		RulesInForce:     Some(r.Table2.Rules.InForce - r.Table2.Rules.Issued + r.Table2.Rules.Repealed),
		NormativeInForce: Some(r.Table2.Normative.InForce - r.Table2.Normative.Issued + r.Table2.Normative.Repealed),
	}
}

func statuses(results []IdentityResult) map[int]Status {
	m := map[int]Status{}
	for _, r := range results {
		m[r.ID] = r.Status
	}
	return m
}

func TestCheckBuiltReportPasses(t *testing.T) {
	tests := []struct {
		name     string
		tmpl     Template
		previous bool
		want     map[int]Status
	}{
		{"2021 with last year", Template2021, true, map[int]Status{1: StatusPass, 2: StatusPass, 3: StatusPass, 4: StatusPass, 5: StatusPass, 6: StatusPass, 7: StatusPass}},
		{"2021 alone", Template2021, false, map[int]Status{1: StatusPass, 2: StatusPass, 3: StatusPass, 4: StatusSkipped, 5: StatusPass, 6: StatusPass, 7: StatusSkipped}},
		// The trial fixture has negative 本年增/减 figures, which identity 6 must accept.
		{"2019 with last year", Template2019, true, map[int]Status{1: StatusPass, 2: StatusPass, 3: StatusPass, 4: StatusPass, 5: StatusPass, 6: StatusPass, 7: StatusSkipped}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixtureReport(t, tt.tmpl)
			if tt.previous {
				r.Previous = consistentPrevious(r)
			}
			res := r.Check()
			if len(res) != 7 {
				t.Fatalf("%d results, want 7", len(res))
			}
			for i, x := range res {
				if x.ID != i+1 || x.Description == "" {
					t.Errorf("result %d: id %d, description %q", i, x.ID, x.Description)
				}
				if x.Status != tt.want[x.ID] {
					t.Errorf("identity %d: %s %v, want %s", x.ID, x.Status, x.Mismatches, tt.want[x.ID])
				}
			}
			if HasFailures(res) {
				t.Error("HasFailures = true")
			}
		})
	}
}

// TestCheckCatchesPlantedErrors plants one error per identity and checks that the identity flags
// the right cell with the right expected and actual values, and that nothing else fails.
func TestCheckCatchesPlantedErrors(t *testing.T) {
	leaf := "4.保护第三方合法权益"
	tests := []struct {
		name      string
		plant     func(r *Report)
		id        int
		status    Status
		want      Mismatch // Message is not compared
		alsoFails []int
	}{
		{
			name:  "1 row total",
			plant: func(r *Report) { r.Table3.Row(LabelReceived).Counts[0]++ },
			id:    1, status: StatusFail,
			want:      Mismatch{Table: "三", Row: LabelReceived, Column: "总计", Expected: 805, Actual: 804},
			alsoFails: []int{3}, // 一 changed in the 自然人 column too
		},
		{
			name: "2 concluded total",
			plant: func(r *Report) {
				c := &r.Table3.Row(leaf).Counts
				c[2]++
				c[TotalColumn]++
			},
			id: 2, status: StatusFail,
			want: Mismatch{Table: "三", Row: "（七）总计", Column: "科研机构", Expected: 127, Actual: 126},
		},
		{
			name: "3 carried out",
			plant: func(r *Report) {
				c := &r.Table3.Row(LabelCarriedOut).Counts
				c[0]++
				c[TotalColumn]++
			},
			id: 3, status: StatusFail,
			want: Mismatch{Table: "三", Row: LabelCarriedOut, Column: "自然人", Expected: 5, Actual: 6},
		},
		{
			name:  "4 cross-year",
			plant: func(r *Report) { r.Previous.CarriedOut[2] += 2 },
			id:    4, status: StatusFail,
			want: Mismatch{Table: "三", Row: LabelCarriedIn, Column: "科研机构", Expected: 14, Actual: 12},
		},
		{
			name:  "5 table 四 total",
			plant: func(r *Report) { r.Table4.Direct.Total = 99 },
			id:    5, status: StatusFail,
			want: Mismatch{Table: "四", Row: "未经复议直接起诉", Column: "总计", Expected: 18, Actual: 99},
		},
		{
			name: "6 negative in 四",
			plant: func(r *Report) {
				r.Table4.Review = CaseCounts{Upheld: -1, Corrected: 1, Other: 2, Pending: 4, Total: 6}
			},
			id: 6, status: StatusFail,
			want: Mismatch{Table: "四", Row: "行政复议", Column: "结果维持", Expected: 0, Actual: -1},
		},
		{
			name:  "6 negative in 二",
			plant: func(r *Report) { r.Table2.Licensing = Some[int64](-3) },
			id:    6, status: StatusFail,
			want: Mismatch{Table: "二", Row: "行政许可", Column: "本年处理决定数量", Expected: 0, Actual: -3},
		},
		{
			name:  "7 documents in force (soft)",
			plant: func(r *Report) { r.Previous.NormativeInForce = Some[int64](200) },
			id:    7, status: StatusWarn,
			want: Mismatch{Table: "二", Row: "行政规范性文件", Column: "现行有效件数", Expected: 208, Actual: 213},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixtureReport(t, Template2021)
			r.Previous = consistentPrevious(r)
			tt.plant(r)
			res := r.Check()
			got := res[tt.id-1]
			if got.Status != tt.status {
				t.Fatalf("identity %d status %s, want %s", tt.id, got.Status, tt.status)
			}
			found := false
			for _, m := range got.Mismatches {
				if m.Message == "" {
					t.Errorf("mismatch without message: %+v", m)
				}
				m.Message = ""
				if m == tt.want {
					found = true
				}
			}
			if !found {
				t.Errorf("identity %d mismatches %+v, want one %+v", tt.id, got.Mismatches, tt.want)
			}
			fails := map[int]bool{tt.id: true}
			for _, id := range tt.alsoFails {
				fails[id] = true
			}
			for _, x := range res {
				if !fails[x.ID] && x.Status != StatusPass {
					t.Errorf("identity %d: %s %+v, want pass", x.ID, x.Status, x.Mismatches)
				}
			}
			if HasFailures(res) != (tt.status == StatusFail) {
				t.Errorf("HasFailures = %v", HasFailures(res))
			}
		})
	}
}
