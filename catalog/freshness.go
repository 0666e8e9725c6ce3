package catalog

import (
	"context"
	"fmt"
	"time"

	"xxgk/calendar"
)

// Inspection thresholds of 国办秘函〔2019〕19号: a site with this many stale or empty columns
// fails.
const (
	FailStaleColumns = 5
	FailEmptyColumns = 5
)

// ColumnStatus is a column that a website inspection would flag.
type ColumnStatus struct {
	Column Column `json:"column"`
	// LastPublishedAt is the newest public entry of the column and its sub-columns, nil if none.
	LastPublishedAt *time.Time `json:"last_published_at,omitempty"`
	// StaleSince is when the column became stale (FreshnessClass.StaleAt), for stale columns.
	StaleSince *time.Time `json:"stale_since,omitempty"`
}

// FreshnessReport is what an inspector would find in a body's disclosure section today.
type FreshnessReport struct {
	BodyCode string    `json:"body_code"`
	At       time.Time `json:"at"`
	// Stale lists the columns with an update deadline (news: 2 weeks, policy: 6 months) whose
	// newest public entry is older than it.
	Stale []ColumnStatus `json:"stale"`
	// Empty lists the columns with no public entry and no note explaining why (a column with an
	// EmptyNote is legitimately empty and shows the note).
	Empty []ColumnStatus `json:"empty"`
	// Late lists the entries past the 20 working days of Art. 26: drafts not yet published in
	// time (withheld ones excepted), and entries published late this year (in China).
	Late []Entry `json:"late"`
	// Fails is true when the section would fail inspection: FailStaleColumns or more stale, or
	// FailEmptyColumns or more empty columns.
	Fails bool `json:"fails"`
}

// Freshness checks the body's columns the way a national website inspection does. Only leaf
// columns are checked (what a parent shows is its children's lists).
func (s *Store) Freshness(ctx context.Context, bodyCode string) (FreshnessReport, error) {
	cols, err := s.Columns(ctx, bodyCode)
	if err != nil {
		return FreshnessReport{}, fmt.Errorf("catalog: freshness: %w", err)
	}
	now := s.clock()
	r := FreshnessReport{BodyCode: bodyCode, At: now, Stale: []ColumnStatus{}, Empty: []ColumnStatus{}, Late: []Entry{}}
	parents := map[string]bool{}
	for _, c := range cols {
		parents[c.ParentCode] = true
	}
	for _, c := range cols {
		if parents[c.Code] {
			continue
		}
		if c.Entries == 0 {
			if c.EmptyNote == "" {
				r.Empty = append(r.Empty, ColumnStatus{Column: c})
			}
			continue
		}
		// Months are counted on China's calendar, as inspectors count them.
		if at, ok := c.Freshness.StaleAt(c.LastPublishedAt.In(calendar.China)); ok && !at.After(now) {
			r.Stale = append(r.Stale, ColumnStatus{Column: c, LastPublishedAt: c.LastPublishedAt, StaleSince: &at})
		}
	}

	today := s.today()
	yearStart := calendar.NewDate(today.Year(), 1, 1).Time(calendar.China)
	// Twenty working days span at least twenty calendar days, which narrows the candidates.
	candidates, err := s.selectEntries(ctx, s.db, selectEntry+` WHERE b.code = $1 AND e.disclosure_mode <> 'withheld'
		AND e.formed_on < $2::date
		AND (e.status = 'draft' OR (e.status IN ('published', 'withdrawn') AND e.source <> 'import' AND e.published_at >= $3))
		ORDER BY e.formed_on, e.id`, bodyCode, today.AddDays(-PublishDeadlineWorkingDays), yearStart)
	if err != nil {
		return FreshnessReport{}, fmt.Errorf("catalog: freshness of %s: %w", bodyCode, err)
	}
	for _, e := range candidates {
		if _, late := s.EntryTimeliness(e); late {
			r.Late = append(r.Late, e)
		}
	}
	r.Fails = len(r.Stale) >= FailStaleColumns || len(r.Empty) >= FailEmptyColumns
	return r, nil
}
