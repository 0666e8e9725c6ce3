package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"xxgk/bodies"
	"xxgk/catalog"
)

// Officers import their department's existing catalog (CSV or XLSX, the template's headers)
// through the same catalog.Store.ImportFile as `xxgk import catalog`: every problem is listed
// by row and column and nothing is written, or every row is imported in one transaction.

// maxImportRequest bounds an import upload: the largest file the importer reads plus room for
// the rest of the multipart form.
const maxImportRequest = catalog.MaxImportFileSize + 1<<20

// ImportPage is the console's import form for one body, with the outcome of an upload.
type ImportPage struct {
	Page
	Body   bodies.Body
	Name   string
	MaxMB  int
	DryRun bool
	// FileName is the uploaded file's name; Error a reason the upload could not be read.
	FileName string
	Error    string
	// Problems lists what is wrong with the file (nothing was imported); Result what an
	// import did or, for a dry run, would do.
	Problems []catalog.ImportProblem
	Result   *catalog.ImportResult
}

func (s *Server) importPage(r *http.Request, b bodies.Body) ImportPage {
	lang := requestLang(r)
	p := ImportPage{Page: s.page(r, s.msgs.T(lang, "import.title")), Body: b, Name: b.DisplayName(lang),
		MaxMB: catalog.MaxImportFileSize >> 20}
	return p
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	p := s.importPage(r, b)
	s.render(w, r, http.StatusOK, "import", &p)
}

// importUpload takes the multipart form (a dry_run checkbox and the file), streaming it: the
// file is held in memory, at most MaxImportFileSize, and never written to disk.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	p := s.importPage(r, b)
	lang := requestLang(r)
	fail := func(status int, key string, args ...any) {
		p.Error = s.msgs.T(lang, key, args...)
		s.render(w, r, status, "import", &p)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportRequest)
	mr, err := r.MultipartReader()
	if err != nil {
		fail(http.StatusBadRequest, "import.badform")
		return
	}
	var data []byte
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			fail(http.StatusRequestEntityTooLarge, "import.toolarge", p.MaxMB)
			return
		}
		if err != nil {
			fail(http.StatusBadRequest, "import.badform")
			return
		}
		switch part.FormName() {
		case "dry_run":
			p.DryRun = true
		case "file":
			p.FileName = part.FileName()
			data, err = io.ReadAll(io.LimitReader(part, catalog.MaxImportFileSize+1))
			switch {
			case errors.As(err, &tooLarge) || len(data) > catalog.MaxImportFileSize:
				fail(http.StatusRequestEntityTooLarge, "import.toolarge", p.MaxMB)
				return
			case err != nil:
				fail(http.StatusBadRequest, "import.badform")
				return
			}
		}
		part.Close()
	}
	if p.FileName == "" || len(data) == 0 {
		fail(http.StatusBadRequest, "import.nofile")
		return
	}
	res, err := s.catalog.ImportFile(r.Context(), actorFrom(r), b.Code, p.FileName, bytes.NewReader(data),
		catalog.ImportOptions{DryRun: p.DryRun})
	var ie *catalog.ImportError
	switch {
	case errors.As(err, &ie):
		p.Problems = ie.Problems
		s.render(w, r, http.StatusUnprocessableEntity, "import", &p)
		return
	case s.catalogError(w, r, err):
		return
	}
	p.Result = &res
	s.render(w, r, http.StatusOK, "import", &p)
}

// importTemplate serves the template officers fill in, as XLSX or CSV.
func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	const base = "目录导入模板"
	var body []byte
	var ext string
	if strings.HasSuffix(r.URL.Path, ".csv") {
		body, ext = catalog.ImportTemplateCSV(), ".csv"
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		var buf bytes.Buffer
		if err := catalog.WriteImportTemplate(&buf); err != nil {
			s.serverError(w, r, err)
			return
		}
		body, ext = buf.Bytes(), ".xlsx"
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	}
	// An ASCII name for old clients, the Chinese one (RFC 6266) for the rest.
	w.Header().Set("Content-Disposition", `attachment; filename="catalog-import-template`+ext+`"; filename*=UTF-8''`+url.PathEscape(base+ext))
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(body)
}
