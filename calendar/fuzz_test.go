package calendar

import (
	"strings"
	"testing"
)

// FuzzAddWorkingDays checks the properties that every deadline relies on, for any start in the
// years the product can meet and any period up to a few thousand working days.
func FuzzAddWorkingDays(f *testing.F) {
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(int32(0), int32(20))
	f.Add(int32(-4000), int32(-300))
	f.Fuzz(func(t *testing.T, offset, n32 int32) {
		// Map the inputs onto 1990–2060 and |n| ≤ 5000, so the walk below stays cheap.
		start := d("2025-01-20").AddDays(int(offset) % 12800)
		n := int(n32) % 5000
		due, prov := c.AddWorkingDays(start, n)
		if got := c.WorkingDaysBetween(start, due); got != n {
			t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(%s, %d) = %s) = %d", start, start, n, due, got)
		}
		if n == 0 {
			if due != start || prov {
				t.Fatalf("AddWorkingDays(%s, 0) = %s, %v", start, due, prov)
			}
			return
		}
		if !c.IsWorkingDay(due) || c.IsWorkingDay(due) != naiveWorking(c, due) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day", start, n, due)
		}
		if (n > 0) != due.After(start) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s went the wrong way", start, n, due)
		}
		// The result is the first day reaching the count: the day before falls one short.
		if got := c.WorkingDaysBetween(start, due.AddDays(-1)); got != n-1 {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", start, due.AddDays(-1), got, n-1)
		}
		lo, hi := start, due
		if n < 0 {
			lo, hi = due, start
		}
		wantProv := false
		for y := lo.AddDays(1).Year(); y <= hi.Year(); y++ {
			wantProv = wantProv || !c.Covers(y)
		}
		if prov != wantProv {
			t.Fatalf("AddWorkingDays(%s, %d) provisional = %v, want %v", start, n, prov, wantProv)
		}
	})
}

// FuzzParse feeds the CSV parser arbitrary text: it must not panic, and whatever it accepts must
// answer the same as its rows.
func FuzzParse(f *testing.F) {
	f.Add(defaultCSV)
	f.Add("date,kind,name\n2025-01-26,workday,春节\n2025-01-28,holiday,春节\n")
	f.Add("date,kind,name\n2025-01-26,holiday,春节\n2025-01-26,workday,春节\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := Parse(strings.NewReader(text))
		if err != nil {
			return
		}
		for _, y := range c.Years() {
			for _, day := range c.Notice(y) {
				name, kind, ok := c.Holiday(day.Date)
				if !ok || name != day.Name || kind != day.Kind {
					t.Fatalf("Holiday(%s) = %q, %q, %v; row says %+v", day.Date, name, kind, ok, day)
				}
				if c.IsWorkingDay(day.Date) != (day.Kind == KindWorkday) {
					t.Fatalf("IsWorkingDay(%s) disagrees with kind %s", day.Date, day.Kind)
				}
			}
		}
	})
}
