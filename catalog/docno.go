package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"xxgk/sheet"
)

// DocNo is a parsed document number (发文字号) such as 沈政发〔2023〕12号.
type DocNo struct {
	Issuer string // issuer abbreviation (机关代字), e.g. 沈政发, 川发改价格规
	Year   int    // year in the brackets, 1949–2100
	Serial int    // serial number (顺序号), ≥ 1
}

// Document-number limits. Years outside this range are typing errors (the PRC's documents start in
// 1949); serials are capped at nine digits so they always fit an int.
const (
	docNoMinYear      = 1949
	docNoMaxYear      = 2100
	docNoMaxSerialLen = 9
)

// docNoRE matches a cleaned document number with its spaces removed. The brackets are optional
// because imported data often drops them (沈政发2023 12号 after space removal reads 沈政发202312号:
// the year is always exactly four digits, so the split is unambiguous); 第 before the serial and
// the final 号 are optional for the same reason.
var docNoRE = regexp.MustCompile(`^([\p{Han}A-Za-z]+)〔?([0-9]{4})〕?第?([0-9]{1,9})号?$`)

// ErrNotDocNo is returned (wrapped) by ParseDocNo for input that is not a document number.
var ErrNotDocNo = errors.New("not a document number")

// ParseDocNo parses a document number leniently: any of the brackets 〔〕 [] ［］ () （） 【】 ﹝﹞ 〈〉
// or none, spaces anywhere between the parts, an optional 第 before the serial, full-width digits
// and zero-width characters. Numbers without an issuer or year, such as 第289号 (the form of
// government orders, 令), are rejected with an error wrapping ErrNotDocNo.
func ParseDocNo(s string) (DocNo, error) {
	c := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, cleanDocNo(s))
	m := docNoRE.FindStringSubmatch(c)
	if m == nil {
		return DocNo{}, fmt.Errorf("catalog: document number %q: %w (want issuer〔year〕serial号)", s, ErrNotDocNo)
	}
	issuer := m[1]
	// An issuer ending in 第 is the 第N号 of an order whose serial happens to be long enough to look
	// like a year (第20231号), not a document number.
	if strings.HasSuffix(issuer, "第") {
		return DocNo{}, fmt.Errorf("catalog: document number %q: %w (no issuer)", s, ErrNotDocNo)
	}
	year, _ := strconv.Atoi(m[2])
	if year < docNoMinYear || year > docNoMaxYear {
		return DocNo{}, fmt.Errorf("catalog: document number %q: %w (year %d outside %d–%d)", s, ErrNotDocNo, year, docNoMinYear, docNoMaxYear)
	}
	serial, _ := strconv.Atoi(m[3])
	if serial < 1 {
		return DocNo{}, fmt.Errorf("catalog: document number %q: %w (serial must be at least 1)", s, ErrNotDocNo)
	}
	return DocNo{Issuer: issuer, Year: year, Serial: serial}, nil
}

// String returns the canonical form with full-width 〔〕, e.g. 沈政发〔2023〕12号, which is what
// xxgk stores and what the search index filters on. The zero DocNo prints as "".
func (d DocNo) String() string {
	if d == (DocNo{}) {
		return ""
	}
	return d.Issuer + "〔" + strconv.Itoa(d.Year) + "〕" + strconv.Itoa(d.Serial) + "号"
}

// NormalizeDocNo returns the canonical form of s when it parses, and otherwise s cleaned: trimmed,
// zero-width characters dropped, full-width ASCII (digits, letters, brackets) and spaces folded,
// brackets unified to 〔〕 and spaces next to Chinese text or punctuation removed. "" stays "".
// It is idempotent, so stored values can be normalised again safely.
func NormalizeDocNo(s string) string {
	if d, err := ParseDocNo(s); err == nil {
		return d.String()
	}
	return cleanDocNo(s)
}

// cleanDocNo folds the variants found in imported data. Runs of whitespace collapse to one ASCII
// space, which is kept only between two ASCII letters or digits (2023 12), because a space next to
// a Chinese character or a bracket is layout noise.
func cleanDocNo(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace := false
	var prev rune // last rune written, 0 at the start
	for _, r := range s {
		r = sheet.Fold(r)
		switch {
		case r == -1:
			continue
		case unicode.IsSpace(r):
			pendingSpace = true
			continue
		}
		switch r {
		case '[', '(', '【', '﹝', '〈', '〔', '〖', '〘', '\u2329':
			r = '〔'
		case ']', ')', '】', '﹞', '〉', '〕', '〗', '〙', '\u232a':
			r = '〕'
		}
		if pendingSpace && prev != 0 && isASCIIAlnum(prev) && isASCIIAlnum(r) {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}
