package reports

import (
	"strings"
	"testing"

	"xxgk/requests"
)

// specRows2021 is table 三 copied from shared/spec/annual-report.md, one entry per numeric row:
// section, group and own label. It is written out here, not derived from package requests, so
// that a label drifting anywhere shows up.
func specRows2021() [][3]string {
	return [][3]string{
		{"", "", "一、本年新收政府信息公开申请数量"},
		{"", "", "二、上年结转政府信息公开申请数量"},
		{"三、本年度办理结果", "", "（一）予以公开"},
		{"三、本年度办理结果", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"},
		{"三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"},
		{"三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"},
		{"三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"},
		{"三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"},
		{"三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"},
		{"三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"},
		{"三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"},
		{"三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"},
		{"三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"},
		{"三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"},
		{"三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"},
		{"三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"},
		{"三、本年度办理结果", "（五）不予处理", "2.重复申请"},
		{"三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"},
		{"三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"},
		{"三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"},
		{"三、本年度办理结果", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
		{"三、本年度办理结果", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
		{"三、本年度办理结果", "（六）其他处理", "3.其他"},
		{"三、本年度办理结果", "", "（七）总计"},
		{"", "", "四、结转下年度继续办理"},
	}
}

// specRows2019 is the trial format: （六）其他处理 is one row.
func specRows2019() [][3]string {
	var out [][3]string
	for _, r := range specRows2021() {
		switch {
		case r[1] == "（六）其他处理" && strings.HasPrefix(r[2], "1."):
			out = append(out, [3]string{"三、本年度办理结果", "", "（六）其他处理"})
		case r[1] == "（六）其他处理":
		default:
			out = append(out, r)
		}
	}
	return out
}

func specColumns() []string {
	return []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"}
}

func TestTable3LayoutLabels(t *testing.T) {
	tests := []struct {
		tmpl Template
		want [][3]string
	}{
		{Template2021, specRows2021()},
		{Template2019, specRows2019()},
	}
	for _, tt := range tests {
		t.Run(string(tt.tmpl), func(t *testing.T) {
			got := Table3Layout(tt.tmpl)
			if len(got) != len(tt.want) {
				t.Fatalf("%d rows, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := [3]string{got[i].Section, got[i].Group, got[i].Label}
				if g != w {
					t.Errorf("row %d = %q, want %q", i+1, g, w)
				}
			}
		})
	}
	if n := len(specRows2021()); n != 25 {
		t.Fatalf("spec table has %d rows, want 25", n)
	}
	if got := Table3Columns(); strings.Join(got, "|") != strings.Join(specColumns(), "|") {
		t.Errorf("columns = %q, want %q", got, specColumns())
	}
}

// expectedTable3 computes table 三 from the input by hand: the oracle for BuildTable3.
func expectedTable3(in Table3Input, tmpl Template) map[string][7]int64 {
	byType := func(m ByApplicant) [7]int64 {
		var c [7]int64
		for i, a := range requests.ApplicantTypes {
			c[i] = m[a.Type]
			c[6] += m[a.Type]
		}
		return c
	}
	plus := func(a, b [7]int64) [7]int64 {
		for i := range a {
			a[i] += b[i]
		}
		return a
	}
	want := map[string][7]int64{
		"一、本年新收政府信息公开申请数量": byType(in.Received),
		"二、上年结转政府信息公开申请数量": byType(in.CarriedIn),
		"四、结转下年度继续办理":      byType(in.CarriedOut),
	}
	var total [7]int64
	for _, o := range requests.Outcomes() {
		c := byType(in.Concluded[o.Outcome])
		total = plus(total, c)
		label := o.Row()
		if tmpl == Template2019 && o.Group == "（六）" {
			label = "（六）其他处理"
		}
		want[label] = plus(want[label], c)
	}
	want["（七）总计"] = total
	return want
}

func TestBuildTable3Cells(t *testing.T) {
	for _, tmpl := range []Template{Template2021, Template2019} {
		t.Run(string(tmpl), func(t *testing.T) {
			in := fixtureInput()
			tab, err := BuildTable3(tmpl, in)
			if err != nil {
				t.Fatal(err)
			}
			want := expectedTable3(in, tmpl)
			if len(tab.Rows) != len(want) {
				t.Fatalf("%d rows, want %d", len(tab.Rows), len(want))
			}
			for _, row := range tab.Rows {
				w, ok := want[row.Label]
				if !ok {
					t.Errorf("unexpected row %q", row.Label)
					continue
				}
				for j := range w {
					if row.Counts[j] != w[j] {
						t.Errorf("%s / %s = %d, want %d", row.Label, specColumns()[j], row.Counts[j], w[j])
					}
				}
			}
		})
	}
}

func TestBuildTable3Rejects(t *testing.T) {
	tests := []struct {
		name string
		in   Table3Input
		tmpl Template
		want string
	}{
		{"unknown template", Table3Input{}, "2020", "unknown template"},
		{"unknown applicant", Table3Input{Received: ByApplicant{"alien": 1}}, Template2021, "unknown applicant type"},
		{"unknown outcome", Table3Input{Concluded: map[requests.Outcome]ByApplicant{"lost": {requests.ApplicantPerson: 1}}}, Template2021, "unknown outcome"},
		{"negative", Table3Input{CarriedOut: ByApplicant{requests.ApplicantPerson: -1}}, Template2021, "negative count"},
		{"negative outcome", Table3Input{Concluded: map[requests.Outcome]ByApplicant{requests.OutcomeOther: {requests.ApplicantOther: -2}}}, Template2019, "negative count"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := BuildTable3(tt.tmpl, tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestTable4Totals(t *testing.T) {
	c := NewCaseCounts(1, 2, 3, 4)
	if c.Values() != [5]int64{1, 2, 3, 4, 10} {
		t.Errorf("NewCaseCounts = %v", c.Values())
	}
	if got := strings.Join(CaseColumns(), "|"); got != "结果维持|结果纠正|其他结果|尚未审结|总计" {
		t.Errorf("CaseColumns = %s", got)
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"12.5", "12.5", true},
		{"0.0035", "0.0035", true},
		{"3", "3", true},
		{"3.000000", "3", true},
		{"-1.25", "-1.25", true},
		{"1.1234567", "", false},
		{"abc", "", false},
		{"", "", false},
		{"1e3", "", false},
	}
	for _, tt := range tests {
		a, err := ParseAmount(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseAmount(%q) err = %v", tt.in, err)
			continue
		}
		if tt.ok && a.String() != tt.want {
			t.Errorf("ParseAmount(%q) = %s, want %s", tt.in, a, tt.want)
		}
	}
	if AmountFromWan(2).String() != "2" {
		t.Error("AmountFromWan(2)")
	}
}
