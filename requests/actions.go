package requests

import (
	"context"
	"encoding/json"
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

// ActionKind is what an officer does with an application.
type ActionKind string

// The actions (law.md §4, §6). Each records one event (transfer and withdrawal of an unconfirmed
// application two) and recomputes the deadline.
const (
	// ActConfirm confirms receipt of an online application (Art. 31). On defaults to the
	// submission day and may not precede it.
	ActConfirm ActionKind = "confirm"
	// ActStart marks a received application as being worked on.
	ActStart ActionKind = "start"
	// ActRequestCorrection tells the applicant what to correct (Art. 30): once, within 7 WD of
	// receipt. The clock then waits for the correction.
	ActRequestCorrection ActionKind = "request_correction"
	// ActCorrectionReceived records the corrected application; the answer period restarts.
	ActCorrectionReceived ActionKind = "correction_received"
	// ActConsult sends a consultation letter (Reason third_party, Art. 32, or other_body, Art.
	// 34); the clock pauses for at most the 15-WD reply window.
	ActConsult ActionKind = "consult"
	// ActConsultReply records the reply (or, with a later date, that none came).
	ActConsultReply ActionKind = "consult_reply"
	// ActExtend extends the deadline once by Days (1–20, 0 = 20) working days, approved by the
	// head of the disclosure office (ApprovedBy), before the deadline passes (Art. 33).
	ActExtend ActionKind = "extend"
	// ActFeeNotice sends a processing-fee notice computed from FeeMethod and FeeCount (Art. 42).
	ActFeeNotice ActionKind = "fee_notice"
	// ActFeePaid records the payment.
	ActFeePaid ActionKind = "fee_paid"
	// ActAnswer answers with Outcome (any but the two abandonments, which ActAbandon records).
	ActAnswer ActionKind = "answer"
	// ActWithdraw records the applicant's withdrawal: outcome other (table 三（六）3).
	ActWithdraw ActionKind = "withdraw"
	// ActAbandon closes an application whose correction did not come (abandoned_no_correction)
	// or whose fee was not paid within 20 WD of the notice (abandoned_fee_unpaid).
	ActAbandon ActionKind = "abandon"
	// ActTransfer sends the application to the body that holds the information (TransferTo, a
	// body code): this one ends as not_held (Art. 36(五), table 三（四）1) and a linked new
	// application is received there on the same day, trackable with the same query code.
	ActTransfer ActionKind = "transfer"
	// ActNote adds a note (public to the applicant only when Public is set); allowed in every
	// state, also after the end.
	ActNote ActionKind = "note"
)

// ActionKinds lists every action.
func ActionKinds() []ActionKind {
	return []ActionKind{ActConfirm, ActStart, ActRequestCorrection, ActCorrectionReceived, ActConsult, ActConsultReply,
		ActExtend, ActFeeNotice, ActFeePaid, ActAnswer, ActWithdraw, ActAbandon, ActTransfer, ActNote}
}

// Action is one officer action on an application.
type Action struct {
	Kind ActionKind `json:"kind"`
	// On is the day it happened (a letter sent, a reply received); empty means today, or for
	// confirm the submission day. It may not be in the future, nor before the last event.
	On calendar.Date `json:"on"`
	// Basis is the legal basis cited; empty takes the action's usual article.
	Basis      string      `json:"basis"`
	Note       string      `json:"note"`
	Reason     PauseReason `json:"reason"`
	Days       int         `json:"days"`
	ApprovedBy string      `json:"approved_by"`
	Outcome    Outcome     `json:"outcome"`
	AnswerText string      `json:"answer_text"`
	FeeMethod  FeeMethod   `json:"fee_method"`
	FeeCount   int         `json:"fee_count"`
	TransferTo string      `json:"transfer_to"`
	// Public shows a note to the applicant; other events are always shown.
	Public bool `json:"public"`
}

const maxAnswerRunes = 20000

// change is what an action does to an application.
type change struct {
	events     []newEvent
	terminal   Status
	receivedOn calendar.NullDate
	outcome    Outcome
	answerText string
	feeYuan    *int
	transferTo *bodyRef
}

// Act applies an officer's action to the application: it checks the state machine (law.md §6)
// and the clock rules (law.md §5), records the event, recomputes the deadline and the status,
// and audits, all in one transaction. Refusals are a *StateError (errors.Is ErrNotAllowed) or a
// ValidationError, both with Chinese messages.
func (s *Store) Act(ctx context.Context, actor audit.Actor, trackingNo string, a Action) (Application, error) {
	no := NormalizeTrackingNo(trackingNo)
	a.Basis, a.Note, a.ApprovedBy = strings.TrimSpace(a.Basis), strings.TrimSpace(a.Note), strings.TrimSpace(a.ApprovedBy)
	a.AnswerText, a.TransferTo = strings.TrimSpace(a.AnswerText), strings.TrimSpace(a.TransferTo)
	problems := ValidationError{}
	if utf8.RuneCountInString(a.Note) > maxNoteRunes {
		problems["note"] = fmt.Sprintf("备注最长 %d 个字符", maxNoteRunes)
	}
	if utf8.RuneCountInString(a.Basis) > maxBasisRunes {
		problems["basis"] = fmt.Sprintf("法律依据最长 %d 个字符", maxBasisRunes)
	}
	if utf8.RuneCountInString(a.AnswerText) > maxAnswerRunes {
		problems["answer_text"] = fmt.Sprintf("答复内容最长 %d 个字符", maxAnswerRunes)
	}
	if len(problems) > 0 {
		return Application{}, problems
	}
	err := database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		app, err := s.get(ctx, tx, no, true)
		if err != nil {
			return err
		}
		ch, err := s.plan(ctx, tx, app, &a)
		if err != nil {
			return err
		}
		return s.apply(ctx, tx, actor, app, a, ch)
	})
	if err != nil {
		return Application{}, fmt.Errorf("requests: %s %s: %w", a.Kind, trackingNo, err)
	}
	return s.Get(ctx, no)
}

// openState is what the events say is pending.
type openState struct {
	feeOpen, consultOpen bool
	feeNoticeOn          calendar.Date
	consultReason        PauseReason
	extended, worked     bool
	correctionReceived   bool
	last                 calendar.Date // the latest event that is not a note
}

func scanEvents(events []Event) openState {
	var st openState
	for _, e := range events {
		switch e.Kind {
		case EventNote, EventDeadlineRecomputed:
			continue
		case "imported":
			// The import records the day of the import, not of anything that happened.
			st.worked = true
			continue
		case EventFeeNoticeSent:
			st.feeOpen, st.feeNoticeOn = true, e.On
		case EventFeePaid:
			st.feeOpen = false
		case EventPauseStarted:
			var d eventData
			_ = json.Unmarshal(e.Data, &d)
			st.consultOpen, st.consultReason = true, d.Reason
		case EventPauseEnded:
			st.consultOpen = false
		case EventExtended:
			st.extended = true
		case EventCorrectionReceived:
			st.correctionReceived = true
		}
		switch e.Kind {
		case EventSubmitted, EventReceived, EventTransferredIn:
		default:
			st.worked = true
		}
		if e.On.After(st.last) {
			st.last = e.On
		}
	}
	return st
}

// deriveStatus is the status of an open application from its events and deadline.
func deriveStatus(received bool, events []Event, dl Deadline) Status {
	if !received {
		return StatusSubmitted
	}
	st := scanEvents(events)
	switch {
	case dl.AwaitingCorrection:
		return StatusAwaitingCorrection
	case st.feeOpen:
		return StatusFeePending
	case st.consultOpen:
		return StatusConsulting
	case st.extended:
		return StatusExtended
	case st.worked:
		return StatusInProgress
	}
	return StatusReceived
}

// plan checks the action against the application's state and says what it changes.
func (s *Store) plan(ctx context.Context, tx *sqlx.Tx, app Application, a *Action) (change, error) {
	today := s.today()
	submitted := chinaDate(app.SubmittedAt)
	st := scanEvents(app.Events)
	k, status := a.Kind, app.Status
	ch := change{receivedOn: app.ReceivedOn}

	known := false
	for _, x := range ActionKinds() {
		known = known || x == k
	}
	if !known {
		return ch, ValidationError{"kind": fmt.Sprintf("未知的办理事项 %q", k)}
	}
	if !status.Open() && k != ActNote {
		return ch, notAllowed(k, status, fmt.Sprintf("申请已办结（%s），不能再办理，只能添加备注", status.Label("zh")),
			fmt.Sprintf("the application is concluded (%s); only notes can be added", status.Label("en")))
	}
	if a.On.IsZero() {
		a.On = today
		if k == ActConfirm {
			a.On = submitted
		}
	}
	on := a.On
	switch {
	case on.After(today):
		return ch, ValidationError{"on": fmt.Sprintf("日期 %s 晚于今天", on)}
	case on.Before(submitted):
		return ch, ValidationError{"on": fmt.Sprintf("日期 %s 早于提交申请的日期 %s", on, submitted)}
	case k != ActNote && on.Before(st.last):
		return ch, ValidationError{"on": fmt.Sprintf("日期 %s 早于上一办理事项的日期 %s，请按时间顺序登记", on, st.last)}
	}
	switch k {
	case ActConfirm, ActNote, ActWithdraw:
	default:
		if !app.ReceivedOn.Valid {
			return ch, notAllowed(k, status, "申请尚未确认收到，请先确认收到申请", "the application has not been confirmed as received; confirm it first")
		}
	}
	basis := func(def string) string {
		if a.Basis != "" {
			return a.Basis
		}
		return def
	}
	ev := newEvent{on: on, note: a.Note, public: true}

	switch k {
	case ActConfirm:
		if status != StatusSubmitted {
			return ch, notAllowed(k, status, "申请已确认收到", "the application was already confirmed as received")
		}
		ev.kind, ev.basis, ev.data = EventReceived, basis("条例第三十一条"), eventData{Channel: app.Channel}
		ch.receivedOn = calendar.NullDate{Date: on, Valid: true}

	case ActStart:
		if status != StatusReceived {
			return ch, notAllowed(k, status, "只有刚收到的申请可以标记为开始办理", "only a newly received application can be started")
		}
		ev.kind, ev.basis = EventStarted, basis("条例第四十五条")

	case ActRequestCorrection:
		ev.kind, ev.basis = EventCorrectionRequested, basis("条例第三十条")

	case ActCorrectionReceived:
		if !app.Deadline.AwaitingCorrection {
			return ch, notAllowed(k, status, "没有待补正的告知，不能记录收到补正", "no correction was requested")
		}
		ev.kind, ev.basis = EventCorrectionReceived, basis("条例第三十条")

	case ActConsult:
		switch a.Reason {
		case PauseThirdParty:
			ev.basis = basis("条例第三十二条")
		case PauseOtherBody:
			ev.basis = basis("条例第三十四条")
		default:
			return ch, ValidationError{"reason": "请选择征求意见的对象：第三方或其他机关"}
		}
		ev.kind, ev.data = EventPauseStarted, eventData{Reason: a.Reason}

	case ActConsultReply:
		if !st.consultOpen {
			return ch, notAllowed(k, status, "没有进行中的征求意见，不能记录答复", "no consultation is open")
		}
		ev.kind, ev.data = EventPauseEnded, eventData{Reason: st.consultReason}
		if st.consultReason == PauseOtherBody {
			ev.basis = basis("条例第三十四条")
		} else {
			ev.basis = basis("条例第三十二条")
		}

	case ActExtend:
		if a.ApprovedBy == "" {
			return ch, ValidationError{"approved_by": "延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人"}
		}
		if utf8.RuneCountInString(a.ApprovedBy) > maxPersonRunes {
			return ch, ValidationError{"approved_by": fmt.Sprintf("批准人最长 %d 个字符", maxPersonRunes)}
		}
		days := a.Days
		if days == 0 {
			days = MaxExtensionWD
		}
		ev.kind, ev.basis, ev.data = EventExtended, basis("条例第三十三条"), eventData{Days: days, ApprovedBy: a.ApprovedBy}

	case ActFeeNotice:
		var fb FeeBreakdown
		var err error
		switch a.FeeMethod {
		case FeePerApplication:
			fb, err = ApplicationFees(a.FeeCount)
		case FeePerPage:
			fb, err = PageFees(a.FeeCount)
		default:
			return ch, ValidationError{"fee_method": "请选择计收方式：按件计收或按量计收"}
		}
		switch {
		case errors.Is(err, ErrFeeCount):
			return ch, ValidationError{"fee_count": fmt.Sprintf("数量应为 1 至 %d", MaxFeeCount)}
		case err != nil:
			return ch, err
		case fb.Total == 0:
			return ch, ValidationError{"fee_count": "数量在免费范围内，不收取信息处理费"}
		}
		if st.feeOpen {
			return ch, notAllowed(k, status, "上一份收费通知尚未缴费", "the previous fee notice is unpaid")
		}
		total := fb.Total
		ch.feeYuan = &total
		ev.kind, ev.basis = EventFeeNoticeSent, basis("条例第四十二条")
		ev.data = eventData{FeeMethod: fb.Method, FeeCount: fb.Count, FeeYuan: fb.Total, Formula: fb.Formula()}

	case ActFeePaid:
		if !st.feeOpen {
			return ch, notAllowed(k, status, "没有未缴费的收费通知", "no fee notice is unpaid")
		}
		ev.kind, ev.basis = EventFeePaid, basis("条例第四十二条")
		if app.FeeYuan != nil {
			ev.data = eventData{FeeYuan: *app.FeeYuan}
		}

	case ActAnswer:
		switch {
		case app.Deadline.AwaitingCorrection:
			return ch, notAllowed(k, status, "等待申请人补正期间不能答复：收到补正后再答复，逾期未补正的请终止办理",
				"the application awaits the applicant's correction: answer after it arrives, or close it as abandoned")
		case st.feeOpen:
			return ch, notAllowed(k, status, "信息处理费尚未缴纳：缴费后再答复，逾期未缴费的请终止办理",
				"the processing fee is unpaid: answer after payment, or close it as abandoned")
		}
		info, ok := a.Outcome.Info()
		switch {
		case a.Outcome == "":
			return ch, ValidationError{"outcome": "请选择办理结果"}
		case !ok:
			return ch, ValidationError{"outcome": fmt.Sprintf("未知的办理结果 %q", a.Outcome)}
		case a.Outcome == OutcomeAbandonedNoCorrection || a.Outcome == OutcomeAbandonedFeeUnpaid:
			return ch, ValidationError{"outcome": "逾期不补正或逾期未缴费的，请使用“终止办理”"}
		case a.Outcome == OutcomeUnclearAfterCorrection && !st.correctionReceived:
			return ch, ValidationError{"outcome": "“补正后申请内容仍不明确”只适用于已补正的申请"}
		}
		if info.Basis != "" {
			ev.basis = basis("条例" + info.Basis)
		} else {
			ev.basis = basis("")
		}
		ev.kind, ev.data = EventAnswered, eventData{Outcome: a.Outcome}
		ch.terminal, ch.outcome, ch.answerText = StatusAnswered, a.Outcome, a.AnswerText

	case ActWithdraw:
		if !app.ReceivedOn.Valid {
			// An application withdrawn before confirmation was still received: the report counts
			// it among those received and those concluded.
			ch.receivedOn = calendar.NullDate{Date: submitted, Valid: true}
			ch.events = append(ch.events, newEvent{kind: EventReceived, on: submitted, basis: "条例第三十一条", public: true,
				note: "撤回前视为已收到", data: eventData{Channel: app.Channel}})
		}
		ev.kind, ev.basis, ev.data = EventWithdrawn, basis(""), eventData{Outcome: OutcomeOther}
		ch.terminal, ch.outcome = StatusWithdrawn, OutcomeOther

	case ActAbandon:
		switch {
		case app.Deadline.AwaitingCorrection:
			ev.basis, ch.outcome = basis("条例第三十条"), OutcomeAbandonedNoCorrection
		case st.feeOpen:
			lastDay, _ := s.Calendar().AddWorkingDays(st.feeNoticeOn, AnswerPeriodWD)
			if !on.After(lastDay) {
				return ch, ValidationError{"on": fmt.Sprintf("缴费期限尚未届满（收到收费通知次日起20个工作日，按通知发出日计至 %s），%s 之后才能按逾期未缴费终止办理", lastDay, lastDay)}
			}
			ev.basis, ch.outcome = basis("条例第四十二条"), OutcomeAbandonedFeeUnpaid
		default:
			return ch, notAllowed(k, status, "只有待补正或待缴费的申请可以终止办理", "only an application awaiting a correction or a fee can be closed as abandoned")
		}
		ev.kind, ev.data = EventAbandoned, eventData{Outcome: ch.outcome}
		ch.terminal = StatusClosed

	case ActTransfer:
		if a.TransferTo == "" {
			return ch, ValidationError{"transfer_to": "请选择转办的机关"}
		}
		b, err := bodyByCode(ctx, tx, a.TransferTo)
		if errors.Is(err, ErrNotFound) {
			return ch, ValidationError{"transfer_to": "没有这个机关：" + a.TransferTo}
		}
		if err != nil {
			return ch, err
		}
		if b.Code == app.BodyCode {
			return ch, ValidationError{"transfer_to": "不能转办给本机关"}
		}
		ch.transferTo = &b
		ev.kind, ev.basis = EventTransferredOut, basis("条例第三十六条第（五）项")
		ev.data = eventData{BodyCode: b.Code, BodyName: b.Name, Outcome: OutcomeNotHeld}
		ch.terminal, ch.outcome = StatusTransferred, OutcomeNotHeld

	case ActNote:
		if a.Note == "" {
			return ch, ValidationError{"note": "请填写备注内容"}
		}
		ev.kind, ev.basis, ev.public = EventNote, a.Basis, a.Public
	}
	ch.events = append(ch.events, ev)
	return ch, nil
}

// apply stores a planned change: events, the recomputed deadline and status, the audit event.
func (s *Store) apply(ctx context.Context, tx *sqlx.Tx, actor audit.Actor, app Application, a Action, ch change) error {
	events := append([]Event(nil), app.Events...)
	nClock := len(clockEvents(events))
	for _, e := range ch.events {
		ev := Event{Kind: e.kind, On: e.on}
		if isClockKind(e.kind) {
			ev.Data, _ = json.Marshal(e.data)
		}
		events = append(events, ev)
	}
	dl, err := s.compute(ch.receivedOn, chinaDate(app.SubmittedAt), events)
	var ce *ClockError
	if errors.As(err, &ce) {
		field := "on"
		if ce.Event >= nClock {
			if _, f, ok := strings.Cut(ce.Field, "."); ok {
				field = f
			}
		}
		switch field {
		case "kind", "reason", "days", "on":
		default:
			field = "on"
		}
		return ValidationError{field: ce.ZH}
	}
	if err != nil {
		return err
	}
	status := ch.terminal
	if !app.Status.Open() {
		status = app.Status // a note on a concluded application
	} else if status == "" {
		status = deriveStatus(ch.receivedOn.Valid, events, dl)
	}
	due := dueOf(dl)
	if ch.terminal != "" && !due.Valid {
		due = app.DueOn
	}
	now := s.clock()
	for _, e := range ch.events {
		if ch.transferTo != nil && e.kind == EventTransferredOut {
			newNo, err := s.transferIn(ctx, tx, actor, app, *ch.transferTo, e.on, now)
			if err != nil {
				return err
			}
			e.data.TrackingNo = newNo
		}
		if err := s.insertEvent(ctx, tx, app.ID, actor, now, e); err != nil {
			return err
		}
	}
	var answeredOn calendar.NullDate
	var outcome *string
	answerText := app.AnswerText
	if ch.terminal != "" {
		answeredOn = calendar.NullDate{Date: a.On, Valid: true}
		o := string(ch.outcome)
		outcome = &o
		answerText = ch.answerText
	} else if app.Outcome != "" {
		answeredOn = app.AnsweredOn
		o := string(app.Outcome)
		outcome = &o
	}
	feeYuan := app.FeeYuan
	if ch.feeYuan != nil {
		feeYuan = ch.feeYuan
	}
	_, err = tx.ExecContext(ctx, `UPDATE applications SET status = $2, received_on = $3, due_on = $4, due_provisional = $5,
		extended = $6, outcome = $7, answered_on = $8, answer_text = $9, fee_yuan = $10, updated_at = $11 WHERE id = $1`,
		app.ID, status, ch.receivedOn, due, dl.Provisional, app.Extended || a.Kind == ActExtend, outcome, answeredOn,
		answerText, feeYuan, now)
	if err != nil {
		return fmt.Errorf("update application: %w", err)
	}
	changes := map[string]any{"kind": a.Kind, "on": a.On}
	if app.Status != status {
		changes["status"] = map[string]any{"before": app.Status, "after": status}
	}
	if app.DueOn != due {
		changes["due_on"] = map[string]any{"before": app.DueOn, "after": due}
	}
	if ch.outcome != "" {
		changes["outcome"] = ch.outcome
	}
	if ch.feeYuan != nil {
		changes["fee_yuan"] = *ch.feeYuan
	}
	if ch.transferTo != nil {
		changes["transfer_to"] = ch.transferTo.Code
	}
	if a.Kind == ActExtend {
		changes["days"] = ch.events[len(ch.events)-1].data.Days
	}
	return audit.Append(ctx, tx, actor, audit.Event{Action: "application." + string(a.Kind), Target: "application:" + app.TrackingNo,
		Body: app.BodyCode, Changes: changes})
}

// transferIn creates the linked application at the body the information belongs to, received
// there on the day of the transfer, and returns its tracking number. It keeps the query code.
func (s *Store) transferIn(ctx context.Context, tx *sqlx.Tx, actor audit.Actor, from Application, to bodyRef, on calendar.Date, now time.Time) (string, error) {
	serial, err := nextSerial(ctx, tx, to.ID, on.Year())
	if err != nil {
		return "", err
	}
	no := trackingNo(to.Code, on.Year(), serial)
	received := calendar.NullDate{Date: on, Valid: true}
	dl, _ := s.compute(received, on, nil)
	var id int64
	err = tx.GetContext(ctx, &id, `INSERT INTO applications (body_id, tracking_no, year, serial, query_code_hash,
		applicant_type, applicant_name, id_type, id_number, legal_rep, contact_person, phone, email, address, postcode,
		description, doc_hint, form_wanted, delivery, channel, consent, submitted_at, received_on, status,
		due_on, due_provisional, source, created_by, transferred_from, created_at, updated_at)
		SELECT $1, $2, $3, $4, query_code_hash,
		applicant_type, applicant_name, id_type, id_number, legal_rep, contact_person, phone, email, address, postcode,
		description, doc_hint, form_wanted, delivery, channel, consent, submitted_at, $5, 'received',
		$6, $7, source, $8, id, $9, $9 FROM applications WHERE id = $10 RETURNING id`,
		to.ID, no, on.Year(), serial, received, dueOf(dl), dl.Provisional, actor.Name, now, from.ID)
	if err != nil {
		return "", fmt.Errorf("transfer: insert application: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE applications SET transferred_to = $2 WHERE id = $1`, from.ID, id); err != nil {
		return "", fmt.Errorf("transfer: link: %w", err)
	}
	for _, e := range []newEvent{
		{kind: EventTransferredIn, on: on, basis: "条例第三十六条第（五）项", public: true,
			data: eventData{TrackingNo: from.TrackingNo, BodyCode: from.BodyCode, BodyName: from.BodyName}},
		{kind: EventReceived, on: on, basis: "条例第三十一条", public: true, data: eventData{Channel: from.Channel}},
	} {
		if err := s.insertEvent(ctx, tx, id, actor, now, e); err != nil {
			return "", err
		}
	}
	return no, audit.Append(ctx, tx, actor, audit.Event{Action: "application.transfer_in", Target: "application:" + no, Body: to.Code,
		Changes: map[string]any{"tracking_no": no, "transferred_from": from.TrackingNo, "received_on": received,
			"applicant": maskedApplicant(from.ApplicantType, from.ApplicantName)}})
}
