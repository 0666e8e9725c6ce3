package reports

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"xxgk/requests"
)

// fixtureInput returns consistent table-三 counts: every number differs from its neighbours so a
// misplaced cell shows, and 一 is derived so that 一 + 二 = 三（七） + 四 holds.
func fixtureInput() Table3Input {
	in := Table3Input{
		Received:   ByApplicant{},
		CarriedIn:  ByApplicant{},
		Concluded:  map[requests.Outcome]ByApplicant{},
		CarriedOut: ByApplicant{},
	}
	for k, o := range requests.Outcomes() {
		m := ByApplicant{}
		for i, a := range requests.ApplicantTypes {
			m[a.Type] = int64((k*7+i*3)%9 + i)
		}
		in.Concluded[o.Outcome] = m
	}
	for i, a := range requests.ApplicantTypes {
		in.CarriedIn[a.Type] = int64(10 + i)
		in.CarriedOut[a.Type] = int64(5 + 2*i)
		concluded := int64(0)
		for _, m := range in.Concluded {
			concluded += m[a.Type]
		}
		in.Received[a.Type] = concluded + in.CarriedOut[a.Type] - in.CarriedIn[a.Type]
	}
	return in
}

// fixtureReport builds a complete report in the given template from fixtureInput.
func fixtureReport(t testing.TB, tmpl Template) *Report {
	t.Helper()
	r := New(Body{Name: "沈阳市和平区人民政府", Code: "210102"}, 2024, tmpl)
	tab, err := BuildTable3(tmpl, fixtureInput())
	if err != nil {
		t.Fatal(err)
	}
	r.Table3 = tab
	r.Table4 = Table4{Review: NewCaseCounts(3, 1, 2, 4), Direct: NewCaseCounts(5, 0, 6, 7), AfterReview: NewCaseCounts(8, 9, 11, 12)}
	r.Table2 = Table2{
		Rules:       DocumentCounts{Issued: 2, Repealed: 1, InForce: 37},
		Normative:   DocumentCounts{Issued: 14, Repealed: 6, InForce: 213},
		Licensing:   Some[int64](1523),
		Penalty:     Some[int64](418),
		Enforcement: Nullable[int64]{},
		Fees:        Some(Amount(12_345_600)), // 12.3456 万元
	}
	if tmpl == Template2019 {
		// The 2021 table 二 is not part of a trial-format report.
		r.Table2 = Table2{}
		r.Table2Trial = &Table2Trial{
			Rules:         TrialDocumentCounts{Made: 3, Published: 2, Total: 41},
			Normative:     TrialDocumentCounts{Made: 15, Published: 13, Total: 220},
			Licensing:     TrialItemCounts{Some[int64](120), Some[int64](-4), Some[int64](1688)},
			OtherServices: TrialItemCounts{Some[int64](33), Some[int64](2), Nullable[int64]{}},
			Penalty:       TrialItemCounts{Some[int64](260), Some[int64](0), Some[int64](519)},
			Enforcement:   TrialItemCounts{Some[int64](17), Some[int64](1), Some[int64](23)},
			Fees:          TrialFeeCounts{Some[int64](6), Some[int64](-1)},
			Procurement:   TrialProcurement{Some[int64](46), Some(Amount(1_234_500_000))},
		}
	}
	r.Sections = Sections{
		Overview: "2024年，和平区人民政府深入贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》），坚持以公开为常态、不公开为例外，围绕“放管服”改革、优化营商环境、民生保障等重点领域，持续加大主动公开力度，依法规范办理依申请公开，全面提升政府信息公开工作质量。\n" +
			"（一）主动公开。全年通过区政府门户网站主动公开政府信息3,215条，其中政策文件86件，政策解读52篇，回应社会关切“热点问题”17次。\n" +
			"（二）依申请公开。全年共收到政府信息公开申请，办理情况详见下表；所有申请均在法定期限内答复，未发生因逾期答复被纠错的情形。",
		Problems: "一是部分部门对主动公开的理解不够深入，公开内容的完整性、及时性仍有差距；二是政策解读形式较为单一。\n下一步，将加强业务培训，完善考核机制，推动政府信息公开工作提质增效。",
		Other:    "本年度未收取信息处理费（依据《政府信息公开信息处理费管理办法》，国办函〔2020〕109号）。办理人大代表建议45件、政协提案62件，均已按期办结。",
	}
	r.Generated = time.Date(2025, 1, 15, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	return r
}

// saveArtifact keeps a generated file for people to look at when XXGK_TEST_ARTIFACTS is set.
func saveArtifact(t *testing.T, path string) {
	t.Helper()
	dir := os.Getenv("XXGK_TEST_ARTIFACTS")
	if dir == "" {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.Base(path)), b, 0o644); err != nil {
		t.Fatal(err)
	}
}
