package calendar

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

func defaultCalendar(t testing.TB) *Calendar {
	t.Helper()
	c, err := Default()
	if err != nil {
		t.Fatalf("Default: %v", err)
	}
	return c
}

func mustParse(t testing.TB, csv string) *Calendar {
	t.Helper()
	c, err := Parse(strings.NewReader(csv))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func d(s string) Date { return MustParseDate(s) }

// naiveWorking decides a day from the rows alone, independently of the bitsets.
func naiveWorking(c *Calendar, day Date) bool {
	if _, kind, ok := c.Holiday(day); ok {
		return kind == KindWorkday
	}
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// naiveAdd walks day by day.
func naiveAdd(c *Calendar, start Date, n int) (Date, bool) {
	day, prov := start, false
	for step := 0; step < n; {
		day = day.AddDays(1)
		if !c.Covers(day.Year()) {
			prov = true
		}
		if naiveWorking(c, day) {
			step++
		}
	}
	return day, prov
}

func TestCalendarFacts(t *testing.T) {
	c := defaultCalendar(t)
	tests := []struct {
		name    string
		day     string
		working bool
		holiday string // expected Holiday name, "" for an ordinary day
	}{
		// 2024's 除夕 fell on a Friday and was worked (the break started on Saturday 02-10).
		{"2024 除夕 worked", "2024-02-09", true, ""},
		{"2024 初一", "2024-02-10", false, "春节"},
		{"2024 make-up Sunday before", "2024-02-04", true, "春节"},
		{"2024 make-up Sunday after", "2024-02-18", true, "春节"},
		// Since 2025 the Spring Festival has 4 statutory days, 除夕 to 初三.
		{"2025 除夕", "2025-01-28", false, "春节"},
		{"2025 初三", "2025-01-31", false, "春节"},
		{"2025 break ends", "2025-02-04", false, "春节"},
		{"2025 back to work", "2025-02-05", true, ""},
		{"2025 make-up Sunday", "2025-01-26", true, "春节"},
		{"2025 make-up Saturday", "2025-02-08", true, "春节"},
		// Labour Day is 2 statutory days since 2025.
		{"2025 劳动节 1 May", "2025-05-01", false, "劳动节"},
		{"2025 劳动节 2 May", "2025-05-02", false, "劳动节"},
		{"2025 劳动节 Monday 5 May", "2025-05-05", false, "劳动节"},
		{"2026 劳动节 1 May", "2026-05-01", false, "劳动节"},
		{"2026 劳动节 2 May", "2026-05-02", false, "劳动节"},
		// 2026: Spring Festival 02-15..02-23, make-up Saturdays 02-14 and 02-28.
		{"2026 make-up Saturday 02-14", "2026-02-14", true, "春节"},
		{"2026 break starts", "2026-02-15", false, "春节"},
		{"2026 除夕", "2026-02-16", false, "春节"},
		{"2026 初三", "2026-02-19", false, "春节"},
		{"2026 break ends", "2026-02-23", false, "春节"},
		{"2026 Friday before", "2026-02-13", true, ""},
		{"2026 Tuesday after", "2026-02-24", true, ""},
		{"2026 make-up Saturday 02-28", "2026-02-28", true, "春节"},
		{"2026 ordinary Saturday", "2026-03-07", false, ""},
		// A December day of the 2019 notice, before any 2018 notice is loaded.
		{"2019 元旦 on 2018-12-31", "2018-12-31", false, "元旦"},
		// A year with no notice: weekends only.
		{"2027 Friday 1 January", "2027-01-01", true, ""},
		{"2027 Saturday", "2027-01-02", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			day := d(tt.day)
			if got := c.IsWorkingDay(day); got != tt.working {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", day, got, tt.working)
			}
			name, _, ok := c.Holiday(day)
			if got := name; got != tt.holiday || ok != (tt.holiday != "") {
				t.Errorf("Holiday(%s) = %q, %v; want %q", day, got, ok, tt.holiday)
			}
		})
	}

	// Every day of the 2026 break is listed, weekends included.
	for day := d("2026-02-15"); !day.After(d("2026-02-23")); day = day.AddDays(1) {
		if name, kind, ok := c.Holiday(day); !ok || kind != KindHoliday || name != "春节" {
			t.Errorf("Holiday(%s) = %q, %q, %v; want 春节 holiday", day, name, kind, ok)
		}
	}
}

func TestWorkingDaysPerYear(t *testing.T) {
	c := defaultCalendar(t)
	for _, tt := range []struct{ year, want int }{
		{2024, 251}, {2025, 248}, {2026, 248},
		// 2027 has no notice: its 365 days start on a Friday, so 52 weeks + 1 Friday = 261.
		{2027, 261},
	} {
		got := c.WorkingDaysBetween(NewDate(tt.year-1, 12, 31), NewDate(tt.year, 12, 31))
		if got != tt.want {
			t.Errorf("working days in %d = %d, want %d", tt.year, got, tt.want)
		}
		// The bitsets and the rows must agree.
		naive := 0
		for day := NewDate(tt.year, 1, 1); day.Year() == tt.year; day = day.AddDays(1) {
			if naiveWorking(c, day) {
				naive++
			}
		}
		if naive != tt.want {
			t.Errorf("working days in %d counted from the rows = %d, want %d", tt.year, naive, tt.want)
		}
	}
}

// TestLawExamples are the worked examples of law.md §5.
func TestLawExamples(t *testing.T) {
	c := defaultCalendar(t)
	tests := []struct {
		start string
		n     int
		want  string
	}{
		{"2025-01-20", 20, "2025-02-21"},
		{"2025-01-20", 7, "2025-02-05"},
		{"2025-09-22", 20, "2025-10-24"},
		{"2025-09-22", 40, "2025-11-21"},
		{"2026-02-10", 20, "2026-03-16"},
	}
	for _, tt := range tests {
		got, prov := c.AddWorkingDays(d(tt.start), tt.n)
		if got != d(tt.want) || prov {
			t.Errorf("AddWorkingDays(%s, %d) = %s, %v; want %s, false", tt.start, tt.n, got, prov, tt.want)
		}
	}
	// 20 WD then a 20 WD extension is the same as 40 WD from receipt.
	due, _ := c.AddWorkingDays(d("2025-09-22"), 20)
	ext, _ := c.AddWorkingDays(due, 20)
	if ext != d("2025-11-21") {
		t.Errorf("2025-09-22 +20 +20 = %s, want 2025-11-21", ext)
	}
}

func TestAddWorkingDaysEdges(t *testing.T) {
	c := defaultCalendar(t)
	tests := []struct {
		name  string
		start string
		n     int
		want  string
		prov  bool
	}{
		{"start day not counted, weekday", "2025-03-03", 1, "2025-03-04", false},
		{"start on Saturday", "2025-03-01", 1, "2025-03-03", false},
		{"make-up Saturday counts", "2025-02-07", 1, "2025-02-08", false},
		{"make-up Sunday counts", "2025-01-24", 1, "2025-01-26", false},
		{"holiday weekday does not count", "2025-04-03", 1, "2025-04-07", false},
		{"start inside a holiday", "2025-10-03", 1, "2025-10-09", false},
		{"zero", "2025-10-03", 0, "2025-10-03", false},
		{"back one from a working day", "2025-03-04", -1, "2025-03-03", false},
		{"back over a holiday", "2025-10-09", -1, "2025-09-30", false},
		// Back from a Saturday: (w, 2025-03-08] must hold exactly one working day, Friday 03-07.
		{"back from a Saturday", "2025-03-08", -1, "2025-03-06", false},
		// 12-31 counts, 01-01..03 are 元旦, Sunday 01-04 is a make-up workday.
		{"year boundary", "2025-12-30", 2, "2026-01-04", false},
		{"year boundary past the make-up day", "2025-12-30", 3, "2026-01-05", false},
		{"into 2027 is provisional", "2026-12-20", 20, "2027-01-15", true},
		{"all in 2027 is provisional", "2027-03-01", 5, "2027-03-08", true},
		{"2018 has no notice", "2018-06-01", 1, "2018-06-04", true},
		// (w, 2019-01-03] holds 01-02 and 01-03; 12-30..01-01 are 元旦 and Saturday 12-29 was worked.
		{"back into 2018 is provisional", "2019-01-03", -2, "2018-12-29", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, prov := c.AddWorkingDays(d(tt.start), tt.n)
			if got != d(tt.want) || prov != tt.prov {
				t.Errorf("AddWorkingDays(%s, %d) = %s, %v; want %s, %v", tt.start, tt.n, got, prov, tt.want, tt.prov)
			}
		})
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := defaultCalendar(t)
	tests := []struct {
		from, to string
		want     int
	}{
		{"2025-01-20", "2025-01-20", 0},
		{"2025-01-20", "2025-01-21", 1},
		{"2025-01-21", "2025-01-20", -1},
		{"2025-01-20", "2025-02-21", 20},
		{"2025-02-21", "2025-01-20", -20},
		{"2025-09-30", "2025-10-08", 0}, // the National Day break
		{"2025-09-30", "2025-10-11", 3}, // Thursday 10-09, Friday 10-10, make-up Saturday 10-11
		{"2025-12-31", "2026-01-05", 2}, // 元旦 break, make-up Sunday 01-04, Monday 01-05
		{"2026-01-02", "2026-01-04", 1}, // make-up Sunday 01-04
	}
	for _, tt := range tests {
		if got := c.WorkingDaysBetween(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestAddWorkingDaysProperties compares the precomputed tables with a day-by-day walk over the
// rows, for random starts around and beyond the loaded years.
func TestAddWorkingDaysProperties(t *testing.T) {
	c := defaultCalendar(t)
	r := rand.New(rand.NewPCG(20, 25))
	lo, hi := d("2017-06-01"), d("2028-06-30")
	for i := 0; i < 5000; i++ {
		start := lo.AddDays(r.IntN(hi.Sub(lo)))
		n := r.IntN(801) - 400
		due, prov := c.AddWorkingDays(start, n)
		if got := c.WorkingDaysBetween(start, due); got != n {
			t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(%s, %d) = %s) = %d", start, start, n, due, got)
		}
		if n == 0 {
			continue
		}
		if !c.IsWorkingDay(due) {
			t.Fatalf("AddWorkingDays(%s, %d) = %s, not a working day", start, n, due)
		}
		if n > 0 {
			want, wantProv := naiveAdd(c, start, n)
			if due != want || prov != wantProv {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, %v; day by day %s, %v", start, n, due, prov, want, wantProv)
			}
		} else {
			// Moving forward again lands on the last working day on or before the start.
			back, _ := c.AddWorkingDays(due, -n)
			last := start
			for !naiveWorking(c, last) {
				last = last.AddDays(-1)
			}
			if back != last {
				t.Fatalf("AddWorkingDays(AddWorkingDays(%s, %d) = %s, %d) = %s, want %s", start, n, due, -n, back, last)
			}
		}
		if got := c.IsWorkingDay(start); got != naiveWorking(c, start) {
			t.Fatalf("IsWorkingDay(%s) = %v, rows say %v", start, got, !got)
		}
	}
}

func TestDays(t *testing.T) {
	c := defaultCalendar(t)
	got := c.Days(d("2025-01-25"), d("2025-02-08"))
	var dates []string
	for _, day := range got {
		dates = append(dates, day.Date.String()+" "+day.Kind)
	}
	want := []string{
		"2025-01-26 workday",
		"2025-01-28 holiday", "2025-01-29 holiday", "2025-01-30 holiday", "2025-01-31 holiday",
		"2025-02-01 holiday", "2025-02-02 holiday", "2025-02-03 holiday", "2025-02-04 holiday",
		"2025-02-08 workday",
	}
	if !slices.Equal(dates, want) {
		t.Errorf("Days = %v, want %v", dates, want)
	}
	if got := c.Days(d("2025-03-01"), d("2025-03-31")); len(got) != 0 {
		t.Errorf("Days(March 2025) = %v, want none", got)
	}
}

func TestCoverage(t *testing.T) {
	c := defaultCalendar(t)
	if got, want := c.Years(), []int{2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026}; !slices.Equal(got, want) {
		t.Errorf("Years = %v, want %v", got, want)
	}
	// The 2018 rows belong to the 2019 notice; 2018 itself is not covered.
	if c.Covers(2018) || !c.Covers(2019) || c.Covers(2027) {
		t.Error("Covers wrong for 2018/2019/2027")
	}
	notice := c.Notice(2019)
	if len(notice) == 0 || notice[0].Date != d("2018-12-29") {
		t.Errorf("Notice(2019) starts with %v, want 2018-12-29", notice[:1])
	}
	if !c.CoversRange(d("2019-01-01"), d("2026-12-31")) || c.CoversRange(d("2026-12-31"), d("2027-01-01")) ||
		c.CoversRange(d("2018-12-30"), d("2019-01-02")) || !c.CoversRange(d("2030-01-01"), d("2030-01-01")) {
		t.Error("CoversRange wrong")
	}
}

func TestMerge(t *testing.T) {
	base := defaultCalendar(t)
	// A made-up 2027 notice whose 元旦 break starts on Thursday 2026-12-31.
	next := mustParse(t, `date,kind,name
2026-12-31,holiday,元旦
2027-01-01,holiday,元旦
2027-01-02,holiday,元旦
2027-01-03,holiday,元旦
2027-02-06,holiday,春节
2027-02-08,holiday,春节
2027-02-20,workday,春节
`)
	if got := next.Years(); !slices.Equal(got, []int{2027}) {
		t.Fatalf("notice years = %v, want [2027]", got)
	}
	m := base.Merge(next)

	if !m.Covers(2027) || !m.Covers(2026) || base.Covers(2027) {
		t.Error("Merge coverage wrong, or base changed")
	}
	if m.IsWorkingDay(d("2026-12-31")) || !base.IsWorkingDay(d("2026-12-31")) {
		t.Error("2026-12-31: the 2027 notice makes it a holiday in the merged calendar only")
	}
	got, prov := m.AddWorkingDays(d("2027-02-05"), 2)
	if got != d("2027-02-10") || prov {
		t.Errorf("merged AddWorkingDays(2027-02-05, 2) = %s, %v; want 2027-02-10, false", got, prov)
	}
	got, prov = m.AddWorkingDays(d("2027-02-19"), 1)
	if got != d("2027-02-20") || prov {
		t.Errorf("merged make-up Saturday: %s, %v; want 2027-02-20, false", got, prov)
	}
	got, prov = base.AddWorkingDays(d("2027-02-05"), 2)
	if got != d("2027-02-09") || !prov {
		t.Errorf("base AddWorkingDays(2027-02-05, 2) = %s, %v; want 2027-02-09, true", got, prov)
	}
	// Other years are untouched.
	for _, y := range []int{2024, 2025, 2026} {
		from, to := NewDate(y-1, 12, 31), NewDate(y, 12, 30)
		if a, b := base.WorkingDaysBetween(from, to), m.WorkingDaysBetween(from, to); a != b {
			t.Errorf("%d changed by the merge: %d → %d", y, a, b)
		}
	}

	// Correcting a year replaces all of it: a 2026 notice without National Day.
	fix := mustParse(t, "date,kind,name\n2026-01-01,holiday,元旦\n")
	m2 := m.Merge(fix)
	if !m2.IsWorkingDay(d("2026-10-01")) || m.IsWorkingDay(d("2026-10-01")) {
		t.Error("replacing 2026 should drop its National Day rows")
	}
	if m2.IsWorkingDay(d("2026-12-31")) {
		t.Error("replacing 2026 must keep the 2027 notice's 2026-12-31")
	}
	if got := m2.WorkingDaysBetween(d("2025-12-31"), d("2026-12-30")); got != 259 {
		// 2026 starts on a Thursday: 261 weekdays, 260 up to 12-30, less 01-01 (Thursday), the
		// corrected notice's only day off.
		t.Errorf("corrected 2026 working days to 12-30 = %d, want 259", got)
	}
}

func TestZeroCalendar(t *testing.T) {
	var c Calendar
	got, prov := c.AddWorkingDays(d("2025-01-20"), 20)
	// Weekends only: four full weeks.
	if got != d("2025-02-17") || !prov {
		t.Errorf("zero Calendar AddWorkingDays = %s, %v; want 2025-02-17, true", got, prov)
	}
	if c.Covers(2025) || len(c.Years()) != 0 || !c.IsWorkingDay(d("2025-01-28")) {
		t.Error("zero Calendar should cover nothing and count weekends only")
	}
	empty := mustParse(t, "date,kind,name\n")
	if got2, _ := empty.AddWorkingDays(d("2025-01-20"), 20); got2 != got {
		t.Errorf("empty file calendar = %s, want %s", got2, got)
	}
}

func TestConcurrentUse(t *testing.T) {
	c := defaultCalendar(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				if got, _ := c.AddWorkingDays(d("2025-01-20"), 20); got != d("2025-02-21") {
					t.Errorf("concurrent AddWorkingDays = %s", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}
