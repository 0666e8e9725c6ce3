package catalog_test

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
	"xxgk/calendar"

	"xxgk/bodies"
	"xxgk/catalog"
)

// The public pages read the column tree from CachedTree: its counts may lag by TreeMaxAge, but
// a column change through the store shows at once, and Tree is always fresh.
func TestCachedTree(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	cached, err := f.s.CachedTree(f.ctx, sy)
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := f.s.Columns(f.ctx, sy)
	if !slices.Equal(codes(cached.Visible()), codes(cols)) {
		t.Errorf("cached tree %v, columns %v", codes(cached.Visible()), codes(cols))
	}
	if _, err := f.s.CachedTree(f.ctx, "nobody"); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("tree of an unknown body: %v", err)
	}

	c, err := f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{ParentCode: catalog.ColumnPolicy, Name: "通知公告"})
	if err != nil {
		t.Fatal(err)
	}
	cached, _ = f.s.CachedTree(f.ctx, sy)
	if got, ok := cached.Column(c.Code); !ok || got.Name != "通知公告" {
		t.Fatalf("cached tree right after CreateColumn: %+v, %v", got, ok)
	}
	if _, err := f.s.UpdateColumn(f.ctx, f.actor, sy, c.Code, catalog.ColumnInput{Name: "通知"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := mustCached(t, f, sy).Column(c.Code); got.Name != "通知" {
		t.Errorf("cached tree after UpdateColumn: %q", got.Name)
	}

	// Publishing changes counts, which the copy shows only when it is renewed.
	f.publish(t, f.create(t, sy, catalog.EntryInput{Title: "公告", FormedOn: day("2025-06-01"), Column: c.Code}).ID)
	if got, _ := mustCached(t, f, sy).Column(c.Code); got.Entries != 0 {
		t.Errorf("cached count %d right after publishing; want the copy's 0", got.Entries)
	}
	fresh, err := f.s.Tree(f.ctx, sy)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := fresh.Column(c.Code); got.Entries != 1 {
		t.Errorf("fresh count %d, want 1", got.Entries)
	}

	if err := f.s.RetireColumn(f.ctx, f.actor, sy, c.Code); err != nil {
		t.Fatal(err)
	}
	after := mustCached(t, f, sy)
	if slices.Contains(codes(after.Visible()), c.Code) {
		t.Error("a retired column is still visible in the cached tree")
	}
	if got, ok := after.Column(c.Code); !ok || !got.Retired {
		t.Errorf("retired column looked up: %+v, %v (its entries stay readable)", got, ok)
	}
}

func mustCached(t *testing.T, f *fixture, body string) catalog.Tree {
	t.Helper()
	tr, err := f.s.CachedTree(f.ctx, body)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// A page that holds the tree passes BodyID and ColumnIDs so that List need not look them up; the
// page it gets is the one List finds by codes.
func TestListWithIDsFromTheTree(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	b, err := bodies.NewStore(f.db).Get(f.ctx, sy)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{ParentCode: catalog.ColumnPolicyOther, Name: "通知公告"})
	if err != nil {
		t.Fatal(err)
	}
	for i, col := range []string{catalog.ColumnPolicyOther, sub.Code, sub.Code, catalog.ColumnGuide} {
		f.publish(t, f.create(t, sy, catalog.EntryInput{Title: "文件" + string(rune('甲'+i)), FormedOn: day("2025-06-01"), Column: col,
			Body: "正文"}).ID)
	}
	tree, err := f.s.Tree(f.ctx, sy)
	if err != nil {
		t.Fatal(err)
	}
	if ids := tree.Subtree(catalog.ColumnPolicyOther); len(ids) != 2 {
		t.Errorf("subtree of %s: %v, want it and %s", catalog.ColumnPolicyOther, ids, sub.Code)
	}
	ids := func(es []catalog.Entry) []int64 {
		out := []int64{}
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	for _, col := range []string{"", catalog.ColumnPolicy, catalog.ColumnPolicyOther, sub.Code, catalog.ColumnGuide} {
		byCode := catalog.ListFilter{BodyCode: sy, Column: col, PublicOnly: true}
		byID := byCode
		byID.BodyID = b.ID
		if col != "" {
			byID.ColumnIDs = tree.Subtree(col)
		}
		n1, want, err := f.s.List(f.ctx, byCode)
		if err != nil {
			t.Fatal(err)
		}
		n2, got, err := f.s.List(f.ctx, byID)
		if err != nil {
			t.Fatal(err)
		}
		if n1 != n2 || !slices.Equal(ids(got), ids(want)) || n1 == 0 {
			t.Errorf("column %q: by ids %d %v, by codes %d %v", col, n2, ids(got), n1, ids(want))
		}
	}
	byID := catalog.ListFilter{BodyCode: sy, BodyID: b.ID, PublicOnly: true, NoTotal: true, PageSize: 2}
	n, es, err := f.s.List(f.ctx, byID)
	if err != nil || n != -1 || len(es) != 2 {
		t.Errorf("NoTotal: total %d, %d entries, %v; want -1 and a page of 2", n, len(es), err)
	}
}

// A brief list (the portal's lists) has the same entries as a full one, with the same fields
// a list shows, validity derived for today, and nothing else.
func TestBriefList(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.setNow(time.Date(2025, 8, 1, 9, 0, 0, 0, calendar.China))
	f.publish(t, f.create(t, sy, catalog.EntryInput{Title: "沈阳市优化营商环境若干措施", FormedOn: day("2025-06-10"),
		Issuers: []string{"沈阳市人民政府", "沈阳市发展和改革委员会"}, DocNo: "沈政发[2025]12号", Kind: catalog.KindNormative,
		ValidUntil: day("2026-06-09"), Body: "第一条 ……"}).ID)
	f.publish(t, f.create(t, sy, catalog.EntryInput{Title: "关于开展2025年度政务公开工作的通知", TitleEN: "Notice on open government work in 2025",
		FormedOn: day("2025-07-01"), Column: catalog.ColumnPolicyOther, Body: "各区县……"}).ID)
	f.setNow(time.Date(2026, 7, 1, 9, 0, 0, 0, calendar.China)) // past the normative document's valid-until date
	full := catalog.ListFilter{BodyCode: sy, PublicOnly: true, PageSize: 100}
	_, es, err := f.s.List(f.ctx, full)
	if err != nil {
		t.Fatal(err)
	}
	brief := full
	brief.Brief = true
	_, short, err := f.s.List(f.ctx, brief)
	if err != nil || len(short) != len(es) || len(es) != 2 {
		t.Fatalf("Brief: %d entries, %v; want the %d of the full list (2)", len(short), err, len(es))
	}
	listed := func(e catalog.Entry) catalog.Entry {
		return catalog.Entry{ID: e.ID, BodyCode: e.BodyCode, BodyName: e.BodyName, Status: e.Status, IndexNo: e.IndexNo,
			Title: e.Title, TitleEN: e.TitleEN, FormedOn: e.FormedOn, PublishedAt: e.PublishedAt, Issuers: e.Issuers,
			Issuer: e.Issuer, DocNo: e.DocNo, Kind: e.Kind, Validity: e.Validity, ValidUntil: e.ValidUntil, RepealedOn: e.RepealedOn}
	}
	for i := range es {
		if got, want := listed(short[i]), listed(es[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("Brief entry %d:\n got %+v\nwant %+v", i, got, want)
		}
		if e := short[i]; e.Body != "" || e.Summary != "" || e.ColumnCode != "" || e.Version != 0 {
			t.Errorf("Brief entry %d has fields a list does not show: %+v", i, e)
		}
	}
	i := slices.IndexFunc(short, func(e catalog.Entry) bool { return e.Kind == catalog.KindNormative })
	if i < 0 {
		t.Fatalf("no normative document in the brief list %+v", short)
	}
	if norm := short[i]; norm.Kind != catalog.KindNormative || norm.Validity != catalog.ValidityLapsed || norm.Issuer != "沈阳市人民政府、沈阳市发展和改革委员会" || norm.DocNo != "沈政发〔2025〕12号" {
		t.Errorf("the normative document in a brief list: %+v; want it lapsed, with its issuers and number", norm)
	}
}

// History lists what Versions lists, without the snapshots.
func TestHistory(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	e := f.publish(t, f.create(t, sy, other("公告", "2025-06-01")).ID)
	if _, err := f.s.Update(f.ctx, f.actor, e.ID, other("公告（更正）", "2025-06-01"), "更正标题"); err != nil {
		t.Fatal(err)
	}
	full, err := f.s.Versions(f.ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.s.History(f.ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 2 || len(full) != 2 {
		t.Fatalf("history %d versions, versions %d; want 2", len(h), len(full))
	}
	for i := range h {
		if h[i].Version != full[i].Version || !h[i].At.Equal(full[i].At) || h[i].Actor != full[i].Actor || h[i].Note != full[i].Note {
			t.Errorf("version %d: history %+v, versions %+v", i+1, h[i], full[i])
		}
	}
	if h[1].Note != "更正标题" {
		t.Errorf("note %q", h[1].Note)
	}
	if h, err := f.s.History(f.ctx, e.ID+1000); err != nil || len(h) != 0 {
		t.Errorf("history of an unknown entry: %v, %v", h, err)
	}
}
