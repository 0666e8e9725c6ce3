package calendar

import (
	"testing"
	"time"
)

// TestRowsProperties checks every row of every shipped notice against the questions deadlines
// ask: a make-up weekend day counts as one working day, a holiday weekday counts as none, and
// adding N working days then counting back gives N across each special day.
func TestRowsProperties(t *testing.T) {
	c := defaultCalendar(t)
	for _, y := range c.Years() {
		for _, day := range c.Notice(y) {
			got := c.WorkingDaysBetween(day.Date.AddDays(-1), day.Date)
			wd := day.Date.Weekday()
			weekend := wd == time.Saturday || wd == time.Sunday
			switch {
			case day.Kind == KindWorkday && got != 1:
				t.Errorf("make-up workday %s (%s) counts %d, want 1", day.Date, day.Name, got)
			case day.Kind == KindHoliday && got != 0:
				t.Errorf("holiday %s (%s, %s) counts %d, want 0", day.Date, day.Name, wd, got)
			case day.Kind == KindWorkday && !weekend:
				t.Errorf("make-up workday %s is a %s", day.Date, wd)
			}
			for _, n := range []int{1, 7, 20, 40} {
				start := day.Date.AddDays(-3)
				due, _ := c.AddWorkingDays(start, n)
				if back := c.WorkingDaysBetween(start, due); back != n {
					t.Errorf("AddWorkingDays(%s, %d) = %s, counted back %d", start, n, due, back)
				}
				if back, _ := c.AddWorkingDays(due, -n); c.WorkingDaysBetween(back, due) != n {
					t.Errorf("AddWorkingDays(%s, -%d) = %s does not count back %d", due, n, back, n)
				}
			}
		}
	}
}
