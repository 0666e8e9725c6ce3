package reports

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
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

func TestWrapText(t *testing.T) {
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
		got := wrapText(tt.text, tt.width, fakeWidth)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("wrapText(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
		}
		checkWrap(t, tt.text, tt.width, got, fakeWidth)
	}
}

// TestWrapTextRandom wraps random Chinese text with punctuation at many widths.
func TestWrapTextRandom(t *testing.T) {
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
		checkWrap(t, text, width, wrapText(text, width, fakeWidth), fakeWidth)
	}
}

// TestWrapTextRealFont measures with the embedded font, as WritePDF does.
func TestWrapTextRealFont(t *testing.T) {
	fonts := loadTestFonts(t)
	f := newTestPDF(fonts)
	text := fixtureReport(t, Template2021).Sections.Overview
	for _, width := range []float64{20, 53, 100, 170} {
		lines := wrapText(text, width, f.GetStringWidth)
		checkWrap(t, text, width, lines, f.GetStringWidth)
		if width >= 100 {
			// Greedy filling: every line but a paragraph's last is nearly full.
			for i, l := range lines[:len(lines)-1] {
				if w := f.GetStringWidth(l); w < width-2*f.GetStringWidth("国") && !strings.HasSuffix(l, "。") {
					t.Errorf("width %v: line %d only %.1f wide: %q", width, i, w, l)
				}
			}
		}
	}
}
