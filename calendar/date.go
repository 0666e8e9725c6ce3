package calendar

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// China is the zone every legal date in xxgk is read in. China has kept UTC+8 without daylight
// saving since 1991, so a fixed zone is exact and needs no tzdata on the server.
var China = time.FixedZone("CST", 8*3600)

// Date is a civil date: a day in the Gregorian calendar with no time of day and no zone. Legal
// periods count days, and a time.Time would silently move a date across midnight when it meets
// another zone (PostgreSQL, JSON clients, a server running in UTC).
//
// The zero Date is "no date" (IsZero); it is not a valid day and is never written to a database
// or as text except as NULL, null or "". Dates are comparable with == and usable as map keys.
type Date struct {
	// rd counts days from 0000-12-31, so 0001-01-01 (a Monday) is 1 and the zero value is no date.
	rd int32
}

// The range of dates that ParseDate accepts and that String prints with four-digit years.
const (
	minYear = 1
	maxYear = 9999
)

// unixEpochRD is the rd of 1970-01-01.
const unixEpochRD = 719163

// The rd of 0001-01-01 and 9999-12-31 (Python's date.toordinal uses the same count).
const (
	minRD = 1
	maxRD = 3652059
)

// NewDate returns the date year-month-day. Like time.Date it normalises out-of-range values, so
// NewDate(2025, 2, 29) is 2025-03-01; use ParseDate for input that must be validated.
func NewDate(year int, month time.Month, day int) Date {
	y, m, d := time.Date(year, month, day, 12, 0, 0, 0, time.UTC).Date()
	return Date{rd: int32(daysFromCivil(y, int(m), d))}
}

// DateOf returns the date of t in t's own location. Convert t first (t.In(China)) when the
// instant, not the wall-clock date, is what matters.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{rd: int32(daysFromCivil(y, int(m), d))}
}

// Today returns the current date in China, whatever the server's zone.
func Today() Date { return DateOf(time.Now().In(China)) }

// ParseDate parses exactly YYYY-MM-DD (years 0001–9999) and rejects days that do not exist, such
// as 2025-02-29; nothing is normalised, because a mistyped legal date must not become another day.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	y, ok1 := atoi(s[0:4])
	m, ok2 := atoi(s[5:7])
	d, ok3 := atoi(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	if y < minYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("date %q does not exist", s)
	}
	return Date{rd: int32(daysFromCivil(y, m, d))}, nil
}

// MustParseDate is ParseDate for constants in tests and examples; it panics on bad input.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func atoi(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil and civilFromDays are Howard Hinnant's branch-light conversions
// (http://howardhinnant.github.io/date_algorithms.html), shifted from the Unix epoch to rd.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := m - 3
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468 + unixEpochRD
}

func civilFromDays(rd int) (y, m, d int) {
	z := rd - unixEpochRD + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// Date returns the year, month and day of d.
func (d Date) Date() (year int, month time.Month, day int) {
	y, m, dd := civilFromDays(int(d.rd))
	return y, time.Month(m), dd
}

// Year returns d's year.
func (d Date) Year() int { y, _, _ := civilFromDays(int(d.rd)); return y }

// Month returns d's month.
func (d Date) Month() time.Month { _, m, _ := civilFromDays(int(d.rd)); return time.Month(m) }

// Day returns d's day of the month.
func (d Date) Day() int { _, _, dd := civilFromDays(int(d.rd)); return dd }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday { return time.Weekday(floorMod(int(d.rd), 7)) }

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.rd == 0 }

// AddDays returns the date n calendar days after d (before it when n is negative).
func (d Date) AddDays(n int) Date { return Date{rd: d.rd + int32(n)} }

// Sub returns the number of calendar days from u to d (d − u).
func (d Date) Sub(u Date) int { return int(d.rd) - int(u.rd) }

// Compare returns -1, 0 or +1 as d is before, equal to or after u, for slices.SortFunc.
func (d Date) Compare(u Date) int {
	switch {
	case d.rd < u.rd:
		return -1
	case d.rd > u.rd:
		return 1
	}
	return 0
}

// Before reports whether d is before u.
func (d Date) Before(u Date) bool { return d.rd < u.rd }

// After reports whether d is after u.
func (d Date) After(u Date) bool { return d.rd > u.rd }

// Equal reports whether d and u are the same day; == does the same.
func (d Date) Equal(u Date) bool { return d.rd == u.rd }

// Time returns midnight at the start of d in loc (calendar.China for legal instants).
func (d Date) Time(loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// String formats d as YYYY-MM-DD; the zero Date prints as "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return string(d.appendISO(make([]byte, 0, 10)))
}

func (d Date) appendISO(b []byte) []byte {
	y, m, dd := civilFromDays(int(d.rd))
	if y >= 0 && y <= 9999 {
		b = append(b, '0'+byte(y/1000), '0'+byte(y/100%10), '0'+byte(y/10%10), '0'+byte(y%10))
	} else {
		// Only reachable by arithmetic far outside any legal period; kept readable, not pretty.
		b = fmt.Appendf(b, "%d", y)
	}
	return append(b, '-', '0'+byte(m/10), '0'+byte(m%10), '-', '0'+byte(dd/10), '0'+byte(dd%10))
}

// MarshalText implements encoding.TextMarshaler as YYYY-MM-DD, and "" for the zero Date so
// that an empty form field round-trips.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler; "" gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date (use `json:",omitzero"` to leave it
// out).
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	b := append(make([]byte, 0, 12), '"')
	b = d.appendISO(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads "YYYY-MM-DD"; null leaves d unchanged, as encoding/json does for other
// types.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return fmt.Errorf("date: want a JSON string \"YYYY-MM-DD\", got %s", s)
	}
	v, err := ParseDate(s[1 : len(s)-1])
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Scan implements sql.Scanner for PostgreSQL date columns. lib/pq delivers them as a time.Time at
// midnight UTC; the date is taken as written, never converted to another zone. Strings and bytes
// in YYYY-MM-DD are accepted too. NULL is an error: a nullable column scans into NullDate, so a
// missing legal date never passes silently as the zero Date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = DateOf(v)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	case nil:
		return errors.New("calendar: NULL in a Date; scan nullable columns into NullDate")
	}
	return fmt.Errorf("calendar: cannot scan %T into a Date", src)
}

func (d *Date) scanText(s string) error {
	// PostgreSQL text output for a date is YYYY-MM-DD; a timestamp column read as text carries a
	// time after the date, which a date column never has, so it is refused rather than cut.
	v, err := ParseDate(s)
	if err != nil {
		return fmt.Errorf("calendar: scan: %w", err)
	}
	*d = v
	return nil
}

// Value implements driver.Valuer. It sends the date as text "YYYY-MM-DD": a time.Time would be
// sent as a timestamp and PostgreSQL would cast it to a date in the session's zone. The zero
// Date is an error; write NULL through NullDate.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, errors.New("calendar: zero Date written to the database; use NullDate for NULL")
	}
	return d.String(), nil
}

// NullDate is a Date that may be NULL, for nullable date columns and optional JSON fields, in the
// manner of sql.NullTime.
type NullDate struct {
	Date  Date
	Valid bool // Valid is true if Date is not NULL.
}

// Scan implements sql.Scanner.
func (n *NullDate) Scan(src any) error {
	if src == nil {
		*n = NullDate{}
		return nil
	}
	if err := n.Date.Scan(src); err != nil {
		return err
	}
	n.Valid = true
	return nil
}

// Value implements driver.Valuer.
func (n NullDate) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil
	}
	return n.Date.Value()
}

// MarshalJSON writes null when n is not valid.
func (n NullDate) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return n.Date.MarshalJSON()
}

// UnmarshalJSON reads null as not valid.
func (n *NullDate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = NullDate{}
		return nil
	}
	if err := n.Date.UnmarshalJSON(b); err != nil {
		return err
	}
	n.Valid = true
	return nil
}
