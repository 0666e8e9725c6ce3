package seed

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
)

// The demo catalog is generated from the profiles in catalog_data.go with a fixed seed, so that
// every load gives the same entries, dates and numbers (screenshots and tests rely on it). Only
// what must stay current moves with today: the drafts, and the valid-until dates of the
// documents that the officers' expiry list must show.

// demoSeed seeds the generator.
const demoSeed = 20261123

// demoLaunch is when the city moved its catalog to xxgk: entries published before it come from
// the old site (catalog.Store.Import, source "import"), later ones were published in xxgk.
var demoLaunch = time.Date(2023, 1, 3, 8, 30, 0, 0, calendar.China)

// demoActor makes every change of the demo load.
var demoActor = audit.Actor{Name: "seed", Role: "admin", Via: "cli"}

// demoEntry is one entry of the demo catalog.
type demoEntry struct {
	body string
	in   catalog.EntryInput
	// series is the document-number series (机关代字) the entry is numbered in, "" for none.
	series string
	// publishAt is when it is published; zero for a draft, created at draftAt.
	publishAt time.Time
	draftAt   time.Time
	// level orders rendering: an entry's texts may quote entries of lower levels.
	level       int
	render      func(e *demoEntry)
	corrections []demoCorrection
	withdrawal  *demoWithdrawal
	id          int64 // once loaded
}

// demoCorrection is a correction of a published entry: each pair of replace is applied to the
// title, summary and body.
type demoCorrection struct {
	at      time.Time
	note    string
	replace []string
}

type demoWithdrawal struct {
	at     time.Time
	reason string
}

type demoRelation struct {
	from, to *demoEntry
	kind     catalog.RelationKind
	on       calendar.Date // for repeals and replacements: the date the target stops being in force
}

// demoGen generates the demo catalog.
type demoGen struct {
	rng       *rand.Rand
	cal       *calendar.Calendar
	today     calendar.Date
	entries   []*demoEntry
	relations []demoRelation
	bodies    map[string]demoBody
	// repeals are the repeal decisions by body and month, and the documents each repeals.
	repeals       map[string]*demoEntry
	repealTargets map[string]*[]*demoEntry
}

// buildDemoCatalog generates the demo catalog for the day today.
func buildDemoCatalog(cal *calendar.Calendar, today calendar.Date) *demoGen {
	g := &demoGen{rng: rand.New(rand.NewPCG(demoSeed, 1)), cal: cal, today: today,
		bodies: map[string]demoBody{}, repeals: map[string]*demoEntry{}, repealTargets: map[string]*[]*demoEntry{}}
	var walk func(b demoBody)
	walk = func(b demoBody) {
		g.bodies[b.code] = b
		for _, c := range b.children {
			walk(c)
		}
	}
	walk(demoTree)
	for _, p := range demoProfiles {
		g.basics(p)
		if p.code == "sy" {
			g.rules()
		}
		for _, t := range p.normative {
			g.normative(p, t)
		}
		for _, it := range p.others {
			g.other(p, it)
		}
		if p.penalties != "" {
			g.penalties(p)
		}
	}
	g.specials()
	g.number()
	for level := 0; level <= 2; level++ {
		for _, e := range g.entries {
			if e.level == level {
				e.render(e)
				e.in.Summary = padSummary(e.in.Summary)
			}
		}
	}
	return g
}

// loadCatalogDemo loads the demo catalog into the database that loadDemoBodies filled: events
// are replayed in time order with the store's clock set to each event's time, so publication
// times, versions, relations, withdrawals and lapses carry realistic past dates.
func loadCatalogDemo(ctx context.Context, db *sqlx.DB, cal *calendar.Calendar) error {
	// The load is some two thousand small transactions: waiting for each commit's WAL flush
	// would take most of a minute on an ordinary disk. Nothing else uses the database while
	// the demo loads, so every transaction runs on one of the connections set here.
	if err := setSynchronousCommit(ctx, db, "off"); err != nil {
		return fmt.Errorf("seed: demo catalog: %w", err)
	}
	defer setSynchronousCommit(context.WithoutCancel(ctx), db, "DEFAULT") //nolint:errcheck // best effort

	now := time.Now()
	g := buildDemoCatalog(cal, calendar.DateOf(now.In(calendar.China)))
	streams := map[string]*demoStream{}
	stream := func(body string) *demoStream {
		st := streams[body]
		if st == nil {
			st = &demoStream{store: catalog.NewStore(db, cal), clock: now}
			st.store.SetClock(func() time.Time { return st.clock })
			streams[body] = st
		}
		return st
	}
	published := slices.Clone(g.entries)
	slices.SortStableFunc(published, func(a, b *demoEntry) int { return a.when().Compare(b.when()) })
	for _, e := range published {
		st := stream(e.body)
		switch {
		case e.publishAt.IsZero():
			st.add(e.draftAt, func() error {
				created, err := st.store.Create(ctx, demoActor, e.body, e.in)
				e.id = created.ID
				return err
			})
		case e.publishAt.Before(demoLaunch):
			st.add(demoLaunch, func() error {
				imported, err := st.store.Import(ctx, demoActor, e.body, e.in, "", e.publishAt)
				e.id = imported.ID
				return err
			})
		default:
			st.add(e.publishAt, func() error {
				st.clock = e.publishAt.Add(-time.Duration(20+len(e.in.Title)%90) * time.Minute)
				created, err := st.store.Create(ctx, demoActor, e.body, e.in)
				if err != nil {
					return err
				}
				e.id = created.ID
				st.clock = e.publishAt
				_, err = st.store.Publish(ctx, demoActor, e.id)
				return err
			})
		}
	}
	for _, r := range g.relations {
		st := stream(r.from.body)
		st.add(latest(r.from.when(), r.to.when(), demoLaunch).Add(10*time.Minute), func() error {
			if r.from.id == 0 || r.to.id == 0 {
				return nil // not published yet by this clock
			}
			return st.store.Relate(ctx, demoActor, r.from.id, r.to.id, r.kind, r.on)
		})
	}
	// The daily sweep records each lapse on its day. It looks at every body, so it runs after
	// the bodies' own events; no entry changes after its lapse.
	sweeps := &demoStream{store: catalog.NewStore(db, cal), clock: now}
	sweeps.store.SetClock(func() time.Time { return sweeps.clock })
	for _, e := range g.entries {
		st := stream(e.body)
		for _, c := range e.corrections {
			st.add(c.at, func() error {
				if e.id == 0 {
					return nil
				}
				for i := 0; i+1 < len(c.replace); i += 2 {
					r := strings.NewReplacer(c.replace[i], c.replace[i+1])
					e.in.Title, e.in.Summary, e.in.Body = r.Replace(e.in.Title), r.Replace(e.in.Summary), r.Replace(e.in.Body)
				}
				_, err := st.store.Update(ctx, demoActor, e.id, e.in, c.note)
				return err
			})
		}
		if w := e.withdrawal; w != nil {
			st.add(w.at, func() error {
				if e.id == 0 {
					return nil
				}
				_, err := st.store.Withdraw(ctx, demoActor, e.id, w.reason)
				return err
			})
		}
		if vu := e.in.ValidUntil; !vu.IsZero() && vu.Before(g.today) {
			sweeps.add(latest(vu.AddDays(1).Time(calendar.China).Add(30*time.Minute), demoLaunch), func() error {
				_, err := sweeps.store.SweepValidity(ctx)
				return err
			})
		}
	}
	sweeps.add(now, func() error {
		_, err := sweeps.store.SweepValidity(ctx)
		return err
	})

	// One body after another, in the order of the tree, so that entry ids are the same on every
	// load (loading bodies side by side saves about a second, and that determinism).
	for _, p := range demoProfiles {
		if st := streams[p.code]; st != nil {
			if err := st.run(now); err != nil {
				return fmt.Errorf("seed: demo catalog of %s: %w", p.code, err)
			}
		}
	}
	if err := sweeps.run(now); err != nil {
		return fmt.Errorf("seed: demo catalog: %w", err)
	}
	return nil
}

// demoStream is the events of one body (or the validity sweeps), replayed in time order on a
// store of their own whose clock each event sets.
type demoStream struct {
	store  *catalog.Store
	clock  time.Time
	events []demoEvent
}

type demoEvent struct {
	at time.Time
	do func() error
}

func (st *demoStream) add(at time.Time, do func() error) {
	st.events = append(st.events, demoEvent{at, do})
}

// run replays the stream's events up to now.
func (st *demoStream) run(now time.Time) error {
	slices.SortStableFunc(st.events, func(a, b demoEvent) int { return a.at.Compare(b.at) })
	for _, ev := range st.events {
		if ev.at.After(now) {
			continue
		}
		st.clock = ev.at
		if err := ev.do(); err != nil {
			return fmt.Errorf("at %s: %w", ev.at.Format(time.DateTime), err)
		}
	}
	return nil
}

// setSynchronousCommit sets synchronous_commit on every idle connection of db's pool (the load
// runs one transaction at a time, on the connection the pool used last). With
// "off", a commit returns before its WAL record reaches the disk: a crash may lose the last
// transactions but never leaves the database inconsistent, and a half-loaded demo is reloaded
// into a new database anyway.
func setSynchronousCommit(ctx context.Context, db *sqlx.DB, value string) error {
	n := max(db.Stats().Idle, 1)
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
		if _, err := c.ExecContext(ctx, "SET synchronous_commit TO "+value); err != nil {
			return fmt.Errorf("synchronous_commit: %w", err)
		}
	}
	return nil
}

// when is the time the entry enters the catalog.
func (e *demoEntry) when() time.Time {
	if e.publishAt.IsZero() {
		return e.draftAt
	}
	return e.publishAt
}

// latest returns the latest of ts.
func latest(ts ...time.Time) time.Time {
	l := ts[0]
	for _, t := range ts[1:] {
		if t.After(l) {
			l = t
		}
	}
	return l
}

// add appends an entry and returns it.
func (g *demoGen) add(e *demoEntry) *demoEntry {
	if e.in.Source == "" {
		e.in.Source = "seed"
	}
	g.entries = append(g.entries, e)
	return e
}

// day picks a working day in the month ym (YYYY-MM).
func (g *demoGen) day(ym string) calendar.Date {
	d, err := calendar.ParseDate(ym + "-01")
	if err != nil {
		panic("seed: bad month " + ym)
	}
	d = d.AddDays(g.rng.IntN(24))
	for !g.cal.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	// The demo's content ends a few days before today.
	end := calendar.NewDate(2026, 11, 16)
	if t := g.today.AddDays(-3); t.Before(end) {
		end = t
	}
	for d.After(end) || !g.cal.IsWorkingDay(d) {
		d = d.AddDays(-1)
	}
	return d
}

// publishAfter returns a moment during office hours lag working days after formed.
func (g *demoGen) publishAfter(formed calendar.Date, lag int) time.Time {
	d := formed
	if lag > 0 {
		d, _ = g.cal.AddWorkingDays(formed, lag)
	}
	return d.Time(calendar.China).Add(9*time.Hour + time.Duration(g.rng.IntN(8*60))*time.Minute)
}

// lag is how many working days an entry takes to be published: a few, rarely more than the 20
// of Art. 26, always more for entries marked late.
func (g *demoGen) lag(normative, late bool) int {
	switch {
	case late:
		return 24 + g.rng.IntN(16)
	case g.rng.IntN(45) == 0:
		return 21 + g.rng.IntN(8)
	case normative:
		return g.rng.IntN(3)
	}
	return 1 + g.rng.IntN(6)
}

// issuer returns the body's name, or its office's for office documents of a government.
func (g *demoGen) issuer(code string, office bool) string {
	name := g.bodies[code].name
	if office {
		return name + "办公室"
	}
	return name
}

// isGov reports whether the body is a people's government.
func isGov(code string) bool { return !strings.Contains(code, "-") }

// place is how a body's texts name its area.
func place(code string) string {
	switch {
	case strings.HasPrefix(code, "hp"):
		return "本区"
	case strings.HasPrefix(code, "sh"):
		return "本区"
	}
	return "本市"
}

// addressee is who a body's documents are addressed to.
func addressee(code string) string {
	switch {
	case code == "sy":
		return "各区、县（市）人民政府，市政府各部门、各直属单位"
	case isGov(code):
		return "各街道办事处，区政府各部门、各直属单位"
	case strings.HasPrefix(code, "sy-"):
		return "各区、县（市）有关部门，各有关单位"
	}
	return "各街道办事处，各有关单位"
}

// cnDate writes a date the way documents do: 2025年3月12日.
func cnDate(d calendar.Date) string {
	y, m, day := d.Date()
	return fmt.Sprintf("%d年%d月%d日", y, int(m), day)
}

// enDate writes d as an English text writes it: 1 March 2026.
func enDate(d calendar.Date) string {
	y, m, day := d.Date()
	return fmt.Sprintf("%d %s %d", day, m, y)
}

// cityGovEN is the city government (or its general office) in English, the issuer of the
// documents that have English versions (normTopic.en).
func cityGovEN(office bool) string {
	if office {
		return "the General Office of the Shenyang Municipal People's Government"
	}
	return "the Shenyang Municipal People's Government"
}

// addYears returns the day before the same date years later: the last day of a validity
// period of that many years starting on d.
func addYears(d calendar.Date, years int) calendar.Date {
	y, m, day := d.Date()
	return calendar.NewDate(y+years, m, day).AddDays(-1)
}

// padSummary makes sure a summary says enough (national practice: about 100–200 characters).
func padSummary(s string) string {
	if len([]rune(s)) < 60 {
		s += "本信息依据《中华人民共和国政府信息公开条例》主动公开，公众可通过本机关门户网站查阅。"
	}
	return s
}

// pick returns n distinct items of xs.
func (g *demoGen) pick(xs []string, n int) []string {
	idx := g.rng.Perm(len(xs))[:min(n, len(xs))]
	slices.Sort(idx)
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = xs[j]
	}
	return out
}

// genre is what a document calls itself (本办法, 本措施).
func genre(name string) string {
	n := strings.TrimSuffix(strings.TrimSuffix(name, "（试行）"), "（暂行）")
	if i := strings.Index(n, "（"); i > 0 {
		n = n[:i]
	}
	for _, s := range []string{"细则", "办法", "规定", "措施", "政策", "方案", "基准", "意见"} {
		if strings.HasSuffix(n, s) {
			return s
		}
	}
	return "办法"
}

// clauseStyle reports whether a document is written in articles (第一条…) rather than in
// numbered sections (一、…).
func clauseStyle(name string) bool {
	switch genre(name) {
	case "措施", "政策", "方案", "意见":
		return false
	}
	return true
}

var cnNumbers = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"}

var focusPhrases = []string{"适用范围和职责分工", "申请条件和办理程序", "资金管理和使用", "监督管理和法律责任",
	"服务标准和工作流程", "信息公开和社会监督", "部门协同和信息共享", "保障措施"}

// basics are the entries every body has: its guide, its functions, budgets, final accounts
// and annual reports, and its procurement intentions.
func (g *demoGen) basics(p demoProfile) {
	b := g.bodies[p.code]
	name := b.name
	office := demoOffice(b)
	// The guide, published when the city's portal was rebuilt, corrected when phones changed.
	formed := g.day("2021-02")
	guide := g.add(&demoEntry{body: p.code, publishAt: g.publishAfter(formed, 2), in: catalog.EntryInput{
		Title: name + "政府信息公开指南", FormedOn: formed, Issuers: []string{name}, Subject: subjGovOpen,
		Column: catalog.ColumnGuide, Keywords: []string{"政府信息公开指南"}}})
	oldPhone := "024-2272" + fmt.Sprintf("%04d", (len([]rune(name))*131+7)%10000)
	if p.code == "sy" || p.code == "hp" {
		guide.corrections = append(guide.corrections, demoCorrection{
			at: g.publishAfter(g.day("2024-03"), 0), note: "更新政府信息公开工作机构联系电话",
			replace: []string{oldPhone, office.Phone}})
	} else {
		oldPhone = office.Phone
	}
	guide.render = func(e *demoEntry) {
		e.in.Summary = fmt.Sprintf("本指南说明%s主动公开政府信息的范围、方式和途径，依申请公开政府信息的受理机构、提出方式和处理程序，以及监督和救济渠道，并列明政府信息公开工作机构的地址、办公时间和联系方式。", name)
		e.in.Body = fmt.Sprintf(`为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。公民、法人或者其他组织需要获取%[1]s的政府信息，可以查阅本指南。

一、主动公开
（一）公开范围。本机关按照《中华人民共和国政府信息公开条例》第二十条、第二十一条的规定，主动公开机构职能、政策文件、规划信息、财政预决算等政府信息，具体见本机关政府信息公开目录。
（二）公开方式。本机关通过政府门户网站、政府公报、新闻发布会以及报刊、广播、电视等途径主动公开政府信息。
（三）公开时限。属于主动公开范围的政府信息，自该政府信息形成或者变更之日起20个工作日内予以公开。

二、依申请公开
（一）受理机构：%[2]s
办公地址：%[3]s
邮政编码：%[4]s
办公时间：%[5]s
联系电话：%[6]s
电子邮箱：%[7]s
（二）提出申请。申请人可以通过网络、信函、当面等方式提出申请，申请时应当提供身份证明，写明所需政府信息的名称、文号或者便于查询的其他特征性描述。
（三）答复期限。能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日。

三、监督和救济
公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。`, name, office.Name, office.Address, office.Postcode, office.Hours, oldPhone, office.Email)
	}

	formed = g.day("2021-03")
	g.add(&demoEntry{body: p.code, publishAt: g.publishAfter(formed, 3), in: catalog.EntryInput{
		Title: name + "主要职责", FormedOn: formed, Issuers: []string{name}, Subject: `综合政务\机构职能`,
		Column: "art20-2", Keywords: []string{"机构职能"}},
		render: func(e *demoEntry) {
			e.in.Summary = fmt.Sprintf("公开%s的主要职责，包括贯彻落实国家和省、市有关方针政策和决策部署，拟订并组织实施本领域发展规划和政策措施，依法履行行政管理、公共服务和监督检查职能，以及完成上级交办的其他任务。", name)
			e.in.Body = fmt.Sprintf("%s贯彻落实党中央关于本领域工作的方针政策和决策部署，在履行职责过程中坚持和加强党的集中统一领导。主要职责是：\n\n（一）贯彻执行有关法律、法规、规章和政策，拟订%s本领域的政策措施并组织实施。\n（二）组织编制本领域发展规划和年度计划，并监督实施。\n（三）依法承担本领域的行政许可、行政处罚等行政管理职责，加强事中事后监管。\n（四）负责本领域公共服务体系建设，推进政务服务标准化、规范化、便利化。\n（五）负责本领域统计分析和信息发布工作。\n（六）完成上级交办的其他任务。", name, place(p.code))
		}})
	formed = g.day("2024-02")
	g.add(&demoEntry{body: p.code, publishAt: g.publishAfter(formed, 2), in: catalog.EntryInput{
		Title: name + "内设机构及联系方式", FormedOn: formed, Issuers: []string{name}, Subject: `综合政务\机构职能`,
		Column: "art20-2", Keywords: []string{"内设机构"}},
		render: func(e *demoEntry) {
			units := subUnits[:3+len([]rune(name))%4]
			var sb strings.Builder
			for i, u := range units {
				fmt.Fprintf(&sb, "%s：联系电话 024-2272%04d\n", u, (len([]rune(name))*53+i*211)%10000)
			}
			e.in.Summary = fmt.Sprintf("公开%s内设机构的名称、主要职责和联系电话，以及机关办公地址、办公时间和邮政编码，方便公众办事和咨询。本信息随机构调整及时更新。", name)
			e.in.Body = fmt.Sprintf("%s设%s等%d个内设机构。\n\n%s\n办公地址：%s\n办公时间：%s\n邮政编码：%s", name, strings.Join(units, "、"), len(units), sb.String(), office.Address, office.Hours, office.Postcode)
		}})

	// Budgets (published within 20 days of approval in February) and final accounts (August).
	unit := name
	if isGov(p.code) {
		unit = name + "办公室"
	}
	for _, y := range []int{2024, 2025, 2026} {
		formed := g.day(fmt.Sprintf("%d-02", y))
		total := 800 + g.rng.IntN(40000)
		g.add(&demoEntry{body: p.code, publishAt: g.publishAfter(formed, 3+g.rng.IntN(10)), in: catalog.EntryInput{
			Title: fmt.Sprintf("%s%d年部门预算公开", unit, y), FormedOn: formed, Issuers: []string{unit},
			Subject: `财政、金融、审计\预算`, Column: "art20-7", Keywords: []string{"部门预算"}},
			render: func(e *demoEntry) { e.in.Summary, e.in.Body = budgetText(unit, y, total, false) }})
	}
	for _, y := range []int{2023, 2024, 2025} {
		formed := g.day(fmt.Sprintf("%d-08", y+1))
		total := 800 + g.rng.IntN(40000)
		g.add(&demoEntry{body: p.code, publishAt: g.publishAfter(formed, 2+g.rng.IntN(10)), in: catalog.EntryInput{
			Title: fmt.Sprintf("%s%d年部门决算公开", unit, y), FormedOn: formed, Issuers: []string{unit},
			Subject: `财政、金融、审计\决算`, Column: "art20-7", Keywords: []string{"部门决算"}},
			render: func(e *demoEntry) { e.in.Summary, e.in.Body = budgetText(unit, y, total, true) }})
	}

	// Annual reports, due by 31 January.
	first := 2023
	if isGov(p.code) {
		first = 2021
	}
	for y := first; y <= 2025; y++ {
		formed, _ := g.cal.AddWorkingDays(calendar.NewDate(y+1, 1, 5), g.rng.IntN(6))
		n := [4]int{60 + g.rng.IntN(900), g.rng.IntN(60), g.rng.IntN(4), g.rng.IntN(3)}
		g.add(&demoEntry{body: p.code, publishAt: g.publishAfter(formed, 1+g.rng.IntN(5)), in: catalog.EntryInput{
			Title: fmt.Sprintf("%s%d年政府信息公开工作年度报告", name, y), FormedOn: formed, Issuers: []string{name},
			Subject: subjGovOpen, Column: catalog.ColumnAnnualReports, Keywords: []string{"年度报告"}},
			render: func(e *demoEntry) { e.in.Summary, e.in.Body = annualReportText(name, y, n) }})
	}

	// Procurement intentions of the city's departments.
	if strings.HasPrefix(p.code, "sy-") {
		formed := g.day("2026-03")
		n := 2 + g.rng.IntN(8)
		g.add(&demoEntry{body: p.code, publishAt: g.publishAfter(formed, 1), in: catalog.EntryInput{
			Title: name + "2026年政府采购意向公开", FormedOn: formed, Issuers: []string{name},
			Subject: subjFinance, Column: "art20-9", Keywords: []string{"政府采购意向"}},
			render: func(e *demoEntry) {
				e.in.Summary = fmt.Sprintf("为便于供应商及时了解政府采购信息，根据《财政部关于开展政府采购意向公开工作的通知》，现将%s2026年%d个政府采购项目的采购意向予以公开，包括项目名称、采购需求概况、预算金额和预计采购时间。", name, n)
				var sb strings.Builder
				for i := range n {
					fmt.Fprintf(&sb, "%d. %s服务项目，预算金额%d万元，预计采购时间2026年%d月。\n", i+1, []string{"信息化运维", "办公设备采购", "物业管理", "课题研究", "宣传印刷", "法律顾问", "档案数字化", "安全评估", "会议保障"}[i], 10+(i*37+n*11)%300, 4+i%8)
				}
				e.in.Body = "本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。\n\n" + sb.String()
			}})
	}
}

// budgetText is the summary and body of a budget (or final accounts) disclosure.
func budgetText(unit string, year, total int, final bool) (string, string) {
	what, verb := "预算", "预算"
	if final {
		what, verb = "决算", "决算"
	}
	general := total * 86 / 100
	basic := total * 62 / 100
	three := max(total/400, 3)
	summary := fmt.Sprintf("公开%s%d年部门%s，包括部门职责及机构设置、收支%s总表、一般公共预算支出情况、“三公”经费%s、政府采购和绩效目标等内容，%d年收支%s总额%d万元。",
		unit, year, what, verb, verb, year, verb, total)
	body := fmt.Sprintf(`第一部分 部门概况
一、主要职能
%[1]s认真贯彻落实党中央、国务院和省委、省政府及市委、市政府决策部署，依法履行职责。
二、部门%[2]s单位构成
纳入%[1]s%[3]d年部门%[2]s编制范围的单位包括本级及所属事业单位。

第二部分 %[3]d年部门%[2]s情况说明
一、收支总体情况
%[3]d年收入%[2]s%[4]d万元，其中一般公共预算拨款%[5]d万元，其他收入%[6]d万元；支出%[2]s%[4]d万元，其中基本支出%[7]d万元，项目支出%[8]d万元。
二、“三公”经费情况
%[3]d年“三公”经费%[2]s%[9]d万元，比上年减少，主要原因是严格落实过紧日子要求，压减一般性支出。其中：因公出国（境）费0万元；公务用车购置及运行费%[10]d万元；公务接待费%[11]d万元。
三、政府采购情况
%[3]d年政府采购%[2]s%[12]d万元。
四、绩效管理情况
%[3]d年实行绩效目标管理的项目%[13]d个，涉及资金%[8]d万元。

附件：%[1]s%[3]d年部门%[2]s公开表`, unit, what, year, total, general, total-general, basic, total-basic, three, three*2/3, three-three*2/3, total/12, 3+total%17)
	return summary, body
}

// annualReportText is the summary and body of an annual report on disclosure work.
func annualReportText(name string, year int, n [4]int) (string, string) {
	summary := fmt.Sprintf("%s%d年政府信息公开工作年度报告，包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况等内容。", name, year)
	body := fmt.Sprintf(`本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》要求编制。报告中所列数据的统计期限自%[2]d年1月1日起至%[2]d年12月31日止。

一、总体情况
%[2]d年，%[1]s坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开，全年主动公开政府信息%[3]d条。

二、主动公开政府信息情况
本年制发规章、行政规范性文件均按规定在政府门户网站公开，行政许可、行政处罚等信息在作出决定之日起7个工作日内公开。

三、收到和处理政府信息公开申请情况
本年新收政府信息公开申请%[4]d件，上年结转0件。已全部按期办结，其中予以公开%[5]d件，部分公开、不予公开及其他处理%[6]d件。

四、政府信息公开行政复议、行政诉讼情况
本年因政府信息公开被申请行政复议%[7]d件，被提起行政诉讼%[8]d件，均未被纠错。

五、存在的主要问题及改进情况
一是部分栏目更新不够及时；二是政策解读形式还不够丰富。下一步，将加强栏目日常维护，丰富图解、视频等解读形式，提升政务公开质量。

六、其他需要报告的事项
本年度未收取信息处理费。`, name, year, n[0], n[1], n[1]*7/10, n[1]-n[1]*7/10, n[2], n[3])
	return summary, body
}

// rules generates the city government's rules (规章), published as 沈阳市人民政府令.
func (g *demoGen) rules() {
	byName := map[string]*demoEntry{}
	for _, t := range demoRules {
		formed := g.day(t.when)
		eff := calendar.NewDate(formed.Year(), formed.Month()+2, 1)
		title := t.name
		e := g.add(&demoEntry{body: "sy", series: "沈阳市人民政府令", publishAt: g.publishAfter(formed, g.lag(true, false)),
			in: catalog.EntryInput{Title: title, TitleEN: t.en, FormedOn: formed, EffectiveOn: eff, Issuers: []string{"沈阳市人民政府"},
				Subject: t.subject, Kind: catalog.KindRule, Keywords: []string{t.area, "政府规章"}}})
		if t.en != "" {
			e.in.SummaryEN = fmt.Sprintf("Adopted at an executive meeting of the Shenyang Municipal People's Government on %s and promulgated by decree of the municipal government, the %s takes effect on %s.",
				enDate(formed.AddDays(-7)), t.en, enDate(eff))
		}
		byName[t.name] = e
		articles := 20 + g.rng.IntN(30)
		e.render = func(e *demoEntry) {
			e.in.Summary = fmt.Sprintf("《%s》经%s市人民政府常务会议审议通过，以%s公布，自%s起施行。规章共%d条，对%s的管理职责、主要制度和法律责任作出规定。",
				strings.TrimPrefix(t.name, "沈阳市人民政府"), cnDate(formed.AddDays(-7)), e.in.DocNo, cnDate(eff), articles, t.area)
			if strings.Contains(t.name, "决定") {
				e.in.Summary = fmt.Sprintf("经%s市人民政府常务会议审议通过，对与上位法不一致、不适应经济社会发展需要的部分市政府规章予以修改和废止，以%s公布，自%s起施行。", cnDate(formed.AddDays(-7)), e.in.DocNo, cnDate(eff))
			}
			e.in.Body = fmt.Sprintf("%s\n\n《%s》已经%s市人民政府第%d次常务会议审议通过，现予公布，自%s起施行。\n\n市长\n%s\n\n第一条　为了加强%s管理，根据%s等法律、法规，结合本市实际，制定本办法。\n第二条　本市行政区域内%s及其监督管理活动，适用本办法。\n第三条　市%s主管部门负责本市%s的监督管理工作，区、县（市）有关部门按照职责分工做好相关工作。\n……\n第%s条　本办法自%s起施行。",
				e.in.DocNo, t.name, cnDate(formed.AddDays(-7)), 10+g.rng.IntN(60), cnDate(eff), cnDate(formed), t.area, t.basis, t.area, t.area, t.area, cnInt(articles), cnDate(eff))
		}
		if t.interp {
			g.interpretation("sy", e, t.name, t.area, t.subject, "沈阳市司法局", 1)
		}
	}
	for _, t := range demoRules {
		if t.amendedBy != "" {
			g.relations = append(g.relations, demoRelation{from: byName[t.amendedBy], to: byName[t.name], kind: catalog.RelationAmends})
		}
	}
}

// cnInt writes 1–99 in Chinese numerals, as article numbers are written.
func cnInt(n int) string {
	switch {
	case n <= 10:
		return cnNumbers[n]
	case n < 20:
		return "十" + cnNumbers[n-10]
	case n%10 == 0:
		return cnNumbers[n/10] + "十"
	}
	return cnNumbers[n/10] + "十" + cnNumbers[n%10]
}

// normative generates a normative document and what follows from it: its interpretation, and
// the replacement, amendment or repeal decision that later changes its validity.
func (g *demoGen) normative(p demoProfile, t normTopic) *demoEntry {
	e := g.normativeDoc(p, t, nil, 0)
	switch {
	case t.replaced != "":
		nt := t
		nt.name = strings.TrimSuffix(strings.TrimSuffix(t.name, "（试行）"), "（暂行）") + "（" + t.replaced[:4] + "年修订）"
		nt.when, nt.replaced, nt.trial, nt.expiring, nt.late, nt.corrected = t.replaced, "", false, false, false, ""
		if t.en != "" {
			nt.en = strings.TrimSuffix(t.en, " (Trial)") + " (" + t.replaced[:4] + " Revision)"
		}
		ne := g.normativeDoc(p, nt, e, 1)
		g.relations = append(g.relations, demoRelation{from: ne, to: e, kind: catalog.RelationReplaces, on: ne.in.EffectiveOn})
	case t.amended != "":
		g.amendment(p, t, e)
	case t.repealed != "":
		g.repeal(p, t, e)
	}
	return e
}

// normativeDoc generates one normative document; replaces is the document it replaces, if any.
func (g *demoGen) normativeDoc(p demoProfile, t normTopic, replaces *demoEntry, level int) *demoEntry {
	formed := g.day(t.when)
	eff := formed
	if g.rng.IntN(2) == 0 {
		eff = calendar.NewDate(formed.Year(), formed.Month()+1, 1)
	}
	years := 5
	if t.trial {
		years = 2
	}
	until := addYears(eff, years)
	if t.expiring {
		until = g.today.AddDays(30 + g.rng.IntN(140))
	}
	issuer := g.issuer(p.code, t.office)
	series := p.series
	if t.office {
		series = p.office
	}
	issuers := []string{issuer}
	if j, ok := jointIssuers[t.name]; ok {
		issuers = append(issuers, j)
	}
	e := g.add(&demoEntry{body: p.code, series: series, level: level,
		publishAt: g.publishAfter(formed, g.lag(true, t.late)),
		in: catalog.EntryInput{Title: issuer + "关于印发" + t.name + "的通知", FormedOn: formed, EffectiveOn: eff,
			Issuers: issuers, Subject: t.subject, Kind: catalog.KindNormative, ValidUntil: until,
			Keywords: []string{t.area}}})
	if t.en != "" {
		gov := cityGovEN(t.office)
		e.in.TitleEN = "Notice of " + gov + " on Issuing the " + t.en
		e.in.SummaryEN = fmt.Sprintf("%s%s issued the %s. It takes effect on %s and is valid until %s.",
			strings.ToUpper(gov[:1]), gov[1:], t.en, enDate(eff), enDate(until))
	}
	focus := g.pick(focusPhrases, 3)
	wrongRef := "第六条"
	if t.corrected != "" {
		wrongRef = "第五条"
		e.corrections = append(e.corrections, demoCorrection{note: t.corrected, replace: []string{"违反本" + genre(t.name) + "第五条", "违反本" + genre(t.name) + "第六条"}})
	}
	days := 5 + g.rng.IntN(11)
	e.render = func(e *demoEntry) {
		gen := genre(t.name)
		e.in.RegistrationNo = registrationNo(p.code, e.in.DocNo)
		e.in.Summary = fmt.Sprintf("为进一步规范和促进%s工作，%s制定《%s》，明确了%s等内容。本%s自%s起施行，有效期至%s。",
			t.area, issuer, t.name, strings.Join(focus, "、"), gen, cnDate(eff), cnDate(until))
		var sb strings.Builder
		fmt.Fprintf(&sb, "%s：\n\n　　现将《%s》印发给你们，请结合实际，认真贯彻执行。", addressee(p.code), t.name)
		if replaces != nil {
			fmt.Fprintf(&sb, "《%s》（%s）同时废止。", strings.TrimPrefix(strings.TrimSuffix(replaces.in.Title, "的通知"), issuer+"关于印发"), replaces.in.DocNo)
		}
		fmt.Fprintf(&sb, "\n\n%s\n%s\n\n（此件公开发布）\n\n%s\n\n", strings.Join(issuers, "\n"), cnDate(formed), t.name)
		lead := issuer
		if isGov(p.code) {
			lead = strings.TrimPrefix(place(p.code), "本") + "有关行政主管部门"
		}
		if clauseStyle(t.name) {
			clauses := []string{
				fmt.Sprintf("为了进一步规范和促进%s工作，根据%s等有关规定，结合%s实际，制定本%s。", t.area, t.basis, place(p.code), gen),
				fmt.Sprintf("%s行政区域内的%s工作，适用本%s。", place(p.code), t.area, gen),
				fmt.Sprintf("%s负责%s工作的组织实施和监督管理；发展改革、财政、人力资源社会保障等有关部门按照各自职责做好相关工作。", lead, t.area),
				fmt.Sprintf("%s工作应当遵循依法规范、公开透明、便民高效的原则。", t.area),
				fmt.Sprintf("符合条件的申请人可以通过辽事通、沈阳政务服务网或者政务服务中心窗口提出申请。受理部门应当自受理之日起%d个工作日内作出决定；不予批准的，应当书面说明理由。", days),
				fmt.Sprintf("%s应当会同有关部门加强事中事后监管，建立健全信用评价和信息公开制度，定期向社会公布%s工作情况。", lead, t.area),
				fmt.Sprintf("违反本%s%s规定，法律、法规、规章有处罚规定的，从其规定。", gen, wrongRef),
				fmt.Sprintf("行政机关工作人员在%s工作中滥用职权、玩忽职守、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。", t.area),
				fmt.Sprintf("本%s由%s负责解释。", gen, issuer),
				fmt.Sprintf("本%s自%s起施行，有效期至%s。", gen, cnDate(eff), cnDate(until)),
			}
			for i, c := range clauses {
				fmt.Fprintf(&sb, "第%s条　%s\n", cnNumbers[i+1], c)
			}
		} else {
			fmt.Fprintf(&sb, "一、总体要求\n　　坚持以习近平新时代中国特色社会主义思想为指导，完整、准确、全面贯彻新发展理念，根据%s，聚焦%s，制定本%s。\n\n", t.basis, t.area, gen)
			fmt.Fprintf(&sb, "二、主要措施\n　　（一）加大政策支持力度。对符合条件的市场主体和项目，按照规定给予资金补助、贷款贴息或者奖励，单个项目最高不超过%d万元。\n　　（二）优化审批服务。推行“一网通办”“一件事一次办”，相关事项办理时限压缩至%d个工作日以内。\n　　（三）强化要素保障。统筹土地、资金、人才等要素资源，优先保障%s重点项目。\n\n", 50+(days%10)*10, days, t.area)
			fmt.Fprintf(&sb, "三、保障措施\n　　各有关部门要加强协同配合，细化工作举措，明确责任分工，确保各项措施落地见效。对违反本%s%s的，依照有关规定处理。\n\n", gen, strings.TrimSuffix(wrongRef, "条")+"项规定")
			fmt.Fprintf(&sb, "四、附则\n　　本%s由%s负责解释，自%s起施行，有效期至%s。\n", gen, issuer, cnDate(eff), cnDate(until))
		}
		e.in.Body = sb.String()
	}
	if !clauseStyle(t.name) && t.corrected != "" {
		e.corrections[0].replace = []string{"违反本" + genre(t.name) + "第五项", "违反本" + genre(t.name) + "第六项"}
	}
	if len(e.corrections) > 0 {
		e.corrections[0].at = e.publishAt.Add(time.Duration(3+g.rng.IntN(8)) * 24 * time.Hour)
	}
	if t.interp {
		g.interpretation(p.code, e, t.name, t.area, t.subject, issuer, level+1)
	}
	return e
}

// jointIssuers are the co-issuers of jointly issued documents.
var jointIssuers = map[string]string{
	"沈阳市就业创业补贴资金管理办法":   "沈阳市财政局",
	"沈阳市城乡居民基本医疗保险实施办法": "沈阳市医疗保障局",
	"沈阳市居民阶梯电价实施办法":     "国网沈阳供电公司",
	"沈阳市民办学校收费管理实施细则":   "沈阳市发展和改革委员会",
}

// registrationNo is the unified registration number of a normative document (三统一), which
// the city registers for its own and its departments' documents.
func registrationNo(body, docNo string) string {
	if !strings.HasPrefix(body, "sy") || docNo == "" {
		return ""
	}
	if d, err := catalog.ParseDocNo(docNo); err == nil {
		return fmt.Sprintf("SYDR—%d—%04d", d.Year, (d.Serial*7+len(d.Issuer))%10000)
	}
	return ""
}

// interpretation adds a 政策解读 of policy, published with it or a day or two later.
func (g *demoGen) interpretation(body string, policy *demoEntry, name, area, subject, by string, level int) {
	formed := policy.in.FormedOn
	lag := g.rng.IntN(3)
	at := g.publishAfter(formed, g.cal.WorkingDaysBetween(formed, calendar.DateOf(policy.publishAt.In(calendar.China)))+lag)
	if !at.After(policy.publishAt) {
		at = policy.publishAt.Add(time.Duration(20+g.rng.IntN(100)) * time.Minute)
	}
	style := g.rng.IntN(3)
	var title string
	switch style {
	case 0:
		title = "《" + name + "》政策解读"
	case 1:
		title = "一图读懂《" + name + "》"
	default:
		title = by + "有关负责人就《" + name + "》答记者问"
	}
	e := g.add(&demoEntry{body: body, level: level, publishAt: at, in: catalog.EntryInput{
		Title: title, FormedOn: calendar.DateOf(at.In(calendar.China)), Issuers: []string{by}, Subject: subject,
		Column: catalog.ColumnInterpretations, Keywords: []string{"政策解读"}}})
	e.render = func(e *demoEntry) {
		eff := policy.in.EffectiveOn
		if eff.IsZero() {
			eff = policy.in.FormedOn
		}
		e.in.Summary = fmt.Sprintf("本文对《%s》（%s）的制定背景、主要内容和政策亮点进行解读，帮助社会公众和市场主体准确理解、用好政策。该文件自%s起施行。", name, policy.in.DocNo, cnDate(eff))
		e.in.Body = fmt.Sprintf(`一、制定背景
为贯彻落实国家和省有关决策部署，进一步健全完善%[2]s相关制度，%[1]s在深入调研、广泛征求意见和合法性审查的基础上，起草了《%[3]s》。

二、主要内容
《%[3]s》共分为总则、主要制度、监督管理和附则等部分，明确了适用范围、职责分工、办理程序和保障措施。

三、政策亮点
一是明确部门职责，形成工作合力；二是简化办理流程，压缩办理时限；三是强化事中事后监管，推动政策落地见效。

四、施行时间
本文件自%[4]s起施行。

解读机关：%[1]s
解读人：%[1]s有关负责同志`, by, area, name, cnDate(eff))
	}
	g.relations = append(g.relations, demoRelation{from: e, to: policy, kind: catalog.RelationInterprets})
}

// amendment adds the decision amending a normative document.
func (g *demoGen) amendment(p demoProfile, t normTopic, target *demoEntry) {
	formed := g.day(t.amended)
	eff := formed
	issuer := g.issuer(p.code, false)
	focus := g.pick(focusPhrases, 2)
	e := g.add(&demoEntry{body: p.code, series: p.series, level: 1,
		publishAt: g.publishAfter(formed, g.lag(true, false)),
		in: catalog.EntryInput{Title: issuer + "关于修改《" + t.name + "》的决定", FormedOn: formed, EffectiveOn: eff,
			Issuers: []string{issuer}, Subject: t.subject, Kind: catalog.KindNormative, Keywords: []string{t.area, "修改"}}})
	e.render = func(e *demoEntry) {
		e.in.Summary = fmt.Sprintf("%s决定对《%s》（%s）部分条款作出修改，主要调整了%s等内容。本决定自%s起施行，《%s》根据本决定作相应修改，重新公布。",
			issuer, t.name, target.in.DocNo, strings.Join(focus, "、"), cnDate(eff), t.name)
		e.in.Body = fmt.Sprintf("%s：\n\n　　为适应%s工作需要，%s决定对《%s》（%s）作如下修改：\n\n　　一、将第五条中的“%d个工作日”修改为“%d个工作日”。\n　　二、第六条增加一款，作为第二款：“%s应当将%s工作情况纳入年度考核。”\n\n　　本决定自%s起施行。《%s》根据本决定作相应修改，重新公布。\n\n%s\n%s",
			addressee(p.code), t.area, issuer, t.name, target.in.DocNo, 15, 10, issuer, t.area, cnDate(eff), t.name, issuer, cnDate(formed))
	}
	g.relations = append(g.relations, demoRelation{from: e, to: target, kind: catalog.RelationAmends})
}

// repeal adds target to the body's repeal decision of the month t.repealed.
func (g *demoGen) repeal(p demoProfile, t normTopic, target *demoEntry) {
	key := p.code + t.repealed
	d := g.repeals[key]
	if d == nil {
		formed := g.day(t.repealed)
		issuer := g.issuer(p.code, false)
		what := "规范性文件"
		if isGov(p.code) {
			what = strings.TrimPrefix(strings.TrimSuffix(issuer, "人民政府"), "沈阳") + "政府规范性文件"
			if p.code == "sy" {
				what = "市政府规范性文件"
			}
		}
		d = g.add(&demoEntry{body: p.code, series: p.series, level: 1,
			publishAt: g.publishAfter(formed, g.lag(true, false)),
			in: catalog.EntryInput{Title: issuer + "关于废止部分" + what + "的决定", FormedOn: formed, EffectiveOn: formed,
				Issuers: []string{issuer}, Subject: subjGovOther, Kind: catalog.KindNormative, Keywords: []string{"规范性文件清理", "废止"}}})
		var targets []*demoEntry
		d.render = func(e *demoEntry) {
			var names []string
			var list strings.Builder
			for i, t := range targets {
				n := strings.TrimSuffix(strings.TrimPrefix(t.in.Title, issuer+"关于印发"), "的通知")
				names = append(names, "《"+n+"》")
				fmt.Fprintf(&list, "%d. 《%s》（%s）\n", i+1, n, t.in.DocNo)
			}
			e.in.Summary = fmt.Sprintf("经对现行有效的行政规范性文件进行全面清理，%s决定废止%s等%d件规范性文件，自%s起停止执行。被废止的文件不再作为行政管理的依据。",
				issuer, names[0], len(targets), cnDate(e.in.EffectiveOn))
			e.in.Body = fmt.Sprintf("%s：\n\n　　为维护法制统一，根据行政规范性文件清理工作要求，%s对现行有效的规范性文件进行了全面清理。经研究，决定废止以下%d件规范性文件：\n\n%s\n　　本决定自%s起施行。\n\n%s\n%s",
				addressee(p.code), issuer, len(targets), list.String(), cnDate(e.in.EffectiveOn), issuer, cnDate(e.in.FormedOn))
		}
		g.repeals[key] = d
		g.repealTargets[key] = &targets
	}
	*g.repealTargets[key] = append(*g.repealTargets[key], target)
	g.relations = append(g.relations, demoRelation{from: d, to: target, kind: catalog.RelationRepeals, on: d.in.EffectiveOn})
}

// other generates an entry that is neither a rule nor a normative document.
func (g *demoGen) other(p demoProfile, it otherItem) *demoEntry {
	formed := g.day(it.when)
	name := g.bodies[p.code].name
	title, issuer := it.title, name
	if strings.HasPrefix(title, "关于") {
		title = name + title
	} else if i := strings.Index(title, "关于"); i > 0 {
		issuer = title[:i]
	}
	series := ""
	if strings.Contains(title, "关于") && (strings.HasSuffix(title, "通知") || strings.HasSuffix(title, "决定") || strings.HasSuffix(title, "通报")) {
		series = p.series
		if isGov(p.code) && strings.Contains(issuer, "办公室") {
			series = p.office
		}
	}
	e := g.add(&demoEntry{body: p.code, series: series, publishAt: g.publishAfter(formed, g.lag(false, it.late)),
		in: catalog.EntryInput{Title: title, FormedOn: formed, Issuers: []string{issuer}, Subject: it.subject,
			Column: it.col, Keywords: []string{it.area}}})
	n1, n2, n3 := 3+g.rng.IntN(40), 1+g.rng.IntN(12), 10+g.rng.IntN(90)
	deadline := formed.AddDays(20 + g.rng.IntN(40))
	e.render = func(e *demoEntry) { e.in.Summary, e.in.Body = otherText(it, e, issuer, n1, n2, n3, deadline) }
	return e
}

// otherText is the summary and body of an entry of template it.tmpl.
func otherText(it otherItem, e *demoEntry, issuer string, n1, n2, n3 int, deadline calendar.Date) (string, string) {
	a := it.area
	date := cnDate(e.in.FormedOn)
	switch it.tmpl {
	case "plan":
		return fmt.Sprintf("本规划（方案）全面分析了%s的发展基础和面临形势，明确了指导思想、主要目标、重点任务和保障措施，是指导今后一个时期%s工作的重要依据。", a, a),
			fmt.Sprintf("第一章 发展基础和面临形势\n　　“十四五”以来，%[1]s工作取得积极进展，主要指标完成情况良好，但仍存在发展不平衡不充分等问题。\n\n第二章 总体要求\n　　到规划期末，%[1]s主要指标达到全省前列，体制机制更加完善。\n\n第三章 重点任务\n　　（一）优化空间布局。（二）完善基础设施。（三）深化改革创新。（四）提升公共服务水平。\n\n第四章 保障措施\n　　加强组织领导，强化要素保障，健全监测评估机制。规划实施中期开展评估，评估结果向社会公开。\n\n%[2]s\n%[3]s", a, issuer, date)
	case "stats":
		return fmt.Sprintf("发布%s主要统计数据，包括主要指标完成情况、同比增减变化及简要分析，数据来源于统计部门和行业主管部门的统计调查，部分数据为初步统计数。", a),
			fmt.Sprintf("一、总体情况\n　　初步核算，主要指标同比增长%d.%d%%，增速较上年同期提高%d.%d个百分点，运行总体平稳、稳中向好。\n\n二、分领域情况\n　　（一）重点领域保持增长，同比增长%d.%d%%。\n　　（二）新兴领域加快发展，占比提高%d.%d个百分点。\n\n三、说明\n　　1. 本公报数据为初步统计数，最终核实数以统计年鉴为准。\n　　2. 部分数据因四舍五入，存在总计与分项合计不等的情况。\n\n%s\n%s",
				n2/3+2, n1%10, n2%4, n3%10, n2+1, n1%10, n2%5, n3%7, issuer, date)
	case "permit":
		return fmt.Sprintf("公示%s事项的办理结果，本期共%d件，包括申请人、项目名称、许可（审批）文号和决定日期等信息，接受社会监督。公示期间如有异议，可向%s反映。", a, n1, issuer),
			fmt.Sprintf("根据《中华人民共和国行政许可法》有关规定，现将%s结果公示如下：\n\n　　本期共办结%s事项%d件，其中准予许可%d件，不予许可%d件（均已书面告知理由）。\n\n　　序号1：申请人 沈阳%s科技有限公司，决定日期 %s。\n　　序号2：申请人 沈阳%s实业有限公司，决定日期 %s。\n　　……\n\n　　监督电话：024-12345\n\n%s\n%s",
				a, a, n1, n1-n1/10, n1/10, companyWords[n1%len(companyWords)], date, companyWords[n3%len(companyWords)], date, issuer, date)
	case "inspect":
		return fmt.Sprintf("公布%s监督检查结果，本次共检查（抽检）%d家（批次），发现问题%d个，包括检查对象、检查项目、检查结论及问题处理情况。对发现的问题已依法责令限期整改。", a, n3, n2),
			fmt.Sprintf("为加强%[1]s监督管理，%[2]s组织开展了监督检查（抽检）。现将结果公告如下：\n\n　　一、基本情况\n　　本次共检查（抽检）%[3]d家（批次），合格%[4]d家（批次），不合格%[5]d家（批次）。\n\n　　二、处理情况\n　　对检查中发现的%[5]d个问题，已依法责令有关单位立即整改，并将整改情况纳入信用记录；涉嫌违法的，已立案调查。\n\n　　三、有关要求\n　　请各有关单位切实落实主体责任，举一反三，防范类似问题发生。\n\n%[2]s\n%[6]s",
				a, issuer, n3, n3-n2, n2, date)
	case "emergency":
		return fmt.Sprintf("为有效应对%s，最大程度减少突发事件及其造成的损害，保障公众生命财产安全，%s制定本预案，明确了组织指挥体系、监测预警、应急响应、后期处置和应急保障等内容。", a, issuer),
			fmt.Sprintf("1 总则\n1.1 编制目的\n　　为建立健全%[1]s应急机制，提高应急处置能力，制定本预案。\n1.2 编制依据\n　　《中华人民共和国突发事件应对法》《辽宁省突发事件应对条例》等。\n1.3 工作原则\n　　人民至上、生命至上；统一领导、分级负责；快速反应、协同应对。\n\n2 组织指挥体系\n　　成立%[1]s应急指挥部，负责统一指挥、协调应急处置工作。\n\n3 监测预警\n　　预警级别分为一级、二级、三级和四级，分别用红色、橙色、黄色和蓝色标示。\n\n4 应急响应\n　　根据事件的严重程度和发展态势，应急响应分为Ⅰ级、Ⅱ级、Ⅲ级、Ⅳ级四个等级。\n\n5 附则\n　　本预案自印发之日起实施。\n\n%[2]s\n%[3]s", a, issuer, date)
	case "recruit":
		return fmt.Sprintf("公布%s有关事项，包括招录（聘）单位、职位、人数和拟录用（聘用）人员名单等。公示期为5个工作日，公示期间如有异议，可向%s反映。", a, issuer),
			fmt.Sprintf("根据%[1]s工作有关规定，经笔试、面试、体检和考察等程序，现将有关事项公示如下：\n\n　　一、本次共涉及职位%[2]d个，拟录用（聘用）%[3]d人（名单见附件）。\n　　二、公示时间：%[4]s起5个工作日。\n　　三、公示期间，如对公示人员有异议，可通过电话或者书面形式反映。反映问题应当实事求是，并提供必要的调查线索。\n\n　　受理电话：024-2272%04[5]d\n\n附件：拟录用（聘用）人员名单\n\n%[6]s\n%[4]s", a, n2, n2+n1%7, date, n3*37%10000, issuer)
	case "report":
		return fmt.Sprintf("%s通报%s有关情况，包括工作进展、主要成效、存在问题及下一步工作安排，接受社会监督。如有意见建议，可通过12345政务服务便民热线反映。", issuer, a),
			fmt.Sprintf("一、总体情况\n　　%[1]s工作总体进展顺利，共涉及事项%[2]d项，已完成%[3]d项，其余事项正在按计划推进。\n\n二、主要成效\n　　一是机制更加健全；二是服务更加便捷；三是群众满意度稳步提升。\n\n三、存在问题\n　　个别事项推进较慢，部门协同还需加强。\n\n四、下一步工作安排\n　　将持续跟踪督办，压实责任，确保按期完成各项任务，并及时向社会公布进展情况。\n\n%[4]s\n%[5]s", a, n1, n1-n2%n1, issuer, date)
	case "list":
		return fmt.Sprintf("公布%s有关清单（名单），共%d项，列明名称、依据、标准和实施主体等内容，接受社会监督。公示（公布）期间如有异议，可向%s反映。", a, n1, issuer),
			fmt.Sprintf("%[1]s：\n\n　　根据有关规定，现将%[2]s有关清单（名单）予以公布，共%[3]d项（详见附件）。清单实行动态管理，有关部门应当严格执行，不得擅自增加项目或者提高标准。\n\n　　附件：%[2]s清单\n\n%[4]s\n%[5]s", "各有关单位", a, n1, issuer, date)
	}
	return fmt.Sprintf("%s就%s工作作出部署，明确了工作目标、重点任务、时间安排和保障措施，要求各有关单位结合实际抓好落实，并于%s前报送工作开展情况。", issuer, a, cnDate(deadline)),
		fmt.Sprintf("各有关单位：\n\n　　为扎实做好%[1]s工作，根据国家和省、市有关要求，现就有关事项通知如下：\n\n　　一、提高思想认识\n　　各单位要充分认识做好%[1]s工作的重要意义，切实加强组织领导，明确责任分工，确保各项工作落到实处。\n\n　　二、明确工作任务\n　　（一）全面排查梳理，建立工作台账。\n　　（二）聚焦重点难点，制定具体措施。\n　　（三）加强宣传引导，回应社会关切。\n\n　　三、强化督促落实\n　　请各单位于%[2]s前将工作开展情况报送%[3]s。联系电话：024-2272%04[4]d。\n\n%[3]s\n%[5]s", a, cnDate(deadline), issuer, n3*53%10000, date)
}

// penalties generates a body's penalty decisions of 2024–2026.
func (g *demoGen) penalties(p demoProfile) {
	n := map[string]int{"sy-sthjj": 12, "sy-scjgj": 14, "sy-jtj": 6}[p.code]
	if n == 0 {
		n = 6
	}
	name := g.bodies[p.code].name
	subject := subjMarket
	switch p.penalties {
	case "沈环罚":
		subject = subjEnv
	case "沈交罚":
		subject = subjTransport
	}
	for i := range n {
		m := 1 + i*34/n
		formed := g.day(fmt.Sprintf("%d-%02d", 2024+(m-1)/12, (m-1)%12+1))
		v := p.violations[g.rng.IntN(len(p.violations))]
		company := "沈阳" + companyWords[g.rng.IntN(len(companyWords))] + v.industry + "有限公司"
		fine := (v.minFine + g.rng.IntN(v.maxFine-v.minFine+1)) * 1000
		addr := districts[g.rng.IntN(len(districts))] + streets[g.rng.IntN(len(streets))] + fmt.Sprint(1+g.rng.IntN(300)) + "号"
		code := uscc(g.rng)
		e := g.add(&demoEntry{body: p.code, series: p.penalties, publishAt: g.publishAfter(formed, 1+g.rng.IntN(5)),
			in: catalog.EntryInput{FormedOn: formed, Issuers: []string{name}, Subject: subject, Column: "art20-6",
				Keywords: []string{"行政处罚"}}})
		e.render = func(e *demoEntry) {
			e.in.Title = name + "行政处罚决定书（" + e.in.DocNo + "）"
			e.in.Summary = fmt.Sprintf("当事人%s%s，违反了%s的规定。依据%s，%s决定对其处以罚款人民币%s元的行政处罚。", company, v.fact, v.law, v.penaltyLaw, name, yuan(fine))
			e.in.Body = fmt.Sprintf("%s\n\n当事人：%s\n统一社会信用代码：%s\n住所：沈阳市%s\n\n　　经查，当事人%s。上述行为违反了%s的规定。\n\n　　依据%s的规定，本机关决定对当事人作出如下行政处罚：罚款人民币%s元。\n\n　　当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。\n\n　　当事人如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。\n\n%s\n%s",
				e.in.DocNo, company, code, addr, v.fact, v.law, v.penaltyLaw, yuan(fine), name, cnDate(formed))
		}
	}
}

// yuan writes an amount in yuan with thousands separators.
func yuan(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// uscc makes a company's unified social credit code in Shenyang with a valid check character.
func uscc(rng *rand.Rand) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	b := []byte("91210100")
	for range 9 {
		b = append(b, chars[rng.IntN(len(chars))])
	}
	c, err := bodies.USCCCheckChar(string(b))
	if err != nil {
		panic(err)
	}
	return string(b) + string(c)
}

// specials are the entries that show the life cycle of an entry: corrected twice, withdrawn,
// withheld, still drafts.
func (g *demoGen) specials() {
	fgw := g.bodies["sy-fgw"].name
	// A plan corrected twice after publication.
	formed := g.day("2026-02")
	plan := g.add(&demoEntry{body: "sy-fgw", series: "沈发改发", publishAt: g.publishAfter(formed, 2),
		in: catalog.EntryInput{Title: fgw + "关于印发沈阳市2026年重大项目建设计划的通知", FormedOn: formed,
			Issuers: []string{fgw}, Subject: subjInvest, Column: "art20-10", Keywords: []string{"重大项目", "建设计划"}}})
	plan.render = func(e *demoEntry) {
		e.in.Summary = "印发沈阳市2026年重大项目建设计划，共安排重大项目420个，总投资约5600亿元，年度计划投资约1200亿元，涵盖先进制造业、现代服务业、基础设施和社会民生等领域，并明确项目推进责任单位。"
		e.in.Body = "各区、县（市）人民政府，市政府有关部门：\n\n　　经市政府同意，现将《沈阳市2026年重大项目建设计划》印发给你们，请认真组织实施。\n\n　　一、项目总体情况\n　　2026年全市共安排重大项目420个，总投资约5600，年度计划投资约1200。\n\n　　二、部分重点项目\n　　1. 沈阳新一代信息技术产业园项目，建设地点：于洪区，总投资：86.5。\n　　2. 沈阳航空产业园配套项目，建设地点：皇姑区，总投资：52.3。\n　　3. 浑河两岸综合治理工程，建设地点：浑南区、和平区，总投资：38.0。\n\n　　三、工作要求\n　　各责任单位要建立项目推进台账，实行月调度、季通报，确保项目按计划推进。\n\n" + fgw + "\n" + cnDate(e.in.FormedOn)
	}
	plan.corrections = []demoCorrection{
		{at: plan.publishAt.Add(6 * 24 * time.Hour), note: "更正第1、2项项目的建设地点",
			replace: []string{"建设地点：于洪区", "建设地点：浑南区", "建设地点：皇姑区", "建设地点：沈北新区"}},
		{at: plan.publishAt.Add(15 * 24 * time.Hour), note: "补充投资金额单位（亿元）",
			replace: []string{"总投资约5600，", "总投资约5600亿元，", "年度计划投资约1200。", "年度计划投资约1200亿元。",
				"总投资：86.5", "总投资：86.5亿元", "总投资：52.3", "总投资：52.3亿元", "总投资：38.0", "总投资：38.0亿元"}},
	}

	// A report withheld (不予公开) for a commercial secret: in the officers' catalog only.
	formed = g.day("2026-04")
	g.add(&demoEntry{body: "sy-fgw", publishAt: g.publishAfter(formed, 3), in: catalog.EntryInput{
		Title: fgw + "关于重大招商引资项目谈判进展情况的报告", FormedOn: formed, Issuers: []string{fgw},
		Subject: subjInvest, Column: "art20-15", DisclosureMode: catalog.DisclosureWithheld,
		WithheldReason: "涉及第三方商业秘密，公开后可能损害第三方合法权益（《中华人民共和国政府信息公开条例》第十五条）",
		ReviewOn:       calendar.NewDate(2027, 6, 30), Keywords: []string{"招商引资"}},
		render: func(e *demoEntry) {
			e.in.Summary = "报告重大招商引资项目的谈判进展、投资方诉求和拟给予的支持政策。因涉及第三方商业秘密，依据《中华人民共和国政府信息公开条例》第十五条不予公开，到期后复核。"
			e.in.Body = "（不予公开）"
		}})

	// A published list withdrawn because it disclosed minors' personal information.
	jyj := g.bodies["sy-jyj"].name
	formed = g.day("2024-05")
	w := g.add(&demoEntry{body: "sy-jyj", publishAt: g.publishAfter(formed, 1), in: catalog.EntryInput{
		Title: jyj + "关于2024年沈阳市市级三好学生、优秀学生干部和先进班集体拟表彰名单的公示", FormedOn: formed,
		Issuers: []string{jyj}, Subject: subjEducation, Column: "art20-11", Keywords: []string{"三好学生", "公示"}},
		render: func(e *demoEntry) {
			e.in.Summary = "公示2024年沈阳市市级三好学生、优秀学生干部和先进班集体拟表彰名单，公示期为5个工作日。公示期间如有异议，可向沈阳市教育局德育处实名反映。"
			e.in.Body = "根据《沈阳市市级三好学生、优秀学生干部和先进班集体评选办法》，经学校推荐、区县（市）教育局审核，现将拟表彰名单予以公示。\n\n　　公示时间：5个工作日。\n\n附件：拟表彰名单"
		}})
	w.withdrawal = &demoWithdrawal{at: w.publishAt.Add(12 * 24 * time.Hour),
		reason: "公示期已满；名单含未成年人姓名和就读学校等个人信息，按照未成年人个人信息保护要求予以撤回"}

	// Drafts: recent ones, and two left unpublished past the 20 working days of Art. 26.
	drafts := []struct {
		body, title, col string
		kind             catalog.Kind
		ago              int
	}{
		{"sy-fgw", "关于印发沈阳市数据要素市场化配置改革实施方案的通知", "", catalog.KindNormative, 4},
		{"sy-fgw", "关于开展2026年度价格认定工作检查的通知", "policy-other", catalog.KindOther, 45},
		{"sy", "关于印发沈阳市推进新型工业化实施方案的通知", "", catalog.KindNormative, 3},
		{"hp", "关于印发和平区支持首店经济发展若干措施的通知", "", catalog.KindNormative, 9},
		{"sh-jyj", "关于做好2026年冬季校园安全工作的通知", "policy-other", catalog.KindOther, 60},
	}
	for _, d := range drafts {
		formed := g.today.AddDays(-d.ago)
		for !g.cal.IsWorkingDay(formed) {
			formed = formed.AddDays(-1)
		}
		name := g.bodies[d.body].name
		in := catalog.EntryInput{Title: name + d.title, FormedOn: formed, Issuers: []string{name}, Column: d.col, Kind: d.kind,
			Subject: demoProfileOf(d.body).subject, Keywords: []string{"草稿"}}
		if d.kind == catalog.KindNormative {
			in.EffectiveOn, in.ValidUntil = formed, addYears(formed, 5)
		}
		e := g.add(&demoEntry{body: d.body, draftAt: formed.Time(calendar.China).Add(10*time.Hour + time.Duration(d.ago)*time.Minute), in: in})
		e.render = func(e *demoEntry) {
			e.in.Summary = "（草稿）" + strings.TrimSuffix(strings.TrimPrefix(d.title, "关于"), "的通知") + "，明确工作目标、重点任务和保障措施，待履行合法性审查和集体讨论决定程序后印发。"
			e.in.Body = "（正文待定稿）"
		}
	}

	// A list withdrawn because it showed ID numbers, then published again anonymised.
	for _, e := range g.entries {
		if e.body == "hp-mzj" && strings.Contains(e.in.Title, "第二季度城乡低保对象名单公示") {
			e.withdrawal = &demoWithdrawal{at: e.publishAt.Add(2 * time.Hour),
				reason: "公示内容未对身份证号码作去标识化处理，已撤回，处理后重新公示"}
			again := *e
			again.withdrawal, again.corrections = nil, nil
			again.in.Title = strings.Replace(e.in.Title, "名单公示", "名单公示（更新）", 1)
			again.publishAt = e.publishAt.Add(26 * time.Hour)
			g.add(&again)
			break
		}
	}
}

// demoProfileOf returns the profile of the body with code.
func demoProfileOf(code string) demoProfile {
	for _, p := range demoProfiles {
		if p.code == code {
			return p
		}
	}
	panic("seed: no demo profile for " + code)
}

// number gives every entry of a document-number series its number, in the order the entries
// were signed: serials restart each year, with gaps for documents the demo leaves out; the
// government's orders (令) are numbered on across years.
func (g *demoGen) number() {
	numbered := []*demoEntry{}
	for _, e := range g.entries {
		if e.series != "" {
			numbered = append(numbered, e)
		}
	}
	slices.SortStableFunc(numbered, func(a, b *demoEntry) int { return a.in.FormedOn.Compare(b.in.FormedOn) })
	counters := map[string]int{}
	order := 80
	for _, e := range numbered {
		if strings.HasSuffix(e.series, "令") {
			order++
			e.in.DocNo = fmt.Sprintf("%s第%d号", e.series, order)
			continue
		}
		key := fmt.Sprintf("%s%d", e.series, e.in.FormedOn.Year())
		step := 1 + g.rng.IntN(3)
		if strings.HasSuffix(e.series, "罚") {
			step = 1 + g.rng.IntN(9)
		}
		counters[key] += step
		e.in.DocNo = fmt.Sprintf("%s〔%d〕%d号", e.series, e.in.FormedOn.Year(), counters[key])
	}
}
