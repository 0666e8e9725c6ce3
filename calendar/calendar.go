// Package calendar is xxgk's working-day calendar (工作日): the civil Date type used across the
// product, and the Calendar that answers the three questions every statutory period asks — is a
// day a working day, which is the N-th working day after a day, and how many working days lie
// between two days (shared/spec/calendar.md, law.md §5).
//
// Which days are holidays is data, never code: the State Council publishes each year's
// arrangement (国务院办公厅关于部分节假日安排的通知) in the autumn, and an administrator loads it as
// CSV without a release. The arrangement shipped with xxgk is embedded (Default). Years without a
// loaded arrangement count weekends only, and results that depend on them are reported as
// provisional so that nobody mistakes a guess for a legal date.
//
// A Calendar is immutable and safe for concurrent use. Construction precomputes, for every year
// between the first and last loaded day, a bitset of working days and prefix counts, so queries
// are O(1) (IsWorkingDay, WorkingDaysBetween) or O(log years) (AddWorkingDays), independent of N.
package calendar

import (
	_ "embed"
	"math/bits"
	"slices"
	"sort"
	"strings"
)

// The two kinds of row in a holiday CSV.
const (
	// KindHoliday is a day off; every day of a holiday range is listed, weekends included.
	KindHoliday = "holiday"
	// KindWorkday is a Saturday or Sunday that is worked (调休上班, a make-up workday).
	KindWorkday = "workday"
)

// Day is one row of a holiday arrangement.
type Day struct {
	Date Date
	Kind string // KindHoliday or KindWorkday
	Name string // the holiday it belongs to, as the notice names it (春节, 国庆节、中秋节)
}

// Calendar answers working-day questions for the arrangements it holds. Build one with Default,
// Parse or Merge; the zero Calendar is valid and counts weekends only.
type Calendar struct {
	// notices holds each year's arrangement as loaded, keyed by the year of the notice (which
	// may list late-December days of the year before). Merge replaces whole notices.
	notices map[int][]Day
	// days are the effective special days of all notices, sorted by date.
	days []Day
	// years[i] is the table for calendar year lo+i; lo..hi spans every year with a special day
	// or a notice. Outside it, only weekends are days off.
	lo    int
	years []yearTable
	// coveredBefore[i] counts years lo..lo+i-1 that have a notice, for O(1) range checks.
	coveredBefore []int32
	// shiftAfter is rank(d) − weekdayRank(d) for every d after the last table year.
	shiftAfter int
}

// yearTable is one calendar year's working days as a bitset over day-of-year (bit 0 = 1 January)
// with the counts needed for rank and select without scanning.
type yearTable struct {
	start   int       // rd of 1 January
	base    int       // rank of 31 December of the year before
	total   int       // working days in the year
	bits    [6]uint64 // 6×64 ≥ 366
	cum     [6]uint16 // working days in the words before each word
	covered bool      // the year's own notice is loaded
}

//go:embed holidays-cn.csv
var defaultCSV string

// Default returns the calendar shipped with xxgk, parsed from the embedded holidays-cn.csv. It
// parses on every call; build it once at start-up and pass it down.
func Default() (*Calendar, error) {
	return Parse(strings.NewReader(defaultCSV))
}

// Years returns the years whose notice is loaded, ascending.
func (c *Calendar) Years() []int {
	ys := make([]int, 0, len(c.notices))
	for y := range c.notices {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// Covers reports whether year's official arrangement is loaded. Dates in other years are
// counted with weekends only and are provisional.
func (c *Calendar) Covers(year int) bool {
	_, ok := c.notices[year]
	return ok
}

// Notice returns the rows of year's arrangement as loaded (including late-December days of the
// year before that the notice lists), or nil if the year is not covered.
func (c *Calendar) Notice(year int) []Day {
	return slices.Clone(c.notices[year])
}

// Merge returns a new calendar in which every year that other has a notice for is replaced by
// other's notice, and all other years are kept: this is how an administrator loads next year's
// arrangement or corrects one. c and other are unchanged.
func (c *Calendar) Merge(other *Calendar) *Calendar {
	merged := make(map[int][]Day, len(c.notices)+len(other.notices))
	for y, ds := range c.notices {
		merged[y] = ds
	}
	for y, ds := range other.notices {
		merged[y] = ds
	}
	return build(merged)
}

// build derives the lookup tables. Notices never change after construction, so sharing their
// slices between calendars is safe.
func build(notices map[int][]Day) *Calendar {
	c := &Calendar{notices: notices}
	// A date listed by two notices (a December day in notice Y+1 and in notice Y after separate
	// loads) takes the later notice's row: the later notice was published later.
	effective := make(map[Date]Day)
	lo, hi := 0, -1
	for _, y := range c.Years() {
		for _, d := range notices[y] {
			effective[d.Date] = d
			lo, hi = extend(lo, hi, d.Date.Year())
		}
		lo, hi = extend(lo, hi, y)
	}
	c.days = make([]Day, 0, len(effective))
	for _, d := range effective {
		c.days = append(c.days, d)
	}
	sortDays(c.days)
	if hi < lo {
		return c
	}

	c.lo = lo
	c.years = make([]yearTable, hi-lo+1)
	c.coveredBefore = make([]int32, len(c.years)+1)
	rank := weekdayRank(daysFromCivil(lo, 1, 1) - 1)
	next := 0 // index into c.days
	for i := range c.years {
		y := lo + i
		t := &c.years[i]
		t.start = daysFromCivil(y, 1, 1)
		n := daysFromCivil(y+1, 1, 1) - t.start
		for doy := 0; doy < n; doy++ {
			if isWeekday(t.start + doy) {
				t.bits[doy>>6] |= 1 << (doy & 63)
			}
		}
		for ; next < len(c.days) && c.days[next].Date.Year() == y; next++ {
			d := c.days[next]
			doy := int(d.Date.rd) - t.start
			if d.Kind == KindWorkday {
				t.bits[doy>>6] |= 1 << (doy & 63)
			} else {
				t.bits[doy>>6] &^= 1 << (doy & 63)
			}
		}
		sum := 0
		for w, word := range t.bits {
			t.cum[w] = uint16(sum)
			sum += bits.OnesCount64(word)
		}
		t.total = sum
		t.base = rank
		rank += sum
		t.covered = c.Covers(y)
		c.coveredBefore[i+1] = c.coveredBefore[i]
		if t.covered {
			c.coveredBefore[i+1]++
		}
	}
	c.shiftAfter = rank - weekdayRank(daysFromCivil(hi+1, 1, 1)-1)
	return c
}

func extend(lo, hi, y int) (int, int) {
	if hi < lo {
		return y, y
	}
	return min(lo, y), max(hi, y)
}

// isWeekday reports whether rd falls Monday to Friday (rd 1 is a Monday).
func isWeekday(rd int) bool { return floorMod(rd-1, 7) < 5 }

// weekdayRank counts Monday–Friday days in [1, rd]; it is a consistent cumulative count for rd ≤ 0
// as well, which keeps the arithmetic free of special cases.
func weekdayRank(rd int) int {
	return 5*floorDiv(rd, 7) + min(floorMod(rd, 7), 5)
}

// weekdaySelect is the smallest rd with weekdayRank(rd) == t, which is always a weekday.
func weekdaySelect(t int) int {
	q := floorDiv(t-1, 5)
	return 7*q + (t - 1 - 5*q) + 1
}

// rank is the number of working days in [1, rd], extended to all integers: the difference of two
// ranks counts working days in a half-open interval.
func (c *Calendar) rank(rd int) int {
	if len(c.years) == 0 || rd < c.years[0].start {
		return weekdayRank(rd)
	}
	i := yearOfRD(rd) - c.lo
	if i >= len(c.years) {
		return weekdayRank(rd) + c.shiftAfter
	}
	t := &c.years[i]
	doy := rd - t.start
	w, b := doy>>6, uint(doy&63)
	return t.base + int(t.cum[w]) + bits.OnesCount64(t.bits[w]&(2<<b-1))
}

// selectRank is the smallest rd with rank(rd) == t: the t-th working day, counted like rank.
func (c *Calendar) selectRank(t int) int {
	if len(c.years) == 0 || t <= c.years[0].base {
		return weekdaySelect(t)
	}
	last := &c.years[len(c.years)-1]
	if t > last.base+last.total {
		return weekdaySelect(t - c.shiftAfter)
	}
	i := sort.Search(len(c.years), func(i int) bool {
		return c.years[i].base+c.years[i].total >= t
	})
	y := &c.years[i]
	k := t - y.base // 1 ≤ k ≤ y.total
	w := len(y.bits) - 1
	for int(y.cum[w]) >= k {
		w--
	}
	word := y.bits[w]
	for k -= int(y.cum[w]); k > 1; k-- {
		word &= word - 1
	}
	return y.start + w*64 + bits.TrailingZeros64(word)
}

// yearOfRD is Date.Year without the month and day work.
func yearOfRD(rd int) int {
	y, _, _ := civilFromDays(rd)
	return y
}

// IsWorkingDay reports whether d is a working day: Monday to Friday and not a holiday, or a
// listed make-up workday. Years without a notice use weekends only.
func (c *Calendar) IsWorkingDay(d Date) bool {
	rd := int(d.rd)
	return c.rank(rd)-c.rank(rd-1) == 1
}

// AddWorkingDays returns the n-th working day strictly after d (the start day is not counted,
// law.md §5.1, Civil Code Art. 201); d itself may be any day. For n < 0 it returns the working
// day w before d such that exactly −n working days lie in (w, d] — for a working day d that is
// "n working days earlier"; for n == 0 it returns d.
//
// provisional is true when any day between d and the result (d excluded) lies in a year whose
// notice is not loaded: those days were counted with weekends only and may change when the
// notice arrives. A notice can also make late-December days of the year before holidays
// (2018-12-31, for example); those days count as covered once their own year is loaded.
//
// Results are clamped to years 1–9999.
func (c *Calendar) AddWorkingDays(d Date, n int) (due Date, provisional bool) {
	if n == 0 {
		return d, false
	}
	rd := int(d.rd)
	r := c.selectRank(c.rank(rd) + n)
	r = min(max(r, minRD), maxRD)
	due = Date{rd: int32(r)}
	if n > 0 {
		return due, !c.coversRD(rd, r)
	}
	return due, !c.coversRD(r, rd)
}

// WorkingDaysBetween counts the working days in (d1, d2]: d1 is not counted and d2 is, matching
// AddWorkingDays, so WorkingDaysBetween(d, AddWorkingDays(d, n)) == n. When d2 is before d1 the
// result is the negated count of working days in (d2, d1]; when they are equal it is 0.
func (c *Calendar) WorkingDaysBetween(d1, d2 Date) int {
	return c.rank(int(d2.rd)) - c.rank(int(d1.rd))
}

// CoversRange reports whether every day in (from, to] lies in a year whose notice is loaded, that
// is, whether a count over that span is final rather than provisional. An empty span is covered.
func (c *Calendar) CoversRange(from, to Date) bool {
	return c.coversRD(int(from.rd), int(to.rd))
}

func (c *Calendar) coversRD(from, to int) bool {
	if to <= from {
		return true
	}
	y1, y2 := yearOfRD(from+1)-c.lo, yearOfRD(to)-c.lo
	if len(c.years) == 0 || y1 < 0 || y2 >= len(c.years) {
		return false
	}
	return int(c.coveredBefore[y2+1]-c.coveredBefore[y1]) == y2-y1+1
}

// Holiday returns the arrangement's row for d: the holiday's name and KindHoliday for a day off,
// or the holiday's name and KindWorkday for a make-up workday. ok is false for an ordinary day.
func (c *Calendar) Holiday(d Date) (name string, kind string, ok bool) {
	i, found := slices.BinarySearchFunc(c.days, d, func(x Day, d Date) int { return x.Date.Compare(d) })
	if !found {
		return "", "", false
	}
	return c.days[i].Name, c.days[i].Kind, true
}

// Days returns the arrangement's rows dated from from to to, both included, in date order, so an
// explanation can name the holidays a period skipped and the make-up workdays it counted.
func (c *Calendar) Days(from, to Date) []Day {
	i, _ := slices.BinarySearchFunc(c.days, from, func(x Day, d Date) int { return x.Date.Compare(d) })
	j := i
	for j < len(c.days) && !c.days[j].Date.After(to) {
		j++
	}
	return slices.Clone(c.days[i:j])
}

func sortDays(ds []Day) { slices.SortFunc(ds, func(a, b Day) int { return a.Date.Compare(b.Date) }) }
