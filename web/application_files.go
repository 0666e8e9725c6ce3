package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"xxgk/attachments"
	"xxgk/calendar"
	"xxgk/requests"
)

// Files of applications (issue #6): the applicant may send up to three files with the public
// form (an ID scan, a supporting document), and the handling body releases files with its
// answer. Applicant files carry personal data: only the body's officers, administrators and
// auditors download them, from the console. Released files are listed in the answer letter
// and on the tracking page, where the applicant downloads them by posting the tracking
// number and query code again (the code never travels in a URL).
//
// The public form accepts its files into the blob store before the application is submitted
// and links them after: a refused file (too large, wrong type) sends the form back with
// everything typed kept and no application made, and the only step that can fail after
// Submit is recording a row for a blob already stored. Should it fail, the application
// stands (the applicant has its code) and the confirmation page says which files are
// missing, so the applicant can send them to the office. A blob whose link failed is an
// unreferenced, content-addressed file, which is harmless.

const (
	// appFileMax is how many files the public form takes; appFileLimit bounds each of them.
	appFileMax   = 3
	appFileLimit = 10 << 20
)

// applyFileTypes are the types the public form accepts: scans and documents, nothing that
// runs or that an office would have to convert.
var applyFileTypes = []string{attachments.MediaPDF, attachments.MediaPNG, attachments.MediaJPEG, attachments.MediaGIF}

// AppFileLink is a file of an application as a page lists it.
type AppFileLink struct {
	requests.File
	Href         string // the console's download (officers and auditors only)
	Kind         string
	SizeText     string
	PurposeLabel string
}

func appFileHref(f requests.File) string {
	return "/console/application-files/" + strconv.FormatInt(f.ID, 10)
}

func (s *Server) appFileLinks(r *http.Request, files []requests.File) []AppFileLink {
	lang := requestLang(r)
	out := make([]AppFileLink, len(files))
	for i, f := range files {
		out[i] = AppFileLink{File: f, Href: appFileHref(f), Kind: s.attachmentKind(lang, f.MediaType), SizeText: sizeText(f.Size),
			PurposeLabel: s.msgs.T(lang, "appfile.purpose."+f.Purpose)}
	}
	return out
}

// applicationFileBody is the body handling the application of the file in the {app_file}
// path value, for the applicationFileReader access rule; ok is false when there is none.
func (s *Server) applicationFileBody(r *http.Request) (string, bool) {
	id, err := strconv.ParseInt(r.PathValue("app_file"), 10, 64)
	if err != nil || id <= 0 || s.applications == nil {
		return "", false
	}
	f, err := s.applications.File(r.Context(), id)
	return f.BodyCode, err == nil
}

// ---- The public form ----

// parseApplyForm reads the public form, as multipart (with files) or URL-encoded. Too large a
// post cannot be read back into the form: it gets a 413 page.
func (s *Server) parseApplyForm(w http.ResponseWriter, r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		return s.parseForm(w, r, appFormLimit)
	}
	r.Body = http.MaxBytesReader(w, r.Body, appFormLimit+appFileMax*(appFileLimit+64<<10))
	err := r.ParseMultipartForm(1 << 20)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		lang := requestLang(r)
		p := ErrorPage{Page: s.page(r, s.msgs.T(lang, "appfile.failed")), Message: s.msgs.T(lang, "appfile.apply.toolarge", appFileMax, sizeText(appFileLimit))}
		p.Heading = p.Title
		s.render(w, r, http.StatusRequestEntityTooLarge, "error", &p)
		return false
	case err != nil:
		s.badRequest(w, r)
		return false
	}
	return true
}

// acceptApplyFiles takes the form's files into the blob store. A refusal comes back as the
// status to answer with and a message for the form's file field.
func (s *Server) acceptApplyFiles(r *http.Request) ([]attachments.Attachment, int, string) {
	if r.MultipartForm == nil || len(r.MultipartForm.File["files"]) == 0 {
		return nil, 0, ""
	}
	lang := requestLang(r)
	fhs := r.MultipartForm.File["files"]
	if len(fhs) > appFileMax {
		return nil, http.StatusUnprocessableEntity, s.msgs.T(lang, "appfile.apply.toomany", appFileMax)
	}
	if s.blobs == nil {
		return nil, http.StatusServiceUnavailable, s.msgs.T(lang, "appfile.apply.unavailable")
	}
	var out []attachments.Attachment
	for _, fh := range fhs {
		f, err := fh.Open()
		if err != nil {
			return nil, http.StatusBadRequest, s.msgs.T(lang, "attach.empty")
		}
		a, err := attachments.Accept(r.Context(), s.blobs, fh.Filename, f, attachments.Limits{MaxBytes: appFileLimit})
		f.Close()
		var typeErr *attachments.TypeError
		switch {
		case errors.Is(err, attachments.ErrTooLarge):
			return nil, http.StatusRequestEntityTooLarge, s.msgs.T(lang, "appfile.apply.filetoolarge", fh.Filename, sizeText(appFileLimit))
		case errors.As(err, &typeErr):
			return nil, http.StatusUnsupportedMediaType, s.msgs.T(lang, "appfile.apply.badtype", fh.Filename)
		case errors.Is(err, attachments.ErrEmpty):
			return nil, http.StatusBadRequest, s.msgs.T(lang, "appfile.apply.empty", fh.Filename)
		case err != nil:
			s.log.Error("application file not accepted", "request_id", requestID(r.Context()), "error", err.Error())
			return nil, http.StatusInternalServerError, s.msgs.T(lang, "appfile.apply.unavailable")
		}
		if !slices.Contains(applyFileTypes, a.MediaType) {
			// Accept allows office documents for the catalog; the form takes scans and PDF only.
			return nil, http.StatusUnsupportedMediaType, s.msgs.T(lang, "appfile.apply.badtype", fh.Filename)
		}
		out = append(out, a)
	}
	return out, 0, ""
}

// linkApplyFiles records the accepted files with the new application and returns the names
// of those stored and of those that could not be (logged for the operators).
func (s *Server) linkApplyFiles(r *http.Request, trackingNo string, as []attachments.Attachment) (stored, failed []string) {
	for _, a := range as {
		if _, err := s.applications.AddFile(r.Context(), actorFrom(r), trackingNo, requests.FileApplicant, a); err != nil {
			s.log.Error("application file not linked", "request_id", requestID(r.Context()), "tracking_no", trackingNo,
				"sha256", a.SHA256, "error", err.Error())
			failed = append(failed, a.Name)
			continue
		}
		stored = append(stored, a.Name)
	}
	return stored, failed
}

// ---- The console ----

// canRelease reports whether the page offers the upload of released files: while the
// application is open, and on the day of its answer (the store checks again).
func canRelease(a requests.Application, today calendar.Date) bool {
	return a.Status.Open() || a.Status == requests.StatusAnswered && a.AnsweredOn.Valid && !a.AnsweredOn.Date.Before(today)
}

// uploadApplicationFile handles POST /console/applications/{tracking_no}/files: a file the
// body releases with its answer, in the multipart field "file".
func (s *Server) uploadApplicationFile(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	a, err := s.applications.Get(r.Context(), r.PathValue("tracking_no"))
	if s.applicationError(w, r, err) {
		return
	}
	if s.blobs == nil {
		s.serverError(w, r, errors.New("web: no blob store for application files"))
		return
	}
	lim := s.attachLimits
	r.Body = http.MaxBytesReader(w, r.Body, lim.MaxBytes+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		s.attachFail(w, r, http.StatusBadRequest, "no_file", s.msgs.T(lang, "attach.nofile"))
		return
	}
	for {
		part, err := mr.NextPart()
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			s.attachFail(w, r, http.StatusRequestEntityTooLarge, "too_large", s.msgs.T(lang, "attach.toolarge", sizeText(lim.MaxBytes)))
			return
		case err != nil:
			s.attachFail(w, r, http.StatusBadRequest, "no_file", s.msgs.T(lang, "attach.nofile"))
			return
		}
		if part.FormName() != "file" || part.FileName() == "" {
			continue
		}
		att, err := attachments.Accept(r.Context(), s.blobs, part.FileName(), part, lim)
		var typeErr *attachments.TypeError
		switch {
		case errors.Is(err, attachments.ErrTooLarge), errors.As(err, &tooBig):
			s.attachFail(w, r, http.StatusRequestEntityTooLarge, "too_large", s.msgs.T(lang, "attach.toolarge", sizeText(lim.MaxBytes)))
			return
		case errors.As(err, &typeErr):
			mt, _, _ := strings.Cut(typeErr.MediaType, ";")
			s.attachFail(w, r, http.StatusUnsupportedMediaType, "type_not_allowed", s.msgs.T(lang, "attach.badtype", mt))
			return
		case errors.Is(err, attachments.ErrEmpty):
			s.attachFail(w, r, http.StatusBadRequest, "empty_file", s.msgs.T(lang, "attach.empty"))
			return
		case errors.Is(err, attachments.ErrStorageUnavailable):
			s.storageFail(w, r, err)
			return
		case err != nil:
			s.serverError(w, r, err)
			return
		}
		_, err = s.applications.AddFile(r.Context(), actorFrom(r), a.TrackingNo, requests.FileRelease, att)
		var se *requests.StateError
		if errors.As(err, &se) {
			p := s.applicationPage(r, a, "", url.Values{}, nil)
			p.NoticeError = se.ZH
			if lang == "en" {
				p.NoticeError = se.EN
			}
			s.render(w, r, http.StatusConflict, "console_application", p)
			return
		}
		if s.applicationError(w, r, err) {
			return
		}
		http.Redirect(w, r, "/console/applications/"+url.PathEscape(a.TrackingNo)+"?done=file#files", http.StatusSeeOther)
		return
	}
}

// downloadApplicationFile serves GET /console/application-files/{app_file} to the officers
// of the handling body, administrators and auditors (the route's access rule).
func (s *Server) downloadApplicationFile(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("app_file"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	f, err := s.applications.File(r.Context(), id)
	if s.applicationError(w, r, err) {
		return
	}
	s.serveAppFile(w, r, f)
}

// ---- The applicant ----

// trackFile handles POST /track/files: a released file for the applicant, who proves who they
// are with the number and code again. Files of other applications, and the applicant's own
// uploads, are not found.
func (s *Server) trackFile(w http.ResponseWriter, r *http.Request) {
	a, _, ok := s.trackLookup(w, r)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PostForm.Get("file"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	f, err := s.applications.File(r.Context(), id)
	if errors.Is(err, requests.ErrNotFound) || err == nil && (f.ApplicationID != a.ID || f.Purpose != requests.FileRelease) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.serveAppFile(w, r, f)
}

// serveAppFile sends a file's bytes as a download that no cache keeps and no browser runs.
func (s *Server) serveAppFile(w http.ResponseWriter, r *http.Request, f requests.File) {
	if s.blobs == nil {
		s.serverError(w, r, errors.New("web: no blob store for application files"))
		return
	}
	rc, _, err := s.blobs.Open(r.Context(), f.SHA256)
	if err != nil {
		// A recorded file whose blob is gone is lost data: operators must hear of it.
		s.serverError(w, r, fmt.Errorf("application file %d: %w", f.ID, err))
		return
	}
	defer rc.Close()
	h := w.Header()
	h.Set("Content-Type", f.MediaType)
	h.Set("Content-Disposition", attachments.ContentDisposition(f.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
	h.Set("Cache-Control", "no-store")
	http.ServeContent(w, r, "", f.CreatedAt, rc)
}

// releasedNames are the names of the application's released files, for its letter.
func (s *Server) releasedNames(r *http.Request, trackingNo string) ([]string, error) {
	files, err := s.applications.Files(r.Context(), trackingNo)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, f := range requests.Released(files) {
		names = append(names, f.Name)
	}
	return names, nil
}
