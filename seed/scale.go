package seed

// The generated data set of `xxgk seed --scale N` and `make bench`: a province's bodies, their
// catalog and their applications at a size a province really has (at scale 1: ~330 bodies,
// 1,000,000 catalog entries, 200,000 applications over five years). Everything is a function of
// the scale and the seed, so two loads give the same rows; only the day the load runs (today)
// decides which applications are still open.
//
// The rows go in by COPY but satisfy what the stores enforce, because they are made by the
// stores' own code where that is fast enough and checked against it where it is not:
//   - bodies through bodies.CreateTx, columns through catalog.EnsureStandardColumns;
//   - catalog entries through catalog.Store.ImportRows (the department import: COPY of entries
//     and versions, index numbers from the counters Publish uses, search-outbox rows, one
//     audit event per import), fed with the documents of search/searchtest's generator;
//   - applications and their events by COPY here, each a planned life (received, started,
//     correction, consultation, extension, fee, answer, withdrawal, abandonment) cut at today,
//     with due dates from requests.ComputeDeadline and the status the store derives; the test
//     checks that requests.Store.RecomputeOpen finds nothing to change and that officers can
//     act on the open ones. Reviews and lawsuits follow the answers.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/crypto/argon2"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database"
	"xxgk/requests"
	"xxgk/search"
	"xxgk/search/searchtest"
)

// Full-scale sizes (scale 1).
const (
	ScaleEntries      = 1_000_000
	ScaleApplications = 200_000
)

// ScaleOptions say what LoadScale loads.
type ScaleOptions struct {
	// Scale multiplies the full-scale sizes: 1 is 1,000,000 entries and 200,000 applications,
	// 0.05 a twentieth of each. The bodies are the same at every scale.
	Scale float64
	// Seed varies the applications (the catalog is searchtest's, a function of the document
	// number alone); 0 means 1.
	Seed uint64
	// Today is the day the load happens on: applications whose life goes beyond it are still
	// open. Zero means calendar.Today().
	Today calendar.Date
	// Progress receives progress bars; nil shows none.
	Progress io.Writer
}

// ScaleResult counts what LoadScale loaded and how long each part took.
type ScaleResult struct {
	Bodies, Entries, Drafts, Applications, Open, Appeals, Events int
	BodiesTook, CatalogTook, IndexesTook, ApplicationsTook       time.Duration
}

// scaleActor makes every change of the generated load.
var scaleActor = audit.Actor{Name: "seed", Role: "admin", Via: "cli"}

// LoadScale loads the generated data set into an empty database.
func LoadScale(ctx context.Context, db *sqlx.DB, opts ScaleOptions) (ScaleResult, error) {
	var res ScaleResult
	if opts.Scale <= 0 || opts.Scale > 10 {
		return res, fmt.Errorf("seed: scale %g: want more than 0 and at most 10", opts.Scale)
	}
	if opts.Seed == 0 {
		opts.Seed = 1
	}
	if opts.Today.IsZero() {
		opts.Today = calendar.Today()
	}
	cal, err := calendar.Default()
	if err != nil {
		return res, fmt.Errorf("seed: %w", err)
	}
	start := time.Now()
	if res.Bodies, err = loadScaleBodies(ctx, db); err != nil {
		return res, err
	}
	store := accounts.NewStore(db)
	for _, a := range DemoAccounts() {
		if _, err := store.CreateUser(ctx, scaleActor, accounts.NewUser{Username: a.Username, DisplayName: a.What, Role: a.Role, Password: a.Password, Bodies: a.Bodies}); err != nil {
			return res, fmt.Errorf("seed: account %s: %w", a.Username, err)
		}
	}
	res.BodiesTook = time.Since(start)

	start = time.Now()
	entries := int(math.Round(ScaleEntries * opts.Scale))
	if err := loadScaleCatalog(ctx, db, cal, opts, entries, &res); err != nil {
		return res, err
	}
	res.CatalogTook = time.Since(start)

	start = time.Now()
	if err := loadScaleApplications(ctx, db, cal, opts, int(math.Round(ScaleApplications*opts.Scale)), &res); err != nil {
		return res, err
	}
	if err := loadScaleTransfers(ctx, db, cal, opts, &res); err != nil {
		return res, err
	}
	res.ApplicationsTook = time.Since(start)
	// Statistics for the planner, and the visibility map that lets counts of public entries
	// be index-only scans (entries_public_column), as autovacuum would set them later.
	if _, err := db.ExecContext(ctx, `VACUUM (ANALYZE)`); err != nil {
		return res, fmt.Errorf("seed: vacuum: %w", err)
	}
	return res, nil
}

// The province above searchtest's city: its government and departments. Their catalogs take a
// share of the city's generated documents, renamed (see provinceDoc).
var scaleProvince = []struct{ code, name, abbr string }{
	{"ln", "辽宁省人民政府", "辽政"},
	{"ln-fgw", "辽宁省发展和改革委员会", "辽发改"}, {"ln-jyt", "辽宁省教育厅", "辽教"}, {"ln-czt", "辽宁省财政厅", "辽财"},
	{"ln-rst", "辽宁省人力资源和社会保障厅", "辽人社"}, {"ln-zjt", "辽宁省住房和城乡建设厅", "辽建"},
	{"ln-sthjt", "辽宁省生态环境厅", "辽环"}, {"ln-jtt", "辽宁省交通运输厅", "辽交"}, {"ln-wjw", "辽宁省卫生健康委员会", "辽卫健"},
	{"ln-scjgj", "辽宁省市场监督管理局", "辽市监"}, {"ln-zrzyt", "辽宁省自然资源厅", "辽自然资"},
}

// loadScaleBodies creates the province, the city of searchtest.GenBodies below it, and the
// city's districts and departments, in one transaction.
func loadScaleBodies(ctx context.Context, db *sqlx.DB) (int, error) {
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM bodies`); err != nil {
		return 0, fmt.Errorf("seed: %w", err)
	}
	if n > 0 {
		return 0, ErrNotEmpty
	}
	count := 0
	err := database.Transact(ctx, db, func(tx *sqlx.Tx) error {
		add := func(code, name, parent, region, level string) error {
			count++
			org, err := creditCode(region, 500+count)
			if err != nil {
				return err
			}
			nb := bodies.NewBody{Code: code, Name: name, OrgCode: org, Parent: parent, Level: level, Office: bodies.Office{
				Name: name + "政府信息公开工作机构", Hours: "周一至周五 8:30—11:30，13:00—17:00（法定节假日除外）",
				Phone: fmt.Sprintf("024-2%07d", 1000000+count*7919%9000000), Email: code + "@xxgk.example",
			}}
			if _, err := bodies.CreateTx(ctx, tx, scaleActor, nb); err != nil {
				return fmt.Errorf("seed: body %s: %w", code, err)
			}
			return nil
		}
		for i, p := range scaleProvince {
			parent, level := "ln", ""
			if i == 0 {
				parent, level = "", "province"
			}
			if err := add(p.code, p.name, parent, "210000", level); err != nil {
				return err
			}
		}
		district := 0
		for _, b := range searchtest.GenBodies() {
			parent, region := "ln", "210100"
			if len(b.Codes) > 1 {
				parent = b.Codes[1]
			}
			if len(b.Codes) == 2 && !strings.HasPrefix(b.Code, "sy-") {
				district++
			}
			if !strings.HasPrefix(b.Code, "sy") {
				region = fmt.Sprintf("2101%02d", 1+district)
			}
			if err := add(b.Code, b.Name, parent, region, ""); err != nil {
				return err
			}
		}
		return nil
	})
	return count, err
}

// newBar returns a progress bar on w, or one that shows nothing when w is nil.
func newBar(w io.Writer, total int, what string) *progressbar.ProgressBar {
	if w == nil {
		w = io.Discard
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("rows"),
		progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionSetWidth(30),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }))
}

// catalogChunk is the least number of generated documents imported together, unless there
// are fewer (~4 KB a row in memory: two chunks of 100,000 take ~1 GB).
const catalogChunk = 100_000

// bulkIndexes are the entries indexes dropped during a large load and built afterwards:
// building a trigram index once is several times faster than maintaining it row by row.
var bulkIndexes = []string{"entries_title_trgm", "entries_summary_trgm"}

// loadScaleCatalog imports n generated documents, chunk by chunk, one import per body and
// chunk in body order, so that ids and index numbers are the same on every load. Generation
// runs ahead on every core while PostgreSQL takes the previous chunk.
func loadScaleCatalog(ctx context.Context, db *sqlx.DB, cal *calendar.Calendar, opts ScaleOptions, n int, res *ScaleResult) error {
	store := catalog.NewStore(db, cal)
	if err := store.EnsureStandardColumns(ctx); err != nil {
		return fmt.Errorf("seed: columns: %w", err)
	}
	if n == 0 {
		return nil
	}
	var defs []string
	if n >= 50_000 {
		if err := db.SelectContext(ctx, &defs, `SELECT indexdef FROM pg_indexes WHERE tablename = 'entries' AND indexname = ANY($1) ORDER BY indexname`,
			pq.StringArray(bulkIndexes)); err != nil {
			return fmt.Errorf("seed: indexes: %w", err)
		}
		for _, name := range bulkIndexes {
			if _, err := db.ExecContext(ctx, `DROP INDEX IF EXISTS `+pq.QuoteIdentifier(name)); err != nil {
				return fmt.Errorf("seed: drop index %s: %w", name, err)
			}
		}
	}
	if err := setSynchronousCommit(ctx, db, "off"); err != nil {
		return err
	}
	defer setSynchronousCommit(context.WithoutCancel(ctx), db, "on")

	// Each chunk is one import per body: the larger the chunk, the fewer the transactions (an
	// import costs a few queries and an audit event whatever its size); two chunks are in memory
	// at a time, the next generated on every core while PostgreSQL takes this one.
	size := max(min(n, catalogChunk), n/5)
	chunks := (n + size - 1) / size
	type chunk struct {
		bodies []string // in order
		rows   map[string][]catalog.ImportRow
	}
	generate := func(c int) chunk {
		from := c * size
		count := min(size, n-from)
		workers := max(1, runtime.NumCPU())
		docs := make([]search.Document, count)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := w; k < count; k += workers {
					docs[k] = searchtest.GenerateDocument(from + k)
				}
			}()
		}
		wg.Wait()
		ch := chunk{rows: map[string][]catalog.ImportRow{}}
		for k, d := range docs {
			code, row := scaleEntryRow(d, from+k, opts.Today)
			if ch.rows[code] == nil {
				ch.bodies = append(ch.bodies, code)
			}
			ch.rows[code] = append(ch.rows[code], row)
			docs[k] = search.Document{}
		}
		slices.Sort(ch.bodies)
		return ch
	}
	next := make(chan chunk, 1)
	go func() { next <- generate(0) }()
	bar := newBar(opts.Progress, n, "catalog entries")
	for c := range chunks {
		var ch chunk
		select {
		case ch = <-next:
		case <-ctx.Done():
			return ctx.Err()
		}
		if c+1 < chunks {
			go func() { next <- generate(c + 1) }()
		}
		for _, code := range ch.bodies {
			rows := ch.rows[code]
			r, err := store.ImportRows(ctx, scaleActor, code, rows, catalog.ImportOptions{FileName: fmt.Sprintf("seed-scale-%d.csv", c+1)})
			if err != nil {
				return fmt.Errorf("seed: catalog of %s: %w", code, err)
			}
			res.Entries += r.Rows
			res.Drafts += r.Drafts
			_ = bar.Add(len(rows))
		}
	}
	_ = bar.Finish()
	start := time.Now()
	if len(defs) > 0 {
		fmt.Fprintf(orDiscard(opts.Progress), "building %d search fallback indexes…\n", len(defs))
		conn, err := db.Connx(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `SET maintenance_work_mem = '512MB'`); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		for _, def := range defs {
			if _, err := conn.ExecContext(ctx, def); err != nil {
				return fmt.Errorf("seed: %s: %w", def, err)
			}
		}
	}
	res.IndexesTook = time.Since(start)
	return nil
}

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// scaleEntryRow turns generated document i into the import row of its body. One document in
// 25 of the city's own bodies goes to the province instead (renamed: issuer, place, document
// number prefix); one in 300 is a draft.
func scaleEntryRow(d search.Document, i int, today calendar.Date) (string, catalog.ImportRow) {
	code, issuer := d.BodyCode, d.BodyName
	if i%25 == 3 && strings.HasPrefix(d.BodyCode, "sy") && d.Kind != search.KindRule {
		p := scaleProvince[(i/25)%len(scaleProvince)]
		code, issuer = p.code, p.name
		ren := strings.NewReplacer(d.BodyName, p.name, "沈阳市", "辽宁省", "本市", "本省", "全市", "全省")
		d.Title, d.Summary, d.Body = ren.Replace(d.Title), ren.Replace(d.Summary), ren.Replace(d.Body)
		if d.DocNo != "" {
			if k := strings.Index(d.DocNo, "〔"); k > 0 {
				d.DocNo = p.abbr + "发" + d.DocNo[k:]
			}
		}
	}
	formed, _ := calendar.ParseDate(d.FormedOn)
	pub := time.Unix(d.PublishedAt, 0).In(calendar.China)
	row := catalog.ImportRow{
		Row: i + 2, Title: d.Title, DocNo: d.DocNo, Issuers: []string{issuer}, FormedOn: formed,
		PublishedOn: calendar.NewDate(pub.Year(), pub.Month(), pub.Day()),
		Kind:        catalog.Kind(d.Kind), Column: d.Column, Subject: d.Subject, Summary: d.Summary, Body: d.Body,
	}
	if i%300 == 17 {
		row.PublishedOn = calendar.Date{}
	}
	if row.Kind == catalog.KindNormative {
		// Five years of validity (the usual term), two for a lapsed interim measure; a repeal
		// comes a year or more after signature, never after today.
		row.ValidUntil = addYears(formed, 5)
		switch d.Validity {
		case search.ValidityInForce:
			row.Validity = catalog.ValidityInForce
		case search.ValidityLapsed:
			row.Validity = catalog.ValidityLapsed
			if until := addYears(formed, 2); until.Before(today) {
				row.ValidUntil = until
			} else {
				row.Validity = catalog.ValidityInForce
			}
		case search.ValidityRepealed:
			row.Validity = catalog.ValidityRepealed
			row.RepealedOn = formed.AddDays(365 + i%700)
			if row.RepealedOn.After(today) {
				row.RepealedOn = today
			}
		case search.ValidityAmended:
			row.Validity = catalog.ValidityAmended
		}
	}
	return code, row
}

// --- applications ---

// scaleApp is one generated application: its row and its events.
type scaleApp struct {
	i         int
	body      int // index into the bodies list
	day       calendar.Date
	year      int
	serial    int
	submitted time.Time
	received  calendar.NullDate
	applicant requests.ApplicantType
	name, idType, idNumber, legalRep, contact,
	phone, email, address, postcode, description string
	channel, delivery string
	status            requests.Status
	due               calendar.NullDate
	provisional       bool
	extended          bool
	outcome           requests.Outcome
	answered          calendar.NullDate
	answer            string
	fee               *int
	events            []scaleEvent
	appeal            *scaleAppeal
}

type scaleEvent struct {
	kind, basis string
	on          calendar.Date
	data        map[string]any
}

type scaleAppeal struct {
	kind      requests.AppealKind
	result    requests.AppealResult
	filed     calendar.Date
	concluded calendar.NullDate
}

type scaleBody struct {
	ID   int64  `db:"id"`
	Code string `db:"code"`
	Name string `db:"name"`
	Kind string `db:"kind"`
}

// outcomeWeights is how often each outcome ends an answered application (per mille), after
// what bodies report nationally: most are disclosed or not held.
var outcomeWeights = []struct {
	o requests.Outcome
	w int
}{
	{requests.OutcomeDisclosed, 400}, {requests.OutcomePartlyDisclosed, 120}, {requests.OutcomeNotHeld, 160},
	{requests.OutcomeNeedsNewWork, 50}, {requests.OutcomeProcessInformation, 40}, {requests.OutcomeInternalAffairs, 30},
	{requests.OutcomeThirdPartyRights, 30}, {requests.OutcomeEnforcementFile, 20}, {requests.OutcomeAdministrativeInquiry, 20},
	{requests.OutcomePetitionComplaint, 40}, {requests.OutcomeRepeatApplication, 25}, {requests.OutcomePublication, 25},
	{requests.OutcomeUnreasonableBulk, 10}, {requests.OutcomeConfirmOrReissue, 10}, {requests.OutcomeStateSecret, 5},
	{requests.OutcomeForbiddenByLaw, 10}, {requests.OutcomeSecurityStability, 5},
}

// loadScaleApplications plans n applications over the five years up to today, numbers them in
// order of arrival per body and year as the store does, and writes them, their events, their
// counters and their appeals by COPY in one transaction.
func loadScaleApplications(ctx context.Context, db *sqlx.DB, cal *calendar.Calendar, opts ScaleOptions, n int, res *ScaleResult) error {
	if n == 0 {
		return nil
	}
	var bs []scaleBody
	if err := db.SelectContext(ctx, &bs, `SELECT id, code, name, kind FROM bodies ORDER BY id`); err != nil {
		return fmt.Errorf("seed: bodies: %w", err)
	}
	var govs []int
	for k, b := range bs {
		if b.Kind == "government" {
			govs = append(govs, k)
		}
	}
	policy := requests.DefaultClockPolicy()
	first := calendar.NewDate(opts.Today.Year()-4, time.January, 1)
	span := opts.Today.Sub(first) + 1

	bar := newBar(opts.Progress, n, "applications")
	apps := make([]*scaleApp, n)
	workers := max(1, runtime.NumCPU())
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				r := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
				body := r.IntN(len(bs))
				if r.IntN(10) < 3 {
					body = govs[r.IntN(len(govs))]
				}
				apps[i] = planApp(r, i, bs[body], cal, policy, first, span, opts.Today)
				apps[i].body = body
			}
		}()
	}
	wg.Wait()

	// Serials in order of arrival, per body and year of the first event (the store's rule).
	order := slices.Clone(apps)
	slices.SortStableFunc(order, func(a, b *scaleApp) int {
		if c := a.submitted.Compare(b.submitted); c != 0 {
			return c
		}
		return a.i - b.i
	})
	type key struct{ body, year int }
	last := map[key]int{}
	for _, a := range order {
		k := key{a.body, a.year}
		last[k]++
		a.serial = last[k]
	}

	if err := setSynchronousCommit(ctx, db, "off"); err != nil {
		return err
	}
	defer setSynchronousCommit(context.WithoutCancel(ctx), db, "on")
	return database.Transact(ctx, db, func(tx *sqlx.Tx) error {
		var ids []int64
		if err := tx.SelectContext(ctx, &ids, `SELECT nextval(pg_get_serial_sequence('applications', 'id')) FROM generate_series(1, $1)`, n); err != nil {
			return fmt.Errorf("application ids: %w", err)
		}
		slices.Sort(ids)
		idOf := make(map[*scaleApp]int64, n)
		for k, a := range order {
			idOf[a] = ids[k]
		}
		salt := rand.New(rand.NewPCG(opts.Seed, 0x71636f6465))
		b64 := base64.RawStdEncoding
		err := copyIn(ctx, tx, "applications", []string{"id", "body_id", "tracking_no", "year", "serial", "query_code_hash",
			"applicant_type", "applicant_name", "id_type", "id_number", "legal_rep", "contact_person", "phone", "email", "address",
			"postcode", "description", "form_wanted", "delivery", "channel", "consent", "submitted_at", "received_on", "status",
			"due_on", "due_provisional", "extended", "outcome", "answered_on", "answer_text", "fee_yuan", "source", "created_by",
			"created_at", "updated_at"}, n, func(k int) []any {
			a := order[k]
			b := bs[a.body]
			// A well-formed argon2id hash no code matches (as for imported applications):
			// nobody tracks a generated application with a query code.
			var raw [48]byte
			for j := range raw {
				raw[j] = byte(salt.Uint32())
			}
			hash := fmt.Sprintf("$argon2id$v=%d$m=8192,t=2,p=1$%s$%s", argon2.Version, b64.EncodeToString(raw[:16]), b64.EncodeToString(raw[16:]))
			var outcome any
			if a.outcome != "" {
				outcome = string(a.outcome)
			}
			updated := a.submitted
			if len(a.events) > 0 {
				updated = eventTime(a.events[len(a.events)-1].on, a.i)
			}
			form := "electronic"
			if a.delivery == "post" {
				form = "paper"
			}
			return []any{idOf[a], b.ID, trackingNo(b.Code, a.year, a.serial), a.year, a.serial, []byte(hash),
				string(a.applicant), a.name, a.idType, a.idNumber, a.legalRep, a.contact, a.phone, a.email, a.address,
				a.postcode, a.description, form, a.delivery, a.channel, a.channel == "online", a.submitted, a.received, string(a.status),
				a.due, a.provisional, a.extended, outcome, a.answered, a.answer, a.fee, "seed", scaleActor.Name,
				a.submitted, updated}
		}, func(sent int) { _ = bar.Set(sent) })
		if err != nil {
			return fmt.Errorf("applications: %w", err)
		}
		_ = bar.Finish()
		// Events: one COPY over every application's events, in arrival order.
		type ev struct {
			app *scaleApp
			e   *scaleEvent
		}
		var evs []ev
		for _, a := range order {
			for j := range a.events {
				evs = append(evs, ev{a, &a.events[j]})
			}
		}
		err = copyIn(ctx, tx, "application_events", []string{"application_id", "kind", "on_date", "at", "actor", "basis", "data", "public"},
			len(evs), func(k int) []any {
				x := evs[k]
				data := []byte("{}")
				if len(x.e.data) > 0 {
					data, _ = json.Marshal(x.e.data)
				}
				return []any{idOf[x.app], x.e.kind, x.e.on, eventTime(x.e.on, x.app.i+k), scaleActor.Name, x.e.basis, string(data), true}
			}, func(int) {})
		if err != nil {
			return fmt.Errorf("events: %w", err)
		}
		res.Events = len(evs)
		if _, err := tx.ExecContext(ctx, `INSERT INTO application_counters (body_id, year, last)
			SELECT body_id, year, max(serial) FROM applications GROUP BY body_id, year
			ON CONFLICT (body_id, year) DO UPDATE SET last = greatest(application_counters.last, EXCLUDED.last)`); err != nil {
			return fmt.Errorf("application counters: %w", err)
		}
		var appeals []*scaleApp
		for _, a := range order {
			if a.appeal != nil {
				appeals = append(appeals, a)
			}
		}
		err = copyIn(ctx, tx, "appeals", []string{"body_id", "application_id", "kind", "result", "filed_on", "concluded_on", "source", "created_by"},
			len(appeals), func(k int) []any {
				a := appeals[k]
				return []any{bs[a.body].ID, idOf[a], string(a.appeal.kind), string(a.appeal.result), a.appeal.filed, a.appeal.concluded, "seed", scaleActor.Name}
			}, func(int) {})
		if err != nil {
			return fmt.Errorf("appeals: %w", err)
		}
		res.Applications, res.Appeals = n, len(appeals)
		for _, a := range apps {
			if a.status.Open() {
				res.Open++
			}
		}
		return audit.Append(ctx, tx, scaleActor, audit.Event{Action: "seed.applications", Target: "applications",
			Changes: map[string]any{"applications": n, "open": res.Open, "appeals": len(appeals), "events": len(evs), "seed": opts.Seed, "scale": opts.Scale}})
	})
}

// loadScaleTransfers sends a few applications on to the body that holds the information (a
// department's to its government), through the store, which links the two: one for every
// 2,000 applications, at least four.
func loadScaleTransfers(ctx context.Context, db *sqlx.DB, cal *calendar.Calendar, opts ScaleOptions, res *ScaleResult) error {
	if res.Applications == 0 {
		return nil
	}
	store := requests.NewStore(db, cal, requests.DefaultClockPolicy())
	pairs := [][2]string{{"sy-fgw", "sy"}, {"hp-jyj", "hp"}, {"sy-zjj", "hp-zjj"}, {"ln-czt", "sy-czj"}, {"tx-mzj", "tx"}, {"sy-wjw", "ln-wjw"}}
	r := rand.New(rand.NewPCG(opts.Seed, 0x7472616e73))
	received := opts.Today
	for k := 0; k < 8; k++ {
		received = received.AddDays(-1)
		for !cal.IsWorkingDay(received) {
			received = received.AddDays(-1)
		}
	}
	for k := range max(4, res.Applications/2000) {
		pair := pairs[k%len(pairs)]
		a := &scaleApp{day: received}
		for a.applicant != requests.ApplicantPerson {
			scaleApplicant(r, a, scaleBody{Name: "本机关"})
		}
		in := requests.NewApplication{ApplicantType: a.applicant, ApplicantName: a.name, IDNumber: a.idNumber, LegalRep: a.legalRep,
			ContactPerson: a.contact, Phone: a.phone, Email: a.email, Address: a.address, Postcode: a.postcode,
			Description: a.description, Channel: "in_person", ReceivedOn: received, Source: "seed"}
		app, _, err := store.Register(ctx, scaleActor, pair[0], in)
		if err != nil {
			return fmt.Errorf("seed: transfer %d: register: %w", k, err)
		}
		if _, err := store.Act(ctx, scaleActor, app.TrackingNo, requests.Action{Kind: requests.ActTransfer, TransferTo: pair[1],
			Note: "所申请信息由" + pair[1] + "掌握"}); err != nil {
			return fmt.Errorf("seed: transfer %d: %w", k, err)
		}
		res.Applications += 2
		res.Open++
	}
	return nil
}

// trackingNo is requests' format: YSQ-2026-SY-FGW-000123.
func trackingNo(bodyCode string, year, serial int) string {
	return fmt.Sprintf("YSQ-%d-%s-%06d", year, strings.ToUpper(bodyCode), serial)
}

// eventTime is a moment during office hours on day d.
func eventTime(d calendar.Date, salt int) time.Time {
	return d.Time(calendar.China).Add(9*time.Hour + time.Duration(salt*7919%(7*3600))*time.Second)
}

// copyIn writes count rows into table with one COPY; sent hears every 1,000 rows.
func copyIn(ctx context.Context, tx *sqlx.Tx, table string, columns []string, count int, row func(int) []any, sent func(int)) error {
	stmt, err := tx.PrepareContext(ctx, pq.CopyIn(table, columns...))
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range count {
		if _, err := stmt.ExecContext(ctx, row(i)...); err != nil {
			return err
		}
		if (i+1)%1000 == 0 {
			sent(i + 1)
		}
	}
	if _, err := stmt.ExecContext(ctx); err != nil {
		return err
	}
	sent(count)
	return stmt.Close()
}

// wdAfter returns the working day n working days after d (d itself for n = 0, moved to the
// next working day if it is not one).
func wdAfter(cal *calendar.Calendar, d calendar.Date, n int) calendar.Date {
	for !cal.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	if n == 0 {
		return d
	}
	out, _ := cal.AddWorkingDays(d, n)
	return out
}

// planApp plans application i received at body b: the applicant, the whole life of the
// application, then cuts it at today and derives its row as the store would.
func planApp(r *rand.Rand, i int, b scaleBody, cal *calendar.Calendar, policy requests.ClockPolicy, first calendar.Date, span int, today calendar.Date) *scaleApp {
	a := &scaleApp{i: i}
	// The first applications show every open state at any scale: received a month ago, each
	// stopped at a step (see shows below).
	forced := i < len(openShows)
	day := wdAfter(cal, first.AddDays(r.IntN(span)), 0)
	if forced {
		day = wdAfter(cal, today.AddDays(-30-i%10), 0)
	}
	for day.After(today) {
		day = day.AddDays(-1)
	}
	a.day = day
	scaleApplicant(r, a, b)

	channels := []string{"online", "online", "online", "online", "online", "online", "in_person", "in_person", "post", "registered_post", "email", "fax"}
	a.channel = channels[r.IntN(len(channels))]
	if forced && openShows[i] == requests.StatusSubmitted {
		a.channel = "online"
	}
	a.delivery = map[string]string{"online": "online", "in_person": "pickup", "post": "post", "registered_post": "post", "email": "email", "fax": "post"}[a.channel]
	a.submitted = eventTime(day, i)
	a.year = day.Year()

	var plan []scaleEvent
	received := day
	if a.channel == "online" {
		plan = append(plan, scaleEvent{kind: requests.EventSubmitted, on: day, basis: "条例第二十九条", data: map[string]any{"channel": "online"}})
		received = wdAfter(cal, day, r.IntN(2))
	}
	plan = append(plan, scaleEvent{kind: requests.EventReceived, on: received, basis: "条例第三十一条", data: map[string]any{"channel": a.channel}})
	t := received
	if r.IntN(10) < 8 {
		t = wdAfter(cal, t, r.IntN(3))
		plan = append(plan, scaleEvent{kind: requests.EventStarted, on: t, basis: "条例第四十五条"})
	}
	p := r.IntN(1000)
	if forced {
		p = map[requests.Status]int{requests.StatusAwaitingCorrection: 0, requests.StatusConsulting: 60, requests.StatusFeePending: 110}[openShows[i]]
		if p == 0 && openShows[i] != requests.StatusAwaitingCorrection {
			p = 500
		}
	}
	terminal := ""
	corrected := false
	switch {
	case p < 60: // a correction is asked for within 7 working days of receipt
		t = wdAfter(cal, received, 1+r.IntN(5))
		if t.Before(plan[len(plan)-1].on) {
			t = plan[len(plan)-1].on
		}
		plan = append(plan, scaleEvent{kind: string(requests.ClockCorrectionRequested), on: t, basis: "条例第三十条"})
		if r.IntN(10) < 7 {
			t = wdAfter(cal, t, 3+r.IntN(12))
			plan = append(plan, scaleEvent{kind: string(requests.ClockCorrectionReceived), on: t, basis: "条例第三十条"})
			corrected = true
		} else {
			t = wdAfter(cal, t, 16+r.IntN(10))
			plan = append(plan, scaleEvent{kind: requests.EventAbandoned, on: t, basis: "条例第三十条",
				data: map[string]any{"outcome": requests.OutcomeAbandonedNoCorrection}})
			terminal = "closed"
		}
	case p < 110: // a third party or another body is consulted
		reason, basis := requests.PauseThirdParty, "条例第三十二条"
		if r.IntN(10) < 3 {
			reason, basis = requests.PauseOtherBody, "条例第三十四条"
		}
		t = wdAfter(cal, t, 2+r.IntN(6))
		plan = append(plan, scaleEvent{kind: string(requests.ClockPauseStarted), on: t, basis: basis, data: map[string]any{"reason": reason}})
		t = wdAfter(cal, t, 3+r.IntN(12))
		plan = append(plan, scaleEvent{kind: string(requests.ClockPauseEnded), on: t, basis: basis, data: map[string]any{"reason": reason}})
	case p < 120: // a processing fee (Art. 42), by the page
		fb, err := requests.PageFees(300 + r.IntN(1500))
		if err == nil && fb.Total > 0 {
			t = wdAfter(cal, t, 3+r.IntN(8))
			total := fb.Total
			a.fee = &total
			plan = append(plan, scaleEvent{kind: string(requests.ClockFeeNoticeSent), on: t, basis: "条例第四十二条",
				data: map[string]any{"fee_method": fb.Method, "fee_count": fb.Count, "fee_yuan": fb.Total, "formula": fb.Formula()}})
			if r.IntN(5) > 0 {
				t = wdAfter(cal, t, 2+r.IntN(10))
				plan = append(plan, scaleEvent{kind: string(requests.ClockFeePaid), on: t, basis: "条例第四十二条", data: map[string]any{"fee_yuan": fb.Total}})
			} else {
				t = wdAfter(cal, t, 21+r.IntN(5))
				plan = append(plan, scaleEvent{kind: requests.EventAbandoned, on: t, basis: "条例第四十二条",
					data: map[string]any{"outcome": requests.OutcomeAbandonedFeeUnpaid}})
				terminal = "closed"
			}
		}
	}
	clock := func(evs []scaleEvent) (requests.Deadline, error) {
		var ce []requests.ClockEvent
		for _, e := range evs {
			switch requests.ClockEventKind(e.kind) {
			case requests.ClockCorrectionRequested, requests.ClockCorrectionReceived, requests.ClockPauseStarted, requests.ClockPauseEnded,
				requests.ClockFeeNoticeSent, requests.ClockFeePaid, requests.ClockExtended:
				x := requests.ClockEvent{Kind: requests.ClockEventKind(e.kind), On: e.on}
				if v, ok := e.data["reason"].(requests.PauseReason); ok {
					x.Reason = v
				}
				if v, ok := e.data["days"].(int); ok {
					x.Days = v
				}
				ce = append(ce, x)
			}
		}
		return requests.ComputeDeadline(cal, policy, received, ce)
	}
	if forced {
		plan = cutForShow(plan, openShows[i])
		terminal = "open"
	}
	if terminal == "" || forced && openShows[i] == requests.StatusExtended {
		dl, err := clock(plan)
		if err == nil && !dl.Due.IsZero() && (forced || r.IntN(100) < 8) && dl.Due.After(t) {
			// An extension approved before the deadline passes (Art. 33).
			on := wdAfter(cal, t, r.IntN(max(1, cal.WorkingDaysBetween(t, dl.Due))))
			if forced {
				on = wdAfter(cal, t, 1)
			}
			if on.Before(dl.Due) {
				t = on
				plan = append(plan, scaleEvent{kind: string(requests.ClockExtended), on: t, basis: "条例第三十三条",
					data: map[string]any{"days": requests.MaxExtensionWD, "approved_by": officeHeads[r.IntN(len(officeHeads))]}})
			}
		}
		dl, err = clock(plan)
		due := dl.Due
		if err != nil || due.IsZero() {
			due = wdAfter(cal, t, 15)
		}
		switch {
		case forced:
		case r.IntN(100) < 3:
			t = wdAfter(cal, t, r.IntN(5))
			plan = append(plan, scaleEvent{kind: requests.EventWithdrawn, on: t, data: map[string]any{"outcome": requests.OutcomeOther}})
			terminal = "withdrawn"
		default:
			// Nine in ten answered in time, the others up to ten working days late.
			if r.IntN(10) < 9 {
				if n := cal.WorkingDaysBetween(t, due); n > 0 {
					t = wdAfter(cal, t, r.IntN(n+1))
				}
			} else {
				t = wdAfter(cal, due, 1+r.IntN(10))
			}
			o := pickOutcome(r)
			if corrected && r.IntN(5) == 0 {
				o = requests.OutcomeUnclearAfterCorrection
			}
			info, _ := o.Info()
			basis := ""
			if info.Basis != "" {
				basis = "条例" + info.Basis
			}
			plan = append(plan, scaleEvent{kind: requests.EventAnswered, on: t, basis: basis, data: map[string]any{"outcome": o}})
			a.answer = answerTexts[o]
			terminal = "answered"
		}
	}

	// Cut at today: what has not happened yet is not recorded.
	cut := len(plan)
	for cut > 0 && plan[cut-1].on.After(today) {
		cut--
	}
	a.events = plan[:cut]
	isReceived := false
	for _, e := range a.events {
		if e.kind == requests.EventReceived {
			isReceived = true
		}
	}
	if isReceived {
		a.received = calendar.NullDate{Date: received, Valid: true}
	}
	start := received
	if !isReceived {
		start = day
	}
	deadline := func(evs []scaleEvent) (requests.Deadline, error) {
		saved := received
		received = start
		defer func() { received = saved }()
		return clock(evs)
	}
	dl, err := deadline(a.events)
	if err != nil {
		// Should not happen: every planned life is a valid clock. Keep the application without
		// its optional steps rather than store an impossible one.
		a.events = a.events[:min(len(a.events), 2)]
		dl, _ = deadline(a.events)
	}
	a.due = nullDate(dl.Due)
	a.provisional = dl.Provisional
	for _, e := range a.events {
		if e.kind == string(requests.ClockExtended) {
			a.extended = true
		}
	}
	if cut == len(plan) && terminal != "" && terminal != "open" {
		lastEv := a.events[len(a.events)-1]
		o, _ := lastEv.data["outcome"].(requests.Outcome)
		a.outcome, a.answered = o, calendar.NullDate{Date: lastEv.on, Valid: true}
		a.status = map[string]requests.Status{"answered": requests.StatusAnswered, "closed": requests.StatusClosed, "withdrawn": requests.StatusWithdrawn}[terminal]
		if !a.due.Valid {
			prev, _ := deadline(a.events[:len(a.events)-1])
			a.due, a.provisional = nullDate(prev.Due), prev.Provisional
		}
		if terminal == "answered" && o != requests.OutcomeDisclosed && r.IntN(100) < 12 {
			a.appeal = planAppeal(r, lastEv.on, today)
		}
	} else {
		a.answer = ""
		a.status = deriveStatus(isReceived, a.events, dl)
	}
	return a
}

// openShows are the states the first applications stop in, so that every officer queue has
// something at any scale.
var openShows = []requests.Status{
	requests.StatusSubmitted, requests.StatusReceived, requests.StatusInProgress, requests.StatusAwaitingCorrection,
	requests.StatusConsulting, requests.StatusExtended, requests.StatusFeePending, requests.StatusInProgress,
}

// cutForShow stops a planned life at the step that leaves it in state show.
func cutForShow(plan []scaleEvent, show requests.Status) []scaleEvent {
	upTo := func(kind string) []scaleEvent {
		for k, e := range plan {
			if e.kind == kind {
				return plan[:k+1]
			}
		}
		return plan
	}
	switch show {
	case requests.StatusSubmitted:
		return plan[:1]
	case requests.StatusReceived:
		return upTo(requests.EventReceived)
	case requests.StatusAwaitingCorrection:
		return upTo(string(requests.ClockCorrectionRequested))
	case requests.StatusConsulting:
		return upTo(string(requests.ClockPauseStarted))
	case requests.StatusFeePending:
		return upTo(string(requests.ClockFeeNoticeSent))
	case requests.StatusInProgress:
		if plan[len(plan)-1].kind == requests.EventReceived {
			return append(plan, scaleEvent{kind: requests.EventStarted, on: plan[len(plan)-1].on, basis: "条例第四十五条"})
		}
	}
	return plan
}

// deriveStatus is the status requests derives for an open application from its events.
func deriveStatus(received bool, events []scaleEvent, dl requests.Deadline) requests.Status {
	if !received {
		return requests.StatusSubmitted
	}
	var feeOpen, consultOpen, extended, worked bool
	for _, e := range events {
		switch e.kind {
		case string(requests.ClockFeeNoticeSent):
			feeOpen = true
		case string(requests.ClockFeePaid):
			feeOpen = false
		case string(requests.ClockPauseStarted):
			consultOpen = true
		case string(requests.ClockPauseEnded):
			consultOpen = false
		case string(requests.ClockExtended):
			extended = true
		}
		switch e.kind {
		case requests.EventSubmitted, requests.EventReceived:
		default:
			worked = true
		}
	}
	switch {
	case dl.AwaitingCorrection:
		return requests.StatusAwaitingCorrection
	case feeOpen:
		return requests.StatusFeePending
	case consultOpen:
		return requests.StatusConsulting
	case extended:
		return requests.StatusExtended
	case worked:
		return requests.StatusInProgress
	}
	return requests.StatusReceived
}

func nullDate(d calendar.Date) calendar.NullDate {
	if d.IsZero() {
		return calendar.NullDate{}
	}
	return calendar.NullDate{Date: d, Valid: true}
}

func pickOutcome(r *rand.Rand) requests.Outcome {
	total := 0
	for _, w := range outcomeWeights {
		total += w.w
	}
	n := r.IntN(total)
	for _, w := range outcomeWeights {
		if n < w.w {
			return w.o
		}
		n -= w.w
	}
	return requests.OutcomeDisclosed
}

// planAppeal plans the review or lawsuit an applicant brings within 60 days of the answer;
// it is decided within three months, or still pending when that is after today.
func planAppeal(r *rand.Rand, answered, today calendar.Date) *scaleAppeal {
	filed := answered.AddDays(5 + r.IntN(55))
	if filed.After(today) {
		return nil
	}
	kinds := []requests.AppealKind{requests.AppealReview, requests.AppealReview, requests.AppealReview, requests.AppealLawsuit, requests.AppealLawsuitAfterReview}
	ap := &scaleAppeal{kind: kinds[r.IntN(len(kinds))], filed: filed, result: requests.AppealPending}
	if concluded := filed.AddDays(30 + r.IntN(60)); !concluded.After(today) {
		results := []requests.AppealResult{requests.AppealUpheld, requests.AppealUpheld, requests.AppealUpheld, requests.AppealUpheld, requests.AppealCorrected, requests.AppealOther}
		ap.result, ap.concluded = results[r.IntN(len(results))], calendar.NullDate{Date: concluded, Valid: true}
	}
	return ap
}

// scaleApplicant fills in who applies: mostly people, otherwise one of the demo's
// organisations, asking the body about one of the generator's topics.
func scaleApplicant(r *rand.Rand, a *scaleApp, b scaleBody) {
	d := appDistricts[r.IntN(len(appDistricts))]
	street := d.streets[r.IntN(len(d.streets))]
	topic := searchtest.GenTopics[r.IntN(len(searchtest.GenTopics))]
	a.description = fmt.Sprintf("申请公开%s%d年%s相关的文件、资金安排及执行情况。", b.Name, a.day.Year()-r.IntN(3), topic)
	if r.IntN(10) < 8 {
		a.applicant = requests.ApplicantPerson
		a.name = surnames[r.IntN(len(surnames))] + givenNames[r.IntN(len(givenNames))]
		birth := calendar.NewDate(1950+r.IntN(55), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		first17 := fmt.Sprintf("%s%04d%02d%02d%03d", d.code, birth.Year(), int(birth.Month()), birth.Day(), r.IntN(1000))
		a.idType, a.idNumber = "resident_id", first17+string(requests.ResidentIDCheckChar(first17))
		a.phone = fmt.Sprintf("1%d%09d", 3+r.IntN(7), r.IntN(1_000_000_000))
		a.address = fmt.Sprintf("沈阳市%s%s%d号", d.name, street, 1+r.IntN(300))
		a.postcode = d.postcode
		if r.IntN(2) == 0 {
			a.email = fmt.Sprintf("user%d@example.cn", r.IntN(1_000_000))
		}
		return
	}
	o := demoOrgs[r.IntN(len(demoOrgs))]
	a.applicant, a.name, a.legalRep, a.contact, a.address = o.kind, o.name, o.legalRep, o.contact, o.address
	a.phone = fmt.Sprintf("024-%08d", 20000000+r.IntN(9999999))
	a.postcode = d.postcode
}
