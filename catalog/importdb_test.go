package catalog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"xxgk/catalog"
)

// importHeader is the template's header, in the template's order.
var importHeader = []string{"索引号", "标题", "发文字号", "发文机关", "成文日期", "发布日期", "类别", "有效性", "有效期至", "废止日期", "栏目", "主题分类", "内容概述", "正文"}

// csvFile joins a header and rows into CSV text (no cell here needs quoting).
func csvFile(header []string, rows ...[]string) string {
	var b strings.Builder
	b.WriteString(strings.Join(header, ",") + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}

// row builds a template row from field values by header name.
func row(fields map[string]string) []string {
	r := make([]string, len(importHeader))
	for i, h := range importHeader {
		r[i] = fields[h]
	}
	return r
}

func (f *fixture) importFile(t *testing.T, body, name, content string, opts catalog.ImportOptions) (catalog.ImportResult, error) {
	t.Helper()
	return f.s.ImportFile(f.ctx, f.actor, body, name, strings.NewReader(content), opts)
}

// problems returns the problems of an *ImportError as strings, failing the test for other errors.
func problems(t *testing.T, err error) []string {
	t.Helper()
	var ie *catalog.ImportError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v is not an *ImportError", err)
	}
	var out []string
	for _, p := range ie.Problems {
		out = append(out, p.String())
	}
	return out
}

// nothingWritten fails the test if an import left any trace in the body's catalog.
func (f *fixture) nothingWritten(t *testing.T, body string, entriesBefore int) {
	t.Helper()
	if n := f.count(t, `SELECT count(*) FROM entries e JOIN bodies b ON b.id = e.body_id WHERE b.code = $1`, body); n != entriesBefore {
		t.Errorf("%d entries in %s, want %d: a failed import wrote some", n, body, entriesBefore)
	}
	if n := f.count(t, `SELECT count(*) FROM entries WHERE source = 'import'`); n != 0 {
		t.Errorf("%d imported entries remain", n)
	}
	if n := f.count(t, `SELECT count(*) FROM entry_versions v JOIN entries e ON e.id = v.entry_id WHERE e.source = 'import'`); n != 0 {
		t.Errorf("%d versions of imported entries remain", n)
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = 'catalog.import'`); n != 0 {
		t.Errorf("%d catalog.import events recorded", n)
	}
}

func TestImportPublishedAndDrafts(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t) // org code 000014349; today is 2025-06-16
	content := csvFile(importHeader,
		row(map[string]string{"索引号": "000014349/2024-00007", "标题": "沈阳市优化营商环境若干措施", "发文字号": "沈政发[2024]3号",
			"发文机关": "沈阳市人民政府、沈阳市发展和改革委员会", "成文日期": "2024-03-01", "发布日期": "2024-03-03", "类别": "行政规范性文件",
			"有效期至": "2029-02-28", "主题分类": `综合政务/政务公开`, "内容概述": "明确了若干措施。", "正文": "第一条 为了……"}),
		row(map[string]string{"标题": "沈阳市城市供水用水管理办法", "成文日期": "2024-04-20", "发布日期": "2024-05-01", "类别": "规章"}),
		row(map[string]string{"标题": "沈阳市发展和改革委员会主要职责", "成文日期": "2024-01-15", "发布日期": "2024-02-01", "类别": "其他", "栏目": "机构职能"}),
		row(map[string]string{"标题": "2025年行政许可事项清单（草稿）", "成文日期": "2025-06-01", "类别": "其他", "栏目": "art20-5"}),
		row(map[string]string{"标题": "关于规范停车收费的通知", "成文日期": "2020-01-01", "发布日期": "2020-01-05", "类别": "行政规范性文件",
			"有效性": "有效", "有效期至": "2025-01-01"}),
		row(map[string]string{"标题": "关于废止部分文件的决定附件", "成文日期": "2019-01-01", "发布日期": "2019-02-01", "类别": "行政规范性文件",
			"废止日期": "2024-12-31"}),
		row(map[string]string{"标题": "2023年统计公报", "成文日期": "2023-03-01", "发布日期": "2023-03-02", "类别": "其他", "栏目": "统计信息"}),
	)

	// A dry run reports what would happen and writes nothing.
	res, err := f.importFile(t, sy, "catalog.csv", content, catalog.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := (catalog.ImportResult{DryRun: true, Rows: 7, Published: 6, Drafts: 1, Generated: 5}); res != want {
		t.Errorf("dry run: %+v, want %+v", res, want)
	}
	f.nothingWritten(t, sy, 0)
	if n := f.count(t, `SELECT count(*) FROM index_counters`); n != 0 {
		t.Errorf("dry run moved %d index counters", n)
	}

	var calls [][2]int
	res, err = f.importFile(t, sy, "catalog.csv", content, catalog.ImportOptions{Progress: func(done, total int) {
		calls = append(calls, [2]int{done, total})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (catalog.ImportResult{Rows: 7, Published: 6, Drafts: 1, Generated: 5}); res != want {
		t.Errorf("import: %+v, want %+v", res, want)
	}
	if len(calls) == 0 || calls[len(calls)-1] != [2]int{7, 7} {
		t.Errorf("progress calls %v, want to end with [7 7]", calls)
	}

	total, es, err := f.s.List(f.ctx, catalog.ListFilter{BodyCode: sy, PageSize: 100})
	if err != nil || total != 7 {
		t.Fatalf("list: %d, %v", total, err)
	}
	byTitle := map[string]catalog.Entry{}
	for _, e := range es {
		byTitle[e.Title] = e
		if e.Source != "import" || e.Version != 1 {
			t.Errorf("%s: source %q version %d", e.Title, e.Source, e.Version)
		}
	}
	want := []struct {
		title, index, column string
		status               catalog.Status
		validity             catalog.Validity
		published            string
	}{
		// The kept number stays; the year's counter moves past it, and the generated numbers
		// follow in order of publication (February before May).
		{"沈阳市优化营商环境若干措施", "000014349/2024-00007", catalog.ColumnPolicyNormative, catalog.StatusPublished, catalog.ValidityInForce, "2024-03-03 00:00"},
		{"沈阳市发展和改革委员会主要职责", "000014349/2024-00008", "art20-2", catalog.StatusPublished, "", "2024-02-01 00:00"},
		{"沈阳市城市供水用水管理办法", "000014349/2024-00009", catalog.ColumnPolicyRules, catalog.StatusPublished, "", "2024-05-01 00:00"},
		{"2025年行政许可事项清单（草稿）", "", "art20-5", catalog.StatusDraft, "", ""},
		// 有效 with a period that has run out is recorded as lapsed, as Import does.
		{"关于规范停车收费的通知", "000014349/2020-00001", catalog.ColumnPolicyNormative, catalog.StatusPublished, catalog.ValidityLapsed, "2020-01-05 00:00"},
		{"关于废止部分文件的决定附件", "000014349/2019-00001", catalog.ColumnPolicyNormative, catalog.StatusPublished, catalog.ValidityRepealed, "2019-02-01 00:00"},
		{"2023年统计公报", "000014349/2023-00001", "art20-4", catalog.StatusPublished, "", "2023-03-02 00:00"},
	}
	for _, w := range want {
		e, ok := byTitle[w.title]
		if !ok {
			t.Errorf("%s not imported", w.title)
			continue
		}
		if e.IndexNo != w.index || e.ColumnCode != w.column || e.Status != w.status || e.RecordedValidity() != w.validity {
			t.Errorf("%s: index %q column %s status %s validity %q; want %q %s %s %q", w.title, e.IndexNo, e.ColumnCode,
				e.Status, e.RecordedValidity(), w.index, w.column, w.status, w.validity)
		}
		if (w.published == "") != (e.PublishedAt == nil) || e.PublishedAt != nil && !e.PublishedAt.Equal(at(w.published)) {
			t.Errorf("%s: published at %v, want %s", w.title, e.PublishedAt, w.published)
		}
		wantOutbox := 0
		if w.status == catalog.StatusPublished {
			wantOutbox = 1
		}
		if n := f.outbox(t, e.ID); n != wantOutbox {
			t.Errorf("%s: %d outbox rows, want %d", w.title, n, wantOutbox)
		}
	}

	// The first row in full, through Get, Versions and a document-number search.
	first, err := f.s.Get(f.ctx, byTitle["沈阳市优化营商环境若干措施"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if first.DocNo != "沈政发〔2024〕3号" || first.Issuer != "沈阳市人民政府、沈阳市发展和改革委员会" || first.Subject != `综合政务\政务公开` ||
		first.Summary != "明确了若干措施。" || first.Body != "第一条 为了……" || first.ValidUntil.Date != day("2029-02-28") ||
		first.BodyName != "沈阳市人民政府" || first.ColumnName != "行政规范性文件" || first.CreatedBy != "officer1" {
		t.Errorf("first row: %+v", first)
	}
	if found, err := f.s.FindByDocNo(f.ctx, "沈政发(2024)3号"); err != nil || len(found) != 1 || found[0].ID != first.ID {
		t.Errorf("find by document number: %v, %v", found, err)
	}
	vs, err := f.s.Versions(f.ctx, first.ID)
	if err != nil || len(vs) != 1 {
		t.Fatalf("versions: %v, %v", vs, err)
	}
	v := vs[0]
	if v.Version != 1 || v.Actor != "officer1" || v.Note != "导入" || string(v.Changes) != "{}" {
		t.Errorf("version 1: %+v", v)
	}
	got, _ := json.Marshal(v.Snapshot)
	wantSnap, _ := json.Marshal(first)
	if gotKeys, wantKeys := jsonKeys(t, got), jsonKeys(t, wantSnap); !slices.Equal(gotKeys, wantKeys) {
		t.Errorf("snapshot keys %v, want those of the entry %v", gotKeys, wantKeys)
	}
	sn := v.Snapshot
	if sn.ID != first.ID || sn.Title != first.Title || sn.IndexNo != first.IndexNo || sn.DocNo != first.DocNo ||
		!slices.Equal(sn.Issuers, first.Issuers) || sn.ColumnCode != first.ColumnCode || sn.Status != catalog.StatusPublished ||
		sn.Validity != catalog.ValidityInForce || !sn.PublishedAt.Equal(*first.PublishedAt) || sn.OrgCode != "000014349" {
		t.Errorf("snapshot %+v\ndiffers from entry %+v", sn, first)
	}
	draft := byTitle["2025年行政许可事项清单（草稿）"]
	if vs, err := f.s.Versions(f.ctx, draft.ID); err != nil || len(vs) != 0 {
		t.Errorf("draft versions: %v, %v", vs, err)
	}

	// One audit event for the whole import, none per entry.
	var changes string
	if err := f.db.GetContext(f.ctx, &changes, `SELECT changes::text FROM audit_events WHERE action = 'catalog.import' AND target = 'body:sy' AND body = 'sy'`); err != nil {
		t.Fatalf("catalog.import event: %v", err)
	}
	for _, w := range []string{`"file": "catalog.csv"`, `"entries": 7`, `"published": 6`, `"drafts": 1`, `"generated_index_nos": 5`} {
		if !strings.Contains(changes, w) {
			t.Errorf("audit changes %s lack %s", changes, w)
		}
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action LIKE 'entry.%'`); n != 0 {
		t.Errorf("%d per-entry audit events", n)
	}

	// Publishing continues the counters: the next 2024 number follows the imported ones.
	f.setNow(at("2024-12-01 09:00"))
	pub := f.publish(t, f.create(t, sy, other("2024年第四季度工作动态", "2024-11-30")).ID)
	if pub.IndexNo != "000014349/2024-00010" {
		t.Errorf("publish after import: %s, want 000014349/2024-00010", pub.IndexNo)
	}
	// The imported draft publishes like any other.
	f.setNow(at("2025-06-20 09:00"))
	if p := f.publish(t, draft.ID); p.IndexNo != "000014349/2025-00001" {
		t.Errorf("imported draft published as %s", p.IndexNo)
	}

	// Importing the same file again: every kept number is taken now.
	_, err = f.importFile(t, sy, "catalog.csv", content, catalog.ImportOptions{})
	if ps := problems(t, err); len(ps) != 1 || ps[0] != `row 2, column 索引号: index number "000014349/2024-00007" is already used in 沈阳市人民政府's catalog` {
		t.Errorf("second import: %q", ps)
	}
}

func jsonKeys(t *testing.T, b []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return slices.Sorted(maps.Keys(m))
}

func TestImportProblems(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	existing := f.publish(t, f.create(t, sy, other("已发布的条目", "2025-06-01")).ID) // 000014349/2025-00001
	if err := f.s.RetireColumn(f.ctx, f.actor, sy, "art20-9"); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("长", 301)
	content := csvFile(importHeader,
		row(map[string]string{"索引号": existing.IndexNo, "标题": "索引号已被占用", "成文日期": "2025-01-01", "发布日期": "2025-01-02", "类别": "其他", "栏目": "机构职能"}),
		row(map[string]string{"标题": "没有栏目的其他文件", "成文日期": "2025-01-01", "类别": "其他"}),
		row(map[string]string{"标题": "栏目不存在", "成文日期": "2025-01-01", "类别": "其他", "栏目": "通知公告"}),
		row(map[string]string{"标题": "栏目已停用", "成文日期": "2025-01-01", "类别": "其他", "栏目": "政府采购"}),
		row(map[string]string{"标题": long, "成文日期": "2025-01-01", "类别": "规章"}),
		row(map[string]string{"标题": "成文日期在将来", "成文日期": "2025-07-01", "类别": "规章"}),
		row(map[string]string{"索引号": "X-1", "标题": "草稿带索引号", "成文日期": "2025-01-01", "类别": "规章"}),
		row(map[string]string{"标题": "日期写错", "成文日期": "2025-13-01", "类别": "规章", "栏目": "不存在"}),
		row(map[string]string{"标题": "有效却有废止日期", "成文日期": "2020-01-01", "类别": "行政规范性文件", "有效性": "有效", "废止日期": "2024-01-01"}),
		row(map[string]string{"标题": "没有问题的一行", "成文日期": "2025-01-01", "发布日期": "2025-01-02", "类别": "规章"}),
	)
	want := []string{
		`row 2, column 索引号: index number "000014349/2025-00001" is already used in 沈阳市人民政府's catalog`,
		`row 3, column 栏目: required for 其他: only 规章 and 行政规范性文件 have a default column`,
		`row 4, column 栏目: no column "通知公告" in 沈阳市人民政府's catalog`,
		`row 5, column 栏目: column "政府采购" is retired: choose another`,
		`row 6, column 标题: 301 characters, at most 300 allowed`,
		`row 7, column 成文日期: 2025-07-01 is in the future`,
		`row 8, column 索引号: a row without 发布日期 is imported as a draft, which is numbered when published: give its 发布日期 or leave 索引号 empty`,
		// A row with a problem the parser found is still checked against the catalog.
		`row 9, column 成文日期: "2025-13-01" is not a day of the calendar`,
		`row 9, column 栏目: no column "不存在" in 沈阳市人民政府's catalog`,
		`row 10, column 废止日期: only 废止 documents have a 废止日期; 有效性 says 有效`,
	}
	for _, dry := range []bool{true, false} {
		_, err := f.importFile(t, sy, "bad.csv", content, catalog.ImportOptions{DryRun: dry})
		if got := problems(t, err); !slices.Equal(got, want) {
			t.Errorf("dry run %v: problems\n%s\nwant\n%s", dry, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		f.nothingWritten(t, sy, 1)
	}

	// Headers written in English name the columns in the problems as the file wrote them.
	en := csvFile([]string{"title", "formed_on", "kind", "column"}, []string{"x", "2025-01-01", "其他", "nowhere"})
	_, err := f.importFile(t, sy, "en.csv", en, catalog.ImportOptions{DryRun: true})
	if got := problems(t, err); len(got) != 1 || got[0] != `row 2, column column: no column "nowhere" in 沈阳市人民政府's catalog` {
		t.Errorf("English headers: %q", got)
	}

	// A file that is not CSV or XLSX, an empty file, an unknown body.
	_, err = f.importFile(t, sy, "old.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", catalog.ImportOptions{})
	if got := problems(t, err); len(got) != 1 || got[0] != "file: old Excel format (.xls): save the file as .xlsx or CSV" {
		t.Errorf(".xls file: %q", got)
	}
	_, err = f.importFile(t, sy, "empty.csv", csvFile(importHeader), catalog.ImportOptions{})
	if got := problems(t, err); len(got) != 1 || got[0] != "file: no rows to import" {
		t.Errorf("empty file: %q", got)
	}
	if _, err := f.importFile(t, "nowhere", "a.csv", content, catalog.ImportOptions{}); !errors.Is(err, catalog.ErrNotFound) {
		t.Errorf("unknown body: %v", err)
	}
}

// TestImportAllOrNothing makes the database refuse a row's version late in a file, after every
// entry went in: nothing of the import may remain.
func TestImportAllOrNothing(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.db.MustExec(`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.snapshot->>'title' = 'BOOM' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`)
	f.db.MustExec(`CREATE TRIGGER refuse_boom BEFORE INSERT ON entry_versions FOR EACH ROW EXECUTE FUNCTION refuse_boom()`)
	const n = 5000
	rows := make([]catalog.ImportRow, n)
	for i := range rows {
		rows[i] = catalog.ImportRow{Row: i + 2, Title: fmt.Sprintf("第%d号文件", i), FormedOn: day("2024-01-01"),
			PublishedOn: day("2024-01-02"), Kind: catalog.KindRule}
	}
	rows[4500].Title = "BOOM"
	last := 0
	_, err := f.s.ImportRows(f.ctx, f.actor, sy, rows, catalog.ImportOptions{Progress: func(done, total int) { last = done }})
	if err == nil || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("import with a refused row: %v", err)
	}
	if last < n/2 {
		t.Errorf("progress reached %d: the failure should come after the entries were written", last)
	}
	f.nothingWritten(t, sy, 0)
	if n := f.count(t, `SELECT count(*) FROM search_outbox`); n != 0 {
		t.Errorf("%d outbox rows remain", n)
	}
	if n := f.count(t, `SELECT count(*) FROM index_counters`); n != 0 {
		t.Errorf("index counters moved: %d rows", n)
	}

	// Without the bad row the same import goes through, numbered from 1.
	rows[4500].Title = "第4500号文件"
	res, err := f.s.ImportRows(f.ctx, f.actor, sy, rows, catalog.ImportOptions{FileName: "big.xlsx"})
	if err != nil || res.Published != n || res.Generated != n {
		t.Fatalf("import: %+v, %v", res, err)
	}
	if got := f.count(t, `SELECT count(DISTINCT index_no) FROM entries WHERE index_no LIKE '000014349/2024-%'`); got != n {
		t.Errorf("%d distinct index numbers, want %d", got, n)
	}
	if got := f.count(t, `SELECT count(*) FROM entries WHERE index_no = '000014349/2024-05000'`); got != 1 {
		t.Errorf("last generated number missing")
	}
	if got := f.count(t, `SELECT count(*) FROM entry_versions`); got != n {
		t.Errorf("%d versions, want %d", got, n)
	}
}
