package search

import (
	"fmt"
	"html/template"
	"regexp"
	"sort"
	"strings"

	"xxgk/catalog"
)

// Query is one search as a user (or the API) asks it. The zero value lists everything, newest
// first. Call Validate before Search; Search validates again so that no door can skip it.
type Query struct {
	Q        string   // free text, at most MaxQueryRunes runes
	Bodies   []string // body codes (exact bodies), OR-ed
	Under    string   // a body code: that body and every body below it (a portal's scope)
	Column   string
	Kind     string // KindRule, KindNormative, KindOther or empty
	Validity string // ValidityInForce … or empty
	Subject  string
	Year     int    // 0 for any year
	Sort     string // SortRelevance (default), SortDateDesc or SortDateAsc
	Page     int    // 1-based; 0 means 1
	PageSize int    // 0 means DefaultPageSize
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDateDesc  = "date_desc"
	SortDateAsc   = "date_asc"
)

// Query limits. MaxPage × MaxPageSize stays below the index's maxTotalHits, so every page a
// user can ask for exists.
const (
	MaxQueryRunes   = 200
	DefaultPageSize = 20
	MaxPageSize     = 100
	MaxPage         = 1000
	MinYear         = 1949
	MaxYear         = 2100
	maxBodies       = 100
	maxValueRunes   = 200
)

// bodyCodeRE is the shape of a body code; anything else is rejected before it nears a filter.
var bodyCodeRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// indexNoRE matches index numbers (索引号): a 9-character organisation code or an
// 18-character unified social credit code, then year (or year+month) and serial, with / or -
// (000014349/2017-00110, 11341702486344515H/202110-00013, 01527918X-2020-153077).
var indexNoRE = regexp.MustCompile(`^[0-9A-Z]{9,18}[/-][0-9]{4,6}-[0-9]{1,8}$`)

// ValidationError maps a Query field (as named in the API: q, bodies, page_size …) to what is
// wrong with it.
type ValidationError map[string]string

func (e ValidationError) Error() string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e[k]
	}
	return "search: invalid query: " + strings.Join(parts, "; ")
}

// Validate checks every field and returns a ValidationError listing all problems, or nil.
func (q Query) Validate() error {
	e := ValidationError{}
	if n := runeCount(q.Q); n > MaxQueryRunes {
		e["q"] = fmt.Sprintf("at most %d characters (got %d)", MaxQueryRunes, n)
	}
	if len(q.Bodies) > maxBodies {
		e["bodies"] = fmt.Sprintf("at most %d bodies", maxBodies)
	}
	for _, b := range q.Bodies {
		if !bodyCodeRE.MatchString(b) {
			e["bodies"] = fmt.Sprintf("%q is not a body code", b)
			break
		}
	}
	if q.Under != "" && !bodyCodeRE.MatchString(q.Under) {
		e["under"] = fmt.Sprintf("%q is not a body code", q.Under)
	}
	if runeCount(q.Column) > maxValueRunes {
		e["column"] = "too long"
	}
	if runeCount(q.Subject) > maxValueRunes {
		e["subject"] = "too long"
	}
	switch q.Kind {
	case "", KindRule, KindNormative, KindOther:
	default:
		e["kind"] = "must be rule, normative or other"
	}
	switch q.Validity {
	case "", ValidityInForce, ValidityLapsed, ValidityRepealed, ValidityAmended:
	default:
		e["validity"] = "must be in_force, lapsed, repealed or amended"
	}
	if q.Year != 0 && (q.Year < MinYear || q.Year > MaxYear) {
		e["year"] = fmt.Sprintf("must be between %d and %d", MinYear, MaxYear)
	}
	switch q.Sort {
	case "", SortRelevance, SortDateDesc, SortDateAsc:
	default:
		e["sort"] = "must be relevance, date_desc or date_asc"
	}
	if q.Page < 0 || q.Page > MaxPage {
		e["page"] = fmt.Sprintf("must be between 1 and %d", MaxPage)
	}
	if q.PageSize < 0 || q.PageSize > MaxPageSize {
		e["page_size"] = fmt.Sprintf("must be between 1 and %d", MaxPageSize)
	}
	if len(e) > 0 {
		return e
	}
	return nil
}

// withDefaults fills the zero values that mean "the default".
func (q Query) withDefaults() Query {
	q.Q = strings.TrimSpace(q.Q)
	if q.Page == 0 {
		q.Page = 1
	}
	if q.PageSize == 0 {
		q.PageSize = DefaultPageSize
	}
	if q.Sort == "" {
		q.Sort = SortRelevance
	}
	return q
}

// filter returns the user's filters, every value quoted by the builder.
func (q Query) filter() filter {
	var f filter
	f.in("body_code", q.Bodies)
	if q.Under != "" {
		f.eq("body_codes", q.Under)
	}
	if q.Column != "" {
		f.eq("column", q.Column)
	}
	if q.Kind != "" {
		f.eq("kind", q.Kind)
	}
	if q.Validity != "" {
		f.eq("validity", q.Validity)
	}
	if q.Subject != "" {
		f.eq("subject", q.Subject)
	}
	if q.Year != 0 {
		f.eqInt("year", q.Year)
	}
	return f
}

// numberLookup is an exact lookup run before full-text search for a number-shaped query.
type numberLookup struct {
	field string // doc_no_norm or index_no
	value string
}

// detectNumber recognises a query that is a document number (in any written form that
// catalog.ParseDocNo accepts) or an index number. Full-text search ranks such queries
// poorly: the number tokenises into 沈 | 政发 | 2023 | 12 | 号 and matches nearly everything.
func detectNumber(q string) (numberLookup, bool) {
	s := strings.TrimSpace(q)
	if s == "" {
		return numberLookup{}, false
	}
	if u := strings.ToUpper(s); indexNoRE.MatchString(u) {
		return numberLookup{field: "index_no", value: u}, true
	}
	if d, err := catalog.ParseDocNo(s); err == nil {
		return numberLookup{field: "doc_no_norm", value: d.String()}, true
	}
	return numberLookup{}, false
}

// Result is one page of search results.
type Result struct {
	Total      int64 // exact number of matching documents
	Page       int
	PageSize   int
	TotalPages int
	Hits       []Hit
	// Facets counts matching documents per value of body_code, column, kind, validity,
	// subject and year, under the query's filters.
	Facets Facets
	// NumberMatches is how many leading hits (across all pages) matched the query as an exact
	// document or index number.
	NumberMatches int
	// Relaxed reports that no document contained every word, so documents containing only
	// some of the words were returned.
	Relaxed bool
}

// Hit is one document in a result.
type Hit struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	TitleEN     string    `json:"title_en,omitempty"` // the English title, when the entry has one
	DocNo       string    `json:"doc_no,omitempty"`
	IndexNo     string    `json:"index_no,omitempty"`
	BodyCode    string    `json:"body_code"`
	BodyName    string    `json:"body_name,omitempty"`
	Column      string    `json:"column,omitempty"`
	ColumnName  string    `json:"column_name,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	Validity    string    `json:"validity,omitempty"`
	Subject     string    `json:"subject,omitempty"`
	Year        int       `json:"year,omitempty"`
	PublishedAt int64     `json:"published_at"`
	FormedOn    string    `json:"formed_on,omitempty"`
	Type        string    `json:"type,omitempty"`
	Highlight   Highlight `json:"highlight"`
	// NumberMatch reports that this hit matched the query as an exact document or index number.
	NumberMatch bool `json:"number_match,omitempty"`
}

// Highlight holds HTML that is safe to insert as is: all document text is escaped and the
// only markup is <mark>…</mark> around matched words (adjacent marks merged, so 营商环境 is
// one mark although Meilisearch matches 营商 and 环境 separately).
type Highlight struct {
	Title   template.HTML `json:"title"`
	TitleEN template.HTML `json:"title_en,omitempty"` // the English title, when the entry has one
	Snippet template.HTML `json:"snippet"`            // a cropped passage of the summary, body, attachments or English summary
}
