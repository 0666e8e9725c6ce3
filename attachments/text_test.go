package attachments

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestExtractText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: run make deps (Debian poppler-utils)")
	}
	tests := []struct {
		name      string
		mediaType string
		content   []byte
		want      []string // substrings of the text, in order
		wantExact string   // when set, the whole text
	}{
		{"pdf", MediaPDF, chinesePDF(t, "关于优化营商环境的若干措施", "沈政发〔2024〕12号"),
			[]string{"营商环境", "沈政发〔2024〕12号"}, ""},
		{"docx", MediaDOCX, docx(t, "关于优化营商环境的若干措施", "一、总体要求", "A&B <条款>"),
			nil, "关于优化营商环境的若干措施\n一、总体要求\nA&B <条款>"},
		{"xlsx", MediaXLSX, xlsx(t),
			[]string{"Sheet1\n项目\t预算数（万元）\n一般公共预算支出\t1234.5\n", "说明\n数据来源：市财政局"}, ""},
		{"text", MediaText, []byte("\ufeff第一行\r\n\r\n\r\n\r\n第二行\x00\n"), nil, "第一行\n\n第二行"},
		{"text line ends", MediaText, []byte("a\r\nb\rc\n\nd\u2028e"), nil, "a\nb\nc\n\nd\ne"},
		{"png has no text", MediaPNG, pngBytes, nil, ""},
		{"ofd not extracted", MediaOFD, ofd(t), nil, ""},
		{"unknown type", "application/x-unknown", []byte("whatever"), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExtractText(tt.mediaType, bytes.NewReader(tt.content), int64(len(tt.content)))
			if err != nil {
				t.Fatalf("ExtractText: %v", err)
			}
			if tt.want == nil && got != tt.wantExact {
				t.Errorf("text = %q, want %q", got, tt.wantExact)
			}
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text %q lacks %q", got, w)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestExtractTextTruncates(t *testing.T) {
	para := strings.Repeat("优化营商环境", 1000) // 6,000 runes
	content := docx(t, para, para, para, para, para)
	got, err := ExtractText(MediaDOCX, bytes.NewReader(content), int64(len(content)))
	if err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(got); n != MaxTextRunes {
		t.Errorf("text has %d runes, want MaxTextRunes = %d", n, MaxTextRunes)
	}
}

func TestExtractTextZipBomb(t *testing.T) {
	// 30 MiB of whitespace inflates from about 30 KiB and carries no text.
	huge := strings.Repeat(" ", 30<<20)
	bomb := zipOf(t, "word/document.xml",
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+huge+`</w:body></w:document>`)
	xlsBomb := zipOf(t, "[Content_Types].xml", "<Types/>", "xl/workbook.xml", "<workbook/>",
		"xl/worksheets/sheet1.xml", huge)
	if len(bomb) > 1<<20 || len(xlsBomb) > 1<<20 {
		t.Fatalf("bombs are %d and %d bytes; want small", len(bomb), len(xlsBomb))
	}
	tests := []struct {
		name      string
		mediaType string
		content   []byte
	}{
		{"docx", MediaDOCX, bomb},
		{"xlsx", MediaXLSX, xlsBomb},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The bound is errEntryTooLarge: reading stops at the limit. No timing assert
			// (make test runs on busy machines; it failed at 7 s on 2 shared cores).
			_, err := ExtractText(tt.mediaType, bytes.NewReader(tt.content), int64(len(tt.content)))
			if !errors.Is(err, errEntryTooLarge) {
				t.Errorf("error = %v, want errEntryTooLarge", err)
			}
		})
	}
}

func TestExtractTextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pdf := chinesePDF(t, "营商环境")
	if _, err := ExtractTextContext(ctx, MediaPDF, bytes.NewReader(pdf), int64(len(pdf))); !errors.Is(err, context.Canceled) {
		t.Errorf("error = %v, want context.Canceled", err)
	}
}
