package web

import (
	"html/template"
	"net/url"
)

// Main is the directory page's content (the "main" block of directory.html): breadcrumb, the
// column tree, the column's entries with their count and pager, and the feed and export
// links. It is written with markup for the reason EntryPage.Main is: the directory is the
// second most opened page, and its template's actions were most of its rendering CPU.
func (p *DirectoryPage) Main() template.HTML {
	code := p.Body.Code
	heading := p.T("catalog.all")
	if c := p.Column; c != nil {
		heading = c.Name
		if p.Lang == "en" && c.NameEN != "" {
			heading = c.NameEN
		}
	}
	var m markup
	m.Grow(1024 + len(p.TreeHTML) + 400*len(p.Entries))
	p.breadcrumb(&m)
	m.raw(` › <a href="/bodies/`)
	m.text(code)
	m.raw(`">`)
	m.text(p.Name)
	m.raw(`</a> › <span aria-current="page">`)
	m.text(heading)
	m.raw("</span></nav>\n<div class=\"directory\">\n  ")
	m.raw(string(p.TreeHTML))
	m.raw("\n  <section class=\"panel directory-list\" aria-labelledby=\"list-heading\">\n    <h1 id=\"list-heading\" class=\"page-title\">")
	m.text(heading)
	m.raw("</h1>\n    ")
	if len(p.Entries) > 0 {
		m.raw("\n    <p class=\"muted\">")
		m.text(p.T("catalog.total", p.Total))
		m.raw("</p>\n    ")
		m.entryList(p.Entries)
		m.raw("\n    ")
		m.pager(p.Page, p.Pager)
		m.raw("\n    ")
	} else {
		m.raw(`<p class="empty">`)
		m.text(p.Empty)
		m.raw(`</p>`)
	}
	m.raw("\n    <p class=\"opendata\"><a href=\"/bodies/")
	m.text(code)
	if c := p.Column; c != nil {
		m.raw("/columns/")
		m.text(c.Code)
	}
	m.raw(`/feed.atom" type="application/atom+xml">`)
	m.text(p.T("feed.subscribe"))
	m.raw("</a>\n      <a href=\"/bodies/")
	m.text(code)
	m.raw(`/catalog.csv" download>`)
	m.text(p.T("export.csv"))
	m.raw("</a>\n      <a href=\"/bodies/")
	m.text(code)
	m.raw(`/catalog.xlsx" download>`)
	m.text(p.T("export.xlsx"))
	m.raw("</a></p>\n  </section>\n</div>\n")
	return m.html()
}

// Main is a body's page (the "main" block of body.html): breadcrumb, its column tree, its
// latest entries, its disclosure office and the bodies below it.
func (p *BodyPage) Main() template.HTML {
	code, o := p.Body.Code, p.Body.Office
	var m markup
	m.Grow(2048 + len(p.TreeHTML) + len(p.BodyLinksHTML) + 400*len(p.Entries))
	p.breadcrumb(&m)
	m.raw(` › <span aria-current="page">`)
	m.text(p.Name)
	m.raw("</span></nav>\n<h1 class=\"page-title\">")
	m.text(p.Name)
	m.raw("</h1>\n<div class=\"directory\">\n")
	m.raw(string(p.TreeHTML))
	m.raw("\n<div class=\"directory-list\">\n<section class=\"panel\" aria-labelledby=\"latest-heading\">\n  <h2 id=\"latest-heading\">")
	m.text(p.T("catalog.latest"))
	m.raw("</h2>\n  ")
	if len(p.Entries) > 0 {
		m.entryList(p.Entries)
		m.raw(`<p><a href="/bodies/`)
		m.text(code)
		m.raw(`/entries">`)
		m.text(p.T("catalog.more"))
		m.raw(`</a></p>`)
	} else {
		m.raw(`<p class="empty">`)
		m.text(p.T("catalog.empty"))
		m.raw(`</p>`)
	}
	m.raw("\n</section>\n<section class=\"panel\" aria-labelledby=\"office-heading\">\n  <h2 id=\"office-heading\">")
	m.text(p.T("body.office"))
	m.raw("</h2>\n  <table class=\"meta\">\n    <caption class=\"visually-hidden\">")
	m.text(p.T("body.office"))
	m.raw("</caption>\n    <tbody>\n      ")
	row := func(key, value string) {
		m.raw(`<tr><th scope="row">`)
		m.text(p.T(key))
		m.raw(`</th><td>`)
		m.text(value)
	}
	if o.Name != "" {
		row("body.office.name", o.Name)
		m.raw(`</td></tr>`)
	}
	m.raw("\n      ")
	if o.Address != "" {
		row("body.office.address", o.Address)
		if o.Postcode != "" {
			m.raw("（")
			m.text(p.T("body.office.postcode"))
			m.raw(" ")
			m.text(o.Postcode)
			m.raw("）")
		}
		m.raw(`</td></tr>`)
	}
	m.raw("\n      ")
	if o.Hours != "" {
		row("body.office.hours", o.Hours)
		m.raw(`</td></tr>`)
	}
	m.raw("\n      ")
	link := func(key, scheme, value string) {
		m.raw(`<tr><th scope="row">`)
		m.text(p.T(key))
		m.raw(`</th><td><a href="` + scheme)
		// An office's phone and address are officers' text: escaped as a URL, then as HTML.
		m.text(url.PathEscape(value))
		m.raw(`">`)
		m.text(value)
		m.raw(`</a></td></tr>`)
	}
	if o.Phone != "" {
		link("body.office.phone", "tel:", o.Phone)
	}
	m.raw("\n      ")
	if o.Email != "" {
		link("body.office.email", "mailto:", o.Email)
	}
	m.raw("\n      ")
	row("body.orgcode", p.Body.OrgCode)
	m.raw("</td></tr>\n    </tbody>\n  </table>\n  <p class=\"actions\"><a class=\"button\" href=\"/apply?body=")
	m.text(url.QueryEscape(code))
	m.raw(`">`)
	m.text(p.T("app.body.apply"))
	m.raw(`</a> <a href="/track">`)
	m.text(p.T("nav.track"))
	m.raw("</a></p>\n</section>\n</div>\n</div>\n")
	m.raw(string(p.BodyLinksHTML))
	m.raw("\n")
	return m.html()
}

// breadcrumb opens a page's breadcrumb with its link home; the page adds the rest and closes it.
func (p Page) breadcrumb(m *markup) {
	m.raw("\n<nav class=\"breadcrumb\" aria-label=\"")
	m.text(p.T("body.breadcrumb"))
	m.raw(`"><a href="/">`)
	m.text(p.T("nav.home"))
	m.raw(`</a>`)
}

// PagerNav is the previous/next navigation under a list (the "pager" template), or nothing
// when the list has one page.
func (p Page) PagerNav(pg Pager) template.HTML {
	var m markup
	m.pager(p, pg)
	return m.html()
}

func (m *markup) pager(p Page, pg Pager) {
	if pg.Pages <= 1 {
		return
	}
	link := func(href, rel string) {
		if href != "" {
			m.raw(`<a href="`)
			m.text(href)
			m.raw(`" rel="` + rel + `">`)
			m.text(p.T("pager." + rel))
			m.raw(`</a>`)
		}
	}
	m.raw("\n<nav class=\"pager\" aria-label=\"")
	m.text(p.T("pager.label"))
	m.raw("\">\n  ")
	link(pg.Prev, "prev")
	m.raw("\n  <span>")
	m.text(p.T("pager.status", pg.Page, pg.Pages))
	m.raw("</span>\n  ")
	link(pg.Next, "next")
	m.raw("\n</nav>\n")
}
