package search

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"xxgk/catalog"
)

// Document is one searchable item as the index stores it: a public catalog entry, an annual
// report or an interpretation. The catalog store builds it from PostgreSQL; only public fields
// belong here (see the package comment).
type Document struct {
	ID             string `json:"id"` // entry id; [A-Za-z0-9_-], at most 511 bytes (Meilisearch's rule)
	Title          string `json:"title"`
	TitleEN        string `json:"title_en,omitempty"`
	DocNo          string `json:"doc_no,omitempty"`      // as published, e.g. 沈政发〔2023〕12号
	DocNoNorm      string `json:"doc_no_norm,omitempty"` // catalog.NormalizeDocNo(DocNo); filled by Upsert when empty
	IndexNo        string `json:"index_no,omitempty"`
	Summary        string `json:"summary,omitempty"`
	SummaryEN      string `json:"summary_en,omitempty"`
	Body           string `json:"body,omitempty"`            // truncated to MaxBodyRunes by Upsert
	AttachmentText string `json:"attachment_text,omitempty"` // truncated to MaxAttachmentRunes by Upsert
	BodyCode       string `json:"body_code"`
	// BodyCodes is the body and all its ancestors (department, city, province), so that a
	// government's portal can filter on "this government and everything under it" with one
	// equality; Upsert fills it with BodyCode when empty.
	BodyCodes   []string `json:"body_codes,omitempty"`
	BodyName    string   `json:"body_name,omitempty"`
	Column      string   `json:"column,omitempty"`
	ColumnName  string   `json:"column_name,omitempty"`
	Kind        string   `json:"kind,omitempty"`     // KindRule, KindNormative or KindOther
	Validity    string   `json:"validity,omitempty"` // ValidityInForce … or empty
	Subject     string   `json:"subject,omitempty"`  // e.g. 综合政务\政务公开
	Year        int      `json:"year,omitempty"`
	PublishedAt int64    `json:"published_at"`        // unix seconds
	FormedOn    string   `json:"formed_on,omitempty"` // YYYY-MM-DD; sorts correctly as a string
	Type        string   `json:"type,omitempty"`      // TypeEntry, TypeAnnualReport, TypeInterpretation …
}

// Kinds of document (glossary: 规章 rule, 规范性文件 normative document).
const (
	KindRule      = "rule"
	KindNormative = "normative"
	KindOther     = "other"
)

// Validity states of a normative document (有效 / 失效 / 废止 / 已修订).
const (
	ValidityInForce  = "in_force"
	ValidityLapsed   = "lapsed"
	ValidityRepealed = "repealed"
	ValidityAmended  = "amended"
)

// Document types.
const (
	TypeEntry          = "entry"
	TypeAnnualReport   = "annual_report"
	TypeInterpretation = "interpretation"
)

// Size limits for long text. Meilisearch indexes only the first 65,535 word positions of an
// attribute anyway, and every byte is paid for in ingestion time and memory; the opening
// pages of a government document carry its substance.
const (
	MaxBodyRunes       = 20000
	MaxAttachmentRunes = 20000
)

// Highlight markers used on the wire. They are Private Use Area code points, stripped from
// every document before indexing, so after HTML-escaping the formatted text they can only
// be Meilisearch's own markers; a document can never smuggle a tag through highlighting.
const (
	markPre  = "\uE000"
	markPost = "\uE001"
)

// docIDRE is Meilisearch's rule for document ids; checking it here turns a task that would
// fail inside Meilisearch into an error that names the document.
var docIDRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,511}$`)

// prepare returns a copy of docs ready for the index: checked ids, truncated text, markers
// stripped and derived fields filled.
func prepare(docs []Document) ([]Document, error) {
	out := make([]Document, len(docs))
	for i, d := range docs {
		if !docIDRE.MatchString(d.ID) {
			return nil, fmt.Errorf("search: document %q: id must be 1–511 of [A-Za-z0-9_-]", d.ID)
		}
		d.Title = stripMarkers(d.Title)
		d.TitleEN = stripMarkers(d.TitleEN)
		d.Summary = stripMarkers(d.Summary)
		d.SummaryEN = stripMarkers(d.SummaryEN)
		d.Body = truncateRunes(stripMarkers(d.Body), MaxBodyRunes)
		d.AttachmentText = truncateRunes(stripMarkers(d.AttachmentText), MaxAttachmentRunes)
		if d.DocNoNorm == "" && d.DocNo != "" {
			d.DocNoNorm = catalog.NormalizeDocNo(d.DocNo)
		}
		if len(d.BodyCodes) == 0 && d.BodyCode != "" {
			d.BodyCodes = []string{d.BodyCode}
		}
		out[i] = d
	}
	return out, nil
}

func stripMarkers(s string) string {
	if !strings.ContainsAny(s, markPre+markPost) {
		return s
	}
	return strings.NewReplacer(markPre, "", markPost, "").Replace(s)
}

// truncateRunes cuts s to at most n runes without splitting a character.
func truncateRunes(s string, n int) string {
	if len(s) <= n { // fewer bytes than n means fewer runes too
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}

// runeCount is utf8.RuneCountInString, named for readability at call sites.
func runeCount(s string) int { return utf8.RuneCountInString(s) }
