package reports

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/requests"
)

// OutcomeShare is one group of table 三's outcomes among the applications answered in a year.
type OutcomeShare struct {
	Group   string  `json:"group"` // （一）予以公开 …
	Count   int64   `json:"count"`
	Percent float64 `json:"percent"`
}

// Compliance is what an auditor checks of one body's disclosure work in one year.
type Compliance struct {
	Body Body      `json:"body"`
	Year int       `json:"year"`
	At   time.Time `json:"at"`

	// Answered counts the applications concluded in the year (table 三（七）). OnTime and Late
	// split those whose due date was computed: answered on or before it, or after. Late counts
	// are what a review of an overdue answer would find.
	Answered      int64   `json:"answered"`
	OnTime        int64   `json:"on_time"`
	Late          int64   `json:"late"`
	OnTimePercent float64 `json:"on_time_percent"`
	// OverdueNow counts the applications open today whose due date has passed, whatever the year
	// (a backlog is a problem now); Open counts every open application.
	OverdueNow int64 `json:"overdue_now"`
	Open       int64 `json:"open"`
	// MedianWorkingDays is the median of the working days from receipt to answer (Art. 33:
	// 20, or 40 with an extension) of the applications answered in the year.
	MedianWorkingDays float64 `json:"median_working_days"`
	// Extended counts the answered applications whose period was extended (Art. 33).
	Extended         int64          `json:"extended"`
	ExtensionPercent float64        `json:"extension_percent"`
	Outcomes         []OutcomeShare `json:"outcomes"`

	// Proactive is the catalog's publication times in the year (Art. 26: within 20 working
	// days), ProactiveOnTimePercent the share published in time.
	Proactive              catalog.BodyTimeliness `json:"proactive"`
	ProactiveOnTimePercent float64                `json:"proactive_on_time_percent"`
	// Freshness is today's state of the body's columns (stale and empty ones).
	Freshness catalog.FreshnessReport `json:"freshness"`
}

func pct(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}

// Compliance computes the body's compliance figures for year with four queries: the answered
// applications (working days are counted with the store's calendar), the open ones, the
// catalog's publication times, and its columns' freshness.
func (s *Store) Compliance(ctx context.Context, bodyCode string, year int) (Compliance, error) {
	op := fmt.Sprintf("reports: compliance %s %d", bodyCode, year)
	if err := s.checkYear(year); err != nil {
		return Compliance{}, err
	}
	b, err := s.body(ctx, bodyCode)
	if err != nil {
		return Compliance{}, fmt.Errorf("%s: %w", op, err)
	}
	c := Compliance{Body: b.body(), Year: year, At: s.clock(), Outcomes: []OutcomeShare{}}
	var rows []struct {
		Received calendar.Date     `db:"received_on"`
		Answered calendar.Date     `db:"answered_on"`
		Due      calendar.NullDate `db:"due_on"`
		Extended bool              `db:"extended"`
		Outcome  string            `db:"outcome"`
	}
	if err := sqlx.SelectContext(ctx, s.q, &rows, `SELECT received_on, answered_on, due_on, extended, outcome
		FROM applications WHERE body_id = $1 AND `+applicationsCounted+`
			AND answered_on BETWEEN $2::date AND $3::date`, b.ID, calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31)); err != nil {
		return Compliance{}, fmt.Errorf("%s: %w", op, err)
	}
	groups := map[string]int64{}
	wds := make([]float64, 0, len(rows))
	for _, r := range rows {
		c.Answered++
		if r.Due.Valid {
			if r.Answered.After(r.Due.Date) {
				c.Late++
			} else {
				c.OnTime++
			}
		}
		if r.Extended {
			c.Extended++
		}
		wds = append(wds, float64(max(s.calendar().WorkingDaysBetween(r.Received, r.Answered), 0)))
		if info, ok := requests.Outcome(r.Outcome).Info(); ok {
			groups[info.Group]++
		}
	}
	c.OnTimePercent = pct(c.OnTime, c.OnTime+c.Late)
	c.ExtensionPercent = pct(c.Extended, c.Answered)
	c.MedianWorkingDays = medianOf(wds)
	for _, g := range requests.OutcomeGroups {
		c.Outcomes = append(c.Outcomes, OutcomeShare{Group: g.Group + g.Label, Count: groups[g.Group], Percent: pct(groups[g.Group], c.Answered)})
	}
	var open struct {
		Open       int64 `db:"open"`
		OverdueNow int64 `db:"overdue_now"`
	}
	if err := sqlx.GetContext(ctx, s.q, &open, `SELECT count(*) AS open,
			count(*) FILTER (WHERE due_on < $2::date) AS overdue_now
		FROM applications WHERE body_id = $1 AND received_on IS NOT NULL
			AND status NOT IN ('answered', 'closed', 'withdrawn', 'transferred')`, b.ID, s.today()); err != nil {
		return Compliance{}, fmt.Errorf("%s: %w", op, err)
	}
	c.Open, c.OverdueNow = open.Open, open.OverdueNow
	tl, err := s.catalog.TimelinessByBody(ctx, bodyCode, false, year)
	if err != nil {
		return Compliance{}, fmt.Errorf("%s: %w", op, err)
	}
	c.Proactive = catalog.BodyTimeliness{BodyCode: b.Code, BodyName: b.Name}
	if len(tl) > 0 {
		c.Proactive = tl[0]
	}
	c.ProactiveOnTimePercent = pct(int64(c.Proactive.Published-c.Proactive.Late), int64(c.Proactive.Published))
	if c.Freshness, err = s.catalog.Freshness(ctx, bodyCode); err != nil {
		return Compliance{}, fmt.Errorf("%s: %w", op, err)
	}
	return c, nil
}

func medianOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	ys := slices.Clone(xs)
	slices.Sort(ys)
	n := len(ys)
	if n%2 == 1 {
		return ys[n/2]
	}
	return (ys[n/2-1] + ys[n/2]) / 2
}

// ComplianceSheet and ComplianceColumnsSheet are the sheets of WriteComplianceXLSX.
const (
	ComplianceSheet        = "合规指标"
	ComplianceColumnsSheet = "栏目检查"
)

// ComplianceRow is one figure of the compliance export: its label, value and unit.
type ComplianceRow struct {
	Label string
	Value float64
	Unit  string
}

// Rows lists the figures in the order the page and the export show them.
func (c Compliance) Rows() []ComplianceRow {
	rows := []ComplianceRow{
		{"本年办结申请", float64(c.Answered), "件"},
		{"按期答复", float64(c.OnTime), "件"},
		{"逾期答复", float64(c.Late), "件"},
		{"按期答复率", round1(c.OnTimePercent), "%"},
		{"当前在办申请", float64(c.Open), "件"},
		{"当前已逾期未答复", float64(c.OverdueNow), "件"},
		{"答复用时中位数", c.MedianWorkingDays, "个工作日"},
		{"延期答复", float64(c.Extended), "件"},
		{"延期率", round1(c.ExtensionPercent), "%"},
	}
	for _, o := range c.Outcomes {
		rows = append(rows, ComplianceRow{"办理结果：" + o.Group, float64(o.Count), "件"})
	}
	return append(rows,
		ComplianceRow{"本年主动公开信息", float64(c.Proactive.Published), "条"},
		ComplianceRow{"20个工作日内公开", float64(c.Proactive.Published - c.Proactive.Late), "条"},
		ComplianceRow{"20个工作日内公开比例", round1(c.ProactiveOnTimePercent), "%"},
		ComplianceRow{"公开用时中位数", c.Proactive.MedianWorkingDays, "个工作日"},
		ComplianceRow{"本年公开行政规范性文件", float64(c.Proactive.Normative), "件"},
		ComplianceRow{"行政规范性文件成文至公开用时中位数", round1(c.Proactive.NormativeMedianHours), "小时"},
		ComplianceRow{"行政规范性文件成文当日公开", float64(c.Proactive.NormativeSameDay), "件"},
		ComplianceRow{"未按期更新栏目", float64(len(c.Freshness.Stale)), "个"},
		ComplianceRow{"空白栏目", float64(len(c.Freshness.Empty)), "个"},
	)
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

// WriteXLSX writes the figures on one sheet and the stale and empty columns on another.
func (c Compliance) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", ComplianceSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(ComplianceColumnsSheet); err != nil {
		return err
	}
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: xlsxFont}})
	if err != nil {
		return err
	}
	set := func(sheet string, row int, vals ...any) error {
		for i, v := range vals {
			if err := f.SetCellValue(sheet, cellName(i+1, row), v); err != nil {
				return err
			}
		}
		return nil
	}
	if err := set(ComplianceSheet, 1, fmt.Sprintf("%s%d年政府信息公开合规指标", c.Body.Name, c.Year)); err != nil {
		return err
	}
	if err := set(ComplianceSheet, 2, "指标", "数值", "单位"); err != nil {
		return err
	}
	_ = f.SetCellStyle(ComplianceSheet, "A1", "C2", header)
	for i, r := range c.Rows() {
		if err := set(ComplianceSheet, 3+i, r.Label, r.Value, r.Unit); err != nil {
			return err
		}
	}
	_ = f.SetColWidth(ComplianceSheet, "A", "A", 40)
	_ = f.SetColWidth(ComplianceSheet, "B", "C", 12)
	if err := set(ComplianceColumnsSheet, 1, "问题", "栏目代码", "栏目名称", "最近发布", "应更新时间"); err != nil {
		return err
	}
	_ = f.SetCellStyle(ComplianceColumnsSheet, "A1", "E1", header)
	row := 2
	day := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(calendar.China).Format("2006-01-02")
	}
	for _, st := range c.Freshness.Stale {
		if err := set(ComplianceColumnsSheet, row, "未按期更新", st.Column.Code, st.Column.Name, day(st.LastPublishedAt), day(st.StaleSince)); err != nil {
			return err
		}
		row++
	}
	for _, st := range c.Freshness.Empty {
		if err := set(ComplianceColumnsSheet, row, "空白栏目", st.Column.Code, st.Column.Name, "", ""); err != nil {
			return err
		}
		row++
	}
	_ = f.SetColWidth(ComplianceColumnsSheet, "A", "E", 18)
	return f.Write(w)
}
