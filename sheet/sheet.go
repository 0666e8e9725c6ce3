// Package sheet reads the tables officers upload to xxgk (a department's existing catalog, its
// past applications and appeals): CSV as spreadsheet programs on Chinese Windows save it, or the
// first sheet of an XLSX workbook. Rows are numbered as the spreadsheet program shows them, so
// that a problem reported for row N is found on row N. It also folds headers and reads date cells
// the way every import accepts them. What the columns mean is the importer's business.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"xxgk/calendar"
)

// ErrStop, returned by a row function, ends reading early without an error.
var ErrStop = errors.New("sheet: stop")

// RowFunc takes spreadsheet row n (from 1) and its cells. Rows a CSV file leaves empty are not
// passed (their numbers are skipped); an XLSX sheet passes them with no cells. cells may be
// reused by the next call: clone it to keep it.
type RowFunc func(n int, cells []string) error

// IsXLSX reports whether the file name with contents data is read as XLSX: by the name's
// extension or, failing that, by the content (an XLSX is a zip file). Its date cells come as
// Excel serial numbers (see ParseDate).
func IsXLSX(name string, data []byte) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".xlsx" || ext == ".xlsm" || ext != ".csv" && bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// Read reads the file name with contents data, XLSX (see IsXLSX) or CSV, calling row for each
// row. unzipLimit bounds an XLSX's unzipped size. An error from row other than ErrStop ends
// reading and is returned as is.
func Read(name string, data []byte, unzipLimit int64, row RowFunc) error {
	switch {
	case IsXLSX(name, data):
		return readXLSX(data, unzipLimit, row)
	case strings.EqualFold(filepath.Ext(name), ".xls") || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")):
		return errors.New("old Excel format (.xls): save the file as .xlsx or CSV")
	default:
		return readCSV(data, row)
	}
}

// readCSV reads UTF-8 (with or without a byte-order mark) or GBK/GB18030 CSV (a file that is not
// valid UTF-8 is decoded as GB18030, a superset of GBK), or tab-separated text when the first
// line has tabs and no commas.
func readCSV(data []byte, row RowFunc) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return errors.New("UTF-16 text: save the file as CSV (UTF-8) or CSV (GBK)")
	}
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return fmt.Errorf("neither UTF-8 nor GBK/GB18030: %w", err)
		}
		data = dec
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	firstLine, _, _ := bytes.Cut(data, []byte("\n"))
	if !bytes.ContainsRune(firstLine, ',') && bytes.ContainsRune(firstLine, '\t') {
		cr.Comma = '\t'
	}
	// Spreadsheet rows are records, not lines: a quoted cell may span lines, and encoding/csv
	// skips empty lines, which a spreadsheet program shows as empty rows. prevEnd is the line
	// the previous record ended on.
	n, prevEnd := 0, 0
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("CSV: %w", err)
		}
		start, _ := cr.FieldPos(0)
		last, _ := cr.FieldPos(len(rec) - 1)
		n += 1 + max(0, start-prevEnd-1)
		prevEnd = last + strings.Count(rec[len(rec)-1], "\n")
		if err := row(n, rec); err != nil {
			return stopped(err)
		}
	}
}

// readXLSX reads the first sheet, date cells as Excel serial numbers.
func readXLSX(data []byte, unzipLimit int64, row RowFunc) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    unzipLimit,
		UnzipXMLSizeLimit: 16 << 20,
	})
	if err != nil {
		return fmt.Errorf("XLSX: %w", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return errors.New("XLSX: no sheet")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return fmt.Errorf("XLSX sheet %s: %w", sheets[0], err)
	}
	defer it.Close()
	// The iterator yields one step per spreadsheet row, including the gaps between stored rows,
	// so the count is the row number.
	for n := 1; it.Next(); n++ {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return fmt.Errorf("XLSX sheet %s row %d: %w", sheets[0], n, err)
		}
		if err := row(n, cells); err != nil {
			return stopped(err)
		}
	}
	if err := it.Error(); err != nil {
		return fmt.Errorf("XLSX sheet %s: %w", sheets[0], err)
	}
	return nil
}

func stopped(err error) error {
	if err == ErrStop {
		return nil
	}
	return err
}

// Blank reports whether every cell is empty or white space.
func Blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Fold maps full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space to a space, and
// returns -1 for invisible characters (zero-width spaces and joiners, BOM, soft hyphen) and
// invalid UTF-8, which copy-paste from Word and web pages leaves in cells (and in document and
// index numbers typed anywhere). Use it with strings.Map.
func Fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + '!'
	case r == '\u3000':
		return ' '
	case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad',
		r == utf8.RuneError:
		return -1
	}
	return r
}

// NormHeader folds a header for matching: full-width to ASCII, spaces and invisible characters
// removed, lower case, and a trailing required-marker (*, （必填）) dropped.
func NormHeader(s string) string {
	s = strings.Map(func(r rune) rune {
		r = Fold(r)
		if r == -1 || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	s = strings.TrimSuffix(s, "(必填)")
	return strings.TrimSuffix(s, "*")
}

// dateRE matches 2006-01-02, 2006/1/2, 2006.1.2 and 2006年1月2日, each optionally followed by a
// time of day, which exports from content systems often add.
var dateRE = regexp.MustCompile(`^([0-9]{4})\s*(?:-|/|\.|年)\s*([0-9]{1,2})\s*(?:-|/|\.|月)\s*([0-9]{1,2})\s*日?(?:[\sT]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?$`)

// ParseDate parses a date cell: 2006-01-02, 2006/1/2, 2006.1.2 or 2006年1月2日 (a time of day after
// it is ignored) or, when xlsx, an Excel serial number (a date-formatted cell read raw; the
// fractional part, a time of day, is dropped). The year must be within minYear–maxYear; example
// is the date the error message suggests writing.
func ParseDate(s string, xlsx bool, minYear, maxYear int, example string) (calendar.Date, error) {
	s = strings.Map(Fold, s)
	var y, m, d int
	if mm := dateRE.FindStringSubmatch(s); mm != nil {
		y, _ = strconv.Atoi(mm[1])
		m, _ = strconv.Atoi(mm[2])
		d, _ = strconv.Atoi(mm[3])
	} else if f, err := strconv.ParseFloat(s, 64); xlsx && err == nil && f >= 1 && f < 3e6 {
		// Day 0 of Excel's 1900 date system: because of Lotus 1-2-3's leap-year bug, serials from
		// 61 on count from 1899-12-30 (earlier ones are outside the accepted years anyway).
		var mon time.Month
		y, mon, d = calendar.NewDate(1899, time.December, 30).AddDays(int(f)).Date()
		m = int(mon)
	} else {
		return calendar.Date{}, fmt.Errorf("%q is not a date (write %s)", s, example)
	}
	if y < minYear || y > maxYear {
		return calendar.Date{}, fmt.Errorf("%q: year %d outside %d–%d", s, y, minYear, maxYear)
	}
	date := calendar.NewDate(y, time.Month(m), d)
	if yy, mm, dd := date.Date(); yy != y || int(mm) != m || dd != d {
		return calendar.Date{}, fmt.Errorf("%q is not a day of the calendar", s)
	}
	return date, nil
}
