package catalog_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"xxgk/calendar"
	"xxgk/catalog"
)

func TestValidityLapsesOnItsDay(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	in := normative("暂行办法", "2023-07-01")
	in.ValidUntil = day("2025-06-30")
	f.setNow(at("2025-06-16 10:00"))
	e := f.publish(t, f.create(t, sy, in).ID)
	inForce := func() []int64 {
		_, es, err := f.s.List(f.ctx, catalog.ListFilter{BodyCode: sy, Validity: catalog.ValidityInForce})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, e := range es {
			ids = append(ids, e.ID)
		}
		return ids
	}

	f.setNow(at("2025-06-30 23:59"))
	if got, _ := f.s.Get(f.ctx, e.ID); got.Validity != catalog.ValidityInForce {
		t.Errorf("on its valid-until day: %s", got.Validity)
	}
	if ids := inForce(); !slices.Equal(ids, []int64{e.ID}) {
		t.Errorf("in-force list on the last day: %v", ids)
	}
	if n, err := f.s.SweepValidity(f.ctx); err != nil || n != 0 {
		t.Errorf("sweep on the last day: %d, %v", n, err)
	}

	f.setNow(at("2025-07-01 00:01"))
	got, err := f.s.Get(f.ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Validity != catalog.ValidityLapsed || got.RecordedValidity() != catalog.ValidityInForce {
		t.Errorf("the day after: validity %s (recorded %s); want lapsed before the sweep runs", got.Validity, got.RecordedValidity())
	}
	if ids := inForce(); len(ids) != 0 {
		t.Errorf("in-force list the day after: %v", ids)
	}
	if _, es, _ := f.s.List(f.ctx, catalog.ListFilter{Validity: catalog.ValidityLapsed}); len(es) != 1 {
		t.Errorf("lapsed list the day after: %v", es)
	}
	outbox := f.outbox(t, e.ID)
	n, err := f.s.SweepValidity(f.ctx)
	if err != nil || n != 1 {
		t.Fatalf("sweep: %d, %v", n, err)
	}
	got, _ = f.s.Get(f.ctx, e.ID)
	if got.RecordedValidity() != catalog.ValidityLapsed || got.Version != 2 {
		t.Errorf("after the sweep: recorded %s version %d", got.RecordedValidity(), got.Version)
	}
	v, err := f.s.Version(f.ctx, e.ID, 2)
	if err != nil || v.Actor != "system" || v.Snapshot.Validity != catalog.ValidityLapsed {
		t.Errorf("lapse version: %+v, %v", v, err)
	}
	if f.events(t, "entry.lapse", fmt.Sprintf("entry:%d", e.ID)) != 1 || f.outbox(t, e.ID) != outbox+1 {
		t.Error("the lapse wrote no audit event or no outbox row")
	}
	if n, err := f.s.SweepValidity(f.ctx); err != nil || n != 0 {
		t.Errorf("second sweep: %d, %v; want nothing to do", n, err)
	}
}

func TestRelationsChangeBothSides(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.setNow(at("2025-06-16 10:00"))
	policy := f.publish(t, f.create(t, sy, normative("管理办法", "2023-01-10")).ID)
	amending := f.publish(t, f.create(t, sy, normative("关于修改管理办法的决定", "2025-06-10")).ID)
	repealedDoc := f.publish(t, f.create(t, sy, normative("旧规定", "2020-01-10")).ID)
	repealing := f.publish(t, f.create(t, sy, normative("关于废止旧规定的决定", "2025-06-12")).ID)
	interp := catalog.EntryInput{Title: "《管理办法》政策解读", FormedOn: day("2025-06-12"), Column: catalog.ColumnInterpretations}
	draftInterp := f.create(t, sy, interp)
	outboxBefore := f.outbox(t, policy.ID)

	if err := f.s.Relate(f.ctx, f.actor, amending.ID, policy.ID, catalog.RelationAmends, calendar.Date{}); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Relate(f.ctx, f.actor, amending.ID, policy.ID, catalog.RelationAmends, calendar.Date{}); !errors.Is(err, catalog.ErrConflict) {
		t.Errorf("duplicate relation: %v", err)
	}
	p, _ := f.s.Get(f.ctx, policy.ID)
	if p.Validity != catalog.ValidityAmended || p.Version != 2 || len(p.Relations) != 1 ||
		p.Relations[0] != (catalog.Relation{Kind: catalog.RelationAmends, Direction: "in", EntryID: amending.ID,
			Title: amending.Title, IndexNo: amending.IndexNo, Status: catalog.StatusPublished,
			Validity: catalog.ValidityInForce, BodyCode: sy, Public: true}) {
		t.Errorf("amended policy: validity %s version %d relations %+v", p.Validity, p.Version, p.Relations)
	}
	a, _ := f.s.Get(f.ctx, amending.ID)
	if a.Version != 2 || len(a.Relations) != 1 || a.Relations[0].Direction != "out" || a.Validity != catalog.ValidityInForce {
		t.Errorf("amending document: version %d relations %+v", a.Version, a.Relations)
	}
	v, _ := f.s.Version(f.ctx, policy.ID, 2)
	var ch map[string]json.RawMessage
	_ = json.Unmarshal(v.Changes, &ch)
	if string(ch["validity"]) != `{"after": "amended", "before": "in_force"}` || ch["relations"] == nil {
		t.Errorf("amended policy's version changes: %s", v.Changes)
	}
	if f.outbox(t, policy.ID) != outboxBefore+1 || f.outbox(t, amending.ID) != 2 {
		t.Errorf("outbox rows: policy %d amending %d", f.outbox(t, policy.ID), f.outbox(t, amending.ID))
	}

	if err := f.s.Relate(f.ctx, f.actor, repealing.ID, repealedDoc.ID, catalog.RelationRepeals, day("2025-07-01")); err != nil {
		t.Fatal(err)
	}
	r, _ := f.s.Get(f.ctx, repealedDoc.ID)
	if r.RecordedValidity() != catalog.ValidityRepealed || r.RepealedOn != (calendar.NullDate{Date: day("2025-07-01"), Valid: true}) {
		t.Errorf("repealed: %s on %v", r.RecordedValidity(), r.RepealedOn)
	}
	if r.Validity != catalog.ValidityInForce {
		t.Errorf("repealed with effect from 1 July reads %s on 16 June; want in force", r.Validity)
	}
	f.setNow(at("2025-07-01 08:00"))
	if r, _ := f.s.Get(f.ctx, repealedDoc.ID); r.Validity != catalog.ValidityRepealed {
		t.Errorf("on its repeal date: %s", r.Validity)
	}

	// A draft may name the policy it interprets; it may not amend anything yet.
	if err := f.s.Relate(f.ctx, f.actor, draftInterp.ID, policy.ID, catalog.RelationInterprets, calendar.Date{}); err != nil {
		t.Errorf("draft interpretation: %v", err)
	}
	if d, _ := f.s.Get(f.ctx, draftInterp.ID); d.Version != 1 || len(d.Relations) != 1 {
		t.Errorf("draft interpretation: version %d relations %v", d.Version, d.Relations)
	}
	if err := f.s.Relate(f.ctx, f.actor, draftInterp.ID, repealedDoc.ID, catalog.RelationRepeals, calendar.Date{}); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("draft repealing: %v", err)
	}
	if err := f.s.Relate(f.ctx, f.actor, policy.ID, draftInterp.ID, catalog.RelationInterprets, calendar.Date{}); !errors.Is(err, catalog.ErrNotAllowed) {
		t.Errorf("relation to a draft: %v", err)
	}
	if err := f.s.Relate(f.ctx, f.actor, policy.ID, policy.ID, catalog.RelationAmends, calendar.Date{}); err == nil {
		t.Error("self relation accepted")
	}
	if n := f.count(t, `SELECT count(*) FROM audit_events WHERE action = 'entry.relate'`); n != 3 {
		t.Errorf("%d entry.relate events, want 3", n)
	}
}

func TestInForceOn(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.body(t, "sy-fgw", "沈阳市发展和改革委员会", orgCode(t, "11210100001234568"), sy)
	f.setNow(at("2025-06-16 10:00"))
	imp := func(body, title, formed, effective, validUntil, published string) catalog.Entry {
		t.Helper()
		in := normative(title, formed)
		if effective != "" {
			in.EffectiveOn = day(effective)
		}
		if validUntil != "" {
			in.ValidUntil = day(validUntil)
		}
		e, err := f.s.Import(f.ctx, f.actor, body, in, "", at(published+" 09:00"))
		if err != nil {
			t.Fatalf("import %s: %v", title, err)
		}
		return e
	}
	x := imp(sy, "X 五年期办法", "2020-01-10", "2020-02-01", "2024-12-31", "2020-01-15")
	y := imp(sy, "Y 被废止的规定", "2022-03-01", "", "", "2022-03-05")
	z := imp(sy, "Z 废止决定", "2024-05-20", "", "", "2024-05-21")
	w := imp(sy, "W 被修订的办法", "2021-05-01", "", "", "2021-05-06")
	v := imp(sy, "V 修订决定", "2023-08-01", "2023-09-01", "", "2023-08-03")
	dept := imp("sy-fgw", "D 部门文件", "2021-01-01", "", "", "2021-01-05")
	if err := f.s.Relate(f.ctx, f.actor, z.ID, y.ID, catalog.RelationRepeals, day("2024-06-01")); err != nil {
		t.Fatal(err)
	}
	if err := f.s.Relate(f.ctx, f.actor, v.ID, w.ID, catalog.RelationAmends, calendar.Date{}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		on   string
		want []int64 // most recently effective first
	}{
		{"2020-01-20", nil}, // X formed and published, not yet effective
		{"2020-02-01", []int64{x.ID}},
		{"2022-06-01", []int64{y.ID, w.ID, x.ID}},
		{"2023-08-31", []int64{y.ID, w.ID, x.ID}}, // V takes effect on 2023-09-01
		{"2023-10-01", []int64{v.ID, y.ID, x.ID}}, // W amended by V from 2023-09-01
		{"2024-05-31", []int64{z.ID, v.ID, y.ID, x.ID}},
		{"2024-06-01", []int64{z.ID, v.ID, x.ID}}, // Y repealed on 2024-06-01
		{"2024-12-31", []int64{z.ID, v.ID, x.ID}},
		{"2025-01-01", []int64{z.ID, v.ID}}, // X lapsed
	}
	for _, tt := range tests {
		es, err := f.s.InForceOn(f.ctx, sy, false, day(tt.on))
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for _, e := range es {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("in force on %s: %v, want %v (x=%d y=%d z=%d w=%d v=%d)", tt.on, got, tt.want, x.ID, y.ID, z.ID, w.ID, v.ID)
		}
	}
	es, err := f.s.InForceOn(f.ctx, sy, true, day("2022-06-01"))
	if err != nil || len(es) != 4 || !slices.ContainsFunc(es, func(e catalog.Entry) bool { return e.ID == dept.ID }) {
		t.Errorf("with descendants: %v, %v", es, err)
	}
}

func TestExpiring(t *testing.T) {
	f := newFixture(t)
	sy := f.city(t)
	f.body(t, "sy-fgw", "沈阳市发展和改革委员会", orgCode(t, "11210100001234568"), sy)
	f.setNow(at("2025-06-16 10:00"))
	mk := func(body, title, until string) catalog.Entry {
		t.Helper()
		in := normative(title, "2021-01-01")
		in.ValidUntil = day(until)
		e, err := f.s.Import(f.ctx, f.actor, body, in, "", time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	today := mk(sy, "今天到期", "2025-06-16")
	edge := mk(sy, "六个月整", "2025-12-16")
	mk(sy, "六个月零一天", "2025-12-17")
	mk(sy, "昨天到期", "2025-06-15")
	dept := mk("sy-fgw", "部门文件", "2025-08-01")

	es, err := f.s.Expiring(f.ctx, []string{sy}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].ID != today.ID || es[1].ID != edge.ID {
		t.Errorf("expiring in %s: %v", sy, es)
	}
	es, err = f.s.Expiring(f.ctx, nil, 6)
	if err != nil || len(es) != 3 || es[1].ID != dept.ID {
		t.Errorf("expiring everywhere: %v, %v", es, err)
	}
	if es, err := f.s.Expiring(f.ctx, []string{sy}, 1); err != nil || len(es) != 1 {
		t.Errorf("expiring within a month: %v, %v", es, err)
	}
}
