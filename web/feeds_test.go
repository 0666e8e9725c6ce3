package web

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"xxgk/calendar"
	"xxgk/catalog"
)

// feedFixture adds to the access fixture's sy-fgw (one published normative document, 关于优化
// 营商环境的若干措施) three published entries an hour apart, a withdrawn one and a draft, and
// returns the ids of the published ones in publication order, the draft's and the withdrawn's.
func feedFixture(t *testing.T) (s *Server, published []int64, draft, withdrawn int64) {
	t.Helper()
	s, _ = accessFixture(t)
	cs := s.catalog
	now := time.Now()
	cs.SetClock(func() time.Time { return now })
	ctx := t.Context()
	id, _ := strconv.ParseInt(fixtureEntry, 10, 64)
	published = append(published, id)
	for _, in := range []catalog.EntryInput{
		{Title: "2024年沈阳市国民经济和社会发展统计公报", FormedOn: calendar.NewDate(2024, 3, 20), Column: "art20-4", Summary: "全年地区生产总值……"},
		{Title: "=HYPERLINK(\"http://evil.example\")", FormedOn: calendar.NewDate(2024, 3, 21), Column: "art20-4"},
		{Title: "沈阳市促进民营经济发展若干政策", FormedOn: calendar.NewDate(2024, 3, 22), Kind: catalog.KindNormative, DocNo: "沈发改发〔2024〕3号", Issuers: []string{"沈阳市发展和改革委员会", "沈阳市财政局"}},
	} {
		now = now.Add(time.Hour)
		e, err := cs.Create(ctx, catalogActor, "sy-fgw", in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cs.Publish(ctx, catalogActor, e.ID); err != nil {
			t.Fatal(err)
		}
		published = append(published, e.ID)
	}
	now = now.Add(time.Hour)
	w, err := cs.Create(ctx, catalogActor, "sy-fgw", catalog.EntryInput{Title: "已撤回的通知", FormedOn: calendar.NewDate(2024, 3, 23), Column: "art20-4"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Publish(ctx, catalogActor, w.ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	if _, err := cs.Withdraw(ctx, catalogActor, w.ID, "内容有误"); err != nil {
		t.Fatal(err)
	}
	d, err := cs.Create(ctx, catalogActor, "sy-fgw", catalog.EntryInput{Title: "尚未公开的草稿", FormedOn: calendar.NewDate(2024, 3, 24), Column: "art20-4"})
	if err != nil {
		t.Fatal(err)
	}
	return s, published, d.ID, w.ID
}

// parsedFeed is an Atom feed as a reader parses it.
type parsedFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID        string `xml:"id"`
		Title     string `xml:"title"`
		Updated   string `xml:"updated"`
		Published string `xml:"published"`
		Summary   string `xml:"summary"`
		Link      struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Authors []string `xml:"author>name"`
	} `xml:"entry"`
}

func TestAtomFeeds(t *testing.T) {
	s, published, draft, withdrawn := feedFixture(t)
	rec := get(t, s, "/bodies/sy-fgw/feed.atom")
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("feed: %d %v", rec.Code, rec.Header())
	}
	var f parsedFeed
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, rec.Body)
	}
	if f.ID != "http://example.com/bodies/sy-fgw" || !strings.Contains(f.Title, "沈阳市发展和改革委员会") || len(f.Links) != 2 ||
		f.Links[0].Rel != "self" || f.Links[0].Href != "http://example.com/bodies/sy-fgw/feed.atom" {
		t.Errorf("feed head: %+v", f)
	}
	var ids []string
	for i, e := range f.Entries {
		ids = append(ids, e.ID)
		if e.Link.Href != e.ID || !strings.HasPrefix(e.ID, "http://example.com/entries/") {
			t.Errorf("entry %d: id %q link %q", i, e.ID, e.Link.Href)
		}
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry %d: updated %q: %v", i, e.Updated, err)
		}
		if i > 0 && e.Published > f.Entries[i-1].Published {
			t.Errorf("entry %d published %s after the one before it (%s): want newest first", i, e.Published, f.Entries[i-1].Published)
		}
	}
	var wantIDs []string
	wantIDs = append(wantIDs, "http://example.com/entries/"+strconv.FormatInt(withdrawn, 10))
	for i := len(published) - 1; i >= 0; i-- {
		wantIDs = append(wantIDs, "http://example.com/entries/"+strconv.FormatInt(published[i], 10))
	}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("feed entries %v, want %v (newest first, no draft %d)", ids, wantIDs, draft)
	}
	if w := f.Entries[0]; !strings.HasPrefix(w.Title, "【已撤回】") || !strings.Contains(w.Summary, "内容有误") || w.Updated <= w.Published {
		t.Errorf("withdrawn entry: %+v", w)
	}
	if e := f.Entries[1]; !slices.Equal(e.Authors, []string{"沈阳市发展和改革委员会", "沈阳市财政局"}) {
		t.Errorf("joint issuers as authors: %v", e.Authors)
	}
	if f.Updated != f.Entries[0].Updated {
		t.Errorf("feed updated %s, want its newest entry's %s", f.Updated, f.Entries[0].Updated)
	}

	// A column's feed has that column's entries only; a configured base URL wins over the Host.
	s.baseURL = "https://xxgk.shenyang.gov.cn"
	rec = get(t, s, "/bodies/sy-fgw/columns/policy-normative/feed.atom")
	f = parsedFeed{}
	if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil || rec.Code != 200 {
		t.Fatalf("column feed: %d %v", rec.Code, err)
	}
	if len(f.Entries) != 2 || f.Entries[0].Title != "沈阳市促进民营经济发展若干政策" || f.Entries[1].Title != "关于优化营商环境的若干措施" ||
		f.ID != "https://xxgk.shenyang.gov.cn/bodies/sy-fgw/columns/policy-normative" {
		t.Errorf("column feed: %s %+v", f.ID, f.Entries)
	}
	for _, target := range []string{"/bodies/nope/feed.atom", "/bodies/sy-fgw/columns/nope/feed.atom"} {
		if rec := get(t, s, target); rec.Code != 404 {
			t.Errorf("%s: %d", target, rec.Code)
		}
	}

	// The body and directory pages announce their feeds and link the exports.
	for _, target := range []string{"/bodies/sy-fgw", "/bodies/sy-fgw/entries", "/bodies/sy-fgw/columns/policy-normative"} {
		body := get(t, s, target).Body.String()
		head, _, _ := strings.Cut(body, "</head>")
		if !strings.Contains(head, `<link rel="alternate" type="application/atom+xml"`) || !strings.Contains(head, `href="/bodies/sy-fgw/feed.atom"`) {
			t.Errorf("%s: no feed in <head>:\n%s", target, head)
		}
		if target != "/bodies/sy-fgw" && (!strings.Contains(body, `href="/bodies/sy-fgw/catalog.csv"`) || !strings.Contains(body, `href="/bodies/sy-fgw/catalog.xlsx"`)) {
			t.Errorf("%s: no export links", target)
		}
	}
}

type parsedURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"url"`
}

func (u parsedURLSet) locs() []string {
	var out []string
	for _, x := range u.URLs {
		out = append(out, x.Loc)
	}
	return out
}

func TestSitemap(t *testing.T) {
	s, published, draft, withdrawn := feedFixture(t)
	rec := get(t, s, "/sitemap.xml")
	var set parsedURLSet
	if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil || rec.Code != 200 {
		t.Fatalf("sitemap: %d %v\n%s", rec.Code, err, rec.Body)
	}
	locs := set.locs()
	for _, want := range []string{"http://example.com/", "http://example.com/bodies/sy-fgw", "http://example.com/bodies/sy-jyj",
		"http://example.com/bodies/sy-fgw/columns/policy-normative",
		"http://example.com/entries/" + strconv.FormatInt(published[1], 10),
		"http://example.com/entries/" + strconv.FormatInt(withdrawn, 10)} {
		if !slices.Contains(locs, want) {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if slices.Contains(locs, "http://example.com/entries/"+strconv.FormatInt(draft, 10)) {
		t.Errorf("sitemap lists the draft")
	}
	for _, u := range set.URLs {
		if strings.Contains(u.Loc, "/entries/") {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("%s: lastmod %q", u.Loc, u.LastMod)
			}
		}
	}

	// Beyond the size of one file: an index whose pages hold everything once.
	const max = 4
	serve := func(target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		s.serveSitemap(rec, httptest.NewRequest("GET", target, nil), max)
		return rec
	}
	var idx struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	rec = serve("/sitemap.xml")
	if err := xml.Unmarshal(rec.Body.Bytes(), &idx); err != nil {
		t.Fatalf("sitemap index: %v\n%s", err, rec.Body)
	}
	// 5 public entries in pages of 4: the portal's pages, then 2 pages of entries.
	if len(idx.Sitemaps) != 3 || idx.Sitemaps[2].Loc != "http://example.com/sitemap.xml?page=3" {
		t.Fatalf("index: %+v", idx.Sitemaps)
	}
	var entries []string
	for p := 1; p <= 3; p++ {
		var page parsedURLSet
		rec := serve("/sitemap.xml?page=" + strconv.Itoa(p))
		if err := xml.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		for _, l := range page.locs() {
			if strings.Contains(l, "/entries/") {
				entries = append(entries, l)
			}
		}
		if p > 1 && len(page.URLs) > max {
			t.Errorf("page %d has %d URLs", p, len(page.URLs))
		}
	}
	if len(entries) != 5 || len(slices.Compact(slices.Clone(entries))) != 5 {
		t.Errorf("entries across pages: %v", entries)
	}
	for _, target := range []string{"/sitemap.xml?page=4", "/sitemap.xml?page=0", "/sitemap.xml?page=x"} {
		if rec := serve(target); rec.Code != 404 {
			t.Errorf("%s: %d", target, rec.Code)
		}
	}
}

func TestCatalogExports(t *testing.T) {
	s, published, _, _ := feedFixture(t)
	rec := get(t, s, "/bodies/sy-fgw/catalog.csv")
	body := rec.Body.Bytes()
	if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" || !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV: %d %v, starts %q", rec.Code, rec.Header(), body[:min(len(body), 8)])
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".csv") {
		t.Errorf("Content-Disposition %q", cd)
	}
	rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], []string{"索引号", "标题", "发文字号", "发文机关", "成文日期", "发布日期", "类别", "有效性", "有效期至", "栏目", "主题分类", "内容概述", "状态", "链接"}) {
		t.Errorf("header %v", rows[0])
	}
	// Four published and one withdrawn; never the draft.
	if len(rows) != 6 {
		t.Fatalf("%d rows, want header and 5:\n%s", len(rows), body)
	}
	for _, row := range rows[1:] {
		if row[1] == "尚未公开的草稿" {
			t.Errorf("draft exported: %v", row)
		}
		if row[0] == "" || row[5] == "" || !strings.HasPrefix(row[13], "http://example.com/entries/") {
			t.Errorf("row %v", row)
		}
	}
	if r := rows[1]; r[1] != "已撤回的通知" || r[12] != "已撤回" {
		t.Errorf("newest first, withdrawn marked: %v", r)
	}
	if r := rows[2]; r[1] != "沈阳市促进民营经济发展若干政策" || r[2] != "沈发改发〔2024〕3号" || r[3] != "沈阳市发展和改革委员会、沈阳市财政局" ||
		r[4] != "2024-03-22" || r[6] != "行政规范性文件" || r[7] != "有效" || r[13] != "http://example.com/entries/"+strconv.FormatInt(published[3], 10) {
		t.Errorf("normative row: %v", r)
	}
	if r := rows[3]; r[1] != `'=HYPERLINK("http://evil.example")` {
		t.Errorf("a formula-like title is not neutralised: %q", r[1])
	}
	if rec := get(t, s, "/bodies/sy-fgw/catalog.csv?lang=en"); !strings.Contains(rec.Body.String(), "index_no,title,doc_no") ||
		!strings.Contains(rec.Body.String(), "Normative document") {
		t.Errorf("English CSV:\n%s", rec.Body)
	}
	if rec := get(t, s, "/bodies/nope/catalog.csv"); rec.Code != 404 {
		t.Errorf("unknown body: %d", rec.Code)
	}

	rec = get(t, s, "/bodies/sy-fgw/catalog.xlsx")
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Content-Type"), "spreadsheetml") {
		t.Fatalf("XLSX: %d %v", rec.Code, rec.Header())
	}
	x, err := excelize.OpenReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	xrows, err := x.GetRows("目录")
	if err != nil {
		t.Fatal(err)
	}
	if len(xrows) != 6 || xrows[0][0] != "索引号" || !slices.Equal(xrows[2][:3], rows[2][:3]) || xrows[3][1] != `=HYPERLINK("http://evil.example")` {
		t.Errorf("XLSX rows: %v", xrows)
	}
	if f, _ := x.GetCellFormula("目录", "B4"); f != "" {
		t.Errorf("title stored as a formula: %q", f)
	}
}
