package catalog_test

import (
	"math"
	"testing"

	"xxgk/catalog"
)

// The 2025 National Day and Mid-Autumn holiday ran from 1 to 8 October, with Sunday 28 September
// and Saturday 11 October worked: an entry formed on 30 September counts no working day until
// Thursday 9 October.
func TestTimelinessSkipsHolidays(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.body(t, "sy-fgw", "沈阳市发展和改革委员会", orgCode(t, "11210100001234568"), sy)
	pub := func(body string, in catalog.EntryInput, when string) catalog.Entry {
		t.Helper()
		f.setNow(at(when))
		return f.publish(t, f.create(t, body, in).ID)
	}
	e1 := pub(sy, other("国庆前形成", "2025-09-30"), "2025-10-09 10:00")
	e2 := pub(sy, other("国庆前形成二", "2025-09-30"), "2025-10-29 10:00")
	e3 := pub(sy, normative("国庆前形成的规范性文件", "2025-09-30"), "2025-11-05 10:00")
	e4 := pub(sy, normative("当天发布的规范性文件", "2025-11-10"), "2025-11-10 01:30")
	pub("sy-fgw", other("部门条目", "2025-11-03"), "2025-11-04 10:00")

	for _, tt := range []struct {
		e      catalog.Entry
		wd     int
		late   bool
		reason string
	}{
		{e1, 1, false, "9 October is the first working day after the holiday"},
		{e2, 16, false, "29 calendar days, 16 working days with the make-up Saturday 11 October"},
		{e3, 21, true, "one working day past the deadline"},
		{e4, 0, false, "published on its formed date"},
	} {
		wd, late := f.s.EntryTimeliness(tt.e)
		if wd != tt.wd || late != tt.late {
			t.Errorf("%s: %d working days (late %v), want %d (%v): %s", tt.e.Title, wd, late, tt.wd, tt.late, tt.reason)
		}
	}

	// A draft counts up to today.
	f.setNow(at("2025-10-10 09:00"))
	d := f.create(t, sy, other("草稿", "2025-09-30"))
	if wd, late := f.s.EntryTimeliness(d); wd != 2 || late {
		t.Errorf("draft: %d working days, late %v; want 2", wd, late)
	}

	got, err := f.s.TimelinessByBody(f.ctx, sy, true, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].BodyCode != sy || got[1].BodyCode != "sy-fgw" {
		t.Fatalf("bodies: %+v", got)
	}
	city := got[0]
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if city.Published != 4 || city.Late != 1 || !near(city.MedianWorkingDays, 8.5) || !near(city.AvgWorkingDays, 9.5) {
		t.Errorf("city: %+v", city)
	}
	// e3: 30 September 00:00 to 5 November 10:00 is 36 days and 10 hours; e4 1.5 hours.
	if city.Normative != 2 || !near(city.NormativeMedianHours, (36*24+10+1.5)/2) || city.NormativeSameDay != 1 ||
		city.NormativeWithinBenchmark != 1 {
		t.Errorf("city normative: %+v", city)
	}
	if got[1].Published != 1 || got[1].Late != 0 || got[1].MedianWorkingDays != 1 {
		t.Errorf("department: %+v", got[1])
	}
	if got, err := f.s.TimelinessByBody(f.ctx, sy, false, 2024); err != nil || len(got) != 0 {
		t.Errorf("2024: %+v, %v", got, err)
	}
}
