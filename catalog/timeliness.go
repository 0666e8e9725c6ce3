package catalog

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/lib/pq"

	"xxgk/calendar"
)

// PublishDeadlineWorkingDays is the period of Art. 26 of the Regulation: proactively disclosed
// information is published within 20 working days of being formed or changed.
const PublishDeadlineWorkingDays = 20

// IssueToPublishBenchmark is Sichuan's benchmark for normative documents: online within two
// hours of the paper issue.
const IssueToPublishBenchmark = 2 * time.Hour

// Timeliness is how long an entry took to be published.
type Timeliness struct {
	EntryID int64 `json:"entry_id"`
	// WorkingDays counts the working days after the formed date up to and including the
	// publication date in China (today for a draft), as Art. 26 counts them.
	WorkingDays int  `json:"working_days"`
	Late        bool `json:"late"` // more than PublishDeadlineWorkingDays
	// Provisional is true when the count spans a year whose holiday notice is not loaded.
	Provisional bool `json:"provisional,omitempty"`
}

// EntryTimeliness returns the working days from e's formed date to its publication (to today
// for a draft) and whether that exceeds the 20 working days of Art. 26.
func (s *Store) EntryTimeliness(e Entry) (wd int, late bool) {
	t := s.Timeliness(e)
	return t.WorkingDays, t.Late
}

// Timeliness is EntryTimeliness with the detail.
func (s *Store) Timeliness(e Entry) Timeliness {
	end := s.today()
	if e.PublishedAt != nil {
		end = chinaDate(*e.PublishedAt)
	}
	wd := max(s.cal.WorkingDaysBetween(e.FormedOn, end), 0)
	return Timeliness{EntryID: e.ID, WorkingDays: wd, Late: wd > PublishDeadlineWorkingDays,
		Provisional: !s.cal.CoversRange(e.FormedOn, end)}
}

// BodyTimeliness sums up one body's publication times in a year.
type BodyTimeliness struct {
	BodyCode string `json:"body_code"`
	BodyName string `json:"body_name"`
	// Published counts the entries published in the year (withdrawn ones included; imported
	// ones excluded, as their publication time comes from the old site or is unknown).
	Published         int     `json:"published"`
	Late              int     `json:"late"` // over 20 working days
	MedianWorkingDays float64 `json:"median_working_days"`
	AvgWorkingDays    float64 `json:"avg_working_days"`
	// Normative counts the normative documents among Published. Their issue-to-publish time is
	// measured from midnight (China) at the start of the formed date, because the catalog records
	// the date of the paper issue but not its hour: the hours are an upper bound of the real delay.
	// NormativeSameDay counts those published on their formed date, the most the data can show
	// against IssueToPublishBenchmark; NormativeWithinBenchmark those whose upper bound is itself
	// within it (published before 02:00 on the formed date, in practice from an import or a clock
	// set in advance).
	Normative                int     `json:"normative"`
	NormativeMedianHours     float64 `json:"normative_median_hours"`
	NormativeAvgHours        float64 `json:"normative_avg_hours"`
	NormativeSameDay         int     `json:"normative_same_day"`
	NormativeWithinBenchmark int     `json:"normative_within_benchmark"`
}

// TimelinessByBody returns, for the body (and with withDescendants every body below it) that
// published anything in year (in China), its publication times, in tree order.
func (s *Store) TimelinessByBody(ctx context.Context, bodyCode string, withDescendants bool, year int) ([]BodyTimeliness, error) {
	ids, err := scope(ctx, s.db, bodyCode, withDescendants)
	if err != nil {
		return nil, fmt.Errorf("catalog: timeliness: %w", err)
	}
	var rows []struct {
		BodyCode    string        `db:"code"`
		BodyName    string        `db:"name"`
		FormedOn    calendar.Date `db:"formed_on"`
		PublishedAt time.Time     `db:"published_at"`
		Kind        Kind          `db:"kind"`
	}
	err = s.db.SelectContext(ctx, &rows, `SELECT b.code, b.name, e.formed_on, e.published_at, e.kind
		FROM entries e JOIN bodies b ON b.id = e.body_id
		WHERE e.body_id = ANY($1) AND e.status IN ('published', 'withdrawn') AND e.source <> 'import'
			AND extract(year FROM e.published_at AT TIME ZONE INTERVAL '+08:00') = $2
		ORDER BY b.path, e.published_at`, pq.Array(ids), year)
	if err != nil {
		return nil, fmt.Errorf("catalog: timeliness: %w", err)
	}
	var out []BodyTimeliness
	var wds, hours []float64
	flush := func() {
		if len(out) == 0 {
			return
		}
		bt := &out[len(out)-1]
		bt.MedianWorkingDays, bt.AvgWorkingDays = median(wds), mean(wds)
		bt.NormativeMedianHours, bt.NormativeAvgHours = median(hours), mean(hours)
		wds, hours = nil, nil
	}
	for _, r := range rows {
		if len(out) == 0 || out[len(out)-1].BodyCode != r.BodyCode {
			flush()
			out = append(out, BodyTimeliness{BodyCode: r.BodyCode, BodyName: r.BodyName})
		}
		bt := &out[len(out)-1]
		wd := max(s.cal.WorkingDaysBetween(r.FormedOn, chinaDate(r.PublishedAt)), 0)
		bt.Published++
		if wd > PublishDeadlineWorkingDays {
			bt.Late++
		}
		wds = append(wds, float64(wd))
		if r.Kind == KindNormative {
			bt.Normative++
			elapsed := r.PublishedAt.Sub(r.FormedOn.Time(calendar.China))
			hours = append(hours, elapsed.Hours())
			if chinaDate(r.PublishedAt) == r.FormedOn {
				bt.NormativeSameDay++
			}
			if elapsed <= IssueToPublishBenchmark {
				bt.NormativeWithinBenchmark++
			}
		}
	}
	flush()
	return out, nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	ys := slices.Clone(xs)
	slices.Sort(ys)
	n := len(ys)
	if n%2 == 1 {
		return ys[n/2]
	}
	return (ys[n/2-1] + ys[n/2]) / 2
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}
