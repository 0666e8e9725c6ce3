package reports

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/calendar"
	"xxgk/database/dbtest"
	"xxgk/requests"
	"xxgk/typeset"
)

// countingQueryer counts the queries the store sends, so the benchmark can show that a report
// costs a fixed number of them whatever the number of bodies and records.
type countingQueryer struct {
	db *sqlx.DB
	n  atomic.Int64
}

func (c *countingQueryer) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.db.QueryContext(ctx, query, args...)
}

func (c *countingQueryer) QueryxContext(ctx context.Context, query string, args ...any) (*sqlx.Rows, error) {
	c.n.Add(1)
	return c.db.QueryxContext(ctx, query, args...)
}

func (c *countingQueryer) QueryRowxContext(ctx context.Context, query string, args ...any) *sqlx.Row {
	c.n.Add(1)
	return c.db.QueryRowxContext(ctx, query, args...)
}

// generateBenchData loads the benchmark's data set: a city government with 288 departments and
// 11 district governments (300 bodies), 200,000 applications received over 2021–2025, 3,000
// appeals and 30,000 normative documents, with generate_series.
func generateBenchData(b *testing.B, s *Store, db *sqlx.DB) {
	b.Helper()
	ctx := context.Background()
	start := time.Now()
	var outcomes []string
	for _, o := range requests.Outcomes() {
		outcomes = append(outcomes, string(o.Outcome))
	}
	stmts := []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO bodies (code, name, org_code, kind, level) VALUES ('bench-gov', '基准市人民政府', 'BENCH-0', 'government', 'city')`, nil},
		{`UPDATE bodies SET path = '/' || id || '/' WHERE code = 'bench-gov'`, nil},
		{`INSERT INTO bodies (code, name, org_code, kind, level, parent_id)
			SELECT 'bench-' || g, CASE WHEN g % 25 = 0 THEN '基准第' || g || '区人民政府' ELSE '基准市第' || g || '局' END, 'BENCH-' || g,
				CASE WHEN g % 25 = 0 THEN 'government' ELSE 'department' END, CASE WHEN g % 25 = 0 THEN 'county' ELSE 'city' END, p.id
			FROM generate_series(1, 299) g, (SELECT id FROM bodies WHERE code = 'bench-gov') p`, nil},
		{`UPDATE bodies SET path = '/' || parent_id || '/' || id || '/' WHERE code LIKE 'bench-%' AND parent_id IS NOT NULL`, nil},
		{`INSERT INTO applications (body_id, tracking_no, year, serial, query_code_hash, applicant_type, applicant_name, description,
				channel, status, received_on, due_on, extended, answered_on, outcome)
			SELECT ids[1 + (g * 7919) % n], 'B-' || g, extract(year FROM r)::int, g, '\x00',
				(ARRAY['person', 'person', 'person', 'company', 'research', 'nonprofit', 'legal_services', 'other'])[1 + (g * 31) % 8],
				'申请人' || g, '申请公开有关信息', 'online',
				CASE WHEN g % 40 = 0 THEN 'in_progress' ELSE 'answered' END, r, r + 28, g % 17 = 0,
				CASE WHEN g % 40 = 0 THEN NULL ELSE r + (g * 13) % 45 END,
				CASE WHEN g % 40 = 0 THEN NULL ELSE ($1::text[])[1 + (g * 17) % array_length($1::text[], 1)] END
			FROM generate_series(1, 200000) g,
				LATERAL (SELECT make_date(2021 + g % 5, 1, 1) + (g * 37) % 365 AS r) d,
				(SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM bodies WHERE code LIKE 'bench%') b`, []any{pq.Array(outcomes)}},
		{`INSERT INTO appeals (body_id, kind, result, filed_on, concluded_on)
			SELECT ids[1 + (g * 131) % n], (ARRAY['review', 'lawsuit', 'lawsuit_after_review'])[1 + g % 3],
				res, f, CASE WHEN res = 'pending' THEN NULL ELSE f + 30 END
			FROM generate_series(1, 3000) g,
				LATERAL (SELECT (ARRAY['upheld', 'corrected', 'other', 'pending'])[1 + (g * 7) % 4] AS res,
					make_date(2021 + g % 5, 1, 1) + (g * 11) % 365 AS f) x,
				(SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM bodies WHERE code LIKE 'bench%') b`, nil},
	}
	for _, st := range stmts {
		if _, err := db.ExecContext(ctx, st.sql, st.args...); err != nil {
			b.Fatalf("%v\n%s", err, st.sql)
		}
	}
	if err := s.catalog.EnsureStandardColumns(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO entries (body_id, column_id, status, index_no, title, formed_on, published_at,
			kind, validity, valid_until, repealed_on, source)
		SELECT c.body_id, c.id, 'published', 'B/' || g, '规范性文件' || g, f, f + 3 + time '10:00', 'normative',
			v, CASE WHEN g % 5 = 0 THEN f + 730 END, CASE WHEN v = 'repealed' THEN f + 400 END, 'seed'
		FROM generate_series(1, 30000) g,
			LATERAL (SELECT make_date(2019 + g % 7, 1, 1) + (g * 29) % 360 AS f,
				CASE WHEN g % 10 = 0 THEN 'repealed' ELSE 'in_force' END AS v) x,
			LATERAL (SELECT c.id, c.body_id FROM columns c JOIN bodies bb ON bb.id = c.body_id
				WHERE c.code = 'policy-normative' AND bb.code = 'bench-' || (g % 300)::text
				UNION ALL SELECT c.id, c.body_id FROM columns c JOIN bodies bb ON bb.id = c.body_id
				WHERE c.code = 'policy-normative' AND bb.code = 'bench-gov' AND g % 300 = 0) c`); err != nil {
		b.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	var apps, entries int
	db.Get(&apps, `SELECT count(*) FROM applications`)
	db.Get(&entries, `SELECT count(*) FROM entries`)
	b.Logf("generated 300 bodies, %d applications, %d normative documents in %s", apps, entries, time.Since(start).Round(time.Millisecond))
}

// peakRSSMB is the process's peak resident set (VmHWM) in MB, or 0 where /proc is missing.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// BenchmarkReportsDB measures one body's report, a whole government's rollup and the exports
// on the generated data set (go test -run '^$' -bench ReportsDB ./reports). Targets: a report
// ≤ 200 ms, a rollup ≤ 1 s, a bounded number of queries, ≤ 200 MB RSS for the PDF and Excel.
func BenchmarkReportsDB(b *testing.B) {
	ctx := context.Background()
	db := dbtest.New(b)
	cal, err := calendar.Default()
	if err != nil {
		b.Fatal(err)
	}
	s := NewStore(db, cal)
	s.SetClock(func() time.Time { return time.Date(2026, 3, 2, 10, 0, 0, 0, calendar.China) })
	generateBenchData(b, s, db)
	counter := &countingQueryer{db: db}
	s.q = counter

	measure := func(b *testing.B, fn func() error) {
		counter.n.Store(0)
		start := time.Now()
		n := 0
		for b.Loop() {
			if err := fn(); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(n), "ms/report")
		b.ReportMetric(float64(counter.n.Load())/float64(n), "queries/report")
	}
	b.Run("body", func(b *testing.B) {
		measure(b, func() error {
			r, err := s.Build(ctx, "bench-42", 2024)
			if err == nil && r.Table3.Rows[0].Counts[TotalColumn] == 0 {
				b.Fatal("empty report")
			}
			return err
		})
	})
	b.Run("rollup", func(b *testing.B) {
		measure(b, func() error {
			ro, err := s.Rollup(ctx, "bench-gov", 2024)
			if err == nil && len(ro.Members) != 289 {
				b.Fatalf("%d members", len(ro.Members))
			}
			return err
		})
	})
	b.Run("exports", func(b *testing.B) {
		fonts, err := typeset.LoadFonts("")
		if err != nil {
			b.Skip(err)
		}
		ro, err := s.Rollup(ctx, "bench-gov", 2024)
		if err != nil {
			b.Fatal(err)
		}
		var size int
		for b.Loop() {
			var buf bytes.Buffer
			if err := ro.Report.WriteXLSX(&buf); err != nil {
				b.Fatal(err)
			}
			size = buf.Len()
			buf.Reset()
			if err := ro.Report.WritePDF(&buf, PDFOptions{Fonts: fonts}); err != nil {
				b.Fatal(err)
			}
			size += buf.Len()
		}
		b.ReportMetric(float64(size)/1024, "KB-out")
		b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
	})
}
