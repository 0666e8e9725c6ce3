package requests

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/calendar"
	"xxgk/database"
)

// Store keeps applications, their events and appeals in PostgreSQL and runs the state machine
// of law.md §6 with the clock of law.md §5.
type Store struct {
	db     *sqlx.DB
	cal    atomic.Pointer[calendar.Calendar]
	policy ClockPolicy
	now    func() time.Time

	// codeHasher hashes query codes. Codes have about 40 bits of entropy, so the hash is a
	// slow one (argon2id): a stolen table cannot be walked through all codes cheaply.
	codeHasher accounts.Hasher

	// TrackLimit wrong tracking attempts per client address, and as many per tracking number,
	// are allowed within TrackWindow; then Track answers ErrTooManyAttempts.
	TrackLimit  int
	TrackWindow time.Duration
}

// NewStore returns a store on db that counts working days with cal (nil counts weekends only)
// under policy (take DefaultClockPolicy unless configured).
func NewStore(db *sqlx.DB, cal *calendar.Calendar, policy ClockPolicy) *Store {
	s := &Store{db: db, policy: policy, now: time.Now,
		codeHasher: accounts.Hasher{Memory: 8 * 1024, Time: 2, Threads: 1},
		TrackLimit: 10, TrackWindow: 15 * time.Minute}
	s.SetCalendar(cal)
	return s
}

// SetCalendar replaces the working-day calendar, when an administrator loads a year. Call
// RecomputeOpen afterwards to move the stored due dates.
func (s *Store) SetCalendar(cal *calendar.Calendar) {
	if cal == nil {
		cal = &calendar.Calendar{}
	}
	s.cal.Store(cal)
}

// Calendar returns the calendar in use.
func (s *Store) Calendar() *calendar.Calendar { return s.cal.Load() }

// Policy returns the clock policy in use.
func (s *Store) Policy() ClockPolicy { return s.policy }

// SetClock replaces the store's clock, for tests that act on other days. The clock decides
// what "today" is (in China), stamps events, and times the tracking limits.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

func (s *Store) clock() time.Time { return s.now().Truncate(time.Microsecond) }

func (s *Store) today() calendar.Date { return calendar.DateOf(s.now().In(calendar.China)) }

func chinaDate(t time.Time) calendar.Date { return calendar.DateOf(t.In(calendar.China)) }

type bodyRef struct {
	ID   int64  `db:"id"`
	Code string `db:"code"`
	Name string `db:"name"`
}

func bodyByCode(ctx context.Context, q sqlx.QueryerContext, code string) (bodyRef, error) {
	var b bodyRef
	err := sqlx.GetContext(ctx, q, &b, `SELECT id, code, name FROM bodies WHERE code = $1`, code)
	if errors.Is(err, sql.ErrNoRows) {
		return bodyRef{}, fmt.Errorf("body %s: %w", code, ErrNotFound)
	}
	if err != nil {
		return bodyRef{}, fmt.Errorf("body %s: %w", code, err)
	}
	return b, nil
}

// The query code alphabet leaves out characters that are easily confused (0 O, 1 I L).
const (
	codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	codeLen      = 8
)

// newQueryCode returns a random query code from crypto/rand.
func newQueryCode() (string, error) {
	b := make([]byte, codeLen)
	out := make([]byte, codeLen)
	for i := 0; i < codeLen; {
		if _, err := rand.Read(b); err != nil {
			return "", fmt.Errorf("query code: %w", err)
		}
		for _, c := range b {
			// Rejection sampling keeps every character equally likely.
			if int(c) < 256/len(codeAlphabet)*len(codeAlphabet) && i < codeLen {
				out[i] = codeAlphabet[int(c)%len(codeAlphabet)]
				i++
			}
		}
	}
	return string(out), nil
}

// NormalizeQueryCode is how a typed query code is compared: upper case, without spaces or
// hyphens.
func NormalizeQueryCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, code)
}

// NormalizeTrackingNo is how a typed tracking number is looked up: trimmed, upper case.
func NormalizeTrackingNo(no string) string { return strings.ToUpper(strings.TrimSpace(no)) }

// trackingNo formats a tracking number: YSQ-2026-SY-FGW-000123. The body's code is part of it
// because the serial restarts each year for each body while tracking numbers are unique across
// bodies.
func trackingNo(bodyCode string, year, serial int) string {
	return fmt.Sprintf("YSQ-%d-%s-%06d", year, strings.ToUpper(bodyCode), serial)
}

// nextSerial takes the body's next serial number of year; the counter row's lock serialises
// concurrent submissions until the transaction ends.
func nextSerial(ctx context.Context, tx *sqlx.Tx, bodyID int64, year int) (int, error) {
	var n int
	err := tx.GetContext(ctx, &n, `INSERT INTO application_counters (body_id, year, last) VALUES ($1, $2, 1)
		ON CONFLICT (body_id, year) DO UPDATE SET last = application_counters.last + 1 RETURNING last`, bodyID, year)
	if err != nil {
		return 0, fmt.Errorf("tracking number: %w", err)
	}
	return n, nil
}

// Submit stores an online application from the public form or API. It is received when the
// office confirms it (Act confirm). It returns the application and its query code, which is
// shown once and stored only as a hash.
func (s *Store) Submit(ctx context.Context, actor audit.Actor, bodyCode string, in NewApplication) (Application, string, error) {
	in.normalize()
	in.Channel, in.ReceivedOn = "online", calendar.Date{}
	if in.Source == "" {
		in.Source = "online"
	}
	problems := in.validate()
	if !in.Consent {
		problems["consent"] = "请阅读并同意个人信息保护说明"
	}
	if !oneOf(in.Source, []string{"online", "api", "seed"}) {
		return Application{}, "", fmt.Errorf("requests: submit: unknown source %q", in.Source)
	}
	// The public names the body in the form: an unknown one is a field error like the others.
	if _, err := bodyByCode(ctx, s.db, bodyCode); errors.Is(err, ErrNotFound) {
		problems["body"] = "没有这个机关"
	} else if err != nil {
		return Application{}, "", fmt.Errorf("requests: submit: %w", err)
	}
	if len(problems) > 0 {
		return Application{}, "", problems
	}
	return s.create(ctx, actor, bodyCode, in, "application.submit")
}

// Register stores an application an officer received in person, by post, fax or e-mail, with
// its channel and the received date of Art. 31 (in person: the day handed in; registered post:
// the day signed for; ordinary post, fax and e-mail: the day the office confirmed it with the
// applicant). The date may not be in the future. Like Submit it returns a query code for the
// applicant.
func (s *Store) Register(ctx context.Context, actor audit.Actor, bodyCode string, in NewApplication) (Application, string, error) {
	in.normalize()
	if in.Source == "" {
		in.Source = "console"
	}
	if !oneOf(in.Source, []string{"console", "api", "seed"}) {
		return Application{}, "", fmt.Errorf("requests: register: unknown source %q", in.Source)
	}
	problems := in.validate()
	if !oneOf(in.Channel, []string{"in_person", "post", "registered_post", "fax", "email"}) {
		problems["channel"] = "请选择收到申请的渠道：当面、邮寄、挂号信、传真或电子邮件"
	}
	switch today := s.today(); {
	case in.ReceivedOn.IsZero():
		problems["received_on"] = "请填写收到申请的日期"
	case in.ReceivedOn.After(today):
		problems["received_on"] = fmt.Sprintf("收到日期 %s 晚于今天", in.ReceivedOn)
	case in.ReceivedOn.Year() < 2008:
		problems["received_on"] = "收到日期早于政府信息公开条例施行（2008年5月1日）"
	}
	if len(problems) > 0 {
		return Application{}, "", problems
	}
	return s.create(ctx, actor, bodyCode, in, "application.register")
}

// create inserts an application with its first event.
func (s *Store) create(ctx context.Context, actor audit.Actor, bodyCode string, in NewApplication, action string) (Application, string, error) {
	code, err := newQueryCode()
	if err != nil {
		return Application{}, "", err
	}
	hash, err := s.codeHasher.Hash(code)
	if err != nil {
		return Application{}, "", err
	}
	now := s.clock()
	online := in.Channel == "online"
	var no string
	err = database.Transact(ctx, s.db, func(tx *sqlx.Tx) error {
		b, err := bodyByCode(ctx, tx, bodyCode)
		if err != nil {
			return err
		}
		day := chinaDate(now)
		if !online {
			day = in.ReceivedOn
		}
		serial, err := nextSerial(ctx, tx, b.ID, day.Year())
		if err != nil {
			return err
		}
		no = trackingNo(b.Code, day.Year(), serial)
		status, received := StatusSubmitted, calendar.NullDate{}
		if !online {
			status, received = StatusReceived, calendar.NullDate{Date: in.ReceivedOn, Valid: true}
		}
		dl, _ := s.compute(received, chinaDate(now), nil)
		var id int64
		err = tx.GetContext(ctx, &id, `INSERT INTO applications (body_id, tracking_no, year, serial, query_code_hash,
			applicant_type, applicant_name, id_type, id_number, legal_rep, contact_person, phone, email, address, postcode,
			description, doc_hint, form_wanted, delivery, channel, consent, submitted_at, received_on, status,
			due_on, due_provisional, source, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,
			$25, $26, $27, $28, $22, $22) RETURNING id`,
			b.ID, no, day.Year(), serial, []byte(hash),
			in.ApplicantType, in.ApplicantName, in.IDType, in.IDNumber, in.LegalRep, in.ContactPerson, in.Phone, in.Email, in.Address, in.Postcode,
			in.Description, in.DocHint, in.FormWanted, in.Delivery, in.Channel, in.Consent, now, received, status,
			dueOf(dl), dl.Provisional, in.Source, actor.Name)
		if err != nil {
			return fmt.Errorf("insert application: %w", err)
		}
		ev := newEvent{kind: EventSubmitted, on: chinaDate(now), basis: "条例第二十九条", public: true, data: eventData{Channel: in.Channel}}
		if !online {
			ev = newEvent{kind: EventReceived, on: in.ReceivedOn, basis: "条例第三十一条", public: true, data: eventData{Channel: in.Channel}}
		}
		if err := s.insertEvent(ctx, tx, id, actor, now, ev); err != nil {
			return err
		}
		return audit.Append(ctx, tx, actor, audit.Event{Action: action, Target: "application:" + no, Body: b.Code,
			Changes: map[string]any{"tracking_no": no, "applicant": maskedApplicant(in.ApplicantType, in.ApplicantName),
				"applicant_type": in.ApplicantType, "channel": in.Channel, "received_on": received}})
	})
	if err != nil {
		return Application{}, "", fmt.Errorf("requests: %s: %w", action, err)
	}
	a, err := s.Get(ctx, no)
	return a, code, err
}

// maskedApplicant is how an applicant appears in the audit log: personal names masked.
func maskedApplicant(t ApplicantType, name string) string {
	if t == ApplicantPerson {
		return MaskName(name)
	}
	return name
}

func dueOf(dl Deadline) calendar.NullDate {
	if dl.Due.IsZero() {
		return calendar.NullDate{}
	}
	return calendar.NullDate{Date: dl.Due, Valid: true}
}

// compute runs the clock for an application received on received (or, not yet received, as if
// received on submitted, the confirmation's default) with its stored events.
func (s *Store) compute(received calendar.NullDate, submitted calendar.Date, events []Event) (Deadline, error) {
	start := submitted
	if received.Valid {
		start = received.Date
	}
	return ComputeDeadline(s.Calendar(), s.policy, start, clockEvents(events))
}

// clockEvents picks the events that move the clock, in order.
func clockEvents(events []Event) []ClockEvent {
	var out []ClockEvent
	for _, e := range events {
		if !isClockKind(e.Kind) {
			continue
		}
		var d eventData
		_ = json.Unmarshal(e.Data, &d)
		out = append(out, ClockEvent{Kind: ClockEventKind(e.Kind), On: e.On, Reason: d.Reason, Days: d.Days})
	}
	return out
}

// newEvent is an event about to be stored.
type newEvent struct {
	kind   string
	on     calendar.Date
	basis  string
	note   string
	data   eventData
	public bool
}

func (s *Store) insertEvent(ctx context.Context, tx *sqlx.Tx, appID int64, actor audit.Actor, at time.Time, e newEvent) error {
	data, err := json.Marshal(e.data)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO application_events (application_id, kind, on_date, at, actor, basis, note, data, public)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)`, appID, e.kind, e.on, at, actor.Name, e.basis, e.note, string(data), e.public)
	if err != nil {
		return fmt.Errorf("insert event %s: %w", e.kind, err)
	}
	return nil
}

// selectApplications reads applications with their body and linked tracking numbers; add
// WHERE, ORDER BY and LIMIT.
const selectApplications = `SELECT a.id, a.tracking_no, b.code AS body_code, b.name AS body_name, a.year,
	a.applicant_type, a.applicant_name, a.id_type, a.id_number, a.legal_rep, a.contact_person, a.phone, a.email,
	a.address, a.postcode, a.description, a.doc_hint, a.form_wanted, a.delivery, a.consent, a.channel, a.status,
	a.received_on, a.due_on, a.due_provisional, a.extended, COALESCE(a.outcome, '') AS outcome, a.answered_on,
	a.answer_text, a.fee_yuan, COALESCE(t.tracking_no, '') AS transferred_to, COALESCE(f.tracking_no, '') AS transferred_from,
	a.submitted_at, a.source, a.created_by, a.updated_at
	FROM applications a JOIN bodies b ON b.id = a.body_id
	LEFT JOIN applications t ON t.id = a.transferred_to
	LEFT JOIN applications f ON f.id = a.transferred_from`

// Get returns the application with its events and its deadline explained, in full (officers,
// administrators and auditors; use Masked for anyone else).
func (s *Store) Get(ctx context.Context, trackingNo string) (Application, error) {
	a, err := s.get(ctx, s.db, NormalizeTrackingNo(trackingNo), false)
	if err != nil {
		return Application{}, fmt.Errorf("requests: application %s: %w", trackingNo, err)
	}
	return a, nil
}

// get loads an application (FOR UPDATE inside a transaction when lock is set) with its events
// and deadline.
func (s *Store) get(ctx context.Context, q sqlx.QueryerContext, no string, lock bool) (Application, error) {
	query := selectApplications + ` WHERE a.tracking_no = $1`
	if lock {
		query += ` FOR UPDATE OF a`
	}
	var a Application
	err := sqlx.GetContext(ctx, q, &a, query, no)
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, ErrNotFound
	}
	if err != nil {
		return Application{}, err
	}
	if a.Events, err = s.events(ctx, q, a.ID); err != nil {
		return Application{}, err
	}
	// A calendar change can make a recorded sequence impossible (an event now after a due
	// date); the stored due date stands then, and the explanation is left empty.
	a.Deadline, _ = s.compute(a.ReceivedOn, chinaDate(a.SubmittedAt), a.Events)
	return a, nil
}

func (s *Store) events(ctx context.Context, q sqlx.QueryerContext, appID int64) ([]Event, error) {
	var rows []struct {
		Event
		DataText string `db:"data_text"`
	}
	if err := sqlx.SelectContext(ctx, q, &rows, `SELECT id, kind, on_date, at, actor, basis, note, data::text AS data_text, public
		FROM application_events WHERE application_id = $1 ORDER BY id`, appID); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = r.Event
		if r.DataText != "" && r.DataText != "{}" {
			out[i].Data = json.RawMessage(r.DataText)
		}
	}
	return out, nil
}

// BodyOf returns the code of the body handling the application, for access checks.
func (s *Store) BodyOf(ctx context.Context, trackingNo string) (string, error) {
	var code string
	err := s.db.GetContext(ctx, &code, `SELECT b.code FROM applications a JOIN bodies b ON b.id = a.body_id WHERE a.tracking_no = $1`,
		NormalizeTrackingNo(trackingNo))
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("requests: application %s: %w", trackingNo, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("requests: application %s: %w", trackingNo, err)
	}
	return code, nil
}

// Track is the applicant's door: the application with trackingNo if code is its query code.
// It returns the FULL application; callers showing it to the public must use Masked.
//
// Wrong guesses are limited: after TrackLimit failures within TrackWindow from clientAddr, or
// for trackingNo from any address, Track answers ErrTooManyAttempts without checking the code
// (so a correct guess cannot be told apart until the window passes). An unknown number is
// ErrNotFound and counts against the address; a wrong code is ErrBadCode and counts against
// both. The code is compared in constant time.
func (s *Store) Track(ctx context.Context, trackingNo, code, clientAddr string) (Application, error) {
	no := NormalizeTrackingNo(trackingNo)
	code = NormalizeQueryCode(code)
	addrKey, noKey := "addr:"+clientAddr, "no:"+no
	now := s.clock()
	since := now.Add(-s.TrackWindow)
	var counts struct {
		Addr int `db:"addr"`
		No   int `db:"no"`
	}
	if err := s.db.GetContext(ctx, &counts, `SELECT count(*) FILTER (WHERE key = $1) AS addr, count(*) FILTER (WHERE key = $2) AS no
		FROM tracking_failures WHERE key IN ($1, $2) AND at > $3`, addrKey, noKey, since); err != nil {
		return Application{}, fmt.Errorf("requests: track: %w", err)
	}
	if counts.Addr >= s.TrackLimit || counts.No >= s.TrackLimit {
		return Application{}, ErrTooManyAttempts
	}
	var stored []byte
	err := s.db.GetContext(ctx, &stored, `SELECT query_code_hash FROM applications WHERE tracking_no = $1`, no)
	if errors.Is(err, sql.ErrNoRows) {
		// Spend the same time as a real check, so that timing does not tell which numbers exist.
		_, _ = s.codeHasher.Verify(code, dummyHash)
		if err := s.fail(ctx, now, addrKey); err != nil {
			return Application{}, err
		}
		return Application{}, fmt.Errorf("requests: track %s: %w", no, ErrNotFound)
	}
	if err != nil {
		return Application{}, fmt.Errorf("requests: track: %w", err)
	}
	ok, err := s.codeHasher.Verify(code, string(stored))
	if err != nil {
		return Application{}, fmt.Errorf("requests: track %s: %w", no, err)
	}
	if !ok || code == "" {
		if err := s.fail(ctx, now, addrKey, noKey); err != nil {
			return Application{}, err
		}
		return Application{}, fmt.Errorf("requests: track %s: %w", no, ErrBadCode)
	}
	return s.Get(ctx, no)
}

// dummyHash has the parameters of real query-code hashes (see NewStore).
const dummyHash = "$argon2id$v=19$m=8192,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

// fail records a failed tracking attempt under each key and forgets attempts older than a day.
func (s *Store) fail(ctx context.Context, at time.Time, keys ...string) error {
	_, err := s.db.ExecContext(ctx, `WITH old AS (DELETE FROM tracking_failures WHERE key = ANY($1) AND at < $3)
		INSERT INTO tracking_failures (key, at) SELECT unnest($1::text[]), $2`, pq.Array(keys), at, at.Add(-24*time.Hour))
	if err != nil {
		return fmt.Errorf("requests: track: record failure: %w", err)
	}
	return nil
}
