package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/requests"
)

// Reviews and lawsuits (行政复议, 行政诉讼) in the console: the body's cases with their results,
// a form to record a new one and a form per pending case to record its result. They feed table
// 四 of the annual report. The JSON API is in web/applications_api.go.

// AppealsPage is a body's reviews and lawsuits.
type AppealsPage struct {
	Page
	Body    bodies.Body
	Name    string
	CanEdit bool
	Appeals []requests.Appeal
	Kinds   []FieldOption
	Results []FieldOption
	Notice  string
	Error   string
}

func (s *Server) appealOptions(lang string) (kinds, results []FieldOption) {
	for _, k := range requests.AppealKinds {
		label := k.Label
		if lang == "en" {
			label = k.English
		}
		kinds = append(kinds, FieldOption{Value: string(k.Kind), Label: label})
	}
	for _, r := range requests.AppealResults {
		label := r.Label
		if lang == "en" {
			label = r.English
		}
		results = append(results, FieldOption{Value: string(r.Result), Label: label})
	}
	return kinds, results
}

func (s *Server) appealsPage(w http.ResponseWriter, r *http.Request) {
	s.renderAppeals(w, r, http.StatusOK, "")
}

func (s *Server) renderAppeals(w http.ResponseWriter, r *http.Request, status int, problem string) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	lang := requestLang(r)
	list, err := s.applications.Appeals(r.Context(), b.Code, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	pr, _ := principalFrom(r.Context())
	p := AppealsPage{Page: s.page(r, s.msgs.T(lang, "appeals.title", b.DisplayName(lang))), Body: b, Name: b.DisplayName(lang),
		CanEdit: pr.CanManage(b.Code), Appeals: list, Error: problem}
	p.Kinds, p.Results = s.appealOptions(lang)
	switch r.URL.Query().Get("done") {
	case "1":
		p.Notice = s.msgs.T(lang, "appeals.saved")
	}
	if bad := r.URL.Query().Get("bad"); p.Error == "" && (bad == "date" || bad == "result") {
		p.Error = s.msgs.T(lang, "appeals.bad."+bad)
	}
	s.render(w, r, status, "appeals", &p)
}

// appealProblem turns a store error into the text shown above the forms; false for errors
// that are not the user's.
func (s *Server) appealProblem(r *http.Request, err error) (string, bool) {
	var v requests.ValidationError
	switch {
	case errors.As(err, &v):
		parts := make([]string, 0, len(v))
		for field, msg := range v {
			parts = append(parts, field+"："+msg)
		}
		return strings.Join(parts, "；"), true
	case errors.Is(err, requests.ErrNotFound):
		return s.msgs.T(requestLang(r), "appeals.unknownapp"), true
	}
	return "", false
}

func (s *Server) addAppealForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r)
		return
	}
	a := requests.Appeal{TrackingNo: strings.TrimSpace(r.PostForm.Get("tracking_no")), Kind: requests.AppealKind(r.PostForm.Get("kind")),
		Result: requests.AppealResult(r.PostForm.Get("result")), Note: strings.TrimSpace(r.PostForm.Get("note")), Source: "console"}
	filed, err := calendar.ParseDate(r.PostForm.Get("filed_on"))
	if err != nil {
		s.renderAppeals(w, r, http.StatusUnprocessableEntity, s.msgs.T(requestLang(r), "error.date"))
		return
	}
	a.FiledOn = filed
	if v := r.PostForm.Get("concluded_on"); v != "" {
		d, err := calendar.ParseDate(v)
		if err != nil {
			s.renderAppeals(w, r, http.StatusUnprocessableEntity, s.msgs.T(requestLang(r), "error.date"))
			return
		}
		a.ConcludedOn = calendar.NullDate{Date: d, Valid: true}
	}
	if _, err := s.applications.AddAppeal(r.Context(), actorFrom(r), r.PathValue("code"), a); err != nil {
		if msg, ok := s.appealProblem(r, err); ok {
			s.renderAppeals(w, r, http.StatusUnprocessableEntity, msg)
			return
		}
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/bodies/"+r.PathValue("code")+"/appeals?done=1", http.StatusSeeOther)
}

func (s *Server) setAppealForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("appeal"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	code, err := s.applications.AppealBodyOf(r.Context(), id)
	if err != nil {
		s.notFound(w, r)
		return
	}
	back := "/console/bodies/" + code + "/appeals"
	on, err := calendar.ParseDate(r.PostForm.Get("concluded_on"))
	if err != nil {
		http.Redirect(w, r, back+"?bad=date", http.StatusSeeOther)
		return
	}
	if _, err := s.applications.SetAppealResult(r.Context(), actorFrom(r), id, requests.AppealResult(r.PostForm.Get("result")), on); err != nil {
		if _, ok := s.appealProblem(r, err); ok {
			http.Redirect(w, r, back+"?bad=result", http.StatusSeeOther)
			return
		}
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, back+"?done=1", http.StatusSeeOther)
}
