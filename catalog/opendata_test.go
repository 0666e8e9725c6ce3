package catalog_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"xxgk/catalog"
)

func TestEachPublic(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.body(t, "sy-fgw", "沈阳市发展和改革委员会", "000013338", "sy")
	defer catalog.SetEachChunk(2)()

	var want []string // newest first
	for i, title := range []string{"甲", "乙", "丙", "丁", "戊"} {
		f.setNow(at("2025-06-16 10:00").Add(time.Duration(i) * time.Hour))
		in := other(title, "2025-06-01")
		if i%2 == 1 {
			in = normative(title, "2025-06-01")
		}
		e := f.create(t, sy, in)
		f.publish(t, e.ID)
		want = append([]string{title}, want...)
	}
	f.create(t, sy, other("草稿", "2025-06-01"))
	withheld := other("不予公开", "2025-06-01")
	withheld.DisclosureMode, withheld.WithheldReason = catalog.DisclosureWithheld, "内部事务信息"
	f.publish(t, f.create(t, sy, withheld).ID)
	f.publish(t, f.create(t, "sy-fgw", other("下级机关的信息", "2025-06-01")).ID)

	titles := func(pf catalog.PublicFilter) []string {
		t.Helper()
		got := []string{}
		if err := f.s.EachPublic(f.ctx, pf, func(e catalog.Entry) error {
			got = append(got, e.Title)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := titles(catalog.PublicFilter{BodyCode: sy}); !slices.Equal(got, want) {
		t.Errorf("public entries of sy: %v, want %v", got, want)
	}
	if got := titles(catalog.PublicFilter{BodyCode: sy, Column: catalog.ColumnPolicyNormative}); !slices.Equal(got, []string{"丁", "乙"}) {
		t.Errorf("normative column: %v", got)
	}
	if got := titles(catalog.PublicFilter{BodyCode: sy, WithDescendants: true}); len(got) != 6 || got[0] != "下级机关的信息" {
		t.Errorf("with descendants: %v", got)
	}
	if err := f.s.EachPublic(f.ctx, catalog.PublicFilter{BodyCode: "nope"}, func(catalog.Entry) error { return nil }); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown body: %v", err)
	}
	stop := errors.New("stop")
	n := 0
	if err := f.s.EachPublic(f.ctx, catalog.PublicFilter{}, func(catalog.Entry) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn's error: %v after %d", err, n)
	}

	// References for the sitemap: every public entry of every body once, in id order, in
	// pages that do not overlap.
	total, err := f.s.CountPublic(f.ctx)
	if err != nil || total != 6 {
		t.Fatalf("count public: %d %v", total, err)
	}
	var all []int64
	for offset := 0; offset < total+2; offset += 4 {
		if err := f.s.EachPublicRef(f.ctx, offset, 4, func(r catalog.EntryRef) error {
			if r.BodyCode == "" || r.LastMod.IsZero() {
				t.Errorf("ref %+v", r)
			}
			all = append(all, r.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if len(all) != 6 || !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != 6 {
		t.Errorf("refs in pages of 4: %v", all)
	}

	cols, err := f.s.PublicColumns(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var normativeCol *catalog.ColumnRef
	for i, c := range cols {
		if c.BodyCode == sy && c.Code == catalog.ColumnPolicyNormative {
			normativeCol = &cols[i]
		}
	}
	if normativeCol == nil || normativeCol.LastPublishedAt == nil || !normativeCol.LastPublishedAt.Equal(at("2025-06-16 13:00")) {
		t.Errorf("normative column of sy: %+v", normativeCol)
	}
}
