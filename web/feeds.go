package web

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"xxgk/attachments"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
)

// Feeds, the sitemap and open data: an Atom feed per body and per column for readers and
// aggregators, a sitemap for search engines (a sitemap index once there are more URLs than
// one file may hold), and each body's public catalog as CSV and XLSX. All of it is public and
// shows only what the directory shows. Links are absolute: from Deps.BaseURL when configured
// (set it in production, behind a proxy), else from the request's host.

const (
	// feedSize is how many entries a feed carries, newest first.
	feedSize = 50
	// sitemapMaxURLs is the most URLs one sitemap file may list (sitemaps.org).
	sitemapMaxURLs = 50_000
	// exportMaxRows keeps an XLSX export within a worksheet (1,048,576 rows, header included).
	exportMaxRows = 1_048_575
)

// absURL returns the absolute URL of path on this portal.
func (s *Server) absURL(r *http.Request, path string) string {
	if s.baseURL != "" {
		return s.baseURL + path
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host + path
}

// atomTime formats t as Atom and sitemaps want it (RFC 3339), in China time.
func atomTime(t time.Time) string { return t.In(calendar.China).Format(time.RFC3339) }

// Atom 1.0 (RFC 4287), as much of it as a catalog needs.
type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
}

// entryUpdated is when an entry last changed as the public sees it: its withdrawal, else its
// last correction, else its publication.
func entryUpdated(e catalog.Entry) time.Time {
	switch {
	case e.WithdrawnAt != nil:
		return *e.WithdrawnAt
	case e.Version > 1 && e.UpdatedAt.After(*e.PublishedAt):
		return e.UpdatedAt
	}
	return *e.PublishedAt
}

func (s *Server) bodyFeed(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	s.feed(w, r, b, nil)
}

func (s *Server) columnFeed(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	col, err := s.readCatalog(r).Column(r.Context(), b.Code, r.PathValue("column"))
	if s.catalogError(w, r, err) {
		return
	}
	s.feed(w, r, b, &col)
}

// feed writes the Atom feed of a body's latest public entries, or one column's.
func (s *Server) feed(w http.ResponseWriter, r *http.Request, b bodies.Body, col *catalog.Column) {
	lang := requestLang(r)
	name := b.DisplayName(lang)
	f := catalog.ListFilter{BodyCode: b.Code, PublicOnly: true, PageSize: feedSize}
	page, self := "/bodies/"+b.Code, "/bodies/"+b.Code+"/feed.atom"
	if col != nil {
		f.Column = col.Code
		colName := col.Name
		if lang == "en" && col.NameEN != "" {
			colName = col.NameEN
		}
		name += " · " + colName
		page, self = "/bodies/"+b.Code+"/columns/"+col.Code, "/bodies/"+b.Code+"/columns/"+col.Code+"/feed.atom"
	}
	_, es, err := s.readCatalog(r).List(r.Context(), f)
	if s.catalogError(w, r, err) {
		return
	}
	feed := atomFeed{
		Lang:     map[string]string{"zh": "zh-CN", "en": "en"}[lang],
		ID:       s.absURL(r, page),
		Title:    s.msgs.T(lang, "feed.title", name),
		Subtitle: s.msgs.T(lang, "feed.subtitle", b.DisplayName(lang)),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.absURL(r, self)},
			{Rel: "alternate", Type: "text/html", Href: s.absURL(r, page)},
		},
		Author: atomPerson{Name: b.DisplayName(lang)},
	}
	var latest time.Time
	for _, e := range es {
		updated := entryUpdated(e)
		if updated.After(latest) {
			latest = updated
		}
		title := e.Title
		if lang == "en" && e.TitleEN != "" {
			title = e.TitleEN
		}
		summary := e.Summary
		if lang == "en" && e.SummaryEN != "" {
			summary = e.SummaryEN
		}
		if e.Status == catalog.StatusWithdrawn {
			title = s.msgs.T(lang, "feed.withdrawn") + title
			summary = s.msgs.T(lang, "feed.withdrawn.reason", e.WithdrawnAt.In(calendar.China).Format("2006-01-02"), e.WithdrawnReason)
		}
		href := s.absURL(r, "/entries/"+strconv.FormatInt(e.ID, 10))
		ae := atomEntry{ID: href, Title: title, Updated: atomTime(updated), Published: atomTime(*e.PublishedAt),
			Links:      []atomLink{{Rel: "alternate", Type: "text/html", Href: href}},
			Categories: []atomCategory{{Term: e.ColumnCode, Label: e.ColumnName}, {Term: string(e.Kind), Label: enumLabel(lang, e.Kind)}}}
		for _, is := range e.Issuers {
			ae.Authors = append(ae.Authors, atomPerson{Name: is})
		}
		if summary != "" {
			ae.Summary = &atomText{Type: "text", Body: summary}
		}
		feed.Entries = append(feed.Entries, ae)
	}
	if latest.IsZero() {
		latest = time.Now() // an empty feed still needs an updated time
	}
	feed.Updated = atomTime(latest)
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	s.writeXML(w, r, feed)
}

// enumLabel is an enumeration's label in lang.
func enumLabel(lang string, v labeled) string {
	if lang == "en" {
		return v.LabelEN()
	}
	return v.Label()
}

// writeXML writes v as an XML document; the headers are set by the caller.
func (s *Server) writeXML(w http.ResponseWriter, r *http.Request, v any) {
	body, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	_, _ = io.WriteString(w, xml.Header)
	_, _ = w.Write(body)
}

// Sitemaps (sitemaps.org protocol 0.9).
const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
	Sitemaps []sitemapURL `xml:"sitemap"`
}

func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	s.serveSitemap(w, r, sitemapMaxURLs)
}

// serveSitemap answers /sitemap.xml with files of at most max URLs. Without ?page it is the
// whole sitemap when everything fits in one file, else a sitemap index of the pages: page 1
// holds the portal's own pages (home, bodies, their columns), pages 2 and on hold the public
// entries in id order, max per page, so a page's content only grows at the end.
func (s *Server) serveSitemap(w http.ResponseWriter, r *http.Request, max int) {
	ctx := r.Context()
	bs, err := s.bodies.List(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cols, err := s.readCatalog(r).PublicColumns(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	entries, err := s.readCatalog(r).CountPublic(ctx)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	structural := 1 + len(bs) + len(cols)
	entryPages := (entries + max - 1) / max
	page := 0 // everything in one file
	if v := r.URL.Query().Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1+entryPages {
			s.notFound(w, r)
			return
		}
		page = n
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	if page == 0 && structural+entries > max {
		idx := sitemapIndex{}
		for p := 1; p <= 1+entryPages; p++ {
			idx.Sitemaps = append(idx.Sitemaps, sitemapURL{Loc: s.absURL(r, "/sitemap.xml?page="+strconv.Itoa(p))})
		}
		s.writeXML(w, r, idx)
		return
	}

	// The URL set is streamed: a page of 50,000 entries is written as it is read.
	enc := xml.NewEncoder(w)
	write := func(u sitemapURL) error {
		return enc.EncodeElement(u, xml.StartElement{Name: xml.Name{Local: "url"}})
	}
	_, _ = io.WriteString(w, xml.Header+`<urlset xmlns="`+sitemapNS+`">`+"\n")
	err = func() error {
		if page <= 1 {
			n := 0
			urls := []sitemapURL{{Loc: s.absURL(r, "/")}}
			for _, b := range bs {
				urls = append(urls, sitemapURL{Loc: s.absURL(r, "/bodies/"+b.Code)})
			}
			for _, c := range cols {
				u := sitemapURL{Loc: s.absURL(r, "/bodies/"+c.BodyCode+"/columns/"+c.Code)}
				if c.LastPublishedAt != nil {
					u.LastMod = atomTime(*c.LastPublishedAt)
				}
				urls = append(urls, u)
			}
			for _, u := range urls {
				if n++; n > max {
					s.log.Warn("sitemap: more portal pages than one sitemap file holds", "pages", len(urls), "max", max)
					break
				}
				if err := write(u); err != nil {
					return err
				}
			}
		}
		if page == 1 {
			return nil
		}
		offset, limit := 0, 0
		if page > 1 {
			offset, limit = (page-2)*max, max
		}
		return s.readCatalog(r).EachPublicRef(ctx, offset, limit, func(e catalog.EntryRef) error {
			return write(sitemapURL{Loc: s.absURL(r, "/entries/"+strconv.FormatInt(e.ID, 10)), LastMod: atomTime(e.LastMod)})
		})
	}()
	if err == nil {
		err = enc.Flush()
	}
	if err != nil {
		s.abortStream(r, "sitemap", err)
	}
	_, _ = io.WriteString(w, "\n</urlset>\n")
}

// abortStream ends a response whose body is partly written: the client must see a broken
// download rather than a short file that looks whole.
func (s *Server) abortStream(r *http.Request, what string, err error) {
	s.log.Error(what+" failed mid-stream", "request_id", requestID(r.Context()), "error", err)
	panic(http.ErrAbortHandler)
}

// exportColumn is one column of the catalog export: its header in Chinese (the import
// format's, so the file reads like every other catalog) and in English (the import format's
// codes), and its value.
type exportColumn struct {
	zh, en string
	value  func(s *Server, r *http.Request, lang string, e catalog.Entry) string
}

var exportColumns = []exportColumn{
	{"索引号", "index_no", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.IndexNo }},
	{"标题", "title", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.Title }},
	{"发文字号", "doc_no", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.DocNo }},
	{"发文机关", "issuer", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.Issuer }},
	{"成文日期", "formed_on", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.FormedOn.String() }},
	{"发布日期", "published_on", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string {
		return e.PublishedAt.In(calendar.China).Format("2006-01-02")
	}},
	{"类别", "kind", func(_ *Server, _ *http.Request, lang string, e catalog.Entry) string { return enumLabel(lang, e.Kind) }},
	{"有效性", "validity", func(_ *Server, _ *http.Request, lang string, e catalog.Entry) string {
		if e.Validity == "" {
			return ""
		}
		return enumLabel(lang, e.Validity)
	}},
	{"有效期至", "valid_until", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string {
		if !e.ValidUntil.Valid {
			return ""
		}
		return e.ValidUntil.Date.String()
	}},
	{"栏目", "column", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.ColumnName }},
	{"主题分类", "subject", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.Subject }},
	{"内容概述", "summary", func(_ *Server, _ *http.Request, _ string, e catalog.Entry) string { return e.Summary }},
	{"状态", "status", func(_ *Server, _ *http.Request, lang string, e catalog.Entry) string {
		return enumLabel(lang, e.Status)
	}},
	{"链接", "url", func(s *Server, r *http.Request, _ string, e catalog.Entry) string {
		return s.absURL(r, "/entries/"+strconv.FormatInt(e.ID, 10))
	}},
}

// exportHeader returns the header row in lang.
func exportHeader(lang string) []string {
	h := make([]string, len(exportColumns))
	for i, c := range exportColumns {
		h[i] = c.zh
		if lang == "en" {
			h[i] = c.en
		}
	}
	return h
}

// exportRows calls fn with the row of each public entry of the body in the path, newest
// first.
func (s *Server) exportRows(r *http.Request, b bodies.Body, fn func([]string) error) error {
	lang := requestLang(r)
	return s.readCatalog(r).EachPublic(r.Context(), catalog.PublicFilter{BodyCode: b.Code}, func(e catalog.Entry) error {
		row := make([]string, len(exportColumns))
		for i, c := range exportColumns {
			row[i] = c.value(s, r, lang, e)
		}
		return fn(row)
	})
}

// exportHeaders sets the headers of a catalog download named after the body and today.
func (s *Server) exportHeaders(w http.ResponseWriter, r *http.Request, b bodies.Body, contentType, ext string) {
	lang := requestLang(r)
	name := s.msgs.T(lang, "export.filename", b.DisplayName(lang), calendar.Today().String()) + ext
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", attachments.ContentDisposition(name))
	w.Header().Set("Cache-Control", "public, max-age=600")
}

// csvSafe keeps a spreadsheet program from reading a cell as a formula: titles and summaries
// come from officers and from imported files, and a cell starting with = + - @ would run.
func csvSafe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// catalogCSV exports the body's public catalog as CSV: UTF-8 with a byte-order mark (so that
// Excel on Chinese Windows reads it as UTF-8), CRLF line ends, one row per entry, streamed.
func (s *Server) catalogCSV(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	s.exportHeaders(w, r, b, "text/csv; charset=utf-8", ".csv")
	_, _ = io.WriteString(w, "\uFEFF")
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	_ = cw.Write(exportHeader(requestLang(r)))
	err := s.exportRows(r, b, func(row []string) error {
		for i := range row {
			row[i] = csvSafe(row[i])
		}
		return cw.Write(row)
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		s.abortStream(r, "catalog CSV export", err)
	}
}

// errExportFull stops an XLSX export at the worksheet's last row.
var errExportFull = errors.New("export: worksheet full")

// catalogXLSX exports the body's public catalog as an XLSX workbook: one sheet, a bold header
// row and text cells (an index number or a date stays as written), rows streamed to a
// temporary file by excelize and the workbook then written out.
func (s *Server) catalogXLSX(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	lang := requestLang(r)
	f := excelize.NewFile()
	defer f.Close()
	sheet := "目录"
	if lang == "en" {
		sheet = "Catalog"
	}
	err := func() error {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
		head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
		if err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		for i, c := range exportColumns {
			width := 14.0
			switch c.en {
			case "title", "summary", "url":
				width = 48
			case "index_no", "doc_no", "issuer", "column", "subject":
				width = 24
			}
			if err := sw.SetColWidth(i+1, i+1, width); err != nil {
				return err
			}
		}
		cells := func(row []string) []any {
			out := make([]any, len(row))
			for i, v := range row {
				out[i] = v
			}
			return out
		}
		header := cells(exportHeader(lang))
		for i := range header {
			header[i] = excelize.Cell{StyleID: head, Value: header[i]}
		}
		if err := sw.SetRow("A1", header); err != nil {
			return err
		}
		n := 1
		err = s.exportRows(r, b, func(row []string) error {
			if n >= exportMaxRows {
				return errExportFull
			}
			n++
			cell, err := excelize.CoordinatesToCellName(1, n)
			if err != nil {
				return err
			}
			return sw.SetRow(cell, cells(row))
		})
		if err != nil && !errors.Is(err, errExportFull) {
			return err
		}
		return sw.Flush()
	}()
	if err != nil {
		s.serverError(w, r, fmt.Errorf("catalog XLSX export of %s: %w", b.Code, err))
		return
	}
	s.exportHeaders(w, r, b, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
	if err := f.Write(w); err != nil {
		s.abortStream(r, "catalog XLSX export", err)
	}
}
