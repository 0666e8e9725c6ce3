package requests

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"xxgk/calendar"
)

// The statutory periods of law.md §4–5, in working days.
const (
	AnswerPeriodWD     = 20 // Art. 33
	CorrectionNoticeWD = 7  // Art. 30
	ConsultationWD     = 15 // Arts. 32 and 34: the consulted party's reply window
	MaxExtensionWD     = 20 // Art. 33, at most once
)

// ClockEventKind is an event that moves an application's answer clock.
type ClockEventKind string

// The clock events. The codes are stored with the application's events; never rename one.
const (
	// ClockCorrectionRequested: the office told the applicant what to correct (补正告知). Allowed
	// once, within CorrectionNoticeWD of receipt; the clock then waits for the correction.
	ClockCorrectionRequested ClockEventKind = "correction_requested"
	// ClockCorrectionReceived: the corrected application arrived; the answer period restarts.
	ClockCorrectionReceived ClockEventKind = "correction_received"
	// ClockPauseStarted: a consultation letter was sent (Art. 32 third party, Art. 34 another
	// body); set ClockEvent.Reason.
	ClockPauseStarted ClockEventKind = "pause_started"
	// ClockPauseEnded: the consulted party replied.
	ClockPauseEnded ClockEventKind = "pause_ended"
	// ClockFeeNoticeSent: a processing-fee notice was sent (Art. 42).
	ClockFeeNoticeSent ClockEventKind = "fee_notice_sent"
	// ClockFeePaid: the fee was paid.
	ClockFeePaid ClockEventKind = "fee_paid"
	// ClockExtended: the head of the disclosure office approved an extension; set
	// ClockEvent.Days.
	ClockExtended ClockEventKind = "extended"
)

// PauseReason says whom the office consulted, for the explanation and the annual report.
type PauseReason string

// The consultation reasons.
const (
	PauseThirdParty PauseReason = "third_party" // 征求第三方意见, Art. 32
	PauseOtherBody  PauseReason = "other_body"  // 征求其他机关意见, Art. 34
)

// ClockEvent is one event of an application's clock, as recorded by the officer.
type ClockEvent struct {
	Kind ClockEventKind
	// On is the day the event happened: the letter or notice sent, the reply, correction or
	// payment received, the extension approved.
	On calendar.Date
	// Reason is required for ClockPauseStarted.
	Reason PauseReason
	// Days is the extension approved for ClockExtended, 1–20 working days; 0 means the full 20.
	Days int
}

// ClockPolicy holds the settings where the law is unsettled (law.md §4). Take it from the
// configuration; its default is DefaultClockPolicy, not the zero value.
type ClockPolicy struct {
	// FeePausesClock makes the answer clock stop from a fee notice until payment. Default true.
	FeePausesClock bool
}

// DefaultClockPolicy is the policy law.md prescribes when nothing is configured.
func DefaultClockPolicy() ClockPolicy { return ClockPolicy{FeePausesClock: true} }

// Deadline is the state of an application's answer clock and the reasons for it.
type Deadline struct {
	Received calendar.Date
	// Start is the day the answer period counts from: the received date, or the day a corrected
	// application arrived.
	Start calendar.Date
	// Due is the last day to answer. It is zero while the clock cannot be computed: while
	// AwaitingCorrection, or while Paused by an unpaid fee (which has no time limit that resumes
	// the clock; the application is abandoned instead). During an open consultation Due assumes
	// the reply window lapses without reply; a reply recorded earlier moves it earlier.
	Due calendar.Date
	// CorrectionDue is the last day to send a correction notice (7 WD after receipt).
	CorrectionDue calendar.Date
	// AwaitingCorrection is true between a correction request and the corrected application.
	AwaitingCorrection bool
	// Paused is true while a consultation or (under FeePausesClock) a fee notice is open.
	Paused bool
	// PausedSince is the day the open pause began; ResumesBy is the last day of an open
	// consultation's 15-WD reply window (zero for a fee pause).
	PausedSince, ResumesBy calendar.Date
	// PausedDays is the number of working days not counted because of pauses, each counted
	// once even where pauses overlap. ExtensionDays is the approved extension.
	PausedDays, ExtensionDays int
	// Provisional is true when a date above depends on a year whose holiday notice is not
	// loaded; it will be recomputed when the notice is (law.md §5.6).
	Provisional bool
	// Steps explain the computation in order, for the officer and for the applicant.
	Steps []Step
}

// StepKind classifies a Step so that an interface can style or filter it.
type StepKind string

// The step kinds, roughly in the order they appear.
const (
	StepReceived            StepKind = "received"
	StepCorrectionDue       StepKind = "correction_due"
	StepCorrectionRequested StepKind = "correction_requested"
	StepCorrectionReceived  StepKind = "correction_received"
	StepAwaitingCorrection  StepKind = "awaiting_correction"
	StepDayOne              StepKind = "day_one"
	StepHoliday             StepKind = "holiday"        // Date–Until skipped; Name is the holiday
	StepMakeupWorkday       StepKind = "makeup_workday" // a weekend day that counted
	StepPause               StepKind = "pause"          // Date letter sent, Until reply or lapse
	StepPauseOpen           StepKind = "pause_open"
	StepFeePause            StepKind = "fee_pause"
	StepFeePauseOpen        StepKind = "fee_pause_open"
	StepFeeNotPaused        StepKind = "fee_not_paused"
	StepExtension           StepKind = "extension"
	StepDue                 StepKind = "due"
	StepPaused              StepKind = "paused"
	StepProvisional         StepKind = "provisional"
)

// Step is one line of a deadline's explanation, in Chinese and English, with the facts it states
// as fields so that a page can format them its own way.
type Step struct {
	Kind  StepKind
	Date  calendar.Date
	Until calendar.Date // the end of a range (holiday, pause), else zero
	Days  int           // the working days the step is about (counted, paused, extended), else 0
	Name  string        // the holiday's name as the State Council notice gives it
	ZH    string
	EN    string
}

// ClockError is an impossible or unlawful sequence of clock events. ZH and EN are written for the
// officer who recorded the events and are safe to show; Event is the index of the offending
// event in the input, or -1 when the received date itself is wrong, and Field names the input
// field ("received", "events[2].on", "events[2].days", ...) for a form to highlight.
type ClockError struct {
	Event int
	Field string
	ZH    string
	EN    string
}

// Error returns the English message.
func (e *ClockError) Error() string {
	return "requests: clock: " + e.Field + ": " + e.EN
}

// clockPause is a span (Start, End] whose working days are not counted.
type clockPause struct {
	fee        bool
	reason     PauseReason
	start      calendar.Date // letter or notice sent
	end        calendar.Date // reply or payment; zero while open
	lapse      calendar.Date // last day of a consultation's reply window
	counts     bool          // false for a fee pause when the policy says fees do not pause
	newDays    int           // working days this pause added beyond earlier pauses
	ownDays    int           // working days in (start, effective end]
	effective  calendar.Date // effective end: min(end, lapse) for consultations
	lapsedLate bool          // the reply came after the window lapsed
	noReply    bool          // closed by the window lapsing, no reply recorded
}

// open reports whether the pause is still stopping the clock on day d.
func (p *clockPause) open(d calendar.Date) bool {
	if !p.end.IsZero() || !p.counts {
		return false
	}
	return p.fee || !d.After(p.lapse)
}

// clockState is ComputeDeadline's working state.
type clockState struct {
	cal      *calendar.Calendar
	policy   ClockPolicy
	received calendar.Date
	start    calendar.Date
	corrDue  calendar.Date

	corrRequested, corrReceived calendar.Date
	awaiting                    bool
	extOn                       calendar.Date
	extDays                     int
	pauses                      []*clockPause
}

// ComputeDeadline applies law.md §5 to an application received on received with events in the
// order they happened, and explains the result. It is a pure function of its inputs: recompute
// whenever an event is added or the calendar changes. Impossible sequences return a *ClockError.
func ComputeDeadline(cal *calendar.Calendar, policy ClockPolicy, received calendar.Date, events []ClockEvent) (Deadline, error) {
	if cal == nil {
		return Deadline{}, fmt.Errorf("requests: ComputeDeadline: nil calendar")
	}
	if received.IsZero() {
		return Deadline{}, &ClockError{Event: -1, Field: "received", ZH: "缺少收到申请日期", EN: "the received date is missing"}
	}
	c := &clockState{cal: cal, policy: policy, received: received, start: received}
	c.corrDue, _ = cal.AddWorkingDays(received, CorrectionNoticeWD)

	prev := received
	for i, ev := range events {
		if err := c.apply(i, ev, prev); err != nil {
			return Deadline{}, err
		}
		prev = ev.On
	}
	return c.result(), nil
}

func clockEventErr(i int, field, zh, en string) *ClockError {
	return &ClockError{Event: i, Field: fmt.Sprintf("events[%d].%s", i, field), ZH: zh, EN: en}
}

func (c *clockState) apply(i int, ev ClockEvent, prev calendar.Date) error {
	on := ev.On
	switch {
	case on.IsZero():
		return clockEventErr(i, "on", "缺少日期", "the date is missing")
	case on.Before(c.received):
		return clockEventErr(i, "on", fmt.Sprintf("%s 早于收到申请日期 %s", on, c.received),
			fmt.Sprintf("%s is before the received date %s", on, c.received))
	case on.Before(prev):
		return clockEventErr(i, "on", fmt.Sprintf("%s 早于上一事件日期 %s，事件须按时间顺序", on, prev),
			fmt.Sprintf("%s is before the previous event (%s); events must be in order", on, prev))
	}
	if c.awaiting && ev.Kind != ClockCorrectionReceived {
		return clockEventErr(i, "kind", "等待申请人补正期间，答复期限不计算，不能记录此事件",
			"the clock is waiting for the applicant's correction; record the correction first")
	}

	switch ev.Kind {
	case ClockCorrectionRequested:
		if !c.corrRequested.IsZero() {
			return clockEventErr(i, "kind", "补正只能告知一次（条例第三十条）", "a correction may be requested only once (Art. 30)")
		}
		if on.After(c.corrDue) {
			return clockEventErr(i, "on", fmt.Sprintf("补正告知须在收到申请后7个工作日内（%s 前）发出", c.corrDue),
				fmt.Sprintf("a correction must be requested within 7 working days of receipt (by %s)", c.corrDue))
		}
		if c.extDays > 0 {
			return clockEventErr(i, "kind", "已延长答复期限后不能再要求补正", "a correction cannot be requested after an extension")
		}
		for _, p := range c.pauses {
			if p.end.IsZero() && p.counts && p.open(on) {
				return clockEventErr(i, "kind", "暂停（征求意见或收费）尚未结束，不能要求补正",
					"a pause (consultation or fee) is still open; a correction cannot be requested")
			}
		}
		c.corrRequested, c.awaiting = on, true

	case ClockCorrectionReceived:
		if !c.awaiting {
			return clockEventErr(i, "kind", "未要求补正，不能记录收到补正", "a correction was received but none was requested")
		}
		c.awaiting, c.corrReceived, c.start = false, on, on
		// The period restarts (Art. 30): pauses before the correction no longer count.
		c.pauses = nil

	case ClockPauseStarted:
		if ev.Reason != PauseThirdParty && ev.Reason != PauseOtherBody {
			return clockEventErr(i, "reason", "请选择暂停原因：征求第三方意见或征求其他机关意见",
				"choose the pause reason: third-party or other-body consultation")
		}
		if p := c.openPause(false); p != nil {
			if !on.After(p.lapse) {
				return clockEventErr(i, "kind", fmt.Sprintf("%s 开始的征求意见尚未结束", p.start),
					fmt.Sprintf("the consultation started %s has not ended", p.start))
			}
			// Unanswered: the window lapsed and the clock ran again before this new letter.
			p.end, p.noReply = p.lapse, true
		}
		if err := c.checkNotOverdue(i, on, "开始征求意见", "a consultation starts"); err != nil {
			return err
		}
		lapse, _ := c.cal.AddWorkingDays(on, ConsultationWD)
		c.pauses = append(c.pauses, &clockPause{reason: ev.Reason, start: on, lapse: lapse, counts: true})

	case ClockPauseEnded:
		p := c.openPause(false)
		if p == nil {
			return clockEventErr(i, "kind", "没有进行中的征求意见，不能记录答复", "a pause ended but none was started")
		}
		p.end = on

	case ClockFeeNoticeSent:
		if c.openPause(true) != nil {
			return clockEventErr(i, "kind", "上一份收费通知尚未缴费", "the previous fee notice has not been paid")
		}
		if err := c.checkNotOverdue(i, on, "发出收费通知", "a fee notice is sent"); err != nil {
			return err
		}
		c.pauses = append(c.pauses, &clockPause{fee: true, start: on, counts: c.policy.FeePausesClock})

	case ClockFeePaid:
		p := c.openPause(true)
		if p == nil {
			return clockEventErr(i, "kind", "没有未缴费的收费通知", "a fee was paid but no fee notice was sent")
		}
		p.end = on

	case ClockExtended:
		if !c.extOn.IsZero() {
			return clockEventErr(i, "kind", fmt.Sprintf("答复期限已于 %s 延长过一次，只能延长一次（条例第三十三条）", c.extOn),
				fmt.Sprintf("the deadline was already extended on %s; only one extension is allowed (Art. 33)", c.extOn))
		}
		days := ev.Days
		if days == 0 {
			days = MaxExtensionWD
		}
		if days < 0 || days > MaxExtensionWD {
			return clockEventErr(i, "days", "延长期限须为1至20个工作日", "an extension is 1 to 20 working days")
		}
		if err := c.checkNotOverdue(i, on, "批准延长", "an extension is approved"); err != nil {
			return err
		}
		c.extOn, c.extDays = on, days

	default:
		return clockEventErr(i, "kind", fmt.Sprintf("未知事件 %q", ev.Kind), fmt.Sprintf("unknown event %q", ev.Kind))
	}
	return nil
}

// openPause returns the unfinished fee pause or consultation, counting or not.
func (c *clockState) openPause(fee bool) *clockPause {
	for _, p := range c.pauses {
		if p.fee == fee && p.end.IsZero() {
			return p
		}
	}
	return nil
}

// checkNotOverdue rejects an event that the law only allows while the answer period runs: once
// the due date has passed the office is late, and a pause or extension cannot undo that. While a
// pause stops the clock the due date cannot pass.
func (c *clockState) checkNotOverdue(i int, on calendar.Date, zh, en string) error {
	for _, p := range c.pauses {
		if !on.Before(p.start) && p.open(on) {
			return nil
		}
	}
	due := c.dueAsOf(on)
	if on.After(due) {
		return clockEventErr(i, "on", fmt.Sprintf("答复期限 %s 已过，不能再%s", due, zh),
			fmt.Sprintf("the answer was due %s; %s only before the due date passes", due, en))
	}
	return nil
}

// countPauses sets each pause's effective end as of asOf (open pauses run to asOf, and an open
// consultation at most to its lapse) and counts working days, each once, and returns the total.
// A zero asOf means "from now on": open consultations run to their lapse, open fee pauses have
// no end and are left out.
func (c *clockState) countPauses(asOf calendar.Date) int {
	total := 0
	var covered calendar.Date // the latest effective end so far; pauses start in order
	for _, p := range c.pauses {
		p.newDays, p.ownDays, p.lapsedLate = 0, 0, false
		if !p.counts {
			continue
		}
		end := p.end
		switch {
		case p.fee && end.IsZero():
			end = asOf
		case !p.fee && (end.IsZero() || end.After(p.lapse)):
			p.lapsedLate = !end.IsZero()
			end = p.lapse
			if p.end.IsZero() && !asOf.IsZero() && asOf.Before(end) {
				end = asOf
			}
		}
		if end.IsZero() || end.Before(p.start) {
			end = p.start
		}
		p.effective = end
		p.ownDays = c.cal.WorkingDaysBetween(p.start, end)
		from := p.start
		if covered.After(from) {
			from = covered
		}
		if end.After(from) {
			p.newDays = c.cal.WorkingDaysBetween(from, end)
			total += p.newDays
		}
		if end.After(covered) {
			covered = end
		}
	}
	return total
}

func (c *clockState) dueAsOf(asOf calendar.Date) calendar.Date {
	due, _ := c.cal.AddWorkingDays(c.start, AnswerPeriodWD+c.extDays+c.countPauses(asOf))
	return due
}

func (c *clockState) result() Deadline {
	dl := Deadline{
		Received:           c.received,
		Start:              c.start,
		CorrectionDue:      c.corrDue,
		AwaitingCorrection: c.awaiting,
		ExtensionDays:      c.extDays,
	}
	var feeOpen, consultOpen *clockPause
	for _, p := range c.pauses {
		if p.counts && p.end.IsZero() {
			if p.fee {
				feeOpen = p
			} else {
				consultOpen = p
			}
		}
	}
	if !c.awaiting {
		dl.PausedDays = c.countPauses(calendar.Date{})
		total := AnswerPeriodWD + c.extDays + dl.PausedDays
		switch {
		case feeOpen != nil:
			dl.Paused, dl.PausedSince = true, feeOpen.start
		case consultOpen != nil:
			dl.Paused, dl.PausedSince, dl.ResumesBy = true, consultOpen.start, consultOpen.lapse
			dl.Due, _ = c.cal.AddWorkingDays(c.start, total)
		default:
			dl.Due, _ = c.cal.AddWorkingDays(c.start, total)
		}
	}
	last := slices.MaxFunc([]calendar.Date{dl.CorrectionDue, dl.Due, dl.PausedSince, dl.ResumesBy},
		func(a, b calendar.Date) int { return a.Compare(b) })
	dl.Provisional = !c.cal.CoversRange(c.received, last)
	dl.Steps = c.explain(dl, last)
	return dl
}

// explain writes the steps: how the period began, what the calendar and the events did to it in
// date order, and where it ended.
func (c *clockState) explain(dl Deadline, last calendar.Date) []Step {
	var steps []Step
	add := func(s Step) { steps = append(steps, s) }

	add(Step{Kind: StepReceived, Date: c.received,
		ZH: fmt.Sprintf("收到申请：%s", c.received),
		EN: fmt.Sprintf("Application received on %s.", c.received)})
	add(Step{Kind: StepCorrectionDue, Date: c.corrDue, Days: CorrectionNoticeWD,
		ZH: fmt.Sprintf("补正告知期限：%s（收到申请后第%d个工作日，条例第三十条）", c.corrDue, CorrectionNoticeWD),
		EN: fmt.Sprintf("A correction notice, if needed, is due by %s (working day %d after receipt, Art. 30).", c.corrDue, CorrectionNoticeWD)})
	if !c.corrRequested.IsZero() {
		n := c.cal.WorkingDaysBetween(c.received, c.corrRequested)
		add(Step{Kind: StepCorrectionRequested, Date: c.corrRequested, Days: n,
			ZH: fmt.Sprintf("%s 告知申请人补正（收到申请后第%d个工作日）", c.corrRequested, n),
			EN: fmt.Sprintf("Correction requested on %s (working day %d after receipt).", c.corrRequested, n)})
	}
	if !c.corrReceived.IsZero() {
		add(Step{Kind: StepCorrectionReceived, Date: c.corrReceived,
			ZH: fmt.Sprintf("%s 收到补正后的申请，答复期限自该日起重新计算", c.corrReceived),
			EN: fmt.Sprintf("Corrected application received on %s; the answer period restarts from that day.", c.corrReceived)})
	}
	if c.awaiting {
		add(Step{Kind: StepAwaitingCorrection, Date: c.corrRequested,
			ZH: "等待申请人补正；答复期限自收到补正之日起计算",
			EN: "Waiting for the applicant's correction; the answer period will run from the day it arrives."})
		return c.explainProvisional(steps, last)
	}

	dayOne, _ := c.cal.AddWorkingDays(c.start, 1)
	add(Step{Kind: StepDayOne, Date: dayOne, Days: 1,
		ZH: fmt.Sprintf("第1个工作日为 %s", dayOne),
		EN: fmt.Sprintf("Working day 1 is %s.", dayOne)})

	// The calendar's effect and the events, in date order.
	var timeline []Step
	end := dl.Due
	if end.IsZero() {
		end = dl.PausedSince
	}
	timeline = append(timeline, c.calendarSteps(c.start, end)...)
	for _, p := range c.pauses {
		timeline = append(timeline, c.pauseStep(p))
	}
	if !c.extOn.IsZero() {
		timeline = append(timeline, Step{Kind: StepExtension, Date: c.extOn, Days: c.extDays,
			ZH: fmt.Sprintf("%s 经批准延长答复期限 %d 个工作日", c.extOn, c.extDays),
			EN: fmt.Sprintf("Extended by %d working days, approved on %s.", c.extDays, c.extOn)})
	}
	slices.SortStableFunc(timeline, func(a, b Step) int { return a.Date.Compare(b.Date) })
	steps = append(steps, timeline...)

	total := AnswerPeriodWD + dl.ExtensionDays + dl.PausedDays
	switch {
	case dl.Due.IsZero():
		add(Step{Kind: StepPaused, Date: dl.PausedSince,
			ZH: "收费期间答复期限暂停计算，缴费后重新计算",
			EN: "The answer period is paused until the fee is paid; the due date is computed again then."})
	default:
		zh := fmt.Sprintf("答复期限：%s（自 %s 起第%d个工作日", dl.Due, c.start, total)
		en := fmt.Sprintf("Answer due %s (working day %d after %s", dl.Due, total, c.start)
		if total != AnswerPeriodWD {
			zh += fmt.Sprintf("：%d", AnswerPeriodWD)
			en += fmt.Sprintf(": %d", AnswerPeriodWD)
			if dl.ExtensionDays > 0 {
				zh += fmt.Sprintf(" + 延长 %d", dl.ExtensionDays)
				en += fmt.Sprintf(" + %d extension", dl.ExtensionDays)
			}
			if dl.PausedDays > 0 {
				zh += fmt.Sprintf(" + 暂停 %d", dl.PausedDays)
				en += fmt.Sprintf(" + %d paused", dl.PausedDays)
			}
		}
		zh += "）"
		en += ")."
		if dl.Paused {
			zh += fmt.Sprintf("；征求意见尚未答复，按答复期限 %s 届满计算，收到答复后将提前", dl.ResumesBy)
			en += fmt.Sprintf(" This assumes no reply before the window lapses on %s; an earlier reply brings it forward.", dl.ResumesBy)
		}
		add(Step{Kind: StepDue, Date: dl.Due, Days: total, ZH: zh, EN: en})
	}
	return c.explainProvisional(steps, last)
}

func (c *clockState) explainProvisional(steps []Step, last calendar.Date) []Step {
	var missing []string
	for y := c.received.Year(); y <= last.Year(); y++ {
		if !c.cal.Covers(y) {
			missing = append(missing, fmt.Sprint(y))
		}
	}
	if len(missing) == 0 {
		return steps
	}
	years := strings.Join(missing, "、")
	return append(steps, Step{Kind: StepProvisional, Date: last,
		ZH: fmt.Sprintf("%s 年节假日安排尚未载入，相关日期仅按周末推算，为暂定日期", years),
		EN: fmt.Sprintf("The holiday arrangement for %s is not loaded yet; those days were counted with weekends only, so the dates are provisional.", strings.Join(missing, ", "))})
}

// calendarSteps names the holidays skipped and the make-up workdays counted in (from, to].
func (c *clockState) calendarSteps(from, to calendar.Date) []Step {
	if !to.After(from) {
		return nil
	}
	var steps []Step
	days := c.cal.Days(from.AddDays(1), to)
	for i := 0; i < len(days); {
		d := days[i]
		if d.Kind == calendar.KindWorkday {
			wd := d.Date.Weekday()
			steps = append(steps, Step{Kind: StepMakeupWorkday, Date: d.Date, Days: 1, Name: d.Name,
				ZH: fmt.Sprintf("%s（%s）为%s调休工作日，计入", d.Date, weekdayZH(wd), d.Name),
				EN: fmt.Sprintf("%s (%s) is a %s make-up workday and counts.", d.Date, wd, holidayEN(d.Name))})
			i++
			continue
		}
		j, weekdays := i, 0
		for ; j < len(days) && days[j].Kind == calendar.KindHoliday && days[j].Name == d.Name &&
			days[j].Date.Sub(d.Date) == j-i; j++ {
			if wd := days[j].Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
				weekdays++
			}
		}
		// A holiday that only covers a weekend changes nothing; naming it would only confuse.
		if weekdays > 0 {
			first, lastDay := d.Date, days[j-1].Date
			zh := fmt.Sprintf("跳过%s假期 %s", d.Name, first)
			en := fmt.Sprintf("Skipped the %s holiday, %s", holidayEN(d.Name), first)
			if lastDay != first {
				zh += fmt.Sprintf(" 至 %s", lastDay)
				en += fmt.Sprintf(" to %s", lastDay)
			}
			steps = append(steps, Step{Kind: StepHoliday, Date: first, Until: lastDay, Days: weekdays, Name: d.Name,
				ZH: zh, EN: en + "."})
		}
		i = j
	}
	return steps
}

func (c *clockState) pauseStep(p *clockPause) Step {
	if p.fee {
		switch {
		case !p.counts:
			zh := fmt.Sprintf("%s 发出收费通知", p.start)
			en := fmt.Sprintf("Fee notice sent on %s", p.start)
			if !p.end.IsZero() {
				zh += fmt.Sprintf("，%s 缴费", p.end)
				en += fmt.Sprintf(", paid on %s", p.end)
			}
			return Step{Kind: StepFeeNotPaused, Date: p.start, Until: p.end,
				ZH: zh + "；按本系统设置，收费期间答复期限不暂停",
				EN: en + "; by this system's setting the answer period does not pause for fees."}
		case p.end.IsZero():
			return Step{Kind: StepFeePauseOpen, Date: p.start,
				ZH: fmt.Sprintf("%s 发出收费通知，尚未缴费；按本系统设置，答复期限暂停", p.start),
				EN: fmt.Sprintf("Fee notice sent on %s, not paid yet; by this system's setting the answer period is paused.", p.start)}
		}
		return Step{Kind: StepFeePause, Date: p.start, Until: p.end, Days: p.newDays,
			ZH: fmt.Sprintf("%s 发出收费通知，%s 缴费；按本系统设置暂停，不计算 %d 个工作日%s", p.start, p.end, p.newDays, overlapZH(p)),
			EN: fmt.Sprintf("Fee notice sent on %s, paid on %s; by this system's setting %d working days are not counted%s.", p.start, p.end, p.newDays, overlapEN(p))}
	}
	whoZH, whoEN := "征求第三方意见", "third-party consultation"
	if p.reason == PauseOtherBody {
		whoZH, whoEN = "征求其他机关意见", "consultation of another body"
	}
	if p.end.IsZero() {
		return Step{Kind: StepPauseOpen, Date: p.start, Until: p.lapse, Days: p.newDays,
			ZH: fmt.Sprintf("因%s暂停：%s 发函，尚未答复；答复期限（%d个工作日）%s 届满，届时恢复计算", whoZH, p.start, ConsultationWD, p.lapse),
			EN: fmt.Sprintf("Paused for %s: letter sent %s, no reply yet; the %d-working-day reply window lapses on %s and the clock resumes then.", whoEN, p.start, ConsultationWD, p.lapse)}
	}
	zh := fmt.Sprintf("因%s暂停：%s 发函，%s 收到答复", whoZH, p.start, p.end)
	en := fmt.Sprintf("Paused for %s: letter sent %s, reply received %s", whoEN, p.start, p.end)
	if p.noReply {
		zh = fmt.Sprintf("因%s暂停：%s 发函，未答复，答复期限 %s 届满", whoZH, p.start, p.lapse)
		en = fmt.Sprintf("Paused for %s: letter sent %s, no reply; the reply window lapsed on %s", whoEN, p.start, p.lapse)
	}
	if p.lapsedLate {
		zh += fmt.Sprintf("（答复期限已于 %s 届满，暂停至该日止）", p.lapse)
		en += fmt.Sprintf(" (the reply window had lapsed on %s; the pause ended then)", p.lapse)
	}
	return Step{Kind: StepPause, Date: p.start, Until: p.effective, Days: p.newDays,
		ZH: zh + fmt.Sprintf("；不计算 %d 个工作日%s", p.newDays, overlapZH(p)),
		EN: en + fmt.Sprintf("; %d working days not counted%s.", p.newDays, overlapEN(p))}
}

func overlapZH(p *clockPause) string {
	if p.newDays == p.ownDays {
		return ""
	}
	return fmt.Sprintf("（另有 %d 个工作日与其他暂停重叠，只计一次）", p.ownDays-p.newDays)
}

func overlapEN(p *clockPause) string {
	if p.newDays == p.ownDays {
		return ""
	}
	return fmt.Sprintf(" (%d more overlap another pause and count once)", p.ownDays-p.newDays)
}

func weekdayZH(wd time.Weekday) string {
	return "星期" + [...]string{"日", "一", "二", "三", "四", "五", "六"}[wd]
}

// holidayEN translates the holiday names the State Council uses; an unknown name is shown as
// written rather than guessed.
func holidayEN(name string) string {
	parts := strings.Split(name, "、")
	for i, p := range parts {
		switch p {
		case "元旦":
			parts[i] = "New Year's Day"
		case "春节":
			parts[i] = "Spring Festival"
		case "清明节":
			parts[i] = "Qingming Festival"
		case "劳动节":
			parts[i] = "Labour Day"
		case "端午节":
			parts[i] = "Dragon Boat Festival"
		case "中秋节":
			parts[i] = "Mid-Autumn Festival"
		case "国庆节":
			parts[i] = "National Day"
		}
	}
	return strings.Join(parts, " and ")
}
