package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"xxgk/audit"
	"xxgk/calendar"
)

// AuditLog is what auditors and administrators read of the audit log.
type AuditLog interface {
	Query(ctx context.Context, f audit.Filter) (int, []audit.Record, error)
	Actions(ctx context.Context) ([]string, error)
	ExportCSV(ctx context.Context, w io.Writer, f audit.Filter) error
	ExportXLSX(ctx context.Context, w io.Writer, f audit.Filter) error
}

// AuditPage is the console's audit-log browser.
type AuditPage struct {
	Page
	Form    auditForm
	Actions []string
	Total   int
	Events  []audit.Record
	Pager   Pager
	Export  string // query string of the current filter, for the export links
}

// auditForm is the filter as the user typed it, redisplayed in the form.
type auditForm struct {
	From, To, Actor, Action, Body, Target string
}

// auditFilter reads the filter from the query string. Dates are civil dates in China time;
// "to" includes its whole day.
func auditFilter(q url.Values) (audit.Filter, auditForm, map[string]string) {
	form := auditForm{From: q.Get("from"), To: q.Get("to"), Actor: q.Get("actor"), Action: q.Get("action"), Body: q.Get("body"), Target: q.Get("target")}
	f := audit.Filter{Actor: form.Actor, Action: form.Action, Body: form.Body, Target: form.Target}
	problems := map[string]string{}
	if form.From != "" {
		d, err := calendar.ParseDate(form.From)
		if err != nil {
			problems["from"] = "error.date"
		} else {
			f.From = d.Time(calendar.China)
		}
	}
	if form.To != "" {
		d, err := calendar.ParseDate(form.To)
		if err != nil {
			problems["to"] = "error.date"
		} else {
			f.To = d.AddDays(1).Time(calendar.China)
		}
	}
	f.Page, _ = strconv.Atoi(q.Get("page"))
	if n, err := strconv.Atoi(q.Get("page_size")); err == nil {
		f.PageSize = n
	}
	return f, form, problems
}

func (s *Server) auditFilterOrFail(w http.ResponseWriter, r *http.Request) (audit.Filter, auditForm, bool) {
	f, form, problems := auditFilter(r.URL.Query())
	if len(problems) > 0 {
		lang := requestLang(r)
		fields := map[string]string{}
		for k, v := range problems {
			fields[k] = s.msgs.T(lang, v)
		}
		if isAPI(r) {
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), fields)
			return f, form, false
		}
		s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "error.date", "error.date")
		return f, form, false
	}
	return f, form, true
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) {
	f, form, ok := s.auditFilterOrFail(w, r)
	if !ok {
		return
	}
	total, events, err := s.audit.Query(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	actions, err := s.audit.Actions(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := requestLang(r)
	p := AuditPage{Page: s.page(r, s.msgs.T(lang, "audit.title")), Form: form, Actions: actions, Total: total, Events: events}
	size := f.PageSize
	if size <= 0 {
		size = audit.DefaultPageSize
	}
	p.Pager = newPager(r.URL, f.Page, size, total)
	export := r.URL.Query()
	export.Del("page")
	export.Del("page_size")
	p.Export = export.Encode()
	s.render(w, r, http.StatusOK, "audit", &p)
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) {
	f, _, ok := s.auditFilterOrFail(w, r)
	if !ok {
		return
	}
	total, events, err := s.audit.Query(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "events": events})
}

// auditExport streams the filtered log as CSV or XLSX.
func (s *Server) auditExport(w http.ResponseWriter, r *http.Request) {
	f, _, ok := s.auditFilterOrFail(w, r)
	if !ok {
		return
	}
	name := "audit-" + time.Now().In(calendar.China).Format("20060102-150405")
	switch r.URL.Query().Get("format") {
	case "", "csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.csv"`, name))
		w.Header().Set("Cache-Control", "no-store")
		if err := s.audit.ExportCSV(r.Context(), w, f); err != nil {
			// Headers are gone; the log line is what is left.
			s.log.ErrorContext(r.Context(), "audit export failed", "err", err, "request_id", requestID(r.Context()))
		}
	case "xlsx":
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.xlsx"`, name))
		w.Header().Set("Cache-Control", "no-store")
		if err := s.audit.ExportXLSX(r.Context(), w, f); err != nil {
			s.log.ErrorContext(r.Context(), "audit export failed", "err", err, "request_id", requestID(r.Context()))
		}
	default:
		s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "error.format", "error.format")
	}
}

// Pager is the page navigation under a list.
type Pager struct {
	Page, Pages, Total int
	Prev, Next         string // URLs; "" at either end
}

// newPager keeps every query parameter of u and changes only page.
func newPager(u *url.URL, page, size, total int) Pager {
	if page < 1 {
		page = 1
	}
	p := Pager{Page: page, Total: total, Pages: max(1, (total+size-1)/size)}
	link := func(n int) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(n))
		return u.Path + "?" + q.Encode()
	}
	if page > 1 {
		p.Prev = link(min(page-1, p.Pages))
	}
	if page < p.Pages {
		p.Next = link(page + 1)
	}
	return p
}
