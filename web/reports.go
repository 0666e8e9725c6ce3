package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"xxgk/accounts"
	"xxgk/attachments"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/reports"
	"xxgk/typeset"
)

// Annual reports (政府信息公开工作年度报告) and the compliance figures: the public page of a
// locked report (officers and auditors also see the live draft), its JSON, Excel and PDF
// exports, the office's form and its lock, the drill-down behind every number, a government's
// rollup of its departments, and the auditors' compliance page.

// fontCache loads the PDF fonts (about 30 MB) on the first PDF, report or letter, and keeps them.
type fontCache struct {
	once  sync.Once
	fonts *typeset.Fonts
	err   error
}

func (c *fontCache) get() (*typeset.Fonts, error) {
	c.once.Do(func() { c.fonts, c.err = typeset.LoadFonts("") })
	return c.fonts, c.err
}

// ReportSection is one of the six sections of the report page: a narrative or a table.
type ReportSection struct {
	Heading    string
	Paragraphs []string
	// Table is "2", "3" or "4" for the sections that are a table.
	Table string
}

// ReportForm is the office's form: figures as typed ("" = not applicable) and the narrative.
type ReportForm struct {
	Permits, Penalties, Coercive, Fees string
	Overview, Problems, Other          string
	Errors                             map[string]string
	// Drafted marks the sections that show the draft written from the numbers.
	Drafted map[string]bool
}

// ReportPage shows one report (or a government's rollup) with its tables, checks and exports.
type ReportPage struct {
	Page
	Body   bodies.Body
	Name   string
	Year   int
	Report *reports.Report
	// Rollup lists the bodies summed when the page is a rollup.
	Rollup        *reports.Rollup
	Sections      []ReportSection
	Table2        []reports.Table2BlockView
	Table3        []reports.Table3RowView
	Table3Columns []string
	Table4        []reports.SpanCell
	CaseColumns   []string
	Identities    []reports.IdentityResult
	// DrillBase is the drill-down page of this report; "" when the viewer may not drill.
	DrillBase   string
	Exports     []NavItem
	Years       []NavItem
	RollupHref  string
	EntryHref   string
	CanEdit     bool
	CanUnlock   bool
	Form        ReportForm
	Notice      string
	NoticeError string
}

// DrillHref is the drill-down link of a cell, "" when there is none.
func (p *ReportPage) DrillHref(c reports.Cell) string {
	if p.DrillBase == "" || c == "" {
		return ""
	}
	return p.DrillBase + "?cell=" + url.QueryEscape(string(c))
}

// ReportNumber is a number of the report page with its drill-down link, if any.
type ReportNumber struct{ Href, Text string }

// Num is the number of a table cell with its drill-down link.
func (p *ReportPage) Num(c reports.SpanCell) ReportNumber {
	return ReportNumber{Href: p.DrillHref(c.Cell), Text: c.Text}
}

// ReportField is one field of the office's form.
type ReportField struct {
	Name, Label, Value, Error, Help string
}

// Field is the form field name of group ("figures" or "sections") with its problem, and for a
// section the note that it shows the draft written from the numbers.
func (p *ReportPage) Field(group, name, label, value string) ReportField {
	f := ReportField{Name: name, Label: label, Value: value, Error: p.Form.Errors[group+"."+name]}
	if group == "sections" && p.Form.Drafted[name] {
		f.Help = p.T("report.form.drafted")
	}
	return f
}

// DrillPage lists the records behind one number.
type DrillPage struct {
	Page
	Body      bodies.Body
	Name      string
	Year      int
	Cell      string
	Label     string
	Items     []reports.DrillItem
	Limit     int
	Locked    bool
	ReportRef string
}

// ComplianceBar is one bar of the compliance page's charts.
type ComplianceBar struct {
	Label   string
	Value   string
	Percent float64
	// Width is the bar's length in the chart's units (0–100).
	Width float64
	Warn  bool
}

// CompliancePage shows one body's compliance figures for a year.
type CompliancePage struct {
	Page
	Body     bodies.Body
	Name     string
	Year     int
	Bodies   []FieldOption
	Years    []FieldOption
	C        reports.Compliance
	Rows     []reports.ComplianceRow
	Rates    []ComplianceBar
	Outcomes []ComplianceBar
	Export   string
}

// reportYear reads the {year} path value.
func reportYear(s string) (int, bool) {
	y, err := strconv.Atoi(s)
	return y, err == nil && y >= 1000 && y <= 9999
}

// reportsError answers an error of the reports store; it reports whether there was one.
func (s *Server) reportsError(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	lang := requestLang(r)
	var v reports.ValidationError
	switch {
	case errors.As(err, &v):
		if isAPI(r) {
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), v)
		} else {
			s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "error.invalid", "error.invalid")
		}
	case errors.Is(err, reports.ErrNotFound):
		s.notFound(w, r)
	case errors.Is(err, reports.ErrLocked):
		s.fail(w, r, http.StatusConflict, "report_locked", "error.badrequest.title", "report.locked.error", "report.locked.error")
	case errors.Is(err, reports.ErrNotLocked):
		s.fail(w, r, http.StatusConflict, "report_not_locked", "error.badrequest.title", "report.notlocked.error", "report.notlocked.error")
	default:
		s.serverError(w, r, err)
	}
	return true
}

// canReadDrafts reports whether the caller sees a report before it is locked: officers of the
// body, auditors and administrators.
func (s *Server) canReadDrafts(r *http.Request, code string) (accounts.Principal, bool) {
	p, ok := s.optionalPrincipal(r)
	return p, ok && (p.CanManage(code) || p.CanReadAll())
}

// visibleReport builds the report of the {code} body for year, answering itself (404) when the
// caller may not see it: the public sees locked reports only.
func (s *Server) visibleReport(w http.ResponseWriter, r *http.Request, b bodies.Body, year int) (reports.Report, bool) {
	rep, err := s.reports.Build(r.Context(), b.Code, year)
	if s.reportsError(w, r, err) {
		return rep, false
	}
	if rep.Locked == nil {
		if _, ok := s.canReadDrafts(r, b.Code); !ok {
			s.fail(w, r, http.StatusNotFound, "report_not_published", "report.notpublished.title", "report.notpublished", "report.notpublished")
			return rep, false
		}
	}
	return rep, true
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	rep, ok := s.visibleReport(w, r, b, year)
	if !ok {
		return
	}
	p, err := s.reportPageData(r, b, &rep, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report", p)
}

// reportPageData fills the page of rep; form, when not nil, is what the office just posted.
func (s *Server) reportPageData(r *http.Request, b bodies.Body, rep *reports.Report, form *ReportForm) (*ReportPage, error) {
	lang := requestLang(r)
	code := b.Code
	p := &ReportPage{Page: s.page(r, rep.Title()), Body: b, Name: b.DisplayName(lang), Year: rep.Year, Report: rep,
		Table2: rep.Table2View(), Table3: rep.Table3View(), Table3Columns: reports.Table3Columns(),
		Table4: rep.Table4View(), CaseColumns: reports.CaseColumns(), Identities: rep.Check()}
	texts := map[string]string{reports.HeadingOverview: rep.Sections.Overview, reports.HeadingProblems: rep.Sections.Problems, reports.HeadingOther: rep.Sections.Other}
	tables := map[string]string{reports.HeadingProactive: "2", reports.HeadingApplications: "3", reports.HeadingReview: "4"}
	for _, h := range reports.Headings() {
		sec := ReportSection{Heading: h, Table: tables[h]}
		if sec.Table == "" {
			sec.Paragraphs = paragraphsOf(texts[h])
		}
		p.Sections = append(p.Sections, sec)
	}
	api := fmt.Sprintf("/api/v1/bodies/%s/annual-reports/%d", code, rep.Year)
	p.Exports = []NavItem{{Href: api + ".pdf", Label: "PDF"}, {Href: api + ".xlsx", Label: "Excel"}, {Href: api + ".json", Label: "JSON"}}
	for _, y := range []int{rep.Year - 1, rep.Year + 1} {
		if y >= 2008 && y <= calendar.Today().Year() {
			key := "report.year.prev"
			if y > rep.Year {
				key = "report.year.next"
			}
			p.Years = append(p.Years, NavItem{Href: fmt.Sprintf("/bodies/%s/annual-reports/%d", code, y), Label: s.msgs.T(lang, key, y)})
		}
	}
	viewer, canRead := s.canReadDrafts(r, code)
	if canRead {
		p.DrillBase = fmt.Sprintf("/console/bodies/%s/annual-reports/%d/drill", code, rep.Year)
		if b.Kind == bodies.KindGovernment {
			p.RollupHref = fmt.Sprintf("/console/bodies/%s/annual-reports/%d/rollup", code, rep.Year)
		}
	}
	switch r.URL.Query().Get("done") {
	case "saved":
		p.Notice = s.msgs.T(lang, "report.saved")
	case "locked":
		p.Notice = s.msgs.T(lang, "report.locked.done")
	case "unlocked":
		p.Notice = s.msgs.T(lang, "report.unlocked.done")
	}
	p.CanUnlock = rep.Locked != nil && viewer.IsAdmin()
	if canRead {
		in, err := s.reports.Inputs(r.Context(), code, rep.Year)
		if err != nil {
			return nil, err
		}
		if in.EntryID != 0 {
			p.EntryHref = "/entries/" + strconv.FormatInt(in.EntryID, 10)
		}
		if rep.Locked == nil && viewer.CanManage(code) {
			p.CanEdit = true
			if form != nil {
				p.Form = *form
			} else {
				p.Form = ReportForm{Permits: nullText(in.Figures.Permits), Penalties: nullText(in.Figures.Penalties),
					Coercive: nullText(in.Figures.CoerciveMeasures), Overview: rep.Sections.Overview, Problems: rep.Sections.Problems,
					Other: rep.Sections.Other}
				if in.Figures.FeesWanYuan.Valid {
					p.Form.Fees = in.Figures.FeesWanYuan.Value.String()
				}
				p.Form.Drafted = map[string]bool{"overview": in.Sections.Overview == "", "problems": in.Sections.Problems == "", "other": in.Sections.Other == ""}
			}
		}
	}
	return p, nil
}

func nullText(n reports.Nullable[int64]) string {
	if !n.Valid {
		return ""
	}
	return strconv.FormatInt(n.Value, 10)
}

// paragraphsOf splits narrative text into its non-empty paragraphs.
func paragraphsOf(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// apiReport serves GET /api/v1/bodies/{code}/annual-reports/{file}: {file} is the year with an
// optional .json, .xlsx or .pdf (the mux cannot match a partial segment such as {year}.json).
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	file := r.PathValue("file")
	yearText, format, _ := strings.Cut(file, ".")
	if format == "" {
		format = "json"
	}
	year, ok := reportYear(yearText)
	if !ok || (format != "json" && format != "xlsx" && format != "pdf") {
		s.notFound(w, r)
		return
	}
	rep, ok := s.visibleReport(w, r, b, year)
	if !ok {
		return
	}
	var buf bytes.Buffer
	var contentType string
	switch format {
	case "json":
		data, err := rep.ToJSON()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		if rep.Locked == nil {
			w.Header().Set("Cache-Control", "private, no-store")
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(append(data, '\n'))
		return
	case "xlsx":
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		if err := rep.WriteXLSX(&buf); err != nil {
			s.serverError(w, r, err)
			return
		}
	case "pdf":
		contentType = "application/pdf"
		fonts, err := s.pdfFonts.get()
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := rep.WritePDF(&buf, reports.PDFOptions{Fonts: fonts}); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", attachments.ContentDisposition(rep.Title()+"."+format))
	if rep.Locked == nil {
		w.Header().Set("Cache-Control", "private, no-store")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=600")
	}
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w)
}

// reportRequest is the JSON of PUT /api/v1/bodies/{code}/annual-reports/{year}.
type reportRequest struct {
	Figures  reports.Figures  `json:"figures"`
	Sections reports.Sections `json:"sections"`
}

func (s *Server) apiSaveReport(w http.ResponseWriter, r *http.Request) {
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	var req reportRequest
	if !s.decodeJSON(w, r, &req) {
		return
	}
	in, err := s.reports.SaveInputs(r.Context(), actorFrom(r), r.PathValue("code"), year, req.Figures, req.Sections)
	if s.reportsError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, in)
}

func (s *Server) apiLockReport(w http.ResponseWriter, r *http.Request) {
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	rep, err := s.reports.Lock(r.Context(), actorFrom(r), r.PathValue("code"), year)
	if s.reportsError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, &rep)
}

func (s *Server) apiUnlockReport(w http.ResponseWriter, r *http.Request) {
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	var req struct {
		Reason string `json:"reason"`
	}
	if !s.decodeJSON(w, r, &req) {
		return
	}
	err := s.reports.Unlock(r.Context(), actorFrom(r), r.PathValue("code"), year, req.Reason)
	if s.reportsError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"unlocked": true})
}

// reportFormLimit bounds the office's form: three sections of MaxSectionRunes characters.
const reportFormLimit = 1 << 20

// parseFigures reads the form's figures: "" is not applicable, otherwise a whole number (fees:
// 万元 with up to six decimals). Problems are keyed like SaveInputs's.
func (s *Server) parseFigures(lang string, f ReportForm) (reports.Figures, map[string]string) {
	var fig reports.Figures
	problems := map[string]string{}
	for _, x := range []struct {
		name string
		text string
		dst  *reports.Nullable[int64]
	}{{"figures.permits", f.Permits, &fig.Permits}, {"figures.penalties", f.Penalties, &fig.Penalties}, {"figures.coercive_measures", f.Coercive, &fig.CoerciveMeasures}} {
		t := strings.TrimSpace(x.text)
		if t == "" {
			continue
		}
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil || n < 0 {
			problems[x.name] = s.msgs.T(lang, "report.form.count")
			continue
		}
		*x.dst = reports.Some(n)
	}
	if t := strings.TrimSpace(f.Fees); t != "" {
		a, err := reports.ParseAmount(t)
		if err != nil || a < 0 {
			problems["figures.fees_wan_yuan"] = s.msgs.T(lang, "report.form.amount")
		} else {
			fig.FeesWanYuan = reports.Some(a)
		}
	}
	return fig, problems
}

func (s *Server) saveReportForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok || !s.parseForm(w, r, reportFormLimit) {
		return
	}
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	lang := requestLang(r)
	v := r.PostForm
	form := ReportForm{Permits: v.Get("permits"), Penalties: v.Get("penalties"), Coercive: v.Get("coercive_measures"),
		Fees: v.Get("fees_wan_yuan"), Overview: v.Get("overview"), Problems: v.Get("problems"), Other: v.Get("other")}
	fig, problems := s.parseFigures(lang, form)
	if len(problems) == 0 {
		_, err := s.reports.SaveInputs(r.Context(), actorFrom(r), b.Code, year, fig, reports.Sections{Overview: form.Overview, Problems: form.Problems, Other: form.Other})
		var ve reports.ValidationError
		switch {
		case err == nil:
			http.Redirect(w, r, fmt.Sprintf("/bodies/%s/annual-reports/%d?done=saved#report-form", b.Code, year), http.StatusSeeOther)
			return
		case errors.As(err, &ve):
			problems = ve
		default:
			s.reportsError(w, r, err)
			return
		}
	}
	rep, err := s.reports.Build(r.Context(), b.Code, year)
	if s.reportsError(w, r, err) {
		return
	}
	form.Errors = problems
	p, err := s.reportPageData(r, b, &rep, &form)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.NoticeError = s.msgs.T(lang, "report.form.invalid")
	s.render(w, r, http.StatusUnprocessableEntity, "report", p)
}

// reportActionFailed shows the report page again with what went wrong with a lock or unlock.
func (s *Server) reportActionFailed(w http.ResponseWriter, r *http.Request, b bodies.Body, year int, err error) {
	lang := requestLang(r)
	var ve reports.ValidationError
	var msg string
	status := http.StatusConflict
	switch {
	case errors.As(err, &ve):
		status = http.StatusBadRequest
		var parts []string
		for _, m := range ve {
			parts = append(parts, m)
		}
		msg = strings.Join(parts, "；")
	case errors.Is(err, reports.ErrLocked):
		msg = s.msgs.T(lang, "report.locked.error")
	case errors.Is(err, reports.ErrNotLocked):
		msg = s.msgs.T(lang, "report.notlocked.error")
	default:
		s.reportsError(w, r, err)
		return
	}
	rep, err := s.reports.Build(r.Context(), b.Code, year)
	if s.reportsError(w, r, err) {
		return
	}
	p, err := s.reportPageData(r, b, &rep, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.NoticeError = msg
	s.render(w, r, status, "report", p)
}

func (s *Server) lockReportForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok || !s.parseForm(w, r, 16<<10) {
		return
	}
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	if _, err := s.reports.Lock(r.Context(), actorFrom(r), b.Code, year); err != nil {
		s.reportActionFailed(w, r, b, year, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/bodies/%s/annual-reports/%d?done=locked", b.Code, year), http.StatusSeeOther)
}

func (s *Server) unlockReportForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok || !s.parseForm(w, r, 16<<10) {
		return
	}
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	if err := s.reports.Unlock(r.Context(), actorFrom(r), b.Code, year, r.PostForm.Get("reason")); err != nil {
		s.reportActionFailed(w, r, b, year, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/bodies/%s/annual-reports/%d?done=unlocked", b.Code, year), http.StatusSeeOther)
}

func (s *Server) rollupPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	ro, err := s.reports.Rollup(r.Context(), b.Code, year)
	if s.reportsError(w, r, err) {
		return
	}
	p, err := s.reportPageData(r, b, &ro.Report, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// A rollup is a view: nothing to edit, lock, drill or export.
	p.Rollup, p.DrillBase, p.RollupHref, p.CanEdit, p.CanUnlock, p.EntryHref, p.Exports = &ro, "", "", false, false, "", nil
	p.Title = s.msgs.T(requestLang(r), "report.rollup.title", b.DisplayName(requestLang(r)), year)
	p.Years = nil
	s.render(w, r, http.StatusOK, "report", p)
}

// cellLabel describes a drill-down cell with the report's own labels.
func cellLabel(rep *reports.Report, c reports.Cell) string {
	for _, blk := range rep.Table2View() {
		for _, row := range blk.Rows {
			for i, cell := range row {
				if cell.Cell == c && i > 0 {
					return "表二 " + row[0].Text + " / " + blk.Header[i].Text
				}
			}
		}
	}
	cols := reports.Table3Columns()
	for i, row := range rep.Table3View() {
		for j, n := range row.Numbers {
			if n.Cell == c {
				tr := rep.Table3.Rows[i]
				return "表三 " + tr.Group + tr.Label + " / " + cols[j]
			}
		}
	}
	blocks := []string{reports.LabelReview, reports.LabelDirectSuit, reports.LabelSuitAfterReview}
	for i, n := range rep.Table4View() {
		if n.Cell == c {
			return "表四 " + blocks[i/5] + " / " + reports.CaseColumns()[i%5]
		}
	}
	return string(c)
}

func (s *Server) drillPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	year, ok := reportYear(r.PathValue("year"))
	if !ok {
		s.notFound(w, r)
		return
	}
	cell := reports.Cell(r.URL.Query().Get("cell"))
	rep, err := s.reports.Build(r.Context(), b.Code, year)
	if s.reportsError(w, r, err) {
		return
	}
	items, err := s.reports.Drill(r.Context(), b.Code, year, cell)
	if s.reportsError(w, r, err) {
		return
	}
	lang := requestLang(r)
	label := cellLabel(&rep, cell)
	p := DrillPage{Page: s.page(r, s.msgs.T(lang, "report.drill.title", label)), Body: b, Name: b.DisplayName(lang), Year: year,
		Cell: string(cell), Label: label, Items: items, Limit: reports.DrillLimit, Locked: rep.Locked != nil,
		ReportRef: fmt.Sprintf("/bodies/%s/annual-reports/%d", b.Code, year)}
	s.render(w, r, http.StatusOK, "report_drill", &p)
}

// complianceBody picks the body of the compliance page: ?body=, else the first body the caller
// manages, else (auditors, administrators) the portal's root. ok is false when the answer has
// been written (403, 404).
func (s *Server) complianceBody(w http.ResponseWriter, r *http.Request) (bodies.Body, []bodies.Body, bool) {
	p, _ := principalFrom(r.Context())
	all, err := s.bodies.List(r.Context())
	if err != nil {
		s.serverError(w, r, err)
		return bodies.Body{}, nil, false
	}
	var visible []bodies.Body
	for _, b := range all {
		if p.CanReadAll() || p.CanManage(b.Code) {
			visible = append(visible, b)
		}
	}
	code := r.URL.Query().Get("body")
	if code == "" {
		if len(visible) == 0 {
			s.fail(w, r, http.StatusForbidden, "forbidden", "error.forbidden.title", "error.forbidden", "error.forbidden")
			return bodies.Body{}, nil, false
		}
		return visible[0], visible, true
	}
	for _, b := range visible {
		if b.Code == code {
			return b, visible, true
		}
	}
	for _, b := range all {
		if b.Code == code {
			s.fail(w, r, http.StatusForbidden, "forbidden", "error.forbidden.title", "error.forbidden", "error.forbidden")
			return bodies.Body{}, nil, false
		}
	}
	s.notFound(w, r)
	return bodies.Body{}, nil, false
}

// complianceYear reads ?year=, the current year by default.
func complianceYear(r *http.Request) (int, bool) {
	q := r.URL.Query().Get("year")
	if q == "" {
		return calendar.Today().Year(), true
	}
	return reportYear(q)
}

func (s *Server) compliancePage(w http.ResponseWriter, r *http.Request) {
	b, visible, ok := s.complianceBody(w, r)
	if !ok {
		return
	}
	year, ok := complianceYear(r)
	if !ok {
		s.badRequest(w, r)
		return
	}
	c, err := s.reports.Compliance(r.Context(), b.Code, year)
	if s.reportsError(w, r, err) {
		return
	}
	lang := requestLang(r)
	p := CompliancePage{Page: s.page(r, s.msgs.T(lang, "compliance.title")), Body: b, Name: b.DisplayName(lang), Year: year, C: c, Rows: c.Rows(),
		Export: fmt.Sprintf("/console/compliance.xlsx?body=%s&year=%d", url.QueryEscape(b.Code), year)}
	for _, v := range visible {
		p.Bodies = append(p.Bodies, FieldOption{Value: v.Code, Label: v.DisplayName(lang), Selected: v.Code == b.Code})
	}
	for y := calendar.Today().Year(); y >= calendar.Today().Year()-5; y-- {
		p.Years = append(p.Years, FieldOption{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == year})
	}
	rate := func(key string, percent float64, warnBelow float64, n int64) ComplianceBar {
		return ComplianceBar{Label: s.msgs.T(lang, key), Value: fmt.Sprintf("%.1f%%", percent), Percent: percent, Width: percent,
			Warn: n > 0 && percent < warnBelow}
	}
	p.Rates = []ComplianceBar{
		rate("compliance.rate.ontime", c.OnTimePercent, 100, c.OnTime+c.Late),
		rate("compliance.rate.proactive", c.ProactiveOnTimePercent, 100, int64(c.Proactive.Published)),
		rate("compliance.rate.extension", c.ExtensionPercent, -1, c.Answered),
	}
	for _, o := range c.Outcomes {
		p.Outcomes = append(p.Outcomes, ComplianceBar{Label: o.Group, Value: strconv.FormatInt(o.Count, 10), Percent: o.Percent, Width: o.Percent})
	}
	s.render(w, r, http.StatusOK, "compliance", &p)
}

func (s *Server) complianceXLSX(w http.ResponseWriter, r *http.Request) {
	b, _, ok := s.complianceBody(w, r)
	if !ok {
		return
	}
	year, ok := complianceYear(r)
	if !ok {
		s.badRequest(w, r)
		return
	}
	c, err := s.reports.Compliance(r.Context(), b.Code, year)
	if s.reportsError(w, r, err) {
		return
	}
	var buf bytes.Buffer
	if err := c.WriteXLSX(&buf); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", attachments.ContentDisposition(fmt.Sprintf("%s%d年政府信息公开合规指标.xlsx", b.Name, year)))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = buf.WriteTo(w)
}

// reportTasks are the console's links to the annual report of the caller's first body (the
// portal's root for auditors) for last year, and to the compliance figures. The link does not
// repeat the body's name: the console already lists the bodies by name.
func (s *Server) reportTasks(r *http.Request, u accounts.Principal) []NavItem {
	if s.reports == nil || s.bodies == nil {
		return nil
	}
	lang := requestLang(r)
	tasks := []NavItem{{Href: "/console/compliance", Label: s.msgs.T(lang, "compliance.title")}}
	all, err := s.bodies.List(r.Context())
	if err != nil {
		return tasks
	}
	for _, b := range all {
		if u.CanManage(b.Code) || u.CanReadAll() {
			year := calendar.Today().Year() - 1
			return append(tasks, NavItem{Href: fmt.Sprintf("/bodies/%s/annual-reports/%d", b.Code, year),
				Label: s.msgs.T(lang, "report.console.link", year)})
		}
	}
	return tasks
}
