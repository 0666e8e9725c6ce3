package catalog

import (
	"testing"
	"time"
)

func TestStandardColumns(t *testing.T) {
	cols := StandardColumns()
	seen := map[string]ColumnTemplate{}
	names := map[string]bool{}
	items := map[int]bool{}
	var tops []string
	for i, c := range cols {
		if c.Code == "" || c.Name == "" || c.NameEN == "" {
			t.Errorf("column %d incomplete: %+v", i, c)
		}
		if _, dup := seen[c.Code]; dup {
			t.Errorf("code %q used twice", c.Code)
		}
		if names[c.Parent+"/"+c.Name] {
			t.Errorf("name %q used twice under %q", c.Name, c.Parent)
		}
		names[c.Parent+"/"+c.Name] = true
		if !c.Freshness.Valid() {
			t.Errorf("%s: freshness %q", c.Code, c.Freshness)
		}
		if c.Art20Item < 0 || c.Art20Item > 15 {
			t.Errorf("%s: Art. 20 item %d", c.Code, c.Art20Item)
		}
		if c.Parent == "" {
			tops = append(tops, c.Name)
		} else if p, ok := seen[c.Parent]; !ok {
			t.Errorf("%s: parent %q does not come before it", c.Code, c.Parent)
		} else if p.Art20Item != 0 && p.Art20Item != c.Art20Item {
			t.Errorf("%s: item %d under a column of item %d", c.Code, c.Art20Item, p.Art20Item)
		}
		seen[c.Code] = c
		items[c.Art20Item] = true
	}
	want := []string{"政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报"}
	if len(tops) != len(want) {
		t.Fatalf("top columns %v, want %v", tops, want)
	}
	for i := range want {
		if tops[i] != want[i] {
			t.Errorf("top column %d = %q, want %q", i, tops[i], want[i])
		}
	}
	for item := 1; item <= 15; item++ {
		if !items[item] {
			t.Errorf("no column serves Art. 20 item %d", item)
		}
	}
	for _, code := range []string{ColumnGuide, ColumnRules, ColumnStatutory, ColumnPolicy, ColumnPolicyRules, ColumnPolicyNormative, ColumnPolicyOther, ColumnInterpretations, ColumnAnnualReports} {
		if _, ok := StandardColumn(code); !ok {
			t.Errorf("constant %q names no standard column", code)
		}
	}
	for _, code := range []string{ColumnGuide, ColumnAnnualReports, "art20-2", "art20-7"} {
		if c := seen[code]; c.EmptyNote != "" {
			t.Errorf("%s must never be empty, but has an empty note", code)
		}
	}
	cols[0].Name = "changed"
	if StandardColumns()[0].Name == "changed" {
		t.Error("StandardColumns shares its slice between calls")
	}
}

func TestDefaultColumnForKind(t *testing.T) {
	tests := []struct {
		k    Kind
		want string
	}{
		{KindRule, "policy-rules"},
		{KindNormative, "policy-normative"},
		{KindOther, ""},
		{Kind("bogus"), ""},
	}
	for _, tt := range tests {
		got := DefaultColumnForKind(tt.k)
		if got != tt.want {
			t.Errorf("DefaultColumnForKind(%q) = %q, want %q", tt.k, got, tt.want)
		}
		if got == "" {
			continue
		}
		c, _ := StandardColumn(got)
		if c.Art20Item != 1 || c.Parent != ColumnPolicy {
			t.Errorf("%s: item %d, parent %q; want item 1 under %s", got, c.Art20Item, c.Parent, ColumnPolicy)
		}
	}
}

func TestFreshnessStaleAt(t *testing.T) {
	last := time.Date(2024, 8, 31, 9, 0, 0, 0, time.UTC)
	if got, ok := FreshnessNews.StaleAt(last); !ok || !got.Equal(time.Date(2024, 9, 14, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("news: %v %v", got, ok)
	}
	for _, tt := range []struct{ last, want time.Time }{
		{last, time.Date(2025, 2, 28, 9, 0, 0, 0, time.UTC)},
		{time.Date(2023, 8, 31, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)},
		{time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC)},
		{time.Date(2024, 10, 31, 0, 0, 0, 0, time.UTC), time.Date(2025, 4, 30, 0, 0, 0, 0, time.UTC)},
	} {
		if got, ok := FreshnessPolicy.StaleAt(tt.last); !ok || !got.Equal(tt.want) {
			t.Errorf("policy StaleAt(%v) = %v, %v; want %v", tt.last, got, ok, tt.want)
		}
	}
	if _, ok := FreshnessNone.StaleAt(last); ok {
		t.Error("none class reported a stale date")
	}
}
