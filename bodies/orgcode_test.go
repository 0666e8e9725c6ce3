package bodies

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateOrgCodeAccepts(t *testing.T) {
	for _, s := range []string{
		"000014349",          // 国务院办公厅
		"000013338",          // spec example
		"01527918X",          // check character X
		"11441700007280420Y", // spec examples, unified social credit codes
		"11370322004222241N",
		"11341702486344515H",
		"11100000000013338W", // the USCC built on 000013338
		"91350100M000100Y43", // GB 32100 example with letters in the body identifier
	} {
		if err := ValidateOrgCode(s); err != nil {
			t.Errorf("ValidateOrgCode(%q): %v", s, err)
		}
	}
}

func TestValidateOrgCodeRejects(t *testing.T) {
	tests := []struct{ in, wantIn string }{
		{"", "has 0 characters"},
		{"00001434", "has 8 characters"},
		{"000014348", `check character is '8', want '9' (GB 11714 checksum)`},
		{"01527918x", `check character is 'x', want 'X'`},
		{"0000a4349", `character 5 ('a') must be a digit or an upper-case letter`},
		{"11441700007280420X", `check character is 'X', want 'Y' (GB 32100 checksum)`},
		{"11441700007280420I", `check character is 'I', want 'Y'`},
		{"1144170000728042OY", `character 17 ('O') is not in the GB 32100 alphabet`},
		{"11A41700007280420Y", "characters 3–8 are the region code"},
		{"沈阳市政府代码", "has 7 characters"},
	}
	for _, tt := range tests {
		err := ValidateOrgCode(tt.in)
		if err == nil {
			t.Errorf("ValidateOrgCode(%q) = nil, want error", tt.in)
			continue
		}
		if !errors.Is(err, ErrInvalidOrgCode) {
			t.Errorf("ValidateOrgCode(%q) = %v, does not wrap ErrInvalidOrgCode", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.wantIn) {
			t.Errorf("ValidateOrgCode(%q) = %q, want it to contain %q", tt.in, err, tt.wantIn)
		}
	}
}

// TestValidateOrgCodeCatchesTypos checks that single-character substitutions are rejected, which
// is what the check characters are for. GB 11714 works modulo 11 with letters worth 10–35, so it
// cannot see a digit replaced by a letter worth 11 or 22 more (0 → B, M, X); only digit typos are
// guaranteed caught there. GB 32100 works modulo 31 over a 31-character alphabet and catches all.
func TestValidateOrgCodeCatchesTypos(t *testing.T) {
	for _, tc := range []struct{ code, alphabet string }{
		{"000014349", "0123456789"},
		{"11441700007280420Y", usccAlphabet},
	} {
		code := tc.code
		for i := range len(code) {
			for _, c := range []byte(tc.alphabet) {
				if c == code[i] {
					continue
				}
				typo := code[:i] + string(c) + code[i+1:]
				if ValidateOrgCode(typo) == nil {
					t.Errorf("ValidateOrgCode(%q) accepted a typo of %q", typo, code)
				}
			}
		}
	}
}

func TestNormalizeOrgCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" 00001434-9 ", "000014349"},
		{"０１５２７９１８ｘ", "01527918X"},
		{"11441700007280420y", "11441700007280420Y"},
		{"1144 1700 0072 8042 0Y\u200b", "11441700007280420Y"},
	}
	for _, tt := range tests {
		if got := NormalizeOrgCode(tt.in); got != tt.want {
			t.Errorf("NormalizeOrgCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
