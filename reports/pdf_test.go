package reports

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"xxgk/typeset"
)

func loadTestFonts(t testing.TB) *typeset.Fonts {
	t.Helper()
	fonts, err := typeset.LoadFonts("")
	if err != nil {
		t.Fatal(err)
	}
	return fonts
}

// poppler returns the path of a poppler-utils tool; the PDF checks are worthless without it, so
// a missing tool fails the test rather than skipping it.
func poppler(t *testing.T, tool string) string {
	t.Helper()
	path, err := exec.LookPath(tool)
	if err != nil {
		t.Fatalf("%s not found: install poppler-utils (apt-get install poppler-utils) to run the PDF tests", tool)
	}
	return path
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(poppler(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// renderPDF writes the report's PDF under a temporary folder (and XXGK_TEST_ARTIFACTS) and
// returns its path with the text pdftotext extracts in layout and raw mode.
func renderPDF(t *testing.T, r *Report, name string, fonts *typeset.Fonts) (path, layout, raw string) {
	t.Helper()
	var buf bytes.Buffer
	if err := r.WritePDF(&buf, PDFOptions{Fonts: fonts}); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	saveArtifact(t, path)
	layout = run(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")
	raw = run(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")
	return path, layout, raw
}

func squash(s string) string { return regexp.MustCompile(`\s+`).ReplaceAllString(s, "") }

// withoutPageNumbers drops the footers, which raw text puts between a paragraph's lines when the
// paragraph runs onto the next page.
func withoutPageNumbers(raw string) string {
	return regexp.MustCompile(`第\s*\d+\s*页\s*/\s*共\s*\d+\s*页`).ReplaceAllString(raw, "")
}

// numberRow matches a row of figures printed side by side.
func numberRow(label string, nums ...string) *regexp.Regexp {
	p := regexp.QuoteMeta(label)
	for i, n := range nums {
		if i > 0 || label != "" {
			p += `\s+`
		}
		p += regexp.QuoteMeta(n)
	}
	return regexp.MustCompile(`(?m)(^|\s)` + p + `(\s|$)`)
}

func ints(vs ...int64) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = strconv.FormatInt(v, 10)
	}
	return out
}

func TestPDFContent(t *testing.T) {
	fonts := loadTestFonts(t)
	tests := []struct {
		tmpl   Template
		labels []string // must appear (raw text: a wrapped cell's lines are contiguous)
		absent []string
		table2 map[string][]string // label → figures on the same line (layout text)
		rows   [][3]string
	}{
		{
			tmpl: Template2021,
			labels: []string{"第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "信息内容",
				"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）",
				"规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"},
			absent: []string{"本年新制作数量", "其他对外管理服务事项", "政府集中采购"},
			table2: map[string][]string{"规章": {"2", "1", "37"}, "行政规范性文件": {"14", "6", "213"}, "行政许可": {"1523"},
				"行政处罚": {"418"}, "行政强制": {"/"}, "行政事业性收费": {"12.3456"}},
			rows: specRows2021(),
		},
		{
			tmpl: Template2019,
			labels: []string{"第二十条第（九）项", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
				"处理决定数量", "采购项目数量", "采购总金额", "规范性文件", "其他对外管理服务事项", "政府集中采购"},
			absent: []string{"行政规范性文件", "本年制发件数", "申请人无正当理由逾期不补正"},
			table2: map[string][]string{"规章": {"3", "2", "41"}, "规范性文件": {"15", "13", "220"}, "行政许可": {"120", "-4", "1688"},
				"其他对外管理服务事项": {"33", "2", "/"}, "行政事业性收费": {"6", "-1"}, "政府集中采购": {"46", "1234.5"}},
			rows: specRows2019(),
		},
	}
	for _, tt := range tests {
		t.Run(string(tt.tmpl), func(t *testing.T) {
			r := fixtureReport(t, tt.tmpl)
			path, layout, raw := renderPDF(t, r, "report-"+string(tt.tmpl), fonts)
			flat := squash(raw)

			if !strings.Contains(layout, "沈阳市和平区人民政府2024年政府信息公开工作年度报告") {
				t.Error("title missing")
			}
			pos := -1
			for _, h := range Headings() {
				i := strings.Index(layout, h)
				if i <= pos {
					t.Errorf("heading %s at %d, want after %d", h, i, pos)
				}
				pos = i
			}
			labels := append([]string{"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况",
				"法人或其他组织", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结"},
				tt.labels...)
			labels = append(labels, specColumns()...)
			for _, row := range tt.rows {
				labels = append(labels, row[:]...)
			}
			for _, l := range labels {
				if l != "" && !strings.Contains(flat, squash(l)) {
					t.Errorf("label missing: %s", l)
				}
			}
			for _, l := range tt.absent {
				if strings.Contains(flat, l) {
					t.Errorf("label of the other template present: %s", l)
				}
			}
			for label, figs := range tt.table2 {
				if !numberRow(label, figs...).MatchString(layout) {
					t.Errorf("table 二 row %s %v not found", label, figs)
				}
			}
			counts := expectedTable3(fixtureInput(), tt.tmpl)
			for _, row := range tt.rows {
				c := counts[row[2]]
				if !numberRow("", ints(c[:]...)...).MatchString(layout) {
					t.Errorf("table 三 row %s %v not found", row[2], c)
				}
			}
			if !numberRow("", ints(3, 1, 2, 4, 10, 5, 0, 6, 7, 18, 8, 9, 11, 12, 40)...).MatchString(layout) {
				t.Error("table 四 figures not found")
			}
			text := squash(withoutPageNumbers(raw))
			for _, p := range append(paragraphs(r.Sections.Overview), paragraphs(r.Sections.Other)...) {
				if !strings.Contains(text, squash(p)) {
					t.Errorf("paragraph lost characters: %s", p)
				}
			}
			pages := strings.Count(layout, "\f")
			if pages < 2 {
				t.Fatalf("%d pages", pages)
			}
			for i := 1; i <= pages; i++ {
				if want := "第" + strconv.Itoa(i) + "页/共" + strconv.Itoa(pages) + "页"; !strings.Contains(flat, want) {
					t.Errorf("page number %s missing", want)
				}
			}
			checkPNG(t, path)
		})
	}
}

// checkPNG renders page 1 and checks it is a real A4 page image with ink on it.
func checkPNG(t *testing.T, pdf string) {
	t.Helper()
	prefix := strings.TrimSuffix(pdf, ".pdf") + "-page"
	run(t, "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, prefix)
	path := prefix + ".png"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	saveArtifact(t, path)
	if len(b) < 10_000 {
		t.Errorf("page 1 PNG is only %d bytes", len(b))
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	bounds := img.Bounds()
	// A4 at 60 dpi is 496 × 702 pixels.
	if bounds.Dx() < 480 || bounds.Dx() > 510 || bounds.Dy() < 690 || bounds.Dy() > 715 {
		t.Errorf("page 1 is %v, want A4 at 60 dpi", bounds)
	}
	dark := 0
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if frac := float64(dark) / float64(bounds.Dx()*bounds.Dy()); frac < 0.01 {
		t.Errorf("page 1 is nearly blank (%.3f dark)", frac)
	}
}

// TestPDFLongText checks that long narrative text flows over pages without losing a character and
// that a long body name wraps in the title.
func TestPDFLongText(t *testing.T) {
	fonts := loadTestFonts(t)
	r := fixtureReport(t, Template2021)
	r.Body.Name = "辽宁省沈阳市和平区人民政府办公室（区政务服务和数据管理局）"
	var paras []string
	for i := 0; i < 40; i++ {
		paras = append(paras, strconv.Itoa(i+1)+"."+strings.TrimSpace(strings.Split(r.Sections.Overview, "\n")[0]))
	}
	r.Sections.Problems = strings.Join(paras, "\n")
	_, layout, raw := renderPDF(t, r, "report-long", fonts)
	flat := squash(raw)
	text := squash(withoutPageNumbers(raw))
	for _, p := range paras {
		if !strings.Contains(text, squash(p)) {
			t.Errorf("paragraph lost characters: %s", p)
		}
	}
	if !strings.Contains(flat, squash(r.Title())) {
		t.Error("wrapped title missing")
	}
	pages := strings.Count(layout, "\f")
	if pages < 4 || !strings.Contains(flat, "第"+strconv.Itoa(pages)+"页/共"+strconv.Itoa(pages)+"页") {
		t.Errorf("%d pages, last page number missing", pages)
	}
}

func TestPDFMissingFont(t *testing.T) {
	dir := t.TempDir()
	err := fixtureReport(t, Template2021).WritePDF(&bytes.Buffer{}, PDFOptions{FontDir: dir})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{filepath.Join(dir, typeset.RegularFile), "fonts-lxgw-wenkai"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}

func TestExportsRejectBrokenShape(t *testing.T) {
	r := fixtureReport(t, Template2021)
	r.Table3.Rows = r.Table3.Rows[:10]
	if err := r.WritePDF(&bytes.Buffer{}, PDFOptions{Fonts: &typeset.Fonts{}}); err == nil {
		t.Error("WritePDF accepted a truncated table 三")
	}
	if err := r.WriteXLSX(&bytes.Buffer{}); err == nil {
		t.Error("WriteXLSX accepted a truncated table 三")
	}
	if _, err := r.MarshalJSON(); err == nil {
		t.Error("MarshalJSON accepted a truncated table 三")
	}
}

func BenchmarkWritePDF(b *testing.B) {
	fonts := loadTestFonts(b)
	r := fixtureReport(b, Template2021)
	for b.Loop() {
		if err := r.WritePDF(&bytes.Buffer{}, PDFOptions{Fonts: fonts}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteXLSX(b *testing.B) {
	r := fixtureReport(b, Template2021)
	for b.Loop() {
		if err := r.WriteXLSX(&bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
