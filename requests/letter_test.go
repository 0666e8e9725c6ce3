package requests

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"xxgk/calendar"
	"xxgk/typeset"
)

var letterFonts = sync.OnceValues(func() (*typeset.Fonts, error) { return typeset.LoadFonts("") })

func testFonts(t *testing.T) *typeset.Fonts {
	t.Helper()
	f, err := letterFonts()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func sampleLetter(o Outcome) Letter {
	return Letter{
		BodyName:         "沈阳市发展和改革委员会",
		BodyAddress:      "沈阳市浑南区南京南街1号",
		BodyPhone:        "024-22345678",
		TrackingNo:       "YSQ-2026-000123",
		ApplicantName:    "张三丰",
		ApplicantAddress: "沈阳市和平区南京北街100号3单元502室",
		ReceivedOn:       calendar.MustParseDate("2026-10-26"),
		Description: "2025年度沈阳市重点建设项目投资计划及各项目的审批文件、" +
			"资金安排情况和实施进度，包括浑南区、和平区两区范围内的全部项目清单。",
		Outcome:       o,
		AnswerText:    "您申请的信息已于2026年3月在本机关门户网站“政府信息公开”栏目主动公开。\n请登录网站查阅。",
		ReleasedFiles: []string{"2025年度重点建设项目投资计划.pdf", "项目清单.xlsx"},
		Date:          calendar.MustParseDate("2026-11-23"),
	}
}

// pdfText renders l and returns pdftotext -layout's text with every space and line break removed,
// so that wrapped sentences can be searched for whole.
func pdfText(t *testing.T, l Letter) (flat, layout string, pdf []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteLetterPDF(&buf, l, testFonts(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	flat = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, string(out))
	return flat, string(out), buf.Bytes()
}

func flatten(s string) string { return strings.Join(strings.Fields(s), "") }

func TestLetterTitle(t *testing.T) {
	notices := map[Outcome]bool{
		OutcomeNotHeld: true, OutcomeNeedsNewWork: true, OutcomeUnclearAfterCorrection: true,
		OutcomePetitionComplaint: true, OutcomeRepeatApplication: true, OutcomePublication: true,
		OutcomeUnreasonableBulk: true, OutcomeConfirmOrReissue: true,
		OutcomeAbandonedNoCorrection: true, OutcomeAbandonedFeeUnpaid: true, OutcomeOther: true,
	}
	for _, info := range Outcomes() {
		want := TitleAnswer
		if notices[info.Outcome] {
			want = TitleNotice
		}
		if got := LetterTitle(info.Outcome); got != want {
			t.Errorf("LetterTitle(%s) = %s, want %s", info.Outcome, got, want)
		}
	}
	if got := LetterTitle("nonsense"); got != TitleAnswer {
		t.Errorf("LetterTitle(nonsense) = %s", got)
	}
}

func TestChineseDate(t *testing.T) {
	for in, want := range map[string]string{"2026-11-23": "2026年11月23日", "2026-01-05": "2026年1月5日"} {
		if got := ChineseDate(calendar.MustParseDate(in)); got != want {
			t.Errorf("ChineseDate(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestLetterPDFText renders letters for several outcomes and reads them back with pdftotext: the
// applicant, the tracking number, the quoted request (long enough to wrap), the decision with its
// article, the remedy and the signature come through without a lost character.
func TestLetterPDFText(t *testing.T) {
	remedy := func(word, review, court string) string {
		return "如对本" + word + "不服，可以自收到本" + word + "之日起60日内向" + review + "申请行政复议，或者在6个月内向" + court + "提起行政诉讼。"
	}
	tests := []struct {
		name   string
		edit   func(*Letter)
		title  string
		want   []string
		absent []string
	}{
		{"disclosed", func(l *Letter) {}, TitleAnswer, []string{
			"根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，本机关决定予以公开，现将该政府信息提供给您（见附件）。",
			"附件：1.2025年度重点建设项目投资计划.pdf", "2.项目清单.xlsx",
			remedy("答复", DefaultReviewBody, DefaultCourtName), "特此答复。",
		}, []string{"告知"}},
		{"already published", func(l *Letter) { l.AlreadyPublished = true; l.ReleasedFiles = nil }, TitleAnswer, []string{
			"本机关已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定",
			"您申请的信息已于2026年3月在本机关门户网站“政府信息公开”栏目主动公开。",
		}, []string{"附件"}},
		{"partly disclosed", func(l *Letter) { l.Outcome = OutcomePartlyDisclosed; l.ReleasedFiles = l.ReleasedFiles[:1] }, TitleAnswer, []string{
			"但能够作区分处理。根据《中华人民共和国政府信息公开条例》第三十七条的规定，本机关决定部分公开",
			"附件：2025年度重点建设项目投资计划.pdf",
		}, []string{"附件：1."}},
		{"third party", func(l *Letter) {
			l.Outcome = OutcomeThirdPartyRights
			l.ReleasedFiles = nil
			l.ReviewBody = "沈阳市人民政府"
			l.CourtName = "沈阳市和平区人民法院"
		}, TitleAnswer, []string{
			"第十五条的规定，本机关决定不予公开。",
			remedy("答复", "沈阳市人民政府", "沈阳市和平区人民法院"),
		}, []string{DefaultReviewBody, DefaultCourtName}},
		{"process information", func(l *Letter) { l.Outcome = OutcomeProcessInformation }, TitleAnswer, []string{
			"过程性信息。根据《中华人民共和国政府信息公开条例》第十六条第二款的规定，本机关决定不予公开。",
		}, nil},
		{"not held", func(l *Letter) { l.Outcome = OutcomeNotHeld; l.ReleasedFiles = nil }, TitleNotice, []string{
			"该政府信息不存在。根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，本机关无法提供。",
			remedy("告知", DefaultReviewBody, DefaultCourtName), "特此告知。",
		}, []string{"第（五）项"}},
		{"not this body", func(l *Letter) {
			l.Outcome = OutcomeNotHeld
			l.NotThisBody = true
			l.ReferTo = "沈阳市自然资源局"
		}, TitleNotice, []string{
			"不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，该政府信息由沈阳市自然资源局负责公开",
		}, []string{"第（四）项"}},
		{"needs new work", func(l *Letter) { l.Outcome = OutcomeNeedsNewWork }, TitleNotice, []string{"第三十八条的规定，本机关不予提供。"}, nil},
		{"petition", func(l *Letter) { l.Outcome = OutcomePetitionComplaint }, TitleNotice, []string{"信访、投诉、举报", "第三十九条的规定"}, nil},
		{"repeat", func(l *Letter) { l.Outcome = OutcomeRepeatApplication }, TitleNotice, []string{"重复申请", "第三十六条第（六）项的规定，本机关不予重复处理。"}, nil},
		{"fee unpaid", func(l *Letter) { l.Outcome = OutcomeAbandonedFeeUnpaid }, TitleNotice, []string{"第四十二条的规定，视为您放弃申请"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := sampleLetter(OutcomeDisclosed)
			tc.edit(&l)
			flat, layout, _ := pdfText(t, l)
			common := []string{
				tc.title, "申请编号：YSQ-2026-000123", "张三丰：",
				"本机关于2026年10月26日收到您（单位）提交的政府信息公开申请，申请获取“" + flatten(oneLine(l.Description)) + "”的政府信息。",
				"沈阳市发展和改革委员会", "2026年11月23日",
				"联系地址：沈阳市浑南区南京南街1号", "联系电话：024-22345678",
				"送达地址：沈阳市和平区南京北街100号3单元502室", "—1—",
			}
			for _, w := range append(common, tc.want...) {
				if !strings.Contains(flat, flatten(w)) {
					t.Errorf("letter text lacks %q:\n%s", w, layout)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(flat, flatten(a)) {
					t.Errorf("letter text has %q:\n%s", a, layout)
				}
			}
		})
	}
}

// TestLetterEveryOutcome renders a letter for every outcome and checks that it cites the
// outcome's article (or, for 其他, has no citation) and ends with the remedy.
func TestLetterEveryOutcome(t *testing.T) {
	for _, info := range Outcomes() {
		l := sampleLetter(info.Outcome)
		flat, layout, _ := pdfText(t, l)
		wantBasis := info.Basis
		switch info.Outcome {
		case OutcomeDisclosed:
			wantBasis = "第三十六条第（二）项"
		case OutcomeNotHeld:
			wantBasis = "第三十六条第（四）项"
		}
		if wantBasis != "" && !strings.Contains(flat, "《中华人民共和国政府信息公开条例》"+wantBasis+"的规定") {
			t.Errorf("%s: no citation of %s:\n%s", info.Outcome, wantBasis, layout)
		}
		if wantBasis == "" && strings.Contains(flat, "的规定") {
			t.Errorf("%s: cites an article though the outcome has none:\n%s", info.Outcome, layout)
		}
		if !strings.Contains(flat, "提起行政诉讼。") || !strings.Contains(flat, LetterTitle(info.Outcome)) {
			t.Errorf("%s: title or remedy missing:\n%s", info.Outcome, layout)
		}
	}
}

// TestLetterPages: a long answer runs onto further pages, each numbered, with nothing lost at the
// page break.
func TestLetterPages(t *testing.T) {
	l := sampleLetter(OutcomeDisclosed)
	var paras []string
	for i := range 40 {
		paras = append(paras, "第"+string(rune('A'+i%26))+"段：本段说明项目审批文件的公开情况，包括立项批复、可行性研究报告批复、初步设计批复等文件的发布位置。")
	}
	l.AnswerText = strings.Join(paras, "\n")
	flat, layout, _ := pdfText(t, l)
	for _, p := range paras {
		if !strings.Contains(flat, flatten(p)) {
			t.Fatalf("paragraph %q lost:\n%s", p, layout)
		}
	}
	if !strings.Contains(flat, "—1—") || !strings.Contains(flat, "—2—") || !strings.Contains(flat, "—3—") {
		t.Errorf("page numbers missing:\n%s", layout)
	}
	// The remedy, the closing line and the signature share the last page.
	pages := strings.Split(strings.TrimRight(layout, "\f\n "), "\f")
	last := flatten(pages[len(pages)-1])
	for _, w := range []string{"提起行政诉讼。", "特此答复。", "沈阳市发展和改革委员会", "2026年11月23日"} {
		if !strings.Contains(last, w) {
			t.Errorf("the last page lacks %q:\n%s", w, pages[len(pages)-1])
		}
	}
}

// TestLetterRenders rasterises page 1 with pdftoppm: the PDF is one a viewer can draw, and the
// page is not blank.
func TestLetterRenders(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteLetterPDF(&buf, sampleLetter(OutcomePartlyDisclosed), testFonts(t)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "letter.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(matches) != 1 {
		t.Fatalf("pdftoppm wrote %v", matches)
	}
	f, err := os.Open(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() < 450 || b.Dy() < 650 || b.Dy() < b.Dx() {
		t.Errorf("page 1 is %dx%d, want A4 portrait at 60 dpi", b.Dx(), b.Dy())
	}
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if share := float64(dark) / float64(b.Dx()*b.Dy()); share < 0.01 || share > 0.3 {
		t.Errorf("%.3f of page 1 is dark: blank or garbled", share)
	}
}

func TestLetterValidate(t *testing.T) {
	l := sampleLetter(OutcomeDisclosed)
	if err := l.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := l
	bad.ApplicantName = " "
	bad.Outcome = "maybe"
	bad.Date = calendar.MustParseDate("2026-10-01")
	err := WriteLetterPDF(&bytes.Buffer{}, bad, testFonts(t))
	want := `requests: letter: applicant name is empty; unknown outcome "maybe"; letter date 2026-10-01 is before the received date 2026-10-26`
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
	if err := WriteLetterPDF(&bytes.Buffer{}, l, &typeset.Fonts{}); err == nil {
		t.Error("no error without fonts")
	}
}
