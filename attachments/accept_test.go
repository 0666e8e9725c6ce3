package attachments

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestAcceptDetectsByContent(t *testing.T) {
	ctx := context.Background()
	pdf := chinesePDF(t, "关于优化营商环境的若干措施")
	tests := []struct {
		name     string // as the client sent it
		content  []byte
		wantType string
		wantName string
	}{
		{"措施.pdf", pdf, MediaPDF, "措施.pdf"},
		{"措施.PDF", pdf, MediaPDF, "措施.PDF"},
		{"措施.docx", pdf, MediaPDF, "措施.pdf"},
		{"措施", pdf, MediaPDF, "措施.pdf"},
		{"2024.12.03通知", pdf, MediaPDF, "2024.12.03通知.pdf"},
		{"通知.doc", docx(t, "通知"), MediaDOCX, "通知.docx"},
		{"通知", docx(t, "通知"), MediaDOCX, "通知.docx"},
		{"预算表.xls", xlsx(t), MediaXLSX, "预算表.xlsx"},
		{"预算表.docx", xlsx(t), MediaXLSX, "预算表.xlsx"},
		{"公文.zip", ofd(t), MediaOFD, "公文.ofd"},
		{"公文", ofd(t), MediaOFD, "公文.ofd"},
		{"旧文件.xls", ole("WordDocument"), MediaDOC, "旧文件.doc"},
		{"旧文件.wps", ole("WordDocument"), MediaDOC, "旧文件.wps"},
		{"旧表格.doc", ole("Workbook"), MediaXLS, "旧表格.xls"},
		{"旧表格", ole("Book"), MediaXLS, "旧表格.xls"},
		{"照片.gif", pngBytes, MediaPNG, "照片.png"},
		{"照片", jpegBytes, MediaJPEG, "照片.jpg"},
		{"照片.JPEG", jpegBytes, MediaJPEG, "照片.JPEG"},
		{"动图.png", gifBytes, MediaGIF, "动图.gif"},
		{"说明.txt", []byte("\ufeff说明：本表单位为万元。\r\n"), MediaText, "说明.txt"},
		{"数据.csv", []byte("项目,金额\n支出,1\n"), MediaText, "数据.csv"},
		{"说明.html", []byte("说明 <b>不是</b> 网页"), MediaText, "说明.txt"},
		{"", []byte("plain"), MediaText, "attachment.txt"},
		{"../../etc/cron.d/x", []byte("plain"), MediaText, "x.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.wantType+"/"+tt.name, func(t *testing.T) {
			store, _ := newTestDir(t)
			a, err := Accept(ctx, store, tt.name, bytes.NewReader(tt.content), DefaultLimits())
			if err != nil {
				t.Fatalf("Accept: %v", err)
			}
			if a.MediaType != tt.wantType || a.Name != tt.wantName {
				t.Errorf("Accept = %q %q, want %q %q", a.MediaType, a.Name, tt.wantType, tt.wantName)
			}
			if a.Size != int64(len(tt.content)) || a.SHA256 != sum(tt.content) {
				t.Errorf("Accept size %d sha %s, want %d %s", a.Size, a.SHA256, len(tt.content), sum(tt.content))
			}
			if ok, err := store.Exists(ctx, a.SHA256); !ok || err != nil {
				t.Errorf("blob not stored: %v %v", ok, err)
			}
		})
	}
}

func TestAcceptRefuses(t *testing.T) {
	ctx := context.Background()
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String("关于优化营商环境的若干措施")
	if err != nil {
		t.Fatal(err)
	}
	docm := zipOf(t, "[Content_Types].xml", docxContentTypes, "word/document.xml", documentXML("宏"),
		"word/vbaProject.bin", "\xd0\xcf\x11\xe0")
	xlsm := zipOf(t, "xl/workbook.xml", "<workbook/>", "xl/vbaProject.bin", "\xd0\xcf\x11\xe0")
	tests := []struct {
		name     string
		content  []byte
		wantType string
	}{
		{"a.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), mediaHTML},
		{"a.pdf", []byte("\n  <html><body onload=alert(1)>"), mediaHTML},
		{"a.png", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), mediaSVG},
		{"a.png", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), mediaSVG},
		{"a.txt", []byte(`<?xml version="1.0"?><root/>`), mediaXML},
		{"a.pdf", elfBytes, mediaELF},
		{"a.doc", peBytes, mediaPE},
		{"a.txt", []byte("#!/bin/sh\nrm -rf /\n"), mediaScript},
		{"a.docx", zipOf(t, "a.txt", "hello"), mediaZip},
		{"a.docx", docm, mediaDOCM},
		{"a.xlsx", xlsm, mediaXLSM},
		{"a.ppt", ole("PowerPoint Document"), mediaOLE},
		{"a.doc", ole("EncryptedPackage"), mediaOLE},
		{"a.txt", []byte(gbk), mediaNonUTF8Txt},
		{"a.txt", []byte("text\x00with a NUL"), mediaBinary},
		{"a.txt", append([]byte("looks like text"), 0xff, 0xfe, 0x00, 0x01), "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.wantType, func(t *testing.T) {
			store, root := newTestDir(t)
			_, err := Accept(ctx, store, tt.name, bytes.NewReader(tt.content), DefaultLimits())
			var te *TypeError
			if !errors.Is(err, ErrTypeNotAllowed) || !errors.As(err, &te) {
				t.Fatalf("Accept error = %v, want a TypeError", err)
			}
			if te.MediaType != tt.wantType {
				t.Errorf("detected %q, want %q", te.MediaType, tt.wantType)
			}
			if files := blobFiles(t, root); len(files) != 0 {
				t.Errorf("refused upload stored: %v", files)
			}
		})
	}
}

func TestAcceptLimits(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		size    int
		max     int64
		wantErr error
	}{
		{"at the limit", 100, 100, nil},
		{"one byte over", 101, 100, ErrTooLarge},
		{"far over", 1 << 20, 100, ErrTooLarge},
		{"default limit", 1 << 20, 0, nil},
		{"empty", 0, 100, ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store, root := newTestDir(t)
			content := strings.Repeat("a", tt.size)
			_, err := Accept(ctx, store, "a.txt", strings.NewReader(content), Limits{MaxBytes: tt.max})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Accept error = %v, want %v", err, tt.wantErr)
			}
			if files := blobFiles(t, root); tt.wantErr != nil && len(files) != 0 {
				t.Errorf("refused upload stored: %v", files)
			}
		})
	}
	if got := DefaultLimits().MaxBytes; got != 50<<20 {
		t.Errorf("DefaultLimits().MaxBytes = %d, want 50 MiB", got)
	}
}

func TestAcceptExtractsText(t *testing.T) {
	ctx := context.Background()
	store, _ := newTestDir(t)
	a, err := Accept(ctx, store, "通知.docx", bytes.NewReader(docx(t, "关于优化营商环境的若干措施")), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if a.TextErr != nil || a.Text != "关于优化营商环境的若干措施" {
		t.Errorf("Text = %q (%v)", a.Text, a.TextErr)
	}

	// A damaged PDF is still accepted; TextErr says why it has no text.
	a, err = Accept(ctx, store, "坏.pdf", strings.NewReader("%PDF-1.4\nnot really a PDF"), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if a.MediaType != MediaPDF || a.Text != "" || a.TextErr == nil {
		t.Errorf("damaged PDF: %q text %q err %v; want a PDF with TextErr", a.MediaType, a.Text, a.TextErr)
	}
}
