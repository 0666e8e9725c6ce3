package catalog_test

import (
	"errors"
	"slices"
	"testing"

	"xxgk/catalog"
)

func codes(cols []catalog.Column) []string {
	out := []string{}
	for _, c := range cols {
		out = append(out, c.Code)
	}
	return out
}

func TestNewBodyStartsWithStandardColumns(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	cols, err := f.s.Columns(f.ctx, sy)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range catalog.StandardColumns() {
		want = append(want, c.Code)
	}
	if !slices.Equal(codes(cols), want) {
		t.Errorf("columns %v\nwant %v", codes(cols), want)
	}
	byCode := map[string]catalog.Column{}
	for _, c := range cols {
		byCode[c.Code] = c
	}
	if c := byCode[catalog.ColumnPolicyNormative]; c.Depth != 3 || c.ParentCode != catalog.ColumnPolicy ||
		c.Art20Item != 1 || c.Freshness != catalog.FreshnessPolicy || !c.Standard || c.EmptyNote == "" {
		t.Errorf("policy-normative: %+v", c)
	}
	if c := byCode[catalog.ColumnGuide]; c.Depth != 1 || c.ParentCode != "" || c.Entries != 0 || c.LastPublishedAt != nil {
		t.Errorf("guide: %+v", c)
	}
	if _, err := f.s.Columns(f.ctx, "nobody"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("columns of an unknown body: %v", err)
	}

	// Bodies from before the catalog get theirs from EnsureStandardColumns, once.
	if _, err := f.db.ExecContext(f.ctx, `INSERT INTO bodies (code, name, org_code, kind, level, path)
		VALUES ('old', '旧机关', '000013338', 'department', 'city', '/99/')`); err != nil {
		t.Fatal(err)
	}
	if cols, err := f.s.Columns(f.ctx, "old"); err != nil || len(cols) != 0 {
		t.Fatalf("legacy body: %v, %v", cols, err)
	}
	for range 2 {
		if err := f.s.EnsureStandardColumns(f.ctx); err != nil {
			t.Fatal(err)
		}
	}
	if cols, err := f.s.Columns(f.ctx, "old"); err != nil || !slices.Equal(codes(cols), want) {
		t.Errorf("legacy body after EnsureStandardColumns: %v, %v", codes(cols), err)
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = 'column.standard'`); n != 1 {
		t.Errorf("%d column.standard events; want 1 (the second run changes nothing)", n)
	}
}

func TestColumnCreateRenameMoveRetire(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)

	a, err := f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{ParentCode: catalog.ColumnPolicy, Name: "通知公告"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Code != "c-1" || a.ParentCode != catalog.ColumnPolicy || a.Art20Item != 1 || a.Freshness != catalog.FreshnessPolicy ||
		a.Depth != 3 || a.Standard {
		t.Errorf("created: %+v (want the parent's item and freshness)", a)
	}
	b, err := f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{ParentCode: catalog.ColumnPolicy, Name: "工作动态",
		Freshness: catalog.FreshnessNews, Art20Item: 15})
	if err != nil {
		t.Fatal(err)
	}
	if b.Code != "c-2" || b.Freshness != catalog.FreshnessNews || b.Art20Item != 15 {
		t.Errorf("second: %+v", b)
	}
	_, err = f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{ParentCode: "nope", Name: "x"})
	wantValidation(t, err, "parent_code")
	_, err = f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{Name: "", Freshness: "daily"})
	wantValidation(t, err, "name", "freshness")

	children := func() []string {
		cols, err := f.s.Columns(f.ctx, sy)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cols {
			if c.ParentCode == catalog.ColumnPolicy {
				out = append(out, c.Code)
			}
		}
		return out
	}
	std := []string{catalog.ColumnPolicyRules, catalog.ColumnPolicyNormative, catalog.ColumnPolicyOther}
	if got := children(); !slices.Equal(got, append(slices.Clone(std), "c-1", "c-2")) {
		t.Errorf("children of 政策文件: %v", got)
	}

	renamed, err := f.s.UpdateColumn(f.ctx, f.actor, sy, "c-1", catalog.ColumnInput{Name: "通知公告（新）", NameEN: "Notices"})
	if err != nil || renamed.Name != "通知公告（新）" || renamed.NameEN != "Notices" || renamed.Freshness != catalog.FreshnessPolicy {
		t.Errorf("renamed: %+v, %v", renamed, err)
	}
	g, err := f.s.UpdateColumn(f.ctx, f.actor, sy, catalog.ColumnGuide, catalog.ColumnInput{Name: "公开指南"})
	if err != nil || g.Name != "公开指南" || g.Code != catalog.ColumnGuide {
		t.Errorf("renamed standard column: %+v, %v", g, err)
	}
	_, err = f.s.UpdateColumn(f.ctx, f.actor, sy, catalog.ColumnPolicyRules, catalog.ColumnInput{Name: "规章", Art20Item: 5})
	wantValidation(t, err, "art20_item")

	if err := f.s.MoveColumn(f.ctx, f.actor, sy, "c-2", 0); err != nil {
		t.Fatal(err)
	}
	if got := children(); !slices.Equal(got, []string{"c-2", catalog.ColumnPolicyRules, catalog.ColumnPolicyNormative, catalog.ColumnPolicyOther, "c-1"}) {
		t.Errorf("after moving c-2 first: %v", got)
	}
	if err := f.s.MoveColumn(f.ctx, f.actor, sy, "c-2", 99); err != nil {
		t.Fatal(err)
	}
	if got := children(); !slices.Equal(got, append(slices.Clone(std), "c-1", "c-2")) {
		t.Errorf("after moving c-2 last: %v", got)
	}

	// Entries follow their column; a retired column takes no new ones but keeps its entries.
	e := f.publish(t, f.create(t, sy, catalog.EntryInput{Title: "公告", FormedOn: day("2025-06-01"), Column: "c-1"}).ID)
	col, _ := f.s.Column(f.ctx, sy, "c-1")
	parent, _ := f.s.Column(f.ctx, sy, catalog.ColumnPolicy)
	if col.Entries != 1 || col.LastPublishedAt == nil || parent.Entries != 1 {
		t.Errorf("entry counts: column %d (last %v), parent %d", col.Entries, col.LastPublishedAt, parent.Entries)
	}
	if err := f.s.RetireColumn(f.ctx, f.actor, sy, "c-1"); err != nil {
		t.Fatal(err)
	}
	if got := children(); !slices.Equal(got, append(slices.Clone(std), "c-2")) {
		t.Errorf("after retiring c-1: %v", got)
	}
	if c, err := f.s.Column(f.ctx, sy, "c-1"); err != nil || !c.Retired {
		t.Errorf("retired column: %+v, %v", c, err)
	}
	if got, err := f.s.Get(f.ctx, e.ID); err != nil || got.ColumnCode != "c-1" {
		t.Errorf("entry of a retired column: %+v, %v", got, err)
	}
	_, err = f.s.Create(f.ctx, f.actor, sy, catalog.EntryInput{Title: "新公告", FormedOn: day("2025-06-01"), Column: "c-1"})
	wantValidation(t, err, "column")
	// An entry already there can still be corrected.
	if c, err := f.s.Update(f.ctx, f.actor, e.ID, catalog.EntryInput{Title: "公告（更正）", FormedOn: day("2025-06-01"),
		Column: "c-1"}, ""); err != nil || c.Version != 2 || c.ColumnCode != "c-1" {
		t.Errorf("correct an entry of a retired column: %+v, %v", c, err)
	}
	if err := f.s.RetireColumn(f.ctx, f.actor, sy, "c-1"); err != nil {
		t.Errorf("retiring again: %v", err)
	}
	if err := f.s.RetireColumn(f.ctx, f.actor, sy, catalog.ColumnGuide); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("retire a standard top column: %v", err)
	}
	if err := f.s.RetireColumn(f.ctx, f.actor, sy, catalog.ColumnPolicy); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("retire a column with sub-columns: %v", err)
	}
	if err := f.s.RetireColumn(f.ctx, f.actor, sy, "nope"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("retire an unknown column: %v", err)
	}
	if _, err := f.s.UpdateColumn(f.ctx, f.actor, sy, "c-1", catalog.ColumnInput{Name: "复活"}); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("update a retired column: %v", err)
	}
	// A new column takes the next number, not a retired one's.
	if c, err := f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{Name: "专题"}); err != nil || c.Code != "c-3" || c.Depth != 1 {
		t.Errorf("third column: %+v, %v", c, err)
	}
	for action, want := range map[string]int{"column.create": 3, "column.update": 2, "column.move": 2, "column.retire": 1} {
		if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = $1`, action); n != want {
			t.Errorf("%d %s events, want %d", n, action, want)
		}
	}
}
