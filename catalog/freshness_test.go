package catalog_test

import (
	"slices"
	"testing"

	"xxgk/catalog"
)

func TestFreshnessReport(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.setNow(at("2025-06-16 10:00"))

	emptyCodes := func(r catalog.FreshnessReport) []string {
		var out []string
		for _, c := range r.Empty {
			out = append(out, c.Column.Code)
		}
		return out
	}
	r, err := f.s.Freshness(f.ctx, sy)
	if err != nil {
		t.Fatal(err)
	}
	// A new body: the leaf columns without an explanation note are empty.
	if want := []string{catalog.ColumnGuide, "art20-2", "art20-7", catalog.ColumnAnnualReports}; !slices.Equal(emptyCodes(r), want) || r.Fails {
		t.Errorf("new body: empty %v (want %v), fails %v", emptyCodes(r), want, r.Fails)
	}

	// A fifth empty column fails the site.
	news, err := f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{Name: "工作动态", Freshness: catalog.FreshnessNews})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := f.s.Freshness(f.ctx, sy); len(r.Empty) != 5 || !r.Fails {
		t.Errorf("five empty columns: %v, fails %v", emptyCodes(r), r.Fails)
	}

	// Content fills columns; old content makes them stale.
	f.setNow(at("2024-10-01 09:00"))
	f.publish(t, f.create(t, sy, normative("去年的规范性文件", "2024-09-25")).ID)
	f.publish(t, f.create(t, sy, catalog.EntryInput{Title: "公开指南", FormedOn: day("2024-09-25"), Column: catalog.ColumnGuide}).ID)
	f.setNow(at("2025-06-01 09:00"))
	f.publish(t, f.create(t, sy, catalog.EntryInput{Title: "动态", FormedOn: day("2025-05-30"), Column: news.Code}).ID)
	late := f.create(t, sy, other("久未发布的草稿", "2025-04-01"))
	withheld := other("不予公开的草稿", "2025-04-01")
	withheld.DisclosureMode, withheld.WithheldReason = catalog.DisclosureWithheld, "涉密"
	f.create(t, sy, withheld)

	f.setNow(at("2025-06-16 10:00"))
	r, err = f.s.Freshness(f.ctx, sy)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"art20-2", "art20-7", catalog.ColumnAnnualReports}; !slices.Equal(emptyCodes(r), want) {
		t.Errorf("empty %v, want %v", emptyCodes(r), want)
	}
	// 政策文件 columns are stale six months after the last entry (1 April 2025); the news column
	// updated on 1 June is stale from 15 June.
	var stale []string
	for _, c := range r.Stale {
		stale = append(stale, c.Column.Code)
	}
	if want := []string{catalog.ColumnPolicyNormative, news.Code}; !slices.Equal(stale, want) {
		t.Errorf("stale %v, want %v", stale, want)
	}
	if len(r.Stale) == 2 && (r.Stale[0].StaleSince == nil || !r.Stale[0].StaleSince.Equal(at("2025-04-01 09:00"))) {
		t.Errorf("stale since %v", r.Stale[0].StaleSince)
	}
	if len(r.Late) != 1 || r.Late[0].ID != late.ID {
		t.Errorf("late: %v, want the overdue draft only", r.Late)
	}
	if r.Fails {
		t.Error("3 empty and 2 stale columns fail the site")
	}
}
