package web

import (
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	"xxgk/catalog"
)

// markup builds the HTML of the busiest public pages' longest parts in Go instead of
// html/template, where each value is a reflective call: raw writes this package's own markup,
// text a value, escaped for text or a quoted attribute as html/template escapes it (apart from
// "+", which html/template also writes as &#43;). Every href it is given is a path this package
// built.
type markup struct{ strings.Builder }

func (m *markup) raw(s string)  { m.WriteString(s) }
func (m *markup) text(s string) { m.WriteString(html.EscapeString(s)) }

func (m *markup) html() template.HTML { return template.HTML(m.String()) }

// Main is the entry page's content (the "main" block of entry.html): breadcrumb, notices, the
// metadata table and text, attachments, relations and versions, written with markup because
// the entry page is the one visitors open most and its template's fifty-odd actions were a
// third of its CPU.
func (p *EntryPage) Main() template.HTML {
	e := &p.Entry
	id := strconv.FormatInt(e.ID, 10)
	var m markup
	m.Grow(2048 + len(e.Body) + len(e.Summary))
	p.breadcrumb(&m)
	m.raw(` › <a href="/bodies/`)
	m.text(p.Body.Code)
	m.raw(`">`)
	m.text(p.BodyName)
	m.raw(`</a> › <a href="/bodies/`)
	m.text(p.Body.Code)
	m.raw(`/columns/`)
	m.text(e.ColumnCode)
	m.raw(`">`)
	m.text(e.ColumnName)
	m.raw("</a></nav>\n")
	if v := p.Version; v != nil {
		m.raw(`<p class="notice" role="note">`)
		m.text(p.T("entry.oldversion", v.Version, p.Latest))
		m.raw(` <a href="/entries/` + id + `">`)
		m.text(p.T("entry.current"))
		m.raw(`</a></p>`)
	}
	m.raw("\n")
	if e.Status == catalog.StatusWithdrawn {
		m.raw(`<p class="notice notice-withdrawn" role="note">`)
		m.text(p.T("entry.withdrawn", p.Date(e.WithdrawnAt), e.WithdrawnReason))
		m.raw(`</p>`)
	}
	m.raw("\n")
	if e.Status == catalog.StatusDraft {
		m.raw(`<p class="notice" role="note">`)
		m.text(p.T("entry.draft"))
		m.raw(`</p>`)
	}
	m.raw("\n<p class=\"print-link\"><a href=\"/entries/" + id)
	if v := p.Version; v != nil {
		m.raw("/versions/" + strconv.Itoa(v.Version))
	}
	m.raw(`?print=1">`)
	m.text(p.T("entry.print"))
	m.raw("</a></p>\n")
	if p.Manage {
		m.raw(`<p class="manage-link"><a class="button secondary" href="/console/entries/` + id + `/edit">`)
		m.text(p.T("officer.entry.manage"))
		m.raw(`</a></p>`)
	}
	m.raw("\n<article class=\"panel entry\">\n  ")
	p.writeMetaTable(&m)
	m.raw("\n  <h1 class=\"entry-title\">")
	english := p.Lang == "en"
	if english && e.TitleEN != "" {
		// The English version's title, then the official title it translates.
		m.text(e.TitleEN)
		m.raw("</h1>\n  <p class=\"entry-title-original\" lang=\"zh-CN\">")
		m.text(e.Title)
		m.raw("</p>\n  ")
	} else {
		m.text(e.Title)
		m.raw("</h1>\n  ")
	}
	if e.DocNo != "" {
		m.raw(`<p class="entry-docno">`)
		m.text(e.DocNo)
		m.raw(`</p>`)
	}
	m.raw("\n  ")
	summary := e.Summary
	if english && e.SummaryEN != "" {
		summary = e.SummaryEN
	}
	if summary != "" {
		m.raw(`<p class="entry-summary"><strong>`)
		m.text(p.T("entry.summary"))
		m.raw(`</strong>`)
		m.text(summary)
		m.raw(`</p>`)
	}
	m.raw("\n  <div class=\"entry-body\">")
	for _, para := range p.Paragraphs {
		m.raw("<p>")
		m.text(para)
		m.raw("</p>")
	}
	m.raw("</div>\n</article>\n")
	if len(p.Attachments) > 0 {
		m.raw("\n<section class=\"panel\" aria-labelledby=\"att-heading\">\n  <h2 id=\"att-heading\">")
		m.text(p.T("attach.heading"))
		m.raw("</h2>\n  <ul class=\"attachments\">")
		for _, a := range p.Attachments {
			m.raw(`<li><a href="`)
			m.text(a.Href)
			m.raw(`" download>`)
			m.text(a.Name)
			m.raw(`</a> <span class="attachment-meta">`)
			m.text(a.Kind)
			m.raw(` · `)
			m.text(a.SizeText)
			m.raw(`</span></li>`)
		}
		m.raw("</ul>\n</section>\n")
	}
	m.raw("\n")
	if len(p.Relations) > 0 {
		m.raw("\n<section class=\"panel\" aria-labelledby=\"rel-heading\">\n  <h2 id=\"rel-heading\">")
		m.text(p.T("entry.relations"))
		m.raw("</h2>\n  <ul class=\"relations\">")
		for _, r := range p.Relations {
			m.raw(`<li><span class="rel-label">`)
			m.text(r.Label)
			m.raw(`</span> <a href="`)
			m.text(r.Href)
			m.raw(`">`)
			m.text(r.Title)
			m.raw(`</a>`)
			if r.DocNo != "" {
				m.raw("（")
				m.text(r.DocNo)
				m.raw("）")
			}
			m.raw(`</li>`)
		}
		m.raw("</ul>\n</section>\n")
	}
	m.raw("\n")
	if len(p.Versions) > 0 {
		m.raw("\n<section class=\"panel\" aria-labelledby=\"ver-heading\">\n  <h2 id=\"ver-heading\">")
		m.text(p.T("entry.versions"))
		m.raw("</h2>\n  <ol class=\"versions\">")
		for _, v := range p.Versions {
			n := strconv.Itoa(v.Version)
			m.raw(`<li><a href="/entries/` + id + `/versions/` + n + `">`)
			m.text(p.T("entry.version", v.Version))
			m.raw(`</a> · <time datetime="`)
			m.text(v.At.Format(time.RFC3339))
			m.raw(`">`)
			m.text(p.Date(v.At))
			m.raw(" ")
			m.text(chinaClock(v.At))
			m.raw(`</time> · `)
			m.text(v.Actor)
			if v.Note != "" {
				m.raw(` · `)
				m.text(v.Note)
			}
			m.raw(`</li>`)
		}
		m.raw("</ol>\n  ")
		if v := p.Version; v != nil && string(v.Changes) != "{}" {
			m.raw(`<h3>`)
			m.text(p.T("entry.changes"))
			m.raw(`</h3><pre class="changes">`)
			m.text(string(v.Changes))
			m.raw(`</pre>`)
		}
		m.raw("\n</section>\n")
	}
	m.raw("\n")
	return m.html()
}
