package requests

import (
	"errors"
	"strings"
	"testing"

	"xxgk/calendar"
)

func day(s string) calendar.Date { return calendar.MustParseDate(s) }

func testCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	c, err := calendar.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ev(kind ClockEventKind, on string) ClockEvent { return ClockEvent{Kind: kind, On: day(on)} }

func consult(on string) ClockEvent {
	return ClockEvent{Kind: ClockPauseStarted, On: day(on), Reason: PauseThirdParty}
}

func extend(on string, days int) ClockEvent {
	return ClockEvent{Kind: ClockExtended, On: day(on), Days: days}
}

// TestDeadline checks due dates worked out by hand from calendar.md and law.md §5.
func TestDeadline(t *testing.T) {
	cal := testCalendar(t)
	tests := []struct {
		name       string
		noFeePause bool // ClockPolicy.FeePausesClock = false; otherwise DefaultClockPolicy
		received   string
		events     []ClockEvent
		due        string // "" when unknown
		corrDue    string
		paused     int
		paused2    bool // Deadline.Paused
		prov       bool
	}{
		// law.md §5 worked examples.
		{name: "law: 20 WD across Spring Festival", received: "2025-01-20", due: "2025-02-21", corrDue: "2025-02-05"},
		{name: "law: 20 WD across National Day", received: "2025-09-22", due: "2025-10-24"},
		{name: "law: with a 20 WD extension", received: "2025-09-22",
			events: []ClockEvent{extend("2025-10-20", 20)}, due: "2025-11-21"},
		{name: "law: 2026 Spring Festival", received: "2026-02-10", due: "2026-03-16"},

		// Extensions.
		{name: "extension of 0 means 20", received: "2025-09-22",
			events: []ClockEvent{extend("2025-10-20", 0)}, due: "2025-11-21"},
		{name: "shorter extension", received: "2025-09-22",
			events: []ClockEvent{extend("2025-10-20", 5)}, due: "2025-10-31"},
		{name: "extension on the due day", received: "2025-09-22",
			events: []ClockEvent{extend("2025-10-24", 20)}, due: "2025-11-21"},

		// Correction: the period restarts from the corrected application.
		{name: "correction restarts the period", received: "2025-01-20",
			events: []ClockEvent{ev(ClockCorrectionRequested, "2025-01-24"), ev(ClockCorrectionReceived, "2025-02-10")},
			due:    "2025-03-10", corrDue: "2025-02-05"},
		{name: "correction on the 7th WD", received: "2025-01-20",
			events: []ClockEvent{ev(ClockCorrectionRequested, "2025-02-05"), ev(ClockCorrectionReceived, "2025-02-10")},
			due:    "2025-03-10"},
		{name: "awaiting correction", received: "2025-01-20",
			events: []ClockEvent{ev(ClockCorrectionRequested, "2025-01-24")}, due: "", corrDue: "2025-02-05"},
		{name: "pause before a correction does not carry over", received: "2025-01-20",
			events: []ClockEvent{consult("2025-01-21"), ev(ClockPauseEnded, "2025-01-22"),
				ev(ClockCorrectionRequested, "2025-01-23"), ev(ClockCorrectionReceived, "2025-02-10")},
			due: "2025-03-10"},

		// Consultation pauses: (S, R] working days are not counted.
		{name: "pause of 4 WD", received: "2025-01-20",
			events: []ClockEvent{consult("2025-02-10"), ev(ClockPauseEnded, "2025-02-14")},
			due:    "2025-02-27", paused: 4},
		// (09-26, 10-10]: make-up Sunday 09-28, 09-29, 09-30, then 10-09 and 10-10 after the break.
		{name: "pause spanning National Day", received: "2025-09-22",
			events: []ClockEvent{consult("2025-09-26"), ev(ClockPauseEnded, "2025-10-10")},
			due:    "2025-10-31", paused: 5},
		{name: "pause from the due day", received: "2025-01-20",
			events: []ClockEvent{consult("2025-02-21"), ev(ClockPauseEnded, "2025-02-25")},
			due:    "2025-02-25", paused: 2},
		{name: "reply on the day sent", received: "2025-01-20",
			events: []ClockEvent{consult("2025-02-10"), ev(ClockPauseEnded, "2025-02-10")},
			due:    "2025-02-21", paused: 0},
		// The window lapses 15 WD after 02-10, on 03-03; a later reply does not extend the pause.
		{name: "late reply counts only the window", received: "2025-01-20",
			events: []ClockEvent{consult("2025-02-10"), ev(ClockPauseEnded, "2025-03-20")},
			due:    "2025-03-14", paused: 15},
		{name: "open consultation assumes the window lapses", received: "2025-01-20",
			events: []ClockEvent{consult("2025-02-10")}, due: "2025-03-14", paused: 15, paused2: true},
		{name: "new consultation after an unanswered one lapsed", received: "2025-01-20",
			events: []ClockEvent{consult("2025-02-10"), consult("2025-03-04"), ev(ClockPauseEnded, "2025-03-05")},
			due:    "2025-03-17", paused: 16},
		{name: "pause then extension", received: "2025-09-22",
			events: []ClockEvent{consult("2025-09-26"), ev(ClockPauseEnded, "2025-10-10"), extend("2025-10-30", 20)},
			// 10-31 + 20 WD: November has 20 working days from 11-03 to 11-28.
			due: "2025-11-28", paused: 5},

		// Fees, by the policy setting.
		{name: "fee pauses by default", received: "2025-01-20",
			events: []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10"), ev(ClockFeePaid, "2025-02-17")},
			due:    "2025-02-28", paused: 5},
		{name: "fee does not pause when set so", noFeePause: true, received: "2025-01-20",
			events: []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10"), ev(ClockFeePaid, "2025-02-17")},
			due:    "2025-02-21"},
		{name: "unpaid fee: due unknown", received: "2025-01-20",
			events: []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10")}, due: "", paused2: true},
		{name: "unpaid fee, no pause by setting", noFeePause: true, received: "2025-01-20",
			events: []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10")}, due: "2025-02-21"},
		// Union of (02-10, 02-14] and (02-12, 02-19]: 02-11..14, 17, 18, 19.
		{name: "overlapping consultation and fee count once", received: "2025-01-20",
			events: []ClockEvent{consult("2025-02-10"), ev(ClockFeeNoticeSent, "2025-02-12"),
				ev(ClockPauseEnded, "2025-02-14"), ev(ClockFeePaid, "2025-02-19")},
			due: "2025-03-04", paused: 7},

		// Year boundaries and provisional dates.
		{name: "across 元旦 2026 with make-up Sunday", received: "2025-12-15", due: "2026-01-13"},
		{name: "within 2026", received: "2026-12-01", due: "2026-12-29"},
		{name: "into 2027 is provisional", received: "2026-12-10", due: "2027-01-07", prov: true},
		{name: "extension ending in December stays final", received: "2026-11-02",
			events: []ClockEvent{extend("2026-11-30", 20)}, due: "2026-12-28"},
		{name: "extension past year end", received: "2026-11-16",
			events: []ClockEvent{extend("2026-12-01", 20)}, due: "2027-01-11", prov: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			policy := DefaultClockPolicy()
			if tt.noFeePause {
				policy.FeePausesClock = false
			}
			got, err := ComputeDeadline(cal, policy, day(tt.received), tt.events)
			if err != nil {
				t.Fatalf("ComputeDeadline: %v", err)
			}
			if got.Due.String() != tt.due {
				t.Errorf("Due = %q, want %q", got.Due, tt.due)
			}
			if tt.corrDue != "" && got.CorrectionDue.String() != tt.corrDue {
				t.Errorf("CorrectionDue = %s, want %s", got.CorrectionDue, tt.corrDue)
			}
			if got.PausedDays != tt.paused {
				t.Errorf("PausedDays = %d, want %d", got.PausedDays, tt.paused)
			}
			if got.Paused != tt.paused2 {
				t.Errorf("Paused = %v, want %v", got.Paused, tt.paused2)
			}
			if got.Provisional != tt.prov {
				t.Errorf("Provisional = %v, want %v", got.Provisional, tt.prov)
			}
			if len(got.Steps) < 2 {
				t.Fatalf("only %d steps", len(got.Steps))
			}
			for i, s := range got.Steps {
				if s.ZH == "" || s.EN == "" || s.Kind == "" {
					t.Errorf("step %d incomplete: %+v", i, s)
				}
			}
			if last := got.Steps[len(got.Steps)-1]; tt.prov != (last.Kind == StepProvisional) {
				t.Errorf("last step %s, provisional %v", last.Kind, tt.prov)
			}
		})
	}
}

func stepsOf(dl Deadline, kind StepKind) []Step {
	var out []Step
	for _, s := range dl.Steps {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

func TestDeadlineExplanation(t *testing.T) {
	cal := testCalendar(t)
	dl, err := ComputeDeadline(cal, DefaultClockPolicy(), day("2025-01-20"), []ClockEvent{
		consult("2025-02-10"), ev(ClockPauseEnded, "2025-02-14"), extend("2025-02-20", 20),
	})
	if err != nil {
		t.Fatal(err)
	}
	// 20 + 20 extension + 4 paused = 44 WD after 01-20: 02-21 + 24 WD.
	if dl.Due != day("2025-03-27") {
		t.Errorf("Due = %s, want 2025-03-27", dl.Due)
	}
	var kinds []string
	for _, s := range dl.Steps {
		kinds = append(kinds, string(s.Kind))
	}
	want := "received correction_due day_one makeup_workday holiday makeup_workday pause extension due"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("steps = %s\nwant    %s", got, want)
	}
	all := func(f func(Step) string) string {
		var b strings.Builder
		for _, s := range dl.Steps {
			b.WriteString(f(s) + "\n")
		}
		return b.String()
	}
	zh, en := all(func(s Step) string { return s.ZH }), all(func(s Step) string { return s.EN })
	for _, frag := range []string{
		"收到申请：2025-01-20",
		"第1个工作日为 2025-01-21",
		"跳过春节假期 2025-01-28 至 2025-02-04",
		"2025-01-26（星期日）为春节调休工作日",
		"因征求第三方意见暂停：2025-02-10 发函，2025-02-14 收到答复；不计算 4 个工作日",
		"延长答复期限 20 个工作日",
		"答复期限：2025-03-27（自 2025-01-20 起第44个工作日：20 + 延长 20 + 暂停 4）",
	} {
		if !strings.Contains(zh, frag) {
			t.Errorf("Chinese explanation lacks %q:\n%s", frag, zh)
		}
	}
	for _, frag := range []string{
		"received on 2025-01-20",
		"Working day 1 is 2025-01-21",
		"Skipped the Spring Festival holiday, 2025-01-28 to 2025-02-04",
		"2025-02-08 (Saturday) is a Spring Festival make-up workday",
		"4 working days not counted",
		"Extended by 20 working days",
		"Answer due 2025-03-27 (working day 44 after 2025-01-20: 20 + 20 extension + 4 paused)",
	} {
		if !strings.Contains(en, frag) {
			t.Errorf("English explanation lacks %q:\n%s", frag, en)
		}
	}
	h := stepsOf(dl, StepHoliday)[0]
	if h.Date != day("2025-01-28") || h.Until != day("2025-02-04") || h.Days != 6 || h.Name != "春节" {
		t.Errorf("holiday step = %+v, want 01-28..02-04, 6 weekdays, 春节", h)
	}
	p := stepsOf(dl, StepPause)[0]
	if p.Date != day("2025-02-10") || p.Until != day("2025-02-14") || p.Days != 4 {
		t.Errorf("pause step = %+v", p)
	}
}

func TestDeadlineExplanationCases(t *testing.T) {
	cal := testCalendar(t)
	tests := []struct {
		name     string
		policy   ClockPolicy
		received string
		events   []ClockEvent
		kind     StepKind
		zh, en   string
	}{
		{"National Day and Mid-Autumn named", DefaultClockPolicy(), "2025-09-22", nil, StepHoliday,
			"跳过国庆节、中秋节假期 2025-10-01 至 2025-10-08", "National Day and Mid-Autumn Festival holiday, 2025-10-01 to 2025-10-08"},
		{"single-day holiday", DefaultClockPolicy(), "2024-12-20", nil, StepHoliday,
			"跳过元旦假期 2025-01-01", "Skipped the New Year's Day holiday, 2025-01-01."},
		{"holiday range includes its weekend", DefaultClockPolicy(), "2025-03-25", nil, StepHoliday,
			"跳过清明节假期 2025-04-04 至 2025-04-06", "Skipped the Qingming Festival holiday, 2025-04-04 to 2025-04-06."},
		{"late reply", DefaultClockPolicy(), "2025-01-20", []ClockEvent{consult("2025-02-10"), ev(ClockPauseEnded, "2025-03-20")}, StepPause,
			"答复期限已于 2025-03-03 届满", "the reply window had lapsed on 2025-03-03"},
		{"open consultation", DefaultClockPolicy(), "2025-01-20", []ClockEvent{consult("2025-02-10")}, StepPauseOpen,
			"2025-03-03 届满，届时恢复计算", "lapses on 2025-03-03"},
		{"other body", DefaultClockPolicy(), "2025-01-20", []ClockEvent{{Kind: ClockPauseStarted, On: day("2025-02-10"), Reason: PauseOtherBody}, ev(ClockPauseEnded, "2025-02-11")}, StepPause,
			"因征求其他机关意见暂停", "consultation of another body"},
		{"unanswered then new letter", DefaultClockPolicy(), "2025-01-20", []ClockEvent{consult("2025-02-10"), consult("2025-03-04")}, StepPause,
			"未答复，答复期限 2025-03-03 届满", "no reply; the reply window lapsed on 2025-03-03"},
		{"fee pause", DefaultClockPolicy(), "2025-01-20", []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10"), ev(ClockFeePaid, "2025-02-17")}, StepFeePause,
			"按本系统设置暂停，不计算 5 个工作日", "5 working days are not counted"},
		{"fee open", DefaultClockPolicy(), "2025-01-20", []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10")}, StepPaused,
			"暂停计算", "paused until the fee is paid"},
		{"fee not pausing", ClockPolicy{}, "2025-01-20", []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10"), ev(ClockFeePaid, "2025-02-17")}, StepFeeNotPaused,
			"收费期间答复期限不暂停", "does not pause for fees"},
		{"overlap noted", DefaultClockPolicy(), "2025-01-20", []ClockEvent{consult("2025-02-10"), ev(ClockFeeNoticeSent, "2025-02-12"), ev(ClockPauseEnded, "2025-02-14"), ev(ClockFeePaid, "2025-02-19")}, StepFeePause,
			"不计算 3 个工作日（另有 2 个工作日与其他暂停重叠，只计一次）", "3 working days are not counted (2 more overlap"},
		{"correction", DefaultClockPolicy(), "2025-01-20", []ClockEvent{ev(ClockCorrectionRequested, "2025-01-24"), ev(ClockCorrectionReceived, "2025-02-10")}, StepCorrectionReceived,
			"2025-02-10 收到补正后的申请，答复期限自该日起重新计算", "restarts from that day"},
		{"correction requested", DefaultClockPolicy(), "2025-01-20", []ClockEvent{ev(ClockCorrectionRequested, "2025-01-24")}, StepCorrectionRequested,
			"收到申请后第4个工作日", "working day 4 after receipt"},
		{"awaiting", DefaultClockPolicy(), "2025-01-20", []ClockEvent{ev(ClockCorrectionRequested, "2025-01-24")}, StepAwaitingCorrection,
			"等待申请人补正", "Waiting for the applicant's correction"},
		{"元旦 make-up Sunday", DefaultClockPolicy(), "2025-12-15", nil, StepMakeupWorkday,
			"2026-01-04（星期日）为元旦调休工作日", "2026-01-04 (Sunday) is a New Year's Day make-up workday"},
		{"provisional names the year", DefaultClockPolicy(), "2026-12-10", nil, StepProvisional,
			"2027 年节假日安排尚未载入", "arrangement for 2027 is not loaded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dl, err := ComputeDeadline(cal, tt.policy, day(tt.received), tt.events)
			if err != nil {
				t.Fatal(err)
			}
			steps := stepsOf(dl, tt.kind)
			if len(steps) == 0 {
				t.Fatalf("no %s step in %+v", tt.kind, dl.Steps)
			}
			s := steps[len(steps)-1]
			if !strings.Contains(s.ZH, tt.zh) || !strings.Contains(s.EN, tt.en) {
				t.Errorf("%s step:\n%s\n%s\nwant %q and %q", tt.kind, s.ZH, s.EN, tt.zh, tt.en)
			}
		})
	}
}

func TestDeadlineStates(t *testing.T) {
	cal := testCalendar(t)
	dl, err := ComputeDeadline(cal, DefaultClockPolicy(), day("2025-01-20"), []ClockEvent{consult("2025-02-10")})
	if err != nil {
		t.Fatal(err)
	}
	if !dl.Paused || dl.PausedSince != day("2025-02-10") || dl.ResumesBy != day("2025-03-03") {
		t.Errorf("open consultation: %+v", dl)
	}
	dl, err = ComputeDeadline(cal, DefaultClockPolicy(), day("2025-01-20"), []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-10")})
	if err != nil {
		t.Fatal(err)
	}
	if !dl.Paused || !dl.Due.IsZero() || dl.PausedSince != day("2025-02-10") || !dl.ResumesBy.IsZero() {
		t.Errorf("open fee: %+v", dl)
	}
	dl, err = ComputeDeadline(cal, DefaultClockPolicy(), day("2025-01-20"), []ClockEvent{ev(ClockCorrectionRequested, "2025-01-22")})
	if err != nil {
		t.Fatal(err)
	}
	if !dl.AwaitingCorrection || !dl.Due.IsZero() || dl.Start != day("2025-01-20") {
		t.Errorf("awaiting correction: %+v", dl)
	}
	dl, err = ComputeDeadline(cal, DefaultClockPolicy(), day("2025-01-20"), []ClockEvent{
		ev(ClockCorrectionRequested, "2025-01-22"), ev(ClockCorrectionReceived, "2025-02-10")})
	if err != nil {
		t.Fatal(err)
	}
	if dl.AwaitingCorrection || dl.Start != day("2025-02-10") || dl.Received != day("2025-01-20") {
		t.Errorf("after correction: %+v", dl)
	}
}

func TestDeadlineRecomputedWithNewCalendar(t *testing.T) {
	cal := testCalendar(t)
	before, err := ComputeDeadline(cal, DefaultClockPolicy(), day("2026-12-10"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// A made-up 2027 notice: 元旦 on 2027-01-01 plus a day off on Monday 01-04.
	next, err := calendar.Parse(strings.NewReader("date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,holiday,元旦\n"))
	if err != nil {
		t.Fatal(err)
	}
	after, err := ComputeDeadline(cal.Merge(next), DefaultClockPolicy(), day("2026-12-10"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if before.Due != day("2027-01-07") || !before.Provisional {
		t.Errorf("before: %s provisional %v", before.Due, before.Provisional)
	}
	// Two more days off push the 16th–20th working days two days later.
	if after.Due != day("2027-01-11") || after.Provisional {
		t.Errorf("after: %s provisional %v", after.Due, after.Provisional)
	}
}

func TestClockErrors(t *testing.T) {
	cal := testCalendar(t)
	tests := []struct {
		name      string
		received  string
		events    []ClockEvent
		wantEvent int
		wantField string
	}{
		{"second extension", "2025-09-22", []ClockEvent{extend("2025-10-20", 5), extend("2025-10-27", 5)}, 1, "events[1].kind"},
		{"extension after the due date", "2025-09-22", []ClockEvent{extend("2025-10-25", 20)}, 0, "events[0].on"},
		{"extension too long", "2025-09-22", []ClockEvent{extend("2025-10-20", 21)}, 0, "events[0].days"},
		{"extension negative", "2025-09-22", []ClockEvent{extend("2025-10-20", -1)}, 0, "events[0].days"},
		{"correction after 7 WD", "2025-01-20", []ClockEvent{ev(ClockCorrectionRequested, "2025-02-06")}, 0, "events[0].on"},
		{"second correction", "2025-01-20", []ClockEvent{ev(ClockCorrectionRequested, "2025-01-21"), ev(ClockCorrectionReceived, "2025-01-23"), ev(ClockCorrectionRequested, "2025-01-24")}, 2, "events[2].kind"},
		{"correction received without request", "2025-01-20", []ClockEvent{ev(ClockCorrectionReceived, "2025-01-23")}, 0, "events[0].kind"},
		{"event while awaiting correction", "2025-01-20", []ClockEvent{ev(ClockCorrectionRequested, "2025-01-21"), consult("2025-01-23")}, 1, "events[1].kind"},
		{"correction after extension", "2025-01-20", []ClockEvent{extend("2025-01-21", 5), ev(ClockCorrectionRequested, "2025-01-22")}, 1, "events[1].kind"},
		{"correction during a pause", "2025-01-20", []ClockEvent{consult("2025-01-21"), ev(ClockCorrectionRequested, "2025-01-22")}, 1, "events[1].kind"},
		{"pause end without start", "2025-01-20", []ClockEvent{ev(ClockPauseEnded, "2025-01-23")}, 0, "events[0].kind"},
		{"pause without reason", "2025-01-20", []ClockEvent{ev(ClockPauseStarted, "2025-01-23")}, 0, "events[0].reason"},
		{"two open consultations", "2025-01-20", []ClockEvent{consult("2025-01-23"), consult("2025-01-24")}, 1, "events[1].kind"},
		{"pause after the due date", "2025-01-20", []ClockEvent{consult("2025-02-24")}, 0, "events[0].on"},
		{"fee paid without notice", "2025-01-20", []ClockEvent{ev(ClockFeePaid, "2025-01-23")}, 0, "events[0].kind"},
		{"second open fee notice", "2025-01-20", []ClockEvent{ev(ClockFeeNoticeSent, "2025-01-23"), ev(ClockFeeNoticeSent, "2025-01-24")}, 1, "events[1].kind"},
		{"fee notice after the due date", "2025-01-20", []ClockEvent{ev(ClockFeeNoticeSent, "2025-02-24")}, 0, "events[0].on"},
		{"date before receipt", "2025-01-20", []ClockEvent{extend("2025-01-19", 5)}, 0, "events[0].on"},
		{"dates out of order", "2025-01-20", []ClockEvent{consult("2025-01-24"), ev(ClockPauseEnded, "2025-01-23")}, 1, "events[1].on"},
		{"missing date", "2025-01-20", []ClockEvent{{Kind: ClockExtended}}, 0, "events[0].on"},
		{"unknown kind", "2025-01-20", []ClockEvent{{Kind: "withdrawn", On: day("2025-01-21")}}, 0, "events[0].kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ComputeDeadline(cal, DefaultClockPolicy(), day(tt.received), tt.events)
			var ce *ClockError
			if !errors.As(err, &ce) {
				t.Fatalf("error = %v, want *ClockError", err)
			}
			if ce.Event != tt.wantEvent || ce.Field != tt.wantField {
				t.Errorf("error at event %d field %q, want %d %q (%v)", ce.Event, ce.Field, tt.wantEvent, tt.wantField, err)
			}
			if ce.ZH == "" || ce.EN == "" || !strings.Contains(err.Error(), ce.EN) {
				t.Errorf("error messages incomplete: %+v", ce)
			}
		})
	}

	_, err := ComputeDeadline(cal, DefaultClockPolicy(), calendar.Date{}, nil)
	var ce *ClockError
	if !errors.As(err, &ce) || ce.Event != -1 || ce.Field != "received" {
		t.Errorf("zero received: %v", err)
	}
	if _, err := ComputeDeadline(nil, DefaultClockPolicy(), day("2025-01-20"), nil); err == nil {
		t.Error("nil calendar accepted")
	}
}
