package catalog

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database"
)

// relationRef is a relation as version changes record it.
type relationRef struct {
	Kind      RelationKind `json:"kind"`
	Direction string       `json:"direction"`
	EntryID   int64        `json:"entry_id"`
}

func relationRefs(rs []Relation) []relationRef {
	out := make([]relationRef, len(rs))
	for i, r := range rs {
		out[i] = relationRef{Kind: r.Kind, Direction: r.Direction, EntryID: r.EntryID}
	}
	return out
}

// Relate links entry fromID to entry toID: fromID interprets, amends, repeals or replaces toID.
// The target must be published; so must the source, except that a draft may already name the
// policy it interprets. What the link does to a normative target:
//   - amends: an in-force target becomes amended (已修订). It stays in force, for InForceOn, until
//     the amending document takes effect (its effective date, else its formed date).
//   - repeals and replaces: the target becomes repealed (废止) with effect from on (default today),
//     which may lie in the future: until then ValidityOn still reads in force.
//
// Each published side gets a new version (the relation, and the target's validity), and both
// get a search-outbox row; one audit event (entry.relate) records the link.
func (s *Store) Relate(ctx context.Context, actor audit.Actor, fromID, toID int64, kind RelationKind, on calendar.Date) error {
	op := fmt.Sprintf("relate entry %d %s %d", fromID, kind, toID)
	if !kind.Valid() {
		return ValidationError{"kind": "关联类型应为解读、修改、废止或替代"}
	}
	if fromID == toID {
		return ValidationError{"to": "条目不能关联自身"}
	}
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		// Lock in id order so that two relations between the same entries cannot deadlock.
		first, second := min(fromID, toID), max(fromID, toID)
		a, _, err := s.lock(ctx, tx, first)
		if err != nil {
			return err
		}
		b, _, err := s.lock(ctx, tx, second)
		if err != nil {
			return err
		}
		from, to := a, b
		if from.ID != fromID {
			from, to = b, a
		}
		if to.Status != StatusPublished {
			return fmt.Errorf("entry %d is %s: %w", to.ID, to.Status, ErrNotAllowed)
		}
		if from.Status == StatusWithdrawn || (from.Status == StatusDraft && kind != RelationInterprets) {
			return fmt.Errorf("entry %d is %s: %w", from.ID, from.Status, ErrNotAllowed)
		}
		if on.IsZero() {
			on = s.today()
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO entry_relations (from_id, to_id, kind, created_at, created_by)
			VALUES ($1, $2, $3, $4, $5)`, fromID, toID, string(kind), s.clock(), actor.Name); err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("relation: %w", ErrConflict)
			}
			return err
		}
		newValidity, repealedOn := to.recorded, to.RepealedOn
		if to.Kind == KindNormative {
			switch kind {
			case RelationAmends:
				if to.recorded == ValidityInForce {
					newValidity = ValidityAmended
				}
			case RelationRepeals, RelationReplaces:
				if on.Before(to.FormedOn) {
					return ValidationError{"on": "废止日期不能早于被废止文件的成文日期"}
				}
				if to.recorded != ValidityRepealed {
					newValidity, repealedOn = ValidityRepealed, nullDate(on)
				}
			}
		}
		now := s.clock()
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET validity = $2, repealed_on = $3, version = version + 1,
			updated_at = $4 WHERE id = $1`, toID, nullValidity(newValidity), repealedOn, now); err != nil {
			return err
		}
		if from.Status == StatusPublished {
			if _, err := tx.ExecContext(ctx, `UPDATE entries SET version = version + 1, updated_at = $2 WHERE id = $1`,
				fromID, now); err != nil {
				return err
			}
		}
		for _, side := range []Entry{from, to} {
			if side.Status != StatusPublished {
				continue
			}
			after, err := s.get(ctx, tx, side.ID)
			if err != nil {
				return err
			}
			changes := map[string]change{
				"relations": {Before: relationRefs(side.Relations), After: relationRefs(after.Relations)},
			}
			if after.recorded != side.recorded {
				changes["validity"] = change{Before: side.recorded, After: after.recorded}
			}
			if after.RepealedOn != side.RepealedOn {
				changes["repealed_on"] = change{Before: side.RepealedOn, After: after.RepealedOn}
			}
			if err := s.addVersion(ctx, tx, after, actor, "", changes); err != nil {
				return err
			}
		}
		public := []int64{toID}
		if from.Status != StatusDraft {
			public = append(public, fromID)
		}
		if err := enqueue(ctx, tx, public...); err != nil {
			return err
		}
		ev := map[string]any{"kind": kind, "from": fromID, "to": toID}
		if newValidity != to.recorded {
			ev["to_validity"] = change{Before: to.recorded, After: newValidity}
			ev["on"] = on
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "entry.relate", Target: entryTarget(fromID),
			Body: from.BodyCode, Changes: ev})
	})
	return wrapErr(op, err)
}

func nullValidity(v Validity) *string {
	if v == "" {
		return nil
	}
	s := string(v)
	return &s
}

// InForceOn returns the normative documents of the body (and, with withDescendants, of every
// body below it) that were in force on d, most recently effective first. A document counts when
// it is published (not withdrawn, not withheld), took effect on or before d (its effective date,
// else its formed date) and had been published by then (in China), and on d:
//   - its valid-until date had not passed;
//   - it had not been repealed (a repeal takes effect on its repealed_on date);
//   - it had not been amended: an amended document stays in force until the earliest amending
//     document linked to it takes effect; one recorded as amended without such a link counts as
//     amended all along, as its date is unknown;
//   - it is not recorded as lapsed for a reason other than its valid-until date (the basis gone):
//     that date is not recorded, so such a document counts as lapsed on every date.
//
// Rules (规章) carry no validity in the catalog and are not included.
func (s *Store) InForceOn(ctx context.Context, bodyCode string, withDescendants bool, d calendar.Date) ([]Entry, error) {
	if d.IsZero() {
		return nil, ValidationError{"date": "请填写日期"}
	}
	ids, err := scope(ctx, s.db, bodyCode, withDescendants)
	if err != nil {
		return nil, fmt.Errorf("catalog: in force on %s: %w", d, err)
	}
	es, err := s.selectEntries(ctx, s.db, selectEntry+` WHERE e.body_id = ANY($1) AND e.kind = 'normative'
		AND e.status = 'published' AND e.disclosure_mode <> 'withheld'
		AND coalesce(e.effective_on, e.formed_on) <= $2::date
		AND (e.published_at AT TIME ZONE INTERVAL '+08:00')::date <= $2::date
		AND (e.valid_until IS NULL OR e.valid_until >= $2::date)
		AND NOT (e.validity = 'repealed' AND (e.repealed_on IS NULL OR e.repealed_on <= $2::date))
		AND NOT (e.validity = 'lapsed' AND (e.valid_until IS NULL OR e.valid_until >= $3::date))
		AND NOT (e.validity = 'amended' AND coalesce((SELECT min(coalesce(f.effective_on, f.formed_on))
			FROM entry_relations r JOIN entries f ON f.id = r.from_id
			WHERE r.to_id = e.id AND r.kind = 'amends' AND f.status <> 'draft'), '-infinity'::date) <= $2::date)
		ORDER BY coalesce(e.effective_on, e.formed_on) DESC, e.id DESC`, pq.Array(ids), d, s.today())
	if err != nil {
		return nil, fmt.Errorf("catalog: in force on %s: %w", d, err)
	}
	return es, nil
}

// ExpiryWarningMonths is how far ahead Expiring looks by default: local rules require a
// document to be evaluated in the six months before its validity period ends.
const ExpiryWarningMonths = 6

// Expiring returns the published normative documents of the given bodies (all bodies when none
// are given) that are in force today and whose valid-until date falls within the next months
// (ExpiryWarningMonths when months ≤ 0), soonest first.
func (s *Store) Expiring(ctx context.Context, bodyCodes []string, months int) ([]Entry, error) {
	if months <= 0 {
		months = ExpiryWarningMonths
	}
	today := s.today()
	until := calendar.DateOf(addMonthsClamped(today.Time(calendar.China), months))
	w := &where{}
	w.add(`e.kind = 'normative' AND e.status = 'published' AND e.validity = 'in_force'`)
	w.add(`e.valid_until BETWEEN ?::date AND ?::date`, today, until)
	if len(bodyCodes) > 0 {
		w.add(`b.code = ANY(?)`, pq.Array(bodyCodes))
	}
	es, err := s.selectEntries(ctx, s.db, selectEntry+w.sql()+` ORDER BY e.valid_until, e.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("catalog: expiring: %w", err)
	}
	return es, nil
}

// SweepValidity records the lapses whose day has come: each normative document recorded in
// force whose valid-until date is before today (in China) is recorded as lapsed, with a new
// version if it was published or withdrawn, a search-outbox row and an audit event by
// audit.System. Readers already see the lapse on its day (ValidityOn); the sweep makes it part
// of the record. It is idempotent and safe to run from several servers at once; serve runs it
// daily. It returns how many lapses it recorded.
func (s *Store) SweepValidity(ctx context.Context) (int, error) {
	today := s.today()
	var ids []int64
	if err := s.db.SelectContext(ctx, &ids, `SELECT id FROM entries
		WHERE kind = 'normative' AND validity = 'in_force' AND valid_until < $1::date ORDER BY id`, today); err != nil {
		return 0, fmt.Errorf("catalog: sweep validity: %w", err)
	}
	n := 0
	for _, id := range ids {
		done, err := s.lapse(ctx, id, today)
		if err != nil {
			return n, fmt.Errorf("catalog: sweep validity: entry %d: %w", id, err)
		}
		if done {
			n++
		}
	}
	return n, nil
}

func (s *Store) lapse(ctx context.Context, id int64, today calendar.Date) (bool, error) {
	done := false
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		e, _, err := s.lock(ctx, tx, id)
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if e.recorded != ValidityInForce || !e.ValidUntil.Valid || !e.ValidUntil.Date.Before(today) {
			return nil // another sweep, or an officer, got there first
		}
		bump := boolInt(e.Status != StatusDraft)
		if _, err := tx.ExecContext(ctx, `UPDATE entries SET validity = 'lapsed', version = version + $2, updated_at = $3
			WHERE id = $1`, id, bump, s.clock()); err != nil {
			return err
		}
		changes := map[string]change{"validity": {Before: ValidityInForce, After: ValidityLapsed}}
		if e.Status != StatusDraft {
			after, err := s.get(ctx, tx, id)
			if err != nil {
				return err
			}
			note := "有效期至 " + e.ValidUntil.Date.String() + " 届满，文件失效"
			if err := s.addVersion(ctx, tx, after, audit.System, note, changes); err != nil {
				return err
			}
			if err := enqueue(ctx, tx, id); err != nil {
				return err
			}
		}
		done = true
		return audit.Append(ctx, tx, audit.System, audit.Event{Action: "entry.lapse", Target: "entry:" + strconv.FormatInt(id, 10),
			Body: e.BodyCode, Changes: changes})
	})
	return done, err
}
