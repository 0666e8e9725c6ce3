package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/catalog"
)

// BenchmarkImportVsCopy compares the catalog import of a 100,000-row CSV (everything
// BenchmarkImport100k measures: parsing, checks, numbering, entries, versions, outbox, audit)
// with a raw COPY of the same rows, already parsed and numbered, into the entries table of an
// equally fresh database with the same indexes: the floor any import into this schema has.
// Target: the import at least a third of COPY's rate.
func BenchmarkImportVsCopy(b *testing.B) {
	const n = 100_000
	data := benchCatalogCSV(b, n)
	rows, problems, err := catalog.ParseImportFile("catalog.csv", bytes.NewReader(data))
	if err != nil || len(problems) > 0 {
		b.Fatalf("parse: %v %v", err, problems)
	}
	ctx := context.Background()
	fresh := func() (*catalog.Store, *sqlx.DB, int64, int64) {
		s, db := benchCatalog(b)
		if err := s.EnsureStandardColumns(ctx); err != nil {
			b.Fatal(err)
		}
		var body, col int64
		if err := db.Get(&body, `SELECT id FROM bodies WHERE code = 'sy-fgw'`); err != nil {
			b.Fatal(err)
		}
		if err := db.Get(&col, `SELECT id FROM columns WHERE body_id = $1 ORDER BY id LIMIT 1`, body); err != nil {
			b.Fatal(err)
		}
		return s, db, body, col
	}
	var imp, raw time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, db, _, _ := fresh()
		b.StartTimer()
		start := time.Now()
		if _, err := s.ImportFile(ctx, audit.CLI("bench"), "sy-fgw", "catalog.csv", bytes.NewReader(data), catalog.ImportOptions{}); err != nil {
			b.Fatalf("import: %v", truncErr(err))
		}
		imp += time.Since(start)
		b.StopTimer()
		db.Close()

		_, db, body, col := fresh()
		b.StartTimer()
		start = time.Now()
		tx, err := db.BeginTxx(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		stmt, err := tx.Prepare(pq.CopyIn("entries", "body_id", "column_id", "status", "index_no", "title", "summary", "formed_on",
			"published_at", "issuers", "doc_no", "doc_no_norm", "subject", "body_text", "kind", "validity", "valid_until", "repealed_on", "source"))
		if err != nil {
			b.Fatal(err)
		}
		for k, r := range rows {
			status, indexNo, published := "draft", any(nil), any(nil)
			if !r.PublishedOn.IsZero() {
				status, published = "published", r.PublishedOn.Time(time.UTC)
				indexNo = r.IndexNo
				if r.IndexNo == "" {
					indexNo = fmt.Sprintf("01527918X/%d-%06d", r.PublishedOn.Year(), k)
				}
			}
			var validity any
			if r.Kind == catalog.KindNormative {
				validity = string(catalog.ValidityInForce)
				if r.Validity != "" {
					validity = string(r.Validity)
				}
			}
			if _, err := stmt.Exec(body, col, status, indexNo, r.Title, r.Summary, r.FormedOn, published, pq.StringArray(r.Issuers),
				r.DocNo, catalog.DocNoKey(r.DocNo), r.Subject, r.Body, string(r.Kind), validity, nullable(r.ValidUntil.IsZero(), r.ValidUntil),
				nullable(r.RepealedOn.IsZero(), r.RepealedOn), "import"); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := stmt.Exec(); err != nil {
			b.Fatal(err)
		}
		if err := stmt.Close(); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		raw += time.Since(start)
		b.StopTimer()
		db.Close()
	}
	impRate, rawRate := float64(n*b.N)/imp.Seconds(), float64(n*b.N)/raw.Seconds()
	b.ReportMetric(impRate, "import-rows/s")
	b.ReportMetric(rawRate, "copy-rows/s")
	b.ReportMetric(impRate/rawRate, "import/copy")
}

func nullable(null bool, v any) any {
	if null {
		return nil
	}
	return v
}
