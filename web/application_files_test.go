package web

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/requests"
)

// fixtureAppFile is the id of the applicant's file of the sy-fgw application of accessFixture.
var fixtureAppFile string

// applicationFileFixture gives the access fixture's application an applicant file.
func applicationFileFixture(t *testing.T, apps *requests.Store, blobs attachments.Store) string {
	t.Helper()
	ctx := context.Background()
	a, err := attachments.Accept(ctx, blobs, "scan.png", bytes.NewReader(pngBytes(t)), attachments.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	f, err := apps.AddFile(ctx, audit.Actor{Name: "public"}, fixtureTrackingNo, requests.FileApplicant, a)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(f.ID, 10)
}

// pngBytes is a small PNG image, an "ID scan".
func pngBytes(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// releasedPDF is a tiny PDF, detected as such from its content.
var releasedPDF = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

type appUpload struct {
	field, name string
	data        []byte
}

// postMultipart posts the form values and files to target as the caller holding token.
func postMultipart(t *testing.T, s *Server, token, target string, form url.Values, files ...appUpload) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(f.field, f.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.RemoteAddr = "192.0.2.20:4321"
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

var appFileHrefRe = regexp.MustCompile(`href="(/console/application-files/\d+)">([^<]+)<`)

func TestApplicationFiles(t *testing.T) {
	s, tokens := accessFixture(t)
	officer := tokens[officerHere]

	// Refused files send the form back with what was typed, and no application is made.
	form := applyForm()
	rec := postMultipart(t, s, "", "/apply", form, appUpload{"files", "page.html", []byte("<html><script>alert(1)</script></html>")})
	mustContain(t, "bad type", rec, http.StatusUnsupportedMediaType, "page.html", "不是 PDF 或图片", `value="李小明"`, "请公开2025年沈阳市营商环境评价报告全文", `enctype="multipart/form-data"`)
	rec = postMultipart(t, s, "", "/apply", form, appUpload{"files", "a.png", pngBytes(t)}, appUpload{"files", "b.png", pngBytes(t)},
		appUpload{"files", "c.png", pngBytes(t)}, appUpload{"files", "d.png", pngBytes(t)})
	mustContain(t, "too many", rec, http.StatusUnprocessableEntity, "最多可以上传 3 个文件", `value="李小明"`)
	big := append(bytes.Clone(releasedPDF), bytes.Repeat([]byte{' '}, appFileLimit)...)
	mustContain(t, "too large", postMultipart(t, s, "", "/apply", form, appUpload{"files", "big.pdf", big}), http.StatusRequestEntityTooLarge, "超过 10.0 MB")
	// The suggestion button still works on the multipart form.
	sug := applyForm()
	sug.Set("op", "suggest")
	mustContain(t, "suggest", postMultipart(t, s, "", "/apply", sug, appUpload{"files", "scan.png", pngBytes(t)}), http.StatusOK, `value="李小明"`)

	// The application with an ID scan.
	rec = postMultipart(t, s, "", "/apply", form, appUpload{"files", "李小明身份证.png", pngBytes(t)})
	mustContain(t, "submit", rec, http.StatusOK, "申请已提交", "已随申请保存的附件", "李小明身份证.png")
	no, code := trackingNoRe.FindStringSubmatch(rec.Body.String()), queryCodeRe.FindStringSubmatch(rec.Body.String())
	if no == nil || code == nil {
		t.Fatalf("no tracking number or code:\n%s", rec.Body)
	}
	trackingNo, queryCode := no[1], code[1]
	page := "/console/applications/" + trackingNo

	// The handling body's officers and auditors see and download it; no one else does.
	rec = call(t, s, officer, "GET", page, "")
	mustContain(t, "console", rec, http.StatusOK, "李小明身份证.png", "申请人提交", `action="`+page+`/files"`)
	m := appFileHrefRe.FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("no file link on the console page:\n%s", rec.Body)
	}
	scanHref := m[1]
	for _, tok := range []string{officer, tokens[auditor], tokens[admin]} {
		rec := call(t, s, tok, "GET", scanHref, "")
		if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), pngBytes(t)) || rec.Header().Get("Content-Type") != attachments.MediaPNG ||
			!strings.HasPrefix(rec.Header().Get("Content-Disposition"), "attachment") || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("download %s: %d %v", scanHref, rec.Code, rec.Header())
		}
	}
	if rec := call(t, s, tokens[officerThere], "GET", scanHref, ""); rec.Code != http.StatusForbidden {
		t.Errorf("officer of another body downloads: %d", rec.Code)
	}
	if rec := call(t, s, "", "GET", scanHref, ""); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/signin") {
		t.Errorf("anonymous download: %d", rec.Code)
	}
	if rec := call(t, s, tokens[officerThere], "GET", "/console/application-files/999999", ""); rec.Code != http.StatusForbidden {
		t.Errorf("officer probes an unknown file: %d", rec.Code)
	}
	if rec := postMultipart(t, s, tokens[officerThere], page+"/files", nil, appUpload{"file", "x.pdf", releasedPDF}); rec.Code != http.StatusForbidden {
		t.Errorf("officer of another body uploads: %d", rec.Code)
	}

	// The officer releases a file and answers; office documents are fine here, scripts are not.
	mustContain(t, "release bad type", postMultipart(t, s, officer, page+"/files", nil, appUpload{"file", "x.html", []byte("<html><script></script></html>")}),
		http.StatusUnsupportedMediaType)
	rec = postMultipart(t, s, officer, page+"/files", nil, appUpload{"file", "2025年营商环境评价报告.pdf", releasedPDF})
	if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "done=file") {
		t.Fatalf("release: %d %s", rec.Code, rec.Body)
	}
	mustContain(t, "console after release", call(t, s, officer, "GET", page+"?done=file", ""), http.StatusOK, "文件已上传", "2025年营商环境评价报告.pdf", "随答复公开")
	ctx := context.Background()
	for _, a := range []requests.Action{{Kind: requests.ActConfirm}, {Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed, AnswerText: "予以公开，见附件。"}} {
		if _, err := s.applications.Act(ctx, audit.CLI("test"), trackingNo, a); err != nil {
			t.Fatal(err)
		}
	}

	// The applicant sees the released file, never their own upload, and downloads it with the code.
	track := url.Values{"tracking_no": {trackingNo}, "code": {queryCode}}
	rec = postAs(t, s, "", "", "/track", track)
	mustContain(t, "track", rec, http.StatusOK, "随答复公开的文件", "2025年营商环境评价报告.pdf", `action="/track/files"`)
	if strings.Contains(rec.Body.String(), "身份证.png") || strings.Contains(rec.Body.String(), "/console/application-files/") {
		t.Errorf("the tracking page shows the applicant's file or a console link:\n%s", rec.Body)
	}
	files, err := s.applications.Files(ctx, trackingNo)
	if err != nil || len(files) != 2 {
		t.Fatalf("files: %v %v", files, err)
	}
	scanID, releasedID := strconv.FormatInt(files[0].ID, 10), strconv.FormatInt(files[1].ID, 10)
	withFile := func(code, id string) url.Values {
		return url.Values{"tracking_no": {trackingNo}, "code": {code}, "file": {id}}
	}
	rec = postAs(t, s, "", "", "/track/files", withFile(queryCode, releasedID))
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), releasedPDF) || rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("applicant download: %d %v", rec.Code, rec.Header())
	}
	if rec := postAs(t, s, "", "", "/track/files", withFile("WRONGCODE", releasedID)); rec.Code != http.StatusUnprocessableEntity || bytes.Equal(rec.Body.Bytes(), releasedPDF) {
		t.Errorf("download with a wrong code: %d", rec.Code)
	}
	if rec := postAs(t, s, "", "", "/track/files", withFile(queryCode, scanID)); rec.Code != http.StatusNotFound {
		t.Errorf("applicant file through the public door: %d", rec.Code)
	}
	if rec := postAs(t, s, "", "", "/track/files", withFile(queryCode, fixtureAppFile)); rec.Code != http.StatusNotFound {
		t.Errorf("another application's file through the public door: %d", rec.Code)
	}

	// The letter lists the released file (and not the applicant's).
	rec = postAs(t, s, "", "", "/track/letter", track)
	if rec.Code != http.StatusOK {
		t.Fatalf("letter: %d %s", rec.Code, rec.Body)
	}
	text := strings.Join(strings.Fields(pdfText(t, rec.Body.Bytes())), "")
	if !strings.Contains(text, "2025年营商环境评价报告.pdf") || strings.Contains(text, "身份证") {
		t.Errorf("letter text:\n%s", text)
	}
}
