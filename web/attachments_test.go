package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/catalog"
)

// fixtureAttachment is the id of the attachment accessFixture adds to its published entry.
var fixtureAttachment string

// attachTo accepts content as an upload named name into blobs and attaches it to entry id.
func attachTo(t *testing.T, cs *catalog.Store, blobs attachments.Store, id int64, name, content string) int64 {
	t.Helper()
	a, err := attachments.Accept(t.Context(), blobs, name, strings.NewReader(content), attachments.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	added, err := cs.AddAttachment(t.Context(), catalogActor, id, a)
	if err != nil {
		t.Fatal(err)
	}
	return added.ID
}

var catalogActor = audit.CLI("test")

// samplePDF is a small real PDF.
func samplePDF(t *testing.T) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	p.SetFont("Helvetica", "", 14)
	p.Text(20, 30, "Budget 2024")
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// multipartBody returns a form with the file under field, and its content type.
func multipartBody(t *testing.T, field, name string, content []byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("note", "x")
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(content)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, mw.FormDataContentType()
}

// do sends a request as the caller with token ("" for anonymous) and the header pairs.
func do(s *Server, method, target, token string, body io.Reader, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	return rec
}

func upload(s *Server, entry, token, name string, content []byte, t *testing.T, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	body, ct := multipartBody(t, "file", name, content)
	return do(s, "POST", "/api/v1/entries/"+entry+"/attachments", token, body, append([]string{"Content-Type", ct}, header...)...)
}

func TestUploadAttachment(t *testing.T) {
	s, tokens := accessFixture(t)
	pdf := samplePDF(t)

	rec := upload(s, fixtureEntry, tokens[officerHere], "2024年预算公开.pdf", pdf, t)
	if rec.Code != http.StatusCreated {
		t.Fatalf("upload PDF: %d %s", rec.Code, rec.Body)
	}
	var got attachmentJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Name != "2024年预算公开.pdf" || got.MediaType != attachments.MediaPDF || got.Size != int64(len(pdf)) ||
		got.URL != "/attachments/"+strconv.FormatInt(got.ID, 10)+"/"+url.PathEscape("2024年预算公开.pdf") || rec.Header().Get("Location") != got.URL {
		t.Errorf("uploaded: %+v location %q", got, rec.Header().Get("Location"))
	}

	// The entry page lists it with its type and size; its JSON list too.
	page := do(s, "GET", "/entries/"+fixtureEntry, "", nil).Body.String()
	if !strings.Contains(page, "2024年预算公开.pdf") || !strings.Contains(page, got.URL) || !strings.Contains(page, "PDF · ") {
		t.Errorf("entry page does not list the attachment:\n%s", page)
	}
	// The console's edit page lists it with a remove button beside the upload form.
	edit := do(s, "GET", "/console/entries/"+fixtureEntry+"/edit", tokens[officerHere], nil).Body.String()
	if !strings.Contains(edit, "2024年预算公开.pdf") || !strings.Contains(edit, `action="/console/attachments/`+strconv.FormatInt(got.ID, 10)+`/remove"`) ||
		!strings.Contains(edit, `enctype="multipart/form-data"`) {
		t.Errorf("edit page lacks the attachment forms")
	}
	rec = do(s, "GET", "/api/v1/entries/"+fixtureEntry+"/attachments", "", nil)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"name":"2024年预算公开.pdf"`) {
		t.Errorf("attachment list: %d %s", rec.Code, rec.Body)
	}

	tests := []struct {
		name, who, file string
		content         []byte
		lang            string
		want            int
		wantText        string
	}{
		{"HTML is refused", "here", "公告.pdf", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "zh", 415, "不接受此类文件（检测到的类型：text/html）"},
		{"in English", "here", "notice.html", []byte("<html><body>x</body></html>"), "en", 415, "not accepted (detected type: text/html)"},
		{"an executable is refused", "here", "setup.pdf", append([]byte("MZ\x90\x00\x03"), make([]byte, 64)...), "zh", 415, "不接受"},
		{"empty", "here", "空.txt", nil, "zh", 400, "文件是空的"},
		{"another body's officer", "there", "x.pdf", pdf, "zh", 403, ""},
		{"an auditor", "auditor", "x.pdf", pdf, "zh", 403, ""},
		{"anonymous", "", "x.pdf", pdf, "zh", 401, ""},
		{"the same file twice", "here", "again.pdf", pdf, "zh", 400, "file"},
	}
	for _, tt := range tests {
		token := map[string]string{"here": tokens[officerHere], "there": tokens[officerThere], "auditor": tokens[auditor]}[tt.who]
		rec := upload(s, fixtureEntry, token, tt.file, tt.content, t, "Accept-Language", tt.lang)
		if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.wantText) {
			t.Errorf("%s: %d %s, want %d with %q", tt.name, rec.Code, rec.Body, tt.want, tt.wantText)
		}
	}

	// Larger than the limit: 413, and nothing is recorded.
	s.attachLimits = attachments.Limits{MaxBytes: 1 << 10}
	rec = upload(s, fixtureEntry, tokens[officerHere], "大文件.txt", bytes.Repeat([]byte("政务公开"), 1000), t)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "文件超过 1.0 KB 的上限") {
		t.Errorf("too large: %d %s", rec.Code, rec.Body)
	}
	rec = upload(s, fixtureEntry, tokens[officerHere], "big.txt", bytes.Repeat([]byte("x"), 3<<20), t, "Accept-Language", "en")
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "larger than the 1.0 KB limit") {
		t.Errorf("too large for the request: %d %s", rec.Code, rec.Body)
	}
	s.attachLimits = attachments.DefaultLimits()
	id, _ := strconv.ParseInt(fixtureEntry, 10, 64)
	if as, _ := s.catalog.Attachments(t.Context(), id); len(as) != 2 {
		t.Errorf("entry has %d attachments, want the fixture's and the PDF", len(as))
	}

	// No file field: 400 with a message.
	body, ct := multipartBody(t, "document", "x.pdf", pdf)
	rec = do(s, "POST", "/api/v1/entries/"+fixtureEntry+"/attachments", tokens[officerHere], body, "Content-Type", ct)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "file") {
		t.Errorf("no file field: %d %s", rec.Code, rec.Body)
	}

	// The console form returns the officer to the edit page.
	body, ct = multipartBody(t, "file", "附件二.txt", []byte("附件二的内容"))
	rec = do(s, "POST", "/console/entries/"+fixtureEntry+"/attachments", tokens[officerHere], body, "Content-Type", ct)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/console/entries/"+fixtureEntry+"/edit" {
		t.Errorf("console upload: %d %v", rec.Code, rec.Header())
	}
	// A refused file on the console is an error page in the user's language.
	body, ct = multipartBody(t, "file", "x.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`))
	rec = do(s, "POST", "/console/entries/"+fixtureEntry+"/attachments", tokens[officerHere], body, "Content-Type", ct)
	if rec.Code != http.StatusUnsupportedMediaType || !strings.Contains(rec.Body.String(), "不接受此类文件（检测到的类型：image/svg") ||
		!strings.Contains(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("console upload of SVG: %d %s", rec.Code, rec.Body)
	}
}

func TestDownloadAttachment(t *testing.T) {
	s, tokens := accessFixture(t)
	pdf := samplePDF(t)
	rec := upload(s, fixtureEntry, tokens[officerHere], "2024年预算公开.pdf", pdf, t)
	var a attachmentJSON
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || rec.Code != 201 {
		t.Fatalf("upload: %d %s", rec.Code, rec.Body)
	}

	rec = do(s, "GET", a.URL, "", nil)
	h := rec.Header()
	if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), pdf) {
		t.Fatalf("download: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	for name, want := range map[string]string{
		"Content-Type":           "application/pdf",
		"Content-Disposition":    `attachment; filename="2024_.pdf"; filename*=UTF-8''2024%E5%B9%B4%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80.pdf`,
		"X-Content-Type-Options": "nosniff",
		"ETag":                   `"` + a.SHA256 + `"`,
		"Cache-Control":          "public, max-age=31536000, immutable",
		"Content-Length":         strconv.Itoa(len(pdf)),
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if !strings.Contains(h.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("CSP %q lacks sandbox", h.Get("Content-Security-Policy"))
	}
	// The content never changes: a revalidation costs nothing.
	if rec := do(s, "GET", a.URL, "", nil, "If-None-Match", `"`+a.SHA256+`"`); rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", rec.Code)
	}
	// Another name in the path leads to the right one; an unknown id is 404.
	if rec := do(s, "GET", fmt.Sprintf("/attachments/%d/evil.html", a.ID), "", nil); rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != a.URL {
		t.Errorf("wrong name: %d %v", rec.Code, rec.Header())
	}
	if rec := do(s, "GET", "/attachments/999999/x.pdf", "", nil); rec.Code != 404 {
		t.Errorf("unknown attachment: %d", rec.Code)
	}

	// Removal: only the entry's officers; it makes a new version; the public loses the file,
	// the officers keep it (never cached publicly).
	id, _ := strconv.ParseInt(fixtureEntry, 10, 64)
	before, _ := s.catalog.Versions(t.Context(), id)
	del := func(token string) *httptest.ResponseRecorder {
		return do(s, "DELETE", fmt.Sprintf("/api/v1/attachments/%d", a.ID), token, strings.NewReader(`{"note":"上传的文件有误"}`))
	}
	if rec := del(tokens[officerThere]); rec.Code != 403 {
		t.Errorf("another body's officer removes: %d", rec.Code)
	}
	if rec := del(tokens[auditor]); rec.Code != 403 {
		t.Errorf("auditor removes: %d", rec.Code)
	}
	if rec := del(tokens[officerHere]); rec.Code != http.StatusNoContent {
		t.Fatalf("officer removes: %d %s", rec.Code, rec.Body)
	}
	if rec := del(tokens[officerHere]); rec.Code != 404 {
		t.Errorf("remove twice: %d", rec.Code)
	}
	after, _ := s.catalog.Versions(t.Context(), id)
	if len(after) != len(before)+1 || after[len(after)-1].Note != "上传的文件有误" {
		t.Errorf("versions %d → %d, last %+v", len(before), len(after), after[len(after)-1])
	}
	if rec := do(s, "GET", a.URL, "", nil); rec.Code != 404 {
		t.Errorf("public download of a removed file: %d", rec.Code)
	}
	if rec := do(s, "GET", a.URL, tokens[officerHere], nil); rec.Code != 200 || rec.Header().Get("Cache-Control") != "private, no-cache" {
		t.Errorf("officer download of a removed file: %d %v", rec.Code, rec.Header())
	}
	if strings.Contains(do(s, "GET", "/entries/"+fixtureEntry, "", nil).Body.String(), `href="`+a.URL) {
		t.Errorf("entry page still lists the removed file")
	}

	// A draft's file is for its officers (and readers of everything) only.
	draft, err := s.catalog.Create(t.Context(), catalogActor, "sy-fgw", catalog.EntryInput{Title: "草稿", FormedOn: calendar.NewDate(2024, 3, 1), Column: "art20-4"})
	if err != nil {
		t.Fatal(err)
	}
	rec = upload(s, strconv.FormatInt(draft.ID, 10), tokens[officerHere], "草稿附件.txt", []byte("未公开"), t)
	if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil || rec.Code != 201 {
		t.Fatalf("upload to draft: %d %s", rec.Code, rec.Body)
	}
	for who, want := range map[who]int{anonymous: 404, officerThere: 404, officerHere: 200, auditor: 200, admin: 200} {
		if rec := do(s, "GET", a.URL, tokens[who], nil); rec.Code != want {
			t.Errorf("draft attachment as %s: %d, want %d", who, rec.Code, want)
		}
	}
	// The console's remove button.
	rec = do(s, "POST", fmt.Sprintf("/console/attachments/%d/remove", a.ID), tokens[officerHere], strings.NewReader("note="),
		"Content-Type", "application/x-www-form-urlencoded")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != fmt.Sprintf("/console/entries/%d/edit", draft.ID) {
		t.Errorf("console remove: %d %v", rec.Code, rec.Header())
	}
}
