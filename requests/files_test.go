package requests_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"xxgk/attachments"
	"xxgk/audit"
	"xxgk/requests"
)

// pdfBytes is a tiny PDF: attachments.Accept detects the type from the content.
var pdfBytes = []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")

func (f *fixture) accept(name string) attachments.Attachment {
	f.t.Helper()
	blobs, err := attachments.NewDir(f.t.TempDir())
	if err != nil {
		f.t.Fatal(err)
	}
	a, err := attachments.Accept(f.ctx, blobs, name, bytes.NewReader(pdfBytes), attachments.DefaultLimits())
	if err != nil {
		f.t.Fatal(err)
	}
	return a
}

func TestApplicationFiles(t *testing.T) {
	f := newFixture(t)
	f.setDay("2025-09-22")
	sub, _, err := f.st.Submit(f.ctx, audit.Actor{Name: "public"}, "sy-fgw", person())
	if err != nil {
		t.Fatal(err)
	}
	scan, err := f.st.AddFile(f.ctx, audit.Actor{Name: "public"}, sub.TrackingNo, requests.FileApplicant, f.accept("李小明身份证.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if scan.TrackingNo != sub.TrackingNo || scan.BodyCode != "sy-fgw" || scan.Purpose != requests.FileApplicant || scan.Name != "李小明身份证.pdf" {
		t.Fatalf("applicant file: %+v", scan)
	}
	// The applicant's own file name stays out of the audit log (it may be their name).
	var changes string
	if err := f.db.Get(&changes, `SELECT changes::text FROM audit_events WHERE action = 'application.file_add' ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(changes, "李小明") || !strings.Contains(changes, `"applicant"`) {
		t.Errorf("audit of an applicant file: %s", changes)
	}
	// Once confirmed, the applicant can no longer add files; officers release them.
	f.act(sub.TrackingNo, "2025-09-22", requests.Action{Kind: requests.ActConfirm})
	if _, err := f.st.AddFile(f.ctx, audit.Actor{Name: "public"}, sub.TrackingNo, requests.FileApplicant, f.accept("late.pdf")); !errors.Is(err, requests.ErrNotAllowed) {
		t.Fatalf("applicant file after confirmation: %v", err)
	}
	rel, err := f.st.AddFile(f.ctx, officer, sub.TrackingNo, requests.FileRelease, f.accept("投资计划.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.db.Get(&changes, `SELECT changes::text FROM audit_events WHERE action = 'application.file_add' ORDER BY id DESC LIMIT 1`); err != nil || !strings.Contains(changes, "投资计划.pdf") {
		t.Errorf("audit of a released file: %s %v", changes, err)
	}
	// With the answer (the same day) more files may go; the next day the answer is closed.
	f.act(sub.TrackingNo, "2025-09-24", requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed, AnswerText: "予以公开"})
	if _, err := f.st.AddFile(f.ctx, officer, sub.TrackingNo, requests.FileRelease, f.accept("项目清单.pdf")); err != nil {
		t.Fatalf("released file with the answer: %v", err)
	}
	f.setDay("2025-09-25")
	_, err = f.st.AddFile(f.ctx, officer, sub.TrackingNo, requests.FileRelease, f.accept("补充.pdf"))
	var se *requests.StateError
	if !errors.As(err, &se) || se.ZH == "" || se.EN == "" {
		t.Fatalf("released file after the answer day: %v", err)
	}
	if _, err := f.st.AddFile(f.ctx, officer, sub.TrackingNo, "other", f.accept("x.pdf")); err == nil {
		t.Fatal("unknown purpose accepted")
	}

	files, err := f.st.Files(f.ctx, strings.ToLower(sub.TrackingNo))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, x := range files {
		names = append(names, x.Purpose+":"+x.Name)
	}
	if got := strings.Join(names, " "); got != "applicant:李小明身份证.pdf release:投资计划.pdf release:项目清单.pdf" {
		t.Errorf("files: %s", got)
	}
	released := requests.Released(files)
	if len(released) != 2 || released[0].ID != rel.ID {
		t.Errorf("released: %+v", released)
	}
	got, err := f.st.File(f.ctx, scan.ID)
	if err != nil || got.SHA256 != scan.SHA256 || got.Size != int64(len(pdfBytes)) || got.MediaType != attachments.MediaPDF {
		t.Errorf("file %d: %+v %v", scan.ID, got, err)
	}
	if _, err := f.st.File(f.ctx, 999999); !errors.Is(err, requests.ErrNotFound) {
		t.Errorf("unknown file: %v", err)
	}
	if _, err := f.st.Files(f.ctx, "YSQ-2025-NOPE-000001"); !errors.Is(err, requests.ErrNotFound) {
		t.Errorf("files of an unknown application: %v", err)
	}
}
