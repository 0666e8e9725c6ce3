package requests

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database"
)

// AppealKind is how a disclosure decision was challenged (report table 四).
type AppealKind string

// The appeal kinds. The codes are stored; never rename one.
const (
	AppealReview             AppealKind = "review"               // 行政复议
	AppealLawsuit            AppealKind = "lawsuit"              // 行政诉讼，未经复议直接起诉
	AppealLawsuitAfterReview AppealKind = "lawsuit_after_review" // 行政诉讼，复议后起诉
)

// AppealResult is how the case ended, as table 四 counts it.
type AppealResult string

// The results.
const (
	AppealUpheld    AppealResult = "upheld"    // 结果维持
	AppealCorrected AppealResult = "corrected" // 结果纠正
	AppealOther     AppealResult = "other"     // 其他结果
	AppealPending   AppealResult = "pending"   // 尚未审结
)

// AppealKinds lists the kinds with their labels in table-四 order.
var AppealKinds = []struct {
	Kind    AppealKind
	Label   string
	English string
}{
	{AppealReview, "行政复议", "Administrative review"},
	{AppealLawsuit, "未经复议直接起诉", "Lawsuit without review"},
	{AppealLawsuitAfterReview, "复议后起诉", "Lawsuit after review"},
}

// AppealResults lists the results with their labels in table-四 order.
var AppealResults = []struct {
	Result  AppealResult
	Label   string
	English string
}{
	{AppealUpheld, "结果维持", "Upheld"},
	{AppealCorrected, "结果纠正", "Corrected"},
	{AppealOther, "其他结果", "Other result"},
	{AppealPending, "尚未审结", "Pending"},
}

// ParseAppealKind accepts a code or a label (行政复议, 未经复议直接起诉, 复议后起诉).
func ParseAppealKind(s string) (AppealKind, error) {
	for _, k := range AppealKinds {
		if s == string(k.Kind) || s == k.Label {
			return k.Kind, nil
		}
	}
	return "", fmt.Errorf("unknown appeal kind %q", s)
}

// ParseAppealResult accepts a code or a label (结果维持, 结果纠正, 其他结果, 尚未审结).
func ParseAppealResult(s string) (AppealResult, error) {
	for _, r := range AppealResults {
		if s == string(r.Result) || s == r.Label {
			return r.Result, nil
		}
	}
	return "", fmt.Errorf("unknown appeal result %q", s)
}

// Appeal is an administrative review or lawsuit about a body's disclosure decision.
type Appeal struct {
	ID       int64  `db:"id" json:"id"`
	BodyCode string `db:"body_code" json:"body_code"`
	// TrackingNo links the application the case is about; optional.
	TrackingNo  string            `db:"tracking_no" json:"tracking_no"`
	Kind        AppealKind        `db:"kind" json:"kind"`
	Result      AppealResult      `db:"result" json:"result"`
	FiledOn     calendar.Date     `db:"filed_on" json:"filed_on"`
	ConcludedOn calendar.NullDate `db:"concluded_on" json:"concluded_on"`
	Note        string            `db:"note" json:"note"`
	// Source is the door it came through (console, api, import, seed); set by the caller.
	Source    string    `db:"source" json:"-"`
	CreatedBy string    `db:"created_by" json:"created_by"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

const selectAppeals = `SELECT p.id, b.code AS body_code, COALESCE(a.tracking_no, '') AS tracking_no, p.kind, p.result,
	p.filed_on, p.concluded_on, p.note, p.source, p.created_by, p.created_at
	FROM appeals p JOIN bodies b ON b.id = p.body_id LEFT JOIN applications a ON a.id = p.application_id`

// validateResult checks a result with its conclusion date against the filing date.
func (s *Store) validateResult(p ValidationError, r AppealResult, filed calendar.Date, concluded calendar.NullDate) {
	if _, err := ParseAppealResult(string(r)); err != nil {
		p["result"] = "请选择结果：结果维持、结果纠正、其他结果或尚未审结"
		return
	}
	switch {
	case r == AppealPending && concluded.Valid:
		p["concluded_on"] = "尚未审结的案件不能填写审结日期"
	case r != AppealPending && !concluded.Valid:
		p["concluded_on"] = "请填写审结日期"
	case concluded.Valid && concluded.Date.After(s.today()):
		p["concluded_on"] = fmt.Sprintf("审结日期 %s 晚于今天", concluded.Date)
	case concluded.Valid && !filed.IsZero() && concluded.Date.Before(filed):
		p["concluded_on"] = fmt.Sprintf("审结日期 %s 早于收到日期 %s", concluded.Date, filed)
	}
}

// AddAppeal records a review or lawsuit against the body, optionally linked to one of its
// applications by tracking number.
func (s *Store) AddAppeal(ctx context.Context, actor audit.Actor, bodyCode string, a Appeal) (Appeal, error) {
	a.TrackingNo, a.Note = NormalizeTrackingNo(a.TrackingNo), strings.TrimSpace(a.Note)
	if a.Result == "" {
		a.Result = AppealPending
	}
	if a.Source == "" {
		a.Source = "console"
	}
	p := ValidationError{}
	if _, err := ParseAppealKind(string(a.Kind)); err != nil {
		p["kind"] = "请选择类型：行政复议、未经复议直接起诉或复议后起诉"
	}
	switch {
	case a.FiledOn.IsZero():
		p["filed_on"] = "请填写收到日期"
	case a.FiledOn.After(s.today()):
		p["filed_on"] = fmt.Sprintf("收到日期 %s 晚于今天", a.FiledOn)
	}
	s.validateResult(p, a.Result, a.FiledOn, a.ConcludedOn)
	if utf8.RuneCountInString(a.Note) > maxNoteRunes {
		p["note"] = fmt.Sprintf("备注最长 %d 个字符", maxNoteRunes)
	}
	if len(p) > 0 {
		return Appeal{}, p
	}
	var id int64
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		b, err := bodyByCode(ctx, tx, bodyCode)
		if err != nil {
			return err
		}
		var appID *int64
		if a.TrackingNo != "" {
			var x int64
			err := tx.GetContext(ctx, &x, `SELECT id FROM applications WHERE tracking_no = $1 AND body_id = $2`, a.TrackingNo, b.ID)
			if errors.Is(err, sql.ErrNoRows) {
				return ValidationError{"tracking_no": "本机关没有这个申请编号：" + a.TrackingNo}
			}
			if err != nil {
				return err
			}
			appID = &x
		}
		if err := tx.GetContext(ctx, &id, `INSERT INTO appeals (body_id, application_id, kind, result, filed_on, concluded_on, note, source, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			b.ID, appID, a.Kind, a.Result, a.FiledOn, a.ConcludedOn, a.Note, a.Source, actor.Name, s.clock()); err != nil {
			return fmt.Errorf("insert appeal: %w", err)
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "appeal.create", Target: fmt.Sprintf("appeal:%d", id), Body: b.Code,
			Changes: map[string]any{"kind": a.Kind, "result": a.Result, "filed_on": a.FiledOn, "concluded_on": a.ConcludedOn, "tracking_no": a.TrackingNo}})
	})
	if err != nil {
		return Appeal{}, fmt.Errorf("requests: add appeal: %w", err)
	}
	return s.Appeal(ctx, id)
}

// Appeal returns one appeal.
func (s *Store) Appeal(ctx context.Context, id int64) (Appeal, error) {
	var a Appeal
	err := s.db.GetContext(ctx, &a, selectAppeals+` WHERE p.id = $1`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return Appeal{}, fmt.Errorf("requests: appeal %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("requests: appeal %d: %w", id, err)
	}
	return a, nil
}

// AppealBodyOf returns the code of the body an appeal is against, for access checks.
func (s *Store) AppealBodyOf(ctx context.Context, id int64) (string, error) {
	a, err := s.Appeal(ctx, id)
	return a.BodyCode, err
}

// SetAppealResult records how a case ended (on = the conclusion date), or sets it back to
// pending (on ignored).
func (s *Store) SetAppealResult(ctx context.Context, actor audit.Actor, id int64, r AppealResult, on calendar.Date) (Appeal, error) {
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		var cur Appeal
		err := tx.GetContext(ctx, &cur, selectAppeals+` WHERE p.id = $1 FOR UPDATE OF p`, id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		concluded := calendar.NullDate{Date: on, Valid: !on.IsZero()}
		if r == AppealPending {
			concluded = calendar.NullDate{}
		}
		p := ValidationError{}
		s.validateResult(p, r, cur.FiledOn, concluded)
		if len(p) > 0 {
			return p
		}
		if _, err := tx.ExecContext(ctx, `UPDATE appeals SET result = $2, concluded_on = $3 WHERE id = $1`, id, r, concluded); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: "appeal.result", Target: fmt.Sprintf("appeal:%d", id), Body: cur.BodyCode,
			Changes: map[string]any{"result": map[string]any{"before": cur.Result, "after": r},
				"concluded_on": map[string]any{"before": cur.ConcludedOn, "after": concluded}}})
	})
	if err != nil {
		return Appeal{}, fmt.Errorf("requests: appeal %d: %w", id, err)
	}
	return s.Appeal(ctx, id)
}

// Appeals lists the body's appeals filed in year (all years when 0), oldest first. Table 四
// counts a case in the year it was filed, with its result as recorded now.
func (s *Store) Appeals(ctx context.Context, bodyCode string, year int) ([]Appeal, error) {
	if _, err := bodyByCode(ctx, s.db, bodyCode); err != nil {
		return nil, fmt.Errorf("requests: appeals: %w", err)
	}
	list := []Appeal{}
	query := selectAppeals + ` WHERE b.code = $1`
	args := []any{bodyCode}
	if year != 0 {
		query += ` AND p.filed_on >= make_date($2, 1, 1) AND p.filed_on < make_date($2 + 1, 1, 1)`
		args = append(args, year)
	}
	if err := s.db.SelectContext(ctx, &list, query+` ORDER BY p.filed_on, p.id`, args...); err != nil {
		return nil, fmt.Errorf("requests: appeals: %w", err)
	}
	return list, nil
}
