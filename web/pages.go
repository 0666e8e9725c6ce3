package web

import (
	"bytes"
	"embed"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
)

//go:embed templates/*.html
var templateFS embed.FS

// Site is the body whose portal this is: its name heads every page.
type Site struct {
	Code   string
	Name   string
	NameEN string
}

// NavItem is a link in the main navigation.
type NavItem struct {
	Href    string
	Label   string
	Current bool
}

// Page is what every page template can use; each page's struct embeds it.
type Page struct {
	Lang      string
	Title     string
	Path      string
	RequestID string
	Site      struct{ Name string }
	Nav       []NavItem
	// SignedIn is true on console pages (their access check found the caller).
	SignedIn bool
	// Elder is the visitor's choice of the large-text, high-contrast display (适老化).
	Elder bool
	// PrintView is set by ?print=1: the page as it prints, for people without a print dialog
	// at hand (the print stylesheet gives the same result from the browser's print command).
	PrintView bool

	msgs   messages
	assets *assets
}

// T returns the interface text for key in the page's language.
func (p Page) T(key string, args ...any) string { return p.msgs.T(p.Lang, key, args...) }

// Header is the skip link and the site header with its switches and main navigation, on every
// page. It is written in Go, as the entry list is: its two dozen texts would each be a
// reflective call in the base template, and every page pays for them.
func (p Page) Header() template.HTML {
	var b markup
	b.Grow(1536)
	text := func(key string) { b.text(p.T(key)) }
	next := html.EscapeString(url.QueryEscape(p.Path))
	b.raw(`<a class="skip-link" href="#main">`)
	text("site.skip")
	b.raw("</a>\n<header class=\"site-header\" role=\"banner\">\n  <div class=\"wrap header-row\">\n    <a class=\"brand\" href=\"/\">\n      <span class=\"brand-emblem\" aria-hidden=\"true\">")
	text("site.emblem")
	b.raw("</span>\n      <span class=\"brand-text\"><span class=\"brand-name\">")
	b.text(p.Site.Name)
	b.raw(`</span><span class="brand-sub">`)
	text("site.portal")
	b.raw("</span></span>\n    </a>\n    <div class=\"header-tools\">\n    <a class=\"display-switch\" href=\"/display?mode=")
	if p.Elder {
		b.raw("standard&amp;next=" + next + `">`)
		text("display.standard")
	} else {
		b.raw("elder&amp;next=" + next + `">`)
		text("display.elder")
	}
	other := p.OtherLang()
	otherTag := "en"
	if other == "zh" {
		otherTag = "zh-CN"
	}
	b.raw("</a>\n    <a class=\"lang-switch\" href=\"/lang?to=" + url.QueryEscape(other) + "&amp;next=" + next + `"><span class="visually-hidden">`)
	text("lang.switch.label")
	b.raw(` </span><span lang="` + otherTag + `">`)
	text("lang.switch")
	b.raw("</span></a>\n    </div>\n  </div>\n  <nav class=\"site-nav\" aria-label=\"")
	text("nav.main")
	b.raw("\">\n    <ul class=\"wrap\">\n      <li><a href=\"/\"")
	if p.Path == "/" {
		b.raw(` aria-current="page"`)
	}
	b.raw(">")
	text("nav.home")
	b.raw("</a></li>\n      ")
	for _, n := range p.Nav {
		b.raw(`<li><a href="`)
		b.text(n.Href)
		b.raw(`"`)
		if n.Current {
			b.raw(` aria-current="page"`)
		}
		b.raw(">")
		b.text(n.Label)
		b.raw("</a></li>")
	}
	b.raw("\n      <li class=\"nav-end\"><a href=\"/console\">")
	if p.SignedIn {
		text("console.title")
	} else {
		text("nav.signin")
	}
	b.raw("</a></li>\n    </ul>\n  </nav>\n</header>")
	return b.html()
}

// chinaClock shows an instant's time of day in China, to the minute.
func chinaClock(t time.Time) string { return t.In(calendar.China).Format("15:04") }

// OtherLang is the language the header's switch offers.
func (p Page) OtherLang() string {
	if p.Lang == "zh" {
		return "en"
	}
	return "zh"
}

// Asset returns the content-hashed URL of a static file.
func (p Page) Asset(name string) (string, error) { return p.assets.url(name) }

// pager is implemented by every page struct (through the embedded Page).
type pager interface{ base() *Page }

func (p *Page) base() *Page { return p }

// HomePage is the portal's front door.
type HomePage struct {
	Page
	// Body is the government whose portal this is; HasBody is false before any body exists.
	Body    bodies.Body
	HasBody bool
	// Columns are the four standard top columns of its disclosure section.
	Columns     []ColumnLink
	Governments []NavItem // lower governments
	Departments []NavItem
	// Entries are the latest public entries of the government and everything below it;
	// Normative the latest normative documents, with their validity.
	Entries   []EntryRow
	Normative []EntryRow
	// BodyLinksHTML is the "bodylinks" template rendered (web/fragments.go).
	BodyLinksHTML template.HTML
}

// BodyPage shows one body: its disclosure office's contacts (the guide's core) and the bodies
// below it.
type BodyPage struct {
	Page
	Body        bodies.Body
	Name        string
	Governments []NavItem
	Departments []NavItem
	// Tree is the body's column tree; Entries its latest public entries.
	Tree    []ColumnLink
	Column  *catalog.Column // always nil: the tree marks no column as current
	Entries []EntryRow
	// TreeHTML and BodyLinksHTML are the "columntree" and "bodylinks" templates rendered
	// (web/fragments.go).
	TreeHTML, BodyLinksHTML template.HTML
}

// ErrorPage shows a 404 or 5xx without any internal detail.
type ErrorPage struct {
	Page
	Heading string
	Message string
}

// templates holds one parsed template set per page, each the base layout plus the page.
type templates map[string]*template.Template

// funcs are the helpers every template may call.
var funcs = template.FuncMap{
	// chinaTime shows an instant as officials read it: China time, to the second.
	"chinaTime": func(t time.Time) string { return t.In(calendar.China).Format("2006-01-02 15:04:05") },
	// label is an enumeration's label in the page's language (catalog kinds, validity, …).
	"label": labelIn,
	// validity turns a validity code into the labeled value (for search hits, which carry codes).
	"validity": func(code string) catalog.Validity { return catalog.Validity(code) },
	// entryList is the markup of a list of entries (the "entrylist" template).
	"entryList": entryListHTML,
}

// labeled is an enumeration with Chinese and English labels.
type labeled interface {
	Label() string
	LabelEN() string
}

func parseTemplates() (templates, error) {
	base, err := template.New("base.html").Funcs(funcs).ParseFS(templateFS, "templates/base.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	ts := templates{}
	for _, name := range names {
		page := strings.TrimSuffix(strings.TrimPrefix(name, "templates/"), ".html")
		if page == "base" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, name)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		ts[page] = t
	}
	return ts, nil
}

// page fills the parts of Page that come from the request.
func (s *Server) page(r *http.Request, title string) Page {
	lang := requestLang(r)
	p := Page{
		Lang:      lang,
		Title:     title,
		Path:      r.URL.RequestURI(),
		RequestID: requestID(r.Context()),
		msgs:      s.msgs,
		assets:    s.assets,
	}
	p.Site.Name = s.site.Name
	if lang == "en" && s.site.NameEN != "" {
		p.Site.Name = s.site.NameEN
	}
	if root, ok := s.siteBody(r.Context()); ok {
		p.Site.Name = root.DisplayName(lang)
	}
	p.Nav = s.nav(r, lang)
	_, p.SignedIn = principalFrom(r.Context())
	p.Elder = elderDisplay(r)
	p.PrintView = r.URL.Query().Get("print") == "1"
	return p
}

func (s *Server) nav(r *http.Request, lang string) []NavItem {
	var items []NavItem
	for _, n := range s.navLinks {
		items = append(items, NavItem{Href: n.href, Label: s.msgs.T(lang, n.key), Current: strings.HasPrefix(r.URL.Path, n.href)})
	}
	return items
}

// render executes a page into a buffer first, so a template error becomes a clean error page
// rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data pager) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer putPageBuffer(buf)
	if err := s.writePage(buf, name, data); err != nil {
		s.serverError(w, r, fmt.Errorf("render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// With its length the page goes out whole, in as few writes as it takes, instead of
	// chunked in 2 KB pieces with a closing chunk.
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// pageBuffers are the buffers pages are rendered into, reused: a page is 10–40 KB, and growing
// a new buffer to that for every request was a good part of the garbage the portal made.
var pageBuffers = sync.Pool{New: func() any { return bytes.NewBuffer(make([]byte, 0, 32<<10)) }}

func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() > 1<<20 { // an unusually long page: let it go rather than keep its megabyte
		return
	}
	b.Reset()
	pageBuffers.Put(b)
}

// WithEntries is the page with another list in Entries, for the shared entrylist template.
func (p HomePage) WithEntries(rows []EntryRow) HomePage {
	p.Entries = rows
	return p
}

// Date shows a date as readers of the page's language write it: 2026年11月22日 in Chinese,
// 22 Nov 2026 in English. It takes what templates hold: an instant (shown as its civil date in
// China), a calendar date, an optional one, or an ISO date string; anything absent is "".
func (p Page) Date(v any) string {
	var d calendar.Date
	switch x := v.(type) {
	case time.Time:
		if x.IsZero() {
			return ""
		}
		d = calendar.DateOf(x.In(calendar.China))
	case *time.Time:
		if x == nil {
			return ""
		}
		return p.Date(*x)
	case calendar.Date:
		d = x
	case calendar.NullDate:
		if !x.Valid {
			return ""
		}
		d = x.Date
	case string:
		parsed, err := calendar.ParseDate(x)
		if err != nil {
			return x
		}
		d = parsed
	default:
		return fmt.Sprint(v)
	}
	if d.IsZero() {
		return ""
	}
	return formatDate(p.Lang, d)
}

func formatDate(lang string, d calendar.Date) string {
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day(), d.Month().String()[:3], d.Year())
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), int(d.Month()), d.Day())
}
