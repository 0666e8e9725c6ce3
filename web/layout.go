package web

import (
	"bytes"
	"fmt"
	"html/template"
)

// The layout every page shares (the document's head, the site header, <main> and the footer)
// is written in Go around the page's content. As a base template it cost every page a dozen
// reflective calls (~10% of a body page's CPU under load) for markup that never changes shape.

// mainWriter is a page whose content is written in Go (EntryPage, DirectoryPage, BodyPage);
// other pages' content is their template's "main" block.
type mainWriter interface{ Main() template.HTML }

// headWriter is a page with links of its own in the document's head (its feeds).
type headWriter interface{ Head() template.HTML }

// writePage writes the whole page into buf: the layout around the page's content.
func (s *Server) writePage(buf *bytes.Buffer, name string, data pager) error {
	p := data.base()
	var head template.HTML
	if h, ok := data.(headWriter); ok {
		head = h.Head()
	}
	top, err := p.layoutTop(head)
	if err != nil {
		return err
	}
	buf.WriteString(top)
	if mw, ok := data.(mainWriter); ok {
		buf.WriteString(string(mw.Main()))
	} else {
		t, ok := s.tmpl[name]
		if !ok {
			return fmt.Errorf("no template %q", name)
		}
		if err := t.ExecuteTemplate(buf, "main", data); err != nil {
			return err
		}
	}
	buf.WriteString(p.layoutBottom())
	return nil
}

// layoutTop is the page up to its content: the document's head (with head, the page's own
// links), the body's class for the elder and print views, the site header and <main>.
func (p *Page) layoutTop(head template.HTML) (string, error) {
	style, err := p.Asset("style.css")
	if err != nil {
		return "", err
	}
	script, err := p.Asset("app.js")
	if err != nil {
		return "", err
	}
	header := p.Header()
	var m markup
	m.Grow(768 + len(head) + len(header))
	m.raw("<!DOCTYPE html>\n<html lang=\"")
	if p.Lang == "zh" {
		m.raw("zh-CN")
	} else {
		m.raw("en")
	}
	m.raw("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	m.text(p.Title)
	m.raw(" - ")
	m.text(p.Site.Name)
	m.raw("</title>\n<link rel=\"stylesheet\" href=\"")
	m.text(style)
	m.raw("\">\n<script src=\"")
	m.text(script)
	m.raw("\" defer></script>\n")
	m.raw(string(head))
	m.raw("\n</head>\n<body")
	if p.Elder || p.PrintView {
		m.raw(` class="`)
		switch {
		case p.Elder && p.PrintView:
			m.raw("elder print-view")
		case p.Elder:
			m.raw("elder")
		default:
			m.raw("print-view")
		}
		m.raw(`"`)
	}
	m.raw(">\n")
	m.raw(string(header))
	m.raw("\n<main id=\"main\" class=\"wrap\" tabindex=\"-1\">\n")
	return m.String(), nil
}

// layoutBottom is the page after its content: the end of <main> and the footer.
func (p *Page) layoutBottom() string {
	var m markup
	m.Grow(512)
	m.raw("\n</main>\n<footer class=\"site-footer\" role=\"contentinfo\">\n  <div class=\"wrap\">\n    <p>")
	m.text(p.T("footer.sponsor", p.Site.Name))
	m.raw("</p>\n    <p>")
	m.text(p.T("footer.powered"))
	m.raw("</p>\n  </div>\n</footer>\n</body>\n</html>")
	return m.String()
}

// Head is the body's feed, for feed readers.
func (p *BodyPage) Head() template.HTML {
	var m markup
	m.feedLink(p.T("feed.title", p.Name), "/bodies/"+p.Body.Code+"/feed.atom")
	return m.html()
}

// Head is the column's feed, on a column's page, and the body's.
func (p *DirectoryPage) Head() template.HTML {
	var m markup
	if c := p.Column; c != nil {
		m.feedLink(p.T("feed.title", p.Name+" · "+c.Name), "/bodies/"+p.Body.Code+"/columns/"+c.Code+"/feed.atom")
	}
	m.raw("\n")
	m.feedLink(p.T("feed.title", p.Name), "/bodies/"+p.Body.Code+"/feed.atom")
	return m.html()
}

// feedLink is an Atom feed's link in the document's head.
func (m *markup) feedLink(title, href string) {
	m.raw(`<link rel="alternate" type="application/atom+xml" title="`)
	m.text(title)
	m.raw(`" href="`)
	m.text(href)
	m.raw(`">`)
}
