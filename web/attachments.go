package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"xxgk/attachments"
	"xxgk/catalog"
)

// Attachments of catalog entries (附件): officers upload them through the API or the console's
// edit form, the entry page lists them and anyone who may see the entry downloads them. The
// attachments package decides what is accepted (from the content, never the client's claims);
// this file maps its refusals to 413 and 415 in the user's language and serves the blobs with
// headers that keep a browser from treating them as part of the site.

// AttachmentLink is an attachment as the entry page lists it.
type AttachmentLink struct {
	catalog.Attachment
	Href string
	// Kind is a short name of the type (PDF, Word, Excel, 图片, …); SizeText the size for people.
	Kind     string
	SizeText string
}

// attachmentJSON is an attachment in the API, with the address it downloads from.
type attachmentJSON struct {
	catalog.Attachment
	URL string `json:"url"`
}

// attachmentHref is the download path of a, ending in its name so that saved files and
// browser histories show it.
func attachmentHref(a catalog.Attachment) string {
	return "/attachments/" + strconv.FormatInt(a.ID, 10) + "/" + url.PathEscape(a.Name)
}

// attachmentKind names a media type the way the entry page shows it.
func (s *Server) attachmentKind(lang, mediaType string) string {
	switch mediaType {
	case attachments.MediaPDF:
		return "PDF"
	case attachments.MediaDOC, attachments.MediaDOCX:
		return "Word"
	case attachments.MediaXLS, attachments.MediaXLSX:
		return "Excel"
	case attachments.MediaOFD:
		return "OFD"
	case attachments.MediaPNG, attachments.MediaJPEG, attachments.MediaGIF:
		return s.msgs.T(lang, "attach.kind.image")
	case attachments.MediaText:
		return s.msgs.T(lang, "attach.kind.text")
	}
	return mediaType
}

// sizeText shows a byte count as people read it: 850 B, 12.3 KB, 4.5 MB.
func sizeText(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// entryAttachments returns the links of the entry's current attachments, as cat holds them.
func (s *Server) entryAttachments(r *http.Request, cat *catalog.Store, entryID int64) ([]AttachmentLink, error) {
	as, err := cat.Attachments(r.Context(), entryID)
	if err != nil {
		return nil, err
	}
	return s.attachmentLinks(requestLang(r), as), nil
}

// attachmentLinks are the links of attachments as a page lists them.
func (s *Server) attachmentLinks(lang string, as []catalog.Attachment) []AttachmentLink {
	links := make([]AttachmentLink, len(as))
	for i, a := range as {
		links[i] = AttachmentLink{Attachment: a, Href: attachmentHref(a), Kind: s.attachmentKind(lang, a.MediaType), SizeText: sizeText(a.Size)}
	}
	return links
}

// attachFail answers a refused upload or removal with a message already in the user's
// language: JSON for the API, the error page for the console.
func (s *Server) attachFail(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	lang := requestLang(r)
	if isAPI(r) {
		writeAPIError(w, r, status, code, message, nil)
		return
	}
	p := ErrorPage{Page: s.page(r, s.msgs.T(lang, "attach.failed")), Message: message}
	p.Heading = p.Title
	s.render(w, r, status, "error", &p)
}

// storageFail answers an upload the disk refused, logging the cause for the administrator.
func (s *Server) storageFail(w http.ResponseWriter, r *http.Request, err error) {
	id := requestID(r.Context())
	s.log.Error("attachment storage refused the write", "request_id", id, "error", err.Error())
	s.attachFail(w, r, http.StatusInsufficientStorage, "storage_unavailable", s.msgs.T(requestLang(r), "attach.storage", id))
}

// receiveAttachment takes the multipart field "file" of r, accepts it into the blob store
// and records it as an attachment of the entry in the path. It answers every failure itself
// and reports whether it succeeded.
func (s *Server) receiveAttachment(w http.ResponseWriter, r *http.Request) (catalog.Attachment, bool) {
	lang := requestLang(r)
	id, _ := entryID(r)
	if s.blobs == nil {
		s.serverError(w, r, errors.New("web: no blob store for attachments"))
		return catalog.Attachment{}, false
	}
	// Refuse before reading a large upload that cannot be taken.
	e, err := s.catalog.Get(r.Context(), id)
	if s.catalogError(w, r, err) {
		return catalog.Attachment{}, false
	}
	if e.Status == catalog.StatusWithdrawn {
		s.catalogError(w, r, fmt.Errorf("attach to withdrawn entry %d: %w", id, catalog.ErrNotAllowed))
		return catalog.Attachment{}, false
	}
	lim := s.attachLimits
	// The form's other fields and the multipart framing get 1 MiB beyond the file.
	r.Body = http.MaxBytesReader(w, r.Body, lim.MaxBytes+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		s.attachFail(w, r, http.StatusBadRequest, "no_file", s.msgs.T(lang, "attach.nofile"))
		return catalog.Attachment{}, false
	}
	for {
		part, err := mr.NextPart()
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			s.attachFail(w, r, http.StatusRequestEntityTooLarge, "too_large", s.msgs.T(lang, "attach.toolarge", sizeText(lim.MaxBytes)))
			return catalog.Attachment{}, false
		case err != nil:
			s.attachFail(w, r, http.StatusBadRequest, "no_file", s.msgs.T(lang, "attach.nofile"))
			return catalog.Attachment{}, false
		}
		if part.FormName() != "file" || part.FileName() == "" {
			continue
		}
		a, err := attachments.Accept(r.Context(), s.blobs, part.FileName(), part, lim)
		var typeErr *attachments.TypeError
		switch {
		case errors.Is(err, attachments.ErrTooLarge), errors.As(err, &tooBig):
			s.attachFail(w, r, http.StatusRequestEntityTooLarge, "too_large", s.msgs.T(lang, "attach.toolarge", sizeText(lim.MaxBytes)))
			return catalog.Attachment{}, false
		case errors.As(err, &typeErr):
			mt, _, _ := strings.Cut(typeErr.MediaType, ";")
			s.attachFail(w, r, http.StatusUnsupportedMediaType, "type_not_allowed", s.msgs.T(lang, "attach.badtype", mt))
			return catalog.Attachment{}, false
		case errors.Is(err, attachments.ErrEmpty):
			s.attachFail(w, r, http.StatusBadRequest, "empty_file", s.msgs.T(lang, "attach.empty"))
			return catalog.Attachment{}, false
		case errors.Is(err, attachments.ErrStorageUnavailable):
			s.storageFail(w, r, err)
			return catalog.Attachment{}, false
		case err != nil:
			s.serverError(w, r, err)
			return catalog.Attachment{}, false
		}
		if a.TextErr != nil {
			// The file is published as it is; only search misses its text.
			s.log.Warn("attachment text not extracted", "request_id", requestID(r.Context()), "entry", id,
				"sha256", a.SHA256, "error", a.TextErr)
		}
		added, err := s.catalog.AddAttachment(r.Context(), actorFrom(r), id, a)
		if s.catalogError(w, r, err) {
			return catalog.Attachment{}, false
		}
		return added, true
	}
}

func (s *Server) apiAddAttachment(w http.ResponseWriter, r *http.Request) {
	a, ok := s.receiveAttachment(w, r)
	if !ok {
		return
	}
	w.Header().Set("Location", attachmentHref(a))
	writeJSON(w, http.StatusCreated, attachmentJSON{Attachment: a, URL: attachmentHref(a)})
}

// addAttachmentForm is the console's upload form; the officer returns to the edit page.
func (s *Server) addAttachmentForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.receiveAttachment(w, r); !ok {
		return
	}
	http.Redirect(w, r, "/console/entries/"+r.PathValue("entry")+"/edit", http.StatusSeeOther)
}

func (s *Server) apiListAttachments(w http.ResponseWriter, r *http.Request) {
	e, cat, ok := s.visibleEntry(w, r)
	if !ok {
		return
	}
	as, err := cat.Attachments(r.Context(), e.ID)
	if s.catalogError(w, r, err) {
		return
	}
	out := make([]attachmentJSON, len(as))
	for i, a := range as {
		out[i] = attachmentJSON{Attachment: a, URL: attachmentHref(a)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"entry_id": e.ID, "attachments": out})
}

// removeAttachment takes the attachment in the path off its entry, for an officer of the
// entry's body (the route only requires a signed-in caller: the body is known once the
// attachment is loaded). It answers failures itself and returns the entry's id.
func (s *Server) removeAttachment(w http.ResponseWriter, r *http.Request, note string) (int64, bool) {
	p, _ := principalFrom(r.Context())
	id, err := strconv.ParseInt(r.PathValue("attachment"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return 0, false
	}
	a, err := s.catalog.Attachment(r.Context(), id)
	if errors.Is(err, catalog.ErrNotFound) {
		// As for entries: an attachment that does not exist is no one's to change; only
		// administrators, who may change everything, learn that it is missing.
		if p.IsAdmin() {
			s.notFound(w, r)
		} else {
			s.denied(w, r, true)
		}
		return 0, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return 0, false
	}
	code, err := s.catalog.BodyOf(r.Context(), a.EntryID)
	if s.catalogError(w, r, err) {
		return 0, false
	}
	if !p.CanManage(code) {
		s.denied(w, r, true)
		return 0, false
	}
	if s.catalogError(w, r, s.catalog.RemoveAttachment(r.Context(), actorFrom(r), id, note)) {
		return 0, false
	}
	return a.EntryID, true
}

// apiRemoveAttachment takes an optional JSON body {"note": "why"}: on a published entry the
// note heads the new version.
func (s *Server) apiRemoveAttachment(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Note string `json:"note"`
	}
	if r.ContentLength > 0 && !s.decodeJSON(w, r, &q) {
		return
	}
	if _, ok := s.removeAttachment(w, r, q.Note); ok {
		w.WriteHeader(http.StatusNoContent)
	}
}

// removeAttachmentForm is the console's remove button (HTML forms cannot send DELETE); the
// officer returns to the edit page.
func (s *Server) removeAttachmentForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r)
		return
	}
	entry, ok := s.removeAttachment(w, r, r.PostForm.Get("note"))
	if !ok {
		return
	}
	http.Redirect(w, r, "/console/entries/"+strconv.FormatInt(entry, 10)+"/edit", http.StatusSeeOther)
}

// downloadAttachment serves an attachment to those who may see it: anyone while its entry is
// public and it has not been removed, otherwise the entry's officers and those who read
// everything (others get 404, so drafts cannot be probed). A path whose name is not the
// attachment's redirects to the right one.
func (s *Server) downloadAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("attachment"), 10, 64)
	if err != nil || id <= 0 {
		s.notFound(w, r)
		return
	}
	a, err := s.catalog.Attachment(r.Context(), id)
	if s.catalogError(w, r, err) {
		return
	}
	e, err := s.catalog.Get(r.Context(), a.EntryID)
	if s.catalogError(w, r, err) {
		return
	}
	public := e.Public() && a.RemovedAt == nil
	if !public {
		p, ok := s.optionalPrincipal(r)
		if !ok || !(p.CanReadAll() || p.CanManage(e.BodyCode)) {
			s.notFound(w, r)
			return
		}
	}
	if r.PathValue("name") != a.Name {
		http.Redirect(w, r, attachmentHref(a), http.StatusMovedPermanently)
		return
	}
	if s.blobs == nil {
		s.serverError(w, r, errors.New("web: no blob store for attachments"))
		return
	}
	f, _, err := s.blobs.Open(r.Context(), a.SHA256)
	if err != nil {
		// A recorded attachment whose blob is gone is lost data: operators must hear of it.
		s.serverError(w, r, fmt.Errorf("attachment %d: %w", a.ID, err))
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", a.MediaType)
	h.Set("Content-Disposition", attachments.ContentDisposition(a.Name))
	h.Set("X-Content-Type-Options", "nosniff")
	// Should a browser render it anyway, it runs nothing and reaches nothing of the site.
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
	h.Set("ETag", `"`+a.SHA256+`"`)
	if public {
		// The bytes behind an attachment id never change (the blob is content-addressed and a
		// new file is a new attachment), so caches may keep them.
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "private, no-cache")
	}
	http.ServeContent(w, r, "", a.CreatedAt, f)
}
