package web

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"xxgk/catalog"
)

const importTestHeader = "索引号,标题,发文字号,发文机关,成文日期,发布日期,类别,有效性,有效期至,废止日期,栏目,主题分类,内容概述,正文\n"

// postImport posts a multipart import form as caller's token would.
func postImport(t *testing.T, s *Server, token, target, fileName, content string, dryRun bool) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if dryRun {
		_ = mw.WriteField("dry_run", "1")
	}
	if fileName != "" {
		fw, err := mw.CreateFormFile("file", fileName)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	mw.Close()
	req := httptest.NewRequest(http.MethodPost, target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func TestImportUpload(t *testing.T) {
	s, tokens := accessFixture(t)
	officer := tokens[officerHere]
	entries := func() int {
		t.Helper()
		n, _, err := s.catalog.List(context.Background(), catalog.ListFilter{BodyCode: "sy-fgw"})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := entries()

	rec := get(t, s, "/console/bodies/sy-fgw/import", "Authorization", "Bearer "+officer)
	for _, want := range []string{`enctype="multipart/form-data"`, `name="dry_run"`, `href="/console/import/template.xlsx"`, `href="/console/import/template.csv"`} {
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Fatalf("form: %d, lacks %s", rec.Code, want)
		}
	}

	good := importTestHeader +
		",<b>沈阳市价格监测报告</b>,,,2024-02-01,2024-02-05,其他,,,,统计信息,,,\n" +
		",关于规范收费的通知,沈发改价格规[2024]1号,,2024-03-01,,行政规范性文件,,,,,,,\n"
	bad := good + ",没有成文日期,,,,,其他,,,,通知公告,,,\n"

	rec = postImport(t, s, officer, "/console/bodies/sy-fgw/import", "目录.csv", bad, false)
	body := rec.Body.String()
	if rec.Code != http.StatusUnprocessableEntity {
		t.Fatalf("bad file: %d\n%s", rec.Code, body)
	}
	for _, want := range []string{"目录.csv 有 2 处问题", "<td>4</td>", "<td>成文日期</td>", "<td>required</td>", `no column &#34;通知公告&#34;`} {
		if !strings.Contains(body, want) {
			t.Errorf("problems page lacks %s", want)
		}
	}
	if n := entries(); n != before {
		t.Fatalf("bad file wrote %d entries", n-before)
	}

	rec = postImport(t, s, officer, "/console/bodies/sy-fgw/import?lang=en", "good.csv", good, true)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "good.csv passed every check; nothing was written. It would import 2 entries: 1 published (1 to be numbered by xxgk), 1 drafts.") {
		t.Fatalf("dry run: %d\n%s", rec.Code, rec.Body)
	}
	if n := entries(); n != before {
		t.Fatalf("dry run wrote %d entries", n-before)
	}

	rec = postImport(t, s, officer, "/console/bodies/sy-fgw/import", "good.csv", good, false)
	body = rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, "已从 good.csv 导入 2 条：已公开 1 条（其中 1 条由系统编索引号），草稿 1 条。") ||
		!strings.Contains(body, `href="/bodies/sy-fgw/entries"`) {
		t.Fatalf("import: %d\n%s", rec.Code, body)
	}
	if n := entries(); n != before+2 {
		t.Fatalf("%d entries imported, want 2", n-before)
	}
	// The title shows escaped in the public directory.
	dir := get(t, s, "/bodies/sy-fgw/entries").Body.String()
	if !strings.Contains(dir, "&lt;b&gt;沈阳市价格监测报告&lt;/b&gt;") {
		t.Errorf("imported title not listed (escaped) in the directory")
	}

	// Forms without a file, or not multipart at all, are the officer's to correct.
	if rec := postImport(t, s, officer, "/console/bodies/sy-fgw/import", "", "", true); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "请选择要上传的目录文件") {
		t.Errorf("no file: %d", rec.Code)
	}
	if rec := postImport(t, s, officer, "/console/bodies/sy-fgw/import", "empty.csv", "", false); rec.Code != http.StatusBadRequest {
		t.Errorf("empty file: %d", rec.Code)
	}
	req := httptest.NewRequest(http.MethodPost, "/console/bodies/sy-fgw/import", strings.NewReader("file=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+officer)
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusBadRequest {
		t.Errorf("urlencoded form: %d", rec.Code)
	}
	// Another body's officer cannot import here.
	if rec := postImport(t, s, tokens[officerThere], "/console/bodies/sy-fgw/import", "good.csv", good, false); rec.Code != http.StatusForbidden {
		t.Errorf("other body's officer: %d", rec.Code)
	}
}

func TestImportTemplateDownloads(t *testing.T) {
	s, tokens := accessFixture(t)
	for _, ext := range []string{"xlsx", "csv"} {
		rec := get(t, s, "/console/import/template."+ext, "Authorization", "Bearer "+tokens[auditor])
		cd := rec.Header().Get("Content-Disposition")
		if rec.Code != http.StatusOK || !strings.Contains(cd, `filename="catalog-import-template.`+ext+`"`) || !strings.Contains(cd, "filename*=UTF-8''") {
			t.Fatalf("%s: %d %q", ext, rec.Code, cd)
		}
		rows, problems, err := catalog.ParseImportFile("t."+ext, rec.Body)
		if err != nil || len(problems) != 0 || len(rows) != 1 {
			t.Errorf("%s template: %d rows, %v, %v", ext, len(rows), problems, err)
		}
	}
}
