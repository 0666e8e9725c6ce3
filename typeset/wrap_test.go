package typeset

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// fakeWidth measures a CJK rune as 1 and an ASCII rune as 0.5, like a real font at size 1.
func fakeWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x80 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func checkWrap(t *testing.T, text string, width float64, lines []string, measure func(string) float64) {
	t.Helper()
	if got, want := strings.Join(lines, ""), strings.ReplaceAll(text, "\n", ""); got != want {
		t.Fatalf("characters lost or added:\n got %q\nwant %q", got, want)
	}
	for i, l := range lines {
		if measure(l) > width+1e-9 && utf8.RuneCountInString(l) > 1 {
			t.Errorf("line %d %q is %.2f wide, limit %.2f", i, l, measure(l), width)
		}
		if r, _ := utf8.DecodeRuneInString(l); isClosing(r) {
			t.Errorf("line %d %q starts with closing punctuation", i, l)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text  string
		width float64
		want  []string
	}{
		{"政府信息公开", 3, []string{"政府信", "息公开"}},
		{"甲乙丙，丁", 3, []string{"甲乙", "丙，丁"}},
		{"甲乙丙。”丁", 4, []string{"甲乙", "丙。”丁"}},
		{"甲乙（丙丁", 3, []string{"甲乙", "（丙丁"}},
		{"收到申请12345件", 5, []string{"收到申请", "12345件"}},
		{"12345678901234", 3, []string{"123456", "789012", "34"}},
		{"第一段\n第二段", 10, []string{"第一段", "第二段"}},
		{"", 5, []string{""}},
		{"甲", 0.5, []string{"甲"}},
	}
	for _, tt := range tests {
		got := Wrap(tt.text, tt.width, fakeWidth)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Wrap(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		checkWrap(t, tt.text, tt.width, got, fakeWidth)
	}
}

// TestWrapRandom wraps random Chinese text with punctuation at many widths.
func TestWrapRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	han := []rune("政府信息公开工作年度报告申请人依法办理答复条例规定行政机关")
	punct := []rune("，。、；：？！）」』”’")
	open := []rune("（“《")
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		b.WriteRune(han[rng.IntN(len(han))]) // a paragraph starting with "，" cannot be helped
		for b.Len() < 300 {
			switch k := rng.IntN(20); {
			case k == 0:
				b.WriteRune(punct[rng.IntN(len(punct))])
				if rng.IntN(4) == 0 {
					b.WriteRune(punct[rng.IntN(len(punct))])
				}
			case k == 1:
				b.WriteRune(open[rng.IntN(len(open))])
			case k == 2:
				b.WriteString("2024")
			default:
				b.WriteRune(han[rng.IntN(len(han))])
			}
			b.WriteRune(han[rng.IntN(len(han))])
		}
		text := b.String()
		width := 4 + float64(rng.IntN(30))
		checkWrap(t, text, width, Wrap(text, width, fakeWidth), fakeWidth)
	}
}

// TestWrapRealFont measures with the embedded font, as the report and the letters do, and checks
// that greedy filling leaves every line but a paragraph's last nearly full.
func TestWrapRealFont(t *testing.T) {
	fonts, err := LoadFonts("")
	if err != nil {
		t.Fatal(err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("wenkai", "", fonts.Regular)
	f.SetFont("wenkai", "", 12)
	text := "本机关于2026年10月26日收到您（单位）提交的政府信息公开申请，申请获取“沈阳市2025年重点建设项目清单”的政府信息。" +
		"经查，您申请获取的信息属于本机关已经主动公开的政府信息，可以通过沈阳市人民政府门户网站政府信息公开专栏（http://www.shenyang.gov.cn/zwgk/）查阅。" +
		"根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，现将获取该政府信息的方式和途径告知如下：收到申请12345件，办结12000件，结转345件。"
	for _, width := range []float64{20, 53, 100, 170} {
		lines := Wrap(text, width, f.GetStringWidth)
		checkWrap(t, text, width, lines, f.GetStringWidth)
	}
	// Greedy filling, measured on text without Latin words (which stay whole and may leave a
	// line short on purpose).
	han := "经查，您申请获取的信息属于本机关已经主动公开的政府信息，可以通过市人民政府门户网站政府信息公开专栏查阅。根据《中华人民共和国政府信息公开条例》第三十六条第一项的规定，现将获取该政府信息的方式和途径告知如下。"
	for _, width := range []float64{100, 170} {
		lines := Wrap(han, width, f.GetStringWidth)
		checkWrap(t, han, width, lines, f.GetStringWidth)
		for i, l := range lines[:len(lines)-1] {
			if w := f.GetStringWidth(l); w < width-2*f.GetStringWidth("国") && !strings.HasSuffix(l, "。") {
				t.Errorf("width %v: line %d only %.1f wide: %q", width, i, w, l)
			}
		}
	}
	if err := f.Output(&bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFontsMissing(t *testing.T) {
	dir := t.TempDir()
	_, err := LoadFonts(dir)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{filepath.Join(dir, RegularFile), "fonts-lxgw-wenkai"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}
