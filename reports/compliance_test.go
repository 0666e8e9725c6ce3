package reports

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/requests"
)

func TestCompliance(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	const b = "sy-fgw"
	// Answered in 2025: on time (2 and 18 working days), late, extended and on time, no due date.
	id := f.app(t, b, requests.ApplicantPerson, "甲", "2025-03-03", "2025-03-05", requests.OutcomeDisclosed, "answered")
	f.db.MustExec(`UPDATE applications SET due_on = '2025-03-31' WHERE id = $1`, id)
	id = f.app(t, b, requests.ApplicantPerson, "乙", "2025-03-03", "2025-03-27", requests.OutcomeNotHeld, "answered")
	f.db.MustExec(`UPDATE applications SET due_on = '2025-03-31' WHERE id = $1`, id)
	id = f.app(t, b, requests.ApplicantCompany, "丙", "2025-03-03", "2025-04-30", requests.OutcomePartlyDisclosed, "answered")
	f.db.MustExec(`UPDATE applications SET due_on = '2025-03-31' WHERE id = $1`, id)
	id = f.app(t, b, requests.ApplicantCompany, "丁", "2025-05-06", "2025-06-20", requests.OutcomeDisclosed, "answered")
	f.db.MustExec(`UPDATE applications SET due_on = '2025-07-02', extended = true WHERE id = $1`, id)
	// Open: one overdue now, one not yet due.
	id = f.app(t, b, requests.ApplicantPerson, "戊", "2026-01-05", "", "", "in_progress")
	f.db.MustExec(`UPDATE applications SET due_on = '2026-02-02' WHERE id = $1`, id)
	id = f.app(t, b, requests.ApplicantPerson, "己", "2026-02-25", "", "", "in_progress")
	f.db.MustExec(`UPDATE applications SET due_on = '2026-03-25' WHERE id = $1`, id)
	// Proactive: one in time, one late (formed 2025-01-02, published 2025-03-20).
	for _, d := range []struct{ formed, published string }{{"2025-06-02", "2025-06-04"}, {"2025-01-02", "2025-03-20"}} {
		e, err := f.catalog.Create(ctx, audit.CLI("test"), b, catalog.EntryInput{Title: "工作动态" + d.formed, FormedOn: calendar.MustParseDate(d.formed), Column: catalog.ColumnPolicyOther})
		if err != nil {
			t.Fatal(err)
		}
		f.db.MustExec(`UPDATE entries SET status = 'published', published_at = $2::date + time '10:00', index_no = $3 WHERE id = $1`, e.ID, d.published, "x-"+d.formed)
	}

	c, err := f.store.Compliance(ctx, b, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if c.Answered != 4 || c.OnTime != 3 || c.Late != 1 || c.OnTimePercent != 75 || c.Extended != 1 || c.ExtensionPercent != 25 {
		t.Errorf("answers: %+v", c)
	}
	if c.Open != 2 || c.OverdueNow != 1 {
		t.Errorf("open %d overdue %d", c.Open, c.OverdueNow)
	}
	// Working days as the calendar counts them (holidays and swapped weekends included).
	wd := []float64{float64(f.store.calendar().WorkingDaysBetween(calendar.MustParseDate("2025-03-03"), calendar.MustParseDate("2025-03-05"))),
		float64(f.store.calendar().WorkingDaysBetween(calendar.MustParseDate("2025-03-03"), calendar.MustParseDate("2025-03-27"))),
		float64(f.store.calendar().WorkingDaysBetween(calendar.MustParseDate("2025-03-03"), calendar.MustParseDate("2025-04-30"))),
		float64(f.store.calendar().WorkingDaysBetween(calendar.MustParseDate("2025-05-06"), calendar.MustParseDate("2025-06-20")))}
	if want := medianOf(wd); c.MedianWorkingDays != want || wd[0] != 2 {
		t.Errorf("median %v, want %v (%v)", c.MedianWorkingDays, want, wd)
	}
	if c.Outcomes[0].Count != 2 || c.Outcomes[0].Percent != 50 || c.Outcomes[1].Count != 1 || c.Outcomes[3].Count != 1 {
		t.Errorf("outcomes %+v", c.Outcomes)
	}
	if c.Proactive.Published != 2 || c.Proactive.Late != 1 || c.ProactiveOnTimePercent != 50 {
		t.Errorf("proactive %+v", c.Proactive)
	}
	if len(c.Freshness.Empty) == 0 {
		t.Errorf("a new body has empty columns: %+v", c.Freshness)
	}

	var buf bytes.Buffer
	if err := c.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := x.GetRows(ComplianceSheet)
	if len(rows) != 2+len(c.Rows()) || rows[3][0] != "按期答复" || rows[3][1] != "3" || rows[5][1] != "75" {
		t.Errorf("sheet rows %v", rows)
	}
	cols, _ := x.GetRows(ComplianceColumnsSheet)
	if len(cols) != 1+len(c.Freshness.Stale)+len(c.Freshness.Empty) {
		t.Errorf("columns sheet %d rows", len(cols))
	}
}
