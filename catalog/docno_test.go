package catalog

import (
	"errors"
	"testing"
)

func TestParseDocNo(t *testing.T) {
	sy := DocNo{Issuer: "沈政发", Year: 2023, Serial: 12}
	tests := []struct {
		in   string
		want DocNo
	}{
		{"沈政发〔2023〕12号", sy},
		{"沈政发[2023]12号", sy},
		{"沈政发［2023］12号", sy},
		{"沈政发(2023)12号", sy},
		{"沈政发（2023）12号", sy},
		{"沈政发【2023】12号", sy},
		{"沈政发﹝2023﹞12号", sy},
		{"沈政发〈2023〉12号", sy},
		{"沈政发2023 12号", sy},
		{"沈政发 2023 12 号", sy},
		{"  沈政发 〔2023〕 第12号 ", sy},
		{"沈政发〔２０２３〕１２号", sy},
		{"沈政\u200b发〔2023〕\ufeff12号", sy},
		{"沈政发〔2023〕012号", sy},
		{"沈政发\u3000〔2023〕12号", sy},
		{"沈政发〔2023〕12", sy},
		{"川发改价格规〔2021〕499号", DocNo{"川发改价格规", 2021, 499}},
		{"国办发〔2017〕47号", DocNo{"国办发", 2017, 47}},
		{"川府规〔2023〕5号", DocNo{"川府规", 2023, 5}},
		{"国办公开办函〔2019〕61号", DocNo{"国办公开办函", 2019, 61}},
		{"沈政发〔1949〕1号", DocNo{"沈政发", 1949, 1}},
		{"沈政发〔2100〕1号", DocNo{"沈政发", 2100, 1}},
	}
	for _, tt := range tests {
		got, err := ParseDocNo(tt.in)
		if err != nil {
			t.Errorf("ParseDocNo(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDocNo(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseDocNoRejects(t *testing.T) {
	for _, in := range []string{
		"",
		"第289号",
		"国务院令第711号",
		"第20231号",
		"〔2023〕12号",
		"2023 12号",
		"沈政发〔1948〕12号",
		"沈政发〔2101〕12号",
		"沈政发〔2023〕0号",
		"沈政发〔2023〕号",
		"沈政发〔23〕12号",
		"沈政发〔2023〕12号附件",
		"沈政发〔2023〕1234567890号",
		"无",
	} {
		d, err := ParseDocNo(in)
		if err == nil {
			t.Errorf("ParseDocNo(%q) = %+v, want error", in, d)
			continue
		}
		if !errors.Is(err, ErrNotDocNo) {
			t.Errorf("ParseDocNo(%q) error %v does not wrap ErrNotDocNo", in, err)
		}
	}
}

func TestNormalizeDocNo(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"沈政发[2023]12号", "沈政发〔2023〕12号"},
		{"沈政发2023 12号", "沈政发〔2023〕12号"},
		{"沈政发〔２０２３〕第１２号", "沈政发〔2023〕12号"},
		{"第 289 号", "第289号"},
		{"国务院令 第７１１号", "国务院令第711号"},
		{" 沈政发[2023] ", "沈政发〔2023〕"},
		{"HFGS—2017—9", "HFGS—2017—9"},
		{"ABC 12  34", "ABC 12 34"},
		{"\u200b", ""},
	}
	for _, tt := range tests {
		if got := NormalizeDocNo(tt.in); got != tt.want {
			t.Errorf("NormalizeDocNo(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := NormalizeDocNo(tt.want); got != tt.want {
			t.Errorf("NormalizeDocNo(%q) = %q, not idempotent", tt.want, got)
		}
	}
}

func TestDocNoString(t *testing.T) {
	if got := (DocNo{}).String(); got != "" {
		t.Errorf("zero DocNo prints %q, want empty", got)
	}
	if got := (DocNo{"国办发", 2017, 47}).String(); got != "国办发〔2017〕47号" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzParseDocNo(f *testing.F) {
	for _, s := range []string{"沈政发〔2023〕12号", "沈政发[2023]12号", "沈政发2023 12号", "第289号", "川发改价格规〔2021〕499号", "沈政发〔２０２３〕第１２号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeDocNo(s)
		if again := NormalizeDocNo(n); again != n {
			t.Fatalf("NormalizeDocNo not idempotent: %q -> %q -> %q", s, n, again)
		}
		d, err := ParseDocNo(s)
		if err != nil {
			return
		}
		c := d.String()
		d2, err := ParseDocNo(c)
		if err != nil {
			t.Fatalf("ParseDocNo(%q) = %+v, but its String %q does not parse: %v", s, d, c, err)
		}
		if d2 != d {
			t.Fatalf("round trip of %q: %+v -> %q -> %+v", s, d, c, d2)
		}
		if n != c || NormalizeDocNo(c) != c {
			t.Fatalf("NormalizeDocNo(%q) = %q, NormalizeDocNo(%q) = %q, want %q", s, n, c, NormalizeDocNo(c), c)
		}
	})
}
