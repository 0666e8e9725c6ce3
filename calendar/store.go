package calendar

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/database"
)

// Years an administrator loads are kept in PostgreSQL (table calendar_years, one row per notice
// year in the CSV format of holidays-cn.csv), so that a new State Council notice takes effect
// without a release and survives restarts. The shipped arrangement stays the base: Current is
// Default with every loaded year replacing the shipped one of the same year.

// LoadedYear is one year's arrangement as an administrator loaded it.
type LoadedYear struct {
	Year     int       `db:"year"`
	LoadedBy string    `db:"loaded_by"`
	LoadedAt time.Time `db:"loaded_at"`
}

// Load validates a holiday CSV with Parse and stores each notice year it holds, replacing that
// year's earlier load (the shipped year stays in the binary and is overridden, not changed). It
// appends one calendar.load audit event per year in the same transaction. A bad file stores
// nothing and returns the *ParseError naming the line and field; a file that lists no days is an
// error too. It returns the years loaded, ascending.
//
// Load does not recompute deadlines: the caller does, with Current, once the load has committed.
func Load(ctx context.Context, db *sqlx.DB, actor audit.Actor, data []byte) ([]int, error) {
	parsed, err := Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	years := parsed.Years()
	if len(years) == 0 {
		return nil, &ParseError{Line: 1, Err: errors.New("the file lists no days: add one row per holiday day and make-up workday under the header")}
	}
	err = database.Transact(ctx, db, func(tx *sqlx.Tx) error {
		// One load at a time, so that the "before" of each audit event is the state it replaced.
		if _, err := tx.ExecContext(ctx, `LOCK TABLE calendar_years IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return err
		}
		before, err := current(ctx, tx)
		if err != nil {
			return err
		}
		loaded := map[int]bool{}
		rows, err := loadedYears(ctx, tx)
		if err != nil {
			return err
		}
		for _, ly := range rows {
			loaded[ly.Year] = true
		}
		shipped, err := Default()
		if err != nil {
			return err
		}
		after := before.Merge(parsed)
		for _, y := range years {
			notice := parsed.notices[y]
			text, err := encodeNotice(notice)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_years (year, csv, loaded_by, loaded_at)
				VALUES ($1, $2, $3, now())
				ON CONFLICT (year) DO UPDATE SET csv = EXCLUDED.csv, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at`,
				y, text, actor.Name); err != nil {
				return fmt.Errorf("calendar: store %d: %w", y, err)
			}
			replaces := "none"
			switch {
			case loaded[y]:
				replaces = "loaded"
			case shipped.Covers(y):
				replaces = "shipped"
			}
			holidays, workdays := 0, 0
			for _, d := range notice {
				if d.Kind == KindHoliday {
					holidays++
				} else {
					workdays++
				}
			}
			yearFrom, yearTo := NewDate(y-1, 12, 31), NewDate(y, 12, 31)
			if err := audit.Append(ctx, tx, actor, audit.Event{
				Action: "calendar.load",
				Target: fmt.Sprintf("calendar:%d", y),
				Changes: map[string]any{
					"year": y, "replaces": replaces, "holidays": holidays, "workdays": workdays,
					"working_days": map[string]int{
						"before": before.WorkingDaysBetween(yearFrom, yearTo),
						"after":  after.WorkingDaysBetween(yearFrom, yearTo),
					},
				},
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("calendar: load: %w", err)
	}
	return years, nil
}

// Current returns the calendar in force: the shipped arrangement (Default) with every year an
// administrator loaded replacing the shipped one.
func Current(ctx context.Context, db sqlx.QueryerContext) (*Calendar, error) {
	return current(ctx, db)
}

func current(ctx context.Context, q sqlx.QueryerContext) (*Calendar, error) {
	base, err := Default()
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Year int    `db:"year"`
		CSV  string `db:"csv"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT year, csv FROM calendar_years ORDER BY year`); err != nil {
		return nil, fmt.Errorf("calendar: loaded years: %w", err)
	}
	if len(rows) == 0 {
		return base, nil
	}
	notices := make(map[int][]Day, len(base.notices)+len(rows))
	for y, ds := range base.notices {
		notices[y] = ds
	}
	for _, r := range rows {
		p, err := Parse(bytes.NewReader([]byte(r.CSV)))
		if err != nil {
			return nil, fmt.Errorf("calendar: stored year %d: %w", r.Year, err)
		}
		ds, ok := p.notices[r.Year]
		if !ok {
			return nil, fmt.Errorf("calendar: stored year %d holds no rows of its notice", r.Year)
		}
		notices[r.Year] = ds
	}
	return build(notices), nil
}

// LoadedYears lists the years administrators loaded, ascending, with who loaded each and when.
func LoadedYears(ctx context.Context, db sqlx.QueryerContext) ([]LoadedYear, error) {
	return loadedYears(ctx, db)
}

func loadedYears(ctx context.Context, q sqlx.QueryerContext) ([]LoadedYear, error) {
	var ys []LoadedYear
	if err := sqlx.SelectContext(ctx, q, &ys, `SELECT year, loaded_by, loaded_at FROM calendar_years ORDER BY year`); err != nil {
		return nil, fmt.Errorf("calendar: loaded years: %w", err)
	}
	return ys, nil
}

// encodeNotice writes a notice's rows in holidays-cn.csv format; Parse reads them back into the
// same notice year, because a December row is kept only beside the January row that drew it in.
func encodeNotice(days []Day) (string, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"date", "kind", "name"})
	for _, d := range days {
		_ = w.Write([]string{d.Date.String(), d.Kind, d.Name})
	}
	w.Flush()
	return b.String(), w.Error()
}

// EncodeCSV writes year's notice as loaded in holidays-cn.csv format (for `xxgk calendar show`
// and for correcting a year: export, edit, load). It returns "" when the year is not covered.
func (c *Calendar) EncodeCSV(year int) string {
	ds, ok := c.notices[year]
	if !ok {
		return ""
	}
	s, _ := encodeNotice(ds)
	return s
}
