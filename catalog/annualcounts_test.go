package catalog_test

import (
	"testing"

	"xxgk/calendar"
	"xxgk/catalog"
)

// TestCountDocumentsAgreesWithInForceOn checks the annual report's document counts against
// InForceOn and the documents DocumentsBehind lists, year by year, over documents that lapse,
// are repealed, amended, and a rule repealed by a later document.
func TestCountDocumentsAgreesWithInForceOn(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	imp := func(in catalog.EntryInput, published string) catalog.Entry {
		t.Helper()
		e, err := f.s.Import(f.ctx, f.actor, sy, in, "", at(published+" 09:00"))
		if err != nil {
			t.Fatalf("import %s: %v", in.Title, err)
		}
		return e
	}
	x := normative("X 五年期办法", "2020-01-10")
	x.ValidUntil = day("2024-12-30")
	imp(x, "2020-01-15")
	y := imp(normative("Y 被废止的规定", "2022-03-01"), "2022-03-05")
	z := imp(normative("Z 废止决定", "2024-05-20"), "2024-05-21")
	w := imp(normative("W 被修订的办法", "2021-05-01"), "2021-05-06")
	vin := normative("V 修订决定", "2023-08-01")
	vin.EffectiveOn = day("2023-09-01")
	v := imp(vin, "2023-08-03")
	r := imp(catalog.EntryInput{Title: "R 某规章", FormedOn: day("2022-01-01"), Kind: catalog.KindRule}, "2022-01-05")
	q := imp(catalog.EntryInput{Title: "Q 废止某规章的决定", FormedOn: day("2024-03-01"), Kind: catalog.KindRule}, "2024-03-02")
	for _, rel := range []struct {
		from, to int64
		kind     catalog.RelationKind
		on       calendar.Date
	}{{z.ID, y.ID, catalog.RelationRepeals, day("2024-06-01")}, {v.ID, w.ID, catalog.RelationAmends, calendar.Date{}},
		{q.ID, r.ID, catalog.RelationRepeals, calendar.Date{}}} {
		if err := f.s.Relate(f.ctx, f.actor, rel.from, rel.to, rel.kind, rel.on); err != nil {
			t.Fatal(err)
		}
	}
	var bodyID int64
	if err := f.db.Get(&bodyID, `SELECT id FROM bodies WHERE code = $1`, sy); err != nil {
		t.Fatal(err)
	}
	want := map[int][2]catalog.DocumentYear{ // rules, normative: issued, repealed, in force
		2022: {{Issued: 1, InForce: 1}, {Issued: 1, Repealed: 0, InForce: 3}},
		2023: {{Issued: 0, InForce: 1}, {Issued: 1, Repealed: 0, InForce: 3}}, // W amended from 2023-09-01: not an end
		2024: {{Issued: 1, Repealed: 1, InForce: 1}, {Issued: 1, Repealed: 2, InForce: 2}},
	}
	for year := 2020; year <= 2024; year++ {
		counts, err := catalog.CountDocuments(f.ctx, f.db, []int64{bodyID}, year, day("2025-06-16"))
		if err != nil {
			t.Fatal(err)
		}
		got := map[catalog.Kind]catalog.DocumentYear{}
		for _, c := range counts {
			got[c.Kind] = c
		}
		es, err := f.s.InForceOn(f.ctx, sy, false, calendar.NewDate(year, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		if n := got[catalog.KindNormative].InForce; n != int64(len(es)) {
			t.Errorf("%d: in force %d, InForceOn lists %d", year, n, len(es))
		}
		for i, k := range []catalog.Kind{catalog.KindRule, catalog.KindNormative} {
			for _, cell := range []struct {
				c catalog.DocumentCell
				n int64
			}{{catalog.CellIssued, got[k].Issued}, {catalog.CellRepealed, got[k].Repealed}, {catalog.CellInForce, got[k].InForce}} {
				es, err := f.s.DocumentsBehind(f.ctx, bodyID, k, year, cell.c, 100)
				if err != nil || int64(len(es)) != cell.n {
					t.Errorf("%d %s %s: %d listed, counted %d (%v)", year, k, cell.c, len(es), cell.n, err)
				}
			}
			if w, ok := want[year]; ok {
				g := got[k]
				if g.Issued != w[i].Issued || g.Repealed != w[i].Repealed || g.InForce != w[i].InForce {
					t.Errorf("%d %s: issued %d repealed %d in force %d, want %+v", year, k, g.Issued, g.Repealed, g.InForce, w[i])
				}
			}
		}
	}
}
