package catalog

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database"
)

// EntryInput is what creating or correcting an entry takes, from the console form, the JSON API,
// the importer and the CLI alike. A zero Date means none.
type EntryInput struct {
	Title     string        `json:"title"`
	TitleEN   string        `json:"title_en"`
	Summary   string        `json:"summary"`
	SummaryEN string        `json:"summary_en"`
	FormedOn  calendar.Date `json:"formed_on"`
	// EffectiveOn is the date the document takes effect (施行日期), if it says.
	EffectiveOn calendar.Date `json:"effective_on"`
	Issuers     []string      `json:"issuers"`
	DocNo       string        `json:"doc_no"`
	Subject     string        `json:"subject"`
	// Column is the code or the name of a column of the entry's body; "" takes
	// DefaultColumnForKind.
	Column         string         `json:"column"`
	Keywords       []string       `json:"keywords"`
	DisclosureMode DisclosureMode `json:"disclosure_mode"` // "": proactive
	WithheldReason string         `json:"withheld_reason"`
	ReviewOn       calendar.Date  `json:"review_on"`
	Body           string         `json:"body"`
	Kind           Kind           `json:"kind"` // "": other
	// Validity is for normative documents only; "" derives it: repealed when RepealedOn is
	// set, lapsed when ValidUntil has passed, else in force.
	Validity       Validity      `json:"validity"`
	ValidUntil     calendar.Date `json:"valid_until"`
	RepealedOn     calendar.Date `json:"repealed_on"`
	RegistrationNo string        `json:"registration_no"`
	// Source is console (default), api, import or seed; Update keeps the entry's source.
	Source string `json:"source"`
}

// Entry is a catalog entry as stored, with its body and column.
type Entry struct {
	ID         int64  `db:"id" json:"id"`
	BodyCode   string `db:"body_code" json:"body_code"`
	BodyName   string `db:"body_name" json:"body_name"`
	OrgCode    string `db:"org_code" json:"org_code"`
	ColumnCode string `db:"column_code" json:"column"`
	ColumnName string `db:"column_name" json:"column_name"`
	Status     Status `db:"status" json:"status"`
	// IndexNo (索引号) is "" for a draft.
	IndexNo   string        `db:"index_no" json:"index_no"`
	Title     string        `db:"title" json:"title"`
	TitleEN   string        `db:"title_en" json:"title_en,omitempty"`
	Summary   string        `db:"summary" json:"summary"`
	SummaryEN string        `db:"summary_en" json:"summary_en,omitempty"`
	FormedOn  calendar.Date `db:"formed_on" json:"formed_on"`
	// PublishedAt is nil for a draft.
	PublishedAt *time.Time        `db:"published_at" json:"published_at"`
	EffectiveOn calendar.NullDate `db:"effective_on" json:"effective_on"`
	Issuers     []string          `db:"-" json:"issuers"`
	// Issuer is Issuers joined with 、, as a catalog page prints them.
	Issuer         string            `db:"-" json:"issuer"`
	DocNo          string            `db:"doc_no" json:"doc_no"`
	Subject        string            `db:"subject" json:"subject"`
	Keywords       []string          `db:"-" json:"keywords"`
	DisclosureMode DisclosureMode    `db:"disclosure_mode" json:"disclosure_mode"`
	WithheldReason string            `db:"withheld_reason" json:"withheld_reason,omitempty"`
	ReviewOn       calendar.NullDate `db:"review_on" json:"review_on"`
	Body           string            `db:"body_text" json:"body"`
	Kind           Kind              `db:"kind" json:"kind"`
	// Validity is the validity today (see ValidityOn), "" for documents that are not normative.
	// In a Version's snapshot it is the status recorded at that version.
	Validity        Validity          `db:"-" json:"validity,omitempty"`
	ValidUntil      calendar.NullDate `db:"valid_until" json:"valid_until"`
	RepealedOn      calendar.NullDate `db:"repealed_on" json:"repealed_on"`
	RegistrationNo  string            `db:"registration_no" json:"registration_no,omitempty"`
	Version         int               `db:"version" json:"version"`
	Source          string            `db:"source" json:"source"`
	WithdrawnAt     *time.Time        `db:"withdrawn_at" json:"withdrawn_at,omitempty"`
	WithdrawnReason string            `db:"withdrawn_reason" json:"withdrawn_reason,omitempty"`
	CreatedBy       string            `db:"created_by" json:"created_by"`
	CreatedAt       time.Time         `db:"created_at" json:"created_at"`
	UpdatedAt       time.Time         `db:"updated_at" json:"updated_at"`
	// Relations are filled by Get (and in version snapshots).
	Relations []Relation `db:"-" json:"relations,omitempty"`

	// recorded is the validity as last decided, which Validity derives from.
	recorded Validity
}

// Public reports whether the public sees the entry: published or withdrawn (shown as withdrawn,
// with its reason), and not withheld.
func (e Entry) Public() bool {
	return (e.Status == StatusPublished || e.Status == StatusWithdrawn) && e.DisclosureMode != DisclosureWithheld
}

// RecordedValidity is the validity as last decided by an officer, a relation or the daily sweep;
// Validity is derived from it and the dates.
func (e Entry) RecordedValidity() Validity { return e.recorded }

// ValidityOn returns the entry's validity on d: the recorded status, except that a document in
// force whose valid-until date is before d has lapsed, and a document repealed with effect from
// a date after d was still in force (or lapsed) on d. It is "" for documents that are not
// normative. validitySQL is the same rule for queries.
func (e Entry) ValidityOn(d calendar.Date) Validity {
	return validityOn(e.recorded, e.ValidUntil, e.RepealedOn, d)
}

func validityOn(recorded Validity, validUntil, repealedOn calendar.NullDate, d calendar.Date) Validity {
	v := recorded
	if v == ValidityRepealed && repealedOn.Valid && repealedOn.Date.After(d) {
		v = ValidityInForce
	}
	if v == ValidityInForce && validUntil.Valid && validUntil.Date.Before(d) {
		v = ValidityLapsed
	}
	return v
}

// validitySQL returns the SQL expression for the validity on the date in placeholder d of the
// entry aliased a, by the rule of Entry.ValidityOn.
func validitySQL(a, d string) string {
	return fmt.Sprintf(`(CASE
		WHEN %[1]s.validity = 'repealed' AND %[1]s.repealed_on > %[2]s::date
			THEN CASE WHEN %[1]s.valid_until < %[2]s::date THEN 'lapsed' ELSE 'in_force' END
		WHEN %[1]s.validity = 'in_force' AND %[1]s.valid_until < %[2]s::date THEN 'lapsed'
		ELSE %[1]s.validity END)`, a, d)
}

// Relation is a link between two entries as seen from one of them.
type Relation struct {
	Kind RelationKind `db:"kind" json:"kind"`
	// Direction is "out" when this entry interprets, amends, repeals or replaces the other, and
	// "in" when the other does so to this one.
	Direction string   `db:"direction" json:"direction"`
	EntryID   int64    `db:"entry_id" json:"entry_id"`
	Title     string   `db:"title" json:"title"`
	IndexNo   string   `db:"index_no" json:"index_no"`
	DocNo     string   `db:"doc_no" json:"doc_no"`
	Status    Status   `db:"status" json:"status"`
	Validity  Validity `db:"validity" json:"validity,omitempty"`
	BodyCode  string   `db:"body_code" json:"body_code"`
	// Public says whether the other entry is public; the portal shows only public relations.
	Public bool `db:"public" json:"public"`
}

// Version is one published state of an entry.
type Version struct {
	Version int       `db:"version" json:"version"`
	At      time.Time `db:"at" json:"at"`
	Actor   string    `db:"actor" json:"actor"`
	Note    string    `db:"note" json:"note,omitempty"`
	// Changes is {"field": {"before": x, "after": y}}, {} for version 1.
	Changes  json.RawMessage `db:"changes" json:"changes"`
	Snapshot Entry           `db:"-" json:"snapshot"`
}

// change is one changed field, as audit events and entry versions record it.
type change struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

func diffField[T comparable](changes map[string]change, field string, before, after T) {
	if before != after {
		changes[field] = change{Before: before, After: after}
	}
}

// selectEntry reads an entry with its body and column, in the order selectEntries scans it.
const selectEntry = `SELECT e.id, b.code AS body_code, b.name AS body_name, b.org_code,
	c.code AS column_code, c.name AS column_name, e.status, coalesce(e.index_no, '') AS index_no,
	e.title, e.title_en, e.summary, e.summary_en, e.formed_on, e.published_at, e.effective_on,
	e.issuers, e.doc_no, e.subject, e.keywords, e.disclosure_mode, e.withheld_reason, e.review_on,
	e.body_text, e.kind, coalesce(e.validity, '') AS validity, e.valid_until, e.repealed_on,
	e.registration_no, e.version, e.source, e.withdrawn_at, e.withdrawn_reason, e.created_by,
	e.created_at, e.updated_at
	FROM entries e JOIN bodies b ON b.id = e.body_id JOIN columns c ON c.id = e.column_id`

// maxMergedRows bounds the pages List merges from each body's newest entries: deeper pages of a
// many-body list sort the matching entries instead.
const maxMergedRows = 1000

// selectEntryBrief is what an entry list shows of each entry (ListFilter.Brief), in the order
// briefFields scans it.
const selectEntryBrief = `SELECT e.id, b.code, b.name, e.status, coalesce(e.index_no, ''), e.title, e.title_en,
	e.formed_on, e.published_at, e.issuers, e.doc_no, e.kind, coalesce(e.validity, ''), e.valid_until, e.repealed_on
	FROM entries e JOIN bodies b ON b.id = e.body_id`

// briefFields are the destinations of selectEntryBrief's columns, in order.
func briefFields(e *Entry, issuers, _ *pq.StringArray) []any {
	return []any{&e.ID, &e.BodyCode, &e.BodyName, &e.Status, &e.IndexNo, &e.Title, &e.TitleEN,
		&e.FormedOn, &e.PublishedAt, issuers, &e.DocNo, &e.Kind, &e.recorded, &e.ValidUntil, &e.RepealedOn}
}

func nonNil(a []string) []string {
	if a == nil {
		return []string{}
	}
	return a
}

// selectEntries reads the rows of a selectEntry query.
func (s *Store) selectEntries(ctx context.Context, q sqlx.QueryerContext, query string, args ...any) ([]Entry, error) {
	return s.readEntries(ctx, q, query, args, 0, entryFields)
}

// entryFields are the destinations of selectEntry's columns, in order.
func entryFields(e *Entry, issuers, keywords *pq.StringArray) []any {
	return []any{&e.ID, &e.BodyCode, &e.BodyName, &e.OrgCode, &e.ColumnCode, &e.ColumnName, &e.Status, &e.IndexNo,
		&e.Title, &e.TitleEN, &e.Summary, &e.SummaryEN, &e.FormedOn, &e.PublishedAt, &e.EffectiveOn,
		issuers, &e.DocNo, &e.Subject, keywords, &e.DisclosureMode, &e.WithheldReason, &e.ReviewOn,
		&e.Body, &e.Kind, &e.recorded, &e.ValidUntil, &e.RepealedOn,
		&e.RegistrationNo, &e.Version, &e.Source, &e.WithdrawnAt, &e.WithdrawnReason, &e.CreatedBy,
		&e.CreatedAt, &e.UpdatedAt}
}

// readEntries runs query and reads each row with Scan into the entry fields that fields names,
// in the order of the query's columns (mapping 33 columns a row by reflection cost the portal's
// busiest pages more than their queries), then derives what Entry holds beyond the columns.
// Rows are scanned in place into a slice made for n of them (a list's page size; 0 when
// unknown): an Entry is large, and growing the slice copied each one up to five times.
func (s *Store) readEntries(ctx context.Context, q sqlx.QueryerContext, query string, args []any, n int,
	fields func(e *Entry, issuers, keywords *pq.StringArray) []any) ([]Entry, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	today := s.today()
	var es []Entry
	if n > 0 {
		es = make([]Entry, 0, n)
	}
	for rows.Next() {
		es = append(es, Entry{})
		e := &es[len(es)-1]
		var issuers, keywords pq.StringArray
		if err := rows.Scan(fields(e, &issuers, &keywords)...); err != nil {
			return nil, err
		}
		e.Issuers, e.Keywords = nonNil(issuers), nonNil(keywords)
		e.Issuer = strings.Join(e.Issuers, "、")
		e.Validity = e.ValidityOn(today)
	}
	if err := rows.Err(); err != nil || len(es) == 0 {
		return nil, err // no rows is a nil slice, whatever n was
	}
	return es, nil
}

// get reads entry id with its relations.
func (s *Store) get(ctx context.Context, q sqlx.QueryerContext, id int64) (Entry, error) {
	es, err := s.selectEntries(ctx, q, selectEntry+` WHERE e.id = $1`, id)
	if err != nil {
		return Entry{}, err
	}
	if len(es) == 0 {
		return Entry{}, fmt.Errorf("entry %d: %w", id, ErrNotFound)
	}
	e := es[0]
	e.Relations, err = s.relations(ctx, q, id)
	if err != nil {
		return Entry{}, err
	}
	return e, nil
}

// selectRelations reads the relations of entry $1 as Relation's columns, on date $2 (for the
// other entries' validity), in no order; r.created_at is when each was made.
var selectRelations = `SELECT r.kind, r.direction, o.id AS entry_id, o.title,
		coalesce(o.index_no, '') AS index_no, o.doc_no, o.status, coalesce(` + validitySQL("o", "$2") + `, '') AS validity,
		b.code AS body_code,
		o.status IN ('published', 'withdrawn') AND o.disclosure_mode <> 'withheld' AS public
	FROM (SELECT kind, 'out' AS direction, to_id AS other, created_at FROM entry_relations WHERE from_id = $1
		UNION ALL
		SELECT kind, 'in', from_id, created_at FROM entry_relations WHERE to_id = $1) r
	JOIN entries o ON o.id = r.other JOIN bodies b ON b.id = o.body_id`

// relationsOrder is the order pages list an entry's relations in: as they were made.
const relationsOrder = `r.created_at, o.id`

func (s *Store) relations(ctx context.Context, q sqlx.QueryerContext, id int64) ([]Relation, error) {
	var rels []Relation
	err := sqlx.SelectContext(ctx, q, &rels, selectRelations+` ORDER BY `+relationsOrder, id, s.today())
	if err != nil {
		return nil, fmt.Errorf("relations of entry %d: %w", id, err)
	}
	return rels, nil
}

// Document is an entry as its public page shows it: the entry with its relations (as Get reads
// it), its versions as History lists them, and its listed attachments (as Attachments).
type Document struct {
	Entry       Entry
	History     []Version
	Attachments []Attachment
}

// selectDocument is selectEntry with the entry's relations, history and listed attachments as
// three JSON arrays, whose keys are those types' JSON names: what Get, History and Attachments
// read in four statements, in one. On an entry page, each a lookup of a row or three by index,
// a statement's round trip and fixed work are most of what it costs: pgbench on the generated
// data set (2 cores) runs the four at ~4,150 pages' worth a second and this one at ~7,000.
var selectDocument = strings.Replace(selectEntry, "\n\tFROM entries e ", `,
	(SELECT json_agg(x ORDER BY x.related_at, x.entry_id) FROM (`+
	strings.Replace(strings.ReplaceAll(selectRelations, "$1", "e.id"), "\n\tFROM ", ", r.created_at AS related_at\n\tFROM ", 1)+`) x) AS relations,
	(SELECT json_agg(v ORDER BY v.version) FROM (SELECT `+historyColumns+` FROM entry_versions WHERE entry_id = e.id) v) AS history,
	(SELECT json_agg(a ORDER BY a.position, a.id) FROM (`+selectAttachment+` WHERE entry_id = e.id AND removed_at IS NULL) a) AS attachments
	FROM entries e `, 1) + ` WHERE e.id = $1`

// Document returns the entry with id as its page shows it, read in one statement.
func (s *Store) Document(ctx context.Context, id int64) (Document, error) {
	var rels, history, atts []byte
	es, err := s.readEntries(ctx, s.reads, selectDocument, []any{id, s.today()}, 1, func(e *Entry, issuers, keywords *pq.StringArray) []any {
		return append(entryFields(e, issuers, keywords), &rels, &history, &atts)
	})
	if err != nil {
		return Document{}, fmt.Errorf("catalog: get entry %d: %w", id, err)
	}
	if len(es) == 0 {
		return Document{}, fmt.Errorf("catalog: get entry %d: entry %d: %w", id, id, ErrNotFound)
	}
	d := Document{Entry: es[0], Attachments: []Attachment{}}
	for _, part := range []struct {
		json []byte
		into any
	}{{rels, &d.Entry.Relations}, {history, &d.History}, {atts, &d.Attachments}} {
		if part.json == nil { // json_agg of no rows
			continue
		}
		if err := json.Unmarshal(part.json, part.into); err != nil {
			return Document{}, fmt.Errorf("catalog: get entry %d: %w", id, err)
		}
	}
	return d, nil
}

// Get returns the entry with id and its relations.
func (s *Store) Get(ctx context.Context, id int64) (Entry, error) {
	e, err := s.get(ctx, s.reads, id)
	if err != nil {
		return Entry{}, fmt.Errorf("catalog: get entry %d: %w", id, err)
	}
	return e, nil
}

// fields is an EntryInput validated and normalised for storage.
type fields struct {
	in        EntryInput
	columnID  int64
	docNoNorm string
	validity  *string
}

// DocNoKey is the lookup key (entries.doc_no_norm) of a document number: NormalizeDocNo with
// spaces removed and letters upper-cased, so that every written form of a number
// (沈政发[2023]12号, 沈政发(2023)12号, 沈政发〔2023〕12号) gives the same key.
func DocNoKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, NormalizeDocNo(s))
}

// Limits of entry fields beyond the schema's.
const (
	maxTitleRunes   = 300
	maxSummaryRunes = 2000
	maxShortRunes   = 200
)

// validateOpts adjusts validate to the operation.
type validateOpts struct {
	// derive records a document said to be in force whose valid-until date has passed as
	// lapsed; without it that is an error (an officer is told).
	derive bool
	// currentColumn is the column an entry being corrected is in: it stays acceptable after the
	// column is retired.
	currentColumn int64
}

// validate checks in for the body with bodyID, resolving its column; today decides what is in
// the future and what has passed.
func validate(ctx context.Context, q sqlx.QueryerContext, bodyID int64, in EntryInput, today calendar.Date, opts validateOpts) (fields, error) {
	problems := ValidationError{}
	trim := func(p *string) { *p = strings.TrimSpace(*p) }
	for _, p := range []*string{&in.Title, &in.TitleEN, &in.Summary, &in.SummaryEN, &in.Subject, &in.Column,
		&in.WithheldReason, &in.RegistrationNo, &in.Source} {
		trim(p)
	}
	in.Body = strings.TrimRightFunc(in.Body, unicode.IsSpace)
	in.Issuers = cleanList(in.Issuers)
	in.Keywords = cleanList(in.Keywords)
	in.DocNo = NormalizeDocNo(in.DocNo)

	if n := len([]rune(in.Title)); n < 1 || n > maxTitleRunes {
		problems["title"] = fmt.Sprintf("标题应为 1 至 %d 个字符", maxTitleRunes)
	}
	if len([]rune(in.TitleEN)) > maxTitleRunes {
		problems["title_en"] = fmt.Sprintf("英文标题最长 %d 个字符", maxTitleRunes)
	}
	if len([]rune(in.Summary)) > maxSummaryRunes {
		problems["summary"] = fmt.Sprintf("内容概述最长 %d 个字符", maxSummaryRunes)
	}
	if len([]rune(in.SummaryEN)) > maxSummaryRunes {
		problems["summary_en"] = fmt.Sprintf("英文内容概述最长 %d 个字符", maxSummaryRunes)
	}
	switch {
	case in.FormedOn.IsZero():
		problems["formed_on"] = "请填写成文日期"
	case in.FormedOn.After(today):
		problems["formed_on"] = "成文日期不能晚于今天"
	}
	if len([]rune(in.DocNo)) > maxShortRunes {
		problems["doc_no"] = fmt.Sprintf("发文字号最长 %d 个字符", maxShortRunes)
	}
	for _, is := range in.Issuers {
		if len([]rune(is)) > maxShortRunes {
			problems["issuers"] = fmt.Sprintf("发文机关名称最长 %d 个字符", maxShortRunes)
		}
	}
	if len([]rune(in.Subject)) > maxShortRunes {
		problems["subject"] = fmt.Sprintf("主题分类最长 %d 个字符", maxShortRunes)
	}
	if in.Kind == "" {
		in.Kind = KindOther
	}
	if !in.Kind.Valid() {
		problems["kind"] = "文件类型应为规章、行政规范性文件或其他"
	}
	if in.DisclosureMode == "" {
		in.DisclosureMode = DisclosureProactive
	}
	switch {
	case !in.DisclosureMode.Valid():
		problems["disclosure_mode"] = "公开方式应为主动公开、依申请公开或不予公开"
	case in.DisclosureMode == DisclosureWithheld:
		if in.WithheldReason == "" {
			problems["withheld_reason"] = "不予公开须说明理由"
		}
	default:
		in.WithheldReason, in.ReviewOn = "", calendar.Date{}
	}
	if in.Source == "" {
		in.Source = "console"
	}
	switch in.Source {
	case "console", "api", "import", "seed":
	default:
		problems["source"] = "来源应为 console、api、import 或 seed"
	}
	if !in.EffectiveOn.IsZero() && !in.FormedOn.IsZero() && in.EffectiveOn.Before(in.FormedOn) &&
		in.FormedOn.Sub(in.EffectiveOn) > 366 {
		// Retroactive effect happens (施行日期 a few months before signature), a year is a typo.
		problems["effective_on"] = "施行日期早于成文日期一年以上，请核对"
	}

	f := fields{}
	if in.Kind == KindNormative {
		if in.Validity == "" {
			switch {
			case !in.RepealedOn.IsZero():
				in.Validity = ValidityRepealed
			case !in.ValidUntil.IsZero() && in.ValidUntil.Before(today):
				in.Validity = ValidityLapsed
			default:
				in.Validity = ValidityInForce
			}
		}
		switch {
		case !in.Validity.Valid():
			problems["validity"] = "有效性应为有效、失效、废止或已修订"
		case in.Validity == ValidityInForce && !in.ValidUntil.IsZero() && in.ValidUntil.Before(today):
			// An imported catalog often still says 有效 for a document whose period has run
			// out, and a correction of a document the sweep has not reached yet carries its
			// recorded status: record what the dates say. An officer choosing 有效 is told.
			if opts.derive {
				in.Validity = ValidityLapsed
			} else {
				problems["validity"] = "有效期已过，文件不能标为有效"
			}
		}
		if !in.ValidUntil.IsZero() && !in.FormedOn.IsZero() && in.ValidUntil.Before(in.FormedOn) {
			problems["valid_until"] = "有效期至不能早于成文日期"
		}
		if !in.RepealedOn.IsZero() {
			if in.Validity != ValidityRepealed {
				problems["repealed_on"] = "只有已废止的文件有废止日期"
			} else if !in.FormedOn.IsZero() && in.RepealedOn.Before(in.FormedOn) {
				problems["repealed_on"] = "废止日期不能早于成文日期"
			}
		}
		v := string(in.Validity)
		f.validity = &v
	} else {
		if in.Validity != "" {
			problems["validity"] = "只有行政规范性文件有有效性"
		}
		if !in.ValidUntil.IsZero() {
			problems["valid_until"] = "只有行政规范性文件有有效期"
		}
		if !in.RepealedOn.IsZero() {
			problems["repealed_on"] = "只有行政规范性文件有废止日期"
		}
	}

	if in.Column == "" {
		in.Column = DefaultColumnForKind(in.Kind)
	}
	if in.Column == "" {
		problems["column"] = "请选择栏目"
	} else if in.Kind.Valid() {
		var ids []int64
		err := sqlx.SelectContext(ctx, q, &ids, `SELECT id FROM columns
			WHERE body_id = $1 AND (retired_at IS NULL OR id = $3) AND (code = $2 OR name = $2)
			ORDER BY code = $2 DESC, retired_at IS NULL DESC, id`, bodyID, in.Column, opts.currentColumn)
		switch {
		case err != nil:
			return fields{}, err
		case len(ids) == 0:
			problems["column"] = "本机关没有该栏目（或已停用）：" + in.Column
		default:
			// A code is unique; a name that two columns share picks the first in the tree.
			f.columnID = ids[0]
		}
	}
	if len(problems) > 0 {
		return fields{}, problems
	}
	f.in = in
	f.docNoNorm = DocNoKey(in.DocNo)
	return f, nil
}

// cleanList trims the items, drops empty ones and duplicates, and splits items joined with
// 、，,；; (joint issuers typed into one field).
func cleanList(xs []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, x := range xs {
		for _, p := range strings.FieldsFunc(x, func(r rune) bool { return strings.ContainsRune("、，,；;", r) }) {
			p = strings.TrimSpace(p)
			if p != "" && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}

func nullDate(d calendar.Date) calendar.NullDate {
	return calendar.NullDate{Date: d, Valid: !d.IsZero()}
}

// Create stores a new draft in the body's catalog.
func (s *Store) Create(ctx context.Context, actor audit.Actor, bodyCode string, in EntryInput) (Entry, error) {
	var created Entry
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		b, err := bodyByCode(ctx, tx, bodyCode)
		if err != nil {
			return err
		}
		f, err := validate(ctx, tx, b.ID, in, s.today(), validateOpts{derive: in.Source == "import"})
		if err != nil {
			return err
		}
		id, err := s.insert(ctx, tx, b.ID, f, actor)
		if err != nil {
			return err
		}
		created, err = s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "entry.create", Target: entryTarget(id),
			Body: bodyCode, Changes: contentOf(created)})
	})
	if err != nil {
		return Entry{}, wrapErr("create entry in "+bodyCode, err)
	}
	return created, nil
}

func (s *Store) insert(ctx context.Context, tx *sqlx.Tx, bodyID int64, f fields, actor audit.Actor) (int64, error) {
	in := f.in
	now := s.clock()
	var id int64
	err := tx.GetContext(ctx, &id, `INSERT INTO entries (body_id, column_id, title, title_en, summary, summary_en,
		formed_on, effective_on, issuers, doc_no, doc_no_norm, subject, keywords, disclosure_mode, withheld_reason,
		review_on, body_text, kind, validity, valid_until, repealed_on, registration_no, source, created_by,
		created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
			$22, $23, $24, $25, $25) RETURNING id`,
		bodyID, f.columnID, in.Title, in.TitleEN, in.Summary, in.SummaryEN, in.FormedOn, nullDate(in.EffectiveOn),
		pq.Array(in.Issuers), in.DocNo, f.docNoNorm, in.Subject, pq.Array(in.Keywords), string(in.DisclosureMode),
		in.WithheldReason, nullDate(in.ReviewOn), in.Body, string(in.Kind), f.validity, nullDate(in.ValidUntil),
		nullDate(in.RepealedOn), in.RegistrationNo, in.Source, actor.Name, now)
	if err != nil {
		return 0, err
	}
	return id, nil
}

// errNoChange rolls back an edit that changed nothing.
var errNoChange = errors.New("no change")

// Update changes an entry. A draft is changed in place (the audit log keeps what changed). A
// published entry is corrected: the row takes the new state with version+1 and an entry_versions
// row keeps who, when, the note and what changed, next to the full new state, so every earlier
// state stays readable through Versions. An edit that changes nothing is ignored (no empty
// version, no audit event) and returns the entry as it is. A withdrawn entry cannot be changed.
func (s *Store) Update(ctx context.Context, actor audit.Actor, id int64, in EntryInput, note string) (Entry, error) {
	var updated Entry
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		before, bodyID, err := s.lock(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Status == StatusWithdrawn {
			return fmt.Errorf("entry is withdrawn: %w", ErrNotAllowed)
		}
		in.Source = before.Source
		var columnID int64
		if err := tx.GetContext(ctx, &columnID, `SELECT column_id FROM entries WHERE id = $1`, id); err != nil {
			return err
		}
		f, err := validate(ctx, tx, bodyID, in, s.today(), validateOpts{
			derive: in.Source == "import" || before.recorded == ValidityInForce, currentColumn: columnID})
		if err != nil {
			return err
		}
		published := before.Status == StatusPublished
		in = f.in
		_, err = tx.ExecContext(ctx, `UPDATE entries SET column_id = $2, title = $3, title_en = $4, summary = $5,
			summary_en = $6, formed_on = $7, effective_on = $8, issuers = $9, doc_no = $10, doc_no_norm = $11,
			subject = $12, keywords = $13, disclosure_mode = $14, withheld_reason = $15, review_on = $16,
			body_text = $17, kind = $18, validity = $19, valid_until = $20, repealed_on = $21,
			registration_no = $22, updated_at = $23, version = version + $24
			WHERE id = $1`,
			id, f.columnID, in.Title, in.TitleEN, in.Summary, in.SummaryEN, in.FormedOn, nullDate(in.EffectiveOn),
			pq.Array(in.Issuers), in.DocNo, f.docNoNorm, in.Subject, pq.Array(in.Keywords), string(in.DisclosureMode),
			in.WithheldReason, nullDate(in.ReviewOn), in.Body, string(in.Kind), f.validity, nullDate(in.ValidUntil),
			nullDate(in.RepealedOn), in.RegistrationNo, s.clock(), boolInt(published))
		if err != nil {
			return err
		}
		after, err := s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		changes := diffEntries(before, after)
		if len(changes) == 0 {
			updated = before
			return errNoChange
		}
		if published {
			if err := s.addVersion(ctx, tx, after, actor, note, changes); err != nil {
				return err
			}
			if err := enqueue(ctx, tx, id); err != nil {
				return err
			}
		}
		updated = after
		return audit.Append(ctx, tx, actor, audit.Event{Action: "entry.update", Target: entryTarget(id),
			Body: after.BodyCode, Changes: changes})
	})
	if errors.Is(err, errNoChange) {
		return updated, nil
	}
	if err != nil {
		return Entry{}, wrapErr("update entry "+strconv.FormatInt(id, 10), err)
	}
	return updated, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lock reads entry id and locks its row for the rest of tx.
func (s *Store) lock(ctx context.Context, tx *sqlx.Tx, id int64) (Entry, int64, error) {
	var bodyID int64
	err := tx.GetContext(ctx, &bodyID, `SELECT body_id FROM entries WHERE id = $1 FOR UPDATE`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, 0, fmt.Errorf("entry %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Entry{}, 0, err
	}
	e, err := s.get(ctx, tx, id)
	return e, bodyID, err
}

// Publish publishes a draft: it stamps the publication time (now) and the next index number of
// the body's year (in China), and records version 1. Anyone may now see it, unless it is withheld.
func (s *Store) Publish(ctx context.Context, actor audit.Actor, id int64) (Entry, error) {
	var published Entry
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		e, bodyID, err := s.lock(ctx, tx, id)
		if err != nil {
			return err
		}
		if e.Status != StatusDraft {
			return fmt.Errorf("entry is %s: %w", e.Status, ErrNotAllowed)
		}
		var retired bool
		if err := tx.GetContext(ctx, &retired, `SELECT c.retired_at IS NOT NULL FROM entries e
			JOIN columns c ON c.id = e.column_id WHERE e.id = $1`, id); err != nil {
			return err
		}
		if retired {
			return ValidationError{"column": "栏目已停用，请先改选栏目"}
		}
		now := s.clock()
		indexNo, err := nextIndexNo(ctx, tx, bodyID, e.OrgCode, chinaDate(now).Year())
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET status = 'published', published_at = $2, index_no = $3,
			updated_at = $2 WHERE id = $1`, id, now, indexNo); err != nil {
			return err
		}
		published, err = s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.addVersion(ctx, tx, published, actor, "", nil); err != nil {
			return err
		}
		if err := enqueue(ctx, tx, id); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "entry.publish", Target: entryTarget(id),
			Body: published.BodyCode, Changes: map[string]any{
				"status": change{Before: StatusDraft, After: StatusPublished}, "index_no": indexNo, "published_at": now}})
	})
	if err != nil {
		return Entry{}, wrapErr("publish entry "+strconv.FormatInt(id, 10), err)
	}
	return published, nil
}

// nextIndexNo takes the next serial of the body's year from index_counters and returns the index
// number, skipping numbers an imported entry already holds. The upsert locks the counter row
// until the transaction ends, so concurrent publishers (on any connection or server) wait for
// each other and never share a number; a rolled-back publish gives its number back with the
// counter, so numbers in use stay consecutive.
func nextIndexNo(ctx context.Context, tx *sqlx.Tx, bodyID int64, orgCode string, year int) (string, error) {
	for {
		var serial int
		if err := tx.GetContext(ctx, &serial, `INSERT INTO index_counters (body_id, year, last) VALUES ($1, $2, 1)
			ON CONFLICT (body_id, year) DO UPDATE SET last = index_counters.last + 1 RETURNING last`, bodyID, year); err != nil {
			return "", fmt.Errorf("index counter: %w", err)
		}
		no := FormatIndexNo(orgCode, year, serial)
		var taken bool
		if err := tx.GetContext(ctx, &taken, `SELECT EXISTS (SELECT 1 FROM entries WHERE body_id = $1 AND index_no = $2)`,
			bodyID, no); err != nil {
			return "", fmt.Errorf("index number %s: %w", no, err)
		}
		if !taken {
			return no, nil
		}
	}
}

// Import stores an entry of a body's existing catalog as published, keeping its index number
// (any string, cleaned with CleanIndexNo; "" generates one for the publication year) and its
// publication time (zero: midnight in China at the start of the formed date). Validity is
// derived from the dates where the file says 有效 but the period has run out. The entry gets
// version 1, an audit event (entry.import) and a search-outbox row.
func (s *Store) Import(ctx context.Context, actor audit.Actor, bodyCode string, in EntryInput, indexNo string, publishedAt time.Time) (Entry, error) {
	var imported Entry
	indexNo = CleanIndexNo(indexNo)
	in.Source = "import"
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		b, err := bodyByCode(ctx, tx, bodyCode)
		if err != nil {
			return err
		}
		f, err := validate(ctx, tx, b.ID, in, s.today(), validateOpts{derive: true})
		if err != nil {
			return err
		}
		if publishedAt.IsZero() {
			publishedAt = f.in.FormedOn.Time(calendar.China)
		}
		publishedAt = publishedAt.Truncate(time.Microsecond)
		if publishedAt.After(s.now()) {
			return ValidationError{"published_at": "发布日期不能晚于今天"}
		}
		if len(indexNo) > maxShortRunes {
			return ValidationError{"index_no": "索引号过长"}
		}
		if indexNo == "" {
			if indexNo, err = nextIndexNo(ctx, tx, b.ID, b.OrgCode, chinaDate(publishedAt).Year()); err != nil {
				return err
			}
		} else {
			var taken bool
			if err := tx.GetContext(ctx, &taken, `SELECT EXISTS (SELECT 1 FROM entries WHERE body_id = $1 AND index_no = $2)`,
				b.ID, indexNo); err != nil {
				return err
			}
			if taken {
				return ValidationError{"index_no": "索引号已被本机关的其他条目使用：" + indexNo}
			}
		}
		id, err := s.insert(ctx, tx, b.ID, f, actor)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET status = 'published', published_at = $2, index_no = $3
			WHERE id = $1`, id, publishedAt, indexNo); err != nil {
			return err
		}
		imported, err = s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.addVersion(ctx, tx, imported, actor, "导入", nil); err != nil {
			return err
		}
		if err := enqueue(ctx, tx, id); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "entry.import", Target: entryTarget(id),
			Body: bodyCode, Changes: contentOf(imported)})
	})
	if err != nil {
		return Entry{}, wrapErr("import entry into "+bodyCode, err)
	}
	return imported, nil
}

// Withdraw takes a published entry back: it stays in the catalog, shown as withdrawn with the
// reason and date, and the change is recorded as a new version.
func (s *Store) Withdraw(ctx context.Context, actor audit.Actor, id int64, reason string) (Entry, error) {
	reason = strings.TrimSpace(reason)
	var withdrawn Entry
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		if reason == "" {
			return ValidationError{"reason": "请填写撤回理由"}
		}
		if len([]rune(reason)) > maxSummaryRunes {
			return ValidationError{"reason": fmt.Sprintf("撤回理由最长 %d 个字符", maxSummaryRunes)}
		}
		e, _, err := s.lock(ctx, tx, id)
		if err != nil {
			return err
		}
		if e.Status != StatusPublished {
			return fmt.Errorf("entry is %s: %w", e.Status, ErrNotAllowed)
		}
		now := s.clock()
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = $3,
			version = version + 1, updated_at = $2 WHERE id = $1`, id, now, reason); err != nil {
			return err
		}
		withdrawn, err = s.get(ctx, tx, id)
		if err != nil {
			return err
		}
		changes := map[string]change{
			"status":           {Before: StatusPublished, After: StatusWithdrawn},
			"withdrawn_reason": {Before: "", After: reason},
		}
		if err := s.addVersion(ctx, tx, withdrawn, actor, reason, changes); err != nil {
			return err
		}
		if err := enqueue(ctx, tx, id); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "entry.withdraw", Target: entryTarget(id),
			Body: withdrawn.BodyCode, Changes: changes})
	})
	if err != nil {
		return Entry{}, wrapErr("withdraw entry "+strconv.FormatInt(id, 10), err)
	}
	return withdrawn, nil
}

// DeleteDraft removes a draft that was never published (the schema refuses to delete anything
// published).
func (s *Store) DeleteDraft(ctx context.Context, actor audit.Actor, id int64) error {
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		e, _, err := s.lock(ctx, tx, id)
		if err != nil {
			return err
		}
		if e.Status != StatusDraft {
			return fmt.Errorf("entry is %s: %w", e.Status, ErrNotAllowed)
		}
		if len(e.Relations) > 0 {
			return fmt.Errorf("draft has relations: %w", ErrNotAllowed)
		}
		var attachments int
		if err := tx.GetContext(ctx, &attachments, `SELECT count(*) FROM attachments WHERE entry_id = $1`, id); err != nil {
			return err
		}
		if attachments > 0 {
			return fmt.Errorf("draft has attachments: %w", ErrNotAllowed)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM entries WHERE id = $1`, id); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "entry.delete", Target: entryTarget(id),
			Body: e.BodyCode, Changes: contentOf(e)})
	})
	return wrapErr("delete draft "+strconv.FormatInt(id, 10), err)
}

// addVersion records e's current state as its version e.Version.
func (s *Store) addVersion(ctx context.Context, tx *sqlx.Tx, e Entry, actor audit.Actor, note string, changes map[string]change) error {
	snap, err := snapshot(e)
	if err != nil {
		return err
	}
	ch := []byte("{}")
	if len(changes) > 0 {
		if ch, err = json.Marshal(changes); err != nil {
			return err
		}
	}
	name := actor.Name
	if name == "" {
		name = "unknown"
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO entry_versions (entry_id, version, at, actor, note, changes, snapshot)
		VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
		e.ID, e.Version, s.clock(), name, note, string(ch), string(snap)); err != nil {
		if isUniqueViolation(err) {
			return fmt.Errorf("version %d of entry %d: %w", e.Version, e.ID, ErrConflict)
		}
		return fmt.Errorf("version %d of entry %d: %w", e.Version, e.ID, err)
	}
	return nil
}

// snapshot is the JSON of e as a version keeps it: with the recorded validity, not today's.
func snapshot(e Entry) ([]byte, error) {
	e.Validity = e.recorded
	return json.Marshal(e)
}

// contentFields are the JSON fields of an Entry that an officer changes; diffs compare them.
var contentFields = []string{"title", "title_en", "summary", "summary_en", "formed_on", "effective_on",
	"issuers", "doc_no", "subject", "column", "keywords", "disclosure_mode", "withheld_reason", "review_on",
	"body", "kind", "validity", "valid_until", "repealed_on", "registration_no"}

// contentOf returns e's content fields as JSON values.
func contentOf(e Entry) map[string]json.RawMessage {
	e.Validity = e.recorded
	b, _ := json.Marshal(e)
	var all map[string]json.RawMessage
	_ = json.Unmarshal(b, &all)
	out := make(map[string]json.RawMessage, len(contentFields))
	for _, f := range contentFields {
		if v, ok := all[f]; ok {
			out[f] = v
		} else {
			out[f] = json.RawMessage("null")
		}
	}
	return out
}

// diffEntries returns the content fields that differ between before and after.
func diffEntries(before, after Entry) map[string]change {
	b, a := contentOf(before), contentOf(after)
	changes := map[string]change{}
	for _, f := range contentFields {
		if !bytes.Equal(b[f], a[f]) {
			changes[f] = change{Before: b[f], After: a[f]}
		}
	}
	return changes
}

// Versions returns the published states of an entry, version 1 first; a draft has none.
func (s *Store) Versions(ctx context.Context, id int64) ([]Version, error) {
	// Only whether the entry exists: the caller has usually just read it.
	var exists bool
	if err := s.db.GetContext(ctx, &exists, `SELECT EXISTS (SELECT 1 FROM entries WHERE id = $1)`, id); err != nil {
		return nil, fmt.Errorf("catalog: versions of entry %d: %w", id, err)
	}
	if !exists {
		return nil, fmt.Errorf("catalog: versions of entry %d: entry %d: %w", id, id, ErrNotFound)
	}
	vs, err := s.versions(ctx, `WHERE entry_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("catalog: versions of entry %d: %w", id, err)
	}
	return vs, nil
}

// historyColumns are what History reads of each version.
const historyColumns = `version, at, actor, note`

// History returns an entry's versions as its page lists them (number, time, actor, note),
// version 1 first, without the snapshots and changes that Versions decodes; an unknown entry
// or a draft has none.
func (s *Store) History(ctx context.Context, id int64) ([]Version, error) {
	var vs []Version
	if err := sqlx.SelectContext(ctx, s.reads, &vs, `SELECT `+historyColumns+` FROM entry_versions WHERE entry_id = $1 ORDER BY version`, id); err != nil {
		return nil, fmt.Errorf("catalog: history of entry %d: %w", id, err)
	}
	return vs, nil
}

// Version returns version n of an entry.
func (s *Store) Version(ctx context.Context, id int64, n int) (Version, error) {
	vs, err := s.versions(ctx, `WHERE entry_id = $1 AND version = $2`, id, n)
	if err != nil {
		return Version{}, fmt.Errorf("catalog: version %d of entry %d: %w", n, id, err)
	}
	if len(vs) == 0 {
		return Version{}, fmt.Errorf("catalog: version %d of entry %d: %w", n, id, ErrNotFound)
	}
	return vs[0], nil
}

func (s *Store) versions(ctx context.Context, cond string, args ...any) ([]Version, error) {
	var rows []struct {
		Version
		Snap []byte `db:"snapshot"`
	}
	if err := s.db.SelectContext(ctx, &rows, `SELECT version, at, actor, note, changes, snapshot FROM entry_versions `+cond, args...); err != nil {
		return nil, err
	}
	vs := make([]Version, len(rows))
	for i, r := range rows {
		vs[i] = r.Version
		if err := json.Unmarshal(r.Snap, &vs[i].Snapshot); err != nil {
			return nil, fmt.Errorf("snapshot of version %d: %w", r.Version.Version, err)
		}
		vs[i].Snapshot.recorded = vs[i].Snapshot.Validity
	}
	return vs, nil
}

// FindByDocNo returns the entries whose document number is docNo in any written form
// (沈政发[2023]12号 finds 沈政发〔2023〕12号), drafts included, newest first; the portal keeps the
// Public ones.
func (s *Store) FindByDocNo(ctx context.Context, docNo string) ([]Entry, error) {
	key := DocNoKey(docNo)
	if key == "" {
		return []Entry{}, nil
	}
	es, err := s.selectEntries(ctx, s.db, selectEntry+` WHERE e.doc_no_norm = $1
		ORDER BY e.published_at DESC NULLS FIRST, e.id DESC`, key)
	if err != nil {
		return nil, fmt.Errorf("catalog: find document number %q: %w", docNo, err)
	}
	return es, nil
}

// ListFilter selects entries for List. Zero fields do not filter.
type ListFilter struct {
	BodyCode        string   `json:"body"` // "": every body
	WithDescendants bool     `json:"with_descendants"`
	Column          string   `json:"column"` // a column code; includes its sub-columns
	Kind            Kind     `json:"kind"`
	Validity        Validity `json:"validity"` // the validity today
	Status          Status   `json:"status"`
	Year            int      `json:"year"` // year of publication in China (of formation for drafts)
	PublicOnly      bool     `json:"public_only"`
	Page            int      `json:"page"`      // from 1; default 1
	PageSize        int      `json:"page_size"` // default 20, at most 100

	// What a caller that holds the body and its tree may pass so that List need not look them
	// up again. BodyID is the id of BodyCode (used without WithDescendants); ColumnIDs are the
	// ids of Column and its sub-columns (Tree.Subtree).
	BodyID    int64   `json:"-"`
	ColumnIDs []int64 `json:"-"`
	// NoTotal leaves out the count, for a page that shows the newest few: List returns -1.
	NoTotal bool `json:"-"`
	// Brief reads only what an entry list shows: ID, BodyCode, BodyName, Status, IndexNo,
	// Title, TitleEN, FormedOn, PublishedAt, Issuers (and Issuer), DocNo, Kind, ValidUntil,
	// RepealedOn and the Validity they give; every other field is left empty.
	Brief bool `json:"-"`
}

// List returns one page of the entries f selects and how many there are in all: drafts first
// (most recently changed first), then published and withdrawn entries, newest publication first.
func (s *Store) List(ctx context.Context, f ListFilter) (int, []Entry, error) {
	if f.Page < 1 {
		f.Page = 1
	}
	if f.PageSize < 1 {
		f.PageSize = 20
	}
	f.PageSize = min(f.PageSize, 100)
	w := &where{}
	// A single body and a single column are compared with =, not = ANY: PostgreSQL 15 reads an
	// index in order only for equalities, and in order a page is the first rows of the index
	// (entries_body_published, entries_list) instead of a sort of every entry of the body.
	var ids []int64
	// When the list is of several bodies: the index in w.conds of "e.body_id = ANY(ids)" and
	// the placeholder of ids.
	bodyAny, bodyParam := -1, ""
	if f.BodyCode != "" && f.BodyID != 0 && !f.WithDescendants {
		ids = []int64{f.BodyID}
		w.add("e.body_id = ?", f.BodyID)
	} else if f.BodyCode != "" {
		var err error
		if ids, err = scope(ctx, s.reads, f.BodyCode, f.WithDescendants); err != nil {
			return 0, nil, fmt.Errorf("catalog: list: %w", err)
		}
		if len(ids) == 1 {
			w.add("e.body_id = ?", ids[0])
		} else {
			bodyAny = len(w.conds)
			w.add("e.body_id = ANY(?)", pq.Array(ids))
			bodyParam = "$" + strconv.Itoa(len(w.args))
		}
	}
	if f.Column != "" && len(f.ColumnIDs) > 0 {
		if len(f.ColumnIDs) == 1 {
			w.add("e.column_id = ?", f.ColumnIDs[0])
		} else {
			w.add("e.column_id = ANY(?)", pq.Array(f.ColumnIDs))
		}
	} else if f.Column != "" {
		// The column and its sub-columns, walked within the bodies listed.
		var cols []int64
		bodyCond, subCond, args := "TRUE", "TRUE", []any{f.Column}
		if f.BodyCode != "" {
			bodyCond, subCond, args = "body_id = ANY($2)", "c1.body_id = ANY($2)", append(args, pq.Array(ids))
		}
		if err := sqlx.SelectContext(ctx, s.reads, &cols, `WITH RECURSIVE sub AS (
				SELECT id FROM columns WHERE code = $1 AND `+bodyCond+`
				UNION ALL SELECT c1.id FROM columns c1 JOIN sub ON c1.parent_id = sub.id WHERE `+subCond+`)
			SELECT id FROM sub`, args...); err != nil {
			return 0, nil, fmt.Errorf("catalog: list: columns: %w", err)
		}
		if len(cols) == 1 {
			w.add("e.column_id = ?", cols[0])
		} else {
			w.add("e.column_id = ANY(?)", pq.Array(cols))
		}
	}
	if f.Kind != "" {
		w.add("e.kind = ?", string(f.Kind))
	}
	if f.Validity != "" {
		w.add(validitySQL("e", w.arg(s.today()))+" = ?", string(f.Validity))
	}
	if f.Status != "" {
		w.add("e.status = ?", string(f.Status))
	}
	if f.Year != 0 {
		w.add(`extract(year FROM coalesce((e.published_at AT TIME ZONE INTERVAL '+08:00')::date, e.formed_on)) = ?`, f.Year)
	}
	if f.PublicOnly {
		w.add(`e.status IN ('published', 'withdrawn') AND e.disclosure_mode <> 'withheld'`)
	}
	// Public lists are the portal's pages, in a few shapes each asked for all the time: they
	// run prepared (the query text depends on which filters are set, never on their values).
	var q sqlx.QueryerContext = s.db
	if f.PublicOnly {
		q = s.reads
	}
	total := -1
	countSQL, countArgs := `SELECT count(*) FROM entries e`+w.sql(), len(w.args) // the page's first arguments
	count := func() error {
		if err := sqlx.GetContext(ctx, q, &total, countSQL, w.args[:countArgs]...); err != nil {
			return fmt.Errorf("catalog: list: count: %w", err)
		}
		return nil
	}
	// Public lists have no drafts, so they are ordered as the indexes entries_list and
	// entries_body_published are, and a page is read from the index instead of sorting all of
	// a body's entries: newest publication first, the later-numbered first on the same day.
	order := `e.published_at DESC NULLS FIRST, e.updated_at DESC, e.id DESC`
	if f.PublicOnly {
		order = `e.published_at DESC, e.id DESC`
	}
	cond := w.sql() // before the page's arguments are added
	sel, fields := selectEntry, entryFields
	if f.Brief {
		sel, fields = selectEntryBrief, briefFields
	}
	var query string
	if bodyAny >= 0 && f.PublicOnly && f.Column == "" && f.Page*f.PageSize <= maxMergedRows {
		// The newest entries of many bodies (a government with its departments: the portal's
		// home page): the first ids of each body's index (entries_public_body, read without
		// the table), merged, and only the page's rows read in full; instead of every public
		// entry of the province sorted. Each body gives at most as many ids as the page needs.
		inner := slices.Clone(w.conds)
		inner[bodyAny] = "e.body_id = s.body_id"
		from := `FROM (SELECT t.id FROM unnest(` + bodyParam + `::bigint[]) AS s(body_id) CROSS JOIN LATERAL (
				SELECT e.id, e.published_at FROM entries e WHERE ` + strings.Join(inner, " AND ") + `
				ORDER BY ` + order + ` LIMIT ` + w.arg(f.Page*f.PageSize) + `) t
			ORDER BY ` + strings.ReplaceAll(order, "e.", "t.") + ` LIMIT ` + w.arg(f.PageSize) + ` OFFSET ` + w.arg((f.Page-1)*f.PageSize) + `) p
			JOIN entries e ON e.id = p.id`
		query = strings.Replace(sel, "FROM entries e", from, 1) + ` ORDER BY ` + order
		if !f.NoTotal {
			if err := count(); err != nil {
				return 0, nil, err
			}
		}
	} else {
		if !f.NoTotal {
			// The count rides in the page's statement, as a subquery that PostgreSQL runs once
			// (it depends on no row): one round trip instead of two, a page's rows each
			// carrying the same total.
			sel = strings.Replace(sel, "SELECT ", "SELECT ("+countSQL+") AS total, ", 1)
			rowFields := fields
			fields = func(e *Entry, issuers, keywords *pq.StringArray) []any {
				return append([]any{&total}, rowFields(e, issuers, keywords)...)
			}
		}
		query = sel + cond + ` ORDER BY ` + order + ` LIMIT ` + w.arg(f.PageSize) + ` OFFSET ` + w.arg((f.Page-1)*f.PageSize)
	}
	es, err := s.readEntries(ctx, q, query, w.args, f.PageSize, fields)
	if err != nil {
		return 0, nil, fmt.Errorf("catalog: list: %w", err)
	}
	if total < 0 && !f.NoTotal {
		// No row carried the count: the first page is empty, so nothing matches; a later page
		// is past the end and the count is asked for on its own.
		total = 0
		if f.Page > 1 {
			if err := count(); err != nil {
				return 0, nil, err
			}
		}
	}
	return total, es, nil
}

func entryTarget(id int64) string { return "entry:" + strconv.FormatInt(id, 10) }

// wrapErr prefixes err with the operation, leaving validation errors as they are so that callers
// can show them field by field.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var v ValidationError
	if errors.As(err, &v) {
		return v
	}
	if isUniqueViolation(err) && !errors.Is(err, ErrConflict) {
		return fmt.Errorf("catalog: %s: %w: %v", op, ErrConflict, err)
	}
	return fmt.Errorf("catalog: %s: %w", op, err)
}
