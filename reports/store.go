package reports

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database"
	"xxgk/requests"
)

// Errors the store returns (wrapped, with a prefix naming the operation); the HTTP layer maps
// them to status codes.
var (
	ErrNotFound = errors.New("not found")
	// ErrLocked means the report is locked: its figures and text can no longer change.
	ErrLocked = errors.New("report is locked")
	// ErrNotLocked means an unlock of a report that is not locked.
	ErrNotLocked = errors.New("report is not locked")
)

// ValidationError maps a field (figures.permits, sections.overview, year, …) to what is wrong
// with it, in Chinese for the interface.
type ValidationError map[string]string

func (v ValidationError) Error() string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + v[k]
	}
	return "reports: invalid input: " + strings.Join(parts, "; ")
}

// Figures are the numbers of table 二 that come from other systems and are typed in by the
// office. A null figure is "not applicable" (the body has no such power), which the national
// format prints differently from 0.
type Figures struct {
	Permits          Nullable[int64]  `json:"permits"`           // 行政许可
	Penalties        Nullable[int64]  `json:"penalties"`         // 行政处罚
	CoerciveMeasures Nullable[int64]  `json:"coercive_measures"` // 行政强制
	FeesWanYuan      Nullable[Amount] `json:"fees_wan_yuan"`     // 行政事业性收费, 万元
}

// MaxSectionRunes bounds one narrative section.
const MaxSectionRunes = 20000

// Inputs are what the office has saved for a report, and its lock.
type Inputs struct {
	Figures Figures `json:"figures"`
	// Sections are the narrative as saved; an empty one is shown (and locked) as the draft
	// Build writes from the numbers.
	Sections  Sections   `json:"sections"`
	UpdatedBy string     `json:"updated_by,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
	Locked    *LockInfo  `json:"locked,omitempty"`
	Template  Template   `json:"template,omitempty"`
	// EntryID is the catalog entry the report was published as, 0 if none.
	EntryID int64 `json:"entry_id,omitempty"`
}

// TemplateFor is the national format of reports on year: the 2019 trial format up to 2020.
func TemplateFor(year int) Template {
	if year <= 2020 {
		return Template2019
	}
	return Template2021
}

// queryer is what the reads run on: the database, or in the benchmark a wrapper that counts
// the queries.
type queryer interface {
	sqlx.QueryerContext
}

// Store computes annual reports from the catalog, the applications and the appeals, and keeps
// the office's figures, narrative and locked snapshots in annual_reports.
type Store struct {
	db      *sqlx.DB
	q       queryer
	cal     atomic.Pointer[calendar.Calendar]
	catalog *catalog.Store
	now     func() time.Time
}

// NewStore returns a store on db; cal counts working days for the compliance figures.
func NewStore(db *sqlx.DB, cal *calendar.Calendar) *Store {
	if cal == nil {
		cal = &calendar.Calendar{}
	}
	s := &Store{db: db, q: db, catalog: catalog.NewStore(db, cal), now: time.Now}
	s.cal.Store(cal)
	return s
}

// SetCalendar replaces the calendar the compliance figures count working days with (serve
// follows the calendar administrators load).
func (s *Store) SetCalendar(cal *calendar.Calendar) {
	if cal == nil {
		cal = &calendar.Calendar{}
	}
	s.cal.Store(cal)
}

func (s *Store) calendar() *calendar.Calendar { return s.cal.Load() }

// SetClock replaces the store's clock (and its catalog's), for tests.
func (s *Store) SetClock(now func() time.Time) {
	s.now = now
	s.catalog.SetClock(now)
}

func (s *Store) clock() time.Time { return s.now().Truncate(time.Microsecond) }

func (s *Store) today() calendar.Date { return calendar.DateOf(s.now().In(calendar.China)) }

// bodyRow is a body as the reports read it.
type bodyRow struct {
	ID   int64  `db:"id"`
	Code string `db:"code"`
	Name string `db:"name"`
	Kind string `db:"kind"`
	Path string `db:"path"`
}

func (b bodyRow) body() Body { return Body{Name: b.Name, Code: b.Code} }

func (s *Store) body(ctx context.Context, code string) (bodyRow, error) {
	var b bodyRow
	err := sqlx.GetContext(ctx, s.q, &b, `SELECT id, code, name, kind, path FROM bodies WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return b, fmt.Errorf("body %s: %w", code, ErrNotFound)
	}
	return b, err
}

// storedRow is an annual_reports row.
type storedRow struct {
	BodyID    int64      `db:"body_id"`
	Year      int        `db:"year"`
	Figures   []byte     `db:"figures"`
	Sections  []byte     `db:"sections"`
	UpdatedBy string     `db:"updated_by"`
	UpdatedAt time.Time  `db:"updated_at"`
	LockedAt  *time.Time `db:"locked_at"`
	LockedBy  string     `db:"locked_by"`
	Snapshot  []byte     `db:"snapshot"`
	Hash      string     `db:"content_hash"`
	Template  string     `db:"template"`
	EntryID   *int64     `db:"entry_id"`
}

func (r storedRow) inputs() (Inputs, error) {
	in := Inputs{UpdatedBy: r.UpdatedBy, Template: Template(r.Template)}
	if r.UpdatedBy != "" {
		t := r.UpdatedAt
		in.UpdatedAt = &t
	}
	if err := json.Unmarshal(r.Figures, &in.Figures); err != nil {
		return in, fmt.Errorf("figures of %d: %w", r.Year, err)
	}
	if err := json.Unmarshal(r.Sections, &in.Sections); err != nil {
		return in, fmt.Errorf("sections of %d: %w", r.Year, err)
	}
	if r.LockedAt != nil {
		in.Locked = &LockInfo{At: *r.LockedAt, By: r.LockedBy, Hash: r.Hash}
	}
	if r.EntryID != nil {
		in.EntryID = *r.EntryID
	}
	return in, nil
}

// snapshot reads the locked report.
func (r storedRow) snapshot() (*Report, error) {
	rep, err := ParseJSON(r.Snapshot)
	if err != nil {
		return nil, fmt.Errorf("snapshot of %d: %w", r.Year, err)
	}
	return rep, nil
}

const selectStored = `SELECT body_id, year, figures, sections, updated_by, updated_at, locked_at, locked_by,
	snapshot, content_hash, template, entry_id FROM annual_reports`

// storedRows reads the rows of the bodies for year and the year before, keyed by body and year.
func (s *Store) storedRows(ctx context.Context, ids []int64, year int) (map[[2]int64]storedRow, error) {
	var rows []storedRow
	if err := sqlx.SelectContext(ctx, s.q, &rows, selectStored+` WHERE body_id = ANY($1) AND year IN ($2, $2 - 1)`,
		pq.Array(ids), year); err != nil {
		return nil, err
	}
	out := make(map[[2]int64]storedRow, len(rows))
	for _, r := range rows {
		out[[2]int64{r.BodyID, int64(r.Year)}] = r
	}
	return out, nil
}

// checkYear refuses years no report can be about: before the Regulation, or in the future.
func (s *Store) checkYear(year int) error {
	if year < 2008 || year > s.today().Year() {
		return ValidationError{"year": fmt.Sprintf("年度应在 2008 至 %d 之间", s.today().Year())}
	}
	return nil
}

// Build returns the body's report on year. A locked report is its snapshot, whatever has changed
// since; otherwise it is computed now from the catalog (table 二's documents), the applications
// (table 三), the appeals (table 四) and the office's figures and narrative, an empty narrative
// section being filled with a draft written from the numbers. The report's Previous holds last
// year's figures for the cross-year checks: last year's snapshot when it is locked, else last
// year's figures as computed from the same records. Build runs five queries, whatever the
// number of records.
func (s *Store) Build(ctx context.Context, bodyCode string, year int) (Report, error) {
	op := fmt.Sprintf("reports: build %s %d", bodyCode, year)
	if err := s.checkYear(year); err != nil {
		return Report{}, err
	}
	b, err := s.body(ctx, bodyCode)
	if err != nil {
		return Report{}, fmt.Errorf("%s: %w", op, err)
	}
	reps, err := s.compute(ctx, []bodyRow{b}, year)
	if err != nil {
		return Report{}, fmt.Errorf("%s: %w", op, err)
	}
	return *reps[b.ID].Report, nil
}

// Inputs returns what the office saved for the body's report on year (zero Inputs when nothing
// was saved yet).
func (s *Store) Inputs(ctx context.Context, bodyCode string, year int) (Inputs, error) {
	op := fmt.Sprintf("reports: inputs %s %d", bodyCode, year)
	b, err := s.body(ctx, bodyCode)
	if err != nil {
		return Inputs{}, fmt.Errorf("%s: %w", op, err)
	}
	var r storedRow
	err = sqlx.GetContext(ctx, s.q, &r, selectStored+` WHERE body_id = $1 AND year = $2`, b.ID, year)
	if errors.Is(err, sql.ErrNoRows) {
		return Inputs{}, nil
	}
	if err != nil {
		return Inputs{}, fmt.Errorf("%s: %w", op, err)
	}
	in, err := r.inputs()
	if err != nil {
		return Inputs{}, fmt.Errorf("%s: %w", op, err)
	}
	return in, nil
}

// built is one body's report with what the narrative draft and the rollup need besides.
type built struct {
	Report *Report
	// Snapshot is true when Report is the locked snapshot.
	Snapshot bool
	facts    facts
}

// facts are the numbers the narrative draft speaks of that are not in the tables.
type facts struct {
	ReceivedPrev   int64
	NormativePrev  int64
	AppealsPrev    int64
	FeesYuan       int64
	PrevKnown      bool
	AppealsThis    int64
	CorrectedCases int64
}

// appRow is one group of the applications aggregate.
type appRow struct {
	BodyID        int64  `db:"body_id"`
	ApplicantType string `db:"applicant_type"`
	Outcome       string `db:"outcome"`
	Received      int64  `db:"received"`
	ReceivedPrev  int64  `db:"received_prev"`
	CarriedIn     int64  `db:"carried_in"`
	Concluded     int64  `db:"concluded"`
	CarriedOut    int64  `db:"carried_out"`
	Fees          int64  `db:"fees"`
}

// applicationsCounted is the condition for an application to count in table 三 at all: it was
// received (an online submission counts from the day the office confirms it, Art. 31), and it
// was not passed on to another body without an answer of this body's own — the body it went to
// counts it.
const applicationsCounted = `received_on IS NOT NULL AND (status <> 'transferred' OR outcome IS NOT NULL)`

// countApplications runs table 三's aggregate for the bodies. With R the received date and C
// the date answered (closed, withdrawn…), for year Y:
//   - 一 counts R in Y; 二 counts R before Y with C empty or in Y or later;
//   - 三 counts C in Y (and R not after Y), each under its outcome's row;
//   - 四 counts R not after Y with C empty or after Y.
//
// So 一 + 二 = 三（七） + 四 and this year's 二 = last year's 四 hold by construction.
func (s *Store) countApplications(ctx context.Context, ids []int64, year int) ([]appRow, error) {
	var rows []appRow
	err := sqlx.SelectContext(ctx, s.q, &rows, `SELECT body_id, applicant_type,
			CASE WHEN answered_on BETWEEN $2::date AND $3::date THEN outcome ELSE '' END AS outcome,
			count(*) FILTER (WHERE received_on BETWEEN $2::date AND $3::date) AS received,
			count(*) FILTER (WHERE received_on BETWEEN $4::date AND $5::date) AS received_prev,
			count(*) FILTER (WHERE received_on < $2::date AND (answered_on IS NULL OR answered_on >= $2::date)) AS carried_in,
			count(*) FILTER (WHERE answered_on BETWEEN $2::date AND $3::date) AS concluded,
			count(*) FILTER (WHERE answered_on IS NULL OR answered_on > $3::date) AS carried_out,
			coalesce(sum(fee_yuan) FILTER (WHERE answered_on BETWEEN $2::date AND $3::date
				AND outcome <> 'abandoned_fee_unpaid'), 0) AS fees
		FROM applications
		WHERE body_id = ANY($1) AND `+applicationsCounted+` AND received_on <= $3::date
			AND (answered_on IS NULL OR answered_on >= $4::date)
		GROUP BY 1, 2, 3`, pq.Array(ids), calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31),
		calendar.NewDate(year-1, 1, 1), calendar.NewDate(year-1, 12, 31))
	return rows, err
}

type appealRow struct {
	BodyID int64  `db:"body_id"`
	Kind   string `db:"kind"`
	Result string `db:"result"`
	Year   int    `db:"year"`
	N      int64  `db:"n"`
}

// countAppeals counts the reviews and lawsuits filed in year and the year before, by kind and
// result as recorded now (a case not decided yet is 尚未审结).
func (s *Store) countAppeals(ctx context.Context, ids []int64, year int) ([]appealRow, error) {
	var rows []appealRow
	err := sqlx.SelectContext(ctx, s.q, &rows, `SELECT body_id, kind, result,
			extract(year FROM filed_on)::int AS year, count(*) AS n
		FROM appeals WHERE body_id = ANY($1) AND filed_on BETWEEN $2::date AND $3::date
		GROUP BY 1, 2, 3, 4`, pq.Array(ids), calendar.NewDate(year-1, 1, 1), calendar.NewDate(year, 12, 31))
	return rows, err
}

// compute builds the reports of the bodies on year with one query per source, whatever the
// number of bodies: the locked ones come from their snapshots, the others from the records.
func (s *Store) compute(ctx context.Context, bs []bodyRow, year int) (map[int64]*built, error) {
	ids := make([]int64, len(bs))
	for i, b := range bs {
		ids[i] = b.ID
	}
	stored, err := s.storedRows(ctx, ids, year)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*built, len(bs))
	var live []int64
	for _, b := range bs {
		if row, ok := stored[[2]int64{b.ID, int64(year)}]; ok && row.LockedAt != nil {
			rep, err := row.snapshot()
			if err != nil {
				return nil, err
			}
			out[b.ID] = &built{Report: rep, Snapshot: true}
			continue
		}
		live = append(live, b.ID)
	}
	if len(live) == 0 {
		return out, nil
	}
	docs, err := catalog.CountDocuments(ctx, s.q, live, year, s.today())
	if err != nil {
		return nil, err
	}
	apps, err := s.countApplications(ctx, live, year)
	if err != nil {
		return nil, fmt.Errorf("count applications: %w", err)
	}
	appeals, err := s.countAppeals(ctx, live, year)
	if err != nil {
		return nil, fmt.Errorf("count appeals: %w", err)
	}

	tmpl := TemplateFor(year)
	type acc struct {
		docs    map[catalog.Kind]catalog.DocumentYear
		in      Table3Input
		appeals [3][5]int64 // review, lawsuit, lawsuit_after_review × upheld, corrected, other, pending, total
		facts   facts
	}
	accs := make(map[int64]*acc, len(live))
	for _, id := range live {
		accs[id] = &acc{docs: map[catalog.Kind]catalog.DocumentYear{}, in: Table3Input{Received: ByApplicant{},
			CarriedIn: ByApplicant{}, Concluded: map[requests.Outcome]ByApplicant{}, CarriedOut: ByApplicant{}}}
	}
	for _, d := range docs {
		accs[d.BodyID].docs[d.Kind] = d
	}
	for _, r := range apps {
		a := accs[r.BodyID]
		t := requests.ApplicantType(r.ApplicantType)
		a.in.Received[t] += r.Received
		a.in.CarriedIn[t] += r.CarriedIn
		a.in.CarriedOut[t] += r.CarriedOut
		a.facts.ReceivedPrev += r.ReceivedPrev
		a.facts.FeesYuan += r.Fees
		if r.Concluded > 0 {
			o := requests.Outcome(r.Outcome)
			if a.in.Concluded[o] == nil {
				a.in.Concluded[o] = ByApplicant{}
			}
			a.in.Concluded[o][t] += r.Concluded
		}
	}
	kindIndex := map[string]int{"review": 0, "lawsuit": 1, "lawsuit_after_review": 2}
	resultIndex := map[string]int{"upheld": 0, "corrected": 1, "other": 2, "pending": 3}
	for _, r := range appeals {
		a := accs[r.BodyID]
		if r.Year != year {
			a.facts.AppealsPrev += r.N
			continue
		}
		a.appeals[kindIndex[r.Kind]][resultIndex[r.Result]] += r.N
		a.facts.AppealsThis += r.N
		if r.Result == "corrected" {
			a.facts.CorrectedCases += r.N
		}
	}

	for _, b := range bs {
		a, ok := accs[b.ID]
		if !ok {
			continue
		}
		rep := New(b.body(), year, tmpl)
		rep.Generated = s.clock()
		rules, norm := a.docs[catalog.KindRule], a.docs[catalog.KindNormative]
		row := stored[[2]int64{b.ID, int64(year)}]
		in := Inputs{}
		if row.Figures != nil {
			if in, err = row.inputs(); err != nil {
				return nil, err
			}
		}
		if tmpl == Template2021 {
			rep.Table2 = Table2{
				Rules:       DocumentCounts{Issued: rules.Issued, Repealed: rules.Repealed, InForce: rules.InForce},
				Normative:   DocumentCounts{Issued: norm.Issued, Repealed: norm.Repealed, InForce: norm.InForce},
				Licensing:   in.Figures.Permits,
				Penalty:     in.Figures.Penalties,
				Enforcement: in.Figures.CoerciveMeasures,
				Fees:        in.Figures.FeesWanYuan,
			}
		} else {
			rep.Table2Trial = &Table2Trial{
				Rules:       TrialDocumentCounts{Made: rules.Formed, Published: rules.Issued, Total: rules.PublicTotal},
				Normative:   TrialDocumentCounts{Made: norm.Formed, Published: norm.Issued, Total: norm.PublicTotal},
				Licensing:   TrialItemCounts{Decisions: in.Figures.Permits},
				Penalty:     TrialItemCounts{Decisions: in.Figures.Penalties},
				Enforcement: TrialItemCounts{Decisions: in.Figures.CoerciveMeasures},
			}
		}
		if rep.Table3, err = BuildTable3(tmpl, a.in); err != nil {
			return nil, fmt.Errorf("%s: %w", b.Code, err)
		}
		rep.Table4 = Table4{
			Review:      NewCaseCounts(a.appeals[0][0], a.appeals[0][1], a.appeals[0][2], a.appeals[0][3]),
			Direct:      NewCaseCounts(a.appeals[1][0], a.appeals[1][1], a.appeals[1][2], a.appeals[1][3]),
			AfterReview: NewCaseCounts(a.appeals[2][0], a.appeals[2][1], a.appeals[2][2], a.appeals[2][3]),
		}
		if prev, ok := stored[[2]int64{b.ID, int64(year - 1)}]; ok && prev.LockedAt != nil {
			p, err := prev.snapshot()
			if err != nil {
				return nil, err
			}
			rep.Previous = PreviousFrom(p)
		} else {
			// Last year's report as xxgk would build it today, from the same records.
			rep.Previous = &PreviousYear{Year: year - 1, CarriedOut: rep.Table3.rowOfKind(RowCarriedIn).Counts}
			if TemplateFor(year-1) == Template2021 {
				rep.Previous.RulesInForce = Some(rules.InForcePrev)
				rep.Previous.NormativeInForce = Some(norm.InForcePrev)
			}
		}
		a.facts.NormativePrev = norm.IssuedPrev
		a.facts.PrevKnown = year-1 >= 2008
		rep.Sections = in.Sections
		fillDraft(rep, a.facts)
		out[b.ID] = &built{Report: rep, facts: a.facts}
	}
	return out, nil
}

// fillDraft writes a draft, from the numbers, into each narrative section the office has left
// empty, so that the form starts from something sensible.
func fillDraft(r *Report, f facts) {
	d := Draft(r, f.ReceivedPrev, f.NormativePrev, f.AppealsPrev, f.FeesYuan)
	if strings.TrimSpace(r.Sections.Overview) == "" {
		r.Sections.Overview = d.Overview
	}
	if strings.TrimSpace(r.Sections.Problems) == "" {
		r.Sections.Problems = d.Problems
	}
	if strings.TrimSpace(r.Sections.Other) == "" {
		r.Sections.Other = d.Other
	}
}

// change describes cur against prev in Chinese: 比上年增加 3 件（增长 25%）.
func change(cur, prev int64, unit string) string {
	switch {
	case cur == prev:
		return "与上年持平"
	case prev == 0:
		return fmt.Sprintf("上年为0%s", unit)
	case cur > prev:
		return fmt.Sprintf("比上年增加%d%s（增长%s%%）", cur-prev, unit, percent(cur-prev, prev))
	}
	return fmt.Sprintf("比上年减少%d%s（下降%s%%）", prev-cur, unit, percent(prev-cur, prev))
}

func percent(part, whole int64) string {
	if whole == 0 {
		return "0"
	}
	s := fmt.Sprintf("%.1f", float64(part)*100/float64(whole))
	return strings.TrimSuffix(s, ".0")
}

// Draft writes the three narrative sections from the report's numbers and last year's:
// applications received, normative documents issued and appeals filed the year before, and the
// processing fees (yuan) collected in the year.
func Draft(r *Report, receivedPrev, normativePrev, appealsPrev, feesYuan int64) Sections {
	row := func(k RowKind) Counts {
		if x := r.Table3.rowOfKind(k); x != nil {
			return x.Counts
		}
		return Counts{}
	}
	outcome := func(key string) int64 {
		for _, x := range r.Table3.Rows {
			if x.Key == key {
				return x.Counts[TotalColumn]
			}
		}
		return 0
	}
	recv, in, conc, out := row(RowReceived)[TotalColumn], row(RowCarriedIn)[TotalColumn], row(RowConcluded)[TotalColumn], row(RowCarriedOut)[TotalColumn]
	var rules, norm, inForce int64
	if r.Template == Template2019 && r.Table2Trial != nil {
		rules, norm, inForce = r.Table2Trial.Rules.Published, r.Table2Trial.Normative.Published, r.Table2Trial.Normative.Total
	} else {
		rules, norm, inForce = r.Table2.Rules.Issued, r.Table2.Normative.Issued, r.Table2.Normative.InForce
	}
	reviews := r.Table4.Review.Total
	suits := r.Table4.Direct.Total + r.Table4.AfterReview.Total
	corrected := r.Table4.Review.Corrected + r.Table4.Direct.Corrected + r.Table4.AfterReview.Corrected

	var o strings.Builder
	fmt.Fprintf(&o, "%d年，%s深入贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，依法做好主动公开和依申请公开工作。\n", r.Year, r.Body.Name)
	fmt.Fprintf(&o, "（一）主动公开。本年制发规章%d件、行政规范性文件%d件，行政规范性文件制发数量%s；截至年底现行有效行政规范性文件%d件。\n", rules, norm, change(norm, normativePrev, "件"), inForce)
	fmt.Fprintf(&o, "（二）依申请公开。本年新收政府信息公开申请%d件，%s；上年结转%d件。本年办结%d件，其中予以公开%d件、部分公开%d件；结转下年度继续办理%d件。\n",
		recv, change(recv, receivedPrev, "件"), in, conc, outcome(string(requests.OutcomeDisclosed)), outcome(string(requests.OutcomePartlyDisclosed)), out)
	fmt.Fprintf(&o, "（三）行政复议和行政诉讼。本年因政府信息公开被申请行政复议%d件、被提起行政诉讼%d件（合计%s），其中结果被纠正%d件。",
		reviews, suits, change(reviews+suits, appealsPrev, "件"), corrected)

	var p strings.Builder
	n := 1
	point := func(format string, args ...any) {
		fmt.Fprintf(&p, "%s是"+format+"；", append([]any{[]string{"一", "二", "三", "四"}[min(n, 4)-1]}, args...)...)
		n++
	}
	if out > 0 {
		point("有%d件申请结转下年度继续办理，办理效率有待提高", out)
	}
	if corrected > 0 {
		point("有%d件行政复议或行政诉讼案件结果被纠正，答复的规范性有待加强", corrected)
	}
	point("政策解读和主动公开的深度、广度仍需拓展")
	s := strings.TrimSuffix(p.String(), "；") + "。\n下一步，将加强业务培训和统筹协调，规范依申请公开办理流程，按时维护各公开栏目，不断提升政府信息公开工作质量。"

	other := "本年度未收取信息处理费。"
	if feesYuan > 0 {
		other = fmt.Sprintf("本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费%d元。", feesYuan)
	}
	return Sections{Overview: o.String(), Problems: s, Other: other}
}

// SaveInputs stores the office's figures and narrative for the body's report on year, replacing
// what was saved before (a null figure is not applicable), with an audit event. A locked report
// cannot change (ErrLocked).
func (s *Store) SaveInputs(ctx context.Context, actor audit.Actor, bodyCode string, year int, figures Figures, sections Sections) (Inputs, error) {
	op := fmt.Sprintf("reports: save %s %d", bodyCode, year)
	problems := ValidationError{}
	if err := s.checkYear(year); err != nil {
		problems = err.(ValidationError)
	}
	for name, v := range map[string]Nullable[int64]{"figures.permits": figures.Permits, "figures.penalties": figures.Penalties,
		"figures.coercive_measures": figures.CoerciveMeasures} {
		if v.Valid && v.Value < 0 {
			problems[name] = "数量不能为负数"
		}
	}
	if figures.FeesWanYuan.Valid && figures.FeesWanYuan.Value < 0 {
		problems["figures.fees_wan_yuan"] = "收费金额不能为负数"
	}
	for name, p := range map[string]*string{"sections.overview": &sections.Overview, "sections.problems": &sections.Problems, "sections.other": &sections.Other} {
		*p = strings.TrimSpace(strings.ReplaceAll(*p, "\r\n", "\n"))
		if !utf8.ValidString(*p) {
			problems[name] = "文字含有无效字符"
		} else if n := utf8.RuneCountInString(*p); n > MaxSectionRunes {
			problems[name] = fmt.Sprintf("最长 %d 个字符（现有 %d 个）", MaxSectionRunes, n)
		}
	}
	if len(problems) > 0 {
		return Inputs{}, problems
	}
	fj, err := json.Marshal(figures)
	if err != nil {
		return Inputs{}, fmt.Errorf("%s: %w", op, err)
	}
	sj, err := json.Marshal(sections)
	if err != nil {
		return Inputs{}, fmt.Errorf("%s: %w", op, err)
	}
	var saved Inputs
	err = database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		b, err := s.lockRow(ctx, tx, bodyCode, year)
		if err != nil {
			return err
		}
		before, err := b.row.inputs()
		if err != nil {
			return err
		}
		if before.Locked != nil {
			return ErrLocked
		}
		var row storedRow
		if err := tx.GetContext(ctx, &row, `UPDATE annual_reports SET figures = $3, sections = $4, updated_by = $5,
			updated_at = $6 WHERE body_id = $1 AND year = $2 RETURNING body_id, year, figures, sections, updated_by,
			updated_at, locked_at, locked_by, snapshot, content_hash, template, entry_id`,
			b.body.ID, year, fj, sj, actor.Name, s.clock()); err != nil {
			return err
		}
		if saved, err = row.inputs(); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "annual_report.save", Target: reportTarget(bodyCode, year),
			Body: bodyCode, Changes: map[string]any{
				"figures":  map[string]any{"before": before.Figures, "after": figures},
				"sections": map[string]any{"before": before.Sections, "after": sections}}})
	})
	if err != nil {
		return Inputs{}, wrapErr(op, err)
	}
	return saved, nil
}

func reportTarget(code string, year int) string {
	return fmt.Sprintf("annual_report:%s/%d", code, year)
}

func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var v ValidationError
	if errors.As(err, &v) {
		return v
	}
	return fmt.Errorf("%s: %w", op, err)
}

type lockedRow struct {
	body bodyRow
	row  storedRow
}

// lockRow creates the body's row for year if there is none and locks it for the rest of tx, so
// that saves, locks and unlocks of one report take turns.
func (s *Store) lockRow(ctx context.Context, tx *sqlx.Tx, bodyCode string, year int) (lockedRow, error) {
	var b bodyRow
	err := tx.GetContext(ctx, &b, `SELECT id, code, name, kind, path FROM bodies WHERE code = $1`, bodyCode)
	if errors.Is(err, sql.ErrNoRows) {
		return lockedRow{}, fmt.Errorf("body %s: %w", bodyCode, ErrNotFound)
	}
	if err != nil {
		return lockedRow{}, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO annual_reports (body_id, year) VALUES ($1, $2)
		ON CONFLICT (body_id, year) DO NOTHING`, b.ID, year); err != nil {
		return lockedRow{}, err
	}
	var row storedRow
	if err := tx.GetContext(ctx, &row, selectStored+` WHERE body_id = $1 AND year = $2 FOR UPDATE`, b.ID, year); err != nil {
		return lockedRow{}, err
	}
	return lockedRow{body: b, row: row}, nil
}

// Lock freezes the body's report on year: the report as built now (numbers, the narrative or
// its draft, the template) is stored as a snapshot with its content hash and who locked it and
// when, and Build returns that snapshot from then on, whatever changes in the records. The
// report is then published in the body's 政府信息公开年报 column (catalog column
// ColumnAnnualReports): a new entry, or — after an unlock — a correction of the entry published
// at the first lock. A year can be locked once it is over. Locking a locked report whose
// publication failed retries the publication; otherwise it is ErrLocked.
func (s *Store) Lock(ctx context.Context, actor audit.Actor, bodyCode string, year int) (Report, error) {
	op := fmt.Sprintf("reports: lock %s %d", bodyCode, year)
	if err := s.checkYear(year); err != nil {
		return Report{}, err
	}
	if year >= s.today().Year() {
		return Report{}, ValidationError{"year": fmt.Sprintf("%d年尚未结束，不能锁定年度报告", year)}
	}
	var locked *Report
	var entryID int64
	var publish bool
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		lr, err := s.lockRow(ctx, tx, bodyCode, year)
		if err != nil {
			return err
		}
		if lr.row.EntryID != nil {
			entryID = *lr.row.EntryID
		}
		if lr.row.LockedAt != nil {
			// Locked before: only a publication that failed is still to do.
			if locked, err = lr.row.snapshot(); err != nil {
				return err
			}
			var published bool
			if entryID != 0 {
				if err := tx.GetContext(ctx, &published, `SELECT status = 'published' FROM entries WHERE id = $1`, entryID); err != nil {
					return err
				}
			}
			if published {
				return ErrLocked
			}
			publish = true
			return nil
		}
		// Build inside the transaction's lock on the row, from what is committed now.
		reps, err := s.compute(ctx, []bodyRow{lr.body}, year)
		if err != nil {
			return err
		}
		r := reps[lr.body.ID].Report
		hash, err := r.ContentHash()
		if err != nil {
			return err
		}
		now := s.clock()
		r.Generated = now
		r.Locked = &LockInfo{At: now, By: actor.Name, Hash: hash}
		snap, err := r.MarshalJSON()
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annual_reports SET locked_at = $3, locked_by = $4, snapshot = $5,
			content_hash = $6, template = $7 WHERE body_id = $1 AND year = $2`,
			lr.body.ID, year, now, actor.Name, snap, hash, string(r.Template)); err != nil {
			return err
		}
		locked, publish = r, true
		return audit.Append(ctx, tx, actor, audit.Event{Action: "annual_report.lock", Target: reportTarget(bodyCode, year),
			Body: bodyCode, Changes: map[string]any{"content_hash": hash, "template": r.Template,
				"identities_failed": failedIdentities(r.Check())}})
	})
	if err != nil {
		return Report{}, wrapErr(op, err)
	}
	if publish {
		if err := s.publish(ctx, actor, bodyCode, year, locked, entryID); err != nil {
			return *locked, fmt.Errorf("%s: locked, but publishing it in the %s column failed (lock again to retry): %w",
				op, catalog.ColumnAnnualReports, err)
		}
	}
	return *locked, nil
}

func failedIdentities(rs []IdentityResult) []int {
	ids := []int{}
	for _, r := range rs {
		if r.Status == StatusFail {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// publish puts the locked report in the body's annual-report column: it corrects the entry of an
// earlier lock while that one is still published, else creates and publishes a new entry, and
// records the entry on the report.
func (s *Store) publish(ctx context.Context, actor audit.Actor, bodyCode string, year int, r *Report, entryID int64) error {
	in := catalog.EntryInput{
		Title: r.Title(),
		Summary: r.Title() + "，包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、" +
			"政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
		FormedOn: calendar.DateOf(r.Locked.At.In(calendar.China)),
		Issuers:  []string{r.Body.Name},
		Column:   catalog.ColumnAnnualReports,
		Keywords: []string{"年度报告", "政府信息公开"},
		Kind:     catalog.KindOther,
		Body:     EntryText(r),
	}
	var e catalog.Entry
	var err error
	if entryID != 0 {
		e, err = s.catalog.Get(ctx, entryID)
		if err != nil {
			return err
		}
	}
	switch {
	case entryID != 0 && e.Status == catalog.StatusPublished:
		e, err = s.catalog.Update(ctx, actor, entryID, in, "年度报告解锁后重新锁定，内容更正")
	case entryID != 0 && e.Status == catalog.StatusDraft:
		if e, err = s.catalog.Update(ctx, actor, entryID, in, ""); err == nil {
			e, err = s.catalog.Publish(ctx, actor, entryID)
		}
	default:
		if e, err = s.catalog.Create(ctx, actor, bodyCode, in); err != nil {
			return err
		}
		// Record the draft first, so that a failed publication is retried on this entry.
		if err = s.setEntry(ctx, actor, bodyCode, year, e.ID); err != nil {
			return err
		}
		e, err = s.catalog.Publish(ctx, actor, e.ID)
	}
	if err != nil {
		return err
	}
	return s.setEntry(ctx, actor, bodyCode, year, e.ID)
}

func (s *Store) setEntry(ctx context.Context, actor audit.Actor, bodyCode string, year int, entryID int64) error {
	return database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE annual_reports a SET entry_id = $3 FROM bodies b
			WHERE b.id = a.body_id AND b.code = $1 AND a.year = $2 AND a.entry_id IS DISTINCT FROM $3`, bodyCode, year, entryID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "annual_report.publish", Target: reportTarget(bodyCode, year),
			Body: bodyCode, Changes: map[string]any{"entry_id": entryID}})
	})
}

// EntryText is the report as the body text of its catalog entry: the six sections in order, the
// tables written out as sentences with their exact labels.
func EntryText(r *Report) string {
	var b strings.Builder
	para := func(s string) {
		for _, p := range paragraphs(s) {
			b.WriteString(p)
			b.WriteString("\n")
		}
	}
	b.WriteString(HeadingOverview + "\n")
	para(r.Sections.Overview)
	b.WriteString("\n" + HeadingProactive + "\n")
	for _, blk := range r.table2Blocks() {
		for _, row := range blk.Rows {
			parts := make([]string, len(row.Cells))
			for i, c := range row.Cells {
				parts[i] = c.Column + " " + c.text()
			}
			fmt.Fprintf(&b, "%s（%s）：%s\n", row.Label, blk.Caption, strings.Join(parts, "，"))
		}
	}
	b.WriteString("\n" + HeadingApplications + "\n")
	cols := Table3Columns()
	for _, row := range r.Table3.Rows {
		label := row.Label
		if row.Group != "" {
			label = row.Group + label
		}
		parts := make([]string, len(cols))
		for i, c := range cols {
			parts[i] = fmt.Sprintf("%s %d", c, row.Counts[i])
		}
		fmt.Fprintf(&b, "%s：%s\n", label, strings.Join(parts, "，"))
	}
	b.WriteString("\n" + HeadingReview + "\n")
	for _, blk := range r.Table4.blocks() {
		vals := blk.Counts.Values()
		parts := make([]string, len(vals))
		for i, c := range CaseColumns() {
			parts[i] = fmt.Sprintf("%s %d", c, vals[i])
		}
		fmt.Fprintf(&b, "%s：%s\n", blk.Label, strings.Join(parts, "，"))
	}
	b.WriteString("\n" + HeadingProblems + "\n")
	para(r.Sections.Problems)
	b.WriteString("\n" + HeadingOther + "\n")
	para(r.Sections.Other)
	if r.Locked != nil {
		fmt.Fprintf(&b, "\n（本报告于 %s 锁定，内容校验值 SHA-256：%s）", r.Locked.At.In(calendar.China).Format("2006-01-02 15:04"), r.Locked.Hash)
	}
	return b.String()
}

// Unlock reopens a locked report so that its figures and text can change again; the snapshot is
// discarded and the audit log keeps its hash and the reason. Only administrators may unlock (the
// HTTP layer checks). The published entry stays until the next lock corrects it.
func (s *Store) Unlock(ctx context.Context, actor audit.Actor, bodyCode string, year int, reason string) error {
	op := fmt.Sprintf("reports: unlock %s %d", bodyCode, year)
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return ValidationError{"reason": "请说明解锁原因"}
	}
	if utf8.RuneCountInString(reason) > 500 {
		return ValidationError{"reason": "解锁原因最长 500 个字符"}
	}
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		lr, err := s.lockRow(ctx, tx, bodyCode, year)
		if err != nil {
			return err
		}
		if lr.row.LockedAt == nil {
			return ErrNotLocked
		}
		if _, err := tx.ExecContext(ctx, `UPDATE annual_reports SET locked_at = NULL, locked_by = '', snapshot = NULL,
			content_hash = '', template = '' WHERE body_id = $1 AND year = $2`, lr.body.ID, year); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "annual_report.unlock", Target: reportTarget(bodyCode, year),
			Body: bodyCode, Changes: map[string]any{"reason": reason, "locked_at": lr.row.LockedAt, "locked_by": lr.row.LockedBy,
				"content_hash": lr.row.Hash, "snapshot": json.RawMessage(lr.row.Snapshot)}})
	})
	return wrapErr(op, err)
}

// Rollup is a government's report summed with its departments' reports: a separate view for
// oversight, never the government's own report.
type Rollup struct {
	Report Report
	// Members are the bodies summed, the government first.
	Members []Body
	// Locked counts the members whose locked snapshot was summed rather than their records.
	Locked int
}

// Rollup sums, for year, the report of the government and of every department below it that
// does not belong to a lower government (departments of departments are included; a district
// government and its departments publish their own reports and rollup). The government itself
// is included because the applications addressed to it (handled by its general office) are part
// of its workload; without them the rollup would not add up to what the government's area
// handled. Each member counts as Build returns it: its snapshot when locked. Narrative
// sections are left empty and table 二's typed figures are summed over the members that report
// them (not applicable when none does). It runs six queries, whatever the number of members.
func (s *Store) Rollup(ctx context.Context, governmentCode string, year int) (Rollup, error) {
	op := fmt.Sprintf("reports: rollup %s %d", governmentCode, year)
	if err := s.checkYear(year); err != nil {
		return Rollup{}, err
	}
	gov, err := s.body(ctx, governmentCode)
	if err != nil {
		return Rollup{}, fmt.Errorf("%s: %w", op, err)
	}
	if gov.Kind != "government" {
		return Rollup{}, ValidationError{"body": "只有人民政府有汇总视图：" + gov.Name + "是部门"}
	}
	var members []bodyRow
	if err := sqlx.SelectContext(ctx, s.q, &members, `WITH RECURSIVE t AS (
			SELECT id, code, name, kind, path FROM bodies WHERE id = $1
			UNION ALL
			SELECT b.id, b.code, b.name, b.kind, b.path FROM bodies b JOIN t ON b.parent_id = t.id
			WHERE b.kind = 'department')
		SELECT id, code, name, kind, path FROM t ORDER BY path`, gov.ID); err != nil {
		return Rollup{}, fmt.Errorf("%s: %w", op, err)
	}
	reps, err := s.compute(ctx, members, year)
	if err != nil {
		return Rollup{}, fmt.Errorf("%s: %w", op, err)
	}
	sum := New(Body{Name: gov.Name + "及所属部门（汇总）", Code: gov.Code}, year, TemplateFor(year))
	sum.Generated = s.clock()
	sum.Previous = &PreviousYear{Year: year - 1}
	if sum.Template == Template2021 && TemplateFor(year-1) == Template2021 {
		sum.Previous.RulesInForce, sum.Previous.NormativeInForce = Some[int64](0), Some[int64](0)
	}
	out := Rollup{}
	for _, m := range members {
		b := reps[m.ID]
		out.Members = append(out.Members, m.body())
		if b.Snapshot {
			out.Locked++
		}
		if err := addReport(sum, b.Report); err != nil {
			return Rollup{}, fmt.Errorf("%s: %s: %w", op, m.Code, err)
		}
	}
	out.Report = *sum
	return out, nil
}

func addNullable[T int64 | Amount](dst *Nullable[T], src Nullable[T]) {
	if src.Valid {
		dst.Value += src.Value
		dst.Valid = true
	}
}

// addReport adds src's numbers to dst, which must use the same template.
func addReport(dst, src *Report) error {
	if src.Template != dst.Template || len(src.Table3.Rows) != len(dst.Table3.Rows) {
		return fmt.Errorf("template %s cannot be summed with %s", src.Template, dst.Template)
	}
	if dst.Template == Template2021 {
		d, x := &dst.Table2, &src.Table2
		for _, p := range [][2]*DocumentCounts{{&d.Rules, &x.Rules}, {&d.Normative, &x.Normative}} {
			p[0].Issued += p[1].Issued
			p[0].Repealed += p[1].Repealed
			p[0].InForce += p[1].InForce
		}
		addNullable(&d.Licensing, x.Licensing)
		addNullable(&d.Penalty, x.Penalty)
		addNullable(&d.Enforcement, x.Enforcement)
		addNullable(&d.Fees, x.Fees)
	} else if src.Table2Trial != nil {
		d, x := dst.Table2Trial, src.Table2Trial
		for _, p := range [][2]*TrialDocumentCounts{{&d.Rules, &x.Rules}, {&d.Normative, &x.Normative}} {
			p[0].Made += p[1].Made
			p[0].Published += p[1].Published
			p[0].Total += p[1].Total
		}
		for _, p := range [][2]*TrialItemCounts{{&d.Licensing, &x.Licensing}, {&d.OtherServices, &x.OtherServices},
			{&d.Penalty, &x.Penalty}, {&d.Enforcement, &x.Enforcement}} {
			addNullable(&p[0].LastYear, p[1].LastYear)
			addNullable(&p[0].Change, p[1].Change)
			addNullable(&p[0].Decisions, p[1].Decisions)
		}
		addNullable(&d.Fees.LastYear, x.Fees.LastYear)
		addNullable(&d.Fees.Change, x.Fees.Change)
		addNullable(&d.Procurement.Projects, x.Procurement.Projects)
		addNullable(&d.Procurement.Amount, x.Procurement.Amount)
	}
	for i := range dst.Table3.Rows {
		dst.Table3.Rows[i].Counts = addCounts(dst.Table3.Rows[i].Counts, src.Table3.Rows[i].Counts)
	}
	for i, b := range dst.Table4.blocks() {
		v, w := b.Counts.Values(), src.Table4.blocks()[i].Counts.Values()
		for j := range v {
			v[j] += w[j]
		}
		*b.Counts = caseCountsOf(v)
	}
	if p := dst.Previous; p != nil {
		if src.Previous == nil {
			dst.Previous = nil
		} else {
			p.CarriedOut = addCounts(p.CarriedOut, src.Previous.CarriedOut)
			if p.RulesInForce.Valid && src.Previous.RulesInForce.Valid && src.Previous.NormativeInForce.Valid {
				p.RulesInForce.Value += src.Previous.RulesInForce.Value
				p.NormativeInForce.Value += src.Previous.NormativeInForce.Value
			} else {
				p.RulesInForce, p.NormativeInForce = Nullable[int64]{}, Nullable[int64]{}
			}
		}
	}
	return nil
}

// DrillLimit is the most records Drill lists behind one number.
const DrillLimit = 1000

// DrillItem is one record behind a number of the report: an application (its applicant's name
// masked), an appeal or a catalog entry.
type DrillItem struct {
	Kind string `json:"kind"` // application, appeal or entry
	ID   int64  `json:"id"`
	// Ref is the application's tracking number or the entry's index number.
	Ref   string `json:"ref"`
	Title string `json:"title"`
	// Applicant is the applicant's name, masked (requests.MaskName), and ApplicantType its
	// table-三 column label.
	Applicant     string `json:"applicant,omitempty"`
	ApplicantType string `json:"applicant_type,omitempty"`
	// Date is when it was received, filed or published; End when it was answered or concluded.
	Date calendar.Date     `json:"date"`
	End  calendar.NullDate `json:"end"`
	// Status is the application's status, the appeal's result or the document's validity code.
	Status string `json:"status"`
	// Outcome is the table-三 row of an answered application.
	Outcome string `json:"outcome,omitempty"`
}

// Cell names one number of a report for Drill:
//   - table 二: "t2/rules/<figure>" or "t2/normative/<figure>", figure one of issued, repealed,
//     in_force (2021 format), formed, issued, public_total (trial format);
//   - table 三: "t3/<row key>/<column>", row key a Table3Row.Key, column an applicant type code
//     or "total";
//   - table 四: "t4/<kind>/<result>", kind review, lawsuit or lawsuit_after_review, result
//     upheld, corrected, other, pending or total.
type Cell string

// Table3Cell names the number in row key, column col (0–6) of table 三.
func Table3Cell(key string, col int) Cell {
	c := "total"
	if col >= 0 && col < TotalColumn {
		c = string(requests.ApplicantTypes[col].Type)
	}
	return Cell("t3/" + key + "/" + c)
}

// AppealKinds are the appeals kinds of table 四's blocks in order.
var AppealKinds = []string{"review", "lawsuit", "lawsuit_after_review"}

// appealResults are table 四's columns as stored, in order, then the total.
var appealResults = []string{"upheld", "corrected", "other", "pending", "total"}

// Table4Cell names the number of block b (0–2), column col (0–4) of table 四.
func Table4Cell(b, col int) Cell { return Cell("t4/" + AppealKinds[b] + "/" + appealResults[col]) }

// Table2Cell names a catalog-counted figure of table 二: row "rules" or "normative".
func Table2Cell(row string, figure catalog.DocumentCell) Cell {
	return Cell("t2/" + row + "/" + string(figure))
}

func badCell(c Cell) error { return ValidationError{"cell": "未知的统计项：" + string(c)} }

// Drill lists the records behind one number of the body's report on year, by the rules that
// count it, as the records stand now (for a locked report they may have changed since).
func (s *Store) Drill(ctx context.Context, bodyCode string, year int, cell Cell) ([]DrillItem, error) {
	op := fmt.Sprintf("reports: drill %s %d %s", bodyCode, year, cell)
	if err := s.checkYear(year); err != nil {
		return nil, err
	}
	parts := strings.Split(string(cell), "/")
	if len(parts) != 3 {
		return nil, badCell(cell)
	}
	b, err := s.body(ctx, bodyCode)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	var items []DrillItem
	switch parts[0] {
	case "t2":
		items, err = s.drillDocuments(ctx, b, year, parts[1], catalog.DocumentCell(parts[2]), cell)
	case "t3":
		items, err = s.drillApplications(ctx, b, year, parts[1], parts[2], cell)
	case "t4":
		items, err = s.drillAppeals(ctx, b, year, parts[1], parts[2], cell)
	default:
		return nil, badCell(cell)
	}
	if err != nil {
		return nil, wrapErr(op, err)
	}
	return items, nil
}

func (s *Store) drillDocuments(ctx context.Context, b bodyRow, year int, row string, fig catalog.DocumentCell, cell Cell) ([]DrillItem, error) {
	kinds := map[string]catalog.Kind{"rules": catalog.KindRule, "normative": catalog.KindNormative}
	kind, ok := kinds[row]
	if !ok {
		return nil, badCell(cell)
	}
	switch fig {
	case catalog.CellIssued, catalog.CellRepealed, catalog.CellInForce, catalog.CellFormed, catalog.CellTotal:
	default:
		return nil, badCell(cell)
	}
	es, err := s.catalog.DocumentsBehind(ctx, b.ID, kind, year, fig, DrillLimit)
	if err != nil {
		return nil, err
	}
	items := make([]DrillItem, len(es))
	for i, e := range es {
		it := DrillItem{Kind: "entry", ID: e.ID, Ref: e.IndexNo, Title: e.Title, Status: string(e.Validity)}
		if e.PublishedAt != nil {
			it.Date = calendar.DateOf(e.PublishedAt.In(calendar.China))
		}
		if e.DocNo != "" {
			it.Title += "（" + e.DocNo + "）"
		}
		items[i] = it
	}
	return items, nil
}

func (s *Store) drillApplications(ctx context.Context, b bodyRow, year int, key, col string, cell Cell) ([]DrillItem, error) {
	var cond string
	var outcomes []string
	switch key {
	case "received":
		cond = `received_on BETWEEN $3 AND $4`
	case "carried_in":
		cond = `received_on < $3 AND (answered_on IS NULL OR answered_on >= $3)`
	case "concluded":
		cond = `received_on <= $4 AND answered_on BETWEEN $3 AND $4`
	case "carried_out":
		cond = `received_on <= $4 AND (answered_on IS NULL OR answered_on > $4)`
	default:
		for _, row := range Table3Layout(TemplateFor(year)) {
			if row.Key == key && row.Kind == RowOutcome {
				for _, o := range row.Outcomes {
					outcomes = append(outcomes, string(o))
				}
			}
		}
		if len(outcomes) == 0 {
			return nil, badCell(cell)
		}
		cond = `received_on <= $4 AND answered_on BETWEEN $3 AND $4 AND outcome = ANY($5)`
	}
	if col != "total" {
		if _, err := requests.ParseApplicantType(col); err != nil || col == "" {
			return nil, badCell(cell)
		}
	}
	var rows []struct {
		ID          int64             `db:"id"`
		TrackingNo  string            `db:"tracking_no"`
		Type        string            `db:"applicant_type"`
		Name        string            `db:"applicant_name"`
		Description string            `db:"description"`
		Received    calendar.Date     `db:"received_on"`
		Answered    calendar.NullDate `db:"answered_on"`
		Status      string            `db:"status"`
		Outcome     sql.NullString    `db:"outcome"`
	}
	args := []any{b.ID, col, calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31)}
	if outcomes != nil {
		args = append(args, pq.Array(outcomes))
	}
	args = append(args, DrillLimit)
	err := sqlx.SelectContext(ctx, s.q, &rows, `SELECT id, tracking_no, applicant_type, applicant_name,
			left(description, 80) AS description, received_on, answered_on, status, outcome
		FROM applications WHERE body_id = $1 AND `+applicationsCounted+` AND ($2 = 'total' OR applicant_type = $2)
			AND $3::date <= $4::date AND `+cond+fmt.Sprintf(` ORDER BY received_on, id LIMIT $%d`, len(args)), args...)
	if err != nil {
		return nil, err
	}
	items := make([]DrillItem, len(rows))
	for i, r := range rows {
		it := DrillItem{Kind: "application", ID: r.ID, Ref: r.TrackingNo, Title: r.Description,
			Applicant: requests.MaskName(r.Name), Date: r.Received, End: r.Answered, Status: r.Status}
		if t, err := requests.ParseApplicantType(r.Type); err == nil {
			it.ApplicantType = requests.ApplicantTypes[applicantIndex(t)].Label
		}
		if r.Outcome.Valid {
			if info, ok := requests.Outcome(r.Outcome.String).Info(); ok {
				it.Outcome = info.Row()
				if info.Number != "" {
					it.Outcome = info.Group + info.Row()
				}
			}
		}
		items[i] = it
	}
	return items, nil
}

func (s *Store) drillAppeals(ctx context.Context, b bodyRow, year int, kind, result string, cell Cell) ([]DrillItem, error) {
	okKind, okResult := false, false
	for _, k := range AppealKinds {
		okKind = okKind || k == kind
	}
	for _, r := range appealResults {
		okResult = okResult || r == result
	}
	if !okKind || !okResult {
		return nil, badCell(cell)
	}
	var rows []struct {
		ID         int64             `db:"id"`
		Kind       string            `db:"kind"`
		Result     string            `db:"result"`
		Filed      calendar.Date     `db:"filed_on"`
		Concluded  calendar.NullDate `db:"concluded_on"`
		Note       string            `db:"note"`
		TrackingNo sql.NullString    `db:"tracking_no"`
	}
	err := sqlx.SelectContext(ctx, s.q, &rows, `SELECT p.id, p.kind, p.result, p.filed_on, p.concluded_on,
			left(p.note, 80) AS note, a.tracking_no
		FROM appeals p LEFT JOIN applications a ON a.id = p.application_id
		WHERE p.body_id = $1 AND p.kind = $2 AND ($3 = 'total' OR p.result = $3) AND p.filed_on BETWEEN $4 AND $5
		ORDER BY p.filed_on, p.id LIMIT $6`, b.ID, kind, result, calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31), DrillLimit)
	if err != nil {
		return nil, err
	}
	labels := map[string]string{"review": LabelReview, "lawsuit": LabelDirectSuit, "lawsuit_after_review": LabelSuitAfterReview}
	items := make([]DrillItem, len(rows))
	for i, r := range rows {
		items[i] = DrillItem{Kind: "appeal", ID: r.ID, Ref: r.TrackingNo.String, Title: labels[r.Kind] + "：" + r.Note,
			Date: r.Filed, End: r.Concluded, Status: r.Result}
	}
	return items, nil
}
