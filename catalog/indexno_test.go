package catalog

import (
	"errors"
	"testing"
)

func TestFormatIndexNo(t *testing.T) {
	tests := []struct {
		org          string
		year, serial int
		want         string
	}{
		{"000014349", 2017, 110, "000014349/2017-00110"},
		{"11441700007280420Y", 2021, 50, "11441700007280420Y/2021-00050"},
		{"000013338", 2023, 1, "000013338/2023-00001"},
		{"000013338", 2023, 99999, "000013338/2023-99999"},
		{"000013338", 2023, 123456, "000013338/2023-123456"},
	}
	for _, tt := range tests {
		if got := FormatIndexNo(tt.org, tt.year, tt.serial); got != tt.want {
			t.Errorf("FormatIndexNo(%q, %d, %d) = %q, want %q", tt.org, tt.year, tt.serial, got, tt.want)
		}
	}
}

func TestParseIndexNo(t *testing.T) {
	tests := []struct {
		in    string
		want  IndexNo
		canon string
	}{
		{"000014349/2017-00110", IndexNo{"000014349", 2017, 0, 110}, "000014349/2017-00110"},
		{"000013338/2023-00079", IndexNo{"000013338", 2023, 0, 79}, "000013338/2023-00079"},
		{"11441700007280420Y/2021-00050", IndexNo{"11441700007280420Y", 2021, 0, 50}, "11441700007280420Y/2021-00050"},
		{"11370322004222241N/2021-5135380", IndexNo{"11370322004222241N", 2021, 0, 5135380}, "11370322004222241N/2021-5135380"},
		{"11341702486344515H/202110-00013", IndexNo{"11341702486344515H", 2021, 10, 13}, "11341702486344515H/202110-00013"},
		{"01527918X-2020-153077", IndexNo{"01527918X", 2020, 0, 153077}, "01527918X/2020-153077"},
		{" ００００１４３４９／２０１７－００１１０ ", IndexNo{"000014349", 2017, 0, 110}, "000014349/2017-00110"},
		{"01527918x/2020-1", IndexNo{"01527918X", 2020, 0, 1}, "01527918X/2020-00001"},
	}
	for _, tt := range tests {
		got, err := ParseIndexNo(tt.in)
		if err != nil {
			t.Errorf("ParseIndexNo(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseIndexNo(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if s := got.String(); s != tt.canon {
			t.Errorf("ParseIndexNo(%q).String() = %q, want %q", tt.in, s, tt.canon)
		}
	}
}

func TestParseIndexNoRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"2017-00110",
		"00001434/2017-00110",
		"000014349/17-00110",
		"000014349/2017/00110",
		"000014349/201713-00110",
		"000014349/201700-00110",
		"000014349/1900-00110",
		"000014349/2017-",
		"000014349/2017-1234567890",
		"沈阳市/2017-00110",
		"QB001-0200-2021-00001",
	} {
		n, err := ParseIndexNo(in)
		if err == nil {
			t.Errorf("ParseIndexNo(%q) = %+v, want error", in, n)
			continue
		}
		if !errors.Is(err, ErrNotIndexNo) {
			t.Errorf("ParseIndexNo(%q) error %v does not wrap ErrNotIndexNo", in, err)
		}
	}
}

func TestCleanIndexNo(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  000014349/2017-00110\t", "000014349/2017-00110"},
		{"００００１４３４９／２０１７－００１１０", "000014349/2017-00110"},
		{"\ufeffQB001 - 0200\u200b", "QB001 - 0200"},
		{"abc\u3000\u3000def", "abc def"},
	}
	for _, tt := range tests {
		if got := CleanIndexNo(tt.in); got != tt.want {
			t.Errorf("CleanIndexNo(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := CleanIndexNo(tt.want); got != tt.want {
			t.Errorf("CleanIndexNo(%q) = %q, not idempotent", tt.want, got)
		}
	}
}

func FuzzParseIndexNo(f *testing.F) {
	for _, s := range []string{"000014349/2017-00110", "11370322004222241N/2021-5135380", "11341702486344515H/202110-00013", "01527918X-2020-153077", "QB001-0200-2021-00001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := CleanIndexNo(s)
		if CleanIndexNo(c) != c {
			t.Fatalf("CleanIndexNo not idempotent on %q", s)
		}
		n, err := ParseIndexNo(s)
		if err != nil {
			return
		}
		str := n.String()
		n2, err := ParseIndexNo(str)
		if err != nil {
			t.Fatalf("ParseIndexNo(%q) = %+v, but %q does not parse: %v", s, n, str, err)
		}
		if n2 != n {
			t.Fatalf("round trip of %q: %+v -> %q -> %+v", s, n, str, n2)
		}
		if n.Month == 0 && FormatIndexNo(n.OrgCode, n.Year, n.Serial) != str {
			t.Fatalf("FormatIndexNo disagrees with String for %+v", n)
		}
	})
}
