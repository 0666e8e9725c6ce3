package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"xxgk/sheet"
)

// IndexNo is a parsed index number (索引号) of the national pattern
// <organisation code>/<year>-<serial>, e.g. 000014349/2017-00110.
type IndexNo struct {
	OrgCode string // 9-character organisation code or 18-character unified social credit code
	Year    int
	Month   int // 1–12 for the year+month variant (…/202110-00013), else 0
	Serial  int
}

// ErrNotIndexNo is wrapped by the errors ParseIndexNo returns.
var ErrNotIndexNo = errors.New("not an index number")

// indexNoRE matches the variants seen on national and provincial sites: a slash or a hyphen after
// the organisation code, a year or year+month, and serials of any width up to nine digits
// (5 is usual, 6–7 occur).
var indexNoRE = regexp.MustCompile(`^([0-9A-Z]{9}|[0-9A-Z]{18})[/-]([0-9]{4})([0-9]{2})?-([0-9]{1,9})$`)

// FormatIndexNo returns the index number xxgk generates: {org_code}/{YYYY}-{NNNNN}, the serial
// zero-padded to five digits and printed in full when wider (a body publishing more than 99,999
// entries in a year still gets unique numbers).
func FormatIndexNo(orgCode string, year, serial int) string {
	return fmt.Sprintf("%s/%04d-%05d", orgCode, year, serial)
}

// String returns the canonical slash form, with the month when present:
// 11341702486344515H/202110-00013.
func (n IndexNo) String() string {
	if n.Month != 0 {
		return fmt.Sprintf("%s/%04d%02d-%05d", n.OrgCode, n.Year, n.Month, n.Serial)
	}
	return FormatIndexNo(n.OrgCode, n.Year, n.Serial)
}

// ParseIndexNo parses an index number of the national pattern and its variants:
// 000014349/2017-00110, 11441700007280420Y/2021-00050, 7-digit serials
// (11370322004222241N/2021-5135380), year+month (11341702486344515H/202110-00013) and hyphens
// throughout (01527918X-2020-153077). The input is cleaned first (CleanIndexNo, spaces removed,
// letters upper-cased). The organisation code's shape is checked but not its check character:
// index numbers already published are what they are. Many sites use other schemes; the importer
// keeps those as opaque strings, so a parse error here is not a reason to reject an entry.
func ParseIndexNo(s string) (IndexNo, error) {
	c := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, CleanIndexNo(s))
	m := indexNoRE.FindStringSubmatch(c)
	if m == nil {
		return IndexNo{}, fmt.Errorf("catalog: index number %q: %w (want org_code/YYYY-NNNNN)", s, ErrNotIndexNo)
	}
	n := IndexNo{OrgCode: m[1]}
	n.Year, _ = strconv.Atoi(m[2])
	if n.Year < docNoMinYear || n.Year > docNoMaxYear {
		return IndexNo{}, fmt.Errorf("catalog: index number %q: %w (year %d outside %d–%d)", s, ErrNotIndexNo, n.Year, docNoMinYear, docNoMaxYear)
	}
	if m[3] != "" {
		n.Month, _ = strconv.Atoi(m[3])
		if n.Month < 1 || n.Month > 12 {
			return IndexNo{}, fmt.Errorf("catalog: index number %q: %w (month %d)", s, ErrNotIndexNo, n.Month)
		}
	}
	n.Serial, _ = strconv.Atoi(m[4])
	return n, nil
}

// CleanIndexNo prepares an imported index number for storage as an opaque unique string: trimmed,
// full-width characters folded to ASCII (０００１４３４９／２０１７－００１１０ is the same number),
// invisible characters dropped and inner runs of whitespace collapsed to one space. Letters keep
// their case and nothing else is changed, because the index number must still match what the old
// site and printed documents show.
func CleanIndexNo(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	for _, r := range s {
		r = sheet.Fold(r)
		switch {
		case r == -1:
			continue
		case unicode.IsSpace(r):
			pendingSpace = true
			continue
		}
		if pendingSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteRune(r)
	}
	return b.String()
}
