package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/requests"
)

// The applications JSON API (依申请公开): public intake and tracking with the query code,
// officers' registration, actions, queues and appeals. Personal data leaves only in full to the
// officers of the handling body, administrators and auditors; everyone else gets
// Application.Masked.

// applicationView is an application as the API shows it, with its status in the reader's
// language.
type applicationView struct {
	requests.Application
	StatusLabel string `json:"status_label"`
}

func viewOf(a requests.Application, lang string) applicationView {
	if a.Events == nil {
		a.Events = []requests.Event{}
	}
	return applicationView{Application: a, StatusLabel: a.Status.Label(lang)}
}

// applicationsError answers an error of the applications store; it reports whether there was one.
func (s *Server) applicationsError(w http.ResponseWriter, r *http.Request, err error) bool {
	if err == nil {
		return false
	}
	lang := requestLang(r)
	var v requests.ValidationError
	var se *requests.StateError
	switch {
	case errors.As(err, &v):
		if isAPI(r) {
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), v)
		} else {
			s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "error.invalid", "error.invalid")
		}
	case errors.As(err, &se):
		msg := se.ZH
		if lang == "en" {
			msg = se.EN
		}
		writeAPIError(w, r, http.StatusConflict, "not_allowed", msg, nil)
	case errors.Is(err, requests.ErrTooManyAttempts):
		w.Header().Set("Retry-After", "900")
		s.fail(w, r, http.StatusTooManyRequests, "too_many_attempts", "error.badrequest.title", "applications.toomany", "applications.toomany")
	case errors.Is(err, requests.ErrBadCode):
		s.fail(w, r, http.StatusForbidden, "bad_code", "error.forbidden.title", "applications.badcode", "applications.badcode")
	case errors.Is(err, requests.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, "not_found", "error.notfound.title", "applications.notfound", "applications.notfound")
	default:
		s.serverError(w, r, err)
	}
	return true
}

// applicationsReady answers 500 when the server was built without the applications store.
func (s *Server) applicationsReady(w http.ResponseWriter, r *http.Request) bool {
	if s.applications == nil {
		s.serverError(w, r, errors.New("web: no applications store configured"))
		return false
	}
	// Applications carry personal data: never cache them anywhere.
	w.Header().Set("Cache-Control", "no-store")
	return true
}

// publicActor is the audit actor of an anonymous applicant.
func publicActor(r *http.Request) audit.Actor {
	a := actorFrom(r)
	if a.Name == "" {
		a.Name = "public"
	}
	return a
}

// submitRequest is the body of POST /api/v1/applications: the body code and the application.
type submitRequest struct {
	Body string `json:"body"`
	requests.NewApplication
}

// submitResponse is what an applicant gets once: the tracking number and the query code.
type submitResponse struct {
	TrackingNo  string            `json:"tracking_no"`
	QueryCode   string            `json:"query_code"`
	BodyCode    string            `json:"body_code"`
	BodyName    string            `json:"body_name"`
	Status      requests.Status   `json:"status"`
	StatusLabel string            `json:"status_label"`
	DueOn       calendar.NullDate `json:"due_on"`
	Deadline    requests.Deadline `json:"deadline"`
}

// apiSubmitApplication is the public intake: an online application to one body.
func (s *Server) apiSubmitApplication(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) || s.limited(w, r, s.applyLimit, "application") {
		return
	}
	var q submitRequest
	if !s.decodeJSON(w, r, &q) {
		return
	}
	lang := requestLang(r)
	q.Body = strings.TrimSpace(q.Body)
	if q.Body == "" {
		writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), map[string]string{"body": s.msgs.T(lang, "applications.nobody")})
		return
	}
	in := q.NewApplication
	in.Source = "api"
	a, code, err := s.applications.Submit(r.Context(), publicActor(r), q.Body, in)
	if errors.Is(err, requests.ErrNotFound) {
		writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), map[string]string{"body": s.msgs.T(lang, "applications.unknownbody")})
		return
	}
	if s.applicationsError(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/applications/"+a.TrackingNo)
	writeJSON(w, http.StatusCreated, submitResponse{TrackingNo: a.TrackingNo, QueryCode: code, BodyCode: a.BodyCode, BodyName: a.BodyName,
		Status: a.Status, StatusLabel: a.Status.Label(lang), DueOn: a.DueOn, Deadline: a.Deadline})
}

// apiGetApplication is tracking: with ?code= anyone gets the masked view (limited guesses);
// without a code, the officers of the body, administrators and auditors get the full record.
func (s *Server) apiGetApplication(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) {
		return
	}
	lang := requestLang(r)
	no := r.PathValue("tracking_no")
	if code := r.URL.Query().Get("code"); code != "" {
		a, err := s.applications.Track(r.Context(), no, code, clientAddr(r))
		if s.applicationsError(w, r, err) {
			return
		}
		writeJSON(w, http.StatusOK, viewOf(a.Masked(), lang))
		return
	}
	p, ok := s.identify(r)
	if !ok {
		writeAPIError(w, r, http.StatusForbidden, "code_required", s.msgs.T(lang, "applications.coderequired"), nil)
		return
	}
	code, err := s.applications.BodyOf(r.Context(), no)
	if errors.Is(err, requests.ErrNotFound) && p.CanReadAll() {
		s.applicationsError(w, r, err)
		return
	}
	if err != nil && !errors.Is(err, requests.ErrNotFound) {
		s.serverError(w, r, err)
		return
	}
	if err != nil || !(p.CanManage(code) || p.CanReadAll()) {
		writeAPIError(w, r, http.StatusForbidden, "forbidden", s.msgs.T(lang, "applications.coderequired"), nil)
		return
	}
	a, err := s.applications.Get(r.Context(), no)
	if s.applicationsError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, viewOf(a, lang))
}

// registerResponse is what an officer gets after registering a paper application: the query
// code to hand to the applicant, and the record.
type registerResponse struct {
	TrackingNo  string          `json:"tracking_no"`
	QueryCode   string          `json:"query_code"`
	Application applicationView `json:"application"`
}

// apiRegisterApplication registers an application the office received in person, by post, fax
// or e-mail, with its channel and received date.
func (s *Server) apiRegisterApplication(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) {
		return
	}
	var in requests.NewApplication
	if !s.decodeJSON(w, r, &in) {
		return
	}
	in.Source = "api"
	a, code, err := s.applications.Register(r.Context(), actorFrom(r), r.PathValue("code"), in)
	if s.applicationsError(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/applications/"+a.TrackingNo)
	writeJSON(w, http.StatusCreated, registerResponse{TrackingNo: a.TrackingNo, QueryCode: code, Application: viewOf(a, requestLang(r))})
}

// apiApplicationEvent applies an officer's action (requests.Action) to an application.
func (s *Server) apiApplicationEvent(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) {
		return
	}
	var act requests.Action
	if !s.decodeJSON(w, r, &act) {
		return
	}
	a, err := s.applications.Act(r.Context(), actorFrom(r), r.PathValue("tracking_no"), act)
	if s.applicationsError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, viewOf(a, requestLang(r)))
}

// apiApplicationQueue lists a body's applications in a queue (?queue=new|due_soon|overdue|
// awaiting_correction|consulting|fee_pending|open|closed|all, &year=, &q=, &descendants=1,
// &page=, &page_size=), with the counts of every queue.
func (s *Server) apiApplicationQueue(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) {
		return
	}
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	lang := requestLang(r)
	q := r.URL.Query()
	page, size := pageParams(r)
	f := requests.QueueFilter{BodyCode: b.Code, Queue: q.Get("queue"), Q: q.Get("q"), Page: page, PageSize: size,
		WithDescendants: q.Get("descendants") == "1" || q.Get("descendants") == "true"}
	if f.Queue == "" {
		f.Queue = requests.QueueOpen
	}
	if v := q.Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2008 || y > 2200 {
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), map[string]string{"year": s.msgs.T(lang, "applications.badyear")})
			return
		}
		f.Year = y
	}
	total, list, err := s.applications.Queue(r.Context(), f)
	if s.applicationsError(w, r, err) {
		return
	}
	counts, err := s.applications.QueueCounts(r.Context(), b.Code, f.WithDescendants)
	if s.applicationsError(w, r, err) {
		return
	}
	views := make([]applicationView, len(list))
	for i, a := range list {
		views[i] = viewOf(a, lang)
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "page": page, "page_size": size, "queue": f.Queue,
		"counts": counts, "applications": views})
}

// appealRequest is the body of POST /api/v1/bodies/{code}/appeals.
type appealRequest struct {
	Kind        requests.AppealKind   `json:"kind"`
	Result      requests.AppealResult `json:"result"`
	FiledOn     calendar.Date         `json:"filed_on"`
	ConcludedOn calendar.NullDate     `json:"concluded_on"`
	TrackingNo  string                `json:"tracking_no"`
	Note        string                `json:"note"`
}

// apiAddAppeal records an administrative review or lawsuit against the body.
func (s *Server) apiAddAppeal(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) {
		return
	}
	var q appealRequest
	if !s.decodeJSON(w, r, &q) {
		return
	}
	a, err := s.applications.AddAppeal(r.Context(), actorFrom(r), r.PathValue("code"), requests.Appeal{Kind: q.Kind, Result: q.Result,
		FiledOn: q.FiledOn, ConcludedOn: q.ConcludedOn, TrackingNo: q.TrackingNo, Note: q.Note, Source: "api"})
	if s.applicationsError(w, r, err) {
		return
	}
	w.Header().Set("Location", "/api/v1/appeals/"+strconv.FormatInt(a.ID, 10))
	writeJSON(w, http.StatusCreated, a)
}

// apiListAppeals lists the body's appeals (?year= filed in that year).
func (s *Server) apiListAppeals(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) {
		return
	}
	year := 0
	if v := r.URL.Query().Get("year"); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < 2008 || y > 2200 {
			lang := requestLang(r)
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), map[string]string{"year": s.msgs.T(lang, "applications.badyear")})
			return
		}
		year = y
	}
	list, err := s.applications.Appeals(r.Context(), r.PathValue("code"), year)
	if s.applicationsError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"appeals": list})
}

// apiSetAppealResult records an appeal's result: {"result": "upheld", "concluded_on": "…"}.
func (s *Server) apiSetAppealResult(w http.ResponseWriter, r *http.Request) {
	if !s.applicationsReady(w, r) {
		return
	}
	var q struct {
		Result      requests.AppealResult `json:"result"`
		ConcludedOn calendar.Date         `json:"concluded_on"`
	}
	if !s.decodeJSON(w, r, &q) {
		return
	}
	id, ok := appealID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	a, err := s.applications.SetAppealResult(r.Context(), actorFrom(r), id, q.Result, q.ConcludedOn)
	if s.applicationsError(w, r, err) {
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func appealID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("appeal"), 10, 64)
	return id, err == nil && id > 0
}

// applicationBody is the body handling the application in the {tracking_no} path value, for
// the applicationOfficer access rule; ok is false when there is none.
func (s *Server) applicationBody(r *http.Request) (string, bool) {
	if s.applications == nil {
		return "", false
	}
	code, err := s.applications.BodyOf(r.Context(), r.PathValue("tracking_no"))
	return code, err == nil
}

// appealBody is the body of the appeal in the {appeal} path value, for the appealOfficer
// access rule.
func (s *Server) appealBody(r *http.Request) (string, bool) {
	id, ok := appealID(r)
	if !ok || s.applications == nil {
		return "", false
	}
	code, err := s.applications.AppealBodyOf(r.Context(), id)
	return code, err == nil
}
