// Package bodies keeps the tree of government bodies (行政机关): provinces, cities, counties and
// townships with their departments, each with its short code, full name, organisation code (used in
// index numbers) and the contact details of its disclosure office.
package bodies

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrInvalidOrgCode is wrapped by every error ValidateOrgCode returns.
var ErrInvalidOrgCode = errors.New("invalid organisation code")

const (
	// usccAlphabet is the 31-character set of GB 32100-2015: digits and upper-case letters without
	// I, O, Z, S and V, which are too easily confused with 1, 0, 2, 5 and U.
	usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
)

// ValidateOrgCode reports whether s is a well-formed organisation code in its normalised form (see
// NormalizeOrgCode): either
//
//   - the old 9-character organisation code (组织机构代码, GB 11714-1997): 8 digits or upper-case
//     letters and a check character 0–9 or X, e.g. 000014349 (国务院办公厅), 01527918X; or
//   - the 18-character unified social credit code (统一社会信用代码, GB 32100-2015): registering
//     authority, body type, 6-digit region code, 9-character body identifier and a check character,
//     all from the 31-character alphabet without I, O, Z, S, V, e.g. 11441700007280420Y.
//
// Both check characters are verified. Every example in the spec (000014349, 000013338, 01527918X,
// 11441700007280420Y, 11370322004222241N, 11341702486344515H) passes, and the codes are printed on
// the certificates governments hold, so a failing check character is a typing error worth stopping
// at the door: the code ends up in every index number the body ever publishes. Imported index
// numbers are stored as opaque strings and are never validated against this function, so old
// catalogs with odd prefixes still import.
//
// The body identifier inside a USCC (positions 9–17) is deliberately not checked as a GB 11714
// code: it is for bodies that had an old code, but the standard does not require it of bodies
// registered later, and the USCC check character already catches typing errors.
//
// The error wraps ErrInvalidOrgCode and says which rule failed.
func ValidateOrgCode(s string) error {
	switch len(s) {
	case 9:
		return validateOldOrgCode(s)
	case 18:
		return validateUSCC(s)
	}
	return fmt.Errorf("bodies: organisation code %q: %w: has %d characters, want 9 (GB 11714 organisation code) or 18 (GB 32100 unified social credit code)",
		s, ErrInvalidOrgCode, len([]rune(s)))
}

func validateOldOrgCode(s string) error {
	orgCodeWeights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 8 {
		v := orgCodeValue(s[i])
		if v < 0 {
			return fmt.Errorf("bodies: organisation code %q: %w: character %d (%q) must be a digit or an upper-case letter (GB 11714)",
				s, ErrInvalidOrgCode, i+1, s[i])
		}
		sum += v * orgCodeWeights[i]
	}
	var want byte
	switch c := 11 - sum%11; c {
	case 10:
		want = 'X'
	case 11:
		want = '0'
	default:
		want = byte('0' + c)
	}
	if s[8] != want {
		return fmt.Errorf("bodies: organisation code %q: %w: check character is %q, want %q (GB 11714 checksum)",
			s, ErrInvalidOrgCode, s[8], want)
	}
	return nil
}

func validateUSCC(s string) error {
	want, err := USCCCheckChar(s[:17])
	if err != nil {
		return fmt.Errorf("bodies: unified social credit code %q: %w", s, err)
	}
	if s[17] != want {
		return fmt.Errorf("bodies: unified social credit code %q: %w: check character is %q, want %q (GB 32100 checksum)",
			s, ErrInvalidOrgCode, s[17], want)
	}
	return nil
}

// USCCCheckChar returns the GB 32100 check character for the first 17 characters of a unified
// social credit code.
func USCCCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("%w: want 17 characters before the check character, got %d", ErrInvalidOrgCode, len(first17))
	}
	usccWeights := [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}
	sum := 0
	for i := range 17 {
		v := strings.IndexByte(usccAlphabet, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("%w: character %d (%q) is not in the GB 32100 alphabet (digits and upper-case letters except I, O, Z, S, V)",
				ErrInvalidOrgCode, i+1, first17[i])
		}
		if i >= 2 && i < 8 && v > 9 {
			return 0, fmt.Errorf("%w: characters 3–8 are the region code and must be digits (GB 32100)", ErrInvalidOrgCode)
		}
		sum += v * usccWeights[i]
	}
	return usccAlphabet[(31-sum%31)%31], nil
}

// orgCodeValue is a character's value in GB 11714: 0–9 for digits, 10–35 for A–Z, -1 otherwise.
func orgCodeValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// NormalizeOrgCode returns s trimmed, with full-width characters folded to ASCII, letters
// upper-cased, and spaces, zero-width characters and hyphens removed: certificates print the old
// code as 00001434-9, and copies from web pages carry full-width and invisible characters.
func NormalizeOrgCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r = r - 0xFF01 + '!'
		case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad':
			return -1
		}
		if r == '-' || r == '‐' || r == '—' || r == '－' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}
