package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database"
)

// importBatch is how often (in rows) the progress callback hears of a COPY.
const importBatch = 500

// ImportOptions tune ImportRows and ImportFile.
type ImportOptions struct {
	// DryRun makes every check and writes nothing.
	DryRun bool
	// FileName is recorded in the audit event (ImportFile sets it).
	FileName string
	// Progress, if set, is called as rows are written: done of total rows. A dry run does not
	// call it.
	Progress func(done, total int)

	// header names a field as the file's header wrote it; nil uses the Chinese names.
	header func(importField) (name string, col int)
}

// ImportResult says what an import did, or for a dry run what it would do.
type ImportResult struct {
	DryRun    bool `json:"dry_run"`
	Rows      int  `json:"rows"`
	Published int  `json:"published"`
	Drafts    int  `json:"drafts"`
	// Generated counts the published rows without an index number that xxgk numbered (or, in a
	// dry run, would number).
	Generated int `json:"generated"`
}

// ImportError lists every problem that stopped an import; nothing was written.
type ImportError struct {
	Problems []ImportProblem
}

func (e *ImportError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "catalog: import: %d problem", len(e.Problems))
	if len(e.Problems) != 1 {
		b.WriteString("s")
	}
	for i, p := range e.Problems {
		if i == 3 {
			b.WriteString("; …")
			break
		}
		b.WriteString("; ")
		b.WriteString(p.String())
	}
	return b.String()
}

// ImportFile imports a department's existing catalog from a CSV or XLSX file into the body's
// catalog: ParseImportFile, then ImportRows. Every problem of the file and of its rows against
// the body's catalog is returned together in an *ImportError, in file order and naming the
// columns as the file's header wrote them; nothing is written unless there are none. A file that
// cannot be read at all (too large, not CSV or XLSX) is one problem of the file. Other errors
// mean the import failed as a whole: ErrNotFound for an unknown body, a database error.
func (s *Store) ImportFile(ctx context.Context, actor audit.Actor, bodyCode, name string, r io.Reader, opts ImportOptions) (ImportResult, error) {
	p, err := parseImport(name, r)
	if err != nil {
		// A file that cannot be read at all is the officer's problem to fix, like a bad row.
		msg := strings.TrimPrefix(err.Error(), "catalog: ")
		if inner := errors.Unwrap(err); inner != nil {
			msg = inner.Error()
		}
		return ImportResult{}, &ImportError{Problems: []ImportProblem{{Problem: msg}}}
	}
	rows, problems := p.finish()
	if opts.FileName == "" {
		opts.FileName = name
	}
	opts.header = func(f importField) (string, int) {
		if col := p.fieldCol[f]; col >= 0 {
			return p.headers[col], col
		}
		return p.cols[f].name, len(p.headers) + int(f)
	}
	if len(problems) == 0 {
		return s.ImportRows(ctx, actor, bodyCode, rows, opts)
	}
	// The file has problems, so nothing will be written; every row is still checked against the
	// catalog, those with problems too, so that one round of corrections fixes everything. A
	// cell the parser already complained of is not blamed twice. Past the cap the officer has
	// enough to do.
	if len(problems) <= MaxImportProblems && len(p.rows) > 0 {
		opts.DryRun = true
		_, err = s.ImportRows(ctx, actor, bodyCode, p.rows, opts)
		var ie *ImportError
		switch {
		case errors.As(err, &ie):
			type cell struct {
				row    int
				column string
			}
			blamed := map[cell]bool{}
			for _, pr := range problems {
				blamed[cell{pr.Row, pr.Column}] = true
			}
			for _, pr := range ie.Problems {
				if pr.Row != 0 && !blamed[cell{pr.Row, pr.Column}] {
					problems = append(problems, pr)
				}
			}
			sortProblems(problems)
			problems = capProblems(problems)
		case err != nil:
			return ImportResult{}, err
		}
	}
	return ImportResult{DryRun: true}, &ImportError{Problems: problems}
}

// ImportRows imports rows (from ParseImportFile) into the body's catalog in one transaction:
// all of them or, when any fails a check, none, with every problem in an *ImportError. Rows
// with a 发布日期 become published entries (published at the start of that day in China), with
// their index number kept or, when they have none, the next of the body's publication year
// taken from the same counters Publish uses, skipping numbers already held; each gets version 1
// and a search-outbox row. Rows without one become drafts. An empty 栏目 takes
// DefaultColumnForKind; the column may be named by its name or its code. Validity is derived as
// for EntryInput (Import's rule: 有效 with a period that has run out is recorded as 失效). One
// audit event, catalog.import, records the import. Kept index numbers of the xxgk pattern
// advance the year's counter past them, so later publications continue after the old catalog.
func (s *Store) ImportRows(ctx context.Context, actor audit.Actor, bodyCode string, rows []ImportRow, opts ImportOptions) (ImportResult, error) {
	if opts.header == nil {
		cols := importColumns()
		opts.header = func(f importField) (string, int) { return cols[f].name, int(f) }
	}
	if opts.DryRun {
		pl, err := s.planImport(ctx, s.db, bodyCode, rows, opts)
		if err != nil {
			return ImportResult{}, wrapImportErr(bodyCode, err)
		}
		return pl.result(true), nil
	}
	var res ImportResult
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		pl, err := s.planImport(ctx, tx, bodyCode, rows, opts)
		if err != nil {
			return err
		}
		if err := s.writeImport(ctx, tx, actor, pl, opts); err != nil {
			return err
		}
		res = pl.result(false)
		return audit.Append(ctx, tx, actor, audit.Event{Action: "catalog.import", Target: "body:" + bodyCode, Body: bodyCode,
			Changes: map[string]any{"file": opts.FileName, "entries": res.Rows, "published": res.Published,
				"drafts": res.Drafts, "generated_index_nos": res.Generated}})
	})
	if err != nil {
		return ImportResult{}, wrapImportErr(bodyCode, err)
	}
	return res, nil
}

func wrapImportErr(bodyCode string, err error) error {
	var ie *ImportError
	if errors.As(err, &ie) {
		return ie
	}
	return wrapErr("import into "+bodyCode, err)
}

// importBody is what an import needs of the body.
type importBody struct {
	ID      int64  `db:"id"`
	Code    string `db:"code"`
	Name    string `db:"name"`
	OrgCode string `db:"org_code"`
}

// importCol is a column of the body, as the 栏目 cell may name it.
type importCol struct {
	ID      int64  `db:"id"`
	Code    string `db:"code"`
	Name    string `db:"name"`
	Retired bool   `db:"retired"`
}

// plannedEntry is a row checked and resolved, ready to write.
type plannedEntry struct {
	row       *ImportRow
	col       *importCol
	published bool
	indexNo   string // kept or generated; "" for a draft
	issuers   []string
	docNo     string
	validity  Validity
	id        int64
}

// importPlan is an import that passed every check.
type importPlan struct {
	body     importBody
	today    calendar.Date
	entries  []plannedEntry
	held     map[string]bool // index numbers the body holds or the file keeps
	generate int
}

func (pl *importPlan) result(dry bool) ImportResult {
	r := ImportResult{DryRun: dry, Rows: len(pl.entries), Generated: pl.generate}
	for _, e := range pl.entries {
		if e.published {
			r.Published++
		} else {
			r.Drafts++
		}
	}
	return r
}

// planImport makes every check of rows against the body's catalog (those ParseImportFile made
// too, for callers that build rows themselves), returning an *ImportError listing all problems.
func (s *Store) planImport(ctx context.Context, q sqlx.QueryerContext, bodyCode string, rows []ImportRow, opts ImportOptions) (*importPlan, error) {
	pl := &importPlan{today: s.today(), held: map[string]bool{}}
	rows = slices.Clone(rows) // trimmed below; the caller's rows stay as they were
	if err := sqlx.GetContext(ctx, q, &pl.body, `SELECT id, code, name, org_code FROM bodies WHERE code = $1`, bodyCode); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("body %s: %w", bodyCode, ErrNotFound)
		}
		return nil, fmt.Errorf("body %s: %w", bodyCode, err)
	}
	if len(rows) == 0 {
		return nil, &ImportError{Problems: []ImportProblem{{Problem: "no rows to import"}}}
	}
	var cols []importCol
	if err := sqlx.SelectContext(ctx, q, &cols, `SELECT id, code, name, retired_at IS NOT NULL AS retired
		FROM columns WHERE body_id = $1 ORDER BY id`, pl.body.ID); err != nil {
		return nil, fmt.Errorf("columns: %w", err)
	}
	var held []string
	if err := sqlx.SelectContext(ctx, q, &held, `SELECT index_no FROM entries WHERE body_id = $1 AND index_no IS NOT NULL`,
		pl.body.ID); err != nil {
		return nil, fmt.Errorf("index numbers: %w", err)
	}
	for _, no := range held {
		pl.held[no] = true
	}

	var problems []ImportProblem
	problem := func(r *ImportRow, f importField, format string, args ...any) {
		name, col := opts.header(f)
		problems = append(problems, ImportProblem{Row: r.Row, Column: name, col: col, Problem: fmt.Sprintf(format, args...)})
	}
	byCode := make(map[string]*importCol, len(cols))
	byName := make(map[string]*importCol, len(cols))
	retiredName := map[string]bool{}
	for i := range cols {
		c := &cols[i]
		if c.Retired {
			retiredName[c.Code], retiredName[c.Name] = true, true
			continue
		}
		byCode[c.Code] = c
		if byName[c.Name] == nil {
			byName[c.Name] = c // a name two columns share picks the first, as validate does
		}
	}
	inFile := map[string]int{}
	pl.entries = make([]plannedEntry, len(rows))
	for i := range rows {
		r := &rows[i]
		e := plannedEntry{row: r, published: !r.PublishedOn.IsZero()}
		r.Title = strings.TrimSpace(r.Title)
		switch n := utf8.RuneCountInString(r.Title); {
		case n == 0:
			problem(r, fieldTitle, "required")
		case n > maxTitleRunes:
			problem(r, fieldTitle, "%d characters, at most %d allowed", n, maxTitleRunes)
		}
		e.docNo = NormalizeDocNo(r.DocNo)
		if n := utf8.RuneCountInString(e.docNo); n > maxShortRunes {
			problem(r, fieldDocNo, "%d characters, at most %d allowed", n, maxShortRunes)
		}
		e.issuers = cleanList(r.Issuers)
		for _, is := range e.issuers {
			if n := utf8.RuneCountInString(is); n > maxShortRunes {
				problem(r, fieldIssuer, "%q: %d characters, at most %d allowed", truncRunes(is, 20), n, maxShortRunes)
				break
			}
		}
		switch {
		case r.FormedOn.IsZero():
			problem(r, fieldFormedOn, "required")
		case r.FormedOn.After(pl.today):
			problem(r, fieldFormedOn, "%s is in the future", r.FormedOn)
		}
		if e.published {
			if r.PublishedOn.After(pl.today) {
				problem(r, fieldPublishedOn, "%s is in the future", r.PublishedOn)
			} else if !r.FormedOn.IsZero() && r.PublishedOn.Before(r.FormedOn) {
				problem(r, fieldPublishedOn, "%s is before 成文日期 %s", r.PublishedOn, r.FormedOn)
			}
		}
		if n := utf8.RuneCountInString(r.Subject); n > maxShortRunes {
			problem(r, fieldSubject, "%d characters, at most %d allowed", n, maxShortRunes)
		}
		if n := utf8.RuneCountInString(r.Summary); n > maxSummaryRunes {
			problem(r, fieldSummary, "%d characters, at most %d allowed", n, maxSummaryRunes)
		}
		r.Body = strings.TrimRightFunc(r.Body, unicode.IsSpace)
		s.planValidity(r, &e, pl.today, problem)

		colName := strings.TrimSpace(r.Column)
		if colName == "" {
			colName = DefaultColumnForKind(r.Kind)
			if colName == "" && r.Kind.Valid() {
				problem(r, fieldColumn, "required for %s: only 规章 and 行政规范性文件 have a default column", r.Kind.Label())
			}
		}
		if colName != "" {
			e.col = byCode[colName]
			if e.col == nil {
				e.col = byName[colName]
			}
			switch {
			case e.col != nil:
			case retiredName[colName]:
				problem(r, fieldColumn, "column %q is retired: choose another", colName)
			default:
				problem(r, fieldColumn, "no column %q in %s's catalog", colName, pl.body.Name)
			}
		}

		e.indexNo = CleanIndexNo(r.IndexNo)
		switch {
		case e.indexNo == "":
			if e.published {
				pl.generate++
			}
		case !e.published:
			problem(r, fieldIndexNo, "a row without 发布日期 is imported as a draft, which is numbered when published: give its 发布日期 or leave 索引号 empty")
		case utf8.RuneCountInString(e.indexNo) > maxShortRunes:
			problem(r, fieldIndexNo, "%d characters, at most %d allowed", utf8.RuneCountInString(e.indexNo), maxShortRunes)
		case pl.held[e.indexNo]:
			problem(r, fieldIndexNo, "index number %q is already used in %s's catalog", e.indexNo, pl.body.Name)
		case inFile[e.indexNo] != 0:
			problem(r, fieldIndexNo, "duplicate index number %q, also in row %d", e.indexNo, inFile[e.indexNo])
		default:
			inFile[e.indexNo] = r.Row
		}
		pl.entries[i] = e
	}
	if len(problems) > 0 {
		sortProblems(problems)
		return nil, &ImportError{Problems: capProblems(problems)}
	}
	for no := range inFile {
		pl.held[no] = true
	}
	return pl, nil
}

// planValidity checks and derives a row's validity by validate's rules, with derive: a document
// said to be in force whose valid-until date has passed is recorded as lapsed.
func (s *Store) planValidity(r *ImportRow, e *plannedEntry, today calendar.Date, problem func(*ImportRow, importField, string, ...any)) {
	if !r.Kind.Valid() {
		if r.Kind == "" {
			problem(r, fieldKind, "required")
		} else {
			problem(r, fieldKind, "%q is not 规章, 行政规范性文件 or 其他", string(r.Kind))
		}
		return
	}
	if r.Kind != KindNormative {
		if r.Validity != "" && r.Validity != ValidityInForce {
			problem(r, fieldValidity, "only 行政规范性文件 have a validity status; this row is %s (leave it empty)", r.Kind.Label())
		}
		if !r.ValidUntil.IsZero() {
			problem(r, fieldValidUntil, "only 行政规范性文件 have this date; this row is %s (leave it empty)", r.Kind.Label())
		}
		if !r.RepealedOn.IsZero() {
			problem(r, fieldRepealedOn, "only 行政规范性文件 have this date; this row is %s (leave it empty)", r.Kind.Label())
		}
		return
	}
	v := r.Validity
	if v == "" {
		switch {
		case !r.RepealedOn.IsZero():
			v = ValidityRepealed
		case !r.ValidUntil.IsZero() && r.ValidUntil.Before(today):
			v = ValidityLapsed
		default:
			v = ValidityInForce
		}
	}
	if !v.Valid() {
		problem(r, fieldValidity, "%q is not 有效, 失效, 废止 or 已修订", string(v))
		return
	}
	if v == ValidityInForce && !r.ValidUntil.IsZero() && r.ValidUntil.Before(today) {
		v = ValidityLapsed
	}
	if !r.ValidUntil.IsZero() && !r.FormedOn.IsZero() && !r.ValidUntil.After(r.FormedOn) {
		problem(r, fieldValidUntil, "%s is not after 成文日期 %s", r.ValidUntil, r.FormedOn)
	}
	if !r.RepealedOn.IsZero() {
		switch {
		case v != ValidityRepealed:
			problem(r, fieldRepealedOn, "only 废止 documents have a 废止日期; 有效性 says %s", r.Validity.Label())
		case !r.FormedOn.IsZero() && r.RepealedOn.Before(r.FormedOn):
			problem(r, fieldRepealedOn, "%s is before 成文日期 %s", r.RepealedOn, r.FormedOn)
		}
	}
	e.validity = v
}

// writeImport writes a checked plan inside tx: ids, index numbers, then the entries and their
// versions by COPY, the search outbox, in that order.
func (s *Store) writeImport(ctx context.Context, tx *sqlx.Tx, actor audit.Actor, pl *importPlan, opts ImportOptions) error {
	n := len(pl.entries)
	var ids []int64
	if err := tx.SelectContext(ctx, &ids, `SELECT nextval(pg_get_serial_sequence('entries', 'id'))
		FROM generate_series(1, $1)`, n); err != nil {
		return fmt.Errorf("entry ids: %w", err)
	}
	slices.Sort(ids)
	for i := range pl.entries {
		pl.entries[i].id = ids[i]
	}
	if err := pl.numberEntries(ctx, tx); err != nil {
		return err
	}

	now := s.clock()
	versionActor := actor.Name
	if versionActor == "" {
		versionActor = "unknown"
	}
	// The entries, then their versions, each in one COPY that streams while rows are still being
	// encoded, so that this process and PostgreSQL work at the same time. Progress counts rows,
	// a published row's version weighing as much as the row itself.
	progress := opts.Progress
	if progress == nil {
		progress = func(int, int) {}
	}
	var published []int
	for i, e := range pl.entries {
		if e.published {
			published = append(published, i)
		}
	}
	work := n + len(published)
	report := func(units int) { progress(units*n/work, n) }
	report(0)
	err := copyRows(ctx, tx, "entries", []string{"id", "body_id", "column_id", "status", "index_no",
		"title", "summary", "formed_on", "published_at", "issuers", "doc_no", "doc_no_norm", "subject", "body_text",
		"kind", "validity", "valid_until", "repealed_on", "source", "created_by", "created_at", "updated_at"},
		n, func(i int) ([]any, error) {
			e := pl.entries[i]
			ent := pl.entry(e, actor.Name, now)
			var indexNo, validity any
			if e.indexNo != "" {
				indexNo = e.indexNo
			}
			if e.validity != "" {
				validity = string(e.validity)
			}
			return []any{ent.ID, pl.body.ID, e.col.ID, string(ent.Status), indexNo,
				ent.Title, ent.Summary, ent.FormedOn, ent.PublishedAt, pq.StringArray(ent.Issuers), ent.DocNo,
				DocNoKey(ent.DocNo), ent.Subject, ent.Body, string(ent.Kind), validity, ent.ValidUntil,
				ent.RepealedOn, ent.Source, ent.CreatedBy, now, now}, nil
		}, report)
	if err != nil {
		return fmt.Errorf("entries: %w", err)
	}
	if len(published) == 0 {
		report(work)
		return nil
	}
	err = copyRows(ctx, tx, "entry_versions", []string{"entry_id", "version", "at", "actor", "note", "snapshot"},
		len(published), func(i int) ([]any, error) {
			e := pl.entries[published[i]]
			snap, err := snapshot(pl.entry(e, actor.Name, now))
			if err != nil {
				return nil, err
			}
			return []any{e.id, 1, now, versionActor, "导入", string(snap)}, nil
		}, func(done int) { report(n + done) })
	if err != nil {
		return fmt.Errorf("versions: %w", err)
	}
	outbox := make([]int64, len(published))
	for i, j := range published {
		outbox[i] = pl.entries[j].id
	}
	if err := enqueue(ctx, tx, outbox...); err != nil {
		return err
	}
	report(work)
	return nil
}

// copyRows writes count rows into table with COPY, row(i) giving the values of row i, and
// calls sent every importBatch rows and when the server has taken them all.
func copyRows(ctx context.Context, tx *sqlx.Tx, table string, columns []string, count int, row func(int) ([]any, error), sent func(int)) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, columns...))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range count {
		vals, err := row(i)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return err
		}
		if (i+1)%importBatch == 0 {
			sent(i + 1)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return err
	}
	if err := stmt.Close(); err != nil {
		return err
	}
	sent(count)
	return nil
}

// entry is the Entry a planned row becomes, as Get would read it back: the version snapshot is
// its JSON.
func (pl *importPlan) entry(e plannedEntry, createdBy string, now time.Time) Entry {
	r := e.row
	ent := Entry{
		ID: e.id, BodyCode: pl.body.Code, BodyName: pl.body.Name, OrgCode: pl.body.OrgCode,
		ColumnCode: e.col.Code, ColumnName: e.col.Name, Status: StatusDraft, IndexNo: e.indexNo,
		Title: r.Title, Summary: r.Summary, FormedOn: r.FormedOn, Issuers: e.issuers,
		Issuer: strings.Join(e.issuers, "、"), DocNo: e.docNo, Subject: r.Subject, Keywords: []string{},
		DisclosureMode: DisclosureProactive, Body: r.Body, Kind: r.Kind, ValidUntil: nullDate(r.ValidUntil),
		RepealedOn: nullDate(r.RepealedOn), Version: 1, Source: "import", CreatedBy: createdBy,
		CreatedAt: now, UpdatedAt: now, recorded: e.validity,
	}
	ent.Validity = ent.ValidityOn(pl.today)
	if e.published {
		at := r.PublishedOn.Time(calendar.China)
		ent.Status, ent.PublishedAt = StatusPublished, &at
	}
	return ent
}

// numberEntries gives the published entries without an index number the next serials of their
// publication year, in order of publication (then of rows), from the counters Publish uses,
// skipping numbers held. The counter rows stay locked until the transaction ends, so concurrent
// publications wait and never share a number. Kept numbers of the pattern xxgk generates move
// the counter past them.
func (pl *importPlan) numberEntries(ctx context.Context, tx *sqlx.Tx) error {
	need := map[int][]*plannedEntry{}
	maxKept := map[int]int{}
	for i := range pl.entries {
		e := &pl.entries[i]
		if !e.published {
			continue
		}
		year := e.row.PublishedOn.Year()
		if e.indexNo == "" {
			need[year] = append(need[year], e)
			continue
		}
		if n, err := ParseIndexNo(e.indexNo); err == nil && n.Month == 0 && n.OrgCode == pl.body.OrgCode &&
			FormatIndexNo(n.OrgCode, n.Year, n.Serial) == e.indexNo {
			maxKept[n.Year] = max(maxKept[n.Year], n.Serial)
		}
	}
	years := make(map[int]bool)
	for y := range need {
		years[y] = true
	}
	for y := range maxKept {
		years[y] = true
	}
	for _, year := range slices.Sorted(maps.Keys(years)) {
		var last int
		if err := tx.GetContext(ctx, &last, `INSERT INTO index_counters (body_id, year, last) VALUES ($1, $2, $3)
			ON CONFLICT (body_id, year) DO UPDATE SET last = greatest(index_counters.last, EXCLUDED.last) RETURNING last`,
			pl.body.ID, year, maxKept[year]); err != nil {
			return fmt.Errorf("index counter %d: %w", year, err)
		}
		es := need[year]
		if len(es) == 0 {
			continue
		}
		slices.SortStableFunc(es, func(a, b *plannedEntry) int {
			return cmp.Or(a.row.PublishedOn.Compare(b.row.PublishedOn), cmp.Compare(a.row.Row, b.row.Row))
		})
		for _, e := range es {
			for {
				last++
				if no := FormatIndexNo(pl.body.OrgCode, year, last); !pl.held[no] {
					e.indexNo = no
					pl.held[no] = true
					break
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE index_counters SET last = $3 WHERE body_id = $1 AND year = $2`,
			pl.body.ID, year, last); err != nil {
			return fmt.Errorf("index counter %d: %w", year, err)
		}
	}
	return nil
}

// sortProblems orders problems as a spreadsheet shows them: file problems first, then by row
// and column.
func sortProblems(ps []ImportProblem) {
	slices.SortStableFunc(ps, func(a, b ImportProblem) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return a.col - b.col
	})
}

// capProblems keeps the first MaxImportProblems and says how many more there are.
func capProblems(ps []ImportProblem) []ImportProblem {
	if len(ps) <= MaxImportProblems {
		return ps
	}
	n := len(ps) - MaxImportProblems
	return append(ps[:MaxImportProblems:MaxImportProblems], ImportProblem{
		Problem: fmt.Sprintf("%d more problems not listed; fix the ones above and try again", n)})
}

func truncRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
