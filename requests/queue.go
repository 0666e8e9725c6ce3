package requests

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database"
)

// The officer's queues. An application can be in several (an overdue one is also open).
const (
	QueueNew                = "new"                 // submitted or received, not yet worked on
	QueueDueSoon            = "due_soon"            // open, due today or within DueSoonWD working days
	QueueOverdue            = "overdue"             // open, the due date has passed
	QueueAwaitingCorrection = "awaiting_correction" // waiting for the applicant's correction
	QueueConsulting         = "consulting"          // a consultation is open
	QueueFeePending         = "fee_pending"         // a fee notice is unpaid
	QueueOpen               = "open"                // every open application
	QueueClosed             = "closed"              // answered, closed, withdrawn or transferred
	QueueAll                = "all"
)

// DueSoonWD is how close a due date puts an application in the due-soon queue.
const DueSoonWD = 3

// Queues lists the queue names in the order the console shows them.
func Queues() []string {
	return []string{QueueNew, QueueDueSoon, QueueOverdue, QueueAwaitingCorrection, QueueConsulting, QueueFeePending,
		QueueOpen, QueueClosed, QueueAll}
}

// QueueFilter selects applications for an officer's list.
type QueueFilter struct {
	BodyCode        string
	WithDescendants bool
	// Queue is one of Queues; empty means open.
	Queue string
	// Year, when set, keeps applications whose tracking-number year (the year received or
	// submitted) is Year.
	Year int
	// Q matches the tracking number, the applicant's name or the description.
	Q              string
	Page, PageSize int
}

// MaxPageSize bounds QueueFilter.PageSize.
const MaxPageSize = 200

// where collects conditions and arguments, numbering placeholders as they are added.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	var b strings.Builder
	i := 0
	for _, r := range cond {
		if r == '?' && i < len(args) {
			w.args = append(w.args, args[i])
			fmt.Fprintf(&b, "$%d", len(w.args))
			i++
			continue
		}
		b.WriteRune(r)
	}
	w.conds = append(w.conds, b.String())
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// scope returns the ids of the body with code and, with withDescendants, the bodies below it.
func scope(ctx context.Context, q sqlx.QueryerContext, code string, withDescendants bool) ([]int64, error) {
	var ids []int64
	query := `SELECT id FROM bodies WHERE code = $1`
	if withDescendants {
		query = `SELECT d.id FROM bodies b JOIN bodies d ON d.path LIKE b.path || '%' WHERE b.code = $1`
	}
	if err := sqlx.SelectContext(ctx, q, &ids, query, code); err != nil {
		return nil, fmt.Errorf("body %s: %w", code, err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("body %s: %w", code, ErrNotFound)
	}
	return ids, nil
}

// queueCond adds the condition of queue to w; false for an unknown queue.
func (s *Store) queueCond(w *where, queue string) bool {
	today := s.today()
	switch queue {
	case QueueNew:
		w.add(`a.status IN ('submitted', 'received')`)
	case QueueDueSoon:
		soon, _ := s.Calendar().AddWorkingDays(today, DueSoonWD)
		w.add(`a.status NOT IN `+terminalStatuses+` AND a.due_on BETWEEN ? AND ?`, today, soon)
	case QueueOverdue:
		w.add(`a.status NOT IN `+terminalStatuses+` AND a.due_on < ?`, today)
	case QueueAwaitingCorrection, QueueConsulting, QueueFeePending:
		w.add(`a.status = ?`, queue)
	case QueueOpen, "":
		w.add(`a.status NOT IN ` + terminalStatuses)
	case QueueClosed:
		w.add(`a.status IN ` + terminalStatuses)
	case QueueAll:
	default:
		return false
	}
	return true
}

// Queue lists a body's applications in one queue, in full (officers of the body, auditors and
// administrators only), with the total. Open queues come soonest due first, the closed queue
// latest answered first. Events and the deadline explanation are not loaded: Get them.
func (s *Store) Queue(ctx context.Context, f QueueFilter) (int, []Application, error) {
	ids, err := scope(ctx, s.db, f.BodyCode, f.WithDescendants)
	if err != nil {
		return 0, nil, fmt.Errorf("requests: queue: %w", err)
	}
	var w where
	w.add(`a.body_id = ANY(?)`, pq.Array(ids))
	if !s.queueCond(&w, f.Queue) {
		return 0, nil, ValidationError{"queue": fmt.Sprintf("未知的队列 %q", f.Queue)}
	}
	if f.Year != 0 {
		w.add(`a.year = ?`, f.Year)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q) + "%"
		w.add(`(a.tracking_no ILIKE ? OR a.applicant_name ILIKE ? OR a.description ILIKE ?)`, like, like, like)
	}
	var total int
	if err := s.db.GetContext(ctx, &total, `SELECT count(*) FROM applications a`+w.sql(), w.args...); err != nil {
		return 0, nil, fmt.Errorf("requests: queue: count: %w", err)
	}
	page, size := max(f.Page, 1), f.PageSize
	if size <= 0 {
		size = 50
	}
	size = min(size, MaxPageSize)
	order := ` ORDER BY a.due_on ASC NULLS LAST, a.id`
	if f.Queue == QueueClosed {
		order = ` ORDER BY a.answered_on DESC, a.id DESC`
	} else if f.Queue == QueueAll {
		order = ` ORDER BY a.id DESC`
	}
	list := []Application{}
	query := selectApplications + w.sql() + order + fmt.Sprintf(` LIMIT %d OFFSET %d`, size, (page-1)*size)
	if err := s.db.SelectContext(ctx, &list, query, w.args...); err != nil {
		return 0, nil, fmt.Errorf("requests: queue: %w", err)
	}
	return total, list, nil
}

// QueueCounts counts the body's applications in every queue of Queues.
func (s *Store) QueueCounts(ctx context.Context, bodyCode string, withDescendants bool) (map[string]int, error) {
	ids, err := scope(ctx, s.db, bodyCode, withDescendants)
	if err != nil {
		return nil, fmt.Errorf("requests: queue counts: %w", err)
	}
	var cols []string
	var w where
	w.add(`a.body_id = ANY(?)`, pq.Array(ids))
	for _, q := range Queues() {
		var c where
		c.args = w.args
		s.queueCond(&c, q)
		w.args = c.args
		cond := "true"
		if len(c.conds) > 0 {
			cond = c.conds[0]
		}
		cols = append(cols, fmt.Sprintf(`count(*) FILTER (WHERE %s)`, cond))
	}
	row := s.db.QueryRowxContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM applications a`+w.sql(), w.args...)
	counts := make([]int, len(cols))
	dest := make([]any, len(cols))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := row.Scan(dest...); err != nil {
		return nil, fmt.Errorf("requests: queue counts: %w", err)
	}
	out := map[string]int{}
	for i, q := range Queues() {
		out[q] = counts[i]
	}
	return out, nil
}

// RecomputeOpen recomputes the due date of every open application with the current calendar
// (after SetCalendar, law.md §5.6). Where the due date or its provisional mark changes it
// stores them and records a public deadline_recomputed event with the dates before and after,
// so that the applicant sees why; one audit event lists the changed applications. It returns
// how many changed. Applications whose recorded events the new calendar makes impossible keep
// their due date and are left for an officer.
func (s *Store) RecomputeOpen(ctx context.Context, actor audit.Actor) (int, error) {
	changed := 0
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		var nos []string
		if err := tx.SelectContext(ctx, &nos, `SELECT tracking_no FROM applications WHERE status NOT IN `+terminalStatuses+` ORDER BY id FOR UPDATE`); err != nil {
			return err
		}
		today, now := s.today(), s.clock()
		var list []string
		for _, no := range nos {
			a, err := s.get(ctx, tx, no, false)
			if err != nil {
				return err
			}
			dl, err := s.compute(a.ReceivedOn, chinaDate(a.SubmittedAt), a.Events)
			if err != nil {
				continue
			}
			due := dueOf(dl)
			if due == a.DueOn && dl.Provisional == a.DueProvisional {
				continue
			}
			if _, err := tx.ExecContext(ctx, `UPDATE applications SET due_on = $2, due_provisional = $3, updated_at = $4 WHERE id = $1`,
				a.ID, due, dl.Provisional, now); err != nil {
				return err
			}
			if due != a.DueOn {
				d := eventData{DueBefore: nullDateString(a.DueOn), DueAfter: nullDateString(due)}
				if err := s.insertEvent(ctx, tx, a.ID, actor, now, newEvent{kind: EventDeadlineRecomputed, on: today,
					basis: "节假日安排调整", public: true, data: d}); err != nil {
					return err
				}
			}
			changed++
			list = append(list, a.TrackingNo)
		}
		if changed == 0 {
			return nil
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "application.recompute", Target: "applications",
			Changes: map[string]any{"count": changed, "tracking_nos": list}})
	})
	if err != nil {
		return 0, fmt.Errorf("requests: recompute deadlines: %w", err)
	}
	return changed, nil
}

func nullDateString(d calendar.NullDate) string {
	if !d.Valid {
		return ""
	}
	return d.Date.String()
}
