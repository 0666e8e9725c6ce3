package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"xxgk/audit"
	"xxgk/calendar"
)

// The working-day calendar at run time: the public deadline calculator (people ask "when must
// they answer me?"), its JSON twin, and the administrators' page where a new State Council
// holiday notice is loaded, which recomputes every open deadline (law.md §5.6).

// CalendarService is the calendar in force and the way to change it.
type CalendarService interface {
	// Current is the calendar in force now; it changes after a Load.
	Current() *calendar.Calendar
	// Load validates and stores a holiday CSV (shared/spec/holidays-cn.csv format), audited,
	// then recomputes the open applications' deadlines. A bad file returns a
	// *calendar.ParseError and changes nothing.
	Load(ctx context.Context, actor audit.Actor, csv []byte) (years []int, recomputed int, err error)
	// LoadedYears lists the years administrators loaded, with who and when.
	LoadedYears(ctx context.Context) ([]calendar.LoadedYear, error)
}

// shippedCalendar serves the calendar embedded in xxgk when no service is configured (tests,
// tools that only read): it cannot load.
type shippedCalendar struct{ cal *calendar.Calendar }

func (c shippedCalendar) Current() *calendar.Calendar { return c.cal }

func (c shippedCalendar) Load(context.Context, audit.Actor, []byte) ([]int, int, error) {
	return nil, 0, errors.New("web: no calendar store configured")
}

func (c shippedCalendar) LoadedYears(context.Context) ([]calendar.LoadedYear, error) { return nil, nil }

// calendarOrShipped returns svc, or the shipped calendar when svc is nil.
func calendarOrShipped(svc CalendarService) (CalendarService, error) {
	if svc != nil {
		return svc, nil
	}
	cal, err := calendar.Default()
	if err != nil {
		return nil, err
	}
	return shippedCalendar{cal}, nil
}

// The periods the calculator knows by name (law.md §5.2), and the bounds of a question.
const (
	deadlineMaxDays  = 200
	deadlineMinYear  = 1949
	deadlineMaxYear  = 2199
	deadlineDefaults = 20
)

var deadlineKinds = map[string]int{"answer": 20, "correction": 7}

// DeadlineStep is one line of a due date's explanation.
type DeadlineStep struct {
	Kind  string         `json:"kind"`
	Date  calendar.Date  `json:"date"`
	Until *calendar.Date `json:"until,omitempty"`
	Name  string         `json:"name,omitempty"`
	Text  string         `json:"text"`
}

// Deadline is the answer to "N working days after D", explained.
type Deadline struct {
	From        calendar.Date  `json:"from"`
	Days        int            `json:"days"`
	Kind        string         `json:"kind,omitempty"`
	Due         calendar.Date  `json:"due"`
	Weekday     string         `json:"weekday"`
	Provisional bool           `json:"provisional"`
	Explanation []DeadlineStep `json:"explanation"`
}

// deadlineInput is the calculator's question as typed.
type deadlineInput struct {
	From, Days, Kind string
}

func deadlineInputFrom(r *http.Request) deadlineInput {
	q := r.URL.Query()
	return deadlineInput{From: strings.TrimSpace(q.Get("from")), Days: strings.TrimSpace(q.Get("days")), Kind: strings.TrimSpace(q.Get("kind"))}
}

// computeDeadline validates in and answers it; field errors are in lang, keyed by parameter.
func (s *Server) computeDeadline(lang string, in deadlineInput) (Deadline, map[string]string) {
	errs := map[string]string{}
	var from calendar.Date
	switch d, err := calendar.ParseDate(in.From); {
	case in.From == "":
		errs["from"] = s.msgs.T(lang, "deadline.err.from.missing")
	case err != nil:
		errs["from"] = s.msgs.T(lang, "deadline.err.from.bad", in.From)
	case d.Year() < deadlineMinYear || d.Year() > deadlineMaxYear:
		errs["from"] = s.msgs.T(lang, "deadline.err.from.range", deadlineMinYear, deadlineMaxYear)
	default:
		from = d
	}
	kindDays, kindOK := deadlineKinds[in.Kind]
	if in.Kind != "" && !kindOK {
		errs["kind"] = s.msgs.T(lang, "deadline.err.kind", in.Kind)
	}
	days := 0
	switch n, err := strconv.Atoi(in.Days); {
	case in.Days == "" && kindOK:
		days = kindDays
	case in.Days == "":
		errs["days"] = s.msgs.T(lang, "deadline.err.days.missing")
	case err != nil || n < 1 || n > deadlineMaxDays:
		errs["days"] = s.msgs.T(lang, "deadline.err.days.range", deadlineMaxDays)
	case kindOK && n != kindDays:
		errs["days"] = s.msgs.T(lang, "deadline.err.days.kind", kindDays)
	default:
		days = n
	}
	if len(errs) > 0 {
		return Deadline{}, errs
	}
	cal := s.calendar.Current()
	due, prov := cal.AddWorkingDays(from, days)
	dl := Deadline{From: from, Days: days, Kind: in.Kind, Due: due, Weekday: weekdayName(lang, due.Weekday()), Provisional: prov}
	dl.Explanation = s.explainDeadline(lang, cal, dl)
	return dl, nil
}

// explainDeadline writes the steps law.md §5.7 asks for: where counting starts, day 1, the
// holidays skipped and make-up workdays counted on the way, the due date, and whether it is
// provisional.
func (s *Server) explainDeadline(lang string, cal *calendar.Calendar, dl Deadline) []DeadlineStep {
	t := func(key string, args ...any) string { return s.msgs.T(lang, key, args...) }
	var steps []DeadlineStep
	switch dl.Kind {
	case "answer":
		steps = append(steps, DeadlineStep{Kind: "rule", Date: dl.From, Text: t("deadline.step.rule.answer", dl.Days)})
	case "correction":
		steps = append(steps, DeadlineStep{Kind: "rule", Date: dl.From, Text: t("deadline.step.rule.correction", dl.Days)})
	}
	steps = append(steps, DeadlineStep{Kind: "start", Date: dl.From,
		Text: t("deadline.step.start", dl.From, weekdayName(lang, dl.From.Weekday()))})
	dayOne, _ := cal.AddWorkingDays(dl.From, 1)
	if dl.Days > 1 {
		steps = append(steps, DeadlineStep{Kind: "day_one", Date: dayOne,
			Text: t("deadline.step.dayone", dayOne, weekdayName(lang, dayOne.Weekday()))})
	}

	days := cal.Days(dl.From.AddDays(1), dl.Due)
	for i := 0; i < len(days); {
		d := days[i]
		name := holidayName(lang, d.Name)
		if d.Kind == calendar.KindWorkday {
			steps = append(steps, DeadlineStep{Kind: "makeup_workday", Date: d.Date, Name: d.Name,
				Text: t("deadline.step.makeup", d.Date, weekdayName(lang, d.Date.Weekday()), name)})
			i++
			continue
		}
		// A holiday's consecutive days; only its weekdays change the count.
		j, weekdays := i, 0
		for ; j < len(days) && days[j].Kind == calendar.KindHoliday && days[j].Name == d.Name && days[j].Date.Sub(d.Date) == j-i; j++ {
			if wd := days[j].Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
				weekdays++
			}
		}
		if weekdays > 0 {
			until := days[j-1].Date
			step := DeadlineStep{Kind: "holiday", Date: d.Date, Name: d.Name}
			if until == d.Date {
				step.Text = t("deadline.step.holiday.one", name, d.Date)
			} else {
				step.Until = &until
				step.Text = t("deadline.step.holiday", name, d.Date, until, weekdays)
			}
			steps = append(steps, step)
		}
		i = j
	}

	steps = append(steps, DeadlineStep{Kind: "due", Date: dl.Due,
		Text: t("deadline.step.due", dl.Days, dl.Due, weekdayName(lang, dl.Due.Weekday()))})
	if dl.Provisional {
		var missing []string
		for y := dl.From.AddDays(1).Year(); y <= dl.Due.Year(); y++ {
			if !cal.Covers(y) {
				missing = append(missing, strconv.Itoa(y))
			}
		}
		sep := "、"
		if lang == "en" {
			sep = ", "
		}
		steps = append(steps, DeadlineStep{Kind: "provisional", Date: dl.Due,
			Text: t("deadline.step.provisional", strings.Join(missing, sep))})
	}
	return steps
}

func weekdayName(lang string, wd time.Weekday) string {
	if lang == "en" {
		return wd.String()
	}
	return "星期" + [...]string{"日", "一", "二", "三", "四", "五", "六"}[wd]
}

// holidayName translates the names the State Council's notices use; an unknown name is shown
// as written rather than guessed.
func holidayName(lang, name string) string {
	if lang != "en" {
		return name
	}
	en := map[string]string{"元旦": "New Year's Day", "春节": "Spring Festival", "清明节": "Qingming Festival",
		"劳动节": "Labour Day", "端午节": "Dragon Boat Festival", "中秋节": "Mid-Autumn Festival", "国庆节": "National Day"}
	parts := strings.Split(name, "、")
	for i, p := range parts {
		if e, ok := en[p]; ok {
			parts[i] = e
		}
	}
	return strings.Join(parts, " and ")
}

// apiDeadline answers GET /api/v1/calendar/deadline?from=YYYY-MM-DD&days=N[&kind=answer|correction].
func (s *Server) apiDeadline(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	dl, errs := s.computeDeadline(lang, deadlineInputFrom(r))
	if errs != nil {
		writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "deadline.err.invalid"), errs)
		return
	}
	writeJSON(w, http.StatusOK, dl)
}

// DeadlinePage is the public deadline calculator: a GET form, so it works without JavaScript
// and every answer has a link that can be shared.
type DeadlinePage struct {
	Page
	Input  deadlineInput
	Errors map[string]string
	Result *Deadline
	// Today is offered as the start date when none is given.
	Today string
	// KeepLang carries an explicit ?lang= into the next question (the form is a plain GET).
	KeepLang string
}

func (s *Server) deadlinePage(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	p := DeadlinePage{Page: s.page(r, s.msgs.T(lang, "deadline.title")), Input: deadlineInputFrom(r), Today: calendar.Today().String(),
		KeepLang: knownLang(r.URL.Query().Get("lang"))}
	if p.Input.From == "" && p.Input.Days == "" && p.Input.Kind == "" {
		p.Input.From, p.Input.Days = p.Today, strconv.Itoa(deadlineDefaults)
		s.render(w, r, http.StatusOK, "deadline", &p)
		return
	}
	dl, errs := s.computeDeadline(lang, p.Input)
	if errs != nil {
		p.Errors = errs
		s.render(w, r, http.StatusBadRequest, "deadline", &p)
		return
	}
	p.Input.Days = strconv.Itoa(dl.Days)
	p.Result = &dl
	s.render(w, r, http.StatusOK, "deadline", &p)
}

// maxCalendarUpload bounds a holiday CSV: a year is about 40 rows, so 1 MiB is decades.
const maxCalendarUpload = 1 << 20

// CalendarYearRow is one year of the calendar in force, with where it came from.
type CalendarYearRow struct {
	Year        int
	WorkingDays int
	Holidays    int // days off listed, weekends included
	Workdays    int // make-up weekend workdays
	Loaded      *calendar.LoadedYear
}

// CalendarAdminPage lists the years the calendar holds and takes a new or corrected year.
type CalendarAdminPage struct {
	Page
	Years []CalendarYearRow
	// Missing names the next year when its notice is not loaded yet (deadlines reaching into
	// it are provisional).
	Missing  int
	MaxKB    int
	FileName string
	Error    string
	// Loaded and Recomputed report a successful upload.
	Loaded     []int
	Recomputed int
}

func (s *Server) calendarAdminPage(r *http.Request) (CalendarAdminPage, error) {
	lang := requestLang(r)
	p := CalendarAdminPage{Page: s.page(r, s.msgs.T(lang, "calendar.title")), MaxKB: maxCalendarUpload >> 10}
	loaded, err := s.calendar.LoadedYears(r.Context())
	if err != nil {
		return p, err
	}
	byYear := map[int]*calendar.LoadedYear{}
	for i := range loaded {
		byYear[loaded[i].Year] = &loaded[i]
	}
	cal := s.calendar.Current()
	years := cal.Years()
	for i := len(years) - 1; i >= 0; i-- {
		y := years[i]
		row := CalendarYearRow{Year: y, Loaded: byYear[y],
			WorkingDays: cal.WorkingDaysBetween(calendar.NewDate(y-1, 12, 31), calendar.NewDate(y, 12, 31))}
		for _, d := range cal.Notice(y) {
			if d.Kind == calendar.KindHoliday {
				row.Holidays++
			} else {
				row.Workdays++
			}
		}
		p.Years = append(p.Years, row)
	}
	if next := calendar.Today().Year() + 1; !cal.Covers(next) {
		p.Missing = next
	}
	return p, nil
}

func (s *Server) calendarAdmin(w http.ResponseWriter, r *http.Request) {
	p, err := s.calendarAdminPage(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "calendar_admin", &p)
}

// calendarUpload loads the uploaded CSV (multipart field "file"), then shows the calendar now
// in force and how many open deadlines were recomputed.
func (s *Server) calendarUpload(w http.ResponseWriter, r *http.Request) {
	lang := requestLang(r)
	r.Body = http.MaxBytesReader(w, r.Body, maxCalendarUpload+64<<10)
	var data []byte
	var fileName string
	formErr := ""
	if mr, err := r.MultipartReader(); err != nil {
		formErr = "calendar.err.form"
	} else {
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				formErr = "calendar.err.toolarge"
				break
			}
			if err != nil {
				formErr = "calendar.err.form"
				break
			}
			if part.FormName() == "file" {
				fileName = part.FileName()
				data, err = io.ReadAll(io.LimitReader(part, maxCalendarUpload+1))
				if errors.As(err, &tooLarge) || len(data) > maxCalendarUpload {
					formErr = "calendar.err.toolarge"
					break
				}
				if err != nil {
					formErr = "calendar.err.form"
					break
				}
			}
			part.Close()
		}
	}
	if formErr == "" && len(data) == 0 {
		formErr = "calendar.err.nofile"
	}
	var years []int
	var recomputed int
	var loadErr error
	if formErr == "" {
		years, recomputed, loadErr = s.calendar.Load(r.Context(), actorFrom(r), data)
	}
	var pe *calendar.ParseError
	if loadErr != nil && !errors.As(loadErr, &pe) {
		s.serverError(w, r, loadErr)
		return
	}
	p, err := s.calendarAdminPage(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	p.FileName = fileName
	switch {
	case formErr != "":
		p.Error = s.msgs.T(lang, formErr, p.MaxKB)
		s.render(w, r, http.StatusBadRequest, "calendar_admin", &p)
	case pe != nil:
		p.Error = parseErrorText(s.msgs, lang, pe)
		s.render(w, r, http.StatusUnprocessableEntity, "calendar_admin", &p)
	default:
		p.Loaded, p.Recomputed = years, recomputed
		s.render(w, r, http.StatusOK, "calendar_admin", &p)
	}
}

// parseErrorText locates a CSV problem and says what the line or column must hold, in the
// page's language; the detail, which quotes the offending value, is the parser's (English).
func parseErrorText(m messages, lang string, pe *calendar.ParseError) string {
	switch pe.Field {
	case "date", "kind", "name":
		return m.T(lang, "calendar.err.field", pe.Line, pe.Field, m.T(lang, "calendar.hint."+pe.Field), pe.Err)
	}
	return m.T(lang, "calendar.err.line", pe.Line, m.T(lang, "calendar.hint.line"), pe.Err)
}

// joinYears lists years for a sentence ("2026、2027", "2026, 2027").
func joinYears(lang string, ys []int) string {
	parts := make([]string, len(ys))
	for i, y := range ys {
		parts[i] = fmt.Sprint(y)
	}
	if lang == "en" {
		return strings.Join(parts, ", ")
	}
	return strings.Join(parts, "、")
}

// LoadedText is the success notice of an upload.
func (p *CalendarAdminPage) LoadedText() string {
	return p.T("calendar.loaded", joinYears(p.Lang, p.Loaded), p.Recomputed)
}
