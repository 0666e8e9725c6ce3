package seed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/requests"
)

// The demo applications are generated from applications_data.go with a fixed seed and replayed
// through the applications store (Submit, Register, Act, AddAppeal) with its clock set to each
// event's day, so that every event, deadline, status and audit record is the store's own. The
// concluded history runs on fixed dates from December 2024; the applications still open are
// placed relative to today, so that the officers' queues (due soon, overdue, awaiting a
// correction, consulting, fee pending) always have something to show.

// demoApp is one planned application.
type demoApp struct {
	body string
	in   requests.NewApplication
	// at is when it was submitted online or registered by an officer.
	at time.Time
	// received is the planned received date (zero while an online one awaits confirmation).
	received calendar.Date
	steps    []demoStep
	// outcome and concluded are the planned end; empty while it stays open.
	outcome   requests.Outcome
	concluded calendar.Date
	// track marks the application whose tracking number and code the banner prints.
	track bool
	// no and code once loaded.
	no, code string
}

// demoStep is one officer action, at a moment on the action's day.
type demoStep struct {
	at  time.Time
	act requests.Action
	// onTransfer applies the action to the application this one was transferred to.
	onTransfer bool
}

// demoAppeal is a review or lawsuit about an answered demo application.
type demoAppeal struct {
	app       *demoApp
	kind      requests.AppealKind
	filed     calendar.Date
	result    requests.AppealResult
	concluded calendar.Date
	note      string
}

// appGen generates the demo applications.
type appGen struct {
	rng     *rand.Rand
	cal     *calendar.Calendar
	today   calendar.Date
	now     time.Time
	apps    []*demoApp
	appeals []demoAppeal
	people  int
}

// The bodies whose demo officers (officer.fgw, officer.hp) get every kind of open application.
var (
	focusFGW = []string{"sy-fgw"}
	focusHP  = []string{"hp", "hp-zjj", "hp-jyj", "hp-mzj", "hp-scjgj", "hp", "hp-zjj"}
)

// appCounts is how many ordinary concluded applications each body received since January 2025.
var appCounts = map[string]int{
	"sy": 11, "sy-fgw": 22, "sy-jyj": 9, "sy-czj": 9, "sy-rsj": 10, "sy-zjj": 18, "sy-sthjj": 11, "sy-jtj": 7,
	"sy-wjw": 7, "sy-scjgj": 9, "sy-zrzyj": 18, "sy-mzj": 7, "sy-yshj": 4, "hp": 11, "hp-jyj": 5, "hp-mzj": 5,
	"hp-scjgj": 5, "hp-zjj": 11, "sh": 7, "sh-jyj": 3, "sh-wjj": 3, "sh-rsj": 3,
}

// commonOutcomes weighs the outcomes of ordinary applications (the rare ones come from
// appSpecials): disclosure and "not held" dominate, as in real annual reports.
var commonOutcomes = []struct {
	o requests.Outcome
	w int
}{
	{requests.OutcomeDisclosed, 40}, {requests.OutcomePartlyDisclosed, 14}, {requests.OutcomeNotHeld, 20},
	{requests.OutcomeNeedsNewWork, 4}, {requests.OutcomeThirdPartyRights, 3}, {requests.OutcomeProcessInformation, 3},
	{requests.OutcomeInternalAffairs, 1}, {requests.OutcomePetitionComplaint, 2}, {requests.OutcomeAdministrativeInquiry, 2},
	{requests.OutcomeOther, 4}, {requests.OutcomeAbandonedNoCorrection, 2}, {requests.OutcomeRepeatApplication, 1},
}

// buildDemoApplications plans the demo applications as of now (today is now's day in China).
// The same now gives the same plan.
func buildDemoApplications(cal *calendar.Calendar, now time.Time) *appGen {
	g := &appGen{rng: rand.New(rand.NewPCG(demoSeed, 2)), cal: cal, now: now, today: calendar.DateOf(now.In(calendar.China))}
	first, lastHist := calendar.NewDate(2025, 1, 2), g.wd(g.today, -12)

	// Ordinary applications, concluded.
	for _, p := range demoProfiles {
		for range appCounts[p.code] {
			// A little over half in 2025, the full year of the last annual report.
			r := g.randomWD(first, calendar.NewDate(2025, 12, 31))
			if g.chance(0.45) {
				r = g.randomWD(calendar.NewDate(2026, 1, 5), lastHist)
			}
			g.concludedApp(p.code, r, g.commonOutcome(), "", concludeOpts{})
		}
	}
	// Every outcome once a year.
	for _, span := range [][2]calendar.Date{
		{calendar.NewDate(2025, 1, 6), calendar.NewDate(2025, 11, 20)},
		{calendar.NewDate(2026, 1, 5), g.wd(g.today, -35)},
	} {
		for _, s := range appSpecials {
			g.concludedApp(s.body, g.randomWD(span[0], span[1]), s.outcome, s.text, concludeOpts{})
		}
	}
	g.carriedOver()
	g.bulk()
	g.transfers()
	g.openApps()
	g.planAppeals()

	slices.SortStableFunc(g.apps, func(a, b *demoApp) int { return a.at.Compare(b.at) })
	return g
}

// wd is the n-th working day after d (before it for negative n).
func (g *appGen) wd(d calendar.Date, n int) calendar.Date {
	r, _ := g.cal.AddWorkingDays(d, n)
	return r
}

// onOrAfter is the first working day on or after d.
func (g *appGen) onOrAfter(d calendar.Date) calendar.Date {
	for !g.cal.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// randomWD picks a working day in [from, to].
func (g *appGen) randomWD(from, to calendar.Date) calendar.Date {
	if to.Before(from) {
		to = from
	}
	d := g.onOrAfter(from.AddDays(g.rng.IntN(to.Sub(from) + 1)))
	for d.After(to) && d.After(from) {
		d = d.AddDays(-1)
	}
	return g.onOrAfter(d)
}

func (g *appGen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

func (g *appGen) chance(p float64) bool { return g.rng.Float64() < p }

func (g *appGen) commonOutcome() requests.Outcome {
	total := 0
	for _, c := range commonOutcomes {
		total += c.w
	}
	n := g.rng.IntN(total)
	for _, c := range commonOutcomes {
		if n < c.w {
			return c.o
		}
		n -= c.w
	}
	return requests.OutcomeDisclosed
}

// fill replaces the placeholders of a request text for an application received in year.
func (g *appGen) fill(text string, year int) string {
	y := year - 1 + g.rng.IntN(2)
	d := appDistricts[g.rng.IntN(len(appDistricts))]
	return strings.NewReplacer(
		"{Y0}", strconv.Itoa(y-2), "{Y}", strconv.Itoa(y), "{D}", d.name, "{P}", g.pick(places),
		"{C}", demoOrgs[g.rng.IntN(6)].name, "{R}", g.pick(roads), "{N}", strconv.Itoa(2+g.rng.IntN(8)),
	).Replace(text)
}

// topic picks what an application to body received in year asks for, given its planned outcome.
func (g *appGen) topic(body string, o requests.Outcome, year int) string {
	if list, ok := outcomeTopics[o]; ok {
		return g.fill(g.pick(list), year)
	}
	if o == requests.OutcomeNotHeld {
		// Asked of the wrong body: a request another body could answer.
		for {
			other := demoProfiles[g.rng.IntN(len(demoProfiles))].code
			if other != body {
				return g.fill(g.pick(appTopics[other]), year)
			}
		}
	}
	return g.fill(g.pick(appTopics[body]), year)
}

// person makes up a natural person living in Shenyang, with a resident identity number whose
// check character is right.
func (g *appGen) person() requests.NewApplication {
	g.people++
	d := appDistricts[g.rng.IntN(len(appDistricts))]
	birth := calendar.NewDate(1948, 1, 1).AddDays(g.rng.IntN(52 * 365))
	y, m, day := birth.Date()
	first17 := fmt.Sprintf("%s%04d%02d%02d%03d", d.code, y, int(m), day, 10+g.rng.IntN(980))
	id := first17 + string(requests.ResidentIDCheckChar(first17))
	in := requests.NewApplication{
		ApplicantType: requests.ApplicantPerson,
		ApplicantName: g.pick(surnames) + g.pick(givenNames),
		IDType:        "resident_id",
		IDNumber:      id,
		Phone:         fmt.Sprintf("1%c%d%08d", "3358"[g.rng.IntN(4)], g.rng.IntN(10), g.rng.IntN(100000000)),
		Address:       fmt.Sprintf("沈阳市%s%s%d号%d-%d-%d", d.name, g.pick(d.streets), 1+g.rng.IntN(300), 1+g.rng.IntN(12), 1+g.rng.IntN(6), 1+g.rng.IntN(4)),
		Postcode:      d.postcode,
	}
	if g.chance(0.35) {
		in.Email = fmt.Sprintf("applicant%04d@example.com", g.people)
	}
	return in
}

// org fills the applicant fields of an organisation, with a unified social credit code whose
// organisation code and check characters are right.
func orgApplicant(o demoOrg, serial int) requests.NewApplication {
	return requests.NewApplication{
		ApplicantType: o.kind,
		ApplicantName: o.name,
		IDType:        "uscc",
		IDNumber:      orgUSCC(o, serial),
		LegalRep:      o.legalRep,
		ContactPerson: o.contact,
		Phone:         fmt.Sprintf("024-%d%07d", 2+serial%7, (serial*7919+1234567)%10000000),
		Email:         fmt.Sprintf("office%02d@example.com", serial),
		Address:       o.address,
		Postcode:      "110000",
	}
}

// orgUSCC makes a GB 32100 code: prefix, region, a GB 11714 organisation code, check character.
func orgUSCC(o demoOrg, serial int) string {
	base := fmt.Sprintf("%08d", 30000000+serial*104729%60000000)
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 8 {
		sum += int(base[i]-'0') * weights[i]
	}
	var check byte
	switch c := 11 - sum%11; c {
	case 10:
		check = 'X'
	case 11:
		check = '0'
	default:
		check = byte('0' + c)
	}
	// X is not in the GB 32100 alphabet: take the next base instead.
	if check == 'X' {
		return orgUSCC(o, serial+61)
	}
	first17 := o.prefix + o.region + base + string(check)
	c, err := bodies.USCCCheckChar(first17)
	if err != nil {
		panic("seed: demo credit code: " + err.Error())
	}
	return first17 + string(c)
}

// applicant picks who applies: mostly people, then companies, law firms, research institutes,
// non-profits and other organisations.
func (g *appGen) applicant() requests.NewApplication {
	var kind requests.ApplicantType
	switch n := g.rng.IntN(100); {
	case n < 72:
		return g.person()
	case n < 83:
		kind = requests.ApplicantCompany
	case n < 90:
		kind = requests.ApplicantLegalServices
	case n < 94:
		kind = requests.ApplicantResearch
	case n < 97:
		kind = requests.ApplicantNonprofit
	default:
		kind = requests.ApplicantOther
	}
	var candidates []int
	for i, o := range demoOrgs {
		if o.kind == kind {
			candidates = append(candidates, i)
		}
	}
	i := candidates[g.rng.IntN(len(candidates))]
	return orgApplicant(demoOrgs[i], i+1)
}

// channel picks how an application arrives and sets the form and delivery to match.
func (g *appGen) channel(in *requests.NewApplication) {
	switch n := g.rng.IntN(100); {
	case n < 55:
		in.Channel = "online"
	case n < 69:
		in.Channel = "in_person"
	case n < 77:
		in.Channel = "post"
	case n < 87:
		in.Channel = "registered_post"
	case n < 96:
		in.Channel = "email"
	default:
		in.Channel = "fax"
	}
	in.FormWanted, in.Delivery = "electronic", "online"
	switch in.Channel {
	case "email":
		if in.Email == "" {
			in.Email = fmt.Sprintf("applicant%04d@example.com", 5000+g.rng.IntN(5000))
		}
		in.Delivery = "email"
	case "post", "registered_post":
		in.FormWanted, in.Delivery = "paper", "post"
	case "in_person":
		in.FormWanted, in.Delivery = "paper", "pickup"
		if g.chance(0.15) {
			in.FormWanted, in.Delivery = "onsite", "onsite"
		}
	case "fax":
		in.FormWanted, in.Delivery = "paper", "fax"
	case "online":
		if in.Email != "" && g.chance(0.4) {
			in.Delivery = "email"
		}
	}
}

// life plans one application's events in order, keeping its answer clock as the store will.
type life struct {
	g        *appGen
	a        *demoApp
	transfer bool // the steps act on the application this one was transferred to
	received calendar.Date
	clock    []requests.ClockEvent
	last     calendar.Date
	lastAt   time.Time
}

// newApp plans an application to body received on r (a working day): online ones were
// submitted that day or the evening before and are confirmed on r; the others are registered
// by an officer on r. Online applications are confirmed unless open says otherwise.
func (g *appGen) newApp(body string, r calendar.Date, in requests.NewApplication, text string) *life {
	if in.ApplicantName == "" {
		in = g.applicant()
	}
	if in.Channel == "" {
		g.channel(&in)
	}
	in.Description, in.Consent, in.Source = text, true, "seed"
	if !strings.HasPrefix(text, "反映") && !strings.HasPrefix(text, "投诉") && g.chance(0.15) {
		for _, p := range demoProfiles {
			if p.code == body && p.series != "" {
				in.DocHint = fmt.Sprintf("%s〔%d〕%d号", p.series, r.Year()-1, 3+g.rng.IntN(120))
			}
		}
	}
	a := &demoApp{body: body, in: in, received: r}
	g.apps = append(g.apps, a)
	l := &life{g: g, a: a, received: r, last: r}
	if in.Channel == "online" {
		if g.chance(0.3) {
			a.at = g.moment(r.AddDays(-1), 19*60+g.rng.IntN(270))
		} else {
			a.at = g.moment(r, 8*60+g.rng.IntN(9*60))
		}
		l.lastAt = a.at
		l.do(r, requests.Action{Kind: requests.ActConfirm})
	} else {
		a.in.ReceivedOn = r
		a.at = g.moment(r, 8*60+40+g.rng.IntN(7*60))
		l.lastAt = a.at
	}
	return l
}

// moment is minutes after midnight on d in China, never later than now.
func (g *appGen) moment(d calendar.Date, minutes int) time.Time {
	t := d.Time(calendar.China).Add(time.Duration(minutes) * time.Minute)
	if t.After(g.now) {
		t = g.now.Add(-time.Second)
	}
	return t
}

// do plans an action on day on, during office hours and after the previous one.
func (l *life) do(on calendar.Date, act requests.Action) {
	g := l.g
	act.On = on
	at := g.moment(on, 8*60+40+g.rng.IntN(8*60))
	if !at.After(l.lastAt) {
		at = l.lastAt.Add(time.Duration(10+g.rng.IntN(50)) * time.Minute)
	}
	if at.After(g.now) {
		at = g.now.Add(-time.Second)
	}
	l.lastAt, l.last = at, on
	l.a.steps = append(l.a.steps, demoStep{at: at, act: act, onTransfer: l.transfer})
	ev := requests.ClockEvent{On: on, Reason: act.Reason, Days: act.Days}
	switch act.Kind {
	case requests.ActRequestCorrection:
		ev.Kind = requests.ClockCorrectionRequested
	case requests.ActCorrectionReceived:
		ev.Kind = requests.ClockCorrectionReceived
	case requests.ActConsult:
		ev.Kind = requests.ClockPauseStarted
	case requests.ActConsultReply:
		ev.Kind = requests.ClockPauseEnded
	case requests.ActFeeNotice:
		ev.Kind = requests.ClockFeeNoticeSent
	case requests.ActFeePaid:
		ev.Kind = requests.ClockFeePaid
	case requests.ActExtend:
		ev.Kind = requests.ClockExtended
	default:
		return
	}
	l.clock = append(l.clock, ev)
}

// due is the answer deadline the store will compute from the actions so far.
func (l *life) due() calendar.Date {
	dl, err := requests.ComputeDeadline(l.g.cal, requests.DefaultClockPolicy(), l.received, l.clock)
	if err != nil {
		panic(fmt.Sprintf("seed: demo application of %s received %s: %v", l.a.body, l.received, err))
	}
	return dl.Due
}

// end records the planned conclusion.
func (l *life) end(o requests.Outcome) {
	l.a.outcome, l.a.concluded = o, l.last
}

// headOf is the head of body's disclosure office, who approves extensions.
func headOf(body string) string {
	n := 0
	for _, r := range body {
		n += int(r)
	}
	return "办公室主任 " + officeHeads[n%len(officeHeads)]
}

type concludeOpts struct {
	minAnswer calendar.Date // answer no earlier
	extend    bool          // ask for an extension
	fee       *requests.Action
	simple    bool // no correction, consultation, fee or extension
}

// concludedApp plans an application received on r that ends with o (text "" picks a topic).
// Should its events run past yesterday, it is planned again without the optional steps.
func (g *appGen) concludedApp(body string, r calendar.Date, o requests.Outcome, text string, opt concludeOpts) *demoApp {
	if text == "" {
		text = g.topic(body, o, r.Year())
	} else {
		text = g.fill(text, r.Year())
	}
	l := g.newApp(body, r, requests.NewApplication{}, text)
	g.conclude(l, o, opt)
	if !l.last.Before(g.today) && !opt.simple {
		g.apps = g.apps[:len(g.apps)-1]
		l = g.newApp(body, r, l.a.in, text)
		opt.simple = true
		g.conclude(l, o, opt)
		if l.last.After(g.today) {
			g.apps = g.apps[:len(g.apps)-1]
			return nil
		}
	}
	return l.a
}

// conclude plans an application's work from receipt to its outcome.
func (g *appGen) conclude(l *life, o requests.Outcome, opt concludeOpts) {
	r := l.received
	cur := r
	if g.chance(0.85) {
		cur = g.wd(r, 1+g.rng.IntN(2))
		l.do(cur, requests.Action{Kind: requests.ActStart})
	}
	if o == requests.OutcomeUnclearAfterCorrection || o == requests.OutcomeAbandonedNoCorrection ||
		(!opt.simple && o != requests.OutcomeOther && g.chance(0.08)) {
		req := g.wd(r, 2+g.rng.IntN(5))
		if !req.After(cur) {
			req = g.wd(cur, 1)
		}
		l.do(req, requests.Action{Kind: requests.ActRequestCorrection, Note: "申请内容不明确，请补正所需政府信息的名称、文号或者其他特征性描述"})
		if o == requests.OutcomeAbandonedNoCorrection {
			l.do(g.wd(req, 15+g.rng.IntN(8)), requests.Action{Kind: requests.ActAbandon, Note: "申请人在补正期限内未补正，视为放弃申请"})
			l.end(o)
			return
		}
		cur = g.wd(req, 2+g.rng.IntN(7))
		l.do(cur, requests.Action{Kind: requests.ActCorrectionReceived, Note: "申请人已补正申请内容"})
	}
	third := o == requests.OutcomeThirdPartyRights || (o == requests.OutcomePartlyDisclosed && g.chance(0.35))
	other := !third && !opt.simple && (o == requests.OutcomeDisclosed || o == requests.OutcomeProcessInformation) && g.chance(0.06)
	if third || other {
		c := g.wd(cur, 2+g.rng.IntN(4))
		act := requests.Action{Kind: requests.ActConsult, Reason: requests.PauseThirdParty, Note: "向相关企业发送征求意见函"}
		reply := "第三方书面回复不同意公开涉及其商业秘密的内容"
		if other {
			act.Reason, act.Note, reply = requests.PauseOtherBody, "该信息由本机关与其他机关共同制作，发函征求其意见", "有关机关回复同意公开"
		}
		l.do(c, act)
		cur = g.wd(c, 4+g.rng.IntN(9))
		l.do(cur, requests.Action{Kind: requests.ActConsultReply, Note: reply})
	}
	fee := opt.fee
	if fee == nil && (o == requests.OutcomeAbandonedFeeUnpaid ||
		(!opt.simple && (o == requests.OutcomeDisclosed || o == requests.OutcomePartlyDisclosed) && g.chance(0.03))) {
		fee = &requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerPage, FeeCount: 60 + g.rng.IntN(240),
			Note: "所需复制的信息数量明显超过合理范围，按量计收信息处理费"}
	}
	if fee != nil {
		n := g.wd(cur, 2+g.rng.IntN(4))
		l.do(n, *fee)
		if o == requests.OutcomeAbandonedFeeUnpaid {
			l.do(g.wd(n, 21+g.rng.IntN(4)), requests.Action{Kind: requests.ActAbandon, Note: "申请人逾期未缴纳信息处理费"})
			l.end(o)
			return
		}
		cur = g.wd(n, 2+g.rng.IntN(8))
		l.do(cur, requests.Action{Kind: requests.ActFeePaid})
	}
	if o == requests.OutcomeOther {
		l.do(g.wd(cur, 2+g.rng.IntN(8)), requests.Action{Kind: requests.ActWithdraw, Note: "申请人书面申请撤回"})
		l.end(o)
		return
	}
	switch o {
	case requests.OutcomeDisclosed, requests.OutcomePartlyDisclosed, requests.OutcomeNotHeld, requests.OutcomeNeedsNewWork, requests.OutcomeProcessInformation:
		if opt.extend || (!opt.simple && g.chance(0.06)) {
			due := l.due()
			ext := g.wd(due, -(1 + g.rng.IntN(3)))
			if !ext.After(cur) {
				ext = g.wd(cur, 1)
			}
			if !ext.After(due) {
				days := []int{20, 20, 15, 10}[g.rng.IntN(4)]
				l.do(ext, requests.Action{Kind: requests.ActExtend, Days: days, ApprovedBy: headOf(l.a.body),
					Note: "所需信息涉及多个处室，需汇总核实，经批准延长答复期限"})
				cur = ext
			}
		}
	}
	due := l.due()
	var ans calendar.Date
	switch span := g.cal.WorkingDaysBetween(cur, due); {
	case span < 1:
		ans = g.wd(cur, 1)
	case !opt.simple && g.chance(0.03):
		ans = g.wd(due, 1+g.rng.IntN(4)) // answered late
	default:
		lo := max(1, span/3)
		ans = g.wd(cur, lo+g.rng.IntN(span-lo+1))
	}
	if ans.Before(opt.minAnswer) {
		ans = g.onOrAfter(opt.minAnswer)
	}
	l.do(ans, requests.Action{Kind: requests.ActAnswer, Outcome: o, AnswerText: answerTexts[o]})
	l.end(o)
}

// carriedOver plans the applications that cross a year end: received in December 2024 and
// answered in January 2025, received in November and December 2025 and answered in January
// 2026 (one after an extension), and one received in December 2025 that is still open.
func (g *appGen) carriedOver() {
	for i, body := range []string{"sy-fgw", "sy-zjj", "hp", "sy-sthjj"} {
		r := g.randomWD(calendar.NewDate(2024, 12, 16), calendar.NewDate(2024, 12, 27))
		o := []requests.Outcome{requests.OutcomeDisclosed, requests.OutcomeNotHeld, requests.OutcomePartlyDisclosed, requests.OutcomeDisclosed}[i]
		g.concludedApp(body, r, o, "", concludeOpts{minAnswer: calendar.NewDate(2025, 1, 6)})
	}
	for i, body := range []string{"sy-fgw", "sy-zjj", "sy-zrzyj", "hp", "hp-zjj", "sy-czj", "sy-rsj", "sh"} {
		r := g.randomWD(calendar.NewDate(2025, 12, 10), calendar.NewDate(2025, 12, 26))
		o := []requests.Outcome{requests.OutcomeDisclosed, requests.OutcomePartlyDisclosed, requests.OutcomeNotHeld, requests.OutcomeDisclosed,
			requests.OutcomeThirdPartyRights, requests.OutcomeDisclosed, requests.OutcomeNeedsNewWork, requests.OutcomeDisclosed}[i]
		g.concludedApp(body, r, o, "", concludeOpts{minAnswer: calendar.NewDate(2026, 1, 5)})
	}
	for _, body := range []string{"sy-fgw", "hp-zjj"} {
		r := g.randomWD(calendar.NewDate(2025, 11, 24), calendar.NewDate(2025, 11, 28))
		g.concludedApp(body, r, requests.OutcomeDisclosed, "", concludeOpts{extend: true, minAnswer: calendar.NewDate(2026, 1, 5)})
	}
	// Forgotten after a consultation: overdue since January.
	r := calendar.NewDate(2025, 12, 18)
	l := g.newApp("sy-zrzyj", r, requests.NewApplication{}, g.topic("sy-zrzyj", requests.OutcomeDisclosed, 2025))
	l.do(g.wd(r, 1), requests.Action{Kind: requests.ActStart})
	l.do(g.wd(r, 3), requests.Action{Kind: requests.ActConsult, Reason: requests.PauseOtherBody, Note: "征求区政府意见"})
	l.do(g.wd(r, 12), requests.Action{Kind: requests.ActConsultReply, Note: "区政府回复：涉及的征收项目仍在审批中"})
}

// bulk plans two applicants' many applications in one month: a consultancy's twelve to the
// development and reform commission in September 2025 (the fee notice, by the piece, paid), and
// a person's eleven to the natural resources bureau in March 2026 (the fee never paid).
func (g *appGen) bulk() {
	company := orgApplicant(bulkApplicant, 40)
	company.Channel = "online"
	days := make([]calendar.Date, 12)
	for i := range days {
		days[i] = g.randomWD(calendar.NewDate(2025, 9, 1), calendar.NewDate(2025, 9, 26))
	}
	slices.SortFunc(days, calendar.Date.Compare)
	outcomes := []requests.Outcome{requests.OutcomeDisclosed, requests.OutcomeNotHeld, requests.OutcomeDisclosed, requests.OutcomePartlyDisclosed,
		requests.OutcomeDisclosed, requests.OutcomeNotHeld, requests.OutcomeRepeatApplication, requests.OutcomeDisclosed,
		requests.OutcomeNeedsNewWork, requests.OutcomeDisclosed, requests.OutcomeNotHeld, requests.OutcomeDisclosed}
	for i, r := range days {
		opt := concludeOpts{simple: true}
		if i == len(days)-1 {
			opt.fee = &requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerApplication, FeeCount: len(days),
				Note: "申请人本月已提出12件申请，超出部分按件计收信息处理费"}
		}
		l := g.newApp("sy-fgw", r, company, g.topic("sy-fgw", outcomes[i], 2025))
		g.conclude(l, outcomes[i], opt)
	}

	person := g.person()
	person.Channel = "online"
	days = days[:11]
	for i := range days {
		days[i] = g.randomWD(calendar.NewDate(2026, 3, 2), calendar.NewDate(2026, 3, 20))
	}
	slices.SortFunc(days, calendar.Date.Compare)
	outcomes = []requests.Outcome{requests.OutcomeDisclosed, requests.OutcomeNotHeld, requests.OutcomeDisclosed, requests.OutcomeProcessInformation,
		requests.OutcomeNotHeld, requests.OutcomeDisclosed, requests.OutcomeRepeatApplication, requests.OutcomeNotHeld,
		requests.OutcomeDisclosed, requests.OutcomePartlyDisclosed, requests.OutcomeAbandonedFeeUnpaid}
	for i, r := range days {
		opt := concludeOpts{simple: true}
		if i == len(days)-1 {
			opt.fee = &requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerApplication, FeeCount: len(days),
				Note: "申请人本月已提出11件申请，超出部分按件计收信息处理费"}
		}
		l := g.newApp("sy-zrzyj", r, person, g.topic("sy-zrzyj", outcomes[i], 2026))
		g.conclude(l, outcomes[i], opt)
	}
}

// transfers plans two applications sent on to the body that holds the information: one in
// 2025, answered there, and a recent one still being worked on there.
func (g *appGen) transfers() {
	r := g.randomWD(calendar.NewDate(2025, 6, 2), calendar.NewDate(2025, 6, 20))
	l := g.newApp("sy-fgw", r, requests.NewApplication{}, g.fill(appTopics["sy-zrzyj"][0], 2025))
	t := g.wd(r, 3)
	l.do(t, requests.Action{Kind: requests.ActTransfer, TransferTo: "sy-zrzyj", Note: "该信息由沈阳市自然资源局制作并保存"})
	l.end(requests.OutcomeNotHeld)
	there := &life{g: g, a: l.a, transfer: true, received: t, last: t, lastAt: l.lastAt}
	there.do(g.wd(t, 1), requests.Action{Kind: requests.ActStart})
	there.do(g.wd(t, 9), requests.Action{Kind: requests.ActAnswer, Outcome: requests.OutcomeDisclosed, AnswerText: answerTexts[requests.OutcomeDisclosed]})

	r = g.wd(g.today, -14)
	l = g.newApp("hp", r, requests.NewApplication{}, g.fill(appTopics["hp-zjj"][1], r.Year()))
	t = g.wd(r, 2)
	l.do(t, requests.Action{Kind: requests.ActTransfer, TransferTo: "hp-zjj", Note: "专项维修资金由区住房和城乡建设局管理"})
	l.end(requests.OutcomeNotHeld)
	there = &life{g: g, a: l.a, transfer: true, received: t, last: t, lastAt: l.lastAt}
	there.do(g.wd(t, 1), requests.Action{Kind: requests.ActStart})
}

// openKind is a state an application is left in today.
type openKind int

const (
	openSubmitted        openKind = iota // online, not yet confirmed
	openReceived                         // registered, not yet started
	openDue                              // in progress, due in n working days
	openOverdue                          // in progress, n working days overdue
	openCorrection                       // correction requested n working days ago
	openConsulting                       // consultation letter sent n working days ago
	openFee                              // fee notice sent n working days ago
	openExtended                         // extended, due in n working days (negative: overdue)
	openConsultedOverdue                 // consulted and replied, n working days overdue
)

type openPlan struct {
	kind openKind
	n    int
}

// focusOpen is what each demo officer finds open: something in every queue.
var focusOpen = []openPlan{
	{openSubmitted, 1}, {openSubmitted, 0}, {openReceived, 1},
	{openDue, 0}, {openDue, 1}, {openDue, 3}, {openDue, 8}, {openDue, 12}, {openDue, 15},
	{openOverdue, 2}, {openOverdue, 6}, {openConsultedOverdue, 3},
	{openCorrection, 2}, {openCorrection, 11},
	{openConsulting, 3}, {openConsulting, 6},
	{openFee, 4}, {openFee, 9},
	{openExtended, 2}, {openExtended, 14}, {openExtended, -4},
}

// openApps plans the applications open today.
func (g *appGen) openApps() {
	for i, p := range focusOpen {
		a := g.openApp(focusFGW[0], p)
		if p.kind == openConsulting && p.n == 3 {
			a.track = true
		}
		g.openApp(focusHP[i%len(focusHP)], p)
	}
	for _, pr := range demoProfiles {
		if slices.Contains(focusFGW, pr.code) || slices.Contains(focusHP, pr.code) {
			continue
		}
		for range 1 + g.rng.IntN(3) {
			g.openApp(pr.code, focusOpen[2+g.rng.IntN(len(focusOpen)-2)])
		}
	}
}

// openApp plans one application to body left open today as p says.
func (g *appGen) openApp(body string, p openPlan) *demoApp {
	t := g.today
	var r calendar.Date
	switch p.kind {
	case openSubmitted:
		in := g.applicant()
		in.Channel, in.FormWanted, in.Delivery = "online", "electronic", "online"
		in.Description, in.Consent, in.Source = g.topic(body, requests.OutcomeDisclosed, t.Year()), true, "seed"
		a := &demoApp{body: body, in: in}
		if p.n == 0 {
			a.at = g.moment(t, 7*60+g.rng.IntN(60))
		} else {
			a.at = g.moment(g.wd(t, -p.n), 18*60+g.rng.IntN(300))
		}
		g.apps = append(g.apps, a)
		return a
	case openReceived:
		r = g.wd(t, -p.n)
	case openDue:
		r = g.wd(t, -(requests.AnswerPeriodWD - p.n))
	case openOverdue:
		r = g.wd(t, -(requests.AnswerPeriodWD + p.n))
	case openCorrection:
		r = g.wd(t, -(p.n + 2))
	case openConsulting:
		r = g.wd(t, -(p.n + 4))
	case openFee:
		r = g.wd(t, -(p.n + 5))
	case openExtended:
		r = g.wd(t, -(2*requests.AnswerPeriodWD - p.n))
	case openConsultedOverdue:
		r = g.wd(t, -(requests.AnswerPeriodWD + 7 + p.n))
	}
	l := g.newApp(body, r, requests.NewApplication{}, g.topic(body, requests.OutcomeDisclosed, r.Year()))
	switch p.kind {
	case openReceived:
	case openCorrection:
		l.do(g.wd(r, 2), requests.Action{Kind: requests.ActRequestCorrection, Note: "请补正所需信息的具体名称或文号"})
	default:
		l.do(g.wd(r, 1), requests.Action{Kind: requests.ActStart})
	}
	switch p.kind {
	case openOverdue:
		l.do(g.wd(r, 6), requests.Action{Kind: requests.ActNote, Note: "已请业务处室提供材料，尚未反馈"})
	case openConsulting:
		act := requests.Action{Kind: requests.ActConsult, Reason: requests.PauseThirdParty, Note: "向相关企业发送征求意见函"}
		if p.n%2 == 0 {
			act.Reason, act.Note = requests.PauseOtherBody, "发函征求共同制作机关意见"
		}
		l.do(g.wd(t, -p.n), act)
	case openFee:
		l.do(g.wd(t, -p.n), requests.Action{Kind: requests.ActFeeNotice, FeeMethod: requests.FeePerPage, FeeCount: 120 + 20*p.n,
			Note: "所需复制的信息数量明显超过合理范围，按量计收信息处理费"})
	case openExtended:
		l.do(g.wd(r, 18), requests.Action{Kind: requests.ActExtend, Days: requests.MaxExtensionWD, ApprovedBy: headOf(body),
			Note: "所需信息涉及多个处室，需汇总核实，经批准延长答复期限"})
	case openConsultedOverdue:
		l.do(g.wd(r, 4), requests.Action{Kind: requests.ActConsult, Reason: requests.PauseOtherBody, Note: "发函征求共同制作机关意见"})
		l.do(g.wd(r, 11), requests.Action{Kind: requests.ActConsultReply, Note: "有关机关回复同意公开"})
	}
	return l.a
}

// challengeable are the outcomes applicants go to review or court about.
var challengeable = []requests.Outcome{requests.OutcomeNotHeld, requests.OutcomePartlyDisclosed, requests.OutcomeThirdPartyRights,
	requests.OutcomeProcessInformation, requests.OutcomeNeedsNewWork, requests.OutcomeInternalAffairs, requests.OutcomeEnforcementFile}

// planAppeals plans reviews and lawsuits about answers of 2025 and 2026, with every kind and
// result.
func (g *appGen) planAppeals() {
	used := map[*demoApp]bool{}
	find := func(body string, from, to calendar.Date) *demoApp {
		// The body's answers applicants challenge, else any of its answers, else any answer.
		for pass := range 3 {
			for _, a := range g.apps {
				if used[a] || a.concluded.IsZero() || a.concluded.Before(from) || a.concluded.After(to) || (pass < 2 && a.body != body) {
					continue
				}
				if last := a.steps[len(a.steps)-1]; last.act.Kind != requests.ActAnswer || last.onTransfer {
					continue
				}
				if pass == 0 && !slices.Contains(challengeable, a.outcome) {
					continue
				}
				used[a] = true
				return a
			}
		}
		return nil
	}
	add := func(a *demoApp, kind requests.AppealKind, filed calendar.Date, result requests.AppealResult, took int, note string) calendar.Date {
		filed = g.onOrAfter(filed)
		if a == nil || filed.After(g.today) {
			return calendar.Date{}
		}
		p := demoAppeal{app: a, kind: kind, filed: filed, result: result, note: note}
		if result != requests.AppealPending {
			p.concluded = g.onOrAfter(filed.AddDays(took))
			if p.concluded.After(g.today) {
				p.result, p.concluded = requests.AppealPending, calendar.Date{}
			}
		}
		g.appeals = append(g.appeals, p)
		return p.concluded
	}
	d := calendar.NewDate
	if a := find("sy-fgw", d(2025, 2, 1), d(2025, 8, 31)); a != nil {
		add(a, requests.AppealReview, a.concluded.AddDays(21), requests.AppealUpheld, 55, "申请人不服答复，向沈阳市人民政府申请行政复议；复议机关决定维持")
	}
	if a := find("sy-zrzyj", d(2025, 3, 1), d(2025, 9, 30)); a != nil {
		add(a, requests.AppealReview, a.concluded.AddDays(30), requests.AppealCorrected, 58, "复议机关认为检索不充分，责令重新答复")
	}
	if a := find("sy-zjj", d(2025, 1, 1), d(2025, 7, 31)); a != nil {
		add(a, requests.AppealLawsuit, a.concluded.AddDays(45), requests.AppealUpheld, 120, "向沈阳市和平区人民法院提起行政诉讼，法院判决驳回诉讼请求")
	}
	if a := find("sy-sthjj", d(2025, 1, 1), d(2025, 10, 31)); a != nil {
		add(a, requests.AppealLawsuit, a.concluded.AddDays(60), requests.AppealOther, 75, "原告撤回起诉，法院裁定准许")
	}
	if a := find("sy-zrzyj", d(2025, 10, 1), d(2026, 6, 30)); a != nil {
		if done := add(a, requests.AppealReview, a.concluded.AddDays(25), requests.AppealUpheld, 58, "复议机关决定维持原答复"); !done.IsZero() {
			add(a, requests.AppealLawsuitAfterReview, done.AddDays(12), requests.AppealPending, 0, "不服复议决定，向沈阳市中级人民法院提起行政诉讼")
		}
	}
	if a := find("sy-fgw", d(2025, 6, 1), d(2025, 12, 31)); a != nil {
		if done := add(a, requests.AppealReview, a.concluded.AddDays(20), requests.AppealUpheld, 50, "复议机关决定维持原答复"); !done.IsZero() {
			add(a, requests.AppealLawsuitAfterReview, done.AddDays(10), requests.AppealUpheld, 110, "复议后起诉，法院判决驳回诉讼请求")
		}
	}
	if a := find("hp", d(2026, 1, 1), d(2026, 7, 31)); a != nil {
		add(a, requests.AppealReview, a.concluded.AddDays(18), requests.AppealOther, 30, "申请人撤回行政复议申请，复议终止")
	}
	if a := find("sy-fgw", d(2026, 3, 1), g.today.AddDays(-60)); a != nil {
		add(a, requests.AppealLawsuit, a.concluded.AddDays(40), requests.AppealPending, 0, "向沈阳市沈河区人民法院提起行政诉讼，尚未审结")
	}
	if a := find("hp-zjj", g.today.AddDays(-200), g.today.AddDays(-20)); a != nil {
		add(a, requests.AppealReview, a.concluded.AddDays(15), requests.AppealPending, 0, "申请人不服答复，申请行政复议，尚未审结")
	}
	slices.SortStableFunc(g.appeals, func(a, b demoAppeal) int { return a.filed.Compare(b.filed) })
}

// loadApplicationsDemo replays the planned applications and appeals through the store, and
// returns the application a newcomer can track.
func loadApplicationsDemo(ctx context.Context, db *sqlx.DB, cal *calendar.Calendar) (Demo, error) {
	now := time.Now()
	g := buildDemoApplications(cal, now)
	streams := g.streams(loadWorkers)
	// About two thousand small transactions: see loadCatalogDemo. Each stream holds one
	// connection at a time; prepare that many.
	if err := prepareConns(ctx, db, len(streams)+1); err != nil {
		return Demo{}, fmt.Errorf("seed: demo applications: %w", err)
	}
	defer setSynchronousCommit(context.WithoutCancel(ctx), db, "DEFAULT") //nolint:errcheck // best effort

	// Storing an application hashes its query code, which takes the CPU for a while: the
	// streams run side by side. Each body's applications stay in one stream, in time order, so
	// that tracking numbers are the same on every load.
	errs := make([]error, len(streams))
	var wg sync.WaitGroup
	for i, apps := range streams {
		wg.Go(func() { errs[i] = g.replay(ctx, db, cal, apps) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Demo{}, err
	}

	store := g.store(db, cal)
	var demo Demo
	for _, a := range g.apps {
		if a.track {
			demo.TrackingNo, demo.QueryCode = a.no, a.code
		}
	}
	for _, p := range g.appeals {
		store.clock = g.moment(p.filed, 10*60)
		got, err := store.AddAppeal(ctx, demoActor, p.app.body, requests.Appeal{TrackingNo: p.app.no, Kind: p.kind,
			FiledOn: p.filed, Note: p.note, Source: "seed"})
		if err != nil {
			return Demo{}, fmt.Errorf("seed: demo appeal about %s: %w", p.app.no, err)
		}
		if p.result != requests.AppealPending {
			store.clock = g.moment(p.concluded, 15*60)
			if _, err := store.SetAppealResult(ctx, demoActor, got.ID, p.result, p.concluded); err != nil {
				return Demo{}, fmt.Errorf("seed: demo appeal about %s: %w", p.app.no, err)
			}
		}
	}
	return demo, nil
}

// loadWorkers is how many streams the applications load in.
const loadWorkers = 2

// clockedStore is an applications store whose clock the loader sets.
type clockedStore struct {
	*requests.Store
	clock time.Time
}

func (g *appGen) store(db *sqlx.DB, cal *calendar.Calendar) *clockedStore {
	s := &clockedStore{Store: requests.NewStore(db, cal, requests.DefaultClockPolicy()), clock: g.now}
	s.SetClock(func() time.Time { return s.clock })
	return s
}

// streams splits the applications into n streams: a body and those it transfers to stay
// together, and so do a district's bodies (their officer sees them as one list).
func (g *appGen) streams(n int) [][]*demoApp {
	group := func(body string) string {
		switch {
		case body == "sy-zrzyj":
			return "sy-fgw" // transfers from sy-fgw
		case strings.HasPrefix(body, "hp"):
			return "hp"
		case strings.HasPrefix(body, "sh"):
			return "sh"
		}
		return body
	}
	var groups []string
	size := map[string]int{}
	for _, a := range g.apps {
		k := group(a.body)
		if size[k] == 0 {
			groups = append(groups, k)
		}
		size[k]++
	}
	// Largest first onto the emptiest stream; ties by name, so that the split is the same
	// every time.
	slices.SortStableFunc(groups, func(a, b string) int {
		if size[a] != size[b] {
			return size[b] - size[a]
		}
		return strings.Compare(a, b)
	})
	load, of := make([]int, n), map[string]int{}
	for _, k := range groups {
		i := slices.Index(load, slices.Min(load))
		of[k] = i
		load[i] += size[k]
	}
	out := make([][]*demoApp, n)
	for _, a := range g.apps {
		i := of[group(a.body)]
		out[i] = append(out[i], a)
	}
	return out
}

// replay stores apps in order, each with its actions.
func (g *appGen) replay(ctx context.Context, db *sqlx.DB, cal *calendar.Calendar, apps []*demoApp) error {
	store := g.store(db, cal)
	for _, a := range apps {
		store.clock = a.at
		var app requests.Application
		var err error
		if a.in.Channel == "online" {
			app, a.code, err = store.Submit(ctx, demoActor, a.body, a.in)
		} else {
			app, a.code, err = store.Register(ctx, demoActor, a.body, a.in)
		}
		if err != nil {
			return fmt.Errorf("seed: demo application to %s at %s: %w", a.body, a.at.Format(time.DateTime), err)
		}
		a.no = app.TrackingNo
		transferred := ""
		for _, st := range a.steps {
			store.clock = st.at
			no := a.no
			if st.onTransfer {
				no = transferred
			}
			got, err := store.Act(ctx, demoActor, no, st.act)
			if err != nil {
				return fmt.Errorf("seed: demo application %s: %s on %s: %w", no, st.act.Kind, st.act.On, err)
			}
			if st.act.Kind == requests.ActTransfer {
				transferred = got.TransferredTo
			}
		}
	}
	return nil
}

// prepareConns opens n connections at once and turns synchronous_commit off on each; back in
// the pool, they serve the streams (setSynchronousCommit reaches only those already idle).
func prepareConns(ctx context.Context, db *sqlx.DB, n int) error {
	conns := make([]*sql.Conn, 0, n)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range n {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
		if _, err := c.ExecContext(ctx, "SET synchronous_commit TO off"); err != nil {
			return fmt.Errorf("synchronous_commit: %w", err)
		}
	}
	return nil
}
