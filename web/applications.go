package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"xxgk/attachments"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/requests"
	"xxgk/search"
)

// Application pages (依申请公开): the public form with its "already published?" suggestions, the
// confirmation that shows the query code once, tracking by number and code, and the officers'
// queues, detail page with one form per legal action, paper registration and the answer letter.
// Every page calls the same requests.Store method as the JSON API (web/applications_api.go).
//
// Query codes never travel in a URL: the form, the tracking page and the letter download all
// post them, and the pages that show them are not cached.

// The choices the forms offer; the store validates them again.
var (
	// appPersonIDTypes are a person's documents; organisations give their unified social
	// credit code (id_type uscc) in the form's uscc field.
	appPersonIDTypes = slices.DeleteFunc(slices.Clone(requests.IDTypes), func(t string) bool { return t == "uscc" })
	// appChannels are the ways an officer registers an application (online is the public form,
	// import the importer's).
	appChannels = slices.DeleteFunc(slices.Clone(requests.Channels), func(c string) bool { return c == "online" || c == "import" })
)

// appFormLimit bounds an application form post: a long description fits easily.
const appFormLimit = 256 << 10

// AppFieldGroup is a fieldset of the application form; Class shows it only for persons
// ("person-only") or organisations ("org-only").
type AppFieldGroup struct {
	FieldGroup
	Class string
}

// ApplyPage is the public application form (and, with Register set, the officers' form for
// applications received on paper, in person, by post, fax or e-mail).
type ApplyPage struct {
	Page
	Action   string
	Register bool
	Body     bodies.Body // the body registering (Register only)
	Name     string
	Groups   []AppFieldGroup
	Consent  FormField
	Invalid  bool
	// NoticeError holds problems the form has no field for.
	NoticeError string
	// Suggested is true after a search for published information; Suggestions are its hits.
	Suggested   bool
	SuggestFor  string
	Suggestions []searchHit
	// FilesError says why the attached files were refused (web/application_files.go).
	FilesError string
}

// AppView is an application as a page shows it: dates and codes already turned into text in
// the page's language.
type AppView struct {
	requests.Application
	Received, Due, Answered string
	StatusLabel             string
	ApplicantTypeLabel      string
	IDTypeLabel             string
	FormWantedLabel         string
	DeliveryLabel           string
	ChannelLabel            string
	OutcomeLabel            string
	OutcomeBasis            string
	Organisation            bool
	Terminal                bool
	// DaysLeft counts working days from today to the due date (negative when overdue).
	DaysLeft int
	HasDue   bool
	Overdue  bool
	DueSoon  bool
	Fee      string
	Steps    []string
	Events   []AppEventView
	Href     string
}

// AppEventView is one event of an application.
type AppEventView struct {
	Label  string
	On     string
	At     string
	Actor  string
	Basis  string
	Note   string
	Public bool
}

// ApplyDonePage confirms a submission: the tracking number and the query code, shown once.
type ApplyDonePage struct {
	Page
	App  AppView
	Code string
	// Files are the names of the files stored with the application; FilesFailed those that
	// could not be (the application stands: the applicant sends them to the office).
	Files       []string
	FilesFailed []string
}

// TrackPage is the applicant's tracking form and, after a good number and code, the masked
// application.
type TrackPage struct {
	Page
	TrackingNo string
	Error      string
	Found      bool
	App        AppView
	// Code is posted again by the letter download form (never put in a link).
	Code      string
	HasLetter bool
	Limited   bool
	// Files are the files released with the answer, downloaded with the number and code.
	Files []AppFileLink
}

// AppQueueTab is a queue link with its count.
type AppQueueTab struct {
	Key, Label, Href string
	Count            int
	Current          bool
	Alert            bool
}

// ConsoleApplicationsPage is a body's application queues.
type ConsoleApplicationsPage struct {
	Page
	Body     bodies.Body
	Name     string
	CanEdit  bool
	Queue    string
	Q        string
	WithDesc bool
	Tabs     []AppQueueTab
	Rows     []AppView
	Total    int
	Pager    Pager
	Notice   string
}

// AppActionForm is the form of one legal action on the detail page.
type AppActionForm struct {
	Kind   string
	Title  string
	Help   string
	Fields []FormField
	Submit string
	Error  string
	Open   bool
	// OutcomeGroups is the answer form's outcome select, grouped as report table 三.
	OutcomeGroups []AppOutcomeGroup
	Outcome       FormField
	// Fee is the fee notice's computation, after "compute".
	Fee string
}

// AppOutcomeGroup is an optgroup of outcomes.
type AppOutcomeGroup struct {
	Label   string
	Options []FieldOption
}

// ConsoleApplicationPage is one application with its deadline explanation, events and actions.
type ConsoleApplicationPage struct {
	Page
	App         AppView
	CanAct      bool
	Actions     []AppActionForm
	Notice      string
	NoticeError string
	HasLetter   bool
	// Files are the applicant's and the released files; CanRelease offers the upload.
	Files      []AppFileLink
	CanRelease bool
}

// appMsg returns the message for key in lang, or fallback when the catalogue has none.
func (s *Server) appMsg(lang, key, fallback string) string {
	if m, ok := s.msgs[lang][key]; ok {
		return m
	}
	return fallback
}

// dateText shows a date the store gives in whatever type it keeps it; "" when absent.
func dateText(v any) string {
	switch d := v.(type) {
	case calendar.Date:
		if d.IsZero() {
			return ""
		}
		return d.String()
	case *calendar.Date:
		if d == nil || d.IsZero() {
			return ""
		}
		return d.String()
	case calendar.NullDate:
		if !d.Valid {
			return ""
		}
		return d.Date.String()
	case time.Time:
		if d.IsZero() {
			return ""
		}
		return d.In(calendar.China).Format("2006-01-02")
	case *time.Time:
		if d == nil {
			return ""
		}
		return d.In(calendar.China).Format("2006-01-02")
	}
	return ""
}

// timeText shows an instant in China time; "" when absent.
func timeText(v any) string {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return ""
		}
		return t.In(calendar.China).Format("2006-01-02 15:04")
	case *time.Time:
		if t == nil {
			return ""
		}
		return t.In(calendar.China).Format("2006-01-02 15:04")
	}
	return ""
}

// appView turns an application into its page form. Pass a.Masked() for any public view.
func (s *Server) appView(lang string, a requests.Application, officer bool, cal *calendar.Calendar) AppView {
	v := AppView{Application: a, Received: dateText(a.ReceivedOn), Due: dateText(a.DueOn), Answered: dateText(a.AnsweredOn),
		StatusLabel:     a.Status.Label(lang),
		IDTypeLabel:     s.appMsg(lang, "app.idtype."+a.IDType, a.IDType),
		FormWantedLabel: s.appMsg(lang, "app.form."+string(a.FormWanted), string(a.FormWanted)),
		DeliveryLabel:   s.appMsg(lang, "app.delivery."+string(a.Delivery), string(a.Delivery)),
		ChannelLabel:    s.appMsg(lang, "app.channel."+string(a.Channel), string(a.Channel)),
		Organisation:    a.ApplicantType != requests.ApplicantPerson,
		Terminal:        !a.Status.Open(),
		Href:            "/console/applications/" + url.PathEscape(a.TrackingNo),
	}
	for _, t := range requests.ApplicantTypes {
		if t.Type == a.ApplicantType {
			v.ApplicantTypeLabel = t.Label
			if lang == "en" {
				v.ApplicantTypeLabel = t.English
			}
		}
	}
	if info, ok := a.Outcome.Info(); ok {
		v.OutcomeLabel = info.Row()
		if lang == "en" {
			v.OutcomeLabel = info.English
		}
		v.OutcomeBasis = info.Basis
	}
	if fee := feeText(a.FeeYuan); fee != "" {
		v.Fee = s.msgs.T(lang, "app.fee.yuan", fee)
	}
	for _, st := range a.Deadline.Steps {
		if lang == "en" {
			v.Steps = append(v.Steps, st.EN)
		} else {
			v.Steps = append(v.Steps, st.ZH)
		}
	}
	if due, err := calendar.ParseDate(v.Due); err == nil && !v.Terminal {
		today := calendar.Today()
		v.HasDue = true
		switch {
		case due.Before(today):
			v.DaysLeft = -cal.WorkingDaysBetween(due, today)
			v.Overdue = true
		default:
			v.DaysLeft = cal.WorkingDaysBetween(today, due)
		}
		v.DueSoon = !v.Overdue && v.DaysLeft <= requests.DueSoonWD
	}
	for _, e := range a.Events {
		if !officer && !e.Public {
			continue
		}
		ev := AppEventView{Label: s.appMsg(lang, "app.event."+e.Kind, e.Kind), On: dateText(e.On), At: timeText(e.At), Basis: e.Basis, Note: e.Note, Public: e.Public}
		if detail := s.eventDetail(lang, e); detail != "" {
			ev.Label += s.msgs.T(lang, "app.event.detail", detail)
		}
		if officer {
			ev.Actor = e.Actor
		}
		v.Events = append(v.Events, ev)
	}
	return v
}

// feeText shows a fee the store keeps as int or *int; "" when there is none.
func feeText(v any) string {
	switch f := v.(type) {
	case int:
		if f > 0 {
			return strconv.Itoa(f)
		}
	case *int:
		if f != nil {
			return strconv.Itoa(*f)
		}
	}
	return ""
}

// eventDetail is what an event's data adds to its label: whom the office consulted, the days
// of an extension, the fee, the outcome, where a transfer went.
func (s *Server) eventDetail(lang string, e requests.Event) string {
	if len(e.Data) == 0 {
		return ""
	}
	var d struct {
		Reason   string           `json:"reason"`
		Days     int              `json:"days"`
		FeeYuan  int              `json:"fee_yuan"`
		Formula  string           `json:"formula"`
		Outcome  requests.Outcome `json:"outcome"`
		BodyName string           `json:"body_name"`
		TrackNo  string           `json:"tracking_no"`
	}
	if json.Unmarshal(e.Data, &d) != nil {
		return ""
	}
	var parts []string
	if d.Reason != "" && e.Kind == requests.EventPauseStarted {
		parts = append(parts, s.msgs.T(lang, "app.reason."+d.Reason))
	}
	if d.Days > 0 {
		parts = append(parts, s.msgs.T(lang, "app.wd.count", d.Days))
	}
	if d.FeeYuan > 0 {
		fee := s.msgs.T(lang, "app.fee.yuan", strconv.Itoa(d.FeeYuan))
		if d.Formula != "" {
			fee = d.Formula + " " + fee
		}
		parts = append(parts, fee)
	}
	if info, ok := d.Outcome.Info(); ok && e.Kind != requests.EventWithdrawn {
		if lang == "en" {
			parts = append(parts, info.English)
		} else {
			parts = append(parts, info.Row())
		}
	}
	if d.BodyName != "" {
		parts = append(parts, d.BodyName)
	}
	if d.TrackNo != "" {
		parts = append(parts, d.TrackNo)
	}
	return strings.Join(parts, s.msgs.T(lang, "app.event.sep"))
}

// workCalendar is the working-day calendar for "days left": the store's, which includes the
// years an administrator loaded.
func (s *Server) workCalendar() *calendar.Calendar { return s.applications.Calendar() }

// applicationError answers the store's errors that are not a form's business.
func (s *Server) applicationError(w http.ResponseWriter, r *http.Request, err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, requests.ErrNotFound):
		s.notFound(w, r)
	case errors.Is(err, requests.ErrNotAllowed):
		s.fail(w, r, http.StatusConflict, "not_allowed", "app.notallowed.title", "app.notallowed", "app.notallowed")
	default:
		s.serverError(w, r, err)
	}
	return true
}

// ---- The public form ----

// appFormValues are the fields of the application form, in order, by group. Organisations give
// their unified social credit code as "uscc"; persons give an ID document type and number.
var appFieldGroups = []struct {
	legend, note, class string
	fields              []string
}{
	{"app.group.applicant", "", "", []string{"applicant_type", "applicant_name"}},
	{"app.group.person", "", "person-only", []string{"id_type", "id_number"}},
	{"app.group.org", "", "org-only", []string{"uscc", "legal_rep", "contact_person"}},
	{"app.group.contact", "app.group.contact.note", "", []string{"phone", "email", "address", "postcode"}},
	{"app.group.request", "", "", []string{"body", "description", "doc_hint"}},
	{"app.group.delivery", "", "", []string{"form_wanted", "delivery"}},
}

// appApplyFields builds the form page's field groups from the values v and the problems.
func (s *Server) applyForm(r *http.Request, v url.Values, problems map[string]string, register bool) (*ApplyPage, error) {
	lang := requestLang(r)
	p := &ApplyPage{Page: s.page(r, s.msgs.T(lang, "app.apply.title")), Action: "/apply", Register: register, Invalid: len(problems) > 0}
	all, err := s.bodies.List(r.Context())
	if err != nil {
		return nil, err
	}
	options := func(prefix string, values []string, cur string) []FieldOption {
		var opts []FieldOption
		for _, val := range values {
			opts = append(opts, FieldOption{Value: val, Label: s.msgs.T(lang, prefix+val), Selected: val == cur})
		}
		return opts
	}
	field := func(name string) FormField {
		f := FormField{Name: name, Label: s.msgs.T(lang, "app.field."+name), Type: "text", Value: v.Get(name), Error: problems[name]}
		if h, ok := s.msgs[lang]["app.help."+name]; ok {
			f.Help = h
		}
		switch name {
		case "applicant_type":
			f.Type, f.Required = "select", true
			for _, t := range requests.ApplicantTypes {
				label := t.Label
				if lang == "en" {
					label = t.English
				}
				if t.Type != requests.ApplicantPerson {
					label = s.msgs.T(lang, "app.orgtype", label)
				}
				f.Options = append(f.Options, FieldOption{Value: string(t.Type), Label: label, Selected: string(t.Type) == f.Value})
			}
		case "applicant_name", "phone":
			f.Required = true
		case "id_number", "uscc":
			f.Required = true
		case "id_type":
			f.Type, f.Options = "select", options("app.idtype.", appPersonIDTypes, f.Value)
		case "email":
			f.Type = "email"
		case "address":
			f.Wide = true
		case "body":
			f.Type, f.Required = "select", true
			f.Options = append(f.Options, FieldOption{Value: "", Label: s.msgs.T(lang, "app.body.choose"), Selected: f.Value == ""})
			for _, b := range all {
				depth := max(0, strings.Count(b.Path, "/")-2)
				f.Options = append(f.Options, FieldOption{Value: b.Code, Label: strings.Repeat("　", depth) + b.DisplayName(lang), Selected: b.Code == f.Value})
			}
		case "description":
			f.Type, f.Rows, f.Required = "textarea", 6, true
		case "doc_hint":
			f.Wide = true
		case "form_wanted":
			f.Type, f.Options = "select", options("app.form.", requests.FormsWanted, f.Value)
		case "delivery":
			f.Type, f.Options = "select", options("app.delivery.", requests.Deliveries, f.Value)
		case "channel":
			f.Type, f.Required, f.Options = "select", true, options("app.channel.", appChannels, f.Value)
		case "received_on":
			f.Type, f.Required = "date", true
		}
		return f
	}
	groups := appFieldGroups
	if register {
		groups = append([]struct {
			legend, note, class string
			fields              []string
		}{{"app.group.receipt", "app.group.receipt.note", "", []string{"channel", "received_on"}}}, groups...)
	}
	shown := map[string]bool{}
	for _, g := range groups {
		fg := AppFieldGroup{FieldGroup: FieldGroup{Legend: s.msgs.T(lang, g.legend)}, Class: g.class}
		if g.note != "" {
			fg.Note = s.msgs.T(lang, g.note)
		}
		for _, name := range g.fields {
			if register && name == "body" {
				continue // the body registering it
			}
			fg.Fields = append(fg.Fields, field(name))
			shown[name] = true
		}
		p.Groups = append(p.Groups, fg)
	}
	p.Consent = FormField{Name: "consent", Label: s.msgs.T(lang, "app.consent"), Type: "checkbox", Value: v.Get("consent"), Error: problems["consent"], Required: true}
	shown["consent"] = true
	var rest []string
	for k, msg := range problems {
		if !shown[k] {
			rest = append(rest, msg)
		}
	}
	slices.Sort(rest)
	p.NoticeError = strings.Join(rest, " ")
	return p, nil
}

// applyPage is the public form: GET /apply (?body=code preselects the body).
func (s *Server) applyPage(w http.ResponseWriter, r *http.Request) {
	v := url.Values{}
	v.Set("applicant_type", string(requests.ApplicantPerson))
	v.Set("id_type", "resident_id")
	v.Set("form_wanted", "electronic")
	v.Set("delivery", "online")
	if code := r.URL.Query().Get("body"); code != "" {
		if _, err := s.bodies.Get(r.Context(), code); err == nil {
			v.Set("body", code)
		}
	}
	p, err := s.applyForm(r, v, nil, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "apply", p)
}

// newApplication reads the application form. Problems are what the page can tell in its own
// language (required fields, unknown options, consent); the store checks the rest.
func (s *Server) newApplication(r *http.Request, v url.Values, register bool) (requests.NewApplication, map[string]string) {
	lang := requestLang(r)
	problems := map[string]string{}
	get := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	required := func(name string) string {
		val := get(name)
		if val == "" {
			problems[name] = s.msgs.T(lang, "app.required."+name)
		}
		return val
	}
	oneOf := func(name string, allowed []string) string {
		val := get(name)
		if val != "" && !slices.Contains(allowed, val) {
			problems[name] = s.msgs.T(lang, "app.badchoice")
		}
		return val
	}
	n := requests.NewApplication{
		ApplicantName: required("applicant_name"),
		Phone:         required("phone"),
		Email:         get("email"),
		Address:       get("address"),
		Postcode:      get("postcode"),
		Description:   required("description"),
		DocHint:       get("doc_hint"),
		Consent:       v.Get("consent") != "",
	}
	n.FormWanted = oneOf("form_wanted", requests.FormsWanted)
	n.Delivery = oneOf("delivery", requests.Deliveries)
	t, err := requests.ParseApplicantType(get("applicant_type"))
	if err != nil {
		problems["applicant_type"] = s.msgs.T(lang, "app.required.applicant_type")
	}
	n.ApplicantType = t
	if t == requests.ApplicantPerson || t == "" {
		n.IDType = oneOf("id_type", appPersonIDTypes)
		n.IDNumber = required("id_number")
	} else {
		n.IDType = "uscc"
		n.IDNumber = required("uscc")
		n.LegalRep = get("legal_rep")
		n.ContactPerson = get("contact_person")
	}
	if e := get("email"); e != "" && (!strings.Contains(e, "@") || strings.ContainsAny(e, " \t")) {
		problems["email"] = s.msgs.T(lang, "app.bademail")
	}
	if register {
		n.Consent = true // the signed paper application
		n.Channel = oneOf("channel", appChannels)
		if n.Channel == "" {
			problems["channel"] = s.msgs.T(lang, "app.required.channel")
		}
		if raw := get("received_on"); raw == "" {
			problems["received_on"] = s.msgs.T(lang, "app.required.received_on")
		} else if d, err := calendar.ParseDate(raw); err != nil {
			problems["received_on"] = s.msgs.T(lang, "error.date")
		} else if d.After(calendar.Today()) {
			problems["received_on"] = s.msgs.T(lang, "app.future")
		} else {
			n.ReceivedOn = d
		}
	} else {
		n.Channel = "online"
		if !n.Consent {
			problems["consent"] = s.msgs.T(lang, "app.required.consent")
		}
	}
	return n, problems
}

// storeProblems turns the store's validation error into the form's field problems, in the
// page's language: the store writes Chinese, so English pages name the field and keep the
// store's text as the detail. Organisations' id_number is the form's uscc field.
func (s *Server) storeProblems(r *http.Request, err error, n requests.NewApplication) (map[string]string, bool) {
	var v requests.ValidationError
	if !errors.As(err, &v) {
		return nil, false
	}
	lang := requestLang(r)
	out := map[string]string{}
	for k, msg := range v {
		field := k
		if field == "id_number" && n.IDType == "uscc" {
			field = "uscc"
		}
		if field == "body_code" {
			field = "body"
		}
		if lang == "en" {
			msg = s.msgs.T(lang, "app.invalid.field", s.msgs.T(lang, "app.field."+field), msg)
		}
		out[field] = msg
	}
	return out, true
}

// submitApplication handles POST /apply: op=suggest searches the published catalog for the
// description and shows the form again with what it found; otherwise the application is
// submitted and the confirmation, with the query code, is the response itself (never a
// redirect: the code must not reach a URL, a log or a cache).
func (s *Server) submitApplication(w http.ResponseWriter, r *http.Request) {
	if !s.parseApplyForm(w, r) {
		return
	}
	lang := requestLang(r)
	v := r.PostForm
	w.Header().Set("Cache-Control", "no-store")
	if v.Get("op") == "suggest" {
		p, err := s.applyForm(r, v, nil, false)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		p.Suggested, p.SuggestFor = true, strings.TrimSpace(v.Get("description"))
		if p.SuggestFor == "" {
			p.Groups = nil
			p, _ = s.applyForm(r, v, map[string]string{"description": s.msgs.T(lang, "app.suggest.empty")}, false)
			p.Invalid = false
		} else if p.Suggestions, err = s.suggest(r, p.SuggestFor, v.Get("body")); err != nil {
			s.log.Warn("application suggestions", "error", err.Error(), "request_id", requestID(r.Context()))
		}
		p.Suggested = true
		s.render(w, r, http.StatusOK, "apply", p)
		return
	}
	if s.limited(w, r, s.applyLimit, "application") {
		return
	}
	n, problems := s.newApplication(r, v, false)
	body := strings.TrimSpace(v.Get("body"))
	if body == "" {
		problems["body"] = s.msgs.T(lang, "app.required.body")
	}
	var files []attachments.Attachment
	status := http.StatusUnprocessableEntity
	if len(problems) == 0 {
		var msg string
		var fileStatus int
		if files, fileStatus, msg = s.acceptApplyFiles(r); msg != "" {
			problems["files"], status = msg, fileStatus
		}
	}
	if len(problems) == 0 {
		a, code, err := s.applications.Submit(r.Context(), actorFrom(r), body, n)
		if err == nil {
			p := ApplyDonePage{Page: s.page(r, s.msgs.T(lang, "app.done.title")), App: s.appView(lang, a.Masked(), false, s.workCalendar()), Code: code}
			p.Files, p.FilesFailed = s.linkApplyFiles(r, a.TrackingNo, files)
			s.render(w, r, http.StatusOK, "apply_done", &p)
			return
		}
		var ok bool
		if problems, ok = s.storeProblems(r, err, n); !ok {
			if errors.Is(err, requests.ErrNotFound) {
				problems = map[string]string{"body": s.msgs.T(lang, "app.required.body")}
			} else {
				s.serverError(w, r, err)
				return
			}
		}
	}
	p, err := s.applyForm(r, v, problems, false)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.FilesError = problems["files"]
	s.render(w, r, status, "apply", p)
}

// suggest finds published entries that may already answer the description: of the chosen
// body and those below it when a body is chosen, else anywhere.
func (s *Server) suggest(r *http.Request, description, body string) ([]searchHit, error) {
	if s.search == nil {
		return nil, nil
	}
	q := []rune(description)
	if len(q) > 60 {
		q = q[:60] // a search query, not the whole letter
	}
	res, _, err := s.search.Search(r.Context(), search.Query{Q: string(q), Under: body, PageSize: 8})
	if err != nil && body != "" {
		res, _, err = s.search.Search(r.Context(), search.Query{Q: string(q), PageSize: 8})
	}
	if err != nil {
		return nil, err
	}
	return hitsOf(res), nil
}

// ---- Tracking ----

func (s *Server) trackForm(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	p := TrackPage{Page: s.page(r, s.msgs.T(lang, "app.track.title"))}
	s.render(w, r, http.StatusOK, "track", &p)
}

// trackLookup checks the number and code of a tracking post; on failure it renders the form
// with the reason (429 once the guesses are used up) and returns false.
func (s *Server) trackLookup(w http.ResponseWriter, r *http.Request) (requests.Application, *TrackPage, bool) {
	lang := requestLang(r)
	p := &TrackPage{Page: s.page(r, s.msgs.T(lang, "app.track.title"))}
	w.Header().Set("Cache-Control", "no-store")
	if !s.parseForm(w, r, 16<<10) {
		return requests.Application{}, nil, false
	}
	p.TrackingNo = strings.ToUpper(strings.TrimSpace(r.PostForm.Get("tracking_no")))
	code := strings.TrimSpace(r.PostForm.Get("code"))
	if p.TrackingNo == "" || code == "" {
		p.Error = s.msgs.T(lang, "app.track.missing")
		s.render(w, r, http.StatusUnprocessableEntity, "track", p)
		return requests.Application{}, nil, false
	}
	a, err := s.applications.Track(r.Context(), p.TrackingNo, code, clientAddr(r))
	switch {
	case err == nil:
		p.Code = code
		return a, p, true
	case errors.Is(err, requests.ErrTooManyAttempts):
		p.Error, p.Limited = s.msgs.T(lang, "app.track.limited"), true
		s.render(w, r, http.StatusTooManyRequests, "track", p)
	case errors.Is(err, requests.ErrBadCode), errors.Is(err, requests.ErrNotFound):
		// The same answer for an unknown number and a wrong code: numbers cannot be probed.
		p.Error = s.msgs.T(lang, "app.track.bad")
		if left, ok := attemptsLeft(err); ok {
			p.Error += " " + s.msgs.T(lang, "app.track.left", left)
		} else {
			p.Error += " " + s.msgs.T(lang, "app.track.rule", int(s.applications.TrackWindow.Minutes()), s.applications.TrackLimit)
		}
		s.render(w, r, http.StatusUnprocessableEntity, "track", p)
	default:
		s.serverError(w, r, err)
	}
	return requests.Application{}, nil, false
}

// attemptsLeft reads the remaining guesses from a wrong-code error, when the store tells;
// otherwise the page states the rule.
func attemptsLeft(err error) (int, bool) {
	var left interface{ AttemptsLeft() int }
	if errors.As(err, &left) {
		return left.AttemptsLeft(), true
	}
	return 0, false
}

// trackApplication handles POST /track: the application as its applicant may see it, with
// personal data masked (anyone holding the number and code sees this page).
func (s *Server) trackApplication(w http.ResponseWriter, r *http.Request) {
	a, p, ok := s.trackLookup(w, r)
	if !ok {
		return
	}
	p.Found = true
	p.App = s.appView(p.Lang, a.Masked(), false, s.workCalendar())
	p.HasLetter = p.App.Terminal && p.App.OutcomeLabel != ""
	files, err := s.applications.Files(r.Context(), a.TrackingNo)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Files = s.appFileLinks(r, requests.Released(files))
	s.render(w, r, http.StatusOK, "track", p)
}

// trackLetter handles POST /track/letter: the answer letter for the applicant, who proves who
// they are with the number and code again.
func (s *Server) trackLetter(w http.ResponseWriter, r *http.Request) {
	a, _, ok := s.trackLookup(w, r)
	if !ok {
		return
	}
	s.writeLetter(w, r, a)
}

// writeLetter sends the answer letter of an answered application as a PDF. It carries the
// applicant's full name: it goes to the applicant.
func (s *Server) writeLetter(w http.ResponseWriter, r *http.Request, a requests.Application) {
	if _, ok := a.Outcome.Info(); !ok {
		s.fail(w, r, http.StatusNotFound, "no_letter", "app.letter.none.title", "app.letter.none", "app.letter.none")
		return
	}
	l := s.letterOf(r, a)
	released, err := s.releasedNames(r, a.TrackingNo)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	l.ReleasedFiles = released
	fonts, err := s.pdfFonts.get()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := requests.WriteLetterPDF(&buf, l, fonts); err != nil {
		s.serverError(w, r, err)
		return
	}
	name := a.TrackingNo + ".pdf"
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, name, url.PathEscape(requests.LetterTitle(a.Outcome)+"-"+name)))
	_, _ = buf.WriteTo(w)
}

// letterOf is the answer letter of an answered application, addressed to the applicant by full
// name, signed by the body with its disclosure office's contacts.
func (s *Server) letterOf(r *http.Request, a requests.Application) requests.Letter {
	l := requests.Letter{BodyName: a.BodyName, TrackingNo: a.TrackingNo, ApplicantName: a.ApplicantName, ApplicantAddress: a.Address,
		Description: a.Description, Outcome: a.Outcome, AnswerText: a.AnswerText}
	l.ReceivedOn, _ = calendar.ParseDate(dateText(a.ReceivedOn))
	l.Date, _ = calendar.ParseDate(dateText(a.AnsweredOn))
	if b, err := s.bodies.Get(r.Context(), a.BodyCode); err == nil {
		l.BodyName = b.Name
		l.BodyAddress, l.BodyPhone = b.Office.Address, b.Office.Phone
	}
	return l
}

// ---- The officers' console ----

// consoleApplications is a body's queues: GET /console/bodies/{code}/applications.
func (s *Server) consoleApplications(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	lang := requestLang(r)
	pr, _ := principalFrom(r.Context())
	q := r.URL.Query()
	p := ConsoleApplicationsPage{Page: s.page(r, s.msgs.T(lang, "app.queue.title", b.DisplayName(lang))), Body: b, Name: b.DisplayName(lang),
		CanEdit: pr.CanManage(b.Code), Queue: q.Get("queue"), Q: strings.TrimSpace(q.Get("q")), WithDesc: q.Get("desc") == "1", Notice: s.appNotice(r)}
	if p.Queue == "" {
		p.Queue = "open"
	}
	if !slices.Contains(requests.Queues(), p.Queue) {
		s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "app.badqueue", "app.badqueue")
		return
	}
	counts, err := s.applications.QueueCounts(r.Context(), b.Code, p.WithDesc)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, k := range requests.Queues() {
		link := url.Values{"queue": {k}}
		if p.WithDesc {
			link.Set("desc", "1")
		}
		p.Tabs = append(p.Tabs, AppQueueTab{Key: k, Label: s.msgs.T(lang, "app.queue."+k), Count: counts[k], Current: k == p.Queue,
			Href: "/console/bodies/" + b.Code + "/applications?" + link.Encode(), Alert: (k == "overdue" || k == "due_soon") && counts[k] > 0})
	}
	page, size := pageParams(r)
	total, apps, err := s.applications.Queue(r.Context(), requests.QueueFilter{BodyCode: b.Code, WithDescendants: p.WithDesc, Queue: p.Queue, Q: p.Q, Page: page, PageSize: size})
	if err != nil {
		var v requests.ValidationError
		if errors.As(err, &v) {
			s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "app.badqueue", "app.badqueue")
			return
		}
		s.serverError(w, r, err)
		return
	}
	p.Total, p.Pager = total, newPager(r.URL, page, size, total)
	cal := s.workCalendar()
	for _, a := range apps {
		p.Rows = append(p.Rows, s.appView(lang, a, true, cal))
	}
	s.render(w, r, http.StatusOK, "console_applications", &p)
}

// appNotices are what a redirect may announce with ?done=.
func (s *Server) appNotice(r *http.Request) string {
	d := r.URL.Query().Get("done")
	if d == "registered" || d == "file" || slices.Contains(requests.ActionKinds(), requests.ActionKind(d)) {
		return s.msgs.T(requestLang(r), "app.done."+d)
	}
	return ""
}

// registerForm is the officers' form for an application received on paper: GET
// /console/bodies/{code}/applications/new.
func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	v := url.Values{}
	v.Set("applicant_type", string(requests.ApplicantPerson))
	v.Set("id_type", "resident_id")
	v.Set("form_wanted", "paper")
	v.Set("delivery", "post")
	v.Set("channel", "in_person")
	v.Set("received_on", calendar.Today().String())
	s.renderRegister(w, r, http.StatusOK, b, v, nil)
}

func (s *Server) renderRegister(w http.ResponseWriter, r *http.Request, status int, b bodies.Body, v url.Values, problems map[string]string) {
	p, err := s.applyForm(r, v, problems, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := requestLang(r)
	p.Title = s.msgs.T(lang, "app.register.title", b.DisplayName(lang))
	p.Body, p.Name, p.Action = b, b.DisplayName(lang), "/console/bodies/"+b.Code+"/applications"
	s.render(w, r, status, "apply", p)
}

// registerApplication records an application received on paper: POST
// /console/bodies/{code}/applications.
func (s *Server) registerApplication(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok || !s.parseForm(w, r, appFormLimit) {
		return
	}
	n, problems := s.newApplication(r, r.PostForm, true)
	if len(problems) == 0 {
		a, _, err := s.applications.Register(r.Context(), actorFrom(r), b.Code, n)
		if err == nil {
			http.Redirect(w, r, "/console/applications/"+url.PathEscape(a.TrackingNo)+"?done=registered", http.StatusSeeOther)
			return
		}
		if problems, ok = s.storeProblems(r, err, n); !ok {
			s.applicationError(w, r, err)
			return
		}
	}
	s.renderRegister(w, r, http.StatusUnprocessableEntity, b, r.PostForm, problems)
}

// consoleApplication is one application for its officers, administrators and auditors:
// GET /console/applications/{tracking_no}.
func (s *Server) consoleApplication(w http.ResponseWriter, r *http.Request) {
	a, err := s.applications.Get(r.Context(), r.PathValue("tracking_no"))
	if s.applicationError(w, r, err) {
		return
	}
	p := s.applicationPage(r, a, "", url.Values{}, nil)
	p.Notice = s.appNotice(r)
	s.render(w, r, http.StatusOK, "console_application", p)
}

// appActions lists the actions the state machine (law.md §6, requests/actions.go) allows now,
// in the order an officer meets them; the store checks again and explains a refusal.
func appActions(a requests.Application, today calendar.Date) []requests.ActionKind {
	corrected := false
	for _, e := range a.Events {
		corrected = corrected || e.Kind == requests.EventCorrectionRequested
	}
	var out []requests.ActionKind
	switch a.Status {
	case requests.StatusSubmitted:
		out = []requests.ActionKind{requests.ActConfirm, requests.ActWithdraw}
	case requests.StatusReceived, requests.StatusInProgress, requests.StatusExtended, requests.StatusConsulting:
		if a.Status == requests.StatusReceived {
			out = append(out, requests.ActStart)
		}
		if a.Status == requests.StatusConsulting {
			out = append(out, requests.ActConsultReply)
		}
		if !corrected && !a.Extended && a.Status != requests.StatusConsulting && !today.After(a.Deadline.CorrectionDue) {
			out = append(out, requests.ActRequestCorrection)
		}
		out = append(out, requests.ActAnswer)
		if a.Status != requests.StatusConsulting {
			out = append(out, requests.ActConsult)
		}
		if !a.Extended {
			out = append(out, requests.ActExtend)
		}
		out = append(out, requests.ActFeeNotice, requests.ActTransfer, requests.ActWithdraw)
	case requests.StatusAwaitingCorrection:
		out = []requests.ActionKind{requests.ActCorrectionReceived, requests.ActAbandon, requests.ActWithdraw}
	case requests.StatusFeePending:
		out = []requests.ActionKind{requests.ActFeePaid, requests.ActAbandon, requests.ActWithdraw}
	}
	return append(out, requests.ActNote)
}

// applicationPage builds the detail page; failed is the action whose form came back with
// values v and problems.
func (s *Server) applicationPage(r *http.Request, a requests.Application, failed string, v url.Values, problems map[string]string) *ConsoleApplicationPage {
	lang := requestLang(r)
	pr, _ := principalFrom(r.Context())
	p := &ConsoleApplicationPage{Page: s.page(r, s.msgs.T(lang, "app.detail.title", a.TrackingNo)), App: s.appView(lang, a, true, s.workCalendar()),
		CanAct: pr.CanManage(a.BodyCode)}
	p.HasLetter = p.App.OutcomeLabel != ""
	if files, err := s.applications.Files(r.Context(), a.TrackingNo); err != nil {
		s.log.Warn("application files", "tracking_no", a.TrackingNo, "error", err.Error(), "request_id", requestID(r.Context()))
	} else {
		p.Files = s.appFileLinks(r, files)
	}
	p.CanRelease = p.CanAct && canRelease(a, calendar.Today())
	if !p.CanAct {
		return p
	}
	shown := false
	for _, kind := range appActions(a, calendar.Today()) {
		p.Actions = append(p.Actions, s.actionForm(r, string(kind), a, failed == string(kind), v, problems))
		shown = shown || failed == string(kind)
	}
	if !shown {
		// An action the page did not offer (a stale page, another tab): say why on top.
		var msgs []string
		for _, msg := range problems {
			msgs = append(msgs, msg)
		}
		slices.Sort(msgs)
		p.NoticeError = strings.Join(msgs, " ")
	}
	return p
}

// actionForm is one action's form; when it is the one that failed it keeps what was typed.
func (s *Server) actionForm(r *http.Request, kind string, a requests.Application, failed bool, v url.Values, problems map[string]string) AppActionForm {
	lang := requestLang(r)
	f := AppActionForm{Kind: kind, Title: s.msgs.T(lang, "app.action."+kind), Submit: s.msgs.T(lang, "app.action."+kind+".submit"), Open: failed}
	if h, ok := s.msgs[lang]["app.action."+kind+".help"]; ok {
		f.Help = h
	}
	if !failed {
		v, problems = url.Values{}, nil
	}
	field := func(name, typ string) FormField {
		ff := FormField{Name: name, Label: s.msgs.T(lang, "app.afield."+name), Type: typ, Value: v.Get(name), Error: problems[name]}
		if h, ok := s.msgs[lang]["app.ahelp."+name]; ok {
			ff.Help = h
		}
		return ff
	}
	on := field("on", "date")
	if on.Value == "" {
		on.Value = calendar.Today().String()
	}
	basis := field("basis", "text")
	if basis.Value == "" {
		basis.Value = s.appMsg("zh", "app.basis."+kind, "")
	}
	note := field("note", "textarea")
	note.Rows = 2
	switch kind {
	case "request_correction":
		note.Required = true
		note.Label = s.msgs.T(lang, "app.afield.note.correction")
		f.Fields = []FormField{on, basis, note}
	case "consult":
		reason := field("reason", "select")
		for _, rs := range []string{"third_party", "other_body"} {
			reason.Options = append(reason.Options, FieldOption{Value: rs, Label: s.msgs.T(lang, "app.reason."+rs), Selected: v.Get("reason") == rs})
		}
		f.Fields = []FormField{reason, on, basis, note}
	case "extend":
		days := field("days", "number")
		if days.Value == "" {
			days.Value = strconv.Itoa(requests.MaxExtensionWD)
		}
		approved := field("approved_by", "text")
		approved.Required = true
		f.Fields = []FormField{days, approved, on, basis, note}
	case "fee_notice":
		method := field("fee_method", "select")
		for _, m := range []requests.FeeMethod{requests.FeePerPage, requests.FeePerApplication} {
			method.Options = append(method.Options, FieldOption{Value: string(m), Label: s.msgs.T(lang, "app.feemethod."+string(m)), Selected: v.Get("fee_method") == string(m)})
		}
		count := field("fee_count", "number")
		count.Required = true
		f.Fields = []FormField{method, count, on, basis, note}
		if fee, ok := feePreview(v); ok {
			f.Fee = s.msgs.T(lang, "app.fee.computed", fee.Formula(), fee.Total)
		}
	case "answer":
		out := field("outcome", "select")
		out.Required = true
		f.Outcome = out
		for _, g := range requests.OutcomeGroups {
			og := AppOutcomeGroup{Label: g.Group + g.Label}
			for _, info := range requests.Outcomes() {
				if info.Group != g.Group {
					continue
				}
				label := info.Row()
				if lang == "en" {
					label = info.English
				}
				if info.Basis != "" {
					label += "（" + info.Basis + "）"
				}
				og.Options = append(og.Options, FieldOption{Value: string(info.Outcome), Label: label, Selected: v.Get("outcome") == string(info.Outcome)})
			}
			if lang == "en" {
				og.Label = g.Group
			}
			f.OutcomeGroups = append(f.OutcomeGroups, og)
		}
		text := field("answer_text", "textarea")
		text.Rows, text.Required = 6, true
		basis.Help = s.msgs.T(lang, "app.ahelp.answerbasis")
		f.Fields = []FormField{text, on, basis, note}
	case "transfer":
		to := field("transfer_to", "select")
		to.Required = true
		to.Options = append(to.Options, FieldOption{Value: "", Label: s.msgs.T(lang, "app.body.choose")})
		if all, err := s.bodies.List(r.Context()); err == nil {
			for _, b := range all {
				if b.Code != a.BodyCode {
					to.Options = append(to.Options, FieldOption{Value: b.Code, Label: b.DisplayName(lang), Selected: v.Get("transfer_to") == b.Code})
				}
			}
		}
		f.Fields = []FormField{to, on, basis, note}
	case "note":
		note.Required = true
		public := field("public", "checkbox")
		f.Fields = []FormField{note, public}
	case "confirm":
		on.Label = s.msgs.T(lang, "app.afield.on.confirm")
		if !failed {
			on.Value = dateText(a.SubmittedAt)
		}
		f.Fields = []FormField{on, note}
	case "start", "consult_reply", "fee_paid", "withdraw", "correction_received":
		f.Fields = []FormField{on, note}
	default:
		f.Fields = []FormField{on, basis, note}
	}
	var rest []string
	for k, msg := range problems {
		known := k == "outcome"
		for _, ff := range f.Fields {
			known = known || ff.Name == k
		}
		if !known {
			rest = append(rest, msg)
		}
	}
	slices.Sort(rest)
	f.Error = strings.Join(rest, " ")
	return f
}

// feePreview computes the fee the notice form describes, when its count is a number.
func feePreview(v url.Values) (requests.FeeBreakdown, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(v.Get("fee_count")))
	if err != nil {
		return requests.FeeBreakdown{}, false
	}
	var fb requests.FeeBreakdown
	if requests.FeeMethod(v.Get("fee_method")) == requests.FeePerApplication {
		fb, err = requests.ApplicationFees(n)
	} else {
		fb, err = requests.PageFees(n)
	}
	return fb, err == nil
}

// applicationAction records one action from the detail page: POST
// /console/applications/{tracking_no}/actions. op=compute only computes a fee notice's fee.
func (s *Server) applicationAction(w http.ResponseWriter, r *http.Request) {
	no := r.PathValue("tracking_no")
	a, err := s.applications.Get(r.Context(), no)
	if s.applicationError(w, r, err) || !s.parseForm(w, r, 1<<20) {
		return
	}
	lang := requestLang(r)
	v := r.PostForm
	kind := v.Get("kind")
	if !slices.Contains(requests.ActionKinds(), requests.ActionKind(kind)) {
		s.badRequest(w, r)
		return
	}
	fail := func(status int, problems map[string]string) {
		p := s.applicationPage(r, a, kind, v, problems)
		p.NoticeError = strings.TrimSpace(s.msgs.T(lang, "app.action.failed", s.msgs.T(lang, "app.action."+kind)) + " " + p.NoticeError)
		s.render(w, r, status, "console_application", p)
	}
	if v.Get("op") == "compute" {
		p := s.applicationPage(r, a, kind, v, nil)
		s.render(w, r, http.StatusOK, "console_application", p)
		return
	}
	act, problems := s.actionInput(r, kind, v)
	if len(problems) > 0 {
		fail(http.StatusUnprocessableEntity, problems)
		return
	}
	_, err = s.applications.Act(r.Context(), actorFrom(r), no, act)
	var verr requests.ValidationError
	var cerr *requests.ClockError
	var serr *requests.StateError
	switch {
	case err == nil:
		http.Redirect(w, r, "/console/applications/"+url.PathEscape(no)+"?done="+kind, http.StatusSeeOther)
	case errors.As(err, &verr):
		out := map[string]string{}
		for k, msg := range verr {
			if lang == "en" {
				msg = s.msgs.T(lang, "app.invalid.field", s.appMsg(lang, "app.afield."+k, k), msg)
			}
			out[k] = msg
		}
		fail(http.StatusUnprocessableEntity, out)
	case errors.As(err, &cerr):
		msg := cerr.ZH
		if lang == "en" {
			msg = cerr.EN
		}
		field := "on"
		if strings.HasSuffix(cerr.Field, ".days") {
			field = "days"
		} else if !strings.HasSuffix(cerr.Field, ".on") {
			field = ""
		}
		fail(http.StatusUnprocessableEntity, map[string]string{field: msg})
	case errors.As(err, &serr):
		msg := serr.ZH
		if lang == "en" {
			msg = serr.EN
		}
		fail(http.StatusConflict, map[string]string{"": msg})
	case errors.Is(err, requests.ErrNotAllowed):
		fail(http.StatusConflict, map[string]string{"": s.msgs.T(lang, "app.notallowed")})
	default:
		s.applicationError(w, r, err)
	}
}

// actionInput reads an action form; problems are what the page can tell itself.
func (s *Server) actionInput(r *http.Request, kind string, v url.Values) (requests.Action, map[string]string) {
	lang := requestLang(r)
	problems := map[string]string{}
	get := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	act := requests.Action{Kind: requests.ActionKind(kind), Basis: get("basis"), Public: v.Get("public") != "", Note: get("note"), ApprovedBy: get("approved_by"),
		AnswerText: get("answer_text"), TransferTo: get("transfer_to")}
	if raw := get("on"); raw != "" {
		d, err := calendar.ParseDate(raw)
		if err != nil {
			problems["on"] = s.msgs.T(lang, "error.date")
		} else if d.After(calendar.Today()) {
			problems["on"] = s.msgs.T(lang, "app.future")
		}
		act.On = d
	}
	number := func(name string) int {
		raw := get(name)
		if raw == "" {
			return 0
		}
		n, err := strconv.Atoi(raw)
		if err != nil {
			problems[name] = s.msgs.T(lang, "app.badnumber")
		}
		return n
	}
	switch kind {
	case "request_correction", "note":
		if act.Note == "" {
			problems["note"] = s.msgs.T(lang, "app.required.note")
		}
	case "consult":
		act.Reason = requests.PauseReason(get("reason"))
		if act.Reason != requests.PauseThirdParty && act.Reason != requests.PauseOtherBody {
			problems["reason"] = s.msgs.T(lang, "app.badchoice")
		}
	case "extend":
		act.Days = number("days")
		if act.ApprovedBy == "" {
			problems["approved_by"] = s.msgs.T(lang, "app.required.approved_by")
		}
	case "fee_notice":
		act.FeeMethod = requests.FeeMethod(get("fee_method"))
		act.FeeCount = number("fee_count")
		if act.FeeCount < 1 && problems["fee_count"] == "" {
			problems["fee_count"] = s.msgs.T(lang, "app.required.fee_count")
		}
	case "answer":
		o, err := requests.ParseOutcome(get("outcome"))
		if err != nil {
			problems["outcome"] = s.msgs.T(lang, "app.required.outcome")
		}
		act.Outcome = o
		if act.AnswerText == "" {
			problems["answer_text"] = s.msgs.T(lang, "app.required.answer_text")
		}
	case "transfer":
		if act.TransferTo == "" {
			problems["transfer_to"] = s.msgs.T(lang, "app.required.transfer_to")
		}
	}
	return act, problems
}

// consoleLetter is the answer letter as the office prints or sends it: GET
// /console/applications/{tracking_no}/letter.pdf.
func (s *Server) consoleLetter(w http.ResponseWriter, r *http.Request) {
	a, err := s.applications.Get(r.Context(), r.PathValue("tracking_no"))
	if s.applicationError(w, r, err) {
		return
	}
	s.writeLetter(w, r, a)
}
