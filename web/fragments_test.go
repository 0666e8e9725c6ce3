package web

import (
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"xxgk/bodies"

	"xxgk/calendar"
	"xxgk/catalog"
)

// counted counts how often the template read it: once per rendering.
type counted struct {
	Name  string
	reads *int
}

func (c counted) Label() string { *c.reads++; return c.Name }

// TestFragmentsRenderOncePerContent: a piece is rendered once for the same inputs, again for
// other inputs, and the cache stays within its bound.
func TestFragmentsRenderOncePerContent(t *testing.T) {
	tm := template.Must(template.New("page").Parse(`{{define "piece"}}<b>{{.Label}}</b>{{end}}`))
	f := newFragments(2)
	reads := 0
	render := func(name string) template.HTML {
		t.Helper()
		in := f.inputs("piece")
		in.str(name)
		h, err := f.render(tm, "piece", in, counted{Name: name, reads: &reads})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	if h := render("<甲>"); h != "<b>&lt;甲&gt;</b>" {
		t.Errorf("rendered %q", h)
	}
	if h := render("<甲>"); h != "<b>&lt;甲&gt;</b>" || reads != 1 {
		t.Errorf("second time: %q after %d renderings, want the first one's, rendered once", h, reads)
	}
	if h := render("乙"); h != "<b>乙</b>" || reads != 2 {
		t.Errorf("other content: %q after %d renderings", h, reads)
	}
	render("丙")
	if n := len(f.m); n > 2 {
		t.Errorf("%d pieces cached, bound is 2", n)
	}
	// Inputs are length-prefixed: ("ab","c") is not ("a","bc").
	a, b := f.inputs("piece"), f.inputs("piece")
	a.str("ab")
	a.str("c")
	b.str("a")
	b.str("bc")
	if a.key() == b.key() {
		t.Error("(ab, c) and (a, bc) share a key")
	}
}

// TestEntryListEscapes: the entry list written in Go escapes every value as the template did,
// so a hostile title or issuer stays text.
func TestEntryListEscapes(t *testing.T) {
	got := string(entryListHTML([]EntryRow{{
		Href: "/entries/7", Title: `<script>alert("x")</script>`, Withdrawn: true, StatusLabel: "已撤回",
		Validity: "valid", ValidityLabel: "有效", DocNo: `沈发[2026]1号 & "附"`, Issuer: `a"><img src=x onerror=alert(1)>`,
		PublishedISO: "2026-11-02", PublishedText: "2026年11月2日",
	}, {Href: "/entries/8", Title: "关于印发《沈阳市数据条例》的通知", Issuer: "沈阳市人民政府", PublishedISO: "2026-11-01", PublishedText: "2026年11月1日"}}))
	for _, want := range []string{
		`<a href="/entries/7">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</a>`,
		`<span class="badge badge-withdrawn">已撤回</span>`,
		`<span class="badge badge-valid">有效</span>`,
		`<span>沈发[2026]1号 &amp; &#34;附&#34;</span><span>a&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</span><time datetime="2026-11-02">2026年11月2日</time>`,
		`<a href="/entries/8">关于印发《沈阳市数据条例》的通知</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("list lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script") || strings.Contains(got, "<img") {
		t.Errorf("raw markup from a value:\n%s", got)
	}
	if n := strings.Count(got, "<li>"); n != 2 {
		t.Errorf("%d items, want 2", n)
	}
	if strings.Count(got, `class="badge `) != 2 {
		t.Error("the second entry, neither withdrawn nor normative, has a badge")
	}
}

// TestEntryMetaTable: the entry page's metadata table shows every field a reader cites, the
// validity rows only on a normative document, the labels in the reader's language, and no
// markup from a value.
func TestEntryMetaTable(t *testing.T) {
	s, err := New(Deps{Site: Site{Code: "sy", Name: "沈阳市人民政府", NameEN: "Shenyang"}})
	if err != nil {
		t.Fatal(err)
	}
	table := func(lang string, e catalog.Entry) string {
		req := httptest.NewRequest(http.MethodGet, "/entries/1?lang="+lang, nil)
		p := &EntryPage{Page: s.page(req, e.Title), Entry: e}
		var m markup
		p.writeMetaTable(&m)
		return m.String()
	}
	got := table("zh", sampleEntry())
	for _, want := range []string{
		`<tr><th scope="row">索引号</th><td>000014349/2024-00001</td><th scope="row">主题分类</th><td>综合政务\政务公开</td></tr>`,
		`<th scope="row">成文日期</th><td>2024年3月1日</td>`,
		`<tr><th scope="row">标题</th><td colspan="3">沈阳市优化营商环境若干措施</td></tr>`,
		`<th scope="row">发文字号</th><td>沈政发〔2024〕3号</td><th scope="row">发布日期</th><td>2024年3月5日</td>`,
		`<td><span class="badge badge-repealed">废止</span></td><th scope="row">有效期至</th><td>2029年3月1日</td>`,
		`<th scope="row">废止日期</th><td>2025年1月1日</td><th scope="row">统一登记号</th><td>SYFS-2024-3</td>`,
		`<th scope="row">施行日期</th><td colspan="3">2024年4月1日</td>`,
		`<th scope="row">主题词</th><td colspan="3">营商环境</td>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %s:\n%s", want, got)
		}
	}

	e := sampleEntry()
	e.Kind, e.Title, e.Keywords, e.EffectiveOn = catalog.KindOther, `<script>alert("x")</script>`, nil, calendar.NullDate{}
	got = table("en", e)
	for _, want := range []string{`<th scope="row">Index number</th>`, `<td colspan="3">&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</td>`, `5 Mar 2024`} {
		if !strings.Contains(got, want) {
			t.Errorf("English table lacks %s:\n%s", want, got)
		}
	}
	for _, not := range []string{"<script", "Validity", "Repealed on", "Keywords", "Effective from"} {
		if strings.Contains(got, not) {
			t.Errorf("table of a non-normative entry without keywords shows %q:\n%s", not, got)
		}
	}
}

// TestEntryMain: the entry page's content shows every part a visitor reads (notices, text,
// attachments, relations, versions and, on an old version, its changes), the console link only
// to those who may manage the entry, and escapes every value.
func TestEntryMain(t *testing.T) {
	s, err := New(Deps{Site: Site{Code: "sy", Name: "沈阳市人民政府", NameEN: "Shenyang"}})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/entries/1", nil)
	at := time.Date(2024, 3, 5, 2, 0, 0, 0, time.UTC)
	e := sampleEntry()
	e.Summary = `<b>概述</b>`
	p := &EntryPage{Page: s.page(req, e.Title), Entry: e, BodyName: "沈阳市人民政府", Body: bodies.Body{Code: "sy"},
		Paragraphs:  []string{"第一条 为了……", `第二条 <img src=x onerror="alert(1)">`},
		Attachments: []AttachmentLink{{Attachment: catalog.Attachment{ID: 7, Name: `附件1 "清单".pdf`}, Href: "/attachments/7/x.pdf", Kind: "PDF", SizeText: "12 KB"}},
		Relations:   []RelationLink{{Label: "政策解读：", Href: "/entries/2", Title: "《若干措施》解读", DocNo: "沈政办〔2024〕1号"}},
		Versions:    []catalog.Version{{Version: 1, At: at, Actor: "li", Note: "首次发布"}, {Version: 2, At: at.Add(time.Hour), Actor: "wang"}},
		Latest:      2}
	got := string(p.Main())
	for _, want := range []string{
		`<a href="/bodies/sy">沈阳市人民政府</a> › <a href="/bodies/sy/columns/policy-normative">行政规范性文件</a></nav>`,
		`<p class="notice notice-withdrawn" role="note">`, "内容有误",
		`<a href="/entries/1?print=1">`,
		`<h1 class="entry-title">沈阳市优化营商环境若干措施</h1>`, `<p class="entry-docno">沈政发〔2024〕3号</p>`,
		`&lt;b&gt;概述&lt;/b&gt;</p>`,
		`<div class="entry-body"><p>第一条 为了……</p><p>第二条 &lt;img src=x onerror=&#34;alert(1)&#34;&gt;</p></div>`,
		`<li><a href="/attachments/7/x.pdf" download>附件1 &#34;清单&#34;.pdf</a> <span class="attachment-meta">PDF · 12 KB</span></li>`,
		`<li><span class="rel-label">政策解读：</span> <a href="/entries/2">《若干措施》解读</a>（沈政办〔2024〕1号）</li>`,
		`<a href="/entries/1/versions/1">第 1 版</a> · <time datetime="2024-03-05T02:00:00Z">2024年3月5日 10:00</time> · li · 首次发布</li>`,
		`<time datetime="2024-03-05T03:00:00Z">2024年3月5日 11:00</time> · wang</li>`,
		`<th scope="row">索引号</th>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("entry content lacks %s:\n%s", want, got)
		}
	}
	for _, not := range []string{"<img", "<b>", "/edit", "changes"} {
		if strings.Contains(got, not) {
			t.Errorf("entry content shows %q:\n%s", not, got)
		}
	}

	// An old version, to one who manages the entry: the notice, its print link, its changes, the console.
	p.Version = &catalog.Version{Version: 1, At: at, Changes: []byte(`{"title":{"before":"<旧>","after":"新"}}`)}
	p.Manage, p.Entry.Status, p.Attachments = true, catalog.StatusPublished, nil
	got = string(p.Main())
	for _, want := range []string{
		`<a href="/entries/1/versions/1?print=1">`, `<a href="/entries/1">`,
		`<a class="button secondary" href="/console/entries/1/edit">`,
		`<pre class="changes">{&#34;title&#34;:{&#34;before&#34;:&#34;&lt;旧&gt;&#34;,&#34;after&#34;:&#34;新&#34;}}</pre>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("old version lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "notice-withdrawn") || strings.Contains(got, `class="attachments"`) {
		t.Errorf("old version of a published entry without files shows a withdrawal or attachments:\n%s", got)
	}
}

// TestListMains: the directory and a body's page show their column's name (in English when
// it has one), the count, the list, the pager and the office, escaped; an empty column shows
// its explanation and no pager.
func TestListMains(t *testing.T) {
	s, err := New(Deps{Site: Site{Code: "sy", Name: "沈阳市人民政府", NameEN: "Shenyang"}})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/bodies/sy/columns/c1?lang=en", nil)
	e := sampleEntry()
	e.Status = catalog.StatusPublished
	col := &catalog.Column{Code: "c1", Name: "<规范性文件>", NameEN: "Normative & other"}
	d := &DirectoryPage{Page: s.page(req, "t"), Body: bodies.Body{Code: "sy"}, Name: "Shenyang", Column: col,
		Entries: entryRows("en", []catalog.Entry{e}), Total: 41, Pager: Pager{Page: 2, Pages: 3, Prev: "/bodies/sy/columns/c1?lang=en&page=1", Next: "/bodies/sy/columns/c1?lang=en&page=3"},
		TreeHTML: `<nav class="column-tree"></nav>`}
	got := string(d.Main())
	for _, want := range []string{
		`<a href="/bodies/sy">Shenyang</a> › <span aria-current="page">Normative &amp; other</span></nav>`,
		"<div class=\"directory\">\n  <nav class=\"column-tree\"></nav>",
		`<h1 id="list-heading" class="page-title">Normative &amp; other</h1>`,
		`<p class="muted">` + d.T("catalog.total", 41) + `</p>`,
		`<a href="/entries/1">沈阳市优化营商环境若干措施</a>`,
		`<a href="/bodies/sy/columns/c1?lang=en&amp;page=1" rel="prev">`, `<a href="/bodies/sy/columns/c1?lang=en&amp;page=3" rel="next">`,
		`<span>` + d.T("pager.status", 2, 3) + `</span>`,
		`<a href="/bodies/sy/columns/c1/feed.atom" type="application/atom+xml">`,
		`<a href="/bodies/sy/catalog.xlsx" download>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("directory lacks %s:\n%s", want, got)
		}
	}

	// The same column in Chinese, empty, and the whole catalogue: the explanation, no pager.
	d.Page = s.page(httptest.NewRequest(http.MethodGet, "/bodies/sy/columns/c1", nil), "t")
	d.Entries, d.Total, d.Pager, d.Empty = nil, 0, Pager{Page: 1, Pages: 1}, "本栏目暂无信息 <b>"
	got = string(d.Main())
	for _, want := range []string{`<h1 id="list-heading" class="page-title">&lt;规范性文件&gt;</h1>`, `<p class="empty">本栏目暂无信息 &lt;b&gt;</p>`} {
		if !strings.Contains(got, want) {
			t.Errorf("empty column lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "pager") || strings.Contains(got, "entry-list") {
		t.Errorf("empty column shows a list or a pager:\n%s", got)
	}
	d.Column = nil
	if got = string(d.Main()); !strings.Contains(got, `<span aria-current="page">`+d.T("catalog.all")+`</span>`) || !strings.Contains(got, `<a href="/bodies/sy/feed.atom"`) {
		t.Errorf("whole catalogue lacks its heading or the body's feed:\n%s", got)
	}

	b := &BodyPage{Page: d.Page, Name: "沈阳市教育局", Entries: d.Entries, TreeHTML: d.TreeHTML, BodyLinksHTML: `<section id="depts"></section>`,
		Body: bodies.Body{Code: "sy-jyj", OrgCode: "000013338", Office: bodies.Office{Name: "办公室", Address: "市府大路260号", Postcode: "110013", Phone: "024 2276 1234", Email: "gk@sy.gov.cn"}}}
	got = string(b.Main())
	for _, want := range []string{
		`<span aria-current="page">沈阳市教育局</span></nav>` + "\n" + `<h1 class="page-title">沈阳市教育局</h1>`,
		`<p class="empty">` + b.T("catalog.empty") + `</p>`,
		`<td>市府大路260号（` + b.T("body.office.postcode") + ` 110013）</td>`,
		`<a href="tel:024%202276%201234">024 2276 1234</a>`, `<a href="mailto:gk@sy.gov.cn">gk@sy.gov.cn</a>`,
		`<td>000013338</td>`, `href="/apply?body=sy-jyj"`, `<section id="depts"></section>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("body page lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, b.T("body.office.hours")) {
		t.Errorf("body page shows office hours it does not have:\n%s", got)
	}
}

// TestHeader: the site header returns the visitor to the page they were on, whatever its
// address holds, marks the current section, and offers the console to whoever is signed in.
func TestHeader(t *testing.T) {
	s, err := New(Deps{Site: Site{Code: "sy", Name: "沈阳市人民政府", NameEN: "Shenyang"}})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, `/search?q=%22%3E%3Cscript%3E&lang=en`, nil)
	p := s.page(req, "t")
	p.SignedIn = true
	got := string(p.Header())
	for _, want := range []string{
		`href="/display?mode=elder&amp;next=%2Fsearch%3Fq%3D%2522%253E%253Cscript%253E%26lang%3Den"`,
		`href="/lang?to=zh&amp;next=%2Fsearch%3Fq%3D%2522%253E%253Cscript%253E%26lang%3Den"`,
		`<span lang="zh-CN">中文</span>`,
		`<li><a href="/search" aria-current="page">Search</a></li>`,
		`<li><a href="/">Home</a></li>`,
		`<span class="brand-name">Shenyang</span>`,
		`<li class="nav-end"><a href="/console">` + p.T("console.title") + `</a></li>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("header lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script") {
		t.Errorf("markup from the address:\n%s", got)
	}
}
