package calendar

import (
	"errors"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		csv       string
		wantLine  int
		wantField string
		wantText  string // a fragment of the message
	}{
		{"empty file", "", 1, "", "header"},
		{"no header", "2025-01-01,holiday,元旦\n", 1, "", "want date,kind,name"},
		{"wrong header", "day,kind,name\n", 1, "", "want date,kind,name"},
		{"bad date", "date,kind,name\n2025-01-01,holiday,元旦\n2025-02-30,holiday,春节\n", 3, "date", "does not exist"},
		{"date format", "date,kind,name\n2025/01/01,holiday,元旦\n", 2, "date", "YYYY-MM-DD"},
		{"year typo", "date,kind,name\n0225-01-01,holiday,元旦\n", 2, "date", "outside"},
		{"unknown kind", "date,kind,name\n2025-01-01,vacation,元旦\n", 2, "kind", `unknown kind "vacation"`},
		{"workday on a weekday", "date,kind,name\n2025-01-27,workday,春节\n", 2, "kind", "Monday"},
		{"empty name", "date,kind,name\n2025-01-01,holiday, \n", 2, "name", "empty"},
		{"too few fields", "date,kind,name\n2025-01-01,holiday\n", 2, "", "2 fields"},
		{"duplicate", "date,kind,name\n2025-01-01,holiday,元旦\n2025-01-28,holiday,春节\n2025-01-01,holiday,元旦\n", 4, "date", "line 2"},
		{"holiday and workday", "date,kind,name\n2025-01-26,holiday,春节\n2025-01-26,workday,春节\n", 3, "kind", "holiday on line 2"},
		{"bad quoting", "date,kind,name\n2025-01-01,\"holiday,元旦\n", 2, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(strings.NewReader(tt.csv))
			if err == nil {
				t.Fatalf("Parse succeeded: %v", c.Years())
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a *ParseError", err, err)
			}
			if pe.Line != tt.wantLine || pe.Field != tt.wantField {
				t.Errorf("error at line %d field %q, want line %d field %q (%v)", pe.Line, pe.Field, tt.wantLine, tt.wantField, err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not mention %q", err, tt.wantText)
			}
			if tt.wantField != "" && !strings.HasPrefix(err.Error(), "line ") {
				t.Errorf("error %q should start with the line", err)
			}
		})
	}
}

func TestParseErrorFormat(t *testing.T) {
	_, err := Parse(strings.NewReader("date,kind,name\n2025-01-01,holiday,元旦\n\n# comment\n2025-13-01,holiday,x\n"))
	// Blank and comment lines still count, so the line number matches the administrator's editor.
	if err == nil || !strings.HasPrefix(err.Error(), "line 5, field date: ") {
		t.Errorf("error = %v, want it to start with %q", err, "line 5, field date: ")
	}
}

func TestParseLenient(t *testing.T) {
	// A byte-order mark and spaces, as spreadsheet exports produce, and a comment line.
	c, err := Parse(strings.NewReader("\uFEFFdate, kind, name\r\n# 2027 notice\r\n2027-02-08, holiday, 春节\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if name, kind, ok := c.Holiday(d("2027-02-08")); !ok || kind != KindHoliday || name != "春节" {
		t.Errorf("Holiday = %q, %q, %v", name, kind, ok)
	}
}

func TestNoticeYears(t *testing.T) {
	// December rows join the next notice only when that notice names the same holiday in January.
	c := mustParse(t, `date,kind,name
2030-12-31,holiday,元旦
2031-01-01,holiday,元旦
2031-12-20,holiday,某纪念日
`)
	if got := c.Years(); len(got) != 1 || got[0] != 2031 {
		t.Errorf("Years = %v, want [2031]", got)
	}
	c = mustParse(t, "date,kind,name\n2030-12-31,holiday,元旦\n")
	if got := c.Years(); len(got) != 1 || got[0] != 2030 {
		t.Errorf("Years = %v, want [2030]", got)
	}
}
