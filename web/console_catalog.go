package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
)

// The officers' catalog console: a body's workspace (its entries with drafts, each entry's
// working days to publication, the freshness dashboard, documents about to expire and the
// timeliness summary), the entry form with publish, withdraw and relate, and the column tree.
// Every action calls the same catalog.Store method as the JSON API (web/entries.go), so the
// form, the API and the CLI share one validator. Forms post, then redirect to a page whose
// ?done= names what happened (post/redirect/get).

// ColumnOption is a column in a select, indented by depth.
type ColumnOption struct {
	Code  string
	Label string
}

// ConsoleEntryRow is an entry in a console list, with its timeliness under Art. 26.
type ConsoleEntryRow struct {
	catalog.Entry
	Href     string // the entry's page on the portal (officers and auditors see drafts there)
	EditHref string // "" for those who may not edit
	// WorkingDays counts from the formed date to publication (to today for a draft); Late is
	// over catalog.PublishDeadlineWorkingDays; Provisional when a holiday notice is missing.
	WorkingDays int
	Late        bool
	Provisional bool
	// DaysLeft is the calendar days until the valid-until date (expiring documents only).
	DaysLeft int
}

// ConsoleFilter is the workspace's entry filter as the form shows it.
type ConsoleFilter struct {
	Status, Column, Kind string
}

// ConsoleBodyPage is a body's catalog workspace.
type ConsoleBodyPage struct {
	Page
	Body bodies.Body
	Name string
	// CanEdit is false for auditors, who read every workspace but change nothing.
	CanEdit  bool
	Filter   ConsoleFilter
	Columns  []ColumnOption
	Statuses []catalog.Status
	Kinds    []catalog.Kind
	Entries  []ConsoleEntryRow
	Total    int
	Pager    Pager
	// Freshness is what a national website inspection would find today.
	Freshness catalog.FreshnessReport
	Late      []ConsoleEntryRow
	Expiring  []ConsoleEntryRow
	// Timeliness sums up publication times this Year, per department (the body and those below).
	Year       int
	Timeliness []catalog.BodyTimeliness
	// Deadline is the 20 working days of Art. 26; BenchmarkHours Sichuan's 2 hours.
	Deadline       int
	BenchmarkHours int
	StaleLimit     int
	EmptyLimit     int
	Notice         string
}

// FormField is one field of a console form with what was typed and what is wrong with it.
type FormField struct {
	Name     string // the form and JSON field name; errors are keyed by it
	Label    string
	Type     string // text, date, textarea, select
	Value    string
	Error    string
	Help     string
	Required bool
	Options  []FieldOption
	Rows     int // textarea rows
	Wide     bool
}

// FieldOption is an option of a select field.
type FieldOption struct {
	Value, Label string
	Selected     bool
}

// FieldGroup is a fieldset of a form.
type FieldGroup struct {
	Legend string
	Note   string
	Fields []FormField
}

// EntryFormPage creates a draft (Entry nil) or edits an entry, and offers what can be done to
// it next: publish a draft, withdraw a published entry, relate it to another.
type EntryFormPage struct {
	Page
	Body   bodies.Body
	Name   string
	Entry  *catalog.Entry
	Action string
	Groups []FieldGroup
	// Invalid is true when the form came back with errors.
	Invalid bool
	// Note is the version note a correction of a published entry needs.
	Note          FormField
	Timeliness    catalog.Timeliness
	Deadline      int
	Versions      []catalog.Version
	Relations     []RelationLink
	RelationKinds []FieldOption
	RelateOther   string
	RelateOn      string
	RelateError   string
	Withdraw      FormField
	// Attachments are the entry's current files, with upload and remove forms.
	Attachments []AttachmentLink
	Notice      string
	NoticeError string
}

// ColumnRow is a column in the column management page.
type ColumnRow struct {
	catalog.Column
	Label string
	Href  string
	// Index is the column's place among its siblings; First and Last say whether it can move.
	Index       int
	First, Last bool
	// CanRetire is false for the standard top columns and for columns with sub-columns.
	CanRetire   bool
	Freshnesses []FieldOption
}

// ColumnsPage manages a body's column tree.
type ColumnsPage struct {
	Page
	Body    bodies.Body
	Name    string
	Columns []ColumnRow
	// Add is the new-column form.
	Add         []FormField
	AddInvalid  bool
	Notice      string
	NoticeError string
}

// doneNotices are the outcomes a redirect may announce with ?done=.
var doneNotices = map[string]bool{
	"created": true, "saved": true, "nochange": true, "published": true, "withdrawn": true, "related": true,
	"column.created": true, "column.saved": true, "column.moved": true, "column.retired": true,
}

func (s *Server) doneNotice(r *http.Request) string {
	if d := r.URL.Query().Get("done"); doneNotices[d] {
		return s.msgs.T(requestLang(r), "officer.done."+d)
	}
	return ""
}

// columnOptions lists the body's columns in tree order for a select; current, if it is a
// retired column, is added so that editing an entry never moves it silently.
func (s *Server) columnOptions(r *http.Request, bodyCode, current string) ([]ColumnOption, error) {
	cols, err := s.catalog.Columns(r.Context(), bodyCode)
	if err != nil {
		return nil, err
	}
	lang := requestLang(r)
	opts := make([]ColumnOption, 0, len(cols)+1)
	found := current == ""
	for _, c := range cols {
		opts = append(opts, ColumnOption{Code: c.Code, Label: strings.Repeat("　", c.Depth-1) + columnLabel(c, lang)})
		found = found || c.Code == current
	}
	if !found {
		c, err := s.catalog.Column(r.Context(), bodyCode, current)
		if err != nil {
			return nil, err
		}
		opts = append(opts, ColumnOption{Code: c.Code, Label: columnLabel(c, lang) + s.msgs.T(lang, "officer.column.retiredmark")})
	}
	return opts, nil
}

func columnLabel(c catalog.Column, lang string) string {
	if lang == "en" && c.NameEN != "" {
		return c.NameEN
	}
	return c.Name
}

func (s *Server) consoleRow(e catalog.Entry, canEdit bool) ConsoleEntryRow {
	id := strconv.FormatInt(e.ID, 10)
	t := s.catalog.Timeliness(e)
	row := ConsoleEntryRow{Entry: e, Href: "/entries/" + id, WorkingDays: t.WorkingDays, Late: t.Late, Provisional: t.Provisional}
	if canEdit {
		row.EditHref = "/console/entries/" + id + "/edit"
	}
	return row
}

// consoleBody is a body's workspace: GET /console/bodies/{code}.
func (s *Server) consoleBody(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	lang := requestLang(r)
	pr, _ := principalFrom(r.Context())
	ctx := r.Context()
	p := ConsoleBodyPage{Page: s.page(r, s.msgs.T(lang, "officer.workspace.title", b.DisplayName(lang))), Body: b,
		Name: b.DisplayName(lang), CanEdit: pr.CanManage(b.Code), Statuses: catalog.Statuses(), Kinds: catalog.Kinds(),
		Deadline: catalog.PublishDeadlineWorkingDays, BenchmarkHours: int(catalog.IssueToPublishBenchmark.Hours()),
		StaleLimit: catalog.FailStaleColumns, EmptyLimit: catalog.FailEmptyColumns, Notice: s.doneNotice(r)}

	q := r.URL.Query()
	page, size := pageParams(r)
	f := catalog.ListFilter{BodyCode: b.Code, Page: page, PageSize: size}
	bad := false
	if v := q.Get("status"); v != "" {
		st, err := catalog.ParseStatus(v)
		bad = bad || err != nil
		f.Status, p.Filter.Status = st, string(st)
	}
	if v := q.Get("kind"); v != "" {
		k, err := catalog.ParseKind(v)
		bad = bad || err != nil
		f.Kind, p.Filter.Kind = k, string(k)
	}
	cols, err := s.columnOptions(r, b.Code, "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Columns = cols
	if v := q.Get("column"); v != "" {
		known := false
		for _, c := range cols {
			known = known || c.Code == v
		}
		bad = bad || !known
		f.Column, p.Filter.Column = v, v
	}
	if bad {
		s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "officer.badfilter", "officer.badfilter")
		return
	}
	total, entries, err := s.catalog.List(ctx, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Total, p.Pager = total, newPager(r.URL, page, size, total)
	for _, e := range entries {
		p.Entries = append(p.Entries, s.consoleRow(e, p.CanEdit))
	}

	if p.Freshness, err = s.catalog.Freshness(ctx, b.Code); err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, e := range p.Freshness.Late {
		p.Late = append(p.Late, s.consoleRow(e, p.CanEdit))
	}
	expiring, err := s.catalog.Expiring(ctx, []string{b.Code}, catalog.ExpiryWarningMonths)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	today := calendar.DateOf(p.Freshness.At.In(calendar.China))
	for _, e := range expiring {
		row := s.consoleRow(e, p.CanEdit)
		row.DaysLeft = e.ValidUntil.Date.Sub(today)
		p.Expiring = append(p.Expiring, row)
	}
	p.Year = today.Year()
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y >= 2000 && y <= p.Year {
		p.Year = y
	}
	if p.Timeliness, err = s.catalog.TimelinessByBody(ctx, b.Code, true, p.Year); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "console_body", &p)
}

// entryFields are the fields of the entry form in the order it shows them, by group.
var entryFieldGroups = []struct {
	legend, note string
	fields       []string
}{
	{"officer.group.basic", "", []string{"title", "summary", "formed_on", "kind", "doc_no", "issuers", "subject", "column", "keywords", "effective_on"}},
	{"officer.group.normative", "officer.group.normative.note", []string{"validity", "valid_until", "repealed_on", "registration_no"}},
	{"officer.group.disclosure", "", []string{"disclosure_mode", "withheld_reason", "review_on"}},
	{"officer.group.text", "", []string{"body", "title_en", "summary_en"}},
}

var dateFields = map[string]bool{"formed_on": true, "effective_on": true, "review_on": true, "valid_until": true, "repealed_on": true}

// entryFormValues returns the form values of an entry (the starting point of an edit).
func entryFormValues(e catalog.Entry) url.Values {
	v := url.Values{}
	set := func(k, val string) { v.Set(k, val) }
	set("title", e.Title)
	set("title_en", e.TitleEN)
	set("summary", e.Summary)
	set("summary_en", e.SummaryEN)
	set("formed_on", e.FormedOn.String())
	set("effective_on", nullDateString(e.EffectiveOn))
	set("kind", string(e.Kind))
	set("doc_no", e.DocNo)
	set("issuers", strings.Join(e.Issuers, "、"))
	set("subject", e.Subject)
	set("column", e.ColumnCode)
	set("keywords", strings.Join(e.Keywords, "、"))
	set("validity", string(e.RecordedValidity()))
	set("valid_until", nullDateString(e.ValidUntil))
	set("repealed_on", nullDateString(e.RepealedOn))
	set("registration_no", e.RegistrationNo)
	set("disclosure_mode", string(e.DisclosureMode))
	set("withheld_reason", e.WithheldReason)
	set("review_on", nullDateString(e.ReviewOn))
	set("body", e.Body)
	return v
}

func nullDateString(d calendar.NullDate) string {
	if !d.Valid {
		return ""
	}
	return d.Date.String()
}

// entryInput reads the entry form into the input the catalog validates. Problems are what the
// form itself can tell (a date that is not a date, an unknown option), keyed by field name.
func (s *Server) entryInput(r *http.Request, v url.Values) (catalog.EntryInput, map[string]string) {
	lang := requestLang(r)
	problems := map[string]string{}
	date := func(name string) calendar.Date {
		raw := strings.TrimSpace(v.Get(name))
		if raw == "" {
			return calendar.Date{}
		}
		d, err := calendar.ParseDate(raw)
		if err != nil {
			problems[name] = s.msgs.T(lang, "error.date")
		}
		return d
	}
	in := catalog.EntryInput{
		Title: v.Get("title"), TitleEN: v.Get("title_en"), Summary: v.Get("summary"), SummaryEN: v.Get("summary_en"),
		FormedOn: date("formed_on"), EffectiveOn: date("effective_on"), Issuers: splitIssuers(v.Get("issuers")),
		DocNo: v.Get("doc_no"), Subject: v.Get("subject"), Column: v.Get("column"),
		Keywords: strings.Fields(v.Get("keywords")), WithheldReason: v.Get("withheld_reason"), ReviewOn: date("review_on"),
		Body: v.Get("body"), ValidUntil: date("valid_until"), RepealedOn: date("repealed_on"),
		RegistrationNo: v.Get("registration_no"), Source: "console",
	}
	if raw := v.Get("kind"); raw != "" {
		k, err := catalog.ParseKind(raw)
		if err != nil {
			problems["kind"] = s.msgs.T(lang, "catalog.badkind")
		}
		in.Kind = k
	}
	if raw := v.Get("disclosure_mode"); raw != "" {
		m, err := catalog.ParseDisclosureMode(raw)
		if err != nil {
			problems["disclosure_mode"] = s.msgs.T(lang, "officer.badmode")
		}
		in.DisclosureMode = m
	}
	if raw := v.Get("validity"); raw != "" {
		val, err := catalog.ParseValidity(raw)
		if err != nil {
			problems["validity"] = s.msgs.T(lang, "catalog.badvalidity")
		}
		in.Validity = val
	}
	return in, problems
}

func labelIn(lang string, l labeled) string {
	if lang == "en" {
		return l.LabelEN()
	}
	return l.Label()
}

func enumOptions[T interface {
	~string
	labeled
}](lang string, values []T, current, empty string) []FieldOption {
	var opts []FieldOption
	if empty != "" {
		opts = append(opts, FieldOption{Value: "", Label: empty, Selected: current == ""})
	}
	for _, v := range values {
		opts = append(opts, FieldOption{Value: string(v), Label: labelIn(lang, v), Selected: string(v) == current})
	}
	return opts
}

// entryForm builds the entry form page with the values v and the errors problems.
func (s *Server) entryForm(r *http.Request, b bodies.Body, e *catalog.Entry, v url.Values, problems map[string]string) (*EntryFormPage, error) {
	lang := requestLang(r)
	title := s.msgs.T(lang, "officer.entry.new")
	action := "/console/bodies/" + b.Code + "/entries"
	current := ""
	if e != nil {
		title = s.msgs.T(lang, "officer.entry.edit.title", e.Title)
		action = "/console/entries/" + strconv.FormatInt(e.ID, 10)
		current = e.ColumnCode
	}
	cols, err := s.columnOptions(r, b.Code, current)
	if err != nil {
		return nil, err
	}
	p := &EntryFormPage{Page: s.page(r, title), Body: b, Name: b.DisplayName(lang), Entry: e, Action: action,
		Invalid: len(problems) > 0, Deadline: catalog.PublishDeadlineWorkingDays}
	field := func(name string) FormField {
		f := FormField{Name: name, Label: s.msgs.T(lang, "officer.field."+name), Type: "text", Value: v.Get(name), Error: problems[name]}
		switch {
		case dateFields[name]:
			f.Type = "date"
		case name == "summary" || name == "summary_en":
			f.Type, f.Rows = "textarea", 3
		case name == "body":
			f.Type, f.Rows = "textarea", 12
		}
		switch name {
		case "title":
			f.Required, f.Wide = true, true
		case "title_en":
			f.Wide = true
		case "formed_on":
			f.Required = true
		case "issuers", "keywords", "subject", "doc_no", "withheld_reason", "review_on", "valid_until", "registration_no":
			f.Help = s.msgs.T(lang, "officer.help."+name)
		case "kind":
			f.Type, f.Options = "select", enumOptions(lang, catalog.Kinds(), f.Value, "")
		case "disclosure_mode":
			f.Type, f.Options = "select", enumOptions(lang, catalog.DisclosureModes(), f.Value, "")
		case "validity":
			f.Type, f.Options = "select", enumOptions(lang, catalog.Validities(), f.Value, s.msgs.T(lang, "officer.validity.auto"))
		case "column":
			f.Type = "select"
			f.Options = append(f.Options, FieldOption{Value: "", Label: s.msgs.T(lang, "officer.column.default"), Selected: f.Value == ""})
			for _, c := range cols {
				f.Options = append(f.Options, FieldOption{Value: c.Code, Label: c.Label, Selected: c.Code == f.Value})
			}
		}
		return f
	}
	for _, g := range entryFieldGroups {
		fg := FieldGroup{Legend: s.msgs.T(lang, g.legend)}
		if g.note != "" {
			fg.Note = s.msgs.T(lang, g.note)
		}
		for _, name := range g.fields {
			fg.Fields = append(fg.Fields, field(name))
		}
		p.Groups = append(p.Groups, fg)
	}
	// Errors the form has no field for (source, or a future field) still reach the officer.
	shown := map[string]bool{}
	for _, g := range p.Groups {
		for _, f := range g.Fields {
			shown[f.Name] = true
		}
	}
	p.Note = FormField{Name: "note", Label: s.msgs.T(lang, "officer.field.note"), Type: "text", Value: v.Get("note"),
		Error: problems["note"], Help: s.msgs.T(lang, "officer.help.note"), Required: true}
	for k, msg := range problems {
		if !shown[k] && k != "note" {
			p.NoticeError = strings.TrimSpace(p.NoticeError + " " + msg)
		}
	}
	if e == nil {
		return p, nil
	}
	p.Timeliness = s.catalog.Timeliness(*e)
	if p.Attachments, err = s.entryAttachments(r, s.catalog, e.ID); err != nil {
		return nil, err
	}
	if p.Versions, err = s.catalog.Versions(r.Context(), e.ID); err != nil {
		return nil, err
	}
	for _, rel := range e.Relations {
		p.Relations = append(p.Relations, RelationLink{
			Label: s.msgs.T(lang, "relation."+rel.Direction+"."+string(rel.Kind)),
			Href:  "/entries/" + strconv.FormatInt(rel.EntryID, 10), Title: rel.Title, DocNo: rel.DocNo,
		})
	}
	p.RelationKinds = enumOptions(lang, catalog.RelationKinds(), "", "")
	p.Withdraw = FormField{Name: "reason", Label: s.msgs.T(lang, "officer.field.reason"), Type: "text", Required: true}
	return p, nil
}

// parseForm reads a form post of at most limit bytes, answering 400 itself when it cannot.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request, limit int64) bool {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r)
		return false
	}
	return true
}

// entryFormLimit bounds an entry form post: the body text of a long regulation fits easily.
const entryFormLimit = 4 << 20

func (s *Server) newEntryForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	v := url.Values{}
	v.Set("formed_on", calendar.Today().String())
	v.Set("kind", string(catalog.KindOther))
	v.Set("disclosure_mode", string(catalog.DisclosureProactive))
	v.Set("issuers", b.Name)
	if k := r.URL.Query().Get("kind"); k != "" {
		v.Set("kind", k)
	}
	p, err := s.entryForm(r, b, nil, v, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "entry_form", p)
}

// formProblems turns a catalog validation error into field problems; ok is false for other
// errors, which the caller answers with catalogError.
func formProblems(err error) (map[string]string, bool) {
	var v catalog.ValidationError
	if !errors.As(err, &v) {
		return nil, false
	}
	return map[string]string(v), true
}

func (s *Server) createEntryForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok || !s.parseForm(w, r, entryFormLimit) {
		return
	}
	in, problems := s.entryInput(r, r.PostForm)
	if len(problems) == 0 {
		e, err := s.catalog.Create(r.Context(), actorFrom(r), b.Code, in)
		if err == nil {
			http.Redirect(w, r, "/console/entries/"+strconv.FormatInt(e.ID, 10)+"/edit?done=created", http.StatusSeeOther)
			return
		}
		if problems, ok = formProblems(err); !ok {
			s.catalogError(w, r, err)
			return
		}
	}
	p, err := s.entryForm(r, b, nil, r.PostForm, problems)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, "entry_form", p)
}

// consoleEntry loads the entry of an {entry} route and its body.
func (s *Server) consoleEntry(w http.ResponseWriter, r *http.Request) (catalog.Entry, bodies.Body, bool) {
	id, ok := entryID(r)
	if !ok {
		s.notFound(w, r)
		return catalog.Entry{}, bodies.Body{}, false
	}
	e, err := s.catalog.Get(r.Context(), id)
	if s.catalogError(w, r, err) {
		return e, bodies.Body{}, false
	}
	b, err := s.bodies.Get(r.Context(), e.BodyCode)
	if err != nil {
		s.serverError(w, r, err)
		return e, b, false
	}
	return e, b, true
}

func (s *Server) editEntryForm(w http.ResponseWriter, r *http.Request) {
	e, b, ok := s.consoleEntry(w, r)
	if !ok {
		return
	}
	p, err := s.entryForm(r, b, &e, entryFormValues(e), nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Notice = s.doneNotice(r)
	s.render(w, r, http.StatusOK, "entry_form", p)
}

// renderEntryPage shows the edit page again with a problem in one of its forms.
func (s *Server) renderEntryPage(w http.ResponseWriter, r *http.Request, status int, e catalog.Entry, b bodies.Body, fill func(*EntryFormPage)) {
	p, err := s.entryForm(r, b, &e, entryFormValues(e), nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	fill(p)
	s.render(w, r, status, "entry_form", p)
}

func (s *Server) saveEntryForm(w http.ResponseWriter, r *http.Request) {
	e, b, ok := s.consoleEntry(w, r)
	if !ok || !s.parseForm(w, r, entryFormLimit) {
		return
	}
	if e.Status == catalog.StatusWithdrawn {
		s.catalogError(w, r, fmt.Errorf("entry %d is withdrawn: %w", e.ID, catalog.ErrNotAllowed))
		return
	}
	in, problems := s.entryInput(r, r.PostForm)
	note := strings.TrimSpace(r.PostForm.Get("note"))
	if e.Status == catalog.StatusPublished && note == "" {
		// A correction of what the public has read says what it corrects.
		problems["note"] = s.msgs.T(requestLang(r), "officer.note.required")
	}
	if len(problems) == 0 {
		updated, err := s.catalog.Update(r.Context(), actorFrom(r), e.ID, in, note)
		if err == nil {
			done := "saved"
			if updated.Status == catalog.StatusPublished && updated.Version == e.Version {
				done = "nochange"
			}
			http.Redirect(w, r, "/console/entries/"+strconv.FormatInt(e.ID, 10)+"/edit?done="+done, http.StatusSeeOther)
			return
		}
		if problems, ok = formProblems(err); !ok {
			s.catalogError(w, r, err)
			return
		}
	}
	p, err := s.entryForm(r, b, &e, r.PostForm, problems)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, "entry_form", p)
}

func (s *Server) publishEntryForm(w http.ResponseWriter, r *http.Request) {
	e, b, ok := s.consoleEntry(w, r)
	if !ok {
		return
	}
	_, err := s.catalog.Publish(r.Context(), actorFrom(r), e.ID)
	if problems, invalid := formProblems(err); invalid {
		// The draft cannot be published as it is (its column was retired, say): show why.
		s.renderEntryPage(w, r, http.StatusUnprocessableEntity, e, b, func(p *EntryFormPage) {
			for _, msg := range problems {
				p.NoticeError = strings.TrimSpace(p.NoticeError + " " + msg)
			}
		})
		return
	}
	if errors.Is(err, catalog.ErrNotAllowed) {
		s.renderEntryPage(w, r, http.StatusConflict, e, b, func(p *EntryFormPage) {
			p.NoticeError = p.T("officer.publish.notallowed")
		})
		return
	}
	if s.catalogError(w, r, err) {
		return
	}
	http.Redirect(w, r, "/console/entries/"+strconv.FormatInt(e.ID, 10)+"/edit?done=published", http.StatusSeeOther)
}

func (s *Server) withdrawEntryForm(w http.ResponseWriter, r *http.Request) {
	e, b, ok := s.consoleEntry(w, r)
	if !ok || !s.parseForm(w, r, 64<<10) {
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	fail := func(status int, msg string) {
		s.renderEntryPage(w, r, status, e, b, func(p *EntryFormPage) {
			p.Withdraw.Value, p.Withdraw.Error = reason, msg
		})
	}
	if reason == "" {
		fail(http.StatusUnprocessableEntity, s.msgs.T(requestLang(r), "officer.reason.required"))
		return
	}
	_, err := s.catalog.Withdraw(r.Context(), actorFrom(r), e.ID, reason)
	if problems, invalid := formProblems(err); invalid {
		fail(http.StatusUnprocessableEntity, problems["reason"])
		return
	}
	if errors.Is(err, catalog.ErrNotAllowed) {
		fail(http.StatusConflict, s.msgs.T(requestLang(r), "officer.withdraw.notallowed"))
		return
	}
	if s.catalogError(w, r, err) {
		return
	}
	http.Redirect(w, r, "/console/entries/"+strconv.FormatInt(e.ID, 10)+"/edit?done=withdrawn", http.StatusSeeOther)
}

// relateEntryForm links the entry to another, named by its id or its index number.
func (s *Server) relateEntryForm(w http.ResponseWriter, r *http.Request) {
	e, b, ok := s.consoleEntry(w, r)
	if !ok || !s.parseForm(w, r, 64<<10) {
		return
	}
	lang := requestLang(r)
	other := strings.TrimSpace(r.PostForm.Get("other"))
	on := strings.TrimSpace(r.PostForm.Get("on"))
	fail := func(status int, key string) {
		s.renderEntryPage(w, r, status, e, b, func(p *EntryFormPage) {
			p.RelateOther, p.RelateOn, p.RelateError = other, on, s.msgs.T(lang, key)
			for i := range p.RelationKinds {
				p.RelationKinds[i].Selected = p.RelationKinds[i].Value == r.PostForm.Get("kind")
			}
		})
	}
	kind, err := catalog.ParseRelationKind(r.PostForm.Get("kind"))
	if err != nil {
		fail(http.StatusUnprocessableEntity, "catalog.badrelation")
		return
	}
	var onDate calendar.Date
	if on != "" {
		if onDate, err = calendar.ParseDate(on); err != nil {
			fail(http.StatusUnprocessableEntity, "error.date")
			return
		}
	}
	target, found, err := s.findOther(r, other, e.BodyCode)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	pr, _ := principalFrom(r.Context())
	// Only what the officer may read can be named; amending or repealing changes the other
	// entry too, so it must be the officer's own as well (as in the API).
	if !found || (!target.Public() && !pr.CanManage(target.BodyCode) && !pr.CanReadAll()) {
		fail(http.StatusUnprocessableEntity, "officer.relate.notfound")
		return
	}
	if kind != catalog.RelationInterprets && !pr.CanManage(target.BodyCode) {
		fail(http.StatusForbidden, "officer.relate.notyours")
		return
	}
	err = s.catalog.Relate(r.Context(), actorFrom(r), e.ID, target.ID, kind, onDate)
	switch {
	case err == nil:
		http.Redirect(w, r, "/console/entries/"+strconv.FormatInt(e.ID, 10)+"/edit?done=related", http.StatusSeeOther)
	case errors.Is(err, catalog.ErrConflict):
		fail(http.StatusConflict, "officer.relate.exists")
	case errors.Is(err, catalog.ErrNotAllowed):
		fail(http.StatusConflict, "officer.relate.notallowed")
	default:
		if _, invalid := formProblems(err); invalid {
			fail(http.StatusUnprocessableEntity, "officer.relate.invalid")
			return
		}
		s.catalogError(w, r, err)
	}
}

// findOther finds the entry an officer names by id or index number, preferring bodyCode's.
func (s *Server) findOther(r *http.Request, ref, bodyCode string) (catalog.Entry, bool, error) {
	if ref == "" {
		return catalog.Entry{}, false, nil
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && id > 0 {
		e, err := s.catalog.Get(r.Context(), id)
		if err == nil {
			return e, true, nil
		}
		if !errors.Is(err, catalog.ErrNotFound) {
			return e, false, err
		}
	}
	es, err := s.catalog.FindByIndexNo(r.Context(), ref, bodyCode)
	if err != nil || len(es) == 0 {
		return catalog.Entry{}, false, err
	}
	e, err := s.catalog.Get(r.Context(), es[0].ID)
	return e, err == nil, err
}

// columnsPage manages the body's column tree: GET /console/bodies/{code}/columns.
func (s *Server) columnsPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	p, err := s.columnsPageData(r, b, url.Values{}, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.Notice = s.doneNotice(r)
	s.render(w, r, http.StatusOK, "columns", p)
}

func (s *Server) columnsPageData(r *http.Request, b bodies.Body, add url.Values, problems map[string]string) (*ColumnsPage, error) {
	lang := requestLang(r)
	cols, err := s.catalog.Columns(r.Context(), b.Code)
	if err != nil {
		return nil, err
	}
	p := &ColumnsPage{Page: s.page(r, s.msgs.T(lang, "officer.columns.title", b.DisplayName(lang))), Body: b, Name: b.DisplayName(lang),
		AddInvalid: len(problems) > 0}
	children := map[string]int{}
	for _, c := range cols {
		children[c.ParentCode]++
	}
	seen := map[string]int{}
	freshness := []catalog.FreshnessClass{catalog.FreshnessNews, catalog.FreshnessPolicy, catalog.FreshnessNone}
	for _, c := range cols {
		i := seen[c.ParentCode]
		seen[c.ParentCode]++
		row := ColumnRow{Column: c, Label: columnLabel(c, lang), Href: "/bodies/" + b.Code + "/columns/" + c.Code,
			Index: i, First: i == 0, Last: i == children[c.ParentCode]-1,
			CanRetire: !(c.Standard && c.ParentCode == "") && children[c.Code] == 0}
		for _, f := range freshness {
			row.Freshnesses = append(row.Freshnesses, FieldOption{Value: string(f), Label: s.msgs.T(lang, "officer.freshness."+string(f)), Selected: f == c.Freshness})
		}
		p.Columns = append(p.Columns, row)
	}
	field := func(name, typ string) FormField {
		return FormField{Name: name, Label: s.msgs.T(lang, "officer.colfield."+name), Type: typ, Value: add.Get(name), Error: problems[name]}
	}
	parent := field("parent_code", "select")
	parent.Options = append(parent.Options, FieldOption{Value: "", Label: s.msgs.T(lang, "officer.column.top")})
	for _, c := range cols {
		parent.Options = append(parent.Options, FieldOption{Value: c.Code, Label: strings.Repeat("　", c.Depth-1) + columnLabel(c, lang),
			Selected: c.Code == parent.Value})
	}
	name := field("name", "text")
	name.Required = true
	fresh := field("freshness", "select")
	fresh.Options = append(fresh.Options, FieldOption{Value: "", Label: s.msgs.T(lang, "officer.freshness.inherit"), Selected: fresh.Value == ""})
	for _, f := range freshness {
		fresh.Options = append(fresh.Options, FieldOption{Value: string(f), Label: s.msgs.T(lang, "officer.freshness."+string(f)), Selected: string(f) == fresh.Value})
	}
	art := field("art20_item", "text")
	art.Help = s.msgs.T(lang, "officer.help.art20_item")
	note := field("empty_note", "textarea")
	note.Rows = 2
	note.Help = s.msgs.T(lang, "officer.help.empty_note")
	p.Add = []FormField{parent, name, field("name_en", "text"), fresh, art, note}
	for k, msg := range problems {
		shown := false
		for _, f := range p.Add {
			shown = shown || f.Name == k
		}
		if !shown {
			p.NoticeError = strings.TrimSpace(p.NoticeError + " " + msg)
		}
	}
	return p, nil
}

// columnInput reads a column form; the Art. 20 item must be a number.
func (s *Server) columnInput(r *http.Request) (catalog.ColumnInput, map[string]string) {
	v := r.PostForm
	in := catalog.ColumnInput{ParentCode: v.Get("parent_code"), Name: v.Get("name"), NameEN: v.Get("name_en"),
		Freshness: catalog.FreshnessClass(v.Get("freshness")), EmptyNote: v.Get("empty_note")}
	problems := map[string]string{}
	if raw := strings.TrimSpace(v.Get("art20_item")); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil {
			problems["art20_item"] = s.msgs.T(requestLang(r), "officer.art20.bad")
		}
		in.Art20Item = n
	}
	return in, problems
}

func (s *Server) createColumnForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok || !s.parseForm(w, r, 64<<10) {
		return
	}
	in, problems := s.columnInput(r)
	if len(problems) == 0 {
		_, err := s.catalog.CreateColumn(r.Context(), actorFrom(r), b.Code, in)
		if err == nil {
			http.Redirect(w, r, "/console/bodies/"+b.Code+"/columns?done=column.created", http.StatusSeeOther)
			return
		}
		if problems, ok = formProblems(err); !ok {
			s.catalogError(w, r, err)
			return
		}
	}
	p, err := s.columnsPageData(r, b, r.PostForm, problems)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, "columns", p)
}

// changeColumnForm renames a column or changes its settings (op=save), moves it among its
// siblings (op=up, op=down) or retires it (op=retire).
func (s *Server) changeColumnForm(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok || !s.parseForm(w, r, 64<<10) {
		return
	}
	lang := requestLang(r)
	code := r.PathValue("column")
	cur, err := s.catalog.Column(r.Context(), b.Code, code)
	if s.catalogError(w, r, err) {
		return
	}
	actor := actorFrom(r)
	var done string
	switch r.PostForm.Get("op") {
	case "save":
		in, problems := s.columnInput(r)
		if len(problems) == 0 {
			_, err = s.catalog.UpdateColumn(r.Context(), actor, b.Code, code, in)
			problems, _ = formProblems(err)
		}
		if len(problems) > 0 {
			s.columnsError(w, r, b, http.StatusUnprocessableEntity, cur, problems)
			return
		}
		done = "column.saved"
	case "up", "down":
		var siblings []string
		cols, lerr := s.catalog.Columns(r.Context(), b.Code)
		if lerr != nil {
			s.serverError(w, r, lerr)
			return
		}
		for _, c := range cols {
			if c.ParentCode == cur.ParentCode {
				siblings = append(siblings, c.Code)
			}
		}
		pos := -1
		for i, c := range siblings {
			if c == code {
				pos = i
			}
		}
		if r.PostForm.Get("op") == "up" {
			pos--
		} else {
			pos++
		}
		if pos < 0 || pos >= len(siblings) {
			http.Redirect(w, r, "/console/bodies/"+b.Code+"/columns", http.StatusSeeOther)
			return
		}
		err = s.catalog.MoveColumn(r.Context(), actor, b.Code, code, pos)
		done = "column.moved"
	case "retire":
		err = s.catalog.RetireColumn(r.Context(), actor, b.Code, code)
		if errors.Is(err, catalog.ErrNotAllowed) {
			s.columnsError(w, r, b, http.StatusConflict, cur, map[string]string{"": s.msgs.T(lang, "officer.column.cannotretire")})
			return
		}
		done = "column.retired"
	default:
		s.badRequest(w, r)
		return
	}
	if errors.Is(err, catalog.ErrNotAllowed) {
		s.columnsError(w, r, b, http.StatusConflict, cur, map[string]string{"": s.msgs.T(lang, "catalog.notallowed")})
		return
	}
	if s.catalogError(w, r, err) {
		return
	}
	http.Redirect(w, r, "/console/bodies/"+b.Code+"/columns?done="+done, http.StatusSeeOther)
}

// columnsError shows the columns page again with what went wrong with column c.
func (s *Server) columnsError(w http.ResponseWriter, r *http.Request, b bodies.Body, status int, c catalog.Column, problems map[string]string) {
	p, err := s.columnsPageData(r, b, url.Values{}, nil)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	msgs := make([]string, 0, len(problems))
	for _, m := range problems {
		msgs = append(msgs, m)
	}
	p.NoticeError = c.Name + "：" + strings.Join(msgs, " ")
	s.render(w, r, status, "columns", p)
}
