package catalog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/catalog"
)

func TestEntryLifecycle(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)

	in := catalog.EntryInput{
		Title: "  沈阳市优化营商环境若干措施 ", Summary: "围绕市场主体关切……", FormedOn: day("2025-06-10"),
		Issuers: []string{"沈阳市人民政府、沈阳市发展和改革委员会"}, DocNo: "沈政发[2025]12号",
		Subject: `综合政务\政务公开`, Keywords: []string{"营商环境", "营商环境"}, Kind: catalog.KindNormative,
		ValidUntil: day("2030-06-09"), Body: "第一条 ……",
	}
	draft := f.create(t, sy, in)
	if draft.Status != catalog.StatusDraft || draft.IndexNo != "" || draft.PublishedAt != nil || draft.Version != 1 {
		t.Errorf("draft: status %s index %q published %v version %d", draft.Status, draft.IndexNo, draft.PublishedAt, draft.Version)
	}
	if draft.Title != "沈阳市优化营商环境若干措施" || draft.DocNo != "沈政发〔2025〕12号" ||
		draft.Issuer != "沈阳市人民政府、沈阳市发展和改革委员会" || len(draft.Keywords) != 1 {
		t.Errorf("draft not normalised: title %q doc %q issuer %q keywords %v", draft.Title, draft.DocNo, draft.Issuer, draft.Keywords)
	}
	if draft.ColumnCode != catalog.ColumnPolicyNormative || draft.Validity != catalog.ValidityInForce || draft.Public() {
		t.Errorf("draft: column %s validity %s public %v", draft.ColumnCode, draft.Validity, draft.Public())
	}
	target := fmt.Sprintf("entry:%d", draft.ID)

	// A draft changes in place.
	in.Summary = "围绕市场主体关切，提出二十条措施。"
	draft, err := f.s.Update(f.ctx, f.actor, draft.ID, in, "")
	if err != nil {
		t.Fatal(err)
	}
	if draft.Version != 1 || draft.Summary != in.Summary {
		t.Errorf("draft update: version %d summary %q", draft.Version, draft.Summary)
	}
	if vs, err := f.s.Versions(f.ctx, draft.ID); err != nil || len(vs) != 0 {
		t.Errorf("draft versions: %v, %v; want none", vs, err)
	}
	if n := f.outbox(t, draft.ID); n != 0 {
		t.Errorf("draft wrote %d outbox rows; the public sees nothing yet", n)
	}

	f.setNow(at("2025-06-16 10:30"))
	pub := f.publish(t, draft.ID)
	if pub.Status != catalog.StatusPublished || pub.IndexNo != "000014349/2025-00001" || !pub.Public() {
		t.Errorf("published: status %s index %q public %v", pub.Status, pub.IndexNo, pub.Public())
	}
	if pub.PublishedAt == nil || !pub.PublishedAt.Equal(at("2025-06-16 10:30")) {
		t.Errorf("published_at %v", pub.PublishedAt)
	}
	if _, err := f.s.Publish(f.ctx, f.actor, draft.ID); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("publish twice: %v, want ErrNotAllowed", err)
	}

	// A correction of a published entry is a new version; version 1 stays readable.
	f.setNow(at("2025-06-17 09:00"))
	old := pub.Title
	in.Title = "沈阳市进一步优化营商环境若干措施"
	v2, err := f.s.Update(f.ctx, f.actor, draft.ID, in, "更正标题")
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != 2 || v2.Title != in.Title || v2.IndexNo != pub.IndexNo || !v2.PublishedAt.Equal(*pub.PublishedAt) {
		t.Errorf("corrected: version %d title %q index %q published %v", v2.Version, v2.Title, v2.IndexNo, v2.PublishedAt)
	}
	vs, err := f.s.Versions(f.ctx, draft.ID)
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions: %d, %v", len(vs), err)
	}
	if vs[0].Version != 1 || vs[0].Snapshot.Title != old || vs[0].Actor != "officer1" || string(vs[0].Changes) != "{}" {
		t.Errorf("version 1: %+v", vs[0])
	}
	var changes map[string]struct{ Before, After string }
	if err := json.Unmarshal(vs[1].Changes, &changes); err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes["title"].Before != old || changes["title"].After != in.Title ||
		vs[1].Note != "更正标题" || !vs[1].At.Equal(at("2025-06-17 09:00")) || vs[1].Snapshot.Title != in.Title {
		t.Errorf("version 2: changes %v note %q at %v", changes, vs[1].Note, vs[1].At)
	}
	if v1, err := f.s.Version(f.ctx, draft.ID, 1); err != nil || v1.Snapshot.Title != old || v1.Snapshot.IndexNo != pub.IndexNo {
		t.Errorf("Version(1): %+v, %v", v1.Snapshot, err)
	}
	if _, err := f.s.Version(f.ctx, draft.ID, 9); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("Version(9): %v, want ErrNotFound", err)
	}

	// An edit that changes nothing makes no version.
	same, err := f.s.Update(f.ctx, f.actor, draft.ID, in, "再次保存")
	if err != nil || same.Version != 2 {
		t.Errorf("no-op update: version %d, %v", same.Version, err)
	}

	if _, err := f.s.Withdraw(f.ctx, f.actor, draft.ID, "  "); err == nil {
		t.Error("withdraw without a reason accepted")
	} else {
		wantValidation(t, err, "reason")
	}
	f.setNow(at("2025-06-18 15:00"))
	wd, err := f.s.Withdraw(f.ctx, f.actor, draft.ID, "内容有误，重新发布")
	if err != nil {
		t.Fatal(err)
	}
	if wd.Status != catalog.StatusWithdrawn || wd.WithdrawnReason != "内容有误，重新发布" || wd.WithdrawnAt == nil ||
		!wd.WithdrawnAt.Equal(at("2025-06-18 15:00")) || wd.Version != 3 || !wd.Public() {
		t.Errorf("withdrawn: %+v", wd)
	}
	if _, err := f.s.Update(f.ctx, f.actor, draft.ID, in, ""); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("update withdrawn: %v, want ErrNotAllowed", err)
	}
	if _, err := f.s.Withdraw(f.ctx, f.actor, draft.ID, "again"); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("withdraw twice: %v, want ErrNotAllowed", err)
	}
	total, list, err := f.s.List(f.ctx, catalog.ListFilter{BodyCode: sy, PublicOnly: true})
	if err != nil || total != 1 || list[0].Status != catalog.StatusWithdrawn {
		t.Errorf("public list after withdrawal: %d %v %v", total, list, err)
	}

	// Nothing published is deleted.
	if _, err := f.db.ExecContext(f.ctx, `DELETE FROM entries WHERE id = $1`, draft.ID); err == nil ||
		!strings.Contains(err.Error(), "cannot be deleted") {
		t.Errorf("DELETE of a withdrawn entry: %v", err)
	}
	if err := f.s.DeleteDraft(f.ctx, f.actor, draft.ID); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("DeleteDraft of a withdrawn entry: %v", err)
	}
	d2 := f.create(t, sy, other("临时草稿", "2025-06-01"))
	if err := f.s.DeleteDraft(f.ctx, f.actor, d2.ID); err != nil {
		t.Errorf("DeleteDraft: %v", err)
	}
	if _, err := f.s.Get(f.ctx, d2.ID); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("deleted draft: %v", err)
	}

	for action, want := range map[string]int{"entry.create": 1, "entry.update": 2, "entry.publish": 1, "entry.withdraw": 1} {
		if n := f.events(t, action, target); n != want {
			t.Errorf("%d %s events, want %d", n, action, want)
		}
	}
	if n := f.outbox(t, draft.ID); n != 3 {
		t.Errorf("%d outbox rows; want 3 (publish, correction, withdrawal)", n)
	}
	var changed json.RawMessage
	if err := f.db.GetContext(f.ctx, &changed, `SELECT changes FROM audit_events WHERE action = 'entry.update'
		AND target = $1 ORDER BY id DESC LIMIT 1`, target); err != nil || !strings.Contains(string(changed), in.Title) {
		t.Errorf("audit changes of the correction: %s, %v", changed, err)
	}
	if _, err := audit.Verify(f.ctx, f.db); err != nil {
		t.Errorf("audit chain: %v", err)
	}
}

func TestPublishConcurrentIndexNumbers(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	const n, workers = 40, 4
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = f.create(t, sy, other(fmt.Sprintf("通知 %d", i), "2025-06-01")).ID
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		nos  []string
		errs []error
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				e, err := f.s.Publish(f.ctx, f.actor, ids[i])
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else {
					nos = append(nos, e.IndexNo)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("concurrent publish: %v", errs)
	}
	slices.Sort(nos)
	want := make([]string, n)
	for i := range want {
		want[i] = catalog.FormatIndexNo("000014349", 2025, i+1)
	}
	if !slices.Equal(nos, want) {
		t.Errorf("index numbers are not distinct and consecutive:\n got %v\nwant %v", nos, want)
	}
}

func TestIndexSerialRestartsEachYearInChinaTime(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	a := f.create(t, sy, other("年末通知", "2024-12-20"))
	b := f.create(t, sy, other("年末通知二", "2024-12-20"))
	c := f.create(t, sy, other("新年通知", "2024-12-20"))

	f.setNow(at("2024-12-31 23:30"))
	if e := f.publish(t, a.ID); e.IndexNo != "000014349/2024-00001" {
		t.Errorf("last day of 2024: %s", e.IndexNo)
	}
	// 16:30 UTC on 31 December is 00:30 on 1 January in China: the new year's first number.
	f.setNow(time.Date(2024, 12, 31, 16, 30, 0, 0, time.UTC))
	if e := f.publish(t, b.ID); e.IndexNo != "000014349/2025-00001" {
		t.Errorf("00:30 China on 1 January: %s", e.IndexNo)
	}
	f.setNow(at("2025-01-02 09:00"))
	if e := f.publish(t, c.ID); e.IndexNo != "000014349/2025-00002" {
		t.Errorf("second of 2025: %s", e.IndexNo)
	}
}

func TestImportedIndexNumberIsSkipped(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	imp, err := f.s.Import(f.ctx, f.actor, sy, other("旧站条目", "2025-01-05"), "００００１４３４９／2025-00002", at("2025-01-06 10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if imp.IndexNo != "000014349/2025-00002" || imp.Status != catalog.StatusPublished || imp.Source != "import" {
		t.Errorf("imported: %q %s %s", imp.IndexNo, imp.Status, imp.Source)
	}
	if vs, err := f.s.Versions(f.ctx, imp.ID); err != nil || len(vs) != 1 {
		t.Errorf("imported versions: %v, %v", vs, err)
	}
	_, err = f.s.Import(f.ctx, f.actor, sy, other("重复索引号", "2025-01-05"), "000014349/2025-00002", time.Time{})
	wantValidation(t, err, "index_no")

	var got []string
	for i := range 3 {
		e := f.create(t, sy, other(fmt.Sprintf("新条目 %d", i), "2025-06-01"))
		got = append(got, f.publish(t, e.ID).IndexNo)
	}
	want := []string{"000014349/2025-00001", "000014349/2025-00003", "000014349/2025-00004"}
	if !slices.Equal(got, want) {
		t.Errorf("generated %v, want %v (00002 is the import's)", got, want)
	}
}

func TestFindByDocNoInEveryForm(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	in := normative("关于印发某某办法的通知", "2023-03-01")
	in.DocNo = "沈政发[2023]12号"
	e := f.create(t, sy, in)
	if e.DocNo != "沈政发〔2023〕12号" {
		t.Errorf("stored %q", e.DocNo)
	}
	order := other("沈阳市人民政府令", "2023-03-01")
	order.DocNo = "第 289 号"
	o := f.create(t, sy, order)
	if o.DocNo != "第289号" {
		t.Errorf("unparsable number stored as %q", o.DocNo)
	}
	for _, q := range []string{"沈政发〔2023〕12号", "沈政发[2023]12号", "沈政发（2023）12号", "沈政发 ﹝2023﹞ 12 号",
		"沈政发(2023)第12号", "沈政发【2023】12号", "沈政发２０２３　12号"} {
		got, err := f.s.FindByDocNo(f.ctx, q)
		if err != nil || len(got) != 1 || got[0].ID != e.ID {
			t.Errorf("FindByDocNo(%q) = %v, %v", q, got, err)
		}
	}
	if got, err := f.s.FindByDocNo(f.ctx, "第289号"); err != nil || len(got) != 1 || got[0].ID != o.ID {
		t.Errorf("FindByDocNo(第289号) = %v, %v", got, err)
	}
	if got, err := f.s.FindByDocNo(f.ctx, "沈政发〔2023〕13号"); err != nil || len(got) != 0 {
		t.Errorf("another number: %v, %v", got, err)
	}
}

func TestEntryValidation(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.body(t, "sy-fgw", "沈阳市发展和改革委员会", orgCode(t, "11210100001234568"), sy)
	if _, err := f.s.CreateColumn(f.ctx, f.actor, "sy-fgw", catalog.ColumnInput{Name: "发改专栏"}); err != nil {
		t.Fatal(err)
	}
	retired, err := f.s.CreateColumn(f.ctx, f.actor, sy, catalog.ColumnInput{Name: "旧栏目"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.s.RetireColumn(f.ctx, f.actor, sy, retired.Code); err != nil {
		t.Fatal(err)
	}
	base := func() catalog.EntryInput { return other("通知", "2025-06-01") }
	tests := []struct {
		name   string
		edit   func(*catalog.EntryInput)
		fields []string
	}{
		{"empty title", func(in *catalog.EntryInput) { in.Title = "  " }, []string{"title"}},
		{"long title", func(in *catalog.EntryInput) { in.Title = strings.Repeat("长", 301) }, []string{"title"}},
		{"no formed date", func(in *catalog.EntryInput) { in.FormedOn = calendar.Date{} }, []string{"formed_on"}},
		{"formed tomorrow", func(in *catalog.EntryInput) { in.FormedOn = day("2025-06-17") }, []string{"formed_on"}},
		{"bad kind", func(in *catalog.EntryInput) { in.Kind = "law" }, []string{"kind"}},
		{"validity on other", func(in *catalog.EntryInput) { in.Validity = catalog.ValidityInForce }, []string{"validity"}},
		{"valid until on other", func(in *catalog.EntryInput) { in.ValidUntil = day("2030-01-01") }, []string{"valid_until"}},
		{"bad validity", func(in *catalog.EntryInput) { in.Kind = catalog.KindNormative; in.Validity = "maybe" }, []string{"validity"}},
		{"valid until before formed", func(in *catalog.EntryInput) {
			in.Kind = catalog.KindNormative
			in.ValidUntil = day("2025-05-01")
		}, []string{"valid_until"}},
		{"in force but expired", func(in *catalog.EntryInput) {
			in.Kind, in.FormedOn = catalog.KindNormative, day("2019-01-01")
			in.Validity, in.ValidUntil = catalog.ValidityInForce, day("2024-01-01")
		}, []string{"validity"}},
		{"repealed on but in force", func(in *catalog.EntryInput) {
			in.Kind, in.Validity, in.RepealedOn = catalog.KindNormative, catalog.ValidityInForce, day("2025-06-02")
		}, []string{"repealed_on"}},
		{"unknown column", func(in *catalog.EntryInput) { in.Column = "nope" }, []string{"column"}},
		{"another body's column", func(in *catalog.EntryInput) { in.Column = "发改专栏" }, []string{"column"}},
		{"retired column", func(in *catalog.EntryInput) { in.Column = retired.Code }, []string{"column"}},
		{"other without column", func(in *catalog.EntryInput) { in.Column = "" }, []string{"column"}},
		{"withheld without reason", func(in *catalog.EntryInput) { in.DisclosureMode = catalog.DisclosureWithheld }, []string{"withheld_reason"}},
		{"bad mode", func(in *catalog.EntryInput) { in.DisclosureMode = "secret" }, []string{"disclosure_mode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.edit(&in)
			_, err := f.s.Create(f.ctx, f.actor, sy, in)
			wantValidation(t, err, tt.fields...)
		})
	}
	if n := f.count(t, `SELECT count(*) FROM entries`); n != 0 {
		t.Errorf("%d entries stored from invalid input", n)
	}

	// The column may be named by its (current) name; rules and normative documents default.
	in := base()
	in.Column = "机构职能"
	if e := f.create(t, sy, in); e.ColumnCode != "art20-2" {
		t.Errorf("column by name: %s", e.ColumnCode)
	}
	rule := base()
	rule.Kind, rule.Column = catalog.KindRule, ""
	if e := f.create(t, sy, rule); e.ColumnCode != catalog.ColumnPolicyRules || e.Validity != "" {
		t.Errorf("rule: column %s validity %q", e.ColumnCode, e.Validity)
	}
	// An import saying 有效 for a document whose period ran out records it as lapsed.
	old := normative("旧文件", "2018-01-01")
	old.Validity, old.ValidUntil = catalog.ValidityInForce, day("2023-01-01")
	e, err := f.s.Import(f.ctx, f.actor, sy, old, "", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Validity != catalog.ValidityLapsed || e.RecordedValidity() != catalog.ValidityLapsed ||
		e.IndexNo != "000014349/2018-00001" || !e.PublishedAt.Equal(at("2018-01-01 00:00")) {
		t.Errorf("import of an expired document: validity %s/%s index %s published %v", e.Validity, e.RecordedValidity(), e.IndexNo, e.PublishedAt)
	}
	// A withheld entry keeps its reason and is not public even when published.
	w := base()
	w.DisclosureMode, w.WithheldReason, w.ReviewOn = catalog.DisclosureWithheld, "涉及国家秘密", day("2026-06-01")
	we := f.publish(t, f.create(t, sy, w).ID)
	if we.Public() || we.WithheldReason != "涉及国家秘密" || !we.ReviewOn.Valid {
		t.Errorf("withheld: public %v reason %q review %v", we.Public(), we.WithheldReason, we.ReviewOn)
	}
}

func TestList(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.body(t, "sy-fgw", "沈阳市发展和改革委员会", orgCode(t, "11210100001234568"), sy)
	f.setNow(at("2025-03-01 09:00"))
	a := f.publish(t, f.create(t, sy, normative("市政府规范性文件", "2025-02-20")).ID)
	f.setNow(at("2025-04-01 09:00"))
	b := f.publish(t, f.create(t, "sy-fgw", normative("发改委规范性文件", "2025-03-20")).ID)
	c := f.publish(t, f.create(t, "sy-fgw", other("发改委机构职能", "2025-03-20")).ID)
	f.setNow(at("2025-05-01 09:00"))
	d := f.create(t, "sy-fgw", other("草稿", "2025-04-20"))
	f.setNow(at("2025-06-16 10:00"))

	ids := func(es []catalog.Entry) []int64 {
		out := []int64{}
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	tests := []struct {
		name      string
		filter    catalog.ListFilter
		wantTotal int
		want      []int64
	}{
		{"body", catalog.ListFilter{BodyCode: sy}, 1, []int64{a.ID}},
		{"descendants, drafts first", catalog.ListFilter{BodyCode: sy, WithDescendants: true}, 4, []int64{d.ID, c.ID, b.ID, a.ID}},
		{"public", catalog.ListFilter{BodyCode: sy, WithDescendants: true, PublicOnly: true}, 3, []int64{c.ID, b.ID, a.ID}},
		// Public lists of several bodies merge each body's newest rows, up to a depth.
		{"public, page 1 of 2", catalog.ListFilter{BodyCode: sy, WithDescendants: true, PublicOnly: true, PageSize: 2}, 3, []int64{c.ID, b.ID}},
		{"public, page 2", catalog.ListFilter{BodyCode: sy, WithDescendants: true, PublicOnly: true, PageSize: 2, Page: 2}, 3, []int64{a.ID}},
		{"public normative", catalog.ListFilter{BodyCode: sy, WithDescendants: true, PublicOnly: true, Kind: catalog.KindNormative}, 2, []int64{b.ID, a.ID}},
		{"public, past the merged pages", catalog.ListFilter{BodyCode: sy, WithDescendants: true, PublicOnly: true, PageSize: 100, Page: 11}, 3, []int64{}},
		{"public column", catalog.ListFilter{BodyCode: sy, WithDescendants: true, PublicOnly: true, Column: catalog.ColumnPolicy}, 2, []int64{b.ID, a.ID}},
		{"column with sub-columns", catalog.ListFilter{BodyCode: sy, WithDescendants: true, Column: catalog.ColumnPolicy}, 2, []int64{b.ID, a.ID}},
		{"kind", catalog.ListFilter{Kind: catalog.KindOther}, 2, []int64{d.ID, c.ID}},
		{"validity", catalog.ListFilter{Validity: catalog.ValidityInForce}, 2, []int64{b.ID, a.ID}},
		{"status", catalog.ListFilter{Status: catalog.StatusDraft}, 1, []int64{d.ID}},
		{"year", catalog.ListFilter{Year: 2025, BodyCode: "sy-fgw"}, 3, []int64{d.ID, c.ID, b.ID}},
		{"other year", catalog.ListFilter{Year: 2024}, 0, []int64{}},
		{"page 2", catalog.ListFilter{PageSize: 3, Page: 2}, 4, []int64{a.ID}},
		// A page's rows carry the count; a page past the end, with no rows, counts on its own.
		{"one body's public column", catalog.ListFilter{BodyCode: "sy-fgw", PublicOnly: true, Column: catalog.ColumnPolicy, PageSize: 1}, 1, []int64{b.ID}},
		{"one body's public column, past the end", catalog.ListFilter{BodyCode: "sy-fgw", PublicOnly: true, Column: catalog.ColumnPolicy, PageSize: 1, Page: 3}, 1, []int64{}},
		{"past the end", catalog.ListFilter{PageSize: 3, Page: 5}, 4, []int64{}},
		{"no total", catalog.ListFilter{PageSize: 3, NoTotal: true}, -1, []int64{d.ID, c.ID, b.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total, es, err := f.s.List(f.ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.wantTotal || !slices.Equal(ids(es), tt.want) {
				t.Errorf("got %d %v, want %d %v", total, ids(es), tt.wantTotal, tt.want)
			}
		})
	}
	if _, _, err := f.s.List(f.ctx, catalog.ListFilter{BodyCode: "nobody"}); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown body: %v", err)
	}
	if _, err := f.s.Get(f.ctx, 999999); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("Get unknown: %v", err)
	}
}

func TestSnapshotJSONRoundTrip(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	in := normative("往返测试", "2025-06-01")
	in.EffectiveOn, in.ValidUntil, in.RegistrationNo = day("2025-07-01"), day("2030-06-30"), "SYGS—2025—1"
	e := f.publish(t, f.create(t, sy, in).ID)
	v, err := f.s.Version(f.ctx, e.ID, 1)
	if err != nil {
		t.Fatal(err)
	}
	got := v.Snapshot
	if got.Title != e.Title || got.EffectiveOn != e.EffectiveOn || got.ValidUntil != e.ValidUntil ||
		got.RecordedValidity() != catalog.ValidityInForce || got.IndexNo != e.IndexNo ||
		!got.PublishedAt.Equal(*e.PublishedAt) || got.RegistrationNo != "SYGS—2025—1" {
		t.Errorf("snapshot %+v\nentry %+v", got, e)
	}
	if _, err := json.Marshal(v); err != nil {
		t.Error(err)
	}
}
