package attachments

import (
	"mime"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeName(t *testing.T) {
	long := strings.Repeat("营", 300)
	tests := []struct {
		in, want string
	}{
		{"2024年预算公开.pdf", "2024年预算公开.pdf"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\张三\Desktop\关于印发通知.docx`, "关于印发通知.docx"},
		{"a/b\\c.pdf", "c.pdf"},
		{"报告\u202Efdp.exe", "报告fdp.exe"},
		{"报\x00告\r\n第一\t稿.pdf", "报告 第一 稿.pdf"},
		{"  报告　　全文 .pdf  ", "报告 全文 .pdf"},
		{".htaccess", "htaccess"},
		{"报告.pdf...", "报告.pdf"},
		{`a<b>c:d"e|f?g*.pdf`, "a_b_c_d_e_f_g_.pdf"},
		{"", "attachment"},
		{"/", "attachment"},
		{"...", "attachment"},
		{"\x00\x01", "attachment"},
		{"bad\xff\xfeutf8.txt", "badutf8.txt"},
		{"CON.txt", "_CON.txt"},
		{"lpt1", "_lpt1"},
		{"console.txt", "console.txt"},
		{long + ".pdf", strings.Repeat("营", 196) + ".pdf"},
		{long, strings.Repeat("营", 200)},
		{"e\u0301.txt", "\u00e9.txt"}, // NFC, as macOS sends decomposed names
	}
	for _, tt := range tests {
		got := SanitizeName(tt.in)
		if got != tt.want {
			t.Errorf("SanitizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again := SanitizeName(got); again != got {
			t.Errorf("SanitizeName not idempotent on %q: %q", got, again)
		}
		if n := utf8.RuneCountInString(got); n > MaxNameRunes {
			t.Errorf("SanitizeName(%q) has %d runes", tt.in, n)
		}
	}
}

func TestNameFor(t *testing.T) {
	tests := []struct {
		name, mediaType, want string
	}{
		{"a.pdf", MediaPDF, "a.pdf"},
		{"a.Pdf", MediaPDF, "a.Pdf"},
		{"a.html", MediaPDF, "a.pdf"},
		{"a.tar.gz", MediaPDF, "a.tar.pdf"},
		{"v1.2", MediaPDF, "v1.2.pdf"},
		{"第3.5条解读", MediaDOCX, "第3.5条解读.docx"},
		{".pdf", MediaDOCX, "pdf.docx"},
		{"x.jpeg", MediaJPEG, "x.jpeg"},
		{"x.png", MediaJPEG, "x.jpg"},
		{strings.Repeat("营", 199) + ".doc", MediaDOCX, strings.Repeat("营", 195) + ".docx"},
	}
	for _, tt := range tests {
		if got := nameFor(tt.name, tt.mediaType); got != tt.want {
			t.Errorf("nameFor(%q, %s) = %q, want %q", tt.name, tt.mediaType, got, tt.want)
		}
	}
}

func TestContentDisposition(t *testing.T) {
	tests := []struct {
		name, want, wantName string
	}{
		{
			"2024年预算公开.pdf",
			`attachment; filename="2024_.pdf"; filename*=UTF-8''2024%E5%B9%B4%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80.pdf`,
			"2024年预算公开.pdf",
		},
		{
			"预算.xlsx",
			`attachment; filename="attachment.xlsx"; filename*=UTF-8''%E9%A2%84%E7%AE%97.xlsx`,
			"预算.xlsx",
		},
		{
			"report 2024 (final).pdf",
			`attachment; filename="report 2024 (final).pdf"; filename*=UTF-8''report%202024%20%28final%29.pdf`,
			"report 2024 (final).pdf",
		},
		{
			"a\"b\\c\r\nd%.txt",
			`attachment; filename="c d_.txt"; filename*=UTF-8''c%20d%25.txt`,
			"c d%.txt",
		},
	}
	for _, tt := range tests {
		got := ContentDisposition(tt.name)
		if got != tt.want {
			t.Errorf("ContentDisposition(%q)\n got %s\nwant %s", tt.name, got, tt.want)
		}
		// A standard parser (RFC 2231 decoding, as browsers do) gets the name back.
		disp, params, err := mime.ParseMediaType(got)
		if err != nil || disp != "attachment" || params["filename"] != tt.wantName {
			t.Errorf("ParseMediaType(%s) = %q %q %v, want filename %q", got, disp, params, err, tt.wantName)
		}
	}
}
