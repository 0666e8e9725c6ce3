package calendar

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// The years a holiday file may list. The State Council's arrangements start in 1949; the bound
// catches typos such as 0225 or 2205 before they build a table of centuries.
const (
	firstCalendarYear = 1949
	lastCalendarYear  = 2199
)

// ParseError is a problem in a holiday CSV, located so that an administrator can fix the file.
// Field is "date", "kind" or "name", or empty when the whole line is wrong.
type ParseError struct {
	Line  int
	Field string
	Err   error
}

// Error reads like "line 12, field date: ...".
func (e *ParseError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d, field %s: %v", e.Line, e.Field, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Parse reads a holiday arrangement in the format of shared/spec/holidays-cn.csv: a header row
// date,kind,name, then one row per special day. A UTF-8 byte-order mark (as spreadsheet programs
// write) and lines starting with # are ignored. It rejects bad or duplicate dates, unknown kinds,
// a make-up workday on a weekday, a day listed both as holiday and workday, and empty names;
// errors are *ParseError.
//
// Each row belongs to the notice of its own year, except that a December row belongs to the next
// year's notice when that notice lists the same holiday in January: the 元旦 break of a notice
// often starts in late December (2018-12-30 in the 2019 notice). Covers and Merge work with
// those notice years.
func Parse(r io.Reader) (*Calendar, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{Line: 1, Err: errors.New("empty file: want the header date,kind,name")}
	}
	if err != nil {
		return nil, csvError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	}
	if line, _ := cr.FieldPos(0); !isHeader(header) {
		return nil, &ParseError{Line: line, Err: fmt.Errorf("header %q: want date,kind,name", strings.Join(header, ","))}
	}

	type seen struct {
		line int
		kind string
	}
	byDate := make(map[Date]seen)
	var rows []Day
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != 3 {
			return nil, &ParseError{Line: line, Err: fmt.Errorf("%d fields, want 3 (date,kind,name)", len(rec))}
		}
		d, err := ParseDate(strings.TrimSpace(rec[0]))
		if err != nil {
			return nil, &ParseError{Line: line, Field: "date", Err: err}
		}
		if y := d.Year(); y < firstCalendarYear || y > lastCalendarYear {
			return nil, &ParseError{Line: line, Field: "date", Err: fmt.Errorf("year %d outside %d–%d", y, firstCalendarYear, lastCalendarYear)}
		}
		kind := strings.TrimSpace(rec[1])
		switch kind {
		case KindHoliday:
		case KindWorkday:
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				return nil, &ParseError{Line: line, Field: "kind", Err: fmt.Errorf("%s is a %s; a workday row is a Saturday or Sunday that is worked", d, wd)}
			}
		default:
			return nil, &ParseError{Line: line, Field: "kind", Err: fmt.Errorf("unknown kind %q, want %s or %s", kind, KindHoliday, KindWorkday)}
		}
		name := strings.TrimSpace(rec[2])
		if name == "" {
			return nil, &ParseError{Line: line, Field: "name", Err: errors.New("empty; name the holiday the day belongs to")}
		}
		if prev, dup := byDate[d]; dup {
			if prev.kind != kind {
				return nil, &ParseError{Line: line, Field: "kind", Err: fmt.Errorf("%s is a %s here and a %s on line %d", d, kind, prev.kind, prev.line)}
			}
			return nil, &ParseError{Line: line, Field: "date", Err: fmt.Errorf("%s already listed on line %d", d, prev.line)}
		}
		byDate[d] = seen{line, kind}
		rows = append(rows, Day{Date: d, Kind: kind, Name: name})
	}
	return build(groupByNotice(rows)), nil
}

func isHeader(rec []string) bool {
	want := []string{"date", "kind", "name"}
	if len(rec) != len(want) {
		return false
	}
	for i, f := range rec {
		if strings.ToLower(strings.TrimSpace(f)) != want[i] {
			return false
		}
	}
	return true
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: pe.Line, Err: pe.Err}
	}
	return err
}

// groupByNotice assigns rows to notice years (see Parse) and sorts each notice by date.
func groupByNotice(rows []Day) map[int][]Day {
	type yearName struct {
		year int
		name string
	}
	january := make(map[yearName]bool)
	for _, d := range rows {
		if d.Date.Month() == time.January {
			january[yearName{d.Date.Year(), d.Name}] = true
		}
	}
	notices := make(map[int][]Day)
	for _, d := range rows {
		y := d.Date.Year()
		if d.Date.Month() == time.December && january[yearName{y + 1, d.Name}] {
			y++
		}
		notices[y] = append(notices[y], d)
	}
	for _, ds := range notices {
		sortDays(ds)
	}
	return notices
}
