package catalog

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/calendar"
)

// DocumentYear is what the annual disclosure report (table 二) counts of one body's rules or
// normative documents in one year. Only published entries that are not withheld count: a
// withdrawn entry was taken back, a draft was never issued.
type DocumentYear struct {
	BodyID int64 `db:"body_id"`
	Kind   Kind  `db:"kind"`
	// Issued counts the documents published in the year (in China), IssuedPrev those of the
	// year before (for the narrative's year-over-year change).
	Issued     int64 `db:"issued"`
	IssuedPrev int64 `db:"issued_prev"`
	// Formed counts the documents formed (成文) in the year, for the 2019 trial format's
	// 本年新制作数量.
	Formed int64 `db:"formed"`
	// PublicTotal counts the documents published by 31 December (对外公开总数量).
	PublicTotal int64 `db:"public_total"`
	// Repealed counts the documents that stopped being in force during the year by repeal (废止,
	// effective on the repeal date) or lapse (失效, the day after the valid-until date). A document
	// recorded as lapsed without a valid-until date has no known lapse date and is not counted;
	// amendment (已修订) is not an end. A rule ends when a published document that repeals or
	// replaces it takes effect.
	Repealed int64 `db:"repealed"`
	// InForce and InForcePrev count the documents in force on 31 December of the year and of the
	// year before, by the rule of InForceOn (rules: published, in effect, not repealed).
	InForce     int64 `db:"in_force"`
	InForcePrev int64 `db:"in_force_prev"`
}

// documentRows selects the published, not withheld, rules and normative documents with the dates
// the counts need; callers append conditions starting with AND.
const documentRows = `SELECT e.id, e.body_id, e.kind, e.formed_on, e.validity, e.valid_until, e.repealed_on,
		(e.published_at AT TIME ZONE INTERVAL '+08:00')::date AS pub,
		coalesce(e.effective_on, e.formed_on) AS eff,
		CASE WHEN e.kind = 'rule' THEN rel.ended_on END AS rule_ended_on,
		CASE WHEN e.validity = 'amended' THEN coalesce(rel.amended_on, '-infinity'::date) END AS amended_on
	FROM entries e LEFT JOIN (
		SELECT r.to_id,
			min(coalesce(f.effective_on, f.formed_on)) FILTER (WHERE r.kind IN ('repeals', 'replaces') AND f.status = 'published') AS ended_on,
			min(coalesce(f.effective_on, f.formed_on)) FILTER (WHERE r.kind = 'amends' AND f.status <> 'draft') AS amended_on
		FROM entry_relations r JOIN entries f ON f.id = r.from_id GROUP BY r.to_id) rel ON rel.to_id = e.id
	WHERE e.status = 'published' AND e.disclosure_mode <> 'withheld' AND e.kind IN ('rule', 'normative')`

// inForceCond is InForceOn's condition on the date in placeholder d for the columns of
// CountDocuments's CTE; today decides the lapse of a document recorded as lapsed without a
// valid-until date (lapsed on every date), as InForceOn does.
func inForceCond(d, today string) string {
	return strings.NewReplacer("$D", d, "$T", today).Replace(`(eff <= $D::date AND pub <= $D::date AND CASE WHEN kind = 'rule'
		THEN rule_ended_on IS NULL OR rule_ended_on > $D::date
		ELSE (valid_until IS NULL OR valid_until >= $D::date)
			AND NOT (validity = 'repealed' AND (repealed_on IS NULL OR repealed_on <= $D::date))
			AND NOT (validity = 'lapsed' AND (valid_until IS NULL OR valid_until >= $T::date))
			AND NOT (validity = 'amended' AND amended_on <= $D::date) END)`)
}

// CountDocuments counts, for each of the bodies and each of the kinds rule and normative, the
// figures of table 二 of the annual report for year, in one aggregate query on q. Bodies or
// kinds without any published document have no row. today is the date in China (see
// inForceCond).
func CountDocuments(ctx context.Context, q sqlx.QueryerContext, bodyIDs []int64, year int, today calendar.Date) ([]DocumentYear, error) {
	y0, y1 := calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31)
	p0, p1 := calendar.NewDate(year-1, 1, 1), calendar.NewDate(year-1, 12, 31)
	var out []DocumentYear
	if err := sqlx.SelectContext(ctx, q, &out, countSQL, pq.Array(bodyIDs), y0, y1, p0, p1, today); err != nil {
		return nil, fmt.Errorf("catalog: count documents of %d: %w", year, err)
	}
	return out, nil
}

// countSQL is CountDocuments's query. The relations are joined once, aggregated, rather than
// looked up per document: per-row subqueries made the planner's estimate large enough for
// PostgreSQL to JIT-compile the query, which alone took about a second.
var countSQL = `WITH d AS (` + documentRows + `
			AND e.body_id = ANY($1))
	SELECT body_id, kind,
		count(*) FILTER (WHERE pub BETWEEN $2::date AND $3::date) AS issued,
		count(*) FILTER (WHERE pub BETWEEN $4::date AND $5::date) AS issued_prev,
		count(*) FILTER (WHERE formed_on BETWEEN $2::date AND $3::date) AS formed,
		count(*) FILTER (WHERE pub <= $3::date) AS public_total,
		count(*) FILTER (WHERE CASE WHEN kind = 'rule' THEN rule_ended_on BETWEEN $2::date AND $3::date
			ELSE (validity = 'repealed' AND repealed_on BETWEEN $2::date AND $3::date)
				OR (validity IN ('in_force', 'lapsed') AND valid_until BETWEEN $5::date AND ($3::date - 1)) END) AS repealed,
		count(*) FILTER (WHERE ` + inForceCond("$3", "$6") + `) AS in_force,
		count(*) FILTER (WHERE ` + inForceCond("$5", "$6") + `) AS in_force_prev
	FROM d GROUP BY body_id, kind ORDER BY body_id, kind`

// DocumentCell names a figure of DocumentYear for DocumentsBehind.
type DocumentCell string

// The figures the drill-down of table 二 lists.
const (
	CellIssued   DocumentCell = "issued"
	CellRepealed DocumentCell = "repealed"
	CellInForce  DocumentCell = "in_force"
	CellFormed   DocumentCell = "formed"
	CellTotal    DocumentCell = "public_total"
)

// DocumentsBehind lists the documents of kind of the body counted in one figure of
// CountDocuments for year, by the same conditions, newest first (at most limit).
func (s *Store) DocumentsBehind(ctx context.Context, bodyID int64, kind Kind, year int, cell DocumentCell, limit int) ([]Entry, error) {
	var cond string
	switch cell {
	case CellIssued:
		cond = `pub BETWEEN p.y0 AND p.y1`
	case CellFormed:
		cond = `formed_on BETWEEN p.y0 AND p.y1`
	case CellTotal:
		cond = `pub <= p.y1`
	case CellRepealed:
		cond = `CASE WHEN kind = 'rule' THEN rule_ended_on BETWEEN p.y0 AND p.y1
			ELSE (validity = 'repealed' AND repealed_on BETWEEN p.y0 AND p.y1)
				OR (validity IN ('in_force', 'lapsed') AND valid_until BETWEEN p.y0 - 1 AND p.y1 - 1) END`
	case CellInForce:
		cond = inForceCond("p.y1", "p.today")
	default:
		return nil, ValidationError{"cell": "未知的统计项：" + string(cell)}
	}
	es, err := s.selectEntries(ctx, s.db, selectEntry+` WHERE e.id IN (
		WITH p AS (SELECT $3::date AS y0, $4::date AS y1, $5::date AS today), d AS (`+documentRows+`
			AND e.body_id = $1 AND e.kind = $2)
		SELECT d.id FROM d, p WHERE `+cond+`)
		ORDER BY e.published_at DESC, e.id DESC LIMIT $6`,
		bodyID, string(kind), calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31), s.today(), limit)
	if err != nil {
		return nil, fmt.Errorf("catalog: documents behind %s %s %d: %w", kind, cell, year, err)
	}
	return es, nil
}
