package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"xxgk/bodies"
	"xxgk/catalog"
)

// BenchmarkRenderPages is the CPU of rendering the three benchmarked public pages, their
// data already read, at the size of a city department's: 25 columns, 10 or 20 entries, 20
// lower bodies. The column tree and the lists of bodies come from the fragment cache, as on
// a busy portal; `xxgk bench pages` measures the pages with their queries under load.
func BenchmarkRenderPages(b *testing.B) {
	s, err := New(Deps{Site: Site{Code: "sy", Name: "沈阳市人民政府", NameEN: "Shenyang Municipal People's Government"}})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/bodies/sy-jyj", nil)
	body := bodies.Body{Code: "sy-jyj", Name: "沈阳市教育局", OrgCode: "000013338",
		Office: bodies.Office{Name: "沈阳市教育局办公室", Phone: "024-22761234", Email: "gk@sy.gov.cn", Address: "沈阳市沈河区市府大路260号", Postcode: "110013", Hours: "工作日 9:00-11:30 13:30-16:30"}}
	var tree []ColumnLink
	for i := range 25 {
		tree = append(tree, ColumnLink{Code: fmt.Sprintf("c-%d", i), Depth: 1 + i%3, Entries: 120 + i, Href: fmt.Sprintf("/bodies/sy-jyj/columns/c-%d", i), Label: "法定主动公开内容"})
	}
	var es []catalog.Entry
	for i := range 20 {
		e := sampleEntry()
		e.ID, e.Status = int64(1000+i), catalog.StatusPublished
		es = append(es, e)
	}
	var depts []NavItem
	for i := range 20 {
		depts = append(depts, NavItem{Href: fmt.Sprintf("/bodies/sy-jyj-%d", i), Label: "沈阳市第二十中学"})
	}
	render := func(b *testing.B, name string, data pager) {
		for b.Loop() {
			rec := httptest.NewRecorder()
			s.render(rec, req, http.StatusOK, name, data)
			if rec.Code != http.StatusOK {
				b.Fatalf("%d: %s", rec.Code, rec.Body)
			}
		}
	}
	b.Run("page=entry", func(b *testing.B) {
		e := sampleEntry()
		e.Status = catalog.StatusPublished
		p := &EntryPage{Page: s.page(req, e.Title), Entry: e, Body: body, BodyName: body.Name, Paragraphs: []string{"第一条 为了……", "第二条 本办法适用于……", "第三条 ……"},
			Relations: []RelationLink{{Label: "政策解读：", Href: "/entries/2", Title: "解读"}}, Versions: []catalog.Version{{Version: 1, Actor: "li"}}, Latest: 1}
		render(b, "entry", p)
	})
	b.Run("page=directory", func(b *testing.B) {
		col := catalog.Column{Code: "c-3", Name: "行政规范性文件"}
		for b.Loop() {
			p := &DirectoryPage{Page: s.page(req, "t"), Body: body, Name: body.Name, Tree: tree, Column: &col,
				Entries: entryRows("zh", es), Total: 400, Pager: Pager{Page: 2, Pages: 20, Prev: "/x?page=1", Next: "/x?page=3"}}
			var err error
			if p.TreeHTML, err = s.columnTreeHTML("directory", "zh", body.Code, true, p.Tree, p); err != nil {
				b.Fatal(err)
			}
			rec := httptest.NewRecorder()
			s.render(rec, req, http.StatusOK, "directory", p)
		}
	})
	b.Run("page=body", func(b *testing.B) {
		for b.Loop() {
			p := &BodyPage{Page: s.page(req, body.Name), Body: body, Name: body.Name, Tree: tree, Entries: entryRows("zh", es[:10]), Departments: depts}
			var err error
			if p.TreeHTML, err = s.columnTreeHTML("body", "zh", body.Code, false, p.Tree, p); err != nil {
				b.Fatal(err)
			}
			if p.BodyLinksHTML, err = s.bodyLinksHTML("body", "zh", nil, p.Departments, p); err != nil {
				b.Fatal(err)
			}
			rec := httptest.NewRecorder()
			s.render(rec, req, http.StatusOK, "body", p)
		}
	})
}
