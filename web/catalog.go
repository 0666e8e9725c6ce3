package web

import (
	"context"
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"xxgk/accounts"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
)

// The public directory (政府信息公开目录): a body's column tree, each column's entries newest
// first, each entry with its metadata, text, relations and version history.

// ColumnLink is one column in a body's tree as the directory shows it. It and EntryRow copy
// the fields their templates read instead of embedding the catalog's types: text/template
// finds a promoted field by a search through the embedded structs on each use, and a
// directory page uses these fields hundreds of times.
type ColumnLink struct {
	Code  string
	Depth int
	// Entries counts the column's public entries.
	Entries int
	Href    string
	Label   string
	// Current marks the column whose page this is.
	Current bool
}

// EntryRow is one line of an entry list, its labels and dates already in the page's language
// (each template function call costs a reflective call, and a list has twenty lines).
type EntryRow struct {
	Href          string
	Title         string
	Withdrawn     bool
	StatusLabel   string
	Validity      catalog.Validity // empty for other kinds than normative documents
	ValidityLabel string
	DocNo         string
	Issuer        string
	PublishedISO  string // YYYY-MM-DD in China, for <time datetime>
	PublishedText string
}

// DirectoryPage is a column's list of entries (or the whole body's, newest first).
type DirectoryPage struct {
	Page
	Body    bodies.Body
	Name    string
	Tree    []ColumnLink
	Column  *catalog.Column // nil: every column
	Entries []EntryRow
	Total   int
	Pager   Pager
	// Empty is what an empty list shows: the column's explanation, or a generic text.
	Empty string
	// TreeHTML is the "columntree" template rendered (web/fragments.go).
	TreeHTML template.HTML
}

// EntryPage shows one entry, or one old version of it.
type EntryPage struct {
	Page
	Entry    catalog.Entry
	Body     bodies.Body
	BodyName string
	// Paragraphs is the body text split into paragraphs.
	Paragraphs []string
	Relations  []RelationLink
	// Version is set when an old version is shown.
	Version  *catalog.Version
	Versions []catalog.Version
	Latest   int
	// Manage is true for those who may edit the entry: the page links to the console.
	Manage bool
	// Attachments are the entry's current files (web/attachments.go); none on an old version.
	Attachments []AttachmentLink
}

// writeMetaTable writes the entry's metadata table (索引号, 发文机关, 文号, dates, validity …) to b;
// Main writes it inside the entry's article. It is Go, as the entry list is: some forty labels
// and values to escape, each a reflective call in a template, on the busiest public page.
func (p *EntryPage) writeMetaTable(b *markup) {
	e := &p.Entry
	b.Grow(2048)
	th := func(key string) {
		b.raw(`<th scope="row">`)
		b.text(p.T(key))
		b.raw(`</th>`)
	}
	td := func(v string, wide bool) {
		if wide {
			b.raw(`<td colspan="3">`)
		} else {
			b.raw(`<td>`)
		}
		b.text(v)
		b.raw(`</td>`)
	}
	row := func(k1, v1, k2, v2 string) {
		b.raw("\n      <tr>")
		th(k1)
		td(v1, false)
		th(k2)
		td(v2, false)
		b.raw(`</tr>`)
	}
	wideRow := func(k, v string) {
		b.raw("\n      <tr>")
		th(k)
		td(v, true)
		b.raw(`</tr>`)
	}
	b.raw("<table class=\"meta entry-meta-table\">\n    <caption class=\"visually-hidden\">")
	b.text(p.T("entry.metadata"))
	b.raw("</caption>\n    <tbody>")
	row("entry.indexno", e.IndexNo, "entry.subject", e.Subject)
	row("entry.issuer", e.Issuer, "entry.formed", p.Date(e.FormedOn))
	wideRow("entry.title", e.Title)
	row("entry.docno", e.DocNo, "entry.published", p.Date(e.PublishedAt))
	row("entry.kind", labelIn(p.Lang, e.Kind), "entry.mode", labelIn(p.Lang, e.DisclosureMode))
	if e.Kind == catalog.KindNormative {
		b.raw("\n      <tr>")
		th("entry.validity")
		b.raw(`<td><span class="badge badge-`)
		b.text(string(e.Validity))
		b.raw(`">`)
		b.text(labelIn(p.Lang, e.Validity))
		b.raw(`</span></td>`)
		th("entry.validuntil")
		td(p.Date(e.ValidUntil), false)
		b.raw(`</tr>`)
		if e.RepealedOn.Valid || e.RegistrationNo != "" {
			row("entry.repealed", p.Date(e.RepealedOn), "entry.regno", e.RegistrationNo)
		}
	}
	if e.EffectiveOn.Valid {
		wideRow("entry.effective", p.Date(e.EffectiveOn))
	}
	if len(e.Keywords) > 0 {
		wideRow("entry.keywords", strings.Join(e.Keywords, "、"))
	}
	b.raw("\n    </tbody>\n  </table>")
}

// RelationLink is a related entry with the sentence that relates it.
type RelationLink struct {
	Label string
	Href  string
	Title string
	DocNo string
}

// NormativePage lists the normative documents of a body in force on a date.
type NormativePage struct {
	Page
	Body    bodies.Body
	Name    string
	On      string
	Entries []EntryRow
}

// readCatalog is the catalog that read-only pages and the public API's reads use. Signed-out
// visitors read the one on the read replica while it answers (Deps.PublicCatalog), which may be
// a moment behind the primary; signed-in users and API tokens read the primary, so that
// officers see their changes at once.
func (s *Server) readCatalog(r *http.Request) *catalog.Store {
	if s.publicCatalog == nil {
		return s.catalog
	}
	if _, signedIn := s.optionalPrincipal(r); signedIn {
		return s.catalog
	}
	return s.publicCatalog()
}

// tree returns the body's column tree with its counts. Signed-in callers read it fresh (an
// officer sees the column they just added); the public reads a copy at most
// catalog.TreeMaxAge old, because counting every column's entries on every page would cost
// more than the rest of the page.
func (s *Server) tree(r *http.Request, b bodies.Body) (catalog.Tree, error) {
	if _, signedIn := s.optionalPrincipal(r); signedIn {
		return s.catalog.Tree(r.Context(), b.Code)
	}
	return s.readCatalog(r).CachedTree(r.Context(), b.Code)
}

// columnTree returns the links of a body's columns, in display order.
func (s *Server) columnTree(r *http.Request, b bodies.Body) ([]ColumnLink, error) {
	t, err := s.tree(r, b)
	if err != nil {
		return nil, err
	}
	return s.columnLinks(r, b, t, ""), nil
}

// columnLinks is the tree's visible columns as links, current marking the page's column.
func (s *Server) columnLinks(r *http.Request, b bodies.Body, t catalog.Tree, current string) []ColumnLink {
	cols := t.Visible()
	lang := requestLang(r)
	links := make([]ColumnLink, len(cols))
	for i, c := range cols {
		label := c.Name
		if lang == "en" && c.NameEN != "" {
			label = c.NameEN
		}
		links[i] = ColumnLink{Code: c.Code, Depth: c.Depth, Entries: c.Entries, Href: "/bodies/" + b.Code + "/columns/" + c.Code,
			Label: label, Current: c.Code == current}
	}
	return links
}

// entryListHTML is the markup of an entry list (the "entrylist" template):
//
//	<ul class="entry-list">
//	  <li>
//	    <a href="/entries/1">title</a>
//	    <span class="badge badge-withdrawn">status</span>      (withdrawn entries)
//	    <span class="badge badge-valid">validity</span>        (normative documents)
//	    <div class="entry-meta"><span>doc no</span><span>issuer</span><time datetime="2026-11-02">date</time></div>
//	  </li>
//	</ul>
//
// Written with markup rather than in html/template because it is the longest repeated piece of
// the busiest pages.
func entryListHTML(rows []EntryRow) template.HTML {
	var b markup
	b.Grow(400 * len(rows))
	b.entryList(rows)
	return b.html()
}

func (m *markup) entryList(rows []EntryRow) {
	m.raw("\n<ul class=\"entry-list\">\n")
	for _, r := range rows {
		m.raw("  <li>\n    <a href=\"")
		m.text(r.Href)
		m.raw("\">")
		m.text(r.Title)
		m.raw("</a>\n")
		if r.Withdrawn {
			m.raw("    <span class=\"badge badge-withdrawn\">")
			m.text(r.StatusLabel)
			m.raw("</span>\n")
		}
		if r.Validity != "" {
			m.raw("    <span class=\"badge badge-")
			m.text(string(r.Validity))
			m.raw("\">")
			m.text(r.ValidityLabel)
			m.raw("</span>\n")
		}
		m.raw("    <div class=\"entry-meta\">")
		if r.DocNo != "" {
			m.raw("<span>")
			m.text(r.DocNo)
			m.raw("</span>")
		}
		m.raw("<span>")
		m.text(r.Issuer)
		m.raw("</span><time datetime=\"")
		m.text(r.PublishedISO)
		m.raw("\">")
		m.text(r.PublishedText)
		m.raw("</time></div>\n  </li>\n")
	}
	m.raw("</ul>\n")
}

func entryRows(lang string, es []catalog.Entry) []EntryRow {
	rows := make([]EntryRow, len(es))
	for i, e := range es {
		rows[i] = EntryRow{Href: "/entries/" + strconv.FormatInt(e.ID, 10), Title: e.Title,
			Withdrawn: e.Status == catalog.StatusWithdrawn, StatusLabel: labelIn(lang, e.Status),
			Validity: e.Validity, DocNo: e.DocNo, Issuer: e.Issuer}
		if e.Validity != "" {
			rows[i].ValidityLabel = labelIn(lang, e.Validity)
		}
		if e.PublishedAt != nil {
			d := calendar.DateOf(e.PublishedAt.In(calendar.China))
			rows[i].PublishedISO, rows[i].PublishedText = d.String(), formatDate(lang, d)
		}
	}
	return rows
}

// pageParams reads page and page_size, defaulting to the first page of 20.
func pageParams(r *http.Request) (page, size int) {
	page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	size, _ = strconv.Atoi(r.URL.Query().Get("page_size"))
	if page < 1 {
		page = 1
	}
	if size < 1 {
		size = 20
	}
	return page, min(size, 100)
}

// bodyOr404 loads the body named by the {code} path value, answering 404 itself.
func (s *Server) bodyOr404(w http.ResponseWriter, r *http.Request) (bodies.Body, bool) {
	b, err := s.bodies.Get(r.Context(), r.PathValue("code"))
	if errors.Is(err, bodies.ErrNotFound) {
		s.notFound(w, r)
		return b, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return b, false
	}
	return b, true
}

func (s *Server) columnPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	t, err := s.tree(r, b)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	col, ok := t.Column(r.PathValue("column"))
	if !ok {
		// A column added on another instance since the copy was made.
		if t, err = s.catalog.Tree(r.Context(), b.Code); err != nil {
			s.serverError(w, r, err)
			return
		}
		if col, ok = t.Column(r.PathValue("column")); !ok {
			s.notFound(w, r)
			return
		}
	}
	s.directory(w, r, b, t, &col)
}

// directory renders a body's entries, all of them or one column's, newest first.
func (s *Server) directory(w http.ResponseWriter, r *http.Request, b bodies.Body, t catalog.Tree, col *catalog.Column) {
	lang := requestLang(r)
	page, size := pageParams(r)
	f := catalog.ListFilter{BodyCode: b.Code, BodyID: b.ID, PublicOnly: true, Page: page, PageSize: size, Brief: true}
	title := b.DisplayName(lang) + " · " + s.msgs.T(lang, "catalog.all")
	empty := s.msgs.T(lang, "catalog.empty")
	if col != nil {
		f.Column, f.ColumnIDs = col.Code, t.Subtree(col.Code)
		name := col.Name
		if lang == "en" && col.NameEN != "" {
			name = col.NameEN
		}
		title = name + " · " + b.DisplayName(lang)
		if col.EmptyNote != "" {
			empty = col.EmptyNote
		}
	}
	total, entries, err := s.readCatalog(r).List(r.Context(), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	current := ""
	if col != nil {
		current = col.Code
	}
	p := DirectoryPage{Page: s.page(r, title), Body: b, Name: b.DisplayName(lang), Tree: s.columnLinks(r, b, t, current), Column: col,
		Entries: entryRows(lang, entries), Total: total, Pager: newPager(r.URL, page, size, total), Empty: empty}
	if p.TreeHTML, err = s.columnTreeHTML("directory", lang, b.Code, col != nil, p.Tree, &p); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "directory", &p)
}

func (s *Server) catalogPage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	t, err := s.tree(r, b)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.directory(w, r, b, t, nil)
}

// entryID reads the {entry} path value.
func entryID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("entry"), 10, 64)
	return id, err == nil && id > 0
}

// visibleEntry loads the entry named by the path for the caller: the public sees public
// entries only; officers of the body, auditors and administrators see drafts too. Anything
// else is "not found", so draft ids cannot be probed. It also returns the catalog the entry
// was found in: the entry's history and attachments are read from the same copy, so that an
// entry found on the primary because the replica has not caught up yet is not shown without
// them.
func (s *Server) visibleEntry(w http.ResponseWriter, r *http.Request) (catalog.Entry, *catalog.Store, bool) {
	d, cat, ok := s.visible(w, r, func(cat *catalog.Store, ctx context.Context, id int64) (catalog.Document, error) {
		e, err := cat.Get(ctx, id)
		return catalog.Document{Entry: e}, err
	})
	return d.Entry, cat, ok
}

// visibleDocument is visibleEntry with the entry's history and attachments, read at once: what
// its page shows.
func (s *Server) visibleDocument(w http.ResponseWriter, r *http.Request) (catalog.Document, *catalog.Store, bool) {
	return s.visible(w, r, (*catalog.Store).Document)
}

// visible reads the entry named by the path with read, as visibleEntry says.
func (s *Server) visible(w http.ResponseWriter, r *http.Request,
	read func(*catalog.Store, context.Context, int64) (catalog.Document, error)) (catalog.Document, *catalog.Store, bool) {
	id, ok := entryID(r)
	if !ok {
		s.notFound(w, r)
		return catalog.Document{}, nil, false
	}
	cat := s.readCatalog(r)
	d, err := read(cat, r.Context(), id)
	if errors.Is(err, catalog.ErrNotFound) && cat != s.catalog {
		// Published a moment ago and not on the replica yet: a link from search, say.
		cat = s.catalog
		d, err = read(cat, r.Context(), id)
	}
	if errors.Is(err, catalog.ErrNotFound) {
		s.notFound(w, r)
		return d, nil, false
	}
	if err != nil {
		s.serverError(w, r, err)
		return d, nil, false
	}
	if !d.Entry.Public() {
		p, signedIn := s.optionalPrincipal(r)
		if !signedIn || !(p.CanReadAll() || p.CanManage(d.Entry.BodyCode)) {
			s.notFound(w, r)
			return d, nil, false
		}
	}
	return d, cat, true
}

// optionalPrincipal identifies the caller on a public route, if they sent credentials.
func (s *Server) optionalPrincipal(r *http.Request) (accounts.Principal, bool) {
	if p, ok := principalFrom(r.Context()); ok {
		return p, true
	}
	return s.identify(r)
}

func (s *Server) entryPage(w http.ResponseWriter, r *http.Request) {
	d, _, ok := s.visibleDocument(w, r)
	if !ok {
		return
	}
	s.renderEntry(w, r, d.Entry, nil, d.History, d.Attachments)
}

func (s *Server) entryVersionPage(w http.ResponseWriter, r *http.Request) {
	e, cat, ok := s.visibleEntry(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		s.notFound(w, r)
		return
	}
	v, err := cat.Version(r.Context(), e.ID, n)
	if errors.Is(err, catalog.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	versions, err := cat.History(r.Context(), e.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.renderEntry(w, r, v.Snapshot, &v, versions, nil)
}

// renderEntry writes an entry's page: the entry as it is now with its attachments (v nil), or
// version v of it (attachments nil: a version page lists none).
func (s *Server) renderEntry(w http.ResponseWriter, r *http.Request, e catalog.Entry, v *catalog.Version, versions []catalog.Version, atts []catalog.Attachment) {
	lang := requestLang(r)
	b, err := s.bodies.Get(r.Context(), e.BodyCode)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := e.Title
	if lang == "en" && e.TitleEN != "" {
		title = e.TitleEN
	}
	p := EntryPage{Page: s.page(r, title), Entry: e, Body: b, BodyName: b.DisplayName(lang), Version: v, Versions: versions}
	for _, para := range strings.Split(strings.ReplaceAll(e.Body, "\r\n", "\n"), "\n") {
		if para = strings.TrimSpace(para); para != "" {
			p.Paragraphs = append(p.Paragraphs, para)
		}
	}
	if len(versions) > 0 {
		p.Latest = versions[len(versions)-1].Version
	}
	if pr, ok := s.optionalPrincipal(r); ok {
		p.Manage = pr.CanManage(e.BodyCode)
	}
	for _, rel := range e.Relations {
		if !rel.Public && !p.Manage {
			continue
		}
		p.Relations = append(p.Relations, RelationLink{
			Label: s.msgs.T(lang, "relation."+rel.Direction+"."+string(rel.Kind)),
			Href:  "/entries/" + strconv.FormatInt(rel.EntryID, 10), Title: rel.Title, DocNo: rel.DocNo,
		})
	}
	if v == nil {
		p.Attachments = s.attachmentLinks(lang, atts)
	}
	s.render(w, r, http.StatusOK, "entry", &p)
}

func (s *Server) normativePage(w http.ResponseWriter, r *http.Request) {
	b, ok := s.bodyOr404(w, r)
	if !ok {
		return
	}
	on, ok := s.inForceDate(w, r)
	if !ok {
		return
	}
	entries, err := s.readCatalog(r).InForceOn(r.Context(), b.Code, true, on)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	lang := requestLang(r)
	p := NormativePage{Page: s.page(r, s.msgs.T(lang, "normative.title", b.DisplayName(lang))), Body: b, Name: b.DisplayName(lang),
		On: on.String(), Entries: entryRows(lang, entries)}
	s.render(w, r, http.StatusOK, "normative", &p)
}

// inForceDate reads ?in_force_on=YYYY-MM-DD, today (China time) when absent.
func (s *Server) inForceDate(w http.ResponseWriter, r *http.Request) (calendar.Date, bool) {
	v := r.URL.Query().Get("in_force_on")
	if v == "" {
		return calendar.Today(), true
	}
	d, err := calendar.ParseDate(v)
	if err != nil {
		lang := requestLang(r)
		if isAPI(r) {
			writeAPIError(w, r, http.StatusBadRequest, "invalid", s.msgs.T(lang, "error.invalid"), map[string]string{"in_force_on": s.msgs.T(lang, "error.date")})
		} else {
			s.fail(w, r, http.StatusBadRequest, "invalid", "error.badrequest.title", "error.date", "error.date")
		}
		return d, false
	}
	return d, true
}
